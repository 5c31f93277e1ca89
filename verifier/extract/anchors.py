"""Where claims may start: one scan of the text for every trigger, so each kind's patterns run only there.

A kind's pattern was run over the whole text with `finditer`, which tries it at every character.
Here one scan finds the triggers (runs of digits, vulgar fractions, and words of a few classes:
months, titles, number words...), and `matches` tries a kind's pattern only at candidate positions
derived from them: the trigger itself, or the few words before it that the pattern may begin with
("in" before "May", "Russia's" before "defence minister"). Each kind declares them per pattern in
its `WHERE` table. Candidates are a superset of where a match can start, so `matches` yields
exactly what `finditer` yields (tests/test_extract_anchors.py checks every table).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import (BIG_SCALES, COUNTERPART, DENOMINATORS, DURATION_UNITS, MONTHS, ORDINALS,
                      QUALIFIED_TITLES, TENS, TITLES, UNITS, VULGAR_FRACTIONS, WEEKDAYS, ZEROS)
from .trie import trie

# Each class of trigger word, and the words: a pattern's candidates are derived from the hits of its classes.
# Only single words, so no hit hides another (each ends where its word ends).
TRIGGER_WORDS: dict[str, tuple[str, ...]] = {
    "month": tuple(MONTHS),
    "weekday": tuple(WEEKDAYS),
    "relative": ("last", "this", "next", "previous", "yesterday", "today"),  # date.RELATIVE begins with them
    "title": (*(t.split()[0].split("-")[0] for t in TITLES + QUALIFIED_TITLES), COUNTERPART),
    "ordinal": tuple(ORDINALS),
    "number": (*UNITS, *ZEROS, *TENS, "half", "quarter"),  # a number in words begins with one of them
    "after_article": (*BIG_SCALES, "hundred", "dozen", *DENOMINATORS),  # "a hundred", "a third"
    "sign": ("minus", "negative"),
    "point": ("point",),  # "half a percentage point"
    "duration": tuple(DURATION_UNITS),  # "a month", "half a year"
}
WORD_CLASSES: dict[str, frozenset[str]] = {}
for _class, _words in TRIGGER_WORDS.items():
    for _word in _words:
        WORD_CLASSES[_word] = WORD_CLASSES.get(_word, frozenset()) | {_class}
ALL_CLASSES = frozenset(TRIGGER_WORDS)
assert all(word.isascii() and word.isalpha() and word.islower() for word in WORD_CLASSES), "trigger words: a-z only"
# \d+ written \d\d*: a pattern that begins with one character class lets the engine skip to the next digit by it
# (one that begins with a repeat is tried at every character), a third quicker over a text.
DIGITS = re.compile(r"\d\d*")
VULGAR = re.compile(f"[{''.join(VULGAR_FRACTIONS)}]")
# Trigger words are matched in the text's folded copy (case-sensitive, fast) or, when folding would move
# offsets, without case in the text itself; both find the same words where `re.IGNORECASE` would.
WORDS = re.compile(rf"(?<!\w)(?:{trie(WORD_CLASSES)})\b")
# Letters that `re.IGNORECASE` matches to a-z although str.lower() keeps them (tests/test_extract_anchors.py).
EXTRA_FOLDS = {"\u0131": "i", "\u017f": "s"}  # dotless i, long s


@lru_cache(maxsize=1)
def _words_any_case() -> re.Pattern:
    """WORDS without case, for the rare text that cannot be folded; compiled when first needed."""
    return re.compile(WORDS.pattern, re.IGNORECASE)


@lru_cache(maxsize=4)  # extraction's trigger scan and linking's word scans ask for each document's in turn
def folded(text: str) -> str | None:
    """The text with every letter that matches a-z without case written as that letter, or None when
    lower-casing changes its length (offsets would move)."""
    low = text.lower()
    if len(low) != len(text):
        return None
    for letter, plain in EXTRA_FOLDS.items():
        if letter in low:
            low = low.replace(letter, plain)
    return low


@dataclass
class Anchors:
    """The triggers of one text: each run of digits (start, end), each vulgar fraction, each class of word.

    Every kind of the text reads the same Anchors (scan keeps the last few texts'): the lists are tuples, so no
    caller changes another's, and each `where`'s candidates are worked out once however many patterns share it.
    """

    digits: tuple[tuple[int, int], ...] = ()
    words: dict[str, tuple[int, ...]] = field(default_factory=dict)
    _digit_starts: tuple[int, ...] = ()
    _candidates: dict[Callable, list[int]] = field(default_factory=dict)

    def of(self, name: str) -> tuple[int, ...]:
        return self.words.get(name, ())

    def digit_starts(self) -> tuple[int, ...]:
        return self._digit_starts

    def candidates(self, where: Where, text: str) -> list[int]:
        """Where `where` says a match may start in the text, sorted and each once."""
        found = self._candidates.get(where)
        if found is None:
            found = self._candidates[where] = sorted(set(where(text, self)))
        return found


Where = Callable[[str, Anchors], Iterable[int]]  # a pattern's candidate starts in a text, from its triggers


@lru_cache(maxsize=4)
def scan(text: str) -> Anchors:
    """The triggers of a text; every kind asks for the same text in turn, so the last few are kept."""
    digits = tuple(match.span() for match in DIGITS.finditer(text))
    words: dict[str, list[int]] = {name: [] for name in TRIGGER_WORDS}
    # Most texts hold no vulgar fraction: a look for each character is quicker than the pattern's scan.
    words["vulgar"] = [match.start() for match in VULGAR.finditer(text)] \
        if any(fraction in text for fraction in VULGAR_FRACTIONS) else []
    low = folded(text)
    hits = WORDS.finditer(low) if low is not None else _words_any_case().finditer(text)
    for match in hits:
        # A word matched without case ("ſecond") that is no key of the table may begin anything.
        for name in WORD_CLASSES.get(match.group().lower(), ALL_CLASSES):
            words[name].append(match.start())
    return Anchors(digits, {name: tuple(starts) for name, starts in words.items() if starts},
                   tuple(start for start, _ in digits))


def matches(pattern: re.Pattern, text: str, candidates: Iterable[int]) -> Iterator[re.Match]:
    """What `pattern.finditer(text)` yields, trying `pattern` only at `candidates` (every place a match may start)."""
    return _matches_at(pattern, text, sorted(set(candidates)))


def _matches_at(pattern: re.Pattern, text: str, positions: list[int]) -> Iterator[re.Match]:
    """`matches` over candidates already sorted and each once."""
    end = 0
    for position in positions:
        if position < end:
            continue
        match = pattern.match(text, position)
        if match is not None:
            yield match
            end = max(match.end(), position + 1)


def finditer(pattern: re.Pattern, text: str, where: Where) -> Iterator[re.Match]:
    """`pattern.finditer(text)`, tried only where `where` says a match may start."""
    return _matches_at(pattern, text, scan(text).candidates(where, text))


@lru_cache(maxsize=4)
def reversed_text(text: str) -> str:
    """The text backwards: a pattern matched in it at `len(text) - i` reads the text leftwards from `i`."""
    return text[::-1]


# Read leftwards (in the reversed text): a gap then a run of word characters; whitespace-separated tokens.
_GAP_AND_WORD = {"space": re.compile(r"\s+\w+"), "space-hyphen": re.compile(r"[\s-]+\w+")}
_TOKEN = re.compile(r"\s*\S+")


def word_before(text: str, position: int, gap: str = "space") -> int | None:
    """The start of the word run right before `position` across a gap of whitespace ("space") or of
    whitespace and hyphens ("space-hyphen"), or None when there is no such gap or word."""
    match = _GAP_AND_WORD[gap].match(reversed_text(text), len(text) - position)
    return None if match is None else position - (match.end() - match.start())


def words_before(text: str, position: int, count: int, gap: str = "space") -> list[int]:
    """The starts of up to `count` word runs before `position`, each across a gap (word_before) from the next."""
    starts = []
    for _ in range(count):
        start = word_before(text, position, gap)
        if start is None:
            break
        starts.append(start)
        position = start
    return starts


_LETTERS_BACK = re.compile(r"\s+\.?([A-Za-z]+)")


def letters_before(text: str, position: int, window: int) -> tuple[int, int] | None:
    """The span of the word of letters a-z that ends right before `position`, across an optional point and
    blanks, cut at `window` characters back: what `([A-Za-z]+)\\.?\\s+$` finds in that window, read leftwards."""
    length = len(text)
    match = _LETTERS_BACK.match(reversed_text(text), length - position, length - max(0, position - window))
    return None if match is None else (length - match.end(1), length - match.start(1))


def tokens_back(text: str, position: int, count: int) -> int:
    """Where the `count`-th whitespace-separated token before `position` starts (at most: the text's start)."""
    match = _tokens(count).match(reversed_text(text), len(text) - position)
    return position - (match.end() - match.start())


@lru_cache(maxsize=None)
def _tokens(count: int) -> re.Pattern:
    """Up to `count` tokens, each greedy and the next after it: one match for what token-by-token matches find."""
    return re.compile(rf"(?:{_TOKEN.pattern}){{0,{count}}}")

