//! What the user typed: the clap definitions. Each `///` comment is the help text.

use clap::{Parser, Subcommand, ValueEnum};
use otcheck_core::{ComponentType, SecurityLevel};

/// Check industrial components against the component security requirements of IEC 62443-4-2.
#[derive(Debug, Parser)]
#[command(name = "otcheck", version, about, max_term_width = 100)]
pub(crate) struct Args {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// List the requirements of IEC 62443-4-2 with their SL-C levels and component types.
    Catalog(CatalogArgs),
}

/// `otcheck catalog`.
#[derive(Debug, clap::Args)]
pub(crate) struct CatalogArgs {
    /// Only requirements that apply to this component type.
    #[arg(long, value_enum)]
    pub(crate) component: Option<Component>,
    /// Only requirements required at this capability security level or below (1-4).
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=4))]
    pub(crate) sl: Option<u8>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CatalogFormat::Text)]
    pub(crate) format: CatalogFormat,
}

impl CatalogArgs {
    /// The level given with `--sl`, as a core level.
    pub(crate) fn level(&self) -> Option<SecurityLevel> {
        self.sl.and_then(SecurityLevel::new)
    }
}

/// A component type as typed on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Component {
    /// Embedded device (EDR): PLCs, controllers, field devices.
    Embedded,
    /// Host device (HDR): HMIs, engineering workstations, servers.
    Host,
    /// Network device (NDR): switches, routers, gateways, firewalls.
    Network,
    /// Software application (SAR).
    Software,
}

impl From<Component> for ComponentType {
    fn from(c: Component) -> Self {
        match c {
            Component::Embedded => Self::EmbeddedDevice,
            Component::Host => Self::HostDevice,
            Component::Network => Self::NetworkDevice,
            Component::Software => Self::SoftwareApplication,
        }
    }
}

/// Output format of `otcheck catalog`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CatalogFormat {
    /// One line per requirement.
    Text,
    /// A JSON array of requirement objects.
    Json,
}
