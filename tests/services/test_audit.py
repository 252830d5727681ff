"""The audit trail: every row says which role acted; the owner can filter it and export it (audited too)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import update

from clinic_desktop.core.access import Role
from clinic_desktop.db.models import AuditLog
from clinic_desktop.io.table_xlsx import TableColumn
from clinic_desktop.services.audit import (
    AuditFilter,
    action_label,
    audit_actions,
    describe_detail,
    export_audit,
    export_table,
    list_audit,
    record_audit,
    record_export,
)
from clinic_desktop.services.database import Database
from clinic_desktop.services.roles import enable_roles, lock


def test_rows_carry_the_role_and_filter_by_day_action_role_and_text(db: Database, tmp_path: Path) -> None:
    with db.sessions.begin() as session:
        record_audit(session, "settings change", {"clinic_name": {"old": "甲", "new": "乙"}})
    enable_roles(db, "secret-123")
    lock(db)
    export_table(
        db,
        tmp_path / "channels.xlsx",
        ["渠道", TableColumn("人数")],
        [("美团", 3)],
        what="dashboard_table",
        sheet_title="渠道质量",
    )
    record_export(db, "chart", tmp_path / "funnel.png", chart="漏斗")
    with db.sessions.begin() as session:  # an old row from before roles existed, days ago (stored in UTC)
        record_audit(session, "import", {"file": "旧.xlsx"})
    long_ago = datetime.combine(date.today() - timedelta(days=3), time(12))
    with db.sessions.begin() as session:
        session.execute(update(AuditLog).where(AuditLog.action == "import").values(user=None, at=long_ago))
    db.access.act_as(Role.OWNER)

    everything = list_audit(db)
    assert [(e.user, e.action) for e in everything][:4] == [
        ("staff", "export"), ("staff", "export"), ("owner", "roles"), ("owner", "settings change"),
    ]  # fmt: skip
    assert [e.action for e in list_audit(db, AuditFilter(role="staff"))] == ["export", "export"]
    assert [e.action for e in list_audit(db, AuditFilter(role=""))] == ["import"]
    assert [e.detail.get("chart") for e in list_audit(db, AuditFilter(text="漏斗"))] == ["漏斗"]
    today = date.today()
    assert all(e.at.date() == today for e in list_audit(db, AuditFilter(day_from=today)))
    assert [e.action for e in list_audit(db, AuditFilter(day_to=today - timedelta(days=2)))] == ["import"]
    assert "import" in audit_actions(db) and action_label("erase", "en") == "Erase patient"
    table = list_audit(db, AuditFilter(text="渠道质量"))[0]
    assert describe_detail(table).startswith("看板表格 · ") and "rows: 1" in describe_detail(table)
    assert (
        everything[0].role_label("en") == "Staff"
        and list_audit(db, AuditFilter(role=""))[0].role_label() == "—"
    )


def test_export_of_the_audit_log_is_readable_and_itself_audited(db: Database, tmp_path: Path) -> None:
    with db.sessions.begin() as session:
        record_audit(session, "merge", {"kept": 1, "merged": [2]})
    out = export_audit(db, tmp_path / "audit.xlsx", language="en")
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[2] == ("Time", "Role", "Action", "Detail")
    assert rows[3][1:3] == ("Owner", "Merge patients")
    last = list_audit(db)[0]
    assert last.action == "export" and last.detail["what"] == "audit_log" and last.detail["rows"] == 1
