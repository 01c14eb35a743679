//! Exhaustive tamper tests: every single-bit flip in a 4 KiB image, in its manifest and in the
//! manifest's signature (or digest trailer) is detected, for every algorithm compiled in.

use std::vec::Vec;

use super::*;

const IMAGE_LEN: usize = 4096;
const SPLIT: usize = 1024;

fn image() -> [u8; IMAGE_LEN] {
    let mut state = 0x2545_f491_u32;
    core::array::from_fn(|_| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state.to_le_bytes()[0]
    })
}

fn manifest(image: &[u8], signer: &dyn ManifestSigner) -> Vec<u8> {
    let split = u32::try_from(SPLIT).unwrap();
    let regions = [
        Region {
            offset: 0,
            len: split,
            digest: Digest::of(&image[..SPLIT]),
        },
        Region {
            offset: split,
            len: 4096 - split,
            digest: Digest::of(&image[SPLIT..]),
        },
    ];
    let m = Manifest::new(7, signer.algorithm(), signer.key_id(), &regions).unwrap();
    let mut buf = [0u8; MAX_LEN];
    let n = m.encode(&mut buf, signer).unwrap();
    buf[..n].to_vec()
}

fn flip(bytes: &mut [u8], bit: usize) {
    bytes[bit / 8] ^= 1 << (bit % 8);
}

/// Flips every bit of the manifest (signed part and trailer), and a sample of image bits, each
/// through the full verifier. Returns the (signed-part, trailer) bit counts checked.
fn every_bit_flip_is_detected<const N: usize>(
    signer: &dyn ManifestSigner,
    anchors: &TrustAnchors<N>,
) -> (usize, usize) {
    let verifier = ImageVerifier::new(anchors, MinimumVersion::new(5));
    let verifier = if signer.algorithm().is_signature() {
        verifier
    } else {
        verifier.allow_digest_only()
    };
    let image = image();
    let manifest = manifest(&image, signer);
    let verified = verifier
        .verify(&manifest, &mut SliceImage::new(&image))
        .unwrap();
    assert_eq!(verified.image_version(), 7);

    let signed_len = manifest.len() - signer.algorithm().trailer_len();
    let mut m = manifest.clone();
    for bit in 0..m.len() * 8 {
        flip(&mut m, bit);
        let result = verifier.verify(&m, &mut SliceImage::new(&image));
        assert!(
            result.is_err(),
            "manifest bit {bit} (byte {}) not detected",
            bit / 8
        );
        if bit / 8 >= signed_len {
            // A flipped trailer is a bad signature (or digest), never anything else.
            assert!(
                matches!(
                    result,
                    Err(IntegrityError::Signature(SignatureError::Invalid { .. })
                        | IntegrityError::ManifestDigestMismatch)
                ),
                "trailer bit {bit}: {result:?}"
            );
        }
        flip(&mut m, bit);
    }
    assert_eq!(m, manifest);

    // Image flips through the one-call path, sampled: `image_every_bit_flip_is_detected`
    // covers every bit; region hashing does not depend on the algorithm.
    let mut img = image;
    for bit in (0..IMAGE_LEN * 8).step_by(61) {
        flip(&mut img, bit);
        let region = usize::from(bit / 8 >= SPLIT);
        match verifier.verify(&manifest, &mut SliceImage::new(&img)) {
            Err(IntegrityError::DigestMismatch { region: r, .. }) => {
                assert_eq!(r, region, "image bit {bit}")
            }
            other => panic!("image bit {bit} not detected: {other:?}"),
        }
        flip(&mut img, bit);
    }
    (signed_len * 8, (manifest.len() - signed_len) * 8)
}

/// Every bit of the 4 KiB image, against a manifest authenticated once.
#[test]
fn image_every_bit_flip_is_detected() {
    let anchors = TrustAnchors::<1>::new();
    let verifier = ImageVerifier::new(&anchors, MinimumVersion::NONE).allow_digest_only();
    let image = image();
    let manifest = manifest(&image, &DigestOnlySigner);
    let authentic = verifier.verify_manifest(&manifest).unwrap();
    assert!(authentic.verify_image(&mut SliceImage::new(&image)).is_ok());
    let mut img = image;
    let mut detected = 0;
    for bit in 0..IMAGE_LEN * 8 {
        flip(&mut img, bit);
        let region = usize::from(bit / 8 >= SPLIT);
        match authentic.verify_image(&mut SliceImage::new(&img)) {
            Err(IntegrityError::DigestMismatch { region: r, .. }) if r == region => detected += 1,
            other => panic!("image bit {bit} not detected: {other:?}"),
        }
        flip(&mut img, bit);
    }
    assert_eq!(img, image);
    assert_eq!(detected, 4096 * 8);
}

#[test]
fn digest_only_manifest_every_bit_flip_is_detected() {
    let anchors = TrustAnchors::<1>::new();
    assert_eq!(
        every_bit_flip_is_detected(&DigestOnlySigner, &anchors),
        (124 * 8, 32 * 8)
    );
}

#[cfg(feature = "ed25519")]
#[test]
fn ed25519_manifest_every_bit_flip_is_detected() {
    let signer = Ed25519Signer::from_seed([0x3c; 32]).unwrap();
    let mut anchors = TrustAnchors::<2>::new();
    anchors.add(Role::Supplier, signer.public_key()).unwrap();
    assert_eq!(
        every_bit_flip_is_detected(&signer, &anchors),
        (124 * 8, 64 * 8)
    );
}

#[cfg(feature = "p256")]
#[test]
fn p256_manifest_every_bit_flip_is_detected() {
    let signer = P256Signer::from_secret(&[0x3c; 32]).unwrap();
    let mut anchors = TrustAnchors::<2>::new();
    anchors.add(Role::AssetOwner, signer.public_key()).unwrap();
    assert_eq!(
        every_bit_flip_is_detected(&signer, &anchors),
        (124 * 8, 64 * 8)
    );
}

/// A signed manifest is verified even by a verifier that allows digest-only ones, and a
/// signature by a key that is not an anchor is rejected: no downgrade, no substitution.
#[cfg(feature = "ed25519")]
#[test]
fn no_downgrade_and_no_key_substitution() {
    let trusted = Ed25519Signer::from_seed([1; 32]).unwrap();
    let rogue = Ed25519Signer::from_seed([2; 32]).unwrap();
    let mut anchors = TrustAnchors::<1>::new();
    anchors.add(Role::Supplier, trusted.public_key()).unwrap();
    let verifier = ImageVerifier::new(&anchors, MinimumVersion::NONE).allow_digest_only();
    let image = image();

    let by_rogue = manifest(&image, &rogue);
    assert_eq!(
        verifier
            .verify(&by_rogue, &mut SliceImage::new(&image))
            .unwrap_err(),
        IntegrityError::Signature(SignatureError::UnknownKey {
            key_id: rogue.key_id()
        })
    );
    // Rogue signature, trusted key id.
    let mut swapped = manifest(&image, &trusted);
    let n = swapped.len();
    swapped[n - 64..].copy_from_slice(&by_rogue[by_rogue.len() - 64..]);
    assert!(matches!(
        verifier.verify(&swapped, &mut SliceImage::new(&image)),
        Err(IntegrityError::Signature(SignatureError::Invalid { .. }))
    ));
    // Strict verifier rejects a digest-only manifest for the same image.
    let digest_only = manifest(&image, &DigestOnlySigner);
    assert_eq!(
        ImageVerifier::new(&anchors, MinimumVersion::NONE)
            .verify(&digest_only, &mut SliceImage::new(&image))
            .unwrap_err(),
        IntegrityError::Signature(SignatureError::NotSigned)
    );
}

#[cfg(feature = "ed25519")]
#[test]
fn rollback_is_rejected_after_authentication() {
    let signer = Ed25519Signer::from_seed([1; 32]).unwrap();
    let mut anchors = TrustAnchors::<1>::new();
    anchors.add(Role::Supplier, signer.public_key()).unwrap();
    let image = image();
    let m = manifest(&image, &signer);
    for (minimum, ok) in [(6, true), (7, true), (8, false), (u32::MAX, false)] {
        let r = ImageVerifier::new(&anchors, MinimumVersion::new(minimum))
            .verify(&m, &mut SliceImage::new(&image));
        match r {
            Ok(v) => {
                assert!(ok);
                assert!(checks::anti_rollback(&Ok(v)).outcome.is_pass());
            }
            Err(e) => {
                assert!(!ok);
                assert_eq!(
                    e,
                    IntegrityError::Rollback(RollbackError {
                        image_version: 7,
                        minimum
                    })
                );
                assert_eq!(
                    checks::anti_rollback(&Err(e))
                        .outcome
                        .finding()
                        .map(|f| f.code),
                    Some(checks::codes::ROLLBACK)
                );
            }
        }
    }
}
