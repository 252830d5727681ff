"""Restore: refuses what fails verification, asks before emptying a clinic, keeps the audit history."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from builders import break_foreign_keys, corrupt_table_page
from clinic_desktop.db.migrate import current_revision, ensure_schema
from clinic_desktop.db.schema_version import HEAD_REVISION
from clinic_desktop.services.audit import record_audit
from clinic_desktop.services.backup import (
    BackupError,
    RestoreNeedsConfirmation,
    backup_database,
    check_file,
    list_backups,
    restore_database,
)
from clinic_desktop.services.database import Database, open_database
from clinic_desktop.services.instance import InstanceLock


def _query(path: Path, sql: str) -> list[tuple]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql).fetchall()


def test_a_backup_with_broken_foreign_keys_is_refused(clinic: Database, tmp_path: Path) -> None:
    copy = backup_database(clinic.path, tmp_path / "copy.db").path
    violations = break_foreign_keys(copy, patients=5)
    assert violations > 20
    before = _query(clinic.path, "SELECT id, name FROM patients ORDER BY id")
    clinic.close()
    with pytest.raises(BackupError) as refused:
        restore_database(copy, clinic.path)
    assert refused.value.kind == "foreign_keys"
    assert f"{violations:,} 条记录指向不存在的数据" in refused.value.zh
    assert _query(clinic.path, "SELECT id, name FROM patients ORDER BY id") == before
    assert list_backups(clinic.path) == []  # refused before anything was copied


def test_a_damaged_backup_is_refused(clinic: Database, tmp_path: Path) -> None:
    copy = backup_database(clinic.path, tmp_path / "copy.db").path
    corrupt_table_page(copy, "contacts")
    clinic.close()
    with pytest.raises(BackupError, match="已损坏"):
        restore_database(copy, clinic.path)


def test_an_empty_backup_over_a_clinic_with_patients_needs_confirmation(
    clinic: Database, tmp_path: Path
) -> None:
    empty = open_database(tmp_path / "empty" / "clinic.db")
    empty.close()
    clinic.close()
    with pytest.raises(RestoreNeedsConfirmation) as asked:
        restore_database(empty.path, clinic.path)
    assert asked.value.current_patients == 30 and asked.value.backup_patients == 0
    assert _query(clinic.path, "SELECT COUNT(*) FROM patients") == [(30,)]
    result = restore_database(empty.path, clinic.path, allow_empty=True)
    assert result.patients == 0 and result.safety_copy is not None
    assert _query(clinic.path, "SELECT COUNT(*) FROM patients") == [(0,)]
    assert _query(result.safety_copy, "SELECT COUNT(*) FROM patients") == [(30,)]


def test_the_audit_log_survives_a_restore(clinic: Database, tmp_path: Path) -> None:
    with clinic.sessions.begin() as s:
        record_audit(s, "export", {"rows": {"patients": 30}})
    copy = backup_database(clinic.path, tmp_path / "monday.db").path
    with clinic.sessions.begin() as s:  # audited after the backup was taken
        record_audit(s, "settings", {"changed": ["clinic_name"]})
        record_audit(s, "export", {"rows": {"patients": 31}})
    before = _query(clinic.path, "SELECT at, action, detail FROM audit_log ORDER BY id")
    clinic.close()
    result = restore_database(copy, clinic.path)
    after = _query(clinic.path, "SELECT at, action, detail FROM audit_log ORDER BY id")
    assert result.audit_rows_kept == 2
    assert after[: len(before)] == before  # every earlier row, in order, exactly once
    assert [row[1] for row in after[len(before) :]] == ["restore"]
    detail = json.loads(after[-1][2])
    assert detail["from"] == str(copy.resolve()) and detail["patients"] == 30
    assert detail["audit_rows_kept"] == 2 and detail["safety_copy"] == str(result.safety_copy)
    assert check_file(clinic.path).ok


def test_restoring_over_a_damaged_database_keeps_a_raw_copy_of_it(clinic: Database, tmp_path: Path) -> None:
    copy = backup_database(clinic.path, tmp_path / "monday.db").path
    clinic.close()
    corrupt_table_page(clinic.path, "visits")
    result = restore_database(copy, clinic.path)
    assert result.safety_copy is None and result.damaged_copy is not None
    assert result.damaged_copy.name.endswith("-damaged.db")
    assert result.damaged_copy not in [b.path for b in list_backups(clinic.path)]  # never offered
    assert check_file(clinic.path).ok and check_file(clinic.path).patients == 30


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 a zip, not a database"])
def test_restoring_over_an_empty_or_foreign_file_replaces_it(
    clinic: Database, tmp_path: Path, content: bytes
) -> None:
    copy = backup_database(clinic.path, tmp_path / "monday.db").path
    clinic.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{clinic.path}{suffix}").unlink(missing_ok=True)
    clinic.path.write_bytes(content)
    result = restore_database(copy, clinic.path)
    assert result.patients == 30 and check_file(clinic.path).ok
    assert sorted(p.name for p in clinic.path.parent.iterdir() if p.is_file()) == ["clinic.db", "monday.db"]


def test_the_command_line_may_not_restore_under_a_running_app(clinic: Database, tmp_path: Path) -> None:
    copy = backup_database(clinic.path, tmp_path / "monday.db").path
    lock = InstanceLock(clinic.path)
    assert lock.acquire()
    try:
        with pytest.raises(BackupError, match="正在私域助手窗口中打开"):
            restore_database(copy, clinic.path)
        clinic.close()
        assert restore_database(copy, clinic.path, in_app=True).patients == 30
    finally:
        lock.release()


def test_an_older_backup_is_migrated_while_restored(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    ensure_schema(old, target="0002")
    with closing(sqlite3.connect(old)) as conn:
        conn.execute(
            "INSERT INTO patients (name, phone, do_not_contact, marketing_consent, manual_vip, archived,"
            " opening_visits, opening_spend_fen, lunar_birthday, created_at, updated_at)"
            " VALUES ('张三', '13800000001', 0, 1, 0, 0, 0, 0, 0, '2026-01-01', '2026-01-01')"
        )
        conn.commit()
    live = open_database(tmp_path / "clinic.db")
    live.close()
    result = restore_database(old, live.path)
    assert result.patients == 1
    assert current_revision(live.path) == HEAD_REVISION
    assert current_revision(old) == "0002"  # the backup itself is never touched


def test_erasing_a_patient_takes_a_verified_copy_first_and_names_it_in_the_audit_row(
    clinic: Database,
) -> None:
    from clinic_desktop.services.privacy import erase_patient

    erase_patient(clinic, 3)
    copies = [b for b in list_backups(clinic.path) if b.reason == "before-erase"]
    assert len(copies) == 1 and check_file(copies[0].path).patients == 30
    detail = json.loads(_query(clinic.path, "SELECT detail FROM audit_log WHERE action = 'erase'")[0][0])
    assert detail["backup"] == copies[0].path.name


def test_restoring_is_the_owners_and_the_audit_row_names_the_role(clinic: Database, tmp_path: Path) -> None:
    from clinic_desktop.core.access import AccessDenied
    from clinic_desktop.services.roles import enable_roles, lock, unlock

    copy = backup_database(clinic.path, tmp_path / "monday.db").path
    enable_roles(clinic, "店主的密码123")
    lock(clinic)  # staff now
    with pytest.raises(AccessDenied):
        restore_database(copy, clinic.path, in_app=True, access=clinic.access)
    assert unlock(clinic, "店主的密码123")
    clinic.close()
    restore_database(copy, clinic.path, in_app=True, access=clinic.access)
    assert _query(clinic.path, "SELECT user FROM audit_log WHERE action = 'restore'") == [("owner",)]
