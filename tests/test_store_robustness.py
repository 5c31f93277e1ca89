"""The store under stress: concurrent writers, a write killed mid-way, damaged stores, hostile import files."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from claims_db import SCHEMA_VERSION, VALUE_TYPES, integrity
from claims_db.errors import StoreError
from claims_db.interchange import MAX_DEPTH, Parsed
from claims_db.locate import to_url
from claims_db.models import Base, ValueType
from claims_db.query import Reader
from claims_db.store import Store
from verifier.cli import main as verifier_main

ROOT = Path(__file__).resolve().parents[1]
SOURCE = {"title": "Town census", "publisher": "Census office", "url": "https://example.org/towns"}


def test_integrity_knows_every_table_and_value_type():
    assert set(integrity.TABLES) == set(Base.metadata.tables)
    assert VALUE_TYPES == tuple(v.value for v in ValueType)


# -- concurrent writers ----------------------------------------------------------

WRITERS, READERS, SECONDS, WRITES_EACH = 4, 2, 2.0, 15


def _town_fact(writer: int, n: int) -> dict:
    """Writers add facts of their own about shared towns (each new town is created by whoever comes
    first) and, every third write, rewrite one fact they all share (same natural key, another note)."""
    value = 7 if n % 3 == 0 else 1000 * (writer + 1) + n
    return {"subject": f"Town Number {n % 5}", "predicate": "population", "value": value, "unit": "people",
            "note": f"written by writer {writer}", "source": SOURCE}


def _run_concurrently(store_url: str) -> set[tuple[str, int]]:
    """WRITERS threads writing and READERS threads reading for at most SECONDS; the set of facts written."""
    errors: list[BaseException] = []
    written: set[tuple[str, int]] = set()
    deadline = time.monotonic() + SECONDS
    writers_done = threading.Event()

    def write(writer: int) -> None:
        store = Store(store_url)
        try:
            for n in range(WRITES_EACH):
                if time.monotonic() > deadline:
                    break
                parsed = Parsed()
                record = _town_fact(writer, n)
                parsed.add("<test>", 1, record)
                store.import_parsed(parsed)
                written.add((record["subject"], record["value"]))
        except BaseException as exc:  # reported by the test, not lost in a thread
            errors.append(exc)
        finally:
            store.engine.dispose()

    def read() -> None:
        try:
            while not writers_done.is_set():
                reader = Reader(store_url)
                try:
                    assert reader.info.schema_version == SCHEMA_VERSION
                    towns = reader.mentions("Town Number 1 and Town Number 2 are far apart")
                    reader.facts([m.entity_id for m in towns], ["population"])
                finally:
                    reader.close()
        except BaseException as exc:
            errors.append(exc)

    writers = [threading.Thread(target=write, args=(i,)) for i in range(WRITERS)]
    readers = [threading.Thread(target=read) for _ in range(READERS)]
    for thread in (*writers, *readers):
        thread.start()
    for thread in writers:
        thread.join(SECONDS + 60)
    writers_done.set()
    for thread in readers:
        thread.join(60)
    assert not errors, errors[0]
    return written


def test_concurrent_writers_keep_the_count_and_digest_true(empty_store, store_url, claims_db_cli):
    before = empty_store.stats()["facts"]
    written = _run_concurrently(store_url)
    assert len(written) > WRITERS, "the writers barely ran; the test proves nothing"
    reader = Reader(store_url)
    recorded = reader.info
    reader.close()
    code, out, err = claims_db_cli("refresh", "--db", store_url)
    assert (code, err) == (0, "")
    # What refresh computes from the content is what the writers left recorded.
    facts, digest = re.search(r": (\d+) facts, digest ([0-9a-f]{64})\n$", out).groups()
    assert (recorded.facts, recorded.digest) == (int(facts), digest)
    assert recorded.facts == before + len(written), "a write was lost"


def test_refresh_repairs_a_wrong_count_and_digest(seeded_store, store_url, claims_db_cli):
    good = seeded_store.stats()["digest"]
    _execute(store_url, "UPDATE meta SET value = '5' WHERE key = 'facts'",
             f"UPDATE meta SET value = '{'0' * 64}' WHERE key = 'digest'")
    code, out, err = claims_db_cli("refresh", "--db", store_url)
    assert (code, err) == (0, "")
    assert out.startswith("refreshed ") and out.endswith(f": 23 facts, digest {good}\n")
    reader = Reader(store_url)
    assert (reader.info.facts, reader.info.digest) == (23, good)
    reader.close()


# -- a write killed mid-way (SQLite) ----------------------------------------------

_KILLED_IMPORT = """
import sys, time
from sqlalchemy import event
from claims_db import bulk, rows, store as store_module
from claims_db.interchange import parse_files

path, source, journal_mode = sys.argv[1:4]
make_engine = store_module._engine
store_module.JOURNAL_MODE = journal_mode

def small_cache(*args, **kwargs):
    # A page cache of a few pages spills the import into the file (or the log) long before it commits.
    engine = make_engine(*args, **kwargs)
    event.listen(engine, "connect", lambda conn, _: conn.execute("PRAGMA cache_size = 4"))
    return engine

def stop_here(self, facts_added):
    print("every row written, not committed", flush=True)
    time.sleep(120)

store_module._engine = small_cache
bulk.BulkImport._store_digest = stop_here
rows.SQLITE_CACHE_KB = 16  # and an import's own cache as small
store_module.Store(path).import_parsed(parse_files([source]))
"""


@pytest.mark.parametrize("journal_mode, journal", [
    pytest.param("wal", "-wal", id="write-ahead-log"),  # how stores are written
    pytest.param("delete", "-journal", id="rollback-journal"),  # the bundled store, and stores of earlier versions
])
@pytest.mark.parametrize("engine_name", ["sqlite"], indirect=True)
def test_checks_after_an_import_killed_mid_way_see_the_store_as_before(seeded_store, store_url, tmp_path,
                                                                      journal_mode, journal):
    seeded_store.engine.dispose()  # so the child may change the journal mode
    opened = Reader(store_url)
    before = (opened.info, [m.name for m in opened.mentions("Iceland and Town Number 3")])
    opened.close()
    towns = tmp_path / "towns.jsonl"
    towns.write_text("".join(json.dumps({**_town_fact(0, n), "subject": f"Town Number {n}"}) + "\n"
                             for n in range(300)), encoding="utf-8")
    child = subprocess.Popen([sys.executable, "-c", _KILLED_IMPORT, store_url, str(towns), journal_mode], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline() == "every row written, not committed\n", child.stderr.read()
        assert Path(store_url + journal).exists()
        before_bytes = Path(store_url).read_bytes()
        if journal_mode == "delete":
            assert Path(store_url + journal).stat().st_size > 0
        else:
            assert Path(store_url + journal).stat().st_size > 100_000, "nothing reached the log; the crash proves nothing"
    finally:
        child.kill()  # SIGKILL: no cleanup, the journal stays hot (or the log holds uncommitted frames)
        child.wait()
    for _ in range(10):
        reader = Reader(store_url)
        try:
            assert (reader.info, [m.name for m in reader.mentions("Iceland and Town Number 3")]) == before
        finally:
            reader.close()
    if journal_mode == "delete":
        assert not Path(store_url + journal).exists(), "the hot journal is rolled back"
    else:
        assert Path(store_url).read_bytes() == before_bytes, "a reader never writes the file"
    store = Store(store_url)
    assert store.stats()["facts"] == before[0].facts, "the next writer sees the store as before"
    store.engine.dispose()


# -- damaged stores ------------------------------------------------------------------

def _execute(store_url: str, *statements: str) -> None:
    engine = create_engine(to_url(store_url))
    try:
        with engine.begin() as conn:
            for statement in statements:
                conn.execute(text(statement))
    finally:
        engine.dispose()


DRAFT = "Iceland covers about 103,000 square kilometres and had 383,726 people at the start of 2024.\n"

# (damage, what the one line says is wrong); each leaves the rest of the store as it was.
DAMAGE = [
    pytest.param("DROP TABLE aliases{cascade}", "table 'aliases' is missing", id="missing-table"),
    pytest.param("UPDATE meta SET value = 'one' WHERE key = 'schema_version'",
                 "its schema version 'one' is not a number", id="schema-version-not-a-number"),
    pytest.param("UPDATE predicates SET cues = '{{\"covers\": 1}}' WHERE name = 'area'",
                 "predicate 'area' has cues that are not a JSON list of text", id="cues-not-a-list"),
    pytest.param("UPDATE predicates SET nouns = '[\"km2\", 2]' WHERE name = 'area'",
                 "predicate 'area' has nouns that are not a JSON list of text", id="nouns-not-text"),
    pytest.param("UPDATE predicates SET value_type = 'weight' WHERE name = 'area'",
                 "predicate 'area' has an unknown value type 'weight'", id="unknown-value-type"),
]


def _assert_one_line_naming_the_store(err: str, prefix: str, store_url: str, problem: str) -> None:
    """PREFIX store LOCATION is damaged: PROBLEM; restore the store from a backup..., and nothing else."""
    pattern = rf"{re.escape(prefix)}store \S+ is damaged: {re.escape(problem)}; restore the store from a backup.*\n"
    assert re.fullmatch(pattern, err), err
    assert store_url.rsplit("/", 1)[1] in err  # the file, or the database and schema


@pytest.mark.parametrize("damage, problem", DAMAGE)
def test_a_damaged_store_is_one_clear_line(seeded_store, store_url, damage, problem, tmp_path, claims_db_cli, capsys):
    cascade = " CASCADE" if store_url.startswith("postgresql") else ""
    _execute(store_url, damage.format(cascade=cascade))
    with pytest.raises(StoreError, match=problem):
        Store(store_url)
    code, out, err = claims_db_cli("stats", "--db", store_url)
    assert (code, out) == (2, "")
    _assert_one_line_naming_the_store(err, "claims-db: error: ", store_url, problem)
    draft = tmp_path / "iceland.md"
    draft.write_text(DRAFT, encoding="utf-8")
    capsys.readouterr()
    code = verifier_main(["check", "--db", store_url, str(draft)])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    _assert_one_line_naming_the_store(err, "verifier: error: ", store_url, problem)


@pytest.mark.parametrize("engine_name", ["sqlite"], indirect=True)
def test_cues_that_are_not_json_are_damage(seeded_store, store_url, claims_db_cli):
    """SQLite keeps JSON as text, so it may hold what no JSON parser reads (PostgreSQL refuses it)."""
    _execute(store_url, "UPDATE predicates SET cues = '[\"covers\", ' WHERE name = 'area'")
    problem = "predicate 'area' has cues that are not a JSON list of text"
    code, out, err = claims_db_cli("stats", "--db", store_url)
    assert code == 2 and problem in err and err.count("\n") == 1
    reader = Reader(store_url)
    try:
        with pytest.raises(StoreError, match=problem):
            reader.predicates()
    finally:
        reader.close()


@pytest.mark.parametrize("key, value, problem", [
    pytest.param("facts", "many", "its recorded fact count 'many' is not a number", id="fact-count"),
    pytest.param("digest", "not-hex", "its recorded digest 'not-hex' is not a hex number", id="digest"),
])
def test_a_bad_count_or_digest_is_refused_until_refreshed(seeded_store, store_url, key, value, problem,
                                                           claims_db_cli):
    _execute(store_url, f"UPDATE meta SET value = '{value}' WHERE key = '{key}'")
    with pytest.raises(StoreError, match=f"{problem}; run 'claims-db refresh --db ...' to recompute it"):
        Reader(store_url)
    code, _, err = claims_db_cli("add", "--db", store_url, "--subject", "Iceland", "--predicate", "area",
                                 "--value", "103001", "--source-title", "t", "--source-publisher", "p",
                                 "--source-url", "u")
    assert code == 2 and problem in err and err.count("\n") == 1
    assert claims_db_cli("refresh", "--db", store_url)[0] == 0
    reader = Reader(store_url)
    assert reader.info.facts == 23
    reader.close()


# -- hostile import files ----------------------------------------------------------

GOOD = {"subject": "Town Number 9", "predicate": "population", "value": 1200, "unit": "people", "source": SOURCE}


def _line(value: str) -> str:
    source = json.dumps(SOURCE)
    return '{"subject": "Town Number 8", "predicate": "population", "value": %s, "source": %s}' % (value, source)


HOSTILE = [
    pytest.param(_line("1" + "0" * 400), "field 'value': is out of range: a number of 401 digits", id="ten-to-the-400"),
    pytest.param(_line("-" + "9" * 400), "field 'value': is out of range: a number of 400 digits", id="minus-huge"),
    pytest.param(_line("1e400"), "field 'value': is not a finite number: inf", id="float-overflow"),
    pytest.param(_line("NaN"), "field 'value': is not a finite number: nan", id="nan"),
    pytest.param(_line("Infinity"), "field 'value': is not a finite number: inf", id="infinity"),
    pytest.param(_line("-Infinity"), "field 'value': is not a finite number: -inf", id="minus-infinity"),
    pytest.param(_line('"NaN"'), "field 'value': is not a finite number: 'NaN'", id="nan-as-text"),
    pytest.param(_line("1")[:-1] + ', "tolerance": Infinity}', "field 'tolerance': is not a finite number: inf",
                 id="infinite-tolerance"),
    pytest.param(_line("[" * 100_000 + "]" * 100_000), f"field 'value': nests more than {MAX_DEPTH} levels deep",
                 id="value-nested-100000-deep"),
    pytest.param('{"note": "[[[ not nesting ]]]", "source": ' + "{" * 100_000 + "}" * 100_000 + "}",
                 f"field 'source': nests more than {MAX_DEPTH} levels deep", id="source-nested-100000-deep"),
    pytest.param("[" * 100_000, f"nests more than {MAX_DEPTH} levels deep", id="a-line-of-open-brackets"),
    pytest.param(_line("7" * 5000), "malformed JSON: a number has more than 4300 digits", id="five-thousand-digits"),
]


@pytest.mark.parametrize("line, message", HOSTILE)
def test_a_hostile_import_file_is_one_error_and_imports_nothing(empty_store, store_url, tmp_path, snapshot,
                                                                claims_db_cli, line, message):
    path = tmp_path / "hostile.jsonl"
    path.write_text(json.dumps(GOOD) + "\n" + line + "\n", encoding="utf-8")
    before = snapshot(store_url)
    code, out, err = claims_db_cli("import", "--db", store_url, path)
    assert (code, out) == (2, "")
    assert err == f"claims-db: error: {path}:2: {message}\n"
    assert snapshot(store_url) == before


@pytest.mark.parametrize("engine_name", ["sqlite"], indirect=True)
@pytest.mark.parametrize("value", ["NaN", "inf", "-Infinity", "1" + "0" * 400])
def test_csv_values_out_of_range_are_refused(empty_store, store_url, tmp_path, claims_db_cli, value):
    path = tmp_path / "towns.csv"
    path.write_text("subject,predicate,value,source_title,source_publisher,source_url\n"
                    f"Town Number 8,population,{value},Town census,Census office,https://example.org/towns\n",
                    encoding="utf-8")
    code, _, err = claims_db_cli("import", "--db", store_url, path)
    assert code == 2 and err.startswith(f"claims-db: error: {path}:2: field 'value': is not a finite number")


def test_a_draft_check_subprocess_reports_a_damaged_store_with_exit_2(tmp_path):
    """The real command, start to exit: one line on stderr, nothing on stdout."""
    path = tmp_path / "claims.sqlite"
    store = Store(str(path), create=True)
    store.engine.dispose()
    _execute(str(path), "UPDATE meta SET value = 'v1' WHERE key = 'schema_version'")
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    for command in (["-m", "verifier.cli", "check", "--db", str(path), str(draft)],
                    ["-m", "claims_db.cli", "stats", "--db", str(path)]):
        done = subprocess.run([sys.executable, *command], cwd=ROOT, capture_output=True, text=True,
                              env={**os.environ, "NO_COLOR": "1"})
        assert (done.returncode, done.stdout) == (2, "")
        assert done.stderr.count("\n") == 1 and "its schema version 'v1' is not a number" in done.stderr
