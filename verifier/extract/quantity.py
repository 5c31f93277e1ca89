"""Counts and quantities with the noun they count.

"killed 26 civilians", "nine high-value terrorist infrastructures", "twenty-six people",
"1.5 million", "3,000 troops", "a dozen", "two-thirds", "more than 20", "20-25 people".
Numbers inside names ("S-400", "MiG-29", "G20", "Article 370") are never quantities.
"""

from __future__ import annotations

from ..document import Document
from ..records import Claim
from .base import Kind
from .numbers import figures, hedge_after, noun_after, with_after

YEAR_LIKE = range(1900, 2101)


def _not_a_count(text: str, figure) -> bool:
    """ "one of the areas", "zero-tolerance", "two-day": words that count nothing here."""
    if text[figure.anchor:figure.end].lower() in ("one", "zero", "nought", "naught"):
        return True
    return text[figure.end:figure.end + 1] == "-" and text[figure.end + 1:figure.end + 2].isalpha()


def find(document: Document):
    text = document.text
    for figure in figures(text):
        digits = text[figure.anchor:figure.end].split("-")[0].split(" ")[0]
        noun, stop = noun_after(text, figure.stop)
        if figure.value in YEAR_LIKE and digits.isdigit() and figure.hedge is None and not (noun and noun.endswith("s")):
            continue  # a year, claimed by the date kind
        if _not_a_count(text, figure):
            continue
        end, hedge = (stop if noun else figure.stop), figure.hedge
        if noun and figure.tail < 0 and figure.hedge != "range":
            after, tail = hedge_after(text, stop)  # "20 people or more"
            if after:
                end, hedge = tail, with_after(hedge, after) if after != "eq" else hedge
        unit = noun or ("fraction" if figure.fraction else None)
        details = (("bounds", figure.bounds),) if figure.bounds else ()
        yield Claim("quantity", figure.start, end, text[figure.start:end], figure.value, unit=unit,
                    hedge=hedge, value_high=figure.value_high, anchor=figure.anchor, figure_end=figure.end,
                    precision="rounded" if figure.rounded else "exact", noun=noun, details=details)


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
    ("Dozens of people were hurt.", None),
))
