"""Issue 12 in the import wizard and page, driven like a receptionist: a sheet with rows that go in with
notes (the counts add up on every card), the problem rows saved, fixed in Excel and imported again, and
undo after a call list was built, exported and an outcome recorded."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from clinic_desktop.db.models import CallList, CallListRow, Contact, Patient
from clinic_desktop.services.database import Database
from clinic_desktop.ui.importing.models import IssuesModel
from clinic_desktop.ui.importing.page import ImportPage
from clinic_desktop.ui.importing.wizard import MAPPING, PREVIEW, SUMMARY, ImportWizard

TODAY = date(2026, 11, 20)
HEADERS = ["客户姓名", "联系电话", "性别", "出生年月", "来源", "累计消费(元)", "最近到店", "备注", "会员等级"]
ROWS: list[list[object]] = [
    ["王秀英", "138 0013 8000（本人）", "女士", "1985.3", "美团", "1.2万", "2024/3/5", None, "金卡"],
    ["李建国", "13912345678/13800001111", "先生", "1972年11月", "老客介绍", "未消费", None, None, None],
    ["陈静", "138 0013", "小姐", "2/11/1988", "朋友圈", "26000", "25.6.25", "怕疼", "银卡"],
    ["张伟", "0571-88886666", "男", "1990", "抖音", "—", None, None, None],
    [None, None, None, None, None, None, None, "以下为2024年新客", None],
    ["合计", None, None, None, None, 38000, None, None, None],
]


def _sheet(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "客户资料"
    sheet.append(["XX口腔 客户资料"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _count(db: Database, model: type) -> int:
    with db.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def page(qtbot: Any, db: Database, sync_tasks: None) -> ImportPage:
    widget = ImportPage(db, today=lambda: TODAY)
    qtbot.addWidget(widget)
    return widget


def _to_preview(page: ImportPage, path: Path) -> ImportWizard:
    wizard = page.start_import(path)
    assert isinstance(wizard, ImportWizard) and wizard.step() == MAPPING
    wizard.next_button.click()
    assert wizard.step() == PREVIEW
    return wizard


def test_the_wizard_with_a_noted_row_counts_rows_once_everywhere(
    qtmodeltester: Any, page: ImportPage, db: Database, tmp_path: Path
) -> None:
    wizard = _to_preview(page, _sheet(tmp_path / "客户资料.xlsx", ROWS))
    plan = wizard.plan
    assert plan is not None
    assert (plan.rows, plan.as_is, plan.noted, plan.skipped) == (6, 3, 1, 2)
    preview = wizard.preview_step
    assert [c.number.text() for c in (preview.as_is, preview.noted, preview.skipped)] == ["3", "1", "2"]
    assert "共 6 行数据 = 照常导入 3 + 带提示导入 1 + 跳过 2" == preview.total.text()
    assert "1 行带提示导入" in preview.issues.heading.text() and "2 行跳过" in preview.issues.heading.text()
    issues = preview.issues.model
    qtmodeltester.check(issues)
    actions = {
        (issues.data(issues.index(r, IssuesModel.ROW)), issues.data(issues.index(r, IssuesModel.ACTION)))
        for r in range(issues.rowCount())
    }
    assert ("5", "导入，该项留空") in actions  # 陈静: the phone and the birth date left empty
    assert ("7", "跳过该行") in actions and ("8", "跳过该行") in actions  # the label row, the 合计 row

    wizard.next_button.click()
    assert wizard.step() == SUMMARY
    assert wizard.summary_step.noted.number.text() == "1"
    assert _count(db, Patient) == 4
    with db.sessions() as s:
        chen = s.scalars(select(Patient).where(Patient.name == "陈静")).one()
        zhang = s.scalars(select(Patient).where(Patient.name == "张伟")).one()
        wang = s.scalars(select(Patient).where(Patient.name == "王秀英")).one()
    assert chen.phone is None and "138 0013" in (chen.notes or "") and chen.birth_date is None
    assert chen.opening_spend_fen == 2_600_000 and chen.opening_last_visit == date(2025, 6, 25)
    assert (zhang.landline, zhang.birth_partial) == ("0571-88886666", "1990")
    assert (wang.phone, wang.gender, wang.birth_partial, wang.opening_spend_fen) == (
        "13800138000",
        "F",
        "1985-03",
        1_200_000,
    )


def test_the_problem_rows_fixed_in_excel_and_imported_again(
    page: ImportPage, db: Database, tmp_path: Path
) -> None:
    wizard = _to_preview(page, _sheet(tmp_path / "客户资料.xlsx", ROWS))
    wizard.next_button.click()  # import
    problems = tmp_path / "问题行.xlsx"
    wizard._ask_save_path = lambda _title, _name: problems  # type: ignore[method-assign]
    wizard.summary_step.issues.report_button.click()
    assert "已保存 3 行" in wizard.summary_step.issues.report_status.text()
    wizard.next_button.click()  # 完成

    book = load_workbook(problems)
    sheet = book["客户资料"]
    header = [c.value for c in sheet[1]]
    assert header[: len(HEADERS)] == HEADERS and str(header[-1]).startswith("导入问题")
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=2)}
    assert set(rows) == {"陈静", None, "合计"}
    chen = rows["陈静"]
    assert chen[1].value == "138 0013" and "2/11/1988" in str(chen[-1].value)
    chen[1].value, chen[3].value = "13800138001", "1988-02-11"  # the receptionist fixes the two cells
    sheet.delete_rows(chen[0].row + 1, 2)  # and drops the rows that were rightly skipped
    book.save(problems)

    again = _to_preview(page, problems)
    assert again.plan is not None and (again.plan.rows, again.plan.noted, again.plan.skipped) == (1, 0, 0)
    assert again.preview_step.effect.text().startswith("导入后：新建 0 · 更新已有 1")
    again.next_button.click()
    assert _count(db, Patient) == 4  # no duplicate: the fixed row found the patient its first import made
    with db.sessions() as s:
        fixed = s.scalars(select(Patient).where(Patient.name == "陈静")).one()
    assert fixed.phone == "13800138001" and fixed.birth_date == date(1988, 2, 11)
    assert "无法识别" not in (fixed.notes or "") and "怕疼" in (fixed.notes or "")


def test_undo_after_a_call_list_was_exported_names_what_goes_with_it(
    page: ImportPage, db: Database, tmp_path: Path
) -> None:
    from clinic_desktop.services.calllists import build_list, load_saved, record_outcome, save_and_export
    from clinic_desktop.services.metrics import recompute
    from clinic_desktop.services.patients import set_contact_flags

    lapsed = [["老客一", "13900000001", "女", None, "美团", "3000", "2023/1/5", None, None]]
    lapsed.append(["老客二", "13900000002", "男", None, "美团", "5000", "2022/6/1", None, None])
    wizard = _to_preview(page, _sheet(tmp_path / "老客.xlsx", lapsed))
    wizard.next_button.click()
    wizard.next_button.click()
    with db.sessions() as s:
        ids = list(s.scalars(select(Patient.id)))
    set_contact_flags(db, ids, marketing_consent=True)
    recompute(db, TODAY)
    built = build_list(db, "reactivation", TODAY)
    assert len(built.rows) == 2
    list_id = save_and_export(db, built, tmp_path / "沉睡唤醒.xlsx")
    record_outcome(db, load_saved(db, list_id).rows[0].row_id, "no_answer")

    page.refresh_last_import()
    assert page.undo_button.isEnabled()
    assert "回访名单中的 2 行（1 份名单）及据此记录的 1 条联系记录" in page.last_import_text()
    questions: list[str] = []
    page._confirm = lambda _title, text: questions.append(text) or True  # type: ignore[method-assign]
    page.undo_button.click()
    assert questions and "老客.xlsx" in questions[0]
    assert "回访名单中的 2 行（1 份名单）及据此记录的 1 条联系记录也会一并删除" in questions[0]
    assert "已撤销" in page.status.text()
    assert [_count(db, m) for m in (Patient, CallListRow, CallList, Contact)] == [0, 0, 0, 0]
