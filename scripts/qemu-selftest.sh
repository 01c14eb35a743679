#!/usr/bin/env bash
# Runs the example firmware's device self-test on an emulated Cortex-M3 and asserts its verdicts.
#
#   scripts/qemu-selftest.sh [VARIANT...]     (default: good weak)
#
# Variants (features of examples/firmware-selftest):
#   good       SL 2 profile, Ed25519-signed image intact: every check passes
#   weak       weak password policy, lockout off, one image byte corrupted after signing
#   hash-only  digest-only manifest, no Ed25519 in the firmware: no authenticity
#
# For each variant: builds the release firmware (opt-level "z"), boots it in QEMU
# (lm3s6965evb) with a 60 s timeout, takes the `OTCHECK-REPORT <hex>` line from semihosting,
# writes examples/firmware-selftest/target/<variant>.otst, decodes it with
# `otcheck report decode --format json`, and compares every check's outcome and finding code
# with examples/firmware-selftest/expected.json. Exits non-zero on any difference.
#
# Environment: OTCHECK=path to an otcheck binary (default: target/debug/otcheck, built with the
# features of `cargo test --workspace --all-features`, so CI reuses the test build).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
fw=$root/examples/firmware-selftest
target=thumbv7m-none-eabi

die() { printf 'qemu-selftest: %s\n' "$*" >&2; exit 1; }

# Tools: QEMU, the target, python3 (CI starts from a clean machine).
if ! command -v qemu-system-arm >/dev/null 2>&1; then
  command -v apt-get >/dev/null 2>&1 || die "qemu-system-arm is missing and apt-get is not available"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq qemu-system-arm >/dev/null
fi
rustup target list --installed | grep -qx "$target" || rustup target add "$target" >/dev/null
command -v python3 >/dev/null 2>&1 || die "python3 is required"

features_of() {
  case "$1" in
    good) echo "" ;;
    weak) echo "--features weak" ;;
    hash-only) echo "--no-default-features" ;;
    *) die "unknown variant '$1' (good, weak, hash-only)" ;;
  esac
}

variants=("$@")
[ ${#variants[@]} -gt 0 ] || variants=(good weak)
for v in "${variants[@]}"; do features_of "$v" >/dev/null; done

if [ -z "${OTCHECK:-}" ]; then
  # The features of `cargo test --workspace --all-features`, so that CI reuses its build.
  cargo build --locked --quiet --workspace --all-features --bins
  OTCHECK=$root/target/debug/otcheck
fi
[ -x "$OTCHECK" ] || die "no otcheck binary at $OTCHECK"

failed=0
for v in "${variants[@]}"; do
  printf '\n-- firmware self-test, variant %s\n' "$v"
  # shellcheck disable=SC2046 # the features are separate words
  (cd "$fw" && cargo build --locked --quiet --release $(features_of "$v"))
  elf=$fw/target/$target/release/firmware-selftest
  out=$fw/target/$v
  cp "$elf" "$out.elf"

  status=0
  timeout 60 qemu-system-arm -cpu cortex-m3 -machine lm3s6965evb -nographic \
    -semihosting-config enable=on,target=native -kernel "$out.elf" \
    </dev/null >"$out.log" 2>"$out.stderr" || status=$?
  grep '^OTCHECK-' "$out.log" | cut -c1-120 || true
  if [ "$status" -ne 0 ]; then
    [ "$status" -eq 124 ] && echo "QEMU timed out after 60 s" >&2
    cat "$out.stderr" >&2
    echo "FAIL $v: the firmware exited with status $status" >&2
    failed=1
    continue
  fi
  hex=$(sed -n 's/^OTCHECK-REPORT \([0-9a-f]*\)\r\{0,1\}$/\1/p' "$out.log")
  if [ -z "$hex" ]; then
    echo "FAIL $v: no OTCHECK-REPORT line in the firmware's output ($out.log)" >&2
    failed=1
    continue
  fi
  python3 -c 'import sys; open(sys.argv[1], "wb").write(bytes.fromhex(sys.argv[2]))' "$out.otst" "$hex"
  "$OTCHECK" report decode "$out.otst" --device "firmware-selftest-$v" --format json \
    --fail-on never --output "$out.json"
  python3 "$fw/tools/check_report.py" "$fw/expected.json" "$v" "$out.json" || failed=1
done

[ "$failed" -eq 0 ] || die "at least one variant did not report the expected verdicts"
