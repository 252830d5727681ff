"""分群: the four consumer segments of PRODUCT §4.1 — who is in each, what they bring, how they are served.

The seed's question is not "how many patients" but "which patients carry the clinic": the quality-minded
experts (高净值) are the core and the KOCs, the two price-sensitive segments (诱因) are the ones who share
for a reward. So each segment shows its share of the patients beside its share of the revenue, and its
ERS tiers; the knowledge still unrecorded says how much of the clinic is not yet segmented at all. Every
count opens exactly its patients.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from clinic_desktop.core.segments import SEGMENT_GROUPS as GROUP_MEMBERS
from clinic_desktop.services.dashboard import Dashboard, SegmentRow, Selector
from clinic_desktop.ui.dashboard.canvas import PALETTE, clickable_each, text_width
from clinic_desktop.ui.dashboard.ers import TIER_COLORS, TIER_KEYS
from clinic_desktop.ui.dashboard.panels import ChartPanel, TablePanel
from clinic_desktop.ui.dashboard.table import Col, DashTableModel, Row
from clinic_desktop.ui.widgets import KNOWLEDGE, RULE_TAGS, SEGMENT_GROUPS, SEGMENT_HANDLING, SEGMENTS, label

#: the segments in the charts, top to bottom (unknown last: the not-yet-segmented rest)
SEGMENT_KEYS = ("expert_quality", "expert_price", "novice_follower", "novice_price", "unknown")


def draw_shares(figure: Figure, rows: list[SegmentRow], names: list[str], words: dict[str, str]) -> None:
    """Per segment, its share of the patients and of the window revenue; each bar opens the segment."""
    ax = figure.add_subplot()
    ys = list(range(len(rows)))[::-1]
    h = 0.38
    patients = [r.patient_share for r in rows]
    revenue = [r.revenue_share for r in rows]
    people = ax.barh([y + h / 2 for y in ys], patients, height=h, color=PALETTE[5])
    money = ax.barh([y - h / 2 for y in ys], revenue, height=h, color=PALETTE[3])
    clickable_each(people, [r.segment for r in rows])
    clickable_each(money, [r.segment for r in rows])
    for y, row in zip(ys, rows, strict=True):
        for offset, value in ((h / 2, row.patient_share), (-h / 2, row.revenue_share)):
            ax.text(value, y + offset, f" {value * 100:.1f}%", va="center", fontsize=8)
    ax.set_yticks(ys, names, fontsize=9)
    ax.set_xlim(0, max(patients + revenue, default=0) * 1.2 or 1)
    ax.set_ylim(-0.6, len(rows) + 0.3)
    ax.xaxis.set_major_formatter(lambda v, _pos: f"{v * 100:.0f}%")
    ax.tick_params(axis="x", labelsize=8)
    labels = [words["patients"], words["revenue"]]
    ax.legend([people, money], labels, loc="upper center", fontsize=8, frameon=False, ncols=2,
              bbox_to_anchor=(0.5, 1.0))  # fmt: skip


def draw_tiers(figure: Figure, rows: list[SegmentRow], names: list[str], tier_names: list[str]) -> None:
    """Per segment, how its patients split over the ERS tiers (100% bars: the segments differ in size by
    tens of times, the mix is what compares); each piece opens that tier of that segment."""
    ax = figure.add_subplot()
    ys = list(range(len(rows)))[::-1]
    totals = [max(1, r.patients) for r in rows]
    left = [0.0] * len(rows)
    handles = []
    for tier, color in zip(TIER_KEYS, TIER_COLORS, strict=True):
        shares = [r.tiers.get(tier, 0) / t for r, t in zip(rows, totals, strict=True)]
        bars = ax.barh(ys, shares, left=left, height=0.6, color=color)
        clickable_each(bars, [(r.segment, tier) for r in rows])
        handles.append(bars)
        left = [a + b for a, b in zip(left, shares, strict=True)]
    for y, row in zip(ys, rows, strict=True):
        ax.text(1.01, y, f"{row.patients:,}", va="center", fontsize=8)
    ax.set_yticks(ys, names, fontsize=9)
    ax.set_xlim(0, 1.14)
    ax.set_ylim(-0.6, len(rows) + 0.3)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.xaxis.set_major_formatter(lambda v, _pos: f"{v * 100:.0f}%")
    ax.tick_params(axis="x", labelsize=8)
    ax.legend(handles, tier_names, loc="upper center", fontsize=8, frameon=False, ncols=5,
              bbox_to_anchor=(0.45, 1.0), handlelength=1.0, columnspacing=0.8)  # fmt: skip


class SegmentsTab(QWidget):
    requested = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.board: Dashboard | None = None
        self.share_chart = ChartPanel(self.tr("各分群的人数与收入占比"), min_height=170)
        self.share_chart.canvas.picked.connect(self._segment_picked)
        self.tier_chart = ChartPanel(self.tr("各分群的 ERS 分层"), min_height=170)
        self.tier_chart.canvas.picked.connect(self._tier_picked)
        self.model = DashTableModel(
            [
                Col(self.tr("分群"), "text"),
                Col(self.tr("患者数"), "int"),
                Col(self.tr("患者占比"), "pct", bar=PALETTE[5]),
                Col(self.tr("有消费"), "int"),
                Col(self.tr("收入"), "yuan"),
                Col(self.tr("收入占比"), "pct", bar=PALETTE[3]),
                *(Col(name, "int", center=True) for name in self.tier_names()),
                Col(self.tr("怎么服务"), "text"),
            ]
        )
        self.table = TablePanel(self.tr("分群明细（收入为 ERS 时间窗内消费）"), self.model, sortable=False)
        # twelve columns: 10 px each side of a figure (16 elsewhere) keeps a chain's nine-digit revenue
        # beside the first-day guide in English (1,080 px at 300,000 patients; 1,030 now, of 1,064)
        self.table.table.fit_columns(stretch=[11], padding=10)
        self.table.table.clicked.connect(self._cell_clicked)
        self.facts_model = DashTableModel(
            [Col(self.tr("认知与规则标签"), "text"), Col(self.tr("患者数"), "int")]
        )
        self.facts = TablePanel(self.tr("认知与规则标签"), self.facts_model, sortable=False)
        self.facts.table.fit_columns(stretch=[0])
        self.facts.table.clicked.connect(self._fact_clicked)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.share_chart, 0, 0)
        layout.addWidget(self.tier_chart, 0, 1)
        layout.addWidget(self.facts, 0, 2)
        layout.addWidget(self.table, 1, 0, 1, 3)
        layout.setColumnStretch(0, 4)
        layout.setColumnStretch(1, 4)
        layout.setColumnStretch(2, 3)
        layout.setRowStretch(0, 1)

    def tier_names(self) -> list[str]:
        return ["A", "B", "C", "D", self.tr("未分层")]

    def segment_name(self, key: str) -> str:
        """Short names (charts and the table's first column have little room)."""
        short = {
            "expert_price": self.tr("懂行·价格敏感"),
            "expert_quality": self.tr("懂行·重品质"),
            "novice_follower": self.tr("不太懂·随大流"),
            "novice_price": self.tr("不太懂·价格敏感"),
            "unknown": self.tr("未知"),
        }
        return short[key] if key in short else label(SEGMENT_GROUPS, key)

    def show_board(self, board: Dashboard) -> None:
        self.board = board
        view = board.segments
        if view is None:
            return
        by_key = {r.segment: r for r in view.rows}
        rows = [by_key[k] for k in SEGMENT_KEYS if k in by_key]
        names = [self.segment_name(r.segment) for r in rows]
        words = {"patients": self.tr("人数占比"), "revenue": self.tr("收入占比")}
        label_width = max((text_width(n) for n in names), default=26) + 16
        for chart in (self.share_chart, self.tier_chart):
            chart.canvas.set_margins(label_width, 16, 12, 26)
        self.share_chart.canvas.plot(lambda figure: draw_shares(figure, rows, names, words))
        tier_names = self.tier_names()
        self.tier_chart.canvas.plot(lambda figure: draw_tiers(figure, rows, names, tier_names))
        self.model.set_rows(
            [self._row(r, group=False) for r in rows] + [self._row(g, group=True) for g in view.groups]
        )
        self.table.table.setFixedHeight(self.table.table.rows_height(len(rows) + len(view.groups)))
        facts = [
            Row(
                [self.tr("认知：%1").replace("%1", label(KNOWLEDGE, key)), n],
                [None, Selector.knowledge(key)],
                bold=key == "unknown",
            )
            for key, n in view.knowledge.items()
        ]
        facts += [
            Row(
                [self.tr("规则标签：%1").replace("%1", label(RULE_TAGS, key)), n],
                [None, Selector.rule_tag(key)],
            )
            for key, n in view.rule_tags.items()
        ]
        self.facts_model.set_rows(facts)
        suffix = board.as_of.isoformat() if board.as_of else ""
        for panel in (self.share_chart, self.tier_chart, self.table, self.facts):
            panel.file_suffix = suffix
        self.table.caption = self.tr("分群明细 · 截至 %1").replace("%1", suffix)
        self.facts.caption = self.tr("认知记录与规则标签 · 截至 %1").replace("%1", suffix)
        unknown = view.knowledge.get("unknown", 0)
        self.facts.set_title(self.tr("认知与规则标签（%1 位未记录认知）").replace("%1", f"{unknown:,}"))

    def _row(self, r: SegmentRow, *, group: bool) -> Row:
        name = self.segment_name(r.segment)
        tiers = [r.tiers.get(t, 0) for t in TIER_KEYS]
        handling = label(SEGMENT_HANDLING, r.segment)
        if group:  # which segments the group adds up
            handling = " + ".join(label(SEGMENTS, s.value) for s in GROUP_MEMBERS[r.segment])
            name = self.tr("合计：%1").replace("%1", name)
        values = [
            name,
            r.patients,
            r.patient_share,
            r.paying,
            r.revenue_fen,
            r.revenue_share,
            *tiers,
            handling,
        ]
        if group:
            selectors: list[object | None] = [None, Selector.segment_group(r.segment)]
        else:
            selectors = [None, Selector.segment(r.segment), None, None, None, None]
            selectors += [Selector.segment(r.segment, t) for t in TIER_KEYS]
        background = (
            "#e3f2fd" if r.segment == "high_value" else "#fff8e1" if r.segment == "incentive" else None
        )
        return Row(values, selectors, background=background, bold=group)

    def _caption(self, selector: Selector) -> str:
        if selector.kind == "segment_group":
            return self.tr("分群 · %1").replace("%1", self.segment_name(selector.value or ""))
        caption = self.tr("分群 · %1").replace("%1", self.segment_name(selector.value or ""))
        if selector.part:
            tier = self.tier_names()[TIER_KEYS.index(selector.part)]
            caption += " · " + self.tr("ERS %1").replace("%1", tier)
        return caption

    def _cell_clicked(self, index: QModelIndex) -> None:
        source = self.table.table.source_index(index)
        selector = self.model.selector(source.row(), source.column())
        if isinstance(selector, Selector):
            self.requested.emit(selector, self._caption(selector))

    def _fact_clicked(self, index: QModelIndex) -> None:
        source = self.facts.table.source_index(index)
        selector = self.facts_model.selector(source.row(), source.column())
        if isinstance(selector, Selector):
            text = self.facts_model.rows()[source.row()].values[0]
            self.requested.emit(selector, str(text))

    def _segment_picked(self, payload: object) -> None:
        if isinstance(payload, str):
            selector = Selector.segment(payload)
            self.requested.emit(selector, self._caption(selector))

    def _tier_picked(self, payload: object) -> None:
        if isinstance(payload, tuple):
            selector = Selector.segment(payload[0], payload[1])
            self.requested.emit(selector, self._caption(selector))
