"""Where the clinic's data lives by default (overridable everywhere with ``--db``)."""

from __future__ import annotations

from pathlib import Path

from clinic_desktop import APP_NAME

DB_FILENAME = "clinic.db"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return default_data_dir() / DB_FILENAME
