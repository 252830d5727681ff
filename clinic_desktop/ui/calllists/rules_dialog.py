"""回访规则: the call-list settings a clinic tunes — cross-sell scenario rules (from a treatment or category
→ a suggestion, within N months), the birthday window, the service-recovery survey window and the
win-back (reactivation) offer. Contact caps stay on the settings page with the other rule parameters.

Opened from the call-list screen, so the receptionist tunes a rule where she sees its effect. Nothing is
stored until 保存; a bad value is explained in the dialog and the input is kept.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.core.calllists import WITHIN_MONTHS, CrossSellRule, SpecError
from clinic_desktop.core.money import parse_yuan
from clinic_desktop.core.settings import Settings, setting_range, validate
from clinic_desktop.services import calllists as call_list_settings
from clinic_desktop.services.clinic_settings import load_settings, save_settings
from clinic_desktop.services.database import Database
from clinic_desktop.services.patients import load_options
from clinic_desktop.ui.calllists.checklist import checked_keys, checklist
from clinic_desktop.ui.widgets import (
    ERROR_STYLE,
    Column,
    TableModel,
    error_text,
    fill,
    resize_within_screen,
    run_in_background,
    yuan_text,
)


class CrossSellRulesModel(TableModel[CrossSellRule]):
    """The cross-sell rules being edited (a plain list; the dialog saves them all at once)."""

    NAME, SOURCE, WITHIN, OFFER = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__((), parent)
        self.set_columns(
            (
                Column(self.tr("规则"), self._name, tooltip=self._name),
                Column(self.tr("做过的项目 / 类别"), self._source, tooltip=self._source),
                Column(
                    self.tr("时间范围"), self._within, sort=lambda r: r.within_months, tooltip=self._within
                ),
                Column(self.tr("推荐内容"), self._offer, tooltip=self._offer_in_full),
            )
        )

    def set_rules(self, rules: list[CrossSellRule]) -> None:
        self.set_rows(rules)

    def rules(self) -> list[CrossSellRule]:
        return self.rows()

    @staticmethod
    def _name(rule: CrossSellRule) -> str:
        return rule.name

    def _source(self, rule: CrossSellRule) -> str:
        return "、".join((*rule.from_treatments, *(fill(self.tr("%1类"), c) for c in rule.from_categories)))

    def _within(self, rule: CrossSellRule) -> str:
        return fill(self.tr("%1 个月内"), rule.within_months)

    @staticmethod
    def _offer(rule: CrossSellRule) -> str:
        return rule.offer

    def _offer_in_full(self, rule: CrossSellRule) -> str:
        if not rule.skip_if_had:
            return rule.offer
        return rule.offer + "\n" + fill(self.tr("已做过 %1 的患者不推荐"), "、".join(rule.skip_if_had))


class CrossSellRuleDialog(QDialog):
    """One rule: name, which treatments or categories trigger it, within how long, what to suggest."""

    def __init__(
        self,
        rule: CrossSellRule | None,
        treatments: list[str],
        categories: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("编辑交叉推荐规则") if rule else self.tr("新增交叉推荐规则"))
        rule = rule or CrossSellRule("", "")
        self.name = QLineEdit(rule.name)
        self.name.setMaxLength(40)
        self.name.setPlaceholderText(self.tr("如：正畸→种植咨询"))
        self.treatments = checklist([(t, t) for t in treatments], set(rule.from_treatments))
        self.categories = checklist([(c, c) for c in categories], set(rule.from_categories))
        self.skip = checklist([(t, t) for t in treatments], set(rule.skip_if_had))
        self.to_referral = QCheckBox(self.tr("这条规则的目标是推荐朋友（看板按转介绍统计转化）"))
        self.to_referral.setChecked(rule.to_referral)
        self.within = QSpinBox()
        self.within.setRange(*WITHIN_MONTHS)
        self.within.setSuffix(self.tr(" 个月内"))
        self.within.setValue(rule.within_months)
        self.offer = QLineEdit(rule.offer)
        self.offer.setMinimumWidth(420)
        self.offer.setPlaceholderText(self.tr("电话里建议的话术或项目"))
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        form = QFormLayout()
        form.addRow(self.tr("规则名称"), self.name)
        sources = QHBoxLayout()
        for title, view in (
            (self.tr("做过这些项目"), self.treatments),
            (self.tr("或这些类别"), self.categories),
        ):
            column = QVBoxLayout()
            column.addWidget(QLabel(title))
            column.addWidget(view)
            sources.addLayout(column)
        form.addRow(self.tr("触发"), sources)
        form.addRow(self.tr("时间范围"), self.within)
        form.addRow(self.tr("推荐内容"), self.offer)
        form.addRow(self.tr("已做过则不推荐"), self.skip)
        form.addRow("", self.to_referral)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.result_rule: CrossSellRule | None = None

    def rule(self) -> CrossSellRule:
        rule = CrossSellRule(
            self.name.text().strip(),
            self.offer.text().strip(),
            checked_keys(self.treatments),
            checked_keys(self.categories),
            self.within.value(),
            checked_keys(self.skip),
            self.to_referral.isChecked(),
        )
        rule.check()
        return rule

    def _accept(self) -> None:
        try:
            self.result_rule = self.rule()
        except SpecError as exc:
            self.error.setText(error_text(exc))
            return
        self.accept()


class CallListRulesDialog(QDialog):
    """Cross-sell rules plus the birthday, recovery and win-back settings; 保存 stores them together.

    What it edits is read off the GUI thread when it opens; 保存 waits for it."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("回访规则"))
        resize_within_screen(self, 860, 600)
        self.settings = Settings()
        self._treatments: list[str] = []
        self._categories: list[str] = []
        self.rules = CrossSellRulesModel(self)
        self.view = QTableView()
        self.view.setModel(self.rules)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CrossSellRulesModel.OFFER, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda _i: self.edit_rule())
        self.add_button = QPushButton(self.tr("新增…"))
        self.edit_button = QPushButton(self.tr("编辑…"))
        self.remove_button = QPushButton(self.tr("删除"))
        self.add_button.clicked.connect(self.add_rule)
        self.edit_button.clicked.connect(self.edit_rule)
        self.remove_button.clicked.connect(self.remove_rule)

        self.birthday_days = QSpinBox()
        self.birthday_days.setRange(*setting_range("birthday_window_days"))
        self.birthday_days.setSuffix(self.tr(" 天内"))
        self.recovery_days = QSpinBox()
        self.recovery_days.setRange(*setting_range("recovery_survey_days"))
        self.recovery_days.setSuffix(self.tr(" 天内"))
        self.offer_text = QLineEdit()
        self.offer_text.setMinimumWidth(360)
        self.offer_threshold = QLineEdit()
        self.offer_discount = QLineEdit()
        for edit in (self.offer_threshold, self.offer_discount):
            edit.setMaximumWidth(100)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self._layout()
        self._show_settings(self.settings)
        self.save_button.setEnabled(False)  # until the stored values are read

        def read() -> tuple[Settings, list[CrossSellRule], list[tuple[str, str | None]]]:
            options = load_options(db)
            treatments = [(t.name, t.category) for t in options.treatments]
            return load_settings(db), call_list_settings.load_crosssell_rules(db), treatments

        run_in_background(read, self._loaded, self._load_failed, owner=self)

    def _loaded(self, loaded: tuple[Settings, list[CrossSellRule], list[tuple[str, str | None]]]) -> None:
        settings, rules, treatments = loaded
        self.settings = settings
        self._treatments = [name for name, _category in treatments]
        self._categories = sorted({category for _name, category in treatments if category})
        self.rules.set_rules(rules)
        self._show_settings(settings)
        self.save_button.setEnabled(True)

    def _show_settings(self, s: Settings) -> None:
        self.birthday_days.setValue(s.birthday_window_days)
        self.recovery_days.setValue(s.recovery_survey_days)
        self.offer_text.setText(s.reactivation_offer)
        self.offer_threshold.setText(yuan_text(s.reactivation_threshold_fen))
        self.offer_discount.setText(yuan_text(s.reactivation_discount_fen))

    def _layout(self) -> None:
        rules = QGroupBox(self.tr("交叉推荐规则（按顺序匹配，每位患者只用第一条）"))
        box = QVBoxLayout(rules)
        box.addWidget(self.view, 1)
        row = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        other = QGroupBox(self.tr("生日、满意度与唤醒"))
        form = QFormLayout(other)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("生日关怀：生日在"), self.birthday_days)
        form.addRow(self.tr("满意度回访：问卷打分 ≤ 2 在"), self.recovery_days)
        offer = QHBoxLayout()
        for widget in (
            self.offer_text,
            QLabel(self.tr("门槛")),
            self.offer_threshold,
            QLabel(self.tr("减")),
            self.offer_discount,
            QLabel(self.tr("元")),
        ):
            offer.addWidget(widget)
        form.addRow(self.tr("沉睡唤醒优惠"), offer)
        hint = QLabel(
            self.tr("唤醒优惠应为低门槛（门槛为 0 即无门槛）。联系冷却期和营销联系上限在“设置”页。")
        )
        hint.setStyleSheet("color: #757575;")
        hint.setWordWrap(True)
        form.addRow(hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addWidget(rules, 1)
        layout.addWidget(other)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    # --- rules --------------------------------------------------------------------------------------------

    def selected_row(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _ask_rule(self, rule: CrossSellRule | None) -> CrossSellRule | None:
        """Ask for one rule's values (replaced in tests)."""
        dialog = CrossSellRuleDialog(rule, self._treatments, self._categories, self)
        return dialog.result_rule if dialog.exec() == QDialog.DialogCode.Accepted else None

    def add_rule(self) -> None:
        rule = self._ask_rule(None)
        if rule is not None:
            self.rules.set_rules([*self.rules.rules(), rule])
            self.view.selectRow(self.rules.rowCount() - 1)

    def edit_rule(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        rules = self.rules.rules()
        rule = self._ask_rule(rules[row])
        if rule is not None:
            rules[row] = rule
            self.rules.set_rules(rules)
            self.view.selectRow(row)

    def remove_rule(self) -> None:
        row = self.selected_row()
        if row is not None:
            rules = self.rules.rules()
            del rules[row]
            self.rules.set_rules(rules)

    # --- saving -------------------------------------------------------------------------------------------

    def _fen(self, edit: QLineEdit) -> int:
        return parse_yuan(edit.text()) if edit.text().strip() else 0

    def save(self) -> None:
        try:
            changes: dict[str, Any] = {
                "birthday_window_days": self.birthday_days.value(),
                "recovery_survey_days": self.recovery_days.value(),
                "reactivation_offer": self.offer_text.text().strip(),
                "reactivation_threshold_fen": self._fen(self.offer_threshold),
                "reactivation_discount_fen": self._fen(self.offer_discount),
            }
            validate(replace(self.settings, **changes))
        except ValueError as exc:
            self.error.setText(error_text(exc))
            return
        rules = self.rules.rules()

        def work() -> None:
            call_list_settings.save_crosssell_rules(self.db, rules)
            save_settings(self.db, replace(load_settings(self.db), **changes))  # fresh: keep others' edits

        run_in_background(work, lambda _r: self.accept(), self._failed, owner=self)

    def _failed(self, exc: Exception) -> None:
        self.error.setText(fill(self.tr("保存失败：%1"), error_text(exc)))

    def _load_failed(self, exc: Exception) -> None:
        self.error.setText(fill(self.tr("读取失败：%1"), error_text(exc)))
