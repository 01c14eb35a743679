//! `otcheck catalog`: the requirement catalogue, filtered by component type and SL.

use std::io::Write as _;
use std::process::ExitCode;

use otcheck::catalog::CatalogEntry;
use otcheck_core::catalog::{self, Requirement};
use otcheck_core::{ComponentType, SecurityLevel};

use crate::cli::CliError;
use crate::cli::args::{CatalogArgs, CatalogFormat};

/// Runs the command.
pub(crate) fn run(args: &CatalogArgs) -> Result<ExitCode, CliError> {
    let component = args.component.map(ComponentType::from);
    let level = args.level();
    let selected: Vec<&Requirement> = catalog::all()
        .iter()
        .filter(|r| match (component, level) {
            (Some(c), Some(l)) => r.required_at(c, l),
            (Some(c), None) => catalog::applicable(c).any(|a| a.id() == r.id()),
            (None, Some(l)) => ComponentType::ALL.into_iter().any(|c| r.required_at(c, l)),
            (None, None) => true,
        })
        .collect();
    let mut out = std::io::stdout().lock();
    match args.format {
        CatalogFormat::Json => {
            let entries: Vec<CatalogEntry> =
                selected.iter().map(|r| CatalogEntry::from(*r)).collect();
            serde_json::to_writer_pretty(&mut out, &entries).map_err(CliError::Json)?;
            writeln!(out).map_err(CliError::Output)?;
        }
        CatalogFormat::Text => write_text(&mut out, &selected).map_err(CliError::Output)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn write_text(out: &mut impl std::io::Write, selected: &[&Requirement]) -> std::io::Result<()> {
    for r in selected {
        let levels = match r.min_level() {
            Some(min) => SecurityLevel::RATED
                .iter()
                .map(|l| {
                    if *l >= min {
                        char::from(b'0' + l.number())
                    } else {
                        '-'
                    }
                })
                .collect::<String>(),
            None => "    ".to_string(),
        };
        let types: Vec<&str> = r
            .component_types()
            .iter()
            .map(ComponentType::code)
            .collect();
        writeln!(
            out,
            "{:<16} {levels:<4}  {:<11}  {}",
            r.id().to_string(),
            types.join(","),
            r.title()
        )?;
    }
    writeln!(out, "{} requirements", selected.len())
}
