"""PRODUCT §7.1: exporting a database to the clinic workbook and importing it into an empty one gives the
same data — every table compared as canonical tuples (ids replaced by what identifies the row)."""

from __future__ import annotations

import sqlite3
from collections import Counter
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from clinic_desktop.services.database import Database, open_database
from clinic_desktop.services.demo.builder import generate_demo
from clinic_desktop.services.importing.db_state import stored_moment
from clinic_desktop.services.importing.importer import (
    export_workbook,
    inspect_file,
    plan_import,
    run_import,
    write_template,
)

AS_OF = date(2026, 6, 30)


def _canonical(path: Path) -> dict[str, Counter[tuple[object, ...]]]:
    with closing(sqlite3.connect(path)) as conn:
        pats = conn.execute(
            "SELECT id, name, gender, birth_date, lunar_birthday, phone, wechat, address, district, occupation,"
            " source, referred_by_id, first_contact_date, notes, do_not_contact, do_not_contact_at,"
            " marketing_consent, marketing_consent_at, manual_vip, archived, opening_visits, opening_spend_fen,"
            " opening_last_visit, pinyin_full, pinyin_initials, landline, birth_partial FROM patients"
        ).fetchall()
        who = {r[0]: (r[5], r[1], r[3]) for r in pats}
        assert len(set(who.values())) == len(who), "test data must identify patients without ids"
        treat = dict(conn.execute("SELECT id, name FROM treatments"))
        tags = dict(conn.execute("SELECT id, name FROM tags"))
        visit_day = dict(conn.execute("SELECT id, visit_date FROM visits"))
        out: dict[str, Counter[tuple[object, ...]]] = {}
        out["patients"] = Counter(
            (*r[1:11], who.get(r[11]), r[12], r[13], r[14], stored_moment(r[15]), *r[16:]) for r in pats
        )
        out["tags"] = Counter(conn.execute("SELECT name, category, color, rule FROM tags"))
        out["patient_tags"] = Counter(
            (who[p], tags[t]) for p, t in conn.execute("SELECT patient_id, tag_id FROM patient_tags")
        )
        out["treatments"] = Counter(
            conn.execute("SELECT name, category, recall_days, active FROM treatments")
        )
        out["visits"] = Counter(
            (who[p], d, treat.get(t), a, c, s)
            for p, d, t, a, c, s in conn.execute(
                "SELECT patient_id, visit_date, treatment_id, amount_fen, coupon, staff FROM visits"
            )
        )
        out["surveys"] = Counter(
            (who[r[0]], r[1], visit_day.get(r[2]), *r[3:])
            for r in conn.execute(
                "SELECT patient_id, survey_date, visit_id, overall, service, result, environment, price, nps, comment"
                " FROM surveys"
            )
        )
        out["interactions"] = Counter(
            (who[p], stored_moment(w), k, d)
            for p, w, k, d in conn.execute("SELECT patient_id, occurred_at, kind, detail FROM interactions")
        )
        out["appointments"] = Counter(
            (who[p], stored_moment(w), treat.get(t), s)
            for p, w, t, s in conn.execute(
                "SELECT patient_id, scheduled_at, treatment_id, status FROM appointments"
            )
        )
        out["contacts"] = Counter(
            (who[r[0]], stored_moment(r[1]), *r[2:])
            for r in conn.execute(
                "SELECT patient_id, contacted_at, channel, purpose, outcome, staff, note, call_list_row_id FROM contacts"
            )
        )
    return out


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
