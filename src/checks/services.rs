//! Least-functionality checks: insecure services enabled at boot, unexpected listening
//! sockets (live host only), and consoles that give a shell without authentication.
//!
//! Evidences CR 7.7 (least functionality) and EDR/HDR/NDR 2.13 (use of physical diagnostic
//! and test interfaces).

use otcheck_core::catalog::ids;
use otcheck_core::{CheckId, CheckInfo};

use crate::probe::{services as probe, sockets};
use crate::report::{CheckRecord, OutcomeKind};

use super::{Context, HostCheck, fail, list, pass, unreadable};

static INSECURE: CheckInfo = CheckInfo::new(
    CheckId::new("services.insecure"),
    "No clear-text or legacy remote services are enabled",
    &[ids::CR_7_7],
);
static LISTENING: CheckInfo = CheckInfo::new(
    CheckId::new("network.listening"),
    "Only allowed ports listen on the network",
    &[ids::CR_7_7],
);
static CONSOLE: CheckInfo = CheckInfo::new(
    CheckId::new("console.authentication"),
    "Serial and debug consoles require a login",
    &[ids::EDR_2_13, ids::HDR_2_13, ids::NDR_2_13],
);

/// Services that send credentials in clear text or have no authentication of their own.
const INSECURE_SERVICES: [&str; 14] = [
    "telnet",
    "telnetd",
    "inetutils-telnetd",
    "rlogin",
    "rsh",
    "rexec",
    "tftp",
    "tftpd",
    "tftpd-hpa",
    "atftpd",
    "ftp",
    "ftpd",
    "vsftpd",
    "proftpd",
];

static GROUP: [&CheckInfo; 3] = [&INSECURE, &LISTENING, &CONSOLE];
/// The services check group.
#[derive(Debug)]
pub(crate) struct Services;

impl HostCheck for Services {
    fn name(&self) -> &'static str {
        "services"
    }

    fn checks(&self) -> &'static [&'static CheckInfo] {
        &GROUP
    }

    fn run(&self, ctx: &Context<'_>) -> Vec<CheckRecord> {
        let facts = probe::probe(ctx.target);
        let bad: Vec<_> = facts
            .enabled
            .iter()
            .filter(|s| {
                let name = s.name.trim_end_matches(".socket").trim_end_matches('@');
                INSECURE_SERVICES.contains(&name)
                    || name.starts_with("pure-ftpd")
                    || name.starts_with("in.telnetd")
            })
            .collect();
        let insecure = if !bad.is_empty() {
            bad.iter().fold(
                fail(
                    &INSECURE,
                    "SVC-INSECURE-ENABLED",
                    "clear-text remote services are enabled",
                )
                .with_detail(list(
                    &bad.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
                    10,
                )),
                |r, s| r.with_evidence(s.source.evidence()),
            )
        } else if let Some(e) = facts.unreadable.first() {
            unreadable(&INSECURE, e)
        } else {
            pass(
                &INSECURE,
                format!(
                    "{} enabled services, none of telnet, rsh/rlogin/rexec, tftp or ftp",
                    facts.enabled.len()
                ),
            )
        };
        vec![insecure, listening(ctx), console(&facts)]
    }
}

fn listening(ctx: &Context<'_>) -> CheckRecord {
    if !ctx.target.is_live() {
        return CheckRecord::new(
            &LISTENING,
            OutcomeKind::NotApplicable,
            "listening sockets exist only on a running host",
        );
    }
    match sockets::probe(ctx.target) {
        Err(e) => unreadable(&LISTENING, &e),
        Ok(listeners) => {
            let mut bad: Vec<_> = listeners
                .iter()
                .filter(|l| !l.loopback && !ctx.allowed_ports.contains(&l.port))
                .collect();
            bad.sort_by_key(|l| (l.port, l.protocol));
            bad.dedup_by_key(|l| (l.port, l.protocol));
            if bad.is_empty() {
                pass(
                    &LISTENING,
                    format!(
                        "every non-loopback listener is on an allowed port ({:?})",
                        ctx.allowed_ports
                    ),
                )
            } else {
                let names: Vec<String> = bad
                    .iter()
                    .map(|l| format!("{}/{}", l.protocol, l.port))
                    .collect();
                bad.iter().take(10).fold(
                    fail(
                        &LISTENING,
                        "NET-UNEXPECTED-LISTENER",
                        "ports outside the allow-list listen on the network",
                    )
                    .with_detail(list(&names, 20)),
                    |r, l| r.with_evidence(l.source.evidence()),
                )
            }
        }
    }
}

/// Whether `process` (an inittab command) is a shell started without login.
fn is_bare_shell(process: &str) -> bool {
    let first = process.split_whitespace().next().unwrap_or("");
    let base = first
        .trim_start_matches('-')
        .rsplit('/')
        .next()
        .unwrap_or(first);
    matches!(
        base,
        "sh" | "ash" | "bash" | "hush" | "msh" | "dash" | "zsh"
    )
}

fn is_autologin(process: &str) -> bool {
    let words: Vec<&str> = process.split_whitespace().collect();
    words
        .iter()
        .any(|w| w.starts_with("--autologin") || *w == "-a")
        || (words.contains(&"-n") && words.contains(&"-l"))
}

fn console(facts: &probe::Services) -> CheckRecord {
    let mut problems = Vec::new();
    let mut evidence = Vec::new();
    let mut gettys = Vec::new();
    for e in &facts.inittab {
        if !matches!(e.action.as_str(), "respawn" | "askfirst" | "once" | "wait") {
            continue;
        }
        let tty = if e.id.is_empty() {
            "console"
        } else {
            e.id.as_str()
        };
        if is_bare_shell(&e.process) {
            problems.push(format!("{tty}: {} without login", e.process));
            evidence.push(e.source.evidence());
        } else if e.process.contains("getty") {
            if is_autologin(&e.process) {
                problems.push(format!("{tty}: getty with automatic login"));
                evidence.push(e.source.evidence());
            } else {
                gettys.push(tty.to_owned());
            }
        }
    }
    for s in &facts.getty_autologin {
        problems.push(format!("{}: getty with automatic login", s.path));
        evidence.push(s.evidence());
    }
    for s in &facts.enabled {
        if s.name.contains("getty@") || s.name == "console-getty" {
            gettys.push(s.name.clone());
        }
    }
    if !problems.is_empty() {
        return evidence.into_iter().fold(
            fail(
                &CONSOLE,
                "CONSOLE-NO-AUTH",
                "a console gives a shell without authentication",
            )
            .with_detail(list(&problems, 10)),
            CheckRecord::with_evidence,
        );
    }
    if let Some(e) = facts.unreadable.first() {
        return unreadable(&CONSOLE, e);
    }
    if gettys.is_empty() {
        pass(&CONSOLE, "no console login is started")
    } else {
        pass(&CONSOLE, "console logins require authentication").with_detail(list(&gettys, 10))
    }
}
