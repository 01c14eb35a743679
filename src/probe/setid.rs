//! File-system permissions across the whole target: setuid/setgid files, world-writable
//! files, and world-writable directories without the sticky bit.
//!
//! Guarantees: one bounded walk ([`WalkLimits`]) that never follows a symlink and, on the
//! live host, stays out of `/proc`, `/sys`, `/dev` and `/run`; the [`WalkSummary`] says
//! whether it saw everything, so a check cannot pass on a partial walk.

use std::path::PathBuf;

use crate::target::{FileKind, Metadata, ReadError, Target, WalkLimits, WalkSummary};

/// The permission facts.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct Permissions {
    /// Setuid or setgid regular files.
    pub setid: Vec<(PathBuf, Metadata)>,
    /// World-writable regular files.
    pub world_writable_files: Vec<(PathBuf, Metadata)>,
    /// World-writable directories without the sticky bit.
    pub world_writable_dirs: Vec<(PathBuf, Metadata)>,
    /// How the walk went.
    pub summary: WalkSummary,
}

/// Walks the target once and collects the permission facts.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use std::os::unix::fs::PermissionsExt;
/// let dir = tempfile::tempdir()?;
/// std::fs::create_dir(dir.path().join("bin"))?;
/// std::fs::write(dir.path().join("bin/tool"), b"")?;
/// std::fs::set_permissions(dir.path().join("bin/tool"), std::fs::Permissions::from_mode(0o4755))?;
/// let target = otcheck::target::Target::rootfs(dir.path())?;
/// let perms = otcheck::probe::setid::probe(&target, &Default::default())?;
/// assert_eq!(perms.setid[0].0, std::path::Path::new("/bin/tool"));
/// # Ok(()) }
/// ```
///
/// # Errors
///
/// The [`ReadError`] for the root directory if it cannot be listed.
pub fn probe(target: &Target, limits: &WalkLimits) -> Result<Permissions, ReadError> {
    let mut out = Permissions::default();
    out.summary = target.walk("/", limits, |entry| {
        let m = entry.metadata;
        match m.kind {
            FileKind::Regular => {
                if m.is_setid() {
                    out.setid.push((entry.path.clone(), m));
                }
                if m.mode & 0o002 != 0 {
                    out.world_writable_files.push((entry.path.clone(), m));
                }
            }
            FileKind::Directory if m.mode & 0o002 != 0 && m.mode & 0o1000 == 0 => {
                out.world_writable_dirs.push((entry.path.clone(), m));
            }
            _ => {}
        }
    })?;
    Ok(out)
}
