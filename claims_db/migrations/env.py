"""Alembic's environment for the store: it runs on the connection `claims_db.migrate` hands it, never a URL of its own.

Every engine runs the same revisions; SQLite gets batch mode, so a revision that alters a column works there too.
"""

from alembic import context

from claims_db.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
