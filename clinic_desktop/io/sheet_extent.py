"""How far a sheet reaches, judged from the file's own bytes before a spreadsheet parser allocates for it.

calamine (the Rust reader behind :mod:`table_reader`) builds one rectangle per sheet, from the first
row down to the last used cell and across to the last used column, and allocates it at once: one value
in cell ``XFD1048576`` of an otherwise tiny workbook asks for 17 billion cells (512 GiB), and Rust
aborts the whole program before any Python code can refuse anything. So the used range of every sheet
is measured first — from the ``<c r="…">`` references of an .xlsx (:mod:`xlsx_scan`) or the cell
records of an .xls (:mod:`xls_scan`) — and a sheet whose rectangle would be huge, or mostly empty
because of a few stray cells far away, is refused here with a message that names the cell.

The limits were set from the app's own export of a 300,000-patient demo chain (the largest genuine
workbook it has to read back): its visit lines continue over three sheets of at most 1,048,576 rows
(8.4 M cells each, the largest sheet it writes), the patient sheet is 300,001 × 29 (8.7 M cells, 6.0 M
written), all sheets together 48.7 M cells, and no sheet is less than half full. A sheet is read and
freed before the next, so one sheet bounds calamine's memory and the whole book bounds the rows the
import holds (about 40 bytes a cell once equal texts are shared: ~2 GB for that chain's rows).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from clinic_desktop.io.file_checks import FileRejected

__all__ = [
    "MAX_BOOK_CELLS",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "MAX_SHEET_CELLS",
    "SPARSE_FACTOR",
    "SPARSE_MIN_CELLS",
    "SheetExtent",
    "cell_name",
    "check_book",
    "check_extent",
]

#: Excel's own limits: no genuine .xlsx reaches beyond XFD1048576 (an .xls stops at IV65536)
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
#: the rectangle of one sheet (rows × columns): a full 1,048,576-row sheet of 19 columns; the largest
#: genuine sheets (a full page of visit lines, 1,048,576 × 8; 300,000 patients × 29) are 8.4–8.7 M.
#: calamine keeps 32 bytes a cell while it reads one sheet (640 MB at this limit), and frees it after.
MAX_SHEET_CELLS = 20_000_000
#: all sheets together: 1.2 × the 300,000-patient chain's 48.7 M. The import's memory grows with it: that
#: chain's import peaks at 4.3 GB (its rows, their fields, the insert tuples), so a book at this limit
#: stays near 5 GB — within a receptionist's 8 GB PC
MAX_BOOK_CELLS = 56 * 1024 * 1024
#: a rectangle larger than this must be at least 1/SPARSE_FACTOR full; a smaller one is allowed
#: whatever it holds (a stray note at Z5000 costs a few megabytes, not worth refusing a file for)
SPARSE_MIN_CELLS = 1_000_000
SPARSE_FACTOR = 16


def cell_name(row: int, column: int) -> str:
    """``cell_name(1048576, 16384) == "XFD1048576"`` (both 1-based), as Excel names a cell."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"


@dataclass
class SheetExtent:
    """The used range of one sheet as the file states it: the furthest row and column any cell
    reaches (1-based; calamine pads every sheet from row 1, so the rectangle starts at A1), how many
    cells that may hold a value (an .xlsx counts its ``</c>``: self-closing empty cells, which calamine
    skips, do not count),
    and which cell reaches furthest (named in a refusal)."""

    name: str
    max_row: int = 0
    max_column: int = 0
    cells: int = 0
    far_row_cell: tuple[int, int] = (0, 0)
    far_column_cell: tuple[int, int] = (0, 0)
    #: the column just inside the furthest one (tells a stray cell from a wide sheet)
    second_column: int = 0

    @property
    def area(self) -> int:
        return self.max_row * self.max_column

    def add(self, row: int, column: int, *, holds_value: bool = True) -> None:
        """Note one cell (1-based) — the slow path; the .xlsx scanner updates the fields in bulk. Only
        cells holding a value count towards :attr:`cells` (calamine skips empty ones, so a sheet padded
        with empty cells must not look full), but every cell may stretch the rectangle."""
        self.cells += holds_value
        if row > self.max_row:
            self.max_row, self.far_row_cell = row, (row, column)
        if column > self.max_column:
            if self.max_column:
                self.second_column = self.max_column
            self.max_column, self.far_column_cell = column, (row, column)
        elif self.second_column < column < self.max_column:
            self.second_column = column

    def far_cell(self) -> str:
        """The cell that makes the rectangle large: the furthest column when it stands far beyond the
        others (``XFD2000`` beside data in A–J), else the furthest row (``A1048576``)."""
        row, column = self.far_row_cell
        if self.max_column > 2 * max(self.second_column, 8):
            row, column = self.far_column_cell
        return cell_name(row, column)


def check_extent(path: Path, extent: SheetExtent) -> None:
    """Refuse a sheet that reaches beyond Excel's limits, whose rectangle is too large, or that is
    mostly empty because a few cells sit far from the rest (the parser would allocate it all)."""
    sheet = extent.name
    if extent.max_row > MAX_ROWS or extent.max_column > MAX_COLUMNS:
        far = cell_name(*(extent.far_row_cell if extent.max_row > MAX_ROWS else extent.far_column_cell))
        raise FileRejected(
            f"“{path.name}”的工作表“{sheet}”中有单元格 {far}，超出了 Excel 的范围（最多 {MAX_ROWS:,} 行、"
            f"{MAX_COLUMNS:,} 列）。这不是 Excel 保存的文件，请在 Excel 中打开后另存为 .xlsx 再导入。",
            f"sheet “{sheet}” of “{path.name}” has a cell at {far}, beyond what Excel allows "
            f"({MAX_ROWS:,} rows, {MAX_COLUMNS:,} columns); this file was not saved by Excel. Open it in "
            "Excel, save it as .xlsx and import that.",
        )
    area = extent.area
    if area > max(SPARSE_MIN_CELLS, SPARSE_FACTOR * extent.cells):
        far = extent.far_cell()
        raise FileRejected(
            f"“{path.name}”的工作表“{sheet}”中，单元格 {far} 远离数据区：整张表只有 {extent.cells:,} 个"
            f"单元格，却要按 {extent.max_row:,} 行 × {extent.max_column:,} 列读取。请在 Excel 中删除该"
            "单元格（选中后按 Delete，并清除格式），保存后再导入。",
            f"in sheet “{sheet}” of “{path.name}”, cell {far} lies far away from the data: the sheet holds "
            f"only {extent.cells:,} cells but would be read as {extent.max_row:,} rows × "
            f"{extent.max_column:,} columns. Delete that cell in Excel (and clear its formatting), save, "
            "and import again.",
        )
    if area > MAX_SHEET_CELLS:
        raise FileRejected(
            f"“{path.name}”的工作表“{sheet}”过大（{extent.max_row:,} 行 × {extent.max_column:,} 列，"
            f"上限 {MAX_SHEET_CELLS:,} 个单元格）。请删除多余的行列，或拆分成几个文件后再导入。",
            f"sheet “{sheet}” of “{path.name}” is too large ({extent.max_row:,} rows × "
            f"{extent.max_column:,} columns; the limit is {MAX_SHEET_CELLS:,} cells). Delete unused rows "
            "and columns or split it into several files, and import again.",
        )


def check_book(path: Path, extents: list[SheetExtent]) -> None:
    """Each sheet as :func:`check_extent`, then all of them together against :data:`MAX_BOOK_CELLS`."""
    for extent in extents:
        check_extent(path, extent)
    total = sum(extent.area for extent in extents)
    if total > MAX_BOOK_CELLS:
        raise FileRejected(
            f"“{path.name}”的数据过多（各工作表合计 {total:,} 个单元格，上限 {MAX_BOOK_CELLS:,}）。"
            "请拆分成几个文件分批导入。",
            f"“{path.name}” holds too much data ({total:,} cells over all sheets; the limit is "
            f"{MAX_BOOK_CELLS:,}). Split it into several files and import them one by one.",
        )
