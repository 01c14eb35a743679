#!/usr/bin/env python3
"""Asserts the verdicts of a decoded self-test report against `expected.json`.

    check_report.py EXPECTED.json VARIANT REPORT.json

Exits 1, listing every difference, if a check is missing, extra, or has another outcome or
finding code than expected.
"""

import json
import sys


def verdict(record):
    finding = record.get("finding")
    return record["outcome"] + (" " + finding if finding else "")


def main():
    expected_path, variant, report_path = sys.argv[1:4]
    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)
    with open(report_path, encoding="utf-8") as f:
        report = json.load(f)
    if variant not in expected["variants"]:
        print(f"error: no expected verdicts for variant {variant!r}", file=sys.stderr)
        return 2
    special = expected["variants"][variant]

    problems = []
    for field in ("component", "target_sl"):
        if report.get(field) != expected[field]:
            problems.append(f"{field}: expected {expected[field]!r}, got {report.get(field)!r}")
    got = {}
    for record in report["results"]:
        if record["check"] in got:
            problems.append(f"{record['check']}: reported twice")
        got[record["check"]] = verdict(record)
    for check in expected["checks"]:
        want = special.get(check, "pass")
        have = got.pop(check, None)
        if have is None:
            problems.append(f"{check}: missing, expected {want}")
        elif have != want:
            problems.append(f"{check}: expected {want}, got {have}")
    for check, have in sorted(got.items()):
        problems.append(f"{check}: not expected, got {have}")
    for check in special:
        if check not in expected["checks"]:
            problems.append(f"{check}: listed for {variant} but not in `checks`")

    failures = sorted(c for c in expected["checks"] if special.get(c, "pass") != "pass")
    if problems:
        print(f"FAIL {variant}: {len(problems)} difference(s) from {expected_path}:")
        for p in problems:
            print(f"  {p}")
        return 1
    print(
        f"ok {variant}: {len(expected['checks'])} checks as expected "
        f"({len(expected['checks']) - len(failures)} pass"
        + "".join(f", {c} {special[c]}" for c in failures)
        + ")"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
