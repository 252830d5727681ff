"""Every screen fits a 1,366×768 screen, in Chinese and in English, with no text cut off.

The main window opens at its default size and every page (every dashboard tab, a generated call list)
and every dialog is shown at its default size over a demo clinic; then :mod:`fit_check` measures each
visible text against the room its widget got. The window and each dialog must also fit the screen:
their size and their minimum size within the space a 1,366×768 screen leaves (taskbar and title bar).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import QApplication, QDialog, QScrollArea, QWidget

from clinic_desktop.services.database import Database, open_database
from clinic_desktop.ui.i18n import install_language
from clinic_desktop.ui.main_window import DEFAULT_SIZE, MainWindow
from fit_check import clipped

AS_OF = date(2026, 11, 22)
#: 1,366×768 less a 40 px taskbar and a 30 px title bar
AVAILABLE = QSize(1366, 768 - 40 - 30)
LANGUAGES = ["zh_CN", "en"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    from clinic_desktop.services.demo import generate_demo
    from clinic_desktop.services.metrics import recompute

    db = open_database(tmp_path_factory.mktemp("fit") / "demo.db")
    generate_demo(db, patients=400, seed=1, as_of=AS_OF)
    recompute(db, AS_OF)
    yield db
    db.close()


@pytest.fixture(params=LANGUAGES)
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    install_language(request.param)
    yield request.param
    install_language("zh_CN")


@pytest.fixture
def window(qtbot: Any, demo: Database, tmp_path: Path, language: str, sync_tasks: None) -> MainWindow:
    win = MainWindow(demo, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.resize(DEFAULT_SIZE)
    win.show()
    qtbot.waitUntil(lambda: win.pages.existing("patients") is not None)
    return win


def _sideways(tab: QWidget, where: str) -> list[str]:
    """A dashboard tab scrolls up and down on a small screen, never sideways: what does not fit beside
    the rest is off the window's right edge, where no clipped text shows it (a page in its scroll area
    gets all the width it asks for)."""
    areas = [a for a in tab.findChildren(QScrollArea) if a.isVisible() and a.widget() is not None]
    if not areas:
        return [f"{where}: not in a scroll area"]
    area = areas[0]
    need, room = area.widget().minimumSizeHint().width(), area.viewport().width()
    if need > room or area.horizontalScrollBar().maximum() > 0:
        return [f"{where}: needs {need} px of width, the window gives it {room}"]
    return []


def _fits(size: QSize) -> bool:
    return size.width() <= AVAILABLE.width() and size.height() <= AVAILABLE.height()


def _settle(qtbot: Any) -> None:
    for _ in range(3):
        QApplication.processEvents()
    qtbot.wait(10)


def test_main_window_and_every_page(qtbot: Any, window: MainWindow, language: str) -> None:
    problems: list[str] = []
    assert _fits(window.size()), window.size()
    for key in ("patients", "call_lists", "dashboard", "import", "settings"):
        page = window.go_to(key)
        if key == "call_lists":
            page.as_of.setDate(AS_OF)  # type: ignore[attr-defined]
            page.generate()  # type: ignore[attr-defined]
        if key == "dashboard":
            for tab in range(page.tabs.count()):  # type: ignore[attr-defined]
                page.tabs.setCurrentIndex(tab)  # type: ignore[attr-defined]
                _settle(qtbot)
                problems += [f"{key} tab {tab}: {c}" for c in clipped(window)]
                problems += _sideways(page.tabs.currentWidget(), f"{key} tab {tab}")  # type: ignore[attr-defined]
            continue
        _settle(qtbot)
        problems += [f"{key}: {c}" for c in clipped(window)]
    window.show_guide(force=True)
    _settle(qtbot)
    problems += [f"guide: {c}" for c in clipped(window)]
    page = window.go_to("dashboard")  # a first day's dashboard: beside the guide, the narrowest it gets
    for tab in range(page.tabs.count()):  # type: ignore[attr-defined]
        page.tabs.setCurrentIndex(tab)  # type: ignore[attr-defined]
        _settle(qtbot)
        problems += [f"guide, dashboard tab {tab}: {c}" for c in clipped(window)]
        problems += _sideways(page.tabs.currentWidget(), f"guide, dashboard tab {tab}")  # type: ignore[attr-defined]
    minimum = window.minimumSizeHint()
    if not _fits(minimum):
        pages = {
            k: window.pages.page(k).minimumSizeHint()
            for k in ("patients", "call_lists", "dashboard", "import", "settings")
        }
        sizes = ", ".join(f"{k} {v.width()}×{v.height()}" for k, v in pages.items())
        problems.append(f"the window cannot shrink to the screen: minimum {minimum} ({sizes})")
    if not _fits(window.size()):
        problems.append(f"the window grew to {window.size()}")
    assert not problems, f"{language}:\n" + "\n".join(dict.fromkeys(problems))


def _dialogs(window: MainWindow, db: Database) -> dict[str, Callable[[], QDialog]]:
    from clinic_desktop.ui.about import AboutDialog
    from clinic_desktop.ui.calllists.campaign_dialog import CampaignDialog
    from clinic_desktop.ui.calllists.excel_files import ExportDialog
    from clinic_desktop.ui.calllists.rules_dialog import CallListRulesDialog, CrossSellRuleDialog
    from clinic_desktop.ui.importing.duplicates_dialog import DuplicatesDialog
    from clinic_desktop.ui.importing.wizard import ImportWizard
    from clinic_desktop.ui.patients.bulk_tag_dialog import BulkTagDialog
    from clinic_desktop.ui.patients.detail import PatientDetailDialog
    from clinic_desktop.ui.patients.tag_manager import TagFormDialog, TagManagerDialog
    from clinic_desktop.ui.settings.treatment_catalogue import TreatmentFormDialog

    busiest = _busiest_patient(db)
    return {
        **_desk_dialogs(window, db, busiest),
        "about": lambda: AboutDialog(db.path, window),
        "campaign": lambda: CampaignDialog(db, None, window),
        "export": lambda: ExportDialog(
            Path.home() / "Documents" / "回访名单_到期复诊_2026-11-22.xlsx", window
        ),
        "call-list rules": lambda: CallListRulesDialog(db, window),
        "cross-sell rule": lambda: CrossSellRuleDialog(None, ["洁牙", "种植牙"], ["口腔", "皮肤"], window),
        "duplicates": lambda: DuplicatesDialog(db, window),
        "import wizard": lambda: ImportWizard(db, window),
        "bulk tags": lambda: BulkTagDialog(db, [1, 2, 3], window),
        "patient": lambda: PatientDetailDialog(db, busiest, window, as_of=AS_OF),
        "tag form": lambda: TagFormDialog(window),
        "tag manager": lambda: TagManagerDialog(db, window),
        "treatment form": lambda: TreatmentFormDialog(["口腔", "皮肤"], None, window),
    }


def _desk_dialogs(window: MainWindow, db: Database, patient: int) -> dict[str, Callable[[], QDialog]]:
    """The dialogs of the reception desk and of privacy: new patient, the key list, erase, password,
    the audit log."""
    from clinic_desktop.services.privacy import plan_erase
    from clinic_desktop.ui.patients.new_patient import NewPatientDialog
    from clinic_desktop.ui.patients.privacy_actions import EraseDialog
    from clinic_desktop.ui.settings.audit_dialog import AuditDialog
    from clinic_desktop.ui.settings.privacy_group import CHANGE, PasswordDialog
    from clinic_desktop.ui.shortcut_list import ShortcutListDialog

    return {
        **_safety_dialogs(window, db),
        "new patient": lambda: NewPatientDialog(db, None, window),
        "shortcuts": lambda: ShortcutListDialog(window),
        "erase": lambda: EraseDialog(plan_erase(db, patient), window),
        "password": lambda: PasswordDialog(CHANGE, "修改密码", window),
        "audit log": lambda: AuditDialog(db, window, today=AS_OF),
    }


def _safety_dialogs(window: MainWindow, db: Database) -> dict[str, Callable[[], QDialog]]:
    """数据 → 恢复… and the dialog a damaged database opens with (offering the newest good backup)."""
    from clinic_desktop.services.backup import backup_database, newest_good_backup
    from clinic_desktop.ui.safety import RecoveryDialog, RestoreDialog

    if newest_good_backup(db.path, full=False) is None:
        backup_database(db.path, reason="test")
    newest = newest_good_backup(db.path, full=False)
    assert newest is not None
    problem = "数据库文件已损坏（第 3 页校验失败），无法打开。"
    return {
        "restore": lambda: RestoreDialog(db.path, 400, window),
        "recovery": lambda: RecoveryDialog(db.path, problem, newest, window),
        "recovery later": lambda: RecoveryDialog(db.path, problem, newest, window, later=True),
    }


def _busiest_patient(db: Database) -> int:
    from sqlalchemy import func, select

    from clinic_desktop.db.models import Visit

    with db.sessions() as session:
        row = session.execute(
            select(Visit.patient_id, func.count()).group_by(Visit.patient_id).order_by(func.count().desc())
        ).first()
    assert row is not None
    return int(row[0])


def test_every_dialog(qtbot: Any, window: MainWindow, demo: Database, language: str) -> None:
    problems: list[str] = []
    for name, make in _dialogs(window, demo).items():
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        _settle(qtbot)
        if not _fits(dialog.size()):
            problems.append(f"{name}: size {dialog.size().width()}×{dialog.size().height()}")
        if not _fits(dialog.minimumSizeHint()):
            problems.append(f"{name}: minimum size {dialog.minimumSizeHint()}")
        tabs = getattr(dialog, "tabs", None)
        for index in range(tabs.count() if tabs is not None and hasattr(tabs, "count") else 1):
            if tabs is not None and hasattr(tabs, "setCurrentIndex"):
                tabs.setCurrentIndex(index)
                _settle(qtbot)
            problems += [f"{name}: {c}" for c in clipped(dialog)]
        dialog.close()
    assert not problems, f"{language}:\n" + "\n".join(dict.fromkeys(problems))


def test_fit_check_finds_a_cut_text(qtbot: Any) -> None:
    """The checker itself: a label narrower than its text is reported, an elided one is not."""
    from PySide6.QtWidgets import QHBoxLayout, QLabel

    from clinic_desktop.ui.widgets import ElidedLabel

    box = QWidget()
    qtbot.addWidget(box)
    row = QHBoxLayout(box)
    cut, elided = QLabel("A rather long English sentence"), ElidedLabel("A rather long English sentence")
    cut.setFixedWidth(60)
    elided.setFixedWidth(60)
    row.addWidget(cut)
    row.addWidget(elided)
    box.show()
    found = clipped(box)
    assert [c.text for c in found] == ["A rather long English sentence"]
    assert elided.toolTip() == "A rather long English sentence" and elided.text().endswith("…")
