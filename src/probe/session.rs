//! Login banners (`/etc/issue`, `/etc/issue.net`, `/etc/motd`) and the shell idle timeout
//! (`TMOUT` in `/etc/profile`, `/etc/profile.d/*.sh`, `/etc/bash.bashrc`, `/etc/bashrc`,
//! `/etc/environment`).
//!
//! Guarantees: every candidate file is read through the target; a file that is missing is
//! simply absent from the facts, one that exists but cannot be read is kept as its error.

use crate::target::{FileContent, ReadError, Target};

use super::{Located, Source, config_lines, expand_glob};

/// The banner files that exist.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct Banners {
    /// Files read: `/etc/issue`, `/etc/issue.net`, `/etc/motd` when present.
    pub files: Vec<FileContent>,
    /// Files that exist but could not be read.
    pub unreadable: Vec<ReadError>,
}

/// Reads the banner files.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = tempfile::tempdir()?;
/// std::fs::create_dir(dir.path().join("etc"))?;
/// std::fs::write(dir.path().join("etc/issue"), "Authorised use only\n")?;
/// let target = otcheck::target::Target::rootfs(dir.path())?;
/// assert_eq!(otcheck::probe::session::banners(&target).files.len(), 1);
/// # Ok(()) }
/// ```
#[must_use]
pub fn banners(target: &Target) -> Banners {
    let mut out = Banners::default();
    for path in ["/etc/issue", "/etc/issue.net", "/etc/motd"] {
        match target.read_file(path) {
            Ok(f) => out.files.push(f),
            Err(e) if e.is_not_found() => {}
            Err(e) => out.unreadable.push(e),
        }
    }
    out
}

/// Shell `TMOUT` settings found.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct ShellTimeout {
    /// Every `TMOUT=` assignment, in the order the shell reads them (the last one wins).
    pub settings: Vec<Located<Option<u64>>>,
    /// Files that exist but could not be read.
    pub unreadable: Vec<ReadError>,
}

/// Finds `TMOUT` assignments in the system-wide shell start-up files.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = tempfile::tempdir()?;
/// std::fs::create_dir_all(dir.path().join("etc/profile.d"))?;
/// std::fs::write(dir.path().join("etc/profile.d/tmout.sh"), "readonly TMOUT=600\nexport TMOUT\n")?;
/// let target = otcheck::target::Target::rootfs(dir.path())?;
/// let t = otcheck::probe::session::shell_timeout(&target);
/// assert_eq!(t.settings[0].value, Some(600));
/// # Ok(()) }
/// ```
#[must_use]
pub fn shell_timeout(target: &Target) -> ShellTimeout {
    let mut out = ShellTimeout::default();
    let mut paths = vec!["/etc/environment".to_owned(), "/etc/profile".to_owned()];
    match expand_glob(target, "/etc/profile.d/*.sh") {
        Ok(p) => paths.extend(p),
        Err(e) => out.unreadable.push(e),
    }
    paths.extend(["/etc/bash.bashrc".to_owned(), "/etc/bashrc".to_owned()]);
    for path in paths {
        let Some(file) = target.read_optional(&path, &mut out.unreadable) else {
            continue;
        };
        let text = file.text();
        for line in config_lines(&text, '#') {
            for word in line.text.split([' ', '\t', ';']) {
                if let Some(value) = word.strip_prefix("TMOUT=") {
                    let value = super::config_text::unquote(value);
                    out.settings.push(Located {
                        value: value.parse().ok(),
                        source: Source::at(&file, &line),
                    });
                }
            }
        }
    }
    out
}
