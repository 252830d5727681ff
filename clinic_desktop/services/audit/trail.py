"""Writing the audit trail: one ``audit_log`` row per use-case that changes or takes out data.

Written inside the use-case's own transaction (the row exists exactly when the change does). ``user`` is
the acting role (``owner``/``staff``) read from the session's :class:`~clinic_desktop.core.access.Access`;
with roles off everyone acts as the owner. A command-line action also says ``"via": "cli"``.

A detail names a patient only by id, under one of :data:`PATIENT_KEYS`, never by name or phone — so an
erased patient can be struck from earlier rows (:mod:`clinic_desktop.services.privacy`) and the trail can
be read by the owner without showing anyone's health data.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from sqlalchemy.orm import Session

from clinic_desktop.core.access import Access
from clinic_desktop.db.models import AuditLog
from clinic_desktop.services.database import SESSION_ACCESS, Database

__all__ = ["PATIENT_KEYS", "audit_user", "encode_detail", "insert_audit", "record_audit"]

#: detail keys whose value is a patient id or a list of them (what erasing a patient strikes out)
PATIENT_KEYS: frozenset[str] = frozenset(
    {"patient_id", "kept", "merged", "consent_changed", "do_not_contact_changed"}
)


def _detail(access: Access | None, detail: dict[str, Any]) -> dict[str, Any]:
    if access is not None and access.via != "app":
        return {**detail, "via": access.via}
    return detail


def encode_detail(detail: dict[str, Any]) -> str:
    return json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str)


def audit_user(db: Database) -> str:
    """The ``audit_log.user`` value for an action on ``db`` now."""
    return db.access.role.value


def record_audit(session: Session, action: str, detail: dict[str, Any]) -> None:
    """Add an audit row to ``session`` (written with the caller's transaction, or not at all)."""
    access = session.info.get(SESSION_ACCESS)
    user = access.role.value if isinstance(access, Access) else None
    acting = access if isinstance(access, Access) else None
    session.add(AuditLog(action=action, user=user, detail=encode_detail(_detail(acting, detail))))


def insert_audit(cur: sqlite3.Cursor, access: Access, action: str, detail: dict[str, Any]) -> None:
    """:func:`record_audit` for the bulk writers that run on a raw ``sqlite3`` cursor (import, undo);
    ``access`` is the database's (``db.access``)."""
    cur.execute(
        "INSERT INTO audit_log (action, user, detail) VALUES (?, ?, ?)",
        (action, access.role.value, encode_detail(_detail(access, detail))),
    )
