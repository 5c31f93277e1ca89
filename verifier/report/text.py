"""The terminal report: one line per claim with its evidence, then reason, suggestion and a summary."""

from __future__ import annotations

from claims_db.query import StoreInfo

from ..records import FileReport, Verdict
from .json import plain, summary

COLOURS = {Verdict.CONSISTENT: "\033[32m", Verdict.CONFLICTING: "\033[31;1m", Verdict.UNVERIFIED: "\033[33m"}
RESET, DIM = "\033[0m", "\033[2m"


def _reference(judgement) -> str:
    fact = judgement.fact
    if fact is None:
        return ""
    value = plain(fact.value)
    value = f"{value} {fact.unit}" if fact.unit else str(value)
    return (f"  — reference: {fact.subject} {fact.predicate} {value} "
            f"(source: {fact.source.publisher}, {fact.source.title}) [{fact.uid}]")


def render(reports: list[FileReport], store: StoreInfo, colour: bool = False) -> str:
    lines = []
    for report in reports:
        lines.append(f"{report.path}: as of {report.as_of.date} ({report.as_of.source})")
        for judgement in report.judgements:
            claim = judgement.claim
            line, column = report.position(claim.start)
            verdict = judgement.verdict.value
            if colour:
                verdict = f"{COLOURS[judgement.verdict]}{verdict:<12}{RESET}"
            else:
                verdict = f"{verdict:<12}"
            lines.append(f"{report.path}:{line}:{column}  {verdict}\"{claim.text}\"{_reference(judgement)}")
            reason = f"    {judgement.reason}"
            lines.append(f"{DIM}{reason}{RESET}" if colour else reason)
            if judgement.suggestion:
                lines.append(f"    suggestion: \"{judgement.suggestion}\"")
    counts = summary(reports)
    lines.append(f"{len(reports)} file(s), {sum(counts.values())} claim(s): " + ", ".join(
        f"{counts[v.value]} {v.value}" for v in Verdict) + f"  [store {store.digest[:12]}, {store.facts} facts]")
    return "\n".join(lines) + "\n"
