//! Binary hardening of the ELF executables and libraries on the target: PIE, RELRO, a
//! non-executable stack, stack protector, FORTIFY and RPATH/RUNPATH, one row per binary.
//!
//! Only the usual binary directories are walked ([`BinaryScanOptions::dirs`]), never
//! following a symlink, each file once (hard links and merged-`/usr` symlinks are met by
//! device and inode). Candidates are regular files with an execute bit or a `.so` name;
//! they are read whole through [`Target::read_file_limited`] and parsed with `goblin`.
//!
//! Detection, as `checksec` does it: PIE is `ET_DYN` with an interpreter or `DF_1_PIE`;
//! RELRO is `PT_GNU_RELRO`, *full* with `BIND_NOW`; the stack is non-executable when
//! `PT_GNU_STACK` lacks `PF_X`; the stack protector is `__stack_chk_fail`/`__stack_chk_guard`
//! among the dynamic symbols (the full symbol table for static binaries); FORTIFY is an
//! imported `__*_chk` function, and its absence only counts against a binary that imports
//! one of the functions FORTIFY would replace.
//!
//! Guarantees: bounded by [`BinaryLimits`] (files, bytes per file, bytes in all, depth);
//! every file skipped for size, unreadable or unparsable, and every limit hit, is kept in
//! [`ElfFacts`] so a check cannot pass on a partial scan. A parser panic on a hostile file is
//! caught and recorded as unparsable. Nothing is executed.

use core::panic::AssertUnwindSafe;
use std::collections::HashSet;
use std::panic::catch_unwind;

use goblin::elf::Elf;
use goblin::elf::dynamic::{DF_1_NOW, DF_1_PIE, DF_BIND_NOW, DT_BIND_NOW};
use goblin::elf::header::{ET_DYN, ET_EXEC};
use goblin::elf::program_header::{PF_X, PT_GNU_RELRO, PT_GNU_STACK};

use crate::target::{FileContent, FileKind, Metadata, ReadError, Target, WalkLimits};

/// Bounds on the binary scan.
///
/// ```
/// let l = otcheck::probe::elf::BinaryLimits::default();
/// assert_eq!(l.max_file_bytes, 64 << 20);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct BinaryLimits {
    /// The most candidate files read (default 20 000).
    pub max_files: usize,
    /// The largest file read (default 64 MiB); larger ones are skipped and reported.
    pub max_file_bytes: u64,
    /// The most bytes read in all (default 1 GiB).
    pub max_total_bytes: u64,
    /// How deep each directory is walked (default 12).
    pub max_depth: usize,
}

impl Default for BinaryLimits {
    fn default() -> Self {
        Self {
            max_files: 20_000,
            max_file_bytes: 64 << 20,
            max_total_bytes: 1 << 30,
            max_depth: 12,
        }
    }
}

/// Where binaries are looked for.
///
/// ```
/// let o = otcheck::probe::elf::BinaryScanOptions::default();
/// assert!(o.dirs.iter().any(|d| d == "/usr/lib*"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct BinaryScanOptions {
    /// Directories walked (a `*` in the last component matches directories, e.g.
    /// `/usr/lib*`). Canonical ones come first so merged-`/usr` links are named by them.
    pub dirs: Vec<String>,
    /// Subtrees never entered: debug symbols, firmware blobs, kernel modules.
    pub skip: Vec<String>,
    /// Scan bounds.
    pub limits: BinaryLimits,
}

impl Default for BinaryScanOptions {
    fn default() -> Self {
        let s = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        Self {
            dirs: s(&[
                "/usr/bin",
                "/usr/sbin",
                "/usr/local/bin",
                "/usr/local/sbin",
                "/bin",
                "/sbin",
                "/usr/libexec",
                "/usr/lib*",
                "/usr/local/lib*",
                "/lib*",
                "/opt",
            ]),
            skip: s(&[
                "/usr/lib/debug",
                "/lib/firmware",
                "/usr/lib/firmware",
                "/lib/modules",
                "/usr/lib/modules",
            ]),
            limits: BinaryLimits::default(),
        }
    }
}

/// What kind of ELF object a binary is.
///
/// ```
/// assert_eq!(otcheck::probe::elf::BinaryKind::Library.as_str(), "library");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BinaryKind {
    /// A program (`ET_EXEC`, or `ET_DYN` with an interpreter or `DF_1_PIE`).
    Executable,
    /// A shared object.
    Library,
}

impl BinaryKind {
    /// Its name.
    ///
    /// ```
    /// assert_eq!(otcheck::probe::elf::BinaryKind::Executable.as_str(), "executable");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Executable => "executable",
            Self::Library => "library",
        }
    }
}

/// RELRO (read-only relocations after start-up).
///
/// ```
/// assert_eq!(otcheck::probe::elf::Relro::Partial.as_str(), "partial");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Relro {
    /// No `PT_GNU_RELRO`.
    None,
    /// `PT_GNU_RELRO` with lazy binding: the GOT stays writable.
    Partial,
    /// `PT_GNU_RELRO` and `BIND_NOW`.
    Full,
}

impl Relro {
    /// Its name.
    ///
    /// ```
    /// assert_eq!(otcheck::probe::elf::Relro::Full.as_str(), "full");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Partial => "partial",
            Self::Full => "full",
        }
    }
}

/// FORTIFY_SOURCE evidence.
///
/// ```
/// use otcheck::probe::elf::Fortify;
/// assert_eq!(Fortify::Fortified { checked: 3, unchecked: 1 }.to_string(), "yes (3 checked, 1 unchecked)");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Fortify {
    /// Imports `__*_chk` functions.
    Fortified {
        /// How many `__*_chk` functions it imports.
        checked: usize,
        /// How many fortifiable functions it still imports unchecked.
        unchecked: usize,
    },
    /// Imports fortifiable functions, none of them checked.
    Unfortified {
        /// How many.
        unchecked: usize,
    },
    /// Imports nothing FORTIFY would replace.
    NotApplicable,
    /// A static binary without a symbol table: cannot tell.
    Unknown,
}

impl core::fmt::Display for Fortify {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::Fortified { checked, unchecked } => {
                write!(f, "yes ({checked} checked, {unchecked} unchecked)")
            }
            Self::Unfortified { unchecked } => write!(f, "no ({unchecked} unchecked)"),
            Self::NotApplicable => f.write_str("n/a"),
            Self::Unknown => f.write_str("unknown"),
        }
    }
}

/// The hardening properties of one ELF binary.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Hardening {
    /// Executable or library.
    pub kind: BinaryKind,
    /// The machine (`X86_64`, `ARM`, `AARCH64`…).
    pub machine: &'static str,
    /// Statically linked (no dynamic section).
    pub static_linked: bool,
    /// Position-independent executable (always `true` for a library).
    pub pie: bool,
    /// RELRO.
    pub relro: Relro,
    /// `PT_GNU_STACK` without `PF_X`.
    pub nx_stack: bool,
    /// Stack protector (`None`: a static binary without symbols, cannot tell).
    pub stack_protector: Option<bool>,
    /// FORTIFY_SOURCE.
    pub fortify: Fortify,
    /// `DT_RPATH` entries.
    pub rpath: Vec<String>,
    /// `DT_RUNPATH` entries.
    pub runpath: Vec<String>,
}

/// Functions glibc's FORTIFY_SOURCE replaces with a `__*_chk` variant.
const FORTIFIABLE: &[&str] = &[
    "memcpy",
    "mempcpy",
    "memmove",
    "memset",
    "stpcpy",
    "stpncpy",
    "strcat",
    "strcpy",
    "strncat",
    "strncpy",
    "sprintf",
    "snprintf",
    "vsprintf",
    "vsnprintf",
    "printf",
    "fprintf",
    "vprintf",
    "vfprintf",
    "dprintf",
    "vdprintf",
    "asprintf",
    "vasprintf",
    "fgets",
    "fgets_unlocked",
    "fread",
    "fread_unlocked",
    "gets",
    "getcwd",
    "getwd",
    "read",
    "pread",
    "pread64",
    "readlink",
    "readlinkat",
    "realpath",
    "recv",
    "recvfrom",
    "confstr",
    "getgroups",
    "ttyname_r",
    "ptsname_r",
    "gethostname",
    "getdomainname",
    "getlogin_r",
    "wcscpy",
    "wcsncpy",
    "wcscat",
    "wcsncat",
    "wmemcpy",
    "wmemmove",
    "wmemset",
    "wcrtomb",
    "mbstowcs",
    "wcstombs",
    "swprintf",
    "poll",
    "ppoll",
    "syslog",
    "vsyslog",
    "explicit_bzero",
];

/// Why a file is not analysed.
///
/// ```
/// let err = otcheck::probe::elf::analyse(b"\x7fELF").unwrap_err();
/// assert!(err.to_string().starts_with("malformed ELF"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ElfError {
    /// No ELF magic.
    #[error("not an ELF file")]
    NotElf,
    /// A relocatable object, core dump or similar: not a program or library.
    #[error("ELF type {0} is not an executable or shared object")]
    OtherType(u16),
    /// `goblin` rejected it.
    #[error("malformed ELF: {0}")]
    Malformed(String),
}

/// Analyses one ELF file's bytes.
///
/// ```
/// // Real binaries come from the target; a truncated one is an error, never a panic.
/// assert!(otcheck::probe::elf::analyse(&[0x7f, b'E', b'L', b'F', 2, 1, 1]).is_err());
/// assert_eq!(otcheck::probe::elf::analyse(b"#!/bin/sh\n"), Err(otcheck::probe::elf::ElfError::NotElf));
/// ```
///
/// # Errors
///
/// [`ElfError`] when the bytes are not an ELF executable or shared object goblin can parse.
pub fn analyse(bytes: &[u8]) -> Result<Hardening, ElfError> {
    if !bytes.starts_with(b"\x7fELF") {
        return Err(ElfError::NotElf);
    }
    match catch_unwind(AssertUnwindSafe(|| analyse_unguarded(bytes))) {
        Ok(result) => result,
        Err(_) => Err(ElfError::Malformed("the ELF parser panicked".to_owned())),
    }
}

fn analyse_unguarded(bytes: &[u8]) -> Result<Hardening, ElfError> {
    let elf = Elf::parse(bytes).map_err(|e| ElfError::Malformed(e.to_string()))?;
    let e_type = elf.header.e_type;
    if e_type != ET_EXEC && e_type != ET_DYN {
        return Err(ElfError::OtherType(e_type));
    }
    let (flags, flags_1, bind_now_tag) = elf.dynamic.as_ref().map_or((0, 0, false), |d| {
        (
            d.info.flags,
            d.info.flags_1,
            d.dyns.iter().any(|e| e.d_tag == DT_BIND_NOW),
        )
    });
    let pie_flag = flags_1 & DF_1_PIE != 0;
    let kind = if e_type == ET_EXEC || elf.interpreter.is_some() || pie_flag {
        BinaryKind::Executable
    } else {
        BinaryKind::Library
    };
    let pie = e_type == ET_DYN;
    let has_relro = elf.program_headers.iter().any(|p| p.p_type == PT_GNU_RELRO);
    let bind_now = bind_now_tag || flags & DF_BIND_NOW != 0 || flags_1 & DF_1_NOW != 0;
    let relro = match (has_relro, bind_now) {
        (false, _) => Relro::None,
        (true, false) => Relro::Partial,
        (true, true) => Relro::Full,
    };
    let nx_stack = elf
        .program_headers
        .iter()
        .find(|p| p.p_type == PT_GNU_STACK)
        .is_some_and(|p| p.p_flags & PF_X == 0);
    let static_linked = elf.dynamic.is_none();
    let canary = |name: &str| matches!(name, "__stack_chk_fail" | "__stack_chk_guard");
    let (stack_protector, fortify) = if static_linked {
        let names: Vec<&str> = elf
            .syms
            .iter()
            .filter_map(|s| elf.strtab.get_at(s.st_name))
            .collect();
        if names.is_empty() {
            (None, Fortify::Unknown)
        } else {
            let checked = names.iter().filter(|n| is_chk(n)).count();
            (
                Some(names.iter().any(|n| canary(n))),
                if checked > 0 {
                    Fortify::Fortified {
                        checked,
                        unchecked: 0,
                    }
                } else {
                    Fortify::Unknown
                },
            )
        }
    } else {
        let mut protector = false;
        let (mut checked, mut unchecked) = (0usize, 0usize);
        for sym in elf.dynsyms.iter() {
            let Some(name) = elf.dynstrtab.get_at(sym.st_name) else {
                continue;
            };
            let name = name.split('@').next().unwrap_or(name);
            protector |= canary(name);
            // Only imports say what this binary calls.
            if sym.st_shndx != 0 {
                continue;
            }
            if is_chk(name) {
                checked = checked.saturating_add(1);
            } else if FORTIFIABLE.contains(&name) {
                unchecked = unchecked.saturating_add(1);
            }
        }
        let fortify = match (checked, unchecked) {
            (0, 0) => Fortify::NotApplicable,
            (0, u) => Fortify::Unfortified { unchecked: u },
            (c, u) => Fortify::Fortified {
                checked: c,
                unchecked: u,
            },
        };
        (Some(protector), fortify)
    };
    let split = |v: &[&str]| -> Vec<String> {
        v.iter()
            .flat_map(|s| s.split(':'))
            .map(str::to_owned)
            .collect()
    };
    Ok(Hardening {
        kind,
        machine: goblin::elf::header::machine_to_str(elf.header.e_machine),
        static_linked,
        pie: pie || kind == BinaryKind::Library,
        relro,
        nx_stack,
        stack_protector,
        fortify,
        rpath: split(&elf.rpaths),
        runpath: split(&elf.runpaths),
    })
}

fn is_chk(name: &str) -> bool {
    name.starts_with("__")
        && name.ends_with("_chk")
        && !matches!(
            name,
            "__stack_chk_fail" | "__stack_chk_guard" | "__chk_fail"
        )
}

/// One analysed binary.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Binary {
    /// Path inside the target.
    pub path: String,
    /// SHA-256 of its bytes.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
    /// Mode bits (setuid matters for `$ORIGIN`).
    pub mode: u32,
    /// What it is and how it is hardened.
    pub hardening: Hardening,
    /// RPATH/RUNPATH entries that let others plant libraries: relative, empty, `$ORIGIN` in
    /// a setuid program, or a world-writable directory inside the target.
    pub insecure_search_path: Vec<String>,
}

impl Binary {
    /// One table row: `path  kind  PIE  RELRO  NX  canary  FORTIFY  RPATH/RUNPATH`.
    ///
    /// ```
    /// assert!(otcheck::probe::elf::TABLE_HEADER.starts_with("binary"));
    /// ```
    #[must_use]
    pub fn row(&self) -> String {
        let h = &self.hardening;
        let yes = |b: bool| if b { "yes" } else { "no" };
        let canary = match h.stack_protector {
            Some(b) => yes(b),
            None => "unknown",
        };
        let mut paths: Vec<String> = h.rpath.iter().map(|p| format!("RPATH={p}")).collect();
        paths.extend(h.runpath.iter().map(|p| format!("RUNPATH={p}")));
        format!(
            "{}  {}{}  PIE={}  RELRO={}  NX={}  canary={}  FORTIFY={}  {}",
            self.path,
            h.kind.as_str(),
            if h.static_linked { " (static)" } else { "" },
            if h.kind == BinaryKind::Library {
                "n/a"
            } else {
                yes(h.pie)
            },
            h.relro.as_str(),
            yes(h.nx_stack),
            canary,
            h.fortify,
            if paths.is_empty() {
                "-".to_owned()
            } else {
                paths.join(" ")
            }
        )
    }
}

/// The header line of [`ElfFacts::table`].
pub const TABLE_HEADER: &str = "binary  kind  PIE  RELRO  NX  canary  FORTIFY  RPATH/RUNPATH";

/// What the scan found and how complete it was.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ElfFacts {
    /// Analysed binaries, sorted by path.
    pub binaries: Vec<Binary>,
    /// ELF files that could not be analysed (`path: reason`).
    pub unparsable: Vec<String>,
    /// Candidates larger than the file limit.
    pub too_large: Vec<String>,
    /// Files or directories that could not be read (`path: reason`).
    pub unreadable: Vec<String>,
    /// Limits that stopped the scan.
    pub limits_hit: Vec<String>,
    /// The directories that existed and were walked.
    pub walked: Vec<String>,
    /// Candidate files read.
    pub files_read: usize,
    /// Bytes read.
    pub bytes_read: u64,
}

impl ElfFacts {
    /// Why the scan cannot support a pass, if it cannot.
    ///
    /// ```
    /// assert!(otcheck::probe::elf::ElfFacts::default().incomplete_reason().is_none());
    /// ```
    #[must_use]
    pub fn incomplete_reason(&self) -> Option<String> {
        let mut why = self.limits_hit.clone();
        for (what, items) in [
            ("larger than the file limit", &self.too_large),
            ("could not be read", &self.unreadable),
            ("could not be parsed", &self.unparsable),
        ] {
            if !items.is_empty() {
                why.push(format!(
                    "{} files {what} ({})",
                    items.len(),
                    crate::checks::list(items, 3)
                ));
            }
        }
        (!why.is_empty()).then(|| why.join("; "))
    }

    /// The per-binary table, one line per binary after [`TABLE_HEADER`].
    ///
    /// ```
    /// let t = otcheck::probe::elf::ElfFacts::default().table();
    /// assert_eq!(t.lines().count(), 1);
    /// ```
    #[must_use]
    pub fn table(&self) -> String {
        let mut out = String::from(TABLE_HEADER);
        out.push('\n');
        for b in &self.binaries {
            out.push_str(&b.row());
            out.push('\n');
        }
        out
    }
}

/// Calls `visit` with each candidate file under `dirs` (see the module docs), read whole, each
/// once, within `limits`; records what it skipped in `facts`.
pub(crate) fn for_each_candidate(
    target: &Target,
    dirs: &[String],
    skip: &[String],
    limits: &BinaryLimits,
    want: impl Fn(&str, &Metadata) -> bool,
    facts: &mut ElfFacts,
    mut visit: impl FnMut(FileContent, &mut ElfFacts),
) {
    let mut roots: Vec<String> = Vec::new();
    for d in dirs {
        match crate::probe::expand_glob(target, d) {
            Ok(expanded) => roots.extend(expanded),
            Err(e) => facts.unreadable.push(e.to_string()),
        }
    }
    let mut seen_dirs: HashSet<(u64, u64)> = HashSet::new();
    let mut seen_files: HashSet<(u64, u64)> = HashSet::new();
    let walk = WalkLimits {
        max_depth: limits.max_depth,
        max_entries: u64::try_from(limits.max_files.saturating_mul(20)).unwrap_or(u64::MAX),
        ..WalkLimits::default()
    };
    'roots: for root in roots {
        let meta = match target.stat(&root) {
            Ok(m) if m.kind == FileKind::Directory => m,
            Ok(_) => continue,
            Err(e) if e.is_not_found() => continue,
            Err(e) => {
                facts.unreadable.push(e.to_string());
                continue;
            }
        };
        if !seen_dirs.insert((meta.dev, meta.ino)) {
            continue; // `/bin -> usr/bin`: already walked under its canonical name
        }
        let mut found: Vec<(String, Metadata)> = Vec::new();
        let summary = target.walk(&root, &walk, |e| {
            let path = e.path.to_string_lossy().into_owned();
            if e.metadata.kind == FileKind::Regular
                && !skip
                    .iter()
                    .any(|s| path == *s || path.starts_with(&format!("{s}/")))
                && want(&path, &e.metadata)
            {
                found.push((path, e.metadata));
            }
        });
        match summary {
            Ok(s) => {
                facts.walked.push(root.clone());
                if let Some(why) = s.incomplete_reason() {
                    // Unreadable entries below a skipped subtree do not matter, the rest do.
                    facts.limits_hit.push(format!("{root}: {why}"));
                }
            }
            Err(e) => {
                facts.unreadable.push(e.to_string());
                continue;
            }
        }
        for (path, m) in found {
            if !seen_files.insert((m.dev, m.ino)) {
                continue;
            }
            if facts.files_read >= limits.max_files {
                facts
                    .limits_hit
                    .push(format!("stopped at the {}-file limit", limits.max_files));
                break 'roots;
            }
            if m.size > limits.max_file_bytes {
                facts.too_large.push(path);
                continue;
            }
            if facts.bytes_read.saturating_add(m.size) > limits.max_total_bytes {
                facts.limits_hit.push(format!(
                    "stopped at the {}-byte limit",
                    limits.max_total_bytes
                ));
                break 'roots;
            }
            match target.read_file_limited(&path, limits.max_file_bytes) {
                Ok(file) => {
                    facts.files_read = facts.files_read.saturating_add(1);
                    facts.bytes_read = facts
                        .bytes_read
                        .saturating_add(u64::try_from(file.bytes.len()).unwrap_or(u64::MAX));
                    visit(file, facts);
                }
                Err(ReadError::TooLarge { .. }) => facts.too_large.push(path),
                Err(e) => facts.unreadable.push(e.to_string()),
            }
        }
    }
}

/// Whether a file is worth reading as a possible ELF binary.
fn candidate(path: &str, m: &Metadata) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    if m.size < 4
        || [
            ".a", ".o", ".ko", ".debug", ".py", ".pyc", ".pl", ".pm", ".sh", ".h",
        ]
        .iter()
        .any(|ext| name.ends_with(ext))
    {
        return false;
    }
    m.mode & 0o111 != 0 || name.ends_with(".so") || name.contains(".so.")
}

/// Scans the binary directories and analyses every ELF executable and library.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = tempfile::tempdir()?;
/// std::fs::create_dir_all(dir.path().join("usr/bin"))?;
/// std::fs::write(dir.path().join("usr/bin/truncated"), b"\x7fELF\x02\x01\x01")?;
/// std::fs::set_permissions(dir.path().join("usr/bin/truncated"), std::os::unix::fs::PermissionsExt::from_mode(0o755))?;
/// let target = otcheck::target::Target::rootfs(dir.path())?;
/// let facts = otcheck::probe::elf::probe(&target, &Default::default());
/// assert!(facts.binaries.is_empty());
/// assert!(facts.unparsable[0].starts_with("/usr/bin/truncated: malformed ELF"));
/// # Ok(()) }
/// ```
#[must_use]
pub fn probe(target: &Target, options: &BinaryScanOptions) -> ElfFacts {
    let mut facts = ElfFacts::default();
    let mut binaries = Vec::new();
    for_each_candidate(
        target,
        &options.dirs,
        &options.skip,
        &options.limits,
        candidate,
        &mut facts,
        |file, facts| match analyse(&file.bytes) {
            Ok(hardening) => binaries.push(Binary {
                path: file.path,
                sha256: file.sha256,
                size: file.metadata.size,
                mode: file.metadata.mode,
                hardening,
                insecure_search_path: Vec::new(),
            }),
            Err(ElfError::NotElf | ElfError::OtherType(_)) => {}
            Err(e) => facts.unparsable.push(format!("{}: {e}", file.path)),
        },
    );
    for b in &mut binaries {
        b.insecure_search_path = insecure_entries(target, b);
    }
    binaries.sort_by(|a, b| a.path.cmp(&b.path));
    facts.binaries = binaries;
    facts
}

/// The search-path entries of `b` that others could plant libraries in.
fn insecure_entries(target: &Target, b: &Binary) -> Vec<String> {
    let setid = b.mode & 0o6000 != 0;
    b.hardening
        .rpath
        .iter()
        .chain(&b.hardening.runpath)
        .filter(|entry| {
            let e = entry.as_str();
            if e.is_empty() {
                return true; // an empty entry means the current directory
            }
            if e.starts_with("$ORIGIN") || e.starts_with("${ORIGIN}") {
                return setid;
            }
            if !e.starts_with('/') {
                return true;
            }
            // World-writable directory inside the target (sticky or not: anyone can add).
            target
                .stat(e)
                .is_ok_and(|m| m.kind == FileKind::Directory && m.mode & 0o002 != 0)
        })
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_elf_and_truncated_input_is_an_error_not_a_panic() {
        assert_eq!(analyse(b""), Err(ElfError::NotElf));
        let mut header = b"\x7fELF\x02\x01\x01".to_vec();
        header.resize(64, 0);
        for n in 0..header.len() {
            let _ = analyse(&header[..n]);
        }
        assert!(analyse(&header).is_err());
    }

    #[test]
    fn chk_names_exclude_the_stack_protector() {
        assert!(is_chk("__memcpy_chk"));
        assert!(!is_chk("__stack_chk_fail"));
        assert!(!is_chk("memcpy"));
    }
}
