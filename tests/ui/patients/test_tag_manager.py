"""The tag manager and bulk tagging, driven through their real buttons on a fresh database.

The questions a button asks (a name, a colour, a merge target, "are you sure?") are answered by
replacing the dialog's small ``_ask_*``/``_confirm`` methods, so no modal dialog blocks the test.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from builders import add_patient
from clinic_desktop.services.database import Database
from clinic_desktop.services.patients.tags import add_tag_to_patients, create_tag, list_tags, tags_of_patient
from clinic_desktop.ui.patients.tag_manager import (
    BulkTagDialog,
    TagFormDialog,
    TagManagerDialog,
    TagTableModel,
)

LEFT = Qt.MouseButton.LeftButton


def _patients(db: Database, n: int) -> list[int]:
    with db.sessions.begin() as s:
        return [add_patient(s, f"患者{i}", f"1380000{i:04d}").id for i in range(n)]


def _usage(db: Database) -> dict[str, int]:
    return {t.name: t.patients for t in list_tags(db)}


def _answer(monkeypatch: pytest.MonkeyPatch, dialog: TagManagerDialog, name: str, value: Any) -> None:
    monkeypatch.setattr(dialog, name, lambda *args: value)


@pytest.fixture
def manager(qtbot, db: Database, sync_tasks: None) -> TagManagerDialog:  # type: ignore[no-untyped-def]
    dialog = TagManagerDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_create_rename_recolour_and_recategorise(
    qtbot, manager: TagManagerDialog, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    assert manager.model.rowCount() == 0
    assert not manager.rename_button.isEnabled()  # nothing selected yet

    _answer(monkeypatch, manager, "_ask_new_tag", ("  怕疼 ", "custom", "#9575cd"))
    with qtbot.waitSignal(manager.tagsChanged):
        qtbot.mouseClick(manager.create_button, LEFT)
    assert [(t.name, t.category, t.color) for t in list_tags(db)] == [("怕疼", "custom", "#9575cd")]
    assert manager.selected_tag() is not None and manager.selected_tag().name == "怕疼"  # type: ignore[union-attr]
    assert "已新建标签“怕疼”" in manager.status.text()

    _answer(monkeypatch, manager, "_ask_name", "很怕疼")
    qtbot.mouseClick(manager.rename_button, LEFT)
    _answer(monkeypatch, manager, "_ask_color", "#FF0000")
    qtbot.mouseClick(manager.color_button, LEFT)
    _answer(monkeypatch, manager, "_ask_category", "behaviour")
    qtbot.mouseClick(manager.category_button, LEFT)
    assert [(t.name, t.category, t.color) for t in list_tags(db)] == [("很怕疼", "behaviour", "#ff0000")]
    index = manager.model.index(0, TagTableModel.CATEGORY)
    assert manager.model.data(index) == "行为"


def test_duplicate_name_is_refused_inline(
    qtbot, manager: TagManagerDialog, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    create_tag(db, "学生", "static")
    manager.reload()
    _answer(monkeypatch, manager, "_ask_new_tag", ("学生", "custom", "#000000"))
    with qtbot.assertNotEmitted(manager.tagsChanged):
        qtbot.mouseClick(manager.create_button, LEFT)
    assert manager.status.text() == "已有同名标签“学生”"  # the Chinese half of the service message
    assert len(list_tags(db)) == 1
    assert manager.create_button.isEnabled()


def test_merge_through_the_dialog(
    qtbot, manager: TagManagerDialog, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    p = _patients(db, 4)
    a, b = create_tag(db, "高消费", "consumption"), create_tag(db, "大客户", "consumption")
    add_tag_to_patients(db, a, p[:3])
    add_tag_to_patients(db, b, p[2:])
    manager.reload()
    manager.select_tag(a)
    asked: list[str] = []
    _answer(monkeypatch, manager, "_ask_merge_target", b)
    monkeypatch.setattr(manager, "_confirm", lambda text: asked.append(text) or True)
    with qtbot.waitSignal(manager.tagsChanged):
        qtbot.mouseClick(manager.merge_button, LEFT)
    assert "3 位患者" in asked[0]
    assert _usage(db) == {"大客户": 4}
    assert manager.model.rowCount() == 1
    assert manager.selected_tag() is not None and manager.selected_tag().id == b  # type: ignore[union-attr]
    assert "新增 2 位，1 位原已有" in manager.status.text()


def test_delete_asks_first(
    qtbot, manager: TagManagerDialog, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    tid = create_tag(db, "甲")
    add_tag_to_patients(db, tid, _patients(db, 2))
    manager.reload()
    manager.select_tag(tid)
    monkeypatch.setattr(manager, "_confirm", lambda text: False)
    qtbot.mouseClick(manager.delete_button, LEFT)
    assert _usage(db) == {"甲": 2}  # declined: nothing happened
    monkeypatch.setattr(manager, "_confirm", lambda text: "2 位患者" in text)
    qtbot.mouseClick(manager.delete_button, LEFT)
    assert _usage(db) == {}
    assert manager.model.rowCount() == 0
    assert not manager.delete_button.isEnabled()


def test_sorting_by_usage_is_numeric(qtbot, manager: TagManagerDialog, db: Database) -> None:  # type: ignore[no-untyped-def]
    p = _patients(db, 12)
    for name, n in (("甲", 2), ("乙", 12), ("丙", 9)):
        add_tag_to_patients(db, create_tag(db, name), p[:n])
    manager.reload()
    manager.view.sortByColumn(TagTableModel.PATIENTS, Qt.SortOrder.DescendingOrder)
    shown = [manager.proxy.index(r, TagTableModel.NAME).data() for r in range(3)]
    assert shown == ["乙", "丙", "甲"]  # 12 > 9 > 2, not "9" > "2" > "12"


def test_tag_form_collects_values(qtbot) -> None:  # type: ignore[no-untyped-def]
    form = TagFormDialog()
    qtbot.addWidget(form)
    ok = form.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    form.name.setText("只约周末")  # (QTest.keyClicks aborts on non-Latin-1 text)
    form.category.setCurrentIndex(form.category.findData("behaviour"))
    form.set_color("#7986cb")
    assert ok.isEnabled()
    assert form.values() == ("只约周末", "behaviour", "#7986cb")


def test_bulk_tag_three_patients(qtbot, db: Database, sync_tasks: None) -> None:  # type: ignore[no-untyped-def]
    p = _patients(db, 4)
    create_tag(db, "学生", "static")
    tid = create_tag(db, "活动常客", "behaviour")
    add_tag_to_patients(db, tid, p[:1])
    dialog = BulkTagDialog(db, p[:3])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.count_label.text() == "已选择 3 位患者"
    dialog.select_tag(tid)
    with qtbot.waitSignal(dialog.tagsChanged):
        qtbot.mouseClick(dialog.ok_button, LEFT)
    assert dialog.result_message == "已为 2 位患者添加“活动常客”（1 位原已有）"
    assert [[t.name for t in tags_of_patient(db, pid)] for pid in p] == [["活动常客"]] * 3 + [[]]

    again = BulkTagDialog(db, p[1:3])
    qtbot.addWidget(again)
    again.select_tag(tid)
    again.remove_radio.setChecked(True)
    with qtbot.waitSignal(again.tagsChanged):
        qtbot.mouseClick(again.ok_button, LEFT)
    assert _usage(db)["活动常客"] == 1


def test_bulk_tag_without_tags_or_patients_cannot_run(qtbot, db: Database, sync_tasks: None) -> None:  # type: ignore[no-untyped-def]
    dialog = BulkTagDialog(db, [1, 2])
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    assert "还没有标签" in dialog.status.text()
    create_tag(db, "甲")
    empty = BulkTagDialog(db, [])
    qtbot.addWidget(empty)
    assert not empty.ok_button.isEnabled()


def test_tag_model_passes_the_model_tester(qtmodeltester, db: Database) -> None:  # type: ignore[no-untyped-def]
    p = _patients(db, 2)
    for name, category in (("学生", "static"), ("大客户", "consumption"), ("怕疼", "custom")):
        add_tag_to_patients(db, create_tag(db, name, category), p)
    model = TagTableModel()
    model.set_tags(list_tags(db))
    qtmodeltester.check(model)
    model.set_tags([])
    qtmodeltester.check(model)


def test_bulk_tag_runs_off_the_gui_thread(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    """Without ``sync_tasks``: the write goes through the real worker and the result comes back."""
    p = _patients(db, 3)
    tid = create_tag(db, "学生", "static")
    dialog = BulkTagDialog(db, p)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(
        lambda: dialog.tag_combo.count() == 1, timeout=10_000
    )  # the tags are read off the GUI thread
    dialog.select_tag(tid)
    with qtbot.waitSignal(dialog.tagsChanged, timeout=10_000):
        qtbot.mouseClick(dialog.ok_button, LEFT)
    assert _usage(db) == {"学生": 3}
