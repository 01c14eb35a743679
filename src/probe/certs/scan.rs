//! The certificate-file scanner: splits a file into its PEM blocks (RFC 7468, with the legacy
//! RFC 1421 headers OpenSSL writes for encrypted keys) or recognises it as one DER object.
//!
//! Guarantees: takes any bytes (not necessarily UTF-8), never panics, works in one linear
//! pass, keeps at most [`MAX_BLOCKS`] blocks (and says when it stopped there), and reports a
//! broken block (bad Base64, a missing or mismatched END line) with its line instead of
//! dropping it silently. It does not interpret the DER it finds; see `keys` and the
//! certificate parsing in the parent module.

use super::der;

/// The most PEM blocks kept from one file (a large CA bundle holds about 150).
pub const MAX_BLOCKS: usize = 4096;

/// One object found in a file.
///
/// ```
/// let pem = b"junk\n-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n";
/// let scan = otcheck::probe::certs::scan(pem);
/// assert_eq!(scan.pieces[0].label.as_deref(), Some("CERTIFICATE"));
/// assert_eq!((scan.pieces[0].line, scan.pieces[0].der.as_slice()), (2, &[0x30, 0x00][..]));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Piece {
    /// The PEM label (`CERTIFICATE`, `PRIVATE KEY`…), or `None` for a DER file.
    pub label: Option<String>,
    /// The 1-based line of the `BEGIN` line (0 for a DER file).
    pub line: u32,
    /// Whether legacy PEM headers say the body is encrypted (`Proc-Type: 4,ENCRYPTED`).
    pub encrypted_header: bool,
    /// The decoded bytes.
    pub der: Vec<u8>,
}

/// A PEM block that could not be decoded.
///
/// ```
/// let scan = otcheck::probe::certs::scan(b"-----BEGIN CERTIFICATE-----\n!!\n-----END CERTIFICATE-----\n");
/// assert_eq!((scan.malformed[0].line, scan.malformed[0].reason), (1, "invalid Base64"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Malformed {
    /// The label of the `BEGIN` line.
    pub label: String,
    /// Its 1-based line.
    pub line: u32,
    /// What is wrong.
    pub reason: &'static str,
}

/// Everything found in one file.
///
/// ```
/// let scan = otcheck::probe::certs::scan(&[0x30, 0x03, 0x02, 0x01, 0x00]);
/// assert_eq!(scan.pieces[0].label, None);
/// assert!(!scan.block_limit_hit);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct FileScan {
    /// The decoded objects, in file order.
    pub pieces: Vec<Piece>,
    /// Blocks that could not be decoded.
    pub malformed: Vec<Malformed>,
    /// Whether the scan stopped at [`MAX_BLOCKS`].
    pub block_limit_hit: bool,
}

/// Splits `bytes` into PEM blocks, or recognises the whole file as one DER `SEQUENCE`.
///
/// A file with no `-----BEGIN ` line is DER only if it is exactly one well-formed
/// `SEQUENCE`; anything else yields nothing (most files in `/etc/ssl` are neither).
///
/// ```
/// let scan = otcheck::probe::certs::scan(b"[req]\ndistinguished_name = dn\n");
/// assert!(scan.pieces.is_empty() && scan.malformed.is_empty());
/// ```
#[must_use]
pub fn scan(bytes: &[u8]) -> FileScan {
    let mut out = FileScan::default();
    if !contains(bytes, b"-----BEGIN ") {
        if der::whole(bytes, der::SEQUENCE).is_some() {
            out.pieces.push(Piece {
                label: None,
                line: 0,
                encrypted_header: false,
                der: bytes.to_vec(),
            });
        }
        return out;
    }
    let mut open: Option<Open> = None;
    for (index, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let number = u32::try_from(index.saturating_add(1)).unwrap_or(u32::MAX);
        let line = trim(raw);
        if let Some(label) = armor(line, b"-----BEGIN ") {
            if let Some(prev) = open.take() {
                out.malformed.push(prev.broken("no END line"));
            }
            if out.pieces.len().saturating_add(out.malformed.len()) >= MAX_BLOCKS {
                out.block_limit_hit = true;
                return out;
            }
            open = Some(Open::new(label, number));
            continue;
        }
        let Some(block) = open.as_mut() else {
            continue;
        };
        if let Some(label) = armor(line, b"-----END ") {
            let Some(block) = open.take() else { continue };
            if label != block.label.as_bytes() {
                out.malformed
                    .push(block.broken("END label does not match BEGIN"));
                continue;
            }
            match base64(&block.body) {
                Some(der) if !der.is_empty() => out.pieces.push(Piece {
                    label: Some(block.label),
                    line: block.line,
                    encrypted_header: block.encrypted,
                    der,
                }),
                Some(_) => out.malformed.push(block.broken("empty body")),
                None => out.malformed.push(block.broken("invalid Base64")),
            }
            continue;
        }
        block.line_of_body(line);
    }
    if let Some(block) = open {
        out.malformed.push(block.broken("no END line"));
    }
    out
}

/// A block between its BEGIN line and its END line.
struct Open {
    label: String,
    line: u32,
    encrypted: bool,
    in_body: bool,
    body: Vec<u8>,
}

impl Open {
    fn new(label: &[u8], line: u32) -> Self {
        Self {
            label: String::from_utf8_lossy(label).into_owned(),
            line,
            encrypted: false,
            in_body: false,
            body: Vec::new(),
        }
    }

    fn line_of_body(&mut self, line: &[u8]) {
        if line.is_empty() {
            return;
        }
        // RFC 1421 headers (`Proc-Type: 4,ENCRYPTED`, `DEK-Info: ...`) come before the body.
        if !self.in_body && line.contains(&b':') {
            if line.starts_with(b"Proc-Type:") && contains(line, b"ENCRYPTED") {
                self.encrypted = true;
            }
            return;
        }
        self.in_body = true;
        self.body
            .extend(line.iter().filter(|b| !b.is_ascii_whitespace()));
    }

    fn broken(self, reason: &'static str) -> Malformed {
        Malformed {
            label: self.label,
            line: self.line,
            reason,
        }
    }
}

/// `-----BEGIN LABEL-----` → `LABEL` for the given prefix.
fn armor<'a>(line: &'a [u8], prefix: &[u8]) -> Option<&'a [u8]> {
    let label = line.strip_prefix(prefix)?.strip_suffix(b"-----")?;
    (label.len() <= 64
        && label
            .iter()
            .all(|&c| c == b' ' || c.is_ascii_alphanumeric() || c == b'-'))
    .then_some(label)
}

fn trim(line: &[u8]) -> &[u8] {
    let start = line
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(line.len());
    let end = line
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |p| p.saturating_add(1));
    line.get(start..end).unwrap_or_default()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// Decodes standard Base64 (padding optional, only at the end); `None` when invalid.
pub(crate) fn base64(text: &[u8]) -> Option<Vec<u8>> {
    let body = match text.iter().position(|&c| c == b'=') {
        Some(pad) => {
            let (body, padding) = text.split_at_checked(pad)?;
            if padding.len() > 2 || padding.iter().any(|&c| c != b'=') {
                return None;
            }
            body
        }
        None => text,
    };
    let mut out = Vec::with_capacity(body.len().saturating_mul(3) / 4);
    let mut acc: u32 = 0;
    let mut bits: u32 = 0;
    for &c in body {
        let v = match c {
            b'A'..=b'Z' => c.wrapping_sub(b'A'),
            b'a'..=b'z' => c.wrapping_sub(b'a').wrapping_add(26),
            b'0'..=b'9' => c.wrapping_sub(b'0').wrapping_add(52),
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        acc = ((acc << 6) | u32::from(v)) & 0x00ff_ffff;
        bits = bits.saturating_add(6);
        if bits >= 8 {
            bits = bits.saturating_sub(8);
            out.push(u8::try_from((acc >> bits) & 0xff).ok()?);
        }
    }
    // A single leftover sextet cannot encode a byte.
    if body.len() % 4 == 1 {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &[u8] = b"Bag Attributes: x\n-----BEGIN CERTIFICATE-----\r\nMAA=\r\n-----END CERTIFICATE-----\r\n\
        -----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nMAMCAQA=\n-----END RSA PRIVATE KEY-----\n";

    #[test]
    fn splits_pem_blocks_with_headers_and_crlf() {
        let s = scan(TWO);
        assert_eq!(s.pieces.len(), 2, "{s:?}");
        assert_eq!(s.pieces[0].der, [0x30, 0x00]);
        assert_eq!(s.pieces[1].label.as_deref(), Some("RSA PRIVATE KEY"));
        assert!(s.pieces[1].encrypted_header);
        assert_eq!(s.pieces[1].line, 5);
        assert!(s.malformed.is_empty());
    }

    #[test]
    fn every_truncation_of_a_pem_file_ends_in_pieces_or_malformed_blocks() {
        for n in 0..TWO.len() {
            let s = scan(&TWO[..n]);
            assert!(s.pieces.len() + s.malformed.len() <= 2);
        }
    }

    #[test]
    fn broken_blocks_are_reported_with_their_line() {
        let s = scan(b"-----BEGIN CERTIFICATE-----\nMAA=\n-----END X509 CRL-----\n-----BEGIN CERTIFICATE-----\nMAA=\n");
        let reasons: Vec<_> = s.malformed.iter().map(|m| (m.line, m.reason)).collect();
        assert_eq!(
            reasons,
            [(1, "END label does not match BEGIN"), (4, "no END line")]
        );
    }

    #[test]
    fn der_is_recognised_only_as_one_whole_sequence() {
        assert_eq!(scan(&[0x30, 0x00]).pieces.len(), 1);
        assert!(scan(&[0x30, 0x00, 0x00]).pieces.is_empty());
        assert!(scan(&[0x31, 0x00]).pieces.is_empty());
        assert!(scan(b"").pieces.is_empty());
    }

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (enc, dec) in [
            ("", ""),
            ("Zg==", "f"),
            ("Zm8=", "fo"),
            ("Zm9v", "foo"),
            ("Zm9vYg==", "foob"),
            ("Zm9vYmE=", "fooba"),
            ("Zm9vYmFy", "foobar"),
            ("Zm9vYmFy", "foobar"),
        ] {
            assert_eq!(base64(enc.as_bytes()).unwrap(), dec.as_bytes(), "{enc}");
        }
        assert_eq!(base64(b"Zg"), Some(b"f".to_vec()));
        assert!(base64(b"Z").is_none());
        assert!(base64(b"Zg=a").is_none());
        assert!(base64(b"Zg===").is_none());
        assert!(base64(b"Z-==").is_none());
    }

    #[test]
    fn the_block_limit_is_reported() {
        let block = b"-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n";
        let many: Vec<u8> = block
            .iter()
            .copied()
            .cycle()
            .take(block.len() * (MAX_BLOCKS + 3))
            .collect();
        let s = scan(&many);
        assert_eq!(s.pieces.len(), MAX_BLOCKS);
        assert!(s.block_limit_hit);
    }
}
