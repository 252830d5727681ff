"""The table base model every small table builds on: declared columns, raw sort values, reset on reload,
a targeted ``dataChanged`` on edit, in-place sorting that keeps selections on their rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QPersistentModelIndex, Qt

from clinic_desktop.ui.widgets import RIGHT, SORT_ROLE, Column, TableModel


@dataclass(frozen=True)
class Visit:
    name: str
    day: date | None
    fen: int


ROWS = [
    Visit("王一", date(2026, 3, 1), 30_000),
    Visit("李二", None, 120_000),
    Visit("张三", date(2025, 12, 24), 9_000),
]


def _model() -> TableModel[Visit]:
    return TableModel(
        (
            Column("姓名", lambda v: v.name),
            Column("日期", lambda v: v.day.isoformat() if v.day else "", sort=lambda v: v.day),
            Column("金额", lambda v: f"¥{v.fen // 100:,}", sort=lambda v: v.fen, align=RIGHT,
                   tooltip=lambda v: "大额" if v.fen >= 100_000 else None),
        )
    )  # fmt: skip


def test_columns_are_declared_as_data(qtmodeltester: Any) -> None:
    model = _model()
    qtmodeltester.check(model)
    model.set_rows(ROWS)
    qtmodeltester.check(model)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == ["姓名", "日期", "金额"]
    assert model.index(1, 2).data() == "¥1,200"
    assert model.index(1, 2).data(SORT_ROLE) == 120_000  # raw: "¥1,200" never sorts before "¥300"
    assert model.index(0, 1).data(SORT_ROLE) == date(2026, 3, 1)
    assert model.index(0, 0).data(SORT_ROLE) == "王一"  # without a sort value: the text
    assert model.index(0, 2).data(Qt.ItemDataRole.TextAlignmentRole) == RIGHT
    assert model.index(1, 2).data(Qt.ItemDataRole.ToolTipRole) == "大额"
    assert model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole) is None


def test_reload_resets_and_an_edit_repaints_one_row(qtbot: Any) -> None:
    model = _model()
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        model.set_rows(ROWS)
    changed: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(
        lambda top, bottom, *_: changed.append((top.row(), top.column(), bottom.row(), bottom.column()))
    )
    with qtbot.assertNotEmitted(model.modelReset):
        model.set_row(2, Visit("张三", date(2025, 12, 24), 19_000))
    assert changed == [(2, 0, 2, 2)]  # that row, every column, nothing else
    assert model.index(2, 2).data() == "¥190"
    assert model.find(lambda v: v.name == "李二") == 1 and model.find(lambda v: v.name == "无") is None


def test_sorting_uses_raw_values_blanks_last_and_keeps_the_selection(qtmodeltester: Any) -> None:
    model = _model()
    model.set_rows(ROWS)
    selected = QPersistentModelIndex(model.index(0, 0))  # 王一
    model.sort(2, Qt.SortOrder.AscendingOrder)
    assert [v.fen for v in model.rows()] == [9_000, 30_000, 120_000]
    assert model.index(selected.row(), 0).data() == "王一"
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert [v.name for v in model.rows()] == ["张三", "王一", "李二"]  # no date: last
    model.set_rows(list(reversed(ROWS)))  # a reload stays sorted as the user chose
    assert [v.name for v in model.rows()] == ["张三", "王一", "李二"]
    qtmodeltester.check(model)
