"""Sums of money with their currency: "$4.2 billion", "Rs 500 crore", "₹1.2 lakh crore", "€3m"."""

from __future__ import annotations

import math
import re

from ..document import Document
from ..records import Claim
from .base import Kind
from .lexicon import CURRENCIES, SCALES, SHORT_SCALES, alternation
from .numbers import DIGITS, MAX_FIGURE, hedge_before

_SYMBOLS = alternation([c for c in CURRENCIES if not c.isalpha() or len(c) <= 4 or c.startswith("us")])
_WORDS = alternation([c for c in CURRENCIES if c.isalpha() and len(c) > 3 or " " in c])
_SCALES = alternation(s for s in SCALES if s not in SHORT_SCALES)
PATTERN = re.compile(
    rf"""(?:(?<![\w])(?P<symbol>{_SYMBOLS})\s?(?P<amount>{DIGITS})
            (?P<short>(?:{alternation(SHORT_SCALES)})\b)?(?P<scales>(?:\s+(?:{_SCALES})\b)*)
        | (?<![\w.,])(?P<amount2>{DIGITS})(?P<scales2>(?:\s+(?:{_SCALES})\b)*)\s+(?P<word>{_WORDS})\b)""",
    re.IGNORECASE | re.VERBOSE)


def _scale(words: str) -> float:
    factor = 1.0
    for word in words.split():
        factor *= SCALES[word.lower()]
    return factor


def find(document: Document):
    text = document.text
    for match in PATTERN.finditer(text):
        if match.group("symbol"):
            amount, currency = match.group("amount"), CURRENCIES[match.group("symbol").lower()]
            factor = _scale(match.group("scales") or "") * (SCALES[match.group("short").lower()] if match.group("short") else 1)
            anchor, prefix = match.start("amount"), text[match.start("symbol"):match.start("amount")]
        else:
            amount, currency = match.group("amount2"), CURRENCIES[match.group("word").lower()]
            factor, anchor, prefix = _scale(match.group("scales2") or ""), match.start("amount2"), ""
        value = float(amount.replace(",", "")) * factor
        if not math.isfinite(value) or value > MAX_FIGURE:
            continue
        hedge, start = hedge_before(text, match.start())
        yield Claim("money", start, match.end(), text[start:match.end()], value, unit=currency, hedge=hedge,
                    anchor=anchor, figure_end=match.end(), precision="rounded" if factor > 1 else "exact",
                    details=(("prefix", prefix),))


KIND = Kind("money", find, rank=50, judged_as=("quantity",), judge="quantity", examples=(
    ("The deal is worth $4.2 billion.", "$4.2 billion"),
    ("The state set aside Rs 500 crore for relief.", "Rs 500 crore"),
    ("The outlay is ₹1.2 lakh crore this year.", "₹1.2 lakh crore"),
    ("The club paid €3m for the striker.", "€3m"),
    ("Exports rose to more than US$ 12 billion.", "more than US$ 12 billion"),
    ("Farmers lost 300 million rupees.", "300 million rupees"),
    ("The S-400 deal was signed in 2018.", None),
))
