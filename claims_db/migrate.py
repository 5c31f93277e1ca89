"""Schema migrations: Alembic revisions in `claims_db/migrations`, run the same way on SQLite and PostgreSQL.

A new store is created from the models and stamped with the newest revision. An older one (its meta
`schema_version` below this tool's) is refused by every command until `claims-db upgrade` runs the revisions it
lacks, in one transaction that holds the store's write lock, and sets meta's `schema_version` to match; a store
made before migrations existed has no `alembic_version` table and is stamped with the revision its version names.
Alembic is imported only here, so a check never loads it.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Connection

MIGRATIONS = Path(__file__).with_name("migrations")


def _config(connection: Connection | None = None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _script():
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config())


def head_schema() -> int:
    """The schema version the newest revision makes (what this tool's models create)."""
    script = _script()
    return script.get_revision(script.get_current_head()).module.schema_version


def revision_of(schema_version: int) -> str:
    """The revision that made a schema version (each revision module names the one it makes)."""
    for revision in _script().walk_revisions():
        if revision.module.schema_version == schema_version:
            return revision.revision
    raise LookupError(schema_version)


def stamp_new(connection: Connection) -> None:
    """Record that a store just made from the models is at the newest revision."""
    from alembic import command

    command.stamp(_config(connection), "head")


def current(connection: Connection) -> str | None:
    from alembic.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection, schema_version: int) -> int:
    """Run every revision a store of `schema_version` lacks, on a connection in a transaction; return the new version.

    The caller holds the store's write lock, so no writer sees a half-upgraded schema."""
    from alembic import command

    if current(connection) is None:  # made before migrations: its meta says which revision it is at
        command.stamp(_config(connection), revision_of(schema_version))
    command.upgrade(_config(connection), "head")
    version = head_schema()
    connection.execute(text("UPDATE meta SET value = :v WHERE key = 'schema_version'"), {"v": str(version)})
    return version
