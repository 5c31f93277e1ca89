"""Judge counts, money and percentages against quantity facts, as of the draft's date.

A sentence that names an earlier time ("in 2017, the SCO had eight members") is
judged against the figures in force then; a figure equal to a revised earlier
value is "outdated" unless the sentence speaks of the past.
"""

from __future__ import annotations

from claims_db.query import FactRow

from ..context import Context
from ..records import Claim, Judgement, Verdict
from .common import replace_figure, show_value, verdict
from .numeric import applicable, current, during, format_number, format_ordinal, narrower, test


def judge(claim: Claim, facts: tuple[FactRow, ...], context: Context) -> Judgement:
    as_of = context.as_of
    write = format_ordinal if claim.kind == "ordinal" else format_number
    facts = tuple(f for f in facts if applicable(claim, f))
    if not facts:
        return verdict(claim, Verdict.UNVERIFIED, "the store's figures measure something else (unit or group)")
    figure = context.text(claim.anchor, claim.figure_end)
    earlier_times = [] if context.present(claim) else [
        (first, last) for first, last in context.times(claim)
        if first <= as_of and not first <= as_of <= last and first.year != as_of.year]
    if earlier_times:
        then = [f for first, last in earlier_times for f in during(facts, first, last)]
        agree = next((f for f in then if test(claim, figure, f.value, f.tolerance or 0.0) is Verdict.CONSISTENT), None)
        if agree is not None:
            return verdict(claim, Verdict.CONSISTENT, f"{agree.subject}: {agree.predicate} {show_value(agree)}"
                                                      f" as of {agree.date} (the time the sentence names)", agree)
        if claim.kind == "ordinal":  # "their third title, the first since 1986": the event's own time may be meant
            earlier_times = []
    if earlier_times:
        if not then:
            return verdict(claim, Verdict.UNVERIFIED, "the sentence speaks of an earlier time the store has no figure for")
        if any(test(claim, figure, f.value, f.tolerance or 0.0) is Verdict.UNVERIFIED for f in then):
            return verdict(claim, Verdict.UNVERIFIED, "vague for the time the sentence names", then[-1])
        # Every figure in force then disagrees: whichever moment the sentence means, the claim is wrong.
        fact = then[-1]
        values = ", ".join(dict.fromkeys(show_value(f) for f in then))
        return verdict(claim, Verdict.CONFLICTING, f"{fact.subject}: {fact.predicate} was {values} in the time the "
                                                   f"sentence names, not {claim.text.strip()}", fact,
                       replace_figure(claim, context.document.text,
                                      claim.detail("prefix", "") + write(fact.value, figure)))
    now, earlier = current(facts, as_of)
    if not now:
        return verdict(claim, Verdict.UNVERIFIED, f"the store has no figure known by {as_of}", facts[0])
    results = [(test(claim, figure, f.value, f.tolerance or 0.0), f) for f in now]
    for result, fact in results:
        if result is Verdict.CONSISTENT:
            return verdict(claim, result, f"{fact.subject}: {fact.predicate} {show_value(fact)}"
                                          + (f" (as of {fact.date})" if fact.date else ""), fact)
    conflicting = [f for r, f in results if r is Verdict.CONFLICTING]
    if len(conflicting) == len(results):
        fact = conflicting[0]
        if claim.kind == "ordinal" and claim.value == fact.value + 1 and (fact.date is None or fact.date < as_of):
            # A count grows: "their third title" after a store figure of 2 may be the title that made it 3.
            return verdict(claim, Verdict.UNVERIFIED, f"{fact.subject}: {fact.predicate} was {show_value(fact)}"
                                                      f"{f' as of {fact.date}' if fact.date else ''}; the count may "
                                                      "have grown since", fact)
        if claim.kind == "ordinal" and claim.value < fact.value:
            # "became the 11th member" when there are 12 now: it may have been the 11th then.
            return verdict(claim, Verdict.UNVERIFIED, f"{fact.subject}: {fact.predicate} is {show_value(fact)} now; "
                                                      f"the {figure} may have come earlier", fact)
        if narrower(claim, fact) and claim.value < fact.value:
            return verdict(claim, Verdict.UNVERIFIED, f"'{claim.noun}' may be a part of the {show_value(fact)} "
                                                      f"of {fact.subject} {fact.predicate}", fact)
        old = next((f for f in earlier if test(claim, figure, f.value, f.tolerance or 0.0) is Verdict.CONSISTENT), None)
        if old is not None and context.past():
            return verdict(claim, Verdict.UNVERIFIED, f"{show_value(old)} was the figure as of {old.date}, and the "
                                                      f"sentence speaks of the past; it is {show_value(fact)} now", old)
        suggestion = replace_figure(claim, context.document.text,
                                    claim.detail("prefix", "") + write(fact.value, figure))
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
