//! Kernel hardening checks: memory and information-leak protections, and network stack
//! settings. Live values on the live host; on a root filesystem, what its boot applies.
//!
//! Evidences CCSC 3 (least privilege), CR 7.1 (denial of service protection) and CR 7.7
//! (least functionality). On a root filesystem, an unset key counts only where the upstream
//! kernel default is the secure value, and the message says so.

use otcheck_core::catalog::ids;
use otcheck_core::{CheckId, CheckInfo, ComponentType};

use crate::probe::sysctl;
use crate::report::{CheckRecord, OutcomeKind};

use super::{Context, HostCheck, fail, pass, unreadable};

static KERNEL: CheckInfo = CheckInfo::new(
    CheckId::new("sysctl.kernel-hardening"),
    "Kernel memory and information-leak protections are on",
    &[ids::CCSC_3],
);
static NETWORK: CheckInfo = CheckInfo::new(
    CheckId::new("sysctl.network-hardening"),
    "The network stack resists floods and redirection",
    &[ids::CR_7_1, ids::CR_7_7],
);

/// A required setting: key, accepted values, upstream kernel default (if secure).
struct Rule {
    key: &'static str,
    ok: fn(i64) -> bool,
    needs: &'static str,
    secure_default: Option<&'static str>,
}

const KERNEL_RULES: [Rule; 6] = [
    Rule {
        key: "kernel.randomize_va_space",
        ok: |v| v == 2,
        needs: "2",
        secure_default: Some("2"),
    },
    Rule {
        key: "kernel.kptr_restrict",
        ok: |v| v >= 1,
        needs: "≥ 1",
        secure_default: None,
    },
    Rule {
        key: "kernel.dmesg_restrict",
        ok: |v| v == 1,
        needs: "1",
        secure_default: None,
    },
    Rule {
        key: "fs.protected_symlinks",
        ok: |v| v == 1,
        needs: "1",
        secure_default: None,
    },
    Rule {
        key: "fs.protected_hardlinks",
        ok: |v| v == 1,
        needs: "1",
        secure_default: None,
    },
    Rule {
        key: "fs.suid_dumpable",
        ok: |v| v == 0,
        needs: "0",
        secure_default: Some("0"),
    },
];

const NETWORK_RULES: [Rule; 4] = [
    Rule {
        key: "net.ipv4.tcp_syncookies",
        ok: |v| v == 1,
        needs: "1",
        secure_default: Some("1"),
    },
    Rule {
        key: "net.ipv4.conf.all.accept_redirects",
        ok: |v| v == 0,
        needs: "0",
        secure_default: None,
    },
    Rule {
        key: "net.ipv4.conf.all.accept_source_route",
        ok: |v| v == 0,
        needs: "0",
        secure_default: Some("0"),
    },
    Rule {
        key: "net.ipv4.icmp_echo_ignore_broadcasts",
        ok: |v| v == 1,
        needs: "1",
        secure_default: Some("1"),
    },
];

const IP_FORWARD: Rule = Rule {
    key: "net.ipv4.ip_forward",
    ok: |v| v == 0,
    needs: "0",
    secure_default: Some("0"),
};

static GROUP: [&CheckInfo; 2] = [&KERNEL, &NETWORK];
/// The sysctl check group.
#[derive(Debug)]
pub(crate) struct Sysctl;

impl HostCheck for Sysctl {
    fn name(&self) -> &'static str {
        "sysctl"
    }

    fn checks(&self) -> &'static [&'static CheckInfo] {
        &GROUP
    }

    fn run(&self, ctx: &Context<'_>) -> Vec<CheckRecord> {
        let mut network: Vec<&Rule> = NETWORK_RULES.iter().collect();
        // Forwarding is the job of a network device; anywhere else it should be off.
        if ctx.component != ComponentType::NetworkDevice {
            network.push(&IP_FORWARD);
        }
        let kernel: Vec<&Rule> = KERNEL_RULES.iter().collect();
        let keys: Vec<&str> = kernel.iter().chain(network.iter()).map(|r| r.key).collect();
        let facts = sysctl::probe(ctx.target, &keys);
        vec![
            judge(&KERNEL, &kernel, &facts),
            judge(&NETWORK, &network, &facts),
        ]
    }
}

fn judge(info: &CheckInfo, rules: &[&Rule], facts: &sysctl::Sysctl) -> CheckRecord {
    let mut problems = Vec::new();
    let mut defaults = Vec::new();
    let mut evidence = Vec::new();
    for rule in rules {
        match facts.values.get(rule.key) {
            Some(v) => {
                evidence.push(v.source.evidence());
                let ok = v.value.trim().parse::<i64>().is_ok_and(rule.ok);
                if !ok {
                    problems.push(format!("{} = {} (needs {})", rule.key, v.value, rule.needs));
                }
            }
            // Live: a key the kernel does not have (e.g. no IPv4) is not a weakness.
            None if facts.live => {}
            None => match rule.secure_default {
                Some(d) => defaults.push(format!("{} (kernel default {d})", rule.key)),
                None => problems.push(format!("{} not set (needs {})", rule.key, rule.needs)),
            },
        }
    }
    let r = if !problems.is_empty() {
        if let Some(e) = facts.unreadable.first() {
            return unreadable(info, e);
        }
        let code = if info.id.as_str() == "sysctl.kernel-hardening" {
            "SYSCTL-KERNEL-HARDENING"
        } else {
            "SYSCTL-NETWORK-HARDENING"
        };
        fail(info, code, "kernel parameters are weaker than required")
            .with_detail(problems.join("; "))
    } else if let Some(e) = facts.unreadable.first() {
        unreadable(info, e)
    } else if defaults.is_empty() {
        pass(info, format!("{} parameters set as required", rules.len()))
    } else {
        pass(info, format!("{} parameters as required", rules.len()))
            .with_detail(format!("unset, relying on {}", defaults.join(", ")))
    };
    if r.outcome == OutcomeKind::NotAssessed {
        return r;
    }
    evidence.into_iter().fold(r, CheckRecord::with_evidence)
}
