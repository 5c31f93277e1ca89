"""Each judging rule, with a fact that applies and one that does not, on a fictional test world."""

import pytest
from claims_db.query import Reader

from verifier_support import build_world, check, verdict_of


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    reader = Reader(build_world(tmp_path_factory.mktemp("world")))
    yield reader
    reader.close()


CASES = [
    # (id, text, as_of, quote, verdict, suggestion or None)
    ("count-exact", "The Aldmere ferry disaster killed 41 people, officials said.", "2025-01-10", "41 people", "consistent", None),
    ("count-wrong", "The Aldmere ferry disaster killed 44 people, officials said.", "2025-01-10", "44 people", "conflicting", "41 people"),
    ("count-words", "The Aldmere ferry disaster killed forty-one passengers.", "2025-01-10", "forty-one passengers", "consistent", None),
    ("count-words-wrong", "The Aldmere ferry disaster killed forty-four passengers.", "2025-01-10", "forty-four passengers", "conflicting", "forty-one passengers"),
    ("hedge-more-than", "More than 40 people were killed in the Aldmere ferry disaster.", "2025-01-10", "More than 40 people", "consistent", None),
    ("hedge-more-than-wrong", "More than 60 people were killed in the Aldmere ferry disaster.", "2025-01-10", "More than 60 people", "conflicting", None),
    ("hedge-nearly-vague", "Nearly 50 people were killed in the Aldmere ferry disaster.", "2025-01-10", "Nearly 50 people", "unverified", None),
    ("hedge-at-least", "At least 30 people were killed in the Aldmere ferry disaster.", "2025-01-10", "At least 30 people", "consistent", None),
    ("range", "Between 40 and 45 people were killed in the Aldmere ferry disaster.", "2025-01-10", "Between 40 and 45 people", "consistent", None),
    ("outdated", "The Aldmere ferry disaster killed 38 people.", "2025-01-10", "38 people", "conflicting", "41 people"),
    ("before-revision", "The Aldmere ferry disaster killed 38 people.", "2024-03-02", "38 people", "consistent", None),
    ("injured-not-killed", "The Aldmere ferry disaster killed 41 and injured 112 people.", "2025-01-10", "112 people", "consistent", None),
    ("other-group", "The Aldmere ferry disaster killed 41 soldiers.", "2025-01-10", "41 soldiers", "consistent", None),
    ("no-predicate", "The Aldmere ferry disaster was reported by 12 journalists.", "2025-01-10", "12 journalists", "unverified", None),
    ("no-entity", "A storm killed 41 people in a distant province.", "2025-01-10", "41 people", "unverified", None),
    ("targets", "Operation Grey Heron struck seven terror camps.", "2025-01-10", "seven terror camps", "consistent", None),
    ("targets-wrong", "Operation Grey Heron struck eleven terror camps.", "2025-01-10", "eleven terror camps", "conflicting", "seven terror camps"),
    ("money-other-currency", "Bilateral trade under the Valdoria-Kestria ties reached €4.2 billion.", "2025-06-26", "€4.2 billion", "unverified", None),
    ("money-linked", "Bilateral trade under the Valdoria-Kestria ties reached $4.2 billion.", "2025-06-26", "$4.2 billion", "consistent", None),
    ("money-wrong", "Bilateral trade under the Valdoria-Kestria ties reached $5.1 billion.", "2025-06-26", "$5.1 billion", "conflicting", "$4.2 billion"),
    ("percent", "The Valdorian economy grew 6.5 per cent.", "2025-06-26", "6.5 per cent", "consistent", None),
    ("percent-wrong", "The Valdorian economy grew 8.1 per cent.", "2025-06-26", "8.1 per cent", "conflicting", "6.5 per cent"),
    ("date", "The Aldmere ferry disaster of March 1 shocked the nation.", "2025-01-10", "March 1", "consistent", None),
    ("date-wrong", "The Aldmere ferry disaster of March 3 shocked the nation.", "2025-01-10", "March 3", "conflicting", "March 1"),
    ("date-with-year", "The Aldmere ferry disaster on 1 March 2024 shocked the nation.", "2025-01-10", "1 March 2024", "consistent", None),
    ("year-of-date", "The Aldmere ferry disaster in 2023 shocked the nation.", "2025-01-10", "2023", "conflicting", "in 2024"),
    ("year-in-period", "Valdoria's presidency of the NTC in 2023 was busy.", "2025-06-26", "2023", "consistent", None),
    ("year-outside-period", "Valdoria's presidency of the NTC in 2020 was busy.", "2025-06-26", "2020", "conflicting", None),
    ("weekday", "Ministers met at the Harbour Summit on Thursday.", "2025-06-26", "on Thursday", "consistent", None),
    ("weekday-multi-day", "Ministers met at the Harbour Summit on Wednesday.", "2025-06-26", "on Wednesday", "consistent", None),
    ("weekday-wrong", "Ministers met at the Harbour Summit on Monday.", "2025-06-26", "on Monday", "conflicting", None),
    ("weekday-any-week", "The Aldmere ferry disaster happened on a Friday.", "2025-06-26", "on a Friday", "consistent", None),
    ("weekday-any-week-wrong", "The Aldmere ferry disaster happened on a Monday.", "2025-06-26", "on a Monday", "conflicting", "a Friday"),
    ("duration", "Over the 31-year history of relations between Valdoria and Kestria, trade grew.", "2025-06-26", "31-year", "consistent", None),
    ("duration-wrong", "Over the 35-year history of relations between Valdoria and Kestria, trade grew.", "2025-06-26", "35-year", "conflicting", "31-year"),
    ("duration-off-by-one", "Over the 32-year history of relations between Valdoria and Kestria, trade grew.", "2025-06-26", "32-year", "unverified", None),
    ("duration-decades", "Over three decades of relations between Valdoria and Kestria, trade grew.", "2025-06-26", "three decades", "consistent", None),
    ("duration-after", "The summit came just over a month after Operation Grey Heron.", "2024-06-20", "just over a month", "consistent", None),
    ("duration-after-vague", "The summit came just over a month after Operation Grey Heron.", "2024-07-10", "just over a month", "unverified", None),
    ("role-current", "Valdorian Defence Minister Oren Talvik visited the port.", "2025-06-26", "Oren Talvik", "consistent", None),
    ("role-generic", "Defence Minister Talvik visited the port.", "2025-06-26", "Talvik", "consistent", None),
    ("role-outdated", "The Defence Minister of Valdoria, Mira Castell, visited the port.", "2025-06-26", "Mira Castell", "conflicting", "Oren Talvik"),
    ("role-past-date", "The Defence Minister of Valdoria, Mira Castell, visited the port.", "2023-06-26", "Mira Castell", "consistent", None),
    ("role-other-holder", "Kestrian Defence Minister Oren Talvik visited the port.", "2025-06-26", "Oren Talvik", "conflicting", "Ilse Brandt"),
    ("role-former", "Former Defence Minister Mira Castell visited the port.", "2025-06-26", "Mira Castell", "consistent", None),
    ("role-unknown-person", "Valdorian Defence Minister Petra Lune visited the port.", "2025-06-26", "Petra Lune", "unverified", None),
    ("role-counterpart", "Defence Minister Talvik met his Kestrian counterpart Ilse Brandt.", "2025-06-26", "Ilse Brandt", "consistent", None),
    ("role-counterpart-wrong", "Defence Minister Talvik met his Kestrian counterpart Mira Castell.", "2025-06-26", "counterpart Mira Castell", "conflicting", "Ilse Brandt"),
    ("draft-fact-ignored", "Ilse Brandt said 3 people were killed.", "2025-06-26", "3 people", "unverified", None),
    ("anaphora", "The Aldmere ferry disaster shocked the port. Officials said the disaster killed 41 people.", "2025-01-10", "41 people", "consistent", None),
]


@pytest.mark.parametrize("text, as_of, quote, expected, suggestion", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_judging_rule(world, text, as_of, quote, expected, suggestion):
    judgement = verdict_of(check(world, text, as_of), quote)
    assert judgement.verdict.value == expected, judgement.reason
    if expected != "unverified":
        assert judgement.fact is not None, "every consistent or conflicting verdict names its fact"
    if suggestion:
        assert suggestion in judgement.suggestion
    if expected == "conflicting":
        assert judgement.suggestion, "a conflict carries a suggested correction"
