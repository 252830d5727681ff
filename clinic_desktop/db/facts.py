"""Per-patient facts as of a date, from a handful of set-based aggregate queries.

Each query scans its table once with ``GROUP BY patient_id`` (served by covering indexes); NumPy then
scatters the results into one column per fact, aligned by patient id. No query per patient, no ORM
objects for visits, no Python loop over patients. Visits, the biggest table, are read in one pass that
works out every visit fact at once (purchase days over the whole history and inside the ERS window,
first and last purchase, lifetime and window spend), in id ranges so both cores share it; the other
queries are independent and run beside it (:mod:`clinic_desktop.db.parallel`).

Every query hands back **one row**: each result column as one text of comma-separated integers
(``group_concat`` over the grouped rows, days already worked out in SQLite as day numbers), parsed by
NumPy in C. Profiled at 100,000 patients, fetching the grouped rows as Python tuples and transposing them
cost more than a third of the Python share of the recompute; one text per column costs a few
hundredths of a second, and hands the GIL back only once per query.

Each query reads its own snapshot. A visit saved while a recompute runs can therefore be counted by one
aggregate and not another; the recompute that follows every edit corrects it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import numpy as np
from sqlalchemy import Engine

from clinic_desktop.core.batch import NO_DAY, FactsTable, IntArray, opening_occasions_column
from clinic_desktop.core.calllists import minor_birth_cutoff, recall_window
from clinic_desktop.core.dates import add_months
from clinic_desktop.core.settings import Settings
from clinic_desktop.db.engine import driver_connection
from clinic_desktop.db.parallel import Job, Row, run_queries, start


def day_number_sql(text: str) -> str:
    """SQL for the day number (``date.toordinal()``; NO_DAY for none) of an ISO date or date-time text:
    worked out once per result row in SQLite, so every result column is an integer (no date text parsed
    in Python). ``julianday`` of a midnight is n + 0.5; ``date(1, 1, 1)`` (ordinal 1) is Julian day
    1721425.5."""
    return f"COALESCE(CAST(julianday(substr({text}, 1, 10)) - 1721424.5 AS INTEGER), {NO_DAY})"


def packed_sql(inner: str, columns: int) -> str:
    """``inner`` (result columns named c0, c1, …, every value a non-NULL integer) as one row: each column
    one comma-separated text (:func:`unpack`). A NULL would be skipped by ``group_concat`` and shift
    that column against the others, so every inner column is COALESCEd to an integer."""
    texts = ", ".join(f"group_concat(c{i})" for i in range(columns))
    return f"SELECT {texts} FROM ({inner})"


def unpack(row: Row) -> list[IntArray]:
    """A :func:`packed_sql` row as one int64 array per column (parsed in C; NULL, no rows, is empty)."""
    return [np.fromstring(text or "", dtype=np.int64, sep=",") for text in row]


# Every visit fact in one pass over the covering index (patient_id, visit_date, amount_fen, …), in the
# index's order, so grouping needs no sort. Zero-amount visits (a free check-up) never count as a
# purchase and add nothing to spend, so filtering them out up front lets COUNT(DISTINCT visit_date) count
# purchase days directly — over the whole history (c1) and inside the ERS window (c6, the occasions the
# rule tags read; ``:start`` is "0000-00-00" for a lifetime window). ``+visit_date`` keeps the planner
# from a skip-scan on the date (one seek per patient). Measured at 100,000 patients: the window's
# purchase days as a FILTER column add 0.04 s to this pass; read by a query of their own (as before) they
# cost 0.15 s.
_VISITS_SQL = packed_sql(
    f"""
SELECT patient_id AS c0,
       COUNT(DISTINCT visit_date) AS c1,
       {day_number_sql("MIN(visit_date)")} AS c2,
       {day_number_sql("MAX(visit_date)")} AS c3,
       SUM(amount_fen) AS c4,
       COALESCE(SUM(amount_fen) FILTER (WHERE visit_date >= :start), 0) AS c5,
       COUNT(DISTINCT visit_date) FILTER (WHERE visit_date >= :start) AS c6
FROM visits
WHERE amount_fen > 0 AND +visit_date <= :as_of AND patient_id BETWEEN :lo AND :hi
GROUP BY patient_id
""",
    7,
)

# A recall is due when the last time a treatment with a recall interval was done, plus the interval,
# falls inside the recall window: the patient's last visit of it up to as-of lies in [window start −
# interval, window end − interval]. SQLite reads one index range per catalogue treatment, from the
# window's earliest last day to as-of, and hands back each visit of those ranges as (treatment, patient,
# day + interval); :func:`due_recalls` groups them by treatment and patient in NumPy and keeps a pair
# whose latest day + interval is on or before the window's end (a later visit means the patient came
# back). Shared by the recompute (a patient's "due" activity) and the recall list, so the two can never
# disagree. Measured at 300,000 patients (183,812 visits in the ranges): 0.07 s of CPU in all, against
# 0.16–0.19 s for the list's lines and 0.11 s for the recompute's due patients when SQLite grouped them
# (a sort of every visit in the ranges in a temporary b-tree), and 0.26 s when it probed each in-window
# visit for a later one. ``julianday`` of a stored ``Date`` (``YYYY-MM-DD``) is n + 0.5, so its integer
# part is the day's ordinal plus :data:`_JULIAN_ORDINAL`; a text that is no date gives 0 (COALESCE: a
# NULL would be skipped by ``group_concat`` and shift the columns) and is dropped in NumPy.
#: parameters :start, :end (unused here: the window's end is applied by :func:`due_recalls`), :as_of
RECALL_VISITS_SQL = packed_sql(
    """
SELECT t.id AS c0, v.patient_id AS c1,
       COALESCE(CAST(julianday(v.visit_date) AS INTEGER), 0) + t.recall_days AS c2
FROM treatments AS t
JOIN visits AS v
  ON v.treatment_id = t.id
 AND v.visit_date BETWEEN date(:start, '-' || t.recall_days || ' days') AND :as_of
WHERE t.recall_days IS NOT NULL
""",
    3,
)
#: ``CAST(julianday(d) AS INTEGER)`` minus ``d.toordinal()`` for a date ``d`` (``julianday('0001-01-01')``
#: is 1721425.5, and that day's ordinal is 1)
_JULIAN_ORDINAL = 1721424


def due_recalls(row: Row, end: date) -> tuple[IntArray, IntArray, IntArray]:
    """The due lines of a :data:`RECALL_VISITS_SQL` row, ordered by patient then treatment: (patient ids,
    treatment ids, due days as ordinals — the last visit's day plus the interval). ``end``: the recall
    window's last day."""
    treatment, patient, due = unpack(row)
    valid = due > _JULIAN_ORDINAL  # an unreadable date gave 0 + the interval
    if not valid.all():
        treatment, patient, due = treatment[valid], patient[valid], due[valid]
    order = np.lexsort((due, treatment, patient))  # by patient, then treatment, then day
    treatment, patient, due = treatment[order], patient[order], due[order]
    last = (
        np.flatnonzero(np.append((patient[1:] != patient[:-1]) | (treatment[1:] != treatment[:-1]), True))
        if len(patient)
        else np.zeros(0, dtype=np.int64)
    )
    due = due[last] - _JULIAN_ORDINAL
    kept = due <= end.toordinal()
    return patient[last][kept], treatment[last][kept], due[kept]


_INTERACTIONS_SQL = packed_sql(
    """
SELECT patient_id AS c0, COUNT(*) AS c1, COUNT(*) FILTER (WHERE kind IN ('consult', 'quote')) AS c2
FROM interactions
WHERE occurred_at < ?
GROUP BY patient_id
""",
    3,
)

# Any appointment shows intent; future ones still booked count too (the booking happened already).
_APPOINTMENTS_SQL = packed_sql(
    """
SELECT patient_id AS c0, COUNT(*) AS c1
FROM appointments
WHERE scheduled_at < ? OR status = 'booked'
GROUP BY patient_id
""",
    2,
)

_SURVEYS_SQL = packed_sql(
    """
SELECT patient_id AS c0, SUM(overall) AS c1, COUNT(*) AS c2 FROM (
    SELECT patient_id, overall,
           ROW_NUMBER() OVER (PARTITION BY patient_id ORDER BY survey_date DESC, id DESC) AS rn
    FROM surveys
    WHERE survey_date <= ?
)
WHERE rn <= 3
GROUP BY patient_id
""",
    3,
)

# PRODUCT §4.1 (rule-derived tags, segments): the window's purchase days come with the visits pass above.
# Coupon occasions: purchase days in the window with a line that names a coupon or campaign. Only the
# partial index of coupon lines is read (the planner, left alone, prefers the treatment index and reads
# every visit of the window: 1.2 s instead of 0.01 s at 100,000 patients); a coupon line of amount 0
# counts when another line that day was paid (the day is a purchase occasion).
_COUPON_DAYS_SQL = packed_sql(
    """
SELECT v.patient_id AS c0, COUNT(DISTINCT v.visit_date) AS c1
FROM visits AS v INDEXED BY ix_visits_coupon_days
WHERE v.coupon IS NOT NULL AND v.visit_date >= ? AND v.visit_date <= ?
  AND (v.amount_fen > 0 OR EXISTS (
      SELECT 1 FROM visits AS w
      WHERE w.patient_id = v.patient_id AND w.visit_date = v.visit_date AND w.amount_fen > 0))
GROUP BY v.patient_id
""",
    2,
)

_NO_SHOWS_SQL = packed_sql(
    """
SELECT patient_id AS c0, COUNT(*) AS c1
FROM appointments
WHERE status = 'no_show' AND scheduled_at >= ? AND scheduled_at < ?
GROUP BY patient_id
""",
    2,
)

VISIT_CHUNKS = 4

# One text NumPy parses: 300,000 ids as row tuples cost 0.14 s, as "1,2,3…" 0.05 s. The scan is of the
# smallest covering index (not the wide table), so the ids come in that index's order: sorted after.
_PATIENT_IDS_SQL = "SELECT group_concat(id) FROM patients"


def birth_for_age_sql(alias: str = "") -> str:
    """SQL twin of :func:`clinic_desktop.core.dates.birth_for_age` over ``patients`` (``alias.`` prefix):
    the birth date, or the last day of the month/year of a partial one — for ages, never for birthdays."""
    p = f"{alias}." if alias else ""
    return (
        f"COALESCE(substr({p}birth_date, 1, 10), CASE length({p}birth_partial)"
        f" WHEN 4 THEN {p}birth_partial || '-12-31'"
        f" WHEN 7 THEN date({p}birth_partial || '-01', '+1 month', '-1 day') END)"
    )


# The few patients with anything beyond a plain record, in one scan of the wide table: a manual VIP,
# archived, an imported opening balance, a referrer — and for the rule tags (PRODUCT §4.1) knowledge as
# recorded (code as core.segments.KNOWLEDGE_CODES: 0 none, 1 expert, 2 novice) and the birth day ages
# count from (a birth month or year as its last day, see birth_for_age_sql) of the young ones (the rule
# itself is core.rules_batch.minor_mask). Every value of a row is right for that patient whichever of
# the conditions brought it in, so one pass serves both; two passes cost twice the scan.
_PATIENT_DETAILS_SQL = packed_sql(
    f"""
SELECT id AS c0, COALESCE(manual_vip, 0) AS c1, COALESCE(archived, 0) AS c2,
       COALESCE(opening_visits, 0) AS c3, COALESCE(opening_spend_fen, 0) AS c4,
       {day_number_sql("opening_last_visit")} AS c5, COALESCE(referred_by_id, 0) AS c6,
       CASE knowledge WHEN 'expert' THEN 1 WHEN 'novice' THEN 2 ELSE 0 END AS c7,
       CASE WHEN birth > :born_after
            THEN COALESCE(CAST(julianday(birth) - 1721424.5 AS INTEGER), {NO_DAY}) ELSE {NO_DAY} END AS c8
FROM (SELECT *, {birth_for_age_sql()} AS birth FROM patients)
WHERE manual_vip OR archived OR opening_visits > 0 OR opening_spend_fen > 0 OR referred_by_id IS NOT NULL
   OR knowledge IS NOT NULL OR birth > :born_after
""",
    9,
)


def window_start(as_of: date, settings: Settings) -> date | None:
    """First day inside the ERS window; ``None`` for a lifetime window."""
    if settings.ers_window_months == 0:
        return None
    return add_months(as_of, -settings.ers_window_months) + timedelta(days=1)


def _scalar(engine: Engine, sql: str) -> tuple[int, ...]:
    raw = engine.raw_connection()
    try:
        return tuple(driver_connection(raw).execute(sql).fetchone())
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
    no_show_from = add_months(as_of, -settings.no_show_months) + timedelta(days=1)
    lo, hi = _scalar(engine, "SELECT COALESCE(MIN(id), 0), COALESCE(MAX(id), 0) FROM patients")
    # Id ranges, so two workers stay evenly busy whichever ranges hold the most visits.
    bounds = [lo + (hi - lo + 1) * k // VISIT_CHUNKS for k in range(VISIT_CHUNKS)] + [hi + 1]
    visit_jobs: dict[str, Job] = {
        f"visits_{k}": (
            _VISITS_SQL,
            {"start": start_s, "as_of": as_of_s, "lo": bounds[k], "hi": bounds[k + 1] - 1},
        )
        for k in range(VISIT_CHUNKS)
    }
    return {
        **visit_jobs,
        "interactions": (_INTERACTIONS_SQL, (next_day_s,)),
        "recall": (RECALL_VISITS_SQL, {"start": iso(rw_start), "end": iso(rw_end), "as_of": as_of_s}),
        "appointments": (_APPOINTMENTS_SQL, (next_day_s,)),
        "surveys": (_SURVEYS_SQL, (as_of_s,)),
        "coupon_days": (_COUPON_DAYS_SQL, (start_s, as_of_s)),
        "no_shows": (_NO_SHOWS_SQL, (iso(no_show_from), next_day_s)),
        **patient_jobs(as_of),
    }


def patient_jobs(as_of: date) -> dict[str, Job]:
    """The two queries over ``patients`` (a few hundredths of a second at 100,000 patients): the caller
    runs them itself while the workers start (``run_queries(local=...)``)."""
    born_after = minor_birth_cutoff(as_of).isoformat()
    return {
        "patient_ids": (_PATIENT_IDS_SQL, ()),
        "patient_details": (_PATIENT_DETAILS_SQL, {"born_after": born_after}),
    }


def load_facts(engine: Engine, db_path: Path, as_of: date, settings: Settings) -> FactsTable:
    """Every patient's facts as of ``as_of`` (inclusive), one array per fact, ordered by patient id."""
    return assemble_facts(run_facts(engine, db_path, as_of, settings), as_of, settings)


def _visit_rows(engine: Engine) -> int:
    """A bound on the visit lines (the largest id: instant), for whether workers are worth starting."""
    return _scalar(engine, "SELECT COALESCE(MAX(id), 0) FROM visits")[0]


def start_workers(engine: Engine) -> None:
    """Start the workers now if :func:`run_facts` will use them, so they start while the caller
    reads its settings (:func:`clinic_desktop.db.parallel.start`)."""
    start(_visit_rows(engine))


def run_facts(
    engine: Engine,
    db_path: Path,
    as_of: date,
    settings: Settings,
    *,
    meanwhile: Callable[[], object] | None = None,
) -> dict[str, Row]:
    """Run the fact queries, on workers too when the visits table is large; ``meanwhile`` is
    called in this process while the workers run (the caller's own reads)."""
    jobs = fact_jobs(engine, as_of, settings)
    local = {name: jobs.pop(name) for name in patient_jobs(as_of)}
    return run_queries(db_path, jobs, rows=_visit_rows(engine), local=local, meanwhile=meanwhile)


def _positions(ids: IntArray) -> Callable[[IntArray], IntArray]:
    """Patient id → row of ``ids`` (sorted), -1 for an id not there. Patient ids are dense (an
    autoincrement key), so a lookup array indexed by id answers each result column in one gather,
    instead of a binary search per value (a third of the assembly at 100,000 patients); sparse ids
    fall back to the binary search."""
    n = len(ids)
    size = int(ids[-1]) + 1 if n else 0
    if size > 8 * n + 1024:

        def search(pids: IntArray) -> IntArray:
            at = np.minimum(np.searchsorted(ids, pids), n - 1)  # n > 0 here: size > 1024
            found: IntArray = np.where(ids[at] == pids, at, -1)
            return found

        return search
    lookup = np.full(size + 1, -1, dtype=np.int64)  # the last slot answers every id beyond the largest
    lookup[ids] = np.arange(n, dtype=np.int64)

    def gather(pids: IntArray) -> IntArray:
        found: IntArray = lookup[np.clip(pids, 0, size)]
        return found

    return gather


def assemble_facts(results: dict[str, Row], as_of: date, settings: Settings) -> FactsTable:
    """The :class:`FactsTable` of the rows :func:`run_facts` handed back."""
    start = window_start(as_of, settings)
    (text,) = results["patient_ids"]
    table = FactsTable.zeros(np.sort(np.fromstring(text or "", dtype=np.int64, sep=",")))
    ids = table.patient_id

    position = _positions(ids)

    def rows_of(*names: str) -> tuple[IntArray, list[IntArray]]:
        parts = [unpack(results[name]) for name in names]
        columns = [np.concatenate([part[c] for part in parts]) for c in range(len(parts[0]))]
        at = position(columns[0])
        known = at >= 0
        if not known.all():  # a patient added or removed between two of the queries' snapshots
            at, columns = at[known], [c[known] for c in columns]
        return at, columns

    at, cols = rows_of(*(f"visits_{k}" for k in range(VISIT_CHUNKS)))
    table.purchase_days[at] = cols[1]
    table.first_purchase[at] = cols[2]
    table.last_purchase[at] = cols[3]
    table.spend_total_fen[at] = cols[4]
    table.spend_window_fen[at] = cols[5]
    table.window_purchases[at] = cols[6]  # before the opening balances add theirs (_add_window_opening)
    at, cols = rows_of("coupon_days")
    table.coupon_purchases[at] = cols[1]
    at, cols = rows_of("no_shows")
    table.no_shows[at] = cols[1]
    due_patients = due_recalls(results["recall"], recall_window(as_of, settings)[1])[0]
    at = position(due_patients)
    table.recall_due[at[at >= 0]] = True  # (a patient added or removed between two snapshots: skipped)
    at, cols = rows_of("interactions")
    table.interactions[at] = cols[1]
    table.consults[at] = cols[2]
    at, cols = rows_of("appointments")
    table.appointments[at] = cols[1]
    at, cols = rows_of("surveys")
    table.survey_sum[at] = cols[1]
    table.survey_count[at] = cols[2]

    at, cols = rows_of("patient_details")
    table.knowledge[at] = cols[7]
    table.birth_date[at] = cols[8]
    if len(at):
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
