//! Secure boot: live EFI variables (on a simulated live root) and, offline, U-Boot FIT
//! images and control device trees built here in the flattened device tree format.

use otcheck::core::ComponentType;
use otcheck::report::OutcomeKind::{Fail, NotApplicable, NotAssessed, Pass};
use otcheck::target::{Limits, Target, TargetKind};

use crate::artefacts::{assert_outcome, record, run_group, run_group_on};
use crate::util::RootfsBuilder;

const GUID: &str = "8be4df61-93ca-11d2-aa0d-e398b9d9b6ac";

/// A node's properties.
type Props<'a> = Vec<(&'a str, Vec<u8>)>;

/// A flattened device tree: `(name, props)` opens a node, `("", [])` closes one.
fn fdt(tree: &[(&str, Props<'_>)]) -> Vec<u8> {
    let mut strings: Vec<u8> = Vec::new();
    let mut structure: Vec<u8> = Vec::new();
    let pad = |v: &mut Vec<u8>| {
        while !v.len().is_multiple_of(4) {
            v.push(0);
        }
    };
    for (name, props) in tree {
        if name.is_empty() {
            structure.extend(2u32.to_be_bytes());
            continue;
        }
        structure.extend(1u32.to_be_bytes());
        structure.extend(if *name == "/" { "" } else { name }.as_bytes());
        structure.push(0);
        pad(&mut structure);
        for (pname, value) in props {
            let off = u32::try_from(strings.len()).unwrap();
            strings.extend(pname.as_bytes());
            strings.push(0);
            structure.extend(3u32.to_be_bytes());
            structure.extend(u32::try_from(value.len()).unwrap().to_be_bytes());
            structure.extend(off.to_be_bytes());
            structure.extend(value);
            pad(&mut structure);
        }
    }
    structure.extend(9u32.to_be_bytes());
    let off_struct = 40 + 16;
    let off_strings = off_struct + structure.len();
    let total = off_strings + strings.len();
    let mut out = Vec::new();
    for v in [
        0xd00d_feed_u32,
        u32::try_from(total).unwrap(),
        u32::try_from(off_struct).unwrap(),
        u32::try_from(off_strings).unwrap(),
        40,
        17,
        16,
        0,
        u32::try_from(strings.len()).unwrap(),
        u32::try_from(structure.len()).unwrap(),
    ] {
        out.extend(v.to_be_bytes());
    }
    out.extend([0u8; 16]);
    out.extend(structure);
    out.extend(strings);
    out
}

fn s(text: &str) -> Vec<u8> {
    let mut v = text.as_bytes().to_vec();
    v.push(0);
    v
}

/// A FIT image with one kernel and one configuration, signed with `algo` if given.
fn fit(algo: Option<&str>) -> Vec<u8> {
    let mut tree = vec![
        ("/", vec![("description", s("PLC firmware"))]),
        ("images", vec![]),
        (
            "kernel-1",
            vec![("data", vec![0xaa; 64]), ("type", s("kernel"))],
        ),
        (
            "hash-1",
            vec![("algo", s("sha256")), ("value", vec![1; 32])],
        ),
        ("", vec![]),
        ("", vec![]),
        ("", vec![]),
        ("configurations", vec![("default", s("conf-1"))]),
        ("conf-1", vec![("kernel", s("kernel-1"))]),
    ];
    if let Some(algo) = algo {
        tree.push((
            "signature-1",
            vec![
                ("algo", s(algo)),
                ("key-name-hint", s("dev")),
                ("value", vec![7; 256]),
            ],
        ));
        tree.push(("", vec![]));
    }
    tree.extend([("", vec![]), ("", vec![]), ("", vec![])]);
    fdt(&tree)
}

/// U-Boot's control device tree with key `dev`, required for `required`.
fn uboot_dtb(required: Option<&str>) -> Vec<u8> {
    let mut key = vec![("algo", s("sha256,rsa2048")), ("key-name-hint", s("dev"))];
    if let Some(r) = required {
        key.push(("required", s(r)));
    }
    fdt(&[
        ("/", vec![("model", s("PLC board"))]),
        ("signature", vec![]),
        ("key-dev", key),
        ("", vec![]),
        ("", vec![]),
        ("", vec![]),
    ])
}

fn boot(fs: &RootfsBuilder) -> Vec<otcheck::report::CheckRecord> {
    run_group(fs, "boot", ComponentType::EmbeddedDevice, |_| {})
}

fn live(fs: &RootfsBuilder) -> Vec<otcheck::report::CheckRecord> {
    let t = Target::open(TargetKind::LiveHost, &fs.root(), Limits::default()).unwrap();
    run_group_on(&t, "boot", ComponentType::HostDevice, |_| {})
}

#[test]
fn live_efi_secure_boot_state_is_read_from_efivars() {
    let fs = RootfsBuilder::new();
    let var = |name: &str, value: u8| {
        fs.file(
            &format!("/sys/firmware/efi/efivars/{name}-{GUID}"),
            [6, 0, 0, 0, value],
        );
    };
    var("SecureBoot", 1);
    var("SetupMode", 0);
    let r = live(&fs);
    assert_outcome(&r, "boot.secure-boot", Pass, None);
    let ids: Vec<String> = record(&r, "boot.secure-boot")
        .requirements
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(ids, ["HDR 3.14", "HDR 3.14 RE 1"]);
    var("SetupMode", 1);
    assert_outcome(
        &live(&fs),
        "boot.secure-boot",
        Fail,
        Some("BOOT-SECURE-BOOT-SETUP-MODE"),
    );
    var("SecureBoot", 0);
    var("SetupMode", 0);
    assert_outcome(
        &live(&fs),
        "boot.secure-boot",
        Fail,
        Some("BOOT-SECURE-BOOT-DISABLED"),
    );
    // Not an EFI system: not assessed, with the reason.
    let r = live(&RootfsBuilder::new());
    assert_outcome(&r, "boot.secure-boot", NotAssessed, None);
    assert!(
        record(&r, "boot.secure-boot")
            .message
            .contains("not an EFI system")
    );
}

#[test]
fn offline_verified_boot_needs_signed_configurations_and_a_required_key() {
    let fs = RootfsBuilder::new();
    fs.file("/boot/fitImage", fit(Some("sha256,rsa2048")))
        .file("/boot/u-boot.dtb", uboot_dtb(Some("conf")));
    let r = boot(&fs);
    assert_outcome(&r, "boot.secure-boot", Pass, None);
    assert!(
        record(&r, "boot.secure-boot")
            .message
            .contains("U-Boot requires key dev")
    );
    assert_eq!(
        record(&r, "boot.secure-boot").requirements[0].to_string(),
        "EDR 3.14"
    );
    // Signed, but nobody is shown to check: not assessed.
    fs.file("/boot/u-boot.dtb", uboot_dtb(None));
    let r = boot(&fs);
    assert_outcome(&r, "boot.secure-boot", NotAssessed, None);
    assert!(
        record(&r, "boot.secure-boot")
            .message
            .contains("enforcement cannot be verified")
    );
    // Unsigned and SHA-1 configurations fail.
    fs.file("/boot/fitImage", fit(None));
    let r = boot(&fs);
    assert_outcome(&r, "boot.secure-boot", Fail, Some("BOOT-FIT-UNSIGNED"));
    assert!(
        record(&r, "boot.secure-boot")
            .message
            .contains("/boot/fitImage configuration conf-1")
    );
    fs.file("/boot/fitImage", fit(Some("sha1,rsa2048")))
        .file("/boot/u-boot.dtb", uboot_dtb(Some("conf")));
    assert_outcome(
        &boot(&fs),
        "boot.secure-boot",
        Fail,
        Some("BOOT-FIT-WEAK-SIGNATURE"),
    );
}

#[test]
fn no_evidence_and_broken_images_are_not_assessed_and_software_is_not_applicable() {
    let r = boot(&RootfsBuilder::new());
    assert_outcome(&r, "boot.secure-boot", NotAssessed, None);
    assert!(
        record(&r, "boot.secure-boot")
            .message
            .contains("can only be read on the live host")
    );
    let fs = RootfsBuilder::new();
    let mut broken = fit(Some("sha256,rsa2048"));
    broken.truncate(broken.len() / 2);
    fs.file("/boot/image.itb", broken)
        .file("/boot/efi/EFI/debian/shimx64.efi", b"MZ");
    let r = boot(&fs);
    assert_outcome(&r, "boot.secure-boot", NotAssessed, None);
    let msg = &record(&r, "boot.secure-boot").message;
    assert!(
        msg.contains("/boot/image.itb: totalsize beyond the file"),
        "{msg}"
    );
    assert!(msg.contains("shimx64.efi"), "{msg}");
    let r = run_group(&fs, "boot", ComponentType::SoftwareApplication, |_| {});
    assert_outcome(&r, "boot.secure-boot", NotApplicable, None);
}
