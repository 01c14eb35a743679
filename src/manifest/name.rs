//! Lossless text for file names and symlink targets that may not be UTF-8.
//!
//! The rules are in [the module docs](crate::manifest#names).
//!
//! Guarantees: never panics; `unescape_name(&escape_name(b)) == Ok(b)` for every byte string.

use core::fmt::Write as _;

/// A string that is not the output of [`escape_name`].
///
/// ```
/// use otcheck::manifest::{NameError, unescape_name};
/// assert_eq!(unescape_name(r"a\q"), Err(NameError { offset: 1 }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("invalid escape at byte {offset}: expected `\\\\` or `\\xNN`")]
pub struct NameError {
    /// Byte offset of the backslash that starts the bad escape.
    pub offset: usize,
}

/// The escaped, printable form of a name (see [the module docs](crate::manifest#names)).
///
/// ```
/// use otcheck::manifest::escape_name;
/// assert_eq!(escape_name(b"/etc/passwd"), "/etc/passwd");
/// assert_eq!(escape_name(b"/bin/caf\xc3\xa9"), "/bin/café");
/// assert_eq!(escape_name(b"/tmp/bad\xffname"), r"/tmp/bad\xffname");
/// assert_eq!(escape_name(b"a\\b\nc"), r"a\\b\x0ac");
/// ```
#[must_use]
pub fn escape_name(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\\' => out.push_str(r"\\"),
                c if c.is_ascii_control() => {
                    let _ = write!(out, r"\x{:02x}", u32::from(c));
                }
                c => out.push(c),
            }
        }
        for b in chunk.invalid() {
            let _ = write!(out, r"\x{b:02x}");
        }
    }
    out
}

/// The bytes of a name escaped by [`escape_name`].
///
/// # Errors
///
/// [`NameError`] for a `\` not followed by `\` or by `x` and two hex digits.
///
/// ```
/// use otcheck::manifest::{escape_name, unescape_name};
/// let name = b"/srv/\xfe\xff\\ok\x7f";
/// assert_eq!(unescape_name(&escape_name(name))?, name);
/// # Ok::<(), otcheck::manifest::NameError>(())
/// ```
pub fn unescape_name(text: &str) -> Result<Vec<u8>, NameError> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut pos = 0;
    while let Some(&b) = bytes.get(pos) {
        if b != b'\\' {
            out.push(b);
            pos = pos.saturating_add(1);
            continue;
        }
        let bad = NameError { offset: pos };
        match bytes.get(pos.saturating_add(1)) {
            Some(b'\\') => {
                out.push(b'\\');
                pos = pos.saturating_add(2);
            }
            Some(b'x') => {
                let hi = bytes.get(pos.saturating_add(2)).and_then(|&d| hex_digit(d));
                let lo = bytes.get(pos.saturating_add(3)).and_then(|&d| hex_digit(d));
                let (Some(hi), Some(lo)) = (hi, lo) else {
                    return Err(bad);
                };
                out.push((hi << 4) | lo);
                pos = pos.saturating_add(4);
            }
            _ => return Err(bad),
        }
    }
    Ok(out)
}

/// The value of one lower-case hex digit (upper case is accepted too).
fn hex_digit(d: u8) -> Option<u8> {
    char::from(d)
        .to_digit(16)
        .and_then(|v| u8::try_from(v).ok())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_round_trips() {
        for b in 0..=u8::MAX {
            let name = [b'/', b, b'x', b];
            assert_eq!(
                unescape_name(&escape_name(&name)).unwrap(),
                name,
                "{b:#04x}"
            );
        }
    }

    #[test]
    fn escaped_text_has_no_controls() {
        let all: Vec<u8> = (0..=u8::MAX).collect();
        let text = escape_name(&all);
        assert!(!text.chars().any(|c| c.is_control()), "{text}");
        assert_eq!(unescape_name(&text).unwrap(), all);
    }

    #[test]
    fn bad_escapes_are_rejected() {
        for (text, offset) in [
            (r"\", 0),
            (r"a\x", 1),
            (r"a\x1", 1),
            (r"\xzz", 0),
            (r"ab\n", 2),
        ] {
            assert_eq!(unescape_name(text), Err(NameError { offset }), "{text}");
        }
    }
}
