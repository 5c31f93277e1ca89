"""One line per finding, ruff's `concise` way: `path:line:col: rule "claim": reason [fact]`.

For grep, editors' quick-fix lists and a terminal glance; the summary line closes it.
"""

from __future__ import annotations

from ..run import AnyRun, Totals
from . import Writer
from .text import COLOURS, RESET, closing, write_lines


def write(run: AnyRun, out: Writer, colour: bool = False, explain: bool = False) -> None:
    totals = Totals()
    for file in totals.counted(run.files):
        lines = []
        for finding in file.findings:
            judgement = finding.judgement
            rule = finding.rule.id  # names the verdict: conflicting-quantity
            if colour:
                rule = f"{COLOURS[judgement.verdict]}{rule}{RESET}"
            fact = f" [{judgement.fact.uid}]" if judgement.fact is not None else ""
            fix = f" (suggestion: \"{judgement.suggestion}\")" if judgement.suggestion else ""
            lines.append(f"{file.path}:{finding.line}:{finding.column}: {rule} "
                         f"\"{judgement.claim.text}\": {judgement.reason}{fix}{fact}")
        lines.extend(f"{file.path}:{n.line}:1: notice {n.message}" for n in file.notices)
        write_lines(out, lines)
    write_lines(out, closing(run, totals))
