"""A slice of the accuracy benchmark's news corpus, so that regressions in extraction, linking
or judging fail CI (the whole corpus runs in `python -m benchmarks.accuracy`)."""

from __future__ import annotations

from collections import Counter

import pytest

from benchmarks.accuracy import corpus

# Tune-split passages on four topics; the floors are what the verifier reached when they were chosen.
SLICE = ("conflict-01", "conflict-09", "conflict-13", "economy-01", "economy-09", "sportsci-03")
FLOORS = {"original": 35, "changed": 33, "removed": 36}  # claims with the expected verdict, of 37


@pytest.fixture(scope="module")
def passages() -> list[corpus.Passage]:
    return corpus.load_passages()


@pytest.fixture(scope="module")
def tally(passages) -> corpus.Tally:
    chosen = [p for p in passages if p.id in SLICE]
    assert [p.id for p in chosen] == list(SLICE)
    return corpus.evaluate(chosen, corpus.facts_files())["all"]


def test_the_corpus_is_well_formed_and_split(passages):
    assert len(passages) >= 60
    splits = Counter(p.split for p in passages)
    assert splits["tune"] >= 30 and splits["heldout"] >= 30
    assert sum(len(p.claims) for p in passages) >= 300
    assert all(p.claims for p in passages)


def test_no_false_conflict_on_the_slice(tally):
    false = [m for m in tally.misses if m[2] == "false conflict"]
    assert false == []


def test_verdicts_on_the_slice_do_not_regress(tally):
    right = {v: tally.verdicts[v][(corpus.EXPECTED[v], corpus.EXPECTED[v])] for v in corpus.VARIANTS}
    assert sum(tally.marked.values()) == 37
    for variant, floor in FLOORS.items():
        assert right[variant] >= floor, (variant, right[variant], tally.misses)


def test_extraction_on_the_slice(tally):
    assert tally.recall == 1.0
    assert tally.precision >= 0.9
