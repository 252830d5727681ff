"""Backup and restore: consistent copies, and a restore that refuses anything it should not trust."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date

import pytest

from builders import add_patient, add_visit
from clinic_desktop.services.backup import BackupError, backup_database, restore_database
from clinic_desktop.services.database import open_database


def _patients(path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return [r[0] for r in conn.execute("SELECT name FROM patients ORDER BY name")]


def test_backup_includes_uncheckpointed_wal_writes(db, tmp_path):
    with db.sessions.begin() as s:
        p = add_patient(s, "张三", "13800000001")
        add_visit(s, p, date(2026, 1, 5), 300)
    # the write may still sit in the -wal file; the backup must contain it anyway
    result = backup_database(db.path, tmp_path / "b" / "copy.db")
    assert result.patients == 1 and result.path.is_file()
    assert _patients(result.path) == ["张三"]
    assert not result.path.with_name("copy.db-wal").exists()


def test_backup_refuses_to_overwrite(db, tmp_path):
    out = tmp_path / "copy.db"
    out.write_bytes(b"keep me")
    with pytest.raises(BackupError, match="已存在"):
        backup_database(db.path, out)
    assert out.read_bytes() == b"keep me"


def test_restore_replaces_and_keeps_a_safety_copy(tmp_path):
    live = tmp_path / "clinic.db"
    db = open_database(live)
    with db.sessions.begin() as s:
        add_patient(s, "张三", "13800000001")
    copy = backup_database(live, tmp_path / "monday.db").path
    with db.sessions.begin() as s:
        add_patient(s, "李四", "13800000002")
    db.close()
    result = restore_database(copy, live)
    assert _patients(live) == ["张三"]
    assert result.safety_copy is not None and sorted(_patients(result.safety_copy)) == ["张三", "李四"]
    open_database(live).close()  # still a database the app opens


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"PK\x03\x04 not a database", "不是"), (b"", "不是")],
)
def test_restore_refuses_non_databases_and_changes_nothing(db, tmp_path, content, message):
    with db.sessions.begin() as s:
        add_patient(s, "张三", "13800000001")
    db.close()
    bad = tmp_path / "bad.db"
    bad.write_bytes(content)
    before = db.path.read_bytes()
    with pytest.raises(BackupError, match=message):
        restore_database(bad, db.path)
    assert db.path.read_bytes() == before
    assert not list(db.path.parent.glob("*before-restore*"))


def test_restore_refuses_a_foreign_sqlite_file_and_a_newer_schema(db, tmp_path):
    db.close()
    other = tmp_path / "other.db"
    with closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE notes (x)")
        conn.commit()
    with pytest.raises(BackupError, match="不是私域助手的数据库"):
        restore_database(other, db.path)
    newer = backup_database(db.path, tmp_path / "newer.db").path
    with closing(sqlite3.connect(newer)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        conn.commit()
    with pytest.raises(BackupError, match="更新版本"):
        restore_database(newer, db.path)
