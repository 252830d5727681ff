"""Knowledge 认知 and rule-derived tags in the patient screens (PRODUCT §4.1), driven by keyboard:
F7 懂行 / F8 不太懂 in the 360° view (again to clear) and for a selection in the list; the suggestion is
shown, never set; derived tags carry their reason and cannot be removed by hand."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from builders import add_interaction, add_patient, add_visit
from clinic_desktop.core.access import AccessOptions
from clinic_desktop.db.models import Patient
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute
from clinic_desktop.services.roles import enable_roles, lock
from clinic_desktop.ui.patients.detail import PatientDetailDialog
from clinic_desktop.ui.patients.page import PatientsPage

AS_OF = date(2026, 11, 22)


@pytest.fixture
def clinic(db: Database) -> dict[str, int]:
    """王芳: two visits with a coupon (价格敏感), three consults (the app suggests 懂行), no knowledge yet.
    李明: two visits without coupons, knowledge not recorded either."""
    with db.sessions.begin() as s:
        wang = add_patient(s, "王芳", "13800000001")
        for day in (date(2026, 3, 1), date(2026, 8, 1)):
            add_visit(s, wang, day, 500, coupon="团购券")
        for k in range(3):
            add_interaction(s, wang, datetime(2026, 2, 1 + k, 10), "consult")
        li = add_patient(s, "李明", "13800000002")
        for day in (date(2026, 4, 1), date(2026, 9, 1)):
            add_visit(s, li, day, 800)
        ids = {"wang": wang.id, "li": li.id}
    recompute(db, AS_OF)
    return ids


def _knowledge(db: Database) -> dict[str, str | None]:
    with db.sessions() as s:
        return {str(n): k for n, k in s.execute(select(Patient.name, Patient.knowledge))}


def test_f7_and_f8_in_the_360_view(
    qtbot: Any, db: Database, clinic: dict[str, int], sync_tasks: None
) -> None:
    dialog = PatientDetailDialog(db, clinic["wang"], as_of=AS_OF)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # shortcuts work in the active window, as on a desktop
    assert dialog.segment_label.text() == "未知"
    assert dialog.knowledge_label.text() == "建议：懂行（3 次咨询/报价），请确认"
    assert _knowledge(db)["王芳"] is None  # a suggestion is never written
    qtbot.keyClick(dialog, Qt.Key.Key_F7)
    assert _knowledge(db)["王芳"] == "expert"
    assert dialog.segment_label.text() == "懂行·价格敏感"
    assert dialog.segment_reason_label.text().startswith(
        "认知：懂行（员工记录）；近 24 个月 2 次消费中 2 次用券"
    )
    assert dialog.expert_button.isChecked() and dialog.knowledge_label.text() == ""
    qtbot.keyClick(dialog, Qt.Key.Key_F8)
    assert _knowledge(db)["王芳"] == "novice" and dialog.segment_label.text() == "不太懂·价格敏感"
    qtbot.keyClick(dialog, Qt.Key.Key_F8)  # the same key again clears it
    assert _knowledge(db)["王芳"] is None and dialog.segment_label.text() == "未知"


def test_derived_tags_show_their_reason_and_stay(
    qtbot: Any, db: Database, clinic: dict[str, int], sync_tasks: None
) -> None:
    dialog = PatientDetailDialog(db, clinic["wang"], as_of=AS_OF)
    qtbot.addWidget(dialog)
    dialog.show()
    chips = dialog.tags_panel.lists["consumption"]
    item = chips.item(0)
    assert item.text() == "价格敏感"
    assert item.toolTip() == "按规则自动计算，不能手动移除\n近 24 个月 2 次消费中 2 次用券（100%）；阈值 ≥50%"
    assert not item.flags() & Qt.ItemFlag.ItemIsSelectable
    assert "价格敏感" not in [
        dialog.tags_panel.name.itemText(i) for i in range(dialog.tags_panel.name.count())
    ]


def test_bulk_knowledge_from_the_list(
    qtbot: Any, db: Database, clinic: dict[str, int], sync_tasks: None
) -> None:
    page = PatientsPage(db)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    table = page.list.table
    table.selectAll()
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_F8)
    assert _knowledge(db) == {"王芳": "novice", "李明": "novice"}
    assert page.knowledge_status.text() == "已将 2 位患者记为“不太懂”"
    segments = {page.list.model.patient_row(r).name: page.list.model.patient_row(r).segment for r in range(2)}
    assert segments == {"王芳": "novice_price", "李明": "novice_follower"}
    page.list.segment_filter.actions_by_key["novice_follower"].trigger()
    assert page.list.model.rowCount() == 1 and page.list.model.patient_row(0).name == "李明"
    page.list.clear_filters()
    page.list.knowledge_filter.actions_by_key["unknown"].trigger()
    assert page.list.model.rowCount() == 0


def test_bulk_knowledge_asks_first_for_a_big_selection(
    qtbot: Any, db: Database, sync_tasks: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    with db.sessions.begin() as s:
        for n in range(25):
            add_patient(s, f"患者{n}", f"139000000{n:02d}")
    page = PatientsPage(db)
    qtbot.addWidget(page)
    page.show()
    asked: list[str] = []
    monkeypatch.setattr(page, "_confirm", lambda text: asked.append(text) or False)
    page.list.table.selectAll()
    page.record_knowledge("expert")
    assert asked == ["把选中的 25 位患者都记为“懂行”？"]
    assert set(_knowledge(db).values()) == {None}  # declined: nothing written


def test_staff_sees_a_rule_tags_rule_not_the_patients_money(
    qtbot: Any, db: Database, clinic: dict[str, int]
) -> None:
    """高客单 explains itself with the patient's ticket and the clinic's median: the owner's figures. With
    roles on, staff reads the rule instead (as the ERS line shows them scores without spend)."""
    with db.sessions.begin() as s:
        zhang = add_patient(s, "张伟", "13800000003")
        add_visit(s, zhang, date(2026, 6, 1), 5000)  # tickets ¥500, ¥800, ¥5,000: the median is ¥800
        zid = zhang.id
    recompute(db, AS_OF)

    def tooltip() -> str:
        dialog = PatientDetailDialog(db, zid, as_of=AS_OF)
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.record is not None)
        chips = dialog.tags_panel.lists["consumption"]
        items = [chips.item(i) for i in range(chips.count())]
        return next(item.toolTip() for item in items if item.text() == "高客单")

    assert "¥5,000" in tooltip() and "¥800" in tooltip()
    enable_roles(db, "owner-pass-1", AccessOptions())
    lock(db)
    staff = tooltip()
    assert "¥" not in staff and "客单价 ≥ 全院中位数的 2 倍" in staff
