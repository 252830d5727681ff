"""Reading the data rows of one mapped sheet: every cell through its field's reader, the notes for cells
that cannot be read, and the totals rows left out (PRODUCT §7, §7.2).

Every non-blank row below the header is a row of the file and is counted once — the preview, the CLI and
the report then agree on one number. Kept apart from :mod:`.plan`, which decides what each row does to
the database.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from clinic_desktop.core.cell_values import CellError, cell_text
from clinic_desktop.services.importing.cells import PhoneCell, reader_for
from clinic_desktop.services.importing.ledger import Ledger
from clinic_desktop.services.importing.mapping import FIELD_LABELS
from clinic_desktop.services.importing.patient_cells import unpack_phone
from clinic_desktop.services.importing.records import SheetPlan

__all__ = ["blank_row", "read_rows"]

#: what a totals row says in its name or first cell (PRODUCT §7.2)
_TOTALS = re.compile(r"合\s*计|总\s*计|小\s*计|共\s*计|\btotals?\b", re.IGNORECASE)
_NOTHING = ("该行没有可导入的内容", "nothing in this row can be imported")
#: the number columns whose sums a label-less totals row repeats
_SUMMED = ("opening_spend", "opening_visits", "amount")


def blank_row(row: list[object]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in row)


def _totals_label(raw: list[object], name_col: int | None, values: dict[str, Any]) -> bool:
    """合计/总计/小计/共计/total in the name or the first cell, on a row without a mobile (a patient called
    张小计 with a phone is a patient)."""
    phone = values.get("phone")
    if (phone.mobile if isinstance(phone, PhoneCell) else phone) is not None:
        return False
    for col in {0, name_col}:
        text = raw[col] if col is not None and col < len(raw) else None
        if isinstance(text, str) and ("计" in text or "otal" in text) and _TOTALS.search(text):
            return True
    return False


def _cell_note(header: str, cell: object, exc: CellError, *, kept: bool) -> tuple[str, str]:
    """The report's words for an unreadable cell: the column, the value, why — and what became of it."""
    shown = cell_text(cell) or ""
    zh, en = f"「{header}」{exc.zh}", f"“{header}”: {exc.en}"
    if shown and shown not in exc.zh:
        zh, en = f"{zh}（原值：{shown}）", f"{en} (value: {shown})"
    if kept:
        zh, en = f"{zh}；该项留空，其余照常导入", f"{en}; left empty, the rest imported"
    return zh, en


def read_rows(
    sheet: SheetPlan, data_rows: list[list[object]], ledger: Ledger, today: date
) -> tuple[list[tuple[int, dict[str, Any]]], int]:
    """(spreadsheet row number, field → stored value) for every data row that is imported, and how many
    data rows there were.

    Every non-blank row below the header counts as a row of the file. On a patients sheet a cell that
    cannot be read leaves its field out and the row goes in *with a note* naming the column and the
    value (PRODUCT §7: a row is a patient); on other sheets such a row is skipped (a visit without its
    date is no visit). Totals rows are skipped on every sheet. Blank cells are left out of the dict,
    so ``field in values`` means "the file says something".
    """
    assert sheet.kind is not None
    patients = sheet.kind == "patients"
    readers = [(col, fld, reader_for(sheet.kind, fld, today)) for col, fld in sorted(sheet.mapping.items())]
    name_col = next((c for c, f in sheet.mapping.items() if f == "name"), None)
    headers = sheet.headers
    phone_col = next((c for c, f in sheet.mapping.items() if f == "phone"), None)
    phone_header = (
        headers[phone_col]
        if phone_col is not None and phone_col < len(headers) and headers[phone_col]
        else FIELD_LABELS["phone"][0]
    )
    out: list[tuple[int, dict[str, Any]]] = []
    counted = 0
    first = sheet.header_row + 1
    number = first
    for raw in data_rows[first:]:
        number += 1
        values: dict[str, Any] = {}
        present = bad = False
        width = len(raw)
        for col, fld, read in readers:
            cell = raw[col] if col < width else None
            if cell is None or (isinstance(cell, str) and not cell.strip()):
                continue
            present = True
            try:
                value = read(cell)
            except CellError as exc:
                header = headers[col] if col < len(headers) and headers[col] else FIELD_LABELS[fld][0]
                zh, en = _cell_note(header, cell, exc, kept=patients)
                ledger.issue(sheet.name, number, fld, zh, en, skipped=not patients)
                bad = True
                continue
            if value is not None:
                values[fld] = value
        if not present:
            if blank_row(raw):
                continue
            if not patients:  # something only in columns this sheet does not import
                counted += 1
                ledger.issue(sheet.name, number, None, *_NOTHING)
                continue
        counted += 1
        if _totals_label(raw, name_col, values):
            ledger.issue(
                sheet.name, number, None, "合计行，未导入", "a totals row; not imported", skipped=True
            )
            continue
        if patients:
            unpack_phone(values, ledger, sheet.name, number, phone_header)
            out.append((number, values))
        elif not bad:
            out.append((number, values))
    return _without_sum_rows(sheet.name, out, ledger), counted


def _without_sum_rows(
    sheet: str, rows: list[tuple[int, dict[str, Any]]], ledger: Ledger
) -> list[tuple[int, dict[str, Any]]]:
    """``rows`` minus a totals row without a label: a row with no mobile, whose every number equals
    its column's sum over the other rows (or over the rows above it) — the sum of at least two. Only
    the last or first row, or a row without a name, can be one: that is where sheets put totals."""
    columns = [f for f in _SUMMED if any(f in v for _, v in rows)]
    if not columns or len(rows) < 3:
        return rows
    totals = {f: sum(v.get(f) or 0 for _, v in rows) for f in columns}
    counts = {f: sum(1 for _, v in rows if v.get(f)) for f in columns}
    above = dict.fromkeys(columns, 0)
    above_n = dict.fromkeys(columns, 0)
    keep: list[tuple[int, dict[str, Any]]] = []
    last = len(rows) - 1
    for index, (number, v) in enumerate(rows):
        numbers = {f: v[f] for f in columns if v.get(f)}
        edge = index in (0, last) or v.get("name") is None
        if numbers and edge and v.get("phone") is None:
            whole = all(n == totals[f] - n and counts[f] - 1 >= 2 for f, n in numbers.items())
            running = all(n == above[f] and above_n[f] >= 2 for f, n in numbers.items())
            if whole or running:
                ledger.issue(
                    sheet,
                    number,
                    None,
                    "合计行（数字等于上面各行之和），未导入",
                    "a totals row (its numbers are the sums of the other rows); not imported",
                )
                for f in columns:
                    above[f] = above_n[f] = 0
                continue
        for f, n in numbers.items():
            above[f] += n
            above_n[f] += 1
        keep.append((number, v))
    return keep
