"""Judge figures against a reference value: hedges as intervals, rounding, revisions over time.

Each hedge has a strict interval (inside it the claim is consistent) and a loose
one (outside it the claim is surely wrong). Between the two the claim is vague
language that is neither right nor surely wrong: unverified.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import replace

from claims_db.query import FactRow

from ..extract.lexicon import CURRENCIES, ORDINALS, TENS, UNIT_SIZES, UNITS, measure
from ..records import Claim, Verdict

INF = math.inf
CURRENCY_CODES = frozenset(CURRENCIES.values())
# Units that count everyone: a claim about a narrower group ("25 tourists") may be a part of them.
EVERYONE = frozenset({"people", "persons", "individuals", "lives", "dead", "victims"})
# hedge -> (strict, loose) intervals as factors of the claimed figure x.
HEDGE_INTERVALS = {
    None: ((1, 1), (1, 1)),
    "gt": ((1, INF), (0.9, INF)),
    "ge": ((1, INF), (0.9, INF)),
    "lt": ((-INF, 1), (-INF, 1.1)),
    "le": ((-INF, 1), (-INF, 1.1)),
    "near": ((0.9, 1), (0.75, 1.05)),
    "approx": ((0.9, 1.1), (0.75, 1.33)),
    "just_over": ((1, 1.15), (0.95, 2.0)),
}
# Counted nouns that name different groups of people: a toll of soldiers is no toll of civilians.
POPULATIONS = {
    "civilian": "civilian", "tourist": "civilian", "pilgrim": "civilian", "passenger": "civilian",
    "resident": "civilian", "villager": "civilian", "soldier": "military", "troop": "military",
    "jawan": "military", "personnel": "military", "policeman": "military", "officer": "military",
    "militant": "combatant", "terrorist": "combatant", "insurgent": "combatant", "rebel": "combatant",
    "child": "child", "children": "child", "woman": "woman", "women": "woman",
}


def _meets(interval: tuple[float, float], low: float, high: float, open_low: bool = False,
           open_high: bool = False) -> bool:
    """Whether [low, high] meets the interval (whose ends may be open)."""
    lo, hi = interval
    return (lo < high if open_low else lo <= high) and (low < hi if open_high else low <= hi)


def _slack(claim: Claim, figure_text: str) -> tuple[float, float]:
    """How far a bare figure may sit from the truth: (strict, loose).

    "1.5 million" stands for 1.45 to 1.55 million; "3,000" may be a round
    figure for 3,012, so it is never surely wrong within half its last place.
    """
    if claim.hedge is not None:
        return 0.0, 0.0
    if claim.precision == "rounded":
        return abs(claim.value) * 0.05, abs(claim.value) * 0.05
    digits = re.sub(r"[^\d.]", "", figure_text).strip(".")
    if not digits or digits.count(".") > 1 or not float(digits):
        return 0.0, 0.0
    # Half the last written place, in the claim's scale: "57 km" for 57.09, "4.9%" for 4.93, "1.5 million".
    places = len(digits.partition(".")[2])
    half = 0.5 * 10 ** -places * abs(claim.value) / float(digits)
    if places:
        return half, half
    zeros = min(len(digits) - len(digits.rstrip("0")), 15)
    return half, max(half, 10 ** zeros / 2 if zeros >= 2 else 0.0)


def test(claim: Claim, figure_text: str, reference: float, tolerance: float = 0.0, fuzz: float = 0.0) -> Verdict:
    """Compare one claimed figure (with its hedge or range) to one reference value.

    `fuzz` widens both intervals, for units that are fuzzy in speech ("a month").
    """
    x = claim.value
    if claim.hedge == "range":
        strict, loose, opens = (x, claim.value_high), (x * 0.9, claim.value_high * 1.1), (False, False)
    else:
        (s_lo, s_hi), (l_lo, l_hi) = HEDGE_INTERVALS.get(claim.hedge, HEDGE_INTERVALS["approx"])
        strict, loose = (x * s_lo, x * s_hi), (x * l_lo, x * l_hi)
        opens = (claim.hedge == "gt", claim.hedge == "lt")
    strict_slack, loose_slack = (s + fuzz for s in _slack(claim, figure_text))
    low, high = reference - (tolerance or 0.0), reference + (tolerance or 0.0)
    if _meets((strict[0] - strict_slack, strict[1] + strict_slack), low, high, *opens):
        return Verdict.CONSISTENT
    if not _meets((loose[0] - loose_slack, loose[1] + loose_slack), low, high):
        return Verdict.CONFLICTING
    return Verdict.UNVERIFIED


def narrower(claim: Claim, fact: FactRow) -> bool:
    """Whether the claim counts a narrower group than the fact ("25 tourists" of "26 people")."""
    if not claim.noun or (fact.unit and fact.unit.lower() not in EVERYONE):
        return False  # a fact with no unit counts everyone too
    head = claim.noun.lower().split()[-1]
    return head not in EVERYONE and head.rstrip("s") not in {u.rstrip("s") for u in EVERYONE}


def in_claims_unit(claim: Claim, fact: FactRow) -> FactRow:
    """The fact in the claim's unit of measure when both measure one dimension (2023 m as 2.023 km), else as it is."""
    mine, theirs = measure((claim.noun or "").split()[0]) if claim.noun else None, measure(fact.unit or "")
    if not mine or not theirs or mine == theirs or mine not in UNIT_SIZES or theirs not in UNIT_SIZES:
        return fact
    (dimension, size), (other, other_size) = UNIT_SIZES[mine], UNIT_SIZES[theirs]
    if dimension != other or not isinstance(fact.value, (int, float)):
        return fact
    factor = other_size / size
    return replace(fact, value=fact.value * factor, unit=mine,
                   tolerance=fact.tolerance * factor if fact.tolerance else fact.tolerance)


def applicable(claim: Claim, fact: FactRow) -> bool:
    """Whether a fact measures the same thing as the claim: currency, percent, population."""
    unit = (fact.unit or "").lower()
    if claim.kind == "money":
        return unit == (claim.unit or "").lower()
    if claim.kind == "percent":
        return unit in ("%", "percent", "pp") and (unit == "pp") == (claim.unit == "pp")
    if unit in ("%", "percent", "pp") or unit.upper() in CURRENCY_CODES:
        return False
    if claim.noun and unit and measure(unit) and measure(claim.noun.lower().split()[0]) not in (None, measure(unit)):
        return False  # "350 km/h" is no length in km
    if claim.noun and unit:
        mine = {POPULATIONS.get(w.rstrip("s"), POPULATIONS.get(w)) for w in claim.noun.lower().split()} - {None}
        theirs = {POPULATIONS.get(w.rstrip("s"), POPULATIONS.get(w)) for w in unit.split()} - {None}
        if mine and theirs and not mine & theirs:
            return False
    return True


def during(facts: Sequence[FactRow], first: dt.date, last: dt.date) -> list[FactRow]:
    """Figures in force at some time between two days: the one standing at the start and every revision after."""
    standing, _ = current(facts, first)
    revised = [f for f in facts if f.date and first < f.date <= last and f.in_force(f.date)]
    return standing + [f for f in revised if f not in standing]


def current(facts: Sequence[FactRow], as_of: dt.date) -> tuple[list[FactRow], list[FactRow]]:
    """Facts in force at the as-of date, and earlier figures they revised."""
    known = [f for f in facts if (f.date is None or f.date <= as_of) and f.in_force(as_of)]
    if not known:
        return [], []
    latest = max((f.date for f in known if f.date), default=None)
    now = [f for f in known if f.date is None or f.date == latest]
    return now, [f for f in known if f not in now]


def format_ordinal(value: float, like: str) -> str:
    """Write a reference count as the draft wrote its ordinal ("12th", "twelfth")."""
    n = int(value)
    if not any(ch.isdigit() for ch in like):
        names = {v: k for k, v in ORDINALS.items() if k != "nineth"}
        if n in names:
            return names[n].capitalize() if like.strip()[:1].isupper() else names[n]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def format_number(value: float, like: str) -> str:
    """Write a reference value the way the draft wrote its figure ("nine", "1.5 million", "3,000")."""
    words = like.strip().lower()
    if words and words.replace("-", " ").split()[0] in {**UNITS, **TENS} and value == int(value) and value < 100:
        n = int(value)
        names = {v: k for k, v in {**UNITS, **TENS}.items()}
        text = names[n] if n in names else f"{names[n - n % 10]}-{names[n % 10]}"
        return text.capitalize() if like.strip()[:1].isupper() else text
    for scale, factor in (("billion", 1e9), ("million", 1e6), ("crore", 1e7), ("lakh", 1e5)):
        if scale in words:
            return f"{value / factor:.2f}".rstrip("0").rstrip(".") + f" {scale}"
    if value == int(value):
        return f"{int(value):,}" if "," in like else str(int(value))
    return f"{value:g}"
