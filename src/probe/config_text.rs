//! Line-oriented configuration text: numbered, trimmed, comment-free lines.
//!
//! Guarantees: never panics on any input (invalid UTF-8 is replaced before it gets here),
//! numbers lines from 1 and saturates past `u32::MAX`.

/// One meaningful line of a configuration file.
///
/// ```
/// let lines: Vec<_> = otcheck::probe::config_lines("# c\n\n  minlen = 12  # note\n", '#').collect();
/// assert_eq!((lines[0].number, lines[0].text), (3, "minlen = 12"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConfigLine<'a> {
    /// 1-based line number.
    pub number: u32,
    /// The line without comment and surrounding white space; never empty.
    pub text: &'a str,
}

impl<'a> ConfigLine<'a> {
    /// The first word and the rest, split at white space or a `=` (`key = value`,
    /// `key value`, `key=value`).
    ///
    /// ```
    /// let line = otcheck::probe::config_lines("deny=3", '#').next().unwrap();
    /// assert_eq!(line.key_value(), ("deny", "3"));
    /// ```
    #[must_use]
    pub fn key_value(&self) -> (&'a str, &'a str) {
        let text = self.text;
        let end = text
            .find(|c: char| c.is_whitespace() || c == '=')
            .unwrap_or(text.len());
        let (key, rest) = text.split_at_checked(end).unwrap_or((text, ""));
        let rest = rest.trim_start();
        let rest = rest.strip_prefix('=').unwrap_or(rest).trim();
        (key, unquote(rest))
    }
}

/// Strips one pair of matching surrounding quotes.
pub(crate) fn unquote(s: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = s.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner;
        }
    }
    s
}

/// The non-empty lines of `text` with `comment` and everything after it removed.
///
/// A comment character only starts a comment at the start of the line or after white space,
/// so values such as `$6$x#y` survive.
///
/// ```
/// let n = otcheck::probe::config_lines("a\n#b\nc # d\n", '#').count();
/// assert_eq!(n, 2);
/// ```
pub fn config_lines(text: &str, comment: char) -> impl Iterator<Item = ConfigLine<'_>> {
    lines_with(text, Some(comment))
}

/// The non-empty, trimmed lines of `text`, with no comment syntax (for `passwd`, `shadow`,
/// `/proc/net` tables).
///
/// ```
/// let lines: Vec<_> = otcheck::probe::plain_lines("a\n\n#b\n").map(|l| l.text).collect();
/// assert_eq!(lines, ["a", "#b"]);
/// ```
pub fn plain_lines(text: &str) -> impl Iterator<Item = ConfigLine<'_>> {
    lines_with(text, None)
}

fn lines_with(text: &str, comment: Option<char>) -> impl Iterator<Item = ConfigLine<'_>> {
    text.lines().enumerate().filter_map(move |(i, line)| {
        let mut cut = line.len();
        let mut prev_ws = true;
        for (pos, c) in line.char_indices() {
            if Some(c) == comment && prev_ws {
                cut = pos;
                break;
            }
            prev_ws = c.is_whitespace();
        }
        let text = line.get(..cut).unwrap_or(line).trim();
        (!text.is_empty()).then(|| ConfigLine {
            number: u32::try_from(i.saturating_add(1)).unwrap_or(u32::MAX),
            text,
        })
    })
}
