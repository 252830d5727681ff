"""Per-patient facts as of a date, from a handful of set-based aggregate queries.

Each query scans its table once with ``GROUP BY patient_id`` (the visits scan is served by a covering
index); Python then joins the results by patient id. No query per patient, no ORM objects for visits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Connection

from clinic_desktop.core.dates import add_months
from clinic_desktop.core.facts import PatientFacts
from clinic_desktop.core.recall import recall_window
from clinic_desktop.core.settings import Settings

_VISITS_SQL = """
SELECT patient_id,
       COUNT(DISTINCT CASE WHEN amount_fen > 0 THEN visit_date END),
       MIN(CASE WHEN amount_fen > 0 THEN visit_date END),
       MAX(CASE WHEN amount_fen > 0 THEN visit_date END),
       SUM(amount_fen),
       SUM(CASE WHEN visit_date >= ? THEN amount_fen ELSE 0 END)
FROM visits
WHERE visit_date <= ?
GROUP BY patient_id
"""

# A recall is due when the last time a treatment with a recall interval was done, plus the interval,
# falls inside the recall window. Grouped by (patient, treatment): the last one of each treatment counts.
_RECALL_SQL = """
SELECT DISTINCT patient_id FROM (
    SELECT v.patient_id AS patient_id,
           date(MAX(v.visit_date), '+' || t.recall_days || ' days') AS due
    FROM visits AS v JOIN treatments AS t ON t.id = v.treatment_id
    WHERE t.recall_days IS NOT NULL AND v.visit_date <= ?
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


def _d(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text[:10])


def load_facts(conn: Connection, as_of: date, settings: Settings) -> FactsResult:
    """Every patient's :class:`PatientFacts` as of ``as_of`` (inclusive)."""
    as_of_s = as_of.isoformat()
    next_day_s = (as_of + timedelta(days=1)).isoformat()
    start = window_start(as_of, settings)
    start_s = start.isoformat() if start is not None else "0000-00-00"
    rw_start, rw_end = recall_window(as_of, settings)

    sql = conn.exec_driver_sql
    visits = {row[0]: row for row in sql(_VISITS_SQL, (start_s, as_of_s))}
    due = {row[0] for row in sql(_RECALL_SQL, (as_of_s, rw_start.isoformat(), rw_end.isoformat()))}
    interactions = {row[0]: row for row in sql(_INTERACTIONS_SQL, (next_day_s,))}
    appointments = {row[0]: row[1] for row in sql(_APPOINTMENTS_SQL, (next_day_s,))}
    surveys = {row[0]: row for row in sql(_SURVEYS_SQL, (as_of_s,))}
    patients = sql(_PATIENTS_SQL).all()

    # First pass: own purchases and spend (needed before referrals can be judged).
    base: dict[int, tuple[int, int, date | None, date | None, int, int]] = {}
    for pid, _vip, _archived, open_visits, open_spend, open_last_s, _ref in patients:
        v = visits.get(pid)
        days, first, last, total, window = (
            (v[1], _d(v[2]), _d(v[3]), v[4] or 0, v[5] or 0) if v else (0, None, None, 0, 0)
        )
        open_visits = open_visits or 0
        open_spend = open_spend or 0
        open_last = _d(open_last_s)
        if open_last is not None and open_last > as_of:
            open_last = None
        if open_visits > 0 or open_spend > 0:
            total += open_spend
            if open_last is not None:
                last = open_last if last is None or open_last > last else last
                first = open_last if first is None or open_last < first else first
                if start is None or open_last >= start:
                    window += open_spend
            elif start is None:
                window += open_spend
        base[pid] = (days, open_visits, first, last, total, window)

    referrals: dict[int, int] = {}
    converted: dict[int, int] = {}
    referral_spend: dict[int, int] = {}
    for pid, *_rest, ref in patients:
        if ref is None or ref not in base:
            continue
        referrals[ref] = referrals.get(ref, 0) + 1
        days, open_visits, _f, _l, total, _w = base[pid]
        if days + open_visits > 0:
            converted[ref] = converted.get(ref, 0) + 1
        referral_spend[ref] = referral_spend.get(ref, 0) + total

    out: list[PatientFacts] = []
    archived: set[int] = set()
    for pid, vip, is_archived, *_rest in patients:
        days, open_visits, first, last, total, window = base[pid]
        inter = interactions.get(pid)
        surv = surveys.get(pid)
        if is_archived:
            archived.add(pid)
        out.append(
            PatientFacts(
                patient_id=pid,
                purchase_days=days,
                opening_visits=open_visits,
                last_purchase=last,
                first_purchase=first,
                spend_window_fen=window,
                spend_total_fen=total,
                interactions=inter[1] if inter else 0,
                consults=int(inter[2] or 0) if inter else 0,
                appointments=appointments.get(pid, 0),
                survey_sum=int(surv[1]) if surv else 0,
                survey_count=int(surv[2]) if surv else 0,
                manual_vip=bool(vip),
                referrals=referrals.get(pid, 0),
                converted_referrals=converted.get(pid, 0),
                referral_spend_fen=referral_spend.get(pid, 0),
                recall_due=pid in due,
            )
        )
    return FactsResult(out, frozenset(archived))
