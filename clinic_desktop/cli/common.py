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
    from clinic_desktop.services.database import DatabaseError, open_database

    try:
        return open_database(db_path(args), create=create)
    except DatabaseError as exc:
        raise BadInput(str(exc)) from None


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
