"""What the dashboard keeps between loads: its reads of one database, until anything is committed to it.

Split from :mod:`clinic_desktop.services.dashboard.numbers` (the pages and click-throughs); see
:class:`StoredColumns` for why a kept column can never show a stale number.
"""

from __future__ import annotations

import sqlite3
import threading
import weakref
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Engine, event

from clinic_desktop.core.analytics import PatientColumns, PurchaseDays, trend_start
from clinic_desktop.core.batch import IntArray
from clinic_desktop.core.segmentation import VisitKeys
from clinic_desktop.db.data_stamp import METRICS_AS_OF_KEY
from clinic_desktop.db.settings_store import read_value
from clinic_desktop.services.dashboard.queries import (
    align,
    columns_for,
    metric_fields,
    read_stored,
    source_codes,
)
from clinic_desktop.services.dashboard.visit_keys import read_visit_keys

__all__ = ["StoredColumns", "stored_columns"]


class StoredColumns:
    """The dashboard's reads of one database, kept while nothing has been committed to it since.

    Why it can never serve stale numbers: before each use it asks ``PRAGMA data_version`` on a connection
    of its own that never writes. SQLite changes that number whenever *any other* connection — this
    process's pool (an edit, an import, a recompute), the CLI in another process, a restore — commits to
    the database; then everything kept is dropped and read again. The version is taken *before* the
    reads, so a commit landing during a read leaves what was read marked old: the next use rereads.
    Columns read later must come with the same patients as those kept (else everything is read again).
    One lock: loads of one database take turns (the GUI runs its tasks one at a time anyway).
    """

    def __init__(self, path: str | None) -> None:
        self._path = path  # None: no way to know of changes, so nothing is kept
        self._watch: sqlite3.Connection | None = None
        self._version: int | None = None
        self._lock = threading.Lock()
        self._clear()

    def _clear(self) -> None:
        self._as_of: tuple[date | None] | None = None
        self._patient_ids = self._metric_ids = _zeros(0)  # non-archived patients' and metrics' ids, sorted
        self._keep = self._rows = _zeros(0)  # the patients in both: positions in each
        self._read: set[str] = set()  # columns read (patient and metric names differ)
        self._fields: dict[str, Any] = {}  # PatientColumns fields (read-only arrays), aligned
        self._days: dict[tuple[date, date], PurchaseDays] = {}
        self._visits: dict[date, tuple[IntArray, VisitKeys]] = {}  # as-of → (patient ids, keys)

    def close(self) -> None:
        with self._lock:
            if self._watch is not None:
                self._watch.close()
            self._watch, self._version = None, None
            self._clear()

    def _check(self) -> None:
        """Drop everything kept if the database changed since (or if there is no way to know)."""
        version = None
        try:
            if self._path is not None and self._watch is None:  # mode=rw: never creates a file
                uri = f"{Path(self._path).absolute().as_uri()}?mode=rw"
                self._watch = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
                self._version = None
            if self._watch is not None:
                version = int(self._watch.execute("PRAGMA data_version").fetchall()[0][0])
        except (sqlite3.Error, ValueError):  # then read everything afresh, and try again next time
            if self._watch is not None:
                self._watch.close()
            self._watch = None
        if version is None or version != self._version:
            self._clear()
        self._version = version

    def load(
        self, engine: Engine, pages: Iterable[str], *, purchases: bool = False
    ) -> tuple[date | None, PatientColumns, PurchaseDays | None]:
        """(metrics as-of date, the columns ``pages`` need, purchase days of the trends window if asked
        and the metrics were ever computed)."""
        patient, metric = columns_for(pages)
        with self._lock:
            self._check()
            self._fill_all(engine, patient, metric, purchases)
            as_of, fields, days = self._taken(purchases)
        return as_of, _columns(fields), days

    def load_with_visit_keys(
        self, engine: Engine, pages: Iterable[str], *, purchases: bool = False
    ) -> tuple[date | None, PatientColumns, PurchaseDays | None, VisitKeys | None]:
        """:meth:`load`, and the visit keys up to the metrics' as-of aligned to those columns (None before
        the first recompute), kept like them. When the keys are not kept, their reading starts first and
        the columns are read while the worker processes read the busiest treatments
        (:func:`~clinic_desktop.services.dashboard.visit_keys.read_visit_keys`): the same keys as
        :meth:`visit_keys` after :meth:`load`, without the wait for the columns before them."""
        patient, metric = columns_for(pages)
        with self._lock:
            self._check()
            if self._as_of is None:
                self._as_of = (_read_as_of(engine),)
            as_of = self._as_of[0]

            def columns() -> IntArray:
                self._fill_all(engine, patient, metric, purchases)
                return np.asarray(self._fields["patient_id"])

            keys: VisitKeys | None = None
            kept = self._visits.get(as_of) if as_of is not None else None
            if as_of is None or kept is not None:
                columns()
            else:
                keys = read_visit_keys(engine, as_of, columns)
            now, fields, days = self._taken(purchases)
            ids = fields["patient_id"]
            if now is not None and (now != as_of or keys is None):  # as_of moved: a recompute committed
                kept = self._visits.get(now)
                keys = kept[1] if kept is not None and np.array_equal(kept[0], ids) else None
                keys = keys if keys is not None else read_visit_keys(engine, now, ids)
            if now is not None and keys is not None:
                self._visits[now] = (ids, keys)
            else:
                keys = None
        return now, _columns(fields), days, keys

    def visit_keys(self, engine: Engine, patient_ids: IntArray, as_of: date) -> VisitKeys:
        """The visit keys up to ``as_of`` aligned to ``patient_ids`` (the columns just loaded), kept like
        the columns until anything is committed."""
        with self._lock:
            self._check()
            kept = self._visits.get(as_of)
            if kept is None or not np.array_equal(kept[0], patient_ids):
                kept = self._visits[as_of] = (
                    patient_ids,
                    read_visit_keys(engine, as_of, patient_ids),
                )
            return kept[1]

    def _fill_all(
        self, engine: Engine, patient: frozenset[str], metric: frozenset[str], purchases: bool
    ) -> None:
        if not self._fill(engine, patient, metric, purchases):
            self._clear()  # the patients changed between two reads: read them all again
            self._fill(engine, patient, metric, purchases)

    def _taken(self, purchases: bool) -> tuple[date | None, dict[str, Any], PurchaseDays | None]:
        """What :meth:`load` hands out of what is kept (under the lock)."""
        as_of = self._as_of[0] if self._as_of else None
        days = self._days.get((trend_start(as_of), as_of)) if purchases and as_of else None
        return as_of, dict(self._fields), days

    def _fill(self, engine: Engine, patient: frozenset[str], metric: frozenset[str], purchases: bool) -> bool:
        """Read what is not kept yet; False if the patients differ from those kept."""
        if self._as_of is None:
            self._as_of = (_read_as_of(engine),)
        as_of, new = self._as_of[0], "patient_id" not in self._fields
        window = (trend_start(as_of), as_of) if purchases and as_of is not None else None
        patient_missing, metric_missing = set(patient) - self._read, set(metric) - self._read
        window_missing = window if window and window not in self._days else None
        read_p, read_m, occasions = read_stored(
            engine,
            patient_missing if new or patient_missing else None,
            metric_missing if new or metric_missing else None,
            window_missing,
        )
        if new:
            assert read_p is not None and read_m is not None
            self._patient_ids, self._metric_ids = read_p["id"], read_m["patient_id"]
            at, found = align(self._patient_ids, self._metric_ids)
            self._keep, self._rows = np.flatnonzero(found), at[found]
            self._fields = {"patient_id": _frozen(self._patient_ids[self._keep])}
        elif any(
            read is not None and not np.array_equal(read[name], kept)
            for read, name, kept in (
                (read_p, "id", self._patient_ids),
                (read_m, "patient_id", self._metric_ids),
            )
        ):
            return False
        self._read |= patient_missing | metric_missing
        for columns, at in ((read_p, self._keep), (read_m, self._rows)):
            for name, values in (columns or {}).items():
                if name == "source":
                    sources, code = source_codes(values)
                    self._fields["source"] = (sources, _frozen(code[at]))
                elif name not in ("id", "patient_id"):
                    self._fields[name] = _frozen(values[at])
        if occasions is not None and window is not None:
            days = occasions.aligned_to(self._fields["patient_id"])
            self._days[window] = PurchaseDays(_frozen(days.pos), _frozen(days.day))
        return True


def _read_as_of(engine: Engine) -> date | None:
    with engine.connect() as conn:
        value = read_value(conn, METRICS_AS_OF_KEY)
    return date.fromisoformat(value) if isinstance(value, str) else None


def _columns(fields: dict[str, Any]) -> PatientColumns:
    """The columns from kept fields (zeros for those of no page loaded)."""
    n = len(fields["patient_id"])
    sources, source = fields.pop("source", (("",), _zeros(n)))
    contact_day = fields.pop("contact_day", _zeros(n))
    knowledge = fields.pop("knowledge", _zeros(n))
    return PatientColumns(
        patient_id=fields["patient_id"], sources=sources, source=source, contact_day=contact_day,
        knowledge=knowledge, **metric_fields(fields, n),
    )  # fmt: skip


def _zeros(n: int) -> IntArray:
    return np.zeros(n, dtype=np.int64)


def _frozen(values: IntArray) -> IntArray:
    """Kept arrays are shared by every caller: none may change them."""
    values.flags.writeable = False
    return values


_CACHES: weakref.WeakKeyDictionary[Engine, StoredColumns] = weakref.WeakKeyDictionary()
_CACHES_LOCK = threading.Lock()


def stored_columns(engine: Engine) -> StoredColumns:
    """The one :class:`StoredColumns` of ``engine``'s database file, closed when the engine is disposed
    (``Database.close``) or collected; an in-memory database gets one that keeps nothing."""
    with _CACHES_LOCK:
        cache = _CACHES.get(engine)
        if cache is None:
            path = engine.url.database
            on_disk = engine.url.get_backend_name() == "sqlite" and path not in (None, "", ":memory:")
            cache = _CACHES[engine] = StoredColumns(path if on_disk else None)
            weakref.finalize(engine, cache.close)
            event.listen(engine, "engine_disposed", lambda _engine: cache.close())
        return cache
