//! PAM and shadow-utils settings: every stack in `/etc/pam.d`, `pwquality.conf` (and
//! `pwquality.conf.d`), `faillock.conf`, `pwhistory.conf` and `/etc/login.defs`.
//!
//! Guarantees: module lines are parsed from every file in `/etc/pam.d` (bounded by the
//! target's listing limit), with `[...]` controls kept whole; a module counts as configured
//! when any stack uses it for the given type. Settings keep their file and line.

use std::collections::BTreeMap;

use crate::target::{ReadError, Target};

use super::{Located, Source, config_lines, expand_glob};

/// One PAM module line.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PamLine {
    /// `auth`, `account`, `password` or `session` (a leading `-` removed).
    pub kind: String,
    /// The module file name, e.g. `pam_faillock.so`.
    pub module: String,
    /// Module arguments: `key=value` or bare flags (value empty).
    pub args: BTreeMap<String, String>,
    /// Where.
    pub source: Source,
}

/// The PAM and login.defs facts.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct Pam {
    /// Whether `/etc/pam.d` exists.
    pub present: bool,
    /// Every module line of every stack.
    pub lines: Vec<PamLine>,
    /// `key = value` settings of `/etc/security/pwquality.conf` and `pwquality.conf.d`.
    pub pwquality: BTreeMap<String, Located<String>>,
    /// `/etc/security/faillock.conf` settings.
    pub faillock: BTreeMap<String, Located<String>>,
    /// `/etc/security/pwhistory.conf` settings.
    pub pwhistory: BTreeMap<String, Located<String>>,
    /// `/etc/login.defs` settings; `None` when the file is absent.
    pub login_defs: Option<BTreeMap<String, Located<String>>>,
    /// Files that exist but could not be read.
    pub unreadable: Vec<ReadError>,
}

impl Pam {
    /// Module lines of `kind` using `module`.
    ///
    /// ```
    /// let pam = otcheck::probe::pam::Pam::default();
    /// assert_eq!(pam.modules("auth", "pam_faillock.so").count(), 0);
    /// ```
    pub fn modules<'a>(
        &'a self,
        kind: &'a str,
        module: &'a str,
    ) -> impl Iterator<Item = &'a PamLine> {
        self.lines
            .iter()
            .filter(move |l| l.kind == kind && l.module == module)
    }
}

/// Reads the PAM stacks and related settings.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = tempfile::tempdir()?;
/// std::fs::create_dir_all(dir.path().join("etc/pam.d"))?;
/// std::fs::write(dir.path().join("etc/pam.d/common-password"),
///     "password requisite pam_pwquality.so retry=3 minlen=12\n")?;
/// let target = otcheck::target::Target::rootfs(dir.path())?;
/// let pam = otcheck::probe::pam::probe(&target);
/// let line = pam.modules("password", "pam_pwquality.so").next().unwrap();
/// assert_eq!(line.args["minlen"], "12");
/// # Ok(()) }
/// ```
#[must_use]
pub fn probe(target: &Target) -> Pam {
    let mut pam = Pam::default();
    match target.read_dir("/etc/pam.d") {
        Ok(entries) => {
            pam.present = true;
            for entry in entries {
                let Ok(name) = entry.name.into_string() else {
                    continue;
                };
                match target.read_file(format!("/etc/pam.d/{name}")) {
                    Ok(file) => {
                        let text = file.text();
                        for line in config_lines(&text, '#') {
                            if let Some(parsed) = parse_line(line.text, Source::at(&file, &line)) {
                                pam.lines.push(parsed);
                            }
                        }
                    }
                    Err(ReadError::NotRegularFile {
                        kind: crate::target::FileKind::Directory,
                        ..
                    }) => {}
                    Err(e) => pam.unreadable.push(e),
                }
            }
        }
        Err(e) if e.is_not_found() => {}
        Err(e) => pam.unreadable.push(e),
    }
    let mut pwquality_files = vec!["/etc/security/pwquality.conf".to_owned()];
    match expand_glob(target, "/etc/security/pwquality.conf.d/*.conf") {
        Ok(p) => pwquality_files.extend(p),
        Err(e) => pam.unreadable.push(e),
    }
    for path in pwquality_files {
        super::read_settings(target, &path, &mut pam.pwquality, &mut pam.unreadable);
    }
    super::read_settings(
        target,
        "/etc/security/faillock.conf",
        &mut pam.faillock,
        &mut pam.unreadable,
    );
    super::read_settings(
        target,
        "/etc/security/pwhistory.conf",
        &mut pam.pwhistory,
        &mut pam.unreadable,
    );
    let mut defs = BTreeMap::new();
    if super::read_settings(target, "/etc/login.defs", &mut defs, &mut pam.unreadable) {
        pam.login_defs = Some(defs);
    }
    pam
}

fn parse_line(text: &str, source: Source) -> Option<PamLine> {
    if text.starts_with('@') {
        return None;
    }
    let (kind, rest) = text.split_once(char::is_whitespace)?;
    let kind = kind.trim_start_matches('-').to_ascii_lowercase();
    if !matches!(kind.as_str(), "auth" | "account" | "password" | "session") {
        return None;
    }
    let rest = rest.trim_start();
    // The control is either one word or a bracketed list that may contain spaces.
    let after_control = if rest.starts_with('[') {
        rest.split_once(']').map(|(_, r)| r)?
    } else {
        rest.split_once(char::is_whitespace).map_or("", |(_, r)| r)
    };
    let mut words = after_control.split_whitespace();
    let module_path = words.next()?;
    let module = module_path
        .rsplit('/')
        .next()
        .unwrap_or(module_path)
        .to_owned();
    let args = words
        .map(|w| match w.split_once('=') {
            Some((k, v)) => (k.to_owned(), v.to_owned()),
            None => (w.to_owned(), String::new()),
        })
        .collect();
    Some(PamLine {
        kind,
        module,
        args,
        source,
    })
}
