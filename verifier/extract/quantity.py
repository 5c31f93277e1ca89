"""Counts and quantities with the noun they count.

"killed 26 civilians", "nine high-value terrorist infrastructures", "twenty-six people",
"1.5 million", "3,000 troops", "a dozen", "two-thirds", "more than 20", "20-25 people".
Numbers inside names ("S-400", "MiG-29", "G20", "Article 370") are never quantities.
"""

from __future__ import annotations

from ..document import Document
from ..records import Claim
from .base import Kind
from .lexicon import FRACTIONS, UNITS
from .numbers import FRACTION, figures, hedge_before, noun_after

YEAR_LIKE = range(1900, 2101)


def _not_a_count(text: str, figure) -> bool:
    """ "one of the areas", "zero-tolerance", "two-day": words that count nothing here."""
    if text[figure.anchor:figure.end].lower() in ("one", "zero"):
        return True
    return text[figure.end:figure.end + 1] == "-" and text[figure.end + 1:figure.end + 2].isalpha()


def find(document: Document):
    text = document.text
    for figure in figures(text):
        digits = text[figure.anchor:figure.end].split("-")[0].split(" ")[0]
        noun, stop = noun_after(text, figure.end)
        if figure.value in YEAR_LIKE and digits.isdigit() and figure.hedge is None and not (noun and noun.endswith("s")):
            continue  # a year, claimed by the date kind
        if _not_a_count(text, figure):
            continue
        end = stop if noun else figure.end
        yield Claim("quantity", figure.start, end, text[figure.start:end], figure.value, unit=noun,
                    hedge=figure.hedge, value_high=figure.value_high, anchor=figure.anchor, figure_end=figure.end,
                    precision="rounded" if figure.rounded else "exact", noun=noun)
    for match in FRACTION.finditer(text):
        if match.group("num") is None:
            continue
        count = 1 if match.group("num").lower() in ("a", "one") else UNITS[match.group("num").lower()]
        value = round(count * FRACTIONS[match.group("den").lower()], 6)
        hedge, start = hedge_before(text, match.start())
        yield Claim("quantity", start, match.end(), text[start:match.end()], value, unit="fraction",
                    hedge=hedge, anchor=match.start(), figure_end=match.end(), precision="rounded")


KIND = Kind("quantity", find, rank=10, judged_as=("quantity",), judge="quantity", examples=(
    ("The attack killed 26 civilians, officials said.", "26 civilians"),
    ("Troops struck nine high-value terrorist infrastructures overnight.", "nine high-value terrorist infrastructures"),
    ("Rescuers found twenty-six people alive.", "twenty-six people"),
    ("The city has 1.5 million residents.", "1.5 million residents"),
    ("More than 20 people were hurt.", "More than 20 people"),
    ("Between 20 and 25 boats capsized.", "Between 20 and 25 boats"),
    ("Some 3,000 troops took part.", "Some 3,000 troops"),
    ("Nearly two-thirds of voters turned out.", "Nearly two-thirds"),
    ("India bought the S-400 system.", None),
    ("The regiment fields T-90 tanks.", None),
    ("Pilots flew MiG-29 jets.", None),
    ("Leaders met at the G20 summit.", None),
    ("Parliament revoked Article 370 in August.", None),
))
