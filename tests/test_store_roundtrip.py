"""Export and re-import: the interchange files are a faithful copy of the store."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from claims_db.interchange import CSV_COLUMNS, parse_files

SEED_RECORDS = 22 + 18 + 23  # predicates (20 default + 2 declared), entities, facts


def export(claims_db_cli, location: str, path: Path, fmt: str = "jsonl") -> bytes:
    code, out, err = claims_db_cli("export", "--db", location, "--format", fmt, "-o", path)
    assert (code, out, err) == (0, "", "")
    return path.read_bytes()


def test_jsonl_round_trip_is_byte_identical(seeded_store, store_url, store_locations, tmp_path, claims_db_cli):
    first = export(claims_db_cli, store_url, tmp_path / "a.jsonl")
    assert len(first.splitlines()) == SEED_RECORDS
    copy = store_locations.new()
    assert claims_db_cli("import", "--create", "--db", copy, tmp_path / "a.jsonl")[0] == 0
    assert export(claims_db_cli, copy, tmp_path / "b.jsonl") == first


def test_csv_round_trip_gives_the_same_stores(seeded_store, store_url, store_locations, tmp_path, claims_db_cli):
    jsonl = export(claims_db_cli, store_url, tmp_path / "a.jsonl")
    table = export(claims_db_cli, store_url, tmp_path / "a.csv", "csv")
    copy = store_locations.new()
    assert claims_db_cli("import", "--create", "--db", copy, tmp_path / "a.csv")[0] == 0
    assert export(claims_db_cli, copy, tmp_path / "b.jsonl") == jsonl
    assert export(claims_db_cli, copy, tmp_path / "b.csv", "csv") == table


def test_csv_export_has_one_row_per_record_and_keeps_awkward_text(seeded_store, store_url, tmp_path, claims_db_cli):
    export(claims_db_cli, store_url, tmp_path / "a.csv", "csv")
    with open(tmp_path / "a.csv", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert tuple(reader.fieldnames) == CSV_COLUMNS
    assert len(rows) == SEED_RECORDS
    area = next(r for r in rows if r["predicate"] == "area" and r["record"] == "fact")
    assert area["note"] == 'Total area, "land and water", rounded;\nthe land area alone is about 100,250 km2.'
    assert (area["value"], area["tolerance"], area["unit"]) == ("103000", "0.01", "km2")
    nato = next(r for r in rows if r["record"] == "entity" and r["subject"] == "NATO")
    assert nato["aliases"] == "North Atlantic Treaty Organization | OTAN"


def test_cross_file_import_equals_export_of_the_seed(seeded_store, data_dir):
    """Every field of the seed files survives into the export (after canonical ordering)."""
    exported = {_fact_key(r): r for r in seeded_store.export() if r["record"] == "fact"}
    seeded = [r for r, _ in parse_files([str(data_dir / "nato.jsonl"), str(data_dir / "places.jsonl")]).of_kind("fact")]
    assert len(exported) == len(seeded) == 23
    for record in seeded:
        record = {**record, "aliases": []}  # aliases move to the entity record
        assert exported[_fact_key(record)] == record


def _fact_key(record: dict) -> tuple:
    return record["subject"], record["predicate"], str(record["value"]), record["date"]


def test_importing_the_same_files_again_changes_nothing(seeded_store, seed_files):
    before, export_before = seeded_store.stats(), seeded_store.export()
    counts = seeded_store.import_parsed(parse_files(seed_files))
    assert counts == {"predicates": 2, "entities": 13, "facts_added": 0, "facts_updated": 23}
    assert seeded_store.stats() == before
    assert seeded_store.export() == export_before


def test_duplicate_records_in_one_import_make_one_fact(empty_store, tmp_path, data_dir):
    lines = (data_dir / "nato.jsonl").read_text(encoding="utf-8").splitlines()
    doubled = tmp_path / "doubled.jsonl"
    doubled.write_text("\n".join(lines + lines) + "\n", encoding="utf-8")
    counts = empty_store.import_parsed(parse_files([str(doubled)]))
    assert counts["facts_added"] == 12 and counts["facts_updated"] == 12
    assert empty_store.stats()["facts"] == 12


def test_changed_note_updates_the_fact_in_place(seeded_store, tmp_path, data_dir):
    rutte = {"subject": "Mark Rutte", "predicate": "holds_office"}
    before = {f["id"]: f for f in seeded_store.find(**rutte)}
    digest = seeded_store.stats()["digest"]
    lines = [json.loads(line) for line in (data_dir / "nato.jsonl").read_text(encoding="utf-8").splitlines()]
    for record in lines:
        if record.get("subject") == "Mark Rutte" and record.get("value") == "Secretary General of NATO":
            record["note"] = "Took office on 1 October 2024."
            record["source"]["accessed"] = "2025-02-01"
    changed = tmp_path / "nato.jsonl"
    changed.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")

    counts = seeded_store.import_parsed(parse_files([str(changed)]))

    assert (counts["facts_added"], counts["facts_updated"]) == (0, 12)
    after = {f["id"]: f for f in seeded_store.find(**rutte)}
    assert after.keys() == before.keys()
    changes = {uid: (after[uid]["note"], after[uid]["source"]["accessed"])
               for uid in after if after[uid] != before[uid]}
    assert list(changes.values()) == [("Took office on 1 October 2024.", "2025-02-01")]
    assert seeded_store.stats()["facts"] == 23
    assert seeded_store.stats()["digest"] != digest


def test_changed_value_is_a_new_fact(seeded_store, tmp_path):
    """The value is part of a fact's natural key: a corrected figure sits beside the old one until that is retired."""
    path = tmp_path / "iceland.jsonl"
    path.write_text(json.dumps({
        "subject": "Iceland", "predicate": "population", "value": 383727, "unit": "people", "date": "2024-01-01",
        "source": {"title": "Inhabitants on 1 January 2024", "publisher": "Statistics Iceland",
                   "url": "https://statice.is/publications/news-archive/inhabitants/"}}) + "\n", encoding="utf-8")
    counts = seeded_store.import_parsed(parse_files([str(path)]))
    assert (counts["facts_added"], counts["facts_updated"]) == (1, 0)
    assert sorted(f["value"] for f in seeded_store.find(subject="Iceland", predicate="population")) == [
        383726, 383727, 390000]


@pytest.mark.parametrize("spelling", ["NATO Secretary-General", "nato secretary general", "NATO  Secretary General"])
def test_alias_spelled_differently_is_not_added_twice(seeded_store, tmp_path, spelling):
    path = tmp_path / "alias.jsonl"
    path.write_text(json.dumps({"record": "entity", "subject": "Secretary General of NATO", "kind": "office",
                                "aliases": [spelling]}) + "\n", encoding="utf-8")
    aliases = seeded_store.stats()["aliases"]
    seeded_store.import_parsed(parse_files([str(path)]))
    assert seeded_store.stats()["aliases"] == aliases
    [office] = [r for r in seeded_store.export()
                if r["record"] == "entity" and r["subject"] == "Secretary General of NATO"]
    assert office["aliases"] == ["NATO Secretary General"]


def test_the_same_spelling_wins_whatever_the_import_order(store_locations, tmp_path):
    """Two spellings of one alias: the first in sort order stays, so exports do not depend on import order."""
    records = [{"record": "entity", "subject": "Secretary General of NATO", "kind": "office", "aliases": [spelling]}
               for spelling in ("NATO Secretary-General", "NATO Secretary General")]
    exports = []
    for order in (records, records[::-1]):
        store = store_locations.open(store_locations.new(), create=True)
        for number, record in enumerate(order):
            path = tmp_path / f"alias-{len(exports)}-{number}.jsonl"
            path.write_text(json.dumps(record) + "\n", encoding="utf-8")
            store.import_parsed(parse_files([str(path)]))
        exports.append((store.export(), store.stats()["digest"]))
        store.engine.dispose()
    assert exports[0] == exports[1]
