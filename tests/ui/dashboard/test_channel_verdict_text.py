"""渠道质量 on a freshly imported clinic where nobody has paid yet (issue 12): no best and no worst channel,
and the page says why."""

from __future__ import annotations

from datetime import date
from typing import Any

from builders import add_patient
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute
from clinic_desktop.ui.dashboard.page import DashboardPage


def test_no_verdict_when_nobody_paid(qtbot: Any, db: Database, sync_tasks: None) -> None:
    with db.sessions.begin() as s:
        for i in range(30):
            add_patient(s, f"患者{i}", f"138000000{i:02d}", source=("美团", "抖音", "朋友介绍")[i % 3])
    recompute(db, date(2026, 11, 20))
    page = DashboardPage(db)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    page.tabs.setCurrentIndex(1)  # 渠道质量
    tab = page.channels_tab
    assert "还没有患者付费" in tab.verdict.text()
    assert not any(row.mark for row in tab.model.rows())
