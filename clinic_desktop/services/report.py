"""The owner's summary (``report``) and one patient's card (``patient``), as plain dicts for JSON.

The dashboard shows the same numbers: the report computes the metrics fresh as of its date, the dashboard
reads the stored ones, and both put them through the same :mod:`clinic_desktop.core.analytics` formulas
(:func:`metric_columns` gives a fresh computation the stored columns' shape) — so after ``recompute(db, d)``
``report(db, d)`` and ``load_dashboard(db)`` agree number for number (tests/services/test_dashboard.py).
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import asdict
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from clinic_desktop.core import analytics as an
from clinic_desktop.core.lifecycle import STAGES
from clinic_desktop.core.segmentation import SegmentView, segment_view
from clinic_desktop.db.engine import driver_connection, write_connection
from clinic_desktop.db.models import Patient, PatientMetrics
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
from clinic_desktop.services.metrics import MetricsResult, compute
from clinic_desktop.services.stored_report import current_key, keep_report, stored_report_of

log = logging.getLogger(__name__)


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

    When the stored metrics are those of the data and settings as of that day (the daily case) the report
    is computed from them once and kept beside them (:mod:`clinic_desktop.services.stored_report`: no key
    means they are not current), and read back until anything it depends on moves; else it is computed
    fresh — the same numbers either way (tests)."""
    with db.engine.connect() as conn:  # the key before the numbers: a write meanwhile voids it
        raw = driver_connection(conn.connection)
        key = current_key(raw, as_of)  # None unless the stored metrics are current
        kept = None if key is None else stored_report_of(raw, key)
    if kept is not None:
        return kept
    if key is not None:
        stored_as_of, cols, days = stored_columns(db.engine).load(db.engine, PAGES, purchases=True)
        if stored_as_of == as_of and days is not None:  # else a recompute for another day just landed
            data = _summary_of(cols, as_of, patient_counts(db)[1], channels=True)
            data["trends"] = [asdict(m) for m in an.trends(cols, days, as_of)]
            data = _plain(_with_cycles(data, db, cols, as_of))
            _keep(db, as_of, key, data)
            return data
    result = compute(db, as_of)
    info = read_patient_info(db.engine, stored_fallback=False)
    data = summary(result, info)
    cols = combine(info, metric_columns(result))
    occasions = read_purchase_occasions(db.engine, an.trend_start(as_of), as_of)
    data["trends"] = [asdict(m) for m in an.trends(cols, occasions.aligned(cols), as_of)]
    return _plain(_with_cycles(data, db, cols, as_of))


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` as JSON gives it back (lists for tuples, text keys), so a report read back from where it
    was kept equals one just computed, value for value."""
    plain: dict[str, Any] = json.loads(json.dumps(data, ensure_ascii=False))
    return plain


def _keep(db: Database, as_of: date, key: str, data: dict[str, Any]) -> None:
    """Keep the report for the next call; a database busy with a writer or read-only just means the next
    call computes it again (the report itself is already answered)."""
    try:
        with write_connection(db.engine) as conn:
            keep_report(driver_connection(conn.connection), as_of, key, data)
    except (OperationalError, sqlite3.Error) as exc:
        log.info("report not kept: %s", type(exc).__name__)


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
