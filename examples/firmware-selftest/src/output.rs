//! Lines to the host over semihosting (`SYS_WRITE` to standard output).
//!
//! No `core::fmt`: numbers and hex are written by hand into fixed buffers, which keeps the
//! formatting machinery (and its panic paths) out of the firmware.

use cortex_m_semihosting::hio;

use crate::stack::Bytes;

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Writes `parts` and a newline; `false` if the host did not take them.
fn write(parts: &[&[u8]]) -> bool {
    let Ok(mut out) = hio::hstdout() else {
        return false;
    };
    parts.iter().all(|part| out.write_all(part).is_ok()) && out.write_all(b"\n").is_ok()
}

/// `head` and `tail`, one line.
pub fn line(head: &[u8], tail: &[u8]) -> bool {
    write(&[head, tail])
}

/// `head` and `bytes` in lower-case hex, one line.
pub fn hex_line(head: &[u8], bytes: &[u8]) -> bool {
    let Ok(mut out) = hio::hstdout() else {
        return false;
    };
    if out.write_all(head).is_err() {
        return false;
    }
    // 64 input bytes per semihosting call.
    let mut chunk = [[0u8; 2]; 64];
    for part in bytes.chunks(64) {
        for (pair, byte) in chunk.iter_mut().zip(part) {
            *pair = [nibble(byte >> 4), nibble(byte & 0x0f)];
        }
        let text = chunk.get(..part.len()).unwrap_or_default().as_flattened();
        if out.write_all(text).is_err() {
            return false;
        }
    }
    out.write_all(b"\n").is_ok()
}

fn nibble(n: u8) -> u8 {
    HEX.get(usize::from(n)).copied().unwrap_or(b'?')
}

/// `OTCHECK-STACK name=bytes ...`, one line.
pub fn stack_line(values: &[(&[u8], Bytes)]) -> bool {
    let Ok(mut out) = hio::hstdout() else {
        return false;
    };
    let mut ok = out.write_all(b"OTCHECK-STACK").is_ok();
    for (name, value) in values {
        let mut digits = [0u8; 10];
        ok &= out.write_all(b" ").is_ok()
            && out.write_all(name).is_ok()
            && out.write_all(b"=").is_ok()
            && out.write_all(decimal(*value, &mut digits)).is_ok();
    }
    ok && out.write_all(b"\n").is_ok()
}

/// `value` in decimal, in the tail of `buf`.
fn decimal(mut value: u32, buf: &mut [u8; 10]) -> &[u8] {
    let mut start = buf.len();
    for slot in buf.iter_mut().rev() {
        // `value % 10` is below 10: the cast cannot truncate.
        *slot = b'0' + (value % 10) as u8;
        value /= 10;
        start -= 1;
        if value == 0 {
            break;
        }
    }
    buf.get(start..).unwrap_or_default()
}
