"""A read-only table model over a plain list of rows (tens of rows: the model holds them all)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

Index = QModelIndex | QPersistentModelIndex


class _HasId(Protocol):
    @property
    def id(self) -> int: ...


T = TypeVar("T", bound=_HasId)


class RowTableModel(QAbstractTableModel, Generic[T]):
    """Holds the rows, their count, the column headers; a subclass gives ``data`` for one row.

    A subclass sets ``_headers`` (translated with its own ``tr()``, so its translation context stays its
    class name) after calling ``super().__init__``; the column count follows from them.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []
        self._headers: tuple[str, ...] = ()

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def row_of(self, row_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == row_id), None)

    def rows(self) -> list[T]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        return self.row_data(self._rows[index.row()], index.column(), role)

    def row_data(self, row: T, column: int, role: int) -> Any:
        """What ``data`` returns for a valid cell of ``row``."""
        raise NotImplementedError

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None
