"""`claims-db validate`: each problem it must find, one line naming the facts, exit 1; a sound store exits 0."""

from __future__ import annotations

import json

import pytest

from claims_db.interchange import Parsed, fact_uid, natural_key
from claims_db.validate import FUNCTIONAL

SOURCE = {"title": "Skarvik yearbook", "publisher": "Skarvik council", "url": "https://example.org/yearbook"}


def _import(store, *records: dict) -> list[str]:
    """Import records into the store; the ids of its facts, in order."""
    parsed = Parsed()
    for n, record in enumerate(records, 1):
        parsed.add("<test>", n, {"source": SOURCE, **record} if record.get("record", "fact") == "fact" else record)
    store.import_parsed(parsed)
    return [fact_uid(natural_key(r)) for r, _ in parsed.of_kind("fact")]


def _term(person: str, start: str | None, end: str | None = None, office: str = "Mayor of Skarvik", **extra) -> dict:
    return {"subject": person, "predicate": "holds_office", "value": office, "valid_from": start, "valid_to": end,
            **extra}


def _people(value: int, date: str | None = "2020-01-01", **extra) -> dict:
    return {"subject": "Skarvik", "predicate": "population", "value": value, "unit": "people", "date": date, **extra}


# (records, the lines expected, with {0}, {1}... the ids of the records' facts in order)
PROBLEMS = [
    pytest.param([_people(1200), _people(1250)],
                 ["two-values: {0}, {1}: Skarvik population on 2020-01-01 is 1200 people and 1250 people, "
                  "valid … – now and … – now"], id="two-values-one-day"),
    pytest.param([_people(1200, date=None, valid_from="2019-01-01", valid_to="2020-06-30"),
                  _people(1250, date=None, valid_from="2020-06-01")],
                 ["two-values: {0}, {1}: Skarvik population is 1200 people and 1250 people, "
                  "valid 2019-01-01 – 2020-06-30 and 2020-06-01 – now"], id="two-values-overlapping-periods"),
    pytest.param([{"subject": "Skarvik Ferry", "predicate": "commissioned_on", "value": "1998-05-04"},
                  {"subject": "Skarvik Ferry", "predicate": "commissioned_on", "value": "1998-05-14"}],
                 ["two-values: {0}, {1}: Skarvik Ferry commissioned_on is 1998-05-04 and 1998-05-14, "
                  "valid … – now and … – now"], id="two-values-of-a-date-predicate"),
    pytest.param([_term("Ada Brekke", "2010-01-01", "2015-12-31"), _term("Jon Saether", "2015-06-01")],
                 ["two-holders: {0}, {1}: Mayor of Skarvik is held by Ada Brekke (2010-01-01 – 2015-12-31) "
                  "and Jon Saether (2015-06-01 – now) at once"], id="two-holders-overlapping"),
    pytest.param([_term("Ada Brekke", None), _term("Jon Saether", "2015-06-01", "2016-01-01")],
                 ["two-holders: {0}, {1}: Mayor of Skarvik is held by Ada Brekke (… – now) "
                  "and Jon Saether (2015-06-01 – 2016-01-01) at once"], id="two-holders-open-ended"),
    pytest.param([{"record": "entity", "subject": "Ada Brekke", "kind": "person", "aliases": ["A. Brekke"]},
                  {"record": "entity", "subject": "Anna Brekke", "kind": "person", "aliases": ["A. Brekke"]}],
                 ["shared-alias: 'A. Brekke' names 2 entities of kind person: Ada Brekke, Anna Brekke"],
                 id="shared-alias"),
    pytest.param([_people(1200, source={**SOURCE, "url": "yearbook, page 12"})],
                 ["no-source-url: {0}: Skarvik population: source 'Skarvik yearbook' has "
                  "'yearbook, page 12', not a URL"], id="source-url-not-a-url"),
    pytest.param([_people(1200, source={**SOURCE, "url": "https://"})],
                 ["no-source-url: {0}: Skarvik population: source 'Skarvik yearbook' has 'https://', not a URL"],
                 id="source-url-without-host"),
    pytest.param([_people(1200, date="2021-03-01", valid_from="2020-01-01", valid_to="2020-12-31")],
                 ["date-outside-validity: {0}: Skarvik population: dated 2021-03-01, valid 2020-01-01 – 2020-12-31"],
                 id="dated-after-validity"),
    pytest.param([_people(1200, date="2019-12-31", valid_from="2020-01-01", status="draft")],
                 ["date-outside-validity: {0}: Skarvik population: dated 2019-12-31, valid 2020-01-01 – now"],
                 id="draft-dated-before-validity"),
]

SOUND = [
    pytest.param([_people(1200), _people(1250, date="2021-01-01")], id="figures-of-two-days"),
    pytest.param([_people(1200), {**_people(1250), "unit": "residents"}], id="figures-in-two-units"),
    pytest.param([_people(1200, date=None, valid_to="2019-12-31"), _people(1250, date=None, valid_from="2020-01-01")],
                 id="periods-one-after-the-other"),
    pytest.param([_people(1200), _people(1250, status="retired")], id="a-retired-figure"),
    pytest.param([_people(1200), _people(1250, status="draft")], id="a-draft-figure-waits-for-review"),
    pytest.param([{"subject": "Skarvik Summit", "predicate": "occurred_on", "value": "2020-06-25"},
                  {"subject": "Skarvik Summit", "predicate": "occurred_on", "value": "2020-06-26"}],
                 id="a-two-day-event"),
    pytest.param([{"subject": "Skarvik Ferry", "predicate": "manufactured_by", "value": "Yard A"},
                  {"subject": "Skarvik Ferry", "predicate": "manufactured_by", "value": "Yard B"}],
                 id="joint-builders"),
    pytest.param([_term("Ada Brekke", "2010-01-01", "2015-06-01"), _term("Jon Saether", "2015-06-01")],
                 id="handover-on-one-day"),
    pytest.param([_term("Ada Brekke", "2010-01-01", "2015-05-31"), _term("Ada Brekke", "2015-01-01")],
                 id="one-person-two-overlapping-terms"),
    pytest.param([_term("Ada Brekke", "2010-01-01"), _term("Jon Saether", "2012-01-01", office="Mayor of Lindvik")],
                 id="two-offices"),
    pytest.param([_term("Ada Brekke", "2010-01-01"), _term("Jon Saether", "2012-01-01", status="draft")],
                 id="a-draft-term"),
    pytest.param([{"record": "entity", "subject": "Skarvik", "kind": "place", "aliases": ["Skarvik town"]},
                  {"record": "entity", "subject": "Skarvik FC", "kind": "organisation", "aliases": ["Skarvik"]}],
                 id="alias-of-two-kinds"),
    pytest.param([_people(1200, date="2020-06-01", valid_from="2020-06-01", valid_to="2020-06-01")],
                 id="dated-on-its-one-day"),
    pytest.param([_people(1200, date="2021-03-01", valid_to="2020-12-31", status="retired")],
                 id="a-retired-fact-is-history"),
]


@pytest.mark.parametrize("records, expected", PROBLEMS)
def test_validate_finds(empty_store, store_url, claims_db_cli, records, expected):
    ids = _import(empty_store, *records)
    code, out, err = claims_db_cli("validate", "--db", store_url)
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[:-1] == [line.format(*ids) for line in expected]
    assert lines[-1] == f"{len(expected)} problem(s) in {empty_store.shown}"


@pytest.mark.parametrize("records", SOUND)
def test_validate_passes(empty_store, store_url, claims_db_cli, records):
    _import(empty_store, *records)
    code, out, err = claims_db_cli("validate", "--db", store_url)
    assert (code, out, err) == (0, f"no problems in {empty_store.shown}\n", "")


def test_validate_the_seeded_store_and_json(seeded_store, store_url, claims_db_cli):
    assert claims_db_cli("validate", "--db", store_url, "--json")[:2] == (0, "[]\n")
    ids = _import(seeded_store, _term("Ada Brekke", "2024-06-01", "2024-12-31", office="Secretary General of NATO"))
    code, out, _ = claims_db_cli("validate", "--db", store_url, "--json")
    assert code == 1
    [rutte] = [f["id"] for f in seeded_store.find(subject="Mark Rutte", predicate="holds_office")
               if f["value"] == "Secretary General of NATO"]
    [stoltenberg] = [f["id"] for f in seeded_store.find(subject="Stoltenberg")]
    assert [(p["check"], sorted(p["facts"])) for p in json.loads(out)] == [
        ("two-holders", sorted([ids[0], stoltenberg])), ("two-holders", sorted([ids[0], rutte]))]


def test_functional_predicates_are_in_the_vocabulary(empty_store):
    assert FUNCTIONAL <= set(empty_store.value_types())
    assert "occurred_on" not in FUNCTIONAL and "holds_office" not in FUNCTIONAL
