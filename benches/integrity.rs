//! Benchmarks for `otcheck_core::integrity`: SHA-256 throughput over 64 MiB in memory (compare
//! with OpenSSL through `scripts/sha256-vs-openssl.sh`), manifest parsing, whole-image
//! verification of the 4 KiB fixture, and Ed25519 / ECDSA P-256 signature verification.
//!
//! The signature benches need the core's signature features:
//! `cargo bench --bench integrity --features otcheck-core/ed25519,otcheck-core/p256`.
//! Without them they are skipped with a note.
#![allow(
    missing_docs,
    reason = "criterion_group! generates an undocumented pub fn"
)]

use core::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use otcheck_core::integrity::{
    Digest, ImageVerifier, ManifestView, MinimumVersion, PublicKey, Role, SignatureAlgorithm,
    SliceImage, TrustAnchors,
};

const HASH_LEN: usize = 64 << 20;

const IMAGE: &[u8] = include_bytes!("../tests/data/integrity/image.bin");
const DIGEST_ONLY: &[u8] = include_bytes!("../tests/data/integrity/digest-only.manifest");
const ED25519: &[u8] = include_bytes!("../tests/data/integrity/ed25519.manifest");
const ED25519_PUB: &[u8] = include_bytes!("../tests/data/integrity/ed25519.pub");
const P256: &[u8] = include_bytes!("../tests/data/integrity/p256.manifest");
const P256_PUB: &[u8] = include_bytes!("../tests/data/integrity/p256.pub");

fn sha256(c: &mut Criterion) {
    let data = vec![0xa5u8; HASH_LEN];
    let mut g = c.benchmark_group("sha256");
    g.throughput(Throughput::Bytes(64 << 20));
    g.sample_size(10);
    g.bench_function("64MiB", |b| b.iter(|| Digest::of(black_box(&data))));
    g.finish();
}

fn manifest(c: &mut Criterion) {
    c.bench_function("manifest/parse", |b| {
        b.iter(|| ManifestView::new_checked(black_box(ED25519)).map(|v| v.image_version()))
    });
    let anchors = TrustAnchors::<1>::new();
    let verifier = ImageVerifier::new(&anchors, MinimumVersion::NONE).allow_digest_only();
    c.bench_function("manifest/verify-digest-only-4KiB", |b| {
        b.iter(|| {
            verifier
                .verify(
                    black_box(DIGEST_ONLY),
                    &mut SliceImage::new(black_box(IMAGE)),
                )
                .is_ok()
        })
    });
}

fn signature(
    c: &mut Criterion,
    name: &str,
    algorithm: SignatureAlgorithm,
    manifest: &[u8],
    key: &[u8],
) {
    if !algorithm.is_enabled() {
        eprintln!("{name}: skipped, build with --features otcheck-core/ed25519,otcheck-core/p256");
        return;
    }
    let (Ok(view), Ok(key)) = (
        ManifestView::new_checked(manifest),
        PublicKey::from_raw(algorithm, key),
    ) else {
        eprintln!("{name}: skipped, fixture does not parse");
        return;
    };
    let mut anchors = TrustAnchors::<1>::new();
    let Ok(key_id) = anchors.add(Role::Supplier, key) else {
        return;
    };
    let ok = anchors
        .verify(algorithm, &key_id, view.signed_bytes(), view.trailer())
        .is_ok();
    assert!(ok, "{name}: the fixture signature must verify");
    c.bench_function(&format!("{name}/verify"), |b| {
        b.iter(|| {
            anchors
                .verify(
                    algorithm,
                    black_box(&key_id),
                    black_box(view.signed_bytes()),
                    black_box(view.trailer()),
                )
                .is_ok()
        })
    });
    let verifier = ImageVerifier::new(&anchors, MinimumVersion::NONE);
    c.bench_function(&format!("{name}/verify-image-4KiB"), |b| {
        b.iter(|| {
            verifier
                .verify(black_box(manifest), &mut SliceImage::new(black_box(IMAGE)))
                .is_ok()
        })
    });
}

fn signatures(c: &mut Criterion) {
    signature(
        c,
        "ed25519",
        SignatureAlgorithm::Ed25519,
        ED25519,
        ED25519_PUB,
    );
    signature(
        c,
        "p256",
        SignatureAlgorithm::EcdsaP256Sha256,
        P256,
        P256_PUB,
    );
}

criterion_group!(benches, sha256, manifest, signatures);
criterion_main!(benches);
