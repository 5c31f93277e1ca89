"""A word pattern's fast scan (folded copy, led by a class of first letters) finds exactly what its exact one does."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims_db.query import PredicateInfo, Reader
from verifier import context
from verifier.extract.trie import leading
from verifier.link import text as link_text
from verifier.link.linker import Linker
from verifier.wordscan import word_key, word_pattern

PATTERNS = {
    "link.DEFINITE": link_text.DEFINITE,
    "link.EVENT_HEAD": link_text.EVENT_HEAD,
    "context.PART": context._PART,
    "context.PRESENT": context._PRESENT,
    "context.START": context._START,
    "linker.cues (bundled store)": Linker(Reader(None)).cue_pattern,
    "one-letter and prefix words": word_pattern(["a", "an", "and", "among them", "of", "out of"], after=r"\b"),
}

SENTENCES = [
    "The attack on the town, THE ATTACKS and the twin earthquakes; an earthquake struck, among them two towns.",
    "Of which four were killed, including two, out of 26, among  them\nchildren; the quake-hit region's Quake.",
    "İstanbul's ſtrike, the ſummit, a KELVIN-sign \u212aILLED count, the ınvasion and the INVASION of 2022.",
    "Xthe attack, theattack, the-attack, _the attack, 3the attack, the\tattack, the  new  big  attack.",
    "Revenue rose 5% while profit fell; killed 26, injured 40, a high-speed rail line of 300 km long.",
    "",
]
IDS = ["events", "parts", "folding", "boundaries", "cues", "empty"]
PIECES = ["the", "The", "THE", "attack", "Attacks", "quake", "among", "them", "of", "which", "including",
          "out", "a", "an", "and", "İ", "ſ", "ı", "\u212a", "killed", "rose", "high", "speed", "x", "_", "3"]
TEXTS = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from([" ", "  ", "\n", "-", "", "'s ", ", "])),
                 max_size=24).map(lambda parts: "".join(piece + space for piece, space in parts))


def _found(matches) -> list[tuple]:
    """Each match's span, its groups' spans, and its words as callers read them (word_key)."""
    return [(m.span(), word_key(m.group()), *((m.span(g), word_key(m.group(g) or "")) for g in range(1, m.re.groups + 1)))
            for m in matches]


@pytest.mark.parametrize("name", PATTERNS)
@pytest.mark.parametrize("text", SENTENCES, ids=IDS)
def test_the_fast_scan_finds_what_the_exact_one_does(name, text):
    pattern = PATTERNS[name]
    assert _found(pattern.finditer(text)) == _found(pattern.exact.finditer(text))
    for start, end in [(1, len(text)), (0, len(text) // 2), (5, 40)]:  # a sentence's span of the document
        assert _found(pattern.finditer(text, start, end)) == _found(pattern.exact.finditer(text, start, end))


@pytest.mark.parametrize("name", PATTERNS)
@settings(max_examples=200, deadline=None)
@given(text=TEXTS)
def test_the_fast_scan_finds_what_the_exact_one_does_on_any_text(name, text):
    pattern = PATTERNS[name]
    assert _found(pattern.finditer(text)) == _found(pattern.exact.finditer(text))


def test_the_fast_scan_runs_where_folding_keeps_offsets():
    pattern = PATTERNS["link.EVENT_HEAD"]
    assert pattern.fast is not None
    [match] = pattern.finditer("An ATTACK")
    assert match.group("head") == "attack"  # read in the folded copy
    [match] = pattern.finditer("İ ATTACK")  # "İ" lower-cases to two characters: the exact scan, in the text itself
    assert match.group("head") == "ATTACK"


def test_marks_and_words_scanned_apart_find_what_one_pattern_of_both_does():
    """CLAUSE_BREAK scans its marks and its words apart: the matches of the one pattern it was."""
    one = re.compile(r"[;:](?=\s)|\s[—–]\s|\bwhile\b|\bbut\b|\bwhereas\b", re.IGNORECASE)
    for text in [*SENTENCES, "while — but: x;y; WHILE–but\u2014 whereas :", "a; b : c — d –e but—while"]:
        assert _found(link_text.CLAUSE_BREAK.finditer(text)) == _found(one.finditer(text))
        assert _found(link_text.CLAUSE_BREAK.finditer(text, 3, 30)) == _found(one.finditer(text, 3, 30))


def test_the_named_head_led_by_its_letter_is_the_one_led_by_a_boundary():
    led = re.compile(r"\b[Tt]he\s+(?P<head>[a-z]{3,})\b")
    for text in [*SENTENCES, "The bridge, the  council, xthe canal, THE dam, the Dam, 3the port, _the bay, the war"]:
        assert _found(link_text.NAMED_HEAD.finditer(text)) == _found(led.finditer(text))


@pytest.mark.parametrize("variant", ["kiLLED", "k\u0131lled", "\u212aILLED"], ids=["capitals", "dotless-i", "kelvin-sign"])
@pytest.mark.parametrize("after", ["", " Its \u0130mam spoke."], ids=["folded-copy", "text-itself"])
def test_a_cue_matched_without_case_is_the_cue_it_matches(variant, after):
    """A cue the scan matched in any case ("kılled" matches killed without case) is looked up as that cue, whether
    read in the folded copy or, where a dotted capital I stops folding, in the text itself: the same judgements as
    "killed" gets."""
    import datetime as dt

    from verifier.check import Checker, Options

    checker = Checker(Reader(None), Options(as_of=dt.date(2025, 6, 30)))

    def judged(text):
        return [(j.claim.text, j.verdict, j.decided_by) for j in checker.check_text("draft.txt", text).judgements]

    plain = "The Pahalgam attack, which killed 28 people, shook the valley." + after
    assert judged(plain.replace("killed", variant)) == judged(plain)


class _Vocabulary:
    """A reader that knows one predicate and its cues: all a Linker reads when it is made."""

    def __init__(self, cue: str):
        self.cue = cue

    def predicates(self) -> dict[str, PredicateInfo]:
        return {"crossings": PredicateInfo("crossings", "quantity", (self.cue,), ())}


@pytest.mark.parametrize("cue, text", [
    ("İzmir crossings", "Ferries make 40 İzmir crossings a day, and 12 more izmir crossings at night."),
    ("kılıç bouts", "The club held 12 kılıç bouts; KILIÇ BOUTS drew crowds."),
    ("strikes", "There were 30 ſtrikes and 4 STRIKES in May."),
], ids=["dotted-capital-i-in-the-cue", "dotless-i-in-the-cue", "long-s-in-the-text"])
def test_a_cue_of_any_letters_is_found_and_read_as_its_own(cue, text):
    """A store's cue is keyed as its matches are read (word_key), so a cue with a Turkish i is found in the text and
    each match names the cue's predicate."""
    linker = Linker(_Vocabulary(cue))
    found = [word_key(m.group()) for m in linker.cue_pattern.finditer(text)]
    assert len(found) == 2 and all(linker.cue_predicates[key] == {"crossings"} for key in found)


def test_words_that_are_not_ascii_keep_the_exact_scan():
    pattern = word_pattern(["σεισμός", "quake"], after=r"\b")
    assert pattern.fast is None
    assert [m.group() for m in pattern.finditer("ΣΕΙΣΜΌΣ and quake")] == ["ΣΕΙΣΜΌΣ", "quake"]


@pytest.mark.parametrize("words, text, spans", [
    (["of", "out of"], "of, out  of, proof of", [(0, 2), (4, 11), (19, 21)]),
    (["a", "among them"], "a, among them, amongst, xa", [(0, 1), (3, 13)]),
    (["war", "ward"], "war ward wards", [(0, 3), (4, 8)]),
], ids=["phrase", "one-letter-word", "prefix"])
def test_leading_begins_with_a_class_and_matches_as_a_bounded_trie(words, text, spans):
    source = leading(words)
    assert source.startswith("[")
    assert [m.span() for m in re.finditer(source + r"\b", text)] == spans
