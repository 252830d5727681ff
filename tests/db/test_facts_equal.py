"""The tuned fact queries (issue 15: integer day numbers worked out in SQLite, packed result columns,
the patient queries run while the workers start) give exactly the facts the queries before them gave —
on a demo clinic, on several days, in-process and on worker processes, and through a full recompute."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import fields, replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from facts_before_issue15 import RECALL_DUE_BEFORE, load_facts_before
from sqlalchemy import select

from clinic_desktop.core.calllists.recall import recall_window
from clinic_desktop.core.settings import Settings
from clinic_desktop.db import parallel
from clinic_desktop.db.facts import RECALL_VISITS_SQL, due_recalls, load_facts
from clinic_desktop.db.models import PatientMetrics
from clinic_desktop.services.database import Database, open_database
from clinic_desktop.services.demo.builder import generate_demo
from clinic_desktop.services.metrics import compute, recompute

AS_OF = date(2026, 11, 22)
DAYS = (AS_OF, AS_OF + timedelta(days=9), AS_OF - timedelta(days=400), AS_OF + timedelta(days=800))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("facts_equal") / "demo.db"
    db = open_database(path)
    generate_demo(db, patients=500, seed=5, as_of=AS_OF)
    db.close()
    return path


def _equal(path: Path, as_of: date, settings: Settings) -> None:
    db = open_database(path)
    try:
        new = load_facts(db.engine, db.path, as_of, settings)
    finally:
        db.close()
    old = load_facts_before(path, as_of, settings)
    for f in fields(old):
        assert np.array_equal(getattr(new, f.name), getattr(old, f.name)), (as_of, f.name)
        assert getattr(new, f.name).dtype == getattr(old, f.name).dtype, f.name


@pytest.mark.parametrize("as_of", DAYS)
def test_facts_equal_the_queries_before(demo: Path, as_of: date) -> None:
    _equal(demo, as_of, Settings())


def test_facts_equal_with_a_lifetime_window(demo: Path) -> None:
    _equal(demo, AS_OF, replace(Settings(), ers_window_months=0))


def test_facts_equal_on_worker_processes(demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_MIN_ROWS", 0)
    try:
        for as_of in DAYS[:2]:
            _equal(demo, as_of, Settings())
    finally:
        parallel.shutdown()


def test_stored_rows_equal_a_fresh_computation_day_after_day(demo: Path, tmp_path: Path) -> None:
    """recompute writes only the rows that changed; after several days the table is the day's result."""
    path = tmp_path / "copy.db"
    path.write_bytes(demo.read_bytes())
    db: Database = open_database(path)
    try:
        for day in (AS_OF, AS_OF + timedelta(days=1), AS_OF + timedelta(days=40)):
            recompute(db, day)
            result = compute(db, day)
            with db.sessions() as s:
                rows = {m.patient_id: m for m in s.scalars(select(PatientMetrics))}
            assert sorted(rows) == result.facts.patient_id.tolist()
            for i in range(0, len(result.facts), 7):
                pid = int(result.facts.patient_id[i])
                m = rows[pid]
                assert m.purchases == int(result.facts.purchases[i])
                assert m.spend_window_fen == int(result.facts.spend_window_fen[i])
                assert m.e == int(result.table.e[i]) and m.r == int(result.table.r[i])
                assert m.composite_centi == int(result.table.composite_centi[i])
                assert m.stage == result.metric(i).stage.value
                assert m.activity == result.metric(i).activity.value
                last = result.metric(i).facts.last_purchase
                assert m.last_purchase == last
    finally:
        db.close()


# The recall rule as SQLite grouped it before the grouping moved to NumPy (seventh session): each
# treatment's visits up to as-of grouped by patient, due when the latest is inside the window.
RECALL_DUE_GROUPED = """
FROM treatments AS t
JOIN visits AS v
  ON v.treatment_id = t.id
 AND v.visit_date BETWEEN date(:start, '-' || t.recall_days || ' days') AND :as_of
WHERE t.recall_days IS NOT NULL
GROUP BY v.patient_id, t.id
HAVING MAX(v.visit_date) <= date(:end, '-' || t.recall_days || ' days')
"""


@pytest.mark.parametrize("as_of", DAYS)
@pytest.mark.parametrize("window", [(60, 14), (0, 0), (7, 90), (400, 400)])
def test_recall_lines_equal_the_grouped_and_probing_forms_before(
    demo: Path, as_of: date, window: tuple[int, int]
) -> None:
    """The recall rule's due lines, grouped in NumPy (:func:`due_recalls`), are those SQLite's grouping
    gave (fourth session) and those of probing every in-window visit for a later one (before issue 15):
    the same patients, treatments and last days, for windows narrower and wider than the recall
    intervals (30–365 days) and ahead of as-of by more than an interval."""
    settings = replace(Settings(), recall_overdue_days=window[0], recall_ahead_days=window[1])
    start, end = recall_window(as_of, settings)
    params = {"start": start.isoformat(), "end": end.isoformat(), "as_of": as_of.isoformat()}
    lines = "SELECT v.patient_id, t.id, MAX(v.visit_date)"
    with closing(sqlite3.connect(demo)) as conn:
        grouped = conn.execute(lines + RECALL_DUE_GROUPED, params).fetchall()
        before = conn.execute(lines + RECALL_DUE_BEFORE + "GROUP BY v.patient_id, t.id", params).fetchall()
        interval = dict(conn.execute("SELECT id, recall_days FROM treatments WHERE recall_days IS NOT NULL"))
        patients, treatments, dues = due_recalls(conn.execute(RECALL_VISITS_SQL, params).fetchone(), end)
    now = [
        (pid, tid, date.fromordinal(due - interval[tid]).isoformat())
        for pid, tid, due in zip(patients.tolist(), treatments.tolist(), dues.tolist(), strict=True)
    ]
    assert now == sorted(grouped)  # in patient, then treatment order, as the list reads them
    assert sorted(grouped) == sorted(before)
    if as_of == AS_OF and window != (0, 0):
        assert now  # the demo clinic has patients due on its own day


def test_due_recalls_drops_a_visit_whose_date_cannot_be_read(tmp_path: Path) -> None:
    """A visit date SQLite cannot read as a date (only a damaged or hand-edited file has one) is left out,
    instead of shifting the packed columns or counting as the oldest day."""
    with closing(sqlite3.connect(tmp_path / "odd.db")) as conn:
        conn.executescript(
            "CREATE TABLE treatments (id INTEGER PRIMARY KEY, recall_days INTEGER);"
            "CREATE TABLE visits (patient_id INTEGER, treatment_id INTEGER, visit_date TEXT);"
            "INSERT INTO treatments VALUES (1, 180);"
            "INSERT INTO visits VALUES (7, 1, '2026-05-01'), (8, 1, '2026-05-0x'), (9, 1, '2026-04-30');"
        )
        params = {"start": "2026-10-20", "end": "2026-11-05", "as_of": "2026-11-22"}
        patients, treatments, dues = due_recalls(
            conn.execute(RECALL_VISITS_SQL, params).fetchone(), date(2026, 11, 5)
        )
    assert patients.tolist() == [7, 9]
    assert treatments.tolist() == [1, 1]
    assert [date.fromordinal(d) for d in dues.tolist()] == [date(2026, 10, 28), date(2026, 10, 27)]
