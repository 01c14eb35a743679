//! # otcheck-core
//!
//! The part of [otcheck](https://example.invalid/otcheck) that runs anywhere, including on the
//! device itself: `#![no_std]`, no heap, no `unsafe`, and no panics on any input.
//!
//! It holds the rulebook of IEC 62443-4-2 and the code that judges facts against it. The host
//! runner (the `otcheck` crate) only *gathers* facts; the judging happens here, so a device
//! self-test and a host audit reach the same verdict on the same settings.
//!
//! ## Layers
//!
//! Data flows top to bottom:
//!
//! 1. **Catalogue** ([`catalog`]): every requirement of IEC 62443-4-2:2019 as static data:
//!    [`RequirementId`], foundational requirement ([`Fr`]), title, the capability security
//!    levels (SL-C) at which it is required, the [`ComponentType`]s it applies to.
//! 2. **Security-level model** ([`sl`]): [`SecurityLevel`], [`SlVector`], the status of each
//!    requirement ([`RequirementStatus`]), and from those the SL-C reached per FR and the gaps to
//!    a target.
//! 3. **Check API** ([`check`]): a check has a stable [`CheckId`], names the requirements it
//!    evidences, and yields an [`Outcome`]: pass (with what was verified), fail (with a stable
//!    [`FindingCode`]), not applicable, not assessed, or error.
//! 4. **Evaluators**, pure functions over plain settings structs: [`auth`] (password policy,
//!    stored authenticators, lockout, sessions), [`integrity`] (SHA-256 of flash regions, signed
//!    image manifests, anti-rollback, boot evidence), [`audit_log`] (a fixed-capacity,
//!    hash-chained audit log and its checks), [`resource`] (rate limiting, session guards,
//!    least functionality).
//! 5. **Self-test** ([`selftest`]): every applicable check over a device's profile, with the
//!    SL-C reached, in a fixed-size report; [`wire`] encodes it for the host.
//!
//! ```
//! use otcheck_core::{catalog, ComponentType, SecurityLevel};
//!
//! let req = catalog::get("cr1.7re1")?;
//! assert_eq!(req.id().to_string(), "CR 1.7 RE 1");
//! assert_eq!(req.min_level(), Some(SecurityLevel::Sl3));
//! assert!(req.applies_to(ComponentType::EmbeddedDevice));
//! # Ok::<(), otcheck_core::catalog::LookupError>(())
//! ```
//!
//! ## Features
//!
//! | feature | what it adds |
//! |---|---|
//! | `std` | `std::error::Error` for the error types (through `thiserror`) |
//! | `serde` | `Serialize` for catalogue, SL and outcome types, `Deserialize` for settings |
//! | `common-passwords` | the built-in list of common and vendor-default passwords (`auth::strength`) |
//! | `ed25519` | Ed25519 manifest signatures (`ed25519-compact`) |
//! | `p256` | ECDSA P-256/SHA-256 manifest signatures (`p256`) |
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs, unreachable_pub)]
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::todo,
    clippy::unimplemented,
    clippy::unreachable,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::as_conversions
)]
#![warn(clippy::missing_errors_doc, clippy::missing_panics_doc)]

#[cfg(any(test, feature = "std"))]
extern crate std;

pub mod audit_log;
pub mod auth;
pub mod catalog;
pub mod check;
pub mod integrity;
pub mod resource;
pub mod selftest;
pub mod sl;
pub mod wire;

pub use catalog::{ComponentType, Fr, Requirement, RequirementId, RequirementKind};
pub use check::{
    CheckId, CheckInfo, CheckResult, Finding, FindingCode, Outcome, Shortfall, Verified,
};
pub use sl::{RequirementStatus, SecurityLevel, SlVector};
