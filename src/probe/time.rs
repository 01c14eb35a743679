//! Time synchronisation clients: chrony, systemd-timesyncd, ntpd (classic and NTPsec) and
//! BusyBox `ntpd`, with the servers each is configured to use.
//!
//! Guarantees: a client counts only if its configuration is present *and* the target starts
//! it (from [`Services`]); servers are read from the client's own configuration files.

use crate::target::{ReadError, Target};

use super::services::Services;
use super::{Source, config_lines, expand_glob};

/// One configured time client.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TimeClient {
    /// `chrony`, `systemd-timesyncd`, `ntpd` or `busybox-ntpd`.
    pub name: &'static str,
    /// Whether the target starts it.
    pub enabled: bool,
    /// Configured servers/pools, each with its line; empty for a compiled-in default.
    pub servers: Vec<Source>,
    /// Where it is enabled, if it is.
    pub enabled_by: Option<Source>,
}

/// The time synchronisation facts.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct TimeSync {
    /// Clients with configuration present.
    pub clients: Vec<TimeClient>,
    /// Files that exist but could not be read.
    pub unreadable: Vec<ReadError>,
}

fn server_lines(
    target: &Target,
    paths: &[&str],
    keywords: &[&str],
    unreadable: &mut Vec<ReadError>,
) -> Option<Vec<Source>> {
    let mut found_file = false;
    let mut servers = Vec::new();
    for path in paths {
        let expanded = match expand_glob(target, path) {
            Ok(p) => p,
            Err(e) => {
                unreadable.push(e);
                continue;
            }
        };
        for path in expanded {
            let Some(file) = target.read_optional(&path, unreadable) else {
                continue;
            };
            found_file = true;
            let text = file.text();
            for line in config_lines(&text, '#') {
                let (key, value) = line.key_value();
                if keywords.iter().any(|k| k.eq_ignore_ascii_case(key)) && !value.is_empty() {
                    servers.push(Source::at(&file, &line));
                }
            }
        }
    }
    found_file.then_some(servers)
}

/// Finds the time clients the target has and starts.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = tempfile::tempdir()?;
/// std::fs::create_dir_all(dir.path().join("etc/chrony"))?;
/// std::fs::write(dir.path().join("etc/chrony/chrony.conf"), "pool 2.debian.pool.ntp.org iburst\n")?;
/// let target = otcheck::target::Target::rootfs(dir.path())?;
/// let services = otcheck::probe::services::probe(&target);
/// let time = otcheck::probe::time::probe(&target, &services);
/// assert_eq!(time.clients[0].servers.len(), 1);
/// assert!(!time.clients[0].enabled);
/// # Ok(()) }
/// ```
#[must_use]
pub fn probe(target: &Target, services: &Services) -> TimeSync {
    let mut out = TimeSync::default();
    let enabled = |names: &[&str]| services.find(names).map(|s| s.source.clone());
    if let Some(servers) = server_lines(
        target,
        &[
            "/etc/chrony/chrony.conf",
            "/etc/chrony.conf",
            "/etc/chrony/conf.d/*.conf",
            "/etc/chrony/sources.d/*.sources",
        ],
        &["server", "pool", "peer", "refclock"],
        &mut out.unreadable,
    ) {
        let by = enabled(&["chrony", "chronyd"]);
        out.clients.push(TimeClient {
            name: "chrony",
            enabled: by.is_some(),
            servers,
            enabled_by: by,
        });
    }
    let timesyncd_binary = [
        "/lib/systemd/systemd-timesyncd",
        "/usr/lib/systemd/systemd-timesyncd",
    ]
    .iter()
    .any(|p| target.exists(p));
    let timesyncd_conf = server_lines(
        target,
        &[
            "/etc/systemd/timesyncd.conf",
            "/etc/systemd/timesyncd.conf.d/*.conf",
        ],
        &["NTP", "FallbackNTP"],
        &mut out.unreadable,
    );
    if timesyncd_binary || timesyncd_conf.is_some() {
        let by = enabled(&["systemd-timesyncd"]);
        out.clients.push(TimeClient {
            name: "systemd-timesyncd",
            enabled: by.is_some(),
            servers: timesyncd_conf.unwrap_or_default(),
            enabled_by: by,
        });
    }
    let ntp_conf = server_lines(
        target,
        &["/etc/ntp.conf", "/etc/ntpsec/ntp.conf"],
        &["server", "pool", "peer"],
        &mut out.unreadable,
    );
    let busybox_script = enabled(&["ntp", "ntpd", "busybox-ntpd"])
        .filter(|s| s.path.starts_with("/etc/init.d/S") || s.path == "/etc/inittab");
    if let Some(by) = busybox_script {
        // BusyBox ntpd reads /etc/ntp.conf or takes `-p server` on its command line.
        let mut servers = ntp_conf.clone().unwrap_or_default();
        if let Ok(file) = target.read_file(&by.path) {
            let text = file.text();
            for line in config_lines(&text, '#') {
                if line.text.contains("ntpd") && line.text.contains("-p") {
                    servers.push(Source::at(&file, &line));
                }
            }
        }
        out.clients.push(TimeClient {
            name: "busybox-ntpd",
            enabled: true,
            servers,
            enabled_by: Some(by),
        });
    } else if let Some(servers) = ntp_conf {
        let by = enabled(&["ntp", "ntpd", "ntpsec"]);
        out.clients.push(TimeClient {
            name: "ntpd",
            enabled: by.is_some(),
            servers,
            enabled_by: by,
        });
    }
    out
}
