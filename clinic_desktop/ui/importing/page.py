"""The 导入导出 page: get a clinic's data in, get all of it out, undo the last import, tidy duplicates.

Each action is one card with a sentence saying what it does, because these are the operations a clinic
runs rarely and fears most (an import into the only copy of its data). The last import is always shown
with its counts next to its undo button, so "what did I just do, and can I take it back" has an answer
on the page itself. Slow work (export of 100,000 patients, undo, recompute) runs in the background.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from clinic_desktop.core.access import Permission
from clinic_desktop.services import importing as importer
from clinic_desktop.services.audit import write_audited
from clinic_desktop.services.database import Database
from clinic_desktop.services.importing import ExportSummary, ImportBatchInfo, ImportSummary, UndoSummary
from clinic_desktop.services.metrics import recompute, recompute_after_commit
from clinic_desktop.ui.importing.cards import PRIMARY_BUTTON, LastImportCard, card, when_text
from clinic_desktop.ui.importing.duplicates_dialog import DuplicatesDialog
from clinic_desktop.ui.importing.models import sheet_kind_label
from clinic_desktop.ui.importing.steps import HINT_STYLE, DropZone, local_file
from clinic_desktop.ui.importing.wizard import IMPORTING, ImportWizard
from clinic_desktop.ui.widgets import (
    error_text,
    export_folder,
    fill,
    remember_folder,
    run_in_background,
    ui_language,
)

_ERROR_STYLE = "color: #c62828;"
_OK_STYLE = "color: #2e7d32;"


class ImportPage(QWidget):
    """Import (through :class:`ImportWizard`), export, blank template, undo, duplicates."""

    #: patients were imported, removed by an undo, or merged (metrics already recomputed)
    dataChanged = Signal()

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, today: Callable[[], date] = date.today
    ) -> None:
        super().__init__(parent)
        self.db = db
        self._today = today
        self.wizard: ImportWizard | None = None
        self._last: ImportBatchInfo | None = None
        self.setAcceptDrops(True)

        heading = QLabel(self.tr("导入导出"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)

        self.import_button = QPushButton(self.tr("导入患者数据(&I)…"))
        self.import_button.setStyleSheet(PRIMARY_BUTTON)
        self.template_button = QPushButton(self.tr("保存空白导入模板(&T)…"))
        self.export_button = QPushButton(self.tr("导出整个诊所工作簿(&E)…"))
        self.undo_button = QPushButton(self.tr("撤销上次导入(&U)…"))
        self.duplicates_button = QPushButton(self.tr("查找重复患者(&D)…"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        import_card, import_box = card(
            self.tr("导入患者数据"),
            self.tr(
                "从 Excel（.xlsx / .xls）或 CSV 导入患者，以及消费、互动、预约、满意度、联系记录。"
                "先对应列、预览并逐行校验，确认后才写入；已有患者按手机号匹配并更新，不会重复建档。"
            ),
        )
        import_box.insertWidget(import_box.count() - 1, self._drop_zone())
        self.last_card = undo_card = LastImportCard(self.undo_button)
        export_card, _ = card(
            self.tr("导出诊所工作簿"),
            self.tr(
                "把全部数据导出为一个诊所工作簿（患者、消费、互动、预约、满意度、联系记录、项目），"
                "格式与导入模板相同：可作备份查看，也可导入到另一台电脑。"
            ),
            self.export_button,
        )
        duplicates_card, _ = card(
            self.tr("合并重复患者"),
            self.tr("找出手机号相同、或姓名和生日都相同的患者，逐组核对后合并为一份档案（有审计记录）。"),
            self.duplicates_button,
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(16)
        grid.addWidget(import_card, 0, 0, 1, 3)
        for column, widget in enumerate((undo_card, export_card, duplicates_card)):
            grid.addWidget(widget, 1, column)
            grid.setColumnStretch(column, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(heading)
        layout.addSpacing(8)
        layout.addLayout(grid)
        layout.addWidget(self.status)
        layout.addStretch(1)

        self.import_button.clicked.connect(lambda: self.start_import())
        self.template_button.clicked.connect(self.save_template)
        self.export_button.clicked.connect(self.export_workbook)
        self.undo_button.clicked.connect(self.undo_last_import)
        self.duplicates_button.clicked.connect(self.find_duplicates)
        self.refresh_last_import()

    def _drop_zone(self) -> DropZone:
        """The import card's dashed area: drop a file on it, or use its buttons."""
        zone = DropZone()
        zone.setMinimumHeight(170)
        zone.fileDropped.connect(self.start_import)
        big = QLabel(self.tr("把 Excel 或 CSV 文件拖到这里开始导入"))
        font = big.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        big.setFont(font)
        big.setStyleSheet("border: none; background: transparent;")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.template_button)
        buttons.addStretch(1)
        inner = QVBoxLayout(zone)
        inner.addStretch(1)
        inner.addWidget(big, 0, Qt.AlignmentFlag.AlignHCenter)
        inner.addSpacing(6)
        inner.addLayout(buttons)
        inner.addStretch(1)
        return zone

    # -- feedback -------------------------------------------------------------------------------------------

    def _show(self, text: str, style: str = "") -> None:
        self.status.setStyleSheet(style)
        self.status.setText(text)

    def _failed(self, exc: Exception) -> None:
        self._show(error_text(exc), _ERROR_STYLE)

    def _ask_save_path(self, title: str, suggested: str) -> Path | None:
        """Ask where to save an .xlsx (replaced in tests: no native dialog there)."""
        name, _filter = QFileDialog.getSaveFileName(
            self, title, str(export_folder() / suggested), self.tr("Excel 工作簿 (*.xlsx)")
        )
        if not name:
            return None
        remember_folder(name)
        path = Path(name)
        return path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")

    def _confirm(self, title: str, text: str) -> bool:
        """Ask yes/no, "no" being the default (replaced in tests)."""
        answer = QMessageBox.question(
            self,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    # -- import ---------------------------------------------------------------------------------------------

    def start_import(self, path: Path | None = None) -> ImportWizard:
        """Open the import wizard; with ``path`` it starts reading that file at once (drop, tests)."""
        if self.wizard is not None and isValid(self.wizard) and self.wizard.isVisible():
            self.wizard.raise_()
            self.wizard.activateWindow()
        else:
            self.wizard = ImportWizard(self.db, self)
            self.wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.wizard.imported.connect(self._imported)
            self.wizard.destroyed.connect(self._wizard_closed)
            # not modal: the clinic keeps working in the main window while a long import runs
            self.wizard.show()
        if path is not None:
            self.wizard.choose_file(Path(path))
        return self.wizard

    def _importing(self) -> bool:
        return self.wizard is not None and isValid(self.wizard) and self.wizard.step() == IMPORTING

    def _wizard_closed(self) -> None:
        self.wizard = None

    def _imported(self, _summary: ImportSummary) -> None:
        """Recompute the stored metrics (stages, tiers) in the background, then tell the main window; the
        wizard, if still open, shows how that went."""
        self.refresh_last_import()
        wizard = self.wizard
        as_of = self._today()
        if wizard is not None:
            wizard.show_metrics_status(False)

        def finished(error: str) -> None:
            if wizard is not None and isValid(wizard):
                wizard.show_metrics_status(True, as_of, error)
            self.dataChanged.emit()

        db = self.db
        run_in_background(
            lambda: recompute(db, as_of),
            lambda _result: finished(""),
            lambda exc: finished(error_text(exc)),
            owner=self,
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if local_file(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        path = local_file(event)
        if path is not None:
            event.acceptProposedAction()
            self.start_import(path)

    # -- template and export --------------------------------------------------------------------------------

    def save_template(self) -> None:
        target = self._ask_save_path(self.tr("保存空白导入模板"), self.tr("诊所数据导入模板.xlsx"))
        if target is None:
            return
        db = self.db
        run_in_background(
            lambda: write_audited(db, "template", target, importer.write_template),
            lambda _r: self._show(fill(self.tr("模板已保存：%1"), str(target)), _OK_STYLE),
            self._failed,
            owner=self,
        )

    def export_workbook(self) -> None:
        suggested = fill(self.tr("诊所数据_%1.xlsx"), self._today().strftime("%Y%m%d"))
        target = self._ask_save_path(self.tr("导出整个诊所工作簿"), suggested)
        if target is None:
            return
        self.export_button.setEnabled(False)
        self._show(self.tr("正在导出…"), HINT_STYLE)

        def done(result: ExportSummary) -> None:
            self.apply_role()
            self._show(self._export_text(result, target), _OK_STYLE)

        def failed(exc: Exception) -> None:
            self.apply_role()
            self._failed(exc)

        db = self.db
        run_in_background(
            lambda: importer.export_workbook(db, target),
            done,
            failed,
            busy=self.tr("正在导出诊所工作簿…"),
            owner=self,
        )

    def apply_role(self) -> None:
        """Exporting the whole database is the owner's (the service refuses staff anyway)."""
        owner = self.db.access.may(Permission.EXPORT_DATABASE)
        self.export_button.setEnabled(owner)
        self.export_button.setToolTip("" if owner else self.tr("只有店主可以导出整个数据库"))

    def _export_text(self, result: ExportSummary, target: Path) -> str:
        rows = result.rows
        counts = "  ·  ".join(f"{sheet_kind_label(kind)} {n:,}" for kind, n in rows.items() if n)
        if counts:
            return fill(self.tr("已导出到 %1\n%2（%3 秒）"), str(target), counts, f"{result.seconds:.1f}")
        return fill(self.tr("已导出到 %1"), str(target))

    # -- last import and undo -------------------------------------------------------------------------------

    def refresh_last_import(self) -> None:
        db = self.db
        run_in_background(lambda: importer.last_import(db), self._show_last_import, self._failed, owner=self)

    def _show_last_import(self, info: ImportBatchInfo | None) -> None:
        self._last = info
        self.last_card.show_info(info)

    def last_import_text(self) -> str:
        """What the 上次导入 card says, as one text (for tests and screen readers)."""
        return self.last_card.text()

    def undo_last_import(self) -> None:
        """Ask (naming what goes with the import: the call-list rows and contact-log rows made from its
        patients since), then undo and recompute in the background. What the import left behind is read
        afresh first: lists may have been built since the page last looked."""
        if self._last is None:
            return
        if self._importing():
            self._show(self.tr("正在导入，请等导入完成后再撤销。"), _ERROR_STYLE)
            return
        self.undo_button.setEnabled(False)
        db = self.db
        run_in_background(lambda: importer.last_import(db), self._confirm_undo, self._undo_failed, owner=self)

    def _confirm_undo(self, info: ImportBatchInfo | None) -> None:
        self._show_last_import(info)
        if info is None or not info.can_undo:
            return
        question = fill(
            self.tr(
                "撤销 %1 的导入（%2）？\n\n"
                "将删除这次新建的 %3 条记录，并把这次更新的 %4 条恢复为导入前的内容。"
            ),
            info.file_name,
            when_text(info.imported_at),
            f"{info.created:,}",
            f"{info.updated:,}",
        )
        if info.call_list_rows or info.list_contacts:
            question += "\n\n" + fill(
                self.tr("导入后用这些患者生成的%1也会一并删除。"),
                info.goes_with(ui_language()),
            )
        if not self._confirm(self.tr("撤销上次导入"), question):
            return
        as_of = self._today()
        db = self.db

        def work() -> UndoSummary:
            result = importer.undo_last_import(db)
            recompute_after_commit(db, as_of)  # the undo has committed: busy here is not a failure
            return result

        def done(result: UndoSummary) -> None:
            self._show(self._undo_text(result), _OK_STYLE)
            self.refresh_last_import()
            self.dataChanged.emit()

        self.undo_button.setEnabled(False)
        run_in_background(work, done, self._undo_failed, busy=self.tr("正在撤销导入…"), owner=self)

    def _undo_text(self, result: UndoSummary) -> str:
        removed = sum(result.removed.values())
        restored = sum(result.restored.values())
        return fill(self.tr("已撤销上次导入：删除 %1 条记录，恢复 %2 条"), f"{removed:,}", f"{restored:,}")

    def _undo_failed(self, exc: Exception) -> None:
        self._failed(exc)
        self.refresh_last_import()

    # -- duplicates -----------------------------------------------------------------------------------------

    def find_duplicates(self) -> None:
        dialog = DuplicatesDialog(self.db, self)
        dialog.merged.connect(lambda _ids: self.dataChanged.emit())  # the dialog recomputed already
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.duplicates_dialog = dialog
