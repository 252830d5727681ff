"""ERS 价值分层: tier distribution, the E×S grid, the Pareto curve and the KOC 传播者 with their trees.

The E×S grid is the page's working tool: high E with low S (rich but unhappy) is where a clinic loses
its best patients, and each cell opens exactly its patients. The Pareto curve answers "do we live by
80/20?": the mark is the E5 boundary, so its revenue share is the report's ``top20_revenue_share``.
"""

from __future__ import annotations

from datetime import date

from matplotlib.figure import Figure
from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QAbstractItemView, QGridLayout, QHBoxLayout, QPushButton, QWidget

from clinic_desktop.services.dashboard import Dashboard, KocRow, Pareto, Selector
from clinic_desktop.services.database import Database
from clinic_desktop.services.patients import PatientRecord, load_record
from clinic_desktop.ui.dashboard.canvas import clickable, clickable_each
from clinic_desktop.ui.dashboard.panels import ChartPanel, Panel, TablePanel
from clinic_desktop.ui.dashboard.table import Col, DashTableModel, Row
from clinic_desktop.ui.patients import ReferralTreeView
from clinic_desktop.ui.widgets import run_in_background

TIER_KEYS = ("A", "B", "C", "D", "none")
TIER_COLORS = ("#2e7d32", "#1e88e5", "#fb8c00", "#e53935", "#b0bec5")
_HEAT_LOW, _HEAT_HIGH = (255, 255, 255), (21, 101, 192)


def heat(count: int, top: int) -> str | None:
    """A white → deep blue colour by the square root of count / top (so small cells still show)."""
    if count <= 0 or top <= 0:
        return None
    t = min(1.0, (count / top) ** 0.5)
    rgb = (round(a + (b - a) * t) for a, b in zip(_HEAT_LOW, _HEAT_HIGH, strict=True))
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def draw_tiers(figure: Figure, names: list[str], counts: list[int], share_note: str) -> None:
    """Bars per tier, each labelled with its count and its share of the tiered patients — as short as
    the bars are narrow ("285" over "33.6%"); what the percentage means is said once, under the axis."""
    ax = figure.add_subplot()
    tiered = sum(counts[:4]) or 1
    bars = ax.bar(names, counts, color=TIER_COLORS, width=0.6)
    clickable_each(bars, list(TIER_KEYS))
    top = max(counts, default=0) or 1
    for i, (bar, count) in enumerate(zip(bars.patches, counts, strict=True)):
        label = f"{count:,}" if i == 4 else f"{count:,}\n{count / tiered * 100:.1f}%"
        ax.text(
            bar.get_x() + bar.get_width() / 2, count + top * 0.02, label, ha="center", va="bottom", fontsize=9
        )
    ax.set_xlabel(share_note, fontsize=8, color="#607d8b")
    ax.set_ylim(0, top * 1.3)
    ax.yaxis.set_major_formatter(lambda v, _pos: f"{v:,.0f}")
    ax.tick_params(axis="both", labelsize=9)


def draw_pareto(figure: Figure, p: Pareto, words: dict[str, str]) -> None:
    """Cumulative revenue share against cumulative patient share; the E5 mark and its share annotated."""
    ax = figure.add_subplot()
    ax.plot([0, 100], [0, 100], linestyle=":", color="#9e9e9e", linewidth=1, label=words["even"])
    ax.plot(p.x * 100, p.y * 100, color="#1565c0", linewidth=2, label=words["curve"])
    ax.fill_between(p.x * 100, p.y * 100, color="#bbdefb", alpha=0.5)
    if p.paying:
        mx, my = p.mark_x * 100, p.top20_share * 100
        ax.axvline(mx, color="#e65100", linestyle="--", linewidth=1)
        ax.axhline(my, color="#e65100", linestyle="--", linewidth=1, xmax=mx / 100)
        point = ax.scatter([mx], [my], s=60, color="#e65100", zorder=5)
        clickable(point, "pareto_top")
        note = ax.annotate(
            words["note"],
            xy=(mx, my),
            xytext=(mx + 12, max(8.0, my - 32)),
            fontsize=10,
            color="#bf360c",
            arrowprops={"arrowstyle": "->", "color": "#bf360c"},
            bbox={"boxstyle": "round", "fc": "#fff3e0", "ec": "#ffb74d"},
        )
        clickable(note, "pareto_top")
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 102)
    ax.set_xlabel(words["x"], fontsize=9)
    ax.set_ylabel(words["y"], fontsize=9)
    ax.xaxis.set_major_formatter(lambda v, _pos: f"{v:.0f}%")
    ax.yaxis.set_major_formatter(lambda v, _pos: f"{v:.0f}%")
    ax.tick_params(axis="both", labelsize=8)
    ax.legend(loc="lower right", fontsize=8, frameon=False)


class ErsTab(QWidget):
    requested = Signal(object, str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.board: Dashboard | None = None
        self.tier_chart = ChartPanel(self.tr("ERS 分层分布"), min_height=200)
        self.tier_chart.canvas.picked.connect(self._tier_clicked)
        self.pareto_chart = ChartPanel(self.tr("帕累托曲线：收入集中在多少患者身上"), min_height=200)
        self.pareto_chart.canvas.picked.connect(lambda _p: self._pareto_clicked())
        self.pareto_chart.file_stem = self.tr("帕累托曲线")
        self.tier_chart.canvas.set_margins(60, 12, 12, 44)
        self.pareto_chart.canvas.set_margins(64, 16, 12, 46)
        self.grid_model = DashTableModel(self._grid_columns())
        self.grid = TablePanel(self.tr("E × S 网格（消费 × 满意度）"), self.grid_model, sortable=False)
        # the counts (up to "1,019" and the S headers) keep their width; the E labels take what is left
        self.grid.table.fit_columns(stretch=[0], padding=10)
        self.grid.table.horizontalHeader().setMinimumSectionSize(24)
        self.grid.table.clicked.connect(self._grid_clicked)
        self.koc_model = DashTableModel(
            [
                Col(self.tr("传播者"), "text"),
                Col(self.tr("R"), "text", center=True),
                Col(self.tr("已转化"), "int"),
                Col(self.tr("带来消费"), "yuan", bar="#8e24aa"),
            ]
        )
        self.kocs = TablePanel(self.tr("传播者（KOC）"), self.koc_model)
        self.kocs.table.fit_columns(stretch=[0])
        self.kocs.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.kocs.table.clicked.connect(self._koc_clicked)
        self.kocs.table.selectionModel().currentChanged.connect(lambda index, _old: self._koc_selected(index))
        self.all_kocs = QPushButton(self.tr("查看全部传播者"))
        self.all_kocs.setFlat(True)
        self.all_kocs.clicked.connect(self._all_kocs)
        head = self.kocs.layout().itemAt(0).layout()  # type: ignore[union-attr]
        head.insertWidget(1, self.all_kocs)  # type: ignore[union-attr]
        self.tree = ReferralTreeView()
        self.tree.openPatientRequested.connect(self._tree_patient)
        # as wide as their headers in the language shown ("Purchased" is wider than 已消费) and the money
        header, metrics = self.tree.header(), self.tree.header().fontMetrics()
        titles = self.tree.headerItem()
        header.resizeSection(1, metrics.horizontalAdvance(titles.text(1)) + 20)
        money = max(metrics.horizontalAdvance("¥1,234,567"), metrics.horizontalAdvance(titles.text(2)))
        header.resizeSection(2, money + 20)
        self.tree_panel = Panel(self.tr("转介绍关系"), self.tree, "")
        self.tree_panel.export_button.hide()
        bottom = QHBoxLayout()
        # the grid's numbers need less room than the advocates' names and the referral tree's branches
        bottom.addWidget(self.grid, 4)
        bottom.addWidget(self.kocs, 3)
        bottom.addWidget(self.tree_panel, 4)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tier_chart, 0, 0)
        layout.addWidget(self.pareto_chart, 0, 1)
        layout.addLayout(bottom, 1, 0, 1, 2)
        layout.setRowStretch(0, 5)
        layout.setRowStretch(1, 5)
        layout.setColumnStretch(0, 1)
        layout.setColumnStretch(1, 1)

    def _grid_columns(self) -> list[Col]:
        s_columns = [Col(self.tr("S 未知"), "int", center=True)]
        s_columns += [Col(f"S{s}", "int", center=True) for s in range(1, 6)]
        return [Col(self.tr("消费等级"), "text"), *s_columns, Col(self.tr("合计"), "int", center=True)]

    def tier_names(self) -> list[str]:
        return [self.tr("A 级"), self.tr("B 级"), self.tr("C 级"), self.tr("D 级"), self.tr("未分层")]

    def e_name(self, e: int) -> str:
        if e == 5:
            return self.tr("E5（前 20%）")
        return self.tr("E0（无消费）") if e == 0 else f"E{e}"

    # --- data ---------------------------------------------------------------------------------------

    def show_board(self, board: Dashboard) -> None:
        self.board = board
        names, counts = self.tier_names(), [board.tiers.get(k, 0) for k in TIER_KEYS]
        share = self.tr("百分比 = 占已分层患者的比例")
        self.tier_chart.canvas.plot(lambda figure: draw_tiers(figure, names, counts, share))
        p = board.pareto
        words = {
            "even": self.tr("平均分布"),
            "curve": self.tr("实际"),
            "x": self.tr("患者占比（按消费从高到低）"),
        }
        words |= {"y": self.tr("累计收入占比")}
        words["note"] = (
            self.tr("前 20% 的患者（E5，%1 位）\n贡献了 %2 的收入")
            .replace("%1", f"{p.top20_patients:,}")
            .replace("%2", f"{p.top20_share * 100:.1f}%")
        )
        self.pareto_chart.canvas.plot(lambda figure: draw_pareto(figure, p, words))
        self.pareto_chart.set_title(
            self.tr("帕累托曲线：前 20% 患者贡献 %1 收入").replace("%1", f"{p.top20_share * 100:.1f}%")
        )
        self._show_grid(board.es_grid)
        self._show_kocs(board.kocs)
        suffix = board.as_of.isoformat() if board.as_of else ""
        for panel in (self.tier_chart, self.pareto_chart, self.grid, self.kocs):
            panel.file_suffix = suffix
        self.grid.caption = self.tr("E × S 网格 · 截至 %1").replace("%1", suffix)
        self.kocs.caption = self.tr("传播者（KOC）· 截至 %1").replace("%1", suffix)

    def _show_grid(self, grid: list[list[int]]) -> None:
        top = max((n for e in range(1, 6) for n in grid[e]), default=0)  # E0 (no spend) would swamp it
        rows = []
        for e in range(5, -1, -1):
            counts = grid[e]
            values: list[object] = [self.e_name(e), *counts, sum(counts)]
            selectors: list[object | None] = [None, *(Selector.es_cell(e, s) for s in range(6)), None]
            colors = [None, *(heat(n, top) if e else "#eceff1" for n in counts), None]
            rows.append(Row(values, selectors, cell_colors=colors))
        self.grid_model.set_rows(rows)

    def _show_kocs(self, kocs: list[KocRow]) -> None:
        rows = [
            Row([k.name, f"R{k.r}", k.converted_referrals, k.referral_spend_fen], [None, None, k, None])
            for k in kocs
        ]
        self.koc_model.set_rows(rows)
        self.kocs.set_title(self.tr("传播者（KOC）· %1 位").replace("%1", f"{len(kocs):,}"))
        self.all_kocs.setEnabled(bool(kocs))
        self.tree.clear()
        if kocs:
            self.kocs.table.setCurrentIndex(self.kocs.table.index_of(0, 0))

    # --- clicks -------------------------------------------------------------------------------------

    def _tier_clicked(self, key: object) -> None:
        if isinstance(key, str) and key in TIER_KEYS:
            name = self.tier_names()[TIER_KEYS.index(key)]
            self.requested.emit(Selector.tier(key), self.tr("ERS %1").replace("%1", name))

    def _pareto_clicked(self) -> None:
        self.requested.emit(Selector.pareto_top(), self.tr("消费前 20%（E5）"))

    def _grid_clicked(self, index: QModelIndex) -> None:
        source = self.grid.table.source_index(index)
        selector = self.grid_model.selector(source.row(), source.column())
        if isinstance(selector, Selector):
            s = f"S{selector.s}" if selector.s else self.tr("S 未知")
            self.requested.emit(selector, f"E{selector.e} × {s}")

    def _koc(self, index: QModelIndex) -> KocRow | None:
        source = self.kocs.table.source_index(index)
        rows = self.koc_model.rows()
        if not source.isValid() or source.row() >= len(rows):
            return None
        selector = rows[source.row()].selectors[2]
        return selector if isinstance(selector, KocRow) else None

    def _koc_clicked(self, index: QModelIndex) -> None:
        koc = self._koc(index)
        if koc is None or self.kocs.table.source_index(index).column() != 2 or self.board is None:
            return
        as_of = self.board.as_of or date.today()
        caption = self.tr("%1 介绍且已消费的患者").replace("%1", koc.name)
        self.requested.emit(lambda db: converted_referrals(db, koc.patient_id, as_of), caption)

    def _koc_selected(self, index: QModelIndex) -> None:
        koc = self._koc(index)
        if koc is None or self.board is None:
            return
        as_of = self.board.as_of or date.today()
        self.tree_panel.set_title(self.tr("转介绍关系：%1").replace("%1", koc.name))

        def show(record: PatientRecord) -> None:
            current = self._koc(self.kocs.table.currentIndex())
            if current is None or current.patient_id != koc.patient_id:
                return  # another KOC was selected meanwhile
            st = record.standing
            self.tree.set_tree(
                record.referred_by, record.referrals, st.converted_referrals, st.referral_spend_fen
            )

        db = self.db
        run_in_background(
            lambda: load_record(db, koc.patient_id, as_of),
            show,
            lambda _exc: self.tree.clear(),
            owner=self,
        )

    def _all_kocs(self) -> None:
        self.requested.emit(Selector.koc(), self.tr("全部传播者（KOC）"))

    def _tree_patient(self, patient_id: int) -> None:
        item = self.tree.currentItem()
        name = item.text(0) if item is not None else str(patient_id)
        self.requested.emit(lambda _db: [patient_id], self.tr("转介绍关系 · %1").replace("%1", name))


def converted_referrals(db: Database, patient_id: int, as_of: date) -> list[int]:
    """The patients ``patient_id`` referred directly who have bought: the KOC's converted count.

    Read through the patient record service, the same tree the 360° view and the tree beside show.
    """
    record = load_record(db, patient_id, as_of)
    return sorted(node.patient_id for node in record.referrals if node.converted)
