//! Logging: rsyslog, syslog-ng, systemd-journald (storage and limits), BusyBox `syslogd`,
//! logrotate, and auditd's space and failure actions.
//!
//! Guarantees: a daemon counts only when the target has it (binary or configuration) and,
//! for rsyslog/syslog-ng/BusyBox, starts it; `journald.conf` drop-ins override the main file
//! in name order, as journald applies them.

use std::collections::BTreeMap;

use crate::target::{ReadError, Target};

use super::services::Services;
use super::{Located, Source, config_lines, expand_glob};

/// The logging facts.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct Logging {
    /// systemd-journald is installed.
    pub journald: bool,
    /// `[Journal]` settings, drop-ins applied.
    pub journald_conf: BTreeMap<String, Located<String>>,
    /// `/var/log/journal` exists (persistent storage under `Storage=auto`).
    pub journal_dir: bool,
    /// Enabled syslog daemons: `rsyslog`, `syslog-ng`, `busybox-syslogd`, with where.
    pub syslog: Vec<(&'static str, Source)>,
    /// BusyBox `syslogd` rotation options (`-s`/`-b`) seen on its command line.
    pub busybox_rotation: Option<Source>,
    /// `/etc/logrotate.conf` exists.
    pub logrotate: bool,
    /// `/etc/audit/auditd.conf` settings, if the file exists.
    pub auditd: Option<BTreeMap<String, Located<String>>>,
    /// Files that exist but could not be read.
    pub unreadable: Vec<ReadError>,
}

/// Collects the logging facts.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = tempfile::tempdir()?;
/// std::fs::create_dir_all(dir.path().join("etc/audit"))?;
/// std::fs::write(dir.path().join("etc/audit/auditd.conf"), "disk_full_action = HALT\n")?;
/// let target = otcheck::target::Target::rootfs(dir.path())?;
/// let services = otcheck::probe::services::probe(&target);
/// let logging = otcheck::probe::logging::probe(&target, &services);
/// assert_eq!(logging.auditd.unwrap()["disk_full_action"].value, "HALT");
/// # Ok(()) }
/// ```
#[must_use]
pub fn probe(target: &Target, services: &Services) -> Logging {
    let mut out = Logging {
        journald: [
            "/lib/systemd/systemd-journald",
            "/usr/lib/systemd/systemd-journald",
        ]
        .iter()
        .any(|p| target.exists(p)),
        ..Logging::default()
    };
    let mut journald_files = vec!["/etc/systemd/journald.conf".to_owned()];
    match expand_glob(target, "/etc/systemd/journald.conf.d/*.conf") {
        Ok(p) => journald_files.extend(p),
        Err(e) => out.unreadable.push(e),
    }
    for path in journald_files {
        super::read_settings(target, &path, &mut out.journald_conf, &mut out.unreadable);
    }
    out.journal_dir = target
        .stat("/var/log/journal")
        .is_ok_and(|m| m.kind == crate::target::FileKind::Directory);
    if let Some(s) = services.find(&["rsyslog", "rsyslogd"]) {
        out.syslog.push(("rsyslog", s.source.clone()));
    }
    if let Some(s) = services.find(&["syslog-ng"]) {
        out.syslog.push(("syslog-ng", s.source.clone()));
    }
    if let Some(s) = services.find(&["syslogd", "logging", "sysklogd", "busybox-syslogd"]) {
        out.syslog.push(("busybox-syslogd", s.source.clone()));
        let mut candidates = vec![s.source.path.clone()];
        candidates.push("/etc/default/busybox-syslog".to_owned());
        for path in candidates {
            if let Ok(file) = target.read_file(&path) {
                let text = file.text();
                for line in config_lines(&text, '#') {
                    let rotation = line.text.split_whitespace().any(|w| {
                        let w = w.trim_matches(|c| c == '"' || c == '\'');
                        w.starts_with("-s")
                            || w.starts_with("-b")
                            || w.contains("SYSLOG_OPTS=") && (w.contains("-s") || w.contains("-b"))
                    });
                    if rotation && out.busybox_rotation.is_none() {
                        out.busybox_rotation = Some(Source::at(&file, &line));
                    }
                }
            }
        }
    }
    out.logrotate = target.exists("/etc/logrotate.conf");
    let mut auditd = BTreeMap::new();
    if super::read_settings(
        target,
        "/etc/audit/auditd.conf",
        &mut auditd,
        &mut out.unreadable,
    ) {
        out.auditd = Some(auditd);
    }
    out
}
