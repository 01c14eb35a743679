//! Binary hardening checks (`hardening.*`) over the ELF executables and libraries, from the
//! [`elf`](crate::probe::elf) probe.
//!
//! Partial evidence for protection from malicious code (EDR 3.2 / HDR 3.2 / NDR 3.2 /
//! SAR 3.2, the component-specific forms of CR 3.2): exploit mitigations make injected or
//! malicious input harder to turn into code execution; they are not anti-malware. Each
//! failing record lists the offending binaries with one table row each as evidence; the full
//! per-binary table is [`ElfFacts::table`](crate::probe::elf::ElfFacts::table).
//!
//! | Check | Judged on | Fails when |
//! | --- | --- | --- |
//! | `hardening.pie` | executables | not position-independent |
//! | `hardening.relro` | executables and libraries | no RELRO; for executables also partial RELRO when [`HardeningPolicy::full_relro`] |
//! | `hardening.nx-stack` | executables and libraries | executable stack (or no `PT_GNU_STACK`) |
//! | `hardening.stack-protector` | executables (libraries too with [`HardeningPolicy::libraries_need_canary`]) | no `__stack_chk_fail` |
//! | `hardening.fortify` | executables importing fortifiable functions | none imported as `__*_chk` |
//! | `hardening.runpath` | executables and libraries | RPATH/RUNPATH relative, empty, world-writable, or `$ORIGIN` in a setuid program |
//!
//! A scan that hit a limit, skipped a file for size, or met an unparsable ELF file can still
//! fail a check but never passes one.

use otcheck_core::catalog::ids;
use otcheck_core::{CheckId, CheckInfo};

use crate::probe::elf::{self, Binary, BinaryKind, ElfFacts, Fortify, Relro};
use crate::report::{CheckRecord, Evidence, OutcomeKind};

use super::{Context, HostCheck, fail, list, pass};

/// What the binary hardening checks require.
///
/// ```
/// let p = otcheck::checks::HardeningPolicy::default();
/// assert!(p.full_relro && p.require_fortify && !p.libraries_need_canary);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct HardeningPolicy {
    /// Executables need full RELRO (`-z now`), not just partial (default yes).
    pub full_relro: bool,
    /// Executables that import fortifiable functions must use FORTIFY (default yes).
    pub require_fortify: bool,
    /// Libraries are judged for the stack protector too (default no: a library without
    /// arrays on the stack legitimately has no canary).
    pub libraries_need_canary: bool,
}

impl Default for HardeningPolicy {
    fn default() -> Self {
        Self {
            full_relro: true,
            require_fortify: true,
            libraries_need_canary: false,
        }
    }
}

const MALICIOUS_CODE: &[otcheck_core::RequirementId] =
    &[ids::SAR_3_2, ids::EDR_3_2, ids::HDR_3_2, ids::NDR_3_2];

static PIE: CheckInfo = CheckInfo::new(
    CheckId::new("hardening.pie"),
    "Executables are position-independent (ASLR)",
    MALICIOUS_CODE,
);
static RELRO: CheckInfo = CheckInfo::new(
    CheckId::new("hardening.relro"),
    "Binaries have read-only relocations (RELRO)",
    MALICIOUS_CODE,
);
static NX: CheckInfo = CheckInfo::new(
    CheckId::new("hardening.nx-stack"),
    "Binaries have a non-executable stack",
    MALICIOUS_CODE,
);
static CANARY: CheckInfo = CheckInfo::new(
    CheckId::new("hardening.stack-protector"),
    "Executables are built with the stack protector",
    MALICIOUS_CODE,
);
static FORTIFY: CheckInfo = CheckInfo::new(
    CheckId::new("hardening.fortify"),
    "Executables are built with FORTIFY_SOURCE",
    MALICIOUS_CODE,
);
static RUNPATH: CheckInfo = CheckInfo::new(
    CheckId::new("hardening.runpath"),
    "No binary searches libraries in writable or relative paths",
    MALICIOUS_CODE,
);

static ALL: [&CheckInfo; 6] = [&PIE, &RELRO, &NX, &CANARY, &FORTIFY, &RUNPATH];

/// The binary hardening check group.
#[derive(Debug)]
pub(crate) struct Hardening;

impl HostCheck for Hardening {
    fn name(&self) -> &'static str {
        "hardening"
    }

    fn checks(&self) -> &'static [&'static CheckInfo] {
        &ALL
    }

    fn run(&self, ctx: &Context<'_>) -> Vec<CheckRecord> {
        let facts = elf::probe(ctx.target, &ctx.artefacts.binaries);
        judge(&facts, &ctx.artefacts.hardening)
            .into_iter()
            .map(|r| super::for_component(r, ctx.component))
            .collect()
    }
}

/// How one binary fares on one property: judged good, bad, or not judged.
enum Mark {
    Good,
    Bad,
    Skip,
    Unknown,
}

#[expect(
    clippy::too_many_arguments,
    reason = "one flat call per check reads best"
)]
fn judge_one(
    facts: &ElfFacts,
    info: &'static CheckInfo,
    code: &str,
    problem: &str,
    incomplete: Option<&str>,
    what: &str,
    mark: impl Fn(&Binary) -> Mark,
    ok: &str,
) -> CheckRecord {
    let (mut bad, mut unknown, mut judged) = (Vec::new(), Vec::new(), 0usize);
    for b in &facts.binaries {
        match mark(b) {
            Mark::Good => judged = judged.saturating_add(1),
            Mark::Bad => {
                judged = judged.saturating_add(1);
                bad.push(b);
            }
            Mark::Unknown => unknown.push(b.path.clone()),
            Mark::Skip => {}
        }
    }
    if !bad.is_empty() {
        let paths: Vec<&str> = bad.iter().map(|b| b.path.as_str()).collect();
        return bad.iter().take(50).fold(
            fail(info, code, problem).with_detail(format!(
                "{} of {judged} {what}: {}",
                bad.len(),
                list(&paths, 10)
            )),
            |r, b| {
                r.with_evidence(
                    Evidence::file(b.path.clone())
                        .excerpt(b.row())
                        .sha256(b.sha256.clone()),
                )
            },
        );
    }
    let mut why: Vec<String> = incomplete.map(str::to_owned).into_iter().collect();
    if !unknown.is_empty() {
        why.push(format!(
            "cannot tell for {} (static, no symbols)",
            list(&unknown, 5)
        ));
    }
    if !why.is_empty() {
        return CheckRecord::new(
            info,
            OutcomeKind::NotAssessed,
            "the binary scan was incomplete",
        )
        .with_detail(format!("{judged} {what} verified; {}", why.join("; ")));
    }
    if judged == 0 {
        return CheckRecord::new(
            info,
            OutcomeKind::NotAssessed,
            format!("no {what} found in the binary directories"),
        )
        .with_detail(format!("walked {}", list(&facts.walked, 12)));
    }
    pass(info, format!("{judged} {what} {ok}"))
}

/// Judges the scan: one record per check.
pub(crate) fn judge(facts: &ElfFacts, policy: &HardeningPolicy) -> Vec<CheckRecord> {
    let incomplete = facts.incomplete_reason();
    let incomplete = incomplete.as_deref();
    let exe = |b: &Binary| b.hardening.kind == BinaryKind::Executable;
    let mark = |good: bool| if good { Mark::Good } else { Mark::Bad };
    vec![
        judge_one(
            facts,
            &PIE,
            "HARDEN-NO-PIE",
            "executables are not position-independent",
            incomplete,
            "executables",
            |b| {
                if exe(b) {
                    mark(b.hardening.pie)
                } else {
                    Mark::Skip
                }
            },
            "are PIE",
        ),
        judge_one(
            facts,
            &RELRO,
            if facts
                .binaries
                .iter()
                .any(|b| b.hardening.relro == Relro::None)
            {
                "HARDEN-NO-RELRO"
            } else {
                "HARDEN-PARTIAL-RELRO"
            },
            "binaries without (full) RELRO",
            incomplete,
            "binaries",
            |b| match b.hardening.relro {
                Relro::None => Mark::Bad,
                Relro::Partial if exe(b) && policy.full_relro => Mark::Bad,
                _ => Mark::Good,
            },
            if policy.full_relro {
                "have RELRO (executables full RELRO)"
            } else {
                "have RELRO"
            },
        ),
        judge_one(
            facts,
            &NX,
            "HARDEN-EXEC-STACK",
            "binaries with an executable stack",
            incomplete,
            "binaries",
            |b| mark(b.hardening.nx_stack),
            "have a non-executable stack",
        ),
        judge_one(
            facts,
            &CANARY,
            "HARDEN-NO-STACK-PROTECTOR",
            "binaries without the stack protector",
            incomplete,
            if policy.libraries_need_canary {
                "binaries"
            } else {
                "executables"
            },
            |b| {
                if !exe(b) && !policy.libraries_need_canary {
                    return Mark::Skip;
                }
                match b.hardening.stack_protector {
                    Some(v) => mark(v),
                    None => Mark::Unknown,
                }
            },
            "use the stack protector",
        ),
        judge_one(
            facts,
            &FORTIFY,
            "HARDEN-NO-FORTIFY",
            "executables call fortifiable functions without FORTIFY_SOURCE",
            incomplete,
            "executables calling fortifiable functions",
            |b| {
                if !exe(b) || !policy.require_fortify {
                    return Mark::Skip;
                }
                match b.hardening.fortify {
                    Fortify::Fortified { .. } => Mark::Good,
                    Fortify::Unfortified { .. } => Mark::Bad,
                    Fortify::NotApplicable => Mark::Skip,
                    Fortify::Unknown => Mark::Unknown,
                }
            },
            "use FORTIFY_SOURCE",
        ),
        judge_one(
            facts,
            &RUNPATH,
            "HARDEN-INSECURE-RUNPATH",
            "binaries search libraries in paths others can write",
            incomplete,
            "binaries",
            |b| mark(b.insecure_search_path.is_empty()),
            "have safe (or no) RPATH/RUNPATH",
        ),
    ]
}
