#!/bin/bash
# Times `otcheck audit` beside OpenSCAP and Lynis and prints the ratios (see docs/benchmarks.md).
#
#   1. rootfs: `otcheck audit --root DIR` vs `OSCAP_PROBE_ROOT=DIR oscap xccdf eval` with a CIS
#      profile of Debian's SCAP Security Guide content, on a `debootstrap --variant=minbase` tree
#      (made once, kept in $BENCH_DIR/rootfs-$SUITE).
#   2. live host: `otcheck audit` vs `lynis audit system --quick`.
#
# Wall time, peak RSS and CPU (user + system) come from GNU time (`/usr/bin/time -f '%e %M %U %S'`);
# the table shows the median of the runs. Aims: otcheck <= 1/30 of OpenSCAP's wall time and
# <= 1/10 of its RSS, and <= 1/100 of Lynis's wall time. Missing an aim is reported, not an
# error: the script exits 0 once every tool ran, 2 if one could not be installed or run.
#
# Usage: scripts/bench-audit.sh [-n RUNS] [-s SLOW_RUNS] [-l LYNIS_RUNS] [--no-lynis] [--no-oscap]
#   -n RUNS        otcheck runs per target (default 5, after one untimed warm-up)
#   -s SLOW_RUNS   oscap runs (default 3)
#   -l LYNIS_RUNS  lynis runs (default 1; one takes one to two minutes)
# Environment: OTCHECK (a prebuilt binary; default: cargo build --release), BENCH_DIR
# (default target/bench), SUITE (default bookworm), MIRROR (default http://deb.debian.org/debian),
# OSCAP_DS (a datastream file), OSCAP_PROFILE (a profile id in it), OSCAP_NO_PATCH=1 (evaluate
# the datastream as shipped: every rule is then "notapplicable"; see docs/benchmarks.md).
#
# Needs root (apt-get, debootstrap, lynis, reading /etc/shadow) and Debian's package mirror.
set -u
export LC_ALL=C
cd "$(dirname "$0")/.." || exit 2

runs=5 slow_runs=3 lynis_runs=1 do_lynis=1 do_oscap=1
while [ $# -gt 0 ]; do
    case "$1" in
        -n) runs="$2"; shift 2 ;;
        -s) slow_runs="$2"; shift 2 ;;
        -l) lynis_runs="$2"; shift 2 ;;
        --no-lynis) do_lynis=0; shift ;;
        --no-oscap) do_oscap=0; shift ;;
        -h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done

bench="${BENCH_DIR:-target/bench}"
suite="${SUITE:-bookworm}"
mirror="${MIRROR:-http://deb.debian.org/debian}"
rootfs="$bench/rootfs-$suite"
log="$bench/logs"
mkdir -p "$bench" "$log"
bench=$(cd "$bench" && pwd) rootfs="$bench/rootfs-$suite" log="$bench/logs"

die() { echo "bench-audit: $*" >&2; exit 2; }
note() { echo "== $*" >&2; }

[ "$(id -u)" = 0 ] || die "run as root (apt-get, debootstrap, lynis)"

# ---------------------------------------------------------------------------------------------
# 1. Tools
need=()
command -v debootstrap >/dev/null || need+=(debootstrap)
[ -x /usr/bin/time ] || need+=(time)
command -v python3 >/dev/null || need+=(python3)
if [ "$do_oscap" = 1 ]; then
    command -v oscap >/dev/null || need+=(openscap-scanner)
    # The CIS profiles are in ssg-debderived (Ubuntu content); ssg-debian has Debian's own.
    for p in ssg-debderived ssg-debian; do
        dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
    done
fi
[ "$do_lynis" = 1 ] && { command -v lynis >/dev/null || need+=(lynis); }
if [ ${#need[@]} -gt 0 ]; then
    note "installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >"$log/apt.log" 2>&1 || die "apt-get update failed (see $log/apt.log)"
    apt-get install -y -qq --no-install-recommends "${need[@]}" >>"$log/apt.log" 2>&1 ||
        die "apt-get install ${need[*]} failed (see $log/apt.log)"
fi

# ---------------------------------------------------------------------------------------------
# 2. The root filesystem, made once
if [ ! -x "$rootfs/bin/sh" ] && [ ! -L "$rootfs/bin" ]; then
    note "debootstrap --variant=minbase $suite $rootfs (once; a few minutes)"
    rm -rf "$rootfs.tmp"
    debootstrap --variant=minbase "$suite" "$rootfs.tmp" "$mirror" >"$log/debootstrap.log" 2>&1 ||
        die "debootstrap failed (see $log/debootstrap.log)"
    mv "$rootfs.tmp" "$rootfs"
fi

# ---------------------------------------------------------------------------------------------
# 3. otcheck
if [ -n "${OTCHECK:-}" ]; then
    otcheck="$OTCHECK"
else
    otcheck="${CARGO_TARGET_DIR:-target}/release/otcheck"
    note "cargo build --release --bin otcheck"
    if ! cargo build --release --quiet --bin otcheck >"$log/cargo.log" 2>&1; then
        [ -x "$otcheck" ] || die "cargo build --release failed (see $log/cargo.log)"
        echo "bench-audit: WARNING: cargo build failed (see $log/cargo.log); timing the existing $otcheck" >&2
    fi
fi
[ -x "$otcheck" ] || die "no otcheck binary at $otcheck"

# ---------------------------------------------------------------------------------------------
# Measurement: `measure NAME RUNS WARMUP OK_CODES CMD...` runs CMD (output to $log/NAME.*;
# the command in $before_each, if set, runs untimed before each run),
# appends "wall rss_kib cpu" per timed run to $log/NAME.times (cpu = user + system seconds of
# CMD and its children) and prints the median of each column.
measure() {
    local name="$1" n="$2" warm="$3" ok="$4"; shift 4
    local i t rc crashes=0
    : >"$log/$name.times"
    rm -f "$log/$name.crashes"
    for ((i = 1 - warm; i <= n; i++)); do
        [ -n "${before_each:-}" ] && { $before_each || return 1; }
        t="$log/$name.time"
        /usr/bin/time -f '%e %M %U %S' -o "$t" "$@" >"$log/$name.out" 2>"$log/$name.err"
        rc=$?
        # A run killed by a signal (oscap 1.3.7 segfaults now and then) is retried, twice at most
        # per measurement, and counted in $log/NAME.crashes.
        if [ "$rc" -gt 128 ] && [ "$crashes" -lt 2 ]; then
            crashes=$((crashes + 1)) i=$((i - 1))
            echo "bench-audit: $name killed by signal $((rc - 128)); running it again" >&2
            echo "$rc" >>"$log/$name.crashes"
            continue
        fi
        case " $ok " in
            *" $rc "*) ;;
            *) echo "bench-audit: $name exited $rc: $* (see $log/$name.err)" >&2; return 1 ;;
        esac
        [ "$i" -ge 1 ] && tail -n1 "$t" | awk '{print $1, $2, $3 + $4}' >>"$log/$name.times"
    done
    for k in 1 2 3; do
        sort -g -k$k,$k "$log/$name.times" | awk -v k=$k '{v[NR]=$k} END {printf "%s ", v[int((NR+1)/2)]}'
    done
    echo
}

# `tree_state DIR`: every entry's path, type, mode, size and mtime, sorted.
tree_state() { (cd "$1" && find . -xdev -printf '%p %y %m %s %T@\n' | LC_ALL=C sort); }

# `outcomes [--root DIR]`: one more (untimed) run, to say how many checks ran and how they ended.
outcomes() {
    "$otcheck" audit "$@" --format json -o "$log/otcheck.json" --fail-on never 2>/dev/null &&
        python3 - "$log/otcheck.json" <<'PY'
import collections, json, sys
results = json.load(open(sys.argv[1]))["results"]
counts = collections.Counter(r["outcome"] for r in results)
print(f"{len(results)} checks: " + ", ".join(f"{n} {k}" for k, n in counts.most_common()))
PY
}

failed=0
rows=()   # "tool|target|runs|median wall s|median max RSS KiB|median CPU s|notes"

note "otcheck audit --root $rootfs ($runs runs)"
tree_state "$rootfs" >"$log/rootfs.before"
if res=$(measure otcheck-rootfs "$runs" 1 0 \
    "$otcheck" audit --root "$rootfs" --format json -o /dev/null --fail-on never); then
    read -r ot_root_wall ot_root_rss ot_root_cpu <<<"$res"
    rows+=("otcheck|rootfs|$runs|$ot_root_wall|$ot_root_rss|$ot_root_cpu|$(outcomes --root "$rootfs")")
else
    failed=1 ot_root_wall=""
fi

# ---------------------------------------------------------------------------------------------
# OpenSCAP: pick the datastream and profile, make it applicable, evaluate.
oscap_wall=""
if [ "$do_oscap" = 1 ]; then
    # The first datastream (closest to Debian 12 first) with a CIS profile, else with the
    # "standard" one. ssg-debderived has the Ubuntu content (with CIS profiles), ssg-debian
    # Debian's own (standard and ANSSI profiles only in 0.1.65).
    ds="${OSCAP_DS:-}" profile="${OSCAP_PROFILE:-}"
    if [ -n "$ds" ]; then
        candidates="$ds"
    else
        files=$(dpkg -L ssg-debderived ssg-debian 2>/dev/null | grep -E '/ssg-[a-z0-9]+-ds\.xml$')
        candidates=$(for p in debian12 ubuntu2204 ubuntu2404 ubuntu2004 debian11 ubuntu1804 debian10; do
            grep -m1 "/ssg-$p-ds\.xml$" <<<"$files"; done)
    fi
    if [ -z "$profile" ]; then
        for want in cis_level1_server cis_level2_server standard; do
            for f in $candidates; do
                profile=$(oscap info --profiles "$f" 2>/dev/null | cut -d: -f1 | grep -m1 "content_profile_$want\$") &&
                    { ds="$f"; break 2; }
            done
        done
    fi
    if [ ! -f "$ds" ] || [ -z "$profile" ]; then
        echo "bench-audit: no SCAP datastream with a CIS or standard profile (ssg-debderived/ssg-debian)" >&2
        failed=1
    else
        # Applicability: SSG content is made for one product; every rule carries a CPE platform
        # (e.g. installed_OS_is_ubuntu2204: DISTRIB_CODENAME=jammy in /etc/lsb-release) and on
        # another distribution oscap marks every rule "notapplicable" without evaluating it, which
        # would time nothing. A copy of the datastream whose platform test accepts any Debian
        # system (installed_OS_is_debian: /etc/debian_version) makes the rules run; the rules
        # themselves are untouched.
        product=$(basename "$ds" | sed -E 's/^ssg-(.*)-ds\.xml$/\1/')
        eval_ds="$ds"
        if [ "${OSCAP_NO_PATCH:-0}" != 1 ]; then
            eval_ds="$bench/ssg-$product-ds-any-debian.xml"
            if [ ! -s "$eval_ds" ] || [ "$ds" -nt "$eval_ds" ]; then
                python3 - "$ds" "$eval_ds" "$product" <<'PY' || { rm -f "$eval_ds"; eval_ds=""; }
import re, sys
src, dst, product = sys.argv[1:]
text = open(src, encoding="utf-8").read()
pattern = re.compile(
    r'(<oval-def:definition\b[^>]*\bid="oval:ssg-installed_OS_is_' + re.escape(product)
    + r':def:1"[^>]*>(?:(?!</oval-def:definition>).)*?)<oval-def:criteria\b.*?</oval-def:criteria>',
    re.S)
text, n = pattern.subn(
    r'\1<oval-def:criteria operator="AND"><oval-def:extend_definition'
    r' comment="bench-audit: any Debian-family system"'
    r' definition_ref="oval:ssg-installed_OS_is_debian:def:1"/></oval-def:criteria>', text)
if n == 0:
    sys.exit(f"no installed_OS_is_{product} definition in {src}")
open(dst, "w", encoding="utf-8").write(text)
PY
            fi
            [ -n "$eval_ds" ] || { echo "bench-audit: could not patch $ds" >&2; failed=1; }
        fi
        if [ -n "$eval_ds" ]; then
            echo "OpenSCAP datastream: $ds$([ "$eval_ds" != "$ds" ] && echo " (platform check widened to any Debian: $eval_ds)")"
            echo "OpenSCAP profile:    $profile"
            # oscap writes into the tree it evaluates (its dpkginfo probe builds apt's package
            # cache there and leaves two ~36 MB temporary files in / per run; the rpminfo probe
            # creates /root/.rpmdb), so each run gets a fresh copy, made outside the timing.
            scratch="$bench/oscap-root"
            # shellcheck disable=SC2317 # called through $before_each
            fresh_copy() { rm -rf "$scratch" && cp -a "$rootfs" "$scratch"; }
            note "oscap xccdf eval on a copy of $rootfs ($slow_runs runs)"
            # oscap exits 2 when some rule fails: that is a finished evaluation.
            if res=$(cd "$bench" && before_each=fresh_copy measure oscap-rootfs "$slow_runs" 0 "0 2" \
                env OSCAP_PROBE_ROOT="$scratch" oscap xccdf eval --profile "$profile" --results "$bench/oscap-results.xml" "$eval_ds"); then
                read -r oscap_wall oscap_rss oscap_cpu <<<"$res"
                counts=$(grep -E '^Result' "$log/oscap-rootfs.out" | awk '{c[$2]++} END {for (k in c) printf "%s %s, ", c[k], k}')
                [ -s "$log/oscap-rootfs.crashes" ] &&
                    counts+="$(wc -l <"$log/oscap-rootfs.crashes") crashed run(s) retried, "
                rows+=("oscap|rootfs|$slow_runs|$oscap_wall|$oscap_rss|$oscap_cpu|${counts%, }")
                if ! grep -qE '^Result[[:space:]]+(pass|fail)' "$log/oscap-rootfs.out"; then
                    echo "bench-audit: oscap evaluated no rule (all notapplicable?): the comparison is void" >&2
                    failed=1
                fi
            else
                failed=1
            fi
            if [ -d "$scratch" ]; then
                oscap_wrote=$(tree_state "$scratch" | diff "$log/rootfs.before" - | grep -c '^>')
                rm -rf "$scratch"
            fi
        fi
    fi
fi

# ---------------------------------------------------------------------------------------------
# otcheck only reads: its rootfs must be as it was (checked here, after every run above).
tree_state "$rootfs" | diff -q "$log/rootfs.before" - >/dev/null && tree_same=yes ||
    tree_same="NO: see diff $log/rootfs.before against the tree"

# Live host: otcheck vs Lynis
note "otcheck audit on the live host ($runs runs)"
if res=$(measure otcheck-live "$runs" 1 0 \
    "$otcheck" audit --format json -o /dev/null --fail-on never); then
    read -r ot_live_wall ot_live_rss ot_live_cpu <<<"$res"
    rows+=("otcheck|live host|$runs|$ot_live_wall|$ot_live_rss|$ot_live_cpu|$(outcomes)")
else
    failed=1 ot_live_wall=""
fi

lynis_wall=""
if [ "$do_lynis" = 1 ]; then
    note "lynis audit system --quick on the live host ($lynis_runs runs; one to two minutes each)"
    if res=$(measure lynis-live "$lynis_runs" 0 0 lynis audit system --quick --no-colors); then
        read -r lynis_wall lynis_rss lynis_cpu <<<"$res"
        tests=$(grep -Eo 'Tests performed : [0-9]+' "$log/lynis-live.out" | grep -Eo '[0-9]+$')
        rows+=("lynis|live host|$lynis_runs|$lynis_wall|$lynis_rss|$lynis_cpu|${tests:-?} tests")
    else
        failed=1
    fi
fi

# ---------------------------------------------------------------------------------------------
# 4. Report
echo
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), kernel $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "otcheck: $("$otcheck" --version 2>/dev/null) ($(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet 2>/dev/null || echo '+uncommitted changes'))"
[ "$do_oscap" = 1 ] && echo "oscap:   $(oscap --version 2>/dev/null | head -n1 | grep -Eo '[0-9][0-9.]+$'), $(dpkg-query -W -f '${Package} ${Version}' ssg-debderived 2>/dev/null)"
[ "$do_lynis" = 1 ] && echo "lynis:   $(lynis --version 2>/dev/null | head -n1)"
echo "rootfs:  $rootfs ($suite minbase, $(find "$rootfs" -xdev | wc -l) entries, $(du -sm "$rootfs" | cut -f1) MiB)"
echo "         unchanged after the otcheck runs: $tree_same"
[ -n "${oscap_wrote:-}" ] && echo "         oscap's copy had $oscap_wrote entries added or changed after one oscap run"
echo
printf '%-8s %-10s %4s %12s %12s %8s  %s\n' tool target runs "median wall" "max RSS MiB" "CPU" "notes"
for r in "${rows[@]}"; do
    IFS='|' read -r tool tgt n wall rss cpu detail <<<"$r"
    printf '%-8s %-10s %4s %11.2fs %12.1f %7.2fs  %s\n' "$tool" "$tgt" "$n" "$wall" \
        "$(awk -v k="$rss" 'BEGIN {print k / 1024}')" "$cpu" "$detail"
done
echo

# ratio NAME NUM DEN AIM_DEN: prints NAME, NUM/DEN and, unless AIM_DEN is 0, whether NUM/DEN <= 1/AIM_DEN.
ratio() {
    awk -v name="$1" -v a="$2" -v b="$3" -v aim="$4" 'BEGIN {
        r = a / b
        printf "%-28s %8.4f  (1/%-5.0f)", name, r, (r > 0 ? 1 / r : 0)
        if (aim > 0) printf "  aim <= 1/%-4d %s", aim, (r <= 1 / aim ? "met" : "MISSED")
        printf "\n"
    }'
}
if [ -n "${ot_root_wall:-}" ] && [ -n "$oscap_wall" ]; then
    ratio "otcheck/openscap wall" "$ot_root_wall" "$oscap_wall" 30
    ratio "otcheck/openscap max RSS" "$ot_root_rss" "$oscap_rss" 10
    ratio "otcheck/openscap CPU" "$ot_root_cpu" "$oscap_cpu" 0
fi
if [ -n "${ot_live_wall:-}" ] && [ -n "$lynis_wall" ]; then
    ratio "otcheck/lynis wall (live)" "$ot_live_wall" "$lynis_wall" 100
    ratio "otcheck/lynis CPU (live)" "$ot_live_cpu" "$lynis_cpu" 0
fi
echo "Aims are judged on wall time and RSS; CPU (user + system) is shown because it is less"
echo "sensitive to other load on the machine (load average above)."
echo "(per-run times and tool output: $log)"

exit $((failed * 2))
