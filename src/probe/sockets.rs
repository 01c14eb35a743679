//! Listening sockets of the live host, from `/proc/net/{tcp,tcp6,udp,udp6}`.
//!
//! Guarantees: only meaningful on a live host (a root filesystem has no sockets); lines
//! that do not parse are skipped. Loopback listeners are kept but marked.

use crate::target::{ReadError, Target};

use super::{Source, plain_lines};

/// One listening socket.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Listener {
    /// `tcp`, `tcp6`, `udp` or `udp6`.
    pub protocol: &'static str,
    /// Local port.
    pub port: u16,
    /// Whether it is bound to a loopback address only.
    pub loopback: bool,
    /// The `/proc/net` line.
    pub source: Source,
}

/// Reads the listening sockets; `Err` if none of the tables could be read.
///
/// ```no_run
/// let host = otcheck::target::Target::live()?;
/// let listeners = otcheck::probe::sockets::probe(&host)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// The first [`ReadError`] when no table was readable.
pub fn probe(target: &Target) -> Result<Vec<Listener>, ReadError> {
    let mut out = Vec::new();
    let mut first_error = None;
    let mut any = false;
    for protocol in ["tcp", "tcp6", "udp", "udp6"] {
        let file = match target.read_file(format!("/proc/net/{protocol}")) {
            Ok(f) => f,
            Err(e) => {
                first_error.get_or_insert(e);
                continue;
            }
        };
        any = true;
        let text = file.text();
        for line in plain_lines(&text).skip(1) {
            let fields: Vec<&str> = line.text.split_whitespace().collect();
            let (Some(local), Some(state)) = (fields.get(1), fields.get(3)) else {
                continue;
            };
            let listening = if protocol.starts_with("tcp") {
                *state == "0A"
            } else {
                *state == "07"
            };
            let Some((addr, port)) = local.split_once(':') else {
                continue;
            };
            let Ok(port) = u16::from_str_radix(port, 16) else {
                continue;
            };
            if !listening || port == 0 {
                continue;
            }
            let loopback = addr == "0100007F"
                || addr == "00000000000000000000000001000000"
                || (addr.len() == 8 && addr.ends_with("7F"));
            out.push(Listener {
                protocol,
                port,
                loopback,
                source: Source::at(&file, &line),
            });
        }
    }
    match (any, first_error) {
        (false, Some(e)) => Err(e),
        _ => Ok(out),
    }
}
