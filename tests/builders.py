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


def corrupt_table_page(path: object, table: str = "visits") -> None:
    """Overwrite the first page of ``table``'s b-tree with garbage, as a failing disk would: the file
    still opens (page 1 and the schema are intact) but ``integrity_check`` fails and reading the table
    may raise "database disk image is malformed". The database must be closed (checkpointed) first."""
    import sqlite3
    from contextlib import closing
    from pathlib import Path

    file = Path(str(path))
    with closing(sqlite3.connect(file)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        root = int(conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0])
    with file.open("r+b") as fh:
        fh.seek((root - 1) * size)
        fh.write(bytes([0x0D, 0xFF, 0xFF, 0xFF, 0xFF]) + b"\xa5" * (size - 5))


def break_foreign_keys(path: object, patients: int = 5) -> int:
    """Delete ``patients`` patients with foreign keys OFF (as an outside tool would), leaving their visits,
    surveys … pointing at nothing; returns how many rows now violate a foreign key."""
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(str(path))) as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute(
            f"DELETE FROM patients WHERE id IN (SELECT id FROM patients ORDER BY id LIMIT {patients})"
        )
        conn.commit()
        return len(conn.execute("PRAGMA foreign_key_check").fetchall())
