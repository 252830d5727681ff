"""渠道质量: which source channels bring patients who buy, come back and spend (精准流量).

"Best" and "worst" are the service's verdict (:func:`clinic_desktop.services.dashboard.channel_verdict`:
revenue per patient the channel brought, channels too small to judge left out) — and when it names none
(too few channels, nobody has paid yet, all equal) the page says which.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from clinic_desktop.core.money import format_yuan
from clinic_desktop.services.dashboard import (
    ChannelRow,
    Dashboard,
    Selector,
    channel_verdict,
    per_patient_fen,
)
from clinic_desktop.ui.dashboard.canvas import BAD, GOOD, NEUTRAL, PALETTE, clickable_each
from clinic_desktop.ui.dashboard.panels import ChartPanel, TablePanel
from clinic_desktop.ui.dashboard.table import Col, DashTableModel, Row

BEST_TINT, WORST_TINT = "#e8f5e9", "#ffebee"
#: column → which patients a click lists
_PARTS = {1: "patients", 2: "buyers", 4: "repeaters"}


def whole_yuan(fen: int) -> str:
    """``¥15,318`` for an average: cents would be noise on an overview."""
    return format_yuan(round(fen / 100) * 100)


def draw_channels(
    figure: Figure,
    rows: list[ChannelRow],
    names: list[str],
    best: ChannelRow | None,
    worst: ChannelRow | None,
    words: dict[str, str],
) -> None:
    """Left: buying and repeat rate per channel; right: revenue per patient, best green, worst red.

    Channels run top to bottom by revenue per patient. Payloads: ``(row index, part)``.
    """
    order = sorted(range(len(rows)), key=lambda i: per_patient_fen(rows[i]))  # ascending: best on top
    ranked = [rows[i] for i in order]
    rates, money = figure.subplots(1, 2, sharey=True, gridspec_kw={"width_ratios": [3, 2]})
    ys = list(range(len(order)))
    h = 0.38
    buy = rates.barh([y + h / 2 for y in ys], [r.buy_share for r in ranked], height=h, color=PALETTE[0])
    repeat = rates.barh([y - h / 2 for y in ys], [r.repeat_share for r in ranked], height=h, color=PALETTE[1])
    clickable_each(buy, [(i, "buyers") for i in order])
    clickable_each(repeat, [(i, "repeaters") for i in order])
    per_patient = [per_patient_fen(r) / 100 for r in ranked]
    colors = [GOOD if r is best else BAD if r is worst else NEUTRAL for r in ranked]
    money_bars = money.barh(ys, per_patient, height=0.6, color=colors)
    clickable_each(money_bars, [(i, "patients") for i in order])
    for y, row in zip(ys, ranked, strict=True):  # the rates' numbers are in the table right above
        money.text(
            per_patient_fen(row) / 100, y, " " + whole_yuan(per_patient_fen(row)), va="center", fontsize=8
        )
    rates.set_yticks(ys, [names[i] for i in order], fontsize=9)
    rates.set_ylim(-0.6, len(order) - 0.4)
    rates.set_xlim(0, min(1.0, max([r.buy_share for r in rows], default=0) * 1.25 + 0.05))
    rates.xaxis.set_major_locator(MaxNLocator(5))
    rates.xaxis.set_major_formatter(lambda v, _pos: f"{v * 100:.0f}%")
    rates.set_title(words["rates"])
    if rows:
        rates.legend(
            [buy, repeat], [words["buy"], words["repeat"]], loc="lower right", fontsize=8, frameon=False
        )
    money.set_xlim(0, max(per_patient, default=0) * 1.45 or 1)
    money.xaxis.set_major_locator(MaxNLocator(4))
    money.set_title(words["money"])
    money.xaxis.set_major_formatter(lambda v, _pos: f"¥{v:,.0f}")
    money.tick_params(axis="x", labelsize=8)
    money.tick_params(axis="y", left=False)
    rates.tick_params(axis="x", labelsize=8)


#: the buy rate and the repeat rate: they share the spare width
_RATE_COLUMNS = [3, 5]


class ChannelsTab(QWidget):
    requested = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.board: Dashboard | None = None
        self._rows: list[ChannelRow] = []
        self.model = DashTableModel(
            [
                Col(self.tr("渠道"), "text"),
                Col(self.tr("患者数"), "int"),
                Col(self.tr("购买人数"), "int"),
                Col(self.tr("购买率"), "pct", bar=PALETTE[0]),
                Col(self.tr("复购人数"), "int"),
                Col(self.tr("复购率"), "pct", bar=PALETTE[1]),
                Col(self.tr("客单价"), "yuan", bar=PALETTE[2]),
                Col(self.tr("收入"), "yuan", bar=PALETTE[3]),
                Col(self.tr("人均收入"), "yuan", bar=GOOD),
            ]
        )
        self.table = TablePanel(self.tr("渠道质量"), self.model)
        # each column as wide as its header or figures, the two rates sharing what is left (stretched
        # columns share it equally): nine columns as wide as the widest header ("Revenue per patient")
        # scrolled the revenue columns — the ones the page is for — off the right edge in English
        self.table.table.fit_columns(stretch=_RATE_COLUMNS)
        self.table.table.clicked.connect(self._cell_clicked)
        self.table.table.sortByColumn(8, Qt.SortOrder.DescendingOrder)  # best channel on top
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.table.layout().addWidget(self.verdict)  # type: ignore[union-attr]
        self.chart = ChartPanel(self.tr("购买率、复购率与人均收入"), min_height=200)
        self.chart.canvas.picked.connect(self._bar_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addWidget(self.chart, 1)

    def channel_name(self, source: str) -> str:
        return source or self.tr("（未填写）")

    def show_board(self, board: Dashboard) -> None:
        self.board = board
        rows = self._rows = list(board.channels)
        verdict = channel_verdict(rows)
        best, worst = verdict.best, verdict.worst
        table_rows = []
        for row in rows:
            name = self.channel_name(row.source)
            mark = "★" if row is best else "▼" if row is worst else ""
            values = [name, row.patients, row.buyers, row.buy_share, row.repeaters, row.repeat_share]
            values += [row.avg_spend_fen if row.buyers else None, row.revenue_fen, per_patient_fen(row)]
            selectors: list[object | None] = [None] * len(values)
            for column, part in _PARTS.items():
                selectors[column] = Selector.channel(row.source, part, board.filter)
            tint = BEST_TINT if row is best else WORST_TINT if row is worst else None
            table_rows.append(Row(values, selectors, background=tint, bold=row is best, mark=mark))
        self.model.set_rows(table_rows)
        shown = min(len(table_rows), 10)  # every channel without scrolling, up to a point
        self.table.table.setFixedHeight(self.table.table.rows_height(max(shown, 3)))
        if best is not None and worst is not None:
            self.verdict.setText(
                self.tr("★ 最佳渠道：%1（人均收入 %2，购买率 %3）　▼ 最差渠道：%4（人均收入 %5，购买率 %6）")
                .replace("%1", self.channel_name(best.source))
                .replace("%2", whole_yuan(per_patient_fen(best)))
                .replace("%3", f"{best.buy_share * 100:.1f}%")
                .replace("%4", self.channel_name(worst.source))
                .replace("%5", whole_yuan(per_patient_fen(worst)))
                .replace("%6", f"{worst.buy_share * 100:.1f}%")
            )
        elif verdict.why == "unpaid":
            self.verdict.setText(self.tr("还没有患者付费（各渠道收入都是 ¥0），暂不评最佳与最差。"))
        elif verdict.why == "equal":
            self.verdict.setText(self.tr("各渠道的人均收入相同，暂不评最佳与最差。"))
        else:
            self.verdict.setText(self.tr("渠道太少或人数太少，暂不评最佳与最差。"))
        names = [self.channel_name(r.source) for r in rows]
        words = {"rates": self.tr("购买率与复购率"), "money": self.tr("人均收入（收入 ÷ 患者数）")}
        words |= {"buy": self.tr("购买率"), "repeat": self.tr("复购率")}
        label_width = max((len(n) for n in names), default=2) * 13 + 16  # CJK at 9 pt ≈ 13 px a character
        self.chart.canvas.set_margins(label_width, 30, 32, 28, gaps=(44, 40))
        self.chart.canvas.plot(lambda figure: draw_channels(figure, rows, names, best, worst, words))
        suffix = board.as_of.isoformat() if board.as_of else ""
        self.chart.file_suffix = self.table.file_suffix = suffix
        self.table.caption = self.tr("渠道质量 · 截至 %1").replace("%1", suffix)

    def _request(self, row: ChannelRow, part: str) -> None:
        if self.board is None:
            return
        what = {
            "patients": self.tr("全部患者"),
            "buyers": self.tr("购买用户"),
            "repeaters": self.tr("复购用户"),
        }
        caption = (
            self.tr("渠道 %1 · %2").replace("%1", self.channel_name(row.source)).replace("%2", what[part])
        )
        self.requested.emit(Selector.channel(row.source, part, self.board.filter), caption)

    def _cell_clicked(self, index: object) -> None:
        source = self.table.table.source_index(index)  # type: ignore[arg-type]
        part = _PARTS.get(source.column())
        if part is not None and source.row() < len(self._rows):
            self._request(self._rows[source.row()], part)

    def _bar_clicked(self, payload: object) -> None:
        if isinstance(payload, tuple) and payload[0] < len(self._rows):
            self._request(self._rows[payload[0]], payload[1])
