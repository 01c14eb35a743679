//! Fuzzes the audit-log export decoder and verifier (`otcheck log verify` reads such files from
//! anywhere).
//!
//! For every input it checks that:
//! - decoding the header, every record and verifying (without and with a key) never panics;
//! - the decoders are canonical: a header or record that decodes re-encodes to the same bytes;
//! - with the header tag recomputed (so verification gets past the header), and again with every
//!   link recomputed (so it gets past the chain to the field, time and counter checks), the
//!   verifier still never panics, and a relinked export with consistent counts either verifies
//!   or names a problem other than a broken link.
//!
//! Seed it with real exports: `cp ../tests/audit_log/*.otal corpus/audit_log_export/`.
#![no_main]

use otcheck_core::audit_log::{
    Chain, ChainKey, ExportView, HEADER_LEN, Protection, RECORD_LEN, Record, RecordView, Tamper,
    VerifyError, VerifyLimits, verify_export,
};

/// The key of the keyed seed exports (`tests/audit_log.rs`).
const KEY: [u8; 32] = [0x6b; 32];

const LIMITS: VerifyLimits = VerifyLimits {
    max_records: 100_000,
};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let key = ChainKey::new(KEY);
    for k in [None, Some(&key)] {
        match verify_export(data, k, LIMITS) {
            Ok(summary) => {
                let _ = summary.to_string();
            }
            Err(e) => {
                let _ = e.to_string();
            }
        }
    }
    if let Ok(view) = RecordView::new_checked(data) {
        round_trip_record(view);
    }

    let Ok(view) = ExportView::new_checked(data) else {
        return;
    };
    let chain = match view.protection() {
        Protection::Keyed => Chain::keyed(&key),
        Protection::Unkeyed => Chain::unkeyed(),
    };
    let mut header = view.header();
    let mut reencoded = [0u8; HEADER_LEN];
    header.emit(&chain, &mut reencoded);
    assert_eq!(reencoded[..128], data[..128], "header is not canonical");
    for r in view.records() {
        round_trip_record(r);
    }

    // Past the header: a valid tag over whatever the fuzzer put there.
    let mut bytes = data.to_vec();
    header.emit(&Chain::unkeyed(), header_mut(&mut bytes));
    let _ = verify_export(&bytes, None, LIMITS);

    // Past the chain: relink every record and commit the header to the result.
    let unkeyed = Chain::unkeyed();
    let mut prev = header.anchor;
    for chunk in bytes[HEADER_LEN..].chunks_exact_mut(RECORD_LEN) {
        let body: [u8; 72] = chunk[..72].try_into().unwrap();
        prev = unkeyed.link(&prev, &body);
        chunk[72..].copy_from_slice(prev.as_bytes());
    }
    header.head = prev;
    header.count = u32::try_from(view.record_count()).unwrap_or(u32::MAX);
    header.emit(&unkeyed, header_mut(&mut bytes));
    match verify_export(&bytes, None, LIMITS) {
        Ok(summary) => assert_eq!(summary.records, view.record_count()),
        Err(VerifyError::Tampered(t)) => {
            // Every link holds, so no link-level classification may come out, only the
            // checks that run on a linked record or on the header.
            assert!(
                matches!(
                    t,
                    Tamper::HeaderInconsistent { .. }
                        | Tamper::AnchorMismatch
                        | Tamper::HeadMismatch
                        | Tamper::TrailingData { .. }
                        | Tamper::Dropped { .. }
                        | Tamper::Reordered { .. }
                        | Tamper::Inserted { .. }
                        | Tamper::TimeWentBackwards { .. }
                        | Tamper::CountersInconsistent { .. }
                        | Tamper::Malformed { .. }
                ),
                "{t:?}"
            );
            // Dropped/Reordered/Inserted can only come from sequence numbers here.
            if let Some(i) = t.index() {
                assert!(i < view.record_count().max(1), "{t:?}");
            }
        }
        Err(e) => panic!("unexpected {e:?}"),
    }
});

fn header_mut(bytes: &mut [u8]) -> &mut [u8; HEADER_LEN] {
    (&mut bytes[..HEADER_LEN]).try_into().unwrap()
}

fn round_trip_record(view: RecordView<'_>) {
    if let Ok(record) = Record::parse(view) {
        let mut out = [0u8; RECORD_LEN];
        record.emit(&mut out);
        assert_eq!(&out, view.as_bytes(), "record is not canonical");
        let _ = record.to_string();
        let _ = record.log_event();
    }
}
