//! Password strength estimation without a heap, and the checks that judge a given password:
//! `auth.password-strength` (CR 1.7) and `auth.default-credential` (CR 1.5).
//!
//! [`estimate`] returns a [`Strength`]: the length, the character classes, the weaknesses
//! found (a [`Weaknesses`] bit set) and an estimate of the number of guesses an attacker who
//! knows the usual patterns needs, as `guesses_log2` (bits). The model is a small, allocation-free
//! cousin of zxcvbn (Wheeler, USENIX Security 2016):
//!
//! - **brute force**: each character costs `log2` of the size of the character pool its
//!   classes span (lower 26, upper 26, digits 10, ASCII symbols and space 33, anything
//!   non-ASCII 100);
//! - **runs**: a run of one repeated character (3+), an ascending or descending sequence
//!   (`abc`, `987`, 3+), or a keyboard walk (4+, on QWERTY, QWERTZ, AZERTY or the numeric
//!   keypad, e.g. `qwer`, `1qaz`, `2580`) costs its first character, one bit for its kind
//!   (none for repeats), two bits per change of direction of a walk, and `log2` of its length;
//! - **repeated blocks**: `abcabc` costs one block plus `log2` of the repetitions;
//! - **blocklists**: a password on the built-in lists (see [`blocklist`]),
//!   also after undoing common substitutions (`p@ssw0rd`) or stripping leading and trailing
//!   digits and symbols (`Password2024!`), costs `log2` of the list size, one bit for capitals,
//!   and the stripped characters (each by its own class, a year as one of about 200);
//! - **context**: a caller-given word of 3 to 64 bytes (user name, device name, vendor)
//!   inside the password costs a few bits instead of its characters.
//!
//! The smallest of these estimates wins. Without the `common-passwords` feature the
//! blocklists are empty, and common passwords are only judged by their patterns, which
//! overestimates them: build the host tool, and devices that judge passwords, with it.
//!
//! Guarantee: estimation never panics or allocates, and takes time linear in the password's
//! length (times the length of each context word, at most 64 bytes, for the context search;
//! the repeated-block search runs only on passwords of up to 256 bytes).
//!
//! ```
//! use otcheck_core::auth::strength::{self, Weaknesses};
//!
//! let s = strength::estimate("qwertyuiop");
//! assert!(s.weaknesses.contains(Weaknesses::KEYBOARD_WALK));
//! assert!(s.guesses_log2 < 15);
//!
//! let s = strength::estimate("correct horse battery staple");
//! assert!(s.guesses_log2 > 80);
//! assert!(s.weaknesses.is_empty());
//! ```

use core::fmt;

use crate::SecurityLevel;
use crate::check::{CheckResult, Finding, FindingCode, Needed, Outcome, Shortfall, Verified};

use super::blocklist::{self, Blocklist};
use super::{DEFAULT_CREDENTIAL, PASSWORD_STRENGTH, judge};

/// The character classes present in a password.
///
/// For policies (`minclass`) there are four classes: lower case, upper case, digits and
/// others; [`SYMBOL`](Self::SYMBOL) and [`NON_ASCII`](Self::NON_ASCII) both count as
/// "others" in [`count`](Self::count).
///
/// ```
/// use otcheck_core::auth::CharClasses;
/// let c = CharClasses::of_str("Pa55-wörd");
/// assert!(c.contains(CharClasses::UPPER) && c.contains(CharClasses::NON_ASCII));
/// assert_eq!(c.count(), 4);
/// assert_eq!(CharClasses::of_str("abc").count(), 1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct CharClasses(u8);

impl CharClasses {
    /// No class.
    pub const NONE: Self = Self(0);
    /// `a`–`z`.
    pub const LOWER: Self = Self(1);
    /// `A`–`Z`.
    pub const UPPER: Self = Self(1 << 1);
    /// `0`–`9`.
    pub const DIGIT: Self = Self(1 << 2);
    /// ASCII punctuation, space and control characters.
    pub const SYMBOL: Self = Self(1 << 3);
    /// Any non-ASCII character.
    pub const NON_ASCII: Self = Self(1 << 4);

    /// The class of one character.
    ///
    /// ```
    /// use otcheck_core::auth::CharClasses;
    /// assert_eq!(CharClasses::of('7'), CharClasses::DIGIT);
    /// assert_eq!(CharClasses::of(' '), CharClasses::SYMBOL);
    /// ```
    #[must_use]
    pub const fn of(c: char) -> Self {
        match c {
            'a'..='z' => Self::LOWER,
            'A'..='Z' => Self::UPPER,
            '0'..='9' => Self::DIGIT,
            _ if c.is_ascii() => Self::SYMBOL,
            _ => Self::NON_ASCII,
        }
    }

    /// The classes of every character of `s`.
    ///
    /// ```
    /// use otcheck_core::auth::CharClasses;
    /// assert_eq!(CharClasses::of_str(""), CharClasses::NONE);
    /// assert_eq!(CharClasses::of_str("a1"), CharClasses::LOWER.union(CharClasses::DIGIT));
    /// ```
    #[must_use]
    pub fn of_str(s: &str) -> Self {
        s.chars().fold(Self::NONE, |acc, c| acc.union(Self::of(c)))
    }

    /// Both sets together.
    ///
    /// ```
    /// use otcheck_core::auth::CharClasses;
    /// assert!(CharClasses::LOWER.union(CharClasses::UPPER).contains(CharClasses::UPPER));
    /// ```
    #[must_use]
    pub const fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    /// Whether every class of `other` is in `self`.
    ///
    /// ```
    /// use otcheck_core::auth::CharClasses;
    /// assert!(!CharClasses::LOWER.contains(CharClasses::DIGIT));
    /// ```
    #[must_use]
    pub const fn contains(self, other: Self) -> bool {
        self.0 & other.0 == other.0
    }

    /// The number of policy classes present (lower, upper, digit, other), 0–4.
    ///
    /// ```
    /// use otcheck_core::auth::CharClasses;
    /// assert_eq!(CharClasses::of_str("-ü").count(), 1);
    /// ```
    #[must_use]
    pub const fn count(self) -> u32 {
        let letters_digits = (self.0 & 0b111).count_ones();
        if self.0 & 0b1_1000 == 0 {
            letters_digits
        } else {
            letters_digits.saturating_add(1)
        }
    }

    /// The raw bits (lower = 1, upper = 2, digit = 4, symbol = 8, non-ASCII = 16).
    ///
    /// ```
    /// assert_eq!(otcheck_core::auth::CharClasses::DIGIT.bits(), 4);
    /// ```
    #[must_use]
    pub const fn bits(self) -> u8 {
        self.0
    }

    /// The size of the character pool these classes span.
    const fn pool(self) -> u64 {
        let mut pool = 0u64;
        if self.contains(Self::LOWER) {
            pool = pool.saturating_add(26);
        }
        if self.contains(Self::UPPER) {
            pool = pool.saturating_add(26);
        }
        if self.contains(Self::DIGIT) {
            pool = pool.saturating_add(10);
        }
        if self.contains(Self::SYMBOL) {
            pool = pool.saturating_add(33);
        }
        if self.contains(Self::NON_ASCII) {
            pool = pool.saturating_add(100);
        }
        pool
    }
}

/// The weaknesses found in a password, as a set of flags.
///
/// ```
/// use otcheck_core::auth::{strength, Weaknesses};
/// let w = strength::estimate("aaaa").weaknesses;
/// assert!(w.contains(Weaknesses::SHORT.union(Weaknesses::REPEATED_CHARACTERS)));
/// assert_eq!(w.to_string(), "short, single-class, repeated-characters");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Weaknesses(u16);

impl Weaknesses {
    /// No weakness found.
    pub const NONE: Self = Self(0);
    /// The password is empty.
    pub const EMPTY: Self = Self(1);
    /// Fewer than 8 characters (NIST SP 800-63B-4's lowest minimum).
    pub const SHORT: Self = Self(1 << 1);
    /// All characters from one class.
    pub const SINGLE_CLASS: Self = Self(1 << 2);
    /// A run of 3 or more identical characters.
    pub const REPEATED_CHARACTERS: Self = Self(1 << 3);
    /// An ascending or descending run of 3 or more letters or digits.
    pub const SEQUENCE: Self = Self(1 << 4);
    /// A walk of 4 or more adjacent keys.
    pub const KEYBOARD_WALK: Self = Self(1 << 5);
    /// The whole password is one block repeated.
    pub const REPEATED_PATTERN: Self = Self(1 << 6);
    /// The password is, or is derived from, a common password or vendor default.
    pub const COMMON_PASSWORD: Self = Self(1 << 7);
    /// The password is a well-known vendor default, ignoring case.
    pub const VENDOR_DEFAULT: Self = Self(1 << 8);
    /// The password contains one of the caller's context words (user name, device name...).
    pub const CONTAINS_CONTEXT: Self = Self(1 << 9);

    const NAMES: [(Self, &'static str); 10] = [
        (Self::EMPTY, "empty"),
        (Self::SHORT, "short"),
        (Self::SINGLE_CLASS, "single-class"),
        (Self::REPEATED_CHARACTERS, "repeated-characters"),
        (Self::SEQUENCE, "sequence"),
        (Self::KEYBOARD_WALK, "keyboard-walk"),
        (Self::REPEATED_PATTERN, "repeated-pattern"),
        (Self::COMMON_PASSWORD, "common-password"),
        (Self::VENDOR_DEFAULT, "vendor-default"),
        (Self::CONTAINS_CONTEXT, "contains-context"),
    ];

    /// Both sets together.
    ///
    /// ```
    /// use otcheck_core::auth::Weaknesses;
    /// assert!(!Weaknesses::EMPTY.union(Weaknesses::SHORT).is_empty());
    /// ```
    #[must_use]
    pub const fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    /// Whether every flag of `other` is set.
    ///
    /// ```
    /// use otcheck_core::auth::Weaknesses;
    /// assert!(Weaknesses::SHORT.union(Weaknesses::SEQUENCE).contains(Weaknesses::SEQUENCE));
    /// ```
    #[must_use]
    pub const fn contains(self, other: Self) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether no flag is set.
    ///
    /// ```
    /// assert!(otcheck_core::auth::Weaknesses::NONE.is_empty());
    /// ```
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The raw bits, in the order of the constants (empty = 1, short = 2, ...).
    ///
    /// ```
    /// assert_eq!(otcheck_core::auth::Weaknesses::SHORT.bits(), 2);
    /// ```
    #[must_use]
    pub const fn bits(self) -> u16 {
        self.0
    }

    /// The kebab-case names of the flags that are set, in the order of the constants.
    ///
    /// ```
    /// use otcheck_core::auth::Weaknesses;
    /// let names: Vec<_> = Weaknesses::KEYBOARD_WALK.union(Weaknesses::EMPTY).names().collect();
    /// assert_eq!(names, ["empty", "keyboard-walk"]);
    /// ```
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        Self::NAMES
            .into_iter()
            .filter(move |(flag, _)| self.contains(*flag))
            .map(|(_, name)| name)
    }

    fn insert(&mut self, other: Self) {
        self.0 |= other.0;
    }
}

impl fmt::Display for Weaknesses {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, name) in self.names().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(name)?;
        }
        Ok(())
    }
}

/// The estimated strength of one password.
///
/// ```
/// use otcheck_core::auth::{strength, CharClasses};
/// let s = strength::estimate("Tr0ub4dor&3");
/// assert_eq!(s.length, 11);
/// assert_eq!(s.classes.count(), 4);
/// assert!(s.guesses_log2 > 40);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Strength {
    /// Length in characters (Unicode scalar values).
    pub length: u32,
    /// The classes present.
    pub classes: CharClasses,
    /// The weaknesses found.
    pub weaknesses: Weaknesses,
    /// Estimated `log2` of the number of guesses needed, rounded down.
    pub guesses_log2: u16,
}

/// Fixed-point bits: 1/1024 of a bit.
const FRAC: u32 = 10;
const ONE_BIT: u32 = 1 << FRAC;
/// Runs and repeated blocks are only searched in this many leading bytes.
const BLOCK_SEARCH_LIMIT: usize = 256;
/// Below this many characters a password is [`Weaknesses::SHORT`].
const SHORT_BELOW: u32 = 8;

/// `log2(x)` in 1/1024 bit, rounded down; 0 for `x <= 1`.
const fn log2_fixed(x: u64) -> u32 {
    if x <= 1 {
        return 0;
    }
    let int = 63u32.saturating_sub(x.leading_zeros());
    // Normalise to a Q30 mantissa in [1, 2).
    let mut m = if int <= 30 {
        x.wrapping_shl(30u32.saturating_sub(int))
    } else {
        x.wrapping_shr(int.saturating_sub(30))
    };
    let mut frac = 0u32;
    let mut i = 0;
    while i < FRAC {
        // m < 2^31, so m * m < 2^62 cannot wrap.
        m = m.wrapping_mul(m).wrapping_shr(30);
        frac = frac.wrapping_shl(1);
        if m >= 1 << 31 {
            m = m.wrapping_shr(1);
            frac |= 1;
        }
        i = i.saturating_add(1);
    }
    int.wrapping_shl(FRAC) | frac
}

/// What an attacker pays for one of the built-in blocklist entries.
#[expect(
    clippy::as_conversions,
    reason = "usize to u64 is lossless on every target Rust supports; `From` is not const"
)]
const BLOCKLIST_COST: u32 = {
    let n = blocklist::COMMON
        .len()
        .saturating_add(blocklist::VENDOR_DEFAULTS.len());
    let bits = log2_fixed(n as u64);
    if bits < ONE_BIT { ONE_BIT } else { bits }
};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum RunKind {
    Repeat,
    Sequence,
    Walk,
}

#[derive(Clone, Copy, Debug)]
struct Run {
    kind: RunKind,
    chars: u32,
    bytes: usize,
    turns: u32,
}

/// A keyboard: rows of unshifted keys; `staggered` rows are offset by half a key each.
struct Layout {
    /// For each ASCII byte, `(row << 4 | column) + 1` of its key, 0 when not on the layout.
    keys: [u8; 128],
    staggered: bool,
}

impl Layout {
    /// A layout from its rows (at most 15 rows of at most 15 keys), top row first.
    #[expect(
        clippy::as_conversions,
        reason = "u8 to usize is lossless; `From` is not const"
    )]
    const fn new(rows: &[&[u8]], staggered: bool) -> Self {
        let mut keys = [0u8; 128];
        let mut rows = rows;
        let mut r = 0u8;
        while let [row, more @ ..] = rows {
            let mut rest: &[u8] = row;
            let mut c = 0u8;
            while let [key, tail @ ..] = rest {
                if let Some((_, [slot, ..])) = keys.split_at_mut_checked(*key as usize) {
                    *slot = r.wrapping_shl(4).wrapping_add(c).wrapping_add(1);
                }
                c = c.wrapping_add(1);
                rest = tail;
            }
            r = r.wrapping_add(1);
            rows = more;
        }
        Self { keys, staggered }
    }
}

const LAYOUTS: [Layout; 4] = [
    Layout::new(
        &[
            b"1234567890-=",
            b"qwertyuiop[]",
            b"asdfghjkl;'",
            b"zxcvbnm,./",
        ],
        true,
    ),
    Layout::new(
        &[b"1234567890", b"qwertzuiop", b"asdfghjkl", b"yxcvbnm,.-"],
        true,
    ),
    Layout::new(
        &[b"1234567890", b"azertyuiop", b"qsdfghjklm", b"wxcvbn,;:!"],
        true,
    ),
    Layout::new(&[b"789", b"456", b"123", b"0"], false),
];

/// The unshifted key of a US-shifted symbol, and lower case for letters.
fn unshift(c: char) -> Option<u8> {
    let b = u8::try_from(c).ok()?;
    Some(match b {
        b'!' => b'1',
        b'@' => b'2',
        b'#' => b'3',
        b'$' => b'4',
        b'%' => b'5',
        b'^' => b'6',
        b'&' => b'7',
        b'*' => b'8',
        b'(' => b'9',
        b')' => b'0',
        b'_' => b'-',
        b'+' => b'=',
        b'{' => b'[',
        b'}' => b']',
        b':' => b';',
        b'"' => b'\'',
        b'<' => b',',
        b'>' => b'.',
        b'?' => b'/',
        other => other.to_ascii_lowercase(),
    })
}

impl Layout {
    fn position(&self, c: char) -> Option<(i32, i32)> {
        let code = self.keys.get(usize::from(unshift(c)?))?.checked_sub(1)?;
        Some((i32::from(code.wrapping_shr(4)), i32::from(code & 0xf)))
    }

    /// The direction from `a` to `b` if they are adjacent, distinct keys.
    fn step(&self, a: char, b: char) -> Option<(i32, i32)> {
        let (ra, ca) = self.position(a)?;
        let (rb, cb) = self.position(b)?;
        let (dr, dc) = (rb.wrapping_sub(ra), cb.wrapping_sub(ca));
        let adjacent = if self.staggered {
            match dr {
                0 => dc == 1 || dc == -1,
                1 => dc == 0 || dc == -1,
                -1 => dc == 0 || dc == 1,
                _ => false,
            }
        } else {
            dr.abs() <= 1 && dc.abs() <= 1 && (dr, dc) != (0, 0)
        };
        adjacent.then_some((dr, dc))
    }

    /// The walk starting at the beginning of `s` on this layout.
    fn walk(&self, s: &str) -> Run {
        let mut chars = s.chars();
        let mut run = Run {
            kind: RunKind::Walk,
            chars: 0,
            bytes: 0,
            turns: 0,
        };
        let Some(mut prev) = chars.next() else {
            return run;
        };
        run.chars = 1;
        run.bytes = prev.len_utf8();
        let mut direction = None;
        for c in chars {
            let Some(step) = self.step(prev, c) else {
                break;
            };
            if direction.is_some_and(|d| d != step) {
                run.turns = run.turns.saturating_add(1);
            }
            direction = Some(step);
            run.chars = run.chars.saturating_add(1);
            run.bytes = run.bytes.saturating_add(c.len_utf8());
            prev = c;
        }
        run
    }
}

fn repeat_run(s: &str) -> Run {
    let mut chars = s.chars();
    let first = chars.next();
    let mut run = Run {
        kind: RunKind::Repeat,
        chars: 0,
        bytes: 0,
        turns: 0,
    };
    if let Some(first) = first {
        for c in core::iter::once(first).chain(chars) {
            if c != first {
                break;
            }
            run.chars = run.chars.saturating_add(1);
            run.bytes = run.bytes.saturating_add(c.len_utf8());
        }
    }
    run
}

fn sequence_run(s: &str) -> Run {
    let mut run = Run {
        kind: RunKind::Sequence,
        chars: 0,
        bytes: 0,
        turns: 0,
    };
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return run;
    };
    run.chars = 1;
    run.bytes = first.len_utf8();
    let class = CharClasses::of(first);
    if !(class == CharClasses::LOWER || class == CharClasses::UPPER || class == CharClasses::DIGIT)
    {
        return run;
    }
    let mut prev = u32::from(first);
    let mut delta: Option<bool> = None; // Some(true) ascending
    for c in chars {
        if CharClasses::of(c) != class {
            break;
        }
        let code = u32::from(c);
        let up = if code == prev.wrapping_add(1) {
            true
        } else if code == prev.wrapping_sub(1) {
            false
        } else {
            break;
        };
        if delta.is_some_and(|d| d != up) {
            break;
        }
        delta = Some(up);
        run.chars = run.chars.saturating_add(1);
        run.bytes = run.bytes.saturating_add(1);
        prev = code;
    }
    run
}

/// The longest pattern run at the start of `s` that is long enough to count, if any.
fn longest_run(s: &str) -> Option<Run> {
    let mut best: Option<Run> = None;
    let mut consider = |run: Run, min: u32| {
        if run.chars >= min && best.is_none_or(|b| run.chars > b.chars) {
            best = Some(run);
        }
    };
    consider(repeat_run(s), 3);
    consider(sequence_run(s), 3);
    for layout in &LAYOUTS {
        consider(layout.walk(s), 4);
    }
    best
}

fn run_cost(run: &Run, per_char: u32) -> u32 {
    let kind = match run.kind {
        RunKind::Repeat => 0,
        RunKind::Sequence | RunKind::Walk => ONE_BIT,
    };
    per_char
        .saturating_add(kind)
        .saturating_add(run.turns.saturating_mul(2 * ONE_BIT))
        .saturating_add(log2_fixed(u64::from(run.chars)))
}

/// The cost of `s` by characters and runs, skipping `skip` (a byte range charged
/// `skip_cost`), with the weaknesses of the runs used.
fn pattern_cost(
    s: &str,
    per_char: u32,
    skip: Option<(usize, usize, u32)>,
    found: &mut Weaknesses,
) -> u32 {
    let mut total = 0u32;
    let mut pos = 0usize;
    while pos < s.len() {
        if let Some((start, end, cost)) = skip
            && pos == start
        {
            total = total.saturating_add(cost);
            pos = end;
            continue;
        }
        // Runs stop where the skipped range starts.
        let limit = match skip {
            Some((start, _, _)) if start > pos => start,
            _ => s.len(),
        };
        let Some(rest) = s.get(pos..limit) else {
            break;
        };
        let Some(first) = rest.chars().next() else {
            break;
        };
        match longest_run(rest) {
            Some(run) => {
                found.insert(match run.kind {
                    RunKind::Repeat => Weaknesses::REPEATED_CHARACTERS,
                    RunKind::Sequence => Weaknesses::SEQUENCE,
                    RunKind::Walk => Weaknesses::KEYBOARD_WALK,
                });
                total = total.saturating_add(run_cost(&run, per_char));
                pos = pos.saturating_add(run.bytes.max(1));
            }
            None => {
                total = total.saturating_add(per_char);
                pos = pos.saturating_add(first.len_utf8());
            }
        }
    }
    total
}

/// What a year (`19xx`, `20xx`) costs: one of about 200.
const YEAR_COST: u32 = log2_fixed(200);

/// The cost of digits and symbols stripped around a blocklisted word: each character by the
/// pool of its own class, runs as usual, and a year as one of about 200.
fn affix_cost(s: &str) -> u32 {
    let mut total = 0u32;
    let mut pos = 0usize;
    while let Some(rest) = s.get(pos..)
        && let Some(first) = rest.chars().next()
    {
        let bytes = rest.as_bytes();
        let year = matches!(bytes.get(..2), Some(b"19" | b"20"))
            && bytes
                .get(2..4)
                .is_some_and(|d| d.iter().all(u8::is_ascii_digit));
        if year {
            total = total.saturating_add(YEAR_COST);
            pos = pos.saturating_add(4);
            continue;
        }
        let per_char = log2_fixed(CharClasses::of(first).pool());
        match longest_run(rest) {
            Some(run) => {
                total = total.saturating_add(run_cost(&run, per_char));
                pos = pos.saturating_add(run.bytes.max(1));
            }
            None => {
                total = total.saturating_add(per_char);
                pos = pos.saturating_add(first.len_utf8());
            }
        }
    }
    total
}

/// The smallest period `p` (in bytes, at a character boundary) such that `s` is `s[..p]`
/// repeated at least twice, with the number of repetitions.
fn repeated_block(s: &str) -> Option<(&str, u32)> {
    let bytes = s.as_bytes();
    if bytes.len() > BLOCK_SEARCH_LIMIT {
        return None;
    }
    let half = bytes.len().checked_div(2)?;
    (1..=half).find_map(|p| {
        if bytes.len().checked_rem(p)? != 0 || !s.is_char_boundary(p) {
            return None;
        }
        let block = bytes.get(..p)?;
        if bytes.chunks_exact(p).all(|chunk| chunk == block) {
            let reps = u32::try_from(bytes.len().checked_div(p)?).ok()?;
            Some((s.get(..p)?, reps))
        } else {
            None
        }
    })
}

/// Undoes common character substitutions; `one` is what `1` stands for.
fn unleet(b: u8, one: u8) -> u8 {
    match b {
        b'@' | b'4' => b'a',
        b'3' => b'e',
        b'1' => one,
        b'!' => b'i',
        b'0' => b'o',
        b'$' | b'5' => b's',
        b'7' => b't',
        b'8' => b'b',
        b'9' => b'g',
        other => other.to_ascii_lowercase(),
    }
}

fn on_lists(key: &[u8], map: impl Fn(u8) -> u8 + Copy) -> (bool, bool) {
    let vendor = blocklist::VENDOR_DEFAULTS.contains_mapped(key, map);
    let common = vendor || blocklist::COMMON.contains_mapped(key, map);
    (common, vendor)
}

/// The cheapest blocklist-based cost of `s`, if it is (derived from) a listed password.
fn blocklist_cost(s: &str, classes: CharClasses, found: &mut Weaknesses) -> Option<u32> {
    if blocklist::COMMON.is_empty() && blocklist::VENDOR_DEFAULTS.is_empty() {
        return None;
    }
    let bytes = s.as_bytes();
    let caps = if classes.contains(CharClasses::UPPER) {
        ONE_BIT
    } else {
        0
    };
    let mut best: Option<u32> = None;
    let mut offer = |cost: u32| {
        if best.is_none_or(|b| cost < b) {
            best = Some(cost);
        }
    };

    let (common, vendor) = on_lists(bytes, |b| b.to_ascii_lowercase());
    if vendor {
        found.insert(Weaknesses::VENDOR_DEFAULT);
    }
    if common {
        offer(BLOCKLIST_COST.saturating_add(caps));
    }
    let leet = bytes.iter().any(|b| {
        matches!(
            b,
            b'@' | b'4' | b'3' | b'1' | b'!' | b'0' | b'$' | b'5' | b'7' | b'8' | b'9'
        )
    });
    if leet && bytes.iter().any(u8::is_ascii_alphabetic) {
        for one in [b'i', b'l'] {
            if on_lists(bytes, |b| unleet(b, one)).0 {
                offer(BLOCKLIST_COST.saturating_add(caps).saturating_add(ONE_BIT));
            }
        }
    }
    // Strip leading and trailing ASCII digits and symbols: `2024Password!`.
    let is_affix = |b: &u8| b.is_ascii() && !b.is_ascii_alphabetic();
    let lead = bytes.iter().take_while(|b| is_affix(b)).count();
    let trail = bytes.iter().rev().take_while(|b| is_affix(b)).count();
    if lead.saturating_add(trail) > 0 && lead < bytes.len() {
        let base_end = bytes.len().saturating_sub(trail);
        if let (Some(base), Some(prefix), Some(suffix)) =
            (s.get(lead..base_end), s.get(..lead), s.get(base_end..))
            && base.len() >= 3
            && on_lists(base.as_bytes(), |b| b.to_ascii_lowercase()).0
        {
            offer(
                BLOCKLIST_COST
                    .saturating_add(caps)
                    .saturating_add(affix_cost(prefix))
                    .saturating_add(affix_cost(suffix)),
            );
        }
    }
    if best.is_some() {
        found.insert(Weaknesses::COMMON_PASSWORD);
    }
    best
}

/// Context words are searched when they are this long, in bytes.
const CONTEXT_WORD: core::ops::RangeInclusive<usize> = 3..=64;

/// Where the first context word occurs in `s`, ignoring ASCII case.
fn find_context(s: &str, context: &[&str]) -> Option<(usize, usize)> {
    let hay = s.as_bytes();
    context.iter().find_map(|word| {
        let needle = word.as_bytes();
        if !CONTEXT_WORD.contains(&needle.len()) || needle.len() > hay.len() {
            return None;
        }
        let at = hay
            .windows(needle.len())
            .position(|w| w.eq_ignore_ascii_case(needle))?;
        let end = at.checked_add(needle.len())?;
        (s.is_char_boundary(at) && s.is_char_boundary(end)).then_some((at, end))
    })
}

/// Estimates the strength of `password`. See the module docs for the model.
///
/// ```
/// use otcheck_core::auth::{strength, Weaknesses};
/// assert_eq!(strength::estimate("").guesses_log2, 0);
/// assert!(strength::estimate("").weaknesses.contains(Weaknesses::EMPTY));
/// assert!(strength::estimate("abcdefgh").weaknesses.contains(Weaknesses::SEQUENCE));
/// ```
#[must_use]
pub fn estimate(password: &str) -> Strength {
    estimate_with(password, &[])
}

/// Like [`estimate`], also treating `context` words (user name, device name, vendor...) found
/// in the password as cheap to guess.
///
/// ```
/// use otcheck_core::auth::{strength, Weaknesses};
/// let plain = strength::estimate("plc-line7-Kessel");
/// let s = strength::estimate_with("plc-line7-Kessel", &["kessel", "line7"]);
/// assert!(s.weaknesses.contains(Weaknesses::CONTAINS_CONTEXT));
/// assert!(s.guesses_log2 < plain.guesses_log2);
/// ```
#[must_use]
pub fn estimate_with(password: &str, context: &[&str]) -> Strength {
    let length = u32::try_from(password.chars().count()).unwrap_or(u32::MAX);
    let classes = CharClasses::of_str(password);
    let mut found = Weaknesses::NONE;
    if password.is_empty() {
        found.insert(Weaknesses::EMPTY);
    }
    if length < SHORT_BELOW {
        found.insert(Weaknesses::SHORT);
    }
    if classes.count() == 1 {
        found.insert(Weaknesses::SINGLE_CLASS);
    }
    let per_char = log2_fixed(classes.pool());

    let skip = find_context(password, context).map(|(start, end)| {
        found.insert(Weaknesses::CONTAINS_CONTEXT);
        let n = u64::try_from(context.len()).unwrap_or(u64::MAX);
        (start, end, ONE_BIT.saturating_add(log2_fixed(n)))
    });
    let mut best = pattern_cost(password, per_char, skip, &mut found);

    if let Some((block, reps)) = repeated_block(password) {
        if block.chars().nth(1).is_some() {
            found.insert(Weaknesses::REPEATED_PATTERN);
        }
        let mut ignored = Weaknesses::NONE;
        let cost = pattern_cost(block, per_char, None, &mut ignored)
            .saturating_add(log2_fixed(u64::from(reps)));
        best = best.min(cost);
    }
    if let Some(cost) = blocklist_cost(password, classes, &mut found) {
        best = best.min(cost);
    }
    Strength {
        length,
        classes,
        weaknesses: found,
        guesses_log2: u16::try_from(best.wrapping_shr(FRAC)).unwrap_or(u16::MAX),
    }
}

/// What a password must reach for `auth.password-strength`.
///
/// ```
/// use otcheck_core::auth::StrengthThresholds;
/// use otcheck_core::SecurityLevel;
/// let th = StrengthThresholds::for_level(SecurityLevel::Sl2);
/// assert_eq!((th.min_length, th.min_guesses_log2), (12, 27));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct StrengthThresholds {
    /// Least length in characters: the same numbers and sources as
    /// [`PolicyThresholds::min_length`](super::PolicyThresholds::min_length) (8, 12, 15, 15).
    pub min_length: u32,
    /// Least estimated `log2` guesses. The bands follow zxcvbn's guess-count scores (Wheeler,
    /// USENIX Security 2016): SL 1: 20 (10^6 guesses, beyond throttled online guessing),
    /// SL 2: 27 (10^8, beyond unthrottled online guessing), SL 3: 34 (10^10, resists offline
    /// guessing against a slow hash); SL 4: 40 (otcheck's extra margin of ~2 orders of
    /// magnitude).
    pub min_guesses_log2: u16,
}

impl StrengthThresholds {
    /// The documented defaults for `level`; SL 0 uses the SL 1 numbers.
    ///
    /// ```
    /// use otcheck_core::auth::StrengthThresholds;
    /// use otcheck_core::SecurityLevel;
    /// assert_eq!(StrengthThresholds::for_level(SecurityLevel::Sl4).min_guesses_log2, 40);
    /// ```
    #[must_use]
    pub const fn for_level(level: SecurityLevel) -> Self {
        match level {
            SecurityLevel::Sl0 | SecurityLevel::Sl1 => Self {
                min_length: 8,
                min_guesses_log2: 20,
            },
            SecurityLevel::Sl2 => Self {
                min_length: 12,
                min_guesses_log2: 27,
            },
            SecurityLevel::Sl3 => Self {
                min_length: 15,
                min_guesses_log2: 34,
            },
            SecurityLevel::Sl4 => Self {
                min_length: 15,
                min_guesses_log2: 40,
            },
        }
    }
}

const EMPTY_PASSWORD: FindingCode = FindingCode::new("AUTH-EMPTY-PASSWORD");
const DEFAULT_PASSWORD: FindingCode = FindingCode::new("AUTH-DEFAULT-PASSWORD");
const COMMON: FindingCode = FindingCode::new("AUTH-PW-COMMON");
const CONTEXT: FindingCode = FindingCode::new("AUTH-PW-CONTAINS-CONTEXT");
const TOO_SHORT: FindingCode = FindingCode::new("AUTH-PW-TOO-SHORT");
const GUESSABLE: FindingCode = FindingCode::new("AUTH-PW-GUESSABLE");

fn empty_finding() -> Finding {
    Finding::new(EMPTY_PASSWORD, "the password is empty")
}

/// Every reason `password` falls short of `th`, most important first: empty, a vendor
/// default, common, containing a context word, too short, too easy to guess.
///
/// ```
/// use otcheck_core::auth::{strength, StrengthThresholds};
/// use otcheck_core::SecurityLevel;
/// let th = StrengthThresholds::for_level(SecurityLevel::Sl2);
/// let codes: Vec<_> = strength::password_findings("aaaa", &[], &th).map(|f| f.code.as_str()).collect();
/// assert_eq!(codes, ["AUTH-PW-TOO-SHORT", "AUTH-PW-GUESSABLE"]);
/// ```
pub fn password_findings(
    password: &str,
    context: &[&str],
    th: &StrengthThresholds,
) -> impl Iterator<Item = Finding> + use<> {
    let s = estimate_with(password, context);
    let w = s.weaknesses;
    [
        w.contains(Weaknesses::EMPTY).then(empty_finding),
        w.contains(Weaknesses::VENDOR_DEFAULT).then(|| {
            Finding::new(
                DEFAULT_PASSWORD,
                "the password is a well-known vendor default",
            )
        }),
        w.contains(Weaknesses::COMMON_PASSWORD).then(|| {
            Finding::new(
                COMMON,
                "the password is, or is derived from, a commonly used password",
            )
        }),
        w.contains(Weaknesses::CONTAINS_CONTEXT).then(|| {
            Finding::new(
                CONTEXT,
                "the password contains the user name, device name or another given context word",
            )
        }),
        (s.length < th.min_length).then(|| {
            Finding::with_shortfall(
                TOO_SHORT,
                "the password is too short",
                Shortfall {
                    parameter: "length",
                    found: Some(u64::from(s.length)),
                    needed: Needed::AtLeast(u64::from(th.min_length)),
                },
            )
        }),
        (s.guesses_log2 < th.min_guesses_log2).then(|| {
            Finding::with_shortfall(
                GUESSABLE,
                "the password is too easy to guess",
                Shortfall {
                    parameter: "guesses_log2",
                    found: Some(u64::from(s.guesses_log2)),
                    needed: Needed::AtLeast(u64::from(th.min_guesses_log2)),
                },
            )
        }),
    ]
    .into_iter()
    .flatten()
}

/// `auth.password-strength`: judges a configured or candidate password against `th`, with
/// `context` words that make it easier to guess (user name, host name). Fails with the first
/// of [`password_findings`]. Evidences CR 1.7 (strength of password-based authentication).
///
/// ```
/// use otcheck_core::auth::{strength, StrengthThresholds};
/// use otcheck_core::SecurityLevel;
/// let th = StrengthThresholds::for_level(SecurityLevel::Sl2);
/// assert!(strength::check_password("vX7#kq2-Lm9w!pR", &["operator"], &th).outcome.is_pass());
/// let r = strength::check_password("operator-2024!x", &["operator"], &th);
/// assert_eq!(r.outcome.finding().map(|f| f.code.as_str()), Some("AUTH-PW-CONTAINS-CONTEXT"));
/// ```
pub fn check_password(password: &str, context: &[&str], th: &StrengthThresholds) -> CheckResult {
    judge(
        &PASSWORD_STRENGTH,
        password_findings(password, context, th),
        "the password is long enough, not common and not easily guessed",
    )
}

/// `auth.default-credential`: whether `password` is a default credential: the vendor's own
/// `defaults` (compared ignoring ASCII case) or one of the built-in
/// [`VENDOR_DEFAULTS`](blocklist::VENDOR_DEFAULTS). Evidences CR 1.5 (authenticator
/// management: default authenticators changed).
///
/// Not assessed when there is nothing to compare against: the built-in list is compiled out
/// (no `common-passwords` feature) and `defaults` is empty.
///
/// ```
/// use otcheck_core::auth::strength;
/// use otcheck_core::Outcome;
/// let r = strength::check_default_credential("Factory-1234", &["factory-1234"]);
/// assert_eq!(r.outcome.finding().map(|f| f.code.as_str()), Some("AUTH-DEFAULT-PASSWORD"));
/// assert!(strength::check_default_credential("a new secret", &["factory-1234"]).outcome.is_pass());
/// assert_eq!(strength::check_default_credential("", &[]).outcome.finding().map(|f| f.code.as_str()), Some("AUTH-EMPTY-PASSWORD"));
/// ```
pub fn check_default_credential(password: &str, defaults: &[&str]) -> CheckResult {
    let outcome = if password.is_empty() {
        Outcome::Fail(empty_finding())
    } else if defaults.iter().any(|d| d.eq_ignore_ascii_case(password))
        || blocklist::VENDOR_DEFAULTS.contains(password)
    {
        Outcome::Fail(Finding::new(
            DEFAULT_PASSWORD,
            "the password is a default credential",
        ))
    } else if defaults.is_empty() && blocklist::VENDOR_DEFAULTS.is_empty() {
        Outcome::NotAssessed(
            "no default credentials to compare against: none given and the built-in list is compiled out",
        )
    } else {
        Outcome::Pass(Verified::new(
            "the password differs from every known default credential it was compared against",
        ))
    };
    CheckResult::new(&DEFAULT_CREDENTIAL, outcome)
}

/// A user-supplied blocklist check: whether `password` is on `list` (ignoring case) or, after
/// undoing common substitutions, on it.
///
/// ```
/// use otcheck_core::auth::blocklist::Blocklist;
/// use otcheck_core::auth::strength;
/// let list = Blocklist::from_sorted_lines("acme\nkessel")?;
/// assert!(strength::is_on_list("K3ssel", &list));
/// assert!(!strength::is_on_list("kessel2", &list));
/// # Ok::<(), otcheck_core::auth::blocklist::BlocklistError>(())
/// ```
#[must_use]
pub fn is_on_list(password: &str, list: &Blocklist<'_>) -> bool {
    let key = password.as_bytes();
    list.contains(password)
        || list.contains_mapped(key, |b| unleet(b, b'i'))
        || list.contains_mapped(key, |b| unleet(b, b'l'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::string::ToString;

    #[test]
    fn log2_fixed_matches_known_values() {
        assert_eq!(log2_fixed(0), 0);
        assert_eq!(log2_fixed(1), 0);
        assert_eq!(log2_fixed(2), ONE_BIT);
        assert_eq!(log2_fixed(1024), 10 * ONE_BIT);
        assert_eq!(log2_fixed(u64::MAX) >> FRAC, 63);
        // log2(26) = 4.7004 -> 4813.2 / 1024
        assert!(
            (4812..=4814).contains(&log2_fixed(26)),
            "{}",
            log2_fixed(26)
        );
        // log2(95) = 6.5699 -> 6727.6 / 1024
        assert!(
            (6726..=6728).contains(&log2_fixed(95)),
            "{}",
            log2_fixed(95)
        );
    }

    proptest! {
        #[test]
        fn log2_fixed_is_monotonic_and_within_a_thousandth(x in 2u64..u64::MAX) {
            let l = log2_fixed(x);
            prop_assert!(l >= log2_fixed(x.saturating_sub(1)));
            #[expect(clippy::as_conversions, reason = "test-only float reference")]
            let exact = (x as f64).log2() * f64::from(ONE_BIT);
            prop_assert!((f64::from(l) - exact).abs() < 2.0, "{} vs {}", l, exact);
        }

        #[test]
        fn estimation_never_panics_and_is_bounded_by_brute_force(s in "\\PC{0,40}", ctx in "\\PC{0,6}") {
            let st = estimate_with(&s, &[ctx.as_str()]);
            let pool = log2_fixed(st.classes.pool());
            let brute = u64::from(pool).saturating_mul(u64::from(st.length)).wrapping_shr(FRAC);
            prop_assert!(u64::from(st.guesses_log2) <= brute.saturating_add(1), "{:?}", st);
            prop_assert_eq!(usize::try_from(st.length).unwrap(), s.chars().count());
        }

        #[test]
        fn random_long_passwords_are_strong(s in "[a-zA-Z0-9]{20}") {
            prop_assume!(!s.as_bytes().windows(3).any(|w| w[0] == w[1] && w[1] == w[2]));
            let st = estimate(&s);
            prop_assert!(st.guesses_log2 >= 60, "{} -> {:?}", s, st);
        }
    }

    #[test]
    fn layout_tables_place_keys() {
        let [qwerty, qwertz, _, keypad] = &LAYOUTS;
        assert_eq!(qwerty.position('q'), Some((1, 0)));
        assert_eq!(qwerty.position('M'), Some((3, 6)));
        assert_eq!(qwerty.position('!'), Some((0, 0)));
        assert_eq!(qwerty.position(']'), Some((1, 11)));
        assert_eq!(qwertz.position('y'), Some((3, 0)));
        assert_eq!(keypad.position('0'), Some((3, 0)));
        assert_eq!(keypad.position('a'), None);
        assert_eq!(qwerty.position('é'), None);
        assert_eq!(qwerty.step('a', 'z'), Some((1, 0)));
        assert_eq!(qwerty.step('a', 'x'), None);
        assert_eq!(keypad.step('1', '5'), Some((-1, 1)));
    }

    #[test]
    fn runs_are_recognised_and_cheap() {
        for (pw, flag) in [
            ("aaaaaaaa", Weaknesses::REPEATED_CHARACTERS),
            ("abcdefgh", Weaknesses::SEQUENCE),
            ("98765432", Weaknesses::SEQUENCE),
            ("qwertyui", Weaknesses::KEYBOARD_WALK),
            ("qwertzui", Weaknesses::KEYBOARD_WALK),
            ("1qaz2wsx", Weaknesses::KEYBOARD_WALK),
            ("azertyui", Weaknesses::KEYBOARD_WALK),
            ("14789632", Weaknesses::KEYBOARD_WALK),
            ("!@#$%^&*", Weaknesses::KEYBOARD_WALK),
        ] {
            let s = estimate(pw);
            assert!(s.weaknesses.contains(flag), "{pw}: {}", s.weaknesses);
            assert!(s.guesses_log2 <= 16, "{pw}: {}", s.guesses_log2);
        }
        // Two short runs are not a walk.
        assert!(
            !estimate("tree")
                .weaknesses
                .contains(Weaknesses::KEYBOARD_WALK)
        );
    }

    #[test]
    fn repeated_blocks_cost_one_block() {
        let once = estimate("x7#Kp2");
        let thrice = estimate("x7#Kp2x7#Kp2x7#Kp2");
        assert!(thrice.weaknesses.contains(Weaknesses::REPEATED_PATTERN));
        assert!(thrice.guesses_log2 <= once.guesses_log2 + 2);
        assert!(!once.weaknesses.contains(Weaknesses::REPEATED_PATTERN));
        assert_eq!(repeated_block("abab"), Some(("ab", 2)));
        assert_eq!(repeated_block("ééé"), Some(("é", 3)));
        assert_eq!(repeated_block("abc"), None);
    }

    #[test]
    fn brute_force_cost_follows_pool_and_length() {
        // 12 random-looking lower-case letters: 12 * 4.70 = 56.4 bits.
        assert_eq!(estimate("xkqmzvtrbhwj").guesses_log2, 56);
        // Adding classes widens the pool: 8 chars over 95 symbols: 8 * 6.57 = 52.6.
        assert_eq!(estimate("xK7#qM2!").guesses_log2, 52);
    }

    #[test]
    fn empty_and_short_are_flagged() {
        let s = estimate("");
        assert_eq!((s.length, s.guesses_log2), (0, 0));
        assert!(
            s.weaknesses
                .contains(Weaknesses::EMPTY.union(Weaknesses::SHORT))
        );
        assert!(!estimate("xkqmzvtr").weaknesses.contains(Weaknesses::SHORT));
        assert!(estimate("xkqmzvt").weaknesses.contains(Weaknesses::SHORT));
    }

    #[test]
    fn context_words_are_cheap() {
        let s = estimate_with("Xq9!maintenance", &["Maintenance"]);
        assert!(s.weaknesses.contains(Weaknesses::CONTAINS_CONTEXT));
        assert!(s.guesses_log2 < 30, "{}", s.guesses_log2);
        // Too short to count, or absent:
        assert!(
            !estimate_with("Xq9!ab", &["ab"])
                .weaknesses
                .contains(Weaknesses::CONTAINS_CONTEXT)
        );
        assert!(
            !estimate_with("Xq9!ab", &["zzz"])
                .weaknesses
                .contains(Weaknesses::CONTAINS_CONTEXT)
        );
        assert!(
            !estimate_with("ab", &["abc"])
                .weaknesses
                .contains(Weaknesses::CONTAINS_CONTEXT)
        );
    }

    #[cfg(feature = "common-passwords")]
    #[test]
    fn common_and_default_passwords_are_recognised() {
        for pw in [
            "password",
            "Password",
            "p@ssw0rd",
            "P4ssw0rd",
            "Password2024!",
            "2024summer",
            "letmein!!",
            "Qwertz123",
        ] {
            let s = estimate(pw);
            assert!(s.weaknesses.contains(Weaknesses::COMMON_PASSWORD), "{pw}");
            assert!(s.guesses_log2 <= 30, "{pw}: {}", s.guesses_log2);
        }
        for pw in ["admin", "WAGO", "siemens", "private"] {
            let s = estimate(pw);
            assert!(s.weaknesses.contains(Weaknesses::VENDOR_DEFAULT), "{pw}");
            assert!(s.guesses_log2 <= 12, "{pw}: {}", s.guesses_log2);
        }
        assert!(
            !estimate("admin1x")
                .weaknesses
                .contains(Weaknesses::VENDOR_DEFAULT)
        );
        assert!(
            !estimate("vX7#kq2-Lm9w!pR")
                .weaknesses
                .contains(Weaknesses::COMMON_PASSWORD)
        );
    }

    #[cfg(not(feature = "common-passwords"))]
    #[test]
    fn without_the_lists_nothing_is_common() {
        let s = estimate("password");
        assert!(!s.weaknesses.contains(Weaknesses::COMMON_PASSWORD));
        assert_eq!(
            check_default_credential("admin", &[]).outcome.kind(),
            "not-assessed"
        );
    }

    #[test]
    fn password_check_orders_findings() {
        let th = StrengthThresholds::for_level(SecurityLevel::Sl3);
        let r = check_password("", &[], &th);
        assert_eq!(r.outcome.finding().unwrap().code, EMPTY_PASSWORD);
        assert_eq!(r.info.id.as_str(), "auth.password-strength");

        let r = check_password("xkqmzvtrbhwj", &[], &th);
        let f = r.outcome.finding().unwrap();
        assert_eq!(f.code, TOO_SHORT);
        assert_eq!(
            f.shortfall,
            Some(Shortfall {
                parameter: "length",
                found: Some(12),
                needed: Needed::AtLeast(15)
            })
        );

        let r = check_password("aaaaaaaaaaaaaaaaaaaa", &[], &th);
        let f = r.outcome.finding().unwrap();
        assert_eq!(f.code, GUESSABLE);
        assert_eq!(f.shortfall.unwrap().needed, Needed::AtLeast(34));

        assert!(
            check_password("xkqmzvtrbhwjpla", &[], &th)
                .outcome
                .is_pass()
        );
    }

    #[test]
    fn default_credentials_are_caught() {
        let r = check_default_credential("S3cret-Plant", &["s3cret-plant"]);
        assert_eq!(r.outcome.finding().unwrap().code, DEFAULT_PASSWORD);
        assert_eq!(r.info.requirements, &[crate::catalog::ids::CR_1_5]);
        assert!(
            check_default_credential("another", &["s3cret-plant"])
                .outcome
                .is_pass()
        );
        assert_eq!(
            check_default_credential("wago", &["x"]).outcome.is_pass(),
            !blocklist::ENABLED
        );
    }

    #[test]
    fn weakness_names_cover_every_flag_once() {
        let all = Weaknesses::NAMES
            .iter()
            .fold(Weaknesses::NONE, |acc, (f, _)| acc.union(*f));
        assert_eq!(all.bits().count_ones(), 10);
        assert_eq!(all.names().count(), 10);
        assert_eq!(Weaknesses::NONE.to_string(), "");
    }
}
