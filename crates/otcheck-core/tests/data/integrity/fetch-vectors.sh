#!/bin/sh
# Regenerates the known-answer vector excerpts in this folder from the PyPI package
# `cryptography-vectors` (see README.md for what each file is).
# Usage: sh fetch-vectors.sh [VERSION]   (default 50.0.2)
set -eu
version="${1:-50.0.2}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
pip download --no-deps --quiet --dest "$work" "cryptography-vectors==$version"
(cd "$work" && unzip -q ./*.whl 'cryptography_vectors/hashes/SHA2/SHA256*' \
    'cryptography_vectors/asymmetric/Ed25519/sign.input' \
    'cryptography_vectors/asymmetric/ECDSA/FIPS_186-3/SigVer.rsp')
v="$work/cryptography_vectors"
(cd "$v" && sha256sum hashes/SHA2/SHA256ShortMsg.rsp hashes/SHA2/SHA256LongMsg.rsp \
    hashes/SHA2/SHA256Monte.rsp asymmetric/Ed25519/sign.input asymmetric/ECDSA/FIPS_186-3/SigVer.rsp)
mkdir -p "$here/sha256" "$here/ed25519" "$here/p256"
cp "$v/hashes/SHA2/SHA256ShortMsg.rsp" "$v/hashes/SHA2/SHA256Monte.rsp" "$here/sha256/"
awk '/^Len = /{n++} n<=8' "$v/hashes/SHA2/SHA256LongMsg.rsp" > "$here/sha256/SHA256LongMsg.first8.rsp"
sed -n '1p;2p;3p;1024p' "$v/asymmetric/Ed25519/sign.input" > "$here/ed25519/rfc8032-7.1.input"
head -64 "$v/asymmetric/Ed25519/sign.input" > "$here/ed25519/sign.input.first64"
awk '/^\[P-256,SHA-256\]/{on=1} on && /^\[/ && !/^\[P-256,SHA-256\]/{exit} on' \
    "$v/asymmetric/ECDSA/FIPS_186-3/SigVer.rsp" > "$here/p256/SigVer-P256-SHA256.rsp"
