"""JUnit XML for CI test dashboards: a test suite per draft, a test case per claim.

A conflicting claim fails; an unverified one is skipped (it fails when its
severity is error); a consistent one passes. Notices go to the suite's system-out.
"""

from __future__ import annotations

import re
from collections import Counter
import xml.etree.ElementTree as ET

from ..records import Verdict
from ..run import AnyRun, FileResult, Finding
from . import Writer
from .sarif import TOOL, artifact_path, message, squash
from .spool import Spool

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


def _counts(outcomes: Counter) -> dict[str, str]:
    return {"tests": str(sum(outcomes.values())), "failures": str(outcomes["failure"]), "errors": "0",
            "skipped": str(outcomes["skipped"])}


def _suite(file: FileResult) -> ET.Element:
    path = artifact_path(file.path)
    suite = ET.Element("testsuite", {"name": _clean(path), **_counts(Counter(map(_outcome, file.findings)))})
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", {"name": "as_of", "value": file.report.as_of.date.isoformat()})
    ET.SubElement(properties, "property", {"name": "as_of_source", "value": _clean(file.report.as_of.source)})
    suite.extend(_testcase(path, finding) for finding in file.findings)
    if file.notices:
        ET.SubElement(suite, "system-out").text = _clean(
            "".join(f"{path}:{n.line}: notice: {n.message}\n" for n in file.notices))
    return suite


def _error_suite(error) -> ET.Element:
    """A draft that could not be read: a suite with one errored case."""
    suite = ET.Element("testsuite", {"name": _clean(artifact_path(error.path)), "tests": "1", "failures": "0",
                                     "errors": "1", "skipped": "0"})
    case = ET.SubElement(suite, "testcase", {"name": "read", "classname": _clean(artifact_path(error.path))})
    ET.SubElement(case, "error", {"message": _clean(error.message)})
    return suite


HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
HOLE = "\x00"  # stands for the suites in the root's own markup, which is written after them: XML never holds it


def write(run: AnyRun, out: Writer, colour: bool = False, explain: bool = False) -> None:
    # The root's totals come first: the suites wait in the spool, each indented as ET.indent indents it in the tree.
    outcomes: Counter = Counter()
    with Spool() as suites:
        def child(element: ET.Element) -> None:
            ET.indent(element, level=1)
            suites.write("\n  " + ET.tostring(element, encoding="unicode"))

        for file in run.files:
            outcomes.update(map(_outcome, file.findings))
            child(_suite(file))
        for error in run.errors:
            child(_error_suite(error))
        if run.notices:
            notices = ET.Element("system-out")
            notices.text = _clean("".join(f"notice: {n.message}\n" for n in run.notices))
            child(notices)
        root = ET.Element("testsuites", {"name": TOOL, **_counts(outcomes)})
        if run.errors:
            root.set("errors", str(len(run.errors)))
        if suites.empty:
            out.write(HEAD + ET.tostring(root, encoding="unicode") + "\n")
            return
        root.text = HOLE
        opening, closing = ET.tostring(root, encoding="unicode").split(HOLE)
        out.write(HEAD + opening)
        for block in suites.chunks():
            out.write(block)
        out.write(f"\n{closing}\n")
