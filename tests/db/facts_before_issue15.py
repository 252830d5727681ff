"""The fact queries as they were before the recompute was tuned (issue 15): dates handed back as text and
parsed by NumPy, every column a tuple of Python values, every query run in this process. Test code only:
``test_facts_equal.py`` holds the tuned ``load_facts`` to exactly these arrays."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from clinic_desktop.core.batch import NO_DAY, FactsTable, IntArray, opening_occasions_column
from clinic_desktop.core.calllists.recall import recall_window
from clinic_desktop.core.settings import Settings
from clinic_desktop.db.facts import window_start

#: the recall rule as it was: each in-window visit probed for a later one (db/facts.py now groups instead)
RECALL_DUE_BEFORE = """
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

_VISITS_SQL = """
SELECT patient_id,
       COUNT(DISTINCT visit_date),
       substr(MIN(visit_date), 1, 10),
       substr(MAX(visit_date), 1, 10),
       SUM(amount_fen),
       SUM(CASE WHEN visit_date >= ? THEN amount_fen ELSE 0 END)
FROM visits
WHERE amount_fen > 0 AND visit_date <= ?
GROUP BY patient_id
"""
_INTERACTIONS_SQL = """
SELECT patient_id, COUNT(*), SUM(kind IN ('consult', 'quote'))
FROM interactions WHERE occurred_at < ? GROUP BY patient_id
"""
_APPOINTMENTS_SQL = """
SELECT patient_id, COUNT(*) FROM appointments
WHERE scheduled_at < ? OR status = 'booked' GROUP BY patient_id
"""
_SURVEYS_SQL = """
SELECT patient_id, SUM(overall), COUNT(*) FROM (
    SELECT patient_id, overall,
           ROW_NUMBER() OVER (PARTITION BY patient_id ORDER BY survey_date DESC, id DESC) AS rn
    FROM surveys WHERE survey_date <= ?
) WHERE rn <= 3 GROUP BY patient_id
"""
_PATIENT_DETAILS_SQL = """
SELECT id, manual_vip, archived, opening_visits, opening_spend_fen,
       COALESCE(substr(opening_last_visit, 1, 10), 'NaT'), COALESCE(referred_by_id, 0)
FROM patients
WHERE manual_vip OR archived OR opening_visits > 0 OR opening_spend_fen > 0 OR referred_by_id IS NOT NULL
"""
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def _days(texts: Sequence[str]) -> IntArray:
    parsed = np.array(texts, dtype="datetime64[D]")
    days = parsed.astype(np.int64) + _EPOCH_ORDINAL
    return np.where(np.isnat(parsed), NO_DAY, days)


def _int(values: Sequence[Any]) -> IntArray:
    return np.fromiter((v or 0 for v in values), dtype=np.int64, count=len(values))


def load_facts_before(db_path: Path, as_of: date, settings: Settings) -> FactsTable:
    iso = date.isoformat
    start = window_start(as_of, settings)
    next_day = iso(date.fromordinal(as_of.toordinal() + 1))
    rw_start, rw_end = recall_window(as_of, settings)
    conn = sqlite3.connect(db_path)
    try:

        def columns(sql: str, params: Any) -> list[tuple[Any, ...]]:
            return list(zip(*conn.execute(sql, params).fetchall(), strict=True))

        results = {
            "visits": columns(_VISITS_SQL, (iso(start) if start else "0000-00-00", iso(as_of))),
            "recall": columns(
                "SELECT DISTINCT v.patient_id" + RECALL_DUE_BEFORE,
                {"start": iso(rw_start), "end": iso(rw_end), "as_of": iso(as_of)},
            ),
            "interactions": columns(_INTERACTIONS_SQL, (next_day,)),
            "appointments": columns(_APPOINTMENTS_SQL, (next_day,)),
            "surveys": columns(_SURVEYS_SQL, (iso(as_of),)),
            "patient_ids": columns("SELECT id FROM patients ORDER BY id", ()),
            "patient_details": columns(_PATIENT_DETAILS_SQL, ()),
        }
    finally:
        conn.close()
    table = FactsTable.zeros(np.array(results["patient_ids"][0], dtype=np.int64))
    ids = table.patient_id
    _issue16_rule_facts(table, db_path, as_of, settings)  # before the opening balances add theirs

    def rows_of(name: str) -> tuple[IntArray, list[tuple[Any, ...]]]:
        cols = results[name]
        if not cols:
            return np.zeros(0, dtype=np.int64), []
        return np.searchsorted(ids, np.array(cols[0], dtype=np.int64)), cols

    at, cols = rows_of("visits")
    if cols:
        table.purchase_days[at] = cols[1]
        table.first_purchase[at] = _days(cols[2])
        table.last_purchase[at] = _days(cols[3])
        table.spend_total_fen[at] = cols[4]
        table.spend_window_fen[at] = cols[5]
    at, cols = rows_of("recall")
    table.recall_due[at] = True
    at, cols = rows_of("interactions")
    if cols:
        table.interactions[at] = cols[1]
        table.consults[at] = _int(cols[2])
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
        table.manual_vip[at] = _int(cols[1]) != 0
        table.archived[at] = _int(cols[2]) != 0
        visits, spend, last, referred_by = (np.zeros(n, dtype=np.int64) for _ in range(4))
        visits[at], spend[at], last[at], referred_by[at] = (
            _int(cols[3]), _int(cols[4]), _days(cols[5]), _int(cols[6])
        )  # fmt: skip
        has = (visits > 0) | (spend > 0)
        if has.any():
            last = np.where(last > as_of.toordinal(), NO_DAY, last)
            dated = has & (last != NO_DAY)
            table.opening_visits[:] = opening_occasions_column(visits, spend)
            table.spend_total_fen += spend
            cur = table.last_purchase
            table.last_purchase[:] = np.where(dated & ((cur == NO_DAY) | (last > cur)), last, cur)
            first = table.first_purchase
            table.first_purchase[:] = np.where(dated & ((first == NO_DAY) | (last < first)), last, first)
            if start is None:
                table.spend_window_fen += np.where(has, spend, 0)
            else:
                table.spend_window_fen += np.where(dated & (last >= start.toordinal()), spend, 0)
        pos = np.searchsorted(ids, referred_by)
        valid = (referred_by != 0) & (pos < n)
        valid[valid] = ids[pos[valid]] == referred_by[valid]
        referrers = pos[valid]
        table.referrals[:] = np.bincount(referrers, minlength=n)
        bought = table.purchases[valid] > 0
        table.converted_referrals[:] = np.bincount(referrers, weights=bought, minlength=n).astype(np.int64)
        spent = table.spend_total_fen[valid]
        table.referral_spend_fen[:] = np.bincount(referrers, weights=spent, minlength=n).astype(np.int64)
        _issue16_window_opening(table, visits, spend, last, as_of, start)
    return table


# Issue 16 (rule tags, segments) landed after issue 15 and added facts through queries of its own, which
# the first tuning did not touch: they are kept here as that issue wrote them (the recompute's tuning then
# folded the window's purchase days into the visits pass and the knowledge and birth dates into the
# patient-details scan), so the comparison above still covers every fact.
#: day numbers stay below this: patient id × span + day is one integer
_BIRTH_SPAN = 4_000_000
_WINDOW_DAYS_SQL = """
SELECT patient_id, COUNT(DISTINCT visit_date)
FROM visits
WHERE amount_fen > 0 AND +visit_date >= ? AND visit_date <= ?
GROUP BY patient_id
"""

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


def _issue16_rule_facts(table: FactsTable, db_path: Path, as_of: date, settings: Settings) -> None:
    from clinic_desktop.core.calllists import minor_birth_cutoff
    from clinic_desktop.core.dates import add_months
    from clinic_desktop.db.facts import birth_for_age_sql

    iso = date.isoformat
    start = window_start(as_of, settings)
    start_s = iso(start) if start else "0000-00-00"
    no_show_from = date.fromordinal(add_months(as_of, -settings.no_show_months).toordinal() + 1)
    next_day = iso(date.fromordinal(as_of.toordinal() + 1))
    ids = table.patient_id
    conn = sqlite3.connect(db_path)
    try:
        for sql, params, column in (
            (_WINDOW_DAYS_SQL, (start_s, iso(as_of)), table.window_purchases),
            (_COUPON_DAYS_SQL, (start_s, iso(as_of)), table.coupon_purchases),
            (_NO_SHOWS_SQL, (iso(no_show_from), next_day), table.no_shows),
        ):
            rows = conn.execute(sql, params).fetchall()
            if rows:
                pids, counts = zip(*rows, strict=True)
                column[np.searchsorted(ids, np.array(pids, dtype=np.int64))] = counts
        rule_sql = _RULE_PATIENTS_SQL.format(span=_BIRTH_SPAN, birth=birth_for_age_sql())
        count, knowledge, births = conn.execute(rule_sql, (iso(minor_birth_cutoff(as_of)),)).fetchone()
    finally:
        conn.close()
    if count:
        packed = np.fromstring(knowledge, dtype=np.int64, sep=",")
        table.knowledge[np.searchsorted(ids, packed // 4)] = packed % 4
        if births:
            packed = np.fromstring(births, dtype=np.int64, sep=",")
            table.birth_date[np.searchsorted(ids, packed // _BIRTH_SPAN)] = packed % _BIRTH_SPAN


def _issue16_window_opening(
    table: FactsTable, visits: IntArray, spend: IntArray, last: IntArray, as_of: date, start: date | None
) -> None:
    """Issue 16's window occasions of an opening balance, as it wrote them."""
    has = (visits > 0) | (spend > 0)
    last = np.where(last > as_of.toordinal(), NO_DAY, last)
    inside = has if start is None else has & (last != NO_DAY) & (last >= start.toordinal())
    table.window_purchases += np.where(inside, opening_occasions_column(visits, spend), 0)
