//! One audit record: what it says ([`Record`], [`Event`]), and its fixed-size encoding
//! ([`RecordView`]).
//!
//! A record holds the fields CR 2.8 asks for (timestamp, source, category, type, result) plus a
//! sequence number, the quality of the timestamp (CR 2.11 RE 1), a small payload and its chain
//! value (CR 3.9). It always encodes to exactly [`RECORD_LEN`] bytes, little-endian:
//!
//! The layout is documented on [`RecordView`].
//!
//! Guarantee: [`RecordView::new_checked`] validates the length once, after which no accessor
//! can panic; [`Record::parse`] accepts only the canonical encoding (known codes, zero reserved
//! and padding bytes), so `emit(parse(bytes)) == bytes` for every accepted input.

use core::fmt;

use super::chain::ChainValue;
use super::log::LogCounters;

/// Length of an encoded record.
pub const RECORD_LEN: usize = 104;
/// Length of the part of a record the chain value covers (everything but the chain value).
pub const BODY_LEN: usize = 72;
/// Largest payload a record holds.
pub const PAYLOAD_CAPACITY: usize = 32;
/// Length of an actor / source id.
pub const ACTOR_LEN: usize = 16;

const OFF_SEQ: usize = 0;
const OFF_TIME: usize = 8;
const OFF_QUALITY: usize = 16;
const OFF_CATEGORY: usize = 17;
const OFF_OUTCOME: usize = 18;
const OFF_PAYLOAD_LEN: usize = 19;
const OFF_CODE: usize = 20;
const OFF_RESERVED: usize = 22;
const OFF_ACTOR: usize = 24;
const OFF_PAYLOAD: usize = 40;
const OFF_CHAIN: usize = 72;

/// Event codes from `0xFF00` up are written only by the log itself (capacity warnings and
/// loss markers); [`Event::new`] refuses them.
pub const RESERVED_CODES_START: u16 = 0xFF00;

pub(crate) const CODE_CAPACITY_WARNING: u16 = 0xFF00;
pub(crate) const CODE_RECORDS_OVERWRITTEN: u16 = 0xFF01;
pub(crate) const CODE_RECORDS_REFUSED: u16 = 0xFF02;
pub(crate) const CODE_LOG_FULL: u16 = 0xFF03;
pub(crate) const CODE_RELEASED: u16 = 0xFF04;

// Little-endian field access on fixed buffers. Offsets are constants inside the buffer, so the
// fallbacks below are never taken; they exist so that no code path can panic.

pub(crate) fn get_array<const L: usize>(buf: &[u8], off: usize) -> [u8; L] {
    buf.get(off..)
        .and_then(|rest| rest.first_chunk::<L>())
        .copied()
        .unwrap_or([0; L])
}

pub(crate) fn get_u64(buf: &[u8], off: usize) -> u64 {
    u64::from_le_bytes(get_array(buf, off))
}

pub(crate) fn get_u32(buf: &[u8], off: usize) -> u32 {
    u32::from_le_bytes(get_array(buf, off))
}

pub(crate) fn get_u16(buf: &[u8], off: usize) -> u16 {
    u16::from_le_bytes(get_array(buf, off))
}

pub(crate) fn get_u8(buf: &[u8], off: usize) -> u8 {
    buf.get(off).copied().unwrap_or(0)
}

pub(crate) fn put(buf: &mut [u8], off: usize, src: &[u8]) {
    if let Some(dst) = off
        .checked_add(src.len())
        .and_then(|end| buf.get_mut(off..end))
    {
        // A zip loop, not `copy_from_slice`: no outlined length check (and so no panic path)
        // in release firmware; `dst` is exactly `src.len()` long here.
        for (d, s) in dst.iter_mut().zip(src) {
            *d = *s;
        }
    }
}

/// Whether a timestamp came from a synchronised clock (CR 2.11 RE 1).
///
/// ```
/// use otcheck_core::audit_log::TimeQuality;
/// assert_eq!(TimeQuality::Synchronised.to_string(), "synchronised");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum TimeQuality {
    /// A free-running clock (no or lost synchronisation, e.g. an RTC after a battery change).
    Unsynchronised,
    /// A clock synchronised to a reference (NTP, PTP, GNSS).
    Synchronised,
}

impl TimeQuality {
    const fn code(self) -> u8 {
        match self {
            Self::Unsynchronised => 0,
            Self::Synchronised => 1,
        }
    }

    const fn from_code(code: u8) -> Option<Self> {
        match code {
            0 => Some(Self::Unsynchronised),
            1 => Some(Self::Synchronised),
            _ => None,
        }
    }
}

impl fmt::Display for TimeQuality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Unsynchronised => "unsynchronised",
            Self::Synchronised => "synchronised",
        })
    }
}

/// A point in time supplied by the caller (the core never reads a clock), with its quality.
///
/// Displays as ISO 8601 UTC with milliseconds, `*` marking unsynchronised time.
///
/// ```
/// use otcheck_core::audit_log::Timestamp;
/// let t = Timestamp::synchronised(1_700_000_000_123);
/// assert_eq!(t.to_string(), "2023-11-14T22:13:20.123Z");
/// assert_eq!(Timestamp::unsynchronised(0).to_string(), "1970-01-01T00:00:00.000Z*");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Timestamp {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    pub unix_millis: u64,
    /// Whether the clock was synchronised.
    pub quality: TimeQuality,
}

impl Timestamp {
    /// A time read from a synchronised clock.
    ///
    /// ```
    /// use otcheck_core::audit_log::{TimeQuality, Timestamp};
    /// assert_eq!(Timestamp::synchronised(5).quality, TimeQuality::Synchronised);
    /// ```
    #[must_use]
    pub const fn synchronised(unix_millis: u64) -> Self {
        Self {
            unix_millis,
            quality: TimeQuality::Synchronised,
        }
    }

    /// A time read from a clock that is not (or no longer) synchronised.
    ///
    /// ```
    /// use otcheck_core::audit_log::{TimeQuality, Timestamp};
    /// assert_eq!(Timestamp::unsynchronised(5).quality, TimeQuality::Unsynchronised);
    /// ```
    #[must_use]
    pub const fn unsynchronised(unix_millis: u64) -> Self {
        Self {
            unix_millis,
            quality: TimeQuality::Unsynchronised,
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const MS_PER_DAY: u64 = 86_400_000;
        let days = self.unix_millis.checked_div(MS_PER_DAY).unwrap_or(0);
        let in_day = self.unix_millis.checked_rem(MS_PER_DAY).unwrap_or(0);
        let (y, m, d) = civil_from_days(days);
        let secs = in_day.checked_div(1000).unwrap_or(0);
        write!(
            f,
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z{}",
            secs.checked_div(3600).unwrap_or(0),
            secs.checked_rem(3600)
                .unwrap_or(0)
                .checked_div(60)
                .unwrap_or(0),
            secs.checked_rem(60).unwrap_or(0),
            in_day.checked_rem(1000).unwrap_or(0),
            if self.quality == TimeQuality::Synchronised {
                ""
            } else {
                "*"
            }
        )
    }
}

/// Year, month, day of the proleptic Gregorian calendar for `days` since 1970-01-01
/// (H. Hinnant's `civil_from_days`, for non-negative day numbers). Saturates instead of
/// overflowing for absurd inputs.
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days.saturating_add(719_468);
    let era = z / 146_097;
    let doe = z.saturating_sub(era.saturating_mul(146_097));
    let yoe = doe
        .saturating_sub(doe / 1460)
        .saturating_add(doe / 36_524)
        .saturating_sub(doe / 146_096)
        / 365;
    let doy = doe.saturating_sub(
        yoe.saturating_mul(365)
            .saturating_add(yoe / 4)
            .saturating_sub(yoe / 100),
    );
    let mp = doy.saturating_mul(5).saturating_add(2) / 153;
    let d = doy
        .saturating_sub(mp.saturating_mul(153).saturating_add(2) / 5)
        .saturating_add(1);
    let m = if mp < 10 {
        mp.saturating_add(3)
    } else {
        mp.saturating_sub(9)
    };
    let y = yoe
        .saturating_add(era.saturating_mul(400))
        .saturating_add(u64::from(m <= 2));
    (y, m, d)
}

/// The event categories of CR 2.8 (and two more from IEC 62443-3-3 SR 2.8).
///
/// ```
/// use otcheck_core::audit_log::Category;
/// assert_eq!(Category::ConfigurationChange.name(), "configuration-change");
/// assert_eq!(Category::ALL.len(), 8);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Category {
    /// Access control: logins, logouts, authorisation decisions (CR 2.8).
    AccessControl,
    /// Request errors: malformed or rejected requests (CR 2.8).
    RequestError,
    /// Control system events: mode changes, downloads, forced values (CR 2.8).
    ControlSystem,
    /// Backup and restore events (CR 2.8).
    BackupRestore,
    /// Configuration changes (CR 2.8).
    ConfigurationChange,
    /// Audit log events: capacity warnings, records lost, log cleared (CR 2.8).
    AuditLog,
    /// Operating system events (IEC 62443-3-3 SR 2.8).
    OperatingSystem,
    /// Potential reconnaissance activity (IEC 62443-3-3 SR 2.8).
    Reconnaissance,
}

impl Category {
    /// All categories, in code order.
    pub const ALL: [Self; 8] = [
        Self::AccessControl,
        Self::RequestError,
        Self::ControlSystem,
        Self::BackupRestore,
        Self::ConfigurationChange,
        Self::AuditLog,
        Self::OperatingSystem,
        Self::Reconnaissance,
    ];

    /// Number of categories.
    pub const COUNT: usize = 8;

    /// Zero-based index, for arrays over the categories.
    ///
    /// ```
    /// use otcheck_core::audit_log::Category;
    /// assert_eq!(Category::AccessControl.index(), 0);
    /// ```
    #[must_use]
    pub const fn index(self) -> usize {
        match self {
            Self::AccessControl => 0,
            Self::RequestError => 1,
            Self::ControlSystem => 2,
            Self::BackupRestore => 3,
            Self::ConfigurationChange => 4,
            Self::AuditLog => 5,
            Self::OperatingSystem => 6,
            Self::Reconnaissance => 7,
        }
    }

    /// The code stored in a record (1..=8).
    const fn code(self) -> u8 {
        match self {
            Self::AccessControl => 1,
            Self::RequestError => 2,
            Self::ControlSystem => 3,
            Self::BackupRestore => 4,
            Self::ConfigurationChange => 5,
            Self::AuditLog => 6,
            Self::OperatingSystem => 7,
            Self::Reconnaissance => 8,
        }
    }

    const fn from_code(code: u8) -> Option<Self> {
        match code {
            1 => Some(Self::AccessControl),
            2 => Some(Self::RequestError),
            3 => Some(Self::ControlSystem),
            4 => Some(Self::BackupRestore),
            5 => Some(Self::ConfigurationChange),
            6 => Some(Self::AuditLog),
            7 => Some(Self::OperatingSystem),
            8 => Some(Self::Reconnaissance),
            _ => None,
        }
    }

    /// The kebab-case name, as in settings files and reports.
    ///
    /// ```
    /// assert_eq!(otcheck_core::audit_log::Category::BackupRestore.name(), "backup-restore");
    /// ```
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::AccessControl => "access-control",
            Self::RequestError => "request-error",
            Self::ControlSystem => "control-system",
            Self::BackupRestore => "backup-restore",
            Self::ConfigurationChange => "configuration-change",
            Self::AuditLog => "audit-log",
            Self::OperatingSystem => "operating-system",
            Self::Reconnaissance => "reconnaissance",
        }
    }

    const fn bit(self) -> u16 {
        1 << self.index()
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A set of [`Category`] values.
///
/// With `serde` it (de)serialises as a list of category names.
///
/// ```
/// use otcheck_core::audit_log::{Category, CategorySet};
/// let set = CategorySet::EMPTY.with(Category::AccessControl).with(Category::AuditLog);
/// assert!(set.contains(Category::AuditLog));
/// assert_eq!(set.len(), 2);
/// let missing = CategorySet::REQUIRED.difference(set);
/// assert_eq!(missing.len(), 4);
/// assert!(!missing.contains(Category::AccessControl));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct CategorySet(u16);

impl CategorySet {
    /// No category.
    pub const EMPTY: Self = Self(0);
    /// Every category.
    pub const ALL: Self = Self(0xff);
    /// The categories IEC 62443-4-2 CR 2.8 requires: access control, request errors, control
    /// system events, backup and restore, configuration changes and audit log events.
    pub const REQUIRED: Self = Self::EMPTY
        .with(Category::AccessControl)
        .with(Category::RequestError)
        .with(Category::ControlSystem)
        .with(Category::BackupRestore)
        .with(Category::ConfigurationChange)
        .with(Category::AuditLog);

    /// This set plus `category`.
    ///
    /// ```
    /// use otcheck_core::audit_log::{Category, CategorySet};
    /// assert!(CategorySet::EMPTY.with(Category::ControlSystem).contains(Category::ControlSystem));
    /// ```
    #[must_use]
    pub const fn with(self, category: Category) -> Self {
        Self(self.0 | category.bit())
    }

    /// Adds `category`.
    ///
    /// ```
    /// use otcheck_core::audit_log::{Category, CategorySet};
    /// let mut set = CategorySet::EMPTY;
    /// set.insert(Category::RequestError);
    /// assert_eq!(set.len(), 1);
    /// ```
    pub fn insert(&mut self, category: Category) {
        self.0 |= category.bit();
    }

    /// Whether `category` is in the set.
    ///
    /// ```
    /// use otcheck_core::audit_log::{Category, CategorySet};
    /// assert!(CategorySet::REQUIRED.contains(Category::BackupRestore));
    /// assert!(!CategorySet::REQUIRED.contains(Category::Reconnaissance));
    /// ```
    #[must_use]
    pub const fn contains(self, category: Category) -> bool {
        self.0 & category.bit() != 0
    }

    /// The categories of `self` that are not in `other`.
    ///
    /// ```
    /// use otcheck_core::audit_log::CategorySet;
    /// assert!(CategorySet::REQUIRED.difference(CategorySet::ALL).is_empty());
    /// ```
    #[must_use]
    pub const fn difference(self, other: Self) -> Self {
        Self(self.0 & !other.0)
    }

    /// Whether the set is empty.
    ///
    /// ```
    /// assert!(otcheck_core::audit_log::CategorySet::EMPTY.is_empty());
    /// ```
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Number of categories in the set.
    ///
    /// ```
    /// assert_eq!(otcheck_core::audit_log::CategorySet::REQUIRED.len(), 6);
    /// ```
    #[must_use]
    pub fn len(self) -> usize {
        // At most 8 bits are ever set.
        usize::try_from(self.0.count_ones()).unwrap_or(0)
    }

    /// The categories in the set, in code order.
    ///
    /// ```
    /// use otcheck_core::audit_log::{Category, CategorySet};
    /// let set = CategorySet::EMPTY.with(Category::AuditLog).with(Category::AccessControl);
    /// let mut it = set.iter();
    /// assert_eq!(it.next(), Some(Category::AccessControl));
    /// assert_eq!(it.next(), Some(Category::AuditLog));
    /// assert_eq!(it.next(), None);
    /// ```
    pub fn iter(self) -> impl Iterator<Item = Category> {
        Category::ALL.into_iter().filter(move |c| self.contains(*c))
    }
}

impl FromIterator<Category> for CategorySet {
    fn from_iter<I: IntoIterator<Item = Category>>(iter: I) -> Self {
        let mut set = Self::EMPTY;
        for c in iter {
            set.insert(c);
        }
        set
    }
}

impl fmt::Debug for CategorySet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl fmt::Display for CategorySet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, c) in self.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(c.name())?;
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for CategorySet {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for CategorySet {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = CategorySet;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of audit event category names")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<CategorySet, A::Error> {
                let mut set = CategorySet::EMPTY;
                while let Some(c) = seq.next_element::<Category>()? {
                    set.insert(c);
                }
                Ok(set)
            }
        }
        deserializer.deserialize_seq(Visitor)
    }
}

/// The result of the audited event.
///
/// ```
/// assert_eq!(otcheck_core::audit_log::EventOutcome::Failure.to_string(), "failure");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum EventOutcome {
    /// The action succeeded.
    Success,
    /// The action failed or was denied.
    Failure,
    /// A condition that needs attention (e.g. a capacity threshold).
    Warning,
    /// Informational, no success or failure.
    Info,
}

impl EventOutcome {
    const fn code(self) -> u8 {
        match self {
            Self::Success => 0,
            Self::Failure => 1,
            Self::Warning => 2,
            Self::Info => 3,
        }
    }

    const fn from_code(code: u8) -> Option<Self> {
        match code {
            0 => Some(Self::Success),
            1 => Some(Self::Failure),
            2 => Some(Self::Warning),
            3 => Some(Self::Info),
            _ => None,
        }
    }
}

impl fmt::Display for EventOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Success => "success",
            Self::Failure => "failure",
            Self::Warning => "warning",
            Self::Info => "info",
        })
    }
}

/// Who or what caused an event: a user account, a process, a peer address. 16 bytes, zero
/// padded; displays as text when it is printable ASCII, as hex otherwise.
///
/// ```
/// use otcheck_core::audit_log::ActorId;
/// let operator = ActorId::from_name("operator")?;
/// assert_eq!(operator.to_string(), "operator");
/// assert_eq!(ActorId::new([0xfe; 16]).to_string(), "0xfefefefefefefefefefefefefefefefe");
/// assert!(ActorId::from_name("a-very-long-account-name").is_err());
/// # Ok::<(), otcheck_core::audit_log::EventError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ActorId([u8; ACTOR_LEN]);

impl ActorId {
    /// The actor of the records the log writes about itself.
    pub const LOG: Self = Self(*b"audit-log\0\0\0\0\0\0\0");

    /// Wraps 16 raw bytes (e.g. a UUID or an IPv6 address).
    ///
    /// ```
    /// use otcheck_core::audit_log::ActorId;
    /// assert_eq!(ActorId::new([1; 16]).as_bytes(), &[1; 16]);
    /// ```
    #[must_use]
    pub const fn new(bytes: [u8; ACTOR_LEN]) -> Self {
        Self(bytes)
    }

    /// A name of at most 16 bytes, zero padded.
    ///
    /// # Errors
    ///
    /// [`EventError::ActorTooLong`] for a longer name.
    ///
    /// ```
    /// use otcheck_core::audit_log::ActorId;
    /// assert_eq!(ActorId::from_name("plc-runtime")?.as_bytes()[..11], *b"plc-runtime");
    /// # Ok::<(), otcheck_core::audit_log::EventError>(())
    /// ```
    pub fn from_name(name: &str) -> Result<Self, EventError> {
        let bytes = name.as_bytes();
        if bytes.len() > ACTOR_LEN {
            return Err(EventError::ActorTooLong {
                found: bytes.len(),
                max: ACTOR_LEN,
            });
        }
        let mut id = [0u8; ACTOR_LEN];
        put(&mut id, 0, bytes);
        Ok(Self(id))
    }

    /// The 16 bytes.
    ///
    /// ```
    /// assert_eq!(otcheck_core::audit_log::ActorId::default().as_bytes(), &[0; 16]);
    /// ```
    #[must_use]
    pub const fn as_bytes(&self) -> &[u8; ACTOR_LEN] {
        &self.0
    }
}

impl fmt::Display for ActorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let end = self
            .0
            .iter()
            .rposition(|b| *b != 0)
            .map_or(0, |p| p.saturating_add(1));
        let text = self.0.get(..end).unwrap_or(&[]);
        let printable = text.iter().all(|b| b.is_ascii_graphic() || *b == b' ');
        match core::str::from_utf8(text) {
            Ok(s) if printable => f.write_str(s),
            _ => {
                f.write_str("0x")?;
                for b in &self.0 {
                    write!(f, "{b:02x}")?;
                }
                Ok(())
            }
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for ActorId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Why an [`Event`] or [`ActorId`] cannot be built.
///
/// ```
/// use otcheck_core::audit_log::{ActorId, Category, Event, EventError, EventOutcome};
/// let err = Event::new(Category::AuditLog, EventOutcome::Info, 0xFF10, ActorId::LOG).unwrap_err();
/// assert_eq!(err, EventError::ReservedCode { code: 0xFF10 });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum EventError {
    /// The payload is longer than a record holds.
    #[error("audit event payload is {found} bytes, at most {max} fit in a record")]
    PayloadTooLong {
        /// Payload length given.
        found: usize,
        /// [`PAYLOAD_CAPACITY`].
        max: usize,
    },
    /// The actor name is longer than an actor id holds.
    #[error("audit event actor is {found} bytes, at most {max} fit in a record")]
    ActorTooLong {
        /// Name length given.
        found: usize,
        /// [`ACTOR_LEN`].
        max: usize,
    },
    /// Event codes from [`RESERVED_CODES_START`] up belong to the log itself.
    #[error("audit event code {code:#06x} is reserved for the log's own records")]
    ReservedCode {
        /// The code given.
        code: u16,
    },
}

/// An event to append: everything in a record except what the log assigns (sequence number,
/// timestamp, chain value). Invalid events cannot be built, so appending cannot fail on the
/// event's content.
///
/// ```
/// use otcheck_core::audit_log::{ActorId, Category, Event, EventOutcome};
/// let login_failed = Event::new(Category::AccessControl, EventOutcome::Failure, 0x0101, ActorId::from_name("admin")?)?
///     .with_payload(b"ssh from 10.0.0.7")?;
/// assert_eq!(login_failed.payload(), b"ssh from 10.0.0.7");
/// assert!(Event::new(Category::AccessControl, EventOutcome::Failure, 1, ActorId::LOG)?.with_payload(&[0; 33]).is_err());
/// # Ok::<(), otcheck_core::audit_log::EventError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event<'a> {
    category: Category,
    outcome: EventOutcome,
    code: u16,
    actor: ActorId,
    payload: &'a [u8],
}

impl<'a> Event<'a> {
    /// An event without payload. `code` is the vendor's event type identifier.
    ///
    /// # Errors
    ///
    /// [`EventError::ReservedCode`] for codes from [`RESERVED_CODES_START`] up.
    ///
    /// ```
    /// use otcheck_core::audit_log::{ActorId, Category, Event, EventOutcome};
    /// let e = Event::new(Category::ConfigurationChange, EventOutcome::Success, 7, ActorId::default())?;
    /// assert_eq!(e.code(), 7);
    /// # Ok::<(), otcheck_core::audit_log::EventError>(())
    /// ```
    pub const fn new(
        category: Category,
        outcome: EventOutcome,
        code: u16,
        actor: ActorId,
    ) -> Result<Self, EventError> {
        if code >= RESERVED_CODES_START {
            return Err(EventError::ReservedCode { code });
        }
        Ok(Self {
            category,
            outcome,
            code,
            actor,
            payload: &[],
        })
    }

    /// The same event with a payload of at most [`PAYLOAD_CAPACITY`] bytes.
    ///
    /// # Errors
    ///
    /// [`EventError::PayloadTooLong`] for a longer payload.
    ///
    /// ```
    /// use otcheck_core::audit_log::{ActorId, Category, Event, EventOutcome};
    /// let e = Event::new(Category::BackupRestore, EventOutcome::Success, 2, ActorId::default())?.with_payload(b"full")?;
    /// assert_eq!(e.payload(), b"full");
    /// # Ok::<(), otcheck_core::audit_log::EventError>(())
    /// ```
    pub const fn with_payload(self, payload: &'a [u8]) -> Result<Self, EventError> {
        if payload.len() > PAYLOAD_CAPACITY {
            return Err(EventError::PayloadTooLong {
                found: payload.len(),
                max: PAYLOAD_CAPACITY,
            });
        }
        Ok(Self { payload, ..self })
    }

    /// The category.
    ///
    /// ```
    /// use otcheck_core::audit_log::{ActorId, Category, Event, EventOutcome};
    /// let e = Event::new(Category::RequestError, EventOutcome::Failure, 1, ActorId::default())?;
    /// assert_eq!(e.category(), Category::RequestError);
    /// # Ok::<(), otcheck_core::audit_log::EventError>(())
    /// ```
    #[must_use]
    pub const fn category(&self) -> Category {
        self.category
    }

    /// The outcome.
    ///
    /// ```
    /// use otcheck_core::audit_log::{ActorId, Category, Event, EventOutcome};
    /// let e = Event::new(Category::RequestError, EventOutcome::Failure, 1, ActorId::default())?;
    /// assert_eq!(e.outcome(), EventOutcome::Failure);
    /// # Ok::<(), otcheck_core::audit_log::EventError>(())
    /// ```
    #[must_use]
    pub const fn outcome(&self) -> EventOutcome {
        self.outcome
    }

    /// The event code.
    ///
    /// ```
    /// use otcheck_core::audit_log::{ActorId, Category, Event, EventOutcome};
    /// let e = Event::new(Category::RequestError, EventOutcome::Failure, 9, ActorId::default())?;
    /// assert_eq!(e.code(), 9);
    /// # Ok::<(), otcheck_core::audit_log::EventError>(())
    /// ```
    #[must_use]
    pub const fn code(&self) -> u16 {
        self.code
    }

    /// The actor.
    ///
    /// ```
    /// use otcheck_core::audit_log::{ActorId, Category, Event, EventOutcome};
    /// let e = Event::new(Category::RequestError, EventOutcome::Failure, 9, ActorId::LOG)?;
    /// assert_eq!(e.actor(), ActorId::LOG);
    /// # Ok::<(), otcheck_core::audit_log::EventError>(())
    /// ```
    #[must_use]
    pub const fn actor(&self) -> ActorId {
        self.actor
    }

    /// The payload.
    ///
    /// ```
    /// use otcheck_core::audit_log::{ActorId, Category, Event, EventOutcome};
    /// let e = Event::new(Category::RequestError, EventOutcome::Failure, 9, ActorId::LOG)?;
    /// assert!(e.payload().is_empty());
    /// # Ok::<(), otcheck_core::audit_log::EventError>(())
    /// ```
    #[must_use]
    pub const fn payload(&self) -> &'a [u8] {
        self.payload
    }
}

/// Why bytes are not a valid record.
///
/// Offsets are relative to the start of the record.
///
/// ```
/// use otcheck_core::audit_log::{RecordError, RecordView};
/// assert_eq!(RecordView::new_checked(&[0; 10]).err(), Some(RecordError::Length { found: 10, expected: 104 }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum RecordError {
    /// The buffer is not exactly one record long.
    #[error("audit record is {found} bytes, expected {expected}")]
    Length {
        /// Bytes given.
        found: usize,
        /// [`RECORD_LEN`].
        expected: usize,
    },
    /// A one-byte code field holds an unknown value.
    #[error("audit record field `{field}` at offset {offset} has unknown value {found}")]
    UnknownCode {
        /// `"time quality"`, `"category"` or `"outcome"`.
        field: &'static str,
        /// Offset of the field.
        offset: usize,
        /// The value found.
        found: u8,
    },
    /// The payload length is larger than the payload field.
    #[error("audit record payload length {found} at offset 19 exceeds {max}")]
    PayloadLength {
        /// The length found.
        found: u8,
        /// [`PAYLOAD_CAPACITY`].
        max: usize,
    },
    /// A reserved or padding byte is not zero (the encoding is canonical).
    #[error("audit record byte at offset {offset} must be zero")]
    NonZeroPadding {
        /// Offset of the first non-zero byte.
        offset: usize,
    },
}

/// A checked view of an encoded record: after [`new_checked`](Self::new_checked) no accessor can
/// panic. Accessors return the raw fields; [`Record::parse`] validates them.
///
/// ```text
/// offset len field
///      0   8 sequence number
///      8   8 timestamp, milliseconds since 1970-01-01T00:00:00Z
///     16   1 time quality: 0 unsynchronised, 1 synchronised
///     17   1 category (1..=8, see `Category`)
///     18   1 outcome (0 success, 1 failure, 2 warning, 3 info)
///     19   1 payload length (0..=32)
///     20   2 event code
///     22   2 reserved, zero
///     24  16 actor / source id
///     40  32 payload, zero after its length
///     72  32 chain value              (bytes 0..72 are the "body" the chain covers)
/// ```
///
/// ```
/// use otcheck_core::audit_log::{RecordView, RECORD_LEN};
/// let mut bytes = [0u8; RECORD_LEN];
/// bytes[0] = 42;
/// let view = RecordView::new_checked(&bytes)?;
/// assert_eq!(view.seq(), 42);
/// assert!(otcheck_core::audit_log::Record::parse(view).is_err(), "category 0 is unknown");
/// # Ok::<(), otcheck_core::audit_log::RecordError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordView<'a>(&'a [u8; RECORD_LEN]);

impl<'a> RecordView<'a> {
    /// Checks that `bytes` is exactly one record long.
    ///
    /// # Errors
    ///
    /// [`RecordError::Length`] otherwise.
    ///
    /// ```
    /// use otcheck_core::audit_log::{RecordView, RECORD_LEN};
    /// assert!(RecordView::new_checked(&[0; RECORD_LEN]).is_ok());
    /// assert!(RecordView::new_checked(&[0; RECORD_LEN + 1]).is_err());
    /// ```
    pub fn new_checked(bytes: &'a [u8]) -> Result<Self, RecordError> {
        <&[u8; RECORD_LEN]>::try_from(bytes)
            .map(Self)
            .map_err(|_| RecordError::Length {
                found: bytes.len(),
                expected: RECORD_LEN,
            })
    }

    /// A view of a record-sized array (cannot fail).
    ///
    /// ```
    /// use otcheck_core::audit_log::{RecordView, RECORD_LEN};
    /// assert_eq!(RecordView::new(&[0; RECORD_LEN]).seq(), 0);
    /// ```
    #[must_use]
    pub const fn new(bytes: &'a [u8; RECORD_LEN]) -> Self {
        Self(bytes)
    }

    /// The raw sequence number.
    ///
    /// ```
    /// use otcheck_core::audit_log::{RecordView, RECORD_LEN};
    /// assert_eq!(RecordView::new(&[1; RECORD_LEN]).seq(), 0x0101_0101_0101_0101);
    /// ```
    #[must_use]
    pub fn seq(&self) -> u64 {
        get_u64(self.0, OFF_SEQ)
    }

    /// The bytes the chain value covers.
    ///
    /// ```
    /// use otcheck_core::audit_log::{RecordView, BODY_LEN, RECORD_LEN};
    /// assert_eq!(RecordView::new(&[3; RECORD_LEN]).body(), [3; BODY_LEN]);
    /// ```
    #[must_use]
    pub fn body(&self) -> [u8; BODY_LEN] {
        get_array(self.0, 0)
    }

    /// The stored chain value.
    ///
    /// ```
    /// use otcheck_core::audit_log::{RecordView, RECORD_LEN};
    /// assert_eq!(RecordView::new(&[5; RECORD_LEN]).chain().as_bytes(), &[5; 32]);
    /// ```
    #[must_use]
    pub fn chain(&self) -> ChainValue {
        ChainValue::from_bytes(get_array(self.0, OFF_CHAIN))
    }

    /// The underlying bytes.
    ///
    /// ```
    /// use otcheck_core::audit_log::{RecordView, RECORD_LEN};
    /// assert_eq!(RecordView::new(&[5; RECORD_LEN]).as_bytes().len(), RECORD_LEN);
    /// ```
    #[must_use]
    pub const fn as_bytes(&self) -> &'a [u8; RECORD_LEN] {
        self.0
    }

    /// Whether the slot holds no record: all zero (fresh RAM) or all `0xFF` (erased flash).
    pub(crate) fn is_blank(&self) -> bool {
        self.0.iter().all(|b| *b == 0) || self.0.iter().all(|b| *b == 0xff)
    }
}

/// A decoded audit record.
///
/// ```
/// use otcheck_core::audit_log::{ActorId, AuditLog, Category, Event, EventOutcome, LogConfig, Timestamp};
/// let mut log = AuditLog::<8>::new(LogConfig::default(), None);
/// let e = Event::new(Category::AccessControl, EventOutcome::Success, 1, ActorId::from_name("op")?)?;
/// log.append(&e, Timestamp::synchronised(1_000))?;
/// let record = log.record(0)?.expect("just appended");
/// assert_eq!(record.category, Category::AccessControl);
/// assert_eq!(record.actor.to_string(), "op");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Record {
    /// Sequence number: 0 for the first record a log writes, then +1 per record.
    pub seq: u64,
    /// When the event happened, as the caller supplied it.
    pub time: Timestamp,
    /// Event category (CR 2.8).
    pub category: Category,
    /// Event result.
    pub outcome: EventOutcome,
    /// Event type identifier.
    pub code: u16,
    /// Source of the event.
    pub actor: ActorId,
    payload: [u8; PAYLOAD_CAPACITY],
    payload_len: u8,
    /// This record's chain value.
    pub chain: ChainValue,
}

impl Record {
    /// Builds a record (without chain value) from an event.
    pub(crate) fn from_event(seq: u64, time: Timestamp, event: &Event<'_>) -> Self {
        let mut payload = [0u8; PAYLOAD_CAPACITY];
        put(&mut payload, 0, event.payload);
        Self {
            seq,
            time,
            category: event.category,
            outcome: event.outcome,
            code: event.code,
            actor: event.actor,
            payload,
            // `Event` guarantees at most 32 bytes.
            payload_len: u8::try_from(event.payload.len()).unwrap_or(0),
            chain: ChainValue::GENESIS,
        }
    }

    /// A record the log writes about itself.
    pub(crate) fn internal(
        seq: u64,
        time: Timestamp,
        event: LogEvent,
        actor: ActorId,
        counters: LogCounters,
    ) -> Self {
        Self {
            seq,
            time,
            category: Category::AuditLog,
            outcome: event.outcome(),
            code: event.code(),
            actor,
            payload: event.payload(counters),
            payload_len: 32,
            chain: ChainValue::GENESIS,
        }
    }

    /// Decodes and validates a record.
    ///
    /// # Errors
    ///
    /// [`RecordError`] naming the first invalid field.
    ///
    /// ```
    /// use otcheck_core::audit_log::{Record, RecordError, RecordView, RECORD_LEN};
    /// let mut bytes = [0u8; RECORD_LEN];
    /// bytes[17] = 1; // access control
    /// let record = Record::parse(RecordView::new(&bytes))?;
    /// assert!(record.payload().is_empty());
    /// bytes[60] = 1; // a byte after the (empty) payload
    /// assert_eq!(Record::parse(RecordView::new(&bytes)), Err(RecordError::NonZeroPadding { offset: 60 }));
    /// # Ok::<(), RecordError>(())
    /// ```
    pub fn parse(view: RecordView<'_>) -> Result<Self, RecordError> {
        let b = view.0;
        let code_field = |field, offset| RecordError::UnknownCode {
            field,
            offset,
            found: get_u8(b, offset),
        };
        let quality = TimeQuality::from_code(get_u8(b, OFF_QUALITY))
            .ok_or_else(|| code_field("time quality", OFF_QUALITY))?;
        let category = Category::from_code(get_u8(b, OFF_CATEGORY))
            .ok_or_else(|| code_field("category", OFF_CATEGORY))?;
        let outcome = EventOutcome::from_code(get_u8(b, OFF_OUTCOME))
            .ok_or_else(|| code_field("outcome", OFF_OUTCOME))?;
        let payload_len = get_u8(b, OFF_PAYLOAD_LEN);
        let used = usize::from(payload_len);
        if used > PAYLOAD_CAPACITY {
            return Err(RecordError::PayloadLength {
                found: payload_len,
                max: PAYLOAD_CAPACITY,
            });
        }
        if get_u16(b, OFF_RESERVED) != 0 {
            let offset = if get_u8(b, OFF_RESERVED) != 0 {
                OFF_RESERVED
            } else {
                OFF_RESERVED.saturating_add(1)
            };
            return Err(RecordError::NonZeroPadding { offset });
        }
        let payload: [u8; PAYLOAD_CAPACITY] = get_array(b, OFF_PAYLOAD);
        if let Some(pos) = payload.iter().skip(used).position(|x| *x != 0) {
            return Err(RecordError::NonZeroPadding {
                offset: OFF_PAYLOAD.saturating_add(used).saturating_add(pos),
            });
        }
        Ok(Self {
            seq: get_u64(b, OFF_SEQ),
            time: Timestamp {
                unix_millis: get_u64(b, OFF_TIME),
                quality,
            },
            category,
            outcome,
            code: get_u16(b, OFF_CODE),
            actor: ActorId(get_array(b, OFF_ACTOR)),
            payload,
            payload_len,
            chain: view.chain(),
        })
    }

    /// Encodes the record, chain value included.
    ///
    /// ```
    /// use otcheck_core::audit_log::{Record, RecordView, RECORD_LEN};
    /// let mut bytes = [0u8; RECORD_LEN];
    /// bytes[17] = 3;
    /// bytes[40] = 0xaa;
    /// bytes[19] = 1;
    /// let record = Record::parse(RecordView::new(&bytes))?;
    /// let mut out = [0u8; RECORD_LEN];
    /// record.emit(&mut out);
    /// assert_eq!(out, bytes);
    /// # Ok::<(), otcheck_core::audit_log::RecordError>(())
    /// ```
    pub fn emit(&self, out: &mut [u8; RECORD_LEN]) {
        let body = self.body();
        put(out, 0, &body);
        put(out, OFF_CHAIN, self.chain.as_bytes());
    }

    /// The encoded body (everything the chain value covers).
    ///
    /// ```
    /// use otcheck_core::audit_log::{Record, RecordView, RECORD_LEN};
    /// let mut bytes = [0u8; RECORD_LEN];
    /// bytes[17] = 1;
    /// bytes[0] = 9;
    /// assert_eq!(Record::parse(RecordView::new(&bytes))?.body()[0], 9);
    /// # Ok::<(), otcheck_core::audit_log::RecordError>(())
    /// ```
    #[must_use]
    pub fn body(&self) -> [u8; BODY_LEN] {
        let mut b = [0u8; BODY_LEN];
        put(&mut b, OFF_SEQ, &self.seq.to_le_bytes());
        put(&mut b, OFF_TIME, &self.time.unix_millis.to_le_bytes());
        put(&mut b, OFF_QUALITY, &[self.time.quality.code()]);
        put(&mut b, OFF_CATEGORY, &[self.category.code()]);
        put(&mut b, OFF_OUTCOME, &[self.outcome.code()]);
        put(&mut b, OFF_PAYLOAD_LEN, &[self.payload_len]);
        put(&mut b, OFF_CODE, &self.code.to_le_bytes());
        put(&mut b, OFF_ACTOR, &self.actor.0);
        put(&mut b, OFF_PAYLOAD, self.payload());
        b
    }

    /// The payload.
    ///
    /// ```
    /// use otcheck_core::audit_log::{Record, RecordView, RECORD_LEN};
    /// let mut bytes = [0u8; RECORD_LEN];
    /// bytes[17] = 1;
    /// bytes[19] = 2;
    /// bytes[40..42].copy_from_slice(b"ok");
    /// assert_eq!(Record::parse(RecordView::new(&bytes))?.payload(), b"ok");
    /// # Ok::<(), otcheck_core::audit_log::RecordError>(())
    /// ```
    #[must_use]
    pub fn payload(&self) -> &[u8] {
        self.payload
            .get(..usize::from(self.payload_len))
            .unwrap_or(&[])
    }

    /// What the log said about itself, if this is one of its own records (capacity warning or
    /// loss marker), with the log's loss counters at that moment.
    ///
    /// ```
    /// use otcheck_core::audit_log::{ActorId, AuditLog, Category, Event, EventOutcome, LogConfig, LogEvent, Thresholds, Timestamp};
    /// let config = LogConfig { thresholds: Thresholds::new(&[50])?, ..LogConfig::default() };
    /// let mut log = AuditLog::<5>::new(config, None); // room for 4 records
    /// let e = Event::new(Category::ControlSystem, EventOutcome::Success, 1, ActorId::default())?;
    /// log.append(&e, Timestamp::synchronised(0))?;
    /// log.append(&e, Timestamp::synchronised(0))?; // 2 of 4: 50 % reached
    /// let warning = log.record(2)?.expect("the warning follows the record that crossed 50 %");
    /// let (event, _counters) = warning.log_event().expect("written by the log");
    /// assert_eq!(event, LogEvent::CapacityWarning { threshold_percent: 50, fill_percent: 50 });
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn log_event(&self) -> Option<(LogEvent, LogCounters)> {
        if self.category != Category::AuditLog
            || self.code < RESERVED_CODES_START
            || usize::from(self.payload_len) != PAYLOAD_CAPACITY
        {
            return None;
        }
        let p = &self.payload;
        let count = get_u32(p, 4);
        let event = match self.code {
            CODE_CAPACITY_WARNING => LogEvent::CapacityWarning {
                threshold_percent: get_u8(p, 0),
                fill_percent: get_u8(p, 1),
            },
            CODE_RECORDS_OVERWRITTEN => LogEvent::RecordsOverwritten { count },
            CODE_RECORDS_REFUSED => LogEvent::RecordsRefused { count },
            CODE_LOG_FULL => LogEvent::LogFull { refused: count },
            CODE_RELEASED => LogEvent::Released { count },
            _ => return None,
        };
        let counters = LogCounters {
            overwritten: get_u64(p, 8),
            refused: get_u64(p, 16),
            released: get_u64(p, 24),
        };
        Some((event, counters))
    }
}

impl fmt::Display for Record {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "#{} {} {} {} code={:#06x} actor={}",
            self.seq, self.time, self.category, self.outcome, self.code, self.actor
        )?;
        if let Some((event, _)) = self.log_event() {
            write!(f, " ({event})")
        } else if self.payload().is_empty() {
            Ok(())
        } else if let Ok(text) = core::str::from_utf8(self.payload())
            && text.bytes().all(|b| b.is_ascii_graphic() || b == b' ')
        {
            write!(f, " payload={text:?}")
        } else {
            f.write_str(" payload=0x")?;
            for b in self.payload() {
                write!(f, "{b:02x}")?;
            }
            Ok(())
        }
    }
}

/// What the log records about itself (category [`Category::AuditLog`], codes from
/// [`RESERVED_CODES_START`], actor [`ActorId::LOG`] or, for a release, whoever released). Every such record also carries the log's cumulative
/// [`LogCounters`], so the latest one accounts for every record lost before it.
///
/// ```
/// use otcheck_core::audit_log::LogEvent;
/// let e = LogEvent::RecordsOverwritten { count: 3 };
/// assert_eq!(e.to_string(), "3 oldest records overwritten");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case", tag = "event"))]
#[non_exhaustive]
pub enum LogEvent {
    /// The log's fill level reached a configured threshold (CR 2.9 RE 1).
    CapacityWarning {
        /// The threshold, percent of capacity.
        threshold_percent: u8,
        /// The fill level when the warning was written.
        fill_percent: u8,
    },
    /// The oldest records were overwritten to make room (overwrite policy, CR 2.10). The count
    /// includes the slot this marker took.
    RecordsOverwritten {
        /// Records overwritten since the previous marker.
        count: u32,
    },
    /// Events were refused (log full under the refuse policy, or a storage failure) since the
    /// previous marker.
    RecordsRefused {
        /// Events refused.
        count: u32,
    },
    /// The log became full under the refuse policy and started refusing events.
    LogFull {
        /// Events refused so far in this episode (including the one that triggered it).
        refused: u32,
    },
    /// Records were released (taken off the device) to free space.
    Released {
        /// Records released.
        count: u32,
    },
}

impl LogEvent {
    /// Encodes the event and counters as a record payload.
    pub(crate) fn payload(self, counters: LogCounters) -> [u8; PAYLOAD_CAPACITY] {
        let mut p = [0u8; PAYLOAD_CAPACITY];
        match self {
            Self::CapacityWarning {
                threshold_percent,
                fill_percent,
            } => put(&mut p, 0, &[threshold_percent, fill_percent]),
            Self::RecordsOverwritten { count }
            | Self::RecordsRefused { count }
            | Self::LogFull { refused: count }
            | Self::Released { count } => put(&mut p, 4, &count.to_le_bytes()),
        }
        put(&mut p, 8, &counters.overwritten.to_le_bytes());
        put(&mut p, 16, &counters.refused.to_le_bytes());
        put(&mut p, 24, &counters.released.to_le_bytes());
        p
    }

    /// The event code the log writes this event with.
    pub(crate) const fn code(self) -> u16 {
        match self {
            Self::CapacityWarning { .. } => CODE_CAPACITY_WARNING,
            Self::RecordsOverwritten { .. } => CODE_RECORDS_OVERWRITTEN,
            Self::RecordsRefused { .. } => CODE_RECORDS_REFUSED,
            Self::LogFull { .. } => CODE_LOG_FULL,
            Self::Released { .. } => CODE_RELEASED,
        }
    }

    /// The outcome the log writes this event with.
    pub(crate) const fn outcome(self) -> EventOutcome {
        match self {
            Self::CapacityWarning { .. } => EventOutcome::Warning,
            Self::RecordsOverwritten { .. }
            | Self::RecordsRefused { .. }
            | Self::LogFull { .. } => EventOutcome::Failure,
            Self::Released { .. } => EventOutcome::Success,
        }
    }
}

impl fmt::Display for LogEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::CapacityWarning {
                threshold_percent,
                fill_percent,
            } => write!(
                f,
                "capacity warning: {fill_percent} % full (threshold {threshold_percent} %)"
            ),
            Self::RecordsOverwritten { count } => write!(f, "{count} oldest records overwritten"),
            Self::RecordsRefused { count } => write!(f, "{count} events refused"),
            Self::LogFull { refused } => write!(f, "log full, refusing events ({refused} so far)"),
            Self::Released { count } => write!(f, "{count} records released"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::ToString;

    /// A valid record with every field non-trivial.
    fn sample() -> Record {
        let event = Event::new(
            Category::ConfigurationChange,
            EventOutcome::Failure,
            0x1234,
            ActorId::from_name("engineer-7").unwrap(),
        )
        .unwrap()
        .with_payload(b"setpoint 42 -> 45")
        .unwrap();
        let mut r = Record::from_event(
            0x0102_0304_0506_0708,
            Timestamp::synchronised(1_700_000_000_000),
            &event,
        );
        r.chain = ChainValue::from_bytes([0xc5; 32]);
        r
    }

    fn sample_bytes() -> [u8; RECORD_LEN] {
        let mut out = [0u8; RECORD_LEN];
        sample().emit(&mut out);
        out
    }

    #[test]
    fn layout_is_as_documented() {
        let b = sample_bytes();
        assert_eq!(&b[0..8], &0x0102_0304_0506_0708u64.to_le_bytes());
        assert_eq!(&b[8..16], &1_700_000_000_000u64.to_le_bytes());
        assert_eq!(b[16], 1, "synchronised");
        assert_eq!(b[17], 5, "configuration change");
        assert_eq!(b[18], 1, "failure");
        assert_eq!(b[19], 17, "payload length");
        assert_eq!(&b[20..22], &0x1234u16.to_le_bytes());
        assert_eq!(&b[22..24], &[0, 0]);
        assert_eq!(&b[24..34], b"engineer-7");
        assert_eq!(&b[34..40], &[0; 6]);
        assert_eq!(&b[40..57], b"setpoint 42 -> 45");
        assert_eq!(&b[57..72], &[0; 15]);
        assert_eq!(&b[72..104], &[0xc5; 32]);
    }

    #[test]
    fn parse_emit_round_trip() {
        let bytes = sample_bytes();
        let parsed = Record::parse(RecordView::new_checked(&bytes).unwrap()).unwrap();
        assert_eq!(parsed, sample());
        let mut again = [0u8; RECORD_LEN];
        parsed.emit(&mut again);
        assert_eq!(again, bytes);
        assert_eq!(parsed.payload(), b"setpoint 42 -> 45");
    }

    #[test]
    fn every_truncated_prefix_is_a_length_error() {
        let bytes = sample_bytes();
        for len in 0..RECORD_LEN {
            assert_eq!(
                RecordView::new_checked(&bytes[..len]),
                Err(RecordError::Length {
                    found: len,
                    expected: RECORD_LEN
                })
            );
        }
    }

    #[test]
    fn unknown_codes_are_rejected_with_their_offset() {
        for (offset, field) in [(16, "time quality"), (17, "category"), (18, "outcome")] {
            let mut b = sample_bytes();
            b[offset] = 0x77;
            assert_eq!(
                Record::parse(RecordView::new(&b)),
                Err(RecordError::UnknownCode {
                    field,
                    offset,
                    found: 0x77
                })
            );
        }
    }

    #[test]
    fn non_canonical_bytes_are_rejected() {
        let mut b = sample_bytes();
        b[19] = 33;
        assert_eq!(
            Record::parse(RecordView::new(&b)),
            Err(RecordError::PayloadLength { found: 33, max: 32 })
        );
        for offset in [22, 23, 57, 71] {
            let mut b = sample_bytes();
            b[offset] = 1;
            assert_eq!(
                Record::parse(RecordView::new(&b)),
                Err(RecordError::NonZeroPadding { offset }),
                "{offset}"
            );
        }
    }

    #[test]
    fn every_accepted_single_byte_change_round_trips() {
        // Canonical encoding: whatever parse accepts, emit reproduces exactly.
        let base = sample_bytes();
        for offset in 0..RECORD_LEN {
            for value in [0u8, 1, 2, 3, 8, 9, 0x7f, 0xff] {
                let mut b = base;
                b[offset] = value;
                if let Ok(r) = Record::parse(RecordView::new(&b)) {
                    let mut out = [0u8; RECORD_LEN];
                    r.emit(&mut out);
                    assert_eq!(out, b, "offset {offset} value {value}");
                }
            }
        }
    }

    #[test]
    fn codes_round_trip() {
        for c in Category::ALL {
            assert_eq!(Category::from_code(c.code()), Some(c));
        }
        for o in [
            EventOutcome::Success,
            EventOutcome::Failure,
            EventOutcome::Warning,
            EventOutcome::Info,
        ] {
            assert_eq!(EventOutcome::from_code(o.code()), Some(o));
        }
        assert_eq!(Category::from_code(0), None);
        assert_eq!(Category::from_code(9), None);
    }

    #[test]
    fn category_set_operations() {
        let all: CategorySet = Category::ALL.into_iter().collect();
        assert_eq!(all, CategorySet::ALL);
        assert_eq!(CategorySet::REQUIRED.len(), 6);
        assert!(!CategorySet::REQUIRED.contains(Category::OperatingSystem));
        assert_eq!(
            CategorySet::REQUIRED.to_string(),
            "access-control, request-error, control-system, backup-restore, configuration-change, audit-log"
        );
    }

    #[test]
    fn event_validation() {
        assert!(Event::new(Category::AuditLog, EventOutcome::Info, 0xFEFF, ActorId::LOG).is_ok());
        assert_eq!(
            Event::new(Category::AuditLog, EventOutcome::Info, 0xFF00, ActorId::LOG),
            Err(EventError::ReservedCode { code: 0xFF00 })
        );
        let e = Event::new(Category::AuditLog, EventOutcome::Info, 1, ActorId::LOG).unwrap();
        assert!(e.with_payload(&[0; 32]).is_ok());
        assert_eq!(
            e.with_payload(&[0; 33]),
            Err(EventError::PayloadTooLong { found: 33, max: 32 })
        );
        assert_eq!(
            ActorId::from_name("seventeen-chars!!"),
            Err(EventError::ActorTooLong { found: 17, max: 16 })
        );
        assert!(ActorId::from_name("sixteen-chars!!!").is_ok());
    }

    #[test]
    fn records_display_on_one_line() {
        assert_eq!(
            sample().to_string(),
            "#72623859790382856 2023-11-14T22:13:20.000Z configuration-change failure \
             code=0x1234 actor=engineer-7 payload=\"setpoint 42 -> 45\""
        );
        let e = Event::new(
            Category::AccessControl,
            EventOutcome::Success,
            1,
            ActorId::new([0xfe; 16]),
        )
        .unwrap()
        .with_payload(&[0, 1, 0xff])
        .unwrap();
        let r = Record::from_event(1, Timestamp::unsynchronised(0), &e);
        assert_eq!(
            r.to_string(),
            "#1 1970-01-01T00:00:00.000Z* access-control success code=0x0001 \
             actor=0xfefefefefefefefefefefefefefefefe payload=0x0001ff"
        );
    }

    #[test]
    fn timestamps_display_as_utc() {
        for (ms, text) in [
            (0, "1970-01-01T00:00:00.000Z"),
            (951_782_400_000, "2000-02-29T00:00:00.000Z"),
            (1_709_164_799_999, "2024-02-28T23:59:59.999Z"),
            (1_709_251_200_000, "2024-03-01T00:00:00.000Z"),
            (4_102_444_800_000, "2100-01-01T00:00:00.000Z"),
        ] {
            assert_eq!(Timestamp::synchronised(ms).to_string(), text);
        }
        // Absurd values still print something without panicking.
        assert!(!Timestamp::unsynchronised(u64::MAX).to_string().is_empty());
    }

    #[test]
    fn log_events_round_trip_through_payloads() {
        let counters = LogCounters {
            overwritten: 1,
            refused: 2,
            released: 3,
        };
        for event in [
            LogEvent::CapacityWarning {
                threshold_percent: 80,
                fill_percent: 81,
            },
            LogEvent::RecordsOverwritten { count: 9 },
            LogEvent::RecordsRefused { count: 10 },
            LogEvent::LogFull { refused: 11 },
            LogEvent::Released { count: 12 },
        ] {
            let r = Record::internal(5, Timestamp::synchronised(0), event, ActorId::LOG, counters);
            assert_eq!(r.log_event(), Some((event, counters)));
        }
        assert_eq!(sample().log_event(), None);
    }
}
