"""An erasure outlives a restore: a backup taken before a patient was erased still holds them, and
restoring it must not bring them back (PIPL: the right to deletion is not undone by a restore).

Each ``erase`` audit row carries a *fingerprint* of the erased patient — a hash of the row's id and the
moment it was created, so it names nobody and matches no later patient who happens to get the same id —
and the audit log survives a restore (the current rows are carried into the restored file). After a
restore, :func:`reapply_erasures` erases again, the same way, every patient of the restored file whose
fingerprint an ``erase`` row holds.
"""

from __future__ import annotations

import json
import sqlite3

from clinic_desktop.db.bulk import write_transaction
from clinic_desktop.services.audit import insert_audit
from clinic_desktop.services.database import Database
from clinic_desktop.services.privacy.erase import apply_erase, truncate_wal
from clinic_desktop.services.privacy.fingerprint import FINGERPRINT, digest, erased_fingerprint

__all__ = ["reapply_erasures"]


def _erased(cur: sqlite3.Cursor) -> set[str]:
    found: set[str] = set()
    for (detail,) in cur.execute("SELECT detail FROM audit_log WHERE action = 'erase'"):
        try:
            value = json.loads(detail or "{}").get(FINGERPRINT)
        except (ValueError, AttributeError):
            continue
        if isinstance(value, str):
            found.add(value)
    return found


def reapply_erasures(db: Database) -> int:
    """Erase again every patient of ``db`` an ``erase`` audit row names by fingerprint (run after a
    restore, on the restored file); returns how many. Each is audited as an ``erase`` with
    ``after_restore``. The caller recomputes the metrics, as after any erase."""
    with db.engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        cur = raw.cursor()
        wanted = _erased(cur)
        if not wanted:
            return 0
        ids = [
            int(pid)
            for pid, created_at in cur.execute("SELECT id, created_at FROM patients")
            if digest(int(pid), created_at) in wanted
        ]
        cur.close()
    for patient_id in ids:
        with write_transaction(db.engine, secure_delete=True) as cur:
            fingerprint = erased_fingerprint(cur, patient_id)
            plan = apply_erase(cur, patient_id)
            detail = plan.to_json() | {FINGERPRINT: fingerprint, "after_restore": True}
            insert_audit(cur, db.access, "erase", detail)
    if ids:
        truncate_wal(db)
    return len(ids)
