//! SSH server checks, for OpenSSH (`ssh.*`, from `sshd_config` with `Include` and `Match`)
//! and Dropbear (`dropbear.*`, from its command-line options).
//!
//! Evidences CR 1.1 (root login, empty passwords), CR 1.1 RE 2 (password-only logins),
//! CR 1.11 (login attempts), CR 1.12 (banner), CR 2.6 (idle termination), CR 2.7 (concurrent
//! sessions), CR 3.1 and CR 4.3 (algorithms). A `Match` block that weakens a setting fails
//! the check just as a global setting would. Attempt, idle and session limits are the core's
//! thresholds at the target SL ([`LockoutThresholds`], [`SessionThresholds`]), so device and
//! host are held to the same numbers.

use otcheck_core::auth::{LockoutThresholds, SessionThresholds};
use otcheck_core::catalog::ids;
use otcheck_core::{CheckId, CheckInfo};

use crate::probe::Source;
use crate::probe::dropbear::{self, DropbearConfig};
use crate::probe::sshd::{self, Sshd, SshdConfig};
use crate::report::{CheckRecord, OutcomeKind};
use crate::target::Target;

use super::{Context, HostCheck, all, fail, pass, unreadable};

macro_rules! info {
    ($name:ident, $id:literal, $title:literal, $reqs:expr) => {
        static $name: CheckInfo = CheckInfo::new(CheckId::new($id), $title, $reqs);
    };
}

info!(
    ROOT,
    "ssh.permit-root-login",
    "OpenSSH refuses root logins",
    &[ids::CR_1_1]
);
info!(
    EMPTY,
    "ssh.permit-empty-passwords",
    "OpenSSH refuses empty passwords",
    &[ids::CR_1_1, ids::CR_1_5]
);
info!(
    PASSWORD,
    "ssh.password-authentication",
    "OpenSSH requires keys rather than passwords",
    &[ids::CR_1_1_RE_2]
);
info!(
    TRIES,
    "ssh.max-auth-tries",
    "OpenSSH limits authentication attempts",
    &[ids::CR_1_11]
);
info!(
    BANNER,
    "ssh.banner",
    "OpenSSH shows a system use notification",
    &[ids::CR_1_12]
);
info!(
    IDLE,
    "ssh.idle-timeout",
    "OpenSSH terminates idle sessions",
    &[ids::CR_2_6]
);
info!(
    SESSIONS,
    "ssh.max-sessions",
    "OpenSSH limits concurrent sessions",
    &[ids::CR_2_7]
);
info!(
    CRYPTO,
    "ssh.crypto",
    "OpenSSH offers no weak algorithms",
    &[ids::CR_3_1, ids::CR_4_3]
);

info!(
    DB_ROOT,
    "dropbear.root-login",
    "Dropbear refuses root logins",
    &[ids::CR_1_1]
);
info!(
    DB_EMPTY,
    "dropbear.empty-passwords",
    "Dropbear refuses empty passwords",
    &[ids::CR_1_1, ids::CR_1_5]
);
info!(
    DB_PASSWORD,
    "dropbear.password-authentication",
    "Dropbear requires keys rather than passwords",
    &[ids::CR_1_1_RE_2]
);
info!(
    DB_TRIES,
    "dropbear.max-auth-tries",
    "Dropbear limits authentication attempts",
    &[ids::CR_1_11]
);
info!(
    DB_BANNER,
    "dropbear.banner",
    "Dropbear shows a system use notification",
    &[ids::CR_1_12]
);
info!(
    DB_IDLE,
    "dropbear.idle-timeout",
    "Dropbear terminates idle sessions",
    &[ids::CR_2_6]
);

const OPENSSH: &[&CheckInfo] = &[
    &ROOT, &EMPTY, &PASSWORD, &TRIES, &BANNER, &IDLE, &SESSIONS, &CRYPTO,
];
const DROPBEAR: &[&CheckInfo] = &[
    &DB_ROOT,
    &DB_EMPTY,
    &DB_PASSWORD,
    &DB_TRIES,
    &DB_BANNER,
    &DB_IDLE,
];
static ALL: [&CheckInfo; 14] = [
    &ROOT,
    &EMPTY,
    &PASSWORD,
    &TRIES,
    &BANNER,
    &IDLE,
    &SESSIONS,
    &CRYPTO,
    &DB_ROOT,
    &DB_EMPTY,
    &DB_PASSWORD,
    &DB_TRIES,
    &DB_BANNER,
    &DB_IDLE,
];

/// The core's session thresholds at the target SL (idle termination, concurrent sessions).
fn thresholds(ctx: &Context<'_>) -> Limits {
    let th = SessionThresholds::for_level(ctx.target_sl);
    Limits {
        idle: u64::from(th.max_idle_termination_secs),
        sessions: u64::from(th.max_concurrent_sessions),
        tries: u64::from(LockoutThresholds::for_level(ctx.target_sl).max_attempts),
    }
}

/// What the target SL allows, from the core's thresholds.
#[derive(Debug, Clone, Copy)]
struct Limits {
    /// Longest idle time (seconds) before a session ends.
    idle: u64,
    /// Most concurrent sessions per connection.
    sessions: u64,
    /// Most authentication attempts per connection.
    tries: u64,
}

/// The SSH server check group.
#[derive(Debug)]
pub(crate) struct Ssh;

impl HostCheck for Ssh {
    fn name(&self) -> &'static str {
        "ssh"
    }

    fn checks(&self) -> &'static [&'static CheckInfo] {
        &ALL
    }

    fn run(&self, ctx: &Context<'_>) -> Vec<CheckRecord> {
        let mut out = match sshd::probe(ctx.target) {
            Sshd::Absent => all(
                OPENSSH,
                OutcomeKind::NotApplicable,
                "OpenSSH server is not installed",
            ),
            Sshd::Present(Err(e)) => OPENSSH.iter().map(|i| unreadable(i, &e)).collect(),
            Sshd::Present(Ok(config)) => openssh(ctx.target, &config, thresholds(ctx)),
        };
        out.extend(match dropbear::probe(ctx.target) {
            None => all(
                DROPBEAR,
                OutcomeKind::NotApplicable,
                "Dropbear is not installed",
            ),
            Some(config) => dropbear(ctx.target, &config, thresholds(ctx)),
        });
        out
    }
}

/// The effective value of `keyword` (lower-cased) and every `Match` override, as
/// `(value, source, criteria)`; `None` source means the OpenSSH default.
fn values(
    config: &SshdConfig,
    keyword: &str,
    default: &str,
) -> Vec<(String, Option<Source>, Option<String>)> {
    let mut v = vec![match config.value(keyword) {
        Some((value, source)) => (value, Some(source.clone()), None),
        None => (default.to_owned(), None, None),
    }];
    for m in config.in_matches(keyword) {
        let value = m
            .args
            .first()
            .map(|s| s.to_ascii_lowercase())
            .unwrap_or_default();
        v.push((value, Some(m.source.clone()), Some(m.criteria.clone())));
    }
    v
}

fn describe(keyword: &str, value: &str, source: Option<&Source>, criteria: Option<&str>) -> String {
    let origin = match (source, criteria) {
        (None, _) => " (OpenSSH default)".to_owned(),
        (Some(_), Some(c)) => format!(" in Match {c}"),
        (Some(_), None) => String::new(),
    };
    format!("{keyword} {value}{origin}")
}

/// Judges each effective value with `ok`; fails with `code` on the first that is not.
#[expect(
    clippy::too_many_arguments,
    reason = "one call per keyword reads best as a flat table"
)]
fn judge(
    info: &'static CheckInfo,
    config: &SshdConfig,
    keyword: &str,
    display: &str,
    default: &str,
    code: &str,
    problem: &str,
    ok: impl Fn(&str) -> bool,
) -> CheckRecord {
    let vals = values(config, keyword, default);
    let bad: Vec<_> = vals.iter().filter(|(v, _, _)| !ok(v)).collect();
    if bad.is_empty() {
        let (v, s, _) = vals.first().cloned().unwrap_or_default();
        let mut r = pass(info, describe(display, &v, s.as_ref(), None));
        for (_, s, _) in &vals {
            if let Some(s) = s {
                r = r.with_evidence(s.evidence());
            }
        }
        r
    } else {
        let detail = bad
            .iter()
            .map(|(v, s, c)| describe(display, v, s.as_ref(), c.as_deref()))
            .collect::<Vec<_>>()
            .join("; ");
        let mut r = fail(info, code, problem).with_detail(detail);
        for (_, s, _) in &bad {
            match s {
                Some(s) => r = r.with_evidence(s.evidence()),
                None => r = r.with_evidence(crate::report::Evidence::file("/etc/ssh/sshd_config")),
            }
        }
        r
    }
}

fn number(v: &str) -> Option<u64> {
    v.parse().ok()
}

/// A banner file inside the target with text in it.
fn banner_ok(target: &Target, path: &str) -> bool {
    path != "none"
        && target
            .read_file(path)
            .is_ok_and(|f| !f.text().trim().is_empty())
}

fn openssh(target: &Target, c: &SshdConfig, limits: Limits) -> Vec<CheckRecord> {
    let Limits {
        idle: max_idle,
        sessions: max_sessions,
        tries: max_tries,
    } = limits;
    let mut out = vec![
        judge(
            &ROOT,
            c,
            "permitrootlogin",
            "PermitRootLogin",
            "prohibit-password",
            "SSH-ROOT-LOGIN",
            "sshd allows root to log in",
            |v| v == "no",
        ),
        judge(
            &EMPTY,
            c,
            "permitemptypasswords",
            "PermitEmptyPasswords",
            "no",
            "SSH-EMPTY-PASSWORDS",
            "sshd accepts empty passwords",
            |v| v == "no",
        ),
        judge(
            &PASSWORD,
            c,
            "passwordauthentication",
            "PasswordAuthentication",
            "yes",
            "SSH-PASSWORD-AUTH",
            "sshd accepts password-only logins",
            |v| v == "no",
        ),
        judge(
            &TRIES,
            c,
            "maxauthtries",
            "MaxAuthTries",
            "6",
            "SSH-MAX-AUTH-TRIES",
            "sshd allows too many authentication attempts per connection",
            |v| number(v).is_some_and(|n| (1..=max_tries).contains(&n)),
        ),
        judge(
            &BANNER,
            c,
            "banner",
            "Banner",
            "none",
            "SSH-NO-BANNER",
            "sshd shows no system use notification before login",
            |v| {
                // Paths are case-sensitive: look the original up again.
                let original = c
                    .global
                    .get("banner")
                    .and_then(|l| l.value.first())
                    .map_or(v.to_owned(), Clone::clone);
                banner_ok(
                    target,
                    if original.eq_ignore_ascii_case(v) {
                        &original
                    } else {
                        v
                    },
                )
            },
        ),
        judge(
            &SESSIONS,
            c,
            "maxsessions",
            "MaxSessions",
            "10",
            "SSH-MAX-SESSIONS",
            "sshd allows unlimited or too many sessions per connection",
            |v| number(v).is_some_and(|n| (1..=max_sessions).contains(&n)),
        ),
    ];
    // Idle timeout: ClientAliveInterval × ClientAliveCountMax.
    let interval = values(c, "clientaliveinterval", "0");
    let count = c
        .value("clientalivecountmax")
        .and_then(|(v, _)| number(&v))
        .unwrap_or(3);
    let bad: Vec<_> = interval
        .iter()
        .filter(|(v, _, _)| {
            !number(v).is_some_and(|n| n > 0 && n.saturating_mul(count.max(1)) <= max_idle)
        })
        .collect();
    out.push(if bad.is_empty() {
        interval.iter().filter_map(|(_, s, _)| s.as_ref()).fold(
            pass(&IDLE, format!("idle sessions end after at most {max_idle} s (ClientAliveInterval × ClientAliveCountMax {count})")),
            |r, s| r.with_evidence(s.evidence()),
        )
    } else {
        let detail = bad.iter().map(|(v, s, m)| describe("ClientAliveInterval", v, s.as_ref(), m.as_deref())).collect::<Vec<_>>().join("; ");
        bad.iter().filter_map(|(_, s, _)| s.as_ref()).fold(
            fail(&IDLE, "SSH-NO-IDLE-TIMEOUT", "sshd does not end idle sessions in time").with_detail(detail),
            |r, s| r.with_evidence(s.evidence()),
        )
    });
    // Algorithms.
    let mut weak = Vec::new();
    let mut sources = Vec::new();
    for keyword in [
        "ciphers",
        "macs",
        "kexalgorithms",
        "hostkeyalgorithms",
        "pubkeyacceptedalgorithms",
    ] {
        let global = c.global.get(keyword).map(|l| (&l.value, &l.source));
        let matched = c.in_matches(keyword).map(|m| (&m.args, &m.source));
        for (args, source) in global.into_iter().chain(matched) {
            let list = args.join(",");
            for alg in list.trim_start_matches(['+', '^', '-']).split(',') {
                if list.starts_with('-') {
                    continue;
                }
                if is_weak_algorithm(alg) {
                    weak.push(alg.to_owned());
                    sources.push(source.clone());
                }
            }
        }
    }
    out.push(if weak.is_empty() {
        pass(&CRYPTO, "no weak cipher, MAC, key exchange or host key algorithm is enabled (others from OpenSSH defaults)")
    } else {
        weak.dedup();
        sources.dedup();
        sources.iter().fold(
            fail(&CRYPTO, "SSH-WEAK-CRYPTO", "sshd enables weak algorithms").with_detail(super::list(&weak, 10)),
            |r, s| r.with_evidence(s.evidence()),
        )
    });
    out
}

/// CBC and RC4 ciphers, 3DES, MD5/SHA-1/96-bit MACs, SHA-1 and small-group key exchange, DSA.
fn is_weak_algorithm(alg: &str) -> bool {
    let a = alg.trim().to_ascii_lowercase();
    a.contains("-cbc")
        || a.contains("arcfour")
        || a.contains("3des")
        || a.contains("blowfish")
        || a.contains("cast128")
        || a.starts_with("hmac-md5")
        || a.starts_with("umac-64")
        || a.contains("-96")
        || (a.starts_with("hmac-sha1") && !a.contains("etm"))
        || a == "diffie-hellman-group1-sha1"
        || a == "diffie-hellman-group14-sha1"
        || a == "diffie-hellman-group-exchange-sha1"
        || a == "ssh-dss"
        || a.starts_with("ssh-dss-")
}

fn dropbear(target: &Target, c: &DropbearConfig, limits: Limits) -> Vec<CheckRecord> {
    let Limits {
        idle: max_idle,
        tries: max_tries,
        ..
    } = limits;
    let ev = |r: CheckRecord, flag: char| match c.option(flag) {
        Some(l) => r.with_evidence(l.source.evidence()),
        None => r,
    };
    let value = |flag: char| c.option(flag).and_then(|l| number(&l.value));
    let mut out = Vec::new();
    out.push(if c.option('w').is_some() {
        ev(pass(&DB_ROOT, "dropbear -w: root logins are refused"), 'w')
    } else if c.option('g').is_some() {
        ev(
            fail(
                &DB_ROOT,
                "DROPBEAR-ROOT-LOGIN",
                "dropbear allows root to log in",
            )
            .with_detail("-g only refuses root passwords, not root keys"),
            'g',
        )
    } else {
        fail(
            &DB_ROOT,
            "DROPBEAR-ROOT-LOGIN",
            "dropbear allows root to log in",
        )
        .with_detail("no -w option")
    });
    out.push(if c.option('B').is_some() {
        ev(
            fail(
                &DB_EMPTY,
                "DROPBEAR-EMPTY-PASSWORDS",
                "dropbear accepts empty passwords",
            )
            .with_detail("-B"),
            'B',
        )
    } else {
        pass(
            &DB_EMPTY,
            "dropbear runs without -B: empty passwords are refused",
        )
    });
    out.push(if c.option('s').is_some() {
        ev(
            pass(&DB_PASSWORD, "dropbear -s: password logins are disabled"),
            's',
        )
    } else {
        fail(
            &DB_PASSWORD,
            "DROPBEAR-PASSWORD-AUTH",
            "dropbear accepts password-only logins",
        )
        .with_detail("no -s option")
    });
    out.push(match value('T') {
        Some(n) if (1..=max_tries).contains(&n) => {
            ev(pass(&DB_TRIES, format!("dropbear -T {n}")), 'T')
        }
        Some(n) => ev(
            fail(
                &DB_TRIES,
                "DROPBEAR-MAX-AUTH-TRIES",
                "dropbear allows too many authentication attempts",
            )
            .with_detail(format!("-T {n}")),
            'T',
        ),
        None => fail(
            &DB_TRIES,
            "DROPBEAR-MAX-AUTH-TRIES",
            "dropbear allows too many authentication attempts",
        )
        .with_detail("no -T option (default 10)"),
    });
    out.push(match c.option('b') {
        Some(l) if banner_ok(target, &l.value) => {
            ev(pass(&DB_BANNER, format!("dropbear -b {}", l.value)), 'b')
        }
        Some(l) => ev(
            fail(
                &DB_BANNER,
                "DROPBEAR-NO-BANNER",
                "dropbear's banner file is missing or empty",
            )
            .with_detail(&l.value),
            'b',
        ),
        None => fail(
            &DB_BANNER,
            "DROPBEAR-NO-BANNER",
            "dropbear shows no system use notification",
        )
        .with_detail("no -b option"),
    });
    out.push(match value('I') {
        Some(n) if n > 0 && n <= max_idle => ev(
            pass(
                &DB_IDLE,
                format!("dropbear -I {n}: idle sessions end after {n} s"),
            ),
            'I',
        ),
        Some(n) => ev(
            fail(
                &DB_IDLE,
                "DROPBEAR-NO-IDLE-TIMEOUT",
                "dropbear does not end idle sessions in time",
            )
            .with_detail(format!("-I {n}")),
            'I',
        ),
        None => fail(
            &DB_IDLE,
            "DROPBEAR-NO-IDLE-TIMEOUT",
            "dropbear does not end idle sessions",
        )
        .with_detail("no -I option"),
    });
    if c.files.is_empty() {
        // Installed but started from nowhere we know: the defaults above are what it would run with.
        for r in &mut out {
            r.message
                .push_str(" (no init script or defaults file found; built-in defaults)");
        }
    }
    out
}
