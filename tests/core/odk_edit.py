"""Run ODK's reference engine on instance XML: what it would submit, and an edit of it.

``odk_instance.mjs`` (beside this file) uses the engine ``tools/odk-reference`` installs;
jobs of one test run share one Node process. A ``create`` job applies answers and returns
the node states and the engine's own instance XML; an ``edit`` job loads instance XML as
an edit of the form (as ODK does with a submission) and returns the node states.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from odk_reference import ready_engine, reference_ready

SCRIPT = Path(__file__).with_name("odk_instance.mjs")

__all__ = ["leaves", "reference_ready", "run_jobs"]


def run_jobs(jobs: list[dict[str, Any]], work: Path) -> list[dict[str, Any]]:
    """Run ``jobs`` (dicts with mode, form and answers or xml) in one Node process."""
    if not jobs:
        return []
    cache = ready_engine(Path(jobs[0]["form"]), work).parent
    listed = work / "instance-jobs.json"
    listed.write_text(json.dumps(jobs), encoding="utf-8")
    result = subprocess.run(
        ["node", str(SCRIPT), str(cache), str(listed)],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"reference failed: {result.stderr[-2000:]}")
    results: list[dict[str, Any]] = json.loads(result.stdout)
    return results


def leaves(xml: str | bytes) -> dict[str, str]:
    """Every leaf of an instance XML by its indexed path (``/data/people[2]/name``)."""
    root = ElementTree.fromstring(xml)
    found: dict[str, str] = {}

    def walk(element: ElementTree.Element, path: str) -> None:
        counts: dict[str, int] = {}
        for kid in element:
            name = kid.tag.rsplit("}", 1)[-1]
            counts[name] = counts.get(name, 0) + 1
            below = f"{path}/{name}[{counts[name]}]"
            if len(kid):
                walk(kid, below)
            else:
                found[below] = (kid.text or "").strip()

    walk(root, "/" + root.tag.rsplit("}", 1)[-1])
    return found
