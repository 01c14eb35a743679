//! The device self-test (CR 3.3, security functionality verification): every applicable core
//! check over a [`DeviceProfile`] and the verification results the firmware obtained
//! ([`Evidence`]), in a fixed-size [`SelfTestReport`] with the SL-C reached per FR.
//!
//! The self-test does not read flash or clocks itself: the firmware verifies its image with
//! [`integrity::ImageVerifier`], its audit log with
//! [`AuditLog::verify`](crate::audit_log::AuditLog::verify), and passes the results in. That
//! keeps the self-test a pure function and makes each piece of evidence a proof value: an
//! image that was not verified is not assessed, never passed.
//!
//! Guarantee: no heap, no panics; the report holds at most [`MAX_RESULTS`] results; a
//! requirement's status follows [`sl::requirement_status`],
//! the same rule the host report uses, and a requirement no check evidences counts as not
//! covered (attestations are added on the host, never on the device).
//!
//! ```
//! use otcheck_core::{selftest, ComponentType, SecurityLevel};
//!
//! let mut profile = selftest::DeviceProfile::default();
//! profile.component = ComponentType::EmbeddedDevice;
//! profile.target_sl = SecurityLevel::Sl2;
//! profile.password_policy.min_length = Some(6);
//! let report = selftest::run(&profile, &selftest::Evidence::<1>::default());
//! let policy = report.result("auth.password-policy").ok_or("missing")?;
//! assert_eq!(policy.outcome.finding().map(|f| f.code.as_str()), Some("AUTH-PW-MIN-LENGTH"));
//! let digest = report.result("integrity.image-digest").ok_or("missing")?;
//! assert_eq!(digest.outcome.kind(), "not-assessed", "no image verification was handed in");
//! # Ok::<(), &str>(())
//! ```

use heapless::Vec;

use crate::audit_log::{self, LogSummary, LoggingSettings, VerifyError};
use crate::auth::{
    self, ConcurrentSessionSettings, FeedbackSettings, LockoutSettings, LockoutThresholds,
    PasswordPolicy, PolicyThresholds, RemoteSessionSettings, SessionLockSettings,
    SessionThresholds, SystemUseNotification,
};
use crate::catalog::ComponentType;
use crate::check::{CheckResult, Outcome};
use crate::integrity::{self, BootReport, ImageVerified, IntegrityError, TrustAnchors};
use crate::resource::{self, ResourceSettings};
use crate::sl::{self, RequirementStatus, SecurityLevel, SlVector};

/// The most results a self-test report holds.
pub const MAX_RESULTS: usize = 40;

/// A device's security settings, as its firmware knows them: the complete input of the
/// self-test besides the verification evidence. Every field defaults to "not declared", which
/// the checks report as a failure or not assessed, never as a pass.
///
/// ```
/// let p = otcheck_core::selftest::DeviceProfile::default();
/// assert_eq!(p.target_sl, otcheck_core::SecurityLevel::Sl2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct DeviceProfile<'a> {
    /// What kind of component this is.
    pub component: ComponentType,
    /// The SL-C it claims, for every FR; thresholds follow it.
    pub target_sl: SecurityLevel,
    /// Password policy (CR 1.7 and RE 1).
    pub password_policy: PasswordPolicy,
    /// Unsuccessful login attempts (CR 1.11).
    pub lockout: LockoutSettings,
    /// Authenticator feedback (CR 1.10).
    pub feedback: FeedbackSettings,
    /// System use notification (CR 1.12).
    #[cfg_attr(feature = "serde", serde(borrow))]
    pub banner: SystemUseNotification<'a>,
    /// Session lock (CR 2.5).
    pub session_lock: SessionLockSettings,
    /// Remote session termination (CR 2.6).
    pub remote_sessions: RemoteSessionSettings,
    /// Concurrent sessions (CR 2.7).
    pub concurrent_sessions: ConcurrentSessionSettings,
    /// Audit logging (CR 2.8–2.11).
    pub logging: LoggingSettings,
    /// Resource availability and least functionality (FR 7).
    pub resource: ResourceSettings<8, 16>,
}

impl Default for DeviceProfile<'_> {
    fn default() -> Self {
        Self {
            component: ComponentType::EmbeddedDevice,
            target_sl: SecurityLevel::Sl2,
            password_policy: PasswordPolicy::default(),
            lockout: LockoutSettings::default(),
            feedback: FeedbackSettings::default(),
            banner: SystemUseNotification::default(),
            session_lock: SessionLockSettings::default(),
            remote_sessions: RemoteSessionSettings::default(),
            concurrent_sessions: ConcurrentSessionSettings::default(),
            logging: LoggingSettings::default(),
            resource: ResourceSettings::default(),
        }
    }
}

/// What the firmware verified before the self-test, as proof values. `None` means "not
/// verified", and the corresponding checks are not assessed.
///
/// ```
/// let e = otcheck_core::selftest::Evidence::<2>::default();
/// assert!(e.image.is_none() && e.audit_log.is_none());
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Evidence<'a, const A: usize> {
    /// The result of verifying the running image against its manifest.
    pub image: Option<&'a Result<ImageVerified, IntegrityError>>,
    /// What the boot stage reports it verified.
    pub boot: Option<&'a BootReport>,
    /// The provisioned trust anchors.
    pub anchors: Option<&'a TrustAnchors<A>>,
    /// The result of verifying the audit log.
    pub audit_log: Option<&'a Result<LogSummary, VerifyError>>,
}

impl<const A: usize> Default for Evidence<'_, A> {
    fn default() -> Self {
        Self {
            image: None,
            boot: None,
            anchors: None,
            audit_log: None,
        }
    }
}

/// The self-test's result: every check result and the SL-C reached.
///
/// ```
/// use otcheck_core::selftest;
/// let r = selftest::run(&selftest::DeviceProfile::default(), &selftest::Evidence::<1>::default());
/// assert!(r.results().len() > 20);
/// assert!(r.failures().count() > 0, "an empty profile declares nothing");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelfTestReport {
    component: ComponentType,
    target_sl: SecurityLevel,
    results: Vec<CheckResult, MAX_RESULTS>,
    sl_achieved: SlVector,
}

impl SelfTestReport {
    /// The component type.
    #[must_use]
    pub const fn component(&self) -> ComponentType {
        self.component
    }
    /// The target SL.
    #[must_use]
    pub const fn target_sl(&self) -> SecurityLevel {
        self.target_sl
    }
    /// Every result, in run order.
    #[must_use]
    pub fn results(&self) -> &[CheckResult] {
        &self.results
    }
    /// The SL-C reached per FR.
    #[must_use]
    pub const fn sl_achieved(&self) -> SlVector {
        self.sl_achieved
    }
    /// The result of check `id`.
    #[must_use]
    pub fn result(&self, id: &str) -> Option<&CheckResult> {
        self.results.iter().find(|r| r.info.id.as_str() == id)
    }
    /// Results that failed or errored.
    pub fn failures(&self) -> impl Iterator<Item = &CheckResult> {
        self.results
            .iter()
            .filter(|r| matches!(r.outcome, Outcome::Fail(_) | Outcome::Error(_)))
    }
    /// Whether every check passed or was not applicable.
    #[must_use]
    pub fn all_passed(&self) -> bool {
        self.results
            .iter()
            .all(|r| matches!(r.outcome, Outcome::Pass(_) | Outcome::NotApplicable(_)))
    }
}

fn not_verified(info: &'static crate::check::CheckInfo, why: &'static str) -> CheckResult {
    CheckResult::new(info, Outcome::NotAssessed(why))
}

/// Runs the self-test.
///
/// ```
/// # use otcheck_core::selftest;
/// let report = selftest::run(&selftest::DeviceProfile::default(), &selftest::Evidence::<1>::default());
/// assert_eq!(report.result("auth.lockout").map(|r| r.outcome.kind()), Some("fail"));
/// ```
#[must_use]
pub fn run<const A: usize>(
    profile: &DeviceProfile<'_>,
    evidence: &Evidence<'_, A>,
) -> SelfTestReport {
    let level = profile.target_sl;
    let policy = PolicyThresholds::for_level(level);
    let session = SessionThresholds::for_level(level);
    let mut results: Vec<CheckResult, MAX_RESULTS> = Vec::new();
    let mut push = |r: CheckResult| {
        // MAX_RESULTS exceeds the 30 checks pushed below (asserted in the tests), so
        // nothing is dropped.
        let _ = results.push(r);
    };
    // FR 1 and FR 2: authentication and sessions.
    push(auth::policy::check_password_policy(
        &profile.password_policy,
        &policy,
    ));
    push(auth::policy::check_lifetime_human(
        &profile.password_policy,
        &policy,
    ));
    push(auth::lockout::check_lockout(
        &profile.lockout,
        &LockoutThresholds::for_level(level),
    ));
    push(auth::session::check_feedback(&profile.feedback));
    push(auth::session::check_login_banner(&profile.banner));
    push(auth::session::check_session_lock(
        &profile.session_lock,
        &session,
    ));
    push(auth::session::check_session_termination(
        &profile.remote_sessions,
        &session,
    ));
    push(auth::session::check_concurrent_sessions(
        &profile.concurrent_sessions,
        &session,
    ));
    // FR 3: integrity of image and boot, roots of trust.
    match evidence.image {
        Some(image) => {
            push(integrity::checks::image_digest(image));
            push(integrity::checks::image_signature(image));
            push(integrity::checks::anti_rollback(image));
        }
        None => {
            let why = "the firmware handed in no image verification";
            push(not_verified(&integrity::checks::IMAGE_DIGEST, why));
            push(not_verified(&integrity::checks::IMAGE_SIGNATURE, why));
            push(not_verified(&integrity::checks::ANTI_ROLLBACK, why));
        }
    }
    push(integrity::checks::boot_verification(evidence.boot));
    push(integrity::checks::boot_authenticity(evidence.boot));
    match evidence.anchors {
        Some(anchors) => {
            push(integrity::checks::supplier_roots(anchors));
            push(integrity::checks::owner_roots(anchors));
        }
        None => {
            let why = "the firmware handed in no trust anchors";
            push(not_verified(&integrity::checks::SUPPLIER_ROOTS, why));
            push(not_verified(&integrity::checks::OWNER_ROOTS, why));
        }
    }
    // FR 2, 3, 6: audit logging.
    for r in audit_log::evaluate(&profile.logging, evidence.audit_log) {
        push(r);
    }
    // FR 7 (and CR 2.7): resources.
    for r in resource::evaluate(&profile.resource) {
        push(r);
    }
    let sl_achieved = sl::capability(profile.component, |id| {
        let outcomes = results
            .iter()
            .filter(|r| r.info.requirements.contains(&id))
            .map(|r| r.outcome.outcome_kind());
        crate::catalog::lookup(id)
            .and_then(|req| sl::requirement_status(req, outcomes))
            .unwrap_or(RequirementStatus::NotCovered)
    });
    SelfTestReport {
        component: profile.component,
        target_sl: level,
        results,
        sl_achieved,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_check_fits_and_each_runs_once() {
        let report = run(&DeviceProfile::default(), &Evidence::<1>::default());
        // 8 auth, 7 integrity, 6 audit-log and 9 resource checks: room to spare, nothing dropped.
        assert_eq!(report.results().len(), 30);
        assert!(report.results().len() < MAX_RESULTS);
        for (i, r) in report.results().iter().enumerate() {
            assert!(
                report
                    .results()
                    .iter()
                    .skip(i + 1)
                    .all(|o| o.info.id != r.info.id),
                "{} twice",
                r.info.id
            );
        }
    }
}
