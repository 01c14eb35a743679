//! `otcheck_core::integrity` as the host tool uses it: image files on disk read through
//! `ReaderImage`, the signed fixtures in `tests/data/integrity/`, checks and their JSON form.
//!
//! The root package enables `std` and `serde` on the core, not the signature features: signed
//! manifests are verified here when the features are on (e.g. `cargo test --test integrity
//! --features otcheck-core/ed25519,otcheck-core/p256`) and otherwise must be refused as
//! "algorithm not enabled". The exhaustive tamper and known-answer tests with signatures are
//! unit tests in `crates/otcheck-core/src/integrity/`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::std_instead_of_core
)]

use std::io::Write as _;
use std::path::PathBuf;

use otcheck_core::integrity::{
    self, BootReport, BootVerification, Digest, DigestOnlySigner, ImageSource, ImageVerifier,
    IntegrityError, KeyId, MAX_LEN, Manifest, ManifestView, MinimumVersion, PublicKey, ReaderImage,
    Region, Role, SignatureAlgorithm, SignatureError, SliceImage, TrustAnchors, checks,
    manifest_len,
};

fn data(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/integrity")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A fresh file holding `bytes`, removed on drop.
struct TempFile(PathBuf);

impl TempFile {
    fn new(tag: &str, bytes: &[u8]) -> Self {
        let path =
            std::env::temp_dir().join(format!("otcheck-integrity-{}-{tag}", std::process::id()));
        std::fs::File::create(&path)
            .unwrap()
            .write_all(bytes)
            .unwrap();
        Self(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn digest_only_fixture_verifies_from_a_file() {
    let image = data("image.bin");
    let manifest = data("digest-only.manifest");
    let file = TempFile::new("digest-only", &image);
    let anchors = TrustAnchors::<1>::new();
    let verifier = ImageVerifier::new(&anchors, MinimumVersion::new(7)).allow_digest_only();

    let mut source = ReaderImage::new(std::fs::File::open(&file.0).unwrap());
    let result = verifier.verify(&manifest, &mut source);
    let verified = result.as_ref().unwrap();
    assert_eq!(verified.image_version(), 7);
    assert_eq!(verified.region_count(), 2);
    assert!(checks::image_digest(&result).outcome.is_pass());
    assert_eq!(
        checks::image_signature(&result)
            .outcome
            .finding()
            .map(|f| f.code),
        Some(checks::codes::UNSIGNED)
    );

    // The same verifier refuses a version above the image's, and a strict one refuses
    // digest-only manifests altogether.
    let too_new = ImageVerifier::new(&anchors, MinimumVersion::new(8)).allow_digest_only();
    assert!(matches!(
        too_new.verify(&manifest, &mut SliceImage::new(&image)),
        Err(IntegrityError::Rollback(_))
    ));
    assert_eq!(
        ImageVerifier::new(&anchors, MinimumVersion::NONE)
            .verify(&manifest, &mut SliceImage::new(&image)),
        Err(IntegrityError::Signature(SignatureError::NotSigned))
    );
}

#[test]
fn a_truncated_image_file_is_reported_not_misread() {
    let image = data("image.bin");
    let manifest = data("digest-only.manifest");
    let file = TempFile::new("short", &image[..4000]);
    let anchors = TrustAnchors::<1>::new();
    let verifier = ImageVerifier::new(&anchors, MinimumVersion::NONE).allow_digest_only();
    let mut source = ReaderImage::new(std::fs::File::open(&file.0).unwrap());
    let result = verifier.verify(&manifest, &mut source);
    assert_eq!(
        result,
        Err(IntegrityError::Source {
            region: 1,
            error: integrity::SourceError::OutOfBounds {
                offset: 1024,
                len: 3072,
                size: 4000
            }
        })
    );
    assert_eq!(checks::image_digest(&result).outcome.kind(), "not-assessed");
}

#[test]
fn file_digests_match_in_memory_digests() {
    let image = data("image.bin");
    let file = TempFile::new("digest", &image);
    let mut buf = [0u8; 1000];
    let d = integrity::digest_reader(std::fs::File::open(&file.0).unwrap(), &mut buf).unwrap();
    assert_eq!(d, Digest::of(&image));
    let mut source = ReaderImage::new(std::fs::File::open(&file.0).unwrap());
    assert_eq!(
        source.digest(1000, 3000).unwrap(),
        Digest::of(&image[1000..4000])
    );
}

/// Every single-bit flip of the digest-only fixture manifest, and a sample of image bits, is
/// detected through the public API.
#[test]
fn bit_flips_in_the_digest_only_fixture_are_detected() {
    let image = data("image.bin");
    let manifest = data("digest-only.manifest");
    let anchors = TrustAnchors::<1>::new();
    let verifier = ImageVerifier::new(&anchors, MinimumVersion::NONE).allow_digest_only();
    let mut m = manifest.clone();
    for bit in 0..m.len() * 8 {
        m[bit / 8] ^= 1 << (bit % 8);
        assert!(
            verifier.verify(&m, &mut SliceImage::new(&image)).is_err(),
            "manifest bit {bit}"
        );
        m[bit / 8] ^= 1 << (bit % 8);
    }
    let mut img = image.clone();
    for bit in (0..img.len() * 8).step_by(37) {
        img[bit / 8] ^= 1 << (bit % 8);
        assert!(
            matches!(
                verifier.verify(&manifest, &mut SliceImage::new(&img)),
                Err(IntegrityError::DigestMismatch { .. })
            ),
            "image bit {bit}"
        );
        img[bit / 8] ^= 1 << (bit % 8);
    }
}

/// The signed fixtures: verified when the algorithm is compiled in, refused as disabled
/// otherwise; in both cases the key id in the manifest is the SHA-256 of the shipped key.
#[test]
fn signed_fixtures() {
    let image = data("image.bin");
    for (alg, manifest, key) in [
        (
            SignatureAlgorithm::Ed25519,
            "ed25519.manifest",
            "ed25519.pub",
        ),
        (
            SignatureAlgorithm::EcdsaP256Sha256,
            "p256.manifest",
            "p256.pub",
        ),
    ] {
        let manifest = data(manifest);
        let key = PublicKey::from_raw(alg, &data(key)).unwrap();
        let view = ManifestView::new_checked(&manifest[..]).unwrap();
        assert_eq!(view.algorithm(), alg);
        assert_eq!(view.key_id(), key.key_id());

        let mut anchors = TrustAnchors::<2>::new();
        anchors.add(Role::Supplier, key).unwrap();
        let result = ImageVerifier::new(&anchors, MinimumVersion::new(7))
            .verify(&manifest, &mut SliceImage::new(&image));
        if alg.is_enabled() {
            let verified = result.as_ref().unwrap();
            assert_eq!(verified.signer_key_id(), Some(key.key_id()));
            assert_eq!(verified.signer_role(), Some(Role::Supplier));
            assert!(checks::image_signature(&result).outcome.is_pass());
            assert!(checks::update_verification(Some(&result)).outcome.is_pass());
            let mut tampered = manifest.clone();
            tampered[8] ^= 1; // image version
            assert!(matches!(
                ImageVerifier::new(&anchors, MinimumVersion::NONE)
                    .verify(&tampered, &mut SliceImage::new(&image)),
                Err(IntegrityError::Signature(SignatureError::Invalid { .. }))
            ));
        } else {
            assert_eq!(
                result,
                Err(IntegrityError::Signature(
                    SignatureError::AlgorithmDisabled { algorithm: alg }
                ))
            );
            assert_eq!(checks::image_signature(&result).outcome.kind(), "error");
        }
    }
}

/// A manifest stored in a fixed-size flash slot, padded with erased bytes: its length comes
/// from the header, and the padding is not part of it.
#[test]
fn manifest_in_a_padded_slot() {
    let manifest = data("ed25519.manifest");
    let mut slot = [0xffu8; 512];
    slot[..manifest.len()].copy_from_slice(&manifest);
    let len = manifest_len(&slot[..8]).unwrap();
    assert_eq!(len, manifest.len());
    assert!(ManifestView::new_checked(&slot[..len]).is_ok());
    assert!(matches!(
        ManifestView::new_checked(&slot[..]),
        Err(integrity::ManifestError::Oversized {
            expected: 188,
            found: 512
        })
    ));
}

#[test]
fn host_tool_round_trip_create_and_verify() {
    // What `otcheck manifest create` does: hash regions of a file, encode, sign.
    let image = data("image.bin");
    let regions = [Region {
        offset: 0,
        len: 4096,
        digest: Digest::of(&image),
    }];
    let manifest =
        Manifest::new(42, SignatureAlgorithm::DigestOnly, KeyId::NONE, &regions).unwrap();
    let mut buf = [0u8; MAX_LEN];
    let n = manifest.encode(&mut buf, &DigestOnlySigner).unwrap();
    let view = ManifestView::new_checked(&buf[..n]).unwrap();
    assert_eq!(view.to_manifest(), manifest);
    assert_eq!(
        manifest.to_string(),
        "image version 42, 1 region(s), digest-only (SHA-256)"
    );
}

#[test]
fn json_forms() {
    let report = BootReport {
        verified: BootVerification::Authenticity,
        image_version: Some(7),
        key_id: Some(KeyId::of(&data("ed25519.pub"))),
    };
    let json = serde_json::to_value(report).unwrap();
    assert_eq!(json["verified"], "authenticity");
    assert_eq!(json["image_version"], 7);
    assert_eq!(json["key_id"].as_str().unwrap().len(), 64);
    let back: BootReport = serde_json::from_value(json).unwrap();
    assert_eq!(back, report);

    let digest = Digest::of(b"abc");
    let text = serde_json::to_string(&digest).unwrap();
    assert_eq!(
        text,
        "\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\""
    );
    assert_eq!(serde_json::from_str::<Digest>(&text).unwrap(), digest);
    assert!(serde_json::from_str::<Digest>("\"abc\"").is_err());
    assert_eq!(
        serde_json::to_string(&SignatureAlgorithm::EcdsaP256Sha256).unwrap(),
        "\"ecdsa-p256-sha256\""
    );
    assert_eq!(serde_json::to_string(&MinimumVersion::new(3)).unwrap(), "3");

    let anchors = TrustAnchors::<1>::new();
    let result = checks::supplier_roots(&anchors);
    let json = serde_json::to_value(result).unwrap();
    assert_eq!(json["info"]["id"], "integrity.supplier-roots");
    assert_eq!(json["outcome"]["outcome"], "fail");
    assert_eq!(
        json["outcome"]["detail"]["code"],
        "INTEGRITY-NO-SUPPLIER-ROOT"
    );
}

#[test]
fn every_check_names_existing_fr3_requirements() {
    assert_eq!(integrity::CHECKS.len(), 8);
    for info in integrity::CHECKS {
        for id in info.requirements {
            let req = otcheck_core::catalog::get(&id.to_string()).unwrap();
            assert_eq!(req.fr(), Some(otcheck_core::Fr::Si), "{}", info.id);
        }
    }
}
