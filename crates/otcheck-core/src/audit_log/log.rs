//! The fixed-capacity audit log: [`AuditLog<N, S>`](AuditLog), a ring of `N` record slots in a
//! [`RecordStore`], with a chosen policy when full (CR 2.10), capacity warnings (CR 2.9 RE 1) and
//! an account of every record it could not keep.
//!
//! See [`AuditLog`] for capacity, the overflow policies and capacity warnings.
//!
//! Guarantee: appending never allocates and never panics, whatever the event, the time or the
//! state of the store; the log's state changes only once the record is in the store.

use core::fmt;

use super::chain::{Chain, ChainKey, ChainValue, Protection};
use super::export::{ExportHeader, HEADER_LEN, export_len};
use super::record::{
    ActorId, Event, LogEvent, RECORD_LEN, Record, RecordError, RecordView, TimeQuality, Timestamp,
};
use super::store::{RamStore, RecordStore};
use super::verify::{Ctx, LogSummary, Span, Tamper, Walker};

/// What the log does when it is full (CR 2.10).
///
/// ```
/// use otcheck_core::audit_log::OverflowPolicy;
/// assert_eq!(OverflowPolicy::Refuse.to_string(), "refuse new records");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum OverflowPolicy {
    /// Overwrite the oldest records, with a marker counting them.
    Overwrite,
    /// Refuse new records and report the failure.
    Refuse,
}

impl fmt::Display for OverflowPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Overwrite => "overwrite the oldest records",
            Self::Refuse => "refuse new records",
        })
    }
}

/// Why a log configuration is invalid.
///
/// ```
/// use otcheck_core::audit_log::{ConfigError, Thresholds};
/// assert_eq!(Thresholds::new(&[90, 80]), Err(ConfigError::ThresholdsNotAscending { index: 1 }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum ConfigError {
    /// A threshold is 0 or 100 or more (a warning at 100 % comes too late).
    #[error("capacity threshold #{index} is {percent} %, expected 1 to 99")]
    ThresholdOutOfRange {
        /// Position in the list.
        index: usize,
        /// The value given.
        percent: u8,
    },
    /// Thresholds must be strictly ascending.
    #[error("capacity threshold #{index} is not above the one before it")]
    ThresholdsNotAscending {
        /// Position of the first threshold not above its predecessor.
        index: usize,
    },
    /// More thresholds than [`Thresholds::MAX`].
    #[error("{found} capacity thresholds given, at most {max} are supported")]
    TooManyThresholds {
        /// Number given.
        found: usize,
        /// [`Thresholds::MAX`].
        max: usize,
    },
}

/// Capacity warning thresholds, percent of capacity: up to four, ascending, each 1–99.
///
/// With `serde` it (de)serialises as a list of numbers, validated like [`Thresholds::new`].
///
/// ```
/// use otcheck_core::audit_log::Thresholds;
/// let t = Thresholds::new(&[75, 90])?;
/// assert_eq!(t.as_slice(), &[75, 90]);
/// assert_eq!(t.lowest(), Some(75));
/// assert_eq!(Thresholds::NONE.lowest(), None);
/// # Ok::<(), otcheck_core::audit_log::ConfigError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Thresholds {
    percents: [u8; Self::MAX],
    len: u8,
}

impl Thresholds {
    /// Most thresholds a log supports.
    pub const MAX: usize = 4;
    /// No capacity warning.
    pub const NONE: Self = Self {
        percents: [0; Self::MAX],
        len: 0,
    };

    /// Validates and stores `percents`.
    ///
    /// # Errors
    ///
    /// [`ConfigError`] for more than [`Self::MAX`] values, a value outside 1–99, or values not
    /// strictly ascending.
    ///
    /// ```
    /// use otcheck_core::audit_log::Thresholds;
    /// assert!(Thresholds::new(&[50, 75, 90, 95]).is_ok());
    /// assert!(Thresholds::new(&[100]).is_err());
    /// assert!(Thresholds::new(&[10, 20, 30, 40, 50]).is_err());
    /// ```
    pub fn new(percents: &[u8]) -> Result<Self, ConfigError> {
        if percents.len() > Self::MAX {
            return Err(ConfigError::TooManyThresholds {
                found: percents.len(),
                max: Self::MAX,
            });
        }
        let mut out = Self::NONE;
        let mut last = 0u8;
        for ((index, &percent), slot) in percents.iter().enumerate().zip(out.percents.iter_mut()) {
            if percent == 0 || percent >= 100 {
                return Err(ConfigError::ThresholdOutOfRange { index, percent });
            }
            if percent <= last {
                return Err(ConfigError::ThresholdsNotAscending { index });
            }
            *slot = percent;
            last = percent;
            out.len = out.len.saturating_add(1);
        }
        Ok(out)
    }

    /// The thresholds, ascending.
    ///
    /// ```
    /// assert!(otcheck_core::audit_log::Thresholds::NONE.as_slice().is_empty());
    /// ```
    #[must_use]
    pub fn as_slice(&self) -> &[u8] {
        self.percents.get(..usize::from(self.len)).unwrap_or(&[])
    }

    /// The lowest threshold: the first warning personnel get.
    ///
    /// ```
    /// use otcheck_core::audit_log::Thresholds;
    /// assert_eq!(Thresholds::new(&[60, 80])?.lowest(), Some(60));
    /// # Ok::<(), otcheck_core::audit_log::ConfigError>(())
    /// ```
    #[must_use]
    pub fn lowest(&self) -> Option<u8> {
        self.as_slice().first().copied()
    }
}

impl Default for Thresholds {
    /// Warnings at 75 % and 90 %.
    fn default() -> Self {
        Self {
            percents: [75, 90, 0, 0],
            len: 2,
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Thresholds {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.as_slice())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Thresholds {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Thresholds;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("up to 4 ascending percentages between 1 and 99")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Thresholds, A::Error> {
                let mut buf = [0u8; Thresholds::MAX];
                let mut n = 0usize;
                while let Some(p) = seq.next_element::<u8>()? {
                    let slot = buf.get_mut(n).ok_or_else(|| {
                        serde::de::Error::custom(ConfigError::TooManyThresholds {
                            found: n.saturating_add(1),
                            max: Thresholds::MAX,
                        })
                    })?;
                    *slot = p;
                    n = n.saturating_add(1);
                }
                Thresholds::new(buf.get(..n).unwrap_or(&[])).map_err(serde::de::Error::custom)
            }
        }
        deserializer.deserialize_seq(Visitor)
    }
}

/// How a log behaves: its overflow policy and capacity warnings.
///
/// ```
/// use otcheck_core::audit_log::{LogConfig, OverflowPolicy, Thresholds};
/// let config = LogConfig { policy: OverflowPolicy::Refuse, thresholds: Thresholds::new(&[80])? };
/// assert_eq!(LogConfig::default().policy, OverflowPolicy::Overwrite);
/// assert_eq!(LogConfig::default().thresholds.as_slice(), &[75, 90]);
/// # let _ = config;
/// # Ok::<(), otcheck_core::audit_log::ConfigError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LogConfig {
    /// What to do when full (CR 2.10).
    pub policy: OverflowPolicy,
    /// When to warn (CR 2.9 RE 1).
    pub thresholds: Thresholds,
}

impl Default for OverflowPolicy {
    /// [`OverflowPolicy::Overwrite`]: a controller keeps recording the latest events.
    fn default() -> Self {
        Self::Overwrite
    }
}

/// How many records the log could not keep, since it was created.
///
/// ```
/// use otcheck_core::audit_log::LogCounters;
/// let c = LogCounters { overwritten: 3, refused: 1, released: 10 };
/// assert_eq!(c.lost(), 4);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LogCounters {
    /// Records overwritten by newer ones (overwrite policy).
    pub overwritten: u64,
    /// Events refused: log full under the refuse policy, or the store failed.
    pub refused: u64,
    /// Records released with [`AuditLog::release_through`] (taken off the device, not lost).
    pub released: u64,
}

impl LogCounters {
    /// Events lost: overwritten plus refused.
    ///
    /// ```
    /// assert_eq!(otcheck_core::audit_log::LogCounters::default().lost(), 0);
    /// ```
    #[must_use]
    pub const fn lost(&self) -> u64 {
        self.overwritten.saturating_add(self.refused)
    }
}

/// What an append did.
///
/// ```
/// # use otcheck_core::audit_log::*;
/// let mut log = AuditLog::<8>::new(LogConfig::default(), None);
/// let e = Event::new(Category::AccessControl, EventOutcome::Success, 1, ActorId::default())?;
/// let a = log.append(&e, Timestamp::synchronised(0))?;
/// assert_eq!((a.seq, a.threshold_crossed, a.overwritten), (0, None, 0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Appended {
    /// The record's sequence number.
    pub seq: u64,
    /// The highest capacity threshold this append reached, if any: raise the alarm.
    pub threshold_crossed: Option<u8>,
    /// Records overwritten to make room (overwrite policy), markers included.
    pub overwritten: u32,
}

/// Why an event was not appended. The event is counted in [`LogCounters::refused`] either way.
///
/// ```
/// # use otcheck_core::audit_log::*;
/// let config = LogConfig { policy: OverflowPolicy::Refuse, thresholds: Thresholds::NONE };
/// let mut log = AuditLog::<4>::new(config, None); // capacity 3, one slot kept for the marker
/// let e = Event::new(Category::AccessControl, EventOutcome::Success, 1, ActorId::default())?;
/// log.append(&e, Timestamp::synchronised(0))?;
/// log.append(&e, Timestamp::synchronised(0))?;
/// assert_eq!(log.append(&e, Timestamp::synchronised(0)), Err(AppendError::Full { capacity: 3 }));
/// assert_eq!(log.counters().refused, 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AppendError<E> {
    /// The log is full and its policy is to refuse.
    #[error("audit log full ({capacity} records): event refused")]
    Full {
        /// The log's capacity.
        capacity: u64,
    },
    /// The store failed; the event was not recorded.
    #[error("audit-log store failed at slot {slot}: event not recorded")]
    Storage {
        /// The slot being read or written.
        slot: usize,
        /// The driver's error.
        error: E,
    },
    /// All 2^64 sequence numbers are used.
    #[error("audit-log sequence numbers exhausted")]
    SequenceExhausted,
}

/// Why reading, verifying, releasing or restoring the stored log failed.
///
/// ```
/// # use otcheck_core::audit_log::*;
/// let mut log = AuditLog::<8>::new(LogConfig::default(), None);
/// let err = log.release_through(5, Timestamp::synchronised(0), ActorId::default()).unwrap_err();
/// assert_eq!(err, LogError::NotRetained { seq: 5, oldest: 0, next: 0 });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LogError<E> {
    /// The store failed.
    #[error("audit-log store failed at slot {slot}")]
    Storage {
        /// The slot being read or written.
        slot: usize,
        /// The driver's error.
        error: E,
    },
    /// The record asked for is not in the log.
    #[error("audit record {seq} is not in the log (it holds {oldest}..{next})")]
    NotRetained {
        /// The sequence number asked for.
        seq: u64,
        /// Oldest record held.
        oldest: u64,
        /// Next sequence number.
        next: u64,
    },
    /// A slot holds a record that does not belong there (slot is not `seq % N`).
    #[error("audit-log slot {slot} holds record {seq}, which belongs elsewhere")]
    Misplaced {
        /// The slot.
        slot: usize,
        /// The sequence number found in it.
        seq: u64,
    },
    /// A stored record does not decode.
    #[error("audit record {seq} is malformed: {error}")]
    Malformed {
        /// Its sequence number.
        seq: u64,
        /// What is wrong with it.
        error: RecordError,
    },
    /// The stored chain does not verify.
    #[error("audit-log chain broken: {0}")]
    Tampered(Tamper),
    /// The store has fewer slots than the log needs.
    #[error("the audit-log store has {slots} slots, the log needs {needed}")]
    StoreTooSmall {
        /// Slots the store has.
        slots: usize,
        /// `N`.
        needed: usize,
    },
    /// A state the log's own invariants rule out (a bug, reported rather than panicking).
    #[error("audit-log internal error: {0}")]
    Internal(&'static str),
}

/// Why an export could not be written.
///
/// ```
/// # use otcheck_core::audit_log::*;
/// let mut log = AuditLog::<8>::new(LogConfig::default(), None);
/// let mut small = [0u8; 10];
/// assert_eq!(
///     log.export_to_slice(0, 1, &mut small),
///     Err(ExportError::BufferTooSmall { needed: HEADER_LEN, available: 10 }),
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError<E, W = core::convert::Infallible> {
    /// The store failed.
    #[error("audit-log store failed at slot {slot} while exporting")]
    Storage {
        /// The slot being read.
        slot: usize,
        /// The driver's error.
        error: E,
    },
    /// The sink refused the bytes.
    #[error("audit-log export sink failed")]
    Sink(W),
    /// The output buffer cannot hold even the header.
    #[error("audit-log export needs {needed} bytes, the buffer has {available}")]
    BufferTooSmall {
        /// Bytes needed.
        needed: usize,
        /// Bytes available.
        available: usize,
    },
}

/// What an export contains.
///
/// ```
/// # use otcheck_core::audit_log::*;
/// let mut log = AuditLog::<8>::new(LogConfig::default(), None);
/// let mut buf = [0u8; 256];
/// let info = log.export_to_slice(0, 10, &mut buf)?;
/// assert_eq!((info.first_seq, info.count, info.bytes), (0, 0, HEADER_LEN));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ExportInfo {
    /// Sequence number of the first exported record.
    pub first_seq: u64,
    /// Records exported.
    pub count: u32,
    /// Bytes written.
    pub bytes: usize,
}

/// Which of its own records the log is about to write.
#[derive(Debug, Clone, Copy)]
enum Internal {
    Warning(u8),
    Overwritten,
    Refused,
    LogFull,
    Released(u32),
}

/// A tamper-evident, fixed-capacity audit log over `N` slots of a [`RecordStore`] (by default
/// [`RamStore<N>`]). See [`Chain`] for what keyed and unkeyed chains protect against.
///
/// ## Capacity and the anchor slot
///
/// An `AuditLog<N>` keeps at most `N - 1` records ([`capacity`](AuditLog::capacity)). The last
/// slot holds the record *before* the oldest one, whose chain value anchors the chain: so the log
/// can always be verified from its storage alone, after a reset too
/// ([`restore`](AuditLog::restore)). Record `seq` lives in slot `seq % N`.
///
/// ## When the log is full (CR 2.10)
///
/// - [`OverflowPolicy::Overwrite`]: the oldest record is overwritten. The chain stays
///   verifiable (the anchor moves forward), the `overwritten` counter grows, and every
///   `capacity / 4` overwritten records the log writes a [`LogEvent::RecordsOverwritten`] marker
///   with the count, so the log itself says what it lost. It also writes one as soon as the
///   newest of its own records is overwritten, so the log always holds the latest counters.
/// - [`OverflowPolicy::Refuse`]: new events are refused with [`AppendError::Full`]. One slot is
///   kept for a [`LogEvent::LogFull`] marker; refusals after it are counted and written as a
///   [`LogEvent::RecordsRefused`] marker as soon as there is room again (after
///   [`release_through`](AuditLog::release_through)).
///
/// Either way nothing is lost silently: every call to [`append`](AuditLog::append) either
/// stores the event or returns an error *and* counts it as refused; every sequence number below
/// the oldest record is counted as overwritten or released; the counters travel in every
/// marker and in the export header.
///
/// ## Capacity warnings (CR 2.9 RE 1)
///
/// Up to four [`Thresholds`] (percent of capacity). When an append brings the fill level to a
/// threshold, the log writes a [`LogEvent::CapacityWarning`] record and reports the threshold in
/// [`Appended::threshold_crossed`], for the firmware to raise an alarm. A threshold fires once
/// and re-arms when releasing records brings the fill level back below it.
///
/// Memory: the store (`N` × 104 bytes for a `RamStore`) plus about 300 bytes of state.
///
/// ```
/// use otcheck_core::audit_log::*;
///
/// let key = ChainKey::new([0x5a; 32]); // from the device's secure storage
/// let config = LogConfig { policy: OverflowPolicy::Overwrite, thresholds: Thresholds::new(&[80])? };
/// let mut log = AuditLog::<64>::new(config, Some(&key));
///
/// let admin = ActorId::from_name("admin")?;
/// let login = Event::new(Category::AccessControl, EventOutcome::Failure, 0x0001, admin)?;
/// let done = log.append(&login, Timestamp::synchronised(1_700_000_000_000))?;
/// assert_eq!(done.seq, 0);
///
/// let summary = log.verify()?;
/// assert_eq!(summary.records, 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct AuditLog<const N: usize, S: RecordStore = RamStore<N>> {
    store: S,
    chain: Chain,
    config: LogConfig,
    /// Sequence number of the next record.
    next_seq: u64,
    /// Sequence number of the oldest record held; the log holds `oldest_seq..next_seq`.
    oldest_seq: u64,
    /// Chain value before `oldest_seq`.
    anchor: ChainValue,
    /// Chain value of the newest record (`anchor` when empty).
    head: ChainValue,
    counters: LogCounters,
    /// Overwritten records not yet reported by a marker.
    unreported_overwritten: u32,
    /// Refused events not yet reported by a marker.
    unreported_refused: u32,
    /// Bit `i` set: threshold `i` has not fired yet.
    armed: u8,
    /// A log-full marker was written for the current episode.
    full_noted: bool,
    /// Time quality of the newest record.
    last_quality: Option<TimeQuality>,
    /// Sequence number of the newest record the log wrote about itself (they carry the
    /// counters a restore recovers, so one is always kept: see `append_inner`).
    newest_internal: Option<u64>,
}

impl<const N: usize, S: RecordStore> fmt::Debug for AuditLog<N, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuditLog")
            .field("slots", &N)
            .field("protection", &self.chain.protection())
            .field("config", &self.config)
            .field("oldest_seq", &self.oldest_seq)
            .field("next_seq", &self.next_seq)
            .field("counters", &self.counters)
            .finish_non_exhaustive()
    }
}

impl<const N: usize> AuditLog<N> {
    /// An empty log in memory, keyed if `key` is given.
    ///
    /// `N` must be at least 4 (checked at compile time).
    ///
    /// ```
    /// use otcheck_core::audit_log::{AuditLog, LogConfig};
    /// let log = AuditLog::<128>::new(LogConfig::default(), None);
    /// assert_eq!(log.capacity(), 127);
    /// assert!(log.is_empty());
    /// ```
    #[must_use]
    pub fn new(config: LogConfig, key: Option<&ChainKey>) -> Self {
        Self::fresh(RamStore::new(), config, key)
    }
}

impl<const N: usize, S: RecordStore> AuditLog<N, S> {
    const SLOTS_AT_LEAST_4: () = assert!(N >= 4, "an AuditLog needs at least 4 slots");

    fn fresh(store: S, config: LogConfig, key: Option<&ChainKey>) -> Self {
        let () = Self::SLOTS_AT_LEAST_4;
        let all = u8::try_from((1u16 << config.thresholds.as_slice().len()).saturating_sub(1))
            .unwrap_or(u8::MAX);
        Self {
            store,
            chain: Chain::new(key),
            config,
            next_seq: 0,
            oldest_seq: 0,
            anchor: ChainValue::GENESIS,
            head: ChainValue::GENESIS,
            counters: LogCounters::default(),
            unreported_overwritten: 0,
            unreported_refused: 0,
            armed: all,
            full_noted: false,
            last_quality: None,
            newest_internal: None,
        }
    }

    /// Starts a new, empty log in `store`, emptying every slot first (so that a later
    /// [`restore`](Self::restore) cannot pick up records of an earlier log).
    ///
    /// # Errors
    ///
    /// [`LogError::StoreTooSmall`] if the store has fewer than `N` slots,
    /// [`LogError::Storage`] if emptying it fails.
    ///
    /// ```
    /// use otcheck_core::audit_log::{AuditLog, LogConfig, RamStore};
    /// let mut slots = RamStore::<16>::new();
    /// let log = AuditLog::<16, _>::with_store(&mut slots, LogConfig::default(), None)?;
    /// assert_eq!(log.capacity(), 15);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_store(
        mut store: S,
        config: LogConfig,
        key: Option<&ChainKey>,
    ) -> Result<Self, LogError<S::Error>> {
        check_slots::<N, S>(&store)?;
        store
            .clear()
            .map_err(|error| LogError::Storage { slot: 0, error })?;
        Ok(Self::fresh(store, config, key))
    }

    /// Reopens a log from `store` after a reset: finds the newest record, walks back to the
    /// oldest one still in place, verifies the chain over all of them, and rebuilds the state
    /// (oldest record, anchor, loss counters from the newest marker).
    ///
    /// Refusals not yet written as a marker when the device reset are not in the store and are
    /// not recovered; everything else is.
    ///
    /// # Errors
    ///
    /// [`LogError::Tampered`] if the stored chain does not verify, [`LogError::Misplaced`] if a
    /// slot holds a record that belongs in another, [`LogError::StoreTooSmall`] or
    /// [`LogError::Storage`]. The firmware then typically starts a new log with
    /// [`with_store`](Self::with_store) and records the failure in it.
    ///
    /// ```
    /// use otcheck_core::audit_log::*;
    /// let key = ChainKey::new([1; 32]);
    /// let mut flash = RamStore::<8>::new(); // stands in for persistent storage
    /// {
    ///     let mut log = AuditLog::<8, _>::with_store(&mut flash, LogConfig::default(), Some(&key))?;
    ///     let e = Event::new(Category::BackupRestore, EventOutcome::Success, 9, ActorId::default())?;
    ///     for t in 0..20 {
    ///         log.append(&e, Timestamp::synchronised(t))?;
    ///     }
    /// } // reset
    /// let mut log = AuditLog::<8, _>::restore(&mut flash, LogConfig::default(), Some(&key))?;
    /// assert_eq!(log.len(), 7);
    /// assert!(log.counters().overwritten > 0);
    /// log.verify()?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn restore(
        store: S,
        config: LogConfig,
        key: Option<&ChainKey>,
    ) -> Result<Self, LogError<S::Error>> {
        check_slots::<N, S>(&store)?;
        let mut log = Self::fresh(store, config, key);
        log.rebuild()?;
        Ok(log)
    }

    /// Most records the log holds: `N - 1`.
    ///
    /// ```
    /// # use otcheck_core::audit_log::*;
    /// assert_eq!(AuditLog::<10>::new(LogConfig::default(), None).capacity(), 9);
    /// ```
    #[must_use]
    pub fn capacity(&self) -> u64 {
        Self::cap()
    }

    fn cap() -> u64 {
        u64::try_from(N.saturating_sub(1)).unwrap_or(u64::MAX)
    }

    /// Records held now.
    ///
    /// ```
    /// # use otcheck_core::audit_log::*;
    /// assert_eq!(AuditLog::<10>::new(LogConfig::default(), None).len(), 0);
    /// ```
    #[must_use]
    pub fn len(&self) -> u64 {
        self.next_seq.saturating_sub(self.oldest_seq)
    }

    /// Whether the log holds no record.
    ///
    /// ```
    /// # use otcheck_core::audit_log::*;
    /// assert!(AuditLog::<10>::new(LogConfig::default(), None).is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Fill level, percent of capacity, rounded down.
    ///
    /// ```
    /// # use otcheck_core::audit_log::*;
    /// let mut log = AuditLog::<5>::new(LogConfig::default(), None);
    /// log.append(&Event::new(Category::AuditLog, EventOutcome::Info, 1, ActorId::default())?, Timestamp::synchronised(0))?;
    /// assert_eq!(log.fill_percent(), 25);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn fill_percent(&self) -> u8 {
        let pct = self
            .len()
            .saturating_mul(100)
            .checked_div(Self::cap())
            .unwrap_or(100);
        u8::try_from(pct.min(100)).unwrap_or(100)
    }

    /// Sequence number of the oldest record held (equal to [`next_seq`](Self::next_seq) when
    /// empty).
    ///
    /// ```
    /// # use otcheck_core::audit_log::*;
    /// assert_eq!(AuditLog::<10>::new(LogConfig::default(), None).oldest_seq(), 0);
    /// ```
    #[must_use]
    pub fn oldest_seq(&self) -> u64 {
        self.oldest_seq
    }

    /// Sequence number the next record will get.
    ///
    /// ```
    /// # use otcheck_core::audit_log::*;
    /// assert_eq!(AuditLog::<10>::new(LogConfig::default(), None).next_seq(), 0);
    /// ```
    #[must_use]
    pub fn next_seq(&self) -> u64 {
        self.next_seq
    }

    /// Chain value of the newest record: commit to it (e.g. in a signed self-test report) to
    /// make later truncation of the log detectable.
    ///
    /// ```
    /// # use otcheck_core::audit_log::*;
    /// assert_eq!(AuditLog::<10>::new(LogConfig::default(), None).head(), ChainValue::GENESIS);
    /// ```
    #[must_use]
    pub fn head(&self) -> ChainValue {
        self.head
    }

    /// The loss counters.
    ///
    /// ```
    /// # use otcheck_core::audit_log::*;
    /// assert_eq!(AuditLog::<10>::new(LogConfig::default(), None).counters(), LogCounters::default());
    /// ```
    #[must_use]
    pub fn counters(&self) -> LogCounters {
        self.counters
    }

    /// The configuration.
    ///
    /// ```
    /// # use otcheck_core::audit_log::*;
    /// assert_eq!(AuditLog::<10>::new(LogConfig::default(), None).config(), &LogConfig::default());
    /// ```
    #[must_use]
    pub fn config(&self) -> &LogConfig {
        &self.config
    }

    /// Whether the chain is keyed.
    ///
    /// ```
    /// # use otcheck_core::audit_log::*;
    /// assert_eq!(AuditLog::<10>::new(LogConfig::default(), None).protection(), Protection::Unkeyed);
    /// ```
    #[must_use]
    pub fn protection(&self) -> Protection {
        self.chain.protection()
    }

    /// Time quality of the newest record appended since the log was created or restored.
    ///
    /// ```
    /// # use otcheck_core::audit_log::*;
    /// let mut log = AuditLog::<10>::new(LogConfig::default(), None);
    /// assert_eq!(log.last_time_quality(), None);
    /// log.append(&Event::new(Category::AuditLog, EventOutcome::Info, 1, ActorId::default())?, Timestamp::unsynchronised(0))?;
    /// assert_eq!(log.last_time_quality(), Some(TimeQuality::Unsynchronised));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn last_time_quality(&self) -> Option<TimeQuality> {
        self.last_quality
    }

    /// Gives the store back.
    ///
    /// ```
    /// # use otcheck_core::audit_log::*;
    /// let store: RamStore<10> = AuditLog::<10>::new(LogConfig::default(), None).into_store();
    /// assert_eq!(store.as_slots().len(), 10);
    /// ```
    #[must_use]
    pub fn into_store(self) -> S {
        self.store
    }

    /// Appends an event that happened at `now`.
    ///
    /// Writes exactly one slot for the event, plus one per capacity warning or loss marker
    /// it triggers.
    ///
    /// # Errors
    ///
    /// [`AppendError::Full`] under the refuse policy, [`AppendError::Storage`] if the store
    /// fails, [`AppendError::SequenceExhausted`] after 2^64 records. In every case the event
    /// is counted as refused.
    ///
    /// ```
    /// # use otcheck_core::audit_log::*;
    /// let mut log = AuditLog::<16>::new(LogConfig::default(), None);
    /// let e = Event::new(Category::ConfigurationChange, EventOutcome::Success, 0x42, ActorId::from_name("eng")?)?
    ///     .with_payload(b"cycle time 10ms")?;
    /// assert_eq!(log.append(&e, Timestamp::synchronised(1))?.seq, 0);
    /// assert_eq!(log.append(&e, Timestamp::synchronised(2))?.seq, 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn append(
        &mut self,
        event: &Event<'_>,
        now: Timestamp,
    ) -> Result<Appended, AppendError<S::Error>> {
        match self.append_inner(event, now) {
            Ok(done) => Ok(done),
            Err(e) => {
                self.counters.refused = self.counters.refused.saturating_add(1);
                self.unreported_refused = self.unreported_refused.saturating_add(1);
                if matches!(e, AppendError::Full { .. })
                    && !self.full_noted
                    && let Ok(Some(_)) = self.push_internal(Internal::LogFull, now, ActorId::LOG)
                {
                    self.full_noted = true;
                }
                Err(e)
            }
        }
    }

    fn append_inner(
        &mut self,
        event: &Event<'_>,
        now: Timestamp,
    ) -> Result<Appended, AppendError<S::Error>> {
        let overwritten_before = self.counters.overwritten;
        let refuse = self.config.policy == OverflowPolicy::Refuse;
        // Under the refuse policy the record needs its slot plus the one kept for the
        // log-full marker.
        if refuse && !self.has_room(2) {
            return Err(AppendError::Full {
                capacity: Self::cap(),
            });
        }
        if self.unreported_refused > 0 && (!refuse || self.has_room(3)) {
            // Best effort: the refusals are already counted; the marker makes them visible in
            // the log. It never takes the event's slot.
            let _ = self.push_internal(Internal::Refused, now, ActorId::LOG);
        }
        let seq = self
            .push(Record::from_event(0, now, event))
            .map_err(|e| match e {
                PushError::Storage(StoreFail { slot, error }) => {
                    AppendError::Storage { slot, error }
                }
                PushError::Exhausted => AppendError::SequenceExhausted,
                PushError::NoRoom => AppendError::Full {
                    capacity: Self::cap(),
                },
            })?;
        // From here on the event is stored: failures to write warnings or markers leave their
        // state pending (retried on the next append) and do not fail the append.
        let threshold_crossed = self.fire_thresholds(now);
        // A marker every `capacity / 4` overwritten records, and at once when the newest record
        // carrying the counters was overwritten: the log always holds the latest counters.
        let newest_lost = self
            .newest_internal
            .is_some_and(|marker| marker < self.oldest_seq);
        if self.unreported_overwritten >= self.marker_interval()
            || (newest_lost && self.unreported_overwritten > 0)
        {
            let _ = self.push_internal(Internal::Overwritten, now, ActorId::LOG);
        }
        Ok(Appended {
            seq,
            threshold_crossed,
            overwritten: u32::try_from(
                self.counters.overwritten.saturating_sub(overwritten_before),
            )
            .unwrap_or(u32::MAX),
        })
    }

    /// Frees the records up to and including `seq`, after they were taken off the device (and
    /// verified there), and records who did it. The freed records count as released, not lost.
    ///
    /// # Errors
    ///
    /// [`LogError::NotRetained`] if `seq` is not in the log, [`LogError::Storage`] if the store
    /// fails (the log is then unchanged: no release goes unrecorded).
    ///
    /// ```
    /// # use otcheck_core::audit_log::*;
    /// let config = LogConfig { policy: OverflowPolicy::Refuse, thresholds: Thresholds::NONE };
    /// let mut log = AuditLog::<8>::new(config, None);
    /// let e = Event::new(Category::AccessControl, EventOutcome::Success, 1, ActorId::default())?;
    /// for _ in 0..6 {
    ///     log.append(&e, Timestamp::synchronised(0))?;
    /// }
    /// assert!(log.append(&e, Timestamp::synchronised(0)).is_err(), "full");
    /// // ... export and verify records 0..=5 on the host, then:
    /// assert_eq!(log.release_through(5, Timestamp::synchronised(1), ActorId::from_name("maint")?)?, 6);
    /// assert_eq!(log.counters().released, 6);
    /// assert!(log.append(&e, Timestamp::synchronised(2)).is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn release_through(
        &mut self,
        seq: u64,
        now: Timestamp,
        actor: ActorId,
    ) -> Result<u64, LogError<S::Error>> {
        if seq < self.oldest_seq || seq >= self.next_seq {
            return Err(LogError::NotRetained {
                seq,
                oldest: self.oldest_seq,
                next: self.next_seq,
            });
        }
        let count = seq.saturating_sub(self.oldest_seq).saturating_add(1);
        let new_anchor = self.read_chain(seq)?;
        let saved = (self.oldest_seq, self.anchor, self.counters);
        self.oldest_seq = seq.saturating_add(1);
        self.anchor = new_anchor;
        self.counters.released = self.counters.released.saturating_add(count);
        let marker = Internal::Released(u32::try_from(count).unwrap_or(u32::MAX));
        let failure = match self.push_internal(marker, now, actor) {
            Ok(Some(_)) => None,
            Ok(None) | Err(PushError::NoRoom) => Some(LogError::Internal(
                "no room for the release marker after releasing records",
            )),
            Err(PushError::Exhausted) => Some(LogError::Internal("sequence numbers exhausted")),
            Err(PushError::Storage(StoreFail { slot, error })) => {
                Some(LogError::Storage { slot, error })
            }
        };
        if let Some(e) = failure {
            (self.oldest_seq, self.anchor, self.counters) = saved;
            return Err(e);
        }
        self.full_noted = false;
        self.rearm();
        Ok(count)
    }

    /// Reads record `seq` from the store, or `None` if the log does not hold it.
    ///
    /// # Errors
    ///
    /// [`LogError::Storage`] if the store fails, [`LogError::Misplaced`] or
    /// [`LogError::Malformed`] if the slot does not hold that record.
    ///
    /// ```
    /// # use otcheck_core::audit_log::*;
    /// let mut log = AuditLog::<8>::new(LogConfig::default(), None);
    /// log.append(&Event::new(Category::AuditLog, EventOutcome::Info, 5, ActorId::default())?, Timestamp::synchronised(0))?;
    /// assert_eq!(log.record(0)?.map(|r| r.code), Some(5));
    /// assert_eq!(log.record(1)?, None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn record(&mut self, seq: u64) -> Result<Option<Record>, LogError<S::Error>> {
        if seq < self.oldest_seq || seq >= self.next_seq {
            return Ok(None);
        }
        let (slot, bytes) = self.read_slot(seq)?;
        let view = RecordView::new(&bytes);
        if view.seq() != seq {
            return Err(LogError::Misplaced {
                slot,
                seq: view.seq(),
            });
        }
        Record::parse(view)
            .map(Some)
            .map_err(|error| LogError::Malformed { seq, error })
    }

    /// Verifies the stored log in place (e.g. in the device self-test, CR 3.3): every link from
    /// the anchor to the head, sequence numbers, timestamps and loss counters.
    ///
    /// # Errors
    ///
    /// [`LogError::Tampered`] with the first problem, or [`LogError::Storage`].
    ///
    /// ```
    /// # use otcheck_core::audit_log::*;
    /// let mut log = AuditLog::<8>::new(LogConfig::default(), None);
    /// let e = Event::new(Category::AccessControl, EventOutcome::Success, 1, ActorId::default())?;
    /// log.append(&e, Timestamp::synchronised(0))?;
    /// log.append(&e, Timestamp::synchronised(1))?;
    /// assert_eq!(log.verify()?.records, 2);
    ///
    /// let mut store = log.into_store();
    /// store.as_slots_mut()[1][30] ^= 0x10; // flip a bit of record 1 in "flash"
    /// let err = AuditLog::<8>::restore(store, LogConfig::default(), None).unwrap_err();
    /// assert_eq!(err, LogError::Tampered(Tamper::Modified { index: 1, seq: 1 }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn verify(&mut self) -> Result<LogSummary, LogError<S::Error>> {
        let span = self.span(self.oldest_seq, self.anchor);
        let (summary, _) = self.walk(
            self.oldest_seq,
            self.next_seq,
            self.counters,
            self.head,
            span,
        )?;
        Ok(summary)
    }

    /// Writes an export of up to `max_records` records starting at `from_seq` (clamped to the
    /// records held) through `sink`: first the header, then one call per record. Nothing is
    /// buffered, so a device can stream a log of any size over a serial line or a socket.
    ///
    /// # Errors
    ///
    /// [`ExportError::Storage`] if the store fails, [`ExportError::Sink`] if the sink does.
    ///
    /// ```
    /// # use otcheck_core::audit_log::*;
    /// let mut log = AuditLog::<16>::new(LogConfig::default(), None);
    /// let e = Event::new(Category::AccessControl, EventOutcome::Success, 1, ActorId::default())?;
    /// for t in 0..10 {
    ///     log.append(&e, Timestamp::synchronised(t))?;
    /// }
    /// let mut out = Vec::new();
    /// let info = log.export_with(4, 3, |chunk: &[u8]| { out.extend_from_slice(chunk); Ok::<(), ()>(()) })?;
    /// assert_eq!((info.first_seq, info.count), (4, 3));
    /// let summary = verify_export(&out, None, VerifyLimits::default())?;
    /// assert_eq!(summary.last_seq(), Some(6));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn export_with<W>(
        &mut self,
        from_seq: u64,
        max_records: u32,
        mut sink: impl FnMut(&[u8]) -> Result<(), W>,
    ) -> Result<ExportInfo, ExportError<S::Error, W>> {
        let storage = |StoreFail { slot, error }| ExportError::Storage { slot, error };
        let (header, info) = self.export_header(from_seq, max_records).map_err(storage)?;
        let mut bytes = [0u8; HEADER_LEN];
        header.emit(&self.chain, &mut bytes);
        sink(&bytes).map_err(ExportError::Sink)?;
        let mut seq = info.first_seq;
        for _ in 0..info.count {
            let (_, record) = self.read_slot(seq).map_err(storage)?;
            sink(&record).map_err(ExportError::Sink)?;
            seq = seq.saturating_add(1);
        }
        Ok(info)
    }

    /// Writes an export into `out`: as many records from `from_seq` on as `max_records` and the
    /// buffer allow (see [`export_len`] to size it).
    ///
    /// # Errors
    ///
    /// [`ExportError::BufferTooSmall`] if `out` cannot hold the header, [`ExportError::Storage`]
    /// if the store fails.
    ///
    /// ```
    /// # use otcheck_core::audit_log::*;
    /// let mut log = AuditLog::<16>::new(LogConfig::default(), None);
    /// let e = Event::new(Category::AccessControl, EventOutcome::Success, 1, ActorId::default())?;
    /// for t in 0..10 {
    ///     log.append(&e, Timestamp::synchronised(t))?;
    /// }
    /// let mut buf = [0u8; HEADER_LEN + 4 * RECORD_LEN];
    /// let info = log.export_to_slice(0, u32::MAX, &mut buf)?;
    /// assert_eq!(info.count, 4, "limited by the buffer");
    /// assert_eq!(verify_export(&buf[..info.bytes], None, VerifyLimits::default())?.records, 4);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn export_to_slice(
        &mut self,
        from_seq: u64,
        max_records: u32,
        out: &mut [u8],
    ) -> Result<ExportInfo, ExportError<S::Error>> {
        let available = out.len();
        let Some(room) = available.checked_sub(HEADER_LEN) else {
            return Err(ExportError::BufferTooSmall {
                needed: HEADER_LEN,
                available,
            });
        };
        let fit = u32::try_from(room.checked_div(RECORD_LEN).unwrap_or(0)).unwrap_or(u32::MAX);
        let mut at = 0usize;
        let result = self.export_with(from_seq, max_records.min(fit), |chunk: &[u8]| {
            let end = at.checked_add(chunk.len()).ok_or(())?;
            out.get_mut(at..end).ok_or(())?.copy_from_slice(chunk);
            at = end;
            Ok(())
        });
        match result {
            Ok(info) => Ok(info),
            Err(ExportError::Storage { slot, error }) => Err(ExportError::Storage { slot, error }),
            // The record count was limited to what fits, so the sink cannot run out of room.
            Err(ExportError::Sink(()) | ExportError::BufferTooSmall { .. }) => {
                Err(ExportError::BufferTooSmall {
                    needed: at.saturating_add(RECORD_LEN),
                    available,
                })
            }
        }
    }

    /// The header of an export and what it covers.
    fn export_header(
        &mut self,
        from_seq: u64,
        max_records: u32,
    ) -> Result<(ExportHeader, ExportInfo), StoreFail<S::Error>> {
        let first = from_seq.clamp(self.oldest_seq, self.next_seq);
        let available = self.next_seq.saturating_sub(first);
        let count = u32::try_from(available.min(u64::from(max_records))).unwrap_or(max_records);
        let anchor = match first.checked_sub(1) {
            Some(before) if first != self.oldest_seq => self.read_chain(before)?,
            _ => self.anchor,
        };
        let head = match count.checked_sub(1) {
            None => anchor,
            Some(last) => self.read_chain(first.saturating_add(u64::from(last)))?,
        };
        let header = ExportHeader {
            count,
            capacity: u32::try_from(Self::cap()).unwrap_or(u32::MAX),
            first_seq: first,
            oldest_seq: self.oldest_seq,
            next_seq: self.next_seq,
            counters: self.counters,
            anchor,
            head,
        };
        let info = ExportInfo {
            first_seq: first,
            count,
            bytes: export_len(usize::try_from(count).unwrap_or(usize::MAX)).unwrap_or(usize::MAX),
        };
        Ok((header, info))
    }

    // ---- internals ------------------------------------------------------------------------

    fn span(&self, first_seq: u64, anchor: ChainValue) -> Span {
        Span {
            protection: self.chain.protection(),
            capacity: Self::cap(),
            first_seq,
            oldest_seq: self.oldest_seq,
            next_seq: self.next_seq,
            counters: self.counters,
            anchor,
        }
    }

    /// Whether `slots` more records fit without overwriting.
    fn has_room(&self, slots: u64) -> bool {
        self.len().saturating_add(slots) <= Self::cap()
    }

    /// Overwritten records between two markers.
    fn marker_interval(&self) -> u32 {
        u32::try_from(Self::cap().checked_div(4).unwrap_or(0).max(1)).unwrap_or(u32::MAX)
    }

    /// Whether the fill level is at or above `percent`.
    fn reached(&self, percent: u8) -> bool {
        self.len().saturating_mul(100) >= Self::cap().saturating_mul(u64::from(percent))
    }

    fn threshold_bit(index: usize) -> u8 {
        u32::try_from(index)
            .ok()
            .and_then(|i| 1u8.checked_shl(i))
            .unwrap_or(0)
    }

    /// Writes a warning for every armed threshold the fill level reached; returns the highest.
    fn fire_thresholds(&mut self, now: Timestamp) -> Option<u8> {
        let mut crossed = None;
        let thresholds = self.config.thresholds;
        for (i, &percent) in thresholds.as_slice().iter().enumerate() {
            let bit = Self::threshold_bit(i);
            if self.armed & bit == 0 || !self.reached(percent) {
                continue;
            }
            self.armed &= !bit;
            crossed = Some(percent);
            // Under the refuse policy a warning that does not fit is still reported to the
            // caller through `Appended::threshold_crossed`.
            let _ = self.push_internal(Internal::Warning(percent), now, ActorId::LOG);
        }
        crossed
    }

    /// Re-arms the thresholds the fill level is below.
    fn rearm(&mut self) {
        let thresholds = self.config.thresholds;
        for (i, &percent) in thresholds.as_slice().iter().enumerate() {
            if !self.reached(percent) {
                self.armed |= Self::threshold_bit(i);
            }
        }
    }

    /// Reads the slot of record `seq`.
    fn read_slot(&mut self, seq: u64) -> Result<(usize, [u8; RECORD_LEN]), StoreFail<S::Error>> {
        read_slot::<N, S>(&mut self.store, seq)
    }

    /// The stored chain value of record `seq`.
    fn read_chain(&mut self, seq: u64) -> Result<ChainValue, StoreFail<S::Error>> {
        let (_, bytes) = self.read_slot(seq)?;
        Ok(RecordView::new(&bytes).chain())
    }

    /// Links, stores and commits one record. Evicts the oldest record under the overwrite
    /// policy when full. The state changes only after the store accepted the record.
    fn push(&mut self, mut record: Record) -> Result<u64, PushError<S::Error>> {
        let seq = self.next_seq;
        let next = seq.checked_add(1).ok_or(PushError::Exhausted)?;
        let evict = !self.has_room(1);
        if evict && self.config.policy == OverflowPolicy::Refuse {
            return Err(PushError::NoRoom);
        }
        // The evicted record's chain value becomes the anchor. Its slot is not the one written
        // below (that is the old anchor's), so the chain stays verifiable from storage alone.
        let new_anchor = if evict {
            Some(self.read_chain(self.oldest_seq)?)
        } else {
            None
        };
        record.seq = seq;
        record.chain = self.chain.link(&self.head, &record.body());
        let mut bytes = [0u8; RECORD_LEN];
        record.emit(&mut bytes);
        let slot = slot_of::<N>(seq);
        self.store
            .write(slot, &bytes)
            .map_err(|error| StoreFail { slot, error })?;
        self.next_seq = next;
        self.head = record.chain;
        self.last_quality = Some(record.time.quality);
        if let Some(anchor) = new_anchor {
            self.anchor = anchor;
            self.oldest_seq = self.oldest_seq.saturating_add(1);
            self.counters.overwritten = self.counters.overwritten.saturating_add(1);
            self.unreported_overwritten = self.unreported_overwritten.saturating_add(1);
        }
        Ok(seq)
    }

    /// Writes one of the log's own records, carrying the counters as they will be once it is
    /// written. Under the refuse policy, returns `Ok(None)` when it does not fit; only the
    /// log-full and release markers may take the slot kept in reserve.
    fn push_internal(
        &mut self,
        kind: Internal,
        now: Timestamp,
        actor: ActorId,
    ) -> Result<Option<u64>, PushError<S::Error>> {
        let evicting = !self.has_room(1);
        if self.config.policy == OverflowPolicy::Refuse {
            let needed = match kind {
                Internal::LogFull | Internal::Released(_) => 1,
                Internal::Warning(_) | Internal::Overwritten | Internal::Refused => 2,
            };
            if !self.has_room(needed) {
                return Ok(None);
            }
        }
        let mut counters = self.counters;
        if evicting {
            counters.overwritten = counters.overwritten.saturating_add(1);
        }
        let event = match kind {
            Internal::Warning(threshold_percent) => LogEvent::CapacityWarning {
                threshold_percent,
                fill_percent: self.fill_percent(),
            },
            Internal::Overwritten => LogEvent::RecordsOverwritten {
                count: self
                    .unreported_overwritten
                    .saturating_add(u32::from(evicting)),
            },
            Internal::Refused => LogEvent::RecordsRefused {
                count: self.unreported_refused,
            },
            Internal::LogFull => LogEvent::LogFull {
                refused: self.unreported_refused,
            },
            Internal::Released(count) => LogEvent::Released { count },
        };
        let seq = self.push(Record::internal(0, now, event, actor, counters))?;
        self.newest_internal = Some(seq);
        match kind {
            Internal::Overwritten => self.unreported_overwritten = 0,
            Internal::Refused | Internal::LogFull => self.unreported_refused = 0,
            Internal::Warning(_) | Internal::Released(_) => {}
        }
        Ok(Some(seq))
    }

    /// Verifies records `first..end` following `anchor`, ending at `head`.
    fn walk(
        &mut self,
        first: u64,
        end: u64,
        limit: LogCounters,
        head: ChainValue,
        span: Span,
    ) -> Result<(LogSummary, LastEvent), LogError<S::Error>> {
        let Self { store, chain, .. } = self;
        let count = end.saturating_sub(first);
        let ctx = Ctx {
            present: count,
            declared: count,
            head,
        };
        let mut walker = Walker::new(chain, span.anchor, first, limit);
        let mut read = |seq: u64| read_slot::<N, S>(store, seq).map(|(_, bytes)| bytes);
        let mut seq = first;
        for _ in 0..count {
            let bytes = read(seq)?;
            let mut fetch = |i: u64| first.checked_add(i).and_then(|s| read(s).ok());
            walker
                .step(RecordView::new(&bytes), &ctx, &mut fetch)
                .map_err(LogError::Tampered)?;
            seq = seq.saturating_add(1);
        }
        if !walker.prev.ct_eq(&head) {
            return Err(LogError::Tampered(Tamper::HeadMismatch));
        }
        Ok((walker.summary(span), walker.last_event))
    }

    /// Rebuilds the state from the store (see [`restore`](Self::restore)).
    fn rebuild(&mut self) -> Result<(), LogError<S::Error>> {
        // 1. The newest record; every record must sit in its own slot.
        let mut newest: Option<u64> = None;
        for slot in 0..N {
            let mut bytes = [0u8; RECORD_LEN];
            self.store
                .read(slot, &mut bytes)
                .map_err(|error| LogError::Storage { slot, error })?;
            let view = RecordView::new(&bytes);
            if view.is_blank() {
                continue;
            }
            let seq = view.seq();
            if slot_of::<N>(seq) != slot {
                return Err(LogError::Misplaced { slot, seq });
            }
            newest = Some(newest.map_or(seq, |n| n.max(seq)));
        }
        let Some(head_seq) = newest else {
            return Ok(()); // an empty store: a new log
        };
        let next = head_seq.checked_add(1).ok_or(LogError::Internal(
            "a stored record claims the last sequence number",
        ))?;

        // 2. Walk back over consecutive records, at most N of them.
        let span_max = u64::try_from(N).unwrap_or(u64::MAX);
        let mut lowest = head_seq;
        while let Some(candidate) = lowest.checked_sub(1) {
            if head_seq.saturating_sub(candidate) >= span_max {
                break;
            }
            let (_, bytes) = self.read_slot(candidate)?;
            let view = RecordView::new(&bytes);
            if view.is_blank() || view.seq() != candidate {
                break;
            }
            lowest = candidate;
        }
        // Record 0 follows the genesis value; otherwise the lowest record found is the anchor.
        let (first, anchor) = if lowest == 0 {
            (0, ChainValue::GENESIS)
        } else {
            (lowest.saturating_add(1), self.read_chain(lowest)?)
        };
        let head = self.read_chain(head_seq)?;

        // 3. Verify everything found.
        self.next_seq = next;
        self.oldest_seq = first;
        let unlimited = LogCounters {
            overwritten: u64::MAX,
            refused: u64::MAX,
            released: u64::MAX,
        };
        let span = self.span(first, anchor);
        let (_, last_event) = self.walk(first, next, unlimited, head, span)?;

        // 4. The oldest record held: no older than the last marker says, no more than the
        //    capacity behind the head. Everything below it was overwritten or released.
        self.newest_internal = last_event.map(|(seq, _)| seq);
        let (mut counters, marker_overwritten) = match last_event {
            Some((_, c)) => (c, c.overwritten),
            None => (LogCounters::default(), 0),
        };
        let accounted = counters.overwritten.saturating_add(counters.released);
        let oldest = first
            .max(accounted)
            .max(next.saturating_sub(Self::cap()))
            .min(next);
        counters.overwritten = oldest.saturating_sub(counters.released);
        self.anchor = match oldest.checked_sub(1) {
            Some(before) if oldest != first => self.read_chain(before)?,
            _ => anchor,
        };
        self.oldest_seq = oldest;
        self.head = head;
        self.counters = counters;
        self.unreported_overwritten =
            u32::try_from(counters.overwritten.saturating_sub(marker_overwritten))
                .unwrap_or(u32::MAX);
        self.armed = 0;
        self.rearm();
        self.last_quality = self.record(head_seq)?.map(|r| r.time.quality);
        Ok(())
    }
}

/// Sequence number and counters of the newest record the log wrote about itself.
type LastEvent = Option<(u64, LogCounters)>;

/// A store operation failed at a slot.
struct StoreFail<E> {
    slot: usize,
    error: E,
}

impl<E> From<StoreFail<E>> for LogError<E> {
    fn from(StoreFail { slot, error }: StoreFail<E>) -> Self {
        Self::Storage { slot, error }
    }
}

/// Why a record could not be pushed.
enum PushError<E> {
    Storage(StoreFail<E>),
    Exhausted,
    NoRoom,
}

impl<E> From<StoreFail<E>> for PushError<E> {
    fn from(f: StoreFail<E>) -> Self {
        Self::Storage(f)
    }
}

/// The slot of record `seq` in a log of `N` slots.
fn slot_of<const N: usize>(seq: u64) -> usize {
    // N >= 4 fits in a u64 on every supported target, and the remainder is below N.
    let n = u64::try_from(N).unwrap_or(u64::MAX);
    usize::try_from(seq.checked_rem(n).unwrap_or(0)).unwrap_or(0)
}

fn read_slot<const N: usize, S: RecordStore>(
    store: &mut S,
    seq: u64,
) -> Result<(usize, [u8; RECORD_LEN]), StoreFail<S::Error>> {
    let slot = slot_of::<N>(seq);
    let mut bytes = [0u8; RECORD_LEN];
    store
        .read(slot, &mut bytes)
        .map_err(|error| StoreFail { slot, error })?;
    Ok((slot, bytes))
}

fn check_slots<const N: usize, S: RecordStore>(store: &S) -> Result<(), LogError<S::Error>> {
    if store.slots() < N {
        return Err(LogError::StoreTooSmall {
            slots: store.slots(),
            needed: N,
        });
    }
    Ok(())
}
