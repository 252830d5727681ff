"""The main window's pages, each built the first time it is shown.

Why: building every page at start (and importing what each needs — the dashboard pulls in matplotlib)
made the window appear after ~2.8 s. The window now appears with only the page it opens on; the others
are built when the user first goes to them (tens of milliseconds each, matplotlib's import the first time
the dashboard is shown).

A page not built yet is an empty placeholder in the stack; building it swaps the real page in at the
same index, so ``stack.indexOf(page)`` and the navigation rows stay as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    build: Callable[[], QWidget]


class LazyPages(QObject):
    """Placeholders in ``stack`` for ``specs``; :meth:`page` builds one on demand."""

    # (key, page): a page was just built — the window connects its signals here
    built = Signal(str, QWidget)

    def __init__(self, stack: QStackedWidget, specs: list[PageSpec]) -> None:
        super().__init__(stack)
        self.stack = stack
        self.specs = specs
        self._pages: dict[str, QWidget] = {}
        for _spec in specs:
            stack.addWidget(QWidget())

    def index_of(self, key: str) -> int:
        return next(i for i, spec in enumerate(self.specs) if spec.key == key)

    def key_at(self, index: int) -> str:
        return self.specs[index].key

    def page(self, key: str) -> QWidget:
        """The page of ``key``, built now if it was not yet."""
        page = self._pages.get(key)
        if page is None:
            index = self.index_of(key)
            page = self.specs[index].build()
            self._pages[key] = page
            placeholder = self.stack.widget(index)
            current = self.stack.currentIndex()
            self.stack.insertWidget(index, page)
            if placeholder is not None:
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()
            self.stack.setCurrentIndex(current)
            self.built.emit(key, page)
        return page

    def existing(self, key: str) -> QWidget | None:
        """The page of ``key`` if it was built, else None (nothing to refresh in a page never shown)."""
        return self._pages.get(key)

    def show(self, index: int) -> None:
        """Build the page at ``index`` if need be, then make it the current one."""
        if 0 <= index < len(self.specs):
            self.page(self.specs[index].key)
            self.stack.setCurrentIndex(index)
