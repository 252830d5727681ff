"""Typing a tag name and pressing Enter adds the tag — also when the suggestion list is open.

Issue 13: "Enter in the tag box does not add the tag". Two reasons. The box is an editable combo: the combo
has the keyboard focus and hands each key to its line edit directly, past any event filter on the line
edit — where the Enter handling was. And once a suggestion list pops up, Qt's completer takes Enter for
itself (it only completes the text and closes the list). :func:`enter_adds`
watches the suggestion list too: Enter there takes the highlighted suggestion (or the text as typed),
closes the list and adds the tag, in one key press. The patient 360° tags tab and the new-patient form
both use it; :class:`PendingTags` is the new-patient form's box, which collects tags until the patient
is saved.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QToolButton,
    QWidget,
)

__all__ = ["PendingTags", "enter_adds", "tag_box"]

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def tag_box(placeholder: str) -> QComboBox:
    """An editable combo of tag names that suggests the tags containing what is typed."""
    box = QComboBox()
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = QCompleter(box.model(), box)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    box.setCompleter(completer)
    box.setMinimumContentsLength(10)
    line = box.lineEdit()
    if line is not None:
        line.setPlaceholderText(placeholder)
    return box


class _EnterInPopup(QObject):
    """Enter in the completer's list: take the highlighted suggestion, close the list, add."""

    def __init__(self, box: QComboBox, add: Callable[[], object]) -> None:
        super().__init__(box)
        self.box, self.add = box, add

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in _ENTER:
            completer = self.box.completer()
            popup = completer.popup() if completer is not None else None
            if isinstance(popup, QAbstractItemView):
                index = popup.currentIndex()
                if index.isValid():
                    self.box.setEditText(str(index.data(Qt.ItemDataRole.DisplayRole)))
                popup.hide()
            self.add()
            return True
        return False


def enter_adds(box: QComboBox, add: Callable[[], object]) -> None:
    """Enter in ``box`` — in its text or in its open suggestion list — calls ``add`` once."""
    completer = box.completer()
    popup = completer.popup() if completer is not None else None
    if popup is not None:
        popup.installEventFilter(_EnterInPopup(box, add))


class PendingTags(QWidget):
    """The tags a new patient will get: type a name, Enter adds it as a chip; a chip's × (or Backspace
    in the empty box) takes it back. Enter in the empty box asks for the form to be saved."""

    #: Enter with nothing typed: the receptionist is done with tags
    submitRequested = Signal()
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names: list[str] = []
        self.box = tag_box(self.tr("输入标签后按 Enter，可添加多个"))
        self._chips = QHBoxLayout()
        self._chips.setContentsMargins(0, 0, 0, 0)
        self._chips.setSpacing(4)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.box, 1)
        row.addLayout(self._chips)
        # the combo has the focus and hands keys to its line edit past any filter there: watch both
        self.box.installEventFilter(self)
        line = self.box.lineEdit()
        if line is not None:
            line.installEventFilter(self)
        enter_adds(self.box, self.add_typed)
        self.setFocusProxy(self.box)

    def set_options(self, names: list[str]) -> None:
        text = self.box.currentText()
        self.box.clear()
        self.box.addItems(names)
        self.box.setCurrentIndex(-1)
        self.box.setEditText(text)

    def typed(self) -> str:
        return " ".join(self.box.currentText().split())

    def add_typed(self) -> bool:
        """Add the typed name (once; Latin case ignored); False when nothing was typed."""
        name = self.typed()
        self.box.setCurrentIndex(-1)
        self.box.setEditText("")
        if not name:
            return False
        if name.lower() not in (n.lower() for n in self.names):
            self.names.append(name)
            chip = QToolButton()
            chip.setText(f"{name} ×")
            chip.setToolTip(self.tr("点击去掉这个标签"))
            chip.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Backspace removes from the keyboard
            chip.clicked.connect(lambda _checked=False, n=name, c=chip: self._remove(n, c))
            self._chips.addWidget(chip)
            self.changed.emit()
        return True

    def _remove(self, name: str, chip: QToolButton) -> None:
        self.names.remove(name)
        self._chips.removeWidget(chip)
        chip.deleteLater()
        self.changed.emit()

    def remove_last(self) -> None:
        item = self._chips.itemAt(self._chips.count() - 1) if self._chips.count() else None
        chip = item.widget() if item is not None else None
        if isinstance(chip, QToolButton) and self.names:
            self._remove(self.names[-1], chip)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier == Qt.KeyboardModifier.NoModifier
            if event.key() in _ENTER and plain:
                if not self.add_typed():
                    self.submitRequested.emit()
                return True
            if event.key() == Qt.Key.Key_Backspace and not self.box.currentText():
                self.remove_last()
                return True
        return False
