//! Logging checks: a log daemon runs, its storage is bounded and survives reboots, and
//! something defined happens when audit storage runs out.
//!
//! Evidences CR 2.8 (auditable events), CR 6.1 (audit log accessibility), CR 2.9 (audit
//! storage capacity), CR 2.9 RE 1 (warn when the threshold is reached) and CR 2.10
//! (response to audit processing failures).

use otcheck_core::catalog::ids;
use otcheck_core::{CheckId, CheckInfo};

use crate::probe::{logging, services};
use crate::report::CheckRecord;

use super::{Context, HostCheck, fail, pass, unreadable};

static DAEMON: CheckInfo = CheckInfo::new(
    CheckId::new("logging.daemon"),
    "A logging daemon records events",
    &[ids::CR_2_8, ids::CR_6_1],
);
static STORAGE: CheckInfo = CheckInfo::new(
    CheckId::new("logging.storage"),
    "Log storage is persistent and bounded",
    &[ids::CR_2_9],
);
static THRESHOLD: CheckInfo = CheckInfo::new(
    CheckId::new("logging.threshold-warning"),
    "Low audit storage raises a warning",
    &[ids::CR_2_9_RE_1],
);
static FAILURE: CheckInfo = CheckInfo::new(
    CheckId::new("logging.failure-response"),
    "Full or failing audit storage has a defined response",
    &[ids::CR_2_10],
);

static GROUP: [&CheckInfo; 4] = [&DAEMON, &STORAGE, &THRESHOLD, &FAILURE];
/// The logging check group.
#[derive(Debug)]
pub(crate) struct Logging;

impl HostCheck for Logging {
    fn name(&self) -> &'static str {
        "logging"
    }

    fn checks(&self) -> &'static [&'static CheckInfo] {
        &GROUP
    }

    fn run(&self, ctx: &Context<'_>) -> Vec<CheckRecord> {
        let services = services::probe(ctx.target);
        let f = logging::probe(ctx.target, &services);
        let unread = f.unreadable.first().or(services.unreadable.first());
        let or_unread = |info: &CheckInfo, r: CheckRecord| match (r.outcome, unread) {
            (crate::report::OutcomeKind::Fail, Some(e)) => unreadable(info, e),
            _ => r,
        };

        let daemon = if f.journald {
            pass(&DAEMON, "systemd-journald records events")
        } else if let Some((name, source)) = f.syslog.first() {
            pass(&DAEMON, format!("{name} is started")).with_evidence(source.evidence())
        } else {
            fail(
                &DAEMON,
                "LOG-NO-DAEMON",
                "no logging daemon (journald, rsyslog, syslog-ng, BusyBox syslogd)",
            )
        };

        let storage_value = f
            .journald_conf
            .get("Storage")
            .map(|l| l.value.to_ascii_lowercase());
        let journald_persistent = f.journald
            && match storage_value.as_deref() {
                Some("persistent") => true,
                Some("auto") | None => f.journal_dir,
                _ => false,
            };
        let has_syslog_files = f.syslog.iter().any(|(n, _)| *n != "busybox-syslogd");
        let storage = if journald_persistent {
            let limit = f
                .journald_conf
                .get("SystemMaxUse")
                .map_or("default 10% of the file system".to_owned(), |l| {
                    format!("SystemMaxUse={}", l.value)
                });
            let r = pass(
                &STORAGE,
                format!("journald stores persistently, bounded by {limit}"),
            );
            ["Storage", "SystemMaxUse"]
                .iter()
                .filter_map(|k| f.journald_conf.get(*k))
                .fold(r, |r, l| r.with_evidence(l.source.evidence()))
        } else if has_syslog_files && f.logrotate {
            pass(
                &STORAGE,
                "syslog files under /var/log are rotated by logrotate",
            )
        } else if let Some(s) = &f.busybox_rotation {
            pass(&STORAGE, "BusyBox syslogd rotates its log (-s/-b)").with_evidence(s.evidence())
        } else {
            let why = if f.journald {
                "journald keeps logs in memory only"
            } else {
                "no bounded, persistent log storage"
            };
            let r = fail(
                &STORAGE,
                "LOG-STORAGE-UNMANAGED",
                "logs are lost at reboot or can grow without bound",
            )
            .with_detail(why);
            match f.journald_conf.get("Storage") {
                Some(l) => r.with_evidence(l.source.evidence()),
                None => r,
            }
        };

        let auditd_action = |key: &str| f.auditd.as_ref().and_then(|a| a.get(key));
        let threshold = match (
            auditd_action("space_left"),
            auditd_action("space_left_action"),
        ) {
            (Some(_), Some(a))
                if !matches!(a.value.to_ascii_lowercase().as_str(), "ignore" | "") =>
            {
                pass(
                    &THRESHOLD,
                    format!("auditd space_left_action = {}", a.value),
                )
                .with_evidence(a.source.evidence())
            }
            (_, Some(a)) => fail(
                &THRESHOLD,
                "AUDITD-NO-THRESHOLD-WARNING",
                "auditd ignores low audit storage",
            )
            .with_detail(format!("space_left_action = {}", a.value))
            .with_evidence(a.source.evidence()),
            _ if f.auditd.is_some() => fail(
                &THRESHOLD,
                "AUDITD-NO-THRESHOLD-WARNING",
                "auditd has no space_left threshold action",
            ),
            _ => fail(
                &THRESHOLD,
                "LOG-NO-THRESHOLD-WARNING",
                "nothing warns when audit storage runs low (no auditd)",
            ),
        };

        let failure = if let Some(a) = &f.auditd {
            let keys = [
                "admin_space_left_action",
                "disk_full_action",
                "disk_error_action",
            ];
            let ignored: Vec<_> = keys
                .iter()
                .filter_map(|k| a.get(*k).filter(|l| l.value.eq_ignore_ascii_case("ignore")))
                .collect();
            let missing: Vec<_> = keys.iter().filter(|k| !a.contains_key(**k)).collect();
            if ignored.is_empty() {
                let r = pass(&FAILURE, "auditd acts on full or failing audit storage");
                let r = if missing.is_empty() {
                    r
                } else {
                    r.with_detail(format!(
                        "auditd defaults (SUSPEND) for {}",
                        missing.iter().map(|k| **k).collect::<Vec<_>>().join(", ")
                    ))
                };
                keys.iter()
                    .filter_map(|k| a.get(*k))
                    .fold(r, |r, l| r.with_evidence(l.source.evidence()))
            } else {
                ignored.iter().fold(
                    fail(
                        &FAILURE,
                        "AUDITD-IGNORES-FAILURES",
                        "auditd ignores full or failing audit storage",
                    ),
                    |r, l| r.with_evidence(l.source.evidence()),
                )
            }
        } else if journald_persistent {
            pass(
                &FAILURE,
                "journald drops its oldest entries when its limit is reached",
            )
        } else if has_syslog_files && f.logrotate {
            pass(&FAILURE, "logrotate drops the oldest rotated logs")
        } else if f.busybox_rotation.is_some() {
            pass(&FAILURE, "BusyBox syslogd drops its oldest rotated log")
        } else {
            fail(
                &FAILURE,
                "LOG-NO-FAILURE-RESPONSE",
                "nothing defines what happens when log storage fails or fills up",
            )
        };
        vec![
            or_unread(&DAEMON, daemon),
            or_unread(&STORAGE, storage),
            or_unread(&THRESHOLD, threshold),
            or_unread(&FAILURE, failure),
        ]
    }
}
