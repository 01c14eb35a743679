//! Gathers the [`Inventory`]: `/etc/os-release`, the kernel release, the dpkg, opkg and rpm
//! databases, and, when there is no package database (or when asked), every executable in
//! the binary directories with its SHA-256.
//!
//! - dpkg: `/var/lib/dpkg/status` and `/var/lib/dpkg/status.d/*` (distroless images);
//! - opkg: `/var/lib/opkg/status`, `/usr/lib/opkg/status` (Yocto, OpenWrt);
//! - rpm: `/var/lib/rpm/rpmdb.sqlite` and `/usr/lib/sysimage/rpm/rpmdb.sqlite` (see
//!   [`rpmdb`](super::rpmdb)); the BerkeleyDB (`Packages`) and NDB (`Packages.db`) formats
//!   are recognised and noted, not read.
//!
//! Guarantees: reads through [`Target`] only, within its read limits; a stanza that cannot
//! be parsed is counted (by line) rather than guessed at; the executable listing is bounded
//! by [`super::elf::BinaryLimits`] and notes when a limit was hit.

use crate::inventory::{
    Executable, Inventory, KernelRelease, OsRelease, Package, PackageDatabase, PackageManager,
};
use crate::probe::elf::{BinaryLimits, ElfFacts};
use crate::target::{FileContent, Target};

/// When executables are listed with their hashes.
///
/// ```
/// assert_eq!(otcheck::probe::inventory::ListExecutables::default(), otcheck::probe::inventory::ListExecutables::WithoutPackageDatabase);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum ListExecutables {
    /// Never (the audit's inventory check only needs the package database).
    Never,
    /// Only when no package database was found (default).
    #[default]
    WithoutPackageDatabase,
    /// Always.
    Always,
}

/// What to collect.
///
/// ```
/// let o = otcheck::inventory::InventoryOptions::default();
/// assert!(o.executable_dirs.iter().any(|d| d == "/usr/bin"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct InventoryOptions {
    /// When to list executables.
    pub list_executables: ListExecutables,
    /// Where executables are looked for.
    pub executable_dirs: Vec<String>,
    /// Bounds on the executable listing.
    pub limits: BinaryLimits,
}

impl Default for InventoryOptions {
    fn default() -> Self {
        Self {
            list_executables: ListExecutables::default(),
            executable_dirs: [
                "/usr/bin",
                "/usr/sbin",
                "/usr/local/bin",
                "/usr/local/sbin",
                "/bin",
                "/sbin",
                "/usr/libexec",
                "/opt",
            ]
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
            limits: BinaryLimits::default(),
        }
    }
}

/// Collects the inventory of `target`.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = tempfile::tempdir()?;
/// std::fs::create_dir_all(dir.path().join("var/lib/opkg"))?;
/// std::fs::write(dir.path().join("var/lib/opkg/status"), "Package: busybox\nVersion: 1.36.1-r0\nStatus: install user installed\nArchitecture: cortexa9hf-neon\n")?;
/// let target = otcheck::target::Target::rootfs(dir.path())?;
/// let inv = otcheck::inventory::collect(&target, &Default::default());
/// assert_eq!(inv.packages[0].name, "busybox");
/// assert!(inv.executables.is_empty(), "a package database was found");
/// # Ok(()) }
/// ```
#[must_use]
pub fn collect(target: &Target, options: &InventoryOptions) -> Inventory {
    let mut inv = Inventory {
        target: target.identifier().to_owned(),
        ..Inventory::default()
    };
    inv.os = os_release(target, &mut inv.notes);
    inv.kernels = kernels(target);
    for (manager, path) in [
        (PackageManager::Dpkg, "/var/lib/dpkg/status"),
        (PackageManager::Opkg, "/var/lib/opkg/status"),
        (PackageManager::Opkg, "/usr/lib/opkg/status"),
    ] {
        read_stanza_db(target, manager, path, &mut inv);
    }
    if let Ok(entries) = target.read_dir("/var/lib/dpkg/status.d") {
        for e in entries.into_iter().take(10_000) {
            let path = format!("/var/lib/dpkg/status.d/{}", e.name.to_string_lossy());
            read_stanza_db(target, PackageManager::Dpkg, &path, &mut inv);
        }
    }
    for dir in ["/var/lib/rpm", "/usr/lib/sysimage/rpm"] {
        rpm(target, dir, &mut inv);
    }
    inv.packages.sort();
    inv.packages.dedup();
    let list = match options.list_executables {
        ListExecutables::Never => false,
        ListExecutables::WithoutPackageDatabase => inv.databases.is_empty(),
        ListExecutables::Always => true,
    };
    if list {
        let mut facts = ElfFacts::default();
        let mut found = Vec::new();
        super::elf::for_each_candidate(
            target,
            &options.executable_dirs,
            &[],
            &options.limits,
            |_, m| m.mode & 0o111 != 0,
            &mut facts,
            |file: FileContent, _| {
                found.push(Executable {
                    path: file.path,
                    sha256: file.sha256,
                    size: file.metadata.size,
                });
            },
        );
        found.sort();
        inv.executables = found;
        if let Some(why) = facts.incomplete_reason() {
            inv.notes
                .push(format!("executable listing incomplete: {why}"));
        }
    }
    inv
}

fn os_release(target: &Target, notes: &mut Vec<String>) -> Option<OsRelease> {
    for path in ["/etc/os-release", "/usr/lib/os-release"] {
        let file = match target.read_file(path) {
            Ok(f) => f,
            Err(e) if e.is_not_found() => continue,
            Err(e) => {
                notes.push(e.to_string());
                continue;
            }
        };
        let text = file.text();
        let mut os = OsRelease {
            path: file.path.clone(),
            ..OsRelease::default()
        };
        for line in super::config_lines(&text, '#') {
            let Some((key, value)) = line.text.split_once('=') else {
                continue;
            };
            let value = super::config_text::unquote(value.trim()).to_owned();
            match key.trim() {
                "ID" => os.id = value,
                "NAME" => os.name = Some(value),
                "VERSION_ID" => os.version_id = Some(value),
                "VERSION" => os.version = Some(value),
                "PRETTY_NAME" => os.pretty_name = Some(value),
                "BUILD_ID" => os.build_id = Some(value),
                _ => {}
            }
        }
        if os.id.is_empty() {
            os.id = "linux".to_owned(); // the os-release default
        }
        return Some(os);
    }
    None
}

fn kernels(target: &Target) -> Vec<KernelRelease> {
    if target.is_live()
        && let Ok(f) = target.read_file("/proc/sys/kernel/osrelease")
    {
        let release = f.text().trim().to_owned();
        if !release.is_empty() {
            return vec![KernelRelease {
                release,
                source: f.path,
            }];
        }
    }
    let mut out: Vec<KernelRelease> = Vec::new();
    for dir in ["/lib/modules", "/usr/lib/modules"] {
        if let Ok(entries) = target.read_dir(dir) {
            for e in entries.into_iter().take(64) {
                let release = e.name.to_string_lossy().into_owned();
                if !out.iter().any(|k| k.release == release) {
                    out.push(KernelRelease {
                        source: format!("{dir}/{release}"),
                        release,
                    });
                }
            }
        }
    }
    if out.is_empty()
        && let Ok(entries) = target.read_dir("/boot")
    {
        for e in entries.into_iter().take(500) {
            let name = e.name.to_string_lossy().into_owned();
            let release = ["vmlinuz-", "vmlinux-", "zImage-", "Image-", "uImage-"]
                .iter()
                .find_map(|p| name.strip_prefix(p));
            if let Some(release) = release.filter(|r| !r.is_empty())
                && !out.iter().any(|k| k.release == release)
            {
                out.push(KernelRelease {
                    release: release.to_owned(),
                    source: format!("/boot/{name}"),
                });
            }
        }
    }
    out
}

/// One stanza's fields, in order.
type Stanza<'a> = Vec<(&'a str, String)>;

/// Splits RFC 822-style control text into stanzas with the line each starts on; lines that
/// are neither `Field: value` nor a continuation are reported by number.
pub(crate) fn stanzas(text: &str) -> (Vec<(u32, Stanza<'_>)>, Vec<u32>) {
    let mut out: Vec<(u32, Stanza<'_>)> = Vec::new();
    let mut bad = Vec::new();
    let mut current: Option<(u32, Stanza<'_>)> = None;
    for (i, line) in text.lines().enumerate() {
        let number = u32::try_from(i.saturating_add(1)).unwrap_or(u32::MAX);
        if line.trim().is_empty() {
            if let Some(s) = current.take() {
                out.push(s);
            }
            continue;
        }
        if line.starts_with([' ', '\t']) {
            // Continuation of a multi-line field (Description, Conffiles): not needed.
            if current.is_none() {
                bad.push(number);
            }
            continue;
        }
        match line.split_once(':') {
            Some((field, value)) if !field.is_empty() && !field.contains(' ') => {
                current
                    .get_or_insert_with(|| (number, Vec::new()))
                    .1
                    .push((field, value.trim().to_owned()));
            }
            _ => bad.push(number),
        }
    }
    if let Some(s) = current {
        out.push(s);
    }
    (out, bad)
}

fn field<'s>(stanza: &'s Stanza<'_>, name: &str) -> Option<&'s str> {
    stanza
        .iter()
        .find(|(f, _)| f.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn read_stanza_db(target: &Target, manager: PackageManager, path: &str, inv: &mut Inventory) {
    let file = match target.read_file(path) {
        Ok(f) => f,
        Err(e) if e.is_not_found() => return,
        Err(e) => {
            inv.notes.push(e.to_string());
            return;
        }
    };
    let text = file.text();
    let (stanzas, mut unparsed) = stanzas(&text);
    let mut db = PackageDatabase {
        manager,
        path: file.path.clone(),
        sha256: file.sha256.clone(),
        packages: 0,
        unparsed: Vec::new(),
        broken: Vec::new(),
    };
    for (line, s) in &stanzas {
        // Distroless `status.d` entries may leave out the status: present means installed.
        let status = field(s, "Status").or_else(|| {
            path.starts_with("/var/lib/dpkg/status.d/")
                .then_some("install ok installed")
        });
        let (Some(name), Some(status)) = (field(s, "Package"), status) else {
            unparsed.push(*line);
            continue;
        };
        // `want flag state`: only `installed` is a clean installation; `config-files` and
        // `not-installed` are not installed at all; the rest are half-done operations.
        let state = status.split_whitespace().nth(2).unwrap_or("");
        let flag = status.split_whitespace().nth(1).unwrap_or("ok");
        match state {
            "config-files" | "not-installed" => continue,
            "installed" if flag == "ok" || flag == "user" => {}
            _ => db.broken.push(format!("{name} ({status})")),
        }
        let Some(version) = field(s, "Version") else {
            unparsed.push(*line);
            continue;
        };
        let source_package = field(s, "Source")
            .map(|src| src.split_whitespace().next().unwrap_or(src).to_owned())
            .filter(|src| src != name);
        inv.packages.push(Package {
            manager,
            name: name.to_owned(),
            version: version.to_owned(),
            arch: field(s, "Architecture").map(str::to_owned),
            source_package,
            status: status.to_owned(),
            license: field(s, "License").map(str::to_owned),
        });
        db.packages = db.packages.saturating_add(1);
    }
    unparsed.sort_unstable();
    db.unparsed = unparsed;
    inv.databases.push(db);
}

fn rpm(target: &Target, dir: &str, inv: &mut Inventory) {
    let sqlite = format!("{dir}/rpmdb.sqlite");
    match target.read_file_limited(&sqlite, 512 << 20) {
        Ok(file) => {
            let mut db = PackageDatabase {
                manager: PackageManager::Rpm,
                path: file.path.clone(),
                sha256: file.sha256.clone(),
                packages: 0,
                unparsed: Vec::new(),
                broken: Vec::new(),
            };
            match super::rpmdb::packages(&file.bytes) {
                Ok(read) => {
                    for (index, header) in read.into_iter().enumerate() {
                        match header {
                            Some(p) => {
                                inv.packages.push(p);
                                db.packages = db.packages.saturating_add(1);
                            }
                            None => db
                                .unparsed
                                .push(u32::try_from(index.saturating_add(1)).unwrap_or(u32::MAX)),
                        }
                    }
                    inv.databases.push(db);
                }
                Err(why) => inv.notes.push(format!("{sqlite}: {why}")),
            }
            return;
        }
        Err(e) if e.is_not_found() => {}
        Err(e) => {
            inv.notes.push(e.to_string());
            return;
        }
    }
    for (name, format) in [("Packages", "BerkeleyDB"), ("Packages.db", "NDB")] {
        let path = format!("{dir}/{name}");
        if target.exists(&path) {
            inv.notes.push(format!(
                "{path}: rpm database in {format} format, which otcheck does not read"
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::stanzas;

    #[test]
    fn stanzas_split_on_blank_lines_and_report_garbage_by_line() {
        let (s, bad) = stanzas(
            "Package: a\nStatus: install ok installed\nDescription: x\n more\n\n\ngarbage\nPackage: b\n",
        );
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].0, 1);
        assert_eq!(s[1].0, 8);
        assert_eq!(bad, [7]);
    }
}
