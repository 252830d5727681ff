"""Undo the last import: delete what it inserted, put back what it changed — in one transaction, audited.

Only the most recent import can be undone, and only once: undoing an older one would have to unpick
everything imported after it.

What was *made from* the import goes with it: the call-list rows built for the patients it created, and
the contact-log rows recorded from those rows (outcomes marked on the list or read back from the printed
file). People build a list, export it and mark a few outcomes before noticing that the file was the
wrong one; the confirmation names these counts (:meth:`ImportBatchInfo.goes_with`), and a list left with
no rows is removed with them. Records *typed in by hand* on what the import created — a visit or a
contact entered for an imported patient, an appointment, a visit under a treatment the import added —
still refuse the undo, because those rows would silently go with the patient (foreign keys cascade);
the reason names them, so the receptionist can decide to fix the data by hand instead. Profile fields
the import changed are restored to their values before the import, even if someone edited them since
(the import report said what it changed).

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
from clinic_desktop.services.audit import insert_audit
from clinic_desktop.services.backup import backup_before
from clinic_desktop.services.database import Database
from clinic_desktop.services.importing.db_state import IMPORT_TABLES
from clinic_desktop.services.importing.records import ImportBatchInfo, ImportRefused, UndoSummary

__all__ = ["last_import", "undo_last_import"]

#: tables whose rows would go with an imported patient or treatment (foreign keys cascade or unlink):
#: every table pointing at them, but a patient's referrals, tags and metrics — a label or a derived number
#: is not work that undo would destroy (the metrics are recomputed afterwards) — and the call-list rows,
#: which were made from the import and go with it
_DEPENDENTS = tuple(
    (parent, table, column)
    for parent in ("patients", "treatments")
    for table, column in referring_columns(parent)
    if table not in ("patients", "patient_tags", "patient_metrics", "call_list_rows")
)
#: what the refusal calls the rows typed in by hand
_TABLE_WORDS: dict[str, tuple[str, str]] = {
    "visits": ("消费", "visits"),
    "surveys": ("满意度", "surveys"),
    "interactions": ("互动", "interactions"),
    "appointments": ("预约", "appointments"),
    "contacts": ("联系记录", "contacts"),
}
#: contact-log rows recorded from a call-list row (not typed in by hand): they go with the import
_FROM_A_LIST = " AND call_list_row_id IS NULL"
#: children before parents
_DELETE_ORDER = tuple(reversed(IMPORT_TABLES))


def _inserted(table: str) -> str:
    return (
        "SELECT row_id FROM import_changes WHERE batch_id = :batch AND table_name = "
        f"'{table}' AND action = 'insert'"
    )


def _later_records(cur: sqlite3.Cursor, batch_id: int) -> dict[str, int]:
    """Rows typed in by hand after the import that deleting its patients or treatments would take with
    them, per table (contacts recorded from a call-list row are not among them: they go with it)."""
    found: dict[str, int] = {}
    params = {"batch": batch_id}
    for parent, table, column in _DEPENDENTS:
        own = f" AND id NOT IN ({_inserted(table)})" if table in IMPORT_TABLES else ""
        by_hand = _FROM_A_LIST if table == "contacts" else ""
        count = int(
            cur.execute(
                f"SELECT COUNT(*) FROM {table} WHERE {column} IN ({_inserted(parent)}){own}{by_hand}", params
            ).fetchone()[0]
        )
        if count:
            found[table] = found.get(table, 0) + count
    return found


def _made_from(cur: sqlite3.Cursor, batch_id: int) -> tuple[int, int, int]:
    """(call-list rows of the imported patients, lists holding them, contact-log rows recorded from
    those rows): what undo removes with the import."""
    params = {"batch": batch_id}
    rows, lists = cur.execute(
        "SELECT COUNT(*), COUNT(DISTINCT call_list_id) FROM call_list_rows"
        f" WHERE patient_id IN ({_inserted('patients')})",
        params,
    ).fetchone()
    contacts = cur.execute(
        "SELECT COUNT(*) FROM contacts WHERE call_list_row_id IN (SELECT id FROM call_list_rows"
        f" WHERE patient_id IN ({_inserted('patients')}))",
        params,
    ).fetchone()[0]
    return int(rows), int(lists), int(contacts)


def _refusal(later: dict[str, int]) -> tuple[str, str]:
    total = sum(later.values())
    zh_parts = "、".join(f"{_TABLE_WORDS[t][0]} {n} 条" for t, n in later.items())
    en_parts = ", ".join(f"{n} {_TABLE_WORDS[t][1]}" for t, n in later.items())
    return (
        f"导入后已为导入的患者或项目手工新增了 {total} 条记录（{zh_parts}），撤销会一并删除它们，"
        "因此不能撤销。请手动修改数据。",
        f"{total} records were typed in after the import for the patients or treatments it created "
        f"({en_parts}); undoing would delete them too, so it is refused.",
    )


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
    later = {} if undone else _later_records(cur, batch_id)
    list_rows, lists, list_contacts = (0, 0, 0) if undone else _made_from(cur, batch_id)
    reason_zh = reason_en = ""
    if undone:
        reason_zh = f"最近一次导入（{file_name}）已经撤销过了；只能撤销最近一次导入。"
        reason_en = f"The last import ({file_name}) was already undone; only the last import can be undone."
    elif later:
        reason_zh, reason_en = _refusal(later)
    return ImportBatchInfo(
        batch_id=batch_id,
        file_name=file_name,
        imported_at=_parse_moment(imported_at),
        rows=rows,
        created=created,
        updated=updated,
        can_undo=not undone and not later,
        undone=undone,
        later_records=sum(later.values()),
        reason_zh=reason_zh,
        reason_en=reason_en,
        call_list_rows=list_rows,
        call_lists=lists,
        list_contacts=list_contacts,
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


def _remove_list_rows(cur: sqlite3.Cursor, batch_id: int) -> dict[str, int]:
    """Delete the call-list rows of the imported patients, the contacts recorded from them, and the lists
    they leave empty; returns the counts per table."""
    params = {"batch": batch_id}
    patients = _inserted("patients")
    lists = [
        r[0]
        for r in cur.execute(
            f"SELECT DISTINCT call_list_id FROM call_list_rows WHERE patient_id IN ({patients})", params
        )
    ]
    removed: dict[str, int] = {}
    cur.execute(
        "DELETE FROM contacts WHERE call_list_row_id IN"
        f" (SELECT id FROM call_list_rows WHERE patient_id IN ({patients}))",
        params,
    )
    if cur.rowcount:
        removed["contacts"] = cur.rowcount
    cur.execute(f"DELETE FROM call_list_rows WHERE patient_id IN ({patients})", params)
    if cur.rowcount:
        removed["call_list_rows"] = cur.rowcount
    emptied = 0
    for list_id in lists:
        cur.execute(
            "DELETE FROM call_lists WHERE id = ? AND NOT EXISTS"
            " (SELECT 1 FROM call_list_rows WHERE call_list_id = ?)",
            (list_id, list_id),
        )
        emptied += cur.rowcount
    if emptied:
        removed["call_lists"] = emptied
    return removed


def undo_last_import(db: Database) -> UndoSummary:
    """Undo the most recent import; raises :class:`ImportRefused` (zh/en) when it cannot be undone.
    A verified safety backup is taken first (``…-before-undo.db``)."""
    started = time.perf_counter()
    info = last_import(db)
    if info is not None and info.can_undo:  # otherwise the refusal below, without a copy first
        backup_before(db, "undo")
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
        removed.update(_remove_list_rows(cur, batch_id))
        for table in _DELETE_ORDER:
            cur.execute(f"DELETE FROM {table} WHERE id IN ({_inserted(table)})", {"batch": batch_id})
            if cur.rowcount:
                removed[table] = cur.rowcount
        cur.execute("UPDATE import_batches SET undone_at = CURRENT_TIMESTAMP WHERE id = ?", (batch_id,))
        detail = {"batch_id": batch_id, "file": info.file_name, "removed": removed, "restored": restored}
        insert_audit(cur, db.access, "import_undo", detail)
    return UndoSummary(batch_id, removed, restored, round(time.perf_counter() - started, 3))
