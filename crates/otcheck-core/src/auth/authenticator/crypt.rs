//! The crypt(3) formats: descrypt, bsdicrypt, md5crypt (`$1$`, `$apr1$`), SunMD5 (`$md5`),
//! NT hash (`$3$`), sha256crypt and sha512crypt (`$5$`, `$6$`, with `rounds=`), bcrypt
//! (`$2a$`, `$2b$`, `$2x$`, `$2y$`), yescrypt (`$y$`), gost-yescrypt (`$gy$`) and scrypt
//! (`$7$`), as produced by glibc, libxcrypt, OpenSSL and `mkpasswd`.
//!
//! Each function parses from a cursor placed right after the scheme prefix and consumes the
//! whole input. Guarantee: malformed input is an [`AuthenticatorError`] naming the field and
//! its absolute offset; nothing panics.

use super::lex::{Cursor, ITOA64, atoi64, check_alphabet, check_len, decimal, is_itoa64};
use super::{AuthenticatorError, Params, PasswordHash, Scheme};

/// Salt characters of the MD5 and SHA crypt formats: printable ASCII other than `$` and `:`.
fn is_crypt_salt(b: u8) -> bool {
    b.is_ascii_graphic() && b != b'$' && b != b':'
}

/// A hash field of exactly `len` crypt base-64 characters, ending the input.
fn final_hash<'a>(c: &mut Cursor<'a>, len: usize) -> Result<&'a str, AuthenticatorError> {
    let (hash, at) = c.field();
    check_alphabet(hash, at, "hash", is_itoa64)?;
    check_len(hash, at, "hash", len, len)?;
    c.finish()?;
    Ok(hash)
}

/// `$1$salt$hash` and `$apr1$salt$hash`: salt up to 8 characters, 22-character hash.
pub(super) fn md5<'a>(
    c: &mut Cursor<'a>,
    scheme: Scheme,
) -> Result<PasswordHash<'a>, AuthenticatorError> {
    let (salt, at) = c.field();
    check_alphabet(salt, at, "salt", is_crypt_salt)?;
    check_len(salt, at, "salt", 0, 8)?;
    c.expect_dollar("hash")?;
    let hash = final_hash(c, 22)?;
    Ok(PasswordHash {
        scheme,
        params: Params::None,
        salt,
        hash,
    })
}

/// `$md5[,rounds=N]$salt$[$]hash` (Solaris SunMD5), after `$md5`.
pub(super) fn sun_md5<'a>(c: &mut Cursor<'a>) -> Result<PasswordHash<'a>, AuthenticatorError> {
    let rounds = if c.eat(",rounds=") {
        let (digits, at) = c.field();
        decimal(digits, at, "rounds", 0, u32::MAX)?
    } else {
        0
    };
    c.expect_dollar("salt")?;
    let (salt, at) = c.field();
    check_alphabet(salt, at, "salt", is_crypt_salt)?;
    check_len(salt, at, "salt", 0, 16)?;
    c.expect_dollar("hash")?;
    c.eat("$");
    let hash = final_hash(c, 22)?;
    Ok(PasswordHash {
        scheme: Scheme::SunMd5,
        params: Params::Rounds(rounds),
        salt,
        hash,
    })
}

/// `$3$$hash` (FreeBSD NT hash, unsalted MD4): 32 hexadecimal digits.
pub(super) fn nt<'a>(c: &mut Cursor<'a>) -> Result<PasswordHash<'a>, AuthenticatorError> {
    c.expect_dollar("hash")?;
    let (hash, at) = c.field();
    check_alphabet(hash, at, "hash", |b| b.is_ascii_hexdigit())?;
    check_len(hash, at, "hash", 32, 32)?;
    c.finish()?;
    Ok(PasswordHash {
        scheme: Scheme::NtHash,
        params: Params::None,
        salt: "",
        hash,
    })
}

/// The default of sha-crypt when `rounds=` is absent.
pub(super) const SHA_CRYPT_DEFAULT_ROUNDS: u32 = 5000;

/// `$5$[rounds=N$]salt$hash` and `$6$...` (Drepper's SHA-crypt): salt up to 16 characters,
/// hash of 43 (SHA-256) or 86 (SHA-512) characters.
pub(super) fn sha<'a>(
    c: &mut Cursor<'a>,
    scheme: Scheme,
) -> Result<PasswordHash<'a>, AuthenticatorError> {
    let hash_len = if scheme == Scheme::Sha256Crypt {
        43
    } else {
        86
    };
    let rounds = if c.eat("rounds=") {
        let (digits, at) = c.field();
        let rounds = decimal(digits, at, "rounds", 0, u32::MAX)?;
        c.expect_dollar("salt")?;
        rounds
    } else {
        SHA_CRYPT_DEFAULT_ROUNDS
    };
    let (salt, at) = c.field();
    check_alphabet(salt, at, "salt", is_crypt_salt)?;
    check_len(salt, at, "salt", 0, 16)?;
    c.expect_dollar("hash")?;
    let hash = final_hash(c, hash_len)?;
    Ok(PasswordHash {
        scheme,
        params: Params::Rounds(rounds),
        salt,
        hash,
    })
}

/// `$2b$NN$` + 22 characters of salt + 31 of hash (bcrypt), after the `$2b$`.
pub(super) fn bcrypt<'a>(
    c: &mut Cursor<'a>,
    scheme: Scheme,
) -> Result<PasswordHash<'a>, AuthenticatorError> {
    let (digits, at) = c.take(2, "cost")?;
    let cost = decimal(digits, at, "cost", 4, 31)?;
    c.expect_dollar("salt")?;
    let (rest, at) = c.field();
    check_alphabet(rest, at, "salt", is_itoa64)?;
    check_len(rest, at, "salt", 53, 53)?;
    c.finish()?;
    let (salt, hash) = rest
        .split_at_checked(22)
        .ok_or(AuthenticatorError::BadLength {
            field: "salt",
            offset: at,
            found: rest.len(),
            min: 53,
            max: 53,
        })?;
    Ok(PasswordHash {
        scheme,
        params: Params::Cost(u8::try_from(cost).unwrap_or(u8::MAX)),
        salt,
        hash,
    })
}

/// One variable-length unsigned integer of yescrypt's parameter encoding
/// (`decode64_uint32` in yescrypt-common.c), at least `min`.
fn yescrypt_uint(
    bytes: &[u8],
    pos: &mut usize,
    base: usize,
    field: &'static str,
    min: u32,
) -> Result<u32, AuthenticatorError> {
    let at = base.saturating_add(*pos);
    let truncated = AuthenticatorError::Truncated { field, offset: at };
    let invalid = |offset| AuthenticatorError::InvalidCharacter { field, offset };
    let first = *bytes.get(*pos).ok_or(truncated)?;
    let c = u64::from(atoi64(first).ok_or(invalid(at))?);
    *pos = pos.saturating_add(1);
    let (mut start, mut end, mut chars, mut bits) = (0u64, 47u64, 1u32, 0u32);
    let mut value = u64::from(min);
    while c > end {
        let span = end.saturating_add(1).saturating_sub(start);
        value = value.saturating_add(span.checked_shl(bits).unwrap_or(u64::MAX));
        start = end.saturating_add(1);
        end = start.saturating_add(62u64.saturating_sub(end).checked_div(2).unwrap_or(0));
        chars = chars.saturating_add(1);
        bits = bits.saturating_add(6);
    }
    value = value.saturating_add(
        c.saturating_sub(start)
            .checked_shl(bits)
            .unwrap_or(u64::MAX),
    );
    while chars > 1 {
        chars = chars.saturating_sub(1);
        bits = bits.saturating_sub(6);
        let at = base.saturating_add(*pos);
        let b = *bytes
            .get(*pos)
            .ok_or(AuthenticatorError::Truncated { field, offset: at })?;
        let v = u64::from(atoi64(b).ok_or(invalid(at))?);
        value = value.saturating_add(v.checked_shl(bits).unwrap_or(u64::MAX));
        *pos = pos.saturating_add(1);
    }
    u32::try_from(value).map_err(|_| AuthenticatorError::OutOfRange {
        field,
        offset: at,
        found: value,
        min: u64::from(min),
        max: u64::from(u32::MAX),
    })
}

/// yescrypt's parameter string (`j9T`): flavor, N (as log2), r, and optionally p, t, g, NROM.
fn yescrypt_params(s: &str, base: usize) -> Result<Params, AuthenticatorError> {
    let bytes = s.as_bytes();
    let mut pos = 0usize;
    let flavor = yescrypt_uint(bytes, &mut pos, base, "flavor", 0)?;
    let n_at = base.saturating_add(pos);
    let log_n = yescrypt_uint(bytes, &mut pos, base, "N", 1)?;
    let log_n =
        u8::try_from(log_n)
            .ok()
            .filter(|&n| n <= 63)
            .ok_or(AuthenticatorError::OutOfRange {
                field: "N",
                offset: n_at,
                found: u64::from(log_n),
                min: 1,
                max: 63,
            })?;
    let r = yescrypt_uint(bytes, &mut pos, base, "r", 1)?;
    let (mut p, mut t) = (1, 0);
    if pos < bytes.len() {
        let have_at = base.saturating_add(pos);
        let have = yescrypt_uint(bytes, &mut pos, base, "params", 1)?;
        if have > 0b1111 {
            return Err(AuthenticatorError::OutOfRange {
                field: "params",
                offset: have_at,
                found: u64::from(have),
                min: 1,
                max: 0b1111,
            });
        }
        if have & 1 != 0 {
            p = yescrypt_uint(bytes, &mut pos, base, "p", 2)?;
        }
        if have & 2 != 0 {
            t = yescrypt_uint(bytes, &mut pos, base, "t", 1)?;
        }
        if have & 4 != 0 {
            yescrypt_uint(bytes, &mut pos, base, "g", 1)?;
        }
        if have & 8 != 0 {
            yescrypt_uint(bytes, &mut pos, base, "NROM", 1)?;
        }
    }
    if pos < bytes.len() {
        return Err(AuthenticatorError::TrailingData {
            offset: base.saturating_add(pos),
        });
    }
    Ok(Params::Yescrypt {
        flavor,
        log_n,
        r,
        p,
        t,
    })
}

/// `$y$params$salt$hash` and `$gy$...` (yescrypt, gost-yescrypt), after the prefix.
pub(super) fn yescrypt<'a>(
    c: &mut Cursor<'a>,
    scheme: Scheme,
) -> Result<PasswordHash<'a>, AuthenticatorError> {
    let (params, at) = c.field();
    if params.is_empty() {
        return Err(if c.at_end() {
            AuthenticatorError::Truncated {
                field: "flavor",
                offset: at,
            }
        } else {
            AuthenticatorError::InvalidCharacter {
                field: "flavor",
                offset: at,
            }
        });
    }
    let params = yescrypt_params(params, at)?;
    c.expect_dollar("salt")?;
    let (salt, at) = c.field();
    check_alphabet(salt, at, "salt", is_itoa64)?;
    check_len(salt, at, "salt", 0, 86)?;
    c.expect_dollar("hash")?;
    let hash = final_hash(c, 43)?;
    Ok(PasswordHash {
        scheme,
        params,
        salt,
        hash,
    })
}

/// A 30-bit little-endian number in 5 crypt base-64 characters (`decode64_uint32_fixed`).
fn fixed30(s: &str, at: usize, field: &'static str) -> Result<u32, AuthenticatorError> {
    let mut value = 0u32;
    for (i, b) in s.bytes().enumerate() {
        let v = atoi64(b).ok_or(AuthenticatorError::InvalidCharacter {
            field,
            offset: at.saturating_add(i),
        })?;
        let shift = u32::try_from(i).unwrap_or(u32::MAX).saturating_mul(6);
        value |= v.checked_shl(shift).unwrap_or(0);
    }
    Ok(value)
}

/// `$7$` + N (1 character, log2) + r (5) + p (5) + salt + `$` + hash (Colin Percival's scrypt
/// crypt format, as in libxcrypt), after the `$7$`.
pub(super) fn scrypt<'a>(c: &mut Cursor<'a>) -> Result<PasswordHash<'a>, AuthenticatorError> {
    let (n, at) = c.take(1, "N")?;
    let log_n = n
        .bytes()
        .next()
        .and_then(atoi64)
        .ok_or(AuthenticatorError::InvalidCharacter {
            field: "N",
            offset: at,
        })?;
    if log_n == 0 {
        return Err(AuthenticatorError::OutOfRange {
            field: "N",
            offset: at,
            found: 0,
            min: 1,
            max: 63,
        });
    }
    let (r, at_r) = c.take(5, "r")?;
    let r = fixed30(r, at_r, "r")?;
    let (p, at_p) = c.take(5, "p")?;
    let p = fixed30(p, at_p, "p")?;
    for (value, field, offset) in [(r, "r", at_r), (p, "p", at_p)] {
        if value == 0 {
            return Err(AuthenticatorError::OutOfRange {
                field,
                offset,
                found: 0,
                min: 1,
                max: 0x3fff_ffff,
            });
        }
    }
    let (salt, at) = c.field();
    check_alphabet(salt, at, "salt", is_itoa64)?;
    c.expect_dollar("hash")?;
    let hash = final_hash(c, 43)?;
    Ok(PasswordHash {
        scheme: Scheme::ScryptCrypt,
        params: Params::Scrypt {
            log_n: u8::try_from(log_n).unwrap_or(u8::MAX),
            r,
            p,
        },
        salt,
        hash,
    })
}

/// `_` + rounds (4) + salt (4) + hash (11): BSDi extended DES, after the `_`.
pub(super) fn bsdi<'a>(c: &mut Cursor<'a>) -> Result<PasswordHash<'a>, AuthenticatorError> {
    let (rounds, at) = c.take(4, "rounds")?;
    let rounds = fixed30(rounds, at, "rounds")?;
    let (salt, at) = c.take(4, "salt")?;
    check_alphabet(salt, at, "salt", is_itoa64)?;
    let hash = final_hash(c, 11)?;
    Ok(PasswordHash {
        scheme: Scheme::BsdiCrypt,
        params: Params::Rounds(rounds),
        salt,
        hash,
    })
}

/// The traditional 13-character DES crypt: 2 characters of salt, 11 of hash.
pub(super) fn des<'a>(c: &mut Cursor<'a>) -> Result<PasswordHash<'a>, AuthenticatorError> {
    let (salt, at) = c.take(2, "salt")?;
    check_alphabet(salt, at, "salt", is_itoa64)?;
    let hash = final_hash(c, 11)?;
    Ok(PasswordHash {
        scheme: Scheme::DesCrypt,
        params: Params::None,
        salt,
        hash,
    })
}

/// Whether `text` looks like a DES crypt string: 13 crypt base-64 characters.
pub(super) fn looks_like_des(text: &str) -> bool {
    text.len() == 13 && text.bytes().all(|b| ITOA64.contains(&b))
}
