//! Login and session controls: authenticator feedback (CR 1.10), system use notification
//! (CR 1.12), session lock (CR 2.5), remote session termination (CR 2.6) and concurrent
//! session control (CR 2.7).
//!
//! Each control has a small settings struct (`None` = not configured) and an evaluator; the
//! numbers live in [`SessionThresholds`]. The host runner fills the settings from, for
//! example, `/etc/issue.net` and `Banner` (CR 1.12), `TMOUT` or the HMI's screen lock
//! (CR 2.5), `ClientAliveInterval × ClientAliveCountMax` (CR 2.6) and `MaxSessions` or
//! `maxlogins` (CR 2.7); firmware fills them from its own configuration.
//!
//! Guarantee: evaluation never panics or allocates; an unset required control is a fail with
//! `found: None`.
//!
//! ```
//! use otcheck_core::auth::{session, SessionLockSettings, SessionThresholds, SystemUseNotification};
//! use otcheck_core::SecurityLevel;
//!
//! let th = SessionThresholds::for_level(SecurityLevel::Sl2);
//! let mut lock = SessionLockSettings::new();
//! lock.idle_lock_secs = Some(600);
//! assert!(session::check_session_lock(&lock, &th).outcome.is_pass());
//!
//! let banner = SystemUseNotification { text: Some("Authorised use only. Activity is logged.") };
//! assert!(session::check_login_banner(&banner).outcome.is_pass());
//! ```

use crate::SecurityLevel;
use crate::check::{CheckResult, Finding, FindingCode, Needed, Outcome, Shortfall, Verified};

use super::{
    CONCURRENT_SESSIONS, FEEDBACK, LOGIN_BANNER, SESSION_LOCK, SESSION_TERMINATION, judge,
};

/// The numbers of CR 2.5, CR 2.6 and CR 2.7 at a level. SL 0 uses the SL 1 numbers.
///
/// ```
/// use otcheck_core::auth::SessionThresholds;
/// use otcheck_core::SecurityLevel;
/// let th = SessionThresholds::for_level(SecurityLevel::Sl3);
/// assert_eq!((th.max_idle_lock_secs, th.max_idle_termination_secs, th.max_concurrent_sessions), (600, 600, 10));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct SessionThresholds {
    /// Longest acceptable inactivity before a session locks (CR 2.5): 900 s up to SL 2 (CIS
    /// Benchmarks, `TMOUT` of 900 or less; DISA STIGs' 15 minutes), 600 s from SL 3
    /// (otcheck's tightening for sophisticated attackers with physical access).
    pub max_idle_lock_secs: u32,
    /// Longest acceptable inactivity before a remote session is terminated (CR 2.6), when
    /// it is terminated automatically: the same numbers (CIS Benchmarks' SSH client-alive
    /// settings end idle sessions within 15 minutes).
    pub max_idle_termination_secs: u32,
    /// Most acceptable concurrent sessions per user and interface (CR 2.7): 10 (CIS
    /// Benchmarks, "SSH MaxSessions is set to 10 or less").
    pub max_concurrent_sessions: u32,
}

impl SessionThresholds {
    /// The documented defaults for `level`.
    ///
    /// ```
    /// use otcheck_core::auth::SessionThresholds;
    /// use otcheck_core::SecurityLevel;
    /// assert_eq!(SessionThresholds::for_level(SecurityLevel::Sl1).max_idle_lock_secs, 900);
    /// ```
    #[must_use]
    pub const fn for_level(level: SecurityLevel) -> Self {
        let idle = match level {
            SecurityLevel::Sl0 | SecurityLevel::Sl1 | SecurityLevel::Sl2 => 900,
            SecurityLevel::Sl3 | SecurityLevel::Sl4 => 600,
        };
        Self {
            max_idle_lock_secs: idle,
            max_idle_termination_secs: idle,
            max_concurrent_sessions: 10,
        }
    }
}

/// How the login shows authenticator feedback (CR 1.10).
///
/// ```
/// use otcheck_core::auth::FeedbackSettings;
/// let mut f = FeedbackSettings::new();
/// f.obscured = Some(true);
/// assert_eq!(f.reveals_unknown_user, None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
#[non_exhaustive]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct FeedbackSettings {
    /// Whether typed passwords are masked (no echo, or placeholders) on every login interface.
    pub obscured: Option<bool>,
    /// Whether a failed login tells an unknown user name apart from a wrong password. Judged
    /// only when known.
    pub reveals_unknown_user: Option<bool>,
}

impl FeedbackSettings {
    /// Nothing known.
    ///
    /// ```
    /// assert_eq!(otcheck_core::auth::FeedbackSettings::new().obscured, None);
    /// ```
    #[must_use]
    pub const fn new() -> Self {
        Self {
            obscured: None,
            reveals_unknown_user: None,
        }
    }
}

/// The system use notification shown before login (CR 1.12).
///
/// ```
/// use otcheck_core::auth::SystemUseNotification;
/// let n = SystemUseNotification { text: None };
/// assert!(n.text.is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct SystemUseNotification<'a> {
    /// The text shown, `None` when no notification is configured.
    #[cfg_attr(feature = "serde", serde(borrow, default))]
    pub text: Option<&'a str>,
}

/// Session lock after inactivity (CR 2.5).
///
/// ```
/// use otcheck_core::auth::SessionLockSettings;
/// assert_eq!(SessionLockSettings::new().idle_lock_secs, None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
#[non_exhaustive]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct SessionLockSettings {
    /// Seconds of inactivity after which a session locks (or ends); `Some(0)` disables it, as
    /// `TMOUT=0` does.
    pub idle_lock_secs: Option<u32>,
}

impl SessionLockSettings {
    /// Nothing configured.
    ///
    /// ```
    /// assert_eq!(otcheck_core::auth::SessionLockSettings::new(), Default::default());
    /// ```
    #[must_use]
    pub const fn new() -> Self {
        Self {
            idle_lock_secs: None,
        }
    }
}

/// Remote session termination (CR 2.6).
///
/// ```
/// use otcheck_core::auth::RemoteSessionSettings;
/// let mut r = RemoteSessionSettings::new();
/// r.remote_sessions = Some(false);
/// assert_eq!(r.manual_termination, None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
#[non_exhaustive]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct RemoteSessionSettings {
    /// Whether the component offers remote sessions at all; `None` counts as yes.
    pub remote_sessions: Option<bool>,
    /// Seconds of inactivity after which a remote session is terminated; `Some(0)` disables.
    pub idle_termination_secs: Option<u32>,
    /// Whether the user who opened a session can terminate it on request.
    pub manual_termination: Option<bool>,
}

impl RemoteSessionSettings {
    /// Nothing configured.
    ///
    /// ```
    /// assert_eq!(otcheck_core::auth::RemoteSessionSettings::new().remote_sessions, None);
    /// ```
    #[must_use]
    pub const fn new() -> Self {
        Self {
            remote_sessions: None,
            idle_termination_secs: None,
            manual_termination: None,
        }
    }
}

/// Concurrent session control (CR 2.7).
///
/// ```
/// use otcheck_core::auth::ConcurrentSessionSettings;
/// let mut c = ConcurrentSessionSettings::new();
/// c.max_sessions_per_user = Some(3);
/// assert_eq!(c.max_sessions_per_user, Some(3));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
#[non_exhaustive]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ConcurrentSessionSettings {
    /// Most concurrent sessions a user may hold on one interface; `None` for no limit.
    pub max_sessions_per_user: Option<u32>,
}

impl ConcurrentSessionSettings {
    /// No limit configured.
    ///
    /// ```
    /// assert_eq!(otcheck_core::auth::ConcurrentSessionSettings::new().max_sessions_per_user, None);
    /// ```
    #[must_use]
    pub const fn new() -> Self {
        Self {
            max_sessions_per_user: None,
        }
    }
}

fn flag(value: Option<bool>) -> Option<u64> {
    value.map(u64::from)
}

/// `auth.feedback`: judges `settings` against CR 1.10 (authenticator feedback). Fails with
/// `AUTH-FEEDBACK-NOT-OBSCURED` unless masking is known to be on, then with
/// `AUTH-FEEDBACK-REVEALS-USER` if failed logins reveal unknown user names.
///
/// ```
/// use otcheck_core::auth::{session, FeedbackSettings};
/// let mut f = FeedbackSettings::new();
/// assert_eq!(session::check_feedback(&f).outcome.finding().map(|f| f.code.as_str()), Some("AUTH-FEEDBACK-NOT-OBSCURED"));
/// f.obscured = Some(true);
/// assert!(session::check_feedback(&f).outcome.is_pass());
/// f.reveals_unknown_user = Some(true);
/// assert!(!session::check_feedback(&f).outcome.is_pass());
/// ```
pub fn check_feedback(settings: &FeedbackSettings) -> CheckResult {
    let obscured = (settings.obscured != Some(true)).then(|| {
        Finding::with_shortfall(
            FindingCode::new("AUTH-FEEDBACK-NOT-OBSCURED"),
            "typed passwords are not known to be obscured at login",
            Shortfall {
                parameter: "obscured",
                found: flag(settings.obscured),
                needed: Needed::Enabled,
            },
        )
    });
    let reveals = (settings.reveals_unknown_user == Some(true)).then(|| {
        Finding::with_shortfall(
            FindingCode::new("AUTH-FEEDBACK-REVEALS-USER"),
            "failed logins reveal whether the user name exists",
            Shortfall {
                parameter: "reveals_unknown_user",
                found: Some(1),
                needed: Needed::Disabled,
            },
        )
    });
    judge(
        &FEEDBACK,
        [obscured, reveals].into_iter().flatten(),
        "authenticator feedback is obscured during login",
    )
}

/// Whether `text` says something: at least one letter or digit outside agetty escapes
/// (`\n`, `\l`, `\S{...}` and the like, which expand to host details, not to a notice).
fn has_content(text: &str) -> bool {
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                // Skip the escape letter and an optional `{...}` argument.
                let mut rest = chars.clone();
                if rest.next().is_some() {
                    chars = rest.clone();
                    if rest.next() == Some('{') {
                        chars = rest;
                        for c in chars.by_ref() {
                            if c == '}' {
                                break;
                            }
                        }
                    }
                }
            }
            c if c.is_alphanumeric() => return true,
            _ => {}
        }
    }
    false
}

/// `auth.login-banner`: judges the system use notification against CR 1.12. Fails with
/// `AUTH-BANNER-MISSING` when none is configured and `AUTH-BANNER-EMPTY` when it has no
/// text beyond whitespace, punctuation and agetty escapes. Whether the wording is adequate
/// remains for a human to judge.
///
/// ```
/// use otcheck_core::auth::{session, SystemUseNotification};
/// let r = session::check_login_banner(&SystemUseNotification { text: Some("\\S\n\\l\n") });
/// assert_eq!(r.outcome.finding().map(|f| f.code.as_str()), Some("AUTH-BANNER-EMPTY"));
/// let r = session::check_login_banner(&SystemUseNotification { text: None });
/// assert_eq!(r.outcome.finding().map(|f| f.code.as_str()), Some("AUTH-BANNER-MISSING"));
/// ```
pub fn check_login_banner(notification: &SystemUseNotification<'_>) -> CheckResult {
    let outcome = match notification.text {
        None => Outcome::Fail(Finding::new(
            FindingCode::new("AUTH-BANNER-MISSING"),
            "no system use notification is shown before login",
        )),
        Some(text) if !has_content(text) => Outcome::Fail(Finding::new(
            FindingCode::new("AUTH-BANNER-EMPTY"),
            "the system use notification is empty",
        )),
        Some(_) => Outcome::Pass(Verified::new(
            "a non-empty system use notification is shown before login",
        )),
    };
    CheckResult::new(&LOGIN_BANNER, outcome)
}

/// `auth.session-lock`: judges `settings` against CR 2.5 (session lock) at `th`.
///
/// ```
/// use otcheck_core::auth::{session, SessionLockSettings, SessionThresholds};
/// use otcheck_core::SecurityLevel;
/// let mut s = SessionLockSettings::new();
/// s.idle_lock_secs = Some(3600);
/// let r = session::check_session_lock(&s, &SessionThresholds::for_level(SecurityLevel::Sl1));
/// let f = r.outcome.finding().ok_or("fail expected")?;
/// assert_eq!(f.to_string(), "AUTH-SESSION-LOCK-TIMEOUT: sessions lock only after too long a period of inactivity (idle_lock_secs is 3600, needs at most 900)");
/// # Ok::<(), &str>(())
/// ```
pub fn check_session_lock(settings: &SessionLockSettings, th: &SessionThresholds) -> CheckResult {
    let finding = match settings.idle_lock_secs.filter(|&s| s != 0) {
        None => Some(Finding::with_shortfall(
            FindingCode::new("AUTH-SESSION-LOCK-MISSING"),
            "sessions do not lock after inactivity",
            Shortfall {
                parameter: "idle_lock_secs",
                found: None,
                needed: Needed::AtMost(u64::from(th.max_idle_lock_secs)),
            },
        )),
        Some(secs) if secs > th.max_idle_lock_secs => Some(Finding::with_shortfall(
            FindingCode::new("AUTH-SESSION-LOCK-TIMEOUT"),
            "sessions lock only after too long a period of inactivity",
            Shortfall {
                parameter: "idle_lock_secs",
                found: Some(u64::from(secs)),
                needed: Needed::AtMost(u64::from(th.max_idle_lock_secs)),
            },
        )),
        Some(_) => None,
    };
    judge(
        &SESSION_LOCK,
        finding.into_iter(),
        "sessions lock after the required period of inactivity",
    )
}

/// `auth.session-termination`: judges `settings` against CR 2.6 (remote session
/// termination) at `th`. Passes when the user can end a session on request or when idle
/// sessions end within the threshold; not applicable when the component offers no remote
/// sessions.
///
/// ```
/// use otcheck_core::auth::{session, RemoteSessionSettings, SessionThresholds};
/// use otcheck_core::SecurityLevel;
/// let th = SessionThresholds::for_level(SecurityLevel::Sl2);
/// let mut r = RemoteSessionSettings::new();
/// assert_eq!(session::check_session_termination(&r, &th).outcome.finding().map(|f| f.code.as_str()), Some("AUTH-SESSION-TERMINATION-MISSING"));
/// r.manual_termination = Some(true);
/// assert!(session::check_session_termination(&r, &th).outcome.is_pass());
/// r.remote_sessions = Some(false);
/// assert_eq!(session::check_session_termination(&r, &th).outcome.kind(), "not-applicable");
/// ```
pub fn check_session_termination(
    settings: &RemoteSessionSettings,
    th: &SessionThresholds,
) -> CheckResult {
    if settings.remote_sessions == Some(false) {
        return CheckResult::new(
            &SESSION_TERMINATION,
            Outcome::NotApplicable("the component offers no remote sessions"),
        );
    }
    let idle = settings.idle_termination_secs.filter(|&s| s != 0);
    let idle_ok = idle.is_some_and(|s| s <= th.max_idle_termination_secs);
    let finding = if settings.manual_termination == Some(true) || idle_ok {
        None
    } else if let Some(secs) = idle {
        Some(Finding::with_shortfall(
            FindingCode::new("AUTH-SESSION-TERMINATION-TIMEOUT"),
            "idle remote sessions are terminated only after too long a period",
            Shortfall {
                parameter: "idle_termination_secs",
                found: Some(u64::from(secs)),
                needed: Needed::AtMost(u64::from(th.max_idle_termination_secs)),
            },
        ))
    } else {
        Some(Finding::with_shortfall(
            FindingCode::new("AUTH-SESSION-TERMINATION-MISSING"),
            "remote sessions are neither terminated when idle nor on request",
            Shortfall {
                parameter: "idle_termination_secs",
                found: None,
                needed: Needed::AtMost(u64::from(th.max_idle_termination_secs)),
            },
        ))
    };
    judge(
        &SESSION_TERMINATION,
        finding.into_iter(),
        "remote sessions are terminated when idle or on request",
    )
}

/// `auth.concurrent-sessions`: judges `settings` against CR 2.7 (concurrent session
/// control) at `th`.
///
/// ```
/// use otcheck_core::auth::{session, ConcurrentSessionSettings, SessionThresholds};
/// use otcheck_core::SecurityLevel;
/// let th = SessionThresholds::for_level(SecurityLevel::Sl3);
/// let mut c = ConcurrentSessionSettings::new();
/// assert_eq!(session::check_concurrent_sessions(&c, &th).outcome.finding().map(|f| f.code.as_str()), Some("AUTH-CONCURRENT-SESSIONS-UNLIMITED"));
/// c.max_sessions_per_user = Some(2);
/// assert!(session::check_concurrent_sessions(&c, &th).outcome.is_pass());
/// ```
pub fn check_concurrent_sessions(
    settings: &ConcurrentSessionSettings,
    th: &SessionThresholds,
) -> CheckResult {
    let needed = Needed::AtMost(u64::from(th.max_concurrent_sessions));
    let finding = match settings.max_sessions_per_user {
        None => Some(Finding::with_shortfall(
            FindingCode::new("AUTH-CONCURRENT-SESSIONS-UNLIMITED"),
            "concurrent sessions per user are not limited",
            Shortfall {
                parameter: "max_sessions_per_user",
                found: None,
                needed,
            },
        )),
        Some(n) if n > th.max_concurrent_sessions => Some(Finding::with_shortfall(
            FindingCode::new("AUTH-CONCURRENT-SESSIONS-LIMIT"),
            "too many concurrent sessions per user are allowed",
            Shortfall {
                parameter: "max_sessions_per_user",
                found: Some(u64::from(n)),
                needed,
            },
        )),
        Some(_) => None,
    };
    judge(
        &CONCURRENT_SESSIONS,
        finding.into_iter(),
        "concurrent sessions per user are limited",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::ids;
    use proptest::prelude::*;

    fn code(r: &CheckResult) -> Option<&'static str> {
        r.outcome.finding().map(|f| f.code.as_str())
    }

    #[test]
    fn banner_content_ignores_getty_escapes_and_punctuation() {
        assert!(!has_content(""));
        assert!(!has_content(" \n\t"));
        assert!(!has_content("\\S{PRETTY_NAME} \\r (\\l)\n"));
        assert!(!has_content("***** ----- *****"));
        assert!(!has_content("\\"));
        assert!(has_content("\\S\nWARNING: authorised use only"));
        assert!(has_content("Nur für autorisierte Benutzer"));
        assert!(
            has_content("\\{x}y"),
            "an escaped brace does not open an argument"
        );
    }

    #[test]
    fn session_lock_boundaries() {
        let th = SessionThresholds::for_level(SecurityLevel::Sl3);
        let mut s = SessionLockSettings::new();
        for (value, want) in [
            (None, Some("AUTH-SESSION-LOCK-MISSING")),
            (Some(0), Some("AUTH-SESSION-LOCK-MISSING")),
            (Some(601), Some("AUTH-SESSION-LOCK-TIMEOUT")),
            (Some(600), None),
            (Some(1), None),
        ] {
            s.idle_lock_secs = value;
            let r = check_session_lock(&s, &th);
            assert_eq!(code(&r), want, "{value:?}");
            assert_eq!(r.outcome.is_pass(), want.is_none());
        }
        assert_eq!(
            check_session_lock(&s, &th).info.requirements,
            &[ids::CR_2_5]
        );
    }

    #[test]
    fn termination_passes_on_either_mechanism() {
        let th = SessionThresholds::for_level(SecurityLevel::Sl2);
        let mut r = RemoteSessionSettings::new();
        r.idle_termination_secs = Some(1800);
        assert_eq!(
            code(&check_session_termination(&r, &th)),
            Some("AUTH-SESSION-TERMINATION-TIMEOUT")
        );
        r.manual_termination = Some(false);
        assert!(!check_session_termination(&r, &th).outcome.is_pass());
        r.idle_termination_secs = Some(900);
        assert!(check_session_termination(&r, &th).outcome.is_pass());
        r.idle_termination_secs = Some(0);
        assert_eq!(
            code(&check_session_termination(&r, &th)),
            Some("AUTH-SESSION-TERMINATION-MISSING")
        );
        r.remote_sessions = Some(true);
        assert!(!check_session_termination(&r, &th).outcome.is_pass());
    }

    #[test]
    fn concurrent_session_limits() {
        let th = SessionThresholds::for_level(SecurityLevel::Sl4);
        let mut c = ConcurrentSessionSettings::new();
        c.max_sessions_per_user = Some(11);
        let r = check_concurrent_sessions(&c, &th);
        assert_eq!(code(&r), Some("AUTH-CONCURRENT-SESSIONS-LIMIT"));
        assert_eq!(
            r.outcome.finding().unwrap().shortfall.unwrap().found,
            Some(11)
        );
        c.max_sessions_per_user = Some(10);
        assert!(check_concurrent_sessions(&c, &th).outcome.is_pass());
    }

    #[test]
    fn feedback_requires_known_masking() {
        let mut f = FeedbackSettings::new();
        f.obscured = Some(false);
        let r = check_feedback(&f);
        assert_eq!(
            r.outcome.finding().unwrap().shortfall.unwrap().found,
            Some(0)
        );
        assert_eq!(r.info.requirements, &[ids::CR_1_10]);
        f.obscured = Some(true);
        f.reveals_unknown_user = Some(false);
        assert!(check_feedback(&f).outcome.is_pass());
    }

    proptest! {
        #[test]
        fn banner_check_never_panics(text in "\\PC{0,80}") {
            let r = check_login_banner(&SystemUseNotification { text: Some(&text) });
            prop_assert_eq!(r.outcome.is_pass(), has_content(&text));
            if text.chars().any(char::is_alphanumeric) && !text.contains('\\') {
                prop_assert!(r.outcome.is_pass());
            }
        }

        #[test]
        fn session_lock_passes_iff_enabled_and_short_enough(secs in proptest::option::of(any::<u32>()), level in 0u8..5) {
            let th = SessionThresholds::for_level(SecurityLevel::new(level).unwrap());
            let mut s = SessionLockSettings::new();
            s.idle_lock_secs = secs;
            let pass = check_session_lock(&s, &th).outcome.is_pass();
            prop_assert_eq!(pass, secs.is_some_and(|v| v != 0 && v <= th.max_idle_lock_secs));
        }
    }
}
