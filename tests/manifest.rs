//! `otcheck manifest create|verify`, run as a user runs it: image manifests signed with keys
//! made by `openssl genpkey` (and raw and hex seeds), verified, tampered with, rolled back;
//! and file manifests of root filesystems built in each test, hostile entries included.
//!
//! Needs `openssl` on the PATH (`apt-get install -y openssl`, as `.ci/run` does).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::std_instead_of_core
)]

#[allow(
    dead_code,
    reason = "the manifest tests use the builder and snapshot only"
)]
#[path = "util/rootfs.rs"]
mod util;

use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::OsStrExt as _;
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use util::{RootfsBuilder, snapshot};

/// What a run of the binary left behind.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn expect(self, code: i32) -> Self {
        assert_eq!(
            self.code, code,
            "expected exit {code}\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// The value printed after `label: ` on a line of standard output.
    fn field(&self, label: &str) -> String {
        self.stdout
            .lines()
            .find_map(|l| l.strip_prefix(label)?.strip_prefix(": "))
            .unwrap_or_else(|| panic!("no `{label}:` line in\n{}", self.stdout))
            .to_owned()
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("{e}: {}", self.stdout))
    }
}

fn otcheck<S: AsRef<OsStr>>(args: impl IntoIterator<Item = S>) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_otcheck"))
        .args(args)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn openssl(args: &[&OsStr]) {
    let out = Command::new("openssl")
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run openssl ({e}): install it with `apt-get install -y openssl`")
        });
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

/// A key made by `openssl genpkey`, with its public key as PEM and DER SubjectPublicKeyInfo.
struct OpensslKey {
    private: PathBuf,
    public_pem: PathBuf,
    public_der: PathBuf,
}

fn openssl_key(dir: &Path, name: &str, genpkey: &[&str]) -> OpensslKey {
    let key = OpensslKey {
        private: dir.join(format!("{name}.pem")),
        public_pem: dir.join(format!("{name}.pub.pem")),
        public_der: dir.join(format!("{name}.pub.der")),
    };
    let mut args = vec![os("genpkey")];
    args.extend(genpkey.iter().map(|a| os(a)));
    args.extend([os("-out"), key.private.as_os_str()]);
    openssl(&args);
    for (out, form) in [(&key.public_pem, "PEM"), (&key.public_der, "DER")] {
        openssl(&[
            os("pkey"),
            os("-in"),
            key.private.as_os_str(),
            os("-pubout"),
            os("-outform"),
            os(form),
            os("-out"),
            out.as_os_str(),
        ]);
    }
    key
}

fn ed25519_key(dir: &Path, name: &str) -> OpensslKey {
    openssl_key(dir, name, &["-algorithm", "ed25519"])
}

fn p256_key(dir: &Path, name: &str) -> OpensslKey {
    openssl_key(
        dir,
        name,
        &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
    )
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// An 8 KiB image that is not all one byte.
fn image(dir: &Path) -> PathBuf {
    let path = dir.join("fw.bin");
    let bytes: Vec<u8> = (0u32..8192)
        .map(|i| u8::try_from(i.wrapping_mul(2_654_435_761) >> 24).unwrap())
        .collect();
    std::fs::write(&path, bytes).unwrap();
    path
}

fn flip_byte(path: &Path, offset: usize) {
    let mut bytes = std::fs::read(path).unwrap();
    bytes[offset] ^= 0x01;
    std::fs::write(path, bytes).unwrap();
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Signs a two-region manifest with `key`, checks the printed public key against OpenSSL's,
/// and runs the verification cases: good, wrong anchor, rollback, flipped image byte, flipped
/// signature byte.
fn signed_round_trip(key: &OpensslKey, other: &OpensslKey, public_len: usize, algorithm: &str) {
    let dir = key.private.parent().unwrap();
    let fw = image(dir);
    let manifest = dir.join("fw.manifest");
    let created = otcheck([
        "manifest",
        "create",
        "--image",
        p(&fw),
        "--image-version",
        "5",
        "--region",
        "0:4096",
        "--region",
        "0x1000:0x1000",
        "--key",
        p(&key.private),
        "-o",
        p(&manifest),
    ])
    .expect(0);
    let der = std::fs::read(&key.public_der).unwrap();
    let openssl_public = hex(&der[der.len() - public_len..]);
    assert_eq!(
        created.field(&format!("public key ({algorithm})")),
        openssl_public
    );
    let key_id = created.field("key id");

    let verify = |anchor: &Path, extra: &[&str]| {
        let mut args = vec![
            "manifest",
            "verify",
            "--image",
            p(&fw),
            "--manifest",
            p(&manifest),
            "--anchor",
            p(anchor),
        ];
        args.extend_from_slice(extra);
        otcheck(args)
    };

    // Verified with the PEM and the DER public key; what was verified is said.
    let ok = verify(&key.public_pem, &["--min-version", "5"]).expect(0);
    assert!(ok.stdout.contains("VERIFIED"), "{}", ok.stdout);
    assert!(ok.stdout.contains("image version 5 (minimum 5)"));
    assert!(
        ok.stdout
            .contains(&format!("by key {key_id} (product supplier)"))
    );
    assert!(ok.stdout.contains("region 1: 4096+4096"));
    let json = verify(&key.public_der, &["--format", "json"])
        .expect(0)
        .json();
    assert_eq!(json["verified"], true);
    assert_eq!(json["image_version"], 5);
    assert_eq!(json["signer"]["key_id"], key_id.as_str());
    assert_eq!(json["signer"]["role"], "supplier");
    assert_eq!(json["regions"].as_array().unwrap().len(), 2);

    // Another key, even a valid one of the same algorithm, is not an anchor for it.
    let wrong = verify(&other.public_pem, &[]).expect(1);
    assert!(
        wrong.stdout.contains("NOT VERIFIED")
            && wrong
                .stdout
                .contains(&format!("key {key_id} is not a trust anchor")),
        "{}",
        wrong.stdout
    );

    // Rollback below the stored minimum.
    let rollback = verify(&key.public_pem, &["--min-version", "6"]).expect(1);
    assert!(
        rollback
            .stdout
            .contains("image version 5 is below the stored minimum 6 (rollback)"),
        "{}",
        rollback.stdout
    );

    // The signature itself.
    let original = std::fs::read(&manifest).unwrap();
    flip_byte(&manifest, original.len() - 1);
    let forged = verify(&key.public_pem, &[]).expect(1);
    assert!(
        forged.stdout.contains("signature does not verify"),
        "{}",
        forged.stdout
    );
    std::fs::write(&manifest, &original).unwrap();

    // One flipped bit in the second region.
    flip_byte(&fw, 6000);
    let tampered = verify(&key.public_pem, &[]).expect(1);
    assert!(
        tampered
            .stdout
            .contains("region 1 (4096+4096) does not match its SHA-256"),
        "{}",
        tampered.stdout
    );
}

#[test]
fn ed25519_keys_from_openssl_sign_and_verify() {
    let dir = tempfile::tempdir().unwrap();
    let key = ed25519_key(dir.path(), "supplier");
    let other = ed25519_key(dir.path(), "other");
    signed_round_trip(&key, &other, 32, "Ed25519");
}

#[test]
fn p256_keys_from_openssl_sign_and_verify() {
    let dir = tempfile::tempdir().unwrap();
    let key = p256_key(dir.path(), "supplier");
    let other = p256_key(dir.path(), "other");
    signed_round_trip(&key, &other, 65, "ECDSA P-256/SHA-256");

    // The same key in SEC1 form (`EC PRIVATE KEY`) is the same key.
    let sec1 = dir.path().join("sec1.pem");
    openssl(&[
        os("ec"),
        os("-in"),
        key.private.as_os_str(),
        os("-out"),
        sec1.as_os_str(),
    ]);
    let fw = image(dir.path());
    let out = dir.path().join("m");
    let a = otcheck([
        "manifest",
        "create",
        "--image",
        p(&fw),
        "--image-version",
        "1",
        "--key",
        p(&key.private),
        "-o",
        p(&out),
    ])
    .expect(0);
    let b = otcheck([
        "manifest",
        "create",
        "--image",
        p(&fw),
        "--image-version",
        "1",
        "--key",
        p(&sec1),
        "-o",
        p(&out),
    ])
    .expect(0);
    assert_eq!(a.field("key id"), b.field("key id"));

    // A P-256 key is not taken for an Ed25519 one.
    let mismatch = otcheck([
        "manifest",
        "create",
        "--image",
        p(&fw),
        "--image-version",
        "1",
        "--key",
        p(&key.private),
        "--algorithm",
        "ed25519",
        "-o",
        p(&out),
    ])
    .expect(2);
    assert!(
        mismatch.stderr.contains("ECDSA P-256/SHA-256 key"),
        "{}",
        mismatch.stderr
    );
}

#[test]
fn raw_and_hex_seeds_sign_and_the_written_public_key_is_an_anchor() {
    let dir = tempfile::tempdir().unwrap();
    let fw = image(dir.path());
    let manifest = dir.path().join("fw.manifest");
    let raw = dir.path().join("seed.bin");
    std::fs::write(&raw, [0x42u8; 32]).unwrap();
    let hex_seed = dir.path().join("seed.hex");
    std::fs::write(&hex_seed, format!("{}\n", "5a".repeat(32))).unwrap();

    for (seed, algorithm, role, role_text) in [
        (&raw, "ed25519", "supplier", "product supplier"),
        (&hex_seed, "p256", "owner", "asset owner"),
    ] {
        let public = dir.path().join(format!("{algorithm}.pub"));
        let created = otcheck([
            "manifest",
            "create",
            "--image",
            p(&fw),
            "--image-version",
            "9",
            "--key",
            p(seed),
            "--algorithm",
            algorithm,
            "--public-key-out",
            p(&public),
            "-o",
            p(&manifest),
        ])
        .expect(0);
        let printed = created
            .stdout
            .lines()
            .find(|l| l.starts_with("public key"))
            .unwrap();
        assert!(printed.ends_with(&hex(&std::fs::read(&public).unwrap())));

        // The raw public key file, and its hex as printed, both work as anchors.
        let hex_public = dir.path().join(format!("{algorithm}.pub.hex"));
        std::fs::write(&hex_public, printed.rsplit(' ').next().unwrap()).unwrap();
        for anchor in [&public, &hex_public] {
            let ok = otcheck([
                "manifest",
                "verify",
                "--image",
                p(&fw),
                "--manifest",
                p(&manifest),
                "--anchor",
                &format!("{}:{role}", p(anchor)),
            ])
            .expect(0);
            assert!(
                ok.stdout.contains(&format!("({role_text})")),
                "{}",
                ok.stdout
            );
        }
    }

    // A raw seed does not say its algorithm.
    let guess = otcheck([
        "manifest",
        "create",
        "--image",
        p(&fw),
        "--image-version",
        "1",
        "--key",
        p(&raw),
        "-o",
        p(&manifest),
    ])
    .expect(2);
    assert!(
        guess.stderr.contains("does not say its algorithm"),
        "{}",
        guess.stderr
    );
}

#[test]
fn digest_only_manifests_verify_only_when_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let fw = image(dir.path());
    let manifest = dir.path().join("fw.manifest");
    otcheck([
        "manifest",
        "create",
        "--image",
        p(&fw),
        "--image-version",
        "2",
        "--digest-only",
        "-o",
        p(&manifest),
    ])
    .expect(0);
    let verify = |extra: &[&str]| {
        let mut args = vec![
            "manifest",
            "verify",
            "--image",
            p(&fw),
            "--manifest",
            p(&manifest),
        ];
        args.extend_from_slice(extra);
        otcheck(args)
    };
    let strict = verify(&[]).expect(1);
    assert!(
        strict.stdout.contains("--allow-digest-only"),
        "{}",
        strict.stdout
    );
    let ok = verify(&["--allow-digest-only"]).expect(0);
    assert!(ok.stdout.contains("digest-only manifest"), "{}", ok.stdout);
    flip_byte(&fw, 0);
    let bad = verify(&["--allow-digest-only"]).expect(1);
    assert!(bad.stdout.contains("region 0"), "{}", bad.stdout);
}

#[test]
fn unreadable_or_malformed_inputs_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let fw = image(dir.path());
    let key = ed25519_key(dir.path(), "k");
    let manifest = dir.path().join("fw.manifest");
    otcheck([
        "manifest",
        "create",
        "--image",
        p(&fw),
        "--image-version",
        "1",
        "--key",
        p(&key.private),
        "-o",
        p(&manifest),
    ])
    .expect(0);
    let bytes = std::fs::read(&manifest).unwrap();
    let verify = |image: &Path, manifest: &Path, anchor: &Path| {
        otcheck([
            "manifest",
            "verify",
            "--image",
            p(image),
            "--manifest",
            p(manifest),
            "--anchor",
            p(anchor),
        ])
    };
    let bad = dir.path().join("bad.manifest");
    for broken in [
        bytes[..bytes.len() - 1].to_vec(),
        bytes[..20].to_vec(),
        [bytes.clone(), vec![0]].concat(),
        b"not a manifest at all".to_vec(),
        Vec::new(),
    ] {
        std::fs::write(&bad, &broken).unwrap();
        let run = verify(&fw, &bad, &key.public_pem).expect(2);
        assert!(run.stderr.contains("malformed manifest"), "{}", run.stderr);
    }
    let missing = dir.path().join("missing");
    verify(&missing, &manifest, &key.public_pem).expect(2);
    verify(&fw, &missing, &key.public_pem).expect(2);
    // A private key is not a public key.
    verify(&fw, &manifest, &key.private).expect(2);
    // An image shorter than its manifest says does not verify.
    std::fs::write(&fw, [0u8; 100]).unwrap();
    let short = verify(&fw, &manifest, &key.public_pem).expect(1);
    assert!(short.stdout.contains("region 0"), "{}", short.stdout);
    // Creation: a region outside the image, overlapping regions, a key that is no key.
    for (region, message) in [("0:101", "outside"), ("0:60", "before the previous region")] {
        let mut args = vec![
            "manifest",
            "create",
            "--image",
            p(&fw),
            "--image-version",
            "1",
            "--digest-only",
            "-o",
            p(&bad),
            "--region",
            region,
        ];
        if region == "0:60" {
            args.extend(["--region", "50:10"]);
        }
        let run = otcheck(args).expect(2);
        assert!(run.stderr.contains(message), "{}", run.stderr);
    }
    otcheck([
        "manifest",
        "create",
        "--image",
        p(&fw),
        "--image-version",
        "1",
        "--key",
        p(&fw),
        "-o",
        p(&bad),
    ])
    .expect(2);
}

/// A root filesystem with ordinary and hostile entries, and a secret beside it that an
/// escaping symlink points at.
fn hostile_rootfs() -> RootfsBuilder {
    let fs = RootfsBuilder::new();
    fs.file("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n")
        .file("/etc/hostname", "plc-7\n")
        .file_mode("/usr/bin/tool", "#!/bin/sh\necho tool\n", 0o755)
        .file_mode("/usr/sbin/setuid", "binary", 0o4755)
        .file("/var/lib/data.bin", vec![0xa5u8; 100_000])
        .dir_mode("/var/empty", 0o700)
        .symlink("/etc/escape", "../../../../outside-secret")
        .symlink("/etc/absolute", "/etc/passwd")
        .symlink("/lib", "usr/lib")
        .fifo("/run/initctl");
    std::fs::write(fs.outside().join("outside-secret"), "do not read").unwrap();
    std::fs::write(
        fs.root()
            .join(OsStr::from_bytes(b"etc/caf\xe9-latin1.conf")),
        "x",
    )
    .unwrap();
    fs
}

fn create_rootfs(root: &Path, out: &Path, extra: &[&str]) -> Run {
    let mut args: Vec<OsString> = ["manifest", "create", "--rootfs"]
        .iter()
        .map(OsString::from)
        .collect();
    args.extend([root.as_os_str().into(), "-o".into(), out.as_os_str().into()]);
    args.extend(extra.iter().map(OsString::from));
    otcheck(args)
}

fn verify_rootfs(root: &Path, manifest: &Path, json: bool) -> Run {
    let mut args = vec![
        OsString::from("manifest"),
        "verify".into(),
        "--rootfs".into(),
        root.as_os_str().into(),
        "--manifest".into(),
        manifest.as_os_str().into(),
    ];
    if json {
        args.extend(["--format".into(), "json".into()]);
    }
    otcheck(args)
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn rootfs_manifest_records_every_entry_without_following_or_opening_anything() {
    let fs = hostile_rootfs();
    let out = fs.outside().join("rootfs.json");
    let before = snapshot(&fs.root());
    let run = create_rootfs(&fs.root(), &out, &["--max-file-size", "65536"]).expect(0);
    assert_eq!(run.stderr, "", "no progress bar or warnings off a terminal");
    assert!(
        run.stdout
            .contains("skipped /var/lib/data.bin: larger than the 65536-byte limit")
    );
    let doc: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(doc["format"], "otcheck-rootfs-manifest");
    assert_eq!(doc["version"], 1);
    let entries = doc["entries"].as_array().unwrap();
    let by_path = |path: &str| {
        entries
            .iter()
            .find(|e| e["path"] == path)
            .unwrap_or_else(|| panic!("no entry {path}"))
    };
    let paths: Vec<&str> = entries
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort_unstable();
    assert_eq!(paths, sorted);
    assert_eq!(
        paths,
        [
            "/",
            "/etc",
            "/etc/absolute",
            r"/etc/caf\xe9-latin1.conf",
            "/etc/escape",
            "/etc/hostname",
            "/etc/passwd",
            "/lib",
            "/run",
            "/run/initctl",
            "/usr",
            "/usr/bin",
            "/usr/bin/tool",
            "/usr/sbin",
            "/usr/sbin/setuid",
            "/var",
            "/var/empty",
            "/var/lib",
            "/var/lib/data.bin",
        ]
    );
    let passwd = by_path("/etc/passwd");
    assert_eq!(passwd["type"], "file");
    assert_eq!(passwd["mode"], "0644");
    assert_eq!(passwd["uid"], u64::from(nix::unistd::getuid().as_raw()));
    assert_eq!(passwd["size"], 30);
    assert_eq!(
        passwd["sha256"],
        hex(&<sha2::Sha256 as sha2::Digest>::digest(
            b"root:x:0:0:root:/root:/bin/sh\n"
        ))
    );
    assert_eq!(by_path("/usr/sbin/setuid")["mode"], "4755");
    assert_eq!(by_path("/var/empty")["mode"], "0700");
    assert_eq!(by_path("/var/empty")["type"], "dir");
    let escape = by_path("/etc/escape");
    assert_eq!(escape["type"], "symlink");
    assert_eq!(escape["target"], "../../../../outside-secret");
    assert!(escape.get("sha256").is_none());
    assert_eq!(by_path("/lib")["target"], "usr/lib");
    let fifo = by_path("/run/initctl");
    assert_eq!(fifo["type"], "fifo");
    assert!(fifo.get("sha256").is_none() && fifo.get("skipped").is_none());
    let big = by_path("/var/lib/data.bin");
    assert_eq!(big["size"], 100_000);
    assert!(big.get("sha256").is_none());
    assert!(
        big["skipped"]
            .as_str()
            .unwrap()
            .contains("65536-byte limit")
    );
    assert_eq!(by_path(r"/etc/caf\xe9-latin1.conf")["size"], 1);

    // Deterministic: the same document whatever the number of hashing threads.
    let one = fs.outside().join("one.json");
    create_rootfs(
        &fs.root(),
        &one,
        &["--max-file-size", "65536", "--jobs", "1"],
    )
    .expect(0);
    assert_eq!(std::fs::read(&one).unwrap(), std::fs::read(&out).unwrap());

    // Identical tree: exit 0; the big file is said to be not compared.
    let same = verify_rootfs(&fs.root(), &out, false).expect(0);
    assert!(same.stdout.contains("matches"), "{}", same.stdout);
    assert!(same.stdout.contains("not compared /var/lib/data.bin"));
    let same = verify_rootfs(&fs.root(), &out, true).expect(0).json();
    assert_eq!(same["identical"], true);

    assert_eq!(snapshot(&fs.root()), before, "the tool changed the tree");
}

#[test]
fn rootfs_verify_lists_exactly_what_was_modified_added_and_removed() {
    let fs = hostile_rootfs();
    let manifest = fs.outside().join("rootfs.json");
    create_rootfs(&fs.root(), &manifest, &[]).expect(0);

    // Same size, other content; a chmod; one file added, one removed.
    fs.file("/etc/hostname", "plc-8\n");
    std::fs::set_permissions(
        fs.root().join("usr/bin/tool"),
        std::fs::Permissions::from_mode(0o777),
    )
    .unwrap();
    fs.file("/usr/bin/implant", "evil");
    std::fs::remove_file(fs.root().join("etc/passwd")).unwrap();
    let after = snapshot(&fs.root());

    let json = verify_rootfs(&fs.root(), &manifest, true).expect(1).json();
    assert_eq!(json["identical"], false);
    assert_eq!(strings(&json["added"]), ["/usr/bin/implant"]);
    assert_eq!(strings(&json["removed"]), ["/etc/passwd"]);
    let modified = json["modified"].as_array().unwrap();
    assert_eq!(modified.len(), 2, "{modified:?}");
    assert_eq!(modified[0]["path"], "/etc/hostname");
    let fields: Vec<&str> = modified[0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["sha256"]);
    assert_eq!(modified[1]["path"], "/usr/bin/tool");
    assert_eq!(
        modified[1]["changes"],
        serde_json::json!([{ "field": "mode", "expected": "0755", "found": "0777" }])
    );

    let text = verify_rootfs(&fs.root(), &manifest, false).expect(1);
    let lines: Vec<&str> = text.stdout.lines().collect();
    assert!(
        lines[0].starts_with("modified /etc/hostname: sha256 "),
        "{lines:?}"
    );
    assert_eq!(lines[1], "modified /usr/bin/tool: mode 0755 -> 0777");
    assert_eq!(lines[2], "added /usr/bin/implant");
    assert_eq!(lines[3], "removed /etc/passwd");
    assert!(
        lines[4].contains("2 modified, 1 added, 1 removed"),
        "{lines:?}"
    );
    assert_eq!(lines.len(), 5);

    assert_eq!(snapshot(&fs.root()), after, "verify changed the tree");
}

#[test]
fn malformed_rootfs_manifests_exit_2() {
    let fs = hostile_rootfs();
    let manifest = fs.outside().join("rootfs.json");
    create_rootfs(&fs.root(), &manifest, &[]).expect(0);
    let good = std::fs::read_to_string(&manifest).unwrap();
    let bad = fs.outside().join("bad.json");
    for (broken, message) in [
        (good.replacen("\"/etc\"", "\"/zzz\"", 1), "not sorted"),
        (good.replacen("\"0644\"", "\"0999\"", 1), "not octal"),
        (
            good.replacen("\"version\": 1", "\"version\": 7", 1),
            "version 7",
        ),
        (
            good.replacen("otcheck-rootfs-manifest", "sbom", 1),
            "format",
        ),
        (
            good.replacen("\"/etc/hostname\"", "\"/etc/host\\\\qname\"", 1),
            "escape",
        ),
        (
            good[..good.len() / 2].to_owned(),
            "not an otcheck rootfs manifest",
        ),
    ] {
        std::fs::write(&bad, &broken).unwrap();
        let run = verify_rootfs(&fs.root(), &bad, false).expect(2);
        assert!(run.stderr.contains(message), "{message}: {}", run.stderr);
    }
    let missing = fs.outside().join("missing");
    verify_rootfs(&missing, &manifest, false).expect(2);
    create_rootfs(&missing, &bad, &[]).expect(2);
}
