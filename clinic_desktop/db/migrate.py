"""Bring a database file to the schema this build writes — safely.

* A database stamped with a revision this build does not know was written by a newer version: refuse.
* Before migrating an existing database, copy the file (SQLite backup API, consistent even in WAL mode):
  the caller passes how (the app takes a verified backup into the backup folder, see
  :func:`clinic_desktop.services.backup.backup_before`); without one, a copy goes beside the file.
* A file that exists but is empty (0 bytes), is not SQLite, or holds someone else's tables is refused —
  never silently turned into a new, empty clinic.
* Alembic's transaction begins ``IMMEDIATE``: two processes starting on an old file at once take turns
  (the second then finds nothing left to do) instead of one failing with "database is locked".
* Run Alembic with foreign keys OFF (set outside any transaction, where SQLite honours it): a batch
  migration recreates tables by copy-drop-rename, and with foreign keys on, dropping ``patients`` would
  silently cascade-delete every visit, survey and contact.
* Afterwards run ``PRAGMA foreign_key_check`` and compare every table's row count with the count before;
  any difference rolls the file back from the copy and raises.

Plain :mod:`sqlite3` answers "is there anything to do?", so a normal start never imports Alembic.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from clinic_desktop.db.schema_version import HEAD_REVISION, KNOWN_REVISIONS
from clinic_desktop.paths import create_private_file, make_private_dir

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class DatabaseError(Exception):
    """A database that cannot be opened; the message is shown to the user as is."""


class NewerDatabaseError(DatabaseError):
    pass


class MigrationError(DatabaseError):
    pass


class NotADatabaseError(DatabaseError):
    """The file exists but is not (or no longer) a clinic database: empty, damaged or foreign."""


#: ``backup(path, label)`` → the copy taken before migrating ``path`` (label: the revision it is at), or
#: None when the caller needs none (a staged copy it discards on failure)
BackupHook = Callable[[Path, str], Path | None]


@dataclass
class MigrationReport:
    from_revision: str | None
    to_revision: str
    backup: Path | None = None
    row_counts: dict[str, int] = field(default_factory=dict)

    @property
    def migrated(self) -> bool:
        return self.from_revision != self.to_revision


@contextmanager
def _connect(path: Path) -> Iterator[sqlite3.Connection]:
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA busy_timeout=10000")
        yield conn


def _refuse_non_database(path: Path) -> None:
    """An existing empty file (0 bytes) SQLite would happily treat as a new database: refused before
    anything opens it — creating our tables in it would turn a damaged file into an empty clinic. (The
    size comes from ``stat``: opening and closing a database file beside SQLite would drop this
    process's SQLite locks on it; SQLite itself says whether other content is a database.)"""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DatabaseError(
            f"无法读取数据库 {path}：{exc.strerror} / cannot read database: {exc.strerror}"
        ) from exc
    if size == 0:
        raise NotADatabaseError(
            f"{path} 是空文件（0 字节），不是私域助手的数据库；未做任何修改。/ "
            f"{path} is an empty file (0 bytes), not a clinic_desktop database; nothing was changed."
        )


def _tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    return [r[0] for r in rows]


def current_revision(path: Path) -> str | None:
    """The Alembic revision stamped in ``path``; ``None`` for a new, empty file."""
    with _connect(path) as conn:
        tables = _tables(conn)
        if "alembic_version" not in tables:
            if tables:
                raise NotADatabaseError(
                    f"{path} 不是私域助手的数据库（其中已有其他数据表）。/ "
                    f"{path} is not a clinic_desktop database (it holds other tables)."
                )
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return None if row is None else str(row[0])


def row_counts(path: Path) -> dict[str, int]:
    with _connect(path) as conn:
        return {
            t: int(conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0])
            for t in _tables(conn)
            if t != "alembic_version"
        }


def backup_file(path: Path, label: str) -> Path:
    """Consistent copy of ``path`` beside it, e.g. ``clinic.backup-0001-20261122-130501.db``."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.backup-{label}-{stamp}{path.suffix or '.db'}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.backup-{label}-{stamp}-{n}{path.suffix or '.db'}")
    create_private_file(target)  # a copy of patient data is as private as the database
    with _connect(path) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    return target


def _restore(backup: Path, path: Path) -> None:
    with closing(sqlite3.connect(backup)) as src, _connect(path) as dst:
        src.backup(dst)


def _alembic_upgrade(path: Path, revision: str) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import Connection, create_engine, event

    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _connect_fk_off(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA foreign_keys=OFF")
        dbapi_connection.execute("PRAGMA busy_timeout=10000")

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")  # a migration writes: take the write lock first

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    try:
        with engine.connect() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
            conn.commit()
    finally:
        engine.dispose()


def _verify(path: Path, before: dict[str, int]) -> None:
    with _connect(path) as conn:
        problems = conn.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise MigrationError(f"迁移后外键检查失败 / foreign key check failed after migration: {problems[:5]}")
    after = row_counts(path)
    lost = {t: (n, after.get(t)) for t, n in before.items() if after.get(t) != n}
    if lost:
        raise MigrationError(f"迁移后行数不一致 / row counts changed during migration: {lost}")


def ensure_schema(
    path: Path, *, create: bool = True, target: str = HEAD_REVISION, backup: BackupHook | None = None
) -> MigrationReport:
    """Create or migrate ``path`` to ``target`` (the head by default). Raises :class:`DatabaseError`.

    ``backup(path, revision)`` takes the copy made before an existing file is migrated (default: a copy
    beside the file)."""
    path = Path(path)
    if not path.exists():
        if not create:
            raise DatabaseError(f"找不到数据库文件：{path} / database not found: {path}")
        make_private_dir(path.parent)
        try:
            create_private_file(path)  # patient data: private to the OS user from the first byte
        except FileExistsError:
            pass  # created meanwhile (another instance): read below like any existing file
    elif path.is_dir():
        raise DatabaseError(f"{path} 是一个文件夹，不是数据库文件 / {path} is a folder, not a database file")
    else:
        _refuse_non_database(path)
    try:
        revision = current_revision(path)
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc):
            raise NotADatabaseError(
                f"{path} 不是私域助手的数据库（不是 SQLite 文件，或文件头已损坏）；未做任何修改。/ "
                f"{path} is not a clinic_desktop database (not an SQLite file, or a damaged header); "
                "nothing was changed."
            ) from exc
        raise NotADatabaseError(
            f"无法读取数据库 {path}：{exc}；未做任何修改。/ cannot read database: {exc}; nothing was changed."
        ) from exc
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise NewerDatabaseError(
            f"此数据库由更新版本的私域助手创建（版本 {revision}），请升级软件后再打开。/ "
            f"This database was written by a newer version of the app (schema {revision}); please upgrade."
        )
    report = MigrationReport(from_revision=revision, to_revision=target)
    if revision == target:
        return report
    if revision is not None and KNOWN_REVISIONS.index(revision) > KNOWN_REVISIONS.index(target):
        raise MigrationError(f"不能降级数据库 {revision} → {target} / refusing to downgrade")
    before = row_counts(path) if revision is not None else {}
    if revision is not None:
        report.backup = (backup or backup_file)(path, revision)
    try:
        _alembic_upgrade(path, target)
        _verify(path, before)
        if revision is not None:
            fill_search_keys(path)
    except Exception as exc:
        if report.backup is not None:
            _restore(report.backup, path)
        if isinstance(exc, DatabaseError):
            raise
        raise MigrationError(
            f"数据库升级失败，已从备份恢复 / migration failed and was rolled back: {exc}"
        ) from exc
    report.row_counts = row_counts(path)
    return report


def fill_search_keys(path: Path) -> int:
    """Compute pinyin keys for patients that have none (rows written before revision 0002)."""
    from clinic_desktop.core.pinyin_keys import search_keys

    with _connect(path) as conn:
        if "pinyin_full" not in {r[1] for r in conn.execute("PRAGMA table_info(patients)")}:
            return 0
        rows = conn.execute("SELECT id, name FROM patients WHERE pinyin_full IS NULL").fetchall()
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "UPDATE patients SET pinyin_full = ?, pinyin_initials = ? WHERE id = ?",
            [(*search_keys(name or ""), pid) for pid, name in rows],
        )
        conn.execute("COMMIT")
    return len(rows)
