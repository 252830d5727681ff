"""A 5,000-row call list exports in < 3 s (and the filled-in file imports back in reasonable time).

Run with ``python -m pytest tests/perf/test_call_list_export_perf.py -m slow -s``: it prints its figures.
Each timing is the best of three runs so a noisy neighbour does not fail it.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from clinic_desktop.db.models import Patient
from clinic_desktop.io.calllist_xlsx import COLUMNS, write_call_list
from clinic_desktop.services.calllists import BuiltList, CallRow, load_saved, save_list
from clinic_desktop.services.calllists.export import export_list, print_row
from clinic_desktop.services.calllists.outcomes import import_outcomes
from clinic_desktop.services.database import Database, open_database
from clinic_desktop.services.demo.builder import generate_demo

pytestmark = pytest.mark.slow
AS_OF = date(2026, 11, 20)
ROWS = 5_000


def _best(fn: Callable[[], object], runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def _five_thousand_row_list(db: Database) -> int:
    """A saved list of 5,000 real patients, each with its own reason and script (the worst case: no
    shared script printed above the table, every row wraps)."""
    with db.sessions() as session:
        patients = session.execute(select(Patient.id, Patient.name, Patient.phone).limit(ROWS)).all()
    assert len(patients) == ROWS
    rows = [
        CallRow(
            patient_id=pid, name=name, phone=phone, gender="F", age=35, stage="repeat", tier="B",
            composite="3.20", last_visit=date(2025, 5, 1), last_contact=date(2026, 9, 1),
            reason=f"已 18 个月未到店（上次 2025-05-01），累计消费 ¥{pid * 7 % 30000:,}，共 {pid % 9 + 1} 次",
            script=f"{name}您好，这里是阳光口腔，好久没见您了，想问候一下您最近的口腔状况。老朋友回店礼：满 200 减 50。",
            row_key=uuid.uuid4().hex,
        )
        for pid, name, phone in patients
    ]  # fmt: skip
    built = BuiltList("reactivation", AS_OF, {}, rows, dict.fromkeys(
        ("do_not_contact", "no_consent", "booked", "frequency_cap", "at_risk", "no_phone"), 0))  # fmt: skip
    return save_list(db, built)


def test_export_and_import_5000_rows(tmp_path: Path) -> None:
    db = open_database(tmp_path / "perf.db")
    try:
        generate_demo(db, patients=ROWS + 200, seed=1, as_of=AS_OF)
        list_id = _five_thousand_row_list(db)
        path = tmp_path / "list.xlsx"
        load = _best(lambda: load_saved(db, list_id))
        saved = load_saved(db, list_id)
        rows = [print_row(row) for row in saved.rows]
        write = _best(
            lambda: write_call_list(
                path, clinic="阳光口腔", kind_label="沉睡唤醒", as_of=AS_OF, rows=rows, list_id=list_id
            )
        )
        export = _best(lambda: export_list(db, list_id, path))
        size_kb = path.stat().st_size / 1024

        wb = openpyxl.load_workbook(path)
        ws = wb["回访名单"]
        result = 1 + [h for h, _ in COLUMNS].index("结果")
        for r in range(4, 4 + ROWS):
            ws.cell(r, result).value = "未接" if r % 2 else "接通"
        wb.save(path)
        started = time.perf_counter()
        summary = import_outcomes(db, path, when=datetime(2026, 11, 20, 17, 0))
        imported = time.perf_counter() - started
    finally:
        db.close()
    print(
        f"\n{ROWS:,}-row call list: write .xlsx {write:.2f} s ({size_kb:,.0f} KB), load_saved {load:.2f} s,"
        f" export_list in all {export:.2f} s; import outcomes {imported:.2f} s"
    )
    assert summary.recorded == ROWS and summary.errors == []
    assert write < 2.0, "writing the sheet"
    assert load < 1.0, "load_saved (services/call_lists)"
    assert export < 3.0
    assert imported < 10.0
