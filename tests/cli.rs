//! The `otcheck` binary, run as a user runs it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::std_instead_of_core
)]

use std::process::{Command, Output};

fn otcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_otcheck"))
        .args(args)
        .output()
        .unwrap()
}

fn json(args: &[&str]) -> serde_json::Value {
    let out = otcheck(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn catalog_json_lists_every_requirement_with_levels_and_types() {
    let all = json(&["catalog", "--format", "json"]);
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), otcheck::core::catalog::all().len());
    let cr_1_7_re_1 = all.iter().find(|e| e["id"] == "CR 1.7 RE 1").unwrap();
    assert_eq!(cr_1_7_re_1["sl_c"], serde_json::json!([3, 4]));
    assert_eq!(cr_1_7_re_1["parent"], "CR 1.7");
    assert_eq!(
        cr_1_7_re_1["component_types"],
        serde_json::json!(["software", "embedded", "host", "network"])
    );
    let edr = all.iter().find(|e| e["id"] == "EDR 2.13").unwrap();
    assert_eq!(edr["component_types"], serde_json::json!(["embedded"]));
    assert_eq!(edr["sl_c"], serde_json::json!([2, 3, 4]));
}

#[test]
fn catalog_filtered_by_component_and_sl_matches_the_notes() {
    for (component, counts) in [
        ("software", [34, 53, 67, 73]),
        ("embedded", [36, 61, 77, 83]),
        ("host", [36, 62, 78, 84]),
        ("network", [40, 67, 86, 92]),
    ] {
        for (sl, expected) in (1..=4).zip(counts) {
            let sl = sl.to_string();
            let entries = json(&[
                "catalog",
                "--component",
                component,
                "--sl",
                &sl,
                "--format",
                "json",
            ]);
            let entries = entries.as_array().unwrap();
            assert_eq!(entries.len(), expected, "{component} SL {sl}");
            for e in entries {
                assert!(
                    e["component_types"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|c| c == component)
                );
                assert!(e["sl_c"][0].as_u64().unwrap() <= sl.parse().unwrap());
            }
        }
    }
}

#[test]
fn catalog_text_ends_with_a_count() {
    let out = otcheck(&["catalog", "--component", "embedded", "--sl", "2"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines()
            .any(|l| l.starts_with("EDR 3.14 RE 1") && l.contains("-234")),
        "{text}"
    );
    assert_eq!(text.lines().last(), Some("61 requirements"));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["catalog", "--sl", "5"][..],
        &["catalog", "--component", "plc"],
        &["frobnicate"],
    ] {
        let out = otcheck(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!out.stderr.is_empty());
    }
}

#[test]
fn version_names_the_tool() {
    let out = otcheck(&["--version"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        format!("otcheck {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn log_verify_checks_the_chain_and_needs_the_key_for_keyed_exports() {
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/audit_log");
    let (unkeyed, keyed) = (data.join("unkeyed.otal"), data.join("keyed.otal"));
    let out = otcheck(&["log", "verify", unkeyed.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .starts_with("verified: 16 records")
    );

    let no_key = otcheck(&["log", "verify", keyed.to_str().unwrap()]);
    assert_eq!(no_key.status.code(), Some(1));
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("key");
    std::fs::write(&key, "6b".repeat(32)).unwrap();
    let out = otcheck(&[
        "log",
        "verify",
        keyed.to_str().unwrap(),
        "--key",
        key.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["verified"], true);

    // One flipped byte in a record is tampering: exit 1 with the reason.
    let mut bytes = std::fs::read(&unkeyed).unwrap();
    let last = bytes.len() - 40;
    bytes[last] ^= 0x01;
    let tampered = dir.path().join("tampered.otal");
    std::fs::write(&tampered, bytes).unwrap();
    let out = otcheck(&["log", "verify", tampered.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("NOT VERIFIED")
    );

    std::fs::write(&key, "not a key").unwrap();
    let out = otcheck(&[
        "log",
        "verify",
        keyed.to_str().unwrap(),
        "--key",
        key.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
}
