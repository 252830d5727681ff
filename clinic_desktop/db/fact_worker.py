"""Run one read-only aggregate query, possibly in a worker process.

Kept free of every import but :mod:`sqlite3` so a spawned worker starts in milliseconds (Windows has no
fork). Why processes: two queries on two threads of one process do not run faster than one after the
other — measured again with the one-row queries below (no GIL hand-off per result row left): 0.77 s on
two threads against 0.78 s in one, 0.57 s on two warm processes. SQLite's allocations all take one global
mutex in this build (memory statistics on, no lookaside), which serialises the threads.

Every fact query hands back a single row — each result column packed by SQLite into one text
(:func:`clinic_desktop.db.facts.packed_sql`) — so nothing is made per result row in Python and the
answer pickles back as a few strings.
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


def ready() -> bool:
    """A no-op job: submitted first, it makes the pool start its worker while the caller works."""
    return True
