"""Where claims may start: one scan of the text for every trigger, so each kind's patterns run only there.

A kind's pattern was run over the whole text with `finditer`, which tries it at every character.
Here one compiled pattern finds the triggers (runs of digits; month, weekday, title and ordinal
words), and `matches` tries a kind's pattern only at candidate positions derived from them: the
trigger itself, or the few words before it that the pattern may begin with ("in" before "May",
"Russia's" before "defence minister"). Candidates are a superset of where a match can start, so
`matches` yields exactly what `finditer` yields.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import COUNTERPART, MONTHS, ORDINALS, QUALIFIED_TITLES, TITLES, WEEKDAYS
from .trie import trie

RELATIVE_WORDS = ("last", "this", "next", "previous", "yesterday", "today")  # date.RELATIVE begins with them
# Each trigger word and what it may begin; only words, so no hit hides another (each ends at a word's end).
WORD_CLASSES: dict[str, frozenset[str]] = {}
for _class, _words in (("month", MONTHS), ("weekday", WEEKDAYS), ("relative", RELATIVE_WORDS),
                       ("title", [t.split()[0].split("-")[0] for t in TITLES + QUALIFIED_TITLES] + [COUNTERPART]),
                       ("ordinal", ORDINALS)):
    for _word in _words:
        WORD_CLASSES[_word] = WORD_CLASSES.get(_word, frozenset()) | {_class}
ALL_CLASSES = frozenset().union(*WORD_CLASSES.values())
TRIGGER = re.compile(rf"(?P<digits>\d+)|\b(?P<word>{trie(WORD_CLASSES)})\b", re.IGNORECASE)


@dataclass
class Anchors:
    """The triggers of one text: where each run of digits starts and ends, where each class of word starts."""

    digits: list[tuple[int, int]] = field(default_factory=list)
    words: dict[str, list[int]] = field(default_factory=dict)

    def of(self, name: str) -> list[int]:
        return self.words.get(name, [])

    def digit_starts(self) -> list[int]:
        return [start for start, _ in self.digits]


Where = Callable[[str, Anchors], list[int]]  # a pattern's candidate starts in a text, from its triggers


@lru_cache(maxsize=4)
def scan(text: str) -> Anchors:
    """The triggers of a text; every kind asks for the same text in turn, so the last few are kept."""
    anchors = Anchors()
    words = anchors.words
    for match in TRIGGER.finditer(text):
        if match.lastgroup == "digits":
            anchors.digits.append(match.span())
            continue
        # A word matched without case ("ſecond") that is no key of the table may begin anything.
        for name in WORD_CLASSES.get(match.group().lower(), ALL_CLASSES):
            words.setdefault(name, []).append(match.start())
    return anchors


def matches(pattern: re.Pattern, text: str, candidates: Iterable[int]) -> Iterator[re.Match]:
    """What `pattern.finditer(text)` yields, trying `pattern` only at `candidates` (every place a match may start)."""
    end = 0
    for position in sorted(set(candidates)):
        if position < end:
            continue
        match = pattern.match(text, position)
        if match is not None:
            yield match
            end = max(match.end(), position + 1)


def finditer(pattern: re.Pattern, text: str, where: Where) -> Iterator[re.Match]:
    """`pattern.finditer(text)`, tried only where `where` says a match may start."""
    return matches(pattern, text, where(text, scan(text)))


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"  # what `\w` matches


def word_before(text: str, position: int, gap: str = "space") -> int | None:
    """The start of the word run right before `position` across a gap of whitespace ("space") or of
    whitespace and hyphens ("space-hyphen"), or None when there is no such gap or word."""
    i = position
    while i > 0 and (text[i - 1].isspace() or (gap == "space-hyphen" and text[i - 1] == "-")):
        i -= 1
    if i == position or i == 0 or not _is_word(text[i - 1]):
        return None
    while i > 0 and _is_word(text[i - 1]):
        i -= 1
    return i


def words_before(text: str, position: int, count: int) -> list[int]:
    """The starts of up to `count` word runs before `position`, each across whitespace from the next."""
    starts = []
    for _ in range(count):
        start = word_before(text, position)
        if start is None:
            break
        starts.append(start)
        position = start
    return starts


def tokens_back(text: str, position: int, count: int) -> int:
    """Where the `count`-th whitespace-separated token before `position` starts (or the text does)."""
    i = position
    for _ in range(count):
        while i > 0 and text[i - 1].isspace():
            i -= 1
        while i > 0 and not text[i - 1].isspace():
            i -= 1
    return i
