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
    /// Audit the live host (default) or a root filesystem against IEC 62443-4-2.
    Audit(AuditArgs),
    /// Write the software inventory (OS release, kernel, packages from dpkg/opkg/rpm, or the
    /// executables with their SHA-256 when there is no package database) as an SBOM.
    Inventory(InventoryArgs),
    /// List the requirements of IEC 62443-4-2 with their SL-C levels and component types.
    Catalog(CatalogArgs),
    /// Work with reports: render a JSON report in another format.
    #[command(subcommand)]
    Report(ReportCommand),
    /// Work with audit-log exports made by devices (otcheck_core::audit_log).
    #[command(subcommand)]
    Log(LogCommand),
    /// Compare two JSON reports: new failures, fixed ones, SL-C changes. Exits 1 on regression.
    Diff(DiffArgs),
    /// Make and check manifests: signed image manifests (as devices verify them) and file
    /// manifests of root filesystems.
    #[command(subcommand)]
    Manifest(ManifestCommand),
}

#[derive(Debug, Subcommand)]
pub(crate) enum ReportCommand {
    /// Render a JSON report (from `--format json`) in another format.
    Render(RenderArgs),
    /// Decode a device self-test report (otcheck_core::wire) into a full report.
    Decode(DecodeArgs),
}

/// `otcheck report decode`.
#[derive(Debug, clap::Args)]
pub(crate) struct DecodeArgs {
    /// The encoded self-test report.
    pub(crate) file: std::path::PathBuf,
    /// A name for the device in the report (default: the file name).
    #[arg(long, value_name = "NAME")]
    pub(crate) device: Option<String>,
    /// Attested evidence and waivers (TOML) for requirements the device cannot verify.
    #[arg(long, value_name = "FILE")]
    pub(crate) attest: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub(crate) output: OutputArgs,
}

/// How a report is written and what counts as failure.
#[derive(Debug, clap::Args)]
pub(crate) struct OutputArgs {
    /// Report format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub(crate) format: ReportFormat,
    /// Write the report to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<std::path::PathBuf>,
    /// What makes the exit code 1: a gap to the target SL, any failed check, or nothing.
    #[arg(long, value_enum, default_value_t = FailOn::Gap)]
    pub(crate) fail_on: FailOn,
}

/// `otcheck audit`.
#[derive(Debug, clap::Args)]
pub(crate) struct AuditArgs {
    /// Audit this unpacked root filesystem (read-only, every path resolved inside it) instead
    /// of the live host.
    #[arg(long, value_name = "DIR", conflicts_with = "profile")]
    pub(crate) root: Option<std::path::PathBuf>,
    /// Judge a device profile exported by a device (TOML or JSON, `otcheck_core::selftest::DeviceProfile`)
    /// instead of a filesystem. Component type and target SL come from the profile.
    #[arg(long, value_name = "FILE")]
    pub(crate) profile: Option<std::path::PathBuf>,
    /// Component type to judge against.
    #[arg(long, value_enum, default_value_t = Component::Host)]
    pub(crate) component: Component,
    /// Target capability security level (1-4), for every FR.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u8).range(1..=4))]
    pub(crate) target_sl: u8,
    /// Attested evidence and waivers (TOML) for requirements no tool can verify.
    #[arg(long, value_name = "FILE")]
    pub(crate) attest: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub(crate) output: OutputArgs,
}

/// `otcheck report render`.
#[derive(Debug, clap::Args)]
pub(crate) struct RenderArgs {
    /// The JSON report.
    pub(crate) report: std::path::PathBuf,
    #[command(flatten)]
    pub(crate) output: OutputArgs,
}

#[derive(Debug, Subcommand)]
pub(crate) enum LogCommand {
    /// Decode an audit-log export and verify its hash chain. Exits 1 if it does not verify.
    Verify(LogVerifyArgs),
}

/// `otcheck log verify`.
#[derive(Debug, clap::Args)]
pub(crate) struct LogVerifyArgs {
    /// The export file.
    pub(crate) file: std::path::PathBuf,
    /// The device's chain key (32 raw bytes or 64 hex digits), for keyed logs.
    #[arg(long, value_name = "KEYFILE")]
    pub(crate) key: Option<std::path::PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SimpleFormat::Text)]
    pub(crate) format: SimpleFormat,
}

/// Text for people, JSON for programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SimpleFormat {
    /// A readable summary.
    Text,
    /// JSON.
    Json,
}

/// `otcheck diff`.
#[derive(Debug, clap::Args)]
pub(crate) struct DiffArgs {
    /// The older JSON report.
    pub(crate) old: std::path::PathBuf,
    /// The newer JSON report.
    pub(crate) new: std::path::PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub(crate) format: DiffFormat,
}

/// Output format of `otcheck diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum DiffFormat {
    /// One line per change.
    Text,
    /// JSON.
    Json,
}

/// What makes the exit code 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FailOn {
    /// The target SL is not met (some requirement blocks it).
    Gap,
    /// Any check failed or errored.
    Fail,
    /// Always exit 0 unless otcheck itself failed.
    Never,
}

/// A report format on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReportFormat {
    /// Terminal text.
    Text,
    /// The report model as JSON.
    Json,
    /// Markdown.
    Markdown,
    /// One self-contained HTML file.
    Html,
    /// JUnit XML.
    Junit,
    /// SARIF 2.1.0.
    Sarif,
    /// OSCAL assessment results.
    Oscal,
}

impl From<ReportFormat> for otcheck::report::Format {
    fn from(f: ReportFormat) -> Self {
        match f {
            ReportFormat::Text => Self::Text,
            ReportFormat::Json => Self::Json,
            ReportFormat::Markdown => Self::Markdown,
            ReportFormat::Html => Self::Html,
            ReportFormat::Junit => Self::Junit,
            ReportFormat::Sarif => Self::Sarif,
            ReportFormat::Oscal => Self::Oscal,
        }
    }
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

/// `otcheck inventory`.
#[derive(Debug, clap::Args)]
pub(crate) struct InventoryArgs {
    /// Inventory this unpacked root filesystem (read-only) instead of the live host.
    #[arg(long, value_name = "DIR")]
    pub(crate) root: Option<std::path::PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = InventoryFormat::Cyclonedx)]
    pub(crate) format: InventoryFormat,
    /// Also list every executable with its SHA-256 when a package database exists.
    #[arg(long)]
    pub(crate) executables: bool,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<std::path::PathBuf>,
}

/// Output format of `otcheck inventory`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum InventoryFormat {
    /// CycloneDX 1.5 JSON.
    Cyclonedx,
    /// otcheck's inventory model as JSON.
    Json,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ManifestCommand {
    /// Write a signed (or digest-only) manifest of an image file, or a file manifest (JSON) of
    /// a root filesystem: path, type, mode, owner, size and SHA-256 of every entry.
    Create(ManifestCreateArgs),
    /// Verify an image against its manifest and trust anchors, or list what was modified,
    /// added or removed in a root filesystem. Exits 1 if it does not verify or differs.
    Verify(ManifestVerifyArgs),
}

/// `otcheck manifest create`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("subject").required(true).args(["image", "rootfs"])))]
pub(crate) struct ManifestCreateArgs {
    /// The firmware image file to describe.
    #[arg(long, value_name = "FILE")]
    pub(crate) image: Option<std::path::PathBuf>,
    /// The unpacked root filesystem to describe (read-only; no symlink is followed).
    #[arg(long, value_name = "DIR")]
    pub(crate) rootfs: Option<std::path::PathBuf>,
    /// The image version in the manifest, which devices compare with their stored minimum
    /// (anti-rollback).
    #[arg(
        long,
        value_name = "N",
        conflicts_with = "rootfs",
        required_unless_present = "rootfs"
    )]
    pub(crate) image_version: Option<u32>,
    /// A region to hash, OFFSET:LEN in bytes (decimal or 0x hex). Repeat for up to 8 regions,
    /// in increasing order without overlap. Default: the whole file.
    #[arg(long, value_name = "OFFSET:LEN", conflicts_with = "rootfs")]
    pub(crate) region: Vec<otcheck::manifest::RegionSpec>,
    /// The signing key: PEM or DER (PKCS#8 as `openssl genpkey` writes it, or SEC1), or a
    /// 32-byte Ed25519 seed / P-256 secret, raw or as 64 hex digits.
    #[arg(long, value_name = "FILE", conflicts_with = "rootfs")]
    pub(crate) key: Option<std::path::PathBuf>,
    /// The key's algorithm: needed for raw and hex keys, checked against PEM and DER keys.
    #[arg(long, value_enum, requires = "key")]
    pub(crate) algorithm: Option<KeyAlgorithm>,
    /// Make an unsigned manifest, protected only by its own SHA-256 (integrity against
    /// corruption, no authenticity).
    #[arg(long, conflicts_with_all = ["rootfs", "key"])]
    pub(crate) digest_only: bool,
    /// Also write the raw public key to this file, to provision as a trust anchor.
    #[arg(long, value_name = "FILE", requires = "key")]
    pub(crate) public_key_out: Option<std::path::PathBuf>,
    /// Files larger than this many bytes are recorded without SHA-256, and listed.
    #[arg(
        long,
        value_name = "BYTES",
        conflicts_with = "image",
        default_value_t = otcheck::manifest::DEFAULT_MAX_FILE_BYTES
    )]
    pub(crate) max_file_size: u64,
    /// Hashing threads (default: one per CPU).
    #[arg(long, value_name = "N", conflicts_with = "image")]
    pub(crate) jobs: Option<core::num::NonZeroUsize>,
    /// Where to write the manifest (binary for an image, JSON for a root filesystem).
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: std::path::PathBuf,
}

/// `otcheck manifest verify`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("subject").required(true).args(["image", "rootfs"])))]
pub(crate) struct ManifestVerifyArgs {
    /// The image file to verify.
    #[arg(long, value_name = "FILE")]
    pub(crate) image: Option<std::path::PathBuf>,
    /// The root filesystem to compare with its file manifest (read-only).
    #[arg(long, value_name = "DIR")]
    pub(crate) rootfs: Option<std::path::PathBuf>,
    /// The manifest made by `otcheck manifest create`.
    #[arg(long, value_name = "FILE")]
    pub(crate) manifest: std::path::PathBuf,
    /// A trusted public key (PEM or DER SubjectPublicKeyInfo, or raw or hex: 32 bytes
    /// Ed25519, 65 bytes SEC1 P-256) and its role (default: supplier). Repeatable.
    #[arg(long, value_name = "FILE[:supplier|owner]", conflicts_with = "rootfs")]
    pub(crate) anchor: Vec<AnchorArg>,
    /// The device's stored minimum image version: lower versions are rejected as rollbacks.
    #[arg(long, value_name = "N", default_value_t = 0, conflicts_with = "rootfs")]
    pub(crate) min_version: u32,
    /// Accept digest-only (unsigned) manifests: integrity without authenticity. Signed
    /// manifests are still verified.
    #[arg(long, conflicts_with = "rootfs")]
    pub(crate) allow_digest_only: bool,
    /// Hashing threads for a root filesystem (default: one per CPU).
    #[arg(long, value_name = "N", conflicts_with = "image")]
    pub(crate) jobs: Option<core::num::NonZeroUsize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SimpleFormat::Text)]
    pub(crate) format: SimpleFormat,
}

/// A signature algorithm for a key file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum KeyAlgorithm {
    /// Ed25519 (RFC 8032).
    Ed25519,
    /// ECDSA over NIST P-256 with SHA-256.
    P256,
}

impl From<KeyAlgorithm> for otcheck_core::integrity::SignatureAlgorithm {
    fn from(a: KeyAlgorithm) -> Self {
        match a {
            KeyAlgorithm::Ed25519 => Self::Ed25519,
            KeyAlgorithm::P256 => Self::EcdsaP256Sha256,
        }
    }
}

/// `--anchor FILE[:supplier|owner]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AnchorArg {
    /// The public key file.
    pub(crate) path: std::path::PathBuf,
    /// Whose key it is.
    pub(crate) role: otcheck_core::integrity::Role,
}

impl core::str::FromStr for AnchorArg {
    type Err = core::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        use otcheck_core::integrity::Role;
        let (path, role) = match s.rsplit_once(':') {
            Some((path, "supplier")) => (path, Role::Supplier),
            Some((path, "owner")) => (path, Role::AssetOwner),
            _ => (s, Role::Supplier),
        };
        Ok(Self {
            path: path.into(),
            role,
        })
    }
}
