"""first schema: every entity of PRODUCT §2

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("user", sa.String(length=64), nullable=True),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_table(
        "call_lists",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "generated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("params", sa.Text(), nullable=False),
        sa.Column("exported_path", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_lists")),
    )
    op.create_table(
        "patients",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("gender", sa.String(length=1), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("lunar_birthday", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("wechat", sa.String(length=64), nullable=True),
        sa.Column("address", sa.String(length=200), nullable=True),
        sa.Column("district", sa.String(length=64), nullable=True),
        sa.Column("occupation", sa.String(length=64), nullable=True),
        sa.Column("source", sa.String(length=64), nullable=True),
        sa.Column("referred_by_id", sa.Integer(), nullable=True),
        sa.Column("first_contact_date", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("do_not_contact", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("do_not_contact_at", sa.DateTime(), nullable=True),
        sa.Column("marketing_consent", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("marketing_consent_at", sa.Date(), nullable=True),
        sa.Column("manual_vip", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("archived", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("opening_visits", sa.Integer(), server_default="0", nullable=False),
        sa.Column("opening_spend_fen", sa.Integer(), server_default="0", nullable=False),
        sa.Column("opening_last_visit", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(
            ["referred_by_id"],
            ["patients.id"],
            name=op.f("fk_patients_referred_by_id_patients"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patients")),
        sa.UniqueConstraint("phone", name=op.f("uq_patients_phone")),
    )
    with op.batch_alter_table("patients", schema=None) as batch_op:
        batch_op.create_index("ix_patients_referred_by_id", ["referred_by_id"], unique=False)
        batch_op.create_index("ix_patients_source", ["source"], unique=False)

    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "tags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("color", sa.String(length=9), nullable=False),
        sa.Column("rule", sa.String(length=200), nullable=True),
        sa.CheckConstraint(
            "category IN ('static', 'consumption', 'behaviour', 'custom')", name=op.f("ck_tags_category")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tags")),
        sa.UniqueConstraint("name", name=op.f("uq_tags_name")),
    )
    op.create_table(
        "treatments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=True),
        sa.Column("recall_days", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), server_default="1", nullable=False),
        sa.CheckConstraint("recall_days IS NULL OR recall_days > 0", name=op.f("ck_treatments_recall_days")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_treatments")),
        sa.UniqueConstraint("name", name=op.f("uq_treatments_name")),
    )
    op.create_table(
        "appointments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("scheduled_at", sa.DateTime(), nullable=False),
        sa.Column("treatment_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.CheckConstraint(
            "status IN ('booked', 'done', 'cancelled', 'no_show')", name=op.f("ck_appointments_status")
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patients.id"],
            name=op.f("fk_appointments_patient_id_patients"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["treatment_id"],
            ["treatments.id"],
            name=op.f("fk_appointments_treatment_id_treatments"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointments")),
    )
    with op.batch_alter_table("appointments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_appointments_patient_time_status", ["patient_id", "scheduled_at", "status"], unique=False
        )
        batch_op.create_index("ix_appointments_status_time", ["status", "scheduled_at"], unique=False)

    op.create_table(
        "call_list_rows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_list_id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("script", sa.Text(), nullable=True),
        sa.Column("row_key", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["call_list_id"],
            ["call_lists.id"],
            name=op.f("fk_call_list_rows_call_list_id_call_lists"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patients.id"],
            name=op.f("fk_call_list_rows_patient_id_patients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_list_rows")),
        sa.UniqueConstraint("row_key", name=op.f("uq_call_list_rows_row_key")),
    )
    with op.batch_alter_table("call_list_rows", schema=None) as batch_op:
        batch_op.create_index("ix_call_list_rows_list_position", ["call_list_id", "position"], unique=False)

    op.create_table(
        "interactions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('chat', 'like', 'comment', 'article_read', 'miniprogram', 'consult', 'quote', 'campaign')",
            name=op.f("ck_interactions_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patients.id"],
            name=op.f("fk_interactions_patient_id_patients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interactions")),
    )
    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_interactions_patient_kind_time", ["patient_id", "kind", "occurred_at"], unique=False
        )

    op.create_table(
        "patient_metrics",
        sa.Column("patient_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("stage", sa.String(length=12), nullable=False),
        sa.Column("purchases", sa.Integer(), nullable=False),
        sa.Column("activity", sa.String(length=8), nullable=False),
        sa.Column("first_purchase", sa.Date(), nullable=True),
        sa.Column("last_purchase", sa.Date(), nullable=True),
        sa.Column("spend_window_fen", sa.Integer(), nullable=False),
        sa.Column("spend_total_fen", sa.Integer(), nullable=False),
        sa.Column("e", sa.Integer(), nullable=False),
        sa.Column("r", sa.Integer(), nullable=False),
        sa.Column("s", sa.Integer(), nullable=True),
        sa.Column("composite_centi", sa.Integer(), nullable=False),
        sa.Column("tier", sa.String(length=1), nullable=True),
        sa.Column("koc", sa.Boolean(), nullable=False),
        sa.Column("at_risk", sa.Boolean(), nullable=False),
        sa.Column("no_feedback", sa.Boolean(), nullable=False),
        sa.Column("referrals", sa.Integer(), nullable=False),
        sa.Column("converted_referrals", sa.Integer(), nullable=False),
        sa.Column("referral_spend_fen", sa.Integer(), nullable=False),
        sa.Column("digest", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patients.id"],
            name=op.f("fk_patient_metrics_patient_id_patients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("patient_id", name=op.f("pk_patient_metrics")),
    )
    op.create_table(
        "patient_tags",
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patients.id"],
            name=op.f("fk_patient_tags_patient_id_patients"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tags.id"], name=op.f("fk_patient_tags_tag_id_tags"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("patient_id", "tag_id", name=op.f("pk_patient_tags")),
    )
    with op.batch_alter_table("patient_tags", schema=None) as batch_op:
        batch_op.create_index("ix_patient_tags_tag_id", ["tag_id"], unique=False)

    op.create_table(
        "visits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("visit_date", sa.Date(), nullable=False),
        sa.Column("treatment_id", sa.Integer(), nullable=True),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("coupon", sa.String(length=64), nullable=True),
        sa.Column("staff", sa.String(length=32), nullable=True),
        sa.CheckConstraint("amount_fen >= 0", name=op.f("ck_visits_amount")),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patients.id"], name=op.f("fk_visits_patient_id_patients"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["treatment_id"],
            ["treatments.id"],
            name=op.f("fk_visits_treatment_id_treatments"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visits")),
    )
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.create_index(
            "ix_visits_treatment_date_patient", ["treatment_id", "visit_date", "patient_id"], unique=False
        )
        batch_op.create_index(
            "ix_visits_patient_date_amount",
            ["patient_id", "visit_date", "amount_fen", "treatment_id"],
            unique=False,
        )

    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("contacted_at", sa.DateTime(), nullable=False),
        sa.Column("channel", sa.String(length=12), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("staff", sa.String(length=32), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("call_list_row_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "channel IN ('phone', 'wechat', 'sms', 'in_person')", name=op.f("ck_contacts_channel")
        ),
        sa.CheckConstraint(
            "outcome IN ('reached', 'no_answer', 'booked', 'declined', 'wrong_number', 'do_not_contact')",
            name=op.f("ck_contacts_outcome"),
        ),
        sa.CheckConstraint(
            "purpose IN ('recall', 'reactivation', 'birthday', 'campaign', 'referral', 'recovery', 'survey', 'crosssell')",
            name=op.f("ck_contacts_purpose"),
        ),
        sa.ForeignKeyConstraint(
            ["call_list_row_id"],
            ["call_list_rows.id"],
            name=op.f("fk_contacts_call_list_row_id_call_list_rows"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patients.id"], name=op.f("fk_contacts_patient_id_patients"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index("ix_contacts_patient_time", ["patient_id", "contacted_at"], unique=False)

    op.create_table(
        "surveys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("survey_date", sa.Date(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=True),
        sa.Column("overall", sa.Integer(), nullable=False),
        sa.Column("service", sa.Integer(), nullable=True),
        sa.Column("result", sa.Integer(), nullable=True),
        sa.Column("environment", sa.Integer(), nullable=True),
        sa.Column("price", sa.Integer(), nullable=True),
        sa.Column("nps", sa.Integer(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.CheckConstraint("nps IS NULL OR nps BETWEEN 0 AND 10", name=op.f("ck_surveys_nps")),
        sa.CheckConstraint("overall BETWEEN 1 AND 5", name=op.f("ck_surveys_overall")),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patients.id"], name=op.f("fk_surveys_patient_id_patients"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name=op.f("fk_surveys_visit_id_visits"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_surveys")),
    )
    with op.batch_alter_table("surveys", schema=None) as batch_op:
        batch_op.create_index(
            "ix_surveys_patient_date_overall", ["patient_id", "survey_date", "overall"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("surveys", schema=None) as batch_op:
        batch_op.drop_index("ix_surveys_patient_date_overall")

    op.drop_table("surveys")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index("ix_contacts_patient_time")

    op.drop_table("contacts")
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.drop_index("ix_visits_patient_date_amount")
        batch_op.drop_index("ix_visits_treatment_date_patient")

    op.drop_table("visits")
    with op.batch_alter_table("patient_tags", schema=None) as batch_op:
        batch_op.drop_index("ix_patient_tags_tag_id")

    op.drop_table("patient_tags")
    op.drop_table("patient_metrics")
    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.drop_index("ix_interactions_patient_kind_time")

    op.drop_table("interactions")
    with op.batch_alter_table("call_list_rows", schema=None) as batch_op:
        batch_op.drop_index("ix_call_list_rows_list_position")

    op.drop_table("call_list_rows")
    with op.batch_alter_table("appointments", schema=None) as batch_op:
        batch_op.drop_index("ix_appointments_status_time")
        batch_op.drop_index("ix_appointments_patient_time_status")

    op.drop_table("appointments")
    op.drop_table("treatments")
    op.drop_table("tags")
    op.drop_table("settings")
    with op.batch_alter_table("patients", schema=None) as batch_op:
        batch_op.drop_index("ix_patients_source")
        batch_op.drop_index("ix_patients_referred_by_id")

    op.drop_table("patients")
    op.drop_table("call_lists")
    op.drop_table("audit_log")
