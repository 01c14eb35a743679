//! The audit plan: everything an audit needs, resolved and ready to run.

use core::time::Duration;
use std::sync::Arc;

use otcheck_core::{ComponentType, SecurityLevel};

use crate::checks::{self, HostCheck};
use crate::target::{Target, WalkLimits};

/// What to audit and how.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use otcheck::audit::AuditPlan;
/// let dir = tempfile::tempdir()?;
/// let plan = AuditPlan::new(otcheck::target::Target::rootfs(dir.path())?)
///     .component(otcheck::core::ComponentType::EmbeddedDevice)
///     .target_sl(otcheck::core::SecurityLevel::Sl3);
/// assert_eq!(plan.target_sl, otcheck::core::SecurityLevel::Sl3);
/// # Ok(()) }
/// ```
#[derive(Clone)]
#[non_exhaustive]
pub struct AuditPlan {
    /// The system under audit.
    pub target: Arc<Target>,
    /// The component type it is audited as (default: host device).
    pub component: ComponentType,
    /// The target security level (default: SL 2).
    pub target_sl: SecurityLevel,
    /// Ports allowed to listen on non-loopback addresses (live host; default: 22).
    pub allowed_ports: Vec<u16>,
    /// Bounds for whole-tree walks.
    pub walk: WalkLimits,
    /// How long one check group may run before it is reported as not assessed.
    pub timeout: Duration,
    /// What the certificate, binary-hardening and kernel-configuration checks scan and require.
    pub artefacts: checks::ArtefactOptions,
    /// The check groups to run (default: [`checks::builtin`]).
    pub checks: Vec<Arc<dyn HostCheck>>,
}

impl core::fmt::Debug for AuditPlan {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("AuditPlan")
            .field("target", &self.target.identifier())
            .field("component", &self.component)
            .field("target_sl", &self.target_sl)
            .field(
                "checks",
                &self.checks.iter().map(|c| c.name()).collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

impl AuditPlan {
    /// The default plan for `target`: host device, SL 2, the built-in checks.
    ///
    /// ```no_run
    /// let plan = otcheck::audit::AuditPlan::new(otcheck::target::Target::live()?);
    /// assert_eq!(plan.component, otcheck::core::ComponentType::HostDevice);
    /// # Ok::<(), otcheck::target::OpenError>(())
    /// ```
    #[must_use]
    pub fn new(target: Target) -> Self {
        Self {
            target: Arc::new(target),
            component: ComponentType::HostDevice,
            target_sl: SecurityLevel::Sl2,
            allowed_ports: vec![22],
            walk: WalkLimits::default(),
            timeout: Duration::from_secs(300),
            artefacts: checks::ArtefactOptions::default(),
            checks: checks::builtin(),
        }
    }

    /// Audits as `component`.
    ///
    /// ```
    /// # let dir = tempfile::tempdir().unwrap();
    /// # let t = otcheck::target::Target::rootfs(dir.path()).unwrap();
    /// let plan = otcheck::audit::AuditPlan::new(t).component(otcheck::core::ComponentType::NetworkDevice);
    /// assert_eq!(plan.component, otcheck::core::ComponentType::NetworkDevice);
    /// ```
    #[must_use]
    pub fn component(mut self, component: ComponentType) -> Self {
        self.component = component;
        self
    }

    /// Audits against `level`.
    ///
    /// ```
    /// # let dir = tempfile::tempdir().unwrap();
    /// # let t = otcheck::target::Target::rootfs(dir.path()).unwrap();
    /// let plan = otcheck::audit::AuditPlan::new(t).target_sl(otcheck::core::SecurityLevel::Sl1);
    /// assert_eq!(plan.target_sl.number(), 1);
    /// ```
    #[must_use]
    pub fn target_sl(mut self, level: SecurityLevel) -> Self {
        self.target_sl = level;
        self
    }

    /// Adds a check group (e.g. a vendor's own) to the run.
    ///
    /// ```
    /// # use otcheck::checks::{Context, HostCheck};
    /// # use otcheck::core::{catalog::ids, CheckId, CheckInfo};
    /// # static I: CheckInfo = CheckInfo::new(CheckId::new("vendor.x"), "x", &[ids::CR_1_1]);
    /// # static G: [&CheckInfo; 1] = [&I];
    /// # struct X;
    /// # impl HostCheck for X {
    /// #     fn name(&self) -> &'static str { "x" }
    /// #     fn checks(&self) -> &'static [&'static CheckInfo] { &G }
    /// #     fn run(&self, _: &Context<'_>) -> Vec<otcheck::report::CheckRecord> { Vec::new() }
    /// # }
    /// # let dir = tempfile::tempdir().unwrap();
    /// # let t = otcheck::target::Target::rootfs(dir.path()).unwrap();
    /// let plan = otcheck::audit::AuditPlan::new(t).with_check(X);
    /// assert!(plan.checks.iter().any(|c| c.name() == "x"));
    /// ```
    #[must_use]
    pub fn with_check(mut self, check: impl HostCheck + 'static) -> Self {
        self.checks.push(Arc::new(check));
        self
    }
}
