//! The self-test report on the wire: a compact, versioned binary encoding that a device hands
//! to a host (CR 7.6 RE 1), protected by SHA-256.
//!
//! ## Format, version 1 (all integers little-endian)
//!
//! | offset | size | field |
//! |---|---|---|
//! | 0 | 4 | magic `OTST` |
//! | 4 | 1 | format version (1) |
//! | 5 | 1 | component type: 0 software, 1 embedded, 2 host, 3 network |
//! | 6 | 1 | target SL (0–4) |
//! | 7 | 7 | SL-C achieved, FR 1 to FR 7 (0–4 each) |
//! | 14 | 1 | record count *n* (at most [`MAX_RECORDS`]) |
//! | 15 | 5·*n* | records: check code `u16`, outcome `u8` (0 pass, 1 fail, 2 not applicable, 3 not assessed, 4 error), finding code `u16` (0 none) |
//! | 15+5·*n* | 32 | SHA-256 of every byte before it |
//!
//! Check and finding codes come from the registries [`CHECK_CODES`] and [`FINDING_CODES`]:
//! a code is assigned once and never reused, so old reports decode with new tools. A finding
//! code the registry does not know is sent as [`UNREGISTERED`].
//!
//! Guarantee: [`decode`] never panics on any input and reports what is wrong and where; an
//! input whose SHA-256 does not match is rejected before any field is trusted.

use core::fmt;

use sha2::{Digest as _, Sha256};

use crate::catalog::ComponentType;
use crate::check::{CheckInfo, FindingCode, OutcomeKind};
use crate::selftest::SelfTestReport;
use crate::sl::{SecurityLevel, SlVector};
use crate::{audit_log, auth, integrity, resource};

/// The magic at the start of every encoded report.
pub const MAGIC: [u8; 4] = *b"OTST";
/// The format version this code writes and reads.
pub const VERSION: u8 = 1;
/// The most records one report holds.
pub const MAX_RECORDS: usize = 48;
/// Header bytes before the records.
const HEADER: usize = 15;
/// Bytes per record.
const RECORD: usize = 5;
/// Bytes of the SHA-256 trailer.
const TAG: usize = 32;
/// The largest encoded report.
pub const MAX_LEN: usize = HEADER + RECORD * MAX_RECORDS + TAG;
/// Finding code sent for a finding the registry does not know.
pub const UNREGISTERED: u16 = 0xFFFF;

/// Check codes. Append only: never renumber or reuse a code.
pub static CHECK_CODES: &[(u16, &str)] = &[
    (1, "auth.human-authentication"),
    (2, "auth.unique-accounts"),
    (3, "auth.stored-authenticator"),
    (4, "auth.default-credential"),
    (5, "auth.password-policy"),
    (6, "auth.password-strength"),
    (7, "auth.password-lifetime-human"),
    (8, "auth.password-lifetime"),
    (9, "auth.feedback"),
    (10, "auth.lockout"),
    (11, "auth.login-banner"),
    (12, "auth.session-lock"),
    (13, "auth.session-termination"),
    (14, "auth.concurrent-sessions"),
    (100, "integrity.image-digest"),
    (101, "integrity.image-signature"),
    (102, "integrity.update-verification"),
    (103, "integrity.anti-rollback"),
    (104, "integrity.boot-verification"),
    (105, "integrity.boot-authenticity"),
    (106, "integrity.supplier-roots"),
    (107, "integrity.owner-roots"),
    (200, "audit-log.categories"),
    (201, "audit-log.capacity"),
    (202, "audit-log.capacity-warning"),
    (203, "audit-log.failure-policy"),
    (204, "audit-log.time-sync"),
    (205, "audit-log.integrity"),
    (300, "resource.dos-protection"),
    (301, "resource.rate-limit"),
    (302, "resource.session-limit"),
    (303, "resource.limits"),
    (304, "resource.backup"),
    (305, "resource.backup-integrity"),
    (306, "resource.settings-report"),
    (307, "resource.least-functionality"),
    (308, "resource.inventory"),
];

/// Finding codes. Append only: never renumber or reuse a code.
pub static FINDING_CODES: &[(u16, &str)] = &[
    (1, "AUTH-ANONYMOUS-ACCOUNT"),
    (2, "AUTH-BANNER-EMPTY"),
    (3, "AUTH-BANNER-MISSING"),
    (4, "AUTH-CONCURRENT-SESSIONS-LIMIT"),
    (5, "AUTH-CONCURRENT-SESSIONS-UNLIMITED"),
    (6, "AUTH-DEFAULT-PASSWORD"),
    (7, "AUTH-DUPLICATE-ACCOUNT-NAME"),
    (8, "AUTH-DUPLICATE-UID"),
    (9, "AUTH-EMPTY-PASSWORD"),
    (10, "AUTH-FEEDBACK-NOT-OBSCURED"),
    (11, "AUTH-FEEDBACK-REVEALS-USER"),
    (12, "AUTH-HASH-LOW-COST"),
    (13, "AUTH-HASH-SHORT-SALT"),
    (14, "AUTH-HASH-WEAK-ALGORITHM"),
    (15, "AUTH-LOCKOUT-DISABLED"),
    (16, "AUTH-LOCKOUT-DURATION"),
    (17, "AUTH-LOCKOUT-THRESHOLD"),
    (18, "AUTH-LOCKOUT-WINDOW"),
    (19, "AUTH-PW-BLOCKLIST"),
    (20, "AUTH-PW-CHAR-CLASSES"),
    (21, "AUTH-PW-COMMON"),
    (22, "AUTH-PW-CONTAINS-CONTEXT"),
    (23, "AUTH-PW-GUESSABLE"),
    (24, "AUTH-PW-HISTORY"),
    (25, "AUTH-PW-LIFETIME-INCONSISTENT"),
    (26, "AUTH-PW-LIFETIME-SCOPE"),
    (27, "AUTH-PW-MAX-LIFETIME"),
    (28, "AUTH-PW-MAX-REPEAT"),
    (29, "AUTH-PW-MIN-LENGTH"),
    (30, "AUTH-PW-MIN-LIFETIME"),
    (31, "AUTH-PW-TOO-SHORT"),
    (32, "AUTH-SESSION-LOCK-MISSING"),
    (33, "AUTH-SESSION-LOCK-TIMEOUT"),
    (34, "AUTH-SESSION-TERMINATION-MISSING"),
    (35, "AUTH-SESSION-TERMINATION-TIMEOUT"),
    (36, "AUTH-SHARED-ACCOUNT"),
    (37, "AUTH-UNAUTHENTICATED-ACCOUNT"),
    (100, "INTEGRITY-BOOT-UNSIGNED"),
    (101, "INTEGRITY-BOOT-UNVERIFIED"),
    (102, "INTEGRITY-DIGEST-MISMATCH"),
    (103, "INTEGRITY-MANIFEST-INVALID"),
    (104, "INTEGRITY-NO-OWNER-ROOT"),
    (105, "INTEGRITY-NO-SUPPLIER-ROOT"),
    (106, "INTEGRITY-ROLLBACK"),
    (107, "INTEGRITY-SIGNATURE-INVALID"),
    (108, "INTEGRITY-UNKNOWN-KEY"),
    (109, "INTEGRITY-UNSIGNED"),
    (200, "AUDIT-CAPACITY-UNSET"),
    (201, "AUDIT-CATEGORY-MISSING"),
    (202, "AUDIT-CHAIN-BROKEN"),
    (203, "AUDIT-CHAIN-UNKEYED"),
    (204, "AUDIT-NO-FAILURE-POLICY"),
    (205, "AUDIT-NO-THRESHOLD-WARNING"),
    (206, "AUDIT-TIME-UNSYNCED"),
    (300, "RESOURCE-BACKUP-CORRUPT"),
    (301, "RESOURCE-BACKUP-UNVERIFIED"),
    (302, "RESOURCE-INTERFACE-NOT-ALLOWED"),
    (303, "RESOURCE-INVENTORY-EMPTY"),
    (304, "RESOURCE-LIMIT-ABOVE-CAPACITY"),
    (305, "RESOURCE-LIMIT-UNSET"),
    (306, "RESOURCE-NO-BACKUP"),
    (307, "RESOURCE-NO-DOS-PROTECTION"),
    (308, "RESOURCE-NO-INVENTORY"),
    (309, "RESOURCE-NO-RATE-LIMIT"),
    (310, "RESOURCE-NO-SESSION-LIMIT"),
    (311, "RESOURCE-NO-SETTINGS-REPORT"),
    (312, "RESOURCE-PORT-NOT-ALLOWED"),
    (313, "RESOURCE-SERVICE-NOT-ALLOWED"),
    (314, "RESOURCE-SETTINGS-NOT-MACHINE-READABLE"),
];

/// Every check the core defines, for looking a decoded check code up.
fn all_checks() -> impl Iterator<Item = &'static CheckInfo> {
    auth::CHECKS
        .iter()
        .chain(integrity::CHECKS)
        .chain(audit_log::CHECKS)
        .chain(resource::CHECKS)
        .copied()
}

/// The check with this wire code.
///
/// ```
/// assert_eq!(otcheck_core::wire::check_by_code(10).map(|c| c.id.as_str()), Some("auth.lockout"));
/// assert!(otcheck_core::wire::check_by_code(9999).is_none());
/// ```
#[must_use]
pub fn check_by_code(code: u16) -> Option<&'static CheckInfo> {
    let id = CHECK_CODES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, id)| *id)?;
    all_checks().find(|c| c.id.as_str() == id)
}

/// The wire code of a check.
///
/// ```
/// assert_eq!(otcheck_core::wire::check_code("integrity.image-digest"), Some(100));
/// ```
#[must_use]
pub fn check_code(id: &str) -> Option<u16> {
    CHECK_CODES.iter().find(|(_, i)| *i == id).map(|(c, _)| *c)
}

/// The finding with this wire code.
///
/// ```
/// let code = otcheck_core::wire::finding_by_code(15).map(|f| f.as_str());
/// assert_eq!(code, Some("AUTH-LOCKOUT-DISABLED"));
/// ```
#[must_use]
pub fn finding_by_code(code: u16) -> Option<FindingCode> {
    FINDING_CODES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, f)| FindingCode::new(f))
}

/// The wire code of a finding, [`UNREGISTERED`] for one the registry does not know.
///
/// ```
/// use otcheck_core::{wire, FindingCode};
/// assert_eq!(wire::finding_code(FindingCode::new("INTEGRITY-ROLLBACK")), 106);
/// assert_eq!(wire::finding_code(FindingCode::new("VENDOR-X")), wire::UNREGISTERED);
/// ```
#[must_use]
pub fn finding_code(code: FindingCode) -> u16 {
    FINDING_CODES
        .iter()
        .find(|(_, f)| *f == code.as_str())
        .map_or(UNREGISTERED, |(c, _)| *c)
}

const fn outcome_byte(o: OutcomeKind) -> u8 {
    match o {
        OutcomeKind::Pass => 0,
        OutcomeKind::Fail => 1,
        OutcomeKind::NotApplicable => 2,
        OutcomeKind::NotAssessed => 3,
        OutcomeKind::Error => 4,
    }
}

const fn outcome_from(b: u8) -> Option<OutcomeKind> {
    match b {
        0 => Some(OutcomeKind::Pass),
        1 => Some(OutcomeKind::Fail),
        2 => Some(OutcomeKind::NotApplicable),
        3 => Some(OutcomeKind::NotAssessed),
        4 => Some(OutcomeKind::Error),
        _ => None,
    }
}

const fn component_byte(c: ComponentType) -> u8 {
    match c {
        ComponentType::SoftwareApplication => 0,
        ComponentType::EmbeddedDevice => 1,
        ComponentType::HostDevice => 2,
        ComponentType::NetworkDevice => 3,
    }
}

const fn component_from(b: u8) -> Option<ComponentType> {
    match b {
        0 => Some(ComponentType::SoftwareApplication),
        1 => Some(ComponentType::EmbeddedDevice),
        2 => Some(ComponentType::HostDevice),
        3 => Some(ComponentType::NetworkDevice),
        _ => None,
    }
}

/// Encoding failed.
///
/// ```
/// use otcheck_core::wire::EncodeError;
/// assert_eq!(EncodeError::BufferTooSmall { needed: 52, available: 10 }.to_string(), "encoded report needs 52 bytes, the buffer has 10");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EncodeError {
    /// The output buffer is too small.
    #[error("encoded report needs {needed} bytes, the buffer has {available}")]
    BufferTooSmall {
        /// Bytes needed.
        needed: usize,
        /// Bytes available.
        available: usize,
    },
    /// A result's check has no wire code.
    #[error("check {0} has no wire code")]
    UnregisteredCheck(&'static str),
}

/// Encodes `report` into `buf`, returning the number of bytes written.
///
/// # Errors
/// [`EncodeError`] if `buf` is shorter than the encoding or a check has no wire code.
///
/// ```
/// use otcheck_core::{selftest, wire};
/// let report = selftest::run(&selftest::DeviceProfile::default(), &selftest::Evidence::<1>::default());
/// let mut buf = [0u8; wire::MAX_LEN];
/// let n = wire::encode(&report, &mut buf)?;
/// let decoded = wire::decode(buf.get(..n).ok_or("short")?)?;
/// assert_eq!(decoded.records().count(), report.results().len());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn encode(report: &SelfTestReport, buf: &mut [u8]) -> Result<usize, EncodeError> {
    let results = report.results();
    let count = results.len().min(MAX_RECORDS);
    let body = HEADER.saturating_add(RECORD.saturating_mul(count));
    let needed = body.saturating_add(TAG);
    let available = buf.len();
    let out = buf
        .get_mut(..needed)
        .ok_or(EncodeError::BufferTooSmall { needed, available })?;
    let (content, tag) = out.split_at_mut(body);
    let (head, records) = content.split_at_mut(HEADER);
    let [l1, l2, l3, l4, l5, l6, l7] = report.sl_achieved().levels().map(SecurityLevel::number);
    let [m0, m1, m2, m3] = MAGIC;
    copy(
        head,
        &[
            m0,
            m1,
            m2,
            m3,
            VERSION,
            component_byte(report.component()),
            report.target_sl().number(),
            l1,
            l2,
            l3,
            l4,
            l5,
            l6,
            l7,
            u8::try_from(count).unwrap_or(u8::MAX),
        ],
    );
    let (slots, _) = records.as_chunks_mut::<RECORD>();
    for (slot, result) in slots.iter_mut().zip(results) {
        let id = result.info.id.as_str();
        let check = check_code(id).ok_or(EncodeError::UnregisteredCheck(id))?;
        let finding = result.outcome.finding().map_or(0, |f| finding_code(f.code));
        let [c0, c1] = check.to_le_bytes();
        let [f0, f1] = finding.to_le_bytes();
        *slot = [c0, c1, outcome_byte(result.outcome.outcome_kind()), f0, f1];
    }
    copy(tag, &Sha256::digest(&*content));
    Ok(needed)
}

/// Copies `src` into `dst` up to the shorter length. Unlike `copy_from_slice`, it has no
/// length check that could panic, which keeps the release firmware free of panic paths.
fn copy(dst: &mut [u8], src: &[u8]) {
    for (d, s) in dst.iter_mut().zip(src) {
        *d = *s;
    }
}

/// Why bytes are not a valid encoded report.
///
/// ```
/// use otcheck_core::wire::{decode, DecodeError};
/// assert_eq!(decode(b"OTS").err(), Some(DecodeError::Truncated { needed: 47, available: 3 }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum DecodeError {
    /// Fewer bytes than the header (or the announced records) need.
    #[error("report truncated: needs {needed} bytes, {available} present")]
    Truncated {
        /// Bytes needed.
        needed: usize,
        /// Bytes present.
        available: usize,
    },
    /// Bytes after the SHA-256 trailer.
    #[error("{extra} unexpected bytes after the report")]
    TrailingBytes {
        /// How many.
        extra: usize,
    },
    /// Not an otcheck self-test report.
    #[error("bad magic at offset 0: not an otcheck self-test report")]
    BadMagic,
    /// A format version this code does not read.
    #[error("unsupported format version {0} at offset 4 (this tool reads version 1)")]
    UnsupportedVersion(u8),
    /// The SHA-256 trailer does not match: the report was corrupted or altered.
    #[error("SHA-256 mismatch: the report was corrupted or altered")]
    DigestMismatch,
    /// A field holds a value outside its range.
    #[error("field `{field}` at offset {offset} holds invalid value {value}")]
    BadField {
        /// Field name.
        field: &'static str,
        /// Byte offset.
        offset: usize,
        /// The value found.
        value: u16,
    },
    /// More records than [`MAX_RECORDS`].
    #[error("{0} records announced, at most 48 allowed")]
    TooManyRecords(u8),
}

/// A decoded, digest-checked report. Fields are validated; records are checked on iteration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decoded<'a> {
    component: ComponentType,
    target_sl: SecurityLevel,
    sl_achieved: SlVector,
    records: &'a [u8],
}

/// One decoded record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WireRecord {
    /// The check's wire code.
    pub check_code: u16,
    /// The check, if this tool knows the code.
    pub check: Option<&'static CheckInfo>,
    /// The outcome.
    pub outcome: OutcomeKind,
    /// The finding's wire code (0 none).
    pub finding_code: u16,
    /// The finding, if registered.
    pub finding: Option<FindingCode>,
}

impl Decoded<'_> {
    /// The component type the device declared.
    #[must_use]
    pub const fn component(&self) -> ComponentType {
        self.component
    }
    /// The target SL the device declared.
    #[must_use]
    pub const fn target_sl(&self) -> SecurityLevel {
        self.target_sl
    }
    /// The SL-C the device computed.
    #[must_use]
    pub const fn sl_achieved(&self) -> SlVector {
        self.sl_achieved
    }
    /// The records.
    pub fn records(&self) -> impl Iterator<Item = WireRecord> + '_ {
        self.records.chunks_exact(RECORD).filter_map(|r| {
            let [c0, c1, o, f0, f1] = <[u8; RECORD]>::try_from(r).ok()?;
            let check_code = u16::from_le_bytes([c0, c1]);
            let finding_code = u16::from_le_bytes([f0, f1]);
            Some(WireRecord {
                check_code,
                check: check_by_code(check_code),
                outcome: outcome_from(o)?,
                finding_code,
                finding: finding_by_code(finding_code),
            })
        })
    }
}

impl fmt::Display for Decoded<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} device, target {}, SL-C {}",
            self.component, self.target_sl, self.sl_achieved
        )
    }
}

fn byte(input: &[u8], offset: usize) -> u8 {
    input.get(offset).copied().unwrap_or_default()
}

/// Decodes and digest-checks an encoded report.
///
/// # Errors
/// [`DecodeError`] saying what is wrong and where. Nothing but the magic, version and length is
/// read before the SHA-256 is checked.
///
/// ```
/// assert!(otcheck_core::wire::decode(&[0u8; 100]).is_err());
/// ```
pub fn decode(input: &[u8]) -> Result<Decoded<'_>, DecodeError> {
    let min = HEADER.saturating_add(TAG);
    if input.len() < min {
        return Err(DecodeError::Truncated {
            needed: min,
            available: input.len(),
        });
    }
    if input.get(..4) != Some(&MAGIC[..]) {
        return Err(DecodeError::BadMagic);
    }
    let version = byte(input, 4);
    if version != VERSION {
        return Err(DecodeError::UnsupportedVersion(version));
    }
    let count = byte(input, 14);
    if usize::from(count) > MAX_RECORDS {
        return Err(DecodeError::TooManyRecords(count));
    }
    let body = HEADER.saturating_add(RECORD.saturating_mul(usize::from(count)));
    let total = body.saturating_add(TAG);
    if input.len() < total {
        return Err(DecodeError::Truncated {
            needed: total,
            available: input.len(),
        });
    }
    if input.len() > total {
        return Err(DecodeError::TrailingBytes {
            extra: input.len().saturating_sub(total),
        });
    }
    let (signed, tag) = input.split_at(body);
    let digest = Sha256::digest(signed);
    if !integrity::ct_eq(digest.as_slice(), tag) {
        return Err(DecodeError::DigestMismatch);
    }
    let bad = |field, offset: usize| DecodeError::BadField {
        field,
        offset,
        value: u16::from(byte(input, offset)),
    };
    let component = component_from(byte(input, 5)).ok_or_else(|| bad("component", 5))?;
    let target_sl = SecurityLevel::new(byte(input, 6)).ok_or_else(|| bad("target_sl", 6))?;
    let mut levels = [SecurityLevel::Sl0; 7];
    for (i, slot) in levels.iter_mut().enumerate() {
        let offset = 7_usize.saturating_add(i);
        *slot =
            SecurityLevel::new(byte(input, offset)).ok_or_else(|| bad("sl_achieved", offset))?;
    }
    let records = signed.get(HEADER..).unwrap_or_default();
    for (i, r) in records.chunks_exact(RECORD).enumerate() {
        let offset = HEADER
            .saturating_add(i.saturating_mul(RECORD))
            .saturating_add(2);
        if outcome_from(r.get(2).copied().unwrap_or(u8::MAX)).is_none() {
            return Err(bad("outcome", offset));
        }
    }
    Ok(Decoded {
        component,
        target_sl,
        sl_achieved: SlVector::from_levels(levels),
        records,
    })
}

// A self-test report always fits in one encoding.
const _: () = assert!(crate::selftest::MAX_RESULTS <= MAX_RECORDS);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::selftest::{DeviceProfile, Evidence, run};

    fn sample() -> ([u8; MAX_LEN], usize) {
        let mut profile = DeviceProfile::default();
        profile.password_policy.min_length = Some(16);
        let report = run(&profile, &Evidence::<1>::default());
        let mut buf = [0u8; MAX_LEN];
        let n = encode(&report, &mut buf).unwrap();
        (buf, n)
    }

    #[test]
    fn round_trip_keeps_every_result() {
        let mut profile = DeviceProfile::default();
        profile.password_policy.min_length = Some(4);
        let report = run(&profile, &Evidence::<1>::default());
        let mut buf = [0u8; MAX_LEN];
        let n = encode(&report, &mut buf).unwrap();
        let d = decode(&buf[..n]).unwrap();
        assert_eq!(
            (d.component(), d.target_sl(), d.sl_achieved()),
            (report.component(), report.target_sl(), report.sl_achieved())
        );
        let decoded: std::vec::Vec<WireRecord> = d.records().collect();
        assert_eq!(decoded.len(), report.results().len());
        for (w, r) in decoded.iter().zip(report.results()) {
            assert_eq!(w.check.map(|c| c.id), Some(r.info.id));
            assert_eq!(w.outcome, r.outcome.outcome_kind());
            assert_eq!(
                w.finding,
                r.outcome.finding().map(|f| f.code),
                "{}",
                r.info.id
            );
        }
    }

    #[test]
    fn every_truncated_prefix_and_extension_is_an_error() {
        let (buf, n) = sample();
        for len in 0..n {
            assert!(
                decode(&buf[..len]).is_err(),
                "prefix of {len} bytes accepted"
            );
        }
        assert_eq!(
            decode(&buf[..n + 1]),
            Err(DecodeError::TrailingBytes { extra: 1 })
        );
    }

    #[test]
    fn every_single_bit_flip_is_detected() {
        let (buf, n) = sample();
        for bit in 0..n * 8 {
            let mut flipped = buf;
            flipped[bit / 8] ^= 1 << (bit % 8);
            assert!(decode(&flipped[..n]).is_err(), "flip of bit {bit} accepted");
        }
    }

    #[test]
    fn small_buffers_are_refused() {
        let report = run(&DeviceProfile::default(), &Evidence::<1>::default());
        let mut small = [0u8; 20];
        assert!(matches!(
            encode(&report, &mut small),
            Err(EncodeError::BufferTooSmall { .. })
        ));
    }

    #[test]
    fn registries_are_unique_and_cover_every_core_check() {
        for table in [CHECK_CODES, FINDING_CODES] {
            for (i, (code, name)) in table.iter().enumerate() {
                assert!(*code != 0 && *code != UNREGISTERED, "{name}");
                assert!(
                    table
                        .iter()
                        .skip(i + 1)
                        .all(|(c, n)| c != code && n != name),
                    "{name} twice"
                );
            }
        }
        for check in all_checks() {
            let code = check_code(check.id.as_str())
                .unwrap_or_else(|| panic!("{} has no wire code", check.id));
            assert_eq!(check_by_code(code).map(|c| c.id), Some(check.id));
        }
        assert_eq!(
            all_checks().count(),
            CHECK_CODES.len(),
            "a registered check no longer exists"
        );
    }

    proptest::proptest! {
        #[test]
        fn decode_never_panics(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300)) {
            let _ = decode(&bytes).map(|d| d.records().count());
        }
    }
}
