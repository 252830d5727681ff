"""The patient list widget, driven like a receptionist would: type, tick filters, click headers, open."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import update

from builders import add_patient, add_visit
from clinic_desktop.core.lifecycle import ACTIVITY_LABELS_ZH, STAGE_LABELS_ZH
from clinic_desktop.core.pinyin_keys import search_keys
from clinic_desktop.db.models import Patient, PatientTag, Tag
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute
from clinic_desktop.ui.patients.list_view import PatientListView, PatientTableModel

AS_OF = date(2026, 11, 22)
M = PatientTableModel


def _patient(session: Any, name: str, phone: str, **kw: Any) -> Patient:
    full, initials = search_keys(name)
    return add_patient(session, name, phone, pinyin_full=full, pinyin_initials=initials, **kw)


@pytest.fixture
def clinic(db: Database) -> dict[str, int]:
    """张三 repeat (two visits), 曾强 customer, 章三 and 李四 strangers; 张三 and 章三 tagged."""
    with db.sessions.begin() as s:
        tag = Tag(name="洁牙常客", category="consumption")
        s.add(tag)
        s.flush()
        zhang = _patient(s, "张三", "13812341234", gender="F", birth_date=date(1990, 5, 1), source="抖音")
        add_visit(s, zhang, date(2026, 3, 1), 300, "洁牙")
        add_visit(s, zhang, date(2026, 9, 1), 12_100, "种植牙")
        zeng = _patient(s, "曾强", "13900005678", gender="M")
        add_visit(s, zeng, date(2025, 6, 1), 800)
        zhang2 = _patient(s, "章三", "13700002222")
        li = _patient(s, "李四", "15000001111")
        s.add_all(
            [PatientTag(patient_id=zhang.id, tag_id=tag.id), PatientTag(patient_id=zhang2.id, tag_id=tag.id)]
        )
        ids = {p.name: p.id for p in (zhang, zeng, zhang2, li)} | {"tag": tag.id}
    recompute(db, AS_OF)
    return ids


@pytest.fixture
def view(qtbot: Any, db: Database, clinic: dict[str, int], sync_tasks: None) -> PatientListView:
    widget = PatientListView(db)
    qtbot.addWidget(widget)
    widget.resize(1200, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def shown(view: PatientListView, column: int = M.NAME) -> list[str]:
    model = view.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_lists_every_patient_with_readable_values(view: PatientListView) -> None:
    assert sorted(shown(view)) == sorted(["张三", "曾强", "章三", "李四"])
    assert view.count_label.text() == "共 4 位患者"
    row = shown(view).index("张三")
    cell = {c: view.model.index(row, c).data() for c in range(view.model.columnCount())}
    assert cell[M.PHONE] == "13812341234"
    today = date.today()
    assert cell[M.GENDER_AGE] == f"女 / {today.year - 1990 - ((today.month, today.day) < (5, 1))}"
    assert cell[M.STAGE] == "复购用户"
    assert cell[M.LAST_VISIT] == "2026-09-01"
    assert cell[M.SPEND] == "¥12,400"
    assert cell[M.TAGS] == "洁牙常客"
    assert cell[M.SOURCE] == "抖音"
    assert cell[M.TIER].startswith(("A · ", "B · ", "C · ", "D · "))
    assert view.model.index(row, M.SPEND).data(M.SORT_ROLE) == 1_240_000
    assert view.model.index(row, M.LAST_VISIT).data(M.SORT_ROLE) == date(2026, 9, 1)


def test_stage_labels_match_the_core(view: PatientListView) -> None:
    """The model's tr() source strings are the core's Chinese labels (so translations line up)."""
    assert view.model.stage_labels == {stage.value: label for stage, label in STAGE_LABELS_ZH.items()}
    assert view.model.activity_labels == {a.value: label for a, label in ACTIVITY_LABELS_ZH.items()}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("zs", ["张三", "章三"]),
        ("zhangsan", ["张三", "章三"]),
        ("1234", ["张三"]),
        ("zq", ["曾强"]),
        ("李", ["李四"]),
    ],
)
def test_search_as_you_type(qtbot: Any, view: PatientListView, typed: str, expected: list[str]) -> None:
    if typed.isascii():
        qtbot.keyClicks(view.search, typed)
    else:  # Chinese arrives from an input method as a commit, not as key presses (QTest asserts on it)
        event = QInputMethodEvent()
        event.setCommitString(typed)
        QApplication.sendEvent(view.search, event)
    qtbot.waitUntil(lambda: shown(view) == expected, timeout=2000)
    assert view.count_label.text() == f"共 {len(expected)} 位患者"


def test_search_waits_for_a_pause_in_typing(qtbot: Any, view: PatientListView) -> None:
    calls: list[None] = []
    view.model.modelReset.connect(lambda: calls.append(None))
    qtbot.keyClicks(view.search, "zhang")
    qtbot.waitUntil(lambda: len(shown(view)) == 2, timeout=2000)
    qtbot.wait(PatientListView.SEARCH_DELAY_MS + 50)
    assert len(calls) == 1  # five keys, one query


def test_enter_in_search_opens_the_patient(qtbot: Any, view: PatientListView, clinic: dict[str, int]) -> None:
    qtbot.keyClicks(view.search, "zq")
    with qtbot.waitSignal(view.patientActivated) as blocker:
        qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert blocker.args == [clinic["曾强"]]


def test_filter_by_stage(qtbot: Any, view: PatientListView) -> None:
    view.stage_filter.actions_by_key["repeat"].trigger()
    assert shown(view) == ["张三"]
    assert view.stage_filter.text() == "阶段 (1)"
    view.stage_filter.actions_by_key["customer"].trigger()
    assert shown(view) == ["曾强", "张三"]
    view.clear_filters()
    assert len(shown(view)) == 4
    assert view.stage_filter.text() == "阶段"


def test_filter_by_tag_any_and_all(view: PatientListView, clinic: dict[str, int]) -> None:
    labels = [a.text() for a in view.tag_filter.actions_by_key.values()]
    # the typed tag, and the rule-derived ones the recompute created (none holds in this clinic)
    derived = {f"{n} (0) · 自动" for n in ("价格敏感", "爽约较多", "儿童", "高客单", "沉睡高价值")}
    assert sorted(labels) == sorted({"洁牙常客 (2)"} | derived)
    view.tag_filter.actions_by_key[clinic["tag"]].trigger()
    assert shown(view) == ["张三", "章三"]
    view.tag_mode_all.trigger()
    assert shown(view) == ["张三", "章三"]
    view.source_filter.actions_by_key["抖音"].trigger()
    assert shown(view) == ["张三"]


def test_filter_by_last_visit_range(view: PatientListView) -> None:
    view.visit_check.setChecked(True)
    view.visit_from.setDate(QDate(2026, 1, 1))
    view.visit_to.setDate(QDate(2026, 12, 31))
    assert shown(view) == ["张三"]
    view.visit_check.setChecked(False)
    assert len(shown(view)) == 4


def _click_header(qtbot: Any, view: PatientListView, column: int) -> None:
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def test_click_header_to_sort(qtbot: Any, view: PatientListView) -> None:
    assert shown(view) == ["李四", "曾强", "张三", "章三"]  # by pinyin: lisi, zengqiang, zhangsan ×2
    _click_header(qtbot, view, M.SPEND)
    spends = [view.model.index(r, M.SPEND).data(M.SORT_ROLE) for r in range(4)]
    descending = view.table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert spends == sorted(spends, reverse=descending)
    _click_header(qtbot, view, M.SPEND)
    assert [view.model.index(r, M.SPEND).data(M.SORT_ROLE) for r in range(4)] == sorted(
        spends, reverse=not descending
    )
    _click_header(qtbot, view, M.LAST_VISIT)
    visits = shown(view, M.LAST_VISIT)
    filled = [v for v in visits if v]
    assert visits[2:] == ["", ""]  # never visited: last in either direction
    assert filled in (sorted(filled), sorted(filled, reverse=True))


def test_sorting_keeps_the_selection_on_the_same_patient(
    qtbot: Any, view: PatientListView, clinic: dict[str, int]
) -> None:
    view.table.selectRow(shown(view).index("曾强"))
    assert view.selected_patient_ids() == [clinic["曾强"]]
    view.model.sort(M.SPEND, Qt.SortOrder.DescendingOrder)
    assert shown(view)[view.table.selectionModel().selectedRows()[0].row()] == "曾强"
    assert view.selected_patient_ids() == [clinic["曾强"]]
    qtbot.keyClicks(view.search, "z")  # narrowing keeps the selection while the patient is shown
    qtbot.waitUntil(lambda: len(shown(view)) == 3, timeout=2000)
    assert view.selected_patient_ids() == [clinic["曾强"]]


def test_double_click_and_enter_open_the_patient(
    qtbot: Any, view: PatientListView, clinic: dict[str, int]
) -> None:
    row = shown(view).index("张三")
    rect = view.table.visualRect(view.model.index(row, M.PHONE))
    opened: list[int] = []
    view.patientActivated.connect(opened.append)
    # QTest's double click only counts after a press on the same cell, as a real one has
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == []  # a single click selects, never opens
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [clinic["张三"]]
    view.table.setCurrentIndex(view.model.index(shown(view).index("李四"), 0))
    with qtbot.waitSignal(view.patientActivated) as blocker:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert blocker.args == [clinic["李四"]]


def test_selection_signal_and_ids(qtbot: Any, view: PatientListView, clinic: dict[str, int]) -> None:
    with qtbot.waitSignal(view.selectionChanged):
        view.table.selectRow(0)
    view.table.selectionModel().select(
        view.model.index(3, 0),
        view.table.selectionModel().SelectionFlag.Select | view.table.selectionModel().SelectionFlag.Rows,
    )
    assert view.selected_patient_ids() == [clinic["李四"], clinic["章三"]]


def test_refresh_updates_a_row_in_place(
    qtbot: Any, db: Database, view: PatientListView, clinic: dict[str, int]
) -> None:
    row = shown(view).index("李四")
    view.table.selectRow(row)
    with db.sessions.begin() as s:
        full, initials = search_keys("李思")
        s.execute(
            update(Patient)
            .where(Patient.id == clinic["李四"])
            .values(name="李思", pinyin_full=full, pinyin_initials=initials)
        )
    with qtbot.waitSignal(view.model.dataChanged):
        view.refresh([clinic["李四"]])
    assert shown(view)[row] == "李思"
    assert view.selected_patient_ids() == [clinic["李四"]]
    with db.sessions.begin() as s:
        _patient(s, "周顺", "15600006666")
    view.reload()
    assert "周顺" in shown(view) and view.count_label.text() == "共 5 位患者"


def test_tooltips_explain_tier_and_flags(view: PatientListView) -> None:
    row = shown(view).index("张三")
    assert view.model.index(row, M.TIER).data(Qt.ItemDataRole.ToolTipRole).startswith("E")
    assert view.model.index(row, M.TAGS).data(Qt.ItemDataRole.ToolTipRole) == "洁牙常客"
    stranger = shown(view).index("李四")
    assert "暂无反馈" in view.model.index(stranger, M.NAME).data(Qt.ItemDataRole.ToolTipRole)


def test_model_passes_qtmodeltester(
    qtbot: Any, qtmodeltester: Any, view: PatientListView, clinic: dict[str, int]
) -> None:
    qtmodeltester.check(view.model)
    view.stage_filter.actions_by_key["stranger"].trigger()
    view.model.sort(M.SPEND, Qt.SortOrder.DescendingOrder)
    view.clear_filters()
    view.table.selectRow(1)
    view.model.sort(M.NAME, Qt.SortOrder.AscendingOrder)
    view.refresh([clinic["张三"]])
    qtbot.keyClicks(view.search, "nobody")
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=2000)
    qtmodeltester.check(view.model)


def test_loading_runs_in_the_background(qtbot: Any, db: Database, clinic: dict[str, int]) -> None:
    """Without the synchronous runner the constructor returns at once and rows arrive later."""
    widget = PatientListView(db)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.model.rowCount() == 4, timeout=10_000)
    assert widget.count_label.text() == "共 4 位患者"


def test_down_arrow_moves_from_search_into_the_list(
    qtbot: Any, view: PatientListView, clinic: dict[str, int]
) -> None:
    qtbot.keyClicks(view.search, "zs")
    qtbot.keyClick(view.search, Qt.Key.Key_Down)  # searches at once, no need to wait for the pause
    assert shown(view) == ["张三", "章三"]
    assert view.table.hasFocus() or QApplication.focusWidget() is view.table
    assert view.selected_patient_ids() == [clinic["张三"]]
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    with qtbot.waitSignal(view.patientActivated) as blocker:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert blocker.args == [clinic["章三"]]


def test_closing_before_the_load_finishes_is_harmless(
    qtbot: Any, db: Database, clinic: dict[str, int]
) -> None:
    import shiboken6

    from clinic_desktop.ui.widgets import tasks

    widget = PatientListView(db)
    service = widget.service
    widget.deleteLater()
    qtbot.wait(1)  # deleted now; the worker may still be reading
    assert not shiboken6.isValid(widget)
    tasks._pool().waitForDone(10_000)
    qtbot.wait(20)  # the result arrives for a widget that is gone: ignored, not an exception
    assert service.snapshot.n == 4  # the worker did finish reading: its result was dropped, not lost early
