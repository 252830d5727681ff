"""The call list on paper: where to write the printed ``.xlsx`` (and whether to hide phone digits), which
filled-in sheet to read back, and what reading it did.

Questions and answers only: the page asks them, then hands the slow part to the services through
:func:`~clinic_desktop.ui.widgets.tasks.run_in_background` and shows the result.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.services.calllists import OutcomesSummary
from clinic_desktop.ui.widgets import error_text, export_folder, fill, remember_folder

_MAX_ERRORS_SHOWN = 12


class ExportDialog(QDialog):
    """Where to write the .xlsx, and whether to hide the middle four digits of each phone number."""

    def __init__(self, suggested: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导出 Excel 名单"))
        self.path = QLineEdit(str(suggested))
        self.path.setMinimumWidth(420)
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self._browse)
        self.mask_phones = QCheckBox(self.tr("隐藏手机号中间四位（名单要带离前台时勾选）"))
        hint = QLabel(self.tr("打印后在“结果”列填写接通/未接/已预约/拒绝/勿扰，可用“导入结果”导回。"))
        hint.setStyleSheet("color: #757575;")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("导出"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("保存到")))
        layout.addLayout(row)
        layout.addWidget(self.mask_phones)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("导出 Excel 名单"), self.path.text(), self.tr("Excel 工作簿 (*.xlsx)")
        )
        if chosen:
            self.path.setText(chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx")
            remember_folder(chosen)

    def values(self) -> tuple[Path, bool]:
        text = self.path.text().strip()
        return Path(text if text.lower().endswith(".xlsx") else text + ".xlsx"), self.mask_phones.isChecked()


def _documents() -> Path:
    """The last folder used, else Documents (created if missing)."""
    return export_folder()


def suggested_name(kind_label: str, as_of: date) -> str:
    return fill(
        QCoreApplication.translate("CallListActions", "回访名单_%1_%2.xlsx"), kind_label, as_of.isoformat()
    )


def ask_export(parent: QWidget, kind_label: str, as_of: date) -> tuple[Path, bool] | None:
    """Where to export the list of ``kind_label`` as of ``as_of``, and whether to mask phones."""
    dialog = ExportDialog(_documents() / suggested_name(kind_label, as_of), parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    chosen = dialog.values()
    remember_folder(chosen[0])
    return chosen


def ask_import_path(parent: QWidget) -> Path | None:
    chosen, _filter = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("CallListActions", "导入回访结果"),
        str(_documents()),
        QCoreApplication.translate("CallListActions", "Excel 工作簿 (*.xlsx)"),
    )
    if not chosen:
        return None
    remember_folder(chosen)
    return Path(chosen)


def summary_text(summary: OutcomesSummary) -> str:
    """What an import did, in words: rows read, outcomes recorded, rows not called yet, patients now
    勿扰, and the first problems by spreadsheet row (each with its reason)."""
    lines = [
        fill(
            QCoreApplication.translate("CallListActions", "读取 %1 行，记录 %2 条联系结果。"),
            f"{summary.rows:,}",
            f"{summary.recorded:,}",
        )
    ]
    if summary.blank:
        text = QCoreApplication.translate("CallListActions", "%1 行未填写结果（尚未联系），已跳过。")
        lines.append(fill(text, f"{summary.blank:,}"))
    if summary.do_not_contact:
        text = QCoreApplication.translate("CallListActions", "%1 位患者已设为勿扰。")
        lines.append(fill(text, f"{summary.do_not_contact:,}"))
    issues = summary.issues
    if issues:
        lines.append(fill(QCoreApplication.translate("CallListActions", "%1 行未导入："), f"{len(issues):,}"))
        for issue in issues[:_MAX_ERRORS_SHOWN]:
            text = QCoreApplication.translate("CallListActions", "第 %1 行：%2")
            lines.append(fill(text, issue.row, error_text(issue)))
        if len(issues) > _MAX_ERRORS_SHOWN:
            text = QCoreApplication.translate("CallListActions", "……另有 %1 行")
            lines.append(fill(text, len(issues) - _MAX_ERRORS_SHOWN))
    return "\n".join(lines)


def show_import_summary(parent: QWidget, summary: OutcomesSummary) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle(QCoreApplication.translate("CallListActions", "导入回访结果"))
    box.setIcon(QMessageBox.Icon.Warning if summary.issues else QMessageBox.Icon.Information)
    box.setText(summary_text(summary))
    box.exec()
