"""A small pool of workers for independent read-only aggregate queries: threads, or processes.

Created on first use and reused for the life of the process (the GUI recomputes often). If workers cannot
be started (a locked-down PC, a frozen build without multiprocessing support), queries run in this
process, one after the other: slower, never wrong.

**Threads** when SQLite's memory statistics are off in this process (:mod:`.sqlite_memory`, done when the
db package is imported): then no allocation takes SQLite's process-wide mutex, and a query on each of two
threads runs at once (sqlite3 releases the GIL while a statement runs; each job answers with one row, so
there is no per-row Python to share the GIL over). A thread starts in a fraction of a millisecond, so
work is shared from 20,000 visit lines (:data:`PARALLEL_MIN_ROWS`; 100,000 for processes), which takes
in a 10,000-patient clinic. The first recompute of a fresh process, alternating three times with the
processes: 10,000 patients 0.09 s against 0.10–0.21 s (those ran here alone, below their threshold),
100,000 patients 0.51–0.61 s against 0.65–0.73 s, 300,000 1.59–1.98 s against 1.68–2.25 s; once
started, the same.

**Processes** otherwise (``spawn`` everywhere, so Linux behaves like the Windows installs, and a Qt process
is never forked). A spawned worker takes 0.1–0.3 s to start (an interpreter, its imports, the caller's
main module) — on a fresh ``recompute`` command as long as half the work it is there to share. Two things
keep that from being time lost: :func:`start` has the pool start its workers before the caller has even
read its settings, and :func:`run_queries` does not wait for them.

Either way the calling thread works through the jobs from the short end of the list (every job a worker
has not taken yet can be taken back) while the workers take them from the long end. With one core of its
own for each, the caller needs one worker fewer than the cores.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import (
    BrokenExecutor,
    Executor,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    as_completed,
)
from pathlib import Path
from typing import Any

from clinic_desktop.db.fact_worker import Row, int32_columns, ready, run_query, run_query_int32
from clinic_desktop.db.sqlite_memory import memory_statistics_off

__all__ = [
    "PARALLEL_MIN_ROWS",
    "THREADS",
    "Job",
    "Params",
    "Row",
    "run_queries",
    "running",
    "shutdown",
    "start",
]

Params = Sequence[Any] | Mapping[str, Any]
Job = tuple[str, Params]

_lock = threading.Lock()
_pool: Executor | None = None
_disabled = os.environ.get("CLINIC_DESKTOP_NO_WORKERS") == "1"
#: the calling process works too, so one worker fewer than the cores (at least one, at most three)
WORKERS = max(1, min(3, (os.cpu_count() or 2) - 1))
#: whether the workers are threads of this process (SQLite's memory statistics off here) or processes
THREADS = memory_statistics_off()


def _get_pool() -> Executor | None:
    global _pool, _disabled
    with _lock:
        if _disabled:
            return None
        if _pool is None:
            try:
                if THREADS:
                    _pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix=THREAD_NAME)
                else:
                    _pool = ProcessPoolExecutor(
                        max_workers=WORKERS, mp_context=multiprocessing.get_context("spawn")
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


def running() -> bool:
    """Whether this process has the pool already (a recompute started it): a caller that has another
    way to use both cores (threads of its own) takes the pool only then, rather than wait for a worker
    process to start."""
    with _lock:
        return _pool is not None and not _disabled


#: the worker threads' name (``threading.enumerate``: the self-test's check that they ran)
THREAD_NAME = "clinic-query"
#: below this many rows to aggregate, starting workers costs more than it saves: a worker process's
#: start is a tenth of a second or more, a thread's nothing (then only the smallest clinics run alone)
PARALLEL_MIN_ROWS = 20_000 if THREADS else 100_000


def start(rows: int) -> None:
    """Have the workers start now (each one is spawned on a job's arrival) when ``rows`` is enough work
    for them: the caller goes on with its own reads meanwhile. Never fails; run_queries falls back."""
    if rows < PARALLEL_MIN_ROWS:
        return
    pool = _get_pool()
    if pool is None:
        return
    try:
        for _ in range(WORKERS):
            pool.submit(ready)
    except (BrokenExecutor, OSError, RuntimeError):
        shutdown()


#: how this process runs a job itself (the workers are handed ``run_query`` by name); tests wrap it
_run_here: Callable[[str, str, tuple[Any, ...] | dict[str, Any]], Row] = run_query


def _plain(params: Params) -> tuple[Any, ...] | dict[str, Any]:
    return dict(params) if isinstance(params, Mapping) else tuple(params)


def run_queries(
    db_path: Path,
    jobs: Mapping[str, Job],
    *,
    rows: int = PARALLEL_MIN_ROWS,
    local: Mapping[str, Job] | None = None,
    meanwhile: Callable[[], object] | None = None,
    int32: tuple[int, ...] = (),
    then: Callable[[str, Row], object] | None = None,
) -> dict[str, Row]:
    """Run every job (SQL of one result row, params) against ``db_path``; its row, keyed like ``jobs``.

    Jobs go to the workers in the given order: put the longest first. ``rows`` is the caller's estimate
    of the work; small databases run in-process. ``local`` jobs run in this process first, then
    ``meanwhile`` is called; then this process takes back the jobs no worker has started, shortest
    first, until the workers have the rest.

    For a caller with work of its own on each row: ``int32`` names result columns (texts of
    comma-separated integers) to parse into int32 arrays where the job ran
    (:func:`~clinic_desktop.db.fact_worker.int32_columns`), and ``then`` is called in this process once
    with each job's name and row as soon as it is here — its own jobs' right after each, the workers'
    between them and as they arrive — so that work overlaps the workers' instead of following them all.
    """
    pool = _get_pool() if rows >= PARALLEL_MIN_ROWS else None
    path = str(db_path)
    pending = [meanwhile] if meanwhile is not None else []
    handed: set[str] = set()  # the jobs whose rows ``then`` has had

    def hand(name: str, row: Row) -> Row:
        if then is not None and name not in handed:
            handed.add(name)
            then(name, row)
        return row

    def here(name: str, job: Job) -> Row:
        row = _run_here(path, job[0], _plain(job[1]))
        return hand(name, int32_columns(row, int32) if int32 else row)

    if pool is not None:
        try:
            futures: dict[str, Future[Row]] = {
                name: pool.submit(run_query_int32, path, sql, _plain(params), int32)
                if int32
                else pool.submit(run_query, path, sql, _plain(params))
                for name, (sql, params) in jobs.items()
            }
            done = {name: here(name, job) for name, job in (local or {}).items()}
            while pending:  # once, even if the pool breaks after it
                pending.pop()()

            def arrived() -> None:
                for name, future in futures.items():
                    if name not in done and future.done() and not future.cancelled():
                        done[name] = hand(name, future.result())

            for name in reversed(list(futures)):
                if not futures[name].cancel():  # a worker has it, and every job before it
                    break
                done[name] = here(name, jobs[name])
                arrived()
            for future in as_completed([f for name, f in futures.items() if name not in done]):
                if not future.cancelled():
                    arrived()
            return done
        except (BrokenExecutor, OSError):  # a worker killed, spawn failed: fall back, don't fail
            shutdown()
    done = {name: here(name, job) for name, job in {**jobs, **(local or {})}.items()}
    while pending:
        pending.pop()()
    return done
