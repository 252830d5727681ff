"""patients: a guardian's consent to marketing, recorded as such, for patients under 14 (PRODUCT §5.2)

Two plain columns added with ``ALTER TABLE … ADD COLUMN`` (nothing recreated, no row touched): the flag,
NOT NULL with a server default of 0 so every existing patient starts without a guardian's consent, and the
date it was recorded or withdrawn.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("patients") as batch_op:
        batch_op.add_column(sa.Column("guardian_consent", sa.Boolean(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("guardian_consent_at", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("patients", recreate="always") as batch_op:
        batch_op.drop_column("guardian_consent_at")
        batch_op.drop_column("guardian_consent")
