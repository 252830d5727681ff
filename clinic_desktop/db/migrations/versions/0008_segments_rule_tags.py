"""Knowledge 认知, segments and rule-derived tags (PRODUCT §4.1); the 分享裂变 contact purpose

- ``patients.knowledge`` (懂行 expert / 不太懂 novice, NULL = not recorded) and ``knowledge_at``: added in
  place (``ALTER TABLE … ADD COLUMN`` with its CHECK), so 100,000 patients are not copied.
- ``patient_metrics``: the facts the rule tags read (window and coupon occasions, no-shows), the tags as a
  bit mask and the segment. Old rows get the defaults; their digest no longer matches, so the first
  recompute rewrites them.
- ``visits``: a partial index over the lines that name a coupon (counting coupon occasions per patient
  reads it instead of every visit row).
- ``contacts.purpose`` may be ``share`` (the 分享裂变 list's outcomes). SQLite cannot change a CHECK
  constraint in place, so ``contacts`` is recreated (with foreign keys off; see db/migrate.py). contacts
  is not one of 0007's counted tables (db.data_stamp.WATCHED_TABLES): no trigger is lost with it.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_PURPOSES = ("recall", "reactivation", "birthday", "campaign", "referral", "recovery", "survey", "crosssell")


def _purpose_check(purposes: tuple[str, ...]) -> str:
    return "purpose IN ({})".format(", ".join(f"'{p}'" for p in purposes))


def upgrade() -> None:
    op.add_column(
        "patients",
        sa.Column(
            "knowledge",
            sa.String(length=8),
            sa.CheckConstraint(
                "knowledge IS NULL OR knowledge IN ('expert', 'novice')", name="ck_patients_knowledge"
            ),
            nullable=True,
        ),
    )
    op.add_column("patients", sa.Column("knowledge_at", sa.DateTime(), nullable=True))
    for name in ("window_purchases", "coupon_purchases", "no_shows", "rule_tags"):
        op.add_column("patient_metrics", sa.Column(name, sa.Integer(), server_default="0", nullable=False))
    op.add_column(
        "patient_metrics",
        sa.Column("segment", sa.String(length=16), server_default="unknown", nullable=False),
    )
    op.create_index(
        "ix_visits_coupon_days",
        "visits",
        ["patient_id", "visit_date", "amount_fen"],
        unique=False,
        sqlite_where=sa.text("coupon IS NOT NULL"),
    )
    with op.batch_alter_table("contacts", recreate="always") as batch_op:
        batch_op.drop_constraint(op.f("ck_contacts_purpose"), type_="check")
        batch_op.create_check_constraint("purpose", _purpose_check((*_PURPOSES, "share")))


def downgrade() -> None:
    with op.batch_alter_table("contacts", recreate="always") as batch_op:
        batch_op.drop_constraint(op.f("ck_contacts_purpose"), type_="check")
        batch_op.create_check_constraint("purpose", _purpose_check(_PURPOSES))
    op.drop_index("ix_visits_coupon_days", table_name="visits")
    with op.batch_alter_table("patient_metrics") as batch_op:
        for name in ("segment", "rule_tags", "no_shows", "coupon_purchases", "window_purchases"):
            batch_op.drop_column(name)
    with op.batch_alter_table("patients") as batch_op:
        batch_op.drop_column("knowledge_at")
        batch_op.drop_column("knowledge")
