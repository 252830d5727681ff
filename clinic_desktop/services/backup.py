"""Back up and restore the clinic database file (PRODUCT §8 ``backup`` / ``restore``).

Why the SQLite backup API and not a file copy: the app keeps the database in WAL mode, so recent
transactions may live in ``clinic.db-wal`` and a plain copy of ``clinic.db`` would silently miss them.
``sqlite3.Connection.backup`` produces one consistent, self-contained file even while the app is open.

A restore is the most dangerous thing an owner can do, so it checks before it touches anything: the file
must be a SQLite database, pass ``PRAGMA integrity_check``, carry our schema (an ``alembic_version`` this
build knows — an older one is migrated after the restore; a newer one is refused) and hold a
``patients`` table. Only then is the current database copied aside (``…backup-before-restore-….db``)
and replaced. A refused file changes nothing.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from clinic_desktop.core.bilingual import BilingualError
from clinic_desktop.db.migrate import backup_file
from clinic_desktop.db.schema_version import KNOWN_REVISIONS

__all__ = ["BackupError", "BackupResult", "RestoreResult", "backup_database", "restore_database"]

_SQLITE_MAGIC = b"SQLite format 3\x00"


class BackupError(BilingualError):
    """A backup or restore that cannot be done; ``str()`` is the Chinese message, ``.en`` the English."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    patients: int
    size_bytes: int


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    safety_copy: Path | None
    patients: int


def default_backup_path(db_path: Path, now: datetime | None = None) -> Path:
    """``<data dir>/backups/clinic-20261122-153000.db`` — beside the database, never inside a temp dir."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return db_path.parent / "backups" / f"{db_path.stem}-{stamp}.db"


def _count_patients(path: Path) -> int:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM patients").fetchone()[0])


def backup_database(db_path: Path, out: Path | None = None) -> BackupResult:
    """Write a consistent copy of ``db_path`` to ``out`` (default :func:`default_backup_path`)."""
    db_path = Path(db_path)
    if not db_path.is_file():
        raise BackupError(f"找不到数据库文件：{db_path}", f"Database file not found: {db_path}")
    target = Path(out) if out is not None else default_backup_path(db_path)
    if target.resolve() == db_path.resolve():
        raise BackupError("备份文件不能与数据库是同一个文件。", "The backup cannot be the database itself.")
    if target.exists():
        raise BackupError(f"文件已存在，不会覆盖：{target}", f"File exists, not overwritten: {target}")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    try:
        with closing(sqlite3.connect(db_path)) as src, closing(sqlite3.connect(partial)) as dst:
            src.execute("PRAGMA busy_timeout=10000")
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(target, _count_patients(target), target.stat().st_size)


def check_backup_file(source: Path) -> int:
    """Refuse anything but a healthy clinic database this build can open; returns its patient count."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"找不到备份文件：{source}", f"Backup file not found: {source}")
    with source.open("rb") as fh:
        if fh.read(16) != _SQLITE_MAGIC:
            raise BackupError(
                f"{source.name} 不是私域助手的备份文件（不是 SQLite 数据库）。",
                f"{source.name} is not a clinic_desktop backup (not an SQLite database).",
            )
    try:
        with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as conn:
            status = conn.execute("PRAGMA integrity_check").fetchone()[0]
            if status != "ok":
                raise BackupError(
                    f"备份文件已损坏（{status}），未恢复。",
                    f"The backup is damaged ({status}); nothing restored.",
                )
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not {"alembic_version", "patients"} <= tables:
                raise BackupError(
                    f"{source.name} 不是私域助手的数据库。",
                    f"{source.name} is not a clinic_desktop database.",
                )
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if revision is None or revision[0] not in KNOWN_REVISIONS:
                raise BackupError(
                    "该备份来自更新版本的私域助手，请先升级软件再恢复。",
                    "This backup was made by a newer version of the app; upgrade before restoring it.",
                )
            return int(conn.execute("SELECT COUNT(*) FROM patients").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"无法读取备份文件：{exc}", f"Cannot read the backup file: {exc}") from None


def restore_database(source: Path, db_path: Path) -> RestoreResult:
    """Replace ``db_path`` with ``source`` after checking it; the current file is copied aside first.

    The caller must have closed every connection to ``db_path`` (the CLI opens none; the GUI restarts
    its window on the restored file).
    """
    source, db_path = Path(source), Path(db_path)
    if db_path.exists() and source.resolve() == db_path.resolve():
        raise BackupError("不能用数据库自身来恢复。", "Cannot restore a database from itself.")
    patients = check_backup_file(source)
    safety = backup_file(db_path, "before-restore") if db_path.exists() else None
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with (
        closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as src,
        closing(sqlite3.connect(db_path)) as dst,
    ):
        dst.execute("PRAGMA busy_timeout=10000")
        src.backup(dst)
    return RestoreResult(source, safety, patients)
