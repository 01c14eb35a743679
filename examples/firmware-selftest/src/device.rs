//! The device's security state as its firmware knows it, and the self-test chain over it.
//!
//! A real firmware fills the [`DeviceProfile`] from its configuration store; here it is fixed:
//! a PLC that claims SL 2 and is configured for it, or, with the `weak` feature, the same PLC
//! with a short password policy and no login lockout (and a corrupted image, see `build.rs`).

use otcheck_core::audit_log::{
    ActorId, AuditLog, Category, CategorySet, ChainKey, Event, EventOutcome, LogConfig, LogError,
    LogSummary, Tamper, Timestamp, VerifyError,
};
use otcheck_core::auth::{LifetimeScope, LockoutAction};
use otcheck_core::integrity::{
    BootReport, Digest, ImageVerified, ImageVerifier, IntegrityError, MinimumVersion, PublicKey,
    Role, SignatureAlgorithm, SliceImage, TrustAnchors,
};
use otcheck_core::resource::{
    BackupStatus, Interface, Inventory, Port, RateLimit, ResourceLimit, SettingsReport,
};
use otcheck_core::selftest::{self, DeviceProfile, Evidence};
use otcheck_core::wire::{self, EncodeError};
use otcheck_core::{ComponentType, SecurityLevel};

use crate::sample;

/// Records the audit log holds.
const LOG_CAPACITY: usize = 16;
/// TEST ONLY: the audit log's HMAC chain key. A real device keeps a per-device secret.
const LOG_TEST_KEY: ChainKey = ChainKey::new(*b"otcheck TEST audit-log chain key");
/// The device's stored anti-rollback minimum (the sample image is version 3).
const MINIMUM_VERSION: u32 = 2;
/// The algorithm of the provisioned keys.
const KEY_ALGORITHM: SignatureAlgorithm = if cfg!(feature = "p256") {
    SignatureAlgorithm::EcdsaP256Sha256
} else {
    SignatureAlgorithm::Ed25519
};
/// Unix time of the sample audit events, in milliseconds.
const NOW_MS: u64 = 1_750_000_000_000;

/// Everything the self-test reads: in static RAM, provisioned once at reset.
pub struct Device {
    profile: DeviceProfile<'static>,
    anchors: TrustAnchors<2>,
    minimum: MinimumVersion,
    log: AuditLog<LOG_CAPACITY>,
    ready: bool,
}

impl Device {
    /// The provisioned device. [`ready`](Self::ready) tells whether every step succeeded.
    pub fn provision() -> Self {
        let mut ready = true;
        let mut anchors = TrustAnchors::new();
        for (role, raw) in [
            (Role::Supplier, sample::SUPPLIER_KEY),
            (Role::AssetOwner, sample::OWNER_KEY),
        ] {
            ready &= PublicKey::from_raw(KEY_ALGORITHM, raw)
                .ok()
                .and_then(|key| anchors.add(role, key).ok())
                .is_some();
        }

        let mut log = AuditLog::new(LogConfig::default(), Some(&LOG_TEST_KEY));
        let events = [
            (
                Category::ControlSystem,
                EventOutcome::Success,
                0x0001,
                "boot",
            ),
            (
                Category::AccessControl,
                EventOutcome::Failure,
                0x0010,
                "engineer",
            ),
            (
                Category::AccessControl,
                EventOutcome::Success,
                0x0011,
                "engineer",
            ),
            (
                Category::ConfigurationChange,
                EventOutcome::Success,
                0x0020,
                "engineer",
            ),
        ];
        for (at, (category, outcome, code, actor)) in (0u64..).zip(events) {
            ready &= ActorId::from_name(actor)
                .and_then(|actor| Event::new(category, outcome, code, actor))
                .ok()
                .and_then(|event| {
                    log.append(&event, Timestamp::synchronised(NOW_MS + at * 1000))
                        .ok()
                })
                .is_some();
        }

        let mut profile = DeviceProfile::default();
        ready &= configure(&mut profile, &log).is_some();
        Self {
            profile,
            anchors,
            minimum: MinimumVersion::new(MINIMUM_VERSION),
            log,
            ready,
        }
    }

    /// Whether provisioning succeeded.
    pub const fn ready(&self) -> bool {
        self.ready
    }

    /// Step 1: the image against its manifest (what the boot stage does before starting it).
    pub fn verify_image(&self) -> Result<ImageVerified, IntegrityError> {
        let verifier = ImageVerifier::new(&self.anchors, self.minimum);
        // Without a signature algorithm the manifest is digest-only: integrity without
        // authenticity.
        #[cfg(not(any(feature = "ed25519", feature = "p256")))]
        let verifier = verifier.allow_digest_only();
        verifier.verify(sample::MANIFEST, &mut SliceImage::new(sample::image()))
    }

    /// Step 2: the audit log's chain. `None` if the log could not be read at all.
    pub fn verify_log(&mut self) -> Option<Result<LogSummary, VerifyError>> {
        match self.log.verify() {
            Ok(summary) => Some(Ok(summary)),
            Err(LogError::Tampered(tamper)) => Some(Err(VerifyError::Tampered(tamper))),
            // A record in the wrong slot or one that does not decode: the stored log was
            // changed, which the self-test reports as a broken chain.
            Err(LogError::Misplaced { seq, .. } | LogError::Malformed { seq, .. }) => {
                Some(Err(VerifyError::Tampered(Tamper::Modified {
                    index: seq,
                    seq,
                })))
            }
            Err(_) => None,
        }
    }

    /// Steps 3 and 4: the self-test over the evidence, encoded into `out`.
    pub fn report(
        &self,
        image: &Result<ImageVerified, IntegrityError>,
        log: Option<&Result<LogSummary, VerifyError>>,
        out: &mut [u8; wire::MAX_LEN],
    ) -> Result<usize, EncodeError> {
        // This firmware is its own boot stage: it reports what it verified, nothing more.
        let boot = image.as_ref().ok().map(BootReport::from_verified);
        let evidence = Evidence {
            image: Some(image),
            boot: boot.as_ref(),
            anchors: Some(&self.anchors),
            audit_log: log,
        };
        let report = selftest::run(&self.profile, &evidence);
        wire::encode(&report, out)
    }

    /// The whole chain, steps 1 to 4.
    pub fn self_test(&mut self, out: &mut [u8; wire::MAX_LEN]) -> Result<usize, EncodeError> {
        let image = self.verify_image();
        let log = self.verify_log();
        self.report(&image, log.as_ref(), out)
    }
}

/// The device's settings. `None` if a name did not fit.
fn configure(p: &mut DeviceProfile<'static>, log: &AuditLog<LOG_CAPACITY>) -> Option<()> {
    p.component = ComponentType::EmbeddedDevice;
    p.target_sl = SecurityLevel::Sl2;

    let pw = &mut p.password_policy;
    if cfg!(feature = "weak") {
        pw.min_length = Some(6);
        pw.min_char_classes = Some(1);
        pw.blocklist = Some(false);
    } else {
        pw.min_length = Some(12);
        pw.min_char_classes = Some(3);
        pw.blocklist = Some(true);
    }
    pw.max_repeat = Some(3);
    pw.history = Some(5);
    pw.min_lifetime_days = Some(1);
    pw.max_lifetime_days = Some(365);
    pw.lifetime_scope = Some(LifetimeScope::AllUsers);

    if cfg!(feature = "weak") {
        p.lockout.max_attempts = Some(0); // lockout switched off
    } else {
        p.lockout.max_attempts = Some(5);
        p.lockout.window_secs = Some(900);
        p.lockout.action = Some(LockoutAction::Duration { secs: 900 });
    }

    p.feedback.obscured = Some(true);
    p.feedback.reveals_unknown_user = Some(false);
    p.banner.text = Some("Authorised use only. Activity on this controller is logged.");
    p.session_lock.idle_lock_secs = Some(600);
    p.remote_sessions.remote_sessions = Some(true);
    p.remote_sessions.idle_termination_secs = Some(600);
    p.remote_sessions.manual_termination = Some(true);
    p.concurrent_sessions.max_sessions_per_user = Some(2);

    p.logging = log.settings(CategorySet::REQUIRED);

    let r = &mut p.resource;
    let mut eth0 = Interface::named("eth0").ok()?;
    eth0.dos_protection = true;
    eth0.inbound_rate_limit = Some(RateLimit::new(200, 20, 1_000));
    eth0.outbound_rate_limit = Some(RateLimit::new(200, 20, 1_000));
    eth0.session_limit = Some(4);
    r.push_interface(eth0).ok()?;
    let mut service_port = Interface::named("x2-service").ok()?;
    service_port.external = false;
    r.push_interface(service_port).ok()?;
    r.limits.memory = ResourceLimit::Limited {
        limit: 48 * 1024,
        capacity: Some(64 * 1024),
    };
    r.limits.cpu = ResourceLimit::Limited {
        limit: 80,
        capacity: Some(100),
    };
    r.limits.connections = ResourceLimit::Limited {
        limit: 8,
        capacity: Some(16),
    };
    r.limits.file_handles = ResourceLimit::NotApplicable;
    r.backup = BackupStatus::from_verification(verify_backup());
    r.settings_report = SettingsReport::MachineReadable;
    r.inventory = Inventory::Present { components: 6 };
    r.enabled.push_service("modbus").ok()?;
    r.enabled.push_port(Port::tcp(502)).ok()?;
    r.enabled.push_interface("eth0").ok()?;
    let mut allowed = r.enabled.clone();
    allowed.push_service("https").ok()?;
    allowed.push_port(Port::tcp(443)).ok()?;
    allowed.push_interface("x2-service").ok()?;
    r.allowed = Some(allowed);
    Some(())
}

/// The configuration backup against the SHA-256 recorded when it was taken.
fn verify_backup() -> Result<(), ()> {
    if Digest::of(sample::BACKUP).ct_eq(&Digest::from_bytes(*sample::BACKUP_SHA256)) {
        Ok(())
    } else {
        Err(())
    }
}
