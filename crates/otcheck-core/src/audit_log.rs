//! A tamper-evident, fixed-capacity audit log for devices, its export format, its verifier, and
//! the checks on a device's logging configuration.
//!
//! | requirement | what this module provides |
//! |---|---|
//! | CR 2.8 auditable events | [`Category`] (the CR 2.8 categories), [`EventOutcome`], [`ActorId`], event code, payload |
//! | CR 2.9 capacity | [`AuditLog<N>`](AuditLog): `N` fixed at compile time, no heap |
//! | CR 2.9 RE 1 warning | [`Thresholds`]: warnings written to the log and returned to the caller |
//! | CR 2.10 failures | [`OverflowPolicy`]: overwrite (with loss markers) or refuse (reported); [`LogCounters`] |
//! | CR 2.11 (RE 1) timestamps | [`Timestamp`] supplied by the caller, with its [`TimeQuality`] |
//! | CR 3.9 protection | SHA-256 or HMAC-SHA256 [`Chain`]; [`verify_export`] / [`AuditLog::verify`] classify any break ([`Tamper`]) |
//! | CR 6.1 RE 1 programmatic access | versioned binary export ([`ExportView`], [`AuditLog::export_with`]) and [`LogSummary`] |
//!
//! The checks ([`CHECKS`], [`evaluate`]) judge a [`LoggingSettings`] and a verification result.
//!
//! ## Layers
//!
//! 1. **Record** (`record`): the 104-byte record and its checked view.
//! 2. **Chain** (`chain`): link values over records, keyed or not; see [`Chain`] for what each
//!    mode does and does not protect against.
//! 3. **Log** (`log`, `store`): the ring, its overflow policy, thresholds and loss markers, over
//!    a [`RecordStore`] the firmware implements (or [`RamStore`]).
//! 4. **Export** (`export`) and **verify** (`verify`): the wire format and its verifier, used
//!    on the host (`otcheck log verify`) and on the device.
//! 5. **Checks** (`checks`).
//!
//! ## End to end
//!
//! ```
//! use otcheck_core::audit_log::*;
//!
//! // On the device:
//! let key = ChainKey::new([0x11; 32]);
//! let mut log = AuditLog::<256>::new(LogConfig::default(), Some(&key));
//! let who = ActorId::from_name("operator")?;
//! let event = Event::new(Category::AccessControl, EventOutcome::Success, 0x0001, who)?;
//! log.append(&event, Timestamp::synchronised(1_714_000_000_000))?;
//! let mut export = [0u8; 4096];
//! let n = log.export_to_slice(0, u32::MAX, &mut export)?.bytes;
//!
//! // On the host:
//! let summary = verify_export(&export[..n], Some(&key), VerifyLimits::default())?;
//! assert_eq!(summary.records, 1);
//! let result = check_integrity(&Ok(summary));
//! assert!(result.outcome.is_pass());
//!
//! // Any change is detected:
//! export[HEADER_LEN + 30] ^= 1;
//! assert!(verify_export(&export[..n], Some(&key), VerifyLimits::default()).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod chain;
mod checks;
mod export;
mod log;
mod record;
mod store;
#[cfg(test)]
mod tests;
mod verify;

pub use chain::{Chain, ChainKey, ChainValue, KeyError, Protection};
pub use checks::{
    CHECKS, LoggingSettings, check_capacity, check_capacity_warning, check_categories,
    check_failure_policy, check_integrity, check_time_sync, evaluate,
};
pub use export::{
    EXPORT_MAGIC, EXPORT_VERSION, ExportHeader, ExportView, FormatError, HEADER_LEN, export_len,
};
pub use log::{
    AppendError, Appended, AuditLog, ConfigError, ExportError, ExportInfo, LogConfig, LogCounters,
    LogError, OverflowPolicy, Thresholds,
};
pub use record::{
    ACTOR_LEN, ActorId, BODY_LEN, Category, CategorySet, Event, EventError, EventOutcome, LogEvent,
    PAYLOAD_CAPACITY, RECORD_LEN, RESERVED_CODES_START, Record, RecordError, RecordView,
    TimeQuality, Timestamp,
};
pub use store::{RamStore, RecordStore, SlotOutOfRange};
pub use verify::{CategoryCounts, LogSummary, Tamper, VerifyError, VerifyLimits, verify_export};
