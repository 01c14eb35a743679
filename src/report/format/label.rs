//! Names and labels every format prints the same way: target kinds, requirement lists, the FR
//! a result is grouped under, evidence places, requirement statuses.

use otcheck_core::{Fr, RequirementId, RequirementStatus};

use crate::report::{CheckRecord, Evidence, TargetKind};

/// The FR a result is listed under: that of its first requirement (`None` for a CCSC or a
/// record without requirements).
pub(crate) fn primary_fr(record: &CheckRecord) -> Option<Fr> {
    record
        .requirements
        .first()
        .and_then(|r| r.fr_number())
        .and_then(Fr::from_number)
}

/// The requirement ids, comma-separated.
pub(crate) fn requirement_list(ids: &[RequirementId]) -> String {
    ids.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The target kind in words.
pub(crate) fn kind_name(kind: TargetKind) -> &'static str {
    match kind {
        TargetKind::LiveHost => "live host",
        TargetKind::Rootfs => "root filesystem",
        TargetKind::DeviceProfile => "device profile",
        TargetKind::DeviceSelftest => "device self-test",
    }
}

/// `path:line`, `path`, or nothing, for a piece of evidence.
pub(crate) fn place(evidence: &Evidence) -> Option<String> {
    match (&evidence.path, evidence.line) {
        (Some(path), Some(line)) => Some(format!("{path}:{line}")),
        (Some(path), None) => Some(path.clone()),
        (None, _) => None,
    }
}

/// The status's name as reports print it.
pub(crate) fn status_name(status: RequirementStatus) -> &'static str {
    match status {
        RequirementStatus::Verified => "verified",
        RequirementStatus::PartlyVerified => "partly verified",
        RequirementStatus::Attested => "attested",
        RequirementStatus::Waived => "waived",
        RequirementStatus::Failed => "failed",
        RequirementStatus::NotAssessed => "not assessed",
        RequirementStatus::NotApplicable => "not applicable",
        _ => "not covered",
    }
}
