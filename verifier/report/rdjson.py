"""reviewdog's Diagnostic Format as JSON (rdjson, the DiagnosticResult message of proto/rdf/reviewdog.proto).

    reviewdog -f=rdjson -reporter=github-pr-review < report.json

Positions are 1-based; columns count UTF-8 bytes and a range's end is
exclusive, as the proto says. A suggestion replaces the claim's whole range.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..run import AnyRun, FileResult, Finding
from . import Writer, jsonstream
from .jsonstream import Each, Fields, Written, chunks
from .sarif import TOOL, artifact_path, message
from .spool import Spool

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


def _diagnostics(run: AnyRun) -> Iterator[dict]:
    for file in run.files:
        yield from (_diagnostic(file, finding) for finding in file.findings)
        yield from ({"message": n.message, "location": {"path": artifact_path(n.path),
                                                        "range": {"start": {"line": n.line}}},
                     "severity": "INFO"} for n in file.notices)
    yield from ({"message": n.message, "location": {"path": artifact_path(n.path)}, "severity": "INFO"}
                for n in run.notices)
    yield from ({"message": e.message, "location": {"path": artifact_path(e.path)}, "severity": "ERROR"}
                for e in run.errors)


def write(run: AnyRun, out: Writer, colour: bool = False, explain: bool = False) -> None:
    worst = _RANK.index("INFO")  # the overall severity is the worst one reported (INFO when nothing is)

    def ranked(diagnostics):
        nonlocal worst
        for diagnostic in diagnostics:
            worst = min(worst, _RANK.index(diagnostic["severity"]))
            yield diagnostic

    with Spool() as spooled:  # the severity comes before the diagnostics: they wait in the spool
        for piece in chunks(Each(ranked(_diagnostics(run))), level=1):
            spooled.write(piece)
        jsonstream.write(out, Fields((("source", {"name": TOOL}), ("severity", _RANK[worst]),
                                      ("diagnostics", Written(spooled.chunks())))))
