"""Numbers in digits and words, their hedges and counted nouns: the grammar the numeric kinds share.

One compiled pattern finds every number; `parse_number` turns its text into a
value. Guards tell a figure from a name ("S-400", "G20", "Article 370").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .lexicon import DOZENS, FRACTIONS, HEDGES, SCALES, TENS, UNITS, alternation

_WORD = alternation([*UNITS, *TENS, "hundred", "thousand", "million", "billion", "trillion", "lakh", "crore"])
_SCALE = alternation([s for s in SCALES if len(s) > 2 or s in ("mn", "bn", "tn")])
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
NUMBER = re.compile(
    rf"""(?<![\w.,])(?:
        (?P<digits>{DIGITS})(?:\s*(?P<scale>{_SCALE})\b)?
      | (?P<words>(?:a\s+|one\s+)?(?:{_WORD})(?:(?:\s+and\s+|\s+|-)(?:{_WORD}))*)\b
        (?:\s+(?P<wscale>million|billion|trillion|lakh|crore)\b)?
      | (?P<dozen>(?:a|one|two|three|four|half\s+a)\s+dozen|dozens)\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
FRACTION = re.compile(
    rf"\b(?P<num>a|one|two|three|four|five|six|seven|nine)[\s-](?P<den>{alternation(FRACTIONS)})\b|\bhalf\b",
    re.IGNORECASE)
HEDGE_BEFORE = re.compile(rf"\b(?P<hedge>{alternation(HEDGES)})\s+$", re.IGNORECASE)
RANGE_AFTER = re.compile(rf"\s*(?:-|–|—|to)\s*(?P<high>{DIGITS})(?![\w])", re.IGNORECASE)
BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
AND_AFTER = re.compile(rf"\s+and\s+(?P<high>{DIGITS}|{_WORD}(?:-{_WORD})?)\b", re.IGNORECASE)

# Words that, right before a number, make it part of a name or a reference.
NAME_WORDS = {
    "article", "section", "rule", "clause", "chapter", "schedule", "resolution", "no", "number", "flight",
    "boeing", "airbus", "model", "version", "route", "gate", "room", "platform", "highway", "nh", "page",
    "pages", "covid", "phase", "level", "grade", "class", "mark", "mk", "series", "vol", "volume", "item",
    "paragraph", "para", "act", "bill", "case", "block", "sector", "tier", "category", "cat", "type",
    "iphone", "windows", "ios", "android", "vision", "agenda", "ward", "booth", "seat", "lane", "road",
    "street", "unit", "wing", "battalion", "brigade", "division", "regiment", "squadron", "corps",
}
STOP_WORDS = {
    "in", "on", "at", "of", "from", "to", "for", "with", "by", "and", "or", "but", "were", "was", "is", "are",
    "have", "has", "had", "who", "which", "that", "the", "a", "an", "said", "after", "before", "during",
    "including", "since", "as", "than", "per", "their", "his", "her", "its", "this", "these", "those",
    "be", "been", "being", "will", "would", "could", "across", "into", "over", "under", "while", "when",
    "where", "also", "more", "less", "ago", "earlier", "later", "each", "out", "up", "so", "not",
}
IRREGULAR_PLURALS = {"people", "children", "men", "women", "police", "personnel", "staff", "crew", "cattle",
                     "feet", "teeth", "mice", "geese", "livestock", "youth", "faithful"}
_NOUN_TOKEN = re.compile(r"\s*([A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)")


MAX_FIGURE = 1e16  # beyond any count or sum a news story states


@dataclass(frozen=True)
class Number:
    start: int
    end: int
    value: float
    rounded: bool  # written with a scale word or as words: "1.5 million", "three dozen"


def _words_value(text: str) -> float:
    total, current = 0.0, 0.0
    for word in re.split(r"[\s-]+", text.lower()):
        if word in ("and", ""):
            continue
        if word in ("a", "one") and current == 0:
            current = 1
        elif word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif current == 0 and total:
            total *= SCALES[word]  # "three lakh crore": a scale of a scale
        else:
            total += (current or 1) * SCALES[word]
            current = 0
    return total + current


def parse_number(match: re.Match) -> float:
    if match.group("digits"):
        value = float(match.group("digits").replace(",", ""))
        scale = match.group("scale")
        return value * SCALES[scale.lower()] if scale else value
    if match.group("dozen"):
        text = match.group("dozen").lower()
        head = text.split()[0]
        count = 0.5 if head == "half" else 1 if head in ("a", "one", "dozens") else UNITS[head]
        return count * DOZENS[text.split()[-1]]
    value = _words_value(match.group("words"))
    if match.group("wscale"):
        value *= SCALES[match.group("wscale").lower()]
    return value


def is_name_part(text: str, start: int, end: int) -> bool:
    """Whether the number at [start, end) belongs to a designation or reference."""
    before, after = text[max(0, start - 2):start], text[end:end + 2]
    prev1, prev2, next1, next2 = before[-1:], before[-2:-1], after[:1], after[1:2]
    if prev1.isalpha() or prev1 in ("#", "/") and prev1:
        return True  # G20, A320, #3, 24/7
    if prev1 == "-" and prev2.isalnum():
        return True  # S-400, MiG-29, Covid-19
    if next1.isalpha() or next1 == "/":
        return True  # 130J, 4G
    if next1 == "-" and next2.isdigit():
        high = re.match(r"\d+", text[end + 1:])
        low = text[start:end].replace(",", "")
        if low.isdigit() and int(high.group()) <= int(low):
            return True  # 787-8 (a range runs upwards: 20-25)
    previous = re.search(r"([A-Za-z]+)\.?\s+$", text[max(0, start - 20):start])
    return bool(previous and previous.group(1).lower() in NAME_WORDS)


def hedge_before(text: str, start: int) -> tuple[str | None, int]:
    """The hedge right before `start` ("more than 20"), and where the claim then begins."""
    match = HEDGE_BEFORE.search(text, max(0, start - 30), start)
    if match is None:
        return None, start
    return HEDGES[re.sub(r"\s+", " ", match.group("hedge").lower())], match.start()


def range_after(text: str, end: int) -> tuple[float | None, int]:
    """A range's upper figure right after a number ("20-25", "20 to 25")."""
    match = RANGE_AFTER.match(text, end)
    if match is None:
        return None, end
    return float(match.group("high").replace(",", "")), match.end()


def _plural(word: str) -> bool:
    word = word.lower()
    return word in IRREGULAR_PLURALS or (word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 2)


def noun_after(text: str, end: int, limit: int = 4) -> tuple[str | None, int]:
    """The counted noun phrase after a figure, up to its plural head ("high-value terrorist infrastructures").

    With limit=1 the next word is taken as it is ("third term").
    """
    words, position = [], end
    for _ in range(limit):
        match = _NOUN_TOKEN.match(text, position)
        if match is None or match.group(1).lower() in STOP_WORDS:
            break
        if position != end and match.group(0)[:1] not in (" ",):
            break
        words.append(match.group(1))
        position = match.end()
        if _plural(match.group(1)) or limit == 1:
            return " ".join(words), position
    return None, end


@dataclass(frozen=True)
class Figure:
    """A number with its hedge or range: the part every numeric kind shares."""

    start: int  # where the claim text starts (the hedge, or "between")
    end: int    # where the figure (or the range's upper end) ends
    value: float
    value_high: float | None
    hedge: str | None
    rounded: bool
    anchor: int


def figures(text: str):
    """Every figure in the text that is not part of a name, with its hedge or range."""
    for match in NUMBER.finditer(text):
        start, end = match.span()
        if match.group("digits") and is_name_part(text, start, end):
            continue
        value = parse_number(match)
        if not math.isfinite(value) or value > MAX_FIGURE:
            continue  # a run of digits no newsroom figure has: an identifier, not a quantity
        rounded = bool(match.group("scale") or match.group("wscale") or match.group("dozen")
                       or (match.group("words") and value >= 100))
        high, stop = range_after(text, end)
        if high is not None and high <= value:
            high, stop = None, end
        hedge, begin = hedge_before(text, start)
        if high is None and BETWEEN_BEFORE.search(text, max(0, start - 10), start):
            upper = AND_AFTER.match(text, end)
            if upper:
                inner = NUMBER.match(upper.group("high"))
                if inner and inner.end() == len(upper.group("high")):
                    high, stop = parse_number(inner), upper.end()
                    begin = BETWEEN_BEFORE.search(text, max(0, start - 10), start).start()
        yield Figure(begin, stop, value, high, "range" if high is not None else hedge, rounded, start)
