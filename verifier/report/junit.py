"""JUnit XML for CI test dashboards: a test suite per draft, a test case per claim.

A conflicting claim fails; an unverified one is skipped (it fails when its
severity is error); a consistent one passes. Notices go to the suite's system-out.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..records import Verdict
from ..run import FileResult, Finding, RunResult
from .sarif import TOOL, artifact_path, message, squash

# Characters XML 1.0 cannot carry at all, even escaped; a draft may hold them (e.g. a form feed).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _outcome(finding: Finding) -> str:
    """failure, skipped or passed."""
    verdict = finding.verdict
    if verdict is Verdict.CONFLICTING or (verdict is Verdict.UNVERIFIED and finding.severity == "error"):
        return "failure"
    return "skipped" if verdict is Verdict.UNVERIFIED else "passed"


def _testcase(path: str, finding: Finding) -> ET.Element:
    claim = finding.judgement.claim
    case = ET.Element("testcase", {"name": _clean(f'{finding.rule.id}: "{squash(claim.text)}" (line {finding.line})'),
                                   "classname": _clean(path), "file": _clean(path), "line": str(finding.line)})
    outcome = _outcome(finding)
    if outcome == "failure":
        failure = ET.SubElement(case, "failure", {"message": _clean(squash(finding.judgement.reason)),
                                                  "type": finding.rule.id})
        failure.text = _clean(f"{path}:{finding.line}:{finding.column}: {message(finding)}")
    elif outcome == "skipped":
        ET.SubElement(case, "skipped", {"message": _clean(f"{finding.rule.id}: {squash(finding.judgement.reason)}")})
    return case


def _counts(findings) -> dict[str, str]:
    outcomes = [_outcome(f) for f in findings]
    return {"tests": str(len(outcomes)), "failures": str(outcomes.count("failure")), "errors": "0",
            "skipped": str(outcomes.count("skipped"))}


def _suite(file: FileResult) -> ET.Element:
    path = artifact_path(file.path)
    suite = ET.Element("testsuite", {"name": _clean(path), **_counts(file.findings)})
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", {"name": "as_of", "value": file.report.as_of.date.isoformat()})
    ET.SubElement(properties, "property", {"name": "as_of_source", "value": _clean(file.report.as_of.source)})
    suite.extend(_testcase(path, finding) for finding in file.findings)
    if file.notices:
        ET.SubElement(suite, "system-out").text = _clean(
            "".join(f"{path}:{n.line}: notice: {n.message}\n" for n in file.notices))
    return suite


def render(result: RunResult, colour: bool = False, explain: bool = False) -> str:
    root = ET.Element("testsuites", {"name": TOOL, **_counts(result.findings())})
    root.extend(_suite(file) for file in result.files)
    for error in result.errors:  # a draft that could not be read: a suite with one errored case
        suite = ET.SubElement(root, "testsuite", {"name": _clean(artifact_path(error.path)), "tests": "1",
                                                  "failures": "0", "errors": "1", "skipped": "0"})
        case = ET.SubElement(suite, "testcase", {"name": "read", "classname": _clean(artifact_path(error.path))})
        ET.SubElement(case, "error", {"message": _clean(error.message)})
    if result.errors:
        root.set("errors", str(len(result.errors)))
    if result.notices:
        ET.SubElement(root, "system-out").text = _clean("".join(f"notice: {n.message}\n" for n in result.notices))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
