"""Percentages: "4.2%", "6.5 per cent", "nearly 40 percent", "5-6 per cent", an interval with the sign on both
ends ("4.5%-4.75%", "4.5% to 4.75%"), and spelled parts of a point ("half a percentage point")."""

from __future__ import annotations

import re

from ..document import Document
from ..records import Claim
from .anchors import Anchors, finditer, words_before
from .base import Kind
from .lexicon import alternation
from .numbers import RANGE_AFTER, figures, hedge_after, number_at, with_after

SIGN = re.compile(r"\s?(?:%|per\s?cents?\b|percents?\b|pc\b|percentage\s+points?\b|percentage\b(?!\s+of\b))",
                  re.IGNORECASE)
# The sign before the figure ("Per cent of 210: ..."), taken only where nothing precedes it in the
# sentence: after a word it is the tail of another figure ("a few per cent of 300 seats").
SIGN_BEFORE = re.compile(r"(?:^|(?<=[.!?:;(\"“]))\s*(?P<sign>(?:per\s?cents?|percents?)\s+of\s+)$", re.IGNORECASE)


# "half a percentage point", "a quarter of a percentage point", "three quarters of a point".
POINT_PARTS = {"half": 0.5, "a half": 0.5, "a quarter": 0.25, "one quarter": 0.25, "quarter": 0.25,
               "three quarters": 0.75, "three-quarters": 0.75}
POINT_PART = re.compile(rf"\b(?P<part>{alternation(POINT_PARTS)})(?:\s+of)?\s+an?\s+(?:percentage\s+)?point\b",
                        re.IGNORECASE)


def _point_parts(text: str, anchors: Anchors) -> list[int]:
    """The words before "point" that may begin a part of it: "three-quarters of a percentage point" has six."""
    return [start for point in anchors.of("point") for start in words_before(text, point, 6, "space-hyphen")]


WHERE = {POINT_PART: _point_parts}


def _interval(text: str, sign_end: int, value: float):
    """ "4.5%-4.75%": the upper end of an interval whose ends both carry the sign (value, span, end), or None."""
    joined = RANGE_AFTER.match(text, sign_end)
    upper = number_at(text, joined.end()) if joined else None
    if upper is None or upper.value <= value:
        return None
    sign = SIGN.match(text, upper.end)
    return (upper.value, (upper.start, upper.end), sign.end()) if sign else None


def find(document: Document):
    text = document.text
    for match in finditer(POINT_PART, text, WHERE[POINT_PART]):
        yield Claim("percent", match.start(), match.end(), match.group(), POINT_PARTS[match.group("part").lower()],
                    unit="pp", anchor=match.start(), figure_end=match.end("part"), precision="exact")
    for figure in figures(text):
        sign = SIGN.match(text, figure.end)
        before = None if sign else SIGN_BEFORE.search(text, max(0, figure.anchor - 24), figure.anchor)
        if sign is None and (before is None or figure.start != figure.anchor):
            continue
        unit = "pp" if sign and "point" in sign.group().lower() else "%"
        start, end, hedge = (figure.start, sign.end(), figure.hedge) if sign else (before.start("sign"), figure.stop, figure.hedge)
        interval = _interval(text, sign.end(), figure.value) if sign and figure.value_high is None else None
        if interval is not None:
            high, high_span, end = interval
            yield Claim("percent", start, end, text[start:end], figure.value, unit=unit, hedge="range",
                        value_high=high, anchor=figure.anchor, figure_end=figure.end, precision="exact",
                        details=(("bounds", "[]"), ("interval", True), ("high_span", high_span)))
            continue
        if sign and figure.tail < 0:
            after, tail = hedge_after(text, end)  # "20 per cent or more"
            if after:
                end, hedge = tail, with_after(hedge, after)
        elif sign is None or figure.tail >= 0:
            end = max(end, figure.stop)
        yield Claim("percent", start, end, text[start:end], figure.value, unit=unit,
                    hedge=None if hedge == "eq" else hedge, value_high=figure.value_high, anchor=figure.anchor,
                    figure_end=figure.end, precision="exact")


KIND = Kind("percent", find, rank=50, judged_as=("quantity",), judge="quantity", examples=(
    ("Inflation eased to 4.2% in May.", "4.2%"),
    ("The economy grew 6.5 per cent last year.", "6.5 per cent"),
    ("Turnout was nearly 40 percent.", "nearly 40 percent"),
    ("Growth is seen at 5-6 per cent.", "5-6 per cent"),
    ("Turnout was thirty percentage among the young.", "thirty percentage"),
    ("Prices fell minus five percent.", "minus five percent"),
    ("Half of the seats need 20 per cent or more of the vote.", "20 per cent or more"),
    ("Per cent of 210 is a ratio the table lists.", "Per cent of 210"),
    ("Unions won a few per cent of 300 seats.", None),
    ("The bank set its target range at 4.5%-4.75% on Wednesday.", "4.5%-4.75%"),
    ("The band is now 3% to 3.25%.", "3% to 3.25%"),
    ("Rates rose by half a percentage point.", "half a percentage point"),
    ("It cut by a quarter of a percentage point.", "a quarter of a percentage point"),
    ("The Su-30 MKI fleet was upgraded.", None),
))
