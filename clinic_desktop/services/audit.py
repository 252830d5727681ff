"""The audit trail shared by the services: one :class:`AuditLog` row per user-visible change."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from clinic_desktop.db.models import AuditLog

__all__ = ["record_audit"]


def record_audit(session: Session, action: str, detail: dict[str, Any]) -> None:
    """Add an audit row to ``session`` (written with the caller's transaction, or not at all)."""
    session.add(AuditLog(action=action, detail=json.dumps(detail, ensure_ascii=False, sort_keys=True)))
