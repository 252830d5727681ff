"""归档 / 取消归档: for the patients selected in the list, or the one patient open in the 360° view.

Archiving is for junk rows, patients who moved away or died: they leave the list, every call list, the
dashboard, the counts and the E ranking of the others, and every record stays, so un-archiving brings
them back whole (:func:`clinic_desktop.services.patients.set_archived`, dated and audited). Because the
E ranking moves, the metrics are recomputed right after, in the same background task. The list finds
archived patients again under its 已归档 filter.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QMenu, QMessageBox, QToolButton, QWidget

from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute
from clinic_desktop.services.patients import ArchiveChanged, set_archived
from clinic_desktop.ui.widgets import error_text, fill, run_in_background

__all__ = ["ArchiveButton", "archive_and_recompute", "ask", "confirm_text"]


def ask(parent: QWidget, title: str, text: str) -> bool:
    """Yes or no, No the default (so an Enter pressed too fast changes nothing)."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def archive_and_recompute(db: Database, ids: list[int], archived: bool, today: date) -> ArchiveChanged:
    """The write, then the recompute it calls for (one background task: the list reloads once)."""
    changed = set_archived(db, ids, archived)
    if changed.changed:
        recompute(db, today)
    return changed


def confirm_text(archived: bool, count: int, name: str | None = None) -> str:
    """The question asked before archiving or un-archiving (one patient by name, or a count)."""
    if archived:
        if name:
            who = fill(QCoreApplication.translate("ArchiveActions", "归档患者 %1？"), name)
        else:
            who = fill(QCoreApplication.translate("ArchiveActions", "归档选中的 %1 位患者？"), f"{count:,}")
        return f"{who}\n\n" + QCoreApplication.translate(
            "ArchiveActions",
            "归档后不再出现在患者列表、回访名单、数据看板和各项统计中，也不参与 ERS 排名；"
            "所有记录都保留，可在患者列表的“已归档”中找到并随时取消归档。此操作会记入操作日志。",
        )
    if name:
        who = fill(QCoreApplication.translate("ArchiveActions", "取消归档患者 %1？"), name)
    else:
        who = fill(QCoreApplication.translate("ArchiveActions", "取消归档选中的 %1 位患者？"), f"{count:,}")
    return f"{who}\n\n" + QCoreApplication.translate(
        "ArchiveActions", "他们将重新出现在列表、名单和统计中。此操作会记入操作日志。"
    )


class ArchiveButton(QToolButton):
    """A menu button: archive or un-archive the patients selected in the list."""

    #: the patients whose state was set (metrics already recomputed)
    archivedChanged = Signal(list)

    def __init__(
        self, db: Database, selected: Callable[[], list[int]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self._selected = selected
        self.setText(self.tr("归档"))
        self.setToolTip(self.tr("归档或取消归档列表中选中的患者（Ctrl+A 选中筛选出的全部）"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        menu.addAction(self.tr("归档所选患者…")).triggered.connect(lambda: self.apply(True))
        menu.addAction(self.tr("取消归档所选患者…")).triggered.connect(lambda: self.apply(False))
        self.setMenu(menu)

    def _confirm(self, title: str, text: str) -> bool:
        """Ask before changing patients (replaced in tests)."""
        return ask(self, title, text)

    def _tell(self, title: str, text: str, *, error: bool = False) -> None:
        """Say what happened (replaced in tests)."""
        if error:
            QMessageBox.warning(self, title, text)
        else:
            QMessageBox.information(self, title, text)

    def apply(self, archived: bool) -> None:
        title = self.tr("归档") if archived else self.tr("取消归档")
        ids = self._selected()
        if not ids:
            self._tell(title, self.tr("请先在列表中选中患者（可先筛选，再按 Ctrl+A 全选）。"))
            return
        if not self._confirm(title, confirm_text(archived, len(ids))):
            return
        db, today = self.db, date.today()

        def done(result: ArchiveChanged) -> None:
            self.setEnabled(True)
            self.archivedChanged.emit(ids)
            text = (
                self.tr("已归档 %1 位患者（其余 %2 位原本已归档）。")
                if archived
                else self.tr("已取消归档 %1 位患者（其余 %2 位原本未归档）。")
            )
            self._tell(title, fill(text, f"{result.changed:,}", f"{result.selected - result.changed:,}"))

        def failed(exc: Exception) -> None:
            self.setEnabled(True)
            self._tell(title, error_text(exc), error=True)

        self.setEnabled(False)
        run_in_background(
            lambda: archive_and_recompute(db, ids, archived, today),
            done,
            failed,
            busy=self.tr("正在保存并重新计算…"),
            owner=self,
        )
