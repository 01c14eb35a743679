//! Kernel configuration checks (`kernel.*`), from the [`kernel`](crate::probe::kernel)
//! probe and its documented rule set.
//!
//! `kernel.hardening-options` evidences protection from malicious code (EDR/HDR/NDR/SAR 3.2:
//! W^X kernel memory, stack protector, KASLR, guarded stacks, usercopy and FORTIFY checks,
//! no raw `/dev/mem` or `/dev/kmem`); `kernel.module-signatures` evidences software
//! integrity (CR 3.4: only signed modules load). Every configuration found is judged; one
//! that falls short fails the check, naming the file.

use otcheck_core::catalog::ids;
use otcheck_core::{CheckId, CheckInfo};

use crate::probe::kernel::{self, KernelFacts, RULES, RuleGroup, Verdict};
use crate::report::{CheckRecord, OutcomeKind};

use super::{Context, HostCheck, fail, list, pass};

static OPTIONS: CheckInfo = CheckInfo::new(
    CheckId::new("kernel.hardening-options"),
    "The kernel is built with the recommended self-protection options",
    &[ids::SAR_3_2, ids::EDR_3_2, ids::HDR_3_2, ids::NDR_3_2],
);
static MODULES: CheckInfo = CheckInfo::new(
    CheckId::new("kernel.module-signatures"),
    "The kernel only loads signed modules",
    &[ids::CR_3_4],
);

static ALL: [&CheckInfo; 2] = [&OPTIONS, &MODULES];

/// The kernel configuration check group.
#[derive(Debug)]
pub(crate) struct Kernel;

impl HostCheck for Kernel {
    fn name(&self) -> &'static str {
        "kernel"
    }

    fn checks(&self) -> &'static [&'static CheckInfo] {
        &ALL
    }

    fn run(&self, ctx: &Context<'_>) -> Vec<CheckRecord> {
        let facts = kernel::probe(ctx.target, ctx.artefacts.kernel_config.as_ref());
        vec![
            super::for_component(
                judge(
                    &facts,
                    &OPTIONS,
                    RuleGroup::MemoryProtection,
                    "KERNEL-HARDENING-OPTIONS",
                    "the kernel lacks recommended self-protection options",
                ),
                ctx.component,
            ),
            judge(
                &facts,
                &MODULES,
                RuleGroup::ModuleSigning,
                "KERNEL-MODULE-SIG-NOT-ENFORCED",
                "the kernel loads unsigned modules",
            ),
        ]
    }
}

fn judge(
    facts: &KernelFacts,
    info: &'static CheckInfo,
    group: RuleGroup,
    code: &str,
    problem: &str,
) -> CheckRecord {
    if facts.configs.is_empty() {
        let mut r = CheckRecord::new(
            info,
            OutcomeKind::NotAssessed,
            "no kernel configuration found",
        );
        r = r.with_detail(if facts.unreadable.is_empty() {
            format!(
                "looked for {}; name a .config to judge one",
                list(&facts.looked, 6)
            )
        } else {
            list(&facts.unreadable, 3)
        });
        return r;
    }
    let rules: Vec<_> = RULES.iter().filter(|r| r.group == group).collect();
    let mut weak = Vec::new();
    let mut unavailable = Vec::new();
    let mut sources = Vec::new();
    let mut checked = 0usize;
    let mut unreadable = facts.unreadable.clone();
    for config in &facts.configs {
        // A file without a single CONFIG_ line is not a configuration.
        if config.options.is_empty() {
            unreadable.push(format!("{}: no CONFIG_ options", config.source.path));
            continue;
        }
        for rule in &rules {
            match rule.judge(config) {
                Verdict::Ok => checked = checked.saturating_add(1),
                Verdict::Weak(what) => {
                    weak.push(format!("{what} ({})", config.source.path));
                    if !sources.contains(&config.source.evidence()) {
                        sources.push(config.source.evidence());
                    }
                }
                Verdict::Unavailable => unavailable.push(format!("CONFIG_{}", rule.name)),
            }
        }
    }
    if !weak.is_empty() {
        return sources.into_iter().fold(
            fail(info, code, problem).with_detail(list(&weak, 12)),
            |r, e| r.with_evidence(e),
        );
    }
    if !unreadable.is_empty() {
        return CheckRecord::new(
            info,
            OutcomeKind::NotAssessed,
            "a kernel configuration could not be read",
        )
        .with_detail(list(&unreadable, 3));
    }
    unavailable.sort();
    unavailable.dedup();
    if checked == 0 {
        return CheckRecord::new(
            info,
            OutcomeKind::NotAssessed,
            "none of the recommended options exists for this kernel",
        )
        .with_detail(list(&unavailable, 12));
    }
    let names: Vec<&str> = facts
        .configs
        .iter()
        .map(|c| c.source.path.as_str())
        .collect();
    let mut message = format!(
        "{} set as recommended: {}",
        list(&names, 4),
        rules
            .iter()
            .map(|r| format!("CONFIG_{}", r.name))
            .filter(|n| !unavailable.contains(n))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if !unavailable.is_empty() {
        message.push_str(&format!(
            " (not available on this kernel or architecture: {})",
            unavailable.join(", ")
        ));
    }
    facts.configs.iter().fold(pass(info, message), |r, c| {
        r.with_evidence(c.source.evidence())
    })
}
