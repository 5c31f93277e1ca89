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
    ("duration-after", "The summit comes just over a month after Operation Grey Heron.", "2024-06-20", "just over a month", "consistent", None),
    ("duration-after-vague", "The summit comes just over a month after Operation Grey Heron.", "2024-07-10", "just over a month", "unverified", None),
    ("duration-after-past-unresolved", "The summit came just over a month after Operation Grey Heron.", "2024-06-20", "just over a month", "unverified", None),
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
    # Topic: a sentence naming no entity with such facts takes the one earlier entity that has them.
    ("topic-fallback", "The Aldmere ferry disaster shocked the port. Rescuers said 41 people were killed.", "2025-01-10", "41 people", "consistent", None),
    ("topic-fallback-wrong", "The Aldmere ferry disaster shocked the port. Rescuers said 44 people were killed.", "2025-01-10", "44 people", "conflicting", "41 people"),
    ("topic-two-candidates", "The Aldmere ferry disaster and the Brenholt mine collapse shocked the region. Rescuers said 41 people were killed.", "2025-01-10", "41 people", "unverified", None),
    ("topic-other-event-confirms", "The Aldmere ferry disaster shocked the port. At the Harbour Summit, ministers said 41 people were killed.", "2025-01-10", "41 people", "consistent", None),
    ("topic-other-event-no-conflict", "The Aldmere ferry disaster shocked the port. At the Harbour Summit, ministers said 44 people were killed.", "2025-01-10", "44 people", "unverified", None),
    ("topic-organisation-no-conflict", "The Aldmere ferry disaster shocked the port. The NTC said 44 people were killed.", "2025-01-10", "44 people", "unverified", None),
    ("topic-person-is-bystander", "The Aldmere ferry disaster shocked the port. Oren Talvik said 44 people were killed.", "2025-01-10", "44 people", "conflicting", "41 people"),
    # Shared names: the country and the city both stay candidates; their facts decide.
    ("shared-name-fact-decides", "Tessaly is home to 3.2 million people.", "2025-06-26", "3.2 million people", "consistent", None),
    ("shared-name-only-one-has-facts", "Tessaly grew 4.1 per cent.", "2025-06-26", "4.1 per cent", "conflicting", "2.8 per cent"),
    ("shared-name-either-reading", "Tessaly is home to 410,000 people.", "2025-06-26", "410,000 people", "consistent", None),
    ("shared-name-rivals-no-conflict", "Tessaly is home to 900,000 people.", "2025-06-26", "900,000 people", "unverified", None),
    # Contrast words cut entities off; "more than" is a hedge and does not.
    ("contrast-against", "Tomas Ferrow took 59% of the vote against 31% for Dorit Rask.", "2025-06-26", "59%", "unverified", None),
    ("contrast-against-own-side", "Tomas Ferrow took 59% of the vote against 27.4% for Dorit Rask.", "2025-06-26", "27.4%", "consistent", None),
    ("contrast-compared-with", "The Valdorian economy grew 8.1 per cent, compared with growth of 3.1 per cent a year earlier.", "2025-06-26", "3.1 per cent", "unverified", None),
    ("contrast-lower-than", "Growth of 3.1 per cent in the region was lower than in Valdoria.", "2025-06-26", "3.1 per cent", "unverified", None),
    ("contrast-none", "Growth of 3.1 per cent in the region was seen in Valdoria.", "2025-06-26", "3.1 per cent", "conflicting", "6.5 per cent"),
    ("contrast-up-from", "The Valdorian economy grew 8.1 per cent, up from growth of 4.8 per cent.", "2025-06-26", "4.8 per cent", "unverified", None),
    ("contrast-not-more-than", "The Valdorian economy grew more than expected, at 8.1 per cent.", "2025-06-26", "8.1 per cent", "conflicting", "6.5 per cent"),
    ("contrast-more-than-hedge", "Dorit Rask took more than 25% of the vote.", "2025-06-26", "more than 25%", "consistent", None),
    # A nearer cue with no fact for the entity: another predicate's fact neither confirms nor contradicts.
    ("nearer-cue-no-consistency", "The Selwick bridge collapse killed at least 20 people.", "2025-06-26", "at least 20 people", "unverified", None),
    ("nearer-cue-no-conflict", "The Selwick bridge collapse killed 300 people.", "2025-06-26", "300 people", "unverified", None),
    ("nearer-cue-own-fact", "The Selwick bridge collapse injured 30 people.", "2025-06-26", "30 people", "conflicting", "23 people"),
    # A nearer entity of the same kind with no fact blocks a conflict from a farther one's.
    ("nearer-entity-no-fact", "Unlike Valdoria, Kestria grew 8.1 per cent.", "2025-06-26", "8.1 per cent", "unverified", None),
    ("nearer-entity-other-kind", "Valdoria grew 8.1 per cent, Oren Talvik said.", "2025-06-26", "8.1 per cent", "conflicting", "6.5 per cent"),
    # A fact that another unhedged figure of the sentence states is that figure's.
    ("figure-stated-elsewhere", "The Merrovian economy grew 5.4% in the fourth quarter from 4.6% in the third.", "2025-06-26", "5.4%", "unverified", None),
    ("figure-stated-elsewhere-own", "The Merrovian economy grew 5.4% in the fourth quarter from 4.6% in the third.", "2025-06-26", "4.6%", "consistent", None),
    ("figure-alone", "The Merrovian economy grew 5.4% in the fourth quarter.", "2025-06-26", "5.4%", "conflicting", "4.6%"),
    # Ordinals are counts; the next one after a dated count may be the one that grew it.
    ("specific-noun", "Rask finished the match with 4 wickets.", "2025-06-26", "4 wickets", "consistent", None),
    ("specific-noun-wrong", "Rask finished the match with 7 wickets.", "2025-06-26", "7 wickets", "conflicting", "4 wickets"),
    ("claimed-is-taking", "Rask claimed 7 wickets.", "2025-06-26", "7 wickets", "conflicting", "4 wickets"),
    ("claimed-that-is-saying", "Rask claimed that she took 7 wickets.", "2025-06-26", "7 wickets", "unverified", None),
    ("ordinal-count", "Kestria became the 12th member of the NTC.", "2025-06-26", "12th member", "consistent", None),
    ("ordinal-next-may-have-grown", "Kestria became the 13th member of the NTC.", "2025-06-26", "13th member", "unverified", None),
    ("ordinal-two-above", "Kestria became the 14th member of the NTC.", "2025-06-26", "14th member", "conflicting", "12th member"),
    ("ordinal-below-count", "Kestria became the 11th member of the NTC.", "2025-06-26", "11th member", "unverified", None),
    # A weekday may be the start of a period in the week before the as-of date.
    ("weekday-period-start", "Kestria joined the NTC on Tuesday.", "2023-07-06", "Tuesday", "consistent", None),
    ("weekday-period-start-wrong", "Kestria joined the NTC on Monday.", "2023-07-06", "Monday", "conflicting", "Tuesday"),
    ("weekday-period-start-long-ago", "Kestria joined the NTC on Tuesday.", "2025-06-26", "Tuesday", "unverified", None),
    # A scheduled date after the as-of date: consistent when a fact has it, else open.
    ("scheduled-date", "The Harbour Summit will be held on June 25.", "2025-06-01", "June 25", "consistent", None),
    ("scheduled-date-other", "The Harbour Summit will be held on June 28.", "2025-06-01", "June 28", "unverified", None),
    ("scheduled-period-start", "Kestria will join the NTC on July 4.", "2023-06-01", "July 4", "consistent", None),
    ("scheduled-period-start-other", "Kestria will join the NTC on July 9.", "2023-06-01", "July 9", "unverified", None),
    # Written precision: a figure stands for anything within half its last written place.
    ("precision-whole", "The Orrin Canal is 57 km long.", "2025-06-26", "57", "consistent", None),
    ("precision-tenth", "The Orrin Canal is 57.1 km long.", "2025-06-26", "57.1", "consistent", None),
    ("precision-whole-wrong", "The Orrin Canal is 58 km long.", "2025-06-26", "58", "conflicting", "57.09"),
    ("precision-tenth-wrong", "The Orrin Canal is 57.3 km long.", "2025-06-26", "57.3", "conflicting", "57.09"),
    ("precision-percent", "Valdoria's unemployment rate stood at 4.9 per cent.", "2025-06-26", "4.9 per cent", "consistent", None),
    ("precision-percent-wrong", "Valdoria's unemployment rate stood at 4.8 per cent.", "2025-06-26", "4.8 per cent", "conflicting", "4.93 per cent"),
    # Forecast words count only in the claim's own clause.
    ("forecast-other-clause", "Officials said the Aldmere ferry disaster killed 44 people, warning that the toll could rise.", "2025-01-10", "44 people", "conflicting", "41 people"),
    ("forecast-own-clause", "The death toll of the Aldmere ferry disaster is expected to reach 60.", "2025-01-10", "60", "unverified", None),
    # A date written onto an event the store does not name is that event's, not another's in the sentence.
    ("dated-unnamed-event", "Voters went to the polls in the May 29 election and in the Valdorian general election.", "2025-06-26", "May 29", "unverified", None),
    ("dated-named-event", "Voters went to the polls in the June 2 Valdorian general election.", "2025-06-26", "June 2", "consistent", None),
    ("dated-named-event-wrong", "Voters went to the polls in the June 5 Valdorian general election.", "2025-06-26", "June 5", "conflicting", "June 2"),
    # Elapsed time is measured from the date the cue names, to the date the sentence names.
    ("elapsed-after-cue", "The Orrin Canal opened on 2 May 2025, 14 years after construction began.", "2025-06-26", "14 years", "consistent", None),
    ("elapsed-after-cue-wrong", "The Orrin Canal opened on 2 May 2025, 17 years after construction began.", "2025-06-26", "17 years", "conflicting", "14 years"),
    ("elapsed-ago", "Construction of the Orrin Canal began 14 years ago.", "2025-06-26", "14 years", "consistent", None),
    ("length-not-elapsed", "Construction of the Orrin Canal began and lasted 20 years.", "2025-06-26", "20 years", "unverified", None),
    # Money or percent with no cue links weakly to the entity's figures in that unit.
    ("money-no-cue", "For the Valdoria-Kestria ties, $4.2 billion is a milestone.", "2025-06-26", "$4.2 billion", "consistent", None),
    ("money-no-cue-no-conflict", "For the Valdoria-Kestria ties, $5.1 billion is a milestone.", "2025-06-26", "$5.1 billion", "unverified", None),
    ("percent-no-cue", "For Valdoria, 6.5 per cent is a milestone.", "2025-06-26", "6.5 per cent", "consistent", None),
    ("percent-no-cue-no-conflict", "For Valdoria, 8.1 per cent is a milestone.", "2025-06-26", "8.1 per cent", "unverified", None),
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


@pytest.mark.parametrize("text, holder", [
    ("Valdorian Defence Minister Petra Lune visited the port.", "Oren Talvik"),
    ("Petra Lune, Valdoria's Defence Minister, toured the harbour.", "Oren Talvik"),
    ("The Defence Minister of Valdoria, Petra Lune, met the crew.", "Oren Talvik"),
    ("Defence Minister Petra Lune met the crew.", None),  # a title alone names no one office
], ids=["title-before-name", "appositive-after", "office-of-country", "bare-title-names-no-holder"])
def test_an_unknown_person_in_a_known_office_is_unverified_and_the_reason_names_the_holder(world, text, holder):
    judgement = verdict_of(check(world, text), "Petra Lune")
    assert judgement.verdict.value == "unverified" and judgement.decided_by == "judge.role.unlinked"
    named = "; the store's Minister of Defence of Valdoria on 26 June 2025 is Oren Talvik"
    assert judgement.reason.endswith(named) if holder else "the store's" not in judgement.reason


HONORIFIC_WORLD = [
    {"record": "entity", "subject": "Minister of Foreign Affairs of Kestria", "kind": "office",
     "aliases": ["Kestrian Foreign Minister", "Foreign Minister of Kestria", "Kestria's Foreign Minister"]},
    {"record": "entity", "subject": "Hamid bin Rashid", "kind": "person",
     "aliases": ["Sheikh Hamid bin Rashid"]},
    {"record": "entity", "subject": "Anja Petrov", "kind": "person", "aliases": ["Dr Anja Petrov", "Professor Anja Petrov"]},
    {"subject": "Hamid bin Rashid", "predicate": "holds_office", "value": "Minister of Foreign Affairs of Kestria",
     "valid_from": "2022-03-01", "source": {"title": "Test world: cabinet", "publisher": "Test Desk",
                                            "url": "https://example.org/cabinet"}},
]


@pytest.fixture(scope="module")
def honorific_world(tmp_path_factory):
    import json

    from claims_db.interchange import parse_files
    from claims_db.store import Store

    directory = tmp_path_factory.mktemp("honorific")
    path = build_world(directory)
    extra = directory / "honorific.jsonl"
    extra.write_text("".join(json.dumps(r) + "\n" for r in HONORIFIC_WORLD), encoding="utf-8")
    store = Store(path)
    store.import_parsed(parse_files([str(extra)]))
    store.engine.dispose()
    reader = Reader(path)
    yield reader
    reader.close()


@pytest.mark.parametrize("text, quote, expected", [
    ("Kestrian Foreign Minister Sheikh Hamid bin Rashid arrived in Aldmere.", "Hamid bin Rashid", "consistent"),
    ("Kestria's Foreign Minister Sheikh Hamid bin Rashid spoke first.", "Hamid bin Rashid", "consistent"),
    ("Foreign Minister of Kestria Sheikh Hamid bin Rashid met reporters.", "Hamid bin Rashid", "consistent"),
    ("Kestrian Foreign Minister Dr Anja Petrov arrived in Aldmere.", "Anja Petrov", "conflicting"),
], ids=["title-first", "possessive", "office-of", "someone-else-with-a-titled-alias"])
def test_a_store_alias_carrying_the_honorific_the_name_leaves_out_still_names_the_person(honorific_world, text,
                                                                                        quote, expected):
    """The role extractor leaves "Sheikh" out of the name; the store's longest alias keeps it: the same person."""
    judgement = verdict_of(check(honorific_world, text), quote)
    assert judgement.verdict.value == expected, judgement.reason
