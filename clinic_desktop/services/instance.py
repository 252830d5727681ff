"""One window per database: the lock a running app holds on ``clinic.db.instance`` beside its database.

Why: two windows on one database would each cache what the other changes, both would back up on close,
and a restore in one would pull the file from under the other. SQLite itself copes with two writers
(one waits), the app around it does not.

Why a lock file and not a local socket: ``QLocalServer`` lives in QtNetwork, which the installer leaves
out, and a socket name outlives a crashed app on Unix. An OS file lock (:mod:`clinic_desktop.io.file_lock`)
is released by the kernel when its holder dies, so a crash never leaves the database "open elsewhere".
The file is keyed on the database's real path (symlinks and relative paths resolve to the same lock).

A second instance cannot take the lock. It appends a ``wake`` line to the file; the first instance
watches the file (``QFileSystemWatcher`` in the GUI), sees the line, brings its window forward and
rewrites the file. The second then says the database is open in another window and exits. The same
lock tells ``restore`` on the command line to refuse while the app has the database open.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from clinic_desktop import __version__
from clinic_desktop.io.file_lock import FileLock, is_locked

__all__ = ["InstanceLock", "instance_file", "is_open_elsewhere", "request_wake"]

_WAKE = b"wake"


def instance_file(db_path: Path) -> Path:
    path = Path(db_path).resolve()
    return path.with_name(path.name + ".instance")


def is_open_elsewhere(db_path: Path) -> bool:
    """Whether a running app (another process, or another lock in this one) has ``db_path`` open."""
    return is_locked(instance_file(db_path))


def request_wake(db_path: Path) -> bool:
    """Ask the app holding ``db_path`` to bring its window forward; False if the request could not be
    written (the caller then only says the database is open elsewhere)."""
    try:
        with open(instance_file(db_path), "ab") as fh:
            fh.write(_WAKE + f" {os.getpid()} {time.time():.0f}\n".encode())
    except OSError:
        return False
    return True


class InstanceLock:
    """Held by the GUI for as long as it has the database open."""

    def __init__(self, db_path: Path) -> None:
        self.path = instance_file(db_path)
        self._lock = FileLock(self.path)

    @property
    def held(self) -> bool:
        return self._lock.held

    def acquire(self) -> bool:
        if not self._lock.acquire():
            return False
        self._write_owner()
        return True

    def _write_owner(self) -> None:
        owner = {"pid": os.getpid(), "version": __version__, "since": time.strftime("%Y-%m-%d %H:%M:%S")}
        self._lock.write(json.dumps(owner).encode("utf-8") + b"\n")

    def take_wake_request(self) -> bool:
        """Whether someone asked this instance to come forward since the last call (the request is
        consumed: the file is rewritten with the owner line only)."""
        if not self._lock.held:
            return False
        try:
            asked = any(line.startswith(_WAKE) for line in self.path.read_bytes().splitlines())
        except OSError:
            return False
        if asked:
            self._write_owner()
        return asked

    def release(self) -> None:
        self._lock.release()
