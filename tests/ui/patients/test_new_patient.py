"""Registering a walk-in by keyboard alone (issue 13 item 1), as the receptionist does it: type the phone in
the search box, nobody is found, Enter opens 新建患者 with the phone filled in, a few fields, Enter saves.

The walk-in test counts every key press it needs — an input method's pinyin keystrokes included, as
the receptionist types them — and holds the whole registration to 15 seconds for a practised user.
"""

from __future__ import annotations

import time
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from builders import add_patient
from clinic_desktop.core.pinyin_keys import search_keys
from clinic_desktop.db.models import Patient, PatientTag, Tag
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute
from clinic_desktop.services.patients import load_record
from clinic_desktop.ui.patients.detail import PatientDetailDialog
from clinic_desktop.ui.patients.new_patient import NewPatientDialog, split_search_text
from clinic_desktop.ui.patients.page import PatientsPage

TODAY = date.today()
#: a practised receptionist: 200 key presses a minute, number pad and pinyin alike (a deliberately modest
#: rate — fast typists reach 300+)
SECONDS_PER_KEY = 0.3
#: the offscreen platform says so when a completion popup opens; not our code
_POPUP_NOISE = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing", extend=True
)


class Keyboard:
    """Key presses to the focused widget (or the open popup), counted."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot, self.count = qtbot, 0

    @staticmethod
    def target() -> QWidget:
        widget = QApplication.activePopupWidget() or QApplication.focusWidget()
        assert widget is not None
        return widget

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(self.target(), text)
        self.count += len(text)

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self.qtbot.keyClick(self.target(), key, modifier)
        self.count += 1

    def pinyin(self, text: str, keystrokes: str) -> None:
        """Chinese as the input method commits it, counted as the pinyin typed for it (+ the space that
        picks the first candidate)."""
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(self.target(), event)
        self.count += len(keystrokes) + 1


@pytest.fixture
def page(qtbot: Any, db: Database, sync_tasks: None) -> PatientsPage:
    with db.sessions.begin() as s:
        for name, phone, source in (("张三", "13800000001", "抖音"), ("李四", "13800000002", "大众点评")):
            full, initials = search_keys(name)  # as a save computes them
            add_patient(s, name, phone, source=source, pinyin_full=full, pinyin_initials=initials)
        s.add(Tag(name="种植意向", category="custom"))
    recompute(db, TODAY)
    widget = PatientsPage(db)
    qtbot.addWidget(widget)
    widget.resize(1280, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: widget.list.model.rowCount() == 2)
    return widget


def _dialog(qtbot: Any, page: PatientsPage) -> NewPatientDialog:
    """The form the page opened, once it has the keyboard (the window system activates it)."""
    dialog = page.new_patient_dialog
    assert isinstance(dialog, NewPatientDialog) and dialog.isVisible()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _focused() -> QWidget | None:
    return QApplication.focusWidget()


@_POPUP_NOISE
def test_register_a_walk_in_from_the_search_box_by_keyboard_alone(
    qtbot: Any, page: PatientsPage, db: Database
) -> None:
    keys = Keyboard(qtbot)
    started = time.perf_counter()
    page.list.search.setFocus()
    keys.type("13912345388")  # the number the patient reads out
    keys.press(Qt.Key.Key_Return)  # nobody has it: 新建患者 opens with the phone filled in
    dialog = _dialog(qtbot, page)
    assert dialog.phone.text() == "13912345388" and dialog.name.text() == ""
    assert _focused() is dialog.name
    keys.pinyin("王芳", "wangfang")
    keys.press(Qt.Key.Key_Tab)
    assert _focused() is dialog.gender  # beside the name
    keys.type("2")  # 女
    keys.press(Qt.Key.Key_Tab)  # the phone: already there
    keys.press(Qt.Key.Key_Tab)
    keys.type("19900503")
    assert "1990-05-03" in dialog.birth.hint.text()
    keys.press(Qt.Key.Key_Tab)  # 农历生日: no
    keys.press(Qt.Key.Key_Tab)
    keys.type("dy")  # 抖音, by its pinyin initials
    keys.press(Qt.Key.Key_Tab)
    assert dialog.source.currentText() == "抖音"
    assert _focused() is dialog.consent
    keys.press(Qt.Key.Key_Space)  # 营销同意: yes (she agreed at the desk)
    assert dialog.consent.isChecked()
    keys.press(Qt.Key.Key_Return)  # saved
    elapsed = time.perf_counter() - started

    assert not dialog.isVisible()
    with db.sessions() as s:
        patient = s.scalars(select(Patient).where(Patient.phone == "13912345388")).one()
    record = load_record(db, patient.id, TODAY)
    p = record.profile
    assert (p.name, p.gender, p.birth_date, p.source, p.marketing_consent) == (
        "王芳", "F", date(1990, 5, 3), "抖音", True,
    )  # fmt: skip
    assert p.first_contact_date == TODAY
    # the list shows her at once (the search still holds her number), selected, with her stage
    assert page.list.selected_patient_ids() == [patient.id]
    assert page.list.model.patient_row(0).stage == "stranger"
    print(f"\nwalk-in: {keys.count} key presses, app time {elapsed:.2f} s")
    assert keys.count == 40
    assert keys.count * SECONDS_PER_KEY + elapsed < 15


def test_a_name_typed_in_the_search_fills_the_name(qtbot: Any, page: PatientsPage) -> None:
    page.list.search.setFocus()
    event = QInputMethodEvent()
    event.setCommitString("赵六")
    QApplication.sendEvent(page.list.search, event)
    page.list.apply_filter()
    assert page.list.no_match.isVisible()
    assert page.list.create_button.text() == "新建患者「赵六」（Enter）"
    page.list.create_button.click()
    dialog = _dialog(qtbot, page)
    assert (dialog.name.text(), dialog.phone.text()) == ("赵六", "")
    assert _focused() is dialog.phone  # the name is there: the phone is next
    dialog.reject()


def test_split_search_text() -> None:
    assert split_search_text(" 139 1234 5388 ") == ("", "139 1234 5388")
    assert split_search_text("5388") == ("", "5388")
    assert split_search_text("+86 13912345388") == ("", "+86 13912345388")
    assert split_search_text("王芳") == ("王芳", "")
    assert split_search_text("Anna") == ("Anna", "")


def test_a_duplicate_phone_is_refused_and_the_other_patient_opened(
    qtbot: Any, page: PatientsPage, db: Database
) -> None:
    keys = Keyboard(qtbot)
    page.new_button.click()  # (Ctrl+N is the main window's: test_main_window)
    dialog = _dialog(qtbot, page)
    assert _focused() is dialog.name
    keys.pinyin("张三丰", "zhangsanfeng")
    keys.press(Qt.Key.Key_Tab)
    keys.press(Qt.Key.Key_Tab)
    keys.type("138 0000 0001")
    # said as soon as the number is whole, before anything is saved
    assert dialog.holder_box.isVisible()
    assert "已属于患者 张三" in dialog.holder_label.text()
    keys.press(Qt.Key.Key_Return)  # saving anyway is refused, at the phone
    assert dialog.isVisible() and _focused() is dialog.phone
    with db.sessions() as s:
        assert s.scalar(select(Patient.id).where(Patient.name == "张三丰")) is None
    opened: list[int] = []

    def close_the_record() -> None:
        record = QApplication.activeModalWidget()
        assert isinstance(record, PatientDetailDialog)
        opened.append(record.patient_id)
        record.accept()

    QTimer.singleShot(0, close_the_record)
    keys.press(Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)  # open 张三 instead
    zhang = db_id(db, "张三")
    assert opened == [zhang]
    assert not dialog.isVisible()


def db_id(db: Database, name: str) -> int:
    with db.sessions() as s:
        return int(s.scalars(select(Patient.id).where(Patient.name == name)).one())


@_POPUP_NOISE
def test_tags_are_added_with_enter_and_saved_with_the_patient(
    qtbot: Any, page: PatientsPage, db: Database
) -> None:
    keys = Keyboard(qtbot)
    page.new_button.click()
    dialog = _dialog(qtbot, page)
    keys.pinyin("钱七", "qianqi")
    dialog.tags.box.setFocus()
    keys.pinyin("种植", "zhongzhi")  # the suggestion list opens with 种植意向
    assert QApplication.activePopupWidget() is not None
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Return)  # one Enter: the suggestion is taken and added
    assert dialog.tags.names == ["种植意向"] and dialog.tags.typed() == ""
    keys.pinyin("老客户", "laokehu")  # a new tag
    keys.press(Qt.Key.Key_Return)
    assert dialog.tags.names == ["种植意向", "老客户"]
    keys.press(Qt.Key.Key_Backspace)  # the empty box: the last chip goes
    assert dialog.tags.names == ["种植意向"]
    keys.press(Qt.Key.Key_Return)  # Enter in the empty box saves
    assert not dialog.isVisible()
    with db.sessions() as s:
        pid = s.scalars(select(Patient.id).where(Patient.name == "钱七")).one()
        tags = s.scalars(select(Tag.name).join(PatientTag).where(PatientTag.patient_id == pid)).all()
    assert tags == ["种植意向"]


@_POPUP_NOISE
def test_the_referrer_is_found_as_typed_and_a_bad_birth_date_said_at_its_field(
    qtbot: Any, page: PatientsPage, db: Database
) -> None:
    keys = Keyboard(qtbot)
    page.new_button.click()
    dialog = _dialog(qtbot, page)
    keys.pinyin("孙八", "sunba")
    dialog.birth.setFocus()
    keys.type("1985.3")
    assert "只知年月" in dialog.birth.hint.text()
    dialog.referrer.setFocus()
    keys.type("zs")  # 张三 by initials
    assert QApplication.activePopupWidget() is not None
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Return)
    assert dialog.referrer.patient_id == db_id(db, "张三")
    assert dialog.referrer.chosen.text() == "13800000001"
    dialog.birth.setText("1990-13-45")
    keys.press(Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog._errors["birth_date"].isVisible()
    assert _focused() is dialog.birth
    dialog.birth.setText("1985-03")
    keys.press(Qt.Key.Key_Return)
    pid = db_id(db, "孙八")
    record = load_record(db, pid, TODAY)
    assert record.referred_by is not None and record.referred_by.name == "张三"
    assert record.profile.birth_partial == "1985-03"


def test_ctrl_enter_saves_and_opens_the_record(qtbot: Any, page: PatientsPage, db: Database) -> None:
    keys = Keyboard(qtbot)
    page.new_button.click()
    _dialog(qtbot, page)
    keys.pinyin("周九", "zhoujiu")
    opened: list[int] = []

    def close_the_record() -> None:
        record = QApplication.activeModalWidget()
        assert isinstance(record, PatientDetailDialog)
        opened.append(record.patient_id)
        record.accept()

    QTimer.singleShot(0, close_the_record)
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert opened == [db_id(db, "周九")]


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_form_fits_a_1366_by_768_screen_in_both_languages(
    qtbot: Any, page: PatientsPage, db: Database, language: str
) -> None:
    from clinic_desktop.ui.i18n import install_language

    assert install_language(language)
    try:
        dialog = NewPatientDialog(db, page.list.service, page, text="13800000001")
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(dialog.holder_box.isVisible)  # the tallest it gets: who has the phone, shown
        for label in dialog._errors.values():
            label.setText("x")
            label.show()
        need = dialog.layout().totalMinimumSize()
        assert need.width() <= 1366 and need.height() <= 768 - 80  # a taskbar and a title bar
        assert dialog.width() >= need.width()
        dialog.reject()
    finally:
        install_language("zh_CN")
