"""Schema 4: an office may be declared by its parts (title, portfolio, body, jurisdiction), an alias says
where it comes from (a curator's name, a demonym, or made from an office's parts), and history records
changes to predicates too.

Existing entities have no parts and every alias is a curator's name: their records, and so the digest, are unchanged.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
schema_version = 4


def upgrade() -> None:
    # Plain ADD COLUMN: a batch would copy `entities`, which other tables' foreign keys point at. SQLite adds a
    # column with a reference in place, but Alembic will not emit it there, so that one statement is written out.
    for name, length in (("title", 120), ("portfolio", 120), ("body", 300)):
        op.add_column("entities", sa.Column(name, sa.String(length), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE entities ADD COLUMN jurisdiction_id INTEGER REFERENCES entities (id)")
    else:
        op.add_column("entities", sa.Column("jurisdiction_id", sa.Integer(), sa.ForeignKey("entities.id"), nullable=True))
    op.add_column("aliases", sa.Column("form", sa.String(16), nullable=False, server_default="name"))
    op.add_column("history", sa.Column("predicate", sa.String(64), nullable=True))
    op.create_index("ix_history_predicate", "history", ["predicate"])
