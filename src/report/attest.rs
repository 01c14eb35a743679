//! Attested evidence and waivers (`--attest FILE`): for requirements no tool can verify
//! (process, physical, hardware), and compensating countermeasures (CCSC 2) with an expiry.
//!
//! The file is TOML:
//!
//! ```toml
//! [[attestation]]
//! requirement = "CCSC 4"
//! statement = "Developed under our IEC 62443-4-1 certified process"
//! evidence = ["sdl-certificate.pdf"]   # relative to this file; SHA-256 is recorded
//! by = "J. Doe, product security"
//! date = "2026-10-01"
//!
//! [[waiver]]
//! requirement = "CR 2.7"
//! justification = "Single-session device by design"
//! countermeasure = "Only reachable through the cell firewall, which limits sessions"
//! expires = "2027-06-30"
//! ```
//!
//! Guarantee: an attestation or waiver is never shown as verified; an expired waiver does not
//! count and is reported as expired; an evidence file that cannot be read is an error naming it.

use std::path::{Path, PathBuf};

use otcheck_core::RequirementId;
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};
use time::Date;

/// A statement, with evidence files, that a requirement is met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attestation {
    /// The requirement attested.
    pub requirement: RequirementId,
    /// What is attested.
    pub statement: String,
    /// Evidence files with their SHA-256.
    #[serde(default)]
    pub evidence: Vec<EvidenceFile>,
    /// Who attests.
    pub by: String,
    /// When (`YYYY-MM-DD`).
    pub date: String,
}

/// An evidence file named by an attestation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceFile {
    /// The path as written in the attestation file.
    pub path: String,
    /// SHA-256 of its content (lower-case hex).
    pub sha256: String,
}

/// A waiver: a requirement not met, covered by a compensating countermeasure until it expires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Waiver {
    /// The requirement waived.
    pub requirement: RequirementId,
    /// Why it is not met.
    pub justification: String,
    /// The compensating countermeasure (CCSC 2).
    pub countermeasure: String,
    /// Last day it counts (`YYYY-MM-DD`).
    pub expires: String,
    /// Whether it had expired when the report was made (then it does not count).
    #[serde(default)]
    pub expired: bool,
}

/// The attestations and waivers of one file.
///
/// ```
/// let text = r#"
/// [[waiver]]
/// requirement = "CR 2.7"
/// justification = "single session"
/// countermeasure = "cell firewall"
/// expires = "2027-06-30"
/// "#;
/// let today = time::macros::date!(2027 - 07 - 01);
/// let file = otcheck::report::Attestations::parse(text, std::path::Path::new("."), today)?;
/// assert!(file.waivers[0].expired);
/// # Ok::<(), otcheck::report::AttestError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attestations {
    /// Attested requirements.
    pub attestations: Vec<Attestation>,
    /// Waived requirements.
    pub waivers: Vec<Waiver>,
}

/// What is wrong with an attestation file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AttestError {
    /// The file could not be read.
    #[error("cannot read {}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The TOML is malformed or a field is wrong.
    #[error("malformed attestation file")]
    Toml(#[source] toml::de::Error),
    /// A date is not `YYYY-MM-DD`.
    #[error("{what} of {requirement}: `{value}` is not a date (YYYY-MM-DD)")]
    Date {
        /// `date` or `expires`.
        what: &'static str,
        /// The requirement of the entry.
        requirement: RequirementId,
        /// The text found.
        value: String,
    },
    /// A requirement id is not in the catalogue.
    #[error("{0} is not a requirement of IEC 62443-4-2")]
    UnknownRequirement(RequirementId),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileForm {
    #[serde(default)]
    attestation: Vec<AttestationForm>,
    #[serde(default)]
    waiver: Vec<WaiverForm>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AttestationForm {
    requirement: RequirementId,
    statement: String,
    #[serde(default)]
    evidence: Vec<String>,
    by: String,
    date: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WaiverForm {
    requirement: RequirementId,
    justification: String,
    countermeasure: String,
    expires: String,
}

fn parse_date(
    what: &'static str,
    requirement: RequirementId,
    value: &str,
) -> Result<Date, AttestError> {
    Date::parse(
        value,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .map_err(|_| AttestError::Date {
        what,
        requirement,
        value: value.to_owned(),
    })
}

fn known(id: RequirementId) -> Result<RequirementId, AttestError> {
    otcheck_core::catalog::lookup(id)
        .map(|r| r.id())
        .ok_or(AttestError::UnknownRequirement(id))
}

impl Attestations {
    /// Reads an attestation file; evidence paths are relative to its folder.
    ///
    /// # Errors
    /// [`AttestError`] naming the file, field or evidence file at fault.
    ///
    /// ```no_run
    /// let today = time::OffsetDateTime::now_utc().date();
    /// let a = otcheck::report::Attestations::load(std::path::Path::new("attest.toml"), today)?;
    /// # Ok::<(), otcheck::report::AttestError>(())
    /// ```
    pub fn load(path: &Path, today: Date) -> Result<Self, AttestError> {
        let text = std::fs::read_to_string(path).map_err(|source| AttestError::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::parse(
            &text,
            path.parent().unwrap_or_else(|| Path::new(".")),
            today,
        )
    }

    /// Parses attestation TOML; evidence paths are relative to `base`.
    ///
    /// # Errors
    /// [`AttestError`] naming the field or evidence file at fault.
    ///
    /// ```
    /// let err = otcheck::report::Attestations::parse("[[attestation]]\nrequirement = \"CR 9.9\"", std::path::Path::new("."), time::macros::date!(2026 - 01 - 01));
    /// assert!(err.is_err());
    /// ```
    pub fn parse(text: &str, base: &Path, today: Date) -> Result<Self, AttestError> {
        let form: FileForm = toml::from_str(text).map_err(AttestError::Toml)?;
        let mut out = Self::default();
        for a in form.attestation {
            let requirement = known(a.requirement)?;
            parse_date("date", requirement, &a.date)?;
            let mut evidence = Vec::new();
            for file in a.evidence {
                let full = base.join(&file);
                let bytes = std::fs::read(&full).map_err(|source| AttestError::Read {
                    path: full.clone(),
                    source,
                })?;
                evidence.push(EvidenceFile {
                    path: file,
                    sha256: sha256_hex(&bytes),
                });
            }
            out.attestations.push(Attestation {
                requirement,
                statement: a.statement,
                evidence,
                by: a.by,
                date: a.date,
            });
        }
        for w in form.waiver {
            let requirement = known(w.requirement)?;
            let expires = parse_date("expires", requirement, &w.expires)?;
            out.waivers.push(Waiver {
                requirement,
                justification: w.justification,
                countermeasure: w.countermeasure,
                expires: w.expires,
                expired: expires < today,
            });
        }
        Ok(out)
    }

    /// The attestation for `id`, if any.
    ///
    /// ```
    /// let a = otcheck::report::Attestations::default();
    /// assert!(a.attestation(otcheck::core::catalog::ids::CCSC_4).is_none());
    /// ```
    #[must_use]
    pub fn attestation(&self, id: RequirementId) -> Option<&Attestation> {
        self.attestations.iter().find(|a| a.requirement == id)
    }

    /// The unexpired waiver for `id`, if any.
    ///
    /// ```
    /// let a = otcheck::report::Attestations::default();
    /// assert!(a.valid_waiver(otcheck::core::catalog::ids::CR_2_7).is_none());
    /// ```
    #[must_use]
    pub fn valid_waiver(&self, id: RequirementId) -> Option<&Waiver> {
        self.waivers
            .iter()
            .find(|w| w.requirement == id && !w.expired)
    }
}

/// SHA-256 of `bytes` as lower-case hex.
///
/// ```
/// assert_eq!(otcheck::report::sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
/// ```
#[must_use]
pub fn sha256_hex(bytes: &[u8]) -> String {
    crate::target::hex(&Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn evidence_files_are_hashed_and_dates_checked() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("sdl.txt"), b"abc").unwrap();
        let text = r#"
            [[attestation]]
            requirement = "ccsc4"
            statement = "4-1 process"
            evidence = ["sdl.txt"]
            by = "J. Doe"
            date = "2026-10-01"

            [[waiver]]
            requirement = "CR 2.7"
            justification = "one session"
            countermeasure = "firewall"
            expires = "2026-12-31"
        "#;
        let a = Attestations::parse(text, dir.path(), date!(2026 - 11 - 25)).unwrap();
        assert_eq!(a.attestations[0].requirement.to_string(), "CCSC 4");
        // SHA-256("abc"), FIPS 180-2 example.
        assert_eq!(
            a.attestations[0].evidence[0].sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(a.valid_waiver(otcheck_core::catalog::ids::CR_2_7).is_some());
        let later = Attestations::parse(text, dir.path(), date!(2027 - 01 - 01)).unwrap();
        assert!(later.waivers[0].expired);
        assert!(
            later
                .valid_waiver(otcheck_core::catalog::ids::CR_2_7)
                .is_none()
        );
    }

    #[test]
    fn bad_files_say_what_is_wrong() {
        let base = Path::new("/nonexistent");
        let today = date!(2026 - 11 - 25);
        let missing = "[[attestation]]\nrequirement = \"CCSC 4\"\nstatement = \"s\"\nevidence = [\"gone.pdf\"]\nby = \"b\"\ndate = \"2026-01-01\"";
        let err = Attestations::parse(missing, base, today).unwrap_err();
        assert!(err.to_string().contains("gone.pdf"), "{err}");
        let bad_date = "[[waiver]]\nrequirement = \"CR 2.7\"\njustification = \"j\"\ncountermeasure = \"c\"\nexpires = \"next year\"";
        let err = Attestations::parse(bad_date, base, today).unwrap_err();
        assert_eq!(
            err.to_string(),
            "expires of CR 2.7: `next year` is not a date (YYYY-MM-DD)"
        );
        let unknown = "[[waiver]]\nrequirement = \"CR 2.99\"\njustification = \"j\"\ncountermeasure = \"c\"\nexpires = \"2027-01-01\"";
        assert!(matches!(
            Attestations::parse(unknown, base, today),
            Err(AttestError::UnknownRequirement(_))
        ));
        assert!(matches!(
            Attestations::parse("[[waiver]]\nfoo = 1", base, today),
            Err(AttestError::Toml(_))
        ));
    }
}
