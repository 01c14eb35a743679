//! Manifests on the host (CR 3.4 software and information integrity, CR 3.4 RE 1
//! authenticity, EDR/HDR/NDR 3.10 RE 1 and 3.12–3.14): the supplier's side of the image
//! manifests that [`otcheck_core::integrity`] verifies on the device, and file-level manifests
//! for components whose software is a Linux root filesystem.
//!
//! | part | module | what |
//! |---|---|---|
//! | image manifests | `image` | [`create_image_manifest`] hashes regions of an image file into a signed (or digest-only) manifest; [`verify_image`] checks a file as the device would |
//! | keys | `key` | [`SigningKey`] from a PEM, DER, raw or hex key file; [`parse_public_key`] for trust anchors |
//! | rootfs manifests | `rootfs` | [`RootfsManifest::create`] records every entry of a [`Target`](crate::target::Target); [`verify_rootfs`] lists what was modified, added or removed |
//! | names | `name` | [`escape_name`] / [`unescape_name`]: lossless text for names that are not UTF-8 |
//!
//! Guarantees: a root filesystem is read only through [`Target`](crate::target::Target)
//! (read-only, contained, no symlink followed, no FIFO or device opened, bounded reads); an
//! image passes only through [`ImageVerifier`](otcheck_core::integrity::ImageVerifier); a
//! secret key is never printed; nothing here panics on hostile input.
//!
//! ```
//! use otcheck::core::integrity::*;
//! use otcheck::manifest::{SigningKey, create_image_manifest, verify_image};
//!
//! let dir = tempfile::tempdir()?;
//! let image = dir.path().join("fw.bin");
//! std::fs::write(&image, vec![0xa5; 64 * 1024])?;
//!
//! // Supplier: sign version 4 of the image.
//! let key = SigningKey::from_secret(SignatureAlgorithm::Ed25519, &[0x11; 32])?;
//! let manifest = create_image_manifest(&image, 4, &[], &key)?;
//!
//! // Asset owner or device: verify it against the provisioned supplier key.
//! let mut anchors = TrustAnchors::<4>::new();
//! anchors.add(Role::Supplier, key.public_key())?;
//! let verified = verify_image(&image, &manifest, &ImageVerifier::new(&anchors, MinimumVersion::new(4)))?;
//! assert_eq!(verified.proof().image_version(), 4);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Key files
//!
//! | file | private key ([`SigningKey::parse`]) | public key ([`parse_public_key`]) |
//! |---|---|---|
//! | PEM | `PRIVATE KEY` (PKCS#8, `openssl genpkey -algorithm ed25519` or `-algorithm EC -pkeyopt ec_paramgen_curve:P-256`), `EC PRIVATE KEY` (SEC1) | `PUBLIC KEY` (SubjectPublicKeyInfo, `openssl pkey -pubout`) |
//! | DER | the same structures, unarmoured | the same |
//! | raw | exactly 32 bytes: Ed25519 seed or P-256 secret scalar (algorithm must be given) | 32 bytes Ed25519, 65 bytes SEC1 uncompressed P-256 |
//! | hex | 64 hex digits (algorithm must be given) | 64 or 130 hex digits |
//!
//! # Rootfs manifests
//!
//! [`RootfsManifest`] is one JSON document (version 1): `format`
//! (`"otcheck-rootfs-manifest"`), `version` (`1`), `max_file_bytes` (the hashing cap in
//! force), `incomplete` (why the walk did not see everything, if it did not) and `entries`,
//! sorted by `path`, one object per line:
//!
//! | field | for | value |
//! |---|---|---|
//! | `path` | all | path inside the root, `/` first, escaped by [`escape_name`] |
//! | `type` | all | `file`, `dir`, `symlink`, `fifo`, `socket`, `char-device`, `block-device`, `unknown` |
//! | `mode` | all | permission bits with setuid/setgid/sticky, four octal digits (`"0755"`) |
//! | `uid`, `gid` | all | numeric owner and group |
//! | `size` | files, symlinks | bytes (not recorded for directories, whose size depends on the file system) |
//! | `sha256` | files | lower-case hex, absent when the file was skipped |
//! | `target` | symlinks | the link text as stored, escaped, never resolved |
//! | `skipped` | any | why the content was not recorded (over the cap, unreadable, changed while read) |
//!
//! [`verify_rootfs`] walks the tree again with the manifest's cap and lists the entries
//! modified (with the fields that differ), added and removed. A file recorded without a digest
//! is listed as not compared, which is not a difference; a file recorded with one but
//! unreadable now is a difference.
//!
//! # Names
//!
//! Linux names are bytes. A manifest is JSON, which holds only Unicode text, so every name is
//! written through [`escape_name`]: valid UTF-8 stays as it is, except that `\` becomes `\\`
//! and each control character (`U+0000`–`U+001F`, `U+007F`) and each byte that is not part of
//! valid UTF-8 becomes `\xNN` (two lower-case hex digits). [`unescape_name`] reverses it
//! exactly, so two names are equal if and only if their escaped forms are.

mod image;
mod key;
mod name;
mod rootfs;

pub use image::{
    ImageError, RegionSpec, RegionSpecError, VerifiedImage, VerifyImageError,
    create_image_manifest, verify_image,
};
pub use key::{KeyFileError, SigningKey, hex, parse_public_key};
pub use name::{NameError, escape_name, unescape_name};
pub use rootfs::{
    Change, Comparison, DEFAULT_MAX_FILE_BYTES, Entry, EntryType, FORMAT, Field, ManifestFileError,
    Modified, NotCompared, Progress, RootfsError, RootfsManifest, RootfsOptions, VERSION,
    verify_rootfs,
};
