//! OSCAL 1.1 assessment results (JSON), for compliance tooling.
//!
//! One `result` holds:
//! - `reviewed-controls`: the requirements of IEC 62443-4-2 that apply to the component type,
//!   as control ids (`CR 1.7 RE 1` → `cr-1.7-re-1`);
//! - `observations`: one per check result (method `TEST`, `relevant-evidence` with the file,
//!   line and SHA-256 as read) and one per attestation (method `EXAMINE`, its evidence files);
//! - `findings`: one per requirement, with `target` type `objective-id`, `target-id` the
//!   requirement's control id, `status.state` `satisfied` or `not-satisfied` (as the SL-C
//!   computation counts it: verified, attested, waived or not applicable is satisfied) and
//!   `related-observations`; otcheck's own status is a property.
//!
//! OSCAL requires `import-ap`, a reference to the assessment plan. otcheck's plan is minimal
//! and the same for every audit (the component, the requirements, the method), so it travels
//! inside the document: `import-ap` points at a back-matter resource (`#uuid`) that carries the
//! plan, itself valid OSCAL, base64-encoded.
//!
//! Guarantees: every UUID is a v5 UUID derived from the target (its inputs' SHA-256, else its
//! kind and identifier) and the item it names, so two reports of the same target diff cleanly;
//! the only time is the report's start; titles and property values are made single-line and
//! non-empty as OSCAL requires.

use core::fmt::Write as _;
use std::io::{self, Write};

use otcheck_core::{RequirementId, RequirementStatus};
use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

use super::html::status_class;
use super::label::{kind_name, requirement_list};
use crate::report::{CheckRecord, Evidence, OutcomeKind, Report, RequirementRecord, TargetKind};

const OSCAL_VERSION: &str = "1.1.3";
/// Namespace of otcheck's own properties.
const NS: &str = "urn:otcheck:oscal";

#[derive(Serialize)]
struct ResultsDocument {
    #[serde(rename = "assessment-results")]
    assessment_results: AssessmentResults,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct AssessmentResults {
    uuid: String,
    metadata: Metadata,
    import_ap: Import,
    results: [ResultSet; 1],
    back_matter: BackMatter,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Metadata {
    title: String,
    last_modified: String,
    version: String,
    oscal_version: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    props: Vec<Prop>,
}

#[derive(Serialize)]
struct Prop {
    name: &'static str,
    ns: &'static str,
    value: String,
}

#[derive(Serialize)]
struct Import {
    href: String,
    remarks: String,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct ResultSet {
    uuid: String,
    title: String,
    description: String,
    start: String,
    end: String,
    props: Vec<Prop>,
    local_definitions: LocalDefinitions,
    reviewed_controls: ReviewedControls,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    observations: Vec<Observation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    findings: Vec<Finding>,
}

#[derive(Serialize)]
struct LocalDefinitions {
    components: [Component; 1],
}

#[derive(Serialize)]
struct Component {
    uuid: String,
    #[serde(rename = "type")]
    kind: &'static str,
    title: String,
    description: String,
    props: Vec<Prop>,
    status: ComponentStatus,
}

#[derive(Serialize)]
struct ComponentStatus {
    state: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct ReviewedControls {
    description: String,
    control_selections: [ControlSelection; 1],
}

#[derive(Serialize)]
#[serde(untagged)]
enum ControlSelection {
    Some {
        #[serde(rename = "include-controls")]
        include_controls: Vec<ControlRef>,
    },
    All {
        #[serde(rename = "include-all")]
        include_all: Empty,
    },
}

#[derive(Serialize)]
struct Empty {}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct ControlRef {
    control_id: String,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Observation {
    uuid: String,
    title: String,
    description: String,
    props: Vec<Prop>,
    methods: [&'static str; 1],
    subjects: [SubjectRef; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    relevant_evidence: Vec<RelevantEvidence>,
    collected: String,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "kebab-case")]
struct SubjectRef {
    subject_uuid: String,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct RelevantEvidence {
    description: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    props: Vec<Prop>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Finding {
    uuid: String,
    title: String,
    description: String,
    props: Vec<Prop>,
    target: FindingTarget,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_observations: Vec<RelatedObservation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remarks: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct FindingTarget {
    #[serde(rename = "type")]
    kind: &'static str,
    target_id: String,
    status: ObjectiveStatus,
}

#[derive(Serialize)]
struct ObjectiveStatus {
    state: &'static str,
    reason: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct RelatedObservation {
    observation_uuid: String,
}

#[derive(Serialize)]
struct BackMatter {
    resources: [Resource; 1],
}

#[derive(Serialize)]
struct Resource {
    uuid: String,
    title: &'static str,
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    base64: Option<Base64>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Base64 {
    filename: &'static str,
    media_type: &'static str,
    value: String,
}

#[derive(Serialize)]
struct PlanDocument {
    #[serde(rename = "assessment-plan")]
    assessment_plan: AssessmentPlan,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct AssessmentPlan {
    uuid: String,
    metadata: Metadata,
    import_ssp: Import,
    local_definitions: PlanDefinitions,
    reviewed_controls: ReviewedControls,
    assessment_subjects: [AssessmentSubject; 1],
    back_matter: BackMatter,
}

#[derive(Serialize)]
struct PlanDefinitions {
    components: [Component; 1],
    activities: [Activity; 1],
}

#[derive(Serialize)]
struct Activity {
    uuid: String,
    title: &'static str,
    description: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct AssessmentSubject {
    #[serde(rename = "type")]
    kind: &'static str,
    include_subjects: [SubjectRef; 1],
}

/// Makes the deterministic UUIDs of one report.
struct Ids {
    namespace: Uuid,
}

impl Ids {
    fn new(report: &Report) -> Self {
        let key = match &report.target.inputs_sha256 {
            Some(sha) => format!("urn:otcheck:target:sha256:{sha}"),
            None => format!(
                "urn:otcheck:target:{}:{}",
                kind_code(report.target.kind),
                report.target.identifier
            ),
        };
        Self {
            namespace: Uuid::new_v5(&Uuid::NAMESPACE_URL, key.as_bytes()),
        }
    }

    fn of(&self, name: &str) -> String {
        Uuid::new_v5(&self.namespace, name.as_bytes()).to_string()
    }
}

/// The target kind as the JSON report names it.
fn kind_code(kind: TargetKind) -> &'static str {
    match kind {
        TargetKind::LiveHost => "live-host",
        TargetKind::Rootfs => "rootfs",
        TargetKind::DeviceProfile => "device-profile",
        TargetKind::DeviceSelftest => "device-selftest",
    }
}

/// The control id of a requirement: `CR 1.7 RE 1` → `cr-1.7-re-1`.
fn control_id(id: RequirementId) -> String {
    id.to_string().to_ascii_lowercase().replace(' ', "-")
}

/// One line, no surrounding white space, never empty (OSCAL titles and property values).
fn line(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() || c.is_control() || matches!(c, '\u{fffe}' | '\u{ffff}') {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    (!out.is_empty()).then_some(out)
}

fn line_or(s: &str, fallback: &str) -> String {
    line(s).unwrap_or_else(|| fallback.to_owned())
}

/// Free text: control characters other than tab and line feed dropped, never empty.
fn prose(s: &str, fallback: &str) -> String {
    let out: String = s
        .chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n') || !(c.is_control() || matches!(c, '\u{fffe}' | '\u{ffff}'))
        })
        .collect();
    if out.trim().is_empty() {
        fallback.to_owned()
    } else {
        out
    }
}

fn prop(name: &'static str, value: &str) -> Option<Prop> {
    line(value).map(|value| Prop {
        name,
        ns: NS,
        value,
    })
}

/// The report's start as RFC 3339 UTC, and its end (start + duration); the Unix epoch when the
/// report carries no valid start.
fn times(report: &Report) -> (String, String) {
    let start = OffsetDateTime::parse(&report.started, &Rfc3339)
        .map(|t| t.to_offset(time::UtcOffset::UTC))
        .unwrap_or(OffsetDateTime::UNIX_EPOCH);
    let millis = i64::try_from(report.duration_ms).unwrap_or(i64::MAX);
    let end = start
        .checked_add(time::Duration::milliseconds(millis))
        .unwrap_or(start);
    let fmt = |t: OffsetDateTime| {
        t.format(&Rfc3339)
            .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_owned())
    };
    (fmt(start), fmt(end))
}

fn evidence(e: &Evidence) -> RelevantEvidence {
    let mut description = String::new();
    if let Some(path) = &e.path {
        description.push_str(path);
        if let Some(line) = e.line {
            let _ = write!(description, " line {line}");
        }
    }
    if let Some(excerpt) = &e.excerpt {
        if !description.is_empty() {
            description.push_str(": ");
        }
        description.push_str(excerpt);
    }
    let props = [
        e.path.as_deref().and_then(|p| prop("path", p)),
        e.line.and_then(|l| prop("line", &l.to_string())),
        e.sha256.as_deref().and_then(|s| prop("sha256", s)),
    ]
    .into_iter()
    .flatten()
    .collect();
    RelevantEvidence {
        description: prose(&description, "evidence"),
        props,
    }
}

fn reviewed_controls(report: &Report) -> ReviewedControls {
    let controls: Vec<ControlRef> = report
        .requirements
        .iter()
        .map(|r| ControlRef {
            control_id: control_id(r.id),
        })
        .collect();
    let selection = if controls.is_empty() {
        ControlSelection::All {
            include_all: Empty {},
        }
    } else {
        ControlSelection::Some {
            include_controls: controls,
        }
    };
    ReviewedControls {
        description: format!(
            "The requirements of IEC 62443-4-2 that apply to a {} device.",
            report.component
        ),
        control_selections: [selection],
    }
}

fn component(report: &Report, ids: &Ids) -> Component {
    let props = [
        prop("target-kind", kind_code(report.target.kind)),
        prop("identifier", &report.target.identifier),
        prop("component-type", report.component.name()),
        report
            .target
            .inputs_sha256
            .as_deref()
            .and_then(|s| prop("inputs-sha256", s)),
    ]
    .into_iter()
    .flatten()
    .collect();
    Component {
        uuid: ids.of("component"),
        kind: "this-system",
        title: line_or(&report.target.identifier, "audited target"),
        description: prose(
            &format!(
                "The {} {}, assessed as an IEC 62443-4-2 {} device.",
                kind_name(report.target.kind),
                report.target.identifier,
                report.component
            ),
            "The audited target.",
        ),
        props,
        status: ComponentStatus {
            state: "operational",
        },
    }
}

fn metadata(report: &Report, title: String, last_modified: &str) -> Metadata {
    Metadata {
        title,
        last_modified: last_modified.to_owned(),
        version: line_or(&report.tool.version, "unknown"),
        oscal_version: OSCAL_VERSION,
        props: [
            prop("tool", &report.tool.name),
            prop("tool-version", &report.tool.version),
            prop("report-schema-version", &report.schema_version.to_string()),
        ]
        .into_iter()
        .flatten()
        .collect(),
    }
}

/// The minimal assessment plan, as OSCAL JSON.
fn plan(report: &Report, ids: &Ids, start: &str) -> io::Result<String> {
    let component = component(report, ids);
    let subject = SubjectRef {
        subject_uuid: component.uuid.clone(),
        kind: "component",
    };
    let ssp = ids.of("no-ssp");
    let document = PlanDocument {
        assessment_plan: AssessmentPlan {
            uuid: ids.of("assessment-plan"),
            metadata: metadata(
                report,
                format!(
                    "otcheck assessment plan for {}",
                    line_or(&report.target.identifier, "the audited target")
                ),
                start,
            ),
            import_ssp: Import {
                href: format!("#{ssp}"),
                remarks: "otcheck assesses one component against IEC 62443-4-2; there is no \
                          system security plan. The component is defined in local-definitions."
                    .to_owned(),
            },
            local_definitions: PlanDefinitions {
                components: [component],
                activities: [Activity {
                    uuid: ids.of("activity/checks"),
                    title: "otcheck checks and attestations",
                    description: "otcheck reads the component's configuration and state and \
                                  runs its checks, each evidencing one or more requirements \
                                  (method TEST). Requirements no tool can verify are covered by \
                                  attestations with evidence files (method EXAMINE) or by \
                                  waivers with a compensating countermeasure.",
                }],
            },
            reviewed_controls: reviewed_controls(report),
            assessment_subjects: [AssessmentSubject {
                kind: "component",
                include_subjects: [subject],
            }],
            back_matter: BackMatter {
                resources: [Resource {
                    uuid: ssp,
                    title: "No system security plan",
                    description: "Placeholder for the system security plan OSCAL asks for: \
                                  otcheck assesses a single component."
                        .to_owned(),
                    base64: None,
                }],
            },
        },
    };
    serde_json::to_string_pretty(&document).map_err(io::Error::from)
}

fn check_observation(
    r: &CheckRecord,
    occurrence: usize,
    ids: &Ids,
    subject: &SubjectRef,
    collected: &str,
) -> Observation {
    let mut props: Vec<Prop> = [
        prop("check", &r.check),
        prop("outcome", r.outcome.as_str()),
        r.finding.as_deref().and_then(|f| prop("finding", f)),
    ]
    .into_iter()
    .flatten()
    .collect();
    props.extend(
        r.requirements
            .iter()
            .filter_map(|id| prop("requirement", &id.to_string())),
    );
    Observation {
        uuid: ids.of(&format!("observation/check/{occurrence}/{}", r.check)),
        title: line_or(
            &format!("{}: {}", r.check, r.outcome.as_str()),
            r.outcome.as_str(),
        ),
        description: prose(
            &format!(
                "{} ({}). {}",
                r.title,
                requirement_list(&r.requirements),
                r.message
            ),
            r.outcome.as_str(),
        ),
        props,
        methods: ["TEST"],
        subjects: [subject.clone()],
        relevant_evidence: r.evidence.iter().map(evidence).collect(),
        collected: collected.to_owned(),
    }
}

/// What the finding says: how the requirement was judged, from which check results, and
/// whether the target needs it.
fn finding_description(report: &Report, req: &RequirementRecord) -> String {
    let judged = match req.status {
        RequirementStatus::Verified => "Verified: every check evidencing it passed.",
        RequirementStatus::Attested => "Attested: no check evidences it; see the attestation.",
        RequirementStatus::Waived => {
            "Waived: not met, covered by a compensating countermeasure (see remarks)."
        }
        RequirementStatus::Failed => "Failed: a check evidencing it failed or went wrong.",
        RequirementStatus::NotAssessed => "Not assessed: its checks could not run.",
        RequirementStatus::NotApplicable => "Not applicable to this component.",
        _ => "Not covered: no check evidences it and nothing attests it.",
    };
    let mut counts = [0_usize; 5];
    let outcomes = [
        OutcomeKind::Pass,
        OutcomeKind::Fail,
        OutcomeKind::Error,
        OutcomeKind::NotAssessed,
        OutcomeKind::NotApplicable,
    ];
    for r in report
        .results
        .iter()
        .filter(|r| r.requirements.contains(&req.id))
    {
        for (count, outcome) in counts.iter_mut().zip(outcomes) {
            if r.outcome == outcome {
                *count = count.saturating_add(1);
            }
        }
    }
    let mut description = judged.to_owned();
    if counts.iter().any(|&c| c > 0) {
        let listed: Vec<String> = counts
            .iter()
            .zip(outcomes)
            .filter(|(c, _)| **c > 0)
            .map(|(c, o)| format!("{c} {}", o.as_str()))
            .collect();
        let _ = write!(description, " Check results: {}.", listed.join(", "));
    }
    description.push_str(if req.required {
        " Required at the target SL for this component type."
    } else {
        " Not required at the target SL for this component type."
    });
    description
}

fn reason(status: RequirementStatus) -> &'static str {
    match status {
        RequirementStatus::Verified => "pass",
        RequirementStatus::Failed => "fail",
        _ => "other",
    }
}

/// Renders `report` as OSCAL assessment-results JSON.
pub(crate) fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let ids = Ids::new(report);
    let (start, end) = times(report);
    let component = component(report, &ids);
    let subject = SubjectRef {
        subject_uuid: component.uuid.clone(),
        kind: "component",
    };

    // Observations: check results (numbered per check id, as one check may report several
    // items), then attestations.
    let mut observations = Vec::new();
    let mut observed: Vec<(Vec<RequirementId>, String)> = Vec::new();
    for (i, r) in report.results.iter().enumerate() {
        let occurrence = report
            .results
            .iter()
            .take(i)
            .filter(|x| x.check == r.check)
            .count();
        let o = check_observation(r, occurrence, &ids, &subject, &start);
        observed.push((r.requirements.clone(), o.uuid.clone()));
        observations.push(o);
    }
    for (i, a) in report.attestations.iter().enumerate() {
        let uuid = ids.of(&format!("observation/attestation/{i}/{}", a.requirement));
        observed.push((vec![a.requirement], uuid.clone()));
        observations.push(Observation {
            uuid,
            title: format!("Attestation of {}", a.requirement),
            description: prose(&a.statement, "attested"),
            props: [prop("attested-by", &a.by), prop("date", &a.date)]
                .into_iter()
                .flatten()
                .collect(),
            methods: ["EXAMINE"],
            subjects: [subject.clone()],
            relevant_evidence: a
                .evidence
                .iter()
                .map(|e| RelevantEvidence {
                    description: prose(&e.path, "evidence file"),
                    props: [prop("path", &e.path), prop("sha256", &e.sha256)]
                        .into_iter()
                        .flatten()
                        .collect(),
                })
                .collect(),
            collected: start.clone(),
        });
    }

    let findings = report
        .requirements
        .iter()
        .map(|req| {
            let related: Vec<RelatedObservation> = observed
                .iter()
                .filter(|(reqs, _)| reqs.contains(&req.id))
                .map(|(_, uuid)| RelatedObservation {
                    observation_uuid: uuid.clone(),
                })
                .collect();
            let description = finding_description(report, req);
            let remarks: Vec<String> = report
                .waivers
                .iter()
                .filter(|w| w.requirement == req.id)
                .map(|w| {
                    let expired = if w.expired {
                        " (expired: does not count)"
                    } else {
                        ""
                    };
                    format!(
                        "Waived until {}{expired}. Justification: {} Countermeasure: {}",
                        w.expires, w.justification, w.countermeasure
                    )
                })
                .collect();
            Finding {
                uuid: ids.of(&format!("finding/{}", req.id)),
                title: line_or(&format!("{} {}", req.id, req.title), "requirement"),
                description,
                props: [
                    prop("requirement", &req.id.to_string()),
                    prop("status", status_class(req.status)),
                    prop("required", if req.required { "true" } else { "false" }),
                ]
                .into_iter()
                .flatten()
                .collect(),
                target: FindingTarget {
                    kind: "objective-id",
                    target_id: control_id(req.id),
                    status: ObjectiveStatus {
                        state: if req.status.is_satisfied() {
                            "satisfied"
                        } else {
                            "not-satisfied"
                        },
                        reason: reason(req.status),
                    },
                },
                related_observations: related,
                remarks: (!remarks.is_empty()).then(|| prose(&remarks.join("\n"), "waived")),
            }
        })
        .collect();

    let plan = plan(report, &ids, &start)?;
    let plan_resource = ids.of("resource/assessment-plan");
    let identifier = line_or(&report.target.identifier, "the audited target");
    let document = ResultsDocument {
        assessment_results: AssessmentResults {
            uuid: ids.of("assessment-results"),
            metadata: metadata(
                report,
                format!("IEC 62443-4-2 assessment results for {identifier}"),
                &start,
            ),
            import_ap: Import {
                href: format!("#{plan_resource}"),
                remarks: "The assessment plan is embedded in back-matter.".to_owned(),
            },
            results: [ResultSet {
                uuid: ids.of("result"),
                title: format!("otcheck audit of {identifier}"),
                description: prose(
                    &format!(
                        "{} {} audited the {} {} as a {} device against target SL {}: SL-C \
                         achieved {}, {}.",
                        report.tool.name,
                        report.tool.version,
                        kind_name(report.target.kind),
                        report.target.identifier,
                        report.component,
                        report.target_sl,
                        report.sl_achieved,
                        if report.target_met() {
                            "target met".to_owned()
                        } else {
                            format!("target not met ({} gaps)", report.gaps.len())
                        }
                    ),
                    "otcheck audit",
                ),
                start: start.clone(),
                end,
                props: [
                    prop("target-sl", &report.target_sl.to_string()),
                    prop("sl-achieved", &report.sl_achieved.to_string()),
                    prop(
                        "target-met",
                        if report.target_met() { "true" } else { "false" },
                    ),
                ]
                .into_iter()
                .flatten()
                .collect(),
                local_definitions: LocalDefinitions {
                    components: [component],
                },
                reviewed_controls: reviewed_controls(report),
                observations,
                findings,
            }],
            back_matter: BackMatter {
                resources: [Resource {
                    uuid: plan_resource,
                    title: "otcheck assessment plan",
                    description: "The minimal OSCAL assessment plan this assessment followed."
                        .to_owned(),
                    base64: Some(Base64 {
                        filename: "assessment-plan.json",
                        media_type: "application/oscal.ap+json",
                        value: super::html::base64(plan.as_bytes()),
                    }),
                }],
            },
        },
    };
    serde_json::to_writer_pretty(&mut *out, &document).map_err(io::Error::from)?;
    writeln!(out)
}
