//! The report: what an audit found, per check and per requirement, the SL-C reached and the
//! gaps to the target. [`Report::new`] judges; every output format renders this one model and
//! computes nothing new.

mod attest;
mod build;
mod device;
mod diff;
mod format;
mod model;

pub use attest::{AttestError, Attestation, Attestations, EvidenceFile, Waiver, sha256_hex};
pub use build::{GapRecord, RequirementRecord};
pub use device::DeviceReportError;
pub use diff::{Change, LevelChange, ReportDiff, diff};
pub use format::{Format, RenderOptions, UnknownFormat, render};
pub use model::{
    CheckRecord, Evidence, OutcomeKind, Report, SCHEMA_VERSION, TargetInfo, TargetKind, Tool,
};
