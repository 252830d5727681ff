"""The fingerprint an ``erase`` audit row keeps of the erased patient: a hash of the patient row's id and
the moment it was created — it names nobody, and no later patient who gets the same id matches it — so
that a restore of an older backup can find them again (:mod:`.after_restore`)."""

from __future__ import annotations

import hashlib
import sqlite3

__all__ = ["FINGERPRINT", "digest", "erased_fingerprint"]

#: the ``erase`` audit detail's key for :func:`erased_fingerprint`
FINGERPRINT = "fingerprint"


def erased_fingerprint(cur: sqlite3.Cursor, patient_id: int) -> str | None:
    """The fingerprint of patient ``patient_id`` as the database holds them now (None: no such row)."""
    row = cur.execute("SELECT created_at FROM patients WHERE id = ?", (patient_id,)).fetchone()
    if row is None:
        return None
    return digest(patient_id, row[0])


def digest(patient_id: int, created_at: object) -> str:
    text = f"clinic-desktop/erase:{patient_id}:{created_at}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
