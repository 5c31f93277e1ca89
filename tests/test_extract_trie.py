"""The trie-factored alternation matches exactly what the plain longest-first one matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.extract import lexicon
from verifier.extract.trie import _UNIT, plain, trie

# How a word list sits in a pattern: alone, between word boundaries, and followed by more pattern,
# so that a longer word failing later makes the engine fall back to a shorter one.
CONTEXTS = {"alone": "(?:{})", "bounded": r"\b(?:{})\b", "backtracks": r"(?:{})(?:ab|\d)"}


def matches_at_every_position(pattern: str, flags: int, text: str) -> list:
    compiled = re.compile(pattern, flags)
    return [(m.span() if (m := compiled.match(text, i)) else None) for i in range(len(text) + 1)]


def assert_same_matches(words, text: str) -> None:
    for context in CONTEXTS.values():
        for flags in (0, re.IGNORECASE):
            factored, flat = context.format(trie(words)), context.format(plain(words))
            assert matches_at_every_position(factored, flags, text) == matches_at_every_position(flat, flags, text), \
                (factored, flat, flags)


WORD_LISTS = {
    "shared prefixes": (["jan", "january", "june", "july", "jul"], "In Jan and January, June, July and jul9."),
    "one word a prefix of another": (["a", "ab", "abc", "abcd"], "abcd abc ab a abcab abab a1 ab1"),
    "prefix that must give way": (["ca", "c"], "cab cb cab1 c1 ca1"),
    "phrases with spaces": (["more than", "more than or equal to", "more"],
                            "more than  or equal to 5, more\tthan 4, more or less, MORE THAN"),
    "capitals matter only without ignore case": (["USD", "usd", "US$"], "USD usd US$ us$ Usd1"),
    "case variants in a prefix chain": (["us", "US$", "u"], "us US$ us$ u1 uab"),
    "the longer word in small letters": (["US", "us$"], "us$ US$ US us"),
    "symbols and escapes": (["$", "us$", "€", "rs.", "a+b", "(x)", "c++"], "$5 us$ 5 € rs. 5 a+b (x) c++ c+"),
    "a single word": (["dozen"], "dozens dozen Dozen"),
    "words of one letter": (["k", "m", "b", "t"], "5k 3m 2b 1t kmbt"),
    "other whitespace in a word": (["a\u00a0b", "a b"], "a\u00a0b a b a  b"),
    "two blanks in a row": ([" ", "  A"], "\t\tA  A A"),
}


@pytest.mark.parametrize("words, text", WORD_LISTS.values(), ids=WORD_LISTS.keys())
def test_the_trie_matches_what_the_plain_alternation_matches(words, text):
    assert_same_matches(words, text)


TABLES = {name: getattr(lexicon, name) for name in (
    "MONTHS", "HEDGES", "HEDGES_AFTER", "CURRENCIES", "DENOMINATORS", "ORDINALS", "TITLES", "RANKS", "SCALES")}


@pytest.mark.parametrize("table", TABLES.values(), ids=TABLES.keys())
def test_the_lexicon_tables_match_alike_on_their_own_words(table):
    text = " ".join(table) + " " + " ".join(w.upper() for w in table) + " " + "".join(table)
    assert_same_matches(list(table), text)


@pytest.mark.parametrize("words, factored", [
    (["jan", "january"], "jan(?:uary)?"),
    (["ab", "ac"], "a[bc]"),
    (["more than", "more"], r"more(?:\s+than)?"),
], ids=["optional tail", "character class", "phrase"])
def test_shared_prefixes_are_written_once(words, factored):
    assert trie(words) == factored


def test_words_prefix_related_only_without_case_keep_the_plain_alternation():
    assert trie(["us", "US$"]) == plain(["us", "US$"])


_WORDS = st.lists(st.text(alphabet="abAB $", min_size=1, max_size=4), min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(words=_WORDS, text=st.text(alphabet="abAB $1\t", max_size=24))
def test_any_word_list_matches_alike(words, text):
    assert_same_matches(words, text)


def test_every_character_re_escape_changes_is_escaped_alike():
    changed = [chr(code) for code in range(0x110000) if re.escape(chr(code)) != chr(code)]
    assert {ch: _UNIT[ch] for ch in changed if ch != " "} == {ch: re.escape(ch) for ch in changed if ch != " "}
