"""The bulk importer makes the store the ORM importer made: the same records, digest, names and history.

`tests/data/bulk_import_golden.json` is what the ORM importer (one object per row, before `claims_db.bulk`)
left after MIXED and DRAFTS were imported into the seeded store: new, edited, retired, duplicated and
superseded facts, drafts, offices by their parts (one declared before its country, one whose country gains a
name), aliases from fact records, demonyms, a changed predicate. It was written by running this module
(`python -m tests.test_store_import_bulk`) on that importer; the bulk one must match it on every engine and
whatever the batch size, so records that share an entity or a fact fall in different batches.
"""

from __future__ import annotations

import io
import json
import sys
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import select, text

from claims_db.interchange import Parsed, natural_key, parse_files, version_uid
from claims_db.models import Alias, Entity, Fact, History
from claims_db.store import Store

GOLDEN = Path(__file__).parent / "data" / "bulk_import_golden.json"
SEED = [Path(__file__).parent / "data" / name for name in ("nato.jsonl", "places.jsonl")]
HARBOUR = {"title": "Harbour register", "publisher": "Norland Port Authority", "url": "https://example.org/harbours"}


def _fact(subject: str, predicate: str, value, **fields) -> dict:
    return {"subject": subject, "predicate": predicate, "value": value, "source": dict(HARBOUR), **fields}


OLD_DEPTH = _fact("Port Vell", "harbour_depth", 11, unit="m", date="2020-01-01")
NEW_DEPTH = _fact("Port Vell", "harbour_depth", 14, unit="m", date="2020-01-01", version=2)
MIXED = [
    {"record": "predicate", "predicate": "harbour_depth", "value_type": "quantity", "label": "harbour depth",
     "description": "depth of water at a harbour's main quay", "cues": ["deep", "depth of"], "nouns": ["metres"]},
    {"record": "predicate", "predicate": "area", "value_type": "quantity",
     "description": "surface area of a country, region or harbour basin", "cues": ["area of", "covers"]},
    {"record": "entity", "subject": "Minister of Harbours of Norland", "kind": "office", "title": "Minister",
     "portfolio": "Harbours", "jurisdiction": "Norland", "aliases": ["Harbourmaster General"]},
    {"record": "entity", "subject": "Norland", "kind": "country", "aliases": ["Republic of Norland"],
     "demonyms": ["Norlandic"], "note": "A made-up country for tests."},
    {"record": "entity", "subject": "Minister of Culture of Spain", "kind": "office", "title": "Minister",
     "portfolio": "Culture", "jurisdiction": "Spain"},
    {"record": "entity", "subject": "Spain", "kind": "country", "aliases": ["Reino de España"], "demonyms": ["Spanish"]},
    {"record": "entity", "subject": "Mark Rutte", "kind": "person", "aliases": ["M. Rutte"], "note": "Dutch politician."},
    {"record": "entity", "subject": "Türkiye", "kind": "country", "demonyms": ["Turkish"]},
    {"record": "entity", "subject": "Norland", "kind": "country", "note": "A made-up country, declared twice."},
    _fact("Port Vell", "area", 2.5, unit="km2", date="2021-06-01", aliases=["Vell harbour"]),
    _fact("Port Vell", "area", 2.5, unit="km2", date="2021-06-01", note="The same fact again, with a note."),
    _fact("Ada Kestrel", "holds_office", "Minister of Harbours of Norland", valid_from="2022-03-01"),
    _fact("Ada Kestrel", "member_of", "Norland Sailing League", valid_from="2019-01-01", status="draft"),
    {**OLD_DEPTH, "status": "superseded", "superseded_by": version_uid(natural_key({**NEW_DEPTH, "valid_from": None}), 2)},
    NEW_DEPTH,
    {"subject": "NATO", "predicate": "member_count", "value": 32, "unit": "member states", "date": "2024-03-07",
     "source": {"title": "NATO member countries", "publisher": "NATO",
                "url": "https://www.nato.int/cps/en/natohq/topics_52044.htm", "accessed": "2025-02-01"},
     "note": "Checked again after Sweden joined."},
    {"subject": "NATO", "predicate": "headquartered_in", "value": "Brussels", "status": "retired",
     "source": {"title": "NATO Headquarters", "publisher": "NATO",
                "url": "https://www.nato.int/cps/en/natohq/topics_49284.htm"}},
    {"subject": "Spain", "predicate": "member_of", "value": "NATO", "valid_from": "1982-05-30",
     "source": {"title": "NATO member countries", "publisher": "NATO",
                "url": "https://www.nato.int/cps/en/natohq/topics_52044.htm"}},
    _fact("Norland", "population", 48210, unit="people", date="2024-01-01", aliases=["Norlandia"]),
    _fact("Port Vell", "area", 2.5, unit="km2", date="2021-06-01", note="A third time, a last note."),
]
DRAFTS = [
    _fact("Norland", "population", 48900, unit="people", date="2025-01-01"),
    _fact("Port Vell", "harbour_depth", 9, unit="m", date="2023-01-01", status="retired"),
]


def _parsed(records: list[dict], path: str) -> Parsed:
    parsed = Parsed()
    for line, record in enumerate(records, 1):
        parsed.add(path, line, record)
    return parsed


def import_mixed(store: Store) -> list[dict]:
    """Import MIXED, then DRAFTS as drafts; the counts each import returned."""
    return [store.import_parsed(_parsed(MIXED, "mixed.jsonl"), by="curator", why="a mixed import"),
            store.import_parsed(_parsed(DRAFTS, "drafts.jsonl"), status="draft", by="reviewer")]


def contents(store: Store) -> dict:
    """All a store holds but its times and row ids: records, digest, every name (made ones too), facts' ids and
    keys, and history in order, entities named."""
    with store.session() as session:
        names = dict(session.execute(select(Entity.id, Entity.name)).all())
        aliases = sorted([names[a.entity_id], a.text, a.norm, a.form.value] for a in session.scalars(select(Alias)))
        facts = sorted([f.uid, f.key, f.version] for f in session.scalars(select(Fact)))
        history = [[h.changed_by, h.action, h.fact_uid, names.get(h.entity_id), h.predicate, h.why, h.old, h.new]
                   for h in session.scalars(select(History).order_by(History.id))]
    stats = store.stats()
    return {"records": store.export(), "digest": stats["digest"], "facts": stats["facts"], "aliases": aliases,
            "fact_ids": facts, "history": history}


def _seeded(location: str) -> Store:
    store = Store(location, create=True)
    store.import_parsed(parse_files([str(p) for p in SEED]), by="seed", why="the seed files")
    return store


@pytest.mark.parametrize("batch", [2, 3, 2000], ids=["batches-of-2", "batches-of-3", "one-batch"])
def test_bulk_import_gives_the_store_the_orm_importer_gave(store_locations, monkeypatch, batch):
    import claims_db.bulk

    monkeypatch.setattr(claims_db.bulk, "BATCH", batch)
    store = _seeded(store_locations.new())
    store_locations.stores.append(store)
    counts = import_mixed(store)
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    got = contents(store)
    assert counts == golden["counts"]
    for part in ("records", "aliases", "fact_ids", "history", "facts", "digest"):
        assert got[part] == golden["contents"][part], part
    assert store.refresh_digest() == golden["contents"]["digest"], "the digest kept is the one recomputed"


def _write(path: Path, records: list) -> str:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return str(path)


def _depths(count: int, note: str = "sounded at low tide") -> list[dict]:
    return [_fact(f"Quay {n}", "area", n + 1, unit="m2", date="2024-05-01", note=f"{note} {n}") for n in range(count)]


# Facts before the bad record, in batches of 1000: a missing successor is found after two batches are written (the
# rollback undoes them); a bad value is refused by the check before any write, an unknown jurisdiction when offices
# are written, before the facts: each must leave the store, and its search tables, as they were.
BIG = 2500
LATE_FAILURES = [
    pytest.param(_fact("Quay 0", "area", "wide", unit="m2"), "value", "is not a number: 'wide'", id="bad-value"),
    pytest.param(_fact("Quay 0", "area", 3, status="superseded", superseded_by="f0123456789abcde"), "superseded_by",
                 "no fact f0123456789abcde in the store or in this import", id="missing-successor"),
    pytest.param({"record": "entity", "subject": "Minister of Quays of Atlantis", "kind": "office",
                  "title": "Minister", "portfolio": "Quays", "jurisdiction": "Atlantis"}, "jurisdiction",
                 "no entity 'Atlantis' in the store or this import", id="unknown-jurisdiction"),
]


@pytest.mark.parametrize("bad, field, message", LATE_FAILURES)
def test_a_bad_record_at_the_end_of_a_big_file_writes_nothing(seeded_store, store_url, tmp_path, snapshot,
                                                             claims_db_cli, monkeypatch, bad, field, message):
    import claims_db.bulk

    monkeypatch.setattr(claims_db.bulk, "BATCH", 1000)
    path = _write(tmp_path / "quays.jsonl", [*_depths(BIG), bad])
    before = snapshot(store_url)
    code, _, err = claims_db_cli("import", path, "--db", store_url)
    assert (code, err.strip()) == (2, f"claims-db: error: {path}:{BIG + 1}: field '{field}': {message}"
                                      + ("" if field != "jurisdiction" else ": add the country or organisation "
                                         "first, by its canonical name"))
    assert snapshot(store_url) == before
    assert seeded_store.find(text="sounded") == [], "the search tables are as they were too"


def test_imported_facts_are_found_by_full_text_search_and_edits_keep_the_index(seeded_store, tmp_path, monkeypatch):
    """Rows a batch adds reach the search index (FTS5 or tsvector) at once, so a later batch that updates one
    replaces its words; and the index stays whole."""
    import claims_db.bulk

    monkeypatch.setattr(claims_db.bulk, "BATCH", 7)
    records = [*_depths(20), *_depths(5, note="dredged in spring"),
               {"record": "entity", "subject": "Quay 3", "kind": "place", "note": "the fishermen's berth"}]
    seeded_store.import_files([_write(tmp_path / "quays.jsonl", records)])
    assert sorted(f["subject"] for f in seeded_store.find(text="low tide")) == [f"Quay {n}" for n in sorted(
        range(5, 20), key=str)], "the first five were renoted in a later batch"
    assert len(seeded_store.find(text="dredged spring")) == 5
    assert {f["subject"] for f in seeded_store.find(text="fishermen")} == {"Quay 3"}
    if seeded_store.engine.dialect.name == "sqlite":
        with seeded_store.session() as session:
            for table in ("facts", "entities", "aliases"):
                session.execute(text(f"INSERT INTO {table}_fts({table}_fts) VALUES('integrity-check')"))
            triggers = set(session.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))
        assert {"facts_ai", "entities_ai", "aliases_ai"} <= triggers, "the insert triggers are back"


@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "redirected"])
def test_a_progress_line_only_on_a_terminal(empty_store, store_url, tmp_path, monkeypatch, capsys, terminal):
    from claims_db import cli

    class Stderr(io.StringIO):
        def isatty(self) -> bool:
            return terminal

    stderr = Stderr()
    monkeypatch.setattr(sys, "stderr", stderr)
    monkeypatch.setattr(cli.ProgressLine, "INTERVAL", 0)
    records = [{"record": "predicate", "predicate": "area", "value_type": "quantity"}, *_depths(30)]
    assert cli.main(["import", _write(tmp_path / "quays.jsonl", records), "--db", store_url]) == 0
    assert "30 facts added" in capsys.readouterr().out
    if terminal:
        assert "\rimporting: facts 30 of 30" in stderr.getvalue() and stderr.getvalue().endswith("\n")
    else:
        assert stderr.getvalue() == ""


def test_importing_the_same_file_again_rewrites_no_row(seeded_store, tmp_path):
    """Facts and entities imported again as they are keep their rows: no UPDATE (each would fire the full-text
    triggers on SQLite and leave a dead row on PostgreSQL), and the digest stays what it was."""
    from sqlalchemy import event

    path = _write(tmp_path / "quays.jsonl", _depths(40))
    seeded_store.import_files([path])
    digest = seeded_store.stats()["digest"]
    updates: list[str] = []
    listener = lambda conn, cursor, statement, *rest: updates.append(statement)  # noqa: E731
    event.listen(seeded_store.engine, "before_cursor_execute", listener)
    try:
        seeded_store.import_files([path])
    finally:
        event.remove(seeded_store.engine, "before_cursor_execute", listener)
    assert [s for s in updates if s.lstrip().upper().startswith(("UPDATE FACTS", "UPDATE ENTITIES"))] == []
    assert seeded_store.stats()["digest"] == digest



def _index_words(session, table: str) -> list:
    """Every word of a full-text table's index, with the row, column and place it stands at."""
    session.execute(text(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{table}_words "
                         f"USING fts5vocab(main, '{table}_fts', 'instance')"))
    return session.execute(text(f"SELECT * FROM temp.{table}_words ORDER BY 1, 2, 3, 4")).all()


def test_hashing_entities_at_the_end_keeps_their_words_in_the_search_index(seeded_store, tmp_path):
    """The row hashes an import sets once its names are known change no searched column: on SQLite that UPDATE
    runs without the update trigger (which would take each entity's words out of the index and put them back),
    so the index holds what it would rebuilt from the rows, and the trigger is back afterwards."""
    if seeded_store.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL indexes the columns themselves: no trigger")
    triggers = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    with seeded_store.session() as session:
        before = session.execute(text(triggers)).all()
    records = [{"record": "entity", "subject": f"Quay {n}", "kind": "place", "note": f"berth number {n}"}
               for n in range(30)]
    seeded_store.import_files([_write(tmp_path / "quays.jsonl", [*records, *_depths(30)])])
    with seeded_store.session(write=True) as session:
        assert session.execute(text(triggers)).all() == before
        words = _index_words(session, "entities")
        session.execute(text("INSERT INTO entities_fts(entities_fts) VALUES('rebuild')"))
        assert _index_words(session, "entities") == words
    assert {f["subject"] for f in seeded_store.find(text="berth number 7")} == {"Quay 7"}



@pytest.mark.parametrize("last, refused", [(_fact("Quay 0", "area", 3), False),
                                           (_fact("Quay 0", "area", "wide"), True)], ids=["done", "refused"])
def test_an_import_gives_the_collector_back_its_objects(seeded_store, tmp_path, monkeypatch, last, refused):
    """The objects alive before an import are left out of the cycle collector's passes while it runs (gc.freeze),
    and given back when it ends, however it ends."""
    import contextlib
    import gc

    import claims_db.bulk
    from claims_db.errors import InterchangeError

    frozen, run = [], claims_db.bulk.BulkImport.run
    monkeypatch.setattr(claims_db.bulk.BulkImport, "run",
                        lambda self, *args: (frozen.append(gc.get_freeze_count() > 0), run(self, *args))[1])
    with contextlib.suppress(InterchangeError):
        seeded_store.import_files([_write(tmp_path / "quays.jsonl", [*_depths(3), last])])
    assert gc.get_freeze_count() == 0
    assert frozen == ([] if refused else [True]), "frozen while it wrote"



DEPTH = {"record": "predicate", "predicate": "quay_depth", "value_type": "quantity"}
# Facts are typed as they are read, by their predicate as it is then; when that is not its type at the end (declared
# after them, or declared again with another type), every fact is typed again by the end's types.
TYPING = [
    pytest.param([], [DEPTH, _fact("Quay 1", "quay_depth", " 12 ")], id="declared-before"),
    pytest.param([], [_fact("Quay 1", "quay_depth", " 12 "), DEPTH], id="declared-after"),
    pytest.param([{**DEPTH, "value_type": "text"}], [_fact("Quay 1", "quay_depth", " 12 "), DEPTH], id="retyped"),
]


@pytest.mark.parametrize("first, records", TYPING)
def test_a_fact_is_stored_typed_by_its_predicate_at_the_end(seeded_store, tmp_path, first, records):
    if first:
        seeded_store.import_files([_write(tmp_path / "first.jsonl", first)])
    seeded_store.import_files([_write(tmp_path / "quays.jsonl", records)])
    facts = [r for r in seeded_store.export() if r["record"] == "fact" and r["predicate"] == "quay_depth"]
    assert [f["value"] for f in facts] == [12]



def test_every_history_row_of_an_import_stores_its_time_as_the_orm_does(seeded_store, tmp_path):
    """The bulk rows bind the import's time once, as the column's type binds it: the same stored value as the row
    the ORM writes for a predicate in the same import."""
    records = [DEPTH, {"record": "entity", "subject": "Quay 1", "kind": "place"}, *_depths(3)]
    seeded_store.import_files([_write(tmp_path / "quays.jsonl", records)])
    with seeded_store.session() as session:
        last = session.scalar(text("SELECT max(id) FROM history WHERE predicate = 'quay_depth'"))
        times = session.execute(text("SELECT predicate IS NOT NULL, changed_at FROM history WHERE id >= :last"),
                                {"last": last}).all()
    assert len(times) > 1 and len({t for _, t in times}) == 1 and times[0][0], times



def test_offices_whose_country_was_touched_are_found_by_one_scan(seeded_store, tmp_path, monkeypatch):
    """jurisdiction_id has no index: the offices of the countries an import touched are read in one pass over the
    entities, however many batches of touched entities there are (a query a batch scanned the table each time),
    and each gets names from its country's new demonym."""
    from sqlalchemy import event

    import claims_db.bulk

    monkeypatch.setattr(claims_db.bulk, "BATCH", 2)
    countries = [{"record": "entity", "subject": f"Isle {n}", "kind": "country", "demonyms": [f"Islander {n}"]}
                 for n in range(5)]
    offices = [{"record": "entity", "subject": f"Minister of Ports of Isle {n}", "kind": "office",
                "title": "Minister", "portfolio": "Ports", "jurisdiction": f"Isle {n}"} for n in range(5)]
    seeded_store.import_files([_write(tmp_path / "isles.jsonl", [*countries, *offices])])
    statements: list[str] = []
    listener = lambda conn, cursor, statement, *rest: statements.append(statement)  # noqa: E731
    event.listen(seeded_store.engine, "before_cursor_execute", listener)
    try:
        seeded_store.import_files([_write(tmp_path / "renamed.jsonl",
                                          [{**c, "demonyms": [f"Isler {n}"]} for n, c in enumerate(countries)])])
    finally:
        event.remove(seeded_store.engine, "before_cursor_execute", listener)
    assert sum("jurisdiction_id IS NOT NULL" in s for s in statements) == 1
    made = seeded_store.names("Minister of Ports of Isle 3")[0].made
    assert any(name.startswith("Isler 3 ") for name in made), made


def test_office_names_made_again_reach_the_search_index(seeded_store, tmp_path):
    """A new portfolio drops the office names made from the old one (the newest alias rows) and makes new ones,
    which take the ids the dropped rows had: each new name reaches the full-text index all the same."""
    if seeded_store.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL indexes the columns themselves: no trigger")
    country = {"record": "entity", "subject": "Isle of Brask", "kind": "country", "demonyms": ["Braskan"]}
    office = {"record": "entity", "subject": "Minister of Ports of Isle of Brask", "kind": "office",
              "title": "Minister", "portfolio": "Ports", "jurisdiction": "Isle of Brask"}
    seeded_store.import_files([_write(tmp_path / "brask.jsonl", [country, office])])
    seeded_store.import_files([_write(tmp_path / "harbours.jsonl", [{**office, "portfolio": "Harbours"}])])
    with seeded_store.session() as session:
        named = session.execute(text("SELECT count(*) FROM aliases WHERE text LIKE '%Harbours%'")).scalar()
        indexed = session.execute(text("SELECT count(*) FROM aliases_fts WHERE aliases_fts MATCH 'harbours'")).scalar()
    assert named == indexed == 15


def test_a_refused_import_gives_the_connection_back_its_page_cache(seeded_store, tmp_path):
    """The import's bigger page cache is a PRAGMA of the connection, which no rollback undoes: it is given back
    however the import ends, so the pool does not hand the next user a 32 MB cache."""
    if seeded_store.engine.dialect.name != "sqlite":
        pytest.skip("a SQLite connection's PRAGMA")
    from claims_db.errors import InterchangeError

    def cache() -> int:
        with seeded_store.session() as session:
            return session.execute(text("PRAGMA cache_size")).scalar()

    before = cache()
    stray = {"record": "entity", "subject": "Minister of Quays of Atlantis", "kind": "office", "title": "Minister",
             "portfolio": "Quays", "jurisdiction": "Atlantis"}  # refused as it is written: no such country
    with pytest.raises(InterchangeError):
        seeded_store.import_files([_write(tmp_path / "stray.jsonl", [*_depths(3), stray])])
    assert cache() == before


def test_an_import_leaves_a_host_s_frozen_objects_frozen(seeded_store, tmp_path):
    """A host that froze its own objects (a pre-fork server) keeps them frozen: the import leaves its collector as
    it found it."""
    import gc

    gc.freeze()
    try:
        seeded_store.import_files([_write(tmp_path / "depths.jsonl", _depths(3))])
        assert gc.get_freeze_count() > 0  # still frozen (a few may have been freed since)
    finally:
        gc.unfreeze()


def write_golden() -> None:
    """Kept to show how the golden file was made; it was made by the ORM importer, which is gone, so writing it
    again from today's importer would compare that importer with itself: refused while the file exists."""
    if GOLDEN.exists():
        raise SystemExit(f"{GOLDEN} exists: it holds what the ORM importer made; delete it only on purpose")
    with tempfile.TemporaryDirectory() as tmp:
        store = _seeded(str(Path(tmp) / "store.sqlite"))
        counts = import_mixed(store)
        GOLDEN.write_text(json.dumps({"counts": counts, "contents": contents(store)}, ensure_ascii=False, indent=1)
                          + "\n", encoding="utf-8")
        store.engine.dispose()


if __name__ == "__main__":
    write_golden()
