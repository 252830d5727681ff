"""The visit lines behind the repurchase-cycle and cross-sell numbers (PRODUCT §6), read set-based.

What the numbers need is, per catalogue treatment, the distinct (patient, day) pairs up to as-of in
(patient, day) order — a patient's days of a treatment side by side, so the intervals are neighbours'
differences — as positions into the dashboard's columns. They are read one treatment at a time over the
covering (treatment, date, patient) index: ``treatment_id = ? AND visit_date <= ?`` is a range of it, so
SQLite compares nothing per line, and the treatment is known per statement. Lines are grouped by date in
SQL, so only the patient id is turned into text per line; each date's text comes once and NumPy makes it
a day number (fixed-width ``YYYY-MM-DD``, checked field by field). The lines come in (date, patient)
order; a stable radix sort of the patient id in 16-bit digits puts them in (patient, date) order, and a
table indexed by patient id gives the positions (positions follow ids, so the order holds). A date stored
any other way (a date-time, a non-padded text) sends that treatment's lines through SQLite's ``julianday``
and a full sort instead: the same numbers, slower. A few connections read at once (sqlite3 releases the
GIL while a statement runs), each taking the next treatment still to read.

Measured at 300,000 patients / 2.9 million lines: the SQL costs about 0.43 s of CPU, against about 1 s for
every line as one packed integer key (treatment, patient, day) in patient order over the
(patient, date, amount, treatment) index, which also needed a per-line date comparison, two ``divmod``
passes, a binary search per line for the positions and a sort by treatment.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Connection, Engine

from clinic_desktop.core.analytics import IntArray
from clinic_desktop.core.segmentation import CatalogueItem, VisitKeys
from clinic_desktop.db.fact_worker import int32_columns
from clinic_desktop.db.parallel import PARALLEL_MIN_ROWS, run_queries, running
from clinic_desktop.services.dashboard.queries import (
    _PARTS,
    Int32Array,
    _day,
    _days_of_texts,
    _results,
    align,
)

__all__ = ["read_catalogue", "read_visit_keys"]

_LINES_SQL = """
SELECT count(*), sum(lines), group_concat(day), group_concat(lines), group_concat(patients)
FROM (SELECT visit_date AS day, count(*) AS lines, group_concat(patient_id) AS patients
      FROM visits
      WHERE treatment_id = ? AND visit_date <= ?
      GROUP BY visit_date)
"""
#: the columns of a _LINES_SQL row read as int32 arrays: each date's line count, the lines' patient ids
_PARSED = (3, 4)
#: a treatment's lines of the last month before as-of: a few thousandths of a second for all of them at
#: 300,000 patients (a short range of the index each), to hand the workers the busiest treatments first
_RECENT_SQL = "SELECT count(*) FROM visits WHERE treatment_id = ? AND visit_date > ? AND visit_date <= ?"
_RECENT_DAYS = 30
# the same lines with SQLite's day numbers, for a treatment with a date text not in the plain form
_LINES_BY_DAY_SQL = f"""
SELECT count(*), group_concat(patient_id), group_concat({_day("visit_date")})
FROM visits
WHERE treatment_id = ? AND visit_date <= ?
"""
# who referred whom, and the referred patient's contact day (cross-sell scenarios whose goal is a referral)
# Shaped like a _LINES_SQL row (its _PARSED columns: the referrers, the referred patients' contact days)
# so that it rides with the treatments' reads: the index finds the referred patients, but each is a
# probe of the table, ~0.07 s of CPU at 300,000 patients — worth a worker's time as much as a treatment.
_REFERRALS_SQL = f"""
SELECT count(*), NULL, NULL, group_concat(referred_by_id),
       group_concat({_day("substr(ifnull(first_contact_date, created_at), 1, 10)")})
FROM patients
WHERE referred_by_id IS NOT NULL AND NOT archived
"""
_REFERRALS = "referrals"  # its job's name beside the treatments' (their ids)


# ---------------------------------------------------------------- one treatment's lines


class _Positions:
    """Patient id → position in the sorted ``patient_ids`` of the columns, -1 for a patient not in them
    (archived, or added since the last recompute). A table indexed by id when the ids are dense enough
    for one (a gather a line), else a binary search a line."""

    def __init__(self, patient_ids: IntArray, highest: int) -> None:
        self._ids = patient_ids
        top = max(highest, int(patient_ids[-1]) if len(patient_ids) else 0)
        self._table: Int32Array | None = None
        if (not len(patient_ids) or int(patient_ids[0]) >= 0) and top <= 4 * len(patient_ids) + (1 << 20):
            self._table = np.full(top + 1, -1, dtype=np.int32)
            self._table[patient_ids] = np.arange(len(patient_ids), dtype=np.int32)

    def __call__(self, ids: Int32Array) -> Int32Array:
        table = self._table
        if table is not None and (not len(ids) or (int(ids.min()) >= 0 and int(ids.max()) < len(table))):
            return table[ids]
        at, found = align(ids.astype(np.int64), self._ids)
        return np.where(found, at, -1).astype(np.int32)


class _Columns:
    """The columns' sorted patient ids, and their :class:`_Positions`, taken when first needed: on the
    workers' path this process reads the columns while the workers read the first treatments."""

    def __init__(self, patient_ids: IntArray | Callable[[], IntArray], highest: int) -> None:
        self._source, self._highest = patient_ids, highest
        self._ids: IntArray | None = None
        self._positions: _Positions | None = None

    def ids(self) -> IntArray:
        if self._ids is None:
            self._ids = self._source() if callable(self._source) else self._source
        return self._ids

    def positions(self) -> _Positions:
        if self._positions is None:
            self._positions = _Positions(self.ids(), self._highest)
        return self._positions


@dataclass(frozen=True)
class _Lines:
    """One treatment's distinct (patient position, day) up to as-of, by position then day."""

    treatment: int
    pos: Int32Array
    day: Int32Array


def _ints(text: str | None, n: int) -> Int32Array:
    values = np.fromstring(text or "", dtype=np.int32, sep=",") if n else np.zeros(0, dtype=np.int32)
    return _checked(values, n)


def _checked(values: Int32Array, n: int) -> Int32Array:
    if len(values) != n:
        raise ValueError(f"visit lines: read {len(values)} of {n} (a value SQLite cannot read)")
    return values


def _by_patient(patient: Int32Array, day: Int32Array) -> tuple[Int32Array, Int32Array]:
    """Lines in day order → (patient, day) order: a stable least-significant-digit radix sort of the
    (non-negative) patient id in 16-bit digits — NumPy's stable sort of 16-bit keys is a counting sort —
    O(n) a digit, where sorting the lines by both columns costs n log n."""
    order = np.argsort(patient.astype(np.uint16), kind="stable")
    patient, day = patient[order], day[order]
    if len(patient) and int(patient.max()) >= 1 << 16:
        order = np.argsort((patient >> 16).astype(np.uint16), kind="stable")
        patient, day = patient[order], day[order]
    return patient, day


def _kept(treatment: int, patient: Int32Array, day: Int32Array, positions: _Positions) -> _Lines:
    """Sorted (patient, day) lines → the distinct pairs of the patients in the columns, as positions
    (several lines of one day are one day of it; positions follow ids, so the order holds)."""
    keep = np.ones(len(patient), dtype=np.bool_)
    keep[1:] = (patient[1:] != patient[:-1]) | (day[1:] != day[:-1])
    pos = positions(patient[keep])
    there = pos >= 0
    return _Lines(treatment, pos[there], day[keep][there])


def _treatment_lines(conn: Connection, treatment: int, as_of: date, positions: _Positions) -> _Lines:
    row = conn.exec_driver_sql(_LINES_SQL, (treatment, as_of.isoformat())).one()
    return _lines_of_row(conn.engine, treatment, as_of, positions, int32_columns(tuple(row), _PARSED))


def _lines_of_row(
    engine: Engine, treatment: int, as_of: date, positions: _Positions, row: tuple[Any, ...]
) -> _Lines:
    """One treatment's lines from its :data:`_LINES_SQL` row (the :data:`_PARSED` columns as arrays,
    parsed wherever the query ran); read again through SQLite's day numbers when the row cannot do."""
    days_read, n, dates, counts, patients = row
    day_of_date = _days_of_texts(dates or "", days_read) if days_read else np.zeros(0, dtype=np.int32)
    if day_of_date is not None and bool(np.all(day_of_date[1:] > day_of_date[:-1])):
        patient = _checked(patients, int(n or 0))
        day = np.repeat(day_of_date, _checked(counts, days_read))
        if len(patient) == 0 or int(patient.min()) >= 0:  # the radix sort takes ids of 0 and up
            return _kept(treatment, *_by_patient(patient, day), positions)
    # A date stored otherwise, days not in index order, a negative id: SQLite's day numbers, a full sort.
    with engine.connect() as conn:
        n, patients, days = conn.exec_driver_sql(_LINES_BY_DAY_SQL, (treatment, as_of.isoformat())).one()
    patient, day = _ints(patients, n), _ints(days, n)
    order = np.lexsort((day, patient))
    return _kept(treatment, patient[order], day[order], positions)


def _read_treatments(
    engine: Engine, todo: Iterator[int], lock: threading.Lock, as_of: date, positions: _Positions
) -> list[_Lines]:
    """Treatments from the shared ``todo`` until none is left, on one connection."""
    read: list[_Lines] = []
    with engine.connect() as conn:
        while True:
            with lock:
                treatment = next(todo, None)
            if treatment is None:
                return read
            read.append(_treatment_lines(conn, treatment, as_of, positions))


def _referrals(engine: Engine) -> tuple[IntArray, IntArray]:
    with engine.connect() as conn:
        row = conn.exec_driver_sql(_REFERRALS_SQL).one()
    return _referrals_of_row(int32_columns(tuple(row), _PARSED))


def _referrals_of_row(row: tuple[Any, ...]) -> tuple[IntArray, IntArray]:
    """(referrer ids, the referred patients' contact days) of a :data:`_REFERRALS_SQL` row."""
    n, _, _, referrers, days = row
    if len(referrers) != n or len(days) != n:
        raise ValueError(f"referrals: read {len(referrers)}, {len(days)} of {n} (a value SQLite cannot read)")
    return referrers.astype(np.int64), days.astype(np.int64)


# ---------------------------------------------------------------- the keys


def _on_pool(
    engine: Engine, path: Path, treatments: list[int], as_of: date, columns: _Columns, bound: int
) -> tuple[list[_Lines], tuple[IntArray, IntArray]]:
    """Every treatment's lines read by this process and the recompute's workers at once
    (:func:`~clinic_desktop.db.parallel.run_queries`): each answer parsed where it was read, and sorted
    here as soon as it is here, between this process's own reads. While the workers start on the
    busiest treatments, this process takes the columns (a read of their own, when they are not kept);
    the referrals are one more job among the treatments'."""
    referrals: list[tuple[IntArray, IntArray]] = []
    lines: dict[str, _Lines] = {}

    def then(name: str, row: tuple[Any, ...]) -> None:
        if name == _REFERRALS:
            referrals.append(_referrals_of_row(row))
        else:
            lines[name] = _lines_of_row(engine, int(name), as_of, columns.positions(), row)

    # the workers take from the front, this process from the back: the referrals third, where a worker
    # takes them after the two busiest treatments (a worker holds the job after its current one too)
    names = [str(t) for t in _busiest_first(engine, treatments, as_of)]
    names.insert(2, _REFERRALS)
    jobs = {
        n: (_REFERRALS_SQL, ()) if n == _REFERRALS else (_LINES_SQL, (int(n), as_of.isoformat()))
        for n in names
    }
    run_queries(path, jobs, rows=bound, meanwhile=columns.positions, int32=_PARSED, then=then)
    return [lines[str(t)] for t in treatments], referrals[0]


def _busiest_first(engine: Engine, treatments: list[int], as_of: date) -> list[int]:
    """The treatments by their lines of the last month, most first: the workers take jobs from the front
    and this process from the back, and whoever is left with a big one at the end keeps the other
    waiting (a worker holds the job after its current one too). Only the order of the reads follows
    from it, never a number."""
    since = (as_of - timedelta(days=_RECENT_DAYS)).isoformat()
    with engine.connect() as conn:
        recent = {
            t: int(conn.exec_driver_sql(_RECENT_SQL, (t, since, as_of.isoformat())).scalar() or 0)
            for t in treatments
        }
    return sorted(treatments, key=lambda t: -recent[t])


def _on_threads(
    engine: Engine, treatments: list[int], as_of: date, positions: _Positions
) -> tuple[list[_Lines], tuple[IntArray, IntArray]]:
    """Every treatment's lines read on a few connections of this process, each taking the next
    treatment still to read; the referrals beside them."""
    todo, lock = iter(treatments), threading.Lock()
    reader = partial(_read_treatments, engine, todo, lock, as_of, positions)
    # this thread reads treatments too; the referrals are one small read beside them
    read: list[Any] = _results([*[reader] * min(_PARTS, len(treatments)), partial(_referrals, engine)])
    lines = sorted((block for blocks in read[:-1] for block in blocks), key=lambda b: b.treatment)
    return lines, read[-1]


def read_visit_keys(engine: Engine, as_of: date, patient_ids: IntArray | Callable[[], IntArray]) -> VisitKeys:
    """The visit keys up to ``as_of`` of the patients in the sorted ``patient_ids`` (the columns'), as
    positions into them: every catalogue treatment's lines (a line of a treatment not in the catalogue
    counts in no number), and the referrals among those patients. ``patient_ids`` may be a call that
    reads them (once): then the lines' reading can start before it.

    Read on the recompute's workers too when this process has them running already (in the app, the
    recompute before this first look started them) and there are lines enough; else on threads here,
    rather than wait for a worker to start (with SQLite's memory statistics off, db/sqlite_memory, the two
    took the same time at 300,000 patients: 0.32–0.38 s on threads, 0.37–0.43 s on the pool). The same
    numbers either way (tests/services/dashboard/test_visit_keys.py)."""
    with engine.connect() as conn:
        treatments = [int(t) for t in conn.exec_driver_sql("SELECT id FROM treatments ORDER BY id").scalars()]
        highest = int(conn.exec_driver_sql("SELECT ifnull(max(id), 0) FROM patients").scalar() or 0)
        bound = int(conn.exec_driver_sql("SELECT ifnull(max(id), 0) FROM visits").scalar() or 0)
    if highest >= 1 << 31:
        raise ValueError("patient ids beyond 2,147,483,647 do not fit the visit keys")
    columns = _Columns(patient_ids, highest)
    path = engine.url.database
    on_disk = engine.url.get_backend_name() == "sqlite" and path not in (None, "", ":memory:")
    if on_disk and path is not None and bound >= PARALLEL_MIN_ROWS and running():
        lines, referrals = _on_pool(engine, Path(path), treatments, as_of, columns, bound)
    else:
        lines, referrals = _on_threads(engine, treatments, as_of, columns.positions())
    referrer, referred_day = referrals
    ref_at, ref_found = align(referrer, columns.ids())
    none = np.zeros(0, dtype=np.int64)
    return VisitKeys(
        np.repeat(np.array([b.treatment for b in lines], dtype=np.int64), [len(b.pos) for b in lines]),
        np.concatenate([none, *(b.pos for b in lines)], dtype=np.int64),
        np.concatenate([none, *(b.day for b in lines)], dtype=np.int64),
        ref_at[ref_found],
        referred_day[ref_found],
    )


def read_catalogue(engine: Engine) -> list[CatalogueItem]:
    """The treatment catalogue, in its order (ids ascending)."""
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT id, name, category, recall_days FROM treatments ORDER BY id"
        ).all()
    return [CatalogueItem(int(r[0]), str(r[1]), r[2], r[3]) for r in rows]
