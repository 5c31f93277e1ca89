"""Real news drafts by other writers (../shared/real-news, read at run time, never copied): the verdicts
the verifier reaches there must not regress, and the drafts as written must raise no false conflict."""

from __future__ import annotations

import pytest

from benchmarks.accuracy import corpus, realnews

# What the verifier reached when this test was written (83 labelled claims in 10 drafts).
FLOORS = {"original": 54, "changed": 41, "removed": 79}
MAX_FALSE_CONFLICTS = {"original": 0, "changed": 2, "removed": 4}

pytestmark = pytest.mark.skipif(not realnews.available(), reason=f"{realnews.REAL_NEWS} is absent (../shared not laid out here)")


@pytest.fixture(scope="module")
def tally() -> corpus.Tally:
    return corpus.evaluate(realnews.load_drafts(), realnews.facts_files())["all"]


def test_the_set_is_read_as_laid_out(tally):
    assert tally.passages == 10 and sum(tally.marked.values()) == 83


def test_verdicts_do_not_regress(tally):
    for variant, floor in FLOORS.items():
        right = sum(n for (expected, got), n in tally.verdicts[variant].items() if expected == got)
        assert right >= floor, (variant, right, [m for m in tally.misses if m[1] == variant][:10])


def test_false_conflicts_stay_at_most_where_they_are(tally):
    for variant, most in MAX_FALSE_CONFLICTS.items():
        assert tally.false_conflicts[variant] <= most, [m for m in tally.misses if m[1] == variant and m[2] == "false conflict"]


def test_extraction_and_traps(tally):
    assert tally.recall >= 0.95
    assert tally.trap_hits <= 2
