"""`claims-db search` finds the same facts, in the same order, on SQLite (FTS5) and PostgreSQL (tsvector).

One table of queries runs on each engine against one expected answer, and once more on both side by side;
no character of a query is syntax on either engine.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator

import pytest
from sqlalchemy import text as sql_text

from claims_db import search
from claims_db.interchange import Parsed
from claims_db.store import Store

SOURCE = {"title": "Harbour ledger", "publisher": "Skarvik Port Office", "url": "https://port.example/ledger"}
# A fictional port; each fact's value (a count of berths) names it in the tables below.
RECORDS = [
    {"record": "entity", "subject": "Skarvik North Pier", "kind": "place", "aliases": ["Nordkaia"],
     "note": "rebuilt after the storm"},
    {"record": "entity", "subject": "Ålesund Ferry Quay", "kind": "place", "aliases": ["Причал Олесунн"]},
    {"subject": "Skarvik North Pier", "predicate": "population", "value": 11, "unit": "berths", "date": "2020-01-01",
     "note": "A ferry-led survey counted 3.5 metres of draught"},
    {"subject": "Skarvik North Pier", "predicate": "population", "value": 12, "unit": "berths", "date": "2021-01-01",
     "note": "pier north of the café, 40 km² of water", "source": {**SOURCE, "title": "Zürich & Co. report (2021)"}},
    {"subject": "Ålesund Ferry Quay", "predicate": "population", "value": 13, "unit": "berths", "date": "2022-01-01",
     "note": "ferry led by O'Brien; see c:\\census\\quay", "source": {**SOURCE, "title": "mail desk@port.example"}},
    {"subject": "Ålesund Ferry Quay", "predicate": "population", "value": 14, "unit": "berths", "date": "2023-01-01",
     "note": "100% of moorings; key north_ward | NEAR(dock) OR pier*"},
]

# (query, the values found): words match whole, in any case and without a Latin letter's accent; a "quoted
# phrase" matches its words adjacent and within one column; every other character only separates words.
# A fact is found when one row holds every phrase: the fact itself (note, source title) or its subject (name,
# note, an alias).
QUERIES = [
    pytest.param("ferry", [11, 13, 14], id="a-word-in-a-note-and-a-name"),
    pytest.param("FERRY", [11, 13, 14], id="any-case"),
    pytest.param("ferry-led", [11, 13], id="a-hyphen-joins-a-phrase"),
    pytest.param('"ferry led"', [11, 13], id="a-quoted-phrase"),
    pytest.param('"north pier"', [11, 12], id="a-phrase-in-a-name-reaches-its-facts"),
    pytest.param('"pier north"', [12], id="a-phrase-keeps-its-order"),
    pytest.param('"pier rebuilt"', [], id="a-phrase-never-spans-two-columns"),
    pytest.param("pier rebuilt", [11, 12], id="words-may-be-in-two-columns"),
    pytest.param("Alesund", [13, 14], id="an-accent-in-the-text"),
    pytest.param("zürich", [12], id="an-accent-in-the-query"),
    pytest.param("cafe", [12], id="an-accent-dropped"),
    pytest.param("причал", [13, 14], id="cyrillic-any-case"),
    pytest.param("nordkaia", [11, 12], id="an-alias"),
    pytest.param("storm", [11, 12], id="an-entity-note"),
    pytest.param("3.5", [11], id="a-decimal-is-two-words"),
    pytest.param("km²", [12], id="a-superscript-is-part-of-a-word"),
    pytest.param("example", [13], id="a-source-title-address"),
    pytest.param("o'brien", [13], id="an-apostrophe"),
    pytest.param("c:\\census", [13], id="backslash-and-colon"),
    pytest.param("100%", [14], id="percent-in-a-word"),
    pytest.param("north_ward", [14], id="underscore-in-a-word"),
    pytest.param("pie*", [], id="star-is-no-prefix"),
    pytest.param("pie:*", [], id="tsquery-prefix-is-literal"),
    pytest.param("pier:*", [11, 12, 14], id="tsquery-prefix-on-a-word"),
    pytest.param("pier & !north", [11, 12, 14], id="tsquery-operators-are-literal"),
    pytest.param("(pier | dock)", [14], id="parentheses-and-bar"),
    pytest.param("pier OR nowhere", [], id="fts5-or-is-a-word"),
    pytest.param("NEAR(dock)", [14], id="fts5-near-is-a-word"),
    pytest.param("-storm", [11, 12], id="a-leading-minus"),
    pytest.param('"north pier', [11, 12], id="an-unclosed-quote"),
    pytest.param('ferry "" %', [11, 13, 14], id="empty-phrases-are-left-out"),
    pytest.param("%", [], id="percent-alone"),
    pytest.param("_", [], id="underscore-alone"),
    pytest.param("\\", [], id="backslash-alone"),
    pytest.param("*", [], id="star-alone"),
    pytest.param("&|!:*()", [], id="tsquery-syntax-alone"),
    pytest.param("'", [], id="a-lone-quote-mark"),
    pytest.param('"', [], id="a-lone-double-quote"),
    pytest.param("", [11, 12, 13, 14], id="empty-is-no-filter"),
    pytest.param("   ", [], id="blank"),
]


def _records() -> Parsed:
    parsed = Parsed()
    for n, record in enumerate(RECORDS, 1):
        parsed.add("<test>", n, record if record.get("record") == "entity" else {"source": SOURCE, **record})
    return parsed


@pytest.fixture
def berths(empty_store: Store) -> Store:
    empty_store.import_parsed(_records())
    return empty_store


@pytest.mark.parametrize("query, found", QUERIES)
def test_search_finds(berths, query, found):
    assert sorted(f["value"] for f in berths.find(text=query)) == found


def test_both_engines_find_the_same_facts_in_the_same_order(tmp_path, postgres_store_url):
    answers = []
    for location in (str(tmp_path / "store.sqlite"), postgres_store_url):
        store = Store(location, create=True)
        store.import_parsed(_records())
        answers.append([[f["id"] for f in store.find(text=p.values[0])] for p in QUERIES])
        store.engine.dispose()
    assert answers[0] == answers[1]
    assert sum(map(len, answers[0])) > len(QUERIES)  # the queries do find facts, not only nothing


def test_the_cli_search_shows_the_facts_in_id_order(berths, store_url, claims_db_cli):
    code, out, err = claims_db_cli("search", "--db", store_url, "ferry", "--json")
    ids = [f["id"] for f in json.loads(out)]
    assert (code, err, ids) == (0, "", sorted(ids))


@pytest.mark.parametrize("query, expected", [
    pytest.param('a "b c" d', ["a", "b c", "d"], id="a-quoted-part"),
    pytest.param('foo"bar', ["foo", "bar"], id="a-quote-inside-a-word"),
    pytest.param('x "y', ["x", "y"], id="an-unclosed-quote"),
    pytest.param('""', [], id="an-empty-quote"),
    pytest.param(" \t\n", [], id="white-space"),
])
def test_phrases(query, expected):
    assert search.phrases(query) == expected


# -- PostgreSQL: the GIN indexes --------------------------------------------------------------------

@pytest.fixture
def pg_berths(postgres_store_url: str) -> Iterator[Store]:
    store = Store(postgres_store_url, create=True)
    store.import_parsed(_records())
    yield store
    store.engine.dispose()


def _indexes(store: Store) -> set[str]:
    with store.session() as session:
        return set(search.index_names()) - set(search.missing_postgres_indexes(session))


def test_a_new_postgresql_store_has_every_search_index(pg_berths):
    assert _indexes(pg_berths) == set(search.index_names())


@pytest.mark.parametrize("table", sorted(search.FTS_COLUMNS))
def test_the_search_query_is_answered_from_the_indexes(pg_berths, table):
    """The query's expressions are the indexes' own: with sequential scans off, the plan reads the index."""
    with pg_berths.session() as session:
        session.execute(sql_text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join(session.scalars(sql_text("EXPLAIN " + search.postgres_sql(table, ["p0", "p1"])),
                                         {"p0": "north pier", "p1": "ferry"}))
    assert all(f"claims_fts{search.INDEX_VERSION}_{table}_{column}" in plan for column in search.FTS_COLUMNS[table])


def test_a_store_without_the_indexes_gains_them_when_opened_for_writing(pg_berths, postgres_store_url):
    with pg_berths.session(write=True) as session:
        for name in search.index_names():
            session.execute(sql_text(f"DROP INDEX {name}"))
    reading = Store(postgres_store_url, read_only=True)
    assert _indexes(reading) == set()
    assert sorted(f["value"] for f in reading.find(text="ferry")) == [11, 13, 14]  # found without them, slower
    reading.engine.dispose()
    writing = Store(postgres_store_url)
    assert _indexes(writing) == set(search.index_names())
    writing.engine.dispose()


@pytest.fixture
def curator_url(pg_berths: Store, postgres_store_url: str) -> Iterator[str]:
    """The store's URL for a role that may read and write its rows but owns no table (a newsroom's curators)."""
    import uuid

    import psycopg
    from sqlalchemy import make_url

    role = f"claims_curator_{uuid.uuid4().hex[:8]}"
    schema = make_url(postgres_store_url).query["options"].split("search_path=", 1)[1]  # as conftest names it
    base = os.environ["VERIFIER_TEST_POSTGRES_URL"]
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{role}" LOGIN')
        conn.execute(f'GRANT USAGE ON SCHEMA "{schema}" TO "{role}"')
        conn.execute(f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "{schema}" TO "{role}"')
        conn.execute(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "{schema}" TO "{role}"')
    yield postgres_store_url.replace("postgresql://postgres@", f"postgresql://{role}@", 1)
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP OWNED BY "{role}"')
        conn.execute(f'DROP ROLE "{role}"')


def test_a_role_that_owns_no_table_writes_and_searches_without_making_indexes(pg_berths, curator_url):
    with pg_berths.session(write=True) as session:
        for name in search.index_names():
            session.execute(sql_text(f"DROP INDEX {name}"))
    curator = Store(curator_url)  # opened for writing: it may not create the indexes, and does not try
    curator.import_parsed(_records())
    assert _indexes(curator) == set()
    assert sorted(f["value"] for f in curator.find(text="ferry")) == [11, 13, 14]
    curator.engine.dispose()
