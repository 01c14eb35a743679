//! Terminal text: a summary line, the SL vector (achieved / target per FR), failures grouped by
//! FR, then what was not assessed and the gaps. Colour only when asked (the CLI asks on a
//! terminal without `NO_COLOR`).

use std::io::{self, Write};

use otcheck_core::Fr;

use super::label::{kind_name, place, primary_fr, requirement_list, status_name};
use crate::report::{CheckRecord, OutcomeKind, Report};

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
    fn red(&self, t: &str) -> String {
        self.wrap("31", t)
    }
    fn green(&self, t: &str) -> String {
        self.wrap("32", t)
    }
    fn yellow(&self, t: &str) -> String {
        self.wrap("33", t)
    }
    fn bold(&self, t: &str) -> String {
        self.wrap("1", t)
    }
}

/// Renders `report` as terminal text.
pub(crate) fn render(
    report: &Report,
    options: super::RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let p = Paint { on: options.color };
    writeln!(
        out,
        "{} {} — {} {} — {} device, target SL {}",
        report.tool.name,
        report.tool.version,
        kind_name(report.target.kind),
        report.target.identifier,
        report.component,
        report.target_sl
    )?;
    writeln!(
        out,
        "results: {} pass, {} fail, {} not applicable, {} not assessed, {} error",
        report.count(OutcomeKind::Pass),
        report.count(OutcomeKind::Fail),
        report.count(OutcomeKind::NotApplicable),
        report.count(OutcomeKind::NotAssessed),
        report.count(OutcomeKind::Error)
    )?;
    let verdict = if report.target_met() {
        p.green("MET")
    } else {
        p.red(&format!("NOT MET ({} gaps)", report.gaps.len()))
    };
    writeln!(
        out,
        "SL-C achieved {} of target {}: {verdict}",
        report.sl_achieved, report.target_sl
    )?;
    writeln!(out)?;
    writeln!(out, "{}", p.bold("FR        achieved  target"))?;
    for fr in Fr::ALL {
        let (got, want) = (report.sl_achieved.get(fr), report.target_sl.get(fr));
        let mark = if got >= want {
            p.green("ok")
        } else {
            p.red("below target")
        };
        writeln!(
            out,
            "FR {} {:<4}  {:<8}  {:<6}  {mark}",
            fr.number(),
            fr.abbrev(),
            got.number(),
            want.number()
        )?;
    }

    let failures: Vec<&CheckRecord> = report
        .results
        .iter()
        .filter(|r| matches!(r.outcome, OutcomeKind::Fail | OutcomeKind::Error))
        .collect();
    if !failures.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", p.bold("Failures"))?;
        for fr in Fr::ALL.map(Some).into_iter().chain([None]) {
            let group: Vec<&&CheckRecord> =
                failures.iter().filter(|r| primary_fr(r) == fr).collect();
            if group.is_empty() {
                continue;
            }
            match fr {
                Some(fr) => writeln!(out, "  {fr}")?,
                None => writeln!(out, "  other")?,
            }
            for r in group {
                let label = if r.outcome == OutcomeKind::Fail {
                    p.red("FAIL ")
                } else {
                    p.red("ERROR")
                };
                let code = r
                    .finding
                    .as_deref()
                    .map(|c| format!("{c}: "))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "    {label} {} [{}] {code}{}",
                    r.check,
                    requirement_list(&r.requirements),
                    r.message
                )?;
                for e in &r.evidence {
                    let Some(place) = place(e) else { continue };
                    let excerpt = e
                        .excerpt
                        .as_deref()
                        .map(|x| format!("  {x}"))
                        .unwrap_or_default();
                    writeln!(out, "          {place}{excerpt}")?;
                }
            }
        }
    }

    let unassessed: Vec<&CheckRecord> = report
        .results
        .iter()
        .filter(|r| r.outcome == OutcomeKind::NotAssessed)
        .collect();
    if !unassessed.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", p.bold("Not assessed"))?;
        for r in unassessed {
            writeln!(
                out,
                "    {} {} [{}] {}",
                p.yellow("SKIP "),
                r.check,
                requirement_list(&r.requirements),
                r.message
            )?;
        }
    }

    if !report.gaps.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", p.bold("Gaps to target"))?;
        for fr in Fr::ALL {
            let gaps: Vec<String> = report
                .gaps
                .iter()
                .filter(|g| g.fr == fr.number())
                .map(|g| format!("{} (SL {}, {})", g.id, g.sl_c, status_name(g.status)))
                .collect();
            if !gaps.is_empty() {
                write_wrapped(out, &format!("  {fr}: "), &gaps, options.width)?;
            }
        }
    }
    let expired = report.waivers.iter().filter(|w| w.expired).count();
    if expired > 0 {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            p.yellow(&format!("{expired} waiver(s) expired and do not count"))
        )?;
    }
    Ok(())
}

fn write_wrapped(
    out: &mut dyn Write,
    head: &str,
    items: &[String],
    width: usize,
) -> io::Result<()> {
    let indent = " ".repeat(head.chars().count());
    let mut line = head.to_owned();
    let mut first = true;
    for item in items {
        let sep = if first { "" } else { ", " };
        if !first && line.chars().count() + sep.len() + item.chars().count() > width {
            writeln!(out, "{line},")?;
            line = format!("{indent}{item}");
        } else {
            line.push_str(sep);
            line.push_str(item);
        }
        first = false;
    }
    writeln!(out, "{line}")
}
