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
    # "N after X" runs between X and the event its clause reports, never to the as-of date unless the clause is present.
    "duration-between-events": [
        ("Valdoria struck back 15 days after the Aldmere ferry disaster.", "2025-07-01", "15 days", "unverified"),
        ("The Harbour Summit came a year after Operation Grey Heron.", "2025-07-01", "a year", "consistent"),
        ("The Harbour Summit came three years after Operation Grey Heron.", "2025-07-01", "three years", "conflicting"),
        ("The visit comes a fortnight after Operation Grey Heron.", "2024-05-24", "a fortnight", "consistent"),
    ],
    # A figure named as an earlier one may be another time's or another body's: never a conflict.
    "earlier-figure": [
        ("Valdoria's growth of 6.5 per cent beat the prior best of 5.2 per cent.", "2025-06-26", "5.2 per cent", "unverified"),
        ("The Aldmere ferry disaster's toll overtook the old record of 33 people.", "2025-01-10", "33 people", "unverified"),
        ("The NTC's membership passed its previous high of 9 members.", "2025-06-26", "9 members", "unverified"),
        ("The NTC has 9 members.", "2025-06-26", "9 members", "conflicting"),
    ],
    # A unit of measure written onto its digits, or another unit of the same dimension than the store's.
    "units-of-measure": [
        ("The Orrin Canal is 57.09km long.", "2025-06-26", "57.09km", "consistent"),
        ("The Orrin Canal is 35.5 miles long.", "2025-06-26", "35.5 miles", "consistent"),
        ("The Orrin Canal is 40 miles long.", "2025-06-26", "40 miles", "conflicting"),
        ("The Orrin Canal is 57,090 m long.", "2025-06-26", "57,090 m", "consistent"),
    ],
    # A measure over a time is a speed ("km/h", "miles an hour", "km/s"), never the length it starts with.
    "speeds-are-not-lengths": [
        ("Ships cross the Orrin Canal at up to 57 km/h.", "2025-06-26", "57 km/h", "unverified"),
        ("The Orrin Canal lets barges sail at 60 miles an hour.", "2025-06-26", "60 miles an hour", "unverified"),
        ("On the Orrin Canal, boats reach 57 kilometres per hour.", "2025-06-26", "57 kilometres per hour", "unverified"),
        ("The Orrin Canal, 57 km long, takes ships at 40 km/h.", "2025-06-26", "57 km", "consistent"),
    ],
    # A cue word that begins a compound modifier ("high-speed", "long-awaited") is no cue.
    "cue-inside-compound": [
        ("The Orrin Canal stretches across 57 km of high-speed water.", "2025-06-26", "57 km", "consistent"),
        ("The Orrin Canal stretches across 57 km, high-capacity locks included.", "2025-06-26", "57 km", "consistent"),
        ("The Orrin Canal stretches across 50 km of high-traffic water.", "2025-06-26", "50 km", "conflicting"),
        ("The Orrin Canal runs 57 km between walls 12 metres high.", "2025-06-26", "12 metres", "unverified"),
    ],
    # A figure linked to the story's topic while the sentence names an entity of the topic's own kind that lacks it.
    "topic-of-own-kind-named-here": [
        ("Port Aldmere is 12 km long. The Orrin Canal opened later.", "2025-06-26", "12 km", "unverified"),
        ("The Orrin Canal opened in 2025. The quay at Port Aldmere stretches 9 km.", "2025-06-26", "9 km", "unverified"),
        ("The Orrin Canal opened in 2025. Officials said it is 50 km long.", "2025-06-26", "50 km", "conflicting"),
    ],
    # People a predicate's noun list does not name are still its people; a noun that is its cue names it too.
    "people-and-cue-nouns": [
        ("The Aldmere ferry disaster killed 41 workers.", "2025-01-10", "41 workers", "consistent"),
        ("The Aldmere ferry disaster caused 41 deaths.", "2025-01-10", "41 deaths", "consistent"),
        ("The Aldmere ferry disaster caused 44 deaths.", "2025-01-10", "44 deaths", "conflicting"),
        ("The dead of the Aldmere ferry disaster included 20 women.", "2025-01-10", "20 women", "unverified"),
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


def test_a_duration_correction_keeps_the_claims_unit(world):
    judgement = verdict_of(check(world, "The visit comes a fortnight after Operation Grey Heron.", "2024-08-10"),
                           "a fortnight")
    assert judgement.verdict.value == "conflicting"
    assert judgement.suggestion == "seven fortnights"


@pytest.mark.parametrize("text", [
    "The 2024 Valdorian general election drew crowds.",
    "Observers praised the 2024 Valdorian general election.",
    "Results of the 2024 Valdorian general election came late.",
])
def test_a_year_inside_a_name_the_store_knows_is_no_claim(world, text):
    assert [j.claim.text for j in check(world, text) if j.claim.kind == "date"] == []


@pytest.mark.parametrize("text", [
    "Profit beat the high set in fiscal 2015.",
    "Revenue rose 18% from Q4 2023.",
    "The group's FY2024 results were strong.",
])
def test_a_reporting_period_label_is_no_date(world, text):
    assert [j.claim.text for j in check(world, text) if j.claim.kind == "date"] == []
