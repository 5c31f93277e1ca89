"""reviewdog's Diagnostic Format as JSON (rdjson, the DiagnosticResult message of proto/rdf/reviewdog.proto).

    reviewdog -f=rdjson -reporter=github-pr-review < report.json

Positions are 1-based; columns count UTF-8 bytes and a range's end is
exclusive, as the proto says. A suggestion replaces the claim's whole range.
"""

from __future__ import annotations

import json

from ..run import FileResult, Finding, RunResult
from .sarif import TOOL, artifact_path, message

SEVERITIES = {"error": "ERROR", "warning": "WARNING", "note": "INFO"}
_RANK = ("ERROR", "WARNING", "INFO")


def _byte_column(file: FileResult, line: int, column: int) -> int:
    """The UTF-8 byte column of a character column (they differ after "₹", "–" or "é")."""
    start = file.report.line_starts[line - 1]
    return len(file.text[start:start + column - 1].encode("utf-8")) + 1


def _range(file: FileResult, finding: Finding) -> dict:
    return {"start": {"line": finding.line, "column": _byte_column(file, finding.line, finding.column)},
            "end": {"line": finding.end_line, "column": _byte_column(file, finding.end_line, finding.end_column)}}


def _diagnostic(file: FileResult, finding: Finding) -> dict:
    where = _range(file, finding)
    diagnostic = {"message": message(finding),
                  "location": {"path": artifact_path(file.path), "range": where},
                  "severity": SEVERITIES[finding.severity],
                  "code": {"value": finding.rule.id}}
    if finding.judgement.suggestion:
        diagnostic["suggestions"] = [{"range": where, "text": finding.judgement.suggestion}]
    return diagnostic


def render(result: RunResult, colour: bool = False, explain: bool = False) -> str:
    diagnostics = []
    for file in result.files:
        diagnostics.extend(_diagnostic(file, finding) for finding in file.findings)
        diagnostics.extend({"message": n.message, "location": {"path": artifact_path(n.path),
                                                               "range": {"start": {"line": n.line}}},
                            "severity": "INFO"} for n in file.notices)
    diagnostics.extend({"message": n.message, "location": {"path": artifact_path(n.path)}, "severity": "INFO"}
                       for n in result.notices)
    diagnostics.extend({"message": e.message, "location": {"path": artifact_path(e.path)}, "severity": "ERROR"}
                       for e in result.errors)
    # The overall severity is the worst one reported (INFO when nothing is).
    worst = min((_RANK.index(d["severity"]) for d in diagnostics), default=_RANK.index("INFO"))
    document = {"source": {"name": TOOL}, "severity": _RANK[worst], "diagnostics": diagnostics}
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
