"""Regression guard for PySide6 6.12.0 on CPython 3.11.

6.12.0 drops a reference to ``None`` on every ``QModelIndex.data()`` that returns nothing; after ~10,000
calls the interpreter aborts with ``Fatal Python error: none_dealloc``. pyproject.toml pins
``PySide6-Essentials>=6.11,<6.12``; this test fails loudly if a build with the bug is ever installed.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt


class _EmptyDataModel(QAbstractTableModel):
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 10

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        return None


def test_data_returning_nothing_keeps_none_alive(qapp: object) -> None:
    model = _EmptyDataModel()
    index = model.index(1, 1)
    calls = 5_000  # well below the crash threshold, far above any incidental refcount noise
    before = sys.getrefcount(None)
    for _ in range(calls):
        assert index.data(Qt.ItemDataRole.ToolTipRole) is None
    after = sys.getrefcount(None)
    assert after - before > -calls // 2, f"None lost {before - after} references over {calls} data() calls"


def test_installed_pyside_is_below_6_12() -> None:
    import PySide6

    major, minor = (int(x) for x in PySide6.__version__.split(".")[:2])
    assert (major, minor) < (6, 12), PySide6.__version__
