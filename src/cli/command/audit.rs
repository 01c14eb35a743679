//! `otcheck audit`: audit the live host, a root filesystem, or a device profile, and write the
//! report.

use std::path::Path;
use std::process::ExitCode;

use otcheck::audit::{self, AuditPlan};
use otcheck::report::{CheckRecord, Report, TargetInfo, TargetKind};
use otcheck::target::Target;
use otcheck_core::{ComponentType, SecurityLevel, SlVector, selftest};

use crate::cli::CliError;
use crate::cli::args::AuditArgs;
use crate::cli::output::{exit_code, load_attestations, write_report};

/// Runs the audit.
pub(crate) fn run(args: &AuditArgs) -> Result<ExitCode, CliError> {
    let attestations = load_attestations(args.attest.as_ref())?;
    let report = match &args.profile {
        Some(path) => judge_profile(path, attestations)?,
        None => {
            let target = match &args.root {
                Some(dir) => Target::rootfs(dir),
                None => Target::live(),
            }
            .map_err(CliError::Target)?;
            let level = SecurityLevel::new(args.target_sl).unwrap_or(SecurityLevel::Sl2);
            let plan = AuditPlan::new(target)
                .component(ComponentType::from(args.component))
                .target_sl(level);
            audit::run(&plan).into_report(attestations)
        }
    };
    write_report(
        &report,
        args.output.format.into(),
        args.output.output.as_ref(),
    )?;
    Ok(exit_code(&report, args.output.fail_on))
}

/// Judges a device profile file with the same evaluators the device runs in its self-test.
/// Evidence only the device can produce (image and audit-log verification) is not assessed.
fn judge_profile(
    path: &Path,
    attestations: otcheck::report::Attestations,
) -> Result<Report, CliError> {
    let text = std::fs::read_to_string(path).map_err(|source| CliError::Read {
        path: path.to_owned(),
        source,
    })?;
    let invalid = |reason: String| CliError::Invalid {
        path: path.to_owned(),
        reason,
    };
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let profile: selftest::DeviceProfile<'_> = if is_json {
        serde_json::from_str(&text).map_err(|e| invalid(e.to_string()))?
    } else {
        toml::from_str(&text).map_err(|e| invalid(e.to_string()))?
    };
    let device = selftest::run(&profile, &selftest::Evidence::<1>::default());
    let records = device
        .results()
        .iter()
        .copied()
        .map(CheckRecord::from)
        .collect();
    let target = TargetInfo {
        kind: TargetKind::DeviceProfile,
        identifier: path.display().to_string(),
        inputs_sha256: Some(otcheck::report::sha256_hex(text.as_bytes())),
    };
    Ok(Report::new(
        target,
        profile.component,
        SlVector::uniform(profile.target_sl),
        records,
        attestations,
    ))
}
