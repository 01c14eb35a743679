//! Stored authenticators: parsing the password field of `/etc/shadow` (crypt(3) strings) and
//! PHC strings into a [`StoredAuthenticator`], and grading the algorithm and its parameters
//! against an [`AuthenticatorProfile`] for `auth.stored-authenticator` (CR 1.5: authenticators
//! protected when stored).
//!
//! Recognised formats:
//!
//! | prefix | scheme | parameters |
//! |---|---|---|
//! | *(13 characters)* | descrypt | – |
//! | `_` | bsdicrypt | rounds |
//! | `$1$`, `$apr1$` | md5crypt, Apache MD5 | – |
//! | `$md5` | SunMD5 | rounds |
//! | `$3$` | NT hash | – |
//! | `$5$`, `$6$` | sha256crypt, sha512crypt | `rounds=` (default 5000) |
//! | `$2a$`, `$2b$`, `$2x$`, `$2y$` | bcrypt | cost |
//! | `$y$`, `$gy$` | yescrypt, gost-yescrypt | N, r, p, t |
//! | `$7$` | scrypt (crypt form) | N, r, p |
//! | `$argon2i$`, `$argon2d$`, `$argon2id$` | Argon2 (PHC) | v, m, t, p |
//! | `$pbkdf2$`, `$pbkdf2-sha256$`, `$pbkdf2-sha512$` | PBKDF2 (PHC, passlib) | i |
//! | `$scrypt$` | scrypt (PHC) | ln, r, p |
//!
//! An empty field is [`StoredAuthenticator::Empty`] (no password: anyone may log in where the
//! login accepts it). A field starting with `!` or `*` (`!`, `*`, `!!`, `!*`, `*LK*`, or `!`
//! before a hash as `passwd -l` leaves it) is [`StoredAuthenticator::Locked`]: no password
//! login is possible, so there is nothing to grade.
//!
//! Guarantee: this is an untrusted-input parser. It never panics or allocates; anything it
//! does not accept is an [`AuthenticatorError`] that names the field and the byte offset
//! where it went wrong. It does not compute hashes: it judges how a hash was made.
//!
//! ```
//! use otcheck_core::auth::{authenticator, AuthenticatorProfile, Params, Scheme, StoredAuthenticator};
//!
//! let field = "$6$rounds=656000$VnVtSXRHZXBGVXVz$NPyPeGOfFjXiTK.XbPlxwUWS8Ufm5W5f4J.6HU4GYjlLk95X.gxvRGY0pFfJTNM9uH5UXQW2TQCZuJyEQnz3a1";
//! let StoredAuthenticator::Hash(hash) = StoredAuthenticator::parse(field)? else { return Err("a hash".into()) };
//! assert_eq!(hash.scheme, Scheme::Sha512Crypt);
//! assert_eq!(hash.params, Params::Rounds(656_000));
//!
//! let r = authenticator::check_stored_authenticator(field, &AuthenticatorProfile::HOST);
//! assert!(r.outcome.is_pass());
//!
//! let weak = authenticator::check_stored_authenticator("$1$abc$Kb85XxsXB.VXinPhbS4431", &AuthenticatorProfile::HOST);
//! assert_eq!(weak.outcome.finding().map(|f| f.code.as_str()), Some("AUTH-HASH-WEAK-ALGORITHM"));
//!
//! let err = StoredAuthenticator::parse("$6$rounds=5x00$salt$hash").unwrap_err();
//! assert_eq!(err.to_string(), "`rounds` at offset 11 is not a valid number");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod crypt;
mod lex;
mod phc;

use crate::check::{CheckResult, Finding, FindingCode, Needed, Outcome, Shortfall};

use super::{STORED_AUTHENTICATOR, judge};
use lex::Cursor;

/// Why a stored authenticator could not be parsed. Offsets count bytes from the start of the
/// string given to [`StoredAuthenticator::parse`].
///
/// ```
/// use otcheck_core::auth::{AuthenticatorError, StoredAuthenticator};
/// let e = StoredAuthenticator::parse("$2b$3x$").unwrap_err();
/// assert_eq!(e, AuthenticatorError::InvalidNumber { field: "cost", offset: 5 });
/// assert_eq!((e.field(), e.offset()), (Some("cost"), 5));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AuthenticatorError {
    /// Not a crypt(3) or PHC string at all.
    #[error("not a crypt(3) or PHC string (offset {offset})")]
    Unrecognized {
        /// Where it went wrong.
        offset: usize,
    },
    /// A `$id$` this parser does not know.
    #[error("unknown scheme identifier at offset {offset}")]
    UnknownScheme {
        /// Where the identifier starts.
        offset: usize,
    },
    /// The input ended where `field` was expected.
    #[error("truncated: `{field}` expected at offset {offset}")]
    Truncated {
        /// The missing field.
        field: &'static str,
        /// The end of the input.
        offset: usize,
    },
    /// A byte not allowed in `field`.
    #[error("invalid character in `{field}` at offset {offset}")]
    InvalidCharacter {
        /// The field.
        field: &'static str,
        /// The byte's offset.
        offset: usize,
    },
    /// `field` is not a decimal number.
    #[error("`{field}` at offset {offset} is not a valid number")]
    InvalidNumber {
        /// The field.
        field: &'static str,
        /// The offending byte (or the field, when empty).
        offset: usize,
    },
    /// `field` is a number outside what the scheme allows.
    #[error("`{field}` at offset {offset} is {found}, outside {min}..={max}")]
    OutOfRange {
        /// The field.
        field: &'static str,
        /// Where the field starts.
        offset: usize,
        /// Its value (saturated at 2^32 for huge numbers).
        found: u64,
        /// Least allowed.
        min: u64,
        /// Most allowed.
        max: u64,
    },
    /// `field` has a length the scheme does not allow.
    #[error("`{field}` at offset {offset} is {found} bytes long, expected {min}..={max}")]
    BadLength {
        /// The field.
        field: &'static str,
        /// Where the field starts.
        offset: usize,
        /// Its length.
        found: usize,
        /// Least allowed.
        min: usize,
        /// Most allowed.
        max: usize,
    },
    /// A PHC parameter this scheme does not define.
    #[error("unknown parameter at offset {offset}")]
    UnknownParameter {
        /// Where its name starts.
        offset: usize,
    },
    /// A PHC parameter given twice.
    #[error("parameter `{field}` repeated at offset {offset}")]
    DuplicateParameter {
        /// The parameter.
        field: &'static str,
        /// Where the repetition starts.
        offset: usize,
    },
    /// A required PHC parameter is absent.
    #[error("parameter `{field}` missing from the parameters at offset {offset}")]
    MissingParameter {
        /// The parameter.
        field: &'static str,
        /// Where the parameter list starts.
        offset: usize,
    },
    /// More input after a complete string.
    #[error("unexpected data at offset {offset}")]
    TrailingData {
        /// Where it starts.
        offset: usize,
    },
}

impl AuthenticatorError {
    /// The byte offset the error points at.
    ///
    /// ```
    /// use otcheck_core::auth::StoredAuthenticator;
    /// assert_eq!(StoredAuthenticator::parse("$9$x").unwrap_err().offset(), 1);
    /// ```
    #[must_use]
    pub const fn offset(&self) -> usize {
        match *self {
            Self::Unrecognized { offset }
            | Self::UnknownScheme { offset }
            | Self::Truncated { offset, .. }
            | Self::InvalidCharacter { offset, .. }
            | Self::InvalidNumber { offset, .. }
            | Self::OutOfRange { offset, .. }
            | Self::BadLength { offset, .. }
            | Self::UnknownParameter { offset }
            | Self::DuplicateParameter { offset, .. }
            | Self::MissingParameter { offset, .. }
            | Self::TrailingData { offset } => offset,
        }
    }

    /// The field the error is about, where there is one.
    ///
    /// ```
    /// use otcheck_core::auth::StoredAuthenticator;
    /// assert_eq!(StoredAuthenticator::parse("$5$salt").unwrap_err().field(), Some("hash"));
    /// ```
    #[must_use]
    pub const fn field(&self) -> Option<&'static str> {
        match *self {
            Self::Truncated { field, .. }
            | Self::InvalidCharacter { field, .. }
            | Self::InvalidNumber { field, .. }
            | Self::OutOfRange { field, .. }
            | Self::BadLength { field, .. }
            | Self::DuplicateParameter { field, .. }
            | Self::MissingParameter { field, .. } => Some(field),
            Self::Unrecognized { .. }
            | Self::UnknownScheme { .. }
            | Self::UnknownParameter { .. }
            | Self::TrailingData { .. } => None,
        }
    }
}

/// The hashing scheme of a stored password.
///
/// ```
/// use otcheck_core::auth::Scheme;
/// assert_eq!(Scheme::Sha512Crypt.name(), "sha512crypt");
/// assert!(Scheme::Md5Crypt.is_weak());
/// assert!(!Scheme::Argon2id.is_weak());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum Scheme {
    /// Traditional DES crypt (13 characters).
    DesCrypt,
    /// BSDi extended DES (`_`).
    BsdiCrypt,
    /// md5crypt (`$1$`).
    Md5Crypt,
    /// Apache's md5crypt variant (`$apr1$`).
    Apr1,
    /// Solaris SunMD5 (`$md5`).
    SunMd5,
    /// FreeBSD NT hash (`$3$`): unsalted MD4.
    NtHash,
    /// SHA-crypt with SHA-256 (`$5$`).
    Sha256Crypt,
    /// SHA-crypt with SHA-512 (`$6$`).
    Sha512Crypt,
    /// bcrypt `$2a$`.
    Bcrypt2a,
    /// bcrypt `$2b$`.
    Bcrypt2b,
    /// bcrypt `$2x$`: marks hashes from crypt_blowfish before 1.1, which mishandled 8-bit
    /// characters (CVE-2011-2483).
    Bcrypt2x,
    /// bcrypt `$2y$`.
    Bcrypt2y,
    /// yescrypt (`$y$`).
    Yescrypt,
    /// yescrypt with GOST R 34.11-2012 (`$gy$`).
    GostYescrypt,
    /// scrypt in crypt form (`$7$`).
    ScryptCrypt,
    /// Argon2i (PHC).
    Argon2i,
    /// Argon2d (PHC).
    Argon2d,
    /// Argon2id (PHC).
    Argon2id,
    /// PBKDF2-HMAC-SHA1 (PHC `$pbkdf2$`).
    Pbkdf2Sha1,
    /// PBKDF2-HMAC-SHA256 (PHC `$pbkdf2-sha256$`).
    Pbkdf2Sha256,
    /// PBKDF2-HMAC-SHA512 (PHC `$pbkdf2-sha512$`).
    Pbkdf2Sha512,
    /// scrypt (PHC `$scrypt$`).
    Scrypt,
}

impl Scheme {
    /// The scheme's usual name, as `mkpasswd -m help` and PHC identifiers spell it.
    ///
    /// ```
    /// assert_eq!(otcheck_core::auth::Scheme::Bcrypt2b.name(), "bcrypt");
    /// ```
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::DesCrypt => "descrypt",
            Self::BsdiCrypt => "bsdicrypt",
            Self::Md5Crypt => "md5crypt",
            Self::Apr1 => "apr1",
            Self::SunMd5 => "sunmd5",
            Self::NtHash => "nt",
            Self::Sha256Crypt => "sha256crypt",
            Self::Sha512Crypt => "sha512crypt",
            Self::Bcrypt2a | Self::Bcrypt2b | Self::Bcrypt2y => "bcrypt",
            Self::Bcrypt2x => "bcrypt-x",
            Self::Yescrypt => "yescrypt",
            Self::GostYescrypt => "gost-yescrypt",
            Self::ScryptCrypt | Self::Scrypt => "scrypt",
            Self::Argon2i => "argon2i",
            Self::Argon2d => "argon2d",
            Self::Argon2id => "argon2id",
            Self::Pbkdf2Sha1 => "pbkdf2-sha1",
            Self::Pbkdf2Sha256 => "pbkdf2-sha256",
            Self::Pbkdf2Sha512 => "pbkdf2-sha512",
        }
    }

    /// Whether the scheme is unacceptable whatever its parameters: DES-based, MD5-based and
    /// NT hashes are fast, unsalted or broken, and `$2x$` marks a known-buggy bcrypt. OWASP's
    /// Password Storage Cheat Sheet lists none of them.
    ///
    /// ```
    /// use otcheck_core::auth::Scheme;
    /// assert!(Scheme::DesCrypt.is_weak() && Scheme::NtHash.is_weak() && Scheme::Bcrypt2x.is_weak());
    /// assert!(!Scheme::Sha512Crypt.is_weak());
    /// ```
    #[must_use]
    pub const fn is_weak(self) -> bool {
        matches!(
            self,
            Self::DesCrypt
                | Self::BsdiCrypt
                | Self::Md5Crypt
                | Self::Apr1
                | Self::SunMd5
                | Self::NtHash
                | Self::Bcrypt2x
        )
    }
}

/// The cost parameters of a hash.
///
/// ```
/// use otcheck_core::auth::Params;
/// let p = Params::Scrypt { log_n: 17, r: 8, p: 1 };
/// assert_eq!(p.memory_kib(), Some(131_072));
/// assert_eq!(Params::Cost(12).memory_kib(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum Params {
    /// The scheme has no cost parameter.
    None,
    /// An iteration count: sha-crypt `rounds` as written (glibc clamps it to
    /// 1000..=999999999), PBKDF2 `i`, bsdicrypt and SunMD5 rounds.
    Rounds(u32),
    /// bcrypt's cost (log2 of the rounds), 4–31.
    Cost(u8),
    /// scrypt: N = 2^`log_n`, block size `r`, parallelism `p`.
    Scrypt {
        /// log2 of N.
        log_n: u8,
        /// Block size.
        r: u32,
        /// Parallelism.
        p: u32,
    },
    /// yescrypt: flavor, N = 2^`log_n`, `r`, `p`, `t`.
    Yescrypt {
        /// The flavor (mode flags) as encoded.
        flavor: u32,
        /// log2 of N.
        log_n: u8,
        /// Block size.
        r: u32,
        /// Parallelism.
        p: u32,
        /// Additional time factor.
        t: u32,
    },
    /// Argon2: version (16 or 19), memory in KiB (`m`), iterations (`t`), lanes (`p`).
    Argon2 {
        /// 0x10 (16) or 0x13 (19).
        version: u32,
        /// `m`, KiB.
        memory_kib: u32,
        /// `t`.
        iterations: u32,
        /// `p`.
        parallelism: u32,
    },
}

impl Params {
    /// The memory a memory-hard scheme needs, in KiB: `128 · N · r` bytes for scrypt and
    /// yescrypt, `m` for Argon2; `None` for the others.
    ///
    /// ```
    /// use otcheck_core::auth::Params;
    /// let default_yescrypt = Params::Yescrypt { flavor: 47, log_n: 12, r: 32, p: 1, t: 0 };
    /// assert_eq!(default_yescrypt.memory_kib(), Some(16 * 1024));
    /// ```
    #[must_use]
    pub fn memory_kib(&self) -> Option<u64> {
        match *self {
            Self::Scrypt { log_n, r, .. } | Self::Yescrypt { log_n, r, .. } => {
                // 128 · 2^log_n · r / 1024 = r · 2^log_n / 8
                let n = 1u64.checked_shl(u32::from(log_n)).unwrap_or(u64::MAX);
                Some(n.saturating_mul(u64::from(r)).checked_div(8).unwrap_or(0))
            }
            Self::Argon2 { memory_kib, .. } => Some(u64::from(memory_kib)),
            Self::None | Self::Rounds(_) | Self::Cost(_) => None,
        }
    }
}

/// A parsed password hash: scheme, parameters, and the salt and hash fields as written.
///
/// ```
/// use otcheck_core::auth::{PasswordHash, StoredAuthenticator};
/// let s = StoredAuthenticator::parse("$5$abc$/LKlXd6vuvdFX3oWbf2vGk3DgflzzsvOtMZsiOxqqY5")?;
/// let hash: &PasswordHash<'_> = s.hash().ok_or("a hash")?;
/// assert_eq!(hash.salt, "abc");
/// assert_eq!(hash.salt_bits(), 18);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct PasswordHash<'a> {
    /// The scheme.
    pub scheme: Scheme,
    /// Its cost parameters.
    pub params: Params,
    /// The salt field, as written.
    pub salt: &'a str,
    /// The hash field, as written.
    pub hash: &'a str,
}

impl PasswordHash<'_> {
    /// The salt's size in bits: fixed for DES (12), bsdicrypt (24) and bcrypt (128); for PHC
    /// strings the decoded bytes; otherwise 6 bits per base-64 character, an upper bound that
    /// assumes the salt was generated randomly.
    ///
    /// ```
    /// use otcheck_core::auth::StoredAuthenticator;
    /// let s = StoredAuthenticator::parse("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc")?;
    /// assert_eq!(s.hash().map(|h| h.salt_bits()), Some(64)); // "somesalt"
    /// # Ok::<(), otcheck_core::auth::AuthenticatorError>(())
    /// ```
    #[must_use]
    pub fn salt_bits(&self) -> u32 {
        let chars = u32::try_from(self.salt.len()).unwrap_or(u32::MAX);
        match self.scheme {
            Scheme::DesCrypt => 12,
            Scheme::BsdiCrypt => 24,
            Scheme::Bcrypt2a | Scheme::Bcrypt2b | Scheme::Bcrypt2x | Scheme::Bcrypt2y => 128,
            Scheme::NtHash => 0,
            Scheme::Argon2i
            | Scheme::Argon2d
            | Scheme::Argon2id
            | Scheme::Pbkdf2Sha1
            | Scheme::Pbkdf2Sha256
            | Scheme::Pbkdf2Sha512
            | Scheme::Scrypt => chars
                .saturating_mul(6)
                .checked_div(8)
                .unwrap_or(0)
                .saturating_mul(8),
            Scheme::Md5Crypt
            | Scheme::Apr1
            | Scheme::SunMd5
            | Scheme::Sha256Crypt
            | Scheme::Sha512Crypt
            | Scheme::Yescrypt
            | Scheme::GostYescrypt
            | Scheme::ScryptCrypt => chars.saturating_mul(6),
        }
    }
}

/// The password field of an account.
///
/// ```
/// use otcheck_core::auth::StoredAuthenticator;
/// assert_eq!(StoredAuthenticator::parse("")?, StoredAuthenticator::Empty);
/// assert!(matches!(StoredAuthenticator::parse("!!")?, StoredAuthenticator::Locked { hash: None }));
/// let locked = StoredAuthenticator::parse("!$1$abc$Kb85XxsXB.VXinPhbS4431")?;
/// assert!(matches!(locked, StoredAuthenticator::Locked { hash: Some(_) }));
/// # Ok::<(), otcheck_core::auth::AuthenticatorError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum StoredAuthenticator<'a> {
    /// No password at all.
    Empty,
    /// Password login is disabled; `hash` is the hash behind the lock marker, if one parses.
    Locked {
        /// The hash kept behind `!`, as `passwd -l` leaves it.
        hash: Option<PasswordHash<'a>>,
    },
    /// A password hash.
    Hash(PasswordHash<'a>),
}

impl<'a> StoredAuthenticator<'a> {
    /// Parses the password field of a shadow entry, or a PHC string. See the module docs.
    ///
    /// # Errors
    ///
    /// [`AuthenticatorError`] with the field and offset where the text stops being a valid
    /// string of the scheme it announces.
    ///
    /// ```
    /// use otcheck_core::auth::{AuthenticatorError, Params, StoredAuthenticator};
    /// let s = StoredAuthenticator::parse("$2b$12$qpjAHifew6Xequ6V.B2OA.Hw/RDhcYkvvfHWDI/Q6PY.yEuqw2VLq")?;
    /// assert_eq!(s.hash().map(|h| h.params), Some(Params::Cost(12)));
    /// assert_eq!(
    ///     StoredAuthenticator::parse("$2b$12$short"),
    ///     Err(AuthenticatorError::BadLength { field: "salt", offset: 7, found: 5, min: 53, max: 53 })
    /// );
    /// # Ok::<(), AuthenticatorError>(())
    /// ```
    pub fn parse(text: &'a str) -> Result<Self, AuthenticatorError> {
        if text.is_empty() {
            return Ok(Self::Empty);
        }
        if text.starts_with(['!', '*']) {
            let mut c = Cursor::new(text, 0);
            if !c.eat("*LK*") {
                while c.eat("!") || c.eat("*") {}
            }
            let inner = c.rest();
            let hash = if inner.is_empty() {
                None
            } else {
                parse_hash(Cursor::new(text, c.pos())).ok()
            };
            return Ok(Self::Locked { hash });
        }
        parse_hash(Cursor::new(text, 0)).map(Self::Hash)
    }

    /// The hash, unless the field is empty or locked.
    ///
    /// ```
    /// use otcheck_core::auth::StoredAuthenticator;
    /// assert!(StoredAuthenticator::Empty.hash().is_none());
    /// ```
    #[must_use]
    pub const fn hash(&self) -> Option<&PasswordHash<'a>> {
        match self {
            Self::Hash(h) => Some(h),
            Self::Empty | Self::Locked { .. } => None,
        }
    }
}

/// Parses a hash starting at the cursor, to the end of the input.
fn parse_hash(mut c: Cursor<'_>) -> Result<PasswordHash<'_>, AuthenticatorError> {
    let start = c.pos();
    if c.eat("_") {
        return crypt::bsdi(&mut c);
    }
    if !c.eat("$") {
        if crypt::looks_like_des(c.rest()) {
            return crypt::des(&mut c);
        }
        return Err(AuthenticatorError::Unrecognized { offset: start });
    }
    let id_at = c.pos();
    let rest = c.rest();
    let id_len = rest.find(['$', ',']).unwrap_or(rest.len());
    let id = rest.get(..id_len).unwrap_or("");
    if id.is_empty() && rest.is_empty() {
        return Err(AuthenticatorError::Truncated {
            field: "scheme",
            offset: id_at,
        });
    }
    // SunMD5 writes `$md5,rounds=N$`; everything else `$id$`.
    if id == "md5" {
        c.eat("md5");
        return crypt::sun_md5(&mut c);
    }
    let scheme = match id {
        "1" => Scheme::Md5Crypt,
        "apr1" => Scheme::Apr1,
        "3" => Scheme::NtHash,
        "5" => Scheme::Sha256Crypt,
        "6" => Scheme::Sha512Crypt,
        "2a" => Scheme::Bcrypt2a,
        "2b" => Scheme::Bcrypt2b,
        "2x" => Scheme::Bcrypt2x,
        "2y" => Scheme::Bcrypt2y,
        "y" => Scheme::Yescrypt,
        "gy" => Scheme::GostYescrypt,
        "7" => Scheme::ScryptCrypt,
        "argon2i" => Scheme::Argon2i,
        "argon2d" => Scheme::Argon2d,
        "argon2id" => Scheme::Argon2id,
        "pbkdf2" => Scheme::Pbkdf2Sha1,
        "pbkdf2-sha256" => Scheme::Pbkdf2Sha256,
        "pbkdf2-sha512" => Scheme::Pbkdf2Sha512,
        "scrypt" => Scheme::Scrypt,
        _ => return Err(AuthenticatorError::UnknownScheme { offset: id_at }),
    };
    c.eat(id);
    c.expect_dollar("params")?;
    match scheme {
        Scheme::Md5Crypt | Scheme::Apr1 => crypt::md5(&mut c, scheme),
        Scheme::NtHash => crypt::nt(&mut c),
        Scheme::Sha256Crypt | Scheme::Sha512Crypt => crypt::sha(&mut c, scheme),
        Scheme::Bcrypt2a | Scheme::Bcrypt2b | Scheme::Bcrypt2x | Scheme::Bcrypt2y => {
            crypt::bcrypt(&mut c, scheme)
        }
        Scheme::Yescrypt | Scheme::GostYescrypt => crypt::yescrypt(&mut c, scheme),
        Scheme::ScryptCrypt => crypt::scrypt(&mut c),
        Scheme::Argon2i | Scheme::Argon2d | Scheme::Argon2id => phc::argon2(&mut c, scheme),
        Scheme::Pbkdf2Sha1 | Scheme::Pbkdf2Sha256 | Scheme::Pbkdf2Sha512 => {
            phc::pbkdf2(&mut c, scheme)
        }
        Scheme::Scrypt => phc::scrypt(&mut c),
        Scheme::DesCrypt | Scheme::BsdiCrypt | Scheme::SunMd5 => {
            Err(AuthenticatorError::UnknownScheme { offset: id_at })
        }
    }
}

/// The minimum cost a stored password hash must have. Start from [`HOST`](Self::HOST) or
/// [`EMBEDDED`](Self::EMBEDDED) and override fields where justified.
///
/// The host profile is OWASP's Password Storage Cheat Sheet (the 2023+ figures). sha-crypt is
/// not on OWASP's list; it is iterated SHA-2 like PBKDF2-HMAC, with one or two compression
/// calls per round against two per PBKDF2-HMAC iteration, so it is held to the same count as
/// PBKDF2-HMAC with the same hash. yescrypt is not on OWASP's list either; it is held to the
/// memory of libxcrypt's default (cost 5: 16 MiB).
///
/// The embedded profile is for devices that verify logins on a microcontroller: OWASP's work
/// factors divided by 8 (three doublings fewer, about 1/8 of the time and memory), keeping a
/// login below about a second on a ~100 MHz Cortex-M4 while still far above NIST SP
/// 800-63B-3 §5.1.1.2's floor of 10,000 PBKDF2 iterations.
///
/// ```
/// use otcheck_core::auth::AuthenticatorProfile;
/// assert_eq!(AuthenticatorProfile::HOST.bcrypt_min_cost, 10);
/// assert_eq!(AuthenticatorProfile::EMBEDDED.pbkdf2_sha256_min_iterations, 75_000);
/// let mut mine = AuthenticatorProfile::EMBEDDED;
/// mine.bcrypt_min_cost = 8;
/// assert_ne!(mine, AuthenticatorProfile::EMBEDDED);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct AuthenticatorProfile {
    /// Least salt size in bits: 32 in both profiles (NIST SP 800-63B-4 §3.1.1.2: "at least
    /// 32 bits in length").
    pub min_salt_bits: u32,
    /// Least bcrypt cost: host 10 (OWASP), embedded 7.
    pub bcrypt_min_cost: u8,
    /// Least sha256crypt rounds: host 600,000 (OWASP's PBKDF2-HMAC-SHA256), embedded 75,000.
    pub sha256crypt_min_rounds: u32,
    /// Least sha512crypt rounds: host 210,000 (OWASP's PBKDF2-HMAC-SHA512), embedded 26,250.
    pub sha512crypt_min_rounds: u32,
    /// Least PBKDF2-HMAC-SHA1 iterations: host 1,300,000 (OWASP), embedded 162,500.
    pub pbkdf2_sha1_min_iterations: u32,
    /// Least PBKDF2-HMAC-SHA256 iterations: host 600,000 (OWASP), embedded 75,000.
    pub pbkdf2_sha256_min_iterations: u32,
    /// Least PBKDF2-HMAC-SHA512 iterations: host 210,000 (OWASP), embedded 26,250.
    pub pbkdf2_sha512_min_iterations: u32,
    /// Least Argon2 memory in KiB for `t` = 1, 2, 3, 4 and 5 or more: host OWASP's
    /// equivalent configurations (47104, 19456, 12288, 9216, 7168; all with `p` = 1),
    /// embedded those divided by 8.
    pub argon2_min_memory_kib: [u32; 5],
    /// Least scrypt memory (`128 · N · r` bytes) in KiB: host 8192 (OWASP's cheapest
    /// configuration, N = 2^13, r = 8, p = 10), embedded 1024.
    pub scrypt_min_memory_kib: u32,
    /// Least scrypt work `N · r · p`: host 655,360 (the least of OWASP's five equivalent
    /// configurations: N = 2^17, r = 8, p = 1 down to N = 2^13, r = 8, p = 10), embedded
    /// 81,920.
    pub scrypt_min_work: u64,
    /// Least yescrypt memory in KiB: host 16384 (libxcrypt's default cost), embedded 2048.
    pub yescrypt_min_memory_kib: u32,
}

impl AuthenticatorProfile {
    /// For hosts and servers (Linux-based HMIs, gateways): OWASP's figures.
    pub const HOST: Self = Self {
        min_salt_bits: 32,
        bcrypt_min_cost: 10,
        sha256crypt_min_rounds: 600_000,
        sha512crypt_min_rounds: 210_000,
        pbkdf2_sha1_min_iterations: 1_300_000,
        pbkdf2_sha256_min_iterations: 600_000,
        pbkdf2_sha512_min_iterations: 210_000,
        argon2_min_memory_kib: [47_104, 19_456, 12_288, 9_216, 7_168],
        scrypt_min_memory_kib: 8_192,
        scrypt_min_work: 655_360,
        yescrypt_min_memory_kib: 16_384,
    };

    /// For microcontroller-class devices: OWASP's work factors divided by 8.
    pub const EMBEDDED: Self = Self {
        min_salt_bits: 32,
        bcrypt_min_cost: 7,
        sha256crypt_min_rounds: 75_000,
        sha512crypt_min_rounds: 26_250,
        pbkdf2_sha1_min_iterations: 162_500,
        pbkdf2_sha256_min_iterations: 75_000,
        pbkdf2_sha512_min_iterations: 26_250,
        argon2_min_memory_kib: [5_888, 2_432, 1_536, 1_152, 896],
        scrypt_min_memory_kib: 1_024,
        scrypt_min_work: 81_920,
        yescrypt_min_memory_kib: 2_048,
    };
}

const EMPTY_PASSWORD: FindingCode = FindingCode::new("AUTH-EMPTY-PASSWORD");
const WEAK_ALGORITHM: FindingCode = FindingCode::new("AUTH-HASH-WEAK-ALGORITHM");
const LOW_COST: FindingCode = FindingCode::new("AUTH-HASH-LOW-COST");
const SHORT_SALT: FindingCode = FindingCode::new("AUTH-HASH-SHORT-SALT");

fn low_cost(parameter: &'static str, found: u64, needed: u64) -> Option<Finding> {
    (found < needed).then(|| {
        Finding::with_shortfall(
            LOW_COST,
            "the password hash's cost parameters are below the minimum",
            Shortfall {
                parameter,
                found: Some(found),
                needed: Needed::AtLeast(needed),
            },
        )
    })
}

/// The cost finding for `hash` under `profile`, if any.
fn cost_finding(hash: &PasswordHash<'_>, profile: &AuthenticatorProfile) -> Option<Finding> {
    let rounds_needed = match hash.scheme {
        Scheme::Sha256Crypt => Some(("rounds", profile.sha256crypt_min_rounds)),
        Scheme::Sha512Crypt => Some(("rounds", profile.sha512crypt_min_rounds)),
        Scheme::Pbkdf2Sha1 => Some(("i", profile.pbkdf2_sha1_min_iterations)),
        Scheme::Pbkdf2Sha256 => Some(("i", profile.pbkdf2_sha256_min_iterations)),
        Scheme::Pbkdf2Sha512 => Some(("i", profile.pbkdf2_sha512_min_iterations)),
        _ => None,
    };
    match (hash.params, rounds_needed) {
        (Params::Rounds(rounds), Some((parameter, needed))) => {
            // glibc clamps sha-crypt rounds to 1000..=999999999.
            let effective = if matches!(hash.scheme, Scheme::Sha256Crypt | Scheme::Sha512Crypt) {
                rounds.clamp(1_000, 999_999_999)
            } else {
                rounds
            };
            low_cost(parameter, u64::from(effective), u64::from(needed))
        }
        (Params::Cost(cost), _) => {
            low_cost("cost", u64::from(cost), u64::from(profile.bcrypt_min_cost))
        }
        (
            Params::Argon2 {
                memory_kib,
                iterations,
                ..
            },
            _,
        ) => {
            let index = usize::try_from(iterations.saturating_sub(1))
                .unwrap_or(usize::MAX)
                .min(profile.argon2_min_memory_kib.len().saturating_sub(1));
            let needed = profile
                .argon2_min_memory_kib
                .get(index)
                .copied()
                .unwrap_or(u32::MAX);
            low_cost("m", u64::from(memory_kib), u64::from(needed))
        }
        (params @ Params::Scrypt { log_n, r, p }, _) => {
            let memory = params.memory_kib().unwrap_or(0);
            low_cost(
                "memory_kib",
                memory,
                u64::from(profile.scrypt_min_memory_kib),
            )
            .or_else(|| {
                let n = 1u64.checked_shl(u32::from(log_n)).unwrap_or(u64::MAX);
                let work = n.saturating_mul(u64::from(r)).saturating_mul(u64::from(p));
                low_cost("n_r_p", work, profile.scrypt_min_work)
            })
        }
        (params @ Params::Yescrypt { .. }, _) => low_cost(
            "memory_kib",
            params.memory_kib().unwrap_or(0),
            u64::from(profile.yescrypt_min_memory_kib),
        ),
        (Params::None | Params::Rounds(_), _) => None,
    }
}

/// Every shortfall of `hash` under `profile`, most important first: a weak algorithm, a low
/// cost, a short salt.
///
/// ```
/// use otcheck_core::auth::{authenticator, AuthenticatorProfile, StoredAuthenticator};
/// let s = StoredAuthenticator::parse("$6$abc$MtSdWSZbhct2oe.SOqOUM2M/GA/uj5.vyVtJgRHgKi9uqXuWuJqOYE7H/YlsYGVg/YYzDV0xt3fEIwYt580.5.")?;
/// let hash = s.hash().ok_or("a hash")?;
/// let all: Vec<_> = authenticator::grade(hash, &AuthenticatorProfile::HOST).map(|f| f.to_string()).collect();
/// assert_eq!(all, [
///     "AUTH-HASH-LOW-COST: the password hash's cost parameters are below the minimum (rounds is 5000, needs at least 210000)",
///     "AUTH-HASH-SHORT-SALT: the password hash's salt is too short (salt_bits is 18, needs at least 32)",
/// ]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn grade(
    hash: &PasswordHash<'_>,
    profile: &AuthenticatorProfile,
) -> impl Iterator<Item = Finding> + use<> {
    let weak = hash.scheme.is_weak().then(|| {
        Finding::new(
            WEAK_ALGORITHM,
            "the password is hashed with a weak or broken algorithm",
        )
    });
    let cost = if hash.scheme.is_weak() {
        None
    } else {
        cost_finding(hash, profile)
    };
    let salt_bits = hash.salt_bits();
    let salt = (salt_bits < profile.min_salt_bits).then(|| {
        Finding::with_shortfall(
            SHORT_SALT,
            "the password hash's salt is too short",
            Shortfall {
                parameter: "salt_bits",
                found: Some(u64::from(salt_bits)),
                needed: Needed::AtLeast(u64::from(profile.min_salt_bits)),
            },
        )
    });
    [weak, cost, salt].into_iter().flatten()
}

/// `auth.stored-authenticator`: parses `text` (a shadow password field or PHC string) and
/// grades it under `profile`. Evidences CR 1.5 (authenticator management: authenticators
/// protected when stored).
///
/// | input | outcome |
/// |---|---|
/// | empty | fail `AUTH-EMPTY-PASSWORD` |
/// | locked | not applicable (no password login) |
/// | malformed or unknown | error (use [`StoredAuthenticator::parse`] for where) |
/// | a hash | fail with the first of [`grade`], else pass |
///
/// ```
/// use otcheck_core::auth::{authenticator, AuthenticatorProfile};
/// let host = &AuthenticatorProfile::HOST;
/// assert!(authenticator::check_stored_authenticator("$y$j9T$0AjOgogWW6W.5HORiBzKw/$GfyxujYXgHhpjiJKY4ZPNNxWgSPjjEWiGf20OpzRyn4", host).outcome.is_pass());
/// assert_eq!(authenticator::check_stored_authenticator("", host).outcome.finding().map(|f| f.code.as_str()), Some("AUTH-EMPTY-PASSWORD"));
/// assert_eq!(authenticator::check_stored_authenticator("*", host).outcome.kind(), "not-applicable");
/// assert_eq!(authenticator::check_stored_authenticator("x", host).outcome.kind(), "error");
/// ```
pub fn check_stored_authenticator(text: &str, profile: &AuthenticatorProfile) -> CheckResult {
    match StoredAuthenticator::parse(text) {
        Err(_) => CheckResult::new(
            &STORED_AUTHENTICATOR,
            Outcome::Error("the stored authenticator is malformed or uses an unknown scheme"),
        ),
        Ok(StoredAuthenticator::Empty) => CheckResult::new(
            &STORED_AUTHENTICATOR,
            Outcome::Fail(Finding::new(
                EMPTY_PASSWORD,
                "the account has an empty password",
            )),
        ),
        Ok(StoredAuthenticator::Locked { .. }) => CheckResult::new(
            &STORED_AUTHENTICATOR,
            Outcome::NotApplicable("the account is locked: it has no usable password"),
        ),
        Ok(StoredAuthenticator::Hash(hash)) => judge(
            &STORED_AUTHENTICATOR,
            grade(&hash, profile),
            "the password is hashed with an accepted algorithm, sufficient cost and salt",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn hash(text: &str) -> PasswordHash<'_> {
        match StoredAuthenticator::parse(text) {
            Ok(StoredAuthenticator::Hash(h)) => h,
            other => panic!("{text}: {other:?}"),
        }
    }

    fn codes(h: &PasswordHash<'_>, profile: &AuthenticatorProfile) -> std::vec::Vec<&'static str> {
        grade(h, profile).map(|f| f.code.as_str()).collect()
    }

    // Strings made by `openssl passwd` and `mkpasswd` (Debian whois 5.5); tests/auth_vectors.rs
    // regenerates such strings with the real tools on every run.
    const MD5: &str = "$1$abc$Kb85XxsXB.VXinPhbS4431";
    const APR1: &str = "$apr1$abc$NKxAkoTtUloZMd1uGIvNG0";
    const SHA256: &str = "$5$abc$/LKlXd6vuvdFX3oWbf2vGk3DgflzzsvOtMZsiOxqqY5";
    const SHA512: &str = "$6$abc$MtSdWSZbhct2oe.SOqOUM2M/GA/uj5.vyVtJgRHgKi9uqXuWuJqOYE7H/YlsYGVg/YYzDV0xt3fEIwYt580.5.";
    const SHA512_ROUNDS: &str = "$6$rounds=656000$VnVtSXRHZXBGVXVz$NPyPeGOfFjXiTK.XbPlxwUWS8Ufm5W5f4J.6HU4GYjlLk95X.gxvRGY0pFfJTNM9uH5UXQW2TQCZuJyEQnz3a1";
    const BCRYPT: &str = "$2b$12$qpjAHifew6Xequ6V.B2OA.Hw/RDhcYkvvfHWDI/Q6PY.yEuqw2VLq";
    const YESCRYPT: &str =
        "$y$j9T$0AjOgogWW6W.5HORiBzKw/$GfyxujYXgHhpjiJKY4ZPNNxWgSPjjEWiGf20OpzRyn4";
    const YESCRYPT_7: &str =
        "$y$jBT$KAaJtgxHlPtiYtOer1.bR0$2eRr.f7AoNYZA4.WHyfzTJcUaj6h3S45/zNyev54ER3";
    const GOST_YESCRYPT: &str =
        "$gy$j9T$B8OAPjDBqUDg.NpQ0VeGv0$/5XEgJOfpu0uDpY1bxRNPVeG9cEqA4XoQ48knFYgiLB";
    const SCRYPT_7: &str =
        "$7$CU..../....9qgvK.fSU7HkdgM/DnwrJ.$PhQCkGP3zEpDtKS8jOEasHxubJ9yemCOLXJ/5AbD.y9";
    const DES: &str = "uajrmr8F/eCeU";
    const BSDI: &str = "_J9..3SHb0rYiurnJMW2";
    const SUNMD5: &str = "$md5,rounds=77614$MW7WaoKa$$Dth.mlO7m/nqZToqoJwjA1";
    const NT: &str = "$3$$8cc19b6a8cfeac299c2871c86b38de28";
    // phc-winner-argon2 src/test.c (password "password", salt "somesalt").
    const ARGON2ID_REF: &str =
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
    // phc-winner-argon2 README (`argon2 somesalt -t 2 -m 16 -p 4 -l 24`).
    const ARGON2I_README: &str =
        "$argon2i$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG";
    // Python 3 hashlib.pbkdf2_hmac / hashlib.scrypt, password "password", salt "otcheck-salt-16b".
    const PBKDF2_SHA256: &str = "$pbkdf2-sha256$i=600000,l=32$b3RjaGVjay1zYWx0LTE2Yg$Z2zx+qJQ1lSM/lgkwN+yEc6ixKNxIMkXE3qX7047gc8";
    const PBKDF2_SHA256_1000: &str = "$pbkdf2-sha256$i=1000,l=32$b3RjaGVjay1zYWx0LTE2Yg$eKhUJdciFuD4ylJW0ds/mJ+tpHvWsim6tTZjw4ulwlQ";
    const PBKDF2_SHA512: &str = "$pbkdf2-sha512$i=210000,l=64$b3RjaGVjay1zYWx0LTE2Yg$lw9znIaalaOiX6i+hsKv8mDZEW8f8ykrnbmNce066by2j+DqIUvmmjhePfyaZFRw7eY3uIxXsT2LFVTxqQrTHQ";
    const PBKDF2_SHA1: &str =
        "$pbkdf2$i=1300000,l=20$b3RjaGVjay1zYWx0LTE2Yg$THvgq9h1mWusFeIQyGiY8Yd9pJY";
    const SCRYPT_17: &str =
        "$scrypt$ln=17,r=8,p=1$b3RjaGVjay1zYWx0LTE2Yg$qZq8Sil9gFcNqgAa8ek4yCVm4u7lz4OU/1Rbc4FKt0I";
    const SCRYPT_14: &str =
        "$scrypt$ln=14,r=8,p=1$b3RjaGVjay1zYWx0LTE2Yg$8dK47bexFnBcKV+dKpWiiAyxebBzPfluVZKE2oXhcug";
    // passlib's format (bare iteration count, `.` for `+`), made with hashlib.pbkdf2_hmac:
    // password "password", salt base64 "N2bMOWcsJeS8t/aesxWiNA", 29000 iterations.
    const PASSLIB_PBKDF2: &str =
        "$pbkdf2-sha256$29000$N2bMOWcsJeS8t/aesxWiNA$unp/hoj91f7l.Nx55VsxWY6tKEhvZlj9NPcw.5YCCB0";

    const ALL: [&str; 23] = [
        MD5,
        APR1,
        SHA256,
        SHA512,
        SHA512_ROUNDS,
        BCRYPT,
        YESCRYPT,
        YESCRYPT_7,
        GOST_YESCRYPT,
        SCRYPT_7,
        DES,
        BSDI,
        SUNMD5,
        NT,
        ARGON2ID_REF,
        ARGON2I_README,
        PBKDF2_SHA256,
        PBKDF2_SHA256_1000,
        PBKDF2_SHA512,
        PBKDF2_SHA1,
        SCRYPT_17,
        SCRYPT_14,
        PASSLIB_PBKDF2,
    ];

    #[test]
    fn parses_every_scheme_with_its_parameters() {
        let cases: [(&str, Scheme, Params); 23] = [
            (MD5, Scheme::Md5Crypt, Params::None),
            (APR1, Scheme::Apr1, Params::None),
            (SHA256, Scheme::Sha256Crypt, Params::Rounds(5000)),
            (SHA512, Scheme::Sha512Crypt, Params::Rounds(5000)),
            (SHA512_ROUNDS, Scheme::Sha512Crypt, Params::Rounds(656_000)),
            (BCRYPT, Scheme::Bcrypt2b, Params::Cost(12)),
            (
                YESCRYPT,
                Scheme::Yescrypt,
                Params::Yescrypt {
                    flavor: 47,
                    log_n: 12,
                    r: 32,
                    p: 1,
                    t: 0,
                },
            ),
            (
                YESCRYPT_7,
                Scheme::Yescrypt,
                Params::Yescrypt {
                    flavor: 47,
                    log_n: 14,
                    r: 32,
                    p: 1,
                    t: 0,
                },
            ),
            (
                GOST_YESCRYPT,
                Scheme::GostYescrypt,
                Params::Yescrypt {
                    flavor: 47,
                    log_n: 12,
                    r: 32,
                    p: 1,
                    t: 0,
                },
            ),
            (
                SCRYPT_7,
                Scheme::ScryptCrypt,
                Params::Scrypt {
                    log_n: 14,
                    r: 32,
                    p: 1,
                },
            ),
            (DES, Scheme::DesCrypt, Params::None),
            (BSDI, Scheme::BsdiCrypt, Params::Rounds(725)),
            (SUNMD5, Scheme::SunMd5, Params::Rounds(77_614)),
            (NT, Scheme::NtHash, Params::None),
            (
                ARGON2ID_REF,
                Scheme::Argon2id,
                Params::Argon2 {
                    version: 19,
                    memory_kib: 65_536,
                    iterations: 2,
                    parallelism: 1,
                },
            ),
            (
                ARGON2I_README,
                Scheme::Argon2i,
                Params::Argon2 {
                    version: 19,
                    memory_kib: 65_536,
                    iterations: 2,
                    parallelism: 4,
                },
            ),
            (PBKDF2_SHA256, Scheme::Pbkdf2Sha256, Params::Rounds(600_000)),
            (
                PBKDF2_SHA256_1000,
                Scheme::Pbkdf2Sha256,
                Params::Rounds(1000),
            ),
            (PBKDF2_SHA512, Scheme::Pbkdf2Sha512, Params::Rounds(210_000)),
            (PBKDF2_SHA1, Scheme::Pbkdf2Sha1, Params::Rounds(1_300_000)),
            (
                SCRYPT_17,
                Scheme::Scrypt,
                Params::Scrypt {
                    log_n: 17,
                    r: 8,
                    p: 1,
                },
            ),
            (
                SCRYPT_14,
                Scheme::Scrypt,
                Params::Scrypt {
                    log_n: 14,
                    r: 8,
                    p: 1,
                },
            ),
            (PASSLIB_PBKDF2, Scheme::Pbkdf2Sha256, Params::Rounds(29_000)),
        ];
        for (text, scheme, params) in cases {
            let h = hash(text);
            assert_eq!((h.scheme, h.params), (scheme, params), "{text}");
            assert!(text.contains(h.salt) && text.ends_with(h.hash), "{text}");
        }
        assert_eq!(hash(BCRYPT).salt, "qpjAHifew6Xequ6V.B2OA.");
        assert_eq!(hash(BCRYPT).hash.len(), 31);
        assert_eq!(hash(ARGON2ID_REF).salt, "c29tZXNhbHQ");
    }

    #[test]
    fn host_profile_grades_the_vectors() {
        let host = &AuthenticatorProfile::HOST;
        let expect: [(&str, &[&str]); 23] = [
            (MD5, &["AUTH-HASH-WEAK-ALGORITHM", "AUTH-HASH-SHORT-SALT"]),
            (APR1, &["AUTH-HASH-WEAK-ALGORITHM", "AUTH-HASH-SHORT-SALT"]),
            (SHA256, &["AUTH-HASH-LOW-COST", "AUTH-HASH-SHORT-SALT"]),
            (SHA512, &["AUTH-HASH-LOW-COST", "AUTH-HASH-SHORT-SALT"]),
            (SHA512_ROUNDS, &[]),
            (BCRYPT, &[]),
            (YESCRYPT, &[]),
            (YESCRYPT_7, &[]),
            (GOST_YESCRYPT, &[]),
            (SCRYPT_7, &["AUTH-HASH-LOW-COST"]),
            (DES, &["AUTH-HASH-WEAK-ALGORITHM", "AUTH-HASH-SHORT-SALT"]),
            (BSDI, &["AUTH-HASH-WEAK-ALGORITHM", "AUTH-HASH-SHORT-SALT"]),
            (SUNMD5, &["AUTH-HASH-WEAK-ALGORITHM"]),
            (NT, &["AUTH-HASH-WEAK-ALGORITHM", "AUTH-HASH-SHORT-SALT"]),
            (ARGON2ID_REF, &[]),
            (ARGON2I_README, &[]),
            (PBKDF2_SHA256, &[]),
            (PBKDF2_SHA256_1000, &["AUTH-HASH-LOW-COST"]),
            (PBKDF2_SHA512, &[]),
            (PBKDF2_SHA1, &[]),
            (SCRYPT_17, &[]),
            (SCRYPT_14, &["AUTH-HASH-LOW-COST"]),
            (PASSLIB_PBKDF2, &["AUTH-HASH-LOW-COST"]),
        ];
        for (text, want) in expect {
            assert_eq!(codes(&hash(text), host), want, "{text}");
            let r = check_stored_authenticator(text, host);
            assert_eq!(r.outcome.is_pass(), want.is_empty(), "{text}");
        }
    }

    #[test]
    fn embedded_profile_accepts_cheaper_but_sound_hashes() {
        let emb = &AuthenticatorProfile::EMBEDDED;
        assert!(codes(&hash(SCRYPT_14), emb).is_empty());
        assert!(codes(&hash(SCRYPT_7), emb).is_empty());
        assert_eq!(
            codes(&hash(PBKDF2_SHA256_1000), emb),
            ["AUTH-HASH-LOW-COST"]
        );
        assert_eq!(codes(&hash(MD5), emb)[0], "AUTH-HASH-WEAK-ALGORITHM");
        // Each embedded number is at most the host number.
        let (h, e) = (AuthenticatorProfile::HOST, AuthenticatorProfile::EMBEDDED);
        assert!(e.bcrypt_min_cost <= h.bcrypt_min_cost);
        assert!(e.pbkdf2_sha256_min_iterations <= h.pbkdf2_sha256_min_iterations);
        assert!(e.pbkdf2_sha256_min_iterations >= 10_000);
        for (a, b) in e.argon2_min_memory_kib.iter().zip(h.argon2_min_memory_kib) {
            assert_eq!(a.checked_mul(8), Some(b));
        }
    }

    #[test]
    fn cost_shortfalls_name_the_parameter_and_the_needed_value() {
        let host = &AuthenticatorProfile::HOST;
        let f = grade(
            &hash("$2b$08$qpjAHifew6Xequ6V.B2OA.Hw/RDhcYkvvfHWDI/Q6PY.yEuqw2VLq"),
            host,
        )
        .next()
        .unwrap();
        assert_eq!(
            f.shortfall,
            Some(Shortfall {
                parameter: "cost",
                found: Some(8),
                needed: Needed::AtLeast(10)
            })
        );
        // Argon2 t=1 needs 47104 KiB; 19456 is enough only from t=2.
        let a = "$argon2id$v=19$m=19456,t=1,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        let f = grade(&hash(a), host).next().unwrap();
        assert_eq!(
            f.shortfall,
            Some(Shortfall {
                parameter: "m",
                found: Some(19_456),
                needed: Needed::AtLeast(47_104)
            })
        );
        let ok = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assert!(grade(&hash(ok), host).next().is_none());
        let many =
            "$argon2id$v=19$m=7168,t=9,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assert!(grade(&hash(many), host).next().is_none());
        // scrypt: enough memory but too little work.
        let s = "$scrypt$ln=13,r=8,p=1$b3RjaGVjay1zYWx0LTE2Yg$8dK47bexFnBcKV+dKpWiiAyxebBzPfluVZKE2oXhcug";
        let f = grade(&hash(s), host).next().unwrap();
        assert_eq!(f.shortfall.unwrap().parameter, "n_r_p");
        let s10 = "$scrypt$ln=13,r=8,p=10$b3RjaGVjay1zYWx0LTE2Yg$8dK47bexFnBcKV+dKpWiiAyxebBzPfluVZKE2oXhcug";
        assert!(grade(&hash(s10), host).next().is_none());
        // sha-crypt rounds below glibc's floor count as 1000.
        let low = "$5$rounds=10$abcdefgh$/LKlXd6vuvdFX3oWbf2vGk3DgflzzsvOtMZsiOxqqY5";
        let f = grade(&hash(low), host).next().unwrap();
        assert_eq!(f.shortfall.unwrap().found, Some(1000));
    }

    #[test]
    fn empty_and_locked_fields() {
        assert_eq!(
            StoredAuthenticator::parse(""),
            Ok(StoredAuthenticator::Empty)
        );
        for locked in [
            "!",
            "*",
            "!!",
            "!*",
            "*LK*",
            "!!!",
            "*LK*$1$abc$Kb85XxsXB.VXinPhbS4431",
        ] {
            assert!(
                matches!(
                    StoredAuthenticator::parse(locked),
                    Ok(StoredAuthenticator::Locked { .. })
                ),
                "{locked}"
            );
        }
        let StoredAuthenticator::Locked { hash: Some(h) } = StoredAuthenticator::parse("!$6$abc$MtSdWSZbhct2oe.SOqOUM2M/GA/uj5.vyVtJgRHgKi9uqXuWuJqOYE7H/YlsYGVg/YYzDV0xt3fEIwYt580.5.").unwrap() else {
            panic!("locked with hash");
        };
        assert_eq!(h.scheme, Scheme::Sha512Crypt);
        assert_eq!(
            StoredAuthenticator::parse("!garbage"),
            Ok(StoredAuthenticator::Locked { hash: None })
        );
        let r = check_stored_authenticator("!!", &AuthenticatorProfile::HOST);
        assert_eq!(r.outcome.kind(), "not-applicable");
        let r = check_stored_authenticator("", &AuthenticatorProfile::HOST);
        assert_eq!(r.outcome.finding().unwrap().code, EMPTY_PASSWORD);
    }

    #[test]
    fn malformed_input_says_where() {
        use AuthenticatorError::*;
        let cases: &[(&str, AuthenticatorError)] = &[
            ("x", Unrecognized { offset: 0 }),
            (
                "$",
                Truncated {
                    field: "scheme",
                    offset: 1,
                },
            ),
            ("$$", UnknownScheme { offset: 1 }),
            ("$9$abc", UnknownScheme { offset: 1 }),
            (
                "$6$",
                Truncated {
                    field: "hash",
                    offset: 3,
                },
            ),
            (
                "$6$rounds=$a$b",
                InvalidNumber {
                    field: "rounds",
                    offset: 10,
                },
            ),
            (
                "$6$rounds=99999999999$a$b",
                OutOfRange {
                    field: "rounds",
                    offset: 10,
                    found: 1 << 32,
                    min: 0,
                    max: 4_294_967_295,
                },
            ),
            (
                "$6$01234567890123456$x",
                BadLength {
                    field: "salt",
                    offset: 3,
                    found: 17,
                    min: 0,
                    max: 16,
                },
            ),
            (
                "$6$abc$tooshort",
                BadLength {
                    field: "hash",
                    offset: 7,
                    found: 8,
                    min: 86,
                    max: 86,
                },
            ),
            (
                "$1$abc$Kb85XxsXB.VXinPhbS4431$",
                TrailingData { offset: 29 },
            ),
            (
                "$1$a:c$Kb85XxsXB.VXinPhbS4431",
                InvalidCharacter {
                    field: "salt",
                    offset: 4,
                },
            ),
            (
                "$2b$03$qpjAHifew6Xequ6V.B2OA.Hw/RDhcYkvvfHWDI/Q6PY.yEuqw2VLq",
                OutOfRange {
                    field: "cost",
                    offset: 4,
                    found: 3,
                    min: 4,
                    max: 31,
                },
            ),
            (
                "$2b$12qpjAHifew6Xequ6V.B2OA.Hw/RDhcYkvvfHWDI/Q6PY.yEuqw2VLq",
                InvalidCharacter {
                    field: "salt",
                    offset: 6,
                },
            ),
            (
                "$y$$salt$hash",
                InvalidCharacter {
                    field: "flavor",
                    offset: 3,
                },
            ),
            (
                "$y$j$salt$hash",
                Truncated {
                    field: "N",
                    offset: 4,
                },
            ),
            (
                "$y$j9T!$salt$hash",
                InvalidCharacter {
                    field: "params",
                    offset: 6,
                },
            ),
            (
                "$7$CU..../...",
                Truncated {
                    field: "p",
                    offset: 13,
                },
            ),
            (
                "$7$.U..../....salt$h",
                OutOfRange {
                    field: "N",
                    offset: 3,
                    found: 0,
                    min: 1,
                    max: 63,
                },
            ),
            (
                "$argon2id$v=19$m=65536,t=2$c29tZXNhbHQ$CTFh",
                MissingParameter {
                    field: "p",
                    offset: 15,
                },
            ),
            (
                "$argon2id$v=19$m=65536,t=2,p=1,t=3$c2FsdA$aGFzaA",
                DuplicateParameter {
                    field: "t",
                    offset: 31,
                },
            ),
            (
                "$argon2id$v=19$m=65536,x=2,p=1$c2FsdA$aGFzaA",
                UnknownParameter { offset: 23 },
            ),
            (
                "$argon2id$v=18$m=65536,t=2,p=1$c2FsdA$aGFzaA",
                OutOfRange {
                    field: "v",
                    offset: 12,
                    found: 18,
                    min: 16,
                    max: 19,
                },
            ),
            (
                "$argon2id$v=19$m=7,t=2,p=1$c2FsdA$aGFzaA",
                OutOfRange {
                    field: "m",
                    offset: 17,
                    found: 7,
                    min: 8,
                    max: 4_294_967_295,
                },
            ),
            (
                "$argon2id$v=19$m=65536,t=2,p=1$c2F=dA$aGFzaA",
                InvalidCharacter {
                    field: "salt",
                    offset: 34,
                },
            ),
            (
                "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFza",
                BadLength {
                    field: "hash",
                    offset: 38,
                    found: 5,
                    min: 2,
                    max: usize::MAX,
                },
            ),
            (
                "$scrypt$ln=64,r=8,p=1$c2FsdA$aGFzaA",
                OutOfRange {
                    field: "ln",
                    offset: 11,
                    found: 64,
                    min: 1,
                    max: 63,
                },
            ),
            (
                "$scrypt$ln=14,r=8,p=1000000000$c2FsdA$aGFzaA",
                OutOfRange {
                    field: "p",
                    offset: 20,
                    found: 1_000_000_000,
                    min: 1,
                    max: 134_217_727,
                },
            ),
            (
                "$pbkdf2-sha256$i=0$c2FsdA$aGFzaA",
                OutOfRange {
                    field: "i",
                    offset: 17,
                    found: 0,
                    min: 1,
                    max: 4_294_967_295,
                },
            ),
            (
                "$pbkdf2-sha256$l=32$c2FsdA$aGFzaA",
                MissingParameter {
                    field: "i",
                    offset: 15,
                },
            ),
            (
                "$3$$8cc19b6a8cfeac299c2871c86b38de2g",
                InvalidCharacter {
                    field: "hash",
                    offset: 35,
                },
            ),
            (
                "_J9..",
                Truncated {
                    field: "salt",
                    offset: 5,
                },
            ),
            ("uajrmr8F/eCe", Unrecognized { offset: 0 }),
            (
                "$1$é$Kb85XxsXB.VXinPhbS4431",
                InvalidCharacter {
                    field: "salt",
                    offset: 3,
                },
            ),
        ];
        for (text, want) in cases {
            assert_eq!(StoredAuthenticator::parse(text), Err(*want), "{text}");
            assert!(want.offset() <= text.len(), "{text}");
            assert_eq!(
                check_stored_authenticator(text, &AuthenticatorProfile::HOST)
                    .outcome
                    .kind(),
                "error",
                "{text}"
            );
        }
    }

    #[test]
    fn every_truncated_prefix_is_rejected_or_a_shorter_phc_hash() {
        for text in ALL {
            for end in 1..text.len() {
                let Some(prefix) = text.get(..end) else {
                    continue;
                };
                match StoredAuthenticator::parse(prefix) {
                    Err(e) => assert!(e.offset() <= prefix.len(), "{prefix}: {e}"),
                    Ok(StoredAuthenticator::Hash(h)) => {
                        // Only PHC hashes have a variable-length hash field.
                        assert!(
                            text.starts_with("$argon2")
                                || text.starts_with("$pbkdf2")
                                || text.starts_with("$scrypt"),
                            "{prefix}"
                        );
                        let full = hash(text);
                        assert_eq!(
                            (h.scheme, h.params, h.salt),
                            (full.scheme, full.params, full.salt),
                            "{prefix}"
                        );
                        assert!(full.hash.starts_with(h.hash));
                    }
                    Ok(other) => panic!("{prefix}: {other:?}"),
                }
            }
        }
    }

    #[test]
    fn yescrypt_extended_parameters_decode() {
        // flavor j (47), N=2^12, r=32, then "have" = 3 (p and t): p = 2 + 2 = 4, t = 1 + 1 = 2.
        // encode64_uint32(3, min 1) = '0' (2); p: (4 - 2) = 2 -> '0'; t: (2 - 1) = 1 -> '/'.
        let s = "$y$j9T00/$0AjOgogWW6W.5HORiBzKw/$GfyxujYXgHhpjiJKY4ZPNNxWgSPjjEWiGf20OpzRyn4";
        assert_eq!(
            hash(s).params,
            Params::Yescrypt {
                flavor: 47,
                log_n: 12,
                r: 32,
                p: 4,
                t: 2
            }
        );
        // Multi-character values: 'z' (63) opens a 6-character value.
        assert_eq!(
            StoredAuthenticator::parse("$y$zzzzzz$salt$hash"),
            Err(AuthenticatorError::Truncated {
                field: "N",
                offset: 9
            })
        );
        let err = StoredAuthenticator::parse("$y$jzzzzzzT$salt$hash").unwrap_err();
        assert!(
            matches!(
                err,
                AuthenticatorError::OutOfRange {
                    field: "N",
                    offset: 4,
                    max: 63,
                    ..
                }
            ),
            "{err}"
        );
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics_and_errors_point_inside(text in "\\PC{0,120}") {
            match StoredAuthenticator::parse(&text) {
                Err(e) => prop_assert!(e.offset() <= text.len()),
                Ok(StoredAuthenticator::Hash(h)) => {
                    let _ = grade(&h, &AuthenticatorProfile::HOST).count();
                }
                Ok(_) => {}
            }
        }

        #[test]
        fn mutated_vectors_never_panic(i in 0usize..23, pos in 0usize..200, byte in any::<u8>()) {
            let mut bytes = ALL[i].as_bytes().to_vec();
            let at = pos.checked_rem(bytes.len()).unwrap();
            bytes[at] = byte;
            if let Ok(text) = core::str::from_utf8(&bytes) {
                if let Err(e) = StoredAuthenticator::parse(text) {
                    prop_assert!(e.offset() <= text.len());
                }
                let _ = check_stored_authenticator(text, &AuthenticatorProfile::EMBEDDED);
            }
        }

        #[test]
        fn sha512crypt_rounds_round_trip(rounds in 0u32..=u32::MAX) {
            let text = std::format!("$6$rounds={rounds}$saltsaltsaltsalt$MtSdWSZbhct2oe.SOqOUM2M/GA/uj5.vyVtJgRHgKi9uqXuWuJqOYE7H/YlsYGVg/YYzDV0xt3fEIwYt580.5.");
            let h = hash(&text);
            prop_assert_eq!(h.params, Params::Rounds(rounds));
            let pass = grade(&h, &AuthenticatorProfile::HOST).next().is_none();
            prop_assert_eq!(pass, rounds >= 210_000);
        }
    }
}
