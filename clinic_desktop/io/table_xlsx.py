"""Write one table (headers + rows) to an ``.xlsx`` file: what "export this table" means everywhere.

The dashboard's tables (channels, the E×S grid, the KOC list, monthly trends) and any other on-screen
table hand over plain values; this module decides how they look in Excel. Numbers stay numbers (so the
owner can sum and chart them) with a display format per column; every text goes through
:func:`~clinic_desktop.io.safe_cells.set_text`, so a channel or patient name can never become a formula.
The file is written next to the target and moved into place, so a failed export never leaves half a file
over a good one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from clinic_desktop.io.private_files import PrivateTemp
from clinic_desktop.io.safe_cells import set_text

__all__ = [
    "FORMAT_INTEGER",
    "FORMAT_PERCENT",
    "FORMAT_YUAN",
    "Cell",
    "Table",
    "TableColumn",
    "write_table_xlsx",
    "write_tables_xlsx",
]

FORMAT_INTEGER = "#,##0"
FORMAT_PERCENT = "0.0%"
FORMAT_YUAN = '"¥"#,##0.00'

Cell = str | int | float | date | datetime | None
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_MAX_WIDTH = 60


@dataclass(frozen=True)
class TableColumn:
    """A column's header and, for numbers, its Excel display format (e.g. :data:`FORMAT_PERCENT`)."""

    title: str
    number_format: str | None = None


@dataclass(frozen=True)
class Table:
    """One sheet of :func:`write_tables_xlsx`: headers, rows and an optional caption above them."""

    title: str
    columns: Sequence[TableColumn | str]
    rows: Iterable[Sequence[Cell]]
    caption: str | None = None


def write_table_xlsx(
    path: Path | str,
    columns: Sequence[TableColumn | str],
    rows: Iterable[Sequence[Cell]],
    *,
    sheet_title: str = "Sheet1",
    caption: str | None = None,
) -> Path:
    """Write ``rows`` under ``columns`` to ``path`` (replaced atomically); return the path.

    ``caption`` (e.g. "渠道质量 · 截至 2026-11-20") goes in the first row above the headers. Booleans are
    written as text, since Excel's TRUE/FALSE means nothing to a clinic owner.
    """
    return write_tables_xlsx(path, [Table(sheet_title, columns, rows, caption)])


def write_tables_xlsx(path: Path | str, tables: Sequence[Table]) -> Path:
    """Several tables, one sheet each, in one ``.xlsx`` (replaced atomically); return the path."""
    path = Path(path)
    wb = Workbook()
    first = wb.active
    for index, table in enumerate(tables):
        ws = first if index == 0 else wb.create_sheet()
        _fill(ws, table)
    _save_atomically(wb, path)
    return path


def _fill(ws: Any, table: Table) -> None:
    cols = [c if isinstance(c, TableColumn) else TableColumn(c) for c in table.columns]
    ws.title = _sheet_name(table.title)
    top = 1
    if table.caption:
        set_text(ws.cell(row=1, column=1), table.caption)
        ws.cell(row=1, column=1).font = Font(bold=True, size=12)
        top = 3
    widths = [_text_width(c.title) for c in cols]
    for j, column in enumerate(cols, start=1):
        cell = ws.cell(row=top, column=j)
        set_text(cell, column.title)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center")
    for i, values in enumerate(table.rows, start=top + 1):
        if len(values) != len(cols):
            raise ValueError(f"row {i - top} has {len(values)} values for {len(cols)} columns")
        for j, (value, column) in enumerate(zip(values, cols, strict=True), start=1):
            cell = ws.cell(row=i, column=j)
            width = _write(cell, value, column.number_format)
            widths[j - 1] = max(widths[j - 1], width)
    for j, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = min(_MAX_WIDTH, width + 3)
    ws.freeze_panes = ws.cell(row=top + 1, column=1)


class _SheetCell(Protocol):
    """What :func:`_write` uses of an openpyxl cell (openpyxl ships no type information)."""

    value: object
    number_format: str


def _write(cell: _SheetCell, value: Cell, number_format: str | None) -> int:
    """Store one value; return its approximate display width in characters."""
    if value is None:
        return 0
    if isinstance(value, bool):
        text = "是" if value else "否"
        set_text(cell, text)
        return _text_width(text)
    if isinstance(value, str):
        set_text(cell, value)
        return _text_width(value)
    cell.value = value
    if isinstance(value, datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
        return 16
    if isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
        return 10
    if number_format:
        cell.number_format = number_format
    if number_format == FORMAT_PERCENT:
        return 7
    return len(f"{value:,.2f}") + (1 if number_format == FORMAT_YUAN else 0)


def _text_width(text: str) -> int:
    """Display width: CJK characters take two columns in Excel's default font."""
    longest = max(text.splitlines() or [""], key=len)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in longest)


def _sheet_name(title: str) -> str:
    """Excel sheet names: at most 31 characters, none of ``[]:*?/\\``."""
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in title).strip("'") or "Sheet1"
    return cleaned[:31]


def _save_atomically(wb: Workbook, path: Path) -> None:
    # patient names may be in the table (the KOC list): private, and no half-written file survives a crash
    with PrivateTemp(path) as temp:
        wb.save(temp)
