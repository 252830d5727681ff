"""The frame of a step-by-step dialog: the steps listed on the left, the current one's title and
explanation on top, an error banner, the step itself, and Cancel / Back / Next at the bottom.

A QWizard would give the same, but its look differs per platform style and it decides on its own when
Next is enabled; the import needs "Next" to start background work and wait for it, so the frame only
shows and the subclass decides (``next``, ``back``, ``_update_buttons``). Keyboard: Enter is Next,
Alt+N / Alt+B (mnemonics) and Alt+→ / Alt+← go on and back, Esc cancels.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.ui.importing.steps import ERROR_BANNER, HINT_STYLE
from clinic_desktop.ui.widgets import fill

_STEP_STYLES = {
    "done": "color: #2e7d32; padding: 8px 12px;",
    "current": "color: white; background: #1976d2; border-radius: 6px; padding: 8px 12px; font-weight: bold;",
    "todo": "color: #9e9e9e; padding: 8px 12px;",
}


class WizardFrame(QDialog):
    """Steps in a stack, with their names on the left; the subclass implements ``next`` and ``back``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stack = QStackedWidget()
        self._titles: list[tuple[str, str]] = []

        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.subtitle.setStyleSheet(HINT_STYLE)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_BANNER)
        self.error.setVisible(False)

        self.cancel_button = QPushButton(self.tr("取消"))
        self.back_button = QPushButton(self.tr("上一步(&B)"))
        self.next_button = QPushButton(self.tr("下一步(&N)"))
        self.next_button.setDefault(True)
        self.next_button.setMinimumWidth(120)
        self.cancel_button.clicked.connect(self.reject)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        QShortcut(QKeySequence("Alt+Left"), self, self.back)
        QShortcut(QKeySequence("Alt+Right"), self, self.next)
        self._build_layout()

    def _build_layout(self) -> None:
        self.step_labels: list[QLabel] = []
        side = QFrame()
        side.setObjectName("wizardSteps")
        side.setStyleSheet("QFrame#wizardSteps { background: #f5f7fa; border-right: 1px solid #e0e0e0; }")
        side.setFixedWidth(170)
        self.steps_heading = QLabel()
        self.steps_heading.setStyleSheet("color: #757575; padding: 0 12px 8px 12px;")
        self._steps = QVBoxLayout(side)
        self._steps.setContentsMargins(12, 20, 12, 12)
        self._steps.addWidget(self.steps_heading)
        self._steps.addStretch(1)

        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        body = QVBoxLayout()
        body.setContentsMargins(20, 16, 20, 14)
        body.addWidget(self.title)
        body.addWidget(self.subtitle)
        body.addSpacing(6)
        body.addWidget(self.error)
        body.addWidget(self.stack, 1)
        body.addLayout(buttons)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(side)
        row.addLayout(body, 1)

    def add_step(self, widget: QWidget, name: str, about: str) -> None:
        """Append a step: its widget, its short name (the list on the left), a sentence under the title."""
        self._titles.append((name, about))
        self.stack.addWidget(widget)
        label = QLabel()
        self.step_labels.append(label)
        self._steps.insertWidget(self._steps.count() - 1, label)  # above the stretch

    def step(self) -> int:
        return self.stack.currentIndex()

    def _go(self, step: int) -> None:
        self.stack.setCurrentIndex(step)
        title, about = self._titles[step]
        self.title.setText(fill(self.tr("第 %1 步：%2"), step + 1, title))
        self.subtitle.setText(about)
        for index, label in enumerate(self.step_labels):
            state = "done" if index < step else "current" if index == step else "todo"
            label.setStyleSheet(_STEP_STYLES[state])
            label.setText(("✓ " if state == "done" else f"{index + 1}  ") + self._titles[index][0])
        self._fit_steps()
        self._show_error("")
        self._update_buttons()
        # keyboard users land on the button that goes on (the default button: Enter works too)
        default = next(
            (b for b in self.findChildren(QPushButton) if b.isDefault() and b.isVisibleTo(self)), None
        )
        if default is not None and default.isEnabled():
            default.setFocus()

    def _fit_steps(self) -> None:
        """The steps' column grows to its widest name as shown (the current one in bold, by its style
        sheet): "3  Preview & check" was cut to "… & chec" in a fixed 170 px."""
        side = self._steps.parentWidget()
        if side is None:
            return
        margins = self._steps.contentsMargins()
        for label in self.step_labels:
            label.ensurePolished()
        need = max((label.sizeHint().width() for label in self.step_labels), default=0)
        need += margins.left() + margins.right()
        if need > side.width():
            side.setFixedWidth(need)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _update_buttons(self) -> None:
        """Show, hide, enable and name the buttons for the current step (the subclass decides)."""

    def next(self) -> None:
        raise NotImplementedError

    def back(self) -> None:
        raise NotImplementedError
