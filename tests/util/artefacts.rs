//! Real artefacts for the host artefact tests, made once per test run: keys and certificates
//! with `openssl` (RSA 1024/2048/3072, P-256, Ed25519, SHA-1 signed, expired, not yet valid,
//! chains to two different roots), ELF binaries with `gcc` (hardened and not), and helpers to
//! run one check group with a tuned [`Context`].

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use otcheck::checks::Context;
use otcheck::core::{ComponentType, SecurityLevel};
use otcheck::report::{CheckRecord, OutcomeKind};

use crate::util::RootfsBuilder;

fn run(program: &str, args: &[&str], dir: &Path) {
    let out = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{program} could not be started: {e}"));
    assert!(
        out.status.success(),
        "{program} {}:\n{}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The generated PKI: every file in one directory.
pub(crate) struct Pki {
    dir: tempfile::TempDir,
}

impl Pki {
    pub(crate) fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub(crate) fn bytes(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    pub(crate) fn has(&self, name: &str) -> bool {
        self.path(name).exists()
    }
}

const CA_CNF: &str = "[ca]\ndefault_ca = CA_default\n[CA_default]\ndir = .\ndatabase = ./index.txt\n\
new_certs_dir = ./newcerts\nserial = ./serial\ndefault_md = sha256\npolicy = policy_any\n\
unique_subject = no\ncopy_extensions = none\n[policy_any]\ncommonName = supplied\n\
[leaf]\nbasicConstraints = CA:FALSE\nkeyUsage = digitalSignature, keyEncipherment\n";

const LEAF_EXT: &str = "basicConstraints = CA:FALSE\nkeyUsage = digitalSignature, keyEncipherment\n\
extendedKeyUsage = serverAuth, clientAuth\nsubjectAltName = DNS:plc.example\n";

/// Makes (once) and returns the PKI.
pub(crate) fn pki() -> &'static Pki {
    static PKI: OnceLock<Pki> = OnceLock::new();
    PKI.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let ossl = |args: &[&str]| run("openssl", args, d);
        for (name, bits) in [
            ("rsa1024", "1024"),
            ("rsa2048", "2048"),
            ("rsa3072", "3072"),
        ] {
            ossl(&[
                "genpkey",
                "-algorithm",
                "RSA",
                "-pkeyopt",
                &format!("rsa_keygen_bits:{bits}"),
                "-out",
                &format!("{name}.key"),
            ]);
        }
        ossl(&[
            "genpkey",
            "-algorithm",
            "EC",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-out",
            "p256.key",
        ]);
        ossl(&["genpkey", "-algorithm", "ED25519", "-out", "ed25519.key"]);
        ossl(&[
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
            "-out",
            "other-root.key",
        ]);
        // An encrypted PKCS#8 key, a traditional (PKCS#1) RSA key, a SEC1 EC key and a DER key.
        ossl(&[
            "pkcs8",
            "-topk8",
            "-in",
            "p256.key",
            "-v2",
            "aes-256-cbc",
            "-passout",
            "pass:secret",
            "-out",
            "p256-encrypted.key",
        ]);
        ossl(&[
            "pkey",
            "-in",
            "rsa2048.key",
            "-traditional",
            "-out",
            "rsa2048-pkcs1.key",
        ]);
        ossl(&["ec", "-in", "p256.key", "-out", "p256-sec1.key"]);
        ossl(&[
            "pkey",
            "-in",
            "rsa3072.key",
            "-outform",
            "DER",
            "-out",
            "rsa3072.der",
        ]);
        // Two roots: the right anchor and a wrong one.
        for (key, cn, out) in [
            ("rsa3072.key", "Test Root CA", "root.crt"),
            ("other-root.key", "Other Root CA", "other-root.crt"),
        ] {
            ossl(&[
                "req",
                "-x509",
                "-new",
                "-key",
                key,
                "-subj",
                &format!("/CN={cn}"),
                "-days",
                "3650",
                "-sha256",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign",
                "-out",
                out,
            ]);
        }
        std::fs::write(d.join("leaf.ext"), LEAF_EXT).unwrap();
        // Leaves signed by the root: P-256 (SHA-256), RSA 2048 (SHA-1), RSA 1024, and one
        // that expires in ten days.
        for (key, out, digest, days) in [
            ("p256.key", "leaf-p256.crt", "-sha256", "365"),
            ("rsa2048.key", "leaf-sha1.crt", "-sha1", "365"),
            ("rsa1024.key", "leaf-rsa1024.crt", "-sha256", "365"),
            ("ed25519.key", "leaf-expiring.crt", "-sha256", "10"),
        ] {
            let csr = format!("{out}.csr");
            ossl(&[
                "req",
                "-new",
                "-key",
                key,
                "-subj",
                "/CN=plc.example",
                "-out",
                &csr,
            ]);
            ossl(&[
                "x509",
                "-req",
                "-in",
                &csr,
                "-CA",
                "root.crt",
                "-CAkey",
                "rsa3072.key",
                "-CAcreateserial",
                "-days",
                days,
                "-extfile",
                "leaf.ext",
                digest,
                "-out",
                out,
            ]);
        }
        // An intermediate CA and a leaf it signs; `fullchain.pem` is leaf then intermediate.
        std::fs::write(
            d.join("ca.ext"),
            "basicConstraints = critical, CA:TRUE\nkeyUsage = critical, keyCertSign, cRLSign\n",
        )
        .unwrap();
        ossl(&[
            "req",
            "-new",
            "-key",
            "rsa2048.key",
            "-subj",
            "/CN=Test Issuing CA",
            "-out",
            "intermediate.csr",
        ]);
        ossl(&[
            "x509",
            "-req",
            "-in",
            "intermediate.csr",
            "-CA",
            "root.crt",
            "-CAkey",
            "rsa3072.key",
            "-CAcreateserial",
            "-days",
            "1825",
            "-sha256",
            "-extfile",
            "ca.ext",
            "-out",
            "intermediate.crt",
        ]);
        ossl(&[
            "req",
            "-new",
            "-key",
            "p256.key",
            "-subj",
            "/CN=hmi.example",
            "-out",
            "via.csr",
        ]);
        ossl(&[
            "x509",
            "-req",
            "-in",
            "via.csr",
            "-CA",
            "intermediate.crt",
            "-CAkey",
            "rsa2048.key",
            "-CAcreateserial",
            "-days",
            "365",
            "-sha256",
            "-extfile",
            "leaf.ext",
            "-out",
            "leaf-via-intermediate.crt",
        ]);
        let mut full = std::fs::read(d.join("leaf-via-intermediate.crt")).unwrap();
        full.extend(std::fs::read(d.join("intermediate.crt")).unwrap());
        std::fs::write(d.join("fullchain.pem"), full).unwrap();
        // A leaf signed by the other root (validates only with the other anchor).
        ossl(&[
            "req",
            "-new",
            "-key",
            "rsa2048.key",
            "-subj",
            "/CN=gw.example",
            "-out",
            "other-leaf.csr",
        ]);
        ossl(&[
            "x509",
            "-req",
            "-in",
            "other-leaf.csr",
            "-CA",
            "other-root.crt",
            "-CAkey",
            "other-root.key",
            "-CAcreateserial",
            "-days",
            "365",
            "-sha256",
            "-extfile",
            "leaf.ext",
            "-out",
            "other-leaf.crt",
        ]);
        // A self-signed service certificate.
        ossl(&[
            "req",
            "-x509",
            "-new",
            "-key",
            "rsa2048.key",
            "-subj",
            "/CN=hmi.local",
            "-days",
            "365",
            "-sha256",
            "-addext",
            "basicConstraints=critical,CA:FALSE",
            "-out",
            "self-signed.crt",
        ]);
        // Expired and not yet valid, with fixed dates (`openssl ca`: OpenSSL 3.0 `req` and
        // `x509` cannot set a start date).
        std::fs::write(d.join("ca.cnf"), CA_CNF).unwrap();
        std::fs::write(d.join("index.txt"), "").unwrap();
        std::fs::write(d.join("serial"), "1000\n").unwrap();
        std::fs::create_dir(d.join("newcerts")).unwrap();
        ossl(&[
            "req",
            "-new",
            "-key",
            "rsa2048.key",
            "-subj",
            "/CN=old.example",
            "-out",
            "dated.csr",
        ]);
        for (out, start, end) in [
            ("expired.crt", "20200101000000Z", "20210101000000Z"),
            ("not-yet-valid.crt", "20400101000000Z", "20410101000000Z"),
        ] {
            ossl(&[
                "ca",
                "-batch",
                "-config",
                "ca.cnf",
                "-cert",
                "root.crt",
                "-keyfile",
                "rsa3072.key",
                "-in",
                "dated.csr",
                "-out",
                out,
                "-startdate",
                start,
                "-enddate",
                end,
                "-extensions",
                "leaf",
                "-notext",
            ]);
        }
        ossl(&[
            "x509",
            "-in",
            "leaf-p256.crt",
            "-outform",
            "DER",
            "-out",
            "leaf-p256.der",
        ]);
        // OpenSSH host keys, where ssh-keygen is installed.
        if Path::new("/usr/bin/ssh-keygen").exists() {
            for (kind, bits, out) in [
                ("ed25519", "256", "ssh_host_ed25519_key"),
                ("rsa", "1024", "ssh_host_rsa1024_key"),
            ] {
                run(
                    "ssh-keygen",
                    &["-q", "-t", kind, "-b", bits, "-N", "", "-C", "", "-f", out],
                    d,
                );
            }
        }
        Pki { dir }
    })
}

const PROGRAM: &str = r#"#include <stdio.h>
#include <string.h>
int main(int argc, char **argv) {
    char buf[64];
    strcpy(buf, argc > 1 ? argv[1] : "plc");
    printf("%s\n", buf);
    return (int)strlen(buf);
}
"#;

const LIBRARY: &str = r#"#include <string.h>
int copy_name(char *out, const char *in) { char tmp[32]; strcpy(tmp, in); strcpy(out, tmp); return (int)strlen(out); }
"#;

/// The gcc-built binaries: `hardened`, `weak`, `lazy` (partial RELRO), `rpath` (relative
/// RUNPATH), `libhardened.so`.
pub(crate) struct Binaries {
    dir: tempfile::TempDir,
}

impl Binaries {
    pub(crate) fn bytes(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.dir.path().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }
}

/// Compiles (once) and returns the binaries.
pub(crate) fn binaries() -> &'static Binaries {
    static BINARIES: OnceLock<Binaries> = OnceLock::new();
    BINARIES.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("prog.c"), PROGRAM).unwrap();
        std::fs::write(d.join("lib.c"), LIBRARY).unwrap();
        let hardened = [
            "-O2",
            "-D_FORTIFY_SOURCE=2",
            "-fstack-protector-strong",
            "-fPIE",
            "-pie",
        ];
        let gcc = |extra: &[&str], out: &str, src: &str| {
            let mut args: Vec<&str> = extra.to_vec();
            args.extend(["-o", out, src]);
            run("gcc", &args, d);
        };
        gcc(
            &[&hardened[..], &["-Wl,-z,relro,-z,now"]].concat(),
            "hardened",
            "prog.c",
        );
        gcc(
            &[
                "-O0",
                "-U_FORTIFY_SOURCE",
                "-fno-stack-protector",
                "-fno-pie",
                "-no-pie",
                "-Wl,-z,norelro",
                "-Wl,-z,execstack",
            ],
            "weak",
            "prog.c",
        );
        gcc(
            &[&hardened[..], &["-Wl,-z,relro,-z,lazy"]].concat(),
            "lazy",
            "prog.c",
        );
        gcc(
            &[
                &hardened[..],
                &[
                    "-Wl,-z,relro,-z,now",
                    "-Wl,-rpath,plugins",
                    "-Wl,--enable-new-dtags",
                ],
            ]
            .concat(),
            "rpath",
            "prog.c",
        );
        gcc(
            &[
                "-O2",
                "-D_FORTIFY_SOURCE=2",
                "-fstack-protector-strong",
                "-fPIC",
                "-shared",
                "-Wl,-z,relro,-z,now",
            ],
            "libhardened.so",
            "lib.c",
        );
        Binaries { dir }
    })
}

/// Runs the built-in check group `name` on `fs` as `component`, after `tweak` adjusted the
/// context; returns its records.
pub(crate) fn run_group(
    fs: &RootfsBuilder,
    name: &str,
    component: ComponentType,
    tweak: impl FnOnce(&mut Context<'_>),
) -> Vec<CheckRecord> {
    let target = fs.target();
    run_group_on(&target, name, component, tweak)
}

/// As [`run_group`], on a given target.
pub(crate) fn run_group_on(
    target: &otcheck::target::Target,
    name: &str,
    component: ComponentType,
    tweak: impl FnOnce(&mut Context<'_>),
) -> Vec<CheckRecord> {
    let group = otcheck::checks::builtin()
        .into_iter()
        .find(|g| g.name() == name)
        .unwrap_or_else(|| panic!("no check group {name}"));
    let mut ctx = Context::new(target, component, SecurityLevel::Sl2);
    tweak(&mut ctx);
    let records = group.run(&ctx);
    assert_eq!(
        records.len(),
        group.checks().len(),
        "{name}: one record per declared check"
    );
    records
}

/// The record of check `id`.
pub(crate) fn record<'a>(records: &'a [CheckRecord], id: &str) -> &'a CheckRecord {
    records
        .iter()
        .find(|r| r.check == id)
        .unwrap_or_else(|| panic!("no record {id} in {records:#?}"))
}

/// Asserts `id` has `outcome` and `finding`, showing the message otherwise.
pub(crate) fn assert_outcome(
    records: &[CheckRecord],
    id: &str,
    outcome: OutcomeKind,
    finding: Option<&str>,
) {
    let r = record(records, id);
    assert_eq!(
        (r.outcome, r.finding.as_deref()),
        (outcome, finding),
        "{id}: {}",
        r.message
    );
}
