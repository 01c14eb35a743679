//! Output formats: each module renders the same [`Report`] and computes nothing new.

mod html;
mod json;
mod junit;
mod label;
mod markdown;
mod oscal;
mod sarif;
mod text;

use std::io::{self, Write};

use super::Report;

/// A report format.
///
/// ```
/// use otcheck::report::Format;
/// assert_eq!("sarif".parse::<Format>(), Ok(Format::Sarif));
/// assert_eq!(Format::Junit.extension(), "xml");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Terminal text: summary, SL vector, failures first.
    Text,
    /// The model itself as JSON (see `schemas/report.schema.json`).
    Json,
    /// Markdown tables, for pull requests and wikis.
    Markdown,
    /// One self-contained HTML file.
    Html,
    /// JUnit XML, one test case per check result.
    Junit,
    /// SARIF 2.1.0.
    Sarif,
    /// OSCAL 1.1 assessment-results JSON.
    Oscal,
}

impl Format {
    /// Every format.
    pub const ALL: [Self; 7] = [
        Self::Text,
        Self::Json,
        Self::Markdown,
        Self::Html,
        Self::Junit,
        Self::Sarif,
        Self::Oscal,
    ];

    /// The name used with `--format`.
    ///
    /// ```
    /// assert_eq!(otcheck::report::Format::Markdown.name(), "markdown");
    /// ```
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Json => "json",
            Self::Markdown => "markdown",
            Self::Html => "html",
            Self::Junit => "junit",
            Self::Sarif => "sarif",
            Self::Oscal => "oscal",
        }
    }

    /// The usual file extension.
    ///
    /// ```
    /// assert_eq!(otcheck::report::Format::Sarif.extension(), "sarif");
    /// ```
    #[must_use]
    pub const fn extension(self) -> &'static str {
        match self {
            Self::Text => "txt",
            Self::Json | Self::Oscal => "json",
            Self::Markdown => "md",
            Self::Html => "html",
            Self::Junit => "xml",
            Self::Sarif => "sarif",
        }
    }
}

/// The text is not a format name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("unknown format: expected text, json, markdown, html, junit, sarif or oscal")]
pub struct UnknownFormat;

impl core::str::FromStr for Format {
    type Err = UnknownFormat;
    fn from_str(s: &str) -> Result<Self, UnknownFormat> {
        Self::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(s))
            .ok_or(UnknownFormat)
    }
}

/// How to render for the reader at hand.
///
/// ```
/// let o = otcheck::report::RenderOptions::default();
/// assert!(!o.color);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderOptions {
    /// ANSI colour (text only): on a terminal, never with `NO_COLOR`.
    pub color: bool,
    /// Line width for text.
    pub width: usize,
}

impl Default for RenderOptions {
    fn default() -> Self {
        Self {
            color: false,
            width: 100,
        }
    }
}

/// Renders `report` in `format` to `out`.
///
/// # Errors
/// Whatever writing to `out` returns.
///
/// ```
/// use otcheck::core::{ComponentType, SecurityLevel, SlVector};
/// use otcheck::report::{render, Attestations, Format, RenderOptions, Report, TargetInfo, TargetKind};
/// let t = TargetInfo { kind: TargetKind::Rootfs, identifier: "rootfs".into(), inputs_sha256: None };
/// let report = Report::new(t, ComponentType::HostDevice, SlVector::uniform(SecurityLevel::Sl2), vec![], Attestations::default());
/// let mut out = Vec::new();
/// render(&report, Format::Json, RenderOptions::default(), &mut out)?;
/// assert!(out.starts_with(b"{"));
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn render(
    report: &Report,
    format: Format,
    options: RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Text => text::render(report, options, out),
        Format::Json => json::render(report, out),
        Format::Markdown => markdown::render(report, out),
        Format::Html => html::render(report, out),
        Format::Junit => junit::render(report, out),
        Format::Sarif => sarif::render(report, out),
        Format::Oscal => oscal::render(report, out),
    }
}
