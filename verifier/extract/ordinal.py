"""Ordinals: "first-ever presidency", "third term", "21st summit", "one hundred twenty-fifth",
and an ordinal that stands alone where no noun follows ("11th", "twenty-first", "finished second").

The counted noun is the noun phrase up to its head ("third World Series title"), and a bare
"first" is no claim ("the first woman", "the first half"): only "first-ever X" or a place.

A spelled ordinal may carry a cardinal before it ("one hundred twenty-fifth", "two hundredth");
a unit word before a small ordinal makes a fraction instead ("one third", "two fifths").
"""

from __future__ import annotations

import re

from ..document import Document
from ..records import Claim
from .anchors import Anchors, finditer, word_before
from .base import Kind
from .lexicon import BIG_SCALES, ORDINALS, TENS, UNITS, alternation
from .numbers import _read, noun_phrase_after

_CARDINAL = alternation([*UNITS, *TENS, "hundred", *BIG_SCALES])
PATTERN = re.compile(
    rf"""(?<![\w-])(?P<prefix>(?:an?\s+)?(?:(?:{_CARDINAL})(?:\s+and\s+|\s*-\s*|\s+)){{0,8}})
        (?:(?P<word>{alternation(ORDINALS)})|(?<![\d.,])(?P<digits>\d+)(?:st|nd|rd|th))(?P<ever>-ever)?\b
        (?![\s-]+(?:of|time)\b)""",
    re.IGNORECASE | re.VERBOSE)
# Verbs after which a small ordinal stands for a place: "She finished second", "came third".
PLACED = re.compile(r"\b(?:finish(?:ed|es|ing)?|c[oa]me|coming|placed?|rank(?:ed|s|ing)?|end(?:ed|s)?\s+up)"
                    r"(?:\s+in)?\s+$", re.IGNORECASE)
_SMALL = {w for w, v in ORDINALS.items() if v < 11}
# Ordinals that describe rather than count ("first woman", "first half", "First Minister"): a claim
# only as "first-ever X" or a place ("finished first").
DESCRIPTIVE = {"first"}


def _value(prefix: str, word: str) -> float | None:
    """The value of a spelled ordinal with its cardinal prefix, or None when the prefix makes a fraction."""
    ordinal = ORDINALS[word.lower()]
    prefix = re.sub(r"(?:\s+and)?[\s-]*$", "", prefix, flags=re.IGNORECASE)
    words = prefix.strip(" -").lower().split()
    if not words:
        return ordinal
    if words in (["a"], ["an"]):
        return None if ordinal >= 100 else ordinal  # "a hundredth" is a fraction; "a third term" an ordinal
    number = _read(prefix.strip(" -"), 0)
    if number is None or number.end != len(prefix.strip(" -")) or number.value <= 0:
        return None
    if ordinal >= 100:
        return number.value * ordinal  # "two hundredth", "three trillionth"
    last = re.split(r"[\s-]+", prefix.strip(" -").lower())[-1]
    if last not in TENS and last not in ("hundred", *BIG_SCALES):
        return None  # "one third", "two fifths": fractions
    if last in TENS and ordinal >= 10:
        return None
    return number.value + ordinal


_SUFFIX = re.compile(r"(?:st|nd|rd|th)", re.IGNORECASE)
_SUFFIX_FIRST = {"s", "S", "\u017f", "n", "N", "r", "R", "t", "T"}  # with the long s re.IGNORECASE takes for "s"
_PREFIX_WORD = re.compile(rf"(?:{_CARDINAL}|and|an?)", re.IGNORECASE)
_WORD = re.compile(r"\w*")
_MOST_PREFIX_WORDS = 17  # "a", eight cardinals and the "and"s between them


def _ordinals(text: str, anchors: Anchors) -> list[int]:
    """An ordinal word or digits with their suffix, and each word of a cardinal prefix before it ("one hundred
    twenty-fifth", "a third")."""
    found = []
    heads = [*anchors.of("ordinal"), *(start for start, end in anchors.digits
                                       if text[end:end + 1] in _SUFFIX_FIRST and _SUFFIX.match(text, end))]
    for start in heads:
        found.append(start)
        for _ in range(_MOST_PREFIX_WORDS):
            before = word_before(text, start, "space-hyphen")
            if before is None or not _PREFIX_WORD.fullmatch(text, before, _WORD.match(text, before).end()):
                break
            found.append(before)
            start = before
    return found


WHERE = {PATTERN: _ordinals}


def find(document: Document):
    text = document.text
    for match in finditer(PATTERN, text, WHERE[PATTERN]):
        if match.group("word"):
            prefix = match.group("prefix") or ""
            value = _value(prefix, match.group("word"))
            if value is None:
                continue
            start = match.start() if prefix.strip() and prefix.strip().lower() not in ("a", "an") else match.start("word")
        else:
            value, start = int(match.group("digits")), match.start("digits")
        value = int(value) if float(value).is_integer() else value
        word = (match.group("word") or "").lower()
        placed = PLACED.search(text, max(0, start - 24), start)
        if word in DESCRIPTIVE and start == match.start("word") and not match.group("ever") and not placed:
            continue
        noun, end = noun_phrase_after(text, match.end())
        if noun is None:
            small = match.group("word") and match.group("word").lower() in _SMALL and start == match.start("word")
            if small and not placed:
                continue  # "first" alone is an adverb ("He came first to the door" needs a verb of placing)
            end = match.end()
        yield Claim("ordinal", start, end, text[start:end], value, unit=noun, anchor=start, figure_end=match.end(),
                    precision="exact", noun=noun)


KIND = Kind("ordinal", find, rank=20, judged_as=("quantity",), judge="quantity", examples=(
    ("It was India's first-ever presidency of the bloc.", "first-ever presidency"),
    ("She won a third term in office.", "third term"),
    ("Delegates gathered for the 21st summit.", "21st summit"),
    ("The city marks its one hundred twenty-fifth year.", "one hundred twenty-fifth year"),
    ("The team finished second.", "second"),
    ("He was the first to arrive.", None),
    ("It was the new government's first full budget.", None),
    ("They won their third World Series title.", "third World Series title"),
    ("Two thirds of the seats went to the coalition.", None),
))
