"""Judge counts, money and percentages against quantity facts, as of the draft's date."""

from __future__ import annotations

from claims_db.query import FactRow

from ..document import Document
from ..records import Claim, Judgement, Verdict
from .common import replace_figure, show_value, verdict
from .numeric import applicable, current, format_number, test


def judge(claim: Claim, facts: tuple[FactRow, ...], document: Document) -> Judgement:
    as_of = document.as_of.date
    facts = tuple(f for f in facts if applicable(claim, f))
    if not facts:
        return verdict(claim, Verdict.UNVERIFIED, "the store's figures measure something else (unit or group)")
    now, earlier = current(facts, as_of)
    if not now:
        return verdict(claim, Verdict.UNVERIFIED, f"the store has no figure known by {as_of}", facts[0])
    figure = document.text[claim.anchor:claim.figure_end]
    results = [(test(claim, figure, f.value, f.tolerance or 0.0), f) for f in now]
    for result, fact in results:
        if result is Verdict.CONSISTENT:
            return verdict(claim, result, f"{fact.subject}: {fact.predicate} {show_value(fact)}"
                                          + (f" (as of {fact.date})" if fact.date else ""), fact)
    conflicting = [f for r, f in results if r is Verdict.CONFLICTING]
    if len(conflicting) == len(results):
        fact = conflicting[0]
        suggestion = claim.detail("prefix", "") + format_number(fact.value, figure)
        suggestion = replace_figure(claim, document.text, suggestion)
        old = next((f for f in earlier if test(claim, figure, f.value, f.tolerance or 0.0) is Verdict.CONSISTENT), None)
        if old is not None:
            reason = (f"outdated: {show_value(old)} was the figure as of {old.date}; "
                      f"{fact.subject} {fact.predicate} is {show_value(fact)} as of {fact.date}")
        else:
            reason = f"{fact.subject}: {fact.predicate} is {show_value(fact)}, not {claim.text.strip()}"
        return verdict(claim, Verdict.CONFLICTING, reason, fact, suggestion)
    fact = next(f for r, f in results if r is Verdict.UNVERIFIED)
    return verdict(claim, Verdict.UNVERIFIED,
                   f"vague: '{claim.text.strip()}' neither matches nor surely contradicts "
                   f"{fact.subject} {fact.predicate} {show_value(fact)}", fact)
