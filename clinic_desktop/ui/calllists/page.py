"""The call-list screen (PRODUCT §5): pick a kind and a day, generate, work the list, print it.

The receptionist works a list from the keyboard: the table keeps the focus, 1–5 marks the selected row's
outcome (1 接通, 2 未接, 3 已预约, 4 拒绝, 5 勿扰 — 勿扰 asks first) and selects the next row. The row shows
its outcome at once, in grey until the contact-log row is written; the writes go one after another
through the single database worker (:class:`~clinic_desktop.ui.calllists.list_writer.ListWriter`), so fast
typing never races itself.

*When a list is saved:* a generated list stays a draft until it is worked — the first outcome, an Excel
export, or 保存名单 stores it (``services.calllists.save_list_rows`` / ``save_and_export_rows``). Looking at
lists therefore never clutters 历史名单; every list anyone called from, or printed, is there to reopen and
continue.

Beside the rows, :class:`~clinic_desktop.ui.calllists.exclusions.ExclusionsPanel` shows who the contact
policy left out and why. The Excel questions and the campaign and rule dialogs live in their own modules.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.core.access import Permission
from clinic_desktop.services.calllists import (
    BuiltList,
    OutcomesSummary,
    SavedList,
    SavedListInfo,
    build_list,
    import_outcomes,
    load_saved,
    saved_lists,
)
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import stored_as_of
from clinic_desktop.ui.access import shown_phone
from clinic_desktop.ui.calllists import excel_files
from clinic_desktop.ui.calllists.exclusions import ExclusionsPanel
from clinic_desktop.ui.calllists.list_state import ListContext, ListState
from clinic_desktop.ui.calllists.list_writer import ListWriter
from clinic_desktop.ui.calllists.models import CallRowsModel
from clinic_desktop.ui.calllists.outcome_bar import CurrentCallCard, OutcomeBar, OutcomeKeysTable
from clinic_desktop.ui.calllists.rules_dialog import CallListRulesDialog
from clinic_desktop.ui.calllists.toolbar import KindPicker
from clinic_desktop.ui.widgets import day_of, day_picker, error_text, fill, pick, qdate, run_in_background


class CallListsPage(QWidget):
    """Generate, work, save, export and reopen call lists."""

    #: contact-log rows were written (a patient's last contact, maybe their do-not-contact flag, moved)
    contactsRecorded = Signal()
    # a list was exported to this .xlsx (the first-day guide ticks "print today's first call list")
    listExported = Signal(Path)

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, today: Callable[[], date] = date.today
    ) -> None:
        super().__init__(parent)
        self.db = db
        self._today = today
        self.state: ListState | None = None
        self.writer = ListWriter(db, self)
        self.writer.listSaved.connect(self._list_saved)
        self.picker = KindPicker(db, self)
        self.as_of = day_picker(today())
        self.generate_button = QPushButton(self.tr("生成名单"))
        self.generate_button.setDefault(True)
        self.generate_button.setStyleSheet("QPushButton { font-weight: bold; padding: 4px 16px; }")
        self.generate_button.clicked.connect(self.generate)
        self.past_lists = QComboBox()
        self.past_lists.setMinimumWidth(260)
        self.past_lists.setPlaceholderText(self.tr("（暂无保存的名单）"))
        self.open_button = QPushButton(self.tr("打开"))
        self.open_button.clicked.connect(self.open_selected_list)

        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.title.setFont(font)
        self.status = QLabel()
        self.status.setStyleSheet("color: #616161;")
        self.status.setWordWrap(True)
        self.save_button = QPushButton(self.tr("保存名单"))
        self.export_button = QPushButton(self.tr("导出 Excel…"))
        self.import_button = QPushButton(self.tr("导入结果…"))
        self.rules_button = QPushButton(self.tr("回访规则…"))
        self.save_button.clicked.connect(self.save_list)
        self.export_button.clicked.connect(self.export_list)
        self.import_button.clicked.connect(self.import_results)
        self.rules_button.clicked.connect(self.edit_rules)

        self.model = CallRowsModel(self, phone=lambda p: shown_phone(db.access, p))
        self.table = OutcomeKeysTable(self)
        self._build_table()
        self.card = CurrentCallCard(self)
        self.card.phone_text = lambda p: shown_phone(db.access, p)
        self.bar = OutcomeBar(self)
        self.bar.outcomeChosen.connect(self.mark)
        self.bar.note.returnPressed.connect(self.table.setFocus)
        self.table.outcomeKey.connect(self.mark)
        self.exclusions = ExclusionsPanel(db, self.context, self)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("截至")))
        top.addWidget(self.as_of)
        top.addWidget(self.generate_button)
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("历史名单")))
        top.addWidget(self.past_lists)
        top.addWidget(self.open_button)
        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addWidget(self.status, 1)
        for button in (self.save_button, self.export_button, self.import_button, self.rules_button):
            heading.addWidget(button)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addLayout(heading)
        left_box.addWidget(self.table, 1)
        left_box.addWidget(self.card)
        left_box.addWidget(self.bar)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.exclusions)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([880, 260])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self._show_state()
        self.reload_past_lists()

    def _build_table(self) -> None:
        table = self.table
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 12)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        width = table.fontMetrics().horizontalAdvance
        samples = (
            "999",
            "欧阳娜娜",
            "13812345678",
            "复购用户",
            "A · 4.40",
            "2026-11-20",
            "",
            "",
            "2026-11-20",
            "已预约 …",
        )
        for column, sample in enumerate(samples):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            header.resizeSection(column, max(width(sample), width(title)) + 14)
        header.resizeSection(CallRowsModel.REASON, width("洁牙已满6个月（上次") + 14)
        header.setSectionResizeMode(CallRowsModel.SCRIPT, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(36)
        table.selectionModel().currentRowChanged.connect(lambda *_: self._show_card())
        self.model.dataChanged.connect(lambda *_: self._show_card())
        self.model.modelReset.connect(self._show_card)
        table.doubleClicked.connect(lambda index: self.open_patient(index.row()))

    # --- the list on screen -------------------------------------------------------------------------------

    def context(self) -> ListContext | None:
        return None if self.state is None else self.state.context()

    def as_of_day(self) -> date:
        return day_of(self.as_of)

    def _show_state(self) -> None:
        state, rows = self.state, self.model.rowCount()
        has_rows = state is not None and rows > 0
        self.bar.set_enabled(has_rows)
        self.save_button.setEnabled(state is not None and state.list_id is None and rows > 0)
        self.export_button.setEnabled(has_rows)
        self.bar.set_progress(self.model.done_count(), rows)
        if state is None:
            self.title.setText(self.tr("回访名单"))
            self.status.setText(self.tr("选择名单类型和日期，点击“生成名单”。"))
            return
        label = self.picker.kind_label(state.kind)
        self.title.setText(fill(self.tr("%1 · %2 · %3 位"), label, state.as_of.isoformat(), f"{rows:,}"))
        reason = state.built.empty_reason if state.built is not None else None  # why nobody is on it
        if rows == 0 and reason is not None:
            self.status.setText(pick(reason))
        elif rows == 0:
            self.status.setText(self.tr("没有需要联系的患者。右侧列出了被排除的患者及原因。"))
        elif state.list_id is None:
            self.status.setText(self.tr("草稿：标记第一个结果或导出时自动保存"))
        else:
            self.status.setText(fill(self.tr("已保存（名单 #%1）"), state.list_id))

    def _show_card(self) -> None:
        row = self.current_row()
        if row is None or row >= self.model.rowCount():
            self.card.show_row(None, "", "", None)
            return
        stage = str(self.model.index(row, CallRowsModel.STAGE).data() or "")
        ers = str(self.model.index(row, CallRowsModel.ERS).data() or "")
        self.card.show_row(self.model.call_row(row), stage, ers, self.model.outcome(row))

    def generate(self) -> None:
        """Build the chosen kind of list as of the chosen day (computing metrics fresh if not stored).

        The metrics' date is read first (off the GUI thread, like everything from the database): the
        progress message says whether the wait includes a recompute."""
        kind, as_of = self.picker.kind(), self.as_of_day()
        params = self.picker.params()
        if params is None:
            return  # a campaign kind without a campaign chosen: the picker said so
        self.generate_button.setEnabled(False)
        db = self.db
        run_in_background(
            lambda: stored_as_of(db),
            lambda stored: self._build(kind, as_of, params, fresh=stored != as_of),
            self._failed,
            owner=self,
        )

    def _build(self, kind: str, as_of: date, params: dict[str, object], *, fresh: bool) -> None:
        busy = self.tr("正在计算…（需要按所选日期重新计算指标）") if fresh else self.tr("正在生成名单…")
        db = self.db

        def shown(built: BuiltList) -> None:
            self._generated(ListState(kind, as_of, dict(params), built=built))

        run_in_background(
            lambda: build_list(db, kind, as_of, params=dict(params)),
            shown,
            self._failed,
            busy=busy,
            owner=self,
        )

    def _generated(self, state: ListState) -> None:
        built = state.built
        assert built is not None
        self.generate_button.setEnabled(True)
        self.state = state
        self.model.set_rows(built.rows)
        self.exclusions.set_exclusions(built.excluded_counts, built.excluded)
        self._show_state()
        self._select(0)

    def _select(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, 0)
            flags = QItemSelectionModel.SelectionFlag
            self.table.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
            self.table.scrollTo(index)
        self.table.setFocus()

    def _failed(self, exc: Exception) -> None:
        self.generate_button.setEnabled(True)
        QMessageBox.warning(self, self.tr("回访名单"), fill(self.tr("操作失败：%1"), error_text(exc)))

    # --- working the list ---------------------------------------------------------------------------------

    def current_row(self) -> int | None:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else None

    def mark(self, outcome: str) -> None:
        """Record ``outcome`` for the selected row (a contact-log row), then select the next row."""
        row, state = self.current_row(), self.state
        if row is None or state is None:
            return
        call_row = self.model.call_row(row)
        if outcome == "do_not_contact" and not self._confirm_do_not_contact(call_row.name):
            self.table.setFocus()
            return
        note, key = self.bar.take_note(), call_row.row_key
        previous = self.model.outcome(row)
        self.model.set_outcome(key, outcome, pending=True)
        self.bar.set_progress(self.model.done_count(), self.model.rowCount())
        self._select(row + 1 if row + 1 < self.model.rowCount() else row)
        self.writer.record(
            state,
            key,
            outcome,
            note,
            lambda: self._recorded(key, outcome),
            lambda exc: self._record_failed(key, previous, exc),
        )

    def _confirm_do_not_contact(self, name: str) -> bool:
        """Ask before flagging a patient do-not-contact (replaced in tests)."""
        answer = QMessageBox.question(
            self,
            self.tr("设为勿扰"),
            fill(self.tr("将“%1”设为勿扰？\n今后所有回访名单都不会再出现这位患者。"), name),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _recorded(self, key: str, outcome: str) -> None:
        self.model.set_outcome(key, outcome)
        self.bar.set_progress(self.model.done_count(), self.model.rowCount())
        self.reload_past_lists()
        self.contactsRecorded.emit()

    def _record_failed(self, key: str, previous: str | None, exc: Exception) -> None:
        self.model.set_outcome(key, previous)
        self.bar.set_progress(self.model.done_count(), self.model.rowCount())
        self._failed(exc)

    def open_patient(self, row: int) -> None:
        from clinic_desktop.ui.patients import PatientDetailDialog

        if 0 <= row < self.model.rowCount():
            dialog = PatientDetailDialog(self.db, self.model.call_row(row).patient_id, self)
            dialog.exec()

    # --- saving, past lists, Excel ------------------------------------------------------------------------

    def save_list(self) -> None:
        state = self.state
        if state is None:
            return
        self.writer.save(state, lambda: None, self._failed, busy=self.tr("正在保存名单…"))

    def _list_saved(self) -> None:
        """The list on screen is stored now (by 保存名单, its first outcome or an export)."""
        self._show_state()
        self.reload_past_lists()

    def reload_past_lists(self) -> None:
        db = self.db
        run_in_background(lambda: saved_lists(db), self._show_past_lists, lambda _e: None, owner=self)

    def _show_past_lists(self, infos: list[SavedListInfo]) -> None:
        on_screen = self.state.list_id if self.state is not None else None
        current = on_screen if on_screen is not None else self.past_lists.currentData()
        self.past_lists.clear()
        for info in infos:
            percent = round(100 * info.done / info.rows) if info.rows else 0
            text = fill(
                self.tr("%1 · %2 · %3 位 · 已完成 %4%"),
                self.picker.kind_label(info.kind),
                info.as_of.isoformat(),
                f"{info.rows:,}",
                percent,
            )
            self.past_lists.addItem(text, info.id)
        self.past_lists.setCurrentIndex(max(0, self.past_lists.findData(current)) if infos else -1)
        self.open_button.setEnabled(bool(infos))

    def open_selected_list(self) -> None:
        list_id = self.past_lists.currentData()
        if list_id is not None:
            self.open_list(int(list_id))

    def open_list(self, list_id: int) -> None:
        """Reopen a saved list with its outcomes so far, to continue where the desk left off."""
        db = self.db
        run_in_background(
            lambda: load_saved(db, list_id),
            self._opened,
            self._failed,
            busy=self.tr("正在打开名单…"),
            owner=self,
        )

    def _opened(self, saved: SavedList) -> None:
        info = saved.info
        state = ListState(info.kind, info.as_of, info.params or None)
        state.saved_as(info.id, {r.row_key: r.row_id for r in saved.rows if r.row_id is not None})
        by_id = {r.row_id: r.row_key for r in saved.rows}
        outcomes = {by_id[row_id]: o for row_id, o in saved.outcomes.items() if row_id in by_id}
        self.state = state
        self.picker.set_kind(info.kind)  # the controls say what is on screen
        self.as_of.setDate(qdate(info.as_of))
        self.model.set_rows(saved.rows, outcomes)
        self.exclusions.clear(self.tr("排除明细只在生成名单时显示；重新生成可再次查看。"))
        self._show_state()
        first_open = next((i for i in range(self.model.rowCount()) if self.model.outcome(i) is None), 0)
        self._select(first_open)

    # --- Excel --------------------------------------------------------------------------------------------

    def export_list(self) -> None:
        """Ask where to write the printed list, then write it (storing a draft first) off the GUI thread."""
        state = self.state
        if state is None or self.model.rowCount() == 0:
            return
        answer = self._ask_export()
        if answer is None:
            return
        path, mask = answer
        busy = QCoreApplication.translate("CallListActions", "正在导出 Excel…")
        self.writer.export(state, path, mask, self._exported, self._failed, busy=busy)

    def _exported(self, written: Path) -> None:
        self._show_state()
        self.reload_past_lists()
        self.status.setText(fill(QCoreApplication.translate("CallListActions", "已导出到 %1"), str(written)))
        self.listExported.emit(written)

    def _ask_export(self) -> tuple[Path, bool] | None:
        """Ask where to write the .xlsx and whether to mask phones (replaced in tests)."""
        state = self.state
        assert state is not None
        return excel_files.ask_export(self, self.picker.kind_label(state.kind), state.as_of)

    def import_results(self) -> None:
        """Read the outcomes written on a printed list back in, then show them on that list."""
        path = self._ask_import_path()
        if path is None:
            return
        db = self.db
        run_in_background(
            lambda: import_outcomes(db, path),
            self._imported,
            self._failed,
            busy=QCoreApplication.translate("CallListActions", "正在导入回访结果…"),
            owner=self,
        )

    def _imported(self, summary: OutcomesSummary) -> None:
        self.show_import_summary(summary)
        self.reload_past_lists()
        list_id = summary.list_id
        if list_id is None and self.state is not None:
            list_id = self.state.list_id
        if list_id is not None and summary.recorded:
            self.open_list(list_id)  # show the imported outcomes on the list's rows
        self.contactsRecorded.emit()

    def _ask_import_path(self) -> Path | None:
        """Ask for the filled-in .xlsx (replaced in tests)."""
        return excel_files.ask_import_path(self)

    def show_import_summary(self, summary: OutcomesSummary) -> None:
        """Tell what an import did (replaced in tests)."""
        excel_files.show_import_summary(self, summary)

    def apply_role(self) -> None:
        """Phones as the acting role may see them (repaint); the rules are a setting: the owner's."""
        self.rules_button.setEnabled(self.db.access.may(Permission.CHANGE_SETTINGS))
        for model in (self.model, self.exclusions.excluded):
            if model.rowCount():
                model.dataChanged.emit(
                    model.index(0, 0), model.index(model.rowCount() - 1, model.columnCount() - 1)
                )
        self._show_card()

    def edit_rules(self) -> None:
        CallListRulesDialog(self.db, self).exec()
