"""Every sheet of an .xlsx, .xls or .csv file as rows of raw cell values, and where its header row is.

The importer needs one shape whatever the clinic exported: a list of sheets, each a rectangle of
rows holding ``str``, ``int``, ``float``, ``bool``, ``date``, ``datetime`` (or ``time``) and ``None``
for a blank. Excel files are read with calamine (Rust; about ten times faster than openpyxl's
read-only mode on a 50,000-row sheet, and it reads the old .xls format too). CSV files arrive in
UTF-8, UTF-8 with a BOM (Excel's "CSV UTF-8") or GBK/GB18030 (Excel's plain "CSV" on a Chinese
Windows), separated by commas, tabs or semicolons; both are worked out from the content. Reading never
writes anything, and every refusal is a :class:`FileRejected` naming the problem in Chinese and English.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum

from clinic_desktop.io.csv_text import csv_rows, decode_csv, sniff_delimiter
from clinic_desktop.io.file_checks import FileRejected, detect_kind, open_regular
from clinic_desktop.io.sheet_extent import MAX_ROWS, MAX_SHEET_CELLS, SheetExtent, check_extent
from clinic_desktop.io.xls_scan import scan_xls
from clinic_desktop.io.xlsx_scan import scan_xlsx

__all__ = [
    "MAX_CELLS",
    "MAX_PATIENT_ROWS",
    "MAX_ROWS",
    "FileRejected",
    "SheetData",
    "TableFile",
    "find_header_row",
    "normalise_header",
    "read_table_file",
    "sniff_delimiter",
    "too_many_patients",
]

#: patients in one import: a five-clinic chain (300,000) with room (a sheet of visits or contacts may have
#: up to MAX_ROWS, Excel's limit, and continue on further sheets: the chain has ~2.9 M visit lines)
MAX_PATIENT_ROWS = 400_000
#: rows × columns per sheet (see :mod:`sheet_extent` for how it was set)
MAX_CELLS = MAX_SHEET_CELLS
#: floats up to 2**53 are exact integers
_EXACT = float(2**53)


@dataclass(frozen=True)
class SheetData:
    """One sheet: ``rows[i]`` is spreadsheet row ``i + 1`` (leading blank rows are kept so row numbers
    in the import report match what the receptionist sees); every row has the same length, and trailing
    blank rows and columns are dropped."""

    name: str
    rows: list[list[object]]


@dataclass(frozen=True)
class TableFile:
    path: Path
    kind: str  # "xlsx" | "xls" | "csv" — what the content is, whatever the extension says
    encoding: str | None  # the text encoding of a CSV; None for Excel files
    sheets: list[SheetData]


def read_table_file(path: str | Path, *, encoding: str | None = None, max_rows: int = MAX_ROWS) -> TableFile:
    """Read every sheet of *path*; raises :class:`FileRejected` for anything that is not a readable table.

    *encoding* forces the text encoding of a CSV (for the rare Big5 or UTF-16 file the guess misses).
    *max_rows* caps every sheet (Excel's own 1,048,576 by default); the importer caps patient sheets
    lower, once it knows which sheet holds patients.
    """
    path = Path(path)
    kind = detect_kind(path)
    if kind == "csv":
        text, used = decode_csv(path, encoding)
        rows = _collect(path, path.stem, csv_rows(path, text), max_rows, measure=True)
        return TableFile(path, "csv", used, [SheetData(path.stem, rows)])
    if kind == "xlsx":
        scan_xlsx(path)  # before calamine: it would abort the process on what this refuses
    else:
        scan_xls(path)
    return TableFile(path, kind, None, _read_workbook(path, max_rows))


# --- Excel -------------------------------------------------------------------------------------------


def _read_workbook(path: Path, max_rows: int) -> list[SheetData]:
    try:
        # from a file object, calamine picks the format from the content (from_path trusts the extension)
        with open_regular(path) as handle:
            workbook = CalamineWorkbook.from_filelike(handle)
    except FileRejected:
        raise
    except PasswordError:
        raise _encrypted(path) from None
    except BaseException as exc:  # noqa: BLE001 - a Rust panic arrives as pyo3's PanicException
        raise _damaged(path, exc) from None
    try:
        sheets = []
        shared: dict[object, object] = {}  # see _excel_row
        for meta in workbook.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue  # chart sheets and macro sheets hold no rows
            try:
                sheet = workbook.get_sheet_by_name(meta.name)
            except PasswordError:
                raise _encrypted(path) from None
            except BaseException as exc:  # noqa: BLE001 - CalamineError, XmlError, a Rust panic …
                raise _damaged(path, exc) from None
            if sheet.height * sheet.width > MAX_CELLS:
                raise _too_many_rows(path, meta.name, max_rows, cells=True)
            rows = _collect(path, meta.name, (_excel_row(row, shared) for row in sheet.iter_rows()), max_rows)
            del sheet  # calamine's copy of this sheet goes before the next is loaded
            sheets.append(SheetData(meta.name, rows))
        return sheets
    finally:
        workbook.close()


#: the cell types whose equal values are kept as one object (never int/bool/float: ``1 == True == 1.0``)
_SHARED = frozenset({str, date, datetime})


def _excel_row(row: Sequence[object], shared: dict[object, object]) -> list[object]:
    """calamine gives ``""`` for a blank cell and a float for every number; a whole number becomes an
    ``int`` so a phone stored as a number reads ``13812345678``, not ``13812345678.0``.

    Equal texts and dates are kept as one object (``shared``, one per workbook): calamine makes a new
    one per cell, and the same phone, name, treatment, staff or day repeats on millions of visit lines
    — the 100,000-patient clinic workbook held 1.4 GB of rows, 0.6 GB shared. The values are immutable,
    so sharing them changes nothing a reader sees.
    (One comprehension rather than a loop: this runs once per cell, millions of times.)"""
    keep = shared.setdefault
    return [
        None
        if value == ""
        else int(value)
        if type(value) is float and value.is_integer() and -_EXACT < value < _EXACT
        else keep(value, value)
        if type(value) in _SHARED
        else value
        for value in row
    ]


def _encrypted(path: Path) -> FileRejected:
    return FileRejected(
        f"文件“{path.name}”设置了打开密码。请在 Excel 中取消密码后再导入。",
        f"“{path.name}” is password-protected; remove the password in Excel and import again.",
    )


def _damaged(path: Path, exc: BaseException) -> FileRejected:
    """Refusal for whatever calamine raised; its own text (one line of it) goes in brackets."""
    if isinstance(exc, (KeyboardInterrupt, SystemExit, MemoryError)):
        raise exc
    detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
    return FileRejected(
        f"无法读取“{path.name}”：文件已损坏或格式不受支持。请在 Excel 中打开并另存为 .xlsx 后再试。"
        f"（{detail}）",
        f"cannot read “{path.name}”: the file is damaged or in an unsupported format. Open it in Excel, "
        f"save it as .xlsx and try again. ({detail})",
    )


# --- rows --------------------------------------------------------------------------------------------


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _has_content(row: list[object]) -> bool:
    for value in row:
        if value is not None and (type(value) is not str or value.strip()):
            return True
    return False


def _collect(
    path: Path, sheet: str, rows: Iterable[list[object]], max_rows: int, *, measure: bool = False
) -> list[list[object]]:
    """The rows up to the last non-blank one, as a rectangle; refuses more than *max_rows* rows.

    With *measure* (text files, which no scanner measured before) the rectangle is checked like an
    Excel sheet's before it is padded out: one far-away cell must not widen every row."""
    kept: list[list[object]] = []
    last = -1
    for index, row in enumerate(rows):
        if _has_content(row):
            if index >= max_rows:
                raise _too_many_rows(path, sheet, max_rows)
            last = index
        if index < max_rows:
            kept.append(row)
    del kept[last + 1 :]
    width, widest = 0, 0
    for number, row in enumerate(kept, start=1):
        end = len(row)
        while end > width and _blank(row[end - 1]):
            end -= 1
        if end > width:
            width, widest = end, number
    if measure and kept:
        cells = sum(len(row) - row.count(None) for row in kept)
        check_extent(path, SheetExtent(sheet, len(kept), width, cells, (len(kept), 1), (widest, width)))
    for row in kept:
        if len(row) > width:
            del row[width:]
        elif len(row) < width:
            row.extend([None] * (width - len(row)))
    return kept


def _too_many_rows(path: Path, sheet: str, max_rows: int, *, cells: bool = False) -> FileRejected:
    if cells:
        return FileRejected(
            f"“{path.name}”的工作表“{sheet}”行列过多（超过 {MAX_CELLS:,} 个单元格）。"
            "请删除多余的行列后再导入。",
            f"sheet “{sheet}” of “{path.name}” is too large (over {MAX_CELLS:,} cells); delete the unused "
            "rows and columns and import again.",
        )
    return FileRejected(
        f"“{path.name}”的工作表“{sheet}”超过 {max_rows:,} 行。请拆分成几个文件分批导入。",
        f"sheet “{sheet}” of “{path.name}” has more than {max_rows:,} rows; split it into several files "
        "and import them one by one.",
    )


def too_many_patients(path: Path, sheet: str, rows: int) -> FileRejected:
    """The refusal for a patient sheet over :data:`MAX_PATIENT_ROWS` (the importer knows which sheet
    holds patients only after reading the headers, so it raises this itself)."""
    return FileRejected(
        f"“{path.name}”的患者表“{sheet}”有 {rows:,} 行，超过一次导入的上限 {MAX_PATIENT_ROWS:,} 位患者。"
        "请拆分成几个文件分批导入。",
        f"the patient sheet “{sheet}” of “{path.name}” has {rows:,} rows, over the limit of "
        f"{MAX_PATIENT_ROWS:,} patients in one import; split it into several files and import them one "
        "by one.",
    )


# --- header row --------------------------------------------------------------------------------------

_UNIT = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】")
_NOISE = re.compile(r"[\s*:：]")


def normalise_header(text: object) -> str:
    """A header cell reduced to what identifies the column: full-width forms folded, spaces (also the
    full-width space), required-field stars, trailing colons and units in brackets removed, lower case.
    ``" 金额（元）*"`` → ``"金额"``; ``"手 机："`` → ``"手机"``; ``"Phone"`` → ``"phone"``."""
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKC", str(text))
    without_units = _UNIT.sub("", folded)
    return _NOISE.sub("", without_units).lower()


def find_header_row(rows: Sequence[Sequence[object]], known_headers: Collection[str], scan: int = 20) -> int:
    """Index of the header row: the first of the top *scan* rows with at least two cells that are known
    headers (compared after :func:`normalise_header`), so a merged title line such as
    "患者信息表 2026-10" or a blank row above the header is skipped. 0 when no row qualifies."""
    known = {normalise_header(header) for header in known_headers} - {""}
    needed = min(2, len(known)) or 1
    for index, row in enumerate(rows[:scan]):
        hits = {normalise_header(cell) for cell in row if isinstance(cell, str)} & known
        if len(hits) >= needed:
            return index
    return 0
