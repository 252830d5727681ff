"""What the call-list screen does besides showing rows: save a draft list, record an outcome, export the
printed list, import the filled-in sheet, open the rule settings.

:func:`ensure_saved` and :func:`record` run on the database worker (never touching a widget); the rest
run on the GUI thread and hand their slow part to :func:`~clinic_desktop.ui.widgets.tasks.run_in_background`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QStandardPaths
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

from clinic_desktop.services.database import Database
from clinic_desktop.ui.widgets import fill, run_in_background, user_message

if TYPE_CHECKING:
    from clinic_desktop.ui.calllists.page import CallListsPage

_MAX_ERRORS_SHOWN = 12


def error_text(problem: object) -> str:
    """A service error (or an import issue) in the UI language: the ``zh``/``en`` pair of CallListError,
    SpecError, MoneyError, OutcomeIssue… when it has one, else the matching half of "中文 / English"."""
    zh, en = getattr(problem, "zh", None), getattr(problem, "en", None)
    if isinstance(zh, str) and isinstance(en, str):
        return user_message(ValueError(f"{zh} / {en}"))
    return user_message(problem) if isinstance(problem, Exception) else str(problem)


@dataclass
class ListState:
    """The list on screen. The worker thread fills ``list_id``/``row_ids`` when it saves the list; tasks
    run one at a time, so each write sees the ids the previous one stored."""

    kind: str
    as_of: date
    params: dict[str, Any] | None
    built: Any = None  #: the BuiltList while it is a draft (None for a reopened list)
    list_id: int | None = None
    row_ids: dict[str, int] = field(default_factory=dict)  #: row_key → call_list_rows.id


# --- on the worker -----------------------------------------------------------------------------------------


def ensure_saved(db: Database, state: ListState) -> int:
    """Store a draft list (once) and learn its rows' database ids; returns the list id."""
    from clinic_desktop.services.calllists import load_saved, save_list

    if state.list_id is None:
        list_id = save_list(db, state.built)
        saved = load_saved(db, list_id)
        state.row_ids = {r.row_key: int(r.row_id) for r in saved.rows if r.row_id is not None}
        state.list_id = list_id
    return state.list_id


def record(db: Database, state: ListState, row_key: str, outcome: str, note: str | None) -> None:
    """One outcome → one contact-log row (勿扰 also flags the patient), saving the list first if needed."""
    from clinic_desktop.services.calllists import record_outcome

    ensure_saved(db, state)
    record_outcome(db, state.row_ids[row_key], outcome, note=note)


# --- export ------------------------------------------------------------------------------------------------


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

    def values(self) -> tuple[Path, bool]:
        text = self.path.text().strip()
        return Path(text if text.lower().endswith(".xlsx") else text + ".xlsx"), self.mask_phones.isChecked()


def _documents() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()


def suggested_name(kind_label: str, as_of: date) -> str:
    return fill(
        QCoreApplication.translate("CallListActions", "回访名单_%1_%2.xlsx"), kind_label, as_of.isoformat()
    )


def ask_export(page: CallListsPage) -> tuple[Path, bool] | None:
    """Ask where to export (the page's ``_ask_export`` calls this; tests replace that)."""
    state = page.state
    assert state is not None
    dialog = ExportDialog(
        _documents() / suggested_name(page.picker.kind_label(state.kind), state.as_of), page
    )
    return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


def export_list(page: CallListsPage) -> None:
    state = page.state
    if state is None or page.model.rowCount() == 0:
        return
    answer = page._ask_export()
    if answer is None:
        return
    path, mask = answer
    db = page.db

    def work() -> Path:
        from clinic_desktop.services.calllists import export_list as write

        list_id = ensure_saved(db, state)
        return Path(write(db, list_id, path, mask_phone=mask))

    def done(written: Path) -> None:
        page._show_state()
        page.reload_past_lists()
        page.status.setText(fill(QCoreApplication.translate("CallListActions", "已导出到 %1"), str(written)))

    run_in_background(
        work,
        done,
        page._failed,
        busy=(page, QCoreApplication.translate("CallListActions", "正在导出 Excel…")),
        owner=page,
    )


# --- import ------------------------------------------------------------------------------------------------


def ask_import_path(parent: QWidget) -> Path | None:
    chosen, _filter = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("CallListActions", "导入回访结果"),
        str(_documents()),
        QCoreApplication.translate("CallListActions", "Excel 工作簿 (*.xlsx)"),
    )
    return Path(chosen) if chosen else None


def import_results(page: CallListsPage) -> None:
    path = page._ask_import_path()
    if path is None:
        return
    db = page.db

    def work() -> Any:
        from clinic_desktop.services.calllists import import_outcomes

        return import_outcomes(db, path)

    def done(summary: Any) -> None:
        page.show_import_summary(summary)
        page.reload_past_lists()
        list_id = getattr(summary, "list_id", None)
        if list_id is None and page.state is not None:
            list_id = page.state.list_id
        if list_id is not None and summary.recorded:
            page.open_list(list_id)  # show the imported outcomes on the list's rows
        page.contactsRecorded.emit()

    run_in_background(
        work,
        done,
        page._failed,
        busy=(page, QCoreApplication.translate("CallListActions", "正在导入回访结果…")),
        owner=page,
    )


def summary_text(summary: Any) -> str:
    """What an import did, in words: rows read, outcomes recorded, rows not called yet, patients now
    勿扰, and the first problems by spreadsheet row (each with its reason)."""
    lines = [
        fill(
            QCoreApplication.translate("CallListActions", "读取 %1 行，记录 %2 条联系结果。"),
            f"{summary.rows:,}",
            f"{summary.recorded:,}",
        )
    ]
    if getattr(summary, "blank", 0):
        text = QCoreApplication.translate("CallListActions", "%1 行未填写结果（尚未联系），已跳过。")
        lines.append(fill(text, f"{summary.blank:,}"))
    if getattr(summary, "do_not_contact", 0):
        text = QCoreApplication.translate("CallListActions", "%1 位患者已设为勿扰。")
        lines.append(fill(text, f"{summary.do_not_contact:,}"))
    issues = list(getattr(summary, "issues", ()))
    if issues:
        lines.append(fill(QCoreApplication.translate("CallListActions", "%1 行未导入："), f"{len(issues):,}"))
        for issue in issues[:_MAX_ERRORS_SHOWN]:
            text = QCoreApplication.translate("CallListActions", "第 %1 行：%2")
            lines.append(fill(text, issue.row, error_text(issue)))
        if len(issues) > _MAX_ERRORS_SHOWN:
            text = QCoreApplication.translate("CallListActions", "……另有 %1 行")
            lines.append(fill(text, len(issues) - _MAX_ERRORS_SHOWN))
    return "\n".join(lines)


def show_import_summary(parent: QWidget, summary: Any) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle(QCoreApplication.translate("CallListActions", "导入回访结果"))
    box.setIcon(
        QMessageBox.Icon.Warning if getattr(summary, "issues", None) else QMessageBox.Icon.Information
    )
    box.setText(summary_text(summary))
    box.exec()


# --- rules -------------------------------------------------------------------------------------------------


def edit_rules(page: CallListsPage) -> None:
    from clinic_desktop.ui.calllists.rules_dialog import CallListRulesDialog

    CallListRulesDialog(page.db, page).exec()
