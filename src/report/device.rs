//! Reports produced by devices: the self-test wire format of `otcheck_core::wire`, decoded into
//! the same [`Report`] a host audit gives, with catalogue titles and requirement ids.

use otcheck_core::wire::{self, DecodeError};
use otcheck_core::{SlVector, check::OutcomeKind};

use super::{Attestations, CheckRecord, Report, TargetInfo, TargetKind};
use crate::report::sha256_hex;

/// Why a device report could not be turned into a report.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DeviceReportError {
    /// The bytes are not a valid encoded self-test report.
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// A record names a check code this tool does not know (newer firmware?).
    #[error("record {index} names check code {code}, which this version of otcheck does not know")]
    UnknownCheck {
        /// Record index.
        index: usize,
        /// The code.
        code: u16,
    },
    /// The SL-C the device computed differs from what its own results give.
    #[error("the device reports SL-C {device} but its results give {recomputed}")]
    Inconsistent {
        /// What the device sent.
        device: SlVector,
        /// What the results give.
        recomputed: SlVector,
    },
}

fn message(outcome: OutcomeKind, finding: Option<&str>) -> String {
    match (outcome, finding) {
        (OutcomeKind::Pass, _) => "verified by the device self-test".to_owned(),
        (OutcomeKind::Fail, Some(code)) => format!("the device self-test reports {code}"),
        (OutcomeKind::Fail, None) => {
            "the device self-test reports an unregistered finding".to_owned()
        }
        (OutcomeKind::NotApplicable, _) => "not applicable on the device".to_owned(),
        (OutcomeKind::NotAssessed, _) => "the device could not assess this".to_owned(),
        (OutcomeKind::Error, _) => "the check failed to run on the device".to_owned(),
    }
}

impl Report {
    /// Decodes a device self-test report (`otcheck_core::wire`) into a report.
    /// `identifier` names the device or file; attestations are added as for a host audit.
    ///
    /// # Errors
    /// [`DeviceReportError`]: malformed or altered bytes, an unknown check code, or an SL-C
    /// that the results do not support.
    ///
    /// ```
    /// use otcheck::core::{selftest, wire};
    /// let device = selftest::run(&selftest::DeviceProfile::default(), &selftest::Evidence::<1>::default());
    /// let mut buf = [0u8; wire::MAX_LEN];
    /// let n = wire::encode(&device, &mut buf)?;
    /// let report = otcheck::report::Report::from_selftest(&buf[..n], "plc-7", otcheck::report::Attestations::default())?;
    /// assert_eq!(report.results.len(), device.results().len());
    /// assert_eq!(report.sl_achieved, device.sl_achieved());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_selftest(
        bytes: &[u8],
        identifier: &str,
        attestations: Attestations,
    ) -> Result<Self, DeviceReportError> {
        let decoded = wire::decode(bytes)?;
        let mut records = Vec::new();
        for (index, r) in decoded.records().enumerate() {
            let info = r.check.ok_or(DeviceReportError::UnknownCheck {
                index,
                code: r.check_code,
            })?;
            let finding = r.finding.map(|f| f.as_str().to_owned()).or_else(|| {
                (r.outcome == OutcomeKind::Fail).then(|| format!("UNREGISTERED-{}", r.finding_code))
            });
            let mut record =
                CheckRecord::new(info, r.outcome, message(r.outcome, finding.as_deref()));
            record.finding = finding;
            records.push(record);
        }
        let target = TargetInfo {
            kind: TargetKind::DeviceSelftest,
            identifier: identifier.to_owned(),
            inputs_sha256: Some(sha256_hex(bytes)),
        };
        let target_sl = SlVector::uniform(decoded.target_sl());
        let device_only = Self::new(
            target.clone(),
            decoded.component(),
            target_sl,
            records.clone(),
            Attestations::default(),
        );
        if device_only.sl_achieved != decoded.sl_achieved() {
            return Err(DeviceReportError::Inconsistent {
                device: decoded.sl_achieved(),
                recomputed: device_only.sl_achieved,
            });
        }
        Ok(Self::new(
            target,
            decoded.component(),
            target_sl,
            records,
            attestations,
        ))
    }
}
