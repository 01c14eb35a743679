//! JSON: the report model itself, pretty-printed. Its schema is `schemas/report.schema.json`.

use std::io::{self, Write};

use crate::report::Report;

/// Renders `report` as JSON.
pub(crate) fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report).map_err(io::Error::from)?;
    writeln!(out)
}
