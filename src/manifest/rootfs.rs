//! File-level manifests of Linux root filesystems: what every entry is (type, mode, owner,
//! size, SHA-256 or symlink target), and what changed since (CR 3.4: the integrity of the
//! installed software, for components whose software is a root filesystem rather than an
//! image).
//!
//! The document is described in [the module docs](crate::manifest#rootfs-manifests).
//!
//! # Guarantees
//!
//! - The tree is read only through [`Target`]: paths resolve inside the root, nothing is
//!   written, no symlink is followed (the walk lists links, [`Target::read_link`] reads their
//!   text), and FIFOs, sockets and device nodes are recorded from `lstat` without being
//!   opened.
//! - No file larger than the cap is read; such files are recorded without a digest and
//!   listed by [`RootfsManifest::skipped`]. A file swapped between the walk and the read
//!   (another inode) is recorded as skipped, never hashed as something else.
//! - Files are hashed in parallel by `jobs` threads that take work from one shared queue;
//!   the result does not depend on the number of threads.
//! - Errors and reasons name the path inside the root.

use core::sync::atomic::{AtomicUsize, Ordering};
use std::io::Write;
use std::os::unix::ffi::OsStrExt as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::name::{escape_name, unescape_name};
use crate::target::{FileKind, Metadata, ReadError, Target, WalkLimits};

/// The `format` value of a rootfs manifest.
pub const FORMAT: &str = "otcheck-rootfs-manifest";
/// The document version this code reads and writes.
pub const VERSION: u32 = 1;
/// The default hashing cap: 256 MiB.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 256 << 20;

/// What kind of object an entry is (`lstat`, never following a symlink).
///
/// ```
/// use otcheck::manifest::EntryType;
/// assert_eq!(serde_json::to_string(&EntryType::CharDevice)?, "\"char-device\"");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum EntryType {
    /// A regular file.
    File,
    /// A directory.
    Dir,
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

impl EntryType {
    /// The name used in the document.
    ///
    /// ```
    /// assert_eq!(otcheck::manifest::EntryType::Symlink.as_str(), "symlink");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::File => "file",
            Self::Dir => "dir",
            Self::Symlink => "symlink",
            Self::Fifo => "fifo",
            Self::Socket => "socket",
            Self::CharDevice => "char-device",
            Self::BlockDevice => "block-device",
            Self::Unknown => "unknown",
        }
    }

    const fn of(kind: FileKind) -> Self {
        match kind {
            FileKind::Regular => Self::File,
            FileKind::Directory => Self::Dir,
            FileKind::Symlink => Self::Symlink,
            FileKind::Fifo => Self::Fifo,
            FileKind::Socket => Self::Socket,
            FileKind::CharDevice => Self::CharDevice,
            FileKind::BlockDevice => Self::BlockDevice,
            FileKind::Unknown => Self::Unknown,
        }
    }
}

/// One object of the tree.
///
/// ```
/// let line = r#"{"path":"/etc/passwd","type":"file","mode":"0644","uid":0,"gid":0,"size":0,
///   "sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}"#;
/// let entry: otcheck::manifest::Entry = serde_json::from_str(line)?;
/// assert_eq!(entry.mode, 0o644);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Entry {
    /// Path inside the root, escaped ([`escape_name`]).
    pub path: String,
    /// Its type.
    #[serde(rename = "type")]
    pub kind: EntryType,
    /// Permission bits, including setuid, setgid and sticky.
    #[serde(with = "octal")]
    pub mode: u32,
    /// Owner.
    pub uid: u32,
    /// Group.
    pub gid: u32,
    /// Size in bytes (files and symlinks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    /// SHA-256 of the content, lower-case hex (files that were hashed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// The link text (symlinks), escaped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Why the content (digest or link text) was not recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
}

/// How a rootfs manifest is made.
///
/// ```
/// let options = otcheck::manifest::RootfsOptions { jobs: 2, ..Default::default() };
/// assert_eq!(options.max_file_bytes, otcheck::manifest::DEFAULT_MAX_FILE_BYTES);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RootfsOptions {
    /// Files larger than this are recorded without a digest (default 256 MiB). Each hashing
    /// thread holds at most one file of this size in memory.
    pub max_file_bytes: u64,
    /// Hashing threads; 0 means one per available CPU.
    pub jobs: usize,
    /// Bounds on the walk.
    pub walk: WalkLimits,
}

impl Default for RootfsOptions {
    fn default() -> Self {
        Self {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            jobs: 0,
            walk: WalkLimits::default(),
        }
    }
}

/// Told how hashing goes, e.g. to draw a progress bar. Called from the hashing threads.
///
/// ```
/// use core::sync::atomic::{AtomicU64, Ordering};
/// struct Count(AtomicU64);
/// impl otcheck::manifest::Progress for Count {
///     fn hashed(&self, _bytes: u64) { self.0.fetch_add(1, Ordering::Relaxed); }
/// }
/// let dir = tempfile::tempdir()?;
/// std::fs::write(dir.path().join("a"), b"1")?;
/// let target = otcheck::target::Target::rootfs(dir.path())?;
/// let count = Count(AtomicU64::new(0));
/// otcheck::manifest::RootfsManifest::create(&target, &Default::default(), &count)?;
/// assert_eq!(count.0.load(Ordering::Relaxed), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Progress: Sync {
    /// Hashing starts: this many files, of this many bytes in all.
    fn start(&self, files: u64, bytes: u64) {
        let _ = (files, bytes);
    }
    /// One file of `bytes` bytes is done (hashed or skipped).
    fn hashed(&self, bytes: u64) {
        let _ = bytes;
    }
    /// Hashing is over.
    fn finish(&self) {}
}

/// No progress reports.
impl Progress for () {}

/// The walk could not start or the hashing threads failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RootfsError {
    /// The root directory cannot be read.
    #[error("cannot walk the root filesystem")]
    Walk(#[source] ReadError),
    /// A hashing thread could not be started.
    #[error("cannot start a hashing thread")]
    Thread(#[source] std::io::Error),
    /// A hashing thread panicked.
    #[error("a hashing thread failed")]
    ThreadPanicked,
}

/// A manifest file that cannot be used.
///
/// ```
/// use otcheck::manifest::{ManifestFileError, RootfsManifest};
/// let doc = br#"{"format":"otcheck-rootfs-manifest","version":2,"max_file_bytes":1,"entries":[]}"#;
/// assert!(matches!(RootfsManifest::from_json(doc), Err(ManifestFileError::Version { found: 2 })));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ManifestFileError {
    /// Not JSON of the expected shape.
    #[error("not an otcheck rootfs manifest")]
    Json(#[source] serde_json::Error),
    /// Another `format`.
    #[error("format is `{found}`, expected `{FORMAT}`")]
    Format {
        /// The `format` value.
        found: String,
    },
    /// Another version.
    #[error("unsupported rootfs manifest version {found} (supported: {VERSION})")]
    Version {
        /// The `version` value.
        found: u32,
    },
    /// An entry breaks a rule of the format.
    #[error("entry {path}: {reason}")]
    Entry {
        /// Its `path`.
        path: String,
        /// The rule.
        reason: &'static str,
    },
}

/// A rootfs manifest (the document is described in [the module docs](crate::manifest#rootfs-manifests)).
///
/// ```
/// use otcheck::manifest::{RootfsManifest, escape_name};
/// use std::os::unix::ffi::OsStrExt as _;
///
/// let dir = tempfile::tempdir()?;
/// std::fs::create_dir(dir.path().join("etc"))?;
/// std::fs::write(dir.path().join("etc/motd"), b"hello\n")?;
/// std::os::unix::fs::symlink("/etc/motd", dir.path().join("motd"))?;
/// std::fs::write(dir.path().join(std::ffi::OsStr::from_bytes(b"bad\xff")), b"")?;
/// let target = otcheck::target::Target::rootfs(dir.path())?;
///
/// let manifest = RootfsManifest::create(&target, &Default::default(), &())?;
/// let paths: Vec<_> = manifest.entries.iter().map(|e| e.path.as_str()).collect();
/// assert_eq!(paths, ["/", r"/bad\xff", "/etc", "/etc/motd", "/motd"]);
/// assert_eq!(manifest.entries[4].target.as_deref(), Some("/etc/motd"));
///
/// // A round trip through the document, then a check against the tree as it is now.
/// let mut json = Vec::new();
/// manifest.write_json(&mut json)?;
/// let expected = RootfsManifest::from_json(&json)?;
/// std::fs::write(dir.path().join("etc/motd"), b"HELLO\n")?;
/// let now = RootfsManifest::create(&target, &Default::default(), &())?;
/// let diff = expected.compare(&now);
/// assert_eq!(diff.modified.len(), 1);
/// assert_eq!(diff.modified[0].path, "/etc/motd");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RootfsManifest {
    /// [`FORMAT`].
    pub format: String,
    /// [`VERSION`].
    pub version: u32,
    /// The hashing cap the manifest was made with.
    pub max_file_bytes: u64,
    /// Why the walk did not see every entry, if it did not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incomplete: Option<String>,
    /// Every entry, sorted by `path`.
    pub entries: Vec<Entry>,
}

/// An entry seen on the walk, before its content is read.
struct Seen {
    path: PathBuf,
    metadata: Metadata,
}

impl RootfsManifest {
    /// Walks the whole tree of `target` and records every entry, the root directory included.
    ///
    /// # Errors
    ///
    /// [`RootfsError::Walk`] if the root directory cannot be read, [`RootfsError::Thread`]
    /// or [`ThreadPanicked`](RootfsError::ThreadPanicked) if hashing threads fail. Entries
    /// that cannot be read are recorded with a `skipped` reason, not returned as errors;
    /// parts of the tree the walk could not enter are named in `incomplete`.
    ///
    /// See [`RootfsManifest`] for an example.
    pub fn create(
        target: &Target,
        options: &RootfsOptions,
        progress: &dyn Progress,
    ) -> Result<Self, RootfsError> {
        let root = target.metadata("/").map_err(RootfsError::Walk)?;
        let mut seen = vec![Seen {
            path: PathBuf::from("/"),
            metadata: root,
        }];
        let summary = target
            .walk("/", &options.walk, |e| {
                seen.push(Seen {
                    path: e.path.clone(),
                    metadata: e.metadata,
                });
            })
            .map_err(RootfsError::Walk)?;
        let cap = options.max_file_bytes;
        let mut entries: Vec<Entry> = seen.iter().map(|s| entry(target, s, cap)).collect();
        let jobs: Vec<usize> = entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == EntryType::File && e.skipped.is_none())
            .map(|(i, _)| i)
            .collect();
        for (index, outcome) in hash_all(target, &seen, &jobs, cap, options.jobs, progress)? {
            if let Some(e) = entries.get_mut(index) {
                match outcome {
                    Ok((sha256, size)) => {
                        e.sha256 = Some(sha256);
                        e.size = Some(size);
                    }
                    Err(reason) => e.skipped = Some(reason),
                }
            }
        }
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(Self {
            format: FORMAT.to_owned(),
            version: VERSION,
            max_file_bytes: cap,
            incomplete: summary.incomplete_reason(),
            entries,
        })
    }

    /// Reads a manifest document and checks it: format, version, entries sorted by path
    /// without duplicates, paths absolute and validly escaped, SHA-256 values 64 lower-case
    /// hex digits on files only, link text on symlinks only.
    ///
    /// # Errors
    ///
    /// [`ManifestFileError`] naming the rule and the entry that breaks it.
    ///
    /// See [`RootfsManifest`] for an example.
    pub fn from_json(bytes: &[u8]) -> Result<Self, ManifestFileError> {
        let manifest: Self = serde_json::from_slice(bytes).map_err(ManifestFileError::Json)?;
        if manifest.format != FORMAT {
            return Err(ManifestFileError::Format {
                found: manifest.format,
            });
        }
        if manifest.version != VERSION {
            return Err(ManifestFileError::Version {
                found: manifest.version,
            });
        }
        let mut previous: Option<&str> = None;
        for e in &manifest.entries {
            let bad = |reason| ManifestFileError::Entry {
                path: e.path.clone(),
                reason,
            };
            if previous.is_some_and(|p| p >= e.path.as_str()) {
                return Err(bad("entries are not sorted by path, or a path repeats"));
            }
            previous = Some(&e.path);
            if !e.path.starts_with('/') || unescape_name(&e.path).is_err() {
                return Err(bad("path is not absolute, or has an invalid escape"));
            }
            if let Some(sha) = &e.sha256 {
                let hex = sha.len() == 64
                    && sha
                        .bytes()
                        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
                if !hex || e.kind != EntryType::File {
                    return Err(bad(
                        "sha256 must be 64 lower-case hex digits, on files only",
                    ));
                }
            }
            if let Some(t) = &e.target
                && (e.kind != EntryType::Symlink || unescape_name(t).is_err())
            {
                return Err(bad("target must be validly escaped, on symlinks only"));
            }
        }
        Ok(manifest)
    }

    /// Writes the document: the header fields, then one entry per line.
    ///
    /// # Errors
    ///
    /// The first write error.
    ///
    /// See [`RootfsManifest`] for an example.
    pub fn write_json<W: Write>(&self, mut out: W) -> std::io::Result<()> {
        writeln!(out, "{{")?;
        writeln!(out, "  \"format\": {},", json(&self.format)?)?;
        writeln!(out, "  \"version\": {},", self.version)?;
        writeln!(out, "  \"max_file_bytes\": {},", self.max_file_bytes)?;
        if let Some(reason) = &self.incomplete {
            writeln!(out, "  \"incomplete\": {},", json(reason)?)?;
        }
        write!(out, "  \"entries\": [")?;
        for (i, e) in self.entries.iter().enumerate() {
            let sep = if i == 0 { "" } else { "," };
            write!(out, "{sep}\n    {}", json(e)?)?;
        }
        writeln!(out, "\n  ]\n}}")?;
        out.flush()
    }

    /// Entries whose content was not recorded, with the reason.
    ///
    /// ```
    /// let dir = tempfile::tempdir()?;
    /// std::fs::write(dir.path().join("big"), [0u8; 100])?;
    /// let target = otcheck::target::Target::rootfs(dir.path())?;
    /// let options = otcheck::manifest::RootfsOptions { max_file_bytes: 10, ..Default::default() };
    /// let m = otcheck::manifest::RootfsManifest::create(&target, &options, &())?;
    /// let skipped: Vec<_> = m.skipped().map(|e| e.path.as_str()).collect();
    /// assert_eq!(skipped, ["/big"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn skipped(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| e.skipped.is_some())
    }

    /// What differs in `actual` (the tree as it is now) from `self` (as it was recorded).
    /// Both must be sorted by path, as [`create`](Self::create) and
    /// [`from_json`](Self::from_json) guarantee.
    ///
    /// See [`RootfsManifest`] for an example.
    #[must_use]
    pub fn compare(&self, actual: &Self) -> Comparison {
        let mut diff = Comparison {
            entries: self.entries.len(),
            incomplete: actual.incomplete.clone(),
            ..Comparison::default()
        };
        let mut want = self.entries.iter().peekable();
        let mut have = actual.entries.iter().peekable();
        loop {
            match (want.peek(), have.peek()) {
                (None, None) => break,
                (Some(w), Some(h)) if w.path == h.path => {
                    compare_entry(w, h, &mut diff);
                    want.next();
                    have.next();
                }
                (Some(w), Some(h)) if w.path < h.path => {
                    diff.removed.push(w.path.clone());
                    want.next();
                }
                (Some(w), None) => {
                    diff.removed.push(w.path.clone());
                    want.next();
                }
                (_, Some(h)) => {
                    diff.added.push(h.path.clone());
                    have.next();
                }
            }
        }
        diff
    }
}

/// Any value as compact JSON.
fn json<T: Serialize + ?Sized>(value: &T) -> std::io::Result<String> {
    serde_json::to_string(value).map_err(std::io::Error::other)
}

/// Makes `target`'s tree into a manifest and compares it with `expected`, hashing with the
/// cap `expected` was made with so that the same files are hashed.
///
/// # Errors
///
/// As [`RootfsManifest::create`].
///
/// ```
/// let dir = tempfile::tempdir()?;
/// std::fs::write(dir.path().join("a"), b"1")?;
/// let target = otcheck::target::Target::rootfs(dir.path())?;
/// let expected = otcheck::manifest::RootfsManifest::create(&target, &Default::default(), &())?;
/// std::fs::write(dir.path().join("b"), b"2")?;
/// let diff = otcheck::manifest::verify_rootfs(&target, &expected, &Default::default(), &())?;
/// assert_eq!(diff.added, ["/b"]);
/// assert!(!diff.is_identical());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn verify_rootfs(
    target: &Target,
    expected: &RootfsManifest,
    options: &RootfsOptions,
    progress: &dyn Progress,
) -> Result<Comparison, RootfsError> {
    let options = RootfsOptions {
        max_file_bytes: expected.max_file_bytes,
        ..*options
    };
    let actual = RootfsManifest::create(target, &options, progress)?;
    Ok(expected.compare(&actual))
}

/// A field of an entry.
///
/// ```
/// assert_eq!(otcheck::manifest::Field::Sha256.as_str(), "sha256");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Field {
    /// `type`.
    Type,
    /// `mode`.
    Mode,
    /// `uid`.
    Uid,
    /// `gid`.
    Gid,
    /// `size`.
    Size,
    /// `sha256`.
    Sha256,
    /// `target`.
    Target,
}

impl Field {
    /// The field's name in the document.
    ///
    /// See [`Field`] for an example.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Type => "type",
            Self::Mode => "mode",
            Self::Uid => "uid",
            Self::Gid => "gid",
            Self::Size => "size",
            Self::Sha256 => "sha256",
            Self::Target => "target",
        }
    }
}

/// One field that differs: as recorded and as found (`None`: absent, or not recorded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Change {
    /// The field.
    pub field: Field,
    /// The recorded value, as the document writes it.
    pub expected: Option<String>,
    /// The value now.
    pub found: Option<String>,
}

/// An entry present in both, with at least one field that differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Modified {
    /// Its path (escaped).
    pub path: String,
    /// The fields that differ, in [`Field`] order.
    pub changes: Vec<Change>,
}

/// A file whose content could not be compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct NotCompared {
    /// Its path (escaped).
    pub path: String,
    /// Why not: it was skipped when the manifest was made, or now, or both.
    pub reason: String,
}

/// What differs between a manifest and the tree.
///
/// See [`RootfsManifest::compare`] and [`verify_rootfs`] for examples.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Comparison {
    /// Entries in the manifest.
    pub entries: usize,
    /// Entries whose type, mode, owner, size, content or link text differ.
    pub modified: Vec<Modified>,
    /// Paths in the tree but not in the manifest.
    pub added: Vec<String>,
    /// Paths in the manifest but not in the tree.
    pub removed: Vec<String>,
    /// Files whose content was not compared (skipped on one side or both, with equal
    /// metadata); not a difference, but not verified either.
    pub not_compared: Vec<NotCompared>,
    /// Why the walk of the tree did not see every entry, if it did not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub incomplete: Option<String>,
}

impl Comparison {
    /// No entry modified, added or removed.
    ///
    /// ```
    /// assert!(otcheck::manifest::Comparison::default().is_identical());
    /// ```
    #[must_use]
    pub fn is_identical(&self) -> bool {
        self.modified.is_empty() && self.added.is_empty() && self.removed.is_empty()
    }
}

fn compare_entry(want: &Entry, have: &Entry, diff: &mut Comparison) {
    let mut changes = Vec::new();
    let mut check = |field, expected: Option<String>, found: Option<String>| {
        if expected != found {
            changes.push(Change {
                field,
                expected,
                found,
            });
        }
    };
    check(
        Field::Type,
        Some(want.kind.as_str().to_owned()),
        Some(have.kind.as_str().to_owned()),
    );
    check(
        Field::Mode,
        Some(octal::text(want.mode)),
        Some(octal::text(have.mode)),
    );
    check(
        Field::Uid,
        Some(want.uid.to_string()),
        Some(have.uid.to_string()),
    );
    check(
        Field::Gid,
        Some(want.gid.to_string()),
        Some(have.gid.to_string()),
    );
    check(
        Field::Size,
        want.size.map(|s| s.to_string()),
        have.size.map(|s| s.to_string()),
    );
    let both_files = want.kind == EntryType::File && have.kind == EntryType::File;
    // A file recorded without a digest has no content to compare with; a file recorded with
    // one but unreadable now is reported (found: none), since nobody can tell it is intact.
    if !(both_files && want.sha256.is_none()) {
        check(Field::Sha256, want.sha256.clone(), have.sha256.clone());
    }
    check(Field::Target, want.target.clone(), have.target.clone());
    if changes.is_empty() {
        if both_files && want.sha256.is_none() {
            let reason = match (&want.skipped, &have.skipped) {
                (Some(w), None) => format!("not hashed when the manifest was made: {w}"),
                (_, Some(h)) => format!("not hashed: {h}"),
                (None, None) => "not hashed".to_owned(),
            };
            diff.not_compared.push(NotCompared {
                path: want.path.clone(),
                reason,
            });
        }
    } else {
        diff.modified.push(Modified {
            path: want.path.clone(),
            changes,
        });
    }
}

/// The entry for `seen`, with everything but a regular file's digest.
fn entry(target: &Target, seen: &Seen, cap: u64) -> Entry {
    let m = &seen.metadata;
    let kind = EntryType::of(m.kind);
    let mut e = Entry {
        path: escape_name(seen.path.as_os_str().as_bytes()),
        kind,
        mode: m.mode,
        uid: m.uid,
        gid: m.gid,
        size: None,
        sha256: None,
        target: None,
        skipped: None,
    };
    match kind {
        EntryType::File => {
            e.size = Some(m.size);
            if m.size > cap {
                e.skipped = Some(format!("larger than the {cap}-byte limit"));
            }
        }
        EntryType::Symlink => {
            e.size = Some(m.size);
            match target.read_link(&seen.path) {
                Ok(link) => e.target = Some(escape_name(link.as_os_str().as_bytes())),
                Err(err) => e.skipped = Some(reason(&err)),
            }
        }
        _ => {}
    }
    e
}

/// Why a read failed, without the path (the entry already names it).
fn reason(err: &ReadError) -> String {
    match err {
        ReadError::NotFound { .. } => "removed during the walk".to_owned(),
        ReadError::PermissionDenied { .. } => "permission denied".to_owned(),
        ReadError::NotRegularFile { kind, .. } => format!("changed during the walk ({kind})"),
        ReadError::TooLarge { size, limit, .. } => {
            format!("larger than the {limit}-byte limit ({size} bytes)")
        }
        ReadError::Changed { .. } => "changed during the walk".to_owned(),
        ReadError::Io { source, .. } => source.to_string(),
        other => other.to_string(),
    }
}

/// The digest and length of each job's file, or why it was not hashed, by entry index.
type Hashed = Vec<(usize, Result<(String, u64), String>)>;

/// Hashes the files `jobs` (indices into `seen`) on `threads` threads (0: one per CPU).
fn hash_all(
    target: &Target,
    seen: &[Seen],
    jobs: &[usize],
    cap: u64,
    threads: usize,
    progress: &dyn Progress,
) -> Result<Hashed, RootfsError> {
    let files = u64::try_from(jobs.len()).unwrap_or(u64::MAX);
    let bytes = jobs
        .iter()
        .filter_map(|&i| seen.get(i))
        .fold(0u64, |sum, s| sum.saturating_add(s.metadata.size));
    progress.start(files, bytes);
    let threads = match threads {
        0 => std::thread::available_parallelism().map_or(1, usize::from),
        n => n,
    }
    .clamp(1, jobs.len().max(1));
    let next = AtomicUsize::new(0);
    let worker = || {
        let mut done = Vec::new();
        while let Some(&index) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
            let Some(s) = seen.get(index) else { continue };
            done.push((index, hash_one(target, s, cap)));
            progress.hashed(s.metadata.size);
        }
        done
    };
    let result = std::thread::scope(|scope| {
        let handles = (0..threads)
            .map(|i| {
                std::thread::Builder::new()
                    .name(format!("otcheck-hash-{i}"))
                    .spawn_scoped(scope, worker)
            })
            .collect::<Result<Vec<_>, _>>()
            .map_err(RootfsError::Thread)?;
        let mut all = Vec::with_capacity(jobs.len());
        for h in handles {
            all.extend(h.join().map_err(|_| RootfsError::ThreadPanicked)?);
        }
        Ok(all)
    });
    progress.finish();
    result
}

/// Reads and hashes one regular file, checking it is still the inode the walk saw.
fn hash_one(target: &Target, seen: &Seen, cap: u64) -> Result<(String, u64), String> {
    let content = target
        .read_file_limited(Path::new(&seen.path), cap)
        .map_err(|e| reason(&e))?;
    let now = &content.metadata;
    if now.dev != seen.metadata.dev || now.ino != seen.metadata.ino {
        return Err("changed during the walk (another file is there now)".to_owned());
    }
    let len = u64::try_from(content.bytes.len()).unwrap_or(u64::MAX);
    Ok((content.sha256, len))
}

/// `mode` as four octal digits in a string (`"0755"`), as people read it.
mod octal {
    use serde::{Deserialize as _, Deserializer, Serializer};

    pub(super) fn text(mode: u32) -> String {
        format!("{mode:04o}")
    }

    pub(super) fn serialize<S: Serializer>(mode: &u32, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&text(*mode))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
        let text = String::deserialize(d)?;
        u32::from_str_radix(&text, 8)
            .ok()
            .filter(|&m| m <= 0o7777 && !text.starts_with('+'))
            .ok_or_else(|| {
                serde::de::Error::custom(format!("mode `{text}` is not octal 0000-7777"))
            })
    }
}
