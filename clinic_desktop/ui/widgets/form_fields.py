"""The input fields the patient 360° forms are built from.

Small, keyboard-first widgets: the treatment catalogue with name and pinyin type-ahead, date edits that
Tab leaves in one press, score boxes that can say "not answered", and money typed as yuan.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QDateEdit, QDateTimeEdit, QSpinBox, QWidget

from clinic_desktop.core.money import format_yuan
from clinic_desktop.ui.widgets.dates import qdate, qdatetime

if TYPE_CHECKING:  # only a type here: the shared widgets must not pull in the services (and numpy) at start
    from clinic_desktop.services.patients import TreatmentOption

ERROR_STYLE = "color: #c62828;"
#: the text a catalogue entry is found by: its name, full pinyin and initials
SEARCH_ROLE = int(Qt.ItemDataRole.UserRole) + 1


class NameCompleter(QCompleter):
    """Matches on name and pinyin (``SEARCH_ROLE``) but inserts the name itself."""

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return str(index.data(Qt.ItemDataRole.DisplayRole))


class CatalogueCombo(QComboBox):
    """The treatment catalogue with type-ahead: part of a name ("牙") or its pinyin ("jy", "jieya") offers
    the matches, so a receptionist picks 洁牙 without switching the input method."""

    def __init__(self, parent: QWidget | None = None, *, optional: bool = False) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.optional = optional
        self._treatments: tuple[TreatmentOption, ...] = ()
        completer = NameCompleter(self.model(), self)
        completer.setCompletionRole(SEARCH_ROLE)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.setMinimumContentsLength(8)
        line = self.lineEdit()
        if line is not None:
            line.editingFinished.connect(self._show_resolved)

    def set_treatments(self, treatments: tuple[TreatmentOption, ...]) -> None:
        if treatments == self._treatments:
            return
        self._treatments = treatments
        text = self.currentText()
        self.clear()
        for i, t in enumerate(treatments):
            self.addItem(t.name, t.id)
            self.setItemData(i, f"{t.name} {t.pinyin_full} {t.pinyin_initials}", SEARCH_ROLE)
        self.setCurrentIndex(-1)
        self.setEditText(text)
        placeholder = self.tr("不填") if self.optional else self.tr("输入名称或拼音首字母")
        line = self.lineEdit()
        if line is not None:
            line.setPlaceholderText(placeholder)

    def _matches(self, text: str) -> list[TreatmentOption]:
        """Exact name first; else the one treatment whose pinyin or name the text identifies."""
        exact = [t for t in self._treatments if t.name == text]
        if exact:
            return exact
        key = text.lower().replace(" ", "")
        by_pinyin = [t for t in self._treatments if key in (t.pinyin_initials, t.pinyin_full)]
        if by_pinyin:
            return by_pinyin
        return [t for t in self._treatments if text in t.name or t.pinyin_full.startswith(key)]

    def _show_resolved(self) -> None:
        """Leaving the field with "jy" shows 洁牙, so what will be saved is what is seen."""
        text = self.currentText().strip()
        found = self._matches(text) if text else []
        if len(found) == 1 and found[0].name != text:
            self.setEditText(found[0].name)

    def treatment_id(self) -> int | None:
        """The chosen treatment's id; None when the text is blank. Raises ValueError if it names no
        single catalogue treatment."""
        text = self.currentText().strip()
        if not text:
            return None
        found = self._matches(text)
        if len(found) != 1:
            raise ValueError(text)
        self.setEditText(found[0].name)
        return found[0].id


class DateEdit(QDateEdit):
    """Tab leaves the field. (Qt's default walks year → month → day first, so a form needed three Tabs
    to get past a date; digits still fill the sections and arrow keys still move between them.)"""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


class DateTimeEdit(QDateTimeEdit):
    """Tab leaves the field, as in :class:`DateEdit`."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


def date_edit(day: date) -> QDateEdit:
    edit = DateEdit(qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def datetime_edit(moment: datetime) -> QDateTimeEdit:
    edit = DateTimeEdit(qdatetime(moment))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    return edit


def choice_combo(choices: list[tuple[str, str]], default: str) -> QComboBox:
    combo = QComboBox()
    for code, text in choices:
        combo.addItem(text, code)
    combo.setCurrentIndex(max(0, combo.findData(default)))
    return combo


def now_on(day: date) -> datetime:
    """The current time of day on ``day`` (the dialog's as-of date), to the minute."""
    return datetime.combine(day, datetime.now().time().replace(second=0, microsecond=0))


def score_box(low: int, high: int, default: int | None) -> QSpinBox:
    """A score; with ``default`` None the box starts at "–" (not answered), one below ``low``."""
    box = QSpinBox()
    if default is None:
        box.setRange(low - 1, high)
        box.setSpecialValueText("–")
        box.setValue(low - 1)
    else:
        box.setRange(low, high)
        box.setValue(default)
    return box


def score_of(box: QSpinBox) -> int | None:
    return None if box.specialValueText() and box.value() == box.minimum() else box.value()


def yuan_text(fen: int | None) -> str:
    """Fen as the plain yuan a money field shows ("1200.5", no ¥ and no thousands separator), so it
    parses back unchanged; None is an empty field."""
    return "" if fen is None else format_yuan(fen).lstrip("¥").replace(",", "")
