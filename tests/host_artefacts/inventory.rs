//! Software inventory: dpkg, opkg and rpm (SQLite) databases, the executables fallback, the
//! `inventory.software` check, and the CycloneDX 1.5 SBOM validated against the official
//! schema (with its SPDX and JSF references registered locally, no network).

use std::path::Path;
use std::sync::LazyLock;
use std::time::{Duration, UNIX_EPOCH};

use otcheck::core::ComponentType;
use otcheck::inventory::{InventoryOptions, PackageManager};
use otcheck::report::OutcomeKind::{Fail, NotAssessed, Pass};
use serde_json::Value;
use sha2::Digest as _;

use crate::artefacts::{assert_outcome, binaries, record, run_group};
use crate::util::RootfsBuilder;

fn schema_file(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/schemas")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

static CYCLONEDX: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let resource = |name: &str| jsonschema::Resource::from_contents(schema_file(name)).unwrap();
    jsonschema::options()
        .with_resource(
            "http://cyclonedx.org/schema/spdx.schema.json",
            resource("spdx.schema.json"),
        )
        .with_resource(
            "http://cyclonedx.org/schema/jsf-0.82.schema.json",
            resource("jsf-0.82.schema.json"),
        )
        .build(&schema_file("bom-1.5.schema.json"))
        .unwrap()
});

fn assert_valid_bom(bom: &Value) {
    let errors: Vec<String> = CYCLONEDX
        .iter_errors(bom)
        .take(10)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "invalid CycloneDX:\n{}\n{bom:#}",
        errors.join("\n")
    );
}

const DPKG_STATUS: &str = "Package: libc6\nStatus: install ok installed\nPriority: optional\n\
Architecture: amd64\nMulti-Arch: same\nSource: glibc\nVersion: 2.36-9+deb12u4\n\
Description: GNU C Library: Shared libraries\n Contains the standard libraries.\n\n\
Package: libc6\nStatus: install ok installed\nArchitecture: i386\nSource: glibc\nVersion: 2.36-9+deb12u4\n\n\
Package: openssh-server\nStatus: install ok installed\nArchitecture: amd64\nSource: openssh\n\
Version: 1:9.2p1-2+deb12u2\nConffiles:\n /etc/ssh/moduli 0123\n\n\
Package: telnetd\nStatus: deinstall ok config-files\nArchitecture: amd64\nVersion: 0.17-44\n";

fn debian() -> RootfsBuilder {
    let fs = RootfsBuilder::new();
    fs.file(
        "/etc/os-release",
        "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nID=debian\n",
    )
    .file("/var/lib/dpkg/status", DPKG_STATUS)
    .file("/lib/modules/6.1.0-18-amd64/modules.dep", "")
    .file_mode("/usr/bin/plcd", binaries().bytes("hardened"), 0o755);
    fs
}

#[test]
fn a_dpkg_database_passes_and_renders_a_valid_sbom() {
    let fs = debian();
    let r = run_group(&fs, "inventory", ComponentType::HostDevice, |_| {});
    assert_outcome(&r, "inventory.software", Pass, None);
    let msg = &record(&r, "inventory.software").message;
    assert!(
        msg.contains("3 packages (3 dpkg from /var/lib/dpkg/status)"),
        "{msg}"
    );
    assert!(msg.contains("Debian GNU/Linux 12 (bookworm)"), "{msg}");
    assert!(msg.contains("kernel 6.1.0-18-amd64"), "{msg}");
    let inv = otcheck::inventory::collect(&fs.target(), &InventoryOptions::default());
    assert!(inv.executables.is_empty(), "a package database was found");
    let bom = inv.cyclonedx(UNIX_EPOCH + Duration::from_secs(1_700_000_000));
    assert_valid_bom(&bom);
    assert_eq!(bom["metadata"]["timestamp"], "2023-11-14T22:13:20Z");
    let purls: Vec<&str> = bom["components"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["purl"].as_str())
        .collect();
    assert_eq!(
        purls,
        [
            "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12",
            "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=i386&distro=debian-12",
            "pkg:deb/debian/openssh-server@1%3A9.2p1-2%2Bdeb12u2?arch=amd64&distro=debian-12",
        ]
    );
    let kinds: Vec<&str> = bom["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "operating-system",
            "operating-system",
            "library",
            "library",
            "library"
        ]
    );
    // Same inventory, same time: byte-identical, same serial number.
    let again = otcheck::inventory::collect(&fs.target(), &InventoryOptions::default());
    assert_eq!(
        again.cyclonedx_json(UNIX_EPOCH + Duration::from_secs(1_700_000_000)),
        inv.cyclonedx_json(UNIX_EPOCH + Duration::from_secs(1_700_000_000))
    );
}

#[test]
fn opkg_databases_are_read_too() {
    let fs = RootfsBuilder::new();
    fs.file("/etc/os-release", "ID=poky\nNAME=\"Poky (Yocto Project Reference Distro)\"\nVERSION_ID=4.0.17\n")
        .file(
            "/var/lib/opkg/status",
            "Package: busybox\nVersion: 1.35.0-r0\nDepends: libc6 (>= 2.35)\nStatus: install user installed\nArchitecture: cortexa9t2hf-neon\n\n\
             Package: mosquitto\nVersion: 2.0.18-r0\nStatus: install ok installed\nArchitecture: cortexa9t2hf-neon\nLicense: EPL-2.0 | EDL-1.0\n",
        )
        .file("/boot/zImage-5.15.150-yocto-standard", "");
    let r = run_group(&fs, "inventory", ComponentType::EmbeddedDevice, |_| {});
    assert_outcome(&r, "inventory.software", Pass, None);
    let inv = otcheck::inventory::collect(&fs.target(), &InventoryOptions::default());
    assert_eq!(inv.kernels[0].release, "5.15.150-yocto-standard");
    assert_eq!(inv.packages[1].manager, PackageManager::Opkg);
    let bom = inv.cyclonedx(UNIX_EPOCH);
    assert_valid_bom(&bom);
    assert_eq!(
        bom["components"][2]["purl"],
        "pkg:generic/busybox@1.35.0-r0?arch=cortexa9t2hf-neon"
    );
}

/// An rpm header blob: il, dl, index entries, data.
fn rpm_header(
    name: &str,
    epoch: Option<u32>,
    version: &str,
    release: &str,
    arch: &str,
    filler: usize,
) -> Vec<u8> {
    let mut data: Vec<u8> = Vec::new();
    let mut index: Vec<(u32, u32, u32, u32)> = Vec::new();
    if let Some(e) = epoch {
        index.push((1003, 4, 0, 1));
        data.extend(e.to_be_bytes());
    }
    let description = "x".repeat(filler);
    for (tag, ty, text) in [
        (1000u32, 6u32, name),
        (1001, 6, version),
        (1002, 6, release),
        (1022, 6, arch),
        (1014, 6, "MIT"),
        (1005, 9, description.as_str()),
    ] {
        index.push((tag, ty, u32::try_from(data.len()).unwrap(), 1));
        data.extend(text.as_bytes());
        data.push(0);
    }
    let mut out = Vec::new();
    out.extend(u32::try_from(index.len()).unwrap().to_be_bytes());
    out.extend(u32::try_from(data.len()).unwrap().to_be_bytes());
    for (tag, ty, off, count) in index {
        for v in [tag, ty, off, count] {
            out.extend(v.to_be_bytes());
        }
    }
    out.extend(data);
    out
}

#[test]
fn rpm_sqlite_databases_are_read_across_pages_and_overflow_chains() {
    if !Path::new("/usr/bin/sqlite3").exists() {
        eprintln!("sqlite3 missing: rpm database not exercised");
        return;
    }
    let fs = RootfsBuilder::new();
    fs.file("/etc/os-release", "ID=fedora\nVERSION_ID=40\n")
        .file("/var/lib/rpm/.keep", "");
    let mut sql = String::from(
        "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL);\n",
    );
    let count = 300;
    for i in 0..count {
        let epoch = (i == 0).then_some(2);
        let blob = rpm_header(
            &format!("pkg{i:03}"),
            epoch,
            "1.0",
            &format!("{i}.fc40"),
            "x86_64",
            100 + (i % 7) * 1500,
        );
        let hex: String = blob.iter().map(|b| format!("{b:02X}")).collect();
        sql.push_str(&format!("INSERT INTO Packages(blob) VALUES (X'{hex}');\n"));
    }
    let db = fs.root().join("var/lib/rpm/rpmdb.sqlite");
    let mut child = std::process::Command::new("/usr/bin/sqlite3")
        .arg(&db)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), sql.as_bytes()).unwrap();
    drop(child.stdin.take());
    assert!(child.wait().unwrap().success());
    let r = run_group(&fs, "inventory", ComponentType::HostDevice, |_| {});
    assert_outcome(&r, "inventory.software", Pass, None);
    let inv = otcheck::inventory::collect(&fs.target(), &InventoryOptions::default());
    assert_eq!(inv.packages.len(), count);
    let first = &inv.packages[0];
    assert_eq!(
        (first.name.as_str(), first.version.as_str()),
        ("pkg000", "2:1.0-0.fc40")
    );
    assert_eq!(first.arch.as_deref(), Some("x86_64"));
    assert_eq!(first.license.as_deref(), Some("MIT"));
    let bom = inv.cyclonedx(UNIX_EPOCH);
    assert_valid_bom(&bom);
    assert_eq!(
        bom["components"][1]["purl"],
        "pkg:rpm/fedora/pkg000@2%3A1.0-0.fc40?arch=x86_64&distro=fedora-40"
    );
    // A BerkeleyDB database is recognised and noted, not guessed at.
    let fs = RootfsBuilder::new();
    fs.file("/var/lib/rpm/Packages", vec![0u8; 4096]);
    let r = run_group(&fs, "inventory", ComponentType::HostDevice, |_| {});
    assert_outcome(&r, "inventory.software", NotAssessed, None);
    assert!(
        record(&r, "inventory.software")
            .message
            .contains("BerkeleyDB format")
    );
}

#[test]
fn without_a_package_database_executables_are_listed_with_their_hashes() {
    let b = binaries();
    let fs = RootfsBuilder::new();
    fs.file("/etc/os-release", "ID=buildroot\nVERSION_ID=2024.02\n")
        .file_mode("/bin/busybox", b.bytes("hardened"), 0o755)
        .file_mode("/usr/sbin/plcd", b.bytes("weak"), 0o755)
        .file_mode("/etc/init.d/S50plcd", "#!/bin/sh\n", 0o755)
        .file("/usr/bin/README", "not executable");
    let r = run_group(&fs, "inventory", ComponentType::EmbeddedDevice, |_| {});
    assert_outcome(&r, "inventory.software", NotAssessed, None);
    assert!(
        record(&r, "inventory.software")
            .message
            .contains("no dpkg, opkg or rpm package database")
    );
    let inv = otcheck::inventory::collect(&fs.target(), &InventoryOptions::default());
    let listed: Vec<(&str, &str)> = inv
        .executables
        .iter()
        .map(|e| (e.path.as_str(), e.sha256.as_str()))
        .collect();
    let sha = |bytes: &[u8]| format!("{:x}", sha2::Sha256::digest(bytes));
    let (busybox, plcd) = (sha(&b.bytes("hardened")), sha(&b.bytes("weak")));
    assert_eq!(
        listed,
        [
            ("/bin/busybox", busybox.as_str()),
            ("/usr/sbin/plcd", plcd.as_str())
        ]
    );
    let bom = inv.cyclonedx(UNIX_EPOCH);
    assert_valid_bom(&bom);
    let file = &bom["components"][1];
    assert_eq!(file["type"], "file");
    assert_eq!(file["hashes"][0]["content"], busybox.as_str());
}

#[test]
fn half_installed_packages_fail_and_garbage_is_not_assessed() {
    let fs = debian();
    fs.file(
        "/var/lib/dpkg/status",
        format!("{DPKG_STATUS}\nPackage: plc-runtime\nStatus: install reinstreq half-configured\nVersion: 3.1\n"),
    );
    let r = run_group(&fs, "inventory", ComponentType::HostDevice, |_| {});
    assert_outcome(&r, "inventory.software", Fail, Some("INV-PACKAGE-STATE"));
    assert!(
        record(&r, "inventory.software")
            .message
            .contains("plc-runtime (install reinstreq half-configured)")
    );
    fs.file(
        "/var/lib/dpkg/status",
        format!("{DPKG_STATUS}\n\u{0}garbage line\nPackage: x\n"),
    );
    let r = run_group(&fs, "inventory", ComponentType::HostDevice, |_| {});
    assert_outcome(&r, "inventory.software", NotAssessed, None);
    assert!(
        record(&r, "inventory.software")
            .message
            .contains("/var/lib/dpkg/status (entries at")
    );
}
