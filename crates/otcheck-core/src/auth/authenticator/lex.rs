//! Lexing helpers shared by the crypt(3) and PHC parsers: a cursor over the input that knows
//! absolute byte offsets, alphabet and length checks, and decimal numbers.
//!
//! Guarantee: every helper returns an [`AuthenticatorError`] that names the field and the
//! absolute offset instead of panicking; nothing indexes or slices without `get`.

use super::AuthenticatorError;

/// The crypt(3) base-64 alphabet, `./0-9A-Za-z`, in value order.
pub(super) const ITOA64: &[u8; 64] =
    b"./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// The value of a crypt(3) base-64 character.
pub(super) fn atoi64(b: u8) -> Option<u32> {
    ITOA64
        .iter()
        .position(|&c| c == b)
        .and_then(|v| u32::try_from(v).ok())
}

/// Whether `b` is a crypt(3) base-64 character.
pub(super) fn is_itoa64(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'.' || b == b'/'
}

/// Whether `b` is a PHC "B64" character (standard base-64 without padding; passlib's adapted
/// variant uses `.` for `+`).
pub(super) fn is_phc_b64(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'+' || b == b'/' || b == b'.'
}

/// A position in the input.
#[derive(Debug, Clone, Copy)]
pub(super) struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at `pos` of `text`.
    pub(super) const fn new(text: &'a str, pos: usize) -> Self {
        Self { text, pos }
    }

    /// The absolute offset.
    pub(super) const fn pos(&self) -> usize {
        self.pos
    }

    /// The input from the cursor on.
    pub(super) fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or("")
    }

    /// Whether the input is used up.
    pub(super) fn at_end(&self) -> bool {
        self.rest().is_empty()
    }

    /// Skips `prefix` if the input continues with it.
    pub(super) fn eat(&mut self, prefix: &str) -> bool {
        if self.rest().starts_with(prefix) {
            self.pos = self.pos.saturating_add(prefix.len());
            true
        } else {
            false
        }
    }

    /// Requires a `$` that ends the field before `next`.
    pub(super) fn expect_dollar(&mut self, next: &'static str) -> Result<(), AuthenticatorError> {
        if self.eat("$") {
            Ok(())
        } else if self.at_end() {
            Err(AuthenticatorError::Truncated {
                field: next,
                offset: self.pos,
            })
        } else {
            Err(AuthenticatorError::InvalidCharacter {
                field: next,
                offset: self.pos,
            })
        }
    }

    /// The text up to the next `$` (or the end), which stays unconsumed, and its offset.
    pub(super) fn field(&mut self) -> (&'a str, usize) {
        let rest = self.rest();
        let len = rest.find('$').unwrap_or(rest.len());
        let start = self.pos;
        self.pos = self.pos.saturating_add(len);
        (rest.get(..len).unwrap_or(""), start)
    }

    /// Exactly `n` bytes of `field`.
    pub(super) fn take(
        &mut self,
        n: usize,
        field: &'static str,
    ) -> Result<(&'a str, usize), AuthenticatorError> {
        let rest = self.rest();
        match rest.get(..n) {
            Some(taken) => {
                let start = self.pos;
                self.pos = self.pos.saturating_add(n);
                Ok((taken, start))
            }
            None if rest.len() < n => Err(AuthenticatorError::Truncated {
                field,
                offset: self.pos.saturating_add(rest.len()),
            }),
            // `n` falls inside a multi-byte character: not a valid character here.
            None => Err(AuthenticatorError::InvalidCharacter {
                field,
                offset: self.pos,
            }),
        }
    }

    /// Fails unless the input is used up.
    pub(super) fn finish(&self) -> Result<(), AuthenticatorError> {
        if self.at_end() {
            Ok(())
        } else {
            Err(AuthenticatorError::TrailingData { offset: self.pos })
        }
    }
}

/// Fails at the first byte of `s` (at absolute `offset`) that `allowed` rejects.
pub(super) fn check_alphabet(
    s: &str,
    offset: usize,
    field: &'static str,
    allowed: fn(u8) -> bool,
) -> Result<(), AuthenticatorError> {
    match s.bytes().position(|b| !allowed(b)) {
        None => Ok(()),
        Some(i) => Err(AuthenticatorError::InvalidCharacter {
            field,
            offset: offset.saturating_add(i),
        }),
    }
}

/// Fails unless `s` is `min..=max` bytes long.
pub(super) fn check_len(
    s: &str,
    offset: usize,
    field: &'static str,
    min: usize,
    max: usize,
) -> Result<(), AuthenticatorError> {
    if (min..=max).contains(&s.len()) {
        Ok(())
    } else {
        Err(AuthenticatorError::BadLength {
            field,
            offset,
            found: s.len(),
            min,
            max,
        })
    }
}

/// A decimal number without sign, within `min..=max`.
pub(super) fn decimal(
    s: &str,
    offset: usize,
    field: &'static str,
    min: u32,
    max: u32,
) -> Result<u32, AuthenticatorError> {
    if s.is_empty() {
        return Err(AuthenticatorError::InvalidNumber { field, offset });
    }
    let mut value: u64 = 0;
    for (i, b) in s.bytes().enumerate() {
        let digit = match b {
            b'0'..=b'9' => u64::from(b.saturating_sub(b'0')),
            _ => {
                return Err(AuthenticatorError::InvalidNumber {
                    field,
                    offset: offset.saturating_add(i),
                });
            }
        };
        // Saturate far above any u32 so that huge inputs report "out of range".
        value = value
            .saturating_mul(10)
            .saturating_add(digit)
            .min(u64::from(u32::MAX).saturating_add(1));
    }
    match u32::try_from(value) {
        Ok(v) if (min..=max).contains(&v) => Ok(v),
        _ => Err(AuthenticatorError::OutOfRange {
            field,
            offset,
            found: value,
            min: u64::from(min),
            max: u64::from(max),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn itoa64_round_trips() {
        for (v, &c) in ITOA64.iter().enumerate() {
            assert_eq!(atoi64(c), Some(u32::try_from(v).unwrap()));
            assert!(is_itoa64(c));
        }
        assert_eq!(atoi64(b'$'), None);
        assert!(!is_itoa64(b'+'));
    }

    #[test]
    fn decimal_reports_where_and_what() {
        assert_eq!(decimal("5000", 10, "rounds", 1, u32::MAX), Ok(5000));
        assert_eq!(
            decimal("50x0", 10, "rounds", 1, u32::MAX),
            Err(AuthenticatorError::InvalidNumber {
                field: "rounds",
                offset: 12
            })
        );
        assert_eq!(
            decimal("", 3, "cost", 0, 9),
            Err(AuthenticatorError::InvalidNumber {
                field: "cost",
                offset: 3
            })
        );
        assert_eq!(
            decimal("99999999999999999999999", 0, "i", 1, u32::MAX),
            Err(AuthenticatorError::OutOfRange {
                field: "i",
                offset: 0,
                found: 1 << 32,
                min: 1,
                max: u64::from(u32::MAX)
            })
        );
        assert!(decimal("03", 0, "cost", 4, 31).is_err());
    }

    #[test]
    fn cursor_take_reports_truncation_at_the_end() {
        let mut c = Cursor::new("$1$ab", 3);
        assert_eq!(
            c.take(3, "salt"),
            Err(AuthenticatorError::Truncated {
                field: "salt",
                offset: 5
            })
        );
        assert_eq!(c.take(2, "salt"), Ok(("ab", 3)));
        assert!(c.at_end());
        let mut c = Cursor::new("aé", 0);
        assert_eq!(
            c.take(2, "salt"),
            Err(AuthenticatorError::InvalidCharacter {
                field: "salt",
                offset: 0
            })
        );
    }
}
