"""Erase a patient (PIPL right to deletion; PRODUCT §8 ``erase``): every row about them goes, links to
them are cut, one audit row without personal data remains.

What is "about them" is read from the schema's foreign keys (:mod:`~clinic_desktop.services.privacy.graph`),
so a table added later cannot be forgotten; a link from someone else's record (``ON DELETE SET NULL``:
another patient's referred-by, a survey that named a visit) is cut instead. A test holds every foreign
key to one of the two choices. Then the traces outside foreign keys:

* import traces — ``import_changes`` rows recorded for a doomed row (so "undo import" cannot bring them
  back) and, in other rows' saved "before" values, references to doomed rows (nulled or dropped, so an
  undo cannot point at a row that is gone);
* free text — the phone (and landline) wherever it appears (another patient's note "孩子电话 139…"),
  and the name too in the trail columns (:data:`TRAIL_COLUMNS`: audit details, import file names,
  call-list file names); in earlier audit rows the patient's id under
  :data:`~clinic_desktop.services.audit.PATIENT_KEYS` is struck out too. Other patients' notes that
  mention the *name* stay: a name is not unique, and rewriting someone else's record on a guess would
  damage it.

The erasure runs in one ``BEGIN IMMEDIATE`` transaction with ``secure_delete`` (deleted cells are
overwritten, not left in free pages), and the WAL is then checkpointed and truncated, so the file keeps
no copy. Backups taken before keep one until they rotate out — the confirmation says so.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import String, Text

from clinic_desktop.core.access import Permission
from clinic_desktop.core.bilingual import BilingualError
from clinic_desktop.core.phone import normalize_phone
from clinic_desktop.db.bulk import write_transaction
from clinic_desktop.db.engine import driver_connection
from clinic_desktop.db.models import Base
from clinic_desktop.services.audit import PATIENT_KEYS, encode_detail, insert_audit
from clinic_desktop.services.backup import backup_before
from clinic_desktop.services.database import Database
from clinic_desktop.services.privacy.fingerprint import FINGERPRINT, erased_fingerprint
from clinic_desktop.services.privacy.graph import IN_JSON, has_id, id_list, links, owned_links, reach

__all__ = [
    "REDACTED",
    "TRAIL_COLUMNS",
    "EraseError",
    "ErasePlan",
    "EraseSummary",
    "erase_patient",
    "find_by_phone",
    "plan_erase",
]

#: what replaces an erased name or phone in text that stays
REDACTED = "[已删除]"
#: text columns that record what happened (not whom a row belongs to): the erased name is struck out here
TRAIL_COLUMNS: tuple[tuple[str, str], ...] = (
    ("audit_log", "detail"),
    ("import_batches", "file_name"),
    ("call_lists", "exported_path"),
    ("call_lists", "params"),
)
#: a name shorter than this is not struck out of free text (one character matches too much)
_MIN_NAME = 2
#: a number shorter than this (a typo'd landline) is not struck out: it would hit unrelated digits
_MIN_NUMBER = 7


class EraseError(BilingualError):
    """No such patient (by id or phone); nothing was changed."""


def _text_columns() -> tuple[tuple[str, str], ...]:
    return tuple(
        (table.name, column.name)
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, String | Text)
    )


@dataclass
class ErasePlan:
    """What erasing one patient removes and changes (shown before, done by :func:`erase_patient`)."""

    patient_id: int
    name: str
    phone: str | None
    #: a landline is as much theirs as the mobile: struck out of free text the same way
    landline: str | None = None
    #: table → ids of rows that go (tables with an ``id`` key)
    doomed: dict[str, set[int]] = field(default_factory=dict)
    #: table → rows that go with a doomed row but have no id of their own (tags, metrics)
    owned: dict[str, int] = field(default_factory=dict)
    #: (child, column) → rows of others whose link is cut
    cut: dict[tuple[str, str], int] = field(default_factory=dict)
    import_traces: int = 0
    #: rows outside the patient's own whose text names them (struck out)
    redactions: int = 0

    @property
    def removed(self) -> dict[str, int]:
        """Rows removed per table, the patient's own row first."""
        counts = {t: len(ids) for t, ids in self.doomed.items() if ids} | {
            t: n for t, n in self.owned.items() if n
        }
        return dict(sorted(counts.items(), key=lambda item: (item[0] != "patients", item[0])))

    @property
    def referrals_cut(self) -> int:
        return self.cut.get(("patients", "referred_by_id"), 0)

    def to_json(self) -> dict[str, Any]:
        """The ``erase`` audit detail and the command line's summary: counts only, nobody named."""
        links = {f"{t}.{c}": n for (t, c), n in self.cut.items() if n}
        return {
            "removed": self.removed,
            "links_cut": links,
            "import_traces": self.import_traces,
            "redacted": self.redactions,
        }


@dataclass(frozen=True)
class EraseSummary:
    plan: ErasePlan
    #: the write-ahead log was checkpointed and truncated (False: another connection was reading; the
    #: overwritten pages reach the main file at the next checkpoint)
    wal_truncated: bool


def find_by_phone(db: Database, phone: str) -> int:
    """The id of the patient with this phone; :class:`EraseError` if there is none (or it is no phone)."""
    normalised = normalize_phone(phone)
    if normalised is None:
        raise EraseError(f"不是有效的手机号：{phone}", f"not a valid mobile number: {phone}")
    with db.engine.connect() as conn:
        row = conn.exec_driver_sql("SELECT id FROM patients WHERE phone = ?", (normalised,)).first()
    if row is None:
        raise EraseError(f"没有手机号为 {normalised} 的患者", f"no patient with phone {normalised}")
    return int(row[0])


def _walk(cur: sqlite3.Cursor, plan: ErasePlan) -> None:
    """Fill ``plan.doomed`` and ``plan.owned`` (:mod:`~clinic_desktop.services.privacy.graph`)."""
    plan.doomed = reach(cur, plan.patient_id)
    for link in owned_links(plan.doomed):
        count = cur.execute(
            f'SELECT COUNT(*) FROM "{link.child}" WHERE "{link.column}" {IN_JSON}',
            (id_list(plan.doomed[link.parent]),),
        )
        plan.owned[link.child] = plan.owned.get(link.child, 0) + int(count.fetchone()[0])


def _cut_links(cur: sqlite3.Cursor, plan: ErasePlan, write: bool) -> None:
    for link in links():
        if not link.cut or link.parent not in plan.doomed:
            continue
        where = f'"{link.column}" {IN_JSON}'
        params: tuple[Any, ...] = (id_list(plan.doomed[link.parent]),)
        if link.child in plan.doomed and has_id(link.child):
            where += f" AND id NOT {IN_JSON}"
            params += (id_list(plan.doomed[link.child]),)
        if write:
            n = cur.execute(
                f'UPDATE "{link.child}" SET "{link.column}" = NULL WHERE {where}', params
            ).rowcount
        else:
            n = int(cur.execute(f'SELECT COUNT(*) FROM "{link.child}" WHERE {where}', params).fetchone()[0])
        if n:
            plan.cut[(link.child, link.column)] = n


def _import_traces(cur: sqlite3.Cursor, plan: ErasePlan, write: bool) -> None:
    """Forget what imports recorded about doomed rows (the importer keys a row by its id, or — for a table
    without one, such as ``patient_tags`` — by the id of the parent its key starts with)."""
    targets: list[tuple[str, str, set[int]]] = [
        (table, "row_id", ids) for table, ids in plan.doomed.items() if has_id(table)
    ]
    for link in links():
        if link.parent in plan.doomed and not link.cut and not has_id(link.child):
            targets.append((link.child, "row_id", plan.doomed[link.parent]))
    total = 0
    for table, column, ids in targets:
        where = f"table_name = ? AND {column} {IN_JSON}"
        params = (table, id_list(ids))
        if write:
            total += cur.execute(f"DELETE FROM import_changes WHERE {where}", params).rowcount
        else:
            total += int(
                cur.execute(f"SELECT COUNT(*) FROM import_changes WHERE {where}", params).fetchone()[0]
            )
    # saved "before" values of other rows that point at a doomed row: a cut link is nulled, a followed one
    # (the row would have gone with it) drops the trace, so an undo never points at a row that is gone
    for link in links():
        if link.parent not in plan.doomed:
            continue
        path = f'$."{link.column}"'
        where = f"table_name = ? AND action = 'update' AND json_extract(before, ?) {IN_JSON}"
        found = (link.child, path, id_list(plan.doomed[link.parent]))
        if not write:
            total += int(
                cur.execute(f"SELECT COUNT(*) FROM import_changes WHERE {where}", found).fetchone()[0]
            )
        elif link.cut:
            total += cur.execute(
                f"UPDATE import_changes SET before = json_set(before, ?, NULL) WHERE {where}", (path, *found)
            ).rowcount
        else:
            total += cur.execute(f"DELETE FROM import_changes WHERE {where}", found).rowcount
    plan.import_traces = total


def _strike(value: Any, plan: ErasePlan, words: tuple[str, ...]) -> Any:
    """``value`` (a decoded audit detail) with the patient's id, name and phone struck out."""
    if isinstance(value, dict):
        if value.get("kept") == plan.patient_id and isinstance(value.get("merged"), list):
            # a merge into them: the merged records were theirs too
            value = {**value, "merged": [None for _ in value["merged"]]}
        return {
            k: (_strike_id(v, plan.patient_id) if k in PATIENT_KEYS else _strike(v, plan, words))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_strike(v, plan, words) for v in value]
    if isinstance(value, str):
        for word in words:
            value = value.replace(word, REDACTED)
    return value


def _strike_id(value: Any, patient_id: int) -> Any:
    if isinstance(value, list):
        return [None if v == patient_id else v for v in value]
    return None if value == patient_id else value


def _redact(cur: sqlite3.Cursor, plan: ErasePlan, write: bool) -> None:
    """Strike the phone out of every text that stays, and the name (and id) out of the trail columns."""
    numbers = tuple(n for n in (plan.phone, plan.landline) if n and len(n) >= _MIN_NUMBER)
    words = numbers + ((plan.name,) if len(plan.name) >= _MIN_NAME else ())
    changed = 0
    trail = set(TRAIL_COLUMNS)
    for table, column in _text_columns():
        if (table, column) == ("audit_log", "detail"):
            continue  # decoded below: ids inside the JSON, and no risk of breaking its syntax
        struck = words if (table, column) in trail else numbers
        for word in struck:
            where = f'instr("{column}", ?) > 0'
            if table in plan.doomed and has_id(table):
                where += f" AND id NOT {IN_JSON}"
                params: tuple[Any, ...] = (word, id_list(plan.doomed[table]))
            else:
                params = (word,)
            if write:
                changed += cur.execute(
                    f'UPDATE "{table}" SET "{column}" = replace("{column}", ?, ?) WHERE {where}',
                    (word, REDACTED, *params),
                ).rowcount
            else:
                changed += int(
                    cur.execute(f'SELECT COUNT(*) FROM "{table}" WHERE {where}', params).fetchone()[0]
                )
    for audit_id, text in cur.execute("SELECT id, detail FROM audit_log WHERE detail IS NOT NULL").fetchall():
        try:
            detail = json.loads(text)
        except ValueError:
            detail = text
        struck_detail = _strike(detail, plan, words)
        if struck_detail != detail:
            changed += 1
            if write:
                new = encode_detail(struck_detail) if isinstance(struck_detail, dict) else str(struck_detail)
                cur.execute("UPDATE audit_log SET detail = ? WHERE id = ?", (new, audit_id))
    plan.redactions = changed


def _delete(cur: sqlite3.Cursor, plan: ErasePlan) -> None:
    """Children before parents (the reverse of the schema's dependency order)."""
    for table in reversed(Base.metadata.sorted_tables):
        for link in links():
            if (
                link.child == table.name
                and not link.cut
                and not has_id(table.name)
                and link.parent in plan.doomed
            ):
                cur.execute(
                    f'DELETE FROM "{table.name}" WHERE "{link.column}" {IN_JSON}',
                    (id_list(plan.doomed[link.parent]),),
                )
        ids = plan.doomed.get(table.name)
        if ids:
            cur.execute(f'DELETE FROM "{table.name}" WHERE id {IN_JSON}', (id_list(ids),))


def _plan(cur: sqlite3.Cursor, patient_id: int, write: bool) -> ErasePlan:
    row = cur.execute("SELECT name, phone, landline FROM patients WHERE id = ?", (patient_id,)).fetchone()
    if row is None:
        raise EraseError(f"找不到患者（编号 {patient_id}）", f"no patient with id {patient_id}")
    plan = ErasePlan(patient_id, row[0] or "", row[1], row[2])
    _walk(cur, plan)
    _cut_links(cur, plan, write)
    _import_traces(cur, plan, write)
    _redact(cur, plan, write)
    return plan


def plan_erase(db: Database, patient_id: int) -> ErasePlan:
    """What :func:`erase_patient` would remove and change — read only (the ``erase`` command without
    ``--yes``, the confirmation dialog)."""
    db.access.require(Permission.ERASE)
    raw = db.engine.raw_connection()
    try:
        cur = driver_connection(raw).cursor()
        try:
            cur.execute("BEGIN")
            try:
                return _plan(cur, patient_id, write=False)
            finally:
                cur.execute("ROLLBACK")
        finally:
            cur.close()
    finally:
        raw.close()


def _backup_before_erase(db: Database) -> str | None:
    """An erasure cannot be undone, so a verified copy is taken first (``…-before-erase.db``) — outside
    any transaction, and a ``BackupError`` stops the erase. Its file name goes into the erase's audit row."""
    result = backup_before(db, "erase")
    return None if result is None else result.path.name


def erase_patient(db: Database, patient_id: int) -> EraseSummary:
    """Erase the patient (owner only); returns what was removed. Metrics are not recomputed here (the
    referrer's referral count changes): the caller recomputes, as after an import."""
    db.access.require(Permission.ERASE)
    backup = _backup_before_erase(db)
    with write_transaction(db.engine, secure_delete=True) as cur:
        fingerprint = erased_fingerprint(cur, patient_id)  # so a restore cannot bring them back
        plan = apply_erase(cur, patient_id)
        detail = plan.to_json() | ({"backup": backup} if backup else {})
        if fingerprint is not None:
            detail[FINGERPRINT] = fingerprint
        insert_audit(cur, db.access, "erase", detail)
    return EraseSummary(plan, truncate_wal(db))


def apply_erase(cur: sqlite3.Cursor, patient_id: int) -> ErasePlan:
    """Erase inside the caller's write transaction (no backup, no audit row): the plan, carried out."""
    plan = _plan(cur, patient_id, write=True)
    _delete(cur, plan)
    return plan


def truncate_wal(db: Database) -> bool:
    """Move every page into the database file and empty the WAL, so no copy of an erased row stays in it."""
    with db.engine.connect() as conn:
        row = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()
    return row is not None and row[0] == 0
