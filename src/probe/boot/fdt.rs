//! A bounded reader for flattened device trees (FDT/DTB), the container of U-Boot FIT images
//! and of U-Boot's control device tree.
//!
//! Guarantees: any bytes in; never panics; every offset and length is checked against the
//! blob; at most [`MAX_NODES`] nodes and [`MAX_DEPTH`] levels; `Err` names what was wrong.

/// The most nodes read from one blob.
pub(crate) const MAX_NODES: usize = 20_000;
/// The deepest nesting accepted.
pub(crate) const MAX_DEPTH: usize = 32;

const MAGIC: u32 = 0xd00d_feed;
const BEGIN_NODE: u32 = 1;
const END_NODE: u32 = 2;
const PROP: u32 = 3;
const NOP: u32 = 4;
const END: u32 = 9;

/// One node: its full path (`/configurations/conf-1`) and properties.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Node<'a> {
    pub(crate) path: String,
    pub(crate) props: Vec<(&'a str, &'a [u8])>,
}

impl<'a> Node<'a> {
    /// A property's raw value.
    pub(crate) fn prop(&self, name: &str) -> Option<&'a [u8]> {
        self.props.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }

    /// A property as a string (up to the first NUL).
    pub(crate) fn text(&self, name: &str) -> Option<String> {
        let v = self.prop(name)?;
        let end = v.iter().position(|&b| b == 0).unwrap_or(v.len());
        Some(String::from_utf8_lossy(v.get(..end).unwrap_or_default()).into_owned())
    }

    /// The last path component (`signature@1`).
    pub(crate) fn name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or("")
    }

    /// The parent's path.
    pub(crate) fn parent(&self) -> &str {
        self.path.rsplit_once('/').map_or("", |(p, _)| p)
    }
}

/// Whether `bytes` starts with the FDT magic.
pub(crate) fn is_fdt(bytes: &[u8]) -> bool {
    be32(bytes, 0) == Some(MAGIC)
}

fn be32(bytes: &[u8], at: usize) -> Option<u32> {
    let end = at.checked_add(4)?;
    bytes.get(at..end)?.try_into().ok().map(u32::from_be_bytes)
}

fn offset(bytes: &[u8], at: usize) -> Option<usize> {
    usize::try_from(be32(bytes, at)?).ok()
}

fn align4(n: usize) -> Option<usize> {
    n.checked_add(3).map(|v| v & !3)
}

/// Every node of the tree, in order.
pub(crate) fn parse(bytes: &[u8]) -> Result<Vec<Node<'_>>, &'static str> {
    if !is_fdt(bytes) {
        return Err("no FDT magic");
    }
    let total = offset(bytes, 4).ok_or("truncated header")?;
    let blob = bytes.get(..total).ok_or("totalsize beyond the file")?;
    let off_struct = offset(blob, 8).ok_or("truncated header")?;
    let off_strings = offset(blob, 12).ok_or("truncated header")?;
    let size_strings = offset(blob, 32).unwrap_or(0);
    let strings = blob
        .get(off_strings..off_strings.saturating_add(size_strings))
        .or_else(|| blob.get(off_strings..))
        .ok_or("strings block beyond the blob")?;
    let mut at = off_struct;
    let mut stack: Vec<String> = Vec::new();
    let mut nodes: Vec<Node<'_>> = Vec::new();
    loop {
        let token = be32(blob, at).ok_or("structure block truncated")?;
        at = at.checked_add(4).ok_or("offset overflow")?;
        match token {
            BEGIN_NODE => {
                let rest = blob.get(at..).ok_or("structure block truncated")?;
                let len = rest
                    .iter()
                    .position(|&b| b == 0)
                    .ok_or("unterminated node name")?;
                let name = String::from_utf8_lossy(rest.get(..len).unwrap_or_default());
                at = align4(
                    at.checked_add(len)
                        .and_then(|v| v.checked_add(1))
                        .ok_or("offset overflow")?,
                )
                .ok_or("offset overflow")?;
                let path = match stack.last() {
                    None => "/".to_owned(),
                    Some(p) if p == "/" => format!("/{name}"),
                    Some(p) => format!("{p}/{name}"),
                };
                if stack.len() >= MAX_DEPTH {
                    return Err("nesting too deep");
                }
                if nodes.len() >= MAX_NODES {
                    return Err("too many nodes");
                }
                stack.push(path.clone());
                nodes.push(Node {
                    path,
                    props: Vec::new(),
                });
            }
            END_NODE => {
                stack.pop().ok_or("END_NODE without a node")?;
            }
            PROP => {
                let len = offset(blob, at).ok_or("property truncated")?;
                let nameoff = offset(blob, at.saturating_add(4)).ok_or("property truncated")?;
                let start = at.checked_add(8).ok_or("offset overflow")?;
                let end = start.checked_add(len).ok_or("offset overflow")?;
                let value = blob
                    .get(start..end)
                    .ok_or("property value beyond the blob")?;
                let name_bytes = strings
                    .get(nameoff..)
                    .ok_or("property name beyond strings")?;
                let name_len = name_bytes
                    .iter()
                    .position(|&b| b == 0)
                    .unwrap_or(name_bytes.len());
                let name = core::str::from_utf8(name_bytes.get(..name_len).unwrap_or_default())
                    .map_err(|_| "property name is not UTF-8")?;
                let node = stack
                    .last()
                    .and_then(|p| nodes.iter_mut().rev().find(|n| n.path == *p))
                    .ok_or("property outside a node")?;
                node.props.push((name, value));
                at = align4(end).ok_or("offset overflow")?;
            }
            NOP => {}
            END => return Ok(nodes),
            _ => return Err("unknown structure token"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Props<'a> = &'a [(&'a str, &'a [u8])];

    /// Builds a blob from depth-first `(name, props)` entries.
    fn build(tree: &[(&str, Props<'_>)]) -> Vec<u8> {
        // tree entries: "name" opens a node, "" closes one.
        let mut strings: Vec<u8> = Vec::new();
        let mut structure: Vec<u8> = Vec::new();
        for (name, props) in tree {
            if name.is_empty() {
                structure.extend(END_NODE.to_be_bytes());
                continue;
            }
            structure.extend(BEGIN_NODE.to_be_bytes());
            let n = if *name == "/" { "" } else { name };
            structure.extend(n.as_bytes());
            structure.push(0);
            while !structure.len().is_multiple_of(4) {
                structure.push(0);
            }
            for (pname, value) in *props {
                let off = strings.len();
                strings.extend(pname.as_bytes());
                strings.push(0);
                structure.extend(PROP.to_be_bytes());
                structure.extend(u32::try_from(value.len()).unwrap().to_be_bytes());
                structure.extend(u32::try_from(off).unwrap().to_be_bytes());
                structure.extend(*value);
                while !structure.len().is_multiple_of(4) {
                    structure.push(0);
                }
            }
        }
        structure.extend(END.to_be_bytes());
        let header_len = 40usize;
        let mem_rsv = 16usize;
        let off_struct = header_len + mem_rsv;
        let off_strings = off_struct + structure.len();
        let total = off_strings + strings.len();
        let mut out = Vec::new();
        for v in [
            MAGIC,
            u32::try_from(total).unwrap(),
            u32::try_from(off_struct).unwrap(),
            u32::try_from(off_strings).unwrap(),
            40,
            17,
            16,
            0,
            u32::try_from(strings.len()).unwrap(),
            u32::try_from(structure.len()).unwrap(),
        ] {
            out.extend(v.to_be_bytes());
        }
        out.extend([0u8; 16]);
        out.extend(structure);
        out.extend(strings);
        out
    }

    #[test]
    fn parses_nodes_and_properties_and_survives_every_truncation() {
        let blob = build(&[
            ("/", &[("description", b"fit\0")]),
            ("configurations", &[("default", b"conf-1\0")]),
            ("conf-1", &[("kernel", b"kernel-1\0")]),
            (
                "signature-1",
                &[("algo", b"sha256,rsa2048\0"), ("value", &[1, 2, 3])],
            ),
            ("", &[]),
            ("", &[]),
            ("", &[]),
            ("", &[]),
        ]);
        let nodes = parse(&blob).unwrap();
        let sig = nodes.iter().find(|n| n.name() == "signature-1").unwrap();
        assert_eq!(sig.path, "/configurations/conf-1/signature-1");
        assert_eq!(sig.text("algo").as_deref(), Some("sha256,rsa2048"));
        assert_eq!(sig.parent(), "/configurations/conf-1");
        for n in 0..blob.len() {
            assert!(parse(&blob[..n]).is_err());
        }
    }
}
