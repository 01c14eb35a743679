//! Kernel parameters: live values from `/proc/sys` on the live host; on a root filesystem,
//! the values its boot would apply from `sysctl.d` (`/usr/lib`, `/lib`, `/run`, `/etc`;
//! same-named files in `/etc` win, files apply in name order) and `/etc/sysctl.conf` last.
//!
//! Guarantees: keys are normalised to dotted form; a key that is not set is reported as
//! not set (the check decides whether a kernel default may stand in).

use std::collections::BTreeMap;

use crate::target::{ReadError, Target};

use super::{Located, Source, config_lines};

/// The kernel parameters of interest, with where each value came from.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct Sysctl {
    /// Key (dotted) to value.
    pub values: BTreeMap<String, Located<String>>,
    /// Whether the values are live (`/proc/sys`) rather than configured.
    pub live: bool,
    /// Files that exist but could not be read.
    pub unreadable: Vec<ReadError>,
}

/// Reads `keys` from `/proc/sys` (live) or the sysctl configuration (root filesystem).
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = tempfile::tempdir()?;
/// std::fs::create_dir_all(dir.path().join("etc/sysctl.d"))?;
/// std::fs::write(dir.path().join("etc/sysctl.d/10-h.conf"), "kernel/kptr_restrict = 1\n")?;
/// std::fs::write(dir.path().join("etc/sysctl.conf"), "kernel.kptr_restrict = 2\n")?;
/// let target = otcheck::target::Target::rootfs(dir.path())?;
/// let s = otcheck::probe::sysctl::probe(&target, &["kernel.kptr_restrict"]);
/// assert_eq!(s.values["kernel.kptr_restrict"].value, "2");
/// # Ok(()) }
/// ```
#[must_use]
pub fn probe(target: &Target, keys: &[&str]) -> Sysctl {
    let mut out = Sysctl {
        live: target.is_live(),
        ..Sysctl::default()
    };
    if target.is_live() {
        for key in keys {
            let path = format!("/proc/sys/{}", key.replace('.', "/"));
            match target.read_file(&path) {
                Ok(file) => {
                    let value = file.text().trim().to_owned();
                    out.values.insert(
                        (*key).to_owned(),
                        Located {
                            source: Source::new(path, 0, value.clone(), file.sha256.clone()),
                            value,
                        },
                    );
                }
                Err(e) if e.is_not_found() => {}
                Err(e) => out.unreadable.push(e),
            }
        }
        return out;
    }
    // name -> path; later directories override same-named files from earlier ones.
    let mut by_name: BTreeMap<String, String> = BTreeMap::new();
    for dir in [
        "/usr/lib/sysctl.d",
        "/lib/sysctl.d",
        "/run/sysctl.d",
        "/etc/sysctl.d",
    ] {
        match target.read_dir(dir) {
            Ok(entries) => {
                for e in entries {
                    if let Some(name) = e.name.into_string().ok().filter(|n| n.ends_with(".conf")) {
                        by_name.insert(name.clone(), format!("{dir}/{name}"));
                    }
                }
            }
            Err(e) if e.is_not_found() => {}
            Err(e) => out.unreadable.push(e),
        }
    }
    let mut files: Vec<String> = by_name.into_values().collect();
    files.push("/etc/sysctl.conf".to_owned());
    for path in files {
        let Some(file) = target.read_optional(&path, &mut out.unreadable) else {
            continue;
        };
        let text = file.text();
        for line in config_lines(&text, '#') {
            if line.text.starts_with(';') {
                continue;
            }
            let Some((key, value)) = line.text.split_once('=') else {
                continue;
            };
            let key = key.trim().trim_start_matches('-').replace('/', ".");
            if keys.contains(&key.as_str()) {
                out.values.insert(
                    key,
                    Located {
                        value: value.trim().to_owned(),
                        source: Source::at(&file, &line),
                    },
                );
            }
        }
    }
    out
}
