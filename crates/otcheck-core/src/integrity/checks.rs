//! The integrity checks: each turns a verification result, a boot report or the trust-anchor
//! store into a [`CheckResult`] that names its requirements.
//!
//! | check | evidences | passes when |
//! |---|---|---|
//! | [`IMAGE_DIGEST`] `integrity.image-digest` | CR 3.4 | every region matches the manifest ([`ImageVerified`]) |
//! | [`IMAGE_SIGNATURE`] `integrity.image-signature` | CR 3.4 RE 1 | … and the manifest is signed by a trust anchor |
//! | [`UPDATE_VERIFICATION`] `integrity.update-verification` | EDR/HDR/NDR 3.10 RE 1 | a candidate update verified (signature, digests, version) before installation |
//! | [`ANTI_ROLLBACK`] `integrity.anti-rollback` | EDR/HDR/NDR 3.10 RE 1 | the image version is at least the stored minimum |
//! | [`BOOT_VERIFICATION`] `integrity.boot-verification` | EDR/HDR/NDR 3.14 | the boot stage reports it checked the image's integrity |
//! | [`BOOT_AUTHENTICITY`] `integrity.boot-authenticity` | EDR/HDR/NDR 3.14 RE 1 | the boot stage reports it checked a trusted signature |
//! | [`SUPPLIER_ROOTS`] `integrity.supplier-roots` | EDR/HDR/NDR 3.12 | a product-supplier key is provisioned |
//! | [`OWNER_ROOTS`] `integrity.owner-roots` | EDR/HDR/NDR 3.13 | an asset-owner key is provisioned |
//!
//! CR 3.10, 3.12, 3.13 and 3.14 are deferred to the component-specific requirements, so the
//! checks name the EDR, HDR and NDR variants; the SL model keeps those of the audited component
//! type. Integrity and authenticity are separate checks because a requirement is satisfied
//! only if every check that evidences it passes.
//!
//! Guarantee: a pass is built only from an [`ImageVerified`] (image checks), from the boot
//! stage's report, or from the store's contents; an error never becomes a pass. A manifest that
//! cannot be authenticated is not trusted for its digests, so it fails the integrity check too.

use super::boot::{BootReport, BootVerification};
use super::signature::{Role, SignatureError, TrustAnchors};
use super::verify::{ImageVerified, IntegrityError};
use crate::catalog::ids;
use crate::check::{CheckId, CheckInfo, CheckResult, Finding, FindingCode, Outcome, Verified};

/// The stable finding codes of this module.
pub mod codes {
    use crate::check::FindingCode;

    /// An image region (or a digest-only manifest) does not match its SHA-256.
    pub const DIGEST_MISMATCH: FindingCode = FindingCode::new("INTEGRITY-DIGEST-MISMATCH");
    /// The manifest is malformed.
    pub const MANIFEST_INVALID: FindingCode = FindingCode::new("INTEGRITY-MANIFEST-INVALID");
    /// The manifest's signature does not verify with the key it names.
    pub const SIGNATURE_INVALID: FindingCode = FindingCode::new("INTEGRITY-SIGNATURE-INVALID");
    /// The manifest names a key that is not a trust anchor.
    pub const UNKNOWN_KEY: FindingCode = FindingCode::new("INTEGRITY-UNKNOWN-KEY");
    /// The manifest has no signature (digest-only).
    pub const UNSIGNED: FindingCode = FindingCode::new("INTEGRITY-UNSIGNED");
    /// The image version is below the stored minimum.
    pub const ROLLBACK: FindingCode = FindingCode::new("INTEGRITY-ROLLBACK");
    /// The boot stage did not verify the image.
    pub const BOOT_UNVERIFIED: FindingCode = FindingCode::new("INTEGRITY-BOOT-UNVERIFIED");
    /// The boot stage checked integrity but no signature.
    pub const BOOT_UNSIGNED: FindingCode = FindingCode::new("INTEGRITY-BOOT-UNSIGNED");
    /// No product-supplier key is provisioned.
    pub const NO_SUPPLIER_ROOT: FindingCode = FindingCode::new("INTEGRITY-NO-SUPPLIER-ROOT");
    /// No asset-owner key is provisioned.
    pub const NO_OWNER_ROOT: FindingCode = FindingCode::new("INTEGRITY-NO-OWNER-ROOT");
    /// Every code above.
    pub const ALL: &[FindingCode] = &[
        DIGEST_MISMATCH,
        MANIFEST_INVALID,
        SIGNATURE_INVALID,
        UNKNOWN_KEY,
        UNSIGNED,
        ROLLBACK,
        BOOT_UNVERIFIED,
        BOOT_UNSIGNED,
        NO_SUPPLIER_ROOT,
        NO_OWNER_ROOT,
    ];
}

/// `integrity.image-digest`: evidences CR 3.4 (software and information integrity).
pub static IMAGE_DIGEST: CheckInfo = CheckInfo::new(
    CheckId::new("integrity.image-digest"),
    "The image matches the SHA-256 digests of its manifest",
    &[ids::CR_3_4],
);

/// `integrity.image-signature`: evidences CR 3.4 RE 1 (authenticity of software and
/// information).
pub static IMAGE_SIGNATURE: CheckInfo = CheckInfo::new(
    CheckId::new("integrity.image-signature"),
    "The image manifest is signed by a trusted key",
    &[ids::CR_3_4_RE_1],
);

/// `integrity.update-verification`: evidences EDR/HDR/NDR 3.10 RE 1 (update authenticity and
/// integrity).
pub static UPDATE_VERIFICATION: CheckInfo = CheckInfo::new(
    CheckId::new("integrity.update-verification"),
    "A candidate update is verified (signature, digests, version) before it is installed",
    &[ids::EDR_3_10_RE_1, ids::HDR_3_10_RE_1, ids::NDR_3_10_RE_1],
);

/// `integrity.anti-rollback`: evidences EDR/HDR/NDR 3.10 RE 1 (an authentic but older, possibly
/// vulnerable image is not an acceptable update).
pub static ANTI_ROLLBACK: CheckInfo = CheckInfo::new(
    CheckId::new("integrity.anti-rollback"),
    "The image version is not below the device's stored minimum",
    &[ids::EDR_3_10_RE_1, ids::HDR_3_10_RE_1, ids::NDR_3_10_RE_1],
);

/// `integrity.boot-verification`: evidences EDR/HDR/NDR 3.14 (integrity of the boot process).
pub static BOOT_VERIFICATION: CheckInfo = CheckInfo::new(
    CheckId::new("integrity.boot-verification"),
    "The boot stage verifies the integrity of the image before starting it",
    &[ids::EDR_3_14, ids::HDR_3_14, ids::NDR_3_14],
);

/// `integrity.boot-authenticity`: evidences EDR/HDR/NDR 3.14 RE 1 (authenticity of the boot
/// process).
pub static BOOT_AUTHENTICITY: CheckInfo = CheckInfo::new(
    CheckId::new("integrity.boot-authenticity"),
    "The boot stage verifies a trusted signature on the image before starting it",
    &[ids::EDR_3_14_RE_1, ids::HDR_3_14_RE_1, ids::NDR_3_14_RE_1],
);

/// `integrity.supplier-roots`: evidences EDR/HDR/NDR 3.12 (provisioning product supplier roots
/// of trust).
pub static SUPPLIER_ROOTS: CheckInfo = CheckInfo::new(
    CheckId::new("integrity.supplier-roots"),
    "A product-supplier root of trust is provisioned",
    &[ids::EDR_3_12, ids::HDR_3_12, ids::NDR_3_12],
);

/// `integrity.owner-roots`: evidences EDR/HDR/NDR 3.13 (provisioning asset owner roots of
/// trust).
pub static OWNER_ROOTS: CheckInfo = CheckInfo::new(
    CheckId::new("integrity.owner-roots"),
    "An asset-owner root of trust is provisioned",
    &[ids::EDR_3_13, ids::HDR_3_13, ids::NDR_3_13],
);

/// Every check of this module.
///
/// ```
/// use otcheck_core::integrity::CHECKS;
/// assert!(CHECKS.iter().all(|c| c.id.as_str().starts_with("integrity.")));
/// ```
pub static CHECKS: &[&CheckInfo] = &[
    &IMAGE_DIGEST,
    &IMAGE_SIGNATURE,
    &UPDATE_VERIFICATION,
    &ANTI_ROLLBACK,
    &BOOT_VERIFICATION,
    &BOOT_AUTHENTICITY,
    &SUPPLIER_ROOTS,
    &OWNER_ROOTS,
];

fn fail(code: FindingCode, message: &'static str) -> Outcome {
    Outcome::Fail(Finding::new(code, message))
}

/// The outcome for a verification that did not succeed.
fn failure(error: &IntegrityError) -> Outcome {
    match error {
        IntegrityError::Manifest(_) => {
            fail(codes::MANIFEST_INVALID, "the image manifest is malformed")
        }
        IntegrityError::Signature(SignatureError::NotSigned) => fail(
            codes::UNSIGNED,
            "the image manifest is digest-only: it carries no signature",
        ),
        IntegrityError::Signature(SignatureError::UnknownKey { .. }) => fail(
            codes::UNKNOWN_KEY,
            "the image manifest is signed by a key that is not a trust anchor",
        ),
        IntegrityError::Signature(SignatureError::AlgorithmMismatch { .. }) => fail(
            codes::SIGNATURE_INVALID,
            "the image manifest names a trusted key of another signature algorithm",
        ),
        IntegrityError::Signature(SignatureError::Invalid { .. }) => fail(
            codes::SIGNATURE_INVALID,
            "the image manifest's signature does not verify",
        ),
        IntegrityError::Signature(SignatureError::AlgorithmDisabled { .. }) => {
            Outcome::Error("the manifest's signature algorithm is not enabled in this build")
        }
        IntegrityError::ManifestDigestMismatch => fail(
            codes::DIGEST_MISMATCH,
            "the digest-only image manifest does not match its own SHA-256",
        ),
        IntegrityError::Rollback(_) => fail(
            codes::ROLLBACK,
            "the image version is below the device's stored minimum version",
        ),
        IntegrityError::DigestMismatch { .. } => fail(
            codes::DIGEST_MISMATCH,
            "an image region does not match its SHA-256 in the manifest",
        ),
        IntegrityError::Source { .. } => Outcome::NotAssessed("the image could not be read"),
    }
}

/// `integrity.image-digest` (CR 3.4) from the running image's verification.
///
/// ```
/// use otcheck_core::integrity::{checks, IntegrityError};
/// let r = checks::image_digest(&Err(IntegrityError::DigestMismatch { region: 0, offset: 0, len: 4 }));
/// assert_eq!(r.outcome.finding().map(|f| f.code.as_str()), Some("INTEGRITY-DIGEST-MISMATCH"));
/// assert_eq!(r.info.id.as_str(), "integrity.image-digest");
/// ```
pub fn image_digest(result: &Result<ImageVerified, IntegrityError>) -> CheckResult {
    let outcome = match result {
        Ok(proof) => Outcome::Pass(proof.integrity()),
        Err(e) => failure(e),
    };
    CheckResult::new(&IMAGE_DIGEST, outcome)
}

/// `integrity.image-signature` (CR 3.4 RE 1) from the running image's verification: a
/// digest-only manifest fails with `INTEGRITY-UNSIGNED`.
///
/// ```
/// use otcheck_core::integrity::{checks, IntegrityError, SignatureError};
/// let r = checks::image_signature(&Err(IntegrityError::Signature(SignatureError::NotSigned)));
/// assert_eq!(r.outcome.finding().map(|f| f.code.as_str()), Some("INTEGRITY-UNSIGNED"));
/// ```
pub fn image_signature(result: &Result<ImageVerified, IntegrityError>) -> CheckResult {
    let outcome = match result {
        Ok(proof) => match proof.authenticity() {
            Some(v) => Outcome::Pass(v),
            None => fail(
                codes::UNSIGNED,
                "the image manifest is digest-only: it carries no signature",
            ),
        },
        Err(e) => failure(e),
    };
    CheckResult::new(&IMAGE_SIGNATURE, outcome)
}

/// `integrity.update-verification` (EDR/HDR/NDR 3.10 RE 1) from the verification of a candidate
/// update before installation; `None` when no candidate is staged. A candidate must be signed:
/// one verified digest-only fails with `INTEGRITY-UNSIGNED`. A failing candidate is a finding
/// about that candidate: it must not be installed.
///
/// ```
/// use otcheck_core::integrity::checks;
/// assert_eq!(checks::update_verification(None).outcome.kind(), "not-assessed");
/// ```
pub fn update_verification(
    candidate: Option<&Result<ImageVerified, IntegrityError>>,
) -> CheckResult {
    let outcome = match candidate {
        None => Outcome::NotAssessed("no candidate update is staged"),
        Some(Ok(proof)) if proof.authenticity().is_some() => Outcome::Pass(Verified::new(
            "the candidate update's signature, region digests and version were verified before installation",
        )),
        Some(Ok(_)) => fail(
            codes::UNSIGNED,
            "the candidate update's manifest is digest-only: it carries no signature",
        ),
        Some(Err(e)) => failure(e),
    };
    CheckResult::new(&UPDATE_VERIFICATION, outcome)
}

/// `integrity.anti-rollback` (EDR/HDR/NDR 3.10 RE 1) from an image's verification. Any error
/// other than a rollback stopped verification before the version could be proven acceptable,
/// so it is not assessed.
///
/// ```
/// use otcheck_core::integrity::{checks, IntegrityError, RollbackError};
/// let r = checks::anti_rollback(&Err(RollbackError { image_version: 1, minimum: 2 }.into()));
/// assert_eq!(r.outcome.finding().map(|f| f.code.as_str()), Some("INTEGRITY-ROLLBACK"));
/// let r = checks::anti_rollback(&Err(IntegrityError::ManifestDigestMismatch));
/// assert_eq!(r.outcome.kind(), "not-assessed");
/// ```
pub fn anti_rollback(result: &Result<ImageVerified, IntegrityError>) -> CheckResult {
    let outcome = match result {
        Ok(_) => Outcome::Pass(Verified::new(
            "the image version is at or above the device's stored minimum version",
        )),
        Err(e @ IntegrityError::Rollback(_)) => failure(e),
        Err(_) => {
            Outcome::NotAssessed("verification stopped before the image version could be judged")
        }
    };
    CheckResult::new(&ANTI_ROLLBACK, outcome)
}

/// `integrity.boot-verification` (EDR/HDR/NDR 3.14) from the boot stage's report; `None` if the
/// boot stage reported nothing.
///
/// ```
/// use otcheck_core::integrity::{checks, BootReport, BootVerification};
/// let report = BootReport { verified: BootVerification::None, image_version: None, key_id: None };
/// let r = checks::boot_verification(Some(&report));
/// assert_eq!(r.outcome.finding().map(|f| f.code.as_str()), Some("INTEGRITY-BOOT-UNVERIFIED"));
/// ```
pub fn boot_verification(report: Option<&BootReport>) -> CheckResult {
    let outcome = match report.map(|r| r.verified) {
        None => Outcome::NotAssessed("the boot stage did not report what it verified"),
        Some(BootVerification::None) => fail(
            codes::BOOT_UNVERIFIED,
            "the boot stage started the image without verifying it",
        ),
        Some(BootVerification::Integrity | BootVerification::Authenticity) => {
            Outcome::Pass(Verified::new(
                "the boot stage reports it verified the image's digests before starting it",
            ))
        }
    };
    CheckResult::new(&BOOT_VERIFICATION, outcome)
}

/// `integrity.boot-authenticity` (EDR/HDR/NDR 3.14 RE 1) from the boot stage's report.
///
/// ```
/// use otcheck_core::integrity::{checks, BootReport, BootVerification};
/// let report = BootReport { verified: BootVerification::Integrity, image_version: Some(1), key_id: None };
/// let r = checks::boot_authenticity(Some(&report));
/// assert_eq!(r.outcome.finding().map(|f| f.code.as_str()), Some("INTEGRITY-BOOT-UNSIGNED"));
/// ```
pub fn boot_authenticity(report: Option<&BootReport>) -> CheckResult {
    let outcome = match report.map(|r| r.verified) {
        None => Outcome::NotAssessed("the boot stage did not report what it verified"),
        Some(BootVerification::None) => fail(
            codes::BOOT_UNVERIFIED,
            "the boot stage started the image without verifying it",
        ),
        Some(BootVerification::Integrity) => fail(
            codes::BOOT_UNSIGNED,
            "the boot stage checks the image's digests but no signature",
        ),
        Some(BootVerification::Authenticity) => Outcome::Pass(Verified::new(
            "the boot stage reports it verified a trusted signature on the image before starting it",
        )),
    };
    CheckResult::new(&BOOT_AUTHENTICITY, outcome)
}

/// `integrity.supplier-roots` (EDR/HDR/NDR 3.12) from the trust-anchor store.
///
/// ```
/// use otcheck_core::integrity::{checks, TrustAnchors};
/// let r = checks::supplier_roots(&TrustAnchors::<2>::new());
/// assert_eq!(r.outcome.finding().map(|f| f.code.as_str()), Some("INTEGRITY-NO-SUPPLIER-ROOT"));
/// ```
pub fn supplier_roots<const N: usize>(anchors: &TrustAnchors<N>) -> CheckResult {
    let outcome = if anchors.count(Role::Supplier) > 0 {
        Outcome::Pass(Verified::new(
            "a product-supplier public key is provisioned as a trust anchor",
        ))
    } else {
        fail(
            codes::NO_SUPPLIER_ROOT,
            "no product-supplier public key is provisioned as a trust anchor",
        )
    };
    CheckResult::new(&SUPPLIER_ROOTS, outcome)
}

/// `integrity.owner-roots` (EDR/HDR/NDR 3.13) from the trust-anchor store.
///
/// ```
/// use otcheck_core::integrity::{checks, PublicKey, Role, SignatureAlgorithm, TrustAnchors};
/// let mut anchors = TrustAnchors::<2>::new();
/// anchors.add(Role::AssetOwner, PublicKey::from_raw(SignatureAlgorithm::Ed25519, &[9; 32])?)?;
/// assert!(checks::owner_roots(&anchors).outcome.is_pass());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn owner_roots<const N: usize>(anchors: &TrustAnchors<N>) -> CheckResult {
    let outcome = if anchors.count(Role::AssetOwner) > 0 {
        Outcome::Pass(Verified::new(
            "an asset-owner public key is provisioned as a trust anchor",
        ))
    } else {
        fail(
            codes::NO_OWNER_ROOT,
            "no asset-owner public key is provisioned as a trust anchor",
        )
    };
    CheckResult::new(&OWNER_ROOTS, outcome)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog;
    use crate::integrity::{
        BootReport, Digest, DigestOnlySigner, ImageVerifier, KeyId, MAX_LEN, Manifest,
        MinimumVersion, PublicKey, Region, RollbackError, SignatureAlgorithm, SliceImage,
    };

    #[test]
    fn ids_codes_and_requirements_are_well_formed() {
        for info in CHECKS {
            assert!(info.id.is_well_formed(), "{}", info.id);
            assert!(!info.requirements.is_empty());
            for req in info.requirements {
                let r = catalog::get(&std::format!("{req}")).unwrap();
                assert_eq!(r.fr(), Some(crate::Fr::Si), "{req}");
            }
        }
        let mut ids: std::vec::Vec<_> = CHECKS.iter().map(|c| c.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), CHECKS.len());
        for code in codes::ALL {
            assert!(code.is_well_formed(), "{code}");
            assert!(code.as_str().starts_with("INTEGRITY-"));
        }
    }

    fn digest_only_verified(version: u32) -> ImageVerified {
        let image = [1u8; 8];
        let region = Region {
            offset: 0,
            len: 8,
            digest: Digest::of(&image),
        };
        let mut buf = [0u8; MAX_LEN];
        let n = Manifest::new(
            version,
            SignatureAlgorithm::DigestOnly,
            KeyId::NONE,
            &[region],
        )
        .unwrap()
        .encode(&mut buf, &DigestOnlySigner)
        .unwrap();
        let anchors = TrustAnchors::<1>::new();
        ImageVerifier::new(&anchors, MinimumVersion::NONE)
            .allow_digest_only()
            .verify(&buf[..n], &mut SliceImage::new(&image))
            .unwrap()
    }

    #[test]
    fn digest_only_proof_passes_integrity_but_not_authenticity() {
        let ok = Ok(digest_only_verified(3));
        assert!(image_digest(&ok).outcome.is_pass());
        assert_eq!(
            image_signature(&ok).outcome.finding().map(|f| f.code),
            Some(codes::UNSIGNED)
        );
        assert_eq!(
            update_verification(Some(&ok))
                .outcome
                .finding()
                .map(|f| f.code),
            Some(codes::UNSIGNED)
        );
        assert!(anti_rollback(&ok).outcome.is_pass());
    }

    #[test]
    fn every_error_maps_to_a_non_pass() {
        let errors = [
            IntegrityError::Manifest(crate::integrity::ManifestError::KeyIdNotZero),
            SignatureError::NotSigned.into(),
            SignatureError::UnknownKey {
                key_id: KeyId::NONE,
            }
            .into(),
            SignatureError::Invalid {
                algorithm: SignatureAlgorithm::Ed25519,
                key_id: KeyId::NONE,
            }
            .into(),
            SignatureError::AlgorithmDisabled {
                algorithm: SignatureAlgorithm::Ed25519,
            }
            .into(),
            SignatureError::AlgorithmMismatch {
                key_id: KeyId::NONE,
                key: SignatureAlgorithm::Ed25519,
                manifest: SignatureAlgorithm::EcdsaP256Sha256,
            }
            .into(),
            IntegrityError::ManifestDigestMismatch,
            RollbackError {
                image_version: 1,
                minimum: 2,
            }
            .into(),
            IntegrityError::DigestMismatch {
                region: 0,
                offset: 0,
                len: 1,
            },
            IntegrityError::Source {
                region: 0,
                error: crate::integrity::SourceError::Io { offset: 0 },
            },
        ];
        for e in errors {
            let r = Err(e);
            for result in [
                image_digest(&r),
                image_signature(&r),
                update_verification(Some(&r)),
                anti_rollback(&r),
            ] {
                assert!(!result.outcome.is_pass(), "{e:?} -> {:?}", result.outcome);
            }
        }
        let expect = |e: IntegrityError, code: FindingCode| {
            assert_eq!(
                image_signature(&Err(e)).outcome.finding().map(|f| f.code),
                Some(code),
                "{e:?}"
            );
        };
        expect(
            SignatureError::UnknownKey {
                key_id: KeyId::NONE,
            }
            .into(),
            codes::UNKNOWN_KEY,
        );
        expect(
            SignatureError::Invalid {
                algorithm: SignatureAlgorithm::Ed25519,
                key_id: KeyId::NONE,
            }
            .into(),
            codes::SIGNATURE_INVALID,
        );
        expect(
            IntegrityError::ManifestDigestMismatch,
            codes::DIGEST_MISMATCH,
        );
        expect(
            RollbackError {
                image_version: 1,
                minimum: 2,
            }
            .into(),
            codes::ROLLBACK,
        );
        expect(
            IntegrityError::Manifest(crate::integrity::ManifestError::KeyIdNotZero),
            codes::MANIFEST_INVALID,
        );
    }

    #[test]
    fn boot_checks() {
        let report = |verified| BootReport {
            verified,
            image_version: None,
            key_id: None,
        };
        let none = report(BootVerification::None);
        let integrity = report(BootVerification::Integrity);
        let auth = report(BootVerification::Authenticity);
        assert_eq!(boot_verification(None).outcome.kind(), "not-assessed");
        assert_eq!(boot_authenticity(None).outcome.kind(), "not-assessed");
        assert_eq!(
            boot_verification(Some(&none))
                .outcome
                .finding()
                .map(|f| f.code),
            Some(codes::BOOT_UNVERIFIED)
        );
        assert!(boot_verification(Some(&integrity)).outcome.is_pass());
        assert!(boot_verification(Some(&auth)).outcome.is_pass());
        assert_eq!(
            boot_authenticity(Some(&none))
                .outcome
                .finding()
                .map(|f| f.code),
            Some(codes::BOOT_UNVERIFIED)
        );
        assert_eq!(
            boot_authenticity(Some(&integrity))
                .outcome
                .finding()
                .map(|f| f.code),
            Some(codes::BOOT_UNSIGNED)
        );
        assert!(boot_authenticity(Some(&auth)).outcome.is_pass());
        let from_proof = BootReport::from_verified(&digest_only_verified(1));
        assert!(!boot_authenticity(Some(&from_proof)).outcome.is_pass());
    }

    #[test]
    fn roots_of_trust() {
        let mut anchors = TrustAnchors::<2>::new();
        assert_eq!(
            supplier_roots(&anchors).outcome.finding().map(|f| f.code),
            Some(codes::NO_SUPPLIER_ROOT)
        );
        assert_eq!(
            owner_roots(&anchors).outcome.finding().map(|f| f.code),
            Some(codes::NO_OWNER_ROOT)
        );
        anchors
            .add(
                Role::AssetOwner,
                PublicKey::from_raw(SignatureAlgorithm::Ed25519, &[1; 32]).unwrap(),
            )
            .unwrap();
        assert!(!supplier_roots(&anchors).outcome.is_pass());
        assert!(owner_roots(&anchors).outcome.is_pass());
        anchors
            .add(
                Role::Supplier,
                PublicKey::from_raw(SignatureAlgorithm::Ed25519, &[2; 32]).unwrap(),
            )
            .unwrap();
        assert!(supplier_roots(&anchors).outcome.is_pass());
    }
}
