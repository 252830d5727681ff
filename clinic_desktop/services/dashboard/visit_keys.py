"""The visit lines behind the repurchase-cycle and cross-sell numbers (PRODUCT §6), read set-based.

Every line with a treatment up to as-of becomes one integer — (treatment id · 2²⁴ + patient id) · span +
day — built by SQLite over the covering (patient, date, amount, treatment) index in patient-id ranges at
once, concatenated into one text and parsed by NumPy in C, as the other dashboard reads do. At 100,000
patients / 1,000,000 lines that is a fraction of a second; no row reaches Python as a tuple.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

import numpy as np
from sqlalchemy import Engine

from clinic_desktop.core.analytics import IntArray
from clinic_desktop.core.segmentation import CatalogueItem, VisitKeys
from clinic_desktop.services.dashboard.queries import _DAY_SPAN, _day, _id_ranges, _Job, _run_one, align

__all__ = ["RawVisitKeys", "read_catalogue", "read_visit_keys"]

#: patient ids stay below this for the key to fit 63 bits with any treatment id below 2¹⁷
_PATIENT_SPAN = 1 << 24

_KEYS_SQL = f"""
SELECT count(*),
       group_concat((treatment_id * {_PATIENT_SPAN} + patient_id) * {_DAY_SPAN} + {_day("visit_date")})
FROM visits
WHERE patient_id BETWEEN ? AND ? AND treatment_id IS NOT NULL AND visit_date <= ?
"""
# who referred whom, and the referred patient's contact day (cross-sell scenarios whose goal is a referral)
_REFERRALS_SQL = f"""
SELECT count(*), group_concat(referred_by_id * {_DAY_SPAN}
       + {_day("substr(ifnull(first_contact_date, created_at), 1, 10)")})
FROM patients
WHERE referred_by_id IS NOT NULL AND NOT archived
"""


def _ints(engine: Engine, sql: str, params: tuple[Any, ...]) -> IntArray:
    with engine.connect() as conn:
        n, text = conn.exec_driver_sql(sql, params).one()
    values = np.fromstring(text, dtype=np.int64, sep=",") if n else np.zeros(0, dtype=np.int64)
    if len(values) != n:
        raise ValueError(f"visit keys: read {len(values)} of {n} (a date SQLite cannot read)")
    return values


@dataclass(frozen=True)
class RawVisitKeys:
    """The keys as read, by patient id (not yet aligned to any columns)."""

    keys: IntArray
    referrals: IntArray

    def aligned_to(self, patient_ids: IntArray) -> VisitKeys:
        """The keys of the patients in the sorted ``patient_ids``, as positions into them."""
        rest, day = np.divmod(self.keys, _DAY_SPAN)
        treatment, patient = np.divmod(rest, _PATIENT_SPAN)
        at, found = align(patient, patient_ids)
        treatment, pos, day = treatment[found], at[found], day[found]
        referrer, referred_day = np.divmod(self.referrals, _DAY_SPAN)
        ref_at, ref_found = align(referrer, patient_ids)
        by_patient = pos * _DAY_SPAN + day
        if len(by_patient) and not np.all(by_patient[1:] >= by_patient[:-1]):
            return VisitKeys.build(treatment, pos, day, ref_at[ref_found], referred_day[ref_found])
        # Read in (patient, date) index order, as the parts come: a stable sort by treatment alone gives
        # (treatment, patient, date) order — a radix sort of small codes instead of sorting three columns.
        order = np.argsort(treatment.astype(np.int32), kind="stable")
        t, p, d = treatment[order], pos[order], day[order]
        keep = np.ones(len(t), dtype=np.bool_)
        keep[1:] = (t[1:] != t[:-1]) | (p[1:] != p[:-1]) | (d[1:] != d[:-1])
        return VisitKeys(t[keep], p[keep], d[keep], ref_at[ref_found], referred_day[ref_found])


def read_visit_keys(engine: Engine, as_of: date) -> RawVisitKeys:
    """Every visit line with a treatment up to ``as_of``, and every referral of a patient kept."""
    with engine.connect() as conn:
        highest = conn.exec_driver_sql("SELECT ifnull(max(id), 0) FROM patients").scalar()
    if int(highest or 0) >= _PATIENT_SPAN:
        raise ValueError("patient ids beyond 16,777,215 do not fit the visit keys")
    ranges = _id_ranges(engine, "visits", "patient_id")
    parts = [partial(_ints, engine, _KEYS_SQL, (*r, as_of.isoformat())) for r in ranges]
    parts.append(partial(_ints, engine, _REFERRALS_SQL, ()))

    def merge(read: list[IntArray]) -> RawVisitKeys:
        return RawVisitKeys(np.concatenate(read[:-1]), read[-1])

    return _run_one(_Job(parts, merge))


def read_catalogue(engine: Engine) -> list[CatalogueItem]:
    """The treatment catalogue, in its order (ids ascending)."""
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT id, name, category, recall_days FROM treatments ORDER BY id"
        ).all()
    return [CatalogueItem(int(r[0]), str(r[1]), r[2], r[3]) for r in rows]
