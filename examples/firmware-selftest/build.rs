//! Host side of the example, run by Cargo before the firmware is compiled:
//!
//! 1. puts `memory.x` (the board's memory map) where the linker finds it;
//! 2. makes a sample application image and its manifest, signed with a fixed **test** key
//!    (Ed25519; ECDSA P-256 with the `p256` feature; digest-only with neither), the supplier
//!    and asset-owner public keys, and a sample configuration backup with its SHA-256;
//! 3. for the `weak` feature, corrupts one byte of the image *after* signing, as a flash bit
//!    error or a tampered image would.
//!
//! Everything is written to `OUT_DIR` for `include_bytes!`. The keys are derived from fixed,
//! public seeds: they are test keys, worthless as secrets, and must never sign a real image.

use std::error::Error;
use std::path::Path;
use std::{env, fs};

use otcheck_core::integrity::{Digest, MAX_LEN, Manifest, ManifestSigner, PublicKey, Region};

/// TEST ONLY: seed of the product supplier's signing key. Public, never use for real images.
const SUPPLIER_TEST_SEED: [u8; 32] = *b"otcheck TEST supplier key, !real";
/// TEST ONLY: seed of the asset owner's key (only its public half is provisioned).
const OWNER_TEST_SEED: [u8; 32] = *b"otcheck TEST asset-owner key !!!";

/// The sample image: 4 KiB in two regions (a 1 KiB header and vector area, the rest code).
const IMAGE_LEN: usize = 4096;
const REGION_SPLIT: usize = 1024;
/// The image version in the manifest; the firmware's stored minimum is 2.
const IMAGE_VERSION: u32 = 3;
/// Which byte the `weak` build corrupts (in region 1).
const CORRUPT_AT: usize = 2000;

fn main() -> Result<(), Box<dyn Error>> {
    let out = env::var("OUT_DIR")?;
    let out = Path::new(&out);
    let manifest_dir = env::var("CARGO_MANIFEST_DIR")?;

    fs::copy(
        Path::new(&manifest_dir).join("memory.x"),
        out.join("memory.x"),
    )?;
    println!("cargo:rustc-link-search={}", out.display());
    println!("cargo:rerun-if-changed=memory.x");
    println!("cargo:rerun-if-changed=build.rs");

    // A deterministic, incompressible-looking image (xorshift32), the same on every build.
    let mut image = vec![0u8; IMAGE_LEN];
    let mut state: u32 = 0x6f74_6368; // "otch"
    for byte in &mut image {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        *byte = state.to_le_bytes()[0];
    }
    let regions = [
        region(&image, 0, REGION_SPLIT)?,
        region(&image, REGION_SPLIT, IMAGE_LEN)?,
    ];

    let (signer, supplier_key, owner_key) = signers()?;
    let mut manifest = [0u8; MAX_LEN];
    let len = Manifest::new(IMAGE_VERSION, signer.algorithm(), signer.key_id(), &regions)?
        .encode(&mut manifest, &*signer)?;

    if cfg!(feature = "weak") {
        image[CORRUPT_AT] ^= 0x01;
    }

    // A configuration backup and the SHA-256 recorded when it was taken.
    let backup = b"[backup]\nformat = 1\nsettings = \"password-policy lockout sessions logging\"\n";

    fs::write(out.join("image.bin"), &image)?;
    fs::write(out.join("manifest.bin"), &manifest[..len])?;
    fs::write(out.join("supplier.pub"), supplier_key.as_bytes())?;
    fs::write(out.join("owner.pub"), owner_key.as_bytes())?;
    fs::write(out.join("backup.bin"), backup)?;
    fs::write(out.join("backup.sha256"), Digest::of(backup).as_bytes())?;
    Ok(())
}

/// Signer, supplier key and asset-owner key: the keys are provisioned as the firmware's trust
/// anchors, the signer signs the manifest.
type Keys = (Box<dyn ManifestSigner>, PublicKey, PublicKey);

/// ECDSA P-256 (feature `p256`).
#[cfg(feature = "p256")]
fn signers() -> Result<Keys, Box<dyn Error>> {
    use otcheck_core::integrity::P256Signer;
    let supplier = P256Signer::from_secret(&SUPPLIER_TEST_SEED)?;
    let owner = P256Signer::from_secret(&OWNER_TEST_SEED)?;
    let (supplier_key, owner_key) = (supplier.public_key(), owner.public_key());
    Ok((Box::new(supplier), supplier_key, owner_key))
}

/// Ed25519 (feature `ed25519`), or a digest-only manifest with Ed25519 trust anchors.
#[cfg(not(feature = "p256"))]
fn signers() -> Result<Keys, Box<dyn Error>> {
    use otcheck_core::integrity::{DigestOnlySigner, Ed25519Signer};
    let supplier = Ed25519Signer::from_seed(SUPPLIER_TEST_SEED)?;
    let owner = Ed25519Signer::from_seed(OWNER_TEST_SEED)?;
    let (supplier_key, owner_key) = (supplier.public_key(), owner.public_key());
    if cfg!(feature = "ed25519") {
        Ok((Box::new(supplier), supplier_key, owner_key))
    } else {
        Ok((Box::new(DigestOnlySigner), supplier_key, owner_key))
    }
}

fn region(image: &[u8], start: usize, end: usize) -> Result<Region, Box<dyn Error>> {
    Ok(Region {
        offset: u32::try_from(start)?,
        len: u32::try_from(end - start)?,
        digest: Digest::of(&image[start..end]),
    })
}
