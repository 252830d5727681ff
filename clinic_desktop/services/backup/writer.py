"""Writing a backup: SQLite's backup API into a private temporary file, verified, then renamed into place.

Why the backup API and not a file copy: the database runs in WAL mode, so recent transactions may live in
``clinic.db-wal``; a plain copy of ``clinic.db`` would silently miss them (or copy a torn page while the app
writes). The backup API copies one consistent snapshot, even while the app is open.

Why verify: the backup API copies pages as they are, so a database with a damaged page backs up "fine"
into a damaged copy — and a backup nobody can restore is worse than none, because it is trusted. Each
copy must pass ``integrity_check`` and ``foreign_key_check``, and hold exactly the rows the source held in
the snapshot it was copied from; otherwise it is deleted and the reason raised (and if the source itself
is damaged, that is what the message says).

Ordering, so a committed backup is never reported as failed and a failed one leaves nothing: copy →
verify → rename (the backup now exists) → rotate. Rotation after the rename is best-effort: its failure
is logged, never turned into "backup failed". The audit row is written by the caller
(:mod:`clinic_desktop.services.autobackup`), after the copy exists.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from clinic_desktop.core.bilingual import BilingualError
from clinic_desktop.db.engine import is_busy
from clinic_desktop.io.private_files import PrivateTemp, private_dir
from clinic_desktop.services.backup.folder import new_backup_path, rotate
from clinic_desktop.services.backup.health import Health, check_file, table_counts

__all__ = [
    "BackupError",
    "BackupResult",
    "OpenDatabase",
    "open_source",
    "backup_before",
    "backup_database",
]

log = logging.getLogger(__name__)


class BackupError(BilingualError):
    """A backup or restore that cannot be done; ``str()`` is the Chinese message, ``.en`` the English.
    ``kind`` says why (``source_damaged``, ``copy_failed``, ``exists``, ``not_found`` …)."""

    def __init__(self, zh: str, en: str, kind: str = "refused") -> None:
        super().__init__(zh, en)
        self.kind = kind


class OpenDatabase(Protocol):
    """What a backup needs of an open database (``services.database.Database`` has it)."""

    @property
    def path(self) -> Path: ...

    @property
    def engine(self) -> Engine: ...

    @property
    def sessions(self) -> sessionmaker[Session]: ...


@dataclass(frozen=True)
class BackupResult:
    path: Path
    patients: int
    size_bytes: int
    reason: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    #: older backups rotation deleted after this one was written
    rotated: tuple[Path, ...] = ()


def open_source(db_path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{db_path.absolute().as_uri()}?mode=rw", uri=True, isolation_level=None)
    conn.execute("PRAGMA busy_timeout=10000")
    return conn


def _copy(db_path: Path, temp: Path) -> dict[str, int]:
    """Copy one snapshot of ``db_path`` into ``temp``; returns the source's row counts *in that snapshot*
    (the backup API reads through the source connection's open read transaction)."""
    with closing(open_source(db_path)) as src, closing(sqlite3.connect(temp)) as dst:
        src.execute("BEGIN")
        try:
            counts = table_counts(src)
            dst.execute("PRAGMA journal_mode=OFF")  # no -journal beside the temporary file
            dst.execute("PRAGMA synchronous=OFF")  # PrivateTemp fsyncs the finished file once
            src.backup(dst)
        finally:
            src.execute("ROLLBACK")
        dst.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file, not WAL
    return counts


def _refusal(health: Health, what_zh: str, what_en: str) -> BackupError:
    return BackupError(f"{health.zh}；{what_zh}", f"{health.en}; {what_en}", "source_damaged")


def backup_database(db_path: Path, out: Path | None = None, *, reason: str = "") -> BackupResult:
    """A verified copy of the database file ``db_path`` at ``out`` (default: a new name in its backup
    folder, then rotation). Raises :class:`BackupError`; on any failure no file is left behind."""
    started = time.monotonic()
    db_path = Path(db_path)
    source = check_file(db_path, full=False, deadline_s=0.0)  # header, schema: cheap, before writing
    if source.kind in {"missing", "folder", "empty", "not_sqlite", "foreign", "newer", "unreadable"}:
        raise BackupError(f"{source.zh}；未备份。", f"{source.en}; nothing backed up.", source.kind)
    target = Path(out) if out is not None else new_backup_path(db_path, reason)
    if target.exists() and target.resolve() == db_path.resolve():
        raise BackupError("备份文件不能与数据库是同一个文件。", "The backup cannot be the database itself.")
    if target.exists():
        raise BackupError(
            f"文件已存在，不会覆盖：{target}", f"File exists, not overwritten: {target}", "exists"
        )
    if target.is_dir():  # pragma: no cover - exists() above
        raise BackupError(f"{target} 是一个文件夹", f"{target} is a folder", "exists")
    private_dir(target.parent)
    with PrivateTemp(target, durable=True) as temp:
        try:
            counts = _copy(db_path, temp)
        except sqlite3.DatabaseError as exc:
            if is_busy(exc):
                raise BackupError(
                    "数据库正忙（另一个程序正在写入），未备份；请稍后再试。",
                    "The database is busy (another program is writing); nothing backed up. Try again.",
                    "busy",
                ) from None
            raise _refusal(
                Health(
                    db_path, "damaged", f"{db_path.name} 已损坏：{exc}", f"{db_path.name} is damaged: {exc}"
                ),
                "未备份。",
                "nothing backed up.",
            ) from None
        copy = check_file(temp, full=True)
        if not copy.ok or copy.counts != counts:
            source = check_file(db_path, full=True)
            if not source.ok:
                raise _refusal(
                    source,
                    "未备份。请用“检查数据库”查看，或从较早的备份恢复。",
                    "nothing backed up. Run the database check, or restore an earlier backup.",
                )
            raise BackupError(
                f"备份副本校验失败（{copy.zh}），已删除；请检查备份文件夹所在磁盘。",
                f"The copy failed verification ({copy.en}) and was deleted; check the backup folder's disk.",
                "copy_failed",
            )
    rotated: tuple[Path, ...] = ()
    if out is None:
        try:
            rotated = tuple(rotate(db_path, protect=(target,)))
        except OSError:  # pragma: no cover - rotation is housekeeping; the backup itself is done
            log.warning("backup rotation failed", exc_info=True)
    return BackupResult(
        target,
        counts.get("patients", 0),
        target.stat().st_size,
        reason,
        counts,
        round(time.monotonic() - started, 3),
        rotated,
    )


def backup_before(db: OpenDatabase, reason: str) -> BackupResult | None:
    """The automatic safety copy taken before a risky operation — import, merge, restore, erase, undo.

    Call it first thing, outside any transaction; if it raises :class:`BackupError`, do not go on (the
    message says why: a damaged database, a full or missing backup folder …). ``reason`` is the
    operation (``"import"``, ``"erase"`` …); the copy is named ``…-before-<reason>.db`` and kept by
    rotation among the newest safety copies. An empty clinic (no patients) has nothing to lose: no copy,
    ``None``.

    Not audited here: a refused operation must write nothing, so the operation names the copy in its own
    audit row (``"backup": result.path.name``), written with it or not at all.
    """
    with closing(open_source(db.path)) as conn:
        if not conn.execute("SELECT EXISTS (SELECT 1 FROM patients)").fetchone()[0]:
            return None
    result = backup_database(db.path, reason=f"before-{reason}")
    log.info("safety backup before %s: %s (%.2f s)", reason, result.path.name, result.seconds)
    return result
