//! The `resource` checks: each judges one part of [`ResourceSettings`] and names the
//! requirements it evidences.
//!
//! | check | evidences | passes when |
//! |---|---|---|
//! | `resource.dos-protection` | CR 7.1 | every externally reachable interface has DoS protection |
//! | `resource.rate-limit` | CR 7.1 RE 1 | every externally reachable interface has valid inbound and outbound rate limits |
//! | `resource.session-limit` | CR 2.7 | every externally reachable interface has a hard session limit |
//! | `resource.limits` | CR 7.2 | every applicable resource has a limit below its capacity |
//! | `resource.backup` | CR 7.3 | a backup exists and did not fail verification |
//! | `resource.backup-integrity` | CR 7.3 RE 1 | a backup exists and verified |
//! | `resource.settings-report` | CR 7.6 RE 1 | settings are reportable in machine-readable form |
//! | `resource.least-functionality` | CR 7.7 | everything enabled is on the vendor allow-list |
//! | `resource.inventory` | CR 7.8 | a non-empty component inventory is provided |
//!
//! Guarantee: a pass is built only where the settings establish the property; anything not
//! declared ("unknown") is not assessed. Messages are `&'static str`, so a finding says how
//! many items and of what kind (in its [`Shortfall`]); the items themselves are named by
//! [`lacking`] and [`Functionality::not_allowed_by`], which the checks use for their counts.
//!
//! ```
//! use otcheck_core::resource::{self, Interface, ResourceSettings};
//!
//! let mut settings = ResourceSettings::<4, 16>::default();
//! settings.push_interface(Interface::named("eth0")?)?;
//!
//! let result = resource::dos_protection(&settings.interfaces);
//! let finding = result.outcome.finding().ok_or("expected a finding")?;
//! assert_eq!(finding.code.as_str(), "RESOURCE-NO-DOS-PROTECTION");
//! assert_eq!(
//!     finding.shortfall.map(|s| s.to_string()).as_deref(),
//!     Some("count of externally reachable interfaces without DoS protection is 1, needs at most 0")
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::catalog::ids;
use crate::check::{
    CheckId, CheckInfo, CheckResult, Finding, Needed, Outcome, Shortfall, Verified,
};

use super::allowlist::{Functionality, ItemKind};
use super::settings::{
    BackupStatus, Interface, Inventory, Limits, Resource, ResourceLimit, ResourceSettings,
    Safeguard, SettingsReport,
};

/// `resource.dos-protection`: evidences CR 7.1 (denial of service protection).
pub static DOS_PROTECTION: CheckInfo = CheckInfo::new(
    CheckId::new("resource.dos-protection"),
    "Every externally reachable interface has denial-of-service protection",
    &[ids::CR_7_1],
);

/// `resource.rate-limit`: evidences CR 7.1 RE 1 (manage communication load from component).
pub static RATE_LIMIT: CheckInfo = CheckInfo::new(
    CheckId::new("resource.rate-limit"),
    "Every externally reachable interface limits the load it accepts and generates",
    &[ids::CR_7_1_RE_1],
);

/// `resource.session-limit`: evidences CR 2.7 (concurrent session control).
pub static SESSION_LIMIT: CheckInfo = CheckInfo::new(
    CheckId::new("resource.session-limit"),
    "Every externally reachable interface has a hard limit on concurrent sessions",
    &[ids::CR_2_7],
);

/// `resource.limits`: evidences CR 7.2 (resource management).
pub static LIMITS: CheckInfo = CheckInfo::new(
    CheckId::new("resource.limits"),
    "Memory, CPU, connections and file handles are limited below capacity",
    &[ids::CR_7_2],
);

/// `resource.backup`: evidences CR 7.3 (control system backup).
pub static BACKUP: CheckInfo = CheckInfo::new(
    CheckId::new("resource.backup"),
    "A backup of the component state exists",
    &[ids::CR_7_3],
);

/// `resource.backup-integrity`: evidences CR 7.3 RE 1 (backup integrity verification).
pub static BACKUP_INTEGRITY: CheckInfo = CheckInfo::new(
    CheckId::new("resource.backup-integrity"),
    "The backup's integrity is verified",
    &[ids::CR_7_3_RE_1],
);

/// `resource.settings-report`: evidences CR 7.6 RE 1 (machine-readable reporting of current
/// security settings).
pub static SETTINGS_REPORT: CheckInfo = CheckInfo::new(
    CheckId::new("resource.settings-report"),
    "Current security settings can be reported in machine-readable form",
    &[ids::CR_7_6_RE_1],
);

/// `resource.least-functionality`: evidences CR 7.7 (least functionality).
pub static LEAST_FUNCTIONALITY: CheckInfo = CheckInfo::new(
    CheckId::new("resource.least-functionality"),
    "Every enabled service, port and interface is on the vendor allow-list",
    &[ids::CR_7_7],
);

/// `resource.inventory`: evidences CR 7.8 (control system component inventory).
pub static INVENTORY: CheckInfo = CheckInfo::new(
    CheckId::new("resource.inventory"),
    "A component inventory is provided",
    &[ids::CR_7_8],
);

/// Every `resource` check, in the order [`evaluate`] returns their results.
///
/// ```
/// use otcheck_core::resource;
/// assert!(resource::CHECKS.iter().all(|c| c.id.is_well_formed()));
/// assert_eq!(resource::CHECKS.len(), resource::evaluate(&resource::ResourceSettings::<1, 1>::default()).len());
/// ```
pub static CHECKS: &[&CheckInfo] = &[
    &DOS_PROTECTION,
    &RATE_LIMIT,
    &SESSION_LIMIT,
    &LIMITS,
    &BACKUP,
    &BACKUP_INTEGRITY,
    &SETTINGS_REPORT,
    &LEAST_FUNCTIONALITY,
    &INVENTORY,
];

/// The stable finding codes of the `resource` checks.
pub mod codes {
    use crate::check::FindingCode;

    /// An externally reachable interface has no DoS protection.
    pub const NO_DOS_PROTECTION: FindingCode = FindingCode::new("RESOURCE-NO-DOS-PROTECTION");
    /// An externally reachable interface has no valid inbound or outbound rate limit.
    pub const NO_RATE_LIMIT: FindingCode = FindingCode::new("RESOURCE-NO-RATE-LIMIT");
    /// An externally reachable interface has no session limit.
    pub const NO_SESSION_LIMIT: FindingCode = FindingCode::new("RESOURCE-NO-SESSION-LIMIT");
    /// A resource has no limit.
    pub const LIMIT_UNSET: FindingCode = FindingCode::new("RESOURCE-LIMIT-UNSET");
    /// A resource limit is not below its capacity.
    pub const LIMIT_ABOVE_CAPACITY: FindingCode = FindingCode::new("RESOURCE-LIMIT-ABOVE-CAPACITY");
    /// No backup exists.
    pub const NO_BACKUP: FindingCode = FindingCode::new("RESOURCE-NO-BACKUP");
    /// The backup failed integrity verification.
    pub const BACKUP_CORRUPT: FindingCode = FindingCode::new("RESOURCE-BACKUP-CORRUPT");
    /// The backup's integrity was not verified.
    pub const BACKUP_UNVERIFIED: FindingCode = FindingCode::new("RESOURCE-BACKUP-UNVERIFIED");
    /// Security settings cannot be reported at all.
    pub const NO_SETTINGS_REPORT: FindingCode = FindingCode::new("RESOURCE-NO-SETTINGS-REPORT");
    /// Security settings are reported for people only.
    pub const SETTINGS_NOT_MACHINE_READABLE: FindingCode =
        FindingCode::new("RESOURCE-SETTINGS-NOT-MACHINE-READABLE");
    /// An enabled service is not on the allow-list.
    pub const SERVICE_NOT_ALLOWED: FindingCode = FindingCode::new("RESOURCE-SERVICE-NOT-ALLOWED");
    /// A listening port is not on the allow-list.
    pub const PORT_NOT_ALLOWED: FindingCode = FindingCode::new("RESOURCE-PORT-NOT-ALLOWED");
    /// An enabled interface is not on the allow-list.
    pub const INTERFACE_NOT_ALLOWED: FindingCode =
        FindingCode::new("RESOURCE-INTERFACE-NOT-ALLOWED");
    /// No component inventory is provided.
    pub const NO_INVENTORY: FindingCode = FindingCode::new("RESOURCE-NO-INVENTORY");
    /// The component inventory lists nothing.
    pub const INVENTORY_EMPTY: FindingCode = FindingCode::new("RESOURCE-INVENTORY-EMPTY");

    /// Every code above.
    pub const ALL: [FindingCode; 15] = [
        NO_DOS_PROTECTION,
        NO_RATE_LIMIT,
        NO_SESSION_LIMIT,
        LIMIT_UNSET,
        LIMIT_ABOVE_CAPACITY,
        NO_BACKUP,
        BACKUP_CORRUPT,
        BACKUP_UNVERIFIED,
        NO_SETTINGS_REPORT,
        SETTINGS_NOT_MACHINE_READABLE,
        SERVICE_NOT_ALLOWED,
        PORT_NOT_ALLOWED,
        INTERFACE_NOT_ALLOWED,
        NO_INVENTORY,
        INVENTORY_EMPTY,
    ];
}

/// Runs every `resource` check on `settings`, in the order of [`CHECKS`].
///
/// Least functionality is judged against `settings.allowed`; firmware that keeps its allow-list
/// in a `static` calls [`least_functionality`] directly instead.
///
/// ```
/// use otcheck_core::resource::{self, ResourceSettings};
/// let results = resource::evaluate(&ResourceSettings::<2, 8>::default());
/// assert!(results.iter().all(|r| r.outcome.kind() == "not-assessed"));
/// ```
pub fn evaluate<const N: usize, const L: usize>(
    settings: &ResourceSettings<N, L>,
) -> [CheckResult; 9] {
    let least = match &settings.allowed {
        Some(allowed) => least_functionality(&settings.enabled.view(), &allowed.view()),
        None => CheckResult::new(
            &LEAST_FUNCTIONALITY,
            Outcome::NotAssessed("no vendor allow-list was declared"),
        ),
    };
    [
        dos_protection(&settings.interfaces),
        rate_limit(&settings.interfaces),
        session_limit(&settings.interfaces),
        limits(&settings.limits),
        backup(settings.backup),
        backup_integrity(settings.backup),
        settings_report(settings.settings_report),
        least,
        inventory(settings.inventory),
    ]
}

/// The externally reachable interfaces in `interfaces` that lack `safeguard`: the ones the
/// interface checks count.
///
/// ```
/// use otcheck_core::resource::{lacking, Interface, Safeguard};
/// let mut lan = Interface::<8>::named("eth1")?;
/// lan.external = false;
/// let ifaces = [Interface::named("eth0")?, lan];
/// let names: Vec<_> = lacking(&ifaces, Safeguard::DosProtection).map(|i| i.name.as_str()).collect();
/// assert_eq!(names, ["eth0"]);
/// # Ok::<(), otcheck_core::resource::SettingsError>(())
/// ```
pub fn lacking<const L: usize>(
    interfaces: &[Interface<L>],
    safeguard: Safeguard,
) -> impl Iterator<Item = &Interface<L>> {
    interfaces
        .iter()
        .filter(move |i| i.external && !i.has(safeguard))
}

/// Why an interface check does not apply, if it does not.
fn interfaces_not_judged<const L: usize>(interfaces: &[Interface<L>]) -> Option<Outcome> {
    if interfaces.is_empty() {
        Some(Outcome::NotAssessed("no interfaces were declared"))
    } else if !interfaces.iter().any(|i| i.external) {
        Some(Outcome::NotApplicable(
            "no interface is externally reachable",
        ))
    } else {
        None
    }
}

/// A count that must be zero, as a shortfall.
fn count_shortfall(parameter: &'static str, count: usize) -> Shortfall {
    Shortfall {
        parameter,
        found: Some(u64::try_from(count).unwrap_or(u64::MAX)),
        needed: Needed::AtMost(0),
    }
}

/// Checks that every externally reachable interface has DoS protection.
///
/// Evidences CR 7.1 (denial of service protection).
///
/// ```
/// use otcheck_core::resource::{self, Interface};
/// let mut eth0 = Interface::<8>::named("eth0")?;
/// eth0.dos_protection = true;
/// assert!(resource::dos_protection(&[eth0]).outcome.is_pass());
/// # Ok::<(), otcheck_core::resource::SettingsError>(())
/// ```
pub fn dos_protection<const L: usize>(interfaces: &[Interface<L>]) -> CheckResult {
    let outcome = interfaces_not_judged(interfaces).unwrap_or_else(|| {
        match lacking(interfaces, Safeguard::DosProtection).count() {
            0 => Outcome::Pass(Verified::new(
                "every externally reachable interface has denial-of-service protection",
            )),
            n => Outcome::Fail(Finding::with_shortfall(
                codes::NO_DOS_PROTECTION,
                "an externally reachable interface has no denial-of-service protection",
                count_shortfall(
                    "count of externally reachable interfaces without DoS protection",
                    n,
                ),
            )),
        }
    });
    CheckResult::new(&DOS_PROTECTION, outcome)
}

/// Checks that every externally reachable interface has a valid inbound and outbound rate
/// limit (non-zero burst, refill and period).
///
/// Evidences CR 7.1 RE 1 (manage communication load from component).
///
/// ```
/// use otcheck_core::resource::{self, Interface, RateLimit};
/// let mut eth0 = Interface::<8>::named("eth0")?;
/// eth0.inbound_rate_limit = Some(RateLimit::new(100, 10, 1_000));
/// let r = resource::rate_limit(&[eth0]);
/// assert_eq!(r.outcome.finding().map(|f| f.code.as_str()), Some("RESOURCE-NO-RATE-LIMIT"));
/// # Ok::<(), otcheck_core::resource::SettingsError>(())
/// ```
pub fn rate_limit<const L: usize>(interfaces: &[Interface<L>]) -> CheckResult {
    let outcome = interfaces_not_judged(interfaces).unwrap_or_else(|| {
        let inbound = lacking(interfaces, Safeguard::InboundRateLimit).count();
        let outbound = lacking(interfaces, Safeguard::OutboundRateLimit).count();
        if inbound > 0 {
            Outcome::Fail(Finding::with_shortfall(
                codes::NO_RATE_LIMIT,
                if outbound > 0 {
                    "externally reachable interfaces limit neither the load they accept nor the load they generate"
                } else {
                    "an externally reachable interface does not limit the load it accepts"
                },
                count_shortfall(
                    "count of externally reachable interfaces without a valid inbound rate limit",
                    inbound,
                ),
            ))
        } else if outbound > 0 {
            Outcome::Fail(Finding::with_shortfall(
                codes::NO_RATE_LIMIT,
                "an externally reachable interface does not limit the load the component generates",
                count_shortfall(
                    "count of externally reachable interfaces without a valid outbound rate limit",
                    outbound,
                ),
            ))
        } else {
            Outcome::Pass(Verified::new(
                "every externally reachable interface has valid inbound and outbound rate limits",
            ))
        }
    });
    CheckResult::new(&RATE_LIMIT, outcome)
}

/// Checks that every externally reachable interface has a hard limit on concurrent sessions
/// (enforced with a [`SessionGuard`](super::SessionGuard) or
/// [`ConnectionGuard`](super::ConnectionGuard) on the device).
///
/// Evidences CR 2.7 (concurrent session control).
///
/// ```
/// use otcheck_core::resource::{self, Interface};
/// let mut eth0 = Interface::<8>::named("eth0")?;
/// eth0.session_limit = Some(4);
/// assert!(resource::session_limit(&[eth0]).outcome.is_pass());
/// # Ok::<(), otcheck_core::resource::SettingsError>(())
/// ```
pub fn session_limit<const L: usize>(interfaces: &[Interface<L>]) -> CheckResult {
    let outcome = interfaces_not_judged(interfaces).unwrap_or_else(|| {
        match lacking(interfaces, Safeguard::SessionLimit).count() {
            0 => Outcome::Pass(Verified::new(
                "every externally reachable interface has a hard limit on concurrent sessions",
            )),
            n => Outcome::Fail(Finding::with_shortfall(
                codes::NO_SESSION_LIMIT,
                "an externally reachable interface has no limit on concurrent sessions",
                count_shortfall(
                    "count of externally reachable interfaces without a session limit",
                    n,
                ),
            )),
        }
    });
    CheckResult::new(&SESSION_LIMIT, outcome)
}

/// How one resource's limit is judged.
enum LimitVerdict {
    Met,
    NotApplicable,
    NotAssessed(&'static str),
    Fail(Finding),
    Error(&'static str),
}

fn judge_limit(resource: Resource, limit: ResourceLimit) -> LimitVerdict {
    let (parameter, unset, not_below, capacity_unknown) = match resource {
        Resource::Memory => (
            "memory limit",
            "no memory limit is configured",
            "the memory limit is not below the memory capacity",
            "the memory capacity is unknown",
        ),
        Resource::Cpu => (
            "CPU limit",
            "no CPU limit is configured",
            "the CPU limit is not below the CPU capacity",
            "the CPU capacity is unknown",
        ),
        Resource::Connections => (
            "connection limit",
            "no connection limit is configured",
            "the connection limit is not below the connection capacity",
            "the connection capacity is unknown",
        ),
        Resource::FileHandles => (
            "file handle limit",
            "no file handle limit is configured",
            "the file handle limit is not below the file handle capacity",
            "the file handle capacity is unknown",
        ),
    };
    match limit {
        ResourceLimit::Unknown => LimitVerdict::NotAssessed(match resource {
            Resource::Memory => "the memory limit was not declared",
            Resource::Cpu => "the CPU limit was not declared",
            Resource::Connections => "the connection limit was not declared",
            Resource::FileHandles => "the file handle limit was not declared",
        }),
        ResourceLimit::NotApplicable => LimitVerdict::NotApplicable,
        ResourceLimit::Unlimited => LimitVerdict::Fail(Finding::with_shortfall(
            codes::LIMIT_UNSET,
            unset,
            Shortfall {
                parameter,
                found: None,
                needed: Needed::Enabled,
            },
        )),
        ResourceLimit::Limited { capacity: None, .. } => {
            LimitVerdict::NotAssessed(capacity_unknown)
        }
        ResourceLimit::Limited {
            capacity: Some(0), ..
        } => LimitVerdict::Error("a resource capacity of 0 was declared"),
        ResourceLimit::Limited {
            limit,
            capacity: Some(capacity),
        } => {
            if limit < capacity {
                LimitVerdict::Met
            } else {
                LimitVerdict::Fail(Finding::with_shortfall(
                    codes::LIMIT_ABOVE_CAPACITY,
                    not_below,
                    Shortfall {
                        parameter,
                        found: Some(limit),
                        needed: Needed::AtMost(capacity.saturating_sub(1)),
                    },
                ))
            }
        }
    }
}

/// Checks that every applicable resource (memory, CPU, connections, file handles) has a limit
/// strictly below its capacity, so that exhausting the limit still leaves the component room
/// for its essential functions.
///
/// The first failing resource, in [`Resource::ALL`] order, gives the finding; otherwise an
/// error, then an unknown resource, makes the outcome error or not assessed. All resources
/// not applicable is not applicable.
///
/// Evidences CR 7.2 (resource management).
///
/// ```
/// use otcheck_core::resource::{self, Limits, ResourceLimit};
/// let limited = |limit, capacity| ResourceLimit::Limited { limit, capacity: Some(capacity) };
/// let limits = Limits {
///     memory: limited(48, 64),
///     cpu: limited(80, 100),
///     connections: limited(32, 32),
///     file_handles: ResourceLimit::NotApplicable,
/// };
/// let r = resource::limits(&limits);
/// let finding = r.outcome.finding().ok_or("expected a finding")?;
/// assert_eq!(finding.code.as_str(), "RESOURCE-LIMIT-ABOVE-CAPACITY");
/// assert_eq!(finding.shortfall.map(|s| s.to_string()).as_deref(), Some("connection limit is 32, needs at most 31"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn limits(limits: &Limits) -> CheckResult {
    let mut not_assessed = None;
    let mut error = None;
    let mut applicable = false;
    for resource in Resource::ALL {
        match judge_limit(resource, limits.get(resource)) {
            LimitVerdict::Fail(finding) => {
                return CheckResult::new(&LIMITS, Outcome::Fail(finding));
            }
            LimitVerdict::Met => applicable = true,
            LimitVerdict::NotApplicable => {}
            LimitVerdict::NotAssessed(reason) => {
                applicable = true;
                not_assessed = not_assessed.or(Some(reason));
            }
            LimitVerdict::Error(reason) => {
                applicable = true;
                error = error.or(Some(reason));
            }
        }
    }
    let outcome = if let Some(reason) = error {
        Outcome::Error(reason)
    } else if let Some(reason) = not_assessed {
        Outcome::NotAssessed(reason)
    } else if applicable {
        Outcome::Pass(Verified::new(
            "every applicable resource (memory, CPU, connections, file handles) is limited below its capacity",
        ))
    } else {
        Outcome::NotApplicable("none of memory, CPU, connections and file handles applies")
    };
    CheckResult::new(&LIMITS, outcome)
}

/// Checks that a backup of the component state exists and has not failed verification.
///
/// Evidences CR 7.3 (control system backup).
///
/// ```
/// use otcheck_core::resource::{self, BackupStatus};
/// assert!(resource::backup(BackupStatus::Unverified).outcome.is_pass());
/// assert!(!resource::backup(BackupStatus::Absent).outcome.is_pass());
/// ```
pub fn backup(status: BackupStatus) -> CheckResult {
    let outcome = match status {
        BackupStatus::Unknown => Outcome::NotAssessed("the backup state was not declared"),
        BackupStatus::Absent => Outcome::Fail(Finding::new(
            codes::NO_BACKUP,
            "no backup of the component state exists",
        )),
        BackupStatus::Corrupt => Outcome::Fail(Finding::new(
            codes::BACKUP_CORRUPT,
            "the backup failed integrity verification, so it cannot be relied on to restore the component",
        )),
        BackupStatus::Unverified | BackupStatus::Intact => {
            Outcome::Pass(Verified::new("a backup of the component state exists"))
        }
    };
    CheckResult::new(&BACKUP, outcome)
}

/// Checks that a backup exists and its integrity was verified (see
/// [`BackupStatus::from_verification`]).
///
/// Evidences CR 7.3 RE 1 (backup integrity verification).
///
/// ```
/// use otcheck_core::resource::{self, BackupStatus};
/// let r = resource::backup_integrity(BackupStatus::Unverified);
/// assert_eq!(r.outcome.finding().map(|f| f.code.as_str()), Some("RESOURCE-BACKUP-UNVERIFIED"));
/// assert!(resource::backup_integrity(BackupStatus::from_verification(Ok::<(), ()>(()))).outcome.is_pass());
/// ```
pub fn backup_integrity(status: BackupStatus) -> CheckResult {
    let outcome = match status {
        BackupStatus::Unknown => Outcome::NotAssessed("the backup state was not declared"),
        BackupStatus::Absent => Outcome::Fail(Finding::new(
            codes::NO_BACKUP,
            "no backup exists whose integrity could be verified",
        )),
        BackupStatus::Unverified => Outcome::Fail(Finding::new(
            codes::BACKUP_UNVERIFIED,
            "the backup's integrity was not verified",
        )),
        BackupStatus::Corrupt => Outcome::Fail(Finding::new(
            codes::BACKUP_CORRUPT,
            "the backup failed integrity verification",
        )),
        BackupStatus::Intact => Outcome::Pass(Verified::new(
            "a backup exists and its integrity was verified",
        )),
    };
    CheckResult::new(&BACKUP_INTEGRITY, outcome)
}

/// Checks that the current security settings can be reported in machine-readable form.
///
/// Evidences CR 7.6 RE 1 (machine-readable reporting of current security settings).
///
/// ```
/// use otcheck_core::resource::{self, SettingsReport};
/// assert!(resource::settings_report(SettingsReport::MachineReadable).outcome.is_pass());
/// ```
pub fn settings_report(report: SettingsReport) -> CheckResult {
    let outcome = match report {
        SettingsReport::Unknown => {
            Outcome::NotAssessed("how security settings are reported was not declared")
        }
        SettingsReport::Unsupported => Outcome::Fail(Finding::new(
            codes::NO_SETTINGS_REPORT,
            "the current security settings cannot be reported",
        )),
        SettingsReport::HumanReadable => Outcome::Fail(Finding::new(
            codes::SETTINGS_NOT_MACHINE_READABLE,
            "the current security settings are reported only in a form for people",
        )),
        SettingsReport::MachineReadable => Outcome::Pass(Verified::new(
            "the current security settings can be reported in machine-readable form",
        )),
    };
    CheckResult::new(&SETTINGS_REPORT, outcome)
}

/// Checks that every enabled service, listening port and enabled interface is on the
/// vendor's allow-list.
///
/// The finding's code and shortfall name the first kind with items not allowed (services,
/// then ports, then interfaces) and how many of that kind; the message names every kind
/// affected. [`Functionality::not_allowed_by`] names each item.
///
/// Evidences CR 7.7 (least functionality).
///
/// ```
/// use otcheck_core::resource::{self, Functionality, Port};
/// let (allowed_ports, open_ports) = ([Port::tcp(502)], [Port::tcp(502), Port::tcp(23)]);
/// let allowed = Functionality::new(&["modbus"], &allowed_ports, &["eth0"]);
/// let enabled = Functionality::new(&["modbus", "telnet"], &open_ports, &["eth0"]);
/// let r = resource::least_functionality(&enabled, &allowed);
/// let finding = r.outcome.finding().ok_or("expected a finding")?;
/// assert_eq!(finding.code.as_str(), "RESOURCE-SERVICE-NOT-ALLOWED");
/// assert_eq!(finding.message, "enabled services and listening ports are not on the vendor allow-list");
/// assert_eq!(finding.shortfall.and_then(|s| s.found), Some(1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn least_functionality<S: AsRef<str>, T: AsRef<str>>(
    enabled: &Functionality<'_, S>,
    allowed: &Functionality<'_, T>,
) -> CheckResult {
    let tally = enabled.tally_not_allowed_by(allowed);
    let (s, p, i) = (tally.services > 0, tally.ports > 0, tally.interfaces > 0);
    let message = match (s, p, i) {
        (true, true, true) => {
            "enabled services, listening ports and enabled interfaces are not on the vendor allow-list"
        }
        (true, true, false) => {
            "enabled services and listening ports are not on the vendor allow-list"
        }
        (true, false, true) => "enabled services and interfaces are not on the vendor allow-list",
        (true, false, false) => "enabled services are not on the vendor allow-list",
        (false, true, true) => {
            "listening ports and enabled interfaces are not on the vendor allow-list"
        }
        (false, true, false) => "listening ports are not on the vendor allow-list",
        (false, false, true) => "enabled interfaces are not on the vendor allow-list",
        (false, false, false) => "",
    };
    let outcome = match tally.first_kind() {
        None => Outcome::Pass(Verified::new(
            "every enabled service, listening port and enabled interface is on the vendor allow-list",
        )),
        Some(kind) => {
            let (code, parameter) = match kind {
                ItemKind::Service => (
                    codes::SERVICE_NOT_ALLOWED,
                    "count of enabled services not on the allow-list",
                ),
                ItemKind::Port => (
                    codes::PORT_NOT_ALLOWED,
                    "count of listening ports not on the allow-list",
                ),
                ItemKind::Interface => (
                    codes::INTERFACE_NOT_ALLOWED,
                    "count of enabled interfaces not on the allow-list",
                ),
            };
            Outcome::Fail(Finding::with_shortfall(
                code,
                message,
                count_shortfall(parameter, tally.of(kind)),
            ))
        }
    };
    CheckResult::new(&LEAST_FUNCTIONALITY, outcome)
}

/// Checks that a component inventory is provided and lists at least one component.
///
/// Evidences CR 7.8 (control system component inventory).
///
/// ```
/// use otcheck_core::resource::{self, Inventory};
/// assert!(resource::inventory(Inventory::Present { components: 3 }).outcome.is_pass());
/// let r = resource::inventory(Inventory::Absent);
/// assert_eq!(r.outcome.finding().map(|f| f.code.as_str()), Some("RESOURCE-NO-INVENTORY"));
/// ```
pub fn inventory(inventory: Inventory) -> CheckResult {
    let outcome = match inventory {
        Inventory::Unknown => Outcome::NotAssessed("the component inventory was not declared"),
        Inventory::Absent => Outcome::Fail(Finding::new(
            codes::NO_INVENTORY,
            "no component inventory is provided",
        )),
        Inventory::Present { components: 0 } => Outcome::Fail(Finding::with_shortfall(
            codes::INVENTORY_EMPTY,
            "the component inventory lists no components",
            Shortfall {
                parameter: "inventory components",
                found: Some(0),
                needed: Needed::AtLeast(1),
            },
        )),
        Inventory::Present { .. } => Outcome::Pass(Verified::new(
            "a component inventory listing at least one component is provided",
        )),
    };
    CheckResult::new(&INVENTORY, outcome)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RequirementId;
    use crate::resource::{FunctionSet, Port, RateLimit};
    use std::string::ToString;

    fn code(r: &CheckResult) -> Option<&'static str> {
        r.outcome.finding().map(|f| f.code.as_str())
    }

    fn found(r: &CheckResult) -> Option<u64> {
        r.outcome
            .finding()
            .and_then(|f| f.shortfall)
            .and_then(|s| s.found)
    }

    fn iface(name: &str, external: bool) -> Interface<16> {
        let mut i = Interface::named(name).unwrap();
        i.external = external;
        i
    }

    fn protected(name: &str) -> Interface<16> {
        let mut i = iface(name, true);
        i.dos_protection = true;
        i.inbound_rate_limit = Some(RateLimit::new(100, 10, 1_000));
        i.outbound_rate_limit = Some(RateLimit::new(100, 10, 1_000));
        i.session_limit = Some(4);
        i
    }

    #[test]
    fn ids_codes_and_requirements_are_well_formed_and_unique() {
        for (i, c) in CHECKS.iter().enumerate() {
            assert!(c.id.is_well_formed(), "{}", c.id);
            assert!(c.id.as_str().starts_with("resource."), "{}", c.id);
            assert!(!c.requirements.is_empty());
            for r in c.requirements {
                assert!(crate::catalog::get(&r.to_string()).is_ok(), "{r}");
            }
            assert!(CHECKS[i + 1..].iter().all(|o| o.id != c.id), "{}", c.id);
        }
        for (i, c) in codes::ALL.iter().enumerate() {
            assert!(c.is_well_formed(), "{c}");
            assert!(c.as_str().starts_with("RESOURCE-"), "{c}");
            assert!(codes::ALL[i + 1..].iter().all(|o| o != c), "{c}");
        }
        let cited: std::vec::Vec<RequirementId> = CHECKS
            .iter()
            .flat_map(|c| c.requirements.iter().copied())
            .collect();
        for r in [
            ids::CR_7_1,
            ids::CR_7_1_RE_1,
            ids::CR_7_2,
            ids::CR_7_3,
            ids::CR_7_3_RE_1,
            ids::CR_7_6_RE_1,
            ids::CR_7_7,
            ids::CR_7_8,
            ids::CR_2_7,
        ] {
            assert!(cited.contains(&r), "{r} is not evidenced");
        }
    }

    #[test]
    fn evaluate_follows_checks_order() {
        let results = evaluate(&ResourceSettings::<2, 8>::default());
        assert_eq!(results.len(), CHECKS.len());
        for (r, c) in results.iter().zip(CHECKS) {
            assert!(core::ptr::eq(r.info, *c), "{}", c.id);
            assert_eq!(r.outcome.kind(), "not-assessed", "{}", c.id);
        }
    }

    #[test]
    fn interface_checks_count_only_external_interfaces() {
        let ifaces = [
            protected("eth0"),
            iface("eth1", false),
            iface("eth2", true),
            iface("eth3", true),
        ];
        for (r, expected) in [
            (dos_protection(&ifaces), "RESOURCE-NO-DOS-PROTECTION"),
            (rate_limit(&ifaces), "RESOURCE-NO-RATE-LIMIT"),
            (session_limit(&ifaces), "RESOURCE-NO-SESSION-LIMIT"),
        ] {
            assert_eq!(code(&r), Some(expected));
            assert_eq!(found(&r), Some(2), "{expected}");
        }
        let ok = [protected("eth0"), iface("eth1", false)];
        assert!(dos_protection(&ok).outcome.is_pass());
        assert!(rate_limit(&ok).outcome.is_pass());
        assert!(session_limit(&ok).outcome.is_pass());
    }

    #[test]
    fn interface_checks_without_external_interfaces() {
        let none: [Interface<16>; 0] = [];
        assert_eq!(dos_protection(&none).outcome.kind(), "not-assessed");
        let internal = [iface("eth1", false)];
        assert_eq!(rate_limit(&internal).outcome.kind(), "not-applicable");
        assert_eq!(session_limit(&internal).outcome.kind(), "not-applicable");
    }

    #[test]
    fn rate_limit_names_the_missing_direction_and_rejects_invalid_limits() {
        let mut only_in = protected("eth0");
        only_in.outbound_rate_limit = None;
        let r = rate_limit(&[only_in]);
        assert_eq!(
            r.outcome
                .finding()
                .and_then(|f| f.shortfall)
                .map(|s| s.parameter),
            Some("count of externally reachable interfaces without a valid outbound rate limit")
        );
        let mut neither = protected("eth0");
        neither.inbound_rate_limit = None;
        neither.outbound_rate_limit = None;
        let r = rate_limit(&[neither]);
        assert!(r.outcome.message().contains("neither"));
        let mut zero_period = protected("eth0");
        zero_period.inbound_rate_limit = Some(RateLimit::new(10, 1, 0));
        assert_eq!(
            code(&rate_limit(&[zero_period])),
            Some("RESOURCE-NO-RATE-LIMIT")
        );
    }

    fn limited(limit: u64, capacity: u64) -> ResourceLimit {
        ResourceLimit::Limited {
            limit,
            capacity: Some(capacity),
        }
    }

    fn all_met() -> Limits {
        Limits {
            memory: limited(1, 2),
            cpu: limited(80, 100),
            connections: limited(16, 32),
            file_handles: limited(100, 1024),
        }
    }

    #[test]
    fn limits_pass_only_when_every_applicable_limit_is_below_capacity() {
        assert!(limits(&all_met()).outcome.is_pass());
        let some_na = Limits {
            file_handles: ResourceLimit::NotApplicable,
            ..all_met()
        };
        assert!(limits(&some_na).outcome.is_pass());
        let all_na = Limits {
            memory: ResourceLimit::NotApplicable,
            cpu: ResourceLimit::NotApplicable,
            connections: ResourceLimit::NotApplicable,
            file_handles: ResourceLimit::NotApplicable,
        };
        assert_eq!(limits(&all_na).outcome.kind(), "not-applicable");
    }

    #[test]
    fn limits_failures_win_over_unknowns_and_name_the_resource() {
        let l = Limits {
            memory: ResourceLimit::Unknown,
            cpu: ResourceLimit::Unlimited,
            ..all_met()
        };
        let r = limits(&l);
        assert_eq!(code(&r), Some("RESOURCE-LIMIT-UNSET"));
        assert_eq!(
            r.outcome
                .finding()
                .and_then(|f| f.shortfall)
                .map(|s| s.to_string())
                .as_deref(),
            Some("CPU limit is not set, needs enabled")
        );
        let equal = Limits {
            memory: limited(2, 2),
            ..all_met()
        };
        assert_eq!(code(&limits(&equal)), Some("RESOURCE-LIMIT-ABOVE-CAPACITY"));
        let above = Limits {
            file_handles: limited(u64::MAX, 1),
            ..all_met()
        };
        assert_eq!(found(&limits(&above)), Some(u64::MAX));
    }

    #[test]
    fn limits_unknowns_and_errors() {
        let unknown_capacity = Limits {
            connections: ResourceLimit::Limited {
                limit: 1,
                capacity: None,
            },
            ..all_met()
        };
        assert_eq!(
            limits(&unknown_capacity).outcome,
            Outcome::NotAssessed("the connection capacity is unknown")
        );
        assert_eq!(
            limits(&Limits::default()).outcome,
            Outcome::NotAssessed("the memory limit was not declared")
        );
        let zero = Limits {
            memory: ResourceLimit::Unknown,
            cpu: limited(0, 0),
            ..all_met()
        };
        assert_eq!(limits(&zero).outcome.kind(), "error");
    }

    #[test]
    fn backup_checks() {
        use BackupStatus::*;
        let table = [
            (Unknown, "not-assessed", None, "not-assessed", None),
            (
                Absent,
                "fail",
                Some("RESOURCE-NO-BACKUP"),
                "fail",
                Some("RESOURCE-NO-BACKUP"),
            ),
            (
                Unverified,
                "pass",
                None,
                "fail",
                Some("RESOURCE-BACKUP-UNVERIFIED"),
            ),
            (Intact, "pass", None, "pass", None),
            (
                Corrupt,
                "fail",
                Some("RESOURCE-BACKUP-CORRUPT"),
                "fail",
                Some("RESOURCE-BACKUP-CORRUPT"),
            ),
        ];
        for (status, kind, c, re_kind, re_code) in table {
            let (b, i) = (backup(status), backup_integrity(status));
            assert_eq!((b.outcome.kind(), code(&b)), (kind, c), "{status:?}");
            assert_eq!(
                (i.outcome.kind(), code(&i)),
                (re_kind, re_code),
                "{status:?}"
            );
        }
    }

    #[test]
    fn settings_report_and_inventory() {
        assert_eq!(
            code(&settings_report(SettingsReport::HumanReadable)),
            Some("RESOURCE-SETTINGS-NOT-MACHINE-READABLE")
        );
        assert_eq!(
            code(&settings_report(SettingsReport::Unsupported)),
            Some("RESOURCE-NO-SETTINGS-REPORT")
        );
        assert!(
            settings_report(SettingsReport::MachineReadable)
                .outcome
                .is_pass()
        );
        assert_eq!(
            code(&inventory(Inventory::Present { components: 0 })),
            Some("RESOURCE-INVENTORY-EMPTY")
        );
        assert!(
            inventory(Inventory::Present { components: 1 })
                .outcome
                .is_pass()
        );
        assert_eq!(inventory(Inventory::Unknown).outcome.kind(), "not-assessed");
    }

    #[test]
    fn least_functionality_reports_first_kind_and_every_kind_in_the_message() {
        let (modbus, other) = ([Port::tcp(502)], [Port::tcp(23), Port::udp(69)]);
        let allowed = Functionality::new(&["modbus"], &modbus, &["eth0"]);
        let e = Functionality::new(&["modbus"], &other, &["usb0"]);
        let r = least_functionality(&e, &allowed);
        assert_eq!(code(&r), Some("RESOURCE-PORT-NOT-ALLOWED"));
        assert_eq!(found(&r), Some(2));
        assert_eq!(
            r.outcome.message(),
            "listening ports and enabled interfaces are not on the vendor allow-list"
        );
        let only_iface = Functionality::new(&["modbus"], &[], &["usb0", "jtag"]);
        let r = least_functionality(&only_iface, &allowed);
        assert_eq!(code(&r), Some("RESOURCE-INTERFACE-NOT-ALLOWED"));
        assert_eq!(found(&r), Some(2));
        let fine = Functionality::new(&["modbus"], &modbus, &[]);
        assert!(least_functionality(&fine, &allowed).outcome.is_pass());
    }

    #[test]
    fn evaluate_uses_the_declared_allow_list() {
        let mut s = ResourceSettings::<4, 16>::default();
        s.enabled.push_service("telnet").unwrap();
        assert_eq!(evaluate(&s)[7].outcome.kind(), "not-assessed");
        let mut allowed = FunctionSet::default();
        allowed.push_service("ssh").unwrap();
        s.allowed = Some(allowed);
        assert_eq!(code(&evaluate(&s)[7]), Some("RESOURCE-SERVICE-NOT-ALLOWED"));
        s.enabled = FunctionSet::default();
        s.enabled.push_service("ssh").unwrap();
        assert!(evaluate(&s)[7].outcome.is_pass());
    }

    #[test]
    fn a_fully_declared_compliant_profile_passes_everything() {
        let mut s = ResourceSettings::<4, 16>::default();
        s.push_interface(protected("eth0")).unwrap();
        s.push_interface(iface("eth1", false)).unwrap();
        s.limits = all_met();
        s.backup = BackupStatus::Intact;
        s.settings_report = SettingsReport::MachineReadable;
        s.inventory = Inventory::Present { components: 12 };
        s.enabled.push_service("modbus").unwrap();
        s.enabled.push_port(Port::tcp(502)).unwrap();
        s.allowed = Some(s.enabled.clone());
        for r in evaluate(&s) {
            assert!(r.outcome.is_pass(), "{}: {:?}", r.info.id, r.outcome);
        }
    }
}
