"""SQLAlchemy 2.x typed models for every entity of PRODUCT §2, named as PRODUCT §9.

Money columns end in ``_fen`` and are integers. Enumerated values are stored as short English codes
(``stranger``, ``consult``, ``no_show`` …); the UI translates them. Constraint names follow one convention
so Alembic batch migrations can find and recreate them on SQLite.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

TAG_CATEGORIES = ("static", "consumption", "behaviour", "custom")
INTERACTION_KINDS = ("chat", "like", "comment", "article_read", "miniprogram", "consult", "quote", "campaign")
APPOINTMENT_STATUSES = ("booked", "done", "cancelled", "no_show")
CONTACT_CHANNELS = ("phone", "wechat", "sms", "in_person")
CONTACT_PURPOSES = (
    "recall",
    "reactivation",
    "birthday",
    "campaign",
    "referral",
    "recovery",
    "survey",
    "crosssell",
    "share",
)
CONTACT_OUTCOMES = ("reached", "no_answer", "booked", "declined", "wrong_number", "do_not_contact")
#: purposes that count toward the marketing frequency cap (PRODUCT §5.2 rule 3)
MARKETING_PURPOSES = ("reactivation", "campaign", "referral", "crosssell", "share")
#: what the staff recorded about a patient's knowledge 认知 (PRODUCT §4.1); NULL when not recorded
KNOWLEDGE_VALUES = ("expert", "novice")


def _in(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Patient(Base):
    __tablename__ = "patients"
    __table_args__ = (
        CheckConstraint("gender IS NULL OR gender IN ('M', 'F')", name="gender"),
        CheckConstraint("opening_spend_fen >= 0", name="opening_spend"),
        CheckConstraint("opening_visits >= 0", name="opening_visits"),
        CheckConstraint(f"knowledge IS NULL OR {_in('knowledge', KNOWLEDGE_VALUES)}", name="knowledge"),
        Index("ix_patients_referred_by_id", "referred_by_id"),
        Index("ix_patients_source", "source"),
        Index("ix_patients_pinyin_initials", "pinyin_initials"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    gender: Mapped[str | None] = mapped_column(String(1))
    birth_date: Mapped[date | None] = mapped_column(Date)
    lunar_birthday: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    #: normalised 11-digit mainland mobile; the de-duplication key (unique when present)
    phone: Mapped[str | None] = mapped_column(String(20), unique=True)
    wechat: Mapped[str | None] = mapped_column(String(64))
    address: Mapped[str | None] = mapped_column(String(200))
    district: Mapped[str | None] = mapped_column(String(64))
    occupation: Mapped[str | None] = mapped_column(String(64))
    source: Mapped[str | None] = mapped_column(String(64))
    referred_by_id: Mapped[int | None] = mapped_column(ForeignKey("patients.id", ondelete="SET NULL"))
    first_contact_date: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    do_not_contact: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    do_not_contact_at: Mapped[datetime | None] = mapped_column(DateTime)
    marketing_consent: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    marketing_consent_at: Mapped[date | None] = mapped_column(Date)
    #: under 14 (PRODUCT §5.2) the consent that counts for marketing is a guardian's, recorded as such
    guardian_consent: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    guardian_consent_at: Mapped[date | None] = mapped_column(Date)
    manual_vip: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    archived: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    opening_visits: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    opening_spend_fen: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    opening_last_visit: Mapped[date | None] = mapped_column(Date)
    #: search keys computed when the name is saved (never per keystroke)
    pinyin_full: Mapped[str | None] = mapped_column(String(200))
    pinyin_initials: Mapped[str | None] = mapped_column(String(64))
    #: 懂行 "expert" / 不太懂 "novice" as the staff recorded it (never set by the app), and when
    knowledge: Mapped[str | None] = mapped_column(String(8))
    knowledge_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.current_timestamp(), onupdate=func.current_timestamp()
    )
    #: a landline as written (``0571-88886666``, a local ``88886666``): kept, shown, printed, and a usable
    #: phone for calls; never a de-duplication key
    landline: Mapped[str | None] = mapped_column(String(32))
    #: a birth date known only to the month (``1985-03``) or the year (``1985``); ``birth_date`` is then
    #: empty, so no birthday is invented (the age is known, the birthday is not — PRODUCT §7.2)
    birth_partial: Mapped[str | None] = mapped_column(String(7))
    #: when the patient was archived (None while not archived, or archived before this was recorded)
    archived_at: Mapped[datetime | None] = mapped_column(DateTime)


class Tag(Base):
    __tablename__ = "tags"
    __table_args__ = (CheckConstraint(_in("category", TAG_CATEGORIES), name="category"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    category: Mapped[str] = mapped_column(String(16), default="custom")
    color: Mapped[str] = mapped_column(String(9), default="#607d8b")
    #: None for manual tags; a rule key for tags the app derives
    rule: Mapped[str | None] = mapped_column(String(200))


class PatientTag(Base):
    __tablename__ = "patient_tags"
    __table_args__ = (Index("ix_patient_tags_tag_id", "tag_id"),)

    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"), primary_key=True)
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class Interaction(Base):
    __tablename__ = "interactions"
    __table_args__ = (
        CheckConstraint(_in("kind", INTERACTION_KINDS), name="kind"),
        Index("ix_interactions_patient_kind_time", "patient_id", "kind", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"))
    occurred_at: Mapped[datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str | None] = mapped_column(Text)


class Treatment(Base):
    __tablename__ = "treatments"
    __table_args__ = (CheckConstraint("recall_days IS NULL OR recall_days > 0", name="recall_days"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    category: Mapped[str | None] = mapped_column(String(32))
    recall_days: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")


class Visit(Base):
    __tablename__ = "visits"
    __table_args__ = (
        CheckConstraint("amount_fen >= 0", name="amount"),
        # covering index: the metrics aggregate reads only these columns
        Index("ix_visits_patient_date_amount", "patient_id", "visit_date", "amount_fen", "treatment_id"),
        # covering index for "when was this treatment last done" (recall due dates); also serves the
        # treatment foreign key
        Index("ix_visits_treatment_date_patient", "treatment_id", "visit_date", "patient_id"),
        # the coupon occasions of PRODUCT §4.1 (价格敏感): only the lines that name a coupon, so counting
        # them per patient reads a small index instead of every visit row
        Index(
            "ix_visits_coupon_days",
            "patient_id",
            "visit_date",
            "amount_fen",
            sqlite_where=text("coupon IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"))
    visit_date: Mapped[date] = mapped_column(Date)
    treatment_id: Mapped[int | None] = mapped_column(ForeignKey("treatments.id", ondelete="SET NULL"))
    amount_fen: Mapped[int] = mapped_column(Integer, default=0)
    coupon: Mapped[str | None] = mapped_column(String(64))
    staff: Mapped[str | None] = mapped_column(String(32))


class Appointment(Base):
    __tablename__ = "appointments"
    __table_args__ = (
        CheckConstraint(_in("status", APPOINTMENT_STATUSES), name="status"),
        Index("ix_appointments_patient_time_status", "patient_id", "scheduled_at", "status"),
        Index("ix_appointments_status_time", "status", "scheduled_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"))
    scheduled_at: Mapped[datetime] = mapped_column(DateTime)
    treatment_id: Mapped[int | None] = mapped_column(ForeignKey("treatments.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(12), default="booked")


class Survey(Base):
    __tablename__ = "surveys"
    __table_args__ = (
        CheckConstraint("overall BETWEEN 1 AND 5", name="overall"),
        CheckConstraint("nps IS NULL OR nps BETWEEN 0 AND 10", name="nps"),
        Index("ix_surveys_patient_date_overall", "patient_id", "survey_date", "overall"),
        # foreign-key lookups: deleting a visit (undo an import, merge duplicates) must not scan surveys
        Index("ix_surveys_visit_id", "visit_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"))
    survey_date: Mapped[date] = mapped_column(Date)
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visits.id", ondelete="SET NULL"))
    overall: Mapped[int] = mapped_column(Integer)
    service: Mapped[int | None] = mapped_column(Integer)
    result: Mapped[int | None] = mapped_column(Integer)
    environment: Mapped[int | None] = mapped_column(Integer)
    price: Mapped[int | None] = mapped_column(Integer)
    nps: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)


class CallList(Base):
    __tablename__ = "call_lists"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    generated_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    kind: Mapped[str] = mapped_column(String(16))
    as_of: Mapped[date] = mapped_column(Date)
    #: the parameters the list was built with, as JSON
    params: Mapped[str] = mapped_column(Text, default="{}")
    exported_path: Mapped[str | None] = mapped_column(Text)


class CallListRow(Base):
    __tablename__ = "call_list_rows"
    __table_args__ = (
        Index("ix_call_list_rows_list_position", "call_list_id", "position"),
        # foreign-key lookup when a patient is deleted (otherwise every deletion scans all saved lists)
        Index("ix_call_list_rows_patient_id", "patient_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_list_id: Mapped[int] = mapped_column(ForeignKey("call_lists.id", ondelete="CASCADE"))
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    script: Mapped[str | None] = mapped_column(Text)
    #: opaque key printed (hidden) in the exported sheet, so outcomes match rows, not positions
    row_key: Mapped[str] = mapped_column(String(40), unique=True)


class Contact(Base):
    __tablename__ = "contacts"
    __table_args__ = (
        CheckConstraint(_in("channel", CONTACT_CHANNELS), name="channel"),
        CheckConstraint(_in("purpose", CONTACT_PURPOSES), name="purpose"),
        CheckConstraint(_in("outcome", CONTACT_OUTCOMES), name="outcome"),
        Index("ix_contacts_patient_time", "patient_id", "contacted_at"),
        Index("ix_contacts_call_list_row_id", "call_list_row_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"))
    contacted_at: Mapped[datetime] = mapped_column(DateTime)
    channel: Mapped[str] = mapped_column(String(12))
    purpose: Mapped[str] = mapped_column(String(16))
    outcome: Mapped[str] = mapped_column(String(16))
    staff: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
    call_list_row_id: Mapped[int | None] = mapped_column(ForeignKey("call_list_rows.id", ondelete="SET NULL"))


class AuditLog(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    user: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str | None] = mapped_column(Text)


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    #: JSON-encoded value
    value: Mapped[str] = mapped_column(Text)


class PatientMetrics(Base):
    """The stored result of PRODUCT §3–§4, so the UI filters 100,000 patients by stage or tier instantly.

    The date the metrics were computed as of is stored once, in ``settings`` under ``metrics_as_of``, not
    per row: a daily recompute then rewrites only the patients whose numbers actually changed.
    """

    __tablename__ = "patient_metrics"
    # No indexes on stage/tier/activity: with six or fewer values each, SQLite scans 100,000 rows faster
    # than it follows a low-selectivity index, and every recompute would have to maintain them.

    patient_id: Mapped[int] = mapped_column(
        ForeignKey("patients.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    stage: Mapped[str] = mapped_column(String(12))
    purchases: Mapped[int] = mapped_column(Integer, default=0)
    activity: Mapped[str] = mapped_column(String(8))
    first_purchase: Mapped[date | None] = mapped_column(Date)
    last_purchase: Mapped[date | None] = mapped_column(Date)
    spend_window_fen: Mapped[int] = mapped_column(Integer, default=0)
    spend_total_fen: Mapped[int] = mapped_column(Integer, default=0)
    e: Mapped[int] = mapped_column(Integer, default=0)
    r: Mapped[int] = mapped_column(Integer, default=0)
    s: Mapped[int | None] = mapped_column(Integer)
    #: composite × 100, exact (4.20 is stored as 420)
    composite_centi: Mapped[int] = mapped_column(Integer, default=0)
    tier: Mapped[str | None] = mapped_column(String(1))
    koc: Mapped[bool] = mapped_column(Boolean, default=False)
    at_risk: Mapped[bool] = mapped_column(Boolean, default=False)
    no_feedback: Mapped[bool] = mapped_column(Boolean, default=False)
    referrals: Mapped[int] = mapped_column(Integer, default=0)
    converted_referrals: Mapped[int] = mapped_column(Integer, default=0)
    referral_spend_fen: Mapped[int] = mapped_column(Integer, default=0)
    # PRODUCT §4.1: what the rule-derived tags and the segment were computed from, and their results
    #: purchase occasions in the ERS window, and those with a coupon or campaign
    window_purchases: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    coupon_purchases: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: no-shows in the last ``no_show_months`` months
    no_shows: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: the rule tags that hold, as a bit mask (bit i = core.rule_tags.RULE_TAGS[i]); mirrored as
    #: patient_tags rows of the tags whose ``rule`` is set
    rule_tags: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: one of core.segments.SEGMENTS
    segment: Mapped[str] = mapped_column(String(16), default="unknown", server_default="unknown")
    #: 63-bit hash of the row's values: a recompute reads (patient_id, digest) — not 19 columns — to find
    #: the rows that changed and rewrites only those
    digest: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


IMPORT_ACTIONS = ("insert", "update")


class ImportBatch(Base):
    """One file import, so the last one can be undone (PRODUCT §7 "undo last import")."""

    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    imported_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    file_name: Mapped[str] = mapped_column(String(260))
    rows: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    #: set when the import was undone; an undone batch stays as a record of what happened
    undone_at: Mapped[datetime | None] = mapped_column(DateTime)


class ImportChange(Base):
    """A row an import inserted, or updated (with its values before, as JSON), for undo."""

    __tablename__ = "import_changes"
    __table_args__ = (
        CheckConstraint(_in("action", IMPORT_ACTIONS), name="action"),
        Index("ix_import_changes_batch_table", "batch_id", "table_name", "action"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id", ondelete="CASCADE"))
    table_name: Mapped[str] = mapped_column(String(32))
    row_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(8))
    before: Mapped[str | None] = mapped_column(Text)


class DataChanges(Base):
    """One row counting the updates and deletes of the tables the metrics are computed from.

    Triggers (migration 0007, :mod:`clinic_desktop.db.data_stamp`) add one per row updated or deleted in
    each table of :data:`~clinic_desktop.db.data_stamp.WATCHED_TABLES`; inserts are seen by those tables'
    row counts and largest ids instead (no trigger: a bulk import stays as fast as before). Together they
    tell whether the stored metrics are still those of the data, so a command can read them instead of
    recomputing — and never serve numbers the data has moved away from.
    """

    __tablename__ = "data_changes"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    generation: Mapped[int] = mapped_column(Integer, server_default="0")


def column_names(table: str, *, without: Iterable[str] = ()) -> tuple[str, ...]:
    """``table``'s columns in the order declared above, minus ``without``.

    Code that builds rows as positional tuples (the bulk writers, the stored metrics) takes its column list
    from here, so a column added to a model cannot be forgotten in one of several hand-written copies. A
    name in ``without`` that is not a column is an error, so a renamed column cannot slip back in.
    """
    names = tuple(c.name for c in Base.metadata.tables[table].columns)
    skip = frozenset(without)
    if not skip <= set(names):
        raise ValueError(f"not columns of {table}: {', '.join(sorted(skip - set(names)))}")
    return tuple(n for n in names if n not in skip)


def referring_columns(table: str) -> tuple[tuple[str, str], ...]:
    """(table, column) of every foreign key to ``table``, parents before children."""
    return tuple(
        (other.name, key.parent.name)
        for other in Base.metadata.sorted_tables
        for key in sorted(other.foreign_keys, key=lambda k: k.parent.name)
        if key.column.table.name == table
    )
