"""Durations: "33-year history", "three decades", "just over a month", "for 10 years",
"the 21-year-old union" (an age, judged from the day it was founded or born).

A duration is judged against a date fact and the as-of date ("33-year history of
relations" against the day relations were established), so it keeps the noun or
event it measures ("history", "after Operation Sindoor") for linking.
"""

from __future__ import annotations

import re

from ..document import Document
from ..records import Claim
from .anchors import Anchors, finditer, words_before
from .base import Kind
from .lexicon import DURATION_UNITS, alternation
from .numbers import figures, hedge_before, noun_after

_UNIT = alternation(DURATION_UNITS)
AFTER_FIGURE = re.compile(rf"(?:-|\s+)(?P<unit>{_UNIT})\b(?:-old\b|\s+old\b)?", re.IGNORECASE)
ARTICLE_UNIT = re.compile(rf"\b(?P<article>an?|half\s+an?)\s+(?P<unit>{_UNIT})\b", re.IGNORECASE)
# "a month" is a duration only when measured from something: "a month after", "a year ago".
MEASURED = re.compile(r"\s+(?:after|ago|later|earlier|before|since|on|into|of)\b", re.IGNORECASE)


def _articles(text: str, anchors: Anchors) -> list[int]:
    """The article before a unit of time, and "half" before it ("half a year")."""
    return [start for unit in anchors.of("duration") for start in words_before(text, unit, 2)]


WHERE = {ARTICLE_UNIT: _articles}


def _claim(text: str, start: int, end: int, value: float, unit: str, hedge, high, anchor: int,
           figure_end: int) -> Claim:
    noun, _ = noun_after(text, end, limit=1)
    return Claim("duration", start, end, text[start:end], value, unit=DURATION_UNITS[unit.lower()], hedge=hedge,
                 value_high=high, anchor=anchor, figure_end=figure_end, precision="exact", noun=noun)


def find(document: Document):
    text = document.text
    for figure in figures(text):
        unit = AFTER_FIGURE.match(text, figure.end)
        if unit:
            yield _claim(text, figure.start, unit.end(), figure.value, unit.group("unit"), figure.hedge,
                         figure.value_high, figure.anchor, figure.end)
    for match in finditer(ARTICLE_UNIT, text, WHERE[ARTICLE_UNIT]):
        hedge, start = hedge_before(text, match.start())
        if hedge is None and not MEASURED.match(text, match.end()):
            continue
        value = 0.5 if match.group("article").lower().startswith("half") else 1.0
        yield _claim(text, start, match.end(), value, match.group("unit"), hedge, None, match.start(), match.end("article"))


KIND = Kind("duration", find, rank=40, judged_as=("date",), judge="duration", examples=(
    ("Over the 33-year history of ties, trade grew.", "33-year"),
    ("The two sides have cooperated for three decades.", "three decades"),
    ("The visit comes just over a month after the strikes.", "just over a month"),
    ("He led the party for 10 years.", "10 years"),
    ("The 21-year-old union was founded in 2002.", "21-year-old"),
    ("The captain, 41 years old, retired.", "41 years old"),
    ("They waited a month.", None),
))
