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

import codecs
import csv
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook, PasswordError, SheetTypeEnum

from clinic_desktop.io.file_checks import FileRejected, check_xlsx_container, detect_kind

__all__ = [
    "MAX_CELLS",
    "MAX_ROWS",
    "FileRejected",
    "SheetData",
    "TableFile",
    "find_header_row",
    "normalise_header",
    "read_table_file",
]

#: rows per sheet; a clinic's whole history fits with room to spare, a runaway export does not
MAX_ROWS = 200_000
#: rows × columns per sheet, so a stray cell in column XFD cannot make a 200,000 × 16,384 grid
MAX_CELLS = 20_000_000

_DELIMITERS = (",", "\t", ";", "|")
_FULL_WIDTH_COMMA = "，"
_SAMPLE_LINES = 50
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
    """
    path = Path(path)
    kind = detect_kind(path)
    if kind == "csv":
        text, used = _decode(path, encoding)
        rows = _read_csv_text(text, path, max_rows)
        return TableFile(path, "csv", used, [SheetData(path.stem, rows)])
    if kind == "xlsx":
        check_xlsx_container(path)
    return TableFile(path, kind, None, _read_workbook(path, max_rows))


# --- Excel -------------------------------------------------------------------------------------------


def _read_workbook(path: Path, max_rows: int) -> list[SheetData]:
    try:
        # from a file object, calamine picks the format from the content (from_path trusts the extension)
        with path.open("rb") as handle:
            workbook = CalamineWorkbook.from_filelike(handle)
    except PasswordError:
        raise _encrypted(path) from None
    except (CalamineError, OSError, ValueError) as exc:
        raise _damaged(path, exc) from None
    try:
        sheets = []
        for meta in workbook.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue  # chart sheets and macro sheets hold no rows
            try:
                sheet = workbook.get_sheet_by_name(meta.name)
            except PasswordError:
                raise _encrypted(path) from None
            except (CalamineError, ValueError) as exc:
                raise _damaged(path, exc) from None
            if sheet.height * sheet.width > MAX_CELLS:
                raise _too_many_rows(path, meta.name, max_rows, cells=True)
            rows = _collect(path, meta.name, (_excel_row(row) for row in sheet.iter_rows()), max_rows)
            sheets.append(SheetData(meta.name, rows))
        return sheets
    finally:
        workbook.close()


def _excel_row(row: Sequence[object]) -> list[object]:
    """calamine gives ``""`` for a blank cell and a float for every number; a whole number becomes an
    ``int`` so a phone stored as a number reads ``13812345678``, not ``13812345678.0``.
    (One comprehension rather than a loop: this runs once per cell, millions of times.)"""
    return [
        None
        if value == ""
        else int(value)
        if type(value) is float and value.is_integer() and -_EXACT < value < _EXACT
        else value
        for value in row
    ]


def _encrypted(path: Path) -> FileRejected:
    return FileRejected(
        f"文件“{path.name}”设置了打开密码。请在 Excel 中取消密码后再导入。",
        f"“{path.name}” is password-protected; remove the password in Excel and import again.",
    )


def _damaged(path: Path, exc: BaseException) -> FileRejected:
    return FileRejected(
        f"无法读取“{path.name}”：文件已损坏或格式不受支持。请在 Excel 中打开并另存为 .xlsx 后再试。（{exc}）",
        f"cannot read “{path.name}”: the file is damaged or in an unsupported format. Open it in Excel, "
        f"save it as .xlsx and try again. ({exc})",
    )


# --- rows --------------------------------------------------------------------------------------------


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _has_content(row: list[object]) -> bool:
    for value in row:
        if value is not None and (type(value) is not str or value.strip()):
            return True
    return False


def _collect(path: Path, sheet: str, rows: Iterable[list[object]], max_rows: int) -> list[list[object]]:
    """The rows up to the last non-blank one, as a rectangle; refuses more than *max_rows* rows."""
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
    width = 0
    for row in kept:
        end = len(row)
        while end > width and _blank(row[end - 1]):
            end -= 1
        width = max(width, end)
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
        f"文件超过 {max_rows:,} 行（“{path.name}”的“{sheet}”）。请拆分成几个文件分批导入。",
        f"the file has more than {max_rows:,} rows (sheet “{sheet}” of “{path.name}”); split it into "
        "several files and import them one by one.",
    )


# --- CSV ---------------------------------------------------------------------------------------------


def _decode(path: Path, encoding: str | None) -> tuple[str, str]:
    """The text of a CSV and the encoding that read it: strict UTF-8 first (a GBK file is almost never
    valid UTF-8), then GB18030 (a superset of GBK and GB2312); never a lossy decode, because a garbled
    name imported silently is worse than a refused file."""
    data = path.read_bytes()
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise FileRejected(f"不认识的编码：{encoding}", f"unknown encoding: {encoding}") from None
        name = "utf-8-sig" if codecs.lookup(encoding).name == "utf-8" else encoding
        try:
            return data.decode(name), encoding
        except UnicodeDecodeError as exc:
            raise _undecodable(path, data, exc, encoding) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise _undecodable(path, data, exc, "UTF-16") from None
    try:
        return data.decode("utf-8-sig"), ("utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise _undecodable(path, data, exc, "UTF-8 / GBK") from None


def _undecodable(path: Path, data: bytes, exc: UnicodeDecodeError, tried: str) -> FileRejected:
    line = data.count(b"\n", 0, exc.start) + 1
    return FileRejected(
        f"“{path.name}”第 {line} 行有无法识别的字符（按 {tried} 编码读取失败）。请用 Excel 打开后"
        "“另存为”“CSV UTF-8”或 .xlsx 再导入。",
        f"“{path.name}” line {line} has characters that cannot be read as {tried}. Open it in Excel and "
        "“Save As” “CSV UTF-8” or .xlsx, then import that.",
    )


_SEP_HINT = re.compile(r"sep=(.)\r?")


def _read_csv_text(text: str, path: Path, max_rows: int) -> list[list[object]]:
    first, _, rest = text.partition("\n")
    hint = _SEP_HINT.fullmatch(first)
    if hint:  # Excel's "sep=;" first line names the delimiter
        delimiter, text = hint.group(1), rest
    else:
        delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        cells: Iterable[list[object]] = (
            [None if not cell.strip() else cell for cell in row] for row in reader
        )
        return _collect(path, path.stem, cells, max_rows)
    except csv.Error as exc:
        raise FileRejected(
            f"“{path.name}”第 {reader.line_num} 行格式有误，无法读取：{exc}",
            f"“{path.name}” line {reader.line_num} is malformed: {exc}",
        ) from None


def sniff_delimiter(text: str) -> str:
    """The separator that splits the first lines into the most rows of one common width (> 1).

    Title lines above the header have one cell under every candidate and do not count; a comma inside
    a quoted note does not count either, because each candidate is tried with the real CSV parser.
    The full-width comma is chosen only when no ASCII separator splits anything.
    """
    head = text[:65536].splitlines()[: _SAMPLE_LINES * 2]  # never split a 50 MB file to look at 50 lines
    sample_lines = [line for line in head if line.strip()][:_SAMPLE_LINES]
    sample = "\n".join(sample_lines)
    best, best_score = ",", (0, 0)
    for delimiter in (*_DELIMITERS, _FULL_WIDTH_COMMA):
        if delimiter == _FULL_WIDTH_COMMA and best_score[0] > 0:
            break
        try:
            widths = [len(row) for row in csv.reader(io.StringIO(sample), delimiter=delimiter)]
        except csv.Error:
            continue
        widths = [width for width in widths if width > 1]
        if not widths:
            continue
        width, count = Counter(widths).most_common(1)[0]
        if (count, width) > best_score:
            best, best_score = delimiter, (count, width)
    return best


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
