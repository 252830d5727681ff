"""The data stamp (db/data_stamp, migration 0007): equal stamps, equal data — for every kind of write to
every table the metrics are computed from, and for none of the writes that leave the facts alone."""

from __future__ import annotations

import importlib
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from clinic_desktop.db import facts
from clinic_desktop.db.data_stamp import WATCHED_TABLES, data_stamp
from clinic_desktop.services.database import open_database


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    open_database(tmp_path / "stamp.db").close()
    connection = sqlite3.connect(tmp_path / "stamp.db", isolation_level=None)
    connection.execute("INSERT INTO patients (name, phone) VALUES ('张三', '13800000001')")
    connection.execute("INSERT INTO patients (name, phone) VALUES ('李四', '13800000002')")
    connection.execute(
        "INSERT INTO visits (patient_id, visit_date, amount_fen) VALUES (1, '2026-01-02', 100)"
    )
    connection.execute(
        "INSERT INTO interactions (patient_id, occurred_at, kind) VALUES (1, '2026-01-01 09:00:00', 'chat')"
    )
    connection.execute(
        "INSERT INTO appointments (patient_id, scheduled_at, status) VALUES (1, '2026-02-01 09:00:00', 'booked')"
    )
    connection.execute("INSERT INTO surveys (patient_id, survey_date, overall) VALUES (1, '2026-01-03', 5)")
    return connection


def test_every_watched_table_has_both_triggers_at_head(conn: sqlite3.Connection) -> None:
    """A batch migration that recreates a table drops its triggers: this catches it."""
    triggers = {
        (t, name)
        for name, t in conn.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'")
    }
    for table in WATCHED_TABLES:
        assert (table, f"{table}_update_counted") in triggers
        assert (table, f"{table}_delete_counted") in triggers


def test_the_watched_tables_are_the_ones_the_facts_read() -> None:
    migration = importlib.import_module("clinic_desktop.db.migrations.versions.0007_data_changes")
    assert migration.WATCHED == WATCHED_TABLES
    sql = " ".join(str(v) for v in vars(facts).values() if isinstance(v, str))
    read = {t for t in ("patients", "visits", "interactions", "appointments", "surveys", "treatments", "tags",
                        "patient_tags", "contacts") if f"FROM {t}" in sql or f"JOIN {t}" in sql}  # fmt: skip
    assert read <= set(WATCHED_TABLES), read - set(WATCHED_TABLES)


WRITES: dict[str, Callable[[sqlite3.Connection], object]] = {
    "insert a visit": lambda c: c.execute("INSERT INTO visits (patient_id, visit_date, amount_fen) VALUES (2, '2026-01-05', 1)"),
    "change an amount": lambda c: c.execute("UPDATE visits SET amount_fen = 200"),
    "delete a visit": lambda c: c.execute("DELETE FROM visits"),
    "insert into a gap": lambda c: c.execute("INSERT INTO visits (id, patient_id, visit_date, amount_fen) VALUES (0, 2, '2026-01-05', 1)"),
    "archive a patient": lambda c: c.execute("UPDATE patients SET archived = 1 WHERE id = 2"),
    "add a patient": lambda c: c.execute("INSERT INTO patients (name) VALUES ('王五')"),
    "delete an interaction": lambda c: c.execute("DELETE FROM interactions"),
    "cancel an appointment": lambda c: c.execute("UPDATE appointments SET status = 'cancelled'"),
    "edit a survey": lambda c: c.execute("UPDATE surveys SET overall = 1"),
    "change a recall interval": lambda c: c.execute("UPDATE treatments SET recall_days = 90 WHERE id = 1"),
    "delete and re-add the last visit": lambda c: (
        c.execute("DELETE FROM visits WHERE id = 1"),
        c.execute("INSERT INTO visits (id, patient_id, visit_date, amount_fen) VALUES (1, 1, '2026-01-02', 100)"),
    ),
}  # fmt: skip


@pytest.mark.parametrize("write", list(WRITES))
def test_a_write_to_the_facts_moves_the_stamp(conn: sqlite3.Connection, write: str) -> None:
    before = data_stamp(conn)
    WRITES[write](conn)
    assert data_stamp(conn) != before


def test_writes_beside_the_facts_leave_it(conn: sqlite3.Connection) -> None:
    before = data_stamp(conn)
    conn.execute("INSERT INTO settings (key, value) VALUES ('metrics_as_of', '\"2026-01-01\"')")
    conn.execute(
        "INSERT INTO contacts (patient_id, contacted_at, channel, purpose, outcome) VALUES (1, '2026-01-04 10:00:00', 'phone', 'recall', 'reached')"
    )
    conn.execute("INSERT INTO audit_log (action, detail) VALUES ('x', '{}')")
    assert data_stamp(conn) == before


def test_stamp_of_a_closed_file_reads_the_same(tmp_path: Path, conn: sqlite3.Connection) -> None:
    stamp = data_stamp(conn)
    with closing(sqlite3.connect(tmp_path / "stamp.db")) as other:
        assert data_stamp(other) == stamp
