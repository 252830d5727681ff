"""Where the clinic's data lives by default (overridable everywhere with ``--db``)."""

from __future__ import annotations

from pathlib import Path

from clinic_desktop import APP_NAME

DB_FILENAME = "clinic.db"
#: the demo clinic's own database (the "sandbox"), never the clinic's: under the data folder's demo/
DEMO_DB = Path("demo") / "demo.db"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return default_data_dir() / DB_FILENAME


def demo_db_path() -> Path:
    """The sandbox database the app's demo lives in: a file of its own, so trying the demo never mixes
    invented patients into the clinic's real data."""
    return default_data_dir() / DEMO_DB


def log_dir() -> Path:
    """The app's log folder (``logs/`` in the data folder)."""
    return default_data_dir() / "logs"
