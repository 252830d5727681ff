"""The framed boxes the dashboard is made of: a title, an export button, and a chart or a table.

Every chart exports to PNG and every table to ``.xlsx`` (PRODUCT §6). The file name comes from
:func:`ask_save_path` — the one place a native dialog opens, replaced in tests by a function returning a
path under ``tmp_path``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.io.table_xlsx import write_table_xlsx
from clinic_desktop.services.dashboard import DashboardFilter
from clinic_desktop.ui.dashboard.canvas import ChartCanvas
from clinic_desktop.ui.dashboard.table import DashTable, DashTableModel
from clinic_desktop.ui.widgets import error_text, export_folder, remember_folder


def ask_save_path(parent: QWidget, title: str, suggested: str, file_filter: str) -> Path | None:
    """Ask where to save (the native dialog, in the last folder used); None if cancelled. Tests replace
    this function."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(export_folder() / suggested), file_filter)
    if not chosen:
        return None
    remember_folder(chosen)
    return Path(chosen)


def describe_filter(f: DashboardFilter) -> str:
    """The cohort filter in words: "首次接触 2026-01-01 至 2026-11-20 · 渠道：抖音" ("" for none)."""
    parts = []
    if f.cohort_from or f.cohort_to:
        start = f.cohort_from.isoformat() if f.cohort_from else "…"
        end = f.cohort_to.isoformat() if f.cohort_to else "…"
        parts.append(
            QCoreApplication.translate("DashboardPanels", "首次接触 %1 至 %2")
            .replace("%1", start)
            .replace("%2", end)
        )
    if f.source is not None:
        source = f.source or QCoreApplication.translate("DashboardPanels", "（未填写）")
        parts.append(QCoreApplication.translate("DashboardPanels", "渠道：%1").replace("%1", source))
    return " · ".join(parts)


def safe_file_stem(text: str) -> str:
    """A file name from a title: no characters Windows refuses."""
    return "".join("_" if ch in '<>:"/\\|?*' else ch for ch in text).strip() or "export"


class Panel(QFrame):
    """Title, an export button on the right, and a body."""

    exported = Signal(Path)
    exportFailed = Signal(str)

    def __init__(self, title: str, body: QWidget, button: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title_label = QLabel(title)
        font = QFont(self.title_label.font())
        font.setBold(True)
        self.title_label.setFont(font)
        self.export_button = QPushButton(button)
        self.export_button.setFlat(True)
        self.export_button.clicked.connect(self.export)
        self.body = body
        head = QHBoxLayout()
        head.addWidget(self.title_label, 1)
        head.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(2)
        layout.addLayout(head)
        layout.addWidget(body, 1)
        #: the exported file's name: this stem (the first title: later titles carry numbers) and a suffix,
        #: e.g. the "as of" date, set by the page
        self.file_stem = safe_file_stem(title)
        self.file_suffix = ""

    def set_title(self, title: str) -> None:
        self.title_label.setText(title)

    def suggested_name(self, extension: str) -> str:
        stem = self.file_stem
        return f"{stem}_{self.file_suffix}.{extension}" if self.file_suffix else f"{stem}.{extension}"

    def export(self) -> Path | None:
        raise NotImplementedError

    def _finish(self, write: object, path: Path | None) -> Path | None:
        if path is None:
            return None
        try:
            write(path)  # type: ignore[operator]
        except OSError as exc:
            self.exportFailed.emit(self.tr("导出失败：%1").replace("%1", error_text(exc)))
            return None
        self.exported.emit(path)
        return path


class ChartPanel(Panel):
    def __init__(self, title: str, parent: QWidget | None = None, *, min_height: int = 240) -> None:
        self.canvas = ChartCanvas(min_height=min_height)
        super().__init__(title, self.canvas, self.tr("导出图片…"), parent)
        self.canvas.setToolTip(self.tr("点击柱形或数据点，查看对应的患者"))
        #: the exported picture's heading (what and as of when); the panel title when empty
        self.caption = ""

    def export(self) -> Path | None:
        path = ask_save_path(
            self, self.tr("导出图片"), self.suggested_name("png"), self.tr("PNG 图片 (*.png)")
        )
        if path is not None and path.suffix.lower() != ".png":
            path = path.with_suffix(".png")
        caption = self.caption or self.title_label.text()
        if not self.caption and self.file_suffix:
            caption += " · " + self.tr("截至 %1").replace("%1", self.file_suffix)
        return self._finish(lambda target: self.canvas.save_png(target, title=caption), path)


class TablePanel(Panel):
    def __init__(
        self, title: str, model: DashTableModel, parent: QWidget | None = None, *, sortable: bool = True
    ) -> None:
        self.model = model
        self.table = DashTable(model, sortable=sortable)
        super().__init__(title, self.table, self.tr("导出表格…"), parent)
        #: a line above the headers in the exported sheet (what and as of when)
        self.caption = ""

    def export(self) -> Path | None:
        path = ask_save_path(
            self, self.tr("导出表格"), self.suggested_name("xlsx"), self.tr("Excel 工作簿 (*.xlsx)")
        )
        if path is not None and path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        return self._finish(self._write, path)

    def _write(self, path: Path) -> None:
        columns, rows = self.model.export_rows()
        title = self.title_label.text()
        write_table_xlsx(path, columns, rows, sheet_title=title, caption=self.caption or title)
