"""Schema migrations: a new store is stamped at the newest revision; an older one is refused until `claims-db
upgrade` runs what it lacks, in one transaction, keeping every row; a check reads an older store as it is."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import create_engine, text

from claims_db import SCHEMA_VERSION
from claims_db.cli import main as claims_db
from claims_db.errors import StoreError
from claims_db.locate import to_url
from claims_db.migrate import head_schema
from claims_db.query import Reader
from claims_db.store import Store
from verifier.cli import main as verifier


def _sql(location: str, *statements: str) -> None:
    engine = create_engine(to_url(location))
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))
    engine.dispose()


def _without_label(line: str) -> str:
    import json

    record = json.loads(line)
    record.pop("label", None)
    return json.dumps(record, ensure_ascii=False)


OFFICE_PARTS = ("title", "portfolio", "body", "jurisdiction_id")


def _without_office_parts(location: str) -> list[str]:
    """Statements that take schema 4's office parts and alias forms away. SQLite drops no column a foreign key
    uses, so there the entities table is made again from its own CREATE statement without those lines."""
    statements = ["ALTER TABLE aliases DROP COLUMN form"]
    if not to_url(location).startswith("sqlite"):
        return statements + [f"ALTER TABLE entities DROP COLUMN {c}" for c in OFFICE_PARTS]
    engine = create_engine(to_url(location))
    with engine.connect() as connection:
        create = connection.execute(text("SELECT sql FROM sqlite_master WHERE name = 'entities'")).scalar()
    engine.dispose()
    lines = [line for line in create.splitlines() if not any(c in line for c in OFFICE_PARTS)]
    create = re.sub(r",\s*\)$", "\n)", "\n".join(lines).replace("CREATE TABLE entities", "CREATE TABLE entities_old"))
    return statements + [create,
                         "INSERT INTO entities_old SELECT id, name, kind, note, row_hash FROM entities",
                         "DROP TABLE entities", "ALTER TABLE entities_old RENAME TO entities"]


def make_schema(location: str, version: int) -> None:
    """Turn a seeded store into what an older schema made: schema 3 has no office parts, alias forms nor
    predicates in history;
    schema 2 no fact versions and no history table either; schema 1 no predicate label, and no
    alembic_version (it came before migrations)."""
    statements = _without_office_parts(location)
    if version == 3:
        statements += ["DROP INDEX ix_history_predicate", "ALTER TABLE history DROP COLUMN predicate"]
    if version <= 2:
        statements += ["DROP TABLE history", "ALTER TABLE facts DROP COLUMN superseded_by",
                       "ALTER TABLE facts DROP COLUMN version"]
    if version == 1:
        statements += ["ALTER TABLE predicates DROP COLUMN label", "DROP TABLE alembic_version"]
    else:
        statements.append(f"UPDATE alembic_version SET version_num = '000{version}'")
    _sql(location, *statements, f"UPDATE meta SET value = '{version}' WHERE key = 'schema_version'")


def make_schema_1(location: str) -> None:
    make_schema(location, 1)


def test_the_newest_revision_makes_this_tools_schema():
    assert head_schema() == SCHEMA_VERSION


def test_a_new_store_is_stamped_at_the_newest_revision(empty_store):
    with empty_store.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() is not None
    assert empty_store.schema_version == SCHEMA_VERSION


@pytest.mark.parametrize("older", [1, 2, 3], ids=["from-schema-1", "from-schema-2", "from-schema-3"])
def test_an_older_store_is_refused_read_by_checks_and_upgraded_keeping_every_row(seeded_store, store_url, capsys,
                                                                                 tmp_path, older):
    before = tmp_path / "before.jsonl"
    assert claims_db(["export", "--db", store_url, "-o", str(before)]) == 0
    digest = seeded_store.stats()["digest"]
    first = seeded_store.find(limit=1)[0]["id"]
    history = seeded_store.history(first).changes if older == 3 else ()  # schemas 1 and 2 had no history
    seeded_store.engine.dispose()
    make_schema(store_url, older)

    with pytest.raises(StoreError, match=f"has schema {older}, older than this tool's .*run 'claims-db upgrade"):
        Store(store_url)
    assert claims_db(["stats", "--db", store_url]) == 2
    assert "claims-db upgrade" in capsys.readouterr().err

    reader = Reader(store_url)  # a check never writes: it reads the older schema as it is
    assert reader.info.schema_version == older and reader.info.digest == digest
    assert all(p.label is None for p in reader.predicates().values()) == (older == 1)
    reader.close()
    draft = tmp_path / "d.md"
    draft.write_text("---\ndate: 2025-01-10\n---\nNothing to see.\n", encoding="utf-8")
    assert verifier(["check", str(draft), "--db", store_url]) == 0

    assert claims_db(["upgrade", "--db", store_url]) == 0
    assert capsys.readouterr().out.endswith(f"schema {older} upgraded to {SCHEMA_VERSION}\n")
    after = tmp_path / "after.jsonl"
    assert claims_db(["export", "--db", store_url, "-o", str(after)]) == 0
    kept = before.read_text(encoding="utf-8").splitlines()
    if older == 1:
        kept = [_without_label(line) for line in kept]
    assert after.read_text(encoding="utf-8").splitlines() == kept, "no row lost or changed"
    upgraded = Store(store_url)
    assert upgraded.stats()["digest"] == digest and upgraded.schema_version == SCHEMA_VERSION
    assert upgraded.history(first).changes == history, "an upgrade invents no history"
    upgraded.engine.dispose()
    assert claims_db(["upgrade", "--db", store_url]) == 0
    assert "already the newest" in capsys.readouterr().out


@pytest.mark.parametrize("older", [1, 2, 3], ids=["from-schema-1", "from-schema-2", "from-schema-3"])
def test_an_upgraded_store_has_exactly_what_the_models_create(seeded_store, store_url, older):
    """The revisions and the models agree: Alembic finds nothing to add, drop or alter after an upgrade."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from claims_db.models import Base

    seeded_store.engine.dispose()
    make_schema(store_url, older)
    Store(store_url, older=True).upgrade()
    engine = create_engine(to_url(store_url))
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    # Made outside the revisions, as search needs them: Alembic's own table, SQLite's full-text tables (sqlite-utils)
    # and PostgreSQL's full-text GIN indexes (claims_db.search).
    assert [d for d in differences if not (d[0] == "remove_table" and d[1].name not in Base.metadata.tables)
            and not (d[0] == "remove_index" and d[1].name.startswith("claims_fts"))] == []


def test_a_failed_upgrade_changes_nothing(seeded_store, store_url, capsys):
    seeded_store.engine.dispose()
    make_schema_1(store_url)
    _sql(store_url, "ALTER TABLE predicates ADD COLUMN label VARCHAR(10)")  # in the way of revision 0002
    assert claims_db(["upgrade", "--db", store_url]) == 2
    assert capsys.readouterr().err.startswith("claims-db: error: ")
    reader = Reader(store_url)
    assert reader.info.schema_version == 1, "meta keeps its version: the upgrade's transaction rolled back"
    reader.close()
    engine = create_engine(to_url(store_url))
    with engine.connect() as connection:
        tables = {r[0] for r in connection.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'table'" if engine.dialect.name == "sqlite" else
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"))}
    engine.dispose()
    assert "alembic_version" not in tables, "not even the stamp of schema 1 was kept"


def test_labels_are_imported_exported_and_shown_by_checks(empty_store, store_url, tmp_path):
    records = tmp_path / "labels.jsonl"
    records.write_text('{"record": "predicate", "predicate": "toll", "value_type": "quantity", "label": "death toll",'
                       ' "description": "people killed", "cues": ["killed"], "nouns": ["people"]}\n'
                       '{"record": "predicate", "predicate": "seats_won", "value_type": "quantity",'
                       ' "description": "seats a party won", "cues": ["won"], "nouns": ["seats"]}\n',
                       encoding="utf-8")
    assert claims_db(["import", "--db", store_url, str(records)]) == 0
    reader = Reader(store_url)
    assert reader.predicates()["toll"].label == "death toll" and reader.predicates()["toll"].plain == "death toll"
    assert reader.predicates()["seats_won"].plain == "seats won"  # no label: the name in words
    reader.close()
    exported = tmp_path / "out.jsonl"
    assert claims_db(["export", "--db", store_url, "-o", str(exported)]) == 0
    assert '"label": "death toll"' in exported.read_text(encoding="utf-8")
