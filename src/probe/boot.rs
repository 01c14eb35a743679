//! Secure boot evidence: the live EFI Secure Boot state, and offline, U-Boot verified boot
//! (signed FIT configurations and the keys U-Boot's control device tree requires).
//!
//! - **Live, EFI**: the `SecureBoot` and `SetupMode` variables
//!   (`/sys/firmware/efi/efivars/<name>-8be4df61-93ca-11d2-aa0d-e398b9d9b6ac`: four attribute
//!   bytes, then the value; or the older `/sys/firmware/efi/vars/<name>-<guid>/data`).
//! - **FIT images** in `/boot` (`*.itb`, `*.fit`, `fitImage*`, `image.ub`, any file with the
//!   FDT magic): whether each configuration carries a signature with a value, and its
//!   algorithm; images signed individually are noted (configuration signing is what stops
//!   mix-and-match attacks).
//! - **U-Boot control DTB** (`/boot/*.dtb`, `/boot/dtb/*`, `/boot/u-boot*`): `/signature/key-*`
//!   nodes with `required = "conf"` or `"image"` are the proof that U-Boot refuses unsigned
//!   images.
//!
//! Guarantees: reads through [`Target`] only; device trees are parsed with a bounded reader
//! (see `fdt`); files over [`MAX_IMAGE_BYTES`] are reported, not read.

mod fdt;

use crate::probe::Source;
use crate::target::{FileKind, ReadError, Target};

/// The largest boot image read (a FIT with kernel and initramfs is typically 10–60 MiB).
pub const MAX_IMAGE_BYTES: u64 = 128 << 20;

const EFI_GLOBAL: &str = "8be4df61-93ca-11d2-aa0d-e398b9d9b6ac";

/// The live EFI Secure Boot state.
///
/// ```
/// let s = otcheck::probe::boot::EfiState::Variables { secure_boot: Some(true), setup_mode: Some(false), source: "x".into() };
/// assert!(matches!(s, otcheck::probe::boot::EfiState::Variables { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EfiState {
    /// The host did not boot through EFI (`/sys/firmware/efi` is absent).
    NotEfi,
    /// The variables as read (`None`: variable absent).
    Variables {
        /// `SecureBoot` is 1.
        secure_boot: Option<bool>,
        /// `SetupMode` is 1 (no platform key: nothing is enforced).
        setup_mode: Option<bool>,
        /// The `SecureBoot` variable's path.
        source: String,
    },
    /// The variables exist but could not be read.
    Unreadable(String),
}

/// A FIT configuration and its signature.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FitConfiguration {
    /// The configuration node name (`conf-1`).
    pub name: String,
    /// The algorithm of its signature (`sha256,rsa2048`), if signed.
    pub signature: Option<String>,
}

/// A FIT image found in `/boot`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FitImage {
    /// Where it is.
    pub source: Source,
    /// Its configurations.
    pub configurations: Vec<FitConfiguration>,
    /// Images (kernel, fdt, ramdisk) that carry their own signature.
    pub signed_images: usize,
    /// Images in all.
    pub images: usize,
}

/// A public key in U-Boot's control device tree.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct UbootKey {
    /// Where it is.
    pub source: Source,
    /// Its `key-name-hint` (or node name).
    pub name: String,
    /// Its algorithm.
    pub algo: String,
    /// `required`: `conf` or `image` means U-Boot refuses unsigned images.
    pub required: Option<String>,
}

/// The boot evidence found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct BootFacts {
    /// The live EFI state (`None` for a root filesystem).
    pub efi: Option<EfiState>,
    /// FIT images.
    pub fit_images: Vec<FitImage>,
    /// U-Boot verification keys.
    pub uboot_keys: Vec<UbootKey>,
    /// EFI boot loaders seen offline (`/boot/efi/EFI/*/*.efi`): present, not proof of
    /// enforcement.
    pub efi_loaders: Vec<String>,
    /// Device trees or images that could not be read or parsed (`path: reason`).
    pub unreadable: Vec<String>,
}

fn efi_variable(target: &Target, name: &str) -> Result<Option<(bool, String)>, ReadError> {
    for path in [
        format!("/sys/firmware/efi/efivars/{name}-{EFI_GLOBAL}"),
        format!("/sys/firmware/efi/vars/{name}-{EFI_GLOBAL}/data"),
    ] {
        match target.read_file_limited(&path, 4096) {
            Ok(f) => {
                // efivarfs: 4 attribute bytes, then the value; the old sysfs file: the value.
                let value = if path.contains("/efivars/") {
                    f.bytes.get(4)
                } else {
                    f.bytes.first()
                };
                return Ok(value.map(|&v| (v == 1, path)));
            }
            Err(e) if e.is_not_found() => {}
            Err(e) => return Err(e),
        }
    }
    Ok(None)
}

fn efi_state(target: &Target) -> EfiState {
    if !target.exists("/sys/firmware/efi") {
        return EfiState::NotEfi;
    }
    let secure = match efi_variable(target, "SecureBoot") {
        Ok(v) => v,
        Err(e) => return EfiState::Unreadable(e.to_string()),
    };
    let setup = match efi_variable(target, "SetupMode") {
        Ok(v) => v,
        Err(e) => return EfiState::Unreadable(e.to_string()),
    };
    EfiState::Variables {
        secure_boot: secure.as_ref().map(|(v, _)| *v),
        setup_mode: setup.map(|(v, _)| v),
        source: secure.map_or_else(
            || format!("/sys/firmware/efi/efivars/SecureBoot-{EFI_GLOBAL}"),
            |(_, p)| p,
        ),
    }
}

/// Gathers the boot evidence.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = tempfile::tempdir()?;
/// let target = otcheck::target::Target::rootfs(dir.path())?;
/// let facts = otcheck::probe::boot::probe(&target);
/// assert!(facts.efi.is_none() && facts.fit_images.is_empty());
/// # Ok(()) }
/// ```
#[must_use]
pub fn probe(target: &Target) -> BootFacts {
    let mut facts = BootFacts {
        efi: target.is_live().then(|| efi_state(target)),
        ..BootFacts::default()
    };
    let mut files: Vec<String> = Vec::new();
    for dir in ["/boot", "/boot/dtb", "/boot/dtbs"] {
        if let Ok(entries) = target.read_dir(dir) {
            files.extend(
                entries
                    .into_iter()
                    .filter(|e| matches!(e.kind, FileKind::Regular | FileKind::Symlink))
                    .take(500)
                    .map(|e| format!("{dir}/{}", e.name.to_string_lossy())),
            );
        }
    }
    if let Ok(vendors) = target.read_dir("/boot/efi/EFI") {
        for v in vendors.into_iter().take(50) {
            let dir = format!("/boot/efi/EFI/{}", v.name.to_string_lossy());
            if let Ok(entries) = target.read_dir(&dir) {
                facts.efi_loaders.extend(
                    entries
                        .into_iter()
                        .map(|e| format!("{dir}/{}", e.name.to_string_lossy()))
                        .filter(|p| p.to_ascii_lowercase().ends_with(".efi")),
                );
            }
        }
    }
    for path in files {
        let name = path.rsplit('/').next().unwrap_or("").to_ascii_lowercase();
        let interesting = name.ends_with(".itb")
            || name.ends_with(".fit")
            || name.starts_with("fitimage")
            || name == "image.ub"
            || name.ends_with(".dtb")
            || name.starts_with("u-boot");
        if !interesting {
            continue;
        }
        let file = match target.read_file_limited(&path, MAX_IMAGE_BYTES) {
            Ok(f) => f,
            Err(e) => {
                facts.unreadable.push(e.to_string());
                continue;
            }
        };
        if !fdt::is_fdt(&file.bytes) {
            continue;
        }
        let nodes = match fdt::parse(&file.bytes) {
            Ok(n) => n,
            Err(why) => {
                facts.unreadable.push(format!("{path}: {why}"));
                continue;
            }
        };
        let source = Source::file(&file);
        if nodes.iter().any(|n| n.path == "/configurations") {
            facts.fit_images.push(fit(source, &nodes));
        } else {
            facts.uboot_keys.extend(
                nodes
                    .iter()
                    .filter(|n| n.parent() == "/signature")
                    .map(|n| UbootKey {
                        source: source.clone(),
                        name: n
                            .text("key-name-hint")
                            .unwrap_or_else(|| n.name().to_owned()),
                        algo: n.text("algo").unwrap_or_default(),
                        required: n.text("required"),
                    }),
            );
        }
    }
    facts
}

fn is_signature(name: &str) -> bool {
    name == "signature" || name.starts_with("signature@") || name.starts_with("signature-")
}

fn fit(source: Source, nodes: &[fdt::Node<'_>]) -> FitImage {
    let signed_child = |parent: &str| -> Option<String> {
        nodes
            .iter()
            .filter(|n| n.parent() == parent && is_signature(n.name()))
            .find(|n| n.prop("value").is_some_and(|v| !v.is_empty()))
            .map(|n| n.text("algo").unwrap_or_default())
    };
    let configurations = nodes
        .iter()
        .filter(|n| n.parent() == "/configurations")
        .map(|n| FitConfiguration {
            name: n.name().to_owned(),
            signature: signed_child(&n.path),
        })
        .collect();
    let images: Vec<_> = nodes.iter().filter(|n| n.parent() == "/images").collect();
    FitImage {
        source,
        configurations,
        signed_images: images
            .iter()
            .filter(|n| signed_child(&n.path).is_some())
            .count(),
        images: images.len(),
    }
}

#[doc(hidden)]
/// Parses a device tree as the probe does; for fuzzing. Returns the node count.
#[must_use]
pub fn parse_fdt(bytes: &[u8]) -> Option<usize> {
    fdt::parse(bytes).ok().map(|n| n.len())
}
