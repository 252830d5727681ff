"""Is this file a healthy clinic database? One answer for ``check``, start-up, backups and restores.

A file is healthy when it is a SQLite database (not empty, the right header), SQLite can read it, its
pages pass ``PRAGMA integrity_check`` (or the faster ``quick_check``), ``PRAGMA foreign_key_check`` finds
nothing, and it carries our schema at a revision this build knows (an older one is fine: it is migrated
when opened; a newer one is refused). Every check reads only — the file is opened ``mode=ro`` — so a
damaged database is never made worse by looking at it.

Why a time budget: ``quick_check`` on a 100,000-patient clinic (240 MB) takes ~2 s warm and longer cold;
at start-up it must not hold the window back, so :func:`check_file` can stop at a deadline and says
whether it saw every page (``complete``).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from clinic_desktop.db.schema_version import KNOWN_REVISIONS

__all__ = ["Health", "check_file", "patient_count", "table_counts"]

#: integrity problems listed at most (the first says what; a damaged file can report thousands)
_MAX_PROBLEMS = 20
#: SQLite virtual-machine steps between two looks at the clock
_PROGRESS_STEPS = 20_000


@dataclass(frozen=True)
class Health:
    """The verdict on one file. ``kind``: ``ok``, ``missing``, ``folder``, ``empty``, ``not_sqlite``,
    ``unreadable``, ``damaged``, ``foreign_keys``, ``foreign`` (someone else's SQLite file) or
    ``newer`` (written by a newer version of the app)."""

    path: Path
    kind: str
    zh: str
    en: str
    revision: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    foreign_key_violations: int = 0
    #: False when a deadline stopped the page check early (nothing wrong was seen in what was read)
    complete: bool = True
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.kind == "ok"

    @property
    def patients(self) -> int:
        return self.counts.get("patients", 0)

    def text(self, language: str) -> str:
        return self.en if language.startswith("en") else self.zh


def _tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    return [str(r[0]) for r in rows]


def table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows per table (our bookkeeping ``alembic_version`` and SQLite's own tables left out)."""
    return {
        t: int(conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0])
        for t in _tables(conn)
        if t != "alembic_version"
    }


def _header_problem(path: Path) -> Health | None:
    """What can be told without opening the file. Never ``open()`` a database file beside SQLite: on
    POSIX, closing *any* descriptor of a file drops every lock this process holds on it — including the
    locks of the app's own SQLite connections (a classic way to corrupt a database). SQLite itself says
    whether the content is a database."""
    name = path.name
    try:
        info = path.stat()
    except FileNotFoundError:
        return Health(path, "missing", f"找不到文件：{path}", f"File not found: {path}")
    except OSError as exc:
        return Health(
            path, "unreadable", f"无法读取 {name}：{exc.strerror}", f"Cannot read {name}: {exc.strerror}"
        )
    if path.is_dir():
        return Health(
            path, "folder", f"{path} 是一个文件夹，不是数据库文件", f"{path} is a folder, not a file"
        )
    if info.st_size == 0:
        return Health(
            path,
            "empty",
            f"{name} 是空文件（0 字节），不是数据库",
            f"{name} is an empty file (0 bytes), not a database",
        )
    return None


def _not_sqlite(path: Path) -> Health:
    return Health(
        path, "not_sqlite", f"{path.name} 不是私域助手的数据库（不是 SQLite 文件，或文件头已损坏）",
        f"{path.name} is not a clinic_desktop database (not an SQLite file, or its header is damaged)",
    )  # fmt: skip


def _open_for_reading(path: Path) -> sqlite3.Connection:
    """A connection that writes nothing. Read-write when the file allows it: a read-only connection to
    a WAL database creates ``-wal``/``-shm`` files it then cannot remove, while a read-write one that
    writes nothing removes them again when it closes (as the app does); SQLite falls back to read-only
    by itself for a write-protected file."""
    uri = path.absolute().as_uri()
    try:
        conn = sqlite3.connect(f"{uri}?mode=rw", uri=True, isolation_level=None)
    except sqlite3.OperationalError:  # e.g. a read-only folder: read-only it is
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None)
    conn.execute("PRAGMA busy_timeout=10000")
    return conn


def _deadline_handler(deadline: float | None) -> Callable[[], int]:
    def handler() -> int:
        return 1 if deadline is not None and time.monotonic() > deadline else 0

    return handler


def check_file(path: Path, *, full: bool = True, deadline_s: float | None = None) -> Health:
    """Check ``path`` without writing to it. ``full``: ``integrity_check`` (every index entry too)
    instead of ``quick_check``; ``deadline_s``: stop the page check after that many seconds."""
    started = time.monotonic()
    path = Path(path)
    early = _header_problem(path)
    if early is not None:
        return early
    name = path.name
    complete = True
    try:
        with closing(_open_for_reading(path)) as conn:
            tables = _tables(conn)
            if "alembic_version" not in tables or "patients" not in tables:
                return Health(
                    path, "foreign", f"{name} 不是私域助手的数据库（没有患者数据表）",
                    f"{name} is not a clinic_desktop database (it has no patients table)",
                )  # fmt: skip
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = None if row is None else str(row[0])
            if revision not in KNOWN_REVISIONS:
                return Health(
                    path, "newer", f"{name} 由更新版本的私域助手写入（版本 {revision}），请先升级软件",
                    f"{name} was written by a newer version of the app (schema {revision}); upgrade first",
                    revision=revision,
                )  # fmt: skip
            pragma = "integrity_check" if full else "quick_check"
            deadline = None if deadline_s is None else started + deadline_s
            conn.set_progress_handler(_deadline_handler(deadline), _PROGRESS_STEPS)
            try:
                problems = tuple(
                    str(r[0]) for r in conn.execute(f"PRAGMA {pragma}({_MAX_PROBLEMS})").fetchall()
                )
            except sqlite3.OperationalError as exc:
                if "interrupt" not in str(exc).lower():
                    raise
                problems, complete = ("ok",), False
            finally:
                conn.set_progress_handler(None, 0)
            if problems != ("ok",):
                return Health(
                    path, "damaged", f"{name} 已损坏：{problems[0]}", f"{name} is damaged: {problems[0]}",
                    revision=revision, problems=problems, seconds=time.monotonic() - started,
                )  # fmt: skip
            violations = conn.execute("PRAGMA foreign_key_check").fetchall() if complete else []
            counts = table_counts(conn)
    except sqlite3.DatabaseError as exc:
        reason = str(exc)
        if "not a database" in reason:
            return _not_sqlite(path)
        kind = "damaged" if "malformed" in reason else "unreadable"
        zh = f"{name} 已损坏：{reason}" if kind == "damaged" else f"无法读取 {name}：{reason}"
        en = f"{name} is damaged: {reason}" if kind == "damaged" else f"Cannot read {name}: {reason}"
        return Health(path, kind, zh, en, seconds=time.monotonic() - started)
    seconds = time.monotonic() - started
    if violations:
        tables_hit = sorted({str(v[0]) for v in violations})
        return Health(
            path, "foreign_keys",
            f"{name} 有 {len(violations):,} 条记录指向不存在的数据（{'、'.join(tables_hit)}）",
            f"{name} has {len(violations):,} records pointing at missing rows ({', '.join(tables_hit)})",
            revision=revision, counts=counts, foreign_key_violations=len(violations), seconds=seconds,
        )  # fmt: skip
    return Health(
        path, "ok", f"{name} 完好（{counts.get('patients', 0):,} 位患者）",
        f"{name} is healthy ({counts.get('patients', 0):,} patients)",
        revision=revision, counts=counts, complete=complete, seconds=seconds,
    )  # fmt: skip


def patient_count(path: Path) -> int | None:
    """How many patients a backup holds (one quick read, no check), or None if it cannot be read — for
    listing backups; :func:`check_file` is what decides whether one may be restored."""
    try:
        if _header_problem(Path(path)) is not None:
            return None
        with closing(_open_for_reading(Path(path))) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM patients").fetchone()[0])
    except (sqlite3.DatabaseError, OSError):
        return None
