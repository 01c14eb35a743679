//! Markdown: the sections of the text format (summary, SL vector, failures by FR, not assessed,
//! gaps), as GitHub-flavoured tables, for pull requests and wikis.
//!
//! Guarantee: every string taken from the report is escaped ([`text`] or [`code`]), so text from
//! an audited file can neither break a table nor inject links, images or HTML.

use core::fmt::Write as _;
use std::io::{self, Write};

use otcheck_core::Fr;

use super::label::{kind_name, place, primary_fr, requirement_list, status_name};
use crate::report::{CheckRecord, OutcomeKind, Report};

/// Escapes `s` for inline Markdown inside a table cell: line breaks become spaces, other
/// control characters U+FFFD, and every character with inline meaning is backslash-escaped.
pub(super) fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => out.push('\u{fffd}'),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '~' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// `s` as a code span: the fence is longer than the longest run of backticks inside; line
/// breaks and control characters are replaced as in [`text`]. Text with a `|` or a backslash is
/// escaped with [`text`] instead: GitHub splits table cells at a `|` that follows a backslash,
/// even in a code span, where the backslash cannot be escaped.
pub(super) fn code(s: &str) -> String {
    if s.trim().is_empty() || s.contains(['|', '\\']) {
        return text(s);
    }
    let mut body = String::with_capacity(s.len());
    let (mut run, mut longest) = (0_usize, 0_usize);
    for c in s.chars() {
        run = if c == '`' { run.saturating_add(1) } else { 0 };
        longest = longest.max(run);
        match c {
            '\n' | '\r' | '\t' => body.push(' '),
            c if c.is_control() => body.push('\u{fffd}'),
            c => body.push(c),
        }
    }
    let fence = "`".repeat(longest.saturating_add(1));
    let pad = if body.starts_with('`') || body.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{body}{pad}{fence}")
}

fn outcome_label(outcome: OutcomeKind) -> &'static str {
    match outcome {
        OutcomeKind::Pass => "PASS",
        OutcomeKind::Fail => "FAIL",
        OutcomeKind::NotApplicable => "N/A",
        OutcomeKind::NotAssessed => "SKIP",
        OutcomeKind::Error => "ERROR",
    }
}

fn evidence_cell(record: &CheckRecord) -> String {
    let mut cell = String::new();
    for e in &record.evidence {
        let Some(place) = place(e) else { continue };
        if !cell.is_empty() {
            cell.push_str("<br>");
        }
        cell.push_str(&code(&place));
        if let Some(excerpt) = &e.excerpt {
            let _ = write!(cell, " {}", text(excerpt));
        }
    }
    cell
}

/// Renders `report` as Markdown.
pub(crate) fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "# IEC 62443-4-2 report: {}",
        text(&report.target.identifier)
    )?;
    writeln!(out)?;
    writeln!(out, "| | |")?;
    writeln!(out, "|---|---|")?;
    writeln!(
        out,
        "| Target | {} {} |",
        kind_name(report.target.kind),
        code(&report.target.identifier)
    )?;
    if let Some(sha) = &report.target.inputs_sha256 {
        writeln!(out, "| Inputs SHA-256 | {} |", code(sha))?;
    }
    writeln!(out, "| Component type | {} device |", report.component)?;
    writeln!(out, "| Target SL | {} |", report.target_sl)?;
    writeln!(out, "| SL-C achieved | {} |", report.sl_achieved)?;
    let verdict = if report.target_met() {
        "**MET**".to_owned()
    } else {
        format!("**NOT MET** ({} gaps)", report.gaps.len())
    };
    writeln!(out, "| Verdict | {verdict} |")?;
    writeln!(
        out,
        "| Results | {} pass, {} fail, {} not applicable, {} not assessed, {} error |",
        report.count(OutcomeKind::Pass),
        report.count(OutcomeKind::Fail),
        report.count(OutcomeKind::NotApplicable),
        report.count(OutcomeKind::NotAssessed),
        report.count(OutcomeKind::Error)
    )?;
    if !report.started.is_empty() {
        writeln!(
            out,
            "| Started | {} ({} ms) |",
            text(&report.started),
            report.duration_ms
        )?;
    }
    writeln!(
        out,
        "| Tool | {} {} |",
        text(&report.tool.name),
        text(&report.tool.version)
    )?;

    writeln!(out)?;
    writeln!(out, "## SL vector")?;
    writeln!(out)?;
    writeln!(out, "| FR | Name | Achieved | Target | |")?;
    writeln!(out, "|---|---|--:|--:|---|")?;
    for fr in Fr::ALL {
        let (got, want) = (report.sl_achieved.get(fr), report.target_sl.get(fr));
        let mark = if got >= want {
            "ok"
        } else {
            "**below target**"
        };
        writeln!(
            out,
            "| FR {} {} | {} | {} | {} | {mark} |",
            fr.number(),
            fr.abbrev(),
            fr.name(),
            got.number(),
            want.number()
        )?;
    }

    write_failures(report, out)?;
    write_unassessed(report, out)?;
    write_gaps(report, out)?;
    write_attestations(report, out)
}

fn write_failures(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let failures: Vec<&CheckRecord> = report
        .results
        .iter()
        .filter(|r| matches!(r.outcome, OutcomeKind::Fail | OutcomeKind::Error))
        .collect();
    if failures.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "## Failures")?;
    for fr in Fr::ALL.map(Some).into_iter().chain([None]) {
        let group: Vec<&&CheckRecord> = failures.iter().filter(|r| primary_fr(r) == fr).collect();
        if group.is_empty() {
            continue;
        }
        writeln!(out)?;
        match fr {
            Some(fr) => writeln!(out, "### {fr} — {}", fr.name())?,
            None => writeln!(out, "### Other")?,
        }
        writeln!(out)?;
        writeln!(
            out,
            "| Outcome | Check | Requirements | Finding | Message | Evidence |"
        )?;
        writeln!(out, "|---|---|---|---|---|---|")?;
        for r in group {
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                outcome_label(r.outcome),
                code(&r.check),
                requirement_list(&r.requirements),
                r.finding.as_deref().map(code).unwrap_or_default(),
                text(&r.message),
                evidence_cell(r)
            )?;
        }
    }
    Ok(())
}

fn write_unassessed(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let unassessed: Vec<&CheckRecord> = report
        .results
        .iter()
        .filter(|r| r.outcome == OutcomeKind::NotAssessed)
        .collect();
    if unassessed.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "## Not assessed")?;
    writeln!(out)?;
    writeln!(out, "| Check | Requirements | Reason |")?;
    writeln!(out, "|---|---|---|")?;
    for r in unassessed {
        writeln!(
            out,
            "| {} | {} | {} |",
            code(&r.check),
            requirement_list(&r.requirements),
            text(&r.message)
        )?;
    }
    Ok(())
}

fn write_gaps(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    if report.gaps.is_empty() {
        return Ok(());
    }
    let mut gaps: Vec<_> = report.gaps.iter().collect();
    gaps.sort_by_key(|g| g.fr);
    writeln!(out)?;
    writeln!(out, "## Gaps to target")?;
    writeln!(out)?;
    writeln!(
        out,
        "<details><summary>{} requirement(s) keep the component below its target</summary>",
        gaps.len()
    )?;
    writeln!(out)?;
    writeln!(out, "| FR | Requirement | Title | Needed at | Status |")?;
    writeln!(out, "|---|---|---|--:|---|")?;
    for g in gaps {
        let title = report
            .requirements
            .iter()
            .find(|r| r.id == g.id)
            .map(|r| text(&r.title))
            .unwrap_or_default();
        let fr = Fr::from_number(g.fr).map_or_else(|| format!("FR {}", g.fr), |fr| fr.to_string());
        writeln!(
            out,
            "| {fr} | {} | {title} | SL {} | {} |",
            g.id,
            g.sl_c,
            status_name(g.status)
        )?;
    }
    writeln!(out)?;
    writeln!(out, "</details>")
}

fn write_attestations(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    if report.attestations.is_empty() && report.waivers.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "## Attestations and waivers")?;
    writeln!(out)?;
    writeln!(
        out,
        "| Requirement | Kind | Statement | By / until | Evidence |"
    )?;
    writeln!(out, "|---|---|---|---|---|")?;
    for a in &report.attestations {
        let evidence = a
            .evidence
            .iter()
            .map(|e| format!("{} sha256 {}", code(&e.path), code(&e.sha256)))
            .collect::<Vec<_>>()
            .join("<br>");
        writeln!(
            out,
            "| {} | attestation | {} | {}, {} | {evidence} |",
            a.requirement,
            text(&a.statement),
            text(&a.by),
            text(&a.date)
        )?;
    }
    for w in &report.waivers {
        let kind = if w.expired {
            "waiver (**expired**, does not count)"
        } else {
            "waiver"
        };
        writeln!(
            out,
            "| {} | {kind} | {} (countermeasure: {}) | until {} | |",
            w.requirement,
            text(&w.justification),
            text(&w.countermeasure),
            text(&w.expires)
        )?;
    }
    Ok(())
}
