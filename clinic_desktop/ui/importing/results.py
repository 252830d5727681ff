"""The last three steps of the import wizard: the preview of what will happen, the progress of the
import itself, and the summary of what happened.

The numbers a receptionist acts on — how many patients are new, how many already exist and will be
updated, how many rows are skipped — are shown large; the reasons sit in a sortable table (sheet, row,
column, reason) rather than in a wall of text, and can be exported to Excel for whoever fixes the file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

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

from clinic_desktop.services.importing import ImportPlan, ImportSummary, RowIssue
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
    """The row-level problems: a heading with their count, and the table (or a tick when there are none)."""

    reportRequested = Signal()

    def __init__(self, heading: str, all_fine: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._heading_template = heading  # %1 problems, %2 rows skipped
        self.heading = _heading("")
        self.model = IssuesModel(self)
        self.view = issues_table(self.model)
        self.none_label = QLabel(all_fine)
        self.none_label.setStyleSheet(f"color: {GREEN};")
        self.report_button = QPushButton(self.tr("导出问题清单(&R)…"))
        self.report_button.setToolTip(self.tr("保存为 Excel：每个问题一行，方便改好原文件后再导入"))
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

    def show_issues(self, issues: Sequence[RowIssue], labels: Mapping[str, tuple[str, str]]) -> None:
        self.model.set_issues(issues, labels)
        skipped = sum(1 for issue in issues if issue.skipped)
        self.heading.setText(fill(self._heading_template, f"{len(issues):,}", f"{skipped:,}"))
        self.heading.setVisible(bool(issues))
        self.none_label.setVisible(not issues)
        self.view.setVisible(bool(issues))
        self.report_button.setVisible(bool(issues))
        self.report_status.clear()

    def show_report_saved(self, text: str, error: bool = False) -> None:
        self.report_status.setStyleSheet("color: #c62828;" if error else HINT_STYLE)
        self.report_status.setText(text)


class PreviewStep(QWidget):
    """Step 3: what the import will do, before anything is written."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.created = CountCard(self.tr("新建"), GREEN)
        self.updated = CountCard(self.tr("更新已有"), BLUE)
        self.skipped = CountCard(self.tr("跳过"), ORANGE)
        self.unchanged = CountCard(self.tr("无变化"), GREY)
        self.inserts = QLabel()
        self.inserts.setStyleSheet(HINT_STYLE)
        self.issues = IssuesPanel(
            self.tr("逐行校验：%1 个问题，其中 %2 行将被跳过"), self.tr("✓ 没有发现问题，所有行都可以导入。")
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
        layout.addLayout(_cards(self.created, self.updated, self.unchanged, self.skipped))
        layout.addWidget(self.inserts)
        layout.addSpacing(6)
        layout.addWidget(self.issues, 1)
        layout.addWidget(note)

    def show_plan(self, plan: ImportPlan, labels: Mapping[str, tuple[str, str]]) -> None:
        self.created.set_value(plan.created)
        self.updated.set_value(plan.updated)
        self.skipped.set_value(plan.skipped)
        self.unchanged.set_value(plan.unchanged)
        self.inserts.setText(
            fill(self.tr("共 %1 行数据。将新增：%2"), f"{plan.rows:,}", inserts_text(plan))
            if plan.inserts
            else fill(self.tr("共 %1 行数据。"), f"{plan.rows:,}")
        )
        self.issues.show_issues(plan.issues, labels)


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
        self.created = CountCard(self.tr("新建"), GREEN)
        self.updated = CountCard(self.tr("更新"), BLUE)
        self.skipped = CountCard(self.tr("跳过"), ORANGE)
        self.unchanged = CountCard(self.tr("无变化"), GREY)
        self.inserts = QLabel()
        self.inserts.setStyleSheet(HINT_STYLE)
        self.metrics_status = QLabel()
        self.metrics_status.setStyleSheet(HINT_STYLE)
        self.issues = IssuesPanel(
            self.tr("%1 个问题，其中 %2 行已跳过"), self.tr("✓ 所有行都已导入，没有问题。")
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addLayout(_cards(self.created, self.updated, self.unchanged, self.skipped))
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
        self.created.set_value(summary.created)
        self.updated.set_value(summary.updated)
        self.skipped.set_value(summary.skipped)
        self.unchanged.set_value(summary.unchanged)
        added = inserts_text(summary) if summary.inserts else ""
        self.inserts.setText(fill(self.tr("已新增：%1"), added) if added else "")
        self.inserts.setVisible(bool(added))
        self.issues.show_issues(summary.issues, labels)
