"""Archive and un-archive from the patient view and for a selection in the list (issue 13 item 2), and the
list's 已归档 filter that finds them again."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from builders import add_patient, add_visit
from clinic_desktop.db.models import AuditLog, Patient
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute
from clinic_desktop.ui.patients.detail import PatientDetailDialog
from clinic_desktop.ui.patients.page import PatientsPage

TODAY = date.today()


@pytest.fixture
def clinic(db: Database) -> dict[str, int]:
    with db.sessions.begin() as s:
        ids = {}
        for n, name in enumerate(("甲", "乙", "丙")):
            p = add_patient(s, name, f"1380000000{n}")
            add_visit(s, p, date(2026, 1, 10), 100 * (n + 1))
            ids[name] = p.id
    recompute(db, TODAY)
    return ids


@pytest.fixture
def page(qtbot: Any, db: Database, clinic: dict[str, int], sync_tasks: None) -> PatientsPage:
    widget = PatientsPage(db)
    qtbot.addWidget(widget)
    widget.resize(1280, 600)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: widget.list.model.rowCount() == 3)
    return widget


def _names(page: PatientsPage) -> list[str]:
    model = page.list.model
    return sorted(model.patient_row(r).name for r in range(model.rowCount()))


def _archived(db: Database) -> dict[str, bool]:
    with db.sessions() as s:
        return {p.name: p.archived for p in s.scalars(select(Patient))}


def test_archive_and_unarchive_a_selection_in_the_list(page: PatientsPage, db: Database) -> None:
    button = page.archive_button
    asked: list[str] = []
    told: list[str] = []
    button._confirm = lambda _title, text: asked.append(text) or True  # type: ignore[method-assign]
    button._tell = lambda _title, text, error=False: told.append(text)  # type: ignore[method-assign]
    assert [a.text() for a in button.menu().actions()] == ["归档所选患者…", "取消归档所选患者…"]
    rows = [r for r in range(3) if page.list.model.patient_row(r).name in ("甲", "乙")]
    for row in rows:
        page.list.table.selectionModel().select(
            page.list.model.index(row, 0),
            page.list.table.selectionModel().SelectionFlag.Select
            | page.list.table.selectionModel().SelectionFlag.Rows,
        )
    button.menu().actions()[0].trigger()
    assert "归档选中的 2 位患者" in asked[0] and "ERS 排名" in asked[0]
    assert told == ["已归档 2 位患者（其余 0 位原本已归档）。"]
    assert _archived(db) == {"甲": True, "乙": True, "丙": False}
    assert _names(page) == ["丙"]  # they left the list
    # the 已归档 filter finds them; un-archive them from there
    page.list.archive_filter.setCurrentIndex(page.list.archive_filter.findData("archived"))
    assert _names(page) == ["乙", "甲"]
    page.list.table.selectAll()
    button.apply(False)
    assert "取消归档选中的 2 位患者" in asked[1]
    assert _archived(db) == {"甲": False, "乙": False, "丙": False}
    assert _names(page) == []
    page.list.archive_filter.setCurrentIndex(page.list.archive_filter.findData("all"))
    assert _names(page) == ["丙", "乙", "甲"]
    with db.sessions() as s:
        assert [a.action for a in s.scalars(select(AuditLog).order_by(AuditLog.id))] == [
            "archive",
            "unarchive",
        ]


def test_archive_and_unarchive_from_the_patient_view(
    qtbot: Any, db: Database, clinic: dict[str, int], sync_tasks: None
) -> None:
    dialog = PatientDetailDialog(db, clinic["丙"], as_of=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    asked: list[str] = []
    dialog._confirm = lambda _title, text: asked.append(text) or True  # type: ignore[method-assign]
    assert dialog.archive_button.text() == "归档(&A)…"
    with qtbot.waitSignal(dialog.patientChanged):
        dialog.archive_button.click()
    assert asked[0].startswith("归档患者 丙？")
    assert dialog.name_label.text() == f"丙（{TODAY.isoformat()} 归档）"
    assert dialog.archive_button.text() == "取消归档(&A)…"
    assert _archived(db)["丙"]
    with qtbot.waitSignal(dialog.patientChanged):
        dialog.archive_button.click()
    assert asked[1].startswith("取消归档患者 丙？")
    assert dialog.name_label.text() == "丙" and not _archived(db)["丙"]
    # declining changes nothing
    dialog._confirm = lambda _title, _text: False  # type: ignore[method-assign]
    dialog.archive_button.click()
    assert not _archived(db)["丙"]
