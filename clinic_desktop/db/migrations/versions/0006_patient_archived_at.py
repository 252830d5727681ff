"""patients: when a patient was archived

Archiving takes a patient out of every list, count and ranking (PRODUCT §5.2 rule 5), so the patient view
says since when (归档于 …) and un-archiving clears it. The audit log keeps the whole history; this column is
the current state's date, one nullable column added in place (patients archived before it existed, by an
import or an older version, keep an unknown date).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("patients") as batch_op:
        batch_op.add_column(sa.Column("archived_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("patients", recreate="always") as batch_op:
        batch_op.drop_column("archived_at")
