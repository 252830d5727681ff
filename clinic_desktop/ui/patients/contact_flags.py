"""营销同意 / 勿扰 for the patients selected in the list, in one step (issue 12).

A clinic fresh from its import has recorded nobody's marketing consent, so every marketing list is empty
until it does — the call-list screen says so and points here. The receptionist filters the list (or
selects all with Ctrl+A), picks the action from this button's menu, confirms, and the service records
the change for every selected patient, dated and audited
(:func:`clinic_desktop.services.patients.set_contact_flags`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenu, QMessageBox, QToolButton, QWidget

from clinic_desktop.services.database import Database
from clinic_desktop.services.patients import FlagsChanged, set_contact_flags
from clinic_desktop.ui.widgets import error_text, fill, run_in_background

#: action → (marketing_consent, do_not_contact) as the service takes them (None: leave alone)
_ACTIONS: dict[str, tuple[bool | None, bool | None]] = {
    "consent": (True, None),
    "no_consent": (False, None),
    "dnc": (None, True),
    "no_dnc": (None, False),
}


class ContactFlagsButton(QToolButton):
    """A menu button: record or withdraw marketing consent, mark or clear do-not-contact."""

    #: the patients whose flags were set (whether or not each one changed)
    flagsChanged = Signal(list)

    def __init__(
        self, db: Database, selected: Callable[[], list[int]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self._selected = selected
        self.setText(self.tr("营销同意/勿扰"))
        self.setToolTip(self.tr("为列表中选中的患者批量记录营销同意或勿扰（Ctrl+A 选中筛选出的全部）"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        for key, text in (
            ("consent", self.tr("记录营销同意…")),
            ("no_consent", self.tr("撤销营销同意…")),
            ("dnc", self.tr("标记为勿扰…")),
            ("no_dnc", self.tr("取消勿扰…")),
        ):
            menu.addAction(text).triggered.connect(lambda _checked=False, k=key: self.apply(k))
        self.setMenu(menu)

    def _question(self, key: str, count: int) -> str:
        texts = {
            "consent": self.tr(
                "为选中的 %1 位患者记录营销同意？\n\n请确认他们确实同意接收营销信息。同意日期记为今天；"
                "已经同意的患者保留原来的日期。此操作会记入操作日志。"
            ),
            "no_consent": self.tr(
                "撤销选中的 %1 位患者的营销同意？\n\n营销类名单（沉睡唤醒、活动、交叉推荐、转介绍邀请）"
                "将不再包含他们。此操作会记入操作日志。"
            ),
            "dnc": self.tr(
                "将选中的 %1 位患者标记为勿扰？\n\n他们不会出现在任何回访名单上。此操作会记入操作日志。"
            ),
            "no_dnc": self.tr("取消选中的 %1 位患者的勿扰标记？\n\n此操作会记入操作日志。"),
        }
        return fill(texts[key], f"{count:,}")

    def _done_text(self, key: str, result: FlagsChanged) -> str:
        consent = key in ("consent", "no_consent")
        changed = result.consent_changed if consent else result.do_not_contact_changed
        texts = {
            "consent": self.tr("已为 %1 位患者记录营销同意（其余 %2 位原本已同意）。"),
            "no_consent": self.tr("已撤销 %1 位患者的营销同意（其余 %2 位原本就未同意）。"),
            "dnc": self.tr("已将 %1 位患者标记为勿扰（其余 %2 位原本已是勿扰）。"),
            "no_dnc": self.tr("已取消 %1 位患者的勿扰（其余 %2 位原本就不是勿扰）。"),
        }
        return fill(texts[key], f"{changed:,}", f"{result.selected - changed:,}")

    def _confirm(self, title: str, text: str) -> bool:
        """Ask before changing many patients (replaced in tests)."""
        answer = QMessageBox.question(
            self,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _tell(self, title: str, text: str, *, error: bool = False) -> None:
        """Say what happened (replaced in tests)."""
        if error:
            QMessageBox.warning(self, title, text)
        else:
            QMessageBox.information(self, title, text)

    def apply(self, key: str) -> None:
        """Ask, then set the flags of the selected patients in the background."""
        title = self.tr("营销同意/勿扰")
        ids = self._selected()
        if not ids:
            self._tell(title, self.tr("请先在列表中选中患者（可先筛选，再按 Ctrl+A 全选）。"))
            return
        if not self._confirm(title, self._question(key, len(ids))):
            return
        consent, dnc = _ACTIONS[key]
        db = self.db

        def done(result: FlagsChanged) -> None:
            self.setEnabled(True)
            self.flagsChanged.emit(ids)
            self._tell(title, self._done_text(key, result))

        def failed(exc: Exception) -> None:
            self.setEnabled(True)
            self._tell(title, error_text(exc), error=True)

        self.setEnabled(False)
        run_in_background(
            lambda: set_contact_flags(db, ids, marketing_consent=consent, do_not_contact=dnc),
            done,
            failed,
            busy=self.tr("正在保存…"),
            owner=self,
        )
