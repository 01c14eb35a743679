//! The image manifest: a compact, versioned binary format naming the image version and the
//! SHA-256 of each image region, protected by a signature (or, digest-only, by its own SHA-256).
//!
//! # Format, version 1
//!
//! All integers little-endian; `n` regions, `t` trailer bytes.
//!
//! | offset | size | field | rule |
//! |---|---|---|---|
//! | 0 | 4 | magic | `OTCM` (`4f 54 43 4d`) |
//! | 4 | 1 | format version | `1` ([`FORMAT_VERSION`]) |
//! | 5 | 1 | signature algorithm | `0` digest-only, `1` Ed25519, `2` ECDSA P-256/SHA-256 ([`SignatureAlgorithm`]) |
//! | 6 | 1 | region count `n` | `1..=8` ([`MAX_REGIONS`]) |
//! | 7 | 1 | reserved | `0` |
//! | 8 | 4 | image version | `u32`, compared with the device's stored minimum (anti-rollback) |
//! | 12 | 32 | key id | SHA-256 of the signing public key; all zero for digest-only |
//! | 44 + 40·i | 4 | region *i* offset | `u32` |
//! | 48 + 40·i | 4 | region *i* length | `u32`, non-zero, `offset + length ≤ 2³²` |
//! | 52 + 40·i | 32 | region *i* SHA-256 | of the region's bytes |
//! | 44 + 40·n | t | trailer | signature over bytes `0..44 + 40·n` (`t = 64`), or their SHA-256 for digest-only (`t = 32`) |
//!
//! Regions are in increasing offset order and do not overlap. The manifest is exactly
//! `44 + 40·n + t` bytes (at most [`MAX_LEN`] = 428): a longer input is an error, not ignored
//! padding; use [`manifest_len`] to learn the length from the first 8 bytes when the manifest
//! sits in a larger flash slot. Bumping [`FORMAT_VERSION`] is the only way to change the layout;
//! a parser rejects any other version before reading further.
//!
//! # Guarantees
//!
//! Parsing never panics, never allocates and reads nothing outside its input. Every length,
//! offset and count is bounds- and overflow-checked, and every malformed input (truncated at any
//! byte, oversized, unknown version or algorithm, non-zero reserved byte, empty, overflowing,
//! unordered or overlapping region) is a precise [`ManifestError`]. Accessors of a
//! [`ManifestView`] return what [`ManifestView::new_checked`] validated. Parsing does *not*
//! verify the trailer: that is [`ImageVerifier`](super::ImageVerifier)'s job.
//!
//! ```
//! use otcheck_core::integrity::{Digest, DigestOnlySigner, Manifest, ManifestView, Region, SignatureAlgorithm, KeyId, MAX_LEN};
//!
//! let image = [0xa5u8; 1000];
//! let regions = [Region { offset: 0, len: 1000, digest: Digest::of(&image) }];
//! let manifest = Manifest::new(7, SignatureAlgorithm::DigestOnly, KeyId::NONE, &regions)?;
//! let mut buf = [0u8; MAX_LEN];
//! let len = manifest.encode(&mut buf, &DigestOnlySigner)?;
//!
//! let view = ManifestView::new_checked(&buf[..len])?;
//! assert_eq!(view.image_version(), 7);
//! assert_eq!(view.region(0), Some(regions[0]));
//! assert_eq!(view.to_manifest(), manifest);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use core::fmt;

use super::digest::{DIGEST_LEN, Digest};
use super::signature::{KeyId, ManifestSigner, SignError, SignatureAlgorithm};

/// The four magic bytes.
pub const MAGIC: [u8; 4] = *b"OTCM";
/// The format version this code reads and writes.
pub const FORMAT_VERSION: u8 = 1;
/// The most regions a manifest can name.
pub const MAX_REGIONS: usize = 8;
/// Length of the fixed header (magic to key id).
pub const HEADER_LEN: usize = 44;
/// Length of one region entry.
pub const REGION_LEN: usize = 40;
/// Length of the longest trailer (a signature).
const MAX_TRAILER_LEN: usize = 64;
/// Length of the longest manifest.
pub const MAX_LEN: usize = HEADER_LEN + MAX_REGIONS * REGION_LEN + MAX_TRAILER_LEN;

/// Input lengths and offsets in errors, saturated to `u32`.
fn sat(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// One contiguous range of the image and its SHA-256.
///
/// ```
/// use otcheck_core::integrity::{Digest, Region};
/// let r = Region { offset: 0x0800_0000, len: 0x1000, digest: Digest::of(b"") };
/// assert_eq!(r.end(), Some(0x0800_1000));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Region {
    /// Offset (or flash address) of the first byte.
    pub offset: u32,
    /// Length in bytes.
    pub len: u32,
    /// SHA-256 of the bytes.
    pub digest: Digest,
}

impl Region {
    /// One past the last byte, `None` if that overflows `u32`.
    ///
    /// ```
    /// use otcheck_core::integrity::{Digest, Region};
    /// assert_eq!(Region { offset: u32::MAX, len: 1, digest: Digest::of(b"") }.end(), None);
    /// ```
    #[must_use]
    pub const fn end(&self) -> Option<u32> {
        self.offset.checked_add(self.len)
    }
}

/// A malformed manifest: what is wrong and where.
///
/// ```
/// use otcheck_core::integrity::{ManifestError, ManifestView};
/// assert_eq!(
///     ManifestView::new_checked(&b"OTCM"[..]).map(|_| ()),
///     Err(ManifestError::Truncated { field: "format version", offset: 4, needed: 1, available: 0 })
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum ManifestError {
    /// The input ended before a field.
    #[error(
        "manifest truncated: field `{field}` at offset {offset} needs {needed} bytes, {available} left"
    )]
    Truncated {
        /// The field.
        field: &'static str,
        /// Its offset.
        offset: u32,
        /// Its length.
        needed: u32,
        /// Bytes left at that offset.
        available: u32,
    },
    /// The input does not start with [`MAGIC`].
    #[error("not a manifest: magic is {found:02x?}, expected \"OTCM\"")]
    BadMagic {
        /// The first four bytes.
        found: [u8; 4],
    },
    /// A format version this code does not know.
    #[error("unsupported manifest format version {found} (supported: {supported})")]
    UnsupportedVersion {
        /// The version byte.
        found: u8,
        /// The version this code reads.
        supported: u8,
    },
    /// An unknown signature-algorithm code.
    #[error("unknown signature algorithm code {code} at offset 5")]
    UnknownAlgorithm {
        /// The code.
        code: u8,
    },
    /// Zero regions, or more than [`MAX_REGIONS`].
    #[error("region count {found} at offset 6 is outside 1..={max}")]
    RegionCount {
        /// The count given.
        found: usize,
        /// [`MAX_REGIONS`].
        max: usize,
    },
    /// A reserved byte is not zero.
    #[error("reserved byte at offset {offset} is {found:#04x}, must be 0")]
    Reserved {
        /// Its offset.
        offset: u32,
        /// Its value.
        found: u8,
    },
    /// A digest-only manifest names a key.
    #[error("digest-only manifest has a non-zero key id")]
    KeyIdNotZero,
    /// A region of length zero.
    #[error("region {index} is empty")]
    EmptyRegion {
        /// Region index.
        index: usize,
    },
    /// A region whose end overflows `u32`.
    #[error("region {index} ({offset}+{len}) overflows the 32-bit address space")]
    RegionOverflow {
        /// Region index.
        index: usize,
        /// Its offset.
        offset: u32,
        /// Its length.
        len: u32,
    },
    /// A region that starts before the previous one ends.
    #[error("region {index} starts at {offset}, before the previous region ends at {previous_end}")]
    RegionOrder {
        /// Region index.
        index: usize,
        /// Its offset.
        offset: u32,
        /// End of region `index - 1`.
        previous_end: u32,
    },
    /// Bytes after the trailer.
    #[error("manifest is {found} bytes, expected exactly {expected}")]
    Oversized {
        /// The length the header announces.
        expected: u32,
        /// The input length.
        found: u32,
    },
}

/// Encoding a manifest failed.
///
/// ```
/// use otcheck_core::integrity::EncodeError;
/// let e = EncodeError::BufferTooSmall { needed: 148, available: 100 };
/// assert_eq!(e.to_string(), "manifest needs 148 bytes, the buffer has 100");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum EncodeError {
    /// The output buffer is too short.
    #[error("manifest needs {needed} bytes, the buffer has {available}")]
    BufferTooSmall {
        /// Bytes needed.
        needed: usize,
        /// Buffer length.
        available: usize,
    },
    /// The signer uses another algorithm or key than the manifest names.
    #[error(
        "the signer's {signer} key {signer_key_id} does not match the manifest's {manifest} key {manifest_key_id}"
    )]
    SignerMismatch {
        /// The manifest's algorithm.
        manifest: SignatureAlgorithm,
        /// The manifest's key id.
        manifest_key_id: KeyId,
        /// The signer's algorithm.
        signer: SignatureAlgorithm,
        /// The signer's key id.
        signer_key_id: KeyId,
    },
    /// The signer failed.
    #[error(transparent)]
    Sign(#[from] SignError),
}

/// Reads a manifest's total length from its first 8 bytes (magic, version, algorithm, region
/// count), e.g. to read it from a flash slot of fixed size.
///
/// # Errors
///
/// The [`ManifestError`] that [`ManifestView::new_checked`] would report for those 8 bytes.
///
/// ```
/// use otcheck_core::integrity::manifest_len;
/// assert_eq!(manifest_len(&[b'O', b'T', b'C', b'M', 1, 1, 1, 0])?, 44 + 40 + 64);
/// # Ok::<(), otcheck_core::integrity::ManifestError>(())
/// ```
pub fn manifest_len(header: &[u8]) -> Result<usize, ManifestError> {
    let mut r = Reader {
        bytes: header,
        pos: 0,
    };
    let (algorithm, count) = r.preamble()?;
    Ok(layout_len(count, algorithm))
}

/// `44 + 40·count + trailer`, at most [`MAX_LEN`] for valid inputs.
const fn layout_len(count: usize, algorithm: SignatureAlgorithm) -> usize {
    let regions = if count <= MAX_REGIONS {
        count
    } else {
        MAX_REGIONS
    };
    HEADER_LEN
        .saturating_add(regions.saturating_mul(REGION_LEN))
        .saturating_add(algorithm.trailer_len())
}

/// A cursor that reports truncation precisely.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, field: &'static str, n: usize) -> Result<&'a [u8], ManifestError> {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        let (head, _) = rest.split_at_checked(n).ok_or(ManifestError::Truncated {
            field,
            offset: sat(self.pos),
            needed: sat(n),
            available: sat(rest.len()),
        })?;
        self.pos = self.pos.saturating_add(n);
        Ok(head)
    }

    fn array<const N: usize>(&mut self, field: &'static str) -> Result<[u8; N], ManifestError> {
        let s = self.take(field, N)?;
        s.try_into().map_err(|_| ManifestError::Truncated {
            field,
            offset: sat(self.pos),
            needed: sat(N),
            available: sat(s.len()),
        })
    }

    fn u8(&mut self, field: &'static str) -> Result<u8, ManifestError> {
        self.array::<1>(field).map(|[b]| b)
    }

    fn u32(&mut self, field: &'static str) -> Result<u32, ManifestError> {
        self.array::<4>(field).map(u32::from_le_bytes)
    }

    /// Magic, version, algorithm and region count: everything needed for the layout.
    fn preamble(&mut self) -> Result<(SignatureAlgorithm, usize), ManifestError> {
        let magic = self.array::<4>("magic")?;
        if magic != MAGIC {
            return Err(ManifestError::BadMagic { found: magic });
        }
        let version = self.u8("format version")?;
        if version != FORMAT_VERSION {
            return Err(ManifestError::UnsupportedVersion {
                found: version,
                supported: FORMAT_VERSION,
            });
        }
        let code = self.u8("signature algorithm")?;
        let algorithm =
            SignatureAlgorithm::from_code(code).ok_or(ManifestError::UnknownAlgorithm { code })?;
        let count = usize::from(self.u8("region count")?);
        check_count(count)?;
        Ok((algorithm, count))
    }
}

fn check_count(count: usize) -> Result<(), ManifestError> {
    if count == 0 || count > MAX_REGIONS {
        return Err(ManifestError::RegionCount {
            found: count,
            max: MAX_REGIONS,
        });
    }
    Ok(())
}

/// Checks region `index` against the one before it.
fn check_region(
    index: usize,
    region: &Region,
    previous_end: Option<u32>,
) -> Result<u32, ManifestError> {
    if region.len == 0 {
        return Err(ManifestError::EmptyRegion { index });
    }
    let end = region.end().ok_or(ManifestError::RegionOverflow {
        index,
        offset: region.offset,
        len: region.len,
    })?;
    if let Some(previous_end) = previous_end
        && region.offset < previous_end
    {
        return Err(ManifestError::RegionOrder {
            index,
            offset: region.offset,
            previous_end,
        });
    }
    Ok(end)
}

/// A checked view of manifest bytes: [`new_checked`](Self::new_checked) validates the whole
/// layout once, then accessors read fields in place.
///
/// ```
/// use otcheck_core::integrity::{ManifestError, ManifestView};
/// let err = ManifestView::new_checked(&b"OTCM\x02"[..]).map(|_| ());
/// assert_eq!(err, Err(ManifestError::UnsupportedVersion { found: 2, supported: 1 }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ManifestView<T: AsRef<[u8]>> {
    buffer: T,
    algorithm: SignatureAlgorithm,
    region_count: usize,
}

impl<T: AsRef<[u8]>> ManifestView<T> {
    /// Validates `buffer` as a complete manifest.
    ///
    /// # Errors
    ///
    /// [`ManifestError`] for the first problem, in byte order.
    ///
    /// ```
    /// use otcheck_core::integrity::{ManifestError, ManifestView};
    /// assert!(matches!(ManifestView::new_checked(&b"ELF!"[..]), Err(ManifestError::BadMagic { .. })));
    /// ```
    pub fn new_checked(buffer: T) -> Result<Self, ManifestError> {
        let bytes = buffer.as_ref();
        let mut r = Reader { bytes, pos: 0 };
        let (algorithm, region_count) = r.preamble()?;
        let reserved_at = sat(r.pos);
        let reserved = r.u8("reserved")?;
        if reserved != 0 {
            return Err(ManifestError::Reserved {
                offset: reserved_at,
                found: reserved,
            });
        }
        r.u32("image version")?;
        let key_id = r.array::<DIGEST_LEN>("key id")?;
        if !algorithm.is_signature() && key_id != [0; DIGEST_LEN] {
            return Err(ManifestError::KeyIdNotZero);
        }
        let mut previous_end = None;
        for index in 0..region_count {
            let region = Region {
                offset: r.u32("region offset")?,
                len: r.u32("region length")?,
                digest: Digest::from_bytes(r.array::<DIGEST_LEN>("region digest")?),
            };
            previous_end = Some(check_region(index, &region, previous_end)?);
        }
        r.take("trailer", algorithm.trailer_len())?;
        if bytes.len() != r.pos {
            return Err(ManifestError::Oversized {
                expected: sat(r.pos),
                found: sat(bytes.len()),
            });
        }
        Ok(Self {
            buffer,
            algorithm,
            region_count,
        })
    }

    fn bytes(&self) -> &[u8] {
        self.buffer.as_ref()
    }

    /// `N` bytes at `at`; validated by `new_checked`, so the zero fallback is never taken.
    fn field<const N: usize>(&self, at: usize) -> [u8; N] {
        at.checked_add(N)
            .and_then(|end| self.bytes().get(at..end))
            .and_then(|s| s.try_into().ok())
            .unwrap_or([0; N])
    }

    fn signed_len(&self) -> usize {
        layout_len(self.region_count, SignatureAlgorithm::DigestOnly).saturating_sub(DIGEST_LEN)
    }

    /// The format version (always [`FORMAT_VERSION`] for a checked view).
    ///
    /// ```
    /// # use otcheck_core::integrity::*;
    /// # let m = Manifest::new(1, SignatureAlgorithm::DigestOnly, KeyId::NONE, &[Region { offset: 0, len: 1, digest: Digest::of(b"x") }])?;
    /// # let mut buf = [0u8; MAX_LEN];
    /// # let n = m.encode(&mut buf, &DigestOnlySigner)?;
    /// assert_eq!(ManifestView::new_checked(&buf[..n])?.format_version(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn format_version(&self) -> u8 {
        let [v] = self.field::<1>(4);
        v
    }

    /// The signature algorithm.
    ///
    /// ```
    /// # use otcheck_core::integrity::*;
    /// # let m = Manifest::new(1, SignatureAlgorithm::DigestOnly, KeyId::NONE, &[Region { offset: 0, len: 1, digest: Digest::of(b"x") }])?;
    /// # let mut buf = [0u8; MAX_LEN];
    /// # let n = m.encode(&mut buf, &DigestOnlySigner)?;
    /// assert_eq!(ManifestView::new_checked(&buf[..n])?.algorithm(), SignatureAlgorithm::DigestOnly);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn algorithm(&self) -> SignatureAlgorithm {
        self.algorithm
    }

    /// The image version (anti-rollback).
    ///
    /// ```
    /// # use otcheck_core::integrity::*;
    /// # let m = Manifest::new(42, SignatureAlgorithm::DigestOnly, KeyId::NONE, &[Region { offset: 0, len: 1, digest: Digest::of(b"x") }])?;
    /// # let mut buf = [0u8; MAX_LEN];
    /// # let n = m.encode(&mut buf, &DigestOnlySigner)?;
    /// assert_eq!(ManifestView::new_checked(&buf[..n])?.image_version(), 42);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn image_version(&self) -> u32 {
        u32::from_le_bytes(self.field(8))
    }

    /// The signing key's id ([`KeyId::NONE`] for digest-only).
    ///
    /// ```
    /// # use otcheck_core::integrity::*;
    /// # let m = Manifest::new(1, SignatureAlgorithm::DigestOnly, KeyId::NONE, &[Region { offset: 0, len: 1, digest: Digest::of(b"x") }])?;
    /// # let mut buf = [0u8; MAX_LEN];
    /// # let n = m.encode(&mut buf, &DigestOnlySigner)?;
    /// assert_eq!(ManifestView::new_checked(&buf[..n])?.key_id(), KeyId::NONE);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn key_id(&self) -> KeyId {
        KeyId::from_bytes(self.field(12))
    }

    /// How many regions (1 to [`MAX_REGIONS`]).
    ///
    /// ```
    /// # use otcheck_core::integrity::*;
    /// # let m = Manifest::new(1, SignatureAlgorithm::DigestOnly, KeyId::NONE, &[Region { offset: 0, len: 1, digest: Digest::of(b"x") }])?;
    /// # let mut buf = [0u8; MAX_LEN];
    /// # let n = m.encode(&mut buf, &DigestOnlySigner)?;
    /// assert_eq!(ManifestView::new_checked(&buf[..n])?.region_count(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn region_count(&self) -> usize {
        self.region_count
    }

    /// Region `index`, `None` past the last.
    ///
    /// ```
    /// # use otcheck_core::integrity::*;
    /// # let m = Manifest::new(1, SignatureAlgorithm::DigestOnly, KeyId::NONE, &[Region { offset: 0, len: 1, digest: Digest::of(b"x") }])?;
    /// # let mut buf = [0u8; MAX_LEN];
    /// # let n = m.encode(&mut buf, &DigestOnlySigner)?;
    /// let view = ManifestView::new_checked(&buf[..n])?;
    /// assert_eq!(view.region(0).map(|r| r.len), Some(1));
    /// assert_eq!(view.region(1), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn region(&self, index: usize) -> Option<Region> {
        if index >= self.region_count {
            return None;
        }
        let at = index.checked_mul(REGION_LEN)?.checked_add(HEADER_LEN)?;
        Some(Region {
            offset: u32::from_le_bytes(self.field(at)),
            len: u32::from_le_bytes(self.field(at.checked_add(4)?)),
            digest: Digest::from_bytes(self.field(at.checked_add(8)?)),
        })
    }

    /// The regions in order.
    ///
    /// ```
    /// # use otcheck_core::integrity::*;
    /// # let m = Manifest::new(1, SignatureAlgorithm::DigestOnly, KeyId::NONE, &[Region { offset: 0, len: 1, digest: Digest::of(b"x") }])?;
    /// # let mut buf = [0u8; MAX_LEN];
    /// # let n = m.encode(&mut buf, &DigestOnlySigner)?;
    /// assert_eq!(ManifestView::new_checked(&buf[..n])?.regions().count(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn regions(&self) -> impl Iterator<Item = Region> + '_ {
        (0..self.region_count).filter_map(|i| self.region(i))
    }

    /// The bytes the trailer covers (everything before it).
    ///
    /// ```
    /// # use otcheck_core::integrity::*;
    /// # let m = Manifest::new(1, SignatureAlgorithm::DigestOnly, KeyId::NONE, &[Region { offset: 0, len: 1, digest: Digest::of(b"x") }])?;
    /// # let mut buf = [0u8; MAX_LEN];
    /// # let n = m.encode(&mut buf, &DigestOnlySigner)?;
    /// let view = ManifestView::new_checked(&buf[..n])?;
    /// assert_eq!(view.signed_bytes().len(), 84);
    /// assert_eq!(view.trailer(), Digest::of(view.signed_bytes()).as_bytes());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn signed_bytes(&self) -> &[u8] {
        let n = self.signed_len();
        self.bytes().get(..n).unwrap_or_default()
    }

    /// The trailer: the signature, or the SHA-256 of [`signed_bytes`](Self::signed_bytes).
    ///
    /// ```
    /// # use otcheck_core::integrity::*;
    /// # let m = Manifest::new(1, SignatureAlgorithm::DigestOnly, KeyId::NONE, &[Region { offset: 0, len: 1, digest: Digest::of(b"x") }])?;
    /// # let mut buf = [0u8; MAX_LEN];
    /// # let n = m.encode(&mut buf, &DigestOnlySigner)?;
    /// assert_eq!(ManifestView::new_checked(&buf[..n])?.trailer().len(), 32);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn trailer(&self) -> &[u8] {
        let n = self.signed_len();
        self.bytes().get(n..).unwrap_or_default()
    }

    /// The whole manifest.
    ///
    /// ```
    /// # use otcheck_core::integrity::*;
    /// # let m = Manifest::new(1, SignatureAlgorithm::DigestOnly, KeyId::NONE, &[Region { offset: 0, len: 1, digest: Digest::of(b"x") }])?;
    /// # let mut buf = [0u8; MAX_LEN];
    /// # let n = m.encode(&mut buf, &DigestOnlySigner)?;
    /// assert_eq!(ManifestView::new_checked(&buf[..n])?.as_bytes().len(), n);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes()
    }

    /// Gives the buffer back.
    ///
    /// ```
    /// # use otcheck_core::integrity::*;
    /// # let m = Manifest::new(1, SignatureAlgorithm::DigestOnly, KeyId::NONE, &[Region { offset: 0, len: 1, digest: Digest::of(b"x") }])?;
    /// # let mut buf = [0u8; MAX_LEN];
    /// # let n = m.encode(&mut buf, &DigestOnlySigner)?;
    /// let bytes: &[u8] = ManifestView::new_checked(&buf[..n])?.into_inner();
    /// assert_eq!(bytes.len(), n);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn into_inner(self) -> T {
        self.buffer
    }

    /// The manifest's meaning, without its trailer.
    ///
    /// ```
    /// # use otcheck_core::integrity::*;
    /// # let m = Manifest::new(1, SignatureAlgorithm::DigestOnly, KeyId::NONE, &[Region { offset: 0, len: 1, digest: Digest::of(b"x") }])?;
    /// # let mut buf = [0u8; MAX_LEN];
    /// # let n = m.encode(&mut buf, &DigestOnlySigner)?;
    /// assert_eq!(ManifestView::new_checked(&buf[..n])?.to_manifest(), m);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn to_manifest(&self) -> Manifest {
        let mut regions = [EMPTY_REGION; MAX_REGIONS];
        for (slot, region) in regions.iter_mut().zip(self.regions()) {
            *slot = region;
        }
        Manifest {
            image_version: self.image_version(),
            algorithm: self.algorithm,
            key_id: self.key_id(),
            regions,
            region_count: self.region_count,
        }
    }
}

const EMPTY_REGION: Region = Region {
    offset: 0,
    len: 0,
    digest: Digest::from_bytes([0; DIGEST_LEN]),
};

/// What a manifest says, without its trailer: build one with [`Manifest::new`] and
/// [`encode`](Self::encode) it, or get one from [`ManifestView::to_manifest`].
///
/// ```
/// use otcheck_core::integrity::{Digest, KeyId, Manifest, ManifestError, Region, SignatureAlgorithm};
/// let a = Region { offset: 0, len: 16, digest: Digest::of(&[0; 16]) };
/// let b = Region { offset: 8, len: 16, digest: Digest::of(&[0; 16]) };
/// assert_eq!(
///     Manifest::new(1, SignatureAlgorithm::DigestOnly, KeyId::NONE, &[a, b]),
///     Err(ManifestError::RegionOrder { index: 1, offset: 8, previous_end: 16 })
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Manifest {
    image_version: u32,
    algorithm: SignatureAlgorithm,
    key_id: KeyId,
    regions: [Region; MAX_REGIONS],
    region_count: usize,
}

impl Manifest {
    /// A manifest for `regions` (in increasing offset order, non-empty, non-overlapping), signed
    /// with `algorithm` by the key `key_id` ([`KeyId::NONE`] for digest-only).
    ///
    /// # Errors
    ///
    /// [`ManifestError::RegionCount`], [`EmptyRegion`](ManifestError::EmptyRegion),
    /// [`RegionOverflow`](ManifestError::RegionOverflow),
    /// [`RegionOrder`](ManifestError::RegionOrder), or
    /// [`KeyIdNotZero`](ManifestError::KeyIdNotZero) for a digest-only manifest with a key.
    ///
    /// ```
    /// use otcheck_core::integrity::{KeyId, Manifest, ManifestError, SignatureAlgorithm};
    /// assert_eq!(
    ///     Manifest::new(1, SignatureAlgorithm::DigestOnly, KeyId::NONE, &[]),
    ///     Err(ManifestError::RegionCount { found: 0, max: 8 })
    /// );
    /// ```
    pub fn new(
        image_version: u32,
        algorithm: SignatureAlgorithm,
        key_id: KeyId,
        regions: &[Region],
    ) -> Result<Self, ManifestError> {
        check_count(regions.len())?;
        if !algorithm.is_signature() && key_id != KeyId::NONE {
            return Err(ManifestError::KeyIdNotZero);
        }
        let mut stored = [EMPTY_REGION; MAX_REGIONS];
        let mut previous_end = None;
        for (index, (slot, region)) in stored.iter_mut().zip(regions).enumerate() {
            previous_end = Some(check_region(index, region, previous_end)?);
            *slot = *region;
        }
        Ok(Self {
            image_version,
            algorithm,
            key_id,
            regions: stored,
            region_count: regions.len(),
        })
    }

    /// The image version.
    ///
    /// ```
    /// # use otcheck_core::integrity::*;
    /// let m = Manifest::new(3, SignatureAlgorithm::DigestOnly, KeyId::NONE, &[Region { offset: 0, len: 1, digest: Digest::of(b"x") }])?;
    /// assert_eq!(m.image_version(), 3);
    /// # Ok::<(), ManifestError>(())
    /// ```
    #[must_use]
    pub const fn image_version(&self) -> u32 {
        self.image_version
    }

    /// The signature algorithm.
    ///
    /// ```
    /// # use otcheck_core::integrity::*;
    /// let m = Manifest::new(3, SignatureAlgorithm::DigestOnly, KeyId::NONE, &[Region { offset: 0, len: 1, digest: Digest::of(b"x") }])?;
    /// assert!(!m.algorithm().is_signature());
    /// # Ok::<(), ManifestError>(())
    /// ```
    #[must_use]
    pub const fn algorithm(&self) -> SignatureAlgorithm {
        self.algorithm
    }

    /// The signing key's id.
    ///
    /// ```
    /// # use otcheck_core::integrity::*;
    /// let id = KeyId::of(&[1; 32]);
    /// let m = Manifest::new(3, SignatureAlgorithm::Ed25519, id, &[Region { offset: 0, len: 1, digest: Digest::of(b"x") }])?;
    /// assert_eq!(m.key_id(), id);
    /// # Ok::<(), ManifestError>(())
    /// ```
    #[must_use]
    pub const fn key_id(&self) -> KeyId {
        self.key_id
    }

    /// The regions.
    ///
    /// ```
    /// # use otcheck_core::integrity::*;
    /// let r = Region { offset: 0, len: 1, digest: Digest::of(b"x") };
    /// let m = Manifest::new(3, SignatureAlgorithm::DigestOnly, KeyId::NONE, &[r])?;
    /// assert_eq!(m.regions(), &[r]);
    /// # Ok::<(), ManifestError>(())
    /// ```
    #[must_use]
    pub fn regions(&self) -> &[Region] {
        self.regions.get(..self.region_count).unwrap_or_default()
    }

    /// The encoded length, trailer included.
    ///
    /// ```
    /// # use otcheck_core::integrity::*;
    /// let m = Manifest::new(3, SignatureAlgorithm::Ed25519, KeyId::of(b"k"), &[Region { offset: 0, len: 1, digest: Digest::of(b"x") }])?;
    /// assert_eq!(m.encoded_len(), 44 + 40 + 64);
    /// # Ok::<(), ManifestError>(())
    /// ```
    #[must_use]
    pub const fn encoded_len(&self) -> usize {
        layout_len(self.region_count, self.algorithm)
    }

    /// Writes the manifest into `buf` and has `signer` produce the trailer over it; returns
    /// the length written.
    ///
    /// # Errors
    ///
    /// [`EncodeError::BufferTooSmall`], [`EncodeError::SignerMismatch`] if the signer's
    /// algorithm or key id is not the manifest's, or [`EncodeError::Sign`].
    ///
    /// ```
    /// # #[cfg(feature = "ed25519")] {
    /// use otcheck_core::integrity::*;
    /// let signer = Ed25519Signer::from_seed([1; 32])?;
    /// let region = Region { offset: 0, len: 4, digest: Digest::of(b"boot") };
    /// let m = Manifest::new(2, signer.algorithm(), signer.key_id(), &[region])?;
    /// let mut buf = [0u8; MAX_LEN];
    /// let n = m.encode(&mut buf, &signer)?;
    /// assert_eq!(n, m.encoded_len());
    /// # }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn encode(
        &self,
        buf: &mut [u8],
        signer: &dyn ManifestSigner,
    ) -> Result<usize, EncodeError> {
        if signer.algorithm() != self.algorithm || signer.key_id() != self.key_id {
            return Err(EncodeError::SignerMismatch {
                manifest: self.algorithm,
                manifest_key_id: self.key_id,
                signer: signer.algorithm(),
                signer_key_id: signer.key_id(),
            });
        }
        let needed = self.encoded_len();
        let available = buf.len();
        let out = buf
            .get_mut(..needed)
            .ok_or(EncodeError::BufferTooSmall { needed, available })?;
        let (signed, trailer) = out
            .split_at_mut_checked(needed.saturating_sub(self.algorithm.trailer_len()))
            .ok_or(EncodeError::BufferTooSmall { needed, available })?;
        let mut w = Writer {
            out: signed,
            pos: 0,
        };
        w.put(&MAGIC);
        w.put(&[FORMAT_VERSION, self.algorithm.code()]);
        w.put(&[u8::try_from(self.region_count).unwrap_or(u8::MAX), 0]);
        w.put(&self.image_version.to_le_bytes());
        w.put(self.key_id.as_bytes());
        for region in self.regions() {
            w.put(&region.offset.to_le_bytes());
            w.put(&region.len.to_le_bytes());
            w.put(region.digest.as_bytes());
        }
        if !w.complete() {
            return Err(EncodeError::BufferTooSmall { needed, available });
        }
        signer.sign(signed, trailer)?;
        Ok(needed)
    }
}

/// Writes into a slice whose length the caller computed; `complete` says whether it fit
/// exactly.
struct Writer<'a> {
    out: &'a mut [u8],
    pos: usize,
}

impl Writer<'_> {
    fn put(&mut self, bytes: &[u8]) {
        let end = self.pos.saturating_add(bytes.len());
        if let Some(dst) = self.out.get_mut(self.pos..end) {
            dst.copy_from_slice(bytes);
        }
        self.pos = end;
    }

    fn complete(&self) -> bool {
        self.pos == self.out.len()
    }
}

impl fmt::Display for Manifest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "image version {}, {} region(s), {}",
            self.image_version, self.region_count, self.algorithm
        )?;
        if self.algorithm.is_signature() {
            write!(f, " by key {}", self.key_id)?;
        }
        Ok(())
    }
}

#[cfg(test)]
#[allow(
    clippy::arithmetic_side_effects,
    reason = "test arithmetic on small, known values"
)]
mod tests {
    use super::*;
    use crate::integrity::DigestOnlySigner;

    /// A signer that writes a fixed pattern: lets the tests build "signed" manifests without a
    /// crypto feature.
    struct FakeSigner(SignatureAlgorithm, KeyId);

    impl ManifestSigner for FakeSigner {
        fn algorithm(&self) -> SignatureAlgorithm {
            self.0
        }
        fn key_id(&self) -> KeyId {
            self.1
        }
        fn sign(&self, _: &[u8], out: &mut [u8]) -> Result<(), SignError> {
            out.fill(0x5a);
            Ok(())
        }
    }

    fn regions() -> [Region; 3] {
        [
            Region {
                offset: 0x100,
                len: 0x80,
                digest: Digest::of(b"a"),
            },
            Region {
                offset: 0x180,
                len: 0x10,
                digest: Digest::of(b"b"),
            },
            Region {
                offset: 0x1000,
                len: 0xffff_e000,
                digest: Digest::of(b"c"),
            },
        ]
    }

    fn encoded(alg: SignatureAlgorithm) -> ([u8; MAX_LEN], usize) {
        let key = if alg.is_signature() {
            KeyId::of(b"key")
        } else {
            KeyId::NONE
        };
        let m = Manifest::new(0x0102_0304, alg, key, &regions()).unwrap();
        let mut buf = [0u8; MAX_LEN];
        let n = if alg.is_signature() {
            m.encode(&mut buf, &FakeSigner(alg, key)).unwrap()
        } else {
            m.encode(&mut buf, &DigestOnlySigner).unwrap()
        };
        (buf, n)
    }

    /// The exact bytes of a small digest-only manifest, written out by hand from the format
    /// table in the module docs.
    #[test]
    fn layout_matches_the_documented_format() {
        let r = Region {
            offset: 0x0800_0000,
            len: 0x10,
            digest: Digest::from_bytes([0xdd; 32]),
        };
        let m = Manifest::new(
            0xa1b2_c3d4,
            SignatureAlgorithm::DigestOnly,
            KeyId::NONE,
            &[r],
        )
        .unwrap();
        let mut buf = [0u8; MAX_LEN];
        let n = m.encode(&mut buf, &DigestOnlySigner).unwrap();
        let mut expected = std::vec::Vec::new();
        expected.extend_from_slice(b"OTCM");
        expected.extend_from_slice(&[1, 0, 1, 0]);
        expected.extend_from_slice(&[0xd4, 0xc3, 0xb2, 0xa1]);
        expected.extend_from_slice(&[0; 32]);
        expected.extend_from_slice(&[0x00, 0x00, 0x00, 0x08, 0x10, 0, 0, 0]);
        expected.extend_from_slice(&[0xdd; 32]);
        let trailer = Digest::of(&expected);
        expected.extend_from_slice(trailer.as_bytes());
        assert_eq!(&buf[..n], &expected[..]);
        assert_eq!(manifest_len(&buf[..8]), Ok(n));
    }

    #[test]
    fn round_trip_all_algorithms() {
        for alg in [
            SignatureAlgorithm::DigestOnly,
            SignatureAlgorithm::Ed25519,
            SignatureAlgorithm::EcdsaP256Sha256,
        ] {
            let (buf, n) = encoded(alg);
            assert_eq!(n, 44 + 3 * 40 + alg.trailer_len());
            let view = ManifestView::new_checked(&buf[..n]).unwrap();
            assert_eq!(view.algorithm(), alg);
            assert_eq!(view.image_version(), 0x0102_0304);
            assert_eq!(view.regions().collect::<std::vec::Vec<_>>(), regions());
            assert_eq!(view.signed_bytes().len() + view.trailer().len(), n);
            let m = view.to_manifest();
            let mut again = [0u8; MAX_LEN];
            let key = m.key_id();
            let n2 = if alg.is_signature() {
                m.encode(&mut again, &FakeSigner(alg, key)).unwrap()
            } else {
                m.encode(&mut again, &DigestOnlySigner).unwrap()
            };
            assert_eq!(&again[..n2], &buf[..n]);
        }
    }

    #[test]
    fn every_truncated_prefix_is_a_truncation_error() {
        for alg in [SignatureAlgorithm::DigestOnly, SignatureAlgorithm::Ed25519] {
            let (buf, n) = encoded(alg);
            for len in 0..n {
                match ManifestView::new_checked(&buf[..len]) {
                    Err(ManifestError::Truncated {
                        offset,
                        needed,
                        available,
                        ..
                    }) => {
                        assert!(available < needed, "prefix {len}");
                        assert_eq!(
                            offset + available,
                            u32::try_from(len).unwrap(),
                            "prefix {len}"
                        );
                    }
                    other => panic!("prefix {len}: {other:?}"),
                }
            }
        }
    }

    #[test]
    fn truncation_names_the_field() {
        let (buf, _) = encoded(SignatureAlgorithm::Ed25519);
        let field = |len: usize| match ManifestView::new_checked(&buf[..len]) {
            Err(ManifestError::Truncated { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(field(0), "magic");
        assert_eq!(field(6), "region count");
        assert_eq!(field(9), "image version");
        assert_eq!(field(40), "key id");
        assert_eq!(field(44), "region offset");
        assert_eq!(field(50), "region length");
        assert_eq!(field(60), "region digest");
        assert_eq!(field(44 + 120), "trailer");
    }

    #[test]
    fn oversized_input_is_rejected() {
        let (buf, n) = encoded(SignatureAlgorithm::Ed25519);
        assert_eq!(
            ManifestView::new_checked(&buf[..n + 1]).map(|_| ()),
            Err(ManifestError::Oversized {
                expected: u32::try_from(n).unwrap(),
                found: u32::try_from(n + 1).unwrap()
            })
        );
    }

    #[test]
    fn header_fields_are_validated() {
        let (buf, n) = encoded(SignatureAlgorithm::Ed25519);
        let with = |at: usize, value: u8| {
            let mut b = buf;
            b[at] = value;
            ManifestView::new_checked(&b[..n]).map(|_| ())
        };
        assert_eq!(
            with(0, b'X'),
            Err(ManifestError::BadMagic { found: *b"XTCM" })
        );
        assert_eq!(
            with(4, 0),
            Err(ManifestError::UnsupportedVersion {
                found: 0,
                supported: 1
            })
        );
        assert_eq!(
            with(4, 2),
            Err(ManifestError::UnsupportedVersion {
                found: 2,
                supported: 1
            })
        );
        assert_eq!(with(5, 3), Err(ManifestError::UnknownAlgorithm { code: 3 }));
        assert_eq!(
            with(6, 0),
            Err(ManifestError::RegionCount { found: 0, max: 8 })
        );
        assert_eq!(
            with(6, 9),
            Err(ManifestError::RegionCount { found: 9, max: 8 })
        );
        assert_eq!(
            with(6, 255),
            Err(ManifestError::RegionCount { found: 255, max: 8 })
        );
        assert_eq!(
            with(7, 1),
            Err(ManifestError::Reserved {
                offset: 7,
                found: 1
            })
        );
        // A signed manifest relabelled digest-only still names its key.
        assert_eq!(with(5, 0), Err(ManifestError::KeyIdNotZero));
        // Fewer regions than encoded: the rest is read as trailer, then bytes are left over.
        assert!(matches!(with(6, 2), Err(ManifestError::Oversized { .. })));
        // More regions than encoded: the trailer is read as region 3, which is out of order.
        assert!(matches!(
            with(6, 4),
            Err(ManifestError::RegionOrder { index: 3, .. })
        ));
    }

    #[test]
    fn region_rules_are_validated_when_parsing() {
        let (buf, n) = encoded(SignatureAlgorithm::DigestOnly);
        let set_u32 = |b: &mut [u8; MAX_LEN], at: usize, v: u32| {
            b[at..at + 4].copy_from_slice(&v.to_le_bytes())
        };
        let mut b = buf;
        set_u32(&mut b, 44 + 40 + 4, 0);
        assert_eq!(
            ManifestView::new_checked(&b[..n]).map(|_| ()),
            Err(ManifestError::EmptyRegion { index: 1 })
        );
        let mut b = buf;
        set_u32(&mut b, 44 + 80 + 4, 0xffff_f001);
        assert_eq!(
            ManifestView::new_checked(&b[..n]).map(|_| ()),
            Err(ManifestError::RegionOverflow {
                index: 2,
                offset: 0x1000,
                len: 0xffff_f001
            })
        );
        let mut b = buf;
        set_u32(&mut b, 44 + 40, 0x17f);
        assert_eq!(
            ManifestView::new_checked(&b[..n]).map(|_| ()),
            Err(ManifestError::RegionOrder {
                index: 1,
                offset: 0x17f,
                previous_end: 0x180
            })
        );
    }

    #[test]
    fn new_validates_like_the_parser() {
        let r = regions();
        let nine = [r[0]; 9];
        assert_eq!(
            Manifest::new(1, SignatureAlgorithm::Ed25519, KeyId::NONE, &nine),
            Err(ManifestError::RegionCount { found: 9, max: 8 })
        );
        assert_eq!(
            Manifest::new(1, SignatureAlgorithm::DigestOnly, KeyId::of(b"k"), &r),
            Err(ManifestError::KeyIdNotZero)
        );
        assert_eq!(
            Manifest::new(
                1,
                SignatureAlgorithm::DigestOnly,
                KeyId::NONE,
                &[r[1], r[0]]
            ),
            Err(ManifestError::RegionOrder {
                index: 1,
                offset: 0x100,
                previous_end: 0x190
            })
        );
        let m = Manifest::new(
            1,
            SignatureAlgorithm::DigestOnly,
            KeyId::NONE,
            &[r[0]; 8][..1],
        )
        .unwrap();
        assert_eq!(m.regions().len(), 1);
    }

    #[test]
    fn encode_checks_buffer_and_signer() {
        let m = Manifest::new(1, SignatureAlgorithm::DigestOnly, KeyId::NONE, &regions()).unwrap();
        let mut small = [0u8; 100];
        assert_eq!(
            m.encode(&mut small, &DigestOnlySigner),
            Err(EncodeError::BufferTooSmall {
                needed: m.encoded_len(),
                available: 100
            })
        );
        let mut buf = [0u8; MAX_LEN];
        let other = FakeSigner(SignatureAlgorithm::Ed25519, KeyId::of(b"k"));
        assert!(matches!(
            m.encode(&mut buf, &other),
            Err(EncodeError::SignerMismatch { .. })
        ));
        assert_eq!(buf, [0u8; MAX_LEN], "nothing written on error");
    }

    #[test]
    fn max_len_manifest_fits_max_len() {
        let mut rs = [EMPTY_REGION; MAX_REGIONS];
        for (i, r) in rs.iter_mut().enumerate() {
            *r = Region {
                offset: u32::try_from(i).unwrap() * 16,
                len: 16,
                digest: Digest::of(&[]),
            };
        }
        let m = Manifest::new(1, SignatureAlgorithm::Ed25519, KeyId::of(b"k"), &rs).unwrap();
        assert_eq!(m.encoded_len(), MAX_LEN);
        let mut buf = [0u8; MAX_LEN];
        let n = m
            .encode(
                &mut buf,
                &FakeSigner(SignatureAlgorithm::Ed25519, KeyId::of(b"k")),
            )
            .unwrap();
        assert_eq!(
            ManifestView::new_checked(&buf[..n]).unwrap().region_count(),
            MAX_REGIONS
        );
    }
}
