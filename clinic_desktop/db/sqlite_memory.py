"""SQLite's memory statistics turned off for this process, before its first connection.

Built with its defaults (Debian's library, the one CPython ships on Windows), SQLite keeps a running
count of the memory it holds, and to keep that count every allocation and every free — thousands per
query: sort and ``DISTINCT`` trees, texts, JSON — takes one mutex global to the process. Measured here
(SQLite 3.40.1, 300,000 patients): the recompute's visits pass took 1.64 s with the count off against
2.13 s with it on, and split over two threads 0.97 s against 1.82 s — with it on, two threads of one
process wait on each other and hardly run faster than one, which is why the recompute reads on worker
processes. Nothing in the app reads the count (``sqlite3_memory_used``, the soft heap limit).

The count can only be turned off while the library is not initialised, and CPython initialises it when
``sqlite3`` is imported. So: ``sqlite3_shutdown``, ``sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0)``,
``sqlite3_initialize``. Shutting the library down under an open connection would be undefined, so it is
done only when the count itself shows that nothing is held: a connection holds memory from its opening to
its close. The ``sqlite3`` module's own library is the one configured (found through its extension, or by
name where the platform cannot look through it), and that it is the same library is checked first — a
connection opened through ``sqlite3`` must show in that library's count. Anything else (another platform,
a library built without the count, a connection already open) leaves SQLite as it was: slower, never
wrong. ``ctypes`` calls ``sqlite3_config`` as if it were not variadic, which is the same call on the
x86-64 conventions only; other machines are left alone.
"""

from __future__ import annotations

import ctypes
import platform
import sqlite3
import threading
from typing import Any

__all__ = ["memory_statistics_off"]

_SQLITE_CONFIG_MEMSTATUS = 9
_SQLITE_OK = 0
_lock = threading.Lock()
_done: bool | None = None


def _library() -> Any | None:
    """The C library behind the ``sqlite3`` module, through ``ctypes``; None when it cannot be found."""
    import _sqlite3

    candidates: list[str | None] = [getattr(_sqlite3, "__file__", None), "libsqlite3.so.0", "sqlite3"]
    for name in candidates:
        if not name:
            continue
        try:
            lib = ctypes.CDLL(name)
            lib.sqlite3_config  # noqa: B018 - the symbol is reachable through this handle
        except (OSError, AttributeError):
            continue
        lib.sqlite3_memory_used.restype = ctypes.c_int64
        lib.sqlite3_memory_used.argtypes = []
        return lib
    return None


def _same_library(lib: Any) -> bool:
    """Whether ``lib`` is the library ``sqlite3`` connections are made with, holding nothing now."""
    if lib.sqlite3_libversion_number() != sqlite3.sqlite_version_info[0] * 1_000_000 + (
        sqlite3.sqlite_version_info[1] * 1000 + sqlite3.sqlite_version_info[2]
    ):
        return False
    if lib.sqlite3_memory_used() != 0:  # a connection is open (or the count is off already)
        return False
    probe = sqlite3.connect(":memory:")
    try:
        seen = int(lib.sqlite3_memory_used())
    finally:
        probe.close()
    return seen > 0 and int(lib.sqlite3_memory_used()) == 0


def memory_statistics_off() -> bool:
    """Turn SQLite's memory statistics off if it can be done safely now; whether they are off (done by
    this call or an earlier one). Call it before the process opens its first connection."""
    global _done
    with _lock:
        if _done is None:
            _done = _switch_off()
        return _done


def _switch_off() -> bool:
    if platform.machine().lower() not in ("x86_64", "amd64"):
        return False
    try:
        lib = _library()
        if lib is None or not _same_library(lib):
            return False
        if lib.sqlite3_shutdown() != _SQLITE_OK:
            return False
        switched = bool(lib.sqlite3_config(_SQLITE_CONFIG_MEMSTATUS, ctypes.c_int(0)) == _SQLITE_OK)
        # initialised again now, as the next connection would do anyway
        return bool(lib.sqlite3_initialize() == _SQLITE_OK) and switched
    except (OSError, AttributeError, ValueError):
        return False
