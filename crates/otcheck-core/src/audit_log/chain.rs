//! The hash chain that makes the audit log tamper-evident (CR 3.9).
//!
//! See [`Chain`] for the construction and what each mode does and does not protect against.
//!
//! Guarantee: every function here is total (no panics, no allocation). Comparisons of chain
//! values that may be MACs use [`ChainValue::ct_eq`], whose running time does not depend on where
//! the values differ.

use core::fmt;

use hmac::Mac as _;
use hmac::digest::KeyInit;
use sha2::Digest as _;

use super::record::BODY_LEN;

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// Domain string prefixed to every link computation.
const LINK_DOMAIN: &[u8; 8] = b"OTAL-LK1";
/// Domain string prefixed to every export header tag.
const TAG_DOMAIN: &[u8; 8] = b"OTAL-HD1";

/// A 32-byte chain value: a record's link, an export's anchor or head, or a header tag.
///
/// Displays as lower-case hex.
///
/// ```
/// use otcheck_core::audit_log::ChainValue;
/// let v = ChainValue::from_bytes([0xab; 32]);
/// assert!(v.to_string().starts_with("abab"));
/// assert_eq!(v.to_string().len(), 64);
/// assert!(ChainValue::GENESIS.ct_eq(&ChainValue::from_bytes([0; 32])));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ChainValue([u8; 32]);

impl ChainValue {
    /// The value that precedes the first record a log ever writes (sequence number 0).
    pub const GENESIS: Self = Self([0; 32]);

    /// Wraps 32 bytes.
    ///
    /// ```
    /// use otcheck_core::audit_log::ChainValue;
    /// assert_eq!(ChainValue::from_bytes([1; 32]).as_bytes(), &[1; 32]);
    /// ```
    #[must_use]
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// The 32 bytes.
    ///
    /// ```
    /// use otcheck_core::audit_log::ChainValue;
    /// assert_eq!(ChainValue::GENESIS.as_bytes(), &[0; 32]);
    /// ```
    #[must_use]
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Compares in constant time: the running time does not depend on the position of the first
    /// differing byte, so comparing MACs leaks nothing an attacker could use to forge one.
    ///
    /// ```
    /// use otcheck_core::audit_log::ChainValue;
    /// let a = ChainValue::from_bytes([7; 32]);
    /// let mut b = [7; 32];
    /// assert!(a.ct_eq(&ChainValue::from_bytes(b)));
    /// b[31] ^= 1;
    /// assert!(!a.ct_eq(&ChainValue::from_bytes(b)));
    /// ```
    #[must_use]
    pub fn ct_eq(&self, other: &Self) -> bool {
        crate::integrity::ct_eq(&self.0, &other.0)
    }

    /// Writes the value as 64 lower-case hex digits into `out` and returns them as text.
    fn hex<'a>(&self, out: &'a mut [u8; 64]) -> &'a str {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        for (pair, byte) in out.chunks_exact_mut(2).zip(self.0.iter()) {
            let hi = DIGITS.get(usize::from(byte >> 4)).copied().unwrap_or(b'0');
            let lo = DIGITS
                .get(usize::from(byte & 0x0f))
                .copied()
                .unwrap_or(b'0');
            if let [h, l] = pair {
                *h = hi;
                *l = lo;
            }
        }
        core::str::from_utf8(out).unwrap_or("")
    }
}

impl fmt::Display for ChainValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = [0u8; 64];
        f.write_str(self.hex(&mut buf))
    }
}

impl fmt::Debug for ChainValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ChainValue({self})")
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for ChainValue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut buf = [0u8; 64];
        serializer.serialize_str(self.hex(&mut buf))
    }
}

/// The 32-byte device key of a keyed chain (HMAC-SHA256).
///
/// The key is never printed: `Debug` shows `ChainKey(..)`. It is not `Copy`, so it is not
/// duplicated by accident; the log keeps only the HMAC state derived from it.
///
/// ```
/// use otcheck_core::audit_log::ChainKey;
/// let key = ChainKey::new([0x42; 32]);
/// assert_eq!(format!("{key:?}"), "ChainKey(..)");
/// ```
#[derive(Clone)]
pub struct ChainKey([u8; 32]);

/// Why bytes are not a usable [`ChainKey`].
///
/// ```
/// use otcheck_core::audit_log::{ChainKey, KeyError};
/// assert_eq!(ChainKey::parse(b"abc").err(), Some(KeyError::Length { found: 3 }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum KeyError {
    /// Neither 32 raw bytes nor 64 hex digits (after trimming ASCII white space).
    #[error("chain key: expected 32 raw bytes or 64 hex digits, found {found} bytes")]
    Length {
        /// Length of the input after trimming white space (raw length if it was 32 bytes).
        found: usize,
    },
    /// 64 characters, but one is not a hex digit.
    #[error("chain key: byte {offset} is not a hex digit")]
    NotHex {
        /// Offset of the offending character in the trimmed input.
        offset: usize,
    },
}

impl ChainKey {
    /// Wraps a 32-byte key.
    ///
    /// ```
    /// let _key = otcheck_core::audit_log::ChainKey::new([1; 32]);
    /// ```
    #[must_use]
    pub const fn new(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// Reads a key as a key file holds it: exactly 32 raw bytes, or 64 hex digits optionally
    /// surrounded by white space (e.g. a trailing newline).
    ///
    /// # Errors
    ///
    /// [`KeyError`] when the input is neither form.
    ///
    /// ```
    /// use otcheck_core::audit_log::ChainKey;
    /// let hex = "00112233445566778899aabbccddeeff00112233445566778899AABBCCDDEEFF\n";
    /// let _from_hex = ChainKey::parse(hex.as_bytes())?;
    /// let _raw = ChainKey::parse(&[9u8; 32])?;
    /// # Ok::<(), otcheck_core::audit_log::KeyError>(())
    /// ```
    pub fn parse(input: &[u8]) -> Result<Self, KeyError> {
        if let Ok(raw) = <[u8; 32]>::try_from(input) {
            return Ok(Self(raw));
        }
        let text = input.trim_ascii();
        if text.len() != 64 {
            return Err(KeyError::Length { found: text.len() });
        }
        let nibble = |offset: usize| {
            text.get(offset)
                .and_then(|c| char::from(*c).to_digit(16))
                .and_then(|d| u8::try_from(d).ok())
                .ok_or(KeyError::NotHex { offset })
        };
        let mut key = [0u8; 32];
        for (slot, hi) in key.iter_mut().zip((0usize..).step_by(2)) {
            *slot = (nibble(hi)? << 4) | nibble(hi.saturating_add(1))?;
        }
        Ok(Self(key))
    }
}

impl fmt::Debug for ChainKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ChainKey(..)")
    }
}

/// Whether a chain is keyed.
///
/// ```
/// use otcheck_core::audit_log::{Chain, ChainKey, Protection};
/// assert_eq!(Chain::unkeyed().protection(), Protection::Unkeyed);
/// assert_eq!(Chain::keyed(&ChainKey::new([1; 32])).protection(), Protection::Keyed);
/// assert_eq!(Protection::Keyed.to_string(), "keyed (HMAC-SHA256)");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Protection {
    /// SHA-256 chain: detects accidental and naive changes only.
    Unkeyed,
    /// HMAC-SHA256 chain with a device key: detects changes by anyone without the key.
    Keyed,
}

impl fmt::Display for Protection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Unkeyed => "unkeyed (SHA-256)",
            Self::Keyed => "keyed (HMAC-SHA256)",
        })
    }
}

/// Computes chain links and header tags, keyed or not.
///
/// Every record carries a chain value computed over the chain value of the record before it and
/// its own 72-byte body:
///
/// ```text
/// unkeyed:  c[i] = SHA-256(      "OTAL-LK1" || c[i-1] || body[i])
/// keyed:    c[i] = HMAC-SHA256(k, "OTAL-LK1" || c[i-1] || body[i])
/// c[-1]     = ChainValue::GENESIS (32 zero bytes) for the first record a log ever wrote
/// ```
///
/// The export header is authenticated the same way with its own domain string (`"OTAL-HD1"`),
/// so a link value can never be mistaken for a header tag.
///
/// ## What each mode protects against
///
/// - **Unkeyed** detects accidental corruption (flash bit rot, a torn write) and naive edits: a
///   changed, dropped, inserted or reordered record breaks the chain. It does **not** stop
///   someone who can rewrite storage and knows this format: SHA-256 needs no secret, so they can
///   recompute every link and the header after editing.
/// - **Keyed** (HMAC-SHA256 with a 32-byte device key) additionally stops anyone without the
///   key: they cannot compute a valid link for a forged record nor a valid header tag for a
///   shortened export. It does not stop an attacker who has extracted the key, nor one who
///   deletes the whole log (the verifier then has nothing to check; CR 3.9 RE 1 write-once
///   media addresses that).
///
/// A keyed chain keeps the HMAC state derived from the key (so each link costs three SHA-256
/// compressions instead of five), not the key itself.
///
/// ```
/// use otcheck_core::audit_log::{Chain, ChainKey, ChainValue, BODY_LEN};
/// let body = [0u8; BODY_LEN];
/// let unkeyed = Chain::unkeyed().link(&ChainValue::GENESIS, &body);
/// let keyed = Chain::keyed(&ChainKey::new([1; 32])).link(&ChainValue::GENESIS, &body);
/// assert_ne!(unkeyed, keyed);
/// assert_eq!(unkeyed, Chain::unkeyed().link(&ChainValue::GENESIS, &body), "deterministic");
/// ```
#[derive(Clone)]
pub struct Chain {
    mac: Option<HmacSha256>,
}

impl fmt::Debug for Chain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Chain")
            .field("protection", &self.protection())
            .finish_non_exhaustive()
    }
}

impl Chain {
    /// A SHA-256 chain.
    ///
    /// ```
    /// use otcheck_core::audit_log::{Chain, Protection};
    /// assert_eq!(Chain::unkeyed().protection(), Protection::Unkeyed);
    /// ```
    #[must_use]
    pub const fn unkeyed() -> Self {
        Self { mac: None }
    }

    /// An HMAC-SHA256 chain under `key`.
    ///
    /// ```
    /// use otcheck_core::audit_log::{Chain, ChainKey, Protection};
    /// assert_eq!(Chain::keyed(&ChainKey::new([3; 32])).protection(), Protection::Keyed);
    /// ```
    #[must_use]
    pub fn keyed(key: &ChainKey) -> Self {
        // HMAC pads keys shorter than the 64-byte block with zeros; doing it here makes key
        // set-up infallible (`new_from_slice` would return a `Result` that cannot fail).
        let mut block = [0u8; 64];
        for (dst, src) in block.iter_mut().zip(key.0.iter()) {
            *dst = *src;
        }
        Self {
            mac: Some(<HmacSha256 as KeyInit>::new(&block.into())),
        }
    }

    /// A keyed chain if `key` is given, otherwise an unkeyed one.
    ///
    /// ```
    /// use otcheck_core::audit_log::{Chain, Protection};
    /// assert_eq!(Chain::new(None).protection(), Protection::Unkeyed);
    /// ```
    #[must_use]
    pub fn new(key: Option<&ChainKey>) -> Self {
        key.map_or_else(Self::unkeyed, Self::keyed)
    }

    /// Whether this chain is keyed.
    ///
    /// ```
    /// use otcheck_core::audit_log::{Chain, Protection};
    /// assert_eq!(Chain::new(None).protection(), Protection::Unkeyed);
    /// ```
    #[must_use]
    pub const fn protection(&self) -> Protection {
        if self.mac.is_some() {
            Protection::Keyed
        } else {
            Protection::Unkeyed
        }
    }

    /// The chain value of a record with `body`, following the record whose chain value is
    /// `prev`.
    ///
    /// ```
    /// use otcheck_core::audit_log::{Chain, ChainValue, BODY_LEN};
    /// let c0 = Chain::unkeyed().link(&ChainValue::GENESIS, &[1; BODY_LEN]);
    /// let c1 = Chain::unkeyed().link(&c0, &[1; BODY_LEN]);
    /// assert_ne!(c0, c1, "the same body at another position links differently");
    /// ```
    #[must_use]
    pub fn link(&self, prev: &ChainValue, body: &[u8; BODY_LEN]) -> ChainValue {
        self.digest(LINK_DOMAIN, &[&prev.0, body])
    }

    /// The tag of an export header whose first bytes (everything before the tag) are
    /// `header`.
    pub(crate) fn header_tag(&self, header: &[u8]) -> ChainValue {
        self.digest(TAG_DOMAIN, &[header])
    }

    fn digest(&self, domain: &[u8; 8], parts: &[&[u8]]) -> ChainValue {
        match &self.mac {
            None => {
                let mut h = sha2::Sha256::new();
                h.update(domain);
                for part in parts {
                    h.update(part);
                }
                ChainValue(h.finalize().into())
            }
            Some(mac) => {
                let mut m = mac.clone();
                m.update(domain);
                for part in parts {
                    m.update(part);
                }
                ChainValue(m.finalize().into_bytes().into())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::ToString;

    #[test]
    fn keyed_set_up_matches_hmac_with_the_unpadded_key() {
        // The zero-padded key must give exactly HMAC-SHA256 under the 32-byte key.
        let key = [0x5au8; 32];
        let mut reference = <HmacSha256 as KeyInit>::new_from_slice(&key).unwrap();
        reference.update(b"OTAL-LK1");
        reference.update(&[0u8; 32]);
        reference.update(&[7u8; BODY_LEN]);
        let expected: [u8; 32] = reference.finalize().into_bytes().into();
        let got = Chain::keyed(&ChainKey::new(key)).link(&ChainValue::GENESIS, &[7; BODY_LEN]);
        assert_eq!(got.as_bytes(), &expected);
    }

    #[test]
    fn rfc4231_case_2_through_the_padded_key_path() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        let mut block = [0u8; 64];
        block[..4].copy_from_slice(b"Jefe");
        let mut mac = <HmacSha256 as KeyInit>::new(&block.into());
        mac.update(b"what do ya want for nothing?");
        let out: [u8; 32] = mac.finalize().into_bytes().into();
        assert_eq!(
            ChainValue::from_bytes(out).to_string(),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn unkeyed_link_is_sha256_of_domain_prev_body() {
        let mut h = sha2::Sha256::new();
        h.update(b"OTAL-LK1");
        h.update([1u8; 32]);
        h.update([2u8; BODY_LEN]);
        let expected: [u8; 32] = h.finalize().into();
        let got = Chain::unkeyed().link(&ChainValue::from_bytes([1; 32]), &[2; BODY_LEN]);
        assert_eq!(got.as_bytes(), &expected);
    }

    #[test]
    fn links_and_tags_are_domain_separated() {
        let chain = Chain::unkeyed();
        let mut input = [0u8; 32 + BODY_LEN];
        input[..32].copy_from_slice(&[4; 32]);
        let link = chain.link(&ChainValue::from_bytes([4; 32]), &[0; BODY_LEN]);
        assert_ne!(link, chain.header_tag(&input));
    }

    #[test]
    fn different_keys_give_different_links() {
        let a = Chain::keyed(&ChainKey::new([1; 32])).link(&ChainValue::GENESIS, &[0; BODY_LEN]);
        let b = Chain::keyed(&ChainKey::new([2; 32])).link(&ChainValue::GENESIS, &[0; BODY_LEN]);
        assert_ne!(a, b);
    }

    #[test]
    fn ct_eq_detects_every_single_bit_difference() {
        let a = ChainValue::from_bytes([0x3c; 32]);
        for byte in 0..32 {
            for bit in 0..8 {
                let mut b = [0x3c; 32];
                b[byte] ^= 1 << bit;
                assert!(!a.ct_eq(&ChainValue::from_bytes(b)), "{byte}:{bit}");
            }
        }
        assert!(a.ct_eq(&a));
    }

    #[test]
    fn key_parse_accepts_raw_and_hex_and_rejects_the_rest() {
        let hex = b"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
        let key = ChainKey::parse(hex).unwrap();
        let expected: [u8; 32] = core::array::from_fn(|i| u8::try_from(i).unwrap());
        assert_eq!(key.0, expected);
        assert_eq!(ChainKey::parse(&expected).unwrap().0, expected);
        let mut bad = *hex;
        bad[17] = b'g';
        assert_eq!(
            ChainKey::parse(&bad).err(),
            Some(KeyError::NotHex { offset: 17 })
        );
        bad = *hex;
        bad[0] = b'x';
        assert_eq!(
            ChainKey::parse(&bad).err(),
            Some(KeyError::NotHex { offset: 0 })
        );
        assert_eq!(
            ChainKey::parse(b"").err(),
            Some(KeyError::Length { found: 0 })
        );
        assert_eq!(
            ChainKey::parse(&[0u8; 33]).err(),
            Some(KeyError::Length { found: 33 })
        );
    }

    #[test]
    fn chain_value_hex_display() {
        let v = ChainValue::from_bytes(core::array::from_fn(|i| u8::try_from(i * 8).unwrap()));
        assert_eq!(
            v.to_string(),
            "0008101820283038404850586068707880889098a0a8b0b8c0c8d0d8e0e8f0f8"
        );
    }
}
