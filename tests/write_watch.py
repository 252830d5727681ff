"""Catch a write in a transaction begun plainly: the cause of the false "database is locked" of issue 14.

A plain ``BEGIN`` that reads and then writes fails at once with "database is locked" when another
connection wrote in between (SQLite cannot move a read snapshot forward, and does not wait). The app's
engines say ``BEGIN`` or ``BEGIN IMMEDIATE`` out loud (``db/engine.py``, the migrator); this watches every
SQLAlchemy engine and records each INSERT/UPDATE/DELETE run inside a transaction that began with a bare
``BEGIN``. Temp tables live outside the database file and need no lock. A test's own bare engine (the
driver begins implicitly, no ``BEGIN`` statement is seen) is not the app's and is left alone.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, event

_DML = ("INSERT", "UPDATE", "DELETE", "REPLACE")


class PlainWriteWatch:
    def __init__(self) -> None:
        self.plain: list[str] = []

    def _before(self, conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        words = statement.lstrip().split(None, 3)
        head = words[0].upper() if words else ""
        if head == "BEGIN":
            conn.info["immediate"] = len(words) > 1 and words[1].upper() == "IMMEDIATE"
        elif head in _DML and conn.in_transaction():
            target = " ".join(words[1:3]).lower()
            if "temp." not in target and conn.info.get("immediate") is False:
                self.plain.append(statement.strip()[:100])

    def _ended(self, conn: Any) -> None:  # a bound method: two watches register two listeners
        conn.info.pop("immediate", None)

    def __enter__(self) -> PlainWriteWatch:
        event.listen(Engine, "before_cursor_execute", self._before)
        event.listen(Engine, "commit", self._ended)
        event.listen(Engine, "rollback", self._ended)
        return self

    def __exit__(self, *_exc: object) -> None:
        event.remove(Engine, "before_cursor_execute", self._before)
        event.remove(Engine, "commit", self._ended)
        event.remove(Engine, "rollback", self._ended)
