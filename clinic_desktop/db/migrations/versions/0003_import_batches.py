"""import_batches and import_changes (what each file import inserted or changed, so it can be undone);
indexes for the foreign-key lookups that deleting patients and visits performs

SQLite checks every child table when a parent row is deleted; without an index on the child's column it
scans the whole table per deleted row. Undoing an import of 10,000 visits scanned all surveys 10,000
times (minutes at 100,000 patients). New tables and indexes only, so nothing existing is recreated.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "imported_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column("file_name", sa.String(length=260), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("created", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.Integer(), nullable=False),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batches")),
    )
    op.create_table(
        "import_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=32), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=8), nullable=False),
        sa.Column("before", sa.Text(), nullable=True),
        sa.CheckConstraint("action IN ('insert', 'update')", name=op.f("ck_import_changes_action")),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["import_batches.id"],
            name=op.f("fk_import_changes_batch_id_import_batches"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_changes")),
    )
    op.create_index(
        "ix_import_changes_batch_table", "import_changes", ["batch_id", "table_name", "action"], unique=False
    )
    op.create_index("ix_surveys_visit_id", "surveys", ["visit_id"], unique=False)
    op.create_index("ix_call_list_rows_patient_id", "call_list_rows", ["patient_id"], unique=False)
    op.create_index("ix_contacts_call_list_row_id", "contacts", ["call_list_row_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_contacts_call_list_row_id", table_name="contacts")
    op.drop_index("ix_call_list_rows_patient_id", table_name="call_list_rows")
    op.drop_index("ix_surveys_visit_id", table_name="surveys")
    op.drop_index("ix_import_changes_batch_table", table_name="import_changes")
    op.drop_table("import_changes")
    op.drop_table("import_batches")
