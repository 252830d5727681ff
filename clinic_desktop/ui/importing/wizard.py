"""The import wizard: file → column mapping → preview → import → summary (PRODUCT §7).

Every step that touches the file or the database runs on the worker through
:func:`clinic_desktop.ui.widgets.tasks.run_in_background`: reading a 100,000-row workbook, planning the import
and importing it each take seconds, and the window must keep painting (the import reports its progress to
the bar of step 4). Nothing is written before the user presses 开始导入 on the preview, and the import
itself is one transaction in the service, so a rejected file or a failure half-way leaves the database
as it was. After an import ``imported`` tells the page, which recomputes the stored metrics in the
background and then tells the main window (the patient list and the status bar reload).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QFileDialog, QWidget

from clinic_desktop.services import importing as importer
from clinic_desktop.services.audit import write_audited
from clinic_desktop.services.database import Database
from clinic_desktop.services.importing import (
    ImportPlan,
    ImportSummary,
    Inspection,
    SheetPlan,
    guess_mapping,
    missing_required,
)
from clinic_desktop.ui.importing.results import PreviewStep, ProgressStep, SummaryStep
from clinic_desktop.ui.importing.steps import FileStep, MappingStep
from clinic_desktop.ui.importing.wizard_frame import WizardFrame
from clinic_desktop.ui.widgets import (
    Reporter,
    error_text,
    export_folder,
    fill,
    remember_folder,
    resize_within_screen,
    run_in_background,
)

FILE, MAPPING, PREVIEW, IMPORTING, SUMMARY = range(5)
T = TypeVar("T")


class ImportWizard(WizardFrame):
    """Five steps in one window; Back and Next (Alt+B / Alt+N, Enter for Next), Esc cancels before import."""

    #: the import finished (the :class:`ImportSummary`): the owner recomputes the metrics now
    imported = Signal(object)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.steps_heading.setText(self.tr("导入步骤"))
        self.db = db
        self.setWindowTitle(self.tr("导入患者数据"))
        self.inspection: Inspection | None = None
        self.plan: ImportPlan | None = None
        self.summary: ImportSummary | None = None
        self.path: Path | None = None
        self._encoding: str | None = None  # what the user asked for (None = detect)
        self._sheet: str = ""
        self._busy = False

        self.file_step = FileStep()
        self.mapping_step = MappingStep()
        self.preview_step = PreviewStep()
        self.progress_step = ProgressStep()
        self.summary_step = SummaryStep()
        for widget, name, about in (
            (
                self.file_step,
                self.tr("选择文件"),
                self.tr("选择要导入的 Excel 或 CSV 文件，或者直接把文件拖进来。"),
            ),
            (
                self.mapping_step,
                self.tr("对应列"),
                self.tr("确认每一列导入为什么内容。已按表头自动识别，可以逐列修改；右侧是文件里的示例数据。"),
            ),
            (
                self.preview_step,
                self.tr("预览与校验"),
                self.tr("还没有写入任何数据。请核对数量和问题行，确认后开始导入。"),
            ),
            (self.progress_step, self.tr("导入"), self.tr("正在写入数据库。")),
            (
                self.summary_step,
                self.tr("完成"),
                self.tr("导入已完成。有问题的行可以导出为 Excel 报告，修改后再次导入。"),
            ),
        ):
            self.add_step(widget, name, about)
        self.mapping_step.set_kinds(importer.SHEET_KINDS)

        self.file_step.fileChosen.connect(self.choose_file)
        self.file_step.browseRequested.connect(self.browse)
        self.mapping_step.sheetSelected.connect(self._show_sheet)
        self.mapping_step.kindChanged.connect(self._kind_changed)
        self.mapping_step.mappingEdited.connect(self._mapping_edited)
        self.mapping_step.encodingChanged.connect(self._encoding_changed)
        self.preview_step.issues.reportRequested.connect(self.export_report)
        self.summary_step.issues.reportRequested.connect(self.export_report)

        self._go(FILE)
        resize_within_screen(self, 1100, 680)

    # -- frame ----------------------------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        step = self.step()
        self.back_button.setVisible(step in (MAPPING, PREVIEW))
        self.back_button.setEnabled(not self._busy)
        self.cancel_button.setVisible(step != SUMMARY)
        self.cancel_button.setEnabled(step != IMPORTING)
        self.next_button.setVisible(step != FILE)
        texts = {PREVIEW: self.tr("开始导入(&I)"), SUMMARY: self.tr("完成")}
        self.next_button.setText(texts.get(step, self.tr("下一步(&N)")))
        self.next_button.setEnabled(not self._busy and step != IMPORTING)
        # Enter chooses a file on step 1 and goes on everywhere else
        self.file_step.browse_button.setDefault(step == FILE)
        self.next_button.setDefault(step != FILE)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.mapping_step.setEnabled(not busy)
        self._update_buttons()

    def _run(self, work: Callable[[], T], done: Callable[[T], None], *, busy: str | None = None) -> None:
        """Background work with the wizard busy meanwhile; a failure is shown in the error banner."""
        self._set_busy(True)
        run_in_background(work, self._finished(done), self._failed, owner=self, busy=busy)

    def _run_reporting(
        self, work: Callable[[Reporter], T], done: Callable[[T], None], progress: Reporter
    ) -> None:
        """:meth:`_run` for work that reports its progress (the import itself)."""
        self._set_busy(True)
        run_in_background(work, self._finished(done), self._failed, owner=self, progress=progress)

    def _finished(self, done: Callable[[T], None]) -> Callable[[T], None]:
        def finished(result: T) -> None:
            self._set_busy(False)
            done(result)

        return finished

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False)
        if self.step() == IMPORTING:
            self._go(PREVIEW)
            self._show_error(fill(self.tr("导入失败，没有写入任何数据：%1"), error_text(exc)))
        elif self.step() == FILE:
            self.file_step.show_error(error_text(exc))
        else:
            self._show_error(error_text(exc))

    # -- step 1: the file -----------------------------------------------------------------------------------

    def _ask_open_path(self) -> Path | None:
        """Ask for the file to import (replaced in tests: no native dialog there)."""
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("选择要导入的文件"),
            str(self.path.parent if self.path else export_folder()),
            self.tr("表格文件 (*.xlsx *.xls *.csv);;所有文件 (*)"),
        )
        if not name:
            return None
        remember_folder(name)
        return Path(name)

    def browse(self) -> None:
        path = self._ask_open_path()
        if path is not None:
            self.choose_file(path)

    def choose_file(self, path: Path) -> None:
        """Read ``path`` in the background; on success show its columns (step 2), else say why not."""
        if self._busy:
            return
        self.path = chosen = Path(path)
        self._encoding = None
        if self.step() != FILE:
            self._go(FILE)
        self.file_step.show_reading(chosen)
        self._run(lambda: importer.inspect_file(chosen), self._inspected)

    def _inspected(self, inspection: Inspection) -> None:
        if not inspection.sheets:  # the reader refuses empty files; this only guards the indexing below
            self.file_step.show_error(self.tr("文件里没有任何工作表。"))
            return
        self.inspection = inspection
        self.plan = None
        self.file_step.clear_status()
        wanted = [s.name for s in inspection.sheets if s.kind is not None]
        self._sheet = wanted[0] if wanted else inspection.sheets[0].name
        self._refresh_mapping()
        self._go(MAPPING)

    # -- step 2: the mapping --------------------------------------------------------------------------------

    def _sheet_plan(self, name: str) -> SheetPlan:
        assert self.inspection is not None
        return self.inspection.sheet(name)

    def _refresh_mapping(self) -> None:
        inspection = self.inspection
        assert inspection is not None
        self.mapping_step.set_sheets([(s.name, s.kind, s.data_rows) for s in inspection.sheets], self._sheet)
        self.mapping_step.show_encoding(inspection.file_kind == "csv", inspection.encoding, self._encoding)
        self._show_sheet(self._sheet)

    def _show_sheet(self, name: str) -> None:
        if not name or self.inspection is None:
            return
        self._sheet = name
        sheet = self._sheet_plan(name)
        fields = importer.SHEET_FIELDS.get(sheet.kind, ()) if sheet.kind else ()
        self.mapping_step.show_sheet(
            sheet.kind,
            sheet.header_row + 1,  # the service counts from 0, the spreadsheet from 1
            sheet.headers,
            self.inspection.samples.get(name, []),
            sheet.mapping,
            fields,
            importer.FIELD_LABELS,
            sheet.data_rows,
        )
        self._show_missing()

    def _show_missing(self) -> None:
        """The service leaves out a sheet lacking a required column: say so while it can be fixed."""
        sheet = self._sheet_plan(self._sheet)
        missing = missing_required(sheet.kind, sheet.mapping.values()) if sheet.kind else []
        self.mapping_step.show_missing(missing)

    def _kind_changed(self, name: str, kind: str | None) -> None:
        """A sheet's kind changed: the importer guesses that kind's mapping afresh."""
        self._show_error("")
        if self.inspection is None:
            return
        sheet = self._sheet_plan(name)
        mapping = guess_mapping(kind, sheet.headers) if kind else {}
        # the service reads kind None as "keep the guess" and "" as "leave the sheet out"
        self.inspection = importer.with_mapping(self.inspection, name, mapping, kind or "")
        self._refresh_mapping()

    def _mapping_edited(self) -> None:
        """Keep the inspection in step with the table; a field chosen twice waits until it is resolved
        (the service refuses such a mapping, and the table already marks the clash)."""
        if self.inspection is None or self.mapping_step.has_conflicts():
            return
        self._show_error("")
        sheet = self._sheet_plan(self._sheet)
        self.inspection = importer.with_mapping(
            self.inspection, self._sheet, self.mapping_step.model.mapping(), sheet.kind or ""
        )
        self._show_missing()

    def _encoding_changed(self, encoding: str | None) -> None:
        """CSV: read the file again with the chosen encoding; the columns and samples are refreshed."""
        if self.path is None or self._busy:
            return
        self._encoding = encoding
        path = self.path

        def reinspected(inspection: Inspection) -> None:
            self.inspection = inspection
            self._refresh_mapping()

        self._run(lambda: importer.inspect_file(path, encoding=encoding), reinspected)

    def set_field(self, column: int, field: str, sheet: str | None = None) -> bool:
        """Map a column of ``sheet`` (default: the shown one) to ``field`` (also the tests' seam)."""
        if sheet is not None and sheet != self._sheet:
            self.mapping_step.sheet_combo.setCurrentIndex(self.mapping_step.sheet_combo.findData(sheet))
        return self.mapping_step.set_field(column, field)

    def set_kind(self, sheet: str, kind: str | None) -> None:
        self._kind_changed(sheet, kind)

    def _check_mapping(self) -> bool:
        if self.mapping_step.has_conflicts():
            self._show_error(self.tr("有字段对应了不止一列，请先修改标为橙色的列。"))
            return False
        self._mapping_edited()
        if self.inspection is None or not any(s.kind for s in self.inspection.sheets):
            self._show_error(self.tr("没有要导入的工作表：请在“内容”中选择工作表是什么（例如“患者”）。"))
            return False
        return True

    # -- step 3: the preview --------------------------------------------------------------------------------

    def _plan(self) -> None:
        db, inspection = self.db, self.inspection
        assert inspection is not None
        self._show_error("")
        self._run(
            lambda: importer.plan_import(db, inspection),
            self._planned,
            busy=self.tr("正在校验…"),
        )

    def _planned(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.preview_step.show_plan(plan, importer.FIELD_LABELS)
        self._go(PREVIEW)

    # -- step 4: the import ---------------------------------------------------------------------------------

    def start(self) -> None:
        """Import the previewed plan (one transaction), reporting progress to step 4."""
        db, plan = self.db, self.plan
        assert self.path is not None and plan is not None
        self._go(IMPORTING)
        self.progress_step.start(self.path.name, plan.rows)
        self._run_reporting(
            lambda report: importer.run_import(db, plan, progress=report),
            self._imported,
            progress=self.progress_step.report,
        )

    def _imported(self, summary: ImportSummary) -> None:
        self.summary = summary
        assert self.path is not None
        self.summary_step.show_summary(summary, self.path.name, importer.FIELD_LABELS)
        self._go(SUMMARY)
        self.imported.emit(summary)

    def show_metrics_status(self, done: bool, as_of: date | None = None, error: str = "") -> None:
        """What the owner's recompute after the import is doing (the page runs it: it outlives the wizard,
        which the user may close before the recompute ends)."""
        label = self.summary_step.metrics_status
        if not done:
            label.setText(self.tr("正在重新计算生命周期与价值分层…"))
        elif error:
            label.setText(fill(self.tr("指标更新失败：%1"), error))
        else:
            label.setText(fill(self.tr("✓ 指标已更新（截至 %1）"), as_of.isoformat() if as_of else ""))

    # -- step 5: the report ---------------------------------------------------------------------------------

    def _ask_save_path(self, title: str, suggested: str) -> Path | None:
        """Ask where to save (replaced in tests)."""
        start = export_folder() / suggested
        name, _filter = QFileDialog.getSaveFileName(self, title, str(start), self.tr("Excel 工作簿 (*.xlsx)"))
        if not name:
            return None
        remember_folder(name)
        path = Path(name)
        return path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")

    def export_report(self) -> None:
        """Save the skipped and noted rows on screen (the preview's or the import's) as Excel: the rows
        as the file wrote them plus a reason column, to fix and import on their own."""
        result = self.summary if self.step() == SUMMARY else self.plan
        panel = self.summary_step.issues if self.step() == SUMMARY else self.preview_step.issues
        inspection = self.plan.inspection if self.plan is not None else self.inspection
        if result is None or self.path is None or inspection is None:
            return
        suggested = fill(self.tr("%1_问题行.xlsx"), self.path.stem)
        target = self._ask_save_path(self.tr("导出问题行"), suggested)
        if target is None:
            return
        issues, db = list(result.issues), self.db
        rows = importer.problem_row_count(issues)
        # the problem rows are the file's own cells (names, phones): audited like any export
        run_in_background(
            lambda: write_audited(
                db,
                "import_report",
                target,
                lambda path: importer.write_problem_rows(inspection, issues, path),
                rows=rows,
            ),
            lambda _r: panel.show_report_saved(
                fill(self.tr("已保存 %1 行：%2（改好后单独导入这个文件）"), f"{rows:,}", str(target))
            ),
            lambda exc: panel.show_report_saved(fill(self.tr("保存失败：%1"), error_text(exc)), error=True),
            owner=self,
        )

    # -- navigation -----------------------------------------------------------------------------------------

    def next(self) -> None:
        if self._busy:
            return
        step = self.step()
        if step == MAPPING and self._check_mapping():
            self._plan()
        elif step == PREVIEW and self.plan is not None:
            self.start()
        elif step == SUMMARY:
            self.accept()

    def back(self) -> None:
        if self._busy:
            return
        if self.step() == MAPPING:
            self._go(FILE)
        elif self.step() == PREVIEW:
            self._go(MAPPING)

    def reject(self) -> None:
        if self.step() == IMPORTING:
            return  # the import is one transaction: it finishes or rolls back, it cannot be left half-way
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.step() == IMPORTING:
            event.ignore()
            return
        super().closeEvent(event)
