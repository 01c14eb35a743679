//! `otcheck inventory`: the software inventory of the live host or a root filesystem, as a
//! CycloneDX 1.5 JSON SBOM (default) or otcheck's own inventory JSON.

use std::io::Write as _;
use std::process::ExitCode;

use otcheck::inventory::{self, InventoryOptions};
use otcheck::probe::inventory::ListExecutables;
use otcheck::target::Target;

use crate::cli::CliError;
use crate::cli::args::{InventoryArgs, InventoryFormat};

/// Collects the inventory and writes it.
pub(crate) fn run(args: &InventoryArgs) -> Result<ExitCode, CliError> {
    let target = match &args.root {
        Some(dir) => Target::rootfs(dir),
        None => Target::live(),
    }
    .map_err(CliError::Target)?;
    let mut options = InventoryOptions::default();
    if args.executables {
        options.list_executables = ListExecutables::Always;
    }
    let inv = inventory::collect(&target, &options);
    let text = match args.format {
        InventoryFormat::Cyclonedx => inv.cyclonedx_json(std::time::SystemTime::now()),
        InventoryFormat::Json => serde_json::to_string_pretty(&inv).map_err(CliError::Json)?,
    };
    match &args.output {
        Some(path) => {
            std::fs::write(path, format!("{text}\n")).map_err(|source| CliError::Write {
                path: path.clone(),
                source,
            })?
        }
        None => writeln!(std::io::stdout().lock(), "{text}").map_err(CliError::Output)?,
    }
    Ok(ExitCode::SUCCESS)
}
