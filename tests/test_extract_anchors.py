"""A pattern tried only at its anchored candidates finds exactly what a full-text `finditer` finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.extract import anchors, date, duration, money, numbers, ordinal, percent, role

ANCHORED = [(module.__name__.rsplit(".", 1)[1], name, pattern, where)
            for module in (numbers, money, percent, duration, date, role, ordinal)
            for pattern, where in module.WHERE.items()
            for name in [next(n for n, v in vars(module).items() if v is pattern)]]
IDS = [f"{kind}.{name}" for kind, name, _, _ in ANCHORED]

# Pieces a claim is made of, and the words and marks around them that patterns look behind and ahead for.
PIECES = ["İstanbul", "$", "US$", "usd", "USD", "MUSD", "Rs.", "rs", "us dollars", "€", "point", "percentage",
          "half", "three-quarters", "quarters", "three", "days", "week", "-", "−", ".", ".5", "½", "minus",
          "Negative", "hundred", "thirds", "dozen", "a", "quarter", "3/4", "May", "may", "June", "Sept.", "march",
          "Monday", "a", "an", "in", "mid", "end", "of", "the", "last", "this", "year", "month", "today", "2024",
          "1999", "26", "3rd", "21st", "5", "2024-06-05", "twenty", "one", "hundred", "and", "first", "third",
          "ſecond", "President", "Defence", "Minister", "minister", "Russia's", "counterpart", "Andrey",
          "Belousov", "al-Fayed", "General", "former", "(", ")", ",", ".", "-", "'s", "st"]
SPACES = [" ", "  ", "\n", "-", "", " - ", ", "]
TEXTS = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SPACES)), max_size=24).map(
    lambda parts: "".join(piece + space for piece, space in parts))
SENTENCES = [
    "The summit opened on June 26, 2025 and closed on 28 June, after talks in mid-May and by the end of May 2025.",
    "On a Monday in 1999 the council met; since 2024-06-05 it meets today, last year and this month.",
    "Russia's defence minister Andrey Belousov met his Chinese counterpart Dong Jun, the twenty-first time.",
    "Minus 5, -3, -.5, .25, − 7, - 5 3/4 and a hundred, a third, half, ½ and a dozen twenty-six figures.",
    "It cost $5, US$ 12, Rs. 500, USD .5, MUSD 30, us  dollars 7 and €3m; rates rose half a percentage point.",
    "They cut by three-quarters of a point, then a quarter of a percentage point, after half a year and a week.",
    "It marks the one hundred and twenty-fifth anniversary, a third term and a 21st summit; she came 2nd.",
    "Omar Hadi Salem Qasim, the Gulf Council's Secretary General, and Tariq Al Harbi, Oman's foreign minister, spoke.",
]


SENTENCE_IDS = ["dates", "more dates", "roles and ordinals", "numbers", "money and percent", "parts and durations",
                "ordinals", "names first"]


@pytest.mark.parametrize("kind, name, pattern, where", ANCHORED, ids=IDS)
@pytest.mark.parametrize("text", SENTENCES, ids=SENTENCE_IDS)
def test_anchored_matches_are_the_full_scans(kind, name, pattern, where, text):
    assert [m.span() for m in anchors.finditer(pattern, text, where)] == [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize("kind, name, pattern, where", ANCHORED, ids=IDS)
@settings(max_examples=150, deadline=None)
@given(text=TEXTS)
def test_anchored_matches_are_the_full_scans_on_any_text(kind, name, pattern, where, text):
    assert [m.span() for m in anchors.finditer(pattern, text, where)] == [m.span() for m in pattern.finditer(text)]


def test_the_folded_text_has_a_to_z_wherever_ignore_case_would_match_them():
    """Every character, lower-cased as anchors.folded does, is a letter a-z exactly when `re.IGNORECASE` matches
    it to that letter, and is a word character exactly when it was one."""
    wrong = []
    for code in range(0x110000):
        char = chr(code)
        fold = anchors.folded(char)
        if fold is None:
            continue  # the whole text is then scanned without case
        letter = re.fullmatch("[a-z]", char, re.IGNORECASE)
        if (letter is not None) != ("a" <= fold <= "z") or (letter and not re.fullmatch(fold, char, re.IGNORECASE)) \
                or bool(re.fullmatch(r"\w", char)) != bool(re.fullmatch(r"\w", fold)):
            wrong.append(f"U+{code:04X}")
    assert wrong == []


@settings(max_examples=300, deadline=None)
@given(text=TEXTS, cut=st.integers(min_value=0, max_value=400))
def test_letters_before_reads_what_the_forward_search_finds(text, cut):
    position = min(cut, len(text))
    forward = re.compile(r"([A-Za-z]+)\.?\s+$").search(text, max(0, position - 20), position)
    assert anchors.letters_before(text, position, 20) == (forward.span(1) if forward else None)


def test_a_number_token_begins_only_with_a_character_the_reader_looks_for():
    """numbers.TOKEN_FIRST holds every character but a digit that the token pattern may begin with."""
    firsts = "".join(sorted({w[0] for w in numbers._WORD_LIST}))
    starts = re.compile(rf"[.{numbers._VULGAR}{firsts}]", re.IGNORECASE)
    missing = [f"U+{code:04X}" for code in range(0x110000)
               if starts.fullmatch(chr(code)) and chr(code) not in numbers.TOKEN_FIRST]
    assert missing == []
    suffixes = re.compile("[snrt]", re.IGNORECASE)
    assert [c for c in map(chr, range(0x110000)) if suffixes.fullmatch(c) and c not in ordinal._SUFFIX_FIRST] == []


@settings(max_examples=300, deadline=None)
@given(text=TEXTS, cut=st.integers(min_value=0, max_value=400), count=st.integers(min_value=0, max_value=9))
def test_tokens_back_is_where_token_by_token_matches_end(text, cut, count):
    position, back, start = min(cut, len(text)), text[::-1], len(text) - min(cut, len(text))
    for _ in range(count):
        token = re.compile(r"\s*\S+").match(back, start)
        if token is None:
            break
        start = token.end()
    assert anchors.tokens_back(text, position, count) == len(text) - start
