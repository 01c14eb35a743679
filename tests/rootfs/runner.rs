//! The runner: vendor checks join a run, a panicking check becomes an error record, a slow
//! one becomes not assessed, and neither stops the others.

use std::time::Duration;

use otcheck::audit::AuditPlan;
use otcheck::checks::{Context, HostCheck};
use otcheck::core::catalog::ids;
use otcheck::core::{CheckId, CheckInfo};
use otcheck::report::{CheckRecord, OutcomeKind};

use crate::util::RootfsBuilder;

static PANICS: CheckInfo = CheckInfo::new(CheckId::new("vendor.panics"), "Panics", &[ids::CR_3_3]);
static PANICS_GROUP: [&CheckInfo; 1] = [&PANICS];
static SLOW: CheckInfo = CheckInfo::new(
    CheckId::new("vendor.slow"),
    "Never finishes in time",
    &[ids::CR_3_3],
);
static SLOW_GROUP: [&CheckInfo; 1] = [&SLOW];
static WEB: CheckInfo = CheckInfo::new(
    CheckId::new("vendor.web-tls"),
    "Web UI uses TLS",
    &[ids::CR_4_1],
);
static WEB_GROUP: [&CheckInfo; 1] = [&WEB];

struct Panics;
impl HostCheck for Panics {
    fn name(&self) -> &'static str {
        "panics"
    }
    fn checks(&self) -> &'static [&'static CheckInfo] {
        &PANICS_GROUP
    }
    fn run(&self, _: &Context<'_>) -> Vec<CheckRecord> {
        panic!("vendor bug")
    }
}

struct Slow;
impl HostCheck for Slow {
    fn name(&self) -> &'static str {
        "slow"
    }
    fn checks(&self) -> &'static [&'static CheckInfo] {
        &SLOW_GROUP
    }
    fn run(&self, _: &Context<'_>) -> Vec<CheckRecord> {
        std::thread::sleep(Duration::from_secs(30));
        Vec::new()
    }
}

struct WebTls;
impl HostCheck for WebTls {
    fn name(&self) -> &'static str {
        "web-tls"
    }
    fn checks(&self) -> &'static [&'static CheckInfo] {
        &WEB_GROUP
    }
    fn run(&self, ctx: &Context<'_>) -> Vec<CheckRecord> {
        match ctx.target.read_file("/etc/lighttpd/lighttpd.conf") {
            Ok(f) if f.text().contains("ssl.engine = \"enable\"") => {
                vec![CheckRecord::new(&WEB, OutcomeKind::Pass, "TLS on")]
            }
            Ok(_) => {
                let mut r = CheckRecord::new(&WEB, OutcomeKind::Fail, "TLS off");
                r.finding = Some("VENDOR-WEB-NO-TLS".into());
                vec![r]
            }
            Err(e) => vec![CheckRecord::new(
                &WEB,
                OutcomeKind::NotAssessed,
                e.to_string(),
            )],
        }
    }
}

#[test]
fn a_panicking_or_slow_check_cannot_stall_or_crash_the_audit() {
    let fs = crate::busybox::busybox();
    fs.file("/etc/lighttpd/lighttpd.conf", "server.port = 80\n");
    let mut plan = AuditPlan::new(fs.target())
        .with_check(Panics)
        .with_check(Slow)
        .with_check(WebTls);
    plan.timeout = Duration::from_secs(5);
    let started = std::time::Instant::now();
    let outcome = otcheck::audit::run(&plan);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
    let panics = outcome.record("vendor.panics").unwrap();
    assert_eq!(panics.outcome, OutcomeKind::Error);
    assert!(panics.message.contains("vendor bug"), "{}", panics.message);
    assert_eq!(
        outcome.record("vendor.slow").unwrap().outcome,
        OutcomeKind::NotAssessed
    );
    assert_eq!(
        outcome.record("vendor.web-tls").unwrap().finding.as_deref(),
        Some("VENDOR-WEB-NO-TLS")
    );
    // The built-in checks all still reported.
    assert_eq!(
        outcome.record("accounts.empty-password").unwrap().outcome,
        OutcomeKind::Fail
    );
    assert_eq!(outcome.records.len(), 37 + 18 + 3);
    // Sorted by check id, so two reports diff cleanly.
    assert!(outcome.records.windows(2).all(|w| w[0].check <= w[1].check));
}

#[test]
fn an_empty_directory_is_not_assessed_never_passed() {
    let fs = RootfsBuilder::new();
    let outcome = fs.audit(otcheck::core::ComponentType::EmbeddedDevice);
    for id in [
        "accounts.uid0-unique",
        "accounts.empty-password",
        "auth.stored-authenticator",
    ] {
        let r = outcome.record(id).unwrap();
        assert_eq!(r.outcome, OutcomeKind::NotAssessed, "{id}");
        assert_eq!(
            r.message,
            "could not read the configuration: /etc/passwd: not found"
        );
    }
    assert!(
        outcome
            .records
            .iter()
            .all(|r| r.outcome != OutcomeKind::Error)
    );
}

/// The live-only probes read `/proc` through the target like everything else, so a fake
/// `/proc` under a directory opened as a live host exercises them deterministically.
#[test]
fn live_only_checks_read_proc_net_and_proc_sys() {
    let fs = RootfsBuilder::new();
    let header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
    let tail = " 00000000:00000000 00:00000000 00000000     0        0 1 1 0000000000000000 100 0 0 10 0\n";
    fs.file(
        "/proc/net/tcp",
        format!(
            "{header}   0: 00000000:0016 00000000:0000 0A{tail}   1: 0100007F:0277 00000000:0000 0A{tail}   2: 00000000:0017 00000000:0000 0A{tail}   3: 0A000002:0016 0A000001:D431 01{tail}"
        ),
    )
    .file("/proc/net/udp", format!("{header}   0: 0100007F:0035 00000000:0000 07{tail}"))
    .file("/proc/sys/kernel/randomize_va_space", "2\n")
    .file("/proc/sys/kernel/kptr_restrict", "1\n")
    .file("/proc/sys/kernel/dmesg_restrict", "1\n")
    .file("/proc/sys/fs/protected_symlinks", "1\n")
    .file("/proc/sys/fs/protected_hardlinks", "1\n")
    .file("/proc/sys/fs/suid_dumpable", "2\n")
    .file_mode("/proc/sys/vm/oops", "", 0o666)
    // Configured but not what the running kernel has: the live value is judged.
    .file("/etc/sysctl.conf", "fs.suid_dumpable = 0\n");
    let live = || {
        otcheck::target::Target::open(
            otcheck::target::TargetKind::LiveHost,
            &fs.root(),
            otcheck::target::Limits::default(),
        )
        .unwrap()
    };
    let outcome = otcheck::audit::run(&AuditPlan::new(live()));
    let listening = outcome.record("network.listening").unwrap();
    assert_eq!(
        listening.finding.as_deref(),
        Some("NET-UNEXPECTED-LISTENER")
    );
    assert_eq!(
        listening.message,
        "ports outside the allow-list listen on the network: tcp/23"
    );
    assert_eq!(listening.evidence[0].path.as_deref(), Some("/proc/net/tcp"));
    assert_eq!(listening.evidence[0].line, Some(4));
    let kernel = outcome.record("sysctl.kernel-hardening").unwrap();
    assert_eq!(kernel.finding.as_deref(), Some("SYSCTL-KERNEL-HARDENING"));
    assert_eq!(
        kernel.message,
        "kernel parameters are weaker than required: fs.suid_dumpable = 2 (needs 0)"
    );
    // The walk of a live host stays out of /proc; the same tree as a rootfs is walked whole.
    assert_eq!(
        outcome.record("files.world-writable").unwrap().outcome,
        OutcomeKind::Pass
    );
    let as_rootfs = fs.audit(otcheck::core::ComponentType::HostDevice);
    let ww = as_rootfs.record("files.world-writable").unwrap();
    assert_eq!(ww.evidence[0].path.as_deref(), Some("/proc/sys/vm/oops"));

    let mut plan = AuditPlan::new(live());
    plan.allowed_ports = vec![22, 23];
    assert_eq!(
        otcheck::audit::run(&plan)
            .record("network.listening")
            .unwrap()
            .outcome,
        OutcomeKind::Pass
    );
}
