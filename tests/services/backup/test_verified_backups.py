"""Backups are verified after writing: a damaged source or copy never passes as a backup, and a failed
backup leaves no file behind."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from builders import add_patient, corrupt_table_page
from clinic_desktop.services.autobackup import AutoBackup
from clinic_desktop.services.backup import (
    BackupError,
    backup_before,
    backup_database,
    backup_folder,
    check_file,
    list_backups,
    newest_good_backup,
    set_backup_folder,
)
from clinic_desktop.services.database import Database, open_database


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.is_file())


def test_a_backup_is_a_single_verified_private_file_in_the_backup_folder(clinic: Database) -> None:
    result = backup_database(clinic.path)
    assert result.path.parent == clinic.path.parent / "backups"
    assert result.path.name.startswith("clinic-") and result.path.suffix == ".db"
    assert result.patients == 30 and result.counts["visits"] > 0
    assert _files(result.path.parent) == [result.path.name]  # no -journal, -wal or .partial beside it
    assert check_file(result.path).ok
    with closing(sqlite3.connect(result.path)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    if os.name == "posix":
        assert result.path.stat().st_mode & 0o777 == 0o600
        assert result.path.parent.stat().st_mode & 0o777 == 0o700


def test_a_database_with_a_damaged_page_is_not_backed_up(clinic: Database) -> None:
    clinic.close()
    corrupt_table_page(clinic.path, "visits")
    with pytest.raises(BackupError) as refused:
        backup_database(clinic.path)
    assert refused.value.kind == "source_damaged"
    assert "已损坏" in refused.value.zh and "damaged" in refused.value.en
    folder = clinic.path.parent / "backups"
    assert not folder.exists() or _files(folder) == []
    assert not [p for p in clinic.path.parent.rglob("*") if ".partial" in p.name]


def test_backup_before_an_operation_names_its_reason_and_skips_an_empty_clinic(tmp_path: Path) -> None:
    db = open_database(tmp_path / "clinic.db")
    try:
        assert backup_before(db, "import") is None  # nothing to lose
        with db.sessions.begin() as s:
            add_patient(s, "张三", "13800000001")
        result = backup_before(db, "import")
        assert result is not None and result.path.name.endswith("-before-import.db")
        assert [b.reason for b in list_backups(db.path)] == ["before-import"]
        with db.sessions() as s:  # not audited by itself: the operation names it in its own row
            assert s.execute(sqlite_text("SELECT COUNT(*) FROM audit_log")).scalar() == 0
    finally:
        db.close()


def sqlite_text(sql: str):  # noqa: ANN201 - tiny local helper
    from sqlalchemy import text

    return text(sql)


def test_backup_before_refuses_to_let_an_operation_run_on_a_damaged_database(clinic: Database) -> None:
    clinic.close()
    corrupt_table_page(clinic.path, "surveys")
    db = open_database(clinic.path)
    try:
        with pytest.raises(BackupError, match="已损坏"):
            backup_before(db, "merge")
    finally:
        db.close()


def test_newest_good_backup_skips_damaged_ones(clinic: Database) -> None:
    good = backup_database(clinic.path, reason="before-merge")  # a safety copy: kept beside the day's newest
    later = backup_database(clinic.path, reason="close")
    corrupt_table_page(later.path, "visits")
    found = newest_good_backup(clinic.path)
    assert found is not None and found[0].path == good.path and found[1].patients == 30


def test_a_chosen_backup_folder_is_used_and_listed(clinic: Database, tmp_path: Path) -> None:
    first = backup_database(clinic.path, reason="before-import")
    other = tmp_path / "usb" / "诊所备份"
    assert set_backup_folder(clinic.path, other) == other
    assert backup_folder(clinic.path) == other
    second = backup_database(clinic.path, reason="daily")
    assert second.path.parent == other
    assert [b.path for b in list_backups(clinic.path)] == [second.path, first.path]
    set_backup_folder(clinic.path, None)
    assert backup_folder(clinic.path) == clinic.path.parent / "backups"


def test_rotation_deletes_only_old_backups_of_this_database(clinic: Database) -> None:
    folder = clinic.path.parent / "backups"
    folder.mkdir()
    start = datetime(2026, 1, 1, 18, 0)
    source = backup_database(clinic.path, folder / "template.db").path
    for day in range(60):
        stamp = (start + timedelta(days=day)).strftime("%Y%m%d-%H%M%S")
        (folder / f"clinic-{stamp}-daily.db").write_bytes(source.read_bytes())
    keep_mine = [folder / "clinic-notes.txt", folder / "other-20260101-180000.db", folder / "template.db"]
    keep_mine[0].write_text("the owner's notes")
    keep_mine[1].write_bytes(b"another database's backup")
    result = backup_database(clinic.path, reason="daily")
    left = list_backups(clinic.path)
    assert len(left) <= 7 + 4 + 12 and result.path in [b.path for b in left]
    assert len(result.rotated) == 61 - len(left)
    assert all(p.exists() for p in keep_mine)


def test_automatic_backups_happen_only_when_something_changed(clinic: Database) -> None:
    auto = AutoBackup(clinic)
    assert not auto.due_on_close()
    with clinic.sessions.begin() as s:
        add_patient(s, "李四", "13800000002")
    assert auto.due_on_close()
    result = auto.run("close")
    assert result.path.name.endswith("-close.db") and result.patients == 31
    assert not auto.due_on_close()  # its own audit row is no reason for another copy
    assert not auto.due_daily(datetime.now())
    assert auto.due_daily(datetime.now() + timedelta(days=1, minutes=1)) is False  # unchanged since
    with clinic.sessions.begin() as s:
        add_patient(s, "王五", "13800000003")
    assert auto.due_daily(datetime.now() + timedelta(days=1, minutes=1))
    with sqlite3.connect(clinic.path) as conn:
        assert conn.execute("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()[0] == "backup"


def test_partial_files_an_older_version_left_are_cleaned_up(clinic: Database) -> None:
    folder = clinic.path.parent / "backups"
    folder.mkdir()
    old = folder / "clinic-20260101-120000.db.partial"
    old.write_bytes(b"half a backup")
    fresh = folder / "clinic-20260101-120001.db.partial"
    fresh.write_bytes(b"maybe still being written")
    mine = folder / "notes.db.partial"
    mine.write_bytes(b"not ours")
    stamp = (datetime.now() - timedelta(hours=1)).timestamp()
    os.utime(old, (stamp, stamp))
    os.utime(mine, (stamp, stamp))
    result = backup_database(clinic.path)
    assert old in result.rotated and not old.exists()
    assert fresh.exists() and mine.exists()


_COUNT = "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(*) FROM patients').fetchone()[0])"


def test_checks_and_backups_beside_open_connections_keep_the_database_whole(clinic: Database) -> None:
    """Reading a database file with ``open()`` and closing it drops this process's SQLite locks on it
    (POSIX) — the app's next write then left every new connection with "disk I/O error" (found by the
    self-test: the metrics workers no longer saw new patients). Checks and backups must look at the file
    only through SQLite."""

    def counts() -> tuple[int, int, int]:
        with clinic.engine.connect() as conn:  # a pooled connection of the app
            pooled = int(conn.exec_driver_sql("SELECT COUNT(*) FROM patients").scalar_one())
        with closing(sqlite3.connect(clinic.path)) as conn:  # a new one in this process
            fresh = int(conn.execute("SELECT COUNT(*) FROM patients").fetchone()[0])
        worker = subprocess.run(  # and one in another process, as the metrics workers read
            [sys.executable, "-c", _COUNT, str(clinic.path)], capture_output=True, text=True, check=True
        )
        return pooled, fresh, int(worker.stdout)

    assert counts() == (30, 30, 30)
    for step in range(3):
        check_file(clinic.path, full=False)
        backup_before(clinic, f"step{step}")
        assert counts() == (30 + step,) * 3
        with clinic.sessions.begin() as s:
            add_patient(s, f"新客{step}", f"1390000000{step}")
        assert counts() == (31 + step,) * 3
    assert check_file(clinic.path).ok
