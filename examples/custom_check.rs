//! A vendor adds its own check to an audit run.
//!
//! The check reads the device's web server configuration through the same safe, read-only,
//! chrooted [`Target`](otcheck::target::Target) API as the built-in checks, names the
//! IEC 62443-4-2 requirements it evidences, and reports pass / fail (with a stable finding
//! code) / not assessed. The runner treats it like any built-in group: in parallel, with a
//! deadline, and with a panic turned into an *error* record.
//!
//! ```text
//! cargo run --example custom_check -- ./rootfs
//! ```

use std::process::ExitCode;

use otcheck::audit::{self, AuditPlan};
use otcheck::checks::{Context, HostCheck};
use otcheck::core::catalog::ids;
use otcheck::core::{CheckId, CheckInfo, ComponentType};
use otcheck::probe::config_lines;
use otcheck::report::{CheckRecord, Evidence, OutcomeKind};

/// Evidences CR 4.1 (information confidentiality) and CR 3.1 (communication integrity):
/// the web UI only speaks TLS.
static WEB_TLS: CheckInfo = CheckInfo::new(
    CheckId::new("acme.web-ui-tls"),
    "The web UI is served over TLS only",
    &[ids::CR_4_1, ids::CR_3_1],
);
static CHECKS: [&CheckInfo; 1] = [&WEB_TLS];

const CONFIG: &str = "/etc/lighttpd/lighttpd.conf";

struct WebUiTls;

impl HostCheck for WebUiTls {
    fn name(&self) -> &'static str {
        "acme-web-ui"
    }

    fn checks(&self) -> &'static [&'static CheckInfo] {
        &CHECKS
    }

    fn run(&self, ctx: &Context<'_>) -> Vec<CheckRecord> {
        let file = match ctx.target.read_file(CONFIG) {
            Ok(f) => f,
            Err(e) if e.is_not_found() => {
                return vec![CheckRecord::new(
                    &WEB_TLS,
                    OutcomeKind::NotApplicable,
                    "no lighttpd configuration",
                )];
            }
            Err(e) => {
                return vec![
                    CheckRecord::new(
                        &WEB_TLS,
                        OutcomeKind::NotAssessed,
                        "could not read the web server configuration",
                    )
                    .with_detail(e.to_string()),
                ];
            }
        };
        let text = file.text();
        let tls =
            config_lines(&text, '#').find(|l| l.text.replace(' ', "") == "ssl.engine=\"enable\"");
        let evidence = |line: Option<u32>| {
            let e = Evidence::file(CONFIG).sha256(file.sha256.clone());
            match line {
                Some(n) => e.at_line(n),
                None => e,
            }
        };
        let record = match tls {
            Some(line) => CheckRecord::new(&WEB_TLS, OutcomeKind::Pass, "lighttpd enables TLS")
                .with_evidence(evidence(Some(line.number)).excerpt(line.text)),
            None => {
                let mut r = CheckRecord::new(
                    &WEB_TLS,
                    OutcomeKind::Fail,
                    "the web UI is served without TLS",
                )
                .with_evidence(evidence(None));
                r.finding = Some("ACME-WEB-NO-TLS".to_owned());
                r
            }
        };
        vec![record]
    }
}

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: custom_check ROOTFS");
        return ExitCode::from(2);
    };
    let target = match otcheck::target::Target::rootfs(dir) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("custom_check: {e}");
            return ExitCode::from(2);
        }
    };
    let plan = AuditPlan::new(target)
        .component(ComponentType::EmbeddedDevice)
        .with_check(WebUiTls);
    let outcome = audit::run(&plan);
    let Some(record) = outcome.record("acme.web-ui-tls") else {
        eprintln!("custom_check: the vendor check did not run");
        return ExitCode::from(2);
    };
    let reqs: Vec<String> = record
        .requirements
        .iter()
        .map(ToString::to_string)
        .collect();
    println!(
        "{} [{}]: {} — {}",
        record.check,
        reqs.join(", "),
        record.outcome.as_str(),
        record.message
    );
    if let Some(code) = &record.finding {
        println!("finding {code}");
    }
    println!(
        "{} records in the run ({} built-in)",
        outcome.records.len(),
        outcome.records.len().saturating_sub(1)
    );
    ExitCode::SUCCESS
}
