"""One writer, honestly: a write that begins plainly is caught by the test-wide watch; a busy database is
recognised and said in words; every write transaction is counted (what the automatic backup asks)."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import text
from write_watch import PlainWriteWatch

from builders import add_patient
from clinic_desktop.cli import main
from clinic_desktop.db.bulk import write_transaction
from clinic_desktop.db.engine import BUSY_TIMEOUT_MS, is_busy, write_count
from clinic_desktop.services.database import Database


@pytest.mark.plain_writes
def test_the_watch_sees_a_write_in_a_plainly_begun_session(db: Database) -> None:
    with PlainWriteWatch() as watch:
        with db.sessions() as session:  # a read session …
            session.execute(text("SELECT COUNT(*) FROM patients")).scalar()
            session.execute(text("INSERT INTO tags (name, category, color) VALUES ('x', 'custom', '#000')"))
            session.commit()  # … that writes: exactly the pattern that failed with "database is locked"
        with db.sessions.begin() as session:
            add_patient(session, "张三", "13800000001")
    assert len(watch.plain) == 1 and watch.plain[0].startswith("INSERT INTO tags")


def test_a_busy_database_is_recognised_through_sqlalchemy_wrapping(db: Database) -> None:
    with closing(sqlite3.connect(db.path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        engine = db.engine.execution_options()
        with pytest.raises(sa_exc.OperationalError) as caught, engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA busy_timeout=50")
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
    assert is_busy(caught.value)
    assert "parameters" not in str(caught.value)  # hide_parameters: no row data in any error text
    assert not is_busy(ValueError("database is locked"))  # only SQLite's own error counts
    assert BUSY_TIMEOUT_MS >= 10_000


def test_every_write_transaction_is_counted(db: Database) -> None:
    before = write_count(db.engine)
    with db.sessions.begin() as session:
        add_patient(session, "张三", "13800000001")
    with write_transaction(db.engine) as cur:
        cur.execute("SELECT 1")
    with db.sessions() as session:  # reads are not
        session.execute(text("SELECT COUNT(*) FROM patients")).scalar()
    assert write_count(db.engine) == before + 2


def test_the_command_line_says_busy_in_words(
    db: Database, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    import clinic_desktop.db.engine as engine_module

    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 100)
    with db.sessions.begin() as session:
        add_patient(session, "张三", "13800000001")
    db.close()
    with closing(sqlite3.connect(db.path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        code = main(["recompute", "--db", str(db.path), "--as-of", "2026-06-30"])
        other.execute("ROLLBACK")
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1
    assert "数据库正忙" in err and "locked" not in err


def test_a_committed_import_is_not_reported_failed_when_the_recompute_finds_the_database_busy(
    db: Database, tmp_path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    import clinic_desktop.services.metrics as metrics

    def busy(*_args: object) -> None:
        raise sqlite3.OperationalError("database is locked")

    db.close()
    monkeypatch.setattr(metrics, "recompute", busy)
    csv = tmp_path / "p.csv"
    csv.write_text("姓名,手机\n新客,13800000001\n", encoding="utf-8")
    assert main(["import", str(csv), "--db", str(db.path)]) == 0
    captured = capsys.readouterr()
    assert "已导入" in captured.out and "指标未能重新计算" in captured.err and "locked" not in captured.err
    with closing(sqlite3.connect(db.path)) as conn:
        assert conn.execute("SELECT COUNT(*) FROM patients").fetchone()[0] == 1
