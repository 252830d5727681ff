"""The settings page, driven through its real widgets on a fresh database (tasks run inline)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from builders import add_appointment, add_patient, add_visit
from clinic_desktop.core.settings import DEFAULTS
from clinic_desktop.db.models import PatientMetrics
from clinic_desktop.services.clinic_settings import list_treatments, load_settings, save_settings
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute
from clinic_desktop.ui.settings.page import SettingsPage, TreatmentFormDialog, TreatmentTableModel

AS_OF = date(2026, 11, 22)
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def page(qtbot, db: Database, sync_tasks: None) -> SettingsPage:  # type: ignore[no-untyped-def]
    widget = SettingsPage(db, today=lambda: AS_OF)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_shows_the_stored_settings(qtbot, db: Database, sync_tasks: None) -> None:  # type: ignore[no-untyped-def]
    save_settings(db, replace(DEFAULTS, clinic_name="微笑口腔", ers_window_months=0, language="en"))
    page = SettingsPage(db)
    qtbot.addWidget(page)
    assert page.clinic_name.text() == "微笑口腔"
    assert page.window_months.text() == "全部（不限时间）"  # 0 months = lifetime
    assert page.language.currentData() == "en"
    assert page.weight_e.value() == pytest.approx(0.6)
    assert page.form_settings() == load_settings(db)  # untouched form == stored, spelling included


def test_invalid_weights_show_an_inline_error_and_nothing_is_saved(
    qtbot, page: SettingsPage, db: Database
) -> None:  # type: ignore[no-untyped-def]
    assert not page.weights_error.isVisible()
    page.weight_e.setValue(0.7)
    assert page.weights_error.isVisible()
    assert page.weights_error.text() == "三项权重合计须为 1（当前合计 1.10）"
    with qtbot.assertNotEmitted(page.settingsSaved):
        qtbot.mouseClick(page.save_button, LEFT)
    assert "ERS 权重必须非负且合计为 1" in page.status.text()
    assert page.weight_e.value() == pytest.approx(0.7)  # the user's input is kept
    assert load_settings(db) == DEFAULTS

    page.weight_r.setValue(0.1)
    assert not page.weights_error.isVisible()


def test_other_invalid_values_are_explained_in_chinese(page: SettingsPage) -> None:
    page.lapsing_months.setValue(20)  # lapsing must come before lapsed (18)
    assert page.status.text() == "须满足 1 ≤ 流失预警月数 < 沉睡月数 ≤ 120"
    page.lapsed_months.setValue(24)
    assert page.status.text() == ""
    page.tier_b.setValue(4.5)
    assert "分层阈值" in page.status.text()


def test_save_stores_and_recomputes(qtbot, page: SettingsPage, db: Database) -> None:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        p = add_patient(s, "王一", "13900000001")
        add_visit(s, p, date(2026, 5, 10), 2_000)  # the only payer: E5, R0, S counted 3 → 3.60 B
        pid = p.id
    recompute(db, AS_OF)
    page.clinic_name.setText("微笑口腔")
    page.weight_e.setValue(0.8)
    page.weight_r.setValue(0.1)
    page.weight_s.setValue(0.1)  # 0.8×5 + 0.1×3 = 4.30 → A
    page.lapsed_months.setValue(24)
    page.cap_count.setValue(2)
    with qtbot.waitSignal(page.settingsSaved), qtbot.assertNotEmitted(page.languageChanged):
        qtbot.mouseClick(page.save_button, LEFT)
    stored = load_settings(db)
    assert stored == replace(
        DEFAULTS,
        clinic_name="微笑口腔",
        weight_e="0.80",
        weight_r="0.10",
        weight_s="0.10",
        lapsed_months=24,
        marketing_cap_count=2,
    )
    assert page.status.text() == "设置已保存，已按新规则重新计算 1 位患者的指标"
    with db.sessions() as s:
        metrics = s.get(PatientMetrics, pid)
        assert metrics is not None and metrics.tier == "A"


def test_changing_language_emits_after_saving(qtbot, page: SettingsPage, db: Database) -> None:  # type: ignore[no-untyped-def]
    page.language.setCurrentIndex(page.language.findData("en"))
    with qtbot.waitSignal(page.languageChanged) as signal:
        qtbot.mouseClick(page.save_button, LEFT)
    assert signal.args == ["en"]
    assert load_settings(db).language == "en"
    assert page.status.text() == "设置已保存"  # no rule changed: no recompute


def test_revert_restores_the_saved_values(qtbot, page: SettingsPage) -> None:  # type: ignore[no-untyped-def]
    page.weight_e.setValue(0.9)
    page.clinic_name.setText("别的名字")
    qtbot.mouseClick(page.revert_button, LEFT)
    assert page.form_settings() == DEFAULTS
    assert not page.weights_error.isVisible()


def test_catalogue_add_edit_and_deactivate(
    qtbot, page: SettingsPage, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    assert page.catalogue.rowCount() == 19
    monkeypatch.setattr(page, "_ask_treatment", lambda current: ("冷光美白", "口腔", 365))
    qtbot.mouseClick(page.add_button, LEFT)
    assert page.catalogue.rowCount() == 20
    assert page.selected_treatment() is not None and page.selected_treatment().name == "冷光美白"  # type: ignore[union-attr]

    monkeypatch.setattr(page, "_ask_treatment", lambda current: ("洁牙", "口腔", 365))
    qtbot.mouseClick(page.edit_button, LEFT)
    assert page.status.text() == "已有同名项目“洁牙”"
    monkeypatch.setattr(page, "_ask_treatment", lambda current: ("冷光美白", "美白", None))
    qtbot.mouseClick(page.edit_button, LEFT)
    assert page.status.text().startswith("已保存项目“冷光美白”；已重新计算指标")

    qtbot.mouseClick(page.active_button, LEFT)
    info = {t.name: t for t in list_treatments(db)}["冷光美白"]
    assert (info.category, info.recall_days, info.active) == ("美白", None, False)
    assert page.active_button.text() == "启用"
    row = page.catalogue.row_of(info.id)
    assert row is not None
    assert page.catalogue.index(row, TreatmentTableModel.STATUS).data() == "已停用"
    assert page.catalogue.index(row, TreatmentTableModel.RECALL).data() == "不提醒"


def test_treatment_form(qtbot) -> None:  # type: ignore[no-untyped-def]
    form = TreatmentFormDialog(["口腔", "医美"])
    qtbot.addWidget(form)
    form.name.setText(" 涂氟 ")
    form.category.setCurrentText("口腔")
    assert not form.days.isEnabled()
    assert form.values() == (" 涂氟 ", "口腔", None)
    form.remind.setChecked(True)
    form.days.setValue(90)
    assert form.values() == (" 涂氟 ", "口腔", 90)


def test_treatment_model_passes_the_model_tester(qtmodeltester, db: Database) -> None:  # type: ignore[no-untyped-def]
    model = TreatmentTableModel()
    model.set_treatments(list_treatments(db))
    qtmodeltester.check(model)
    model.set_treatments([])
    qtmodeltester.check(model)


def test_loading_and_saving_run_off_the_gui_thread(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    """Without ``sync_tasks``: the catalogue arrives and the save completes through the real worker."""
    page = SettingsPage(db, today=lambda: AS_OF)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.catalogue.rowCount() == 19, timeout=10_000)
    page.recall_ahead.setValue(21)
    with qtbot.waitSignal(page.settingsSaved, timeout=10_000):
        qtbot.mouseClick(page.save_button, LEFT)
    assert load_settings(db).recall_ahead_days == 21
    assert page.save_button.isEnabled()


def test_call_list_rules_open_from_settings_and_a_later_save_keeps_them(
    qtbot, page: SettingsPage, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from clinic_desktop.ui.calllists import rules_dialog as call_list_rules_dialog

    opened = []

    def fake_exec(dialog: call_list_rules_dialog.CallListRulesDialog) -> int:
        opened.append(dialog)
        save_settings(db, replace(load_settings(db), birthday_window_days=10))  # what the dialog stores
        return 1

    monkeypatch.setattr(call_list_rules_dialog.CallListRulesDialog, "exec", fake_exec)
    qtbot.mouseClick(page.call_list_rules_button, LEFT)
    assert len(opened) == 1
    page.clinic_name.setText("微笑口腔")
    with qtbot.waitSignal(page.settingsSaved):
        qtbot.mouseClick(page.save_button, LEFT)
    stored = load_settings(db)
    assert stored.birthday_window_days == 10 and stored.clinic_name == "微笑口腔"


def test_rule_tag_thresholds_are_saved_and_recomputed(qtbot, page: SettingsPage, db: Database) -> None:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        patient = add_patient(s, "小明", "13900000002")
        add_appointment(s, patient, datetime(2026, 9, 1, 10), "no_show")  # one no-show: below the default 2
        pid = patient.id
    recompute(db, AS_OF)
    group = page.rule_tags
    assert group.ints["no_show_min"].value() == 2 and group.share_reward.text() == DEFAULTS.share_reward
    assert "minor_age" not in group.ints  # 14 is the law's age, shown, not edited
    group.ints["no_show_min"].setValue(1)
    group.share_reward.setText("送一次涂氟")
    with qtbot.waitSignal(page.settingsSaved):
        qtbot.mouseClick(page.save_button, LEFT)
    assert load_settings(db) == replace(DEFAULTS, no_show_min=1, share_reward="送一次涂氟")
    with db.sessions() as s:
        metrics = s.get(PatientMetrics, pid)
        assert metrics is not None and metrics.rule_tags != 0  # one no-show is now enough
    group.share_reward.setText(" ")
    assert not page._revalidate() and "分享奖励" in page.status.text()
