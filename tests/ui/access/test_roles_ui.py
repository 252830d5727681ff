"""Roles in the window: staff sees neither the owner's pages nor their buttons — and the services refuse
staff even when called directly; the owner unlocks on the lock screen; the window locks when idle."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLineEdit

from builders import add_patient, add_visit
from clinic_desktop.core.access import AccessDenied, AccessOptions, Role
from clinic_desktop.services.database import Database
from clinic_desktop.services.importing import export_workbook
from clinic_desktop.services.metrics import recompute
from clinic_desktop.services.roles import enable_roles, lock
from clinic_desktop.ui.access import IdleWatcher
from clinic_desktop.ui.main_window import MainWindow
from clinic_desktop.ui.patients.detail import PatientDetailDialog
from clinic_desktop.ui.patients.patient_table import PatientTableModel

PASSWORD = "owner-pass-1"


@pytest.fixture
def qsettings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def staff_db(db: Database) -> Database:
    with db.sessions.begin() as session:
        add_visit(session, add_patient(session, "张三", "13812345678"), date(2026, 5, 20), 300, "洁牙")
    recompute(db, date(2026, 11, 20))
    enable_roles(db, PASSWORD, AccessOptions(mask_phones_for_staff=True, idle_lock_minutes=5))
    lock(db)
    return db


def _window(qtbot, db: Database, qsettings: QSettings) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(db, qsettings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _visible_pages(window: MainWindow) -> list[str]:
    return [window.nav.item(i).text() for i in range(window.nav.count()) if not window.nav.item(i).isHidden()]


def _cell(window: MainWindow, column: int) -> str:
    model = window.patients_page.list.model
    return str(model.index(0, column).data())


def test_staff_sees_no_owner_pages_buttons_spend_or_phones(
    qtbot, staff_db: Database, qsettings: QSettings, sync_tasks: None, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, staff_db, qsettings)
    assert _visible_pages(window) == ["患者", "回访名单", "导入导出"]
    assert window.guard.role_label.text() == "当前：前台" and window.guard.login_button.text() == "店主登录"
    assert not window.import_page.export_button.isEnabled()
    qtbot.waitUntil(lambda: window.patients_page.list.model.rowCount() == 1)
    assert window.patients_page.list.table.isColumnHidden(PatientTableModel.SPEND)
    assert _cell(window, PatientTableModel.PHONE) == "138****5678"
    assert window.settings_page.privacy is not None
    # the buttons are a courtesy: the service itself refuses staff
    with pytest.raises(AccessDenied):
        export_workbook(staff_db, tmp_path / "all.xlsx")
    window.nav.setCurrentRow(2)  # the hidden 数据看板 row: nothing of it loads for staff
    assert not window.dashboard_page.boards


def test_the_owner_unlocks_on_the_lock_screen_and_locks_again(
    qtbot, staff_db: Database, qsettings: QSettings, sync_tasks: None
) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, staff_db, qsettings)
    qtbot.mouseClick(window.guard.login_button, Qt.MouseButton.LeftButton)
    screen = window.guard.lock_screen
    assert window.guard.locked and screen.title.text() == "店主登录"
    qtbot.keyClicks(screen.password, "wrong-guess")
    qtbot.keyClick(screen.password, Qt.Key.Key_Return)
    assert screen.message.text() == "密码不正确" and not screen.unlock_button.isEnabled()  # slowed down
    assert staff_db.access.role is Role.STAFF and window.guard.locked
    screen._wait.stop()
    screen.unlock_button.setEnabled(True)
    qtbot.keyClicks(screen.password, PASSWORD)
    qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    assert staff_db.access.role is Role.OWNER and not window.guard.locked
    assert _visible_pages(window) == ["患者", "回访名单", "数据看板", "导入导出", "设置"]
    assert window.import_page.export_button.isEnabled()
    assert not window.patients_page.list.table.isColumnHidden(PatientTableModel.SPEND)
    assert _cell(window, PatientTableModel.PHONE) == "13812345678"
    # 锁定: back to staff, nothing on screen until someone comes back
    window.nav.setCurrentRow(4)
    qtbot.mouseClick(window.guard.login_button, Qt.MouseButton.LeftButton)
    assert window.guard.locked and screen.title.text() == "已锁定" and staff_db.access.role is Role.STAFF
    qtbot.mouseClick(screen.staff_button, Qt.MouseButton.LeftButton)
    assert not window.guard.locked and window.stack.currentWidget() is window.patients_page
    assert _cell(window, PatientTableModel.PHONE) == "138****5678"


def test_the_window_locks_after_the_idle_time(
    qtbot, staff_db: Database, qsettings: QSettings, sync_tasks: None
) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, staff_db, qsettings)
    watcher = window.guard.watcher
    assert watcher.watching
    now = [0.0]
    watcher._clock = lambda: now[0]
    watcher.set_minutes(5)
    now[0] = 299.0
    watcher.check()
    assert not window.guard.locked
    record = PatientDetailDialog(staff_db, 1, window)  # a patient's record left open on screen
    record.show()
    assert record.isVisible()
    now[0] = 300.0
    watcher.check()
    assert window.guard.locked and window.guard.lock_screen.title.text() == "已锁定"
    assert not record.isVisible()  # the lock covers every window, not just the main one
    assert not watcher.watching  # no second lock over the lock screen


def test_input_anywhere_counts_as_activity(qtbot) -> None:  # type: ignore[no-untyped-def]
    now = [0.0]
    watcher = IdleWatcher(clock=lambda: now[0])
    try:
        watcher.set_minutes(1)
        edit = QLineEdit()
        qtbot.addWidget(edit)
        edit.show()
        now[0] = 50.0
        qtbot.keyClick(edit, Qt.Key.Key_A)  # through the application-wide filter
        assert watcher.inputs > 0
        now[0] = 100.0
        fired: list[bool] = []
        watcher.idle.connect(lambda: fired.append(True))
        watcher.check()
        assert not fired  # 50 s since the key press
        now[0] = 110.0
        watcher.check()
        assert fired == [True]
    finally:
        watcher.stop()


def test_roles_off_no_lock_and_everything_shown(qtbot, db: Database, qsettings: QSettings) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, db, qsettings)
    assert not window.guard.status.isVisible() and not window.guard.watcher.watching
    assert _visible_pages(window) == ["患者", "回访名单", "数据看板", "导入导出", "设置"]
    window.guard.lock()  # nothing to unlock with: never locks
    assert not window.guard.locked
