"""Bulk 营销同意/勿扰 from the patient list's selection (issue 12): confirm, record for every selected
patient (dated, audited), refresh the list, say how many changed."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from builders import add_patient
from clinic_desktop.db.models import AuditLog, Patient
from clinic_desktop.services.database import Database
from clinic_desktop.ui.patients.page import PatientsPage


@pytest.fixture
def page(qtbot: Any, db: Database, sync_tasks: None) -> PatientsPage:
    with db.sessions.begin() as s:
        add_patient(s, "甲", "13800000001")
        add_patient(s, "乙", "13800000002", marketing_consent=True, marketing_consent_at=date(2025, 1, 1))
        add_patient(s, "丙", "13800000003")
    widget = PatientsPage(db)
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: widget.list.model.rowCount() == 3)
    return widget


def test_record_consent_for_the_selection(page: PatientsPage, db: Database) -> None:
    button = page.flags_button
    asked: list[str] = []
    told: list[str] = []
    button._confirm = lambda _title, text: asked.append(text) or True  # type: ignore[method-assign]
    button._tell = lambda _title, text, error=False: told.append(text)  # type: ignore[method-assign]
    button.apply("consent")
    assert told == ["请先在列表中选中患者（可先筛选，再按 Ctrl+A 全选）。"] and not asked
    told.clear()
    page.list.table.selectAll()
    assert len(page.list.selected_patient_ids()) == 3
    actions = [a.text() for a in button.menu().actions()]
    assert actions == ["记录营销同意…", "撤销营销同意…", "标记为勿扰…", "取消勿扰…"]
    button.menu().actions()[0].trigger()
    assert asked and "为选中的 3 位患者记录营销同意" in asked[0]
    assert told == ["已为 2 位患者记录营销同意（其余 1 位原本已同意）。"]
    with db.sessions() as s:
        consent = {p.name: (p.marketing_consent, p.marketing_consent_at) for p in s.scalars(select(Patient))}
        audits = s.scalars(select(AuditLog).where(AuditLog.action == "contact_flags")).all()
    assert consent["乙"] == (True, date(2025, 1, 1)) and consent["甲"][0] and consent["丙"][0]
    assert len(audits) == 1


def test_declining_the_question_changes_nothing(page: PatientsPage, db: Database) -> None:
    button = page.flags_button
    button._confirm = lambda _title, _text: False  # type: ignore[method-assign]
    button._tell = lambda *_args, **_kw: None  # type: ignore[method-assign]
    page.list.table.selectAll()
    button.apply("dnc")
    with db.sessions() as s:
        assert not any(p.do_not_contact for p in s.scalars(select(Patient)))
