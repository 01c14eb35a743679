//! Key files for image manifests: the signing key on the supplier's host and the public keys
//! that become trust anchors (EDR/HDR/NDR 3.12 supplier roots, 3.13 asset-owner roots).
//!
//! The formats are listed in [the module docs](crate::manifest#key-files).
//!
//! Guarantees: parsing never panics on any input, a key file is never echoed in an error, and
//! a key's algorithm is never guessed against what the file says: an explicit algorithm that
//! contradicts a PEM or DER key is an error. Encrypted keys are refused, not prompted for.

use core::fmt;
use std::io::Cursor;

use otcheck_core::integrity::{
    Ed25519Signer, KeyError, KeyId, ManifestSigner, P256Signer, PublicKey, SignError,
    SignatureAlgorithm,
};

/// A key file that cannot be used.
///
/// ```
/// use otcheck::manifest::{KeyFileError, SigningKey};
/// assert!(matches!(SigningKey::parse(&[7; 32], None), Err(KeyFileError::AlgorithmNeeded)));
/// assert!(matches!(SigningKey::parse(b"hello", None), Err(KeyFileError::UnknownFormat)));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeyFileError {
    /// Neither PEM, DER, 32 raw bytes nor hex of the right length.
    #[error(
        "not a key file: expected PEM, DER, raw bytes (32 for a private key) or their hex digits"
    )]
    UnknownFormat,
    /// The PEM armour is broken.
    #[error("malformed PEM: {0}")]
    Pem(String),
    /// A PEM block of another kind.
    #[error("PEM block `{label}` is not a supported key (expected {expected})")]
    UnsupportedLabel {
        /// The block's label.
        label: String,
        /// The labels accepted here.
        expected: &'static str,
    },
    /// A passphrase-protected key.
    #[error("the key is encrypted: decrypt it first (openssl pkey -in KEY -out PLAIN.pem)")]
    Encrypted,
    /// The DER structure is malformed.
    #[error("malformed {structure}: {what}")]
    Der {
        /// The ASN.1 structure being read.
        structure: &'static str,
        /// What is wrong with it.
        what: &'static str,
    },
    /// A key of another algorithm or curve.
    #[error("unsupported key algorithm (OID {oid}): expected Ed25519 or ECDSA P-256")]
    UnsupportedAlgorithm {
        /// The algorithm or curve OID, contents octets in hex.
        oid: String,
    },
    /// A raw or hex key, which does not say which algorithm it is for.
    #[error("a raw or hex key does not say its algorithm: name it (ed25519 or p256)")]
    AlgorithmNeeded,
    /// The key is for another algorithm than the one asked for.
    #[error("the key is an {found} key, but {requested} was asked for")]
    AlgorithmMismatch {
        /// What the file holds.
        found: SignatureAlgorithm,
        /// What was asked for.
        requested: SignatureAlgorithm,
    },
    /// Digest-only manifests have no key.
    #[error("digest-only manifests are not signed: there is no key to load")]
    NotASignatureAlgorithm,
    /// The key bytes are not a valid key of their algorithm.
    #[error(transparent)]
    Key(#[from] KeyError),
}

/// A private key that signs image manifests: Ed25519 or ECDSA P-256.
///
/// Its `Debug` output shows the algorithm and key id, never the secret.
///
/// ```
/// use otcheck::core::integrity::{ManifestSigner, SignatureAlgorithm};
/// use otcheck::manifest::SigningKey;
///
/// // `openssl genpkey -algorithm ed25519` (RFC 8410 test key).
/// let pem = b"-----BEGIN PRIVATE KEY-----
/// MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC
/// -----END PRIVATE KEY-----
/// ";
/// let key = SigningKey::parse(pem, None)?;
/// assert_eq!(key.algorithm(), SignatureAlgorithm::Ed25519);
/// assert_eq!(
///     otcheck::manifest::hex(key.public_key().as_bytes()),
///     "19bf44096984cdfe8541bac167dc3b96c85086aa30b6b6cb0c5c38ad703166e1"
/// );
/// # Ok::<(), otcheck::manifest::KeyFileError>(())
/// ```
pub struct SigningKey(Signer);

enum Signer {
    Ed25519(Ed25519Signer),
    P256(P256Signer),
}

impl SigningKey {
    /// Reads a private key file's bytes (see the [module docs](crate::manifest#key-files) for the formats).
    /// `algorithm` is required for raw and hex keys and checked against PEM and DER keys.
    ///
    /// # Errors
    ///
    /// [`KeyFileError`]: unknown format, malformed PEM or DER, encrypted, unsupported
    /// algorithm or curve, algorithm missing or contradicted, or an invalid key value.
    ///
    /// ```
    /// use otcheck::core::integrity::SignatureAlgorithm;
    /// use otcheck::manifest::SigningKey;
    /// let hex = "11".repeat(32) + "\n";
    /// let key = SigningKey::parse(hex.as_bytes(), Some(SignatureAlgorithm::EcdsaP256Sha256))?;
    /// assert_eq!(key.public_key().as_bytes().len(), 65);
    /// # Ok::<(), otcheck::manifest::KeyFileError>(())
    /// ```
    pub fn parse(
        bytes: &[u8],
        algorithm: Option<SignatureAlgorithm>,
    ) -> Result<Self, KeyFileError> {
        if algorithm.is_some_and(|a| !a.is_signature()) {
            return Err(KeyFileError::NotASignatureAlgorithm);
        }
        let (found, secret) = if let Ok(raw) = <[u8; 32]>::try_from(bytes) {
            (algorithm.ok_or(KeyFileError::AlgorithmNeeded)?, raw)
        } else if let Some(raw) = hex_array::<32>(bytes) {
            (algorithm.ok_or(KeyFileError::AlgorithmNeeded)?, raw)
        } else if is_pem(bytes) {
            let (label, der) = pem(bytes)?;
            match label.as_str() {
                "PRIVATE KEY" => pkcs8(&der)?,
                "EC PRIVATE KEY" => (SignatureAlgorithm::EcdsaP256Sha256, sec1(&der, true)?),
                "ENCRYPTED PRIVATE KEY" => return Err(KeyFileError::Encrypted),
                _ => {
                    return Err(KeyFileError::UnsupportedLabel {
                        label,
                        expected: "PRIVATE KEY or EC PRIVATE KEY",
                    });
                }
            }
        } else if bytes.first() == Some(&der::SEQUENCE) {
            pkcs8(bytes).or_else(|e| {
                sec1(bytes, true)
                    .map(|s| (SignatureAlgorithm::EcdsaP256Sha256, s))
                    .map_err(|_| e)
            })?
        } else {
            return Err(KeyFileError::UnknownFormat);
        };
        if let Some(requested) = algorithm.filter(|&r| r != found) {
            return Err(KeyFileError::AlgorithmMismatch { found, requested });
        }
        Self::from_secret(found, &secret)
    }

    /// The key of `algorithm` with this 32-byte secret (Ed25519 seed, P-256 scalar).
    ///
    /// # Errors
    ///
    /// [`KeyFileError::NotASignatureAlgorithm`] for digest-only, [`KeyFileError::Key`] for an
    /// invalid secret (zero, or not below the P-256 group order).
    ///
    /// ```
    /// use otcheck::core::integrity::SignatureAlgorithm;
    /// use otcheck::manifest::SigningKey;
    /// assert!(SigningKey::from_secret(SignatureAlgorithm::Ed25519, &[3; 32]).is_ok());
    /// assert!(SigningKey::from_secret(SignatureAlgorithm::EcdsaP256Sha256, &[0xff; 32]).is_err());
    /// ```
    pub fn from_secret(
        algorithm: SignatureAlgorithm,
        secret: &[u8; 32],
    ) -> Result<Self, KeyFileError> {
        match algorithm {
            SignatureAlgorithm::Ed25519 => {
                Ok(Self(Signer::Ed25519(Ed25519Signer::from_seed(*secret)?)))
            }
            SignatureAlgorithm::EcdsaP256Sha256 => {
                Ok(Self(Signer::P256(P256Signer::from_secret(secret)?)))
            }
            _ => Err(KeyFileError::NotASignatureAlgorithm),
        }
    }

    /// The public key, to provision as a trust anchor.
    ///
    /// See [`SigningKey`] for an example.
    #[must_use]
    pub fn public_key(&self) -> PublicKey {
        match &self.0 {
            Signer::Ed25519(s) => s.public_key(),
            Signer::P256(s) => s.public_key(),
        }
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SigningKey({} {})", self.algorithm(), self.key_id())
    }
}

impl ManifestSigner for SigningKey {
    fn algorithm(&self) -> SignatureAlgorithm {
        match &self.0 {
            Signer::Ed25519(s) => s.algorithm(),
            Signer::P256(s) => s.algorithm(),
        }
    }

    fn key_id(&self) -> KeyId {
        match &self.0 {
            Signer::Ed25519(s) => s.key_id(),
            Signer::P256(s) => s.key_id(),
        }
    }

    fn sign(&self, message: &[u8], out: &mut [u8]) -> Result<(), SignError> {
        match &self.0 {
            Signer::Ed25519(s) => s.sign(message, out),
            Signer::P256(s) => s.sign(message, out),
        }
    }
}

/// Reads a public key file (see the [module docs](crate::manifest#key-files) for the formats). Raw and hex keys
/// take their algorithm from their length; `algorithm`, if given, must agree.
///
/// # Errors
///
/// [`KeyFileError`]: unknown format, malformed PEM or DER, unsupported algorithm or curve,
/// a contradicted algorithm, or bytes that are not a valid key (e.g. a point off the curve).
///
/// ```
/// use otcheck::core::integrity::SignatureAlgorithm;
/// use otcheck::manifest::parse_public_key;
/// // `openssl pkey -pubout` of the RFC 8410 test key.
/// let pem = b"-----BEGIN PUBLIC KEY-----
/// MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=
/// -----END PUBLIC KEY-----
/// ";
/// let key = parse_public_key(pem, None)?;
/// assert_eq!(key.algorithm(), SignatureAlgorithm::Ed25519);
/// assert_eq!(parse_public_key(key.as_bytes(), None)?, key);
/// # Ok::<(), otcheck::manifest::KeyFileError>(())
/// ```
pub fn parse_public_key(
    bytes: &[u8],
    algorithm: Option<SignatureAlgorithm>,
) -> Result<PublicKey, KeyFileError> {
    let by_length = |raw: &[u8]| match raw.len() {
        32 => Ok(SignatureAlgorithm::Ed25519),
        65 => Ok(SignatureAlgorithm::EcdsaP256Sha256),
        _ => Err(KeyFileError::UnknownFormat),
    };
    let (found, raw): (SignatureAlgorithm, Vec<u8>) = if is_pem(bytes) {
        let (label, der) = pem(bytes)?;
        if label != "PUBLIC KEY" {
            return Err(KeyFileError::UnsupportedLabel {
                label,
                expected: "PUBLIC KEY",
            });
        }
        spki(&der)?
    } else if bytes.len() == 32 || (bytes.len() == 65 && bytes.first() == Some(&0x04)) {
        (by_length(bytes)?, bytes.to_vec())
    } else if let Some(raw) = hex_vec(bytes) {
        (by_length(&raw)?, raw)
    } else if bytes.first() == Some(&der::SEQUENCE) {
        spki(bytes)?
    } else {
        return Err(KeyFileError::UnknownFormat);
    };
    if let Some(requested) = algorithm.filter(|&r| r != found) {
        return Err(KeyFileError::AlgorithmMismatch { found, requested });
    }
    Ok(PublicKey::from_raw(found, &raw)?)
}

/// Lower-case hex of `bytes`, as key ids and public keys are printed.
///
/// ```
/// assert_eq!(otcheck::manifest::hex(&[0x00, 0xab]), "00ab");
/// ```
#[must_use]
pub fn hex(bytes: &[u8]) -> String {
    crate::target::hex(bytes)
}

fn is_pem(bytes: &[u8]) -> bool {
    bytes.windows(11).any(|w| w == b"-----BEGIN ")
}

/// The first PEM block's label and contents.
fn pem(bytes: &[u8]) -> Result<(String, Vec<u8>), KeyFileError> {
    let (block, _) = x509_parser::pem::Pem::read(Cursor::new(bytes))
        .map_err(|e| KeyFileError::Pem(e.to_string()))?;
    Ok((block.label, block.contents))
}

/// The bytes of `text` (ASCII whitespace around it ignored) read as hex, if it is all hex.
fn hex_vec(text: &[u8]) -> Option<Vec<u8>> {
    let text = text.trim_ascii();
    if text.is_empty() || !text.len().is_multiple_of(2) {
        return None;
    }
    text.chunks_exact(2)
        .map(|pair| {
            let s = core::str::from_utf8(pair).ok()?;
            u8::from_str_radix(s, 16).ok()
        })
        .collect()
}

fn hex_array<const N: usize>(text: &[u8]) -> Option<[u8; N]> {
    hex_vec(text).and_then(|v| v.try_into().ok())
}

/// `PrivateKeyInfo ::= SEQUENCE { version INTEGER (0|1), privateKeyAlgorithm
/// AlgorithmIdentifier, privateKey OCTET STRING, [0] attributes OPTIONAL, [1] publicKey
/// OPTIONAL }` (RFC 5958), for Ed25519 (RFC 8410) and EC P-256 (RFC 5915).
fn pkcs8(bytes: &[u8]) -> Result<(SignatureAlgorithm, [u8; 32]), KeyFileError> {
    const S: &str = "PKCS#8 private key";
    let bad = |what| KeyFileError::Der { structure: S, what };
    let seq = der::whole(bytes, der::SEQUENCE).ok_or(bad("not one SEQUENCE"))?;
    let (version, rest) = der::expect(seq.value, der::INTEGER).ok_or(bad("no version"))?;
    if !matches!(version.value, [0] | [1]) {
        return Err(bad("unknown version"));
    }
    let (alg, rest) = der::expect(rest, der::SEQUENCE).ok_or(bad("no algorithm"))?;
    let (key, _) = der::expect(rest, der::OCTET_STRING).ok_or(bad("no private key"))?;
    let (oid, params) = der::expect(alg.value, der::OID).ok_or(bad("no algorithm OID"))?;
    match oid.value {
        der::ED25519 => {
            // CurvePrivateKey ::= OCTET STRING (the 32-byte seed).
            let seed = der::whole(key.value, der::OCTET_STRING).ok_or(bad("no Ed25519 seed"))?;
            let seed = seed
                .value
                .try_into()
                .map_err(|_| bad("Ed25519 seed is not 32 bytes"))?;
            Ok((SignatureAlgorithm::Ed25519, seed))
        }
        der::EC_PUBLIC_KEY => {
            let curve = der::whole(params, der::OID).ok_or(bad("EC key without a named curve"))?;
            if curve.value != der::P256 {
                return Err(KeyFileError::UnsupportedAlgorithm {
                    oid: hex(curve.value),
                });
            }
            Ok((SignatureAlgorithm::EcdsaP256Sha256, sec1(key.value, false)?))
        }
        other => Err(KeyFileError::UnsupportedAlgorithm { oid: hex(other) }),
    }
}

/// `ECPrivateKey ::= SEQUENCE { version INTEGER (1), privateKey OCTET STRING, parameters [0]
/// ECParameters OPTIONAL, publicKey [1] BIT STRING OPTIONAL }` (RFC 5915). A named curve, if
/// present, must be P-256; standalone (`EC PRIVATE KEY`) keys must name it.
fn sec1(bytes: &[u8], standalone: bool) -> Result<[u8; 32], KeyFileError> {
    const S: &str = "SEC1 EC private key";
    let bad = |what| KeyFileError::Der { structure: S, what };
    let seq = der::whole(bytes, der::SEQUENCE).ok_or(bad("not one SEQUENCE"))?;
    let (version, rest) = der::expect(seq.value, der::INTEGER).ok_or(bad("no version"))?;
    if version.value != [1] {
        return Err(bad("version is not 1"));
    }
    let (scalar, mut rest) = der::expect(rest, der::OCTET_STRING).ok_or(bad("no private key"))?;
    let mut named = false;
    while let Some((field, after)) = der::read(rest) {
        match field.tag {
            0xa0 => {
                let curve = der::whole(field.value, der::OID).ok_or(bad("unnamed curve"))?;
                if curve.value != der::P256 {
                    return Err(KeyFileError::UnsupportedAlgorithm {
                        oid: hex(curve.value),
                    });
                }
                named = true;
            }
            0xa1 => {}
            _ => return Err(bad("unexpected field")),
        }
        rest = after;
    }
    if !rest.is_empty() {
        return Err(bad("trailing bytes"));
    }
    if standalone && !named {
        return Err(bad("no curve named"));
    }
    // Some encoders drop leading zero bytes of the scalar: pad back to 32.
    let pad = 32usize
        .checked_sub(scalar.value.len())
        .ok_or(bad("private key longer than 32 bytes"))?;
    let mut secret = [0u8; 32];
    secret
        .get_mut(pad..)
        .ok_or(bad("private key longer than 32 bytes"))?
        .copy_from_slice(scalar.value);
    Ok(secret)
}

/// `SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT
/// STRING }` (RFC 5280), for Ed25519 (RFC 8410) and EC P-256 (RFC 5480).
fn spki(bytes: &[u8]) -> Result<(SignatureAlgorithm, Vec<u8>), KeyFileError> {
    const S: &str = "SubjectPublicKeyInfo";
    let bad = |what| KeyFileError::Der { structure: S, what };
    let seq = der::whole(bytes, der::SEQUENCE).ok_or(bad("not one SEQUENCE"))?;
    let (alg, rest) = der::expect(seq.value, der::SEQUENCE).ok_or(bad("no algorithm"))?;
    let bits = der::whole(rest, der::BIT_STRING).ok_or(bad("no public key bits"))?;
    let key = match bits.value.split_first() {
        Some((0, key)) => key,
        _ => return Err(bad("public key is not whole bytes")),
    };
    let (oid, params) = der::expect(alg.value, der::OID).ok_or(bad("no algorithm OID"))?;
    let algorithm = match oid.value {
        der::ED25519 => SignatureAlgorithm::Ed25519,
        der::EC_PUBLIC_KEY => {
            let curve = der::whole(params, der::OID).ok_or(bad("EC key without a named curve"))?;
            if curve.value != der::P256 {
                return Err(KeyFileError::UnsupportedAlgorithm {
                    oid: hex(curve.value),
                });
            }
            SignatureAlgorithm::EcdsaP256Sha256
        }
        other => return Err(KeyFileError::UnsupportedAlgorithm { oid: hex(other) }),
    };
    Ok((algorithm, key.to_vec()))
}

/// The object identifiers of the key algorithms this module reads, over the shared DER reader.
mod der {
    pub(super) use crate::probe::certs::der::{
        BIT_STRING, INTEGER, OCTET_STRING, OID, SEQUENCE, expect, read, whole,
    };

    /// 1.3.101.112 (RFC 8410).
    pub(super) const ED25519: &[u8] = &[0x2b, 0x65, 0x70];
    /// 1.2.840.10045.2.1 id-ecPublicKey (RFC 5480).
    pub(super) const EC_PUBLIC_KEY: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
    /// 1.2.840.10045.3.1.7 prime256v1 / secp256r1.
    pub(super) const P256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// RFC 8410 §10.3 example private key (seed d4ee…5842).
    const ED25519_PKCS8: &[u8] = b"-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC
-----END PRIVATE KEY-----
";

    /// Its public key, as `openssl pkey -pubout` writes it.
    const ED25519_SPKI: &[u8] = b"-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=
-----END PUBLIC KEY-----
";

    #[test]
    fn ed25519_pkcs8_pem_gives_the_rfc_8410_seed() {
        let key = SigningKey::parse(ED25519_PKCS8, None).unwrap();
        let seed = "d4ee72dbf913584ad5b6d8f1f769f8ad3afe7c28cbf1d4fbe097a88f44755842";
        let raw = SigningKey::parse(seed.as_bytes(), Some(SignatureAlgorithm::Ed25519)).unwrap();
        assert_eq!(key.public_key(), raw.public_key());
        assert!(matches!(
            SigningKey::parse(ED25519_PKCS8, Some(SignatureAlgorithm::EcdsaP256Sha256)),
            Err(KeyFileError::AlgorithmMismatch { .. })
        ));
    }

    #[test]
    fn every_truncation_of_a_der_key_is_an_error_not_a_panic() {
        let (_, der) = pem(ED25519_PKCS8).unwrap();
        for len in 0..der.len() {
            assert!(SigningKey::parse(&der[..len], None).is_err(), "{len}");
        }
        assert!(SigningKey::parse(&der, None).is_ok());
        let (_, spki) = pem(ED25519_SPKI).unwrap();
        // (32 bytes are a raw Ed25519 key, whatever they hold.)
        for len in (0..spki.len()).filter(|&len| len != 32) {
            assert!(parse_public_key(&spki[..len], None).is_err(), "{len}");
        }
        assert!(parse_public_key(&spki, None).is_ok());
    }

    #[test]
    fn other_pem_blocks_and_encrypted_keys_are_refused() {
        let cert = b"-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n";
        assert!(matches!(
            SigningKey::parse(cert, None),
            Err(KeyFileError::UnsupportedLabel { .. })
        ));
        let enc =
            b"-----BEGIN ENCRYPTED PRIVATE KEY-----\nMAA=\n-----END ENCRYPTED PRIVATE KEY-----\n";
        assert!(matches!(
            SigningKey::parse(enc, None),
            Err(KeyFileError::Encrypted)
        ));
    }

    #[test]
    fn public_keys_by_length() {
        let p256 = SigningKey::from_secret(SignatureAlgorithm::EcdsaP256Sha256, &[5; 32]).unwrap();
        let pk = p256.public_key();
        assert_eq!(parse_public_key(pk.as_bytes(), None).unwrap(), pk);
        assert_eq!(
            parse_public_key(hex(pk.as_bytes()).as_bytes(), None).unwrap(),
            pk
        );
        assert!(parse_public_key(&[4; 33], None).is_err());
    }
}
