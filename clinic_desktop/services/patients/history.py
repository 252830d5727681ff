"""What happened with a patient: visits, interactions, appointments, surveys and contact outcomes.

Each function adds one row in one transaction, after validating everything (a refusal is a
:class:`RecordError` naming the field, and nothing is written). Amounts arrive as yuan text or
``Decimal`` and are stored as integer fen. Metrics are recomputed by the caller afterwards (see
:mod:`clinic_desktop.services.patients.edits` for why).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic_desktop.db.models import (
    APPOINTMENT_STATUSES,
    CONTACT_CHANNELS,
    CONTACT_OUTCOMES,
    CONTACT_PURPOSES,
    INTERACTION_KINDS,
    Appointment,
    Contact,
    Interaction,
    Survey,
    Treatment,
    Visit,
)
from clinic_desktop.services.database import Database
from clinic_desktop.services.patients.edits import require_patient
from clinic_desktop.services.patients.record_input import (
    check_choice,
    check_day,
    check_score,
    clean_text,
    error,
    parse_yuan,
    required_day,
)

__all__ = ["add_appointment", "add_contact", "add_interaction", "add_survey", "add_visit"]


def _treatment_id(session: Session, treatment: int | str | None) -> int | None:
    """A catalogue treatment by id or exact name; None (no treatment) when blank."""
    if treatment is None or (isinstance(treatment, str) and not treatment.strip()):
        return None
    if isinstance(treatment, str):
        found = session.scalar(select(Treatment.id).where(Treatment.name == treatment.strip()))
    else:
        found = session.scalar(select(Treatment.id).where(Treatment.id == treatment))
    if found is None:
        raise error(
            f"项目不在项目目录中：{treatment}", f"treatment not in the catalogue: {treatment}", "treatment"
        )
    return int(found)


def _moment(value: object, field: str, label_zh: str, label_en: str) -> datetime:
    if not isinstance(value, datetime):
        raise error(f"请填写{label_zh}", f"enter the {label_en}", field)
    return value.replace(microsecond=0)


def add_visit(
    db: Database,
    patient_id: int,
    *,
    visit_date: date | str,
    amount: str | Decimal | int,
    treatment: int | str | None = None,
    coupon: str | None = None,
    staff: str | None = None,
    today: date | None = None,
) -> int:
    """One visit line; ``amount`` in yuan (text or Decimal), stored as integer fen. Returns its id."""
    today = today or date.today()
    day = required_day(visit_date, "visit_date", "消费日期", "visit date", today)
    fen = parse_yuan(amount)
    coupon_text = clean_text(coupon, 64, "coupon", "优惠券", "coupon")
    staff_text = clean_text(staff, 32, "staff", "员工", "staff")
    with db.sessions.begin() as session:
        require_patient(session, patient_id)
        visit = Visit(
            patient_id=patient_id,
            visit_date=day,
            treatment_id=_treatment_id(session, treatment),
            amount_fen=fen,
            coupon=coupon_text,
            staff=staff_text,
        )
        session.add(visit)
        session.flush()
        return visit.id


def add_interaction(
    db: Database,
    patient_id: int,
    *,
    occurred_at: datetime,
    kind: str,
    detail: str | None = None,
    today: date | None = None,
) -> int:
    today = today or date.today()
    when = _moment(occurred_at, "occurred_at", "互动时间", "interaction time")
    check_day(when.date(), "occurred_at", "互动时间", "interaction time", today)
    check_choice(kind, INTERACTION_KINDS, "kind", "互动类型", "interaction kind")
    text = clean_text(detail, 2000, "detail", "内容", "detail")
    with db.sessions.begin() as session:
        require_patient(session, patient_id)
        row = Interaction(patient_id=patient_id, occurred_at=when, kind=kind, detail=text)
        session.add(row)
        session.flush()
        return row.id


def add_appointment(
    db: Database,
    patient_id: int,
    *,
    scheduled_at: datetime,
    treatment: int | str | None = None,
    status: str = "booked",
    today: date | None = None,
) -> int:
    """An appointment; only a *booked* one may lie in the future (nobody has attended it yet)."""
    today = today or date.today()
    when = _moment(scheduled_at, "scheduled_at", "预约时间", "appointment time")
    check_choice(status, APPOINTMENT_STATUSES, "status", "预约状态", "appointment status")
    check_day(
        when.date(), "scheduled_at", "预约时间", "appointment time", today, allow_future=status == "booked"
    )
    with db.sessions.begin() as session:
        require_patient(session, patient_id)
        row = Appointment(
            patient_id=patient_id,
            scheduled_at=when,
            treatment_id=_treatment_id(session, treatment),
            status=status,
        )
        session.add(row)
        session.flush()
        return row.id


def add_survey(
    db: Database,
    patient_id: int,
    *,
    survey_date: date | str,
    overall: int,
    nps: int | None = None,
    service: int | None = None,
    result: int | None = None,
    environment: int | None = None,
    price: int | None = None,
    comment: str | None = None,
    visit_id: int | None = None,
    today: date | None = None,
) -> int:
    """A satisfaction answer: overall 1–5 (drives S), optional dimensions 1–5 and NPS 0–10."""
    today = today or date.today()
    day = required_day(survey_date, "survey_date", "问卷日期", "survey date", today)
    scores = {
        "overall": check_score(overall, 1, 5, "overall", "总体评分", "overall score", required=True),
        "nps": check_score(nps, 0, 10, "nps", "NPS", "NPS", required=False),
        "service": check_score(service, 1, 5, "service", "服务评分", "service score", required=False),
        "result": check_score(result, 1, 5, "result", "效果评分", "result score", required=False),
        "environment": check_score(
            environment, 1, 5, "environment", "环境评分", "environment score", required=False
        ),
        "price": check_score(price, 1, 5, "price", "价格评分", "price score", required=False),
    }
    text = clean_text(comment, 2000, "comment", "评论", "comment")
    with db.sessions.begin() as session:
        require_patient(session, patient_id)
        if visit_id is not None:
            owner = session.scalar(select(Visit.patient_id).where(Visit.id == visit_id))
            if owner != patient_id:
                raise error("所选消费记录不属于该患者", "that visit is not this patient's", "visit_id")
        row = Survey(patient_id=patient_id, survey_date=day, visit_id=visit_id, comment=text, **scores)
        session.add(row)
        session.flush()
        return row.id


def add_contact(
    db: Database,
    patient_id: int,
    *,
    contacted_at: datetime,
    channel: str,
    purpose: str,
    outcome: str,
    staff: str | None = None,
    note: str | None = None,
    today: date | None = None,
) -> int:
    """A contact outcome. "Asked not to be contacted" also sets the patient's do-not-contact flag, stamped
    with the contact's time, in the same transaction: the next call list must already leave them out."""
    today = today or date.today()
    when = _moment(contacted_at, "contacted_at", "联系时间", "contact time")
    check_day(when.date(), "contacted_at", "联系时间", "contact time", today)
    check_choice(channel, CONTACT_CHANNELS, "channel", "联系渠道", "channel")
    check_choice(purpose, CONTACT_PURPOSES, "purpose", "联系目的", "purpose")
    check_choice(outcome, CONTACT_OUTCOMES, "outcome", "联系结果", "outcome")
    staff_text = clean_text(staff, 32, "staff", "员工", "staff")
    note_text = clean_text(note, 2000, "note", "备注", "note")
    with db.sessions.begin() as session:
        patient = require_patient(session, patient_id)
        row = Contact(
            patient_id=patient_id,
            contacted_at=when,
            channel=channel,
            purpose=purpose,
            outcome=outcome,
            staff=staff_text,
            note=note_text,
        )
        session.add(row)
        if outcome == "do_not_contact" and not patient.do_not_contact:
            patient.do_not_contact = True
            patient.do_not_contact_at = when
        session.flush()
        return row.id
