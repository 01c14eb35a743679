//! `otcheck log verify FILE [--key KEYFILE]`: decode and verify an audit-log export
//! (CR 6.1 RE 1) and say whether its chain is intact (CR 3.9).

use std::io::Write as _;
use std::process::ExitCode;

use otcheck_core::audit_log::{ChainKey, VerifyLimits, verify_export};

use crate::cli::CliError;
use crate::cli::args::{LogVerifyArgs, SimpleFormat};

/// Exit 0 when the export verifies, 1 when it does not (tampered or malformed), 2 when the
/// files cannot be read or the key is malformed.
pub(crate) fn verify(args: &LogVerifyArgs) -> Result<ExitCode, CliError> {
    let bytes = std::fs::read(&args.file).map_err(|source| CliError::Read {
        path: args.file.clone(),
        source,
    })?;
    let key = match &args.key {
        Some(path) => {
            let raw = std::fs::read(path).map_err(|source| CliError::Read {
                path: path.clone(),
                source,
            })?;
            Some(
                ChainKey::parse(raw.trim_ascii()).map_err(|e| CliError::Invalid {
                    path: path.clone(),
                    reason: e.to_string(),
                })?,
            )
        }
        None => None,
    };
    let result = verify_export(&bytes, key.as_ref(), VerifyLimits::default());
    let mut out = std::io::stdout().lock();
    match args.format {
        SimpleFormat::Json => {
            let value = match &result {
                Ok(summary) => serde_json::json!({ "verified": true, "summary": summary }),
                Err(error) => {
                    serde_json::json!({ "verified": false, "error": error, "message": error.to_string() })
                }
            };
            serde_json::to_writer_pretty(&mut out, &value).map_err(CliError::Json)?;
            writeln!(out).map_err(CliError::Output)?;
        }
        SimpleFormat::Text => match &result {
            Ok(summary) => writeln!(out, "{summary}").map_err(CliError::Output)?,
            Err(error) => writeln!(out, "{}: NOT VERIFIED: {error}", args.file.display())
                .map_err(CliError::Output)?,
        },
    }
    Ok(if result.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
