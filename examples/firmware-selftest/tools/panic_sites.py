#!/usr/bin/env python3
"""Lists the panic paths left in a linked firmware image, and fails on one not allowed.

    panic_sites.py FIRMWARE.elf [--allow FILE] [--objdump CMD] [--addr2line CMD]

A *panic site* is a call (or branch) from code outside `core` to a `core` function that can
reach the panic handler: a bounds check, a `copy_from_slice` length check the optimiser kept,
an `unwrap`. Which `core` functions can panic is computed from the call graph of the image:
every function from which the panic handler (`rust_begin_unwind`) is reachable. Each site is
named by the first source frame outside the Rust standard library in its inline chain (so a
`copy_from_slice` in `otcheck_core::wire::encode`, inlined into the firmware, is reported as
`otcheck_core::wire::encode`, `wire.rs:318`).

The allow-list has one glob per line over `CRATE FUNCTION` (e.g. `ed25519-compact *`), then
`#` and the reason; a site that matches no line is an error (exit 1). An image with no panic site at all is
what `panic-never` would link.
"""

import argparse
import collections
import fnmatch
import re
import subprocess
import sys

FUNC = re.compile(r"^([0-9a-f]+) <(.+)>:$")
INSN = re.compile(r"^\s+([0-9a-f]+):\s+(\S+)\s+(.*)$")
TARGET = re.compile(r"\b[0-9a-f]+ <(.+?)>$")
HANDLER = ("rust_begin_unwind", "__rustc::rust_begin_unwind")


def is_core(name):
    return name.startswith(("core::", "<core::", "compiler_builtins::", "<compiler_builtins::"))


def disassemble(objdump, elf):
    """{function: [(address, mnemonic, target function or None)]}"""
    out = subprocess.run(
        [objdump, "-d", "-C", "--no-show-raw-insn", elf],
        check=True, capture_output=True, text=True,
    ).stdout
    funcs, current = {}, None
    for line in out.splitlines():
        m = FUNC.match(line)
        if m:
            current = m.group(2)
            funcs.setdefault(current, [])
            continue
        m = INSN.match(line)
        if m and current is not None:
            address, mnemonic, operands = m.groups()
            t = TARGET.search(operands)
            target = t.group(1) if t and "+0x" not in t.group(1) else None
            funcs[current].append((address, mnemonic, target))
    return funcs


def panicking(funcs):
    """Functions from which the panic handler is reachable."""
    callers = collections.defaultdict(set)
    for f, insns in funcs.items():
        for _, mnemonic, target in insns:
            if target and target != f and mnemonic.startswith("b"):
                callers[target].add(f)
    reach = {h for h in HANDLER if h in funcs}
    todo = list(reach)
    while todo:
        for caller in callers[todo.pop()]:
            if caller not in reach and caller not in HANDLER:
                reach.add(caller)
                todo.append(caller)
    return reach


def crate_of(function, path):
    """The crate, from the function's path where it has one, else from the source file."""
    m = re.match(r"^<?([a-z][a-z0-9_]*)::", function)
    if m and m.group(1) not in ("core", "alloc", "std"):
        return m.group(1).replace("_", "-")
    m = re.search(r"/registry/src/[^/]+/([A-Za-z0-9_\-]+?)-\d+\.\d+\.\d+[^/]*/", path)
    if m:
        return m.group(1)
    if "/crates/otcheck-core/" in path:
        return "otcheck-core"
    if "/examples/firmware-selftest/" in path:
        return "firmware-selftest"
    return "?"


def locate(addr2line, elf, addresses):
    """{address: (function, file:line, crate)} for the first frame outside the standard library."""
    if not addresses:
        return {}
    out = subprocess.run(
        [addr2line, "-e", elf, "-f", "-C", "-i", "-a"] + ["0x" + a for a in addresses],
        check=True, capture_output=True, text=True,
    ).stdout.splitlines()
    result, i = {}, 0
    while i < len(out):
        address = out[i].strip().lower()
        i += 1
        frames = []
        while i + 1 < len(out) and not out[i].startswith("0x"):
            frames.append((out[i], out[i + 1]))
            i += 2
        key = address[2:].lstrip("0")
        chosen = next(
            ((fn, loc) for fn, loc in frames if "/rustc/" not in loc and not is_core(fn)),
            frames[0] if frames else ("?", "?"),
        )
        fn, loc = chosen
        short = re.sub(r"^.*/(src/.*)$", r"\1", loc.split(" ")[0])
        result[key] = (fn, short, crate_of(fn, loc))
    return result


def load_allow(path):
    rules = []
    if path:
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                pattern, _, reason = line.partition("#")
                rules.append((pattern.strip(), reason.strip()))
    return rules


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("elf")
    ap.add_argument("--allow")
    ap.add_argument("--objdump", default="arm-none-eabi-objdump")
    ap.add_argument("--addr2line", default="arm-none-eabi-addr2line")
    ap.add_argument("--details", action="store_true", help="list every site, not only those not allowed")
    args = ap.parse_args()

    funcs = disassemble(args.objdump, args.elf)
    reach = panicking(funcs)
    sites = []
    for f, insns in funcs.items():
        if is_core(f) or f in HANDLER:
            continue
        for address, mnemonic, target in insns:
            if target in reach and is_core(target) and mnemonic.startswith("b"):
                sites.append((address.lstrip("0"), f, target))
    where = locate(args.addr2line, args.elf, [a for a, _, _ in sites])
    rules = load_allow(args.allow)

    rows = collections.OrderedDict()
    for address, f, target in sites:
        fn, loc, crate = where.get(address, (f, "?", "?"))
        via = re.sub(r"\bcore::", "", target)
        via = via if len(via) <= 40 else via[:37] + "..."
        rows.setdefault((crate, fn, loc, via), 0)
        rows[(crate, fn, loc, via)] += 1

    bad = 0
    per_crate = collections.Counter()
    for (crate, _, _, _), n in rows.items():
        per_crate[crate] += n
    summary = ", ".join(f"{c} {n}" for c, n in sorted(per_crate.items())) or "none"
    print(f"panic sites: {sum(rows.values())} in {len(rows)} places ({summary})")
    for (crate, fn, loc, via), n in sorted(rows.items()):
        reason = next((r for p, r in rules if fnmatch.fnmatchcase(f"{crate} {fn}", p)), None)
        bad += reason is None
        if args.details or reason is None:
            mark = "allowed" if reason is not None else "NOT ALLOWED"
            print(f"  {crate:16} {fn[:60]:60} {loc:27} {via:40} x{n} {mark}")
    if not bad and rows:
        print(f"  all on the allow-list {args.allow}")
    if bad:
        sys.stdout.flush()
        print(f"error: {bad} panic site(s) not on the allow-list {args.allow}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
