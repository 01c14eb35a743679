//! Boot integrity (`boot.secure-boot`), from the [`boot`](crate::probe::boot) probe.
//!
//! Evidences EDR/HDR/NDR 3.14 and their RE 1 (integrity and authenticity of the boot
//! process; CR 3.14 defers to these). Live, on EFI: passes when `SecureBoot` is 1 and the
//! firmware is not in setup mode. Otherwise (a root filesystem, or a live host without EFI)
//! the evidence that can be found offline is U-Boot verified boot: it passes only when every
//! FIT configuration in `/boot` is signed with a SHA-2 algorithm *and* U-Boot's control
//! device tree holds a key it requires (`required = "conf"` or `"image"`), since a signature
//! nobody checks proves nothing. An unsigned FIT configuration fails. Anything short of that
//! is *not assessed*, with what was and was not found.

use otcheck_core::catalog::ids;
use otcheck_core::{CheckId, CheckInfo, ComponentType};

use crate::probe::boot::{self, BootFacts, EfiState};
use crate::report::{CheckRecord, Evidence, OutcomeKind};

use super::{Context, HostCheck, fail, list, pass};

static SECURE_BOOT: CheckInfo = CheckInfo::new(
    CheckId::new("boot.secure-boot"),
    "The boot process verifies what it loads (secure or verified boot)",
    &[
        ids::EDR_3_14,
        ids::HDR_3_14,
        ids::NDR_3_14,
        ids::EDR_3_14_RE_1,
        ids::HDR_3_14_RE_1,
        ids::NDR_3_14_RE_1,
    ],
);

static ALL: [&CheckInfo; 1] = [&SECURE_BOOT];

/// The boot integrity check group.
#[derive(Debug)]
pub(crate) struct Boot;

impl HostCheck for Boot {
    fn name(&self) -> &'static str {
        "boot"
    }

    fn checks(&self) -> &'static [&'static CheckInfo] {
        &ALL
    }

    fn run(&self, ctx: &Context<'_>) -> Vec<CheckRecord> {
        if ctx.component == ComponentType::SoftwareApplication {
            return vec![CheckRecord::new(
                &SECURE_BOOT,
                OutcomeKind::NotApplicable,
                "boot integrity is a requirement on devices, not on software applications",
            )];
        }
        let facts = boot::probe(ctx.target);
        vec![super::for_component(judge(&facts), ctx.component)]
    }
}

fn weak_algo(algo: &str) -> bool {
    let a = algo.to_ascii_lowercase();
    a.contains("sha1") || a.contains("md5")
}

/// Judges the boot evidence.
pub(crate) fn judge(facts: &BootFacts) -> CheckRecord {
    match &facts.efi {
        Some(EfiState::Variables {
            secure_boot,
            setup_mode,
            source,
        }) => {
            let ev = Evidence::file(source.clone());
            return match (secure_boot, setup_mode) {
                (Some(true), Some(true)) => fail(
                    &SECURE_BOOT,
                    "BOOT-SECURE-BOOT-SETUP-MODE",
                    "the firmware is in Secure Boot setup mode: no platform key, nothing is enforced",
                )
                .with_evidence(ev),
                (Some(true), _) => pass(&SECURE_BOOT, "EFI Secure Boot is enabled").with_evidence(ev),
                (Some(false), _) => fail(
                    &SECURE_BOOT,
                    "BOOT-SECURE-BOOT-DISABLED",
                    "EFI Secure Boot is disabled",
                )
                .with_evidence(ev),
                (None, _) => fail(
                    &SECURE_BOOT,
                    "BOOT-SECURE-BOOT-DISABLED",
                    "the EFI firmware has no SecureBoot variable: Secure Boot is unsupported or off",
                )
                .with_evidence(ev),
            };
        }
        Some(EfiState::Unreadable(why)) => {
            return CheckRecord::new(
                &SECURE_BOOT,
                OutcomeKind::NotAssessed,
                "the EFI Secure Boot variables could not be read",
            )
            .with_detail(why);
        }
        Some(EfiState::NotEfi) | None => {}
    }
    // Offline evidence: U-Boot verified boot.
    let unsigned: Vec<String> = facts
        .fit_images
        .iter()
        .flat_map(|f| {
            f.configurations
                .iter()
                .filter(|c| c.signature.is_none())
                .map(move |c| format!("{} configuration {}", f.source.path, c.name))
        })
        .collect();
    let weak: Vec<String> = facts
        .fit_images
        .iter()
        .flat_map(|f| {
            f.configurations.iter().filter_map(move |c| {
                c.signature
                    .as_ref()
                    .filter(|a| weak_algo(a))
                    .map(|a| format!("{} configuration {} ({a})", f.source.path, c.name))
            })
        })
        .collect();
    let fits_ev = || facts.fit_images.iter().map(|f| f.source.evidence());
    if !unsigned.is_empty() {
        return fits_ev().fold(
            fail(
                &SECURE_BOOT,
                "BOOT-FIT-UNSIGNED",
                "FIT boot images have unsigned configurations",
            )
            .with_detail(list(&unsigned, 6)),
            CheckRecord::with_evidence,
        );
    }
    if !weak.is_empty() {
        return fits_ev().fold(
            fail(
                &SECURE_BOOT,
                "BOOT-FIT-WEAK-SIGNATURE",
                "FIT configurations are signed with a broken hash",
            )
            .with_detail(list(&weak, 6)),
            CheckRecord::with_evidence,
        );
    }
    let required: Vec<String> = facts
        .uboot_keys
        .iter()
        .filter(|k| matches!(k.required.as_deref(), Some("conf" | "image")))
        .map(|k| {
            format!(
                "{} ({}, required for {})",
                k.name,
                k.algo,
                k.required.as_deref().unwrap_or("")
            )
        })
        .collect();
    let not_efi = matches!(facts.efi, Some(EfiState::NotEfi));
    if !facts.fit_images.is_empty() && !required.is_empty() {
        let configs: usize = facts
            .fit_images
            .iter()
            .map(|f| f.configurations.len())
            .sum();
        let keys_ev = facts.uboot_keys.iter().map(|k| k.source.evidence());
        return fits_ev().chain(keys_ev).fold(
            pass(
                &SECURE_BOOT,
                format!(
                    "U-Boot verified boot: {configs} FIT configurations are signed and U-Boot requires key {}",
                    list(&required, 3)
                ),
            ),
            CheckRecord::with_evidence,
        );
    }
    let mut found = Vec::new();
    if !facts.fit_images.is_empty() {
        found.push(format!(
            "signed FIT images ({}) but no U-Boot control device tree that requires a key, so enforcement cannot be verified",
            list(&facts.fit_images.iter().map(|f| f.source.path.clone()).collect::<Vec<_>>(), 3)
        ));
    } else if !facts.uboot_keys.is_empty() {
        found.push("U-Boot verification keys, but no FIT image to verify".to_owned());
    }
    if !facts.efi_loaders.is_empty() {
        found.push(format!(
            "EFI boot loaders ({}); whether the firmware enforces Secure Boot is only visible on the running device",
            list(&facts.efi_loaders, 3)
        ));
    }
    if !facts.unreadable.is_empty() {
        found.push(format!("unreadable: {}", list(&facts.unreadable, 3)));
    }
    if found.is_empty() {
        found.push(if not_efi {
            "not an EFI system, and no FIT image or U-Boot key under /boot".to_owned()
        } else {
            "no FIT image or U-Boot key under /boot; the EFI Secure Boot state can only be read on the live host".to_owned()
        });
    }
    CheckRecord::new(
        &SECURE_BOOT,
        OutcomeKind::NotAssessed,
        "boot integrity could not be verified",
    )
    .with_detail(found.join("; "))
}
