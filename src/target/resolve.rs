//! Path resolution inside the target root.
//!
//! Owns the guarantee that no path given to a [`Target`](super::Target) resolves outside its
//! root: with `openat2(RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS)` the kernel enforces it; the
//! userspace fallback opens one component at a time with `O_PATH | O_NOFOLLOW`, reads each
//! symlink itself, restarts absolute links at the root, clamps `..` at the root, and gives up
//! with `ELOOP` after [`MAX_SYMLINK_HOPS`] links.

use std::collections::VecDeque;
use std::ffi::{OsStr, OsString};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStrExt as _;
use std::path::{Component, Path};

use nix::errno::Errno;
use nix::fcntl::{OFlag, OpenHow, ResolveFlag, openat, openat2, readlinkat};
use nix::sys::stat::{Mode, SFlag, fstat};

use super::Resolution;

/// The most symlinks one resolution may follow (Linux uses 40 too).
pub(super) const MAX_SYMLINK_HOPS: u32 = 40;

/// What an open is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Open {
    /// `O_PATH`: opens no driver, never blocks; for `fstat` and `readlink`.
    Path {
        /// Whether a final symlink is followed.
        follow: bool,
    },
    /// A regular file for reading, non-blocking.
    File,
    /// A directory for listing.
    Dir,
}

impl Open {
    fn flags(self) -> OFlag {
        let base = OFlag::O_CLOEXEC | OFlag::O_NOCTTY;
        match self {
            Self::Path { follow: true } => base | OFlag::O_PATH,
            Self::Path { follow: false } => base | OFlag::O_PATH | OFlag::O_NOFOLLOW,
            Self::File => base | OFlag::O_RDONLY | OFlag::O_NONBLOCK,
            Self::Dir => base | OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NONBLOCK,
        }
    }

    const fn follows_last(self) -> bool {
        !matches!(self, Self::Path { follow: false })
    }
}

/// Kernel or userspace resolution, chosen once per target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Resolver {
    /// `openat2(RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS)`.
    Openat2,
    /// Component-by-component `openat(O_NOFOLLOW | O_PATH)`.
    Userspace,
}

impl Resolver {
    /// Uses `openat2` when asked to and the kernel (and any seccomp filter) allows it.
    pub(super) fn detect(root: &OwnedFd, resolution: Resolution) -> Self {
        match resolution {
            Resolution::Userspace => Self::Userspace,
            Resolution::Auto => {
                match openat2_in_root(root, Path::new("."), Open::Path { follow: true }) {
                    Ok(_) => Self::Openat2,
                    Err(_) => Self::Userspace,
                }
            }
        }
    }

    /// Opens `path` inside `root` for `how`.
    pub(super) fn open(self, root: &OwnedFd, path: &Path, how: Open) -> Result<OwnedFd, Errno> {
        match self {
            Self::Openat2 => openat2_in_root(root, path, how),
            Self::Userspace => open_userspace(root, path, how),
        }
    }
}

fn openat2_in_root(root: &OwnedFd, path: &Path, how: Open) -> Result<OwnedFd, Errno> {
    let relative = relative(path);
    let open_how = || {
        OpenHow::new()
            .flags(how.flags())
            .resolve(ResolveFlag::RESOLVE_IN_ROOT | ResolveFlag::RESOLVE_NO_MAGICLINKS)
    };
    // EAGAIN: a concurrent rename raced a `..`; the kernel asks for a retry.
    let mut attempts = 0u8;
    loop {
        match openat2(root.as_fd(), relative, open_how()) {
            Err(Errno::EAGAIN) if attempts < 8 => attempts = attempts.saturating_add(1),
            other => return other,
        }
    }
}

/// `path` with its leading `/` removed; the root itself is `.`.
fn relative(path: &Path) -> &Path {
    let trimmed = path
        .as_os_str()
        .as_bytes()
        .iter()
        .position(|&b| b != b'/')
        .and_then(|start| path.as_os_str().as_bytes().get(start..))
        .map(OsStr::from_bytes);
    match trimmed {
        Some(rest) if !rest.is_empty() => Path::new(rest),
        _ => Path::new("."),
    }
}

fn push_components(queue: &mut VecDeque<OsString>, path: &Path) {
    let mut parts: Vec<OsString> = Vec::new();
    for c in path.components() {
        match c {
            Component::Normal(name) => parts.push(name.to_owned()),
            Component::ParentDir => parts.push(OsString::from("..")),
            Component::RootDir | Component::CurDir | Component::Prefix(_) => {}
        }
    }
    for part in parts.into_iter().rev() {
        queue.push_front(part);
    }
}

fn open_path(dir: &OwnedFd, name: &OsStr) -> Result<OwnedFd, Errno> {
    openat(
        dir.as_fd(),
        name,
        OFlag::O_PATH | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
        Mode::empty(),
    )
}

fn kind_of(fd: &OwnedFd) -> Result<SFlag, Errno> {
    let st = fstat(fd.as_fd())?;
    Ok(SFlag::from_bits_truncate(st.st_mode & SFlag::S_IFMT.bits()))
}

/// Resolves all but (when it is not to be followed) the final component, returning the
/// directory that holds the final entry and its name, or the directory itself (`None`).
fn resolve_userspace(
    root: &OwnedFd,
    path: &Path,
    follow_last: bool,
) -> Result<(OwnedFd, Option<OsString>), Errno> {
    let mut stack: Vec<OwnedFd> = vec![open_path(root, OsStr::new("."))?];
    let mut queue = VecDeque::new();
    push_components(&mut queue, path);
    let mut hops = 0u32;
    while let Some(name) = queue.pop_front() {
        if name == ".." {
            if stack.len() > 1 {
                stack.pop();
            }
            continue;
        }
        let is_last = queue.is_empty();
        let current = stack.last().ok_or(Errno::ENOENT)?;
        let fd = open_path(current, &name)?;
        let kind = kind_of(&fd)?;
        if kind == SFlag::S_IFLNK && (!is_last || follow_last) {
            hops = hops.saturating_add(1);
            if hops > MAX_SYMLINK_HOPS {
                return Err(Errno::ELOOP);
            }
            let link = readlinkat(fd.as_fd(), "")?;
            if link.as_bytes().first() == Some(&b'/') {
                stack.truncate(1);
            }
            push_components(&mut queue, Path::new(&link));
            continue;
        }
        if is_last {
            let parent = stack.pop().ok_or(Errno::ENOENT)?;
            return Ok((parent, Some(name)));
        }
        if kind != SFlag::S_IFDIR {
            return Err(Errno::ENOTDIR);
        }
        stack.push(fd);
    }
    let dir = stack.pop().ok_or(Errno::ENOENT)?;
    Ok((dir, None))
}

fn open_userspace(root: &OwnedFd, path: &Path, how: Open) -> Result<OwnedFd, Errno> {
    let (dir, name) = resolve_userspace(root, path, how.follows_last())?;
    match name {
        // The final component was already resolved: never follow a link that appeared since.
        Some(name) => openat(
            dir.as_fd(),
            name.as_os_str(),
            how.flags() | OFlag::O_NOFOLLOW,
            Mode::empty(),
        ),
        None => reopen_dir(&dir, how),
    }
}

/// Opens the directory an `O_PATH` descriptor names, for `how`.
fn reopen_dir(dir: &OwnedFd, how: Open) -> Result<OwnedFd, Errno> {
    openat(dir.as_fd(), ".", how.flags(), Mode::empty())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn relative_strips_every_leading_slash() {
        assert_eq!(
            relative(Path::new("///etc/passwd")),
            Path::new("etc/passwd")
        );
        assert_eq!(relative(Path::new("/")), Path::new("."));
        assert_eq!(relative(Path::new("")), Path::new("."));
        assert_eq!(relative(Path::new("etc")), Path::new("etc"));
    }

    #[test]
    fn userspace_resolution_clamps_dotdot_and_absolute_links_at_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let inner = dir.path().join("root");
        std::fs::create_dir_all(inner.join("etc")).unwrap();
        std::fs::write(inner.join("etc/passwd"), b"inside").unwrap();
        std::fs::write(dir.path().join("passwd"), b"outside").unwrap();
        std::os::unix::fs::symlink("../../../../passwd", inner.join("etc/up")).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", inner.join("abs")).unwrap();
        let root = OwnedFd::from(std::fs::File::open(&inner).unwrap());
        for path in [
            "abs",
            "/../../etc/passwd",
            "etc/../etc/./passwd",
            "/etc/../../etc/passwd",
        ] {
            let fd = open_userspace(&root, Path::new(path), Open::File).unwrap();
            let mut s = String::new();
            std::io::Read::read_to_string(&mut std::fs::File::from(fd), &mut s).unwrap();
            assert_eq!(s, "inside", "{path}");
        }
        // `../../../../passwd` from /etc clamps to /passwd, which does not exist inside.
        assert_eq!(
            open_userspace(&root, Path::new("/etc/up"), Open::File).unwrap_err(),
            Errno::ENOENT
        );
    }
}
