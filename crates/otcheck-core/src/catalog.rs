//! The requirement catalogue of IEC 62443-4-2:2019 as static data.
//!
//! Every foundational requirement ([`Fr`]), component requirement (CR), component-specific
//! requirement (SAR, EDR, HDR, NDR), requirement enhancement (RE) and common component security
//! constraint (CCSC), with the capability security levels at which each is required and the
//! component types it applies to. The table lives in `catalog/table.rs`, generated from
//! `data/iec62443-4-2.toml` by the root package's `catalog_table_is_generated_from_data` test
//! (run it with `OTCHECK_BLESS=1` to regenerate).
//!
//! The data comes from public secondary sources (see `data/NOTES.md`): check it against a
//! licensed copy of the standard before relying on it for certification.
//!
//! Guarantee: look-ups never panic; an unknown or malformed id is a [`LookupError`].
//!
//! ```
//! use otcheck_core::{catalog, ComponentType, Fr, SecurityLevel};
//!
//! // What an embedded device must meet in FR 1 at SL-C 2:
//! let fr1_sl2 = catalog::required(ComponentType::EmbeddedDevice, SecurityLevel::Sl2)
//!     .filter(|r| r.fr() == Some(Fr::Iac))
//!     .count();
//! assert!(fr1_sl2 > 10);
//! ```

mod id;
#[rustfmt::skip]
mod table;

use core::fmt;

pub use id::{IdError, RequirementId, RequirementKind};
/// A constant for every identifier in the catalogue, e.g. [`ids::CR_1_7_RE_1`]: checks name
/// their requirements through these, so a check cannot cite a requirement that does not exist.
pub use table::ids;

use crate::sl::SecurityLevel;

/// The seven foundational requirements (FR) of IEC 62443-1-1.
///
/// ```
/// use otcheck_core::Fr;
/// assert_eq!(Fr::from_number(3), Some(Fr::Si));
/// assert_eq!(Fr::Si.abbrev(), "SI");
/// assert_eq!(Fr::ALL.len(), 7);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "UPPERCASE"))]
pub enum Fr {
    /// FR 1: identification and authentication control.
    Iac,
    /// FR 2: use control.
    Uc,
    /// FR 3: system integrity.
    Si,
    /// FR 4: data confidentiality.
    Dc,
    /// FR 5: restricted data flow.
    Rdf,
    /// FR 6: timely response to events.
    Tre,
    /// FR 7: resource availability.
    Ra,
}

impl Fr {
    /// All seven, in order.
    pub const ALL: [Self; 7] = [
        Self::Iac,
        Self::Uc,
        Self::Si,
        Self::Dc,
        Self::Rdf,
        Self::Tre,
        Self::Ra,
    ];

    /// FR by number, 1–7.
    ///
    /// ```
    /// assert_eq!(otcheck_core::Fr::from_number(8), None);
    /// ```
    #[must_use]
    pub const fn from_number(n: u8) -> Option<Self> {
        match n {
            1 => Some(Self::Iac),
            2 => Some(Self::Uc),
            3 => Some(Self::Si),
            4 => Some(Self::Dc),
            5 => Some(Self::Rdf),
            6 => Some(Self::Tre),
            7 => Some(Self::Ra),
            _ => None,
        }
    }

    /// The FR number, 1–7.
    ///
    /// ```
    /// assert_eq!(otcheck_core::Fr::Ra.number(), 7);
    /// ```
    #[must_use]
    pub const fn number(self) -> u8 {
        match self {
            Self::Iac => 1,
            Self::Uc => 2,
            Self::Si => 3,
            Self::Dc => 4,
            Self::Rdf => 5,
            Self::Tre => 6,
            Self::Ra => 7,
        }
    }

    /// Zero-based index, for arrays over the seven FRs.
    ///
    /// ```
    /// assert_eq!(otcheck_core::Fr::Iac.index(), 0);
    /// ```
    #[must_use]
    pub const fn index(self) -> usize {
        match self {
            Self::Iac => 0,
            Self::Uc => 1,
            Self::Si => 2,
            Self::Dc => 3,
            Self::Rdf => 4,
            Self::Tre => 5,
            Self::Ra => 6,
        }
    }

    /// The abbreviation, e.g. `"IAC"`.
    ///
    /// ```
    /// assert_eq!(otcheck_core::Fr::Tre.abbrev(), "TRE");
    /// ```
    #[must_use]
    pub const fn abbrev(self) -> &'static str {
        match self {
            Self::Iac => "IAC",
            Self::Uc => "UC",
            Self::Si => "SI",
            Self::Dc => "DC",
            Self::Rdf => "RDF",
            Self::Tre => "TRE",
            Self::Ra => "RA",
        }
    }

    /// The name, e.g. `"Identification and authentication control"`.
    ///
    /// ```
    /// assert_eq!(otcheck_core::Fr::Uc.name(), "Use control");
    /// ```
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Iac => "Identification and authentication control",
            Self::Uc => "Use control",
            Self::Si => "System integrity",
            Self::Dc => "Data confidentiality",
            Self::Rdf => "Restricted data flow",
            Self::Tre => "Timely response to events",
            Self::Ra => "Resource availability",
        }
    }
}

impl fmt::Display for Fr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FR {} {}", self.number(), self.abbrev())
    }
}

/// The four component types of IEC 62443-4-2.
///
/// ```
/// use otcheck_core::ComponentType;
/// assert_eq!("embedded".parse::<ComponentType>(), Ok(ComponentType::EmbeddedDevice));
/// assert_eq!(ComponentType::HostDevice.code(), "HD");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ComponentType {
    /// Software application (SAR, clause 12).
    #[cfg_attr(feature = "serde", serde(rename = "software"))]
    SoftwareApplication,
    /// Embedded device (EDR, clause 13): PLCs, field devices, controllers.
    #[cfg_attr(feature = "serde", serde(rename = "embedded"))]
    EmbeddedDevice,
    /// Host device (HDR, clause 14): HMIs, engineering workstations, servers.
    #[cfg_attr(feature = "serde", serde(rename = "host"))]
    HostDevice,
    /// Network device (NDR, clause 15): switches, routers, gateways, firewalls.
    #[cfg_attr(feature = "serde", serde(rename = "network"))]
    NetworkDevice,
}

impl ComponentType {
    /// All four.
    pub const ALL: [Self; 4] = [
        Self::SoftwareApplication,
        Self::EmbeddedDevice,
        Self::HostDevice,
        Self::NetworkDevice,
    ];

    /// The two-letter code used in the catalogue data: `SA`, `ED`, `HD`, `ND`.
    ///
    /// ```
    /// assert_eq!(otcheck_core::ComponentType::NetworkDevice.code(), "ND");
    /// ```
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Self::SoftwareApplication => "SA",
            Self::EmbeddedDevice => "ED",
            Self::HostDevice => "HD",
            Self::NetworkDevice => "ND",
        }
    }

    /// The short name used on the command line: `software`, `embedded`, `host`, `network`.
    ///
    /// ```
    /// assert_eq!(otcheck_core::ComponentType::SoftwareApplication.name(), "software");
    /// ```
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::SoftwareApplication => "software",
            Self::EmbeddedDevice => "embedded",
            Self::HostDevice => "host",
            Self::NetworkDevice => "network",
        }
    }

    /// The component-specific requirement kind of this type (`EDR` for embedded devices, …).
    ///
    /// ```
    /// use otcheck_core::{ComponentType, RequirementKind};
    /// assert_eq!(ComponentType::HostDevice.specific_kind(), RequirementKind::Hdr);
    /// ```
    #[must_use]
    pub const fn specific_kind(self) -> RequirementKind {
        match self {
            Self::SoftwareApplication => RequirementKind::Sar,
            Self::EmbeddedDevice => RequirementKind::Edr,
            Self::HostDevice => RequirementKind::Hdr,
            Self::NetworkDevice => RequirementKind::Ndr,
        }
    }

    const fn bit(self) -> u8 {
        match self {
            Self::SoftwareApplication => 1,
            Self::EmbeddedDevice => 2,
            Self::HostDevice => 4,
            Self::NetworkDevice => 8,
        }
    }
}

/// The text is not one of the component type names or codes.
///
/// ```
/// assert!("plc".parse::<otcheck_core::ComponentType>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("unknown component type: expected software, embedded, host or network (or SA, ED, HD, ND)")]
pub struct UnknownComponentType;

impl core::str::FromStr for ComponentType {
    type Err = UnknownComponentType;
    fn from_str(s: &str) -> Result<Self, UnknownComponentType> {
        Self::ALL
            .into_iter()
            .find(|c| s.eq_ignore_ascii_case(c.name()) || s.eq_ignore_ascii_case(c.code()))
            .ok_or(UnknownComponentType)
    }
}

impl fmt::Display for ComponentType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A set of component types.
///
/// ```
/// use otcheck_core::{catalog::ComponentSet, ComponentType};
/// let set = ComponentSet::ALL;
/// assert!(set.contains(ComponentType::HostDevice));
/// assert!(!ComponentSet::NONE.contains(ComponentType::HostDevice));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ComponentSet(u8);

impl ComponentSet {
    /// No component type.
    pub const NONE: Self = Self(0);
    /// All four component types.
    pub const ALL: Self = Self(0b1111);

    /// The set holding exactly `c`.
    ///
    /// ```
    /// use otcheck_core::{catalog::ComponentSet, ComponentType};
    /// assert!(ComponentSet::only(ComponentType::EmbeddedDevice).contains(ComponentType::EmbeddedDevice));
    /// ```
    #[must_use]
    pub const fn only(c: ComponentType) -> Self {
        Self(c.bit())
    }

    /// Whether `c` is in the set.
    ///
    /// ```
    /// use otcheck_core::{catalog::ComponentSet, ComponentType};
    /// assert!(!ComponentSet::only(ComponentType::HostDevice).contains(ComponentType::NetworkDevice));
    /// ```
    #[must_use]
    pub const fn contains(self, c: ComponentType) -> bool {
        self.0 & c.bit() != 0
    }

    /// Iterates the component types in the set.
    ///
    /// ```
    /// assert_eq!(otcheck_core::catalog::ComponentSet::ALL.iter().count(), 4);
    /// ```
    pub fn iter(self) -> impl Iterator<Item = ComponentType> {
        ComponentType::ALL
            .into_iter()
            .filter(move |c| self.contains(*c))
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for ComponentSet {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// Whether an item carries its own requirement.
///
/// ```
/// let r = otcheck_core::catalog::get("CR 2.3")?;
/// assert_eq!(r.status(), otcheck_core::catalog::Status::NotApplicable);
/// # Ok::<(), otcheck_core::catalog::LookupError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Status {
    /// A requirement of its own.
    Normative,
    /// The clause only points to component-specific requirements ([`Requirement::defers_to`]).
    Deferred,
    /// The clause exists but sets no component-level requirement (e.g. CR 2.3, CR 5.4, CR 7.5).
    NotApplicable,
}

/// How a requirement can be judged. This is otcheck's own assessment, not part of the standard.
///
/// ```
/// let r = otcheck_core::catalog::get("CR 1.11")?;
/// assert_eq!(r.check_class(), otcheck_core::catalog::CheckClass::Automatable);
/// # Ok::<(), otcheck_core::catalog::LookupError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum CheckClass {
    /// A tool can check it against configuration or runtime state.
    Automatable,
    /// A tool can check part of it; the rest needs testing or attested evidence.
    Partial,
    /// Needs hardware design or lab evidence.
    HardwarePhysical,
    /// Needs process or documentation evidence.
    ProcessDocumentation,
    /// Nothing to judge (deferred or not-applicable clauses).
    None,
}

/// How well the public sources behind an entry agree (see the catalogue notes).
///
/// ```
/// let r = otcheck_core::catalog::get("CR 6.2")?;
/// assert_eq!(r.confidence(), otcheck_core::catalog::Confidence::Medium);
/// # Ok::<(), otcheck_core::catalog::LookupError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Confidence {
    /// Two or more independent sources agree.
    High,
    /// One careful transcription with weaker corroboration, or a resolved conflict.
    Medium,
}

/// One entry of the catalogue: a CR, a component-specific requirement, an RE or a CCSC.
///
/// ```
/// let r = otcheck_core::catalog::get("EDR 3.14 RE(1)")?;
/// assert_eq!(r.title(), "Authenticity of the boot process");
/// assert_eq!(r.parent().map(|p| p.to_string()).as_deref(), Some("EDR 3.14"));
/// # Ok::<(), otcheck_core::catalog::LookupError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Requirement {
    id: RequirementId,
    title: &'static str,
    status: Status,
    min_level: Option<SecurityLevel>,
    applies_to: ComponentSet,
    check_class: CheckClass,
    confidence: Confidence,
    defers_to: &'static [RequirementId],
}

impl Requirement {
    /// The identifier.
    ///
    /// ```
    /// let r = otcheck_core::catalog::get("CR 1.1")?;
    /// assert_eq!(r.id(), otcheck_core::RequirementId::cr(1, 1));
    /// # Ok::<(), otcheck_core::catalog::LookupError>(())
    /// ```
    #[must_use]
    pub const fn id(&self) -> RequirementId {
        self.id
    }

    /// The short title.
    ///
    /// ```
    /// assert_eq!(otcheck_core::catalog::get("CR 1.11")?.title(), "Unsuccessful login attempts");
    /// # Ok::<(), otcheck_core::catalog::LookupError>(())
    /// ```
    #[must_use]
    pub const fn title(&self) -> &'static str {
        self.title
    }

    /// The foundational requirement the item counts towards; `None` for a CCSC.
    ///
    /// ```
    /// assert_eq!(otcheck_core::catalog::get("NDR 5.2")?.fr(), Some(otcheck_core::Fr::Rdf));
    /// # Ok::<(), otcheck_core::catalog::LookupError>(())
    /// ```
    #[must_use]
    pub fn fr(&self) -> Option<Fr> {
        self.id.fr_number().and_then(Fr::from_number)
    }

    /// For an enhancement, the requirement it enhances.
    ///
    /// ```
    /// assert_eq!(otcheck_core::catalog::get("CR 1.7")?.parent(), None);
    /// # Ok::<(), otcheck_core::catalog::LookupError>(())
    /// ```
    #[must_use]
    pub const fn parent(&self) -> Option<RequirementId> {
        if self.id.re().is_some() {
            Some(self.id.base())
        } else {
            None
        }
    }

    /// Whether the item is a requirement of its own, deferred, or not applicable.
    ///
    /// ```
    /// let r = otcheck_core::catalog::get("CR 3.14")?;
    /// assert_eq!(r.status(), otcheck_core::catalog::Status::Deferred);
    /// # Ok::<(), otcheck_core::catalog::LookupError>(())
    /// ```
    #[must_use]
    pub const fn status(&self) -> Status {
        self.status
    }

    /// The lowest capability security level at which the item is required (it is then required
    /// at every higher level too); `None` for items without SL rating (CCSC, deferred clauses).
    ///
    /// ```
    /// use otcheck_core::SecurityLevel;
    /// assert_eq!(otcheck_core::catalog::get("CR 2.7")?.min_level(), Some(SecurityLevel::Sl3));
    /// # Ok::<(), otcheck_core::catalog::LookupError>(())
    /// ```
    #[must_use]
    pub const fn min_level(&self) -> Option<SecurityLevel> {
        self.min_level
    }

    /// Whether the item applies to this component type.
    ///
    /// ```
    /// use otcheck_core::ComponentType;
    /// let r = otcheck_core::catalog::get("EDR 2.13")?;
    /// assert!(r.applies_to(ComponentType::EmbeddedDevice));
    /// assert!(!r.applies_to(ComponentType::HostDevice));
    /// # Ok::<(), otcheck_core::catalog::LookupError>(())
    /// ```
    #[must_use]
    pub const fn applies_to(&self, component: ComponentType) -> bool {
        self.applies_to.contains(component)
    }

    /// The component types the item applies to.
    ///
    /// ```
    /// assert_eq!(otcheck_core::catalog::get("CR 1.1")?.component_types().iter().count(), 4);
    /// # Ok::<(), otcheck_core::catalog::LookupError>(())
    /// ```
    #[must_use]
    pub const fn component_types(&self) -> ComponentSet {
        self.applies_to
    }

    /// Whether the item is required for `component` at capability level `level`.
    ///
    /// ```
    /// use otcheck_core::{ComponentType, SecurityLevel};
    /// let r = otcheck_core::catalog::get("CR 1.7 RE 1")?;
    /// assert!(!r.required_at(ComponentType::HostDevice, SecurityLevel::Sl2));
    /// assert!(r.required_at(ComponentType::HostDevice, SecurityLevel::Sl3));
    /// # Ok::<(), otcheck_core::catalog::LookupError>(())
    /// ```
    #[must_use]
    pub fn required_at(&self, component: ComponentType, level: SecurityLevel) -> bool {
        self.status == Status::Normative
            && self.applies_to(component)
            && self.min_level.is_some_and(|min| min <= level)
    }

    /// How the item can be judged (otcheck's assessment).
    ///
    /// ```
    /// let r = otcheck_core::catalog::get("CCSC 4")?;
    /// assert_eq!(r.check_class(), otcheck_core::catalog::CheckClass::ProcessDocumentation);
    /// # Ok::<(), otcheck_core::catalog::LookupError>(())
    /// ```
    #[must_use]
    pub const fn check_class(&self) -> CheckClass {
        self.check_class
    }

    /// How well the public sources agree on this entry.
    ///
    /// ```
    /// let r = otcheck_core::catalog::get("CR 1.11")?;
    /// assert_eq!(r.confidence(), otcheck_core::catalog::Confidence::High);
    /// # Ok::<(), otcheck_core::catalog::LookupError>(())
    /// ```
    #[must_use]
    pub const fn confidence(&self) -> Confidence {
        self.confidence
    }

    /// For a deferred clause, the component-specific requirements it points to.
    ///
    /// ```
    /// let r = otcheck_core::catalog::get("CR 1.6")?;
    /// assert_eq!(r.defers_to()[0].to_string(), "NDR 1.6");
    /// # Ok::<(), otcheck_core::catalog::LookupError>(())
    /// ```
    #[must_use]
    pub const fn defers_to(&self) -> &'static [RequirementId] {
        self.defers_to
    }
}

/// A requirement id could not be looked up.
///
/// ```
/// use otcheck_core::catalog::{self, LookupError};
/// assert!(matches!(catalog::get("CR 1.99"), Err(LookupError::Unknown(_))));
/// assert!(matches!(catalog::get("CR one"), Err(LookupError::Malformed(_))));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LookupError {
    /// The text is not a well-formed id.
    #[error(transparent)]
    Malformed(#[from] IdError),
    /// The id is well-formed but not in the catalogue.
    #[error("{0} is not a requirement of IEC 62443-4-2:2019")]
    Unknown(RequirementId),
}

/// Every entry of the catalogue, in catalogue order: CCSC, then per FR the CRs (each followed by
/// its enhancements), then the component-specific requirements.
///
/// ```
/// assert!(otcheck_core::catalog::all().len() > 140);
/// ```
#[must_use]
pub fn all() -> &'static [Requirement] {
    table::REQUIREMENTS
}

/// Looks an entry up by id text (forgiving, see [`RequirementId`]).
///
/// # Errors
/// [`LookupError::Malformed`] for text that is not an id, [`LookupError::Unknown`] for an id
/// the catalogue does not hold.
///
/// ```
/// let r = otcheck_core::catalog::get("cr 1.11")?;
/// assert_eq!(r.id().to_string(), "CR 1.11");
/// # Ok::<(), otcheck_core::catalog::LookupError>(())
/// ```
pub fn get(id: &str) -> Result<&'static Requirement, LookupError> {
    let id: RequirementId = id.parse()?;
    lookup(id).ok_or(LookupError::Unknown(id))
}

/// Looks an entry up by parsed id.
///
/// ```
/// use otcheck_core::{catalog, RequirementId};
/// assert!(catalog::lookup(RequirementId::cr(2, 8)).is_some());
/// assert!(catalog::lookup(RequirementId::cr(2, 99)).is_none());
/// ```
#[must_use]
pub fn lookup(id: RequirementId) -> Option<&'static Requirement> {
    table::REQUIREMENTS.iter().find(|r| r.id == id)
}

/// The entries required for `component` at capability level `level` (cumulative: everything
/// required at `level` or below).
///
/// ```
/// use otcheck_core::{catalog, ComponentType, SecurityLevel};
/// let n = catalog::required(ComponentType::EmbeddedDevice, SecurityLevel::Sl2).count();
/// assert_eq!(n, 61);
/// ```
pub fn required(
    component: ComponentType,
    level: SecurityLevel,
) -> impl Iterator<Item = &'static Requirement> {
    table::REQUIREMENTS
        .iter()
        .filter(move |r| r.required_at(component, level))
}

/// The entries that apply to `component` at some level or without SL rating (CCSC), i.e.
/// everything a report for such a component lists.
///
/// ```
/// use otcheck_core::{catalog, ComponentType};
/// assert!(catalog::applicable(ComponentType::NetworkDevice).any(|r| r.id().to_string() == "NDR 1.6"));
/// ```
pub fn applicable(component: ComponentType) -> impl Iterator<Item = &'static Requirement> {
    table::REQUIREMENTS
        .iter()
        .filter(move |r| r.status == Status::Normative && r.applies_to(component))
}
