"""复购周期: how often the clinic's patients really come back for each treatment, set beside the catalogue's
recall interval, and which cross-sell scenarios convert (PRODUCT §6, the seed's "repurchase cycles decide
whether private-domain work pays").

Where the observed cycle differs enough from the catalogue's interval, the table offers it: one click on
"采用" writes it into the catalogue (audited; the settings page changes it back) and the metrics are
recomputed, since "due" depends on it. Every count opens exactly its patients.
"""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.patches import Patch
from PySide6.QtCore import QModelIndex, QSize, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLayout, QWidget

from clinic_desktop.core.segmentation import REFERRAL_TARGET
from clinic_desktop.services.dashboard import CrossSellRow, CycleRow, Dashboard, Selector
from clinic_desktop.ui.dashboard.canvas import GOOD, PALETTE, clickable_each, text_width
from clinic_desktop.ui.dashboard.panels import ChartPanel, TablePanel
from clinic_desktop.ui.dashboard.table import Col, DashTableModel, Row

#: the table column holding the suggestion (a click adopts it)
ADOPT_COLUMN = 7
#: the two tables' room around a column's widest text (16 by default): thirteen columns side by side with
#: the chart's column fit the window at its default size on a 1,366×768 screen, in Chinese and in English
_PADDING = 8
#: the chart's least height beside the table (twice that when the panels stand one under another)
_CHART_HEIGHT = 200
#: the table's, the chart's and the scenarios' (row, column, rows, columns), then the column and row
#: stretches: the table on the left, the chart over the scenarios on the right; or one under another
_SIDE_BY_SIDE = (((0, 0, 2, 1), (0, 1, 1, 1), (1, 1, 1, 1)), (11, 9), (3, 2))
_ONE_UNDER_ANOTHER = (((0, 0, 1, 1), (1, 0, 1, 1), (2, 0, 1, 1)), (1,), (3, 2, 1))


@dataclass(frozen=True)
class Adopt:
    """The suggestion of one row: set the treatment's recall interval to the observed ``days``."""

    treatment_id: int
    name: str
    days: int
    old_days: int | None


class CycleTableModel(DashTableModel):
    """The cycle table; its suggestion cells adopt rather than list patients (their own tooltip)."""

    def _tooltip(self, row: Row, j: int) -> str | None:
        selector = row.selectors[j] if j < len(row.selectors) else None
        if isinstance(selector, Adopt):
            return self.tr("点击把复诊间隔改为 %1 天（记入操作日志，可在设置中改回）").replace(
                "%1", str(selector.days)
            )
        return super()._tooltip(row, j)


def draw_cycles(figure: Figure, rows: list[CycleRow], words: dict[str, str]) -> None:
    """Observed median days between repeats (bars) against the catalogue interval (marks), for the
    treatments the clinic recalls; orange where adopting the observed cycle is suggested. A bar opens the
    patients who came back for it."""
    ax = figure.add_subplot()
    ys = list(range(len(rows)))[::-1]
    observed = [r.median_days or 0 for r in rows]
    colors = [GOOD if r.suggested_days is None else PALETTE[2] for r in rows]
    bars = ax.barh(ys, observed, height=0.6, color=colors)
    clickable_each(bars, [r.treatment_id for r in rows])
    marks = ax.scatter(
        [r.recall_days or 0 for r in rows], ys, marker="|", s=300, linewidths=2, color="#263238", zorder=3
    )
    for y, row in zip(ys, rows, strict=True):
        ax.text(row.median_days or 0, y, f" {row.median_days or 0}", va="center", fontsize=8)
    ax.set_yticks(ys, [r.name for r in rows], fontsize=9)
    top = max(observed + [r.recall_days or 0 for r in rows], default=0)
    ax.set_xlim(0, top * 1.18 or 1)
    ax.set_ylim(-0.6, len(rows) + 0.6)
    ax.set_xlabel(words["days"], fontsize=8)
    ax.tick_params(axis="x", labelsize=8)
    handles = [Patch(color=GOOD), Patch(color=PALETTE[2]), marks]
    ax.legend(handles, [words["fits"], words["adopt"], words["catalogue"]], loc="upper center", fontsize=8,
              frameon=False, ncols=3, bbox_to_anchor=(0.45, 1.0))  # fmt: skip


class CyclesTab(QWidget):
    requested = Signal(object, str)
    #: (Adopt): the owner clicked a suggestion; the page writes it and recomputes
    adoptRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.board: Dashboard | None = None
        self._cycles: list[CycleRow] = []
        self._scenarios: list[CrossSellRow] = []
        self.model = CycleTableModel(
            [
                Col(self.tr("项目"), "text"),
                Col(self.tr("做过的患者"), "int"),
                Col(self.tr("回来复购"), "int"),
                Col(self.tr("复购率"), "pct", bar=PALETTE[1]),
                Col(self.tr("间隔数"), "int"),
                Col(self.tr("观察周期"), "int"),
                Col(self.tr("目录间隔"), "int"),
                Col(self.tr("建议"), "text"),
            ]
        )
        self.table = TablePanel(self.tr("复购周期（天；观察周期 = 相邻两次之间天数的中位数）"), self.model)
        self.table.table.fit_columns(stretch=[ADOPT_COLUMN], padding=_PADDING)
        self.table.table.clicked.connect(self._cell_clicked)
        self.chart = ChartPanel(self.tr("有复诊间隔的项目：观察周期与目录间隔"), min_height=_CHART_HEIGHT)
        self.chart.canvas.picked.connect(self._bar_picked)
        self.scenario_model = DashTableModel(
            [
                Col(self.tr("场景"), "text"),
                Col(self.tr("目标"), "text"),
                Col(self.tr("做过来源"), "int"),
                Col(self.tr("后来转化"), "int"),
                Col(self.tr("转化率"), "pct", bar=GOOD),
            ]
        )
        self.scenarios = TablePanel(
            self.tr("交叉推荐场景转化（做过来源项目后，又做了目标）"), self.scenario_model
        )
        self.scenarios.table.fit_columns(stretch=[0], padding=_PADDING)
        self.scenarios.table.clicked.connect(self._scenario_clicked)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        # the tab asks for one column's width (minimumSizeHint) and lays itself out in two when there is
        # room: beside the first-day guide the two columns are wider than the window, and the page in its
        # scroll area would scroll sideways
        self.grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.wide: bool | None = None
        self._arrange(wide=True)

    def _side_by_side_width(self) -> int:
        right = max(self.chart.minimumSizeHint().width(), self.scenarios.minimumSizeHint().width())
        return self.table.minimumSizeHint().width() + max(0, self.grid.horizontalSpacing()) + right

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        panels = (self.table, self.chart, self.scenarios)
        return QSize(max(p.minimumSizeHint().width() for p in panels), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(wide=event.size().width() >= self._side_by_side_width())
        super().resizeEvent(event)

    def _arrange(self, *, wide: bool) -> None:
        """The table on the left, chart over scenarios on the right; or the three one under another."""
        if wide == self.wide:
            return
        self.wide = wide
        grid = self.grid
        for panel in (self.table, self.chart, self.scenarios):
            grid.removeWidget(panel)
        for column in range(2):
            grid.setColumnStretch(column, 0)
        for row in range(3):
            grid.setRowStretch(row, 0)
        places, columns, rows = _SIDE_BY_SIDE if wide else _ONE_UNDER_ANOTHER
        for widget, place in zip((self.table, self.chart, self.scenarios), places, strict=True):
            grid.addWidget(widget, *place)
        for column, stretch in enumerate(columns):
            grid.setColumnStretch(column, stretch)
        for row, stretch in enumerate(rows):
            grid.setRowStretch(row, stretch)
        # one under another, the page scrolls: each panel gets the height it reads well at (eight of the
        # table's rows, the chart's eleven bars under its legend) rather than a share of the window's
        self.table.setMinimumHeight(0 if wide else self.table.table.rows_height(8) + 40)
        self.chart.canvas.setMinimumHeight(_CHART_HEIGHT if wide else 2 * _CHART_HEIGHT)

    def show_board(self, board: Dashboard) -> None:
        self.board = board
        self._cycles = [c for c in board.cycles.cycles if c.patients]
        rows = []
        for c in self._cycles:
            adopt = (
                None
                if c.suggested_days is None
                else Adopt(c.treatment_id, c.name, c.suggested_days, c.recall_days)
            )
            suggestion = "" if adopt is None else self.tr("采用 %1 天").replace("%1", str(adopt.days))
            values = [c.name, c.patients, c.repeaters, c.repeat_share, c.intervals, c.median_days]
            values += [c.recall_days, suggestion]
            selectors: list[object | None] = [None, Selector.cycle(c.treatment_id)]
            selectors += [Selector.cycle(c.treatment_id, "repeaters"), None, None, None, None, adopt]
            rows.append(Row(values, selectors, background="#fff3e0" if adopt else None))
        self.model.set_rows(rows)
        recalled = [c for c in self._cycles if c.median_days and c.recall_days]
        words = {"fits": self.tr("与目录相符"), "adopt": self.tr("建议采用观察周期")}
        words |= {"catalogue": self.tr("目录复诊间隔"), "days": self.tr("相邻两次之间的天数（中位数）")}
        label_width = max((text_width(c.name) for c in recalled), default=26) + 16
        self.chart.canvas.set_margins(label_width, 16, 10, 40)
        self.chart.canvas.plot(lambda figure: draw_cycles(figure, recalled, words))
        self._scenarios = list(board.cycles.crosssell)
        scenario_rows = []
        for s in self._scenarios:
            target = (
                self.tr("推荐朋友") if s.target == REFERRAL_TARGET else s.target or self.tr("（未设目标）")
            )
            values = [s.rule, target, s.patients, s.converted, s.share]
            links: list[object | None] = [None, None, Selector.crosssell(s.rule)]
            links.append(None if s.converted is None else Selector.crosssell(s.rule, "converted"))
            scenario_rows.append(Row(values, links))
        self.scenario_model.set_rows(scenario_rows)
        suffix = board.as_of.isoformat() if board.as_of else ""
        for panel in (self.table, self.chart, self.scenarios):
            panel.file_suffix = suffix
        self.table.caption = self.tr("复购周期 · 截至 %1").replace("%1", suffix)
        self.scenarios.caption = self.tr("交叉推荐场景转化 · 截至 %1").replace("%1", suffix)

    def _cycle_caption(self, row: CycleRow, part: str) -> str:
        what = self.tr("回来复购") if part == "repeaters" else self.tr("做过的患者")
        return self.tr("复购周期 · %1 · %2").replace("%1", row.name).replace("%2", what)

    def _cell_clicked(self, index: QModelIndex) -> None:
        source = self.table.table.source_index(index)
        selector = self.model.selector(source.row(), source.column())
        if isinstance(selector, Adopt):
            self.adoptRequested.emit(selector)
        elif isinstance(selector, Selector) and source.row() < len(self._cycles):
            self.requested.emit(
                selector, self._cycle_caption(self._cycles[source.row()], selector.part or "")
            )

    def _bar_picked(self, payload: object) -> None:
        row = next((c for c in self._cycles if c.treatment_id == payload), None)
        if row is not None:
            self.requested.emit(
                Selector.cycle(row.treatment_id, "repeaters"), self._cycle_caption(row, "repeaters")
            )

    def _scenario_clicked(self, index: QModelIndex) -> None:
        source = self.scenarios.table.source_index(index)
        selector = self.scenario_model.selector(source.row(), source.column())
        if isinstance(selector, Selector):
            what = self.tr("后来转化") if selector.part == "converted" else self.tr("做过来源")
            caption = self.tr("交叉推荐 · %1 · %2").replace("%1", selector.value or "").replace("%2", what)
            self.requested.emit(selector, caption)
