//! Host checks: each turns probe facts into outcomes, naming the requirements it evidences.
//!
//! A [`HostCheck`] is one group of related checks sharing a probe (all SSH server checks,
//! all account checks…). It declares every [`CheckInfo`] it can emit, so the runner can
//! still report each of them (as *error* or *not assessed*) when the group panics or times
//! out. Vendors add their own groups by implementing the trait (see
//! `examples/custom_check.rs`).
//!
//! Guarantees of the built-in groups: each emits exactly one record per declared check; a
//! pass is only produced from facts that were read; anything unreadable becomes
//! *not assessed* with the reason.

mod accounts;
mod boot;
mod certs;
mod files;
mod hardening;
mod inventory;
mod kernel;
mod logging;
mod pam;
mod services;
mod session;
mod ssh;
mod sysctl;
mod time;

use std::sync::Arc;
use std::time::SystemTime;

use otcheck_core::{CheckInfo, ComponentType, SecurityLevel};

pub use hardening::HardeningPolicy;

use crate::probe::certs::{CertOptions, CertPolicy};
use crate::probe::elf::BinaryScanOptions;
use crate::probe::kernel::KernelConfigSource;

use crate::report::{CheckRecord, OutcomeKind};
use crate::target::{ReadError, Target, WalkLimits};

/// What a check group gets to work with.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let dir = tempfile::tempdir()?;
/// let target = otcheck::target::Target::rootfs(dir.path())?;
/// let ctx = otcheck::checks::Context::new(&target, otcheck::core::ComponentType::EmbeddedDevice, otcheck::core::SecurityLevel::Sl2);
/// assert_eq!(ctx.allowed_ports, [22]);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Context<'a> {
    /// The system under audit.
    pub target: &'a Target,
    /// The component type it is audited as.
    pub component: ComponentType,
    /// The target security level.
    pub target_sl: SecurityLevel,
    /// TCP/UDP ports allowed to listen on non-loopback addresses (live host).
    pub allowed_ports: Vec<u16>,
    /// Bounds for whole-tree walks.
    pub walk: WalkLimits,
    /// The time certificates are judged at (default: when the context was made).
    pub now: SystemTime,
    /// Where the certificate, binary, kernel and boot checks look, and what they require.
    pub artefacts: ArtefactOptions,
}

/// Options of the certificate (`certs.*`), binary hardening (`hardening.*`) and kernel
/// (`kernel.*`) checks.
///
/// ```
/// let mut o = otcheck::checks::ArtefactOptions::default();
/// o.cert_policy.expiry_warning_days = 60;
/// o.kernel_config = Some(otcheck::probe::kernel::KernelConfigSource::InTarget("/boot/config-6.6".into()));
/// assert_eq!(o.cert_policy.min_rsa_bits, 2048);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ArtefactOptions {
    /// Where certificates and keys are looked for, and the trust anchors.
    pub certs: CertOptions,
    /// What counts as a weak or misused certificate or key.
    pub cert_policy: CertPolicy,
    /// Where ELF binaries are looked for, and the scan bounds.
    pub binaries: BinaryScanOptions,
    /// What binary hardening is required.
    pub hardening: HardeningPolicy,
    /// A kernel configuration to judge instead of the one found on the target.
    pub kernel_config: Option<KernelConfigSource>,
}

impl<'a> Context<'a> {
    /// A context with default options (port 22 allowed, default walk limits).
    ///
    /// ```
    /// # let dir = tempfile::tempdir().unwrap();
    /// # let target = otcheck::target::Target::rootfs(dir.path()).unwrap();
    /// let ctx = otcheck::checks::Context::new(&target, otcheck::core::ComponentType::HostDevice, otcheck::core::SecurityLevel::Sl3);
    /// assert_eq!(ctx.target_sl, otcheck::core::SecurityLevel::Sl3);
    /// ```
    #[must_use]
    pub fn new(target: &'a Target, component: ComponentType, target_sl: SecurityLevel) -> Self {
        Self {
            target,
            component,
            target_sl,
            allowed_ports: vec![22],
            walk: WalkLimits::default(),
            now: SystemTime::now(),
            artefacts: ArtefactOptions::default(),
        }
    }
}

/// A group of host checks.
///
/// ```
/// use otcheck::checks::{Context, HostCheck};
/// use otcheck::core::{catalog::ids, CheckId, CheckInfo};
/// use otcheck::report::{CheckRecord, OutcomeKind};
///
/// static HOSTNAME: CheckInfo = CheckInfo::new(CheckId::new("vendor.hostname"), "Host name is set", &[ids::CR_1_2]);
/// static GROUP: [&CheckInfo; 1] = [&HOSTNAME];
/// struct Hostname;
/// impl HostCheck for Hostname {
///     fn name(&self) -> &'static str { "vendor-hostname" }
///     fn checks(&self) -> &'static [&'static CheckInfo] { &GROUP }
///     fn run(&self, ctx: &Context<'_>) -> Vec<CheckRecord> {
///         let outcome = if ctx.target.exists("/etc/hostname") { OutcomeKind::Pass } else { OutcomeKind::Fail };
///         vec![CheckRecord::new(&HOSTNAME, outcome, "/etc/hostname")]
///     }
/// }
/// # let dir = tempfile::tempdir().unwrap();
/// # let target = otcheck::target::Target::rootfs(dir.path()).unwrap();
/// # let ctx = Context::new(&target, otcheck::core::ComponentType::EmbeddedDevice, otcheck::core::SecurityLevel::Sl2);
/// assert_eq!(Hostname.run(&ctx)[0].outcome, OutcomeKind::Fail);
/// ```
pub trait HostCheck: Send + Sync {
    /// A short name for the group (used in error messages).
    fn name(&self) -> &'static str;
    /// Every check the group can report, with its requirement ids.
    fn checks(&self) -> &'static [&'static CheckInfo];
    /// Gathers the facts and judges them: one record per declared check.
    fn run(&self, ctx: &Context<'_>) -> Vec<CheckRecord>;
}

/// The built-in check groups.
///
/// ```
/// let groups = otcheck::checks::builtin();
/// assert!(groups.iter().any(|g| g.name() == "ssh"));
/// ```
#[must_use]
pub fn builtin() -> Vec<Arc<dyn HostCheck>> {
    vec![
        Arc::new(accounts::Accounts),
        Arc::new(ssh::Ssh),
        Arc::new(session::Session),
        Arc::new(pam::Pam),
        Arc::new(services::Services),
        Arc::new(files::Files),
        Arc::new(sysctl::Sysctl),
        Arc::new(time::Time),
        Arc::new(logging::Logging),
        Arc::new(certs::Certs),
        Arc::new(hardening::Hardening),
        Arc::new(kernel::Kernel),
        Arc::new(boot::Boot),
        Arc::new(inventory::Inventory),
    ]
}

/// Keeps only the requirement ids that apply to `component` (a record for an embedded
/// device cites EDR 3.2, not HDR 3.2); ids the catalogue does not know are kept.
pub(crate) fn for_component(mut record: CheckRecord, component: ComponentType) -> CheckRecord {
    record
        .requirements
        .retain(|id| otcheck_core::catalog::lookup(*id).is_none_or(|r| r.applies_to(component)));
    record
}

/// A *not assessed* record for a read that failed.
pub(crate) fn unreadable(info: &CheckInfo, err: &ReadError) -> CheckRecord {
    CheckRecord::new(
        info,
        OutcomeKind::NotAssessed,
        "could not read the configuration",
    )
    .with_detail(err.to_string())
    .with_evidence(crate::report::Evidence::file(err.path()))
}

/// A failing record with its finding code.
pub(crate) fn fail(info: &CheckInfo, code: &str, message: impl Into<String>) -> CheckRecord {
    let mut r = CheckRecord::new(info, OutcomeKind::Fail, message);
    r.finding = Some(code.to_owned());
    r
}

/// A passing record.
pub(crate) fn pass(info: &CheckInfo, message: impl Into<String>) -> CheckRecord {
    CheckRecord::new(info, OutcomeKind::Pass, message)
}

/// A record per check in `infos` with the same outcome and message.
pub(crate) fn all(infos: &[&CheckInfo], outcome: OutcomeKind, message: &str) -> Vec<CheckRecord> {
    infos
        .iter()
        .map(|i| CheckRecord::new(i, outcome, message))
        .collect()
}

/// Joins up to `max` items for a message, noting how many more there are.
pub(crate) fn list<T: AsRef<str>>(items: &[T], max: usize) -> String {
    let mut s = items
        .iter()
        .take(max)
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > max {
        s.push_str(&format!(" and {} more", items.len().saturating_sub(max)));
    }
    s
}
