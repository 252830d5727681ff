"""A list of checkable choices (tags, channels, treatments, categories), as the campaign and the
cross-sell rule dialogs use them to say which ones a rule applies to."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem


def checklist(items: list[tuple[str, str]], checked: set[str]) -> QListWidget:
    """Checkable choices, the checked ones first (so what a rule uses is seen without scrolling). A
    checked key missing from ``items`` (a treatment since removed from the catalogue) is kept, not lost."""
    view = QListWidget()
    view.setMaximumHeight(120)
    fill_checklist(view, items, checked)
    return view


def fill_checklist(view: QListWidget, items: list[tuple[str, str]], checked: set[str]) -> None:
    """Replace the choices of ``view`` (a dialog fills its lists once the choices are read)."""
    view.clear()
    known = {key for key, _text in items}
    choices = [(key, key) for key in sorted(checked - known)] + list(items)
    choices.sort(key=lambda item: item[0] not in checked)  # stable: checked first, order kept
    for key, text in choices:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if key in checked else Qt.CheckState.Unchecked)
        view.addItem(item)


def checked_keys(view: QListWidget) -> tuple[str, ...]:
    items = (view.item(i) for i in range(view.count()))
    return tuple(
        str(i.data(Qt.ItemDataRole.UserRole)) for i in items if i.checkState() == Qt.CheckState.Checked
    )
