//! Password policy: what a component enforces for new passwords ([`PasswordPolicy`]), the
//! numbers a security level asks for ([`PolicyThresholds`]), and the evaluators for
//! CR 1.7 (strength), CR 1.7 RE 1 (generation and lifetime restrictions for human users) and
//! CR 1.7 RE 2 (lifetime restrictions for all users).
//!
//! The policy is a plain settings struct: firmware fills it from its own configuration, the
//! host runner from `pwquality.conf`, `pam_pwhistory` and `login.defs`. Only settings that are
//! *enforced* belong in it (a pwquality configuration with `enforcing = 0` only warns, so the
//! host leaves such values out). Shortfalls name parameters the way those files do (`minlen`,
//! `minclass`, `dictcheck`, `maxrepeat`, `remember`, `PASS_MIN_DAYS`, `PASS_MAX_DAYS`), which
//! is also how most device configuration pages label them.
//!
//! Guarantee: evaluation never panics or allocates; an unset control that a requirement needs
//! is a fail with `found: None`, never a pass.
//!
//! ```
//! use otcheck_core::auth::{policy, LifetimeScope, PasswordPolicy, PolicyThresholds};
//! use otcheck_core::SecurityLevel;
//!
//! let mut p = PasswordPolicy::new();
//! p.min_length = Some(15);
//! p.min_char_classes = Some(3);
//! p.blocklist = Some(true);
//! p.max_repeat = Some(3);
//! p.history = Some(5);
//! p.min_lifetime_days = Some(1);
//! p.max_lifetime_days = Some(365);
//! p.lifetime_scope = Some(LifetimeScope::HumanUsers);
//!
//! let th = PolicyThresholds::for_level(SecurityLevel::Sl3);
//! assert!(policy::check_password_policy(&p, &th).outcome.is_pass());
//! assert!(policy::check_lifetime_human(&p, &th).outcome.is_pass());
//! // RE 2 also wants the limits applied to software and device accounts:
//! let re2 = policy::check_lifetime_all_users(&p, &th);
//! assert_eq!(re2.outcome.finding().map(|f| f.code.as_str()), Some("AUTH-PW-LIFETIME-SCOPE"));
//! ```

use crate::SecurityLevel;
use crate::check::{CheckResult, Finding, FindingCode, Needed, Shortfall};

use super::{PASSWORD_LIFETIME, PASSWORD_LIFETIME_HUMAN, PASSWORD_POLICY, judge};

/// Which accounts the lifetime restrictions (`PASS_MIN_DAYS`, `PASS_MAX_DAYS`) apply to.
///
/// ```
/// use otcheck_core::auth::LifetimeScope;
/// assert_ne!(LifetimeScope::HumanUsers, LifetimeScope::AllUsers);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum LifetimeScope {
    /// Only accounts of human users (interactive logins).
    HumanUsers,
    /// Every account: human users, software processes and devices.
    AllUsers,
}

/// The password rules a component enforces. `None` means "not configured".
///
/// Construct with [`PasswordPolicy::new`] (everything unset) and set what is configured; the
/// struct is `#[non_exhaustive]` so that new controls can be added.
///
/// ```
/// use otcheck_core::auth::PasswordPolicy;
/// const POLICY: PasswordPolicy = {
///     let mut p = PasswordPolicy::new();
///     p.min_length = Some(12);
///     p
/// };
/// assert_eq!(POLICY.min_length, Some(12));
/// assert_eq!(POLICY.history, None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
#[non_exhaustive]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct PasswordPolicy {
    /// Minimum length of a new password, in characters (`minlen`).
    pub min_length: Option<u32>,
    /// Number of character classes (lower case, upper case, digits, others) a new password
    /// must contain (`minclass`, or the count of negative pwquality credits).
    pub min_char_classes: Option<u8>,
    /// Whether new passwords are checked against a list of common or compromised passwords
    /// (`dictcheck`, `cracklib`, or the device's own blocklist).
    pub blocklist: Option<bool>,
    /// Maximum number of identical consecutive characters (`maxrepeat`); `Some(0)` means no
    /// limit, as in pwquality.
    pub max_repeat: Option<u32>,
    /// Number of previous passwords a user may not reuse (`remember`).
    pub history: Option<u32>,
    /// Days before a password may be changed again (`PASS_MIN_DAYS`).
    pub min_lifetime_days: Option<u32>,
    /// Days after which a password must be changed (`PASS_MAX_DAYS`; 99999 means never).
    pub max_lifetime_days: Option<u32>,
    /// Which accounts the lifetime limits apply to.
    pub lifetime_scope: Option<LifetimeScope>,
}

impl PasswordPolicy {
    /// A policy with nothing configured.
    ///
    /// ```
    /// use otcheck_core::auth::PasswordPolicy;
    /// assert_eq!(PasswordPolicy::new(), PasswordPolicy::default());
    /// ```
    #[must_use]
    pub const fn new() -> Self {
        Self {
            min_length: None,
            min_char_classes: None,
            blocklist: None,
            max_repeat: None,
            history: None,
            min_lifetime_days: None,
            max_lifetime_days: None,
            lifetime_scope: None,
        }
    }
}

/// The numbers a password policy must meet. Start from [`PolicyThresholds::for_level`] and
/// override fields where a vendor's risk assessment justifies it.
///
/// Below the level at which a requirement is first required, the numbers of that level apply
/// (for example the SL 3 lifetime limits of CR 1.7 RE 1 when evaluating at SL 1), so that a
/// pass never claims more than what was verified.
///
/// ```
/// use otcheck_core::auth::PolicyThresholds;
/// use otcheck_core::SecurityLevel;
/// let mut th = PolicyThresholds::for_level(SecurityLevel::Sl2);
/// assert_eq!(th.min_length, 12);
/// th.min_length = 10; // vendor override, documented in the vendor's security manual
/// assert_eq!(th.char_classes_needed(Some(10)), 3);
/// assert_eq!(th.char_classes_needed(Some(20)), 2); // passphrase
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct PolicyThresholds {
    /// Least acceptable `minlen`.
    ///
    /// SL 1: 8, NIST SP 800-63B-4 §3.1.1.2 (minimum for a password used with a second factor)
    /// and BSI "Sichere Passwörter erstellen" (at least 8 characters).
    /// SL 2: 12, OWASP ASVS 4.0.3 V2.1.1.
    /// SL 3 and SL 4: 15, NIST SP 800-63B-4 §3.1.1.2 (minimum for a single-factor password).
    pub min_length: u32,
    /// Least acceptable `minclass`. IEC 62443-4-2 CR 1.7 asks for a configurable variety of
    /// character types. SL 1: 2; SL 2 and SL 3: 3; SL 4: 4, following BSI "Sichere Passwörter
    /// erstellen" (8 characters from all four classes); the SL 1–3 steps are otcheck's.
    pub min_char_classes: u8,
    /// A `minlen` at or above which [`passphrase_char_classes`](Self::passphrase_char_classes)
    /// suffice instead: 20 at every level, after BSI "Sichere Passwörter erstellen" (20 to 25
    /// characters from two classes). `None` disables the passphrase rule.
    pub passphrase_length: Option<u32>,
    /// Classes needed when `minlen` reaches [`passphrase_length`](Self::passphrase_length): 2.
    pub passphrase_char_classes: u8,
    /// Whether a blocklist check is required: from SL 2, after NIST SP 800-63B-4 §3.1.1.2
    /// ("SHALL compare ... against a blocklist").
    pub require_blocklist: bool,
    /// Largest acceptable `maxrepeat`, if one is required: 3 from SL 3 (otcheck's choice; the
    /// value pwquality's documentation uses as its example), not required below.
    pub max_repeat: Option<u32>,
    /// Least acceptable `remember` (CR 1.7 RE 1): 5 up to SL 3 (CIS Linux Benchmarks,
    /// `pam_pwhistory remember=5`), 24 at SL 4 (CIS Microsoft Windows Benchmarks, "Enforce
    /// password history: 24").
    pub history: u32,
    /// Least acceptable `PASS_MIN_DAYS` (CR 1.7 RE 1 and RE 2): 1 day (CIS Linux Benchmarks),
    /// so that the history cannot be cycled through at once.
    pub min_lifetime_days: u32,
    /// Largest acceptable `PASS_MAX_DAYS` (CR 1.7 RE 1 and RE 2): 365 days (CIS Linux
    /// Benchmarks). IEC 62443-4-2 requires the *capability* to limit lifetimes; NIST SP
    /// 800-63B-4 advises against frequent forced changes, hence a generous yearly limit.
    pub max_lifetime_days: u32,
}

impl PolicyThresholds {
    /// The documented defaults for `level` (see each field for the numbers and sources).
    /// SL 0 uses the SL 1 numbers.
    ///
    /// ```
    /// use otcheck_core::auth::PolicyThresholds;
    /// use otcheck_core::SecurityLevel::*;
    /// assert_eq!(PolicyThresholds::for_level(Sl1).min_length, 8);
    /// assert_eq!(PolicyThresholds::for_level(Sl4).min_char_classes, 4);
    /// assert!(!PolicyThresholds::for_level(Sl1).require_blocklist);
    /// assert_eq!(PolicyThresholds::for_level(Sl3).max_repeat, Some(3));
    /// ```
    #[must_use]
    pub const fn for_level(level: SecurityLevel) -> Self {
        let base = Self {
            min_length: 8,
            min_char_classes: 2,
            passphrase_length: Some(20),
            passphrase_char_classes: 2,
            require_blocklist: false,
            max_repeat: None,
            history: 5,
            min_lifetime_days: 1,
            max_lifetime_days: 365,
        };
        match level {
            SecurityLevel::Sl0 | SecurityLevel::Sl1 => base,
            SecurityLevel::Sl2 => Self {
                min_length: 12,
                min_char_classes: 3,
                require_blocklist: true,
                ..base
            },
            SecurityLevel::Sl3 => Self {
                min_length: 15,
                min_char_classes: 3,
                require_blocklist: true,
                max_repeat: Some(3),
                ..base
            },
            SecurityLevel::Sl4 => Self {
                min_length: 15,
                min_char_classes: 4,
                require_blocklist: true,
                max_repeat: Some(3),
                history: 24,
                ..base
            },
        }
    }

    /// The number of character classes needed for a policy with this `minlen`: the
    /// passphrase number when `minlen` reaches the passphrase length, otherwise
    /// [`min_char_classes`](Self::min_char_classes).
    ///
    /// ```
    /// use otcheck_core::auth::PolicyThresholds;
    /// use otcheck_core::SecurityLevel;
    /// let th = PolicyThresholds::for_level(SecurityLevel::Sl4);
    /// assert_eq!(th.char_classes_needed(None), 4);
    /// assert_eq!(th.char_classes_needed(Some(19)), 4);
    /// assert_eq!(th.char_classes_needed(Some(24)), 2);
    /// ```
    #[must_use]
    pub fn char_classes_needed(&self, min_length: Option<u32>) -> u8 {
        match (self.passphrase_length, min_length) {
            (Some(passphrase), Some(len)) if len >= passphrase => {
                self.passphrase_char_classes.min(self.min_char_classes)
            }
            _ => self.min_char_classes,
        }
    }
}

const MIN_LENGTH: FindingCode = FindingCode::new("AUTH-PW-MIN-LENGTH");
const CHAR_CLASSES: FindingCode = FindingCode::new("AUTH-PW-CHAR-CLASSES");
const BLOCKLIST: FindingCode = FindingCode::new("AUTH-PW-BLOCKLIST");
const MAX_REPEAT: FindingCode = FindingCode::new("AUTH-PW-MAX-REPEAT");
const HISTORY: FindingCode = FindingCode::new("AUTH-PW-HISTORY");
const MIN_LIFETIME: FindingCode = FindingCode::new("AUTH-PW-MIN-LIFETIME");
const MAX_LIFETIME: FindingCode = FindingCode::new("AUTH-PW-MAX-LIFETIME");
const LIFETIME_ORDER: FindingCode = FindingCode::new("AUTH-PW-LIFETIME-INCONSISTENT");
const LIFETIME_SCOPE: FindingCode = FindingCode::new("AUTH-PW-LIFETIME-SCOPE");

/// A finding when `found` is unset or below `needed`.
fn at_least(
    code: FindingCode,
    message: &'static str,
    parameter: &'static str,
    found: Option<u32>,
    needed: u32,
) -> Option<Finding> {
    match found {
        Some(v) if v >= needed => None,
        _ => Some(Finding::with_shortfall(
            code,
            message,
            Shortfall {
                parameter,
                found: found.map(u64::from),
                needed: Needed::AtLeast(u64::from(needed)),
            },
        )),
    }
}

/// A finding when `found` is unset or above `needed`.
fn at_most(
    code: FindingCode,
    message: &'static str,
    parameter: &'static str,
    found: Option<u32>,
    needed: u32,
) -> Option<Finding> {
    match found {
        Some(v) if v <= needed => None,
        _ => Some(Finding::with_shortfall(
            code,
            message,
            Shortfall {
                parameter,
                found: found.map(u64::from),
                needed: Needed::AtMost(u64::from(needed)),
            },
        )),
    }
}

fn min_length(p: &PasswordPolicy, th: &PolicyThresholds) -> Option<Finding> {
    at_least(
        MIN_LENGTH,
        "the minimum password length is too short",
        "minlen",
        p.min_length,
        th.min_length,
    )
}

fn char_classes(p: &PasswordPolicy, th: &PolicyThresholds) -> Option<Finding> {
    at_least(
        CHAR_CLASSES,
        "too few character classes are required in passwords",
        "minclass",
        p.min_char_classes.map(u32::from),
        u32::from(th.char_classes_needed(p.min_length)),
    )
}

fn blocklist(p: &PasswordPolicy, th: &PolicyThresholds) -> Option<Finding> {
    match (th.require_blocklist, p.blocklist) {
        (false, _) | (true, Some(true)) => None,
        (true, found) => Some(Finding::with_shortfall(
            BLOCKLIST,
            "new passwords are not checked against a blocklist of common passwords",
            Shortfall {
                parameter: "dictcheck",
                found: found.map(u64::from),
                needed: Needed::Enabled,
            },
        )),
    }
}

fn max_repeat(p: &PasswordPolicy, th: &PolicyThresholds) -> Option<Finding> {
    let needed = th.max_repeat?;
    // `maxrepeat = 0` disables the check in pwquality: report it as not set.
    let found = p.max_repeat.filter(|&n| n != 0);
    at_most(
        MAX_REPEAT,
        "repeated characters in passwords are not limited enough",
        "maxrepeat",
        found,
        needed,
    )
}

fn history(p: &PasswordPolicy, th: &PolicyThresholds) -> Option<Finding> {
    at_least(
        HISTORY,
        "too few previous passwords are remembered to prevent reuse",
        "remember",
        p.history,
        th.history,
    )
}

fn min_lifetime(p: &PasswordPolicy, th: &PolicyThresholds) -> Option<Finding> {
    at_least(
        MIN_LIFETIME,
        "the minimum password lifetime is too short",
        "PASS_MIN_DAYS",
        p.min_lifetime_days,
        th.min_lifetime_days,
    )
}

fn max_lifetime(p: &PasswordPolicy, th: &PolicyThresholds) -> Option<Finding> {
    at_most(
        MAX_LIFETIME,
        "the maximum password lifetime is too long or unlimited",
        "PASS_MAX_DAYS",
        p.max_lifetime_days,
        th.max_lifetime_days,
    )
}

fn lifetime_order(p: &PasswordPolicy) -> Option<Finding> {
    match (p.min_lifetime_days, p.max_lifetime_days) {
        (Some(min), Some(max)) if min > max => Some(Finding::with_shortfall(
            LIFETIME_ORDER,
            "the minimum password lifetime exceeds the maximum: passwords cannot be changed in time",
            Shortfall {
                parameter: "PASS_MIN_DAYS",
                found: Some(u64::from(min)),
                needed: Needed::AtMost(u64::from(max)),
            },
        )),
        _ => None,
    }
}

fn lifetime_scope(p: &PasswordPolicy) -> Option<Finding> {
    match p.lifetime_scope {
        Some(LifetimeScope::AllUsers) => None,
        Some(LifetimeScope::HumanUsers) => Some(Finding::new(
            LIFETIME_SCOPE,
            "password lifetime limits apply to human users only, not to software processes and devices",
        )),
        None => Some(Finding::new(
            LIFETIME_SCOPE,
            "it is not known which accounts the password lifetime limits apply to",
        )),
    }
}

/// Every shortfall of `policy` against CR 1.7 at `th`, most important first: `minlen`,
/// `minclass`, `dictcheck`, `maxrepeat`.
///
/// ```
/// use otcheck_core::auth::{policy, PasswordPolicy, PolicyThresholds};
/// use otcheck_core::SecurityLevel;
/// let th = PolicyThresholds::for_level(SecurityLevel::Sl3);
/// let codes: Vec<_> = policy::password_policy_findings(&PasswordPolicy::new(), &th)
///     .map(|f| f.code.as_str())
///     .collect();
/// assert_eq!(codes, ["AUTH-PW-MIN-LENGTH", "AUTH-PW-CHAR-CLASSES", "AUTH-PW-BLOCKLIST", "AUTH-PW-MAX-REPEAT"]);
/// ```
pub fn password_policy_findings(
    policy: &PasswordPolicy,
    th: &PolicyThresholds,
) -> impl Iterator<Item = Finding> + use<> {
    [
        min_length(policy, th),
        char_classes(policy, th),
        blocklist(policy, th),
        max_repeat(policy, th),
    ]
    .into_iter()
    .flatten()
}

/// `auth.password-policy`: judges `policy` against CR 1.7 at `th`. Fails with the first of
/// [`password_policy_findings`]. Evidences CR 1.7 (strength of password-based
/// authentication).
///
/// ```
/// use otcheck_core::auth::{policy, PasswordPolicy, PolicyThresholds};
/// use otcheck_core::SecurityLevel;
/// let mut p = PasswordPolicy::new();
/// p.min_length = Some(8);
/// p.min_char_classes = Some(2);
/// let r = policy::check_password_policy(&p, &PolicyThresholds::for_level(SecurityLevel::Sl1));
/// assert!(r.outcome.is_pass());
/// assert_eq!(r.info.id.as_str(), "auth.password-policy");
/// ```
pub fn check_password_policy(policy: &PasswordPolicy, th: &PolicyThresholds) -> CheckResult {
    judge(
        &PASSWORD_POLICY,
        password_policy_findings(policy, th),
        "the password policy enforces the required minimum length, character classes and blocklist",
    )
}

/// Every shortfall of `policy` against CR 1.7 RE 1 at `th`, most important first:
/// `remember`, `PASS_MIN_DAYS`, `PASS_MAX_DAYS`, then a minimum above the maximum.
///
/// ```
/// use otcheck_core::auth::{policy, PasswordPolicy, PolicyThresholds};
/// use otcheck_core::SecurityLevel;
/// let mut p = PasswordPolicy::new();
/// p.history = Some(5);
/// p.max_lifetime_days = Some(99999);
/// let th = PolicyThresholds::for_level(SecurityLevel::Sl3);
/// let all: Vec<_> = policy::lifetime_human_findings(&p, &th).map(|f| f.code.as_str()).collect();
/// assert_eq!(all, ["AUTH-PW-MIN-LIFETIME", "AUTH-PW-MAX-LIFETIME"]);
/// ```
pub fn lifetime_human_findings(
    policy: &PasswordPolicy,
    th: &PolicyThresholds,
) -> impl Iterator<Item = Finding> + use<> {
    [
        history(policy, th),
        min_lifetime(policy, th),
        max_lifetime(policy, th),
        lifetime_order(policy),
    ]
    .into_iter()
    .flatten()
}

/// `auth.password-lifetime-human`: judges `policy` against CR 1.7 RE 1 at `th` (password
/// reuse prevented, minimum and maximum lifetime for human users).
///
/// ```
/// use otcheck_core::auth::{policy, PasswordPolicy, PolicyThresholds};
/// use otcheck_core::SecurityLevel;
/// let r = policy::check_lifetime_human(&PasswordPolicy::new(), &PolicyThresholds::for_level(SecurityLevel::Sl3));
/// let f = r.outcome.finding().ok_or("fail expected")?;
/// assert_eq!(f.to_string(), "AUTH-PW-HISTORY: too few previous passwords are remembered to prevent reuse (remember is not set, needs at least 5)");
/// # Ok::<(), &str>(())
/// ```
pub fn check_lifetime_human(policy: &PasswordPolicy, th: &PolicyThresholds) -> CheckResult {
    judge(
        &PASSWORD_LIFETIME_HUMAN,
        lifetime_human_findings(policy, th),
        "password reuse is prevented and password lifetimes are limited for human users",
    )
}

/// Every shortfall of `policy` against CR 1.7 RE 2 at `th`, most important first: the scope
/// of the lifetime limits, `PASS_MIN_DAYS`, `PASS_MAX_DAYS`, a minimum above the maximum.
///
/// ```
/// use otcheck_core::auth::{policy, LifetimeScope, PasswordPolicy, PolicyThresholds};
/// use otcheck_core::SecurityLevel;
/// let mut p = PasswordPolicy::new();
/// p.lifetime_scope = Some(LifetimeScope::AllUsers);
/// p.min_lifetime_days = Some(1);
/// p.max_lifetime_days = Some(90);
/// let th = PolicyThresholds::for_level(SecurityLevel::Sl4);
/// assert_eq!(policy::lifetime_all_users_findings(&p, &th).count(), 0);
/// ```
pub fn lifetime_all_users_findings(
    policy: &PasswordPolicy,
    th: &PolicyThresholds,
) -> impl Iterator<Item = Finding> + use<> {
    [
        lifetime_scope(policy),
        min_lifetime(policy, th),
        max_lifetime(policy, th),
        lifetime_order(policy),
    ]
    .into_iter()
    .flatten()
}

/// `auth.password-lifetime`: judges `policy` against CR 1.7 RE 2 at `th` (lifetime limits for
/// human users, software processes and devices alike).
///
/// ```
/// use otcheck_core::auth::{policy, LifetimeScope, PasswordPolicy, PolicyThresholds};
/// use otcheck_core::SecurityLevel;
/// let mut p = PasswordPolicy::new();
/// p.lifetime_scope = Some(LifetimeScope::AllUsers);
/// p.min_lifetime_days = Some(0);
/// p.max_lifetime_days = Some(365);
/// let r = policy::check_lifetime_all_users(&p, &PolicyThresholds::for_level(SecurityLevel::Sl4));
/// assert_eq!(r.outcome.finding().map(|f| f.code.as_str()), Some("AUTH-PW-MIN-LIFETIME"));
/// ```
pub fn check_lifetime_all_users(policy: &PasswordPolicy, th: &PolicyThresholds) -> CheckResult {
    judge(
        &PASSWORD_LIFETIME,
        lifetime_all_users_findings(policy, th),
        "password lifetimes are limited for all users, including software processes and devices",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Outcome;
    use proptest::prelude::*;
    use std::vec::Vec;

    fn compliant(level: SecurityLevel) -> PasswordPolicy {
        let th = PolicyThresholds::for_level(level);
        let mut p = PasswordPolicy::new();
        p.min_length = Some(th.min_length);
        p.min_char_classes = Some(th.min_char_classes);
        p.blocklist = Some(true);
        p.max_repeat = th.max_repeat;
        p.history = Some(th.history);
        p.min_lifetime_days = Some(th.min_lifetime_days);
        p.max_lifetime_days = Some(th.max_lifetime_days);
        p.lifetime_scope = Some(LifetimeScope::AllUsers);
        p
    }

    fn codes(it: impl Iterator<Item = Finding>) -> Vec<&'static str> {
        it.map(|f| f.code.as_str()).collect()
    }

    #[test]
    fn the_thresholds_of_each_level_pass_exactly_at_the_boundary() {
        for level in SecurityLevel::RATED {
            let th = PolicyThresholds::for_level(level);
            let p = compliant(level);
            assert!(check_password_policy(&p, &th).outcome.is_pass(), "{level}");
            assert!(check_lifetime_human(&p, &th).outcome.is_pass(), "{level}");
            assert!(
                check_lifetime_all_users(&p, &th).outcome.is_pass(),
                "{level}"
            );

            let mut short = p;
            short.min_length = Some(th.min_length - 1);
            let f = *check_password_policy(&short, &th)
                .outcome
                .finding()
                .unwrap();
            assert_eq!(f.code, MIN_LENGTH);
            assert_eq!(
                f.shortfall,
                Some(Shortfall {
                    parameter: "minlen",
                    found: Some(u64::from(th.min_length - 1)),
                    needed: Needed::AtLeast(u64::from(th.min_length)),
                })
            );
        }
    }

    #[test]
    fn thresholds_never_get_weaker_with_the_level() {
        for pair in SecurityLevel::RATED.windows(2) {
            let (lo, hi) = (
                PolicyThresholds::for_level(pair[0]),
                PolicyThresholds::for_level(pair[1]),
            );
            assert!(hi.min_length >= lo.min_length);
            assert!(hi.min_char_classes >= lo.min_char_classes);
            assert!(hi.require_blocklist >= lo.require_blocklist);
            assert!(hi.history >= lo.history);
            assert!(hi.max_lifetime_days <= lo.max_lifetime_days);
        }
        assert_eq!(
            PolicyThresholds::for_level(SecurityLevel::Sl0),
            PolicyThresholds::for_level(SecurityLevel::Sl1)
        );
    }

    #[test]
    fn an_empty_policy_fails_every_rule_with_found_none() {
        let th = PolicyThresholds::for_level(SecurityLevel::Sl4);
        let p = PasswordPolicy::new();
        for f in password_policy_findings(&p, &th)
            .chain(lifetime_human_findings(&p, &th))
            .chain(lifetime_all_users_findings(&p, &th))
        {
            if let Some(s) = f.shortfall {
                assert_eq!(s.found, None, "{f}");
            }
        }
        assert_eq!(
            codes(lifetime_all_users_findings(&p, &th)),
            [
                "AUTH-PW-LIFETIME-SCOPE",
                "AUTH-PW-MIN-LIFETIME",
                "AUTH-PW-MAX-LIFETIME"
            ]
        );
    }

    #[test]
    fn passphrase_policies_need_fewer_classes() {
        let th = PolicyThresholds::for_level(SecurityLevel::Sl3);
        let mut p = compliant(SecurityLevel::Sl3);
        p.min_char_classes = Some(2);
        assert_eq!(
            codes(password_policy_findings(&p, &th)),
            ["AUTH-PW-CHAR-CLASSES"]
        );
        p.min_length = Some(20);
        assert!(check_password_policy(&p, &th).outcome.is_pass());
        let mut no_passphrase = th;
        no_passphrase.passphrase_length = None;
        assert!(!check_password_policy(&p, &no_passphrase).outcome.is_pass());
    }

    #[test]
    fn blocklist_is_required_from_sl2_and_disabled_is_found_zero() {
        let mut p = compliant(SecurityLevel::Sl1);
        p.blocklist = Some(false);
        assert!(
            check_password_policy(&p, &PolicyThresholds::for_level(SecurityLevel::Sl1))
                .outcome
                .is_pass()
        );
        let mut p2 = compliant(SecurityLevel::Sl2);
        p2.blocklist = Some(false);
        let r = check_password_policy(&p2, &PolicyThresholds::for_level(SecurityLevel::Sl2));
        let s = r.outcome.finding().unwrap().shortfall.unwrap();
        assert_eq!(
            (s.parameter, s.found, s.needed),
            ("dictcheck", Some(0), Needed::Enabled)
        );
    }

    #[test]
    fn maxrepeat_zero_means_unlimited() {
        let th = PolicyThresholds::for_level(SecurityLevel::Sl3);
        let mut p = compliant(SecurityLevel::Sl3);
        p.max_repeat = Some(0);
        let f = *check_password_policy(&p, &th).outcome.finding().unwrap();
        assert_eq!(f.code, MAX_REPEAT);
        assert_eq!(f.shortfall.unwrap().found, None);
        p.max_repeat = Some(4);
        assert_eq!(
            codes(password_policy_findings(&p, &th)),
            ["AUTH-PW-MAX-REPEAT"]
        );
        p.max_repeat = Some(2);
        assert!(check_password_policy(&p, &th).outcome.is_pass());
    }

    #[test]
    fn never_expiring_passwords_and_inverted_lifetimes_fail() {
        let th = PolicyThresholds::for_level(SecurityLevel::Sl3);
        let mut p = compliant(SecurityLevel::Sl3);
        p.max_lifetime_days = Some(99_999);
        let f = *check_lifetime_human(&p, &th).outcome.finding().unwrap();
        assert_eq!(f.code, MAX_LIFETIME);
        assert_eq!(f.shortfall.unwrap().needed, Needed::AtMost(365));

        p.max_lifetime_days = Some(30);
        p.min_lifetime_days = Some(60);
        assert_eq!(
            codes(lifetime_human_findings(&p, &th)),
            ["AUTH-PW-LIFETIME-INCONSISTENT"]
        );
    }

    #[test]
    fn human_only_scope_passes_re1_but_fails_re2() {
        let th = PolicyThresholds::for_level(SecurityLevel::Sl4);
        let mut p = compliant(SecurityLevel::Sl4);
        p.lifetime_scope = Some(LifetimeScope::HumanUsers);
        assert!(check_lifetime_human(&p, &th).outcome.is_pass());
        let r = check_lifetime_all_users(&p, &th);
        assert!(matches!(r.outcome, Outcome::Fail(f) if f.code == LIFETIME_SCOPE));
        assert_eq!(r.info.requirements, &[crate::catalog::ids::CR_1_7_RE_2]);
    }

    fn any_policy() -> impl Strategy<Value = PasswordPolicy> {
        (
            proptest::option::of(0u32..40),
            proptest::option::of(0u8..6),
            proptest::option::of(any::<bool>()),
            proptest::option::of(0u32..8),
            proptest::option::of(0u32..30),
            proptest::option::of(0u32..10),
            proptest::option::of(0u32..100_000),
        )
            .prop_map(|(len, cls, bl, rep, hist, min, max)| {
                let mut p = PasswordPolicy::new();
                p.min_length = len;
                p.min_char_classes = cls;
                p.blocklist = bl;
                p.max_repeat = rep;
                p.history = hist;
                p.min_lifetime_days = min;
                p.max_lifetime_days = max;
                p.lifetime_scope = Some(LifetimeScope::AllUsers);
                p
            })
    }

    proptest! {
        #[test]
        fn a_pass_means_every_threshold_holds(p in any_policy(), level in 0u8..5) {
            let th = PolicyThresholds::for_level(SecurityLevel::new(level).unwrap());
            let pass = check_password_policy(&p, &th).outcome.is_pass();
            let holds = p.min_length.is_some_and(|l| l >= th.min_length)
                && p.min_char_classes.is_some_and(|c| c >= th.char_classes_needed(p.min_length))
                && (!th.require_blocklist || p.blocklist == Some(true))
                && th.max_repeat.is_none_or(|m| p.max_repeat.is_some_and(|r| r != 0 && r <= m));
            prop_assert_eq!(pass, holds);

            let life = check_lifetime_all_users(&p, &th).outcome.is_pass();
            let holds = p.min_lifetime_days.is_some_and(|d| d >= th.min_lifetime_days)
                && p.max_lifetime_days.is_some_and(|d| d <= th.max_lifetime_days)
                && p.min_lifetime_days <= p.max_lifetime_days;
            prop_assert_eq!(life, holds);
        }

        #[test]
        fn the_outcome_carries_the_first_listed_finding(p in any_policy(), level in 0u8..5) {
            let th = PolicyThresholds::for_level(SecurityLevel::new(level).unwrap());
            prop_assert_eq!(
                check_lifetime_human(&p, &th).outcome.finding().copied(),
                lifetime_human_findings(&p, &th).next()
            );
        }
    }
}
