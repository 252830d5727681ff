"""Write an import plan: bulk inserts and grouped updates on the raw connection, inside the caller's
transaction, plus the record of every inserted or updated row that makes "undo last import" possible.

Plain ``executemany`` on tuples, never ORM objects per row: 50,000 patients must import in seconds.
Foreign keys are checked at COMMIT (``PRAGMA defer_foreign_keys``) because a patient may name a referrer
that appears later in the same file; a dangling reference still fails the whole import.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from clinic_desktop.core.access import Access
from clinic_desktop.db.bulk import insert_rows
from clinic_desktop.services.audit import insert_audit
from clinic_desktop.services.importing.db_state import IMPORT_TABLES, INSERT_COLUMNS
from clinic_desktop.services.importing.records import ImportPlan, Work

__all__ = ["apply_plan"]

_CHUNK = 5_000

Progress = Callable[[int, int], None]


def _insert(cur: sqlite3.Cursor, table: str, rows: list[tuple[Any, ...]]) -> None:
    """Insert ``rows`` (tuples in ``INSERT_COLUMNS[table]`` order) with the columns that hold one and the
    same ``NULL`` or integer in every row written into the statement instead of bound per row.

    Why: binding is most of the cost of a bulk insert in the ``sqlite3`` module, and most of a new
    patient's 33 columns are the same for everyone (the flags' 0, the columns the file does not have):
    a 50,000-row sheet binds 14 values a row instead of 33, and its insert takes half the time. Only
    ``NULL`` and plain integers become literals (written by ``str``, never from text), so what is stored
    is exactly what binding stores: the column's affinity applies to a literal as to a parameter.
    """
    columns = INSERT_COLUMNS[table]
    if len(rows) < 2:
        insert_rows(cur, table, columns, rows)
        return
    by_column = list(zip(*rows, strict=True))
    literals: dict[int, str] = {}
    for index, values in enumerate(by_column):
        first = values[0]
        if first is None:
            if values.count(None) == len(values):
                literals[index] = "NULL"
        elif type(first) is int and values.count(first) == len(values) and set(map(type, values)) == {int}:
            literals[index] = str(first)
    if not literals:
        insert_rows(cur, table, columns, rows)
        return
    bound = [i for i in range(len(columns)) if i not in literals]
    values_sql = ", ".join(literals.get(i, "?") for i in range(len(columns)))
    cur.executemany(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({values_sql})",
        zip(*(by_column[i] for i in bound), strict=True) if bound else [()] * len(rows),
    )


def _update(
    cur: sqlite3.Cursor, table: str, updates: list[tuple[int, dict[str, Any], dict[str, Any]]]
) -> None:
    """One ``executemany`` per set of changed columns (a handful of shapes for thousands of rows)."""
    groups: dict[tuple[str, ...], list[tuple[Any, ...]]] = defaultdict(list)
    for row_id, changes, _ in updates:
        columns = tuple(sorted(changes))
        groups[columns].append((*(changes[c] for c in columns), row_id))
    for columns, params in groups.items():
        assignments = ", ".join(f"{c} = ?" for c in columns)
        cur.executemany(f"UPDATE {table} SET {assignments} WHERE id = ?", params)


def _drop_indexes(cur: sqlite3.Cursor, table: str, adding: int) -> list[str]:
    """Drop ``table``'s plain indexes when the import at least doubles it; returns the CREATE statements.

    Building an index once over all rows is several times cheaper than updating it row by row — but only
    when most rows are new: rebuilding the index of a 100,000-patient table to add 500 would cost more.
    Unique indexes (the phone) stay: they are what keeps the data right.
    """
    existing = int(cur.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
    if adding < 1_000 or adding < existing:
        return []
    indexes = cur.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL"
        " AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name",
        (table,),
    ).fetchall()
    for name, _ in indexes:
        cur.execute(f'DROP INDEX "{name}"')
    return [sql for _, sql in indexes]


def apply_plan(
    cur: sqlite3.Cursor,
    plan: ImportPlan,
    file_name: str,
    progress: Progress | None = None,
    *,
    access: Access | None = None,
) -> int:
    """Write ``plan`` (its ``work``) through ``cur``; returns the new import batch id.

    The caller owns the transaction (``BEGIN IMMEDIATE`` … ``COMMIT``) so planning and writing see one
    state of the database. ``access`` (the database's) names the acting role in the audit row.
    """
    access = access or Access()
    work: Work = plan.work
    cur.execute("PRAGMA defer_foreign_keys = ON")
    cur.execute(
        "INSERT INTO import_batches (file_name, rows, created, updated, skipped) VALUES (?, ?, ?, ?, ?)",
        (file_name[:260], plan.rows, plan.created, plan.updated, plan.skipped),
    )
    batch_id = cur.lastrowid
    if batch_id is None:  # pragma: no cover - an INSERT always sets it
        raise RuntimeError("import_batches: no id for the new batch")
    total = sum(len(r) for r in work.inserts.values()) + sum(len(u) for u in work.updates.values())
    total += len(work.tag_links) + len(work.new_tag_links)
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, total)

    changes: list[tuple[int, str, int, str, str | None]] = []
    for table in IMPORT_TABLES:  # parents before children
        rows = work.inserts.get(table, [])
        if not rows:
            continue
        rebuild = _drop_indexes(cur, table, len(rows))
        for start in range(0, len(rows), _CHUNK):
            chunk = rows[start : start + _CHUNK]
            _insert(cur, table, chunk)
            step(len(chunk))
        for sql in rebuild:
            cur.execute(sql)
        # The new ids are exactly those above the largest id before the import (the plan numbered them
        # from there, under the write lock): one set-based statement records them all.
        cur.execute(
            "INSERT INTO import_changes (batch_id, table_name, row_id, action)"
            f" SELECT ?, ?, id, 'insert' FROM {table} WHERE id >= ?",
            (batch_id, table, min(row[0] for row in rows)),
        )
    for table, updates in work.updates.items():
        if updates:
            _update(cur, table, updates)
            changes.extend(
                (batch_id, table, row_id, "update", json.dumps(before, ensure_ascii=False))
                for row_id, _, before in updates
            )
            step(len(updates))
    links = work.new_tag_links + work.tag_links
    if links:
        cur.executemany(
            "INSERT OR IGNORE INTO patient_tags (patient_id, tag_id, created_at)"
            " VALUES (?, ?, CURRENT_TIMESTAMP)",
            links,
        )
        # links on patients that existed are undone one by one; a new patient's links go with the patient
        changes.extend(
            (batch_id, "patient_tags", pid, "insert", json.dumps({"tag_id": tid}))
            for pid, tid in work.tag_links
        )
        step(len(links))
    cur.executemany(
        "INSERT INTO import_changes (batch_id, table_name, row_id, action, before) VALUES (?, ?, ?, ?, ?)",
        changes,
    )
    detail: dict[str, object] = {
        "batch_id": batch_id,
        "file": file_name,
        "rows": plan.rows,
        "created": plan.created,
        "updated": plan.updated,
        "skipped": plan.skipped,
        "inserts": plan.inserts,
        "as_is": plan.as_is,
        "noted": plan.noted,
    }
    if work.flag_changes:
        detail["contact_flags"] = dict(sorted(work.flag_changes.items()))
    insert_audit(cur, access, "import", detail)
    return batch_id
