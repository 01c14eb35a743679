//! The check API: what a check is, and what it can say.
//!
//! A check has a stable dotted [`CheckId`] (`auth.password-policy`), a title, and the
//! requirement ids it evidences ([`CheckInfo`]). Running it yields an [`Outcome`]:
//!
//! | outcome | meaning |
//! |---|---|
//! | [`Outcome::Pass`] | the property was verified; carries a [`Verified`] saying what |
//! | [`Outcome::Fail`] | the property does not hold; carries a [`Finding`] with a stable [`FindingCode`] |
//! | [`Outcome::NotApplicable`] | the property does not apply here, and why |
//! | [`Outcome::NotAssessed`] | the facts could not be gathered (e.g. permission denied), and why |
//! | [`Outcome::Error`] | the check itself went wrong (malformed input it cannot judge) |
//!
//! Guarantee: a pass is built only from a [`Verified`] value. Evaluators in this crate create one
//! only after the property was established, and verifiers (e.g. image verification) return
//! their own proof types that convert into it; there is no `Outcome::default()` and no way to
//! turn a fail, not-assessed or error into a pass without constructing new proof.
//!
//! Everything here is `Copy`, heap-free and `&'static`: finding codes and messages are
//! constants, so a device can keep results in a fixed-size array.
//!
//! ```
//! use otcheck_core::{catalog::ids, CheckId, CheckInfo, CheckResult, Finding, FindingCode, Outcome, Verified};
//!
//! static BANNER: CheckInfo = CheckInfo::new(
//!     CheckId::new("auth.login-banner"),
//!     "A system use notification is shown before login",
//!     &[ids::CR_1_12],
//! );
//!
//! fn judge(banner: &str) -> CheckResult {
//!     let outcome = if banner.trim().is_empty() {
//!         Outcome::Fail(Finding::new(FindingCode::new("AUTH-BANNER-EMPTY"), "the login banner is empty"))
//!     } else {
//!         Outcome::Pass(Verified::new("a non-empty login banner is configured"))
//!     };
//!     CheckResult::new(&BANNER, outcome)
//! }
//!
//! assert!(judge("Authorised use only.").outcome.is_pass());
//! assert_eq!(judge("  ").outcome.finding().map(|f| f.code.as_str()), Some("AUTH-BANNER-EMPTY"));
//! assert_eq!(judge("").info.requirements[0].to_string(), "CR 1.12");
//! ```

use core::fmt;

use crate::catalog::RequirementId;

/// A check's stable identifier: lower-case, dotted, e.g. `auth.password-policy`.
///
/// ```
/// let id = otcheck_core::CheckId::new("integrity.image-signature");
/// assert_eq!(id.as_str(), "integrity.image-signature");
/// assert!(id.is_well_formed());
/// assert!(!otcheck_core::CheckId::new("Bad Id").is_well_formed());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct CheckId(&'static str);

impl CheckId {
    /// Wraps an id. Use [`is_well_formed`](Self::is_well_formed) in tests to keep ids tidy.
    ///
    /// ```
    /// assert_eq!(otcheck_core::CheckId::new("a.b").to_string(), "a.b");
    /// ```
    #[must_use]
    pub const fn new(id: &'static str) -> Self {
        Self(id)
    }

    /// The id text.
    ///
    /// ```
    /// assert_eq!(otcheck_core::CheckId::new("a.b").as_str(), "a.b");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        self.0
    }

    /// Whether the id is non-empty, made of `a-z`, `0-9`, `-` and `.`, with at least one dot and
    /// no empty segment.
    ///
    /// ```
    /// assert!(!otcheck_core::CheckId::new("auth..x").is_well_formed());
    /// ```
    #[must_use]
    pub fn is_well_formed(self) -> bool {
        self.0.contains('.')
            && self.0.split('.').all(|seg| {
                !seg.is_empty()
                    && seg
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            })
    }
}

impl fmt::Display for CheckId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// A stable finding code: upper-case words joined by `-`, e.g. `AUTH-LOCKOUT-DISABLED`.
/// Codes are part of the interface: reports are diffed and gated on them, so a code is never
/// reused for a different finding.
///
/// ```
/// let code = otcheck_core::FindingCode::new("SSH-ROOT-LOGIN");
/// assert!(code.is_well_formed());
/// assert!(!otcheck_core::FindingCode::new("ssh root").is_well_formed());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct FindingCode(&'static str);

impl FindingCode {
    /// Wraps a code.
    ///
    /// ```
    /// assert_eq!(otcheck_core::FindingCode::new("X-Y").as_str(), "X-Y");
    /// ```
    #[must_use]
    pub const fn new(code: &'static str) -> Self {
        Self(code)
    }

    /// The code text.
    ///
    /// ```
    /// assert_eq!(otcheck_core::FindingCode::new("X-Y").to_string(), "X-Y");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        self.0
    }

    /// Whether the code is made of `A-Z`, `0-9` and single `-` between non-empty words.
    ///
    /// ```
    /// assert!(!otcheck_core::FindingCode::new("A--B").is_well_formed());
    /// ```
    #[must_use]
    pub fn is_well_formed(self) -> bool {
        self.0.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        })
    }
}

impl fmt::Display for FindingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// What a setting needed to be.
///
/// ```
/// use otcheck_core::check::Needed;
/// assert_eq!(Needed::AtLeast(12).to_string(), "at least 12");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "kebab-case", tag = "kind", content = "value")
)]
pub enum Needed {
    /// A value of at least this.
    AtLeast(u64),
    /// A value of at most this (and set).
    AtMost(u64),
    /// The feature switched on.
    Enabled,
    /// The feature switched off.
    Disabled,
}

impl fmt::Display for Needed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::AtLeast(n) => write!(f, "at least {n}"),
            Self::AtMost(n) => write!(f, "at most {n}"),
            Self::Enabled => f.write_str("enabled"),
            Self::Disabled => f.write_str("disabled"),
        }
    }
}

/// Which parameter fell short, what it was and what was needed.
///
/// ```
/// use otcheck_core::{check::Needed, Shortfall};
/// let s = Shortfall { parameter: "minlen", found: Some(6), needed: Needed::AtLeast(12) };
/// assert_eq!(s.to_string(), "minlen is 6, needs at least 12");
/// let unset = Shortfall { parameter: "deny", found: None, needed: Needed::AtMost(10) };
/// assert_eq!(unset.to_string(), "deny is not set, needs at most 10");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Shortfall {
    /// The parameter's name as the user configures it.
    pub parameter: &'static str,
    /// Its value (booleans as 0/1), `None` when not set.
    pub found: Option<u64>,
    /// What it needed to be.
    pub needed: Needed,
}

impl fmt::Display for Shortfall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.found {
            Some(v) => write!(f, "{} is {v}, needs {}", self.parameter, self.needed),
            None => write!(f, "{} is not set, needs {}", self.parameter, self.needed),
        }
    }
}

/// A failed property: a stable code, a human message, and optionally the parameter at fault.
///
/// ```
/// use otcheck_core::{Finding, FindingCode};
/// let f = Finding::new(FindingCode::new("AUTH-EMPTY-PASSWORD"), "an account has an empty password");
/// assert_eq!(f.to_string(), "AUTH-EMPTY-PASSWORD: an account has an empty password");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Finding {
    /// Stable code.
    pub code: FindingCode,
    /// One sentence for humans.
    pub message: &'static str,
    /// The parameter that fell short, where there is one.
    pub shortfall: Option<Shortfall>,
}

impl Finding {
    /// A finding without a parameter.
    ///
    /// ```
    /// let f = otcheck_core::Finding::new(otcheck_core::FindingCode::new("A-B"), "m");
    /// assert!(f.shortfall.is_none());
    /// ```
    #[must_use]
    pub const fn new(code: FindingCode, message: &'static str) -> Self {
        Self {
            code,
            message,
            shortfall: None,
        }
    }

    /// A finding about one parameter.
    ///
    /// ```
    /// use otcheck_core::{check::Needed, Finding, FindingCode, Shortfall};
    /// let f = Finding::with_shortfall(
    ///     FindingCode::new("AUTH-PW-MIN-LENGTH"),
    ///     "minimum password length is too short",
    ///     Shortfall { parameter: "minlen", found: Some(6), needed: Needed::AtLeast(8) },
    /// );
    /// assert_eq!(f.to_string(), "AUTH-PW-MIN-LENGTH: minimum password length is too short (minlen is 6, needs at least 8)");
    /// ```
    #[must_use]
    pub const fn with_shortfall(
        code: FindingCode,
        message: &'static str,
        shortfall: Shortfall,
    ) -> Self {
        Self {
            code,
            message,
            shortfall: Some(shortfall),
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)?;
        if let Some(s) = &self.shortfall {
            write!(f, " ({s})")?;
        }
        Ok(())
    }
}

/// Proof that a property was verified, with a sentence saying what was verified. The only way
/// to build an [`Outcome::Pass`].
///
/// ```
/// let v = otcheck_core::Verified::new("all 3 flash regions match their SHA-256");
/// assert_eq!(v.what(), "all 3 flash regions match their SHA-256");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Verified {
    what: &'static str,
}

impl Verified {
    /// Records that `what` was verified. Call it only where the code has just established it.
    ///
    /// ```
    /// let _ = otcheck_core::Verified::new("lockout after 5 attempts within 15 minutes");
    /// ```
    #[must_use]
    pub const fn new(what: &'static str) -> Self {
        Self { what }
    }

    /// What was verified.
    ///
    /// ```
    /// assert_eq!(otcheck_core::Verified::new("x").what(), "x");
    /// ```
    #[must_use]
    pub const fn what(&self) -> &'static str {
        self.what
    }
}

/// The result of running one check.
///
/// ```
/// use otcheck_core::{Outcome, Verified};
/// let o = Outcome::NotAssessed("/etc/shadow: permission denied");
/// assert!(!o.is_pass());
/// assert_eq!(o.kind(), "not-assessed");
/// assert!(Outcome::Pass(Verified::new("x")).is_pass());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "kebab-case", tag = "outcome", content = "detail")
)]
#[must_use]
pub enum Outcome {
    /// Verified to hold.
    Pass(Verified),
    /// Does not hold.
    Fail(Finding),
    /// Does not apply to this component, and why.
    NotApplicable(&'static str),
    /// Could not be judged (facts unavailable), and why.
    NotAssessed(&'static str),
    /// The check could not run correctly, and why.
    Error(&'static str),
}

impl Outcome {
    /// Whether this is a pass.
    ///
    /// ```
    /// assert!(!otcheck_core::Outcome::Error("x").is_pass());
    /// ```
    #[must_use]
    pub const fn is_pass(&self) -> bool {
        matches!(self, Self::Pass(_))
    }

    /// The finding of a fail.
    ///
    /// ```
    /// assert!(otcheck_core::Outcome::NotApplicable("no radio").finding().is_none());
    /// ```
    #[must_use]
    pub const fn finding(&self) -> Option<&Finding> {
        match self {
            Self::Fail(f) => Some(f),
            _ => None,
        }
    }

    /// The outcome's name as reports print it: `pass`, `fail`, `not-applicable`,
    /// `not-assessed`, `error`.
    ///
    /// ```
    /// assert_eq!(otcheck_core::Outcome::NotApplicable("x").kind(), "not-applicable");
    /// ```
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        self.outcome_kind().as_str()
    }

    /// The outcome without its payload.
    ///
    /// ```
    /// use otcheck_core::{check::OutcomeKind, Outcome, Verified};
    /// assert_eq!(Outcome::Pass(Verified::new("x")).outcome_kind(), OutcomeKind::Pass);
    /// ```
    #[must_use]
    pub const fn outcome_kind(&self) -> OutcomeKind {
        match self {
            Self::Pass(_) => OutcomeKind::Pass,
            Self::Fail(_) => OutcomeKind::Fail,
            Self::NotApplicable(_) => OutcomeKind::NotApplicable,
            Self::NotAssessed(_) => OutcomeKind::NotAssessed,
            Self::Error(_) => OutcomeKind::Error,
        }
    }

    /// The human sentence: what was verified, the finding's message, or the reason.
    ///
    /// ```
    /// assert_eq!(otcheck_core::Outcome::NotAssessed("no access").message(), "no access");
    /// ```
    #[must_use]
    pub const fn message(&self) -> &'static str {
        match self {
            Self::Pass(v) => v.what(),
            Self::Fail(f) => f.message,
            Self::NotApplicable(m) | Self::NotAssessed(m) | Self::Error(m) => m,
        }
    }
}

/// The five outcomes without their payload, e.g. for counting, for the wire format, or for
/// judging a requirement from several checks ([`crate::sl::status_from_outcomes`]).
///
/// ```
/// use otcheck_core::{check::OutcomeKind, Outcome};
/// assert_eq!(Outcome::NotAssessed("no access").outcome_kind(), OutcomeKind::NotAssessed);
/// assert_eq!(OutcomeKind::NotApplicable.as_str(), "not-applicable");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum OutcomeKind {
    /// Verified to hold.
    Pass,
    /// Does not hold.
    Fail,
    /// Does not apply.
    NotApplicable,
    /// Could not be judged.
    NotAssessed,
    /// The check went wrong.
    Error,
}

impl OutcomeKind {
    /// The name reports print: `pass`, `fail`, `not-applicable`, `not-assessed`, `error`.
    ///
    /// ```
    /// assert_eq!(otcheck_core::check::OutcomeKind::Error.as_str(), "error");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Pass => "pass",
            Self::Fail => "fail",
            Self::NotApplicable => "not-applicable",
            Self::NotAssessed => "not-assessed",
            Self::Error => "error",
        }
    }
}

/// The static description of a check: id, title, and the requirements it evidences.
///
/// ```
/// use otcheck_core::{catalog::ids, CheckId, CheckInfo};
/// static LOCKOUT: CheckInfo = CheckInfo::new(CheckId::new("auth.lockout"), "Lockout", &[ids::CR_1_11]);
/// assert_eq!(LOCKOUT.requirements.len(), 1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CheckInfo {
    /// Stable id.
    pub id: CheckId,
    /// What the check establishes, in one line.
    pub title: &'static str,
    /// The requirements it evidences (at least one).
    pub requirements: &'static [RequirementId],
}

impl CheckInfo {
    /// Describes a check.
    ///
    /// ```
    /// use otcheck_core::{catalog::ids, CheckId, CheckInfo};
    /// let info = CheckInfo::new(CheckId::new("x.y"), "t", &[ids::CR_7_7]);
    /// assert_eq!(info.id.as_str(), "x.y");
    /// ```
    #[must_use]
    pub const fn new(
        id: CheckId,
        title: &'static str,
        requirements: &'static [RequirementId],
    ) -> Self {
        Self {
            id,
            title,
            requirements,
        }
    }
}

/// A check's description together with its outcome.
///
/// ```
/// use otcheck_core::{catalog::ids, CheckId, CheckInfo, CheckResult, Outcome};
/// static INFO: CheckInfo = CheckInfo::new(CheckId::new("x.y"), "t", &[ids::CR_7_7]);
/// let r = CheckResult::new(&INFO, Outcome::NotApplicable("no network interface"));
/// assert_eq!(r.info.id.as_str(), "x.y");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CheckResult {
    /// The check.
    pub info: &'static CheckInfo,
    /// What it found.
    pub outcome: Outcome,
}

impl CheckResult {
    /// Pairs a check with its outcome.
    ///
    /// ```
    /// use otcheck_core::{catalog::ids, CheckId, CheckInfo, CheckResult, Outcome};
    /// static INFO: CheckInfo = CheckInfo::new(CheckId::new("x.y"), "t", &[ids::CR_7_7]);
    /// assert!(!CheckResult::new(&INFO, Outcome::Error("bad")).outcome.is_pass());
    /// ```
    pub const fn new(info: &'static CheckInfo, outcome: Outcome) -> Self {
        Self { info, outcome }
    }
}
