"""What every command of the command line shares: exit codes, the BadInput error, opening the database.

Kept apart from :mod:`clinic_desktop.cli` so the command modules (``cli_transfer``, ``cli_calllists``)
can use it without importing the parser, and so nothing here imports Qt.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_ERROR, EXIT_BAD_INPUT = 0, 1, 2


class BadInput(Exception):
    """Bad input or a bad file: exit 2, one line on stderr, nothing written."""


def as_of_date(text: str | None) -> date:
    from clinic_desktop.core.dates import parse_iso_date

    if text is None:
        return date.today()
    try:
        return parse_iso_date(text)
    except ValueError as exc:
        raise BadInput(f"--as-of: {exc}") from None


def db_path(args: argparse.Namespace) -> Path:
    if args.db is not None:
        return Path(args.db)
    from clinic_desktop.paths import default_db_path

    return default_db_path()


def open_db(args: argparse.Namespace, *, create: bool = False) -> Any:
    """Open the database for a command; its audit rows say ``"via": "cli"``."""
    from clinic_desktop.services.database import DatabaseError, open_database

    try:
        return open_database(db_path(args), create=create, via="cli")
    except DatabaseError as exc:
        raise BadInput(str(exc)) from None


def act_as_owner(db: Any) -> None:
    """Before an owner-only command: with roles on, ask for the owner password on the terminal.

    A script without a terminal is refused (exit 2) rather than let through: roles on means the owner
    wanted these commands behind the password. With roles off everyone is the owner already."""
    if not db.access.roles_enabled:
        return
    from clinic_desktop.services.roles import RolesError, unlock

    try:
        ok = unlock(db, _ask_password())
    except RolesError as exc:
        raise BadInput(f"{exc.zh} / {exc.en}") from None
    if not ok:
        raise BadInput("店主密码不正确 / wrong owner password")


def _ask_password() -> str:
    import getpass

    if not sys.stdin.isatty():
        raise BadInput(
            "已启用店主密码：请在终端中运行此命令以输入密码 / "
            "an owner password is set: run this command in a terminal to enter it"
        )
    return getpass.getpass("店主密码 / owner password: ")


def owner_of_file(path: Path) -> bool:
    """Before replacing the database file (``restore``, which opens no session): with roles on in the
    current file, ask for the owner password. A file that cannot be read has no password to ask for —
    recovering a damaged database must stay possible. Returns whether roles were on (the owner acted)."""
    import sqlite3
    from contextlib import closing

    from clinic_desktop.core.access import PASSWORD_KEY, PasswordHash, verify_password

    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (PASSWORD_KEY,)).fetchone()
    except sqlite3.Error:
        return False
    if row is None:
        return False
    try:
        stored = PasswordHash.from_dict(json.loads(row[0]))
    except ValueError:
        return False  # a damaged hash cannot lock the owner out of restoring a backup
    if not verify_password(_ask_password(), stored):
        raise BadInput("店主密码不正确 / wrong owner password")
    return True


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def remove_database_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def silence_stdout() -> None:
    """Point standard output at the null device once its reader has gone (a closed pipe), so the
    interpreter's own flush at exit has nowhere to fail."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):  # no usable stdout at all: nothing left to protect
        pass
