#!/usr/bin/env python3
"""Validates an otcheck OSCAL assessment-results file with compliance-trestle.

Usage: validate-oscal.py REPORT.json...

For each file:
1. Imports it into a fresh trestle workspace (`trestle import`, which parses it into
   trestle's OSCAL models) and runs `trestle validate` on it.
2. Follows `import-ap`: the href must name a back-matter resource (`#uuid`) that carries the
   assessment plan base64-encoded; the plan is decoded and imported and validated the same way.
3. Checks the cross-references trestle leaves to the reader: every `related-observations`
   entry names an observation of the result, every finding targets a reviewed control, and
   every UUID is unique.

Prints one line per step; exits 0 when all pass, 1 with the reason otherwise.
Needs: pip install compliance-trestle
"""

import base64
import json
import subprocess
import sys
import tempfile
from pathlib import Path


def fail(message: str) -> None:
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def trestle(workspace: Path, *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "trestle", *args],
        cwd=workspace,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        fail(f"trestle {' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")


def import_and_validate(workspace: Path, path: Path, model: str, name: str) -> None:
    trestle(workspace, "import", "-f", str(path), "-o", name)
    trestle(workspace, "validate", "-t", model, "-n", name)
    print(f"ok: trestle imported and validated {model} {name}")


def collect_uuids(node, found):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "uuid" and isinstance(value, str):
                found.append(value)
            collect_uuids(value, found)
    elif isinstance(node, list):
        for value in node:
            collect_uuids(value, found)


def check_references(document: dict) -> None:
    ar = document["assessment-results"]
    for result in ar["results"]:
        observations = {o["uuid"] for o in result.get("observations", [])}
        selections = result["reviewed-controls"]["control-selections"]
        controls = {
            c["control-id"] for s in selections for c in s.get("include-controls", [])
        }
        include_all = any("include-all" in s for s in selections)
        for finding in result.get("findings", []):
            target = finding["target"]
            if target["type"] != "objective-id":
                fail(f"finding {finding['uuid']}: target type {target['type']}")
            if not include_all and target["target-id"] not in controls:
                fail(f"finding {finding['uuid']}: {target['target-id']} is not a reviewed control")
            if target["status"]["state"] not in ("satisfied", "not-satisfied"):
                fail(f"finding {finding['uuid']}: state {target['status']['state']}")
            for related in finding.get("related-observations", []):
                if related["observation-uuid"] not in observations:
                    fail(f"finding {finding['uuid']}: unknown observation {related['observation-uuid']}")
    uuids = []
    collect_uuids(ar, uuids)
    duplicates = {u for u in uuids if uuids.count(u) > 1}
    if duplicates:
        fail(f"duplicate uuids: {sorted(duplicates)}")
    print(f"ok: references resolve, {len(uuids)} uuids unique")


def embedded_plan(document: dict) -> bytes:
    ar = document["assessment-results"]
    href = ar["import-ap"]["href"]
    if not href.startswith("#"):
        fail(f"import-ap href {href!r} is not a back-matter fragment")
    resources = ar.get("back-matter", {}).get("resources", [])
    for resource in resources:
        if resource["uuid"] == href[1:]:
            encoded = resource.get("base64", {}).get("value")
            if not encoded:
                fail(f"resource {href} carries no base64 plan")
            return base64.b64decode(encoded, validate=True)
    fail(f"import-ap href {href} names no back-matter resource")
    return b""


def main() -> None:
    if len(sys.argv) < 2:
        fail("usage: validate-oscal.py REPORT.json...")
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as outside:
        workspace = Path(tmp)
        trestle(workspace, "init")
        for n, arg in enumerate(sys.argv[1:]):
            report = Path(arg).resolve()
            print(f"{report}:")
            document = json.loads(report.read_text(encoding="utf-8"))
            import_and_validate(workspace, report, "assessment-results", f"report-{n}")
            # trestle refuses to import from inside its workspace.
            plan = Path(outside) / f"plan-{n}.json"
            plan.write_bytes(embedded_plan(document))
            import_and_validate(workspace, plan, "assessment-plan", f"plan-{n}")
            check_references(document)
    print("OSCAL valid")


if __name__ == "__main__":
    main()
