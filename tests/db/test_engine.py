"""Transactions that write begin IMMEDIATE, so a second writer waits instead of failing; reads do not lock."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing

from sqlalchemy import func, select

from builders import add_patient
from clinic_desktop.db.engine import write_connection
from clinic_desktop.db.models import Patient
from clinic_desktop.services.database import Database


def _other_writer_is_refused(db: Database) -> bool:
    """Whether a second connection, not waiting at all, is refused the write lock right now."""
    with closing(sqlite3.connect(db.path, timeout=0, isolation_level=None)) as other:
        try:
            other.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            assert "locked" in str(exc)
            return True
        other.execute("ROLLBACK")
        return False


def test_a_write_session_holds_the_write_lock_from_its_start(db: Database) -> None:
    with db.sessions.begin():
        assert _other_writer_is_refused(db)  # before any statement ran
    assert not _other_writer_is_refused(db)


def test_a_read_session_takes_no_write_lock(db: Database) -> None:
    with db.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Patient)) == 0
        assert not _other_writer_is_refused(db)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("SELECT COUNT(*) FROM patients").fetchall()
        assert not _other_writer_is_refused(db)


def test_write_connection_holds_the_write_lock_from_its_start(db: Database) -> None:
    with write_connection(db.engine):
        assert _other_writer_is_refused(db)
    assert not _other_writer_is_refused(db)


def test_a_read_then_write_use_case_waits_for_another_writer(db: Database) -> None:
    """The failure a plain BEGIN has: it reads, another connection commits a write, then its own write is
    refused at once (its snapshot is stale). Beginning IMMEDIATE, it waits for the other writer instead."""
    holding, release = threading.Event(), threading.Event()

    def other_writer() -> None:
        with closing(sqlite3.connect(db.path, isolation_level=None)) as conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(
                "INSERT INTO patients (name, created_at, updated_at) VALUES ('乙', '2026-01-01', '2026-01-01')"
            )
            holding.set()
            release.wait(5)
            conn.execute("COMMIT")

    thread = threading.Thread(target=other_writer)
    thread.start()
    try:
        assert holding.wait(5)
        threading.Timer(0.3, release.set).start()  # the other writer commits while this one waits
        with db.sessions.begin() as session:
            before = session.scalar(select(func.count()).select_from(Patient))
            add_patient(session, "甲")
    finally:
        release.set()
        thread.join()
    assert before == 1  # it began after the other writer's commit, and saw it
    with db.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Patient)) == 2
