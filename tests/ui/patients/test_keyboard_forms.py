"""Every form of the patient 360° view from the keyboard alone (issue 13 item 4): Ctrl+3…7 puts the cursor
in the form's first field — the left-most one (Ctrl+7 used to land on the third) — and Enter submits;
Enter in the tag box adds the tag, also while its suggestions are open."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from builders import add_patient
from clinic_desktop.db.models import Tag
from clinic_desktop.services.database import Database
from clinic_desktop.ui.patients.detail import PatientDetailDialog
from clinic_desktop.ui.patients.quick_add_forms import QuickAddForm

AS_OF = date(2026, 11, 22)
_POPUP_NOISE = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing", extend=True
)


@pytest.fixture
def dialog(qtbot: Any, db: Database, sync_tasks: None) -> PatientDetailDialog:
    with db.sessions.begin() as s:
        pid = add_patient(s, "张三", "13800000001").id
        s.add(Tag(name="种植意向", category="behaviour"))
    widget = PatientDetailDialog(db, pid, as_of=AS_OF)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def _focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _target() -> QWidget:
    return QApplication.activePopupWidget() or _focused()


def _in(widget: QWidget) -> bool:
    focused = _focused()
    line = widget.lineEdit() if isinstance(widget, QComboBox) and widget.isEditable() else None
    return focused is widget or (line is not None and focused is line)


def _ime(text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(_focused(), event)


def _leftmost(form: QuickAddForm) -> QWidget:
    grid = form._grid
    item = grid.itemAtPosition(1, 0)
    assert item is not None and item.widget() is not None
    return item.widget()


@_POPUP_NOISE
@pytest.mark.parametrize(
    ("key", "form_name", "model_name", "typing"),
    [
        (Qt.Key.Key_3, "visit_form", "visits_model", ("jy", Qt.Key.Key_Tab, "300")),  # 洁牙 ¥300
        (Qt.Key.Key_4, "interaction_form", "interactions_model", (Qt.Key.Key_Tab, "price")),  # 咨询
        (Qt.Key.Key_5, "appointment_form", "appointments_model", ()),  # tomorrow 09:00, booked
        (Qt.Key.Key_6, "survey_form", "surveys_model", (Qt.Key.Key_Down,)),  # overall 4
        (Qt.Key.Key_7, "contact_form", "contacts_model", ()),  # recall call, reached
    ],
)
def test_each_quick_add_form_opens_on_its_first_field_and_submits_with_enter(
    qtbot: Any,
    dialog: PatientDetailDialog,
    key: Qt.Key,
    form_name: str,
    model_name: str,
    typing: tuple[Any, ...],
) -> None:
    form: QuickAddForm = getattr(dialog, form_name)
    model = getattr(dialog, model_name)
    qtbot.keyClick(_target(), key, Qt.KeyboardModifier.ControlModifier)
    assert form.first_field() is _leftmost(form)  # the first field is the one on the left
    assert _in(form.first_field())
    for step in typing:
        if isinstance(step, str):
            qtbot.keyClicks(_target(), step)
        else:
            qtbot.keyClick(_target(), step)
    with qtbot.waitSignal(dialog.patientChanged):
        qtbot.keyClick(_target(), Qt.Key.Key_Return)
    assert model.rowCount() == 1, form.error_label.text()
    assert _in(form.first_field())  # ready for the next entry


@_POPUP_NOISE
def test_enter_in_the_tag_box_adds_the_tag(qtbot: Any, dialog: PatientDetailDialog) -> None:
    panel = dialog.tags_panel
    qtbot.keyClick(_target(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert _in(panel.name)
    _ime("老客户")  # a new tag, no suggestion: Enter in the box itself
    with qtbot.waitSignal(dialog.patientChanged):
        qtbot.keyClick(_target(), Qt.Key.Key_Return)
    assert [panel.lists["custom"].item(i).text() for i in range(panel.lists["custom"].count())] == ["老客户"]
    assert _in(panel.name) and panel.name.currentText() == ""
    _ime("种植")  # suggestions open with 种植意向: one Enter takes it and adds it
    assert QApplication.activePopupWidget() is not None
    qtbot.keyClick(_target(), Qt.Key.Key_Down)
    with qtbot.waitSignal(dialog.patientChanged):
        qtbot.keyClick(_target(), Qt.Key.Key_Return)
    chips = panel.lists["behaviour"]
    assert [chips.item(i).text() for i in range(chips.count())] == ["种植意向"]


def test_enter_in_the_profile_source_saves(qtbot: Any, dialog: PatientDetailDialog) -> None:
    form = dialog.profile_form
    form.source.setFocus()
    _ime("抖音")
    with qtbot.waitSignal(dialog.patientChanged):
        qtbot.keyClick(_target(), Qt.Key.Key_Return)
    assert form.message.text() == "资料已保存"
