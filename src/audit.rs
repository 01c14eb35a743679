//! Running an audit: a plan (what, as which component type, against which SL, with which
//! checks) in, the check records and target metadata out.
//!
//! Guarantees: every check group runs on its own thread, so groups run in parallel; a group
//! that panics yields *error* records and one that outlives [`AuditPlan::timeout`] yields
//! *not assessed* records for each check it declared, and the audit goes on. Every declared
//! check gets exactly one record; records are sorted by check id so reports diff cleanly.
//! The lead's report layer turns an [`AuditOutcome`] into the full report (SL-C, gaps).

mod plan;
mod runner;

pub use plan::AuditPlan;
pub use runner::{AuditOutcome, TargetInfo, run};
