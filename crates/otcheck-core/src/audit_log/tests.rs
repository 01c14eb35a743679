//! Tests across the audit-log layers: tamper detection on exports (property tests on a
//! 1,000-record log, exhaustive bit flips on a 16-record export), the log's behaviour when full
//! (wrap-around accounting, refusal, warnings), storage failures, restore after reset, and a
//! model-based test that checks the log's invariants after every operation of random runs.
#![allow(
    clippy::arithmetic_side_effects,
    reason = "test arithmetic on small, known values; overflow would fail the test"
)]

use std::sync::OnceLock;
use std::vec::Vec;

use proptest::prelude::*;

use super::*;

const KEY: [u8; 32] = [0x6b; 32];

fn key() -> ChainKey {
    ChainKey::new(KEY)
}

/// A varied but deterministic event stream: every category, outcome, several actors and
/// payload sizes, increasing time, some of it unsynchronised.
fn event(i: u64) -> (Event<'static>, Timestamp) {
    const PAYLOADS: [&[u8]; 4] = [b"", b"x", b"setpoint 42 -> 45", &[0xee; 32]];
    const ACTORS: [&str; 3] = ["operator", "engineer", "plc-runtime"];
    let n = usize::try_from(i).unwrap();
    let category = Category::ALL[n % Category::COUNT];
    let outcome = [
        EventOutcome::Success,
        EventOutcome::Failure,
        EventOutcome::Info,
    ][n % 3];
    let actor = ActorId::from_name(ACTORS[n % 3]).unwrap();
    let e = Event::new(category, outcome, u16::try_from(n % 500).unwrap(), actor)
        .unwrap()
        .with_payload(PAYLOADS[n % 4])
        .unwrap();
    let ms = 1_700_000_000_000 + i * 250;
    let time = if n % 50 == 7 {
        Timestamp::unsynchronised(ms)
    } else {
        Timestamp::synchronised(ms)
    };
    (e, time)
}

fn fill<const N: usize, S: RecordStore>(log: &mut AuditLog<N, S>, records: u64) {
    for i in 0..records {
        let (e, t) = event(i);
        let _ = log.append(&e, t).unwrap();
    }
}

fn export<const N: usize, S: RecordStore>(log: &mut AuditLog<N, S>) -> Vec<u8>
where
    S::Error: core::fmt::Debug,
{
    let mut out = Vec::new();
    log.export_with(0, u32::MAX, |chunk: &[u8]| {
        out.extend_from_slice(chunk);
        Ok::<(), ()>(())
    })
    .unwrap();
    out
}

fn verify(bytes: &[u8], keyed: bool) -> Result<LogSummary, VerifyError> {
    let k = key();
    verify_export(bytes, keyed.then_some(&k), VerifyLimits::default())
}

/// A 1,000-record export, built once per mode. No thresholds, so all 1,000 are events.
fn thousand(keyed: bool) -> &'static [u8] {
    static UNKEYED: OnceLock<Vec<u8>> = OnceLock::new();
    static KEYED: OnceLock<Vec<u8>> = OnceLock::new();
    let cell = if keyed { &KEYED } else { &UNKEYED };
    cell.get_or_init(|| {
        let config = LogConfig {
            policy: OverflowPolicy::Refuse,
            thresholds: Thresholds::NONE,
        };
        let k = key();
        let mut log = std::boxed::Box::new(AuditLog::<1024>::new(config, keyed.then_some(&k)));
        fill(&mut *log, 1000);
        let bytes = export(&mut *log);
        assert_eq!(bytes.len(), HEADER_LEN + 1000 * RECORD_LEN);
        bytes
    })
}

fn record_range(i: usize) -> core::ops::Range<usize> {
    HEADER_LEN + i * RECORD_LEN..HEADER_LEN + (i + 1) * RECORD_LEN
}

fn tamper(result: Result<LogSummary, VerifyError>) -> Tamper {
    match result {
        Err(VerifyError::Tampered(t)) => t,
        other => panic!("expected tampering, got {other:?}"),
    }
}

#[test]
fn the_thousand_record_exports_verify() {
    for keyed in [false, true] {
        let s = verify(thousand(keyed), keyed).unwrap();
        assert_eq!(s.records, 1000);
        assert_eq!((s.first_seq, s.last_seq()), (0, Some(999)));
        assert_eq!(s.unsynchronised, 20);
        assert_eq!(s.time_steps_back, 0);
        assert_eq!(s.categories.get(Category::AccessControl), 125);
        assert_eq!(s.failures, 333);
        assert_eq!(s.counters, LogCounters::default());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_byte_modification_is_detected(keyed: bool, at in any::<prop::sample::Index>(), xor in 1u8..) {
        let mut bytes = thousand(keyed).to_vec();
        let i = at.index(bytes.len());
        bytes[i] ^= xor;
        prop_assert!(verify(&bytes, keyed).is_err());
        if i >= HEADER_LEN {
            let index = u64::try_from((i - HEADER_LEN) / RECORD_LEN).unwrap();
            let t = tamper(verify(&bytes, keyed));
            prop_assert_eq!(t.index(), Some(index), "{}", t);
        }
    }

    #[test]
    fn deleting_any_record_is_detected_as_dropped(keyed: bool, k in 0usize..1000) {
        let mut bytes = thousand(keyed).to_vec();
        bytes.drain(record_range(k));
        let t = tamper(verify(&bytes, keyed));
        let k = u64::try_from(k).unwrap();
        if k == 999 {
            prop_assert_eq!(t, Tamper::Truncated { expected: 1000, found: 999 });
        } else {
            prop_assert_eq!(t, Tamper::Dropped { index: k, expected_seq: k, count: 1 });
        }
    }

    #[test]
    fn deleting_any_byte_range_is_detected(keyed: bool, a in any::<prop::sample::Index>(), len in 1usize..300) {
        let mut bytes = thousand(keyed).to_vec();
        let start = a.index(bytes.len());
        let end = (start + len).min(bytes.len());
        bytes.drain(start..end);
        prop_assert!(verify(&bytes, keyed).is_err());
    }

    #[test]
    fn inserting_a_record_is_detected(keyed: bool, k in 0usize..=1000, source in 0usize..1000, foreign: bool) {
        let original = thousand(keyed);
        let inserted: Vec<u8> = if foreign {
            // A record from the other log (other key or none), with the right sequence number.
            let other = thousand(!keyed);
            other[record_range(k.min(999))].to_vec()
        } else {
            original[record_range(source)].to_vec()
        };
        let mut bytes = original.to_vec();
        let at = HEADER_LEN + k * RECORD_LEN;
        bytes.splice(at..at, inserted);
        let t = tamper(verify(&bytes, keyed));
        // A copy of record k inserted before record k is the same bytes as one inserted after
        // it: the second copy is the one that breaks the chain.
        let k = u64::try_from(if !foreign && source == k { k + 1 } else { k }).unwrap();
        prop_assert_eq!(t.index(), Some(k), "{}", t);
        if foreign || k == 1000 {
            prop_assert!(matches!(t, Tamper::Inserted { index, .. } if index == k), "{}", t);
        }
    }

    #[test]
    fn inserting_random_bytes_is_detected(keyed: bool, k in 0usize..=1000, junk in prop::collection::vec(any::<u8>(), RECORD_LEN)) {
        let mut bytes = thousand(keyed).to_vec();
        let at = HEADER_LEN + k * RECORD_LEN;
        bytes.splice(at..at, junk);
        let t = tamper(verify(&bytes, keyed));
        prop_assert!(matches!(t, Tamper::Inserted { index, .. } if index == u64::try_from(k).unwrap()), "{}", t);
    }

    #[test]
    fn swapping_two_records_is_detected_as_reordered(keyed: bool, i in 0usize..1000, j in 0usize..1000) {
        prop_assume!(i != j);
        let (i, j) = (i.min(j), i.max(j));
        let mut bytes = thousand(keyed).to_vec();
        let a = bytes[record_range(i)].to_vec();
        let b = bytes[record_range(j)].to_vec();
        bytes[record_range(i)].copy_from_slice(&b);
        bytes[record_range(j)].copy_from_slice(&a);
        let t = tamper(verify(&bytes, keyed));
        let (i, j) = (u64::try_from(i).unwrap(), u64::try_from(j).unwrap());
        prop_assert_eq!(t, Tamper::Reordered { index: i, expected_seq: i, found_seq: j });
    }

    #[test]
    fn moving_a_record_is_detected(keyed: bool, from in 0usize..1000, to in 0usize..1000) {
        prop_assume!(from != to);
        let mut bytes = thousand(keyed).to_vec();
        let moved: Vec<u8> = bytes.drain(record_range(from)).collect();
        let at = HEADER_LEN + to * RECORD_LEN;
        bytes.splice(at..at, moved);
        let t = tamper(verify(&bytes, keyed));
        prop_assert_eq!(t.index(), Some(u64::try_from(from.min(to)).unwrap()), "{}", t);
    }

    #[test]
    fn truncation_anywhere_is_detected(keyed: bool, cut in any::<prop::sample::Index>()) {
        let full = thousand(keyed);
        let len = cut.index(full.len());
        let result = verify(&full[..len], keyed);
        if len < HEADER_LEN {
            prop_assert!(matches!(result, Err(VerifyError::Format(FormatError::Truncated { .. }))), "{:?}", result);
        } else {
            let whole = u64::try_from((len - HEADER_LEN) / RECORD_LEN).unwrap();
            prop_assert_eq!(tamper(result), Tamper::Truncated { expected: 1000, found: whole });
        }
    }

    #[test]
    fn appending_bytes_is_detected(keyed: bool, extra in prop::collection::vec(any::<u8>(), 1..250)) {
        let mut bytes = thousand(keyed).to_vec();
        bytes.extend_from_slice(&extra);
        prop_assert!(verify(&bytes, keyed).is_err());
    }
}

#[test]
fn every_single_bit_flip_of_a_16_record_export_is_detected() {
    for keyed in [false, true] {
        let k = key();
        let mut log = AuditLog::<32>::new(LogConfig::default(), keyed.then_some(&k));
        fill(&mut log, 16);
        let bytes = export(&mut log);
        let s = verify(&bytes, keyed).unwrap();
        assert_eq!(s.records, 16);
        assert_eq!(bytes.len(), HEADER_LEN + 16 * RECORD_LEN);
        let mut flips = 0;
        for i in 0..bytes.len() {
            for bit in 0..8 {
                let mut b = bytes.clone();
                b[i] ^= 1 << bit;
                let result = verify(&b, keyed);
                assert!(result.is_err(), "keyed={keyed} byte {i} bit {bit}");
                if i >= HEADER_LEN {
                    let index = u64::try_from((i - HEADER_LEN) / RECORD_LEN).unwrap();
                    assert_eq!(tamper(result).index(), Some(index), "byte {i} bit {bit}");
                }
                flips += 1;
            }
        }
        assert_eq!(flips, 8 * (HEADER_LEN + 16 * RECORD_LEN));
    }
}

#[test]
fn every_single_bit_flip_in_stored_records_is_detected_in_place() {
    for keyed in [false, true] {
        let k = key();
        let mut log = AuditLog::<20>::new(LogConfig::default(), keyed.then_some(&k));
        fill(&mut log, 16);
        let clean = log.into_store();
        for slot in 0..16 {
            for byte in 0..RECORD_LEN {
                for bit in 0..8 {
                    let mut store = clean.clone();
                    store.as_slots_mut()[slot][byte] ^= 1 << bit;
                    let restored =
                        AuditLog::<20>::restore(store, LogConfig::default(), keyed.then_some(&k));
                    assert!(restored.is_err(), "slot {slot} byte {byte} bit {bit}");
                }
            }
        }
    }
}

#[test]
fn wrong_key_no_key_and_downgrade_are_refused() {
    let keyed = thousand(true);
    let unkeyed = thousand(false);
    let other = ChainKey::new([0x6c; 32]);
    assert_eq!(
        verify_export(keyed, Some(&other), VerifyLimits::default()),
        Err(VerifyError::Tampered(Tamper::HeaderModified))
    );
    assert_eq!(
        verify_export(keyed, None, VerifyLimits::default()),
        Err(VerifyError::KeyRequired)
    );
    assert_eq!(
        verify_export(unkeyed, Some(&key()), VerifyLimits::default()),
        Err(VerifyError::UnkeyedExport)
    );
    assert_eq!(
        verify_export(keyed, Some(&key()), VerifyLimits { max_records: 999 }),
        Err(VerifyError::LimitExceeded {
            declared: 1000,
            limit: 999
        })
    );
}

/// Documents the limit of the unkeyed mode: whoever knows the format can drop a record and
/// recompute everything. The keyed mode stops exactly this.
#[test]
fn an_unkeyed_chain_can_be_recomputed_by_an_attacker_a_keyed_one_cannot() {
    for keyed in [false, true] {
        let original = thousand(keyed);
        let view = ExportView::new_checked(original).unwrap();
        // Drop record 500, renumber and relink the rest, rewrite the header, all without a key.
        let chain = Chain::unkeyed();
        let mut prev = view.header().anchor;
        let mut body_out = Vec::new();
        for (i, r) in view.records().enumerate().filter(|(i, _)| *i != 500) {
            let mut record = Record::parse(r).unwrap();
            record.seq = u64::try_from(if i > 500 { i - 1 } else { i }).unwrap();
            record.chain = chain.link(&prev, &record.body());
            prev = record.chain;
            let mut b = [0u8; RECORD_LEN];
            record.emit(&mut b);
            body_out.extend_from_slice(&b);
        }
        let mut header = view.header();
        header.count = 999;
        header.next_seq = 999;
        header.head = prev;
        let mut forged = [0u8; HEADER_LEN].to_vec();
        header.emit(&chain, (&mut forged[..]).try_into().unwrap());
        forged.extend_from_slice(&body_out);
        if keyed {
            assert_eq!(
                verify(&forged, true),
                Err(VerifyError::UnkeyedExport),
                "the forger cannot produce a keyed export"
            );
        } else {
            assert_eq!(verify(&forged, false).unwrap().records, 999);
        }
    }
}

#[test]
fn synchronised_time_going_backwards_is_reported() {
    let mut log = AuditLog::<16>::new(LogConfig::default(), None);
    let e = Event::new(
        Category::ControlSystem,
        EventOutcome::Info,
        1,
        ActorId::default(),
    )
    .unwrap();
    log.append(&e, Timestamp::synchronised(5_000)).unwrap();
    // A reset without a battery: unsynchronised and earlier. Tolerated.
    log.append(&e, Timestamp::unsynchronised(10)).unwrap();
    // Synchronised again, later than the unsynchronised one but earlier than the first: tolerated.
    log.append(&e, Timestamp::synchronised(4_000)).unwrap();
    let s = log.verify().unwrap();
    assert_eq!(s.time_steps_back, 1);
    assert_eq!(s.unsynchronised, 1);
    // Synchronised to synchronised, backwards: reported.
    log.append(&e, Timestamp::synchronised(3_999)).unwrap();
    assert_eq!(
        log.verify(),
        Err(LogError::Tampered(Tamper::TimeWentBackwards {
            index: 3,
            seq: 3
        }))
    );
    let bytes = export(&mut log);
    assert_eq!(
        tamper(verify(&bytes, false)),
        Tamper::TimeWentBackwards { index: 3, seq: 3 }
    );
}

#[test]
fn exports_of_sub_ranges_verify_and_commit_to_their_end() {
    for keyed in [false, true] {
        let k = key();
        let mut log = AuditLog::<64>::new(LogConfig::default(), keyed.then_some(&k));
        fill(&mut log, 40);
        let next = log.next_seq();
        for from in [0, 1, 17, next - 1, next, next + 5] {
            for max in [0, 1, 5, u32::MAX] {
                let mut out = Vec::new();
                let info = log
                    .export_with(from, max, |c: &[u8]| {
                        out.extend_from_slice(c);
                        Ok::<(), ()>(())
                    })
                    .unwrap();
                assert_eq!(out.len(), info.bytes);
                let s = verify(&out, keyed).unwrap();
                assert_eq!(s.first_seq, from.min(next));
                assert_eq!(s.records, u64::from(info.count));
                if info.count > 0 {
                    // Dropping the last record is detected even though every link holds.
                    let cut = &out[..out.len() - RECORD_LEN];
                    assert!(matches!(
                        tamper(verify(cut, keyed)),
                        Tamper::Truncated { .. }
                    ));
                }
            }
        }
    }
}

#[test]
fn every_truncated_prefix_of_an_export_fails() {
    let mut log = AuditLog::<16>::new(LogConfig::default(), None);
    fill(&mut log, 3);
    let bytes = export(&mut log);
    for len in 0..bytes.len() {
        let err = verify(&bytes[..len], false).unwrap_err();
        if len < HEADER_LEN {
            assert!(
                matches!(err, VerifyError::Format(FormatError::Truncated { .. })),
                "{len}"
            );
        } else {
            assert!(
                matches!(
                    err,
                    VerifyError::Tampered(Tamper::Truncated { expected: 3, .. })
                ),
                "{len}: {err:?}"
            );
        }
    }
    assert!(verify(&bytes, false).is_ok());
}

/// The log's own marker records, in order, from an export.
fn log_events(bytes: &[u8]) -> Vec<(u64, LogEvent, LogCounters)> {
    ExportView::new_checked(bytes)
        .unwrap()
        .records()
        .filter_map(|r| {
            let rec = Record::parse(r).unwrap();
            rec.log_event().map(|(e, c)| (rec.seq, e, c))
        })
        .collect()
}

#[test]
fn wrap_around_keeps_the_log_verifiable_and_accounts_for_every_lost_record() {
    for keyed in [false, true] {
        let k = key();
        let config = LogConfig {
            policy: OverflowPolicy::Overwrite,
            thresholds: Thresholds::new(&[50, 90]).unwrap(),
        };
        let mut log = AuditLog::<64>::new(config, keyed.then_some(&k));
        let mut markers_total = 0u64;
        let mut scanned = 0u64;
        let mut overwritten_reported = 0u64;
        for i in 0..1_000 {
            let (e, t) = event(i);
            let done = log.append(&e, t).unwrap();
            assert!(done.seq >= i);
            // Every record the log writes, seen as it is written.
            for seq in scanned..log.next_seq() {
                if let Some((LogEvent::RecordsOverwritten { count }, c)) =
                    log.record(seq).unwrap().unwrap().log_event()
                {
                    markers_total += 1;
                    overwritten_reported += u64::from(count);
                    assert_eq!(
                        c.overwritten, overwritten_reported,
                        "markers are cumulative"
                    );
                }
            }
            scanned = log.next_seq();
            let c = log.counters();
            assert_eq!(log.oldest_seq(), c.overwritten + c.released);
            assert!(log.len() <= log.capacity());
            // Markers lag the loss by less than one interval (capacity / 4) plus one.
            assert!(c.overwritten - overwritten_reported <= log.capacity() / 4 + 1);
        }
        let c = log.counters();
        assert_eq!(log.len(), 63);
        assert_eq!(c.overwritten, log.next_seq() - 63);
        assert_eq!(c.released + c.refused, 0);
        assert!(markers_total > 10);
        let s = log.verify().unwrap();
        assert_eq!(s.records, 63);
        let bytes = export(&mut log);
        let s = verify(&bytes, keyed).unwrap();
        assert_eq!(s.records, 63);
        assert_eq!(s.counters, c);
        assert_eq!(s.oldest_seq, c.overwritten);
        // The window always holds a recent marker, and its count is consistent with the header.
        let markers = log_events(&bytes);
        let (_, _, last) = markers
            .iter()
            .rev()
            .find(|(_, e, _)| matches!(e, LogEvent::RecordsOverwritten { .. }))
            .unwrap();
        assert!(last.overwritten <= c.overwritten);
        assert!(c.overwritten - last.overwritten <= 63 / 4 + 1);
        // Only the first fill crossed the thresholds.
        assert_eq!(
            markers
                .iter()
                .filter(|(_, e, _)| matches!(e, LogEvent::CapacityWarning { .. }))
                .count(),
            0,
            "the warnings were overwritten long ago"
        );
    }
}

#[test]
fn refuse_policy_reports_every_refusal() {
    let config = LogConfig {
        policy: OverflowPolicy::Refuse,
        thresholds: Thresholds::NONE,
    };
    let mut log = AuditLog::<8>::new(config, None); // capacity 7
    let e = Event::new(
        Category::RequestError,
        EventOutcome::Failure,
        3,
        ActorId::default(),
    )
    .unwrap();
    let t = Timestamp::synchronised(0);
    for seq in 0..6 {
        assert_eq!(log.append(&e, t).unwrap().seq, seq);
    }
    for _ in 0..5 {
        assert_eq!(log.append(&e, t), Err(AppendError::Full { capacity: 7 }));
    }
    assert_eq!(log.counters().refused, 5);
    assert_eq!(log.len(), 7, "six events and the log-full marker");
    let full = log.record(6).unwrap().unwrap();
    assert_eq!(
        full.log_event(),
        Some((
            LogEvent::LogFull { refused: 1 },
            LogCounters {
                overwritten: 0,
                refused: 1,
                released: 0
            }
        ))
    );
    let who = ActorId::from_name("maintenance").unwrap();
    assert_eq!(log.release_through(3, t, who).unwrap(), 4);
    let released = log.record(7).unwrap().unwrap();
    assert_eq!(released.actor, who);
    assert_eq!(
        released.log_event().map(|(e, _)| e),
        Some(LogEvent::Released { count: 4 })
    );
    let seq = log.append(&e, t).unwrap().seq;
    // The four later refusals are reported before the event that follows them.
    let refused = log.record(seq - 1).unwrap().unwrap();
    assert_eq!(
        refused.log_event(),
        Some((
            LogEvent::RecordsRefused { count: 4 },
            LogCounters {
                overwritten: 0,
                refused: 5,
                released: 4
            }
        ))
    );
    let bytes = export(&mut log);
    let s = verify(&bytes, false).unwrap();
    assert_eq!(s.counters.refused, 5);
    assert_eq!(s.counters.released, 4);
    assert_eq!(s.oldest_seq, 4);
    assert_eq!(s.loss_markers, 2);
}

#[test]
fn capacity_warnings_fire_once_and_rearm_after_release() {
    let config = LogConfig {
        policy: OverflowPolicy::Refuse,
        thresholds: Thresholds::new(&[50, 75]).unwrap(),
    };
    let mut log = AuditLog::<21>::new(config, None); // capacity 20
    let e = Event::new(
        Category::AccessControl,
        EventOutcome::Success,
        1,
        ActorId::default(),
    )
    .unwrap();
    let t = Timestamp::synchronised(0);
    let mut crossed = Vec::new();
    while let Ok(done) = log.append(&e, t) {
        if let Some(p) = done.threshold_crossed {
            crossed.push((done.seq, p));
        }
    }
    // 10 events fill 50 %; the warning is record 10; 75 % (15 records) is reached by event 14.
    assert_eq!(crossed, [(9, 50), (14, 75)]);
    let warning = log.record(10).unwrap().unwrap();
    assert_eq!(
        warning.log_event().map(|(e, _)| e),
        Some(LogEvent::CapacityWarning {
            threshold_percent: 50,
            fill_percent: 50
        })
    );
    assert_eq!(log.verify().unwrap().capacity_warnings, 2);
    // Release everything but the newest record: both thresholds re-arm.
    log.release_through(log.next_seq() - 2, t, ActorId::default())
        .unwrap();
    let mut again = Vec::new();
    while let Ok(done) = log.append(&e, t) {
        again.extend(done.threshold_crossed);
    }
    assert_eq!(again, [50, 75]);
}

/// A store that fails on demand, to test storage failures.
struct Flaky<const N: usize> {
    inner: RamStore<N>,
    fail_writes: bool,
    fail_reads: bool,
}

impl<const N: usize> Flaky<N> {
    fn new() -> Self {
        Self {
            inner: RamStore::new(),
            fail_writes: false,
            fail_reads: false,
        }
    }
}

impl<const N: usize> RecordStore for Flaky<N> {
    type Error = &'static str;
    fn slots(&self) -> usize {
        N
    }
    fn read(&mut self, slot: usize, out: &mut [u8; RECORD_LEN]) -> Result<(), &'static str> {
        if self.fail_reads {
            return Err("read failed");
        }
        self.inner.read(slot, out).map_err(|_| "out of range")
    }
    fn write(&mut self, slot: usize, record: &[u8; RECORD_LEN]) -> Result<(), &'static str> {
        if self.fail_writes {
            return Err("write failed");
        }
        self.inner.write(slot, record).map_err(|_| "out of range")
    }
}

#[test]
fn storage_failures_are_reported_counted_and_leave_the_log_intact() {
    let mut log =
        AuditLog::<8, Flaky<8>>::with_store(Flaky::new(), LogConfig::default(), None).unwrap();
    fill(&mut log, 3);
    let head = log.head();
    let mut store = log.into_store();
    store.fail_writes = true;
    let mut log = AuditLog::<8, _>::restore(store, LogConfig::default(), None).unwrap();
    assert_eq!(log.head(), head);
    let (e, t) = event(3);
    assert_eq!(
        log.append(&e, t),
        Err(AppendError::Storage {
            slot: 3,
            error: "write failed"
        })
    );
    assert_eq!(log.next_seq(), 3, "nothing changed");
    assert_eq!(log.head(), head);
    assert_eq!(log.counters().refused, 1);
    assert!(log.verify().is_ok());
    let mut store = log.into_store();
    store.fail_writes = false;
    let mut log = AuditLog::<8, _>::restore(store, LogConfig::default(), None).unwrap();
    // The restored log does not know about the unreported refusal (documented).
    assert_eq!(log.counters().refused, 0);
    log.append(&e, t).unwrap();
    let mut store = log.into_store();
    store.fail_reads = true;
    let mut log = AuditLog::<8, _>::with_store(store, LogConfig::default(), None).unwrap();
    // A full log that cannot read the record it must evict refuses instead of losing silently.
    let mut refused = 0;
    for i in 0..10 {
        let (e, t) = event(i);
        if log.append(&e, t).is_err() {
            refused += 1;
        }
    }
    assert!(refused > 0);
    assert_eq!(log.counters().refused, refused);
    assert!(matches!(log.verify(), Err(LogError::Storage { .. })));
    let mut buf = [0u8; 2048];
    assert!(matches!(
        log.export_to_slice(0, 100, &mut buf),
        Err(ExportError::Storage { .. })
    ));
}

#[test]
fn restore_after_reset_recovers_the_state() {
    for policy in [OverflowPolicy::Overwrite, OverflowPolicy::Refuse] {
        for records in [0u64, 1, 5, 15, 16, 17, 40, 333] {
            for keyed in [false, true] {
                let k = key();
                let config = LogConfig {
                    policy,
                    thresholds: Thresholds::new(&[60]).unwrap(),
                };
                let mut log = AuditLog::<16>::new(config, keyed.then_some(&k));
                for i in 0..records {
                    let (e, t) = event(i);
                    let _ = log.append(&e, t);
                    if i % 37 == 36 {
                        let through = log.oldest_seq() + log.len() / 2;
                        log.release_through(through, t, ActorId::default()).unwrap();
                    }
                }
                let before = (
                    log.oldest_seq(),
                    log.next_seq(),
                    log.head(),
                    log.counters().overwritten,
                    log.counters().released,
                );
                let bytes = export(&mut log);
                let store = log.into_store();
                let mut restored =
                    AuditLog::<16>::restore(store, config, keyed.then_some(&k)).unwrap();
                let after = (
                    restored.oldest_seq(),
                    restored.next_seq(),
                    restored.head(),
                    restored.counters().overwritten,
                    restored.counters().released,
                );
                assert_eq!(before, after, "{policy:?} {records} keyed={keyed}");
                assert_eq!(export(&mut restored)[HEADER_LEN..], bytes[HEADER_LEN..]);
                // And it carries on.
                let (e, t) = event(records);
                let _ = restored.append(&e, t);
                restored.verify().unwrap();
            }
        }
    }
}

#[test]
fn restore_rejects_misplaced_records_and_wrong_keys() {
    let mut log = AuditLog::<8>::new(LogConfig::default(), Some(&key()));
    fill(&mut log, 5);
    let clean = log.into_store();
    let mut moved = clean.clone();
    moved.as_slots_mut()[6] = moved.as_slots()[2];
    assert_eq!(
        AuditLog::<8>::restore(moved, LogConfig::default(), Some(&key())).map(|_| ()),
        Err(LogError::Misplaced { slot: 6, seq: 2 })
    );
    assert!(matches!(
        AuditLog::<8>::restore(clean.clone(), LogConfig::default(), None).map(|_| ()),
        Err(LogError::Tampered(Tamper::Modified { index: 0, seq: 0 }))
    ));
    // An erased (0xFF) store is an empty log.
    let mut erased = RamStore::<8>::new();
    for s in erased.as_slots_mut() {
        *s = [0xff; RECORD_LEN];
    }
    let log = AuditLog::<8>::restore(erased, LogConfig::default(), None).unwrap();
    assert!(log.is_empty());
    // A store smaller than the log.
    let mut small = RamStore::<4>::new();
    assert_eq!(
        AuditLog::<8, _>::restore(&mut small, LogConfig::default(), None).map(|_| ()),
        Err(LogError::StoreTooSmall {
            slots: 4,
            needed: 8
        })
    );
}

#[test]
fn sequence_exhaustion_is_an_error_not_a_panic() {
    // A store whose only record has the third-to-last sequence number. The last usable one is
    // u64::MAX - 1 (`next_seq` must stay representable).
    let chain = Chain::unkeyed();
    let (e, t) = event(0);
    let mut record = Record::from_event(u64::MAX - 2, t, &e);
    record.chain = chain.link(&ChainValue::from_bytes([9; 32]), &record.body());
    let mut bytes = [0u8; RECORD_LEN];
    record.emit(&mut bytes);
    let mut store = RamStore::<4>::new();
    let slot = usize::try_from((u64::MAX - 2) % 4).unwrap();
    store.as_slots_mut()[slot] = bytes;
    let mut log = AuditLog::<4>::restore(store, LogConfig::default(), None).unwrap();
    assert_eq!(log.next_seq(), u64::MAX - 1);
    assert!(log.is_empty());
    assert_eq!(log.append(&e, t).unwrap().seq, u64::MAX - 1);
    assert_eq!(log.append(&e, t), Err(AppendError::SequenceExhausted));
    assert_eq!(log.counters().refused, 1);
}

#[test]
fn header_inconsistencies_are_caught_even_with_a_valid_tag() {
    // An unkeyed forger rewrites header fields and recomputes the tag.
    let original = thousand(false);
    let view = ExportView::new_checked(original).unwrap();
    type Edit = fn(&mut ExportHeader);
    let cases: [(Edit, Tamper); 5] = [
        (
            |h| h.counters.overwritten = 5,
            Tamper::HeaderInconsistent {
                field: "oldest sequence number",
            },
        ),
        (
            |h| h.next_seq = 999,
            Tamper::HeaderInconsistent {
                field: "next sequence number",
            },
        ),
        (
            |h| h.capacity = 10,
            Tamper::HeaderInconsistent { field: "capacity" },
        ),
        (
            |h| h.anchor = ChainValue::from_bytes([1; 32]),
            Tamper::AnchorMismatch,
        ),
        (
            |h| h.head = ChainValue::from_bytes([1; 32]),
            Tamper::HeadMismatch,
        ),
    ];
    for (edit, expected) in cases {
        let mut h = view.header();
        edit(&mut h);
        let mut bytes = original.to_vec();
        h.emit(
            &Chain::unkeyed(),
            (&mut bytes[..HEADER_LEN]).try_into().unwrap(),
        );
        assert_eq!(tamper(verify(&bytes, false)), expected);
    }
}

/// One operation of a random run.
#[derive(Debug, Clone)]
enum Op {
    Append { i: u16, time_step: u16, sync: bool },
    Release { fraction: u8 },
    FailWrites(bool),
    Restore,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        20 => (any::<u16>(), 0u16..2000, prop::bool::weighted(0.9))
            .prop_map(|(i, time_step, sync)| Op::Append { i, time_step, sync }),
        2 => any::<u8>().prop_map(|fraction| Op::Release { fraction }),
        1 => any::<bool>().prop_map(Op::FailWrites),
        1 => Just(Op::Restore),
    ]
}

/// Runs `ops` against a log of `N` slots and checks every invariant after each step.
fn run_model<const N: usize>(ops: &[Op], policy: OverflowPolicy, thresholds: &[u8], keyed: bool) {
    let k = key();
    let key = keyed.then_some(&k);
    let config = LogConfig {
        policy,
        thresholds: Thresholds::new(thresholds).unwrap(),
    };
    let mut log = AuditLog::<N, Flaky<N>>::with_store(Flaky::new(), config, key).unwrap();
    let mut now = 1_700_000_000_000u64;
    let mut refused = 0u64;
    let mut released = 0u64;
    let mut last_seq: Option<u64> = None;
    // (seq, code) of events the log accepted.
    let mut accepted: Vec<(u64, u16)> = Vec::new();
    for op in ops {
        match *op {
            Op::Append { i, time_step, sync } => {
                now += u64::from(time_step);
                let (e, _) = event(u64::from(i));
                let t = if sync {
                    Timestamp::synchronised(now)
                } else {
                    Timestamp::unsynchronised(now)
                };
                match log.append(&e, t) {
                    Ok(done) => {
                        assert!(last_seq.is_none_or(|s| done.seq > s));
                        last_seq = Some(done.seq);
                        accepted.push((done.seq, e.code()));
                    }
                    Err(AppendError::Full { .. }) => {
                        assert_eq!(policy, OverflowPolicy::Refuse);
                        refused += 1;
                    }
                    Err(AppendError::Storage { .. }) => refused += 1,
                    Err(other) => panic!("{other:?}"),
                }
            }
            Op::Release { fraction } => {
                if !log.is_empty() {
                    let span = log.len() * u64::from(fraction) / 256;
                    let through = log.oldest_seq() + span;
                    let before = log.oldest_seq();
                    match log.release_through(
                        through,
                        Timestamp::synchronised(now),
                        ActorId::default(),
                    ) {
                        Ok(n) => {
                            assert_eq!(n, through - before + 1);
                            released += n;
                        }
                        Err(LogError::Storage { .. }) => assert_eq!(log.oldest_seq(), before),
                        Err(other) => panic!("{other:?}"),
                    }
                }
            }
            Op::FailWrites(fail) => {
                let mut store = log.into_store();
                store.fail_writes = fail;
                log = AuditLog::restore(store, config, key).unwrap();
                // Unreported refusals are not in the store; the model forgets them too.
                refused = log.counters().refused;
            }
            Op::Restore => {
                let state = (
                    log.oldest_seq(),
                    log.next_seq(),
                    log.head(),
                    log.counters().released,
                );
                log = AuditLog::restore(log.into_store(), config, key).unwrap();
                assert_eq!(
                    state,
                    (
                        log.oldest_seq(),
                        log.next_seq(),
                        log.head(),
                        log.counters().released
                    )
                );
                refused = log.counters().refused;
            }
        }
        let c = log.counters();
        assert_eq!(c.refused, refused);
        assert_eq!(c.released, released);
        assert_eq!(log.oldest_seq(), c.overwritten + c.released);
        assert!(log.len() <= log.capacity());
        if policy == OverflowPolicy::Refuse {
            assert_eq!(c.overwritten, 0);
        }
        let s = log.verify().unwrap();
        assert_eq!(s.records, log.len());
        // Every accepted event still held reads back as appended.
        let oldest = log.oldest_seq();
        for &(seq, code) in accepted.iter().rev().take_while(|(s, _)| *s >= oldest) {
            assert_eq!(log.record(seq).unwrap().unwrap().code, code);
        }
        let was_failing = {
            let mut store = log.into_store();
            let f = store.fail_writes;
            store.fail_writes = false;
            log = AuditLog::restore(store, config, key).unwrap();
            refused = log.counters().refused;
            f
        };
        let bytes = export(&mut log);
        let summary = verify(&bytes, keyed).unwrap();
        assert_eq!(summary.records, log.len());
        assert_eq!(summary.counters, log.counters());
        if was_failing {
            let mut store = log.into_store();
            store.fail_writes = true;
            log = AuditLog::restore(store, config, key).unwrap();
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_runs_keep_every_invariant(
        ops in prop::collection::vec(op(), 1..120),
        overwrite: bool,
        keyed: bool,
        slots in 0usize..3,
        thresholds in prop_oneof![Just(&[][..]), Just(&[50u8][..]), Just(&[20u8, 40, 60, 80][..]), Just(&[99u8][..])],
    ) {
        let policy = if overwrite { OverflowPolicy::Overwrite } else { OverflowPolicy::Refuse };
        match slots {
            0 => run_model::<4>(&ops, policy, thresholds, keyed),
            1 => run_model::<9>(&ops, policy, thresholds, keyed),
            _ => run_model::<33>(&ops, policy, thresholds, keyed),
        }
    }

    #[test]
    fn verify_never_panics_on_arbitrary_input(bytes in prop::collection::vec(any::<u8>(), 0..1200), keyed: bool) {
        let _ = verify(&bytes, keyed);
        if let Ok(view) = ExportView::new_checked(&bytes) {
            for r in view.records() {
                let _ = Record::parse(r);
            }
        }
    }

    #[test]
    fn verify_never_panics_on_a_mangled_export_with_a_valid_tag(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
    ) {
        // Rewrite the header tag after the edits so that verification walks the records.
        let mut bytes = thousand(false)[..HEADER_LEN + 40 * RECORD_LEN].to_vec();
        let view = ExportView::new_checked(&bytes).unwrap();
        let mut h = view.header();
        h.count = 40;
        h.next_seq = 1000;
        h.head = view.record(39).unwrap().chain();
        h.emit(&Chain::unkeyed(), (&mut bytes[..HEADER_LEN]).try_into().unwrap());
        let clean = verify(&bytes, false);
        prop_assert!(clean.is_ok(), "{:?}", clean);
        for (at, v) in edits {
            let i = HEADER_LEN + at.index(bytes.len() - HEADER_LEN);
            bytes[i] = v;
        }
        let _ = verify(&bytes, false);
    }
}
