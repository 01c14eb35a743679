//! Every report format, checked by the program that reads it: the JSON against the project's
//! schema, SARIF against the official SARIF 2.1.0 schema, OSCAL with compliance-trestle, JUnit
//! with junitparser, HTML in headless Chromium. Text and Markdown are golden files. A property
//! test renders arbitrary (hostile) reports in every format.
//!
//! The external consumers (python packages, Chromium) are skipped with a note when missing,
//! except under `CI`, where a missing consumer fails the test: CI cannot silently skip them.
//!
//! Regenerate the golden files with `UPDATE_GOLDEN=1 cargo test --test report_formats golden`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::std_instead_of_core
)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::LazyLock;

use otcheck::core::catalog::{self, ids};
use otcheck::core::{
    CheckId, CheckInfo, ComponentType, Fr, RequirementId, RequirementKind, SecurityLevel, SlVector,
};
use otcheck::report::{
    Attestation, Attestations, CheckRecord, Evidence, EvidenceFile, Format, OutcomeKind,
    RenderOptions, Report, TargetInfo, TargetKind, Waiver, render,
};
use proptest::prelude::*;
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// Fixtures

static ROOT_LOGIN: CheckInfo = CheckInfo::new(
    CheckId::new("ssh.permit-root-login"),
    "SSH refuses root login",
    &[ids::CR_1_1, ids::CR_2_1],
);
static EMPTY_PASSWORD: CheckInfo = CheckInfo::new(
    CheckId::new("accounts.empty-password"),
    "No account has an empty password",
    &[ids::CR_1_5],
);
static LOCKOUT: CheckInfo = CheckInfo::new(
    CheckId::new("auth.lockout"),
    "Repeated failed logins lock the account",
    &[ids::CR_1_11],
);
static BANNER: CheckInfo = CheckInfo::new(
    CheckId::new("auth.banner"),
    "A use notification is shown before login",
    &[ids::CR_1_12],
);
static SHADOW: CheckInfo = CheckInfo::new(
    CheckId::new("files.shadow-mode"),
    "/etc/shadow is readable by root only",
    &[ids::CR_1_5, ids::CR_2_1],
);
static WIRELESS: CheckInfo = CheckInfo::new(
    CheckId::new("net.wireless"),
    "Wireless interfaces are restricted",
    &[ids::CR_2_2],
);
static AUDIT_LOG: CheckInfo = CheckInfo::new(
    CheckId::new("log.audit-storage"),
    "Audit records are stored with capacity",
    &[ids::CR_2_9],
);
static BOOT: CheckInfo = CheckInfo::new(
    CheckId::new("integrity.secure-boot"),
    "Boot images are signed and verified",
    &[ids::HDR_3_14],
);
static SDL: CheckInfo = CheckInfo::new(
    CheckId::new("process.sdl"),
    "Supporting processes",
    &[ids::CCSC_4],
);

const SHA_SSHD: &str = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";
const SHA_SHADOW: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

/// A report with every outcome, evidence with lines and hashes, hostile text (markup, table
/// and Markdown syntax, quotes, non-ASCII), an attestation and two waivers (one expired).
fn sample() -> Report {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sdl-certificate.txt"), b"IEC 62443-4-1 ML2").unwrap();
    let attestations = Attestations::parse(
        r#"
        [[attestation]]
        requirement = "CCSC 4"
        statement = "Developed under our IEC 62443-4-1 certified process"
        evidence = ["sdl-certificate.txt"]
        by = "J. Doe, product security"
        date = "2026-01-15"

        [[attestation]]
        requirement = "CR 1.13"
        statement = "Untrusted networks only reach the HMI through the cell firewall"
        by = "J. Doe"
        date = "2026-01-15"

        [[attestation]]
        requirement = "CR 4.1"
        statement = "Project data is encrypted at rest by the controller firmware"
        by = "J. Doe"
        date = "2026-01-15"

        [[attestation]]
        requirement = "CR 4.3"
        statement = "Only FIPS 140-3 validated modules are used"
        by = "J. Doe"
        date = "2026-01-15"

        [[attestation]]
        requirement = "CR 5.1"
        statement = "Control and office networks are separate VLANs"
        by = "J. Doe"
        date = "2026-01-15"

        [[attestation]]
        requirement = "CR 6.1"
        statement = "Audit logs are readable through the HMI's diagnostics page"
        by = "J. Doe"
        date = "2026-01-15"

        [[attestation]]
        requirement = "CR 6.2"
        statement = "Security events are monitored by the plant SIEM"
        by = "J. Doe"
        date = "2026-01-15"

        [[waiver]]
        requirement = "CR 2.9"
        justification = "Logs are forwarded; local storage is a ring buffer"
        countermeasure = "Central syslog with 90 days retention"
        expires = "2027-06-30"

        [[waiver]]
        requirement = "CR 2.7"
        justification = "Single session by design"
        countermeasure = "Cell firewall"
        expires = "2025-12-31"
        "#,
        dir.path(),
        time::macros::date!(2026 - 03 - 01),
    )
    .unwrap();

    let records = vec![
        CheckRecord::new(&ROOT_LOGIN, OutcomeKind::Fail, "sshd allows root to log in")
            .with_detail("PermitRootLogin yes")
            .with_evidence(
                Evidence::file("/etc/ssh/sshd_config")
                    .at_line(32)
                    .excerpt("PermitRootLogin yes # <script>alert('x')</script> | *bold* & \"q\"")
                    .sha256(SHA_SSHD),
            ),
        {
            let mut r = CheckRecord::new(
                &EMPTY_PASSWORD,
                OutcomeKind::Fail,
                "account has an empty password",
            )
            .with_detail("user <b>guest</b> | `x` [link](http://evil.example) é")
            .with_evidence(
                Evidence::file("/etc/shadow")
                    .at_line(7)
                    .excerpt("guest::19000:0:99999:7:::")
                    .sha256(SHA_SHADOW),
            );
            r.finding = Some("ACCOUNT-EMPTY-PASSWORD".to_owned());
            r
        },
        {
            let mut r = CheckRecord::new(
                &ROOT_LOGIN,
                OutcomeKind::Fail,
                "root may log in with a password",
            );
            r.finding = Some("SSH-ROOT-LOGIN".to_owned());
            r.with_evidence(
                Evidence::file("/etc/ssh/sshd_config.d/50 cloud init.conf")
                    .at_line(1)
                    .excerpt("PasswordAuthentication yes"),
            )
        },
        CheckRecord::new(
            &LOCKOUT,
            OutcomeKind::Pass,
            "pam_faillock denies after 5 failures",
        )
        .with_evidence(Evidence::file("/etc/security/faillock.conf").at_line(4)),
        CheckRecord::new(
            &BANNER,
            OutcomeKind::NotAssessed,
            "/etc/issue: permission denied",
        ),
        CheckRecord::new(&SHADOW, OutcomeKind::Pass, "mode 0640 root:shadow")
            .with_evidence(Evidence::file("/etc/shadow").sha256(SHA_SHADOW)),
        CheckRecord::new(
            &WIRELESS,
            OutcomeKind::NotApplicable,
            "no wireless interface",
        ),
        CheckRecord::new(&AUDIT_LOG, OutcomeKind::Fail, "journald keeps 8 MiB")
            .with_evidence(Evidence::file("/etc/systemd/journald.conf").at_line(12)),
        CheckRecord::new(
            &BOOT,
            OutcomeKind::Error,
            "cannot parse /boot/grub/grub.cfg: unexpected '}'",
        ),
        CheckRecord::new(&SDL, OutcomeKind::Pass, "SBOM and SDL records present"),
    ];
    let mut report = Report::new(
        TargetInfo {
            kind: TargetKind::Rootfs,
            identifier: "/srv/images/hmi-panel-7 <rev \"B\">".to_owned(),
            inputs_sha256: Some(
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855".to_owned(),
            ),
        },
        ComponentType::HostDevice,
        SlVector::from_levels([
            SecurityLevel::Sl2,
            SecurityLevel::Sl2,
            SecurityLevel::Sl2,
            SecurityLevel::Sl1,
            SecurityLevel::Sl1,
            SecurityLevel::Sl1,
            SecurityLevel::Sl2,
        ]),
        records,
        attestations,
    );
    report.tool.version = "0.0.0-test".to_owned();
    report.started = "2026-03-01T08:00:00Z".to_owned();
    report.duration_ms = 1234;
    report
}

static ODD: CheckInfo = CheckInfo::new(
    CheckId::new("odd id\n<x y=\"1\">"),
    "",
    &[ids::CR_3_1, ids::CCSC_1],
);

/// Report text at its worst: markup, control characters, escape sequences, empty and
/// blank strings, line breaks, XML non-characters, non-ASCII; evidence without a path or at
/// line 0; a result without requirements and one naming a requirement the catalogue lacks;
/// no valid start time.
fn hostile() -> Report {
    let record =
        |check: &str, requirements: Vec<RequirementId>, outcome, message: &str| CheckRecord {
            check: check.to_owned(),
            title: " \t".to_owned(),
            requirements,
            outcome,
            finding: Some("]]><!-- \u{7}".to_owned()),
            message: message.to_owned(),
            evidence: Vec::new(),
        };
    let mut odd = CheckRecord::new(&ODD, OutcomeKind::Fail, "");
    odd.evidence = vec![
        Evidence {
            path: Some("../../etc/pass wd\u{0}%2F?#".to_owned()),
            line: Some(0),
            excerpt: Some("\u{1b}[31mred\u{1b}[0m\u{7}\r\n]]> & <b>".to_owned()),
            sha256: None,
        },
        Evidence {
            path: None,
            line: Some(3),
            excerpt: Some("orphan excerpt".to_owned()),
            sha256: Some(SHA_SHADOW.to_owned()),
        },
        Evidence::file("/").at_line(1),
    ];
    let records = vec![
        odd,
        record(
            "no.requirements",
            Vec::new(),
            OutcomeKind::Error,
            "\u{fffe}\u{ffff}\u{0}",
        ),
        record(
            "unknown.requirement",
            vec![RequirementId::cr(9, 99).with_re(3)],
            OutcomeKind::Fail,
            "\n\n",
        ),
        record(
            "ünïcödé.检查",
            vec![ids::CR_7_7],
            OutcomeKind::NotAssessed,
            "日本語 \u{202e}rtl\u{2028}sep",
        ),
    ];
    let mut report = Report::new(
        TargetInfo {
            kind: TargetKind::DeviceSelftest,
            identifier: "dev\u{0}ice <&> \"'\n".to_owned(),
            inputs_sha256: None,
        },
        ComponentType::NetworkDevice,
        SlVector::uniform(SecurityLevel::Sl4),
        records,
        Attestations {
            attestations: vec![Attestation {
                requirement: ids::NDR_1_6,
                statement: String::new(),
                evidence: vec![EvidenceFile {
                    path: "<evil>\n.pdf".to_owned(),
                    sha256: SHA_SSHD.to_owned(),
                }],
                by: "\u{0}".to_owned(),
                date: "2026-01-01".to_owned(),
            }],
            waivers: Vec::new(),
        },
    );
    report.started = "not a date".to_owned();
    report.tool.version = " ".to_owned();
    report.duration_ms = u64::MAX;
    report
}

/// A report with no results at all.
fn empty() -> Report {
    let mut report = Report::new(
        TargetInfo {
            kind: TargetKind::LiveHost,
            identifier: "plc-1".to_owned(),
            inputs_sha256: None,
        },
        ComponentType::EmbeddedDevice,
        SlVector::uniform(SecurityLevel::Sl1),
        Vec::new(),
        Attestations::default(),
    );
    report.tool.version = "0.0.0-test".to_owned();
    report
}

fn rendered(report: &Report, format: Format) -> String {
    let mut out = Vec::new();
    render(report, format, RenderOptions::default(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Whether the external consumer is there: `true` to run the test; `false` to skip it with a
/// note; a panic under `CI`, where skipping would hide that nothing was validated.
fn consumer_available(what: &str, available: bool, install: &str) -> bool {
    if available {
        return true;
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "{what} is required under CI to validate a report format; install it with: {install}"
        );
    }
    eprintln!("note: {what} not found, test skipped (install with: {install})");
    false
}

fn python_has(module: &str) -> bool {
    Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

// ---------------------------------------------------------------------------------------------
// Golden files: text and Markdown

fn golden(name: &str, actual: &str) {
    let path = manifest_dir().join("tests/data/report").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; create it with UPDATE_GOLDEN=1 cargo test --test report_formats golden",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs from the rendering at line {}:\n  golden: {:?}\n  actual: {:?}\n\
             (UPDATE_GOLDEN=1 regenerates it; review the diff)",
            path.display(),
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line)
        );
    }
}

#[test]
fn golden_text() {
    golden("sample.txt", &rendered(&sample(), Format::Text));
    golden("empty.txt", &rendered(&empty(), Format::Text));
}

#[test]
fn golden_markdown() {
    golden("sample.md", &rendered(&sample(), Format::Markdown));
    golden("empty.md", &rendered(&empty(), Format::Markdown));
}

/// The number of cell separators in a GitHub table row: `|` not escaped by a backslash (a
/// backslash escapes the next character, whatever it is, as GitHub's row scanner does).
fn table_pipes(row: &str) -> usize {
    let mut chars = row.chars();
    let mut pipes = 0;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '|' => pipes += 1,
            _ => {}
        }
    }
    pipes
}

/// Every row of every Markdown table has as many cells as its header.
fn assert_tables_intact(markdown: &str) {
    let mut header: Option<usize> = None;
    for (n, line) in markdown.lines().enumerate() {
        if line.starts_with('|') {
            let pipes = table_pipes(line);
            match header {
                None => header = Some(pipes),
                Some(h) => assert_eq!(pipes, h, "line {}: {line:?}", n + 1),
            }
        } else {
            header = None;
            assert!(
                !line.contains('\n') && !line.contains('\r'),
                "line {}: stray line break",
                n + 1
            );
        }
    }
}

#[test]
fn markdown_keeps_hostile_text_inside_its_cells() {
    let md = rendered(&sample(), Format::Markdown);
    assert_tables_intact(&md);
    assert!(!md.contains("<script>"), "{md}");
    assert!(!md.contains("<b>"));
    assert!(!md.contains("[link](http"), "links must be escaped");
}

// ---------------------------------------------------------------------------------------------
// JSON against schemas/report.schema.json

fn report_schema() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(manifest_dir().join("schemas/report.schema.json")).unwrap(),
    )
    .unwrap();
    jsonschema::draft202012::new(&schema).unwrap()
}

fn assert_valid(validator: &jsonschema::Validator, doc: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .take(10)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} is invalid:\n{}",
        errors.join("\n")
    );
}

#[test]
fn json_validates_against_the_report_schema() {
    let validator = report_schema();
    for report in [sample(), empty(), hostile()] {
        let doc: Value = serde_json::from_str(&rendered(&report, Format::Json)).unwrap();
        assert_valid(&validator, &doc, "the JSON report");
    }
    // The schema is not vacuous: it rejects what the model cannot produce.
    let mut doc: Value = serde_json::from_str(&rendered(&sample(), Format::Json)).unwrap();
    doc["results"][0]["outcome"] = "maybe".into();
    doc["target_sl"] = serde_json::json!([1, 2, 3]);
    doc["surprise"] = true.into();
    assert_eq!(validator.iter_errors(&doc).count(), 3);
}

// ---------------------------------------------------------------------------------------------
// SARIF against the official SARIF 2.1.0 schema

fn sarif_schema() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(manifest_dir().join("tests/data/schemas/sarif-schema-2.1.0.json"))
            .unwrap(),
    )
    .unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let validator = sarif_schema();
    for report in [sample(), empty(), hostile()] {
        let doc: Value = serde_json::from_str(&rendered(&report, Format::Sarif)).unwrap();
        assert_valid(&validator, &doc, "the SARIF log");
        assert_uris_well_formed(&doc);
    }
    // The schema is not vacuous: a line 0 is rejected.
    let mut doc: Value = serde_json::from_str(&rendered(&sample(), Format::Sarif)).unwrap();
    doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert_eq!(validator.iter_errors(&doc).count(), 1);
}

/// Every `uri` in a SARIF log is an RFC 3986 URI reference. (The schema says so with
/// `format: uri-reference`, which a draft-04 validator does not check.)
fn assert_uris_well_formed(node: &Value) {
    match node {
        Value::Object(map) => {
            for (key, value) in map {
                if key == "uri" {
                    let uri = value.as_str().unwrap();
                    let mut chars = uri.chars();
                    while let Some(c) = chars.next() {
                        if c == '%' {
                            let hex: String = chars.by_ref().take(2).collect();
                            assert!(
                                hex.len() == 2 && hex.chars().all(|h| h.is_ascii_hexdigit()),
                                "bad escape in {uri:?}"
                            );
                        } else {
                            assert!(
                                c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/".contains(c),
                                "{c:?} in URI {uri:?}"
                            );
                        }
                    }
                }
                assert_uris_well_formed(value);
            }
        }
        Value::Array(items) => items.iter().for_each(assert_uris_well_formed),
        _ => {}
    }
}

#[test]
fn sarif_maps_checks_to_rules_and_failures_to_located_results() {
    let report = sample();
    let doc: Value = serde_json::from_str(&rendered(&report, Format::Sarif)).unwrap();
    assert_eq!(doc["version"], "2.1.0");
    let runs = doc["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let rule_ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let mut checks: Vec<&str> = report.results.iter().map(|r| r.check.as_str()).collect();
    checks.dedup();
    assert_eq!(rule_ids, checks, "one rule per check, in check order");
    let root_login = rules
        .iter()
        .find(|r| r["id"] == "ssh.permit-root-login")
        .unwrap();
    assert_eq!(
        root_login["properties"]["requirements"],
        serde_json::json!(["CR 1.1", "CR 2.1"])
    );
    assert_eq!(
        root_login["properties"]["tags"],
        serde_json::json!(["CR 1.1", "CR 2.1"])
    );

    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), report.count(OutcomeKind::Fail));
    for result in results {
        let rule = &rules[usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap()];
        assert_eq!(result["ruleId"], rule["id"]);
        assert!(["error", "warning", "note"].contains(&result["level"].as_str().unwrap()));
        assert!(!result["message"]["text"].as_str().unwrap().is_empty());
    }
    let empty_password = results
        .iter()
        .find(|r| r["ruleId"] == "accounts.empty-password")
        .unwrap();
    assert_eq!(empty_password["level"], "error", "CR 1.5 is needed at SL 1");
    let location = &empty_password["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "etc/shadow");
    assert_eq!(location["artifactLocation"]["uriBaseId"], "ROOTFS");
    assert_eq!(location["region"]["startLine"], 7);
    let artifact = &run["artifacts"]
        [usize::try_from(location["artifactLocation"]["index"].as_u64().unwrap()).unwrap()];
    assert_eq!(artifact["hashes"]["sha-256"], SHA_SHADOW);
    let spaced = results
        .iter()
        .flat_map(|r| r["locations"].as_array().unwrap())
        .find(|l| {
            l["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .contains("cloud")
        })
        .unwrap();
    assert_eq!(
        spaced["physicalLocation"]["artifactLocation"]["uri"],
        "etc/ssh/sshd_config.d/50%20cloud%20init.conf"
    );
    // The error is a tool notification, not a finding about the target.
    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert!(
        invocation["toolExecutionNotifications"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["associatedRule"]["id"] == "integrity.secure-boot" && n["level"] == "error")
    );
    assert!(
        run["originalUriBaseIds"]["ROOTFS"]["uri"]
            .as_str()
            .unwrap()
            .starts_with("file:///srv/images/hmi-panel-7%20")
    );
    let taxa = run["taxonomies"][0]["taxa"].as_array().unwrap();
    assert!(
        taxa.iter()
            .any(|t| t["id"] == "CR 1.5" && t["properties"]["status"] == "failed")
    );
}

// ---------------------------------------------------------------------------------------------
// OSCAL with compliance-trestle

#[test]
fn oscal_is_valid_for_compliance_trestle() {
    if !consumer_available(
        "compliance-trestle (python3 -c 'import trestle')",
        python_has("trestle"),
        "pip install compliance-trestle",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (name, report) in [
        ("sample", sample()),
        ("empty", empty()),
        ("hostile", hostile()),
    ] {
        let path = dir.path().join(format!("{name}.json"));
        std::fs::write(&path, rendered(&report, Format::Oscal)).unwrap();
        files.push(path);
    }
    let out = Command::new("python3")
        .arg(manifest_dir().join("scripts/validate-oscal.py"))
        .args(&files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "compliance-trestle rejected an OSCAL report:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn oscal_findings_are_keyed_to_requirements() {
    let report = sample();
    let doc: Value = serde_json::from_str(&rendered(&report, Format::Oscal)).unwrap();
    let ar = &doc["assessment-results"];
    assert!(ar["import-ap"]["href"].as_str().unwrap().starts_with('#'));
    let result = &ar["results"][0];
    assert_eq!(
        result["observations"].as_array().unwrap().len(),
        report.results.len() + report.attestations.len()
    );
    let findings = result["findings"].as_array().unwrap();
    assert_eq!(findings.len(), report.requirements.len());
    let by_target = |id: &str| {
        findings
            .iter()
            .find(|f| f["target"]["target-id"] == id)
            .unwrap_or_else(|| panic!("no finding for {id}"))
    };
    let cr_1_5 = by_target("cr-1.5");
    assert_eq!(cr_1_5["target"]["type"], "objective-id");
    assert_eq!(cr_1_5["target"]["status"]["state"], "not-satisfied");
    assert_eq!(cr_1_5["related-observations"].as_array().unwrap().len(), 2);
    assert_eq!(
        by_target("cr-1.11")["target"]["status"]["state"],
        "satisfied"
    );
    assert_eq!(
        by_target("ccsc-4")["target"]["status"]["state"],
        "satisfied"
    );
    // Waived (unexpired) counts; the expired waiver of CR 2.7 does not.
    assert_eq!(
        by_target("cr-2.9")["target"]["status"]["state"],
        "satisfied"
    );
    assert_eq!(
        by_target("cr-2.7")["target"]["status"]["state"],
        "not-satisfied"
    );
}

#[test]
fn oscal_uuids_are_deterministic_and_follow_the_target() {
    let a = rendered(&sample(), Format::Oscal);
    assert_eq!(a, rendered(&sample(), Format::Oscal));
    let mut other = sample();
    other.target.inputs_sha256 = Some("0".repeat(64));
    let b = rendered(&other, Format::Oscal);
    let uuid = |s: &str| {
        serde_json::from_str::<Value>(s).unwrap()["assessment-results"]["uuid"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_ne!(uuid(&a), uuid(&b));
    assert_eq!(&uuid(&a)[14..15], "5", "a v5 UUID");
}

// ---------------------------------------------------------------------------------------------
// JUnit with junitparser

const JUNITPARSER: &str = r#"
import json, sys
from junitparser import JUnitXml, Failure, Error, Skipped
xml = JUnitXml.fromfile(sys.argv[1])
suites = []
for suite in xml:
    cases = []
    for case in suite:
        kinds = [type(r).__name__.lower() for r in case.result]
        messages = [r.message for r in case.result]
        cases.append({"classname": case.classname, "name": case.name, "results": kinds, "messages": messages})
    suites.append({"name": suite.name, "tests": suite.tests, "failures": suite.failures,
                   "errors": suite.errors, "skipped": suite.skipped, "cases": cases})
print(json.dumps({"tests": xml.tests, "failures": xml.failures, "errors": xml.errors,
                  "skipped": xml.skipped, "suites": suites}))
"#;

#[test]
fn junit_is_read_by_junitparser() {
    if !consumer_available(
        "junitparser (python3 -c 'import junitparser')",
        python_has("junitparser"),
        "pip install junitparser",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let parse = |report: &Report| {
        let path = dir.path().join("report.xml");
        std::fs::write(&path, rendered(report, Format::Junit)).unwrap();
        let out = Command::new("python3")
            .args(["-c", JUNITPARSER])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "junitparser failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let parsed: Value = serde_json::from_slice(&out.stdout).unwrap();
        let count = |o: OutcomeKind| serde_json::json!(report.count(o));
        assert_eq!(parsed["tests"], serde_json::json!(report.results.len()));
        assert_eq!(parsed["failures"], count(OutcomeKind::Fail));
        assert_eq!(parsed["errors"], count(OutcomeKind::Error));
        assert_eq!(
            parsed["skipped"],
            serde_json::json!(
                report.count(OutcomeKind::NotAssessed) + report.count(OutcomeKind::NotApplicable)
            )
        );
        parsed
    };
    parse(&hostile());
    let parsed = parse(&sample());
    let suites = parsed["suites"].as_array().unwrap();
    let names: Vec<&str> = suites.iter().map(|s| s["name"].as_str().unwrap()).collect();
    for fr in Fr::ALL {
        assert!(names.contains(&fr.to_string().as_str()), "{names:?}");
    }
    assert!(names.contains(&"other"), "CCSC 4 results go to `other`");
    let fr1 = suites.iter().find(|s| s["name"] == "FR 1 IAC").unwrap();
    let root_login = fr1["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "ssh.permit-root-login [CR 1.1, CR 2.1]")
        .unwrap();
    assert_eq!(root_login["classname"], "FR 1 IAC");
    assert_eq!(root_login["results"], serde_json::json!(["failure"]));
    assert!(
        root_login["messages"][0]
            .as_str()
            .unwrap()
            .starts_with("root may log in")
    );
    let fr3 = suites.iter().find(|s| s["name"] == "FR 3 SI").unwrap();
    assert_eq!(fr3["cases"][0]["results"], serde_json::json!(["error"]));
}

// ---------------------------------------------------------------------------------------------
// HTML in headless Chromium

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|bin| {
            Command::new(bin)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

fn run_chromium(bin: &str, profile: &Path, extra: &[&str], url: &str) -> std::process::Output {
    Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1200,900",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .output()
        .unwrap()
}

#[test]
fn html_opens_in_headless_chromium_with_the_sl_vector() {
    let found = chromium();
    if !consumer_available(
        "headless Chromium (chromium)",
        found.is_some(),
        "apt-get install -y chromium",
    ) {
        return;
    }
    let bin = found.unwrap();
    let report = sample();
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    std::fs::write(&page, rendered(&report, Format::Html)).unwrap();
    let url = format!("file://{}", page.display());

    let png = std::env::var_os("OTCHECK_HTML_SCREENSHOT")
        .map_or_else(|| dir.path().join("report.png"), PathBuf::from);
    let shot = run_chromium(
        bin,
        &dir.path().join("profile-shot"),
        &[&format!("--screenshot={}", png.display())],
        &url,
    );
    let bytes = std::fs::read(&png).unwrap_or_else(|e| {
        panic!(
            "no screenshot at {}: {e}\n{}",
            png.display(),
            String::from_utf8_lossy(&shot.stderr)
        )
    });
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert_eq!((width, height), (1200, 900));
    assert!(
        bytes.len() > 20_000,
        "the screenshot is nearly empty ({} bytes)",
        bytes.len()
    );

    let dump = run_chromium(bin, &dir.path().join("profile-dom"), &["--dump-dom"], &url);
    let dom = String::from_utf8(dump.stdout).unwrap();
    assert!(
        dom.contains("<svg id=\"sl-vector\""),
        "no SL vector chart in the DOM:\n{}\n{}",
        &dom[..dom.len().min(2000)],
        String::from_utf8_lossy(&dump.stderr)
    );
    for fr in Fr::ALL {
        let (got, want) = (
            report.sl_achieved.get(fr).number(),
            report.target_sl.get(fr).number(),
        );
        let bar = format!(
            "id=\"sl-fr-{n}\" data-fr=\"{n}\" data-achieved=\"{got}\" data-target=\"{want}\"",
            n = fr.number()
        );
        assert!(dom.contains(&bar), "missing {bar}");
        assert!(dom.contains(&format!(">{got} / {want}</text>")));
    }
    // The inline script ran (the CSP hash matches): it shows the filters and counts the rows.
    assert!(
        dom.contains("<form id=\"filters\">"),
        "filters still hidden: script blocked?"
    );
    assert!(dom.contains("result row(s) shown"));
    // Nothing hostile became markup.
    assert!(!dom.contains("<script>alert"));
    assert!(!dom.contains("<b>guest"));

    // The filters work: preselected by the link, only FR 1's failures stay visible.
    let filtered = run_chromium(
        bin,
        &dir.path().join("profile-filter"),
        &["--dump-dom"],
        &format!("{url}#fr=1&outcome=fail"),
    );
    let dom = String::from_utf8(filtered.stdout).unwrap();
    let rows: Vec<&str> = dom
        .split("<tr class=\"result\"")
        .skip(1)
        .map(|row| &row[..row.find('>').unwrap()])
        .collect();
    let visible: Vec<&&str> = rows.iter().filter(|r| !r.contains("hidden")).collect();
    assert_eq!(visible.len(), 3, "{visible:?}");
    assert!(
        visible
            .iter()
            .all(|r| r.contains("data-outcome=\"fail\" data-fr=\"1\""))
    );
    assert!(dom.contains("3 result row(s) shown"));
    assert!(dom.contains("<section class=\"fr\" id=\"fr-2\" data-fr=\"2\" hidden=\"\">"));
}

#[test]
fn html_is_self_contained_and_escapes_report_text() {
    let html = rendered(&sample(), Format::Html);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Content-Security-Policy"));
    assert!(html.contains("default-src 'none'"));
    for external in ["src=", "href=", "@import", "url("] {
        assert!(!html.contains(external), "external reference `{external}`");
    }
    assert!(!html.contains("<script>alert"));
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(html.contains("user &lt;b&gt;guest&lt;/b&gt;"));
    assert!(html.contains("/srv/images/hmi-panel-7 &lt;rev &quot;B&quot;&gt;"));
    assert_eq!(
        html.matches("<script>").count(),
        1,
        "only the inline filter script"
    );
}

// ---------------------------------------------------------------------------------------------
// Every format: deterministic, and never panics on any report

/// Also writes the sample in every format to `$OTCHECK_REPORT_DUMP/sample.<ext>` when that is
/// set, to look at them.
#[test]
fn every_format_is_deterministic() {
    let dump = std::env::var_os("OTCHECK_REPORT_DUMP").map(PathBuf::from);
    for format in Format::ALL {
        let first = rendered(&sample(), format);
        assert_eq!(first, rendered(&sample(), format), "{}", format.name());
        if let Some(dir) = &dump {
            let name = format!("sample-{}.{}", format.name(), format.extension());
            std::fs::write(dir.join(name), &first).unwrap();
        }
    }
}

fn hostile_string() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[<>&\"' \\t\\n\\r|*_`#!\\[\\]\\\\~a-zé日\u{0}-\u{1f}\u{7f}-\u{9f}\u{fffe}\u{ffff}\u{2028}]{0,24}",
        Just(String::new()),
        Just("<script>alert(1)</script>".to_owned()),
        Just("]]><!--".to_owned()),
    ]
}

fn sha() -> impl Strategy<Value = String> {
    "[0-9a-f]{64}"
}

fn requirement_id() -> impl Strategy<Value = RequirementId> {
    let known: Vec<RequirementId> = catalog::all().iter().map(|r| r.id()).collect();
    prop_oneof![
        4 => prop::sample::select(known),
        1 => (any::<u8>(), any::<u8>(), 0_u8..4).prop_map(|(major, minor, re)| {
            RequirementId::new(RequirementKind::Cr, major, minor).with_re(re)
        }),
    ]
}

fn outcome() -> impl Strategy<Value = OutcomeKind> {
    prop::sample::select(vec![
        OutcomeKind::Pass,
        OutcomeKind::Fail,
        OutcomeKind::NotApplicable,
        OutcomeKind::NotAssessed,
        OutcomeKind::Error,
    ])
}

fn level() -> impl Strategy<Value = SecurityLevel> {
    prop::sample::select(vec![
        SecurityLevel::Sl0,
        SecurityLevel::Sl1,
        SecurityLevel::Sl2,
        SecurityLevel::Sl3,
        SecurityLevel::Sl4,
    ])
}

fn evidence() -> impl Strategy<Value = Evidence> {
    (
        prop::option::of(hostile_string()),
        prop::option::of(any::<u32>()),
        prop::option::of(hostile_string()),
        prop::option::of(sha()),
    )
        .prop_map(|(path, line, excerpt, sha256)| Evidence {
            path,
            line,
            excerpt,
            sha256,
        })
}

fn record() -> impl Strategy<Value = CheckRecord> {
    (
        prop_oneof![
            hostile_string(),
            prop::sample::select(vec!["ssh.root".to_owned(), "auth.lockout".to_owned()])
        ],
        hostile_string(),
        prop::collection::vec(requirement_id(), 0..4),
        outcome(),
        prop::option::of(hostile_string()),
        hostile_string(),
        prop::collection::vec(evidence(), 0..3),
    )
        .prop_map(
            |(check, title, requirements, outcome, finding, message, evidence)| CheckRecord {
                check,
                title,
                requirements,
                outcome,
                finding,
                message,
                evidence,
            },
        )
}

fn date() -> impl Strategy<Value = String> {
    "20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])"
}

fn attestations() -> impl Strategy<Value = Attestations> {
    let attestation = (
        requirement_id(),
        hostile_string(),
        prop::collection::vec((hostile_string(), sha()), 0..2),
        hostile_string(),
        date(),
    )
        .prop_map(|(requirement, statement, files, by, date)| Attestation {
            requirement,
            statement,
            evidence: files
                .into_iter()
                .map(|(path, sha256)| EvidenceFile { path, sha256 })
                .collect(),
            by,
            date,
        });
    let waiver = (
        requirement_id(),
        hostile_string(),
        hostile_string(),
        date(),
        any::<bool>(),
    )
        .prop_map(
            |(requirement, justification, countermeasure, expires, expired)| Waiver {
                requirement,
                justification,
                countermeasure,
                expires,
                expired,
            },
        );
    (
        prop::collection::vec(attestation, 0..3),
        prop::collection::vec(waiver, 0..3),
    )
        .prop_map(|(attestations, waivers)| Attestations {
            attestations,
            waivers,
        })
}

fn report() -> impl Strategy<Value = Report> {
    (
        (
            prop::sample::select(vec![
                TargetKind::LiveHost,
                TargetKind::Rootfs,
                TargetKind::DeviceProfile,
                TargetKind::DeviceSelftest,
            ]),
            prop_oneof![hostile_string(), Just("/srv/rootfs".to_owned())],
            prop::option::of(sha()),
        ),
        prop::sample::select(ComponentType::ALL.to_vec()),
        prop::array::uniform7(level()),
        prop::collection::vec(record(), 0..12),
        attestations(),
        prop_oneof![
            hostile_string(),
            Just("2026-03-01T08:00:00+01:00".to_owned())
        ],
        any::<u64>(),
        hostile_string(),
    )
        .prop_map(
            |(
                (kind, identifier, inputs_sha256),
                component,
                levels,
                records,
                attest,
                started,
                duration_ms,
                version,
            )| {
                let mut report = Report::new(
                    TargetInfo {
                        kind,
                        identifier,
                        inputs_sha256,
                    },
                    component,
                    SlVector::from_levels(levels),
                    records,
                    attest,
                );
                report.started = started;
                report.duration_ms = duration_ms;
                report.tool.version = version;
                report
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn rendering_never_panics_and_stays_well_formed(report in report()) {
        static REPORT_SCHEMA: LazyLock<jsonschema::Validator> = LazyLock::new(report_schema);
        static SARIF_SCHEMA: LazyLock<jsonschema::Validator> = LazyLock::new(sarif_schema);
        let (report_schema, sarif_schema) = (&*REPORT_SCHEMA, &*SARIF_SCHEMA);
        for format in Format::ALL {
            let mut out = Vec::new();
            render(&report, format, RenderOptions::default(), &mut out).unwrap();
            let text = String::from_utf8(out).unwrap();
            match format {
                Format::Json => {
                    let doc: Value = serde_json::from_str(&text).unwrap();
                    assert_valid(report_schema, &doc, "the JSON report");
                }
                Format::Sarif => {
                    let doc: Value = serde_json::from_str(&text).unwrap();
                    assert_valid(sarif_schema, &doc, "the SARIF log");
                    assert_uris_well_formed(&doc);
                }
                Format::Oscal => {
                    let doc: Value = serde_json::from_str(&text).unwrap();
                    assert!(doc["assessment-results"]["uuid"].is_string());
                }
                Format::Junit => {
                    let parsed = quick_junit::Report::deserialize_from_str(&text)
                        .unwrap_or_else(|e| panic!("{e}\n{text}"));
                    prop_assert_eq!(parsed.tests, report.results.len());
                }
                Format::Markdown => assert_tables_intact(&text),
                Format::Html => {
                    prop_assert!(!text.contains("<script>alert"));
                    prop_assert_eq!(text.matches("<script>").count(), 1);
                    prop_assert!(!text.contains(char::from(0)), "NUL in HTML");
                }
                _ => {}
            }
        }
    }
}
