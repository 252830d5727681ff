"""The call-list screen, driven like a receptionist: generate, read the exclusions, press 1–5, reopen.

A hand-built clinic as of 2026-11-20, every patient's 洁牙 (recall interval 180 days) due except 孙六's:
王一 and 李二 are due; 张三 asked not to be contacted; 赵四 was called five days ago; 钱五 has no phone.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from builders import add_patient, add_visit
from clinic_desktop.core.calllists.list_specs import CrossSellRule
from clinic_desktop.core.pinyin_keys import search_keys
from clinic_desktop.db.models import Contact, Patient
from clinic_desktop.services.calllists import settings as call_list_settings
from clinic_desktop.services.calllists.store import saved_lists
from clinic_desktop.services.clinic_settings import load_settings
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute
from clinic_desktop.ui.calllists import excel_files
from clinic_desktop.ui.calllists.campaign_dialog import CampaignDialog
from clinic_desktop.ui.calllists.models import CallRowsModel, ExcludedModel, RuleCountsModel
from clinic_desktop.ui.calllists.page import CallListsPage
from clinic_desktop.ui.calllists.rules_dialog import CallListRulesDialog, CrossSellRulesModel

AS_OF = date(2026, 11, 20)
LEFT = Qt.MouseButton.LeftButton


def _patient(session: Any, name: str, phone: str | None, **kw: Any) -> Patient:
    full, initials = search_keys(name)
    return add_patient(session, name, phone, pinyin_full=full, pinyin_initials=initials, **kw)


@pytest.fixture
def clinic(db: Database) -> dict[str, int]:
    with db.sessions.begin() as s:
        wang = _patient(s, "王一", "13900000001", marketing_consent=True)
        add_visit(s, wang, date(2026, 4, 20), 300, "洁牙")
        li = _patient(s, "李二", "13900000002")
        add_visit(s, li, date(2026, 5, 1), 300, "洁牙")
        zhang = _patient(s, "张三", "13900000003", do_not_contact=True)
        add_visit(s, zhang, date(2026, 4, 25), 300, "洁牙")
        zhao = _patient(s, "赵四", "13900000004")
        add_visit(s, zhao, date(2026, 4, 22), 300, "洁牙")
        s.flush()
        s.add(
            Contact(
                patient_id=zhao.id,
                contacted_at=datetime(2026, 11, 15, 10, 0),
                channel="phone",
                purpose="survey",
                outcome="reached",
            )
        )
        qian = _patient(s, "钱五", None)
        add_visit(s, qian, date(2026, 4, 25), 300, "洁牙")
        sun = _patient(s, "孙六", "13900000006")
        add_visit(s, sun, date(2026, 11, 1), 300, "洁牙")
        ids = {p.name: p.id for p in (wang, li, zhang, zhao, qian, sun)}
    recompute(db, AS_OF)
    return ids


@pytest.fixture
def page(qtbot: Any, db: Database, clinic: dict[str, int], sync_tasks: None) -> CallListsPage:
    widget = CallListsPage(db, today=lambda: AS_OF)
    qtbot.addWidget(widget)
    widget.resize(1150, 720)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def names(page: CallListsPage) -> list[str]:
    return [page.model.call_row(i).name for i in range(page.model.rowCount())]


def contacts(db: Database) -> list[Contact]:
    with db.sessions() as s:
        return list(
            s.scalars(select(Contact).where(Contact.call_list_row_id.is_not(None)).order_by(Contact.id))
        )


def generate(qtbot: Any, page: CallListsPage, kind: str = "recall") -> None:
    qtbot.mouseClick(page.picker.buttons[kind], LEFT)
    qtbot.mouseClick(page.generate_button, LEFT)


def test_generating_a_recall_list_shows_rows_and_who_was_excluded(qtbot: Any, page: CallListsPage) -> None:
    assert page.picker.kind() == "recall"
    assert "关怀提醒" in page.picker.description.text()
    assert not page.bar.buttons["reached"].isEnabled()  # nothing to mark yet
    generate(qtbot, page)
    assert sorted(names(page)) == ["李二", "王一"]
    assert page.title.text() == "到期复诊 · 2026-11-20 · 2 位"
    assert page.status.text().startswith("草稿")
    assert page.bar.progress_label.text() == "已完成 0 / 2"
    row = names(page).index("王一")
    cells = [page.model.index(row, c).data() for c in range(page.model.columnCount())]
    assert cells[CallRowsModel.PHONE] == "13900000001"
    assert cells[CallRowsModel.LAST_VISIT] == "2026-04-20"
    assert "洁牙" in cells[CallRowsModel.REASON]
    assert cells[CallRowsModel.OUTCOME] == ""

    counts = page.exclusions.counts
    shown = {counts.index(r, 0).data(): counts.index(r, 1).data() for r in range(counts.rowCount())}
    assert list(shown) == [
        "勿扰",
        "未同意营销",
        "已预约",
        "近期已联系",
        "满意度预警",
        "无可用电话",
    ]  # §5.2 order
    assert shown == {
        "勿扰": "1",
        "未同意营销": "0",
        "已预约": "0",
        "近期已联系": "1",
        "满意度预警": "0",
        "无可用电话": "1",
    }
    assert page.exclusions.total_label.text() == "共排除 3 位"

    panel = page.exclusions
    assert panel.pages.currentWidget().isAncestorOf(panel.counts_view)
    panel.counts_view.clicked.emit(counts.index(0, 0))  # 勿扰
    excluded = panel.excluded
    assert [excluded.index(r, 0).data() for r in range(excluded.rowCount())] == ["张三"]
    assert excluded.index(0, ExcludedModel.PHONE).data() == "13900000003"
    assert excluded.index(0, ExcludedModel.REASON).data() == "要求勿扰"
    # the reason's patients take the counts' place (a side column has no room for both), Esc goes back
    assert panel.pages.currentWidget().isAncestorOf(panel.excluded_view)
    assert panel.patients_caption.text() == "“勿扰”：1 位"
    qtbot.keyClick(panel.excluded_view, Qt.Key.Key_Escape)
    assert panel.pages.currentWidget().isAncestorOf(panel.counts_view)
    panel.show_rule("no_phone")
    assert excluded.index(0, 0).data() == "钱五"
    qtbot.mouseClick(panel.back_button, Qt.MouseButton.LeftButton)
    assert panel.pages.currentWidget().isAncestorOf(panel.counts_view)
    panel.show_rule("no_phone")
    generate(qtbot, page)  # a new list starts on its counts
    assert panel.pages.currentWidget().isAncestorOf(panel.counts_view)
    assert saved_lists(page.db) == []  # a list only looked at is not stored


def test_pressing_1_records_a_contact_and_selects_the_next_row(
    qtbot: Any, page: CallListsPage, db: Database
) -> None:
    generate(qtbot, page)
    assert page.current_row() == 0
    first = page.model.call_row(0)
    assert first.name in page.card.who.text() and "话术" in page.card.script.text()
    page.bar.note.setText("下午再约")
    qtbot.keyClick(page.table, Qt.Key.Key_1)

    [contact] = contacts(db)
    assert (contact.patient_id, contact.outcome, contact.purpose) == (first.patient_id, "reached", "recall")
    assert contact.note == "下午再约"
    assert page.bar.note.text() == ""  # a note belongs to one call
    assert page.current_row() == 1
    assert page.model.index(0, CallRowsModel.OUTCOME).data() == "接通"
    assert page.model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None  # tinted as done
    assert page.bar.progress_label.text() == "已完成 1 / 2"
    [info] = saved_lists(db)  # the first outcome saved the list
    assert (info.rows, info.done) == (2, 1)
    assert page.status.text() == f"已保存（名单 #{info.id}）"

    qtbot.mouseClick(page.bar.buttons["no_answer"], LEFT)  # the buttons do the same as the keys
    assert [c.outcome for c in contacts(db)] == ["reached", "no_answer"]
    assert page.bar.progress_label.text() == "已完成 2 / 2"
    assert page.current_row() == 1  # the last row stays selected


def test_pressing_5_asks_before_setting_do_not_contact(
    qtbot: Any, page: CallListsPage, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate(qtbot, page)
    asked: list[str] = []
    answer = [False]
    monkeypatch.setattr(page, "_confirm_do_not_contact", lambda name: asked.append(name) or answer[0])
    patient_id = page.model.call_row(0).patient_id
    qtbot.keyClick(page.table, Qt.Key.Key_5)
    assert asked == [page.model.call_row(0).name]
    assert contacts(db) == [] and page.current_row() == 0  # declined: nothing recorded

    answer[0] = True
    qtbot.keyClick(page.table, Qt.Key.Key_5)
    [contact] = contacts(db)
    assert contact.outcome == "do_not_contact"
    with db.sessions() as s:
        patient = s.get(Patient, patient_id)
        assert patient is not None and patient.do_not_contact and patient.do_not_contact_at is not None
    assert page.model.index(0, CallRowsModel.OUTCOME).data() == "勿扰"


def test_a_failed_write_takes_the_outcome_back(
    qtbot: Any, page: CallListsPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clinic_desktop.ui.calllists import list_writer

    generate(qtbot, page)
    errors: list[Exception] = []
    monkeypatch.setattr(page, "_failed", errors.append)

    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(list_writer, "record_outcome", broken)
    qtbot.keyClick(page.table, Qt.Key.Key_3)
    assert [str(e) for e in errors] == ["disk full"]
    assert page.model.outcome(0) is None
    assert page.bar.progress_label.text() == "已完成 0 / 2"


def test_a_saved_list_reopens_with_its_completion(qtbot: Any, page: CallListsPage, db: Database) -> None:
    generate(qtbot, page)
    qtbot.keyClick(page.table, Qt.Key.Key_3)  # 已预约
    assert page.past_lists.count() == 1
    assert page.past_lists.currentText() == "到期复诊 · 2026-11-20 · 2 位 · 已完成 50%"

    generate(qtbot, page, "birthday")  # something else on screen meanwhile
    assert page.picker.kind() == "birthday"
    qtbot.mouseClick(page.open_button, LEFT)
    assert sorted(names(page)) == ["李二", "王一"]
    assert page.model.outcome(0) == "booked"
    assert page.model.index(0, CallRowsModel.OUTCOME).data() == "已预约"
    assert page.bar.progress_label.text() == "已完成 1 / 2"
    assert page.current_row() == 1  # continue at the first row without an outcome
    assert "排除明细" in page.exclusions.total_label.text()

    qtbot.keyClick(page.table, Qt.Key.Key_2)  # continue working it
    assert [c.outcome for c in contacts(db)] == ["booked", "no_answer"]
    assert len(saved_lists(db)) == 1  # the same list, not a new one
    assert page.past_lists.currentText().endswith("已完成 100%")


def test_why_not_on_the_list(qtbot: Any, page: CallListsPage) -> None:
    panel = page.exclusions
    panel.search.setText("孙六")
    qtbot.mouseClick(panel.search_button, LEFT)
    assert panel.answer.text() == "请先生成或打开一份名单。"
    generate(qtbot, page)
    qtbot.mouseClick(panel.search_button, LEFT)
    not_due = panel.answer.text()
    assert not_due.startswith("孙六（13900000006）：") and "复诊" in not_due, not_due
    panel.search.setText("zhangsan")  # pinyin: 张三
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert "勿扰" in panel.answer.text()
    panel.search.setText("139000000")  # a phone prefix matches several: choose one
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert panel.matches.isVisibleTo(panel) and panel.matches.count() == 5
    assert "找到 5 位患者" in panel.answer.text()
    panel.matches.activated.emit(panel.matches.findText("赵四", Qt.MatchFlag.MatchStartsWith))
    assert "最近已被联系" in panel.answer.text()


def test_export_then_import_results(
    qtbot: Any, page: CallListsPage, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("clinic_desktop.services.calllists.export")
    pytest.importorskip("clinic_desktop.services.calllists.outcomes")
    generate(qtbot, page)
    target = tmp_path / "名单.xlsx"
    monkeypatch.setattr(page, "_ask_export", lambda: (target, True))
    qtbot.mouseClick(page.export_button, LEFT)
    assert target.exists()
    assert page.status.text() == f"已导出到 {target}"
    assert len(saved_lists(db)) == 1  # exporting saved the list

    import openpyxl

    book = openpyxl.load_workbook(target)
    sheet = book.worksheets[0]
    header = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "序号")
    result = next(c for c in range(1, 20) if sheet.cell(header, c).value == "结果")
    called = sheet.cell(header + 1, 2).value
    sheet.cell(header + 1, result).value = "未接"  # the desk called the first patient on paper
    book.save(target)

    generate(qtbot, page, "birthday")  # another list on screen: the import reopens the right one
    summaries: list[Any] = []
    monkeypatch.setattr(page, "_ask_import_path", lambda: target)
    monkeypatch.setattr(page, "show_import_summary", summaries.append)
    qtbot.mouseClick(page.import_button, LEFT)
    [summary] = summaries
    assert (summary.rows, summary.recorded, summary.blank) == (2, 1, 1)
    assert excel_files.summary_text(summary).startswith("读取 2 行，记录 1 条联系结果。")
    assert [c.outcome for c in contacts(db)] == ["no_answer"]
    assert page.state is not None and page.state.kind == "recall"
    assert page.picker.kind() == "recall"  # the picker follows the list on screen
    row = names(page).index(called)
    assert page.model.outcome(row) == "no_answer"
    assert page.bar.progress_label.text() == "已完成 1 / 2"


def test_campaign_needs_a_saved_campaign(
    qtbot: Any, page: CallListsPage, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.information", lambda *a: told.append(a[2]))
    qtbot.mouseClick(page.picker.buttons["campaign"], LEFT)
    assert page.picker.campaign_row.isVisibleTo(page)
    qtbot.mouseClick(page.generate_button, LEFT)
    assert told == ["请先选择或新建一个活动方案。"] and page.state is None

    dialog = CampaignDialog(db, None, page)
    qtbot.addWidget(dialog)
    dialog.name.setText("洁牙回馈")
    dialog.stages["repeat"].setChecked(True)
    dialog.stages["customer"].setChecked(True)
    dialog.spend_min.setText("abc")
    dialog.save()
    assert "最低消费" in dialog.error.text() and call_list_settings.load_campaigns(db) == []
    dialog.spend_min.setText("100")
    text, threshold, discount = dialog.offer_rows[0]
    text.setText("洁牙满 200 减 30")
    threshold.setText("200")
    discount.setText("30")
    dialog.save()
    assert dialog.saved_name == "洁牙回馈"
    [spec] = call_list_settings.load_campaigns(db)
    assert spec.filter.stages == ("customer", "repeat") and spec.filter.spend_min_fen == 10_000
    assert (spec.offers[0].threshold_fen, spec.offers[0].discount_fen) == (20_000, 3_000)

    page.picker.reload_campaigns("洁牙回馈")
    assert page.picker.campaign.currentText().startswith("洁牙回馈")
    qtbot.mouseClick(page.generate_button, LEFT)
    assert page.state is not None and page.state.params == {"campaign": "洁牙回馈"}
    assert page.title.text().startswith("活动 · 2026-11-20")


def test_rules_dialog_edits_cross_sell_rules_and_windows(
    qtbot: Any, db: Database, clinic: dict[str, int], sync_tasks: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = CallListRulesDialog(db)
    qtbot.addWidget(dialog)
    before = dialog.rules.rowCount()
    assert before == len(call_list_settings.load_crosssell_rules(db))
    new = CrossSellRule("洁牙→美白", "洁牙后可了解冷光美白", from_treatments=("洁牙",), within_months=6)
    monkeypatch.setattr(dialog, "_ask_rule", lambda rule: new)
    qtbot.mouseClick(dialog.add_button, LEFT)
    assert dialog.rules.rowCount() == before + 1
    dialog.view.selectRow(0)
    qtbot.mouseClick(dialog.remove_button, LEFT)
    dialog.birthday_days.setValue(10)
    dialog.offer_threshold.setText("100")
    dialog.offer_discount.setText("300")  # more than the threshold: refused, input kept
    dialog.save()
    assert "减免" in dialog.error.text() or "discount" in dialog.error.text()
    assert load_settings(db).birthday_window_days == 7
    dialog.offer_discount.setText("20")
    dialog.save()
    rules = call_list_settings.load_crosssell_rules(db)
    assert len(rules) == before and rules[-1] == new
    stored = load_settings(db)
    assert (stored.birthday_window_days, stored.reactivation_threshold_fen) == (10, 10_000)
    assert stored.reactivation_discount_fen == 2_000


def test_models_pass_qtmodeltester(qtmodeltester: Any, qtbot: Any, page: CallListsPage, db: Database) -> None:
    generate(qtbot, page)
    qtbot.keyClick(page.table, Qt.Key.Key_1)
    page.exclusions.show_rule("do_not_contact")
    models: list[Any] = [page.model, page.exclusions.counts, page.exclusions.excluded]
    for model in models:
        qtmodeltester.check(model, force_py=True)
    rules = CrossSellRulesModel()
    rules.set_rules(call_list_settings.load_crosssell_rules(db))
    qtmodeltester.check(rules, force_py=True)
    for empty in (CallRowsModel(), RuleCountsModel({"a": "A"}), ExcludedModel({})):
        qtmodeltester.check(empty, force_py=True)


def test_the_main_window_shows_the_call_list_page(qtbot: Any, db: Database, sync_tasks: None) -> None:
    from PySide6.QtCore import QSettings

    from clinic_desktop.ui.main_window import MainWindow

    window = MainWindow(db, QSettings("clinic-desktop-tests", "call-lists"))
    qtbot.addWidget(window)
    window.nav.setCurrentRow(1)
    page = window.call_lists_page
    assert window.nav.currentItem().text() == "回访名单"
    assert window.stack.currentWidget() is page  # the 回访名单 entry opens the call-list screen
    assert page.title.text() == "回访名单" and page.status.text().startswith("选择名单类型和日期")
    assert page.picker.kind() == "recall" and page.model.rowCount() == 0
    assert not page.export_button.isEnabled() and not page.save_button.isEnabled()  # nothing to save yet


def test_the_settings_page_never_writes_back_stale_call_list_settings(
    qtbot: Any, db: Database, clinic: dict[str, int], sync_tasks: None
) -> None:
    from clinic_desktop.ui.settings.page import SettingsPage

    settings_page = SettingsPage(db, today=lambda: AS_OF)
    qtbot.addWidget(settings_page)
    settings_page.show()
    dialog = CallListRulesDialog(db)  # opened from the call-list page meanwhile
    qtbot.addWidget(dialog)
    dialog.birthday_days.setValue(21)
    dialog.save()
    assert load_settings(db).birthday_window_days == 21
    settings_page.hide()
    settings_page.show()  # the user comes back to the settings page
    settings_page.clinic_name.setText("微笑口腔")
    qtbot.mouseClick(settings_page.save_button, LEFT)
    stored = load_settings(db)
    assert (stored.clinic_name, stored.birthday_window_days) == ("微笑口腔", 21)


def test_outcomes_marked_while_the_draft_is_being_stored_go_to_that_one_list(
    qtbot: Any, db: Database, clinic: dict[str, int]
) -> None:
    """With the real worker: the second key is pressed before the first write has come back with the
    list's ids; it waits for them instead of storing the draft a second time."""
    widget = CallListsPage(db, today=lambda: AS_OF)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    generate(qtbot, widget)
    qtbot.waitUntil(lambda: widget.model.rowCount() == 2, timeout=10_000)
    qtbot.keyClick(widget.table, Qt.Key.Key_1)
    qtbot.keyClick(widget.table, Qt.Key.Key_2)  # at once: the list is still a draft on the GUI thread
    assert widget.model.outcomes() == {widget.model.call_row(0).row_key: "reached"} | {
        widget.model.call_row(1).row_key: "no_answer"
    }  # shown at once, in grey, while being written
    qtbot.waitUntil(lambda: len(contacts(db)) == 2, timeout=10_000)
    [info] = saved_lists(db)  # stored once
    qtbot.waitUntil(lambda: widget.status.text() == f"已保存（名单 #{info.id}）", timeout=10_000)
    assert widget.state is not None and widget.state.list_id == info.id
    assert sorted(c.outcome for c in contacts(db)) == ["no_answer", "reached"]


def test_a_failed_export_of_a_draft_leaves_it_a_draft(
    qtbot: Any, page: CallListsPage, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate(qtbot, page)
    errors: list[Exception] = []
    monkeypatch.setattr(page, "_failed", errors.append)
    monkeypatch.setattr(page, "_ask_export", lambda: (tmp_path / "没有这个文件夹" / "名单.xlsx", False))
    qtbot.mouseClick(page.export_button, LEFT)
    assert len(errors) == 1 and "文件夹不存在" in str(errors[0])
    assert saved_lists(db) == []  # nothing half-done is left behind
    assert page.state is not None and page.state.list_id is None
    assert page.status.text().startswith("草稿")


def test_share_list_and_segment_campaigns(
    qtbot: Any, page: CallListsPage, db: Database, clinic: dict[str, int]
) -> None:
    """The 分享裂变 kind is one button; a campaign can target segments and rule-derived tags."""
    from clinic_desktop.db.models import Visit
    from clinic_desktop.services.patients import set_knowledge

    set_knowledge(db, [clinic["王一"]], "expert")
    with db.sessions.begin() as s:  # two more visits, every one with a coupon: 懂行·价格敏感
        wang = s.get(Patient, clinic["王一"])
        for day in (date(2026, 6, 1), date(2026, 7, 1)):
            add_visit(s, wang, day, 200, coupon="团购券")  # type: ignore[arg-type]
        for visit in s.scalars(select(Visit).where(Visit.patient_id == clinic["王一"])):
            visit.coupon = "团购券"
    recompute(db, AS_OF)
    generate(qtbot, page, "share")
    assert names(page) == ["王一"]
    assert page.title.text().startswith("分享裂变 · 2026-11-20")

    dialog = CampaignDialog(db, None, page)
    qtbot.addWidget(dialog)
    assert "价格敏感（自动）" in [dialog.tags.item(i).text() for i in range(dialog.tags.count())]
    dialog.name.setText("老客分享")
    dialog.segments["expert_price"].setChecked(True)
    dialog.save()
    [spec] = call_list_settings.load_campaigns(db)
    assert spec.filter.segments == ("expert_price",)
