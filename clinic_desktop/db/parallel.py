"""A small pool of worker processes for independent read-only aggregate queries.

Created on first use and reused for the life of the process (the GUI recomputes often). ``spawn``
everywhere, so Linux behaves like the Windows installs, and a Qt process is never forked. If worker
processes cannot be started (a locked-down PC, a frozen build without multiprocessing support), queries
run in-process, one after the other: slower, never wrong.

A spawned worker takes 0.1–0.3 s to start (an interpreter, its imports, the caller's main module) — on a
fresh ``recompute`` command as long as half the work it is there to share. Two things keep that from
being time lost: :func:`start` has the pool start its workers before the caller has even read its
settings, and :func:`run_queries` does not wait for them — the calling process works through the jobs
from the short end of the list (every job a worker has not taken yet can be taken back) while the workers
take them from the long end. With one core of its own for each, the caller needs one worker fewer than
the cores.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from clinic_desktop.db.fact_worker import Row, int32_columns, ready, run_query, run_query_int32

__all__ = ["PARALLEL_MIN_ROWS", "Job", "Params", "Row", "run_queries", "running", "shutdown", "start"]

Params = Sequence[Any] | Mapping[str, Any]
Job = tuple[str, Params]

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_disabled = os.environ.get("CLINIC_DESKTOP_NO_WORKERS") == "1"
#: the calling process works too, so one worker fewer than the cores (at least one, at most three)
WORKERS = max(1, min(3, (os.cpu_count() or 2) - 1))


def _get_pool() -> ProcessPoolExecutor | None:
    global _pool, _disabled
    with _lock:
        if _disabled:
            return None
        if _pool is None:
            try:
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
    way to use both cores — threads, slower — takes the pool only then, rather than wait for a worker
    to start."""
    with _lock:
        return _pool is not None and not _disabled


#: below this many rows to aggregate, starting worker processes costs more than it saves
PARALLEL_MIN_ROWS = 100_000


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
    except (BrokenProcessPool, OSError, RuntimeError):
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
        except (BrokenProcessPool, OSError):  # a worker killed, spawn failed: fall back, don't fail
            shutdown()
    done = {name: here(name, job) for name, job in {**jobs, **(local or {})}.items()}
    while pending:
        pending.pop()()
    return done
