"""Judging: one module per kind of comparison; `judge` picks it and settles ties between candidates."""

from __future__ import annotations

from dataclasses import replace

from ..document import Document
from ..link import Link
from ..records import Claim, Judgement, Verdict
from . import dates, duration, quantity
from .common import verdict

BY_KIND = {"quantity": quantity.judge, "money": quantity.judge, "percent": quantity.judge,
           "date": dates.judge, "duration": duration.judge}


def judge(claim: Claim, link: Link, document: Document) -> Judgement:
    """Judge against every tied candidate: consistent if one agrees, conflicting only if all disagree."""
    if claim.kind not in BY_KIND:
        return verdict(claim, Verdict.UNVERIFIED, f"{claim.kind} claims are reported but not checked")
    if not link.candidates:
        return verdict(claim, Verdict.UNVERIFIED, link.reason)
    results = [BY_KIND[claim.kind](claim, c.facts, document) for c in link.candidates]
    if link.why:
        results = [replace(r, reason=f"{r.reason}; {link.why}") for r in results]
    for result in results:
        if result.verdict is Verdict.CONSISTENT:
            return result
    if all(r.verdict is Verdict.CONFLICTING for r in results):
        if len({(r.fact.uid if r.fact else None) for r in results}) == 1 or len(results) == 1:
            return results[0]
        subjects = ", ".join(sorted({r.subject or "?" for r in results}))
        return verdict(claim, Verdict.UNVERIFIED, f"ambiguous: disagrees with facts about {subjects}, "
                                                  "but the text does not say which one it means", results[0].fact)
    return next(r for r in results if r.verdict is Verdict.UNVERIFIED)
