//! Generator and guard for the signed-image fixtures in the root package's
//! `tests/data/integrity/` (read by `tests/integrity.rs` and `benches/integrity.rs`).
//!
//! Signatures are deterministic (Ed25519 by definition, P-256 with RFC 6979 nonces), so the
//! fixtures are reproducible. Regenerate with
//! `OTCHECK_BLESS=1 cargo test -p otcheck-core --features ed25519,p256 --lib integrity::fixtures`.

use std::path::PathBuf;
use std::vec::Vec;

use super::*;

/// Seed of the Ed25519 test key and secret scalar of the P-256 test key. Test keys only.
const SEED: [u8; 32] = [0x3c; 32];

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/integrity")
}

fn image() -> Vec<u8> {
    let mut state = 0x2545_f491_u32;
    (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state.to_le_bytes()[0]
        })
        .collect()
}

fn manifest(image: &[u8], signer: &dyn ManifestSigner) -> Vec<u8> {
    let regions = [
        Region {
            offset: 0,
            len: 1024,
            digest: Digest::of(&image[..1024]),
        },
        Region {
            offset: 1024,
            len: 3072,
            digest: Digest::of(&image[1024..]),
        },
    ];
    let m = Manifest::new(7, signer.algorithm(), signer.key_id(), &regions).unwrap();
    let mut buf = [0u8; MAX_LEN];
    let n = m.encode(&mut buf, signer).unwrap();
    buf[..n].to_vec()
}

fn expected() -> Vec<(&'static str, Vec<u8>)> {
    let image = image();
    let ed = Ed25519Signer::from_seed(SEED).unwrap();
    let p256 = P256Signer::from_secret(&SEED).unwrap();
    std::vec![
        ("image.bin", image.clone()),
        ("digest-only.manifest", manifest(&image, &DigestOnlySigner)),
        ("ed25519.manifest", manifest(&image, &ed)),
        ("ed25519.pub", ed.public_key().as_bytes().to_vec()),
        ("p256.manifest", manifest(&image, &p256)),
        ("p256.pub", p256.public_key().as_bytes().to_vec()),
    ]
}

#[test]
fn fixtures_are_current() {
    let bless = std::env::var_os("OTCHECK_BLESS").is_some();
    for (name, bytes) in expected() {
        let path = dir().join(name);
        if bless {
            std::fs::create_dir_all(dir()).unwrap();
            std::fs::write(&path, &bytes).unwrap();
        }
        let on_disk = std::fs::read(&path).unwrap_or_else(|e| {
            panic!("{}: {e} (regenerate with OTCHECK_BLESS=1)", path.display())
        });
        assert_eq!(
            on_disk, bytes,
            "{name} is stale: regenerate with OTCHECK_BLESS=1"
        );
    }
}
