"""Classes of sentences the verifier once got wrong, each with fresh sentences of its own (fictional world).

Each class names the mechanism that covers it; the sentences are written for this file.
"""

import pytest
from claims_db.query import Reader

from verifier_support import build_world, check, verdict_of


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    reader = Reader(build_world(tmp_path_factory.mktemp("world")))
    yield reader
    reader.close()


CLASSES = {
    # A person the store knows written beside an office it knows, with a title no pattern lists.
    "role-titled-by-store": [
        ("Rovers captain Lina Hartmann lifted the trophy.", "2025-06-26", "Lina Hartmann", "consistent"),
        ("Lina Hartmann, the Rovers captain, lifted the trophy.", "2025-06-26", "Lina Hartmann", "consistent"),
        ("The final was settled when Rovers captain, Petra Vos, scored twice.", "2025-06-26", "Petra Vos", "conflicting"),
        ("Fans cheered as captain Petra Vos walked out.", "2022-06-26", "Petra Vos", "consistent"),
    ],
}
CASES = [(name, *case) for name, cases in CLASSES.items() for case in cases]


@pytest.mark.parametrize("name, text, as_of, quote, expected", CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_class(world, name, text, as_of, quote, expected):
    judgement = verdict_of(check(world, text, as_of), quote)
    assert judgement.verdict.value == expected, (judgement.reason, judgement.trace)


@pytest.mark.parametrize("text", [
    "Lina Hartmann met the Rovers captain at noon.",
    "The Rovers captain thanked the fans; Lina Hartmann did not.",
    "Lina Hartmann spoke to reporters and the Rovers captain left.",
])
def test_no_role_without_adjacent_title(world, text):
    assert [j for j in check(world, text) if j.claim.kind == "role"] == []
