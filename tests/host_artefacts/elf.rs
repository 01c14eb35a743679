//! Binary hardening: gcc-built executables and a library, with and without the hardening
//! flags, judged by the `hardening` group.

use otcheck::core::ComponentType;
use otcheck::probe::elf::{BinaryKind, BinaryScanOptions, Fortify, Relro};
use otcheck::report::OutcomeKind::{Fail, NotAssessed, Pass};

use crate::artefacts::{assert_outcome, binaries, record, run_group};
use crate::util::RootfsBuilder;

const CHECKS: [&str; 6] = [
    "hardening.pie",
    "hardening.relro",
    "hardening.nx-stack",
    "hardening.stack-protector",
    "hardening.fortify",
    "hardening.runpath",
];

fn hardened_image() -> RootfsBuilder {
    let b = binaries();
    let fs = RootfsBuilder::new();
    fs.file_mode("/usr/bin/plcd", b.bytes("hardened"), 0o755)
        .file_mode(
            "/usr/lib/x86_64-linux-gnu/libplc.so.1",
            b.bytes("libhardened.so"),
            0o644,
        )
        .file_mode(
            "/usr/bin/start.sh",
            "#!/bin/sh\nexec /usr/bin/plcd\n",
            0o755,
        )
        .file("/usr/lib/os-release", "ID=debian\n")
        .symlink("/bin", "usr/bin")
        .symlink("/lib", "usr/lib");
    fs
}

fn hardening(fs: &RootfsBuilder) -> Vec<otcheck::report::CheckRecord> {
    run_group(fs, "hardening", ComponentType::EmbeddedDevice, |_| {})
}

#[test]
fn hardened_gcc_builds_pass_every_check() {
    let fs = hardened_image();
    let r = hardening(&fs);
    for id in CHECKS {
        assert_outcome(&r, id, Pass, None);
    }
    assert_eq!(record(&r, "hardening.pie").message, "1 executables are PIE");
    // Partial evidence for protection from malicious code, as the component's own id.
    assert_eq!(
        record(&r, "hardening.pie")
            .requirements
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["EDR 3.2"]
    );
    let host = run_group(&fs, "hardening", ComponentType::HostDevice, |_| {});
    assert_eq!(
        record(&host, "hardening.nx-stack").requirements[0].to_string(),
        "HDR 3.2"
    );
}

#[test]
fn the_per_binary_table_shows_every_property_and_merged_usr_counts_once() {
    let fs = hardened_image();
    fs.file_mode("/usr/bin/weak", binaries().bytes("weak"), 0o755);
    let facts = otcheck::probe::elf::probe(&fs.target(), &BinaryScanOptions::default());
    assert_eq!(facts.incomplete_reason(), None);
    let paths: Vec<&str> = facts.binaries.iter().map(|b| b.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/usr/bin/plcd",
            "/usr/bin/weak",
            "/usr/lib/x86_64-linux-gnu/libplc.so.1"
        ],
        "/bin and /lib are links to /usr: each binary once, by its canonical name"
    );
    let plcd = &facts.binaries[0].hardening;
    assert_eq!(plcd.kind, BinaryKind::Executable);
    assert!(plcd.pie && plcd.nx_stack && !plcd.static_linked);
    assert_eq!(plcd.relro, Relro::Full);
    assert_eq!(plcd.stack_protector, Some(true));
    assert!(
        matches!(plcd.fortify, Fortify::Fortified { .. }),
        "{:?}",
        plcd.fortify
    );
    let weak = &facts.binaries[1].hardening;
    assert!(!weak.pie && !weak.nx_stack);
    assert_eq!(weak.relro, Relro::None);
    assert_eq!(weak.stack_protector, Some(false));
    assert!(
        matches!(weak.fortify, Fortify::Unfortified { .. }),
        "{:?}",
        weak.fortify
    );
    assert_eq!(facts.binaries[2].hardening.kind, BinaryKind::Library);
    let table = facts.table();
    assert_eq!(table.lines().count(), 4);
    assert!(
        table.contains(
            "/usr/bin/weak  executable  PIE=no  RELRO=none  NX=no  canary=no  FORTIFY=no"
        ),
        "{table}"
    );
    assert!(
        table.contains(
            "/usr/lib/x86_64-linux-gnu/libplc.so.1  library  PIE=n/a  RELRO=full  NX=yes"
        ),
        "{table}"
    );
}

#[test]
fn an_unhardened_build_fails_each_check_with_its_code() {
    let fs = hardened_image();
    fs.file_mode("/usr/sbin/legacyd", binaries().bytes("weak"), 0o755);
    let r = hardening(&fs);
    assert_outcome(&r, "hardening.pie", Fail, Some("HARDEN-NO-PIE"));
    assert_outcome(&r, "hardening.relro", Fail, Some("HARDEN-NO-RELRO"));
    assert_outcome(&r, "hardening.nx-stack", Fail, Some("HARDEN-EXEC-STACK"));
    assert_outcome(
        &r,
        "hardening.stack-protector",
        Fail,
        Some("HARDEN-NO-STACK-PROTECTOR"),
    );
    assert_outcome(&r, "hardening.fortify", Fail, Some("HARDEN-NO-FORTIFY"));
    assert_outcome(&r, "hardening.runpath", Pass, None);
    let pie = record(&r, "hardening.pie");
    assert!(
        pie.message
            .contains("1 of 2 executables: /usr/sbin/legacyd"),
        "{}",
        pie.message
    );
    // The evidence is the offending binary's table row, with its hash.
    let ev = &pie.evidence[0];
    assert_eq!(ev.path.as_deref(), Some("/usr/sbin/legacyd"));
    assert!(ev.excerpt.as_deref().unwrap().contains("PIE=no"));
    assert_eq!(ev.sha256.as_ref().map(String::len), Some(64));
}

#[test]
fn partial_relro_and_relative_runpaths_are_caught() {
    let b = binaries();
    let fs = hardened_image();
    fs.file_mode("/usr/bin/lazy", b.bytes("lazy"), 0o755);
    let r = hardening(&fs);
    assert_outcome(&r, "hardening.relro", Fail, Some("HARDEN-PARTIAL-RELRO"));
    let r = run_group(&fs, "hardening", ComponentType::EmbeddedDevice, |ctx| {
        ctx.artefacts.hardening.full_relro = false;
    });
    assert_outcome(&r, "hardening.relro", Pass, None);
    let fs = hardened_image();
    fs.file_mode("/opt/vendor/bin/hmi", b.bytes("rpath"), 0o755);
    let r = hardening(&fs);
    assert_outcome(
        &r,
        "hardening.runpath",
        Fail,
        Some("HARDEN-INSECURE-RUNPATH"),
    );
    assert!(
        record(&r, "hardening.runpath").evidence[0]
            .excerpt
            .as_deref()
            .unwrap()
            .contains("RUNPATH=plugins")
    );
}

#[test]
fn limits_truncated_files_and_an_empty_tree_never_pass() {
    let fs = hardened_image();
    fs.file_mode(
        "/usr/bin/truncated",
        &binaries().bytes("hardened")[..200],
        0o755,
    )
    .file_mode(
        "/usr/bin/junk",
        b"\x7fELF\xff\xff\xff\xff garbage that claims to be ELF",
        0o755,
    )
    .fifo("/usr/bin/fifo");
    let r = hardening(&fs);
    for id in CHECKS {
        assert_outcome(&r, id, NotAssessed, None);
    }
    let msg = &record(&r, "hardening.pie").message;
    assert!(msg.contains("2 files could not be parsed"), "{msg}");
    assert!(msg.contains("1 executables verified"), "{msg}");
    // A real failure still stands.
    fs.file_mode("/usr/bin/weak", binaries().bytes("weak"), 0o755);
    assert_outcome(
        &hardening(&fs),
        "hardening.pie",
        Fail,
        Some("HARDEN-NO-PIE"),
    );
    // Caps on files and bytes are reported.
    let fs = hardened_image();
    let r = run_group(&fs, "hardening", ComponentType::EmbeddedDevice, |ctx| {
        ctx.artefacts.binaries.limits.max_file_bytes = 1000;
    });
    assert!(
        record(&r, "hardening.nx-stack")
            .message
            .contains("larger than the file limit")
    );
    let r = run_group(&fs, "hardening", ComponentType::EmbeddedDevice, |ctx| {
        ctx.artefacts.binaries.limits.max_files = 1;
    });
    assert_outcome(&r, "hardening.nx-stack", NotAssessed, None);
    assert!(
        record(&r, "hardening.nx-stack")
            .message
            .contains("stopped at the 1-file limit")
    );
    // Nothing to look at: not assessed.
    let r = hardening(&RootfsBuilder::new());
    assert_outcome(&r, "hardening.pie", NotAssessed, None);
    assert!(
        record(&r, "hardening.pie")
            .message
            .contains("no executables found")
    );
}
