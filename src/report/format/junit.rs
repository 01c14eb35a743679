//! JUnit XML, for CI systems: one `testsuite` per FR (plus `other` for results that evidence
//! only CCSCs), one `testcase` per check result with `classname` = the FR and `name` = the check
//! id and its requirement ids. A fail becomes a `failure` (type = finding code), an error an
//! `error`, not assessed and not applicable become `skipped`; evidence goes into the failure
//! text. Each suite carries the FR's achieved and target SL as properties.
//!
//! Written with `quick-junit`, which escapes markup and drops characters XML 1.0 forbids; the
//! non-characters U+FFFE and U+FFFF, which it keeps, are dropped here first.

use core::time::Duration;
use std::io::{self, Write};

use otcheck_core::Fr;
use quick_junit::{NonSuccessKind, Property, TestCase, TestCaseStatus, TestSuite};

use super::label::{place, primary_fr, requirement_list};
use crate::report::{CheckRecord, OutcomeKind, Report};

/// `s` without the characters XML 1.0 cannot carry at all (`quick-junit` removes the rest).
fn xml(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '\u{fffe}' | '\u{ffff}'))
        .collect()
}

fn suite_name(fr: Option<Fr>) -> String {
    fr.map_or_else(|| "other".to_owned(), |fr| fr.to_string())
}

fn evidence_text(record: &CheckRecord) -> String {
    let mut lines = Vec::new();
    for e in &record.evidence {
        let mut line = place(e).unwrap_or_default();
        if let Some(excerpt) = &e.excerpt {
            if !line.is_empty() {
                line.push_str(": ");
            }
            line.push_str(excerpt);
        }
        if let Some(sha) = &e.sha256 {
            line.push_str(" (sha256 ");
            line.push_str(sha);
            line.push(')');
        }
        lines.push(line);
    }
    lines.join("\n")
}

fn test_case(record: &CheckRecord, classname: &str) -> TestCase {
    let message = xml(&record.message);
    let status = match record.outcome {
        OutcomeKind::Pass => TestCaseStatus::success(),
        OutcomeKind::Fail | OutcomeKind::Error => {
            let kind = if record.outcome == OutcomeKind::Fail {
                NonSuccessKind::Failure
            } else {
                NonSuccessKind::Error
            };
            let mut status = TestCaseStatus::non_success(kind);
            status.set_message(message);
            status.set_type(
                record
                    .finding
                    .as_deref()
                    .map_or_else(|| record.outcome.as_str().to_owned(), xml),
            );
            let evidence = evidence_text(record);
            if !evidence.is_empty() {
                status.set_description(xml(&evidence));
            }
            status
        }
        OutcomeKind::NotApplicable | OutcomeKind::NotAssessed => {
            let mut status = TestCaseStatus::skipped();
            status.set_message(message);
            status.set_type(record.outcome.as_str());
            status
        }
    };
    let name = if record.requirements.is_empty() {
        xml(&record.check)
    } else {
        format!(
            "{} [{}]",
            xml(&record.check),
            requirement_list(&record.requirements)
        )
    };
    let mut case = TestCase::new(name, status);
    case.set_classname(classname);
    for id in &record.requirements {
        case.add_property(Property::new("requirement", id.to_string()));
    }
    if let Some(finding) = &record.finding {
        case.add_property(Property::new("finding", xml(finding)));
    }
    case
}

/// Renders `report` as JUnit XML.
pub(crate) fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut junit = quick_junit::Report::new(format!(
        "{} {}",
        xml(&report.tool.name),
        xml(&report.target.identifier)
    ));
    junit.set_time(Duration::from_millis(report.duration_ms));
    for fr in Fr::ALL.map(Some).into_iter().chain([None]) {
        let records: Vec<&CheckRecord> = report
            .results
            .iter()
            .filter(|r| primary_fr(r) == fr)
            .collect();
        if fr.is_none() && records.is_empty() {
            continue;
        }
        let name = suite_name(fr);
        let mut suite = TestSuite::new(name.as_str());
        if let Some(fr) = fr {
            suite.add_property(Property::new(
                "sl-achieved",
                report.sl_achieved.get(fr).number().to_string(),
            ));
            suite.add_property(Property::new(
                "sl-target",
                report.target_sl.get(fr).number().to_string(),
            ));
        }
        suite.add_test_cases(records.into_iter().map(|r| test_case(r, &name)));
        junit.add_test_suite(suite);
    }
    junit.serialize(out).map_err(io::Error::other)
}
