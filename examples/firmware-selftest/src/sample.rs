//! What `build.rs` made on the host: the sample application image, its manifest, the public
//! keys to provision and a configuration backup. The keys are fixed TEST keys.

/// The sample application image, standing in for the firmware's own image. It has a linker
/// section of its own (see `memory.x`) so that the footprint leaves it out.
#[unsafe(link_section = ".sample_image")]
static SAMPLE_IMAGE: [u8; IMAGE_LEN] = *include_bytes!(concat!(env!("OUT_DIR"), "/image.bin"));
const IMAGE_LEN: usize = include_bytes!(concat!(env!("OUT_DIR"), "/image.bin")).len();

/// The image, passed through `black_box` so that the compiler cannot fold its contents
/// (it could otherwise evaluate a checksum of a constant image at compile time).
pub fn image() -> &'static [u8] {
    core::hint::black_box(&SAMPLE_IMAGE)
}

/// The image's manifest, signed with the TEST supplier key (digest-only without `ed25519`).
pub static MANIFEST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/manifest.bin"));

/// The product supplier's TEST public key (Ed25519, or P-256 with the `p256` feature).
#[cfg(not(any(feature = "integrity-only", feature = "baseline")))]
pub static SUPPLIER_KEY: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/supplier.pub"));

/// The asset owner's TEST public key (the same algorithm).
#[cfg(not(any(feature = "integrity-only", feature = "baseline")))]
pub static OWNER_KEY: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/owner.pub"));

/// A configuration backup and the SHA-256 recorded when it was taken.
#[cfg(not(any(feature = "integrity-only", feature = "baseline")))]
pub static BACKUP: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/backup.bin"));
#[cfg(not(any(feature = "integrity-only", feature = "baseline")))]
pub static BACKUP_SHA256: &[u8; 32] = include_bytes!(concat!(env!("OUT_DIR"), "/backup.sha256"));
