//! The resource section of a device profile: the facts the `resource` checks judge.
//!
//! Owns [`ResourceSettings`] and its parts: per-interface safeguards ([`Interface`],
//! [`Safeguard`]), resource limits against capacity ([`Limits`], [`ResourceLimit`],
//! [`Resource`]), backup state ([`BackupStatus`]), settings reporting ([`SettingsReport`]),
//! the component inventory ([`Inventory`]), and what is enabled and allowed ([`FunctionSet`]).
//!
//! Guarantees: everything is fixed-capacity (`N` entries per list, names of at most `L` bytes)
//! and heap-free; a [`Name`] is never empty and never contains control characters, so it is
//! safe to print in a report. Every "not declared" state defaults to *unknown*, which the checks
//! report as not assessed, never as a pass. With the `serde` feature the section reads from and
//! writes to TOML or JSON on the host:
//!
//! ```toml
//! [[interfaces]]
//! name = "eth0"
//! external = true
//! dos_protection = true
//! inbound_rate_limit = { burst = 200, refill = 50, period = 1000 }
//! outbound_rate_limit = { burst = 200, refill = 50, period = 1000 }
//! session_limit = 4
//!
//! [limits]
//! memory = { limited = { limit = 49152, capacity = 65536 } }
//! cpu = { limited = { limit = 80, capacity = 100 } }
//! connections = { limited = { limit = 16, capacity = 32 } }
//! file_handles = "not-applicable"
//!
//! backup = "intact"
//! settings_report = "machine-readable"
//! inventory = { present = { components = 12 } }
//!
//! [enabled]
//! services = ["modbus", "web"]
//! ports = [{ transport = "tcp", number = 502 }, { transport = "tcp", number = 443 }]
//! interfaces = ["eth0"]
//!
//! [allowed]
//! services = ["modbus", "web", "opc-ua"]
//! ports = [{ transport = "tcp", number = 502 }, { transport = "tcp", number = 443 }]
//! interfaces = ["eth0", "eth1"]
//! ```

use core::fmt;

use super::allowlist::{Functionality, Port};
use super::rate::RateLimit;

/// Why a name or list entry was refused.
///
/// ```
/// use otcheck_core::resource::{Name, SettingsError};
/// assert_eq!(Name::<4>::new("").unwrap_err(), SettingsError::EmptyName);
/// assert_eq!(
///     Name::<4>::new("eth10").unwrap_err().to_string(),
///     "name is 5 bytes, at most 4 fit"
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum SettingsError {
    /// The name is empty.
    #[error("name is empty")]
    EmptyName,
    /// The name does not fit.
    #[error("name is {len} bytes, at most {max} fit")]
    NameTooLong {
        /// Its length in bytes.
        len: usize,
        /// The capacity `L`.
        max: usize,
    },
    /// The name contains a control character (which could rewrite a terminal report).
    #[error("name has a control character at byte {offset}")]
    ControlCharacter {
        /// Byte offset of the first one.
        offset: usize,
    },
    /// A list is full.
    #[error("the {list} list is full ({capacity} entries)")]
    ListFull {
        /// Which list.
        list: &'static str,
        /// The capacity `N`.
        capacity: usize,
    },
}

/// A service or interface name of at most `L` bytes: non-empty, no control characters.
///
/// ```
/// use otcheck_core::resource::Name;
/// let name = Name::<16>::new("modbus-tcp")?;
/// assert_eq!(name.as_str(), "modbus-tcp");
/// assert!(Name::<16>::new("bad\x1b[2J").is_err());
/// # Ok::<(), otcheck_core::resource::SettingsError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Name<const L: usize>(heapless::String<L>);

impl<const L: usize> Name<L> {
    /// Checks and copies `name`.
    ///
    /// # Errors
    ///
    /// [`SettingsError::EmptyName`], [`SettingsError::NameTooLong`] or
    /// [`SettingsError::ControlCharacter`].
    ///
    /// ```
    /// assert!(otcheck_core::resource::Name::<8>::new("eth0").is_ok());
    /// ```
    pub fn new(name: &str) -> Result<Self, SettingsError> {
        if name.is_empty() {
            return Err(SettingsError::EmptyName);
        }
        if let Some((offset, _)) = name.char_indices().find(|(_, c)| c.is_control()) {
            return Err(SettingsError::ControlCharacter { offset });
        }
        let mut s = heapless::String::new();
        s.push_str(name).map_err(|_| SettingsError::NameTooLong {
            len: name.len(),
            max: L,
        })?;
        Ok(Self(s))
    }

    /// The name.
    ///
    /// ```
    /// assert_eq!(otcheck_core::resource::Name::<8>::new("usb0")?.as_str(), "usb0");
    /// # Ok::<(), otcheck_core::resource::SettingsError>(())
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl<const L: usize> AsRef<str> for Name<L> {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl<const L: usize> TryFrom<&str> for Name<L> {
    type Error = SettingsError;

    fn try_from(name: &str) -> Result<Self, SettingsError> {
        Self::new(name)
    }
}

impl<const L: usize> core::str::FromStr for Name<L> {
    type Err = SettingsError;

    fn from_str(name: &str) -> Result<Self, SettingsError> {
        Self::new(name)
    }
}

impl<const L: usize> fmt::Display for Name<L> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<const L: usize> PartialEq<str> for Name<L> {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl<const L: usize> PartialEq<&str> for Name<L> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// A safeguard an externally reachable interface needs.
///
/// ```
/// use otcheck_core::resource::{Interface, Safeguard};
/// let iface = Interface::<8>::named("eth0")?;
/// assert!(!iface.has(Safeguard::DosProtection));
/// # Ok::<(), otcheck_core::resource::SettingsError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Safeguard {
    /// Denial-of-service protection (CR 7.1).
    DosProtection,
    /// A valid limit on the load accepted (CR 7.1 RE 1).
    InboundRateLimit,
    /// A valid limit on the load generated (CR 7.1 RE 1).
    OutboundRateLimit,
    /// A hard limit on concurrent sessions (CR 2.7).
    SessionLimit,
}

/// One communication interface and its safeguards.
///
/// ```
/// use otcheck_core::resource::{Interface, RateLimit, Safeguard};
/// let mut iface = Interface::<8>::named("eth0")?;
/// iface.inbound_rate_limit = Some(RateLimit::new(100, 10, 1_000));
/// assert!(iface.has(Safeguard::InboundRateLimit));
/// iface.outbound_rate_limit = Some(RateLimit::new(100, 0, 1_000));
/// assert!(!iface.has(Safeguard::OutboundRateLimit), "a refill of 0 is not a working limit");
/// # Ok::<(), otcheck_core::resource::SettingsError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Interface<const L: usize> {
    /// Its name, e.g. `eth0`, `X1`, `rs485-1`.
    pub name: Name<L>,
    /// Whether it is reachable from outside the component (defaults to `true`: an interface
    /// counts as exposed unless declared otherwise).
    #[cfg_attr(feature = "serde", serde(default = "exposed"))]
    pub external: bool,
    /// Whether denial-of-service protection is active on it (e.g. SYN cookies, storm control,
    /// connection-rate limiting).
    #[cfg_attr(feature = "serde", serde(default))]
    pub dos_protection: bool,
    /// The limit on the load it accepts.
    #[cfg_attr(feature = "serde", serde(default))]
    pub inbound_rate_limit: Option<RateLimit>,
    /// The limit on the load the component generates through it.
    #[cfg_attr(feature = "serde", serde(default))]
    pub outbound_rate_limit: Option<RateLimit>,
    /// The hard limit on concurrent sessions through it.
    #[cfg_attr(feature = "serde", serde(default))]
    pub session_limit: Option<u32>,
}

#[cfg(feature = "serde")]
const fn exposed() -> bool {
    true
}

impl<const L: usize> Interface<L> {
    /// An external interface with no safeguard declared.
    ///
    /// ```
    /// let iface = otcheck_core::resource::Interface::<8>::named("eth1")?;
    /// assert!(iface.external && !iface.dos_protection && iface.session_limit.is_none());
    /// # Ok::<(), otcheck_core::resource::SettingsError>(())
    /// ```
    #[must_use]
    pub const fn new(name: Name<L>) -> Self {
        Self {
            name,
            external: true,
            dos_protection: false,
            inbound_rate_limit: None,
            outbound_rate_limit: None,
            session_limit: None,
        }
    }

    /// [`new`](Self::new) with a name checked from `name`.
    ///
    /// # Errors
    ///
    /// As [`Name::new`].
    ///
    /// ```
    /// assert!(otcheck_core::resource::Interface::<4>::named("wlan0").is_err());
    /// ```
    pub fn named(name: &str) -> Result<Self, SettingsError> {
        Name::new(name).map(Self::new)
    }

    /// Whether the interface has `safeguard`. Rate limits count only when valid
    /// ([`RateLimit::validate`]).
    ///
    /// ```
    /// use otcheck_core::resource::{Interface, Safeguard};
    /// let mut iface = Interface::<8>::named("eth0")?;
    /// iface.session_limit = Some(4);
    /// assert!(iface.has(Safeguard::SessionLimit));
    /// # Ok::<(), otcheck_core::resource::SettingsError>(())
    /// ```
    #[must_use]
    pub fn has(&self, safeguard: Safeguard) -> bool {
        let valid = |limit: Option<RateLimit>| limit.is_some_and(|l| l.validate().is_ok());
        match safeguard {
            Safeguard::DosProtection => self.dos_protection,
            Safeguard::InboundRateLimit => valid(self.inbound_rate_limit),
            Safeguard::OutboundRateLimit => valid(self.outbound_rate_limit),
            Safeguard::SessionLimit => self.session_limit.is_some(),
        }
    }
}

/// A resource whose use CR 7.2 asks to limit.
///
/// ```
/// use otcheck_core::resource::Resource;
/// assert_eq!(Resource::ALL.len(), 4);
/// assert_eq!(Resource::FileHandles.to_string(), "file handles");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Resource {
    /// Memory.
    Memory,
    /// CPU time.
    Cpu,
    /// Network connections.
    Connections,
    /// Open files and handles.
    FileHandles,
}

impl Resource {
    /// All four, in check order.
    pub const ALL: [Self; 4] = [
        Self::Memory,
        Self::Cpu,
        Self::Connections,
        Self::FileHandles,
    ];
}

impl fmt::Display for Resource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Memory => "memory",
            Self::Cpu => "CPU",
            Self::Connections => "connections",
            Self::FileHandles => "file handles",
        })
    }
}

/// How one resource is limited. `limit` and `capacity` are in the same unit, whichever the
/// component uses (bytes, percent of a core, connections, handles).
///
/// ```
/// use otcheck_core::resource::ResourceLimit;
/// assert_eq!(ResourceLimit::default(), ResourceLimit::Unknown);
/// let memory = ResourceLimit::Limited { limit: 48 * 1024, capacity: Some(64 * 1024) };
/// assert_ne!(memory, ResourceLimit::Unlimited);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum ResourceLimit {
    /// Not declared or could not be read.
    #[default]
    Unknown,
    /// The component has no such resource (e.g. no file system, so no file handles).
    NotApplicable,
    /// No limit is configured.
    Unlimited,
    /// A limit is configured.
    Limited {
        /// The configured limit.
        limit: u64,
        /// What the component has, when known.
        capacity: Option<u64>,
    },
}

/// The limits on the four [`Resource`]s.
///
/// ```
/// use otcheck_core::resource::{Limits, Resource, ResourceLimit};
/// let mut limits = Limits::default();
/// limits.file_handles = ResourceLimit::NotApplicable;
/// assert_eq!(limits.get(Resource::FileHandles), ResourceLimit::NotApplicable);
/// assert_eq!(limits.get(Resource::Memory), ResourceLimit::Unknown);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Limits {
    /// Memory.
    pub memory: ResourceLimit,
    /// CPU time.
    pub cpu: ResourceLimit,
    /// Network connections.
    pub connections: ResourceLimit,
    /// Open files and handles.
    pub file_handles: ResourceLimit,
}

impl Limits {
    /// The limit on `resource`.
    ///
    /// ```
    /// use otcheck_core::resource::{Limits, Resource, ResourceLimit};
    /// let limits = Limits { cpu: ResourceLimit::Unlimited, ..Limits::default() };
    /// assert_eq!(limits.get(Resource::Cpu), ResourceLimit::Unlimited);
    /// ```
    #[must_use]
    pub const fn get(&self, resource: Resource) -> ResourceLimit {
        match resource {
            Resource::Memory => self.memory,
            Resource::Cpu => self.cpu,
            Resource::Connections => self.connections,
            Resource::FileHandles => self.file_handles,
        }
    }
}

/// Whether a backup of the component state exists and whether it verified (CR 7.3, CR 7.3 RE 1).
///
/// The verification itself is the `integrity` module's job (a digest or signature over the
/// backup image); pass its result through [`from_verification`](Self::from_verification) so
/// that [`Intact`](Self::Intact) is only ever set from a successful verification.
///
/// ```
/// use otcheck_core::resource::BackupStatus;
/// let verified: Result<(), &str> = Ok(());
/// assert_eq!(BackupStatus::from_verification(verified), BackupStatus::Intact);
/// assert_eq!(BackupStatus::from_verification(Err::<(), _>("digest mismatch")), BackupStatus::Corrupt);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum BackupStatus {
    /// Not declared or could not be determined.
    #[default]
    Unknown,
    /// No backup exists.
    Absent,
    /// A backup exists; its integrity was not checked.
    Unverified,
    /// A backup exists and its integrity was verified.
    Intact,
    /// A backup exists and failed integrity verification.
    Corrupt,
}

impl BackupStatus {
    /// The status of an existing backup from the result of verifying it: `Ok` (any proof
    /// value) is [`Intact`](Self::Intact), `Err` is [`Corrupt`](Self::Corrupt).
    ///
    /// ```
    /// use otcheck_core::resource::BackupStatus;
    /// assert_eq!(BackupStatus::from_verification(Ok::<u8, ()>(1)), BackupStatus::Intact);
    /// ```
    pub fn from_verification<T, E>(result: Result<T, E>) -> Self {
        match result {
            Ok(_) => Self::Intact,
            Err(_) => Self::Corrupt,
        }
    }
}

/// How the component reports its current security settings (CR 7.6 RE 1).
///
/// ```
/// use otcheck_core::resource::SettingsReport;
/// assert_eq!(SettingsReport::default(), SettingsReport::Unknown);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum SettingsReport {
    /// Not declared.
    #[default]
    Unknown,
    /// The settings cannot be reported.
    Unsupported,
    /// Only in a form for people (a web page, a display).
    HumanReadable,
    /// In a machine-readable form (e.g. this crate's self-test report, JSON, an OPC UA node set).
    MachineReadable,
}

/// Whether the component provides an inventory of its components (CR 7.8).
///
/// ```
/// use otcheck_core::resource::Inventory;
/// let inv = Inventory::Present { components: 14 };
/// assert_ne!(inv, Inventory::Absent);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Inventory {
    /// Not declared.
    #[default]
    Unknown,
    /// No inventory is provided.
    Absent,
    /// An inventory is provided.
    Present {
        /// How many components (software packages, firmware modules, hardware parts) it lists.
        components: u32,
    },
}

/// Services, ports and interfaces, owned, up to `N` of each with names of at most `L` bytes.
///
/// ```
/// use otcheck_core::resource::{FunctionSet, Port};
/// let mut allowed = FunctionSet::<4, 16>::default();
/// allowed.push_service("modbus")?;
/// allowed.push_port(Port::tcp(502))?;
/// let mut enabled = FunctionSet::<4, 16>::default();
/// enabled.push_service("telnet")?;
/// let view = enabled.view();
/// assert_eq!(view.not_allowed_by(&allowed.view()).count(), 1);
/// # Ok::<(), otcheck_core::resource::SettingsError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
// Field-level `default`: serde's container-level `default` does not support const generics.
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct FunctionSet<const N: usize, const L: usize> {
    /// Services.
    #[cfg_attr(feature = "serde", serde(default, with = "super::serde_form::seq"))]
    pub services: heapless::Vec<Name<L>, N>,
    /// Ports.
    #[cfg_attr(feature = "serde", serde(default, with = "super::serde_form::seq"))]
    pub ports: heapless::Vec<Port, N>,
    /// Interfaces.
    #[cfg_attr(feature = "serde", serde(default, with = "super::serde_form::seq"))]
    pub interfaces: heapless::Vec<Name<L>, N>,
}

impl<const N: usize, const L: usize> FunctionSet<N, L> {
    /// The borrowed view the checks judge.
    ///
    /// ```
    /// let set = otcheck_core::resource::FunctionSet::<2, 8>::default();
    /// assert!(set.view().services.is_empty());
    /// ```
    #[must_use]
    pub fn view(&self) -> Functionality<'_, Name<L>> {
        Functionality::new(&self.services, &self.ports, &self.interfaces)
    }

    /// Adds a service.
    ///
    /// # Errors
    ///
    /// As [`Name::new`], or [`SettingsError::ListFull`].
    ///
    /// ```
    /// let mut set = otcheck_core::resource::FunctionSet::<1, 8>::default();
    /// set.push_service("ssh")?;
    /// assert!(set.push_service("ftp").is_err());
    /// # Ok::<(), otcheck_core::resource::SettingsError>(())
    /// ```
    pub fn push_service(&mut self, name: &str) -> Result<(), SettingsError> {
        push(&mut self.services, Name::new(name)?, "services")
    }

    /// Adds a port.
    ///
    /// # Errors
    ///
    /// [`SettingsError::ListFull`].
    ///
    /// ```
    /// let mut set = otcheck_core::resource::FunctionSet::<1, 8>::default();
    /// set.push_port(otcheck_core::resource::Port::udp(161))?;
    /// # Ok::<(), otcheck_core::resource::SettingsError>(())
    /// ```
    pub fn push_port(&mut self, port: Port) -> Result<(), SettingsError> {
        push(&mut self.ports, port, "ports")
    }

    /// Adds an interface.
    ///
    /// # Errors
    ///
    /// As [`Name::new`], or [`SettingsError::ListFull`].
    ///
    /// ```
    /// let mut set = otcheck_core::resource::FunctionSet::<1, 8>::default();
    /// set.push_interface("eth0")?;
    /// # Ok::<(), otcheck_core::resource::SettingsError>(())
    /// ```
    pub fn push_interface(&mut self, name: &str) -> Result<(), SettingsError> {
        push(&mut self.interfaces, Name::new(name)?, "interfaces")
    }
}

fn push<T, const N: usize>(
    list: &mut heapless::Vec<T, N>,
    item: T,
    name: &'static str,
) -> Result<(), SettingsError> {
    list.push(item).map_err(|_| SettingsError::ListFull {
        list: name,
        capacity: N,
    })
}

/// The resource section of a device profile: up to `N` interfaces and `N` entries per
/// service, port and interface list, names of at most `L` bytes.
///
/// The default is "nothing declared": every check on it is not assessed.
///
/// ```
/// use otcheck_core::resource::{self, BackupStatus, Interface, ResourceSettings};
///
/// let mut settings = ResourceSettings::<4, 16>::default();
/// let mut eth0 = Interface::named("eth0")?;
/// eth0.dos_protection = true;
/// settings.push_interface(eth0)?;
/// settings.backup = BackupStatus::Intact;
///
/// let results = resource::evaluate(&settings);
/// assert!(results.iter().any(|r| r.info.id.as_str() == "resource.backup" && r.outcome.is_pass()));
/// # Ok::<(), otcheck_core::resource::SettingsError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ResourceSettings<const N: usize = 16, const L: usize = 32> {
    /// Communication interfaces and their safeguards.
    #[cfg_attr(feature = "serde", serde(default, with = "super::serde_form::seq"))]
    pub interfaces: heapless::Vec<Interface<L>, N>,
    /// Resource limits against capacity.
    #[cfg_attr(feature = "serde", serde(default))]
    pub limits: Limits,
    /// Backup state.
    #[cfg_attr(feature = "serde", serde(default))]
    pub backup: BackupStatus,
    /// How the current security settings can be reported.
    #[cfg_attr(feature = "serde", serde(default))]
    pub settings_report: SettingsReport,
    /// The component inventory.
    #[cfg_attr(feature = "serde", serde(default))]
    pub inventory: Inventory,
    /// What is enabled.
    #[cfg_attr(feature = "serde", serde(default))]
    pub enabled: FunctionSet<N, L>,
    /// The vendor's allow-list, when known.
    #[cfg_attr(feature = "serde", serde(default))]
    pub allowed: Option<FunctionSet<N, L>>,
}

impl<const N: usize, const L: usize> ResourceSettings<N, L> {
    /// Adds an interface.
    ///
    /// # Errors
    ///
    /// [`SettingsError::ListFull`].
    ///
    /// ```
    /// use otcheck_core::resource::{Interface, ResourceSettings};
    /// let mut settings = ResourceSettings::<1, 8>::default();
    /// settings.push_interface(Interface::named("eth0")?)?;
    /// assert!(settings.push_interface(Interface::named("eth1")?).is_err());
    /// # Ok::<(), otcheck_core::resource::SettingsError>(())
    /// ```
    pub fn push_interface(&mut self, interface: Interface<L>) -> Result<(), SettingsError> {
        push(&mut self.interfaces, interface, "interfaces")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked() {
        assert_eq!(Name::<8>::new(""), Err(SettingsError::EmptyName));
        assert_eq!(
            Name::<3>::new("eth0"),
            Err(SettingsError::NameTooLong { len: 4, max: 3 })
        );
        assert_eq!(
            Name::<16>::new("eth0\n"),
            Err(SettingsError::ControlCharacter { offset: 4 })
        );
        assert_eq!(
            Name::<16>::new("a\u{9b}b"),
            Err(SettingsError::ControlCharacter { offset: 1 }),
            "C1 controls (CSI) are refused too"
        );
        // Multi-byte names count bytes, and a name exactly at capacity fits.
        assert_eq!(
            Name::<4>::new("über").unwrap_err(),
            SettingsError::NameTooLong { len: 5, max: 4 }
        );
        assert_eq!(Name::<5>::new("über").unwrap().as_str(), "über");
        assert_eq!(Name::<4>::new("eth0").unwrap(), "eth0");
    }

    #[test]
    fn new_interfaces_are_exposed_and_unprotected() {
        let iface = Interface::<8>::named("eth0").unwrap();
        for s in [
            Safeguard::DosProtection,
            Safeguard::InboundRateLimit,
            Safeguard::OutboundRateLimit,
            Safeguard::SessionLimit,
        ] {
            assert!(!iface.has(s), "{s:?}");
        }
        assert!(iface.external);
    }

    #[test]
    fn lists_report_which_one_is_full() {
        let mut set = FunctionSet::<1, 8>::default();
        set.push_port(Port::tcp(1)).unwrap();
        assert_eq!(
            set.push_port(Port::tcp(2)),
            Err(SettingsError::ListFull {
                list: "ports",
                capacity: 1
            })
        );
        set.push_interface("eth0").unwrap();
        assert_eq!(
            set.push_interface("eth1"),
            Err(SettingsError::ListFull {
                list: "interfaces",
                capacity: 1
            })
        );
        assert_eq!(set.push_service(""), Err(SettingsError::EmptyName));
    }

    #[test]
    fn limits_get_matches_fields() {
        let limits = Limits {
            memory: ResourceLimit::Unlimited,
            cpu: ResourceLimit::NotApplicable,
            connections: ResourceLimit::Limited {
                limit: 1,
                capacity: None,
            },
            file_handles: ResourceLimit::Unknown,
        };
        let got = Resource::ALL.map(|r| limits.get(r));
        assert_eq!(
            got,
            [
                limits.memory,
                limits.cpu,
                limits.connections,
                limits.file_handles
            ]
        );
    }
}
