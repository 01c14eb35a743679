//! Key classification: which algorithm and size a public key has (from a certificate's
//! SubjectPublicKeyInfo) and what a private key file holds (PKCS#8, encrypted PKCS#8,
//! PKCS#1 RSA, SEC1 EC, DSA, OpenSSH and Dropbear formats) and whether it is encrypted.
//!
//! Guarantees: untrusted bytes in, facts out, never a panic; nothing is decrypted, no key
//! material is copied out (only algorithm, size and the encrypted flag).

use super::der::{self, BIT_STRING, INTEGER, OCTET_STRING, OID, SEQUENCE, oids};

/// A named elliptic curve.
///
/// ```
/// assert_eq!(otcheck::probe::certs::Curve::P256.to_string(), "P-256");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Curve {
    /// NIST P-192.
    P192,
    /// NIST P-224.
    P224,
    /// NIST P-256.
    P256,
    /// NIST P-384.
    P384,
    /// NIST P-521.
    P521,
    /// secp256k1.
    Secp256k1,
    /// brainpoolP256r1.
    BrainpoolP256,
    /// brainpoolP384r1.
    BrainpoolP384,
    /// brainpoolP512r1.
    BrainpoolP512,
    /// Anything else (dotted OID or name).
    Other(String),
}

impl Curve {
    fn from_oid(oid: &[u8]) -> Self {
        match oid {
            o if o == oids::P192 => Self::P192,
            o if o == oids::P224 => Self::P224,
            o if o == oids::P256 => Self::P256,
            o if o == oids::P384 => Self::P384,
            o if o == oids::P521 => Self::P521,
            o if o == oids::SECP256K1 => Self::Secp256k1,
            o if o == oids::BP256 => Self::BrainpoolP256,
            o if o == oids::BP384 => Self::BrainpoolP384,
            o if o == oids::BP512 => Self::BrainpoolP512,
            o => Self::Other(der::oid_text(o).unwrap_or_else(|| "malformed OID".to_owned())),
        }
    }

    fn from_ssh_name(name: &[u8]) -> Self {
        match name {
            b"nistp256" => Self::P256,
            b"nistp384" => Self::P384,
            b"nistp521" => Self::P521,
            other => Self::Other(String::from_utf8_lossy(other).into_owned()),
        }
    }

    /// The curve's size in bits (the strength is about half), `None` when unknown.
    ///
    /// ```
    /// assert_eq!(otcheck::probe::certs::Curve::P384.bits(), Some(384));
    /// ```
    #[must_use]
    pub const fn bits(&self) -> Option<u32> {
        match self {
            Self::P192 => Some(192),
            Self::P224 => Some(224),
            Self::P256 | Self::Secp256k1 | Self::BrainpoolP256 => Some(256),
            Self::P384 | Self::BrainpoolP384 => Some(384),
            Self::P521 => Some(521),
            Self::BrainpoolP512 => Some(512),
            Self::Other(_) => None,
        }
    }
}

impl core::fmt::Display for Curve {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Self::P192 => "P-192",
            Self::P224 => "P-224",
            Self::P256 => "P-256",
            Self::P384 => "P-384",
            Self::P521 => "P-521",
            Self::Secp256k1 => "secp256k1",
            Self::BrainpoolP256 => "brainpoolP256r1",
            Self::BrainpoolP384 => "brainpoolP384r1",
            Self::BrainpoolP512 => "brainpoolP512r1",
            Self::Other(s) => s,
        })
    }
}

/// A public-key algorithm with its size or curve.
///
/// ```
/// use otcheck::probe::certs::KeyAlgorithm;
/// assert_eq!(KeyAlgorithm::Rsa { bits: 2048 }.to_string(), "RSA 2048");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyAlgorithm {
    /// RSA (PKCS#1 v1.5 or unrestricted).
    Rsa {
        /// Modulus length.
        bits: u32,
    },
    /// RSA restricted to RSASSA-PSS.
    RsaPss {
        /// Modulus length.
        bits: u32,
    },
    /// ECDSA / ECDH on a named curve.
    Ec {
        /// The curve.
        curve: Curve,
    },
    /// Ed25519.
    Ed25519,
    /// Ed448.
    Ed448,
    /// X25519.
    X25519,
    /// X448.
    X448,
    /// DSA.
    Dsa {
        /// Length of the prime p.
        bits: u32,
    },
    /// Something else.
    Unknown {
        /// What it is called (dotted OID or SSH key type).
        name: String,
    },
}

impl core::fmt::Display for KeyAlgorithm {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::Rsa { bits } => write!(f, "RSA {bits}"),
            Self::RsaPss { bits } => write!(f, "RSA-PSS {bits}"),
            Self::Ec { curve } => write!(f, "EC {curve}"),
            Self::Ed25519 => f.write_str("Ed25519"),
            Self::Ed448 => f.write_str("Ed448"),
            Self::X25519 => f.write_str("X25519"),
            Self::X448 => f.write_str("X448"),
            Self::Dsa { bits } => write!(f, "DSA {bits}"),
            Self::Unknown { name } => write!(f, "unknown algorithm {name}"),
        }
    }
}

/// How a private key is stored.
///
/// ```
/// assert_eq!(otcheck::probe::certs::KeyFormat::OpenSsh.as_str(), "OpenSSH");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyFormat {
    /// PKCS#8 `PrivateKeyInfo` (`PRIVATE KEY`).
    Pkcs8,
    /// PKCS#8 `EncryptedPrivateKeyInfo` (`ENCRYPTED PRIVATE KEY`).
    EncryptedPkcs8,
    /// PKCS#1 `RSAPrivateKey` (`RSA PRIVATE KEY`).
    Pkcs1,
    /// SEC1 `ECPrivateKey` (`EC PRIVATE KEY`).
    Sec1,
    /// OpenSSL's DSA format (`DSA PRIVATE KEY`).
    Dsa,
    /// `openssh-key-v1` (`OPENSSH PRIVATE KEY`).
    OpenSsh,
    /// Dropbear's own host key format.
    Dropbear,
}

impl KeyFormat {
    /// A short name.
    ///
    /// ```
    /// assert_eq!(otcheck::probe::certs::KeyFormat::Pkcs8.as_str(), "PKCS#8");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Pkcs8 => "PKCS#8",
            Self::EncryptedPkcs8 => "encrypted PKCS#8",
            Self::Pkcs1 => "PKCS#1",
            Self::Sec1 => "SEC1",
            Self::Dsa => "DSA",
            Self::OpenSsh => "OpenSSH",
            Self::Dropbear => "Dropbear",
        }
    }
}

/// What a private key file holds, without the secret.
///
/// ```
/// use otcheck::probe::certs::{private_key, KeyFormat};
/// // An OpenSSL "traditional" encrypted key: encrypted, algorithm from the label only.
/// let key = private_key(Some("RSA PRIVATE KEY"), true, &[0x30, 0x00]).unwrap();
/// assert_eq!((key.format, key.encrypted), (KeyFormat::Pkcs1, true));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PrivateKey {
    /// The storage format.
    pub format: KeyFormat,
    /// The algorithm, when it can be told without decrypting.
    pub algorithm: Option<KeyAlgorithm>,
    /// Whether the key is encrypted (passphrase-protected).
    pub encrypted: bool,
}

/// The algorithm of a SubjectPublicKeyInfo: algorithm OID, raw DER of its parameters (if
/// any) and the subjectPublicKey bits.
pub(crate) fn public_key(algorithm: &[u8], params: Option<&[u8]>, key: &[u8]) -> KeyAlgorithm {
    let params_oid = params.and_then(|p| der::whole(p, OID)).map(|t| t.value);
    match algorithm {
        a if a == oids::RSA || a == oids::RSA_PSS => {
            let bits = der::whole(key, SEQUENCE)
                .and_then(|seq| der::expect(seq.value, INTEGER))
                .map_or(0, |(n, _)| der::bit_length(n.value));
            if a == oids::RSA {
                KeyAlgorithm::Rsa { bits }
            } else {
                KeyAlgorithm::RsaPss { bits }
            }
        }
        a if a == oids::EC => KeyAlgorithm::Ec {
            curve: params_oid.map_or(
                Curve::Other("explicit parameters".to_owned()),
                Curve::from_oid,
            ),
        },
        a if a == oids::DSA => {
            let bits = params
                .and_then(|p| der::whole(p, SEQUENCE))
                .and_then(|seq| der::expect(seq.value, INTEGER))
                .map_or(0, |(p, _)| der::bit_length(p.value));
            KeyAlgorithm::Dsa { bits }
        }
        a => simple(a),
    }
}

fn simple(oid: &[u8]) -> KeyAlgorithm {
    match oid {
        o if o == oids::ED25519 => KeyAlgorithm::Ed25519,
        o if o == oids::ED448 => KeyAlgorithm::Ed448,
        o if o == oids::X25519 => KeyAlgorithm::X25519,
        o if o == oids::X448 => KeyAlgorithm::X448,
        o => KeyAlgorithm::Unknown {
            name: der::oid_text(o).unwrap_or_else(|| "malformed OID".to_owned()),
        },
    }
}

/// Classifies a private key from its PEM label (or `None` for DER), the legacy-encryption
/// header flag and its decoded bytes; `None` when it is not a private key.
#[must_use]
pub fn private_key(label: Option<&str>, encrypted_header: bool, der: &[u8]) -> Option<PrivateKey> {
    let key = |format, algorithm, encrypted| {
        Some(PrivateKey {
            format,
            algorithm,
            encrypted,
        })
    };
    match label {
        Some("PRIVATE KEY") => pkcs8(der),
        Some("ENCRYPTED PRIVATE KEY") => key(KeyFormat::EncryptedPkcs8, None, true),
        Some("RSA PRIVATE KEY") if encrypted_header => key(KeyFormat::Pkcs1, None, true),
        Some("RSA PRIVATE KEY") => key(
            KeyFormat::Pkcs1,
            Some(pkcs1(der).unwrap_or(KeyAlgorithm::Rsa { bits: 0 })),
            false,
        ),
        Some("EC PRIVATE KEY") if encrypted_header => key(KeyFormat::Sec1, None, true),
        Some("EC PRIVATE KEY") => key(KeyFormat::Sec1, sec1(der), false),
        Some("DSA PRIVATE KEY") if encrypted_header => key(KeyFormat::Dsa, None, true),
        Some("DSA PRIVATE KEY") => key(
            KeyFormat::Dsa,
            Some(dsa(der).unwrap_or(KeyAlgorithm::Dsa { bits: 0 })),
            false,
        ),
        Some("OPENSSH PRIVATE KEY") => openssh(der),
        Some(_) => None,
        None => pkcs8(der)
            .or_else(|| {
                encrypted_pkcs8(der).then_some(PrivateKey {
                    format: KeyFormat::EncryptedPkcs8,
                    algorithm: None,
                    encrypted: true,
                })
            })
            .or_else(|| {
                pkcs1(der).map(|a| PrivateKey {
                    format: KeyFormat::Pkcs1,
                    algorithm: Some(a),
                    encrypted: false,
                })
            })
            .or_else(|| {
                sec1(der).map(|a| PrivateKey {
                    format: KeyFormat::Sec1,
                    algorithm: Some(a),
                    encrypted: false,
                })
            }),
    }
}

/// `PrivateKeyInfo ::= SEQUENCE { version INTEGER, algorithm AlgorithmIdentifier,
/// privateKey OCTET STRING, ... }`
fn pkcs8(der: &[u8]) -> Option<PrivateKey> {
    let seq = der::whole(der, SEQUENCE)?;
    let (version, rest) = der::expect(seq.value, INTEGER)?;
    if !matches!(version.value, [0] | [1]) {
        return None;
    }
    let (alg, rest) = der::expect(rest, SEQUENCE)?;
    let (pk, _) = der::expect(rest, OCTET_STRING)?;
    let (oid, params) = der::expect(alg.value, OID)?;
    let params = der::read(params).map(|(p, _)| p.raw);
    let algorithm = match oid.value {
        a if a == oids::RSA || a == oids::RSA_PSS => {
            let bits = match pkcs1(pk.value) {
                Some(KeyAlgorithm::Rsa { bits }) => bits,
                _ => 0,
            };
            if a == oids::RSA {
                KeyAlgorithm::Rsa { bits }
            } else {
                KeyAlgorithm::RsaPss { bits }
            }
        }
        a if a == oids::EC => match params.and_then(|p| der::whole(p, OID)) {
            Some(curve) => KeyAlgorithm::Ec {
                curve: Curve::from_oid(curve.value),
            },
            None => sec1(pk.value).unwrap_or(KeyAlgorithm::Ec {
                curve: Curve::Other("unnamed".to_owned()),
            }),
        },
        a if a == oids::DSA => public_key(a, params, &[]),
        a => simple(a),
    };
    Some(PrivateKey {
        format: KeyFormat::Pkcs8,
        algorithm: Some(algorithm),
        encrypted: false,
    })
}

/// `EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm AlgorithmIdentifier,
/// encryptedData OCTET STRING }`
fn encrypted_pkcs8(der: &[u8]) -> bool {
    der::whole(der, SEQUENCE)
        .and_then(|seq| {
            let (alg, rest) = der::expect(seq.value, SEQUENCE)?;
            der::expect(alg.value, OID)?;
            match der::expect(rest, OCTET_STRING)? {
                (_, []) => Some(()),
                _ => None,
            }
        })
        .is_some()
}

/// `RSAPrivateKey ::= SEQUENCE { version, modulus, publicExponent, privateExponent, ... }`
fn pkcs1(der: &[u8]) -> Option<KeyAlgorithm> {
    let seq = der::whole(der, SEQUENCE)?;
    let (version, rest) = der::expect(seq.value, INTEGER)?;
    if !matches!(version.value, [0] | [1]) {
        return None;
    }
    let (n, rest) = der::expect(rest, INTEGER)?;
    let (_e, rest) = der::expect(rest, INTEGER)?;
    der::expect(rest, INTEGER)?;
    Some(KeyAlgorithm::Rsa {
        bits: der::bit_length(n.value),
    })
}

/// `ECPrivateKey ::= SEQUENCE { version INTEGER (1), privateKey OCTET STRING,
/// parameters [0] ECParameters OPTIONAL, publicKey [1] BIT STRING OPTIONAL }`
fn sec1(der: &[u8]) -> Option<KeyAlgorithm> {
    let seq = der::whole(der, SEQUENCE)?;
    let (version, rest) = der::expect(seq.value, INTEGER)?;
    if version.value != [1] {
        return None;
    }
    let (_, mut rest) = der::expect(rest, OCTET_STRING)?;
    let mut curve = None;
    while let Some((t, after)) = der::read(rest) {
        if t.tag == 0xa0 {
            curve = der::whole(t.value, OID).map(|o| Curve::from_oid(o.value));
        } else if t.tag != 0xa1 {
            return None;
        }
        rest = after;
    }
    if !rest.is_empty() {
        return None;
    }
    Some(KeyAlgorithm::Ec {
        curve: curve.unwrap_or(Curve::Other("unnamed".to_owned())),
    })
}

/// OpenSSL's `DSAPrivateKey ::= SEQUENCE { version 0, p, q, g, y, x }`
fn dsa(der: &[u8]) -> Option<KeyAlgorithm> {
    let seq = der::whole(der, SEQUENCE)?;
    let (_, rest) = der::expect(seq.value, INTEGER)?;
    let (p, _) = der::expect(rest, INTEGER)?;
    Some(KeyAlgorithm::Dsa {
        bits: der::bit_length(p.value),
    })
}

/// An SSH wire-format string (`uint32` length, bytes) from the front of `input`.
fn ssh_string(input: &[u8]) -> Option<(&[u8], &[u8])> {
    let (len, rest) = input.split_first_chunk::<4>()?;
    let len = usize::try_from(u32::from_be_bytes(*len)).ok()?;
    rest.split_at_checked(len)
}

/// The algorithm of an SSH public key blob (`string type, ...`).
fn ssh_public(blob: &[u8]) -> Option<KeyAlgorithm> {
    let (kind, rest) = ssh_string(blob)?;
    Some(match kind {
        b"ssh-rsa" => {
            let (_e, rest) = ssh_string(rest)?;
            let (n, _) = ssh_string(rest)?;
            KeyAlgorithm::Rsa {
                bits: der::bit_length(n),
            }
        }
        b"ssh-dss" => KeyAlgorithm::Dsa {
            bits: der::bit_length(ssh_string(rest)?.0),
        },
        b"ssh-ed25519" | b"sk-ssh-ed25519@openssh.com" => KeyAlgorithm::Ed25519,
        b"ssh-ed448" => KeyAlgorithm::Ed448,
        k if k.starts_with(b"ecdsa-sha2-") || k.starts_with(b"sk-ecdsa-sha2-") => {
            KeyAlgorithm::Ec {
                curve: Curve::from_ssh_name(ssh_string(rest)?.0),
            }
        }
        other => KeyAlgorithm::Unknown {
            name: String::from_utf8_lossy(other).into_owned(),
        },
    })
}

/// `openssh-key-v1\0`, cipher, kdf, kdf options, key count, first public key, private part.
fn openssh(body: &[u8]) -> Option<PrivateKey> {
    let rest = body.strip_prefix(b"openssh-key-v1\0")?;
    let (cipher, rest) = ssh_string(rest)?;
    let (_kdf, rest) = ssh_string(rest)?;
    let (_kdf_options, rest) = ssh_string(rest)?;
    let (_count, rest) = rest.split_first_chunk::<4>()?;
    let algorithm = ssh_string(rest).and_then(|(blob, _)| ssh_public(blob));
    Some(PrivateKey {
        format: KeyFormat::OpenSsh,
        algorithm,
        encrypted: cipher != b"none",
    })
}

/// A Dropbear host key file (`string type` followed by the key's integers), never encrypted.
///
/// ```
/// let mut key = Vec::new();
/// for part in [&b"ssh-ed25519"[..], &[7u8; 64][..]] {
///     key.extend(u32::try_from(part.len()).unwrap().to_be_bytes());
///     key.extend(part);
/// }
/// let k = otcheck::probe::certs::dropbear_key(&key).unwrap();
/// assert_eq!(k.algorithm, Some(otcheck::probe::certs::KeyAlgorithm::Ed25519));
/// ```
#[must_use]
pub fn dropbear_key(bytes: &[u8]) -> Option<PrivateKey> {
    let (kind, _) = ssh_string(bytes)?;
    if !matches!(kind, b"ssh-rsa" | b"ssh-dss" | b"ssh-ed25519")
        && !kind.starts_with(b"ecdsa-sha2-nistp")
    {
        return None;
    }
    Some(PrivateKey {
        format: KeyFormat::Dropbear,
        algorithm: ssh_public(bytes),
        encrypted: false,
    })
}

/// Reads the BIT STRING contents' unused-bits octet off.
pub(crate) fn bit_string_bytes(raw: &[u8]) -> &[u8] {
    der::whole(raw, BIT_STRING)
        .and_then(|t| t.value.get(1..))
        .unwrap_or(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ssh(parts: &[&[u8]]) -> Vec<u8> {
        let mut out = Vec::new();
        for p in parts {
            out.extend(u32::try_from(p.len()).unwrap().to_be_bytes());
            out.extend(*p);
        }
        out
    }

    #[test]
    fn openssh_keys_tell_algorithm_and_encryption() {
        let mut n = vec![0u8];
        n.extend([0xc5; 256]);
        let blob = ssh(&[b"ssh-rsa", &[1, 0, 1], &n]);
        for (cipher, encrypted) in [(&b"none"[..], false), (b"aes256-ctr", true)] {
            let mut body = b"openssh-key-v1\0".to_vec();
            body.extend(ssh(&[cipher, b"none", b""]));
            body.extend(1u32.to_be_bytes());
            body.extend(ssh(&[&blob]));
            let k = private_key(Some("OPENSSH PRIVATE KEY"), false, &body).unwrap();
            assert_eq!(k.algorithm, Some(KeyAlgorithm::Rsa { bits: 2048 }));
            assert_eq!(k.encrypted, encrypted);
            for cut in 0..body.len() {
                let _ = private_key(Some("OPENSSH PRIVATE KEY"), false, &body[..cut]);
            }
        }
    }

    #[test]
    fn dropbear_keys_need_a_known_type() {
        assert!(dropbear_key(&ssh(&[b"ssh-rsa", &[1], &[0x80, 0]])).is_some());
        assert!(dropbear_key(&ssh(&[b"not-a-key"])).is_none());
        assert!(dropbear_key(b"\x00\x00").is_none());
    }
}
