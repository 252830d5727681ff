"""One patient's card for ``patient --json`` (PRODUCT §8): the standing the 360° view shows, as plain data.

The command answers from :func:`clinic_desktop.services.stored_standing.read_stored_card` (plain
``sqlite3``) when the day's metrics are stored and current; this is the full path behind it — an invalid or
unknown phone's message, metrics of another day computed fresh — and the same card either way.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import select

from clinic_desktop.core.phone import normalize_phone
from clinic_desktop.db.engine import driver_connection
from clinic_desktop.db.models import Patient
from clinic_desktop.db.settings_store import load_settings
from clinic_desktop.services.database import Database
from clinic_desktop.services.standing import load_standing
from clinic_desktop.services.stored_report import metrics_current_on
from clinic_desktop.services.stored_standing import PATIENT_CARD_COLUMNS, card_of

__all__ = ["PatientNotFound", "patient_card"]


class PatientNotFound(LookupError):
    """No patient has the phone asked for (message is user-facing)."""


def patient_card(db: Database, phone: str, as_of: date, *, lang: str = "zh_CN") -> dict[str, Any]:
    """The ``patient --json`` card: the same standing the 360° view shows, as of ``as_of`` (the stored
    metrics when they are still those of the data, else computed fresh)."""
    normalised = normalize_phone(phone)
    if normalised is None:
        raise ValueError(f"不是有效的手机号：{phone} / not a valid mobile number: {phone}")
    with db.sessions() as session:
        patient = session.scalar(select(Patient).where(Patient.phone == normalised))
        if patient is None:
            raise PatientNotFound(f"没有手机号为 {normalised} 的患者 / no patient with phone {normalised}")
        settings = replace(load_settings(session), language=lang)
        # the stored metrics when they are those of the data
        fresh = not metrics_current_on(driver_connection(session.connection().connection), as_of)
        standing = load_standing(db, session, settings, patient.id, as_of, fresh=fresh)
        return card_of(tuple(getattr(patient, c) for c in PATIENT_CARD_COLUMNS), standing)
