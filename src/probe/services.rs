//! Enabled services and consoles: systemd `*.wants`/`*.requires` links under
//! `/etc/systemd/system`, SysV `rc?.d/S*` links, BusyBox/Buildroot `/etc/init.d/S??*`
//! scripts (run by `rcS`), `/etc/inittab` entries and `/etc/inetd.conf`.
//!
//! Guarantees: only what the target's own start-up configuration enables is listed (no
//! package database is consulted); masked units (links to `/dev/null`) are not enabled.
//! Nothing found is executed; links are read, never followed out of the root.

use std::collections::BTreeMap;

use crate::target::{FileKind, ReadError, Target};

use super::{Source, config_lines};

/// How a service is started.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Starter {
    /// A systemd unit link.
    Systemd,
    /// A SysV `rc?.d` link.
    SysV,
    /// A BusyBox/Buildroot `/etc/init.d/S??*` script.
    InitScript,
    /// An `/etc/inittab` entry.
    Inittab,
    /// An `/etc/inetd.conf` entry.
    Inetd,
}

/// One enabled service.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Service {
    /// Its name: unit name without `.service`, script name without `S50`, inetd service.
    pub name: String,
    /// How it is started.
    pub starter: Starter,
    /// Where it is enabled.
    pub source: Source,
}

/// An `/etc/inittab` entry (`id:runlevels:action:process`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct InittabEntry {
    /// The id (BusyBox: the tty, e.g. `ttyS0` or `console`; empty for the console).
    pub id: String,
    /// The action (`respawn`, `askfirst`, `sysinit`…).
    pub action: String,
    /// The command.
    pub process: String,
    /// Where.
    pub source: Source,
}

/// What the target starts.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct Services {
    /// Enabled services, sorted by name.
    pub enabled: Vec<Service>,
    /// `/etc/inittab` entries.
    pub inittab: Vec<InittabEntry>,
    /// Drop-in lines in `/etc/systemd/system/*getty*.service.d/*.conf` that mention
    /// `autologin`.
    pub getty_autologin: Vec<Source>,
    /// Places that exist but could not be read.
    pub unreadable: Vec<ReadError>,
}

impl Services {
    /// Whether a service whose name is one of `names` is enabled.
    ///
    /// ```
    /// assert!(!otcheck::probe::services::Services::default().is_enabled(&["chrony"]));
    /// ```
    #[must_use]
    pub fn is_enabled(&self, names: &[&str]) -> bool {
        self.find(names).is_some()
    }

    /// The first enabled service whose name is one of `names`.
    ///
    /// ```
    /// assert!(otcheck::probe::services::Services::default().find(&["sshd"]).is_none());
    /// ```
    #[must_use]
    pub fn find(&self, names: &[&str]) -> Option<&Service> {
        self.enabled
            .iter()
            .find(|s| names.contains(&s.name.as_str()))
    }
}

fn listing(target: &Target, dir: &str, unreadable: &mut Vec<ReadError>) -> Vec<(String, FileKind)> {
    match target.read_dir(dir) {
        Ok(entries) => entries
            .into_iter()
            .filter_map(|e| e.name.into_string().ok().map(|n| (n, e.kind)))
            .collect(),
        Err(e) if e.is_not_found() || matches!(e, ReadError::NotADirectory { .. }) => Vec::new(),
        Err(e) => {
            unreadable.push(e);
            Vec::new()
        }
    }
}

/// Lists what the target enables at boot.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = tempfile::tempdir()?;
/// std::fs::create_dir_all(dir.path().join("etc/systemd/system/multi-user.target.wants"))?;
/// std::os::unix::fs::symlink("/lib/systemd/system/ssh.service",
///     dir.path().join("etc/systemd/system/multi-user.target.wants/ssh.service"))?;
/// let target = otcheck::target::Target::rootfs(dir.path())?;
/// assert!(otcheck::probe::services::probe(&target).is_enabled(&["ssh"]));
/// # Ok(()) }
/// ```
#[must_use]
pub fn probe(target: &Target) -> Services {
    let mut out = Services::default();
    let mut enabled: BTreeMap<(String, Starter), Source> = BTreeMap::new();
    let systemd = "/etc/systemd/system";
    for (dir, kind) in listing(target, systemd, &mut out.unreadable) {
        if kind != FileKind::Directory {
            continue;
        }
        if dir.ends_with(".wants") || dir.ends_with(".requires") {
            let path = format!("{systemd}/{dir}");
            for (unit, _) in listing(target, &path, &mut out.unreadable) {
                let link = format!("{path}/{unit}");
                let masked = target
                    .read_link(&link)
                    .is_ok_and(|t| t.as_os_str() == "/dev/null");
                if masked {
                    continue;
                }
                let name = unit.strip_suffix(".service").unwrap_or(&unit).to_owned();
                let excerpt = target
                    .read_link(&link)
                    .map(|t| format!("{unit} -> {}", t.display()))
                    .unwrap_or(unit.clone());
                enabled
                    .entry((name, Starter::Systemd))
                    .or_insert(Source::new(link, 0, excerpt, ""));
            }
        } else if (dir.contains("getty") && dir.ends_with(".service.d"))
            || dir == "getty@.service.d"
        {
            let path = format!("{systemd}/{dir}");
            for (conf, _) in listing(target, &path, &mut out.unreadable) {
                if let Ok(file) = target.read_file(format!("{path}/{conf}")) {
                    let text = file.text();
                    for line in config_lines(&text, '#') {
                        if line.text.contains("autologin") {
                            out.getty_autologin.push(Source::at(&file, &line));
                        }
                    }
                }
            }
        }
    }
    for rc in ["rc2.d", "rc3.d", "rc4.d", "rc5.d", "rcS.d"] {
        let dir = format!("/etc/{rc}");
        for (name, _) in listing(target, &dir, &mut out.unreadable) {
            if let Some(service) = strip_sequence(&name) {
                enabled
                    .entry((service.to_owned(), Starter::SysV))
                    .or_insert(Source::new(format!("{dir}/{name}"), 0, name.clone(), ""));
            }
        }
    }
    if target.exists("/etc/init.d/rcS") {
        for (name, kind) in listing(target, "/etc/init.d", &mut out.unreadable) {
            if kind == FileKind::Directory {
                continue;
            }
            if let Some(service) = strip_sequence(&name) {
                enabled
                    .entry((service.to_owned(), Starter::InitScript))
                    .or_insert(Source::new(
                        format!("/etc/init.d/{name}"),
                        0,
                        name.clone(),
                        "",
                    ));
            }
        }
    }
    match target.read_file("/etc/inittab") {
        Ok(file) => {
            let text = file.text();
            for line in config_lines(&text, '#') {
                let mut fields = line.text.splitn(4, ':');
                if let (Some(id), Some(_), Some(action), Some(process)) =
                    (fields.next(), fields.next(), fields.next(), fields.next())
                {
                    out.inittab.push(InittabEntry {
                        id: id.to_owned(),
                        action: action.to_owned(),
                        process: process.trim().to_owned(),
                        source: Source::at(&file, &line),
                    });
                    if let Some(daemon) = process.split_whitespace().next() {
                        let base = daemon
                            .trim_start_matches('-')
                            .rsplit('/')
                            .next()
                            .unwrap_or(daemon);
                        if matches!(
                            action,
                            "respawn" | "once" | "sysinit" | "wait" | "boot" | "bootwait"
                        ) {
                            enabled
                                .entry((base.to_owned(), Starter::Inittab))
                                .or_insert(Source::at(&file, &line));
                        }
                    }
                }
            }
        }
        Err(e) if e.is_not_found() => {}
        Err(e) => out.unreadable.push(e),
    }
    match target.read_file("/etc/inetd.conf") {
        Ok(file) => {
            let text = file.text();
            for line in config_lines(&text, '#') {
                if let Some(service) = line.text.split_whitespace().next() {
                    enabled
                        .entry((service.to_owned(), Starter::Inetd))
                        .or_insert(Source::at(&file, &line));
                }
            }
        }
        Err(e) if e.is_not_found() => {}
        Err(e) => out.unreadable.push(e),
    }
    out.enabled = enabled
        .into_iter()
        .map(|((name, starter), source)| Service {
            name,
            starter,
            source,
        })
        .collect();
    out
}

/// `S50dropbear` → `dropbear`; `None` for anything not an `S` start link.
fn strip_sequence(name: &str) -> Option<&str> {
    let rest = name.strip_prefix('S')?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let service = rest.get(digits..)?;
    (!service.is_empty()).then_some(service)
}
