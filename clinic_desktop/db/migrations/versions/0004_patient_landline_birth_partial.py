"""patients: a landline beside the mobile, and a birth date known only to the month or the year

Clinics' own sheets hold landlines (``0571-88886666``) and birth dates written as 出生年月 (``1985.3``) or a
year alone. The landline is kept, shown and printed (a usable phone for calls); the partial birth date is
stored as text (``1985-03`` or ``1985``) with ``birth_date`` left empty, so no day is ever invented and
birthday lists skip the patient while the age stays known (PRODUCT §7.2). Two nullable columns, added in
place: nothing is recreated.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("patients") as batch_op:
        batch_op.add_column(sa.Column("landline", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("birth_partial", sa.String(length=7), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("patients", recreate="always") as batch_op:
        batch_op.drop_column("birth_partial")
        batch_op.drop_column("landline")
