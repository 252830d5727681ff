"""Fields of the new-patient form that a receptionist fills without the mouse or the input method.

Gender is one digit (1 男, 2 女, 0 未填 — or M/F): a drop-down of Chinese words cannot be typed into
without switching the input method. The birth date field takes every way a date is written and a birth
known only to the month or the year (``1985-03``, ``1985``: the age is known, the birthday is not, so
nothing is invented — PRODUCT §7.2); the line under it says what will be saved (``36 岁``, ``只知年月``)
as the digits arrive, using the service's own reading (:func:`clinic_desktop.services.patients.read_birth`,
no database), so the form never promises what the save would refuse.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from clinic_desktop.core.dates import age_on, birth_for_age
from clinic_desktop.services.patients import read_birth
from clinic_desktop.ui.widgets import ERROR_STYLE, error_text

__all__ = ["BirthField", "GenderBox"]

_GENDER_KEYS = {
    Qt.Key.Key_1: "M",
    Qt.Key.Key_M: "M",
    Qt.Key.Key_2: "F",
    Qt.Key.Key_F: "F",
    Qt.Key.Key_0: None,
}


class GenderBox(QComboBox):
    """未填 / 男 / 女; the keys 1 (or M), 2 (or F) and 0 choose without opening the list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for code, text in ((None, self.tr("未填")), ("M", self.tr("男")), ("F", self.tr("女"))):
            self.addItem(text, code)
        self.setToolTip(self.tr("按 1 或 M：男；2 或 F：女；0：未填"))

    def code(self) -> str | None:
        value = self.currentData()
        return value if isinstance(value, str) else None

    def set_code(self, code: str | None) -> None:
        self.setCurrentIndex(max(0, self.findData(code)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier == Qt.KeyboardModifier.NoModifier
        key = Qt.Key(event.key())
        if plain and key in _GENDER_KEYS:
            self.set_code(_GENDER_KEYS[key])
            return
        super().keyPressEvent(event)


class BirthField(QLineEdit):
    """A birth date as typed, with a line (``hint``) saying what it will be saved as."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.setPlaceholderText(self.tr("如 1990-05-03、19900503；只知年月或年份：1985-03、1985"))
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.hide()
        self.textChanged.connect(lambda _text: self.update_hint(final=False))
        self.editingFinished.connect(lambda: self.update_hint(final=True))

    def update_hint(self, *, final: bool) -> bool:
        """Say what will be saved; a refusal is said only once the field is left (``final``), not while
        the digits are still coming. Returns False when the text would be refused."""
        text = self.text().strip()
        self.hint.setStyleSheet("")
        self.hint.show()
        if not text:
            self.hint.clear()
            self.hint.hide()  # no empty line under an empty field
            return True
        try:
            day, partial = read_birth(text, self.today)
        except ValueError as exc:
            if final:
                self.hint.setStyleSheet(ERROR_STYLE)
                self.hint.setText(error_text(exc))
            else:
                self.hint.clear()
                self.hint.hide()
            return False
        birth = birth_for_age(day, partial)
        age = "" if birth is None else self.tr("%1 岁").replace("%1", str(age_on(birth, self.today)))
        if day is not None:
            self.hint.setText(f"{day.isoformat()} · {age}")
        elif partial is not None and len(partial) == 7:
            self.hint.setText(self.tr("%1 · 只知年月：生日未知，不进生日名单").replace("%1", age))
        else:
            self.hint.setText(self.tr("%1 · 只知年份：生日未知，不进生日名单").replace("%1", age))
        return True
