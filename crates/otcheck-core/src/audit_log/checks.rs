//! The checks on a device's audit logging: categories (CR 2.8), capacity (CR 2.9), capacity
//! warning (CR 2.9 RE 1), failure policy (CR 2.10), time synchronisation (CR 2.11 RE 1) and log
//! integrity (CR 3.9).
//!
//! The settings checks judge a [`LoggingSettings`], which the firmware fills in from its
//! [`AuditLog`] ([`AuditLog::settings`]) and the host runner from a device's configuration. The
//! integrity check judges the result of [`verify_export`](super::verify_export) or
//! [`AuditLog::verify`]; it passes only from a [`LogSummary`], which only a successful
//! verification of a *keyed* chain produces: an unkeyed chain verifies but does not protect
//! against anyone who can write the storage, so it fails CR 3.9.
//!
//! Guarantee: the checks are pure functions of their input; they never panic.

use super::log::{AuditLog, LogError, OverflowPolicy};
use super::record::{CategorySet, TimeQuality};
use super::store::RecordStore;
use super::verify::{LogSummary, VerifyError};
use crate::audit_log::Protection;
use crate::catalog::ids;
use crate::check::{
    CheckId, CheckInfo, CheckResult, Finding, FindingCode, Needed, Outcome, Shortfall, Verified,
};

static CATEGORIES: CheckInfo = CheckInfo::new(
    CheckId::new("audit-log.categories"),
    "The auditable event categories of CR 2.8 are recorded",
    &[ids::CR_2_8],
);
static CAPACITY: CheckInfo = CheckInfo::new(
    CheckId::new("audit-log.capacity"),
    "Audit record storage capacity is allocated",
    &[ids::CR_2_9],
);
static CAPACITY_WARNING: CheckInfo = CheckInfo::new(
    CheckId::new("audit-log.capacity-warning"),
    "Personnel are warned when audit storage reaches a threshold",
    &[ids::CR_2_9_RE_1],
);
static FAILURE_POLICY: CheckInfo = CheckInfo::new(
    CheckId::new("audit-log.failure-policy"),
    "An explicit response to a full or failing audit log is configured",
    &[ids::CR_2_10],
);
static TIME_SYNC: CheckInfo = CheckInfo::new(
    CheckId::new("audit-log.time-sync"),
    "Audit timestamps come from synchronised time",
    &[ids::CR_2_11, ids::CR_2_11_RE_1],
);
static INTEGRITY: CheckInfo = CheckInfo::new(
    CheckId::new("audit-log.integrity"),
    "The audit log is protected by a keyed hash chain that verifies",
    &[ids::CR_3_9],
);

/// Every audit-log check, in the order [`evaluate`] returns them.
///
/// ```
/// use otcheck_core::audit_log::CHECKS;
/// assert_eq!(CHECKS.len(), 6);
/// assert!(CHECKS.iter().all(|c| c.id.is_well_formed()));
/// assert_eq!(CHECKS[0].id.as_str(), "audit-log.categories");
/// ```
pub static CHECKS: &[&CheckInfo] = &[
    &CATEGORIES,
    &CAPACITY,
    &CAPACITY_WARNING,
    &FAILURE_POLICY,
    &TIME_SYNC,
    &INTEGRITY,
];

/// A device's audit logging configuration, as the checks see it. `None` means not configured
/// (or not known).
///
/// ```
/// use otcheck_core::audit_log::{CategorySet, LoggingSettings, OverflowPolicy, TimeQuality};
/// let settings = LoggingSettings {
///     categories: CategorySet::REQUIRED,
///     capacity: Some(4096),
///     warning_threshold_percent: Some(80),
///     overflow_policy: Some(OverflowPolicy::Overwrite),
///     time_source: Some(TimeQuality::Synchronised),
/// };
/// assert!(otcheck_core::audit_log::evaluate(&settings, None)[..5].iter().all(|r| r.outcome.is_pass()));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct LoggingSettings {
    /// Categories the device records.
    pub categories: CategorySet,
    /// Audit records the storage holds.
    pub capacity: Option<u64>,
    /// Lowest fill level, percent, at which personnel are warned.
    pub warning_threshold_percent: Option<u8>,
    /// What happens when the log is full.
    pub overflow_policy: Option<OverflowPolicy>,
    /// Whether the clock stamping records is synchronised.
    pub time_source: Option<TimeQuality>,
}

impl<const N: usize, S: RecordStore> AuditLog<N, S> {
    /// The log's settings for the checks. `categories` are those the firmware records (the
    /// log cannot know which events the firmware is instrumented for); the time source is the
    /// quality of the newest record.
    ///
    /// ```
    /// # use otcheck_core::audit_log::*;
    /// let log = AuditLog::<64>::new(LogConfig::default(), None);
    /// let s = log.settings(CategorySet::REQUIRED);
    /// assert_eq!(s.capacity, Some(63));
    /// assert_eq!(s.warning_threshold_percent, Some(75));
    /// assert_eq!(s.time_source, None, "nothing recorded yet");
    /// ```
    #[must_use]
    pub fn settings(&self, categories: CategorySet) -> LoggingSettings {
        LoggingSettings {
            categories,
            capacity: Some(self.capacity()),
            warning_threshold_percent: self.config().thresholds.lowest(),
            overflow_policy: Some(self.config().policy),
            time_source: self.last_time_quality(),
        }
    }
}

/// The CR 2.8 categories are all recorded. Evidences CR 2.8 (auditable events).
///
/// ```
/// use otcheck_core::audit_log::{check_categories, Category, CategorySet, LoggingSettings};
/// let mut s = LoggingSettings { categories: CategorySet::REQUIRED, ..Default::default() };
/// assert!(check_categories(&s).outcome.is_pass());
/// s.categories = CategorySet::EMPTY.with(Category::AccessControl);
/// let r = check_categories(&s);
/// assert_eq!(r.outcome.finding().map(|f| f.code.as_str()), Some("AUDIT-CATEGORY-MISSING"));
/// ```
#[must_use]
pub fn check_categories(settings: &LoggingSettings) -> CheckResult {
    let missing = CategorySet::REQUIRED.difference(settings.categories);
    let outcome = if missing.is_empty() {
        Outcome::Pass(Verified::new(
            "access control, request error, control system, backup and restore, configuration change and audit log events are recorded",
        ))
    } else {
        let present = CategorySet::REQUIRED.len().saturating_sub(missing.len());
        Outcome::Fail(Finding::with_shortfall(
            FindingCode::new("AUDIT-CATEGORY-MISSING"),
            "some event categories CR 2.8 requires are not recorded",
            Shortfall {
                parameter: "required categories recorded",
                found: u64::try_from(present).ok(),
                needed: Needed::AtLeast(u64::try_from(CategorySet::REQUIRED.len()).unwrap_or(6)),
            },
        ))
    };
    CheckResult::new(&CATEGORIES, outcome)
}

/// Storage capacity for audit records is allocated. Evidences CR 2.9 (audit storage capacity).
///
/// ```
/// use otcheck_core::audit_log::{check_capacity, LoggingSettings};
/// assert!(check_capacity(&LoggingSettings { capacity: Some(1000), ..Default::default() }).outcome.is_pass());
/// let r = check_capacity(&LoggingSettings::default());
/// assert_eq!(r.outcome.finding().map(|f| f.code.as_str()), Some("AUDIT-CAPACITY-UNSET"));
/// ```
#[must_use]
pub fn check_capacity(settings: &LoggingSettings) -> CheckResult {
    let outcome = match settings.capacity {
        Some(n) if n > 0 => Outcome::Pass(Verified::new(
            "a fixed audit record storage capacity is allocated",
        )),
        found => Outcome::Fail(Finding::with_shortfall(
            FindingCode::new("AUDIT-CAPACITY-UNSET"),
            "no audit record storage capacity is allocated",
            Shortfall {
                parameter: "capacity",
                found,
                needed: Needed::AtLeast(1),
            },
        )),
    };
    CheckResult::new(&CAPACITY, outcome)
}

/// Personnel are warned before the log fills up: a threshold below 100 %. Evidences CR 2.9
/// RE 1 (warn when audit record storage capacity threshold reached).
///
/// ```
/// use otcheck_core::audit_log::{check_capacity_warning, LoggingSettings};
/// let ok = LoggingSettings { warning_threshold_percent: Some(80), ..Default::default() };
/// assert!(check_capacity_warning(&ok).outcome.is_pass());
/// let r = check_capacity_warning(&LoggingSettings::default());
/// assert_eq!(r.outcome.finding().map(|f| f.code.as_str()), Some("AUDIT-NO-THRESHOLD-WARNING"));
/// ```
#[must_use]
pub fn check_capacity_warning(settings: &LoggingSettings) -> CheckResult {
    let outcome = match settings.warning_threshold_percent {
        Some(p) if (1..100).contains(&p) => Outcome::Pass(Verified::new(
            "a warning is raised when audit storage reaches a threshold below full",
        )),
        found => Outcome::Fail(Finding::with_shortfall(
            FindingCode::new("AUDIT-NO-THRESHOLD-WARNING"),
            "no warning is raised before audit storage is full",
            Shortfall {
                parameter: "warning threshold percent",
                found: found.map(u64::from),
                needed: Needed::AtMost(99),
            },
        )),
    };
    CheckResult::new(&CAPACITY_WARNING, outcome)
}

/// An explicit policy for a full log is set. Evidences CR 2.10 (response to audit processing
/// failures).
///
/// ```
/// use otcheck_core::audit_log::{check_failure_policy, LoggingSettings, OverflowPolicy};
/// let ok = LoggingSettings { overflow_policy: Some(OverflowPolicy::Refuse), ..Default::default() };
/// assert!(check_failure_policy(&ok).outcome.is_pass());
/// let r = check_failure_policy(&LoggingSettings::default());
/// assert_eq!(r.outcome.finding().map(|f| f.code.as_str()), Some("AUDIT-NO-FAILURE-POLICY"));
/// ```
#[must_use]
pub fn check_failure_policy(settings: &LoggingSettings) -> CheckResult {
    let outcome = match settings.overflow_policy {
        Some(OverflowPolicy::Overwrite) => Outcome::Pass(Verified::new(
            "when full, the oldest audit records are overwritten and the loss is recorded",
        )),
        Some(OverflowPolicy::Refuse) => Outcome::Pass(Verified::new(
            "when full, new audit records are refused and the failure is reported",
        )),
        None => Outcome::Fail(Finding::new(
            FindingCode::new("AUDIT-NO-FAILURE-POLICY"),
            "no response to a full or failing audit log is configured",
        )),
    };
    CheckResult::new(&FAILURE_POLICY, outcome)
}

/// Records are stamped from a synchronised clock. Evidences CR 2.11 (timestamps) and
/// CR 2.11 RE 1 (time synchronisation).
///
/// ```
/// use otcheck_core::audit_log::{check_time_sync, LoggingSettings, TimeQuality};
/// let ok = LoggingSettings { time_source: Some(TimeQuality::Synchronised), ..Default::default() };
/// assert!(check_time_sync(&ok).outcome.is_pass());
/// let bad = LoggingSettings { time_source: Some(TimeQuality::Unsynchronised), ..Default::default() };
/// assert_eq!(check_time_sync(&bad).outcome.finding().map(|f| f.code.as_str()), Some("AUDIT-TIME-UNSYNCED"));
/// assert_eq!(check_time_sync(&LoggingSettings::default()).outcome.kind(), "not-assessed");
/// ```
#[must_use]
pub fn check_time_sync(settings: &LoggingSettings) -> CheckResult {
    let outcome = match settings.time_source {
        Some(TimeQuality::Synchronised) => Outcome::Pass(Verified::new(
            "audit records are timestamped from a synchronised clock",
        )),
        Some(TimeQuality::Unsynchronised) => Outcome::Fail(Finding::new(
            FindingCode::new("AUDIT-TIME-UNSYNCED"),
            "audit records are timestamped from a clock that is not synchronised",
        )),
        None => Outcome::NotAssessed("the time source of audit records is not known"),
    };
    CheckResult::new(&TIME_SYNC, outcome)
}

/// The log verified and its chain is keyed. Evidences CR 3.9 (protection of audit
/// information). Takes the result of [`verify_export`](super::verify_export); for
/// [`AuditLog::verify`] use [`check_stored_integrity`](AuditLog::check_integrity).
///
/// ```
/// use otcheck_core::audit_log::{check_integrity, Tamper, VerifyError};
/// let r = check_integrity(&Err(VerifyError::Tampered(Tamper::Truncated { expected: 9, found: 7 })));
/// assert_eq!(r.outcome.finding().map(|f| f.code.as_str()), Some("AUDIT-CHAIN-BROKEN"));
/// assert_eq!(check_integrity(&Err(VerifyError::KeyRequired)).outcome.kind(), "not-assessed");
/// ```
#[must_use]
pub fn check_integrity(verification: &Result<LogSummary, VerifyError>) -> CheckResult {
    let outcome = match verification {
        Ok(summary) => integrity_pass(summary),
        Err(VerifyError::Tampered(_)) => broken(),
        Err(VerifyError::UnkeyedExport) => unkeyed(),
        Err(VerifyError::KeyRequired) => {
            Outcome::NotAssessed("the audit log is keyed and no key was supplied")
        }
        Err(VerifyError::LimitExceeded { .. }) => {
            Outcome::NotAssessed("the audit log is larger than the verification limit")
        }
        Err(VerifyError::Format(_)) => Outcome::Error("the audit-log export could not be decoded"),
    };
    CheckResult::new(&INTEGRITY, outcome)
}

impl<const N: usize, S: RecordStore> AuditLog<N, S> {
    /// Verifies the stored log and judges the result like [`check_integrity`]: the device's
    /// self-test entry point for CR 3.9.
    ///
    /// ```
    /// # use otcheck_core::audit_log::*;
    /// let mut log = AuditLog::<8>::new(LogConfig::default(), Some(&ChainKey::new([2; 32])));
    /// assert!(log.check_integrity().outcome.is_pass());
    /// let mut unkeyed = AuditLog::<8>::new(LogConfig::default(), None);
    /// assert_eq!(unkeyed.check_integrity().outcome.finding().map(|f| f.code.as_str()), Some("AUDIT-CHAIN-UNKEYED"));
    /// ```
    pub fn check_integrity(&mut self) -> CheckResult {
        let outcome = match self.verify() {
            Ok(summary) => integrity_pass(&summary),
            Err(
                LogError::Tampered(_) | LogError::Misplaced { .. } | LogError::Malformed { .. },
            ) => broken(),
            Err(LogError::Storage { .. }) => {
                Outcome::NotAssessed("the audit-log store could not be read")
            }
            Err(_) => Outcome::Error("the audit log could not be verified"),
        };
        CheckResult::new(&INTEGRITY, outcome)
    }
}

fn integrity_pass(summary: &LogSummary) -> Outcome {
    match summary.protection {
        Protection::Keyed => Outcome::Pass(Verified::new(
            "every audit record and the export header verify under the device's HMAC-SHA256 chain",
        )),
        Protection::Unkeyed => unkeyed(),
    }
}

fn unkeyed() -> Outcome {
    Outcome::Fail(Finding::new(
        FindingCode::new("AUDIT-CHAIN-UNKEYED"),
        "the audit log's hash chain is not keyed: anyone who can write its storage can rewrite it undetected",
    ))
}

fn broken() -> Outcome {
    Outcome::Fail(Finding::new(
        FindingCode::new("AUDIT-CHAIN-BROKEN"),
        "the audit log's hash chain is broken: records were modified, dropped, inserted, reordered or truncated",
    ))
}

/// Runs every check, in [`CHECKS`] order. Without a verification result the integrity check is
/// not assessed.
///
/// ```
/// use otcheck_core::audit_log::{evaluate, LoggingSettings, CHECKS};
/// let results = evaluate(&LoggingSettings::default(), None);
/// assert_eq!(results.len(), CHECKS.len());
/// assert_eq!(results[5].outcome.kind(), "not-assessed");
/// ```
#[must_use]
pub fn evaluate(
    settings: &LoggingSettings,
    verification: Option<&Result<LogSummary, VerifyError>>,
) -> [CheckResult; 6] {
    [
        check_categories(settings),
        check_capacity(settings),
        check_capacity_warning(settings),
        check_failure_policy(settings),
        check_time_sync(settings),
        verification.map_or_else(
            || {
                CheckResult::new(
                    &INTEGRITY,
                    Outcome::NotAssessed("the audit log was not verified"),
                )
            },
            check_integrity,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit_log::{
        ActorId, Category, ChainKey, Event, EventOutcome, LogConfig, Timestamp, VerifyLimits,
        verify_export,
    };
    use std::string::ToString;

    fn good() -> LoggingSettings {
        LoggingSettings {
            categories: CategorySet::ALL,
            capacity: Some(100),
            warning_threshold_percent: Some(75),
            overflow_policy: Some(OverflowPolicy::Refuse),
            time_source: Some(TimeQuality::Synchronised),
        }
    }

    #[test]
    fn ids_codes_and_requirements_are_well_formed_and_unique() {
        for (i, c) in CHECKS.iter().enumerate() {
            assert!(c.id.is_well_formed(), "{}", c.id);
            assert!(!c.requirements.is_empty());
            for r in c.requirements {
                assert!(crate::catalog::get(&r.to_string()).is_ok(), "{r}");
            }
            assert!(CHECKS[..i].iter().all(|o| o.id != c.id));
        }
        let results = evaluate(&LoggingSettings::default(), None);
        for (r, info) in results.iter().zip(CHECKS) {
            assert_eq!(r.info.id, info.id);
            if let Some(f) = r.outcome.finding() {
                assert!(f.code.is_well_formed(), "{}", f.code);
            }
        }
    }

    #[test]
    fn good_settings_pass_every_settings_check() {
        for r in &evaluate(&good(), None)[..5] {
            assert!(r.outcome.is_pass(), "{}: {:?}", r.info.id, r.outcome);
        }
    }

    #[test]
    fn default_settings_fail_or_are_not_assessed() {
        let r = evaluate(&LoggingSettings::default(), None);
        let codes: std::vec::Vec<_> = r
            .iter()
            .map(|r| r.outcome.finding().map(|f| f.code.as_str()))
            .collect();
        assert_eq!(
            codes,
            [
                Some("AUDIT-CATEGORY-MISSING"),
                Some("AUDIT-CAPACITY-UNSET"),
                Some("AUDIT-NO-THRESHOLD-WARNING"),
                Some("AUDIT-NO-FAILURE-POLICY"),
                None,
                None
            ]
        );
        assert_eq!(r[4].outcome.kind(), "not-assessed");
    }

    #[test]
    fn each_missing_required_category_fails_with_the_count() {
        for c in CategorySet::REQUIRED.iter() {
            let s = LoggingSettings {
                categories: CategorySet::ALL.difference(CategorySet::EMPTY.with(c)),
                ..good()
            };
            let f = *check_categories(&s).outcome.finding().unwrap();
            assert_eq!(f.shortfall.unwrap().found, Some(5), "{c}");
        }
        // The two optional categories are not required.
        let s = LoggingSettings {
            categories: CategorySet::REQUIRED,
            ..good()
        };
        assert!(check_categories(&s).outcome.is_pass());
    }

    #[test]
    fn capacity_zero_and_threshold_edges() {
        let s = LoggingSettings {
            capacity: Some(0),
            ..good()
        };
        assert!(!check_capacity(&s).outcome.is_pass());
        for (p, pass) in [
            (0, false),
            (1, true),
            (99, true),
            (100, false),
            (255, false),
        ] {
            let s = LoggingSettings {
                warning_threshold_percent: Some(p),
                ..good()
            };
            assert_eq!(check_capacity_warning(&s).outcome.is_pass(), pass, "{p}");
        }
    }

    #[test]
    fn integrity_passes_only_for_a_verified_keyed_log() {
        let key = ChainKey::new([3; 32]);
        let e = Event::new(
            Category::AuditLog,
            EventOutcome::Info,
            1,
            ActorId::default(),
        )
        .unwrap();
        for keyed in [true, false] {
            let mut log =
                crate::audit_log::AuditLog::<8>::new(LogConfig::default(), keyed.then_some(&key));
            log.append(&e, Timestamp::synchronised(0)).unwrap();
            let mut buf = [0u8; 1024];
            let n = log.export_to_slice(0, 10, &mut buf).unwrap().bytes;
            let v = verify_export(&buf[..n], keyed.then_some(&key), VerifyLimits::default());
            assert_eq!(check_integrity(&v).outcome.is_pass(), keyed);
            assert_eq!(log.check_integrity().outcome.is_pass(), keyed);
            buf[n - 1] ^= 1;
            let v = verify_export(&buf[..n], keyed.then_some(&key), VerifyLimits::default());
            assert_eq!(
                check_integrity(&v)
                    .outcome
                    .finding()
                    .map(|f| f.code.as_str()),
                Some("AUDIT-CHAIN-BROKEN")
            );
        }
        assert_eq!(
            check_integrity(&Err(VerifyError::UnkeyedExport))
                .outcome
                .finding()
                .map(|f| f.code.as_str()),
            Some("AUDIT-CHAIN-UNKEYED")
        );
        assert_eq!(
            check_integrity(&verify_export(b"junk", None, VerifyLimits::default()))
                .outcome
                .kind(),
            "error"
        );
    }

    #[test]
    fn settings_from_a_log() {
        let mut log = crate::audit_log::AuditLog::<32>::new(LogConfig::default(), None);
        let e = Event::new(
            Category::AuditLog,
            EventOutcome::Info,
            1,
            ActorId::default(),
        )
        .unwrap();
        log.append(&e, Timestamp::synchronised(0)).unwrap();
        let s = log.settings(CategorySet::REQUIRED);
        assert_eq!(s.capacity, Some(31));
        assert_eq!(s.overflow_policy, Some(OverflowPolicy::Overwrite));
        assert_eq!(s.time_source, Some(TimeQuality::Synchronised));
        assert!(evaluate(&s, None)[..5].iter().all(|r| r.outcome.is_pass()));
    }
}
