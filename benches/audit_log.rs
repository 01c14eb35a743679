//! Benchmarks for `otcheck_core::audit_log`: the cost of appending one record (unkeyed and
//! keyed, into a log that is already full and overwriting, which is the steady state of a
//! device), and verification throughput of a 100,000-record export on the host (target: at
//! least 1 M records/s).
//!
//! `cargo bench --bench audit_log`
#![allow(
    clippy::unwrap_used,
    missing_docs,
    reason = "a benchmark: set-up failures should abort it"
)]

use core::hint::black_box;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use otcheck_core::audit_log::{
    ActorId, AuditLog, Category, ChainKey, Event, EventOutcome, LogConfig, OverflowPolicy,
    RECORD_LEN, RecordStore, Thresholds, Timestamp, VerifyLimits, verify_export,
};

const KEY: [u8; 32] = [0x42; 32];
const EXPORT_RECORDS: usize = 100_000;

/// A heap-backed store, so that a large log does not have to fit on the stack.
struct VecStore(Vec<[u8; RECORD_LEN]>);

impl RecordStore for VecStore {
    type Error = ();
    fn slots(&self) -> usize {
        self.0.len()
    }
    fn read(&mut self, slot: usize, out: &mut [u8; RECORD_LEN]) -> Result<(), ()> {
        *out = *self.0.get(slot).ok_or(())?;
        Ok(())
    }
    fn write(&mut self, slot: usize, record: &[u8; RECORD_LEN]) -> Result<(), ()> {
        *self.0.get_mut(slot).ok_or(())? = *record;
        Ok(())
    }
}

fn event() -> Event<'static> {
    Event::new(
        Category::AccessControl,
        EventOutcome::Failure,
        0x0101,
        ActorId::from_name("admin").unwrap(),
    )
    .unwrap()
    .with_payload(b"ssh from 10.0.0.7")
    .unwrap()
}

fn config() -> LogConfig {
    LogConfig {
        policy: OverflowPolicy::Overwrite,
        thresholds: Thresholds::new(&[75, 90]).unwrap(),
    }
}

fn append(c: &mut Criterion) {
    let key = ChainKey::new(KEY);
    let e = event();
    let mut g = c.benchmark_group("audit_log/append");
    g.throughput(Throughput::Elements(1));
    for (name, key) in [("unkeyed", None), ("keyed", Some(&key))] {
        let mut log = AuditLog::<1024>::new(config(), key);
        // Steady state: full, every append overwrites the oldest record.
        for t in 0..2048 {
            log.append(&e, Timestamp::synchronised(t)).unwrap();
        }
        let mut t = 2048;
        g.bench_function(name, |b| {
            b.iter(|| {
                t += 1;
                log.append(black_box(&e), Timestamp::synchronised(t))
            })
        });
    }
    g.finish();
}

fn export(key: Option<&ChainKey>) -> Vec<u8> {
    let config = LogConfig {
        policy: OverflowPolicy::Refuse,
        thresholds: Thresholds::NONE,
    };
    // `N` is only the slot count here; the records live on the heap.
    let mut log = AuditLog::<{ EXPORT_RECORDS + 2 }, VecStore>::with_store(
        VecStore(vec![[0; RECORD_LEN]; EXPORT_RECORDS + 2]),
        config,
        key,
    )
    .unwrap();
    let e = event();
    for t in 0..u64::try_from(EXPORT_RECORDS).unwrap() {
        log.append(&e, Timestamp::synchronised(t)).unwrap();
    }
    let mut out = Vec::new();
    log.export_with(0, u32::MAX, |chunk: &[u8]| {
        out.extend_from_slice(chunk);
        Ok::<(), ()>(())
    })
    .unwrap();
    out
}

fn verify(c: &mut Criterion) {
    let key = ChainKey::new(KEY);
    let mut g = c.benchmark_group("audit_log/verify");
    g.throughput(Throughput::Elements(u64::try_from(EXPORT_RECORDS).unwrap()));
    g.sample_size(10);
    for (name, key) in [("unkeyed", None), ("keyed", Some(&key))] {
        let bytes = export(key);
        assert_eq!(
            verify_export(&bytes, key, VerifyLimits::default())
                .unwrap()
                .records,
            u64::try_from(EXPORT_RECORDS).unwrap()
        );
        g.bench_function(name, |b| {
            b.iter(|| verify_export(black_box(&bytes), key, VerifyLimits::default()))
        });
    }
    g.finish();
    // Writing an export, for comparison (reads every slot back from the store).
    c.bench_function("audit_log/export-16-records", |b| {
        let mut log = AuditLog::<17>::new(config(), Some(&key));
        let e = event();
        for t in 0..16 {
            log.append(&e, Timestamp::synchronised(t)).unwrap();
        }
        b.iter_batched_ref(
            || [0u8; 4096],
            |buf| log.export_to_slice(0, u32::MAX, buf).map(|i| i.bytes),
            BatchSize::SmallInput,
        )
    });
}

criterion_group!(benches, append, verify);
criterion_main!(benches);
