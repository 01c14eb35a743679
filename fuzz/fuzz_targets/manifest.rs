//! Fuzzes the image-manifest parser and the verifier on untrusted bytes.
//!
//! Properties: nothing panics; `manifest_len` agrees with a successful parse; a parsed
//! manifest re-encodes to the very same bytes; the verifier accepts only what parses, and a
//! digest-only manifest only when its trailer is its SHA-256.
#![no_main]

use libfuzzer_sys::fuzz_target;
use otcheck_core::integrity::{
    Digest, ImageVerifier, IntegrityError, KeyId, MAX_LEN, ManifestSigner, ManifestView,
    MinimumVersion, SignError, SignatureAlgorithm, SliceImage, TrustAnchors, manifest_len,
};

/// Re-signs with the trailer the input already had.
struct Replay<'a> {
    algorithm: SignatureAlgorithm,
    key_id: KeyId,
    trailer: &'a [u8],
}

impl ManifestSigner for Replay<'_> {
    fn algorithm(&self) -> SignatureAlgorithm {
        self.algorithm
    }
    fn key_id(&self) -> KeyId {
        self.key_id
    }
    fn sign(&self, _message: &[u8], out: &mut [u8]) -> Result<(), SignError> {
        if out.len() != self.trailer.len() {
            return Err(SignError);
        }
        out.copy_from_slice(self.trailer);
        Ok(())
    }
}

static IMAGE: [u8; 4096] = [0x5a; 4096];

fuzz_target!(|data: &[u8]| {
    let announced = manifest_len(data);
    let parsed = ManifestView::new_checked(data);
    if let Ok(view) = &parsed {
        assert_eq!(announced, Ok(data.len()));
        assert!(data.len() <= MAX_LEN);
        assert_eq!(view.signed_bytes().len() + view.trailer().len(), data.len());
        assert_eq!(view.trailer().len(), view.algorithm().trailer_len());
        assert_eq!(view.regions().count(), view.region_count());
        let manifest = view.to_manifest();
        assert_eq!(manifest.encoded_len(), data.len());
        let signer = Replay {
            algorithm: view.algorithm(),
            key_id: view.key_id(),
            trailer: view.trailer(),
        };
        let mut buf = [0u8; MAX_LEN];
        let n = manifest
            .encode(&mut buf, &signer)
            .expect("a parsed manifest re-encodes");
        assert_eq!(&buf[..n], data);
    }

    let anchors = TrustAnchors::<1>::new();
    let verifier = ImageVerifier::new(&anchors, MinimumVersion::new(3)).allow_digest_only();
    let result = verifier.verify(data, &mut SliceImage::new(&IMAGE));
    match (&parsed, &result) {
        (Err(e), Err(IntegrityError::Manifest(m))) => assert_eq!(e, m),
        (Err(_), _) => panic!("unparsable manifest not reported as malformed: {result:?}"),
        (Ok(view), Ok(_)) => {
            assert!(
                !view.algorithm().is_signature(),
                "accepted a signature without an anchor"
            );
            assert_eq!(view.trailer(), Digest::of(view.signed_bytes()).as_bytes());
            assert!(view.image_version() >= 3);
        }
        (Ok(_), Err(_)) => {}
    }
});
