"""The data folder and database files are private to the OS user (0700/0600 on POSIX), whatever the umask."""

from __future__ import annotations

import os
import sqlite3
import stat
from contextlib import closing
from pathlib import Path

import pytest

from clinic_desktop import paths
from clinic_desktop.db.migrate import backup_file
from clinic_desktop.services.database import open_database

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> object:
    old = os.umask(0o022)  # the usual desktop umask: new files 0644, folders 0755
    yield
    os.umask(old)


def test_a_new_database_and_its_folders_are_private(tmp_path: Path, open_umask: object) -> None:
    mine = tmp_path / "mine"
    mine.mkdir(mode=0o755)
    target = mine / "new" / "deeper" / "clinic.db"
    db = open_database(target)
    try:
        with db.sessions.begin() as session:  # a write: the -wal and -shm files exist now
            session.connection().exec_driver_sql("INSERT INTO settings (key, value) VALUES ('x', '1')")
        assert _mode(target) == 0o600
        assert _mode(Path(f"{target}-wal")) == 0o600 and _mode(Path(f"{target}-shm")) == 0o600
        assert _mode(target.parent) == 0o700 and _mode(target.parent.parent) == 0o700
        assert _mode(mine) == 0o755  # a folder that was there already is the user's, untouched
    finally:
        db.close()


def test_an_old_world_readable_database_is_narrowed_when_opened(tmp_path: Path, open_umask: object) -> None:
    target = tmp_path / "old.db"
    open_database(target).close()
    os.chmod(target, 0o644)
    open_database(target).close()
    assert _mode(target) == 0o600


def test_the_default_data_folder_is_narrowed(
    tmp_path: Path, open_umask: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    monkeypatch.setattr(paths, "default_data_dir", lambda: data)
    open_database(data / "clinic.db").close()
    assert _mode(data) == 0o700


def test_the_copy_taken_before_a_migration_is_private(tmp_path: Path, open_umask: object) -> None:
    source = tmp_path / "clinic.db"
    with closing(sqlite3.connect(source)) as conn:
        conn.execute("CREATE TABLE t (x)")
    os.chmod(source, 0o600)
    assert _mode(backup_file(source, "0001")) == 0o600
