"""Pick a patient by typing: the referrer of a new patient (介绍人), found as the list finds anyone.

It asks the patient list's in-memory snapshot — the same ranked search as the search box (exact phone,
phone tail, name or pinyin prefix, contains), a few milliseconds at 100,000 patients — and offers the
best eight under the field. Down and Enter (or a click) pick one; the field then shows the name and
the line beside it the phone, so two 张伟 cannot be confused. Typing again forgets the pick.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit, QWidget

from clinic_desktop.services.patients import PatientFilter, PatientList, PatientRow
from clinic_desktop.ui.access import shown_phone

__all__ = ["PatientPicker"]

_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
_SHOWN = 8  # best matches offered


class PatientPicker(QLineEdit):
    """A line edit that resolves to one patient id (or none)."""

    #: the picked patient's id, or None when the pick was cleared by typing
    picked = Signal(object)

    def __init__(self, patients: PatientList | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.patients = patients
        self.patient_id: int | None = None
        self.setPlaceholderText(self.tr("输入姓名、拼音首字母或手机号，按 ↓ 选择"))
        self.chosen = QLabel()  # who was picked, beside the field
        self._rows: dict[int, PatientRow] = {}
        self._model = QStandardItemModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setWidget(self)
        self._completer.activated[QModelIndex].connect(self._activated)  # type: ignore[index]
        self.textEdited.connect(self._edited)

    def matches(self, text: str) -> list[PatientRow]:
        """The best matches for ``text`` among the patients who are not archived."""
        if self.patients is None or not text.strip():
            return []
        result = self.patients.query(PatientFilter(text=text), "name")
        return [result.row(i) for i in range(min(result.count, _SHOWN))]

    def resolve(self) -> int | None:
        """The picked id; else the one patient the text matches; raises ValueError when it matches
        several or none (the caller says so at the field)."""
        if self.patient_id is not None or not self.text().strip():
            return self.patient_id
        found = self.matches(self.text())
        if len(found) == 1:
            self._pick(found[0])
            return found[0].id
        raise ValueError(
            self.tr("找不到这位介绍人，请检查输入")
            if not found
            else self.tr("有多位患者符合，请按 ↓ 从列表中选择介绍人")
        )

    def clear_pick(self) -> None:
        self.clear()
        self._forget()

    def _edited(self, text: str) -> None:
        self._forget()
        self._offer(text)

    def _forget(self) -> None:
        if self.patient_id is not None:
            self.patient_id = None
            self.picked.emit(None)
        self.chosen.clear()

    def _offer(self, text: str) -> None:
        self._model.clear()
        self._rows = {}
        for row in self.matches(text):
            item = QStandardItem(f"{row.name}    {self._phone(row)}".rstrip())
            item.setData(row.id, _ID_ROLE)
            self._model.appendRow(item)
            self._rows[row.id] = row
        if self._model.rowCount():
            self._completer.complete()
        else:
            popup = self._completer.popup()
            if popup is not None:
                popup.hide()

    def _activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        row = self._rows.get(int(index.data(_ID_ROLE)))
        if row is not None:
            self._pick(row)

    def _pick(self, row: PatientRow) -> None:
        self.setText(row.name)
        self.patient_id = row.id
        self.chosen.setText(self._phone(row) or self.tr("无手机号"))
        self.picked.emit(row.id)

    def _phone(self, row: PatientRow) -> str:
        """As this screen may show it (masked for staff when the owner asked)."""
        return shown_phone(self.patients.db.access, row.phone) if self.patients is not None else ""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Down opens the matches again (after Esc, or when the field was left and re-entered)."""
        if event.key() == Qt.Key.Key_Down and self.patient_id is None and self.text().strip():
            self._offer(self.text())
            return
        super().keyPressEvent(event)
