"""Schema 3: facts have versions (an edit supersedes a fact by a new one) and every change is a row of `history`.

Existing facts become version 1, superseded by nothing; their records, and so the digest, are unchanged.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
schema_version = 3


def upgrade() -> None:
    with op.batch_alter_table("facts") as table:
        table.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        table.add_column(sa.Column("superseded_by", sa.String(16), nullable=True))
    op.create_table(
        "history",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.String(120), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("fact_uid", sa.String(16), nullable=True),
        sa.Column("entity_id", sa.Integer(), sa.ForeignKey("entities.id"), nullable=True),
        sa.Column("why", sa.Text(), nullable=True),
        sa.Column("old", sa.JSON(), nullable=True),
        sa.Column("new", sa.JSON(), nullable=True),
    )
    op.create_index("ix_history_fact_uid", "history", ["fact_uid"])
    op.create_index("ix_history_entity_id", "history", ["entity_id"])
