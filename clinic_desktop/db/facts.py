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
from clinic_desktop.core.calllists import minor_birth_cutoff, recall_window
from clinic_desktop.core.dates import add_months
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

# PRODUCT §4.1 (rule-derived tags, segments): read beside the queries above, never folded into them.
# Purchase days inside the ERS window (the visits aggregate counts them over the patient's whole history).
# Measured at 100,000 patients: 0.17 s as a query of its own; a COUNT(DISTINCT CASE …) column in the
# visits aggregate cost 0.27 s, and a per-day subquery feeding that aggregate 0.3 s more.
_WINDOW_DAYS_SQL = """
SELECT patient_id, COUNT(DISTINCT visit_date)
FROM visits
WHERE amount_fen > 0 AND +visit_date >= ? AND visit_date <= ?
GROUP BY patient_id
"""
#: day numbers stay below this: patient id × span + day is one integer
_BIRTH_SPAN = 4_000_000
# Coupon occasions: purchase days in the window with a line that names a coupon or campaign. Only the
# partial index of coupon lines is read (the planner, left alone, prefers the treatment index and reads
# every visit of the window: 1.2 s instead of 0.01 s at 100,000 patients); a coupon line of amount 0
# counts when another line that day was paid (the day is a purchase occasion).
_COUPON_DAYS_SQL = """
SELECT v.patient_id, COUNT(DISTINCT v.visit_date)
FROM visits AS v INDEXED BY ix_visits_coupon_days
WHERE v.coupon IS NOT NULL AND v.visit_date >= ? AND v.visit_date <= ?
  AND (v.amount_fen > 0 OR EXISTS (
      SELECT 1 FROM visits AS w
      WHERE w.patient_id = v.patient_id AND w.visit_date = v.visit_date AND w.amount_fen > 0))
GROUP BY v.patient_id
"""

_NO_SHOWS_SQL = """
SELECT patient_id, COUNT(*)
FROM appointments
WHERE status = 'no_show' AND scheduled_at >= ? AND scheduled_at < ?
GROUP BY patient_id
"""

# Knowledge as recorded, and the minors' birth dates (the ones ages count from: a birth month or year as
# its last day, see birth_for_age_sql; the rule itself is core.rules_batch.minor_mask): a few of the
# patients, each packed into one integer and the lot concatenated, so half the clinic with knowledge
# recorded costs one row, not 50,000 (parsed in C).
_RULE_PATIENTS_SQL = """
SELECT count(*),
       group_concat(id * 4 + CASE knowledge WHEN 'expert' THEN 1 WHEN 'novice' THEN 2 ELSE 0 END),
       group_concat(CASE WHEN birth > ?1
                         THEN id * {span} + CAST(julianday(birth) - 1721424.5 AS INTEGER) END)
FROM (SELECT id, knowledge, {birth} AS birth FROM patients)
WHERE knowledge IS NOT NULL OR birth > ?1
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
        **rule_fact_jobs(as_of, settings),
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


def rule_fact_jobs(as_of: date, settings: Settings) -> dict[str, Job]:
    """The queries behind the facts of the rule-derived tags and the segment (PRODUCT §4.1)."""
    iso = date.isoformat
    start = window_start(as_of, settings)
    start_s = iso(start) if start else "0000-00-00"
    no_show_from = add_months(as_of, -settings.no_show_months) + timedelta(days=1)
    born_after = minor_birth_cutoff(as_of)
    return {
        "window_days": (_WINDOW_DAYS_SQL, (start_s, iso(as_of))),
        "coupon_days": (_COUPON_DAYS_SQL, (start_s, iso(as_of))),
        "no_shows": (_NO_SHOWS_SQL, (iso(no_show_from), iso(as_of + timedelta(days=1)))),
        "rule_patients": (
            _RULE_PATIENTS_SQL.format(span=_BIRTH_SPAN, birth=birth_for_age_sql()),
            (iso(born_after),),
        ),
    }


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
    _add_rule_facts(table, results)
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
        _add_window_opening(table, visits, spend, last, as_of, start)
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


def _add_rule_facts(table: FactsTable, results: dict[str, Columns]) -> None:
    """The rule tags' facts: window and coupon occasions, no-shows, knowledge and (young) birth dates."""
    ids = table.patient_id
    for name, column in (
        ("window_days", table.window_purchases),
        ("coupon_days", table.coupon_purchases),
        ("no_shows", table.no_shows),
    ):
        if results[name]:
            pids, counts = results[name]
            column[np.searchsorted(ids, np.array(pids, dtype=np.int64))] = counts
    ((count,), (knowledge,), (births,)) = results["rule_patients"]
    if count:
        # id·4 + code (core.segments.KNOWLEDGE_CODES: 0 none, 1 expert, 2 novice); id·span + birth day
        packed = np.fromstring(knowledge, dtype=np.int64, sep=",")
        table.knowledge[np.searchsorted(ids, packed // 4)] = packed % 4
        if births:
            packed = np.fromstring(births, dtype=np.int64, sep=",")
            table.birth_date[np.searchsorted(ids, packed // _BIRTH_SPAN)] = packed % _BIRTH_SPAN


def _add_window_opening(
    table: FactsTable, visits: IntArray, spend: IntArray, last: IntArray, as_of: date, start: date | None
) -> None:
    """An opening balance counted in the ERS window (as its spend is) adds its occasions to the window's:
    its visit count, or one occasion for spend without a count (``opening_occasions``, PRODUCT §3). It names
    no coupon."""
    has = (visits > 0) | (spend > 0)
    last = np.where(last > as_of.toordinal(), NO_DAY, last)
    inside = has if start is None else has & (last != NO_DAY) & (last >= start.toordinal())
    table.window_purchases += np.where(inside, opening_occasions_column(visits, spend), 0)


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
