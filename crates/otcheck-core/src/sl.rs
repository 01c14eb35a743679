//! The security-level model: [`SecurityLevel`], the [`SlVector`] over the seven foundational
//! requirements, the [`RequirementStatus`] of each requirement, and from those the capability
//! security level (SL-C) a component reaches per FR and the [`gaps`] to a target.
//!
//! ## Why SL-C is computed this way
//!
//! IEC 62443-4-2 rates each requirement and enhancement with the SL-C levels at which it is
//! required, per foundational requirement. A component has capability level *n* in an FR when it
//! meets every requirement of that FR that is required at levels 1 to *n* for its component
//! type. One unmet SL-1 requirement therefore caps the FR at SL-C 0, whatever else is met, and
//! each FR is judged on its own: an FR 1 failure never lowers FR 3.
//!
//! A requirement counts as met ("satisfied") when it was verified by checks, attested with
//! evidence, waived with a compensating countermeasure (CCSC 2), or judged not applicable to
//! this component (e.g. wireless use control on a device without a radio). Failed, not assessed
//! and not covered requirements are not met: the model never assumes a pass it was not given.
//!
//! Guarantee: nothing here allocates or panics.

use core::fmt;

use crate::catalog::{self, CheckClass, ComponentType, Fr, Requirement, RequirementId};
use crate::check::OutcomeKind;

/// A security level, 0 to 4.
///
/// ```
/// use otcheck_core::SecurityLevel;
/// assert_eq!(SecurityLevel::new(2), Some(SecurityLevel::Sl2));
/// assert_eq!(SecurityLevel::new(5), None);
/// assert!(SecurityLevel::Sl1 < SecurityLevel::Sl4);
/// assert_eq!(SecurityLevel::Sl3.to_string(), "SL 3");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum SecurityLevel {
    /// SL 0: no specific requirement.
    #[default]
    Sl0,
    /// SL 1: protection against casual or coincidental violation.
    Sl1,
    /// SL 2: against intentional violation by simple means, low resources, generic skills.
    Sl2,
    /// SL 3: against sophisticated means, moderate resources, IACS-specific skills.
    Sl3,
    /// SL 4: against sophisticated means with extended resources.
    Sl4,
}

impl SecurityLevel {
    /// The levels 1 to 4, in order.
    pub const RATED: [Self; 4] = [Self::Sl1, Self::Sl2, Self::Sl3, Self::Sl4];

    /// The level with this number, 0–4.
    ///
    /// ```
    /// assert_eq!(otcheck_core::SecurityLevel::new(0), Some(otcheck_core::SecurityLevel::Sl0));
    /// ```
    #[must_use]
    pub const fn new(n: u8) -> Option<Self> {
        match n {
            0 => Some(Self::Sl0),
            1 => Some(Self::Sl1),
            2 => Some(Self::Sl2),
            3 => Some(Self::Sl3),
            4 => Some(Self::Sl4),
            _ => None,
        }
    }

    /// The level's number, 0–4.
    ///
    /// ```
    /// assert_eq!(otcheck_core::SecurityLevel::Sl4.number(), 4);
    /// ```
    #[must_use]
    pub const fn number(self) -> u8 {
        match self {
            Self::Sl0 => 0,
            Self::Sl1 => 1,
            Self::Sl2 => 2,
            Self::Sl3 => 3,
            Self::Sl4 => 4,
        }
    }
}

impl fmt::Display for SecurityLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SL {}", self.number())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for SecurityLevel {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.number())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for SecurityLevel {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let n = <u8 as serde::Deserialize>::deserialize(deserializer)?;
        Self::new(n).ok_or_else(|| serde::de::Error::custom("security level must be 0 to 4"))
    }
}

/// A security level per foundational requirement, FR 1 to FR 7.
///
/// ```
/// use otcheck_core::{Fr, SecurityLevel, SlVector};
/// let mut v = SlVector::uniform(SecurityLevel::Sl2);
/// v.set(Fr::Iac, SecurityLevel::Sl3);
/// assert_eq!(v.get(Fr::Iac), SecurityLevel::Sl3);
/// assert_eq!(v.to_string(), "{3 2 2 2 2 2 2}");
/// assert!(SlVector::uniform(SecurityLevel::Sl3).meets(&v));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SlVector([SecurityLevel; 7]);

impl SlVector {
    /// The same level for every FR.
    ///
    /// ```
    /// use otcheck_core::{Fr, SecurityLevel, SlVector};
    /// assert_eq!(SlVector::uniform(SecurityLevel::Sl1).get(Fr::Ra), SecurityLevel::Sl1);
    /// ```
    #[must_use]
    pub const fn uniform(level: SecurityLevel) -> Self {
        Self([level; 7])
    }

    /// A vector from explicit levels, FR 1 first.
    ///
    /// ```
    /// use otcheck_core::{Fr, SecurityLevel::*, SlVector};
    /// let v = SlVector::from_levels([Sl2, Sl2, Sl3, Sl1, Sl1, Sl1, Sl2]);
    /// assert_eq!(v.get(Fr::Si), Sl3);
    /// ```
    #[must_use]
    pub const fn from_levels(levels: [SecurityLevel; 7]) -> Self {
        Self(levels)
    }

    /// The level for `fr`.
    ///
    /// ```
    /// use otcheck_core::{Fr, SecurityLevel, SlVector};
    /// assert_eq!(SlVector::default().get(Fr::Dc), SecurityLevel::Sl0);
    /// ```
    #[must_use]
    pub fn get(&self, fr: Fr) -> SecurityLevel {
        self.0.get(fr.index()).copied().unwrap_or_default()
    }

    /// Sets the level for `fr`.
    ///
    /// ```
    /// use otcheck_core::{Fr, SecurityLevel, SlVector};
    /// let mut v = SlVector::default();
    /// v.set(Fr::Dc, SecurityLevel::Sl4);
    /// assert_eq!(v.get(Fr::Dc), SecurityLevel::Sl4);
    /// ```
    pub fn set(&mut self, fr: Fr, level: SecurityLevel) {
        if let Some(slot) = self.0.get_mut(fr.index()) {
            *slot = level;
        }
    }

    /// The levels, FR 1 first.
    ///
    /// ```
    /// use otcheck_core::{SecurityLevel, SlVector};
    /// assert_eq!(SlVector::uniform(SecurityLevel::Sl2).levels()[6], SecurityLevel::Sl2);
    /// ```
    #[must_use]
    pub const fn levels(&self) -> [SecurityLevel; 7] {
        self.0
    }

    /// Whether every FR of `self` is at least the level of `target`.
    ///
    /// ```
    /// use otcheck_core::{SecurityLevel, SlVector};
    /// assert!(!SlVector::uniform(SecurityLevel::Sl1).meets(&SlVector::uniform(SecurityLevel::Sl2)));
    /// ```
    #[must_use]
    pub fn meets(&self, target: &Self) -> bool {
        Fr::ALL.into_iter().all(|fr| self.get(fr) >= target.get(fr))
    }
}

impl fmt::Display for SlVector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("{")?;
        for (i, level) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{}", level.number())?;
        }
        f.write_str("}")
    }
}

/// How a requirement was judged in an audit.
///
/// ```
/// use otcheck_core::RequirementStatus;
/// assert!(RequirementStatus::Verified.is_satisfied());
/// assert!(RequirementStatus::Attested.is_satisfied());
/// assert!(!RequirementStatus::NotCovered.is_satisfied());
/// assert!(!RequirementStatus::NotAssessed.is_satisfied());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum RequirementStatus {
    /// At least one check evidences it and every such check passed.
    Verified,
    /// Its checks passed, but they can evidence only part of the requirement (its
    /// [`CheckClass`] is not automatable): attested evidence must
    /// cover the rest. Not satisfied on its own.
    PartlyVerified,
    /// No check, but attested evidence (process, physical or hardware) was supplied.
    Attested,
    /// Covered by an unexpired waiver with a compensating countermeasure (CCSC 2).
    Waived,
    /// At least one check evidencing it failed (or errored).
    Failed,
    /// Its checks could not run (e.g. permission denied).
    NotAssessed,
    /// Judged not applicable to this component (e.g. no wireless interface).
    NotApplicable,
    /// No check and no attestation.
    NotCovered,
}

impl RequirementStatus {
    /// Whether the requirement counts as met for the SL-C computation (see the module docs).
    ///
    /// ```
    /// assert!(!otcheck_core::RequirementStatus::Failed.is_satisfied());
    /// ```
    #[must_use]
    pub const fn is_satisfied(self) -> bool {
        matches!(
            self,
            Self::Verified | Self::Attested | Self::Waived | Self::NotApplicable
        )
    }
}

/// What the checks evidencing one requirement say about it, before attestations and waivers:
/// any fail or error → [`Failed`](RequirementStatus::Failed); at least one pass and nothing
/// left not assessed → [`Verified`](RequirementStatus::Verified); only not applicable →
/// [`NotApplicable`](RequirementStatus::NotApplicable); otherwise
/// [`NotAssessed`](RequirementStatus::NotAssessed). `None` when no check evidences it.
///
/// The device self-test and the host report both judge requirements with this one rule.
///
/// ```
/// use otcheck_core::{check::OutcomeKind::*, sl, RequirementStatus};
/// assert_eq!(sl::status_from_outcomes([Pass, NotApplicable]), Some(RequirementStatus::Verified));
/// assert_eq!(sl::status_from_outcomes([Pass, Error]), Some(RequirementStatus::Failed));
/// assert_eq!(sl::status_from_outcomes([Pass, NotAssessed]), Some(RequirementStatus::NotAssessed));
/// assert_eq!(sl::status_from_outcomes([NotApplicable]), Some(RequirementStatus::NotApplicable));
/// assert_eq!(sl::status_from_outcomes([]), None);
/// ```
pub fn status_from_outcomes(
    outcomes: impl IntoIterator<Item = OutcomeKind>,
) -> Option<RequirementStatus> {
    let (mut any, mut fail, mut pass, mut not_assessed, mut all_na) =
        (false, false, false, false, true);
    for o in outcomes {
        any = true;
        match o {
            OutcomeKind::Fail | OutcomeKind::Error => fail = true,
            OutcomeKind::Pass => pass = true,
            OutcomeKind::NotAssessed => not_assessed = true,
            OutcomeKind::NotApplicable => {}
        }
        all_na &= o == OutcomeKind::NotApplicable;
    }
    Some(if !any {
        return None;
    } else if fail {
        RequirementStatus::Failed
    } else if pass && !not_assessed {
        RequirementStatus::Verified
    } else if all_na {
        RequirementStatus::NotApplicable
    } else {
        RequirementStatus::NotAssessed
    })
}

/// The status of `requirement` from the outcomes of the checks evidencing it, before
/// attestations and waivers: [`status_from_outcomes`], except that passing checks *verify*
/// only a requirement a tool can check completely; for one that is only partly checkable
/// (hardware, process or partial check class) they give
/// [`PartlyVerified`](RequirementStatus::PartlyVerified).
///
/// ```
/// use otcheck_core::{catalog, check::OutcomeKind::Pass, sl, RequirementStatus};
/// let lockout = catalog::get("CR 1.11")?;          // automatable
/// let malware = catalog::get("EDR 3.2")?;          // partly checkable
/// assert_eq!(sl::requirement_status(lockout, [Pass]), Some(RequirementStatus::Verified));
/// assert_eq!(sl::requirement_status(malware, [Pass]), Some(RequirementStatus::PartlyVerified));
/// # Ok::<(), otcheck_core::catalog::LookupError>(())
/// ```
pub fn requirement_status(
    requirement: &Requirement,
    outcomes: impl IntoIterator<Item = OutcomeKind>,
) -> Option<RequirementStatus> {
    match status_from_outcomes(outcomes) {
        Some(RequirementStatus::Verified)
            if requirement.check_class() != CheckClass::Automatable =>
        {
            Some(RequirementStatus::PartlyVerified)
        }
        other => other,
    }
}

/// The capability level reached per FR for `component`, given each requirement's status.
///
/// `status` is asked about every requirement the catalogue rates for this component type; it
/// is never asked about others. See the module docs for the rule.
///
/// ```
/// use otcheck_core::{sl, ComponentType, Fr, RequirementId, RequirementStatus, SecurityLevel};
///
/// // An embedded device that satisfies everything except one SL-2 requirement of FR 1
/// // (CR 1.2, software process and device identification and authentication):
/// let v = sl::capability(ComponentType::EmbeddedDevice, |id| {
///     if id == RequirementId::cr(1, 2) { RequirementStatus::Failed } else { RequirementStatus::Verified }
/// });
/// assert_eq!(v.get(Fr::Iac), SecurityLevel::Sl1);
/// assert_eq!(v.get(Fr::Uc), SecurityLevel::Sl4);
/// ```
pub fn capability(
    component: ComponentType,
    mut status: impl FnMut(RequirementId) -> RequirementStatus,
) -> SlVector {
    let mut reached = SlVector::uniform(SecurityLevel::Sl4);
    for req in catalog::all() {
        let (Some(fr), Some(min)) = (req.fr(), req.min_level()) else {
            continue;
        };
        if !req.required_at(component, SecurityLevel::Sl4) {
            continue;
        }
        if !status(req.id()).is_satisfied() {
            // Unmet at `min`: the FR can reach at most the level below it.
            let below = SecurityLevel::new(min.number().saturating_sub(1)).unwrap_or_default();
            if below < reached.get(fr) {
                reached.set(fr, below);
            }
        }
    }
    reached
}

/// A requirement that keeps an FR below its target level.
///
/// ```
/// use otcheck_core::{sl, ComponentType, RequirementStatus, SecurityLevel, SlVector};
/// let target = SlVector::uniform(SecurityLevel::Sl2);
/// let first = sl::gaps(ComponentType::HostDevice, target, |_| RequirementStatus::NotCovered).next();
/// let gap = first.expect("nothing is covered, so everything is a gap");
/// assert_eq!(gap.requirement.id().to_string(), "CR 1.1");
/// assert_eq!(gap.level, SecurityLevel::Sl1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gap {
    /// The unmet requirement.
    pub requirement: &'static Requirement,
    /// The FR it blocks.
    pub fr: Fr,
    /// The lowest level it blocks (its SL-C rating).
    pub level: SecurityLevel,
    /// Its status.
    pub status: RequirementStatus,
}

/// The requirements that keep each FR from the `target` level, in catalogue order: every
/// requirement required for `component` at or below the target level of its FR whose status is
/// not satisfied. No gaps means the target is met.
///
/// ```
/// use otcheck_core::{sl, ComponentType, RequirementStatus, SecurityLevel, SlVector};
/// let target = SlVector::uniform(SecurityLevel::Sl3);
/// let n = sl::gaps(ComponentType::EmbeddedDevice, target, |_| RequirementStatus::Verified).count();
/// assert_eq!(n, 0);
/// ```
pub fn gaps<F>(component: ComponentType, target: SlVector, status: F) -> Gaps<F>
where
    F: FnMut(RequirementId) -> RequirementStatus,
{
    Gaps {
        component,
        target,
        status,
        rest: catalog::all().iter(),
    }
}

/// Iterator returned by [`gaps`].
///
/// ```
/// use otcheck_core::{sl, ComponentType, RequirementStatus, SecurityLevel, SlVector};
/// let mut it = sl::gaps(ComponentType::NetworkDevice, SlVector::default(), |_| RequirementStatus::Failed);
/// assert!(it.next().is_none(), "SL 0 has no requirements");
/// ```
pub struct Gaps<F> {
    component: ComponentType,
    target: SlVector,
    status: F,
    rest: core::slice::Iter<'static, Requirement>,
}

impl<F> fmt::Debug for Gaps<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Gaps")
            .field("component", &self.component)
            .field("target", &self.target)
            .finish()
    }
}

impl<F> Iterator for Gaps<F>
where
    F: FnMut(RequirementId) -> RequirementStatus,
{
    type Item = Gap;

    fn next(&mut self) -> Option<Gap> {
        for req in self.rest.by_ref() {
            let (Some(fr), Some(level)) = (req.fr(), req.min_level()) else {
                continue;
            };
            if !req.required_at(self.component, self.target.get(fr)) {
                continue;
            }
            let status = (self.status)(req.id());
            if !status.is_satisfied() {
                return Some(Gap {
                    requirement: req,
                    fr,
                    level,
                    status,
                });
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::ids;
    use RequirementStatus::*;

    fn all_verified(_: RequirementId) -> RequirementStatus {
        Verified
    }

    #[test]
    fn everything_satisfied_reaches_sl4_everywhere() {
        for c in ComponentType::ALL {
            assert_eq!(
                capability(c, all_verified),
                SlVector::uniform(SecurityLevel::Sl4),
                "{c}"
            );
        }
    }

    #[test]
    fn nothing_covered_is_sl0() {
        let v = capability(ComponentType::HostDevice, |_| NotCovered);
        assert_eq!(v, SlVector::uniform(SecurityLevel::Sl0));
    }

    #[test]
    fn one_sl2_failure_in_fr1_caps_fr1_at_1() {
        // CR 1.8 (PKI certificates) is required from SL 2.
        let v = capability(ComponentType::EmbeddedDevice, |id| {
            if id == ids::CR_1_8 { Failed } else { Verified }
        });
        assert_eq!(
            v,
            SlVector::from_levels([
                SecurityLevel::Sl1,
                SecurityLevel::Sl4,
                SecurityLevel::Sl4,
                SecurityLevel::Sl4,
                SecurityLevel::Sl4,
                SecurityLevel::Sl4,
                SecurityLevel::Sl4,
            ])
        );
    }

    #[test]
    fn an_sl3_enhancement_failing_caps_at_2_and_sl4_re_at_3() {
        // CR 1.7 RE 1 is required from SL 3; CR 2.12 RE 1 from SL 4.
        let v = capability(ComponentType::HostDevice, |id| match id {
            ids::CR_1_7_RE_1 | ids::CR_2_12_RE_1 => NotAssessed,
            _ => Verified,
        });
        assert_eq!(v.get(Fr::Iac), SecurityLevel::Sl2);
        assert_eq!(v.get(Fr::Uc), SecurityLevel::Sl3);
        assert_eq!(v.get(Fr::Si), SecurityLevel::Sl4);
    }

    #[test]
    fn component_specific_failures_only_count_for_their_type() {
        let status = |id| {
            if id == ids::EDR_3_14 {
                Failed
            } else {
                Verified
            }
        };
        assert_eq!(
            capability(ComponentType::EmbeddedDevice, status).get(Fr::Si),
            SecurityLevel::Sl0
        );
        assert_eq!(
            capability(ComponentType::HostDevice, status).get(Fr::Si),
            SecurityLevel::Sl4
        );
    }

    #[test]
    fn attested_waived_and_not_applicable_count_as_met_but_not_covered_does_not() {
        for s in [Attested, Waived, NotApplicable] {
            let v = capability(ComponentType::NetworkDevice, |id| {
                if id == ids::CR_7_1 { s } else { Verified }
            });
            assert_eq!(v.get(Fr::Ra), SecurityLevel::Sl4, "{s:?}");
        }
        let v = capability(ComponentType::NetworkDevice, |id| {
            if id == ids::CR_7_1 {
                NotCovered
            } else {
                Verified
            }
        });
        assert_eq!(v.get(Fr::Ra), SecurityLevel::Sl0);
    }

    #[test]
    fn gaps_list_exactly_the_blockers_below_target() {
        let target = SlVector::uniform(SecurityLevel::Sl2);
        let status = |id| match id {
            ids::CR_1_8 | ids::CR_1_7_RE_1 | ids::CR_3_9 => Failed,
            _ => Verified,
        };
        let found: std::vec::Vec<_> = gaps(ComponentType::EmbeddedDevice, target, status)
            .map(|g| (g.requirement.id(), g.fr, g.level))
            .collect();
        // CR 1.7 RE 1 is an SL-3 item, so it does not block SL 2.
        assert_eq!(
            found,
            [
                (ids::CR_1_8, Fr::Iac, SecurityLevel::Sl2),
                (ids::CR_3_9, Fr::Si, SecurityLevel::Sl2)
            ]
        );
    }

    #[test]
    fn gaps_are_empty_iff_capability_meets_target() {
        let target = SlVector::from_levels([
            SecurityLevel::Sl2,
            SecurityLevel::Sl1,
            SecurityLevel::Sl3,
            SecurityLevel::Sl0,
            SecurityLevel::Sl1,
            SecurityLevel::Sl2,
            SecurityLevel::Sl4,
        ]);
        for (i, req) in catalog::all().iter().enumerate() {
            let status = |id| if id == req.id() { Failed } else { Verified };
            for c in ComponentType::ALL {
                let met = capability(c, status).meets(&target);
                let no_gaps = gaps(c, target, status).next().is_none();
                assert_eq!(met, no_gaps, "#{i} {} for {c}", req.id());
            }
        }
    }
}
