"""Reading the audit trail: filter it, describe each row in words, export it (owner only).

``audit_log.at`` is SQLite's ``CURRENT_TIMESTAMP`` — UTC. The owner thinks in local time, so rows are
shown in local time and a day filter means the local day (converted to UTC bounds for the query).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select

from clinic_desktop.core.access import ROLE_LABELS, Permission, Role
from clinic_desktop.db.models import AuditLog
from clinic_desktop.services.audit.exports import EXPORT_KINDS, export_table
from clinic_desktop.services.database import Database

__all__ = [
    "ACTION_LABELS",
    "AuditEntry",
    "AuditFilter",
    "action_label",
    "audit_actions",
    "describe_detail",
    "export_audit",
    "list_audit",
]

#: stored action → (中文, English); an action not listed is shown as stored
ACTION_LABELS: dict[str, tuple[str, str]] = {
    "import": ("导入", "Import"),
    "import_undo": ("撤销导入", "Undo import"),
    "contact_flags": ("批量设置营销同意/勿扰", "Bulk consent / do-not-contact"),
    "outcomes import": ("导入回访结果", "Import call outcomes"),
    "export": ("导出", "Export"),
    "erase": ("删除患者", "Erase patient"),
    "merge": ("合并患者", "Merge patients"),
    "tag merge": ("合并标签", "Merge tags"),
    "tag delete": ("删除标签", "Delete tag"),
    "backup": ("备份", "Backup"),
    "restore": ("恢复", "Restore"),
    "settings change": ("修改设置", "Settings change"),
    "settings": ("修改名单规则", "Call-list rules change"),
    "catalogue change": ("修改项目目录", "Catalogue change"),
    "roles": ("权限设置", "Roles change"),
    "login": ("店主解锁", "Owner unlocked"),
    "login failed": ("密码错误", "Wrong password"),
}

#: at most this many rows are read for the screen (newest first); the export takes them all
SCREEN_LIMIT = 5_000


def action_label(action: str, language: str = "zh_CN") -> str:
    zh, en = ACTION_LABELS.get(action, (action, action))
    return en if language.startswith("en") else zh


def _to_utc(moment: datetime) -> datetime:
    """A naive local moment → the naive UTC moment SQLite stores."""
    return moment.astimezone(UTC).replace(tzinfo=None)


def _to_local(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


@dataclass(frozen=True)
class AuditFilter:
    """Local days, inclusive; ``role`` "owner"/"staff" or ``""`` for "before roles" (no user); ``text``
    is searched in the detail."""

    day_from: date | None = None
    day_to: date | None = None
    action: str | None = None
    role: str | None = None
    text: str = ""


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime  #: local time
    user: str | None
    action: str
    detail: dict[str, Any]

    def role_label(self, language: str = "zh_CN") -> str:
        try:
            zh, en = ROLE_LABELS[Role(self.user or "")]
        except ValueError:
            return self.user or "—"
        return en if language.startswith("en") else zh


def _query(f: AuditFilter) -> Any:
    q = select(AuditLog).order_by(AuditLog.at.desc(), AuditLog.id.desc())
    if f.day_from is not None:
        q = q.where(AuditLog.at >= _to_utc(datetime.combine(f.day_from, time())))
    if f.day_to is not None:
        q = q.where(AuditLog.at < _to_utc(datetime.combine(f.day_to + timedelta(days=1), time())))
    if f.action:
        q = q.where(AuditLog.action == f.action)
    if f.role is not None:
        q = q.where(
            or_(AuditLog.user.is_(None), AuditLog.user == "") if f.role == "" else AuditLog.user == f.role
        )
    if f.text.strip():
        pattern = "%" + f.text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        q = q.where(AuditLog.detail.like(pattern, escape="\\"))
    return q


def _entry(row: AuditLog) -> AuditEntry:
    try:
        detail = json.loads(row.detail or "{}")
    except ValueError:
        detail = {"text": row.detail}
    if not isinstance(detail, dict):
        detail = {"value": detail}
    return AuditEntry(row.id, _to_local(row.at), row.user or None, row.action, detail)


def list_audit(
    db: Database, f: AuditFilter = AuditFilter(), *, limit: int | None = SCREEN_LIMIT
) -> list[AuditEntry]:
    """The rows matching ``f``, newest first (owner only)."""
    db.access.require(Permission.VIEW_AUDIT)
    q = _query(f)
    if limit is not None:
        q = q.limit(limit)
    with db.sessions() as session:
        return [_entry(row) for row in session.scalars(q)]


def audit_actions(db: Database) -> list[str]:
    """Every action on record, for the filter's drop-down."""
    db.access.require(Permission.VIEW_AUDIT)
    with db.sessions() as session:
        return sorted(session.scalars(select(AuditLog.action).distinct()))


def _value(value: Any) -> str:
    if isinstance(value, dict) and value.keys() == {"old", "new"}:  # a change: what it was → what it became
        return f"{_value(value['old'])} → {_value(value['new'])}"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if value is None:
        return "–"
    return str(value)


def describe_detail(entry: AuditEntry, language: str = "zh_CN") -> str:
    """One line a person can read: the export kind in words, then ``key: value`` pairs."""
    parts = []
    detail = dict(entry.detail)
    what = detail.pop("what", None)
    if isinstance(what, str):
        zh, en = EXPORT_KINDS.get(what, (what, what))
        parts.append(en if language.startswith("en") else zh)
    parts.extend(f"{key}: {_value(value)}" for key, value in detail.items())
    return " · ".join(parts)


def export_audit(
    db: Database, path: Path | str, f: AuditFilter = AuditFilter(), language: str = "zh_CN"
) -> Path:
    """The rows matching ``f`` as ``.xlsx`` (owner only; the export is itself audited)."""
    from clinic_desktop.io.table_xlsx import TableColumn  # openpyxl: only when something is exported

    db.access.require(Permission.VIEW_AUDIT)
    entries = list_audit(db, f, limit=None)
    en = language.startswith("en")
    columns = [
        TableColumn("Time" if en else "时间"),
        TableColumn("Role" if en else "角色"),
        TableColumn("Action" if en else "操作"),
        TableColumn("Detail" if en else "内容"),
    ]
    rows = [
        (e.at, e.role_label(language), action_label(e.action, language), describe_detail(e, language))
        for e in entries
    ]
    title = "Audit log" if en else "操作日志"
    return export_table(db, path, columns, rows, what="audit_log", sheet_title=title, caption=title)
