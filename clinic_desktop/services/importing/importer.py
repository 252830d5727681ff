"""Import a clinic's spreadsheet (PRODUCT §7, §7.1): inspect → (adjust mapping) → plan → run → undo.

Usage (the import wizard and the ``import`` command do exactly this)::

    from clinic_desktop.services.importing import importer
    inspection = importer.inspect_file(path)          # FileRejected (.zh/.en) for an unreadable file
    for sheet in inspection.sheets:                     # kind None = not imported; mapping col → field
        print(sheet.name, sheet.kind, sheet.mapping)    # labels: importer.FIELD_LABELS[field] = (zh, en)
    inspection = importer.with_mapping(inspection, "Sheet1", {0: "name", 1: "phone"}, kind="patients")
    plan = importer.plan_import(db, inspection)        # validates every row; writes nothing
    plan.created, plan.updated, plan.skipped, plan.issues   # RowIssue(sheet, row, field, zh, en, skipped)
    summary = importer.run_import(db, plan, progress=lambda done, total: ...)   # one transaction
    summary.to_json()                                   # PRODUCT §8 import JSON
    plan.as_is, plan.noted, plan.skipped                # rows: as is + with notes + skipped = plan.rows
    importer.write_issues_xlsx(plan.issues, "问题.xlsx")
    importer.write_problem_rows(plan, "问题行.xlsx")     # the rows themselves + a reason: fix, import again
    services.metrics.recompute(db, date.today())       # the caller's job, after the import

    info = importer.last_import(db)                     # ImportBatchInfo | None; .can_undo, .reason_zh
    importer.undo_last_import(db)                       # ImportRefused (.zh/.en) when it cannot

``run_import`` plans again inside its write transaction (so nothing that changed between the preview and
the click is overwritten blindly) and records a batch for undo. It raises :class:`ImportRefused` when no
sheet can be imported. It does not recompute metrics: the UI does that in the background afterwards.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from clinic_desktop.core.cell_values import cell_text
from clinic_desktop.db.bulk import gc_paused, write_transaction
from clinic_desktop.db.engine import driver_connection
from clinic_desktop.io.table_reader import (
    MAX_PATIENT_ROWS,
    FileRejected,
    find_header_row,
    read_table_file,
    too_many_patients,
)
from clinic_desktop.services.backup import backup_before
from clinic_desktop.services.database import Database
from clinic_desktop.services.importing.apply import apply_plan
from clinic_desktop.services.importing.mapping import (
    FIELD_LABELS,
    SHEET_FIELDS,
    SHEET_KINDS,
    SHEET_LABELS,
    all_header_variants,
    guess_kind,
    guess_mapping,
    missing_required,
)
from clinic_desktop.services.importing.plan import EXISTS_ZH, plan_with_cursor
from clinic_desktop.services.importing.problem_rows import (
    problem_row_count,
    write_issues_xlsx,
    write_problem_rows,
)
from clinic_desktop.services.importing.records import (
    ImportBatchInfo,
    ImportPlan,
    ImportRefused,
    ImportSummary,
    Inspection,
    RowIssue,
    SheetPlan,
    UndoSummary,
)
from clinic_desktop.services.importing.rows import blank_row as _blank_row
from clinic_desktop.services.importing.sheet_parts import check_parts, continued_from
from clinic_desktop.services.importing.undo import last_import, undo_last_import
from clinic_desktop.services.importing.workbook_export import (
    ExportSummary,
    export_workbook,
    write_template,
)

__all__ = [
    "FIELD_LABELS",
    "SHEET_FIELDS",
    "SHEET_KINDS",
    "SHEET_LABELS",
    "ExportSummary",
    "FileRejected",
    "ImportBatchInfo",
    "ImportPlan",
    "ImportRefused",
    "ImportSummary",
    "Inspection",
    "RowIssue",
    "SheetPlan",
    "UndoSummary",
    "all_rows_bad",
    "export_workbook",
    "inspect_file",
    "last_import",
    "plan_import",
    "problem_row_count",
    "run_import",
    "undo_last_import",
    "with_mapping",
    "write_issues_xlsx",
    "write_problem_rows",
    "write_template",
]

SAMPLE_ROWS = 20
Progress = Callable[[int, int], None]


def inspect_file(path: Path | str, *, encoding: str | None = None) -> Inspection:
    """Read ``path`` and guess each sheet's kind, header row and column mapping. Raises FileRejected."""
    with gc_paused():
        table = read_table_file(path, encoding=encoding)
    known = all_header_variants()
    sheets: list[SheetPlan] = []
    samples: dict[str, list[list[str]]] = {}
    patients: dict[str, int] = {}  # first sheet's name → patient rows in it and its continuations
    for data in table.sheets:
        rows = data.rows
        if not rows:
            sheets.append(SheetPlan(data.name, None, 0, [], {}, 0))
            samples[data.name] = []
            continue
        header_row = find_header_row(rows, known)
        headers = [cell_text(c) or "" for c in rows[header_row]]
        kind = guess_kind(data.name, list(headers))
        mapping = guess_mapping(kind, headers) if kind is not None else {}
        body = [r for r in rows[header_row + 1 :] if not _blank_row(r)]
        if kind == "patients":  # other sheets: Excel's row limit
            first = (continued_from(data.name) or (data.name, 1))[0]
            patients[first] = patients.get(first, 0) + len(body)
            if patients[first] > MAX_PATIENT_ROWS:
                raise too_many_patients(Path(path), first, patients[first])
        sheets.append(SheetPlan(data.name, kind, header_row, headers, mapping, len(body)))
        samples[data.name] = [[cell_text(c) or "" for c in r] for r in body[:SAMPLE_ROWS]]
    check_parts(Path(path), sheets)  # "消费 (2)" … continue "消费": whole, or refused here
    return Inspection(Path(path), table.kind, table.encoding, sheets, samples, table)


def with_mapping(
    inspection: Inspection, sheet_name: str, mapping: dict[int, str], kind: str | None = None
) -> Inspection:
    """The inspection with ``sheet_name`` mapped as the user chose (``kind`` None keeps the guessed kind;
    pass ``kind=""`` to leave the sheet out). Unknown field keys raise ValueError."""
    sheet = inspection.sheet(sheet_name)
    new_kind = sheet.kind if kind is None else (kind or None)
    if new_kind is not None and new_kind not in SHEET_KINDS:
        raise ValueError(f"unknown sheet kind: {new_kind}")
    allowed = set(SHEET_FIELDS.get(new_kind or "", ()))
    bad = sorted(set(mapping.values()) - allowed)
    if bad:
        raise ValueError(f"fields not on a {new_kind} sheet: {', '.join(bad)}")
    if len(set(mapping.values())) != len(mapping):
        raise ValueError("a field is mapped to two columns")
    changed = replace(sheet, kind=new_kind, mapping=dict(mapping))
    sheets = [changed if s.name == sheet_name else s for s in inspection.sheets]
    return replace(inspection, sheets=sheets)


def _importable(inspection: Inspection) -> Inspection:
    """Sheets whose mapping lacks a required column are left out (reported); none left → ImportRefused."""
    problems: list[str] = []
    sheets: list[SheetPlan] = []
    for sheet in inspection.sheets:
        if sheet.kind is None:
            sheets.append(sheet)
            continue
        missing = missing_required(sheet.kind, sheet.mapping.values())
        if missing:
            labels = "、".join("/".join(FIELD_LABELS[f][0] for f in m.split("/")) for m in missing)
            problems.append(f"工作表「{sheet.name}」缺少必需的列：{labels}")
            sheets.append(replace(sheet, kind=None))
        else:
            sheets.append(sheet)
    if not any(s.kind is not None and s.data_rows for s in sheets):
        detail = "；".join(problems) or "没有识别出任何可导入的工作表（需要 姓名、手机 等表头）"
        raise ImportRefused(
            f"文件“{inspection.path.name}”中没有可导入的数据：{detail}",
            f"nothing to import in “{inspection.path.name}”: no sheet with recognised headers and data rows",
        )
    return replace(inspection, sheets=sheets)


def all_rows_bad(plan: ImportPlan) -> RowIssue | None:
    """The first problem when not one row of the file could be imported (and none merely exists already):
    such a file is refused as a whole instead of "importing" nothing."""
    if plan.created or plan.updated or plan.unchanged:
        return None
    skipped = [i for i in plan.issues if i.skipped]
    if not skipped or any(i.zh.startswith(EXISTS_ZH) for i in skipped):
        return None
    return skipped[0]


def _moment(now: datetime | None) -> tuple[date, datetime]:
    now = now or datetime.now().replace(microsecond=0)
    return now.date(), now


def plan_import(db: Database, inspection: Inspection, *, now: datetime | None = None) -> ImportPlan:
    """Validate every row and match patients; writes nothing. Raises ImportRefused if nothing importable."""
    today, moment = _moment(now)
    usable = _importable(inspection)
    raw = db.engine.raw_connection()
    try:
        cur = driver_connection(raw).cursor()
        try:
            with gc_paused():
                plan = plan_with_cursor(cur, usable, today, moment)
        finally:
            cur.close()
    finally:
        raw.close()
    return replace(plan, inspection=inspection)


def run_import(
    db: Database,
    plan: ImportPlan | Inspection,
    *,
    progress: Progress | None = None,
    now: datetime | None = None,
    accept: Callable[[ImportPlan], None] | None = None,
) -> ImportSummary:
    """Import in ONE transaction (all or nothing), re-planned under the write lock; audited; undoable;
    after a verified safety backup (:func:`~clinic_desktop.services.backup.backup_before`).

    A plan that would change nothing writes nothing and returns ``batch_id`` 0. ``accept(plan)`` sees the
    final plan before anything is written; raising there rolls back (the CLI refuses a file whose every
    row is bad this way, without planning twice).
    """
    started = time.perf_counter()
    inspection = plan.inspection if isinstance(plan, ImportPlan) else plan
    today, moment = _moment(now)
    usable = _importable(inspection)
    backup_before(db, "import")  # a verified copy first; BackupError (nothing imported) if it fails
    # CHECK (x IN (…)) constraints are skipped: every enumerated value the planner writes comes from
    # import_codes, so it is already known to be valid.
    with write_transaction(db.engine, bulk=True, codes_checked=True) as cur:
        fresh = plan_with_cursor(cur, usable, today, moment)
        if accept is not None:
            accept(fresh)
        batch_id = 0
        if fresh.inserts or fresh.updated or fresh.work.tag_links:
            batch_id = apply_plan(cur, fresh, inspection.path.name, progress, access=db.access)
    return ImportSummary(
        batch_id=batch_id,
        rows=fresh.rows,
        created=fresh.created,
        updated=fresh.updated,
        skipped=fresh.skipped,
        issues=fresh.issues,
        seconds=round(time.perf_counter() - started, 3),
        unchanged=fresh.unchanged,
        inserts=fresh.inserts,
        as_is=fresh.as_is,
        noted=fresh.noted,
    )
