"""Where a store lives: paths and URLs, and the bundled store built from its curated source."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import make_url

from claims_db import locate
from claims_db.locate import sqlite_path, to_url


@pytest.mark.parametrize("location, url", [
    pytest.param("postgresql://postgres@db:5432/claims", "postgresql+psycopg://postgres@db:5432/claims",
                 id="postgresql"),
    pytest.param("postgres://postgres@db/claims", "postgresql+psycopg://postgres@db/claims", id="postgres-alias"),
    pytest.param("postgresql+psycopg://db/claims", "postgresql+psycopg://db/claims", id="explicit-driver"),
    pytest.param("sqlite:////srv/claims.sqlite", "sqlite:////srv/claims.sqlite", id="sqlite-url"),
    pytest.param("/srv/claims.sqlite", "sqlite:////srv/claims.sqlite", id="absolute-path"),
])
def test_to_url(location, url):
    assert to_url(location) == url


@pytest.mark.parametrize("name", ["plain.sqlite", "with space.sqlite", "hash#1.sqlite", "100%.sqlite", "why?.sqlite",
                                  "Ísland.sqlite"])
def test_sqlite_path_round_trip(tmp_path, name):
    """The path survives the URL, both for this module and for SQLAlchemy's own parsing."""
    path = str(tmp_path / name)
    url = to_url(path)
    assert sqlite_path(url) == path
    assert make_url(url).database == path


def test_relative_path_is_made_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert sqlite_path(to_url("claims.sqlite")) == str(tmp_path / "claims.sqlite")


def test_sqlite_path_of_other_engines_is_none():
    assert sqlite_path(to_url("postgresql://postgres@db/claims")) is None


@pytest.fixture
def curated_source(tmp_path, monkeypatch, data_dir) -> Path:
    """A private copy of a curated source and cache directory, so the real bundled store is never touched."""
    source = tmp_path / "default.jsonl"
    source.write_bytes((data_dir / "nato.jsonl").read_bytes())
    monkeypatch.setattr(locate, "DEFAULT_SOURCE", source)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return source


def test_default_store_is_built_once(curated_source, tmp_path):
    first = locate.default_store()
    assert Path(first).parent == tmp_path / "cache" / "claim-verifier"
    built = os.stat(first).st_mtime_ns
    assert locate.default_store() == first
    assert os.stat(first).st_mtime_ns == built
    assert [p.name for p in Path(first).parent.iterdir()] == [Path(first).name]


def test_edited_source_builds_a_new_store(curated_source):
    first = locate.default_store()
    with open(curated_source, "a", encoding="utf-8") as handle:
        handle.write('{"record": "entity", "subject": "Norway", "kind": "country"}\n')
    second = locate.default_store()
    assert second != first
    from claims_db.query import Reader

    old, new = Reader(first), Reader(second)
    try:
        assert [m.name for m in old.mentions("Norway")] == []
        assert [m.name for m in new.mentions("Norway")] == ["Norway"]
    finally:
        old.close()
        new.close()
