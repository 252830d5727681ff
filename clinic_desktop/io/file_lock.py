"""An exclusive, non-blocking lock on a small file, released by the operating system when its holder dies.

Why an OS lock and not "a file exists" or a pid written in it: a killed process (SIGKILL, a power cut,
Task Manager's "end task") cannot remove its marker file, and a pid may be reused by the time anyone
looks. A lock held on an open file descriptor disappears with the process, so "I could take the lock"
reliably means "nobody alive holds it".

POSIX: ``flock`` on the whole file (advisory; it does not interact with the ``fcntl`` byte-range locks
SQLite takes on database files, and we never lock a database file anyway). Windows: ``msvcrt.locking`` on
one byte far beyond anything written (Windows locks are mandatory for the locked range, so the range must
not cover the bytes the holder or others read and write).

Used for the single-instance lock of a database (:mod:`clinic_desktop.services.instance`) and to mark
temporary files as "still being written" (:mod:`clinic_desktop.io.private_files`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

__all__ = ["FileLock", "is_locked"]

#: Windows locks this byte; it lies past any content so reads and writes are never blocked
_WINDOWS_LOCK_OFFSET = 1 << 30


def _try_lock(handle: IO[bytes]) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        handle.seek(_WINDOWS_LOCK_OFFSET)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        finally:
            handle.seek(0)
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(handle: IO[bytes]) -> None:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        handle.seek(_WINDOWS_LOCK_OFFSET)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        finally:
            handle.seek(0)
        return
    import fcntl

    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class FileLock:
    """``acquire()`` → True when this process now holds the lock on ``path`` (created 0600 if missing),
    False when another process (or another ``FileLock`` in this one) holds it. ``release()`` or the
    holder's death frees it. The file itself is left in place: deleting a lock file races with someone
    opening it (two processes would then lock two different files)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._handle: IO[bytes] | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> bool:
        if self._handle is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
        handle = os.fdopen(fd, "r+b")
        try:
            locked = _try_lock(handle)
        except BaseException:
            handle.close()
            raise
        if not locked:
            handle.close()
            return False
        self._handle = handle
        return True

    def write(self, data: bytes) -> None:
        """Replace the lock file's content (e.g. who holds it); only while held."""
        if self._handle is None:
            raise RuntimeError("write() needs the lock")
        self._handle.seek(0)
        self._handle.truncate()
        self._handle.write(data)
        self._handle.flush()

    def release(self) -> None:
        if self._handle is None:
            return
        try:
            _unlock(self._handle)
        finally:
            self._handle.close()
            self._handle = None

    def __enter__(self) -> FileLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def is_locked(path: Path) -> bool:
    """Whether a live process holds the lock on ``path`` (False if the file does not exist; this never
    creates it)."""
    if not Path(path).exists():
        return False
    try:
        probe = open(path, "r+b")  # noqa: SIM115 - closed below, and the lock dies with it
    except OSError:
        return True  # cannot even open it: treat as held, the cautious answer for a sweeper
    with probe:
        if not _try_lock(probe):
            return True
        _unlock(probe)
    return False
