//! The new groups inside a full audit: every declared check reports, nothing errors, the
//! tree is left byte-identical, and the audit stays fast.

use std::time::{Duration, Instant};

use otcheck::core::ComponentType;
use otcheck::report::OutcomeKind;

use crate::artefacts::{binaries, pki};
use crate::util::{RootfsBuilder, snapshot};

#[test]
fn a_gateway_image_is_audited_read_only_and_quickly() {
    let (p, b) = (pki(), binaries());
    let fs = RootfsBuilder::new();
    fs.file("/etc/os-release", "ID=debian\nVERSION_ID=12\n")
        .file("/var/lib/dpkg/status", "Package: mosquitto\nStatus: install ok installed\nVersion: 2.0.11-1.2\nArchitecture: arm64\n")
        .file("/etc/ssl/certs/ca-certificates.crt", p.bytes("root.crt"))
        .file("/etc/mosquitto/mosquitto.conf", "certfile /etc/mosquitto/certs/server.crt\nkeyfile /etc/mosquitto/certs/server.key\n")
        .file("/etc/mosquitto/certs/server.crt", p.bytes("leaf-sha1.crt"))
        .file_mode("/etc/mosquitto/certs/server.key", p.bytes("rsa2048.key"), 0o644)
        .file_mode("/usr/sbin/mosquitto", b.bytes("weak"), 0o755)
        .file_mode("/usr/lib/libmosquitto.so.1", b.bytes("libhardened.so"), 0o644)
        .file("/boot/config-6.1.0", "CONFIG_MODULES=y\n# CONFIG_MODULE_SIG is not set\n")
        .file("/boot/fitImage", "not a device tree")
        .fifo("/etc/ssl/private/fifo.key")
        .symlink("/etc/ssl/certs/escape.pem", "../../../../../../etc/shadow")
        .sparse("/usr/bin/huge", 100 << 30);
    std::fs::set_permissions(
        fs.root().join("usr/bin/huge"),
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    let before = snapshot(&fs.outside());
    let started = Instant::now();
    let outcome = fs.audit(ComponentType::NetworkDevice);
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(
        snapshot(&fs.outside()),
        before,
        "the audit modified the tree"
    );
    for r in &outcome.records {
        assert_ne!(r.outcome, OutcomeKind::Error, "{}: {}", r.check, r.message);
    }
    let finding = |id: &str| {
        outcome
            .record(id)
            .and_then(|r| r.finding.clone())
            .unwrap_or_else(|| panic!("{id}: {:?}", outcome.record(id)))
    };
    assert_eq!(finding("certs.signature-algorithm"), "CERT-WEAK-SIGNATURE");
    assert_eq!(
        finding("certs.private-key-permissions"),
        "KEY-WORLD-READABLE"
    );
    assert_eq!(finding("hardening.pie"), "HARDEN-NO-PIE");
    assert_eq!(
        finding("kernel.module-signatures"),
        "KERNEL-MODULE-SIG-NOT-ENFORCED"
    );
    assert_eq!(
        outcome.record("inventory.software").unwrap().outcome,
        OutcomeKind::Pass
    );
    assert_eq!(
        outcome.record("boot.secure-boot").unwrap().outcome,
        OutcomeKind::NotAssessed
    );
    // The 100 GiB sparse executable is refused by size and named, never read.
    let nx = outcome.record("hardening.nx-stack").unwrap();
    assert!(nx.outcome == OutcomeKind::NotAssessed || nx.outcome == OutcomeKind::Fail);
    // Every group declared its checks and reported each once.
    for group in otcheck::checks::builtin() {
        for info in group.checks() {
            assert_eq!(
                outcome
                    .records
                    .iter()
                    .filter(|r| r.check == info.id.as_str())
                    .count(),
                1,
                "{}",
                info.id.as_str()
            );
        }
    }
}
