"""A small pool of worker processes for independent read-only aggregate queries.

Created on first use and reused for the life of the process (the GUI recomputes often; a spawned
worker costs tens of milliseconds to start, so paying that once matters). ``spawn`` everywhere, so
Linux behaves like the Windows installs, and a Qt process is never forked. If worker processes cannot be
started (a locked-down PC, a frozen build without multiprocessing support), queries run in-process, one
after the other: slower, never wrong.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from clinic_desktop.db.fact_worker import Column, run_query

Params = Sequence[Any] | Mapping[str, Any]
Job = tuple[str, Params]
Columns = list[Column]

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_disabled = os.environ.get("CLINIC_DESKTOP_NO_WORKERS") == "1"


def _get_pool() -> ProcessPoolExecutor | None:
    global _pool, _disabled
    with _lock:
        if _disabled:
            return None
        if _pool is None:
            try:
                workers = max(1, min(2, os.cpu_count() or 1))
                _pool = ProcessPoolExecutor(
                    max_workers=workers, mp_context=multiprocessing.get_context("spawn")
                )
                atexit.register(shutdown)
            except (OSError, NotImplementedError, ImportError):
                _disabled = True
                return None
        return _pool


def shutdown() -> None:
    global _pool
    with _lock:
        if _pool is not None:
            _pool.shutdown(wait=True, cancel_futures=True)
            _pool = None


#: below this many rows to aggregate, starting worker processes costs more than it saves
PARALLEL_MIN_ROWS = 100_000


def _plain(params: Params) -> tuple[Any, ...] | dict[str, Any]:
    return dict(params) if isinstance(params, Mapping) else tuple(params)


def run_queries(
    db_path: Path,
    jobs: Mapping[str, Job],
    *,
    rows: int = PARALLEL_MIN_ROWS,
    local: Mapping[str, Job] | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> dict[str, Columns]:
    """Run every job (SQL, params) against ``db_path``; results as columns, keyed like ``jobs``.

    Jobs are submitted in the given order: put the longest first. ``rows`` is the caller's estimate of
    the work; small databases run in-process. ``local`` jobs (short ones) run in this process while the
    workers start and work, so the time a spawned worker takes to start is not time lost; then
    ``meanwhile`` is called, still before waiting for the workers.
    """
    pool = _get_pool() if rows >= PARALLEL_MIN_ROWS else None
    path = str(db_path)
    local = local or {}
    if pool is not None:
        try:
            futures: dict[str, Future[Columns]] = {
                name: pool.submit(run_query, path, sql, _plain(params))
                for name, (sql, params) in jobs.items()
            }
            done = {name: run_query(path, sql, _plain(params)) for name, (sql, params) in local.items()}
            if meanwhile is not None:
                meanwhile()
            return done | {name: future.result() for name, future in futures.items()}
        except Exception as exc:  # a broken pool (worker killed, spawn failed): fall back, don't fail
            from concurrent.futures.process import BrokenProcessPool

            if not isinstance(exc, BrokenProcessPool | OSError):
                raise
            shutdown()
    every = {**jobs, **local}
    done = {name: run_query(path, sql, _plain(params)) for name, (sql, params) in every.items()}
    if meanwhile is not None:
        meanwhile()
    return done
