"""SQLite stores are written in WAL mode with a busy timeout; a read-only store (bundled or WAL) still reads."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from claims_db import locate
from claims_db.query import Reader
from claims_db.store import SQLITE_LOCK_WAIT

ROOT = Path(__file__).resolve().parents[1]
SQLITE_ONLY = pytest.mark.parametrize("engine_name", ["sqlite"], indirect=True)


def _journal_mode(path: str | Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        conn.close()


@SQLITE_ONLY
def test_a_written_store_is_in_wal_mode_with_a_busy_timeout(seeded_store, store_url):
    assert _journal_mode(store_url) == "wal"
    with seeded_store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == SQLITE_LOCK_WAIT * 1000
    reader = Reader(store_url)
    try:
        assert reader.info.facts == 23
    finally:
        reader.close()


@SQLITE_ONLY
def test_reading_leaves_the_journal_mode_and_writing_sets_it(seeded_store, store_url, claims_db_cli):
    seeded_store.engine.dispose()
    conn = sqlite3.connect(store_url)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    for command in (["list"], ["search", "NATO"], ["show", "NATO"], ["who", "Secretary General of NATO"],
                    ["validate"], ["stats"], ["export"]):
        assert claims_db_cli(*command, "--db", store_url)[0] == 0
        assert _journal_mode(store_url) == "delete", f"claims-db {command[0]} changed the journal mode"
    assert claims_db_cli("retire", "--db", store_url, seeded_store.find(status="draft")[0]["id"])[0] == 0
    assert _journal_mode(store_url) == "wal"


def test_the_bundled_store_is_built_without_a_log(tmp_path, monkeypatch, data_dir):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(locate, "DEFAULT_SOURCE", data_dir / "nato.jsonl")
    built = locate.default_store()
    assert _journal_mode(built) == "delete"
    assert sorted(p.name for p in Path(built).parent.iterdir()) == [Path(built).name]


_READ = """
import json, sys
from claims_db.cli import main
from claims_db.query import Reader

location, office = json.loads(sys.argv[1])
reader = Reader(location)
print(reader.info.facts, [m.name for m in reader.mentions(f"the {office} spoke")])
reader.close()
args = ["--db", location] if location else []
for command in (["list", "--limit", "1"], ["search", office], ["who", office, "--on", "2025-01-01"]):
    assert main([*command, *args]) == 0
"""


def _run_without_write_access(location: str | None, office: str, env: dict | None = None) -> list[str]:
    """Read the store as a user who may not write its directory (root: without its capability to write anywhere)."""
    command = [sys.executable, "-c", _READ, json.dumps([location, office])]
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("as root, needs setpriv to give up the capability to write anywhere")
        caps = "-dac_override,-dac_read_search"
        command = ["setpriv", "--bounding-set", caps, "--inh-caps", caps, *command]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env={**os.environ, **(env or {})},
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def _read_only(directory: Path) -> None:
    for path in directory.iterdir():
        path.chmod(0o444)
    directory.chmod(0o555)


def test_a_wal_store_in_a_read_only_directory_still_reads(tmp_path, data_dir):
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "claims.sqlite"
    # A process of its own: when it exits, its last connection folds the log into the file, as after any write.
    subprocess.run([sys.executable, "-m", "claims_db.cli", "import", "--create", "--db", str(path),
                    str(data_dir / "nato.jsonl")], cwd=ROOT, check=True, capture_output=True)
    assert _journal_mode(path) == "wal" and sorted(p.name for p in folder.iterdir()) == ["claims.sqlite"]
    _read_only(folder)
    try:
        lines = _run_without_write_access(str(path), "NATO Secretary General")
    finally:
        folder.chmod(0o755)
    assert lines[:3] == ["12 ['Secretary General of NATO']",
                         "f06261d81e63b202  NATO  headquartered_in  Brussels  (NATO) approved",
                         "1 of 12 fact(s); --limit 12 to see more"]
    assert lines[-1].startswith("Secretary General of NATO on 2025-01-01: Mark Rutte (2024-10-01 – now, ")
    assert sorted(p.name for p in folder.iterdir()) == ["claims.sqlite"], "reading wrote nothing beside it"


def test_the_bundled_store_in_a_read_only_cache_still_reads(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = Path(locate.default_store())  # the real bundled store, as the child will look for it
    cache = built.parent
    _read_only(cache)
    try:
        lines = _run_without_write_access(None, "Russian Defence Minister", env={"XDG_CACHE_HOME": str(tmp_path)})
    finally:
        cache.chmod(0o755)
    assert lines[0].split()[0] == str(Reader(str(built)).info.facts)
    assert lines[-1].startswith("Minister of Defence of Russia on 2025-01-01: Andrey Belousov (2024-05-14 – now, ")
    assert sorted(p.name for p in cache.iterdir()) == [built.name]
