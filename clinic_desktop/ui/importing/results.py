"""The last three steps of the import wizard: the preview of what will happen, the progress of the
import itself, and the summary of what happened.

The numbers a receptionist acts on are the file's rows counted once, three ways that add up (PRODUCT §7):
goes in as is, goes in with notes (a cell that could not be read was left empty), skipped — shown large,
the same numbers in the heading of the table and in the report. What that does to the database (new,
updated, unchanged) is the line under them. The reasons sit in a sortable table (sheet, row, column,
reason); the skipped and noted rows can be saved as Excel — the rows themselves, as written, plus a reason
column — to fix and import on their own.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.services.importing import ImportPlan, ImportSummary
from clinic_desktop.ui.importing.models import IssuesModel, sheet_kind_label
from clinic_desktop.ui.importing.steps import HINT_STYLE
from clinic_desktop.ui.widgets import fill

GREEN, BLUE, ORANGE, GREY = "#2e7d32", "#1565c0", "#e65100", "#546e7a"


def inserts_text(result: ImportPlan | ImportSummary) -> str:
    """ "患者 1,175 · 消费 320": the new records per table of a plan or summary (largest first)."""
    counts = sorted(((n, table) for table, n in result.inserts.items() if n), reverse=True)
    return "  ·  ".join(f"{sheet_kind_label(table)} {n:,}" for n, table in counts)


class CountCard(QFrame):
    """A big number with a caption under it, a coloured bar on the left."""

    def __init__(self, caption: str, color: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("countCard")
        self.setStyleSheet(
            f"QFrame#countCard {{ background: white; border: 1px solid #e0e0e0;"
            f" border-left: 5px solid {color}; border-radius: 6px; }}"
        )
        self.number = QLabel("0")
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.number.setFont(font)
        self.number.setStyleSheet(f"color: {color}; border: none;")
        self.caption = QLabel(caption)
        self.caption.setStyleSheet("color: #616161; border: none;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)
        self.setMinimumWidth(150)

    def set_value(self, value: int) -> None:
        self.number.setText(f"{value:,}")


def _cards(*cards: CountCard) -> QHBoxLayout:
    row = QHBoxLayout()
    for card in cards:
        row.addWidget(card)
    row.addStretch(1)
    return row


def issues_table(model: IssuesModel) -> QTableView:
    """The issues, sortable by any column (the model sorts its own list: fast for 100,000 rows)."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(28)
    # no column is measured from its contents (that reads every row): fixed widths, the reason stretches
    header = view.horizontalHeader()
    for column, width in (
        (IssuesModel.SHEET, 110),
        (IssuesModel.ROW, 70),
        (IssuesModel.FIELD, 120),
        (IssuesModel.ACTION, 120),
    ):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, width)
    header.setSectionResizeMode(IssuesModel.REASON, QHeaderView.ResizeMode.Stretch)
    header.setSortIndicatorShown(True)
    header.setSectionsClickable(True)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the service's order until a click
    header.sortIndicatorChanged.connect(model.sort)
    return view


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    label.setFont(font)
    return label


class IssuesPanel(QWidget):
    """The row-level problems: a heading with the rows they concern, and the table (or a tick when there
    are none)."""

    reportRequested = Signal()

    def __init__(self, heading: str, all_fine: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._heading_template = heading  # %1 rows with notes, %2 rows skipped, %3 problems
        self.heading = _heading("")
        self.model = IssuesModel(self)
        self.view = issues_table(self.model)
        self.none_label = QLabel(all_fine)
        self.none_label.setStyleSheet(f"color: {GREEN};")
        self.report_button = QPushButton(self.tr("导出问题行(&R)…"))
        self.report_button.setToolTip(
            self.tr(
                "保存为 Excel：跳过和带提示的行原样保留，最后一列写明问题；"
                "在 Excel 里改好后单独导入这个文件即可"
            )
        )
        self.report_button.clicked.connect(self.reportRequested)
        self.report_status = QLabel()
        self.report_status.setStyleSheet(HINT_STYLE)
        self.report_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addWidget(self.none_label)
        top.addStretch(1)
        top.addWidget(self.report_status)
        top.addWidget(self.report_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

    def show_issues(self, result: ImportPlan | ImportSummary, labels: Mapping[str, tuple[str, str]]) -> None:
        """The issues of a plan or a summary; the heading counts rows (``noted``, ``skipped``), like the
        cards above it, not issues (a row can have several)."""
        issues = result.issues
        self.model.set_issues(issues, labels)
        noted, skipped = result.noted, result.skipped
        self.heading.setText(fill(self._heading_template, f"{noted:,}", f"{skipped:,}", f"{len(issues):,}"))
        self.heading.setVisible(bool(issues))
        self.none_label.setVisible(not issues)
        self.view.setVisible(bool(issues))
        self.report_button.setVisible(bool(noted or skipped))
        self.report_status.clear()

    def show_report_saved(self, text: str, error: bool = False) -> None:
        self.report_status.setStyleSheet("color: #c62828;" if error else HINT_STYLE)
        self.report_status.setText(text)


class PreviewStep(QWidget):
    """Step 3: what the import will do, before anything is written."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.total = _heading("")
        self.as_is = CountCard(self.tr("照常导入"), GREEN)
        self.noted = CountCard(self.tr("带提示导入"), BLUE)
        self.skipped = CountCard(self.tr("跳过"), ORANGE)
        self.effect = QLabel()
        self.inserts = QLabel()
        self.inserts.setStyleSheet(HINT_STYLE)
        self.issues = IssuesPanel(
            self.tr("逐行校验：%1 行带提示导入（无法识别的格子留空），%2 行跳过"),
            self.tr("✓ 没有发现问题，所有行都可以导入。"),
        )
        note = QLabel(
            self.tr(
                "导入在一个事务中完成：中途出错不会写入任何数据。"
                "已有患者按手机号匹配并更新，不会重复建档；导入后可以在“导入导出”页撤销。"
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet(HINT_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(self.total)
        layout.addLayout(_cards(self.as_is, self.noted, self.skipped))
        layout.addWidget(self.effect)
        layout.addWidget(self.inserts)
        layout.addSpacing(6)
        layout.addWidget(self.issues, 1)
        layout.addWidget(note)

    def show_plan(self, plan: ImportPlan, labels: Mapping[str, tuple[str, str]]) -> None:
        self.total.setText(
            fill(
                self.tr("共 %1 行数据 = 照常导入 %2 + 带提示导入 %3 + 跳过 %4"),
                f"{plan.rows:,}",
                f"{plan.as_is:,}",
                f"{plan.noted:,}",
                f"{plan.skipped:,}",
            )
        )
        self.as_is.set_value(plan.as_is)
        self.noted.set_value(plan.noted)
        self.skipped.set_value(plan.skipped)
        self.effect.setText(
            fill(
                self.tr("导入后：新建 %1 · 更新已有 %2 · 无变化 %3"),
                f"{plan.created:,}",
                f"{plan.updated:,}",
                f"{plan.unchanged:,}",
            )
        )
        self.inserts.setText(fill(self.tr("将新增：%1"), inserts_text(plan)) if plan.inserts else "")
        self.inserts.setVisible(bool(plan.inserts))
        self.issues.show_issues(plan, labels)


class ProgressStep(QWidget):
    """Step 4: the import runs on the worker; this shows how far it got."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = _heading("")
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setMinimumHeight(26)
        self.detail = QLabel()
        self.detail.setStyleSheet(HINT_STYLE)
        hint = QLabel(self.tr("导入期间可以继续使用其他页面；请不要关闭程序。"))
        hint.setStyleSheet(HINT_STYLE)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.bar)
        layout.addWidget(self.detail)
        layout.addWidget(hint)
        layout.addStretch(2)

    def start(self, file_name: str, rows: int) -> None:
        self.title.setText(fill(self.tr("正在导入 %1 …"), file_name))
        self.bar.setRange(0, 0)  # busy until the first report
        self.detail.setText(fill(self.tr("共 %1 行数据，正在再次校验…"), f"{rows:,}"))

    def report(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, total))
        self.detail.setText(fill(self.tr("已写入 %1 / %2 条记录"), f"{done:,}", f"{total:,}"))


class SummaryStep(QWidget):
    """Step 5: what was imported, why rows were skipped, and the export of that report."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headline = _heading("")
        self.headline.setStyleSheet(f"color: {GREEN};")
        self.as_is = CountCard(self.tr("照常导入"), GREEN)
        self.noted = CountCard(self.tr("带提示导入"), BLUE)
        self.skipped = CountCard(self.tr("跳过"), ORANGE)
        self.effect = QLabel()
        self.inserts = QLabel()
        self.inserts.setStyleSheet(HINT_STYLE)
        self.metrics_status = QLabel()
        self.metrics_status.setStyleSheet(HINT_STYLE)
        self.issues = IssuesPanel(
            self.tr("%1 行带提示导入（无法识别的格子留空），%2 行已跳过"),
            self.tr("✓ 所有行都已导入，没有问题。"),
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addLayout(_cards(self.as_is, self.noted, self.skipped))
        layout.addWidget(self.effect)
        layout.addWidget(self.inserts)
        layout.addWidget(self.metrics_status)
        layout.addSpacing(6)
        layout.addWidget(self.issues, 1)

    def show_summary(
        self, summary: ImportSummary, file_name: str, labels: Mapping[str, tuple[str, str]]
    ) -> None:
        self.headline.setText(
            fill(
                self.tr("已导入 %1：共 %2 行，用时 %3 秒"),
                file_name,
                f"{summary.rows:,}",
                f"{summary.seconds:.1f}",
            )
        )
        self.as_is.set_value(summary.as_is)
        self.noted.set_value(summary.noted)
        self.skipped.set_value(summary.skipped)
        self.effect.setText(
            fill(
                self.tr("新建 %1 · 更新 %2 · 无变化 %3"),
                f"{summary.created:,}",
                f"{summary.updated:,}",
                f"{summary.unchanged:,}",
            )
        )
        added = inserts_text(summary) if summary.inserts else ""
        self.inserts.setText(fill(self.tr("已新增：%1"), added) if added else "")
        self.inserts.setVisible(bool(added))
        self.issues.show_issues(summary, labels)
