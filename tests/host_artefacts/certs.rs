//! Certificates and keys: real `openssl` artefacts in a root filesystem, judged by the
//! `certs` group.

use std::time::{Duration, SystemTime};

use otcheck::core::ComponentType;
use otcheck::probe::certs::{CertOptions, CertRole, Curve, KeyAlgorithm, KeyFormat};
use otcheck::report::OutcomeKind::{Fail, NotApplicable, NotAssessed, Pass};

use crate::artefacts::{assert_outcome, pki, record, run_group};
use crate::util::RootfsBuilder;

const MOSQUITTO: &str = "listener 8883\ncafile /etc/mosquitto/ca_certificates/ca.crt\n\
certfile /etc/mosquitto/certs/server.crt\nkeyfile /etc/mosquitto/certs/server.key\n";

/// A gateway with an MQTT broker whose certificate is `cert` with key `key` (mode 0600),
/// trusting the test root, and the root in the system bundle.
fn broker(cert: &str, key: &str) -> RootfsBuilder {
    let p = pki();
    let fs = RootfsBuilder::new();
    fs.file("/etc/ssl/certs/ca-certificates.crt", p.bytes("root.crt"))
        .file("/etc/ssl/openssl.cnf", "[req]\ndistinguished_name = dn\n")
        .file("/etc/mosquitto/mosquitto.conf", MOSQUITTO)
        .file("/etc/mosquitto/ca_certificates/ca.crt", p.bytes("root.crt"))
        .file("/etc/mosquitto/certs/server.crt", p.bytes(cert))
        .file_mode("/etc/mosquitto/certs/server.key", p.bytes(key), 0o600);
    fs
}

fn certs(fs: &RootfsBuilder) -> Vec<otcheck::report::CheckRecord> {
    run_group(fs, "certs", ComponentType::NetworkDevice, |_| {})
}

#[test]
fn a_ca_issued_p256_service_certificate_passes_every_check() {
    let fs = broker("leaf-p256.crt", "p256.key");
    let r = certs(&fs);
    for id in [
        "certs.key-strength",
        "certs.signature-algorithm",
        "certs.validity",
        "certs.constraints",
        "certs.self-signed",
        "certs.chain",
        "certs.private-key-permissions",
    ] {
        assert_outcome(&r, id, Pass, None);
    }
    assert_outcome(&r, "certs.private-key-encryption", NotApplicable, None);
    assert!(
        record(&r, "certs.chain")
            .message
            .contains("1 service certificates chain")
    );
}

#[test]
fn facts_name_roles_algorithms_and_formats() {
    let p = pki();
    let fs = broker("leaf-p256.crt", "p256.key");
    fs.file_mode(
        "/etc/ssl/private/rsa.key",
        p.bytes("rsa2048-pkcs1.key"),
        0o600,
    )
    .file_mode("/etc/ssl/private/ec.key", p.bytes("p256-sec1.key"), 0o600)
    .file_mode(
        "/etc/ssl/private/enc.key",
        p.bytes("p256-encrypted.key"),
        0o600,
    )
    .file_mode("/etc/ssl/private/key.der", p.bytes("rsa3072.der"), 0o600)
    .file_mode("/etc/ssl/private/ed.key", p.bytes("ed25519.key"), 0o600)
    .file("/etc/ssl/certs/leaf.der", p.bytes("leaf-p256.der"));
    let facts = otcheck::probe::certs::probe(&fs.target(), &CertOptions::default());
    assert_eq!(facts.incomplete_reason(), None);
    assert!(facts.unparsed.is_empty(), "{:?}", facts.unparsed);
    let key = |path: &str| {
        facts
            .keys
            .iter()
            .find(|k| k.source.path == path)
            .unwrap_or_else(|| panic!("no key {path}: {:?}", facts.keys))
    };
    assert_eq!(key("/etc/ssl/private/rsa.key").key.format, KeyFormat::Pkcs1);
    assert_eq!(
        key("/etc/ssl/private/rsa.key").key.algorithm,
        Some(KeyAlgorithm::Rsa { bits: 2048 })
    );
    assert_eq!(key("/etc/ssl/private/ec.key").key.format, KeyFormat::Sec1);
    assert_eq!(
        key("/etc/ssl/private/ec.key").key.algorithm,
        Some(KeyAlgorithm::Ec { curve: Curve::P256 })
    );
    let enc = key("/etc/ssl/private/enc.key");
    assert_eq!(
        (enc.key.format, enc.key.encrypted),
        (KeyFormat::EncryptedPkcs8, true)
    );
    assert_eq!(
        key("/etc/ssl/private/key.der").key.algorithm,
        Some(KeyAlgorithm::Rsa { bits: 3072 })
    );
    assert_eq!(
        key("/etc/ssl/private/ed.key").key.algorithm,
        Some(KeyAlgorithm::Ed25519)
    );
    let server = key("/etc/mosquitto/certs/server.key");
    assert_eq!(server.mode, 0o600);
    assert_eq!(server.named_by.as_ref().unwrap().line, 4);
    // The same root in the bundle and as the broker's CA file: one certificate, an anchor.
    let roots: Vec<_> = facts
        .certificates
        .iter()
        .filter(|c| c.subject == "CN=Test Root CA")
        .collect();
    assert_eq!(roots.len(), 1);
    assert!(roots[0].anchor && roots[0].self_issued);
    assert_eq!(roots[0].key, KeyAlgorithm::Rsa { bits: 3072 });
    let leaf = facts
        .certificates
        .iter()
        .find(|c| c.role == CertRole::Service)
        .unwrap();
    assert_eq!(leaf.subject, "CN=plc.example");
    assert_eq!(leaf.key, KeyAlgorithm::Ec { curve: Curve::P256 });
    assert_eq!(leaf.ca, Some(false));
    assert_eq!(leaf.source.path, "/etc/mosquitto/certs/server.crt");
    // The DER copy of the same leaf is the same certificate.
    assert_eq!(
        facts
            .certificates
            .iter()
            .filter(|c| c.subject == "CN=plc.example")
            .count(),
        1
    );
}

#[test]
fn weak_keys_fail_certs_and_private_keys_alike() {
    let fs = broker("leaf-rsa1024.crt", "rsa1024.key");
    let r = certs(&fs);
    assert_outcome(&r, "certs.key-strength", Fail, Some("CERT-WEAK-KEY"));
    let msg = &record(&r, "certs.key-strength").message;
    assert!(msg.contains("RSA 1024: CN=plc.example"), "{msg}");
    assert!(
        msg.contains("private key /etc/mosquitto/certs/server.key"),
        "{msg}"
    );
    // RSA 2048 and 3072 are fine.
    let r = certs(&broker("leaf-sha1.crt", "rsa3072.key"));
    assert_outcome(&r, "certs.key-strength", Pass, None);
}

#[test]
fn openssh_host_keys_are_judged_too() {
    let p = pki();
    if !p.has("ssh_host_ed25519_key") {
        eprintln!("ssh-keygen missing: OpenSSH key format not exercised with real keys");
        return;
    }
    let fs = broker("leaf-p256.crt", "p256.key");
    fs.file(
        "/etc/ssh/sshd_config",
        "HostKey /etc/ssh/ssh_host_ed25519_key\n",
    )
    .file_mode(
        "/etc/ssh/ssh_host_ed25519_key",
        p.bytes("ssh_host_ed25519_key"),
        0o600,
    );
    assert_outcome(&certs(&fs), "certs.key-strength", Pass, None);
    fs.file_mode(
        "/etc/ssh/ssh_host_rsa_key",
        p.bytes("ssh_host_rsa1024_key"),
        0o600,
    );
    let r = certs(&fs);
    assert_outcome(&r, "certs.key-strength", Fail, Some("CERT-WEAK-KEY"));
    assert!(
        record(&r, "certs.key-strength")
            .message
            .contains("RSA 1024: private key /etc/ssh/ssh_host_rsa_key")
    );
}

#[test]
fn sha1_signatures_fail_and_do_not_chain() {
    let r = certs(&broker("leaf-sha1.crt", "rsa2048.key"));
    assert_outcome(
        &r,
        "certs.signature-algorithm",
        Fail,
        Some("CERT-WEAK-SIGNATURE"),
    );
    assert!(
        record(&r, "certs.signature-algorithm")
            .message
            .contains("SHA-1: CN=plc.example")
    );
    assert_outcome(&r, "certs.chain", Fail, Some("CERT-CHAIN-UNTRUSTED"));
    // The root's own SHA-256 self-signature is not the problem, and nor are the others.
    assert_outcome(&r, "certs.validity", Pass, None);
}

#[test]
fn validity_is_judged_at_the_context_time() {
    let r = certs(&broker("expired.crt", "rsa2048.key"));
    assert_outcome(&r, "certs.validity", Fail, Some("CERT-EXPIRED"));
    assert!(
        record(&r, "certs.validity")
            .message
            .contains("expired: CN=old.example")
    );
    assert!(record(&r, "certs.validity").message.contains("2021-01-01"));
    let r = certs(&broker("not-yet-valid.crt", "rsa2048.key"));
    assert_outcome(&r, "certs.validity", Fail, Some("CERT-NOT-YET-VALID"));
    let r = certs(&broker("leaf-expiring.crt", "ed25519.key"));
    assert_outcome(&r, "certs.validity", Fail, Some("CERT-EXPIRING"));
    // The same valid certificate, judged two years on and a year back.
    let fs = broker("leaf-p256.crt", "p256.key");
    let later = SystemTime::now() + Duration::from_secs(2 * 365 * 86_400);
    let r = run_group(&fs, "certs", ComponentType::NetworkDevice, |ctx| {
        ctx.now = later
    });
    assert_outcome(&r, "certs.validity", Fail, Some("CERT-EXPIRED"));
    assert_outcome(&r, "certs.chain", Fail, Some("CERT-CHAIN-UNTRUSTED"));
    let earlier = SystemTime::now() - Duration::from_secs(365 * 86_400);
    let r = run_group(&fs, "certs", ComponentType::NetworkDevice, |ctx| {
        ctx.now = earlier
    });
    assert_outcome(&r, "certs.validity", Fail, Some("CERT-NOT-YET-VALID"));
    // A wider warning window catches the one-year certificate.
    let r = run_group(&fs, "certs", ComponentType::NetworkDevice, |ctx| {
        ctx.artefacts.cert_policy.expiry_warning_days = 400;
    });
    assert_outcome(&r, "certs.validity", Fail, Some("CERT-EXPIRING"));
}

#[test]
fn chains_validate_only_to_the_right_anchor() {
    let p = pki();
    // Signed by the other root, which is nowhere: untrusted.
    let fs = broker("other-leaf.crt", "rsa2048.key");
    let r = certs(&fs);
    assert_outcome(&r, "certs.chain", Fail, Some("CERT-CHAIN-UNTRUSTED"));
    assert!(
        record(&r, "certs.chain")
            .message
            .contains("no path to a trust anchor")
    );
    // Make the other root the broker's CA: trusted.
    fs.file(
        "/etc/mosquitto/ca_certificates/ca.crt",
        p.bytes("other-root.crt"),
    );
    assert_outcome(&certs(&fs), "certs.chain", Pass, None);
    // A configured anchor file works the same way.
    let fs = broker("other-leaf.crt", "rsa2048.key");
    fs.file(
        "/etc/mosquitto/mosquitto.conf",
        MOSQUITTO.replace("cafile /etc/mosquitto/ca_certificates/ca.crt\n", ""),
    )
    .file("/opt/vendor/anchors.pem", p.bytes("other-root.crt"));
    let r = run_group(&fs, "certs", ComponentType::NetworkDevice, |ctx| {
        ctx.artefacts.certs.search.push("/opt/vendor".into());
        ctx.artefacts.certs.trust_anchors = vec!["/opt/vendor/anchors.pem".into()];
    });
    assert_outcome(&r, "certs.chain", Pass, None);
    // Through an intermediate sent with the certificate (nginx fullchain).
    let fs = RootfsBuilder::new();
    fs.file("/etc/ssl/certs/ca-certificates.crt", p.bytes("root.crt"))
        .file(
            "/etc/nginx/sites-enabled/hmi",
            "server {\n  listen 443 ssl;\n  ssl_certificate /etc/nginx/tls/fullchain.pem;\n  ssl_certificate_key /etc/nginx/tls/key.pem;\n}\n",
        )
        .file("/etc/nginx/tls/fullchain.pem", p.bytes("fullchain.pem"))
        .file_mode("/etc/nginx/tls/key.pem", p.bytes("p256.key"), 0o600);
    let r = certs(&fs);
    assert_outcome(&r, "certs.chain", Pass, None);
    assert_outcome(&r, "certs.constraints", Pass, None);
    assert_outcome(&r, "certs.self-signed", Pass, None);
    // Without the intermediate, no path.
    fs.file(
        "/etc/nginx/tls/fullchain.pem",
        p.bytes("leaf-via-intermediate.crt"),
    );
    assert_outcome(
        &certs(&fs),
        "certs.chain",
        Fail,
        Some("CERT-CHAIN-UNTRUSTED"),
    );
    // No anchors at all: not assessed.
    let fs = RootfsBuilder::new();
    fs.file(
        "/etc/nginx/nginx.conf",
        "ssl_certificate /etc/nginx/leaf.pem;\n",
    )
    .file("/etc/nginx/leaf.pem", p.bytes("leaf-p256.crt"));
    assert_outcome(&certs(&fs), "certs.chain", NotAssessed, None);
}

#[test]
fn self_signed_and_ca_service_certificates_fail() {
    let r = certs(&broker("self-signed.crt", "rsa2048.key"));
    assert_outcome(&r, "certs.self-signed", Fail, Some("CERT-SELF-SIGNED"));
    assert_eq!(
        record(&r, "certs.self-signed").evidence[0].path.as_deref(),
        Some("/etc/mosquitto/mosquitto.conf")
    );
    assert_eq!(record(&r, "certs.self-signed").evidence[0].line, Some(3));
    assert_outcome(&r, "certs.chain", Fail, Some("CERT-CHAIN-UNTRUSTED"));
    // The root CA certificate used as the broker's own certificate.
    let r = certs(&broker("root.crt", "rsa3072.key"));
    assert_outcome(&r, "certs.constraints", Fail, Some("CERT-SERVICE-IS-CA"));
}

#[test]
fn private_key_permissions_and_encryption_policy() {
    let p = pki();
    let fs = broker("leaf-p256.crt", "p256.key");
    fs.file_mode(
        "/etc/mosquitto/certs/server.key",
        p.bytes("p256.key"),
        0o644,
    );
    let r = certs(&fs);
    assert_outcome(
        &r,
        "certs.private-key-permissions",
        Fail,
        Some("KEY-WORLD-READABLE"),
    );
    assert!(
        record(&r, "certs.private-key-permissions")
            .message
            .contains("mode 0644")
    );
    fs.file_mode(
        "/etc/mosquitto/certs/server.key",
        p.bytes("p256.key"),
        0o640,
    );
    assert_outcome(
        &certs(&fs),
        "certs.private-key-permissions",
        Fail,
        Some("KEY-GROUP-READABLE"),
    );
    let r = run_group(&fs, "certs", ComponentType::NetworkDevice, |ctx| {
        ctx.artefacts.cert_policy.allow_group_readable_keys = true;
    });
    assert_outcome(&r, "certs.private-key-permissions", Pass, None);
    // Policy: keys must be encrypted.
    let forbid = |ctx: &mut otcheck::checks::Context<'_>| {
        ctx.artefacts.cert_policy.forbid_unencrypted_keys = true;
    };
    let r = run_group(&fs, "certs", ComponentType::NetworkDevice, forbid);
    assert_outcome(
        &r,
        "certs.private-key-encryption",
        Fail,
        Some("KEY-UNENCRYPTED"),
    );
    fs.file_mode(
        "/etc/mosquitto/certs/server.key",
        p.bytes("p256-encrypted.key"),
        0o600,
    );
    let r = run_group(&fs, "certs", ComponentType::NetworkDevice, forbid);
    assert_outcome(&r, "certs.private-key-encryption", Pass, None);
}

#[test]
fn no_certificates_is_not_applicable_and_broken_ones_are_not_assessed() {
    let fs = RootfsBuilder::new();
    fs.file("/etc/ssl/openssl.cnf", "[req]\n");
    let r = certs(&fs);
    for rec in &r {
        assert_eq!(rec.outcome, NotApplicable, "{}: {}", rec.check, rec.message);
    }
    // A truncated certificate, bad Base64 and a named file that is missing.
    let p = pki();
    let fs = broker("leaf-p256.crt", "p256.key");
    let pem = String::from_utf8(p.bytes("leaf-p256.crt")).unwrap();
    let cut = format!("{}\n-----END CERTIFICATE-----\n", &pem[..pem.len() / 2]);
    fs.file("/etc/ssl/certs/broken.pem", cut).file(
        "/etc/ssl/certs/garbage.pem",
        "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n",
    );
    let r = certs(&fs);
    assert_outcome(&r, "certs.chain", NotAssessed, None);
    let msg = &record(&r, "certs.validity").message;
    assert!(
        msg.contains("/etc/ssl/certs/garbage.pem:1 (CERTIFICATE block: invalid Base64)"),
        "{msg}"
    );
    assert!(msg.contains("/etc/ssl/certs/broken.pem"), "{msg}");
    // A failure still stands on a partial scan.
    fs.file_mode(
        "/etc/mosquitto/certs/server.key",
        p.bytes("p256.key"),
        0o604,
    );
    assert_outcome(
        &certs(&fs),
        "certs.private-key-permissions",
        Fail,
        Some("KEY-WORLD-READABLE"),
    );
}

#[test]
fn the_scan_is_bounded_and_says_so() {
    let p = pki();
    let fs = broker("leaf-p256.crt", "p256.key");
    for i in 0..5 {
        fs.file(
            &format!("/etc/ssl/certs/extra-{i}.pem"),
            p.bytes("root.crt"),
        );
    }
    fs.sparse("/etc/ssl/certs/huge.pem", 1 << 30);
    fs.fifo("/etc/ssl/certs/fifo.pem");
    let started = std::time::Instant::now();
    let r = run_group(&fs, "certs", ComponentType::NetworkDevice, |ctx| {
        ctx.artefacts.certs.limits.max_files = 4;
    });
    assert!(started.elapsed() < Duration::from_secs(10));
    let msg = &record(&r, "certs.key-strength").message;
    assert_outcome(&r, "certs.key-strength", NotAssessed, None);
    assert!(msg.contains("stopped at the 4-file limit"), "{msg}");
    // Without the file cap, the 1 GiB sparse file is still refused by size, and reported.
    let r = certs(&fs);
    let msg = &record(&r, "certs.key-strength").message;
    assert!(
        msg.contains("/etc/ssl/certs/huge.pem is larger than the 1048576-byte file limit"),
        "{msg}"
    );
}
