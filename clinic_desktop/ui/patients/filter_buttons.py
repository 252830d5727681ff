"""The patient list's filter buttons: a drop-down of checkable choices (stages, tiers, tags, channels …)
whose menu stays open while ticking, since several are usually wanted."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QMouseEvent
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

K = TypeVar("K", bound=Hashable)


class ChoiceButton(QToolButton, Generic[K]):
    """A drop-down of checkable choices (several may be ticked); the menu stays open while ticking.

    Each choice has a key (a stage code, a tag id …); :meth:`selected` gives the ticked keys."""

    changed = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(StickyMenu(self))
        self.actions_by_key: dict[K, QAction] = {}
        self._update_text()

    def set_choices(self, choices: Iterable[tuple[K, str]]) -> None:
        """Replace the choices, keeping the ticks of those that remain."""
        kept, menu = set(self.selected()), self.menu()
        for action in self.actions_by_key.values():
            menu.removeAction(action)
            action.deleteLater()
        self.actions_by_key = {}
        extras = menu.actions()  # choices go above any extra actions (the tag mode)
        for key, label in choices:
            action = QAction(label, self, checkable=True, checked=key in kept)
            action.toggled.connect(self._toggled)
            if extras:
                menu.insertAction(extras[0], action)
            else:
                menu.addAction(action)
            self.actions_by_key[key] = action
        self._update_text()

    def selected(self) -> list[K]:
        return [key for key, action in self.actions_by_key.items() if action.isChecked()]

    def clear(self) -> None:
        for action in self.actions_by_key.values():
            action.setChecked(False)

    def _toggled(self) -> None:
        self._update_text()
        self.changed.emit()

    def _update_text(self) -> None:
        count = len(self.selected())
        self.setText(f"{self.title} ({count})" if count else self.title)


class StickyMenu(QMenu):
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        action = self.activeAction()
        if action is not None and action.isEnabled() and action.isCheckable():
            action.trigger()  # tick without closing: several stages or tags are usually wanted
            return
        super().mouseReleaseEvent(event)
