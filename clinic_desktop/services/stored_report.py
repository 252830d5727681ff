"""The owner's report kept beside the stored metrics it was computed from, and read back with plain sqlite3.

``report --json`` on a day whose metrics are stored used to compute its numbers again on every call:
import SQLAlchemy, NumPy and the dashboard (~0.5 s), read every patient's stored columns, and read every
visit line again for the 24-month trends and the repurchase cycles — 1.5 s above interpreter start at
100,000 patients, 3.9 s at 300,000 (issue 15). Those numbers are a function of the stored metrics, the
data and the settings, so once computed they are kept under a **key** made of exactly those:

- the metrics stamp of now (:func:`~clinic_desktop.db.data_stamp.metrics_stamp`: the day, the data stamp
  that every insert, update and delete of a watched table moves, the settings' digest), and it must equal
  the stamp stored beside the metrics — the report is of *current* stored metrics only;
- a digest of every row of the ``settings`` table (cross-sell rules and any other option the report
  reads, whether or not :class:`~clinic_desktop.core.settings.Settings` holds it);
- the app's version and :data:`FORMAT` (a new build never reads an older build's report).

The key is taken *before* the numbers are read, so a write landing meanwhile leaves a key that never
matches again: a stored report is served only for exactly the data it was computed from — never stale,
only sometimes not there (then :func:`clinic_desktop.services.report.report` computes it and keeps it).

This module imports nothing heavier than :mod:`sqlite3` and the settings dataclass, so the headless
command answers from it in well under a tenth of a second at any clinic size.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from clinic_desktop import __version__
from clinic_desktop.core.settings import Settings
from clinic_desktop.db.data_stamp import METRICS_STAMP_KEY, data_stamp, metrics_stamp
from clinic_desktop.db.schema_version import HEAD_REVISION

if TYPE_CHECKING:
    from clinic_desktop.services.database import Database

__all__ = [
    "FORMAT",
    "SUMMARY_KEY",
    "current_key",
    "keep_report",
    "metrics_current",
    "metrics_current_on",
    "read_current",
    "read_stored_report",
    "stored_report_of",
]

T = TypeVar("T")

#: where the report is kept (a row of ``settings``: carried by every backup, like the metrics it is of)
SUMMARY_KEY = "report_summary"
#: bump when the report's shape changes without a version change (a development build)
FORMAT = 1


def _settings_rows(conn: sqlite3.Connection) -> dict[str, str]:
    everything = conn.execute("SELECT key, value FROM settings")
    return {key: value for key, value in everything if key != SUMMARY_KEY}


def _current_stamp(conn: sqlite3.Connection, rows: dict[str, str], as_of: date) -> str | None:
    """The metrics stamp of now when the stored metrics carry it (they are current), else None."""
    try:
        settings = Settings.from_dict({key: json.loads(value) for key, value in rows.items()})
        stored_stamp = json.loads(rows.get(METRICS_STAMP_KEY, "null"))
    except (ValueError, TypeError):  # a damaged option: the full path says what is wrong with it
        return None
    now = metrics_stamp(as_of, data_stamp(conn), settings)
    return now if stored_stamp == now else None


def metrics_current_on(conn: sqlite3.Connection, as_of: date) -> bool:
    """True when the stored metrics were computed as of ``as_of`` from exactly the data and settings there
    are now (:func:`metrics_current` on a plain connection)."""
    return _current_stamp(conn, _settings_rows(conn), as_of) is not None


def metrics_current(db: Database, as_of: date) -> bool:
    """True when the stored metrics were computed as of ``as_of`` from exactly the data and settings
    there are now: then ``report``, ``patient`` and the call lists read them instead of recomputing.

    A write the recompute did not see — an edit whose recompute found the database busy, a crash between
    commit and recompute, another program — moves the data stamp, so this says False and the caller
    computes afresh. Never a cache that can serve numbers the data has moved away from. Here, beside the
    plain-sqlite3 check, so a caller needs neither the metrics computation nor NumPy to ask."""
    from clinic_desktop.db.engine import driver_connection  # a Database's caller has SQLAlchemy loaded

    with db.engine.connect() as conn:
        return metrics_current_on(driver_connection(conn.connection), as_of)


def current_key(conn: sqlite3.Connection, as_of: date) -> str | None:
    """The key a report of ``as_of`` computed now would be kept under, or None when the stored metrics
    are not those of the data and settings as of ``as_of`` (then no report is kept or served)."""
    rows = _settings_rows(conn)
    now = _current_stamp(conn, rows, as_of)
    return None if now is None else _key_of(rows, now)


def _key_of(rows: dict[str, str], now: str) -> str:
    digest = hashlib.sha256()
    for key in sorted(rows):
        digest.update(f"{key}\0{rows[key]}\0".encode())
    return f"{__version__}|{FORMAT}|{now}|{digest.hexdigest()[:24]}"


def stored_report_of(conn: sqlite3.Connection, key: str) -> dict[str, Any] | None:
    """The report kept under ``key`` on ``conn``, if that is the one kept."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (SUMMARY_KEY,)).fetchone()
    if row is None:
        return None
    try:
        kept = json.loads(row[0])
    except ValueError:
        return None
    if not isinstance(kept, dict) or kept.get("key") != key or not isinstance(kept.get("report"), dict):
        return None
    report: dict[str, Any] = kept["report"]
    return report


def read_current(
    path: Path, as_of: date, read: Callable[[sqlite3.Connection, dict[str, str], str], T | None]
) -> T | None:
    """``read(conn, settings rows, metrics stamp)`` on ``path`` opened read-only, in one read transaction,
    when the file is at this build's schema and its stored metrics are current as of ``as_of``; else
    None — the caller then opens the database properly (it may need migrating, recovering, a message for
    bad input, or the numbers computing). What the headless commands share (``report``, ``patient``)."""
    if not path.is_file():
        return None
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            conn.execute("BEGIN")
            version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if version is None or version[0] != HEAD_REVISION:
                return None
            rows = _settings_rows(conn)
            now = _current_stamp(conn, rows, as_of)
            return None if now is None else read(conn, rows, now)
    except (sqlite3.Error, ValueError, TypeError):  # locked, damaged, odd values: the full path explains
        return None


def read_stored_report(path: Path, as_of: date) -> dict[str, Any] | None:
    """``report --json``'s answer straight from the file when it is kept and current; else None."""
    return read_current(path, as_of, lambda conn, rows, now: stored_report_of(conn, _key_of(rows, now)))


def keep_report(conn: sqlite3.Connection, as_of: date, key: str, report: dict[str, Any]) -> bool:
    """Keep ``report`` under ``key`` if ``key`` is still the current one, inside the caller's write
    transaction (``BEGIN IMMEDIATE``: nothing can move the data between the check and the write).
    Returns whether it was kept."""
    if current_key(conn, as_of) != key:
        return False
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (SUMMARY_KEY, json.dumps({"key": key, "report": report}, ensure_ascii=False)),
    )
    return True
