"""Spans a draft's claims are never read in: links, e-mail addresses, times, phone numbers (verifier/document.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.document import _DIGIT_LED, masked_spans
from verifier.extract import anchors

# (text, the masked spans' text)
CASES = [
    ("Tips go to night.desk+tips@example.org by 6 pm.", ["night.desk+tips@example.org", "6 pm"]),
    ("Mail (k.osei@wire.example.co.uk) or j_ruiz@example.net.", ["k.osei@wire.example.co.uk", "j_ruiz@example.net."]),
    ("Version 4.2.1.7 of the app shipped to 1.5.8.22 users.", []),
    ("The key a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p has no address in it.", []),
    ("Filed at 11:40 GMT from www.example.org/wire/2031 today.", ["11:40 GMT", "www.example.org/wire/2031"]),
    ("Call +44 20 7946 0991 or 020-7946-0992 at 0900 GMT or 7.30 p.m.",
     ["+44 20 7946 0991", "020-7946-0992", "0900 GMT", "7.30 p.m."]),
    ("Doors shut at 12:30 sharp; A10:30 and 2024 are no times.", ["12:30 "]),
    ("A local part over 64 characters: " + "x" * 65 + "@example.org", []),
]


@pytest.mark.parametrize("text, masked", CASES, ids=[c[0][:32] for c in CASES])
def test_masks(text, masked):
    assert [text[start:end] for start, end in sorted(masked_spans(text))] == masked


@pytest.mark.parametrize("run", ["a.", "1.", "x-y.", "b+"], ids=repr)
def test_an_address_is_tried_once_per_run_of_its_characters(run):
    """No "@" in a long run of word characters, dots, pluses and dashes: nothing is masked (how the time grows with
    the run is measured by benchmarks/adversarial.py, input dotted-run.txt: it was quadratic, 47 s for 160 KB)."""
    assert masked_spans(run * 5000) == []


# Pieces of times and phone numbers, and the marks around them.
PIECES = ["0", "1", "12", "123", "2024", "30", "59", "９", "٣", ":", ".", "-", " ", "  ", "\n", "am", "PM", "p.m.",
          "hrs", "hours", "GMT", "a", "x", "_", "(", "+"]


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_times_and_phone_numbers_tried_at_runs_of_digits_are_what_a_full_scan_finds(text):
    """The pattern is tried only where the trigger scan found a run of digits (anchors.py), never elsewhere."""
    tried = [m.span() for m in anchors.matches(_DIGIT_LED, text, anchors.scan(text).digit_starts())]
    assert tried == [m.span() for m in _DIGIT_LED.finditer(text)]
