//! Fuzzes the certificate-file scanner (PEM splitting, legacy PEM headers, DER detection)
//! and everything the certificate probe runs on what it finds: x509-parser, the key
//! classifiers (PKCS#8, encrypted PKCS#8, PKCS#1, SEC1, DSA, OpenSSH, Dropbear).
//!
//! Properties: nothing panics; the scan keeps at most `MAX_BLOCKS` blocks and says so when it
//! stops there; every PEM piece has a label and a `BEGIN` line inside the input; a DER piece
//! appears only for input without a `BEGIN` line, and is the whole input; every block is
//! either decoded or reported malformed, never both.
#![no_main]

use libfuzzer_sys::fuzz_target;
use otcheck::probe::certs::{MAX_BLOCKS, scan, scan_and_classify};

fuzz_target!(|data: &[u8]| {
    let found = scan(data);
    let blocks = found.pieces.len() + found.malformed.len();
    assert!(blocks <= MAX_BLOCKS + 1);
    if found.block_limit_hit {
        assert!(blocks >= MAX_BLOCKS);
    }
    let lines = data.split(|&b| b == b'\n').count();
    let has_begin = data.windows(11).any(|w| w == b"-----BEGIN ");
    for piece in &found.pieces {
        match &piece.label {
            Some(_) => {
                assert!(has_begin);
                assert!(piece.line >= 1 && usize::try_from(piece.line).unwrap() <= lines);
                assert!(!piece.der.is_empty());
            }
            None => {
                assert!(!has_begin);
                assert_eq!(piece.der, data);
                assert_eq!(found.pieces.len(), 1);
            }
        }
    }
    for m in &found.malformed {
        assert!(m.line >= 1 && usize::try_from(m.line).unwrap() <= lines);
    }
    let (certs, keys) = scan_and_classify(data);
    assert!(certs + keys <= found.pieces.len() + 1);
});
