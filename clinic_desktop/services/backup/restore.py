"""Restoring a backup — the most dangerous thing an owner can do, so it checks first and is all or nothing.

1. The file must pass the same checks as a fresh backup (:func:`~.health.check_file`: integrity, foreign
   keys, our schema at a revision this build knows). A 0-patient backup over a clinic with patients needs
   an explicit yes (``allow_empty``) — it is almost always the wrong file.
2. The current database is backed up first (``…-before-restore.db``, verified, rotated like the rest); if
   it is too damaged for a verified backup, a raw copy (``…-damaged.db``) is kept instead.
3. The backup is staged in a private temporary file beside the database: migrated to this version's
   schema if older, and given the *current* audit log's rows it lacks plus one ``restore`` row — so what
   was audited since the backup, and the restore itself, stay on record (the audit log is evidence; a
   restore must not rewrite history).
4. The staged file replaces the current content in one SQLite transaction (the backup API writing into
   the live database, through its write-ahead log): a crash half-way leaves the old content, never a mix.
   Only a database SQLite cannot read at all is replaced by renaming the file instead.

The GUI closes its connections first (``in_app``); from the command line, a database the app has open is
refused (:mod:`clinic_desktop.services.instance`).
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections import Counter
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from clinic_desktop.core.access import Access, Permission, Role
from clinic_desktop.db.migrate import DatabaseError, ensure_schema
from clinic_desktop.io.private_files import PrivateTemp, private_dir
from clinic_desktop.services.backup.folder import DAMAGED, new_backup_path
from clinic_desktop.services.backup.health import check_file
from clinic_desktop.services.backup.writer import BackupError, backup_database
from clinic_desktop.services.instance import is_open_elsewhere

__all__ = ["RestoreNeedsConfirmation", "RestoreResult", "restore_database"]

log = logging.getLogger(__name__)

#: a current database in one of these states cannot be written through SQLite: its file is replaced
_UNUSABLE = {"missing", "empty", "not_sqlite", "unreadable", "foreign"}


class RestoreNeedsConfirmation(BackupError):
    """The backup holds no patients while the current database does: restore only when confirmed."""

    def __init__(self, backup_patients: int, current_patients: int) -> None:
        super().__init__(
            f"这个备份里没有患者，而当前数据库有 {current_patients:,} 位患者；恢复会清空全部患者。"
            "如确定要恢复，请再次确认。",
            f"This backup holds no patients while the current database has {current_patients:,}; "
            "restoring it would remove them all. Confirm to restore anyway.",
            "needs_confirmation",
        )
        self.backup_patients = backup_patients
        self.current_patients = current_patients


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    #: the verified backup of the database as it was before (None if there was nothing to keep)
    safety_copy: Path | None
    patients: int
    #: audit rows written after the backup was taken, carried over into the restored database
    audit_rows_kept: int
    #: a raw copy of a database too damaged for a verified backup
    damaged_copy: Path | None = None


def _staged_copy(source: Path, staged: Path) -> None:
    with closing(sqlite3.connect(f"{source.absolute().as_uri()}?mode=ro", uri=True)) as src:
        with closing(sqlite3.connect(staged)) as dst:
            dst.execute("PRAGMA journal_mode=OFF")
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")


def _columns(conn: sqlite3.Connection, prefix: str = "main") -> list[str]:
    return [str(r[1]) for r in conn.execute(f"PRAGMA {prefix}.table_info(audit_log)")]


def _carry_audit(
    staged: sqlite3.Connection, current: Path | None, detail: dict[str, object], user: str
) -> int:
    """Add the current database's audit rows the staged one lacks, then the ``restore`` row."""
    kept = 0
    if current is not None:
        try:
            staged.execute("ATTACH DATABASE ? AS live", (current.absolute().as_uri(),))
        except sqlite3.DatabaseError:
            log.warning("restore: the current audit log is unreadable; only the restore itself is recorded")
        else:
            try:
                common = [c for c in _columns(staged, "live") if c != "id" and c in _columns(staged)]
                cols = ", ".join(f'"{c}"' for c in common)
                have = Counter(tuple(r) for r in staged.execute(f"SELECT {cols} FROM main.audit_log"))
                rows = []
                for row in staged.execute(f"SELECT {cols} FROM live.audit_log ORDER BY id"):
                    if have[tuple(row)] > 0:
                        have[tuple(row)] -= 1
                    else:
                        rows.append(tuple(row))
                marks = ", ".join("?" * len(common))
                staged.executemany(f"INSERT INTO main.audit_log ({cols}) VALUES ({marks})", rows)
                kept = len(rows)
            except sqlite3.DatabaseError:
                log.warning("restore: the current audit log could not be read in full", exc_info=True)
            finally:
                staged.commit()
                staged.execute("DETACH DATABASE live")
    detail["audit_rows_kept"] = kept
    staged.execute(
        "INSERT INTO audit_log (action, user, detail) VALUES ('restore', ?, ?)",
        (user, json.dumps(detail, ensure_ascii=False, sort_keys=True)),
    )
    staged.commit()
    return kept


def _keep_damaged(db_path: Path) -> Path | None:
    """A raw copy of a database too damaged for a verified backup (it may still hold what the owner
    needs): through the backup API when SQLite can read it (that includes its write-ahead log), else
    the file's bytes."""
    target = new_backup_path(db_path, DAMAGED)
    private_dir(target.parent)
    try:
        with PrivateTemp(target) as temp:
            try:
                with closing(sqlite3.connect(f"{db_path.absolute().as_uri()}?mode=ro", uri=True)) as src:
                    with closing(sqlite3.connect(temp)) as dst:
                        src.backup(dst)
            except sqlite3.DatabaseError:
                temp.write_bytes(db_path.read_bytes())
    except OSError:
        log.warning("restore: could not keep a copy of the damaged database", exc_info=True)
        return None
    return target


def _swap_in(staged: Path, db_path: Path, replace_file: bool) -> bool:
    """Make ``staged``'s content the database's, atomically. True if done through SQLite (the staged
    file is then still there to discard); False if the file must be renamed instead."""
    if replace_file:
        return False
    try:
        with (
            closing(sqlite3.connect(staged)) as src,
            closing(sqlite3.connect(db_path, isolation_level=None)) as dst,
        ):
            dst.execute("PRAGMA busy_timeout=10000")
            src.backup(dst)
            try:
                dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.DatabaseError:  # pragma: no cover - the next open checkpoints
                pass
    except sqlite3.DatabaseError:
        log.warning("restore: writing into the current database failed; replacing the file", exc_info=True)
        return False
    return True


def restore_database(
    source: Path,
    db_path: Path,
    *,
    allow_empty: bool = False,
    in_app: bool = False,
    access: Access | None = None,
    via: str = "app",
) -> RestoreResult:
    """Replace the content of ``db_path`` with the backup ``source`` (see the module's steps).

    Owner only: ``access`` (the open database's, in the app) must allow a restore — AccessDenied
    otherwise, before anything is read; the command line asks for the owner password before it calls
    this. The ``restore`` audit row names the acting role (``owner`` with roles off) and ``via``.

    Raises :class:`BackupError` — nothing changed — for a file that fails verification, a database open
    in the app (unless ``in_app``), or (:class:`RestoreNeedsConfirmation`) an empty backup over patients.
    """
    if access is not None:
        access.require(Permission.RESTORE)
    source, db_path = Path(source), Path(db_path)
    if db_path.exists() and source.resolve() == db_path.resolve():
        raise BackupError("不能用数据库自身来恢复。", "Cannot restore a database from itself.")
    backup = check_file(source, full=True)
    if not backup.ok:
        raise BackupError(f"{backup.zh}；未恢复。", f"{backup.en}; nothing restored.", backup.kind)
    if not in_app and is_open_elsewhere(db_path):
        raise BackupError(
            "数据库正在私域助手窗口中打开；请先关闭软件再恢复，或在软件里用“恢复…”。",
            "The database is open in the app; close it first, or use Restore… in the app.",
            "open_elsewhere",
        )
    current = check_file(db_path, full=False, deadline_s=0.0) if db_path.exists() else None
    current_patients = current.patients if current is not None else 0
    if backup.patients == 0 and current_patients > 0 and not allow_empty:
        raise RestoreNeedsConfirmation(backup.patients, current_patients)

    safety = damaged = None
    if current is not None and current.kind not in {"empty", "not_sqlite", "foreign"}:
        try:
            safety = backup_database(db_path, reason="before-restore").path
        except BackupError as exc:
            if exc.kind not in {"source_damaged", "unreadable"}:
                raise
            damaged = _keep_damaged(db_path)
    replace_file = current is None or current.kind in _UNUSABLE
    detail: dict[str, object] = {
        "from": str(source.resolve()),
        "patients": backup.patients,
        "safety_copy": str(safety or damaged or ""),
    }
    if via != "app":
        detail["via"] = via
    user = access.role.value if access is not None else Role.OWNER.value
    private_dir(db_path.parent)
    temp = PrivateTemp(db_path)
    with temp as staged:
        _staged_copy(source, staged)
        try:
            ensure_schema(staged, create=False, backup=lambda _path, _revision: None)
        except DatabaseError as exc:
            raise BackupError(
                f"备份无法升级到当前版本：{exc}", f"The backup cannot be upgraded: {exc}"
            ) from exc
        with closing(sqlite3.connect(staged.absolute().as_uri(), uri=True)) as conn:  # URIs in ATTACH
            kept = _carry_audit(conn, None if replace_file else db_path, detail, user)
        verified = check_file(staged, full=False)
        if not verified.ok:  # pragma: no cover - it was verified a moment ago as a backup
            raise BackupError(f"{verified.zh}；未恢复。", f"{verified.en}; nothing restored.", verified.kind)
        if _swap_in(staged, db_path, replace_file):
            temp.discard()  # the content is in the database now
        elif current is not None and current.ok and damaged is None:
            # a healthy database SQLite would not write into (its transaction rolled back): never pull the
            # file from under whoever may have it open
            raise BackupError(
                "无法写入当前数据库，未恢复（数据库未改动）。",
                "Could not write the current database; nothing restored.",
            )
        else:
            for suffix in ("-wal", "-shm"):  # a dead database's log must not be replayed onto the new one
                Path(f"{db_path}{suffix}").unlink(missing_ok=True)
            # leaving the block renames the staged file onto the database
    return RestoreResult(source, safety, backup.patients, kept, damaged)
