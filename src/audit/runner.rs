//! The runner: one thread per check group, panics caught, a deadline for the slow.

use core::panic::AssertUnwindSafe;
use core::time::Duration;
use std::panic::catch_unwind;
use std::sync::mpsc;
use std::time::{Instant, SystemTime};

use otcheck_core::{CheckInfo, ComponentType, SecurityLevel};

use crate::checks::Context;
use crate::report::{CheckRecord, OutcomeKind};
use crate::target::{Input, TargetKind};

use super::AuditPlan;

/// What was audited, for the report header.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct TargetInfo {
    /// Live host or root filesystem.
    pub kind: TargetKind,
    /// Host name or root directory.
    pub identifier: String,
    /// SHA-256 over every input read ([`crate::target::Target::inputs_sha256`]).
    pub inputs_sha256: String,
    /// Every file read, with its SHA-256.
    pub inputs: Vec<Input>,
}

/// The result of an audit: the records, and what they are about.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct AuditOutcome {
    /// The target.
    pub target: TargetInfo,
    /// The component type audited as.
    pub component: ComponentType,
    /// The target security level.
    pub target_sl: SecurityLevel,
    /// When the audit started.
    pub started: SystemTime,
    /// How long it took.
    pub duration: Duration,
    /// One record per check, sorted by check id.
    pub records: Vec<CheckRecord>,
}

impl AuditOutcome {
    /// The record of check `id`, if it ran.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let dir = tempfile::tempdir()?;
    /// let outcome = otcheck::audit::run(&otcheck::audit::AuditPlan::new(otcheck::target::Target::rootfs(dir.path())?));
    /// assert_eq!(outcome.record("accounts.uid0-unique").unwrap().outcome, otcheck::report::OutcomeKind::NotAssessed);
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn record(&self, id: &str) -> Option<&CheckRecord> {
        self.records.iter().find(|r| r.check == id)
    }
}

type GroupResult = (usize, Result<Vec<CheckRecord>, String>);

/// Runs every check group of `plan` and collects the records.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = tempfile::tempdir()?;
/// std::fs::create_dir(dir.path().join("etc"))?;
/// std::fs::write(dir.path().join("etc/passwd"), "root:x:0:0::/root:/bin/sh\ntoor:x:0:0::/root:/bin/sh\n")?;
/// let plan = otcheck::audit::AuditPlan::new(otcheck::target::Target::rootfs(dir.path())?);
/// let outcome = otcheck::audit::run(&plan);
/// let uid0 = outcome.record("accounts.uid0-unique").unwrap();
/// assert_eq!(uid0.finding.as_deref(), Some("ACCT-UID0-DUPLICATE"));
/// assert_eq!(outcome.target.inputs[0].path, "/etc/login.defs".replace("login.defs", "passwd"));
/// # Ok(()) }
/// ```
#[must_use]
pub fn run(plan: &AuditPlan) -> AuditOutcome {
    let started = SystemTime::now();
    let clock = Instant::now();
    let (tx, rx) = mpsc::channel::<GroupResult>();
    let mut pending: Vec<Option<&'static [&'static CheckInfo]>> = Vec::new();
    let mut records = Vec::new();
    for (index, group) in plan.checks.iter().enumerate() {
        pending.push(Some(group.checks()));
        let sender = tx.clone();
        let group = group.clone();
        let target = plan.target.clone();
        let (component, target_sl) = (plan.component, plan.target_sl);
        let (allowed_ports, walk) = (plan.allowed_ports.clone(), plan.walk);
        let artefacts = plan.artefacts.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("otcheck-{}", group.name()))
            .spawn(move || {
                let result = catch_unwind(AssertUnwindSafe(|| {
                    let mut ctx = Context::new(&target, component, target_sl);
                    ctx.allowed_ports = allowed_ports;
                    ctx.walk = walk;
                    ctx.artefacts = artefacts;
                    ctx.now = started;
                    group.run(&ctx)
                }))
                .map_err(|payload| {
                    payload
                        .downcast_ref::<&str>()
                        .map(|s| (*s).to_owned())
                        .or_else(|| payload.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "unknown panic".to_owned())
                });
                let _ = sender.send((index, result));
            });
        if let Err(e) = spawned {
            let _ = tx.send((index, Err(format!("could not start a thread: {e}"))));
        }
    }
    drop(tx);
    let deadline = clock.checked_add(plan.timeout).unwrap_or(clock);
    while pending.iter().any(Option::is_some) {
        let wait = deadline.saturating_duration_since(Instant::now());
        let Ok((index, result)) = rx.recv_timeout(wait) else {
            break;
        };
        let Some(declared) = pending.get_mut(index).and_then(Option::take) else {
            continue;
        };
        match result {
            Ok(mut group_records) => {
                for info in declared {
                    if !group_records.iter().any(|r| r.check == info.id.as_str()) {
                        group_records.push(CheckRecord::new(
                            info,
                            OutcomeKind::Error,
                            "the check produced no result",
                        ));
                    }
                }
                records.extend(group_records);
            }
            Err(panic) => records.extend(declared.iter().map(|info| {
                CheckRecord::new(info, OutcomeKind::Error, "the check failed unexpectedly")
                    .with_detail(format!("panic: {panic}"))
            })),
        }
    }
    // Whatever has not reported by now timed out: not assessed, and the audit goes on.
    for declared in pending.into_iter().flatten() {
        records.extend(declared.iter().map(|info| {
            CheckRecord::new(
                info,
                OutcomeKind::NotAssessed,
                "the check did not finish in time",
            )
            .with_detail(format!("timeout {} s", plan.timeout.as_secs()))
        }));
    }
    records.sort_by(|a, b| a.check.cmp(&b.check));
    AuditOutcome {
        target: TargetInfo {
            kind: plan.target.kind(),
            identifier: plan.target.identifier().to_owned(),
            inputs_sha256: plan.target.inputs_sha256(),
            inputs: plan.target.inputs(),
        },
        component: plan.component,
        target_sl: plan.target_sl,
        started,
        duration: clock.elapsed(),
        records,
    }
}

impl AuditOutcome {
    /// Turns the outcome into the [`Report`](crate::report::Report): judges every requirement,
    /// computes SL-C and gaps, stamps the start time and duration.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let dir = tempfile::tempdir()?;
    /// let outcome = otcheck::audit::run(&otcheck::audit::AuditPlan::new(otcheck::target::Target::rootfs(dir.path())?));
    /// let report = outcome.into_report(otcheck::report::Attestations::default());
    /// assert_eq!(report.target.kind, otcheck::report::TargetKind::Rootfs);
    /// assert!(!report.target_met(), "an empty directory meets nothing");
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn into_report(self, attestations: crate::report::Attestations) -> crate::report::Report {
        let kind = match self.target.kind {
            TargetKind::LiveHost => crate::report::TargetKind::LiveHost,
            _ => crate::report::TargetKind::Rootfs,
        };
        let target = crate::report::TargetInfo {
            kind,
            identifier: self.target.identifier,
            inputs_sha256: Some(self.target.inputs_sha256),
        };
        let mut report = crate::report::Report::new(
            target,
            self.component,
            otcheck_core::SlVector::uniform(self.target_sl),
            self.records,
            attestations,
        );
        report.started = time::OffsetDateTime::from(self.started)
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        report.duration_ms = u64::try_from(self.duration.as_millis()).unwrap_or(u64::MAX);
        report
    }
}
