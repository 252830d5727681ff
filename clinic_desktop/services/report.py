"""The owner's summary (``report``) and one patient's card (``patient``), as plain dicts for JSON.

The dashboard shows the same numbers: the report computes the metrics fresh as of its date, the dashboard
reads the stored ones, and both put them through the same :mod:`clinic_desktop.core.analytics` formulas
(:func:`metric_columns` gives a fresh computation the stored columns' shape) — so after ``recompute(db, d)``
``report(db, d)`` and ``load_dashboard(db)`` agree number for number (tests/services/test_dashboard.py).
"""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy import func, select

from clinic_desktop.core import analytics as an
from clinic_desktop.core.lifecycle import STAGES
from clinic_desktop.core.phone import normalize_phone
from clinic_desktop.core.segmentation import SegmentView, segment_view
from clinic_desktop.db.models import Patient, PatientMetrics
from clinic_desktop.db.settings_store import load_settings
from clinic_desktop.services.dashboard import (
    PAGES,
    MetricColumns,
    PatientInfo,
    combine,
    fresh_cycle_numbers,
    read_patient_info,
    read_purchase_occasions,
    stored_columns,
)
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import MetricsResult, compute, metrics_current


class PatientNotFound(LookupError):
    """No patient has the phone asked for (message is user-facing)."""


def metric_columns(result: MetricsResult) -> MetricColumns:
    """A fresh computation in the shape the stored metrics are read in, so both feed the same formulas."""
    f, t = result.facts, result.table
    return MetricColumns(
        patient_id=f.patient_id,
        stage=t.stage,
        purchases=f.purchases,
        first_purchase=f.first_purchase,
        spend_window_fen=f.spend_window_fen,
        spend_total_fen=f.spend_total_fen,
        e=t.e,
        r=t.r,
        s=t.s,
        tier=t.tier,
        converted_referrals=f.converted_referrals,
        referral_spend_fen=f.referral_spend_fen,
        segment=result.rules.segment,
        rule_tags=result.rules.tags,
    )


def _info_without_sources(result: MetricsResult) -> PatientInfo:
    """Non-archived patients of ``result`` with no channel or cohort data (enough for the base keys)."""
    ids = result.facts.patient_id[result.active_mask]
    zeros = np.zeros(len(ids), dtype=np.int64)
    knowledge = result.facts.knowledge[result.active_mask]
    return PatientInfo(ids, (an.NO_SOURCE,), zeros, np.zeros(len(ids), dtype=bool), zeros, knowledge)


def summary(result: MetricsResult, info: PatientInfo | None = None) -> dict[str, Any]:
    """The ``report --json`` numbers, from the same :mod:`~clinic_desktop.core.analytics` formulas as the
    dashboard. ``info`` (the patients' channels and contact days) adds ``channels``; without it only the
    lifecycle and ERS numbers are filled in."""
    cols = combine(info or _info_without_sources(result), metric_columns(result))
    archived = int((~result.active_mask).sum())
    return _summary_of(cols, result.as_of, archived, channels=info is not None)


def _summary_of(cols: an.PatientColumns, as_of: date, archived: int, *, channels: bool) -> dict[str, Any]:
    """:func:`summary` of columns however they were got (a fresh computation, or the stored metrics)."""
    view = an.funnel_view(cols)
    pareto = an.pareto(cols)
    data: dict[str, Any] = {
        "as_of": as_of.isoformat(),
        "patients": len(cols),
        "stages": {stage.value: n for stage, n in an.stage_counts(cols).items()},
        "tiers": an.tier_counts(cols),
        "funnel": [
            {"stage": step.stage.value, "reached": step.reached, "conversion": step.conversion}
            for step in view.steps
        ],
        "top20_revenue_share": pareto.top20_share,
        "paying_patients": pareto.paying,
        "window_revenue_fen": pareto.revenue_fen,
        "archived": archived,
        "end_to_end": view.end_to_end,
        "top20_patients": pareto.top20_patients,
        # es_grid["E5"] = [S unknown, S1, S2, S3, S4, S5]
        "es_grid": {f"E{e}": row for e, row in enumerate(an.es_grid(cols))},
        "koc_patients": len(an.koc_positions(cols)),
        **segment_summary(segment_view(cols)),
    }
    if channels:
        data["channels"] = [asdict(row) for row in an.channel_rows(cols)]
    return data


def report(db: Database, as_of: date) -> dict[str, Any]:
    """``report --json``: the summary plus channel quality and the 24-month trends as of ``as_of``.

    From the stored metrics when they are still those of the data and settings as of that day
    (:func:`~clinic_desktop.services.metrics.metrics_current`: the daily case, ~0.3 s at 100,000 patients,
    the dashboard's own reads), else computed fresh (~2 s) — the same numbers either way (tests)."""
    if metrics_current(db, as_of):
        stored_as_of, cols, days = stored_columns(db.engine).load(db.engine, PAGES, purchases=True)
        if stored_as_of == as_of and days is not None:  # else a recompute for another day just landed
            data = _summary_of(cols, as_of, patient_counts(db)[1], channels=True)
            data["trends"] = [asdict(m) for m in an.trends(cols, days, as_of)]
            return _with_cycles(data, db, cols, as_of)
    result = compute(db, as_of)
    info = read_patient_info(db.engine, stored_fallback=False)
    data = summary(result, info)
    cols = combine(info, metric_columns(result))
    occasions = read_purchase_occasions(db.engine, an.trend_start(as_of), as_of)
    data["trends"] = [asdict(m) for m in an.trends(cols, occasions.aligned(cols), as_of)]
    return _with_cycles(data, db, cols, as_of)


def _with_cycles(data: dict[str, Any], db: Database, cols: an.PatientColumns, as_of: date) -> dict[str, Any]:
    """The 复购周期 page's numbers (repurchase cycles and cross-sell scenarios, PRODUCT §6) added to the
    report, whether its metrics were stored or computed fresh."""
    cycles = fresh_cycle_numbers(db, cols, as_of)
    data["repurchase_cycles"] = [asdict(c) for c in cycles.cycles]
    data["crosssell"] = [asdict(c) for c in cycles.crosssell]
    return data


def segment_summary(view: SegmentView) -> dict[str, Any]:
    """PRODUCT §8 ``segments`` (adding up to ``patients``) and ``segment_groups``, plus the 分群 page's
    rows, the recorded knowledge and the rule-tag counts."""
    return {
        "segments": view.counts(),
        "segment_groups": view.group_counts(),
        "segment_rows": [asdict(row) for row in view.rows],
        "segment_group_rows": [asdict(row) for row in view.groups],
        "knowledge": view.knowledge,
        "rule_tags": view.rule_tags,
    }


def patient_card(db: Database, phone: str, as_of: date, *, lang: str = "zh_CN") -> dict[str, Any]:
    """The ``patient --json`` card: the same standing the 360° view shows, as of ``as_of`` (the stored
    metrics when they are still those of the data, else computed fresh)."""
    # here, not at the top: ``report`` does not need the patients package (its audit trail, workbook
    # helpers and record views are ~0.05 s of imports for a command that takes well under a second)
    from clinic_desktop.services.patients import load_standing

    normalised = normalize_phone(phone)
    if normalised is None:
        raise ValueError(f"不是有效的手机号：{phone} / not a valid mobile number: {phone}")
    with db.sessions() as session:
        patient = session.scalar(select(Patient).where(Patient.phone == normalised))
        if patient is None:
            raise PatientNotFound(f"没有手机号为 {normalised} 的患者 / no patient with phone {normalised}")
        settings = replace(load_settings(session), language=lang)
        fresh = not metrics_current(db, as_of)  # the stored metrics when they are those of the data
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


def patient_counts(db: Database) -> tuple[int, int]:
    """(patients not archived, archived patients)."""
    from sqlalchemy import func

    with db.sessions() as session:
        rows = dict(session.execute(select(Patient.archived, func.count()).group_by(Patient.archived)).all())
    return int(rows.get(False, 0)), int(rows.get(True, 0))


def stored_stage_counts(db: Database) -> dict[str, int]:
    """Stage counts from the stored ``patient_metrics`` (instant; as of the last recompute)."""
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
