//! Command-line interface: `args` holds what the user typed (clap), `command/*` does the work.

mod args;
mod command;
mod output;

use std::process::ExitCode;

use clap::Parser as _;

pub(crate) use args::Args;

/// An error that ends the command with exit code 2.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CliError {
    /// Writing the output failed.
    #[error("cannot write output")]
    Output(#[source] std::io::Error),
    /// Serialising JSON failed.
    #[error("cannot serialise JSON")]
    Json(#[source] serde_json::Error),
    /// The audit target could not be opened.
    #[error("cannot open the audit target")]
    Target(#[source] otcheck::target::OpenError),
    /// The attestation file is unusable.
    #[error("cannot use the attestation file")]
    Attest(#[source] otcheck::report::AttestError),
    /// A file's content is unusable.
    #[error("{}: {reason}", path.display())]
    Invalid {
        path: std::path::PathBuf,
        reason: String,
    },
    /// A file could not be read.
    #[error("cannot read {}", path.display())]
    Read {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A file could not be written.
    #[error("cannot write {}", path.display())]
    Write {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The command line asks for something impossible.
    #[error("{0}")]
    Usage(String),
    /// An image manifest could not be made.
    #[error(transparent)]
    Image(otcheck::manifest::ImageError),
    /// A JSON report could not be parsed.
    #[error("{} is not an otcheck JSON report", path.display())]
    Parse {
        path: std::path::PathBuf,
        #[source]
        source: serde_json::Error,
    },
}

impl CliError {
    /// Whether this is a closed pipe (`otcheck catalog | head`), which is not an error.
    pub(crate) fn is_broken_pipe(&self) -> bool {
        let kind = match self {
            Self::Output(e) => Some(e.kind()),
            Self::Json(e) => e.io_error_kind(),
            Self::Read { .. }
            | Self::Write { .. }
            | Self::Parse { .. }
            | Self::Invalid { .. }
            | Self::Usage(_)
            | Self::Image(_)
            | Self::Target(_)
            | Self::Attest(_) => None,
        };
        kind == Some(std::io::ErrorKind::BrokenPipe)
    }

    /// The error and its causes, joined by `: `.
    pub(crate) fn chain(&self) -> String {
        let mut out = self.to_string();
        let mut source = core::error::Error::source(self);
        while let Some(s) = source {
            out.push_str(": ");
            out.push_str(&s.to_string());
            source = s.source();
        }
        out
    }
}

/// Parses the command line and runs the command.
pub(crate) fn run() -> Result<ExitCode, CliError> {
    let args = Args::parse();
    match args.command {
        args::Command::Audit(a) => command::audit::run(&a),
        args::Command::Inventory(i) => command::inventory::run(&i),
        args::Command::Catalog(c) => command::catalog::run(&c),
        args::Command::Report(args::ReportCommand::Render(r)) => command::report::render(&r),
        args::Command::Report(args::ReportCommand::Decode(d)) => command::report::decode(&d),
        args::Command::Log(args::LogCommand::Verify(l)) => command::log::verify(&l),
        args::Command::Diff(d) => command::report::diff(&d),
        args::Command::Manifest(m) => command::manifest::run(&m),
    }
}
