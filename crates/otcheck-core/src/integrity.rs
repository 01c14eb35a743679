//! Firmware and software integrity: streaming SHA-256, signed image manifests, trust anchors,
//! anti-rollback, and the checks for CR 3.4, CR 3.4 RE 1 and the component-specific
//! requirements CR 3.10, 3.12, 3.13 and 3.14 defer to (EDR/HDR/NDR 3.10 RE 1, 3.12, 3.13, 3.14,
//! 3.14 RE 1).
//!
//! | part | module | what |
//! |---|---|---|
//! | hashing | `digest` | [`Sha256`], [`Digest`] (constant-time `==`), [`ct_eq`], [`digest_flash`] over [`ReadNorFlash`](embedded_storage::nor_flash::ReadNorFlash), `digest_reader` over `std::io::Read` (feature `std`) |
//! | manifest | `manifest` | the binary format ([layout](manifest)), [`ManifestView`] (checked view), [`Manifest`] (meaning + encoder) |
//! | signatures | `signature` | [`SignatureAlgorithm`], [`PublicKey`], [`KeyId`], [`TrustAnchors`], [`ManifestSigner`] |
//! | anti-rollback | `rollback` | [`MinimumVersion`] |
//! | verification | `verify` | [`ImageVerifier`] → [`AuthenticManifest`] → [`ImageVerified`] over an [`ImageSource`] |
//! | boot | `boot` | [`BootReport`]: what the boot stage verified |
//! | checks | [`checks`] | [`CHECKS`] and one evaluator per check |
//!
//! Features: `ed25519` (Ed25519 through `ed25519-compact`) and `p256` (ECDSA P-256/SHA-256
//! through RustCrypto `p256`). Without them, digest-only manifests still work, and signed ones
//! are rejected with [`SignatureError::AlgorithmDisabled`].
//!
//! Guarantees: no heap, no panics on any input, and no pass without proof: image checks pass
//! only from an [`ImageVerified`], which only a successful verification creates.
//!
//! ```
//! # #[cfg(feature = "ed25519")] {
//! use otcheck_core::integrity::{self, *};
//!
//! // The supplier signs a manifest for the image (on the host).
//! let signer = Ed25519Signer::from_seed([0x11; 32])?;
//! let image = [0x5au8; 2048];
//! let region = Region { offset: 0, len: 2048, digest: Digest::of(&image) };
//! let mut manifest = [0u8; MAX_LEN];
//! let len = Manifest::new(3, signer.algorithm(), signer.key_id(), &[region])?.encode(&mut manifest, &signer)?;
//!
//! // The device verifies it against its provisioned supplier key and minimum version.
//! let mut anchors = TrustAnchors::<4>::new();
//! anchors.add(Role::Supplier, signer.public_key())?;
//! let result = ImageVerifier::new(&anchors, MinimumVersion::new(2))
//!     .verify(&manifest[..len], &mut SliceImage::new(&image));
//!
//! assert!(checks::image_digest(&result).outcome.is_pass());
//! assert!(checks::image_signature(&result).outcome.is_pass());
//! assert!(checks::anti_rollback(&result).outcome.is_pass());
//! assert!(checks::supplier_roots(&anchors).outcome.is_pass());
//! assert_eq!(integrity::CHECKS.len(), 8);
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod boot;
pub mod checks;
mod digest;
pub mod manifest;
mod rollback;
mod signature;
mod verify;

#[cfg(test)]
#[cfg(all(feature = "ed25519", feature = "p256"))]
#[allow(
    clippy::arithmetic_side_effects,
    reason = "test arithmetic on small, known values"
)]
mod fixtures;
#[cfg(test)]
#[allow(
    clippy::arithmetic_side_effects,
    reason = "test arithmetic on small, known values"
)]
mod kat;
#[cfg(test)]
#[allow(
    clippy::arithmetic_side_effects,
    reason = "test arithmetic on small, known values"
)]
mod tamper;

pub use boot::{BootReport, BootVerification};
pub use checks::CHECKS;
#[cfg(feature = "std")]
pub use digest::digest_reader;
pub use digest::{
    DIGEST_LEN, Digest, FlashErrorKind, FlashReadError, HexError, Sha256, ct_eq, digest_flash,
};
pub use manifest::{
    EncodeError, MAX_LEN, MAX_REGIONS, Manifest, ManifestError, ManifestView, Region, manifest_len,
};
pub use rollback::{MinimumVersion, RollbackError};
#[cfg(feature = "ed25519")]
pub use signature::Ed25519Signer;
#[cfg(feature = "p256")]
pub use signature::P256Signer;
pub use signature::{
    AnchorError, DigestOnlySigner, KeyError, KeyId, ManifestSigner, PublicKey, Role, SignError,
    SignatureAlgorithm, SignatureError, SignatureVerified, TrustAnchor, TrustAnchors,
};
#[cfg(feature = "std")]
pub use verify::ReaderImage;
pub use verify::{
    AuthenticManifest, FlashImage, ImageSource, ImageVerified, ImageVerifier, IntegrityError,
    SliceImage, SourceError,
};
