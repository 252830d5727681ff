"""The cards of the 导入导出 page: a white card per action, and the card that shows the last import.

The last import is shown as three plain labels (file, counts, state) rather than one rich-text label:
a word-wrapped rich-text label inside a grid does not grow to its text, and the state line can be a long
reason why the import can no longer be undone.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from clinic_desktop.services.importing import ImportBatchInfo
from clinic_desktop.ui.importing.steps import HINT_STYLE
from clinic_desktop.ui.widgets import fill, pick, ui_language

CARD_STYLE = "QFrame#actionCard { background: white; border: 1px solid #dfe3e8; border-radius: 8px; }"
PRIMARY_BUTTON = (
    "QPushButton { background: #1976d2; color: white; font-weight: bold; border: none; border-radius: 4px;"
    " padding: 7px 20px; } QPushButton:hover { background: #1565c0; } QPushButton:focus { outline: none;"
    " border: 2px solid #0d47a1; } QPushButton:disabled { background: #90caf9; }"
)


def card(title: str, about: str, *buttons: QPushButton) -> tuple[QFrame, QVBoxLayout]:
    """A white card: bold title, a sentence on what the action does, its buttons at the bottom."""
    card = QFrame()
    card.setObjectName("actionCard")
    card.setStyleSheet(CARD_STYLE)
    box = QVBoxLayout(card)
    box.setContentsMargins(18, 14, 18, 14)
    heading = QLabel(title)
    font = heading.font()
    font.setPointSizeF(font.pointSizeF() * 1.15)
    font.setBold(True)
    heading.setFont(font)
    box.addWidget(heading)
    text = QLabel(about)
    text.setWordWrap(True)
    text.setStyleSheet(HINT_STYLE)
    box.addWidget(text)
    box.addStretch(1)
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    box.addLayout(row)
    return card, box


def when_text(moment: object) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if isinstance(moment, datetime) else str(moment)


class LastImportCard(QFrame):
    """上次导入: the file, when, how many records it created and updated, and whether it can be undone."""

    def __init__(self, undo_button: QPushButton, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionCard")
        self.setStyleSheet(CARD_STYLE)
        self.undo_button = undo_button
        self.file = QLabel()
        bold = self.file.font()
        bold.setBold(True)
        self.file.setFont(bold)
        self.counts = QLabel()
        self.state = QLabel()
        self.state.setStyleSheet("color: #757575;")
        self.state.setWordWrap(True)
        for label in (self.file, self.counts, self.state):
            label.setTextFormat(Qt.TextFormat.PlainText)
        heading = QLabel(self.tr("上次导入"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        heading.setFont(font)
        about = QLabel(self.tr("撤销会删除上次导入新建的记录，并把被更新的患者恢复原样。"))
        about.setWordWrap(True)
        about.setStyleSheet(HINT_STYLE)
        box = QVBoxLayout(self)
        box.setContentsMargins(18, 14, 18, 14)
        for widget in (heading, self.file, self.counts, self.state, about):
            box.addWidget(widget)
        box.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(undo_button)
        row.addStretch(1)
        box.addLayout(row)

    def show_info(self, info: ImportBatchInfo | None) -> None:
        """An ``ImportBatchInfo`` or None (never imported)."""
        if info is None:
            self.file.setText(self.tr("还没有导入过数据。"))
            self.counts.clear()
            self.state.clear()
            self.state.setVisible(False)
            self.undo_button.setEnabled(False)
            return
        self.file.setText(info.file_name)
        self.counts.setText(
            fill(
                self.tr("%1 · 新建 %2 条，更新 %3 条"),
                when_text(info.imported_at),
                f"{info.created:,}",
                f"{info.updated:,}",
            )
        )
        state = ""
        if info.undone:
            state = self.tr("已撤销")
        elif not info.can_undo:
            reason = pick((info.reason_zh, info.reason_en))
            state = reason or self.tr("不能撤销")
        elif info.call_list_rows or info.list_contacts:
            state = fill(self.tr("撤销时，导入后生成的%1会一并删除。"), info.goes_with(ui_language()))
        self.state.setText(state)
        self.state.setVisible(bool(state))
        self.undo_button.setEnabled(bool(info.can_undo) and not info.undone)

    def text(self) -> str:
        return "\n".join(label.text() for label in (self.file, self.counts, self.state) if label.text())
