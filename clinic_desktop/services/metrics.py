"""Compute every patient's lifecycle stage, activity and ERS scores, and store them in ``patient_metrics``.

The facts come from a few set-based aggregates (:mod:`clinic_desktop.db.facts`); the rules are the pure
functions of :mod:`clinic_desktop.core`. Storing is one transaction that writes only the rows whose
values changed (a daily recompute touches the few patients who crossed a threshold), so a reader never
sees half of an old computation and half of a new one.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, Engine

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
from clinic_desktop.core.lifecycle import Activity, Stage, activity_cutoffs, activity_from_cutoffs, stage_of
from clinic_desktop.core.settings import Settings
from clinic_desktop.db.facts import load_facts
from clinic_desktop.db.settings_store import load_settings, write_value
from clinic_desktop.services.database import Database

METRICS_AS_OF_KEY = "metrics_as_of"


@dataclass(slots=True)
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


def compute_metrics(engine: Engine, as_of: date, settings: Settings) -> MetricsResult:
    """Pure computation over the database as of ``as_of``; writes nothing."""
    loaded = load_facts(engine, as_of, settings)
    archived = loaded.archived
    ranking = SpendRanking(f.spend_window_fen for f in loaded.facts if f.patient_id not in archived)
    lapsed_cutoff, lapsing_cutoff = activity_cutoffs(as_of, settings)

    # An ErsScore depends only on (E, R, S): at most 6×6×6 exist, so each is computed once, exactly.
    scores: dict[tuple[int, int, int | None], ErsScore] = {}
    e_of: dict[int, int] = {}
    metrics: list[PatientMetric] = []
    append = metrics.append
    for f in loaded.facts:
        spend = f.spend_window_fen
        e = e_of.get(spend)
        if e is None:
            e = e_of[spend] = ranking.e_score(spend)
        key = (
            e,
            referral_score(f.referrals, f.converted_referrals),
            satisfaction_score(f.survey_sum, f.survey_count),
        )
        ers = scores.get(key)
        if ers is None:
            total = composite(*key, settings)
            ers = scores[key] = ErsScore(*key, total, tier_of(e, total, settings), flags_of(key[1], key[2]))
        append(
            PatientMetric(
                f,
                stage_of(f, ers.tier is Tier.A),
                activity_from_cutoffs(f, lapsed_cutoff, lapsing_cutoff),
                ers,
                f.patient_id in archived,
            )
        )
    return MetricsResult(as_of, settings, metrics, ranking)


_COLUMNS = (
    "patient_id, stage, purchases, activity, first_purchase, last_purchase, spend_window_fen,"
    " spend_total_fen,"
    " e, r, s, composite_centi, tier, koc, at_risk, no_feedback, referrals, converted_referrals,"
    " referral_spend_fen"
)
_INSERT_SQL = f"INSERT INTO patient_metrics ({_COLUMNS}) VALUES ({', '.join('?' * 19)})"
_SELECT_SQL = f"SELECT {_COLUMNS} FROM patient_metrics"


def _row(m: PatientMetric) -> tuple[object, ...]:
    f, ers = m.facts, m.ers
    flags = ers.flags
    return (
        f.patient_id,
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
        int("koc" in flags),
        int("at_risk" in flags),
        int("no_feedback" in flags),
        f.referrals,
        f.converted_referrals,
        f.referral_spend_fen,
    )


@dataclass(frozen=True)
class StoreStats:
    inserted: int
    updated: int
    deleted: int


def store_metrics(conn: Connection, result: MetricsResult) -> StoreStats:
    """Make ``patient_metrics`` equal ``result``, writing only changed rows (caller owns the transaction)."""
    old = {row[0]: row for row in conn.exec_driver_sql(_SELECT_SQL)}
    new = [_row(m) for m in result.metrics]
    if not old:
        if new:
            conn.exec_driver_sql(_INSERT_SQL, new)
        stats = StoreStats(len(new), 0, 0)
    else:
        changed = [row for row in new if old.get(row[0]) != row]
        new_ids = {row[0] for row in new}
        gone = [(pid,) for pid in old if pid not in new_ids]
        replaced = [(row[0],) for row in changed if row[0] in old] + gone
        if replaced:
            conn.exec_driver_sql("DELETE FROM patient_metrics WHERE patient_id = ?", replaced)
        if changed:
            conn.exec_driver_sql(_INSERT_SQL, changed)
        stats = StoreStats(len(changed) - (len(replaced) - len(gone)), len(replaced) - len(gone), len(gone))
    write_value(conn, METRICS_AS_OF_KEY, result.as_of.isoformat())
    return stats


@dataclass(frozen=True)
class RecomputeSummary:
    as_of: date
    patients: int
    seconds: float
    written: StoreStats


def recompute(db: Database, as_of: date) -> RecomputeSummary:
    """Recompute and store every patient's metrics as of ``as_of`` in one transaction."""
    started = time.perf_counter()
    result = compute(db, as_of)
    with db.engine.begin() as conn:
        stats = store_metrics(conn, result)
    return RecomputeSummary(as_of, len(result.metrics), time.perf_counter() - started, stats)


def compute(db: Database, as_of: date) -> MetricsResult:
    """Compute metrics as of ``as_of`` without storing them (read-only commands use this)."""
    with db.sessions() as session:
        settings = load_settings(session)
    return compute_metrics(db.engine, as_of, settings)
