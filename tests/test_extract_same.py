"""A change to the extractor for speed keeps every claim: same spans, kinds, values, every field.

The reference is a fingerprint per text (benchmarks/extract_same.py), recorded before the change;
after a change meant to alter claims, record it again with `python -m benchmarks.extract_same
--write-fingerprints` and say so in the commit.
"""

from __future__ import annotations

import json

from benchmarks import extract_same


def test_every_text_has_the_claims_it_had():
    reference = json.loads(extract_same.FINGERPRINTS.read_text(encoding="utf-8"))
    claims = extract_same.current()
    compared = [name for name in claims if name in reference]
    assert len(compared) >= 100, "too few of the reference texts were found to compare"
    assert extract_same.differences(reference, claims) == []


def test_a_changed_claim_changes_the_fingerprint():
    claims = extract_same.claims_of("a.txt", "The attack killed 26 civilians on April 22.", extract_same.AS_OF)
    moved = [[*claim[:2], claim[2] + 1, *claim[3:]] for claim in claims]
    assert claims and extract_same.fingerprint(claims) != extract_same.fingerprint(moved)
