"""Keys (issue 13 item 4): Ctrl+N from any page, 帮助 → 快捷键 (F1) listing every key, the same keys in both
languages — shortcuts, mnemonics and the keys named in labels — and a focus ring you can see."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from builders import add_patient
from clinic_desktop.services.database import Database
from clinic_desktop.ui.i18n import install_language
from clinic_desktop.ui.main_window import MainWindow
from clinic_desktop.ui.patients.detail import PatientDetailDialog
from clinic_desktop.ui.patients.new_patient import NewPatientDialog
from clinic_desktop.ui.shortcut_list import SHORTCUTS, ShortcutListDialog, shortcut_rows
from clinic_desktop.ui.widgets import FOCUS_STYLE, apply_focus_style

TS = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "clinic_desktop_en.ts"


@pytest.fixture
def window(qtbot: Any, db: Database, tmp_path: Path, sync_tasks: None) -> MainWindow:
    with db.sessions.begin() as s:
        add_patient(s, "张三", "13800000001")
    widget = MainWindow(db, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    widget._started = True  # no first-run offer, no recompute at show: this test is about keys
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def _active(qtbot: Any, cls: type[QWidget]) -> Any:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), cls))
    return QApplication.activeWindow()


def test_ctrl_n_opens_the_new_patient_form_from_any_page(qtbot: Any, window: MainWindow) -> None:
    window.nav.setCurrentRow(2)  # the dashboard
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = _active(qtbot, NewPatientDialog)
    assert window.stack.currentWidget() is window.patients_page
    assert QApplication.focusWidget() is dialog.name
    dialog.reject()


def test_ctrl_f_goes_back_to_the_search(qtbot: Any, window: MainWindow) -> None:
    page = window.patients_page
    window.nav.setCurrentRow(0)
    page.list.search.setText("张")
    page.list.table.setFocus()
    qtbot.keyClick(page.list.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.list.search and page.list.search.selectedText() == "张"


@pytest.mark.qt_log_ignore("This plugin does not support raise", extend=True)
def test_f1_lists_every_key(qtbot: Any, window: MainWindow) -> None:
    menu = window.help_menu
    assert menu.title() == "帮助(&H)" and [a.text() for a in menu.actions()][0] == "快捷键(&K)…"
    assert [a.text() for a in window.menuBar().actions()].count("帮助(&H)") == 1  # one 帮助, shared
    qtbot.keyClick(window.nav, Qt.Key.Key_F1)
    dialog = _active(qtbot, ShortcutListDialog)
    shown = {dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())}
    assert {"任何页面", "患者列表", "新建患者", "患者档案", "回访名单"} <= shown
    keys = [row[1] for row in shortcut_rows()]
    assert {"Ctrl+N", "F1", "Ctrl+Return", "↓", "Alt+←"} <= set(keys)
    dialog.close()


def _keys_of(widgets: list[QWidget]) -> set[str]:
    """Every shortcut the widgets answer to, as portable text."""
    found: set[str] = set()
    for widget in widgets:
        for action in widget.findChildren(QAction):
            found |= {k.toString() for k in action.shortcuts() if not k.isEmpty()}
        for shortcut in widget.findChildren(QShortcut):
            found.add(shortcut.key().toString())
    return found


def _listed() -> set[str]:
    return {
        QKeySequence(keys).toString() for _where, rows in SHORTCUTS for keys, _what in rows if "…" not in keys
    }


def test_the_list_names_every_shortcut_and_the_keys_are_the_same_in_english(
    qtbot: Any, db: Database, window: MainWindow
) -> None:
    def gather() -> set[str]:
        new = NewPatientDialog(db, None, window)
        detail = PatientDetailDialog(db, 1, window)
        try:
            return _keys_of([window, new, detail])
        finally:
            new.deleteLater()
            detail.deleteLater()

    chinese = gather()
    assert {"Ctrl+N", "F1", "Ctrl+F", "Ctrl+O", "Ctrl+Return", "Ctrl+S", "Ctrl+1", "Ctrl+8"} <= chinese
    missing = {
        k for k in chinese - _listed() if not re.fullmatch(r"Ctrl\+[1-8]|Ctrl\+Enter|Alt\+(Left|Right)", k)
    }
    assert not missing, f"keys missing from 帮助 → 快捷键: {missing}"
    chinese_rows = [row[1] for row in shortcut_rows()]
    assert install_language("en")
    try:
        english = MainWindow(db, QSettings())
        qtbot.addWidget(english)
        english.pages.page("patients")  # built when first shown: this window is never shown
        new = NewPatientDialog(db, None, english)
        detail = PatientDetailDialog(db, 1, english)
        assert _keys_of([english, new, detail]) == chinese
        assert [row[1] for row in shortcut_rows()] == chinese_rows  # only the descriptions change
        assert english.help_menu.title() == "&Help"
        new.deleteLater()
        detail.deleteLater()
    finally:
        install_language("zh_CN")


def _messages() -> Iterator[tuple[str, str]]:
    for message in ET.parse(TS).getroot().iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("vanished", "obsolete"):
            continue
        yield message.findtext("source") or "", translation.text or ""


def test_no_translation_moves_a_key() -> None:
    """A mnemonic underlines the same letter in English (导入患者数据(&I)… → &Import …), and a key named in a
    label (Ctrl+O, Enter, F1) is named the same: the fingers do not follow the language."""
    mnemonic = re.compile(r"&([A-Za-z0-9])")
    named = re.compile(r"\b(?:Ctrl|Alt|Shift)\+\w+|\bF\d{1,2}\b|\bEnter\b")
    wrong = []
    for source, english in _messages():
        expected = {m.lower() for m in mnemonic.findall(source)}
        if expected != {m.lower() for m in mnemonic.findall(english)}:
            wrong.append((source, english))
        if set(named.findall(source)) - set(named.findall(english)):
            wrong.append((source, english))
    assert wrong == []


def test_the_focus_ring_shows_in_the_highlight_colour(qtbot: Any, qapp: QApplication) -> None:
    """The focused field's border is drawn in the palette's highlight colour, two pixels wide; the others
    are grey. The stylesheet parses without a warning (a Qt warning fails the test)."""
    before = qapp.styleSheet()
    apply_focus_style(qapp)
    try:
        assert qapp.styleSheet() == FOCUS_STYLE
        box = QWidget()
        qtbot.addWidget(box)
        first, second = QLineEdit("甲"), QLineEdit("乙")
        column = QVBoxLayout(box)
        column.addWidget(first)
        column.addWidget(second)
        box.resize(300, 100)
        box.show()
        qtbot.waitExposed(box)
        box.activateWindow()
        qtbot.waitUntil(box.isActiveWindow)
        first.setFocus()
        qtbot.waitUntil(first.hasFocus)
        highlight = first.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)

        def left_edge(edit: QLineEdit) -> list[QColor]:
            image = edit.grab().toImage()
            return [image.pixelColor(x, image.height() // 2) for x in (0, 1)]

        assert all(_close(c, highlight) for c in left_edge(first))
        assert not any(_close(c, highlight) for c in left_edge(second))
        assert first.sizeHint() == second.sizeHint()  # focus never changes a field's size
    finally:
        qapp.setStyleSheet(before)


def _close(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 40
