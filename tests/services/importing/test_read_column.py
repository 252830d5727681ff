"""A column read at once (``cells.read_column``) gives, cell for cell, what the per-cell reader gives.

The column pass inlines each reader's fast path; these tests hold it to the reader over every field and
a spread of cells — real dates, numbers stored as text, white space, refusals, the odd types a CSV or an
old .xls delivers — so a fast path can never drift from the reader it stands in for.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from clinic_desktop.core.cell_values import CellError
from clinic_desktop.services.importing.cells import BAD, UNSTORED, read_column, reader_for
from clinic_desktop.services.importing.mapping import SHEET_FIELDS

TODAY = date(2026, 11, 20)

CELLS: list[object] = [
    None,
    "",
    "   ",
    "\u3000",
    "张三",
    " 张三 ",
    "'=1+1",
    "a\x01b",
    "x" * 70,
    "x" * 2100,
    "男",
    "女",
    "M",
    "先生",
    "是",
    "否",
    "Y",
    "maybe",
    "13812345678",
    "138 1234 5678",
    "+86 13812345678（本人）",
    "13812345678/13912345678",
    "010-12345678",
    "12345",
    13812345678,
    12812345678,
    1.3812345678e10,
    0,
    3,
    5,
    11,
    -1,
    100_001,
    2.0,
    2.5,
    1200.5,
    300.125,
    10**8,
    True,
    False,
    "1,200.50",
    "¥300",
    "1.2万",
    "未消费",
    "-",
    date(1990, 5, 3),
    date(2030, 1, 1),
    datetime(2024, 5, 3, 10, 30),
    "1990/5/3",
    "1985.3",
    "1985",
    "3/5/1990",
    "5/13/1990",
    "19900503",
    32874,
    "2024-05-03 10:00",
    "怕疼,上班族",
    "VIP，老客户",
    ",",
    "#A1B2C3",
    "懂行",
    "聊天",
    "已预约",
    "电话",
    "复诊提醒",
    "接通",
]


def _per_cell(kind: str, field: str) -> tuple[list[object], list[int]]:
    """What the import read before columns: blank cells skipped, the reader on each other cell."""
    read = reader_for(kind, field, TODAY)
    values: list[object] = []
    refused: list[int] = []
    for index, cell in enumerate(CELLS):
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            values.append(None)
            continue
        try:
            value = read(cell)
        except CellError:
            values.append(BAD)
            refused.append(index)
            continue
        values.append(UNSTORED if value is None else value)
    return values, refused


@pytest.mark.parametrize(
    ("kind", "field"), [(kind, field) for kind, fields in SHEET_FIELDS.items() for field in fields]
)
def test_column_equals_cell_by_cell(kind: str, field: str) -> None:
    values, errors = read_column(kind, field, TODAY, CELLS)
    expected, refused = _per_cell(kind, field)
    assert [type(v) for v in values] == [type(v) for v in expected]  # 300 and 300.0 are not the same cell
    assert values == expected
    assert [index for index, _ in errors] == refused


def test_white_space_is_blank_and_errors_keep_their_cell() -> None:
    values, errors = read_column("patients", "birth_date", TODAY, ["  ", date(2030, 1, 1), None])
    assert values == [None, BAD, None]
    assert len(errors) == 1
    index, error = errors[0]
    assert index == 1 and "未来" in error.zh
