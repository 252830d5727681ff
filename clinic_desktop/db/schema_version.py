"""The schema revision this build of the app writes.

Kept as a constant so start-up can compare it with ``alembic_version`` using plain sqlite3, without
importing Alembic when nothing needs migrating. A test asserts it equals the head of the migration scripts.
"""

HEAD_REVISION = "0008"
#: every revision this build knows, oldest first; a database stamped with anything else is newer than us
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008")
