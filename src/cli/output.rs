//! Where and how a report is written: `--format`, `-o FILE`, colour, and the exit code that
//! `--fail-on` asks for.

use std::io::{IsTerminal as _, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;

use otcheck::report::{Format, OutcomeKind, RenderOptions, Report};

use crate::cli::CliError;
use crate::cli::args::FailOn;

/// Writes `report` as `format` to `output` (stdout when `None`).
pub(crate) fn write_report(
    report: &Report,
    format: Format,
    output: Option<&PathBuf>,
) -> Result<(), CliError> {
    match output {
        Some(path) => {
            let mut buf = Vec::new();
            otcheck::report::render(report, format, RenderOptions::default(), &mut buf)
                .map_err(CliError::Output)?;
            std::fs::write(path, buf).map_err(|source| CliError::Write {
                path: path.clone(),
                source,
            })
        }
        None => {
            let stdout = std::io::stdout();
            let color = format == Format::Text
                && stdout.is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            let width = std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.parse().ok())
                .unwrap_or(100);
            let mut out = stdout.lock();
            otcheck::report::render(report, format, RenderOptions { color, width }, &mut out)
                .map_err(CliError::Output)?;
            out.flush().map_err(CliError::Output)
        }
    }
}

/// The exit code for `report` under `--fail-on`.
pub(crate) fn exit_code(report: &Report, fail_on: FailOn) -> ExitCode {
    let failed = match fail_on {
        FailOn::Gap => !report.target_met(),
        FailOn::Fail => report
            .results
            .iter()
            .any(|r| matches!(r.outcome, OutcomeKind::Fail | OutcomeKind::Error)),
        FailOn::Never => false,
    };
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Reads a JSON report written by `otcheck audit --format json`.
pub(crate) fn read_report(path: &PathBuf) -> Result<Report, CliError> {
    let bytes = std::fs::read(path).map_err(|source| CliError::Read {
        path: path.clone(),
        source,
    })?;
    serde_json::from_slice(&bytes).map_err(|source| CliError::Parse {
        path: path.clone(),
        source,
    })
}

/// Reads `--attest FILE`, or nothing.
pub(crate) fn load_attestations(
    path: Option<&PathBuf>,
) -> Result<otcheck::report::Attestations, CliError> {
    match path {
        Some(path) => {
            otcheck::report::Attestations::load(path, time::OffsetDateTime::now_utc().date())
                .map_err(CliError::Attest)
        }
        None => Ok(otcheck::report::Attestations::default()),
    }
}
