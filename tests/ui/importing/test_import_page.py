"""The 导入导出 page and its wizard, driven like a receptionist would: file → mapping → preview → import →
summary, then undo; a refused file; the CSV encoding override; export, template, main-window wiring."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtCore import QSettings
from sqlalchemy import func, select

from builders import add_patient
from clinic_desktop.db.models import Patient, Visit
from clinic_desktop.services.database import Database
from clinic_desktop.services.importing import importer
from clinic_desktop.services.metrics import stored_as_of
from clinic_desktop.ui.importing.models import IssuesModel, MappingModel
from clinic_desktop.ui.importing.page import ImportPage
from clinic_desktop.ui.importing.wizard import FILE, IMPORTING, MAPPING, PREVIEW, SUMMARY, ImportWizard

TODAY = date(2026, 11, 20)
HEADERS = ["客户姓名", "手机号码", "性别", "生日", "会员卡号", "来源"]


def _workbook(path: Path, rows: list[list[object]], visits: list[list[object]] | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "客户名单"
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    if visits is not None:
        extra = book.create_sheet("消费记录")
        extra.append(["手机", "日期", "项目", "金额"])
        for row in visits:
            extra.append(row)
    book.save(path)
    return path


def _patients(db: Database) -> dict[str, Patient]:
    with db.sessions() as s:
        return {p.phone or p.name: p for p in s.scalars(select(Patient))}


def _count(db: Database, model: type) -> int:
    with db.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def page(qtbot, db: Database, sync_tasks: None) -> ImportPage:  # type: ignore[no-untyped-def]
    widget = ImportPage(db, today=lambda: TODAY)
    qtbot.addWidget(widget)
    return widget


def _wizard(page: ImportPage, path: Path) -> ImportWizard:
    wizard = page.start_import(path)
    assert isinstance(wizard, ImportWizard)
    return wizard


def test_import_from_file_to_summary_then_undo(
    qtmodeltester, page: ImportPage, db: Database, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        add_patient(s, "王秀英", "13800138000", source="美团")
    path = _workbook(
        tmp_path / "客户名单.xlsx",
        [
            ["王秀英", "138 0013 8000", "女", date(1985, 3, 12), "VIP0012", "美团"],
            ["李建国", "13912345678", "男", date(1972, 11, 2), "VIP0031", "老客介绍"],
            ["张伟", "+86 186-2233-4455", "男", "1990/7/8", "", "抖音"],
            ["陈静", "1380013", "女", "1988-13-45", "", "朋友圈"],  # bad phone, bad date
            ["李建国", "13912345678", "男", "", "", ""],  # the same phone again in the file
        ],
        visits=[["13912345678", date(2026, 10, 21), "种植", 12000]],
    )
    changed: list[bool] = []
    page.dataChanged.connect(lambda: changed.append(True))

    wizard = _wizard(page, path)
    assert wizard.step() == MAPPING
    mapping = wizard.mapping_step.model
    qtmodeltester.check(mapping)
    assert mapping.mapping()[0] == "name" and mapping.mapping()[1] == "phone"
    assert 4 not in mapping.mapping()  # 会员卡号 is not recognised
    # the user changes one mapping: the membership card number goes into the notes
    assert wizard.set_field(4, "notes")
    assert wizard.inspection.sheet("客户名单").mapping[4] == "notes"
    assert mapping.data(mapping.index(4, MappingModel.FIELD)) == "备注"
    assert "VIP0012" in mapping.data(mapping.index(4, MappingModel.SAMPLES))

    wizard.next_button.click()
    assert wizard.step() == PREVIEW
    plan = wizard.plan
    assert plan.created >= 2 and plan.updated == 1
    # the rows, counted once: 陈静 goes in with notes (phone and date left empty), the duplicate is skipped
    assert (plan.rows, plan.as_is, plan.noted, plan.skipped) == (6, 4, 1, 1)
    assert wizard.preview_step.as_is.number.text() == "4"
    assert wizard.preview_step.noted.number.text() == "1"
    assert wizard.preview_step.skipped.number.text() == "1"
    assert "共 6 行数据 = 照常导入 4 + 带提示导入 1 + 跳过 1" in wizard.preview_step.total.text()
    assert "1 行带提示导入" in wizard.preview_step.issues.heading.text()
    assert "更新已有 1" in wizard.preview_step.effect.text()
    issues = wizard.preview_step.issues.model
    qtmodeltester.check(issues)
    rows = {
        (issues.data(issues.index(r, IssuesModel.ROW)), issues.data(issues.index(r, IssuesModel.FIELD)))
        for r in range(issues.rowCount())
    }
    assert ("5", "手机") in rows  # 陈静's phone, spreadsheet row 5
    assert any(row == "6" for row, _field in rows)  # the duplicate phone on row 6
    assert _count(db, Patient) == 1  # the preview wrote nothing
    problems = tmp_path / "问题.xlsx"  # the issues can be saved before importing, to fix the file
    wizard._ask_save_path = lambda _title, _name: problems  # type: ignore[method-assign]
    wizard.preview_step.issues.report_button.click()
    assert problems.exists()
    assert "已保存" in wizard.preview_step.issues.report_status.text()

    wizard.next_button.click()  # 开始导入
    assert wizard.step() == SUMMARY
    summary = wizard.summary
    assert summary.created == plan.created and summary.updated == 1
    assert wizard.summary_step.noted.number.text() == "1"
    assert f"新建 {summary.created:,}" in wizard.summary_step.effect.text()
    assert "指标已更新" in wizard.summary_step.metrics_status.text()
    assert stored_as_of(db) == TODAY
    assert changed  # the main window is told
    patients = _patients(db)
    assert patients["13912345678"].name == "李建国"
    assert patients["13912345678"].notes == "VIP0031"
    assert patients["18622334455"].source == "抖音"
    assert _count(db, Visit) == 1
    assert "客户名单.xlsx" in page.last_import_text()
    assert page.undo_button.isEnabled()

    report = tmp_path / "报告.xlsx"
    wizard._ask_save_path = lambda _title, _name: report  # type: ignore[method-assign]
    wizard.summary_step.issues.report_button.click()
    assert report.exists() and load_workbook(report).active.max_row > 1
    from clinic_desktop.services.audit import AuditFilter, list_audit

    reports = [e.detail for e in list_audit(db, AuditFilter(action="export"))]
    assert [(d["what"], d["path"]) for d in reports] == [
        ("import_report", str(report)), ("import_report", str(problems))
    ]  # fmt: skip
    wizard.next_button.click()  # 完成

    questions: list[str] = []
    page._confirm = lambda _title, text: questions.append(text) or True  # type: ignore[method-assign]
    changed.clear()
    page.undo_button.click()
    assert questions and "客户名单.xlsx" in questions[0]
    assert set(_patients(db)) == {"13800138000"}
    assert _patients(db)["13800138000"].gender is None  # the update was put back
    assert _count(db, Visit) == 0
    assert changed
    assert "已撤销" in page.status.text()
    assert not page.undo_button.isEnabled()


def test_rejected_file_shows_the_error_and_writes_nothing(
    page: ImportPage, db: Database, tmp_path: Path
) -> None:
    fake = tmp_path / "患者名单.xlsx"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    wizard = _wizard(page, fake)
    assert wizard.step() == FILE
    text = wizard.file_step.status.text()
    assert "PNG" in text and "没有写入任何数据" in text
    assert _count(db, Patient) == 0
    assert importer.last_import(db) is None
    assert not page.undo_button.isEnabled()


def test_nothing_importable_is_refused_on_the_mapping_step(
    page: ImportPage, db: Database, tmp_path: Path
) -> None:
    path = _workbook(tmp_path / "a.xlsx", [["王五", "13700000000", "男", "", "", ""]])
    wizard = _wizard(page, path)
    wizard.set_kind("客户名单", None)
    wizard.next_button.click()
    assert wizard.step() == MAPPING
    assert wizard.error.isVisible() and wizard.error.text()
    assert _count(db, Patient) == 0


def test_a_field_chosen_twice_blocks_the_next_step(page: ImportPage, tmp_path: Path) -> None:
    path = _workbook(tmp_path / "a.xlsx", [["王五", "13700000000", "男", "", "x", ""]])
    wizard = _wizard(page, path)
    wizard.set_field(4, "name")  # 姓名 is already column A
    assert wizard.mapping_step.warning.isVisibleTo(wizard)
    wizard.next_button.click()
    assert wizard.step() == MAPPING
    assert "不止一列" in wizard.error.text()
    wizard.set_field(4, "")
    wizard.next_button.click()
    assert wizard.step() == PREVIEW


def test_csv_encoding_override_and_an_unrecognised_sheet(
    page: ImportPage, db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "会员.csv"
    path.write_bytes("会员名,电话,消费\n张三,13800000001,300\n李四,13800000002,800\n".encode("gb18030"))
    wizard = _wizard(page, path)
    step = wizard.mapping_step
    assert step.encoding_combo.isVisibleTo(wizard)
    step.encoding_combo.setCurrentIndex(step.encoding_combo.findData("gb18030"))
    assert wizard.inspection.encoding == "gb18030"
    assert wizard.inspection.sheets[0].headers == ["会员名", "电话", "消费"]
    assert "张三" in step.model.data(step.model.index(0, MappingModel.SAMPLES))
    # 会员名 is not a known header, so the sheet is not recognised: the user says what it is
    assert wizard.inspection.sheets[0].kind is None and step.unknown.isVisibleTo(wizard)
    step.kind_combo.setCurrentIndex(step.kind_combo.findData("patients"))
    assert wizard.inspection.sheets[0].kind == "patients"
    assert step.model.mapping() == {1: "phone"}
    assert "姓名" in step.missing.text() and step.missing.isVisibleTo(wizard)
    wizard.set_field(0, "name")
    wizard.set_field(2, "opening_spend")
    assert not step.missing.isVisibleTo(wizard)
    wizard.next_button.click()
    wizard.next_button.click()
    assert wizard.step() == SUMMARY and wizard.summary.created == 2
    assert _patients(db)["13800000002"].opening_spend_fen == 80000
    # an xlsx has no encoding to choose
    wizard.accept()
    other = _wizard(page, _workbook(tmp_path / "b.xlsx", [["王五", "13700000000", "男", "", "", ""]]))
    assert not other.mapping_step.encoding_combo.isVisibleTo(other)


def test_template_and_export_are_written(page: ImportPage, db: Database, tmp_path: Path) -> None:
    with db.sessions.begin() as s:
        add_patient(s, "王秀英", "13800138000")
    targets = iter([tmp_path / "模板.xlsx", tmp_path / "诊所.xlsx"])
    page._ask_save_path = lambda _title, _name: next(targets)  # type: ignore[method-assign]
    page.template_button.click()
    assert (tmp_path / "模板.xlsx").exists()
    assert "模板已保存" in page.status.text()
    page.export_button.click()
    book = load_workbook(tmp_path / "诊所.xlsx")
    assert "患者" in book.sheetnames
    assert "已导出" in page.status.text()
    from clinic_desktop.services.audit import AuditFilter, list_audit

    assert [e.detail["what"] for e in list_audit(db, AuditFilter(action="export"))] == [
        "workbook",
        "template",
    ]


def test_main_window_hosts_the_page_and_reloads_after_an_import(
    qtbot, db: Database, tmp_path: Path, sync_tasks: None
) -> None:  # type: ignore[no-untyped-def]
    from clinic_desktop.ui.main_window import MainWindow

    window = MainWindow(db, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert isinstance(window.import_page, ImportPage)
    path = _workbook(tmp_path / "a.xlsx", [["王五", "13700000000", "男", "", "", ""]])
    wizard = window.import_page.start_import(path)
    wizard.next_button.click()
    wizard.next_button.click()
    assert wizard.step() == SUMMARY
    assert window.count_label.text() == "患者 1 位"
    assert window.metrics_label.text().startswith("指标截至")


def test_import_runs_in_the_background_with_progress(qtbot, db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Real worker thread (no sync_tasks): the wizard waits on each step, the bar fills, Esc is refused
    while the import transaction runs."""
    page = ImportPage(db, today=lambda: TODAY)
    qtbot.addWidget(page)
    rows = [[f"患者{i}", f"139{i:08d}", "女", date(1990, 1, 1 + i % 28), "", "美团"] for i in range(300)]
    wizard = page.start_import(_workbook(tmp_path / "big.xlsx", rows))
    qtbot.waitUntil(lambda: wizard.step() == MAPPING, timeout=10_000)
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.step() == PREVIEW, timeout=10_000)
    values: list[int] = []
    wizard.progress_step.bar.valueChanged.connect(values.append)
    wizard.next_button.click()
    assert wizard.step() in (IMPORTING, SUMMARY)
    if wizard.step() == IMPORTING:
        assert not wizard.next_button.isEnabled() and not wizard.cancel_button.isEnabled()
        wizard.reject()  # Esc: ignored while the import runs
        assert wizard.isVisible()
    qtbot.waitUntil(lambda: wizard.step() == SUMMARY, timeout=20_000)
    qtbot.waitUntil(lambda: "指标已更新" in wizard.summary_step.metrics_status.text(), timeout=20_000)
    bar = wizard.progress_step.bar
    assert values and bar.value() == bar.maximum() > 0
    assert _count(db, Patient) == 300


def test_undo_is_refused_with_the_reason_when_later_work_depends_on_the_import(  # type: ignore[no-untyped-def]
    page: ImportPage, db: Database, tmp_path: Path
) -> None:
    wizard = _wizard(page, _workbook(tmp_path / "a.xlsx", [["王五", "13700000000", "男", "", "", ""]]))
    wizard.next_button.click()
    wizard.next_button.click()
    assert wizard.step() == SUMMARY
    with db.sessions.begin() as s:  # a visit typed in for the imported patient afterwards
        patient = s.scalars(select(Patient)).one()
        s.add(Visit(patient_id=patient.id, visit_date=TODAY, amount_fen=30000))
    page.refresh_last_import()
    assert not page.undo_button.isEnabled()
    info = importer.last_import(db)
    assert info is not None and not info.can_undo
    assert info.reason_zh in page.last_import_text()


def test_errors_are_shown_in_the_ui_language(page: ImportPage, tmp_path: Path) -> None:
    from PySide6.QtCore import QLocale

    fake = tmp_path / "list.xlsx"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    try:
        wizard = _wizard(page, fake)
        assert "a PNG image" in wizard.file_step.status.text()
    finally:
        QLocale.setDefault(previous)


def test_duplicates_button_opens_the_dialog_and_passes_merges_on(page: ImportPage) -> None:
    from clinic_desktop.ui.importing.duplicates_dialog import DuplicatesDialog

    changed: list[bool] = []
    page.dataChanged.connect(lambda: changed.append(True))
    page.duplicates_button.click()
    dialog = page.duplicates_dialog
    assert isinstance(dialog, DuplicatesDialog) and dialog.isVisible()
    dialog.merged.emit([1, 2])
    assert changed == [True]
    dialog.close()


def test_a_file_dropped_on_the_page_opens_the_wizard(page: ImportPage, tmp_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    path = _workbook(tmp_path / "拖进来.xlsx", [["王五", "13700000000", "男", "", "", ""]])
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    page.dropEvent(event)
    assert page.wizard is not None and page.wizard.step() == MAPPING
    assert page.wizard.path == path


def test_every_step_name_shows_whole_in_english(
    qtbot, db: Database, tmp_path: Path, sync_tasks: None
) -> None:  # type: ignore[no-untyped-def]
    """The current step is bold by its style sheet: the steps' column fits the widest name so shown
    ("3  Preview & check" was cut to "… & chec" in English)."""
    from clinic_desktop.ui.i18n import install_language
    from fit_check import clipped

    install_language("en")
    try:
        page = ImportPage(db, today=lambda: TODAY)
        qtbot.addWidget(page)
        path = _workbook(
            tmp_path / "list.xlsx", [["王秀英", "13800138000", "女", date(1985, 3, 12), "V1", "美团"]]
        )
        wizard = _wizard(page, path)
        assert wizard.set_field(4, "notes")  # the card number: every column decided
        wizard.show()
        qtbot.waitExposed(wizard)
        seen = []
        while True:
            qtbot.wait(10)
            seen.append(wizard.step())
            labels = [label.text() for label in wizard.step_labels]
            cut = [c for c in clipped(wizard) if any(c.text == text for text in labels)]
            assert not cut, (wizard.step(), cut)
            if wizard.step() == SUMMARY or not wizard.next_button.isEnabled():
                break
            wizard.next_button.click()
            qtbot.waitUntil(lambda: wizard.step() != IMPORTING)
        assert seen[-1] == SUMMARY and PREVIEW in seen
    finally:
        install_language("zh_CN")
