//! Fact gathering: one module per source of configuration on the target.
//!
//! A probe reads through [`Target`](crate::target::Target) only, never judges, and never
//! fails the audit: what it could not read is kept as a [`ReadError`](crate::target::ReadError)
//! in its facts so the check can say *not assessed* and why. Every fact remembers where it
//! came from ([`Source`]: file inside the target, line, SHA-256 of the file as read).
//!
//! Parsers here take untrusted text: they never panic, skip what they cannot parse, and
//! bound their work by the target's read limits.

pub mod accounts;
pub mod boot;
pub mod certs;
pub mod dropbear;
pub mod elf;
pub mod inventory;
pub mod kernel;
pub mod logging;
pub mod pam;
pub mod rpmdb;
pub mod services;
pub mod session;
pub mod setid;
pub mod sockets;
pub mod sshd;
pub mod sysctl;
pub mod time;

pub(crate) mod config_text;

pub use config_text::{ConfigLine, config_lines, plain_lines};

use crate::report::Evidence;
use crate::target::FileContent;

/// Where a fact was read: a file inside the target, a line, the line's text.
///
/// ```
/// let s = otcheck::probe::Source::new("/etc/login.defs", 12, "PASS_MAX_DAYS 99999", "00".repeat(32));
/// assert_eq!(s.evidence().line, Some(12));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Source {
    /// Path inside the target.
    pub path: String,
    /// 1-based line, 0 when the fact is about the whole file.
    pub line: u32,
    /// The line as written (trimmed).
    pub excerpt: String,
    /// SHA-256 of the file as read.
    pub sha256: String,
}

impl Source {
    /// A source at `path:line`.
    ///
    /// ```
    /// let s = otcheck::probe::Source::new("/etc/issue", 0, "", "");
    /// assert_eq!(s.evidence().line, None);
    /// ```
    #[must_use]
    pub fn new(
        path: impl Into<String>,
        line: u32,
        excerpt: impl Into<String>,
        sha256: impl Into<String>,
    ) -> Self {
        Self {
            path: path.into(),
            line,
            excerpt: excerpt.into(),
            sha256: sha256.into(),
        }
    }

    /// A source for line `line` of a file that was read.
    pub(crate) fn at(file: &FileContent, line: &ConfigLine<'_>) -> Self {
        Self::new(
            file.path.clone(),
            line.number,
            line.text,
            file.sha256.clone(),
        )
    }

    /// A source for a whole file that was read.
    pub(crate) fn file(file: &FileContent) -> Self {
        Self::new(file.path.clone(), 0, "", file.sha256.clone())
    }

    /// As report evidence.
    ///
    /// ```
    /// let s = otcheck::probe::Source::new("/etc/ssh/sshd_config", 3, "PermitRootLogin yes", "ab");
    /// assert_eq!(s.evidence().excerpt.as_deref(), Some("PermitRootLogin yes"));
    /// ```
    #[must_use]
    pub fn evidence(&self) -> Evidence {
        let mut e = Evidence::file(self.path.clone());
        if self.line > 0 {
            e = e.at_line(self.line);
        }
        if !self.excerpt.is_empty() {
            e = e.excerpt(&self.excerpt);
        }
        if !self.sha256.is_empty() {
            e = e.sha256(self.sha256.clone());
        }
        e
    }
}

/// A value and where it was set.
///
/// ```
/// let v = otcheck::probe::Located { value: 5u32, source: otcheck::probe::Source::new("/f", 1, "x 5", "") };
/// assert_eq!(v.value, 5);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it was set.
    pub source: Source,
}

/// Whether a glob pattern with `*`, `?` and `[...]`-free literals matches `name`.
pub(crate) fn glob_match(pattern: &[u8], name: &[u8]) -> bool {
    // Iterative wildcard matching with one backtrack point: linear-ish, no recursion.
    let (mut p, mut n) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        match pattern.get(p) {
            Some(b'*') => {
                star = Some((p, n));
                p = p.saturating_add(1);
            }
            Some(&c) if c == b'?' || Some(&c) == name.get(n) => {
                p = p.saturating_add(1);
                n = n.saturating_add(1);
            }
            _ => match star {
                Some((sp, sn)) => {
                    p = sp.saturating_add(1);
                    n = sn.saturating_add(1);
                    star = Some((sp, n));
                }
                None => return false,
            },
        }
    }
    pattern
        .get(p..)
        .is_some_and(|rest| rest.iter().all(|&c| c == b'*'))
}

/// Expands `pattern` (an absolute path whose last component may hold `*`/`?`) inside the
/// target, sorted; a pattern without wildcards is returned as is.
pub(crate) fn expand_glob(
    target: &crate::target::Target,
    pattern: &str,
) -> Result<Vec<String>, crate::target::ReadError> {
    let (dir, name) = pattern.rsplit_once('/').unwrap_or(("", pattern));
    if !name.contains(['*', '?']) {
        return Ok(vec![pattern.to_owned()]);
    }
    let dir = if dir.is_empty() { "/" } else { dir };
    let entries = match target.read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.is_not_found() => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    Ok(entries
        .into_iter()
        .filter_map(|e| e.name.into_string().ok())
        .filter(|n| glob_match(name.as_bytes(), n.as_bytes()))
        .map(|n| format!("{}/{n}", dir.trim_end_matches('/')))
        .collect())
}

/// Reads `key = value` / `key value` lines of an optional configuration file into `into` (the
/// last one wins; `[section]` headers and `;` comments are skipped); returns whether the file
/// was read. A file that exists but cannot be read goes to `unreadable`.
pub(crate) fn read_settings(
    target: &crate::target::Target,
    path: &str,
    into: &mut std::collections::BTreeMap<String, Located<String>>,
    unreadable: &mut Vec<crate::target::ReadError>,
) -> bool {
    let Some(file) = target.read_optional(path, unreadable) else {
        return false;
    };
    let text = file.text();
    for line in config_lines(&text, '#') {
        if line.text.starts_with('[') || line.text.starts_with(';') {
            continue;
        }
        let (key, value) = line.key_value();
        into.insert(
            key.to_owned(),
            Located {
                value: value.to_owned(),
                source: Source::at(&file, &line),
            },
        );
    }
    true
}

#[cfg(test)]
mod tests {
    use super::glob_match;

    #[test]
    fn glob_matches_like_the_shell_for_star_and_question_mark() {
        assert!(glob_match(b"*.conf", b"50-cloud.conf"));
        assert!(!glob_match(b"*.conf", b"50-cloud.conf.bak"));
        assert!(glob_match(b"S??*", b"S50dropbear"));
        assert!(!glob_match(b"S??*", b"S5"));
        assert!(glob_match(b"*", b""));
        assert!(!glob_match(b"", b"a"));
    }
}
