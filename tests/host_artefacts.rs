//! Host artefacts (issue 9): certificates and keys made with `openssl`, ELF binaries built
//! with `gcc`, kernel configurations, boot images and package databases, each checked
//! through the real probes and check groups, plus the CycloneDX SBOM against its schema.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::std_instead_of_core
)]

#[allow(dead_code)]
#[path = "util/rootfs.rs"]
mod util;

#[path = "util/artefacts.rs"]
mod artefacts;

#[path = "host_artefacts/audit.rs"]
mod audit;
#[path = "host_artefacts/boot.rs"]
mod boot;
#[path = "host_artefacts/certs.rs"]
mod certs;
#[path = "host_artefacts/elf.rs"]
mod elf;
#[path = "host_artefacts/inventory.rs"]
mod inventory;
#[path = "host_artefacts/kernel.rs"]
mod kernel;
