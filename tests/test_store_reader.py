"""The verifier's way in: entities named in a text, and the approved facts about them."""

from __future__ import annotations

import datetime as dt

import pytest

from claims_db import SCHEMA_VERSION
from claims_db.query import FactRow, Reader, Source

D = dt.date.fromisoformat

MENTIONS = [
    pytest.param("NATO was founded in 1949.", [("NATO", "NATO")], id="name"),
    pytest.param("The North Atlantic Treaty Organization met.", [("North Atlantic Treaty Organization", "NATO")],
                 id="alias-of-four-words"),
    pytest.param("Talks with the OTAN delegation.", [("OTAN", "NATO")], id="alias"),
    pytest.param("Nato ministers met.", [("Nato", "NATO")], id="case"),
    pytest.param("Exports from the Ivory Coast rose.", [("Ivory Coast", "Côte d'Ivoire")], id="alias-of-country"),
    pytest.param("Côte d\u2019Ivoire held elections.", [("Côte d\u2019Ivoire", "Côte d'Ivoire")],
                 id="curly-apostrophe"),
    pytest.param("Cote d'Ivoire held elections.", [("Cote d'Ivoire", "Côte d'Ivoire")], id="no-accent"),
    pytest.param("COTE D`IVOIRE", [("COTE D`IVOIRE", "Côte d'Ivoire")], id="capitals-and-backtick"),
    pytest.param("Guinea\u2013Bissau and Guinea", [("Guinea\u2013Bissau", "Guinea-Bissau"), ("Guinea", "Guinea")],
                 id="en-dash-and-longest-match"),
    pytest.param("Guinea Bissau", [("Guinea Bissau", "Guinea-Bissau")], id="hyphen-as-space"),
    pytest.param("Equatorial Guinea borders Gabon.", [("Equatorial Guinea", "Equatorial Guinea")],
                 id="longest-match-wins"),
    pytest.param("NATO Secretary-General Mark Rutte",
                 [("NATO Secretary-General", "Secretary General of NATO"), ("Mark Rutte", "Mark Rutte")],
                 id="office-before-person"),
    pytest.param("Türkiye\u2019s accession in 1952", [("Türkiye", "Türkiye")], id="possessive"),
    pytest.param("Turkiye's parliament", [("Turkiye", "Türkiye")], id="accent-dropped"),
    pytest.param("Turkey joined in 1952.", [("Turkey", "Türkiye")], id="former-name"),
    pytest.param("We ate roast turkey in spain.", [], id="lower-case-words-are-not-names"),
    pytest.param("PEDRO SANCHEZ and Sánchez", [("PEDRO SANCHEZ", "Pedro Sánchez"), ("Sánchez", "Pedro Sánchez")],
                 id="accented-surname"),
    pytest.param("Suomi and Sverige joined NATO.", [("Suomi", "Finland"), ("Sverige", "Sweden"), ("NATO", "NATO")],
                 id="aliases-given-on-facts"),
    pytest.param("The Great Lisbon earthquake of 1755", [("Great Lisbon earthquake", "1755 Lisbon earthquake")],
                 id="event"),
    pytest.param("The weather in Reykjavik was mild.", [], id="nothing-known"),
    pytest.param("", [], id="empty-text"),
]


@pytest.mark.parametrize("text, expected", MENTIONS)
def test_mentions(reader, text, expected):
    found = reader.mentions(text)
    assert [(text[m.start:m.end], m.name) for m in found] == expected


def test_mention_carries_entity_id_and_kind(reader, seeded_store):
    [office, person] = reader.mentions("NATO Secretary General Mark Rutte")
    assert (office.kind, person.kind) == ("office", "person")
    assert office.entity_id != person.entity_id
    assert [f.subject_id for f in reader.facts([person.entity_id], ["holds_office"])] == [person.entity_id] * 2


def test_mentions_in_a_long_text(reader):
    """More n-grams than one query takes: the look-up runs in chunks and still finds every name."""
    filler = " ".join(f"lorem{n}" for n in range(150))
    text = f"Finland {filler} Türkiye"
    assert [(text[m.start:m.end], m.name) for m in reader.mentions(text)] == [
        ("Finland", "Finland"), ("Türkiye", "Türkiye")]


def _ids(reader: Reader, *names: str) -> list[int]:
    ids = []
    for name in names:
        [mention] = [m for m in reader.mentions(name) if m.name == name]
        ids.append(mention.entity_id)
    return ids


FACTS = [
    pytest.param(["NATO"], ["member_count"], {("NATO", "member_count", 32)}, id="retired-fact-left-out"),
    pytest.param(["Iceland"], ["population"], {("Iceland", "population", 383726)}, id="draft-fact-left-out"),
    pytest.param(["Iceland"], ["member_of"], set(), id="only-a-draft"),
    pytest.param(["Equatorial Guinea"], ["official_language"],
                 {("Equatorial Guinea", "official_language", "Spanish"),
                  ("Equatorial Guinea", "official_language", "French")}, id="two-values"),
    pytest.param(["NATO", "Iceland"], ["established", "area"],
                 {("NATO", "established", D("1949-04-04")), ("Iceland", "area", 103000)}, id="several-of-each"),
    pytest.param(["Spain"], ["holds_office"], set(), id="predicate-without-facts-for-subject"),
    pytest.param([], ["population"], set(), id="no-subjects"),
    pytest.param(["Iceland"], [], set(), id="no-predicates"),
]


@pytest.mark.parametrize("subjects, predicates, expected", FACTS)
def test_facts_returns_approved_facts_only(reader, subjects, predicates, expected):
    rows = reader.facts(_ids(reader, *subjects), predicates)
    assert {(r.subject, r.predicate, r.value) for r in rows} == expected
    assert len(rows) == len(expected)


def test_fact_row_carries_the_whole_fact(reader, seeded_store):
    [row] = reader.facts(_ids(reader, "Jens Stoltenberg"), ["holds_office"])
    [office] = _ids(reader, "Secretary General of NATO")
    [stored] = seeded_store.find(subject="Jens Stoltenberg", predicate="holds_office")
    assert row == FactRow(
        uid=stored["id"], subject_id=row.subject_id, subject="Jens Stoltenberg", predicate="holds_office",
        value_type="entity", value="Secretary General of NATO", value_entity_id=office, unit=None, tolerance=None,
        date=None, valid_from=D("2014-10-01"), valid_to=D("2024-09-30"),
        source=Source("Jens Stoltenberg", "Wikipedia", "https://en.wikipedia.org/wiki/Jens_Stoltenberg",
                      D("2025-01-15")),
        note=None, subject_kind="person", predicate_label="holds the office of")


def test_quantity_fact_row(reader):
    [row] = reader.facts(_ids(reader, "1755 Lisbon earthquake"), ["killed"])
    assert (row.value_type, row.value, row.unit, row.tolerance, row.date) == (
        "quantity", 40000, "people", 10000, D("1755-11-01"))
    assert row.note == "Estimates for Lisbon range from about 30,000 to 50,000 dead."


@pytest.mark.parametrize("predicate, value, holders", [
    pytest.param("holds_office", "Secretary General of NATO", ["Jens Stoltenberg", "Mark Rutte"], id="office-holders"),
    pytest.param("member_of", "NATO", ["Finland", "Spain", "Sweden", "Türkiye"], id="members-without-draft"),
    pytest.param("holds_office", "NATO", [], id="wrong-predicate"),
])
def test_facts_with_value(reader, predicate, value, holders):
    rows = reader.facts_with_value(predicate, _ids(reader, value))
    assert sorted(r.subject for r in rows) == holders
    assert {r.value for r in rows} <= {value}


@pytest.mark.parametrize("day, holder", [
    pytest.param("2014-09-30", None, id="before-the-first"),
    pytest.param("2014-10-01", "Jens Stoltenberg", id="first-day"),
    pytest.param("2020-06-15", "Jens Stoltenberg", id="mid-term"),
    pytest.param("2024-09-30", "Jens Stoltenberg", id="last-day"),
    pytest.param("2024-10-01", "Mark Rutte", id="successor-first-day"),
    pytest.param("2031-01-01", "Mark Rutte", id="open-ended"),
])
def test_holder_of_office_on_a_day(reader, day, holder):
    rows = reader.facts_with_value("holds_office", _ids(reader, "Secretary General of NATO"))
    in_force = [r.subject for r in rows if r.in_force(D(day))]
    assert in_force == ([holder] if holder else [])


@pytest.mark.parametrize("valid_from, valid_to, day, expected", [
    pytest.param(None, None, "1900-01-01", True, id="no-period"),
    pytest.param("2020-01-01", None, "2019-12-31", False, id="before-start"),
    pytest.param("2020-01-01", None, "2020-01-01", True, id="on-start"),
    pytest.param(None, "2020-01-01", "2020-01-01", True, id="on-end"),
    pytest.param(None, "2020-01-01", "2020-01-02", False, id="after-end"),
])
def test_in_force(valid_from, valid_to, day, expected):
    row = FactRow("f0", 1, "X", "holds_office", "entity", "Y", 2, None, None, None,
                  valid_from and D(valid_from), valid_to and D(valid_to), Source("t", "p", "u", None), None)
    assert row.in_force(D(day)) is expected


def test_predicates(reader):
    predicates = reader.predicates()
    assert len(predicates) == 22
    area = predicates["area"]
    assert (area.value_type, area.cues, area.nouns) == (
        "quantity", ("area of", "covers", "spans"), ("km2", "square kilometres", "square miles"))
    assert predicates["official_language"].nouns == ()
    assert predicates["holds_office"].value_type == "entity"


def test_reader_info(reader, seeded_store):
    stats = seeded_store.stats()
    assert (reader.info.schema_version, reader.info.facts, reader.info.digest) == (SCHEMA_VERSION, 23, stats["digest"])


def test_reader_sees_later_writes(reader, seeded_store, tmp_path):
    """A long-lived reader (one check run) reads committed data, not a snapshot of when it opened."""
    from claims_db.interchange import parse_files

    path = tmp_path / "norway.jsonl"
    path.write_text('{"record": "entity", "subject": "Norway", "kind": "country", "aliases": ["Noreg"]}\n',
                    encoding="utf-8")
    assert reader.mentions("Noreg") == []
    seeded_store.import_parsed(parse_files([str(path)]))
    assert [m.name for m in reader.mentions("Noreg")] == ["Norway"]


def test_predicate_units_are_read_from_a_sample_of_the_facts(reader):
    assert reader.predicate_units("killed") == {"people"}
    assert reader.predicate_units("holds_office") == frozenset()  # entity values carry no unit
    assert reader.predicate_units("no_such_predicate") == frozenset()


@pytest.mark.parametrize("text", [
    "The North Atlantic Treaty Organization met; NATO Secretary General Mark Rutte spoke in Türkiye.",
    "north atlantic treaty organization in lower case, then OTAN and the Republic of Türkiye's envoy",
    "Turkeys and Turkey, NATOs and NATO: a word that begins no alias sits beside one that does.",
    "Russia's Defence Minister met the Minister of Defence of the Russian Federation, not the Minister of Fun.",
    "the the the Republic of the Republic of Türkiye of of",
    "",
], ids=["multi-word-aliases", "lower-case-and-possessive", "prefixes-that-are-not-words", "long-office-names",
        "a-prefix-that-stops-growing", "empty"])
def test_the_prefix_probes_find_exactly_what_every_n_gram_would(reader, monkeypatch, text):
    """The look-up grows only the n-grams that begin an alias, a word at a time: the same mentions as every n-gram."""
    probed = reader.mentions(text)
    monkeypatch.setattr(reader, "_prefix_grams", reader._all_grams)
    assert probed == reader.mentions(text)


def test_facts_are_remembered_per_question_within_a_bound(reader, monkeypatch):
    import claims_db.query as query

    monkeypatch.setattr(query, "FACT_CACHE", 2)
    [stoltenberg] = _ids(reader, "Jens Stoltenberg")
    first = reader.facts([stoltenberg], ["holds_office"])
    first.clear()  # a caller's list is its own: the remembered answer is not changed
    assert reader.facts([stoltenberg], ["holds_office"]) and reader.facts([stoltenberg], ["holds_office"]) == \
        reader.facts({stoltenberg}, ("holds_office",))
    for predicate in ("killed", "injured", "member_of"):
        reader.facts([stoltenberg], [predicate])
    assert len(reader._facts) <= 2


@pytest.mark.parametrize("namesakes, found", [(3, 3), (4, 0)], ids=["as-many-as-the-cap", "one-more"])
def test_a_name_more_entities_share_than_the_cap_names_none(reader, seeded_store, tmp_path, monkeypatch, namesakes,
                                                           found):
    """A crowded name ("Acmecorp", shared by more companies than the cap) cannot say which is meant: it names none of
    them, and its look-up reads at most one more than the cap however many share it."""
    import json

    import claims_db.query as query
    from claims_db.interchange import parse_files

    monkeypatch.setattr(query, "MAX_NAMESAKES", 3)
    path = tmp_path / "crowd.jsonl"
    path.write_text("".join(json.dumps({"record": "entity", "subject": f"Acmecorp Holding {i:02d}", "kind": "other",
                                        "aliases": ["Acmecorp"]}) + "\n" for i in range(namesakes)), encoding="utf-8")
    seeded_store.import_parsed(parse_files([str(path)]))
    mentions = reader.mentions("Acmecorp said NATO met; Acmecorp Holding 01 agreed.")
    assert len([m for m in mentions if m.end - m.start == len("Acmecorp")]) == found
    assert [m.name for m in mentions if m.name == "NATO" or m.end - m.start > len("Acmecorp")] == \
        ["NATO", "Acmecorp Holding 01"]  # other names, and the crowd's own full names, are found as ever
    assert len(reader._aliases(["acmecorp"], query.MAX_NAMESAKES + 1)) == min(namesakes, 4)  # never more


def test_a_crowded_title_still_names_the_offices_made_with_it(reader, seeded_store, tmp_path, monkeypatch):
    """"Harbour Master" made for five ports' offices, and curated for two ships: past the cap, the title names the
    offices (role linking tells them apart by the place), not the ships."""
    import json

    import claims_db.query as query
    from claims_db.interchange import parse_files
    from claims_db.models import AliasForm

    assert query.MADE_FROM_PARTS == AliasForm.GENERATED.value
    monkeypatch.setattr(query, "MAX_NAMESAKES", 3)
    records = [{"record": "entity", "subject": f"Port {p}", "kind": "place", "aliases": []} for p in "ABCDE"]
    records += [{"record": "entity", "subject": f"Harbour Master of Port {p}", "kind": "office", "title": "Harbour Master",
                 "jurisdiction": f"Port {p}", "aliases": []} for p in "ABCDE"]
    records += [{"record": "entity", "subject": f"MV Harbour Master {n}", "kind": "other",
                 "aliases": ["Harbour Master"]} for n in (1, 2)]
    path = tmp_path / "ports.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    seeded_store.import_parsed(parse_files([str(path)]))
    named = sorted(m.name for m in reader.mentions("The Harbour Master said so.") if m.end - m.start == 14)
    assert named == [f"Harbour Master of Port {p}" for p in "ABCDE"]
