"""Store fixtures shared by every test that needs a reference store.

`store_url` runs a test once per engine: SQLite (a file in tmp_path) and
PostgreSQL (a fresh schema per store, named in the URL's search_path), the
latter skipped unless VERIFIER_TEST_POSTGRES_URL is set. Fixtures build on
each other: `store_url` (nothing there yet) -> `empty_store` (schema and the
default vocabulary) -> `seeded_store` (tests/data/nato.jsonl and places.jsonl imported) -> `reader`.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from claims_db.cli import main as claims_db_main
from claims_db.interchange import parse_files
from claims_db.locate import sqlite_path, to_url
from claims_db.query import Reader
from claims_db.store import Store

DATA = Path(__file__).parent / "data"
SEED_FILES = (DATA / "nato.jsonl", DATA / "places.jsonl")
POSTGRES_ENV = "VERIFIER_TEST_POSTGRES_URL"
ENGINES = ("sqlite", "postgresql")


def _postgres_base() -> str | None:
    return os.environ.get(POSTGRES_ENV) or None


class _Locations:
    """Hands out fresh, empty store locations on one engine and removes them afterwards."""

    def __init__(self, engine: str, directory: Path):
        self.engine, self.directory = engine, directory
        self.count = 0
        self.schemas: list[str] = []
        self.stores: list[Store] = []

    def new(self) -> str:
        self.count += 1
        if self.engine == "sqlite":
            return str(self.directory / f"store{self.count}.sqlite")
        import psycopg

        schema = f"claims_test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(_postgres_base(), autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        self.schemas.append(schema)
        separator = "&" if "?" in _postgres_base() else "?"
        return f"{_postgres_base()}{separator}options=-csearch_path%3D{schema}"

    def open(self, location: str, create: bool = False) -> Store:
        store = Store(location, create=create)
        self.stores.append(store)
        return store

    def cleanup(self) -> None:
        for store in self.stores:
            store.engine.dispose()
        if not self.schemas:
            return
        import psycopg

        with psycopg.connect(_postgres_base(), autocommit=True) as conn:
            # A reader left open would hold a lock; fail loudly rather than hang.
            conn.execute("SET lock_timeout = '10s'")
            for schema in self.schemas:
                conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture(params=ENGINES)
def engine_name(request: pytest.FixtureRequest) -> str:
    """The database engine under test; PostgreSQL only when its URL is configured."""
    if request.param == "postgresql" and _postgres_base() is None:
        pytest.skip(f"PostgreSQL tests need {POSTGRES_ENV} (e.g. postgresql://postgres@127.0.0.1:5432/test)")
    return request.param


@pytest.fixture
def store_locations(engine_name: str, tmp_path: Path) -> Iterator[_Locations]:
    """A factory of fresh store locations on the engine under test (`.new()`, `.open()`)."""
    locations = _Locations(engine_name, tmp_path)
    yield locations
    locations.cleanup()


@pytest.fixture
def postgres_store_url(tmp_path: Path) -> Iterator[str]:
    """A fresh PostgreSQL location whatever the engine under test (for tests comparing engines)."""
    if _postgres_base() is None:
        pytest.skip(f"PostgreSQL tests need {POSTGRES_ENV}")
    locations = _Locations("postgresql", tmp_path)
    yield locations.new()
    locations.cleanup()


@pytest.fixture
def store_url(store_locations: _Locations) -> str:
    """Where a store may be created: a SQLite path or a PostgreSQL URL; nothing is there yet."""
    return store_locations.new()


@pytest.fixture
def empty_store(store_locations: _Locations, store_url: str) -> Store:
    """A store with its schema and the default predicate vocabulary, but no facts."""
    return store_locations.open(store_url, create=True)


@pytest.fixture
def seeded_store(empty_store: Store) -> Store:
    """The empty store with tests/data/nato.jsonl and places.jsonl imported."""
    empty_store.import_parsed(parse_files([str(p) for p in SEED_FILES]))
    return empty_store


@pytest.fixture
def reader(seeded_store: Store, store_url: str) -> Iterator[Reader]:
    """A read-only Reader on the seeded store."""
    opened = Reader(store_url)
    yield opened
    opened.close()


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def seed_files() -> list[str]:
    return [str(p) for p in SEED_FILES]


def _snapshot(location: str) -> bytes:
    """Everything a store holds: the file's bytes (SQLite) or every row of every table (others)."""
    path = sqlite_path(to_url(location))
    if path is not None:
        return Path(path).read_bytes()
    from sqlalchemy import create_engine, select

    from claims_db.models import Base

    engine = create_engine(to_url(location))
    try:
        with engine.connect() as conn:
            rows = [(table.name, list(conn.execute(select(table).order_by(*table.primary_key.columns))))
                    for table in Base.metadata.sorted_tables]
    finally:
        engine.dispose()
    return repr(rows).encode()


@pytest.fixture
def snapshot() -> Callable[[str], bytes]:
    """A function returning a store's whole content, to prove a failed command wrote nothing."""
    return _snapshot


@pytest.fixture
def claims_db_cli(capsys: pytest.CaptureFixture) -> Callable[..., tuple[int, str, str]]:
    """Run `claims-db ARGS...` in-process; returns (exit code, stdout, stderr)."""

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = claims_db_main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run
