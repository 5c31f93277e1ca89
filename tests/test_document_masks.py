"""Spans a draft's claims are never read in: links, e-mail addresses, times, phone numbers (verifier/document.py)."""

from __future__ import annotations

import pytest

from verifier.document import MASKS

# (text, the masked spans' text)
CASES = [
    ("Tips go to night.desk+tips@example.org by 6 pm.", ["night.desk+tips@example.org", "6 pm"]),
    ("Mail (k.osei@wire.example.co.uk) or j_ruiz@example.net.", ["k.osei@wire.example.co.uk", "j_ruiz@example.net."]),
    ("Version 4.2.1.7 of the app shipped to 1.5.8.22 users.", []),
    ("The key a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p has no address in it.", []),
    ("Filed at 11:40 GMT from www.example.org/wire/2031 today.", ["11:40 GMT", "www.example.org/wire/2031"]),
]


@pytest.mark.parametrize("text, masked", CASES, ids=[c[0][:32] for c in CASES])
def test_masks(text, masked):
    assert [m.group() for m in MASKS.finditer(text)] == masked


@pytest.mark.parametrize("run", ["a.", "1.", "x-y.", "b+"], ids=repr)
def test_an_address_is_tried_once_per_run_of_its_characters(run):
    """No "@" in a long run of word characters, dots, pluses and dashes: nothing is masked (how the time grows with
    the run is measured by benchmarks/adversarial.py, input dotted-run.txt: it was quadratic, 47 s for 160 KB)."""
    assert list(MASKS.finditer(run * 5000)) == []
