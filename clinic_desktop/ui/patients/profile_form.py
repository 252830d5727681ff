"""The profile tab of the patient 360° view: edit who the patient is, with the refusal shown at the field.

The form sends only the fields that actually changed (so saving a name never re-checks an untouched
phone, and a do-not-contact date is stamped only when that box really flipped). Validation is the
service's (:func:`clinic_desktop.services.patients.edits.update_profile`); the form shows its message
under the field it names, so the receptionist sees what to fix without a pop-up.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.core.phone import mask_phone
from clinic_desktop.services.patients import PatientRef, Profile
from clinic_desktop.ui.widgets import ERROR_STYLE

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _day_text(day: date | None) -> str:
    return day.isoformat() if day else ""


def _saved_values(p: Profile, referrer_phone: str) -> dict[str, Any]:
    """The profile as the form's fields show it (keys as ``update_profile`` takes them)."""
    return {
        "name": p.name,
        "gender": p.gender,
        "birth_date": _day_text(p.birth_date) or (p.birth_partial or ""),
        "lunar_birthday": p.lunar_birthday,
        "phone": p.phone or "",
        "landline": p.landline or "",
        "wechat": p.wechat or "",
        "address": p.address or "",
        "district": p.district or "",
        "occupation": p.occupation or "",
        "source": p.source or "",
        "referrer_phone": referrer_phone,
        "first_contact_date": _day_text(p.first_contact_date),
        "notes": p.notes or "",
        "do_not_contact": p.do_not_contact,
        "marketing_consent": p.marketing_consent,
        "guardian_consent": p.guardian_consent,
        "manual_vip": p.manual_vip,
    }


class ProfileForm(QWidget):
    #: the changed profile fields, keyed as ``update_profile`` expects
    saveRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._profile: Profile | None = None
        self._referrer_phone = ""
        self._errors: dict[str, QLabel] = {}
        self._inputs: dict[str, QWidget] = {}

        self.name = QLineEdit()
        self.gender = QComboBox()
        for code, text in ((None, self.tr("未填")), ("M", self.tr("男")), ("F", self.tr("女"))):
            self.gender.addItem(text, code)
        self.birth_date = QLineEdit()
        self.birth_date.setPlaceholderText(self.tr("YYYY-MM-DD；只知道年月或年份：YYYY-MM、YYYY"))
        # a whole date always shows: beside the lunar box in the narrower column it was cut to "-05-23"
        # in English, where the other column's texts are longer
        self.birth_date.setMinimumWidth(self.birth_date.fontMetrics().horizontalAdvance("0000-00-00") + 16)
        self.lunar_birthday = QCheckBox(self.tr("按农历过生日"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("11 位手机号，可不填"))
        self.landline = QLineEdit()
        self.landline.setPlaceholderText(self.tr("座机，如 0571-88886666，可不填"))
        self.wechat = QLineEdit()
        self.address = QLineEdit()
        self.district = QLineEdit()
        self.occupation = QLineEdit()
        self.source = QComboBox()
        self.source.setEditable(True)
        self.source.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.referrer_phone = QLineEdit()
        self.referrer_phone.setPlaceholderText(self.tr("介绍人的手机号"))
        self.referrer_name = QLabel()
        self.first_contact_date = QLineEdit()
        self.first_contact_date.setPlaceholderText("YYYY-MM-DD")
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(60)
        self.notes.setTabChangesFocus(True)
        self.do_not_contact = QCheckBox(self.tr("不出现在任何回访名单"))
        self.do_not_contact_at = QLabel()
        self.marketing_consent = QCheckBox(self.tr("同意接收营销信息"))
        self.marketing_consent_at = QLabel()
        self.guardian_consent = QCheckBox(self.tr("监护人已同意（未满 14 岁须有）"))
        self.guardian_consent.setToolTip(
            self.tr("未满 14 岁的患者，营销类名单只认监护人的同意；请记录由监护人作出的同意。")
        )
        self.guardian_consent_at = QLabel()
        self.manual_vip = QCheckBox(self.tr("手动标记 VIP"))

        left, right = QFormLayout(), QFormLayout()
        self._row(left, self.tr("姓名"), "name", self.name)
        self._row(left, self.tr("性别"), "gender", self.gender)
        self._row(left, self.tr("出生日期"), "birth_date", self._pair(self.birth_date, self.lunar_birthday))
        self._row(left, self.tr("手机"), "phone", self.phone)
        self._row(left, self.tr("座机"), "landline", self.landline)
        self._row(left, self.tr("微信"), "wechat", self.wechat)
        self._row(left, self.tr("地址"), "address", self.address)
        self._row(left, self.tr("区域"), "district", self.district)
        self._row(left, self.tr("职业"), "occupation", self.occupation)
        self._row(right, self.tr("来源渠道"), "source", self.source)
        self._row(
            right,
            self.tr("介绍人手机"),
            "referrer_phone",
            self._pair(self.referrer_phone, self.referrer_name),
        )
        self._row(right, self.tr("首次接触日期"), "first_contact_date", self.first_contact_date)
        self._row(
            right, self.tr("勿扰"), "do_not_contact", self._pair(self.do_not_contact, self.do_not_contact_at)
        )
        self._row(
            right,
            self.tr("营销同意"),
            "marketing_consent",
            self._pair(self.marketing_consent, self.marketing_consent_at),
        )
        self._row(
            right,
            self.tr("监护人同意"),
            "guardian_consent",
            self._pair(self.guardian_consent, self.guardian_consent_at),
        )
        self._row(right, self.tr("VIP"), "manual_vip", self.manual_vip)
        self._row(right, self.tr("备注"), "notes", self.notes)
        self._errors["referred_by_id"] = self._errors["referrer_phone"]
        self._inputs["referred_by_id"] = self.referrer_phone
        self._inputs.update(birth_date=self.birth_date, lunar_birthday=self.lunar_birthday)
        self._inputs.update(referrer_phone=self.referrer_phone)
        self._inputs.update(do_not_contact=self.do_not_contact, marketing_consent=self.marketing_consent)
        self._inputs.update(guardian_consent=self.guardian_consent)
        self._masked = False

        self.save_button = QPushButton(self.tr("保存资料"))
        self.save_button.setAutoDefault(False)
        self.save_button.setToolTip(self.tr("Ctrl+S 或在输入框中按 Enter"))
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setWordWrap(True)
        save = QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # only while this tab is shown

        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(16)
        columns.addLayout(right, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addStretch(1)
        layout.addLayout(buttons)

        for widget in (self.name, self.birth_date, self.phone, self.landline, self.wechat, self.address):
            widget.installEventFilter(self)
        for widget in (self.district, self.occupation, self.referrer_phone, self.first_contact_date):
            widget.installEventFilter(self)
        self.source.installEventFilter(self)  # an editable combo has the focus, not its line edit
        source_line = self.source.lineEdit()
        if source_line is not None:
            source_line.installEventFilter(self)

    def _pair(self, first: QWidget, second: QWidget) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(first, 1)
        row.addWidget(second)
        return box

    def _row(self, form: QFormLayout, label: str, key: str, widget: QWidget) -> None:
        """A form row whose field has an error line beneath it, hidden until the service refuses."""
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = QLabel()
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        column.addWidget(error)
        form.addRow(label, cell)
        self._errors[key] = error
        self._inputs[key] = widget

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in _ENTER:
            self.save()
            return True
        return super().eventFilter(watched, event)

    def set_sources(self, sources: tuple[str, ...]) -> None:
        text = self.source.currentText()
        self.source.clear()
        self.source.addItems(list(sources))
        self.source.setEditText(text)

    def set_profile(
        self,
        profile: Profile,
        referrer: PatientRef | None,
        referrer_phone: str | None,
        *,
        keep_edits: bool = False,
    ) -> None:
        """Show ``profile`` as saved. With ``keep_edits``, fields the receptionist has changed but not
        saved keep what she typed (a visit added meanwhile reloads the record; it must not wipe them)."""
        edited = set(self.changes()) if keep_edits else set()
        self._profile = profile
        self._referrer_phone = referrer_phone or ""
        for key, value in _saved_values(profile, self._referrer_phone).items():
            if key not in edited:
                self._show_value(key, value)
        self.referrer_name.setText(referrer.name if referrer else "")
        self.do_not_contact_at.setText(self._since(profile.do_not_contact_at))
        self.marketing_consent_at.setText(self._since(profile.marketing_consent_at))
        self.guardian_consent_at.setText(self._since(profile.guardian_consent_at))
        if self._masked:
            self.phone.setText(mask_phone(profile.phone) if profile.phone else "")
            self.landline.setText(mask_phone(profile.landline) if profile.landline else "")
            self.referrer_phone.setText(mask_phone(self._referrer_phone) if self._referrer_phone else "")
        if not edited:
            self._clear_field_errors()

    def mask_phones(self, masked: bool) -> None:
        """Staff, when the owner asked: phones show as 138****1234 and cannot be edited (an edit would
        need the number it hides); the saved numbers stay as they are."""
        self._masked = masked
        for edit in (self.phone, self.landline, self.referrer_phone):
            edit.setReadOnly(masked)

    def _since(self, when: date | datetime | None) -> str:
        if when is None:
            return ""
        text = when.strftime("%Y-%m-%d %H:%M") if isinstance(when, datetime) else when.isoformat()
        return self.tr("变更于 %1").replace("%1", text)

    def _show_value(self, key: str, value: Any) -> None:
        widget = self._inputs[key]
        if isinstance(widget, QLineEdit):
            widget.setText(value)
            widget.setCursorPosition(0)  # a long address shows its start (the district), not its room
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value)
        elif isinstance(widget, QCheckBox):
            widget.setChecked(value)
        elif widget is self.gender:
            self.gender.setCurrentIndex(max(0, self.gender.findData(value)))
        elif widget is self.source:
            self.source.setEditText(value)

    def _shown_values(self) -> dict[str, Any]:
        return {
            "name": self.name.text(),
            "gender": self.gender.currentData(),
            "birth_date": self.birth_date.text(),
            "lunar_birthday": self.lunar_birthday.isChecked(),
            "phone": self.phone.text(),
            "landline": self.landline.text(),
            "wechat": self.wechat.text(),
            "address": self.address.text(),
            "district": self.district.text(),
            "occupation": self.occupation.text(),
            "source": self.source.currentText(),
            "referrer_phone": self.referrer_phone.text(),
            "first_contact_date": self.first_contact_date.text(),
            "notes": self.notes.toPlainText(),
            "do_not_contact": self.do_not_contact.isChecked(),
            "marketing_consent": self.marketing_consent.isChecked(),
            "guardian_consent": self.guardian_consent.isChecked(),
            "manual_vip": self.manual_vip.isChecked(),
        }

    def changes(self) -> dict[str, Any]:
        """The fields whose shown value differs from the saved profile (texts compared trimmed)."""
        if self._profile is None:
            return {}
        saved = _saved_values(self._profile, self._referrer_phone)

        def norm(value: Any) -> Any:
            return value.strip() if isinstance(value, str) else value

        shown = self._shown_values()
        if self._masked:  # the fields show a mask, not the number: nothing to compare
            shown.update(
                phone=saved["phone"], landline=saved["landline"], referrer_phone=saved["referrer_phone"]
            )
        return {key: value for key, value in shown.items() if norm(value) != norm(saved[key])}

    def save(self) -> None:
        self.clear_errors()
        changes = self.changes()
        if not changes:
            self.message.setText(self.tr("没有需要保存的修改"))
            return
        self.saveRequested.emit(changes)

    def _clear_field_errors(self) -> None:
        for label in self._errors.values():
            label.clear()
            label.hide()

    def clear_errors(self) -> None:
        self._clear_field_errors()
        self.message.clear()
        self.message.setStyleSheet("")

    def show_error(self, text: str, field: str | None) -> None:
        label = self._errors.get(field or "")
        if label is None:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(text)
            return
        label.setText(text)
        label.show()
        widget = self._inputs.get(field or "")
        if widget is not None:
            widget.setFocus()

    def show_saved(self) -> None:
        self.message.setStyleSheet("")
        self.message.setText(self.tr("资料已保存"))
