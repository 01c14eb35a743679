//! PHC string format (`$id[$v=version][$param=value(,param=value)*]$salt$hash`, from the
//! Password Hashing Competition's `phc-string-format.md`) for Argon2 (`$argon2i$`,
//! `$argon2d$`, `$argon2id$`), PBKDF2 (`$pbkdf2$`, `$pbkdf2-sha256$`, `$pbkdf2-sha512$`, both
//! `i=N,l=N` and passlib's bare iteration count) and scrypt (`$scrypt$ln=..,r=..,p=..`).
//!
//! Salt and hash are "B64" (standard base-64 without padding; `.` for `+` is accepted for
//! passlib's variant) and must be non-empty with a length a base-64 string can have.
//! Guarantee: malformed input is an [`AuthenticatorError`] naming the field and its absolute
//! offset; nothing panics.

use super::lex::{Cursor, check_alphabet, decimal, is_phc_b64};
use super::{AuthenticatorError, Params, PasswordHash, Scheme};

/// Calls `f(name, name_offset, value, value_offset)` for each `name=value` of `s`.
fn each_param<'a>(
    s: &'a str,
    base: usize,
    mut f: impl FnMut(&'a str, usize, &'a str, usize) -> Result<(), AuthenticatorError>,
) -> Result<(), AuthenticatorError> {
    let mut at = base;
    for item in s.split(',') {
        let Some((name, value)) = item.split_once('=') else {
            return Err(AuthenticatorError::InvalidCharacter {
                field: "params",
                offset: at.saturating_add(item.len()),
            });
        };
        if name.is_empty() {
            return Err(AuthenticatorError::InvalidCharacter {
                field: "params",
                offset: at,
            });
        }
        let value_at = at.saturating_add(name.len()).saturating_add(1);
        f(name, at, value, value_at)?;
        at = value_at.saturating_add(value.len()).saturating_add(1);
    }
    Ok(())
}

/// Stores `value` in `slot`, refusing a second value for the same parameter.
fn set(
    slot: &mut Option<u32>,
    field: &'static str,
    name_at: usize,
    value: u32,
) -> Result<(), AuthenticatorError> {
    if slot.is_some() {
        return Err(AuthenticatorError::DuplicateParameter {
            field,
            offset: name_at,
        });
    }
    *slot = Some(value);
    Ok(())
}

fn required(slot: Option<u32>, field: &'static str, at: usize) -> Result<u32, AuthenticatorError> {
    slot.ok_or(AuthenticatorError::MissingParameter { field, offset: at })
}

/// A non-empty B64 field with a length base-64 can have (not 1 modulo 4).
fn b64_field<'a>(c: &mut Cursor<'a>, field: &'static str) -> Result<&'a str, AuthenticatorError> {
    let (s, at) = c.field();
    check_alphabet(s, at, field, is_phc_b64)?;
    if s.is_empty() || s.len().checked_rem(4) == Some(1) {
        return Err(AuthenticatorError::BadLength {
            field,
            offset: at,
            found: s.len(),
            min: 2,
            max: usize::MAX,
        });
    }
    Ok(s)
}

/// `$salt$hash` to the end of the input.
fn salt_and_hash<'a>(c: &mut Cursor<'a>) -> Result<(&'a str, &'a str), AuthenticatorError> {
    c.expect_dollar("salt")?;
    let salt = b64_field(c, "salt")?;
    c.expect_dollar("hash")?;
    let hash = b64_field(c, "hash")?;
    c.finish()?;
    Ok((salt, hash))
}

/// Argon2, after `$argon2id$` (or `i`/`d`): optional `v=16|19`, then `m,t,p` (and optional
/// `keyid`, `data`), salt and hash. Checks RFC 9106 §3.1's ranges: `p` 1..2^24-1, `t` ≥ 1,
/// `m` ≥ 8p.
pub(super) fn argon2<'a>(
    c: &mut Cursor<'a>,
    scheme: Scheme,
) -> Result<PasswordHash<'a>, AuthenticatorError> {
    let mut version = 0x10;
    if c.eat("v=") {
        let (digits, at) = c.field();
        version = decimal(digits, at, "v", 16, 19)?;
        if version != 16 && version != 19 {
            return Err(AuthenticatorError::OutOfRange {
                field: "v",
                offset: at,
                found: u64::from(version),
                min: 16,
                max: 19,
            });
        }
        c.expect_dollar("params")?;
    }
    let (params, params_at) = c.field();
    let (mut m, mut t, mut p) = (None, None, None);
    let mut p_at = params_at;
    let mut m_at = params_at;
    each_param(
        params,
        params_at,
        |name, name_at, value, value_at| match name {
            "m" => {
                m_at = value_at;
                set(
                    &mut m,
                    "m",
                    name_at,
                    decimal(value, value_at, "m", 1, u32::MAX)?,
                )
            }
            "t" => set(
                &mut t,
                "t",
                name_at,
                decimal(value, value_at, "t", 1, u32::MAX)?,
            ),
            "p" => {
                p_at = value_at;
                set(
                    &mut p,
                    "p",
                    name_at,
                    decimal(value, value_at, "p", 1, 0x00ff_ffff)?,
                )
            }
            "keyid" | "data" => check_alphabet(value, value_at, "params", is_phc_b64),
            _ => Err(AuthenticatorError::UnknownParameter { offset: name_at }),
        },
    )?;
    let m = required(m, "m", params_at)?;
    let t = required(t, "t", params_at)?;
    let p = required(p, "p", params_at)?;
    let min_m = p.saturating_mul(8);
    if m < min_m {
        return Err(AuthenticatorError::OutOfRange {
            field: "m",
            offset: m_at,
            found: u64::from(m),
            min: u64::from(min_m),
            max: u64::from(u32::MAX),
        });
    }
    let _ = p_at;
    let (salt, hash) = salt_and_hash(c)?;
    Ok(PasswordHash {
        scheme,
        params: Params::Argon2 {
            version,
            memory_kib: m,
            iterations: t,
            parallelism: p,
        },
        salt,
        hash,
    })
}

/// PBKDF2, after `$pbkdf2-sha256$` (or `-sha512`, or plain for SHA-1): `i=N[,l=N]` or a bare
/// iteration count, then salt and hash.
pub(super) fn pbkdf2<'a>(
    c: &mut Cursor<'a>,
    scheme: Scheme,
) -> Result<PasswordHash<'a>, AuthenticatorError> {
    let (params, params_at) = c.field();
    let iterations = if params.bytes().all(|b| b.is_ascii_digit()) {
        decimal(params, params_at, "i", 1, u32::MAX)?
    } else {
        let (mut i, mut l) = (None, None);
        each_param(
            params,
            params_at,
            |name, name_at, value, value_at| match name {
                "i" => set(
                    &mut i,
                    "i",
                    name_at,
                    decimal(value, value_at, "i", 1, u32::MAX)?,
                ),
                "l" => set(
                    &mut l,
                    "l",
                    name_at,
                    decimal(value, value_at, "l", 1, u32::MAX)?,
                ),
                _ => Err(AuthenticatorError::UnknownParameter { offset: name_at }),
            },
        )?;
        required(i, "i", params_at)?
    };
    let (salt, hash) = salt_and_hash(c)?;
    Ok(PasswordHash {
        scheme,
        params: Params::Rounds(iterations),
        salt,
        hash,
    })
}

/// scrypt, after `$scrypt$`: `ln` (1..=63), `r`, `p` with `r * p < 2^30` (RFC 7914 §2),
/// then salt and hash.
pub(super) fn scrypt<'a>(c: &mut Cursor<'a>) -> Result<PasswordHash<'a>, AuthenticatorError> {
    let (params, params_at) = c.field();
    let (mut ln, mut r, mut p) = (None, None, None);
    let mut p_at = params_at;
    each_param(
        params,
        params_at,
        |name, name_at, value, value_at| match name {
            "ln" => set(
                &mut ln,
                "ln",
                name_at,
                decimal(value, value_at, "ln", 1, 63)?,
            ),
            "r" => set(
                &mut r,
                "r",
                name_at,
                decimal(value, value_at, "r", 1, u32::MAX)?,
            ),
            "p" => {
                p_at = value_at;
                set(
                    &mut p,
                    "p",
                    name_at,
                    decimal(value, value_at, "p", 1, u32::MAX)?,
                )
            }
            _ => Err(AuthenticatorError::UnknownParameter { offset: name_at }),
        },
    )?;
    let log_n = required(ln, "ln", params_at)?;
    let r = required(r, "r", params_at)?;
    let p = required(p, "p", params_at)?;
    if u64::from(r).saturating_mul(u64::from(p)) >= 1 << 30 {
        return Err(AuthenticatorError::OutOfRange {
            field: "p",
            offset: p_at,
            found: u64::from(p),
            min: 1,
            max: u64::from(0x3fff_ffff_u32.checked_div(r).unwrap_or(0)),
        });
    }
    let (salt, hash) = salt_and_hash(c)?;
    Ok(PasswordHash {
        scheme: Scheme::Scrypt,
        params: Params::Scrypt {
            log_n: u8::try_from(log_n).unwrap_or(u8::MAX),
            r,
            p,
        },
        salt,
        hash,
    })
}
