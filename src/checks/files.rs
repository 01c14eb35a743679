//! File-permission checks over the whole target: unexpected setuid/setgid programs,
//! world-writable files, world-writable directories without the sticky bit.
//!
//! Evidences CR 2.1 (authorization enforcement) and CCSC 3 (least privilege). A walk that
//! stopped early can still fail a check, but never passes one.

use otcheck_core::catalog::ids;
use otcheck_core::{CheckId, CheckInfo};

use crate::probe::setid;
use crate::report::{CheckRecord, Evidence, OutcomeKind};

use super::{Context, HostCheck, fail, list, pass, unreadable};

static SETID: CheckInfo = CheckInfo::new(
    CheckId::new("files.setuid"),
    "Only expected programs are setuid or setgid",
    &[ids::CR_2_1, ids::CCSC_3],
);
static WW_FILES: CheckInfo = CheckInfo::new(
    CheckId::new("files.world-writable"),
    "No file is writable by every user",
    &[ids::CR_2_1, ids::CCSC_3],
);
static WW_DIRS: CheckInfo = CheckInfo::new(
    CheckId::new("files.sticky-directories"),
    "World-writable directories have the sticky bit",
    &[ids::CR_2_1, ids::CCSC_3],
);

/// Setuid/setgid programs that are expected on a Linux system.
const EXPECTED_SETID: [&str; 35] = [
    "su",
    "sudo",
    "passwd",
    "chsh",
    "chfn",
    "newgrp",
    "gpasswd",
    "chage",
    "expiry",
    "mount",
    "umount",
    "ping",
    "ping6",
    "pkexec",
    "unix_chkpwd",
    "ssh-keysign",
    "dbus-daemon-launch-helper",
    "fusermount",
    "fusermount3",
    "crontab",
    "wall",
    "write",
    "polkit-agent-helper-1",
    "Xorg.wrap",
    "mount.nfs",
    "at",
    "newuidmap",
    "newgidmap",
    "pam_timestamp_check",
    "bsd-write",
    "ssh-agent",
    "utempter",
    "dotlockfile",
    "plocate",
    "mlocate",
];

static GROUP: [&CheckInfo; 3] = [&SETID, &WW_FILES, &WW_DIRS];
/// The file-permission check group.
#[derive(Debug)]
pub(crate) struct Files;

impl HostCheck for Files {
    fn name(&self) -> &'static str {
        "files"
    }

    fn checks(&self) -> &'static [&'static CheckInfo] {
        &GROUP
    }

    fn run(&self, ctx: &Context<'_>) -> Vec<CheckRecord> {
        let facts = match setid::probe(ctx.target, &ctx.walk) {
            Ok(f) => f,
            Err(e) => return self.checks().iter().map(|i| unreadable(i, &e)).collect(),
        };
        let incomplete = facts.summary.incomplete_reason();
        // `found`: (path, label) pairs.
        let judge = |info: &CheckInfo,
                     code: &str,
                     problem: &str,
                     found: Vec<(String, String)>,
                     ok: String|
         -> CheckRecord {
            if !found.is_empty() {
                let labels: Vec<&str> = found.iter().map(|(_, l)| l.as_str()).collect();
                found.iter().take(20).fold(
                    fail(info, code, problem).with_detail(list(&labels, 20)),
                    |r, (p, _)| r.with_evidence(Evidence::file(p.clone())),
                )
            } else if let Some(why) = &incomplete {
                CheckRecord::new(
                    info,
                    OutcomeKind::NotAssessed,
                    "the file system walk was incomplete",
                )
                .with_detail(why)
            } else {
                pass(info, ok)
            }
        };
        let unexpected: Vec<(String, String)> = facts
            .setid
            .iter()
            .filter(|(p, _)| {
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                !EXPECTED_SETID.contains(&name.as_str())
            })
            .map(|(p, m)| {
                (
                    p.to_string_lossy().into_owned(),
                    format!("{} ({:o})", p.to_string_lossy(), m.mode),
                )
            })
            .collect();
        let paths = |v: &[(std::path::PathBuf, crate::target::Metadata)]| -> Vec<(String, String)> {
            v.iter()
                .map(|(p, m)| {
                    (
                        p.to_string_lossy().into_owned(),
                        format!("{} ({:o})", p.to_string_lossy(), m.mode),
                    )
                })
                .collect()
        };
        let entries = facts.summary.entries;
        vec![
            judge(
                &SETID,
                "FILES-UNEXPECTED-SETID",
                "unexpected setuid/setgid programs",
                unexpected,
                format!(
                    "{} setuid/setgid programs, all expected ({entries} entries walked)",
                    facts.setid.len()
                ),
            ),
            judge(
                &WW_FILES,
                "FILES-WORLD-WRITABLE",
                "files writable by every user",
                paths(&facts.world_writable_files),
                format!("no world-writable file among {entries} entries"),
            ),
            judge(
                &WW_DIRS,
                "FILES-WW-DIR-NO-STICKY",
                "world-writable directories without the sticky bit",
                paths(&facts.world_writable_dirs),
                format!(
                    "every world-writable directory has the sticky bit ({entries} entries walked)"
                ),
            ),
        ]
    }
}
