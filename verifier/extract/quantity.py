"""Counts and quantities with the noun they count.

"killed 26 civilians", "nine high-value terrorist infrastructures", "twenty-six people",
"1.5 million", "3,000 troops", "a dozen", "two-thirds", "more than 20", "20-25 people",
and adjectival measures, whose noun is the word after the hyphen: "a 57-km tunnel" (57 km),
"the 55-member bloc" (55 member).
Numbers inside names ("S-400", "MiG-29", "G20", "Article 370", "Game 7") are never quantities.
"""

from __future__ import annotations

import re

from ..document import Document
from ..records import Claim
from .anchors import reversed_text
from .base import Kind
from .lexicon import CURRENCIES, DENOMINATORS, ISO_CODES, ORDINALS, TENS, UNITS
from .date import PERIOD_LABEL
from .numbers import GLUED_UNIT, figures, hedge_after, noun_after, with_after



def _year_like(value: float) -> bool:
    """Whether a figure is a whole number from 1900 to 2100 (`value in range(...)` compares a float with each)."""
    return 1900 <= value <= 2100 and value == int(value)
NUMBER_WORDS = {*UNITS, *TENS, *ORDINALS, *DENOMINATORS, "hundred", "thousand", "firsts", "seconds"}
# A capitalised word or an acronym right before digits: "Game 7", "Terminal 1", "Falcon 9", "JAS 39".
DESIGNATION_BEFORE = re.compile(r"\b(?P<word>[A-Z][a-z]+|[A-Z]{2,})\s+$")
_CAPITALISED_BEFORE = re.compile(r"\s+[a-z]*[A-Z]")  # what DESIGNATION_BEFORE needs, read in the reversed text
# "a third time", "a fifth title": an article and an ordinal word with no "of" after is an ordinal, not a fraction.
ARTICLE_ORDINAL = re.compile(rf"(?i:an?)\s+(?i:{'|'.join(sorted(ORDINALS, key=len, reverse=True))})$")
NOT_OF = re.compile(r"\s+(?!of\b)[a-z]")
# "57-km", "55-member": a figure joined by a hyphen to the (lower-case) word it measures.
_GLUED_FIRST = {"k", "c", "m", "M", "G", "f", "h"}  # the letters GLUED_UNIT's units begin with
ADJECTIVAL = re.compile(r"-(?P<noun>[a-z]{2,})\b(?!-)")


def _not_a_count(text: str, figure) -> bool:
    """ "one of the areas", "zero-tolerance", "two-day", "three-judge-bench": words that count nothing here."""
    if text[figure.anchor:figure.end].lower() in ("one", "zero", "nought", "naught"):
        return True
    if figure.fraction and ARTICLE_ORDINAL.fullmatch(text, figure.anchor, figure.end) and NOT_OF.match(text, figure.end):
        return True  # "for a third time": an ordinal, left to that kind
    hyphened = text[figure.end:figure.end + 1] == "-" and text[figure.end + 1:figure.end + 2].isalpha()
    return hyphened and not _adjectival(text, figure.end)


def _adjectival(text: str, end: int) -> re.Match | None:
    """The measure word after "57-" in "57-km", never a number word ("twenty-first" is one ordinal)."""
    match = ADJECTIVAL.match(text, end) if text[end:end + 1] == "-" else None
    return match if match and match.group("noun") not in NUMBER_WORDS else None


def _designation(document: Document, figure) -> bool:
    """Whether digits follow a capitalised word mid-sentence, so they name something ("Game 7", "Line 14").

    A capitalised first word of a sentence is no designation ("Some 300 delegates"), and a month
    before a number makes a date, left to the date kind.
    """
    text = document.text
    if figure.start != figure.anchor or not text[figure.anchor:figure.anchor + 1].isdigit():
        return False
    if not _CAPITALISED_BEFORE.match(reversed_text(text), len(text) - figure.anchor):
        return False  # read leftwards: blanks, small letters and a capital, or no such word
    word = DESIGNATION_BEFORE.search(text, max(0, figure.anchor - 30), figure.anchor)
    if word is None or word.group("word").upper() in ISO_CODES or word.group("word").lower() in CURRENCIES:
        return False
    return text[document.sentence_of(figure.anchor)[0]:word.start()].strip() != ""


def find(document: Document):
    text = document.text
    for figure in figures(text):
        adjectival = _adjectival(text, figure.end) if figure.tail < 0 else None
        glued = GLUED_UNIT.match(text, figure.end) if figure.tail < 0 and figure.value_high is None \
            and text[figure.end:figure.end + 1] in _GLUED_FIRST else None
        if glued:  # "2.023km"
            noun, stop = glued.group(), glued.end()
        else:
            noun, stop = (adjectival.group("noun"), adjectival.end()) if adjectival else noun_after(text, figure.stop)
        year_like = _year_like(figure.value)
        if year_like and figure.hedge is None and not (noun and noun.endswith("s")) \
                and text[figure.anchor:figure.end].split("-")[0].split(" ")[0].isdigit():
            continue  # a year, claimed by the date kind
        if _not_a_count(text, figure) or _designation(document, figure):
            continue
        if year_like and PERIOD_LABEL.search(text, max(0, figure.anchor - 12), figure.anchor):
            continue  # "Q1 2024 results": a reporting period's label
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
    ("The 57-km tunnel runs under the Alps.", "57-km"),
    ("Its main span is 2.023km.", "2.023km"),
    ("The towers are 318m high.", "318m"),
    ("The plant adds 100MW of capacity.", "100MW"),
    ("The fund has 3m members.", None),
    ("The 55-member bloc joined the group.", "55-member"),
    ("The series went to Game 7 in Cleveland.", None),
    ("Dozens of people were hurt.", None),
    ("A third of voters stayed home.", "A third"),
    ("Argentina won for a third time.", None),
    ("The club chased a fifth straight title.", None),
))
