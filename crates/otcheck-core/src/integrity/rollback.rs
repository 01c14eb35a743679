//! Anti-rollback: the device's stored minimum image version, and the rule that an image below
//! it is rejected.
//!
//! The device keeps the minimum in storage an attacker cannot lower (OTP fuses, a monotonic
//! counter, a protected flash page) and hands it in as a [`MinimumVersion`]. The verifier
//! rejects a manifest whose image version is below it *after* the manifest was authenticated,
//! so the version compared is one a trusted key signed. The minimum is raised only from proof
//! of a verified image ([`MinimumVersion::raise`]).
//!
//! Guarantees: no panics; comparisons only, no arithmetic.

use super::verify::ImageVerified;

/// The lowest image version the device accepts.
///
/// ```
/// use otcheck_core::integrity::{MinimumVersion, RollbackError};
/// let min = MinimumVersion::new(5);
/// assert_eq!(min.check(5), Ok(()));
/// assert_eq!(min.check(4), Err(RollbackError { image_version: 4, minimum: 5 }));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct MinimumVersion(u32);

impl MinimumVersion {
    /// No minimum: every version is accepted.
    pub const NONE: Self = Self(0);

    /// The stored minimum.
    ///
    /// ```
    /// assert_eq!(otcheck_core::integrity::MinimumVersion::new(3).get(), 3);
    /// ```
    #[must_use]
    pub const fn new(minimum: u32) -> Self {
        Self(minimum)
    }

    /// The minimum as a number.
    ///
    /// ```
    /// assert_eq!(otcheck_core::integrity::MinimumVersion::NONE.get(), 0);
    /// ```
    #[must_use]
    pub const fn get(self) -> u32 {
        self.0
    }

    /// Accepts `image_version` if it is at least the minimum.
    ///
    /// # Errors
    ///
    /// [`RollbackError`] with both versions if it is below.
    ///
    /// ```
    /// use otcheck_core::integrity::MinimumVersion;
    /// assert!(MinimumVersion::new(2).check(1).is_err());
    /// assert!(MinimumVersion::new(2).check(u32::MAX).is_ok());
    /// ```
    pub const fn check(self, image_version: u32) -> Result<(), RollbackError> {
        if image_version < self.0 {
            Err(RollbackError {
                image_version,
                minimum: self.0,
            })
        } else {
            Ok(())
        }
    }

    /// Raises the minimum to the version of a verified image (typically once it has booted
    /// successfully); never lowers it. Returns whether it changed, i.e. whether the new value
    /// must be written back to storage.
    ///
    /// ```
    /// # #[cfg(feature = "ed25519")] {
    /// use otcheck_core::integrity::*;
    /// let signer = Ed25519Signer::from_seed([1; 32])?;
    /// let mut anchors = TrustAnchors::<1>::new();
    /// anchors.add(Role::Supplier, signer.public_key())?;
    /// let image = [0u8; 64];
    /// let region = Region { offset: 0, len: 64, digest: Digest::of(&image) };
    /// let mut buf = [0u8; MAX_LEN];
    /// let n = Manifest::new(9, signer.algorithm(), signer.key_id(), &[region])?.encode(&mut buf, &signer)?;
    ///
    /// let mut minimum = MinimumVersion::new(4);
    /// let verified = ImageVerifier::new(&anchors, minimum).verify(&buf[..n], &mut SliceImage::new(&image))?;
    /// assert!(minimum.raise(&verified));
    /// assert_eq!(minimum.get(), 9);
    /// assert!(!minimum.raise(&verified));
    /// # }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn raise(&mut self, verified: &ImageVerified) -> bool {
        let version = verified.image_version();
        if version > self.0 {
            self.0 = version;
            true
        } else {
            false
        }
    }
}

/// An image version below the device's stored minimum.
///
/// ```
/// use otcheck_core::integrity::RollbackError;
/// let e = RollbackError { image_version: 3, minimum: 7 };
/// assert_eq!(e.to_string(), "image version 3 is below the stored minimum 7 (rollback)");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("image version {image_version} is below the stored minimum {minimum} (rollback)")]
pub struct RollbackError {
    /// The manifest's image version.
    pub image_version: u32,
    /// The device's minimum.
    pub minimum: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundary_versions() {
        for min in [0u32, 1, 7, u32::MAX] {
            let m = MinimumVersion::new(min);
            assert!(m.check(min).is_ok());
            assert!(m.check(u32::MAX).is_ok());
            if let Some(below) = min.checked_sub(1) {
                assert_eq!(
                    m.check(below),
                    Err(RollbackError {
                        image_version: below,
                        minimum: min
                    })
                );
            }
        }
    }
}
