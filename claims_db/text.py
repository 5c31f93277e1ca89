"""Normalise names so that a draft's spelling meets the store's aliases.

Shared by import (aliases are stored normalised) and look-up (the draft's
n-grams are normalised the same way), so the two can never drift apart.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import accumulate

MAX_ALIAS_TOKENS = 8
# Words an acronym alias may spell ("WHO", "US", "IT"); written so, they are not the acronym.
COMMON_WORDS = frozenset("""a all am an and any are as at be but by can do for go had has he her him his how if in is it
its man may me my new no nor not now of off on one or our out own say she so the to too up us use was we who why
you""".split())

_FOLD = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
})
# Apostrophes split tokens, so "India's" yields "india" and "s" on both sides; U+02BC, a letter to the regex, is one.
# Captured, so a split gives the text between tokens and the tokens in turn, and offsets follow from their lengths.
_TOKENS = re.compile(r"([^\W_\u02bc]+)")


@lru_cache(maxsize=65536)  # a draft repeats its words: each is folded once
def fold(text: str) -> str:
    """Lower-case, strip accents and unify quotes and dashes."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def token_spans(text: str) -> tuple[list[str], list[int], list[int]]:
    """The normalised tokens, where each starts and where each ends in the original text: three lists, made without
    a Python step per token (a long draft has tens of thousands)."""
    pieces = _TOKENS.split(text)  # between, token, between, ..., between
    bounds = list(accumulate(map(len, pieces)))  # where each piece ends: a token starts where the piece before ends
    words = pieces[1::2]
    norms = {word: fold(word) for word in set(words)}  # a draft repeats its words: each is folded once
    return list(map(norms.__getitem__, words)), bounds[0:-1:2], bounds[1::2]


def normalise(name: str) -> str:
    """Return the key under which an alias is stored and looked up."""
    return " ".join(map(fold, _TOKENS.findall(name)))

