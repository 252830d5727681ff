"""The merge-duplicates dialog on a real database: find a group, compare side by side, merge, verify."""

from __future__ import annotations

import json
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from builders import add_patient, add_visit
from clinic_desktop.db.models import AuditLog, Patient, Visit
from clinic_desktop.services.database import Database
from clinic_desktop.ui.importing.duplicates_dialog import DIFFERENT, DuplicatesDialog


def _clinic(db: Database) -> tuple[int, int]:
    with db.sessions.begin() as s:
        a = add_patient(s, "张三", "13812345678", birth_date=date(1990, 5, 3), gender="M", source="转介绍")
        b = add_patient(s, "张三", None, birth_date=date(1990, 5, 3), wechat="zs_wx", do_not_contact=True)
        add_patient(s, "李四", "13900000000")
        for day in (date(2025, 1, 1), date(2025, 2, 1)):
            add_visit(s, a, day, 300, "洁牙")
        add_visit(s, b, date(2025, 3, 1), 500, "美白")
        return a.id, b.id


def test_empty_state(qtbot, db: Database, sync_tasks) -> None:  # type: ignore[no-untyped-def]
    dialog = DuplicatesDialog(db)
    qtbot.addWidget(dialog)
    assert dialog.stack.currentWidget() is dialog.empty_label
    assert dialog.empty_label.text() == "未发现疑似重复的患者"
    assert not dialog.merge_button.isEnabled()


def test_find_compare_and_merge(qtbot, db: Database, sync_tasks) -> None:  # type: ignore[no-untyped-def]
    a, b = _clinic(db)
    dialog = DuplicatesDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.group_list.count() == 1
    assert dialog.group_list.item(0).text() == "张三（2 位）"
    assert "姓名和出生日期相同" in dialog.reason_label.text()
    assert dialog.table.columnCount() == 2
    labels = [dialog.table.verticalHeaderItem(r).text() for r in range(dialog.table.rowCount())]
    phone_row, birth_row = labels.index("手机"), labels.index("出生日期")
    assert dialog.table.item(phone_row, 0).text() == "13812345678"
    assert dialog.table.item(phone_row, 1).text() == ""
    assert dialog.table.item(phone_row, 0).background().color() == DIFFERENT  # differing values stand out
    assert dialog.table.item(birth_row, 0).background().color() != DIFFERENT  # equal values do not
    assert dialog.keep_id() == a  # the record with a phone and more history is suggested
    QApplication.processEvents()
    dialog.grab().save("/tmp/duplicates_dialog.png")

    asked: list[str] = []

    def confirm(text: str) -> bool:
        asked.append(text)
        return True

    dialog.confirm = confirm  # type: ignore[method-assign]
    with qtbot.waitSignal(dialog.merged) as merged:
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    # b: one visit → one record
    assert asked[0].startswith("将把 1 位患者的 1 条记录合并到 张三 名下，此操作会记入操作日志。")
    assert merged.args == [[a, b]]
    assert dialog.stack.currentWidget() is dialog.empty_label  # nothing left to merge
    assert "已合并" in dialog.status.text()
    with db.sessions() as s:
        assert s.get(Patient, b) is None
        kept = s.get(Patient, a)
        assert kept is not None and kept.wechat == "zs_wx" and kept.do_not_contact is True
        assert s.scalar(select(func.count()).select_from(Visit).where(Visit.patient_id == a)) == 3
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "merge")).one()
        assert json.loads(audit.detail or "{}")["merged"] == [b]


def test_choose_the_other_patient_and_cancel(qtbot, db: Database, sync_tasks) -> None:  # type: ignore[no-untyped-def]
    a, b = _clinic(db)
    dialog = DuplicatesDialog(db)
    qtbot.addWidget(dialog)
    dialog.choose_keep(b)
    assert dialog.keep_id() == b
    dialog.confirm = lambda text: False  # type: ignore[method-assign]
    dialog.merge_selected()
    with db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Patient)) == 3  # cancelled: nothing merged
    dialog.confirm = lambda text: "合并到 张三 名下" in text  # type: ignore[method-assign]
    with qtbot.waitSignal(dialog.merged) as merged:
        dialog.merge_selected()
    assert merged.args == [[b, a]]
    with db.sessions() as s:
        kept = s.get(Patient, b)
        assert kept is not None and kept.phone == "13812345678" and s.get(Patient, a) is None


def test_merge_error_is_shown(qtbot, db: Database, sync_tasks, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _clinic(db)
    dialog = DuplicatesDialog(db)
    qtbot.addWidget(dialog)
    dialog.confirm = lambda text: True  # type: ignore[method-assign]

    def refuse(*_args, **_kw):  # type: ignore[no-untyped-def]
        raise ValueError("找不到患者（编号 1） / no patient with id 1")

    monkeypatch.setattr("clinic_desktop.ui.importing.duplicates_dialog.merge_patients", refuse)
    dialog.merge_selected()
    assert dialog.status.text() == "找不到患者（编号 1）"
    assert dialog.merge_button.isEnabled()


def test_not_duplicates(qtbot, db: Database, sync_tasks) -> None:  # type: ignore[no-untyped-def]
    _clinic(db)
    with db.sessions.begin() as s:
        add_patient(s, "王五", "13700000001")
        add_patient(s, "王五", "13700000002")
    dialog = DuplicatesDialog(db)
    qtbot.addWidget(dialog)
    assert dialog.group_list.count() == 2
    assert dialog.count_label.text() == "疑似重复：2 组"
    dialog.group_list.setCurrentRow(1)
    qtbot.mouseClick(dialog.dismiss_button, Qt.MouseButton.LeftButton)
    assert dialog.group_list.count() == 1
    assert dialog.count_label.text() == "疑似重复：1 组"
    assert "不再提示" in dialog.status.text()
    again = DuplicatesDialog(db)
    qtbot.addWidget(again)
    assert again.group_list.count() == 1  # remembered
    again.dismiss_selected()
    assert again.stack.currentWidget() is again.empty_label


def test_leave_one_out_of_a_larger_group(qtbot, db: Database, sync_tasks) -> None:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        a = add_patient(s, "王五", "13700000001").id
        b = add_patient(s, "王五", None, birth_date=date(1980, 1, 1)).id  # phoneless: its birth rules out c
        c = add_patient(s, "王五", "13700000007", birth_date=date(2001, 1, 1)).id  # a's phone, one digit off
    # a–b (same name, b has no phone) and a–c (phones one digit apart) chain into one group of three
    dialog = DuplicatesDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.group_list.count() == 1
    assert dialog.table.columnCount() == 3
    assert dialog.include_box.isVisible()
    dialog.choose_keep(a)
    assert not dialog.include_checks[a].isEnabled()
    assert dialog.merge_ids() == [b, c]
    dialog.include_checks[c].setChecked(False)
    assert dialog.merge_ids() == [b]
    dialog.choose_keep(c)  # keeping c makes a optional and c always included
    assert dialog.include_checks[a].isEnabled() and not dialog.include_checks[c].isEnabled()
    assert dialog.include_checks[c].isChecked()
    dialog.choose_keep(a)
    dialog.include_checks[c].setChecked(False)
    QApplication.processEvents()
    dialog.grab().save("/tmp/duplicates_dialog_three.png")
    asked: list[str] = []
    dialog.confirm = lambda text: asked.append(text) or True  # type: ignore[method-assign, func-returns-value]
    with qtbot.waitSignal(dialog.merged) as merged:
        dialog.merge_selected()
    assert asked[0].startswith("将把 1 位患者的 0 条记录合并到 王五 名下")
    assert merged.args == [[a, b]]
    with db.sessions() as s:
        assert s.get(Patient, c) is not None and s.get(Patient, b) is None
