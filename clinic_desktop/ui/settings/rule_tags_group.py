"""The settings of the rule-derived tags and the 分享裂变 list (PRODUCT §4.1, §5.1), one compact group.

Each rule reads as a sentence with its thresholds in it ("至少 2 次消费，且用券 ≥ 50%"), so the clinic
sees what 价格敏感 means while changing it. The spin boxes join the settings page's form (saved with the
rest; changing any of them recomputes, since the tags are stored with the metrics).
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QWidget

from clinic_desktop.core.calllists import MINOR_AGE
from clinic_desktop.core.settings import setting_range
from clinic_desktop.ui.widgets import fill


def _spin(setting: str, suffix: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(*setting_range(setting))
    spin.setSuffix(suffix)
    return spin


def _sentence(*parts: str | QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for part in parts:
        row.addWidget(QLabel(part) if isinstance(part, str) else part)
    row.addStretch(1)
    return row


class RuleTagsGroup(QGroupBox):
    """The group box; :attr:`ints` maps each whole-number setting to its spin box."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("规则标签与分群"))
        times, percent = self.tr(" 次"), " %"
        self.ints: dict[str, QSpinBox] = {
            "price_sensitive_min_purchases": _spin("price_sensitive_min_purchases", times),
            "price_sensitive_coupon_percent": _spin("price_sensitive_coupon_percent", percent),
            "no_show_months": _spin("no_show_months", self.tr(" 个月")),
            "no_show_min": _spin("no_show_min", times),
            "high_ticket_percent": _spin("high_ticket_percent", percent),
            "lapsed_high_value_top_percent": _spin("lapsed_high_value_top_percent", percent),
            "knowledge_hint_consults": _spin("knowledge_hint_consults", times),
        }
        self.ints["high_ticket_percent"].setSingleStep(25)
        self.share_reward = QLineEdit()
        self.share_reward.setMaxLength(60)
        self.share_reward.setPlaceholderText(self.tr("如：我们送您一次免费洁牙"))
        self.share_reward.setToolTip(self.tr("分享裂变名单的话术里送出的服务（不是折扣）"))
        s = self.ints
        form = QFormLayout(self)
        form.addRow(
            self.tr("价格敏感"),
            _sentence(self.tr("至少"), s["price_sensitive_min_purchases"], self.tr("消费，用券 ≥"),
                      s["price_sensitive_coupon_percent"]),
        )  # fmt: skip
        form.addRow(
            self.tr("爽约较多"), _sentence(self.tr("近"), s["no_show_months"], self.tr("≥"), s["no_show_min"])
        )
        # not a setting: the law's age, the same the guardian-consent rule of the contact policy reads
        minor = QLabel(fill(self.tr("未满 %1 岁（法定）"), MINOR_AGE))
        minor.setToolTip(self.tr("与营销名单的监护人同意规则同一标准（个人信息保护法），不可更改"))
        form.addRow(self.tr("儿童"), _sentence(minor))
        form.addRow(self.tr("高客单"), _sentence(self.tr("客单价 ≥ 中位数的"), s["high_ticket_percent"]))
        form.addRow(
            self.tr("沉睡高价值"), _sentence(self.tr("累计消费前"), s["lapsed_high_value_top_percent"])
        )
        form.addRow(self.tr("建议懂行"), _sentence(self.tr("咨询/报价 ≥"), s["knowledge_hint_consults"]))
        form.addRow(self.tr("分享奖励"), self.share_reward)
