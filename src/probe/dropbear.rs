//! Dropbear SSH server: options from `/etc/default/dropbear`, SysV/BusyBox init scripts and
//! systemd units (Dropbear has no configuration file; its behaviour is its command line).
//!
//! Guarantees: flags are collected from every place that can pass them (variables such as
//! `DROPBEAR_ARGS`/`DROPBEAR_EXTRA_ARGS` and `dropbear` command lines), combined flags such
//! as `-wsg` are split as Dropbear does, and each flag keeps the line that set it.

use std::collections::BTreeMap;

use crate::target::Target;

use super::{Located, Source, config_lines};

const BINARIES: [&str; 4] = [
    "/usr/sbin/dropbear",
    "/usr/bin/dropbear",
    "/usr/sbin/dropbearmulti",
    "/usr/bin/dropbearmulti",
];

const SOURCES: [&str; 6] = [
    "/etc/default/dropbear",
    "/etc/init.d/dropbear",
    "/etc/init.d/S50dropbear",
    "/etc/systemd/system/dropbear.service",
    "/lib/systemd/system/dropbear.service",
    "/usr/lib/systemd/system/dropbear.service",
];

/// Dropbear options that take a value.
const WITH_VALUE: &[char] = &['b', 'r', 'p', 'P', 'W', 'K', 'I', 'T', 'c', 'd', 'G', 'A'];

/// Dropbear's command-line options as configured.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct DropbearConfig {
    /// Each option letter with its value (empty for plain flags) and where it was set.
    pub options: BTreeMap<char, Located<String>>,
    /// Files that were read.
    pub files: Vec<String>,
}

impl DropbearConfig {
    /// The option `flag`, if set.
    ///
    /// ```
    /// assert!(otcheck::probe::dropbear::DropbearConfig::default().option('w').is_none());
    /// ```
    #[must_use]
    pub fn option(&self, flag: char) -> Option<&Located<String>> {
        self.options.get(&flag)
    }
}

/// Reads Dropbear's options; `None` when Dropbear is not installed.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = tempfile::tempdir()?;
/// std::fs::create_dir_all(dir.path().join("etc/default"))?;
/// std::fs::write(dir.path().join("etc/default/dropbear"), "DROPBEAR_ARGS=\"-ws -I 300\"\n")?;
/// let target = otcheck::target::Target::rootfs(dir.path())?;
/// let config = otcheck::probe::dropbear::probe(&target).unwrap();
/// assert_eq!(config.option('I').unwrap().value, "300");
/// assert!(config.option('s').is_some());
/// # Ok(()) }
/// ```
#[must_use]
pub fn probe(target: &Target) -> Option<DropbearConfig> {
    let mut config = DropbearConfig::default();
    let mut found = BINARIES.iter().any(|b| target.exists(b));
    for path in SOURCES {
        let Ok(file) = target.read_file(path) else {
            continue;
        };
        found = true;
        config.files.push(file.path.clone());
        let text = file.text();
        for line in config_lines(&text, '#') {
            let tokens = argument_tokens(line.text);
            parse_flags(&tokens, &Source::at(&file, &line), &mut config);
        }
    }
    found.then_some(config)
}

/// The tokens on a line that carry Dropbear options: the value of a `DROPBEAR_*ARGS`/
/// `*OPTS`/`*OPTIONS` assignment, or what follows a `dropbear` command word.
fn argument_tokens(text: &str) -> Vec<String> {
    let text = text.strip_prefix("export ").unwrap_or(text);
    if let Some((name, value)) = text.split_once('=') {
        let name = name.trim();
        if name.starts_with("DROPBEAR")
            && (name.ends_with("ARGS") || name.ends_with("OPTS") || name.ends_with("OPTIONS"))
        {
            return split_words(value);
        }
    }
    let words = split_words(text);
    let start = words
        .iter()
        .position(|w| {
            let base = w.rsplit('/').next().unwrap_or(w);
            base == "dropbear" || base == "dropbearmulti"
        })
        .map(|p| p.saturating_add(1));
    match start {
        Some(s) => words.into_iter().skip(s).collect(),
        None => Vec::new(),
    }
}

fn split_words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c| c == '"' || c == '\'').to_owned())
        .filter(|w| !w.is_empty())
        .collect()
}

fn parse_flags(tokens: &[String], source: &Source, config: &mut DropbearConfig) {
    let mut i = 0usize;
    while let Some(token) = tokens.get(i) {
        i = i.saturating_add(1);
        let Some(letters) = token.strip_prefix('-') else {
            continue;
        };
        if letters.starts_with('-') {
            continue;
        }
        for (pos, flag) in letters.char_indices() {
            if WITH_VALUE.contains(&flag) {
                let rest = letters
                    .get(pos.saturating_add(flag.len_utf8())..)
                    .unwrap_or("");
                let value = if rest.is_empty() {
                    let v = tokens.get(i).cloned().unwrap_or_default();
                    i = i.saturating_add(1);
                    v
                } else {
                    rest.to_owned()
                };
                config.options.insert(
                    flag,
                    Located {
                        value,
                        source: source.clone(),
                    },
                );
                break;
            }
            config.options.insert(
                flag,
                Located {
                    value: String::new(),
                    source: source.clone(),
                },
            );
        }
    }
}
