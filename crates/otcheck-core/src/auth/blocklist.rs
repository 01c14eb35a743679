//! Blocklists of passwords: the built-in lists of common passwords and of well-known vendor
//! default credentials, and vendor-supplied lists in the same format.
//!
//! A [`Blocklist`] is a block of text with one lower-case ASCII entry per line, sorted by byte
//! value, without duplicates. Look-up is a binary search directly over that text: no index, no
//! heap, `O(log n)` line comparisons, and the flash cost is the text itself (about 8 KiB for
//! the built-in common list, 1 KiB for the vendor defaults). Matching ignores ASCII case.
//!
//! The built-in lists ([`COMMON`], [`VENDOR_DEFAULTS`]) come from
//! `data/auth/common-passwords.txt` and `data/auth/vendor-defaults.txt` (see
//! `data/auth/README.md` for what they contain and where the entries come from). They are
//! compiled in only with the `common-passwords` feature; **without it both lists are empty**
//! ([`ENABLED`] is `false`), and nothing is recognised as common or default.
//!
//! Guarantee: look-ups never panic, whatever the list text or the key; on text that is not a
//! valid blocklist they may miss entries, which [`Blocklist::from_sorted_lines`] rules out.
//!
//! ```
//! use otcheck_core::auth::blocklist::{self, Blocklist};
//!
//! // A vendor's own list, e.g. `include_str!("my-product-defaults.txt")`:
//! let mine = Blocklist::from_sorted_lines("acme\nacme-plc\nfactory1\n")?;
//! assert!(mine.contains("ACME-PLC"));
//! assert!(!mine.contains("acme-plc2"));
//! assert_eq!(mine.len(), 3);
//!
//! // The built-in lists, empty without the `common-passwords` feature:
//! assert_eq!(blocklist::COMMON.contains("Password"), blocklist::ENABLED);
//! assert_eq!(blocklist::VENDOR_DEFAULTS.contains("wago"), blocklist::ENABLED);
//! # Ok::<(), otcheck_core::auth::blocklist::BlocklistError>(())
//! ```

use core::cmp::Ordering;

/// Whether the built-in lists are compiled in (feature `common-passwords`).
///
/// ```
/// assert_eq!(otcheck_core::auth::blocklist::ENABLED, !otcheck_core::auth::blocklist::COMMON.is_empty());
/// ```
pub const ENABLED: bool = cfg!(feature = "common-passwords");

#[cfg(feature = "common-passwords")]
const COMMON_TEXT: &str = include_str!("../../data/auth/common-passwords.txt");
#[cfg(not(feature = "common-passwords"))]
const COMMON_TEXT: &str = "";

#[cfg(feature = "common-passwords")]
const VENDOR_TEXT: &str = include_str!("../../data/auth/vendor-defaults.txt");
#[cfg(not(feature = "common-passwords"))]
const VENDOR_TEXT: &str = "";

/// About a thousand of the most commonly used passwords (English and German keyboard walks,
/// sequences, names, words, and their usual digit suffixes). Empty without the
/// `common-passwords` feature.
///
/// ```
/// use otcheck_core::auth::blocklist;
/// if blocklist::ENABLED {
///     assert!(blocklist::COMMON.contains("qwertz123"));
///     assert!(blocklist::COMMON.len() > 900);
/// }
/// ```
pub const COMMON: Blocklist<'static> = Blocklist::from_trusted(COMMON_TEXT);

/// Well-known default passwords of industrial and IT equipment, including hard-coded
/// credentials disclosed in public advisories and account names commonly used as passwords.
/// Empty without the `common-passwords` feature.
///
/// ```
/// use otcheck_core::auth::blocklist;
/// if blocklist::ENABLED {
///     assert!(blocklist::VENDOR_DEFAULTS.contains("Siemens"));
///     assert!(blocklist::VENDOR_DEFAULTS.contains("private"));
/// }
/// ```
pub const VENDOR_DEFAULTS: Blocklist<'static> = Blocklist::from_trusted(VENDOR_TEXT);

/// Why a text is not a valid blocklist. Lines are numbered from 1.
///
/// ```
/// use otcheck_core::auth::blocklist::{Blocklist, BlocklistError};
/// assert_eq!(Blocklist::from_sorted_lines("b\na\n"), Err(BlocklistError::NotSorted { line: 2 }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BlocklistError {
    /// A line is empty.
    #[error("blocklist line {line} is empty")]
    EmptyLine {
        /// The line number.
        line: usize,
    },
    /// A line holds a byte other than lower-case printable ASCII without space.
    #[error(
        "blocklist line {line} has a byte outside lower-case printable ASCII at column {column}"
    )]
    InvalidByte {
        /// The line number.
        line: usize,
        /// The byte's column, from 1.
        column: usize,
    },
    /// A line does not sort strictly after the previous one (out of order or a duplicate).
    #[error("blocklist line {line} does not sort strictly after the line before it")]
    NotSorted {
        /// The line number.
        line: usize,
    },
}

/// A sorted list of lower-case passwords, searched in place. See the module docs.
///
/// ```
/// use otcheck_core::auth::blocklist::Blocklist;
/// let list = Blocklist::from_sorted_lines("0000\n1234\nadmin")?;
/// assert!(list.contains("Admin"));
/// assert_eq!(list.iter().collect::<Vec<_>>(), ["0000", "1234", "admin"]);
/// # Ok::<(), otcheck_core::auth::blocklist::BlocklistError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Blocklist<'a> {
    /// The lines, without a final newline.
    text: &'a str,
    len: usize,
}

impl<'a> Blocklist<'a> {
    /// Wraps text that is known to be valid (the built-in lists, checked by a unit test).
    const fn from_trusted(text: &'a str) -> Self {
        let text = trim_final_newline(text);
        Self {
            text,
            len: count_lines(text),
        }
    }

    /// Checks that `text` is a valid blocklist (one entry per line, each non-empty, made of
    /// lower-case printable ASCII without spaces, strictly ascending by byte value; a final
    /// newline is allowed) and wraps it.
    ///
    /// # Errors
    ///
    /// [`BlocklistError`] naming the first offending line.
    ///
    /// ```
    /// use otcheck_core::auth::blocklist::{Blocklist, BlocklistError};
    /// assert!(Blocklist::from_sorted_lines("").is_ok_and(|l| l.is_empty()));
    /// assert_eq!(Blocklist::from_sorted_lines("a\n\nb"), Err(BlocklistError::EmptyLine { line: 2 }));
    /// assert_eq!(Blocklist::from_sorted_lines("ok\nNo"), Err(BlocklistError::InvalidByte { line: 2, column: 1 }));
    /// assert_eq!(Blocklist::from_sorted_lines("a\na"), Err(BlocklistError::NotSorted { line: 2 }));
    /// ```
    pub fn from_sorted_lines(text: &'a str) -> Result<Self, BlocklistError> {
        let trimmed = trim_final_newline(text);
        if trimmed.is_empty() {
            return Ok(Self {
                text: trimmed,
                len: 0,
            });
        }
        let mut previous: Option<&str> = None;
        let mut count = 0usize;
        for (index, entry) in trimmed.split('\n').enumerate() {
            let line = index.saturating_add(1);
            count = line;
            if entry.is_empty() {
                return Err(BlocklistError::EmptyLine { line });
            }
            if let Some(col) = entry
                .bytes()
                .position(|b| !b.is_ascii_graphic() || b.is_ascii_uppercase())
            {
                return Err(BlocklistError::InvalidByte {
                    line,
                    column: col.saturating_add(1),
                });
            }
            if previous.is_some_and(|p| p.as_bytes() >= entry.as_bytes()) {
                return Err(BlocklistError::NotSorted { line });
            }
            previous = Some(entry);
        }
        Ok(Self {
            text: trimmed,
            len: count,
        })
    }

    /// The number of entries.
    ///
    /// ```
    /// use otcheck_core::auth::blocklist::Blocklist;
    /// assert_eq!(Blocklist::from_sorted_lines("a\nb\n")?.len(), 2);
    /// # Ok::<(), otcheck_core::auth::blocklist::BlocklistError>(())
    /// ```
    #[must_use]
    pub const fn len(&self) -> usize {
        self.len
    }

    /// Whether the list has no entries.
    ///
    /// ```
    /// use otcheck_core::auth::blocklist::Blocklist;
    /// assert!(Blocklist::from_sorted_lines("\n")?.is_empty());
    /// # Ok::<(), otcheck_core::auth::blocklist::BlocklistError>(())
    /// ```
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether `password` is on the list, ignoring ASCII case.
    ///
    /// ```
    /// use otcheck_core::auth::blocklist::Blocklist;
    /// let list = Blocklist::from_sorted_lines("private\npublic")?;
    /// assert!(list.contains("PUBLIC"));
    /// assert!(!list.contains("publi"));
    /// assert!(!list.contains(""));
    /// # Ok::<(), otcheck_core::auth::blocklist::BlocklistError>(())
    /// ```
    #[must_use]
    pub fn contains(&self, password: &str) -> bool {
        self.contains_mapped(password.as_bytes(), |b| b.to_ascii_lowercase())
    }

    /// Whether `key`, with every byte passed through `map`, is on the list.
    pub(crate) fn contains_mapped(&self, key: &[u8], map: impl Fn(u8) -> u8) -> bool {
        if key.is_empty() {
            return false;
        }
        let text = self.text.as_bytes();
        // Invariant: `lo` is at the start of a line and `hi` at the end of one (a newline or
        // the end of the text); the entry, if present, lies in `lo..hi`.
        let mut lo = 0usize;
        let mut hi = text.len();
        while lo < hi {
            let mid = lo.midpoint(hi);
            let before = text.get(lo..mid).unwrap_or_default();
            let start = match before.iter().rposition(|&b| b == b'\n') {
                Some(i) => lo.saturating_add(i).saturating_add(1),
                None => lo,
            };
            let after = text.get(mid..hi).unwrap_or_default();
            let end = match after.iter().position(|&b| b == b'\n') {
                Some(i) => mid.saturating_add(i),
                None => hi,
            };
            let line = text.get(start..end).unwrap_or_default();
            match line.iter().copied().cmp(key.iter().map(|&b| map(b))) {
                Ordering::Equal => return true,
                Ordering::Greater => {
                    if start <= lo {
                        return false;
                    }
                    hi = start.saturating_sub(1);
                }
                Ordering::Less => {
                    if end >= hi {
                        return false;
                    }
                    lo = end.saturating_add(1);
                }
            }
        }
        false
    }

    /// The entries, in order.
    ///
    /// ```
    /// use otcheck_core::auth::blocklist::Blocklist;
    /// let list = Blocklist::from_sorted_lines("a\nb")?;
    /// assert_eq!(list.iter().count(), 2);
    /// # Ok::<(), otcheck_core::auth::blocklist::BlocklistError>(())
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        let text = self.text;
        text.split('\n').filter(|line| !line.is_empty())
    }
}

const fn trim_final_newline(text: &str) -> &str {
    match text.as_bytes() {
        [head @ .., b'\n'] => match core::str::from_utf8(head) {
            Ok(head) => head,
            Err(_) => text,
        },
        _ => text,
    }
}

const fn count_lines(text: &str) -> usize {
    let mut rest = text.as_bytes();
    if rest.is_empty() {
        return 0;
    }
    let mut lines = 1usize;
    while let [first, tail @ ..] = rest {
        if *first == b'\n' {
            lines = lines.saturating_add(1);
        }
        rest = tail;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::string::String;
    use std::vec::Vec;

    const COMMON_FILE: &str = include_str!("../../data/auth/common-passwords.txt");
    const VENDOR_FILE: &str = include_str!("../../data/auth/vendor-defaults.txt");

    #[test]
    fn data_files_are_valid_sorted_lower_case_lists() {
        let common = Blocklist::from_sorted_lines(COMMON_FILE).unwrap();
        let vendor = Blocklist::from_sorted_lines(VENDOR_FILE).unwrap();
        assert!(common.len() >= 900, "{}", common.len());
        assert!(vendor.len() >= 100, "{}", vendor.len());
        assert_eq!(Blocklist::from_trusted(COMMON_FILE), common);
        assert_eq!(Blocklist::from_trusted(VENDOR_FILE), vendor);
        for name in [
            "admin",
            "1234",
            "root",
            "password",
            "siemens",
            "wago",
            "schneider",
        ] {
            assert!(vendor.contains(name), "{name}");
        }
    }

    #[test]
    fn every_entry_is_found_and_near_misses_are_not() {
        for text in [COMMON_FILE, VENDOR_FILE] {
            let list = Blocklist::from_sorted_lines(text).unwrap();
            for entry in list.iter() {
                assert!(list.contains(entry), "{entry}");
                assert!(list.contains(&entry.to_ascii_uppercase()), "{entry}");
                let longer = std::format!("{entry}\u{7f}");
                assert!(!list.contains(&longer), "{longer:?}");
                let shorter = entry.get(..entry.len().saturating_sub(1)).unwrap();
                if !shorter.is_empty() && !text.lines().any(|l| l == shorter) {
                    assert!(!list.contains(shorter), "{shorter}");
                }
            }
            assert_eq!(list.iter().count(), list.len());
        }
    }

    #[test]
    fn built_in_lists_follow_the_feature() {
        assert_eq!(COMMON.is_empty(), !ENABLED);
        assert_eq!(VENDOR_DEFAULTS.is_empty(), !ENABLED);
        assert_eq!(COMMON.contains("letmein"), ENABLED);
        assert_eq!(VENDOR_DEFAULTS.contains("WAGO"), ENABLED);
    }

    #[test]
    fn keys_with_newlines_or_empty_never_match() {
        let list = Blocklist::from_sorted_lines("a\nb\nc").unwrap();
        assert!(!list.contains(""));
        assert!(!list.contains("a\nb"));
        assert!(!list.contains("\n"));
        assert!(list.contains("b"));
    }

    fn sorted_list() -> impl Strategy<Value = Vec<String>> {
        proptest::collection::btree_set("[a-z0-9!@]{1,6}", 0..40)
            .prop_map(|set| set.into_iter().collect())
    }

    proptest! {
        #[test]
        fn search_agrees_with_a_linear_scan(entries in sorted_list(), key in "[a-zA-Z0-9!@]{0,7}") {
            let text = entries.join("\n");
            let list = Blocklist::from_sorted_lines(&text).unwrap();
            let expected = entries.iter().any(|e| e.eq_ignore_ascii_case(&key));
            prop_assert_eq!(list.contains(&key), expected);
            for e in &entries {
                prop_assert!(list.contains(e));
            }
        }

        #[test]
        fn search_never_panics_on_arbitrary_text(text in "\\PC{0,60}", key in "\\PC{0,8}") {
            let list = Blocklist::from_trusted(&text);
            let _ = list.contains(&key);
            let _ = Blocklist::from_sorted_lines(&text);
        }
    }
}
