"""Percentages: "4.2%", "6.5 per cent", "nearly 40 percent", "5-6 per cent"."""

from __future__ import annotations

import re

from ..document import Document
from ..records import Claim
from .base import Kind
from .numbers import figures, hedge_after, with_after

SIGN = re.compile(r"\s?(?:%|per\s?cents?\b|percents?\b|pc\b|percentage\s+points?\b|percentage\b(?!\s+of\b))",
                  re.IGNORECASE)
# The sign before the figure ("Per cent of 210: ..."), taken only where nothing precedes it in the
# sentence: after a word it is the tail of another figure ("a few per cent of 300 seats").
SIGN_BEFORE = re.compile(r"(?:^|(?<=[.!?:;(\"“]))\s*(?P<sign>(?:per\s?cents?|percents?)\s+of\s+)$", re.IGNORECASE)


def find(document: Document):
    text = document.text
    for figure in figures(text):
        sign = SIGN.match(text, figure.end)
        before = None if sign else SIGN_BEFORE.search(text[:figure.anchor], max(0, figure.anchor - 24))
        if sign is None and (before is None or figure.start != figure.anchor):
            continue
        unit = "pp" if sign and "point" in sign.group().lower() else "%"
        start, end, hedge = (figure.start, sign.end(), figure.hedge) if sign else (before.start("sign"), figure.stop, figure.hedge)
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
    ("The Su-30 MKI fleet was upgraded.", None),
))
