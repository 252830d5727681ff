"""One engine and session factory per database file.

SQLite is opened with WAL (readers never block the one writer), foreign keys on (SQLite's default is off)
and a busy timeout, in a ``connect`` event so every pooled connection gets them.

Transactions that write begin ``IMMEDIATE``: the write lock is taken first, so a second writer waits out
the busy timeout. A plain ``BEGIN`` that reads and then writes fails at once with "database is locked"
when another connection wrote in between (SQLite cannot move a read snapshot forward and does not wait).
A use-case that writes says so: ``with db.sessions.begin()`` (:class:`WriteSession`) or
:func:`write_connection`; ``with db.sessions()`` and ``engine.connect()`` read and begin plainly.
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, CursorResult, Engine, PoolProxiedConnection, Result, create_engine, event
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

BUSY_TIMEOUT_MS = 10_000


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin (see _on_begin): the
    # module's legacy mode starts them only before DML, so a read-then-write use-case would not be atomic.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # the busy timeout first: switching a new file to WAL takes a lock, and another process may hold it
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


#: execution option marking a connection whose transaction will write: it begins IMMEDIATE
WRITES = "clinic_desktop_writes"


#: write transactions begun per engine (keyed by its dialect, which survives ``dispose()`` and is shared
#: by ``execution_options()`` copies): "did anything change since the last backup?"
_writes: WeakKeyDictionary[Any, int] = WeakKeyDictionary()


def note_write(engine: Engine) -> None:
    """Count a write transaction on ``engine`` (the raw-connection writers call this themselves)."""
    _writes[engine.dialect] = _writes.get(engine.dialect, 0) + 1


def write_count(engine: Engine) -> int:
    """How many write transactions this process has begun on ``engine`` (rolled-back ones included)."""
    return _writes.get(engine.dialect, 0)


def _on_begin(connection: Connection) -> None:
    writes = bool(connection.get_execution_options().get(WRITES, False))
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")
    if writes:
        note_write(connection.engine)


class WriteSession(Session):
    """A session whose explicit ``begin()`` — what ``with db.sessions.begin()`` calls — starts a write
    transaction (``BEGIN IMMEDIATE``, the connection taken at once); sessions that only read begin on
    their first query, plainly, as usual."""

    def begin(self, nested: bool = False) -> SessionTransaction:
        transaction = super().begin(nested)
        if not nested:
            self.connection(execution_options={WRITES: True})
        return transaction


def write_connection(engine: Engine) -> AbstractContextManager[Connection]:
    """``engine.begin()`` for a transaction that writes (``BEGIN IMMEDIATE``)."""
    return engine.execution_options(**{WRITES: True}).begin()


def make_engine(path: Path | str) -> Engine:
    # check_same_thread=False: the pool hands a connection to one thread at a time, and the metrics
    # aggregates run their independent queries on two worker threads (SQLite releases the GIL per step).
    # hide_parameters: an error's text must never carry the row being written (a name, a phone) into a
    # message box or the log file
    engine = create_engine(
        f"sqlite:///{Path(path)}", connect_args={"check_same_thread": False}, hide_parameters=True
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def make_session_factory(engine: Engine, info: dict[str, Any] | None = None) -> sessionmaker[Session]:
    """Sessions of ``engine``; every session's ``info`` starts with (a shallow copy of) ``info`` — how
    the acting role reaches code that only holds a session (the audit trail)."""
    return sessionmaker(engine, class_=WriteSession, expire_on_commit=False, info=info)


def driver_connection(raw: PoolProxiedConnection) -> sqlite3.Connection:
    """The ``sqlite3`` connection behind a pooled one, for the set-based reads and bulk writes that run
    below SQLAlchemy (SQLAlchemy types it as any driver's connection)."""
    conn = raw.driver_connection
    if not isinstance(conn, sqlite3.Connection):  # pragma: no cover - every engine here is sqlite3
        raise TypeError(f"expected a sqlite3 connection, got {type(conn).__name__}")
    return conn


def rows_affected(result: Result[Any]) -> int:
    """How many rows an UPDATE or DELETE run through a session touched (``Session.execute`` types its
    result as a plain ``Result``; for DML it is the driver's ``CursorResult``)."""
    if not isinstance(result, CursorResult):  # pragma: no cover - only DML is passed in
        raise TypeError(f"expected the result of an UPDATE or DELETE, got {type(result).__name__}")
    return result.rowcount


#: what the user reads instead of SQLite's "database is locked" (zh, en): the command line and the GUI
BUSY_MESSAGE = (
    "数据库正忙：另一个程序一直在写入，等待超时；未能执行的这一步没有写入任何数据，请稍后再试。",
    "The database is busy: another program kept writing past the wait; the step that failed wrote "
    "nothing. Please try again shortly.",
)


def is_busy(exc: BaseException) -> bool:
    """Whether ``exc`` (SQLAlchemy's or sqlite3's) means another connection held the write lock for
    longer than the busy timeout — "database is locked" / "database is busy": nothing was written, and
    trying again later will work."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        orig = getattr(current, "orig", None)
        if isinstance(current, sqlite3.OperationalError):
            text = str(current).lower()
            if (
                "database is locked" in text
                or "database is busy" in text
                or "database table is locked" in text
            ):
                return True
        current = orig if isinstance(orig, BaseException) else current.__cause__ or current.__context__
    return False
