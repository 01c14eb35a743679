//! Rootfs manifests (`otcheck::manifest`) over a generated tree of 20,000 small files: 200
//! directories of 100 files of 1 KiB, each file's content different. `create` is the walk
//! through `Target` plus parallel SHA-256 (one thread per CPU); `verify` makes a manifest of
//! the tree again and compares it with the recorded one, as `otcheck manifest verify` does.
//!
//! `cargo bench --bench rootfs_manifest`. The tree is written once, so after the first sample
//! it is in the page cache: these are the costs of the walk, the syscalls and the hashing,
//! not of the disk.
#![allow(
    clippy::unwrap_used,
    missing_docs,
    reason = "a benchmark's setup fails loudly; criterion_group! generates an undocumented pub fn"
)]

use core::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use otcheck::manifest::{RootfsManifest, RootfsOptions, verify_rootfs};
use otcheck::target::Target;

const DIRS: u32 = 200;
const FILES_PER_DIR: u32 = 100;
const FILE_LEN: usize = 1024;

/// Writes the tree into a fresh temporary directory.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut content = vec![0u8; FILE_LEN];
    for d in 0..DIRS {
        let sub = dir.path().join(format!("usr/share/pkg{d:03}"));
        std::fs::create_dir_all(&sub).unwrap();
        for f in 0..FILES_PER_DIR {
            let id = (u64::from(d) << 32) | u64::from(f);
            content.splice(..8, id.to_le_bytes());
            std::fs::write(sub.join(format!("file{f:03}.dat")), &content).unwrap();
        }
    }
    dir
}

fn rootfs_manifest(c: &mut Criterion) {
    let dir = tree();
    let target = Target::rootfs(dir.path()).unwrap();
    let options = RootfsOptions::default();
    let recorded = RootfsManifest::create(&target, &options, &()).unwrap();
    let files = u64::from(DIRS * FILES_PER_DIR);
    assert_eq!(
        recorded
            .entries
            .iter()
            .filter(|e| e.sha256.is_some())
            .count(),
        usize::try_from(files).unwrap()
    );

    let mut g = c.benchmark_group("rootfs_manifest");
    g.sample_size(10);
    g.throughput(Throughput::Elements(files));
    g.bench_function("create-20000-files", |b| {
        b.iter(|| {
            RootfsManifest::create(black_box(&target), &options, &()).map(|m| m.entries.len())
        })
    });
    g.bench_function("verify-20000-files", |b| {
        b.iter(|| {
            verify_rootfs(black_box(&target), &recorded, &options, &()).map(|d| d.is_identical())
        })
    });
    g.finish();
}

criterion_group!(benches, rootfs_manifest);
criterion_main!(benches);
