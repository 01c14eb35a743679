//! Comparing two reports of the same target: what newly fails, what was fixed, and how the
//! SL-C per FR moved. A regression is a new failure or an FR that went down.

use otcheck_core::Fr;
use serde::Serialize;

use super::{OutcomeKind, Report};

/// One check result that changed between two reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Check id.
    pub check: String,
    /// Finding code, where there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finding: Option<String>,
    /// The message in the newer report (or the older one, for a fixed result).
    pub message: String,
}

/// How one FR's SL-C moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LevelChange {
    /// FR number.
    pub fr: u8,
    /// SL-C before.
    pub old: u8,
    /// SL-C after.
    pub new: u8,
}

/// The differences between two reports.
///
/// ```
/// use otcheck::core::{ComponentType, SlVector};
/// use otcheck::report::{diff, Attestations, Report, TargetInfo, TargetKind};
/// let t = TargetInfo { kind: TargetKind::Rootfs, identifier: "r".into(), inputs_sha256: None };
/// let r = Report::new(t, ComponentType::HostDevice, SlVector::default(), vec![], Attestations::default());
/// let d = diff(&r, &r);
/// assert!(!d.is_regression());
/// assert!(d.new_failures.is_empty() && d.fixed.is_empty() && d.levels.is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReportDiff {
    /// Failing (or erroring) in the new report, not in the old one.
    pub new_failures: Vec<Change>,
    /// Failing in the old report, not in the new one.
    pub fixed: Vec<Change>,
    /// FRs whose SL-C changed.
    pub levels: Vec<LevelChange>,
}

impl ReportDiff {
    /// Whether anything got worse: a new failure or a lower SL-C in some FR.
    ///
    /// ```
    /// assert!(!otcheck::report::ReportDiff::default().is_regression());
    /// ```
    #[must_use]
    pub fn is_regression(&self) -> bool {
        !self.new_failures.is_empty() || self.levels.iter().any(|l| l.new < l.old)
    }
}

fn failing(report: &Report) -> impl Iterator<Item = (&str, Option<&str>, &str)> {
    report
        .results
        .iter()
        .filter(|r| matches!(r.outcome, OutcomeKind::Fail | OutcomeKind::Error))
        .map(|r| (r.check.as_str(), r.finding.as_deref(), r.message.as_str()))
}

/// Compares `old` with `new`. Results are matched by check id, finding code and message, so a
/// failure that names another file or user counts as new.
#[must_use]
pub fn diff(old: &Report, new: &Report) -> ReportDiff {
    let old_fail: Vec<_> = failing(old).collect();
    let new_fail: Vec<_> = failing(new).collect();
    let to_change = |(check, finding, message): &(&str, Option<&str>, &str)| Change {
        check: (*check).to_owned(),
        finding: finding.map(str::to_owned),
        message: (*message).to_owned(),
    };
    ReportDiff {
        new_failures: new_fail
            .iter()
            .filter(|f| !old_fail.contains(f))
            .map(to_change)
            .collect(),
        fixed: old_fail
            .iter()
            .filter(|f| !new_fail.contains(f))
            .map(to_change)
            .collect(),
        levels: Fr::ALL
            .into_iter()
            .map(|fr| LevelChange {
                fr: fr.number(),
                old: old.sl_achieved.get(fr).number(),
                new: new.sl_achieved.get(fr).number(),
            })
            .filter(|l| l.old != l.new)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Attestations, CheckRecord, TargetInfo, TargetKind};
    use otcheck_core::catalog::ids;
    use otcheck_core::{CheckId, CheckInfo, ComponentType, SecurityLevel, SlVector};

    static LOCKOUT: CheckInfo =
        CheckInfo::new(CheckId::new("auth.lockout"), "lockout", &[ids::CR_1_11]);
    static BANNER: CheckInfo =
        CheckInfo::new(CheckId::new("auth.banner"), "banner", &[ids::CR_1_12]);

    fn report(lockout: OutcomeKind, banner: OutcomeKind) -> Report {
        let t = TargetInfo {
            kind: TargetKind::Rootfs,
            identifier: "r".into(),
            inputs_sha256: None,
        };
        let mut records = vec![
            CheckRecord::new(&LOCKOUT, lockout, "lockout"),
            CheckRecord::new(&BANNER, banner, "banner"),
        ];
        for r in &mut records {
            if r.outcome == OutcomeKind::Fail {
                r.finding = Some("X-Y".into());
            }
        }
        // Everything else attested, so FR 1 depends on these two checks only.
        let mut text = String::new();
        for r in otcheck_core::catalog::applicable(ComponentType::HostDevice) {
            if r.id() != ids::CR_1_11 && r.id() != ids::CR_1_12 {
                text.push_str(&format!("[[attestation]]\nrequirement = \"{}\"\nstatement = \"s\"\nby = \"b\"\ndate = \"2026-01-01\"\n", r.id()));
            }
        }
        let a = Attestations::parse(
            &text,
            std::path::Path::new("."),
            time::macros::date!(2026 - 11 - 25),
        )
        .unwrap();
        Report::new(
            t,
            ComponentType::HostDevice,
            SlVector::uniform(SecurityLevel::Sl2),
            records,
            a,
        )
    }

    #[test]
    fn new_failures_fixes_and_level_changes() {
        let old = report(OutcomeKind::Pass, OutcomeKind::Fail);
        let new = report(OutcomeKind::Fail, OutcomeKind::Pass);
        assert_eq!(old.sl_achieved.get(Fr::Iac), SecurityLevel::Sl0);
        let d = diff(&old, &new);
        assert_eq!(
            d.new_failures
                .iter()
                .map(|c| c.check.as_str())
                .collect::<Vec<_>>(),
            ["auth.lockout"]
        );
        assert_eq!(
            d.fixed.iter().map(|c| c.check.as_str()).collect::<Vec<_>>(),
            ["auth.banner"]
        );
        assert!(d.is_regression());
        let better = diff(&old, &report(OutcomeKind::Pass, OutcomeKind::Pass));
        assert_eq!(
            better.levels,
            [LevelChange {
                fr: 1,
                old: 0,
                new: 4
            }]
        );
        assert!(!better.is_regression());
        assert!(
            diff(&report(OutcomeKind::Pass, OutcomeKind::Pass), &old).is_regression(),
            "FR 1 went down"
        );
    }
}
