"""Many curators at once: writer processes add and edit facts while reader processes run checks, for a bounded
time, on SQLite (WAL) and PostgreSQL. Afterwards every committed change is there exactly once, each with its one
history row, the versions of the edited fact run 1..n with no gap, and the digest is what the content gives."""

from __future__ import annotations

import json
import multiprocessing
import time
from pathlib import Path

from sqlalchemy import func, select

from claims_db.models import Fact, History

WRITERS, READERS, SECONDS = 4, 2, 3.0
CLAIM = "---\ndate: 2025-06-01\n---\nIceland has an area of 103,000 square kilometres.\n"


def _writer(location: str, number: int, log: str, seconds: float) -> None:
    """Add a fact, then edit the shared one from the version just read, at least once and until time is up (counted
    from this child's start: on a loaded machine spawning alone can take seconds); log what committed."""
    from claims_db.curate import StaleEdit
    from claims_db.errors import StoreError
    from claims_db.interchange import Parsed, fact_uid, natural_key
    from claims_db.store import Store

    store = Store(location)
    done, i, until = [], 0, time.monotonic() + seconds
    while i == 0 or time.monotonic() < until:
        i += 1
        parsed = Parsed()
        parsed.add(f"<writer {number}>", i, {
            "subject": f"Writer {number} town", "predicate": "population", "value": i, "unit": "people",
            "date": "2025-01-01", "source": {"title": "t", "publisher": "p", "url": "https://example.org"}})
        store.import_parsed(parsed, by=f"writer-{number}", why="load", action="create")
        done.append({"action": "create", "fact": fact_uid(natural_key(parsed.records[0][0]))})
        current = [f for f in store.find(subject="Iceland", predicate="area") if f["status"] == "approved"]
        assert len(current) == 1, current  # an edit supersedes and adds in one transaction
        versions = store.versions(current[0]["id"])  # another writer may edit in between: then this edit is stale
        try:
            edited = store.edit(current[0]["id"], {"value": str(100000 + number * 1000 + i)}, f"w{number} edit {i}",
                                by=f"writer-{number}", expect_version=versions[-1]["version"])
        except StaleEdit:
            done.append({"action": "stale"})
        except StoreError as exc:  # superseded between the read and the edit, without a version: never silent
            done.append({"action": "refused", "message": str(exc)})
        else:
            done.append({"action": "edit", "fact": edited.new, "version": edited.version})
    store.engine.dispose()
    Path(log).write_text(json.dumps(done), encoding="utf-8")


def _reader(location: str, draft: str, log: str, seconds: float) -> None:
    """Check the draft again and again, at least once; every check sees exactly one approved area of Iceland."""
    from claims_db.query import Reader
    from verifier.cli import main

    seen, facts, checks, until = set(), set(), 0, time.monotonic() + seconds
    while checks == 0 or time.monotonic() < until:
        reader = Reader(location)
        try:
            ids = [m.entity_id for m in reader.mentions("Iceland")]
            seen.add(len(reader.facts(ids, ["area"])))
        finally:
            reader.close()
        report = draft + f".{checks}.json"
        code = main(["check", draft, "--db", location, "--format", "json", "-o", report])
        claims = [c for f in json.loads(Path(report).read_text(encoding="utf-8"))["files"] for c in f["claims"]]
        assert code in (0, 1) and len(claims) == 1 and claims[0]["fact"] is not None, (code, claims)
        facts.add(claims[0]["fact"]["id"])  # the area version the check rested on
        checks += 1
    Path(log).write_text(json.dumps({"checks": checks, "seen": sorted(seen), "facts": sorted(facts)}),
                         encoding="utf-8")


def test_concurrent_writers_and_readers_lose_nothing(seeded_store, store_url, tmp_path):
    with seeded_store.session() as session:
        history_before = session.scalar(select(func.count(History.id)))
        last_id = session.scalar(select(func.max(History.id)))
    [area] = [f for f in seeded_store.find(subject="Iceland", predicate="area")]
    draft = tmp_path / "d.md"
    draft.write_text(CLAIM, encoding="utf-8")
    context = multiprocessing.get_context("spawn")  # no connection inherited from this process
    writers = [context.Process(target=_writer, args=(store_url, n, str(tmp_path / f"w{n}.json"), SECONDS))
               for n in range(WRITERS)]
    readers = [context.Process(target=_reader, args=(store_url, str(draft), str(tmp_path / f"r{n}.json"), SECONDS))
               for n in range(READERS)]
    for process in writers + readers:
        process.start()
    for process in writers + readers:
        process.join(timeout=120)
        assert process.exitcode == 0, "a writer or reader failed (its traceback is above)"

    logs = [json.loads((tmp_path / f"w{n}.json").read_text(encoding="utf-8")) for n in range(WRITERS)]
    changes = [entry for log in logs for entry in log if entry["action"] in ("create", "edit")]
    assert all(entry["action"] != "refused" for log in logs for entry in log), "stale edits are caught as stale"
    edits = sorted((e for e in changes if e["action"] == "edit"), key=lambda e: e["version"])
    assert edits and sum(e["action"] == "create" for e in changes) >= WRITERS

    versions = seeded_store.versions(area["id"])
    assert [v["version"] for v in versions] == list(range(1, len(versions) + 1)), "no version lost or doubled"
    assert [(v["id"], v["version"]) for v in versions[1:]] == [(e["fact"], e["version"]) for e in edits]
    assert [v["status"] for v in versions] == ["superseded"] * (len(versions) - 1) + ["approved"]

    with seeded_store.session() as session:
        created = [e["fact"] for e in changes if e["action"] == "create"]
        counted = session.scalar(select(func.count(Fact.id)).where(Fact.uid.in_(created)))
        rows = session.execute(select(History.id, History.action, History.fact_uid)
                               .where(History.id > last_id).order_by(History.id)).all()
        total = session.scalar(select(func.count(History.id)))
    assert counted == len(created) == len(set(created)), "every committed fact is there exactly once"
    # One row per committed change: each fact added or edited, and each writer's town, new with its first fact.
    assert total == history_before + len(changes) + WRITERS
    assert sorted((action, uid) for _, action, uid in rows if uid) == sorted((e["action"], e["fact"]) for e in changes)
    assert [i for i, _, _ in rows] == list(range(last_id + 1, last_id + 1 + len(rows))), "no gap in the history"
    assert seeded_store.stats()["digest"] == seeded_store.refresh_digest(), "the digest kept up with every write"

    for n in range(READERS):
        seen = json.loads((tmp_path / f"r{n}.json").read_text(encoding="utf-8"))
        assert seen["checks"] > 0 and seen["seen"] == [1], "a reader never saw two versions, nor none"
        assert set(seen["facts"]) <= {v["id"] for v in versions}, "checks rest on a version of the edited fact"
