//! Time synchronisation check: a client that the target starts, with a time source.
//!
//! Evidences CR 2.11 (timestamps) and CR 2.11 RE 1 (internal time synchronization).

use otcheck_core::catalog::ids;
use otcheck_core::{CheckId, CheckInfo};

use crate::probe::{services, time};
use crate::report::CheckRecord;

use super::{Context, HostCheck, fail, pass, unreadable};

static SYNC: CheckInfo = CheckInfo::new(
    CheckId::new("time.sync"),
    "The clock is synchronised to a time source",
    &[ids::CR_2_11, ids::CR_2_11_RE_1],
);

static GROUP: [&CheckInfo; 1] = [&SYNC];
/// The time check group.
#[derive(Debug)]
pub(crate) struct Time;

impl HostCheck for Time {
    fn name(&self) -> &'static str {
        "time"
    }

    fn checks(&self) -> &'static [&'static CheckInfo] {
        &GROUP
    }

    fn run(&self, ctx: &Context<'_>) -> Vec<CheckRecord> {
        let services = services::probe(ctx.target);
        let facts = time::probe(ctx.target, &services);
        let enabled: Vec<_> = facts.clients.iter().filter(|c| c.enabled).collect();
        let with_servers = enabled
            .iter()
            .find(|c| !c.servers.is_empty() || c.name == "systemd-timesyncd");
        let record = match (with_servers, enabled.first()) {
            (Some(c), _) => {
                let msg = if c.servers.is_empty() {
                    format!("{} is enabled (compiled-in fallback servers)", c.name)
                } else {
                    format!(
                        "{} is enabled with {} time source(s)",
                        c.name,
                        c.servers.len()
                    )
                };
                let r = c
                    .enabled_by
                    .iter()
                    .fold(pass(&SYNC, msg), |r, s| r.with_evidence(s.evidence()));
                c.servers
                    .iter()
                    .take(5)
                    .fold(r, |r, s| r.with_evidence(s.evidence()))
            }
            (None, Some(c)) => c.enabled_by.iter().fold(
                fail(
                    &SYNC,
                    "TIME-NO-SERVERS",
                    "the time client has no server configured",
                )
                .with_detail(c.name),
                |r, s| r.with_evidence(s.evidence()),
            ),
            (None, None) => match facts.unreadable.first().or(services.unreadable.first()) {
                Some(e) => unreadable(&SYNC, e),
                None if facts.clients.is_empty() => fail(
                    &SYNC,
                    "TIME-NO-SYNC",
                    "no time synchronisation client (chrony, timesyncd, ntpd, BusyBox ntpd)",
                ),
                None => fail(
                    &SYNC,
                    "TIME-NO-SYNC",
                    "a time client is configured but not started",
                )
                .with_detail(
                    facts
                        .clients
                        .iter()
                        .map(|c| c.name)
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            },
        };
        vec![record]
    }
}
