"""Curating facts in place: edit supersedes a fact by a new version, every change is in the history, drafts wait in
review; checks read approved facts only unless told to include drafts. On SQLite and PostgreSQL."""

from __future__ import annotations

import getpass
import json

import pytest
from sqlalchemy import event

from claims_db.errors import StoreError
from claims_db.interchange import parse_files
from claims_db.query import Reader


def _fact(store, subject: str, predicate: str, status: str = "approved") -> dict:
    [fact] = [f for f in store.find(subject=subject, predicate=predicate) if f["status"] == status]
    return fact


def _area(store) -> dict:
    return _fact(store, "Iceland", "area")


def _checked_values(location: str, subject: str, predicate: str, include_drafts: bool = False) -> list:
    reader = Reader(location, include_drafts=include_drafts)
    try:
        ids = [m.entity_id for m in reader.mentions(subject)]
        return sorted(f.value for f in reader.facts(ids, [predicate]))
    finally:
        reader.close()


# -- edit -----------------------------------------------------------------------
def test_an_edit_supersedes_the_fact_and_checks_read_the_new_version(seeded_store, store_url):
    old = _area(seeded_store)
    edited = seeded_store.edit(old["id"], {"value": "103001", "note": ""}, "typo in the figure", by="ana")
    assert (edited.old, edited.version) == (old["id"], 2) and edited.new != old["id"]
    versions = seeded_store.versions(old["id"])
    assert [(v["id"], v["status"], v["value"]) for v in versions] == [
        (old["id"], "superseded", 103000), (edited.new, "approved", 103001)]
    assert versions[0]["superseded_by"] == edited.new and versions[1]["note"] is None
    assert seeded_store.versions(edited.new) == versions, "either id resolves to the whole chain"
    assert _checked_values(store_url, "Iceland", "area") == [103001], "a superseded version is never read"
    again = seeded_store.edit(edited.new, {"source": {"url": "https://example.org/iceland"}}, "better source")
    assert again.version == 3 and [v["status"] for v in seeded_store.versions(old["id"])] == [
        "superseded", "superseded", "approved"]


def test_an_edit_to_an_unchanged_key_keeps_the_old_version_resolvable(seeded_store):
    old = _area(seeded_store)
    edited = seeded_store.edit(old["id"], {"unit": "square kilometres"}, "spell the unit out")
    assert edited.new != old["id"]
    assert [v["unit"] for v in seeded_store.versions(old["id"])] == ["km2", "square kilometres"]


@pytest.mark.parametrize("change, expect, message", [
    pytest.param({"value": "1"}, 2, r"is at version 1, not 2: it changed after it was read", id="wrong-version"),
    pytest.param({}, None, r"the edit changes nothing", id="no-change"),
    pytest.param({"value": "103000"}, None, r"the edit changes nothing", id="same-value"),
    pytest.param({"value": "large"}, None, r"<edit>:1: field 'value': is not a number: 'large'", id="not-a-number"),
    pytest.param({"valid_from": "2020-01-01", "valid_to": "2019-01-01"}, None, r"field 'valid_to': 2019-01-01 is "
                 r"before valid_from", id="bad-validity"),
    pytest.param({"colour": "red"}, None, r"cannot edit field 'colour'", id="unknown-field"),
])
def test_a_bad_edit_is_refused_and_changes_nothing(seeded_store, store_url, snapshot, change, expect, message):
    old = _area(seeded_store)
    before = snapshot(store_url)
    with pytest.raises(StoreError, match=message):
        seeded_store.edit(old["id"], change, "why not", expect_version=expect)
    assert snapshot(store_url) == before


def test_a_stale_edit_is_refused_naming_the_current_version(seeded_store, claims_db_cli):
    old = _area(seeded_store)
    assert seeded_store.edit(old["id"], {"value": "103001"}, "first curator", expect_version=1).version == 2
    new = seeded_store.versions(old["id"])[-1]["id"]
    code, out, err = claims_db_cli("edit", "--db", seeded_store.url, old["id"], "--value", "103002", "--why",
                                   "second curator, who read version 1", "--expect-version", "1")
    assert (code, out) == (2, "")
    assert err == (f"claims-db: error: fact {old['id']} changed after version 1 was read: it is now {new}, version 2; "
                   f"see 'claims-db history {new}' and edit that\n")
    code, _, err = claims_db_cli("edit", "--db", seeded_store.url, old["id"], "--value", "103002", "--why", "w")
    assert code == 2 and f"is superseded by {new} (version 2): edit that one" in err


@pytest.mark.parametrize("status", ["retired", "rejected"])
def test_only_drafts_and_approved_facts_are_edited(seeded_store, status):
    draft = _fact(seeded_store, "Iceland", "population", "draft")
    seeded_store.set_status([draft["id"]], status, "not wanted")
    with pytest.raises(StoreError, match=f"is {status}: only drafts and approved facts are edited"):
        seeded_store.edit(draft["id"], {"value": "1"}, "w")


def test_an_edit_onto_another_facts_content_is_refused(seeded_store, store_url, snapshot):
    draft = _fact(seeded_store, "Iceland", "population", "draft")
    approved = _fact(seeded_store, "Iceland", "population")
    before = snapshot(store_url)
    with pytest.raises(StoreError, match=f"fact {approved['id']} \\(approved\\) already states this"):
        seeded_store.edit(draft["id"], {"value": str(approved["value"]), "date": approved["date"],
                                        "source": approved["source"], "note": ""}, "w")
    assert snapshot(store_url) == before


def test_the_cli_edits_and_show_names_the_successor(seeded_store, claims_db_cli):
    old = _area(seeded_store)
    code, out, _ = claims_db_cli("edit", "--db", seeded_store.url, old["id"], "--value", "103001", "--why", "typo",
                                 "--by", "ana")
    new = seeded_store.versions(old["id"])[-1]["id"]
    assert (code, out) == (0, f"edited {old['id']}: now {new} (version 2); {old['id']} is kept, superseded\n")
    code, out, _ = claims_db_cli("show", "--db", seeded_store.url, old["id"])
    assert code == 0 and out.splitlines() == [
        f"fact {old['id']}: version 1 of 2, superseded; the current one is {new}",
        f"  v1  {old['id']}  Iceland  area  103000 km2  (CIA World Factbook) superseded",
        f"  v2  {new}  Iceland  area  103001 km2  (CIA World Factbook) approved  (current)"]
    code, _, err = claims_db_cli("edit", "--db", seeded_store.url, old["id"], "--why", "nothing given")
    assert code == 2 and err.startswith("claims-db: error: nothing to edit")


def test_superseded_versions_survive_export_and_import(seeded_store, store_url, store_locations, tmp_path,
                                                        claims_db_cli):
    old = _area(seeded_store)
    seeded_store.edit(old["id"], {"value": "103001"}, "typo")
    seeded_store.edit(seeded_store.versions(old["id"])[-1]["id"], {"note": "checked"}, "note")
    first = tmp_path / "a.jsonl"
    assert claims_db_cli("export", "--db", store_url, "-o", first)[0] == 0
    copy = store_locations.new()
    assert claims_db_cli("import", "--create", "--db", copy, first)[0] == 0
    second = tmp_path / "b.jsonl"
    assert claims_db_cli("export", "--db", copy, "-o", second)[0] == 0
    assert second.read_bytes() == first.read_bytes()
    copied = store_locations.open(copy)
    assert copied.stats()["digest"] == seeded_store.stats()["digest"]
    assert [v["id"] for v in copied.versions(old["id"])] == [v["id"] for v in seeded_store.versions(old["id"])]


@pytest.mark.parametrize("record, field, message", [
    pytest.param({"status": "superseded"}, "superseded_by", "is required for a superseded fact", id="no-successor"),
    pytest.param({"superseded_by": "f0123456789abcde"}, "superseded_by", "is only for a fact of status 'superseded'",
                 id="successor-of-a-current-fact"),
    pytest.param({"status": "superseded", "superseded_by": "f0123"}, "superseded_by", "is not a fact id",
                 id="bad-successor"),
    pytest.param({"status": "superseded", "superseded_by": "f0123456789abcde"}, "superseded_by",
                 "no fact f0123456789abcde in the store or in this import", id="unknown-successor"),
    pytest.param({"version": 0}, "version", "must be a whole number from 1", id="version-0"),
    pytest.param({"version": 1.5}, "version", "must be a whole number from 1", id="version-fraction"),
])
def test_bad_version_fields_are_refused(empty_store, tmp_path, record, field, message):
    path = tmp_path / "v.jsonl"
    fact = {"subject": "Atlantis", "predicate": "population", "value": 5, "unit": "people",
            "source": {"title": "t", "publisher": "p", "url": "https://example.org"}, **record}
    path.write_text(json.dumps(fact) + "\n", encoding="utf-8")
    with pytest.raises(StoreError, match=f"v.jsonl:1: field '{field}': {message}"):
        empty_store.import_parsed(parse_files([str(path)]))


def test_an_import_cannot_bring_back_a_superseded_value(seeded_store, tmp_path):
    old = _area(seeded_store)
    exported = next(r for r in seeded_store.export() if r.get("predicate") == "area" and r.get("subject") == "Iceland")
    new = seeded_store.edit(old["id"], {"value": "103001"}, "typo").new
    path = tmp_path / "old.jsonl"
    path.write_text(json.dumps(exported) + "\n", encoding="utf-8")
    with pytest.raises(StoreError, match=f"old.jsonl:1: field 'value': this is fact {old['id']}, superseded by {new}"):
        seeded_store.import_parsed(parse_files([str(path)]))


# -- history ----------------------------------------------------------------------
def test_every_change_is_in_the_history_with_who_when_and_why(seeded_store, monkeypatch):
    importer = getpass.getuser()  # the seed import ran with no --by
    monkeypatch.setattr("getpass.getuser", lambda: "desk-user")
    old = _area(seeded_store)
    new = seeded_store.edit(old["id"], {"value": "103001"}, "typo in the figure", by="ana").new
    seeded_store.retire(new, "area is not news")
    trail = seeded_store.history(old["id"])
    assert trail.current == new and [v[1:] for v in trail.versions] == [(1, "superseded"), (2, "retired")]
    assert [(c.action, c.fact, c.by, c.why) for c in trail.changes] == [
        ("import", old["id"], importer, "imported from " + ", ".join(str(p) for p in _seed_paths())),
        ("edit", new, "ana", "typo in the figure"),
        ("retire", new, "desk-user", "area is not news")]
    created, edit, retire = trail.changes
    assert created.old is None and created.new["value"] == 103000 and created.new["id"] == old["id"]
    assert (edit.old, edit.new) == ({"id": old["id"], "value": 103000, "version": None},
                                    {"id": new, "value": 103001, "version": 2})
    assert (retire.old, retire.new) == ({"status": "approved"}, {"status": "retired"})
    assert created.at <= edit.at <= retire.at
    assert seeded_store.history(new).changes == trail.changes


def _seed_paths():
    from tests.conftest import SEED_FILES

    return SEED_FILES


def test_the_history_of_an_entity_holds_its_own_changes_and_its_facts(seeded_store):
    trail = seeded_store.history("Ísland")
    assert trail.versions == () and trail.current is None
    facts = {f["id"] for f in seeded_store.find(subject="Iceland")}
    assert {c.fact for c in trail.changes} == facts | {None}
    [entity] = [c for c in trail.changes if c.fact is None]
    assert entity.entity == "Iceland" and entity.new["kind"] == "country"
    with pytest.raises(StoreError, match="no entity named 'Atlantis'"):
        seeded_store.history("Atlantis")


def test_an_import_records_one_row_per_fact_created_or_changed_in_one_statement(seeded_store, tmp_path):
    records = [r for r in seeded_store.export() if r.get("record", "fact") == "fact" and r["subject"] == "NATO"]
    records[0]["note"] = "changed by this import"
    path = tmp_path / "again.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    inserts = []

    def count(conn, cursor, statement, parameters, context, executemany):
        if statement.startswith("INSERT INTO history"):
            inserts.append(len(parameters) if executemany else 1)

    event.listen(seeded_store.engine, "before_cursor_execute", count)
    try:
        seeded_store.import_parsed(parse_files([str(path)]), by="bulk", why="re-import")
    finally:
        event.remove(seeded_store.engine, "before_cursor_execute", count)
    assert inserts == [1], "one statement, and only the changed fact has a row"
    [change] = [c for c in seeded_store.history("NATO").changes if c.by == "bulk"]
    assert (change.action, change.why, change.new) == ("import", "re-import", {"note": "changed by this import"})


def test_history_leaves_the_digest_to_the_content(seeded_store, store_url, store_locations, tmp_path):
    """Two stores of equal content have equal digests, whatever changes brought each there."""
    old = _area(seeded_store)
    new = seeded_store.edit(old["id"], {"value": "103001"}, "typo").new
    seeded_store.edit(new, {"value": "103000"}, "the typo was right after all")
    path = tmp_path / "all.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in seeded_store.export()), encoding="utf-8")
    copy = store_locations.open(store_locations.new(), create=True)
    copy.import_parsed(parse_files([str(path)]))
    assert copy.stats()["digest"] == seeded_store.stats()["digest"] == seeded_store.refresh_digest()
    assert [c.action for c in seeded_store.history(old["id"]).changes] == ["import", "edit", "edit"]
    assert [c.action for c in copy.history(old["id"]).changes] == ["import"] * 3, "one row per version imported"


def test_the_cli_prints_the_history_as_text_and_json(seeded_store, claims_db_cli):
    old = _area(seeded_store)
    claims_db_cli("edit", "--db", seeded_store.url, old["id"], "--value", "103001", "--why", "typo", "--by", "ana")
    code, out, _ = claims_db_cli("history", "--db", seeded_store.url, old["id"])
    lines = out.splitlines()
    new = seeded_store.versions(old["id"])[-1]["id"]
    assert code == 0 and lines[:2] == [f"versions: {old['id']} (v1, superseded), {new} (v2, approved)", "2 change(s)"]
    assert lines[-4].endswith(f"Z  edit  {new}  by ana: typo")
    assert lines[-3:] == [f"    id: {old['id']} -> {new}", "    value: 103000 -> 103001", "    version: none -> 2"]
    assert all("\n" not in line for line in lines), "a note's line breaks stay in its line"
    code, out, _ = claims_db_cli("history", "--db", seeded_store.url, old["id"], "--json")
    shown = json.loads(out)
    assert code == 0 and shown["current"] == new and [c["action"] for c in shown["changes"]] == ["import", "edit"]
    assert shown["changes"][1]["at"].endswith("Z") and shown["changes"][1]["by"] == "ana"


# -- review -----------------------------------------------------------------------------
def test_review_lists_drafts_and_approves_or_rejects_them(seeded_store, store_url, claims_db_cli):
    drafts = [f["id"] for f in seeded_store.find(status="draft")]
    code, out, _ = claims_db_cli("review", "--db", store_url)
    assert code == 0 and [line.split()[0] for line in out.splitlines()[:-1]] == drafts
    assert out.splitlines()[-1] == f"{len(drafts)} fact(s)"
    assert _checked_values(store_url, "Iceland", "population") == [383726]
    assert _checked_values(store_url, "Iceland", "population", include_drafts=True) == [383726, 390000]
    population = _fact(seeded_store, "Iceland", "population", "draft")["id"]
    code, out, _ = claims_db_cli("review", "--db", store_url, "--approve", population, "--why", "published",
                                 "--by", "ed")
    assert (code, out) == (0, f"approved 1 fact(s): {population}\n")
    assert _checked_values(store_url, "Iceland", "population") == [383726, 390000]
    others = [d for d in drafts if d != population]
    code, out, _ = claims_db_cli("review", "--db", store_url, "--reject", *others, "--why", "unsourced")
    assert (code, out) == (0, f"rejected {len(others)} fact(s): {' '.join(others)}\n")
    assert claims_db_cli("review", "--db", store_url)[1] == "0 fact(s)\n"
    assert [c.action for c in seeded_store.history(population).changes][-1] == "approve"
    assert seeded_store.stats()["facts_by_status"]["rejected"] == len(others)


def test_review_takes_a_file_of_ids(seeded_store, store_url, claims_db_cli, tmp_path):
    drafts = [f["id"] for f in seeded_store.find(status="draft")]
    ids = tmp_path / "ids.txt"
    ids.write_text("# from the morning meeting\n\n" + "".join(f"{d}  # ok\n" for d in drafts), encoding="utf-8")
    code, out, _ = claims_db_cli("review", "--db", store_url, "--approve", "--file", ids, "--why", "meeting")
    assert (code, out) == (0, f"approved {len(drafts)} fact(s): {' '.join(drafts)}\n")
    code, out, _ = claims_db_cli("review", "--db", store_url, "--approve", "--file", ids, "--why", "again")
    assert (code, out) == (0, f"approved 0 fact(s) ({len(drafts)} already approved)\n")


@pytest.mark.parametrize("args, message", [
    pytest.param(["--reject", "{draft}", "{approved}", "--why", "w"], "fact {approved} is approved, so it cannot be "
                 "rejected; nothing changed ('claims-db review' lists the drafts)", id="not-a-draft"),
    pytest.param(["--reject", "{draft}", "f0000000000000000", "--why", "w"], "no fact with id f0000000000000000; "
                 "nothing changed", id="unknown-id"),
    pytest.param(["--approve", "{draft}"], "--why is required to approve or reject", id="no-why"),
    pytest.param(["--file", "ids.txt"], "--file needs --approve or --reject", id="file-without-action"),
    pytest.param(["--approve", "--file", "{missing}", "--why", "w"], "{missing}: cannot read the ids file",
                 id="missing-file"),
    pytest.param(["--approve", "--why", "w"], "no fact ids given", id="no-ids"),
])
def test_a_bad_review_is_refused_in_one_line_and_changes_nothing(seeded_store, store_url, claims_db_cli, snapshot,
                                                                 tmp_path, args, message):
    names = {"draft": _fact(seeded_store, "Iceland", "population", "draft")["id"],
             "approved": _fact(seeded_store, "Iceland", "population")["id"], "missing": str(tmp_path / "none.txt")}
    before = snapshot(store_url)
    code, out, err = claims_db_cli("review", "--db", store_url, *(a.format(**names) for a in args))
    assert (code, out) == (2, "") and err.count("\n") == 1
    assert err.startswith(f"claims-db: error: {message.format(**names)}")
    assert snapshot(store_url) == before


# -- drafts from imports and to-do lists ------------------------------------------------------
def test_import_status_draft_makes_every_fact_a_draft(empty_store, store_url, seed_files, claims_db_cli):
    assert claims_db_cli("import", "--db", store_url, "--status", "draft", *seed_files)[0] == 0
    assert set(empty_store.stats()["facts_by_status"].items()) >= {("approved", 0), ("retired", 0)}
    assert _checked_values(store_url, "Iceland", "population") == []


def test_a_todo_record_imports_as_a_draft_whatever_it_says(empty_store, seed_files, tmp_path):
    empty_store.import_parsed(parse_files(seed_files))
    path = tmp_path / "todo.jsonl"
    row = {"subject": "Iceland", "predicate": "population", "value": 400000, "unit": "people", "date": "2026-01-01",
           "status": "approved", "todo": True, "note": "to check: d.md:3",
           "source": {"title": "t", "publisher": "p", "url": "https://example.org"}}
    path.write_text(json.dumps(row) + "\n" + json.dumps({**row, "value": ""}) + "\n", encoding="utf-8")
    with pytest.raises(StoreError, match="todo.jsonl:2: field 'value': is required"):
        empty_store.import_parsed(parse_files([str(path)]))
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    empty_store.import_parsed(parse_files([str(path)]))
    assert [f["status"] for f in empty_store.find(subject="Iceland", predicate="population")
            if f["value"] == 400000] == ["draft"]


def test_the_todo_marker_is_the_one_import_reads():
    from claims_db.interchange import TODO
    from verifier.todo import TODO as WRITTEN

    assert WRITTEN == TODO


def test_a_predicate_change_is_in_its_history(empty_store, store_url, claims_db_cli, tmp_path):
    path = tmp_path / "vocabulary.jsonl"
    record = {"record": "predicate", "predicate": "ferry_crossings", "value_type": "quantity",
              "cues": ["crossings"], "nouns": ["crossings"]}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert claims_db_cli("import", "--db", store_url, path, "--by", "ana", "--why", "harbour desk")[0] == 0
    path.write_text(json.dumps({**record, "label": "ferry crossings", "cues": ["crossings", "sailings"]}) + "\n",
                    encoding="utf-8")
    assert claims_db_cli("import", "--db", store_url, path, "--by", "ben")[0] == 0
    assert claims_db_cli("import", "--db", store_url, path, "--by", "ben")[0] == 0  # no change, no row
    code, out, _ = claims_db_cli("history", "ferry_crossings", "--db", store_url, "--json")
    changes = json.loads(out)["changes"]
    assert [(c["action"], c["by"], c["predicate"]) for c in changes] == [("import", "ana", "ferry_crossings"),
                                                                         ("import", "ben", "ferry_crossings")]
    assert changes[0]["old"] is None and changes[0]["why"] == "harbour desk"
    assert changes[1]["old"] == {"cues": ["crossings"], "label": None}
    assert changes[1]["new"] == {"cues": ["crossings", "sailings"], "label": "ferry crossings"}
    assert claims_db_cli("history", "killed", "--db", store_url)[1] == "0 change(s) recorded\n", \
        "the default vocabulary a new store starts with has no rows"


def test_approving_a_draft_edited_since_it_was_listed_is_refused(seeded_store, store_url, claims_db_cli, snapshot):
    """Ids name versions: a reviewer approves what they read, or nothing, never a later edit of it."""
    draft = _fact(seeded_store, "Iceland", "population", "draft")["id"]
    edited = seeded_store.edit(draft, {"value": 391000}, why="newer estimate", by="ben")
    before = snapshot(store_url)
    code, _, err = claims_db_cli("review", "--db", store_url, "--approve", draft, "--why", "read it")
    assert code == 2 and f"fact {draft} is superseded by {edited.new}, so it cannot be approved" in err
    assert snapshot(store_url) == before
    assert claims_db_cli("review", "--db", store_url, "--approve", edited.new, "--why", "read v2")[0] == 0
