"""The import's reports: the list of issues, and the rows that were skipped or went in with notes as the
clinic wrote them — to fix and import again (PRODUCT §7).

A report of row numbers and reasons makes the receptionist cross-reference 200 rows by hand; this file
holds the rows themselves: for each sheet with such rows, a sheet of the same name with the original
header and the original cells, in the original columns, plus one column at the end saying what was wrong.
Fixed in Excel and imported on its own, it goes through the same importer: a noted row finds the patient
its first import created (by phone, or — for a phone that could not be read — by the name and the note
that kept it) and fills the fields that were left empty; a skipped row goes in like any other.

Rows skipped only because the identical record is already in the database are not problems and are left
out; notices about nothing wrong (a new treatment joined the catalogue) too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from clinic_desktop.io.safe_cells import neutralise
from clinic_desktop.services.importing.mapping import FIELD_LABELS
from clinic_desktop.services.importing.records import Inspection, RowIssue
from clinic_desktop.services.importing.workbook_export import save_atomically

__all__ = ["REASON_HEADER", "problem_row_count", "write_issues_xlsx", "write_problem_rows"]

#: the header of the added column: not a field any sheet recognises, so a re-import ignores the column
REASON_HEADER = "导入问题（改好后可删除此列）"
_EXISTS = "已存在"
_BOLD = Font(bold=True)
_REASON_FILL = PatternFill("solid", fgColor="FFF2CC")
_FORMATS = {datetime: "yyyy-mm-dd hh:mm", date: "yyyy-mm-dd", time: "hh:mm"}


def _problems(issues: Iterable[RowIssue]) -> dict[str, dict[int, list[RowIssue]]]:
    """sheet → spreadsheet row → the issues that make it a problem row (skipped or noted)."""
    found: dict[str, dict[int, list[RowIssue]]] = defaultdict(lambda: defaultdict(list))
    for issue in issues:
        if issue.info or issue.skipped and issue.zh.startswith(_EXISTS):
            continue
        found[issue.sheet][issue.row].append(issue)
    return {sheet: dict(rows) for sheet, rows in found.items()}


def problem_row_count(issues: Iterable[RowIssue]) -> int:
    """How many rows :func:`write_problem_rows` would write for these issues."""
    return sum(len(rows) for rows in _problems(issues).values())


def _reason(issues: list[RowIssue]) -> str:
    skipped = [i.zh for i in issues if i.skipped]
    noted = [i.zh for i in issues if i.note]
    parts = [f"未导入：{'；'.join(skipped)}"] if skipped else []
    if noted:
        parts.append(f"已导入，但{'；'.join(noted)}")
    return " / ".join(parts)


def _cell(ws: WriteOnlyWorksheet, value: object) -> WriteOnlyCell:
    if isinstance(value, str):
        cell = WriteOnlyCell(ws, value=neutralise(ILLEGAL_CHARACTERS_RE.sub("", value)))
        cell.data_type = "s"
        return cell
    if isinstance(value, (date, time)):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = _FORMATS[type(value)] if type(value) in _FORMATS else "yyyy-mm-dd"
        return cell
    if isinstance(value, (bool, int, float)):
        return WriteOnlyCell(ws, value=value)
    return WriteOnlyCell(ws, value=None if value is None else neutralise(str(value)))


def write_problem_rows(inspection: Inspection, issues: Iterable[RowIssue], path: Path | str) -> Path:
    """The rows of ``inspection`` that ``issues`` skipped or noted — those of the import that ran
    (``ImportSummary.issues``), or of a preview (``ImportPlan.issues``) — as ``path`` (.xlsx): the
    original cells plus a reason column.

    Sheets keep their names and column order, the header row comes first; a file with no problem rows
    gets one sheet saying so. Written beside ``path`` and moved into place.
    """
    path = Path(path)
    problems = _problems(issues)
    workbook = Workbook(write_only=True)
    tables = {s.name: s for s in inspection.table.sheets}
    for sheet in inspection.sheets:
        rows = problems.get(sheet.name)
        if not rows:
            continue
        ws = workbook.create_sheet(sheet.name[:31])
        data = tables[sheet.name].rows
        width = max([len(sheet.headers)] + [len(data[n - 1]) for n in rows if n - 1 < len(data)])
        header = []
        for index in range(width):
            title = sheet.headers[index] if index < len(sheet.headers) else ""
            cell = _cell(ws, title or None)
            cell.font = _BOLD
            header.append(cell)
        reason_title = WriteOnlyCell(ws, value=REASON_HEADER)
        reason_title.font, reason_title.fill = _BOLD, _REASON_FILL
        ws.append([*header, reason_title])
        for number in sorted(rows):
            raw = data[number - 1] if number - 1 < len(data) else []
            cells = [_cell(ws, raw[i] if i < len(raw) else None) for i in range(width)]
            reason = _cell(ws, _reason(rows[number]))
            reason.fill = _REASON_FILL
            ws.append([*cells, reason])
    if not problems:
        ws = workbook.create_sheet("导入问题")
        ws.append(["没有跳过或带提示的行"])
    save_atomically(workbook, path)
    return path


def write_issues_xlsx(issues: Iterable[RowIssue], path: Path | str) -> Path:
    """The import report: one line per problem (sheet, row, column, reason, whether the row was skipped)."""
    path = Path(path)
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("导入问题")
    header = []
    for title in ("工作表", "行号", "列", "问题", "处理"):
        cell = WriteOnlyCell(ws, value=title)
        cell.font = _BOLD
        header.append(cell)
    ws.append(header)
    for issue in issues:
        column = FIELD_LABELS[issue.field][0] if issue.field in FIELD_LABELS else None
        ws.append(
            [
                neutralise(issue.sheet),
                issue.row,
                column,
                neutralise(issue.zh),
                "未导入" if issue.skipped else "已导入（提示）" if issue.note else "提示",
            ]
        )
    save_atomically(workbook, path)
    return path
