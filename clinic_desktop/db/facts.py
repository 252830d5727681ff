"""Per-patient facts as of a date, from a handful of set-based aggregate queries.

Each query scans its table once with ``GROUP BY patient_id`` (served by covering indexes); NumPy then
scatters the results into one column per fact, aligned by patient id. No query per patient, no ORM
objects for visits, no Python loop over patients. The queries are independent and run on worker
processes (:mod:`clinic_desktop.db.parallel`); the visits aggregate, the heaviest, in four id ranges; the
two short queries over ``patients`` in the calling process while the workers start. Every result column is
an integer (days as day numbers, worked out in SQLite), so the workers hand back packed machine words and
nothing is parsed per value in Python.

Each query reads its own snapshot. A visit saved while a recompute runs can therefore be counted by one
aggregate and not another; the recompute that follows every edit corrects it.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Engine

from clinic_desktop.core.batch import NO_DAY, FactsTable, IntArray, opening_occasions_column
from clinic_desktop.core.dates import add_months
from clinic_desktop.core.recall import recall_window
from clinic_desktop.core.settings import Settings
from clinic_desktop.db.engine import driver_connection
from clinic_desktop.db.fact_worker import Column
from clinic_desktop.db.parallel import Columns, Job, run_queries


def day_number_sql(text: str) -> str:
    """SQL for the day number (``date.toordinal()``; NO_DAY for none) of an ISO date or date-time text:
    worked out once per result row in SQLite, so every result column is an integer the worker hands
    back as packed machine words (no date text parsed in Python). ``julianday`` of a midnight is n + 0.5;
    ``date(1, 1, 1)`` (ordinal 1) is Julian day 1721425.5."""
    return f"COALESCE(CAST(julianday(substr({text}, 1, 10)) - 1721424.5 AS INTEGER), {NO_DAY})"


# Zero-amount visits (a free check-up) never count as a purchase and add nothing to spend, so filtering
# them out up front lets COUNT(DISTINCT visit_date) count purchase days directly.
_VISITS_SQL = f"""
SELECT patient_id,
       COUNT(DISTINCT visit_date),
       {day_number_sql("MIN(visit_date)")},
       {day_number_sql("MAX(visit_date)")},
       SUM(amount_fen),
       COALESCE(SUM(amount_fen) FILTER (WHERE visit_date >= ?), 0)
FROM visits
WHERE amount_fen > 0 AND visit_date <= ? AND patient_id BETWEEN ? AND ?
GROUP BY patient_id
"""

# A recall is due when the last time a treatment with a recall interval was done, plus the interval,
# falls inside the recall window: some visit of it lies in [window start − interval, window end −
# interval] and none after that (up to as-of). One narrow index range per catalogue treatment, and a
# probe of the patient's own later visits — instead of grouping every recent visit.
#: the recall rule as a FROM … WHERE clause, shared with the call list (services/calllists/data.py), so
#: the patient's "due" activity and the recall list can never disagree; parameters :start, :end, :as_of
RECALL_DUE_FROM = """
FROM treatments AS t
JOIN visits AS v
  ON v.treatment_id = t.id
 AND v.visit_date BETWEEN date(:start, '-' || t.recall_days || ' days')
                      AND min(date(:end, '-' || t.recall_days || ' days'), :as_of)
WHERE t.recall_days IS NOT NULL
  AND NOT EXISTS (
      SELECT 1 FROM visits AS later
      WHERE later.patient_id = v.patient_id
        AND later.treatment_id = v.treatment_id
        AND later.visit_date > date(:end, '-' || t.recall_days || ' days')
        AND later.visit_date <= :as_of
  )
"""
_RECALL_SQL = "SELECT DISTINCT v.patient_id" + RECALL_DUE_FROM

_INTERACTIONS_SQL = """
SELECT patient_id, COUNT(*), COUNT(*) FILTER (WHERE kind IN ('consult', 'quote'))
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

VISIT_CHUNKS = 4

# One text NumPy parses: 300,000 ids as row tuples cost 0.14 s, as "1,2,3…" 0.05 s. The scan is of the
# smallest covering index (not the wide table), so the ids come in that index's order: sorted after.
_PATIENT_IDS_SQL = "SELECT group_concat(id) FROM patients"

# Most patients have none of these; fetching only those who do is a fifth of the rows.
_PATIENT_DETAILS_SQL = f"""
SELECT id, manual_vip, archived, opening_visits, opening_spend_fen,
       {day_number_sql("opening_last_visit")}, COALESCE(referred_by_id, 0)
FROM patients
WHERE manual_vip OR archived OR opening_visits > 0 OR opening_spend_fen > 0 OR referred_by_id IS NOT NULL
"""


def birth_for_age_sql(alias: str = "") -> str:
    """SQL twin of :func:`clinic_desktop.core.dates.birth_for_age` over ``patients`` (``alias.`` prefix):
    the birth date, or the last day of the month/year of a partial one — for ages, never for birthdays."""
    p = f"{alias}." if alias else ""
    return (
        f"COALESCE(substr({p}birth_date, 1, 10), CASE length({p}birth_partial)"
        f" WHEN 4 THEN {p}birth_partial || '-12-31'"
        f" WHEN 7 THEN date({p}birth_partial || '-01', '+1 month', '-1 day') END)"
    )


def window_start(as_of: date, settings: Settings) -> date | None:
    """First day inside the ERS window; ``None`` for a lifetime window."""
    if settings.ers_window_months == 0:
        return None
    return add_months(as_of, -settings.ers_window_months) + timedelta(days=1)


def _int(values: Column) -> IntArray:
    """A result column as int64 (NULL → 0): packed ones without a Python object per value."""
    if isinstance(values, array):
        return np.frombuffer(values, dtype=np.int64)
    return np.fromiter((v or 0 for v in values), dtype=np.int64, count=len(values))


def _scalar(engine: Engine, sql: str) -> Any:
    raw = engine.raw_connection()
    try:
        return driver_connection(raw).execute(sql).fetchone()
    finally:
        raw.close()


def fact_jobs(engine: Engine, as_of: date, settings: Settings) -> dict[str, Job]:
    """The aggregate queries behind :func:`assemble_facts`, longest first, ready for ``run_queries``."""
    iso = date.isoformat
    as_of_s = iso(as_of)
    next_day_s = iso(as_of + timedelta(days=1))
    start = window_start(as_of, settings)
    start_s = iso(start) if start else "0000-00-00"
    rw_start, rw_end = recall_window(as_of, settings)
    lo, hi = _scalar(engine, "SELECT COALESCE(MIN(id), 0), COALESCE(MAX(id), 0) FROM patients")
    # Four id ranges, so two workers stay evenly busy whichever ranges hold the most visits.
    bounds = [lo + (hi - lo + 1) * k // VISIT_CHUNKS for k in range(VISIT_CHUNKS)] + [hi + 1]
    visit_jobs: dict[str, Job] = {
        f"visits_{k}": (_VISITS_SQL, (start_s, as_of_s, bounds[k], bounds[k + 1] - 1))
        for k in range(VISIT_CHUNKS)
    }
    return {
        **visit_jobs,
        "recall": (_RECALL_SQL, {"start": iso(rw_start), "end": iso(rw_end), "as_of": as_of_s}),
        "interactions": (_INTERACTIONS_SQL, (next_day_s,)),
        "surveys": (_SURVEYS_SQL, (as_of_s,)),
        "appointments": (_APPOINTMENTS_SQL, (next_day_s,)),
        **patient_jobs(),
    }


def patient_jobs() -> dict[str, Job]:
    """The two short queries over ``patients`` (a few hundredths of a second at 100,000 patients): the
    caller runs them itself while the worker processes start (``run_queries(local=...)``)."""
    return {"patient_ids": (_PATIENT_IDS_SQL, ()), "patient_details": (_PATIENT_DETAILS_SQL, ())}


def load_facts(engine: Engine, db_path: Path, as_of: date, settings: Settings) -> FactsTable:
    """Every patient's facts as of ``as_of`` (inclusive), one array per fact, ordered by patient id."""
    return assemble_facts(run_facts(engine, db_path, as_of, settings), as_of, settings)


def run_facts(
    engine: Engine,
    db_path: Path,
    as_of: date,
    settings: Settings,
    *,
    meanwhile: Callable[[], object] | None = None,
) -> dict[str, Columns]:
    """Run the fact queries, on worker processes when the visits table is large; ``meanwhile`` is called
    in this process while the workers run (the caller's own reads)."""
    (visits,) = _scalar(engine, "SELECT COALESCE(MAX(id), 0) FROM visits")  # instant; a bound on the count
    jobs = fact_jobs(engine, as_of, settings)
    local = {name: jobs.pop(name) for name in patient_jobs()}
    return run_queries(db_path, jobs, rows=visits, local=local, meanwhile=meanwhile)


def assemble_facts(results: dict[str, Columns], as_of: date, settings: Settings) -> FactsTable:
    start = window_start(as_of, settings)
    (text,) = results["patient_ids"][0]
    table = FactsTable.zeros(np.sort(np.fromstring(text or "", dtype=np.int64, sep=",")))
    ids = table.patient_id

    def rows_of(*names: str) -> tuple[IntArray, list[IntArray]]:
        parts = [results[name] for name in names if results[name]]
        if not parts:
            return np.zeros(0, dtype=np.int64), []
        columns = [np.concatenate([_int(part[c]) for part in parts]) for c in range(len(parts[0]))]
        return np.searchsorted(ids, columns[0]), columns

    at, cols = rows_of(*(f"visits_{k}" for k in range(VISIT_CHUNKS)))
    if cols:
        table.purchase_days[at] = cols[1]
        table.first_purchase[at] = cols[2]
        table.last_purchase[at] = cols[3]
        table.spend_total_fen[at] = cols[4]
        table.spend_window_fen[at] = cols[5]
    at, cols = rows_of("recall")
    table.recall_due[at] = True
    at, cols = rows_of("interactions")
    if cols:
        table.interactions[at] = cols[1]
        table.consults[at] = cols[2]
    at, cols = rows_of("appointments")
    if cols:
        table.appointments[at] = cols[1]
    at, cols = rows_of("surveys")
    if cols:
        table.survey_sum[at] = cols[1]
        table.survey_count[at] = cols[2]

    at, cols = rows_of("patient_details")
    if cols:
        n = len(ids)
        table.manual_vip[at] = cols[1] != 0
        table.archived[at] = cols[2] != 0
        visits, spend, last, referred_by = (np.zeros(n, dtype=np.int64) for _ in range(4))
        visits[at], spend[at], last[at], referred_by[at] = cols[3], cols[4], cols[5], cols[6]
        _add_opening_balance(table, visits, spend, last, as_of, start)
        _add_referrals(table, referred_by)
    return table


def _add_opening_balance(
    table: FactsTable, visits: IntArray, spend: IntArray, last: IntArray, as_of: date, start: date | None
) -> None:
    """Imported summaries: their visits add to the occasions — spend without a visit count is one
    occasion (``opening_occasions``) — and their spend counts on their last-visit date (inside the window
    or not); undated spend counts only for a lifetime window (PRODUCT §3)."""
    has = (visits > 0) | (spend > 0)
    if not has.any():
        return
    last = np.where(last > as_of.toordinal(), NO_DAY, last)
    dated = has & (last != NO_DAY)
    table.opening_visits[:] = opening_occasions_column(visits, spend)
    table.spend_total_fen += spend
    current = table.last_purchase
    table.last_purchase[:] = np.where(dated & ((current == NO_DAY) | (last > current)), last, current)
    first = table.first_purchase
    table.first_purchase[:] = np.where(dated & ((first == NO_DAY) | (last < first)), last, first)
    if start is None:
        table.spend_window_fen += np.where(has, spend, 0)
    else:
        table.spend_window_fen += np.where(dated & (last >= start.toordinal()), spend, 0)


def _add_referrals(table: FactsTable, referred_by: IntArray) -> None:
    """A referral converts once the referred patient has a purchase; strength is their lifetime spend."""
    ids = table.patient_id
    at = np.searchsorted(ids, referred_by)
    valid = (referred_by != 0) & (at < len(ids))
    valid[valid] = ids[at[valid]] == referred_by[valid]
    n = len(ids)
    referrers = at[valid]
    table.referrals[:] = np.bincount(referrers, minlength=n)
    bought = table.purchases[valid] > 0
    table.converted_referrals[:] = np.bincount(referrers, weights=bought, minlength=n).astype(np.int64)
    spend = table.spend_total_fen[valid]
    table.referral_spend_fen[:] = np.bincount(referrers, weights=spend, minlength=n).astype(np.int64)
