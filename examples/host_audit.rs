//! Audit a host through the library and walk the results.
//!
//! ```text
//! cargo run --example host_audit              # the live host
//! cargo run --example host_audit -- ./rootfs  # an unpacked firmware root filesystem
//! ```
//!
//! Prints every check that did not pass, grouped by outcome, with the requirements it
//! evidences and where the evidence is, then the fingerprint of the inputs read.

use std::process::ExitCode;

use otcheck::audit::{self, AuditPlan};
use otcheck::core::{ComponentType, SecurityLevel};
use otcheck::report::OutcomeKind;
use otcheck::target::Target;

fn main() -> ExitCode {
    let target = match std::env::args_os().nth(1) {
        Some(dir) => Target::rootfs(dir),
        None => Target::live(),
    };
    let target = match target {
        Ok(t) => t,
        Err(e) => {
            eprintln!("host_audit: {e}");
            return ExitCode::from(2);
        }
    };
    let component = if target.is_live() {
        ComponentType::HostDevice
    } else {
        ComponentType::EmbeddedDevice
    };
    let plan = AuditPlan::new(target)
        .component(component)
        .target_sl(SecurityLevel::Sl2);
    let outcome = audit::run(&plan);

    println!(
        "{} {} ({:?}, SL {}): {} checks in {:.1} s",
        outcome.target.kind.as_str(),
        outcome.target.identifier,
        outcome.component,
        outcome.target_sl.number(),
        outcome.records.len(),
        outcome.duration.as_secs_f64()
    );
    for kind in [
        OutcomeKind::Fail,
        OutcomeKind::Error,
        OutcomeKind::NotAssessed,
    ] {
        let records: Vec<_> = outcome
            .records
            .iter()
            .filter(|r| r.outcome == kind)
            .collect();
        if records.is_empty() {
            continue;
        }
        println!("\n{} ({})", kind.as_str(), records.len());
        for r in records {
            let reqs: Vec<String> = r.requirements.iter().map(ToString::to_string).collect();
            println!(
                "  {:<32} {:<26} [{}]",
                r.check,
                r.finding.as_deref().unwrap_or("-"),
                reqs.join(", ")
            );
            println!("      {}", r.message);
            for e in &r.evidence {
                let line = e.line.map(|l| format!(":{l}")).unwrap_or_default();
                println!("      at {}{line}", e.path.as_deref().unwrap_or("?"));
            }
        }
    }
    let passed = outcome
        .records
        .iter()
        .filter(|r| r.outcome == OutcomeKind::Pass)
        .count();
    println!(
        "\n{passed} passed; inputs: {} files, SHA-256 {}",
        outcome.target.inputs.len(),
        outcome.target.inputs_sha256
    );
    if outcome
        .records
        .iter()
        .any(|r| r.outcome == OutcomeKind::Fail)
    {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
