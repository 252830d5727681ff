"""patients: pinyin search keys and CHECK constraints on gender and opening balance

SQLite cannot add a CHECK constraint to an existing table, so the batch operation recreates ``patients``
(copy, drop, rename). With foreign keys on, dropping the old table would cascade-delete every visit,
survey and contact; :mod:`clinic_desktop.db.migrate` runs this with foreign keys off and verifies row
counts and ``foreign_key_check`` afterwards.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("patients", recreate="always") as batch_op:
        batch_op.add_column(sa.Column("pinyin_full", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("pinyin_initials", sa.String(length=64), nullable=True))
        batch_op.create_check_constraint("gender", "gender IS NULL OR gender IN ('M', 'F')")
        batch_op.create_check_constraint("opening_spend", "opening_spend_fen >= 0")
        batch_op.create_check_constraint("opening_visits", "opening_visits >= 0")
        batch_op.create_index("ix_patients_pinyin_initials", ["pinyin_initials"], unique=False)
    # Existing rows get their search keys from clinic_desktop.db.migrate.fill_search_keys after the
    # schema step (pypinyin is application code, not something a migration should import).


def downgrade() -> None:
    with op.batch_alter_table("patients", recreate="always") as batch_op:
        batch_op.drop_index("ix_patients_pinyin_initials")
        batch_op.drop_constraint("ck_patients_opening_visits", type_="check")
        batch_op.drop_constraint("ck_patients_opening_spend", type_="check")
        batch_op.drop_constraint("ck_patients_gender", type_="check")
        batch_op.drop_column("pinyin_initials")
        batch_op.drop_column("pinyin_full")
