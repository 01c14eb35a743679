//! Resource availability (FR 7) and concurrent session control (CR 2.7): primitives firmware
//! runs on every packet or connection, and the checks that judge a component's declared
//! resource settings.
//!
//! | part | what it owns | requirements |
//! |---|---|---|
//! | [`TokenBucket`], [`RateLimit`] | integer token-bucket rate limiting, time passed in | CR 7.1 RE 1 |
//! | [`ConnectionGuard`], [`SessionGuard`] | hard limits on concurrent connections and sessions | CR 2.7, CR 7.1 |
//! | [`Functionality`], [`Item`] | what is enabled against the vendor allow-list, naming each item not allowed | CR 7.7 |
//! | [`ResourceSettings`] | the profile section: interfaces, limits, backup, reporting, inventory | — |
//! | [`evaluate`] and the check functions | one [`CheckResult`](crate::CheckResult) per check in [`CHECKS`] | CR 2.7, 7.1, 7.1 RE 1, 7.2, 7.3, 7.3 RE 1, 7.6 RE 1, 7.7, 7.8 |
//!
//! Guarantees: no heap, no `unsafe`, no panics on any input; the rate limiter and the guards
//! are O(1) per operation and safe over any uptime (the `u64` tick may wrap, and a clock that
//! goes backwards never mints tokens); the core never reads a clock. A check passes only where
//! the declared settings establish the property: anything undeclared is not assessed.
//!
//! On the device:
//!
//! ```
//! use otcheck_core::resource::{ConnectionGuard, RateLimit, TokenBucket};
//!
//! let mut requests = TokenBucket::new(RateLimit::new(20, 5, 100), 0)?;
//! let mut connections = ConnectionGuard::new(4);
//!
//! let now = 42; // the caller's tick
//! if requests.try_acquire(now, 1).is_ok() {
//!     let permit = connections.admit()?;
//!     // … serve the connection, then:
//!     connections.release(permit)?;
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Judging declared settings (on the device or on the host):
//!
//! ```
//! use otcheck_core::resource::{self, Interface, Port, ResourceSettings};
//!
//! let mut settings = ResourceSettings::<4, 16>::default();
//! settings.push_interface(Interface::named("eth0")?)?;
//! settings.enabled.push_service("telnet")?;
//! let mut allowed = resource::FunctionSet::default();
//! allowed.push_service("modbus")?;
//! allowed.push_port(Port::tcp(502))?;
//! settings.allowed = Some(allowed);
//!
//! for result in resource::evaluate(&settings) {
//!     println!("{}: {}", result.info.id, result.outcome.kind());
//! }
//! // Name every item that is not on the allow-list:
//! let allowed = settings.allowed.as_ref().map(|a| a.view()).ok_or("no allow-list")?;
//! for item in settings.enabled.view().not_allowed_by(&allowed) {
//!     assert_eq!(item.to_string(), "service telnet");
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod allowlist;
mod checks;
mod guard;
mod rate;
#[cfg(feature = "serde")]
mod serde_form;
mod settings;

pub use allowlist::{Functionality, Item, ItemKind, NotAllowed, Port, Tally, Transport};
pub use checks::{
    BACKUP, BACKUP_INTEGRITY, CHECKS, DOS_PROTECTION, INVENTORY, LEAST_FUNCTIONALITY, LIMITS,
    RATE_LIMIT, SESSION_LIMIT, SETTINGS_REPORT, backup, backup_integrity, codes, dos_protection,
    evaluate, inventory, lacking, least_functionality, limits, rate_limit, session_limit,
    settings_report,
};
pub use guard::{
    AdmitError, ConnectionGuard, GuardConfigError, Permit, ReleaseError, SessionGuard, SessionToken,
};
pub use rate::{RateLimit, RateLimitError, RateLimited, TokenBucket};
pub use settings::{
    BackupStatus, FunctionSet, Interface, Inventory, Limits, Name, Resource, ResourceLimit,
    ResourceSettings, Safeguard, SettingsError, SettingsReport,
};
