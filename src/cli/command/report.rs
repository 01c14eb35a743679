//! `otcheck report render` and `otcheck diff`: work on JSON reports.

use std::io::Write as _;
use std::process::ExitCode;

use crate::cli::CliError;
use crate::cli::args::{DecodeArgs, DiffArgs, DiffFormat, RenderArgs};
use crate::cli::output::{exit_code, load_attestations, read_report, write_report};

/// `otcheck report render REPORT.json --format X [-o FILE]`.
pub(crate) fn render(args: &RenderArgs) -> Result<ExitCode, CliError> {
    let report = read_report(&args.report)?;
    write_report(
        &report,
        args.output.format.into(),
        args.output.output.as_ref(),
    )?;
    Ok(exit_code(&report, args.output.fail_on))
}

/// `otcheck report decode FILE`: a device self-test report, rendered like a host audit.
pub(crate) fn decode(args: &DecodeArgs) -> Result<ExitCode, CliError> {
    let bytes = std::fs::read(&args.file).map_err(|source| CliError::Read {
        path: args.file.clone(),
        source,
    })?;
    let device = args
        .device
        .clone()
        .unwrap_or_else(|| args.file.display().to_string());
    let attestations = load_attestations(args.attest.as_ref())?;
    let report =
        otcheck::report::Report::from_selftest(&bytes, &device, attestations).map_err(|e| {
            CliError::Invalid {
                path: args.file.clone(),
                reason: e.to_string(),
            }
        })?;
    write_report(
        &report,
        args.output.format.into(),
        args.output.output.as_ref(),
    )?;
    Ok(exit_code(&report, args.output.fail_on))
}

/// `otcheck diff OLD.json NEW.json`: exit 1 on regression.
pub(crate) fn diff(args: &DiffArgs) -> Result<ExitCode, CliError> {
    let (old, new) = (read_report(&args.old)?, read_report(&args.new)?);
    let d = otcheck::report::diff(&old, &new);
    let mut out = std::io::stdout().lock();
    match args.format {
        DiffFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &d).map_err(CliError::Json)?;
            writeln!(out).map_err(CliError::Output)?;
        }
        DiffFormat::Text => {
            let w = |out: &mut std::io::StdoutLock<'_>, s: String| {
                writeln!(out, "{s}").map_err(CliError::Output)
            };
            for c in &d.new_failures {
                w(
                    &mut out,
                    format!(
                        "new failure  {} {}: {}",
                        c.check,
                        c.finding.as_deref().unwrap_or("-"),
                        c.message
                    ),
                )?;
            }
            for c in &d.fixed {
                w(
                    &mut out,
                    format!(
                        "fixed        {} {}: {}",
                        c.check,
                        c.finding.as_deref().unwrap_or("-"),
                        c.message
                    ),
                )?;
            }
            for l in &d.levels {
                w(
                    &mut out,
                    format!("FR {}         SL-C {} -> {}", l.fr, l.old, l.new),
                )?;
            }
            let verdict = if d.is_regression() {
                "regression"
            } else {
                "no regression"
            };
            w(
                &mut out,
                format!(
                    "{} new failures, {} fixed, {verdict}",
                    d.new_failures.len(),
                    d.fixed.len()
                ),
            )?;
        }
    }
    Ok(if d.is_regression() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
