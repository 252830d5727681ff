"""The main window: navigation, honest pending pages, status bar, geometry, first run."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QPlainTextEdit

from builders import add_patient, add_visit
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute
from clinic_desktop.ui.calllists.page import CallListsPage
from clinic_desktop.ui.dashboard.page import DashboardPage
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
    for row in [1, 2, 3, 4, 0]:
        window.nav.setCurrentRow(row)  # a page is built when first shown
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
    window.show()  # counted once the window is on screen
    # read off the GUI thread; the metrics (as of a past day) are then brought up to today
    qtbot.waitUntil(lambda: window.metrics_label.text().startswith("指标截至"), timeout=20_000)
    assert window.count_label.text() == "患者 1 位（已归档 1）"


def test_geometry_and_page_are_remembered(qtbot, db: Database, qsettings: QSettings) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, db, qsettings)
    window.show()
    window.nav.setCurrentRow(4)
    window.move(10, 20)
    window.resize(window.minimumSizeHint().width() + 1, window.minimumSizeHint().height() + 3)
    size = (window.width(), window.height())
    window.close()
    again = _window(qtbot, db, qsettings)
    assert again.nav.currentRow() == 4
    # the offscreen test screen is 800 px wide, so Qt clamps the width on restore; the height is exact
    assert again.height() == size[1]
    assert qsettings.value("main_window/geometry") is not None


def test_pages_are_built_when_first_shown(qtbot, db: Database, qsettings: QSettings) -> None:  # type: ignore[no-untyped-def]
    """Start-up builds only the page the window opens on; matplotlib waits for the dashboard."""
    import sys

    window = _window(qtbot, db, qsettings)
    assert window.pages.existing("patients") is None  # not even the first page before the window shows
    window.show()
    qtbot.waitUntil(lambda: window.pages.existing("patients") is not None)
    assert window.stack.currentWidget() is window.pages.existing("patients")
    for key in ("call_lists", "dashboard", "import", "settings"):
        assert window.pages.existing(key) is None
    window.nav.setCurrentRow(2)
    assert isinstance(window.stack.currentWidget(), DashboardPage)
    assert "matplotlib" in sys.modules


def test_menus_file_and_help(qtbot, db: Database, qsettings: QSettings) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, db, qsettings)
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["文件(&F)", "数据(&D)", "帮助(&H)"]  # 数据: backups (issue 14)
    assert not window.menus.home_database.isEnabled()  # this is the clinic's database
    asked: list[tuple[str, str]] = []
    window.databaseRequested.connect(lambda path, how: asked.append((path, how)))
    window.menus.demo_database.trigger()
    assert asked == [(str(window.sandbox), "sandbox")]


def test_about_dialog_shows_version_folders_and_licences(qtbot, db: Database, qsettings: QSettings) -> None:  # type: ignore[no-untyped-def]
    from clinic_desktop import __version__
    from clinic_desktop.ui.about import AboutDialog

    window = _window(qtbot, db, qsettings)
    window.menus.about.trigger()
    dialog = window.about_dialog
    assert isinstance(dialog, AboutDialog)
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert __version__ in texts and str(db.path.parent) in texts and "logs" in texts
    table = dialog.tabs.widget(0)
    names = {table.item(row, 0).text(): table.item(row, 3).text() for row in range(table.rowCount())}
    assert names["PySide6-Essentials"].startswith("LGPL")
    assert {
        "matplotlib",
        "numpy",
        "SQLAlchemy",
        "openpyxl",
        "python-calamine",
        "pypinyin",
        "lunar-python",
    } <= set(names)
    font_text = dialog.tabs.widget(1).findChild(QPlainTextEdit).toPlainText()
    assert "SIL OPEN FONT LICENSE" in font_text.upper()
    dialog.close()


def test_first_day_guide_on_an_empty_database(
    qtbot, db: Database, qsettings: QSettings, sync_tasks: None
) -> None:  # type: ignore[no-untyped-def]
    from clinic_desktop.services.clinic_settings import load_settings
    from clinic_desktop.ui.first_day import FirstDayGuide
    from clinic_desktop.ui.importing.wizard import ImportWizard

    window = _window(qtbot, db, qsettings)
    window.show()
    qtbot.waitUntil(lambda: getattr(window, "guide", None) is not None)
    guide = window.guide
    assert isinstance(guide, FirstDayGuide)
    # the clinic's name, asked while it is the default; saved, it shows instead of the question
    assert guide.name_edit.isVisible()
    guide.name_edit.setText("微笑口腔")
    guide.name_button.click()
    assert load_settings(db).clinic_name == "微笑口腔"
    assert not guide.name_edit.isVisible() and "微笑口腔" in guide.name_note.text()
    # steps 2 and 3 wait for patients; step 1 opens the import wizard itself
    assert not guide.dashboard_button.isEnabled() and not guide.call_list_button.isEnabled()
    guide.import_button.click()
    wizard = window.import_page.wizard
    assert isinstance(wizard, ImportWizard) and wizard.isVisible()
    wizard.close()
    with db.sessions.begin() as s:
        add_patient(s, "张三", "13800000001")
    window.update_status()
    assert guide.dashboard_button.isEnabled() and guide.step_labels[1].text().startswith("✓")
    guide.dashboard_button.click()
    assert window.stack.currentWidget() is window.dashboard_page
    assert guide.step_labels[2].text().startswith("✓")
    guide.close_button.click()
    assert window.guide is None
    window.close()
    # closed for good: a new window on an empty database does not show it again (帮助 → 入门指南 does)
    again = _window(qtbot, db, qsettings)
    again.show()
    again.offer_first_day()
    assert getattr(again, "guide", None) is None
    again.menus.guide.trigger()
    assert again.guide is not None


def test_guide_not_shown_when_there_are_patients(
    qtbot, db: Database, qsettings: QSettings, sync_tasks: None
) -> None:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        add_patient(s, "张三", "13800000001")
    window = _window(qtbot, db, qsettings)
    window.show()
    window.offer_first_day()
    assert getattr(window, "guide", None) is None


def test_catalogue_counts_follow_data_changes(
    qtbot, db: Database, qsettings: QSettings, sync_tasks: None
) -> None:  # type: ignore[no-untyped-def]
    """设置 → 项目目录 counts visits: after data arrives (an edit, an import, the page shown again) it
    says so at once, not after a restart."""
    window = _window(qtbot, db, qsettings)
    window.show()
    settings = window.go_to("settings")

    def visits(name: str) -> int:
        return next(t.visits for t in settings.catalogue.treatments() if t.name == name)

    assert visits("洁牙") == 0
    with db.sessions.begin() as s:
        p = add_patient(s, "张三", "13800000001")
        add_visit(s, p, date(2026, 5, 1), 300, "洁牙")
    window.patients_page.dataChanged.emit()  # a record was edited on the patient page
    assert visits("洁牙") == 1
    window.go_to("patients")
    with db.sessions.begin() as s:
        add_visit(s, s.get(type(p), p.id), date(2026, 6, 1), 300, "洁牙")
    window.go_to("settings")  # shown again: counted again
    assert visits("洁牙") == 2


def test_an_interval_adopted_on_the_dashboard_reaches_the_other_pages(
    qtbot, db: Database, qsettings: QSettings, sync_tasks: None, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """复购周期 → 采用 writes the catalogue and recomputes: the pages already built (the settings'
    catalogue, the patient list, the status bar) follow without a restart."""
    from clinic_desktop.services.clinic_settings import list_treatments
    from clinic_desktop.ui.dashboard.cycles import Adopt

    with db.sessions.begin() as s:
        add_visit(s, add_patient(s, "张三", "13800000001"), date(2026, 5, 1), 300, "洁牙")
    window = _window(qtbot, db, qsettings)
    window.show()
    settings = window.go_to("settings")
    patients = window.go_to("patients")
    reloads: list[bool] = []
    monkeypatch.setattr(patients, "reload", lambda: reloads.append(True))
    cleaning = next(t for t in list_treatments(db) if t.name == "洁牙")
    dashboard = window.go_to("dashboard")
    with qtbot.waitSignal(dashboard.metricsChanged):
        dashboard.adopt_interval(Adopt(cleaning.id, "洁牙", cleaning.recall_days + 20, cleaning.recall_days))
    shown = next(t for t in settings.catalogue.treatments() if t.name == "洁牙")
    assert shown.recall_days == cleaning.recall_days + 20
    assert reloads == [True]
    assert window.metrics_label.text().startswith("指标截至")
