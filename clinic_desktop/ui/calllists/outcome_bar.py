"""Under the call list: the card of the call in hand (who, why, what to say — the script in full, since
the table can only show its start), and the outcome strip: the keys as buttons (the legend is the
buttons themselves), an optional note, and the progress "已完成 12 / 48".

A receptionist works a list with one hand on the phone: select a row, press 1–5, the next row is
selected. The buttons do the same for a mouse user and, being always visible, teach the keys.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.ui import widgets as labels
from clinic_desktop.ui.calllists.models import OUTCOME_COLORS, OUTCOME_KEYS
from clinic_desktop.ui.widgets import fill

_BUTTON = (
    "QPushButton {{ background: {bg}; color: {fg}; border: 1px solid {fg}; border-radius: 4px;"
    " padding: 3px 10px; font-weight: bold; }}"
    " QPushButton:disabled {{ color: #bdbdbd; border-color: #e0e0e0; background: #fafafa; }}"
)


class CurrentCallCard(QFrame):
    """The selected row, readable at a glance while dialling: name and phone large, reason, full script."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("currentCall")
        self.setStyleSheet(
            "#currentCall { background: #f5f9ff; border: 1px solid #cfd8e3; border-radius: 6px; }"
            " #currentCall QLabel { background: transparent; }"
        )
        self.who = QLabel()
        font = self.who.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.who.setFont(font)
        self.who.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = QLabel()
        self.facts.setStyleSheet("color: #546e7a;")
        self.outcome = QLabel()
        self.reason = QLabel()
        self.script = QLabel()
        for label in (self.reason, self.script):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(self.who)
        top.addWidget(self.facts, 1)
        top.addWidget(self.outcome)
        box = QVBoxLayout(self)
        box.setContentsMargins(10, 6, 10, 6)
        box.setSpacing(3)
        box.addLayout(top)
        box.addWidget(self.reason)
        box.addWidget(self.script)
        #: how a phone is shown (the page masks it while staff acts, if the owner asked)
        self.phone_text: Callable[[str | None], str] = lambda phone: phone or ""
        self.show_row(None, "", "", None)

    def show_row(self, row: Any, stage: str, ers: str, outcome: str | None) -> None:
        """Show ``row`` (a CallRow) with its shown stage and ERS texts and current outcome; None: nothing."""
        if row is None:
            self.who.setText(self.tr("未选中患者"))
            self.facts.setText(self.tr("在名单中选中一行，按 1–5 记录结果"))
            for label in (self.outcome, self.reason, self.script):
                label.clear()
            return
        phone = self.phone_text(row.phone) or self.tr("（无电话）")
        self.who.setText(f"{row.name}　{phone}")
        facts = [text for text in (stage, ers) if text]
        if row.last_contact:
            facts.append(fill(self.tr("上次联系 %1"), row.last_contact.isoformat()))
        self.facts.setText("  ·  ".join(facts))
        if outcome in OUTCOME_COLORS:
            bg, fg = OUTCOME_COLORS[outcome]
            self.outcome.setStyleSheet(
                f"QLabel {{ background: {bg}; color: {fg}; border: 1px solid {fg}; border-radius: 4px;"
                " padding: 1px 8px; font-weight: bold; }"
            )
            self.outcome.setText(labels.label(labels.CONTACT_OUTCOMES, outcome))
        else:
            self.outcome.setStyleSheet("")
            self.outcome.clear()
        self.reason.setText(fill(self.tr("<b>原因</b>　%1"), _html(row.reason or "")))
        self.script.setText(fill(self.tr("<b>话术</b>　%1"), _html(row.script or "")))


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class OutcomeBar(QWidget):
    """Emits ``outcomeChosen(outcome)`` when a button is clicked; the page also maps keys 1–5 to it."""

    outcomeChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("标记结果：")))
        self.buttons: dict[str, QPushButton] = {}
        for number, outcome in enumerate(OUTCOME_KEYS, 1):
            bg, fg = OUTCOME_COLORS[outcome]
            button = QPushButton(f"{number} {labels.label(labels.CONTACT_OUTCOMES, outcome)}")
            button.setStyleSheet(_BUTTON.format(bg=bg, fg=fg))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the table keeps the focus (and the keys)
            button.setToolTip(fill(self.tr("按数字键 %1"), number))
            button.clicked.connect(lambda _checked=False, o=outcome: self.outcomeChosen.emit(o))
            self.buttons[outcome] = button
            row.addWidget(button)
        self.note = QLineEdit(placeholderText=self.tr("备注（可选，先填写再标记结果）"))
        self.note.setClearButtonEnabled(True)
        self.note.setMaxLength(200)
        row.addWidget(self.note, 1)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setFixedWidth(110)
        self.progress.setMaximumHeight(12)
        self.progress_label = QLabel()
        font = self.progress_label.font()
        font.setBold(True)
        self.progress_label.setFont(font)
        row.addWidget(self.progress)
        row.addWidget(self.progress_label)
        self.set_progress(0, 0)

    def set_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)) if total else 0)
        self.progress_label.setText(fill(self.tr("已完成 %1 / %2"), f"{done:,}", f"{total:,}"))

    def set_enabled(self, enabled: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(enabled)
        self.note.setEnabled(enabled)

    def take_note(self) -> str | None:
        """The note typed for the next outcome (cleared: a note belongs to one call)."""
        text = self.note.text().strip()
        self.note.clear()
        return text or None


_DIGITS = {getattr(Qt.Key, f"Key_{i}"): outcome for i, outcome in enumerate(OUTCOME_KEYS, 1)}


class OutcomeKeysTable(QTableView):
    """Digits 1–5 mark the current row's outcome; everything else is an ordinary table."""

    outcomeKey = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        outcome = _DIGITS.get(Qt.Key(event.key()))
        plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier == Qt.KeyboardModifier.NoModifier
        if outcome is not None and plain:
            self.outcomeKey.emit(outcome)
            return
        super().keyPressEvent(event)
