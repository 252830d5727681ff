"""Per-patient facts as of a date, from a handful of set-based aggregate queries.

Each query scans its table once with ``GROUP BY patient_id`` (served by covering indexes); Python then
joins the results by patient id. No query per patient, no ORM objects for visits. The queries are
independent, so they run on two threads, each on its own connection: SQLite releases the GIL while it
steps, and the visits aggregate — the heaviest — is split into two patient-id ranges.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine

from clinic_desktop.core.dates import add_months
from clinic_desktop.core.facts import PatientFacts
from clinic_desktop.core.recall import recall_window
from clinic_desktop.core.settings import Settings

# Zero-amount visits (a free check-up) never count as a purchase and add nothing to spend, so filtering
# them out up front lets COUNT(DISTINCT visit_date) count purchase days directly.
_VISITS_SQL = """
SELECT patient_id,
       COUNT(DISTINCT visit_date),
       MIN(visit_date),
       MAX(visit_date),
       SUM(amount_fen),
       SUM(CASE WHEN visit_date >= ? THEN amount_fen ELSE 0 END)
FROM visits
WHERE amount_fen > 0 AND visit_date <= ? AND patient_id BETWEEN ? AND ?
GROUP BY patient_id
"""

# A recall is due when the last time a treatment with a recall interval was done, plus the interval,
# falls inside the recall window. Only visits after (window start − longest interval) can qualify, and
# if a later visit of the same treatment exists it is in that range too, so MAX() stays exact.
_RECALL_SQL = """
SELECT DISTINCT patient_id FROM (
    SELECT v.patient_id AS patient_id,
           date(MAX(v.visit_date), '+' || t.recall_days || ' days') AS due
    FROM visits AS v JOIN treatments AS t ON t.id = v.treatment_id
    WHERE t.recall_days IS NOT NULL AND v.visit_date BETWEEN ? AND ?
    GROUP BY v.patient_id, v.treatment_id
)
WHERE due BETWEEN ? AND ?
"""

_INTERACTIONS_SQL = """
SELECT patient_id, COUNT(*), SUM(kind IN ('consult', 'quote'))
FROM interactions
WHERE occurred_at < ?
GROUP BY patient_id
"""

# Any appointment shows intent; future ones still booked count too (the booking happened already).
_APPOINTMENTS_SQL = """
SELECT patient_id, COUNT(*)
FROM appointments
WHERE scheduled_at < ? OR status = 'booked'
GROUP BY patient_id
"""

_SURVEYS_SQL = """
SELECT patient_id, SUM(overall), COUNT(*) FROM (
    SELECT patient_id, overall,
           ROW_NUMBER() OVER (PARTITION BY patient_id ORDER BY survey_date DESC, id DESC) AS rn
    FROM surveys
    WHERE survey_date <= ?
)
WHERE rn <= 3
GROUP BY patient_id
"""

_PATIENTS_SQL = """
SELECT id, manual_vip, archived, opening_visits, opening_spend_fen, opening_last_visit, referred_by_id
FROM patients
ORDER BY id
"""


@dataclass(frozen=True, slots=True)
class FactsResult:
    facts: list[PatientFacts]
    archived: frozenset[int]


def window_start(as_of: date, settings: Settings) -> date | None:
    """First day inside the ERS window; ``None`` for a lifetime window."""
    if settings.ers_window_months == 0:
        return None
    return add_months(as_of, -settings.ers_window_months) + timedelta(days=1)


def _query(engine: Engine, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    raw = engine.raw_connection()
    try:
        driver: sqlite3.Connection = raw.driver_connection  # type: ignore[assignment]
        return driver.execute(sql, tuple(params)).fetchall()
    finally:
        raw.close()


def _run_parallel(
    engine: Engine, jobs: dict[str, tuple[str, Sequence[Any]]]
) -> dict[str, list[tuple[Any, ...]]]:
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="facts") as pool:
        futures = {name: pool.submit(_query, engine, sql, params) for name, (sql, params) in jobs.items()}
        return {name: future.result() for name, future in futures.items()}


def load_facts(engine: Engine, as_of: date, settings: Settings) -> FactsResult:
    """Every patient's :class:`PatientFacts` as of ``as_of`` (inclusive)."""
    iso: Callable[[date], str] = date.isoformat
    as_of_s = iso(as_of)
    next_day_s = iso(as_of + timedelta(days=1))
    start = window_start(as_of, settings)
    start_s = iso(start) if start is not None else "0000-00-00"
    rw_start, rw_end = recall_window(as_of, settings)
    lo_hi = _query(engine, "SELECT COALESCE(MIN(id), 0), COALESCE(MAX(id), 0) FROM patients")[0]
    longest = _query(engine, "SELECT COALESCE(MAX(recall_days), 0) FROM treatments")[0][0]
    mid = (lo_hi[0] + lo_hi[1]) // 2
    results = _run_parallel(
        engine,
        {
            "visits_a": (_VISITS_SQL, (start_s, as_of_s, lo_hi[0], mid)),
            "visits_b": (_VISITS_SQL, (start_s, as_of_s, mid + 1, lo_hi[1])),
            "recall": (
                _RECALL_SQL,
                (iso(rw_start - timedelta(days=longest)), as_of_s, iso(rw_start), iso(rw_end)),
            ),
            "interactions": (_INTERACTIONS_SQL, (next_day_s,)),
            "surveys": (_SURVEYS_SQL, (as_of_s,)),
            "appointments": (_APPOINTMENTS_SQL, (next_day_s,)),
            "patients": (_PATIENTS_SQL, ()),
        },
    )
    return _combine(results, as_of, start)


def _combine(results: dict[str, list[tuple[Any, ...]]], as_of: date, start: date | None) -> FactsResult:
    fromiso = date.fromisoformat
    visits = {row[0]: row for row in results["visits_a"]}
    visits.update((row[0], row) for row in results["visits_b"])
    due = {row[0] for row in results["recall"]}
    interactions = {row[0]: row for row in results["interactions"]}
    appointments = {row[0]: row[1] for row in results["appointments"]}
    surveys = {row[0]: row for row in results["surveys"]}
    patients = results["patients"]

    facts: dict[int, PatientFacts] = {}
    archived: set[int] = set()
    for pid, vip, is_archived, open_visits, open_spend, open_last_s, _ref in patients:
        f = PatientFacts(pid, manual_vip=bool(vip), recall_due=pid in due)
        v = visits.get(pid)
        if v is not None:
            f.purchase_days = v[1]
            f.first_purchase = fromiso(v[2])
            f.last_purchase = fromiso(v[3])
            f.spend_total_fen = v[4]
            f.spend_window_fen = v[5]
        if open_visits or open_spend:
            _add_opening_balance(f, open_visits or 0, open_spend or 0, open_last_s, as_of, start)
        inter = interactions.get(pid)
        if inter is not None:
            f.interactions = inter[1]
            f.consults = inter[2] or 0
        f.appointments = appointments.get(pid, 0)
        surv = surveys.get(pid)
        if surv is not None:
            f.survey_sum = surv[1]
            f.survey_count = surv[2]
        if is_archived:
            archived.add(pid)
        facts[pid] = f

    # Referrals need every patient's own purchases first: a referral converts once the referred patient buys.
    for pid, *_rest, ref in patients:
        referrer = facts.get(ref) if ref is not None else None
        if referrer is None:
            continue
        referred = facts[pid]
        referrer.referrals += 1
        if referred.purchase_days + referred.opening_visits > 0:
            referrer.converted_referrals += 1
        referrer.referral_spend_fen += referred.spend_total_fen
    return FactsResult(list(facts.values()), frozenset(archived))


def _add_opening_balance(
    f: PatientFacts, visits: int, spend: int, last_s: str | None, as_of: date, start: date | None
) -> None:
    """An imported summary: its visits add to the occasions, its spend counts on its last-visit date
    (inside the window or not); undated spend counts only for a lifetime window (PRODUCT §3)."""
    f.opening_visits = visits
    f.spend_total_fen += spend
    last = date.fromisoformat(last_s[:10]) if last_s else None
    if last is not None and last > as_of:
        last = None
    if last is None:
        if start is None:
            f.spend_window_fen += spend
        return
    if f.last_purchase is None or last > f.last_purchase:
        f.last_purchase = last
    if f.first_purchase is None or last < f.first_purchase:
        f.first_purchase = last
    if start is None or last >= start:
        f.spend_window_fen += spend
