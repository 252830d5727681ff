"""Undo the last import: delete what it inserted, put back what it changed — in one transaction, audited.

Only the most recent import can be undone, and only once: undoing an older one would have to unpick
everything imported after it. Undo is refused when it would destroy work done *after* the import on the
records it created — a visit typed in for an imported patient, an outcome logged from a call list, a
visit booked under a treatment the import added — because those rows would silently go with the
patient (foreign keys cascade). The reason names the count, so the receptionist can decide to fix the
data by hand instead. Profile fields the import changed are restored to their values before the import,
even if someone edited them since (the import report said what it changed).

Metrics are not recomputed here; the caller does that afterwards, as after an import.
"""

from __future__ import annotations

import json
import sqlite3
import time
from datetime import datetime
from typing import Any

from clinic_desktop.db.bulk import write_transaction
from clinic_desktop.db.engine import driver_connection
from clinic_desktop.db.models import referring_columns
from clinic_desktop.services.database import Database
from clinic_desktop.services.importing.db_state import IMPORT_TABLES
from clinic_desktop.services.importing.records import ImportBatchInfo, ImportRefused, UndoSummary

__all__ = ["last_import", "undo_last_import"]

#: tables whose rows would go with an imported patient or treatment (foreign keys cascade or unlink):
#: every table pointing at them, but a patient's referrals, tags and metrics — a label or a derived number
#: is not work that undo would destroy (the metrics are recomputed afterwards)
_DEPENDENTS = tuple(
    (parent, table, column)
    for parent in ("patients", "treatments")
    for table, column in referring_columns(parent)
    if table not in ("patients", "patient_tags", "patient_metrics")
)
#: children before parents
_DELETE_ORDER = tuple(reversed(IMPORT_TABLES))


def _inserted(table: str) -> str:
    return (
        "SELECT row_id FROM import_changes WHERE batch_id = :batch AND table_name = "
        f"'{table}' AND action = 'insert'"
    )


def _later_records(cur: sqlite3.Cursor, batch_id: int) -> int:
    """Rows added after the import that deleting its patients or treatments would take with them."""
    total = 0
    params = {"batch": batch_id}
    for parent, table, column in _DEPENDENTS:
        own = f" AND id NOT IN ({_inserted(table)})" if table in IMPORT_TABLES else ""
        total += int(
            cur.execute(
                f"SELECT COUNT(*) FROM {table} WHERE {column} IN ({_inserted(parent)}){own}", params
            ).fetchone()[0]
        )
    return total


def _parse_moment(value: object) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _info(cur: sqlite3.Cursor) -> ImportBatchInfo | None:
    row = cur.execute(
        "SELECT id, file_name, imported_at, rows, created, updated, undone_at FROM import_batches"
        " ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    batch_id, file_name, imported_at, rows, created, updated, undone_at = row
    undone = undone_at is not None
    later = 0 if undone else _later_records(cur, batch_id)
    reason_zh = reason_en = ""
    if undone:
        reason_zh = f"最近一次导入（{file_name}）已经撤销过了；只能撤销最近一次导入。"
        reason_en = f"The last import ({file_name}) was already undone; only the last import can be undone."
    elif later:
        reason_zh = (
            f"导入后已为导入的患者或项目新增了 {later} 条记录（消费、预约、联系记录等），撤销会一并删除它们，"
            "因此不能撤销。请手动修改数据。"
        )
        reason_en = (
            f"{later} records were added after the import to the patients or treatments it created "
            "(visits, appointments, contacts …); undoing would delete them too, so it is refused."
        )
    return ImportBatchInfo(
        batch_id=batch_id,
        file_name=file_name,
        imported_at=_parse_moment(imported_at),
        rows=rows,
        created=created,
        updated=updated,
        can_undo=not undone and later == 0,
        undone=undone,
        later_records=later,
        reason_zh=reason_zh,
        reason_en=reason_en,
    )


def last_import(db: Database) -> ImportBatchInfo | None:
    """The most recent import (undone or not), or None if nothing was ever imported."""
    raw = db.engine.raw_connection()
    try:
        cur = driver_connection(raw).cursor()
        try:
            return _info(cur)
        finally:
            cur.close()
    finally:
        raw.close()


def _restore(cur: sqlite3.Cursor, batch_id: int) -> dict[str, int]:
    restored: dict[str, int] = {}
    rows = cur.execute(
        "SELECT table_name, row_id, before FROM import_changes WHERE batch_id = ? AND action = 'update'"
        " ORDER BY id",
        (batch_id,),
    ).fetchall()
    for table, row_id, before in rows:
        values: dict[str, Any] = json.loads(before)
        columns = sorted(values)
        assignments = ", ".join(f"{c} = ?" for c in columns)
        cur.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", (*(values[c] for c in columns), row_id))
        restored[table] = restored.get(table, 0) + 1
    return restored


def undo_last_import(db: Database) -> UndoSummary:
    """Undo the most recent import; raises :class:`ImportRefused` (zh/en) when it cannot be undone."""
    started = time.perf_counter()
    with write_transaction(db.engine) as cur:
        info = _info(cur)
        if info is None:
            raise ImportRefused(
                "还没有导入过数据，没有可撤销的导入。", "Nothing has been imported; nothing to undo."
            )
        if not info.can_undo:
            raise ImportRefused(info.reason_zh, info.reason_en)
        batch_id = info.batch_id
        restored = _restore(cur, batch_id)
        links = cur.execute(
            "SELECT row_id, before FROM import_changes WHERE batch_id = ? AND table_name = 'patient_tags'",
            (batch_id,),
        ).fetchall()
        cur.executemany(
            "DELETE FROM patient_tags WHERE patient_id = ? AND tag_id = ?",
            [(pid, json.loads(before)["tag_id"]) for pid, before in links],
        )
        removed: dict[str, int] = {"patient_tags": len(links)} if links else {}
        for table in _DELETE_ORDER:
            cur.execute(f"DELETE FROM {table} WHERE id IN ({_inserted(table)})", {"batch": batch_id})
            if cur.rowcount:
                removed[table] = cur.rowcount
        cur.execute("UPDATE import_batches SET undone_at = CURRENT_TIMESTAMP WHERE id = ?", (batch_id,))
        detail = {"batch_id": batch_id, "file": info.file_name, "removed": removed, "restored": restored}
        cur.execute(
            "INSERT INTO audit_log (action, detail) VALUES ('import_undo', ?)",
            (json.dumps(detail, ensure_ascii=False, sort_keys=True),),
        )
    return UndoSummary(batch_id, removed, restored, round(time.perf_counter() - started, 3))
