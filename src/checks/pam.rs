//! Password policy and lockout, judged by the core evaluators
//! ([`otcheck_core::auth::policy`], [`otcheck_core::auth::lockout`]) from the settings the
//! target's PAM stacks (`pam_pwquality`/`pam_cracklib`, `pam_pwhistory`/`pam_unix
//! remember=`, `pam_faillock`/`pam_tally2`) and `/etc/login.defs` configure.
//!
//! Evidences CR 1.7 (strength of password-based authentication), CR 1.7 RE 1 (generation
//! and lifetime restrictions for human users) and CR 1.11 (unsuccessful login attempts), at
//! the thresholds of the target SL. This module only translates facts into the core's
//! settings structs: device and host verdicts come from the same rulebook. A setting that
//! is absent (no PAM at all on a BusyBox image) reaches the core as "not set".

use std::collections::BTreeMap;

use otcheck_core::CheckInfo;
use otcheck_core::auth::{
    self, LifetimeScope, LockoutAction, LockoutSettings, LockoutThresholds, PasswordPolicy,
    PolicyThresholds,
};

use crate::probe::pam::{self as probe, Pam as Facts, PamLine};
use crate::probe::{Located, Source};
use crate::report::{CheckRecord, OutcomeKind};

use super::{Context, HostCheck, unreadable};

static GROUP: [&CheckInfo; 3] = [
    &auth::PASSWORD_POLICY,
    &auth::PASSWORD_LIFETIME_HUMAN,
    &auth::LOCKOUT,
];

/// The PAM check group.
#[derive(Debug)]
pub(crate) struct Pam;

impl HostCheck for Pam {
    fn name(&self) -> &'static str {
        "pam"
    }

    fn checks(&self) -> &'static [&'static CheckInfo] {
        &GROUP
    }

    fn run(&self, ctx: &Context<'_>) -> Vec<CheckRecord> {
        let pam = probe::probe(ctx.target);
        let th = PolicyThresholds::for_level(ctx.target_sl);
        let (policy, policy_sources, lifetime_sources) = password_policy(&pam);
        let (lockout, lockout_sources) = lockout_settings(&pam);
        let mut out = vec![
            record(
                auth::policy::check_password_policy(&policy, &th),
                &policy_sources,
                &pam,
            ),
            record(
                auth::policy::check_lifetime_human(&policy, &th),
                &lifetime_sources,
                &pam,
            ),
            record(
                auth::lockout::check_lockout(
                    &lockout,
                    &LockoutThresholds::for_level(ctx.target_sl),
                ),
                &lockout_sources,
                &pam,
            ),
        ];
        // A failure that a file we could not read might explain is not a verdict.
        if let Some(e) = pam.unreadable.first() {
            for (r, info) in out.iter_mut().zip(GROUP) {
                if r.outcome != OutcomeKind::Pass {
                    *r = unreadable(info, e);
                }
            }
        }
        out
    }
}

fn record(result: otcheck_core::CheckResult, sources: &[Source], pam: &Facts) -> CheckRecord {
    let mut r = CheckRecord::from(result);
    if !pam.present && r.outcome == OutcomeKind::Fail {
        r = r.with_detail("no PAM configuration (/etc/pam.d)");
    }
    let mut seen: Vec<&Source> = Vec::new();
    for s in sources {
        if !seen.contains(&s) {
            seen.push(s);
            r = r.with_evidence(s.evidence());
        }
    }
    r
}

/// A module argument, else a setting from the module's configuration file.
fn setting<'a>(
    line: &'a PamLine,
    key: &str,
    file: &'a BTreeMap<String, Located<String>>,
) -> Option<(&'a str, &'a Source)> {
    line.args
        .get(key)
        .map(|v| (v.as_str(), &line.source))
        .or_else(|| file.get(key).map(|l| (l.value.as_str(), &l.source)))
}

fn number<T: core::str::FromStr>(
    v: Option<(&str, &Source)>,
    sources: &mut Vec<Source>,
) -> Option<T> {
    let (value, source) = v?;
    sources.push(source.clone());
    value.trim().parse().ok()
}

/// The policy the target enforces, with the lines it came from (strength, lifetime).
fn password_policy(pam: &Facts) -> (PasswordPolicy, Vec<Source>, Vec<Source>) {
    let mut policy = PasswordPolicy::new();
    let mut strength = Vec::new();
    let mut lifetime = Vec::new();
    let empty = BTreeMap::new();
    let quality = pam
        .modules("password", "pam_pwquality.so")
        .map(|l| (l, &pam.pwquality, false))
        .chain(
            pam.modules("password", "pam_cracklib.so")
                .map(|l| (l, &empty, true)),
        )
        .next();
    if let Some((line, file, cracklib)) = quality {
        strength.push(line.source.clone());
        // Module defaults: pwquality minlen 8, cracklib 9; both check a dictionary.
        policy.min_length = number(setting(line, "minlen", file), &mut strength)
            .or(Some(if cracklib { 9 } else { 8 }));
        let minclass: u8 = number(setting(line, "minclass", file), &mut strength).unwrap_or(0);
        // A negative credit requires at least one character of that class.
        let required = ["dcredit", "ucredit", "lcredit", "ocredit"]
            .iter()
            .filter(|k| number::<i64>(setting(line, k, file), &mut strength).is_some_and(|n| n < 0))
            .count();
        let required = u8::try_from(required).unwrap_or(u8::MAX);
        policy.min_char_classes = Some(minclass.max(required));
        let dictcheck: i64 = if cracklib {
            1
        } else {
            number(setting(line, "dictcheck", file), &mut strength).unwrap_or(1)
        };
        policy.blocklist = Some(dictcheck != 0);
        policy.max_repeat =
            number::<u32>(setting(line, "maxrepeat", file), &mut strength).filter(|n| *n > 0);
    }
    let history = pam
        .modules("password", "pam_pwhistory.so")
        .map(|l| {
            // pam_pwhistory remembers 10 passwords unless told otherwise.
            let mut s = vec![l.source.clone()];
            let n = number::<u32>(setting(l, "remember", &pam.pwhistory), &mut s).unwrap_or(10);
            (n, s)
        })
        .chain(pam.modules("password", "pam_unix.so").filter_map(|l| {
            let mut s = Vec::new();
            number::<u32>(
                l.args.get("remember").map(|v| (v.as_str(), &l.source)),
                &mut s,
            )
            .map(|n| (n, s))
        }))
        .max_by_key(|(n, _)| *n);
    if let Some((n, s)) = history {
        policy.history = Some(n);
        lifetime.extend(s);
    }
    if let Some(defs) = &pam.login_defs {
        let get = |k: &str| defs.get(k).map(|l| (l.value.as_str(), &l.source));
        policy.max_lifetime_days = number(get("PASS_MAX_DAYS"), &mut lifetime);
        policy.min_lifetime_days = number(get("PASS_MIN_DAYS"), &mut lifetime);
        // login.defs sets the ageing of accounts created by useradd: human users.
        policy.lifetime_scope = Some(LifetimeScope::HumanUsers);
    }
    (policy, strength, lifetime)
}

/// The lockout the target enforces, with the lines it came from.
fn lockout_settings(pam: &Facts) -> (LockoutSettings, Vec<Source>) {
    let mut settings = LockoutSettings::new();
    let mut sources = Vec::new();
    if let Some(line) = pam.modules("auth", "pam_faillock.so").next() {
        sources.push(line.source.clone());
        // pam_faillock defaults: deny 3, fail_interval 900 s, unlock_time 600 s (0: never).
        settings.max_attempts =
            number(setting(line, "deny", &pam.faillock), &mut sources).or(Some(3));
        settings.window_secs =
            number(setting(line, "fail_interval", &pam.faillock), &mut sources).or(Some(900));
        let unlock: u32 =
            number(setting(line, "unlock_time", &pam.faillock), &mut sources).unwrap_or(600);
        settings.action = Some(if unlock == 0 {
            LockoutAction::UntilAdminUnlock
        } else {
            LockoutAction::Duration { secs: unlock }
        });
    } else if let Some(line) = pam.modules("auth", "pam_tally2.so").next() {
        sources.push(line.source.clone());
        let empty = BTreeMap::new();
        settings.max_attempts = number(setting(line, "deny", &empty), &mut sources);
        // pam_tally2 never forgets a failure until a success or a reset.
        settings.window_secs = Some(u32::MAX);
        settings.action = Some(
            match number::<u32>(setting(line, "unlock_time", &empty), &mut sources) {
                Some(secs) if secs > 0 => LockoutAction::Duration { secs },
                _ => LockoutAction::UntilAdminUnlock,
            },
        );
    }
    (settings, sources)
}
