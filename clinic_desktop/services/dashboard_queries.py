"""Set-based reads behind the dashboard: every patient's stored metrics as columns, and purchase days.

Like the patient list, each read is one aggregate row of JSON arrays that SQLite builds in C and
``json.loads`` parses in C — at 100,000 patients about a quarter of a second, against several times that
for ``fetchall()`` of 100,000 row tuples. No query per patient, no ORM objects.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy import Connection, Engine

from clinic_desktop.core.analytics import PatientColumns, PurchaseDays, contact_days
from clinic_desktop.core.batch import NO_DAY, NO_TIER, BoolArray, IntArray
from clinic_desktop.core.ers import TIERS
from clinic_desktop.core.lifecycle import STAGES

_EPOCH = date(1970, 1, 1).toordinal()
#: day numbers stay below this for ten thousand years: patient id × span + day is a unique pair key
_DAY_SPAN = 4_000_000


def _case(column: str, values: Sequence[str], missing: int) -> str:
    """SQL mapping a stored text code to its index (``missing`` otherwise), so no string reaches Python."""
    whens = " ".join(f"WHEN '{v}' THEN {i}" for i, v in enumerate(values))
    return f"CASE {column} {whens} ELSE {missing} END"


# Two queries, no join: each runs on its own connection at the same time (sqlite3 releases the GIL while
# a statement steps) and NumPy aligns them by patient id. Archived patients are left out of every count
# (as in the report); patients added since the last recompute have no metrics row and are left out too.
# Each page reads only the columns it needs: every column costs ~50 ms at 100k patients.
_PATIENT_SQL = {
    "id": "id",
    "source": "ifnull(source, '')",
    "no_contact": "first_contact_date IS NULL",
    "contact": "substr(ifnull(first_contact_date, created_at), 1, 10)",
    # The cohort day whole, with the stored first purchase as the fallback (PRODUCT §6, see
    # core.analytics): the subquery runs only for patients without a first-contact date, one primary-key
    # probe each — cheaper than reading every patient's first purchase.
    "contact_day": """substr(ifnull(first_contact_date, min(created_at, ifnull(
        (SELECT m.first_purchase FROM patient_metrics AS m WHERE m.patient_id = patients.id), created_at))),
        1, 10)""",
}
_METRIC_SQL = {
    "patient_id": "patient_id",
    "stage": _case("stage", [s.value for s in STAGES], 0),
    "purchases": "purchases",
    "first_purchase": "first_purchase",  # written by the recompute as plain ISO dates
    "spend_window_fen": "spend_window_fen",
    "spend_total_fen": "spend_total_fen",
    "ers": "e + 8 * r + 64 * ifnull(s, 0)",
    "tier": _case("tier", [t.value for t in TIERS], NO_TIER),
    "converted_referrals": "converted_referrals",
    "referral_spend_fen": "referral_spend_fen",
}
#: what each dashboard page reads: (patient columns, metric columns)
PAGE_COLUMNS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "funnel": (frozenset({"source", "contact"}), frozenset({"stage"})),
    "channels": (frozenset({"source", "contact"}), frozenset({"purchases", "spend_total_fen"})),
    "ers": (
        frozenset(),
        frozenset({"spend_window_fen", "ers", "tier", "converted_referrals", "referral_spend_fen"}),
    ),
    "trends": (frozenset({"contact"}), frozenset({"first_purchase"})),
}
ALL_COLUMNS = (frozenset({"source", "contact"}), frozenset(_METRIC_SQL) - {"patient_id"})


def _select(table: str, sql: dict[str, str], names: list[str], where: str = "") -> str:
    return f"SELECT {', '.join(f'json_group_array({sql[n]})' for n in names)} FROM {table} {where}"


# Every visit with spend in a date range, in (patient, date) index order. ``+visit_date`` keeps the planner
# off the treatment index; several visits on one day are made one purchase occasion in NumPy, which is
# faster than SQLite's DISTINCT (a temporary B-tree) or GROUP BY over 400,000 rows.
_PURCHASE_VISITS_SQL = """
SELECT json_group_array(patient_id), json_group_array(visit_date)
FROM visits
WHERE amount_fen > 0 AND +visit_date >= ? AND +visit_date <= ?
"""


def days_of(texts: Sequence[str | None]) -> IntArray:
    """ISO dates (None for none) → ``date.toordinal()`` numbers, NO_DAY for none, parsed in C."""
    parsed = np.array(texts, dtype="datetime64[D]")
    return np.where(np.isnat(parsed), NO_DAY, parsed.astype(np.int64) + _EPOCH).astype(np.int64)


def _ints(values: Sequence[Any]) -> IntArray:
    return np.array(values, dtype=np.int64) if len(values) else np.zeros(0, dtype=np.int64)


def _read_json(engine: Engine, sql: str, params: tuple[Any, ...] = ()) -> list[list[Any]]:
    with engine.connect() as conn:
        row = conn.exec_driver_sql(sql, params).one()
    return [json.loads(value) for value in row]


def _align(ids: IntArray, other_ids: IntArray) -> tuple[IntArray, BoolArray]:
    """Positions of ``ids`` in the sorted ``other_ids``, and which are there."""
    at = np.searchsorted(other_ids, ids)
    found = at < len(other_ids)
    found[found] = other_ids[at[found]] == ids[found]
    return at, found


@dataclass(frozen=True)
class PatientInfo:
    """Non-archived patients' source channel and cohort day inputs, in patient-id order."""

    patient_id: IntArray
    sources: tuple[str, ...]
    source: IntArray
    #: the first-contact date was recorded (else ``day`` is the record's creation date)
    contact_recorded: BoolArray
    day: IntArray


@dataclass(frozen=True)
class MetricColumns:
    """Per-patient metrics (stored, or freshly computed for the report), aligned, ``patient_id`` sorted."""

    patient_id: IntArray
    stage: IntArray
    purchases: IntArray
    first_purchase: IntArray
    spend_window_fen: IntArray
    spend_total_fen: IntArray
    e: IntArray
    r: IntArray
    s: IntArray
    tier: IntArray
    converted_referrals: IntArray
    referral_spend_fen: IntArray


def _zeros(n: int) -> IntArray:
    return np.zeros(n, dtype=np.int64)


def read_patient_info(
    engine: Engine, wanted: frozenset[str] = ALL_COLUMNS[0], *, stored_fallback: bool = True
) -> PatientInfo:
    """Non-archived patients, with the ``source`` and ``contact`` columns if ``wanted`` (else zeros).

    With ``stored_fallback`` the contact day is complete, its fallback taken from the stored first
    purchase; without (the report, computed fresh) :func:`combine` completes it from the fresh one.
    """
    names = ["id", *(["source"] if "source" in wanted else [])]
    if "contact" in wanted:
        names += ["contact_day"] if stored_fallback else ["no_contact", "contact"]
    sql = _select("patients", _PATIENT_SQL, names, "WHERE NOT archived")
    read = dict(zip(names, _read_json(engine, sql), strict=True))
    ids = _ints(read["id"])
    order = np.argsort(ids, kind="stable")
    codes: dict[str, int] = {}
    source = read.get("source")
    if source is None:
        source_code, codes = _zeros(len(ids)), {"": 0}
    else:
        source_code = np.fromiter((codes.setdefault(x, len(codes)) for x in source), np.int64, len(source))
    contact = read.get("contact", read.get("contact_day"))
    if "no_contact" in read:
        recorded = (_ints(read["no_contact"]) == 0)[order]
    else:
        recorded = np.ones(len(ids), dtype=bool)  # complete already (or not read at all)
    return PatientInfo(
        patient_id=ids[order],
        sources=tuple(codes),
        source=source_code[order],
        contact_recorded=recorded,
        day=days_of(contact)[order] if contact is not None else _zeros(len(ids)),
    )


def read_metric_columns(engine: Engine, wanted: frozenset[str] = ALL_COLUMNS[1]) -> MetricColumns:
    """The stored ``patient_metrics`` columns in ``wanted`` (the others zeros), ``patient_id`` sorted."""
    names = ["patient_id", *(n for n in _METRIC_SQL if n in wanted)]
    read = dict(zip(names, _read_json(engine, _select("patient_metrics", _METRIC_SQL, names)), strict=True))
    ids = _ints(read["patient_id"])
    order = np.argsort(ids, kind="stable")
    n = len(ids)

    def m(name: str) -> IntArray:
        return _ints(read[name])[order] if name in read else _zeros(n)

    packed = m("ers")
    return MetricColumns(
        patient_id=ids[order],
        stage=m("stage"),
        purchases=m("purchases"),
        first_purchase=days_of(read["first_purchase"])[order] if "first_purchase" in read else _zeros(n),
        spend_window_fen=m("spend_window_fen"),
        spend_total_fen=m("spend_total_fen"),
        e=packed % 8,
        r=packed // 8 % 8,
        s=packed // 64,
        tier=m("tier") if "tier" in read else np.full(n, NO_TIER, dtype=np.int64),
        converted_referrals=m("converted_referrals"),
        referral_spend_fen=m("referral_spend_fen"),
    )


def combine(info: PatientInfo, metrics: MetricColumns) -> PatientColumns:
    """The dashboard's columns for the patients in ``info`` that have metrics."""
    at, found = _align(info.patient_id, metrics.patient_id)
    keep, rows = np.flatnonzero(found), at[found]
    first_purchase = metrics.first_purchase[rows]
    day = info.day[keep]
    # the first-contact date where recorded; else the earlier of first purchase and record creation
    fallback = contact_days(np.zeros_like(day), first_purchase, day)
    return PatientColumns(
        patient_id=info.patient_id[keep],
        sources=info.sources,
        source=info.source[keep],
        contact_day=np.where(info.contact_recorded[keep], day, fallback).astype(np.int64),
        stage=metrics.stage[rows],
        purchases=metrics.purchases[rows],
        first_purchase=first_purchase,
        spend_window_fen=metrics.spend_window_fen[rows],
        spend_total_fen=metrics.spend_total_fen[rows],
        e=metrics.e[rows],
        r=metrics.r[rows],
        s=metrics.s[rows],
        tier=metrics.tier[rows],
        converted_referrals=metrics.converted_referrals[rows],
        referral_spend_fen=metrics.referral_spend_fen[rows],
    )


def columns_for(pages: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The (patient, metric) columns the given dashboard pages need."""
    patient: frozenset[str] = frozenset()
    metric: frozenset[str] = frozenset()
    for page in pages:
        patient, metric = patient | PAGE_COLUMNS[page][0], metric | PAGE_COLUMNS[page][1]
    return patient, metric


def read_columns(engine: Engine, pages: Iterable[str] = PAGE_COLUMNS) -> PatientColumns:
    """Every non-archived patient's STORED metrics and cohort facts, in patient-id order — the columns
    the given dashboard ``pages`` use (the others are zeros)."""
    patient, metric = columns_for(pages)
    with ThreadPoolExecutor(max_workers=1) as pool:
        info = pool.submit(read_patient_info, engine, patient)
        metrics = read_metric_columns(engine, metric)
        return combine(info.result(), metrics)


@dataclass(frozen=True)
class PurchaseOccasions:
    """Distinct (patient id, day number) pairs with spend, not yet aligned to any columns."""

    patient_id: IntArray
    day: IntArray

    def aligned(self, cols: PatientColumns) -> PurchaseDays:
        """The occasions of the patients in ``cols``, as positions into them."""
        at, found = _align(self.patient_id, cols.patient_id)
        return PurchaseDays(pos=at[found].astype(np.int64), day=self.day[found])


def read_purchase_occasions(engine: Engine, start: date, end: date) -> PurchaseOccasions:
    """Purchase occasions (days with spend) from ``start`` to ``end``, inclusive."""
    pid, day = _read_json(engine, _PURCHASE_VISITS_SQL, (start.isoformat(), end.isoformat()))
    if not pid:
        return PurchaseOccasions(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    # NumPy parses "YYYY-MM-DD" and "YYYY-MM-DD HH:MM:SS" alike, in C
    days = np.array(day, dtype="datetime64[D]").astype(np.int64) + _EPOCH
    key = np.array(pid, dtype=np.int64) * _DAY_SPAN + days
    # The index scan returns (patient, date) order: then duplicates are neighbours and no sort is needed.
    if np.all(key[1:] >= key[:-1]):
        key = key[np.concatenate([[True], key[1:] != key[:-1]])]
    else:
        key = np.unique(key)
    return PurchaseOccasions(key // _DAY_SPAN, key % _DAY_SPAN)


def read_names(conn: Connection, patient_ids: Sequence[int]) -> dict[int, str]:
    if not patient_ids:
        return {}
    rows = conn.exec_driver_sql(
        "SELECT id, name FROM patients WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps([int(i) for i in patient_ids]),),
    )
    return {int(i): str(name) for i, name in rows}
