//! From check records to the report: the status of every requirement, the SL-C reached per FR
//! and the gaps to the target. This is the only place that judges requirements; formats only
//! render what it decided.
//!
//! A requirement's status, from its checks (records naming exactly its id):
//! - any fail or error → failed (an unexpired waiver turns it into waived);
//! - at least one pass, the rest pass or not applicable → verified, for a requirement a tool
//!   can check completely; for one only partly checkable (see `CheckClass`) → partly
//!   verified, which needs an attestation for the rest to count;
//! - any not assessed → not assessed (an attestation or waiver may cover it);
//! - only not applicable → not applicable;
//! - no check → attested, waived, or not covered.
//!
//! Attestations never override a failed check, and nothing but a passing check makes a
//! requirement verified.

use otcheck_core::catalog::{self, Requirement};
use otcheck_core::{ComponentType, RequirementId, RequirementStatus, SecurityLevel, SlVector, sl};
use serde::{Deserialize, Serialize};

use super::attest::Attestations;
use super::model::CheckRecord;
#[cfg(test)]
use super::model::OutcomeKind;

/// How a requirement was judged in this report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequirementRecord {
    /// The requirement.
    pub id: RequirementId,
    /// Its title.
    pub title: String,
    /// Its FR number (absent for a CCSC).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub fr: Option<u8>,
    /// Lowest SL-C at which it is required (absent if not SL-rated).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub sl_c: Option<u8>,
    /// Whether it is required at the target SL of its FR for this component type.
    pub required: bool,
    /// How it was judged.
    pub status: RequirementStatus,
    /// The checks that evidence it.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub checks: Vec<String>,
}

/// One requirement that keeps an FR below its target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GapRecord {
    /// FR number.
    pub fr: u8,
    /// The requirement.
    pub id: RequirementId,
    /// The level it blocks.
    pub sl_c: u8,
    /// Its status.
    pub status: RequirementStatus,
}

/// The status of `req` given all records and attestations (see the module docs).
pub(crate) fn status_of(
    id: RequirementId,
    records: &[CheckRecord],
    attest: &Attestations,
) -> RequirementStatus {
    let outcomes = records
        .iter()
        .filter(|r| r.requirements.contains(&id))
        .map(|r| r.outcome);
    let from_checks = match catalog::lookup(id) {
        Some(req) => sl::requirement_status(req, outcomes),
        None => sl::status_from_outcomes(outcomes),
    };
    let waived = attest.valid_waiver(id).is_some();
    match from_checks {
        Some(RequirementStatus::Failed) if waived => RequirementStatus::Waived,
        Some(
            s @ (RequirementStatus::Failed
            | RequirementStatus::Verified
            | RequirementStatus::NotApplicable),
        ) => s,
        _ if attest.attestation(id).is_some() => RequirementStatus::Attested,
        _ if waived => RequirementStatus::Waived,
        Some(s) => s,
        None => RequirementStatus::NotCovered,
    }
}

/// The judged requirements, SL-C vector and gaps for one set of results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Judgement {
    pub(crate) requirements: Vec<RequirementRecord>,
    pub(crate) sl_achieved: SlVector,
    pub(crate) gaps: Vec<GapRecord>,
}

/// Judges every requirement that applies to `component`.
pub(crate) fn judge(
    component: ComponentType,
    target: SlVector,
    records: &[CheckRecord],
    attest: &Attestations,
) -> Judgement {
    let status = |id| status_of(id, records, attest);
    let requirements = catalog::applicable(component)
        .map(|r: &Requirement| {
            let target_level = r.fr().map_or(SecurityLevel::Sl0, |fr| target.get(fr));
            RequirementRecord {
                id: r.id(),
                title: r.title().to_owned(),
                fr: r.id().fr_number(),
                sl_c: r.min_level().map(SecurityLevel::number),
                required: r.required_at(component, target_level),
                status: status(r.id()),
                checks: records
                    .iter()
                    .filter(|c| c.requirements.contains(&r.id()))
                    .map(|c| c.check.clone())
                    .collect(),
            }
        })
        .collect();
    let sl_achieved = sl::capability(component, status);
    let gaps = sl::gaps(component, target, status)
        .map(|g| GapRecord {
            fr: g.fr.number(),
            id: g.requirement.id(),
            sl_c: g.level.number(),
            status: g.status,
        })
        .collect();
    Judgement {
        requirements,
        sl_achieved,
        gaps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use otcheck_core::catalog::ids;
    use otcheck_core::{CheckId, CheckInfo};

    static LOCKOUT: CheckInfo =
        CheckInfo::new(CheckId::new("auth.lockout"), "lockout", &[ids::CR_1_11]);
    static BANNER: CheckInfo =
        CheckInfo::new(CheckId::new("auth.banner"), "banner", &[ids::CR_1_12]);
    static PKI: CheckInfo = CheckInfo::new(CheckId::new("pki.certs"), "certs", &[ids::CR_1_8]);

    fn rec(info: &CheckInfo, o: OutcomeKind) -> CheckRecord {
        CheckRecord::new(info, o, "m")
    }

    #[test]
    fn statuses_follow_the_documented_rules() {
        let none = Attestations::default();
        let s = |records: &[CheckRecord], id| status_of(id, records, &none);
        use OutcomeKind::*;
        assert_eq!(
            s(&[rec(&LOCKOUT, Pass)], ids::CR_1_11),
            RequirementStatus::Verified
        );
        assert_eq!(
            s(&[rec(&LOCKOUT, Pass), rec(&LOCKOUT, Fail)], ids::CR_1_11),
            RequirementStatus::Failed
        );
        assert_eq!(
            s(&[rec(&LOCKOUT, Pass), rec(&LOCKOUT, Error)], ids::CR_1_11),
            RequirementStatus::Failed
        );
        assert_eq!(
            s(
                &[rec(&LOCKOUT, Pass), rec(&LOCKOUT, NotAssessed)],
                ids::CR_1_11
            ),
            RequirementStatus::NotAssessed
        );
        assert_eq!(
            s(
                &[rec(&LOCKOUT, Pass), rec(&LOCKOUT, NotApplicable)],
                ids::CR_1_11
            ),
            RequirementStatus::Verified
        );
        assert_eq!(
            s(&[rec(&LOCKOUT, NotApplicable)], ids::CR_1_11),
            RequirementStatus::NotApplicable
        );
        assert_eq!(
            s(&[rec(&LOCKOUT, Pass)], ids::CR_1_12),
            RequirementStatus::NotCovered
        );
    }

    #[test]
    fn attestations_and_waivers_never_become_verified_or_hide_failures() {
        let text = r#"
            [[attestation]]
            requirement = "CR 1.12"
            statement = "banner shown by the HMI application"
            by = "x"
            date = "2026-01-01"
            [[attestation]]
            requirement = "CR 1.11"
            statement = "claims lockout"
            by = "x"
            date = "2026-01-01"
            [[waiver]]
            requirement = "CR 1.8"
            justification = "j"
            countermeasure = "c"
            expires = "2030-01-01"
        "#;
        let a = Attestations::parse(
            text,
            std::path::Path::new("."),
            time::macros::date!(2026 - 11 - 25),
        )
        .unwrap();
        let records = [
            rec(&LOCKOUT, OutcomeKind::Fail),
            rec(&PKI, OutcomeKind::Fail),
            rec(&BANNER, OutcomeKind::NotAssessed),
        ];
        assert_eq!(
            status_of(ids::CR_1_11, &records, &a),
            RequirementStatus::Failed,
            "attestation must not hide a failure"
        );
        assert_eq!(
            status_of(ids::CR_1_8, &records, &a),
            RequirementStatus::Waived
        );
        assert_eq!(
            status_of(ids::CR_1_12, &records, &a),
            RequirementStatus::Attested
        );
    }

    #[test]
    fn judgement_matches_core_sl_model() {
        let records = [
            rec(&PKI, OutcomeKind::Fail),
            rec(&LOCKOUT, OutcomeKind::Pass),
        ];
        let j = judge(
            ComponentType::EmbeddedDevice,
            SlVector::uniform(SecurityLevel::Sl2),
            &records,
            &Attestations::default(),
        );
        // Almost nothing is covered, so FR 1 is at 0 and CR 1.8 is among the gaps.
        assert_eq!(j.sl_achieved.get(otcheck_core::Fr::Iac), SecurityLevel::Sl0);
        assert!(
            j.gaps.iter().any(|g| g.id == ids::CR_1_8
                && g.status == RequirementStatus::Failed
                && g.sl_c == 2)
        );
        let lockout = j
            .requirements
            .iter()
            .find(|r| r.id == ids::CR_1_11)
            .unwrap();
        assert_eq!(
            (lockout.status, lockout.required),
            (RequirementStatus::Verified, true)
        );
        assert_eq!(lockout.checks, ["auth.lockout"]);
        let re = j
            .requirements
            .iter()
            .find(|r| r.id == ids::CR_1_7_RE_1)
            .unwrap();
        assert!(!re.required, "an SL-3 enhancement is not required at SL 2");
    }
}
