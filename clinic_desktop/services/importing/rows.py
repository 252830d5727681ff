"""Reading the data rows of one mapped sheet: every cell through its field's reader, the notes for cells
that cannot be read, and the totals rows left out (PRODUCT §7, §7.2).

Every non-blank row below the header is a row of the file and is counted once — the preview, the CLI and
the report then agree on one number. Kept apart from :mod:`.plan`, which decides what each row does to
the database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from itertools import accumulate
from typing import Any

from clinic_desktop.core.cell_values import CellError, cell_text
from clinic_desktop.services.importing.cells import BAD, UNSTORED, PhoneCell, read_column
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

    The cells are read a column at a time (:func:`~.cells.read_column`), then the rows are put together
    in one pass; only a row holding an unreadable or unstored cell takes the slow way through its cells,
    so the report's notes come out row by row, column by column, as a per-cell reading gives them.
    """
    assert sheet.kind is not None
    kind = sheet.kind
    patients = kind == "patients"
    mapped = sorted(sheet.mapping.items())
    fields = [fld for _, fld in mapped]
    name_col = next((c for c, f in sheet.mapping.items() if f == "name"), None)
    headers = sheet.headers
    phone_col = next((c for c, f in sheet.mapping.items() if f == "phone"), None)
    phone_header = (
        headers[phone_col]
        if phone_col is not None and phone_col < len(headers) and headers[phone_col]
        else FIELD_LABELS["phone"][0]
    )
    first = sheet.header_row + 1
    body = data_rows[first:]
    columns: list[list[object]] = []
    errors: dict[int, dict[str, CellError]] = {}
    odd: set[int] = set()  # rows with an unreadable or unstored cell
    for col, fld in mapped:
        cells = [r[col] if col < len(r) else None for r in body]
        column, bad = read_column(kind, fld, today, cells)
        columns.append(column)
        for index, exc in bad:
            errors.setdefault(index, {})[fld] = exc
        if bad or UNSTORED in column:
            odd.update(i for i, v in enumerate(column) if v is UNSTORED or v is BAD)
    by_row: Iterable[tuple[object, ...]] = zip(*columns, strict=True) if columns else [()] * len(body)
    cols = [c for c, _ in mapped]
    out: list[tuple[int, dict[str, Any]]] = []
    counted = 0
    number = first
    for index, (raw, cells_read) in enumerate(zip(body, by_row, strict=True)):
        number += 1
        if index in odd:
            values: dict[str, Any] = {}
            bad_row = False
            for col, fld, value in zip(cols, fields, cells_read, strict=True):
                if value is BAD:
                    exc = errors[index][fld]
                    header = headers[col] if col < len(headers) and headers[col] else FIELD_LABELS[fld][0]
                    zh, en = _cell_note(header, raw[col], exc, kept=patients)
                    ledger.issue(sheet.name, number, fld, zh, en, skipped=not patients)
                    bad_row = True
                elif value is not None and value is not UNSTORED:
                    values[fld] = value
            present = True
        else:
            values = {f: v for f, v in zip(fields, cells_read, strict=True) if v is not None}
            bad_row = False
            present = bool(values)  # every cell of the row was blank or stored
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
        elif not bad_row:
            out.append((number, values))
    return _without_sum_rows(sheet.name, out, ledger), counted


def _without_sum_rows(
    sheet: str, rows: list[tuple[int, dict[str, Any]]], ledger: Ledger
) -> list[tuple[int, dict[str, Any]]]:
    """``rows`` minus a totals row without a label: a row with no mobile, whose every number equals
    its column's sum over the other rows (or over the rows above it) — the sum of at least two. Only
    the last or first row, or a row without a name, can be one: that is where sheets put totals.

    The few rows that could be one are found first; only then are the columns summed (prefix sums, so
    "the rows above it" since the last totals row is one subtraction) — a sheet where every row has a
    mobile costs one look at each row."""
    last = len(rows) - 1
    candidates = [
        index
        for index, (_, v) in enumerate(rows)
        if v.get("phone") is None
        and (index == 0 or index == last or v.get("name") is None)
        and any(v.get(f) for f in _SUMMED)
    ]
    if not candidates or len(rows) < 3:
        return rows
    columns = [f for f in _SUMMED if any(f in v for _, v in rows)]
    totals: dict[str, int] = {}
    counts: dict[str, int] = {}
    prefix: dict[str, list[int]] = {}
    prefix_n: dict[str, list[int]] = {}
    for f in columns:
        column = [v.get(f) or 0 for _, v in rows]
        prefix[f] = [0, *accumulate(column)]
        prefix_n[f] = [0, *accumulate(1 if n else 0 for n in column)]
        totals[f], counts[f] = prefix[f][-1], prefix_n[f][-1]
    dropped: set[int] = set()
    start = 0  # the rows "above" a row begin after the last totals row
    for index in candidates:
        number, v = rows[index]
        numbers = {f: v[f] for f in columns if v.get(f)}
        whole = all(n == totals[f] - n and counts[f] - 1 >= 2 for f, n in numbers.items())
        running = all(
            n == prefix[f][index] - prefix[f][start] and prefix_n[f][index] - prefix_n[f][start] >= 2
            for f, n in numbers.items()
        )
        if whole or running:
            ledger.issue(
                sheet,
                number,
                None,
                "合计行（数字等于上面各行之和），未导入",
                "a totals row (its numbers are the sums of the other rows); not imported",
            )
            dropped.add(index)
            start = index + 1
    return [row for index, row in enumerate(rows) if index not in dropped] if dropped else rows
