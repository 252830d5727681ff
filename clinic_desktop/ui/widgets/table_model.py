"""The one table model every small table of the app builds on (tens to a few thousand rows held in memory).

A table is declared as data: one :class:`Column` per column — its header, the text a cell shows, the raw
value it sorts by, its alignment and tooltip — over a list of row objects. The base does the Qt
bookkeeping the same way everywhere: ``set_rows`` resets the model (a reload), ``set_row`` /
``row_changed`` emit ``dataChanged`` for one row only (an edit), :data:`SORT_ROLE` answers raw values
(numbers sort as numbers, dates as dates, "¥1,200" never before "¥300"), and ``sort`` reorders the rows
in place, keeping selections on the same rows. Anything else a model shows (row tints, bold text, icons,
its own roles) comes from :meth:`TableModel.cell_data`.

The 100,000-row patient list is not one of these: it holds row ids and formats rows lazily
(``ui/patients/patient_table.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

#: the role a model answers with the raw value a cell sorts by
SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 1
#: numbers and dates read right-aligned
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
_INVALID = QModelIndex()
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its header, what a cell shows, and (optionally) what it sorts by, how it is aligned
    and what its tooltip says. Without ``sort`` a column sorts by its text."""

    header: str
    text: Callable[[R], str]
    sort: Callable[[R], object] | None = None
    align: Qt.AlignmentFlag | None = None
    tooltip: Callable[[R], str | None] | None = None


def _sortable(value: object) -> tuple[bool, object]:
    """Blanks sort after values in ascending order, and None is never compared with a number."""
    return (value is None or value == "", value if value is not None else 0)


class TableModel(QAbstractTableModel, Generic[R]):
    """Read-only rows of one kind under declared columns (a subclass may make cells editable)."""

    def __init__(self, columns: Sequence[Column[R]] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns: tuple[Column[R], ...] = tuple(columns)
        self._rows: list[R] = []
        self._sorted: tuple[int, Qt.SortOrder] | None = None

    # --- rows -------------------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[R]) -> None:
        """Show ``rows`` instead (a reload: views reset; a column sorted by the user stays sorted)."""
        self.beginResetModel()
        self._rows = list(rows)
        if self._sorted is not None:
            self._order(*self._sorted)
        self.endResetModel()

    def set_columns(self, columns: Sequence[Column[R]]) -> None:
        """New columns (a table whose columns are data, like the E×S grid's); the rows are cleared."""
        self.beginResetModel()
        self._columns, self._rows, self._sorted = tuple(columns), [], None
        self.endResetModel()

    def set_row(self, row: int, value: R) -> None:
        """Replace one row (an edit): only that row is repainted."""
        self._rows[row] = value
        self.row_changed(row)

    def row_changed(self, row: int) -> None:
        """Something this model shows about ``row`` changed (e.g. its outcome): repaint that row only."""
        if 0 <= row < len(self._rows) and self._columns:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._columns) - 1))

    def row(self, row: int) -> R:
        return self._rows[row]

    def rows(self) -> list[R]:
        return list(self._rows)

    def find(self, matches: Callable[[R], bool]) -> int | None:
        """The first row for which ``matches`` is true, or None."""
        return next((i for i, r in enumerate(self._rows) if matches(r)), None)

    def column(self, column: int) -> Column[R]:
        return self._columns[column]

    # --- what a subclass may add -------------------------------------------------------------------------

    def cell_data(self, row: R, column: int, role: int) -> object:
        """What a cell answers for roles the columns do not declare (colours, fonts, icons, own roles)."""
        return None

    # --- Qt API -----------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = _INVALID) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _INVALID) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> object:
        if (
            role == _DISPLAY
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section].header
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        column, row = self._columns[index.column()], self._rows[index.row()]
        if role == _DISPLAY:
            return column.text(row)
        if role == SORT_ROLE:
            return column.sort(row) if column.sort is not None else column.text(row)
        if role == _ALIGNMENT and column.align is not None:
            return column.align
        if role == _TOOLTIP and column.tooltip is not None:
            return column.tooltip(row)
        return self.cell_data(row, index.column(), role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the rows by ``column``'s raw values (blanks last); selections stay on their rows."""
        if not 0 <= column < len(self._columns):
            return
        self._sorted = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self._rows[:]
        self._order(column, order)
        position = {id(row): i for i, row in enumerate(self._rows)}
        old = self.persistentIndexList()
        new = [self.index(position[id(before[i.row()])], i.column()) for i in old]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def _order(self, column: int, order: Qt.SortOrder) -> None:
        spec = self._columns[column]
        key = spec.sort if spec.sort is not None else spec.text
        self._rows.sort(key=lambda row: _sortable(key(row)), reverse=order == Qt.SortOrder.DescendingOrder)
