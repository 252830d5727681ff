"""data_changes: a counter of updates and deletes in the tables the metrics are computed from

Why: a command that reports metrics (``report``, ``patient``, a call list) may read the stored ones only
while they are still those of the data. Inserts are seen without help (a table's row count and largest id
grow); an update or a delete is not, so each one adds one to ``data_changes.generation`` through an
``AFTER UPDATE`` / ``AFTER DELETE`` trigger on every watched table. No insert trigger: a bulk import of a
million visit lines pays nothing. One new table and a row; no existing row touched.

The list of tables is frozen here as it was when this revision was written (a later revision that adds a
fact table adds its triggers itself; a test checks that every table of ``db.data_stamp.WATCHED_TABLES``
has both triggers at head — a batch migration that recreates a table drops its triggers with it).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

WATCHED = ("patients", "visits", "interactions", "appointments", "surveys", "treatments")


def upgrade() -> None:
    op.create_table(
        "data_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("generation", sa.Integer(), server_default="0", nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_data_changes_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_changes")),
    )
    op.execute("INSERT INTO data_changes (id, generation) VALUES (1, 0)")
    for table in WATCHED:
        for event in ("update", "delete"):
            op.execute(
                f"CREATE TRIGGER {table}_{event}_counted AFTER {event.upper()} ON {table} "
                "BEGIN UPDATE data_changes SET generation = generation + 1 WHERE id = 1; END"
            )


def downgrade() -> None:
    for table in WATCHED:
        for event in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_{event}_counted")
    op.drop_table("data_changes")
