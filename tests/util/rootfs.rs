//! `RootfsBuilder`: a fresh root filesystem per test, written with plain `std::fs` (the
//! code under test never writes), plus a byte-level snapshot to prove audits change nothing.

use std::collections::BTreeMap;
use std::io::Read as _;
use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
use std::path::{Path, PathBuf};

use otcheck::audit::{AuditOutcome, AuditPlan};
use otcheck::core::ComponentType;
use otcheck::report::OutcomeKind;
use otcheck::target::Target;
use sha2::Digest as _;

/// A root filesystem under construction, in its own temporary directory.
pub(crate) struct RootfsBuilder {
    dir: tempfile::TempDir,
}

impl RootfsBuilder {
    pub(crate) fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("root")).unwrap();
        Self { dir }
    }

    /// The root of the filesystem.
    pub(crate) fn root(&self) -> PathBuf {
        self.dir.path().join("root")
    }

    /// A directory beside (outside) the root, for escape tests.
    pub(crate) fn outside(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    fn host_path(&self, path: &str) -> PathBuf {
        let p = self.root().join(path.trim_start_matches('/'));
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        p
    }

    pub(crate) fn file(&self, path: &str, contents: impl AsRef<[u8]>) -> &Self {
        std::fs::write(self.host_path(path), contents).unwrap();
        self
    }

    pub(crate) fn file_mode(&self, path: &str, contents: impl AsRef<[u8]>, mode: u32) -> &Self {
        self.file(path, contents);
        std::fs::set_permissions(self.host_path(path), std::fs::Permissions::from_mode(mode))
            .unwrap();
        self
    }

    pub(crate) fn dir_mode(&self, path: &str, mode: u32) -> &Self {
        let p = self.host_path(path);
        std::fs::create_dir_all(&p).unwrap();
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
        self
    }

    pub(crate) fn symlink(&self, path: &str, target: impl AsRef<Path>) -> &Self {
        std::os::unix::fs::symlink(target, self.host_path(path)).unwrap();
        self
    }

    pub(crate) fn fifo(&self, path: &str) -> &Self {
        nix::unistd::mkfifo(
            &self.host_path(path),
            nix::sys::stat::Mode::from_bits_truncate(0o644),
        )
        .unwrap();
        self
    }

    /// A sparse file claiming `size` bytes.
    pub(crate) fn sparse(&self, path: &str, size: u64) -> &Self {
        std::fs::File::create(self.host_path(path))
            .unwrap()
            .set_len(size)
            .unwrap();
        self
    }

    pub(crate) fn target(&self) -> Target {
        Target::rootfs(self.root()).unwrap()
    }

    pub(crate) fn audit(&self, component: ComponentType) -> AuditOutcome {
        otcheck::audit::run(&AuditPlan::new(self.target()).component(component))
    }
}

/// `check id → (outcome, finding)` for every record.
pub(crate) fn verdicts(outcome: &AuditOutcome) -> BTreeMap<String, (OutcomeKind, Option<String>)> {
    outcome
        .records
        .iter()
        .map(|r| (r.check.clone(), (r.outcome, r.finding.clone())))
        .collect()
}

/// Asserts every listed check has the given outcome and finding, with a readable diff.
pub(crate) fn assert_verdicts(
    outcome: &AuditOutcome,
    expected: &[(&str, OutcomeKind, Option<&str>)],
) {
    let got = verdicts(outcome);
    let mut wrong = Vec::new();
    for (check, kind, finding) in expected {
        let want = (*kind, finding.map(str::to_owned));
        match got.get(*check) {
            Some(have) if *have == want => {}
            have => {
                let message = outcome
                    .record(check)
                    .map(|r| r.message.clone())
                    .unwrap_or_default();
                wrong.push(format!("{check}: want {want:?}, got {have:?} ({message})"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "wrong verdicts:\n  {}",
        wrong.join("\n  ")
    );
    let listed: Vec<&str> = expected.iter().map(|(c, _, _)| *c).collect();
    let unlisted: Vec<&String> = got
        .keys()
        .filter(|k| !listed.contains(&k.as_str()))
        .collect();
    assert!(
        unlisted.is_empty(),
        "checks without an expected verdict: {unlisted:?}"
    );
}

/// Everything about a tree, without following links or opening anything but regular files:
/// path → (type, mode, size, link target or content hash).
pub(crate) fn snapshot(root: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            let ft = meta.file_type();
            let detail = if ft.is_symlink() {
                format!("-> {}", std::fs::read_link(&path).unwrap().display())
            } else if ft.is_file() && meta.len() <= 1 << 20 && meta.mode() & 0o444 != 0 {
                let mut bytes = Vec::new();
                std::fs::File::open(&path)
                    .unwrap()
                    .read_to_end(&mut bytes)
                    .unwrap();
                format!("{:x}", sha2::Sha256::digest(&bytes))
            } else {
                String::new()
            };
            if ft.is_dir() {
                stack.push(path.clone());
            }
            out.insert(
                path.strip_prefix(root).unwrap().to_path_buf(),
                format!("{:o} {} {} {detail}", meta.mode(), meta.len(), meta.mtime()),
            );
        }
    }
    out
}
