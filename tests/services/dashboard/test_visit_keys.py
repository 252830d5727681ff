"""The visit keys behind the 复购周期 page (services.dashboard.visit_keys) equal a plain reading of the same
lines: every path of the reading — plain dates through NumPy, any other stored date through SQLite's
``julianday``, patient ids past one 16-bit radix digit, ids too sparse for a table of positions — read on
threads of this process, or with the worker processes a recompute left running."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import numpy as np
import pytest

from clinic_desktop.core.batch import NO_DAY
from clinic_desktop.db import parallel
from clinic_desktop.services.dashboard import visit_keys
from clinic_desktop.services.dashboard.visit_keys import _days_of_texts, read_visit_keys
from clinic_desktop.services.database import Database

AS_OF = date(2026, 11, 20)


def _reference(
    path: str, as_of: date, patient_ids: list[int]
) -> tuple[list[tuple[int, int, int]], list[int]]:
    """Distinct (treatment, position, day) sorted, the plain way: every line one Python tuple, the day as
    SQLite's ``julianday`` gives it, only the catalogue's treatments and the given patients."""
    at = {pid: i for i, pid in enumerate(patient_ids)}
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT treatment_id, patient_id, CAST(julianday(visit_date) - 1721424.5 AS INTEGER) FROM visits"
            " WHERE treatment_id IN (SELECT id FROM treatments) AND visit_date <= ?",
            (as_of.isoformat(),),
        ).fetchall()
        referrers = [
            r
            for (r,) in conn.execute(
                "SELECT referred_by_id FROM patients WHERE referred_by_id IS NOT NULL AND NOT archived"
            )
        ]
    conn.close()
    keys = sorted({(t, at[p], NO_DAY if d is None else d) for t, p, d in rows if p in at})
    return keys, sorted(at[r] for r in referrers if r in at)


def _fill(db: Database, patients: list[int], lines: int, seed: int) -> None:
    """Patients with the given ids (sparse ones too) and random visit lines of a few treatments."""
    rng = random.Random(seed)
    with sqlite3.connect(db.path) as conn:
        treatments = [t for (t,) in conn.execute("SELECT id FROM treatments ORDER BY id LIMIT 6")]
        conn.executemany(
            "INSERT INTO patients (id, name, created_at, archived, referred_by_id) VALUES (?, ?, ?, ?, ?)",
            [
                (
                    pid,
                    f"p{pid}",
                    "2024-01-01 09:00:00",
                    int(rng.random() < 0.1),
                    rng.choice([None, patients[0]]),
                )
                for pid in patients
            ],
        )
        start = date(2025, 1, 1)
        conn.executemany(
            "INSERT INTO visits (patient_id, visit_date, treatment_id, amount_fen) VALUES (?, ?, ?, ?)",
            [
                (
                    rng.choice(patients),
                    (start + timedelta(days=rng.randrange(720))).isoformat(),  # some after as-of
                    rng.choice([*treatments, None]),
                    rng.choice([0, 10_000]),
                )
                for _ in range(lines)
            ],
        )
    conn.close()


@pytest.fixture(params=["threads", "workers"])
def reading(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Each test once per way of reading: on threads (no worker running), and with a running worker pool
    taken for any number of lines (this process reads some treatments too). Yields the ways taken."""
    taken: list[str] = []
    real_pool, real_threads = visit_keys._on_pool, visit_keys._on_threads

    def on_pool(*args: Any) -> Any:
        taken.append("workers")
        return real_pool(*args)

    def on_threads(*args: Any) -> Any:
        taken.append("threads")
        return real_threads(*args)

    monkeypatch.setattr(visit_keys, "_on_pool", on_pool)
    monkeypatch.setattr(visit_keys, "_on_threads", on_threads)
    parallel.shutdown()
    if request.param == "workers":
        monkeypatch.setattr(visit_keys, "PARALLEL_MIN_ROWS", 0)
        monkeypatch.setattr(parallel, "PARALLEL_MIN_ROWS", 0)
        parallel.start(0)
        pool = parallel._get_pool()
        assert pool is not None
        assert pool.submit(parallel.ready).result(timeout=60)  # running, as after a recompute
    yield taken
    parallel.shutdown()
    assert taken and set(taken) == {request.param}


def _check(db: Database, patient_ids: list[int]) -> None:
    ids = np.array(sorted(patient_ids), dtype=np.int64)
    keys = read_visit_keys(db.engine, AS_OF, ids)
    expected, referrers = _reference(str(db.path), AS_OF, ids.tolist())
    assert list(zip(keys.treatment.tolist(), keys.pos.tolist(), keys.day.tolist(), strict=True)) == expected
    assert sorted(keys.referrer_pos.tolist()) == referrers


@pytest.mark.parametrize(
    "patients",
    [
        list(range(1, 300)),  # dense ids, one radix digit
        [*range(1, 200), *range(65_530, 65_560), 140_000],  # ids past 65,535: two digits
        [*range(1, 100), 5_000_000, 9_000_000],  # too sparse for a table of positions
        [-3, *range(1, 100)],  # a negative id (SQLite allows one): no table, no radix sort
    ],
    ids=["dense", "two-digits", "sparse", "negative"],
)
def test_keys_equal_a_plain_reading(db: Database, patients: list[int], reading: list[str]) -> None:
    _fill(db, patients, 3_000, seed=len(patients))
    _check(db, patients)  # every patient in the columns
    _check(db, patients[::3])  # some left out (as archived or new patients are)


def test_dates_stored_otherwise_go_through_sqlite(db: Database, reading: list[str]) -> None:
    """A date-time, a non-padded date, a day past the month's end: that treatment's lines are read with
    ``julianday`` (the same numbers as before), the other treatments' through NumPy."""
    _fill(db, list(range(1, 50)), 600, seed=7)
    with sqlite3.connect(db.path) as conn:
        first, second = (t for (t,) in conn.execute("SELECT id FROM treatments ORDER BY id LIMIT 2"))
        conn.executemany(
            "INSERT INTO visits (patient_id, visit_date, treatment_id, amount_fen) VALUES (?, ?, ?, 0)",
            [
                (3, "2026-03-04 10:30:00", first),  # a date-time: the day of it
                (3, "2026-03-04", first),
                (4, "2026-3-5", first),  # julianday cannot read it: NO_DAY, as before
                (5, "2026-02-30", second),  # julianday reads it as 03-02
                (5, "2026-11-20 08:00", second),  # after as-of as a text: left out, as before
            ],
        )
    conn.close()
    _check(db, list(range(1, 50)))


@pytest.mark.parametrize(
    "texts",
    [
        ["2026-01-31", "2024-02-29", "0001-01-01", "9999-12-31", "2026-12-04"],
        ["2026-12-04"],
    ],
)
def test_plain_dates_are_their_ordinals(texts: list[str]) -> None:
    days = _days_of_texts(",".join(texts), len(texts))
    assert days is not None and days.tolist() == [date.fromisoformat(t).toordinal() for t in texts]


@pytest.mark.parametrize(
    "texts",
    [
        ["2026-01-31", "2026-02-30"],  # no such day
        ["2025-02-29"],  # not a leap year
        ["2026-13-01"],
        ["0000-01-01"],  # before year 1
        ["2026-1-31", "2026-01-310"],  # lengths adding up to ten each
        ["2026-01-31 10:00"],
        ["2026/01/31"],
        ["２０２６-01-31"],
    ],
)
def test_any_other_text_is_refused(texts: list[str]) -> None:
    assert _days_of_texts(",".join(texts), len(texts)) is None


def test_the_page_reads_its_keys_with_the_columns_and_equals_a_fresh_reading(
    db: Database, reading: list[str]
) -> None:
    """The 复购周期 page starts the visit lines before the columns (StoredColumns.load_with_visit_keys):
    the same keys and numbers as the columns first and the lines after, kept for the click-throughs."""
    from clinic_desktop.services.dashboard.cache import stored_columns
    from clinic_desktop.services.dashboard.numbers import load_dashboard
    from clinic_desktop.services.dashboard.segments import fresh_cycle_numbers
    from clinic_desktop.services.demo.builder import generate_demo
    from clinic_desktop.services.metrics import recompute

    generate_demo(db, patients=300, seed=5, as_of=AS_OF)
    recompute(db, AS_OF)
    board = load_dashboard(db, pages=("cycles",))
    as_of, cols, _ = stored_columns(db.engine).load(db.engine, ["cycles"])
    assert as_of == AS_OF and board.cycles.cycles and board.cycles.crosssell
    kept = stored_columns(db.engine).visit_keys(db.engine, cols.patient_id, AS_OF)
    fresh = read_visit_keys(db.engine, AS_OF, np.array(cols.patient_id))
    for name in ("treatment", "pos", "day", "referrer_pos", "referred_day"):
        assert np.array_equal(getattr(kept, name), getattr(fresh, name)), name
    assert board.cycles == fresh_cycle_numbers(db, cols, AS_OF)
    reads = len(reading)
    assert load_dashboard(db, pages=("cycles",)).cycles == board.cycles
    assert len(reading) == reads  # the second look reads no visit line again


def test_before_any_recompute_the_page_is_empty(db: Database) -> None:
    from clinic_desktop.services.dashboard.numbers import load_dashboard

    _fill(db, list(range(1, 30)), 100, seed=1)
    board = load_dashboard(db, pages=("cycles",))
    assert board.as_of is None and board.cycles.cycles == [] and board.cycles.crosssell == []
