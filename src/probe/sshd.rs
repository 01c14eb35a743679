//! OpenSSH server configuration: `/etc/ssh/sshd_config` with `Include` (globs, relative to
//! `/etc/ssh`, nested up to [`MAX_INCLUDE_DEPTH`]) and `Match` blocks.
//!
//! Guarantees: the global value of a keyword is the *first* one met in file order with
//! includes expanded in place (OpenSSH semantics); settings inside `Match` blocks are kept
//! apart with their criteria, so a check can see a block that weakens a global setting.
//! An include that exists but cannot be read is recorded, never skipped silently.

use std::collections::BTreeMap;

use crate::target::{ReadError, Target};

use super::{Located, Source, config_lines, expand_glob};

/// How deep `Include` may nest.
pub const MAX_INCLUDE_DEPTH: usize = 16;

/// A keyword set inside a `Match` block.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct MatchSetting {
    /// The `Match` criteria as written, e.g. `User backup`.
    pub criteria: String,
    /// Lower-case keyword.
    pub keyword: String,
    /// Its arguments.
    pub args: Vec<String>,
    /// Where.
    pub source: Source,
}

/// The effective OpenSSH server configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct SshdConfig {
    /// Global keywords (lower-case) to their first value.
    pub global: BTreeMap<String, Located<Vec<String>>>,
    /// Keywords set in `Match` blocks.
    pub matches: Vec<MatchSetting>,
    /// Files read, in order.
    pub files: Vec<String>,
}

impl SshdConfig {
    /// The first argument of a global keyword, lower-cased.
    ///
    /// ```
    /// let c = otcheck::probe::sshd::SshdConfig::default();
    /// assert!(c.value("permitrootlogin").is_none());
    /// ```
    #[must_use]
    pub fn value(&self, keyword: &str) -> Option<(String, &Source)> {
        self.global.get(keyword).map(|l| {
            (
                l.value
                    .first()
                    .map(|s| s.to_ascii_lowercase())
                    .unwrap_or_default(),
                &l.source,
            )
        })
    }

    /// `Match` block settings of `keyword`.
    ///
    /// ```
    /// let c = otcheck::probe::sshd::SshdConfig::default();
    /// assert_eq!(c.in_matches("permitrootlogin").count(), 0);
    /// ```
    pub fn in_matches<'a>(&'a self, keyword: &'a str) -> impl Iterator<Item = &'a MatchSetting> {
        self.matches.iter().filter(move |m| m.keyword == keyword)
    }
}

/// Whether OpenSSH is installed, and its configuration if so.
#[derive(Debug)]
#[non_exhaustive]
pub enum Sshd {
    /// No `sshd` binary and no `sshd_config`.
    Absent,
    /// The configuration (or why it could not be read).
    Present(Result<SshdConfig, ReadError>),
}

const BINARIES: [&str; 3] = ["/usr/sbin/sshd", "/usr/bin/sshd", "/sbin/sshd"];
const CONFIG: &str = "/etc/ssh/sshd_config";

/// Reads the OpenSSH server configuration.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = tempfile::tempdir()?;
/// std::fs::create_dir_all(dir.path().join("etc/ssh/sshd_config.d"))?;
/// std::fs::write(dir.path().join("etc/ssh/sshd_config"), "Include sshd_config.d/*.conf\nPermitRootLogin yes\n")?;
/// std::fs::write(dir.path().join("etc/ssh/sshd_config.d/10-hard.conf"), "PermitRootLogin no\n")?;
/// let target = otcheck::target::Target::rootfs(dir.path())?;
/// let otcheck::probe::sshd::Sshd::Present(Ok(config)) = otcheck::probe::sshd::probe(&target) else { panic!() };
/// assert_eq!(config.value("permitrootlogin").unwrap().0, "no");
/// # Ok(()) }
/// ```
#[must_use]
pub fn probe(target: &Target) -> Sshd {
    let installed = BINARIES.iter().any(|b| target.exists(b));
    let mut config = SshdConfig::default();
    let mut current_match: Option<String> = None;
    match read(target, CONFIG, 0, &mut config, &mut current_match) {
        Ok(()) => Sshd::Present(Ok(config)),
        Err(e) if e.is_not_found() && e.path() == CONFIG && !installed => Sshd::Absent,
        Err(e) => Sshd::Present(Err(e)),
    }
}

fn read(
    target: &Target,
    path: &str,
    depth: usize,
    config: &mut SshdConfig,
    current_match: &mut Option<String>,
) -> Result<(), ReadError> {
    let file = target.read_file(path)?;
    config.files.push(file.path.clone());
    let text = file.text();
    for line in config_lines(&text, '#') {
        let (keyword, rest) = line.key_value();
        let keyword = keyword.to_ascii_lowercase();
        let args: Vec<String> = rest
            .split_whitespace()
            .map(|a| super::config_text::unquote(a).to_owned())
            .collect();
        let source = Source::at(&file, &line);
        match keyword.as_str() {
            "match" => {
                let criteria = args.join(" ");
                *current_match = if criteria.eq_ignore_ascii_case("all") {
                    None
                } else {
                    Some(criteria)
                };
            }
            "include" => {
                if depth >= MAX_INCLUDE_DEPTH {
                    return Err(ReadError::Loop {
                        path: file.path.clone(),
                    });
                }
                for pattern in &args {
                    let absolute = if pattern.starts_with('/') {
                        pattern.clone()
                    } else {
                        format!("/etc/ssh/{pattern}")
                    };
                    for included in expand_glob(target, &absolute)? {
                        match read(
                            target,
                            &included,
                            depth.saturating_add(1),
                            config,
                            current_match,
                        ) {
                            Ok(()) => {}
                            // A literal include that does not exist is ignored by sshd too.
                            Err(e) if e.is_not_found() => {}
                            Err(e) => return Err(e),
                        }
                    }
                }
            }
            _ => match current_match {
                Some(criteria) => config.matches.push(MatchSetting {
                    criteria: criteria.clone(),
                    keyword,
                    args,
                    source,
                }),
                None => {
                    config.global.entry(keyword).or_insert(Located {
                        value: args,
                        source,
                    });
                }
            },
        }
    }
    Ok(())
}
