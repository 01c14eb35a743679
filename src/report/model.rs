//! The owned, serialisable result of one check on the host side.
//!
//! Core checks return `&'static` data ([`otcheck_core::CheckResult`]); host checks also know
//! *where* they looked (file, line, SHA-256 of what was read) and can name the offending item.
//! [`CheckRecord`] carries both.

pub use otcheck_core::check::OutcomeKind;
use otcheck_core::{CheckInfo, CheckResult, ComponentType, RequirementId, SlVector};
use serde::{Deserialize, Serialize};

/// Where a result comes from: a file inside the target (path relative to the target root, as
/// the target sees it, e.g. `/etc/ssh/sshd_config`), a line, an excerpt, and the SHA-256 of the
/// file as read.
///
/// ```
/// let e = otcheck::report::Evidence::file("/etc/ssh/sshd_config").at_line(12).excerpt("PermitRootLogin yes");
/// assert_eq!(e.line, Some(12));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// Path inside the target.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub path: Option<String>,
    /// 1-based line number.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub line: Option<u32>,
    /// The relevant text, trimmed.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub excerpt: Option<String>,
    /// SHA-256 (lower-case hex) of the file's bytes as read.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub sha256: Option<String>,
}

impl Evidence {
    /// Evidence pointing at a file inside the target.
    ///
    /// ```
    /// assert_eq!(otcheck::report::Evidence::file("/etc/shadow").path.as_deref(), Some("/etc/shadow"));
    /// ```
    #[must_use]
    pub fn file(path: impl Into<String>) -> Self {
        Self {
            path: Some(path.into()),
            ..Self::default()
        }
    }

    /// With a 1-based line number.
    ///
    /// ```
    /// assert_eq!(otcheck::report::Evidence::file("/etc/issue").at_line(1).line, Some(1));
    /// ```
    #[must_use]
    pub fn at_line(mut self, line: u32) -> Self {
        self.line = Some(line);
        self
    }

    /// With an excerpt.
    ///
    /// ```
    /// let e = otcheck::report::Evidence::file("/etc/issue").excerpt("  Authorised use only  ");
    /// assert_eq!(e.excerpt.as_deref(), Some("Authorised use only"));
    /// ```
    #[must_use]
    pub fn excerpt(mut self, text: impl AsRef<str>) -> Self {
        self.excerpt = Some(text.as_ref().trim().chars().take(200).collect());
        self
    }

    /// With the SHA-256 of the file as read (lower-case hex).
    ///
    /// ```
    /// let e = otcheck::report::Evidence::file("/etc/issue").sha256("ab".repeat(32));
    /// assert_eq!(e.sha256.map(|h| h.len()), Some(64));
    /// ```
    #[must_use]
    pub fn sha256(mut self, hex: impl Into<String>) -> Self {
        self.sha256 = Some(hex.into());
        self
    }
}

/// One check's result, owned: what the report lists.
///
/// ```
/// use otcheck::core::{catalog::ids, CheckId, CheckInfo, CheckResult, Finding, FindingCode, Outcome};
/// use otcheck::report::{CheckRecord, Evidence, OutcomeKind};
///
/// static ROOT_LOGIN: CheckInfo = CheckInfo::new(CheckId::new("ssh.permit-root-login"), "SSH refuses root login", &[ids::CR_1_1]);
/// let core = CheckResult::new(&ROOT_LOGIN, Outcome::Fail(Finding::new(FindingCode::new("SSH-ROOT-LOGIN"), "sshd allows root to log in")));
/// let record = CheckRecord::from(core)
///     .with_detail("PermitRootLogin yes")
///     .with_evidence(Evidence::file("/etc/ssh/sshd_config").at_line(32));
/// assert_eq!(record.outcome, OutcomeKind::Fail);
/// assert_eq!(record.finding.as_deref(), Some("SSH-ROOT-LOGIN"));
/// assert_eq!(record.message, "sshd allows root to log in: PermitRootLogin yes");
/// assert_eq!(record.requirements[0].to_string(), "CR 1.1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckRecord {
    /// Stable check id, e.g. `ssh.permit-root-login`.
    pub check: String,
    /// What the check establishes.
    pub title: String,
    /// The requirements it evidences.
    pub requirements: Vec<RequirementId>,
    /// The outcome.
    pub outcome: OutcomeKind,
    /// Stable finding code, for a fail.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub finding: Option<String>,
    /// What was verified, what is wrong, or why it was not judged.
    pub message: String,
    /// Where it was found.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub evidence: Vec<Evidence>,
}

impl CheckRecord {
    /// A record for `info` with the given outcome and message, without evidence.
    ///
    /// ```
    /// use otcheck::core::{catalog::ids, CheckId, CheckInfo};
    /// use otcheck::report::{CheckRecord, OutcomeKind};
    /// static INFO: CheckInfo = CheckInfo::new(CheckId::new("files.shadow"), "t", &[ids::CR_1_5]);
    /// let r = CheckRecord::new(&INFO, OutcomeKind::NotAssessed, "/etc/shadow: permission denied");
    /// assert_eq!(r.check, "files.shadow");
    /// ```
    #[must_use]
    pub fn new(info: &CheckInfo, outcome: OutcomeKind, message: impl Into<String>) -> Self {
        Self {
            check: info.id.as_str().to_owned(),
            title: info.title.to_owned(),
            requirements: info.requirements.to_vec(),
            outcome,
            finding: None,
            message: message.into(),
            evidence: Vec::new(),
        }
    }

    /// Appends `: detail` to the message (e.g. the offending user, value or file).
    ///
    /// ```
    /// use otcheck::core::{catalog::ids, CheckId, CheckInfo};
    /// use otcheck::report::{CheckRecord, OutcomeKind};
    /// static INFO: CheckInfo = CheckInfo::new(CheckId::new("a.b"), "t", &[ids::CR_1_5]);
    /// let r = CheckRecord::new(&INFO, OutcomeKind::Fail, "empty password").with_detail("user guest");
    /// assert_eq!(r.message, "empty password: user guest");
    /// ```
    #[must_use]
    pub fn with_detail(mut self, detail: impl AsRef<str>) -> Self {
        let detail = detail.as_ref();
        if !detail.is_empty() {
            self.message.push_str(": ");
            self.message.push_str(detail);
        }
        self
    }

    /// Adds a piece of evidence.
    ///
    /// ```
    /// use otcheck::core::{catalog::ids, CheckId, CheckInfo};
    /// use otcheck::report::{CheckRecord, Evidence, OutcomeKind};
    /// static INFO: CheckInfo = CheckInfo::new(CheckId::new("a.b"), "t", &[ids::CR_1_5]);
    /// let r = CheckRecord::new(&INFO, OutcomeKind::Pass, "ok").with_evidence(Evidence::file("/etc/shadow"));
    /// assert_eq!(r.evidence.len(), 1);
    /// ```
    #[must_use]
    pub fn with_evidence(mut self, evidence: Evidence) -> Self {
        self.evidence.push(evidence);
        self
    }
}

impl From<CheckResult> for CheckRecord {
    fn from(result: CheckResult) -> Self {
        let mut record = Self::new(
            result.info,
            result.outcome.outcome_kind(),
            result.outcome.message(),
        );
        if let Some(finding) = result.outcome.finding() {
            record.finding = Some(finding.code.as_str().to_owned());
            if let Some(shortfall) = &finding.shortfall {
                record = record.with_detail(shortfall.to_string());
            }
        }
        record
    }
}

/// What was audited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TargetKind {
    /// The running host otcheck runs on.
    LiveHost,
    /// An unpacked root filesystem.
    Rootfs,
    /// A device profile file (settings exported by a device).
    DeviceProfile,
    /// A self-test report produced by a device.
    DeviceSelftest,
}

/// The audited target.
///
/// ```
/// use otcheck::report::{TargetInfo, TargetKind};
/// let t = TargetInfo { kind: TargetKind::Rootfs, identifier: "build/rootfs".into(), inputs_sha256: None };
/// assert_eq!(serde_json::to_value(&t)?["kind"], "rootfs");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetInfo {
    /// Kind of target.
    pub kind: TargetKind,
    /// Host name, path, or device id.
    pub identifier: String,
    /// SHA-256 over the inputs read (lower-case hex), where known.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub inputs_sha256: Option<String>,
}

/// The tool that made the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tool {
    /// `otcheck`.
    pub name: String,
    /// Its version.
    pub version: String,
}

impl Default for Tool {
    fn default() -> Self {
        Self {
            name: env!("CARGO_PKG_NAME").to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
        }
    }
}

/// The report of one audit: the model every format renders.
///
/// ```
/// use otcheck::core::{ComponentType, SecurityLevel, SlVector};
/// use otcheck::report::{Attestations, Report, TargetInfo, TargetKind};
///
/// let target = TargetInfo { kind: TargetKind::Rootfs, identifier: "rootfs".into(), inputs_sha256: None };
/// let report = Report::new(target, ComponentType::HostDevice, SlVector::uniform(SecurityLevel::Sl2), Vec::new(), Attestations::default());
/// assert!(!report.target_met(), "nothing was checked, so nothing is met");
/// assert_eq!(report.sl_achieved, SlVector::uniform(SecurityLevel::Sl0));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// Version of this report format; bumped on incompatible change.
    pub schema_version: u32,
    /// The tool.
    pub tool: Tool,
    /// What was audited.
    pub target: TargetInfo,
    /// Component type judged against.
    pub component: ComponentType,
    /// Target SL per FR.
    pub target_sl: SlVector,
    /// When the audit started (RFC 3339, UTC).
    pub started: String,
    /// How long it took, in milliseconds.
    pub duration_ms: u64,
    /// Every check result, ordered by check id.
    pub results: Vec<CheckRecord>,
    /// Every requirement that applies to the component type, in catalogue order.
    pub requirements: Vec<super::RequirementRecord>,
    /// SL-C reached per FR.
    pub sl_achieved: SlVector,
    /// What keeps each FR below target.
    pub gaps: Vec<super::GapRecord>,
    /// Attested requirements.
    #[serde(default)]
    pub attestations: Vec<super::Attestation>,
    /// Waivers, including expired ones (which do not count).
    #[serde(default)]
    pub waivers: Vec<super::Waiver>,
}

/// The current report format version.
pub const SCHEMA_VERSION: u32 = 1;

impl Report {
    /// Builds the report: sorts the results, judges every requirement, computes SL-C and gaps.
    /// `started` and `duration_ms` are left empty/zero for the caller to fill in.
    ///
    /// ```
    /// use otcheck::core::{ComponentType, SecurityLevel, SlVector};
    /// use otcheck::report::{Attestations, Report, TargetInfo, TargetKind};
    /// let t = TargetInfo { kind: TargetKind::LiveHost, identifier: "hmi-1".into(), inputs_sha256: None };
    /// let r = Report::new(t, ComponentType::HostDevice, SlVector::uniform(SecurityLevel::Sl1), vec![], Attestations::default());
    /// assert!(r.gaps.iter().all(|g| g.sl_c == 1));
    /// ```
    #[must_use]
    pub fn new(
        target: TargetInfo,
        component: ComponentType,
        target_sl: SlVector,
        mut results: Vec<CheckRecord>,
        attestations: super::Attestations,
    ) -> Self {
        results.sort_by(|a, b| {
            a.check
                .cmp(&b.check)
                .then_with(|| a.message.cmp(&b.message))
        });
        let judged = super::build::judge(component, target_sl, &results, &attestations);
        Self {
            schema_version: SCHEMA_VERSION,
            tool: Tool::default(),
            target,
            component,
            target_sl,
            started: String::new(),
            duration_ms: 0,
            results,
            requirements: judged.requirements,
            sl_achieved: judged.sl_achieved,
            gaps: judged.gaps,
            attestations: attestations.attestations,
            waivers: attestations.waivers,
        }
    }

    /// Whether the target SL is met: no gaps.
    ///
    /// ```
    /// # use otcheck::core::{ComponentType, SlVector};
    /// # use otcheck::report::{Attestations, Report, TargetInfo, TargetKind};
    /// let t = TargetInfo { kind: TargetKind::LiveHost, identifier: "h".into(), inputs_sha256: None };
    /// let r = Report::new(t, ComponentType::HostDevice, SlVector::default(), vec![], Attestations::default());
    /// assert!(r.target_met(), "SL 0 asks for nothing");
    /// ```
    #[must_use]
    pub fn target_met(&self) -> bool {
        self.gaps.is_empty()
    }

    /// Number of results with this outcome.
    ///
    /// ```
    /// # use otcheck::core::{ComponentType, SlVector};
    /// # use otcheck::report::{Attestations, OutcomeKind, Report, TargetInfo, TargetKind};
    /// let t = TargetInfo { kind: TargetKind::LiveHost, identifier: "h".into(), inputs_sha256: None };
    /// let r = Report::new(t, ComponentType::HostDevice, SlVector::default(), vec![], Attestations::default());
    /// assert_eq!(r.count(OutcomeKind::Fail), 0);
    /// ```
    #[must_use]
    pub fn count(&self, outcome: OutcomeKind) -> usize {
        self.results.iter().filter(|r| r.outcome == outcome).count()
    }
}
