//! `otcheck audit`: audit the live host or a root filesystem and write the report.

use std::process::ExitCode;

use otcheck::audit::{self, AuditPlan};
use otcheck::target::Target;
use otcheck_core::{ComponentType, SecurityLevel};

use crate::cli::CliError;
use crate::cli::args::AuditArgs;
use crate::cli::output::{exit_code, load_attestations, write_report};

/// Runs the audit.
pub(crate) fn run(args: &AuditArgs) -> Result<ExitCode, CliError> {
    let target = match &args.root {
        Some(dir) => Target::rootfs(dir),
        None => Target::live(),
    }
    .map_err(CliError::Target)?;
    let level = SecurityLevel::new(args.target_sl).unwrap_or(SecurityLevel::Sl2);
    let plan = AuditPlan::new(target)
        .component(ComponentType::from(args.component))
        .target_sl(level);
    let attestations = load_attestations(args.attest.as_ref())?;
    let report = audit::run(&plan).into_report(attestations);
    write_report(
        &report,
        args.output.format.into(),
        args.output.output.as_ref(),
    )?;
    Ok(exit_code(&report, args.output.fail_on))
}
