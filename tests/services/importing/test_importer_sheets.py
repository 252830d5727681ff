"""The importer on the other sheets of the clinic workbook: patients referred to by phone (from the file or
the database), enumerations in Chinese or as codes, the catalogue, and "已存在" on re-import."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

from builders import add_patient
from clinic_desktop.services.database import Database
from clinic_desktop.services.importing.importer import inspect_file, plan_import, run_import


def _book(tmp_path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    path = tmp_path / "clinic.xlsx"
    wb.save(path)
    return path


def _rows(db: Database, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(db.path)) as conn:
        return conn.execute(sql).fetchall()


def test_child_sheets_find_patients_in_the_file_or_the_database(db: Database, tmp_path: Path) -> None:
    with db.sessions.begin() as session:
        add_patient(session, "老客", "13900000000")
    path = _book(
        tmp_path,
        {
            "患者": [["姓名", "手机"], ["新客", "13800000001"]],
            "消费": [
                ["手机", "日期", "项目", "金额", "员工"],
                ["13800000001", date(2025, 1, 2), "洁牙", 198, "李医生"],
                ["13900000000", date(2025, 1, 3), "补牙", "1,200.50", None],
                ["13700000000", date(2025, 1, 4), "洁牙", 198, None],
                [None, date(2025, 1, 4), "洁牙", 198, None],
            ],
            "互动": [
                ["手机", "时间", "类型", "内容"],
                ["13800000001", datetime(2025, 1, 1, 20, 0), "咨询", "问价"],
                ["13800000001", "2025-01-01 21:00", "consult", None],
                ["13800000001", datetime(2025, 1, 1, 22, 0), "打招呼", None],
            ],
            "预约": [
                ["手机", "时间", "项目", "状态"],
                ["13800000001", datetime(2025, 7, 1, 9, 30), "洁牙", None],
            ],
            "满意度": [
                ["手机", "日期", "总体评分", "NPS", "评论", "就诊日期"],
                ["13800000001", date(2025, 1, 3), 5, 9, "好", date(2025, 1, 2)],
                ["13800000001", date(2025, 1, 3), 6, None, None, None],
            ],
            "联系记录": [
                ["手机", "时间", "渠道", "目的", "结果", "备注"],
                ["13900000000", datetime(2025, 2, 1, 10, 0), "电话", "复诊提醒", "已预约", "约了"],
                ["13900000000", datetime(2025, 2, 2, 10, 0), "wechat", "campaign", "no_answer", None],
                ["13900000000", datetime(2025, 2, 3, 10, 0), "飞鸽", "复诊提醒", "接通", None],
            ],
        },
    )
    plan = plan_import(db, inspect_file(path))
    reasons = {(i.sheet, i.row): i.zh for i in plan.issues if i.skipped}
    assert "13700000000" in reasons["消费", 4]
    assert "手机" in reasons["消费", 5]
    assert "打招呼" in reasons["互动", 4]
    assert "6" in reasons["满意度", 3]
    assert "飞鸽" in reasons["联系记录", 4]
    assert len(reasons) == 5
    summary = run_import(db, plan)
    assert summary.inserts == {
        "patients": 1,
        "visits": 2,
        "surveys": 1,
        "interactions": 2,
        "appointments": 1,
        "contacts": 2,
    }
    assert _rows(db, "SELECT status FROM appointments") == [("booked",)]
    assert _rows(db, "SELECT kind FROM interactions ORDER BY occurred_at") == [("consult",), ("consult",)]
    assert _rows(db, "SELECT channel, purpose, outcome FROM contacts ORDER BY contacted_at") == [
        ("phone", "recall", "booked"),
        ("wechat", "campaign", "no_answer"),
    ]
    visit = _rows(
        db, "SELECT v.id FROM visits v JOIN patients p ON p.id = v.patient_id WHERE p.phone = '13800000001'"
    )
    assert _rows(db, "SELECT visit_id, overall, nps FROM surveys") == [(visit[0][0], 5, 9)]
    assert _rows(db, "SELECT amount_fen FROM visits ORDER BY visit_date") == [(19800,), (120050,)]

    again = plan_import(db, inspect_file(path))
    exists = [i for i in again.issues if i.zh.startswith("已存在")]
    assert len(exists) == 8 and again.inserts == {} and again.created == 0


def test_identical_lines_in_one_file_are_kept_but_not_duplicated_on_reimport(
    db: Database, tmp_path: Path
) -> None:
    """Two identical visit lines (two check-ups on one day) are two visits; importing again adds none."""
    visit = ["13800000001", date(2025, 1, 2), "口腔检查", 0]
    path = _book(
        tmp_path,
        {
            "患者": [["姓名", "手机"], ["张三", "13800000001"]],
            "消费": [["手机", "日期", "项目", "金额"], visit, visit],
        },
    )
    assert run_import(db, inspect_file(path)).inserts["visits"] == 2
    assert plan_import(db, inspect_file(path)).inserts == {}
    assert len(_rows(db, "SELECT id FROM visits")) == 2


def test_treatment_catalogue_sheet_creates_and_updates(db: Database, tmp_path: Path) -> None:
    path = _book(
        tmp_path,
        {
            "项目": [
                ["名称", "类别", "复诊间隔天数"],
                ["洁牙", "口腔", 90],
                ["新项目", "医美", None],
                ["坏", "x", -3],
            ]
        },
    )
    plan = plan_import(db, inspect_file(path))
    assert (plan.created, plan.updated, plan.skipped) == (1, 1, 1)
    run_import(db, plan)
    assert _rows(db, "SELECT recall_days FROM treatments WHERE name = '洁牙'") == [(90,)]
    assert _rows(db, "SELECT category FROM treatments WHERE name = '新项目'") == [("医美",)]


def test_sheet_kind_from_headers_when_the_name_says_nothing(tmp_path: Path) -> None:
    path = _book(
        tmp_path,
        {
            "Sheet1": [["手机", "日期", "项目", "金额"], ["13800000001", date(2025, 1, 2), "洁牙", 198]],
            "Sheet2": [["手机", "时间", "渠道", "目的", "结果"]],
            "Sheet3": [["姓名", "电话"], ["张三", "13800000001"]],
            "说明": [["这是说明"]],
        },
    )
    kinds = {s.name: s.kind for s in inspect_file(path).sheets}
    assert kinds == {"Sheet1": "visits", "Sheet2": "contacts", "Sheet3": "patients", "说明": None}
