"""Exports are private to the OS user (issue 14): 0600 under any umask (the workbook export used to force
0644), and a failed export leaves no temporary file with patient data behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from builders import add_patient
from clinic_desktop.io.private_files import JOURNAL_DIRNAME
from clinic_desktop.services.database import Database
from clinic_desktop.services.importing import export_workbook, write_issues_xlsx

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_the_workbook_export_is_private_under_any_umask(db: Database, tmp_path: Path, umask: int) -> None:
    with db.sessions.begin() as s:
        add_patient(s, "张三", "13800000001")
    old = os.umask(umask)
    try:
        out = export_workbook(db, tmp_path / "out" / "clinic.xlsx").path
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "out").stat().st_mode & 0o777 == 0o700
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["clinic.xlsx"]
    assert not any((tmp_path / JOURNAL_DIRNAME).iterdir())


def test_a_failed_export_leaves_nothing(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import clinic_desktop.services.importing.workbook_export as module

    with db.sessions.begin() as s:
        add_patient(s, "张三", "13800000001")

    def broken(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(module, "_write_database", broken)
    with pytest.raises(OSError):
        export_workbook(db, tmp_path / "clinic.xlsx")
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [
        "clinic.db",
        "clinic.db-shm",
        "clinic.db-wal",
    ]


def test_the_import_problem_report_is_private(tmp_path: Path) -> None:
    out = write_issues_xlsx([], tmp_path / "problems.xlsx")
    assert out.stat().st_mode & 0o777 == 0o600
