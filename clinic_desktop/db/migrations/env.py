"""Alembic environment: always driven programmatically by :mod:`clinic_desktop.db.migrate`.

The caller hands in an open connection (with foreign keys already switched off, outside any transaction)
through ``config.attributes["connection"]``; ``render_as_batch`` lets SQLite ALTERs recreate tables.
"""

from alembic import context

from clinic_desktop.db.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable from the alembic command-line tool
    raise RuntimeError("Run migrations through clinic_desktop.db.migrate, not the alembic CLI.")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
