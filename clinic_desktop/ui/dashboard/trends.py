"""趋势: new patients, first purchases and repeat purchases per month over the last 24 months.

Bars, grouped by month: a count per month is a quantity, and a bar can be clicked to list its patients.
Repeat purchases are purchase occasions (a patient coming back twice in a month counts twice); clicking
one lists the distinct patients behind them, which the table shows beside the occasions.
"""

from __future__ import annotations

from datetime import timedelta

from matplotlib.figure import Figure
from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from clinic_desktop.services.dashboard import Dashboard, Selector, TrendMonth
from clinic_desktop.ui.dashboard.canvas import PALETTE, clickable_each
from clinic_desktop.ui.dashboard.panels import ChartPanel, TablePanel
from clinic_desktop.ui.dashboard.table import Col, DashTableModel, Row

PARTS = ("new", "first", "repeat")
_COLORS = (PALETTE[0], PALETTE[2], PALETTE[1])


def month_tick(month: str) -> str:
    """``2026-01`` → ``2026\\n01`` for each January (and the first month), else ``02``: short, unambiguous."""
    return month.replace("-", "\n") if month.endswith("-01") else month[5:]


def draw_trends(figure: Figure, months: list[TrendMonth], names: list[str], partial: str | None) -> None:
    """New patients and first purchases as bars (left axis); repeat purchases, usually ten times larger,
    as a line on their own axis (right) so the small series keep their shape. ``partial``: a note under
    the last month when it is not over yet. Every bar and every point is clickable."""
    ax = figure.add_subplot()
    width = 0.38
    x = list(range(len(months)))
    bar_series = ([m.new_patients for m in months], [m.first_purchases for m in months])
    handles = []
    for k, values in enumerate(bar_series):
        bars = ax.bar([i + (k - 0.5) * width for i in x], values, width=width, color=_COLORS[k], zorder=2)
        handles.append(bars)
        clickable_each(bars, [(m.month, PARTS[k]) for m in months])
    repeats = [m.repeat_purchases for m in months]
    right = ax.twinx()
    (line,) = right.plot(x, repeats, color=_COLORS[2], linewidth=2, zorder=3)
    points = right.scatter(x, repeats, s=28, color=_COLORS[2], zorder=4)
    clickable_each(points, [(m.month, "repeat") for m in months])
    ticks = [month_tick(m.month) for m in months]
    if ticks:
        ticks[0] = months[0].month.replace("-", "\n")
        if partial:
            ticks[-1] += "\n" + partial
    ax.set_xticks(x, ticks, fontsize=8)
    ax.set_xlim(-0.6, len(months) - 0.4)
    for axis, series in ((ax, bar_series), (right, (repeats,))):
        top = max((max(values, default=0) for values in series), default=0)
        axis.set_ylim(0, top * 1.25 or 1)
        axis.yaxis.set_major_formatter(lambda v, _pos: f"{v:,.0f}")
        axis.tick_params(axis="y", labelsize=8)
    right.spines["right"].set_visible(True)
    right.tick_params(axis="y", colors=_COLORS[2])
    ax.set_ylabel(names[0] + " / " + names[1], fontsize=9)
    right.set_ylabel(names[2], fontsize=9, color=_COLORS[2])
    ax.grid(axis="y", color="#eceff1", zorder=0)
    if months:
        ax.legend([*handles, line], names, loc="upper left", fontsize=9, frameon=False, ncols=3)


class TrendsTab(QWidget):
    requested = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.board: Dashboard | None = None
        self.chart = ChartPanel(self.tr("每月新增、首次消费与复购（近 24 个月）"), min_height=220)
        self.chart.canvas.picked.connect(self._bar_clicked)
        self.chart.canvas.set_margins(64, 64, 14, 52)
        self.model = DashTableModel(
            [
                Col(self.tr("月份"), "text", center=True),
                Col(self.tr("新增患者"), "int", bar=_COLORS[0]),
                Col(self.tr("首次消费"), "int", bar=_COLORS[1]),
                Col(self.tr("复购次数"), "int", bar=_COLORS[2]),
                Col(self.tr("复购人数"), "int"),
            ]
        )
        self.table = TablePanel(self.tr("每月明细"), self.model)
        self.table.table.clicked.connect(self._cell_clicked)
        self.table.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # latest month on top
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.chart, 3)
        layout.addWidget(self.table, 2)

    def series_names(self) -> list[str]:
        return [self.tr("新增患者"), self.tr("首次消费"), self.tr("复购（次）")]

    def show_board(self, board: Dashboard) -> None:
        self.board = board
        months = list(board.trends)
        names = self.series_names()
        partial = None
        if board.as_of is not None and months and months[-1].month == board.as_of.isoformat()[:7]:
            last_day = (board.as_of.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
            if board.as_of < last_day:
                partial = self.tr("（至%1日）").replace("%1", str(board.as_of.day))
        self.chart.canvas.plot(lambda figure: draw_trends(figure, months, names, partial))
        rows = [
            Row(
                [m.month, m.new_patients, m.first_purchases, m.repeat_purchases, m.repeat_patients],
                [
                    None,
                    Selector.trend(m.month, "new"),
                    Selector.trend(m.month, "first"),
                    None,
                    Selector.trend(m.month, "repeat"),
                ],
            )
            for m in months
        ]
        self.model.set_rows(rows)
        suffix = board.as_of.isoformat() if board.as_of else ""
        self.chart.file_suffix = self.table.file_suffix = suffix
        self.table.caption = self.tr("每月趋势 · 截至 %1").replace("%1", suffix)

    def caption(self, month: str, part: str) -> str:
        what = {"new": self.tr("新增患者"), "first": self.tr("首次消费"), "repeat": self.tr("复购患者")}
        return f"{month} · {what[part]}"

    def _bar_clicked(self, payload: object) -> None:
        if isinstance(payload, tuple):
            month, part = payload
            self.requested.emit(Selector.trend(month, part), self.caption(month, part))

    def _cell_clicked(self, index: QModelIndex) -> None:
        source = self.table.table.source_index(index)
        selector = self.model.selector(source.row(), source.column())
        if isinstance(selector, Selector) and selector.value and selector.part:
            self.requested.emit(selector, self.caption(selector.value, selector.part))
