//! The rpm package database in its SQLite form (`rpmdb.sqlite`, rpm ≥ 4.16: Fedora, RHEL 9,
//! openSUSE, Yocto with rpm): a minimal, read-only SQLite b-tree reader that finds the
//! `Packages` table and decodes each row's rpm header blob (name, version, release, epoch,
//! architecture, licence, source rpm).
//!
//! Only what the rpm database uses is implemented: the file header, table b-tree pages
//! (interior and leaf), overflow chains, and the record format. Guarantees: any bytes in,
//! never a panic; every page number, offset and length is checked; each page is visited at
//! most once (no cycles) and at most [`MAX_PAGES`] pages and [`MAX_ROWS`] rows are read.

use crate::inventory::{Package, PackageManager};

/// The most b-tree and overflow pages visited.
pub const MAX_PAGES: usize = 1 << 20;
/// The most rows read from the `Packages` table.
pub const MAX_ROWS: usize = 200_000;

struct Db<'a> {
    bytes: &'a [u8],
    page_size: usize,
    usable: usize,
    visited: std::collections::HashSet<u32>,
}

fn be16(b: &[u8], at: usize) -> Option<usize> {
    let s: [u8; 2] = b.get(at..at.checked_add(2)?)?.try_into().ok()?;
    Some(usize::from(u16::from_be_bytes(s)))
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    let s: [u8; 4] = b.get(at..at.checked_add(4)?)?.try_into().ok()?;
    Some(u32::from_be_bytes(s))
}

/// A SQLite varint at `at`: its value and length.
fn varint(b: &[u8], at: usize) -> Option<(u64, usize)> {
    let mut v: u64 = 0;
    for i in 0..9usize {
        let byte = *b.get(at.checked_add(i)?)?;
        if i == 8 {
            return Some(((v << 8) | u64::from(byte), 9));
        }
        v = (v << 7) | u64::from(byte & 0x7f);
        if byte & 0x80 == 0 {
            return Some((v, i.saturating_add(1)));
        }
    }
    None
}

impl<'a> Db<'a> {
    fn open(bytes: &'a [u8]) -> Result<Self, &'static str> {
        if !bytes.starts_with(b"SQLite format 3\0") {
            return Err("not an SQLite database");
        }
        let page_size = match be16(bytes, 16).ok_or("truncated header")? {
            1 => 65536,
            n if n >= 512 && n.is_power_of_two() => n,
            _ => return Err("invalid page size"),
        };
        let reserved = usize::from(*bytes.get(20).ok_or("truncated header")?);
        let usable = page_size
            .checked_sub(reserved)
            .filter(|u| *u >= 480)
            .ok_or("invalid reserved space")?;
        Ok(Self {
            bytes,
            page_size,
            usable,
            visited: std::collections::HashSet::new(),
        })
    }

    /// The bytes of page `n` (1-based).
    fn page(&mut self, n: u32) -> Result<&'a [u8], &'static str> {
        if n == 0 || !self.visited.insert(n) {
            return Err("page loop or null page");
        }
        if self.visited.len() > MAX_PAGES {
            return Err("page limit reached");
        }
        let index = usize::try_from(n)
            .map_err(|_| "page number")?
            .saturating_sub(1);
        let start = index.checked_mul(self.page_size).ok_or("page number")?;
        let end = start.checked_add(self.page_size).ok_or("page number")?;
        self.bytes.get(start..end).ok_or("page beyond the file")
    }

    /// Every row payload of the table b-tree rooted at `root`, in order.
    fn table(&mut self, root: u32, out: &mut Vec<Vec<u8>>) -> Result<(), &'static str> {
        let mut stack = vec![root];
        let mut pending: Vec<u32> = Vec::new();
        // Depth-first, left to right: children pushed in reverse.
        while let Some(n) = stack.pop() {
            let page = self.page(n)?;
            let hdr = if n == 1 { 100 } else { 0 };
            let kind = *page.get(hdr).ok_or("page header")?;
            let cells = be16(page, hdr.saturating_add(3)).ok_or("page header")?;
            match kind {
                0x0d => {
                    for i in 0..cells {
                        let ptr = be16(
                            page,
                            hdr.saturating_add(8).saturating_add(i.saturating_mul(2)),
                        )
                        .ok_or("cell pointer")?;
                        if out.len() >= MAX_ROWS {
                            return Err("row limit reached");
                        }
                        out.push(self.leaf_payload(page, ptr)?);
                    }
                }
                0x05 => {
                    pending.clear();
                    for i in 0..cells {
                        let ptr = be16(
                            page,
                            hdr.saturating_add(12).saturating_add(i.saturating_mul(2)),
                        )
                        .ok_or("cell pointer")?;
                        pending.push(be32(page, ptr).ok_or("child pointer")?);
                    }
                    pending.push(be32(page, hdr.saturating_add(8)).ok_or("right pointer")?);
                    stack.extend(pending.iter().rev());
                }
                _ => return Err("not a table b-tree page"),
            }
        }
        Ok(())
    }

    /// The full payload of the table-leaf cell at `ptr` in `page`, following overflow pages.
    fn leaf_payload(&mut self, page: &[u8], ptr: usize) -> Result<Vec<u8>, &'static str> {
        let (size, a) = varint(page, ptr).ok_or("cell")?;
        let (_rowid, b) = varint(page, ptr.saturating_add(a)).ok_or("cell")?;
        let size = usize::try_from(size).map_err(|_| "payload size")?;
        if size > self.bytes.len() {
            return Err("payload larger than the file");
        }
        let start = ptr.saturating_add(a).saturating_add(b);
        let u = self.usable;
        let x = u.saturating_sub(35);
        let local = if size <= x {
            size
        } else {
            let m = (u.saturating_sub(12).saturating_mul(32) / 255).saturating_sub(23);
            let k = m.saturating_add(size.saturating_sub(m) % u.saturating_sub(4).max(1));
            if k <= x { k } else { m }
        };
        let mut payload = page
            .get(start..start.checked_add(local).ok_or("cell")?)
            .ok_or("cell beyond the page")?
            .to_vec();
        if local < size {
            let mut next = be32(page, start.saturating_add(local)).ok_or("overflow pointer")?;
            while payload.len() < size {
                let p = self.page(next)?;
                next = be32(p, 0).ok_or("overflow page")?;
                let want = size.saturating_sub(payload.len()).min(u.saturating_sub(4));
                payload.extend(
                    p.get(4..4usize.saturating_add(want))
                        .ok_or("overflow page")?,
                );
            }
        }
        Ok(payload)
    }
}

/// A record's columns: `(serial type, bytes)`.
fn record(payload: &[u8]) -> Option<Vec<(u64, &[u8])>> {
    let (header_len, n) = varint(payload, 0)?;
    let header_len = usize::try_from(header_len).ok()?;
    let mut at = n;
    let mut body = header_len;
    let mut out = Vec::new();
    while at < header_len {
        let (t, n) = varint(payload, at)?;
        at = at.checked_add(n)?;
        let len = match t {
            0 | 8 | 9 => 0,
            1..=4 => usize::try_from(t).ok()?,
            5 => 6,
            6 | 7 => 8,
            t if t >= 12 => usize::try_from((t.saturating_sub(12)) / 2).ok()?,
            _ => return None,
        };
        let end = body.checked_add(len)?;
        out.push((t, payload.get(body..end)?));
        body = end;
    }
    Some(out)
}

/// Reads the `Packages` table: one entry per row, `None` for a row whose header could not
/// be decoded.
///
/// # Errors
///
/// Why the file could not be read as an rpm SQLite database.
pub fn packages(bytes: &[u8]) -> Result<Vec<Option<Package>>, &'static str> {
    let mut db = Db::open(bytes)?;
    let mut schema = Vec::new();
    db.table(1, &mut schema)?;
    let root = schema
        .iter()
        .filter_map(|row| record(row))
        .find_map(|cols| {
            let text = |i: usize| cols.get(i).map(|(_, v)| *v);
            (text(0) == Some(b"table".as_slice()) && text(1) == Some(b"Packages".as_slice()))
                .then(|| cols.get(3).and_then(|(t, v)| int(*t, v)))
                .flatten()
        })
        .ok_or("no Packages table")?;
    let root = u32::try_from(root).map_err(|_| "invalid root page")?;
    let mut rows = Vec::new();
    db.table(root, &mut rows)?;
    Ok(rows
        .iter()
        .map(|row| {
            let cols = record(row)?;
            // (hnum INTEGER PRIMARY KEY, blob BLOB): the blob is the last column.
            let (t, blob) = cols.last()?;
            (*t >= 12 && t % 2 == 0).then_some(())?;
            header(blob)
        })
        .collect())
}

fn int(t: u64, v: &[u8]) -> Option<i64> {
    match t {
        8 => Some(0),
        9 => Some(1),
        1..=6 => {
            let mut x: i64 = if v.first().is_some_and(|b| b & 0x80 != 0) {
                -1
            } else {
                0
            };
            for &b in v {
                x = (x << 8) | i64::from(b);
            }
            Some(x)
        }
        _ => None,
    }
}

const TAG_NAME: u32 = 1000;
const TAG_VERSION: u32 = 1001;
const TAG_RELEASE: u32 = 1002;
const TAG_EPOCH: u32 = 1003;
const TAG_LICENSE: u32 = 1014;
const TAG_ARCH: u32 = 1022;
const TAG_SOURCERPM: u32 = 1044;

const TYPE_INT32: u32 = 4;
const TYPE_STRING: u32 = 6;
const TYPE_I18NSTRING: u32 = 9;

/// Decodes an rpm header blob (`il`, `dl`, `il` index entries, `dl` bytes of data) into a
/// package; `None` when malformed or nameless.
///
/// ```
/// // il = 0, dl = 0: a header with no tags has no name.
/// assert!(otcheck::probe::rpmdb::header(&[0; 8]).is_none());
/// ```
#[must_use]
pub fn header(blob: &[u8]) -> Option<Package> {
    let il = usize::try_from(be32(blob, 0)?).ok()?;
    let dl = usize::try_from(be32(blob, 4)?).ok()?;
    if il > 0xffff || dl > blob.len() {
        return None;
    }
    let index_end = il.checked_mul(16)?.checked_add(8)?;
    let data = blob.get(index_end..index_end.checked_add(dl)?)?;
    let entry = |tag: u32| -> Option<(u32, usize)> {
        (0..il).find_map(|i| {
            let at = 8usize.checked_add(i.checked_mul(16)?)?;
            (be32(blob, at)? == tag).then_some(())?;
            let ty = be32(blob, at.checked_add(4)?)?;
            let off = usize::try_from(be32(blob, at.checked_add(8)?)?).ok()?;
            Some((ty, off))
        })
    };
    let string = |tag: u32| -> Option<String> {
        let (ty, off) = entry(tag)?;
        if ty != TYPE_STRING && ty != TYPE_I18NSTRING {
            return None;
        }
        let rest = data.get(off..)?;
        let end = rest.iter().position(|&b| b == 0)?;
        Some(String::from_utf8_lossy(rest.get(..end)?).into_owned())
    };
    let epoch = entry(TAG_EPOCH).and_then(|(ty, off)| {
        (ty == TYPE_INT32).then_some(())?;
        be32(data, off)
    });
    let name = string(TAG_NAME).filter(|n| !n.is_empty())?;
    let version = string(TAG_VERSION).unwrap_or_default();
    let release = string(TAG_RELEASE);
    let mut full = match epoch {
        Some(e) if e > 0 => format!("{e}:{version}"),
        _ => version,
    };
    if let Some(r) = release.filter(|r| !r.is_empty()) {
        full.push('-');
        full.push_str(&r);
    }
    let mut p = Package::new(PackageManager::Rpm, name, full);
    p.arch = string(TAG_ARCH);
    p.license = string(TAG_LICENSE);
    p.source_package = string(TAG_SOURCERPM);
    Some(p)
}

/// Reads as the inventory does; for fuzzing. Returns the number of rows.
#[doc(hidden)]
#[must_use]
pub fn fuzz_packages(bytes: &[u8]) -> usize {
    packages(bytes).map_or(0, |v| v.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_follow_the_sqlite_encoding() {
        assert_eq!(varint(&[0x05], 0), Some((5, 1)));
        assert_eq!(varint(&[0x81, 0x00], 0), Some((128, 2)));
        assert_eq!(varint(&[0xff; 9], 0), Some((u64::MAX, 9)));
        assert_eq!(varint(&[0x81], 0), None);
    }

    #[test]
    fn garbage_is_refused_without_panicking() {
        assert!(packages(b"").is_err());
        let mut fake = b"SQLite format 3\0".to_vec();
        fake.resize(4096, 0xff);
        assert!(packages(&fake).is_err());
        for n in 0..64 {
            let _ = header(&vec![0xff; n]);
        }
    }
}
