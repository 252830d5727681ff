"""PRODUCT §7.1: exporting a database to the clinic workbook and importing it into an empty one gives the
same data — every table compared as canonical tuples (ids replaced by what identifies the row)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from canonical_tables import canonical as _canonical
from clinic_desktop.services.database import Database, open_database
from clinic_desktop.services.demo.builder import generate_demo
from clinic_desktop.services.importing.importer import (
    export_workbook,
    inspect_file,
    plan_import,
    run_import,
    write_template,
)

AS_OF = date(2026, 6, 30)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Database:
    db = open_database(tmp_path_factory.mktemp("roundtrip") / "source.db")
    generate_demo(db, patients=300, seed=5, as_of=AS_OF)
    with closing(sqlite3.connect(db.path)) as conn:  # what clinics' own sheets bring (PRODUCT §7.2)
        conn.execute("UPDATE patients SET landline = '0571-8888' || printf('%04d', id) WHERE id % 7 = 0")
        conn.execute(
            "UPDATE patients SET birth_partial = substr(birth_date, 1, 7), birth_date = NULL"
            " WHERE id % 11 = 0 AND birth_date IS NOT NULL"
        )
        conn.execute(
            "UPDATE patients SET birth_partial = substr(birth_date, 1, 4), birth_date = NULL"
            " WHERE id % 13 = 0 AND birth_date IS NOT NULL"
        )
        conn.commit()
    return db


def test_export_then_import_into_an_empty_database_gives_the_same_data(
    demo_db: Database, tmp_path: Path
) -> None:
    book = tmp_path / "clinic.xlsx"
    summary = export_workbook(demo_db, book)
    assert summary.rows["patients"] == 300
    target = open_database(tmp_path / "target.db")
    try:
        result = run_import(target, inspect_file(book))
        assert [i for i in result.issues if i.skipped] == []
        before, after = _canonical(demo_db.path), _canonical(target.path)
        for table in before:
            assert after[table] == before[table], table
        # and importing the same file again changes nothing
        again = run_import(target, inspect_file(book))
        assert again.created == 0 and again.updated == 0 and again.batch_id == 0
        assert _canonical(target.path) == after
    finally:
        target.close()


def test_export_sheets_headers_and_cell_types(demo_db: Database, tmp_path: Path) -> None:
    book = tmp_path / "clinic.xlsx"
    export_workbook(demo_db, book)
    wb = load_workbook(book, read_only=True)
    assert wb.sheetnames[:7] == ["患者", "消费", "满意度", "互动", "预约", "联系记录", "项目"]
    patients = wb["患者"]
    header = [c.value for c in next(patients.iter_rows(max_row=1))]
    assert header[:19] == [
        "姓名",
        "手机",
        "性别",
        "出生日期",
        "农历生日",
        "微信",
        "地址",
        "职业",
        "来源渠道",
        "介绍人手机",
        "首次接触日期",
        "勿扰",
        "营销同意",
        "VIP",
        "标签",
        "备注",
        "历史到店次数",
        "历史消费金额",
        "最近到店日期",
    ]
    visits = wb["消费"]
    row = next(visits.iter_rows(min_row=2, max_row=2))
    assert row[1].is_date and isinstance(row[3].value, (int, float)) and row[3].number_format == "0.00"
    flags = {c.value for r in patients.iter_rows(min_row=2, max_col=13, min_col=12) for c in r}
    assert flags <= {"是", "否"}
    wb.close()


def test_formula_like_text_is_exported_inert(db: Database, tmp_path: Path) -> None:
    from builders import add_patient

    with db.sessions.begin() as session:
        add_patient(session, '=HYPERLINK("http://x")', "13800000001", notes="+1 打折")
    book = tmp_path / "x.xlsx"
    export_workbook(db, book)
    wb = load_workbook(book)
    cell = wb["患者"]["A2"]
    assert cell.data_type == "s" and cell.value == '\'=HYPERLINK("http://x")'
    target = open_database(tmp_path / "t.db")
    try:
        run_import(target, inspect_file(book))
        with closing(sqlite3.connect(target.path)) as conn:
            assert conn.execute("SELECT name, notes FROM patients").fetchall() == [
                ('=HYPERLINK("http://x")', "+1 打折")
            ]
    finally:
        target.close()


def test_template_imports_its_example_rows(db: Database, tmp_path: Path) -> None:
    path = write_template(tmp_path / "模板.xlsx")
    plan = plan_import(db, inspect_file(path))
    assert [i for i in plan.issues if i.skipped] == []
    assert plan.inserts["patients"] == 1 and plan.inserts["visits"] == 1 and plan.inserts["contacts"] == 1
