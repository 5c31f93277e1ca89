"""Schema 2: a predicate has a plain label ("death toll", "founding date") that reasons show an editor.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
schema_version = 2


def upgrade() -> None:
    with op.batch_alter_table("predicates") as table:
        table.add_column(sa.Column("label", sa.String(120), nullable=True))
