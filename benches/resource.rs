//! Benchmarks for `otcheck_core::resource`: the per-packet and per-connection primitives
//! (token bucket, connection and session guards), which must stay O(1), and the checks over a
//! full resource profile, including reading it from TOML on the host.
//!
//! Run briefly with `cargo bench --bench resource -- --warm-up-time 1 --measurement-time 3`.

#![expect(
    clippy::expect_used,
    reason = "bench setup on fixed, known-good inputs; a failure should stop the bench"
)]
#![expect(
    missing_docs,
    reason = "`criterion_group!` generates an undocumented function"
)]

use core::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use otcheck_core::resource::{
    self, BackupStatus, ConnectionGuard, Functionality, Interface, Inventory, Limits, Port,
    RateLimit, ResourceLimit, ResourceSettings, SessionGuard, SettingsReport, TokenBucket,
};

const PROFILE_TOML: &str = r#"
backup = "intact"
settings_report = "machine-readable"
inventory = { present = { components = 12 } }

[[interfaces]]
name = "eth0"
dos_protection = true
inbound_rate_limit = { burst = 200, refill = 50, period = 1000 }
outbound_rate_limit = { burst = 200, refill = 50, period = 1000 }
session_limit = 4

[[interfaces]]
name = "eth1"
external = false

[limits]
memory = { limited = { limit = 49152, capacity = 65536 } }
cpu = { limited = { limit = 80, capacity = 100 } }
connections = { limited = { limit = 16, capacity = 32 } }
file_handles = "not-applicable"

[enabled]
services = ["modbus", "web"]
ports = [{ transport = "tcp", number = 502 }, { transport = "tcp", number = 443 }]
interfaces = ["eth0"]

[allowed]
services = ["modbus", "web", "opc-ua"]
ports = [{ transport = "tcp", number = 502 }, { transport = "tcp", number = 443 }]
interfaces = ["eth0", "eth1"]
"#;

fn rate(c: &mut Criterion) {
    let mut group = c.benchmark_group("resource/token-bucket");
    // Admitted: a bucket that refills faster than it is drained.
    let mut open = TokenBucket::new(RateLimit::new(1_000, 1_000, 1), 0).expect("valid limit");
    let mut now = 0u64;
    group.bench_function("try_acquire admitted", |b| {
        b.iter(|| {
            now = now.wrapping_add(1);
            black_box(open.try_acquire(black_box(now), black_box(1)))
        });
    });
    // Refused: an empty bucket, computing the retry time.
    let mut empty = TokenBucket::new(RateLimit::new(10, 1, 1_000_000), 0).expect("valid limit");
    empty.try_acquire(0, 10).expect("full at start");
    group.bench_function("try_acquire refused", |b| {
        b.iter(|| black_box(empty.try_acquire(black_box(5), black_box(1))));
    });
    group.finish();
}

fn guards(c: &mut Criterion) {
    let mut group = c.benchmark_group("resource/guard");
    let mut connections = ConnectionGuard::new(64);
    group.bench_function("connection admit+release", |b| {
        b.iter(|| {
            let permit = connections.admit().expect("below the limit");
            black_box(connections.release(black_box(permit)))
        });
    });
    let mut sessions = SessionGuard::<64>::new();
    // Half full, so admission pops from the middle of the free stack.
    let held: Vec<_> = (0..32)
        .map(|_| sessions.admit().expect("below the limit"))
        .collect();
    group.bench_function("session admit+release (N = 64)", |b| {
        b.iter(|| {
            let token = sessions.admit().expect("below the limit");
            black_box(sessions.release(black_box(token)))
        });
    });
    black_box(held);
    group.finish();
}

fn checks(c: &mut Criterion) {
    let mut group = c.benchmark_group("resource/checks");
    let allowed_services: Vec<String> = (0..32).map(|i| format!("service-{i}")).collect();
    let enabled_services: Vec<String> = (0..16).map(|i| format!("service-{}", i * 3)).collect();
    let allowed_ports: Vec<Port> = (0..32).map(|i| Port::tcp(1000 + i)).collect();
    let enabled_ports: Vec<Port> = (0..16).map(|i| Port::tcp(1000 + i * 3)).collect();
    let allowed = Functionality::new(&allowed_services, &allowed_ports, &allowed_services);
    let enabled = Functionality::new(&enabled_services, &enabled_ports, &enabled_services);
    group.bench_function("least_functionality 3x16 enabled vs 3x32 allowed", |b| {
        b.iter(|| black_box(resource::least_functionality(black_box(&enabled), &allowed)));
    });

    let mut settings = ResourceSettings::<16, 32>::default();
    for i in 0..8 {
        let mut iface = Interface::named(&format!("eth{i}")).expect("short name");
        iface.dos_protection = true;
        iface.inbound_rate_limit = Some(RateLimit::new(200, 50, 1_000));
        iface.outbound_rate_limit = Some(RateLimit::new(200, 50, 1_000));
        iface.session_limit = Some(4);
        settings.push_interface(iface).expect("room for 8");
    }
    let limited = |limit, capacity| ResourceLimit::Limited {
        limit,
        capacity: Some(capacity),
    };
    settings.limits = Limits {
        memory: limited(48, 64),
        cpu: limited(80, 100),
        connections: limited(16, 32),
        file_handles: limited(512, 1024),
    };
    settings.backup = BackupStatus::Intact;
    settings.settings_report = SettingsReport::MachineReadable;
    settings.inventory = Inventory::Present { components: 40 };
    for i in 0..16 {
        settings
            .enabled
            .push_service(&format!("service-{i}"))
            .expect("room for 16");
    }
    settings.allowed = Some(settings.enabled.clone());
    assert!(
        resource::evaluate(&settings)
            .iter()
            .all(|r| r.outcome.is_pass())
    );
    group.bench_function("evaluate full profile", |b| {
        b.iter(|| black_box(resource::evaluate(black_box(&settings))));
    });

    let parsed: ResourceSettings = toml::from_str(PROFILE_TOML).expect("the sample profile parses");
    assert!(
        resource::evaluate(&parsed)
            .iter()
            .all(|r| r.outcome.is_pass())
    );
    // The serde form round-trips through JSON and TOML.
    let json = serde_json::to_string(&parsed).expect("serialises to JSON");
    let from_json: ResourceSettings = serde_json::from_str(&json).expect("reads its own JSON");
    assert_eq!(from_json, parsed);
    let toml_text = toml::to_string(&parsed).expect("serialises to TOML");
    let from_toml: ResourceSettings = toml::from_str(&toml_text).expect("reads its own TOML");
    assert_eq!(from_toml, parsed);
    group.bench_function("parse TOML profile section", |b| {
        b.iter(|| black_box(toml::from_str::<ResourceSettings>(black_box(PROFILE_TOML)).is_ok()));
    });
    group.finish();
}

criterion_group!(benches, rate, guards, checks);
criterion_main!(benches);
