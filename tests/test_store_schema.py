"""Opening a store: schema creation and version, locations that are not stores, read-only readers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from claims_db import SCHEMA_VERSION
from claims_db.errors import StoreError
from claims_db.interchange import parse_files
from claims_db.locate import to_url
from claims_db.models import Meta
from claims_db.query import Reader
from claims_db.store import Store


def test_new_store_has_schema_version_and_default_vocabulary(empty_store, store_url):
    stats = empty_store.stats()
    assert stats["schema_version"] == SCHEMA_VERSION
    assert stats["facts"] == 0
    assert {"killed", "population", "holds_office", "member_of"} <= set(stats["facts_by_predicate"])
    reader = Reader(store_url)
    try:
        assert reader.info.schema_version == SCHEMA_VERSION
        assert reader.info.digest == stats["digest"]
    finally:
        reader.close()


def test_init_twice_changes_nothing(seeded_store, store_url, store_locations, snapshot):
    before = snapshot(store_url)
    again = store_locations.open(store_url, create=True)
    assert snapshot(store_url) == before
    assert again.stats() == seeded_store.stats()


def test_newer_schema_version_is_refused(empty_store, store_url, claims_db_cli):
    with empty_store.session() as session:
        session.merge(Meta(key="schema_version", value=str(SCHEMA_VERSION + 1)))
    expected = f"store schema {SCHEMA_VERSION + 1} is newer than this tool's ({SCHEMA_VERSION})"
    with pytest.raises(StoreError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        Store(store_url)
    with pytest.raises(StoreError, match="is newer than this tool's"):
        Reader(store_url)
    code, out, err = claims_db_cli("stats", "--db", store_url)
    assert (code, out) == (2, "")
    assert err.startswith("claims-db: error: " + expected) and err.count("\n") == 1


@pytest.mark.parametrize("command", [["list"], ["stats"], ["export"], ["retire", "f00000000000"],
                                     ["import", "{data}/nato.jsonl"]], ids=lambda c: c[0])
def test_location_without_a_store_is_refused(store_url, command, data_dir, claims_db_cli):
    """Nothing there yet (a missing SQLite file, an empty PostgreSQL schema): refused, and left as it was."""
    for opener in (Store, Reader):
        with pytest.raises(StoreError) as raised:
            opener(store_url)
        assert "\n" not in str(raised.value)
    code, out, err = claims_db_cli(*[c.format(data=data_dir) for c in command], "--db", store_url)
    assert (code, out) == (2, "")
    assert err.startswith("claims-db: error: ") and err.count("\n") == 1
    if store_url.startswith("postgresql"):
        assert "is not a claims store (run 'claims-db init --db ...' first)" in err
        engine = create_engine(to_url(store_url))
        assert inspect(engine).get_table_names() == []
        engine.dispose()
    else:
        assert f"no store at {store_url}" in err
        assert not Path(store_url).exists(), "opening a missing store must not create it"


def _text_file(path: Path) -> None:
    path.write_text("subject,predicate\nNATO,established\n")


def _other_sqlite_database(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.execute("INSERT INTO notes VALUES ('not a claims store')")
    conn.close()


NOT_STORES = [
    pytest.param(None, "missing.sqlite", r"no store at .*missing\.sqlite", r"unable to open database file",
                 id="missing-file"),
    pytest.param(None, "no-such-dir/store.sqlite", r"no store at", r"unable to open database file",
                 id="missing-directory"),
    pytest.param(_text_file, "facts.csv", r"file is not a database", r"file is not a database", id="text-file"),
    pytest.param(_other_sqlite_database, "other.sqlite", r"is not a claims store", r"no such table: meta",
                 id="other-sqlite-database"),
]


@pytest.mark.parametrize("make, name, store_message, reader_message", NOT_STORES)
def test_sqlite_file_that_is_not_a_store(tmp_path, make, name, store_message, reader_message, claims_db_cli):
    path = tmp_path / name
    if make:
        make(path)
    before = path.read_bytes() if path.exists() else None
    with pytest.raises(StoreError, match=store_message) as raised:
        Store(str(path))
    assert "\n" not in str(raised.value)
    with pytest.raises(StoreError, match=reader_message) as raised:
        Reader(str(path))
    assert "\n" not in str(raised.value) and str(path) in str(raised.value)
    code, out, err = claims_db_cli("stats", "--db", path)
    assert (code, out) == (2, "")
    assert err.startswith("claims-db: error: ") and err.count("\n") == 1
    assert (path.read_bytes() if path.exists() else None) == before


def test_unreachable_server_gives_one_line_error():
    url = "postgresql://postgres@127.0.0.1:1/test"  # nothing listens on port 1
    for open_store in (lambda: Store(url), lambda: Store(url, create=True), lambda: Reader(url)):
        with pytest.raises(StoreError, match="Connection refused") as raised:
            open_store()
        assert "\n" not in str(raised.value)


def test_reader_cannot_write(reader, store_url, snapshot):
    before = snapshot(store_url)
    with pytest.raises(Exception, match="readonly|read-only") as raised:
        reader._run("INSERT INTO meta (key, value) VALUES (?, ?)", ["note", "written by a reader"])
    assert not isinstance(raised.value, StoreError)  # it is the database that refuses
    assert snapshot(store_url) == before


@pytest.mark.parametrize("engine_name", ["sqlite"], indirect=True)
def test_sqlite_reader_stays_read_only_without_query_only(reader, store_url, snapshot):
    """query_only is a courtesy; the connection itself is opened with mode=ro."""
    before = snapshot(store_url)
    reader._conn.execute("PRAGMA query_only = OFF")
    with pytest.raises(sqlite3.OperationalError, match="attempt to write a readonly database"):
        reader._conn.execute("UPDATE facts SET note = 'changed'")
        reader._conn.commit()
    assert snapshot(store_url) == before


@pytest.mark.parametrize("engine_name", ["postgresql"], indirect=True)
def test_postgres_reader_session_is_read_only(reader):
    assert reader._run("SHOW default_transaction_read_only") == [("on",)]
    assert reader._run("SHOW transaction_read_only") == [("on",)]


@pytest.mark.parametrize("engine_name", ["postgresql"], indirect=True)
def test_reader_keeps_postgres_url_options(reader, store_url):
    """The read-only flag is added to the URL's own options (here the per-test search_path), not in their place."""
    schema = store_url.rsplit("%3D", 1)[1]
    assert reader._run("SHOW search_path") == [(schema,)]
    assert reader.info.facts == 23


@pytest.mark.parametrize("directory", ["with space", "hash#mark", "percent%41", "question?mark", "accent-é"])
def test_sqlite_store_in_a_directory_with_url_characters(tmp_path, directory, seed_files):
    """'#', '?' and '%' in a path must not end the file name (the Reader would then open another, writable, file)."""
    folder = tmp_path / directory
    folder.mkdir()
    path = folder / "claims.sqlite"
    store = Store(str(path), create=True)
    store.import_parsed(parse_files(seed_files))
    store.engine.dispose()
    reader = Reader(str(path))
    try:
        assert (reader.info.location, reader.info.facts) == (str(path), 23)
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader._conn.execute("PRAGMA query_only = OFF")
            reader._conn.execute("DELETE FROM facts")
    finally:
        reader.close()
    again = Store(str(path))
    assert again.stats()["facts"] == 23
    again.engine.dispose()  # the last connection closed, SQLite folds the WAL in and removes -wal and -shm
    assert sorted(p.name for p in tmp_path.iterdir()) == [directory]
    assert sorted(p.name for p in folder.iterdir()) == ["claims.sqlite"]
