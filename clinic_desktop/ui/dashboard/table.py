"""The small tables under the dashboard's charts: formatted counts, rates and money; heat or bar cells;
every count clickable.

Tens of rows at most, so one model holds them all (the app's :class:`~clinic_desktop.ui.widgets.
table_model.TableModel`, its columns made from the :class:`Col` specs). Each cell carries its raw value
(numbers sort as numbers through :data:`~clinic_desktop.ui.widgets.table_model.SORT_ROLE` and export as
numbers), its display text, and optionally a *selector* — what to ask the dashboard service for when the
cell is clicked, so the count opens the patient list with exactly those patients.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QMouseEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from clinic_desktop.core.money import format_yuan
from clinic_desktop.io.table_xlsx import FORMAT_INTEGER, FORMAT_PERCENT, FORMAT_YUAN, TableColumn
from clinic_desktop.ui.widgets import CENTER, RIGHT, SORT_ROLE, Column, TableModel

_Index = QModelIndex | QPersistentModelIndex
_USER = int(Qt.ItemDataRole.UserRole)
#: the selector behind a cell (None: not clickable)
SELECTOR_ROLE = _USER + 10
#: (fraction 0..1, colour) for an in-cell bar, or None
BAR_ROLE = _USER + 11
#: what a cell of an exported table holds
Cell = str | int | float | date | datetime | None


@dataclass(frozen=True)
class Col:
    """A column: header, kind of value (``text``, ``int``, ``pct`` 0..1, ``yuan`` in fen) and an
    optional in-cell bar colour (bars scale to the column's largest value)."""

    title: str
    kind: str = "int"
    bar: str | None = None
    center: bool = False


@dataclass
class Row:
    """One table row: raw values, per-cell selectors (None = not clickable), optional colours."""

    values: Sequence[object]
    selectors: Sequence[object | None] = ()
    background: str | None = None  #: whole-row tint (best / worst channel)
    cell_colors: Sequence[str | None] = ()  #: per-cell background (the E×S heat map)
    bold: bool = False
    mark: str = ""  #: shown after the first cell ("★"), not exported


def display_value(kind: str, value: object) -> str:
    if value is None:
        return "–"
    if kind == "int" and isinstance(value, int | float):
        return f"{int(value):,}"
    if kind == "pct" and isinstance(value, int | float):
        return f"{value * 100:.1f}%"
    if kind == "yuan" and isinstance(value, int | float):
        return format_yuan(round(value / 100) * 100)  # whole yuan on screen; the export keeps the fen
    return str(value)


def export_value(kind: str, value: object) -> Cell:
    """What goes in the spreadsheet: numbers as numbers (yuan, not fen), text as text."""
    if value is None:
        return None
    if kind == "yuan" and isinstance(value, int | float):
        return round(value / 100, 2)
    if kind in ("int", "pct") and isinstance(value, int | float):
        return value
    return str(value)


def export_column(col: Col) -> TableColumn:
    formats = {"int": FORMAT_INTEGER, "pct": FORMAT_PERCENT, "yuan": FORMAT_YUAN}
    return TableColumn(col.title, formats.get(col.kind))


class DashTableModel(TableModel[Row]):
    def __init__(self, columns: Sequence[Col], parent: QWidget | None = None) -> None:
        super().__init__((), parent)
        self._max: list[float] = []
        self._bold = QFont()
        self._bold.setBold(True)
        self.set_specs(columns)

    def set_specs(self, columns: Sequence[Col]) -> None:
        """New columns (the E×S grid's S columns are data); rows are cleared."""
        self.specs = list(columns)
        self._max = []
        self.set_columns([self._column(j, col) for j, col in enumerate(self.specs)])

    def _column(self, j: int, col: Col) -> Column[Row]:
        def text(row: Row) -> str:
            shown = display_value(col.kind, row.values[j])
            return f"{shown} {row.mark}" if j == 0 and row.mark else shown

        def raw(row: Row) -> object:
            value = row.values[j]
            return value if value is not None else float("-inf")

        align = CENTER if col.center else (RIGHT if col.kind != "text" else None)
        return Column(col.title, text, sort=raw, align=align, tooltip=lambda row: self._tooltip(row, j))

    def set_rows(self, rows: Sequence[Row]) -> None:
        self._max = []
        for j, col in enumerate(self.specs):
            values = [float(v) for r in rows if col.bar and isinstance(v := r.values[j], int | float)]
            self._max.append(max(values, default=0.0) or 0.0)
        super().set_rows(rows)

    def export_rows(self) -> tuple[list[TableColumn], list[list[Cell]]]:
        columns = [export_column(c) for c in self.specs]
        rows = [[export_value(c.kind, r.values[j]) for j, c in enumerate(self.specs)] for r in self.rows()]
        return columns, rows

    def selector(self, row: int, column: int) -> object | None:
        selectors = self.row(row).selectors
        return selectors[column] if column < len(selectors) else None

    def _tooltip(self, row: Row, j: int) -> str | None:
        if j < len(row.selectors) and row.selectors[j] is not None:
            return self.tr("点击查看这些患者")
        col = self.specs[j]
        return display_value(col.kind, row.values[j]) if col.kind == "text" else None  # a cut-off name

    # --- Qt API -------------------------------------------------------------------------------------

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if role == Qt.ItemDataRole.ToolTipRole:
            role = Qt.ItemDataRole.DisplayRole  # a header cut short reads in full on hover
        return super().headerData(section, orientation, role)

    def cell_data(self, row: Row, column: int, role: int) -> object:
        j, value = column, row.values[column]
        selector = row.selectors[j] if j < len(row.selectors) else None
        if role == SELECTOR_ROLE:
            return selector
        if role == Qt.ItemDataRole.BackgroundRole:
            color = row.cell_colors[j] if j < len(row.cell_colors) else None
            color = color or row.background
            return QBrush(QColor(color)) if color else None
        if role == Qt.ItemDataRole.ForegroundRole:
            color = row.cell_colors[j] if j < len(row.cell_colors) else None
            if color and QColor(color).lightnessF() < 0.55:
                return QBrush(QColor("white"))
            if selector is not None:
                return QBrush(QColor("#0d47a1"))  # a link colour: this number opens its patients
            return None
        if role == Qt.ItemDataRole.FontRole and row.bold:
            return self._bold
        col = self.specs[j]
        if role == BAR_ROLE and col.bar and isinstance(value, int | float) and self._max[j] > 0:
            return (max(0.0, float(value)) / self._max[j], col.bar)
        return None


class BarDelegate(QStyledItemDelegate):
    """Paints a pale bar behind a number, its length relative to the column's largest value."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        bar = index.data(BAR_ROLE)
        if bar is not None:
            fraction, color = bar
            rect: QRect = option.rect.adjusted(2, 4, -2, -4)
            width = int(rect.width() * fraction)
            tint = QColor(color)
            tint.setAlpha(70)
            painter.save()
            painter.fillRect(QRect(rect.right() - width + 1, rect.top(), width, rect.height()), tint)
            painter.restore()
        super().paint(painter, option, index)


class DashTable(QTableView):
    """A sortable, read-only view of a :class:`DashTableModel`; a click on a count emits its selector."""

    def __init__(
        self, model: DashTableModel, parent: QWidget | None = None, *, sortable: bool = True
    ) -> None:
        super().__init__(parent)
        self.source = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)
        self.setModel(self.proxy)
        self.setItemDelegate(BarDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._stretch: list[int] | None = None
        self._padding = 16
        model.modelReset.connect(self._refit)
        header = self.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the service's order until a click
        self.setSortingEnabled(sortable)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.row_height())
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.setMouseTracking(True)
        self._fit_headers()
        model.modelReset.connect(self._fit_headers)

    def _fit_headers(self) -> None:
        """Stretched columns share the width, but none narrower than the widest header: an English
        header ("Revenue per patient") is longer than the Chinese one and would be cut (the table
        scrolls sideways instead). Tables laid out by :meth:`fit_columns` size their own columns."""
        if self._stretch is not None:
            return
        header = self.horizontalHeader()
        bold = QFont(header.font())
        bold.setBold(True)
        metrics, model = QFontMetrics(bold), self.source
        titles = [
            model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or ""
            for c in range(model.columnCount())
        ]
        widest = max((metrics.horizontalAdvance(str(t)) for t in titles), default=0)
        sort_room = 14 if self.isSortingEnabled() else 0
        header.setMinimumSectionSize(min(widest + 2 * 6 + sort_room, 200))

    def row_height(self) -> int:
        return self.fontMetrics().height() + 8

    def fit_columns(self, stretch: Sequence[int], *, padding: int = 16) -> None:
        """Columns in ``stretch`` share the spare width (equally, as Qt stretches them) and ask for no more
        than ten characters' width of it; the others fit their header and first rows.

        Not ``ResizeToContents``: that measures every row on every change (1,500 KOCs at 100k patients
        cost seconds); the first rows are representative. Call again after new rows arrive.
        """
        self._stretch, self._padding = list(stretch), padding
        header, metrics = self.horizontalHeader(), self.fontMetrics()
        header.setMinimumSectionSize(24)  # each column is sized below, not by the widest header
        bold = QFont(self.font())
        bold.setBold(True)
        header_metrics = QFontMetrics(bold)
        model = self.source
        needed = 0  # every column at its fitted width: the table asks its layout for at least that much
        cap = metrics.horizontalAdvance("国") * 10 + padding
        for column in range(model.columnCount()):
            texts = [model.index(row, column).data() or "" for row in range(min(model.rowCount(), 50))]
            width = max([metrics.horizontalAdvance(str(t)) for t in texts], default=0)
            title = str(model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole))
            least = header_metrics.horizontalAdvance(title) + 12 + padding
            width = max(width + padding, least)
            if column in stretch:
                # a stretched column asks for its texts up to ten characters' width: a name or a
                # suggestion shows whole, and a longer text (a script, a segment's advice) is elided
                # there, tooltip whole, rather than pushing the page wider than the window
                needed += max(least, min(width, cap))
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
                continue
            needed += width
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        if stretch:  # a stretched column is never squeezed below its header by the panels beside it
            scroll = self.verticalScrollBar().sizeHint().width()
            self.setMinimumWidth(needed + 2 * self.frameWidth() + scroll + self.verticalHeader().width())

    def _refit(self) -> None:
        if self._stretch is not None:
            self.fit_columns(self._stretch, padding=self._padding)

    def rows_height(self, rows: int) -> int:
        """Height showing the header and ``rows`` rows without a scroll bar."""
        return (
            self.horizontalHeader().sizeHint().height() + rows * self.row_height() + 2 * self.frameWidth() + 2
        )

    def source_index(self, index: QModelIndex) -> QModelIndex:
        return self.proxy.mapToSource(index)

    def index_of(self, row: int, column: int) -> QModelIndex:
        """The view index showing source cell (row, column) — for tests and keyboard focus."""
        return self.proxy.mapFromSource(self.source.index(row, column))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        index = self.indexAt(event.position().toPoint())
        clickable = index.isValid() and index.data(SELECTOR_ROLE) is not None
        cursor = Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.ArrowCursor
        self.viewport().setCursor(cursor)
        super().mouseMoveEvent(event)
