//! Verification of an export (or of the log in place): every link of the chain, the header that
//! commits to the end of the range, the sequence numbers, the timestamps and the loss
//! accounting, with a classification of the first problem found ([`Tamper`]).
//!
//! [`verify_export`] lists what is checked, in order.
//!
//! Guarantee: verification never panics, never allocates, and does work linear in the number of
//! records, bounded by [`VerifyLimits`].

use core::fmt;

use super::chain::{Chain, ChainKey, ChainValue, Protection};
use super::export::{ExportView, FormatError};
use super::log::LogCounters;
use super::record::{
    Category, EventOutcome, LogEvent, RECORD_LEN, Record, RecordError, RecordView, TimeQuality,
    Timestamp,
};

/// Limits on the work a verification may do.
///
/// ```
/// use otcheck_core::audit_log::VerifyLimits;
/// assert_eq!(VerifyLimits::default().max_records, 10_000_000);
/// let small = VerifyLimits { max_records: 1_000 };
/// assert!(small.max_records < VerifyLimits::default().max_records);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct VerifyLimits {
    /// Most records an export may declare.
    pub max_records: u64,
}

impl Default for VerifyLimits {
    fn default() -> Self {
        Self {
            max_records: 10_000_000,
        }
    }
}

/// What verification found wrong with the records or the header. Indexes count records from
/// the first one in the export (or the oldest one in the log), starting at 0.
///
/// ```
/// use otcheck_core::audit_log::Tamper;
/// let t = Tamper::Dropped { index: 4, expected_seq: 104, count: 2 };
/// assert_eq!(t.index(), Some(4));
/// assert_eq!(t.kind(), "dropped");
/// assert_eq!(t.to_string(), "record 4: 2 records dropped before it (expected seq 104)");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case", tag = "kind"))]
#[non_exhaustive]
pub enum Tamper {
    /// The header tag does not match: the header was changed, or (keyed) the key is wrong.
    HeaderModified,
    /// A header field contradicts the others.
    HeaderInconsistent {
        /// The field found inconsistent.
        field: &'static str,
    },
    /// The range starts at sequence number 0 but not at the genesis chain value.
    AnchorMismatch,
    /// The record's content or chain value was changed.
    Modified {
        /// Position of the record.
        index: u64,
        /// Its sequence number.
        seq: u64,
    },
    /// Records are missing before this one.
    Dropped {
        /// Position of the first record after the gap.
        index: u64,
        /// The sequence number that should be here.
        expected_seq: u64,
        /// How many sequence numbers are missing.
        count: u64,
    },
    /// A record that does not belong here (forged, replayed or duplicated) was inserted.
    Inserted {
        /// Position of the inserted record.
        index: u64,
        /// The sequence number it claims.
        seq: u64,
    },
    /// Records of the log appear in a different order.
    Reordered {
        /// Position of the first record out of place.
        index: u64,
        /// The sequence number that should be here.
        expected_seq: u64,
        /// The sequence number found here.
        found_seq: u64,
    },
    /// Records are missing at the end (the export was cut short).
    Truncated {
        /// Records the header declares.
        expected: u64,
        /// Whole records present.
        found: u64,
    },
    /// Bytes follow the last record the header declares.
    TrailingData {
        /// Offset of the first unexpected byte in the export.
        offset: u64,
    },
    /// Every link holds but the last one is not the head the header commits to.
    HeadMismatch,
    /// A synchronised timestamp is earlier than the synchronised timestamp before it.
    TimeWentBackwards {
        /// Position of the record.
        index: u64,
        /// Its sequence number.
        seq: u64,
    },
    /// The log's own record carries loss counters that decrease or exceed the header's.
    CountersInconsistent {
        /// Position of the record.
        index: u64,
        /// Its sequence number.
        seq: u64,
    },
    /// The record links correctly but its fields are not a valid encoding.
    Malformed {
        /// Position of the record.
        index: u64,
        /// Its sequence number.
        seq: u64,
        /// What is wrong with it.
        error: RecordError,
    },
}

impl Tamper {
    /// A stable kebab-case name for the kind of problem.
    ///
    /// ```
    /// assert_eq!(otcheck_core::audit_log::Tamper::HeadMismatch.kind(), "head-mismatch");
    /// ```
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::HeaderModified => "header-modified",
            Self::HeaderInconsistent { .. } => "header-inconsistent",
            Self::AnchorMismatch => "anchor-mismatch",
            Self::Modified { .. } => "modified",
            Self::Dropped { .. } => "dropped",
            Self::Inserted { .. } => "inserted",
            Self::Reordered { .. } => "reordered",
            Self::Truncated { .. } => "truncated",
            Self::TrailingData { .. } => "trailing-data",
            Self::HeadMismatch => "head-mismatch",
            Self::TimeWentBackwards { .. } => "time-went-backwards",
            Self::CountersInconsistent { .. } => "counters-inconsistent",
            Self::Malformed { .. } => "malformed",
        }
    }

    /// The position of the record where the problem was found, if it is about one record.
    ///
    /// ```
    /// use otcheck_core::audit_log::Tamper;
    /// assert_eq!(Tamper::Modified { index: 3, seq: 10 }.index(), Some(3));
    /// assert_eq!(Tamper::HeaderModified.index(), None);
    /// ```
    #[must_use]
    pub const fn index(&self) -> Option<u64> {
        match self {
            Self::Modified { index, .. }
            | Self::Dropped { index, .. }
            | Self::Inserted { index, .. }
            | Self::Reordered { index, .. }
            | Self::TimeWentBackwards { index, .. }
            | Self::CountersInconsistent { index, .. }
            | Self::Malformed { index, .. } => Some(*index),
            Self::Truncated { found, .. } => Some(*found),
            Self::HeaderModified
            | Self::HeaderInconsistent { .. }
            | Self::AnchorMismatch
            | Self::TrailingData { .. }
            | Self::HeadMismatch => None,
        }
    }
}

impl fmt::Display for Tamper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::HeaderModified => {
                f.write_str("header tag mismatch: the header was modified or the key is wrong")
            }
            Self::HeaderInconsistent { field } => {
                write!(f, "header field `{field}` contradicts the other fields")
            }
            Self::AnchorMismatch => {
                f.write_str("the range starts at seq 0 but its anchor is not the genesis value")
            }
            Self::Modified { index, seq } => write!(f, "record {index} (seq {seq}) was modified"),
            Self::Dropped {
                index,
                expected_seq,
                count,
            } => write!(
                f,
                "record {index}: {count} records dropped before it (expected seq {expected_seq})"
            ),
            Self::Inserted { index, seq } => {
                write!(f, "record {index} (claiming seq {seq}) was inserted")
            }
            Self::Reordered {
                index,
                expected_seq,
                found_seq,
            } => write!(
                f,
                "record {index}: records reordered (expected seq {expected_seq}, found {found_seq})"
            ),
            Self::Truncated { expected, found } => write!(
                f,
                "truncated: the header declares {expected} records, {found} are present"
            ),
            Self::TrailingData { offset } => {
                write!(
                    f,
                    "unexpected bytes after the last record, at offset {offset}"
                )
            }
            Self::HeadMismatch => {
                f.write_str("the last record's chain value is not the head the header commits to")
            }
            Self::TimeWentBackwards { index, seq } => write!(
                f,
                "record {index} (seq {seq}): synchronised time went backwards"
            ),
            Self::CountersInconsistent { index, seq } => write!(
                f,
                "record {index} (seq {seq}): the log's loss counters are inconsistent"
            ),
            Self::Malformed { index, seq, error } => {
                write!(f, "record {index} (seq {seq}) is malformed: {error}")
            }
        }
    }
}

/// Why an export did not verify.
///
/// ```
/// use otcheck_core::audit_log::{verify_export, FormatError, VerifyError, VerifyLimits};
/// let err = verify_export(b"nope", None, VerifyLimits::default()).unwrap_err();
/// assert!(matches!(err, VerifyError::Format(FormatError::BadMagic { .. })));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case", tag = "error"))]
#[non_exhaustive]
pub enum VerifyError {
    /// The input is not an export this crate reads.
    #[error(transparent)]
    Format(FormatError),
    /// The export is keyed and no key was supplied.
    #[error("the audit-log export is keyed (HMAC-SHA256): a key is needed to verify it")]
    KeyRequired,
    /// A key was supplied but the export is unkeyed: anyone could have written it.
    #[error(
        "a key was supplied but the audit-log export is unkeyed: its integrity cannot be established"
    )]
    UnkeyedExport,
    /// The export declares more records than the limit allows.
    #[error("the audit-log export declares {declared} records, the limit is {limit}")]
    LimitExceeded {
        /// Records declared.
        declared: u64,
        /// [`VerifyLimits::max_records`].
        limit: u64,
    },
    /// The export was tampered with (or corrupted); the first problem found.
    #[error("audit-log chain broken: {0}")]
    Tampered(Tamper),
}

/// Record counts per [`Category`].
///
/// With `serde` it serialises as a map from category name to count.
///
/// ```
/// # use otcheck_core::audit_log::*;
/// let mut log = AuditLog::<8>::new(LogConfig::default(), None);
/// let e = Event::new(Category::AccessControl, EventOutcome::Success, 1, ActorId::default())?;
/// log.append(&e, Timestamp::synchronised(0))?;
/// log.append(&e, Timestamp::synchronised(1))?;
/// let summary = log.verify()?;
/// assert_eq!(summary.categories.get(Category::AccessControl), 2);
/// assert_eq!(summary.categories.get(Category::RequestError), 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CategoryCounts([u64; Category::COUNT]);

impl CategoryCounts {
    /// Records of `category`.
    ///
    /// ```
    /// use otcheck_core::audit_log::{Category, CategoryCounts};
    /// assert_eq!(CategoryCounts::default().get(Category::AuditLog), 0);
    /// ```
    #[must_use]
    pub fn get(&self, category: Category) -> u64 {
        self.0.get(category.index()).copied().unwrap_or(0)
    }

    fn add(&mut self, category: Category) {
        if let Some(n) = self.0.get_mut(category.index()) {
            *n = n.saturating_add(1);
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for CategoryCounts {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(Category::ALL.iter().map(|c| (c.name(), self.get(*c))))
    }
}

/// What a successful verification established, for a person (`Display`) or a program
/// (`serde`). Only verification builds one, so holding a `LogSummary` means the chain verified.
///
/// ```
/// # use otcheck_core::audit_log::*;
/// let key = ChainKey::new([7; 32]);
/// let mut log = AuditLog::<16>::new(LogConfig::default(), Some(&key));
/// let e = Event::new(Category::ControlSystem, EventOutcome::Failure, 0x20, ActorId::from_name("hmi")?)?;
/// log.append(&e, Timestamp::synchronised(1_700_000_000_000))?;
/// let mut buf = [0u8; 4096];
/// let n = log.export_to_slice(0, u32::MAX, &mut buf)?.bytes;
/// let summary = verify_export(&buf[..n], Some(&key), VerifyLimits::default())?;
/// assert_eq!(summary.protection, Protection::Keyed);
/// assert_eq!((summary.records, summary.failures), (1, 1));
/// assert!(summary.to_string().contains("1 records, seq 0..=0"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct LogSummary {
    /// Keyed or unkeyed chain.
    pub protection: Protection,
    /// Capacity of the log, in records.
    pub capacity: u64,
    /// Records verified.
    pub records: u64,
    /// Sequence number of the first verified record.
    pub first_seq: u64,
    /// Oldest record the log held.
    pub oldest_seq: u64,
    /// Sequence number the log would give its next record.
    pub next_seq: u64,
    /// The log's loss counters: every sequence number below `oldest_seq` is either overwritten
    /// or released, and `refused` counts events that never got one.
    pub counters: LogCounters,
    /// Time of the first verified record.
    pub first_time: Option<Timestamp>,
    /// Time of the last verified record.
    pub last_time: Option<Timestamp>,
    /// Records whose time was not synchronised (CR 2.11 RE 1).
    pub unsynchronised: u64,
    /// Times the clock went backwards with at least one side unsynchronised (tolerated).
    pub time_steps_back: u64,
    /// Records per category.
    pub categories: CategoryCounts,
    /// Records with outcome failure.
    pub failures: u64,
    /// Capacity warnings among the records (CR 2.9 RE 1).
    pub capacity_warnings: u64,
    /// Loss markers among the records: overwritten, refused, log full (CR 2.10).
    pub loss_markers: u64,
    /// Chain value before the first record.
    pub anchor: ChainValue,
    /// Chain value of the last record.
    pub head: ChainValue,
}

impl LogSummary {
    /// Sequence number of the last verified record.
    ///
    /// ```
    /// # use otcheck_core::audit_log::*;
    /// let mut log = AuditLog::<8>::new(LogConfig::default(), None);
    /// assert_eq!(log.verify()?.last_seq(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn last_seq(&self) -> Option<u64> {
        self.records
            .checked_sub(1)
            .and_then(|n| self.first_seq.checked_add(n))
    }
}

impl fmt::Display for LogSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "verified: {} records", self.records)?;
        if let Some(last) = self.last_seq() {
            write!(f, ", seq {}..={last}", self.first_seq)?;
        }
        writeln!(f, ", {} chain", self.protection)?;
        write!(f, "log: capacity {}, ", self.capacity)?;
        match self.next_seq.checked_sub(1) {
            Some(newest) if newest >= self.oldest_seq => {
                writeln!(f, "holding seq {}..={newest}", self.oldest_seq)?;
            }
            _ => writeln!(f, "empty (next seq {})", self.next_seq)?,
        }
        if let (Some(a), Some(b)) = (self.first_time, self.last_time) {
            writeln!(
                f,
                "time: {a} .. {b} ({} unsynchronised, {} steps back; * = unsynchronised)",
                self.unsynchronised, self.time_steps_back
            )?;
        }
        f.write_str("categories:")?;
        for c in Category::ALL {
            let n = self.categories.get(c);
            if n > 0 {
                write!(f, " {c} {n}")?;
            }
        }
        writeln!(f, "\nfailures: {}", self.failures)?;
        writeln!(
            f,
            "lost: {} overwritten, {} refused; {} released; {} loss markers, {} capacity warnings in range",
            self.counters.overwritten,
            self.counters.refused,
            self.counters.released,
            self.loss_markers,
            self.capacity_warnings
        )?;
        write!(f, "head: {}", self.head)
    }
}

/// Decodes and verifies an export. `key` must be given for a keyed export and must not be
/// given for an unkeyed one.
///
/// What is checked, in order:
///
/// 1. the header decodes ([`FormatError`]) and its chain mode matches the key supplied (a key
///    given for an unkeyed export is an error: that is what a downgrade looks like);
/// 2. the header tag ([`Tamper::HeaderModified`]);
/// 3. the header is consistent: `oldest_seq == overwritten + released` (every sequence number
///    below the oldest record is accounted for as overwritten or released), the range lies
///    within the log, a range starting at 0 starts at [`ChainValue::GENESIS`];
/// 4. record by record: the link, the sequence number (`first_seq + index`), the field encoding,
///    synchronised time never going backwards, and the counters carried by the log's own records
///    never decreasing nor exceeding the header's;
/// 5. the end: as many records as the header says, no trailing bytes, and the last link equal to
///    the header's head.
///
/// The *position* of the first problem is exact. Its *classification* (modified, dropped,
/// inserted, reordered) is inferred from the neighbouring records and is best effort: a
/// dropped record whose successor was also modified, for instance, is reported as modified.
///
/// # Errors
///
/// [`VerifyError`]: the export does not decode, the key does not fit its mode, it is larger than
/// `limits`, or the first [`Tamper`] found.
///
/// ```
/// # use otcheck_core::audit_log::*;
/// let mut log = AuditLog::<32>::new(LogConfig::default(), None);
/// for i in 0..20 {
///     let e = Event::new(Category::AccessControl, EventOutcome::Success, 1, ActorId::default())?;
///     log.append(&e, Timestamp::synchronised(i))?;
/// }
/// let mut buf = [0u8; 8192];
/// let n = log.export_to_slice(0, u32::MAX, &mut buf)?.bytes;
/// assert_eq!(verify_export(&buf[..n], None, VerifyLimits::default())?.records, 20);
///
/// // Change one byte of the sixth record's payload area:
/// buf[HEADER_LEN + 5 * RECORD_LEN + 50] ^= 1;
/// assert_eq!(
///     verify_export(&buf[..n], None, VerifyLimits::default()),
///     Err(VerifyError::Tampered(Tamper::Modified { index: 5, seq: 5 })),
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn verify_export(
    bytes: &[u8],
    key: Option<&ChainKey>,
    limits: VerifyLimits,
) -> Result<LogSummary, VerifyError> {
    let view = ExportView::new_checked(bytes).map_err(VerifyError::Format)?;
    let protection = view.protection();
    match (protection, key) {
        (Protection::Keyed, None) => return Err(VerifyError::KeyRequired),
        (Protection::Unkeyed, Some(_)) => return Err(VerifyError::UnkeyedExport),
        _ => {}
    }
    let chain = Chain::new(key);
    if !view.tag_matches(&chain) {
        return Err(VerifyError::Tampered(Tamper::HeaderModified));
    }
    let header = view.header();
    let declared = u64::from(header.count);
    if declared > limits.max_records {
        return Err(VerifyError::LimitExceeded {
            declared,
            limit: limits.max_records,
        });
    }
    check_header(&header).map_err(VerifyError::Tampered)?;

    let present = view.record_count();
    let walked = present.min(declared);
    let ctx = Ctx {
        present: walked.saturating_add(u64::from(present > declared)),
        declared,
        head: header.head,
    };
    let mut walker = Walker::new(&chain, header.anchor, header.first_seq, header.counters);
    let mut fetch = |i: u64| view.record(i).map(|r| *r.as_bytes());
    for record in view
        .records()
        .take(usize::try_from(walked).unwrap_or(usize::MAX))
    {
        walker
            .step(record, &ctx, &mut fetch)
            .map_err(VerifyError::Tampered)?;
    }
    let tamper = if present < declared {
        Some(Tamper::Truncated {
            expected: declared,
            found: present,
        })
    } else if present > declared {
        Some(Tamper::Inserted {
            index: declared,
            seq: view.record(declared).map_or(0, |r| r.seq()),
        })
    } else if view.trailing_len() > 0 {
        let offset = super::export::export_len(usize::try_from(declared).unwrap_or(usize::MAX))
            .and_then(|n| u64::try_from(n).ok())
            .unwrap_or(u64::MAX);
        Some(Tamper::TrailingData { offset })
    } else if !walker.prev.ct_eq(&header.head) {
        Some(Tamper::HeadMismatch)
    } else {
        None
    };
    if let Some(t) = tamper {
        return Err(VerifyError::Tampered(t));
    }
    Ok(walker.summary(Span {
        protection,
        capacity: u64::from(header.capacity),
        first_seq: header.first_seq,
        oldest_seq: header.oldest_seq,
        next_seq: header.next_seq,
        counters: header.counters,
        anchor: header.anchor,
    }))
}

/// Consistency of the header fields among themselves.
fn check_header(h: &super::export::ExportHeader) -> Result<(), Tamper> {
    let inconsistent = |field| Err(Tamper::HeaderInconsistent { field });
    if h.counters
        .overwritten
        .checked_add(h.counters.released)
        .is_none_or(|accounted| accounted != h.oldest_seq)
    {
        return inconsistent("oldest sequence number");
    }
    if h.next_seq < h.oldest_seq || h.next_seq.saturating_sub(h.oldest_seq) > u64::from(h.capacity)
    {
        return inconsistent("capacity");
    }
    if h.count > 0 && h.first_seq < h.oldest_seq {
        return inconsistent("first sequence number");
    }
    if h.first_seq
        .checked_add(u64::from(h.count))
        .is_none_or(|end| end > h.next_seq)
    {
        return inconsistent("next sequence number");
    }
    if h.first_seq == 0 && !h.anchor.ct_eq(&ChainValue::GENESIS) {
        return Err(Tamper::AnchorMismatch);
    }
    if h.count == 0 && !h.head.ct_eq(&h.anchor) {
        return Err(Tamper::HeadMismatch);
    }
    Ok(())
}

/// What the walker needs to know about the whole range to classify a broken link.
pub(crate) struct Ctx {
    /// Records that can be fetched (positions `0..present`).
    pub(crate) present: u64,
    /// Records the range should have.
    pub(crate) declared: u64,
    /// The chain value the range should end with.
    pub(crate) head: ChainValue,
}

/// The range-level facts a summary reports, from the header or the log's state.
pub(crate) struct Span {
    pub(crate) protection: Protection,
    pub(crate) capacity: u64,
    pub(crate) first_seq: u64,
    pub(crate) oldest_seq: u64,
    pub(crate) next_seq: u64,
    pub(crate) counters: LogCounters,
    pub(crate) anchor: ChainValue,
}

/// Walks a range record by record.
pub(crate) struct Walker<'c> {
    chain: &'c Chain,
    pub(crate) prev: ChainValue,
    first_seq: u64,
    pub(crate) index: u64,
    prev_time: Option<Timestamp>,
    counters_limit: LogCounters,
    last_counters: LogCounters,
    /// Sequence number and counters of the last record the log wrote about itself.
    pub(crate) last_event: Option<(u64, LogCounters)>,
    first_time: Option<Timestamp>,
    unsynchronised: u64,
    time_steps_back: u64,
    categories: CategoryCounts,
    failures: u64,
    capacity_warnings: u64,
    loss_markers: u64,
}

impl<'c> Walker<'c> {
    pub(crate) fn new(
        chain: &'c Chain,
        anchor: ChainValue,
        first_seq: u64,
        counters_limit: LogCounters,
    ) -> Self {
        Self {
            chain,
            prev: anchor,
            first_seq,
            index: 0,
            prev_time: None,
            counters_limit,
            last_counters: LogCounters::default(),
            last_event: None,
            first_time: None,
            unsynchronised: 0,
            time_steps_back: 0,
            categories: CategoryCounts::default(),
            failures: 0,
            capacity_warnings: 0,
            loss_markers: 0,
        }
    }

    /// Checks the next record. `fetch` returns the record at a position, for classifying a
    /// broken link.
    pub(crate) fn step(
        &mut self,
        view: RecordView<'_>,
        ctx: &Ctx,
        fetch: &mut dyn FnMut(u64) -> Option<[u8; RECORD_LEN]>,
    ) -> Result<(), Tamper> {
        let index = self.index;
        let found = view.seq();
        let Some(expected) = self.first_seq.checked_add(index) else {
            return Err(Tamper::Inserted { index, seq: found });
        };
        let stored = view.chain();
        if !self.chain.link(&self.prev, &view.body()).ct_eq(&stored) {
            return Err(classify(
                self.chain, &self.prev, index, expected, view, ctx, fetch,
            ));
        }
        // The link holds. A wrong sequence number now means someone recomputed the chain
        // (possible only without a key) or the writer is broken.
        if found != expected {
            return Err(if found > expected {
                Tamper::Dropped {
                    index,
                    expected_seq: expected,
                    count: found.saturating_sub(expected),
                }
            } else {
                Tamper::Reordered {
                    index,
                    expected_seq: expected,
                    found_seq: found,
                }
            });
        }
        let record = Record::parse(view).map_err(|error| Tamper::Malformed {
            index,
            seq: found,
            error,
        })?;
        if let Some(prev) = self.prev_time
            && record.time.unix_millis < prev.unix_millis
        {
            if prev.quality == TimeQuality::Synchronised
                && record.time.quality == TimeQuality::Synchronised
            {
                return Err(Tamper::TimeWentBackwards { index, seq: found });
            }
            self.time_steps_back = self.time_steps_back.saturating_add(1);
        }
        if let Some((event, counters)) = record.log_event() {
            let lim = self.counters_limit;
            let last = self.last_counters;
            let consistent = counters.overwritten >= last.overwritten
                && counters.refused >= last.refused
                && counters.released >= last.released
                && counters.overwritten <= lim.overwritten
                && counters.refused <= lim.refused
                && counters.released <= lim.released
                && counters
                    .overwritten
                    .checked_add(counters.released)
                    .is_some_and(|oldest| oldest <= found);
            if !consistent {
                return Err(Tamper::CountersInconsistent { index, seq: found });
            }
            self.last_counters = counters;
            self.last_event = Some((found, counters));
            match event {
                LogEvent::CapacityWarning { .. } => {
                    self.capacity_warnings = self.capacity_warnings.saturating_add(1);
                }
                LogEvent::RecordsOverwritten { .. }
                | LogEvent::RecordsRefused { .. }
                | LogEvent::LogFull { .. } => {
                    self.loss_markers = self.loss_markers.saturating_add(1);
                }
                LogEvent::Released { .. } => {}
            }
        }
        if record.time.quality == TimeQuality::Unsynchronised {
            self.unsynchronised = self.unsynchronised.saturating_add(1);
        }
        if record.outcome == EventOutcome::Failure {
            self.failures = self.failures.saturating_add(1);
        }
        self.categories.add(record.category);
        self.first_time = self.first_time.or(Some(record.time));
        self.prev_time = Some(record.time);
        self.prev = stored;
        self.index = index.saturating_add(1);
        Ok(())
    }

    pub(crate) fn summary(&self, span: Span) -> LogSummary {
        LogSummary {
            protection: span.protection,
            capacity: span.capacity,
            records: self.index,
            first_seq: span.first_seq,
            oldest_seq: span.oldest_seq,
            next_seq: span.next_seq,
            counters: span.counters,
            first_time: self.first_time,
            last_time: self.prev_time,
            unsynchronised: self.unsynchronised,
            time_steps_back: self.time_steps_back,
            categories: self.categories,
            failures: self.failures,
            capacity_warnings: self.capacity_warnings,
            loss_markers: self.loss_markers,
            anchor: span.anchor,
            head: self.prev,
        }
    }
}

/// Classifies a broken link at `index`, where the record should have been `expected` and
/// follow the chain value `prev`. Looks at the neighbouring records to tell a modified record
/// from a dropped, inserted or displaced one.
fn classify(
    chain: &Chain,
    prev: &ChainValue,
    index: u64,
    expected: u64,
    view: RecordView<'_>,
    ctx: &Ctx,
    fetch: &mut dyn FnMut(u64) -> Option<[u8; RECORD_LEN]>,
) -> Tamper {
    let found = view.seq();
    let next_index = index.saturating_add(1);
    let next = if next_index < ctx.present {
        fetch(next_index)
    } else {
        None
    };
    let next = next.as_ref().map(RecordView::new);
    let links = |p: &ChainValue, r: &RecordView<'_>| chain.link(p, &r.body()).ct_eq(&r.chain());

    // The next record continues the chain from `prev`: this one does not belong here.
    if let Some(n) = &next
        && links(prev, n)
    {
        return if n.seq() == expected && Some(found) == expected.checked_add(1) {
            // Two neighbours swapped.
            Tamper::Reordered {
                index,
                expected_seq: expected,
                found_seq: found,
            }
        } else {
            Tamper::Inserted { index, seq: found }
        };
    }
    if found == expected {
        return Tamper::Modified {
            index,
            seq: expected,
        };
    }
    // Is this record's stored chain value the genuine predecessor of what follows? Then the
    // record itself is in place and either records before it are missing or its sequence
    // number was changed.
    let follows = match &next {
        Some(n) => links(&view.chain(), n),
        None => view.chain().ct_eq(&ctx.head),
    };
    if follows {
        let dropped = Tamper::Dropped {
            index,
            expected_seq: expected,
            count: found.saturating_sub(expected),
        };
        return match next.map(|n| n.seq()) {
            Some(s) if Some(s) == found.checked_add(1) => {
                if found > expected {
                    dropped
                } else {
                    Tamper::Inserted { index, seq: found }
                }
            }
            None if ctx.present < ctx.declared && found > expected => dropped,
            _ => Tamper::Modified {
                index,
                seq: expected,
            },
        };
    }
    // A record out of place: is the one that belongs here further on?
    let displaced = (next_index..ctx.present)
        .any(|j| fetch(j).is_some_and(|r| RecordView::new(&r).seq() == expected));
    if displaced {
        Tamper::Reordered {
            index,
            expected_seq: expected,
            found_seq: found,
        }
    } else if found > expected {
        Tamper::Dropped {
            index,
            expected_seq: expected,
            count: found.saturating_sub(expected),
        }
    } else {
        Tamper::Inserted { index, seq: found }
    }
}
