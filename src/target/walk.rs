//! Directory listing and bounded tree walks inside the target.
//!
//! Owns the guarantee that a walk never follows a symlink (every descent is an
//! `openat(O_NOFOLLOW | O_DIRECTORY)` relative to the parent's descriptor, so a link swapped in
//! cannot redirect it), stops at [`WalkLimits::max_depth`] and [`WalkLimits::max_entries`],
//! and reports what it could not read in the [`WalkSummary`] instead of failing.

use std::ffi::OsString;
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStrExt as _;
use std::path::PathBuf;

use nix::dir::{Dir, Type};
use nix::fcntl::{AtFlags, OFlag, openat};
use nix::sys::stat::{Mode, fstat, fstatat};

use super::{DirEntry, FileKind, Metadata, ReadError};

/// Bounds on a tree walk.
///
/// ```
/// let limits = otcheck::target::WalkLimits { max_depth: 8, ..Default::default() };
/// assert_eq!(limits.max_entries, 2_000_000);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WalkLimits {
    /// The deepest directory level entered below the start (default 40).
    pub max_depth: usize,
    /// The most entries visited in all (default 2 000 000).
    pub max_entries: u64,
    /// The most entries read from one directory (default 100 000).
    pub max_dir_entries: usize,
}

impl Default for WalkLimits {
    fn default() -> Self {
        Self {
            max_depth: 40,
            max_entries: 2_000_000,
            max_dir_entries: 100_000,
        }
    }
}

/// One object met on a walk.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let dir = tempfile::tempdir()?;
/// # std::fs::write(dir.path().join("f"), b"")?;
/// let t = otcheck::target::Target::rootfs(dir.path())?;
/// t.walk("/", &Default::default(), |e| assert_eq!(e.depth, 1))?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct WalkEntry {
    /// Path inside the target (may hold non-UTF-8 bytes).
    pub path: PathBuf,
    /// `lstat` of the entry.
    pub metadata: Metadata,
    /// 1 for the start directory's children.
    pub depth: usize,
}

/// How a walk went: whether it saw everything.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let dir = tempfile::tempdir()?;
/// let t = otcheck::target::Target::rootfs(dir.path())?;
/// let s = t.walk("/", &Default::default(), |_| {})?;
/// assert_eq!((s.entries, s.complete()), (0, true));
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct WalkSummary {
    /// Entries visited.
    pub entries: u64,
    /// Directories or entries that could not be read.
    pub unreadable: u64,
    /// The first unreadable path and why, for the report.
    pub first_unreadable: Option<String>,
    /// Whether some directory was deeper than the depth limit.
    pub depth_limited: bool,
    /// Whether the walk stopped at the entry limit.
    pub entry_limited: bool,
}

impl WalkSummary {
    /// Whether every entry under the start was visited.
    ///
    /// ```
    /// assert!(otcheck::target::WalkSummary::default().complete());
    /// ```
    #[must_use]
    pub const fn complete(&self) -> bool {
        self.unreadable == 0 && !self.depth_limited && !self.entry_limited
    }

    /// Why the walk is incomplete, if it is.
    ///
    /// ```
    /// assert_eq!(otcheck::target::WalkSummary::default().incomplete_reason(), None);
    /// ```
    #[must_use]
    pub fn incomplete_reason(&self) -> Option<String> {
        if self.entry_limited {
            Some(format!("walk stopped at the {}-entry limit", self.entries))
        } else if self.depth_limited {
            Some("walk stopped at the directory depth limit".to_owned())
        } else if self.unreadable > 0 {
            Some(format!(
                "{} entries could not be read (first: {})",
                self.unreadable,
                self.first_unreadable.as_deref().unwrap_or("?")
            ))
        } else {
            None
        }
    }

    fn unreadable(&mut self, what: String) {
        self.unreadable = self.unreadable.saturating_add(1);
        if self.first_unreadable.is_none() {
            self.first_unreadable = Some(what);
        }
    }
}

fn kind_from_type(t: Type) -> FileKind {
    match t {
        Type::Fifo => FileKind::Fifo,
        Type::CharacterDevice => FileKind::CharDevice,
        Type::Directory => FileKind::Directory,
        Type::BlockDevice => FileKind::BlockDevice,
        Type::File => FileKind::Regular,
        Type::Symlink => FileKind::Symlink,
        Type::Socket => FileKind::Socket,
    }
}

/// The names in an open directory, `.` and `..` excluded, sorted; `Err` past `max` entries.
fn names(dir: &mut Dir, max: usize) -> Result<Vec<(OsString, Option<Type>)>, nix::errno::Errno> {
    let mut out = Vec::new();
    for entry in dir.iter() {
        let entry = entry?;
        let bytes = entry.file_name().to_bytes();
        if bytes == b"." || bytes == b".." {
            continue;
        }
        if out.len() >= max {
            return Err(nix::errno::Errno::E2BIG);
        }
        out.push((
            std::ffi::OsStr::from_bytes(bytes).to_owned(),
            entry.file_type(),
        ));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

fn lstat_at(dir: &Dir, name: &OsString) -> Result<Metadata, nix::errno::Errno> {
    fstatat(dir.as_fd(), name.as_os_str(), AtFlags::AT_SYMLINK_NOFOLLOW)
        .map(|st| Metadata::from_stat(&st))
}

/// Lists the directory open at `fd`.
pub(super) fn list(fd: OwnedFd, shown: &str, max: usize) -> Result<Vec<DirEntry>, ReadError> {
    let mut dir = Dir::from_fd(fd).map_err(|e| ReadError::from_errno(shown, e))?;
    let entries = match names(&mut dir, max) {
        Ok(entries) => entries,
        Err(nix::errno::Errno::E2BIG) => {
            return Err(ReadError::TooManyEntries {
                path: shown.to_owned(),
                limit: max,
            });
        }
        Err(e) => return Err(ReadError::from_errno(shown, e)),
    };
    Ok(entries
        .into_iter()
        .map(|(name, t)| {
            let kind = match t {
                Some(t) => kind_from_type(t),
                None => lstat_at(&dir, &name).map_or(FileKind::Unknown, |m| m.kind),
            };
            DirEntry { name, kind }
        })
        .collect())
}

struct Walker<'a, F> {
    limits: &'a WalkLimits,
    skip: &'a [&'a str],
    visit: F,
    summary: WalkSummary,
}

/// Walks the directory open at `fd`, whose path inside the target is `path`.
pub(super) fn walk(
    fd: OwnedFd,
    path: PathBuf,
    limits: &WalkLimits,
    skip: &[&str],
    visit: impl FnMut(&WalkEntry),
) -> WalkSummary {
    let mut walker = Walker {
        limits,
        skip,
        visit,
        summary: WalkSummary::default(),
    };
    walker.dir(fd, &path, 1);
    walker.summary
}

impl<F: FnMut(&WalkEntry)> Walker<'_, F> {
    fn dir(&mut self, fd: OwnedFd, path: &std::path::Path, depth: usize) {
        let mut dir = match Dir::from_fd(fd) {
            Ok(dir) => dir,
            Err(e) => return self.summary.unreadable(format!("{}: {e}", path.display())),
        };
        let names = match names(&mut dir, self.limits.max_dir_entries) {
            Ok(names) => names,
            Err(e) => return self.summary.unreadable(format!("{}: {e}", path.display())),
        };
        for (name, _) in names {
            if self.summary.entries >= self.limits.max_entries {
                self.summary.entry_limited = true;
                return;
            }
            let child = path.join(&name);
            let metadata = match lstat_at(&dir, &name) {
                Ok(m) => m,
                Err(e) => {
                    self.summary.unreadable(format!("{}: {e}", child.display()));
                    continue;
                }
            };
            self.summary.entries = self.summary.entries.saturating_add(1);
            let entry = WalkEntry {
                path: child,
                metadata,
                depth,
            };
            (self.visit)(&entry);
            if metadata.kind != FileKind::Directory
                || self
                    .skip
                    .iter()
                    .any(|s| entry.path.as_os_str().as_bytes() == s.as_bytes())
            {
                continue;
            }
            if depth >= self.limits.max_depth {
                self.summary.depth_limited = true;
                continue;
            }
            let flags = OFlag::O_RDONLY
                | OFlag::O_DIRECTORY
                | OFlag::O_NOFOLLOW
                | OFlag::O_NONBLOCK
                | OFlag::O_CLOEXEC;
            match openat(dir.as_fd(), name.as_os_str(), flags, Mode::empty()) {
                Ok(sub) => {
                    // Replaced between lstat and open: skip rather than walk something else.
                    match fstat(sub.as_fd()) {
                        Ok(st) if st.st_ino == metadata.ino && st.st_dev == metadata.dev => {
                            self.dir(sub, &entry.path, depth.saturating_add(1));
                        }
                        _ => self.summary.unreadable(format!(
                            "{}: changed during the walk",
                            entry.path.display()
                        )),
                    }
                }
                Err(e) => self
                    .summary
                    .unreadable(format!("{}: {e}", entry.path.display())),
            }
        }
    }
}
