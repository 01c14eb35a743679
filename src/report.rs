//! The report: what an audit found, per check and per requirement, the SL-C reached and the
//! gaps to the target. Every output format renders this one model and computes nothing new.

mod model;

pub use model::{CheckRecord, Evidence, OutcomeKind};
