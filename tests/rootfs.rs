//! The host audit runner against root filesystems built in each test: Debian-style (good and
//! deliberately weak), BusyBox/Dropbear-style without a package database, and hostile trees.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::std_instead_of_core
)]

#[path = "util/rootfs.rs"]
mod util;

#[path = "rootfs/busybox.rs"]
mod busybox;
#[path = "rootfs/cli.rs"]
mod cli;
#[path = "rootfs/debian.rs"]
mod debian;
#[path = "rootfs/hostile.rs"]
mod hostile;
#[path = "rootfs/runner.rs"]
mod runner;
