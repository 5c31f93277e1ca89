"""GitHub Actions workflow commands: one annotation per finding, errors first, then a plain summary line.

    ::error file=draft.md,line=4,col=68,endLine=4,endColumn=77,title=conflicting-quantity::"44 people" conflicts ...

A step shows at most ten annotations of each level, so the last line (not a
command) counts them all; the full list stays in the step's log.
"""

from __future__ import annotations

from ..records import Verdict
from ..run import AnyRun, Finding, Totals
from . import Writer
from .sarif import TOOL, artifact_path, message
from .spool import Spool

LEVELS = {"error": "error", "warning": "warning", "note": "notice"}
ORDER = ("error", "warning", "notice")
SHOWN_PER_LEVEL = 10


def escape_data(text: str) -> str:
    """A command's message: %, CR and LF are escaped (the runner decodes them)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value: also ':' and ',', which would end the value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, text: str, **properties) -> str:
    """`::level key=value,...::text`, with every value and the text escaped."""
    fields = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items() if value is not None)
    return f"::{level} {fields}::{escape_data(text)}" if fields else f"::{level}::{escape_data(text)}"


def _finding(path: str, finding: Finding) -> tuple[str, str]:
    level = LEVELS[finding.severity]
    # Columns only within one line: GitHub rejects a column range across lines.
    same_line = finding.line == finding.end_line
    return level, command(level, message(finding), file=artifact_path(path), line=finding.line,
                          col=finding.column if same_line else None, endLine=finding.end_line,
                          endColumn=finding.end_column if same_line else None, title=finding.rule.id)


def write(run: AnyRun, out: Writer, colour: bool = False, explain: bool = False) -> None:
    # Errors first, then warnings, then notices, each in the report's order: the first level goes straight out,
    # the others wait in spools; a draft that could not be read is an error known only at the end.
    levels = dict.fromkeys(ORDER, 0)
    totals = Totals()
    with Spool() as warnings, Spool() as notices:
        spools = {"error": out, "warning": warnings, "notice": notices}

        def annotate(level: str, line: str) -> None:
            levels[level] += 1
            spools[level].write(line + "\n")

        for file in totals.counted(run.files):
            for finding in file.findings:
                annotate(*_finding(file.path, finding))
            for n in file.notices:
                annotate("notice", command("notice", n.message, file=artifact_path(n.path), line=n.line, title=TOOL))
        for n in run.notices:
            annotate("notice", command("notice", n.message, title=TOOL))
        for e in run.errors:
            annotate("error", command("error", e.message, file=artifact_path(e.path), title=TOOL))
        for spool in (warnings, notices):
            for block in spool.chunks():
                out.write(block)
    counts = totals.claims
    summary = (f"{TOOL}: {totals.files} file(s), {sum(counts.values())} claim(s): "
               + ", ".join(f"{counts[v.value]} {v.value}" for v in Verdict)
               + f"; annotations: {levels['error']} error(s), {levels['warning']} warning(s), "
                 f"{levels['notice']} notice(s)")
    if any(n > SHOWN_PER_LEVEL for n in levels.values()):
        summary += f" (GitHub shows {SHOWN_PER_LEVEL} of each level on the run's page; this log lists them all)"
    out.write(summary + "\n")
