//! Kernel configuration: `/boot/config-*`, a live `/proc/config.gz`, and a given `.config`.

use std::io::Write as _;

use otcheck::core::ComponentType;
use otcheck::probe::kernel::KernelConfigSource;
use otcheck::report::OutcomeKind::{Fail, NotAssessed, Pass};
use otcheck::target::{Limits, Target, TargetKind};

use crate::artefacts::{assert_outcome, record, run_group, run_group_on};
use crate::util::RootfsBuilder;

const HARDENED_X86: &str = "CONFIG_X86_64=y\nCONFIG_ARCH_HAS_STRICT_KERNEL_RWX=y\nCONFIG_STRICT_KERNEL_RWX=y\n\
CONFIG_ARCH_HAS_STRICT_MODULE_RWX=y\nCONFIG_STRICT_MODULE_RWX=y\nCONFIG_HAVE_STACKPROTECTOR=y\n\
CONFIG_STACKPROTECTOR=y\nCONFIG_STACKPROTECTOR_STRONG=y\nCONFIG_RELOCATABLE=y\nCONFIG_RANDOMIZE_BASE=y\n\
CONFIG_HAVE_ARCH_VMAP_STACK=y\nCONFIG_VMAP_STACK=y\nCONFIG_HARDENED_USERCOPY=y\n\
CONFIG_ARCH_HAS_FORTIFY_SOURCE=y\nCONFIG_FORTIFY_SOURCE=y\nCONFIG_DEVMEM=y\nCONFIG_STRICT_DEVMEM=y\n\
CONFIG_IO_STRICT_DEVMEM=y\nCONFIG_MODULES=y\nCONFIG_MODULE_SIG=y\nCONFIG_MODULE_SIG_FORCE=y\n";

/// Debian-like defaults of the past: no forced module signatures, no KASLR, /dev/mem open.
const WEAK_X86: &str = "CONFIG_X86_64=y\nCONFIG_STRICT_KERNEL_RWX=y\nCONFIG_HAVE_STACKPROTECTOR=y\n\
CONFIG_STACKPROTECTOR_STRONG=y\n# CONFIG_RANDOMIZE_BASE is not set\nCONFIG_HAVE_ARCH_VMAP_STACK=y\n\
CONFIG_VMAP_STACK=y\nCONFIG_HARDENED_USERCOPY=y\nCONFIG_DEVMEM=y\n# CONFIG_STRICT_DEVMEM is not set\n\
CONFIG_MODULES=y\nCONFIG_MODULE_SIG=y\n# CONFIG_MODULE_SIG_FORCE is not set\n";

/// A 32-bit ARM PLC kernel: no KASLR or VMAP_STACK exist there, modules disabled.
const ARM32: &str = "CONFIG_ARM=y\nCONFIG_ARCH_HAS_STRICT_KERNEL_RWX=y\nCONFIG_STRICT_KERNEL_RWX=y\n\
CONFIG_HAVE_STACKPROTECTOR=y\nCONFIG_STACKPROTECTOR_STRONG=y\nCONFIG_HARDENED_USERCOPY=y\n\
CONFIG_ARCH_HAS_FORTIFY_SOURCE=y\nCONFIG_FORTIFY_SOURCE=y\n# CONFIG_DEVMEM is not set\n# CONFIG_MODULES is not set\n";

fn kernel(fs: &RootfsBuilder) -> Vec<otcheck::report::CheckRecord> {
    run_group(fs, "kernel", ComponentType::NetworkDevice, |_| {})
}

#[test]
fn a_hardened_boot_config_passes_and_a_weak_one_fails() {
    let fs = RootfsBuilder::new();
    fs.file("/boot/config-6.1.0-18-amd64", HARDENED_X86);
    let r = kernel(&fs);
    assert_outcome(&r, "kernel.hardening-options", Pass, None);
    assert_outcome(&r, "kernel.module-signatures", Pass, None);
    assert_eq!(
        record(&r, "kernel.hardening-options").requirements[0].to_string(),
        "NDR 3.2"
    );
    assert_eq!(
        record(&r, "kernel.module-signatures").requirements[0].to_string(),
        "CR 3.4"
    );
    assert_eq!(
        record(&r, "kernel.hardening-options").evidence[0]
            .path
            .as_deref(),
        Some("/boot/config-6.1.0-18-amd64")
    );
    // A second, weaker kernel in the same image fails, naming its file.
    fs.file("/lib/modules/5.10.0-old/config", WEAK_X86);
    let r = kernel(&fs);
    assert_outcome(
        &r,
        "kernel.hardening-options",
        Fail,
        Some("KERNEL-HARDENING-OPTIONS"),
    );
    assert_outcome(
        &r,
        "kernel.module-signatures",
        Fail,
        Some("KERNEL-MODULE-SIG-NOT-ENFORCED"),
    );
    let msg = &record(&r, "kernel.hardening-options").message;
    assert!(
        msg.contains("CONFIG_RANDOMIZE_BASE is not set (/lib/modules/5.10.0-old/config)"),
        "{msg}"
    );
    assert!(
        msg.contains("CONFIG_DEVMEM=y without CONFIG_STRICT_DEVMEM"),
        "{msg}"
    );
    assert!(
        record(&r, "kernel.module-signatures")
            .message
            .contains("unsigned modules load")
    );
}

#[test]
fn options_an_architecture_lacks_are_listed_not_failed() {
    let fs = RootfsBuilder::new();
    fs.file("/boot/config-5.15-plc", ARM32);
    let r = kernel(&fs);
    assert_outcome(&r, "kernel.hardening-options", Pass, None);
    let msg = &record(&r, "kernel.hardening-options").message;
    assert!(
        msg.contains(
            "not available on this kernel or architecture: CONFIG_RANDOMIZE_BASE, CONFIG_VMAP_STACK"
        ),
        "{msg}"
    );
    assert_outcome(&r, "kernel.module-signatures", Pass, None);
}

#[test]
fn the_live_kernel_is_read_from_proc_config_gz() {
    let fs = RootfsBuilder::new();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(HARDENED_X86.as_bytes()).unwrap();
    fs.file("/proc/config.gz", gz.finish().unwrap())
        .file("/proc/sys/kernel/osrelease", "6.1.0-18-amd64\n")
        .file("/boot/config-6.1.0-18-amd64", WEAK_X86);
    let live = Target::open(TargetKind::LiveHost, &fs.root(), Limits::default()).unwrap();
    let r = run_group_on(&live, "kernel", ComponentType::HostDevice, |_| {});
    assert_outcome(&r, "kernel.hardening-options", Pass, None);
    assert!(
        record(&r, "kernel.hardening-options")
            .message
            .contains("/proc/config.gz")
    );
    // Corrupt gzip: not assessed, then the /boot copy of the running kernel is used.
    fs.file("/proc/config.gz", [0x1f, 0x8b, 8, 0, 1, 2, 3]);
    let live = Target::open(TargetKind::LiveHost, &fs.root(), Limits::default()).unwrap();
    let r = run_group_on(&live, "kernel", ComponentType::HostDevice, |_| {});
    assert_outcome(
        &r,
        "kernel.hardening-options",
        Fail,
        Some("KERNEL-HARDENING-OPTIONS"),
    );
}

#[test]
fn a_given_config_is_judged_instead_and_none_is_not_assessed() {
    let fs = RootfsBuilder::new();
    fs.file("/boot/config-6.1", HARDENED_X86);
    let r = run_group(&fs, "kernel", ComponentType::EmbeddedDevice, |ctx| {
        ctx.artefacts.kernel_config = Some(KernelConfigSource::Text {
            name: "build/tmp/work/linux/.config".into(),
            bytes: WEAK_X86.as_bytes().to_vec(),
        });
    });
    assert_outcome(
        &r,
        "kernel.hardening-options",
        Fail,
        Some("KERNEL-HARDENING-OPTIONS"),
    );
    assert!(
        record(&r, "kernel.hardening-options")
            .message
            .contains("build/tmp/work/linux/.config")
    );
    let r = kernel(&RootfsBuilder::new());
    assert_outcome(&r, "kernel.hardening-options", NotAssessed, None);
    assert!(
        record(&r, "kernel.module-signatures")
            .message
            .contains("no kernel configuration found")
    );
    // Garbage is not a configuration.
    let fs = RootfsBuilder::new();
    fs.file("/boot/config-x", b"\x00\xff not a config\n");
    let r = kernel(&fs);
    assert_outcome(&r, "kernel.hardening-options", NotAssessed, None);
    assert!(
        record(&r, "kernel.hardening-options")
            .message
            .contains("/boot/config-x: no CONFIG_ options")
    );
}
