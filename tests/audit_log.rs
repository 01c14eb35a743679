//! The audit-log export as the host sees it: golden export files (the format must not change
//! without a version bump), verification of those files as `otcheck log verify` does it, the
//! JSON a program gets, and the checks on a verification result.
//!
//! The files in `tests/audit_log/` are written by this test: regenerate them after a deliberate
//! format change (and a version bump) with `OTCHECK_BLESS=1 cargo test --test audit_log`. They
//! also seed the fuzzer: `cp tests/audit_log/*.otal fuzz/corpus/audit_log_export/`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::std_instead_of_core
)]

use std::path::PathBuf;

use otcheck_core::audit_log::{
    ActorId, AuditLog, Category, ChainKey, Event, EventOutcome, HEADER_LEN, LogConfig, LogEvent,
    OverflowPolicy, RECORD_LEN, Record, Tamper, Thresholds, Timestamp, VerifyError, VerifyLimits,
    check_integrity, verify_export,
};

/// The key of the keyed fixtures. (A real device key never leaves the device's key store.)
const KEY: [u8; 32] = [0x6b; 32];

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/audit_log")
}

/// A small device log: a few events of every required category, an unsynchronised stretch
/// after a reset, a wrap-around with loss markers, and a capacity warning.
fn device_export(key: Option<&ChainKey>) -> Vec<u8> {
    let config = LogConfig {
        policy: OverflowPolicy::Overwrite,
        thresholds: Thresholds::new(&[75]).unwrap(),
    };
    let mut log = AuditLog::<17>::new(config, key);
    let events: [(Category, EventOutcome, u16, &str, &[u8]); 6] = [
        (
            Category::AccessControl,
            EventOutcome::Failure,
            0x0101,
            "admin",
            b"ssh 10.0.0.7",
        ),
        (
            Category::AccessControl,
            EventOutcome::Success,
            0x0100,
            "admin",
            b"ssh 10.0.0.7",
        ),
        (
            Category::ConfigurationChange,
            EventOutcome::Success,
            0x0300,
            "admin",
            b"ntp server",
        ),
        (
            Category::ControlSystem,
            EventOutcome::Success,
            0x0200,
            "engineer",
            b"run -> program",
        ),
        (
            Category::RequestError,
            EventOutcome::Failure,
            0x0400,
            "10.0.0.9",
            b"modbus fc 0x5a",
        ),
        (
            Category::BackupRestore,
            EventOutcome::Success,
            0x0500,
            "backup-agent",
            b"",
        ),
    ];
    let mut t = 1_714_000_000_000;
    for i in 0..30usize {
        let (category, outcome, code, actor, payload) = events[i % events.len()];
        let e = Event::new(category, outcome, code, ActorId::from_name(actor).unwrap())
            .unwrap()
            .with_payload(payload)
            .unwrap();
        // Records 22..25 were written after a reset, before NTP synchronised the clock.
        let time = if (22..25).contains(&i) {
            Timestamp::unsynchronised(1_000 * u64::try_from(i).unwrap())
        } else {
            Timestamp::synchronised(t)
        };
        t += 60_000;
        log.append(&e, time).unwrap();
    }
    let mut out = Vec::new();
    log.export_with(0, u32::MAX, |chunk: &[u8]| {
        out.extend_from_slice(chunk);
        Ok::<(), ()>(())
    })
    .unwrap();
    out
}

fn fixtures() -> [(&'static str, Option<ChainKey>); 2] {
    [
        ("unkeyed.otal", None),
        ("keyed.otal", Some(ChainKey::new(KEY))),
    ]
}

#[test]
fn golden_exports_are_reproduced_byte_for_byte() {
    let bless = std::env::var_os("OTCHECK_BLESS").is_some();
    for (name, key) in fixtures() {
        let path = fixture_dir().join(name);
        let fresh = device_export(key.as_ref());
        if bless {
            // Write beside and rename, so that tests reading the file in parallel never see
            // it half written.
            std::fs::create_dir_all(fixture_dir()).unwrap();
            let tmp = path.with_extension("tmp");
            std::fs::write(&tmp, &fresh).unwrap();
            std::fs::rename(&tmp, &path).unwrap();
        }
        let stored = std::fs::read(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (run with OTCHECK_BLESS=1)", path.display()));
        assert!(
            stored == fresh,
            "{name}: the export encoding changed; bump EXPORT_VERSION and re-bless"
        );
    }
}

#[test]
fn golden_exports_verify_and_summarise() {
    for (name, key) in fixtures() {
        let bytes = std::fs::read(fixture_dir().join(name)).unwrap();
        let summary = verify_export(&bytes, key.as_ref(), VerifyLimits::default()).unwrap();
        assert_eq!(summary.capacity, 16);
        assert_eq!(summary.records, 16);
        assert_eq!(summary.next_seq, summary.oldest_seq + 16);
        assert_eq!(summary.oldest_seq, summary.counters.overwritten);
        assert!(summary.counters.overwritten > 0);
        assert!(
            summary.loss_markers > 0,
            "the wrap-around is in the log itself"
        );
        let text = summary.to_string();
        assert!(text.starts_with("verified: 16 records"), "{text}");
        // Three events and the loss marker written with one of them.
        assert!(text.contains("4 unsynchronised, 1 steps back"), "{text}");
        assert!(text.contains("overwritten"), "{text}");
        let check = check_integrity(&Ok(summary));
        assert_eq!(check.outcome.is_pass(), key.is_some(), "{name}");

        // What a program reading `otcheck log verify --json` gets.
        let json = serde_json::to_value(summary).unwrap();
        assert_eq!(json["records"], 16);
        assert_eq!(
            json["protection"],
            if key.is_some() { "keyed" } else { "unkeyed" }
        );
        assert_eq!(json["head"].as_str().unwrap().len(), 64);
        assert!(json["categories"]["access-control"].as_u64().is_some());
        assert_eq!(
            json["counters"]["overwritten"].as_u64(),
            Some(summary.oldest_seq)
        );
    }
}

#[test]
fn the_unsynchronised_stretch_and_markers_are_visible_record_by_record() {
    let bytes = std::fs::read(fixture_dir().join("unkeyed.otal")).unwrap();
    let view = otcheck_core::audit_log::ExportView::new_checked(&bytes).unwrap();
    let records: Vec<Record> = view.records().map(|r| Record::parse(r).unwrap()).collect();
    assert_eq!(records.len(), 16);
    let overwritten: Vec<_> = records
        .iter()
        .filter_map(Record::log_event)
        .filter(|(e, _)| matches!(e, LogEvent::RecordsOverwritten { .. }))
        .collect();
    assert!(!overwritten.is_empty());
    let line = records[0].to_string();
    assert!(
        line.starts_with(&format!("#{} 2024-", records[0].seq)),
        "{line}"
    );
}

#[test]
fn a_tampered_file_fails_with_a_finding_and_json_error() {
    let key = ChainKey::new(KEY);
    let mut bytes = std::fs::read(fixture_dir().join("keyed.otal")).unwrap();
    // Drop the fourth record, as someone hiding an event would.
    bytes.drain(HEADER_LEN + 3 * RECORD_LEN..HEADER_LEN + 4 * RECORD_LEN);
    let result = verify_export(&bytes, Some(&key), VerifyLimits::default());
    let Err(VerifyError::Tampered(
        t @ Tamper::Dropped {
            index: 3, count: 1, ..
        },
    )) = result
    else {
        panic!("{result:?}");
    };
    assert_eq!(t.kind(), "dropped");
    let json = serde_json::to_value(result.unwrap_err()).unwrap();
    assert_eq!(json["error"], "tampered");
    let check = check_integrity(&result);
    assert_eq!(
        check.outcome.finding().map(|f| f.code.as_str()),
        Some("AUDIT-CHAIN-BROKEN")
    );
    // The key file formats the CLI accepts.
    let hex: String = KEY.iter().map(|b| format!("{b:02x}")).collect();
    assert!(ChainKey::parse(format!("{hex}\n").as_bytes()).is_ok());
    assert!(ChainKey::parse(&KEY).is_ok());
}
