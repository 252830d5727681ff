"""Set-based reads behind the dashboard: every patient's stored metrics as columns, and purchase days.

Each read is one aggregate row: SQLite turns every value into an integer (dates too, with ``julianday``)
and concatenates a column into one text, which ``np.fromstring`` parses in C — about 20 ms a column at
100,000 patients, against several times that for ``fetchall()`` of row tuples or for JSON and parsing
date strings in NumPy. A big table is read in id ranges, one per core, on as many connections at once
(sqlite3 releases the GIL while a statement runs): with two cores a page's reads take half the time.
No query per patient, no ORM objects.

:class:`~clinic_desktop.services.dashboard.numbers.StoredColumns` keeps what the dashboard has read, so the
other tabs and every click-through reuse it, until anything is committed to the database.
"""

from __future__ import annotations

import calendar
import json
import os
from collections.abc import Callable, Collection, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any, Generic, TypeVar

import numpy as np
import numpy.typing as npt
from sqlalchemy import Connection, Engine

from clinic_desktop.core.analytics import PatientColumns, PurchaseDays, contact_days
from clinic_desktop.core.batch import NO_DAY, NO_TIER, BoolArray, IntArray
from clinic_desktop.core.ers import TIERS
from clinic_desktop.core.lifecycle import STAGES
from clinic_desktop.core.segments import KNOWLEDGE_CODES, SEGMENTS, Segment

#: day numbers stay below this for ten thousand years: patient id × span + day is a unique pair key
_DAY_SPAN = 4_000_000
#: a table is read in this many id ranges at once; ranges narrower than _PART_IDS are not worth a thread
_PARTS = max(1, min(4, os.cpu_count() or 1))
_PART_IDS = 10_000

Int32Array = npt.NDArray[np.int32]


def _case(column: str, values: Sequence[str], missing: int) -> str:
    """SQL mapping a stored text code to its index (``missing`` otherwise), so no string reaches Python."""
    whens = " ".join(f"WHEN '{v}' THEN {i}" for i, v in enumerate(values))
    return f"CASE {column} {whens} ELSE {missing} END"


def _day(text: str) -> str:
    """SQL: an ISO date (or date-time) text → its ``date.toordinal()`` number, NO_DAY for none.

    ``julianday`` of a midnight is ``x.5``; the time of day only adds a fraction, which the cast drops.
    """
    return f"ifnull(CAST(julianday({text}) - 1721424.5 AS INTEGER), {NO_DAY})"


# Archived patients are left out of every count (as in the report); patients added since the last
# recompute have no metrics row and are left out too. Every value is an integer, never NULL (a NULL
# would silently shorten a concatenated column); ``source`` alone is text.
_CONTACT = "CASE WHEN first_contact_date IS NULL THEN {} ELSE first_contact_date END"
_TIER = _case("tier", [t.value for t in TIERS], NO_TIER)
_UNKNOWN = SEGMENTS.index(Segment.UNKNOWN)
_PATIENT_SQL = {
    "id": "id",
    "no_contact": "first_contact_date IS NULL",
    # (a date column's text is the whole date: ``substr``, as dear as all the rest, only for date-times)
    "contact": _day(_CONTACT.format("substr(created_at, 1, 10)")),
    # The cohort day whole, with the stored first purchase as the fallback (PRODUCT §6, see
    # core.analytics): the subquery runs only for patients without a first-contact date, one primary-key
    # probe each — cheaper than reading every patient's first purchase.
    # PRODUCT §4.1: 0 not recorded, else the index into KNOWLEDGE_CODES
    "knowledge": _case("knowledge", [k.value for k in KNOWLEDGE_CODES if k is not None], -1) + " + 1",
    "contact_day": _day(
        _CONTACT.format("""substr(min(created_at, ifnull(
        (SELECT m.first_purchase FROM patient_metrics AS m WHERE m.patient_id = patients.id), created_at)),
        1, 10)""")
    ),
}
_METRIC_SQL = {
    "patient_id": "patient_id",
    "stage": _case("stage", [s.value for s in STAGES], 0),
    "purchases": "ifnull(purchases, 0)",
    "first_purchase": _day("first_purchase"),
    "spend_window_fen": "ifnull(spend_window_fen, 0)",
    "spend_total_fen": "ifnull(spend_total_fen, 0)",
    # E, R, S (each 0–5) and the tier (+1: 0 = none) in one number: one column costs what four would
    "ers": f"ifnull(e, 0) + 8 * ifnull(r, 0) + 64 * ifnull(s, 0) + 512 * ({_TIER} + 1)",
    # the segment (index into SEGMENTS) and the rule-tag bit mask in one number (PRODUCT §4.1)
    "segment_tags": f"{_case('segment', [x.value for x in SEGMENTS], _UNKNOWN)} + 8 * ifnull(rule_tags, 0)",
}
#: read for the KOCs (R ≥ 3) alone — the only patients they are shown for — and 0 for everybody else:
#: a NULL is not concatenated, so the text holds just the KOCs' values, in order ("ers" is read with them)
_KOC_SQL = {
    name: f"CASE WHEN r >= 3 THEN ifnull({name}, 0) END"
    for name in ("converted_referrals", "referral_spend_fen")
}
#: what each dashboard page reads: (patient columns, metric columns)
PAGE_COLUMNS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "funnel": (frozenset({"source", "contact"}), frozenset({"stage"})),
    "channels": (frozenset({"source", "contact"}), frozenset({"purchases", "spend_total_fen"})),
    "ers": (frozenset(), frozenset({"spend_window_fen", "ers", "converted_referrals", "referral_spend_fen"})),
    "trends": (frozenset({"contact"}), frozenset({"first_purchase"})),
    "segments": (frozenset({"knowledge"}), frozenset({"spend_window_fen", "ers", "segment_tags"})),
    "cycles": (frozenset(), frozenset()),  # reads the visit lines (services.dashboard.visit_keys)
}
ALL_COLUMNS = (
    frozenset({"source", "contact", "knowledge"}),
    frozenset({*_METRIC_SQL, *_KOC_SQL} - {"patient_id"}),
)

# ---------------------------------------------------------------- date texts → day numbers

#: a date text with the separator ``group_concat`` puts after it: 11 bytes, fixed positions
_DATE_PATTERN = np.frombuffer(b"0000-00-00,", dtype=np.uint8)
#: byte − pattern byte may be up to this (digits 0–9, the dashes and the comma exactly)
_DATE_LIMIT = np.array([9, 9, 9, 9, 0, 9, 9, 0, 9, 9, 0], dtype=np.uint8)
#: (byte position, weight) of the digits in year · 416 + month · 32 + day, a key unique per date
_DATE_WEIGHTS = ((0, 416_000), (1, 41_600), (2, 4_160), (3, 416), (5, 320), (6, 32), (8, 10), (9, 1))
_YEAR_KEYS = 416  # month · 32 + day stays below it
_ZERO_KEY = ord("0") * sum(w for _, w in _DATE_WEIGHTS)  # the key of the ASCII zeros


def _days_of_texts(text: str, n: int) -> Int32Array | None:
    """The ``date.toordinal()`` numbers of ``n`` comma-separated ``YYYY-MM-DD`` texts, or None when any
    text is not exactly that: a real date of year 1 or later, ten characters.

    Exact: every field is checked at its fixed position, and with the commas checked at every eleventh
    byte a text of another length cannot pass (the lengths would have to add up to ten each). A valid
    text's day is then what SQLite's ``julianday`` gives, and text order is day order.
    """
    raw = np.frombuffer((text + ",").encode("ascii", "replace"), dtype=np.uint8)
    if len(raw) != 11 * n:
        return None
    lines = raw.reshape(n, 11)
    if not bool(((lines - _DATE_PATTERN) <= _DATE_LIMIT).all()):
        return None
    key = lines[:, 0] * np.int32(_DATE_WEIGHTS[0][1])
    for at, weight in _DATE_WEIGHTS[1:]:
        key += lines[:, at] * np.int32(weight)
    key -= np.int32(_ZERO_KEY)
    first_year, last_year = int(key.min()) // _YEAR_KEYS, int(key.max()) // _YEAR_KEYS
    if first_year < 1:
        return None
    table = np.full((last_year - first_year + 1) * _YEAR_KEYS, -1, dtype=np.int32)
    for year in range(first_year, last_year + 1):
        for month in range(1, 13):
            at = (year - first_year) * _YEAR_KEYS + month * 32 + 1
            length = calendar.monthrange(year, month)[1]
            table[at : at + length] = np.arange(length, dtype=np.int32) + date(year, month, 1).toordinal()
    days = table[key - np.int32(first_year * _YEAR_KEYS)]
    return None if bool((days < 0).any()) else days


# Every visit with spend in a date range, in (patient, date) index order, one key per visit. ``+visit_date``
# keeps the planner off the treatment index; several visits on one day are made one purchase occasion in
# NumPy, which is faster than SQLite's DISTINCT (a temporary B-tree) or GROUP BY over 400,000 rows. (A new
# visits(visit_date, …) index saves only ~20%.) The dates come as their texts, made day numbers in NumPy
# (_days_of_texts): at 300,000 patients, 1.1 million ``julianday`` calls and the packing of each key in
# SQL cost ~0.04 s of CPU more than copying the texts out and reading them fixed-width; a date stored
# any other way sends that part through ``julianday`` (_PURCHASE_KEYS_SQL), the same numbers as ever.
_PURCHASE_WHERE = "patient_id BETWEEN ? AND ? AND amount_fen > 0 AND +visit_date >= ? AND +visit_date <= ?"
_PURCHASE_LINES_SQL = f"""
SELECT count(*), group_concat(patient_id), group_concat(visit_date)
FROM visits
WHERE {_PURCHASE_WHERE}
"""
_PURCHASE_KEYS_SQL = f"""
SELECT count(*), group_concat(patient_id * {_DAY_SPAN} + {_day("visit_date")})
FROM visits
WHERE {_PURCHASE_WHERE}
"""


# ---------------------------------------------------------------- reading in parts


_Merged = TypeVar("_Merged")


@dataclass(frozen=True)
class _Job(Generic[_Merged]):
    """A read: ``parts`` run at once (each on its own connection), ``merge`` makes one result of them."""

    parts: Sequence[Callable[[], Any]]
    merge: Callable[[list[Any]], _Merged]


def _results(calls: Sequence[Callable[[], Any]]) -> list[Any]:
    """Every call's result, the calls run at once (this thread runs the first)."""
    with ThreadPoolExecutor(max_workers=max(1, len(calls) - 1)) as pool:
        later = [pool.submit(call) for call in calls[1:]]
        return [calls[0](), *(f.result() for f in later)] if calls else []


def _run(*jobs: _Job[Any]) -> list[Any]:
    """Every part of every job at once; the merged result of each job."""
    results = _results([part for job in jobs for part in job.parts])
    merged, at = [], 0
    for job in jobs:
        merged.append(job.merge(results[at : at + len(job.parts)]))
        at += len(job.parts)
    return merged


def _run_one(job: _Job[_Merged]) -> _Merged:
    return job.merge(_results(job.parts))


def _id_ranges(engine: Engine, table: str, column: str) -> list[tuple[int, int]]:
    """``column``'s values (ids, indexed) cut into up to :data:`_PARTS` ranges, lowest first."""
    # two subqueries: SQLite finds a lone min() or max() at an end of the index, but scans for both at once
    sql = f"SELECT (SELECT min({column}) FROM {table}), (SELECT max({column}) FROM {table})"
    with engine.connect() as conn:
        low, high = conn.exec_driver_sql(sql).one()
    if low is None:
        return [(0, -1)]
    parts = max(1, min(_PARTS, (high - low + 1) // _PART_IDS))
    step = (high - low) // parts + 1
    return [(low + i * step, min(high, low + (i + 1) * step - 1)) for i in range(parts)]


def _scan(
    engine: Engine,
    table: str,
    ints: dict[str, str],
    where: str,
    params: tuple[Any, ...],
    *,
    source: bool = False,
    sparse: dict[str, str] | None = None,
) -> dict[str, Any]:
    """One aggregate over ``table``: each integer SQL expression of ``ints`` as an array; those of
    ``sparse`` (NULL where not wanted) as arrays of the values that are not; with ``source``, the patients'
    channel names as a list."""
    sparse = sparse or {}
    parts = ["count(*)", *(f"group_concat({sql})" for sql in ints.values())]
    parts += [f"count({sql}), group_concat({sql})" for sql in sparse.values()]
    parts += ["json_group_array(ifnull(source, ''))"] if source else []
    with engine.connect() as conn:
        row = list(conn.exec_driver_sql(f"SELECT {', '.join(parts)} FROM {table} {where}", params).one())
    n = int(row.pop(0))
    read: dict[str, Any] = {}
    for name in [*ints, *sparse]:
        count = n if name in ints else int(row.pop(0))
        text = row.pop(0)
        values = np.fromstring(text, dtype=np.int64, sep=",") if count else _zeros(0)
        if len(values) != count:  # a NULL or a bad value: never misalign the columns
            raise ValueError(f"{table}.{name}: read {len(values)} values of {count}")
        read[name] = values
    if source:
        read["source"] = json.loads(row.pop(0))
    return read


def _concat(reads: list[dict[str, Any]], id_name: str, *, skip: Collection[str] = ()) -> dict[str, Any]:
    """Parts read in ascending id ranges, as one (without the names in ``skip``)."""
    names = [name for name in reads[0] if name not in skip]
    read: dict[str, Any] = {
        name: np.concatenate([r[name] for r in reads]) for name in names if name != "source"
    }
    if "source" in names:
        read["source"] = [name for r in reads for name in r["source"]]
    return read


def _in_id_order(read: dict[str, Any], id_name: str) -> dict[str, Any]:
    """The columns sorted by id — as a part reads them already, in its table's id order: then a no-op."""
    ids = read[id_name]
    if np.all(ids[1:] > ids[:-1]):
        return read
    order = np.argsort(ids, kind="stable")
    return {k: np.asarray(v)[order] if k != "source" else [v[i] for i in order] for k, v in read.items()}


def _zeros(n: int) -> IntArray:
    return np.zeros(n, dtype=np.int64)


def align(ids: IntArray, other_ids: IntArray) -> tuple[IntArray, BoolArray]:
    """Positions of ``ids`` in the sorted ``other_ids``, and which are there."""
    at = np.searchsorted(other_ids, ids)
    found = at < len(other_ids)
    found[found] = other_ids[at[found]] == ids[found]
    return at, found


def source_codes(names: list[str]) -> tuple[tuple[str, ...], IntArray]:
    codes: dict[str, int] = {}
    code = np.fromiter((codes.setdefault(x, len(codes)) for x in names), np.int64, len(names))
    return tuple(codes), code


# ---------------------------------------------------------------- patients and their metrics


@dataclass(frozen=True)
class PatientInfo:
    """Non-archived patients' source channel and cohort day inputs, in patient-id order."""

    patient_id: IntArray
    sources: tuple[str, ...]
    source: IntArray
    #: the first-contact date was recorded (else ``day`` is the record's creation date)
    contact_recorded: BoolArray
    day: IntArray
    #: recorded knowledge code (0: not recorded); None when not read
    knowledge: IntArray | None = None


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
    #: PRODUCT §4.1: index into SEGMENTS, rule-tag bit mask (None: not computed → unknown, none)
    segment: IntArray | None = None
    rule_tags: IntArray | None = None


def _patients_job(
    engine: Engine, wanted: Collection[str], *, stored_fallback: bool = True
) -> _Job[dict[str, Any]]:
    """Non-archived patients' ids, with ``source`` and ``contact`` if wanted (see read_patient_info)."""
    names = ["id", *(["knowledge"] if "knowledge" in wanted else [])]
    if "contact" in wanted:
        names += ["contact_day"] if stored_fallback else ["no_contact", "contact"]
    ints = {name: _PATIENT_SQL[name] for name in names}
    where, source = "WHERE id BETWEEN ? AND ? AND NOT archived", "source" in wanted
    parts = [
        partial(_scan, engine, "patients", ints, where, r, source=source)
        for r in _id_ranges(engine, "patients", "id")
    ]
    return _Job(parts, lambda reads: _in_id_order(_concat(reads, "id"), "id"))


def read_patient_info(
    engine: Engine, wanted: frozenset[str] = ALL_COLUMNS[0], *, stored_fallback: bool = True
) -> PatientInfo:
    """Non-archived patients, with the ``source`` and ``contact`` columns if ``wanted`` (else zeros).

    With ``stored_fallback`` the contact day is complete, its fallback taken from the stored first
    purchase; without (the report, computed fresh) :func:`combine` completes it from the fresh one.
    """
    read = _run_one(_patients_job(engine, wanted, stored_fallback=stored_fallback))
    ids = read["id"]
    sources, source = source_codes(read["source"]) if "source" in read else (("",), _zeros(len(ids)))
    day = read.get("contact", read.get("contact_day", _zeros(len(ids))))
    recorded = read["no_contact"] == 0 if "no_contact" in read else np.ones(len(ids), dtype=bool)
    return PatientInfo(ids, sources, source, recorded, day, read.get("knowledge"))


def _metrics_job(engine: Engine, wanted: Collection[str]) -> _Job[dict[str, Any]]:
    """The stored metric columns in ``wanted`` (names of _METRIC_SQL and _KOC_SQL), with the ids."""
    koc = {name: sql for name, sql in _KOC_SQL.items() if name in wanted}
    wanted = {*wanted, "patient_id", *(["ers"] if koc else [])}
    ints = {name: sql for name, sql in _METRIC_SQL.items() if name in wanted}
    where = "WHERE patient_id BETWEEN ? AND ?"

    def merge(reads: list[dict[str, Any]]) -> dict[str, Any]:
        read = _concat(reads, "patient_id", skip=koc)
        at = np.flatnonzero(read["ers"] // 8 % 8 >= 3) if koc else _zeros(0)
        for name in koc:  # the KOCs' values, in the order the KOCs were read, spread over everybody
            values = np.concatenate([r[name] for r in reads])
            if len(values) != len(at):
                raise ValueError(f"patient_metrics.{name}: {len(values)} values for {len(at)} KOCs")
            read[name] = _zeros(len(read["patient_id"]))
            read[name][at] = values
        return _in_id_order(read, "patient_id")

    ranges = _id_ranges(engine, "patient_metrics", "patient_id")
    return _Job(
        [partial(_scan, engine, "patient_metrics", ints, where, r, sparse=koc) for r in ranges], merge
    )


def metric_fields(read: dict[str, Any], n: int) -> dict[str, IntArray]:
    """``PatientColumns`` fields from read metric columns (zeros, or NO_TIER, for those not read)."""
    names = [name for name in (*_METRIC_SQL, *_KOC_SQL) if name not in ("patient_id", "ers", "segment_tags")]
    fields = {name: read.get(name, _zeros(n)) for name in names}
    packed = read.get("ers", _zeros(n) + 512 * (NO_TIER + 1))
    ers = {"e": packed % 8, "r": packed // 8 % 8, "s": packed // 64 % 8, "tier": packed // 512 - 1}
    segment_tags = read.get("segment_tags", _zeros(n) + _UNKNOWN)
    return {**fields, **ers, "segment": segment_tags % 8, "rule_tags": segment_tags // 8}


def combine(info: PatientInfo, metrics: MetricColumns) -> PatientColumns:
    """The dashboard's columns for the patients in ``info`` that have metrics."""
    at, found = align(info.patient_id, metrics.patient_id)
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
        segment=_zeros(len(rows)) + _UNKNOWN if metrics.segment is None else metrics.segment[rows],
        knowledge=_zeros(len(keep)) if info.knowledge is None else info.knowledge[keep],
        rule_tags=_zeros(len(rows)) if metrics.rule_tags is None else metrics.rule_tags[rows],
    )


def columns_for(pages: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The (patient, metric) columns the given dashboard pages need."""
    patient: frozenset[str] = frozenset()
    metric: frozenset[str] = frozenset()
    for page in pages:
        patient, metric = patient | PAGE_COLUMNS[page][0], metric | PAGE_COLUMNS[page][1]
    return patient, metric


# ---------------------------------------------------------------- purchase occasions


@dataclass(frozen=True)
class PurchaseOccasions:
    """Distinct (patient id, day number) pairs with spend, not yet aligned to any columns."""

    patient_id: IntArray
    day: IntArray

    def aligned(self, cols: PatientColumns) -> PurchaseDays:
        """The occasions of the patients in ``cols``, as positions into them."""
        return self.aligned_to(cols.patient_id)

    def aligned_to(self, patient_ids: IntArray) -> PurchaseDays:
        """The occasions of the patients in the sorted ``patient_ids``, as positions into them."""
        at, found = align(self.patient_id, patient_ids)
        return PurchaseDays(pos=at[found].astype(np.int64), day=self.day[found])


def _purchase_keys(engine: Engine, params: tuple[Any, ...]) -> IntArray:
    with engine.connect() as conn:
        n, ids, dates = conn.exec_driver_sql(_PURCHASE_LINES_SQL, params).one()
        day = _days_of_texts(dates, n) if n else np.zeros(0, dtype=np.int32)
        if day is None:  # a date stored otherwise: SQLite's day numbers
            n, text = conn.exec_driver_sql(_PURCHASE_KEYS_SQL, params).one()
            return _int64s(text, n)
    return _int64s(ids, n) * _DAY_SPAN + day


def _int64s(text: str | None, n: int) -> IntArray:
    values = np.fromstring(text or "", dtype=np.int64, sep=",") if n else _zeros(0)
    if len(values) != n:
        raise ValueError(f"visits: read {len(values)} purchase days of {n} (a visit date SQLite cannot read)")
    return values


def _occasions_job(engine: Engine, start: date, end: date) -> _Job[PurchaseOccasions]:
    def merge(keys: list[IntArray]) -> PurchaseOccasions:
        key = np.concatenate(keys)
        # (patient, date) index order: duplicates are neighbours and no sort is needed
        if len(key) and np.all(key[1:] >= key[:-1]):
            key = key[np.concatenate([[True], key[1:] != key[:-1]])]
        else:
            key = np.unique(key)
        return PurchaseOccasions(key // _DAY_SPAN, key % _DAY_SPAN)

    window = (start.isoformat(), end.isoformat())
    ranges = _id_ranges(engine, "visits", "patient_id")
    return _Job([partial(_purchase_keys, engine, (*r, *window)) for r in ranges], merge)


def read_purchase_occasions(engine: Engine, start: date, end: date) -> PurchaseOccasions:
    """Purchase occasions (days with spend) from ``start`` to ``end``, inclusive."""
    return _run_one(_occasions_job(engine, start, end))


def read_stored(
    engine: Engine,
    patient: Collection[str] | None,
    metric: Collection[str] | None,
    window: tuple[date, date] | None,
) -> tuple[dict[str, Any] | None, dict[str, Any] | None, PurchaseOccasions | None]:
    """All at once: the ``patient`` columns with the non-archived ids (``id``), the ``metric`` columns with
    theirs (``patient_id``), each in id order, and the purchase occasions in ``window`` (None: not read)."""
    jobs = {
        "patients": _patients_job(engine, patient) if patient is not None else None,
        "metrics": _metrics_job(engine, metric) if metric is not None else None,
        "days": _occasions_job(engine, *window) if window is not None else None,
    }
    wanted = {key: job for key, job in jobs.items() if job is not None}
    read = dict(zip(wanted, _run(*wanted.values()), strict=True)) if wanted else {}
    return read.get("patients"), read.get("metrics"), read.get("days")


def read_names(conn: Connection, patient_ids: Sequence[int]) -> dict[int, str]:
    if not patient_ids:
        return {}
    rows = conn.exec_driver_sql(
        "SELECT id, name FROM patients WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps([int(i) for i in patient_ids]),),
    )
    return {int(i): str(name) for i, name in rows}
