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
from ..rulebook import Example, Rule, declare
from .common import replace_figure, verdict
from .numeric import format_number, test

ELAPSED_MATCHES = Rule(
    "judge.duration.matches", "The time from the start date to the end the sentence names (else the as-of date) agrees.",
    fires=(Example("Over the 31-year history of relations between Valdoria and Kestria, trade grew.", "31-year"),
           Example("The summit came just over a month after Operation Grey Heron.", "just over a month", "2024-06-20")),
    quiet=(Example("Over the 35-year history of relations between Valdoria and Kestria, trade grew.", "35-year"),))
ELAPSED_DIFFERS = Rule(
    "judge.duration.differs", "The time elapsed is surely not what the duration says.",
    fires=(Example("Over the 35-year history of relations between Valdoria and Kestria, trade grew.", "35-year"),),
    quiet=(Example("Over the 31-year history of relations between Valdoria and Kestria, trade grew.", "31-year"),))
VAGUE = Rule(
    "judge.duration.vague", "One unit short (calendar years counted inclusively), or a hedge that neither fits nor excludes.",
    fires=(Example("Over the 32-year history of relations between Valdoria and Kestria, trade grew.", "32-year"),),
    quiet=(Example("Over the 31-year history of relations between Valdoria and Kestria, trade grew.", "31-year"),))
END_UNCLEAR = Rule(
    "judge.duration.end-unclear", "The sentence names several dates, so where the duration ends is unclear.",
    fires=(Example("In 2024 and 2025, over the 31-year history of relations between Valdoria and Kestria, trade grew.",
                   "31-year"),),
    quiet=(Example("Over the 31-year history of relations between Valdoria and Kestria, trade grew.", "31-year"),))
NO_START = Rule(
    "judge.duration.no-start", "None of the linked facts dates a start before the end.",
    fires=(Example("Over the 31-year history of relations between Valdoria and Kestria, trade grew.", "31-year",
                   "1990-01-01"),),
    quiet=(Example("Over the 31-year history of relations between Valdoria and Kestria, trade grew.", "31-year"),))
declare(ELAPSED_MATCHES, ELAPSED_DIFFERS, VAGUE, END_UNCLEAR, NO_START)


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
                                                  "is unclear", rule=END_UNCLEAR)
    dated = sorted((f for f in facts if f.value_type == "date" and f.value <= as_of), key=lambda f: f.value)
    if not dated:
        return verdict(claim, Verdict.UNVERIFIED, f"no start date before {as_of} among the linked facts", rule=NO_START)
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
                       replace_figure(claim, document.text, format_number(whole, figure)), rule=ELAPSED_DIFFERS)
    if result is Verdict.UNVERIFIED:
        return verdict(claim, result, f"vague or off by one: {how}", fact, rule=VAGUE)
    return verdict(claim, result, how, fact, rule=ELAPSED_MATCHES)
