"""Reading a filled-in printed call list back (PRODUCT §5.3): outcomes matched by the hidden row key.

The reader finds every column by its header, never by position, so a list the receptionist sorted,
filtered, trimmed or re-saved in Excel/WPS/LibreOffice still attaches each outcome to the right
patient. Writing the list is :mod:`clinic_desktop.io.calllist_xlsx`.
"""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path
from typing import Any, BinaryIO

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from clinic_desktop.io.calllist_xlsx import (
    _HEADER_SCAN,
    _MARKER,
    _META_SHEET,
    _NOTE_HEADER,
    _OUTCOME_HEADER,
    KEY_HEADER,
    CallListFileError,
    FilledList,
    FilledRow,
)
from clinic_desktop.io.file_checks import FileRejected, detect_kind, open_regular
from clinic_desktop.io.safe_cells import restore_text
from clinic_desktop.io.xls_scan import scan_xls
from clinic_desktop.io.xlsx_scan import scan_xlsx

__all__ = ["read_outcomes"]


def read_outcomes(path: Path | str) -> FilledList:
    """The filled-in rows of a call list this product exported; raises :class:`CallListFileError`.

    The key, 结果 and 备注 columns are found by their headers on whichever sheet holds the key column,
    so moved, sorted, filtered or deleted rows (and extra columns) do not matter.
    """
    path = Path(path)
    _check_file(path)
    with open_regular(path) as handle:  # ours to close, even when openpyxl fails half-way
        wb = _open_workbook(path, handle)
        try:
            meta = _read_meta(wb)
            for ws in wb.worksheets:
                if ws.title == _META_SHEET:
                    continue
                if hasattr(ws, "reset_dimensions"):
                    ws.reset_dimensions()  # a resaved file may understate its size; read every row
                found = _read_sheet(ws)
                if found is not None:
                    return FilledList(_as_int(meta.get("list_id")), _as_str(meta.get("kind")), found)
        finally:
            wb.close()
    raise CallListFileError(
        f"“{path.name}”不是本软件导出的回访名单（找不到隐藏的“{KEY_HEADER}”列）。请导入从本软件导出并填写的名单。",
        f"“{path.name}” is not a call list exported by this program (its hidden row-key column is missing).",
    )


def _check_file(path: Path) -> None:
    if not path.exists():  # a folder, a pipe or a device is refused below, by what it is
        raise CallListFileError(f"找不到文件：{path}", f"File not found: {path}")
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise CallListFileError(
            f"“{path.name}”不是 .xlsx 文件。请在 Excel/WPS 中另存为 .xlsx 后再导入。",
            f"“{path.name}” is not an .xlsx file. Save it as .xlsx in Excel/WPS and import that.",
        )
    try:
        # the same checks as an import (what the file really is, zip bombs, far-away cells, entity
        # declarations …): openpyxl would otherwise walk a sheet reaching XFD1048576 cell by cell for hours
        kind = detect_kind(path)
        if kind == "csv":
            raise _unreadable(path, "text")
        if kind == "xls":
            scan_xls(path)  # a password-protected .xlsx or a Word file says so
            raise CallListFileError(
                f"“{path.name}”是旧版 .xls 工作簿，不是本软件导出的 .xlsx 名单。"
                "请导入从本软件导出并填写的名单。",
                f"“{path.name}” is an old .xls workbook, not an .xlsx call list exported by this program.",
            )
        scan_xlsx(path)
    except CallListFileError:
        raise
    except FileRejected as exc:
        raise CallListFileError(exc.zh, exc.en) from None


def _open_workbook(path: Path, handle: BinaryIO) -> Any:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # "no default style" and the like: nothing to act on
            return openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise _unreadable(path, type(exc).__name__) from None


def _unreadable(path: Path, why: str) -> CallListFileError:
    return CallListFileError(
        f"无法读取“{path.name}”：文件已损坏或不是 Excel 文件。",
        f"Cannot read “{path.name}”: the file is damaged or not an Excel file ({why}).",
    )


def _read_meta(wb: Any) -> dict[str, Any]:
    if _META_SHEET not in wb.sheetnames:
        return {}
    meta: dict[str, Any] = {}
    for row in wb[_META_SHEET].iter_rows(min_row=1, max_row=20, max_col=2, values_only=True):
        if len(row) >= 2 and isinstance(row[0], str):
            meta[row[0]] = row[1]
    return meta if meta.get("marker") == _MARKER else {}


def _read_sheet(ws: Any) -> list[FilledRow] | None:
    rows = ws.iter_rows(values_only=True)
    header_at = None
    columns: dict[str, int] = {}
    for number, values in enumerate(rows, start=1):
        if number > _HEADER_SCAN:
            return None
        texts = [v.strip() if isinstance(v, str) else v for v in values]
        if KEY_HEADER in texts:
            header_at = number
            for wanted in (KEY_HEADER, _OUTCOME_HEADER, _NOTE_HEADER):
                if wanted in texts:
                    columns[wanted] = texts.index(wanted)
            break
    if header_at is None:
        return None
    if _OUTCOME_HEADER not in columns:
        raise CallListFileError(
            f"回访名单缺少“{_OUTCOME_HEADER}”列，无法导入结果。",
            "The call list has no 结果 (outcome) column; nothing can be imported.",
        )
    found: list[FilledRow] = []
    for number, values in enumerate(rows, start=header_at + 1):
        key = _cell_text(values, columns[KEY_HEADER])
        outcome = _cell_text(values, columns[_OUTCOME_HEADER])
        note = _cell_text(values, columns.get(_NOTE_HEADER))
        if key is None and outcome is None and note is None:
            continue
        found.append(FilledRow(number, key, outcome, note))
    return found


def _cell_text(values: tuple[Any, ...], index: int | None) -> str | None:
    if index is None or index >= len(values):
        return None
    value = values[index]
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = restore_text(str(value)).strip()
    return text or None


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _as_str(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
