"""Word-list patterns that scan fast: in a text's lower-cased copy, beginning with the class of their first letters.

Linking scans each sentence for cue phrases and markers ("including", "the attack"). A pattern that begins with
`\\b` and is compiled with re.IGNORECASE is tried at every position: such a scan ran at 6-14 MB/s. Its twin here
runs case-sensitively in the text's folded copy (the copy extraction's trigger scan reads, `anchors.folded`) and
begins with a character class (`trie.leading`), so `re` skips in C to the letters a word may begin with. Both find
the same matches at the same offsets (tests/test_wordscan.py); where folding would move offsets, or a word is not
ASCII (whose case `re` may fold otherwise than str.lower), the exact pattern runs on the text itself.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain

from .extract.anchors import EXTRA_FOLDS, folded
from .extract.trie import leading, trie


# What re.IGNORECASE equates with i and s besides their capitals, and folding does not give: the dotted capital I
# (whose lower case is two characters). With str.lower, a matched word becomes its word list's key either way.
_KEY = str.maketrans({**EXTRA_FOLDS, "\u0130": "i"})


def word_key(matched: str) -> str:
    """A word or phrase a word pattern matched, as the lower-case word of its list it matched: the same whether the
    fast scan read it in the folded copy or the exact one in the text ("Kılled", "KILLED" and "killed" are
    "killed"; the blanks of a phrase are one space each)."""
    return " ".join(matched.translate(_KEY).lower().split())  # split() and \s agree on what a blank is


@dataclass(frozen=True, eq=False)
class WordPattern:
    """A word list's pattern, `\\b` before the words and `after` them: `exact` without case in the text itself,
    `fast` in its folded copy (None when that would not be exact). A match of `fast` reads the folded copy, so its
    groups are in lower case: callers read a matched word through `word_key`, which gives the same on both."""

    exact: re.Pattern
    fast: re.Pattern | None

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match]:
        """What `exact.finditer(text, pos, endpos)` finds, at the same offsets."""
        low = folded(text) if self.fast is not None else None
        if low is None:
            return self.exact.finditer(text, pos, endpos)
        return self.fast.finditer(low, pos, endpos)


@dataclass(frozen=True, eq=False)
class Either:
    """Patterns scanned one by one whose matches can never overlap (no character one can match is one another can):
    their matches, merged in order, are what a single pattern of them as alternatives finds. So a word list can
    scan fast beside marks: "[;:] or while or but"."""

    parts: tuple[re.Pattern | WordPattern, ...]

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match]:
        return iter(sorted(chain.from_iterable(part.finditer(text, pos, endpos) for part in self.parts),
                           key=re.Match.start))


Scanner = re.Pattern | WordPattern | Either  # anything with `finditer(text, pos, endpos)`


def word_pattern(words: Iterable[str], after: str = "", group: str | None = None) -> WordPattern:
    """The pattern of `words` (any case in the text), then `after`, which must match in lower-case text what it
    matches without case (no capital letters); the words in a group if `group` names it. The fast scan is made
    for words of ASCII that begin with a letter or digit; others keep the exact scan alone."""
    if re.search(r"(?<!\\)(?<!\(\?)[A-Z]", after):  # escapes (\S) and named groups ((?P<head>) aside
        raise ValueError(f"the pattern after the words must hold no capital letter: {after!r}")
    words = sorted(set(words))
    name = f"?P<{group}>" if group else "?:"
    exact = re.compile(rf"\b({name}{trie(words)}){after}", re.IGNORECASE)
    if not all(w.isascii() and re.match(r"\w", w) for w in words):
        return WordPattern(exact, None)
    return WordPattern(exact, re.compile(rf"({name}{leading(w.lower() for w in words)}){after}"))
