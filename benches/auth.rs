//! Benchmarks for `otcheck_core::auth`: stored-authenticator parsing and grading, password
//! strength estimation, and blocklist look-up (ns per call).
//!
//! Run briefly with `cargo bench --bench auth -- --warm-up-time 1 --measurement-time 3`.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use core::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use otcheck_core::auth::{
    AuthenticatorProfile, StoredAuthenticator, authenticator, blocklist, strength,
};

const HASHES: [(&str, &str); 6] = [
    (
        "sha512crypt",
        "$6$rounds=656000$VnVtSXRHZXBGVXVz$NPyPeGOfFjXiTK.XbPlxwUWS8Ufm5W5f4J.6HU4GYjlLk95X.gxvRGY0pFfJTNM9uH5UXQW2TQCZuJyEQnz3a1",
    ),
    (
        "bcrypt",
        "$2b$12$qpjAHifew6Xequ6V.B2OA.Hw/RDhcYkvvfHWDI/Q6PY.yEuqw2VLq",
    ),
    (
        "yescrypt",
        "$y$j9T$0AjOgogWW6W.5HORiBzKw/$GfyxujYXgHhpjiJKY4ZPNNxWgSPjjEWiGf20OpzRyn4",
    ),
    (
        "argon2id",
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
    ),
    (
        "pbkdf2-sha256",
        "$pbkdf2-sha256$i=600000,l=32$b3RjaGVjay1zYWx0LTE2Yg$Z2zx+qJQ1lSM/lgkwN+yEc6ixKNxIMkXE3qX7047gc8",
    ),
    ("descrypt", "uajrmr8F/eCeU"),
];

const PASSWORDS: [(&str, &str); 5] = [
    ("common", "Password2024!"),
    ("vendor-default", "wago"),
    ("walk", "1qaz2wsx3edc"),
    ("random-16", "vX7#kq2-Lm9w!pRz"),
    (
        "passphrase-64",
        "correct horse battery staple, then a long walk along the river!!",
    ),
];

fn parsing(c: &mut Criterion) {
    let mut group = c.benchmark_group("auth/parse");
    for (name, text) in HASHES {
        group.bench_function(name, |b| {
            b.iter(|| StoredAuthenticator::parse(black_box(text)))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("auth/check-stored-authenticator");
    for (name, text) in HASHES {
        group.bench_function(name, |b| {
            b.iter(|| {
                authenticator::check_stored_authenticator(
                    black_box(text),
                    &AuthenticatorProfile::HOST,
                )
            })
        });
    }
    group.finish();
}

fn strength_estimation(c: &mut Criterion) {
    let mut group = c.benchmark_group("auth/estimate");
    for (name, password) in PASSWORDS {
        group.bench_function(name, |b| b.iter(|| strength::estimate(black_box(password))));
    }
    group.bench_function("with-context", |b| {
        b.iter(|| strength::estimate_with(black_box("plc-line7-Kessel!"), &["kessel", "line7"]))
    });
    group.finish();

    let mut group = c.benchmark_group("auth/blocklist");
    group.bench_function("common-hit", |b| {
        b.iter(|| blocklist::COMMON.contains(black_box("Qwertz123")))
    });
    group.bench_function("common-miss", |b| {
        b.iter(|| blocklist::COMMON.contains(black_box("vX7#kq2-Lm9w!pRz")))
    });
    group.finish();
}

criterion_group!(benches, parsing, strength_estimation);
criterion_main!(benches);
