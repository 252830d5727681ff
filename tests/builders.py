"""Small helpers to build hand-computable clinics in tests."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic_desktop.db.models import Appointment, Interaction, Patient, Survey, Treatment, Visit


def treatment_id(session: Session, name: str) -> int:
    return session.scalars(select(Treatment.id).where(Treatment.name == name)).one()


def add_patient(session: Session, name: str, phone: str | None = None, **kw: object) -> Patient:
    patient = Patient(name=name, phone=phone, **kw)
    session.add(patient)
    session.flush()
    return patient


def add_visit(
    session: Session,
    patient: Patient,
    day: date,
    yuan: int,
    treatment: str | None = None,
    coupon: str | None = None,
) -> None:
    tid = treatment_id(session, treatment) if treatment else None
    session.add(
        Visit(patient_id=patient.id, visit_date=day, amount_fen=yuan * 100, treatment_id=tid, coupon=coupon)
    )


def add_survey(session: Session, patient: Patient, day: date, overall: int) -> None:
    session.add(Survey(patient_id=patient.id, survey_date=day, overall=overall))


def add_interaction(session: Session, patient: Patient, when: datetime, kind: str) -> None:
    session.add(Interaction(patient_id=patient.id, occurred_at=when, kind=kind))


def add_appointment(session: Session, patient: Patient, when: datetime, status: str = "booked") -> None:
    session.add(Appointment(patient_id=patient.id, scheduled_at=when, status=status))


def add_booking(session: Session, patient: Patient, when: datetime, treatment: str | None = None) -> None:
    """A booked appointment, optionally for a treatment of the catalogue."""
    tid = treatment_id(session, treatment) if treatment else None
    session.add(Appointment(patient_id=patient.id, scheduled_at=when, status="booked", treatment_id=tid))


def add_contact(
    session: Session, patient: Patient, when: datetime, purpose: str, outcome: str = "reached"
) -> None:
    from clinic_desktop.db.models import Contact

    session.add(
        Contact(patient_id=patient.id, contacted_at=when, channel="phone", purpose=purpose, outcome=outcome)
    )
