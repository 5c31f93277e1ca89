"""Ordinals that qualify a noun: "first-ever presidency", "third term", "21st summit"."""

from __future__ import annotations

import re

from ..document import Document
from ..records import Claim
from .base import Kind
from .lexicon import ORDINALS, alternation
from .numbers import noun_after

PATTERN = re.compile(
    rf"\b(?:(?P<word>{alternation(ORDINALS)})|(?P<digits>\d+)(?:st|nd|rd|th))(?P<ever>-ever)?\b(?![\s-]+(?:of|time)\b)",
    re.IGNORECASE)


def find(document: Document):
    text = document.text
    for match in PATTERN.finditer(text):
        noun, end = noun_after(text, match.end(), limit=1)
        if noun is None:
            continue
        value = ORDINALS[match.group("word").lower()] if match.group("word") else int(match.group("digits"))
        yield Claim("ordinal", match.start(), end, text[match.start():end], value, unit=noun, anchor=match.start(), figure_end=match.end(),
                    precision="exact", noun=noun)


KIND = Kind("ordinal", find, rank=20, judged_as=("entity",), judge=None, examples=(
    ("It was India's first-ever presidency of the bloc.", "first-ever presidency"),
    ("She won a third term in office.", "third term"),
    ("Delegates gathered for the 21st summit.", "21st summit"),
    ("He was the first to arrive.", None),
))
