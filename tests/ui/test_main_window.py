"""The minimal main window shows the open database, its patients' stages, and a first-run offer."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from builders import add_patient, add_visit
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute
from clinic_desktop.ui.main_window import DEMO_PATIENTS, MainWindow


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
    assert not window.first_run.isVisible()


def test_first_run_loads_demo_data_in_the_background(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    assert window.first_run.isVisible()
    qtbot.mouseClick(window.demo_button, Qt.MouseButton.LeftButton)
    assert not window.demo_button.isEnabled()  # the click returned at once; the work runs elsewhere
    qtbot.waitUntil(lambda: not window.first_run.isVisible(), timeout=60_000)
    assert db.patient_count() == DEMO_PATIENTS
    from clinic_desktop.services.report import patient_counts

    active, archived = patient_counts(db)
    assert active + archived == DEMO_PATIENTS
    assert f"患者：{active:,} 位（另有 {archived:,} 位已归档）" in window.summary.text()
    assert sum(int(label.text().replace(",", "")) for label in window.stage_labels.values()) > 0
