"""Where the clinic's data lives by default (overridable everywhere with ``--db``), and keeping it private.

Patient records are sensitive personal information (PIPL: health data, children's data), so on POSIX the
data folder is created ``0700`` and database files ``0600`` — readable by the OS user the app runs as and
nobody else, whatever the umask says. A file is *created* private (never written first and narrowed
afterwards, which would leave a moment when another account could open it). Files and the default data
folder made by an older version (``0644``/``0755``) are narrowed when the database is opened. A folder the
user chose for ``--db`` is theirs: it is never changed, only folders this app creates are made private.
On Windows the user's profile folder already keeps other accounts out; nothing is changed there.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from clinic_desktop import APP_NAME

DB_FILENAME = "clinic.db"
#: the demo clinic's own database (the "sandbox"), never the clinic's: under the data folder's demo/
DEMO_DB = Path("demo") / "demo.db"
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
#: SQLite's companion files of a database in WAL mode (they hold recent transactions)
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")

_POSIX = os.name == "posix"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return default_data_dir() / DB_FILENAME


def demo_db_path() -> Path:
    """The sandbox database the app's demo lives in: a file of its own, so trying the demo never mixes
    invented patients into the clinic's real data."""
    return default_data_dir() / DEMO_DB


def make_private_dir(path: Path) -> None:
    """Create ``path`` (and missing parents) with every folder this call creates private (``0700``)."""
    path = Path(path)
    missing: list[Path] = []
    current = path
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_DIR_MODE)
        except FileExistsError:
            continue  # made meanwhile by someone else: not ours to narrow
        if _POSIX:
            os.chmod(folder, PRIVATE_DIR_MODE)  # mkdir's mode is filtered by the umask; be exact


def create_private_file(path: Path) -> None:
    """Create ``path`` empty and private (``0600``); raises ``FileExistsError`` if it exists.

    SQLite treats an empty file as a new database and gives the ``-wal``/``-shm`` files it creates later
    the database file's permissions, so the whole database stays private."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    os.close(fd)
    if _POSIX:
        os.chmod(path, PRIVATE_FILE_MODE)  # the umask may have narrowed it further; never wider


def keep_private(db_path: Path) -> None:
    """Narrow an existing database (and its companion files) to ``0600``, and the default data folder to
    ``0700`` — what an older version created world-readable. Only files the OS user owns; errors are
    ignored (a read-only medium or a file owned by someone else is left as it is)."""
    if not _POSIX:
        return
    db_path = Path(db_path)
    for path in (db_path, *(Path(f"{db_path}{suffix}") for suffix in SQLITE_COMPANIONS)):
        _narrow(path, PRIVATE_FILE_MODE)
    try:
        if db_path.parent.resolve() == default_data_dir().resolve():
            _narrow(db_path.parent, PRIVATE_DIR_MODE)
    except OSError:
        pass


def _narrow(path: Path, mode: int) -> None:
    try:
        info = path.stat()
        if info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) & ~mode:
            os.chmod(path, stat.S_IMODE(info.st_mode) & mode)
    except OSError:
        pass
