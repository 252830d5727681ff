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
