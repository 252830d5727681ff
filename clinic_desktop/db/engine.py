"""One engine and session factory per database file.

SQLite is opened with WAL (readers never block the one writer), foreign keys on (SQLite's default is off)
and a busy timeout, in a ``connect`` event so every pooled connection gets them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, CursorResult, Engine, PoolProxiedConnection, Result, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 10_000


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin (see _on_begin): the
    # module's legacy mode starts them only before DML, so a read-then-write use-case would not be atomic.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _on_begin(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN")


def make_engine(path: Path | str) -> Engine:
    # check_same_thread=False: the pool hands a connection to one thread at a time, and the metrics
    # aggregates run their independent queries on two worker threads (SQLite releases the GIL per step).
    engine = create_engine(f"sqlite:///{Path(path)}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


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
