"""Schema 1: the tables as the first release created them (entities, aliases, predicates, facts, meta).

A store made before migrations existed has no alembic_version table; `claims_db.migrate` stamps it with this
revision (its meta says schema 1), and later revisions run from here.

Revision ID: 0001
Revises:
"""

revision = "0001"
down_revision = None
schema_version = 1


def upgrade() -> None:
    """Nothing to do: schema 1 is what `Base.metadata.create_all` made."""
