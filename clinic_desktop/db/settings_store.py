"""Settings live in the ``settings`` table as JSON values, one row per option, so a backup carries them."""

from __future__ import annotations

import json

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from clinic_desktop.core.settings import Settings, validate


def load_settings(session: Session) -> Settings:
    # the models are imported where used: the app reads single values (read_value) before its window
    # appears, and defining the ORM models takes ~0.15 s it should not wait for
    from clinic_desktop.db.models import Setting

    stored = {row.key: json.loads(row.value) for row in session.scalars(select(Setting))}
    return Settings.from_dict(stored)


def save_settings(session: Session, settings: Settings) -> None:
    from clinic_desktop.db.models import Setting

    validate(settings)
    existing = {row.key: row for row in session.scalars(select(Setting))}
    for key, value in settings.to_dict().items():
        encoded = json.dumps(value, ensure_ascii=False)
        if key in existing:
            existing[key].value = encoded
        else:
            session.add(Setting(key=key, value=encoded))


def write_value(conn: Connection, key: str, value: object) -> None:
    """Store one JSON value under ``key`` on a Core connection (bookkeeping such as ``metrics_as_of``)."""
    conn.exec_driver_sql(
        "INSERT INTO settings (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, json.dumps(value, ensure_ascii=False)),
    )


def read_value(conn: Connection, key: str) -> object:
    row = conn.exec_driver_sql("SELECT value FROM settings WHERE key = ?", (key,)).first()
    return None if row is None else json.loads(row[0])
