"""生命周期漏斗: how many patients reach each stage, what each step converts, and the what-if.

The end-to-end figure is the headline (big, on the right): of everyone the clinic ever reached, how
many became 超级用户. The what-if makes the lesson of the source article visible — conversion multiplies,
so a few points better at *every* step moves the end a lot (0.9 × 0.9 × 0.9 × 0.9 = 65.6%).
"""

from __future__ import annotations

from matplotlib.figure import Figure
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.services.dashboard import Dashboard, DashboardFilter, Selector
from clinic_desktop.ui import widgets as labels
from clinic_desktop.ui.dashboard.canvas import clickable_each
from clinic_desktop.ui.dashboard.panels import ChartPanel, TablePanel, describe_filter
from clinic_desktop.ui.dashboard.table import Col, DashTableModel, Row

#: bar colours, first stage to last: a light-to-deep blue, the 超级用户 bar in gold
_COLORS = ("#bbdefb", "#90caf9", "#64b5f6", "#42a5f5", "#1e88e5", "#f9a825")
MAX_UPLIFT_POINTS = 30


def percent(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value * 100:.{digits}f}%"


def draw_funnel(
    figure: Figure, names: list[str], reached: list[int], conversions: list[float | None], step_word: str
) -> None:
    """Centred horizontal bars (a funnel), each clickable (payload: its index), conversions on the right."""
    ax = figure.add_subplot()
    n, top = len(reached), max(reached, default=0) or 1
    widths = [max(count / top, 0.004) for count in reached]
    ys = [n - 1 - i for i in range(n)]
    bars = ax.barh(
        ys, widths, left=[(1 - w) / 2 for w in widths], height=0.72, color=[_COLORS[i % 6] for i in range(n)]
    )
    clickable_each(bars, list(range(n)))
    for i, (name, count, width, y) in enumerate(zip(names, reached, widths, ys, strict=True)):
        text = f"{name}  {count:,}"
        if width > 0.34:
            color = "white" if i == 4 else "#0d1b2a"  # the deepest blue carries white text
            ax.text(0.5, y, text, ha="center", va="center", fontsize=11, color=color)
        else:  # too narrow for its label: write it beside the bar
            ax.text(0.5 + width / 2 + 0.015, y, text, ha="left", va="center", fontsize=11, color="#0d1b2a")
        if i and conversions[i] is not None:
            # anchored to the axes' right edge (not a data x): a longer word ("Conversion") grows
            # leftwards into the room beside the bars instead of off the figure
            ax.text(
                0.995,
                y + 0.5,
                f"{step_word} {percent(conversions[i])}",
                ha="right",
                va="center",
                fontsize=10,
                color="#37474f",
                transform=ax.get_yaxis_transform(),
            )
    ax.set_xlim(0, 1.32)
    ax.set_ylim(-0.6, n - 0.4)
    ax.axis("off")


class FunnelTab(QWidget):
    """Funnel chart, stage table, end-to-end figure and the what-if control."""

    #: (selector, caption): show the patients behind a clicked number
    requested = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.board: Dashboard | None = None
        self.chart = ChartPanel(self.tr("生命周期漏斗"), min_height=300)
        self.chart.canvas.picked.connect(self._bar_clicked)
        self.chart.canvas.set_margins(8, 8, 8, 8)
        self.table_model = DashTableModel(
            [
                Col(self.tr("阶段"), "text"),
                Col(self.tr("当前人数"), "int"),
                Col(self.tr("到达人数"), "int", bar="#1e88e5"),
                Col(self.tr("上一步转化"), "pct"),
                Col(self.tr("占首阶段"), "pct"),
            ]
        )
        self.table = TablePanel(self.tr("各阶段人数与转化"), self.table_model, sortable=False)
        self.table.table.clicked.connect(self._cell_clicked)
        note = QLabel(self.tr("到达人数 = 处于该阶段或之后阶段的患者；点击人数可查看这些患者。"))
        note.setWordWrap(True)
        note.setStyleSheet("color: #607d8b;")
        self.table.layout().addWidget(note)  # type: ignore[union-attr]
        right = QVBoxLayout()
        right.addWidget(self._build_end_to_end())
        right.addWidget(self._build_what_if())
        right.addWidget(self.table)
        right.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.chart, 3)
        row.addLayout(right, 2)

    def _build_end_to_end(self) -> QFrame:
        card = QFrame()
        card.setObjectName("endToEndCard")
        card.setStyleSheet(
            "#endToEndCard { background: #fffde7; border: 1px solid #fbc02d; border-radius: 6px; }"
        )
        self.e2e_value = QLabel("–")
        font = QFont(self.e2e_value.font())
        font.setPointSizeF(font.pointSizeF() * 2.6)
        font.setBold(True)
        self.e2e_value.setFont(font)
        self.e2e_value.setStyleSheet("color: #e65100;")
        self.e2e_title = QLabel(self.tr("端到端转化：陌生用户 → 超级用户"))
        self.e2e_detail = QLabel()
        self.e2e_detail.setWordWrap(True)
        layout = QVBoxLayout(card)
        layout.setSpacing(2)
        top = QHBoxLayout()
        top.addWidget(self.e2e_value)
        top.addWidget(self.e2e_title, 1)
        layout.addLayout(top)
        layout.addWidget(self.e2e_detail)
        return card

    def _build_what_if(self) -> QGroupBox:
        box = QGroupBox(self.tr("如果每一步都好一点"))
        self.uplift_slider = QSlider(Qt.Orientation.Horizontal)
        self.uplift_spin = QSpinBox()
        for control in (self.uplift_slider, self.uplift_spin):
            control.setRange(0, MAX_UPLIFT_POINTS)
            control.setValue(10)
        self.uplift_slider.valueChanged.connect(self.uplift_spin.setValue)
        self.uplift_spin.valueChanged.connect(self.uplift_slider.setValue)
        self.uplift_spin.valueChanged.connect(self._update_what_if)
        self.what_if_result = QLabel()
        font = QFont(self.what_if_result.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.what_if_result.setFont(font)
        self.what_if_result.setWordWrap(True)
        self.lesson = QLabel(
            self.tr(
                "转化是连乘的：每一步只流失 10%，四步之后只剩 0.9 × 0.9 × 0.9 × 0.9 = 65.6%。"
                "反过来，每一步都提高一点，终点会放大很多。"
            )
        )
        self.lesson.setWordWrap(True)
        self.lesson.setStyleSheet("color: #455a64;")
        control_row = QHBoxLayout()
        control_row.addWidget(QLabel(self.tr("每一步转化率提高")))
        control_row.addWidget(self.uplift_slider, 1)
        control_row.addWidget(self.uplift_spin)
        control_row.addWidget(QLabel(self.tr("个百分点")))
        layout = QVBoxLayout(box)
        layout.addLayout(control_row)
        layout.addWidget(self.what_if_result)
        layout.addWidget(self.lesson)
        return box

    # --- data ---------------------------------------------------------------------------------------

    def show_board(self, board: Dashboard) -> None:
        self.board = board
        steps = board.funnel.steps
        names = [labels.label(labels.STAGES, s.stage.value) for s in steps]
        reached = [s.reached for s in steps]
        conversions = [s.conversion for s in steps]
        self.chart.canvas.plot(
            lambda figure: draw_funnel(figure, names, reached, conversions, self.tr("转化"))
        )
        counts = board.funnel.stage_counts
        first = reached[0] if reached else 0
        f = board.filter
        rows = [
            Row(
                [name, counts[s.stage], s.reached, s.conversion, (s.reached / first) if first else None],
                [None, Selector.at_stage(s.stage.value, f), Selector.reached(s.stage.value, f), None, None],
            )
            for name, s in zip(names, steps, strict=True)
        ]
        self.table_model.set_rows(rows)
        self.table.table.setFixedHeight(self.table.table.rows_height(len(rows)))
        e2e = board.funnel.end_to_end
        self.e2e_value.setText(percent(e2e))
        if steps and first:
            self.e2e_detail.setText(
                self.tr("%1 位患者中，%2 位成为超级用户（复购且 ERS 为 A 或手动标为 VIP）。")
                .replace("%1", f"{first:,}")
                .replace("%2", f"{steps[-1].reached:,}")
            )
        else:
            self.e2e_detail.setText(self.tr("所选范围内没有患者。"))
        suffix = board.as_of.isoformat() if board.as_of else ""
        self.chart.file_suffix = self.table.file_suffix = suffix
        self.table.caption = self._caption(self.tr("各阶段人数与转化"), f)
        self.chart.caption = self._caption(self.tr("生命周期漏斗"), f)
        self._update_what_if()

    def _caption(self, head: str, f: DashboardFilter) -> str:
        parts = [head]
        if self.board and self.board.as_of:
            parts.append(self.tr("截至 %1").replace("%1", self.board.as_of.isoformat()))
        described = describe_filter(f)
        return " · ".join([*parts, described] if described else parts)

    def _update_what_if(self) -> None:
        board = self.board
        points = self.uplift_spin.value()
        now = board.funnel.end_to_end if board else None
        after = board.what_if(points / 100) if board else None
        if now is None or after is None:
            self.what_if_result.setText(self.tr("数据不足，无法推算。"))
            return
        text = self.tr("端到端转化：%1 → %2").replace("%1", percent(now)).replace("%2", percent(after))
        if now > 0 and after > now:
            text += self.tr("（是现在的 %1 倍）").replace("%1", f"{after / now:.1f}")
        self.what_if_result.setText(text)

    # --- clicks -------------------------------------------------------------------------------------

    def _bar_clicked(self, index: object) -> None:
        if self.board is None or not isinstance(index, int):
            return
        step = self.board.funnel.steps[index]
        name = labels.label(labels.STAGES, step.stage.value)
        self.requested.emit(
            Selector.reached(step.stage.value, self.board.filter),
            self.tr("漏斗 · 到达%1").replace("%1", name),
        )

    def _cell_clicked(self, index: object) -> None:
        source = self.table.table.source_index(index)  # type: ignore[arg-type]
        selector = self.table_model.selector(source.row(), source.column())
        if selector is None or self.board is None:
            return
        name = self.table_model.rows()[source.row()].values[0]
        caption = (
            self.tr("漏斗 · 当前为%1").replace("%1", str(name))
            if source.column() == 1
            else self.tr("漏斗 · 到达%1").replace("%1", str(name))
        )
        self.requested.emit(selector, caption)
