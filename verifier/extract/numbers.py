"""Numbers in digits and words, their hedges and counted nouns: the grammar the numeric kinds share.

One compiled pattern finds where a number may start and one reads its tokens
("three", "hundred", "and", "21", "thirds"); `_Reader` puts the tokens together
the way English writes numbers and stops at the first one that does not fit, so
"two three-judge benches" is 2, not 5, and "4000 3 hundred" is two numbers.
Guards tell a figure from a name ("S-400", "G20", "Article 370", "192.168.1.2").
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import NamedTuple

from .anchors import Anchors, finditer, letters_before, reversed_text, word_before
from .lexicon import (BIG_SCALES, DENOMINATORS, DIGIT_SUFFIXES, DOZENS, HEDGE_SYMBOLS, HEDGES, HEDGES_AFTER, MONTHS,
                      TENS, UNITS, VULGAR_FRACTIONS, ZEROS, alternation, measure)

_SPACE = "[ \u00a0\u202f\u2009]"  # a thousands separator in "1 234 567" and "40\u202f000"
DIGITS = (r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?"
          rf"|\d{{1,3}}(?:{_SPACE}\d{{3}})+(?![\d,]|\.\d{{3}})(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+")
_VULGAR = "".join(VULGAR_FRACTIONS)
_SMALL_WORDS = {**UNITS, **ZEROS, **TENS}
_WORD_LIST = [*_SMALL_WORDS, "hundred", "hundreds", *BIG_SCALES, *DENOMINATORS, *DOZENS, "point"]
_WORDS = alternation(_WORD_LIST)
# One token of a number: digits (with a fraction, exponent or scale suffix), a vulgar or slashed
# fraction, or a number word. A slashed fraction with a longer denominator needs "of" after it
# ("1/40 of the budget"), so that dates and scores ("5/17", "24/7") stay out. The look ahead before a scale
# suffix is for the suffixes' first letters: most digits have none, and trying each suffix with and without
# a blank before it was a third of a token's time.
TOKEN = re.compile(
    rf"""(?P<slash>\d/\d(?![\d/])|\d{{1,2}}/\d{{2,3}}(?=\s+of\b))
      | (?P<digits>{DIGITS})(?P<vulgar_after>[{_VULGAR}])?
          (?:(?P<exp>[eE][+-]?\d+)(?!\w)|\s?[x×]\s?10\^(?P<exp10>[+-]?\d+)|\^(?P<power>[+-]?\d+))?
          (?:(?=\s?(?:(?-i:[kM])|[bmt]))\s?(?P<suffix>(?-i:k|MM)|bn|mn|tn|mln|bln|tln|mil)(?![\w]|-[^\W\d])
            |(?P<b>(?<=\.\d)(?-i:b)|(?<=\.\d\d)(?-i:b))\b)?
      | (?P<vulgar>[{_VULGAR}])
      | (?P<word>{_WORDS})\b""",
    re.IGNORECASE | re.VERBOSE)
# Characters a token may begin with besides a digit: a point, a vulgar fraction, a number word's first letter
# in either case, and the letters re.IGNORECASE also takes for it (long s, Kelvin sign, dotted and dotless i).
_IGNORECASE_ALSO = {"s": "\u017f", "k": "\u212a", "i": "\u0130\u0131"}
TOKEN_FIRST = frozenset({".", *_VULGAR, *(c for word in _WORD_LIST
                                          for c in (word[0], word[0].upper(), *_IGNORECASE_ALSO.get(word[0], "")))})
_PLAIN_DIGITS = TOKEN.groupindex["digits"]  # a match's last group when no fraction, exponent or scale follows
# What may join two tokens: "and", "of", "a", a hyphen, or a space (never a line break).
JOIN = re.compile(r"(?P<and>[ \t]+and\b)?(?P<of>[ \t]+of\b)?(?P<article>[ \t]+an?\b)?(?P<hyphen>[ \t]*-[ \t]*)?[ \t]*",
                  re.IGNORECASE)
_STARTERS = alternation([*_SMALL_WORDS, "half", "quarter"])
_AFTER_ARTICLE = alternation([*BIG_SCALES, "hundred", "dozen", *DENOMINATORS])
START = re.compile(
    rf"""(?<![\w.,])(?P<sign>(?:minus|negative)\s+|[-−](?=\.?\d)|-\s(?=\d+\s+\d/\d))?
        (?:[\d{_VULGAR}]|\.\d|an?\s+(?=(?:{_AFTER_ARTICLE})\b)|(?:{_STARTERS})\b)""",
    re.IGNORECASE | re.VERBOSE)

THE_BEFORE = re.compile(r"\b(?:the|these|those)\s+$", re.IGNORECASE)
HEDGE_BEFORE = re.compile(rf"\b(?P<hedge>{alternation(HEDGES)})\s+$", re.IGNORECASE)
SYMBOL_BEFORE = re.compile(rf"(?<![<>=])(?P<hedge>{alternation(HEDGE_SYMBOLS).replace('=', r'[ ]?=')})\s*$")
# The same, read leftwards from the figure in the reversed text (a test, not the match: it ignores the window).
_HEDGE_BEFORE_REVERSED = re.compile(rf"\s+(?:{alternation(h[::-1] for h in HEDGES)})", re.IGNORECASE)
_SYMBOL_ENDS = {symbol[-1] for symbol in HEDGE_SYMBOLS}
HEDGE_AFTER = re.compile(rf"\s*,?\s+(?P<hedge>{alternation(HEDGES_AFTER)})\b", re.IGNORECASE)
RANGE_AFTER = re.compile(r"\s*(?:-|–|—|~|\bto\b|\bthrough\b|\bthru\b)\s*", re.IGNORECASE)
BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
AND_AFTER = re.compile(r"\s+and\s+", re.IGNORECASE)
# A second bound joined to a first: "more than 10 and less than 40", "at most 100, at least 20".
SECOND_BOUND = re.compile(rf"\s*(?:,\s*|\s+(?:and|but)\s+|,\s*(?:and|but)\s+)(?P<hedge>{alternation(HEDGES)})\s+",
                          re.IGNORECASE)
MONTH_BEFORE = re.compile(rf"\b(?:{alternation(MONTHS)})\.?\s+$", re.IGNORECASE)

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
    "where", "also", "more", "less", "ago", "earlier", "later", "each", "out", "up", "so", "not", "equals",
    "equal", "plus", "minus", "times",
}
MEASURE_WORDS = {"km", "m", "mi", "ft", "kg", "t", "cm", "mm", "MW", "GW", "kW", "mph", "km/h", "ha", "metre", "meter",
                 "kilometre", "kilometer", "mile", "foot", "tonne", "hectare"}
IRREGULAR_PLURALS = {"people", "children", "men", "women", "police", "personnel", "staff", "crew", "cattle",
                     "feet", "teeth", "mice", "geese", "livestock", "youth", "faithful"}
_NOUN_TOKEN = re.compile(r"\s*([A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)")


# Small patterns of the reader, compiled once; each is matched at a position of the text, never on a copy of
# the rest of it (a slice to the end would make a text of many figures cost its length squared).
_SEPARATORS = re.compile(r"[,\s]")
_ARTICLE = re.compile(r"an?\s+", re.IGNORECASE)
_AT_BEFORE = re.compile(r"\bat\s+$", re.IGNORECASE)
_SPACE_IN = re.compile(r"\s")
_DIGIT_RUN = re.compile(r"\d+")
_THAN = re.compile(r"\s+than\b", re.IGNORECASE)
_TO = re.compile(r"\s+to\b", re.IGNORECASE)
_SPACES = re.compile(r"\s*")

MAX_FIGURE = 1e16  # beyond any count or sum a news story states


# Number, _Token and Figure are named tuples, not frozen dataclasses: as immutable, and made three times faster
# (every figure of a text makes one of each). Where the commonest figures make them, they are made with _make
# from a tuple of every field, which skips the named tuple's generated __new__ (a Python call: twice the time).
_make = tuple.__new__


class Number(NamedTuple):
    """A number as written: where it is, its value, and how it was written."""

    start: int  # the sign's start, if any
    end: int
    value: float
    rounded: bool  # written with a scale word, in words from a hundred up, or as a fraction
    digits: bool   # begins with digits (names and references are written in digits)
    fraction: bool = False  # a fraction alone ("two thirds", "¾"), not a count


class _Token(NamedTuple):
    kind: str  # article, digits, slash, vulgar, unit, teen, ten, hundred, big, denominator, dozen, point
    value: float
    start: int
    end: int
    join: str  # how it joins the token before: start, space, and, and_article, article, hyphen, spaced_hyphen
    word: str = ""
    integer: bool = True


def _classify(match: re.Match, join: str) -> _Token | None:
    start, end = match.span()
    if match.lastindex == _PLAIN_DIGITS:  # digits alone, the commonest token: nothing after them to read
        raw = match.group()
        return _make(_Token, ("digits", float(raw if raw.isdecimal() else _SEPARATORS.sub("", raw)), start, end, join,
                              "", "." not in raw))
    if match.group("digits"):
        raw = match.group("digits")
        value = float(raw if raw.isdecimal() else _SEPARATORS.sub("", raw))
        integer = "." not in raw
        if match.group("vulgar_after"):
            value, integer = value + VULGAR_FRACTIONS[match.group("vulgar_after")], False
        exponent = match.group("exp") or match.group("exp10")
        try:
            if exponent:
                value, integer = value * 10.0 ** int(exponent.lstrip("eE")), False
            elif match.group("power"):
                value, integer = value ** int(match.group("power")), False
        except (OverflowError, ZeroDivisionError):
            return None
        suffix = match.group("suffix") or match.group("b")
        if suffix == "b":
            value *= 1e9  # "1.2b": only after a decimal, so "Room 3b" stays a name
        elif suffix:
            value *= DIGIT_SUFFIXES.get(suffix, DIGIT_SUFFIXES.get(suffix.lower(), 1))
        return _Token("digits", value, start, end, join, "suffix" if suffix else "", integer and not suffix)
    if match.group("slash"):
        top, bottom = (int(d) for d in match.group("slash").split("/"))
        return _Token("slash", top / bottom, start, end, join) if 0 < top < bottom else None
    if match.group("vulgar"):
        return _Token("vulgar", VULGAR_FRACTIONS[match.group("vulgar")], start, end, join)
    word = match.group("word").lower()
    if word == "point":
        return _Token("point", 0, start, end, join, word)
    if word in UNITS or word in ZEROS:
        value = UNITS.get(word, 0)
        return _Token("unit" if value < 10 else "teen", value, start, end, join, word)
    if word in TENS:
        return _Token("ten", TENS[word], start, end, join, word)
    if word in ("hundred", "hundreds"):
        return _Token("hundred", 100, start, end, join, word)
    if word in BIG_SCALES:
        return _Token("big", BIG_SCALES[word], start, end, join, word)
    if word in DOZENS:
        return _Token("dozen", 12, start, end, join, word)
    return _Token("denominator", DENOMINATORS[word], start, end, join, word)


def _join(glue: re.Match, pos: int) -> str | None:
    if glue.lastindex is None:  # no "and", "of", article or hyphen: blanks or nothing
        return "space" if glue.end() > pos else None
    if glue.group("of") and not glue.group("article"):
        return None
    if glue.group("and"):
        return None if glue.group("of") or glue.group("hyphen") else "and_article" if glue.group("article") else "and"
    if glue.group("article"):
        return None if glue.group("hyphen") else "article"
    if glue.group("hyphen"):
        return "hyphen" if glue.group("hyphen") == "-" else "spaced_hyphen"
    return "space" if glue.end() > pos else None


SHORT_RUN, LONG_RUN = 6, 24  # number tokens read ahead of a figure: first, and when the first run is not enough


def _tokens(text: str, pos: int, limit: int = LONG_RUN) -> list[_Token]:
    """The run of number tokens from `pos`, each with how it joins the one before."""
    tokens: list[_Token] = []
    article = _ARTICLE.match(text[pos:pos + 4]) if text[pos:pos + 1] in ("a", "A") else None
    if article:
        tokens.append(_Token("article", 1, pos, pos + len(article.group().rstrip()), "start", "a"))
        pos += article.end()
    join = "space" if tokens else "start"
    while len(tokens) < limit:
        first = text[pos:pos + 1]
        if not (first.isdecimal() or first in TOKEN_FIRST):
            break  # no token begins here (most numbers end before a word)
        match = TOKEN.match(text, pos)
        token = _classify(match, join) if match else None
        if token is None:
            break
        tokens.append(token)
        pos = match.end()
        glue = JOIN.match(text, pos)
        join = _join(glue, pos)
        if join is None:
            break
        pos = glue.end()
    return tokens


class _Reader:
    """Reads number tokens left to right; `best` is the longest prefix that is a whole number.

    "one and a half" (a mixed number), "3 million and a half" (a fraction of the last scale),
    "five and a half million" (a scale of the whole), "twenty-three fifths" (a count over a
    denominator), "two hundred point zero three", "4 thousand 3 hundred and 21".
    """

    HANDLERS: dict = {}  # a token's kind -> the method that reads it; filled once the class is made (below)

    def __init__(self, tokens: list[_Token], text: str, start: int):
        self.tokens, self.text, self.start = tokens, text, start  # the text, for the look before a "point"
        self.total, self.group, self.big = 0.0, None, math.inf
        self.last: str | None = None
        self.mixed: float | None = None  # the whole number before "and" in "one and a half"
        self.of_scale = False  # "3 million and a half": the fraction is of the last scale
        self.fraction_only = False
        self.rounded = False
        self.places = ""
        self.best: tuple[int, float, bool, bool] | None = None  # (last token, value, rounded, fraction alone)

    def value(self) -> float:
        if self.of_scale:
            return self.total + (self.group or 0.0) * self.big
        return (self.mixed or 0.0) + self.total + (self.group or 0.0)

    def read(self) -> tuple[int, float, bool, bool] | None:
        for index, token in enumerate(self.tokens):
            if not self._step(index, token):
                break
            if self.last not in ("point", "article", "pending"):
                self.best = (index, self.value(), self.rounded, self.fraction_only)
        return self.best

    def _ends_in_denominator(self, index: int) -> bool:
        """Whether the count from `index` on ends in a denominator ("and three fifths")."""
        for offset, token in enumerate(self.tokens[index:index + 4]):
            if token.kind == "denominator":
                return True
            if token.kind not in ("unit", "teen", "ten") or (offset and token.join not in ("space", "hyphen")):
                return False
        return False

    def _step(self, index: int, token: _Token) -> bool:  # noqa: C901 - one state machine, kept in one place
        kind, join, last = token.kind, token.join, self.last
        if join in ("and", "and_article"):
            if join == "and_article" and kind != "denominator":
                return False
            following = self.tokens[index + 1] if index + 1 < len(self.tokens) else None
            if join == "and" and following is not None and following.join == "space" and following.kind in (
                    "hundred", "big") and following.value >= (100 if last == "hundred" else self.big):
                return False  # "3 hundred and 2 hundred": two numbers
            if join == "and" and last in ("hundred", "big") and not self._ends_in_denominator(index):
                pass  # "three hundred and two", "6 crore and two hundred"
            elif join == "and_article" or self._ends_in_denominator(index):
                if self.mixed is not None or self.fraction_only or last in ("fraction", "point", "decimal", "dozen"):
                    return False
                if last == "big" and self.big >= 1e6:
                    self.of_scale = True  # "3 million and a half", "one billion and a quarter million"
                else:
                    self.mixed, self.total = self.value(), 0.0
                self.group, last = (1.0 if join == "and_article" else None), ("pending" if join == "and_article" else None)
            else:
                return False
        if join == "spaced_hyphen" and not ((last == "ten" and kind == "unit") or kind == "denominator"):
            return False
        if join == "article" and not (last == "fraction" and kind in ("big", "dozen")):
            return False
        if join == "hyphen" and kind in ("digits", "slash", "vulgar", "hundred", "big", "point"):
            return False
        return self.HANDLERS[kind](self, index, token, last)

    def _article(self, index, token, last) -> bool:
        self.group, self.last = 1.0, "article"
        return last is None

    def _digits(self, index, token, last) -> bool:
        if last is None:
            self.group = token.value
            self.last = "digits" if token.integer else "decimal"
            self.rounded = self.rounded or token.word == "suffix"
            return True
        if last in ("big", "hundred") and token.integer and 0 < token.value < (100 if last == "hundred" else self.big):
            self.group = (self.group or 0.0) + token.value if last == "hundred" else token.value
            self.last = "tail" if last == "hundred" else "digits"
            return True
        return False

    def _slash(self, index, token, last) -> bool:
        if last is None:
            self.group, self.fraction_only = token.value, True
        elif last == "digits" and token.join == "space":
            self.group += token.value
        else:
            return False
        self.rounded, self.last = True, "fraction"
        return True

    _vulgar = _slash

    def _unit(self, index, token, last) -> bool:
        if last in ("point", "decimal_words", "decimal_ten"):
            return self._decimal(token)
        if token.value == 0 and last is not None:
            return False
        if last is None:
            self.group = token.value
        elif last == "ten" and token.kind == "unit" and token.value and token.join in ("hyphen", "space", "spaced_hyphen"):
            self.group += token.value
            self.last = "tenunit"
            return True
        elif last == "hundred" and token.join in ("space", "and"):
            self.group += token.value
            self.last = "tail"
            return True
        elif last == "big" and token.join in ("space", "and") and not self._digit_led():
            self.group = token.value
        else:
            return False
        self.last = token.kind
        return True

    _teen = _unit

    def _digit_led(self) -> bool:
        """Whether the figure began with digits: no number word goes on from its scale ("$12.3 billion three
        months earlier", "$5 million two years ago" are two numbers)."""
        return self.tokens[0].kind == "digits"

    def _ten(self, index, token, last) -> bool:
        if last == "point":
            return self._decimal(token)
        if last is None:
            self.group = token.value
        elif last in ("hundred", "big") and token.join in ("space", "and") and not (last == "big" and self._digit_led()):
            self.group = (self.group or 0.0) + token.value if last == "hundred" else token.value
        else:
            return False
        self.last = "ten"
        return True

    def _point(self, index, token, last) -> bool:
        if token.join != "space" or last not in ("unit", "teen", "ten", "tenunit", "hundred", "tail") \
                or _point_idiom(self.text, self.start):
            return False
        self.whole, self.places, self.last = self.value(), "", "point"
        return True

    def _decimal(self, token: _Token) -> bool:
        if self.last == "decimal_words" and token.kind != "unit":
            return False
        if self.last == "decimal_ten":
            if token.kind != "unit" or token.join not in ("hyphen", "space"):
                return False
            self.places, self.last = self.places + str(int(token.value)), "decimal_done"
        elif token.kind == "ten":
            self.places, self.last = self.places + str(int(token.value) // 10), "decimal_ten"
            self.mixed, self.total, self.group = None, 0.0, float(f"{int(self.whole)}.{self.places}")
            return True
        elif token.kind == "teen":
            self.places, self.last = self.places + str(int(token.value)), "decimal_done"
        else:
            self.places, self.last = self.places + str(int(token.value)), "decimal_words"
        self.mixed, self.total, self.group = None, 0.0, float(f"{int(self.whole)}.{self.places}")
        return True

    def _hundred(self, index, token, last) -> bool:
        if token.join != "space" or self.group is None or not 0 < self.group < 100 or (
                self.group != int(self.group) and last != "decimal"):
            return False
        if last not in ("unit", "teen", "ten", "tenunit", "digits", "decimal", "article") or (token.word == "hundreds" and
                                                                                  last == "article"):
            return False
        self.group *= 100
        self.rounded, self.last = True, "hundred"
        return True

    def _big(self, index, token, last) -> bool:
        if last == "fraction" and self.mixed is not None and self.big == math.inf:
            self.total, self.mixed = (self.mixed + self.group) * token.value, None  # "five and a half million"
        elif last == "fraction" and self.of_scale and token.value < self.big:
            self.total, self.of_scale = self.total + self.group * token.value, False  # "one billion and a half million"
        elif self.group is not None and self.group > 0 and token.value < self.big and not self.of_scale \
                and self.mixed is None and last not in ("point", "pending"):
            self.total += self.group * token.value
        elif self.group is None and last == "big" and self.total and token.join == "space":
            self.total *= token.value  # "three lakh crore": a scale of a scale
        else:
            return False
        self.group, self.big = None, token.value
        self.fraction_only = False
        self.rounded, self.last = True, "big"
        return True

    def _dozen(self, index, token, last) -> bool:
        if self.group is None or last not in ("unit", "teen", "ten", "tenunit", "digits", "article", "fraction"):
            return False
        if token.word == "dozens" and last in ("article", "fraction"):
            return False
        self.group *= 12
        self.fraction_only = False
        self.rounded, self.last = True, "dozen"
        return True

    def _denominator(self, index, token, last) -> bool:
        plural = token.word.endswith("s")
        if last is None and token.word in ("half", "quarter") and token.join == "start":
            numerator = 1.0  # "half million", "quarter million"
        elif last in ("unit", "teen", "ten", "tenunit", "article", "pending", "hundred", "tail", "big"):
            if token.join not in ("space", "hyphen", "spaced_hyphen", "and_article"):
                return False
            numerator = (self.group or 0.0) if (self.mixed is not None or self.of_scale or last == "pending") else \
                self.value()
        else:
            return False
        if numerator <= 0 or (not plural and numerator != 1) or numerator != int(numerator):
            return False
        fraction = numerator / token.value
        if self.of_scale or self.mixed is not None:
            self.group = fraction
        else:
            self.total, self.group, self.fraction_only = 0.0, fraction, True
        self.rounded, self.last = True, "fraction"
        return True


_Reader.HANDLERS = {kind: getattr(_Reader, "_" + kind) for kind in (
    "article", "digits", "slash", "vulgar", "unit", "teen", "ten", "point", "hundred", "big", "dozen", "denominator")}


def _point_idiom(text: str, start: int) -> bool:
    """Whether "at" stands before the number at `start`, so "point" belongs to the idiom ("At one point five
    soldiers were missing"), not the number; asked only when a "point" token follows (most numbers have none)."""
    return text[start - 1:start].isspace() and bool(_AT_BEFORE.search(text[max(0, start - 4):start]))


def _read(text: str, start: int) -> Number | None:
    """The number whose first token is at `start`, or None."""
    # Most numbers are a token or two: read a short run first, and the long one only when the reading
    # reached near its end (the reader looks at most 4 tokens past where it stops), so a text of figures
    # costs a few tokens per figure, not 24.
    for limit in (SHORT_RUN, LONG_RUN):
        tokens = _tokens(text, start, limit)
        if not tokens:
            return None
        found = _Reader(tokens, text, start).read()
        if len(tokens) < limit or (found is not None and found[0] < limit - 5):
            break
    if found is None:
        return None
    index, value, rounded, fraction = found
    first, end = tokens[0], tokens[index].end
    if first.kind == "digits" and _SPACE_IN.search(text, first.start, first.end) \
            and MONTH_BEFORE.search(text, max(0, start - 12), start):
        # "June 5 100 people": a day of the month, then a count, not 5,100
        match = _DIGIT_RUN.match(text, start)
        return Number(start, match.end(), float(match.group()), False, True)
    return _make(Number, (start, end, value, rounded, first.kind in ("digits", "slash"), fraction))


START_HERE = re.compile(START.pattern.replace(r"(?<![\w.,])", "", 1), START.flags)


def number_at(text: str, pos: int) -> Number | None:
    """The number (with its sign) that starts exactly at `pos`, whatever stands before it ("USD115")."""
    match = START_HERE.match(text, pos)
    return _number(text, match) if match else None


def _number(text: str, match: re.Match) -> Number | None:
    body = match.end("sign") if match.group("sign") else match.start()
    number = _read(text, body)
    if number is None or not match.group("sign"):
        return number
    return Number(match.start(), number.end, -number.value, number.rounded, number.digits, number.fraction)


def _number_starts(text: str, anchors: Anchors) -> list[int]:
    """Where a number may start: digits and the sign or point before them ("-5", ".5", "-.5", "- 5 3/4"), a
    number word, a vulgar fraction, "minus", and the article before a scale ("a hundred")."""
    found = [*anchors.of("number"), *anchors.of("vulgar"), *anchors.of("sign")]
    for start in anchors.digit_starts():
        found.append(start)
        before = text[start - 1:start] if start else ""
        if before in ("-", "−", "."):
            found.append(start - 1)
            if before == "." and start > 1 and text[start - 2] in "-−":
                found.append(start - 2)
        elif before.isspace() and start > 1 and text[start - 2] == "-":
            found.append(start - 2)
    for start in anchors.of("after_article"):
        article = word_before(text, start)
        if article is not None:
            found.append(article)
    return found


WHERE = {START: _number_starts}


def numbers(text: str):
    """Every number of the text, left to right, never overlapping."""
    position = 0
    for match in finditer(START, text, WHERE[START]):
        if match.start() < position:
            continue
        number = _number(text, match)
        if number is not None:
            position = number.end
            yield number


# A unit of measure written onto the digits: "2.023km", "50kg", "100MW"; "318m" only as a dimension ("318m high"),
# since "3m" alone is as often three million.
GLUED_UNIT = re.compile(r"(?:km/h|kmh|kph|km|kg|cm|mm|mph|MW|GW|kW|ft|ha)\b"
                        r"|m\b(?=\s+(?:high|tall|long|wide|deep|above|below|in\s+(?:height|length|diameter)))")


def is_name_part(text: str, start: int, end: int) -> bool:
    """Whether the number at [start, end) belongs to a designation, a reference or an address."""
    prev1, next1 = text[start - 1] if start else "", text[end:end + 1]
    if prev1.isalpha() or prev1 in ("#", "/") and prev1:
        return True  # G20, A320, #3, 24/7
    if prev1 == "-" and text[start - 2:start - 1].isalnum():
        return True  # S-400, MiG-29, Covid-19
    if (next1.isalpha() and not GLUED_UNIT.match(text, end)) or next1 == "/":
        return True  # 130J, 4G; not "2.023km", "318m high"
    if next1 in ".:" and text[end + 1:end + 2].isdigit():
        return True  # 192.168.1.2, version 17.4.1
    high = _DIGIT_RUN.match(text, end + 1) if next1 == "-" else None  # not str.isdigit: "5-²" has no digits after
    if high is not None:
        low = text[start:end].replace(",", "")
        if low.isdigit() and int(high.group()) <= int(low):
            return True  # 787-8 (a range runs upwards: 20-25)
    previous = letters_before(text, start, 20)
    return bool(previous and text[previous[0]:previous[1]].lower() in NAME_WORDS)


def hedge_before(text: str, start: int) -> tuple[str | None, int]:
    """The hedge right before `start` ("more than 20", "> 30"), and where the claim then begins.

    "eq" is "equal to 20": no hedge, but the phrase belongs to the claim.
    """
    # Most figures have no hedge: a look leftwards from the figure rules that out before a search of the window.
    ends_in_hedge = _HEDGE_BEFORE_REVERSED.match(reversed_text(text), len(text) - start)
    match = HEDGE_BEFORE.search(text, max(0, start - 30), start) if ends_in_hedge else None
    if match is not None and not (match.group("hedge").lower() == "past" and THE_BEFORE.search(text, max(0, match.start() - 8), match.start())):
        return HEDGES[re.sub(r"\s+", " ", match.group("hedge").lower())], match.start()  # not "the past 9 years"
    tail = text[max(0, start - 5):start].rstrip()
    symbol = SYMBOL_BEFORE.search(text, max(0, start - 5), start) if tail and tail[-1] in _SYMBOL_ENDS else None
    if symbol is None:
        return None, start
    line_start = text.rfind("\n", 0, symbol.start()) + 1
    if not text[line_start:symbol.start()].strip():
        return None, start  # "> 26 people": a Markdown quote, not a bound
    return HEDGE_SYMBOLS[re.sub(r"\s+", "", symbol.group("hedge"))], symbol.start()


def hedge_after(text: str, end: int) -> tuple[str | None, int]:
    """A bound written after the figure ("20 or more", "500 or less", "more than 5000 or equal")."""
    match = HEDGE_AFTER.match(text, end)
    if match is None:
        return None, end
    stop = match.end()
    if _THAN.match(text, stop):
        return None, end  # "more than 40 and less than 10": a bound of the next figure
    if _TO.match(text, stop) and match.group("hedge").lower().startswith("or equal"):
        stop = _TO.match(text, stop).end()
    if number_at(text, _SPACES.match(text, stop).end()):
        return None, end  # "equal to 5000 or more than 4500": the bound belongs to the next figure
    return HEDGES_AFTER[re.sub(r"\s+", " ", match.group("hedge").lower())], stop


def with_after(hedge: str | None, after: str | None) -> str | None:
    """The hedge a figure has with a bound written after it as well."""
    if after is None:
        return hedge
    if after == "eq":
        return {"gt": "ge", "lt": "le"}.get(hedge, hedge)
    if hedge in ("gt", "ge", "just_over") and after == "le" or hedge in ("lt", "le", "near") and after == "ge":
        return hedge  # the two disagree: keep the bound written first
    return after


def _plural(word: str) -> bool:
    """Whether a lower-cased word is a plural noun."""
    return word in IRREGULAR_PLURALS or (word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 2)


# "250 km/h", "30 miles an hour", "11 km/s": a measure over a time is a speed, not the measure.
RATE_BASES = {"km", "m", "mi", "kilometres", "kilometers", "metres", "meters", "miles", "feet", "ft"}
PER_TIME = re.compile(r"/(?P<per>h|hr|s|sec|min)\b|\s+(?:an?|per)\s+(?P<per2>hour|second|minute)\b", re.IGNORECASE)


def noun_after(text: str, end: int, limit: int = 4) -> tuple[str | None, int]:
    """The counted noun phrase after a figure, up to its plural head ("high-value terrorist infrastructures").

    With limit=1 the next word is taken as it is ("third term").
    """
    words, position = [], end
    for _ in range(limit):
        match = _NOUN_TOKEN.match(text, position)
        if match is None:
            break
        word = match.group(1)
        low = word.lower()  # every figure reads a word or two here: each is lower-cased once
        if low in STOP_WORDS or (position != end and text[position] != " "):
            break
        words.append(word)
        position = match.end()
        # A unit of measure is a head of its own: "57,090 m long", "35.5 miles"; over a time it is a rate ("km/h").
        if len(words) == 1 and low in RATE_BASES:
            rate = PER_TIME.match(text, position)
            if rate is not None:
                per, unit = (rate.group("per") or rate.group("per2"))[0].lower(), measure(word)
                return {("h", "km"): "km/h", ("h", "mi"): "mph"}.get((per, unit), f"{word}/{per}"), rate.end()
        if _plural(low) or limit == 1 or (len(words) == 1 and word in MEASURE_WORDS):
            return " ".join(words), position
    return None, end


def noun_phrase_after(text: str, end: int, names: int = 3) -> tuple[str | None, int]:
    """The noun an ordinal counts: capitalised modifiers up to a head noun ("World Cup title", "term").

    "their third World Series title" counts titles: the linker matches the phrase's last word.
    Capitalised words with no head after them are the noun themselves ("the third Test").
    """
    words, position = [], end
    for _ in range(names + 1):
        match = _NOUN_TOKEN.match(text, position)
        if match is None or match.group(0)[:1] != " " or match.group(1).lower() in STOP_WORDS:
            break
        words.append(match.group(1))
        position = match.end()
        if not match.group(1)[0].isupper():
            return " ".join(words), position
    if words and len(words) <= names:
        return " ".join(words), position
    return None, end


class Figure(NamedTuple):
    """A number with its hedge or range: the part every numeric kind shares."""

    start: int  # where the claim text starts (the hedge, or "between")
    end: int    # where the figure (or the range's upper end) ends
    value: float
    value_high: float | None
    hedge: str | None
    rounded: bool
    anchor: int
    tail: int = -1  # where a bound written after the figure ends ("20 or more"); `end` when none
    bounds: str | None = None  # the interval's brackets when the text fixed them: "(]" for "above 30, up to 40"
    fraction: bool = False  # a fraction alone ("two thirds")

    @property
    def stop(self) -> int:
        return self.end if self.tail < 0 else self.tail


_BRACKETS = {"gt": "(", "ge": "[", "lt": ")", "le": "]"}


def _second_bound(text: str, end: int, hedge: str, value: float):
    """A bound of the other side after the first ("more than 10 and less than 40"): (low, high, brackets, end)."""
    match = SECOND_BOUND.match(text, end)
    if match is None:
        return None
    other = HEDGES[re.sub(r"\s+", " ", match.group("hedge").lower())]
    if other not in _BRACKETS or (hedge in ("gt", "ge")) == (other in ("gt", "ge")):
        return None
    number = number_at(text, match.end())
    if number is None:
        return None
    after, stop = hedge_after(text, number.end)
    other = with_after(other, after if after == "eq" else None)
    if after != "eq":
        stop = number.end
    low, high = (value, number.value) if hedge in ("gt", "ge") else (number.value, value)
    if low >= high:
        return None
    lower, upper = (hedge, other) if hedge in ("gt", "ge") else (other, hedge)
    return low, high, _BRACKETS[lower] + _BRACKETS[upper], stop


def figures(text: str) -> tuple[Figure, ...]:
    """Every figure in the text that is not part of a name, with its hedge, bound or range.

    Every numeric kind reads the same figures, so the last few texts' figures are kept.
    """
    return _figures(text)


@lru_cache(maxsize=4)
def _figures(text: str) -> tuple[Figure, ...]:
    return tuple(_find_figures(text))


def _find_figures(text: str):
    for number in numbers(text):
        start, end, value = number.start, number.end, number.value
        if number.digits and is_name_part(text, start, end):
            continue
        if not math.isfinite(value) or abs(value) > MAX_FIGURE:
            continue  # a run of digits no newsroom figure has: an identifier, not a quantity
        hedge, begin = hedge_before(text, start)
        if hedge is None and not number.digits and text[start:end].lower() in ("half", "quarter"):
            continue  # "half" is a figure only when bounded: "more than half"
        high, stop, bounds = None, end, None
        joined = RANGE_AFTER.match(text, end)
        upper = number_at(text, joined.end()) if joined else None
        if upper is not None and upper.value > value and not text[upper.end:upper.end + 1].isalpha():
            high, stop = upper.value, upper.end
        if high is None and text[start - 1:start].isspace() and BETWEEN_BEFORE.search(text, max(0, start - 10), start):
            joined = AND_AFTER.match(text, end)
            upper = number_at(text, joined.end()) if joined else None
            if upper is not None and upper.value > value:
                high, stop = upper.value, upper.end
                begin = BETWEEN_BEFORE.search(text, max(0, start - 10), start).start()
        tail = -1
        if high is None and hedge in _BRACKETS:
            second = _second_bound(text, end, hedge, value)
            if second:
                low, high, bounds, tail = second
                value, hedge = low, "range"
        if high is not None:
            yield Figure(begin, stop, value, high, "range", number.rounded, start, tail, bounds)
            continue
        after, tail_end = hedge_after(text, end)
        if after is not None and after != "eq" and with_after(hedge, after) != after:
            after = None  # "more than 40 and less": the words after belong elsewhere
        if after is not None:
            hedge = with_after(hedge, after)
        if hedge == "eq":
            hedge, bounds = None, "[]"
        yield _make(Figure, (begin, end, value, None, hedge, number.rounded, start, tail_end if after else -1, bounds,
                             number.fraction))
