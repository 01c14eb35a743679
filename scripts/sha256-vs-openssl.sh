#!/bin/sh
# Compares otcheck-core's SHA-256 (the `sha256/64MiB` criterion bench: 64 MiB in memory) with
# `openssl speed -evp sha256` on this machine, and prints both throughputs and their ratio.
# The aim is a ratio of at least 0.95.
#
# Both sides are wall-clock measurements on one thread: `openssl speed` is run with `-elapsed`
# (by default it divides by user CPU time, which flatters it on a busy machine), once before and
# once after the criterion run, and the two results are averaged.
#
# Usage: scripts/sha256-vs-openssl.sh [SECONDS]   (measurement time per run, default 3)
set -eu
cd "$(dirname "$0")/.."
secs="${1:-3}"
target="${CARGO_TARGET_DIR:-target}"

if grep -q -m1 -w sha_ni /proc/cpuinfo 2>/dev/null; then
    echo "CPU: SHA extensions (sha_ni) present; sha2 selects its SHA-NI backend at run time"
else
    echo "CPU: no SHA extensions; both sides use their software/SIMD code"
fi

# 1 MiB blocks, one thread. The last line is "sha256   <1000s of bytes/s>k".
openssl_kbps() {
    openssl speed -elapsed -evp sha256 -bytes 1048576 -seconds "$secs" 2>/dev/null |
        awk '/^sha256/ { v = $NF } END { sub(/k$/, "", v); print v }'
}

before=$(openssl_kbps)
[ -n "$before" ] || { echo "could not run openssl speed" >&2; exit 2; }
cargo bench --quiet --bench integrity -- --warm-up-time 1 --measurement-time "$secs" 'sha256/64MiB' >/dev/null 2>&1
after=$(openssl_kbps)
estimates="$target/criterion/sha256/64MiB/new/estimates.json"
[ -f "$estimates" ] || { echo "no criterion estimates at $estimates (did the bench build?)" >&2; exit 2; }

python3 - "$estimates" "$before" "$after" <<'PY'
import json, sys
mean_ns = json.load(open(sys.argv[1]))["mean"]["point_estimate"]
ours = (64 << 20) / (mean_ns / 1e9)
openssl = (float(sys.argv[2]) + float(sys.argv[3])) / 2 * 1000
print(f"otcheck-core sha256 (64 MiB, criterion mean): {ours / 1e6:8.1f} MB/s")
print(f"openssl speed -elapsed -evp sha256 (1 MiB):   {openssl / 1e6:8.1f} MB/s "
      f"({float(sys.argv[2]) / 1e3:.1f} before, {float(sys.argv[3]) / 1e3:.1f} after)")
print(f"ratio: {ours / openssl:.3f} (aim: >= 0.95)")
PY
