//! The export format (CR 6.1 RE 1): a compact, versioned binary encoding of a range of records
//! plus what a verifier needs to check them: the chain value before the first record (the
//! anchor), the chain value of the last one (the head), the log's loss counters, and a tag over
//! all of that.
//!
//! The layout is documented on [`ExportView`].
//!
//! Guarantee: [`ExportView::new_checked`] never panics on any input; it validates the header
//! field by field and reports the first problem with its field name and offset. It accepts any
//! body length, so that a verifier can say *how* a body was cut short rather than just "bad
//! length": [`ExportView::record_count`] and [`ExportView::trailing_len`] describe what is there.

use core::fmt;

use super::chain::{Chain, ChainValue, Protection};
use super::log::LogCounters;
use super::record::{RECORD_LEN, RecordView, get_array, get_u8, get_u16, get_u32, get_u64, put};

/// The magic bytes every export starts with.
pub const EXPORT_MAGIC: [u8; 4] = *b"OTAL";
/// The export format version this crate writes and reads.
pub const EXPORT_VERSION: u8 = 1;
/// Length of the export header.
pub const HEADER_LEN: usize = 160;

const FLAG_KEYED: u8 = 0x01;
/// Length of the part of the header the tag covers.
const TAGGED_LEN: usize = 128;

/// Header fields in order: name, offset, length.
const FIELDS: [(&str, usize, usize); 15] = [
    ("magic", 0, 4),
    ("version", 4, 1),
    ("flags", 5, 1),
    ("record length", 6, 2),
    ("count", 8, 4),
    ("capacity", 12, 4),
    ("first sequence number", 16, 8),
    ("oldest sequence number", 24, 8),
    ("next sequence number", 32, 8),
    ("overwritten", 40, 8),
    ("refused", 48, 8),
    ("released", 56, 8),
    ("anchor", 64, 32),
    ("head", 96, 32),
    ("tag", 128, 32),
];

/// The number of bytes of an export of `count` records, or `None` if that overflows `usize`.
///
/// ```
/// use otcheck_core::audit_log::{export_len, HEADER_LEN, RECORD_LEN};
/// assert_eq!(export_len(16), Some(HEADER_LEN + 16 * RECORD_LEN));
/// ```
#[must_use]
pub const fn export_len(count: usize) -> Option<usize> {
    match count.checked_mul(RECORD_LEN) {
        Some(body) => body.checked_add(HEADER_LEN),
        None => None,
    }
}

/// Why bytes are not an audit-log export (before any record is looked at).
///
/// ```
/// use otcheck_core::audit_log::{ExportView, FormatError};
/// assert_eq!(
///     ExportView::new_checked(b"OTAL\x01").err(),
///     Some(FormatError::Truncated { field: "flags", offset: 5, needed: 1, available: 0 }),
/// );
/// assert_eq!(ExportView::new_checked(b"PK\x03\x04").err(), Some(FormatError::BadMagic { found: *b"PK\x03\x04" }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum FormatError {
    /// The input ended inside the header.
    #[error(
        "audit-log export truncated: field `{field}` at offset {offset} needs {needed} bytes, {available} left"
    )]
    Truncated {
        /// The header field that is incomplete.
        field: &'static str,
        /// Its offset.
        offset: usize,
        /// Its length.
        needed: usize,
        /// Bytes of it present.
        available: usize,
    },
    /// The input does not start with [`EXPORT_MAGIC`].
    #[error("not an audit-log export: magic at offset 0 is {found:02x?}, expected \"OTAL\"")]
    BadMagic {
        /// The first four bytes.
        found: [u8; 4],
    },
    /// A format version this crate does not read.
    #[error("audit-log export version {found} at offset 4 is not supported (expected {supported})")]
    UnsupportedVersion {
        /// The version found.
        found: u8,
        /// [`EXPORT_VERSION`].
        supported: u8,
    },
    /// Flag bits this version does not define are set.
    #[error("audit-log export flags at offset 5 are {found:#04x}: unknown bits set")]
    UnknownFlags {
        /// The flags byte.
        found: u8,
    },
    /// The record length is not this version's.
    #[error("audit-log export record length at offset 6 is {found}, expected {expected}")]
    RecordLength {
        /// The length found.
        found: u16,
        /// [`RECORD_LEN`].
        expected: u16,
    },
}

/// The header of an export, decoded (without its tag, which [`ExportHeader::emit`] computes).
///
/// ```
/// use otcheck_core::audit_log::{Chain, ChainValue, ExportHeader, ExportView, LogCounters, HEADER_LEN};
/// let header = ExportHeader {
///     count: 0, capacity: 63, first_seq: 0, oldest_seq: 0, next_seq: 0,
///     counters: LogCounters::default(), anchor: ChainValue::GENESIS, head: ChainValue::GENESIS,
/// };
/// let mut bytes = [0u8; HEADER_LEN];
/// header.emit(&Chain::unkeyed(), &mut bytes);
/// assert_eq!(ExportView::new_checked(&bytes)?.header(), header);
/// # Ok::<(), otcheck_core::audit_log::FormatError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ExportHeader {
    /// Records in the export.
    pub count: u32,
    /// Capacity of the log, in records (saturated at `u32::MAX`).
    pub capacity: u32,
    /// Sequence number of the first exported record.
    pub first_seq: u64,
    /// Oldest record the log held when it was exported.
    pub oldest_seq: u64,
    /// Sequence number the log would give its next record.
    pub next_seq: u64,
    /// The log's loss counters when it was exported.
    pub counters: LogCounters,
    /// Chain value before `first_seq`.
    pub anchor: ChainValue,
    /// Chain value of the last exported record (`anchor` if `count` is 0).
    pub head: ChainValue,
}

impl ExportHeader {
    /// Encodes the header, with the tag `chain` computes over it and the keyed flag set if
    /// `chain` is keyed.
    ///
    /// ```
    /// use otcheck_core::audit_log::{Chain, ChainKey, ChainValue, ExportHeader, ExportView, LogCounters, Protection, HEADER_LEN};
    /// let header = ExportHeader {
    ///     count: 0, capacity: 7, first_seq: 5, oldest_seq: 5, next_seq: 5,
    ///     counters: LogCounters { overwritten: 5, refused: 0, released: 0 },
    ///     anchor: ChainValue::from_bytes([1; 32]), head: ChainValue::from_bytes([1; 32]),
    /// };
    /// let mut bytes = [0u8; HEADER_LEN];
    /// header.emit(&Chain::keyed(&ChainKey::new([9; 32])), &mut bytes);
    /// assert_eq!(ExportView::new_checked(&bytes)?.protection(), Protection::Keyed);
    /// # Ok::<(), otcheck_core::audit_log::FormatError>(())
    /// ```
    pub fn emit(&self, chain: &Chain, out: &mut [u8; HEADER_LEN]) {
        let flags = match chain.protection() {
            Protection::Keyed => FLAG_KEYED,
            Protection::Unkeyed => 0,
        };
        let record_len = u16::try_from(RECORD_LEN).unwrap_or(u16::MAX);
        put(out, 0, &EXPORT_MAGIC);
        put(out, 4, &[EXPORT_VERSION, flags]);
        put(out, 6, &record_len.to_le_bytes());
        put(out, 8, &self.count.to_le_bytes());
        put(out, 12, &self.capacity.to_le_bytes());
        put(out, 16, &self.first_seq.to_le_bytes());
        put(out, 24, &self.oldest_seq.to_le_bytes());
        put(out, 32, &self.next_seq.to_le_bytes());
        put(out, 40, &self.counters.overwritten.to_le_bytes());
        put(out, 48, &self.counters.refused.to_le_bytes());
        put(out, 56, &self.counters.released.to_le_bytes());
        put(out, 64, self.anchor.as_bytes());
        put(out, 96, self.head.as_bytes());
        let tag = chain.header_tag(out.get(..TAGGED_LEN).unwrap_or(&[]));
        put(out, TAGGED_LEN, tag.as_bytes());
    }
}

/// A checked view of an export: the header is validated, the records are not (that is what
/// [`verify_export`](super::verify_export) does).
///
/// ```text
/// offset len field
///      0   4 magic "OTAL"
///      4   1 version, 1
///      5   1 flags: bit 0 = keyed chain; other bits zero
///      6   2 record length, 104
///      8   4 count: records in this export
///     12   4 capacity of the log (records)
///     16   8 first_seq: sequence number of the first record (the log's next_seq if count is 0)
///     24   8 oldest_seq: oldest record the log held at export time
///     32   8 next_seq: sequence number the log would give its next record
///     40   8 records overwritten so far (overwrite policy)
///     48   8 events refused so far (refuse policy, storage failures)
///     56   8 records released so far (taken off the device)
///     64  32 anchor: chain value before first_seq (all zero when first_seq is 0)
///     96  32 head: chain value of the last record (the anchor if count is 0)
///    128  32 tag: SHA-256 or HMAC-SHA256 over "OTAL-HD1" || bytes 0..128
///    160     count records of 104 bytes each (see the record layout)
/// ```
///
/// All integers are little-endian. The header commits to the record count and the head, so
/// dropping records from the end is detected like any other change; in keyed mode the tag is a
/// MAC, so only a key holder can write a valid header.
///
/// ```
/// use otcheck_core::audit_log::{ActorId, AuditLog, Category, Event, EventOutcome, ExportView, LogConfig, Timestamp};
/// let mut log = AuditLog::<8>::new(LogConfig::default(), None);
/// let e = Event::new(Category::BackupRestore, EventOutcome::Success, 3, ActorId::default())?;
/// log.append(&e, Timestamp::synchronised(0))?;
/// let mut buf = [0u8; 1024];
/// let info = log.export_to_slice(0, u32::MAX, &mut buf)?;
/// let view = ExportView::new_checked(&buf[..info.bytes])?;
/// assert_eq!(view.header().count, 1);
/// assert_eq!(view.records().count(), 1);
/// assert_eq!(view.trailing_len(), 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportView<'a> {
    header: &'a [u8; HEADER_LEN],
    body: &'a [u8],
}

impl<'a> ExportView<'a> {
    /// Validates the header of `bytes`.
    ///
    /// # Errors
    ///
    /// [`FormatError`] for the first header field that is missing or invalid.
    ///
    /// ```
    /// use otcheck_core::audit_log::{ExportView, FormatError};
    /// assert!(matches!(ExportView::new_checked(&[]), Err(FormatError::Truncated { field: "magic", .. })));
    /// ```
    pub fn new_checked(bytes: &'a [u8]) -> Result<Self, FormatError> {
        for (field, offset, needed) in FIELDS {
            let end = offset.saturating_add(needed);
            if bytes.len() < end {
                return Err(FormatError::Truncated {
                    field,
                    offset,
                    needed,
                    available: bytes.len().saturating_sub(offset),
                });
            }
            match offset {
                0 => {
                    let found: [u8; 4] = get_array(bytes, 0);
                    if found != EXPORT_MAGIC {
                        return Err(FormatError::BadMagic { found });
                    }
                }
                4 => {
                    let found = get_u8(bytes, 4);
                    if found != EXPORT_VERSION {
                        return Err(FormatError::UnsupportedVersion {
                            found,
                            supported: EXPORT_VERSION,
                        });
                    }
                }
                5 => {
                    let found = get_u8(bytes, 5);
                    if found & !FLAG_KEYED != 0 {
                        return Err(FormatError::UnknownFlags { found });
                    }
                }
                6 => {
                    let found = get_u16(bytes, 6);
                    let expected = u16::try_from(RECORD_LEN).unwrap_or(u16::MAX);
                    if found != expected {
                        return Err(FormatError::RecordLength { found, expected });
                    }
                }
                _ => {}
            }
        }
        let (header, body) = bytes.split_first_chunk::<HEADER_LEN>().ok_or(
            // Not reachable: every header field was found present above.
            FormatError::Truncated {
                field: "tag",
                offset: TAGGED_LEN,
                needed: 32,
                available: 0,
            },
        )?;
        Ok(Self { header, body })
    }

    /// Whether the export's chain is keyed.
    ///
    /// ```
    /// # use otcheck_core::audit_log::*;
    /// let mut log = AuditLog::<8>::new(LogConfig::default(), None);
    /// let mut buf = [0u8; 512];
    /// let n = log.export_to_slice(0, 10, &mut buf)?.bytes;
    /// assert_eq!(ExportView::new_checked(&buf[..n])?.protection(), Protection::Unkeyed);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn protection(&self) -> Protection {
        if get_u8(self.header, 5) & FLAG_KEYED != 0 {
            Protection::Keyed
        } else {
            Protection::Unkeyed
        }
    }

    /// The decoded header.
    ///
    /// ```
    /// # use otcheck_core::audit_log::*;
    /// let mut log = AuditLog::<8>::new(LogConfig::default(), None);
    /// let mut buf = [0u8; 512];
    /// let n = log.export_to_slice(0, 10, &mut buf)?.bytes;
    /// assert_eq!(ExportView::new_checked(&buf[..n])?.header().capacity, 7);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn header(&self) -> ExportHeader {
        let h = self.header;
        ExportHeader {
            count: get_u32(h, 8),
            capacity: get_u32(h, 12),
            first_seq: get_u64(h, 16),
            oldest_seq: get_u64(h, 24),
            next_seq: get_u64(h, 32),
            counters: LogCounters {
                overwritten: get_u64(h, 40),
                refused: get_u64(h, 48),
                released: get_u64(h, 56),
            },
            anchor: ChainValue::from_bytes(get_array(h, 64)),
            head: ChainValue::from_bytes(get_array(h, 96)),
        }
    }

    /// The stored header tag.
    ///
    /// ```
    /// # use otcheck_core::audit_log::*;
    /// let mut log = AuditLog::<8>::new(LogConfig::default(), None);
    /// let mut buf = [0u8; 512];
    /// let n = log.export_to_slice(0, 10, &mut buf)?.bytes;
    /// assert_ne!(ExportView::new_checked(&buf[..n])?.tag(), ChainValue::GENESIS);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn tag(&self) -> ChainValue {
        ChainValue::from_bytes(get_array(self.header, TAGGED_LEN))
    }

    /// Whether the stored tag is the one `chain` computes over the header (constant time).
    pub(crate) fn tag_matches(&self, chain: &Chain) -> bool {
        chain
            .header_tag(self.header.get(..TAGGED_LEN).unwrap_or(&[]))
            .ct_eq(&self.tag())
    }

    /// The whole records present after the header (which may be more or fewer than the header's
    /// count, if the export was cut short or extended).
    ///
    /// ```
    /// # use otcheck_core::audit_log::*;
    /// let mut log = AuditLog::<8>::new(LogConfig::default(), None);
    /// let mut buf = [0u8; 512];
    /// let n = log.export_to_slice(0, 10, &mut buf)?.bytes;
    /// assert_eq!(ExportView::new_checked(&buf[..n])?.records().count(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn records(&self) -> impl ExactSizeIterator<Item = RecordView<'a>> + 'a {
        static BLANK: [u8; RECORD_LEN] = [0; RECORD_LEN];
        self.body
            .chunks_exact(RECORD_LEN)
            .map(|c| RecordView::new(c.try_into().unwrap_or(&BLANK)))
    }

    /// The record at position `index` (0 = the first after the header), if present.
    ///
    /// ```
    /// # use otcheck_core::audit_log::*;
    /// let mut log = AuditLog::<8>::new(LogConfig::default(), None);
    /// log.append(&Event::new(Category::AuditLog, EventOutcome::Info, 1, ActorId::default())?, Timestamp::synchronised(0))?;
    /// let mut buf = [0u8; 512];
    /// let n = log.export_to_slice(0, 10, &mut buf)?.bytes;
    /// let view = ExportView::new_checked(&buf[..n])?;
    /// assert_eq!(view.record(0).map(|r| r.seq()), Some(0));
    /// assert!(view.record(1).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn record(&self, index: u64) -> Option<RecordView<'a>> {
        let start = usize::try_from(index).ok()?.checked_mul(RECORD_LEN)?;
        let bytes = self.body.get(start..)?.first_chunk::<RECORD_LEN>()?;
        Some(RecordView::new(bytes))
    }

    /// Number of whole records present after the header.
    ///
    /// ```
    /// # use otcheck_core::audit_log::*;
    /// let mut log = AuditLog::<8>::new(LogConfig::default(), None);
    /// let mut buf = [0u8; 512];
    /// let n = log.export_to_slice(0, 10, &mut buf)?.bytes;
    /// assert_eq!(ExportView::new_checked(&buf[..n + 104])?.record_count(), 1, "one more record's worth of bytes");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn record_count(&self) -> u64 {
        u64::try_from(self.body.len().checked_div(RECORD_LEN).unwrap_or(0)).unwrap_or(u64::MAX)
    }

    /// Bytes after the last whole record (non-zero when a record was cut in the middle).
    ///
    /// ```
    /// # use otcheck_core::audit_log::*;
    /// let mut log = AuditLog::<8>::new(LogConfig::default(), None);
    /// let mut buf = [0u8; 512];
    /// let n = log.export_to_slice(0, 10, &mut buf)?.bytes;
    /// assert_eq!(ExportView::new_checked(&buf[..n + 5])?.trailing_len(), 5);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn trailing_len(&self) -> usize {
        self.body.len().checked_rem(RECORD_LEN).unwrap_or(0)
    }
}

impl fmt::Display for ExportHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} records from seq {} (log holds seq {}..{}, capacity {})",
            self.count, self.first_seq, self.oldest_seq, self.next_seq, self.capacity
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit_log::ChainKey;

    fn header() -> ExportHeader {
        ExportHeader {
            count: 3,
            capacity: 1000,
            first_seq: 0x1122_3344_5566_7788,
            oldest_seq: 0x1122_3344_5566_7700,
            next_seq: 0x1122_3344_5566_7799,
            counters: LogCounters {
                overwritten: 0x1122_3344_5566_7600,
                refused: 4,
                released: 0x100,
            },
            anchor: ChainValue::from_bytes([0xa1; 32]),
            head: ChainValue::from_bytes([0xb2; 32]),
        }
    }

    fn header_bytes(chain: &Chain) -> [u8; HEADER_LEN] {
        let mut b = [0u8; HEADER_LEN];
        header().emit(chain, &mut b);
        b
    }

    #[test]
    fn layout_is_as_documented() {
        let b = header_bytes(&Chain::unkeyed());
        assert_eq!(&b[0..4], b"OTAL");
        assert_eq!(b[4], 1);
        assert_eq!(b[5], 0);
        assert_eq!(&b[6..8], &104u16.to_le_bytes());
        assert_eq!(&b[8..12], &3u32.to_le_bytes());
        assert_eq!(&b[12..16], &1000u32.to_le_bytes());
        assert_eq!(&b[16..24], &0x1122_3344_5566_7788u64.to_le_bytes());
        assert_eq!(&b[48..56], &4u64.to_le_bytes());
        assert_eq!(&b[64..96], &[0xa1; 32]);
        assert_eq!(&b[96..128], &[0xb2; 32]);
        assert_eq!(b[5] & 1, 0);
        let keyed = header_bytes(&Chain::keyed(&ChainKey::new([1; 32])));
        assert_eq!(keyed[5], 1);
        assert_ne!(keyed[128..], b[128..], "the tag depends on the key");
    }

    #[test]
    fn header_round_trips_and_tag_checks() {
        let chain = Chain::keyed(&ChainKey::new([7; 32]));
        let b = header_bytes(&chain);
        let view = ExportView::new_checked(&b).unwrap();
        assert_eq!(view.header(), header());
        assert_eq!(view.protection(), Protection::Keyed);
        assert!(view.tag_matches(&chain));
        assert!(!view.tag_matches(&Chain::keyed(&ChainKey::new([8; 32]))));
        assert!(!view.tag_matches(&Chain::unkeyed()));
        assert_eq!(view.record_count(), 0);
        assert_eq!(view.trailing_len(), 0);
    }

    #[test]
    fn every_truncated_header_prefix_names_the_missing_field() {
        let b = header_bytes(&Chain::unkeyed());
        for len in 0..HEADER_LEN {
            let err = ExportView::new_checked(&b[..len]).unwrap_err();
            let FormatError::Truncated {
                field,
                offset,
                needed,
                available,
            } = err
            else {
                panic!("prefix {len}: {err:?}");
            };
            let (name, off, size) = FIELDS
                .iter()
                .copied()
                .find(|(_, off, size)| off + size > len)
                .unwrap();
            assert_eq!((field, offset, needed), (name, off, size), "prefix {len}");
            assert_eq!(available, len - off, "prefix {len}");
        }
        assert!(ExportView::new_checked(&b).is_ok());
    }

    #[test]
    fn invalid_header_fields_are_reported() {
        let good = header_bytes(&Chain::unkeyed());
        let mut b = good;
        b[0] = b'X';
        assert_eq!(
            ExportView::new_checked(&b).unwrap_err(),
            FormatError::BadMagic { found: *b"XTAL" }
        );
        b = good;
        b[4] = 2;
        assert_eq!(
            ExportView::new_checked(&b).unwrap_err(),
            FormatError::UnsupportedVersion {
                found: 2,
                supported: 1
            }
        );
        b = good;
        b[5] = 0x82;
        assert_eq!(
            ExportView::new_checked(&b).unwrap_err(),
            FormatError::UnknownFlags { found: 0x82 }
        );
        b = good;
        b[6] = 105;
        assert_eq!(
            ExportView::new_checked(&b).unwrap_err(),
            FormatError::RecordLength {
                found: 105,
                expected: 104
            }
        );
    }

    #[test]
    fn body_is_split_into_whole_records_and_a_tail() {
        let mut buf = std::vec::Vec::from(header_bytes(&Chain::unkeyed()));
        buf.extend_from_slice(&[1; RECORD_LEN]);
        buf.extend_from_slice(&[2; RECORD_LEN]);
        buf.extend_from_slice(&[3; 10]);
        let view = ExportView::new_checked(&buf).unwrap();
        assert_eq!(view.record_count(), 2);
        assert_eq!(view.records().len(), 2);
        assert_eq!(view.trailing_len(), 10);
        assert_eq!(view.record(1).unwrap().as_bytes(), &[2; RECORD_LEN]);
        assert!(view.record(2).is_none());
        assert!(view.record(u64::MAX).is_none());
    }

    #[test]
    fn export_len_overflows_to_none() {
        assert_eq!(export_len(0), Some(HEADER_LEN));
        assert_eq!(export_len(usize::MAX), None);
    }
}
