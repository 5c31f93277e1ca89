"""The pieces `claims_db.bulk` writes with (`claims_db.rows`): what each gives back is what it was given."""

from __future__ import annotations

import pytest

from claims_db import rows


@pytest.mark.parametrize("count", [0, 1, 999, 1000, 1001, 2500], ids=lambda n: f"{n}-objects")
def test_a_spool_gives_back_its_objects_in_order_across_its_chunks(monkeypatch, count):
    monkeypatch.setattr(rows, "SPOOL_CHUNK", 1000)
    spool = rows.Spool()
    items = [({"record": "fact", "n": n, "note": None}, n % 3, "é" * (n % 5)) for n in range(count)]
    for item in items:
        spool.add(item)
    assert list(spool) == items
    assert list(spool) == items, "read again from the start"


def test_a_spool_read_then_added_to_gives_back_everything(monkeypatch):
    monkeypatch.setattr(rows, "SPOOL_CHUNK", 2)
    spool = rows.Spool()
    for n in range(3):
        spool.add(n)
    assert list(spool) == [0, 1, 2]
    spool.add(3)
    assert list(spool) == [0, 1, 2, 3]


def _validated(fields: dict, value_type: str) -> dict:
    """A fact record as an import writes it: read from a file row, its value typed by its predicate."""
    from claims_db.interchange import _canonical, _Row, type_value

    row = _Row("facts.jsonl", 1, {"subject": "Port Vell", "predicate": "p", **fields,
                                  "source": {"title": "Register", "publisher": "Port Authority",
                                             "url": "https://example.org", **fields.pop("source", {})}})
    record = _canonical(row)
    type_value(record, value_type, row)
    return record


# (fields of a record, its predicate's type, the version its fact keeps)
RECORDS = [
    pytest.param({"value": 14, "unit": "m", "date": "2020-01-01"}, "quantity", 1, id="whole-number"),
    pytest.param({"value": "2.50", "tolerance": 0.5, "aliases": ["Vell"]}, "quantity", 1, id="decimal-text"),
    pytest.param({"value": 1e300, "tolerance": 3.0}, "quantity", 1, id="huge-float"),
    pytest.param({"value": 10 ** 20}, "quantity", 1, id="huge-integer"),
    pytest.param({"value": "0033-01-02", "valid_from": "1999-12-31", "valid_to": "2001-01-01",
                  "source": {"accessed": "2024-02-29"}}, "date", 1, id="dates"),
    pytest.param({"value": " Norland ", "note": " kept ", "status": "draft"}, "entity", 1, id="entity"),
    pytest.param({"value": "Catalan", "status": "retired"}, "text", 1, id="text"),
    pytest.param({"value": 3, "version": 2}, "quantity", 2, id="second-version"),
    pytest.param({"value": 3, "version": 3}, "quantity", 2, id="version-kept-from-before"),
    pytest.param({"value": 3}, "quantity", 4, id="first-record-of-a-later-version"),
    pytest.param({"value": 3, "version": 2, "status": "superseded", "superseded_by": "f0123456789abcde"},
                 "quantity", 1, id="superseded"),
]


@pytest.mark.parametrize("fields, value_type, version", RECORDS)
def test_a_validated_record_is_the_record_of_the_columns_it_sets(fields, value_type, version):
    from claims_db.records import fact_columns, fact_record, validated_fact_record

    record = _validated(fields, value_type)
    columns = {**fact_columns(record, value_type), "version": version}
    entity = record["value"] if value_type == "entity" else None
    expected = fact_record(columns, record["subject"], record["predicate"], value_type, entity)
    got = validated_fact_record(record, version)
    assert got == expected
    assert list(got) == list(expected) and list(got["source"]) == list(expected["source"]), "and in its order"


@pytest.mark.parametrize("fields, value_type, version", RECORDS)
def test_columns_left_as_text_are_what_their_types_bind(fields, value_type, version):
    """The text `fact_columns(bound=True)` leaves is what SQLite's DATE and the status enum bind (PostgreSQL
    reads that text as the same date: the engines' imports are compared end to end in test_store_import_bulk)."""
    from sqlalchemy.dialects import sqlite

    from claims_db.models import Fact
    from claims_db.records import BOUND_FIELDS, fact_columns

    record = _validated(fields, value_type)
    typed, bound = fact_columns(record, value_type), fact_columns(record, value_type, bound=True)
    dialect = sqlite.dialect()
    for column in BOUND_FIELDS:
        process = Fact.__table__.c[column].type.dialect_impl(dialect).bind_processor(dialect)
        assert bound[column] == process(typed[column]), column
    assert {c: v for c, v in bound.items() if c not in BOUND_FIELDS} == \
        {c: v for c, v in typed.items() if c not in BOUND_FIELDS}


# Row hashes as the importer has always made them: a record's JSONL line, however it is encoded, must not change.
HASHES = [
    pytest.param({"record": "fact", "subject": "Türkiye", "aliases": [], "predicate": "population", "value": 85372377,
                  "unit": "people", "date": "2023-12-31", "valid_from": None, "valid_to": None, "tolerance": 0.5,
                  "source": {"title": "Nüfus", "publisher": "TÜİK", "url": "https://example.org/\u2028",
                             "accessed": None},
                  "status": "approved", "note": '"quoted" \\ and 😀', "version": 2},
                 "0d8f1616ca95dd72ea3e1e1b5b477f0b1372aa673c5d419f797c4927a0346fdf", id="fact"),
    pytest.param({"record": "entity", "subject": "Minister of Harbours of Norland", "kind": "office",
                  "title": "Minister", "portfolio": "Harbours", "jurisdiction": "Norland",
                  "aliases": ["Harbourmaster General"], "note": None},
                 "68c97a7cfe1fd874757b4b41fc3482d3e1d79728ca1a459c5dc6d5746d03e5a2", id="entity"),
    pytest.param({"record": "predicate", "predicate": "area", "value_type": "quantity", "description": "surface",
                  "cues": ["área"], "nouns": []},
                 "152ea4904fe7f032a3492bfd236a65f2b15956b322329aed2d99c77996507602", id="predicate"),
]


@pytest.mark.parametrize("record, expected", HASHES)
def test_a_record_hashes_as_it_always_did(record, expected):
    from claims_db.records import record_hash

    assert record_hash(record) == expected
