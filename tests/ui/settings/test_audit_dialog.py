"""The audit log viewer: rows with time, role and what; filters; export (itself on record)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from clinic_desktop.services.audit import record_audit, record_export
from clinic_desktop.services.database import Database
from clinic_desktop.services.roles import enable_roles, lock, unlock
from clinic_desktop.ui.settings.audit_dialog import AuditDialog
from clinic_desktop.ui.settings.page import SettingsPage


def _rows(dialog: AuditDialog) -> list[tuple[str, str, str]]:
    m = dialog.model
    return [
        (str(m.index(r, 1).data()), str(m.index(r, 2).data()), str(m.index(r, 3).data()))
        for r in range(m.rowCount())
    ]


def test_rows_filters_and_export(qtbot, db: Database, tmp_path: Path, sync_tasks: None) -> None:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as session:
        record_audit(session, "settings change", {"clinic_name": {"old": "甲", "new": "乙"}})
    enable_roles(db, "owner-pass-1")
    lock(db)
    record_export(db, "chart", tmp_path / "漏斗.png", title="生命周期漏斗")
    assert unlock(db, "owner-pass-1")
    dialog = AuditDialog(db, today=date.today())
    qtbot.addWidget(dialog)
    assert _rows(dialog) == [
        ("店主", "店主解锁", "role: owner"),
        ("前台", "导出", f"图表 · path: {tmp_path / '漏斗.png'} · title: 生命周期漏斗"),
        ("店主", "权限设置", "roles: False → True"),
        ("店主", "修改设置", "clinic_name: 甲 → 乙"),
    ]
    assert dialog.count_label.text() == "共 4 条"
    dialog.role.setCurrentIndex(dialog.role.findData("staff"))
    dialog.reload()
    assert [r[1] for r in _rows(dialog)] == ["导出"]
    dialog.role.setCurrentIndex(0)
    dialog.action.setCurrentIndex(dialog.action.findData("settings change"))
    dialog.text.setText("乙")
    dialog.reload()
    assert [r[1] for r in _rows(dialog)] == ["修改设置"]

    target = tmp_path / "audit.xlsx"
    dialog._ask_save_path = lambda _suggested: target  # type: ignore[method-assign]
    dialog.export()
    sheet = list(load_workbook(target).active.iter_rows(values_only=True))
    assert sheet[2] == ("时间", "角色", "操作", "内容") and sheet[3][2] == "修改设置"
    assert dialog.count_label.text() == "共 1 条"  # read again after the export (same filter)
    dialog.action.setCurrentIndex(0)
    dialog.text.clear()
    dialog.reload()
    assert _rows(dialog)[0][1:] == ("导出", f"操作日志 · path: {target} · rows: 1 · title: 操作日志")


def test_the_settings_page_opens_it(qtbot, db: Database, sync_tasks: None, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    opened: list[AuditDialog] = []
    monkeypatch.setattr(AuditDialog, "exec", lambda self: opened.append(self) or 0)
    page = SettingsPage(db)
    qtbot.addWidget(page)
    page.privacy.audit_button.click()
    assert len(opened) == 1
