"""The patients screen: the list, and the actions a receptionist takes on it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QVBoxLayout, QWidget

from clinic_desktop.services.database import Database
from clinic_desktop.ui.patients.contact_flags import ContactFlagsButton


class PatientsPage(QWidget):
    #: a patient's record was changed (metrics may have moved)
    dataChanged = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        from clinic_desktop.ui.patients.list_view import PatientListView

        super().__init__(parent)
        self.db = db
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.open_button = QPushButton(self.tr("打开患者档案"))
        self.bulk_tag_button = QPushButton(self.tr("批量打标签…"))
        self.tags_button = QPushButton(self.tr("标签管理…"))
        for button in (self.open_button, self.bulk_tag_button, self.tags_button):
            bar.addWidget(button)
        self.list = PatientListView(db, self)
        self.flags_button = ContactFlagsButton(db, self.list.selected_patient_ids, self)
        self.flags_button.flagsChanged.connect(self._changed)
        bar.addWidget(self.flags_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        layout.addWidget(self.list, 1)
        self.open_button.clicked.connect(self.open_selected)
        self.bulk_tag_button.clicked.connect(self.bulk_tag)
        self.tags_button.clicked.connect(self.manage_tags)
        self.list.patientActivated.connect(self.open_patient)

    def reload(self) -> None:
        self.list.reload()

    def apply_role(self) -> None:
        self.list.apply_role()

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
