"""The minimal main window shows the open database and its patients' stages."""

from __future__ import annotations

from datetime import date

from builders import add_patient, add_visit
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute
from clinic_desktop.ui.main_window import MainWindow


def test_main_window_shows_counts(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        p = add_patient(s, "张三", "13800000001")
        add_visit(s, p, date(2026, 5, 1), 300)
        add_patient(s, "李四", "13800000002")
    recompute(db, date(2026, 11, 22))
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    assert str(db.path) in window.summary.text()
    assert "2 位" in window.summary.text()
    assert window.stage_labels["customer"].text() == "1"
    assert window.stage_labels["stranger"].text() == "1"
    assert window.stage_labels["vip"].text() == "0"


def test_empty_database_says_how_to_start(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(db)
    qtbot.addWidget(window)
    texts = [w.text() for w in window.findChildren(type(window.summary))]
    assert any("数据库为空" in t for t in texts)
