//! Unsuccessful login attempts (CR 1.11): the lockout settings a component enforces
//! ([`LockoutSettings`]), the numbers a security level asks for ([`LockoutThresholds`]), the
//! `auth.lockout` evaluator, and a runtime [`LoginThrottle`] that firmware can use to enforce
//! a lockout with time supplied by the caller.
//!
//! CR 1.11 asks for a limit on consecutive invalid attempts within a configurable period, and
//! then denying access for a specified period or until an administrator unlocks. The settings
//! map onto `pam_faillock` (`deny`, `fail_interval`, `unlock_time`; `unlock_time = 0` is
//! [`LockoutAction::UntilAdminUnlock`]) and onto device configuration pages alike.
//!
//! Guarantees: nothing panics or allocates; the throttle never reads a clock and treats time
//! going backwards as no time passing, so a lock never ends early.
//!
//! ```
//! use core::num::NonZeroU32;
//! use otcheck_core::auth::{lockout, LockoutAction, LockoutThresholds, LoginThrottle, ThrottleConfig};
//! use otcheck_core::SecurityLevel;
//!
//! let config = ThrottleConfig {
//!     max_attempts: NonZeroU32::MIN.saturating_add(2), // 3
//!     window_secs: 900,
//!     action: LockoutAction::Duration { secs: 900 },
//! };
//! // The device judges its own throttle against CR 1.11 at SL 3:
//! let th = LockoutThresholds::for_level(SecurityLevel::Sl3);
//! assert!(lockout::check_lockout(&config.settings(), &th).outcome.is_pass());
//!
//! let mut throttle = LoginThrottle::new(config);
//! let t0 = 1_000;
//! assert!(throttle.record_failure(t0).is_ok());
//! assert!(throttle.record_failure(t0 + 1).is_ok());
//! let locked = throttle.record_failure(t0 + 2).unwrap_err();
//! assert_eq!(locked.until(), Some(t0 + 2 + 900));
//! assert!(throttle.check(t0 + 600).is_err());
//! assert!(throttle.check(t0 + 902).is_ok());
//! ```

use core::num::NonZeroU32;

use crate::SecurityLevel;
use crate::check::{CheckResult, Finding, FindingCode, Needed, Shortfall};

use super::{LOCKOUT, judge};

/// What happens when the limit is reached.
///
/// ```
/// use otcheck_core::auth::LockoutAction;
/// assert_eq!(LockoutAction::Duration { secs: 600 }.lock_secs(), Some(600));
/// assert_eq!(LockoutAction::UntilAdminUnlock.lock_secs(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum LockoutAction {
    /// Access is denied for this many seconds (`unlock_time`).
    Duration {
        /// Seconds.
        secs: u32,
    },
    /// Access is denied until an administrator unlocks the account.
    UntilAdminUnlock,
}

impl LockoutAction {
    /// The lock's duration, `None` for an administrator unlock.
    ///
    /// ```
    /// use otcheck_core::auth::LockoutAction;
    /// assert_eq!(LockoutAction::Duration { secs: 0 }.lock_secs(), Some(0));
    /// ```
    #[must_use]
    pub const fn lock_secs(self) -> Option<u32> {
        match self {
            Self::Duration { secs } => Some(secs),
            Self::UntilAdminUnlock => None,
        }
    }
}

/// The lockout a component enforces. `None` means "not configured".
///
/// ```
/// use otcheck_core::auth::{LockoutAction, LockoutSettings};
/// let mut s = LockoutSettings::new();
/// s.max_attempts = Some(5);
/// s.window_secs = Some(900);
/// s.action = Some(LockoutAction::UntilAdminUnlock);
/// assert_ne!(s, LockoutSettings::default());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
#[non_exhaustive]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct LockoutSettings {
    /// Consecutive failures that trigger the lockout (`deny`); `Some(0)` disables it.
    pub max_attempts: Option<u32>,
    /// The period within which failures are counted (`fail_interval`), in seconds. Use
    /// `u32::MAX` for a counter that only a successful login resets.
    pub window_secs: Option<u32>,
    /// What the lockout does.
    pub action: Option<LockoutAction>,
}

impl LockoutSettings {
    /// Nothing configured.
    ///
    /// ```
    /// assert_eq!(otcheck_core::auth::LockoutSettings::new().max_attempts, None);
    /// ```
    #[must_use]
    pub const fn new() -> Self {
        Self {
            max_attempts: None,
            window_secs: None,
            action: None,
        }
    }
}

/// The numbers CR 1.11 asks for at a level. SL 0 uses the SL 1 numbers.
///
/// ```
/// use otcheck_core::auth::LockoutThresholds;
/// use otcheck_core::SecurityLevel;
/// let th = LockoutThresholds::for_level(SecurityLevel::Sl2);
/// assert_eq!((th.max_attempts, th.min_window_secs, th.min_lockout_secs), (5, 900, 900));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct LockoutThresholds {
    /// Most acceptable `deny`: SL 1: 10 (Microsoft Windows security baseline, account lockout
    /// threshold 10); SL 2: 5 (CIS Linux Benchmarks, `pam_faillock deny` 5 or less); SL 3 and
    /// SL 4: 3 (DISA STIGs for Linux, three consecutive invalid attempts).
    pub max_attempts: u32,
    /// Least acceptable `fail_interval`: 900 s at every level (15 minutes: `pam_faillock`'s
    /// default and the DISA STIGs' period).
    pub min_window_secs: u32,
    /// Least acceptable `unlock_time`: 900 s at every level (CIS Linux Benchmarks and the
    /// Microsoft baseline's 15 minutes); an administrator unlock always suffices.
    pub min_lockout_secs: u32,
}

impl LockoutThresholds {
    /// The documented defaults for `level`.
    ///
    /// ```
    /// use otcheck_core::auth::LockoutThresholds;
    /// use otcheck_core::SecurityLevel;
    /// assert_eq!(LockoutThresholds::for_level(SecurityLevel::Sl4).max_attempts, 3);
    /// ```
    #[must_use]
    pub const fn for_level(level: SecurityLevel) -> Self {
        let max_attempts = match level {
            SecurityLevel::Sl0 | SecurityLevel::Sl1 => 10,
            SecurityLevel::Sl2 => 5,
            SecurityLevel::Sl3 | SecurityLevel::Sl4 => 3,
        };
        Self {
            max_attempts,
            min_window_secs: 900,
            min_lockout_secs: 900,
        }
    }
}

const DISABLED: FindingCode = FindingCode::new("AUTH-LOCKOUT-DISABLED");
const THRESHOLD: FindingCode = FindingCode::new("AUTH-LOCKOUT-THRESHOLD");
const WINDOW: FindingCode = FindingCode::new("AUTH-LOCKOUT-WINDOW");
const DURATION: FindingCode = FindingCode::new("AUTH-LOCKOUT-DURATION");

/// Every shortfall of `settings` against `th`, most important first: no lockout, too many
/// attempts allowed, too short a counting window, too short a lock.
///
/// ```
/// use otcheck_core::auth::{lockout, LockoutAction, LockoutSettings, LockoutThresholds};
/// use otcheck_core::SecurityLevel;
/// let mut s = LockoutSettings::new();
/// s.max_attempts = Some(6);
/// s.window_secs = Some(60);
/// s.action = Some(LockoutAction::Duration { secs: 600 });
/// let th = LockoutThresholds::for_level(SecurityLevel::Sl2);
/// let all: Vec<_> = lockout::lockout_findings(&s, &th).map(|f| f.shortfall.map(|s| s.to_string())).collect();
/// assert_eq!(all, [
///     Some("deny is 6, needs at most 5".to_string()),
///     Some("fail_interval is 60, needs at least 900".to_string()),
///     Some("unlock_time is 600, needs at least 900".to_string()),
/// ]);
/// ```
pub fn lockout_findings(
    settings: &LockoutSettings,
    th: &LockoutThresholds,
) -> impl Iterator<Item = Finding> + use<> {
    let attempts = match settings.max_attempts.filter(|&n| n != 0) {
        None => Some(Finding::with_shortfall(
            DISABLED,
            "unsuccessful login attempts do not lead to a lockout",
            Shortfall {
                parameter: "deny",
                found: None,
                needed: Needed::AtMost(u64::from(th.max_attempts)),
            },
        )),
        Some(n) if n > th.max_attempts => Some(Finding::with_shortfall(
            THRESHOLD,
            "too many unsuccessful login attempts are allowed before a lockout",
            Shortfall {
                parameter: "deny",
                found: Some(u64::from(n)),
                needed: Needed::AtMost(u64::from(th.max_attempts)),
            },
        )),
        Some(_) => None,
    };
    let window = match settings.window_secs {
        Some(w) if w >= th.min_window_secs => None,
        found => Some(Finding::with_shortfall(
            WINDOW,
            "unsuccessful login attempts are counted over too short a period",
            Shortfall {
                parameter: "fail_interval",
                found: found.map(u64::from),
                needed: Needed::AtLeast(u64::from(th.min_window_secs)),
            },
        )),
    };
    let duration = match settings.action {
        Some(LockoutAction::UntilAdminUnlock) => None,
        Some(LockoutAction::Duration { secs }) if secs >= th.min_lockout_secs => None,
        action => Some(Finding::with_shortfall(
            DURATION,
            "a lockout does not deny access long enough",
            Shortfall {
                parameter: "unlock_time",
                found: action.and_then(LockoutAction::lock_secs).map(u64::from),
                needed: Needed::AtLeast(u64::from(th.min_lockout_secs)),
            },
        )),
    };
    [attempts, window, duration].into_iter().flatten()
}

/// `auth.lockout`: judges `settings` against `th`. Evidences CR 1.11 (unsuccessful login
/// attempts).
///
/// ```
/// use otcheck_core::auth::{lockout, LockoutSettings, LockoutThresholds};
/// use otcheck_core::SecurityLevel;
/// let r = lockout::check_lockout(&LockoutSettings::new(), &LockoutThresholds::for_level(SecurityLevel::Sl1));
/// assert_eq!(r.outcome.finding().map(|f| f.code.as_str()), Some("AUTH-LOCKOUT-DISABLED"));
/// ```
pub fn check_lockout(settings: &LockoutSettings, th: &LockoutThresholds) -> CheckResult {
    judge(
        &LOCKOUT,
        lockout_findings(settings, th),
        "consecutive unsuccessful login attempts within the required period lock the account long enough",
    )
}

/// A complete lockout configuration for [`LoginThrottle`].
///
/// ```
/// use core::num::NonZeroU32;
/// use otcheck_core::auth::{LockoutAction, ThrottleConfig};
/// let c = ThrottleConfig { max_attempts: NonZeroU32::MIN, window_secs: 60, action: LockoutAction::UntilAdminUnlock };
/// assert_eq!(c.settings().max_attempts, Some(1));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ThrottleConfig {
    /// Consecutive failures within the window that lock the account.
    pub max_attempts: NonZeroU32,
    /// The counting window, in seconds.
    pub window_secs: u32,
    /// What the lock does.
    pub action: LockoutAction,
}

impl ThrottleConfig {
    /// The same configuration as [`LockoutSettings`], for [`check_lockout`].
    ///
    /// ```
    /// use core::num::NonZeroU32;
    /// use otcheck_core::auth::{LockoutAction, ThrottleConfig};
    /// let c = ThrottleConfig { max_attempts: NonZeroU32::MIN, window_secs: 60, action: LockoutAction::UntilAdminUnlock };
    /// assert_eq!(c.settings().window_secs, Some(60));
    /// ```
    #[must_use]
    pub const fn settings(&self) -> LockoutSettings {
        LockoutSettings {
            max_attempts: Some(self.max_attempts.get()),
            window_secs: Some(self.window_secs),
            action: Some(self.action),
        }
    }
}

/// The account is locked.
///
/// ```
/// use otcheck_core::auth::lockout::Locked;
/// assert_eq!(Locked::UntilAdminUnlock.to_string(), "account locked until an administrator unlocks it");
/// assert_eq!(Locked::Until { time: 42 }.to_string(), "account locked until time 42");
/// assert_eq!(Locked::Until { time: 42 }.until(), Some(42));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Locked {
    /// Until `time`, in the caller's time base.
    #[error("account locked until time {time}")]
    Until {
        /// When the lock ends.
        time: u64,
    },
    /// Until an administrator unlocks the account.
    #[error("account locked until an administrator unlocks it")]
    UntilAdminUnlock,
}

impl Locked {
    /// When the lock ends, `None` for an administrator unlock.
    ///
    /// ```
    /// assert_eq!(otcheck_core::auth::lockout::Locked::UntilAdminUnlock.until(), None);
    /// ```
    #[must_use]
    pub const fn until(&self) -> Option<u64> {
        match *self {
            Self::Until { time } => Some(time),
            Self::UntilAdminUnlock => None,
        }
    }
}

/// Enforces a lockout for one account with caller-supplied time: seconds on any monotonic
/// scale (an uptime counter, Unix time). Keep one per account (or per interface and
/// account) in a fixed array.
///
/// Failures while locked are refused without extending the lock. Time going backwards counts
/// as no time passing.
///
/// ```
/// use core::num::NonZeroU32;
/// use otcheck_core::auth::{LockoutAction, LoginThrottle, ThrottleConfig};
/// let mut t = LoginThrottle::new(ThrottleConfig {
///     max_attempts: NonZeroU32::MIN,
///     window_secs: 60,
///     action: LockoutAction::UntilAdminUnlock,
/// });
/// assert!(t.record_failure(5).is_err());
/// assert!(t.check(1_000_000).is_err(), "only an administrator unlocks");
/// t.admin_unlock();
/// assert!(t.check(1_000_000).is_ok());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LoginThrottle {
    config: ThrottleConfig,
    failures: u32,
    first_failure: u64,
    locked_at: Option<u64>,
}

impl LoginThrottle {
    /// A throttle with no failures recorded.
    ///
    /// ```
    /// use core::num::NonZeroU32;
    /// use otcheck_core::auth::{LockoutAction, LoginThrottle, ThrottleConfig};
    /// let t = LoginThrottle::new(ThrottleConfig { max_attempts: NonZeroU32::MIN, window_secs: 1, action: LockoutAction::UntilAdminUnlock });
    /// assert_eq!(t.failures(), 0);
    /// ```
    #[must_use]
    pub const fn new(config: ThrottleConfig) -> Self {
        Self {
            config,
            failures: 0,
            first_failure: 0,
            locked_at: None,
        }
    }

    /// The configuration.
    ///
    /// ```
    /// use core::num::NonZeroU32;
    /// use otcheck_core::auth::{LockoutAction, LoginThrottle, ThrottleConfig};
    /// let c = ThrottleConfig { max_attempts: NonZeroU32::MIN, window_secs: 1, action: LockoutAction::UntilAdminUnlock };
    /// assert_eq!(LoginThrottle::new(c).config(), &c);
    /// ```
    #[must_use]
    pub const fn config(&self) -> &ThrottleConfig {
        &self.config
    }

    /// Failures counted in the current window.
    ///
    /// ```
    /// use core::num::NonZeroU32;
    /// use otcheck_core::auth::{LockoutAction, LoginThrottle, ThrottleConfig};
    /// let mut t = LoginThrottle::new(ThrottleConfig { max_attempts: NonZeroU32::MAX, window_secs: 10, action: LockoutAction::UntilAdminUnlock });
    /// let _ = t.record_failure(0);
    /// let _ = t.record_failure(20); // the window has passed: counting starts again
    /// assert_eq!(t.failures(), 1);
    /// ```
    #[must_use]
    pub const fn failures(&self) -> u32 {
        self.failures
    }

    /// The lock in force at `now`, if any.
    fn lock(&self, now: u64) -> Option<Locked> {
        let locked_at = self.locked_at?;
        match self.config.action {
            LockoutAction::UntilAdminUnlock => Some(Locked::UntilAdminUnlock),
            LockoutAction::Duration { secs } => {
                let until = locked_at.saturating_add(u64::from(secs));
                (now < until || now < locked_at).then_some(Locked::Until { time: until })
            }
        }
    }

    /// Whether a login attempt may proceed at `now`.
    ///
    /// # Errors
    ///
    /// [`Locked`] while the account is locked.
    ///
    /// ```
    /// use core::num::NonZeroU32;
    /// use otcheck_core::auth::{LockoutAction, LoginThrottle, ThrottleConfig};
    /// let t = LoginThrottle::new(ThrottleConfig { max_attempts: NonZeroU32::MIN, window_secs: 1, action: LockoutAction::UntilAdminUnlock });
    /// assert!(t.check(0).is_ok());
    /// ```
    pub fn check(&self, now: u64) -> Result<(), Locked> {
        self.lock(now).map_or(Ok(()), Err)
    }

    /// Records a failed attempt at `now`.
    ///
    /// # Errors
    ///
    /// [`Locked`] if the account is locked, including by this failure.
    ///
    /// ```
    /// use core::num::NonZeroU32;
    /// use otcheck_core::auth::{LockoutAction, LoginThrottle, ThrottleConfig};
    /// let mut t = LoginThrottle::new(ThrottleConfig { max_attempts: NonZeroU32::MIN, window_secs: 1, action: LockoutAction::Duration { secs: 30 } });
    /// assert_eq!(t.record_failure(100).unwrap_err().until(), Some(130));
    /// ```
    pub fn record_failure(&mut self, now: u64) -> Result<(), Locked> {
        if let Some(locked) = self.lock(now) {
            return Err(locked);
        }
        if self.locked_at.is_some() {
            // A timed lock has expired: start afresh.
            self.locked_at = None;
            self.failures = 0;
        }
        let window_over =
            now.saturating_sub(self.first_failure) >= u64::from(self.config.window_secs);
        if self.failures == 0 || window_over {
            self.failures = 0;
            self.first_failure = now;
        }
        self.failures = self.failures.saturating_add(1);
        if self.failures >= self.config.max_attempts.get() {
            self.locked_at = Some(now);
            return self.check(now);
        }
        Ok(())
    }

    /// Records a successful login at `now`, which resets the failure count.
    ///
    /// # Errors
    ///
    /// [`Locked`] if the account is locked: the success is not accepted (check before
    /// verifying the password).
    ///
    /// ```
    /// use core::num::NonZeroU32;
    /// use otcheck_core::auth::{LockoutAction, LoginThrottle, ThrottleConfig};
    /// let mut t = LoginThrottle::new(ThrottleConfig { max_attempts: NonZeroU32::MAX, window_secs: 60, action: LockoutAction::UntilAdminUnlock });
    /// let _ = t.record_failure(1);
    /// assert!(t.record_success(2).is_ok());
    /// assert_eq!(t.failures(), 0);
    /// ```
    pub fn record_success(&mut self, now: u64) -> Result<(), Locked> {
        self.check(now)?;
        self.failures = 0;
        self.locked_at = None;
        Ok(())
    }

    /// An administrator unlocks the account and clears its failures.
    ///
    /// ```
    /// use core::num::NonZeroU32;
    /// use otcheck_core::auth::{LockoutAction, LoginThrottle, ThrottleConfig};
    /// let mut t = LoginThrottle::new(ThrottleConfig { max_attempts: NonZeroU32::MIN, window_secs: 60, action: LockoutAction::UntilAdminUnlock });
    /// let _ = t.record_failure(1);
    /// t.admin_unlock();
    /// assert_eq!(t.failures(), 0);
    /// ```
    pub fn admin_unlock(&mut self) {
        self.failures = 0;
        self.locked_at = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn nz(n: u32) -> NonZeroU32 {
        NonZeroU32::new(n).unwrap()
    }

    #[test]
    fn settings_meeting_each_level_pass_and_looser_ones_fail() {
        for level in SecurityLevel::RATED {
            let th = LockoutThresholds::for_level(level);
            let mut s = LockoutSettings::new();
            s.max_attempts = Some(th.max_attempts);
            s.window_secs = Some(th.min_window_secs);
            s.action = Some(LockoutAction::Duration {
                secs: th.min_lockout_secs,
            });
            assert!(check_lockout(&s, &th).outcome.is_pass(), "{level}");
            s.action = Some(LockoutAction::UntilAdminUnlock);
            assert!(check_lockout(&s, &th).outcome.is_pass(), "{level}");

            s.max_attempts = th.max_attempts.checked_add(1);
            let f = *check_lockout(&s, &th).outcome.finding().unwrap();
            assert_eq!(f.code, THRESHOLD);
        }
    }

    #[test]
    fn zero_attempts_means_disabled_and_unset_fields_are_found_none() {
        let th = LockoutThresholds::for_level(SecurityLevel::Sl2);
        let mut s = LockoutSettings::new();
        s.max_attempts = Some(0);
        let all: std::vec::Vec<_> = lockout_findings(&s, &th).collect();
        assert_eq!(all.len(), 3);
        assert_eq!(all[0].code, DISABLED);
        assert!(all.iter().all(|f| f.shortfall.unwrap().found.is_none()));
        assert_eq!(
            check_lockout(&s, &th).info.requirements,
            &[crate::catalog::ids::CR_1_11]
        );
    }

    #[test]
    fn throttle_locks_after_consecutive_failures_in_the_window() {
        let mut t = LoginThrottle::new(ThrottleConfig {
            max_attempts: nz(3),
            window_secs: 100,
            action: LockoutAction::Duration { secs: 50 },
        });
        assert!(t.record_failure(0).is_ok());
        assert!(t.record_failure(10).is_ok());
        // The window (100 s from the first failure) passes: counting restarts.
        assert!(t.record_failure(100).is_ok());
        assert_eq!(t.failures(), 1);
        assert!(t.record_failure(110).is_ok());
        assert_eq!(t.record_failure(120), Err(Locked::Until { time: 170 }));
        assert_eq!(t.check(169), Err(Locked::Until { time: 170 }));
        // Refused while locked, without extending the lock.
        assert_eq!(t.record_failure(150), Err(Locked::Until { time: 170 }));
        assert_eq!(t.record_success(160), Err(Locked::Until { time: 170 }));
        assert_eq!(t.check(170), Ok(()));
        assert!(t.record_failure(171).is_ok());
        assert_eq!(t.failures(), 1);
    }

    #[test]
    fn success_resets_and_time_going_backwards_keeps_the_lock() {
        let mut t = LoginThrottle::new(ThrottleConfig {
            max_attempts: nz(2),
            window_secs: 1000,
            action: LockoutAction::Duration { secs: 10 },
        });
        assert!(t.record_failure(500).is_ok());
        assert!(t.record_success(501).is_ok());
        assert!(t.record_failure(502).is_ok());
        assert!(t.record_failure(503).is_err());
        assert!(t.check(400).is_err(), "the clock went back: still locked");
        assert!(t.check(u64::MAX).is_ok());
    }

    proptest! {
        #[test]
        fn never_more_than_max_consecutive_failures_are_accepted(
            max in 1u32..6,
            steps in proptest::collection::vec(0u64..30, 1..60),
        ) {
            let mut t = LoginThrottle::new(ThrottleConfig {
                max_attempts: nz(max),
                window_secs: u32::MAX,
                action: LockoutAction::UntilAdminUnlock,
            });
            let mut now = 0u64;
            let mut accepted = 0u32;
            for step in steps {
                now = now.saturating_add(step);
                if t.check(now).is_ok() {
                    accepted = accepted.saturating_add(1);
                    let _ = t.record_failure(now);
                }
            }
            prop_assert!(accepted <= max);
            prop_assert_eq!(t.check(now).is_err(), accepted == max);
        }
    }
}
