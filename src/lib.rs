//! # otcheck
//!
//! Checks industrial components against the component security requirements of
//! IEC 62443-4-2. This crate is the host side: it gathers facts (probe), has the evaluators of
//! [`otcheck_core`] judge them (check), and renders the outcomes (report).
//!
//! ```
//! let req = otcheck::core::catalog::get("CR 1.11")?;
//! assert_eq!(req.title(), "Unsuccessful login attempts");
//! # Ok::<(), otcheck::core::catalog::LookupError>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub use otcheck_core as core;

pub mod audit;
pub mod catalog;
pub mod checks;
pub mod inventory;
pub mod manifest;
pub mod probe;
pub mod report;
pub mod target;
