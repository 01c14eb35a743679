//! `otcheck audit --root`, `otcheck report render` and `otcheck diff`, run as a user runs them.

use std::path::Path;
use std::process::{Command, Output};

use otcheck::report::{OutcomeKind, Report, TargetKind};

use crate::debian;

fn otcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_otcheck"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn audit_json(root: &Path, out: &Path) -> Output {
    otcheck(&[
        "audit",
        "--root",
        root.to_str().unwrap(),
        "--format",
        "json",
        "-o",
        out.to_str().unwrap(),
    ])
}

#[test]
fn audit_writes_a_json_report_that_renders_and_diffs() {
    let dir = tempfile::tempdir().unwrap();
    let (good, weak) = (debian::good(), debian::weak());
    let (good_json, weak_json) = (dir.path().join("good.json"), dir.path().join("weak.json"));

    let out = audit_json(&weak.root(), &weak_json);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a weak image has gaps: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Report = serde_json::from_slice(&std::fs::read(&weak_json).unwrap()).unwrap();
    assert_eq!(report.target.kind, TargetKind::Rootfs);
    assert_eq!(
        report.target.inputs_sha256.as_deref().map(str::len),
        Some(64)
    );
    assert!(!report.gaps.is_empty());
    let ssh = report
        .results
        .iter()
        .find(|r| r.check == "ssh.permit-root-login")
        .unwrap();
    assert_eq!(ssh.outcome, OutcomeKind::Fail);
    assert!(
        report.results.windows(2).all(|w| w[0].check <= w[1].check),
        "results are ordered by check id"
    );
    for r in &report.results {
        assert!(
            !r.requirements.is_empty(),
            "{} names no requirement",
            r.check
        );
        for id in &r.requirements {
            assert!(
                otcheck::core::catalog::lookup(*id).is_some(),
                "{}: unknown {id}",
                r.check
            );
        }
    }

    // Rendering the JSON gives what the audit prints.
    let direct = otcheck(&["audit", "--root", weak.root().to_str().unwrap()]);
    let rendered = otcheck(&[
        "report",
        "render",
        weak_json.to_str().unwrap(),
        "--format",
        "text",
    ]);
    assert_eq!(rendered.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(rendered.stdout).unwrap(),
        String::from_utf8(direct.stdout).unwrap()
    );

    // --fail-on never keeps the exit code at 0; --fail-on fail looks at results only.
    let never = otcheck(&[
        "report",
        "render",
        weak_json.to_str().unwrap(),
        "--format",
        "json",
        "--fail-on",
        "never",
    ]);
    assert_eq!(never.status.code(), Some(0));

    assert!(audit_json(&good.root(), &good_json).status.code().is_some());
    let regression = otcheck(&[
        "diff",
        good_json.to_str().unwrap(),
        weak_json.to_str().unwrap(),
    ]);
    assert_eq!(regression.status.code(), Some(1));
    let text = String::from_utf8(regression.stdout).unwrap();
    assert!(
        text.contains("new failure  ssh.permit-root-login"),
        "{text}"
    );
    assert!(text.trim_end().ends_with("regression"), "{text}");
    let fixed = otcheck(&[
        "diff",
        weak_json.to_str().unwrap(),
        good_json.to_str().unwrap(),
    ]);
    assert_eq!(fixed.status.code(), Some(0));
    assert!(
        String::from_utf8(fixed.stdout)
            .unwrap()
            .contains("fixed        ssh.permit-root-login")
    );
}

#[test]
fn an_attestation_covers_a_requirement_no_check_verifies() {
    let good = debian::good();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sdl.txt"), "IEC 62443-4-1 certificate").unwrap();
    let attest = dir.path().join("attest.toml");
    std::fs::write(
        &attest,
        "[[attestation]]\nrequirement = \"CCSC 4\"\nstatement = \"4-1 process\"\nevidence = [\"sdl.txt\"]\nby = \"QA\"\ndate = \"2026-10-01\"\n",
    )
    .unwrap();
    let out = otcheck(&[
        "audit",
        "--root",
        good.root().to_str().unwrap(),
        "--attest",
        attest.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let report: Report = serde_json::from_slice(&out.stdout).unwrap();
    let ccsc4 = report
        .requirements
        .iter()
        .find(|r| r.id.to_string() == "CCSC 4")
        .unwrap();
    assert_eq!(ccsc4.status, otcheck::core::RequirementStatus::Attested);
    assert_eq!(report.attestations[0].evidence[0].path, "sdl.txt");
}

#[test]
fn bad_invocations_exit_2_with_a_reason() {
    let missing = otcheck(&["audit", "--root", "/nonexistent/rootfs"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/nonexistent/rootfs"));
    let dir = tempfile::tempdir().unwrap();
    let garbage = dir.path().join("r.json");
    std::fs::write(&garbage, "{not json").unwrap();
    let out = otcheck(&["report", "render", garbage.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not an otcheck JSON report"));
    let bad_attest = dir.path().join("a.toml");
    std::fs::write(&bad_attest, "[[waiver]]\nrequirement = \"CR 9.1\"").unwrap();
    let out = otcheck(&[
        "audit",
        "--root",
        dir.path().to_str().unwrap(),
        "--attest",
        bad_attest.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn inventory_writes_a_cyclonedx_sbom() {
    let fs = crate::util::RootfsBuilder::new();
    fs.file(
        "/etc/os-release",
        "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12\"\n",
    );
    fs.file(
        "/var/lib/dpkg/status",
        "Package: openssh-server\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1:9.2p1-2+deb12u3\n\n",
    );
    let out = otcheck(&["inventory", "--root", fs.root().to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bom: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(bom["bomFormat"], "CycloneDX");
    assert_eq!(bom["specVersion"], "1.5");
    let purls: Vec<&str> = bom["components"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["purl"].as_str())
        .collect();
    assert!(
        purls.contains(
            &"pkg:deb/debian/openssh-server@1%3A9.2p1-2%2Bdeb12u3?arch=amd64&distro=debian-12"
        ),
        "{purls:?}"
    );
}
