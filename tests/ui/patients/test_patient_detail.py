"""Patient 360° dialog driven like a receptionist drives it: keyboard first, on a fresh database."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from builders import add_patient, add_visit
from clinic_desktop.db.models import Patient
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute
from clinic_desktop.services.patients import record as pr
from clinic_desktop.ui.patients.detail import PatientDetailDialog
from clinic_desktop.ui.patients.record_models import SORT_ROLE

AS_OF = date(2026, 11, 22)
AS_OF_DT = datetime(2026, 11, 22, 10, 0)


@pytest.fixture
def clinic(db: Database) -> dict[str, int]:
    """张三 bought once (¥300). Among five paying patients two spent more, so she is E3 → C (2.40);
    a ¥2,000 purchase on a second day makes her the top spender: E5 → B (3.60), and a repeat patient."""
    with db.sessions.begin() as s:
        zhang = add_patient(s, "张三", "13800000001", gender="F", birth_date=date(1990, 3, 2))
        add_visit(s, zhang, date(2026, 5, 1), 300, "洁牙")
        li = add_patient(s, "李四", "13800000002")
        add_visit(s, li, date(2026, 6, 1), 1000)
        for i, yuan in enumerate((500, 200, 100)):
            add_visit(s, add_patient(s, f"患者{i}", f"1380000010{i}"), date(2026, 7, 1), yuan)
        ids = {"zhang": zhang.id, "li": li.id}
    recompute(db, AS_OF)
    return ids


def _open(qtbot, db: Database, patient_id: int) -> PatientDetailDialog:  # type: ignore[no-untyped-def]
    dialog = PatientDetailDialog(db, patient_id, as_of=AS_OF)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _key_target() -> QWidget:
    """Where the keyboard goes: an open completion popup first, as on a real desktop."""
    return QApplication.activePopupWidget() or _focused()


def _type(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type ASCII key by key (QTest cannot press keys for Chinese characters)."""
    qtbot.keyClicks(_key_target(), text)


def _ime(text: str) -> None:
    """Enter Chinese the way an input method does: one committed string."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(_focused(), event)


def _press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(_key_target(), key, modifier)


def test_header_shows_stage_reason_and_ers_explanation(qtbot, db: Database, clinic, sync_tasks) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, db, clinic["zhang"])
    assert dialog.name_label.text() == "张三"
    assert "13800000001" in dialog.identity_label.text()
    assert "36 岁" in dialog.identity_label.text()
    assert dialog.stage_label.text() == "下单用户"
    assert dialog.stage_reason_label.text().startswith("1 次消费，最近 2026-05-01")
    assert dialog.tier_label.text() == "C"
    assert dialog.ers_label.text().startswith("C · 2.40 = 0.6×E3 + 0.2×R0 + 0.2×S–(按3计)")
    assert "可联系" in dialog.contact_label.text()


# The offscreen platform says so when the treatment's completion popup opens; not our code.
_POPUP_NOISE = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing", extend=True
)


@_POPUP_NOISE
def test_add_a_visit_on_a_second_day_from_the_keyboard(qtbot, db: Database, clinic, sync_tasks) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, db, clinic["zhang"])
    _press(qtbot, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # the 消费 tab
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "消费"
    # the cursor starts in 项目, the first field; the date (today) is the last, out of the way
    assert _focused() in (dialog.visit_form.treatment, dialog.visit_form.treatment.lineEdit())
    assert dialog.visit_form.first_field() is dialog.visit_form.treatment
    assert dialog.visit_form.date_edit.date().toString("yyyy-MM-dd") == "2026-11-22"
    _type(qtbot, "jy")  # pinyin initials of 洁牙, no input method needed
    _press(qtbot, Qt.Key.Key_Tab)
    assert dialog.visit_form.treatment.currentText() == "洁牙"
    assert _focused() is dialog.visit_form.amount
    _type(qtbot, "2,000")
    with qtbot.waitSignal(dialog.patientChanged) as changed:
        _press(qtbot, Qt.Key.Key_Return)
    assert changed.args == [clinic["zhang"]]
    assert dialog.stage_label.text() == "复购用户"
    assert dialog.stage_reason_label.text().startswith("2次复购，最近 2026-11-22")
    assert dialog.tier_label.text() == "B"
    assert dialog.ers_label.text().startswith("B · 3.60 = 0.6×E5")
    model = dialog.visits_model
    assert model.rowCount() == 2
    assert [model.index(0, c).data() for c in range(3)] == ["2026-11-22", "洁牙", "¥2,000"]
    # the form is ready for the next entry, cursor back in its first field
    assert dialog.visit_form.amount.text() == ""
    assert _focused() in (dialog.visit_form.treatment, dialog.visit_form.treatment.lineEdit())
    assert not dialog.isHidden()  # Enter submitted the form; it did not close the dialog


def test_a_refused_visit_says_why_at_the_form(qtbot, db: Database, clinic, sync_tasks) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, db, clinic["zhang"])
    dialog.tabs.setCurrentIndex(2)
    form = dialog.visit_form
    form.treatment.setEditText("洁牙")
    form.amount.setText("12.345")
    with qtbot.assertNotEmitted(dialog.patientChanged):
        qtbot.keyClick(form.amount, Qt.Key.Key_Return)
    assert form.error_label.text() == "金额最多两位小数"
    assert dialog.visits_model.rowCount() == 1
    form.treatment.setEditText("不存在")
    form.amount.setText("10")
    qtbot.keyClick(form.amount, Qt.Key.Key_Enter)
    assert "项目不在项目目录中" in form.error_label.text()


def test_add_a_tag_existing_and_new(qtbot, db: Database, clinic, sync_tasks) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, db, clinic["zhang"])
    _press(qtbot, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    panel = dialog.tags_panel
    assert _focused() in (panel.name, panel.name.lineEdit())
    _ime("种植意向")
    assert panel.hint.text() == "将新建标签"
    _press(qtbot, Qt.Key.Key_Tab)
    assert _focused() is panel.category
    panel.category.setCurrentIndex(panel.category.findData("behaviour"))
    with qtbot.waitSignal(dialog.patientChanged):
        _press(qtbot, Qt.Key.Key_Return)
    chips = panel.lists["behaviour"]
    assert [chips.item(i).text() for i in range(chips.count())] == ["种植意向"]
    # the tag now exists: typing it again offers its own category, which cannot be changed here
    panel.name.setEditText("种植意向")
    assert not panel.category.isEnabled()
    assert "行为" in panel.hint.text()
    # remove it with the keyboard: select the chip, press Delete
    chips.setCurrentRow(0)
    chips.item(0).setSelected(True)
    with qtbot.waitSignal(dialog.patientChanged):
        qtbot.keyClick(chips, Qt.Key.Key_Delete)
    assert chips.count() == 0


def test_phone_edited_into_a_duplicate_is_refused_at_the_field(
    qtbot, db: Database, clinic, sync_tasks
) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, db, clinic["zhang"])
    form = dialog.profile_form
    form.phone.setFocus()
    form.phone.selectAll()
    _type(qtbot, "138-0000-0002")
    assert form.phone.text() == "138-0000-0002"
    with qtbot.assertNotEmitted(dialog.patientChanged):
        qtbot.keyClick(form.phone, Qt.Key.Key_Return)
    error = form._errors["phone"]
    assert error.isVisible()
    assert "已属于患者 李四" in error.text()
    assert QApplication.focusWidget() is form.phone
    with db.sessions() as s:
        patient = s.get(Patient, clinic["zhang"])
        assert patient is not None and patient.phone == "13800000001"
    # a valid change saves, and the message goes away
    form.phone.setText("13800000009")
    with qtbot.waitSignal(dialog.patientChanged):
        form.save_button.click()
    assert not error.isVisible()
    assert form.message.text() == "资料已保存"
    assert "13800000009" in dialog.identity_label.text()


def test_unsaved_profile_edits_survive_a_write_on_another_tab(
    qtbot, db: Database, clinic, sync_tasks
) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, db, clinic["zhang"])
    dialog.profile_form.wechat.setText("zhang_wx")
    dialog.tabs.setCurrentIndex(4)  # 预约: the default is 09:00 tomorrow, booked
    with qtbot.waitSignal(dialog.patientChanged):
        qtbot.keyClick(dialog.appointment_form.when, Qt.Key.Key_Return)
    assert dialog.appointments_model.rowCount() == 1
    assert dialog.appointments_model.index(0, 0).data() == "2026-11-23 09:00"
    assert dialog.profile_form.wechat.text() == "zhang_wx"
    assert dialog.profile_form.changes() == {"wechat": "zhang_wx"}


def test_do_not_contact_outcome_shows_in_the_header(qtbot, db: Database, clinic, sync_tasks) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, db, clinic["zhang"])
    dialog.tabs.setCurrentIndex(6)
    form = dialog.contact_form
    form.outcome.setCurrentIndex(form.outcome.findData("do_not_contact"))
    assert "勿扰" in form.error_label.text()  # said before saving
    form.note.setText("请不要再打电话")
    with qtbot.waitSignal(dialog.patientChanged):
        qtbot.keyClick(form.note, Qt.Key.Key_Return)
    assert dialog.contact_label.text().startswith("勿扰（2026-11-22 起）")
    assert dialog.profile_form.do_not_contact.isChecked()
    assert dialog.contacts_model.index(0, 3).data() == "勿扰"


def test_every_table_model_passes_the_model_tester(
    qtbot, qtmodeltester, db: Database, clinic, sync_tasks
) -> None:  # type: ignore[no-untyped-def]
    pid = clinic["zhang"]
    pr.add_interaction(db, pid, occurred_at=AS_OF_DT, kind="consult", detail="问种植价格", today=AS_OF)
    pr.add_appointment(db, pid, scheduled_at=AS_OF_DT.replace(day=30), treatment="洁牙", today=AS_OF)
    pr.add_survey(db, pid, survey_date=AS_OF, overall=4, nps=9, today=AS_OF)
    pr.add_contact(
        db, pid, contacted_at=AS_OF_DT, channel="wechat", purpose="recall", outcome="reached", today=AS_OF
    )
    dialog = _open(qtbot, db, pid)
    models = (
        dialog.visits_model,
        dialog.interactions_model,
        dialog.appointments_model,
        dialog.surveys_model,
        dialog.contacts_model,
    )
    for model in models:
        assert model.rowCount() >= 1
        qtmodeltester.check(model)
    # sorting is by raw values (fen, dates), and survives a reload
    dialog.visits_view.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    amounts = [dialog.visits_model.index(r, 2).data(SORT_ROLE) for r in range(dialog.visits_model.rowCount())]
    assert amounts == sorted(amounts)
    assert dialog.interactions_model.index(0, 1).data() == "咨询"
    assert dialog.appointments_model.index(0, 2).data() == "已预约"


def test_survey_and_interaction_from_the_keyboard(qtbot, db: Database, clinic, sync_tasks) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, db, clinic["zhang"])
    _press(qtbot, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)  # 满意度
    assert _focused() is dialog.survey_form.overall  # defaults to 5 and today
    _press(qtbot, Qt.Key.Key_Down)
    _press(qtbot, Qt.Key.Key_Down)
    with qtbot.waitSignal(dialog.patientChanged):
        _press(qtbot, Qt.Key.Key_Return)
    assert [dialog.surveys_model.index(0, c).data() for c in range(3)] == ["2026-11-22", "3", "–"]
    assert "0.2×S3" in dialog.ers_label.text()  # the survey moved S from unknown to 3
    _press(qtbot, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)  # 互动
    assert _focused() is dialog.interaction_form.kind  # 咨询 preselected
    _press(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, "ask implant price")
    with qtbot.waitSignal(dialog.patientChanged):
        _press(qtbot, Qt.Key.Key_Return)
    assert [dialog.interactions_model.index(0, c).data() for c in (1, 2)] == ["咨询", "ask implant price"]
    assert dialog.interaction_form.detail.text() == ""


def test_loads_and_saves_off_the_gui_thread(qtbot, db: Database, clinic) -> None:  # type: ignore[no-untyped-def]
    """Without ``sync_tasks``: the real worker thread, results delivered back on the GUI thread."""
    dialog = PatientDetailDialog(db, clinic["zhang"], as_of=AS_OF)
    qtbot.addWidget(dialog)
    assert dialog.record is None  # the constructor returned before the database was read
    qtbot.waitUntil(lambda: dialog.record is not None, timeout=10_000)
    assert dialog.stage_label.text() == "下单用户"
    dialog.visit_form.treatment.setEditText("洁牙")
    dialog.visit_form.amount.setText("2000")
    with qtbot.waitSignal(dialog.patientChanged, timeout=20_000):
        dialog.visit_form.add_button.click()
    assert dialog.stage_label.text() == "复购用户"
