"""Run one read-only aggregate query, possibly in a worker process.

Kept free of every import but :mod:`sqlite3` (and the db package's SQLite setting) so a spawned worker
starts in milliseconds (Windows has no fork). Why processes: with SQLite's memory statistics on (its
default), two queries on two threads of one process did not run faster than one after the other —
0.77 s on two threads against 0.78 s in one, 0.57 s on two warm processes — because every allocation
takes one global mutex. The app now turns the statistics off (:mod:`clinic_desktop.db.sqlite_memory`),
after which threads scale too (the visits pass at 300,000 patients: 0.97–1.17 s on two threads against
1.6–1.9 s on one), and :mod:`clinic_desktop.db.parallel` runs these jobs on threads; processes remain
for a process where the statistics could not be turned off.

Every fact query hands back a single row — each result column packed by SQLite into one text
(:func:`clinic_desktop.db.facts.packed_sql`) — so nothing is made per result row in Python and the
answer pickles back as a few strings — or, with :func:`run_query_int32`, as arrays parsed where the query
ran, so the caller is not left with the parsing of every worker's answer after its own share.
"""

from __future__ import annotations

import sqlite3
from typing import Any

#: a query's one result row (texts of packed integers; None where there were no rows)
Row = tuple[Any, ...]


def run_query(db_path: str, sql: str, params: tuple[Any, ...] | dict[str, Any]) -> Row:
    """The one row of ``sql`` (a query of a single aggregate row), read on a new connection."""
    conn = sqlite3.connect(db_path)
    try:
        conn.execute("PRAGMA busy_timeout=10000")
        row = conn.execute(sql, params).fetchone()
    finally:
        conn.close()
    return tuple(row)


def int32_columns(row: Row, columns: tuple[int, ...]) -> Row:
    """``row`` with each of ``columns`` (texts of comma-separated integers, or None) as an int32 NumPy
    array. The caller checks the lengths against the row's counts: a text NumPy cannot read to its end, or
    a value out of int32's range, gives an empty array rather than failing here. NumPy is imported on the
    first call, not at the worker's start."""
    import warnings

    import numpy as np

    out = list(row)
    for at in columns:
        text, values = out[at], np.zeros(0, dtype=np.int64)
        if text:
            try:
                with warnings.catch_warnings():  # older NumPy warns and stops early where newer raises
                    warnings.simplefilter("error", DeprecationWarning)
                    values = np.fromstring(text, dtype=np.int64, sep=",")
            except (ValueError, DeprecationWarning):
                values = np.zeros(0, dtype=np.int64)
        fits = len(values) == 0 or (int(values.min()) >= -(1 << 31) and int(values.max()) < 1 << 31)
        out[at] = (values if fits else values[:0]).astype(np.int32)
    return tuple(out)


def run_query_int32(
    db_path: str, sql: str, params: tuple[Any, ...] | dict[str, Any], columns: tuple[int, ...]
) -> Row:
    """:func:`run_query`, with ``columns`` of the row parsed into int32 arrays (:func:`int32_columns`)."""
    return int32_columns(run_query(db_path, sql, params), columns)


def ready() -> bool:
    """A no-op job: submitted first, it makes the pool start its worker while the caller works."""
    return True
