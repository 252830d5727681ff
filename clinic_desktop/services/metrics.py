"""Compute every patient's lifecycle stage, activity and ERS scores, and store them in ``patient_metrics``.

The facts come from a few set-based aggregates (:mod:`clinic_desktop.db.facts`); the rules are the pure
functions of :mod:`clinic_desktop.core`. Writing replaces the whole table in one transaction, so a reader
never sees half of an old computation and half of a new one.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Connection

from clinic_desktop.core.ers import (
    ErsScore,
    SpendRanking,
    Tier,
    composite,
    flags_of,
    referral_score,
    satisfaction_score,
    tier_of,
)
from clinic_desktop.core.facts import PatientFacts
from clinic_desktop.core.lifecycle import Activity, Stage, activity_of, stage_of
from clinic_desktop.core.settings import Settings
from clinic_desktop.db.facts import load_facts
from clinic_desktop.db.settings_store import load_settings
from clinic_desktop.services.database import Database


@dataclass(frozen=True, slots=True)
class PatientMetric:
    facts: PatientFacts
    stage: Stage
    activity: Activity
    ers: ErsScore
    archived: bool

    @property
    def patient_id(self) -> int:
        return self.facts.patient_id


@dataclass(frozen=True)
class MetricsResult:
    as_of: date
    settings: Settings
    metrics: list[PatientMetric]
    #: ranking of window spends among non-archived paying patients (E scores, top-20% share)
    ranking: SpendRanking

    def active(self) -> list[PatientMetric]:
        """Metrics of patients who are not archived: the ones every count and list is about."""
        return [m for m in self.metrics if not m.archived]


def compute_metrics(conn: Connection, as_of: date, settings: Settings) -> MetricsResult:
    """Pure computation over the database as of ``as_of``; writes nothing."""
    loaded = load_facts(conn, as_of, settings)
    archived = loaded.archived
    ranking = SpendRanking(f.spend_window_fen for f in loaded.facts if f.patient_id not in archived)

    # At most 6×6×6 (E, R, S) combinations exist: score each once, exactly, then reuse.
    scored: dict[tuple[int, int, int | None], tuple[Decimal, Tier | None]] = {}
    metrics: list[PatientMetric] = []
    for f in loaded.facts:
        e = ranking.e_score(f.spend_window_fen)
        r = referral_score(f.referrals, f.converted_referrals)
        s = satisfaction_score(f.survey_sum, f.survey_count)
        key = (e, r, s)
        hit = scored.get(key)
        if hit is None:
            total = composite(e, r, s, settings)
            hit = scored[key] = (total, tier_of(e, total, settings))
        ers = ErsScore(e, r, s, hit[0], hit[1], flags_of(r, s))
        metrics.append(
            PatientMetric(
                facts=f,
                stage=stage_of(f, hit[1] is Tier.A),
                activity=activity_of(f, as_of, settings),
                ers=ers,
                archived=f.patient_id in archived,
            )
        )
    return MetricsResult(as_of, settings, metrics, ranking)


_INSERT_SQL = """
INSERT INTO patient_metrics (
    patient_id, as_of, stage, purchases, activity, first_purchase, last_purchase,
    spend_window_fen, spend_total_fen, e, r, s, composite_centi, tier, koc, at_risk, no_feedback,
    referrals, converted_referrals, referral_spend_fen
) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""


def _row(m: PatientMetric, as_of_s: str) -> tuple[object, ...]:
    f, ers = m.facts, m.ers
    flags = ers.flags
    return (
        f.patient_id,
        as_of_s,
        m.stage.value,
        f.purchases,
        m.activity.value,
        f.first_purchase.isoformat() if f.first_purchase else None,
        f.last_purchase.isoformat() if f.last_purchase else None,
        f.spend_window_fen,
        f.spend_total_fen,
        ers.e,
        ers.r,
        ers.s,
        int(ers.composite * 100),
        ers.tier.value if ers.tier else None,
        "koc" in flags,
        "at_risk" in flags,
        "no_feedback" in flags,
        f.referrals,
        f.converted_referrals,
        f.referral_spend_fen,
    )


def store_metrics(conn: Connection, result: MetricsResult) -> None:
    """Replace ``patient_metrics`` with ``result`` (the caller owns the transaction)."""
    as_of_s = result.as_of.isoformat()
    conn.exec_driver_sql("DELETE FROM patient_metrics")
    conn.exec_driver_sql(_INSERT_SQL, [_row(m, as_of_s) for m in result.metrics])


@dataclass(frozen=True)
class RecomputeSummary:
    as_of: date
    patients: int
    seconds: float


def recompute(db: Database, as_of: date) -> RecomputeSummary:
    """Recompute and store every patient's metrics as of ``as_of`` in one transaction."""
    started = time.perf_counter()
    with db.sessions() as session:
        settings = load_settings(session)
    with db.engine.begin() as conn:
        result = compute_metrics(conn, as_of, settings)
        store_metrics(conn, result)
    return RecomputeSummary(as_of, len(result.metrics), time.perf_counter() - started)


def compute(db: Database, as_of: date) -> MetricsResult:
    """Compute metrics as of ``as_of`` without storing them (read-only commands use this)."""
    with db.sessions() as session:
        settings = load_settings(session)
    with db.engine.connect() as conn:
        return compute_metrics(conn, as_of, settings)
