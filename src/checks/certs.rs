//! Certificate and private-key checks (`certs.*`), from the [`certs`](crate::probe::certs)
//! probe.
//!
//! Evidences CR 1.8 (PKI certificates: validity, constraints, self-signed service
//! certificates, chains to the configured trust anchors), CR 1.9 and CR 4.3 (key strength and
//! signature algorithms) and CR 1.5 / CR 1.9 (protection of private keys). Chains are
//! validated with `rustls-webpki` (path building, signatures, validity, basic constraints),
//! never by hand; any extended key usage is accepted, since OT services (MQTT, OPC UA) use
//! their own. Validity is judged at [`Context::now`], so tests are deterministic.
//!
//! A scan that hit a limit, could not read a file, or met a block it could not parse can
//! still fail a check, but never passes one.

use core::time::Duration;
use std::time::UNIX_EPOCH;

use otcheck_core::catalog::ids;
use otcheck_core::{CheckId, CheckInfo};
use rustls_pki_types::{CertificateDer, UnixTime};

use crate::probe::Source;
use crate::probe::certs::{self, CertFacts, CertPolicy, CertRole, Certificate, KeyAlgorithm};
use crate::report::{CheckRecord, OutcomeKind};

use super::{Context, HostCheck, fail, list, pass};

macro_rules! info {
    ($name:ident, $id:literal, $title:literal, $reqs:expr) => {
        static $name: CheckInfo = CheckInfo::new(CheckId::new($id), $title, $reqs);
    };
}

info!(
    KEY_STRENGTH,
    "certs.key-strength",
    "Certificates and private keys use strong keys",
    &[ids::CR_1_9, ids::CR_4_3]
);
info!(
    SIGNATURE,
    "certs.signature-algorithm",
    "Certificates are not signed with MD5 or SHA-1",
    &[ids::CR_1_8, ids::CR_4_3]
);
info!(
    VALIDITY,
    "certs.validity",
    "Certificates are within their validity period and not about to expire",
    &[ids::CR_1_8]
);
info!(
    CONSTRAINTS,
    "certs.constraints",
    "Basic constraints and key usage are consistent",
    &[ids::CR_1_8]
);
info!(
    SELF_SIGNED,
    "certs.self-signed",
    "Services present CA-issued certificates, not self-signed ones",
    &[ids::CR_1_8]
);
info!(
    CHAIN,
    "certs.chain",
    "Service certificates chain to a configured trust anchor",
    &[ids::CR_1_8]
);
info!(
    KEY_PERMISSIONS,
    "certs.private-key-permissions",
    "Private keys are readable by their owner only",
    &[ids::CR_1_5, ids::CR_1_9]
);
info!(
    KEY_ENCRYPTION,
    "certs.private-key-encryption",
    "Private keys are encrypted where policy requires it",
    &[ids::CR_1_5]
);

static ALL: [&CheckInfo; 8] = [
    &KEY_STRENGTH,
    &SIGNATURE,
    &VALIDITY,
    &CONSTRAINTS,
    &SELF_SIGNED,
    &CHAIN,
    &KEY_PERMISSIONS,
    &KEY_ENCRYPTION,
];

/// The certificate and key check group.
#[derive(Debug)]
pub(crate) struct Certs;

impl HostCheck for Certs {
    fn name(&self) -> &'static str {
        "certs"
    }

    fn checks(&self) -> &'static [&'static CheckInfo] {
        &ALL
    }

    fn run(&self, ctx: &Context<'_>) -> Vec<CheckRecord> {
        let facts = certs::probe(ctx.target, &ctx.artefacts.certs);
        judge(&facts, &ctx.artefacts.cert_policy, unix_seconds(ctx.now))
    }
}

/// Seconds since the Unix epoch (negative before it).
pub(crate) fn unix_seconds(t: std::time::SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => i64::try_from(e.duration().as_secs()).map_or(i64::MIN, |s| -s),
    }
}

/// One judged item: what it is (for the message) and where it is (for the evidence).
struct Item {
    label: String,
    source: Source,
}

/// The shared shape of every record: fail on findings, else not assessed when the scan was
/// incomplete or some items could not be judged, else not applicable when there was nothing
/// to judge, else pass.
#[expect(
    clippy::too_many_arguments,
    reason = "one flat call per check reads best"
)]
fn verdict(
    info: &'static CheckInfo,
    code: &str,
    problem: &str,
    bad: &[Item],
    unjudged: &[String],
    incomplete: Option<&str>,
    judged: usize,
    nothing: &str,
    ok: String,
) -> CheckRecord {
    if !bad.is_empty() {
        let labels: Vec<&str> = bad.iter().map(|i| i.label.as_str()).collect();
        return bad.iter().take(20).fold(
            fail(info, code, problem).with_detail(list(&labels, 10)),
            |r, i| r.with_evidence(i.source.evidence()),
        );
    }
    let mut why: Vec<String> = incomplete.map(str::to_owned).into_iter().collect();
    if !unjudged.is_empty() {
        why.push(format!("could not judge {}", list(unjudged, 5)));
    }
    if !why.is_empty() {
        return CheckRecord::new(
            info,
            OutcomeKind::NotAssessed,
            "the certificate scan was incomplete",
        )
        .with_detail(why.join("; "));
    }
    if judged == 0 {
        return CheckRecord::new(info, OutcomeKind::NotApplicable, nothing);
    }
    pass(info, ok)
}

/// Judges the facts at `now` (Unix seconds) under `policy`: one record per check.
pub(crate) fn judge(facts: &CertFacts, policy: &CertPolicy, now: i64) -> Vec<CheckRecord> {
    let mut incomplete: Vec<String> = facts.incomplete_reason().into_iter().collect();
    if !facts.unparsed.is_empty() {
        let what: Vec<String> = facts
            .unparsed
            .iter()
            .map(|u| format!("{}:{} ({})", u.source.path, u.source.line, u.what))
            .collect();
        incomplete.push(format!("unparsable: {}", list(&what, 3)));
    }
    if !facts.missing.is_empty() {
        incomplete.push(format!("named but missing: {}", list(&facts.missing, 3)));
    }
    let incomplete = (!incomplete.is_empty()).then(|| incomplete.join("; "));
    let incomplete = incomplete.as_deref();
    let judged_certs: Vec<&Certificate> = facts
        .certificates
        .iter()
        .filter(|c| c.role != CertRole::TrustStore)
        .collect();
    let services: Vec<&Certificate> = facts
        .certificates
        .iter()
        .filter(|c| c.role == CertRole::Service)
        .collect();
    vec![
        key_strength(facts, policy, incomplete),
        signature(&judged_certs, incomplete),
        validity(&judged_certs, policy, now, incomplete),
        constraints(&judged_certs, incomplete),
        self_signed(&services, incomplete),
        chain(facts, &services, now, incomplete),
        key_permissions(facts, policy, incomplete),
        key_encryption(facts, policy, incomplete),
    ]
}

/// `Some(true)`: strong, `Some(false)`: weak, `None`: cannot tell.
fn strong(key: &KeyAlgorithm, policy: &CertPolicy) -> Option<bool> {
    match key {
        KeyAlgorithm::Rsa { bits } | KeyAlgorithm::RsaPss { bits } => {
            Some(*bits >= policy.min_rsa_bits)
        }
        KeyAlgorithm::Ec { curve } => curve.bits().map(|b| b >= policy.min_ec_bits),
        KeyAlgorithm::Ed25519 | KeyAlgorithm::Ed448 | KeyAlgorithm::X25519 | KeyAlgorithm::X448 => {
            Some(true)
        }
        // DSA is no longer approved for signatures (FIPS 186-5) and gone from OpenSSH.
        KeyAlgorithm::Dsa { .. } => Some(false),
        _ => None,
    }
}

fn key_strength(facts: &CertFacts, policy: &CertPolicy, incomplete: Option<&str>) -> CheckRecord {
    let mut bad = Vec::new();
    let mut unjudged = Vec::new();
    let mut judged = 0usize;
    for c in &facts.certificates {
        judged = judged.saturating_add(1);
        match strong(&c.key, policy) {
            Some(true) => {}
            Some(false) => bad.push(Item {
                label: format!("{}: {}", c.key, c.label()),
                source: c.source.clone(),
            }),
            None => unjudged.push(format!("{}: {}", c.key, c.label())),
        }
    }
    for k in &facts.keys {
        judged = judged.saturating_add(1);
        let here = format!("private key {}:{}", k.source.path, k.source.line);
        match k.key.algorithm.as_ref().map(|a| (a, strong(a, policy))) {
            Some((_, Some(true))) => {}
            Some((a, Some(false))) => bad.push(Item {
                label: format!("{a}: {here}"),
                source: k.source.clone(),
            }),
            Some((a, None)) => unjudged.push(format!("{a}: {here}")),
            // Encrypted keys hide their algorithm; their certificate, if any, is judged.
            None => {}
        }
    }
    verdict(
        &KEY_STRENGTH,
        "CERT-WEAK-KEY",
        "weak public-key algorithm or key size",
        &bad,
        &unjudged,
        incomplete,
        judged,
        "no certificates or private keys found",
        format!(
            "{} certificates and {} private keys use strong keys (RSA ≥ {}, EC ≥ {} bits, EdDSA)",
            facts.certificates.len(),
            facts.keys.len(),
            policy.min_rsa_bits,
            policy.min_ec_bits
        ),
    )
}

fn signature(certs: &[&Certificate], incomplete: Option<&str>) -> CheckRecord {
    let mut bad = Vec::new();
    let mut unjudged = Vec::new();
    let mut judged = 0usize;
    // A trust anchor's self-signature is never relied upon: not judged.
    for c in certs.iter().filter(|c| !(c.anchor && c.self_issued)) {
        judged = judged.saturating_add(1);
        match c.signature_hash {
            Some(h) if h.is_weak() => bad.push(Item {
                label: format!("{}: {}", h.as_str(), c.label()),
                source: c.source.clone(),
            }),
            Some(_) => {}
            None => unjudged.push(format!("signature {}: {}", c.signature_oid, c.label())),
        }
    }
    verdict(
        &SIGNATURE,
        "CERT-WEAK-SIGNATURE",
        "certificates signed with a broken hash",
        &bad,
        &unjudged,
        incomplete,
        judged,
        "no service or CA certificates outside the trust store",
        format!("{judged} certificates are signed with SHA-2, SHA-3 or EdDSA"),
    )
}

fn validity(
    certs: &[&Certificate],
    policy: &CertPolicy,
    now: i64,
    incomplete: Option<&str>,
) -> CheckRecord {
    let window = i64::from(policy.expiry_warning_days).saturating_mul(86_400);
    let mut problems: Vec<(u8, &str, Item)> = Vec::new();
    for c in certs {
        let (rank, code, what) = if now > c.not_after {
            (0, "CERT-EXPIRED", "expired")
        } else if now < c.not_before {
            (1, "CERT-NOT-YET-VALID", "not yet valid")
        } else if c.not_after.saturating_sub(now) < window {
            (2, "CERT-EXPIRING", "expires soon")
        } else {
            continue;
        };
        problems.push((
            rank,
            code,
            Item {
                label: format!(
                    "{what}: {} ({})",
                    c.label(),
                    date(if rank == 1 { c.not_before } else { c.not_after })
                ),
                source: c.source.clone(),
            },
        ));
    }
    problems.sort_by_key(|(rank, _, _)| *rank);
    let code = problems.first().map_or("CERT-EXPIRED", |(_, c, _)| *c);
    let bad: Vec<Item> = problems.into_iter().map(|(_, _, i)| i).collect();
    verdict(
        &VALIDITY,
        code,
        "certificates outside or near the end of their validity period",
        &bad,
        &[],
        incomplete,
        certs.len(),
        "no service or CA certificates outside the trust store",
        format!(
            "{} certificates are valid for at least {} more days",
            certs.len(),
            policy.expiry_warning_days
        ),
    )
}

/// `YYYY-MM-DD` for a Unix time.
fn date(t: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(t)
        .map(|d| d.date().to_string())
        .unwrap_or_else(|_| t.to_string())
}

fn constraints(certs: &[&Certificate], incomplete: Option<&str>) -> CheckRecord {
    let mut problems: Vec<(u8, &str, Item)> = Vec::new();
    for c in certs {
        let found = if c.role == CertRole::Service && c.ca == Some(true) {
            Some((
                0,
                "CERT-SERVICE-IS-CA",
                "service certificate is a CA (cA=TRUE)",
            ))
        } else if c.ca == Some(true) && c.key_cert_sign == Some(false) {
            Some((1, "CERT-CA-KEY-USAGE", "CA certificate without keyCertSign"))
        } else if c.key_cert_sign == Some(true) && c.ca != Some(true) {
            Some((2, "CERT-KEY-USAGE-NOT-CA", "keyCertSign without cA=TRUE"))
        } else {
            None
        };
        if let Some((rank, code, what)) = found {
            problems.push((
                rank,
                code,
                Item {
                    label: format!("{what}: {}", c.label()),
                    source: c.source.clone(),
                },
            ));
        }
    }
    problems.sort_by_key(|(rank, _, _)| *rank);
    let code = problems
        .first()
        .map_or("CERT-SERVICE-IS-CA", |(_, c, _)| *c);
    let bad: Vec<Item> = problems.into_iter().map(|(_, _, i)| i).collect();
    verdict(
        &CONSTRAINTS,
        code,
        "inconsistent basic constraints or key usage",
        &bad,
        &[],
        incomplete,
        certs.len(),
        "no service or CA certificates outside the trust store",
        format!(
            "{} certificates have consistent basic constraints and key usage",
            certs.len()
        ),
    )
}

fn self_signed(services: &[&Certificate], incomplete: Option<&str>) -> CheckRecord {
    let bad: Vec<Item> = services
        .iter()
        .filter(|c| c.self_issued)
        .map(|c| Item {
            label: c.label(),
            source: c.named_by.clone().unwrap_or_else(|| c.source.clone()),
        })
        .collect();
    verdict(
        &SELF_SIGNED,
        "CERT-SELF-SIGNED",
        "services present self-signed certificates",
        &bad,
        &[],
        incomplete,
        services.len(),
        "no service certificates found",
        format!("{} service certificates are CA-issued", services.len()),
    )
}

/// Accepts any extended key usage: OT services use their own purposes.
struct AnyUsage;

impl webpki::ExtendedKeyUsageValidator for AnyUsage {
    fn validate(&self, _iter: webpki::KeyPurposeIdIter<'_, '_>) -> Result<(), webpki::Error> {
        Ok(())
    }
}

/// Why webpki rejected a path, in words.
fn chain_error(e: &webpki::Error) -> String {
    match e {
        webpki::Error::UnknownIssuer => "no path to a trust anchor".to_owned(),
        webpki::Error::CertExpired { .. } => "expired".to_owned(),
        webpki::Error::CertNotValidYet { .. } => "not yet valid".to_owned(),
        webpki::Error::CaUsedAsEndEntity => {
            "a CA certificate is used as the service certificate".to_owned()
        }
        webpki::Error::UnsupportedSignatureAlgorithmContext(_)
        | webpki::Error::UnsupportedSignatureAlgorithmForPublicKeyContext(_) => {
            "signature algorithm or key not accepted (e.g. SHA-1, RSA < 2048)".to_owned()
        }
        other => format!("{other:?}"),
    }
}

fn chain(
    facts: &CertFacts,
    services: &[&Certificate],
    now: i64,
    incomplete: Option<&str>,
) -> CheckRecord {
    if services.is_empty() {
        return verdict(
            &CHAIN,
            "CERT-CHAIN-UNTRUSTED",
            "",
            &[],
            &[],
            incomplete,
            0,
            "no service certificates found",
            String::new(),
        );
    }
    let anchor_ders: Vec<CertificateDer<'_>> = facts
        .anchors()
        .map(|c| CertificateDer::from(c.der.as_slice()))
        .collect();
    let anchors: Vec<_> = anchor_ders
        .iter()
        .filter_map(|d| webpki::anchor_from_trusted_cert(d).ok())
        .collect();
    if anchors.is_empty() {
        return CheckRecord::new(
            &CHAIN,
            OutcomeKind::NotAssessed,
            "no trust anchors found to validate service certificates against",
        )
        .with_detail(format!("{} service certificates", services.len()));
    }
    let intermediates: Vec<CertificateDer<'_>> = facts
        .certificates
        .iter()
        .filter(|c| c.role == CertRole::Issuer)
        .map(|c| CertificateDer::from(c.der.as_slice()))
        .collect();
    let time = UnixTime::since_unix_epoch(Duration::from_secs(u64::try_from(now).unwrap_or(0)));
    let mut bad = Vec::new();
    for c in services {
        let der = CertificateDer::from(c.der.as_slice());
        let result = webpki::EndEntityCert::try_from(&der).and_then(|ee| {
            ee.verify_for_usage(
                webpki::ALL_VERIFICATION_ALGS,
                &anchors,
                &intermediates,
                time,
                AnyUsage,
                None,
                None,
            )
            .map(|_| ())
        });
        if let Err(e) = result {
            bad.push(Item {
                label: format!("{} ({})", c.label(), chain_error(&e)),
                source: c.named_by.clone().unwrap_or_else(|| c.source.clone()),
            });
        }
    }
    verdict(
        &CHAIN,
        "CERT-CHAIN-UNTRUSTED",
        "service certificates do not chain to a trust anchor",
        &bad,
        &[],
        incomplete,
        services.len(),
        "no service certificates found",
        format!(
            "{} service certificates chain to one of {} trust anchors",
            services.len(),
            anchors.len()
        ),
    )
}

fn key_permissions(
    facts: &CertFacts,
    policy: &CertPolicy,
    incomplete: Option<&str>,
) -> CheckRecord {
    let mut problems: Vec<(u8, &str, Item)> = Vec::new();
    for k in &facts.keys {
        let (rank, code, who) = if k.mode & 0o004 != 0 {
            (0, "KEY-WORLD-READABLE", "every user")
        } else if k.mode & 0o040 != 0 && !policy.allow_group_readable_keys {
            (1, "KEY-GROUP-READABLE", "its group")
        } else {
            continue;
        };
        problems.push((
            rank,
            code,
            Item {
                label: format!(
                    "{} (mode {:04o}, uid {}, gid {}) is readable by {who}",
                    k.source.path, k.mode, k.uid, k.gid
                ),
                source: k.source.clone(),
            },
        ));
    }
    problems.sort_by_key(|(rank, _, _)| *rank);
    let code = problems
        .first()
        .map_or("KEY-WORLD-READABLE", |(_, c, _)| *c);
    let bad: Vec<Item> = problems.into_iter().map(|(_, _, i)| i).collect();
    verdict(
        &KEY_PERMISSIONS,
        code,
        "private keys are readable by others",
        &bad,
        &[],
        incomplete,
        facts.keys.len(),
        "no private keys found",
        format!(
            "{} private keys are readable by their owner only",
            facts.keys.len()
        ),
    )
}

fn key_encryption(facts: &CertFacts, policy: &CertPolicy, incomplete: Option<&str>) -> CheckRecord {
    let plain: Vec<Item> = facts
        .keys
        .iter()
        .filter(|k| !k.key.encrypted)
        .map(|k| Item {
            label: format!("{} ({})", k.source.path, k.key.format.as_str()),
            source: k.source.clone(),
        })
        .collect();
    if !policy.forbid_unencrypted_keys {
        return CheckRecord::new(
            &KEY_ENCRYPTION,
            OutcomeKind::NotApplicable,
            "the policy allows unencrypted private keys",
        )
        .with_detail(format!(
            "{} of {} private keys are unencrypted",
            plain.len(),
            facts.keys.len()
        ));
    }
    verdict(
        &KEY_ENCRYPTION,
        "KEY-UNENCRYPTED",
        "private keys are stored unencrypted",
        &plain,
        &[],
        incomplete,
        facts.keys.len(),
        "no private keys found",
        format!("{} private keys are encrypted", facts.keys.len()),
    )
}
