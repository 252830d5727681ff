"""The fact queries' runner (db/parallel): the calling process takes back the jobs no worker has
started, every job's row comes back exactly once and equals the row run in-process, and a broken pool
falls back to running everything here."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from clinic_desktop.db import parallel
from clinic_desktop.db.fact_worker import Row, run_query
from clinic_desktop.db.facts import packed_sql, unpack
from clinic_desktop.services.database import open_database

# Each job a different one-row answer: the ids of the patients from k on, packed as the fact queries are.
JOBS: dict[str, parallel.Job] = {
    f"job_{k}": (packed_sql("SELECT id AS c0, id * 10 AS c1 FROM patients WHERE id >= ?", 2), (k,))
    for k in range(1, 21)
}


@pytest.fixture
def path(tmp_path: Path) -> Path:
    from clinic_desktop.db.engine import write_connection

    db = open_database(tmp_path / "p.db")
    with write_connection(db.engine) as conn:
        for i in range(30):
            conn.exec_driver_sql("INSERT INTO patients (name) VALUES (?)", (f"患者{i}",))
    db.close()
    return tmp_path / "p.db"


@pytest.fixture(params=["threads", "processes"])
def fresh_pool(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No worker started yet, as in a fresh recompute command; the workers threads (SQLite's memory
    statistics off, as in this process) or processes (as where they could not be turned off)."""
    parallel.shutdown()
    monkeypatch.setattr(parallel, "THREADS", request.param == "threads")
    yield
    parallel.shutdown()


def _expected(path: Path) -> dict[str, Row]:
    return {name: run_query(str(path), sql, tuple(params)) for name, (sql, params) in JOBS.items()}


def test_every_row_comes_back_once_and_equal_when_this_process_takes_back_jobs(
    path: Path, fresh_pool: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    here: list[str] = []
    real = parallel._run_here

    def counted(db_path: str, sql: str, params: Any) -> Row:
        here.append(sql)
        return real(db_path, sql, params)

    monkeypatch.setattr(parallel, "_run_here", counted)
    got = parallel.run_queries(path, JOBS, rows=parallel.PARALLEL_MIN_ROWS)
    assert got == _expected(path)
    # this process took back jobs from the short end while the worker (a process still starting, or a
    # thread) took them from the long end: both ran some
    assert 0 < len(here) < len(JOBS)
    assert unpack(got["job_20"])[1].tolist() == [200 + 10 * i for i in range(11)]


def test_local_jobs_and_meanwhile_run_here_before_the_rest(path: Path, fresh_pool: None) -> None:
    order: list[str] = []
    local = {"local": JOBS["job_1"]}
    got = parallel.run_queries(
        path, dict(list(JOBS.items())[1:]), local=local, meanwhile=lambda: order.append("meanwhile")
    )
    assert order == ["meanwhile"]
    assert got == {"local": _expected(path)["job_1"]} | {
        k: v for k, v in _expected(path).items() if k != "job_1"
    }


def test_small_work_runs_in_this_process(path: Path, fresh_pool: None) -> None:
    assert parallel.run_queries(path, JOBS, rows=10) == _expected(path)
    assert parallel._pool is None  # no worker started for it


class _BrokenPool:
    """A pool whose worker was killed: every submit raises, as concurrent.futures does then."""

    def submit(self, *_: object) -> object:
        from concurrent.futures.process import BrokenProcessPool

        raise BrokenProcessPool("a worker was killed")

    def shutdown(self, **_: object) -> None:
        pass


def test_a_broken_pool_falls_back_to_running_everything_here(
    path: Path, fresh_pool: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "_get_pool", lambda: _BrokenPool())
    assert parallel.run_queries(path, JOBS) == _expected(path)


def test_start_is_a_no_op_for_small_work_and_never_fails(fresh_pool: None) -> None:
    parallel.start(10)
    assert parallel._pool is None
    parallel.start(parallel.PARALLEL_MIN_ROWS)
    assert parallel._pool is not None


def test_a_pool_that_breaks_after_meanwhile_ran_does_not_run_it_again(
    path: Path, fresh_pool: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    class BreaksLater:
        def submit(self, *_: object) -> Future[Row]:
            future: Future[Row] = Future()
            future.set_running_or_notify_cancel()  # taken by a worker: not taken back
            future.set_exception(BrokenProcessPool("a worker was killed"))
            return future

        def shutdown(self, **_: object) -> None:
            pass

    monkeypatch.setattr(parallel, "_get_pool", lambda: BreaksLater())
    calls: list[int] = []
    assert parallel.run_queries(path, JOBS, meanwhile=lambda: calls.append(1)) == _expected(path)
    assert calls == [1]


def _parsed(row: Row) -> tuple[Any, ...]:
    """A row with its int32 columns as lists, to compare."""
    return tuple(v.tolist() if hasattr(v, "tolist") else v for v in row)


#: one-row answers with comma-separated integers: the ids from k on, and ten times them
INT_JOBS: dict[str, parallel.Job] = {
    f"ints_{k}": (
        "SELECT count(*), group_concat(id), group_concat(id * 10), 'x' FROM patients WHERE id >= ?",
        (k,),
    )
    for k in range(1, 21)
}


def _int_expected(path: Path) -> dict[str, tuple[Any, ...]]:
    out = {}
    for name, (sql, params) in INT_JOBS.items():
        n, ids, tens, x = run_query(str(path), sql, tuple(params))
        out[name] = (
            n,
            [int(v) for v in ids.split(",")] if ids else [],
            [int(v) for v in tens.split(",")] if tens else [],
            x,
        )
    return out


@pytest.mark.parametrize("rows", [parallel.PARALLEL_MIN_ROWS, 10], ids=["workers", "here"])
def test_int32_columns_come_back_parsed_and_then_sees_each_row_once(
    path: Path, fresh_pool: None, rows: int
) -> None:
    seen: list[tuple[str, Row]] = []
    got = parallel.run_queries(
        path, INT_JOBS, rows=rows, int32=(1, 2), then=lambda name, row: seen.append((name, row))
    )
    expected = _int_expected(path)
    assert {name: _parsed(row) for name, row in got.items()} == expected
    assert all(str(row[1].dtype) == "int32" for row in got.values())
    # every job handed over once, with the row returned (the very object)
    assert sorted(name for name, _ in seen) == sorted(INT_JOBS)
    assert all(got[name] is row for name, row in seen)


def test_then_runs_between_this_process_s_own_jobs(path: Path, fresh_pool: None) -> None:
    """``then`` has a job's row right after this process ran it: before the next job it runs."""
    events: list[str] = []
    real = parallel._run_here

    def counted(db_path: str, sql: str, params: Any) -> Row:
        events.append("run")
        return real(db_path, sql, params)

    parallel._run_here = counted
    try:
        parallel.run_queries(path, INT_JOBS, rows=10, then=lambda name, row: events.append("then"))
    finally:
        parallel._run_here = real
    assert events == ["run", "then"] * len(INT_JOBS)


def test_then_sees_each_row_once_when_the_pool_breaks(
    path: Path, fresh_pool: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "_get_pool", lambda: _BrokenPool())
    seen: list[str] = []
    got = parallel.run_queries(path, INT_JOBS, int32=(1, 2), then=lambda name, _row: seen.append(name))
    assert {name: _parsed(row) for name, row in got.items()} == _int_expected(path)
    assert sorted(seen) == sorted(INT_JOBS)


def test_int32_columns_refuse_what_int32_cannot_hold() -> None:
    from clinic_desktop.db.fact_worker import int32_columns

    row = int32_columns((2, "1,2147483648", "-2147483648,2147483647", None, "1,x"), (1, 2, 3, 4))
    assert [len(v) for v in row[1:]] == [0, 2, 0, 0]  # short: the caller's count says it was refused
    assert row[2].tolist() == [-(1 << 31), (1 << 31) - 1]


def test_running_says_whether_the_pool_was_started(fresh_pool: None) -> None:
    assert not parallel.running()
    parallel.start(parallel.PARALLEL_MIN_ROWS)
    assert parallel.running()


def test_the_workers_are_threads_here_and_processes_where_sqlite_counts_memory(
    path: Path, fresh_pool: None
) -> None:
    """This test process imported the db package before connecting: SQLite's memory statistics are off,
    so the workers are threads of it (named for the self-test's check); the other kind when they are on."""
    import threading
    from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

    from clinic_desktop.db.sqlite_memory import memory_statistics_off

    assert memory_statistics_off()
    assert parallel.run_queries(path, JOBS, rows=parallel.PARALLEL_MIN_ROWS) == _expected(path)
    named = [t for t in threading.enumerate() if t.name.startswith(parallel.THREAD_NAME)]
    if parallel.THREADS:
        assert isinstance(parallel._pool, ThreadPoolExecutor) and named
    else:
        assert isinstance(parallel._pool, ProcessPoolExecutor) and not named
