"""The purchase occasions behind the trends page (services.dashboard.queries.read_purchase_occasions)
equal a plain reading of the same visits: the dates read as texts and made day numbers in NumPy, and any
part with a date stored otherwise read through SQLite's ``julianday`` as before."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta

import pytest

from clinic_desktop.core.batch import NO_DAY
from clinic_desktop.services.dashboard.queries import read_purchase_occasions
from clinic_desktop.services.database import Database

START, END = date(2025, 1, 1), date(2026, 11, 20)


def _reference(path: str) -> list[tuple[int, int]]:
    """Distinct (patient, day) with spend in the window, every line one Python tuple, the day as
    ``julianday`` gives it (NO_DAY where it cannot read the text)."""
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT patient_id, ifnull(CAST(julianday(visit_date) - 1721424.5 AS INTEGER), ?) FROM visits"
            " WHERE amount_fen > 0 AND visit_date >= ? AND visit_date <= ?",
            (NO_DAY, START.isoformat(), END.isoformat()),
        ).fetchall()
    conn.close()
    return sorted(set(rows))


def _fill(db: Database, patients: list[int], lines: int, odd: list[tuple[int, str]]) -> None:
    rng = random.Random(len(patients) + len(odd))
    with sqlite3.connect(db.path) as conn:
        conn.executemany(
            "INSERT INTO patients (id, name, created_at) VALUES (?, ?, '2024-01-01 09:00:00')",
            [(pid, f"p{pid}") for pid in patients],
        )
        first = date(2024, 6, 1)
        conn.executemany(
            "INSERT INTO visits (patient_id, visit_date, amount_fen) VALUES (?, ?, ?)",
            [
                (
                    rng.choice(patients),
                    (first + timedelta(days=rng.randrange(950))).isoformat(),
                    rng.choice([0, 500]),
                )
                for _ in range(lines)
            ]
            + [(pid, text, 100) for pid, text in odd],
        )
    conn.close()


@pytest.mark.parametrize(
    "odd",
    [
        [],  # plain dates only: through NumPy
        [
            (3, "2026-03-04 10:30:00"),
            (4, "2026-02-30"),
            (5, "2026-1-5"),
        ],  # a date-time, no such day, one julianday cannot read
    ],
    ids=["plain", "stored-otherwise"],
)
@pytest.mark.parametrize(
    "patients",
    [list(range(1, 200)), [*range(1, 150), *range(40_000, 40_100)]],  # one id range or several
    ids=["one-part", "parts"],
)
def test_occasions_equal_a_plain_reading(
    db: Database, patients: list[int], odd: list[tuple[int, str]]
) -> None:
    _fill(db, patients, 4_000, odd)
    got = read_purchase_occasions(db.engine, START, END)
    expected = _reference(str(db.path))
    assert list(zip(got.patient_id.tolist(), got.day.tolist(), strict=True)) == expected
    assert (5, NO_DAY) in expected if odd else all(day > NO_DAY for _, day in expected)


def test_no_visit_in_the_window(db: Database) -> None:
    _fill(db, [1, 2], 0, [])
    got = read_purchase_occasions(db.engine, START, END)
    assert len(got.patient_id) == len(got.day) == 0
