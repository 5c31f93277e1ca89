"""Percentages: "4.2%", "6.5 per cent", "nearly 40 percent", "5-6 per cent"."""

from __future__ import annotations

import re

from ..document import Document
from ..records import Claim
from .base import Kind
from .numbers import figures

SIGN = re.compile(r"\s?(?:%|per\s?cent\b|percent\b|pc\b|percentage\s+points?\b)", re.IGNORECASE)


def find(document: Document):
    text = document.text
    for figure in figures(text):
        sign = SIGN.match(text, figure.end)
        if sign is None:
            continue
        unit = "pp" if "point" in sign.group().lower() else "%"
        yield Claim("percent", figure.start, sign.end(), text[figure.start:sign.end()], figure.value, unit=unit,
                    hedge=figure.hedge, value_high=figure.value_high, anchor=figure.anchor, figure_end=figure.end,
                    precision="exact")


KIND = Kind("percent", find, rank=50, judged_as=("quantity",), judge="quantity", examples=(
    ("Inflation eased to 4.2% in May.", "4.2%"),
    ("The economy grew 6.5 per cent last year.", "6.5 per cent"),
    ("Turnout was nearly 40 percent.", "nearly 40 percent"),
    ("Growth is seen at 5-6 per cent.", "5-6 per cent"),
    ("The Su-30 MKI fleet was upgraded.", None),
))
