//! Known-answer tests against published vectors stored in `tests/data/integrity/` (see the
//! README there for their sources): NIST CAVP SHA-256 (short, long, Monte Carlo), RFC 8032
//! Ed25519 (§7.1 and the SUPERCOP vectors it is taken from), NIST CAVP ECDSA P-256/SHA-256
//! signature verification.

use std::string::ToString;
use std::vec::Vec;

use super::*;

const SHA256_SHORT: &str = include_str!("../../tests/data/integrity/sha256/SHA256ShortMsg.rsp");
const SHA256_LONG: &str =
    include_str!("../../tests/data/integrity/sha256/SHA256LongMsg.first8.rsp");
const SHA256_MONTE: &str = include_str!("../../tests/data/integrity/sha256/SHA256Monte.rsp");

fn hex(text: &str) -> Vec<u8> {
    let text = text.trim();
    assert_eq!(text.len() % 2, 0, "odd hex length");
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

/// `key = value` pairs of a CAVP `.rsp` file, grouped per blank-line-separated record.
fn records(rsp: &str) -> Vec<Vec<(&str, &str)>> {
    let mut out = Vec::new();
    let mut current = Vec::new();
    for line in rsp.lines().map(str::trim) {
        if line.is_empty() {
            if !current.is_empty() {
                out.push(core::mem::take(&mut current));
            }
        } else if !line.starts_with('#') && !line.starts_with('[') {
            let (k, v) = line.split_once('=').unwrap();
            current.push((k.trim(), v.trim()));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn field<'a>(record: &[(&str, &'a str)], key: &str) -> &'a str {
    record
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| *v)
        .unwrap()
}

fn check_msg_vectors(rsp: &str) -> usize {
    let mut n = 0;
    for record in records(rsp)
        .iter()
        .filter(|r| r.iter().any(|(k, _)| *k == "Len"))
    {
        let bits: usize = field(record, "Len").parse().unwrap();
        let msg = hex(field(record, "Msg"));
        let msg = &msg[..bits / 8];
        let expected = Digest::from_hex(field(record, "MD")).unwrap();
        assert_eq!(Digest::of(msg), expected, "Len = {bits}");
        // Streaming in uneven pieces gives the same digest.
        let mut h = Sha256::new();
        for piece in msg.chunks(7) {
            h.update(piece);
        }
        assert_eq!(h.finalize(), expected, "Len = {bits} streamed");
        n += 1;
    }
    n
}

#[test]
fn nist_sha256_short_messages() {
    assert_eq!(check_msg_vectors(SHA256_SHORT), 65);
}

#[test]
fn nist_sha256_long_messages() {
    assert_eq!(check_msg_vectors(SHA256_LONG), 8);
}

#[test]
fn nist_sha256_monte_carlo() {
    let recs = records(SHA256_MONTE);
    let mut seed = hex(field(&recs[0], "Seed"));
    let checkpoints: Vec<_> = recs
        .iter()
        .filter(|r| r.iter().any(|(k, _)| *k == "COUNT"))
        .collect();
    assert_eq!(checkpoints.len(), 100);
    for record in checkpoints {
        let (mut a, mut b, mut c) = (seed.clone(), seed.clone(), seed.clone());
        for _ in 0..1000 {
            let mut m = Vec::with_capacity(96);
            m.extend_from_slice(&a);
            m.extend_from_slice(&b);
            m.extend_from_slice(&c);
            let d = Digest::of(&m).as_bytes().to_vec();
            (a, b, c) = (b, c, d);
        }
        seed = c;
        assert_eq!(
            seed,
            hex(field(record, "MD")),
            "COUNT = {}",
            field(record, "COUNT")
        );
    }
}

/// FIPS 180-2 appendix B.3: one million `a`, streamed through flash-sized pieces.
#[test]
fn fips180_million_a() {
    let mut h = Sha256::new();
    for _ in 0..1000 {
        h.update(&[b'a'; 1000]);
    }
    assert_eq!(
        h.finalize().to_string(),
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
    );
}

#[cfg(feature = "ed25519")]
mod ed25519 {
    use super::*;

    const RFC8032: &str = include_str!("../../tests/data/integrity/ed25519/rfc8032-7.1.input");
    const SUPERCOP: &str = include_str!("../../tests/data/integrity/ed25519/sign.input.first64");

    fn check_sign_input(lines: &str) -> usize {
        let mut n = 0;
        for line in lines.lines().filter(|l| !l.is_empty()) {
            let f: Vec<&str> = line.split(':').collect();
            let (sk_pk, pk, msg, sig_msg) = (hex(f[0]), hex(f[1]), hex(f[2]), hex(f[3]));
            let sig = &sig_msg[..64];
            let signer = Ed25519Signer::from_seed(sk_pk[..32].try_into().unwrap()).unwrap();
            assert_eq!(
                signer.public_key().as_bytes(),
                &pk[..],
                "public key, line {n}"
            );
            assert_eq!(&sk_pk[32..], &pk[..]);
            let mut out = [0u8; 64];
            signer.sign(&msg, &mut out).unwrap();
            assert_eq!(&out[..], sig, "signature, line {n}");

            let mut anchors = TrustAnchors::<1>::new();
            let key = PublicKey::from_raw(SignatureAlgorithm::Ed25519, &pk).unwrap();
            let id = anchors.add(Role::Supplier, key).unwrap();
            anchors
                .verify(SignatureAlgorithm::Ed25519, &id, &msg, sig)
                .unwrap();
            let mut bad = out;
            bad[n % 64] ^= 0x10;
            assert!(
                anchors
                    .verify(SignatureAlgorithm::Ed25519, &id, &msg, &bad)
                    .is_err()
            );
            n += 1;
        }
        n
    }

    #[test]
    fn rfc8032_section_7_1() {
        assert_eq!(check_sign_input(RFC8032), 4);
        // TEST 1 as printed in the RFC.
        assert!(
            RFC8032.starts_with("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
        );
    }

    #[test]
    fn supercop_sign_input() {
        assert_eq!(check_sign_input(SUPERCOP), 64);
    }

    /// RFC 8032 §5.1.7: `S` must be below the group order; `S + L` is rejected.
    #[test]
    fn non_canonical_s_is_rejected() {
        let line = RFC8032.lines().next().unwrap();
        let f: Vec<&str> = line.split(':').collect();
        let (pk, sig) = (hex(f[1]), hex(f[3]));
        let mut anchors = TrustAnchors::<1>::new();
        let id = anchors
            .add(
                Role::Supplier,
                PublicKey::from_raw(SignatureAlgorithm::Ed25519, &pk).unwrap(),
            )
            .unwrap();
        // L = 2^252 + 27742317777372353535851937790883648493, little-endian.
        let l = hex("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");
        let mut s_plus_l = [0u8; 32];
        let mut carry = 0u16;
        for i in 0..32 {
            let v = u16::from(sig[32 + i]) + u16::from(l[i]) + carry;
            s_plus_l[i] = u8::try_from(v & 0xff).unwrap();
            carry = v >> 8;
        }
        assert_eq!(carry, 0);
        let mut forged = [0u8; 64];
        forged[..32].copy_from_slice(&sig[..32]);
        forged[32..].copy_from_slice(&s_plus_l);
        anchors
            .verify(SignatureAlgorithm::Ed25519, &id, b"", &sig[..64])
            .unwrap();
        assert!(
            anchors
                .verify(SignatureAlgorithm::Ed25519, &id, b"", &forged)
                .is_err()
        );
    }
}

#[cfg(feature = "p256")]
mod p256 {
    use super::*;

    const SIGVER: &str = include_str!("../../tests/data/integrity/p256/SigVer-P256-SHA256.rsp");

    #[test]
    fn nist_sigver_p256_sha256() {
        let (mut pass, mut fail) = (0, 0);
        for record in records(SIGVER) {
            let msg = hex(field(&record, "Msg"));
            let mut key = std::vec![0x04];
            key.extend(hex(field(&record, "Qx")));
            key.extend(hex(field(&record, "Qy")));
            let mut sig = hex(field(&record, "R"));
            sig.extend(hex(field(&record, "S")));
            let expected = field(&record, "Result").starts_with('P');
            let accepted = PublicKey::from_raw(SignatureAlgorithm::EcdsaP256Sha256, &key)
                .is_ok_and(|key| {
                    let mut anchors = TrustAnchors::<1>::new();
                    let id = anchors.add(Role::Supplier, key).unwrap();
                    anchors
                        .verify(SignatureAlgorithm::EcdsaP256Sha256, &id, &msg, &sig)
                        .is_ok()
                });
            assert_eq!(accepted, expected, "{}", field(&record, "Result"));
            if expected { pass += 1 } else { fail += 1 }
        }
        assert_eq!(pass + fail, 15);
        assert!(pass > 0 && fail > 0);
    }
}
