//! The software inventory of a target (CR 7.8): operating system release, kernel, installed
//! packages from the dpkg, opkg or rpm database, or, where there is none, the executables
//! with their SHA-256; and its rendering as a CycloneDX 1.5 JSON SBOM.
//!
//! [`collect`] gathers it through the [`Target`] (see [`crate::probe::inventory`]);
//! [`Inventory::cyclonedx`] renders it. The SBOM is deterministic for a given inventory and
//! timestamp: components are sorted, `bom-ref`s are unique, and the serial number is a
//! version 5 UUID of the content, so two runs over the same image diff cleanly.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let dir = tempfile::tempdir()?;
//! std::fs::create_dir_all(dir.path().join("etc"))?;
//! std::fs::write(dir.path().join("etc/os-release"), "ID=debian\nVERSION_ID=\"12\"\n")?;
//! let target = otcheck::target::Target::rootfs(dir.path())?;
//! let inventory = otcheck::inventory::collect(&target, &Default::default());
//! let bom = inventory.cyclonedx(std::time::UNIX_EPOCH);
//! assert_eq!(bom["specVersion"], "1.5");
//! assert_eq!(bom["components"][0]["name"], "debian");
//! # Ok(()) }
//! ```

use std::collections::BTreeSet;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

pub use crate::probe::inventory::{InventoryOptions, collect};
#[cfg(doc)]
use crate::target::Target;

/// The package manager a package database belongs to.
///
/// ```
/// assert_eq!(otcheck::inventory::PackageManager::Dpkg.as_str(), "dpkg");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum PackageManager {
    /// Debian's dpkg (`/var/lib/dpkg/status`).
    Dpkg,
    /// opkg/ipkg (Yocto, OpenWrt: `/var/lib/opkg/status`, `/usr/lib/opkg/status`).
    Opkg,
    /// RPM (`/var/lib/rpm/rpmdb.sqlite`).
    Rpm,
}

impl PackageManager {
    /// Its name.
    ///
    /// ```
    /// assert_eq!(otcheck::inventory::PackageManager::Rpm.as_str(), "rpm");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Dpkg => "dpkg",
            Self::Opkg => "opkg",
            Self::Rpm => "rpm",
        }
    }
}

/// `/etc/os-release`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OsRelease {
    /// `ID` (`debian`, `poky`, `buildroot`…).
    pub id: String,
    /// `NAME`.
    pub name: Option<String>,
    /// `VERSION_ID`.
    pub version_id: Option<String>,
    /// `VERSION`.
    pub version: Option<String>,
    /// `PRETTY_NAME`.
    pub pretty_name: Option<String>,
    /// `BUILD_ID`.
    pub build_id: Option<String>,
    /// The file it was read from.
    pub path: String,
}

/// A kernel release found on the target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct KernelRelease {
    /// The release (`6.1.0-18-amd64`).
    pub release: String,
    /// How it was found (`/proc/sys/kernel/osrelease`, `/lib/modules/<release>`…).
    pub source: String,
}

/// One installed package.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Package {
    /// Which database it is from.
    pub manager: PackageManager,
    /// Its name.
    pub name: String,
    /// Its version (for rpm `[epoch:]version-release`).
    pub version: String,
    /// Its architecture.
    pub arch: Option<String>,
    /// The source package it was built from, if different.
    pub source_package: Option<String>,
    /// The database's status words (`install ok installed`).
    pub status: String,
    /// Its licence, where the database records one (rpm).
    pub license: Option<String>,
}

/// A package database that was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PackageDatabase {
    /// The package manager.
    pub manager: PackageManager,
    /// The file.
    pub path: String,
    /// SHA-256 of the file as read.
    pub sha256: String,
    /// Installed packages found.
    pub packages: usize,
    /// Entries that could not be parsed (line or record numbers, 1-based).
    pub unparsed: Vec<u32>,
    /// Packages in a state other than installed and configured (`name (status)`).
    pub broken: Vec<String>,
}

/// An executable listed for want of a package database.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Executable {
    /// Path inside the target.
    pub path: String,
    /// SHA-256 of its contents.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
}

/// The software inventory of one target.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Inventory {
    /// The target's identifier (host name or root directory).
    pub target: String,
    /// The operating system release.
    pub os: Option<OsRelease>,
    /// Kernel releases.
    pub kernels: Vec<KernelRelease>,
    /// Package databases read.
    pub databases: Vec<PackageDatabase>,
    /// Installed packages, sorted.
    pub packages: Vec<Package>,
    /// Executables with their hashes (when there is no package database, or when asked).
    pub executables: Vec<Executable>,
    /// What could not be read, limits hit, formats not understood.
    pub notes: Vec<String>,
}

/// Percent-encodes a purl component (RFC 3986 unreserved characters stay).
fn purl_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl Inventory {
    /// The package URL of a package (`pkg:deb/debian/openssl@3.0.11-1?arch=amd64&distro=debian-12`).
    ///
    /// ```
    /// use otcheck::inventory::{Inventory, Package, PackageManager};
    /// let inv = Inventory::default();
    /// let mut p = otcheck::inventory::Package::new(PackageManager::Dpkg, "libc6", "2.36-9+deb12u4");
    /// p.arch = Some("amd64".into());
    /// assert_eq!(inv.purl(&p), "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64");
    /// ```
    #[must_use]
    pub fn purl(&self, p: &Package) -> String {
        let os_id = self
            .os
            .as_ref()
            .map(|o| o.id.as_str())
            .filter(|s| !s.is_empty());
        let (kind, namespace) = match p.manager {
            PackageManager::Dpkg => ("deb", Some(os_id.unwrap_or("debian"))),
            PackageManager::Rpm => ("rpm", os_id),
            PackageManager::Opkg => ("generic", None),
        };
        let mut purl = format!("pkg:{kind}/");
        if let Some(ns) = namespace {
            purl.push_str(&purl_encode(ns));
            purl.push('/');
        }
        purl.push_str(&purl_encode(&p.name));
        purl.push('@');
        purl.push_str(&purl_encode(&p.version));
        let mut qualifiers = Vec::new();
        if let Some(arch) = &p.arch {
            qualifiers.push(format!("arch={}", purl_encode(arch)));
        }
        if let Some(os) = &self.os
            && let Some(v) = &os.version_id
            && p.manager != PackageManager::Opkg
        {
            qualifiers.push(format!("distro={}", purl_encode(&format!("{}-{v}", os.id))));
        }
        if !qualifiers.is_empty() {
            purl.push('?');
            purl.push_str(&qualifiers.join("&"));
        }
        purl
    }

    /// Renders the inventory as a CycloneDX 1.5 JSON BOM, stamped with `timestamp`.
    ///
    /// The target is `metadata.component` (a `device`); the OS release and each kernel are
    /// `operating-system` components; packages are `library` components with a purl and the
    /// package manager, architecture and source package as `otcheck:` properties; listed
    /// executables are `file` components with their SHA-256.
    ///
    /// ```
    /// let inv = otcheck::inventory::Inventory::default();
    /// let bom = inv.cyclonedx(std::time::UNIX_EPOCH);
    /// assert_eq!(bom["bomFormat"], "CycloneDX");
    /// assert_eq!(bom["metadata"]["timestamp"], "1970-01-01T00:00:00Z");
    /// assert!(bom["serialNumber"].as_str().unwrap().starts_with("urn:uuid:"));
    /// ```
    #[must_use]
    pub fn cyclonedx(&self, timestamp: SystemTime) -> Value {
        let mut refs: BTreeSet<String> = BTreeSet::new();
        let mut unique = |base: String| -> String {
            let mut r = base.clone();
            let mut n = 1u32;
            while !refs.insert(r.clone()) {
                n = n.saturating_add(1);
                r = format!("{base}#{n}");
            }
            r
        };
        let target_ref = unique("target".to_owned());
        let mut components: Vec<Value> = Vec::new();
        if let Some(os) = &self.os {
            let mut c = json!({
                "type": "operating-system",
                "bom-ref": unique(format!("os:{}", os.id)),
                "name": os.id,
            });
            if let Some(v) = os.version_id.as_ref().or(os.version.as_ref()) {
                set(&mut c, "version", json!(v));
            }
            if let Some(d) = os.pretty_name.as_ref().or(os.name.as_ref()) {
                set(&mut c, "description", json!(d));
            }
            let mut props = vec![prop("otcheck:source", &os.path)];
            if let Some(b) = &os.build_id {
                props.push(prop("otcheck:build-id", b));
            }
            set(&mut c, "properties", json!(props));
            components.push(c);
        }
        for k in &self.kernels {
            components.push(json!({
                "type": "operating-system",
                "bom-ref": unique(format!("kernel:{}", k.release)),
                "name": "linux",
                "version": k.release,
                "description": "Linux kernel",
                "properties": [prop("otcheck:source", &k.source)],
            }));
        }
        for p in &self.packages {
            let purl = self.purl(p);
            let mut props = vec![
                prop("otcheck:package-manager", p.manager.as_str()),
                prop("otcheck:status", &p.status),
            ];
            if let Some(a) = &p.arch {
                props.push(prop("otcheck:architecture", a));
            }
            if let Some(s) = &p.source_package {
                props.push(prop("otcheck:source-package", s));
            }
            let mut c = json!({
                "type": "library",
                "bom-ref": unique(purl.clone()),
                "name": p.name,
                "version": p.version,
                "purl": purl,
                "properties": props,
            });
            if let Some(l) = p.license.as_ref().filter(|l| !l.is_empty()) {
                set(&mut c, "licenses", json!([{ "expression": l }]));
            }
            components.push(c);
        }
        for e in &self.executables {
            components.push(json!({
                "type": "file",
                "bom-ref": unique(format!("file:{}", e.path)),
                "name": e.path,
                "hashes": [{ "alg": "SHA-256", "content": e.sha256 }],
                "properties": [prop("otcheck:size", &e.size.to_string())],
            }));
        }
        let depends: Vec<Value> = components
            .iter()
            .filter_map(|c| c.get("bom-ref").cloned())
            .collect();
        let stamp = time::OffsetDateTime::from(timestamp)
            .replace_nanosecond(0)
            .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        let mut metadata = json!({
            "timestamp": stamp,
            "tools": { "components": [{
                "type": "application",
                "name": env!("CARGO_PKG_NAME"),
                "version": env!("CARGO_PKG_VERSION"),
            }]},
            "component": {
                "type": "device",
                "bom-ref": &target_ref,
                "name": if self.target.is_empty() { "target" } else { self.target.as_str() },
            },
        });
        if !self.notes.is_empty() {
            let notes: Vec<Value> = self.notes.iter().map(|n| prop("otcheck:note", n)).collect();
            set(&mut metadata, "properties", json!(notes));
        }
        let body = json!({ "metadata": &metadata, "components": &components });
        let serial = uuid::Uuid::new_v5(
            &uuid::Uuid::NAMESPACE_URL,
            format!("urn:otcheck:inventory:{body}").as_bytes(),
        );
        json!({
            "$schema": "http://cyclonedx.org/schema/bom-1.5.schema.json",
            "bomFormat": "CycloneDX",
            "specVersion": "1.5",
            "serialNumber": format!("urn:uuid:{serial}"),
            "version": 1,
            "metadata": metadata,
            "components": components,
            "dependencies": [{ "ref": target_ref, "dependsOn": depends }],
        })
    }

    /// The CycloneDX BOM as pretty-printed JSON text.
    ///
    /// ```
    /// let text = otcheck::inventory::Inventory::default().cyclonedx_json(std::time::UNIX_EPOCH);
    /// assert!(text.contains("\"specVersion\": \"1.5\""));
    /// ```
    #[must_use]
    pub fn cyclonedx_json(&self, timestamp: SystemTime) -> String {
        serde_json::to_string_pretty(&self.cyclonedx(timestamp)).unwrap_or_default()
    }
}

/// Sets `key` on a JSON object (no-op on anything else).
fn set(object: &mut Value, key: &str, value: Value) {
    if let Some(map) = object.as_object_mut() {
        map.insert(key.to_owned(), value);
    }
}

fn prop(name: &str, value: &str) -> Value {
    json!({ "name": name, "value": value })
}

impl Package {
    /// A package with just a name and version (status `installed`).
    ///
    /// ```
    /// let p = otcheck::inventory::Package::new(otcheck::inventory::PackageManager::Opkg, "busybox", "1.36.1");
    /// assert_eq!(p.status, "installed");
    /// ```
    #[must_use]
    pub fn new(
        manager: PackageManager,
        name: impl Into<String>,
        version: impl Into<String>,
    ) -> Self {
        Self {
            manager,
            name: name.into(),
            version: version.into(),
            arch: None,
            source_package: None,
            status: "installed".to_owned(),
            license: None,
        }
    }
}
