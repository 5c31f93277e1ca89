"""The digest: the XOR of the SHA-256 of every exported record, so equal content means an equal digest
and a write updates it without reading the whole store."""

from __future__ import annotations

import hashlib
import json
import random

import pytest

from claims_db.errors import StoreError
from claims_db.interchange import parse_files
from claims_db.query import Reader


def _xor_of_lines(path) -> str:
    digest = 0
    for line in open(path, "rb").read().splitlines(keepends=True):
        digest ^= int(hashlib.sha256(line).hexdigest(), 16)
    return f"{digest:064x}"


def test_digest_is_the_xor_of_the_exported_records(seeded_store, store_url, tmp_path, claims_db_cli):
    assert claims_db_cli("export", "--db", store_url, "-o", tmp_path / "export.jsonl")[0] == 0
    expected = _xor_of_lines(tmp_path / "export.jsonl")
    assert seeded_store.stats()["digest"] == expected
    reader = Reader(store_url)
    try:
        assert (reader.info.digest, reader.info.facts) == (expected, 23)
    finally:
        reader.close()


def test_incremental_digest_equals_a_full_recomputation(seeded_store):
    kept = seeded_store.stats()["digest"]
    assert seeded_store.refresh_digest() == kept
    assert seeded_store.stats()["digest"] == kept


def _rearranged(paths: list[str], directory, seed: int | None) -> str:
    """All lines in one file, shuffled (or reversed when there is no seed)."""
    lines = [line for path in paths for line in open(path, encoding="utf-8").read().splitlines() if line.strip()]
    if seed is None:
        lines.reverse()
    else:
        random.Random(seed).shuffle(lines)
    out = directory / f"rearranged-{seed}.jsonl"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(out)


@pytest.mark.parametrize("order", ["reversed-files", "one-file-at-a-time", "reversed-lines", "shuffled-lines"])
def test_same_content_in_another_import_order_gives_the_same_digest(seeded_store, store_locations, seed_files,
                                                                    tmp_path, order):
    other = store_locations.open(store_locations.new(), create=True)
    if order == "reversed-files":
        other.import_parsed(parse_files(seed_files[::-1]))
    elif order == "one-file-at-a-time":
        for path in seed_files[::-1]:
            other.import_parsed(parse_files([path]))
    else:
        seed = 7 if order == "shuffled-lines" else None
        other.import_parsed(parse_files([_rearranged(seed_files, tmp_path, seed)]))
    assert other.export() == seeded_store.export()
    assert other.stats()["digest"] == seeded_store.stats()["digest"]


def test_sqlite_and_postgresql_stores_of_the_same_files_have_the_same_digest(tmp_path, postgres_store_url, seed_files):
    """Canonical order must not depend on the engine (collations, float formatting, date types)."""
    from claims_db.store import Store

    digests = []
    for location in (str(tmp_path / "claims.sqlite"), postgres_store_url):
        store = Store(location, create=True)
        store.import_parsed(parse_files(seed_files))
        digests.append(store.stats()["digest"])
        store.engine.dispose()
    assert digests[0] == digests[1]


def test_digest_changes_when_a_fact_changes(seeded_store, tmp_path):
    digest = seeded_store.stats()["digest"]
    fact = next(f for f in seeded_store.find(subject="NATO", predicate="established"))
    del fact["id"]
    path = tmp_path / "changed.jsonl"
    path.write_text(json.dumps({**fact, "note": "Signed in Washington, D.C."}) + "\n", encoding="utf-8")
    seeded_store.import_parsed(parse_files([str(path)]))
    changed = seeded_store.stats()["digest"]
    assert changed != digest
    path.write_text(json.dumps(fact) + "\n", encoding="utf-8")  # and back again
    seeded_store.import_parsed(parse_files([str(path)]))
    assert seeded_store.stats()["digest"] == digest


def test_retire_changes_status_and_digest(seeded_store, store_url):
    digest = seeded_store.stats()["digest"]
    [current] = [f for f in seeded_store.find(subject="NATO", predicate="member_count") if f["status"] == "approved"]
    seeded_store.retire(current["id"])
    stats = seeded_store.stats()
    assert stats["facts_by_status"] == {"draft": 2, "approved": 19, "retired": 2, "superseded": 0, "rejected": 0}
    assert stats["digest"] != digest
    assert [f["status"] for f in seeded_store.find(subject="NATO", predicate="member_count")] == ["retired", "retired"]
    reader = Reader(store_url)
    try:
        nato = [m.entity_id for m in reader.mentions("NATO")]
        assert reader.facts(nato, ["member_count"]) == []
        assert reader.info.digest == stats["digest"]
    finally:
        reader.close()
    seeded_store.retire(current["id"])  # retiring twice is harmless
    assert seeded_store.stats()["digest"] == stats["digest"]


def test_retire_unknown_fact_is_refused(seeded_store, store_url, snapshot):
    before = snapshot(store_url)
    with pytest.raises(StoreError, match="no fact with id f0123456789a"):
        seeded_store.retire("f0123456789a")
    assert snapshot(store_url) == before
