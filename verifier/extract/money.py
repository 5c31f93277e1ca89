"""Sums of money with their currency: "$4.2 billion", "Rs 500 crore", "₹1.2 lakh crore", "€3m",
"500 USD", "five million yen", "30 MUSD", "3 dollars 50 cents", "470 pence" (4.70 GBP).

The amount is read by the shared number grammar (numbers.py); the currency may stand before
it (a symbol, a code, "US$") or after it (a name, a code, "€" in "10 €"). Hundredth parts
("cents", "pence") are written in the main unit: "50 cents" is 0.5 USD.
"""

from __future__ import annotations

import math
import re

from ..document import Document
from ..records import Claim
from .anchors import Anchors, finditer, reversed_text
from .base import Kind
from .lexicon import BIG_SCALES, CURRENCIES, ISO_CODES, SCALES, SHORT_SCALES, SUBUNITS, alternation
from .numbers import MAX_FIGURE, Figure, figures, hedge_before, number_at

_ISO = alternation(ISO_CODES)
# Before the amount: symbols, "US$", "Rs", short names and codes ("USD 25", "rmb 20").
_BEFORE_WORDS = [c for c in CURRENCIES if not c.replace(" ", "").isalpha() or len(c) <= 3] + [
    "dollar", "dollars", "rupees", "rupee", "euros", "us dollars"]
_BEFORE = alternation(_BEFORE_WORDS)
# After the amount: names ("yen", "swiss francs"), codes and the symbols Europe writes after ("10 €").
_AFTER = alternation([c for c in CURRENCIES if c not in ("$", "rs", "rs.", "us$") and not c.endswith("$")])
_BIG = alternation(BIG_SCALES)
BEFORE = re.compile(
    rf"(?<![\w$€£¥₹])(?P<mega>(?-i:M)(?=(?-i:{_ISO})))?(?P<cur>(?-i:{_ISO})|{_BEFORE})\s?(?=\.?\d)", re.IGNORECASE)
AFTER = re.compile(
    rf"""(?:\s?|-)(?:(?P<mega>(?-i:M)(?=(?-i:{_ISO})\b))?(?P<cur>(?-i:{_ISO})\b|(?:{_AFTER})(?![\w])|\$(?!\s?\d))
                   (?P<scale>\s+(?:{_BIG})\b)?
                 | (?P<sub>{alternation(SUBUNITS)})(?![\w]))""",
    re.IGNORECASE | re.VERBOSE)
SHORT = re.compile(rf"(?:{alternation(SHORT_SCALES)}|mm|mil)\b", re.IGNORECASE)  # "€3m", "$50K", "$2bn"
# The hundredths after a whole amount: "3 dollars 50 cents", "thirteen dollars and forty-five cents".
CENTS = re.compile(r"(?:\s+and)?\s+(?=\w)")
CENTS_WORD = re.compile(rf"\s?(?P<sub>{alternation(SUBUNITS)})\b|(?=\s*(?:[.,;!?]|$))", re.IGNORECASE)


# A currency written before an amount, read backwards from the amount in the reversed text: the longest
# one ending there ("usd$" in "USD$ 5", "m" of "MUSD" too) bounds where BEFORE may start.
_BEFORE_REVERSED = re.compile(rf"(?:{alternation({c.lower()[::-1] for c in [*ISO_CODES, *_BEFORE_WORDS]})})m?",
                              re.IGNORECASE)
assert not any(word[-1].isspace() for word in (*ISO_CODES, *_BEFORE_WORDS)), "a currency ends in a blank"


def _currency_starts(text: str, anchors: Anchors) -> list[int]:
    """Where a currency may start before an amount: within the longest one that ends right before the digits,
    a space or a point before them ("$5", "Rs. 500", "USD .5")."""
    back, length, found = reversed_text(text), len(text), []
    for start in anchors.digit_starts():
        before = text[start - 1:start]
        ends = [] if before.isspace() else [start]  # no currency ends in a blank (most figures follow one)
        if before.isspace() or before == ".":
            ends.append(start - 1)
            if start > 1 and text[start - 1] == "." and text[start - 2].isspace():
                ends.append(start - 2)
        for end in ends:
            currency = _BEFORE_REVERSED.match(back, length - end)
            if currency is not None:
                found.extend(range(end - (currency.end() - currency.start()), end))
    return found


WHERE = {BEFORE: _currency_starts}


def _currency(name: str) -> str:
    return CURRENCIES.get(name.lower().replace("  ", " "), name.upper())


def _claim(text: str, start: int, end: int, value: float, currency: str, hedge, high, anchor: int, figure_end: int,
           rounded: bool, prefix: str) -> Claim | None:
    if not math.isfinite(value) or abs(value) > MAX_FIGURE:
        return None
    return Claim("money", start, end, text[start:end], value, unit=currency, hedge=hedge, value_high=high,
                 anchor=anchor, figure_end=figure_end, precision="rounded" if rounded else "exact",
                 details=(("prefix", prefix),))


def _cents(text: str, end: int, whole: float, rounded: bool) -> tuple[float, int]:
    """The hundredths written after a whole amount, if any: (value added, new end)."""
    if rounded or whole != int(whole) or not CENTS.match(text, end):
        return 0.0, end
    number = number_at(text, CENTS.match(text, end).end())
    if number is None or number.value != int(number.value) or not 0 < number.value < 100 or number.rounded:
        return 0.0, end
    word = CENTS_WORD.match(text, number.end)
    if word is None:
        return 0.0, end
    return number.value / 100, word.end() if word.group("sub") else number.end


def _before(text: str):
    for match in finditer(BEFORE, text, WHERE[BEFORE]):
        number = number_at(text, match.end())
        if number is None or number.value < 0:
            continue
        value, end, rounded = number.value, number.end, number.rounded
        short = SHORT.match(text, end)
        if short and not rounded:
            value, end, rounded = value * SCALES[short.group().lower()], short.end(), True
        if match.group("mega"):
            value, rounded = value * 1e6, True
        currency = _currency(match.group("cur"))
        extra, end = _cents(text, end, value, rounded)
        hedge, start = hedge_before(text, match.start())
        claim = _claim(text, start, end, value + extra, currency, None if hedge == "eq" else hedge, None,
                       number.start, end, rounded, text[match.start():number.start])
        if claim:
            yield claim


def _after(text: str, figure: Figure):
    match = AFTER.match(text, figure.stop)
    if match is None or (figure.anchor > 0 and text[figure.anchor - 1] in "$€£¥₹"):
        return None
    value, high, rounded, end = figure.value, figure.value_high, figure.rounded, match.end()
    if match.group("sub"):
        currency, parts = SUBUNITS[re.sub(r"\s+", " ", match.group("sub").lower())]
        return _claim(text, figure.start, end, value / parts, currency, figure.hedge,
                      None if high is None else high / parts, figure.anchor, figure.end, rounded, "")
    factor = (1e6 if match.group("mega") else 1.0) * (SCALES[match.group("scale").strip().lower()]
                                                       if match.group("scale") else 1.0)
    value, high = value * factor, None if high is None else high * factor
    rounded = rounded or factor > 1
    extra = 0.0
    if high is None:
        extra, end = _cents(text, end, value, rounded)
    return _claim(text, figure.start, end, value + extra, _currency(re.sub(r"\s+", " ", match.group("cur"))),
                  figure.hedge, high, figure.anchor, figure.end, rounded, "")


def find(document: Document):
    text = document.text
    yield from _before(text)
    for figure in figures(text):
        claim = _after(text, figure)
        if claim is not None:
            yield claim


KIND = Kind("money", find, rank=50, judged_as=("quantity",), judge="quantity", examples=(
    ("The deal is worth $4.2 billion.", "$4.2 billion"),
    ("The state set aside Rs 500 crore for relief.", "Rs 500 crore"),
    ("The outlay is ₹1.2 lakh crore this year.", "₹1.2 lakh crore"),
    ("The club paid €3m for the striker.", "€3m"),
    ("Exports rose to more than US$ 12 billion.", "more than US$ 12 billion"),
    ("Farmers lost 300 million rupees.", "300 million rupees"),
    ("The fund holds 500 USD per member.", "500 USD"),
    ("Ministers received five million yen each.", "five million yen"),
    ("Shares closed at 197 pence.", "197 pence"),
    ("The fee rose to 20 swiss francs.", "20 swiss francs"),
    ("Revenue reached 30 MUSD last year.", "30 MUSD"),
    ("The S-400 deal was signed in 2018.", None),
    ("Of the 12 candidates, 7 won their seats.", None),
))
