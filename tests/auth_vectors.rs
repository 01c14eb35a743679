//! Stored-authenticator vectors made by the real tools on every run: `openssl passwd`
//! (md5crypt, apr1, sha256crypt, sha512crypt) and `mkpasswd` from Debian's `whois` package
//! (yescrypt, gost-yescrypt, bcrypt, sha-crypt with `rounds=`, scrypt, descrypt, bsdicrypt,
//! SunMD5, NT). Each string is parsed by `otcheck_core::auth` and graded against the host and
//! embedded profiles.
//!
//! The tools are required under `CI` (a missing tool fails the test and says how to install
//! it: `apt-get install -y whois openssl`, as `.ci/run` does); elsewhere the vectors are
//! skipped with a note. Salts are random, so these are
//! fresh vectors on every run; the unit tests in `auth/authenticator.rs` hold fixed ones.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::std_instead_of_core
)]

use std::process::Command;
use std::sync::OnceLock;

use otcheck_core::auth::{
    AuthenticatorProfile, Params, Scheme, StoredAuthenticator, authenticator, blocklist, strength,
};

const PASSWORD: &str = "correct horse battery staple";

/// Runs `tool args…` and returns its trimmed standard output.
fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!(
            "cannot run `{tool}` ({e}): these vectors need the real tool; \
             install it with `apt-get install -y whois openssl`"
        )
    });
    assert!(
        out.status.success(),
        "`{tool} {}` failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("tool output is UTF-8")
        .trim()
        .to_owned()
}

fn openssl(args: &[&str]) -> String {
    let mut all = vec!["passwd"];
    all.extend_from_slice(args);
    all.push(PASSWORD);
    run("openssl", &all)
}

fn mkpasswd(method: &str, rounds: Option<&str>) -> String {
    let mut args = vec!["-m", method];
    if let Some(r) = rounds {
        args.extend_from_slice(&["-R", r]);
    }
    args.push(PASSWORD);
    run("mkpasswd", &args)
}

struct Vector {
    text: String,
    scheme: Scheme,
    /// `None` where the parameters are random or not worth pinning.
    params: Option<Params>,
    host: &'static [&'static str],
    embedded: &'static [&'static str],
}

fn v(
    text: String,
    scheme: Scheme,
    params: Option<Params>,
    host: &'static [&'static str],
    embedded: &'static [&'static str],
) -> Vector {
    Vector {
        text,
        scheme,
        params,
        host,
        embedded,
    }
}

const WEAK: &[&str] = &["AUTH-HASH-WEAK-ALGORITHM"];
const WEAK_SALT: &[&str] = &["AUTH-HASH-WEAK-ALGORITHM", "AUTH-HASH-SHORT-SALT"];
const LOW: &[&str] = &["AUTH-HASH-LOW-COST"];
const OK: &[&str] = &[];

fn yescrypt(log_n: u8, r: u32) -> Option<Params> {
    Some(Params::Yescrypt {
        flavor: 47,
        log_n,
        r,
        p: 1,
        t: 0,
    })
}

/// The vectors, made once per test run. Without `openssl` and `mkpasswd` there are none and
/// the tests say so, except under `CI`, where a missing tool fails them: CI cannot silently
/// skip the real-tool vectors.
fn vectors() -> &'static [Vector] {
    static VECTORS: OnceLock<Vec<Vector>> = OnceLock::new();
    VECTORS.get_or_init(|| {
        let missing: Vec<&str> = ["openssl", "mkpasswd"]
            .into_iter()
            .filter(|tool| Command::new(tool).arg("--version").output().is_err())
            .collect();
        if missing.is_empty() {
            return make_vectors();
        }
        let note = format!(
            "{} not installed: the tool-made hash vectors are skipped; \
             install with `apt-get install -y whois openssl`",
            missing.join(" and ")
        );
        assert!(
            std::env::var_os("CI").is_none(),
            "{note} (required under CI)"
        );
        eprintln!("note: {note}");
        Vec::new()
    })
}

fn make_vectors() -> Vec<Vector> {
    vec![
        v(
            openssl(&["-1", "-salt", "saltsalt"]),
            Scheme::Md5Crypt,
            Some(Params::None),
            WEAK,
            WEAK,
        ),
        v(
            openssl(&["-apr1"]),
            Scheme::Apr1,
            Some(Params::None),
            WEAK,
            WEAK,
        ),
        v(
            openssl(&["-5"]),
            Scheme::Sha256Crypt,
            Some(Params::Rounds(5000)),
            LOW,
            LOW,
        ),
        v(
            openssl(&["-6"]),
            Scheme::Sha512Crypt,
            Some(Params::Rounds(5000)),
            LOW,
            LOW,
        ),
        v(
            openssl(&["-6", "-salt", "abc"]),
            Scheme::Sha512Crypt,
            Some(Params::Rounds(5000)),
            &["AUTH-HASH-LOW-COST", "AUTH-HASH-SHORT-SALT"],
            &["AUTH-HASH-LOW-COST", "AUTH-HASH-SHORT-SALT"],
        ),
        v(
            mkpasswd("sha512crypt", Some("5000")),
            Scheme::Sha512Crypt,
            Some(Params::Rounds(5000)),
            LOW,
            LOW,
        ),
        v(
            mkpasswd("sha512crypt", Some("30000")),
            Scheme::Sha512Crypt,
            Some(Params::Rounds(30_000)),
            LOW,
            OK,
        ),
        v(
            mkpasswd("sha512crypt", Some("250000")),
            Scheme::Sha512Crypt,
            Some(Params::Rounds(250_000)),
            OK,
            OK,
        ),
        v(
            mkpasswd("sha256crypt", Some("600000")),
            Scheme::Sha256Crypt,
            Some(Params::Rounds(600_000)),
            OK,
            OK,
        ),
        v(
            mkpasswd("bcrypt", Some("12")),
            Scheme::Bcrypt2b,
            Some(Params::Cost(12)),
            OK,
            OK,
        ),
        v(
            mkpasswd("bcrypt", Some("8")),
            Scheme::Bcrypt2b,
            Some(Params::Cost(8)),
            LOW,
            OK,
        ),
        v(
            mkpasswd("bcrypt-a", Some("10")),
            Scheme::Bcrypt2a,
            Some(Params::Cost(10)),
            OK,
            OK,
        ),
        v(
            mkpasswd("yescrypt", None),
            Scheme::Yescrypt,
            yescrypt(12, 32),
            OK,
            OK,
        ),
        v(
            mkpasswd("yescrypt", Some("1")),
            Scheme::Yescrypt,
            yescrypt(10, 8),
            LOW,
            LOW,
        ),
        v(
            mkpasswd("yescrypt", Some("3")),
            Scheme::Yescrypt,
            yescrypt(10, 32),
            LOW,
            OK,
        ),
        v(
            mkpasswd("yescrypt", Some("7")),
            Scheme::Yescrypt,
            yescrypt(14, 32),
            OK,
            OK,
        ),
        v(
            mkpasswd("gost-yescrypt", None),
            Scheme::GostYescrypt,
            yescrypt(12, 32),
            OK,
            OK,
        ),
        v(
            mkpasswd("scrypt", Some("6")),
            Scheme::ScryptCrypt,
            Some(Params::Scrypt {
                log_n: 13,
                r: 32,
                p: 1,
            }),
            LOW,
            OK,
        ),
        v(
            mkpasswd("scrypt", Some("10")),
            Scheme::ScryptCrypt,
            Some(Params::Scrypt {
                log_n: 17,
                r: 32,
                p: 1,
            }),
            OK,
            OK,
        ),
        v(
            mkpasswd("md5crypt", None),
            Scheme::Md5Crypt,
            Some(Params::None),
            WEAK,
            WEAK,
        ),
        v(
            mkpasswd("descrypt", None),
            Scheme::DesCrypt,
            Some(Params::None),
            WEAK_SALT,
            WEAK_SALT,
        ),
        v(
            mkpasswd("bsdicrypt", None),
            Scheme::BsdiCrypt,
            Some(Params::Rounds(725)),
            WEAK_SALT,
            WEAK_SALT,
        ),
        v(mkpasswd("sunmd5", None), Scheme::SunMd5, None, WEAK, WEAK),
        v(
            mkpasswd("nt", None),
            Scheme::NtHash,
            Some(Params::None),
            WEAK_SALT,
            WEAK_SALT,
        ),
    ]
}

fn codes(text: &str, profile: &AuthenticatorProfile) -> Vec<&'static str> {
    let parsed = StoredAuthenticator::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    let hash = parsed
        .hash()
        .unwrap_or_else(|| panic!("{text}: not a hash"));
    authenticator::grade(hash, profile)
        .map(|f| f.code.as_str())
        .collect()
}

#[test]
fn tool_made_hashes_parse_with_their_parameters() {
    for vector in vectors() {
        let text = &vector.text;
        let parsed = StoredAuthenticator::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        let hash = parsed
            .hash()
            .unwrap_or_else(|| panic!("{text}: not a hash"));
        assert_eq!(hash.scheme, vector.scheme, "{text}");
        if let Some(params) = vector.params {
            assert_eq!(hash.params, params, "{text}");
        }
        assert!(text.ends_with(hash.hash), "{text}");
    }
}

#[test]
fn tool_made_hashes_are_graded_against_both_profiles() {
    for vector in vectors() {
        let text = &vector.text;
        assert_eq!(
            codes(text, &AuthenticatorProfile::HOST),
            vector.host,
            "host: {text}"
        );
        assert_eq!(
            codes(text, &AuthenticatorProfile::EMBEDDED),
            vector.embedded,
            "embedded: {text}"
        );
        let result = authenticator::check_stored_authenticator(text, &AuthenticatorProfile::HOST);
        assert_eq!(result.outcome.is_pass(), vector.host.is_empty(), "{text}");
        assert_eq!(result.info.id.as_str(), "auth.stored-authenticator");
    }
}

#[test]
fn locked_tool_made_hashes_are_not_graded() {
    for vector in vectors() {
        let locked = format!("!{}", vector.text);
        match StoredAuthenticator::parse(&locked) {
            Ok(StoredAuthenticator::Locked { hash: Some(h) }) => {
                assert_eq!(h.scheme, vector.scheme, "{locked}");
            }
            other => panic!("{locked}: {other:?}"),
        }
        let result =
            authenticator::check_stored_authenticator(&locked, &AuthenticatorProfile::HOST);
        assert_eq!(result.outcome.kind(), "not-applicable", "{locked}");
    }
}

#[test]
fn every_truncation_of_a_tool_made_hash_is_an_error_inside_the_input() {
    for vector in vectors() {
        let text = &vector.text;
        for end in 1..text.len() {
            let prefix = &text[..end];
            match StoredAuthenticator::parse(prefix) {
                Err(e) => assert!(e.offset() <= prefix.len(), "{prefix}: {e}"),
                Ok(other) => panic!("{prefix} (a prefix of {text}) parsed as {other:?}"),
            }
        }
    }
}

#[test]
fn every_built_in_vendor_default_is_caught() {
    assert!(
        !blocklist::VENDOR_DEFAULTS.is_empty(),
        "the root package enables `common-passwords`"
    );
    for entry in blocklist::VENDOR_DEFAULTS.iter() {
        for candidate in [entry.to_owned(), entry.to_ascii_uppercase()] {
            let r = strength::check_default_credential(&candidate, &[]);
            assert_eq!(
                r.outcome.finding().map(|f| f.code.as_str()),
                Some("AUTH-DEFAULT-PASSWORD"),
                "{candidate}"
            );
        }
    }
    for entry in blocklist::COMMON.iter() {
        let s = strength::estimate(entry);
        assert!(
            s.weaknesses
                .contains(otcheck_core::auth::Weaknesses::COMMON_PASSWORD),
            "{entry}"
        );
        assert!(s.guesses_log2 <= 12, "{entry}: {}", s.guesses_log2);
    }
}
