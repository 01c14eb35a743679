//! Software inventory (`inventory.software`), from [`inventory::collect`].
//!
//! Evidences CR 7.8 (control system component inventory): the component can report what is
//! installed when it keeps a package database (dpkg, opkg, rpm) that otcheck can read, with
//! every entry parsed. Packages left half-installed or half-configured fail the check (the
//! inventory does not describe what runs). Without a package database the check is *not
//! assessed*: `otcheck inventory` then lists executables with their hashes, and a vendor SBOM
//! can be attested.

use otcheck_core::catalog::ids;
use otcheck_core::{CheckId, CheckInfo};

use crate::inventory::{self, InventoryOptions};
use crate::probe::inventory::ListExecutables;
use crate::report::{CheckRecord, Evidence, OutcomeKind};

use super::{Context, HostCheck, fail, list, pass};

static SOFTWARE: CheckInfo = CheckInfo::new(
    CheckId::new("inventory.software"),
    "The installed software can be inventoried from a package database",
    &[ids::CR_7_8],
);

static ALL: [&CheckInfo; 1] = [&SOFTWARE];

/// The inventory check group.
#[derive(Debug)]
pub(crate) struct Inventory;

impl HostCheck for Inventory {
    fn name(&self) -> &'static str {
        "inventory"
    }

    fn checks(&self) -> &'static [&'static CheckInfo] {
        &ALL
    }

    fn run(&self, ctx: &Context<'_>) -> Vec<CheckRecord> {
        let options = InventoryOptions {
            list_executables: ListExecutables::Never,
            ..InventoryOptions::default()
        };
        vec![judge(&inventory::collect(ctx.target, &options))]
    }
}

fn judge(inv: &inventory::Inventory) -> CheckRecord {
    let evidence: Vec<Evidence> = inv
        .databases
        .iter()
        .map(|d| Evidence::file(d.path.clone()).sha256(d.sha256.clone()))
        .collect();
    let broken: Vec<String> = inv
        .databases
        .iter()
        .flat_map(|d| d.broken.iter().cloned())
        .collect();
    if !broken.is_empty() {
        return evidence.into_iter().fold(
            fail(
                &SOFTWARE,
                "INV-PACKAGE-STATE",
                "packages are not completely installed",
            )
            .with_detail(list(&broken, 10)),
            CheckRecord::with_evidence,
        );
    }
    if inv.databases.is_empty() {
        let mut why = "no dpkg, opkg or rpm package database".to_owned();
        if !inv.notes.is_empty() {
            why.push_str(&format!(" ({})", list(&inv.notes, 3)));
        }
        return CheckRecord::new(
            &SOFTWARE,
            OutcomeKind::NotAssessed,
            "the installed software cannot be inventoried from the component",
        )
        .with_detail(format!(
            "{why}; `otcheck inventory` lists the executables with their SHA-256 instead"
        ));
    }
    let unparsed: Vec<String> = inv
        .databases
        .iter()
        .filter(|d| !d.unparsed.is_empty())
        .map(|d| {
            let lines: Vec<String> = d.unparsed.iter().map(u32::to_string).collect();
            format!("{} (entries at {})", d.path, list(&lines, 5))
        })
        .collect();
    if !unparsed.is_empty() || inv.packages.is_empty() {
        return CheckRecord::new(
            &SOFTWARE,
            OutcomeKind::NotAssessed,
            "the package database could not be read completely",
        )
        .with_detail(if unparsed.is_empty() {
            "it lists no installed package".to_owned()
        } else {
            list(&unparsed, 3)
        });
    }
    let dbs: Vec<String> = inv
        .databases
        .iter()
        .map(|d| format!("{} {} from {}", d.packages, d.manager.as_str(), d.path))
        .collect();
    let os = inv.os.as_ref().map_or_else(
        || "unknown OS release".to_owned(),
        |o| {
            o.pretty_name
                .clone()
                .unwrap_or_else(|| format!("{} {}", o.id, o.version_id.as_deref().unwrap_or("")))
        },
    );
    let kernels: Vec<&str> = inv.kernels.iter().map(|k| k.release.as_str()).collect();
    evidence.into_iter().fold(
        pass(
            &SOFTWARE,
            format!(
                "{} packages ({}); {os}; kernel {}",
                inv.packages.len(),
                dbs.join(", "),
                if kernels.is_empty() {
                    "unknown".to_owned()
                } else {
                    list(&kernels, 3)
                }
            ),
        ),
        CheckRecord::with_evidence,
    )
}
