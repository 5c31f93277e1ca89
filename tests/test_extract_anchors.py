"""A pattern tried only at its anchored candidates finds exactly what a full-text `finditer` finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.extract import anchors, date, ordinal, role

ANCHORED = [(module.__name__.rsplit(".", 1)[1], name, pattern, where)
            for module in (date, role, ordinal)
            for pattern, where in module.WHERE.items()
            for name in [next(n for n, v in vars(module).items() if v is pattern)]]
IDS = [f"{kind}.{name}" for kind, name, _, _ in ANCHORED]

# Pieces a claim is made of, and the words and marks around them that patterns look behind and ahead for.
PIECES = ["May", "may", "June", "Sept.", "march", "Monday", "a", "an", "in", "mid", "end", "of", "the", "last",
          "this", "year", "month", "today", "2024", "1999", "26", "3rd", "21st", "5", "2024-06-05", "twenty", "one",
          "hundred", "and", "first", "third", "ſecond", "President", "Defence", "Minister", "minister", "Russia's",
          "counterpart", "Andrey", "Belousov", "al-Fayed", "General", "former", "(", ")", ",", ".", "-", "'s", "st"]
SPACES = [" ", "  ", "\n", "-", "", " - ", ", "]
TEXTS = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SPACES)), max_size=24).map(
    lambda parts: "".join(piece + space for piece, space in parts))
SENTENCES = [
    "The summit opened on June 26, 2025 and closed on 28 June, after talks in mid-May and by the end of May 2025.",
    "On a Monday in 1999 the council met; since 2024-06-05 it meets today, last year and this month.",
    "Russia's defence minister Andrey Belousov met his Chinese counterpart Dong Jun, the twenty-first time.",
    "It marks the one hundred and twenty-fifth anniversary, a third term and a 21st summit; she came 2nd.",
    "Omar Hadi Salem Qasim, the Gulf Council's Secretary General, and Tariq Al Harbi, Oman's foreign minister, spoke.",
]


@pytest.mark.parametrize("kind, name, pattern, where", ANCHORED, ids=IDS)
@pytest.mark.parametrize("text", SENTENCES, ids=["dates", "more dates", "roles and ordinals", "ordinals", "names first"])
def test_anchored_matches_are_the_full_scans(kind, name, pattern, where, text):
    assert [m.span() for m in anchors.finditer(pattern, text, where)] == [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize("kind, name, pattern, where", ANCHORED, ids=IDS)
@settings(max_examples=150, deadline=None)
@given(text=TEXTS)
def test_anchored_matches_are_the_full_scans_on_any_text(kind, name, pattern, where, text):
    assert [m.span() for m in anchors.finditer(pattern, text, where)] == [m.span() for m in pattern.finditer(text)]


def test_a_pattern_tried_nowhere_finds_nothing():
    assert list(anchors.matches(date.MONTH_YEAR, "in May 2025", [])) == []
