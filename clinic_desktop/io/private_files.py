"""Files with patient data: private to the OS user, written whole or not at all, and no crash leftovers.

* **Private**: exports, backups and the folders made for them are ``0600``/``0700`` on POSIX (a clinic's
  patient list is sensitive personal information; another account on the same PC must not read it).
  Windows gives a user's files to that user already; the mode calls are harmless there.
* **Whole or not at all**: everything is written to a temporary sibling first and renamed onto the
  target only when complete (``os.replace`` is atomic on one volume), so a crash never leaves a
  half-written workbook or backup under the name the user expects.
* **No leftovers**: the temporary sibling would survive a kill (SIGKILL, a power cut) and it holds the
  same patient names and phones. So before it is created, an *entry* naming it is written into a journal
  folder beside the database and locked (:class:`clinic_desktop.io.file_lock.FileLock`) for as long as
  the writer lives. :func:`sweep_leftovers` — run whenever a database is opened — deletes the temporary
  file of every entry whose lock nobody holds any more, so the next start cleans up after a killed
  export or backup. It only ever deletes files named like ours (``.~clinic-desktop-<32 hex>.partial…``
  and SQLite's ``-journal``/``-wal``/``-shm`` beside them), never anything a user made.
"""

from __future__ import annotations

import os
import re
import sys
import time
import uuid
from pathlib import Path
from types import TracebackType

from clinic_desktop.io.file_lock import FileLock, is_locked

__all__ = [
    "JOURNAL_DIRNAME",
    "PrivateTemp",
    "is_temp_name",
    "journal_dir",
    "make_private",
    "private_dir",
    "set_journal_dir",
    "sweep_leftovers",
]

#: the journal folder's name beside the database it belongs to
JOURNAL_DIRNAME = ".clinic-desktop-pending"
_TEMP_PREFIX = ".~clinic-desktop-"
_TEMP_NAME = re.compile(
    r"^\.~clinic-desktop-([0-9a-f]{32})\.partial(\.[A-Za-z0-9]{1,8})?(-journal|-wal|-shm)?$"
)
_SIDECARS = ("-journal", "-wal", "-shm")
_ENTRY_NAME = re.compile(r"[0-9a-f]{32}\.partial(\.[A-Za-z0-9]{1,8})?")
_NEW_ENTRY = re.compile(r"\.[0-9a-f]{32}\.partial(\.[A-Za-z0-9]{1,8})?\.new")
#: an empty journal entry younger than this may be one being created
_FRESH_S = 60.0
_POSIX = sys.platform != "win32"

_journal: Path | None = None


def set_journal_dir(folder: Path | None) -> None:
    """Where this process records its in-flight temporary files (set when a database is opened: the
    folder :data:`JOURNAL_DIRNAME` beside it). ``None``: not recorded (only for files without patient
    data, and tests)."""
    global _journal
    _journal = None if folder is None else Path(folder)


def journal_dir() -> Path | None:
    return _journal


def is_temp_name(name: str) -> bool:
    """Whether ``name`` is one of our temporary files (or SQLite's sidecar of one)."""
    return _TEMP_NAME.match(name) is not None


def private_dir(path: Path) -> Path:
    """``mkdir -p`` where every folder this creates is ``0700`` (existing folders are left as they are:
    they may be the user's own, e.g. the Desktop)."""
    path = Path(path)
    missing: list[Path] = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue
        if _POSIX:
            os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask; 0700 is what we mean
    return path


def make_private(path: Path) -> None:
    """``chmod 600`` on POSIX (nothing on Windows, where the user's profile is private already)."""
    if _POSIX:
        os.chmod(path, 0o600)


def _fsync_dir(folder: Path) -> None:
    if not _POSIX:  # pragma: no cover - Windows cannot open a folder to fsync it
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _journal_entry(folder: Path, temp: Path) -> FileLock:
    """The locked entry naming ``temp``, made visible only once it is locked and says what it names:
    written as ``.<token>.new`` under the lock, then renamed (the lock stays with the open file). So an
    entry under its final name is never found empty by a sweep while its writer lives, and a ``.new``
    nobody holds may always be swept — if that was this writer's, between creating and locking it, the
    rename finds it gone and the entry is made again. Windows cannot rename a file it holds open; there
    the entry is locked and written in place."""
    final = folder / temp.name.removeprefix(_TEMP_PREFIX)
    for _attempt in range(5):
        entry = FileLock(folder / f".{final.name}.new" if _POSIX else final)
        if not entry.acquire():  # pragma: no cover - a fresh random name cannot be held already
            raise RuntimeError(f"journal entry in use: {entry.path}")
        entry.write(str(temp.resolve()).encode("utf-8"))
        if not _POSIX:  # pragma: no cover - Windows
            return entry
        try:
            os.replace(entry.path, final)
        except FileNotFoundError:  # swept in the instant before it was locked: make it again
            entry.release()
            continue
        entry.path = final
        return entry
    raise RuntimeError(f"could not record {temp.name} in {folder}")  # pragma: no cover


class PrivateTemp:
    """``with PrivateTemp(target) as temp:`` write ``temp`` (a private sibling of ``target``); leaving
    the block normally renames it onto ``target`` (:meth:`commit` does it earlier, e.g. inside the
    transaction that audits it), an exception deletes it. ``durable``: fsync file and folder first (a
    backup must survive a power cut right after it was reported done).
    """

    def __init__(self, target: Path, *, durable: bool = False, precreate: bool = True) -> None:
        self.target = Path(target)
        self.durable = durable
        self.precreate = precreate
        token = uuid.uuid4().hex
        suffix = self.target.suffix if re.fullmatch(r"\.[A-Za-z0-9]{1,8}", self.target.suffix) else ""
        self.path = self.target.parent / f"{_TEMP_PREFIX}{token}.partial{suffix}"
        self._entry: FileLock | None = None
        self.committed = False
        self.discarded = False

    def __enter__(self) -> Path:
        private_dir(self.target.parent)
        folder = _journal
        if folder is not None:
            private_dir(folder)
            self._entry = _journal_entry(folder, self.path)
        if self.precreate:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
            os.close(fd)
        return self.path

    def commit(self, *, replace: bool = True) -> Path:
        """Rename the finished temporary file onto the target (private, durable if asked).

        ``replace=False``: never replace an existing target — raises :class:`FileExistsError` (and the
        temporary file stays, for the caller to discard) when someone created it meanwhile."""
        if self.committed:
            return self.target
        make_private(self.path)
        if self.durable:
            with open(self.path, "rb+") as fh:
                os.fsync(fh.fileno())
        if replace:
            os.replace(self.path, self.target)
        else:
            os.link(self.path, self.target)  # atomic, and fails if the target exists
            self.path.unlink()
        self.committed = True
        if self.durable:
            _fsync_dir(self.target.parent)
        self._drop_entry()
        return self.target

    def discard(self) -> None:
        """Delete the temporary file (and SQLite's files beside it); leaving the block then renames
        nothing."""
        for name in (self.path, *(Path(f"{self.path}{s}") for s in _SIDECARS)):
            name.unlink(missing_ok=True)
        self._drop_entry()
        self.discarded = True

    def _drop_entry(self) -> None:
        entry, self._entry = self._entry, None
        if entry is not None:
            entry.release()
            entry.path.unlink(missing_ok=True)

    def __exit__(
        self, kind: type[BaseException] | None, _exc: BaseException | None, _tb: TracebackType | None
    ) -> None:
        if self.discarded:
            return
        if kind is None and not self.committed:
            try:
                self.commit()
            except BaseException:
                self.discard()
                raise
        elif not self.committed:
            self.discard()
        else:
            for name in (Path(f"{self.path}{s}") for s in _SIDECARS):
                name.unlink(missing_ok=True)


def sweep_leftovers(folder: Path | None = None) -> list[Path]:
    """Delete the temporary files of writers that died (their journal entry is no longer locked);
    returns what was deleted. ``folder``: the journal (default: the one set for this process)."""
    folder = Path(folder) if folder is not None else _journal
    removed: list[Path] = []
    if folder is None or not folder.is_dir():
        return removed
    for entry in sorted(folder.iterdir()):
        pending = _NEW_ENTRY.fullmatch(entry.name)  # died before its entry was complete
        if not (pending or _ENTRY_NAME.fullmatch(entry.name)) or is_locked(entry):
            continue
        try:
            content = entry.read_bytes()
            age = time.time() - entry.stat().st_mtime
        except OSError:  # pragma: no cover - vanished meanwhile
            continue
        if pending:  # its temporary file is made only after the entry is renamed: nothing else to delete
            entry.unlink(missing_ok=True)
            continue
        if not content and age < _FRESH_S:  # pragma: no cover - Windows writes entries in place
            continue  # maybe opened but not yet locked by a live writer: leave it to its writer
        try:
            named: Path | None = Path(content.decode("utf-8"))
        except UnicodeDecodeError:
            named = None
        kept = False
        if named is not None and is_temp_name(named.name):
            for path in (named, *(Path(f"{named}{s}") for s in _SIDECARS)):
                try:
                    path.unlink()
                    removed.append(path)
                except FileNotFoundError:
                    pass
                except OSError:  # pragma: no cover - e.g. still open on Windows: try next time
                    kept = True
        if not kept:
            entry.unlink(missing_ok=True)
    return removed
