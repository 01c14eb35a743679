//! The catalogue as the host tool shows it: one owned, serialisable entry per requirement.

use otcheck_core::catalog::{CheckClass, Confidence, Requirement, Status};
use otcheck_core::{ComponentType, RequirementId, SecurityLevel};
use serde::Serialize;

/// One catalogue entry in the shape of `otcheck catalog --format json`.
///
/// ```
/// let r = otcheck::core::catalog::get("CR 2.7")?;
/// let e = otcheck::catalog::CatalogEntry::from(r);
/// assert_eq!(e.sl_c, [3, 4]);
/// assert_eq!(e.fr, Some(2));
/// # Ok::<(), otcheck::core::catalog::LookupError>(())
/// ```
#[derive(Debug, Clone, Serialize)]
pub struct CatalogEntry {
    /// Canonical id, e.g. `CR 1.7 RE 1`.
    pub id: RequirementId,
    /// `CR`, `SAR`, `EDR`, `HDR`, `NDR` or `CCSC`.
    pub kind: &'static str,
    /// Foundational requirement number, absent for a CCSC.
    pub fr: Option<u8>,
    /// For an enhancement, the requirement it enhances.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<RequirementId>,
    /// Short title.
    pub title: &'static str,
    /// `normative`, `deferred` or `not-applicable`.
    pub status: Status,
    /// The SL-C levels at which it is required.
    pub sl_c: Vec<u8>,
    /// Component types (`software`, `embedded`, `host`, `network`).
    pub component_types: Vec<ComponentType>,
    /// For a deferred clause, what it defers to.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub defers_to: Vec<RequirementId>,
    /// How it can be judged (otcheck's assessment).
    pub check_class: CheckClass,
    /// How well the public sources agree.
    pub confidence: Confidence,
}

impl From<&Requirement> for CatalogEntry {
    fn from(r: &Requirement) -> Self {
        Self {
            id: r.id(),
            kind: r.id().kind().prefix(),
            fr: r.id().fr_number(),
            parent: r.parent(),
            title: r.title(),
            status: r.status(),
            sl_c: r
                .min_level()
                .map(|min| {
                    SecurityLevel::RATED
                        .iter()
                        .filter(|l| **l >= min)
                        .map(|l| l.number())
                        .collect()
                })
                .unwrap_or_default(),
            component_types: r.component_types().iter().collect(),
            defers_to: r.defers_to().to_vec(),
            check_class: r.check_class(),
            confidence: r.confidence(),
        }
    }
}
