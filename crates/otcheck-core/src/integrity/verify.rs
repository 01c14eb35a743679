//! Image verification: manifest authenticity, anti-rollback and region digests, in that order,
//! over any [`ImageSource`] (a slice, flash through [`ReadNorFlash`], or a file on the host).
//!
//! 1. The manifest is parsed ([`ManifestView::new_checked`]).
//! 2. Its trailer is checked: a signature by a trust anchor, or, only where the verifier
//!    [allows digest-only manifests](ImageVerifier::allow_digest_only), its own SHA-256. A
//!    signed manifest is always verified, whatever the verifier allows: no downgrade.
//! 3. Its image version is compared with the device's [`MinimumVersion`].
//! 4. Every region is hashed and compared, in constant time, with the manifest's digest.
//!
//! Nothing from the manifest is acted on (no region is read) before step 2 succeeded.
//!
//! Guarantees: no panics, no heap. The only ways to get an [`AuthenticManifest`] or an
//! [`ImageVerified`] are the steps above; both have private fields, and `ImageVerified` is
//! neither `Clone` nor `Copy`. A check builds its pass only from one of them.

use embedded_storage::nor_flash::ReadNorFlash;

use super::digest::{Digest, FlashReadError, ct_eq, digest_flash};
use super::manifest::{ManifestError, ManifestView};
use super::rollback::{MinimumVersion, RollbackError};
use super::signature::{KeyId, Role, SignatureAlgorithm, SignatureError, TrustAnchors};
use crate::check::Verified;

/// Where a region's bytes come from.
///
/// ```
/// use otcheck_core::integrity::{Digest, ImageSource, SliceImage};
/// let image = [1u8, 2, 3, 4];
/// assert_eq!(SliceImage::new(&image).digest(1, 2)?, Digest::of(&[2, 3]));
/// # Ok::<(), otcheck_core::integrity::SourceError>(())
/// ```
pub trait ImageSource {
    /// SHA-256 of `len` bytes at `offset`.
    ///
    /// # Errors
    ///
    /// [`SourceError`] if the range is outside the image or cannot be read.
    fn digest(&mut self, offset: u32, len: u32) -> Result<Digest, SourceError>;
}

/// Reading image bytes failed.
///
/// ```
/// use otcheck_core::integrity::{ImageSource, SliceImage, SourceError};
/// assert_eq!(
///     SliceImage::new(&[0; 8]).digest(4, 8),
///     Err(SourceError::OutOfBounds { offset: 4, len: 8, size: 8 })
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum SourceError {
    /// The range is not inside the image.
    #[error("range {offset}+{len} is outside the image of {size} bytes")]
    OutOfBounds {
        /// Start of the range.
        offset: u32,
        /// Its length.
        len: u32,
        /// The image size (from its base address), as far as known.
        size: u64,
    },
    /// Flash could not be read.
    #[error(transparent)]
    Flash(#[from] FlashReadError),
    /// The host could not read the file.
    #[error("I/O error reading the image at offset {offset}")]
    Io {
        /// Where the read started.
        offset: u32,
    },
}

/// An image in memory, whose first byte is at address `base` (region offsets are addresses).
///
/// ```
/// use otcheck_core::integrity::{Digest, ImageSource, SliceImage};
/// let app = [9u8; 16];
/// let mut image = SliceImage::with_base(&app, 0x0800_4000);
/// assert_eq!(image.digest(0x0800_4000, 16)?, Digest::of(&app));
/// assert!(image.digest(0x0800_3fff, 1).is_err());
/// # Ok::<(), otcheck_core::integrity::SourceError>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct SliceImage<'a> {
    bytes: &'a [u8],
    base: u32,
}

impl<'a> SliceImage<'a> {
    /// An image whose region offsets are offsets into `bytes`.
    ///
    /// ```
    /// let _ = otcheck_core::integrity::SliceImage::new(&[0u8; 4]);
    /// ```
    #[must_use]
    pub const fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, base: 0 }
    }

    /// An image whose first byte is at address `base`.
    ///
    /// ```
    /// let _ = otcheck_core::integrity::SliceImage::with_base(&[0u8; 4], 0x1000);
    /// ```
    #[must_use]
    pub const fn with_base(bytes: &'a [u8], base: u32) -> Self {
        Self { bytes, base }
    }
}

impl ImageSource for SliceImage<'_> {
    fn digest(&mut self, offset: u32, len: u32) -> Result<Digest, SourceError> {
        let out_of_bounds = SourceError::OutOfBounds {
            offset,
            len,
            size: u64::try_from(self.bytes.len()).unwrap_or(u64::MAX),
        };
        let start = offset
            .checked_sub(self.base)
            .and_then(|s| usize::try_from(s).ok())
            .ok_or(out_of_bounds)?;
        let end = usize::try_from(len)
            .ok()
            .and_then(|l| start.checked_add(l))
            .ok_or(out_of_bounds)?;
        self.bytes
            .get(start..end)
            .map(Digest::of)
            .ok_or(out_of_bounds)
    }
}

/// An image in flash, read through the driver's [`ReadNorFlash`] and a scratch buffer.
/// Region offsets are flash offsets as the driver numbers them.
///
/// ```
/// use embedded_storage::nor_flash::{ErrorType, NorFlashErrorKind, ReadNorFlash};
/// use otcheck_core::integrity::{Digest, FlashImage, ImageSource};
///
/// struct Ram([u8; 32]);
/// impl ErrorType for Ram { type Error = NorFlashErrorKind; }
/// impl ReadNorFlash for Ram {
///     const READ_SIZE: usize = 1;
///     fn read(&mut self, offset: u32, bytes: &mut [u8]) -> Result<(), Self::Error> {
///         let start = usize::try_from(offset).map_err(|_| NorFlashErrorKind::OutOfBounds)?;
///         let src = start.checked_add(bytes.len()).and_then(|end| self.0.get(start..end));
///         bytes.copy_from_slice(src.ok_or(NorFlashErrorKind::OutOfBounds)?);
///         Ok(())
///     }
///     fn capacity(&self) -> usize { self.0.len() }
/// }
///
/// let mut flash = Ram([3; 32]);
/// let mut buf = [0u8; 16];
/// let mut image = FlashImage::new(&mut flash, &mut buf);
/// assert_eq!(image.digest(0, 32)?, Digest::of(&[3; 32]));
/// # Ok::<(), otcheck_core::integrity::SourceError>(())
/// ```
#[derive(Debug)]
pub struct FlashImage<'a, F: ReadNorFlash + ?Sized> {
    flash: &'a mut F,
    buf: &'a mut [u8],
}

impl<'a, F: ReadNorFlash + ?Sized> FlashImage<'a, F> {
    /// Reads `flash` through `buf` (at least `F::READ_SIZE` bytes; larger is faster).
    ///
    /// See [`FlashImage`] for an example.
    pub fn new(flash: &'a mut F, buf: &'a mut [u8]) -> Self {
        Self { flash, buf }
    }
}

impl<F: ReadNorFlash + ?Sized> ImageSource for FlashImage<'_, F> {
    fn digest(&mut self, offset: u32, len: u32) -> Result<Digest, SourceError> {
        digest_flash(self.flash, offset, len, self.buf).map_err(SourceError::Flash)
    }
}

/// An image in a file or any seekable reader (host only, feature `std`).
///
/// ```
/// use otcheck_core::integrity::{Digest, ImageSource, ReaderImage};
/// let file = std::io::Cursor::new(vec![5u8; 10_000]);
/// let mut image = ReaderImage::new(file);
/// assert_eq!(image.digest(100, 9_000)?, Digest::of(&[5; 9_000]));
/// assert!(image.digest(100, 9_901).is_err());
/// # Ok::<(), otcheck_core::integrity::SourceError>(())
/// ```
#[cfg(feature = "std")]
#[derive(Debug)]
pub struct ReaderImage<R> {
    reader: R,
}

#[cfg(feature = "std")]
impl<R: std::io::Read + std::io::Seek> ReaderImage<R> {
    /// Reads regions from `reader`; region offsets are byte offsets in it.
    ///
    /// See [`ReaderImage`] for an example.
    pub fn new(reader: R) -> Self {
        Self { reader }
    }

    /// Gives the reader back.
    ///
    /// ```
    /// let image = otcheck_core::integrity::ReaderImage::new(std::io::Cursor::new([0u8; 4]));
    /// assert_eq!(image.into_inner().into_inner(), [0u8; 4]);
    /// ```
    pub fn into_inner(self) -> R {
        self.reader
    }
}

#[cfg(feature = "std")]
impl<R: std::io::Read + std::io::Seek> ImageSource for ReaderImage<R> {
    fn digest(&mut self, offset: u32, len: u32) -> Result<Digest, SourceError> {
        use std::io::{ErrorKind, Read, SeekFrom};
        let io = SourceError::Io { offset };
        self.reader
            .seek(SeekFrom::Start(u64::from(offset)))
            .map_err(|_| io)?;
        let mut hasher = super::Sha256::new();
        let mut left = u64::from(len);
        let mut buf = [0u8; 16 * 1024];
        let mut part = (&mut self.reader).take(left);
        while left > 0 {
            match part.read(&mut buf) {
                Ok(0) => {
                    return Err(SourceError::OutOfBounds {
                        offset,
                        len,
                        size: u64::from(offset).saturating_add(u64::from(len).saturating_sub(left)),
                    });
                }
                Ok(n) => {
                    hasher.update(buf.get(..n).unwrap_or_default());
                    left = left.saturating_sub(u64::try_from(n).unwrap_or(u64::MAX));
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(_) => return Err(io),
            }
        }
        Ok(hasher.finalize())
    }
}

/// Why an image or update was not accepted.
///
/// ```
/// use otcheck_core::integrity::{IntegrityError, RollbackError};
/// let e = IntegrityError::from(RollbackError { image_version: 1, minimum: 2 });
/// assert_eq!(e.to_string(), "image version 1 is below the stored minimum 2 (rollback)");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum IntegrityError {
    /// The manifest is malformed.
    #[error("malformed manifest: {0}")]
    Manifest(#[from] ManifestError),
    /// The manifest's signature was not accepted (or it has none and one is required).
    #[error(transparent)]
    Signature(#[from] SignatureError),
    /// A digest-only manifest does not match its own SHA-256.
    #[error("digest-only manifest does not match its SHA-256 trailer")]
    ManifestDigestMismatch,
    /// The image version is below the device's minimum.
    #[error(transparent)]
    Rollback(#[from] RollbackError),
    /// A region's bytes do not match the manifest's SHA-256.
    #[error("region {region} ({offset}+{len}) does not match its SHA-256")]
    DigestMismatch {
        /// Region index.
        region: usize,
        /// Its offset.
        offset: u32,
        /// Its length.
        len: u32,
    },
    /// A region could not be read.
    #[error("region {region} could not be read: {error}")]
    Source {
        /// Region index.
        region: usize,
        /// What went wrong.
        error: SourceError,
    },
}

/// Verifies manifests against a trust-anchor store and a minimum version.
///
/// ```
/// # #[cfg(feature = "ed25519")] {
/// use otcheck_core::integrity::*;
///
/// // Supplier side (host): hash the regions, sign the manifest.
/// let signer = Ed25519Signer::from_seed([0x42; 32])?;
/// let image = [0xabu8; 4096];
/// let regions = [
///     Region { offset: 0, len: 1024, digest: Digest::of(&image[..1024]) },
///     Region { offset: 1024, len: 3072, digest: Digest::of(&image[1024..]) },
/// ];
/// let mut buf = [0u8; MAX_LEN];
/// let n = Manifest::new(12, signer.algorithm(), signer.key_id(), &regions)?.encode(&mut buf, &signer)?;
///
/// // Device side: provisioned supplier key, stored minimum version.
/// let mut anchors = TrustAnchors::<2>::new();
/// anchors.add(Role::Supplier, signer.public_key())?;
/// let verifier = ImageVerifier::new(&anchors, MinimumVersion::new(10));
/// let verified = verifier.verify(&buf[..n], &mut SliceImage::new(&image))?;
/// assert_eq!(verified.image_version(), 12);
/// assert_eq!(verified.signer_role(), Some(Role::Supplier));
///
/// let mut tampered = image;
/// tampered[2000] ^= 1;
/// assert!(matches!(
///     verifier.verify(&buf[..n], &mut SliceImage::new(&tampered)),
///     Err(IntegrityError::DigestMismatch { region: 1, .. })
/// ));
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ImageVerifier<'a, const N: usize> {
    anchors: &'a TrustAnchors<N>,
    minimum: MinimumVersion,
    require_signature: bool,
}

impl<'a, const N: usize> ImageVerifier<'a, N> {
    /// A verifier that requires a signature by one of `anchors` and an image version of at
    /// least `minimum`.
    ///
    /// See [`ImageVerifier`] for an example.
    #[must_use]
    pub const fn new(anchors: &'a TrustAnchors<N>, minimum: MinimumVersion) -> Self {
        Self {
            anchors,
            minimum,
            require_signature: true,
        }
    }

    /// Also accepts digest-only manifests (integrity without authenticity, for components that
    /// only claim CR 3.4 at SL 1). Signed manifests are still verified.
    ///
    /// ```
    /// use otcheck_core::integrity::*;
    /// let image = [1u8; 32];
    /// let region = Region { offset: 0, len: 32, digest: Digest::of(&image) };
    /// let mut buf = [0u8; MAX_LEN];
    /// let n = Manifest::new(1, SignatureAlgorithm::DigestOnly, KeyId::NONE, &[region])?
    ///     .encode(&mut buf, &DigestOnlySigner)?;
    /// let anchors = TrustAnchors::<1>::new();
    ///
    /// let strict = ImageVerifier::new(&anchors, MinimumVersion::NONE);
    /// assert_eq!(
    ///     strict.verify(&buf[..n], &mut SliceImage::new(&image)).err(),
    ///     Some(IntegrityError::Signature(SignatureError::NotSigned))
    /// );
    /// let lenient = strict.allow_digest_only();
    /// let verified = lenient.verify(&buf[..n], &mut SliceImage::new(&image))?;
    /// assert!(verified.authenticity().is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn allow_digest_only(self) -> Self {
        Self {
            require_signature: false,
            ..self
        }
    }

    /// Steps 1–3: parses the manifest, checks its trailer and its image version.
    ///
    /// # Errors
    ///
    /// [`IntegrityError::Manifest`], [`Signature`](IntegrityError::Signature),
    /// [`ManifestDigestMismatch`](IntegrityError::ManifestDigestMismatch) or
    /// [`Rollback`](IntegrityError::Rollback).
    ///
    /// ```
    /// use otcheck_core::integrity::*;
    /// let anchors = TrustAnchors::<1>::new();
    /// let verifier = ImageVerifier::new(&anchors, MinimumVersion::NONE);
    /// assert!(matches!(verifier.verify_manifest(b"OTCM"), Err(IntegrityError::Manifest(_))));
    /// ```
    pub fn verify_manifest<'m>(
        &self,
        manifest: &'m [u8],
    ) -> Result<AuthenticManifest<'m>, IntegrityError> {
        let view = ManifestView::new_checked(manifest)?;
        let algorithm = view.algorithm();
        let signer = if algorithm.is_signature() {
            let proof = self.anchors.verify(
                algorithm,
                &view.key_id(),
                view.signed_bytes(),
                view.trailer(),
            )?;
            Some((proof.key_id(), proof.role()))
        } else if self.require_signature {
            return Err(SignatureError::NotSigned.into());
        } else if !ct_eq(Digest::of(view.signed_bytes()).as_bytes(), view.trailer()) {
            return Err(IntegrityError::ManifestDigestMismatch);
        } else {
            None
        };
        self.minimum.check(view.image_version())?;
        Ok(AuthenticManifest {
            view,
            signer,
            minimum: self.minimum,
        })
    }

    /// All four steps.
    ///
    /// # Errors
    ///
    /// Any [`IntegrityError`]; see [`verify_manifest`](Self::verify_manifest) and
    /// [`AuthenticManifest::verify_image`].
    ///
    /// See [`ImageVerifier`] for an example.
    pub fn verify<S: ImageSource + ?Sized>(
        &self,
        manifest: &[u8],
        image: &mut S,
    ) -> Result<ImageVerified, IntegrityError> {
        self.verify_manifest(manifest)?.verify_image(image)
    }
}

/// Proof that a manifest is authentic (or, where allowed, intact and digest-only) and not a
/// rollback. Its regions can now be trusted; [`verify_image`](Self::verify_image) hashes them.
///
/// ```
/// use otcheck_core::integrity::*;
/// let image = [7u8; 100];
/// let region = Region { offset: 0, len: 100, digest: Digest::of(&image) };
/// let mut buf = [0u8; MAX_LEN];
/// let n = Manifest::new(1, SignatureAlgorithm::DigestOnly, KeyId::NONE, &[region])?
///     .encode(&mut buf, &DigestOnlySigner)?;
/// let anchors = TrustAnchors::<1>::new();
/// let verifier = ImageVerifier::new(&anchors, MinimumVersion::NONE).allow_digest_only();
/// let manifest = verifier.verify_manifest(&buf[..n])?;
/// assert_eq!(manifest.view().region_count(), 1);
/// assert!(manifest.verify_image(&mut SliceImage::new(&image)).is_ok());
/// assert!(manifest.verify_image(&mut SliceImage::new(&[0; 100])).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct AuthenticManifest<'m> {
    view: ManifestView<&'m [u8]>,
    signer: Option<(KeyId, Role)>,
    minimum: MinimumVersion,
}

impl<'m> AuthenticManifest<'m> {
    /// The verified manifest.
    ///
    /// See [`AuthenticManifest`] for an example.
    #[must_use]
    pub const fn view(&self) -> &ManifestView<&'m [u8]> {
        &self.view
    }

    /// Step 4: hashes every region and compares it in constant time with the manifest.
    ///
    /// # Errors
    ///
    /// [`IntegrityError::Source`] if a region cannot be read,
    /// [`IntegrityError::DigestMismatch`] for the first region that does not match.
    ///
    /// See [`AuthenticManifest`] for an example.
    pub fn verify_image<S: ImageSource + ?Sized>(
        &self,
        image: &mut S,
    ) -> Result<ImageVerified, IntegrityError> {
        for (index, region) in self.view.regions().enumerate() {
            let digest = image.digest(region.offset, region.len).map_err(|error| {
                IntegrityError::Source {
                    region: index,
                    error,
                }
            })?;
            if !digest.ct_eq(&region.digest) {
                return Err(IntegrityError::DigestMismatch {
                    region: index,
                    offset: region.offset,
                    len: region.len,
                });
            }
        }
        Ok(ImageVerified {
            image_version: self.view.image_version(),
            region_count: self.view.region_count(),
            algorithm: self.view.algorithm(),
            signer: self.signer,
            minimum: self.minimum,
        })
    }
}

/// Proof that an image matched an authentic (or allowed digest-only) manifest and was not a
/// rollback. Only [`AuthenticManifest::verify_image`] creates one; it is neither `Clone` nor
/// `Copy`.
///
/// ```
/// use otcheck_core::integrity::*;
/// let image = [7u8; 10];
/// let region = Region { offset: 0, len: 10, digest: Digest::of(&image) };
/// let mut buf = [0u8; MAX_LEN];
/// let n = Manifest::new(3, SignatureAlgorithm::DigestOnly, KeyId::NONE, &[region])?
///     .encode(&mut buf, &DigestOnlySigner)?;
/// let anchors = TrustAnchors::<1>::new();
/// let verified = ImageVerifier::new(&anchors, MinimumVersion::new(2))
///     .allow_digest_only()
///     .verify(&buf[..n], &mut SliceImage::new(&image))?;
/// assert_eq!(verified.image_version(), 3);
/// assert_eq!(verified.minimum_version(), 2);
/// assert_eq!(verified.region_count(), 1);
/// assert_eq!(verified.algorithm(), SignatureAlgorithm::DigestOnly);
/// assert_eq!(verified.signer_key_id(), None);
/// assert!(otcheck_core::Verified::from(&verified).what().contains("digest-only"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, PartialEq, Eq)]
pub struct ImageVerified {
    image_version: u32,
    region_count: usize,
    algorithm: SignatureAlgorithm,
    signer: Option<(KeyId, Role)>,
    minimum: MinimumVersion,
}

impl ImageVerified {
    /// The image version.
    ///
    /// See [`ImageVerified`] for an example.
    #[must_use]
    pub const fn image_version(&self) -> u32 {
        self.image_version
    }

    /// The minimum version it was checked against.
    ///
    /// See [`ImageVerified`] for an example.
    #[must_use]
    pub const fn minimum_version(&self) -> u32 {
        self.minimum.get()
    }

    /// How many regions were hashed.
    ///
    /// See [`ImageVerified`] for an example.
    #[must_use]
    pub const fn region_count(&self) -> usize {
        self.region_count
    }

    /// The manifest's algorithm.
    ///
    /// See [`ImageVerified`] for an example.
    #[must_use]
    pub const fn algorithm(&self) -> SignatureAlgorithm {
        self.algorithm
    }

    /// The key that signed the manifest; `None` for digest-only.
    ///
    /// See [`ImageVerified`] for an example.
    #[must_use]
    pub fn signer_key_id(&self) -> Option<KeyId> {
        self.signer.map(|(id, _)| id)
    }

    /// The role of that key; `None` for digest-only.
    ///
    /// See [`ImageVerifier`] for an example.
    #[must_use]
    pub fn signer_role(&self) -> Option<Role> {
        self.signer.map(|(_, role)| role)
    }

    /// Proof of integrity (CR 3.4), for a check's pass.
    ///
    /// See [`ImageVerified`] for an example (through `From`).
    #[must_use]
    pub const fn integrity(&self) -> Verified {
        if self.signer.is_some() {
            Verified::new(
                "every image region matches its SHA-256 in a manifest signed by a trusted key",
            )
        } else {
            Verified::new(
                "every image region matches its SHA-256 in an intact digest-only manifest",
            )
        }
    }

    /// Proof of authenticity (CR 3.4 RE 1), `None` for a digest-only manifest.
    ///
    /// See [`ImageVerifier::allow_digest_only`] for an example.
    #[must_use]
    pub const fn authenticity(&self) -> Option<Verified> {
        if self.signer.is_some() {
            Some(Verified::new(
                "the image manifest is signed by a trusted key and every region matches its SHA-256",
            ))
        } else {
            None
        }
    }
}

impl From<&ImageVerified> for Verified {
    fn from(proof: &ImageVerified) -> Self {
        proof.integrity()
    }
}
