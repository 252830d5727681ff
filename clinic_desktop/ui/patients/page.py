"""The patients screen: the list, and the actions a receptionist takes on it — open, tag in bulk, and
record knowledge 认知 (PRODUCT §4.1) for every selected patient with one key: F7 懂行, F8 不太懂."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute
from clinic_desktop.services.patients import set_knowledge
from clinic_desktop.ui.patients.archive_actions import ArchiveButton
from clinic_desktop.ui.patients.contact_flags import ContactFlagsButton
from clinic_desktop.ui.widgets import error_text, run_in_background

#: asking before recording knowledge for more patients than this at once
CONFIRM_ABOVE = 20


class PatientsPage(QWidget):
    #: a patient's record was changed (metrics may have moved)
    dataChanged = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        from clinic_desktop.ui.patients.list_view import PatientListView

        super().__init__(parent)
        self.db = db
        self.new_patient_dialog: QWidget | None = None
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.new_button = QPushButton(self.tr("新建患者…"))
        self.new_button.setToolTip(
            self.tr("Ctrl+N；在搜索框中输入姓名或手机号后按 Enter，没有找到时也会新建")
        )
        self.open_button = QPushButton(self.tr("打开患者档案"))
        self.bulk_tag_button = QPushButton(self.tr("批量打标签…"))
        self.tags_button = QPushButton(self.tr("标签管理…"))
        self.expert_button = QPushButton(self.tr("记为懂行 (F7)"))
        self.novice_button = QPushButton(self.tr("记为不太懂 (F8)"))
        self.knowledge_status = QLabel()
        for button in (self.new_button, self.open_button, self.bulk_tag_button, self.tags_button):
            bar.addWidget(button)
        self.list = PatientListView(db, self)
        self.flags_button = ContactFlagsButton(db, self.list.selected_patient_ids, self)
        self.flags_button.flagsChanged.connect(self._changed)
        bar.addWidget(self.flags_button)
        self.archive_button = ArchiveButton(db, self.list.selected_patient_ids, self)
        self.archive_button.archivedChanged.connect(lambda ids: self._changed(ids, full=True))
        bar.addWidget(self.archive_button)
        bar.addSpacing(16)
        bar.addWidget(QLabel(self.tr("认知：")))
        for button in (self.expert_button, self.novice_button):
            bar.addWidget(button)
        bar.addWidget(self.knowledge_status)
        bar.addStretch(1)
        layout.addLayout(bar)
        layout.addWidget(self.list, 1)
        self.new_button.clicked.connect(lambda: self.new_patient())
        self.open_button.clicked.connect(self.open_selected)
        self.bulk_tag_button.clicked.connect(self.bulk_tag)
        self.tags_button.clicked.connect(self.manage_tags)
        self.expert_button.clicked.connect(lambda: self.record_knowledge("expert"))
        self.novice_button.clicked.connect(lambda: self.record_knowledge("novice"))
        for key, value in (("F7", "expert"), ("F8", "novice")):
            shortcut = QShortcut(
                QKeySequence(key), self.list, lambda value=value: self.record_knowledge(value)
            )
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # the list has the focus
        self.list.patientActivated.connect(self.open_patient)
        self.list.createRequested.connect(self.new_patient)
        QShortcut(QKeySequence("Ctrl+F"), self, self._focus_search)  # while this page is shown

    def reload(self) -> None:
        self.list.reload()

    def apply_role(self) -> None:
        self.list.apply_role()

    def _focus_search(self) -> None:
        self.list.search.setFocus()
        self.list.search.selectAll()

    def new_patient(self, text: str | None = None) -> None:
        """Open the new-patient form; ``text`` (what the search found nobody for) fills the name or phone.
        Without it, a search that found nobody still passes what it was."""
        from clinic_desktop.ui.patients.new_patient import NewPatientDialog

        if text is None:
            typed = self.list.search.text().strip()
            text = typed if typed and self.list.model.rowCount() == 0 else ""
        dialog = NewPatientDialog(self.db, self.list.service, self, text=text)
        dialog.created.connect(self._created)
        dialog.openPatientRequested.connect(self.open_patient)
        dialog.finished.connect(dialog.deleteLater)
        self.new_patient_dialog = dialog
        dialog.open()  # window-modal, without a nested event loop

    def _created(self, patient_id: int, open_after: bool) -> None:
        """Show the new patient in the list at once, then compute their stage (and everyone's ranks)."""
        self.list.refresh([patient_id], select=patient_id)
        self.dataChanged.emit()
        db, today = self.db, date.today()
        # a failed recompute (the database busy) only delays the stage: the window recomputes daily
        reload = self._changed
        run_in_background(
            lambda: recompute(db, today), lambda _r: reload([], full=True), lambda _e: None, owner=self
        )
        if open_after:
            self.open_patient(patient_id)

    def open_selected(self) -> None:
        ids = self.list.selected_patient_ids()
        if not ids:
            QMessageBox.information(self, self.tr("打开患者档案"), self.tr("请先在列表中选中一位患者。"))
            return
        self.open_patient(ids[0])

    def open_patient(self, patient_id: int) -> None:
        from clinic_desktop.ui.patients.detail import PatientDetailDialog

        dialog = PatientDetailDialog(self.db, patient_id, self)
        changed: list[int] = []
        dialog.patientChanged.connect(changed.append)
        dialog.exec()
        if changed:
            # metrics were recomputed for everyone (E is a rank): reload, not just this row
            self._changed(sorted(set(changed)), full=True)

    def bulk_tag(self) -> None:
        from clinic_desktop.ui.patients.tag_manager import BulkTagDialog

        ids = self.list.selected_patient_ids()
        if not ids:
            QMessageBox.information(self, self.tr("批量打标签"), self.tr("请先在列表中选中要打标签的患者。"))
            return
        dialog = BulkTagDialog(self.db, ids, self)
        if dialog.exec():
            self._changed(ids)

    def record_knowledge(self, value: str) -> None:
        """Record 懂行 / 不太懂 for the selected patients, then recompute (the segment follows it)."""
        ids = self.list.selected_patient_ids()
        word = self.tr("懂行") if value == "expert" else self.tr("不太懂")
        if not ids:
            self.knowledge_status.setText(self.tr("请先在列表中选中患者"))
            return
        if len(ids) > CONFIRM_ABOVE and not self._confirm(
            self.tr("把选中的 %1 位患者都记为“%2”？").replace("%1", f"{len(ids):,}").replace("%2", word)
        ):
            return
        db = self.db
        self.knowledge_status.setText(self.tr("正在记录…"))

        def work() -> int:
            changed = set_knowledge(db, ids, value)
            if changed:
                recompute(db, date.today())
            return changed

        def done(changed: int) -> None:
            self.knowledge_status.setText(
                self.tr("已将 %1 位患者记为“%2”").replace("%1", f"{changed:,}").replace("%2", word)
            )
            if changed:
                self._changed(ids, full=True)

        run_in_background(work, done, lambda exc: self.knowledge_status.setText(error_text(exc)), owner=self)

    def _confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self, self.tr("记录认知"), text)
        return answer == QMessageBox.StandardButton.Yes

    def manage_tags(self) -> None:
        from clinic_desktop.ui.patients.tag_manager import TagManagerDialog

        dialog = TagManagerDialog(self.db, self)
        dialog.tagsChanged.connect(self.list.reload)
        dialog.exec()

    def _changed(self, ids: list[int], *, full: bool = False) -> None:
        if full:
            self.list.reload()
        else:
            self.list.refresh(ids)
        self.dataChanged.emit()
