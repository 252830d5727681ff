"""Issue 12's acceptance sheet: a clinic's own 客户资料 (``tests/data/import/messy_clinic.*``, made by
``make_golden.py``: merged title, 客户姓名/联系电话/性别/出生年月/来源/累计消费(元)/最近到店/备注/会员等级, 324
data rows of the §7.2 forms mixed, a section label, two rows typed twice, a 合计 row). Every real patient
goes in, the totals row does not, notes are counted right, stage and tier agree, and the recall,
reactivation and birthday lists can be built from it."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from clinic_desktop.services.calllists import build_list
from clinic_desktop.services.database import Database, open_database
from clinic_desktop.services.importing.importer import ImportSummary, inspect_file, run_import
from clinic_desktop.services.metrics import recompute
from clinic_desktop.services.patients import set_contact_flags
from clinic_desktop.services.report import report

DATA = Path(__file__).resolve().parents[2] / "data" / "import"
EXPECTED: dict[str, Any] = json.loads((DATA / "messy_clinic.expected.json").read_text(encoding="utf-8"))
NOW = datetime(2026, 11, 20, 10, 0)
AS_OF = NOW.date()


@pytest.fixture(scope="module", params=["messy_clinic.xlsx", "messy_clinic.xls", "messy_clinic_gbk.csv"])
def clinic(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    db = open_database(tmp_path_factory.mktemp("messy") / "clinic.db")
    summary = run_import(db, inspect_file(DATA / request.param), now=NOW)
    recompute(db, AS_OF)
    yield db, summary, request.param
    db.close()


def test_counts_add_up_and_match_the_sheet(clinic: Any) -> None:
    _, summary, _ = clinic
    s: ImportSummary = summary
    assert s.rows == EXPECTED["rows"] == s.as_is + s.noted + s.skipped
    assert (s.as_is, s.noted, s.skipped) == (EXPECTED["as_is"], EXPECTED["noted"], EXPECTED["skipped"])
    assert sorted({i.row for i in s.issues if i.skipped}) == EXPECTED["skipped_rows"]
    noted = {i.row for i in s.issues if i.note} - set(EXPECTED["skipped_rows"])
    assert sorted(noted) == EXPECTED["noted_rows"]


def test_every_real_patient_goes_in_and_the_totals_row_does_not(clinic: Any) -> None:
    db, summary, _ = clinic
    assert summary.created == EXPECTED["patients"] == db.patient_count()
    with closing(sqlite3.connect(db.path)) as conn:
        assert conn.execute("SELECT COUNT(*) FROM patients WHERE name LIKE '%合计%'").fetchone()[0] == 0
        biggest = conn.execute("SELECT MAX(opening_spend_fen) FROM patients").fetchone()[0]
    assert biggest <= 30_000 * 100  # the 合计 spend never became a patient's


def test_stage_tier_and_spend_agree(clinic: Any) -> None:
    db, _, _ = clinic
    with closing(sqlite3.connect(db.path)) as conn:
        rows = conn.execute(
            "SELECT p.opening_spend_fen, m.stage, m.tier, m.purchases, m.activity FROM patients AS p"
            " JOIN patient_metrics AS m ON m.patient_id = p.id"
        ).fetchall()
    assert len(rows) == EXPECTED["patients"]
    for spend, stage, tier, purchases, activity in rows:
        paid = spend > 0
        assert (purchases >= 1) == paid
        assert (stage in ("customer", "repeat", "vip")) == paid
        assert (activity != "none") == paid
        if tier is not None:
            assert paid
    data = report(db, AS_OF)
    assert data["stages"]["customer"] == sum(1 for r in rows if r[0] > 0)
    assert sum(data["tiers"][t] for t in "ABCD") > 0


def test_lists_can_be_built_and_say_why_when_empty(clinic: Any) -> None:
    db, _, _ = clinic
    recall = build_list(db, "recall", AS_OF)
    birthday = build_list(db, "birthday", AS_OF, params={"days": 30})
    reactivation = build_list(db, "reactivation", AS_OF)
    # a sheet of summaries has no treatment visits: recall is empty and says why
    assert recall.rows == [] and recall.empty_reason is not None and "累计消费" in recall.empty_reason[0]
    assert birthday.rows and all(r.age is not None for r in birthday.rows)
    with closing(sqlite3.connect(db.path)) as conn:
        partial = {r[0] for r in conn.execute("SELECT id FROM patients WHERE birth_partial IS NOT NULL")}
    assert not partial & {r.patient_id for r in birthday.rows}  # a birth month or year is no birthday
    # nobody has consent yet: the reactivation list explains how to record it
    assert reactivation.rows == [] and reactivation.empty_reason is not None
    assert "还没有任何患者记录营销同意" in reactivation.empty_reason[0]
    lapsed = reactivation.excluded_counts["no_consent"]
    assert lapsed > 0
    with closing(sqlite3.connect(db.path)) as conn:
        everyone = [r[0] for r in conn.execute("SELECT id FROM patients")]
    set_contact_flags(db, everyone, marketing_consent=True)
    again = build_list(db, "reactivation", AS_OF)
    assert again.rows and again.empty_reason is None


def test_importing_the_same_sheet_again_changes_nothing(tmp_path: Path) -> None:
    db = open_database(tmp_path / "clinic.db")
    try:
        first = run_import(db, inspect_file(DATA / "messy_clinic.xlsx"), now=NOW)
        again = run_import(db, inspect_file(DATA / "messy_clinic.xlsx"), now=NOW)
        assert first.created == EXPECTED["patients"]
        assert (again.created, again.updated, again.batch_id) == (0, 0, 0)
        assert db.patient_count() == EXPECTED["patients"]
    finally:
        db.close()


def test_problem_rows_fixed_and_imported_again(db: Database, tmp_path: Path) -> None:
    """The problem rows export with their cells and a reason; fixed and imported on their own they fill
    the empty fields of the patients the first import made — no duplicates."""
    from openpyxl import load_workbook

    from clinic_desktop.services.importing import write_problem_rows

    inspection = inspect_file(DATA / "messy_clinic.xlsx")
    summary = run_import(db, inspection, now=NOW)
    out = write_problem_rows(inspection, summary.issues, tmp_path / "问题行.xlsx")
    wb = load_workbook(out)
    ws = wb["客户资料"]
    header = [c.value for c in ws[1]]
    assert header[:9] == [
        "客户姓名",
        "联系电话",
        "性别",
        "出生年月",
        "来源",
        "累计消费(元)",
        "最近到店",
        "备注",
        "会员等级",
    ]
    assert header[9].startswith("导入问题")
    problem = {
        r[0].row: [c.value for c in r]
        for r in ws.iter_rows(min_row=2)
        if r[9].value and "已导入" in r[9].value
    }
    assert len(problem) == summary.noted
    # fix every row: a readable phone, a clear date, a non-negative amount, a name
    for cells in ws.iter_rows(min_row=2):
        reason = str(cells[9].value or "")
        if "不是有效的电话号码" in reason:  # a digit short: the receptionist adds it
            cells[1].value = "".join(c for c in str(cells[1].value) if c.isdigit()) + "8"
        if "最近到店" in reason:
            cells[6].value = "2024-01-15"
        if "出生年月" in reason:
            cells[3].value = "1980-01"
        if "金额不能为负数" in reason:
            cells[5].value = "100"
        if "未填姓名" in reason:
            cells[0].value = f"补名{cells[0].row}"
    wb.save(out)
    fixed = run_import(db, inspect_file(out), now=NOW)
    assert fixed.created == 0 and fixed.noted == 0, [i.zh for i in fixed.issues if i.note]
    assert db.patient_count() == EXPECTED["patients"]
    with closing(sqlite3.connect(db.path)) as conn:
        assert (
            conn.execute("SELECT COUNT(*) FROM patients WHERE notes LIKE '%电话（无法识别）%'").fetchone()[0]
            == 0
        )
        assert conn.execute("SELECT COUNT(*) FROM patients WHERE name = '未填姓名'").fetchone()[0] == 0
