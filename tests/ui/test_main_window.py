"""The main window: navigation, honest pending pages, status bar, geometry, first run."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from builders import add_patient, add_visit
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute
from clinic_desktop.ui.calllists.page import CallListsPage
from clinic_desktop.ui.dashboard.page import DashboardPage
from clinic_desktop.ui.first_run import DEMO_PATIENTS
from clinic_desktop.ui.importing.page import ImportPage
from clinic_desktop.ui.main_window import MainWindow
from clinic_desktop.ui.patients.page import PatientsPage
from clinic_desktop.ui.settings.page import SettingsPage


@pytest.fixture
def qsettings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


def _window(qtbot, db: Database, qsettings: QSettings) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(db, qsettings)
    qtbot.addWidget(window)
    return window


def test_navigation_reaches_every_page(qtbot, db: Database, qsettings: QSettings) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, db, qsettings)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == ["患者", "回访名单", "数据看板", "导入导出", "设置"]
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        assert window.stack.currentIndex() == row
    # every page is the real screen: no placeholder is left in the product
    pages = [type(window.stack.widget(i)) for i in range(window.stack.count())]
    assert pages == [PatientsPage, CallListsPage, DashboardPage, ImportPage, SettingsPage]


def test_status_bar_shows_path_count_and_metrics_date(qtbot, db: Database, qsettings: QSettings) -> None:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        p = add_patient(s, "张三", "13800000001")
        add_visit(s, p, date(2026, 5, 1), 300)
        add_patient(s, "李四", "13800000002", archived=True)
    recompute(db, date(2026, 11, 22))
    window = _window(qtbot, db, qsettings)
    assert window.path_label.text() == str(db.path)
    qtbot.waitUntil(lambda: window.metrics_label.text() != "", timeout=10_000)  # read off the GUI thread
    assert window.count_label.text() == "患者 1 位（已归档 1）"
    assert window.metrics_label.text() == "指标截至 2026-11-22"


def test_geometry_and_page_are_remembered(qtbot, db: Database, qsettings: QSettings) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, db, qsettings)
    window.show()
    window.move(10, 20)
    window.resize(window.minimumSizeHint().width() + 1, window.minimumSizeHint().height() + 3)
    size = (window.width(), window.height())
    window.nav.setCurrentRow(4)
    window.close()
    again = _window(qtbot, db, qsettings)
    assert again.nav.currentRow() == 4
    # the offscreen test screen is 800 px wide, so Qt clamps the width on restore; the height is exact
    assert again.height() == size[1]
    assert qsettings.value("main_window/geometry") is not None


def test_first_run_offers_and_loads_demo_data(
    qtbot, db: Database, qsettings: QSettings, sync_tasks: None
) -> None:  # type: ignore[no-untyped-def]
    from clinic_desktop.ui.first_run import FirstRunDialog

    window = _window(qtbot, db, qsettings)
    window.show()
    qtbot.waitUntil(
        lambda: getattr(window, "first_run_dialog", None) is not None and window.first_run_dialog.isVisible()
    )
    window.first_run_dialog.demo_button.click()
    assert isinstance(window.first_run_dialog, FirstRunDialog)
    assert db.patient_count() == DEMO_PATIENTS
    assert window.metrics_label.text().startswith("指标截至")
    assert "2,000" in window.count_label.text() or "1,9" in window.count_label.text()
