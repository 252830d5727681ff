"""The importer on patients files: header variants, validation with reasons, matching, updating without
blanking, duplicates, flat files, all-or-nothing, audit and re-import idempotence."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from builders import add_patient
from clinic_desktop.db.models import AuditLog, ImportBatch, Patient, Visit
from clinic_desktop.services.database import Database
from clinic_desktop.services.importing import apply as import_apply
from clinic_desktop.services.importing.importer import (
    FIELD_LABELS,
    SHEET_FIELDS,
    SHEET_KINDS,
    FileRejected,
    ImportRefused,
    inspect_file,
    plan_import,
    run_import,
    with_mapping,
)

NOW = datetime(2026, 11, 20, 10, 0)


def _csv(tmp_path: Path, text: str, name: str = "患者.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def _patients(db: Database) -> dict[str | None, Patient]:
    with db.sessions() as session:
        return {p.phone or p.name: p for p in session.scalars(select(Patient))}


def test_contract_tables_are_consistent() -> None:
    assert set(SHEET_KINDS) == set(SHEET_FIELDS)
    for fields in SHEET_FIELDS.values():
        assert all(f in FIELD_LABELS for f in fields)


def test_chinese_header_variants_are_recognised(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "客户姓名,手机号码,性别,出生年月,住址,渠道,介绍人,累计消费,到店次数,最后就诊,年龄,不认识的列\n"
        "张三,138 0013 8000,女,1990/5/3,XX路,美团,,1200.5,3,2024-01-02,35,x\n",
    )
    inspection = inspect_file(path)
    sheet = inspection.sheets[0]
    assert sheet.kind == "patients" and sheet.data_rows == 1
    assert sheet.mapping == {
        0: "name",
        1: "phone",
        2: "gender",
        3: "birth_date",
        4: "address",
        5: "source",
        6: "referrer_phone",
        7: "opening_spend",
        8: "opening_visits",
        9: "opening_last_visit",
        10: "age",
    }
    assert inspection.samples[sheet.name][0][0] == "张三"


def test_english_headers_and_gbk_csv(db: Database, tmp_path: Path) -> None:
    path = _csv(
        tmp_path, "Name,Mobile,Gender,Birthday,Notes\n李四,13900000001,male,1985-02-03,怕疼\n", encoding="gbk"
    )
    plan = plan_import(db, inspect_file(path), now=NOW)
    assert (plan.rows, plan.created, plan.skipped) == (1, 1, 0)
    run_import(db, plan, now=NOW)
    patient = _patients(db)["13900000001"]
    assert (patient.name, patient.gender, patient.birth_date, patient.notes) == (
        "李四",
        "M",
        date(1985, 2, 3),
        "怕疼",
    )
    assert (patient.pinyin_full, patient.pinyin_initials) == ("lisi", "ls")
    assert patient.first_contact_date == NOW.date()


def test_a_bad_cell_leaves_its_field_empty_and_the_row_goes_in_with_a_note(
    db: Database, tmp_path: Path
) -> None:
    path = _csv(
        tmp_path,
        "姓名,手机,出生日期,消费金额,勿扰,性别\n"
        "好人,13800000001,1990-01-01,100,否,女\n"
        "坏手机,1380000,1990-01-01,100,否,女\n"
        "坏日期,13800000003,1990-13-01,100,否,女\n"
        "坏金额,13800000004,1990-01-01,一百,否,女\n"
        "坏是否,13800000005,1990-01-01,100,也许,女\n"
        "坏性别,13800000006,1990-01-01,100,否,不男不女\n"
        "没手机,,1990-01-01,100,否,男\n",
    )
    plan = plan_import(db, inspect_file(path), now=NOW)
    assert (plan.rows, plan.created, plan.skipped) == (7, 7, 0)
    assert (plan.as_is, plan.noted, plan.skipped) == (2, 5, 0)
    reasons = {i.row: (i.field, i.zh) for i in plan.issues}
    assert all(i.note for i in plan.issues)
    assert reasons[3][0] == "phone" and "手机" in reasons[3][1] and "1380000" in reasons[3][1]
    assert reasons[4][0] == "birth_date" and "出生日期" in reasons[4][1] and "1990-13-01" in reasons[4][1]
    assert reasons[5][0] == "opening_spend" and "一百" in reasons[5][1]
    assert reasons[6][0] == "do_not_contact" and "也许" in reasons[6][1]
    assert reasons[7][0] == "gender" and "不男不女" in reasons[7][1]
    summary = run_import(db, plan, now=NOW)
    assert summary.to_json()["errors"][0] == {
        "sheet": "患者",
        "row": 3,
        "reason": reasons[3][1],
        "level": "noted",
    }
    patients = _patients(db)
    assert len(patients) == 7
    bad_phone = patients["坏手机"]
    assert bad_phone.phone is None and "1380000" in (bad_phone.notes or "")
    assert patients["13800000003"].birth_date is None
    assert patients["13800000004"].opening_spend_fen == 0
    assert patients["13800000006"].gender is None


def test_duplicate_phone_in_the_file_skips_the_later_row(db: Database, tmp_path: Path) -> None:
    path = _csv(tmp_path, "姓名,手机\n张三,13800000001\n张三丰,+86 138-0000-0001\n")
    plan = plan_import(db, inspect_file(path))
    assert (plan.created, plan.skipped) == (1, 1)
    assert plan.issues[0].row == 3 and "第 2 行" in plan.issues[0].zh
    assert plan.issues[0].zh == "与第 2 行重复（手机号 13800000001），该行未导入"
    assert plan.issues[0].en == "duplicate of row 2 (mobile 13800000001); row skipped"  # all English


def test_existing_patient_is_updated_only_where_the_file_says_something(db: Database, tmp_path: Path) -> None:
    with db.sessions.begin() as session:
        add_patient(
            session, "张三", "13800000001", address="老地址", notes="老备注", source="美团", gender="F"
        )
    path = _csv(tmp_path, "姓名,手机,地址,备注,来源渠道\n张三,13800000001,新地址,,\n")
    plan = plan_import(db, inspect_file(path), now=NOW)
    assert (plan.created, plan.updated, plan.unchanged) == (0, 1, 0)
    run_import(db, plan, now=NOW)
    patient = _patients(db)["13800000001"]
    assert (patient.address, patient.notes, patient.source, patient.gender) == (
        "新地址",
        "老备注",
        "美团",
        "F",
    )
    # the same file again: nothing to change
    again = run_import(db, inspect_file(path), now=NOW)
    assert (again.created, again.updated, again.unchanged, again.batch_id) == (0, 0, 1, 0)


def test_phoneless_patient_is_matched_by_name_and_birth_date(db: Database, tmp_path: Path) -> None:
    with db.sessions.begin() as session:
        add_patient(session, "王五", None, birth_date=date(1970, 1, 1))
    path = _csv(tmp_path, "姓名,手机,出生日期,微信\n王五,13700000000,1970-01-01,wang5\n王五,,1980-01-01,\n")
    run_import(db, inspect_file(path), now=NOW)
    with db.sessions() as session:
        rows = session.execute(select(Patient.name, Patient.phone, Patient.birth_date, Patient.wechat)).all()
    assert sorted(rows, key=str) == sorted(
        [("王五", "13700000000", date(1970, 1, 1), "wang5"), ("王五", None, date(1980, 1, 1), None)], key=str
    )


def test_flat_file_rows_are_visits_of_one_patient(db: Database, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "姓名,手机,项目,日期,金额,备注\n"
        "张三,13800000001,洁牙,2025-01-02,198,第一次\n"
        "张三,13800000001,新项目X,2025-03-04,1200.50,\n"
        "李四,13800000002,洁牙,2025-02-02,198,\n",
    )
    plan = plan_import(db, inspect_file(path), now=NOW)
    assert plan.inserts["patients"] == 2 and plan.inserts["visits"] == 3 and plan.inserts["treatments"] == 1
    assert plan.created == 3 and plan.skipped == 0
    assert any("新项目X" in i.zh and not i.skipped for i in plan.issues)
    run_import(db, plan, now=NOW)
    with db.sessions() as session:
        visits = session.execute(select(Visit.visit_date, Visit.amount_fen).order_by(Visit.visit_date)).all()
        first = session.scalar(select(Patient.first_contact_date).where(Patient.phone == "13800000001"))
    assert visits == [(date(2025, 1, 2), 19800), (date(2025, 2, 2), 19800), (date(2025, 3, 4), 120050)]
    assert first == date(2025, 1, 2)  # no first-contact column: the earliest visit in the file
    again = plan_import(db, inspect_file(path), now=NOW)
    assert again.created == 0 and again.inserts == {} and again.skipped == 3


def test_tags_referrers_and_yes_no_cells(db: Database, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "姓名,手机,标签,介绍人手机,营销同意,勿扰,VIP\n"
        '新客,13800000002,"怕疼，上班族",13800000001,Y,0,true\n'
        "老客,13800000001,上班族,,是,否,否\n"
        "孤客,13800000003,,13999999999,1,N,false\n",
    )
    summary = run_import(db, inspect_file(path), now=NOW)
    assert summary.created == 3
    assert [i.row for i in summary.issues if not i.skipped] == [4]  # unknown referrer: a warning
    patients = _patients(db)
    new, old = patients["13800000002"], patients["13800000001"]
    assert new.referred_by_id == old.id and new.marketing_consent and new.manual_vip
    assert new.marketing_consent_at == NOW.date()
    with closing(sqlite3.connect(db.path)) as conn:
        tags = conn.execute(
            "SELECT p.phone, t.name FROM patient_tags pt JOIN patients p ON p.id = pt.patient_id"
            " JOIN tags t ON t.id = pt.tag_id ORDER BY 1, 2"
        ).fetchall()
    assert tags == [("13800000001", "上班族"), ("13800000002", "上班族"), ("13800000002", "怕疼")]


def test_referral_loop_from_a_file_is_refused_with_a_warning(db: Database, tmp_path: Path) -> None:
    path = _csv(tmp_path, "姓名,手机,介绍人手机\n甲,13800000001,13800000002\n乙,13800000002,13800000001\n")
    summary = run_import(db, inspect_file(path), now=NOW)
    assert summary.created == 2 and any("成环" in i.zh for i in summary.issues)
    patients = _patients(db)
    assert [patients[p].referred_by_id is None for p in ("13800000001", "13800000002")].count(True) == 1


def test_manual_mapping_and_unrecognised_file(db: Database, tmp_path: Path) -> None:
    path = _csv(tmp_path, "A,B\n张三,13800000001\n")
    inspection = inspect_file(path)
    assert inspection.sheets[0].kind is None
    with pytest.raises(ImportRefused):
        plan_import(db, inspection)
    mapped = with_mapping(inspection, inspection.sheets[0].name, {0: "name", 1: "phone"}, kind="patients")
    assert plan_import(db, mapped).created == 1
    with pytest.raises(ValueError):
        with_mapping(inspection, inspection.sheets[0].name, {0: "amount"}, kind="treatments")


def test_bad_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 2)  # a zip header, then garbage
    with pytest.raises(FileRejected):
        inspect_file(path)


def test_import_is_all_or_nothing(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _csv(tmp_path, "姓名,手机,项目,日期,金额\n张三,13800000001,洁牙,2025-01-02,198\n")

    real_insert = import_apply._insert

    def insert_then_fail(cur: object, table: str, rows: list[tuple[object, ...]]) -> None:
        real_insert(cur, table, rows)
        if table == "visits":
            raise RuntimeError("disk full")

    monkeypatch.setattr(import_apply, "_insert", insert_then_fail)
    with pytest.raises(RuntimeError):
        run_import(db, inspect_file(path))
    with closing(sqlite3.connect(db.path)) as conn:
        counts = [
            conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("patients", "visits", "import_batches", "audit_log")
        ]
    assert counts == [0, 0, 0, 0]


def test_import_is_audited_recorded_and_reports_progress(db: Database, tmp_path: Path) -> None:
    lines = "".join(f"患者{i},138{i:08d}\n" for i in range(12_000))
    path = _csv(tmp_path, "姓名,手机\n" + lines)
    calls: list[tuple[int, int]] = []
    summary = run_import(db, inspect_file(path), progress=lambda done, total: calls.append((done, total)))
    assert summary.created == 12_000 and summary.batch_id > 0
    assert calls and calls[-1][0] == calls[-1][1] and len(calls) > 2
    with db.sessions() as session:
        audit = session.scalars(select(AuditLog).where(AuditLog.action == "import")).one()
        batch = session.get(ImportBatch, summary.batch_id)
    assert json.loads(audit.detail or "{}")["created"] == 12_000
    assert batch is not None and (batch.file_name, batch.created) == ("患者.csv", 12_000)


def test_xlsx_with_a_title_row_and_number_phones(db: Database, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "客户资料"
    ws.append(["2026年客户名单"])
    ws.append(["姓名", "手机号", "生日", "消费金额"])
    ws.append(["张三", 13800000001, datetime(1990, 5, 3), 1280.5])
    path = tmp_path / "名单.xlsx"
    wb.save(path)
    inspection = inspect_file(path)
    assert inspection.sheets[0].header_row == 1
    summary = run_import(db, inspection)
    assert summary.created == 1
    patient = _patients(db)["13800000001"]
    assert (patient.birth_date, patient.opening_spend_fen) == (date(1990, 5, 3), 128050)


def test_issues_workbook_lists_sheet_row_column_reason(db: Database, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from clinic_desktop.services.importing.importer import write_issues_xlsx

    path = _csv(tmp_path, "姓名,手机\n张三,123\n=坏,13800000002\n,,\n合计,\n")
    plan = plan_import(db, inspect_file(path))
    out = write_issues_xlsx(plan.issues, tmp_path / "问题.xlsx")
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0] == ("工作表", "行号", "列", "问题", "处理")
    assert rows[1][:3] == ("患者", 2, "手机") and "123" in rows[1][3] and rows[1][4] == "已导入（提示）"
    assert rows[2][:2] == ("患者", 5) and "合计" in rows[2][3] and rows[2][4] == "未导入"


def test_run_replans_under_the_write_lock(db: Database, tmp_path: Path) -> None:
    """A patient added between the preview and the click is updated, not duplicated (or a UNIQUE error)."""
    path = _csv(tmp_path, "姓名,手机,地址\n张三,13800000001,新地址\n")
    plan = plan_import(db, inspect_file(path))
    assert plan.created == 1
    with db.sessions.begin() as session:
        add_patient(session, "张三", "13800000001")
    summary = run_import(db, plan)
    assert (summary.created, summary.updated) == (0, 1)
    assert db.patient_count() == 1 and _patients(db)["13800000001"].address == "新地址"


def test_the_garbage_collector_is_paused_only_while_importing(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The import pauses the cyclic collector (its full passes froze the window) and always resumes it,
    also when the file is refused."""
    import gc

    from clinic_desktop.services.importing import importer as imp

    seen: list[bool] = []
    real = imp.plan_with_cursor

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    path = tmp_path / "p.xlsx"
    book = Workbook()
    book.active.append(["姓名", "手机"])
    book.active.append(["张三", "13800000001"])
    book.save(path)
    assert gc.isenabled()
    monkeypatch.setattr(imp, "plan_with_cursor", spy)
    imp.run_import(db, imp.inspect_file(path))
    assert seen == [False] and gc.isenabled()
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    with pytest.raises(imp.FileRejected):
        imp.inspect_file(bad)
    assert gc.isenabled()


def test_a_totals_row_without_a_label_is_recognised_by_its_sums(db: Database, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "姓名,手机,累计消费,到店次数\n"
        "张三,13800000001,100,1\n"
        "李四,13800000002,200,2\n"
        "王五,13800000003,300,3\n"
        ",,600,6\n",
    )
    plan = plan_import(db, inspect_file(path), now=NOW)
    assert (plan.rows, plan.as_is, plan.noted, plan.skipped) == (4, 3, 0, 1)
    assert "合计行" in plan.issues[0].zh and plan.issues[0].row == 5
    # …but a real patient whose spend happens to equal the others' sum has a phone, and goes in
    path = _csv(
        tmp_path, "姓名,手机,累计消费\n张三,13800000001,100\n李四,13800000002,200\n王五,13800000003,300\n"
    )
    assert plan_import(db, inspect_file(path), now=NOW).skipped == 0


def test_totals_labels_in_the_name_or_first_cell(db: Database, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "序号,姓名,手机,累计消费\n1,张三,13800000001,100\n小计,,,100\n2,张小计,13800000002,50\n,总计（2人）,,150\n",
    )
    plan = plan_import(db, inspect_file(path), now=NOW)
    assert {i.row for i in plan.issues if i.skipped} == {3, 5}
    assert plan.created == 2  # 张小计 has a phone: a patient


def test_problem_rows_hold_the_original_cells_and_a_reason(db: Database, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from clinic_desktop.services.importing import problem_row_count, write_problem_rows

    path = _csv(
        tmp_path,
        "姓名,手机,出生日期,备注\n张三,13800000001,1990-01-01,好\n李四,123,2/11/1990,=坏\n,,,只有备注\n",
    )
    inspection = inspect_file(path)
    plan = plan_import(db, inspection, now=NOW)
    assert problem_row_count(plan.issues) == 2
    out = write_problem_rows(inspection, plan.issues, tmp_path / "问题行.xlsx")
    rows = list(load_workbook(out)["患者"].iter_rows(values_only=True))
    assert rows[0][:4] == ("姓名", "手机", "出生日期", "备注") and rows[0][4].startswith("导入问题")
    assert rows[1][:4] == ("李四", "123", "2/11/1990", "'=坏")  # the cell as written, formula-safe
    assert "已导入" in rows[1][4] and "123" in rows[1][4] and "2/11/1990" in rows[1][4]
    assert rows[2][3] == "只有备注" and rows[2][4].startswith("未导入")
    # fixed and imported on its own: the patient of the first import gets the phone, no duplicate
    run_import(db, inspection, now=NOW)
    wb = load_workbook(out)
    ws = wb["患者"]
    ws["B2"], ws["C2"] = "13800000002", "1990-02-11"
    ws.delete_rows(3)
    wb.save(out)
    again = run_import(db, inspect_file(out), now=NOW)
    assert (again.created, again.updated, again.noted) == (0, 1, 0)
    li = _patients(db)["13800000002"]
    assert li.name == "李四" and li.birth_date == date(1990, 2, 11) and "123" not in (li.notes or "")
