"""Writing many rows at once on the raw ``sqlite3`` connection: the write transaction and the INSERTs.

The demo clinic (up to a million visit lines), an import (50,000 patients in seconds) and undoing an import
all write below the ORM, on plain tuples, and all need the transaction set up the same way:

* ``BEGIN IMMEDIATE``: the write lock is taken first, so a second writer waits (busy timeout) instead of
  failing. A plain ``BEGIN`` that reads and then writes gets an instant "database is locked" when another
  connection wrote in between — SQLite cannot upgrade a stale read snapshot, and does not wait.
* ``COMMIT`` at the end, ``ROLLBACK`` on any error: all or nothing.
* For bulk work, a 128 MiB page cache (the indexes being filled stay in memory) and the cyclic garbage
  collector paused (:func:`gc_paused`).
* When the caller has checked every enumerated code it writes against :mod:`clinic_desktop.db.models`,
  ``PRAGMA ignore_check_constraints``: a ``CHECK (x IN (…))`` makes SQLite build an ephemeral table per
  inserted row, the biggest single cost of a bulk insert.

Connection settings changed here are put back before the connection returns to the pool.
"""

from __future__ import annotations

import gc
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from functools import cache
from itertools import chain
from typing import Any

from sqlalchemy import Engine

from clinic_desktop.db.engine import driver_connection, note_write
from clinic_desktop.db.models import column_names

__all__ = [
    "MAX_PARAMS",
    "bulk_columns",
    "bulk_page_cache",
    "gc_paused",
    "insert_rows",
    "refresh_statistics",
    "write_transaction",
]

#: SQLite's smallest default limit on bound parameters per statement (SQLITE_MAX_VARIABLE_NUMBER < 3.32)
MAX_PARAMS = 999
#: page cache while bulk-writing, in KiB (a negative ``cache_size`` is KiB)
_BULK_CACHE_KIB = 131_072

_gc_lock = threading.Lock()
_gc_pauses = 0


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while millions of small objects are built and written.

    Reading 50,000 rows builds millions of small objects, so the collector keeps running full passes
    over them — each one holds the GIL for up to a third of a second (the window froze that long while
    an import ran in the background) and together they cost ~0.4 s of a 3 s import. Nothing bulk work
    builds has reference cycles, so reference counting frees everything anyway; the collector resumes
    afterwards. Counted, so overlapping pauses (the CLI, a test, the wizard, a call list being built)
    re-enable it only when the last ends; if someone else turned it off, it is left off.
    """
    global _gc_pauses
    with _gc_lock:
        counted = _gc_pauses > 0 or gc.isenabled()
        if counted:
            _gc_pauses += 1
            gc.disable()
    try:
        yield
    finally:
        if counted:
            with _gc_lock:
                _gc_pauses -= 1
                if _gc_pauses == 0:
                    gc.enable()


@contextmanager
def bulk_page_cache(conn: sqlite3.Connection | sqlite3.Cursor) -> Iterator[None]:
    """The bulk writers' large page cache on ``conn`` meanwhile, put back afterwards (a pooled
    connection): with SQLite's default 2 MB, a write of tens of thousands of rows spills the pages it
    is still filling and reads them back."""
    with _pragma(conn, "cache_size", -_BULK_CACHE_KIB):
        yield


@contextmanager
def _pragma(cur: sqlite3.Connection | sqlite3.Cursor, name: str, value: int) -> Iterator[None]:
    before = int(cur.execute(f"PRAGMA {name}").fetchone()[0])
    cur.execute(f"PRAGMA {name}={value}")
    try:
        yield
    finally:
        cur.execute(f"PRAGMA {name}={before}")


@contextmanager
def write_transaction(
    engine: Engine, *, bulk: bool = False, codes_checked: bool = False, secure_delete: bool = False
) -> Iterator[sqlite3.Cursor]:
    """A cursor inside ``BEGIN IMMEDIATE`` … ``COMMIT`` on a raw connection of ``engine``; any exception
    rolls back and propagates.

    ``bulk``: large page cache and the garbage collector paused, for writes of thousands of rows.
    ``codes_checked``: the caller vouches that every enumerated value it writes is one the schema allows,
    so ``CHECK`` constraints are skipped for this transaction (other constraints still hold).
    ``secure_delete``: what the transaction deletes is overwritten with zeros in the file, not just
    unlinked from the B-tree (erasing a patient: their data must not linger in free pages).
    """
    raw = engine.raw_connection()
    try:
        conn = driver_connection(raw)
        cur = conn.cursor()
        try:
            with ExitStack() as settings:
                if bulk:
                    settings.enter_context(bulk_page_cache(cur))
                    settings.enter_context(gc_paused())
                if codes_checked:
                    settings.enter_context(_pragma(cur, "ignore_check_constraints", 1))
                if secure_delete:
                    settings.enter_context(_pragma(cur, "secure_delete", 1))
                cur.execute("BEGIN IMMEDIATE")
                note_write(engine)
                try:
                    yield cur
                    cur.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        cur.execute("ROLLBACK")
                    raise
        finally:
            cur.close()
    finally:
        raw.close()


@cache
def _statements(table: str, columns: tuple[str, ...]) -> tuple[str, str, int]:
    """(one-row INSERT, multi-row INSERT, rows per multi-row statement) for ``table``'s ``columns``."""
    row = f"({', '.join('?' * len(columns))})"
    per = max(1, MAX_PARAMS // len(columns))
    head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
    return head + row, head + ", ".join([row] * per), per


def insert_rows(
    cur: sqlite3.Cursor, table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> None:
    """Insert ``rows`` (tuples in ``columns`` order) with as many rows per statement as the parameter
    limit allows: fewer round trips through the sqlite3 module, about a third less time per row than
    an ``executemany`` of one row per statement."""
    single, multi, per = _statements(table, tuple(columns))
    full = len(rows) - len(rows) % per
    if full:
        flat = chain.from_iterable
        cur.executemany(multi, [tuple(flat(rows[k : k + per])) for k in range(0, full, per)])
    if full < len(rows):
        cur.executemany(single, rows[full:])


def refresh_statistics(engine: Engine) -> None:
    """After a bulk write into a fresh database: table statistics for the query planner (a bounded
    ``ANALYZE``) and the write-ahead log folded back into the file."""
    raw = engine.raw_connection()
    try:
        cur = driver_connection(raw).cursor()
        try:
            with _pragma(cur, "analysis_limit", 1000):
                # ANALYZE writes sqlite_stat1: a write, so it takes the write lock first like every other
                # (alone it would read, then fail at once if another connection wrote meanwhile)
                cur.execute("BEGIN IMMEDIATE")
                note_write(engine)
                try:
                    cur.execute("ANALYZE")
                    cur.execute("COMMIT")
                except BaseException:
                    cur.execute("ROLLBACK")
                    raise
            cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            cur.close()
    finally:
        raw.close()


#: columns only the app itself sets, never a bulk writer: a tag's derivation rule, a contact's link to the
#: saved call-list row it was logged from, the moment a patient was archived (by the archive action)
_APP_ONLY: dict[str, tuple[str, ...]] = {
    "tags": ("rule",),
    "contacts": ("call_list_row_id",),
    "patients": ("archived_at",),
}


def bulk_columns(table: str) -> tuple[str, ...]:
    """The columns a bulk writer fills in ``table``, in model order (the order of its row tuples): all of
    them but :data:`_APP_ONLY`'s."""
    return column_names(table, without=_APP_ONLY.get(table, ()))
