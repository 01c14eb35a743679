//! SHA-256 digests: streaming over slices, over flash through [`ReadNorFlash`], and over
//! [`std::io::Read`] on the host; constant-time comparison; hexadecimal text form.
//!
//! Guarantees: nothing here panics or allocates. Flash reads go only through a caller-provided
//! buffer, are aligned to the driver's `READ_SIZE`, and never leave `offset..offset + len`
//! rounded out to that alignment; the range is checked against the flash capacity and for
//! overflow before the first read. [`Digest`] equality ([`PartialEq`], [`ct_eq`]) takes the
//! same time whatever the contents.

use core::fmt;

use embedded_storage::nor_flash::{NorFlashError, NorFlashErrorKind, ReadNorFlash};
use sha2::Digest as _;

/// Length of a SHA-256 digest in bytes.
pub const DIGEST_LEN: usize = 32;

/// Compares two byte strings in time that depends only on their lengths, not their contents.
///
/// Strings of different lengths are unequal (lengths are not secret here: digests, MACs and
/// key ids have fixed lengths).
///
/// ```
/// use otcheck_core::integrity::ct_eq;
/// assert!(ct_eq(b"same bytes", b"same bytes"));
/// assert!(!ct_eq(b"same bytes", b"same bytez"));
/// assert!(!ct_eq(b"short", b"longer"));
/// ```
#[must_use]
pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    // Keep the optimiser from turning the fold into an early-exit comparison.
    core::hint::black_box(diff) == 0
}

/// A SHA-256 digest. Equality is constant-time; `Display` and `Debug` print lower-case hex.
///
/// With the `serde` feature it (de)serialises as a 64-character hex string.
///
/// ```
/// use otcheck_core::integrity::Digest;
/// let d = Digest::of(b"abc");
/// assert_eq!(d.to_string(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
/// assert_eq!(Digest::from_hex(&d.to_string())?, d);
/// # Ok::<(), otcheck_core::integrity::HexError>(())
/// ```
#[derive(Clone, Copy, Eq)]
pub struct Digest([u8; DIGEST_LEN]);

impl Digest {
    /// Wraps 32 digest bytes.
    ///
    /// ```
    /// let d = otcheck_core::integrity::Digest::from_bytes([0; 32]);
    /// assert_eq!(d.as_bytes(), &[0; 32]);
    /// ```
    #[must_use]
    pub const fn from_bytes(bytes: [u8; DIGEST_LEN]) -> Self {
        Self(bytes)
    }

    /// The digest bytes.
    ///
    /// ```
    /// let d = otcheck_core::integrity::Digest::of(b"");
    /// assert_eq!(d.as_bytes()[0], 0xe3);
    /// ```
    #[must_use]
    pub const fn as_bytes(&self) -> &[u8; DIGEST_LEN] {
        &self.0
    }

    /// SHA-256 of `data` in one call.
    ///
    /// ```
    /// use otcheck_core::integrity::Digest;
    /// assert_eq!(Digest::of(b"abc"), Digest::of(b"abc"));
    /// assert_ne!(Digest::of(b"abc"), Digest::of(b"abd"));
    /// ```
    #[must_use]
    pub fn of(data: &[u8]) -> Self {
        let mut h = Sha256::new();
        h.update(data);
        h.finalize()
    }

    /// Constant-time equality (what `==` uses).
    ///
    /// ```
    /// use otcheck_core::integrity::Digest;
    /// assert!(Digest::of(b"x").ct_eq(&Digest::of(b"x")));
    /// ```
    #[must_use]
    pub fn ct_eq(&self, other: &Self) -> bool {
        ct_eq(&self.0, &other.0)
    }

    /// Parses 64 hex digits (either case).
    ///
    /// # Errors
    ///
    /// [`HexError::Length`] unless there are exactly 64 characters, [`HexError::Digit`] at the
    /// first character that is not a hex digit.
    ///
    /// ```
    /// use otcheck_core::integrity::{Digest, HexError};
    /// assert_eq!(Digest::from_hex("ab"), Err(HexError::Length { expected: 64, found: 2 }));
    /// let bad = "g".repeat(64);
    /// assert_eq!(Digest::from_hex(&bad), Err(HexError::Digit { offset: 0 }));
    /// ```
    pub fn from_hex(text: &str) -> Result<Self, HexError> {
        let mut out = [0u8; DIGEST_LEN];
        decode_hex(text, &mut out)?;
        Ok(Self(out))
    }
}

impl PartialEq for Digest {
    fn eq(&self, other: &Self) -> bool {
        self.ct_eq(other)
    }
}

impl core::hash::Hash for Digest {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_hex(f, &self.0)
    }
}

impl fmt::Debug for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Digest({self})")
    }
}

impl From<[u8; DIGEST_LEN]> for Digest {
    fn from(bytes: [u8; DIGEST_LEN]) -> Self {
        Self(bytes)
    }
}

/// A hex string that is not a well-formed digest or key id.
///
/// ```
/// use otcheck_core::integrity::HexError;
/// assert_eq!(HexError::Digit { offset: 3 }.to_string(), "not a hex digit at offset 3");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HexError {
    /// The text has the wrong number of characters.
    #[error("expected {expected} hex digits, found {found} characters")]
    Length {
        /// Digits expected.
        expected: usize,
        /// Characters found.
        found: usize,
    },
    /// A character is not `0-9`, `a-f` or `A-F`.
    #[error("not a hex digit at offset {offset}")]
    Digit {
        /// Byte offset in the text.
        offset: usize,
    },
}

/// Writes `bytes` as lower-case hex.
pub(crate) fn write_hex(f: &mut fmt::Formatter<'_>, bytes: &[u8]) -> fmt::Result {
    bytes.iter().try_for_each(|b| write!(f, "{b:02x}"))
}

/// Decodes exactly `2 * out.len()` hex digits into `out`.
pub(crate) fn decode_hex(text: &str, out: &mut [u8]) -> Result<(), HexError> {
    let expected = out.len().saturating_mul(2);
    if text.len() != expected {
        return Err(HexError::Length {
            expected,
            found: text.len(),
        });
    }
    for ((i, pair), byte) in text.as_bytes().chunks_exact(2).enumerate().zip(out) {
        let offset = i.saturating_mul(2);
        let (hi, lo) = match pair {
            [hi, lo] => (*hi, *lo),
            _ => return Err(HexError::Digit { offset }),
        };
        let hi = nibble(hi).ok_or(HexError::Digit { offset })?;
        let lo = nibble(lo).ok_or(HexError::Digit {
            offset: offset.saturating_add(1),
        })?;
        *byte = (hi << 4) | lo;
    }
    Ok(())
}

fn nibble(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => c.checked_sub(b'0'),
        b'a'..=b'f' => c.checked_sub(b'a' - 10),
        b'A'..=b'F' => c.checked_sub(b'A' - 10),
        _ => None,
    }
}

/// Streaming SHA-256.
///
/// ```
/// use otcheck_core::integrity::{Digest, Sha256};
/// let mut h = Sha256::new();
/// h.update(b"ab");
/// h.update(b"c");
/// assert_eq!(h.finalize(), Digest::of(b"abc"));
/// ```
#[derive(Clone, Default)]
pub struct Sha256(sha2::Sha256);

impl Sha256 {
    /// A fresh hasher.
    ///
    /// ```
    /// let d = otcheck_core::integrity::Sha256::new().finalize();
    /// assert_eq!(d, otcheck_core::integrity::Digest::of(b""));
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self(sha2::Sha256::new())
    }

    /// Feeds more bytes.
    ///
    /// ```
    /// let mut h = otcheck_core::integrity::Sha256::new();
    /// h.update(&[0u8; 1024]);
    /// ```
    pub fn update(&mut self, data: &[u8]) {
        self.0.update(data);
    }

    /// The digest of everything fed so far.
    ///
    /// ```
    /// let mut h = otcheck_core::integrity::Sha256::new();
    /// h.update(b"abc");
    /// assert_eq!(h.finalize().to_string().len(), 64);
    /// ```
    #[must_use]
    pub fn finalize(self) -> Digest {
        Digest(self.0.finalize().into())
    }
}

impl fmt::Debug for Sha256 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Sha256 { .. }")
    }
}

/// Why a flash driver's read failed, as `embedded-storage` classifies it.
///
/// ```
/// use otcheck_core::integrity::FlashErrorKind;
/// assert_eq!(FlashErrorKind::NotAligned.to_string(), "not aligned");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FlashErrorKind {
    /// The driver rejected the alignment of the offset or length.
    NotAligned,
    /// The driver reported the range out of bounds.
    OutOfBounds,
    /// Any other driver error.
    Other,
}

impl fmt::Display for FlashErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::NotAligned => "not aligned",
            Self::OutOfBounds => "out of bounds",
            Self::Other => "driver error",
        })
    }
}

impl From<NorFlashErrorKind> for FlashErrorKind {
    fn from(kind: NorFlashErrorKind) -> Self {
        match kind {
            NorFlashErrorKind::NotAligned => Self::NotAligned,
            NorFlashErrorKind::OutOfBounds => Self::OutOfBounds,
            _ => Self::Other,
        }
    }
}

/// Hashing a flash range failed.
///
/// ```
/// use otcheck_core::integrity::FlashReadError;
/// let e = FlashReadError::OutOfBounds { offset: 4096, len: 16, capacity: 4096 };
/// assert_eq!(e.to_string(), "flash range 4096+16 exceeds the capacity of 4096 bytes");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum FlashReadError {
    /// The scratch buffer cannot hold one aligned read.
    #[error("scratch buffer of {len} bytes is smaller than the flash read size of {read_size}")]
    BufferTooSmall {
        /// Buffer length.
        len: usize,
        /// The driver's `READ_SIZE`.
        read_size: usize,
    },
    /// `offset + len` (rounded up to the read size) overflows the 32-bit flash address space.
    #[error("flash range {offset}+{len} overflows the 32-bit address space")]
    Overflow {
        /// Start of the range.
        offset: u32,
        /// Length of the range.
        len: u32,
    },
    /// The range does not lie inside the flash.
    #[error("flash range {offset}+{len} exceeds the capacity of {capacity} bytes")]
    OutOfBounds {
        /// Start of the range.
        offset: u32,
        /// Length of the range.
        len: u32,
        /// The driver's capacity.
        capacity: usize,
    },
    /// The driver failed a read.
    #[error("flash read of {len} bytes at offset {offset} failed: {kind}")]
    Read {
        /// Offset of the failed read.
        offset: u32,
        /// Length of the failed read.
        len: u32,
        /// What the driver said.
        kind: FlashErrorKind,
    },
}

/// SHA-256 of `len` bytes of flash starting at `offset`, read through `buf`.
///
/// Reads are aligned to `F::READ_SIZE` (the range is widened to that alignment and the extra
/// bytes are not hashed), each at most `buf.len()` rounded down to the read size. A larger
/// buffer means fewer driver calls; 256–1024 bytes is typical on a microcontroller.
///
/// # Errors
///
/// [`FlashReadError`]: buffer smaller than the read size, range overflowing or beyond the
/// flash's capacity (checked before any read), or a driver error (with the failing offset).
///
/// ```
/// use embedded_storage::nor_flash::{ErrorType, NorFlashErrorKind, ReadNorFlash};
/// use otcheck_core::integrity::{digest_flash, Digest};
///
/// /// A flash that reads in 4-byte words.
/// struct WordFlash([u8; 64]);
/// impl ErrorType for WordFlash { type Error = NorFlashErrorKind; }
/// impl ReadNorFlash for WordFlash {
///     const READ_SIZE: usize = 4;
///     fn read(&mut self, offset: u32, bytes: &mut [u8]) -> Result<(), Self::Error> {
///         let start = usize::try_from(offset).map_err(|_| NorFlashErrorKind::OutOfBounds)?;
///         let src = start.checked_add(bytes.len()).and_then(|end| self.0.get(start..end));
///         bytes.copy_from_slice(src.ok_or(NorFlashErrorKind::OutOfBounds)?);
///         Ok(())
///     }
///     fn capacity(&self) -> usize { self.0.len() }
/// }
///
/// let mut flash = WordFlash(core::array::from_fn(|i| i as u8));
/// let mut buf = [0u8; 8];
/// let d = digest_flash(&mut flash, 3, 50, &mut buf)?; // unaligned start and end
/// assert_eq!(d, Digest::of(&flash.0[3..53]));
/// # Ok::<(), otcheck_core::integrity::FlashReadError>(())
/// ```
pub fn digest_flash<F: ReadNorFlash + ?Sized>(
    flash: &mut F,
    offset: u32,
    len: u32,
    buf: &mut [u8],
) -> Result<Digest, FlashReadError> {
    let read_size = F::READ_SIZE.max(1);
    let overflow = FlashReadError::Overflow { offset, len };
    let step = u32::try_from(read_size).map_err(|_| overflow)?;
    let usable = buf
        .len()
        .checked_sub(buf.len().checked_rem(read_size).unwrap_or(0))
        .filter(|&n| n > 0)
        .ok_or(FlashReadError::BufferTooSmall {
            len: buf.len(),
            read_size,
        })?;
    // Larger chunks than 4 GiB are never needed: clamp, keeping the alignment.
    let chunk = u32::try_from(usable)
        .unwrap_or_else(|_| u32::MAX.saturating_sub(u32::MAX.checked_rem(step).unwrap_or(0)));

    let end = offset.checked_add(len).ok_or(overflow)?;
    let capacity = flash.capacity();
    if usize::try_from(end).map_or(true, |end| end > capacity) {
        return Err(FlashReadError::OutOfBounds {
            offset,
            len,
            capacity,
        });
    }
    let start = offset.saturating_sub(offset.checked_rem(step).unwrap_or(0));
    let aligned_end = match end.checked_rem(step).unwrap_or(0) {
        0 => end,
        rem => end.checked_add(step.saturating_sub(rem)).ok_or(overflow)?,
    };

    let mut hasher = Sha256::new();
    let mut pos = start;
    while pos < aligned_end {
        let n = aligned_end.saturating_sub(pos).min(chunk);
        let n_usize = usize::try_from(n).map_err(|_| overflow)?;
        let dst = buf.get_mut(..n_usize).ok_or(overflow)?;
        flash.read(pos, dst).map_err(|e| FlashReadError::Read {
            offset: pos,
            len: n,
            kind: e.kind().into(),
        })?;
        let next = pos.checked_add(n).ok_or(overflow)?;
        // The part of [pos, next) inside [offset, end).
        let from = usize::try_from(offset.saturating_sub(pos)).map_err(|_| overflow)?;
        let to = usize::try_from(end.min(next).saturating_sub(pos)).map_err(|_| overflow)?;
        if let Some(part) = dst.get(from..to) {
            hasher.update(part);
        }
        pos = next;
    }
    Ok(hasher.finalize())
}

/// SHA-256 of everything `reader` yields, read through `buf` (host only, feature `std`).
///
/// # Errors
///
/// The first I/O error other than [`std::io::ErrorKind::Interrupted`].
///
/// ```
/// use otcheck_core::integrity::{digest_reader, Digest};
/// let data = vec![7u8; 100_000];
/// let mut buf = [0u8; 8192];
/// assert_eq!(digest_reader(&data[..], &mut buf)?, Digest::of(&data));
/// # Ok::<(), std::io::Error>(())
/// ```
#[cfg(feature = "std")]
pub fn digest_reader<R: std::io::Read>(mut reader: R, buf: &mut [u8]) -> std::io::Result<Digest> {
    let mut hasher = Sha256::new();
    loop {
        match reader.read(buf) {
            Ok(0) => return Ok(hasher.finalize()),
            Ok(n) => hasher.update(buf.get(..n).unwrap_or_default()),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    use super::{DIGEST_LEN, Digest, decode_hex};

    impl serde::Serialize for Digest {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_str(self)
        }
    }

    impl<'de> serde::Deserialize<'de> for Digest {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_str(HexVisitor).map(Digest)
        }
    }

    /// Visits a hex string of `DIGEST_LEN` bytes.
    pub(crate) struct HexVisitor;

    impl serde::de::Visitor<'_> for HexVisitor {
        type Value = [u8; DIGEST_LEN];

        fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            f.write_str("64 hex digits")
        }

        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            let mut out = [0u8; DIGEST_LEN];
            decode_hex(v, &mut out).map_err(E::custom)?;
            Ok(out)
        }
    }
}

#[cfg(feature = "serde")]
pub(crate) use serde_impl::HexVisitor;

#[cfg(test)]
#[allow(
    clippy::arithmetic_side_effects,
    reason = "test arithmetic on small, known values"
)]
mod tests {
    use embedded_storage::nor_flash::{ErrorType, NorFlashErrorKind, ReadNorFlash};

    use super::*;

    /// A slice-backed flash with a configurable read size that can fail on demand.
    struct TestFlash<'a, const RS: usize> {
        data: &'a [u8],
        fail_at: Option<u32>,
        reads: usize,
    }

    impl<const RS: usize> ErrorType for TestFlash<'_, RS> {
        type Error = NorFlashErrorKind;
    }

    impl<const RS: usize> ReadNorFlash for TestFlash<'_, RS> {
        const READ_SIZE: usize = RS;
        fn read(&mut self, offset: u32, bytes: &mut [u8]) -> Result<(), Self::Error> {
            self.reads += 1;
            let start = usize::try_from(offset).unwrap();
            assert_eq!(start % RS, 0, "unaligned read offset {start}");
            assert_eq!(bytes.len() % RS, 0, "unaligned read length {}", bytes.len());
            if self.fail_at.is_some_and(|f| {
                (offset..offset + u32::try_from(bytes.len()).unwrap()).contains(&f)
            }) {
                return Err(NorFlashErrorKind::Other);
            }
            let src = self
                .data
                .get(start..start + bytes.len())
                .ok_or(NorFlashErrorKind::OutOfBounds)?;
            bytes.copy_from_slice(src);
            Ok(())
        }
        fn capacity(&self) -> usize {
            self.data.len()
        }
    }

    fn pattern() -> [u8; 300] {
        core::array::from_fn(|i| u8::try_from(i % 251).unwrap())
    }

    #[test]
    fn flash_digest_matches_slice_digest_for_all_alignments() {
        let data = pattern();
        let mut flash = TestFlash::<4> {
            data: &data,
            fail_at: None,
            reads: 0,
        };
        for buf_len in [4usize, 5, 7, 8, 64, 512] {
            let mut buf = [0u8; 512];
            for offset in 0u32..9 {
                for len in [0u32, 1, 2, 3, 4, 5, 63, 64, 65, 200] {
                    let d = digest_flash(&mut flash, offset, len, &mut buf[..buf_len]).unwrap();
                    let (o, l) = (
                        usize::try_from(offset).unwrap(),
                        usize::try_from(len).unwrap(),
                    );
                    assert_eq!(
                        d,
                        Digest::of(&data[o..o + l]),
                        "offset {offset} len {len} buf {buf_len}"
                    );
                }
            }
        }
    }

    #[test]
    fn flash_digest_of_whole_flash_with_read_size_one() {
        let data = pattern();
        let mut flash = TestFlash::<1> {
            data: &data,
            fail_at: None,
            reads: 0,
        };
        let mut buf = [0u8; 7];
        let d = digest_flash(&mut flash, 0, 300, &mut buf).unwrap();
        assert_eq!(d, Digest::of(&data));
        assert_eq!(flash.reads, 300usize.div_ceil(7));
    }

    #[test]
    fn flash_range_errors_are_reported_before_reading() {
        let data = pattern();
        let mut flash = TestFlash::<4> {
            data: &data,
            fail_at: None,
            reads: 0,
        };
        let mut buf = [0u8; 16];
        assert_eq!(
            digest_flash(&mut flash, 290, 11, &mut buf),
            Err(FlashReadError::OutOfBounds {
                offset: 290,
                len: 11,
                capacity: 300
            })
        );
        assert_eq!(
            digest_flash(&mut flash, u32::MAX, 2, &mut buf),
            Err(FlashReadError::Overflow {
                offset: u32::MAX,
                len: 2
            })
        );
        assert_eq!(
            digest_flash(&mut flash, 0, 4, &mut buf[..3]),
            Err(FlashReadError::BufferTooSmall {
                len: 3,
                read_size: 4
            })
        );
        assert_eq!(flash.reads, 0);
    }

    #[test]
    fn flash_driver_error_names_the_failing_read() {
        let data = pattern();
        let mut flash = TestFlash::<4> {
            data: &data,
            fail_at: Some(100),
            reads: 0,
        };
        let mut buf = [0u8; 32];
        assert_eq!(
            digest_flash(&mut flash, 10, 200, &mut buf),
            Err(FlashReadError::Read {
                offset: 72,
                len: 32,
                kind: FlashErrorKind::Other
            })
        );
    }

    #[test]
    fn ct_eq_compares_contents_and_length() {
        assert!(ct_eq(&[], &[]));
        assert!(ct_eq(&[1, 2, 3], &[1, 2, 3]));
        for i in 0..3 {
            let mut b = [1u8, 2, 3];
            b[i] ^= 0x80;
            assert!(!ct_eq(&[1, 2, 3], &b));
        }
        assert!(!ct_eq(&[1, 2], &[1, 2, 3]));
    }

    #[test]
    fn hex_round_trip_and_errors() {
        let d = Digest::from_bytes(core::array::from_fn(|i| u8::try_from(i * 8).unwrap()));
        let text = std::format!("{d}");
        assert_eq!(Digest::from_hex(&text).unwrap(), d);
        assert_eq!(Digest::from_hex(&text.to_uppercase()).unwrap(), d);
        let mut bad = text.clone().into_bytes();
        bad[13] = b'x';
        assert_eq!(
            Digest::from_hex(core::str::from_utf8(&bad).unwrap()),
            Err(HexError::Digit { offset: 13 })
        );
        assert_eq!(std::format!("{d:?}"), std::format!("Digest({text})"));
    }

    #[cfg(feature = "std")]
    #[test]
    fn reader_digest_handles_short_reads() {
        /// Yields one byte per call, with an interruption between bytes.
        struct Dribble<'a>(&'a [u8], bool);
        impl std::io::Read for Dribble<'_> {
            fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
                self.1 = !self.1;
                if self.1 {
                    return Err(std::io::ErrorKind::Interrupted.into());
                }
                match (self.0.split_first(), out.first_mut()) {
                    (Some((b, rest)), Some(o)) => {
                        *o = *b;
                        self.0 = rest;
                        Ok(1)
                    }
                    _ => Ok(0),
                }
            }
        }
        let data = pattern();
        let mut buf = [0u8; 16];
        assert_eq!(
            digest_reader(Dribble(&data, false), &mut buf).unwrap(),
            Digest::of(&data)
        );
    }
}
