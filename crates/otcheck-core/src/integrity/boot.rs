//! What the boot stage verified before it started the running image (EDR/HDR/NDR 3.14 and
//! 3.14 RE 1).
//!
//! The boot stage (a bootloader, a ROM, UEFI secure boot) verifies the image and hands the
//! application a [`BootReport`], e.g. in retained RAM; a host reads the equivalent from the
//! platform (secure-boot state). A bootloader that links this crate builds the report from its
//! proof with [`BootReport::from_verified`], so it can only claim what it verified.
//!
//! Guarantees: plain data, no panics.

use super::signature::KeyId;
use super::verify::ImageVerified;

/// How far the boot stage verified the image it started.
///
/// ```
/// use otcheck_core::integrity::BootVerification;
/// assert!(BootVerification::Authenticity > BootVerification::Integrity);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum BootVerification {
    /// Nothing was verified.
    None,
    /// The image's digests were checked (integrity, 3.14).
    Integrity,
    /// The image's digests and a signature by a trusted key were checked (3.14 RE 1).
    Authenticity,
}

/// The boot stage's account of what it verified.
///
/// ```
/// use otcheck_core::integrity::{BootReport, BootVerification};
/// let report = BootReport { verified: BootVerification::Integrity, image_version: Some(4), key_id: None };
/// assert_eq!(report.verified, BootVerification::Integrity);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BootReport {
    /// What was verified.
    pub verified: BootVerification,
    /// The image version started, if known.
    pub image_version: Option<u32>,
    /// The key that signed it, if any.
    pub key_id: Option<KeyId>,
}

impl BootReport {
    /// The report of a boot stage that verified the image with this crate.
    ///
    /// ```
    /// use otcheck_core::integrity::*;
    /// let image = [0u8; 8];
    /// let region = Region { offset: 0, len: 8, digest: Digest::of(&image) };
    /// let mut buf = [0u8; MAX_LEN];
    /// let n = Manifest::new(5, SignatureAlgorithm::DigestOnly, KeyId::NONE, &[region])?
    ///     .encode(&mut buf, &DigestOnlySigner)?;
    /// let anchors = TrustAnchors::<1>::new();
    /// let verified = ImageVerifier::new(&anchors, MinimumVersion::NONE)
    ///     .allow_digest_only()
    ///     .verify(&buf[..n], &mut SliceImage::new(&image))?;
    /// let report = BootReport::from_verified(&verified);
    /// assert_eq!(report.verified, BootVerification::Integrity);
    /// assert_eq!(report.image_version, Some(5));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn from_verified(proof: &ImageVerified) -> Self {
        let key_id = proof.signer_key_id();
        Self {
            verified: if key_id.is_some() {
                BootVerification::Authenticity
            } else {
                BootVerification::Integrity
            },
            image_version: Some(proof.image_version()),
            key_id,
        }
    }
}
