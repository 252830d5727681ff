"""The printed call list 回访名单 (PRODUCT §5.3): one print-ready ``.xlsx`` a list, and reading it back.

The receptionist prints the sheet, phones down it, writes 结果/备注 in by hand or in Excel/WPS, and the
filled-in file comes back as contact-log rows. Two things make that round trip safe:

* every data row carries a **hidden row key** (an opaque key stored on ``call_list_rows``), and the reader
  finds that column by its header, not by its position — so sorting, filtering, deleting rows or a
  resave by Excel/WPS/LibreOffice cannot attach an outcome to the wrong patient;
* every user-supplied text is made inert by :mod:`clinic_desktop.io.safe_cells` (``set_text`` for the
  cells openpyxl writes, the same ``neutralise`` rule plus a string cell type for the streamed data
  rows), so a patient named ``=HYPERLINK(...)`` prints as text and never as a live formula.

This module knows nothing of the database: the services turn saved lists into :class:`PrintRow` values
and the read-back :class:`FilledRow` values into contact-log rows.
"""

from __future__ import annotations

import functools
import io
import math
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from clinic_desktop.core.phone import mask_phone as _mask
from clinic_desktop.io.call_list_scripts import plan_scripts
from clinic_desktop.io.file_checks import FileRejected
from clinic_desktop.io.private_files import PrivateTemp
from clinic_desktop.io.safe_cells import neutralise, set_text

__all__ = [
    "COLUMNS",
    "KEY_HEADER",
    "OUTCOME_LABELS",
    "CallListFileError",
    "FilledList",
    "FilledRow",
    "PrintRow",
    "outcome_key",
    "write_call_list",
]

#: contact outcome (db/models.CONTACT_OUTCOMES) -> the word in the 结果 drop-down, in drop-down order
OUTCOME_LABELS: dict[str, str] = {
    "reached": "接通",
    "no_answer": "未接",
    "booked": "已预约",
    "declined": "拒绝",
    "do_not_contact": "勿扰",
    "wrong_number": "号码错误",
}
_OUTCOME_BY_WORD = {label: key for key, label in OUTCOME_LABELS.items()} | {k: k for k in OUTCOME_LABELS}

#: visible columns (header, width in character units); widths fill one A4 landscape page at ~90 %
COLUMNS: tuple[tuple[str, float], ...] = (
    ("序号", 5.5),
    ("姓名", 10),
    ("电话", 13.5),
    ("性别/年龄", 9.5),
    ("阶段", 8.5),
    ("ERS", 8),
    ("上次到诊", 11.5),
    ("原因", 24),
    ("建议话术/优惠", 34),
    ("上次联系", 11.5),
    ("结果", 9),
    ("备注", 18),
)
#: widths when the scripts are printed once above the table (a 200-row win-back list would otherwise
#: repeat one offer 200 times and take 25 pages): the column shows "同上" or "话术A"…, and 原因 gets the
#: room to stay on one line (a recall reason is ~46 units) with 备注 still wide enough to write in
_SHARED_SCRIPT_WIDTHS = {"原因": 53.0, "建议话术/优惠": 7.0, "备注": 17.0}
#: header of the hidden column holding each row's key; the reader looks for this text
KEY_HEADER = "行键（请勿修改）"
_OUTCOME_HEADER, _NOTE_HEADER = "结果", "备注"
_META_SHEET = "名单信息"
_MARKER = "clinic-desktop call list"
_FORMAT_VERSION = 1
_LIST_ID_NAME = "clinic_call_list_id"

_TITLE_ROW, _INFO_ROW, _HEADER_ROW = 1, 2, 3
_FIRST_DATA_ROW = _HEADER_ROW + 1
_KEY_COL = len(COLUMNS) + 1
_OUTCOME_COL = 1 + [h for h, _ in COLUMNS].index(_OUTCOME_HEADER)
_WRAPPED = {"原因", "建议话术/优惠", "备注"}
_DATES = {"上次到诊", "上次联系"}
_WRAPPED_INDEXES = tuple(i for i, (h, _) in enumerate(COLUMNS) if h in _WRAPPED)
_HEADER_SCAN = 30
_LETTERS = [get_column_letter(c) for c in range(1, _KEY_COL + 1)]
_EXCEL_EPOCH = date(1899, 12, 30)
_SHEET_PART = "xl/worksheets/sheet1.xml"  # the call list is the workbook's first sheet
_DIMENSION = re.compile(r'<dimension ref="[^"]*"\s*/>')
_LINE_HEIGHT = 14.5  # points per line at 10.5 pt
_MIN_ROW_HEIGHT = 20.0  # room for a handwritten 结果/备注 (~6 mm once fitted to the page's width)
_ROWS_PER_CHUNK = 500  # data rows per piece of the streamed sheet part
_SHEET_LEVEL = 1  # deflate level of the workbook's parts (see _save_atomically)

_FONT_NAME = "Microsoft YaHei"  # on every Windows since Vista; LibreOffice falls back to a CJK font
_LINE = Side(style="thin", color="BFBFBF")
_BORDER = Border(left=_LINE, right=_LINE, top=_LINE, bottom=_LINE)
_BODY_FONT = Font(name=_FONT_NAME, size=10.5)
_HEADER_FONT = Font(name=_FONT_NAME, size=10.5, bold=True)
_TITLE_FONT = Font(name=_FONT_NAME, size=14, bold=True)
_INFO_FONT = Font(name=_FONT_NAME, size=9, color="595959")
_SHARED_FONT = Font(name=_FONT_NAME, size=10.5)
_HEADER_FILL = PatternFill("solid", fgColor="E7EEF7")
_TOP = Alignment(vertical="top")
_TOP_CENTER = Alignment(vertical="top", horizontal="center")
_TOP_WRAP = Alignment(vertical="top", wrap_text=True)
_HEADER_ALIGN = Alignment(vertical="center", horizontal="center", wrap_text=True)


class CallListFileError(FileRejected):
    """The file is not a call list this product wrote (or cannot be read): a zh/en reason, nothing done.

    A :class:`~clinic_desktop.io.file_checks.FileRejected`, so callers that already report rejected
    import files (``.zh``, ``.en``, ``text(language)``) report this one the same way."""


@dataclass(frozen=True)
class PrintRow:
    """One printed line. Texts are display-ready (the services pick labels); dates stay dates so the
    sheet can be sorted by them."""

    row_key: str
    name: str
    phone: str | None
    gender: str | None  # "M" / "F" / None
    age: int | None
    stage: str
    ers: str
    last_visit: date | None
    reason: str
    script: str
    last_contact: date | None
    outcome: str | None = None  # an OUTCOME_LABELS key already recorded (a re-export shows it)
    note: str | None = None


@dataclass(frozen=True)
class FilledRow:
    """A data row read back: the key, and what the caller wrote in 结果/备注 (stripped; None if blank)."""

    sheet_row: int
    row_key: str | None
    outcome: str | None
    note: str | None


@dataclass(frozen=True)
class FilledList:
    """A filled-in call list: the saved list's id when the file still says it, and its data rows."""

    list_id: int | None
    kind: str | None
    rows: list[FilledRow]


def outcome_key(word: str) -> str | None:
    """The contact outcome for a word typed in 结果 (the drop-down word or the outcome key), else None."""
    return _OUTCOME_BY_WORD.get(word.strip())


# ----------------------------------------------------------------------------------------------- write


def write_call_list(
    path: Path | str,
    *,
    clinic: str,
    kind_label: str,
    as_of: date,
    rows: Sequence[PrintRow],
    mask_phone: bool = False,
    list_id: int | None = None,
    kind: str | None = None,
    templates: Sequence[tuple[str, str]] = (),
) -> Path:
    """Write the print-ready list to ``path`` (atomically: a failure leaves no half-written file).

    openpyxl lays out everything but the data rows (title, header, print setup, drop-down, hidden key
    column, meta sheet); the data rows are streamed into the sheet's XML by :func:`_rows_xml`, because
    openpyxl's per-cell writer needs ~3 s for a 5,000-row list and the data rows take ~0.3 s this way.
    """
    path = Path(path)
    plan = plan_scripts(rows, templates)
    widths = [_SHARED_SCRIPT_WIDTHS.get(h, w) if plan.compact else w for h, w in COLUMNS]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "回访名单"
    _write_title(ws, _clean(clinic), _clean(kind_label), as_of, len(rows), plan.legend, sum(widths))
    _write_header(ws, widths)
    last = max(_FIRST_DATA_ROW + len(rows) - 1, _HEADER_ROW)
    _finish_sheet(ws, last, _clean(clinic), _clean(kind_label), as_of)
    _write_meta(wb, list_id, kind, as_of)
    body = _rows_xml(rows, mask_phone, _column_style_ids(ws), widths, plan.cells)
    _save_atomically(wb, path, body, last)
    return path


def _write_title(
    ws: Any,
    clinic: str,
    kind_label: str,
    as_of: date,
    count: int,
    shared: list[tuple[str, str]],
    width: float,
) -> None:
    last_col = get_column_letter(len(COLUMNS))
    title = ws.cell(_TITLE_ROW, 1)
    set_text(title, f"{clinic} · {kind_label}回访名单 · {as_of.isoformat()} · 共 {count} 人")
    title.font = _TITLE_FONT
    title.alignment = Alignment(vertical="center")
    ws.merge_cells(f"A{_TITLE_ROW}:{last_col}{_TITLE_ROW}")
    ws.row_dimensions[_TITLE_ROW].height = 26
    words = "/".join(OUTCOME_LABELS.values())
    text = (
        f"打电话后在“结果”列选择 {words}，备注可随意填写；填好后在软件里“导入结果”。"
        f"请勿删除隐藏列。生成于 {datetime.now():%Y-%m-%d %H:%M}"
    )
    if len(shared) == 1 and not shared[0][0]:
        text = f"建议话术/优惠（本名单通用）：{_clean(shared[0][1]).strip()}\n{text}"
    elif shared:
        legend = "\n".join(f"{label}：{_clean(script).strip()}" for label, script in shared)
        text = f"建议话术/优惠：\n{legend}\n{text}"
    info = ws.cell(_INFO_ROW, 1)
    set_text(info, text)
    info.font = _SHARED_FONT if shared else _INFO_FONT
    info.alignment = _TOP_WRAP
    ws.merge_cells(f"A{_INFO_ROW}:{last_col}{_INFO_ROW}")
    lines = sum(math.ceil(_text_units(part) / (width - 2)) or 1 for part in text.split("\n"))
    ws.row_dimensions[_INFO_ROW].height = lines * (_LINE_HEIGHT if shared else 12.5) + 6


def _write_header(ws: Any, widths: list[float]) -> None:
    for col, ((header, _), width) in enumerate(zip(COLUMNS, widths, strict=True), start=1):
        cell = ws.cell(_HEADER_ROW, col, header)
        cell.font, cell.fill, cell.border, cell.alignment = _HEADER_FONT, _HEADER_FILL, _BORDER, _HEADER_ALIGN
        ws.column_dimensions[get_column_letter(col)].width = width
    key = ws.cell(_HEADER_ROW, _KEY_COL, KEY_HEADER)
    key.font = _HEADER_FONT
    key_dim = ws.column_dimensions[get_column_letter(_KEY_COL)]
    key_dim.width, key_dim.hidden = 34, True
    # a narrow 建议话术/优惠 column (scripts printed above the table) wraps its header onto two lines
    ws.row_dimensions[_HEADER_ROW].height = 22 if widths == [w for _, w in COLUMNS] else 32


def _gender_age(gender: str | None, age: int | None) -> str:
    g = {"M": "男", "F": "女"}.get(gender or "", "")
    a = f"{age}岁" if age is not None else ""
    return " ".join(p for p in (g, a) if p) or "–"


def _column_style_ids(ws: Any) -> list[int]:
    """The cell-format index of each data column (and the hidden key column), registered once."""
    ids = []
    for col, (header, _) in enumerate(COLUMNS, start=1):
        cell = Cell(ws)
        cell.font, cell.border = _BODY_FONT, _BORDER
        if header in _WRAPPED:
            cell.alignment = _TOP_WRAP
        elif col == 1 or header in _DATES or header == _OUTCOME_HEADER:
            cell.alignment = _TOP_CENTER
        else:
            cell.alignment = _TOP
        if header in _DATES:
            cell.number_format = "yyyy-mm-dd"
        ids.append(cell.style_id)
    key = Cell(ws)
    key.font = _BODY_FONT
    ids.append(key.style_id)
    return ids


def _clean(text: str) -> str:
    """``text`` without the control characters XML cannot hold (they arrive from pasted chat text)."""
    return str(ILLEGAL_CHARACTERS_RE.sub("", text))


def _xml_text(text: str) -> str:
    """A string cell's XML text: cleaned, then made inert (the same rule as ``safe_cells.set_text``)."""
    return escape(neutralise(_clean(text)))


def _row_values(index: int, row: PrintRow, mask_phone: bool, script: str) -> list[Any]:
    phone = _mask(row.phone) if row.phone and mask_phone else row.phone
    return [
        index,
        row.name,
        phone or "（无）",
        _gender_age(row.gender, row.age),
        row.stage,
        row.ers,
        row.last_visit,
        row.reason,
        script,
        row.last_contact,
        OUTCOME_LABELS.get(row.outcome or ""),
        row.note,
        row.row_key,
    ]


def _rows_xml(
    rows: Sequence[PrintRow], mask_phone: bool, styles: list[int], widths: list[float], scripts: list[str]
) -> Iterator[str]:
    """The ``<row>`` elements of the data rows, a few hundred rows per string (the sheet part is streamed
    into the zip, never held whole). Every text is an inline string (``t="inlineStr"``, never an ``<f>``)
    made inert by :func:`~clinic_desktop.io.safe_cells.neutralise`; dates are serial numbers in a
    ``yyyy-mm-dd`` format so the sheet sorts by them.

    A list repeats its values (stages, tiers, a script for every row, a reason per treatment, the same
    dates): each distinct value of a column becomes its cell's XML once, and each distinct wrapped text
    is measured for the row height once (a 35,000-row win-back list: 455,000 cells, ~70,000 distinct).
    What varies per cell is only its reference, so a row is one ``str.format`` of a row template."""
    columns = list(zip(_LETTERS, styles, strict=True))
    # the row number (column A) goes into the template itself; every other cell is looked up by value
    template = (
        '<row r="{0}" ht="{1:g}" customHeight="1">'
        + f'<c r="{_LETTERS[0]}{{0}}" s="{styles[0]}"><v>{{2}}</v></c>'
        + "".join(f'<c r="{letter}{{0}}"{{{i + 3}}}' for i, (letter, _) in enumerate(columns[1:]))
        + "</row>"
    )
    fill = template.format
    cells: list[tuple[dict[Any, str], int]] = [({}, style) for _, style in columns[1:]]
    lines_of: dict[tuple[int, str], int] = {}
    chunk: list[str] = []

    def cell(known: dict[Any, str], style: int, value: Any) -> str:
        xml = known[value] = _cell_xml(style, value)
        return xml

    for index, row in enumerate(rows, start=1):
        values = _row_values(index, row, mask_phone, scripts[index - 1])
        parts = [
            known.get(value) or cell(known, style, value)  # a cell's XML is never empty
            for (known, style), value in zip(cells, values[1:], strict=True)
        ]
        chunk.append(fill(_FIRST_DATA_ROW + index - 1, _row_height(values, widths, lines_of), index, *parts))
        if len(chunk) == _ROWS_PER_CHUNK:
            yield "".join(chunk)
            chunk.clear()
    if chunk:
        yield "".join(chunk)


def _cell_xml(style: int, value: Any) -> str:
    """A cell's XML after its reference (``<c r="B7"`` comes first): its style, type and value."""
    if value is None:
        return f' s="{style}"/>'
    if isinstance(value, str):
        return f' s="{style}" t="inlineStr"><is><t xml:space="preserve">{_xml_text(value)}</t></is></c>'
    if isinstance(value, date):
        return f' s="{style}"><v>{(value - _EXCEL_EPOCH).days}</v></c>'
    return f' s="{style}"><v>{int(value)}</v></c>'


@functools.cache
def _wide_characters() -> re.Pattern[str]:
    """One regex for the East Asian wide/full-width characters (``east_asian_width`` W or F), built once
    (~0.1 s): a per-character loop over a 5,000-row list would cost more than writing the whole sheet.
    Planes 2–3 (rare CJK ideographs) are wide throughout."""
    ranges: list[str] = []
    start = None
    for cp in range(0x2_0001):
        wide = cp < 0x2_0000 and unicodedata.east_asian_width(chr(cp)) in "WF"
        if wide and start is None:
            start = cp
        elif not wide and start is not None:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(cp - 1))}")
            start = None
    ranges.append("\U00020000-\U0003fffd")
    return re.compile(f"[{''.join(ranges)}]")


@functools.cache
def _wide_table() -> bytes:
    """1 for each code point up to U+3FFFF that :func:`_wide_characters` matches, else 0: a lookup per
    character is ~5× faster than the regex over a list's reasons (a test holds the two equal)."""
    table = bytearray(0x4_0000)
    for cp in range(0x2_0000):
        if unicodedata.east_asian_width(chr(cp)) in "WF":
            table[cp] = 1
    table[0x2_0000 : 0x3_FFFD + 1] = b"\x01" * (0x3_FFFD + 1 - 0x2_0000)
    return bytes(table)


def _text_units(text: str) -> float:
    """Width of ``text`` in column-width units: CJK and full-width characters are about two."""
    if text.isascii():
        return 1.1 * len(text)  # no wide character: what the count below gives with wide == 0
    table = _wide_table()
    try:
        wide = sum(map(table.__getitem__, map(ord, text)))  # no Python frame per character
    except IndexError:  # a code point past the table (planes 4–16): never wide
        wide = sum(table[o] for o in map(ord, text) if o < 0x4_0000)
    return 2.0 * wide + 1.1 * (len(text) - wide)


def _row_height(
    values: list[Any], widths: list[float], known: dict[tuple[int, str], int] | None = None
) -> float:
    """Row height (points) that shows every wrapped line and leaves room to write by hand.

    Set explicitly because LibreOffice does not re-measure wrapped rows of an .xlsx it opens, and
    an estimate that is a little generous beats a script cut off mid-sentence on paper. ``known``
    keeps the line count of each (column, text) already measured.
    """
    lines = 1
    for index in _WRAPPED_INDEXES:
        value = values[index]
        if isinstance(value, str) and value:
            count = None if known is None else known.get((index, value))
            if count is None:
                usable = widths[index] - 1.5
                count = sum(math.ceil(_text_units(part) / usable) or 1 for part in value.split("\n"))
                if known is not None:
                    known[(index, value)] = count
            lines = max(lines, count)
    return max(_MIN_ROW_HEIGHT, lines * _LINE_HEIGHT + 6)


def _finish_sheet(ws: Any, last: int, clinic: str, kind_label: str, as_of: date) -> None:
    last_col = get_column_letter(len(COLUMNS))
    ws.freeze_panes = f"A{_FIRST_DATA_ROW}"  # a string: ws.cell() would add an empty row 4
    ws.auto_filter.ref = f"A{_HEADER_ROW}:{last_col}{last}"
    ws.print_title_rows = f"{_HEADER_ROW}:{_HEADER_ROW}"
    ws.print_area = f"A1:{last_col}{last}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.35
    ws.page_margins.top, ws.page_margins.bottom = 0.55, 0.55
    ws.page_margins.header = ws.page_margins.footer = 0.25
    # "&" starts a header/footer code: a clinic called "A&B" must print as such
    ws.oddHeader.right.text = f"{clinic} · {kind_label} · {as_of.isoformat()}".replace("&", "&&")
    ws.oddHeader.right.size = 9
    ws.oddFooter.center.text = "第 &P 页 / 共 &N 页"
    ws.oddFooter.center.size = 9

    if last >= _FIRST_DATA_ROW:
        col = get_column_letter(_OUTCOME_COL)
        dv = DataValidation(
            type="list",
            formula1='"' + ",".join(OUTCOME_LABELS.values()) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="结果",
            error="请从下拉列表中选择：" + "、".join(OUTCOME_LABELS.values()),
            promptTitle="结果",
            prompt="请选择通话结果",
        )
        dv.add(f"{col}{_FIRST_DATA_ROW}:{col}{last}")
        ws.add_data_validation(dv)


def _write_meta(wb: Any, list_id: int | None, kind: str | None, as_of: date) -> None:
    """A hidden sheet (and a defined name) saying which saved list this file is."""
    meta = wb.create_sheet(_META_SHEET)
    meta.sheet_state = "hidden"
    for r, (key, value) in enumerate(
        (
            ("marker", _MARKER),
            ("format", _FORMAT_VERSION),
            ("list_id", list_id),
            ("kind", kind),
            ("as_of", as_of.isoformat()),
        ),
        start=1,
    ):
        meta.cell(r, 1, key)
        cell = meta.cell(r, 2)
        if isinstance(value, str):
            set_text(cell, value)
        else:
            cell.value = value
    if list_id is not None:
        wb.defined_names[_LIST_ID_NAME] = DefinedName(_LIST_ID_NAME, attr_text=f"'{_META_SHEET}'!$B$3")


def _save_atomically(wb: Any, path: Path, body: Iterable[str], last: int) -> None:
    """Save ``wb`` with ``body`` spliced in as the data rows of its first sheet, through a private
    temporary file (:class:`~clinic_desktop.io.private_files.PrivateTemp`: the list names patients and
    their phones; a crash must not leave a copy behind, and the file is its owner's only).

    The sheet part is streamed into the zip piece by piece (never one string of the whole sheet:
    ~11 MB of XML for 35,000 rows) and deflated at level 1: ~3× faster than the default level 6 on
    this repetitive XML, for a file about a quarter larger."""
    buffer = io.BytesIO()
    wb.save(buffer)
    with PrivateTemp(path) as tmp:
        with (
            zipfile.ZipFile(buffer) as src,
            zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=_SHEET_LEVEL) as dst,
        ):
            if _SHEET_PART not in src.namelist():  # (the small parts keep the default level)
                raise RuntimeError(f"openpyxl wrote no {_SHEET_PART}")
            for info in src.infolist():
                data = src.read(info)
                if info.filename != _SHEET_PART:
                    dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
                    continue
                head, tail = _splice_points(data.decode("utf-8"), last)
                with dst.open(info.filename, "w") as out:  # deflated at the archive's level
                    out.write(head.encode("utf-8"))
                    for piece in body:
                        out.write(piece.encode("utf-8"))
                    out.write(tail.encode("utf-8"))


def _splice_points(sheet: str, last: int) -> tuple[str, str]:
    """The sheet's XML before and after where the data rows go, its dimension set to the whole table."""
    ref = f"A1:{get_column_letter(_KEY_COL)}{last}"
    sheet = _DIMENSION.sub(f'<dimension ref="{ref}"/>', sheet, count=1)
    end = sheet.index("</sheetData>")  # openpyxl writes exactly one
    return sheet[:end], sheet[end:]
