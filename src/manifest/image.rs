//! Image manifests made and checked on the host: the regions of a firmware image file hashed
//! into an [`otcheck_core::integrity`] manifest, signed by a [`ManifestSigner`], and an image
//! file verified against such a manifest as the device would (CR 3.4, CR 3.4 RE 1, EDR 3.10
//! RE 1, EDR 3.12–3.14).
//!
//! Guarantees: a region is hashed only after it was checked to lie inside the file; an image
//! is verified by [`ImageVerifier`] itself (authenticity, then anti-rollback, then every
//! region in constant time), so this module cannot pass what the device would reject; a
//! malformed manifest or an unreadable file is told apart from an image that does not verify
//! ([`VerifyImageError::is_rejection`]).

use core::str::FromStr;
use std::fs::File;
use std::path::{Path, PathBuf};

use otcheck_core::integrity::{
    EncodeError, ImageSource as _, ImageVerified, ImageVerifier, IntegrityError, MAX_LEN, Manifest,
    ManifestError, ManifestSigner, ManifestView, ReaderImage, Region, SourceError,
};

/// One region of an image file, `OFFSET:LEN` in bytes (each decimal or `0x` hex).
///
/// ```
/// use otcheck::manifest::RegionSpec;
/// let r: RegionSpec = "0x1000:4096".parse()?;
/// assert_eq!(r, RegionSpec { offset: 0x1000, len: 4096 });
/// assert!("4096".parse::<RegionSpec>().is_err());
/// # Ok::<(), otcheck::manifest::RegionSpecError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RegionSpec {
    /// Byte offset in the file.
    pub offset: u32,
    /// Length in bytes.
    pub len: u32,
}

/// A region that is not `OFFSET:LEN`.
///
/// ```
/// use otcheck::manifest::{RegionSpec, RegionSpecError};
/// assert_eq!("1:x".parse::<RegionSpec>(), Err(RegionSpecError::Number("x".into())));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RegionSpecError {
    /// No `:` between offset and length.
    #[error("expected OFFSET:LEN, e.g. 0:4096 or 0x1000:0x800")]
    Syntax,
    /// A part is not a 32-bit number.
    #[error("`{0}` is not a 32-bit number (decimal or 0x hex)")]
    Number(String),
}

impl FromStr for RegionSpec {
    type Err = RegionSpecError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (offset, len) = s.split_once(':').ok_or(RegionSpecError::Syntax)?;
        let number = |t: &str| {
            let t = t.trim();
            match t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
                Some(hex) => u32::from_str_radix(hex, 16),
                None => t.parse(),
            }
            .map_err(|_| RegionSpecError::Number(t.to_owned()))
        };
        Ok(Self {
            offset: number(offset)?,
            len: number(len)?,
        })
    }
}

/// Making an image manifest failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImageError {
    /// The image file could not be read.
    #[error("cannot read {}", path.display())]
    Io {
        /// The image file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The image is empty: there is nothing to cover.
    #[error("{} is empty", path.display())]
    Empty {
        /// The image file.
        path: PathBuf,
    },
    /// The image is too large for one region; regions must be named.
    #[error(
        "{} is {size} bytes: one region covers less than 4 GiB, so name the regions",
        path.display()
    )]
    TooLarge {
        /// The image file.
        path: PathBuf,
        /// Its size.
        size: u64,
    },
    /// A region does not lie inside the file.
    #[error(
        "region {index} ({offset}+{len}) is outside {} ({size} bytes)",
        path.display()
    )]
    OutsideImage {
        /// The image file.
        path: PathBuf,
        /// Region index, as given.
        index: usize,
        /// Its offset.
        offset: u32,
        /// Its length.
        len: u32,
        /// The file's size.
        size: u64,
    },
    /// The regions do not make a valid manifest (empty, too many, unordered, overlapping).
    #[error("invalid regions")]
    Regions(#[source] ManifestError),
    /// The manifest could not be encoded or signed.
    #[error("cannot sign the manifest")]
    Encode(#[source] EncodeError),
}

/// Hashes `regions` of the image file (the whole file when `regions` is empty) and returns the
/// encoded manifest of `image_version`, signed by `signer` (or digest-only, with
/// [`DigestOnlySigner`](otcheck_core::integrity::DigestOnlySigner)).
///
/// # Errors
///
/// [`ImageError`]: the file cannot be read, is empty or (with no regions named) 4 GiB or
/// larger; a region lies outside it; the regions are not in increasing, non-overlapping
/// order, or more than eight; the signer fails.
///
/// ```
/// use otcheck::core::integrity::{ManifestView, SignatureAlgorithm};
/// use otcheck::manifest::{RegionSpec, SigningKey, create_image_manifest};
///
/// let dir = tempfile::tempdir()?;
/// let image = dir.path().join("fw.bin");
/// std::fs::write(&image, [0x5a; 8192])?;
/// let key = SigningKey::from_secret(SignatureAlgorithm::Ed25519, &[0x42; 32])?;
/// let regions = [RegionSpec { offset: 0, len: 4096 }, RegionSpec { offset: 4096, len: 4096 }];
/// let manifest = create_image_manifest(&image, 7, &regions, &key)?;
/// let view = ManifestView::new_checked(&manifest[..])?;
/// assert_eq!((view.image_version(), view.region_count()), (7, 2));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn create_image_manifest(
    image: &Path,
    image_version: u32,
    regions: &[RegionSpec],
    signer: &dyn ManifestSigner,
) -> Result<Vec<u8>, ImageError> {
    let io = |source| ImageError::Io {
        path: image.to_owned(),
        source,
    };
    let file = File::open(image).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    let whole;
    let regions = if regions.is_empty() {
        if size == 0 {
            return Err(ImageError::Empty {
                path: image.to_owned(),
            });
        }
        let len = u32::try_from(size).map_err(|_| ImageError::TooLarge {
            path: image.to_owned(),
            size,
        })?;
        whole = [RegionSpec { offset: 0, len }];
        &whole[..]
    } else {
        regions
    };
    let mut source = ReaderImage::new(file);
    let mut hashed = Vec::with_capacity(regions.len());
    for (index, r) in regions.iter().enumerate() {
        let outside = || ImageError::OutsideImage {
            path: image.to_owned(),
            index,
            offset: r.offset,
            len: r.len,
            size,
        };
        if u64::from(r.offset).saturating_add(u64::from(r.len)) > size {
            return Err(outside());
        }
        let digest = source.digest(r.offset, r.len).map_err(|e| match e {
            SourceError::OutOfBounds { .. } => outside(),
            _ => io(std::io::Error::other(e)),
        })?;
        hashed.push(Region {
            offset: r.offset,
            len: r.len,
            digest,
        });
    }
    let manifest = Manifest::new(image_version, signer.algorithm(), signer.key_id(), &hashed)
        .map_err(ImageError::Regions)?;
    let mut buf = [0u8; MAX_LEN];
    let len = manifest
        .encode(&mut buf, signer)
        .map_err(ImageError::Encode)?;
    Ok(buf.get(..len).unwrap_or_default().to_vec())
}

/// Why an image was not verified.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyImageError {
    /// The image file could not be read (not a verdict on the image).
    #[error("cannot read {}", path.display())]
    Io {
        /// The image file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The manifest is malformed (not a verdict on the image).
    #[error("malformed manifest")]
    Malformed(#[source] ManifestError),
    /// The image or its manifest was rejected: unknown key, bad signature, rollback, a region
    /// that does not match or lies outside the image.
    #[error(transparent)]
    Rejected(IntegrityError),
}

impl VerifyImageError {
    /// Whether this is a verdict (the image does not verify) rather than unusable input.
    ///
    /// ```
    /// use otcheck::core::integrity::{IntegrityError, ManifestError};
    /// use otcheck::manifest::VerifyImageError;
    /// assert!(VerifyImageError::Rejected(IntegrityError::ManifestDigestMismatch).is_rejection());
    /// assert!(!VerifyImageError::Malformed(ManifestError::KeyIdNotZero).is_rejection());
    /// ```
    #[must_use]
    pub const fn is_rejection(&self) -> bool {
        matches!(self, Self::Rejected(_))
    }
}

/// An image that verified, with the regions its manifest covers.
///
/// See [`verify_image`] for an example.
#[derive(Debug)]
pub struct VerifiedImage {
    proof: ImageVerified,
    regions: Vec<Region>,
}

impl VerifiedImage {
    /// The verifier's proof: version, minimum, algorithm, signer key and role.
    ///
    /// See [`verify_image`] for an example.
    #[must_use]
    pub const fn proof(&self) -> &ImageVerified {
        &self.proof
    }

    /// The regions that were hashed and matched, in manifest order.
    ///
    /// See [`verify_image`] for an example.
    #[must_use]
    pub fn regions(&self) -> &[Region] {
        &self.regions
    }
}

/// Verifies the image file against `manifest` with `verifier` (trust anchors, minimum version,
/// whether digest-only manifests are accepted).
///
/// # Errors
///
/// [`VerifyImageError::Malformed`] and [`Io`](VerifyImageError::Io) for unusable input;
/// [`Rejected`](VerifyImageError::Rejected) with the verifier's reason otherwise.
///
/// ```
/// use otcheck::core::integrity::*;
/// use otcheck::manifest::{SigningKey, VerifyImageError, create_image_manifest, verify_image};
///
/// let dir = tempfile::tempdir()?;
/// let image = dir.path().join("fw.bin");
/// std::fs::write(&image, [1u8; 1000])?;
/// let key = SigningKey::from_secret(SignatureAlgorithm::EcdsaP256Sha256, &[9; 32])?;
/// let manifest = create_image_manifest(&image, 3, &[], &key)?;
///
/// let mut anchors = TrustAnchors::<2>::new();
/// anchors.add(Role::Supplier, key.public_key())?;
/// let verified = verify_image(&image, &manifest, &ImageVerifier::new(&anchors, MinimumVersion::new(3)))?;
/// assert_eq!(verified.proof().signer_role(), Some(Role::Supplier));
/// assert_eq!(verified.regions()[0].len, 1000);
///
/// let rollback = verify_image(&image, &manifest, &ImageVerifier::new(&anchors, MinimumVersion::new(4)));
/// assert!(matches!(rollback, Err(VerifyImageError::Rejected(IntegrityError::Rollback(_)))));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn verify_image<const N: usize>(
    image: &Path,
    manifest: &[u8],
    verifier: &ImageVerifier<'_, N>,
) -> Result<VerifiedImage, VerifyImageError> {
    let view = ManifestView::new_checked(manifest).map_err(VerifyImageError::Malformed)?;
    let file = File::open(image).map_err(|source| VerifyImageError::Io {
        path: image.to_owned(),
        source,
    })?;
    match verifier.verify(manifest, &mut ReaderImage::new(file)) {
        Ok(proof) => Ok(VerifiedImage {
            proof,
            regions: view.regions().collect(),
        }),
        Err(IntegrityError::Manifest(e)) => Err(VerifyImageError::Malformed(e)),
        Err(IntegrityError::Source {
            error: error @ SourceError::Io { .. },
            ..
        }) => Err(VerifyImageError::Io {
            path: image.to_owned(),
            source: std::io::Error::other(error),
        }),
        Err(e) => Err(VerifyImageError::Rejected(e)),
    }
}
