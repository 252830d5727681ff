"""One patient's card for ``patient --json`` (PRODUCT §8): the standing the 360° view shows, as plain data.

Its own module, apart from :mod:`clinic_desktop.services.report`, so the command imports only what one
patient needs — not NumPy's dashboard columns, the call-list workbook writer or the recompute (issue 15:
the command is judged at under 0.5 s above interpreter start, and those imports alone were 0.6 s).
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
        ers = standing.ers
        return {
            "name": patient.name,
            "phone": patient.phone,
            "gender": patient.gender,
            "birth_date": patient.birth_date.isoformat() if patient.birth_date else None,
            "birth_partial": patient.birth_partial,  # "1985-03" / "1985" when only that is known
            "landline": patient.landline,
            "source": patient.source,
            "stage": standing.stage.value,
            "purchases": standing.purchases,
            "activity": standing.activity.value,
            "E": ers.e,
            "R": ers.r,
            "S": ers.s,
            "composite": float(ers.composite),
            "tier": ers.tier.value if ers.tier else None,
            "flags": sorted(flag.value for flag in ers.flags),
            "spend_window_fen": standing.spend_window_fen,
            "converted_referrals": standing.converted_referrals,
            "as_of": as_of.isoformat(),
            "referrals": standing.referrals,
            "referral_spend_fen": standing.referral_spend_fen,
            "spend_total_fen": standing.spend_total_fen,
            "last_purchase": standing.last_purchase.isoformat() if standing.last_purchase else None,
            "archived": patient.archived,
            "stage_reason": standing.stage_reason,
            "explanation": standing.explanation,
            "segment": standing.segment.value,
            "rule_tags": [key for key, _ in standing.rule_tags],
            "segment_reason": standing.segment_reason,
            "rule_tag_reasons": dict(standing.rule_tags),
            "knowledge": standing.knowledge,
            "knowledge_suggestion": standing.knowledge_suggestion,
        }
