"""`--statistics`: how many findings each rule made (ruff's `--statistics`), instead of the report.

Conflicts first, then unverified, then consistent claims; most frequent first within each."""

from __future__ import annotations

from collections import Counter

from ..records import Verdict
from ..run import AnyRun, Totals
from . import Writer
from .text import summary_line


def write(run: AnyRun, out: Writer, colour: bool = False, explain: bool = False) -> None:
    counts: Counter = Counter()
    totals = Totals()
    for file in totals.counted(run.files):
        counts.update(finding.rule for finding in file.findings)
    order = (Verdict.CONFLICTING, Verdict.UNVERIFIED, Verdict.CONSISTENT)
    rows = sorted(counts.items(), key=lambda item: (order.index(item[0].verdict), -item[1], item[0].id))
    width = max((len(str(n)) for n in counts.values()), default=1)
    lines = [f"{n:>{width}}  {rule.id:<22} {rule.short}" for rule, n in rows]
    out.write("\n".join([*lines, summary_line(totals, run.store)]) + "\n")
