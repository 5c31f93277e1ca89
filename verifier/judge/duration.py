"""Judge durations against the time elapsed from a date fact to the as-of date.

"33-year history of relations" is checked against the day relations were
established: 1992-04-17 to 2025-06-26 is 33.2 years, so 33 is consistent and 35 is not.
An exact whole number may be the rounded or the truncated elapsed time; one
unit short is unverified (calendar years counted inclusively), further off conflicts.
"""

from __future__ import annotations

import functools
import math
import re

from claims_db.query import FactRow

from ..context import Context
from ..extract.lexicon import IRREGULAR_PAST, NOW_VERBS, UNIT_DAYS, alternation
from ..link import is_age
from ..records import Claim, Judgement, Verdict
from ..rulebook import Example, Rule, declare
from .common import show_date, verdict
from .numeric import format_number, test

ELAPSED_MATCHES = Rule(
    "judge.duration.matches", "The time from the start date to the end the sentence names (else the as-of date) agrees.",
    fires=(Example("Over the 31-year history of relations between Valdoria and Kestria, trade grew.", "31-year"),
           Example("The summit comes just over a month after Operation Grey Heron.", "just over a month", "2024-06-20")),
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
END_UNRESOLVED = Rule(
    "judge.duration.end-unresolved", "'N after X' runs between X and the event its clause reports; when the sentence "
                                     "dates neither, the duration cannot be measured (never to the as-of date).",
    fires=(Example("Valdoria struck back 15 days after the Aldmere ferry disaster.", "15 days"),
           Example("Rescue teams arrived two weeks after the Aldmere ferry disaster.", "two weeks"),
           Example("Talks resumed a fortnight after Operation Grey Heron.", "a fortnight")),
    quiet=(Example("The visit comes a fortnight after Operation Grey Heron.", "a fortnight", "2024-05-21"),
           Example("The toll has risen, as rescuers dug on a fortnight after Operation Grey Heron.", "a fortnight",
                   "2024-05-21"),
           Example("Talks resumed on 21 May 2024, a fortnight after Operation Grey Heron.", "a fortnight")))
NO_START = Rule(
    "judge.duration.no-start", "None of the linked facts dates a start before the end.",
    fires=(Example("Over the 31-year history of relations between Valdoria and Kestria, trade grew.", "31-year",
                   "1990-01-01"),),
    quiet=(Example("Over the 31-year history of relations between Valdoria and Kestria, trade grew.", "31-year"),))
declare(ELAPSED_MATCHES, ELAPSED_DIFFERS, VAGUE, END_UNCLEAR, END_UNRESOLVED, NO_START)


# A duration between two moments; "N ago", "since X", "for the past N", "N-year history" run to the as-of date.
BETWEEN = re.compile(r"\s+(?:after|before|later|earlier)\b", re.IGNORECASE)
BEFORE = re.compile(r"\s+before\b", re.IGNORECASE)
# A sentence in the present (or present perfect) reports the day it is written ("The visit comes a month after
# X", "The toll has risen ..., as rescuers dug four days after the quake"); a clause in the past ("India struck
# back 15 days after X", "Teams arrived a week after X") reports a day of its own.
PRESENT_CLAUSE = re.compile(rf"\b(?:{alternation(NOW_VERBS)})\b", re.IGNORECASE)


@functools.cache
def _past_verb() -> re.Pattern:
    """Compiled on first use: only a duration between two moments needs it (keeps a cold check fast)."""
    return re.compile(rf"\b(?:[a-z]{{2,}}ed|{alternation(IRREGULAR_PAST)})\b")
ARTICLES = ("a", "an", "half a", "half an")
# Said loosely: "a month after" may mean five or six weeks.
FUZZY_UNITS = ("day", "week", "fortnight", "month")


def _exact(claim: Claim, elapsed: float) -> Verdict:
    if claim.value in (math.floor(elapsed), round(elapsed)):
        return Verdict.CONSISTENT
    if math.floor(elapsed) - 1 <= claim.value <= math.ceil(elapsed):
        return Verdict.UNVERIFIED
    return Verdict.CONFLICTING


def _end(claim: Claim, context: Context, until: tuple[FactRow, ...]):
    """Where the duration ends, and why: (day, how) or an unverified judgement.

    The date of the event the clause reports or the span ends at (`until`), else a date the sentence
    names, else the as-of date; but a duration between two moments ("N after X", "N later") in a clause told in the
    past ends at an event the sentence does not date, so it cannot be measured.
    """
    dates = sorted(f.value for f in until if f.value_type == "date")
    if dates:
        return dates[0], f"{until[0].subject}'s date"
    if is_age(claim, context.document.text):
        return context.as_of, "the as-of date: an age is told as of the day written"
    others = context.periods(claim)
    if len(others) == 1 and others[0][0] == others[0][1]:
        return others[0][0], "the date the sentence names"
    if others:
        return verdict(claim, Verdict.UNVERIFIED, "the sentence names other dates, so where the duration ends "
                                                  "is unclear", rule=END_UNCLEAR)
    text, sentence = context.document.text, context.sentence
    if (BETWEEN.match(text, claim.end) and not sentence.between(PRESENT_CLAUSE, sentence.span[0], claim.start)
            and sentence.between(_past_verb(), context.clause(claim)[0], claim.start)):
        return verdict(claim, Verdict.UNVERIFIED, f"no time resolved: '{claim.text.strip()}' ends at an event the "
                                                  "sentence does not date", rule=END_UNRESOLVED)
    return context.as_of, "the as-of date"


def judge(claim: Claim, facts: tuple[FactRow, ...], context: Context, until: tuple[FactRow, ...] = ()) -> Judgement:
    document = context.document
    end = _end(claim, context, until)
    if isinstance(end, Judgement):
        return end
    end, where = end
    before = BEFORE.match(document.text, claim.end) is not None  # "N before X": X is the end, the clause's event the start
    dated = sorted((f for f in facts if f.value_type == "date" and (f.value >= end if before else f.value <= end)),
                   key=lambda f: f.value)
    if not dated:
        return verdict(claim, Verdict.UNVERIFIED, f"no start date before {show_date(end)} among the linked facts", rule=NO_START)
    fact = dated[0]
    days = abs((end - fact.value).days)
    elapsed = days / UNIT_DAYS[claim.unit]
    figure = document.text[claim.anchor:claim.figure_end]
    if claim.unit in FUZZY_UNITS:
        result = test(claim, figure, elapsed, fuzz=0.5)
    else:
        result = _exact(claim, elapsed) if claim.hedge is None else test(claim, figure, elapsed)
    how = (f"{fact.subject}: {fact.plain_predicate} {show_date(fact.value)}; to {show_date(end)} ({where}) is {elapsed:.1f} {claim.unit}s "
           f"({days} days)")
    if result is Verdict.CONFLICTING:
        whole = math.floor(elapsed) if claim.unit in ("year", "decade", "century") else round(elapsed)
        return verdict(claim, result, f"{how}, not {claim.text.strip()}", fact, _in_claims_unit(claim, document.text, whole),
                       rule=ELAPSED_DIFFERS)
    if result is Verdict.UNVERIFIED:
        return verdict(claim, result, f"vague or off by one: {how}", fact, rule=VAGUE)
    return verdict(claim, result, how, fact, rule=ELAPSED_MATCHES)


def _in_claims_unit(claim: Claim, text: str, whole: int) -> str:
    """The correction in the claim's own unit and wording: "a fortnight" -> "5 fortnights", "35-year" -> "33-year"."""
    figure, rest = text[claim.anchor:claim.figure_end], text[claim.figure_end:claim.end]
    if figure.strip().lower() in ARTICLES:  # "a fortnight": the article was the figure
        figure = "one"
    written = format_number(whole, figure)
    if whole != 1 and rest[:1].isspace() and not rest.rstrip().endswith("s"):
        rest = rest.rstrip() + "s"
    return written + rest
