"""The top of the call-list screen: which kind of list, who is on it (one line), and — for a campaign —
which saved campaign (a filter plus an offer), with buttons to create or edit one.

The seven kinds are buttons, not a drop-down: a receptionist picks the same two or three every day, and a
visible row of choices needs no click to discover.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.core.calllists import CampaignSpec
from clinic_desktop.services.calllists import load_campaigns
from clinic_desktop.services.database import Database
from clinic_desktop.ui.calllists.campaign_dialog import CampaignDialog
from clinic_desktop.ui.widgets import error_text, fill, run_in_background

_KIND_BUTTON = (
    "QPushButton { padding: 5px 14px; border: 1px solid #b0bec5; border-radius: 4px; background: #fafafa; }"
    " QPushButton:checked { background: #1565c0; color: white; border-color: #1565c0; font-weight: bold; }"
)


class KindPicker(QWidget):
    """Kind buttons, the chosen kind's description, and the campaign chooser (campaign kind only)."""

    KINDS = ("recall", "reactivation", "birthday", "referral", "recovery", "crosssell", "share", "campaign")

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._labels = {
            "recall": self.tr("到期复诊"),
            "reactivation": self.tr("沉睡唤醒"),
            "birthday": self.tr("生日关怀"),
            "referral": self.tr("转介绍邀请"),
            "recovery": self.tr("满意度回访"),
            "crosssell": self.tr("交叉推荐"),
            "share": self.tr("分享裂变"),
            "campaign": self.tr("活动"),
        }
        self._descriptions = {
            "recall": self.tr("复诊周期已到或即将到期的患者（如洁牙满 6 个月）；关怀提醒，不做推销。"),
            "reactivation": self.tr("超过沉睡期未再消费的付费患者；附低门槛回店优惠。需患者同意接收营销。"),
            "birthday": self.tr("近期过生日的患者（阳历或农历）；只送祝福，不推销。"),
            "referral": self.tr(
                "传播者，或 A 类且满意度 ≥ 4 的患者（懂行·重品质者排在前面）；邀请参加转介绍计划，不发折扣。"
                "需同意营销。"
            ),
            "share": self.tr(
                "懂行·价格敏感、不太懂·价格敏感两个分群中消费过的患者；邀请分享给朋友，奖励一项服务而不是折扣。"
                "需同意营销。"
            ),
            "recovery": self.tr("满意度 ≤ 2，或近期问卷打分 ≤ 2 的患者；请资深员工致电，不做任何推广。"),
            "crosssell": self.tr("按交叉推荐规则匹配的患者（如正畸患者 → 种植咨询）。需同意营销。"),
            "campaign": self.tr(
                "按保存的活动方案筛选（标签含规则标签、分群、阶段、分层、渠道、消费、上次到诊），附带门槛合适的优惠。"
                "需同意营销。"
            ),
        }
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        kinds = QHBoxLayout()
        kinds.setSpacing(6)
        for kind in self.KINDS:
            button = QPushButton(self._labels[kind])
            button.setCheckable(True)
            button.setStyleSheet(_KIND_BUTTON)
            self.group.addButton(button)
            self.buttons[kind] = button
            kinds.addWidget(button)
            button.toggled.connect(lambda on, k=kind: self._kind_changed(k) if on else None)
        kinds.addStretch(1)
        self.description = QLabel()
        self.description.setStyleSheet("color: #546e7a;")
        self.description.setWordWrap(True)

        self.campaign = QComboBox()
        self.campaign.setMinimumWidth(280)
        self.campaign.setPlaceholderText(self.tr("（还没有活动方案，请新建）"))
        self.new_campaign_button = QPushButton(self.tr("新建活动…"))
        self.edit_campaign_button = QPushButton(self.tr("编辑…"))
        self.new_campaign_button.clicked.connect(lambda: self.edit_campaign(None))
        self.edit_campaign_button.clicked.connect(lambda: self.edit_campaign(self.campaign.currentData()))
        self.campaign_row = QWidget()
        row = QHBoxLayout(self.campaign_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("活动方案")))
        row.addWidget(self.campaign)
        row.addWidget(self.edit_campaign_button)
        row.addWidget(self.new_campaign_button)
        row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(kinds)
        layout.addWidget(self.description)
        layout.addWidget(self.campaign_row)
        self.buttons["recall"].setChecked(True)

    # --- our API ------------------------------------------------------------------------------------------

    def kind(self) -> str:
        return next(k for k, b in self.buttons.items() if b.isChecked())

    def set_kind(self, kind: str) -> None:
        if kind in self.buttons:
            self.buttons[kind].setChecked(True)

    def kind_label(self, kind: str) -> str:
        return self._labels.get(kind, kind)

    def params(self) -> dict[str, Any] | None:
        """The build parameters of the chosen kind: ``{}`` for most; the campaign's for a campaign, or
        None (after telling the user) when no campaign is chosen."""
        if self.kind() != "campaign":
            return {}
        name = self.campaign.currentData()
        if name is None:
            QMessageBox.information(self, self.tr("活动名单"), self.tr("请先选择或新建一个活动方案。"))
            return None
        return {"campaign": name}

    # --- campaigns ----------------------------------------------------------------------------------------

    def _kind_changed(self, kind: str) -> None:
        self.description.setText(self._descriptions[kind])
        self.campaign_row.setVisible(kind == "campaign")
        if kind == "campaign":
            self.reload_campaigns()

    def reload_campaigns(self, select: str | None = None) -> None:
        db = self.db

        def show(campaigns: list[CampaignSpec]) -> None:
            current = select or self.campaign.currentData()
            self.campaign.clear()
            for spec in campaigns:
                self.campaign.addItem(describe(spec), spec.name)
            index = self.campaign.findData(current)
            self.campaign.setCurrentIndex(index if index >= 0 else (0 if campaigns else -1))
            self.edit_campaign_button.setEnabled(bool(campaigns))

        run_in_background(lambda: load_campaigns(db), show, self._failed, owner=self)

    def edit_campaign(self, name: str | None) -> None:
        dialog = CampaignDialog(self.db, name, self)
        if dialog.exec():
            self.reload_campaigns(dialog.saved_name)

    def _failed(self, exc: Exception) -> None:
        QMessageBox.warning(self, self.tr("活动方案"), fill(self.tr("读取失败：%1"), error_text(exc)))


def describe(spec: CampaignSpec) -> str:
    """One line for the campaign chooser: its name and its first offer."""
    return f"{spec.name} · {spec.offers[0].text}" if spec.offers else spec.name
