"""The 数据 menu: 立即备份, 恢复… (dates, patient counts, refusing what fails verification), 检查数据库, and
the app reopening on a restored file with the audit history kept."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
import shiboken6

from builders import add_patient, break_foreign_keys, corrupt_table_page
from clinic_desktop.services.backup import backup_database, list_backups
from clinic_desktop.services.database import Database
from clinic_desktop.ui.app import AppController
from clinic_desktop.ui.main_window import MainWindow
from clinic_desktop.ui.safety import BackupTableModel, RestoreDialog


def _window(qtbot, db: Database) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(db)
    qtbot.addWidget(window)
    return window


def test_the_data_menu_backs_up_now(qtbot, clinic: Database, sync_tasks, told: list[str]) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, clinic)
    titles = [a.text() for a in window.menuBar().actions()]
    assert "数据(&D)" in titles
    assert [a.text() for a in window.data_actions.actions()] == [
        "立即备份(&B)", "恢复(&R)…", "检查数据库(&C)", "备份文件夹(&F)…", "打开日志文件夹(&L)"
    ]  # fmt: skip
    window.data_actions.backup_action.trigger()
    backups = list_backups(clinic.path)
    assert len(backups) == 1 and backups[0].reason == ""
    assert "已备份 25 位患者" in told[-1] and "已校验" in told[-1]
    assert not window.backups.changed()


def test_the_restore_dialog_lists_dates_and_counts_and_refuses_a_bad_backup(
    qtbot,
    clinic: Database,
    sync_tasks,
    told: list[str],
    qtmodeltester,  # type: ignore[no-untyped-def]
) -> None:
    good = backup_database(clinic.path, reason="before-import")
    bad_result = backup_database(clinic.path, reason="close")
    bad = next(b for b in list_backups(clinic.path) if b.path == bad_result.path)
    break_foreign_keys(bad.path, patients=2)
    dialog = RestoreDialog(clinic.path, 25)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    model: BackupTableModel = dialog.model
    rows = {model.row(r).path: r for r in range(model.rowCount())}
    assert model.data(model.index(rows[good.path], 2)) == "25"
    assert model.data(model.index(rows[good.path], 1)) == "导入前"
    assert model.data(model.index(rows[bad.path], 0)) == bad.taken_at.strftime("%Y-%m-%d %H:%M:%S")
    chosen: list[tuple[str, bool]] = []
    dialog.restoreChosen.connect(lambda path, empty: chosen.append((path, empty)))
    dialog.table.selectRow(rows[bad.path])
    dialog.restore_selected()
    assert chosen == [] and "未通过校验" in told[-1] and "指向不存在的数据" in told[-1]
    dialog.table.selectRow(rows[good.path])
    dialog.restore_selected()
    assert chosen == [(str(good.path), False)]
    assert "25 位患者" in told[-1] and "先自动备份" in told[-1]


def test_an_empty_backup_needs_its_own_confirmation(
    qtbot, clinic: Database, tmp_path: Path, sync_tasks, told
) -> None:  # type: ignore[no-untyped-def]
    from clinic_desktop.services.database import open_database

    empty = open_database(tmp_path / "other" / "clinic.db")
    empty.close()
    dialog = RestoreDialog(clinic.path, 25)
    qtbot.addWidget(dialog)
    chosen: list[tuple[str, bool]] = []
    dialog.restoreChosen.connect(lambda path, allow: chosen.append((path, allow)))
    dialog._verify(empty.path)
    assert chosen == [(str(empty.path), True)] and "没有任何患者" in told[-1]


def test_restoring_reopens_the_window_on_the_restored_data_and_keeps_the_audit(
    qtbot,
    clinic: Database,
    sync_tasks,
    told: list[str],  # type: ignore[no-untyped-def]
) -> None:
    copy = backup_database(clinic.path, reason="before-import")
    with clinic.sessions.begin() as s:
        add_patient(s, "新来的", "13800009999")
    controller = AppController(clinic)
    first = controller.open_window()  # not given to qtbot: the restore deletes it (the window is replaced)
    qtbot.waitUntil(lambda: first.count_label.text() == "患者 26 位", timeout=10_000)  # once on screen
    first.data_actions.restoreRequested.emit(str(copy.path), False)
    second = controller.window
    assert second is not None and second is not first
    qtbot.addWidget(second)
    qtbot.waitUntil(lambda: second.count_label.text() == "患者 25 位", timeout=10_000)  # once on screen
    assert "已从备份恢复 25 位患者" in told[-1]
    with closing(sqlite3.connect(clinic.path)) as conn:
        assert (
            conn.execute("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()[0] == "restore"
        )
    assert [b.reason for b in list_backups(clinic.path)][:1] == ["before-restore"]
    assert not shiboken6.isValid(first) or not first.isVisible()
    controller.db.close()


def test_a_refused_restore_changes_nothing_and_says_why(
    qtbot, clinic: Database, tmp_path, sync_tasks, told
) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "photo.db"
    bad.write_bytes(b"\x89PNG not a database")
    controller = AppController(clinic)
    window = controller.open_window()
    qtbot.addWidget(window)
    controller.restore(str(bad), False)
    assert controller.window is window and window.isEnabled()
    assert "没有恢复，数据库未改动" in told[-1] and "不是 SQLite 文件" in told[-1]
    qtbot.waitUntil(lambda: window.count_label.text() == "患者 25 位", timeout=10_000)  # once on screen


def test_check_says_healthy_or_offers_the_newest_good_backup(
    qtbot,
    clinic: Database,
    sync_tasks,
    told: list[str],  # type: ignore[no-untyped-def]
) -> None:
    window = _window(qtbot, clinic)
    window.data_actions.check_action.trigger()
    assert "数据库完好：25 位患者" in told[-1]
    good = backup_database(clinic.path, reason="daily")
    requested: list[tuple[str, bool]] = []
    window.restoreRequested.connect(lambda path, allow: requested.append((path, allow)))
    clinic.close()
    corrupt_table_page(clinic.path, "visits")
    window.data_actions.check_action.trigger()
    assert "数据库有问题" in told[-1] and "已损坏" in told[-1] and "25 位患者" in told[-1]
    assert requested == [(str(good.path), False)]


@pytest.mark.parametrize("when", ["close"])
def test_closing_after_changes_takes_a_verified_backup_first(
    qtbot, clinic: Database, sync_tasks, when
) -> None:  # type: ignore[no-untyped-def]
    controller = AppController(clinic)
    window = controller.open_window()
    qtbot.addWidget(window)
    window.close()  # nothing changed: closes at once, no copy
    assert list_backups(clinic.path) == [] and not window.isVisible()
    window = controller.open_window()
    qtbot.addWidget(window)
    with clinic.sessions.begin() as s:
        add_patient(s, "今天来的", "13800008888")
    window.close()
    assert [b.reason for b in list_backups(clinic.path)] == [when] and not window.isVisible()


def test_staff_may_back_up_and_check_but_not_restore_or_move_the_backups(qtbot, clinic: Database) -> None:  # type: ignore[no-untyped-def]
    from clinic_desktop.services.roles import enable_roles, lock

    enable_roles(clinic, "店主的密码123")
    lock(clinic)
    window = _window(qtbot, clinic)
    actions = window.data_actions
    assert actions.backup_action.isVisible() and actions.check_action.isVisible()
    assert not actions.restore_action.isVisible() and not actions.folder_action.isVisible()
