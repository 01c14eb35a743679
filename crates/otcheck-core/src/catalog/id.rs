//! Requirement identifiers: parsing (forgiving) and display (one canonical form).
//!
//! Guarantee: parsing never panics and never allocates; any byte string either yields a
//! [`RequirementId`] or an [`IdError`] that says at which byte offset it went wrong.

use core::fmt;
use core::str::FromStr;

/// What kind of item of IEC 62443-4-2 an identifier names.
///
/// ```
/// use otcheck_core::{RequirementId, RequirementKind};
/// let id: RequirementId = "EDR 3.14".parse()?;
/// assert_eq!(id.kind(), RequirementKind::Edr);
/// # Ok::<(), otcheck_core::catalog::IdError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum RequirementKind {
    /// Component requirement, common to all component types (clauses 5–11).
    Cr,
    /// Software application requirement (clause 12).
    Sar,
    /// Embedded device requirement (clause 13).
    Edr,
    /// Host device requirement (clause 14).
    Hdr,
    /// Network device requirement (clause 15).
    Ndr,
    /// Common component security constraint (clause 4).
    Ccsc,
}

impl RequirementKind {
    /// The prefix used in identifiers, e.g. `"EDR"`.
    ///
    /// ```
    /// assert_eq!(otcheck_core::RequirementKind::Ccsc.prefix(), "CCSC");
    /// ```
    #[must_use]
    pub const fn prefix(self) -> &'static str {
        match self {
            Self::Cr => "CR",
            Self::Sar => "SAR",
            Self::Edr => "EDR",
            Self::Hdr => "HDR",
            Self::Ndr => "NDR",
            Self::Ccsc => "CCSC",
        }
    }
}

/// The identifier of a requirement, requirement enhancement or CCSC, e.g. `CR 1.7 RE 1`.
///
/// Parsing is forgiving about case, spaces and the RE notation (`CR 1.7 RE 1`,
/// `CR 1.7 RE(1)`, `cr1.7re1`, `CR 1.7 (1)`); [`Display`](fmt::Display) prints one canonical
/// form: `CR 1.7 RE 1`, `EDR 3.14`, `CCSC 3`. A parsed identifier is well-formed, not
/// necessarily one the catalogue knows: use [`catalog::get`](crate::catalog::get) for that.
///
/// ```
/// use otcheck_core::RequirementId;
/// for text in ["CR 1.7 RE 1", "CR 1.7 RE(1)", "cr1.7re1", " Cr 1.7 (1) "] {
///     let id: RequirementId = text.parse()?;
///     assert_eq!(id.to_string(), "CR 1.7 RE 1");
/// }
/// assert!("CR 1.x".parse::<RequirementId>().is_err());
/// # Ok::<(), otcheck_core::catalog::IdError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RequirementId {
    kind: RequirementKind,
    /// Foundational requirement (1–7); 0 for CCSC.
    major: u8,
    /// Clause number within the FR; the CCSC number for CCSC.
    minor: u8,
    /// Requirement enhancement number, 0 for none.
    re: u8,
}

/// Why a string is not a well-formed requirement identifier.
///
/// ```
/// use otcheck_core::{catalog::IdError, RequirementId};
/// assert_eq!("XR 1.1".parse::<RequirementId>(), Err(IdError::UnknownPrefix { offset: 0 }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IdError {
    /// The string is empty or only white space.
    #[error("requirement id is empty")]
    Empty,
    /// The string does not start with CR, SAR, EDR, HDR, NDR or CCSC.
    #[error("requirement id: expected CR, SAR, EDR, HDR, NDR or CCSC at byte {offset}")]
    UnknownPrefix {
        /// Byte offset of the unrecognised text.
        offset: usize,
    },
    /// A number was expected (or was out of range) at this offset.
    #[error("requirement id: expected a number ({what}) at byte {offset}")]
    BadNumber {
        /// Which number: `"foundational requirement"`, `"clause"` or `"enhancement"`.
        what: &'static str,
        /// Byte offset where the number should start.
        offset: usize,
    },
    /// Unexpected text after a complete identifier.
    #[error("requirement id: unexpected text at byte {offset}")]
    Trailing {
        /// Byte offset of the first unexpected byte.
        offset: usize,
    },
}

impl RequirementId {
    /// A common component requirement, `CR fr.n`.
    ///
    /// ```
    /// assert_eq!(otcheck_core::RequirementId::cr(1, 11).to_string(), "CR 1.11");
    /// ```
    #[must_use]
    pub const fn cr(fr: u8, n: u8) -> Self {
        Self::new(RequirementKind::Cr, fr, n)
    }

    /// A requirement of the given kind, `KIND major.minor` (`CCSC minor` for CCSC).
    ///
    /// ```
    /// use otcheck_core::{RequirementId, RequirementKind};
    /// assert_eq!(RequirementId::new(RequirementKind::Ndr, 1, 6).to_string(), "NDR 1.6");
    /// ```
    #[must_use]
    pub const fn new(kind: RequirementKind, major: u8, minor: u8) -> Self {
        let major = if matches!(kind, RequirementKind::Ccsc) {
            0
        } else {
            major
        };
        Self {
            kind,
            major,
            minor,
            re: 0,
        }
    }

    /// The requirement enhancement `re` of this requirement.
    ///
    /// ```
    /// assert_eq!(otcheck_core::RequirementId::cr(1, 7).with_re(2).to_string(), "CR 1.7 RE 2");
    /// ```
    #[must_use]
    pub const fn with_re(self, re: u8) -> Self {
        Self { re, ..self }
    }

    /// The kind (CR, EDR, …).
    ///
    /// ```
    /// assert_eq!(otcheck_core::RequirementId::cr(2, 8).kind(), otcheck_core::RequirementKind::Cr);
    /// ```
    #[must_use]
    pub const fn kind(self) -> RequirementKind {
        self.kind
    }

    /// The foundational requirement number (1–7) this id counts towards, `None` for a CCSC.
    ///
    /// ```
    /// assert_eq!(otcheck_core::RequirementId::cr(3, 4).fr_number(), Some(3));
    /// ```
    #[must_use]
    pub const fn fr_number(self) -> Option<u8> {
        if self.major == 0 {
            None
        } else {
            Some(self.major)
        }
    }

    /// The enhancement number, `None` for a base requirement.
    ///
    /// ```
    /// assert_eq!(otcheck_core::RequirementId::cr(1, 7).with_re(1).re(), Some(1));
    /// ```
    #[must_use]
    pub const fn re(self) -> Option<u8> {
        if self.re == 0 { None } else { Some(self.re) }
    }

    /// For an enhancement, the requirement it enhances.
    ///
    /// ```
    /// use otcheck_core::RequirementId;
    /// assert_eq!(RequirementId::cr(1, 7).with_re(1).base(), RequirementId::cr(1, 7));
    /// ```
    #[must_use]
    pub const fn base(self) -> Self {
        self.with_re(0)
    }

    /// Parses an identifier from bytes (see the type docs for what is accepted).
    ///
    /// # Errors
    /// [`IdError`] with the byte offset where the input stopped making sense.
    ///
    /// ```
    /// let id = otcheck_core::RequirementId::parse(b"HDR 3.2 RE(1)")?;
    /// assert_eq!(id.to_string(), "HDR 3.2 RE 1");
    /// # Ok::<(), otcheck_core::catalog::IdError>(())
    /// ```
    pub fn parse(input: &[u8]) -> Result<Self, IdError> {
        let mut cur = Cursor {
            bytes: input,
            pos: 0,
        };
        cur.skip_space();
        if cur.at_end() {
            return Err(IdError::Empty);
        }
        let start = cur.pos;
        let kind = if cur.eat_word(b"CCSC") {
            RequirementKind::Ccsc
        } else if cur.eat_word(b"SAR") {
            RequirementKind::Sar
        } else if cur.eat_word(b"EDR") {
            RequirementKind::Edr
        } else if cur.eat_word(b"HDR") {
            RequirementKind::Hdr
        } else if cur.eat_word(b"NDR") {
            RequirementKind::Ndr
        } else if cur.eat_word(b"CR") {
            RequirementKind::Cr
        } else {
            return Err(IdError::UnknownPrefix { offset: start });
        };
        cur.skip_space();
        let (major, minor) = if kind == RequirementKind::Ccsc {
            (0, cur.number("clause", 1, 99)?)
        } else {
            let major = cur.number("foundational requirement", 1, 7)?;
            if !cur.eat(b'.') {
                return Err(IdError::BadNumber {
                    what: "clause",
                    offset: cur.pos,
                });
            }
            (major, cur.number("clause", 1, 99)?)
        };
        cur.skip_space();
        let mut re = 0;
        if !cur.at_end() {
            let had_re = cur.eat_word(b"RE");
            cur.skip_space();
            let paren = cur.eat(b'(');
            if !had_re && !paren {
                return Err(IdError::Trailing { offset: cur.pos });
            }
            cur.skip_space();
            re = cur.number("enhancement", 1, 99)?;
            cur.skip_space();
            if paren && !cur.eat(b')') {
                return Err(IdError::Trailing { offset: cur.pos });
            }
            cur.skip_space();
        }
        if !cur.at_end() {
            return Err(IdError::Trailing { offset: cur.pos });
        }
        Ok(Self {
            kind,
            major,
            minor,
            re,
        })
    }
}

struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn rest(&self) -> &[u8] {
        self.bytes.get(self.pos..).unwrap_or_default()
    }
    fn at_end(&self) -> bool {
        self.rest().is_empty()
    }
    fn advance(&mut self, n: usize) {
        self.pos = self.pos.saturating_add(n).min(self.bytes.len());
    }
    fn skip_space(&mut self) {
        while let Some(b) = self.rest().first() {
            if b.is_ascii_whitespace() || *b == b'_' || *b == b'-' {
                self.advance(1);
            } else {
                break;
            }
        }
    }
    fn eat(&mut self, byte: u8) -> bool {
        if self.rest().first() == Some(&byte) {
            self.advance(1);
            true
        } else {
            false
        }
    }
    fn eat_word(&mut self, word: &[u8]) -> bool {
        match self.rest().get(..word.len()) {
            Some(head) if head.eq_ignore_ascii_case(word) => {
                self.advance(word.len());
                true
            }
            _ => false,
        }
    }
    fn number(&mut self, what: &'static str, min: u8, max: u8) -> Result<u8, IdError> {
        let offset = self.pos;
        let bad = IdError::BadNumber { what, offset };
        let mut value: u8 = 0;
        let mut digits = 0_u8;
        while let Some(b) = self.rest().first().copied() {
            if !b.is_ascii_digit() {
                break;
            }
            value = value
                .checked_mul(10)
                .and_then(|v| v.checked_add(b.wrapping_sub(b'0')))
                .ok_or(bad)?;
            digits = digits.saturating_add(1);
            self.advance(1);
        }
        if digits == 0 || value < min || value > max {
            return Err(bad);
        }
        Ok(value)
    }
}

impl FromStr for RequirementId {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        Self::parse(s.as_bytes())
    }
}

impl fmt::Display for RequirementId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            RequirementKind::Ccsc => write!(f, "CCSC {}", self.minor)?,
            kind => write!(f, "{} {}.{}", kind.prefix(), self.major, self.minor)?,
        }
        if self.re != 0 {
            write!(f, " RE {}", self.re)?;
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for RequirementId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for RequirementId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = RequirementId;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a requirement id such as \"CR 1.7 RE 1\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RequirementId, E> {
                v.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::string::ToString;

    #[test]
    fn forgiving_forms() {
        for (text, canonical) in [
            ("CR 1.7 RE 1", "CR 1.7 RE 1"),
            ("CR 1.7 RE(1)", "CR 1.7 RE 1"),
            ("cr1.7re1", "CR 1.7 RE 1"),
            ("CR1.7(1)", "CR 1.7 RE 1"),
            ("EDR 3.14", "EDR 3.14"),
            ("ndr 1.13 re 1", "NDR 1.13 RE 1"),
            ("CCSC 3", "CCSC 3"),
            ("ccsc4", "CCSC 4"),
            ("  CR 2.8  ", "CR 2.8"),
        ] {
            assert_eq!(
                RequirementId::parse(text.as_bytes()).unwrap().to_string(),
                canonical,
                "{text}"
            );
        }
    }

    #[test]
    fn malformed_forms_say_where() {
        assert_eq!(RequirementId::parse(b""), Err(IdError::Empty));
        assert_eq!(RequirementId::parse(b"   "), Err(IdError::Empty));
        assert_eq!(
            RequirementId::parse(b"SR 1.1"),
            Err(IdError::UnknownPrefix { offset: 0 })
        );
        assert_eq!(
            RequirementId::parse(b"CR 8.1"),
            Err(IdError::BadNumber {
                what: "foundational requirement",
                offset: 3
            })
        );
        assert_eq!(
            RequirementId::parse(b"CR 1"),
            Err(IdError::BadNumber {
                what: "clause",
                offset: 4
            })
        );
        assert_eq!(
            RequirementId::parse(b"CR 1.7 RE(1"),
            Err(IdError::Trailing { offset: 11 })
        );
        assert_eq!(
            RequirementId::parse(b"CR 1.7 xyz"),
            Err(IdError::Trailing { offset: 7 })
        );
        assert_eq!(
            RequirementId::parse(b"CR 1.999"),
            Err(IdError::BadNumber {
                what: "clause",
                offset: 5
            })
        );
    }

    fn any_id() -> impl Strategy<Value = RequirementId> {
        let kind = prop_oneof![
            Just(RequirementKind::Cr),
            Just(RequirementKind::Sar),
            Just(RequirementKind::Edr),
            Just(RequirementKind::Hdr),
            Just(RequirementKind::Ndr),
            Just(RequirementKind::Ccsc),
        ];
        (kind, 1_u8..=7, 1_u8..=99, 0_u8..=99)
            .prop_map(|(k, major, minor, re)| RequirementId::new(k, major, minor).with_re(re))
    }

    proptest! {
        #[test]
        fn display_parse_round_trip(id in any_id()) {
            let text = id.to_string();
            prop_assert_eq!(RequirementId::parse(text.as_bytes()), Ok(id));
            let compact: std::string::String = text.chars().filter(|c| *c != ' ').collect();
            prop_assert_eq!(RequirementId::parse(compact.to_lowercase().as_bytes()), Ok(id));
        }

        #[test]
        fn parse_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..32)) {
            let _ = RequirementId::parse(&bytes);
        }
    }
}
