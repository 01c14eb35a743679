// @generated from data/iec62443-4-2.toml by the root package's tests/catalog.rs.
// Do not edit: change the data file and run `OTCHECK_BLESS=1 cargo test --test catalog`.
//! The static requirement table.

use super::Confidence::{High, Medium};
use super::Status::{Deferred, NotApplicable, Normative};
use super::{CheckClass, ComponentSet, Requirement, RequirementId, RequirementKind};
use crate::sl::SecurityLevel::{Sl1, Sl2, Sl3, Sl4};

#[allow(missing_docs)]
pub mod ids {
    use super::{RequirementId, RequirementKind};

    /// CCSC 1: Support of essential functions.
    pub const CCSC_1: RequirementId = RequirementId::new(RequirementKind::Ccsc, 0, 1);
    /// CCSC 2: Compensating countermeasures.
    pub const CCSC_2: RequirementId = RequirementId::new(RequirementKind::Ccsc, 0, 2);
    /// CCSC 3: Least privilege.
    pub const CCSC_3: RequirementId = RequirementId::new(RequirementKind::Ccsc, 0, 3);
    /// CCSC 4: Software development process.
    pub const CCSC_4: RequirementId = RequirementId::new(RequirementKind::Ccsc, 0, 4);
    /// CR 1.1: Human user identification and authentication.
    pub const CR_1_1: RequirementId = RequirementId::new(RequirementKind::Cr, 1, 1);
    /// CR 1.1 RE 1: Unique identification and authentication.
    pub const CR_1_1_RE_1: RequirementId = RequirementId::new(RequirementKind::Cr, 1, 1).with_re(1);
    /// CR 1.1 RE 2: Multifactor authentication for all interfaces.
    pub const CR_1_1_RE_2: RequirementId = RequirementId::new(RequirementKind::Cr, 1, 1).with_re(2);
    /// CR 1.2: Software process and device identification and authentication.
    pub const CR_1_2: RequirementId = RequirementId::new(RequirementKind::Cr, 1, 2);
    /// CR 1.2 RE 1: Unique identification and authentication.
    pub const CR_1_2_RE_1: RequirementId = RequirementId::new(RequirementKind::Cr, 1, 2).with_re(1);
    /// CR 1.3: Account management.
    pub const CR_1_3: RequirementId = RequirementId::new(RequirementKind::Cr, 1, 3);
    /// CR 1.4: Identifier management.
    pub const CR_1_4: RequirementId = RequirementId::new(RequirementKind::Cr, 1, 4);
    /// CR 1.5: Authenticator management.
    pub const CR_1_5: RequirementId = RequirementId::new(RequirementKind::Cr, 1, 5);
    /// CR 1.5 RE 1: Hardware security for authenticators.
    pub const CR_1_5_RE_1: RequirementId = RequirementId::new(RequirementKind::Cr, 1, 5).with_re(1);
    /// CR 1.6: Wireless access management.
    pub const CR_1_6: RequirementId = RequirementId::new(RequirementKind::Cr, 1, 6);
    /// CR 1.7: Strength of password-based authentication.
    pub const CR_1_7: RequirementId = RequirementId::new(RequirementKind::Cr, 1, 7);
    /// CR 1.7 RE 1: Password generation and lifetime restrictions for human users.
    pub const CR_1_7_RE_1: RequirementId = RequirementId::new(RequirementKind::Cr, 1, 7).with_re(1);
    /// CR 1.7 RE 2: Password lifetime restrictions for all users (human, software process, or device).
    pub const CR_1_7_RE_2: RequirementId = RequirementId::new(RequirementKind::Cr, 1, 7).with_re(2);
    /// CR 1.8: Public key infrastructure certificates.
    pub const CR_1_8: RequirementId = RequirementId::new(RequirementKind::Cr, 1, 8);
    /// CR 1.9: Strength of public key-based authentication.
    pub const CR_1_9: RequirementId = RequirementId::new(RequirementKind::Cr, 1, 9);
    /// CR 1.9 RE 1: Hardware security for public key-based authentication.
    pub const CR_1_9_RE_1: RequirementId = RequirementId::new(RequirementKind::Cr, 1, 9).with_re(1);
    /// CR 1.10: Authenticator feedback.
    pub const CR_1_10: RequirementId = RequirementId::new(RequirementKind::Cr, 1, 10);
    /// CR 1.11: Unsuccessful login attempts.
    pub const CR_1_11: RequirementId = RequirementId::new(RequirementKind::Cr, 1, 11);
    /// CR 1.12: System use notification.
    pub const CR_1_12: RequirementId = RequirementId::new(RequirementKind::Cr, 1, 12);
    /// CR 1.13: Access via untrusted networks.
    pub const CR_1_13: RequirementId = RequirementId::new(RequirementKind::Cr, 1, 13);
    /// CR 1.14: Strength of symmetric key-based authentication.
    pub const CR_1_14: RequirementId = RequirementId::new(RequirementKind::Cr, 1, 14);
    /// CR 1.14 RE 1: Hardware security for symmetric key-based authentication.
    pub const CR_1_14_RE_1: RequirementId = RequirementId::new(RequirementKind::Cr, 1, 14).with_re(1);
    /// CR 2.1: Authorization enforcement.
    pub const CR_2_1: RequirementId = RequirementId::new(RequirementKind::Cr, 2, 1);
    /// CR 2.1 RE 1: Authorization enforcement for all users (humans, software processes and devices).
    pub const CR_2_1_RE_1: RequirementId = RequirementId::new(RequirementKind::Cr, 2, 1).with_re(1);
    /// CR 2.1 RE 2: Permission mapping to roles.
    pub const CR_2_1_RE_2: RequirementId = RequirementId::new(RequirementKind::Cr, 2, 1).with_re(2);
    /// CR 2.1 RE 3: Supervisor override.
    pub const CR_2_1_RE_3: RequirementId = RequirementId::new(RequirementKind::Cr, 2, 1).with_re(3);
    /// CR 2.1 RE 4: Dual approval.
    pub const CR_2_1_RE_4: RequirementId = RequirementId::new(RequirementKind::Cr, 2, 1).with_re(4);
    /// CR 2.2: Wireless use control.
    pub const CR_2_2: RequirementId = RequirementId::new(RequirementKind::Cr, 2, 2);
    /// CR 2.3: Use control for portable and mobile devices.
    pub const CR_2_3: RequirementId = RequirementId::new(RequirementKind::Cr, 2, 3);
    /// CR 2.4: Mobile code.
    pub const CR_2_4: RequirementId = RequirementId::new(RequirementKind::Cr, 2, 4);
    /// CR 2.5: Session lock.
    pub const CR_2_5: RequirementId = RequirementId::new(RequirementKind::Cr, 2, 5);
    /// CR 2.6: Remote session termination.
    pub const CR_2_6: RequirementId = RequirementId::new(RequirementKind::Cr, 2, 6);
    /// CR 2.7: Concurrent session control.
    pub const CR_2_7: RequirementId = RequirementId::new(RequirementKind::Cr, 2, 7);
    /// CR 2.8: Auditable events.
    pub const CR_2_8: RequirementId = RequirementId::new(RequirementKind::Cr, 2, 8);
    /// CR 2.9: Audit storage capacity.
    pub const CR_2_9: RequirementId = RequirementId::new(RequirementKind::Cr, 2, 9);
    /// CR 2.9 RE 1: Warn when audit record storage capacity threshold reached.
    pub const CR_2_9_RE_1: RequirementId = RequirementId::new(RequirementKind::Cr, 2, 9).with_re(1);
    /// CR 2.10: Response to audit processing failures.
    pub const CR_2_10: RequirementId = RequirementId::new(RequirementKind::Cr, 2, 10);
    /// CR 2.11: Timestamps.
    pub const CR_2_11: RequirementId = RequirementId::new(RequirementKind::Cr, 2, 11);
    /// CR 2.11 RE 1: Time synchronization.
    pub const CR_2_11_RE_1: RequirementId = RequirementId::new(RequirementKind::Cr, 2, 11).with_re(1);
    /// CR 2.11 RE 2: Protection of time source integrity.
    pub const CR_2_11_RE_2: RequirementId = RequirementId::new(RequirementKind::Cr, 2, 11).with_re(2);
    /// CR 2.12: Non-repudiation.
    pub const CR_2_12: RequirementId = RequirementId::new(RequirementKind::Cr, 2, 12);
    /// CR 2.12 RE 1: Non-repudiation for all users.
    pub const CR_2_12_RE_1: RequirementId = RequirementId::new(RequirementKind::Cr, 2, 12).with_re(1);
    /// CR 2.13: Use of physical diagnostic and test interfaces.
    pub const CR_2_13: RequirementId = RequirementId::new(RequirementKind::Cr, 2, 13);
    /// CR 3.1: Communication integrity.
    pub const CR_3_1: RequirementId = RequirementId::new(RequirementKind::Cr, 3, 1);
    /// CR 3.1 RE 1: Communication authentication.
    pub const CR_3_1_RE_1: RequirementId = RequirementId::new(RequirementKind::Cr, 3, 1).with_re(1);
    /// CR 3.2: Protection from malicious code.
    pub const CR_3_2: RequirementId = RequirementId::new(RequirementKind::Cr, 3, 2);
    /// CR 3.3: Security functionality verification.
    pub const CR_3_3: RequirementId = RequirementId::new(RequirementKind::Cr, 3, 3);
    /// CR 3.3 RE 1: Security functionality verification during normal operation.
    pub const CR_3_3_RE_1: RequirementId = RequirementId::new(RequirementKind::Cr, 3, 3).with_re(1);
    /// CR 3.4: Software and information integrity.
    pub const CR_3_4: RequirementId = RequirementId::new(RequirementKind::Cr, 3, 4);
    /// CR 3.4 RE 1: Authenticity of software and information.
    pub const CR_3_4_RE_1: RequirementId = RequirementId::new(RequirementKind::Cr, 3, 4).with_re(1);
    /// CR 3.4 RE 2: Automated notification of integrity violations.
    pub const CR_3_4_RE_2: RequirementId = RequirementId::new(RequirementKind::Cr, 3, 4).with_re(2);
    /// CR 3.5: Input validation.
    pub const CR_3_5: RequirementId = RequirementId::new(RequirementKind::Cr, 3, 5);
    /// CR 3.6: Deterministic output.
    pub const CR_3_6: RequirementId = RequirementId::new(RequirementKind::Cr, 3, 6);
    /// CR 3.7: Error handling.
    pub const CR_3_7: RequirementId = RequirementId::new(RequirementKind::Cr, 3, 7);
    /// CR 3.8: Session integrity.
    pub const CR_3_8: RequirementId = RequirementId::new(RequirementKind::Cr, 3, 8);
    /// CR 3.9: Protection of audit information.
    pub const CR_3_9: RequirementId = RequirementId::new(RequirementKind::Cr, 3, 9);
    /// CR 3.9 RE 1: Audit records on write-once media.
    pub const CR_3_9_RE_1: RequirementId = RequirementId::new(RequirementKind::Cr, 3, 9).with_re(1);
    /// CR 3.10: Support for updates.
    pub const CR_3_10: RequirementId = RequirementId::new(RequirementKind::Cr, 3, 10);
    /// CR 3.11: Physical tamper resistance and detection.
    pub const CR_3_11: RequirementId = RequirementId::new(RequirementKind::Cr, 3, 11);
    /// CR 3.12: Provisioning product supplier roots of trust.
    pub const CR_3_12: RequirementId = RequirementId::new(RequirementKind::Cr, 3, 12);
    /// CR 3.13: Provisioning asset owner roots of trust.
    pub const CR_3_13: RequirementId = RequirementId::new(RequirementKind::Cr, 3, 13);
    /// CR 3.14: Integrity of the boot process.
    pub const CR_3_14: RequirementId = RequirementId::new(RequirementKind::Cr, 3, 14);
    /// CR 4.1: Information confidentiality.
    pub const CR_4_1: RequirementId = RequirementId::new(RequirementKind::Cr, 4, 1);
    /// CR 4.2: Information persistence.
    pub const CR_4_2: RequirementId = RequirementId::new(RequirementKind::Cr, 4, 2);
    /// CR 4.2 RE 1: Erase of shared memory resources.
    pub const CR_4_2_RE_1: RequirementId = RequirementId::new(RequirementKind::Cr, 4, 2).with_re(1);
    /// CR 4.2 RE 2: Erase verification.
    pub const CR_4_2_RE_2: RequirementId = RequirementId::new(RequirementKind::Cr, 4, 2).with_re(2);
    /// CR 4.3: Use of cryptography.
    pub const CR_4_3: RequirementId = RequirementId::new(RequirementKind::Cr, 4, 3);
    /// CR 5.1: Network segmentation.
    pub const CR_5_1: RequirementId = RequirementId::new(RequirementKind::Cr, 5, 1);
    /// CR 5.2: Zone boundary protection.
    pub const CR_5_2: RequirementId = RequirementId::new(RequirementKind::Cr, 5, 2);
    /// CR 5.3: General purpose, person-to-person communication restrictions.
    pub const CR_5_3: RequirementId = RequirementId::new(RequirementKind::Cr, 5, 3);
    /// CR 5.4: Application partitioning.
    pub const CR_5_4: RequirementId = RequirementId::new(RequirementKind::Cr, 5, 4);
    /// CR 6.1: Audit log accessibility.
    pub const CR_6_1: RequirementId = RequirementId::new(RequirementKind::Cr, 6, 1);
    /// CR 6.1 RE 1: Programmatic access to audit logs.
    pub const CR_6_1_RE_1: RequirementId = RequirementId::new(RequirementKind::Cr, 6, 1).with_re(1);
    /// CR 6.2: Continuous monitoring.
    pub const CR_6_2: RequirementId = RequirementId::new(RequirementKind::Cr, 6, 2);
    /// CR 7.1: Denial of service protection.
    pub const CR_7_1: RequirementId = RequirementId::new(RequirementKind::Cr, 7, 1);
    /// CR 7.1 RE 1: Manage communication load from component.
    pub const CR_7_1_RE_1: RequirementId = RequirementId::new(RequirementKind::Cr, 7, 1).with_re(1);
    /// CR 7.2: Resource management.
    pub const CR_7_2: RequirementId = RequirementId::new(RequirementKind::Cr, 7, 2);
    /// CR 7.3: Control system backup.
    pub const CR_7_3: RequirementId = RequirementId::new(RequirementKind::Cr, 7, 3);
    /// CR 7.3 RE 1: Backup integrity verification.
    pub const CR_7_3_RE_1: RequirementId = RequirementId::new(RequirementKind::Cr, 7, 3).with_re(1);
    /// CR 7.4: Control system recovery and reconstitution.
    pub const CR_7_4: RequirementId = RequirementId::new(RequirementKind::Cr, 7, 4);
    /// CR 7.5: Emergency power.
    pub const CR_7_5: RequirementId = RequirementId::new(RequirementKind::Cr, 7, 5);
    /// CR 7.6: Network and security configuration settings.
    pub const CR_7_6: RequirementId = RequirementId::new(RequirementKind::Cr, 7, 6);
    /// CR 7.6 RE 1: Machine-readable reporting of current security settings.
    pub const CR_7_6_RE_1: RequirementId = RequirementId::new(RequirementKind::Cr, 7, 6).with_re(1);
    /// CR 7.7: Least functionality.
    pub const CR_7_7: RequirementId = RequirementId::new(RequirementKind::Cr, 7, 7);
    /// CR 7.8: Control system component inventory.
    pub const CR_7_8: RequirementId = RequirementId::new(RequirementKind::Cr, 7, 8);
    /// SAR 2.4: Mobile code.
    pub const SAR_2_4: RequirementId = RequirementId::new(RequirementKind::Sar, 2, 4);
    /// SAR 2.4 RE 1: Mobile code authenticity check.
    pub const SAR_2_4_RE_1: RequirementId = RequirementId::new(RequirementKind::Sar, 2, 4).with_re(1);
    /// SAR 3.2: Protection from malicious code.
    pub const SAR_3_2: RequirementId = RequirementId::new(RequirementKind::Sar, 3, 2);
    /// EDR 2.4: Mobile code.
    pub const EDR_2_4: RequirementId = RequirementId::new(RequirementKind::Edr, 2, 4);
    /// EDR 2.4 RE 1: Mobile code authenticity check.
    pub const EDR_2_4_RE_1: RequirementId = RequirementId::new(RequirementKind::Edr, 2, 4).with_re(1);
    /// EDR 2.13: Use of physical diagnostic and test interfaces.
    pub const EDR_2_13: RequirementId = RequirementId::new(RequirementKind::Edr, 2, 13);
    /// EDR 2.13 RE 1: Active monitoring.
    pub const EDR_2_13_RE_1: RequirementId = RequirementId::new(RequirementKind::Edr, 2, 13).with_re(1);
    /// EDR 3.2: Protection from malicious code.
    pub const EDR_3_2: RequirementId = RequirementId::new(RequirementKind::Edr, 3, 2);
    /// EDR 3.10: Support for updates.
    pub const EDR_3_10: RequirementId = RequirementId::new(RequirementKind::Edr, 3, 10);
    /// EDR 3.10 RE 1: Update authenticity and integrity.
    pub const EDR_3_10_RE_1: RequirementId = RequirementId::new(RequirementKind::Edr, 3, 10).with_re(1);
    /// EDR 3.11: Physical tamper resistance and detection.
    pub const EDR_3_11: RequirementId = RequirementId::new(RequirementKind::Edr, 3, 11);
    /// EDR 3.11 RE 1: Notification of a tampering attempt.
    pub const EDR_3_11_RE_1: RequirementId = RequirementId::new(RequirementKind::Edr, 3, 11).with_re(1);
    /// EDR 3.12: Provisioning product supplier roots of trust.
    pub const EDR_3_12: RequirementId = RequirementId::new(RequirementKind::Edr, 3, 12);
    /// EDR 3.13: Provisioning asset owner roots of trust.
    pub const EDR_3_13: RequirementId = RequirementId::new(RequirementKind::Edr, 3, 13);
    /// EDR 3.14: Integrity of the boot process.
    pub const EDR_3_14: RequirementId = RequirementId::new(RequirementKind::Edr, 3, 14);
    /// EDR 3.14 RE 1: Authenticity of the boot process.
    pub const EDR_3_14_RE_1: RequirementId = RequirementId::new(RequirementKind::Edr, 3, 14).with_re(1);
    /// HDR 2.4: Mobile code.
    pub const HDR_2_4: RequirementId = RequirementId::new(RequirementKind::Hdr, 2, 4);
    /// HDR 2.4 RE 1: Mobile code authenticity check.
    pub const HDR_2_4_RE_1: RequirementId = RequirementId::new(RequirementKind::Hdr, 2, 4).with_re(1);
    /// HDR 2.13: Use of physical diagnostic and test interfaces.
    pub const HDR_2_13: RequirementId = RequirementId::new(RequirementKind::Hdr, 2, 13);
    /// HDR 2.13 RE 1: Active monitoring.
    pub const HDR_2_13_RE_1: RequirementId = RequirementId::new(RequirementKind::Hdr, 2, 13).with_re(1);
    /// HDR 3.2: Protection from malicious code.
    pub const HDR_3_2: RequirementId = RequirementId::new(RequirementKind::Hdr, 3, 2);
    /// HDR 3.2 RE 1: Report version of code protection.
    pub const HDR_3_2_RE_1: RequirementId = RequirementId::new(RequirementKind::Hdr, 3, 2).with_re(1);
    /// HDR 3.10: Support for updates.
    pub const HDR_3_10: RequirementId = RequirementId::new(RequirementKind::Hdr, 3, 10);
    /// HDR 3.10 RE 1: Update authenticity and integrity.
    pub const HDR_3_10_RE_1: RequirementId = RequirementId::new(RequirementKind::Hdr, 3, 10).with_re(1);
    /// HDR 3.11: Physical tamper resistance and detection.
    pub const HDR_3_11: RequirementId = RequirementId::new(RequirementKind::Hdr, 3, 11);
    /// HDR 3.11 RE 1: Notification of a tampering attempt.
    pub const HDR_3_11_RE_1: RequirementId = RequirementId::new(RequirementKind::Hdr, 3, 11).with_re(1);
    /// HDR 3.12: Provisioning product supplier roots of trust.
    pub const HDR_3_12: RequirementId = RequirementId::new(RequirementKind::Hdr, 3, 12);
    /// HDR 3.13: Provisioning asset owner roots of trust.
    pub const HDR_3_13: RequirementId = RequirementId::new(RequirementKind::Hdr, 3, 13);
    /// HDR 3.14: Integrity of the boot process.
    pub const HDR_3_14: RequirementId = RequirementId::new(RequirementKind::Hdr, 3, 14);
    /// HDR 3.14 RE 1: Authenticity of the boot process.
    pub const HDR_3_14_RE_1: RequirementId = RequirementId::new(RequirementKind::Hdr, 3, 14).with_re(1);
    /// NDR 1.6: Wireless access management.
    pub const NDR_1_6: RequirementId = RequirementId::new(RequirementKind::Ndr, 1, 6);
    /// NDR 1.6 RE 1: Unique identification and authentication.
    pub const NDR_1_6_RE_1: RequirementId = RequirementId::new(RequirementKind::Ndr, 1, 6).with_re(1);
    /// NDR 1.13: Access via untrusted networks.
    pub const NDR_1_13: RequirementId = RequirementId::new(RequirementKind::Ndr, 1, 13);
    /// NDR 1.13 RE 1: Explicit access request approval.
    pub const NDR_1_13_RE_1: RequirementId = RequirementId::new(RequirementKind::Ndr, 1, 13).with_re(1);
    /// NDR 2.4: Mobile code.
    pub const NDR_2_4: RequirementId = RequirementId::new(RequirementKind::Ndr, 2, 4);
    /// NDR 2.4 RE 1: Mobile code authenticity check.
    pub const NDR_2_4_RE_1: RequirementId = RequirementId::new(RequirementKind::Ndr, 2, 4).with_re(1);
    /// NDR 2.13: Use of physical diagnostic and test interfaces.
    pub const NDR_2_13: RequirementId = RequirementId::new(RequirementKind::Ndr, 2, 13);
    /// NDR 2.13 RE 1: Active monitoring.
    pub const NDR_2_13_RE_1: RequirementId = RequirementId::new(RequirementKind::Ndr, 2, 13).with_re(1);
    /// NDR 3.2: Protection from malicious code.
    pub const NDR_3_2: RequirementId = RequirementId::new(RequirementKind::Ndr, 3, 2);
    /// NDR 3.10: Support for updates.
    pub const NDR_3_10: RequirementId = RequirementId::new(RequirementKind::Ndr, 3, 10);
    /// NDR 3.10 RE 1: Update authenticity and integrity.
    pub const NDR_3_10_RE_1: RequirementId = RequirementId::new(RequirementKind::Ndr, 3, 10).with_re(1);
    /// NDR 3.11: Physical tamper resistance and detection.
    pub const NDR_3_11: RequirementId = RequirementId::new(RequirementKind::Ndr, 3, 11);
    /// NDR 3.11 RE 1: Notification of a tampering attempt.
    pub const NDR_3_11_RE_1: RequirementId = RequirementId::new(RequirementKind::Ndr, 3, 11).with_re(1);
    /// NDR 3.12: Provisioning product supplier roots of trust.
    pub const NDR_3_12: RequirementId = RequirementId::new(RequirementKind::Ndr, 3, 12);
    /// NDR 3.13: Provisioning asset owner roots of trust.
    pub const NDR_3_13: RequirementId = RequirementId::new(RequirementKind::Ndr, 3, 13);
    /// NDR 3.14: Integrity of the boot process.
    pub const NDR_3_14: RequirementId = RequirementId::new(RequirementKind::Ndr, 3, 14);
    /// NDR 3.14 RE 1: Authenticity of the boot process.
    pub const NDR_3_14_RE_1: RequirementId = RequirementId::new(RequirementKind::Ndr, 3, 14).with_re(1);
    /// NDR 5.2: Zone boundary protection.
    pub const NDR_5_2: RequirementId = RequirementId::new(RequirementKind::Ndr, 5, 2);
    /// NDR 5.2 RE 1: Deny all, permit by exception.
    pub const NDR_5_2_RE_1: RequirementId = RequirementId::new(RequirementKind::Ndr, 5, 2).with_re(1);
    /// NDR 5.2 RE 2: Island mode.
    pub const NDR_5_2_RE_2: RequirementId = RequirementId::new(RequirementKind::Ndr, 5, 2).with_re(2);
    /// NDR 5.2 RE 3: Fail close.
    pub const NDR_5_2_RE_3: RequirementId = RequirementId::new(RequirementKind::Ndr, 5, 2).with_re(3);
    /// NDR 5.3: General purpose, person-to-person communication restrictions.
    pub const NDR_5_3: RequirementId = RequirementId::new(RequirementKind::Ndr, 5, 3);
}

/// Every entry, in catalogue order.
#[rustfmt::skip]
pub(super) static REQUIREMENTS: &[Requirement] = &[
    Requirement { id: ids::CCSC_1, title: "Support of essential functions", status: Normative, min_level: None, applies_to: ComponentSet::ALL, check_class: CheckClass::ProcessDocumentation, confidence: High, defers_to: &[] },
    Requirement { id: ids::CCSC_2, title: "Compensating countermeasures", status: Normative, min_level: None, applies_to: ComponentSet::ALL, check_class: CheckClass::ProcessDocumentation, confidence: High, defers_to: &[] },
    Requirement { id: ids::CCSC_3, title: "Least privilege", status: Normative, min_level: None, applies_to: ComponentSet::ALL, check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::CCSC_4, title: "Software development process", status: Normative, min_level: None, applies_to: ComponentSet::ALL, check_class: CheckClass::ProcessDocumentation, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_1_1, title: "Human user identification and authentication", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_1_1_RE_1, title: "Unique identification and authentication", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_1_1_RE_2, title: "Multifactor authentication for all interfaces", status: Normative, min_level: Some(Sl3), applies_to: ComponentSet(0b1111), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_1_2, title: "Software process and device identification and authentication", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b1111), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_1_2_RE_1, title: "Unique identification and authentication", status: Normative, min_level: Some(Sl3), applies_to: ComponentSet(0b1111), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_1_3, title: "Account management", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_1_4, title: "Identifier management", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1111), check_class: CheckClass::Partial, confidence: Medium, defers_to: &[] },
    Requirement { id: ids::CR_1_5, title: "Authenticator management", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_1_5_RE_1, title: "Hardware security for authenticators", status: Normative, min_level: Some(Sl3), applies_to: ComponentSet(0b1111), check_class: CheckClass::HardwarePhysical, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_1_6, title: "Wireless access management", status: Deferred, min_level: None, applies_to: ComponentSet(0b0000), check_class: CheckClass::None, confidence: High, defers_to: &[ids::NDR_1_6] },
    Requirement { id: ids::CR_1_7, title: "Strength of password-based authentication", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_1_7_RE_1, title: "Password generation and lifetime restrictions for human users", status: Normative, min_level: Some(Sl3), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_1_7_RE_2, title: "Password lifetime restrictions for all users (human, software process, or device)", status: Normative, min_level: Some(Sl4), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_1_8, title: "Public key infrastructure certificates", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b1111), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_1_9, title: "Strength of public key-based authentication", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_1_9_RE_1, title: "Hardware security for public key-based authentication", status: Normative, min_level: Some(Sl3), applies_to: ComponentSet(0b1111), check_class: CheckClass::HardwarePhysical, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_1_10, title: "Authenticator feedback", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_1_11, title: "Unsuccessful login attempts", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_1_12, title: "System use notification", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_1_13, title: "Access via untrusted networks", status: Deferred, min_level: None, applies_to: ComponentSet(0b0000), check_class: CheckClass::None, confidence: High, defers_to: &[ids::NDR_1_13] },
    Requirement { id: ids::CR_1_14, title: "Strength of symmetric key-based authentication", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b1111), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_1_14_RE_1, title: "Hardware security for symmetric key-based authentication", status: Normative, min_level: Some(Sl3), applies_to: ComponentSet(0b1111), check_class: CheckClass::HardwarePhysical, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_2_1, title: "Authorization enforcement", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_2_1_RE_1, title: "Authorization enforcement for all users (humans, software processes and devices)", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_2_1_RE_2, title: "Permission mapping to roles", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_2_1_RE_3, title: "Supervisor override", status: Normative, min_level: Some(Sl3), applies_to: ComponentSet(0b1111), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_2_1_RE_4, title: "Dual approval", status: Normative, min_level: Some(Sl4), applies_to: ComponentSet(0b1111), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_2_2, title: "Wireless use control", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_2_3, title: "Use control for portable and mobile devices", status: NotApplicable, min_level: None, applies_to: ComponentSet(0b0000), check_class: CheckClass::None, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_2_4, title: "Mobile code", status: Deferred, min_level: None, applies_to: ComponentSet(0b0000), check_class: CheckClass::None, confidence: High, defers_to: &[ids::SAR_2_4, ids::EDR_2_4, ids::HDR_2_4, ids::NDR_2_4] },
    Requirement { id: ids::CR_2_5, title: "Session lock", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_2_6, title: "Remote session termination", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_2_7, title: "Concurrent session control", status: Normative, min_level: Some(Sl3), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_2_8, title: "Auditable events", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_2_9, title: "Audit storage capacity", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_2_9_RE_1, title: "Warn when audit record storage capacity threshold reached", status: Normative, min_level: Some(Sl3), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_2_10, title: "Response to audit processing failures", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1111), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_2_11, title: "Timestamps", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_2_11_RE_1, title: "Time synchronization", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_2_11_RE_2, title: "Protection of time source integrity", status: Normative, min_level: Some(Sl4), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_2_12, title: "Non-repudiation", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1111), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_2_12_RE_1, title: "Non-repudiation for all users", status: Normative, min_level: Some(Sl4), applies_to: ComponentSet(0b1111), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_2_13, title: "Use of physical diagnostic and test interfaces", status: Deferred, min_level: None, applies_to: ComponentSet(0b0000), check_class: CheckClass::None, confidence: High, defers_to: &[ids::EDR_2_13, ids::HDR_2_13, ids::NDR_2_13] },
    Requirement { id: ids::CR_3_1, title: "Communication integrity", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_3_1_RE_1, title: "Communication authentication", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_3_2, title: "Protection from malicious code", status: Deferred, min_level: None, applies_to: ComponentSet(0b0000), check_class: CheckClass::None, confidence: High, defers_to: &[ids::SAR_3_2, ids::EDR_3_2, ids::HDR_3_2, ids::NDR_3_2] },
    Requirement { id: ids::CR_3_3, title: "Security functionality verification", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1111), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_3_3_RE_1, title: "Security functionality verification during normal operation", status: Normative, min_level: Some(Sl4), applies_to: ComponentSet(0b1111), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_3_4, title: "Software and information integrity", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_3_4_RE_1, title: "Authenticity of software and information", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_3_4_RE_2, title: "Automated notification of integrity violations", status: Normative, min_level: Some(Sl3), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_3_5, title: "Input validation", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1111), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_3_6, title: "Deterministic output", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1111), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_3_7, title: "Error handling", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1111), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_3_8, title: "Session integrity", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_3_9, title: "Protection of audit information", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_3_9_RE_1, title: "Audit records on write-once media", status: Normative, min_level: Some(Sl4), applies_to: ComponentSet(0b1111), check_class: CheckClass::HardwarePhysical, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_3_10, title: "Support for updates", status: Deferred, min_level: None, applies_to: ComponentSet(0b0000), check_class: CheckClass::None, confidence: High, defers_to: &[ids::EDR_3_10, ids::HDR_3_10, ids::NDR_3_10] },
    Requirement { id: ids::CR_3_11, title: "Physical tamper resistance and detection", status: Deferred, min_level: None, applies_to: ComponentSet(0b0000), check_class: CheckClass::None, confidence: High, defers_to: &[ids::EDR_3_11, ids::HDR_3_11, ids::NDR_3_11] },
    Requirement { id: ids::CR_3_12, title: "Provisioning product supplier roots of trust", status: Deferred, min_level: None, applies_to: ComponentSet(0b0000), check_class: CheckClass::None, confidence: High, defers_to: &[ids::EDR_3_12, ids::HDR_3_12, ids::NDR_3_12] },
    Requirement { id: ids::CR_3_13, title: "Provisioning asset owner roots of trust", status: Deferred, min_level: None, applies_to: ComponentSet(0b0000), check_class: CheckClass::None, confidence: High, defers_to: &[ids::EDR_3_13, ids::HDR_3_13, ids::NDR_3_13] },
    Requirement { id: ids::CR_3_14, title: "Integrity of the boot process", status: Deferred, min_level: None, applies_to: ComponentSet(0b0000), check_class: CheckClass::None, confidence: High, defers_to: &[ids::EDR_3_14, ids::HDR_3_14, ids::NDR_3_14] },
    Requirement { id: ids::CR_4_1, title: "Information confidentiality", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_4_2, title: "Information persistence", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b1111), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_4_2_RE_1, title: "Erase of shared memory resources", status: Normative, min_level: Some(Sl3), applies_to: ComponentSet(0b1111), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_4_2_RE_2, title: "Erase verification", status: Normative, min_level: Some(Sl3), applies_to: ComponentSet(0b1111), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_4_3, title: "Use of cryptography", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_5_1, title: "Network segmentation", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1111), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_5_2, title: "Zone boundary protection", status: Deferred, min_level: None, applies_to: ComponentSet(0b0000), check_class: CheckClass::None, confidence: High, defers_to: &[ids::NDR_5_2] },
    Requirement { id: ids::CR_5_3, title: "General purpose, person-to-person communication restrictions", status: Deferred, min_level: None, applies_to: ComponentSet(0b0000), check_class: CheckClass::None, confidence: High, defers_to: &[ids::NDR_5_3] },
    Requirement { id: ids::CR_5_4, title: "Application partitioning", status: NotApplicable, min_level: None, applies_to: ComponentSet(0b0000), check_class: CheckClass::None, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_6_1, title: "Audit log accessibility", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: Medium, defers_to: &[] },
    Requirement { id: ids::CR_6_1_RE_1, title: "Programmatic access to audit logs", status: Normative, min_level: Some(Sl3), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: Medium, defers_to: &[] },
    Requirement { id: ids::CR_6_2, title: "Continuous monitoring", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b1111), check_class: CheckClass::Partial, confidence: Medium, defers_to: &[] },
    Requirement { id: ids::CR_7_1, title: "Denial of service protection", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1111), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_7_1_RE_1, title: "Manage communication load from component", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_7_2, title: "Resource management", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1111), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_7_3, title: "Control system backup", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1111), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_7_3_RE_1, title: "Backup integrity verification", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_7_4, title: "Control system recovery and reconstitution", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1111), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_7_5, title: "Emergency power", status: NotApplicable, min_level: None, applies_to: ComponentSet(0b0000), check_class: CheckClass::None, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_7_6, title: "Network and security configuration settings", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_7_6_RE_1, title: "Machine-readable reporting of current security settings", status: Normative, min_level: Some(Sl3), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_7_7, title: "Least functionality", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::CR_7_8, title: "Control system component inventory", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b1111), check_class: CheckClass::Automatable, confidence: Medium, defers_to: &[] },
    Requirement { id: ids::SAR_2_4, title: "Mobile code", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b0001), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::SAR_2_4_RE_1, title: "Mobile code authenticity check", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b0001), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::SAR_3_2, title: "Protection from malicious code", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b0001), check_class: CheckClass::ProcessDocumentation, confidence: High, defers_to: &[] },
    Requirement { id: ids::EDR_2_4, title: "Mobile code", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b0010), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::EDR_2_4_RE_1, title: "Mobile code authenticity check", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b0010), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::EDR_2_13, title: "Use of physical diagnostic and test interfaces", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b0010), check_class: CheckClass::HardwarePhysical, confidence: High, defers_to: &[] },
    Requirement { id: ids::EDR_2_13_RE_1, title: "Active monitoring", status: Normative, min_level: Some(Sl3), applies_to: ComponentSet(0b0010), check_class: CheckClass::HardwarePhysical, confidence: High, defers_to: &[] },
    Requirement { id: ids::EDR_3_2, title: "Protection from malicious code", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b0010), check_class: CheckClass::Partial, confidence: Medium, defers_to: &[] },
    Requirement { id: ids::EDR_3_10, title: "Support for updates", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b0010), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::EDR_3_10_RE_1, title: "Update authenticity and integrity", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b0010), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::EDR_3_11, title: "Physical tamper resistance and detection", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b0010), check_class: CheckClass::HardwarePhysical, confidence: High, defers_to: &[] },
    Requirement { id: ids::EDR_3_11_RE_1, title: "Notification of a tampering attempt", status: Normative, min_level: Some(Sl3), applies_to: ComponentSet(0b0010), check_class: CheckClass::HardwarePhysical, confidence: High, defers_to: &[] },
    Requirement { id: ids::EDR_3_12, title: "Provisioning product supplier roots of trust", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b0010), check_class: CheckClass::HardwarePhysical, confidence: High, defers_to: &[] },
    Requirement { id: ids::EDR_3_13, title: "Provisioning asset owner roots of trust", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b0010), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::EDR_3_14, title: "Integrity of the boot process", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b0010), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::EDR_3_14_RE_1, title: "Authenticity of the boot process", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b0010), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::HDR_2_4, title: "Mobile code", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b0100), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::HDR_2_4_RE_1, title: "Mobile code authenticity check", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b0100), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::HDR_2_13, title: "Use of physical diagnostic and test interfaces", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b0100), check_class: CheckClass::HardwarePhysical, confidence: High, defers_to: &[] },
    Requirement { id: ids::HDR_2_13_RE_1, title: "Active monitoring", status: Normative, min_level: Some(Sl3), applies_to: ComponentSet(0b0100), check_class: CheckClass::HardwarePhysical, confidence: High, defers_to: &[] },
    Requirement { id: ids::HDR_3_2, title: "Protection from malicious code", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b0100), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::HDR_3_2_RE_1, title: "Report version of code protection", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b0100), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::HDR_3_10, title: "Support for updates", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b0100), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::HDR_3_10_RE_1, title: "Update authenticity and integrity", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b0100), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::HDR_3_11, title: "Physical tamper resistance and detection", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b0100), check_class: CheckClass::HardwarePhysical, confidence: High, defers_to: &[] },
    Requirement { id: ids::HDR_3_11_RE_1, title: "Notification of a tampering attempt", status: Normative, min_level: Some(Sl3), applies_to: ComponentSet(0b0100), check_class: CheckClass::HardwarePhysical, confidence: High, defers_to: &[] },
    Requirement { id: ids::HDR_3_12, title: "Provisioning product supplier roots of trust", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b0100), check_class: CheckClass::HardwarePhysical, confidence: High, defers_to: &[] },
    Requirement { id: ids::HDR_3_13, title: "Provisioning asset owner roots of trust", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b0100), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::HDR_3_14, title: "Integrity of the boot process", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b0100), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::HDR_3_14_RE_1, title: "Authenticity of the boot process", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b0100), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::NDR_1_6, title: "Wireless access management", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1000), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::NDR_1_6_RE_1, title: "Unique identification and authentication", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b1000), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::NDR_1_13, title: "Access via untrusted networks", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1000), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::NDR_1_13_RE_1, title: "Explicit access request approval", status: Normative, min_level: Some(Sl3), applies_to: ComponentSet(0b1000), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::NDR_2_4, title: "Mobile code", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1000), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::NDR_2_4_RE_1, title: "Mobile code authenticity check", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b1000), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::NDR_2_13, title: "Use of physical diagnostic and test interfaces", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b1000), check_class: CheckClass::HardwarePhysical, confidence: High, defers_to: &[] },
    Requirement { id: ids::NDR_2_13_RE_1, title: "Active monitoring", status: Normative, min_level: Some(Sl3), applies_to: ComponentSet(0b1000), check_class: CheckClass::HardwarePhysical, confidence: High, defers_to: &[] },
    Requirement { id: ids::NDR_3_2, title: "Protection from malicious code", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1000), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::NDR_3_10, title: "Support for updates", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1000), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::NDR_3_10_RE_1, title: "Update authenticity and integrity", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b1000), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::NDR_3_11, title: "Physical tamper resistance and detection", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b1000), check_class: CheckClass::HardwarePhysical, confidence: High, defers_to: &[] },
    Requirement { id: ids::NDR_3_11_RE_1, title: "Notification of a tampering attempt", status: Normative, min_level: Some(Sl3), applies_to: ComponentSet(0b1000), check_class: CheckClass::HardwarePhysical, confidence: High, defers_to: &[] },
    Requirement { id: ids::NDR_3_12, title: "Provisioning product supplier roots of trust", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b1000), check_class: CheckClass::HardwarePhysical, confidence: High, defers_to: &[] },
    Requirement { id: ids::NDR_3_13, title: "Provisioning asset owner roots of trust", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b1000), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::NDR_3_14, title: "Integrity of the boot process", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1000), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::NDR_3_14_RE_1, title: "Authenticity of the boot process", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b1000), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::NDR_5_2, title: "Zone boundary protection", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1000), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::NDR_5_2_RE_1, title: "Deny all, permit by exception", status: Normative, min_level: Some(Sl2), applies_to: ComponentSet(0b1000), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
    Requirement { id: ids::NDR_5_2_RE_2, title: "Island mode", status: Normative, min_level: Some(Sl3), applies_to: ComponentSet(0b1000), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::NDR_5_2_RE_3, title: "Fail close", status: Normative, min_level: Some(Sl3), applies_to: ComponentSet(0b1000), check_class: CheckClass::Partial, confidence: High, defers_to: &[] },
    Requirement { id: ids::NDR_5_3, title: "General purpose, person-to-person communication restrictions", status: Normative, min_level: Some(Sl1), applies_to: ComponentSet(0b1000), check_class: CheckClass::Automatable, confidence: High, defers_to: &[] },
];
