"""Switching the language rebuilds the window in English; switching back restores Chinese."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QSettings

from clinic_desktop.services.database import Database
from clinic_desktop.ui import main_window
from clinic_desktop.ui.app import AppController
from clinic_desktop.ui.i18n import install_language


def test_language_switch_rebuilds_the_window(qtbot, db: Database, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(
        main_window, "QSettings", lambda: QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    )
    controller = AppController(db)
    first = controller.open_window()  # not given to qtbot: the language switch deletes it (finally below)
    assert first.nav.item(0).text() == "患者"
    try:
        controller.change_language("en")
        second = controller.window
        assert second is not None and second is not first
        qtbot.addWidget(second)
        assert [second.nav.item(i).text() for i in range(second.nav.count())] == [
            "Patients", "Call lists", "Dashboard", "Import / Export", "Settings"
        ]  # fmt: skip
        qtbot.waitUntil(lambda: second.count_label.text() != "", timeout=10_000)  # counted off the GUI thread
        assert second.count_label.text().startswith("Patients")
        controller.change_language("zh_CN")
        assert controller.window is not None
        qtbot.addWidget(controller.window)
        assert controller.window.nav.item(0).text() == "患者"
    finally:
        install_language("zh_CN")
        for window in (first, controller.window):
            if window is not None and shiboken6.isValid(window):  # a replaced window is deleted later
                window.close()
    assert QCoreApplication.translate("MainWindow", "设置") == "设置"


def test_demo_lives_in_its_own_sandbox_database(qtbot, db: Database, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The demo never touches the clinic's database: 文件 → 演示数据 opens a sandbox file of its own,
    marked in the title and status bar, filled with the demo clinic; one click goes back, and each
    switch closes the database it leaves."""
    monkeypatch.setattr(
        main_window, "QSettings", lambda: QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    )
    monkeypatch.setattr(main_window, "DEMO_PATIENTS", 60)
    sandbox = tmp_path / "sandbox" / "demo.db"
    closed: list[Path] = []
    real_close = db.close
    db.close = lambda: (closed.append(db.path), real_close())  # type: ignore[method-assign]
    controller = AppController(db, sandbox=sandbox)
    first = controller.open_window()
    windows = [first]
    try:
        assert "演示数据" not in first.windowTitle() and not first.sandbox_badge.isVisible()
        first.menus.demo_database.trigger()
        qtbot.waitUntil(lambda: controller.window is not first, timeout=20_000)
        demo_window = controller.window
        assert demo_window is not None
        windows.append(demo_window)
        assert demo_window.db.path == sandbox.resolve()
        assert "演示数据" in demo_window.windowTitle()
        assert demo_window.sandbox_badge.isVisible() and demo_window.home_button.isVisible()
        qtbot.waitUntil(lambda: demo_window.db.patient_count() == 60, timeout=60_000)
        qtbot.waitUntil(lambda: closed == [db.path], timeout=10_000)  # the clinic's file was let go
        assert not shiboken6.isValid(first) or not first.isVisible()
        # the clinic's database never saw a demo patient
        from clinic_desktop.services.database import open_database

        clinic = open_database(db.path, create=False)
        assert clinic.patient_count() == 0
        clinic.close()
        # one click back
        qtbot.waitUntil(lambda: demo_window.count_label.text() != "", timeout=20_000)
        demo_window.home_button.click()
        qtbot.waitUntil(lambda: controller.window is not demo_window, timeout=20_000)
        back = controller.window
        assert back is not None
        windows.append(back)
        assert back.db.path == db.path and not back.is_sandbox
        assert "演示数据" not in back.windowTitle()
    finally:
        for window in windows:
            if shiboken6.isValid(window):
                window.close()
        controller.db.close()


def test_open_and_create_databases_from_the_file_menu(
    qtbot, db: Database, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(
        main_window, "QSettings", lambda: QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    )
    controller = AppController(db, sandbox=tmp_path / "demo.db")
    first = controller.open_window()
    windows = [first]
    new_path = tmp_path / "branch" / "second.db"
    try:
        monkeypatch.setattr(first.files, "ask_path", lambda *, create: new_path)
        first.menus.new_database.trigger()
        qtbot.waitUntil(lambda: controller.window is not first, timeout=20_000)
        second = controller.window
        assert second is not None
        windows.append(second)
        assert second.db.path == new_path.resolve() and new_path.exists()
        assert second.home == new_path.resolve()  # the database the user created is now "the clinic's"
        # opening a file that is not a database leaves everything as it was, with a message
        bogus = tmp_path / "notes.db"
        bogus.write_text("not a database")
        warned: list[str] = []
        monkeypatch.setattr("clinic_desktop.ui.app.QMessageBox.warning", lambda *a: warned.append(a[2]))
        monkeypatch.setattr(second.files, "ask_path", lambda *, create: bogus)
        second.menus.open_database.trigger()
        qtbot.waitUntil(lambda: bool(warned), timeout=20_000)
        assert controller.window is second and controller.db.path == new_path.resolve()
        # and back to the first one
        monkeypatch.setattr(second.files, "ask_path", lambda *, create: db.path)
        second.menus.open_database.trigger()
        qtbot.waitUntil(lambda: controller.window is not second, timeout=20_000)
        assert controller.window is not None and controller.window.db.path == db.path
        windows.append(controller.window)
    finally:
        for window in windows:
            if shiboken6.isValid(window):
                window.close()
        controller.db.close()


def test_switching_moves_the_one_window_lock(qtbot, db: Database, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The app holds the lock of the database it shows: a file another window has open is refused (that
    window is asked to come forward) and nothing changes; a switch takes the new file's lock and lets go
    of the old one only after the old database is closed."""
    from clinic_desktop.services.instance import InstanceLock, is_open_elsewhere

    monkeypatch.setattr(
        main_window, "QSettings", lambda: QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    )
    mine = InstanceLock(db.path)
    assert mine.acquire()
    elsewhere_path = tmp_path / "busy.db"
    elsewhere = InstanceLock(elsewhere_path)
    assert elsewhere.acquire()  # another window has it open
    controller = AppController(db, mine, sandbox=tmp_path / "demo.db")
    first = controller.open_window()
    windows = [first]
    try:
        warned: list[str] = []
        monkeypatch.setattr("clinic_desktop.ui.app.QMessageBox.warning", lambda *a: warned.append(a[2]))
        monkeypatch.setattr(first.files, "ask_path", lambda *, create: elsewhere_path)
        first.menus.new_database.trigger()
        qtbot.waitUntil(lambda: bool(warned), timeout=20_000)
        assert "另一个私域助手窗口" in warned[0]
        assert controller.window is first and controller.lock is mine and not elsewhere_path.exists()
        assert elsewhere.take_wake_request()  # the other window was asked to come forward

        free = tmp_path / "free.db"
        monkeypatch.setattr(first.files, "ask_path", lambda *, create: free)
        first.menus.new_database.trigger()
        qtbot.waitUntil(lambda: controller.window is not first, timeout=20_000)
        assert controller.window is not None
        windows.append(controller.window)
        assert controller.lock is not None and controller.lock is not mine and controller.lock.held
        qtbot.waitUntil(lambda: not mine.held, timeout=20_000)  # released once the old file closed
        assert not is_open_elsewhere(db.path) and is_open_elsewhere(free)
    finally:
        for window in windows:
            if shiboken6.isValid(window):
                window.close()
        controller.db.close()
        for lock in (controller.lock, mine, elsewhere):
            if lock is not None:
                lock.release()
