//! Signature algorithms, public keys and their key ids, the trust-anchor store, and signing
//! through a caller-supplied [`ManifestSigner`].
//!
//! | algorithm | code | trailer | public key | feature | crate |
//! |---|---|---|---|---|---|
//! | [`DigestOnly`](SignatureAlgorithm::DigestOnly) | 0 | SHA-256 of the manifest, 32 bytes | none (key id all zero) | always | `sha2` |
//! | [`Ed25519`](SignatureAlgorithm::Ed25519) | 1 | RFC 8032 signature, 64 bytes | 32 bytes | `ed25519` | `ed25519-compact` |
//! | [`EcdsaP256Sha256`](SignatureAlgorithm::EcdsaP256Sha256) | 2 | `r ‖ s`, 32 bytes each, big-endian | SEC1 uncompressed, 65 bytes | `p256` | `p256` |
//!
//! A [`KeyId`] is the SHA-256 of the raw public key bytes in the column above. The trust-anchor
//! store ([`TrustAnchors`]) holds product-supplier keys (EDR/HDR/NDR 3.12) and asset-owner keys
//! (EDR/HDR/NDR 3.13) under their key ids, in a fixed-capacity array.
//!
//! Guarantees: no panics, no heap. Crypto failures are opaque (as `signature::Error` is): a
//! [`SignatureError`] says which key and algorithm were used, never why the maths failed.
//! A [`SignatureVerified`] is created only here, after a trusted key verified the signature.

use core::fmt;

use super::HexError;
use super::digest::{DIGEST_LEN, Digest, decode_hex, write_hex};

/// Largest raw public key (SEC1 uncompressed P-256).
const MAX_PUBLIC_KEY_LEN: usize = 65;

/// How a manifest's trailer protects it.
///
/// ```
/// use otcheck_core::integrity::SignatureAlgorithm;
/// let alg = SignatureAlgorithm::from_code(1);
/// assert_eq!(alg, Some(SignatureAlgorithm::Ed25519));
/// assert_eq!(SignatureAlgorithm::Ed25519.trailer_len(), 64);
/// assert!(!SignatureAlgorithm::DigestOnly.is_signature());
/// assert_eq!(SignatureAlgorithm::from_code(9), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum SignatureAlgorithm {
    /// No signature: the trailer is the SHA-256 of the manifest. Integrity against accidental
    /// corruption (CR 3.4), no authenticity.
    DigestOnly,
    /// Ed25519 (RFC 8032, pure).
    Ed25519,
    /// ECDSA over NIST P-256 with SHA-256 (FIPS 186-5).
    EcdsaP256Sha256,
}

impl SignatureAlgorithm {
    /// The code stored in a manifest.
    ///
    /// ```
    /// assert_eq!(otcheck_core::integrity::SignatureAlgorithm::EcdsaP256Sha256.code(), 2);
    /// ```
    #[must_use]
    pub const fn code(self) -> u8 {
        match self {
            Self::DigestOnly => 0,
            Self::Ed25519 => 1,
            Self::EcdsaP256Sha256 => 2,
        }
    }

    /// The algorithm with this code.
    ///
    /// ```
    /// use otcheck_core::integrity::SignatureAlgorithm;
    /// assert_eq!(SignatureAlgorithm::from_code(0), Some(SignatureAlgorithm::DigestOnly));
    /// ```
    #[must_use]
    pub const fn from_code(code: u8) -> Option<Self> {
        match code {
            0 => Some(Self::DigestOnly),
            1 => Some(Self::Ed25519),
            2 => Some(Self::EcdsaP256Sha256),
            _ => None,
        }
    }

    /// Length of the manifest trailer: the signature, or the manifest digest.
    ///
    /// ```
    /// assert_eq!(otcheck_core::integrity::SignatureAlgorithm::DigestOnly.trailer_len(), 32);
    /// ```
    #[must_use]
    pub const fn trailer_len(self) -> usize {
        match self {
            Self::DigestOnly => DIGEST_LEN,
            Self::Ed25519 | Self::EcdsaP256Sha256 => 64,
        }
    }

    /// Length of a raw public key (0 for digest-only).
    ///
    /// ```
    /// assert_eq!(otcheck_core::integrity::SignatureAlgorithm::EcdsaP256Sha256.public_key_len(), 65);
    /// ```
    #[must_use]
    pub const fn public_key_len(self) -> usize {
        match self {
            Self::DigestOnly => 0,
            Self::Ed25519 => 32,
            Self::EcdsaP256Sha256 => MAX_PUBLIC_KEY_LEN,
        }
    }

    /// Whether the trailer is a signature (gives authenticity), not just a digest.
    ///
    /// ```
    /// assert!(otcheck_core::integrity::SignatureAlgorithm::Ed25519.is_signature());
    /// ```
    #[must_use]
    pub const fn is_signature(self) -> bool {
        !matches!(self, Self::DigestOnly)
    }

    /// Whether this build can verify the algorithm (its feature is enabled).
    ///
    /// ```
    /// use otcheck_core::integrity::SignatureAlgorithm;
    /// assert!(SignatureAlgorithm::DigestOnly.is_enabled());
    /// assert_eq!(SignatureAlgorithm::Ed25519.is_enabled(), cfg!(feature = "ed25519"));
    /// ```
    #[must_use]
    pub const fn is_enabled(self) -> bool {
        match self {
            Self::DigestOnly => true,
            Self::Ed25519 => cfg!(feature = "ed25519"),
            Self::EcdsaP256Sha256 => cfg!(feature = "p256"),
        }
    }
}

impl fmt::Display for SignatureAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::DigestOnly => "digest-only (SHA-256)",
            Self::Ed25519 => "Ed25519",
            Self::EcdsaP256Sha256 => "ECDSA P-256/SHA-256",
        })
    }
}

/// The id of a public key: SHA-256 of its raw bytes. Digest-only manifests carry
/// [`KeyId::NONE`] (all zero).
///
/// With the `serde` feature it (de)serialises as a 64-character hex string.
///
/// ```
/// use otcheck_core::integrity::{Digest, KeyId};
/// let id = KeyId::of(&[0x11; 32]);
/// assert_eq!(id.as_bytes(), Digest::of(&[0x11; 32]).as_bytes());
/// assert_eq!(KeyId::from_hex(&id.to_string())?, id);
/// # Ok::<(), otcheck_core::integrity::HexError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KeyId([u8; DIGEST_LEN]);

impl KeyId {
    /// The all-zero key id of digest-only manifests.
    pub const NONE: Self = Self([0; DIGEST_LEN]);

    /// The key id of a raw public key.
    ///
    /// ```
    /// use otcheck_core::integrity::KeyId;
    /// assert_ne!(KeyId::of(&[1; 32]), KeyId::of(&[2; 32]));
    /// ```
    #[must_use]
    pub fn of(raw_public_key: &[u8]) -> Self {
        Self(*Digest::of(raw_public_key).as_bytes())
    }

    /// Wraps 32 key-id bytes.
    ///
    /// ```
    /// assert_eq!(otcheck_core::integrity::KeyId::from_bytes([0; 32]), otcheck_core::integrity::KeyId::NONE);
    /// ```
    #[must_use]
    pub const fn from_bytes(bytes: [u8; DIGEST_LEN]) -> Self {
        Self(bytes)
    }

    /// The key-id bytes.
    ///
    /// ```
    /// assert_eq!(otcheck_core::integrity::KeyId::NONE.as_bytes(), &[0; 32]);
    /// ```
    #[must_use]
    pub const fn as_bytes(&self) -> &[u8; DIGEST_LEN] {
        &self.0
    }

    /// Parses 64 hex digits.
    ///
    /// # Errors
    ///
    /// [`HexError`] for a wrong length or a non-hex character.
    ///
    /// ```
    /// assert!(otcheck_core::integrity::KeyId::from_hex("00").is_err());
    /// ```
    pub fn from_hex(text: &str) -> Result<Self, HexError> {
        let mut out = [0u8; DIGEST_LEN];
        decode_hex(text, &mut out)?;
        Ok(Self(out))
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_hex(f, &self.0)
    }
}

impl fmt::Debug for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyId({self})")
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for KeyId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for KeyId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(super::digest::HexVisitor).map(Self)
    }
}

/// Whose root of trust a key is.
///
/// ```
/// use otcheck_core::integrity::Role;
/// assert_eq!(Role::AssetOwner.to_string(), "asset owner");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Role {
    /// The product supplier's key (EDR/HDR/NDR 3.12): signs the supplier's images.
    Supplier,
    /// The asset owner's key (EDR/HDR/NDR 3.13): signs or countersigns what the owner approved.
    AssetOwner,
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Supplier => "product supplier",
            Self::AssetOwner => "asset owner",
        })
    }
}

/// A public key that is not usable for its algorithm.
///
/// ```
/// use otcheck_core::integrity::{KeyError, PublicKey, SignatureAlgorithm};
/// assert_eq!(
///     PublicKey::from_raw(SignatureAlgorithm::Ed25519, &[0; 31]),
///     Err(KeyError::Length { algorithm: SignatureAlgorithm::Ed25519, expected: 32, found: 31 })
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// Digest-only manifests have no key.
    #[error("the digest-only algorithm has no public key")]
    NotASignatureAlgorithm,
    /// The key has the wrong length for its algorithm.
    #[error("{algorithm} public key must be {expected} bytes, found {found}")]
    Length {
        /// The key's algorithm.
        algorithm: SignatureAlgorithm,
        /// Required length.
        expected: usize,
        /// Given length.
        found: usize,
    },
    /// The bytes are not a valid key (wrong SEC1 tag, not a curve point, zero secret).
    #[error("not a valid {algorithm} key")]
    Encoding {
        /// The key's algorithm.
        algorithm: SignatureAlgorithm,
    },
}

/// A raw public key with its algorithm.
///
/// ```
/// use otcheck_core::integrity::{KeyId, PublicKey, SignatureAlgorithm};
/// let key = PublicKey::from_raw(SignatureAlgorithm::Ed25519, &[0x42; 32])?;
/// assert_eq!(key.as_bytes(), &[0x42; 32]);
/// assert_eq!(key.key_id(), KeyId::of(&[0x42; 32]));
/// # Ok::<(), otcheck_core::integrity::KeyError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PublicKey {
    algorithm: SignatureAlgorithm,
    bytes: [u8; MAX_PUBLIC_KEY_LEN],
}

impl PublicKey {
    /// A key from its raw bytes: 32 bytes for Ed25519, 65 bytes SEC1 uncompressed
    /// (`0x04 ‖ x ‖ y`) for P-256. With the `p256` feature a P-256 key is also checked to be a
    /// point on the curve.
    ///
    /// # Errors
    ///
    /// [`KeyError`] for digest-only, a wrong length, or an invalid encoding.
    ///
    /// ```
    /// use otcheck_core::integrity::{KeyError, PublicKey, SignatureAlgorithm};
    /// let mut p256 = [0u8; 65];
    /// p256[0] = 0x02; // compressed tag: only uncompressed keys are accepted
    /// assert!(matches!(
    ///     PublicKey::from_raw(SignatureAlgorithm::EcdsaP256Sha256, &p256),
    ///     Err(KeyError::Encoding { .. })
    /// ));
    /// ```
    pub fn from_raw(algorithm: SignatureAlgorithm, raw: &[u8]) -> Result<Self, KeyError> {
        if !algorithm.is_signature() {
            return Err(KeyError::NotASignatureAlgorithm);
        }
        let expected = algorithm.public_key_len();
        if raw.len() != expected {
            return Err(KeyError::Length {
                algorithm,
                expected,
                found: raw.len(),
            });
        }
        if algorithm == SignatureAlgorithm::EcdsaP256Sha256 && !p256_key_is_valid(raw) {
            return Err(KeyError::Encoding { algorithm });
        }
        let mut bytes = [0u8; MAX_PUBLIC_KEY_LEN];
        bytes
            .get_mut(..expected)
            .ok_or(KeyError::Encoding { algorithm })?
            .copy_from_slice(raw);
        Ok(Self { algorithm, bytes })
    }

    /// The key's algorithm.
    ///
    /// ```
    /// use otcheck_core::integrity::{PublicKey, SignatureAlgorithm};
    /// let key = PublicKey::from_raw(SignatureAlgorithm::Ed25519, &[1; 32])?;
    /// assert_eq!(key.algorithm(), SignatureAlgorithm::Ed25519);
    /// # Ok::<(), otcheck_core::integrity::KeyError>(())
    /// ```
    #[must_use]
    pub const fn algorithm(&self) -> SignatureAlgorithm {
        self.algorithm
    }

    /// The raw key bytes.
    ///
    /// ```
    /// use otcheck_core::integrity::{PublicKey, SignatureAlgorithm};
    /// let key = PublicKey::from_raw(SignatureAlgorithm::Ed25519, &[1; 32])?;
    /// assert_eq!(key.as_bytes().len(), 32);
    /// # Ok::<(), otcheck_core::integrity::KeyError>(())
    /// ```
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        let len = self.algorithm.public_key_len();
        self.bytes.get(..len).unwrap_or(&self.bytes)
    }

    /// SHA-256 of [`as_bytes`](Self::as_bytes).
    ///
    /// ```
    /// use otcheck_core::integrity::{KeyId, PublicKey, SignatureAlgorithm};
    /// let key = PublicKey::from_raw(SignatureAlgorithm::Ed25519, &[1; 32])?;
    /// assert_eq!(key.key_id(), KeyId::of(&[1; 32]));
    /// # Ok::<(), otcheck_core::integrity::KeyError>(())
    /// ```
    #[must_use]
    pub fn key_id(&self) -> KeyId {
        KeyId::of(self.as_bytes())
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({}, ", self.algorithm)?;
        write_hex(f, self.as_bytes())?;
        f.write_str(")")
    }
}

#[cfg(feature = "p256")]
fn p256_key_is_valid(raw: &[u8]) -> bool {
    raw.first() == Some(&0x04) && p256::ecdsa::VerifyingKey::from_sec1_bytes(raw).is_ok()
}

#[cfg(not(feature = "p256"))]
fn p256_key_is_valid(raw: &[u8]) -> bool {
    raw.first() == Some(&0x04)
}

/// A trusted key: its role, the key and its id.
///
/// ```
/// use otcheck_core::integrity::{PublicKey, Role, SignatureAlgorithm, TrustAnchors};
/// let mut anchors = TrustAnchors::<2>::new();
/// let id = anchors.add(Role::Supplier, PublicKey::from_raw(SignatureAlgorithm::Ed25519, &[5; 32])?)?;
/// let anchor = anchors.get(&id).ok_or("missing")?;
/// assert_eq!(anchor.role(), Role::Supplier);
/// assert_eq!(anchor.key_id(), id);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TrustAnchor {
    role: Role,
    key: PublicKey,
    key_id: KeyId,
}

impl TrustAnchor {
    /// Whose key it is.
    ///
    /// ```
    /// # use otcheck_core::integrity::{PublicKey, Role, SignatureAlgorithm, TrustAnchors};
    /// # let mut anchors = TrustAnchors::<1>::new();
    /// # let id = anchors.add(Role::AssetOwner, PublicKey::from_raw(SignatureAlgorithm::Ed25519, &[5; 32])?)?;
    /// assert_eq!(anchors.get(&id).map(|a| a.role()), Some(Role::AssetOwner));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn role(&self) -> Role {
        self.role
    }

    /// The public key.
    ///
    /// ```
    /// # use otcheck_core::integrity::{PublicKey, Role, SignatureAlgorithm, TrustAnchors};
    /// # let mut anchors = TrustAnchors::<1>::new();
    /// # let id = anchors.add(Role::Supplier, PublicKey::from_raw(SignatureAlgorithm::Ed25519, &[5; 32])?)?;
    /// assert_eq!(anchors.get(&id).map(|a| a.key().as_bytes()), Some(&[5u8; 32][..]));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn key(&self) -> &PublicKey {
        &self.key
    }

    /// The key id (SHA-256 of the raw key).
    ///
    /// ```
    /// # use otcheck_core::integrity::{KeyId, PublicKey, Role, SignatureAlgorithm, TrustAnchors};
    /// # let mut anchors = TrustAnchors::<1>::new();
    /// # let id = anchors.add(Role::Supplier, PublicKey::from_raw(SignatureAlgorithm::Ed25519, &[5; 32])?)?;
    /// assert_eq!(anchors.get(&id).map(|a| a.key_id()), Some(KeyId::of(&[5; 32])));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn key_id(&self) -> KeyId {
        self.key_id
    }
}

/// Adding a trust anchor failed.
///
/// ```
/// use otcheck_core::integrity::AnchorError;
/// assert_eq!(AnchorError::Full { capacity: 4 }.to_string(), "trust-anchor store is full (capacity 4)");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum AnchorError {
    /// Every slot is taken.
    #[error("trust-anchor store is full (capacity {capacity})")]
    Full {
        /// The store's capacity.
        capacity: usize,
    },
    /// The key is already in the store.
    #[error("key {key_id} is already a trust anchor")]
    Duplicate {
        /// Its id.
        key_id: KeyId,
    },
}

/// Trusted public keys, at most `N`, looked up by key id.
///
/// ```
/// use otcheck_core::integrity::{PublicKey, Role, SignatureAlgorithm, TrustAnchors};
/// let mut anchors = TrustAnchors::<4>::new();
/// anchors.add(Role::Supplier, PublicKey::from_raw(SignatureAlgorithm::Ed25519, &[1; 32])?)?;
/// anchors.add(Role::AssetOwner, PublicKey::from_raw(SignatureAlgorithm::Ed25519, &[2; 32])?)?;
/// assert_eq!(anchors.len(), 2);
/// assert_eq!(anchors.count(Role::Supplier), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TrustAnchors<const N: usize> {
    slots: [Option<TrustAnchor>; N],
}

impl<const N: usize> Default for TrustAnchors<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> TrustAnchors<N> {
    /// An empty store.
    ///
    /// ```
    /// assert!(otcheck_core::integrity::TrustAnchors::<3>::new().is_empty());
    /// ```
    #[must_use]
    pub const fn new() -> Self {
        Self { slots: [None; N] }
    }

    /// Adds a key and returns its id.
    ///
    /// # Errors
    ///
    /// [`AnchorError::Duplicate`] if the key is already present (whatever its role),
    /// [`AnchorError::Full`] if all `N` slots are taken.
    ///
    /// ```
    /// use otcheck_core::integrity::{AnchorError, PublicKey, Role, SignatureAlgorithm, TrustAnchors};
    /// let key = PublicKey::from_raw(SignatureAlgorithm::Ed25519, &[1; 32])?;
    /// let mut anchors = TrustAnchors::<1>::new();
    /// let id = anchors.add(Role::Supplier, key)?;
    /// assert_eq!(anchors.add(Role::AssetOwner, key), Err(AnchorError::Duplicate { key_id: id }));
    /// let other = PublicKey::from_raw(SignatureAlgorithm::Ed25519, &[2; 32])?;
    /// assert_eq!(anchors.add(Role::Supplier, other), Err(AnchorError::Full { capacity: 1 }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add(&mut self, role: Role, key: PublicKey) -> Result<KeyId, AnchorError> {
        let key_id = key.key_id();
        if self.get(&key_id).is_some() {
            return Err(AnchorError::Duplicate { key_id });
        }
        let slot = self
            .slots
            .iter_mut()
            .find(|s| s.is_none())
            .ok_or(AnchorError::Full { capacity: N })?;
        *slot = Some(TrustAnchor { role, key, key_id });
        Ok(key_id)
    }

    /// Removes a key (e.g. an asset owner revoking a key) and returns it.
    ///
    /// ```
    /// use otcheck_core::integrity::{PublicKey, Role, SignatureAlgorithm, TrustAnchors};
    /// let mut anchors = TrustAnchors::<1>::new();
    /// let id = anchors.add(Role::AssetOwner, PublicKey::from_raw(SignatureAlgorithm::Ed25519, &[1; 32])?)?;
    /// assert!(anchors.remove(&id).is_some());
    /// assert!(anchors.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn remove(&mut self, key_id: &KeyId) -> Option<TrustAnchor> {
        self.slots
            .iter_mut()
            .find(|s| s.is_some_and(|a| a.key_id == *key_id))
            .and_then(Option::take)
    }

    /// The anchor with this key id.
    ///
    /// ```
    /// use otcheck_core::integrity::{KeyId, TrustAnchors};
    /// assert!(TrustAnchors::<1>::new().get(&KeyId::NONE).is_none());
    /// ```
    #[must_use]
    pub fn get(&self, key_id: &KeyId) -> Option<&TrustAnchor> {
        self.iter().find(|a| a.key_id == *key_id)
    }

    /// The anchors, in slot order.
    ///
    /// ```
    /// use otcheck_core::integrity::TrustAnchors;
    /// assert_eq!(TrustAnchors::<2>::new().iter().count(), 0);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = &TrustAnchor> {
        self.slots.iter().flatten()
    }

    /// How many anchors there are.
    ///
    /// ```
    /// assert_eq!(otcheck_core::integrity::TrustAnchors::<2>::new().len(), 0);
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// Whether there is no anchor.
    ///
    /// ```
    /// assert!(otcheck_core::integrity::TrustAnchors::<0>::new().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    /// How many anchors have this role.
    ///
    /// ```
    /// use otcheck_core::integrity::{Role, TrustAnchors};
    /// assert_eq!(TrustAnchors::<2>::new().count(Role::AssetOwner), 0);
    /// ```
    #[must_use]
    pub fn count(&self, role: Role) -> usize {
        self.iter().filter(|a| a.role == role).count()
    }

    /// Verifies `signature` over `message` with the trusted key `key_id`, which must be a key
    /// for `algorithm`.
    ///
    /// # Errors
    ///
    /// [`SignatureError`]: digest-only algorithm, algorithm not compiled in, key not in the
    /// store, key of another algorithm, or the signature does not verify.
    ///
    /// ```
    /// use otcheck_core::integrity::{KeyId, SignatureAlgorithm, SignatureError, TrustAnchors};
    /// let anchors = TrustAnchors::<1>::new();
    /// let id = KeyId::of(b"nobody");
    /// assert!(matches!(
    ///     anchors.verify(SignatureAlgorithm::Ed25519, &id, b"msg", &[0; 64]),
    ///     Err(SignatureError::UnknownKey { .. } | SignatureError::AlgorithmDisabled { .. })
    /// ));
    /// ```
    pub fn verify(
        &self,
        algorithm: SignatureAlgorithm,
        key_id: &KeyId,
        message: &[u8],
        signature: &[u8],
    ) -> Result<SignatureVerified, SignatureError> {
        if !algorithm.is_signature() {
            return Err(SignatureError::NotSigned);
        }
        if !algorithm.is_enabled() {
            return Err(SignatureError::AlgorithmDisabled { algorithm });
        }
        let anchor = self
            .get(key_id)
            .ok_or(SignatureError::UnknownKey { key_id: *key_id })?;
        if anchor.key.algorithm != algorithm {
            return Err(SignatureError::AlgorithmMismatch {
                key_id: *key_id,
                key: anchor.key.algorithm,
                manifest: algorithm,
            });
        }
        if verify_raw(&anchor.key, message, signature) {
            Ok(SignatureVerified {
                key_id: anchor.key_id,
                role: anchor.role,
                algorithm,
            })
        } else {
            Err(SignatureError::Invalid {
                algorithm,
                key_id: *key_id,
            })
        }
    }
}

/// Whether `signature` verifies over `message` under `key`. Opaque on failure by design.
fn verify_raw(key: &PublicKey, message: &[u8], signature: &[u8]) -> bool {
    match key.algorithm {
        SignatureAlgorithm::DigestOnly => false,
        SignatureAlgorithm::Ed25519 => verify_ed25519(key.as_bytes(), message, signature),
        SignatureAlgorithm::EcdsaP256Sha256 => verify_p256(key.as_bytes(), message, signature),
    }
}

#[cfg(feature = "ed25519")]
fn verify_ed25519(key: &[u8], message: &[u8], signature: &[u8]) -> bool {
    // `ed25519-compact` rejects non-canonical `S` and invalid point encodings (RFC 8032 §5.1.7).
    let (Ok(key), Ok(sig)) = (
        ed25519_compact::PublicKey::from_slice(key),
        ed25519_compact::Signature::from_slice(signature),
    ) else {
        return false;
    };
    key.verify(message, &sig).is_ok()
}

#[cfg(not(feature = "ed25519"))]
fn verify_ed25519(_key: &[u8], _message: &[u8], _signature: &[u8]) -> bool {
    false
}

#[cfg(feature = "p256")]
fn verify_p256(key: &[u8], message: &[u8], signature: &[u8]) -> bool {
    use p256::ecdsa::signature::Verifier as _;
    let (Ok(key), Ok(sig)) = (
        p256::ecdsa::VerifyingKey::from_sec1_bytes(key),
        p256::ecdsa::Signature::from_slice(signature),
    ) else {
        return false;
    };
    key.verify(message, &sig).is_ok()
}

#[cfg(not(feature = "p256"))]
fn verify_p256(_key: &[u8], _message: &[u8], _signature: &[u8]) -> bool {
    false
}

/// A signature was not accepted. Says which key and algorithm, never why the maths failed.
///
/// ```
/// use otcheck_core::integrity::{KeyId, SignatureAlgorithm, SignatureError};
/// let e = SignatureError::Invalid { algorithm: SignatureAlgorithm::Ed25519, key_id: KeyId::NONE };
/// assert!(e.to_string().starts_with("Ed25519 signature does not verify with key 0000"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum SignatureError {
    /// The manifest is digest-only: there is no signature to verify.
    #[error("the manifest is digest-only: it carries no signature")]
    NotSigned,
    /// The algorithm's feature is not compiled into this build.
    #[error("{algorithm} verification is not enabled in this build")]
    AlgorithmDisabled {
        /// The manifest's algorithm.
        algorithm: SignatureAlgorithm,
    },
    /// No trust anchor has this key id.
    #[error("key {key_id} is not a trust anchor")]
    UnknownKey {
        /// The manifest's key id.
        key_id: KeyId,
    },
    /// The trusted key is for another algorithm than the manifest names.
    #[error("key {key_id} is a {key} key, the manifest says {manifest}")]
    AlgorithmMismatch {
        /// The manifest's key id.
        key_id: KeyId,
        /// The trusted key's algorithm.
        key: SignatureAlgorithm,
        /// The manifest's algorithm.
        manifest: SignatureAlgorithm,
    },
    /// The signature does not verify.
    #[error("{algorithm} signature does not verify with key {key_id}")]
    Invalid {
        /// The algorithm used.
        algorithm: SignatureAlgorithm,
        /// The key used.
        key_id: KeyId,
    },
}

/// Proof that a trusted key signed a message. Created only by [`TrustAnchors::verify`].
///
/// ```
/// # #[cfg(feature = "ed25519")] {
/// use otcheck_core::integrity::{Ed25519Signer, ManifestSigner, Role, TrustAnchors};
/// let signer = Ed25519Signer::from_seed([7; 32])?;
/// let mut anchors = TrustAnchors::<1>::new();
/// anchors.add(Role::Supplier, signer.public_key())?;
/// let mut sig = [0u8; 64];
/// signer.sign(b"hello", &mut sig)?;
/// let proof = anchors.verify(signer.algorithm(), &signer.key_id(), b"hello", &sig)?;
/// assert_eq!(proof.role(), Role::Supplier);
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, PartialEq, Eq)]
pub struct SignatureVerified {
    key_id: KeyId,
    role: Role,
    algorithm: SignatureAlgorithm,
}

impl SignatureVerified {
    /// The key that verified.
    ///
    /// See [`SignatureVerified`] for an example.
    #[must_use]
    pub const fn key_id(&self) -> KeyId {
        self.key_id
    }

    /// The role of that key.
    ///
    /// See [`SignatureVerified`] for an example.
    #[must_use]
    pub const fn role(&self) -> Role {
        self.role
    }

    /// The algorithm.
    ///
    /// See [`SignatureVerified`] for an example.
    #[must_use]
    pub const fn algorithm(&self) -> SignatureAlgorithm {
        self.algorithm
    }
}

/// Signing failed (opaque, like `signature::Error`).
///
/// ```
/// assert_eq!(otcheck_core::integrity::SignError.to_string(), "signing failed");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("signing failed")]
pub struct SignError;

/// Produces a manifest's trailer. Implement it for a key in a file, an HSM or a signing
/// service; [`DigestOnlySigner`], `Ed25519Signer` (feature `ed25519`) and `P256Signer`
/// (feature `p256`) are provided.
///
/// ```
/// use otcheck_core::integrity::{DigestOnlySigner, ManifestSigner, SignatureAlgorithm};
/// assert_eq!(DigestOnlySigner.algorithm(), SignatureAlgorithm::DigestOnly);
/// ```
pub trait ManifestSigner {
    /// The algorithm the trailer is made with.
    fn algorithm(&self) -> SignatureAlgorithm;

    /// The id of the public key that verifies the trailer ([`KeyId::NONE`] for digest-only).
    fn key_id(&self) -> KeyId;

    /// Writes the trailer for `message` into `out`, which is exactly
    /// `self.algorithm().trailer_len()` bytes long.
    ///
    /// # Errors
    ///
    /// [`SignError`] if the key could not sign.
    fn sign(&self, message: &[u8], out: &mut [u8]) -> Result<(), SignError>;
}

/// The digest-only "signer": the trailer is the SHA-256 of the manifest.
///
/// ```
/// use otcheck_core::integrity::{Digest, DigestOnlySigner, ManifestSigner};
/// let mut out = [0u8; 32];
/// DigestOnlySigner.sign(b"manifest", &mut out)?;
/// assert_eq!(out, *Digest::of(b"manifest").as_bytes());
/// # Ok::<(), otcheck_core::integrity::SignError>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DigestOnlySigner;

impl ManifestSigner for DigestOnlySigner {
    fn algorithm(&self) -> SignatureAlgorithm {
        SignatureAlgorithm::DigestOnly
    }

    fn key_id(&self) -> KeyId {
        KeyId::NONE
    }

    fn sign(&self, message: &[u8], out: &mut [u8]) -> Result<(), SignError> {
        if out.len() != DIGEST_LEN {
            return Err(SignError);
        }
        out.copy_from_slice(Digest::of(message).as_bytes());
        Ok(())
    }
}

/// An Ed25519 signing key (RFC 8032, deterministic), for host tools (feature `ed25519`).
///
/// ```
/// use otcheck_core::integrity::{Ed25519Signer, ManifestSigner};
/// let signer = Ed25519Signer::from_seed([1; 32])?;
/// let mut sig = [0u8; 64];
/// signer.sign(b"msg", &mut sig)?;
/// assert_eq!(signer.key_id(), signer.public_key().key_id());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "ed25519")]
pub struct Ed25519Signer {
    pair: ed25519_compact::KeyPair,
}

#[cfg(feature = "ed25519")]
impl Ed25519Signer {
    /// The key pair derived from a 32-byte seed (the RFC 8032 private key).
    ///
    /// # Errors
    ///
    /// [`KeyError::Encoding`] for the all-zero seed, which `ed25519-compact` refuses as a sign
    /// of a missing key.
    ///
    /// ```
    /// use otcheck_core::integrity::{Ed25519Signer, KeyError};
    /// let signer = Ed25519Signer::from_seed([9; 32])?;
    /// assert_eq!(signer.public_key().as_bytes().len(), 32);
    /// assert!(matches!(Ed25519Signer::from_seed([0; 32]), Err(KeyError::Encoding { .. })));
    /// # Ok::<(), KeyError>(())
    /// ```
    pub fn from_seed(seed: [u8; 32]) -> Result<Self, KeyError> {
        ed25519_compact::KeyPair::try_from_seed(ed25519_compact::Seed::new(seed))
            .map(|pair| Self { pair })
            .map_err(|_| KeyError::Encoding {
                algorithm: SignatureAlgorithm::Ed25519,
            })
    }

    /// The public key.
    ///
    /// ```
    /// use otcheck_core::integrity::SignatureAlgorithm;
    /// let key = otcheck_core::integrity::Ed25519Signer::from_seed([1; 32])?.public_key();
    /// assert_eq!(key.algorithm(), SignatureAlgorithm::Ed25519);
    /// # Ok::<(), otcheck_core::integrity::KeyError>(())
    /// ```
    #[must_use]
    pub fn public_key(&self) -> PublicKey {
        let mut bytes = [0u8; MAX_PUBLIC_KEY_LEN];
        if let Some(dst) = bytes.get_mut(..32) {
            dst.copy_from_slice(self.pair.pk.as_ref());
        }
        PublicKey {
            algorithm: SignatureAlgorithm::Ed25519,
            bytes,
        }
    }
}

#[cfg(feature = "ed25519")]
impl fmt::Debug for Ed25519Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Ed25519Signer({})", self.key_id())
    }
}

#[cfg(feature = "ed25519")]
impl ManifestSigner for Ed25519Signer {
    fn algorithm(&self) -> SignatureAlgorithm {
        SignatureAlgorithm::Ed25519
    }

    fn key_id(&self) -> KeyId {
        KeyId::of(self.pair.pk.as_ref())
    }

    fn sign(&self, message: &[u8], out: &mut [u8]) -> Result<(), SignError> {
        let sig = self.pair.sk.sign(message, None);
        let sig: &[u8] = sig.as_ref();
        if out.len() != sig.len() {
            return Err(SignError);
        }
        out.copy_from_slice(sig);
        Ok(())
    }
}

/// An ECDSA P-256 signing key (RFC 6979 deterministic nonces), for host tools (feature `p256`).
///
/// ```
/// use otcheck_core::integrity::{ManifestSigner, P256Signer};
/// let signer = P256Signer::from_secret(&[1; 32])?;
/// let mut sig = [0u8; 64];
/// signer.sign(b"msg", &mut sig)?;
/// assert_eq!(signer.public_key().as_bytes()[0], 0x04);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "p256")]
pub struct P256Signer {
    key: p256::ecdsa::SigningKey,
}

#[cfg(feature = "p256")]
impl P256Signer {
    /// The key with this 32-byte big-endian secret scalar.
    ///
    /// # Errors
    ///
    /// [`KeyError::Encoding`] if the scalar is zero or not below the group order.
    ///
    /// ```
    /// assert!(otcheck_core::integrity::P256Signer::from_secret(&[0; 32]).is_err());
    /// ```
    pub fn from_secret(secret: &[u8; 32]) -> Result<Self, KeyError> {
        p256::ecdsa::SigningKey::from_slice(secret)
            .map(|key| Self { key })
            .map_err(|_| KeyError::Encoding {
                algorithm: SignatureAlgorithm::EcdsaP256Sha256,
            })
    }

    /// The public key (SEC1 uncompressed).
    ///
    /// ```
    /// let signer = otcheck_core::integrity::P256Signer::from_secret(&[3; 32])?;
    /// assert_eq!(signer.public_key().as_bytes().len(), 65);
    /// # Ok::<(), otcheck_core::integrity::KeyError>(())
    /// ```
    #[must_use]
    pub fn public_key(&self) -> PublicKey {
        let point = self.key.verifying_key().to_encoded_point(false);
        let mut bytes = [0u8; MAX_PUBLIC_KEY_LEN];
        if point.as_bytes().len() == MAX_PUBLIC_KEY_LEN {
            bytes.copy_from_slice(point.as_bytes());
        }
        PublicKey {
            algorithm: SignatureAlgorithm::EcdsaP256Sha256,
            bytes,
        }
    }
}

#[cfg(feature = "p256")]
impl fmt::Debug for P256Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "P256Signer({})", self.key_id())
    }
}

#[cfg(feature = "p256")]
impl ManifestSigner for P256Signer {
    fn algorithm(&self) -> SignatureAlgorithm {
        SignatureAlgorithm::EcdsaP256Sha256
    }

    fn key_id(&self) -> KeyId {
        self.public_key().key_id()
    }

    fn sign(&self, message: &[u8], out: &mut [u8]) -> Result<(), SignError> {
        use p256::ecdsa::signature::Signer as _;
        let sig: p256::ecdsa::Signature = self.key.try_sign(message).map_err(|_| SignError)?;
        let bytes = sig.to_bytes();
        if out.len() != bytes.len() {
            return Err(SignError);
        }
        out.copy_from_slice(&bytes);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn algorithm_codes_round_trip() {
        for code in 0..=u8::MAX {
            if let Some(alg) = SignatureAlgorithm::from_code(code) {
                assert_eq!(alg.code(), code);
            } else {
                assert!(code > 2);
            }
        }
    }

    #[test]
    fn key_lengths_are_enforced() {
        for alg in [
            SignatureAlgorithm::Ed25519,
            SignatureAlgorithm::EcdsaP256Sha256,
        ] {
            let n = alg.public_key_len();
            for len in [0, n - 1, n + 1] {
                let raw = [4u8; 70];
                assert_eq!(
                    PublicKey::from_raw(alg, &raw[..len]),
                    Err(KeyError::Length {
                        algorithm: alg,
                        expected: n,
                        found: len
                    })
                );
            }
        }
        assert_eq!(
            PublicKey::from_raw(SignatureAlgorithm::DigestOnly, &[]),
            Err(KeyError::NotASignatureAlgorithm)
        );
    }

    #[test]
    fn store_add_get_remove() {
        let mut anchors = TrustAnchors::<2>::new();
        let k1 = PublicKey::from_raw(SignatureAlgorithm::Ed25519, &[1; 32]).unwrap();
        let k2 = PublicKey::from_raw(SignatureAlgorithm::Ed25519, &[2; 32]).unwrap();
        let id1 = anchors.add(Role::Supplier, k1).unwrap();
        let id2 = anchors.add(Role::AssetOwner, k2).unwrap();
        assert_ne!(id1, id2);
        assert_eq!(anchors.count(Role::Supplier), 1);
        assert_eq!(anchors.count(Role::AssetOwner), 1);
        assert_eq!(anchors.remove(&id1).map(|a| a.key), Some(k1));
        assert_eq!(anchors.remove(&id1), None);
        assert_eq!(anchors.len(), 1);
        // The freed slot is reused.
        assert_eq!(anchors.add(Role::Supplier, k1), Ok(id1));
    }

    #[test]
    fn verify_rejects_digest_only_and_unknown_keys() {
        let anchors = TrustAnchors::<1>::new();
        assert_eq!(
            anchors.verify(SignatureAlgorithm::DigestOnly, &KeyId::NONE, b"m", &[0; 32]),
            Err(SignatureError::NotSigned)
        );
        if SignatureAlgorithm::Ed25519.is_enabled() {
            assert_eq!(
                anchors.verify(SignatureAlgorithm::Ed25519, &KeyId::NONE, b"m", &[0; 64]),
                Err(SignatureError::UnknownKey {
                    key_id: KeyId::NONE
                })
            );
        }
    }

    #[cfg(all(feature = "ed25519", feature = "p256"))]
    #[test]
    fn algorithm_mismatch_is_reported() {
        let ed = Ed25519Signer::from_seed([9; 32]).unwrap();
        let mut anchors = TrustAnchors::<1>::new();
        let id = anchors.add(Role::Supplier, ed.public_key()).unwrap();
        assert_eq!(
            anchors.verify(SignatureAlgorithm::EcdsaP256Sha256, &id, b"m", &[1; 64]),
            Err(SignatureError::AlgorithmMismatch {
                key_id: id,
                key: SignatureAlgorithm::Ed25519,
                manifest: SignatureAlgorithm::EcdsaP256Sha256
            })
        );
    }

    #[cfg(feature = "p256")]
    #[test]
    fn p256_sign_verify_and_tamper() {
        let signer = P256Signer::from_secret(&[0x5a; 32]).unwrap();
        let mut anchors = TrustAnchors::<1>::new();
        let id = anchors.add(Role::AssetOwner, signer.public_key()).unwrap();
        assert_eq!(id, signer.key_id());
        let mut sig = [0u8; 64];
        signer.sign(b"message", &mut sig).unwrap();
        let ok = anchors
            .verify(SignatureAlgorithm::EcdsaP256Sha256, &id, b"message", &sig)
            .unwrap();
        assert_eq!(ok.role(), Role::AssetOwner);
        assert_eq!(
            anchors.verify(SignatureAlgorithm::EcdsaP256Sha256, &id, b"messagE", &sig),
            Err(SignatureError::Invalid {
                algorithm: SignatureAlgorithm::EcdsaP256Sha256,
                key_id: id
            })
        );
        // An off-curve point is not accepted as a key.
        let mut raw = [0u8; 65];
        raw.copy_from_slice(signer.public_key().as_bytes());
        raw[64] ^= 1;
        assert!(matches!(
            PublicKey::from_raw(SignatureAlgorithm::EcdsaP256Sha256, &raw),
            Err(KeyError::Encoding { .. })
        ));
    }

    #[cfg(feature = "ed25519")]
    #[test]
    fn ed25519_signer_debug_does_not_print_secrets() {
        let s = std::format!("{:?}", Ed25519Signer::from_seed([0xab; 32]).unwrap());
        assert!(!s.contains("abab"), "{s}");
        assert!(s.starts_with("Ed25519Signer("));
    }

    #[cfg(feature = "p256")]
    #[test]
    fn p256_signer_debug_does_not_print_secrets() {
        let s = std::format!("{:?}", P256Signer::from_secret(&[0xab; 32]).unwrap());
        assert!(!s.contains("abab"), "{s}");
        assert!(s.starts_with("P256Signer("));
    }
}
