"""Create or edit a saved campaign 活动方案: who it is for (tags, stage, tier, channel, spend, last visit)
and what it offers (up to three offers, each with a threshold — PRODUCT §5.1: the list suggests to each
patient the offer whose threshold fits them, never a high-threshold coupon to someone long gone).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.core.list_specs import CampaignFilter, CampaignSpec, SpecError
from clinic_desktop.core.money import format_yuan, parse_yuan
from clinic_desktop.core.offers import Offer
from clinic_desktop.services.database import Database
from clinic_desktop.ui import widgets as labels
from clinic_desktop.ui.calllists.actions import error_text
from clinic_desktop.ui.widgets import ERROR_STYLE, fill, run_in_background

_OFFERS = 3
_TIERS = ("A", "B", "C", "D", "none")


def checklist(items: list[tuple[str, str]], checked: set[str]) -> QListWidget:
    """Checkable choices, the checked ones first (so what a rule uses is seen without scrolling). A
    checked key missing from ``items`` (a treatment since removed from the catalogue) is kept, not lost."""
    view = QListWidget()
    known = {key for key, _text in items}
    choices = [(key, key) for key in sorted(checked - known)] + list(items)
    choices.sort(key=lambda item: item[0] not in checked)  # stable: checked first, order kept
    for key, text in choices:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if key in checked else Qt.CheckState.Unchecked)
        view.addItem(item)
    view.setMaximumHeight(120)
    return view


def checked_keys(view: QListWidget) -> tuple[str, ...]:
    items = (view.item(i) for i in range(view.count()))
    return tuple(
        str(i.data(Qt.ItemDataRole.UserRole)) for i in items if i.checkState() == Qt.CheckState.Checked
    )


def yuan_text(fen: int | None) -> str:
    return "" if fen is None else format_yuan(fen).lstrip("¥").replace(",", "")


class CampaignDialog(QDialog):
    """Edits one :class:`CampaignSpec`; saving stores it by name (``saved_name`` then holds the name)."""

    def __init__(self, db: Database, name: str | None, parent: QWidget | None = None) -> None:
        from clinic_desktop.services import calllists as call_list_settings
        from clinic_desktop.services.patients import load_options

        super().__init__(parent)
        self.db = db
        self.saved_name: str | None = None
        self._original = call_list_settings.campaign_named(db, name) if name else None
        spec = self._original or CampaignSpec("")
        f = spec.filter
        options = load_options(db)
        self.setWindowTitle(self.tr("编辑活动方案") if self._original else self.tr("新建活动方案"))
        self.name = QLineEdit(spec.name)
        self.name.setMaxLength(40)
        self.name.setPlaceholderText(self.tr("如：种植季 11 月"))
        self.tags = checklist([(t.name, t.name) for t in options.tags], set(f.tags))
        self.sources = checklist([(s, s) for s in options.sources], set(f.sources))
        self.stages = {code: QCheckBox(text) for code, text in labels.choices(labels.STAGES)}
        self.tiers = {t: QCheckBox(t if t != "none" else self.tr("未分层")) for t in _TIERS}
        for code, box in self.stages.items():
            box.setChecked(code in f.stages)
        for code, box in self.tiers.items():
            box.setChecked(code in f.tiers)
        self.spend_min, self.spend_max = (
            QLineEdit(yuan_text(f.spend_min_fen)),
            QLineEdit(yuan_text(f.spend_max_fen)),
        )
        for edit in (self.spend_min, self.spend_max):
            edit.setPlaceholderText(self.tr("不限"))
            edit.setMaximumWidth(110)
        self.visit_check = QCheckBox(self.tr("限定上次到诊"))
        self.visit_from, self.visit_to = QDateEdit(), QDateEdit()
        today = date.today()
        year_ago = today.replace(year=today.year - 1, day=min(today.day, 28))
        for day_edit, value in (
            (self.visit_from, f.last_visit_from or year_ago),
            (self.visit_to, f.last_visit_to or today),
        ):
            day_edit.setDate(QDate(value.year, value.month, value.day))
            day_edit.setCalendarPopup(True)
            day_edit.setDisplayFormat("yyyy-MM-dd")
        self.visit_check.toggled.connect(self.visit_from.setEnabled)
        self.visit_check.toggled.connect(self.visit_to.setEnabled)
        self.visit_check.setChecked(f.last_visit_from is not None or f.last_visit_to is not None)
        self.visit_from.setEnabled(self.visit_check.isChecked())
        self.visit_to.setEnabled(self.visit_check.isChecked())
        self.offer_rows = [(QLineEdit(), QLineEdit(), QLineEdit()) for _ in range(_OFFERS)]
        for (text, threshold, discount), offer in zip(self.offer_rows, spec.offers, strict=False):
            text.setText(offer.text)
            threshold.setText(yuan_text(offer.threshold_fen) if offer.threshold_fen else "")
            discount.setText(yuan_text(offer.discount_fen) if offer.discount_fen else "")
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self._layout()

    def _layout(self) -> None:
        who = QGroupBox(self.tr("对象（不勾选即不限）"))
        form = QFormLayout(who)
        stage_row, tier_row = QHBoxLayout(), QHBoxLayout()
        for box in self.stages.values():
            stage_row.addWidget(box)
        for box in self.tiers.values():
            tier_row.addWidget(box)
        stage_row.addStretch(1)
        tier_row.addStretch(1)
        form.addRow(self.tr("阶段"), stage_row)
        form.addRow(self.tr("ERS 分层"), tier_row)
        lists = QHBoxLayout()
        for title, view in ((self.tr("标签（含任一）"), self.tags), (self.tr("来源渠道"), self.sources)):
            column = QVBoxLayout()
            column.addWidget(QLabel(title))
            column.addWidget(view)
            lists.addLayout(column)
        form.addRow(lists)
        spend = QHBoxLayout()
        for widget in (self.spend_min, QLabel("–"), self.spend_max, QLabel(self.tr("元（累计消费）"))):
            spend.addWidget(widget)
        spend.addStretch(1)
        form.addRow(self.tr("消费金额"), spend)
        visit = QHBoxLayout()
        for part in (self.visit_check, self.visit_from, QLabel("–"), self.visit_to):
            visit.addWidget(part)
        visit.addStretch(1)
        form.addRow(self.tr("上次到诊"), visit)

        what = QGroupBox(self.tr("优惠（按患者平均客单价自动匹配门槛合适的一项）"))
        grid = QGridLayout(what)
        titles = (self.tr("优惠内容"), self.tr("门槛（元，0 为无门槛）"), self.tr("减免（元）"))
        for position, title in enumerate(titles):
            grid.addWidget(QLabel(title), 0, position)
        for row, (text, threshold, discount) in enumerate(self.offer_rows, 1):
            text.setPlaceholderText(self.tr("如：种植季满 3000 减 300") if row == 1 else self.tr("（可选）"))
            text.setMinimumWidth(300)
            for position, line in enumerate((text, threshold, discount)):
                grid.addWidget(line, row, position)
            threshold.setMaximumWidth(120)
            discount.setMaximumWidth(100)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.delete_button = QPushButton(self.tr("删除此活动"))
        self.delete_button.setVisible(self._original is not None)
        self.delete_button.clicked.connect(self.delete)
        bottom = QHBoxLayout()
        bottom.addWidget(self.delete_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        name_row = QFormLayout()
        name_row.addRow(self.tr("活动名称"), self.name)
        layout = QVBoxLayout(self)
        layout.addLayout(name_row)
        layout.addWidget(who)
        layout.addWidget(what)
        layout.addWidget(self.error)
        layout.addLayout(bottom)

    # --- reading the form ---------------------------------------------------------------------------------

    def _money(self, edit: QLineEdit, what: str) -> int | None:
        text = edit.text().strip()
        if not text:
            return None
        try:
            return parse_yuan(text)
        except ValueError as exc:
            message = error_text(exc)
            raise SpecError(fill(self.tr("%1：%2"), what, message), f"{what}: {message}") from exc

    def spec(self) -> CampaignSpec:
        """The campaign as typed; raises SpecError (with a Chinese message) on bad input."""
        name = self.name.text().strip()
        if not name:
            raise SpecError(self.tr("请填写活动名称"), "a campaign needs a name")
        low, high = (
            self._money(self.spend_min, self.tr("最低消费")),
            self._money(self.spend_max, self.tr("最高消费")),
        )
        if low is not None and high is not None and low > high:
            raise SpecError(self.tr("最低消费不能高于最高消费"), "minimum spend above maximum")
        dated = self.visit_check.isChecked()
        start, end = _day(self.visit_from) if dated else None, _day(self.visit_to) if dated else None
        if start and end and start > end:
            raise SpecError(self.tr("上次到诊的起始日期不能晚于结束日期"), "last-visit range is reversed")
        offers = []
        for text, threshold, discount in self.offer_rows:
            if text.text().strip():
                offers.append(
                    Offer(
                        text.text().strip(),
                        self._money(threshold, self.tr("门槛")) or 0,
                        self._money(discount, self.tr("减免")) or 0,
                    )
                )
        stages = tuple(c for c, b in self.stages.items() if b.isChecked())
        tiers = tuple(c for c, b in self.tiers.items() if b.isChecked())
        f = CampaignFilter(
            checked_keys(self.tags), stages, tiers, checked_keys(self.sources), low, high, start, end
        )
        spec = CampaignSpec(name, f, tuple(offers))
        spec.check()
        return spec

    def save(self) -> None:
        from clinic_desktop.services import calllists as call_list_settings

        try:
            spec = self.spec()
        except SpecError as exc:
            self.error.setText(error_text(exc))
            return
        old = self._original.name if self._original else None

        def work() -> None:
            call_list_settings.save_campaign(self.db, spec)
            if old and old != spec.name:
                call_list_settings.delete_campaign(self.db, old)  # renamed

        run_in_background(work, lambda _r: self._saved(spec.name), self._failed, owner=self)

    def _saved(self, name: str) -> None:
        self.saved_name = name
        self.accept()

    def delete(self) -> None:
        from clinic_desktop.services import calllists as call_list_settings

        if self._original is None:
            return
        name = self._original.name
        if not self._confirm_delete(name):
            return
        run_in_background(
            lambda: call_list_settings.delete_campaign(self.db, name),
            lambda _r: self.accept(),
            self._failed,
            owner=self,
        )

    def _confirm_delete(self, name: str) -> bool:
        answer = QMessageBox.question(self, self.tr("删除活动"), fill(self.tr("删除活动方案“%1”？"), name))
        return answer == QMessageBox.StandardButton.Yes

    def _failed(self, exc: Exception) -> None:
        self.error.setText(fill(self.tr("保存失败：%1"), error_text(exc)))


def _day(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def describe(spec: Any) -> str:
    """One line for a campaign chooser: its name and its first offer."""
    offers = getattr(spec, "offers", ())
    return f"{spec.name} · {offers[0].text}" if offers else str(spec.name)
