//! Account checks over `/etc/passwd` and `/etc/shadow`: unique root, shared UIDs, empty
//! passwords, stored-hash strength, interactive system accounts.
//!
//! Evidences CR 1.1 (human user identification and authentication), CR 1.3 (account
//! management), CR 1.4 (identifier management) and CR 1.5 (authenticator management).

use std::collections::BTreeMap;

use otcheck_core::auth::{self, AuthenticatorProfile, StoredAuthenticator};
use otcheck_core::catalog::ids;
use otcheck_core::{CheckInfo, ComponentType};

use crate::probe::accounts::{self as probe, PasswordState};
use crate::report::{CheckRecord, OutcomeKind};

use super::{Context, HostCheck, fail, list, pass, unreadable};

static UID0: CheckInfo = CheckInfo::new(
    otcheck_core::CheckId::new("accounts.uid0-unique"),
    "Only root has UID 0",
    &[ids::CR_1_1, ids::CR_1_4],
);
static SHARED: CheckInfo = CheckInfo::new(
    otcheck_core::CheckId::new("accounts.shared-uid"),
    "No two accounts share a UID",
    &[ids::CR_1_1, ids::CR_1_4],
);
static EMPTY: CheckInfo = CheckInfo::new(
    otcheck_core::CheckId::new("accounts.empty-password"),
    "No account has an empty password",
    &[ids::CR_1_1, ids::CR_1_5],
);
static SYSTEM: CheckInfo = CheckInfo::new(
    otcheck_core::CheckId::new("accounts.system-interactive"),
    "System accounts cannot log in interactively",
    &[ids::CR_1_3],
);

static GROUP: [&CheckInfo; 5] = [&UID0, &SHARED, &EMPTY, &auth::STORED_AUTHENTICATOR, &SYSTEM];
/// The account check group.
#[derive(Debug)]
pub(crate) struct Accounts;

impl HostCheck for Accounts {
    fn name(&self) -> &'static str {
        "accounts"
    }

    fn checks(&self) -> &'static [&'static CheckInfo] {
        &GROUP
    }

    fn run(&self, ctx: &Context<'_>) -> Vec<CheckRecord> {
        let facts = match probe::probe(ctx.target) {
            Ok(f) => f,
            Err(e) => return self.checks().iter().map(|i| unreadable(i, &e)).collect(),
        };
        let mut by_uid: BTreeMap<u32, Vec<&probe::Account>> = BTreeMap::new();
        for a in &facts.accounts {
            by_uid.entry(a.uid).or_default().push(a);
        }
        let mut out = Vec::new();

        let roots = by_uid.get(&0).cloned().unwrap_or_default();
        out.push(match roots.as_slice() {
            [] => fail(&UID0, "ACCT-NO-ROOT", "no account has UID 0"),
            [one] => pass(&UID0, format!("only {} has UID 0", one.name))
                .with_evidence(one.passwd_source.evidence()),
            many => many.iter().fold(
                fail(
                    &UID0,
                    "ACCT-UID0-DUPLICATE",
                    "more than one account has UID 0",
                )
                .with_detail(list(
                    &many.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(),
                    10,
                )),
                |r, a| r.with_evidence(a.passwd_source.evidence()),
            ),
        });

        let shared: Vec<_> = by_uid
            .iter()
            .filter(|(uid, a)| **uid != 0 && a.len() > 1)
            .collect();
        out.push(if shared.is_empty() {
            pass(
                &SHARED,
                format!("{} accounts, each with its own UID", facts.accounts.len()),
            )
        } else {
            let names: Vec<String> = shared
                .iter()
                .map(|(uid, a)| {
                    format!(
                        "UID {uid}: {}",
                        a.iter()
                            .map(|x| x.name.as_str())
                            .collect::<Vec<_>>()
                            .join("/")
                    )
                })
                .collect();
            shared.iter().flat_map(|(_, a)| a.iter()).fold(
                fail(&SHARED, "ACCT-SHARED-UID", "accounts share a UID")
                    .with_detail(list(&names, 10)),
                |r, a| r.with_evidence(a.passwd_source.evidence()),
            )
        });

        let shadow_error = facts.shadow.as_ref().err();
        let unknown: Vec<&str> = facts
            .accounts
            .iter()
            .filter(|a| a.password == PasswordState::Unknown)
            .map(|a| a.name.as_str())
            .collect();

        let empty: Vec<_> = facts
            .accounts
            .iter()
            .filter(|a| a.password == PasswordState::Empty)
            .collect();
        out.push(if !empty.is_empty() {
            empty.iter().fold(
                fail(
                    &EMPTY,
                    "ACCT-EMPTY-PASSWORD",
                    "accounts with an empty password",
                )
                .with_detail(list(
                    &empty.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(),
                    10,
                )),
                |r, a| r.with_evidence(a.password_source().evidence()),
            )
        } else if let (Some(e), false) = (shadow_error, unknown.is_empty()) {
            unreadable(&EMPTY, e)
        } else {
            pass(
                &EMPTY,
                format!(
                    "all {} accounts have a password or are locked",
                    facts.accounts.len()
                ),
            )
            .with_evidence(crate::probe::Source::file(&facts.passwd).evidence())
        });

        out.push(stored_hashes(&facts, ctx.component));

        let interactive: Vec<_> = facts
            .accounts
            .iter()
            .filter(|a| {
                a.uid != 0 && a.uid < facts.uid_min && probe::Account::is_login_shell(&a.shell)
            })
            .filter(|a| a.password.allows_login())
            .collect();
        let undecided: Vec<_> = facts
            .accounts
            .iter()
            .filter(|a| {
                a.uid != 0 && a.uid < facts.uid_min && probe::Account::is_login_shell(&a.shell)
            })
            .filter(|a| a.password == PasswordState::Unknown)
            .collect();
        out.push(if !interactive.is_empty() {
            interactive.iter().fold(
                fail(
                    &SYSTEM,
                    "ACCT-SYSTEM-INTERACTIVE",
                    "system accounts with a login shell and a usable password",
                )
                .with_detail(list(
                    &interactive
                        .iter()
                        .map(|a| format!("{} ({})", a.name, a.shell))
                        .collect::<Vec<_>>(),
                    10,
                )),
                |r, a| r.with_evidence(a.passwd_source.evidence()),
            )
        } else if let (Some(e), false) = (shadow_error, undecided.is_empty()) {
            unreadable(&SYSTEM, e)
        } else {
            pass(
                &SYSTEM,
                format!(
                    "no account below UID {} other than root can log in with a password",
                    facts.uid_min
                ),
            )
        });
        if !facts.malformed.is_empty() {
            // Malformed lines cannot be judged: say so on the records that depend on them.
            let lines = facts
                .malformed
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>();
            for r in &mut out {
                if r.outcome == OutcomeKind::Pass {
                    *r = CheckRecord::new(
                        self.checks()
                            .iter()
                            .find(|i| i.id.as_str() == r.check)
                            .copied()
                            .unwrap_or(&UID0),
                        OutcomeKind::NotAssessed,
                        "/etc/passwd has lines that could not be parsed",
                    )
                    .with_detail(format!("lines {}", list(&lines, 10)))
                    .with_evidence(crate::probe::Source::file(&facts.passwd).evidence());
                }
            }
        }
        out
    }
}

/// `auth.stored-authenticator` over every account with a usable hash, graded by the core
/// ([`auth::authenticator::grade`]) under the host or embedded profile. Empty passwords are
/// `accounts.empty-password`'s; locked accounts have nothing to grade.
fn stored_hashes(facts: &probe::Accounts, component: ComponentType) -> CheckRecord {
    let info = &auth::STORED_AUTHENTICATOR;
    let profile = match component {
        ComponentType::EmbeddedDevice | ComponentType::NetworkDevice => {
            &AuthenticatorProfile::EMBEDDED
        }
        _ => &AuthenticatorProfile::HOST,
    };
    let mut failing: Vec<(&probe::Account, otcheck_core::Finding)> = Vec::new();
    let mut unparsed: Vec<&probe::Account> = Vec::new();
    let mut graded = 0usize;
    for a in facts
        .accounts
        .iter()
        .filter(|a| matches!(a.password, PasswordState::Hash(_)))
    {
        match StoredAuthenticator::parse(&a.stored.0) {
            Ok(StoredAuthenticator::Hash(hash)) => {
                graded = graded.saturating_add(1);
                if let Some(f) = auth::authenticator::grade(&hash, profile).next() {
                    failing.push((a, f));
                }
            }
            Ok(_) => {}
            Err(_) => unparsed.push(a),
        }
    }
    if let Some((_, first)) = failing.first() {
        let names: Vec<String> = failing
            .iter()
            .map(|(a, f)| match &f.shortfall {
                Some(s) => format!("{} ({}, {s})", a.name, f.code),
                None => format!("{} ({})", a.name, f.code),
            })
            .collect();
        let mut r = fail(info, first.code.as_str(), first.message).with_detail(list(&names, 10));
        for (a, _) in &failing {
            r = r.with_evidence(a.password_source().evidence());
        }
        return r;
    }
    if !unparsed.is_empty() {
        let names: Vec<&str> = unparsed.iter().map(|a| a.name.as_str()).collect();
        return unparsed.iter().fold(
            CheckRecord::new(
                info,
                OutcomeKind::NotAssessed,
                "stored passwords in an unrecognised format",
            )
            .with_detail(list(&names, 10)),
            |r, a| r.with_evidence(a.password_source().evidence()),
        );
    }
    match (
        facts.shadow.as_ref().err(),
        facts
            .accounts
            .iter()
            .any(|a| a.password == PasswordState::Unknown),
    ) {
        (Some(e), true) => unreadable(info, e),
        _ if graded == 0 => CheckRecord::new(
            info,
            OutcomeKind::NotApplicable,
            "no account has a stored password hash",
        ),
        _ => pass(
            info,
            format!(
                "{graded} stored password hashes, all with an accepted algorithm, cost and salt"
            ),
        ),
    }
}
