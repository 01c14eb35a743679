//! A minimal DER reader: enough to recognise a DER object in a file and to classify private
//! keys and public keys by algorithm and size. Certificates themselves are parsed by
//! `x509-parser`; this module never decides validity.
//!
//! Guarantees: every function takes untrusted bytes, never panics, never allocates beyond
//! its output, and rejects what it does not understand (`None`) rather than guessing:
//! indefinite lengths, high tag numbers and lengths over 32 bits are refused.

/// One DER element: its tag byte, its contents and what follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tlv<'a> {
    /// The identifier octet (class, constructed bit and tag number ≤ 30).
    pub(crate) tag: u8,
    /// The contents octets.
    pub(crate) value: &'a [u8],
    /// The whole element, header included.
    pub(crate) raw: &'a [u8],
}

pub(crate) const SEQUENCE: u8 = 0x30;
pub(crate) const INTEGER: u8 = 0x02;
pub(crate) const BIT_STRING: u8 = 0x03;
pub(crate) const OCTET_STRING: u8 = 0x04;
pub(crate) const OID: u8 = 0x06;

/// Reads one element from the front of `input`: the element and the rest.
pub(crate) fn read(input: &[u8]) -> Option<(Tlv<'_>, &[u8])> {
    let (&tag, rest) = input.split_first()?;
    if tag & 0x1f == 0x1f {
        return None; // high tag number form: never used by the structures we read
    }
    let (&first, mut rest) = rest.split_first()?;
    let len = if first < 0x80 {
        usize::from(first)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 {
            return None; // indefinite or absurd
        }
        let (bytes, after) = rest.split_at_checked(n)?;
        rest = after;
        let mut len = 0usize;
        for &b in bytes {
            len = len.checked_mul(256)?.checked_add(usize::from(b))?;
        }
        len
    };
    let header = input.len().checked_sub(rest.len())?;
    let (value, after) = rest.split_at_checked(len)?;
    let raw = input.get(..header.checked_add(len)?)?;
    Some((Tlv { tag, value, raw }, after))
}

/// Reads one element with the expected tag.
pub(crate) fn expect(input: &[u8], tag: u8) -> Option<(Tlv<'_>, &[u8])> {
    read(input).filter(|(t, _)| t.tag == tag)
}

/// The whole of `input` is exactly one element with the given tag.
pub(crate) fn whole(input: &[u8], tag: u8) -> Option<Tlv<'_>> {
    match expect(input, tag)? {
        (t, []) => Some(t),
        _ => None,
    }
}

/// The length in bits of a big-endian unsigned integer (leading zero bytes ignored).
pub(crate) fn bit_length(bytes: &[u8]) -> u32 {
    let mut it = bytes.iter().skip_while(|&&b| b == 0);
    let Some(&first) = it.next() else {
        return 0;
    };
    let rest = u32::try_from(it.count()).unwrap_or(u32::MAX / 16);
    rest.saturating_mul(8)
        .saturating_add(8u32.saturating_sub(first.leading_zeros()))
}

/// Dotted-decimal text of an OID's contents octets (`2a 86 48` → `1.2.840`); `None` when
/// malformed.
pub(crate) fn oid_text(bytes: &[u8]) -> Option<String> {
    let mut arcs: Vec<u64> = Vec::new();
    let mut acc: u64 = 0;
    let mut pending = false;
    for &b in bytes {
        if acc > (u64::MAX >> 7) {
            return None;
        }
        acc = (acc << 7) | u64::from(b & 0x7f);
        pending = true;
        if b & 0x80 == 0 {
            arcs.push(acc);
            acc = 0;
            pending = false;
        }
    }
    if pending || arcs.is_empty() {
        return None;
    }
    let first = *arcs.first()?;
    let (a, b) = match first {
        0..=39 => (0, first),
        40..=79 => (1, first.saturating_sub(40)),
        _ => (2, first.saturating_sub(80)),
    };
    let mut text = format!("{a}.{b}");
    for arc in arcs.iter().skip(1) {
        text.push('.');
        text.push_str(&arc.to_string());
    }
    Some(text)
}

/// Well-known object identifiers, as DER contents octets.
pub(crate) mod oids {
    /// rsaEncryption.
    pub(crate) const RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
    /// RSASSA-PSS (as a key or a signature algorithm).
    pub(crate) const RSA_PSS: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a];
    /// id-ecPublicKey.
    pub(crate) const EC: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
    /// id-dsa.
    pub(crate) const DSA: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x01];
    /// Ed25519.
    pub(crate) const ED25519: &[u8] = &[0x2b, 0x65, 0x70];
    /// Ed448.
    pub(crate) const ED448: &[u8] = &[0x2b, 0x65, 0x71];
    /// X25519.
    pub(crate) const X25519: &[u8] = &[0x2b, 0x65, 0x6e];
    /// X448.
    pub(crate) const X448: &[u8] = &[0x2b, 0x65, 0x6f];
    /// P-192 (prime192v1).
    pub(crate) const P192: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x01];
    /// P-224 (secp224r1).
    pub(crate) const P224: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x21];
    /// P-256 (prime256v1).
    pub(crate) const P256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
    /// P-384 (secp384r1).
    pub(crate) const P384: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x22];
    /// P-521 (secp521r1).
    pub(crate) const P521: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x23];
    /// secp256k1.
    pub(crate) const SECP256K1: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x0a];
    /// brainpoolP256r1.
    pub(crate) const BP256: &[u8] = &[0x2b, 0x24, 0x03, 0x03, 0x02, 0x08, 0x01, 0x01, 0x07];
    /// brainpoolP384r1.
    pub(crate) const BP384: &[u8] = &[0x2b, 0x24, 0x03, 0x03, 0x02, 0x08, 0x01, 0x01, 0x0b];
    /// brainpoolP512r1.
    pub(crate) const BP512: &[u8] = &[0x2b, 0x24, 0x03, 0x03, 0x02, 0x08, 0x01, 0x01, 0x0d];

    const PKCS1: [u8; 8] = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01];
    const ECDSA_SIG: [u8; 6] = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04];
    const NIST_HASH: [u8; 8] = [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02];
    const NIST_SIG: [u8; 8] = [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03];

    /// The hash a signature algorithm OID names (`None`: not a known signature algorithm;
    /// RSASSA-PSS names its hash in parameters and is handled by the caller).
    pub(crate) fn signature_hash(oid: &[u8]) -> Option<super::super::Hash> {
        use super::super::Hash;
        if let Some(last) = oid.strip_prefix(&PKCS1[..]) {
            return match last {
                [0x02] => Some(Hash::Md2),
                [0x03] => Some(Hash::Md4),
                [0x04] => Some(Hash::Md5),
                [0x05] => Some(Hash::Sha1),
                [0x0b] => Some(Hash::Sha256),
                [0x0c] => Some(Hash::Sha384),
                [0x0d] => Some(Hash::Sha512),
                [0x0e] => Some(Hash::Sha224),
                _ => None,
            };
        }
        if let Some(rest) = oid.strip_prefix(&ECDSA_SIG[..]) {
            return match rest {
                [0x01] => Some(Hash::Sha1),
                [0x03, 0x01] => Some(Hash::Sha224),
                [0x03, 0x02] => Some(Hash::Sha256),
                [0x03, 0x03] => Some(Hash::Sha384),
                [0x03, 0x04] => Some(Hash::Sha512),
                _ => None,
            };
        }
        if let Some(rest) = oid.strip_prefix(&NIST_SIG[..]) {
            // dsa-with-sha224/256 (1, 2), ecdsa/rsa-with-sha3-* (9..=16)
            return match rest {
                [0x01] => Some(Hash::Sha224),
                [0x02] => Some(Hash::Sha256),
                [0x09..=0x10] => Some(Hash::Sha3),
                _ => None,
            };
        }
        match oid {
            // dsa-with-sha1, sha1WithRSA (OIW), md5WithRSA (OIW)
            [0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x03] | [0x2b, 0x0e, 0x03, 0x02, 0x1d] => {
                Some(Hash::Sha1)
            }
            [0x2b, 0x0e, 0x03, 0x02, 0x03] => Some(Hash::Md5),
            o if o == ED25519 || o == ED448 => Some(Hash::Intrinsic),
            _ => None,
        }
    }

    /// The hash a digest algorithm OID names (for RSASSA-PSS parameters).
    pub(crate) fn digest(oid: &[u8]) -> Option<super::super::Hash> {
        use super::super::Hash;
        if oid == [0x2b, 0x0e, 0x03, 0x02, 0x1a] {
            return Some(Hash::Sha1);
        }
        match oid.strip_prefix(&NIST_HASH[..])? {
            [0x01] => Some(Hash::Sha256),
            [0x02] => Some(Hash::Sha384),
            [0x03] => Some(Hash::Sha512),
            [0x04] => Some(Hash::Sha224),
            [0x07..=0x0a] => Some(Hash::Sha3),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_short_and_long_lengths_and_refuses_the_rest() {
        let (t, rest) = read(&[0x30, 0x02, 0x05, 0x00, 0xff]).unwrap();
        assert_eq!(
            (t.tag, t.value, rest),
            (0x30, &[0x05, 0x00][..], &[0xff][..])
        );
        let mut long = vec![0x04, 0x82, 0x01, 0x00];
        long.extend([7u8; 256]);
        assert_eq!(read(&long).unwrap().0.value.len(), 256);
        assert!(read(&[0x30, 0x80, 0, 0]).is_none(), "indefinite length");
        assert!(read(&[0x1f, 0x01, 0x00]).is_none(), "high tag number");
        assert!(
            read(&[0x30, 0x85, 1, 1, 1, 1, 1]).is_none(),
            "5-byte length"
        );
        assert!(
            read(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff]).is_none(),
            "past the end"
        );
        // Every truncated prefix is refused, never a panic.
        for n in 0..long.len() {
            assert!(read(long.get(..n).unwrap()).is_none());
        }
    }

    #[test]
    fn bit_lengths_ignore_leading_zeros() {
        assert_eq!(bit_length(&[0x00, 0x80, 0x00]), 16);
        assert_eq!(bit_length(&[0x01, 0x00]), 9);
        assert_eq!(bit_length(&[0, 0]), 0);
        assert_eq!(bit_length(&[]), 0);
    }

    #[test]
    fn oid_text_decodes_arcs() {
        assert_eq!(oid_text(oids::P256).as_deref(), Some("1.2.840.10045.3.1.7"));
        assert_eq!(oid_text(oids::P384).as_deref(), Some("1.3.132.0.34"));
        assert_eq!(oid_text(&[0x2a, 0x86]), None);
        assert_eq!(oid_text(&[]), None);
        assert!(oid_text(&[0xff; 20]).is_none());
    }
}
