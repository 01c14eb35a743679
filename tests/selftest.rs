//! The device self-test end to end on the host: encode on the "device", decode with the real
//! `otcheck report decode`, and the wire registries against the core's own finding codes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::std_instead_of_core
)]

use std::path::Path;
use std::process::Command;

use otcheck::core::{selftest, wire};
use otcheck::report::{OutcomeKind, Report};

fn encoded(profile: &selftest::DeviceProfile<'_>) -> (selftest::SelfTestReport, Vec<u8>) {
    let report = selftest::run(profile, &selftest::Evidence::<1>::default());
    let mut buf = [0u8; wire::MAX_LEN];
    let n = wire::encode(&report, &mut buf).unwrap();
    (report, buf[..n].to_vec())
}

#[test]
fn every_finding_code_in_the_core_is_registered_for_the_wire() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/otcheck-core/src");
    let mut found = 0;
    let mut stack = vec![src];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for line in text
                .lines()
                .map(str::trim_start)
                .filter(|l| !l.starts_with("//"))
            {
                let mut rest = line;
                while let Some(i) = rest.find("FindingCode::new(\"") {
                    let after = &rest[i + "FindingCode::new(\"".len()..];
                    let code = &after[..after.find('"').unwrap()];
                    rest = after;
                    if !["AUTH-", "INTEGRITY-", "AUDIT-", "RESOURCE-"]
                        .iter()
                        .any(|p| code.starts_with(p))
                    {
                        continue; // placeholder codes in unit tests of the check API
                    }
                    found += 1;
                    assert_ne!(
                        wire::finding_code(otcheck::core::FindingCode::new(Box::leak(
                            code.to_owned().into_boxed_str()
                        ))),
                        wire::UNREGISTERED,
                        "{code} ({}) has no wire code: add it to wire::FINDING_CODES",
                        path.display()
                    );
                }
            }
        }
    }
    assert!(found > 50, "the scan found only {found} finding codes");
}

#[test]
fn report_decode_turns_a_device_report_into_the_same_verdicts() {
    let mut profile = selftest::DeviceProfile::default();
    profile.password_policy.min_length = Some(6);
    let (device, bytes) = encoded(&profile);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plc.otst");
    std::fs::write(&file, &bytes).unwrap();

    let out = Command::new(env!("CARGO_BIN_EXE_otcheck"))
        .args([
            "report",
            "decode",
            file.to_str().unwrap(),
            "--device",
            "plc-7",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "a weak profile has gaps: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Report = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report.target.identifier, "plc-7");
    assert_eq!(report.sl_achieved, device.sl_achieved());
    assert_eq!(report.results.len(), device.results().len());
    for r in device.results() {
        let host = report
            .results
            .iter()
            .find(|h| h.check == r.info.id.as_str())
            .unwrap();
        assert_eq!(host.outcome, r.outcome.outcome_kind(), "{}", r.info.id);
        assert_eq!(
            host.finding.as_deref(),
            r.outcome.finding().map(|f| f.code.as_str()),
            "{}",
            r.info.id
        );
        assert_eq!(host.requirements, r.info.requirements);
    }
    let policy = report
        .results
        .iter()
        .find(|r| r.check == "auth.password-policy")
        .unwrap();
    assert_eq!(
        (policy.outcome, policy.finding.as_deref()),
        (OutcomeKind::Fail, Some("AUTH-PW-MIN-LENGTH"))
    );
}

#[test]
fn altered_or_garbage_device_reports_are_refused_with_a_reason() {
    let (_, mut bytes) = encoded(&selftest::DeviceProfile::default());
    bytes[20] ^= 0x40;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.otst");
    std::fs::write(&file, &bytes).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_otcheck"))
        .args(["report", "decode", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("SHA-256 mismatch"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(&file, b"garbage").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_otcheck"))
        .args(["report", "decode", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("truncated"));
}

fn audit_profile(path: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_otcheck"))
        .args([
            "audit",
            "--profile",
            path.to_str().unwrap(),
            "--format",
            "json",
        ])
        .output()
        .unwrap()
}

#[test]
fn audit_profile_judges_exported_settings_with_the_device_evaluators() {
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/profile/plc.toml");
    let out = audit_profile(&good);
    let report: Report = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report.target.kind,
        otcheck::report::TargetKind::DeviceProfile
    );
    assert_eq!(
        report.component,
        otcheck::core::ComponentType::EmbeddedDevice
    );
    let outcome = |id: &str| {
        report
            .results
            .iter()
            .find(|r| r.check == id)
            .unwrap()
            .outcome
    };
    for id in [
        "auth.password-policy",
        "auth.lockout",
        "auth.login-banner",
        "auth.session-lock",
        "auth.concurrent-sessions",
    ] {
        assert_eq!(outcome(id), OutcomeKind::Pass, "{id}");
    }
    // Only the device can verify its image: from a profile that is not assessed, never a pass.
    assert_eq!(outcome("integrity.image-digest"), OutcomeKind::NotAssessed);

    let dir = tempfile::tempdir().unwrap();
    let weak = dir.path().join("weak.toml");
    let text = std::fs::read_to_string(&good)
        .unwrap()
        .replace("min_length = 12", "min_length = 6");
    std::fs::write(&weak, text).unwrap();
    let report: Report = serde_json::from_slice(&audit_profile(&weak).stdout).unwrap();
    let policy = report
        .results
        .iter()
        .find(|r| r.check == "auth.password-policy")
        .unwrap();
    assert_eq!(policy.finding.as_deref(), Some("AUTH-PW-MIN-LENGTH"));
    assert!(policy.message.contains("min"), "{}", policy.message);

    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "component = \"embedded\"\n[password_policy]\nminimum = 12\n",
    )
    .unwrap();
    let out = audit_profile(&bad);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("minimum"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
