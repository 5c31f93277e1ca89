"""Judge durations against the time elapsed from a date fact to the as-of date.

"33-year history of relations" is checked against the day relations were
established: 1992-04-17 to 2025-06-26 is 33.2 years, so 33 is consistent and 35 is not.
An exact whole number may be the rounded or the truncated elapsed time; one
unit short is unverified (calendar years counted inclusively), further off conflicts.
"""

from __future__ import annotations

import math

from claims_db.query import FactRow

from ..context import Context
from ..extract.lexicon import UNIT_DAYS
from ..records import Claim, Judgement, Verdict
from .common import replace_figure, verdict
from .numeric import format_number, test


# Said loosely: "a month after" may mean five or six weeks.
FUZZY_UNITS = ("day", "week", "fortnight", "month")


def _exact(claim: Claim, elapsed: float) -> Verdict:
    if claim.value in (math.floor(elapsed), round(elapsed)):
        return Verdict.CONSISTENT
    if math.floor(elapsed) - 1 <= claim.value <= math.ceil(elapsed):
        return Verdict.UNVERIFIED
    return Verdict.CONFLICTING


def judge(claim: Claim, facts: tuple[FactRow, ...], context: Context) -> Judgement:
    as_of, document = context.as_of, context.document
    # The duration ends where the sentence says ("two weeks after X, on May 7"), else on the as-of date.
    others = context.periods(claim)
    if len(others) == 1 and others[0][0] == others[0][1]:
        as_of = others[0][0]
    elif any(first != last and not first <= as_of <= last for first, last in others) or len(others) > 1:
        return verdict(claim, Verdict.UNVERIFIED, "the sentence names other dates, so where the duration ends "
                                                  "is unclear")
    dated = sorted((f for f in facts if f.value_type == "date" and f.value <= as_of), key=lambda f: f.value)
    if not dated:
        return verdict(claim, Verdict.UNVERIFIED, f"no start date before {as_of} among the linked facts")
    fact = dated[0]
    days = (as_of - fact.value).days
    elapsed = days / UNIT_DAYS[claim.unit]
    figure = document.text[claim.anchor:claim.figure_end]
    if claim.unit in FUZZY_UNITS:
        result = test(claim, figure, elapsed, fuzz=0.5)
    else:
        result = _exact(claim, elapsed) if claim.hedge is None else test(claim, figure, elapsed)
    how = f"{fact.subject}: {fact.predicate} {fact.value}; to {as_of} is {elapsed:.1f} {claim.unit}s ({days} days)"
    if result is Verdict.CONFLICTING:
        whole = math.floor(elapsed) if claim.unit in ("year", "decade", "century") else round(elapsed)
        return verdict(claim, result, f"{how}, not {claim.text.strip()}", fact,
                       replace_figure(claim, document.text, format_number(whole, figure)))
    if result is Verdict.UNVERIFIED:
        return verdict(claim, result, f"vague or off by one: {how}", fact)
    return verdict(claim, result, how, fact)
