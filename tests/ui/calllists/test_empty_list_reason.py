"""An empty call list says why on the call-list screen (issue 12): here, that no patient has marketing
consent yet, and where to record it in bulk."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from builders import add_patient
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute
from clinic_desktop.ui.calllists.page import CallListsPage

AS_OF = date(2026, 11, 20)


def test_the_screen_says_why_the_list_is_empty(qtbot: Any, db: Database, sync_tasks: None) -> None:
    with db.sessions.begin() as s:
        add_patient(s, "老客", "13800000001", opening_spend_fen=500_000, opening_last_visit=date(2023, 1, 5))
    recompute(db, AS_OF)
    page = CallListsPage(db, today=lambda: AS_OF)
    qtbot.addWidget(page)
    page.resize(1150, 720)
    page.show()
    qtbot.waitExposed(page)
    qtbot.mouseClick(page.picker.buttons["reactivation"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 0
    text = page.status.text()
    assert "还没有任何患者记录营销同意" in text and "营销同意/勿扰" in text
