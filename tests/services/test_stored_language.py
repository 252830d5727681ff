"""The language is read before any window exists, with one plain query (no ORM models loaded yet)."""

from __future__ import annotations

from dataclasses import replace

from clinic_desktop.db.bulk import write_transaction
from clinic_desktop.services.clinic_settings import load_settings, save_settings
from clinic_desktop.services.database import Database, stored_language


def test_stored_language(db: Database) -> None:
    assert stored_language(db) == "zh_CN"  # nothing saved: the default
    save_settings(db, replace(load_settings(db), language="en"))
    assert stored_language(db) == "en"
    with write_transaction(db.engine) as cursor:
        cursor.execute("UPDATE settings SET value = 'not json' WHERE key = 'language'")
    assert stored_language(db) == "zh_CN"
