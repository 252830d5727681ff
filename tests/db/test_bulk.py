"""The bulk-write transaction and the multi-row INSERT that the demo, the import and its undo share."""

from __future__ import annotations

import gc
import sqlite3
from contextlib import closing

import pytest

from clinic_desktop.db.bulk import MAX_PARAMS, bulk_columns, gc_paused, insert_rows, write_transaction
from clinic_desktop.db.models import column_names, referring_columns
from clinic_desktop.services.database import Database

_PATIENT = "INSERT INTO patients (id, name, created_at, updated_at) VALUES (?, ?, '2026-01-01', '2026-01-01')"
_BAD_INTERACTION = (
    "INSERT INTO interactions (patient_id, occurred_at, kind) VALUES (1, '2026-01-01', 'bogus')"
)


def _count(db: Database, table: str) -> int:
    with closing(sqlite3.connect(db.path)) as conn:
        return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def test_the_write_lock_is_taken_at_begin_and_the_work_committed(db: Database) -> None:
    with write_transaction(db.engine) as cur:
        # nothing written yet, and still a second writer is turned away: the transaction began IMMEDIATE
        with closing(sqlite3.connect(db.path, timeout=0, isolation_level=None)) as other:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        cur.execute(_PATIENT, (1, "张三"))
    assert _count(db, "patients") == 1


def test_an_error_rolls_everything_back(db: Database) -> None:
    with pytest.raises(RuntimeError, match="disk full"):
        with write_transaction(db.engine, bulk=True, codes_checked=True) as cur:
            cur.execute(_PATIENT, (1, "张三"))
            raise RuntimeError("disk full")
    assert _count(db, "patients") == 0
    with write_transaction(db.engine) as cur:  # the connection is usable again, outside any transaction
        cur.execute(_PATIENT, (1, "张三"))
    assert _count(db, "patients") == 1


def test_check_constraints_are_skipped_only_when_the_caller_checked_the_codes(db: Database) -> None:
    with write_transaction(db.engine) as cur:
        cur.execute(_PATIENT, (1, "张三"))
    with write_transaction(db.engine, bulk=True, codes_checked=True) as cur:
        cur.execute(_BAD_INTERACTION)
    assert _count(db, "interactions") == 1
    # … and the setting does not outlive the transaction on the pooled connection
    for _ in range(2):
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            with write_transaction(db.engine) as cur:
                cur.execute(_BAD_INTERACTION)
    assert _count(db, "interactions") == 1


def test_bulk_settings_are_put_back(db: Database) -> None:
    raw = db.engine.raw_connection()
    try:
        before = raw.cursor().execute("PRAGMA cache_size").fetchone()[0]
    finally:
        raw.close()
    with write_transaction(db.engine, bulk=True) as cur:
        assert cur.execute("PRAGMA cache_size").fetchone()[0] == -131_072
        assert not gc.isenabled()
    assert gc.isenabled()
    raw = db.engine.raw_connection()
    try:
        assert raw.cursor().execute("PRAGMA cache_size").fetchone()[0] == before
    finally:
        raw.close()


def test_gc_pauses_nest_and_leave_a_collector_someone_else_stopped_alone() -> None:
    assert gc.isenabled()
    with gc_paused():
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause is still on
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize("count", [0, 1, 198, 199, 200, 1_000])
def test_insert_rows_writes_every_row_in_order(db: Database, count: int) -> None:
    columns = ("id", "name", "category", "recall_days", "active")
    assert MAX_PARAMS // len(columns) == 199  # the counts above straddle one multi-row statement
    with write_transaction(db.engine) as cur:
        cur.execute("DELETE FROM treatments")
        rows = [(k + 1, f"项目{k}", None, 30 + k, 1) for k in range(count)]
        insert_rows(cur, "treatments", columns, rows)
    with closing(sqlite3.connect(db.path)) as conn:
        stored = conn.execute(f"SELECT {', '.join(columns)} FROM treatments ORDER BY id").fetchall()
    assert stored == rows


def test_bulk_columns_are_the_models_but_what_only_the_app_sets() -> None:
    assert bulk_columns("contacts")[-1] == "note" and "call_list_row_id" not in bulk_columns("contacts")
    assert bulk_columns("tags") == ("id", "name", "category", "color")
    assert bulk_columns("patients") == column_names("patients", without=("archived_at",))
    with pytest.raises(ValueError, match="not columns of visits: colour"):
        column_names("visits", without=("colour",))


def test_referring_columns_follow_the_foreign_keys() -> None:
    assert referring_columns("treatments") == (("appointments", "treatment_id"), ("visits", "treatment_id"))
    tables = [table for table, _ in referring_columns("patients")]
    assert tables[0] == "patients" and "surveys" in tables and "call_list_rows" in tables
