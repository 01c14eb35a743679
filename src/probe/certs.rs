//! Certificates and private keys on the target: where they are, what they are, who may
//! read them.
//!
//! Sources, in this order: files named by service configurations (sshd `HostKey`, nginx
//! `ssl_certificate`, Apache `SSLCertificateFile`, Mosquitto `certfile`/`keyfile`/`cafile`,
//! lighttpd `ssl.pemfile`…, see [`CertOptions::service_configs`]), then every regular file in
//! the search directories ([`CertOptions::search`]: `/etc/ssl`, `/etc/pki`,
//! `/usr/local/share/ca-certificates`, `/etc/ssh`, application directories). Each file is
//! split by the [`scan`]ner into PEM blocks or one DER object; certificates are parsed with
//! `x509-parser`, private keys are classified (algorithm, size, encrypted or not) without
//! decrypting anything, and Dropbear host keys are recognised in their own format.
//!
//! Each certificate gets a [`CertRole`]: a *service* certificate (one a service presents),
//! an *issuer* (a CA or chain certificate outside the system trust store), or *trust store*
//! material (the distribution's CA bundle, judged only for key strength).
//!
//! Guarantees: reads only through [`Target`]; never follows a symlink while walking (a named
//! file is followed, inside the root); bounded by [`ScanLimits`] (files, bytes per file, bytes
//! in all, walk depth), and every limit that was hit, file that could not be read and block
//! that could not be parsed is kept in the facts so no check passes on a partial scan. No
//! private key material leaves this module.

pub(crate) mod der;
mod keys;
mod scan;

use std::collections::{BTreeSet, HashSet};

use crate::probe::{Source, config_lines, expand_glob};
use crate::target::{FileContent, FileKind, Target, WalkLimits};

pub use keys::{Curve, KeyAlgorithm, KeyFormat, PrivateKey, dropbear_key, private_key};
pub use scan::{FileScan, MAX_BLOCKS, Malformed, Piece, scan};

/// A message digest, as used by a signature algorithm.
///
/// ```
/// assert!(otcheck::probe::certs::Hash::Sha1.is_weak());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Hash {
    /// MD2.
    Md2,
    /// MD4.
    Md4,
    /// MD5.
    Md5,
    /// SHA-1.
    Sha1,
    /// SHA-224.
    Sha224,
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
    /// One of the SHA-3 family.
    Sha3,
    /// The algorithm hashes internally (Ed25519, Ed448).
    Intrinsic,
}

impl Hash {
    /// Whether collisions are practical (MD2, MD4, MD5, SHA-1).
    ///
    /// ```
    /// assert!(!otcheck::probe::certs::Hash::Sha256.is_weak());
    /// ```
    #[must_use]
    pub const fn is_weak(self) -> bool {
        matches!(self, Self::Md2 | Self::Md4 | Self::Md5 | Self::Sha1)
    }

    /// Its name.
    ///
    /// ```
    /// assert_eq!(otcheck::probe::certs::Hash::Sha384.as_str(), "SHA-384");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Md2 => "MD2",
            Self::Md4 => "MD4",
            Self::Md5 => "MD5",
            Self::Sha1 => "SHA-1",
            Self::Sha224 => "SHA-224",
            Self::Sha256 => "SHA-256",
            Self::Sha384 => "SHA-384",
            Self::Sha512 => "SHA-512",
            Self::Sha3 => "SHA-3",
            Self::Intrinsic => "intrinsic",
        }
    }
}

/// What a certificate is on this target.
///
/// ```
/// assert_eq!(otcheck::probe::certs::CertRole::Service.as_str(), "service");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum CertRole {
    /// One a service presents: named by a service configuration, or the first end-entity
    /// certificate of a file outside the trust store.
    Service,
    /// A CA or chain certificate outside the system trust store.
    Issuer,
    /// Part of the distribution's trust store ([`CertOptions::trust_stores`]).
    TrustStore,
}

impl CertRole {
    /// Its name.
    ///
    /// ```
    /// assert_eq!(otcheck::probe::certs::CertRole::TrustStore.as_str(), "trust store");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Service => "service",
            Self::Issuer => "issuer",
            Self::TrustStore => "trust store",
        }
    }
}

/// One parsed certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Certificate {
    /// Where it is: the file, the line of its `BEGIN` line (0 for DER), the file's SHA-256.
    pub source: Source,
    /// SHA-256 of the DER encoding (lower-case hex): its fingerprint.
    pub fingerprint: String,
    /// Subject distinguished name.
    pub subject: String,
    /// Issuer distinguished name.
    pub issuer: String,
    /// Whether subject and issuer are the same name (self-issued, normally self-signed).
    pub self_issued: bool,
    /// Start of validity (Unix seconds).
    pub not_before: i64,
    /// End of validity (Unix seconds).
    pub not_after: i64,
    /// The signature's hash (`None`: algorithm not recognised).
    pub signature_hash: Option<Hash>,
    /// The signature algorithm (dotted OID).
    pub signature_oid: String,
    /// The subject public key.
    pub key: KeyAlgorithm,
    /// Basic constraints `cA` (`None`: no basic constraints extension).
    pub ca: Option<bool>,
    /// Key usage `keyCertSign` (`None`: no key usage extension).
    pub key_cert_sign: Option<bool>,
    /// Its role on the target.
    pub role: CertRole,
    /// Whether it is in the configured trust-anchor set.
    pub anchor: bool,
    /// The configuration line that names its file, if any.
    pub named_by: Option<Source>,
    /// The DER encoding (for chain validation).
    pub der: Vec<u8>,
}

impl Certificate {
    /// `subject (file:line)`, for messages.
    #[must_use]
    pub fn label(&self) -> String {
        if self.source.line > 0 {
            format!(
                "{} ({}:{})",
                self.subject, self.source.path, self.source.line
            )
        } else {
            format!("{} ({})", self.subject, self.source.path)
        }
    }
}

/// One private key file (or block).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct KeyFile {
    /// Where it is.
    pub source: Source,
    /// What it holds.
    pub key: PrivateKey,
    /// Permission bits of the file.
    pub mode: u32,
    /// Owner.
    pub uid: u32,
    /// Group.
    pub gid: u32,
    /// The configuration line that names it, if any.
    pub named_by: Option<Source>,
}

/// Something that looked like a certificate or key but could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Unparsed {
    /// Where it is.
    pub source: Source,
    /// What was expected and what went wrong.
    pub what: String,
}

/// How a service configuration uses a file it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Use {
    /// The service's own certificate (possibly followed by its chain).
    Certificate,
    /// The service's private key.
    Key,
    /// CA certificates the service trusts: added to the trust-anchor set.
    Ca,
    /// Intermediate certificates sent with the service certificate.
    Chain,
}

/// The configuration directives that name certificate and key files (lower case).
const DIRECTIVES: &[(&str, Use)] = &[
    ("hostkey", Use::Key),
    ("hostcertificate", Use::Certificate),
    ("ssl_certificate", Use::Certificate),
    ("ssl_certificate_key", Use::Key),
    ("ssl_trusted_certificate", Use::Ca),
    ("ssl_client_certificate", Use::Ca),
    ("sslcertificatefile", Use::Certificate),
    ("sslcertificatekeyfile", Use::Key),
    ("sslcertificatechainfile", Use::Chain),
    ("sslcacertificatefile", Use::Ca),
    ("certfile", Use::Certificate),
    ("keyfile", Use::Key),
    ("cafile", Use::Ca),
    ("ssl.pemfile", Use::Certificate),
    ("ssl.privkey", Use::Key),
    ("ssl.ca-file", Use::Ca),
    ("tls_cert_file", Use::Certificate),
    ("tls_key_file", Use::Key),
    ("tls_ca_file", Use::Ca),
    ("cert", Use::Certificate),
    ("key", Use::Key),
    ("ca", Use::Ca),
    ("server_certificate", Use::Certificate),
    ("private_key", Use::Key),
];

/// Bounds on the certificate scan.
///
/// ```
/// let l = otcheck::probe::certs::ScanLimits::default();
/// assert_eq!((l.max_files, l.max_file_bytes), (5000, 1 << 20));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ScanLimits {
    /// The most files read (default 5000).
    pub max_files: usize,
    /// The largest file read (default 1 MiB; a full CA bundle is about 220 KiB).
    pub max_file_bytes: u64,
    /// The most bytes read in all (default 64 MiB).
    pub max_total_bytes: u64,
    /// How deep the search directories are walked (default 8).
    pub max_depth: usize,
}

impl Default for ScanLimits {
    fn default() -> Self {
        Self {
            max_files: 5000,
            max_file_bytes: 1 << 20,
            max_total_bytes: 64 << 20,
            max_depth: 8,
        }
    }
}

/// Where to look and what to trust; the policy lives beside it in [`CertPolicy`].
///
/// ```
/// let o = otcheck::probe::certs::CertOptions::default();
/// assert!(o.search.iter().any(|d| d == "/etc/ssl"));
/// assert!(o.trust_anchors.iter().any(|d| d == "/etc/ssl/certs/ca-certificates.crt"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CertOptions {
    /// Directories walked for certificate and key files.
    pub search: Vec<String>,
    /// Configuration files (a `*`/`?` glob in the last component) read for the certificate
    /// and key files they name.
    pub service_configs: Vec<String>,
    /// Files or directories whose certificates are the trust anchors for chain validation
    /// (CA files named by service configurations are added).
    pub trust_anchors: Vec<String>,
    /// Files or directories holding the system's CA material: their certificates are judged
    /// for key strength only.
    pub trust_stores: Vec<String>,
    /// Scan bounds.
    pub limits: ScanLimits,
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

impl Default for CertOptions {
    fn default() -> Self {
        Self {
            search: strings(&[
                "/etc/ssl",
                "/etc/pki",
                "/usr/local/share/ca-certificates",
                "/etc/ssh",
                "/etc/dropbear",
                "/etc/mosquitto",
                "/etc/nginx",
                "/etc/apache2",
                "/etc/httpd",
                "/etc/lighttpd",
                "/etc/letsencrypt",
                "/etc/opcua",
                "/etc/open62541",
                "/etc/certs",
                "/etc/tls",
                "/etc/ipsec.d",
                "/etc/swanctl",
                "/etc/openvpn",
                "/etc/stunnel",
            ]),
            service_configs: strings(&[
                "/etc/ssh/sshd_config",
                "/etc/ssh/sshd_config.d/*.conf",
                "/etc/nginx/nginx.conf",
                "/etc/nginx/conf.d/*.conf",
                "/etc/nginx/sites-enabled/*",
                "/etc/apache2/sites-enabled/*",
                "/etc/apache2/mods-enabled/ssl.conf",
                "/etc/httpd/conf.d/*.conf",
                "/etc/mosquitto/mosquitto.conf",
                "/etc/mosquitto/conf.d/*.conf",
                "/etc/lighttpd/lighttpd.conf",
                "/etc/lighttpd/conf-enabled/*.conf",
                "/etc/stunnel/*.conf",
                "/etc/openvpn/*.conf",
                "/etc/openvpn/server/*.conf",
                "/etc/opcua/*.conf",
            ]),
            trust_anchors: strings(&[
                "/etc/ssl/certs/ca-certificates.crt",
                "/etc/pki/tls/certs/ca-bundle.crt",
                "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
                "/etc/ssl/cert.pem",
                "/usr/local/share/ca-certificates",
                "/etc/pki/ca-trust/source/anchors",
            ]),
            trust_stores: strings(&[
                "/etc/ssl/certs",
                "/etc/ssl/cert.pem",
                "/usr/share/ca-certificates",
                "/usr/local/share/ca-certificates",
                "/etc/pki/ca-trust",
                "/etc/pki/tls/certs/ca-bundle.crt",
                "/etc/pki/tls/certs/ca-bundle.trust.crt",
                "/etc/pki/java",
            ]),
            limits: ScanLimits::default(),
        }
    }
}

/// What counts as weak or wrong; used by the checks.
///
/// ```
/// let p = otcheck::probe::certs::CertPolicy::default();
/// assert_eq!((p.min_rsa_bits, p.expiry_warning_days), (2048, 30));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct CertPolicy {
    /// Smallest acceptable RSA (and DSA) modulus (default 2048).
    pub min_rsa_bits: u32,
    /// Smallest acceptable elliptic curve size (default 256).
    pub min_ec_bits: u32,
    /// A certificate expiring within this many days fails (default 30).
    pub expiry_warning_days: u32,
    /// Whether a private key readable by its group is acceptable (default no).
    pub allow_group_readable_keys: bool,
    /// Whether every private key must be encrypted (default no: services need theirs at
    /// boot).
    pub forbid_unencrypted_keys: bool,
}

impl Default for CertPolicy {
    fn default() -> Self {
        Self {
            min_rsa_bits: 2048,
            min_ec_bits: 256,
            expiry_warning_days: 30,
            allow_group_readable_keys: false,
            forbid_unencrypted_keys: false,
        }
    }
}

/// Everything the scan found, and how complete it was.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CertFacts {
    /// Parsed certificates, each once (by fingerprint).
    pub certificates: Vec<Certificate>,
    /// Private keys.
    pub keys: Vec<KeyFile>,
    /// Blocks and files that looked like certificates or keys but could not be parsed.
    pub unparsed: Vec<Unparsed>,
    /// Named or found files that could not be read (`path: reason`).
    pub unreadable: Vec<String>,
    /// Files named by a configuration that do not exist (`path (config:line)`).
    pub missing: Vec<String>,
    /// Limits that stopped the scan.
    pub limits_hit: Vec<String>,
    /// Files read.
    pub files_read: usize,
    /// Bytes read.
    pub bytes_read: u64,
}

impl CertFacts {
    /// Why the scan cannot support a pass, if it cannot.
    ///
    /// ```
    /// assert_eq!(otcheck::probe::certs::CertFacts::default().incomplete_reason(), None);
    /// ```
    #[must_use]
    pub fn incomplete_reason(&self) -> Option<String> {
        let mut why = self.limits_hit.clone();
        if !self.unreadable.is_empty() {
            why.push(format!(
                "{} files could not be read ({})",
                self.unreadable.len(),
                crate::checks::list(&self.unreadable, 3)
            ));
        }
        (!why.is_empty()).then(|| why.join("; "))
    }

    /// The certificates in the trust-anchor set.
    pub fn anchors(&self) -> impl Iterator<Item = &Certificate> {
        self.certificates.iter().filter(|c| c.anchor)
    }
}

/// A file to read and what we know about it before reading.
struct Candidate {
    path: String,
    named: Option<(Use, Source)>,
}

/// Whether `path` is `prefix` or below it, or matches it as a glob.
fn under(path: &str, prefix: &str) -> bool {
    path == prefix
        || path
            .strip_prefix(prefix.trim_end_matches('/'))
            .is_some_and(|rest| rest.starts_with('/'))
        || (prefix.contains(['*', '?'])
            && crate::probe::glob_match(prefix.as_bytes(), path.as_bytes()))
}

/// The files the service configurations name, with the line that names each.
fn named_files(target: &Target, options: &CertOptions, facts: &mut CertFacts) -> Vec<Candidate> {
    let mut out = Vec::new();
    for pattern in &options.service_configs {
        let paths = match expand_glob(target, pattern) {
            Ok(p) => p,
            Err(e) => {
                facts.unreadable.push(e.to_string());
                continue;
            }
        };
        for path in paths {
            let file = match target.read_file(&path) {
                Ok(f) => f,
                Err(e) if e.is_not_found() => continue,
                Err(e) => {
                    facts.unreadable.push(e.to_string());
                    continue;
                }
            };
            let text = file.text();
            for line in config_lines(&text, '#') {
                let (key, value) = line.key_value();
                let key = key.to_ascii_lowercase();
                let Some(&(_, usage)) = DIRECTIVES.iter().find(|(d, _)| *d == key) else {
                    continue;
                };
                let value = value.trim_end_matches(';').trim();
                let value = crate::probe::config_text::unquote(value);
                let value = value.split_whitespace().next().unwrap_or("");
                if value.starts_with('/') {
                    out.push(Candidate {
                        path: value.to_owned(),
                        named: Some((usage, Source::at(&file, &line))),
                    });
                }
            }
        }
    }
    out
}

/// Scans the target for certificates and keys.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = tempfile::tempdir()?;
/// std::fs::create_dir_all(dir.path().join("etc/ssl"))?;
/// std::fs::write(dir.path().join("etc/ssl/openssl.cnf"), "[req]\n")?;
/// let target = otcheck::target::Target::rootfs(dir.path())?;
/// let facts = otcheck::probe::certs::probe(&target, &Default::default());
/// assert!(facts.certificates.is_empty() && facts.incomplete_reason().is_none());
/// assert_eq!(facts.files_read, 1);
/// # Ok(()) }
/// ```
#[must_use]
pub fn probe(target: &Target, options: &CertOptions) -> CertFacts {
    let mut facts = CertFacts::default();
    let limits = options.limits;
    let mut candidates = named_files(target, options, &mut facts);
    // Directories a configuration names as a CA path are read like named CA files.
    let walk = WalkLimits {
        max_depth: limits.max_depth,
        max_entries: u64::try_from(limits.max_files.saturating_mul(4)).unwrap_or(u64::MAX),
        ..WalkLimits::default()
    };
    for dir in &options.search {
        let mut found = Vec::new();
        match target.walk(dir, &walk, |e| {
            if e.metadata.kind == FileKind::Regular {
                found.push(e.path.to_string_lossy().into_owned());
            }
        }) {
            Ok(summary) => {
                if let Some(why) = summary.incomplete_reason() {
                    facts.limits_hit.push(format!("{dir}: {why}"));
                }
            }
            Err(e) if e.is_not_found() => {}
            Err(crate::target::ReadError::NotADirectory { .. }) => {}
            Err(e) => facts.unreadable.push(e.to_string()),
        }
        candidates.extend(
            found
                .into_iter()
                .map(|path| Candidate { path, named: None }),
        );
    }
    let mut seen_files: HashSet<(u64, u64)> = HashSet::new();
    let mut seen_certs: BTreeSet<String> = BTreeSet::new();
    let mut named_anchor_files: Vec<String> = Vec::new();
    for c in &candidates {
        if matches!(c.named, Some((Use::Ca, _))) {
            named_anchor_files.push(c.path.clone());
        }
    }
    for candidate in candidates {
        if facts.files_read >= limits.max_files {
            facts
                .limits_hit
                .push(format!("stopped at the {}-file limit", limits.max_files));
            break;
        }
        let meta = match target.stat(&candidate.path) {
            Ok(m) => m,
            Err(e) if e.is_not_found() => {
                if let Some((_, src)) = &candidate.named {
                    facts
                        .missing
                        .push(format!("{} ({}:{})", candidate.path, src.path, src.line));
                }
                continue;
            }
            Err(e) => {
                facts.unreadable.push(e.to_string());
                continue;
            }
        };
        if meta.kind == FileKind::Directory && candidate.named.is_some() {
            // A CA directory (`capath`-style): its files are read as named by the same line.
            if let Ok(entries) = target.read_dir(&candidate.path) {
                for e in entries
                    .into_iter()
                    .filter(|e| e.kind == FileKind::Regular)
                    .take(1000)
                {
                    let path = format!(
                        "{}/{}",
                        candidate.path.trim_end_matches('/'),
                        e.name.to_string_lossy()
                    );
                    named_anchor_files.push(path.clone());
                    read_candidate(
                        target,
                        options,
                        &Candidate {
                            path,
                            named: candidate.named.clone(),
                        },
                        &named_anchor_files,
                        &mut seen_files,
                        &mut seen_certs,
                        &mut facts,
                    );
                }
            }
            continue;
        }
        read_candidate(
            target,
            options,
            &candidate,
            &named_anchor_files,
            &mut seen_files,
            &mut seen_certs,
            &mut facts,
        );
        if facts.bytes_read >= limits.max_total_bytes {
            facts.limits_hit.push(format!(
                "stopped at the {}-byte limit",
                limits.max_total_bytes
            ));
            break;
        }
    }
    facts
}

fn read_candidate(
    target: &Target,
    options: &CertOptions,
    candidate: &Candidate,
    named_anchor_files: &[String],
    seen_files: &mut HashSet<(u64, u64)>,
    seen_certs: &mut BTreeSet<String>,
    facts: &mut CertFacts,
) {
    let limits = options.limits;
    let file = match target.read_file_limited(&candidate.path, limits.max_file_bytes) {
        Ok(f) => f,
        Err(crate::target::ReadError::TooLarge { .. }) if candidate.named.is_none() => {
            // Large unnamed files in the search directories are not certificate files, but
            // one with a certificate-like name is counted so the scan is not called complete.
            if looks_like_cert_file(&candidate.path) {
                facts.limits_hit.push(format!(
                    "{} is larger than the {}-byte file limit",
                    candidate.path, limits.max_file_bytes
                ));
            }
            return;
        }
        Err(e) => {
            facts.unreadable.push(e.to_string());
            return;
        }
    };
    if !seen_files.insert((file.metadata.dev, file.metadata.ino)) {
        return;
    }
    facts.files_read = facts.files_read.saturating_add(1);
    facts.bytes_read = facts
        .bytes_read
        .saturating_add(u64::try_from(file.bytes.len()).unwrap_or(u64::MAX));
    let usage = candidate.named.as_ref().map(|(u, _)| *u);
    let named_by = candidate.named.as_ref().map(|(_, s)| s.clone());
    let in_store = options.trust_stores.iter().any(|s| under(&file.path, s));
    let anchor = usage == Some(Use::Ca)
        || named_anchor_files.contains(&file.path)
        || options.trust_anchors.iter().any(|a| under(&file.path, a));
    let found = scan(&file.bytes);
    if found.block_limit_hit {
        facts.limits_hit.push(format!(
            "{}: stopped at the {MAX_BLOCKS}-block limit",
            file.path
        ));
    }
    for m in &found.malformed {
        if relevant_label(&m.label) {
            facts.unparsed.push(Unparsed {
                source: Source::new(file.path.clone(), m.line, "", file.sha256.clone()),
                what: format!("{} block: {}", m.label, m.reason),
            });
        }
    }
    if found.pieces.is_empty() && found.malformed.is_empty() {
        if let Some(key) = dropbear_key(&file.bytes) {
            push_key(facts, &file, 0, key, named_by);
            return;
        }
        if usage.is_some() || looks_like_der_file(&file.path) {
            // Named as a certificate or key, or named like DER, yet neither.
            if usage.is_some() || !file.bytes.is_empty() {
                facts.unparsed.push(Unparsed {
                    source: Source::file(&file),
                    what: "no certificate or key in this file".to_owned(),
                });
            }
        }
        return;
    }
    let mut first_service_taken = false;
    for piece in found.pieces {
        let label = piece.label.as_deref();
        let is_cert_label = matches!(
            label,
            Some("CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE")
        );
        if is_cert_label || label.is_none() {
            match certificate(&file, &piece) {
                Some(mut cert) => {
                    cert.anchor = anchor;
                    cert.named_by = named_by.clone();
                    let end_entity = cert.ca != Some(true);
                    cert.role = if in_store && usage != Some(Use::Certificate) {
                        CertRole::TrustStore
                    } else if !first_service_taken
                        && (usage == Some(Use::Certificate)
                            || (usage.is_none() && end_entity && !anchor))
                    {
                        first_service_taken = true;
                        CertRole::Service
                    } else {
                        first_service_taken = true;
                        CertRole::Issuer
                    };
                    if seen_certs.insert(cert.fingerprint.clone()) {
                        facts.certificates.push(cert);
                    } else if let Some(existing) = facts
                        .certificates
                        .iter_mut()
                        .find(|c| c.fingerprint == cert.fingerprint)
                    {
                        // The same certificate in two places: the stronger role wins, and it
                        // is an anchor if either copy is.
                        if cert.role < existing.role {
                            existing.role = cert.role;
                            existing.source = cert.source;
                            existing.named_by = cert.named_by;
                        }
                        existing.anchor |= cert.anchor;
                    }
                    continue;
                }
                None if is_cert_label => {
                    facts.unparsed.push(Unparsed {
                        source: Source::new(file.path.clone(), piece.line, "", file.sha256.clone()),
                        what: "certificate that x509-parser rejects".to_owned(),
                    });
                    continue;
                }
                None => {}
            }
        }
        match private_key(label, piece.encrypted_header, &piece.der) {
            Some(key) => push_key(facts, &file, piece.line, key, named_by.clone()),
            None if label.is_some_and(|l| l.ends_with("PRIVATE KEY")) => {
                facts.unparsed.push(Unparsed {
                    source: Source::new(file.path.clone(), piece.line, "", file.sha256.clone()),
                    what: format!("{} block that is not a valid key", label.unwrap_or("")),
                });
            }
            None if label.is_none() && looks_like_der_file(&file.path) => {
                facts.unparsed.push(Unparsed {
                    source: Source::file(&file),
                    what: "DER object that is neither a certificate nor a private key".to_owned(),
                });
            }
            None => {}
        }
    }
}

fn push_key(
    facts: &mut CertFacts,
    file: &FileContent,
    line: u32,
    key: PrivateKey,
    named_by: Option<Source>,
) {
    facts.keys.push(KeyFile {
        source: Source::new(file.path.clone(), line, "", file.sha256.clone()),
        key,
        mode: file.metadata.mode,
        uid: file.metadata.uid,
        gid: file.metadata.gid,
        named_by,
    });
}

fn relevant_label(label: &str) -> bool {
    label.contains("CERTIFICATE") && !label.contains("REQUEST") || label.ends_with("PRIVATE KEY")
}

fn extension(path: &str) -> String {
    path.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

fn looks_like_der_file(path: &str) -> bool {
    matches!(extension(path).as_str(), "der" | "cer")
}

fn looks_like_cert_file(path: &str) -> bool {
    matches!(
        extension(path).as_str(),
        "pem" | "crt" | "cer" | "der" | "key" | "p8" | "pk8"
    )
}

/// Parses one certificate; `None` when x509-parser rejects it.
fn certificate(file: &FileContent, piece: &Piece) -> Option<Certificate> {
    use sha2::Digest as _;
    let (_, cert) = x509_parser::parse_x509_certificate(&piece.der).ok()?;
    let spki = cert.public_key();
    let key = der::whole(spki.raw, der::SEQUENCE)
        .and_then(|seq| {
            let (alg, rest) = der::expect(seq.value, der::SEQUENCE)?;
            let (oid, params) = der::expect(alg.value, der::OID)?;
            let params = der::read(params).map(|(p, _)| p.raw);
            let (bits, _) = der::expect(rest, der::BIT_STRING)?;
            Some(keys::public_key(
                oid.value,
                params,
                keys::bit_string_bytes(bits.raw),
            ))
        })
        .unwrap_or(KeyAlgorithm::Unknown {
            name: "malformed SubjectPublicKeyInfo".to_owned(),
        });
    let sig_oid = cert.signature_algorithm.algorithm.as_bytes();
    let signature_hash = if sig_oid == der::oids::RSA_PSS {
        Some(pss_hash(
            cert.signature_algorithm.parameters.as_ref().map(|p| p.data),
        ))
    } else {
        der::oids::signature_hash(sig_oid)
    };
    // Duplicate extensions make these `Err`: treated as absent, and the certificate is then
    // judged as if it had none, which can only make a constraint check stricter.
    let ca = cert
        .basic_constraints()
        .ok()
        .flatten()
        .map(|bc| bc.value.ca);
    let key_cert_sign = cert
        .key_usage()
        .ok()
        .flatten()
        .map(|ku| ku.value.key_cert_sign());
    Some(Certificate {
        source: Source::new(file.path.clone(), piece.line, "", file.sha256.clone()),
        fingerprint: crate::target::hex(&sha2::Sha256::digest(&piece.der)),
        subject: cert.subject().to_string(),
        issuer: cert.issuer().to_string(),
        self_issued: cert.subject().as_raw() == cert.issuer().as_raw(),
        not_before: cert.validity().not_before.timestamp(),
        not_after: cert.validity().not_after.timestamp(),
        signature_hash,
        signature_oid: der::oid_text(sig_oid).unwrap_or_default(),
        key,
        ca,
        key_cert_sign,
        role: CertRole::Issuer,
        anchor: false,
        named_by: None,
        der: piece.der.clone(),
    })
}

/// The hash of RSASSA-PSS parameters (contents of the SEQUENCE): `[0] hashAlgorithm`, SHA-1
/// when absent (RFC 4055).
fn pss_hash(params: Option<&[u8]>) -> Hash {
    let Some(mut rest) = params else {
        return Hash::Sha1;
    };
    while let Some((t, after)) = der::read(rest) {
        if t.tag == 0xa0 {
            return der::whole(t.value, der::SEQUENCE)
                .and_then(|alg| der::expect(alg.value, der::OID))
                .and_then(|(oid, _)| der::oids::digest(oid.value))
                .unwrap_or(Hash::Sha1);
        }
        rest = after;
    }
    Hash::Sha1
}

/// Runs the scanner and the classifiers over one file's bytes, as the probe does: for the
/// fuzz target. Returns how many certificates and keys were recognised.
#[doc(hidden)]
#[must_use]
pub fn scan_and_classify(bytes: &[u8]) -> (usize, usize) {
    let found = scan(bytes);
    let (mut certs, mut keys) = (0usize, 0usize);
    for piece in &found.pieces {
        if let Ok((_, cert)) = x509_parser::parse_x509_certificate(&piece.der) {
            certs = certs.saturating_add(1);
            let _ = cert.basic_constraints();
            let _ = cert.key_usage();
            let _ = cert.subject().to_string();
            let spki = cert.public_key();
            if let Some(seq) = der::whole(spki.raw, der::SEQUENCE)
                && let Some((alg, rest)) = der::expect(seq.value, der::SEQUENCE)
                && let Some((oid, params)) = der::expect(alg.value, der::OID)
            {
                let params = der::read(params).map(|(p, _)| p.raw);
                let bits = der::read(rest).map_or(&[][..], |(b, _)| b.raw);
                let _ = keys::public_key(oid.value, params, keys::bit_string_bytes(bits));
            }
            let _ = pss_hash(cert.signature_algorithm.parameters.as_ref().map(|p| p.data));
        }
        if private_key(piece.label.as_deref(), piece.encrypted_header, &piece.der).is_some() {
            keys = keys.saturating_add(1);
        }
        let _ = der::oid_text(&piece.der);
    }
    if dropbear_key(bytes).is_some() {
        keys = keys.saturating_add(1);
    }
    (certs, keys)
}
