"""Run one read-only aggregate query, possibly in a worker process.

Kept free of every import but :mod:`sqlite3` and :mod:`array` so a spawned worker starts in milliseconds
(Windows has no fork). Why processes: two queries on two threads of one process do not run faster than
one after the other — SQLite's global allocator mutex and the GIL hand-off per result row serialise them —
while two processes scale with the cores (measured: 2 × 0.77 s of visits aggregate in 0.81 s wall).
"""

from __future__ import annotations

import sqlite3
from array import array
from typing import Any

#: a result column: integers packed as 64-bit machine words when every value is one (pickled as bytes,
#: read by NumPy without a Python object per value), else the values as they came
Column = array | tuple[Any, ...]  # type: ignore[type-arg]


def _packed(column: tuple[Any, ...]) -> Column:
    try:
        return array("q", column)
    except (TypeError, OverflowError):  # a NULL, a float or a text: left as it is
        return column


def run_query(db_path: str, sql: str, params: tuple[Any, ...] | dict[str, Any]) -> list[Column]:
    """Rows of ``sql``, transposed to columns (cheaper to pickle back than 50,000 small tuples)."""
    conn = sqlite3.connect(db_path)
    try:
        conn.execute("PRAGMA busy_timeout=10000")
        rows = conn.execute(sql, params).fetchall()
    finally:
        conn.close()
    return [_packed(column) for column in zip(*rows, strict=True)]
