//! Authentication checks: identification and authentication control (FR 1) and the session
//! controls of use control (FR 2) that concern logging in.
//!
//! This module owns the evaluators for:
//!
//! | check id | requirement | module | judges |
//! |---|---|---|---|
//! | `auth.human-authentication` | CR 1.1 | [`accounts`] | every interactive account authenticates |
//! | `auth.unique-accounts` | CR 1.1 RE 1 | [`accounts`] | no shared, anonymous or duplicate interactive accounts |
//! | `auth.stored-authenticator` | CR 1.5 | [`authenticator`] | a crypt(3) or PHC string: algorithm, cost, salt |
//! | `auth.default-credential` | CR 1.5 | [`strength`] | a password is not a vendor default |
//! | `auth.password-policy` | CR 1.7 | [`policy`] | the configured [`PasswordPolicy`]: length, classes, blocklist |
//! | `auth.password-strength` | CR 1.7 | [`strength`] | a candidate password: estimated guesses |
//! | `auth.password-lifetime-human` | CR 1.7 RE 1 | [`policy`] | history, minimum and maximum lifetime |
//! | `auth.password-lifetime` | CR 1.7 RE 2 | [`policy`] | lifetime restrictions cover all users |
//! | `auth.feedback` | CR 1.10 | [`session`] | authenticator feedback is obscured |
//! | `auth.lockout` | CR 1.11 | [`lockout`] | unsuccessful login attempts are limited |
//! | `auth.login-banner` | CR 1.12 | [`session`] | a system use notification is shown |
//! | `auth.session-lock` | CR 2.5 | [`session`] | sessions lock after inactivity |
//! | `auth.session-termination` | CR 2.6 | [`session`] | remote sessions can be terminated |
//! | `auth.concurrent-sessions` | CR 2.7 | [`session`] | concurrent sessions per user are limited |
//!
//! Every evaluator is a pure function over a plain settings struct (or a string it was given),
//! so a device judging its own configuration and the host runner judging settings it parsed
//! from PAM, `sshd_config` or `login.defs` reach the same verdict. Thresholds are explicit
//! structs with a `for_level` constructor per [`SecurityLevel`](crate::SecurityLevel), each
//! number documented with its source, and public fields a vendor may override.
//!
//! Guarantees: nothing here allocates, reads a clock (time is passed in) or panics, whatever
//! the input. A pass is only built after every property the check names was established from
//! the given facts; a control that is not configured fails with `found: None`. Where an
//! evaluation can find several shortfalls, the outcome carries the most important one and a
//! companion `*_findings` function lists them all.
//!
//! ```
//! use otcheck_core::auth::{policy, PasswordPolicy, PolicyThresholds};
//! use otcheck_core::SecurityLevel;
//!
//! let mut configured = PasswordPolicy::new();
//! configured.min_length = Some(8);
//! configured.min_char_classes = Some(3);
//! let th = PolicyThresholds::for_level(SecurityLevel::Sl2);
//! let result = policy::check_password_policy(&configured, &th);
//! let finding = result.outcome.finding().ok_or("expected a fail")?;
//! assert_eq!(finding.code.as_str(), "AUTH-PW-MIN-LENGTH");
//! assert_eq!(finding.shortfall.map(|s| s.to_string()).as_deref(), Some("minlen is 8, needs at least 12"));
//! # Ok::<(), &str>(())
//! ```

pub mod accounts;
pub mod authenticator;
pub mod blocklist;
pub mod lockout;
pub mod policy;
pub mod session;
pub mod strength;

pub use accounts::{Account, AccountFinding};
pub use authenticator::{
    AuthenticatorError, AuthenticatorProfile, Params, PasswordHash, Scheme, StoredAuthenticator,
};
pub use blocklist::{Blocklist, BlocklistError};
pub use lockout::{
    Locked, LockoutAction, LockoutSettings, LockoutThresholds, LoginThrottle, ThrottleConfig,
};
pub use policy::{LifetimeScope, PasswordPolicy, PolicyThresholds};
pub use session::{
    ConcurrentSessionSettings, FeedbackSettings, RemoteSessionSettings, SessionLockSettings,
    SessionThresholds, SystemUseNotification,
};
pub use strength::{CharClasses, Strength, StrengthThresholds, Weaknesses};

use crate::catalog::ids;
use crate::check::{CheckId, CheckInfo, CheckResult, Finding, Outcome, Verified};

/// `auth.human-authentication`: every interactive account requires authentication.
/// Evidences CR 1.1 (human user identification and authentication).
pub static HUMAN_AUTHENTICATION: CheckInfo = CheckInfo::new(
    CheckId::new("auth.human-authentication"),
    "Every interactive account identifies and authenticates its user",
    &[ids::CR_1_1],
);

/// `auth.unique-accounts`: interactive accounts are unique, not shared and not anonymous.
/// Evidences CR 1.1 RE 1 (unique identification and authentication).
pub static UNIQUE_ACCOUNTS: CheckInfo = CheckInfo::new(
    CheckId::new("auth.unique-accounts"),
    "Interactive accounts identify one person each: no shared, anonymous or duplicate accounts",
    &[ids::CR_1_1_RE_1],
);

/// `auth.stored-authenticator`: a stored password hash uses an accepted algorithm with enough
/// cost and salt. Evidences CR 1.5 (authenticator management: protection when stored).
pub static STORED_AUTHENTICATOR: CheckInfo = CheckInfo::new(
    CheckId::new("auth.stored-authenticator"),
    "Stored passwords are hashed with an accepted algorithm, cost and salt",
    &[ids::CR_1_5],
);

/// `auth.default-credential`: a password is not a known or vendor-supplied default.
/// Evidences CR 1.5 (authenticator management: default authenticators changed).
pub static DEFAULT_CREDENTIAL: CheckInfo = CheckInfo::new(
    CheckId::new("auth.default-credential"),
    "The password is not a default credential",
    &[ids::CR_1_5],
);

/// `auth.password-policy`: the configured policy enforces length and variety of characters.
/// Evidences CR 1.7 (strength of password-based authentication).
pub static PASSWORD_POLICY: CheckInfo = CheckInfo::new(
    CheckId::new("auth.password-policy"),
    "The password policy enforces minimum length, character variety and a blocklist",
    &[ids::CR_1_7],
);

/// `auth.password-strength`: a given password is hard enough to guess.
/// Evidences CR 1.7 (strength of password-based authentication).
pub static PASSWORD_STRENGTH: CheckInfo = CheckInfo::new(
    CheckId::new("auth.password-strength"),
    "The password is long enough and not easily guessed",
    &[ids::CR_1_7],
);

/// `auth.password-lifetime-human`: password history and lifetime limits for human users.
/// Evidences CR 1.7 RE 1 (password generation and lifetime restrictions for human users).
pub static PASSWORD_LIFETIME_HUMAN: CheckInfo = CheckInfo::new(
    CheckId::new("auth.password-lifetime-human"),
    "Password reuse is prevented and lifetimes are limited for human users",
    &[ids::CR_1_7_RE_1],
);

/// `auth.password-lifetime`: password lifetime limits for all users.
/// Evidences CR 1.7 RE 2 (password lifetime restrictions for all users).
pub static PASSWORD_LIFETIME: CheckInfo = CheckInfo::new(
    CheckId::new("auth.password-lifetime"),
    "Password lifetimes are limited for all users, including software and devices",
    &[ids::CR_1_7_RE_2],
);

/// `auth.feedback`: authenticator feedback is obscured. Evidences CR 1.10.
pub static FEEDBACK: CheckInfo = CheckInfo::new(
    CheckId::new("auth.feedback"),
    "Authenticator feedback is obscured during login",
    &[ids::CR_1_10],
);

/// `auth.lockout`: unsuccessful login attempts are limited. Evidences CR 1.11.
pub static LOCKOUT: CheckInfo = CheckInfo::new(
    CheckId::new("auth.lockout"),
    "Consecutive unsuccessful login attempts lead to a lockout",
    &[ids::CR_1_11],
);

/// `auth.login-banner`: a system use notification is shown before login. Evidences CR 1.12.
pub static LOGIN_BANNER: CheckInfo = CheckInfo::new(
    CheckId::new("auth.login-banner"),
    "A system use notification is shown before login",
    &[ids::CR_1_12],
);

/// `auth.session-lock`: sessions lock after inactivity. Evidences CR 2.5.
pub static SESSION_LOCK: CheckInfo = CheckInfo::new(
    CheckId::new("auth.session-lock"),
    "Sessions lock after a period of inactivity",
    &[ids::CR_2_5],
);

/// `auth.session-termination`: remote sessions end after inactivity or on request.
/// Evidences CR 2.6.
pub static SESSION_TERMINATION: CheckInfo = CheckInfo::new(
    CheckId::new("auth.session-termination"),
    "Remote sessions are terminated after inactivity or on request",
    &[ids::CR_2_6],
);

/// `auth.concurrent-sessions`: concurrent sessions per user are limited. Evidences CR 2.7.
pub static CONCURRENT_SESSIONS: CheckInfo = CheckInfo::new(
    CheckId::new("auth.concurrent-sessions"),
    "Concurrent sessions per user are limited",
    &[ids::CR_2_7],
);

/// Every check of this module, in requirement order.
///
/// ```
/// use otcheck_core::auth::CHECKS;
/// assert!(CHECKS.iter().all(|c| c.id.is_well_formed() && c.id.as_str().starts_with("auth.")));
/// assert!(CHECKS.iter().any(|c| c.id.as_str() == "auth.lockout"));
/// ```
pub static CHECKS: &[&CheckInfo] = &[
    &HUMAN_AUTHENTICATION,
    &UNIQUE_ACCOUNTS,
    &STORED_AUTHENTICATOR,
    &DEFAULT_CREDENTIAL,
    &PASSWORD_POLICY,
    &PASSWORD_STRENGTH,
    &PASSWORD_LIFETIME_HUMAN,
    &PASSWORD_LIFETIME,
    &FEEDBACK,
    &LOCKOUT,
    &LOGIN_BANNER,
    &SESSION_LOCK,
    &SESSION_TERMINATION,
    &CONCURRENT_SESSIONS,
];

/// The result of a check whose findings are listed most important first: a fail with the first
/// finding, or a pass saying what `verified` established when there is none.
pub(crate) fn judge(
    info: &'static CheckInfo,
    mut findings: impl Iterator<Item = Finding>,
    verified: &'static str,
) -> CheckResult {
    let outcome = match findings.next() {
        Some(finding) => Outcome::Fail(finding),
        None => Outcome::Pass(Verified::new(verified)),
    };
    CheckResult::new(info, outcome)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog;
    use std::collections::BTreeSet;

    #[test]
    fn check_ids_are_well_formed_unique_and_cite_catalogued_requirements() {
        let mut seen = BTreeSet::new();
        for info in CHECKS {
            assert!(info.id.is_well_formed(), "{}", info.id);
            assert!(info.id.as_str().starts_with("auth."), "{}", info.id);
            assert!(seen.insert(info.id), "duplicate {}", info.id);
            assert!(!info.requirements.is_empty(), "{}", info.id);
            for req in info.requirements {
                assert!(catalog::lookup(*req).is_some(), "{} cites {req}", info.id);
            }
        }
        assert_eq!(seen.len(), 14);
    }

    #[test]
    fn judge_fails_with_the_first_finding_and_passes_on_none() {
        use crate::check::FindingCode;
        let a = Finding::new(FindingCode::new("A-A"), "a");
        let b = Finding::new(FindingCode::new("B-B"), "b");
        let r = judge(&LOCKOUT, [a, b].into_iter(), "ok");
        assert_eq!(r.outcome, Outcome::Fail(a));
        let r = judge(&LOCKOUT, core::iter::empty(), "ok");
        assert_eq!(r.outcome, Outcome::Pass(Verified::new("ok")));
        assert_eq!(r.info.id.as_str(), "auth.lockout");
    }
}
