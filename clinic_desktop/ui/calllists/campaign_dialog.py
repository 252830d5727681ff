"""Create or edit a saved campaign 活动方案: who it is for (tags — rule-derived ones too —, segment, stage,
tier, channel, spend, last visit)
and what it offers (up to three offers, each with a threshold — PRODUCT §5.1: the list suggests to each
patient the offer whose threshold fits them, never a high-threshold coupon to someone long gone).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.core.calllists import CampaignFilter, CampaignSpec, Offer, SpecError
from clinic_desktop.core.money import parse_yuan
from clinic_desktop.services import calllists as call_list_settings
from clinic_desktop.services.database import Database
from clinic_desktop.services.patients import FormOptions, load_options
from clinic_desktop.ui import widgets as labels
from clinic_desktop.ui.calllists.checklist import checked_keys, checklist, fill_checklist
from clinic_desktop.ui.widgets import (
    ERROR_STYLE,
    day_of,
    day_picker,
    error_text,
    fill,
    qdate,
    run_in_background,
    yuan_text,
)

_OFFERS = 3
_TIERS = ("A", "B", "C", "D", "none")


class CampaignDialog(QDialog):
    """Edits one :class:`CampaignSpec`; saving stores it by name (``saved_name`` then holds the name).

    The campaign and the choices (tags, channels) are read off the GUI thread when the dialog opens;
    保存 waits for them."""

    def __init__(self, db: Database, name: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.saved_name: str | None = None
        self._original: CampaignSpec | None = None
        self.setWindowTitle(self.tr("编辑活动方案") if name else self.tr("新建活动方案"))
        self.name = QLineEdit()
        self.name.setMaxLength(40)
        self.name.setPlaceholderText(self.tr("如：种植季 11 月"))
        self.tags = checklist([], set())
        self.sources = checklist([], set())
        self.stages = {code: QCheckBox(text) for code, text in labels.choices(labels.STAGES)}
        self.tiers = {t: QCheckBox(t if t != "none" else self.tr("未分层")) for t in _TIERS}
        self.segments = {code: QCheckBox(text) for code, text in labels.choices(labels.SEGMENTS)}
        self.spend_min, self.spend_max = QLineEdit(), QLineEdit()
        for edit in (self.spend_min, self.spend_max):
            edit.setPlaceholderText(self.tr("不限"))
            edit.setMaximumWidth(110)
        self.visit_check = QCheckBox(self.tr("限定上次到诊"))
        today = date.today()
        year_ago = today.replace(year=today.year - 1, day=min(today.day, 28))
        self.visit_from, self.visit_to = day_picker(year_ago), day_picker(today)
        self.visit_check.toggled.connect(self.visit_from.setEnabled)
        self.visit_check.toggled.connect(self.visit_to.setEnabled)
        self.offer_rows = [(QLineEdit(), QLineEdit(), QLineEdit()) for _ in range(_OFFERS)]
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self._layout()
        self._show_spec(CampaignSpec(""))
        self.save_button.setEnabled(False)  # until the campaign and the choices are read
        run_in_background(
            lambda: (call_list_settings.campaign_named(db, name) if name else None, load_options(db)),
            self._loaded,
            self._load_failed,
            owner=self,
        )

    def _loaded(self, loaded: tuple[CampaignSpec | None, FormOptions]) -> None:
        original, options = loaded
        self._original = original
        spec = original or CampaignSpec("")
        self.setWindowTitle(self.tr("编辑活动方案") if original else self.tr("新建活动方案"))
        derived = self.tr("（自动）")  # a rule-derived tag (PRODUCT §4.1)
        tags = [(t.name, t.name + (derived if t.rule else "")) for t in options.tags]
        fill_checklist(self.tags, tags, set(spec.filter.tags))
        fill_checklist(self.sources, [(s, s) for s in options.sources], set(spec.filter.sources))
        self._show_spec(spec)
        self.delete_button.setVisible(original is not None)
        self.save_button.setEnabled(True)

    def _show_spec(self, spec: CampaignSpec) -> None:
        f = spec.filter
        self.name.setText(spec.name)
        for code, box in self.stages.items():
            box.setChecked(code in f.stages)
        for code, box in self.tiers.items():
            box.setChecked(code in f.tiers)
        for code, box in self.segments.items():
            box.setChecked(code in f.segments)
        self.spend_min.setText(yuan_text(f.spend_min_fen))
        self.spend_max.setText(yuan_text(f.spend_max_fen))
        if f.last_visit_from is not None:
            self.visit_from.setDate(qdate(f.last_visit_from))
        if f.last_visit_to is not None:
            self.visit_to.setDate(qdate(f.last_visit_to))
        self.visit_check.setChecked(f.last_visit_from is not None or f.last_visit_to is not None)
        self.visit_from.setEnabled(self.visit_check.isChecked())
        self.visit_to.setEnabled(self.visit_check.isChecked())
        for (text, threshold, discount), offer in zip(self.offer_rows, spec.offers, strict=False):
            text.setText(offer.text)
            threshold.setText(yuan_text(offer.threshold_fen) if offer.threshold_fen else "")
            discount.setText(yuan_text(offer.discount_fen) if offer.discount_fen else "")

    def _layout(self) -> None:
        who = QGroupBox(self.tr("对象（不勾选即不限）"))
        form = QFormLayout(who)
        stage_row, tier_row, segment_row = QHBoxLayout(), QHBoxLayout(), QHBoxLayout()
        for checks, boxes in ((stage_row, self.stages), (tier_row, self.tiers), (segment_row, self.segments)):
            for box in boxes.values():
                checks.addWidget(box)
            checks.addStretch(1)
        form.addRow(self.tr("阶段"), stage_row)
        form.addRow(self.tr("ERS 分层"), tier_row)
        form.addRow(self.tr("分群"), segment_row)
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
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.delete_button = QPushButton(self.tr("删除此活动"))
        self.delete_button.setVisible(False)
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
        start, end = day_of(self.visit_from) if dated else None, day_of(self.visit_to) if dated else None
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
        segments = tuple(c for c, b in self.segments.items() if b.isChecked())
        f = CampaignFilter(
            checked_keys(self.tags),
            stages,
            tiers,
            checked_keys(self.sources),
            low,
            high,
            start,
            end,
            segments,
        )
        spec = CampaignSpec(name, f, tuple(offers))
        spec.check()
        return spec

    def save(self) -> None:
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

    def _load_failed(self, exc: Exception) -> None:
        self.error.setText(fill(self.tr("读取失败：%1"), error_text(exc)))
