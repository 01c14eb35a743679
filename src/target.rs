//! What is audited, and the one way to read from it.
//!
//! A [`Target`] is either the live host (its root is `/`) or an unpacked root filesystem,
//! opened once as a directory. Every read an audit makes goes through a `Target`, and this
//! module guarantees, for every path it is given:
//!
//! - **Containment.** Paths resolve as if the target root were `/` (a chroot): absolute
//!   symlinks and `..` never leave it. The kernel does this with `openat2(RESOLVE_IN_ROOT |
//!   RESOLVE_NO_MAGICLINKS)`; where the kernel lacks `openat2`, a userspace resolver walks the
//!   path one component at a time with `O_NOFOLLOW | O_PATH` and resolves each symlink itself,
//!   relative to the root, with a hop limit.
//! - **No blocking, no device reads.** A path is first opened with `O_PATH` (which opens no
//!   device driver and never blocks on a FIFO) and `fstat`ed; only a regular file or a
//!   directory is then opened for reading, with `O_NONBLOCK`, and checked to be the same inode.
//! - **Bounded reads.** No file is read past [`Limits::max_file_bytes`]; a larger file is an
//!   error ([`ReadError::TooLarge`]), so a check never judges half a configuration.
//! - **Read-only.** Nothing is ever opened for writing, created, or executed.
//! - **Accountability.** Every file read is recorded with its SHA-256, so the report can name
//!   and fingerprint its inputs ([`Target::inputs`]).
//!
//! Errors name the path *inside* the target and never panic on hostile trees (loops, FIFOs,
//! device nodes, sparse giants, non-UTF-8 names).

mod resolve;
mod walk;

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::Read as _;
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use nix::errno::Errno;
use nix::sys::stat::{FileStat, SFlag};
use sha2::{Digest as _, Sha256};

pub use walk::{WalkEntry, WalkLimits, WalkSummary};

use resolve::{Open, Resolver};

/// Whether the target is the machine otcheck runs on or a root filesystem on disk.
///
/// ```
/// assert_eq!(otcheck::target::TargetKind::Rootfs.as_str(), "rootfs");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum TargetKind {
    /// The running Linux host; its root is `/`, and `/proc` and `/sys` are live.
    LiveHost,
    /// An unpacked (untrusted) root filesystem, e.g. a Yocto, Buildroot or Debian image.
    Rootfs,
}

impl TargetKind {
    /// The name reports use (`live-host`, `rootfs`).
    ///
    /// ```
    /// assert_eq!(otcheck::target::TargetKind::LiveHost.as_str(), "live-host");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::LiveHost => "live-host",
            Self::Rootfs => "rootfs",
        }
    }
}

/// How paths are resolved inside the target root.
///
/// ```
/// assert_eq!(otcheck::target::Resolution::default(), otcheck::target::Resolution::Auto);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Resolution {
    /// `openat2(RESOLVE_IN_ROOT)` where the kernel has it, the userspace resolver otherwise.
    #[default]
    Auto,
    /// Always the userspace resolver (the path taken on kernels before 5.6).
    Userspace,
}

/// Bounds on what a target read may cost.
///
/// ```
/// let limits = otcheck::target::Limits { max_file_bytes: 1 << 20, ..Default::default() };
/// assert_eq!(limits.max_file_bytes, 1_048_576);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most bytes read from any one file (default 4 MiB).
    pub max_file_bytes: u64,
    /// The most entries listed from one directory (default 100 000).
    pub max_dir_entries: usize,
    /// How path resolution is done.
    pub resolution: Resolution,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_file_bytes: 4 * 1024 * 1024,
            max_dir_entries: 100_000,
            resolution: Resolution::Auto,
        }
    }
}

/// The kind of a file system object, as `lstat` sees it.
///
/// ```
/// assert_eq!(otcheck::target::FileKind::Fifo.to_string(), "FIFO");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FileKind {
    /// A regular file.
    Regular,
    /// A directory.
    Directory,
    /// A symbolic link.
    Symlink,
    /// A named pipe.
    Fifo,
    /// A Unix domain socket.
    Socket,
    /// A character device node.
    CharDevice,
    /// A block device node.
    BlockDevice,
    /// Anything else.
    Unknown,
}

impl core::fmt::Display for FileKind {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Self::Regular => "regular file",
            Self::Directory => "directory",
            Self::Symlink => "symbolic link",
            Self::Fifo => "FIFO",
            Self::Socket => "socket",
            Self::CharDevice => "character device",
            Self::BlockDevice => "block device",
            Self::Unknown => "unknown file type",
        })
    }
}

/// What `stat` says about a file inside the target.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = tempfile::tempdir()?;
/// std::fs::create_dir(dir.path().join("etc"))?;
/// let target = otcheck::target::Target::rootfs(dir.path())?;
/// let meta = target.metadata("/etc")?;
/// assert_eq!(meta.kind, otcheck::target::FileKind::Directory);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Metadata {
    /// The file type.
    pub kind: FileKind,
    /// Permission bits including setuid (`0o4000`), setgid (`0o2000`) and sticky (`0o1000`).
    pub mode: u32,
    /// Owner.
    pub uid: u32,
    /// Group.
    pub gid: u32,
    /// Size in bytes as recorded (a sparse file may claim far more than it stores).
    pub size: u64,
    /// Device of the file system it is on.
    pub dev: u64,
    /// Inode number.
    pub ino: u64,
}

impl Metadata {
    fn from_stat(st: &FileStat) -> Self {
        let fmt = SFlag::from_bits_truncate(st.st_mode & SFlag::S_IFMT.bits());
        let kind = if fmt == SFlag::S_IFREG {
            FileKind::Regular
        } else if fmt == SFlag::S_IFDIR {
            FileKind::Directory
        } else if fmt == SFlag::S_IFLNK {
            FileKind::Symlink
        } else if fmt == SFlag::S_IFIFO {
            FileKind::Fifo
        } else if fmt == SFlag::S_IFSOCK {
            FileKind::Socket
        } else if fmt == SFlag::S_IFCHR {
            FileKind::CharDevice
        } else if fmt == SFlag::S_IFBLK {
            FileKind::BlockDevice
        } else {
            FileKind::Unknown
        };
        Self {
            kind,
            mode: st.st_mode & 0o7777,
            uid: st.st_uid,
            gid: st.st_gid,
            size: u64::try_from(st.st_size).unwrap_or(0),
            dev: st.st_dev,
            ino: st.st_ino,
        }
    }

    /// Whether the setuid or setgid bit is set on a regular file.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let dir = tempfile::tempdir()?;
    /// std::fs::write(dir.path().join("tool"), b"")?;
    /// let target = otcheck::target::Target::rootfs(dir.path())?;
    /// assert!(!target.metadata("/tool")?.is_setid());
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub const fn is_setid(&self) -> bool {
        matches!(self.kind, FileKind::Regular) && self.mode & 0o6000 != 0
    }
}

/// The bytes of one file, as read, with their SHA-256.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = tempfile::tempdir()?;
/// std::fs::write(dir.path().join("issue"), b"Authorised use only\n")?;
/// let target = otcheck::target::Target::rootfs(dir.path())?;
/// let issue = target.read_file("/issue")?;
/// assert_eq!(issue.text(), "Authorised use only\n");
/// assert_eq!(issue.sha256.len(), 64);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FileContent {
    /// The path inside the target, as asked for.
    pub path: String,
    /// The bytes read (never more than the read limit).
    pub bytes: Vec<u8>,
    /// SHA-256 of `bytes`, lower-case hex.
    pub sha256: String,
    /// The file's metadata when it was opened.
    pub metadata: Metadata,
}

impl FileContent {
    /// The contents as text; invalid UTF-8 becomes U+FFFD.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let dir = tempfile::tempdir()?;
    /// # std::fs::write(dir.path().join("f"), b"a\xffb")?;
    /// # let target = otcheck::target::Target::rootfs(dir.path())?;
    /// assert_eq!(target.read_file("/f")?.text(), "a\u{fffd}b");
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(&self.bytes)
    }
}

/// One entry of a directory listing.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = tempfile::tempdir()?;
/// std::fs::write(dir.path().join("passwd"), b"")?;
/// let target = otcheck::target::Target::rootfs(dir.path())?;
/// let entries = target.read_dir("/")?;
/// assert_eq!(entries[0].name, "passwd");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DirEntry {
    /// The entry's name (may not be UTF-8).
    pub name: OsString,
    /// Its kind, not following symlinks.
    pub kind: FileKind,
}

/// Why a read from the target failed. Every variant names the path inside the target.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = tempfile::tempdir()?;
/// let target = otcheck::target::Target::rootfs(dir.path())?;
/// let err = target.read_file("/etc/shadow").unwrap_err();
/// assert!(err.is_not_found());
/// assert_eq!(err.to_string(), "/etc/shadow: not found");
/// # Ok(()) }
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The path does not exist inside the target.
    #[error("{path}: not found")]
    NotFound {
        /// Path inside the target.
        path: String,
    },
    /// The auditing user may not read it.
    #[error("{path}: permission denied")]
    PermissionDenied {
        /// Path inside the target.
        path: String,
    },
    /// It is a FIFO, socket, device node or similar, which is never read.
    #[error("{path}: not a regular file ({kind})")]
    NotRegularFile {
        /// Path inside the target.
        path: String,
        /// What it is.
        kind: FileKind,
    },
    /// A directory was expected.
    #[error("{path}: not a directory ({kind})")]
    NotADirectory {
        /// Path inside the target.
        path: String,
        /// What it is.
        kind: FileKind,
    },
    /// Resolution met a symlink loop, too many symlinks, or a magic link.
    #[error("{path}: too many levels of symbolic links")]
    Loop {
        /// Path inside the target.
        path: String,
    },
    /// The file is larger than the read limit.
    #[error("{path}: larger than the {limit}-byte read limit ({size} bytes)")]
    TooLarge {
        /// Path inside the target.
        path: String,
        /// Its size as recorded (at least `limit + 1` for files of unknown size).
        size: u64,
        /// The limit in force.
        limit: u64,
    },
    /// A directory holds more entries than the listing limit.
    #[error("{path}: more than {limit} directory entries")]
    TooManyEntries {
        /// Path inside the target.
        path: String,
        /// The limit in force.
        limit: usize,
    },
    /// The file changed between the check and the open (a different inode).
    #[error("{path}: changed while being opened")]
    Changed {
        /// Path inside the target.
        path: String,
    },
    /// Any other I/O failure.
    #[error("{path}: {source}")]
    Io {
        /// Path inside the target.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

impl ReadError {
    fn from_errno(path: &str, errno: Errno) -> Self {
        let path = path.to_owned();
        match errno {
            Errno::ENOENT => Self::NotFound { path },
            Errno::EACCES | Errno::EPERM => Self::PermissionDenied { path },
            Errno::ELOOP | Errno::EXDEV => Self::Loop { path },
            Errno::ENOTDIR => Self::NotFound { path },
            other => Self::Io {
                path,
                source: std::io::Error::from(other),
            },
        }
    }

    fn from_io(path: &str, err: std::io::Error) -> Self {
        match err.raw_os_error() {
            Some(code) => Self::from_errno(path, Errno::from_raw(code)),
            None => Self::Io {
                path: path.to_owned(),
                source: err,
            },
        }
    }

    /// The path inside the target the error is about.
    ///
    /// ```
    /// # let dir = tempfile::tempdir().unwrap();
    /// # let target = otcheck::target::Target::rootfs(dir.path()).unwrap();
    /// assert_eq!(target.read_file("/etc/passwd").unwrap_err().path(), "/etc/passwd");
    /// ```
    #[must_use]
    pub fn path(&self) -> &str {
        match self {
            Self::NotFound { path }
            | Self::PermissionDenied { path }
            | Self::NotRegularFile { path, .. }
            | Self::NotADirectory { path, .. }
            | Self::Loop { path }
            | Self::TooLarge { path, .. }
            | Self::TooManyEntries { path, .. }
            | Self::Changed { path }
            | Self::Io { path, .. } => path,
        }
    }

    /// Whether the path simply does not exist (as opposed to existing but being unreadable).
    ///
    /// ```
    /// # let dir = tempfile::tempdir().unwrap();
    /// # let target = otcheck::target::Target::rootfs(dir.path()).unwrap();
    /// assert!(target.read_file("/nope").unwrap_err().is_not_found());
    /// ```
    #[must_use]
    pub const fn is_not_found(&self) -> bool {
        matches!(self, Self::NotFound { .. })
    }
}

/// Why a target could not be opened.
///
/// ```
/// let err = otcheck::target::Target::rootfs("/nonexistent/rootfs").unwrap_err();
/// assert!(err.to_string().contains("/nonexistent/rootfs"));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OpenError {
    /// The root directory could not be opened.
    #[error("cannot open target root {path}")]
    Root {
        /// The root as given.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The root is not a directory.
    #[error("target root {path} is not a directory")]
    NotADirectory {
        /// The root as given.
        path: PathBuf,
    },
}

/// A file read during the audit, for the report's list of inputs.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let dir = tempfile::tempdir()?;
/// # std::fs::write(dir.path().join("motd"), b"hi")?;
/// let target = otcheck::target::Target::rootfs(dir.path())?;
/// target.read_file("/motd")?;
/// assert_eq!(target.inputs()[0].path, "/motd");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Input {
    /// Path inside the target.
    pub path: String,
    /// SHA-256 of the bytes read, lower-case hex.
    pub sha256: String,
}

/// The system under audit, with the single read API every probe uses.
///
/// `Target` is `Send + Sync`: probes running in parallel share one.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = tempfile::tempdir()?;
/// std::fs::create_dir(dir.path().join("etc"))?;
/// std::fs::write(dir.path().join("etc/hostname"), b"plc-7\n")?;
/// // An absolute symlink that would escape on the host resolves inside the root.
/// std::os::unix::fs::symlink("/etc/hostname", dir.path().join("etc/name"))?;
/// let target = otcheck::target::Target::rootfs(dir.path())?;
/// assert_eq!(target.read_file("/etc/name")?.text(), "plc-7\n");
/// assert_eq!(target.read_file("/../../etc/hostname")?.text(), "plc-7\n");
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct Target {
    kind: TargetKind,
    identifier: String,
    root: OwnedFd,
    limits: Limits,
    resolver: Resolver,
    inputs: Mutex<BTreeMap<String, String>>,
}

impl Target {
    /// The live host: the root is `/`, `/proc` and `/sys` are live.
    ///
    /// ```no_run
    /// let host = otcheck::target::Target::live()?;
    /// assert_eq!(host.kind(), otcheck::target::TargetKind::LiveHost);
    /// # Ok::<(), otcheck::target::OpenError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`OpenError`] if `/` cannot be opened.
    pub fn live() -> Result<Self, OpenError> {
        Self::open(TargetKind::LiveHost, Path::new("/"), Limits::default())
    }

    /// An unpacked root filesystem at `dir`, with the default [`Limits`].
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let dir = tempfile::tempdir()?;
    /// let target = otcheck::target::Target::rootfs(dir.path())?;
    /// assert_eq!(target.kind(), otcheck::target::TargetKind::Rootfs);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`OpenError`] if `dir` cannot be opened or is not a directory.
    pub fn rootfs(dir: impl AsRef<Path>) -> Result<Self, OpenError> {
        Self::open(TargetKind::Rootfs, dir.as_ref(), Limits::default())
    }

    /// A target of `kind` rooted at `dir`, with explicit limits.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use otcheck::target::{Limits, Resolution, Target, TargetKind};
    /// let dir = tempfile::tempdir()?;
    /// let limits = Limits { resolution: Resolution::Userspace, ..Limits::default() };
    /// let target = Target::open(TargetKind::Rootfs, dir.path(), limits)?;
    /// assert_eq!(target.limits().resolution, Resolution::Userspace);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`OpenError`] if `dir` cannot be opened or is not a directory.
    pub fn open(kind: TargetKind, dir: &Path, limits: Limits) -> Result<Self, OpenError> {
        let file = std::fs::File::open(dir).map_err(|source| OpenError::Root {
            path: dir.to_owned(),
            source,
        })?;
        let is_dir = file
            .metadata()
            .map_err(|source| OpenError::Root {
                path: dir.to_owned(),
                source,
            })?
            .is_dir();
        if !is_dir {
            return Err(OpenError::NotADirectory {
                path: dir.to_owned(),
            });
        }
        let root = OwnedFd::from(file);
        let resolver = Resolver::detect(&root, limits.resolution);
        let identifier = match kind {
            TargetKind::LiveHost => live_hostname(),
            TargetKind::Rootfs => dir.display().to_string(),
        };
        Ok(Self {
            kind,
            identifier,
            root,
            limits,
            resolver,
            inputs: Mutex::new(BTreeMap::new()),
        })
    }

    /// Live host or root filesystem.
    ///
    /// ```
    /// # let dir = tempfile::tempdir().unwrap();
    /// let t = otcheck::target::Target::rootfs(dir.path()).unwrap();
    /// assert!(!t.is_live());
    /// ```
    #[must_use]
    pub const fn kind(&self) -> TargetKind {
        self.kind
    }

    /// Whether this is the live host (live-only probes such as `/proc/net` apply).
    ///
    /// ```
    /// # let dir = tempfile::tempdir().unwrap();
    /// assert!(!otcheck::target::Target::rootfs(dir.path()).unwrap().is_live());
    /// ```
    #[must_use]
    pub const fn is_live(&self) -> bool {
        matches!(self.kind, TargetKind::LiveHost)
    }

    /// The host name (live) or the root directory as given (rootfs).
    ///
    /// ```
    /// # let dir = tempfile::tempdir().unwrap();
    /// let t = otcheck::target::Target::rootfs(dir.path()).unwrap();
    /// assert_eq!(t.identifier(), dir.path().display().to_string());
    /// ```
    #[must_use]
    pub fn identifier(&self) -> &str {
        &self.identifier
    }

    /// The limits in force.
    ///
    /// ```
    /// # let dir = tempfile::tempdir().unwrap();
    /// let t = otcheck::target::Target::rootfs(dir.path()).unwrap();
    /// assert_eq!(t.limits().max_file_bytes, 4 << 20);
    /// ```
    #[must_use]
    pub const fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Whether paths are resolved by the kernel (`openat2`) rather than in userspace.
    ///
    /// ```
    /// # let dir = tempfile::tempdir().unwrap();
    /// let t = otcheck::target::Target::rootfs(dir.path()).unwrap();
    /// let _kernel = t.uses_openat2();
    /// ```
    #[must_use]
    pub const fn uses_openat2(&self) -> bool {
        matches!(self.resolver, Resolver::Openat2)
    }

    /// Reads a configuration file that may be absent: `None` when it does not exist; any other
    /// failure is appended to `unreadable` (for the probe to report as *not assessed*).
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let dir = tempfile::tempdir()?;
    /// let target = otcheck::target::Target::rootfs(dir.path())?;
    /// let mut unreadable = Vec::new();
    /// assert!(target.read_optional("/etc/absent.conf", &mut unreadable).is_none());
    /// assert!(unreadable.is_empty(), "absence is not a failure");
    /// # Ok(()) }
    /// ```
    pub fn read_optional(
        &self,
        path: impl AsRef<Path>,
        unreadable: &mut Vec<ReadError>,
    ) -> Option<FileContent> {
        match self.read_file(path) {
            Ok(file) => Some(file),
            Err(e) if e.is_not_found() => None,
            Err(e) => {
                unreadable.push(e);
                None
            }
        }
    }

    /// Reads a regular file, at most [`Limits::max_file_bytes`] bytes.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let dir = tempfile::tempdir()?;
    /// std::fs::write(dir.path().join("f"), b"x")?;
    /// let target = otcheck::target::Target::rootfs(dir.path())?;
    /// assert_eq!(target.read_file("f")?.bytes, b"x");
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`ReadError`]: not found, permission denied, not a regular file, loop, too large, I/O.
    pub fn read_file(&self, path: impl AsRef<Path>) -> Result<FileContent, ReadError> {
        self.read_file_limited(path, self.limits.max_file_bytes)
    }

    /// Reads a regular file, at most `limit` bytes.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let dir = tempfile::tempdir()?;
    /// std::fs::write(dir.path().join("f"), b"0123456789")?;
    /// let target = otcheck::target::Target::rootfs(dir.path())?;
    /// assert!(matches!(
    ///     target.read_file_limited("/f", 4),
    ///     Err(otcheck::target::ReadError::TooLarge { size: 10, limit: 4, .. })
    /// ));
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Target::read_file`].
    pub fn read_file_limited(
        &self,
        path: impl AsRef<Path>,
        limit: u64,
    ) -> Result<FileContent, ReadError> {
        let shown = display_path(path.as_ref());
        let probe = self.open_at(path.as_ref(), Open::Path { follow: true }, &shown)?;
        let before = fstat(&probe, &shown)?;
        if before.kind != FileKind::Regular {
            return Err(ReadError::NotRegularFile {
                path: shown,
                kind: before.kind,
            });
        }
        if before.size > limit {
            return Err(ReadError::TooLarge {
                path: shown,
                size: before.size,
                limit,
            });
        }
        let fd = self.open_at(path.as_ref(), Open::File, &shown)?;
        let metadata = fstat(&fd, &shown)?;
        if metadata.kind != FileKind::Regular
            || metadata.dev != before.dev
            || metadata.ino != before.ino
        {
            return Err(ReadError::Changed { path: shown });
        }
        let mut bytes = Vec::new();
        std::fs::File::from(fd)
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| ReadError::from_io(&shown, e))?;
        let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        if read > limit {
            return Err(ReadError::TooLarge {
                path: shown,
                size: read,
                limit,
            });
        }
        let sha256 = hex(&Sha256::digest(&bytes));
        if let Ok(mut inputs) = self.inputs.lock() {
            inputs.insert(shown.clone(), sha256.clone());
        }
        Ok(FileContent {
            path: shown,
            bytes,
            sha256,
            metadata,
        })
    }

    /// `lstat` inside the target: a final symlink is described, not followed.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let dir = tempfile::tempdir()?;
    /// std::os::unix::fs::symlink("/dev/zero", dir.path().join("z"))?;
    /// let target = otcheck::target::Target::rootfs(dir.path())?;
    /// assert_eq!(target.metadata("/z")?.kind, otcheck::target::FileKind::Symlink);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`ReadError`] if the path cannot be resolved.
    pub fn metadata(&self, path: impl AsRef<Path>) -> Result<Metadata, ReadError> {
        let shown = display_path(path.as_ref());
        let fd = self.open_at(path.as_ref(), Open::Path { follow: false }, &shown)?;
        fstat(&fd, &shown)
    }

    /// `stat` inside the target: symlinks are followed, inside the root.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let dir = tempfile::tempdir()?;
    /// std::fs::write(dir.path().join("f"), b"abc")?;
    /// std::os::unix::fs::symlink("/f", dir.path().join("l"))?;
    /// let target = otcheck::target::Target::rootfs(dir.path())?;
    /// assert_eq!(target.stat("/l")?.size, 3);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`ReadError`] if the path cannot be resolved.
    pub fn stat(&self, path: impl AsRef<Path>) -> Result<Metadata, ReadError> {
        let shown = display_path(path.as_ref());
        let fd = self.open_at(path.as_ref(), Open::Path { follow: true }, &shown)?;
        fstat(&fd, &shown)
    }

    /// Whether something exists at `path` (following symlinks inside the root).
    ///
    /// ```
    /// # let dir = tempfile::tempdir().unwrap();
    /// let t = otcheck::target::Target::rootfs(dir.path()).unwrap();
    /// assert!(t.exists("/"));
    /// assert!(!t.exists("/etc/shadow"));
    /// ```
    #[must_use]
    pub fn exists(&self, path: impl AsRef<Path>) -> bool {
        self.stat(path).is_ok()
    }

    /// The target of a symlink, as stored (not resolved).
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let dir = tempfile::tempdir()?;
    /// std::os::unix::fs::symlink("/lib/systemd/system/ssh.service", dir.path().join("ssh.service"))?;
    /// let target = otcheck::target::Target::rootfs(dir.path())?;
    /// assert_eq!(target.read_link("/ssh.service")?, std::path::Path::new("/lib/systemd/system/ssh.service"));
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`ReadError`] if the path cannot be resolved or is not a symlink.
    pub fn read_link(&self, path: impl AsRef<Path>) -> Result<PathBuf, ReadError> {
        let shown = display_path(path.as_ref());
        let fd = self.open_at(path.as_ref(), Open::Path { follow: false }, &shown)?;
        let meta = fstat(&fd, &shown)?;
        if meta.kind != FileKind::Symlink {
            return Err(ReadError::Io {
                path: shown,
                source: std::io::Error::from(Errno::EINVAL),
            });
        }
        nix::fcntl::readlinkat(&fd, "")
            .map(PathBuf::from)
            .map_err(|e| ReadError::from_errno(&shown, e))
    }

    /// Lists a directory (following symlinks to it inside the root), sorted by name.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let dir = tempfile::tempdir()?;
    /// std::fs::create_dir_all(dir.path().join("etc/sysctl.d"))?;
    /// std::fs::write(dir.path().join("etc/sysctl.d/99-x.conf"), b"")?;
    /// let target = otcheck::target::Target::rootfs(dir.path())?;
    /// let names: Vec<_> = target.read_dir("/etc/sysctl.d")?.into_iter().map(|e| e.name).collect();
    /// assert_eq!(names, ["99-x.conf"]);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`ReadError`]: not found, not a directory, permission denied, too many entries, I/O.
    pub fn read_dir(&self, path: impl AsRef<Path>) -> Result<Vec<DirEntry>, ReadError> {
        let shown = display_path(path.as_ref());
        let probe = self.open_at(path.as_ref(), Open::Path { follow: true }, &shown)?;
        let before = fstat(&probe, &shown)?;
        if before.kind != FileKind::Directory {
            return Err(ReadError::NotADirectory {
                path: shown,
                kind: before.kind,
            });
        }
        let fd = self.open_at(path.as_ref(), Open::Dir, &shown)?;
        walk::list(fd, &shown, self.limits.max_dir_entries)
    }

    /// Walks the tree under `path` without following any symlink, calling `visit` for each
    /// entry (the start directory itself excluded). On the live host `/proc`, `/sys`, `/dev`
    /// and `/run` are not entered.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let dir = tempfile::tempdir()?;
    /// std::fs::create_dir_all(dir.path().join("usr/bin"))?;
    /// std::fs::write(dir.path().join("usr/bin/tool"), b"")?;
    /// let target = otcheck::target::Target::rootfs(dir.path())?;
    /// let mut seen = Vec::new();
    /// let summary = target.walk("/", &otcheck::target::WalkLimits::default(), |e| seen.push(e.path.clone()))?;
    /// assert_eq!(seen, ["/usr", "/usr/bin", "/usr/bin/tool"].map(std::path::PathBuf::from));
    /// assert!(summary.complete());
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`ReadError`] if the start directory cannot be opened; errors below it are counted
    /// in the [`WalkSummary`], not returned.
    pub fn walk(
        &self,
        path: impl AsRef<Path>,
        limits: &WalkLimits,
        visit: impl FnMut(&WalkEntry),
    ) -> Result<WalkSummary, ReadError> {
        let shown = display_path(path.as_ref());
        let probe = self.open_at(path.as_ref(), Open::Path { follow: true }, &shown)?;
        let meta = fstat(&probe, &shown)?;
        if meta.kind != FileKind::Directory {
            return Err(ReadError::NotADirectory {
                path: shown,
                kind: meta.kind,
            });
        }
        let fd = self.open_at(path.as_ref(), Open::Dir, &shown)?;
        let skip: &[&str] = if self.is_live() {
            &["/proc", "/sys", "/dev", "/run"]
        } else {
            &[]
        };
        Ok(walk::walk(fd, PathBuf::from(&shown), limits, skip, visit))
    }

    /// Every file read so far, with its SHA-256, sorted by path.
    ///
    /// ```
    /// # let dir = tempfile::tempdir().unwrap();
    /// let t = otcheck::target::Target::rootfs(dir.path()).unwrap();
    /// assert!(t.inputs().is_empty());
    /// ```
    #[must_use]
    pub fn inputs(&self) -> Vec<Input> {
        self.inputs
            .lock()
            .map(|m| {
                m.iter()
                    .map(|(path, sha256)| Input {
                        path: path.clone(),
                        sha256: sha256.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// SHA-256 over every input read so far (`path NUL sha256 LF`, sorted by path): one
    /// fingerprint for "the configuration this report judged".
    ///
    /// ```
    /// # let dir = tempfile::tempdir().unwrap();
    /// let t = otcheck::target::Target::rootfs(dir.path()).unwrap();
    /// assert_eq!(t.inputs_sha256().len(), 64);
    /// ```
    #[must_use]
    pub fn inputs_sha256(&self) -> String {
        let mut hasher = Sha256::new();
        for input in self.inputs() {
            hasher.update(input.path.as_bytes());
            hasher.update([0]);
            hasher.update(input.sha256.as_bytes());
            hasher.update(b"\n");
        }
        hex(&hasher.finalize())
    }

    fn open_at(&self, path: &Path, how: Open, shown: &str) -> Result<OwnedFd, ReadError> {
        self.resolver
            .open(&self.root, path, how)
            .map_err(|e| ReadError::from_errno(shown, e))
    }
}

/// The path as reports show it: absolute inside the target, lossy for non-UTF-8 names.
fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    if text.starts_with('/') {
        text.into_owned()
    } else {
        format!("/{text}")
    }
}

fn fstat(fd: &OwnedFd, shown: &str) -> Result<Metadata, ReadError> {
    nix::sys::stat::fstat(fd)
        .map(|st| Metadata::from_stat(&st))
        .map_err(|e| ReadError::from_errno(shown, e))
}

fn live_hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|s| s.trim().to_owned())
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "localhost".to_owned())
}

/// Lower-case hex of `bytes`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use core::fmt::Write as _;
    let mut out = String::with_capacity(bytes.len().saturating_mul(2));
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}
