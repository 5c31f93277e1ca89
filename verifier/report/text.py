"""The terminal report: one line per claim with its evidence, then reason, suggestion and a summary."""

from __future__ import annotations

from claims_db.query import StoreInfo

from ..judge.common import states
from ..records import Verdict
from ..run import AnyRun, Finding, Totals
from . import Writer

COLOURS = {Verdict.CONSISTENT: "\033[32m", Verdict.CONFLICTING: "\033[31;1m", Verdict.UNVERIFIED: "\033[33m"}
RESET, DIM = "\033[0m", "\033[2m"


CONTEXT = 100  # characters of a long line shown around a claim
CONTROL = {code: "\N{REPLACEMENT CHARACTER}" for code in (*range(0x20), 0x7F)} | {0x09: " "}  # one column each


def reference(finding: Finding) -> str:
    """ "— reference: subject predicate value (source: publisher, title) [id]", or nothing.

    Only a judged claim has a reference; the fact an unverified claim was held against is "related", so the
    line never reads as a conflict."""
    fact = finding.judgement.fact
    if fact is None:
        return ""
    label = "related fact" if finding.verdict is Verdict.UNVERIFIED else "reference"
    return f"  — {label}: {states(fact)} (source: {fact.source.publisher}, {fact.source.title}) [{fact.uid}]"


def context(text: str, line_starts: tuple[int, ...], finding: Finding) -> list[str]:
    """The claim's line with carets under the claim (ruff's and markdownlint's way); a long line is cut to a window
    around the claim, marked with an ellipsis, and a claim running onto the next line is marked to the line's end."""
    start = line_starts[finding.line - 1]
    end = text.find("\n", start)
    line = text[start:len(text) if end < 0 else end].rstrip("\r")
    first = finding.column - 1
    last = finding.end_column - 1 if finding.end_line == finding.line else len(line)
    low, high = 0, len(line)
    if high > CONTEXT:
        low = max(0, min(first - max(0, CONTEXT - (last - first)) // 2, high - CONTEXT))
        high = min(len(line), max(low + CONTEXT, last))
    before, after = ("…" if low > 0 else ""), ("…" if high < len(line) else "")
    shown = line[low:high].translate(CONTROL)
    return [f"    | {before}{shown}{after}", f"    | {' ' * (len(before) + first - low)}{'^' * max(1, last - first)}"]


def explanation(judgement) -> list[str]:
    """The rules behind a verdict, in the order they acted, each with its one-line doc."""
    from ..rulebook import RULES

    lines = [f"    decided by {judgement.decided_by}"] + ([f"    {judgement.detail}"] if judgement.detail else [])
    for rule_id in judgement.trace:
        rule = RULES.get(rule_id)
        lines.append(f"      {rule_id}: {rule.doc if rule else '(unknown rule)'}")
    return lines


def write(run: AnyRun, out: Writer, colour: bool = False, explain: bool = False) -> None:
    totals = Totals()
    for file in totals.counted(run.files):
        lines = [f"{file.path}: as of {file.report.as_of.date} ({file.report.as_of.source})"]
        for finding in file.findings:
            judgement = finding.judgement
            verdict = f"{judgement.verdict.value:<12}"
            if colour:
                verdict = f"{COLOURS[judgement.verdict]}{verdict}{RESET}"
            lines.append(f"{file.path}:{finding.line}:{finding.column}  {verdict}\"{judgement.claim.text}\""
                         f"{reference(finding)}")
            if judgement.verdict is not Verdict.CONSISTENT:
                lines.extend(context(file.text, file.report.line_starts, finding))
            reason = f"    {judgement.reason}"
            lines.append(f"{DIM}{reason}{RESET}" if colour else reason)
            if judgement.suggestion:
                lines.append(f"    suggestion: \"{judgement.suggestion}\"")
            if explain and judgement.decided_by:
                lines.extend(explanation(judgement))
        for notice in file.notices:
            lines.append(f"{file.path}:{notice.line}:1  notice      {notice.message}")
        write_lines(out, lines)
    write_lines(out, closing(run, totals))


def closing(run: AnyRun, totals: Totals) -> list[str]:
    """What ends the text formats: the drafts not checked, the run's notices and the summary line."""
    return [*(f"{error.message}  (not checked)" for error in run.errors),
            *(f"notice: {notice.message}" for notice in run.notices), summary_line(totals, run.store)]


def summary_line(totals: Totals, store: StoreInfo) -> str:
    """Files, claims per verdict and the store they were checked against."""
    counts = totals.claims
    return (f"{totals.files} file(s), {sum(counts.values())} claim(s): "
            + ", ".join(f"{counts[v.value]} {v.value}" for v in Verdict)
            + f"  [store {store.digest[:12]}, {store.facts} facts"
            + (", drafts included]" if store.drafts else "]"))


def write_lines(out: Writer, lines: list[str]) -> None:
    """Report lines, each made one line and ended."""
    out.write("".join(_one_line(line) + "\n" for line in lines))


def _one_line(line: str) -> str:
    """A report line stays one line, and never starts a GitHub Actions workflow command ("::error ..."), whatever a
    file name or a store's source title holds."""
    line = line.replace("\r", "\\r").replace("\n", "\\n")
    return " " + line if line.startswith("::") else line
