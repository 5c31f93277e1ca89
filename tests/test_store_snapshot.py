"""`claims-db snapshot`: an approved-facts-only SQLite file for CI, written in one rename, naming its source.

A check against a snapshot gives the verdicts a check against its source gives, from SQLite and from
PostgreSQL; drafts and retired facts stay behind, with the entities only they name.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from claims_db import snapshot
from claims_db.interchange import Parsed, parse_files
from claims_db.locate import DEFAULT_SOURCE
from claims_db.store import Store
from verifier.cli import main as verifier_main

SOURCE = {"title": "Harbour ledger", "publisher": "Skarvik Port Office", "url": "https://port.example/ledger"}
EPOCH = "1750000000"  # 2025-06-15T15:06:40Z
TAKEN = "2025-06-15T15:06:40Z"
# A fictional port: what a snapshot keeps, by status and by which facts name an entity.
PORT = [
    {"record": "entity", "subject": "Skarvik", "kind": "place", "aliases": ["Skarvik town"], "note": "a port"},
    {"record": "entity", "subject": "Skarvik Lighthouse", "kind": "place", "aliases": ["the old light"]},
    {"record": "entity", "subject": "Harbour Master of Skarvik", "kind": "office"},
    {"subject": "Skarvik", "predicate": "population", "value": 1200, "unit": "people", "date": "2020-01-01"},
    {"subject": "Ada Brekke", "predicate": "holds_office", "value": "Harbour Master of Skarvik",
     "valid_from": "2001-03-01", "valid_to": "2010-02-28"},
    {"subject": "Skarvik", "predicate": "population", "value": 1300, "unit": "people", "date": "2021-01-01",
     "status": "draft"},
    {"subject": "Jon Saether", "predicate": "holds_office", "value": "Harbour Master of Skarvik",
     "valid_from": "2010-03-01", "status": "draft"},
    {"subject": "Skarvik", "predicate": "population", "value": 1100, "unit": "people", "date": "2019-01-01",
     "status": "retired"},
]
# A draft news story, written for these tests: a conflicting figure, consistent offices and dates, an unverified
# membership and count, and a member count a draft fact of the source would turn consistent if it leaked.
STORY = """---
date: 2025-06-26
---
Qingdao, June 26 (Test Desk) Defence Minister Rajnath Singh met Russian Defence Minister Andrey Belousov on the
sidelines of the meeting. The Shanghai Cooperation Organisation, founded in 2002, now has 12 member states. Iran
joined the bloc in 2021. The Pahalgam attack killed 26 people, officials said. Some 40 delegates attended.
"""
# Drafts and a retired fact beside the bundled facts: were any used, the story's verdicts would change.
UNAPPROVED = [
    {"subject": "Shanghai Cooperation Organisation", "predicate": "member_count", "value": 12,
     "unit": "member states", "date": "2025-06-01", "status": "draft"},
    {"subject": "Iran", "predicate": "member_of", "value": "Shanghai Cooperation Organisation",
     "valid_from": "2021-09-17", "status": "retired"},
]


def _parsed(records: list[dict]) -> Parsed:
    parsed = Parsed()
    for n, record in enumerate(records, 1):
        parsed.add("<test>", n, record if record.get("record") == "entity" else {"source": SOURCE, **record})
    return parsed


@pytest.fixture
def port(empty_store: Store) -> Store:
    empty_store.import_parsed(_parsed(PORT))
    return empty_store


@pytest.fixture(autouse=True)
def fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def _open(path: Path) -> Store:
    return Store(str(path), read_only=True)


def test_a_snapshot_holds_the_approved_facts_and_the_entities_a_check_meets(port, tmp_path):
    written = snapshot.write(port, str(tmp_path / "ci.sqlite"))
    records = _open(tmp_path / "ci.sqlite").export()
    facts = [r for r in records if r["record"] == "fact"]
    assert [f["value"] for f in facts] == ["Harbour Master of Skarvik", 1200]  # Ada Brekke, then Skarvik
    assert {f["status"] for f in facts} == {"approved"}
    # Named by approved facts, or by no fact at all; Jon Saether only by a draft.
    assert sorted(r["subject"] for r in records if r["record"] == "entity") == [
        "Ada Brekke", "Harbour Master of Skarvik", "Skarvik", "Skarvik Lighthouse"]
    entity = next(r for r in records if r["record"] == "entity" and r["subject"] == "Skarvik")
    assert (entity["aliases"], entity["note"]) == (["Skarvik town"], "a port")
    assert [r["predicate"] for r in records if r["record"] == "predicate"] == \
           [r["predicate"] for r in port.export() if r["record"] == "predicate"]
    assert (written.facts, written.entities) == (2, 4)


def test_fact_ids_are_the_sources(port, tmp_path):
    snapshot.write(port, str(tmp_path / "ci.sqlite"))
    approved = {f["id"] for f in port.find(status="approved")}
    assert {f["id"] for f in _open(tmp_path / "ci.sqlite").find()} == approved


def test_stats_name_the_source_its_digest_and_the_time(port, tmp_path, claims_db_cli):
    snapshot.write(port, str(tmp_path / "ci.sqlite"))
    code, out, _ = claims_db_cli("stats", "--db", tmp_path / "ci.sqlite", "--json")
    stats = json.loads(out)
    assert (code, stats["snapshot"]) == (0, {"taken": TAKEN, "source_digest": port.stats()["digest"],
                                              "source": port.shown})
    assert stats["facts_by_status"] == {"draft": 0, "approved": 2, "retired": 0, "superseded": 0, "rejected": 0}
    code, out, _ = claims_db_cli("stats", "--db", tmp_path / "ci.sqlite")
    assert f"snapshot: taken={TAKEN}, source_digest={port.stats()['digest']}, source={port.shown}\n" in out


def test_a_store_that_is_no_snapshot_has_no_snapshot_entry(port):
    assert "snapshot" not in port.stats()


def test_the_source_is_named_without_its_password(tmp_path, postgres_store_url, claims_db_cli):
    with_password = postgres_store_url.replace("postgresql://postgres@", "postgresql://postgres:Hunter2pw@", 1)
    assert with_password != postgres_store_url  # the test server trusts local users: the password goes unused
    Store(with_password, create=True).engine.dispose()
    code, out, err = claims_db_cli("snapshot", "--db", with_password, "-o", tmp_path / "ci.sqlite")
    assert (code, err) == (0, "")
    assert "Hunter2pw" not in out and b"Hunter2pw" not in (tmp_path / "ci.sqlite").read_bytes()
    assert json.loads(claims_db_cli("stats", "--db", tmp_path / "ci.sqlite", "--json")[1])["snapshot"]["source"] \
        .startswith("postgresql+psycopg://postgres:***@127.0.0.1")


def test_the_same_source_and_time_make_the_same_file(port, tmp_path):
    snapshot.write(port, str(tmp_path / "a.sqlite"))
    snapshot.write(port, str(tmp_path / "b.sqlite"))
    assert (tmp_path / "a.sqlite").read_bytes() == (tmp_path / "b.sqlite").read_bytes()


def test_a_snapshot_is_one_self_contained_file(port, tmp_path):
    snapshot.write(port, str(tmp_path / "ci.sqlite"))
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("ci")) == ["ci.sqlite"]
    with sqlite3.connect(tmp_path / "ci.sqlite") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert oct((tmp_path / "ci.sqlite").stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_failed_snapshot_leaves_the_old_one_whole(port, tmp_path, monkeypatch):
    output = tmp_path / "ci.sqlite"
    snapshot.write(port, str(output))
    before = output.read_bytes()

    def fail(*_args):
        raise OSError("disk full")

    monkeypatch.setattr("claims_db.locate._rollback_journal", fail)
    with pytest.raises(OSError, match="disk full"):
        snapshot.write(port, str(output))
    assert output.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".ci.sqlite.")] == []  # no temporary file left


def test_a_snapshot_replaces_an_older_one(port, tmp_path):
    output = tmp_path / "ci.sqlite"
    snapshot.write(port, str(output))
    port.import_parsed(_parsed([{"subject": "Skarvik", "predicate": "population", "value": 1250, "unit": "people",
                                 "date": "2020-06-01"}]))
    snapshot.write(port, str(output))
    assert sorted(f["value"] for f in _open(output).find(predicate="population")) == [1200, 1250]


@pytest.mark.parametrize("output, message", [
    pytest.param("missing/ci.sqlite", "cannot write {tmp}/missing/ci.sqlite: no directory {tmp}/missing", id="no-directory"),
    pytest.param(".", "cannot write {tmp}/.: it is a directory (give a file name, e.g. {tmp}/./store.sqlite)",
                 id="a-directory"),
    pytest.param("ci.sqlite", "{tmp}/ci.sqlite-wal is beside {tmp}/ci.sqlite: close what has it open (or remove it) "
                              "first", id="a-wal-beside"),
    pytest.param("ci.sqlite", "{tmp}/ci.sqlite-journal is beside {tmp}/ci.sqlite: close what has it open (or remove "
                              "it) first", id="a-journal-beside"),
])
def test_refused_outputs(tmp_path, claims_db_cli, output, message, request):
    (tmp_path / "ci.sqlite").write_bytes(b"old")
    side = request.node.callspec.id.split("-")[1]
    if side in ("wal", "journal"):
        (tmp_path / f"ci.sqlite-{side}").write_bytes(b"")
    code, out, err = claims_db_cli("snapshot", "-o", f"{tmp_path}/{output}")
    assert (code, out, err) == (2, "", f"claims-db: error: {message.format(tmp=tmp_path)}\n")
    assert (tmp_path / "ci.sqlite").read_bytes() == b"old"


def test_the_source_itself_is_refused(tmp_path, claims_db_cli):
    source = str(tmp_path / "store.sqlite")
    Store(source, create=True).engine.dispose()
    before = Path(source).read_bytes()
    code, _, err = claims_db_cli("snapshot", "--db", source, "-o", source)
    assert (code, err) == (2, f"claims-db: error: {source} is the source store itself: write the snapshot to "
                              "another file\n")
    assert Path(source).read_bytes() == before


def test_the_command_says_what_it_wrote(port, store_url, tmp_path, claims_db_cli):
    code, out, err = claims_db_cli("snapshot", "--db", store_url, "-o", tmp_path / "ci.sqlite")
    assert (code, err) == (0, "")
    assert out == (f"snapshot of {port.shown} written to {tmp_path / 'ci.sqlite'}: 2 approved facts, 4 entities "
                   f"(source digest {port.stats()['digest'][:16]})\n")


def test_the_bundled_store_is_named_as_reports_name_it(tmp_path, claims_db_cli):
    code, out, _ = claims_db_cli("snapshot", "-o", tmp_path / "ci.sqlite")
    assert code == 0 and out.startswith(f"snapshot of the bundled store written to {tmp_path / 'ci.sqlite'}: ")
    source = json.loads(claims_db_cli("stats", "--db", tmp_path / "ci.sqlite", "--json")[1])["snapshot"]["source"]
    assert source.startswith("bundled:default-") and source.endswith(".sqlite")


# -- the verdicts -----------------------------------------------------------------------------------

def _verdicts(db: str, story: Path, capsys: pytest.CaptureFixture) -> dict:
    """The check's JSON report without its store header, which names the store checked against."""
    capsys.readouterr()
    code = verifier_main(["check", str(story), "--db", db, "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    report.pop("store")
    return {"exit": code, **report}


def test_a_check_against_the_snapshot_gives_the_sources_verdicts(store_url, tmp_path, capsys):
    """From SQLite and from PostgreSQL: the bundled facts with drafts and a retired fact beside them."""
    source = Store(store_url, create=True)
    source.import_parsed(parse_files([str(DEFAULT_SOURCE)]))
    source.import_parsed(_parsed(UNAPPROVED))
    snapshot.write(source, str(tmp_path / "ci.sqlite"))
    source.engine.dispose()
    story = tmp_path / "story.md"
    story.write_text(STORY, encoding="utf-8")
    expected = _verdicts(store_url, story, capsys)
    assert _verdicts(str(tmp_path / "ci.sqlite"), story, capsys) == expected
    verdicts = [(c["text"], c["verdict"]) for f in expected["files"] for c in f["claims"]]
    assert {v for _, v in verdicts} == {"consistent", "conflicting", "unverified"}
    assert ("12 member states", "unverified") in verdicts  # the draft fact was not used, here or there
