//! SARIF 2.1.0, for code-scanning tools: one `run` whose `tool.driver.rules` are the checks
//! (with their requirement ids in `properties.requirements` and `properties.tags`, and a
//! relationship to each requirement in the IEC 62443-4-2 taxonomy carried in `run.taxonomies`)
//! and whose `results` are the failed checks, located in the audited files: `artifactLocation`
//! is relative to the target root (`uriBaseId` `ROOTFS`) with `region.startLine`, and the files'
//! SHA-256 are listed in `run.artifacts`.
//!
//! Checks that went wrong (outcome error) or could not run (not assessed) are not findings
//! about the target: they are `toolExecutionNotifications` of the invocation (error and warning),
//! and an error makes `executionSuccessful` false.
//!
//! A result's `level` follows the severity of its requirements: `error` when one is needed at
//! SL 1 (or is a CCSC, needed at every level), `warning` at SL 2, `note` at SL 3 or 4.

use std::collections::BTreeMap;
use std::io::{self, Write};

use otcheck_core::{RequirementId, catalog};
use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::report::{CheckRecord, Evidence, OutcomeKind, Report, TargetKind};

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const TAXONOMY: &str = "IEC 62443-4-2";
const ROOT: &str = "ROOTFS";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    invocations: [Invocation; 1],
    original_uri_base_ids: BTreeMap<&'static str, ArtifactLocation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    artifacts: Vec<Artifact>,
    results: Vec<SarifResult<'a>>,
    taxonomies: [Taxonomy<'a>; 1],
    properties: RunProperties<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RunProperties<'a> {
    target_kind: TargetKind,
    target: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    inputs_sha256: Option<&'a str>,
    component: otcheck_core::ComponentType,
    target_sl: otcheck_core::SlVector,
    sl_achieved: otcheck_core::SlVector,
    target_met: bool,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'a str,
    version: &'a str,
    rules: Vec<Rule<'a>>,
    supported_taxonomies: [ComponentRef; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule<'a> {
    id: &'a str,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Text,
    default_configuration: Configuration,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    relationships: Vec<Relationship>,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct RuleProperties {
    requirements: Vec<String>,
    tags: Vec<String>,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Relationship {
    target: DescriptorRef,
    kinds: [&'static str; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DescriptorRef {
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tool_component: Option<ComponentRef>,
}

#[derive(Serialize)]
struct ComponentRef {
    name: &'static str,
    index: usize,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

fn text(s: impl Into<String>) -> Text {
    Text { text: s.into() }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_time_utc: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Notification {
    level: &'static str,
    message: Text,
    associated_rule: DescriptorRef,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    #[serde(skip_serializing_if = "Option::is_none")]
    uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Text>,
}

#[derive(Serialize)]
struct Artifact {
    location: ArtifactLocation,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    hashes: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    kind: &'static str,
    level: &'static str,
    message: Text,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<Location>,
    properties: ResultProperties<'a>,
}

#[derive(Serialize)]
struct ResultProperties<'a> {
    requirements: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    finding: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Taxonomy<'a> {
    name: &'static str,
    organization: &'static str,
    short_description: Text,
    taxa: Vec<Taxon<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Taxon<'a> {
    id: String,
    name: &'a str,
    short_description: Text,
    properties: TaxonProperties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TaxonProperties {
    #[serde(skip_serializing_if = "Option::is_none")]
    fr: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sl_c: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    required: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<otcheck_core::RequirementStatus>,
}

/// The SARIF level of a failed check: from the lowest SL at which one of its requirements is
/// needed (see the module docs).
fn level(requirements: &[RequirementId]) -> &'static str {
    let lowest = requirements
        .iter()
        .map(|id| match catalog::lookup(*id) {
            Some(req) => req
                .min_level()
                .map_or(1, otcheck_core::SecurityLevel::number),
            None => 2,
        })
        .min()
        .unwrap_or(2);
    match lowest {
        0 | 1 => "error",
        2 => "warning",
        _ => "note",
    }
}

/// `ssh.permit-root-login` → `SshPermitRootLogin`: the rule's readable name.
fn rule_name(check: &str) -> String {
    let mut name = String::with_capacity(check.len());
    let mut upper = true;
    for c in check.chars() {
        if c.is_alphanumeric() {
            if upper {
                name.extend(c.to_uppercase());
            } else {
                name.push(c);
            }
            upper = false;
        } else {
            upper = true;
        }
    }
    if name.is_empty() {
        "Check".to_owned()
    } else {
        name
    }
}

/// Percent-encodes `path` as a relative URI reference: unreserved characters and `/` stay,
/// every other byte is `%XX`; leading slashes go (the path is relative to the target root).
fn relative_uri(path: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut uri = String::with_capacity(path.len());
    for &b in path.trim_start_matches('/').as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            uri.push(char::from(b));
        } else {
            uri.push('%');
            for nibble in [b >> 4, b & 15] {
                uri.push(HEX.get(usize::from(nibble)).map_or('0', |&h| char::from(h)));
            }
        }
    }
    uri
}

fn dedup(ids: &[RequirementId]) -> Vec<RequirementId> {
    let mut seen = Vec::with_capacity(ids.len());
    for id in ids {
        if !seen.contains(id) {
            seen.push(*id);
        }
    }
    seen
}

/// Where the target root was, for `originalUriBaseIds`: a `file:` URI for a live host (`/`) or
/// an absolute root path, otherwise only a description.
fn root_location(report: &Report) -> ArtifactLocation {
    let id = &report.target.identifier;
    let uri = match report.target.kind {
        TargetKind::LiveHost => Some("file:///".to_owned()),
        TargetKind::Rootfs if id.starts_with('/') => {
            let rel = relative_uri(id);
            let sep = if rel.is_empty() || rel.ends_with('/') {
                ""
            } else {
                "/"
            };
            Some(format!("file:///{rel}{sep}"))
        }
        _ => None,
    };
    ArtifactLocation {
        uri,
        uri_base_id: None,
        index: None,
        description: Some(text(format!("The root of the audited target {id}"))),
    }
}

struct Artifacts {
    list: Vec<Artifact>,
}

impl Artifacts {
    /// The location of `evidence`, adding its file to `run.artifacts` (once per URI).
    fn locate(&mut self, evidence: &Evidence) -> Option<Location> {
        let uri = relative_uri(evidence.path.as_deref()?);
        if uri.is_empty() {
            return None;
        }
        let index = match self
            .list
            .iter()
            .position(|a| a.location.uri.as_deref() == Some(uri.as_str()))
        {
            Some(i) => {
                if let (Some(artifact), Some(sha)) = (self.list.get_mut(i), &evidence.sha256) {
                    artifact
                        .hashes
                        .entry("sha-256")
                        .or_insert_with(|| sha.clone());
                }
                i
            }
            None => {
                let mut hashes = BTreeMap::new();
                if let Some(sha) = &evidence.sha256 {
                    hashes.insert("sha-256", sha.clone());
                }
                self.list.push(Artifact {
                    location: ArtifactLocation {
                        uri: Some(uri.clone()),
                        uri_base_id: Some(ROOT),
                        index: None,
                        description: None,
                    },
                    hashes,
                });
                self.list.len().saturating_sub(1)
            }
        };
        let region = evidence.line.filter(|&l| l >= 1).map(|start_line| Region {
            start_line,
            snippet: evidence.excerpt.clone().map(text),
        });
        Some(Location {
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation {
                    uri: Some(uri),
                    uri_base_id: Some(ROOT),
                    index: Some(index),
                    description: None,
                },
                region,
            },
        })
    }
}

fn taxa(report: &Report, rules: &[&CheckRecord]) -> Vec<RequirementId> {
    let mut ids: Vec<RequirementId> = report.requirements.iter().map(|r| r.id).collect();
    let mut extra: Vec<RequirementId> = rules
        .iter()
        .flat_map(|r| r.requirements.iter().copied())
        .filter(|id| !ids.contains(id))
        .collect();
    extra.sort_unstable();
    extra.dedup();
    ids.extend(extra);
    ids
}

/// Renders `report` as SARIF 2.1.0.
pub(crate) fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    // One rule per distinct check id, in check-id order (results are sorted by check id).
    let mut rule_records: Vec<&CheckRecord> = Vec::new();
    for r in &report.results {
        if !rule_records.iter().any(|x| x.check == r.check) {
            rule_records.push(r);
        }
    }
    rule_records.sort_by(|a, b| a.check.cmp(&b.check));
    let rule_index = |check: &str| {
        rule_records
            .iter()
            .position(|r| r.check == check)
            .unwrap_or(0)
    };

    let taxon_ids = taxa(report, &rule_records);
    let taxon_index = |id: RequirementId| taxon_ids.iter().position(|t| *t == id);
    let taxonomy_ref = || ComponentRef {
        name: TAXONOMY,
        index: 0,
    };

    let rules = rule_records
        .iter()
        .map(|r| {
            let ids = dedup(&r.requirements);
            let described: Vec<String> = ids
                .iter()
                .map(|id| match catalog::lookup(*id) {
                    Some(req) => format!("{id} ({})", req.title()),
                    None => id.to_string(),
                })
                .collect();
            let evidences = if described.is_empty() {
                "no requirement".to_owned()
            } else {
                described.join(", ")
            };
            let names: Vec<String> = ids.iter().map(ToString::to_string).collect();
            Rule {
                id: &r.check,
                name: rule_name(&r.check),
                short_description: text(r.title.clone()),
                full_description: text(format!("{}. Evidences {evidences}.", r.title)),
                help: text(format!(
                    "This check evidences {evidences} of {TAXONOMY}. A failure means the \
                     component does not meet the requirement as configured; see the result \
                     message and location for what was found."
                )),
                default_configuration: Configuration { level: level(&ids) },
                relationships: ids
                    .iter()
                    .map(|id| Relationship {
                        target: DescriptorRef {
                            id: id.to_string(),
                            index: taxon_index(*id),
                            tool_component: Some(taxonomy_ref()),
                        },
                        kinds: ["relevant"],
                    })
                    .collect(),
                properties: RuleProperties {
                    requirements: names.clone(),
                    tags: names,
                },
            }
        })
        .collect();

    let mut artifacts = Artifacts { list: Vec::new() };
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for r in &report.results {
        let rule = || DescriptorRef {
            id: r.check.clone(),
            index: Some(rule_index(&r.check)),
            tool_component: None,
        };
        match r.outcome {
            OutcomeKind::Fail => {
                let mut locations = Vec::new();
                for e in &r.evidence {
                    if let Some(location) = artifacts.locate(e) {
                        locations.push(location);
                    }
                }
                results.push(SarifResult {
                    rule_id: &r.check,
                    rule_index: rule_index(&r.check),
                    kind: "fail",
                    level: level(&r.requirements),
                    message: text(if r.message.is_empty() {
                        r.title.clone()
                    } else {
                        r.message.clone()
                    }),
                    locations,
                    properties: ResultProperties {
                        requirements: dedup(&r.requirements)
                            .iter()
                            .map(ToString::to_string)
                            .collect(),
                        finding: r.finding.as_deref(),
                    },
                });
            }
            OutcomeKind::Error => notifications.push(Notification {
                level: "error",
                message: text(format!("{}: {}", r.check, r.message)),
                associated_rule: rule(),
            }),
            OutcomeKind::NotAssessed => notifications.push(Notification {
                level: "warning",
                message: text(format!("{} not assessed: {}", r.check, r.message)),
                associated_rule: rule(),
            }),
            OutcomeKind::Pass | OutcomeKind::NotApplicable => {}
        }
    }

    let start_time_utc = OffsetDateTime::parse(&report.started, &Rfc3339)
        .ok()
        .and_then(|t| t.to_offset(time::UtcOffset::UTC).format(&Rfc3339).ok());

    let taxa = taxon_ids
        .iter()
        .map(|&id| {
            let record = report.requirements.iter().find(|r| r.id == id);
            let name = record.map_or_else(
                || catalog::lookup(id).map_or("", |req| req.title()),
                |r| r.title.as_str(),
            );
            Taxon {
                id: id.to_string(),
                name,
                short_description: text(if name.is_empty() {
                    id.to_string()
                } else {
                    name.to_owned()
                }),
                properties: TaxonProperties {
                    fr: id.fr_number(),
                    sl_c: record.and_then(|r| r.sl_c),
                    required: record.map(|r| r.required),
                    status: record.map(|r| r.status),
                },
            }
        })
        .collect();

    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: &report.tool.name,
                    version: &report.tool.version,
                    rules,
                    supported_taxonomies: [taxonomy_ref()],
                },
            },
            invocations: [Invocation {
                execution_successful: report.count(OutcomeKind::Error) == 0,
                start_time_utc,
                tool_execution_notifications: notifications,
            }],
            original_uri_base_ids: BTreeMap::from([(ROOT, root_location(report))]),
            artifacts: artifacts.list,
            results,
            taxonomies: [Taxonomy {
                name: TAXONOMY,
                organization: "IEC",
                short_description: text(
                    "Security for industrial automation and control systems – Part 4-2: \
                     Technical security requirements for IACS components",
                ),
                taxa,
            }],
            properties: RunProperties {
                target_kind: report.target.kind,
                target: &report.target.identifier,
                inputs_sha256: report.target.inputs_sha256.as_deref(),
                component: report.component,
                target_sl: report.target_sl,
                sl_achieved: report.sl_achieved,
                target_met: report.target_met(),
            },
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::from)?;
    writeln!(out)
}
