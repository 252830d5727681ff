"""The settings screen (issue 3, part 5): clinic options, the rules' parameters and the treatment catalogue.

The rules of PRODUCT §3–§5 are only as right as their parameters, so the page checks values as they are
typed (the ERS weights must add up to 1 — shown next to the weights, not in a dialog after the fact) and
never throws the user's input away on an error. Saving writes the settings and recomputes every
patient's metrics off the GUI thread, because new weights or windows change tiers and stages. Catalogue
edits apply at once (each is its own small transaction); a changed recall interval recomputes too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.core.settings import DECIMAL_RANGES, Settings, SettingsError, setting_range, validate
from clinic_desktop.services import clinic_settings as service
from clinic_desktop.services.clinic_settings import SaveOutcome, TreatmentInfo
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute_after_commit
from clinic_desktop.ui.settings.audit_dialog import AuditDialog
from clinic_desktop.ui.settings.privacy_group import PrivacyGroup
from clinic_desktop.ui.settings.rule_tags_group import RuleTagsGroup
from clinic_desktop.ui.settings.treatment_catalogue import TreatmentFormDialog, TreatmentTableModel
from clinic_desktop.ui.widgets import error_text, fill, run_in_background, sorted_table

_ERROR_STYLE = "color: #c62828;"
#: each language is named in itself (a Chinese-only reader must still find 简体中文 in an English UI)
LANGUAGES = (("zh_CN", "简体中文"), ("en", "English"))


def _spin(setting: str, suffix: str, special: str | None = None) -> QSpinBox:
    """A spin box over the range core/settings.py declares for ``setting``."""
    spin = QSpinBox()
    spin.setRange(*setting_range(setting))
    spin.setSuffix(suffix)
    if special:
        spin.setSpecialValueText(special)  # shown instead of the minimum (0 months = lifetime)
    return spin


def _decimal_spin(setting: str, step: float) -> QDoubleSpinBox:
    low, high = DECIMAL_RANGES[setting]
    spin = QDoubleSpinBox()
    spin.setRange(float(low), float(high))
    spin.setDecimals(2)
    spin.setSingleStep(step)
    return spin


def _decimal_text(spin: QDoubleSpinBox, stored: str) -> str:
    """The spin box value as a decimal string; the stored spelling when equal ("0.6", not "0.60"), so an
    untouched field never shows up as a change in the audit log."""
    value = Decimal(f"{spin.value():.2f}")
    try:
        return stored if Decimal(stored) == value else str(value)
    except InvalidOperation:
        return str(value)


class SettingsPage(QWidget):
    """Clinic options, rule parameters and the treatment catalogue; ``Save`` validates, stores, recomputes."""

    settingsSaved = Signal()
    languageChanged = Signal(str)
    #: roles were turned on or off, or the staff options changed (the window re-reads the role)
    accessChanged = Signal()

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, today: Callable[[], date] = date.today
    ) -> None:
        super().__init__(parent)
        self.db = db
        self._today = today  # metrics are recomputed as of "today" (tests pass a fixed day)
        self._saved = Settings()  # until the stored settings arrive (read off the GUI thread)
        months, days = self.tr(" 个月"), self.tr(" 天")
        self.window_months = _spin("ers_window_months", months, self.tr("全部（不限时间）"))
        self.weight_e, self.weight_r, self.weight_s = (
            _decimal_spin(name, 0.05) for name in ("weight_e", "weight_r", "weight_s")
        )
        self.tier_a, self.tier_b, self.tier_c = (
            _decimal_spin(name, 0.1) for name in ("tier_a", "tier_b", "tier_c")
        )
        self.lapsing_months, self.lapsed_months = (
            _spin("lapsing_months", months),
            _spin("lapsed_months", months),
        )
        self.recall_overdue, self.recall_ahead = (
            _spin("recall_overdue_days", days),
            _spin("recall_ahead_days", days),
        )
        self.cooldown_days, self.cap_days = (
            _spin("contact_cooldown_days", days),
            _spin("marketing_cap_days", days),
        )
        self.cap_count = _spin("marketing_cap_count", self.tr(" 次"))
        self.rule_tags = RuleTagsGroup()
        #: which widget edits which field of :class:`Settings` (the form reads and writes through these)
        self._ints: dict[str, QSpinBox] = {
            "ers_window_months": self.window_months,
            "lapsing_months": self.lapsing_months,
            "lapsed_months": self.lapsed_months,
            "recall_overdue_days": self.recall_overdue,
            "recall_ahead_days": self.recall_ahead,
            "contact_cooldown_days": self.cooldown_days,
            "marketing_cap_count": self.cap_count,
            "marketing_cap_days": self.cap_days,
            **self.rule_tags.ints,
        }
        self._decimals: dict[str, QDoubleSpinBox] = {
            "weight_e": self.weight_e,
            "weight_r": self.weight_r,
            "weight_s": self.weight_s,
            "tier_a": self.tier_a,
            "tier_b": self.tier_b,
            "tier_c": self.tier_c,
        }

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.revert_button = QPushButton(self.tr("还原"))
        self.save_button = QPushButton(self.tr("保存设置"))
        self.save_button.setDefault(True)
        self.revert_button.clicked.connect(lambda: self.show_settings(self._saved))
        self.save_button.clicked.connect(self.save)
        left = QVBoxLayout()
        for group in (self._clinic_group(), self._ers_group(), self._rules_group()):
            left.addWidget(group)
        left.addStretch(1)
        self.privacy = PrivacyGroup(db)
        self.privacy.accessChanged.connect(self.accessChanged)
        self.privacy.auditRequested.connect(self.show_audit)
        right = QVBoxLayout()
        right.addWidget(self._catalogue_group(), 1)
        right.addWidget(self.privacy)
        right.addWidget(self.rule_tags)
        # The groups scroll, 保存 stays in view: in the app's font (10.5 pt) they are taller than what a
        # 1,366×768 screen leaves the page, and the window must never grow past the screen.
        body = QWidget()
        columns = QHBoxLayout(body)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(left, 5)
        columns.addLayout(right, 4)
        self.body = QScrollArea()
        self.body.setWidgetResizable(True)
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        self.body.setWidget(body)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.revert_button)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.body, 1)
        layout.addLayout(bottom)

        for ispin in self._ints.values():
            ispin.valueChanged.connect(self._revalidate)
        for dspin in self._decimals.values():
            dspin.valueChanged.connect(self._revalidate)
        self.clinic_name.textChanged.connect(self._revalidate)
        self.rule_tags.share_reward.textChanged.connect(self._revalidate)
        self.show_settings(self._saved)
        self.save_button.setEnabled(False)  # until the stored settings are on the form
        self._shown_stored = False
        self.reload()

    # --- layout -------------------------------------------------------------------------------------------

    @staticmethod
    def _row(*pairs: tuple[str, QWidget]) -> QHBoxLayout:
        row = QHBoxLayout()
        for label, widget in pairs:
            if label:
                row.addWidget(QLabel(label))
            row.addWidget(widget)
        row.addStretch(1)
        return row

    @staticmethod
    def _form(group: QGroupBox) -> QFormLayout:
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        return form

    def _clinic_group(self) -> QGroupBox:
        self.clinic_name = QLineEdit()
        self.clinic_name.setMaxLength(64)
        self.clinic_name.setMinimumWidth(260)
        self.language = QComboBox()
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        group = QGroupBox(self.tr("诊所"))
        form = self._form(group)
        form.addRow(self.tr("诊所名称"), self.clinic_name)
        form.addRow(self.tr("界面语言"), self.language)
        return group

    def _ers_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("ERS 价值模型"))
        form = self._form(group)
        form.addRow(self.tr("统计时间窗"), self.window_months)
        weights = ((self.tr("E 消费"), self.weight_e), (self.tr("R 转介绍"), self.weight_r))
        form.addRow(self.tr("权重"), self._row(*weights, (self.tr("S 满意度"), self.weight_s)))
        self.weights_error = QLabel()
        self.weights_error.setStyleSheet(_ERROR_STYLE)
        self.weights_error.setVisible(False)
        form.addRow("", self.weights_error)
        tiers = self._row(("A ≥", self.tier_a), ("B ≥", self.tier_b), ("C ≥", self.tier_c))
        form.addRow(self.tr("分层阈值"), tiers)
        hint = QLabel(self.tr("综合分 = E、R、S 各自乘以权重后相加；达到阈值为 A/B/C 类，其余为 D 类。"))
        hint.setStyleSheet("color: #757575;")
        hint.setWordWrap(True)
        form.addRow(hint)
        return group

    def _rules_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("活跃度与回访名单"))
        form = self._form(group)
        form.addRow(self.tr("流失预警：未消费满"), self.lapsing_months)
        form.addRow(self.tr("沉睡：未消费满"), self.lapsed_months)
        form.addRow(self.tr("到期复诊：已逾期不超过"), self.recall_overdue)
        form.addRow(self.tr("到期复诊：即将到期"), self.recall_ahead)
        form.addRow(self.tr("联系后冷却期"), self.cooldown_days)
        form.addRow(self.tr("营销联系上限"), self._row(("", self.cap_count), (self.tr("每"), self.cap_days)))
        self.call_list_rules_button = QPushButton(self.tr("交叉推荐、生日与唤醒优惠…"))
        self.call_list_rules_button.clicked.connect(self.edit_call_list_rules)
        form.addRow(self.tr("回访规则"), self.call_list_rules_button)
        return group

    def show_audit(self) -> None:
        """The audit log (owner only: the settings page is, and the service refuses staff anyway)."""
        dialog = AuditDialog(self.db, self, today=self._today())
        dialog.exec()
        dialog.deleteLater()

    def edit_call_list_rules(self) -> None:
        """The cross-sell scenarios, birthday window and win-back offer (also reachable from 回访名单)."""
        from clinic_desktop.ui.calllists import CallListRulesDialog

        unchanged = self.form_settings() == self._saved
        CallListRulesDialog(self.db, self).exec()
        if unchanged:  # show what the dialog stored; never overwrite edits still being made here
            self._reload_settings()

    def _catalogue_group(self) -> QGroupBox:
        self.catalogue = TreatmentTableModel(self)
        columns = TreatmentTableModel
        self.catalogue_proxy, self.catalogue_view = sorted_table(
            self.catalogue, columns.NAME, columns.CATEGORY
        )
        self.catalogue_view.doubleClicked.connect(lambda _index: self.edit_treatment())
        self.catalogue_view.selectionModel().selectionChanged.connect(
            lambda *_: self._update_catalogue_buttons()
        )
        self.add_button = QPushButton(self.tr("新增…"))
        self.edit_button = QPushButton(self.tr("编辑…"))
        self.active_button = QPushButton(self.tr("停用"))
        self.add_button.clicked.connect(self.add_treatment)
        self.edit_button.clicked.connect(self.edit_treatment)
        self.active_button.clicked.connect(self.toggle_treatment)
        group = QGroupBox(self.tr("项目目录（修改即时生效）"))
        box = QVBoxLayout(group)
        box.addWidget(self.catalogue_view, 1)
        box.addLayout(self._row(("", self.add_button), ("", self.edit_button), ("", self.active_button)))
        return group

    # --- the form -----------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Settings also change elsewhere (the call-list page's 回访规则 dialog stores the birthday window
        and the win-back offer): show the stored values again each time the page is shown, unless the
        form holds unsaved edits — so a later 保存 here never writes back stale values."""
        super().showEvent(event)
        self._reload_settings()
        self.reload_catalogue()  # its visit counts follow every import, demo, merge or edit made meanwhile

    def reload(self) -> None:
        """Re-read settings and catalogue from the database (e.g. after a restore or an import)."""
        self._reload_settings(force=True)
        self.reload_catalogue()

    def _reload_settings(self, *, force: bool = False) -> None:
        """Read the stored settings off the GUI thread and show them — unless (without ``force``) the
        form holds unsaved edits by the time they arrive."""
        db = self.db

        def show(stored: Settings) -> None:
            if force or self.form_settings() == self._saved:
                self._saved = stored
                self.show_settings(stored)
            if not self._shown_stored:  # the first time only: a later read must not end a save's wait
                self._shown_stored = True
                self.save_button.setEnabled(True)

        run_in_background(lambda: service.load_settings(db), show, self._show_error, owner=self)

    def _show_error(self, exc: Exception) -> None:
        self._show(error_text(exc), error=True)

    def show_settings(self, s: Settings) -> None:
        self.clinic_name.setText(s.clinic_name)
        self.rule_tags.share_reward.setText(s.share_reward)
        self.language.setCurrentIndex(max(0, self.language.findData(s.language)))
        for key, ispin in self._ints.items():
            ispin.setValue(getattr(s, key))
        for key, dspin in self._decimals.items():
            dspin.setValue(float(getattr(s, key)))
        self._revalidate()

    def form_settings(self) -> Settings:
        """The settings as typed (not validated)."""
        s = self._saved
        typed: dict[str, Any] = {key: ispin.value() for key, ispin in self._ints.items()}
        typed.update((key, _decimal_text(dspin, getattr(s, key))) for key, dspin in self._decimals.items())
        typed.update(clinic_name=self.clinic_name.text().strip(), language=str(self.language.currentData()))
        typed.update(share_reward=self.rule_tags.share_reward.text().strip())
        return replace(s, **typed)

    def _revalidate(self) -> bool:
        """Check the form as typed: the weights' sum next to the weights, anything else in the status line."""
        settings = self.form_settings()
        total = sum(settings.weights, Decimal(0))
        self.weights_error.setText(fill(self.tr("三项权重合计须为 1（当前合计 %1）"), f"{total:.2f}"))
        self.weights_error.setVisible(total != 1)
        try:
            validate(settings)
        except SettingsError as exc:
            self._show(error_text(exc) if total == 1 else "", error=True)
            return False
        self._show("")
        return True

    def _show(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet(_ERROR_STYLE if error else "")
        self.status.setText(text)

    def save(self) -> None:
        settings = self.form_settings()
        try:
            validate(settings)
        except SettingsError as exc:
            self._revalidate()
            self._show(error_text(exc), error=True)  # the form keeps what the user typed
            return
        as_of = self._today()
        self.save_button.setEnabled(False)
        self._show(self.tr("正在保存…"))
        db = self.db
        run_in_background(
            lambda: service.save_settings_and_recompute(db, settings, as_of),
            lambda outcome: self._saved_ok(settings, outcome),
            self._save_failed,
            owner=self,
            busy=self.tr("正在保存设置并重新计算指标…"),
        )

    def _saved_ok(self, settings: Settings, outcome: SaveOutcome) -> None:
        self._saved = settings
        self.save_button.setEnabled(True)
        if not outcome.changed:
            self._show(self.tr("没有需要保存的修改"))
        elif outcome.recomputed is not None:
            n = f"{outcome.recomputed.patients:,}"
            self._show(fill(self.tr("设置已保存，已按新规则重新计算 %1 位患者的指标"), n))
        else:
            self._show(self.tr("设置已保存"))
        self.settingsSaved.emit()
        if outcome.language_changed:
            self.languageChanged.emit(settings.language)

    def _save_failed(self, exc: Exception) -> None:
        self.save_button.setEnabled(True)  # the form keeps what the user typed
        self._show(fill(self.tr("保存失败：%1"), error_text(exc)), error=True)

    # --- the catalogue ------------------------------------------------------------------------------------

    def reload_catalogue(self, select_id: int | None = None) -> None:
        """Re-read the catalogue off the GUI thread: counting a million visit lines takes ~0.1 s."""

        def show(rows: list[TreatmentInfo]) -> None:
            self.catalogue.set_treatments(rows)
            row = self.catalogue.row_of(select_id) if select_id is not None else None
            if row is not None:
                index = self.catalogue_proxy.mapFromSource(self.catalogue.index(row, 0))
                self.catalogue_view.selectRow(index.row())
            self._update_catalogue_buttons()

        db = self.db
        run_in_background(lambda: service.list_treatments(db), show, self._show_error, owner=self)

    def selected_treatment(self) -> TreatmentInfo | None:
        rows = self.catalogue_view.selectionModel().selectedRows()
        return self.catalogue.treatment_at(self.catalogue_proxy.mapToSource(rows[0]).row()) if rows else None

    def select_treatment(self, name: str) -> None:
        match = next((t for t in self.catalogue.treatments() if t.name == name), None)
        if match is not None:
            self.reload_catalogue(match.id)

    def _update_catalogue_buttons(self) -> None:
        current = self.selected_treatment()
        self.edit_button.setEnabled(current is not None)
        self.active_button.setEnabled(current is not None)
        self.active_button.setText(self.tr("启用") if current and not current.active else self.tr("停用"))

    def _ask_treatment(self, current: TreatmentInfo | None) -> tuple[str, str | None, int | None] | None:
        """Ask for a treatment's values (replaced in tests)."""
        categories = sorted({t.category for t in self.catalogue.treatments() if t.category})
        form = TreatmentFormDialog(categories, current, self)
        return form.values() if form.exec() == QDialog.DialogCode.Accepted else None

    def _catalogue_task(
        self, work: Callable[[], int | bool | None], message: str, select_id: int | None = None
    ) -> None:
        """Run one catalogue edit; its result is a new treatment's id (to select), or True when the
        metrics were recomputed."""

        def done(result: int | bool | None) -> None:
            selected = result if isinstance(result, int) and not isinstance(result, bool) else select_id
            self.reload_catalogue(selected)
            self._show(message + (self.tr("；已重新计算指标") if result is True else ""))

        run_in_background(work, done, self._show_error, owner=self, busy=self.tr("正在保存项目…"))

    def add_treatment(self) -> None:
        answer = self._ask_treatment(None)
        if answer is not None:
            name, category, days = answer
            self._catalogue_task(
                lambda: service.add_treatment(self.db, name, category, days),
                fill(self.tr("已新增项目“%1”"), name.strip()),
            )

    def edit_treatment(self) -> None:
        current = self.selected_treatment()
        answer = self._ask_treatment(current) if current else None
        if current is None or answer is None:
            return
        name, category, days = answer
        as_of = self._today()

        def work() -> bool:
            changed = service.update_treatment(
                self.db, current.id, name=name, category=category, recall_days=days
            )
            if changed:  # the "due" activity depends on recall intervals; a busy recompute is no failure
                recompute_after_commit(self.db, as_of)
            return changed

        self._catalogue_task(work, fill(self.tr("已保存项目“%1”"), name.strip()), current.id)

    def toggle_treatment(self) -> None:
        current = self.selected_treatment()
        if current is None:
            return
        message = self.tr("已启用“%1”") if not current.active else self.tr("已停用“%1”（历史记录保留）")
        self._catalogue_task(
            lambda: service.set_treatment_active(self.db, current.id, not current.active),
            fill(message, current.name),
            current.id,
        )
