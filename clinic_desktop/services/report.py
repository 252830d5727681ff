"""The owner's summary (``report``) and one patient's card (``patient``), as plain dicts for JSON.

The dashboard shows the same numbers: both read :class:`MetricsResult` through these functions.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
from sqlalchemy import select

from clinic_desktop.core.ers import TIERS
from clinic_desktop.core.funnel import funnel
from clinic_desktop.core.lifecycle import STAGES
from clinic_desktop.core.phone import normalize_phone
from clinic_desktop.db.models import Patient
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import MetricsResult, compute


class PatientNotFound(LookupError):
    """No patient has the phone asked for (message is user-facing)."""


def summary(result: MetricsResult) -> dict[str, Any]:
    """The ``report --json`` numbers; the dashboard shows the same ones."""
    active = result.active_mask
    t = result.table
    stage_counts = np.bincount(t.stage[active], minlength=len(STAGES))
    tier_counts = np.bincount(t.tier[active] + 1, minlength=len(TIERS) + 1)  # NO_TIER (-1) → bin 0
    stages = {stage: int(stage_counts[i]) for i, stage in enumerate(STAGES)}
    return {
        "as_of": result.as_of.isoformat(),
        "patients": int(active.sum()),
        "stages": {stage.value: n for stage, n in stages.items()},
        "tiers": {
            **{tier.value: int(tier_counts[i + 1]) for i, tier in enumerate(TIERS)},
            "none": int(tier_counts[0]),
        },
        "funnel": [
            {"stage": step.stage.value, "reached": step.reached, "conversion": step.conversion}
            for step in funnel(stages)
        ],
        "top20_revenue_share": t.top20_share(),
        "paying_patients": t.paying,
        "window_revenue_fen": t.revenue_fen,
        "archived": int((~active).sum()),
    }


def report(db: Database, as_of: date) -> dict[str, Any]:
    return summary(compute(db, as_of))


def patient_card(db: Database, phone: str, as_of: date, *, lang: str = "zh_CN") -> dict[str, Any]:
    """The ``patient --json`` card: the same standing the 360° view shows, computed fresh as of ``as_of``."""
    from dataclasses import replace

    from clinic_desktop.db.settings_store import load_settings
    from clinic_desktop.services.patient_standing import load_standing

    normalised = normalize_phone(phone)
    if normalised is None:
        raise ValueError(f"不是有效的手机号：{phone} / not a valid mobile number: {phone}")
    with db.sessions() as session:
        patient = session.scalar(select(Patient).where(Patient.phone == normalised))
        if patient is None:
            raise PatientNotFound(f"没有手机号为 {normalised} 的患者 / no patient with phone {normalised}")
        settings = replace(load_settings(session), language=lang)
        standing = load_standing(db, session, settings, patient.id, as_of, fresh=True)
        ers = standing.ers
        return {
            "name": patient.name,
            "phone": patient.phone,
            "gender": patient.gender,
            "birth_date": patient.birth_date.isoformat() if patient.birth_date else None,
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
        }


def patient_counts(db: Database) -> tuple[int, int]:
    """(patients not archived, archived patients)."""
    from sqlalchemy import func

    with db.sessions() as session:
        rows = dict(session.execute(select(Patient.archived, func.count()).group_by(Patient.archived)).all())
    return int(rows.get(False, 0)), int(rows.get(True, 0))


def stored_stage_counts(db: Database) -> dict[str, int]:
    """Stage counts from the stored ``patient_metrics`` (instant; as of the last recompute)."""
    from sqlalchemy import func

    from clinic_desktop.db.models import PatientMetrics

    with db.sessions() as session:
        rows = session.execute(
            select(PatientMetrics.stage, func.count())
            .join(Patient, Patient.id == PatientMetrics.patient_id)
            .where(Patient.archived.is_(False))
            .group_by(PatientMetrics.stage)
        ).all()
    counts = {s.value: 0 for s in STAGES}
    counts.update({stage: int(n) for stage, n in rows})
    return counts
