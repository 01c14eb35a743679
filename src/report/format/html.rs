//! HTML: one self-contained file that opens from disk. A summary, the SL vector as an inline SVG
//! chart (achieved against target per FR), one section per FR with its check results and
//! requirements, the gaps, attestations and waivers. Inline JavaScript filters the results by
//! outcome and FR (a link can preselect them: `report.html#fr=1&outcome=fail,error`); evidence
//! is folded into `<details>`.
//!
//! Guarantees:
//! - every string taken from the report is escaped by [`escape`], in text and in attribute
//!   values (always double-quoted): the report carries text from audited files, which is
//!   treated as hostile;
//! - no external asset: the Content-Security-Policy allows nothing but the one inline style
//!   sheet and the one inline script, pinned by their SHA-256, so even markup that slipped
//!   through could neither run script nor load anything;
//! - the output depends on the report alone (no clock, no randomness).

use core::fmt::Write as _;
use std::io::{self, Write};

use otcheck_core::{Fr, RequirementStatus, SecurityLevel};
use sha2::{Digest as _, Sha256};

use super::label::status_name;
use super::label::{kind_name, place, requirement_list};
use crate::report::{CheckRecord, OutcomeKind, Report};

const STYLE: &str = r#"
:root { --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --bg-alt: #f6f8fa;
  --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --na: #6e7781; --target: #afb8c1; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg);
  margin: 0 auto; padding: 1.5rem; max-width: 72rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; word-break: break-all; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
.meta { color: var(--muted); margin: 0; }
.verdict { font-size: 1.1rem; font-weight: 600; margin: .75rem 0 .25rem; }
.verdict.met { color: var(--ok); } .verdict.not-met { color: var(--bad); }
table { border-collapse: collapse; width: 100%; margin: .25rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--bg-alt); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
code, pre { font: 12px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
pre { white-space: pre-wrap; word-break: break-all; margin: .25rem 0; background: var(--bg-alt); padding: .25rem .4rem; }
td { word-break: break-word; }
.badge { display: inline-block; min-width: 6.5rem; text-align: center; border-radius: 1rem;
  padding: 0 .5rem; font-size: 12px; font-weight: 600; color: #fff; background: var(--na);
  white-space: nowrap; }
.badge.pass, .badge.verified, .badge.attested { background: var(--ok); }
.badge.fail, .badge.error, .badge.failed { background: var(--bad); }
.badge.not-assessed, .badge.waived, .badge.not-covered, .badge.partly-verified { background: var(--warn); }
.title { color: var(--muted); }
.chart { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }
.chart table { width: auto; }
#sl-vector .grid { stroke: var(--line); stroke-width: 1; }
#sl-vector .axis { fill: var(--muted); font-size: 11px; }
#sl-vector .label { fill: var(--fg); font-size: 12px; font-weight: 600; }
#sl-vector .value { fill: var(--fg); font-size: 12px; }
#sl-vector rect.target { fill: var(--target); }
#sl-vector rect.achieved.ok { fill: var(--ok); }
#sl-vector rect.achieved.below { fill: var(--bad); }
#sl-vector .legend { fill: var(--fg); font-size: 12px; }
#filters { position: sticky; top: 0; background: #fff; border: 1px solid var(--line);
  padding: .5rem .75rem; margin: 1.5rem 0 0; display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; align-items: center; }
#filters fieldset { border: 0; margin: 0; padding: 0; display: flex; gap: .75rem; flex-wrap: wrap; }
#filters select { max-width: 22rem; }
#filters legend { float: left; font-weight: 600; margin-right: .5rem; }
#shown { color: var(--muted); }
.empty { color: var(--muted); font-style: italic; }
footer { color: var(--muted); margin-top: 2rem; font-size: 12px; }
"#;

const SCRIPT: &str = r#"
(function () {
  'use strict';
  var outcomes = Array.prototype.slice.call(document.querySelectorAll('input[name="outcome"]'));
  var fr = document.getElementById('fr-filter');
  var shown = document.getElementById('shown');
  function apply() {
    var wanted = {};
    outcomes.forEach(function (box) { wanted[box.value] = box.checked; });
    var which = fr.value;
    var count = 0;
    document.querySelectorAll('section.fr').forEach(function (section) {
      section.hidden = which !== 'all' && section.getAttribute('data-fr') !== which;
    });
    document.querySelectorAll('tr.result').forEach(function (row) {
      var visible = wanted[row.getAttribute('data-outcome')] === true &&
        (which === 'all' || row.getAttribute('data-fr') === which);
      row.hidden = !visible;
      if (visible) { count += 1; }
    });
    shown.textContent = count + ' result row(s) shown';
  }
  // A link can preselect the filters: report.html#fr=1&outcome=fail,error
  location.hash.replace(/^#/, '').split('&').forEach(function (pair) {
    var kv = pair.split('=');
    if (kv.length !== 2) { return; }
    var value = decodeURIComponent(kv[1]);
    if (kv[0] === 'fr' && Array.prototype.some.call(fr.options, function (o) { return o.value === value; })) {
      fr.value = value;
    }
    if (kv[0] === 'outcome') {
      var list = value.split(',');
      outcomes.forEach(function (box) { box.checked = list.indexOf(box.value) >= 0; });
    }
  });
  outcomes.forEach(function (box) { box.addEventListener('change', apply); });
  fr.addEventListener('change', apply);
  document.getElementById('filters').hidden = false;
  apply();
}());
"#;

/// Escapes `s` for HTML text and double-quoted attribute values. Control characters other than
/// tab and line feed, and the non-characters U+FFFE/U+FFFF, become U+FFFD.
pub(super) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
            c if c.is_control() || matches!(c, '\u{fffe}' | '\u{ffff}') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Standard base64 (RFC 4648, with padding).
pub(super) fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let sextet = |n: u32, shift: u32| {
        let index = usize::try_from((n >> shift) & 63).unwrap_or(0);
        ALPHABET.get(index).copied().map_or('A', char::from)
    };
    let mut out = String::with_capacity(bytes.len().div_ceil(3).saturating_mul(4));
    for chunk in bytes.chunks(3) {
        let byte = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let n = (byte(0) << 16) | (byte(1) << 8) | byte(2);
        out.push(sextet(n, 18));
        out.push(sextet(n, 12));
        out.push(if chunk.len() > 1 { sextet(n, 6) } else { '=' });
        out.push(if chunk.len() > 2 { sextet(n, 0) } else { '=' });
    }
    out
}

fn csp_hash(source: &str) -> String {
    format!("'sha256-{}'", base64(&Sha256::digest(source.as_bytes())))
}

const OUTCOMES: [OutcomeKind; 5] = [
    OutcomeKind::Fail,
    OutcomeKind::Error,
    OutcomeKind::NotAssessed,
    OutcomeKind::NotApplicable,
    OutcomeKind::Pass,
];

fn outcome_name(outcome: OutcomeKind) -> &'static str {
    match outcome {
        OutcomeKind::Pass => "pass",
        OutcomeKind::Fail => "fail",
        OutcomeKind::NotApplicable => "not applicable",
        OutcomeKind::NotAssessed => "not assessed",
        OutcomeKind::Error => "error",
    }
}

/// The status as a CSS class and property value (`not-assessed`).
pub(super) fn status_class(status: RequirementStatus) -> &'static str {
    match status {
        RequirementStatus::Verified => "verified",
        RequirementStatus::PartlyVerified => "partly-verified",
        RequirementStatus::Attested => "attested",
        RequirementStatus::Waived => "waived",
        RequirementStatus::Failed => "failed",
        RequirementStatus::NotAssessed => "not-assessed",
        RequirementStatus::NotApplicable => "not-applicable",
        _ => "not-covered",
    }
}

/// The FRs a result belongs to: those of all its requirements (a result is listed under each),
/// or none for a result that evidences only CCSCs.
fn frs_of(record: &CheckRecord) -> Vec<Fr> {
    let mut frs: Vec<Fr> = record
        .requirements
        .iter()
        .filter_map(|r| r.fr_number().and_then(Fr::from_number))
        .collect();
    frs.sort_unstable();
    frs.dedup();
    frs
}

/// Renders `report` as one self-contained HTML file.
pub(crate) fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut page = String::with_capacity(64 * 1024);
    head(report, &mut page);
    summary(report, &mut page);
    chart(report, &mut page);
    filters(report, &mut page);
    for fr in Fr::ALL {
        fr_section(report, Some(fr), &mut page);
    }
    if report.results.iter().any(|r| frs_of(r).is_empty())
        || report.requirements.iter().any(|r| r.fr.is_none())
    {
        fr_section(report, None, &mut page);
    }
    gaps(report, &mut page);
    attestations(report, &mut page);
    let _ = write!(
        page,
        "<footer>Generated by {} {} (report schema {}). Checks evidence requirements of \
         IEC 62443-4-2; the SL-C of an FR is the highest level at which every requirement the \
         component type needs is verified, attested, waived or not applicable.</footer>\n\
         <script>{SCRIPT}</script>\n</body>\n</html>\n",
        escape(&report.tool.name),
        escape(&report.tool.version),
        report.schema_version
    );
    out.write_all(page.as_bytes())
}

fn head(report: &Report, page: &mut String) {
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src {}; script-src {}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"{} {}\">\n\
         <title>IEC 62443-4-2 report: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        csp_hash(STYLE),
        csp_hash(SCRIPT),
        escape(&report.tool.name),
        escape(&report.tool.version),
        escape(&report.target.identifier)
    );
}

fn summary(report: &Report, page: &mut String) {
    let _ = write!(
        page,
        "<header>\n<h1>IEC 62443-4-2 report: <span id=\"target\">{}</span></h1>\n\
         <p class=\"meta\">{} · {} device · target SL {}",
        escape(&report.target.identifier),
        kind_name(report.target.kind),
        report.component,
        report.target_sl
    );
    if !report.started.is_empty() {
        let _ = write!(
            page,
            " · started {} ({} ms)",
            escape(&report.started),
            report.duration_ms
        );
    }
    if let Some(sha) = &report.target.inputs_sha256 {
        let _ = write!(page, " · inputs SHA-256 <code>{}</code>", escape(sha));
    }
    page.push_str("</p>\n");
    if report.target_met() {
        let _ = writeln!(
            page,
            "<p class=\"verdict met\" id=\"verdict\">SL-C achieved {} of target {}: MET</p>",
            report.sl_achieved, report.target_sl
        );
    } else {
        let _ = writeln!(
            page,
            "<p class=\"verdict not-met\" id=\"verdict\">SL-C achieved {} of target {}: \
             NOT MET ({} gaps)</p>",
            report.sl_achieved,
            report.target_sl,
            report.gaps.len()
        );
    }
    let counts: Vec<String> = OUTCOMES
        .iter()
        .map(|&o| {
            format!(
                "<span class=\"badge {}\">{} {}</span>",
                o.as_str(),
                report.count(o),
                outcome_name(o)
            )
        })
        .collect();
    let _ = writeln!(
        page,
        "<p class=\"counts\">{}</p>\n</header>",
        counts.join(" ")
    );
}

/// The SL vector as an inline SVG bar chart: per FR a grey bar for the target and a green
/// (met) or red (below) bar for the level achieved, with `achieved / target` above.
fn chart(report: &Report, page: &mut String) {
    const STEP: i32 = 36; // pixels per level
    const TOP: i32 = 40;
    const LEFT: i32 = 44;
    const GROUP: i32 = 84;
    const BAR: i32 = 26;
    let base = TOP + 4 * STEP;
    let width = LEFT + 7 * GROUP + 8;
    let height = base + 44;
    let _ = write!(
        page,
        "<section id=\"sl\">\n<h2>Security level vector</h2>\n<div class=\"chart\">\n\
         <svg id=\"sl-vector\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" \
         aria-labelledby=\"sl-vector-title\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\">\n\
         <title id=\"sl-vector-title\">SL-C achieved {} against target {} per foundational \
         requirement</title>\n",
        report.sl_achieved, report.target_sl
    );
    for level in 0..=4 {
        let y = base - level * STEP;
        let _ = writeln!(
            page,
            "<line class=\"grid\" x1=\"{LEFT}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"/>\
             <text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"end\">SL {level}</text>",
            width - 4,
            LEFT - 6,
            y + 4
        );
    }
    for (i, fr) in (0_i32..).zip(Fr::ALL) {
        let (got, want) = (
            level_number(report.sl_achieved.get(fr)),
            level_number(report.target_sl.get(fr)),
        );
        let x = LEFT + 10 + i * GROUP;
        let class = if got >= want { "ok" } else { "below" };
        let _ = writeln!(
            page,
            "<g class=\"fr-bar\" id=\"sl-fr-{n}\" data-fr=\"{n}\" data-achieved=\"{got}\" \
             data-target=\"{want}\">\
             <title>FR {n} {abbrev}: achieved SL {got}, target SL {want}</title>\
             <rect class=\"target\" x=\"{x}\" y=\"{ty}\" width=\"{BAR}\" height=\"{th}\"/>\
             <rect class=\"achieved {class}\" x=\"{ax}\" y=\"{ay}\" width=\"{BAR}\" height=\"{ah}\"/>\
             <text class=\"value\" x=\"{cx}\" y=\"{vy}\" text-anchor=\"middle\">{got} / {want}</text>\
             <text class=\"label\" x=\"{cx}\" y=\"{ly}\" text-anchor=\"middle\">FR {n} {abbrev}</text>\
             </g>",
            n = fr.number(),
            abbrev = fr.abbrev(),
            ty = base - want * STEP,
            th = want * STEP,
            ax = x + BAR + 2,
            // Level 0 below target still shows as a red sliver.
            ay = base - (got * STEP).max(3),
            ah = (got * STEP).max(3),
            cx = x + BAR + 1,
            vy = base - got.max(want) * STEP - 6,
            ly = base + 18,
        );
    }
    let ly = height - 8;
    let _ = write!(
        page,
        "<g class=\"legend\"><rect class=\"target\" x=\"{LEFT}\" y=\"{}\" width=\"12\" height=\"12\"/>\
         <text class=\"legend\" x=\"{}\" y=\"{ly}\">target</text>\
         <rect class=\"achieved ok\" x=\"{}\" y=\"{}\" width=\"12\" height=\"12\"/>\
         <text class=\"legend\" x=\"{}\" y=\"{ly}\">achieved (met)</text>\
         <rect class=\"achieved below\" x=\"{}\" y=\"{}\" width=\"12\" height=\"12\"/>\
         <text class=\"legend\" x=\"{}\" y=\"{ly}\">achieved (below target)</text></g>\n</svg>\n",
        ly - 10,
        LEFT + 16,
        LEFT + 80,
        ly - 10,
        LEFT + 96,
        LEFT + 210,
        ly - 10,
        LEFT + 226
    );
    page.push_str(
        "<table id=\"sl-table\">\n<thead><tr><th>FR</th><th>Name</th><th>Achieved</th>\
         <th>Target</th><th></th></tr></thead>\n<tbody>\n",
    );
    for fr in Fr::ALL {
        let (got, want) = (report.sl_achieved.get(fr), report.target_sl.get(fr));
        let (class, mark) = if got >= want {
            ("pass", "met")
        } else {
            ("fail", "below target")
        };
        let _ = writeln!(
            page,
            "<tr data-fr=\"{n}\"><td>FR {n} {}</td><td>{}</td><td class=\"num achieved\">{}</td>\
             <td class=\"num target\">{}</td><td><span class=\"badge {class}\">{mark}</span></td></tr>",
            fr.abbrev(),
            fr.name(),
            got.number(),
            want.number(),
            n = fr.number()
        );
    }
    page.push_str("</tbody>\n</table>\n</div>\n</section>\n");
}

fn level_number(level: SecurityLevel) -> i32 {
    i32::from(level.number())
}

fn filters(report: &Report, page: &mut String) {
    // Hidden until the script runs: without script every row stays visible.
    page.push_str("<form id=\"filters\" hidden>\n<fieldset><legend>Outcome</legend>\n");
    for o in OUTCOMES {
        let _ = writeln!(
            page,
            "<label><input type=\"checkbox\" name=\"outcome\" value=\"{}\" checked> {} ({})</label>",
            o.as_str(),
            outcome_name(o),
            report.count(o)
        );
    }
    page.push_str(
        "</fieldset>\n<label>FR <select id=\"fr-filter\">\n<option value=\"all\">all</option>\n",
    );
    for fr in Fr::ALL {
        let _ = writeln!(
            page,
            "<option value=\"{}\">{fr} — {}</option>",
            fr.number(),
            fr.name()
        );
    }
    page.push_str(
        "<option value=\"other\">other (CCSC)</option>\n</select></label>\n\
         <span id=\"shown\"></span>\n</form>\n",
    );
}

fn fr_section(report: &Report, fr: Option<Fr>, page: &mut String) {
    let key = fr.map_or_else(|| "other".to_owned(), |f| f.number().to_string());
    match fr {
        Some(fr) => {
            let _ = write!(
                page,
                "<section class=\"fr\" id=\"fr-{key}\" data-fr=\"{key}\">\n\
                 <h2>{fr} — {} <small>(achieved SL {} / target SL {})</small></h2>\n",
                fr.name(),
                report.sl_achieved.get(fr).number(),
                report.target_sl.get(fr).number()
            );
        }
        None => {
            let _ = write!(
                page,
                "<section class=\"fr\" id=\"fr-other\" data-fr=\"other\">\n\
                 <h2>Common component security constraints and other</h2>\n"
            );
        }
    }
    let results: Vec<&CheckRecord> = report
        .results
        .iter()
        .filter(|r| match fr {
            Some(fr) => frs_of(r).contains(&fr),
            None => frs_of(r).is_empty(),
        })
        .collect();
    page.push_str("<h3>Check results</h3>\n");
    if results.is_empty() {
        page.push_str("<p class=\"empty\">No check evidences this FR.</p>\n");
    } else {
        page.push_str(
            "<table class=\"results\">\n<thead><tr><th>Outcome</th><th>Check</th>\
             <th>Requirements</th><th>Finding</th><th>Message and evidence</th></tr></thead>\n<tbody>\n",
        );
        for r in results {
            result_row(r, &key, page);
        }
        page.push_str("</tbody>\n</table>\n");
    }
    let requirements: Vec<_> = report
        .requirements
        .iter()
        .filter(|r| r.fr == fr.map(Fr::number))
        .collect();
    if !requirements.is_empty() {
        page.push_str(
            "<h3>Requirements</h3>\n<table class=\"requirements\">\n<thead><tr><th>Requirement</th>\
             <th>Title</th><th>SL-C</th><th>Required</th><th>Status</th><th>Checks</th></tr></thead>\n<tbody>\n",
        );
        for r in requirements {
            let _ = writeln!(
                page,
                "<tr class=\"requirement\" data-status=\"{class}\"><td>{}</td><td>{}</td>\
                 <td class=\"num\">{}</td><td>{}</td><td><span class=\"badge {class}\">{}</span></td>\
                 <td>{}</td></tr>",
                escape(&r.id.to_string()),
                escape(&r.title),
                r.sl_c.map(|l| l.to_string()).unwrap_or_default(),
                if r.required { "yes" } else { "no" },
                status_name(r.status),
                distinct(&r.checks)
                    .iter()
                    .map(|c| format!("<code>{}</code>", escape(c)))
                    .collect::<Vec<_>>()
                    .join(" "),
                class = status_class(r.status)
            );
        }
        page.push_str("</tbody>\n</table>\n");
    }
    page.push_str("</section>\n");
}

/// The distinct names, in first-seen order (a check that reported several items is named once).
fn distinct(names: &[String]) -> Vec<&String> {
    let mut seen: Vec<&String> = Vec::with_capacity(names.len());
    for name in names {
        if !seen.contains(&name) {
            seen.push(name);
        }
    }
    seen
}

fn result_row(r: &CheckRecord, fr_key: &str, page: &mut String) {
    let _ = write!(
        page,
        "<tr class=\"result\" data-outcome=\"{o}\" data-fr=\"{}\"><td><span class=\"badge {o}\">{}</span></td>\
         <td><code>{}</code><div class=\"title\">{}</div></td><td>{}</td><td>{}</td><td>{}",
        escape(fr_key),
        outcome_name(r.outcome),
        escape(&r.check),
        escape(&r.title),
        escape(&requirement_list(&r.requirements)),
        r.finding
            .as_deref()
            .map(|f| format!("<code>{}</code>", escape(f)))
            .unwrap_or_default(),
        escape(&r.message),
        o = r.outcome.as_str()
    );
    if !r.evidence.is_empty() {
        let _ = write!(
            page,
            "<details><summary>Evidence ({})</summary><ul>",
            r.evidence.len()
        );
        for e in &r.evidence {
            page.push_str("<li>");
            if let Some(place) = place(e) {
                let _ = write!(page, "<code>{}</code>", escape(&place));
            }
            if let Some(sha) = &e.sha256 {
                let _ = write!(page, " <span class=\"title\">sha256 {}</span>", escape(sha));
            }
            if let Some(excerpt) = &e.excerpt {
                let _ = write!(page, "<pre>{}</pre>", escape(excerpt));
            }
            page.push_str("</li>");
        }
        page.push_str("</ul></details>");
    }
    page.push_str("</td></tr>\n");
}

fn gaps(report: &Report, page: &mut String) {
    page.push_str("<section id=\"gaps\">\n<h2>Gaps to target</h2>\n");
    if report.gaps.is_empty() {
        page.push_str("<p class=\"empty\">None: the target is met.</p>\n</section>\n");
        return;
    }
    page.push_str(
        "<table>\n<thead><tr><th>FR</th><th>Requirement</th><th>Title</th><th>Needed at</th>\
         <th>Status</th></tr></thead>\n<tbody>\n",
    );
    for g in &report.gaps {
        let title = report
            .requirements
            .iter()
            .find(|r| r.id == g.id)
            .map(|r| escape(&r.title))
            .unwrap_or_default();
        let fr = Fr::from_number(g.fr).map_or_else(|| format!("FR {}", g.fr), |f| f.to_string());
        let _ = writeln!(
            page,
            "<tr><td>{fr}</td><td>{}</td><td>{title}</td><td>SL {}</td>\
             <td><span class=\"badge {}\">{}</span></td></tr>",
            escape(&g.id.to_string()),
            g.sl_c,
            status_class(g.status),
            status_name(g.status)
        );
    }
    page.push_str("</tbody>\n</table>\n</section>\n");
}

fn attestations(report: &Report, page: &mut String) {
    if report.attestations.is_empty() && report.waivers.is_empty() {
        return;
    }
    page.push_str("<section id=\"attestations\">\n<h2>Attestations and waivers</h2>\n");
    if !report.attestations.is_empty() {
        page.push_str(
            "<h3>Attestations</h3>\n<table>\n<thead><tr><th>Requirement</th><th>Statement</th>\
             <th>By</th><th>Date</th><th>Evidence</th></tr></thead>\n<tbody>\n",
        );
        for a in &report.attestations {
            let evidence = a
                .evidence
                .iter()
                .map(|e| {
                    format!(
                        "<code>{}</code> <span class=\"title\">sha256 {}</span>",
                        escape(&e.path),
                        escape(&e.sha256)
                    )
                })
                .collect::<Vec<_>>()
                .join("<br>");
            let _ = writeln!(
                page,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{evidence}</td></tr>",
                escape(&a.requirement.to_string()),
                escape(&a.statement),
                escape(&a.by),
                escape(&a.date)
            );
        }
        page.push_str("</tbody>\n</table>\n");
    }
    if !report.waivers.is_empty() {
        page.push_str(
            "<h3>Waivers</h3>\n<table>\n<thead><tr><th>Requirement</th><th>Justification</th>\
             <th>Countermeasure</th><th>Expires</th></tr></thead>\n<tbody>\n",
        );
        for w in &report.waivers {
            let expired = if w.expired {
                " <span class=\"badge fail\">expired</span>"
            } else {
                ""
            };
            let _ = writeln!(
                page,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}{expired}</td></tr>",
                escape(&w.requirement.to_string()),
                escape(&w.justification),
                escape(&w.countermeasure),
                escape(&w.expires)
            );
        }
        page.push_str("</tbody>\n</table>\n");
    }
    page.push_str("</section>\n");
}
