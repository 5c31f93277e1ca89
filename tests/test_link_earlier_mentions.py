"""What "the quake" or "the bridge" can stand for: earlier mentions found by bisection (verifier/link/text.py)."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from claims_db.query import Mention
from verifier.link.text import EarlierMentions

TEXT = ("The Varna earthquake shook the coast. Crews shut Osk Bridge and the Tarn Bridge. "
        "The Lisk Towers stood. The Bridge Minister spoke. A later Corran earthquake followed. "
        "Then the quake, the bridge and the towers were inspected.")

NAMES = {"Varna earthquake": ("event", 1), "Osk Bridge": ("place", 2), "Tarn Bridge": ("place", 3),
         "Lisk Towers": ("place", 4), "Bridge Minister": ("office", 5), "Corran earthquake": ("event", 6)}


@pytest.fixture
def index():
    mentions = sorted((Mention(entity_id, name, kind, m.start(), m.end())
                       for name, (kind, entity_id) in NAMES.items() for m in re.finditer(name, TEXT)),
                      key=lambda m: (m.end, m.start))
    document = SimpleNamespace(text=TEXT)
    context = SimpleNamespace(document=document, mentions=tuple(mentions), ends=tuple(m.end for m in mentions))
    return EarlierMentions(context)


def at(phrase: str) -> int:
    return TEXT.index(phrase)


@pytest.mark.parametrize("word, before, expected", [
    ("quake", "Then the quake", "Corran earthquake"),        # the latest earlier one wins
    ("quake", "A later Corran", "Varna earthquake"),         # nothing after the point counts
    ("quake", "The Varna", None),                            # nothing before the first
    ("minister", "Then the quake", "Bridge Minister"),       # any kind, offices too
], ids=["latest", "only-earlier", "none-yet", "office"])
def test_latest_containing(index, word, before, expected):
    found = index.latest_containing(word, at(before))
    assert (found and found.name) == expected


@pytest.mark.parametrize("word, before, most, expected", [
    ("bridge", "Then the quake", 3, ["Tarn Bridge", "Osk Bridge"]),   # latest first; not the Bridge Minister
    ("bridge", "Then the quake", 1, ["Tarn Bridge"]),
    ("bridge", "and the Tarn", 3, ["Osk Bridge"]),
    ("tower", "Then the quake", 3, ["Lisk Towers"]),                   # the last word made singular
], ids=["latest-first", "at-most", "only-earlier", "singular"])
def test_ending_with(index, word, before, most, expected):
    assert [m.name for m in index.ending_with(word, at(before), most)] == expected


def test_an_entity_named_two_ways_counts_its_latest_mention():
    """One bridge written two ways ("Osk Bridge", "Old Osk Bridge", then "Osk Bridge" again after another bridge):
    its latest mention, whichever way it was written, puts it before the other bridge."""
    text = "Osk Bridge shut. Old Osk Bridge reopened. Tarn Bridge opened. Osk Bridge was busy. Then the bridge fell."
    spans = [("Osk Bridge", 2, 0), ("Old Osk Bridge", 2, text.index("Old")), ("Tarn Bridge", 3, text.index("Tarn")),
             ("Osk Bridge", 2, text.index("Osk Bridge was"))]
    mentions = sorted((Mention(entity_id, name, "place", start, start + len(name)) for name, entity_id, start in spans),
                      key=lambda m: (m.end, m.start))
    context = SimpleNamespace(document=SimpleNamespace(text=text), mentions=tuple(mentions),
                              ends=tuple(m.end for m in mentions))
    found = EarlierMentions(context).ending_with("bridge", text.index("the bridge"), most=3)
    assert [m.entity_id for m in found] == [2, 3]
