"""新建患者: register a walk-in from the keyboard in a few seconds (issue 13 item 1).

Opened from the patient page (button, Ctrl+N anywhere) or from a search with no match, with what was typed
already in the name or the phone field. Every field is one Tab from the next and Enter saves from any of
them (in the tag box Enter adds the tag first; Ctrl+Enter saves and opens the patient's record). The phone
is checked as soon as it is a whole number: a number that already belongs to someone says who, and
Ctrl+O opens that patient instead of creating a duplicate. The form only collects: validation and the
write are :func:`clinic_desktop.services.patients.create_patient`'s, run off the GUI thread, and a
refusal is shown under the field it names.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.core.phone import normalize_phone
from clinic_desktop.core.pinyin_keys import search_keys
from clinic_desktop.services.database import Database
from clinic_desktop.services.patients import (
    DuplicatePhone,
    FormOptions,
    PatientList,
    PhoneHolder,
    RecordError,
    create_patient,
    load_options,
    phone_holder,
)
from clinic_desktop.ui.patients.patient_picker import PatientPicker
from clinic_desktop.ui.patients.person_fields import BirthField, GenderBox
from clinic_desktop.ui.patients.tag_entry import PendingTags
from clinic_desktop.ui.widgets import ERROR_STYLE, SEARCH_ROLE, NameCompleter, error_text, run_in_background

__all__ = ["NewPatientDialog", "split_search_text"]


def split_search_text(text: str) -> tuple[str, str]:
    """(name, phone) to start the form with, from what was typed into the search box: digits (with the
    separators people type) are a phone, anything else a name."""
    text = text.strip()
    digits = "".join(ch for ch in text if ch not in " -+()")
    if text and (normalize_phone(text) is not None or (digits.isdigit() and len(digits) >= 3)):
        return "", text
    return text, ""


class _SourceBox(QComboBox):
    """The source channels in use, found by name or pinyin (``dy`` → 抖音); a new channel may be typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = NameCompleter(self.model(), self)
        completer.setCompletionRole(SEARCH_ROLE)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        self._keys: dict[str, tuple[str, str]] = {}
        line = self.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("如 抖音、朋友介绍；可输拼音首字母"))
            line.editingFinished.connect(self.resolve)

    def set_sources(self, sources: tuple[str, ...]) -> None:
        text = self.currentText()
        self.clear()
        self._keys = {s: search_keys(s) for s in sources}
        for i, source in enumerate(sources):
            self.addItem(source)
            self.setItemData(i, f"{source} {' '.join(self._keys[source])}", SEARCH_ROLE)
        self.setCurrentIndex(-1)
        self.setEditText(text)

    def resolve(self) -> str:
        """The channel meant: the text itself, or the one channel whose pinyin it is (``dy`` → 抖音)."""
        text = self.currentText().strip()
        key = text.lower().replace(" ", "")
        if text and text not in self._keys:
            found = [s for s, keys in self._keys.items() if key in keys]
            if len(found) == 1:
                self.setEditText(found[0])
                return found[0]
        return text


class NewPatientDialog(QDialog):
    #: (the new patient's id, whether to open their record now)
    created = Signal(int, bool)
    #: the receptionist chose to open the patient who already has the phone typed
    openPatientRequested = Signal(int)

    def __init__(
        self,
        db: Database,
        patients: PatientList | None = None,
        parent: QWidget | None = None,
        *,
        text: str = "",
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today or date.today()
        self.holder: PhoneHolder | None = None
        self._busy = False
        self._checks = 0  # phone checks started; only the latest one's answer counts
        self.setWindowTitle(self.tr("新建患者"))
        self._errors: dict[str, QLabel] = {}
        self._inputs: dict[str, QWidget] = {}

        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("必填"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("11 位手机号，可不填"))
        self.gender = GenderBox()
        self.birth = BirthField(self.today)
        self.lunar = QCheckBox(self.tr("农历生日"))
        self.source = _SourceBox()
        self.referrer = PatientPicker(patients)
        self.tags = PendingTags()
        self.consent = QCheckBox(self.tr("同意接收营销信息（记为今天）"))
        self.do_not_contact = QCheckBox(self.tr("勿扰：不进任何回访名单"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # In the order a walk-in is registered; gender beside the name (one digit), consent right after
        # the source (asked at the desk), the rarer referrer and tags last.
        gender_label = QLabel(self.tr("性别"))
        gender_label.setBuddy(self.gender)
        gender_keys = QLabel(self.tr("1 男 · 2 女"))
        gender_keys.setStyleSheet("color: palette(mid);")
        name_row = self._beside(self.name, gender_label, self.gender, gender_keys)
        self._row(form, self.tr("姓名"), "name", name_row)
        self._row(form, self.tr("手机"), "phone", self.phone, self._holder_box())
        birth = self._beside(self.birth, self.lunar)
        self._row(form, self.tr("出生日期"), "birth_date", birth, self.birth.hint)
        self._row(form, self.tr("来源渠道"), "source", self.source)
        flags = self._beside(self.consent, self.do_not_contact)
        self._row(form, self.tr("营销同意"), "marketing_consent", flags)
        referrer = self._beside(self.referrer, self.referrer.chosen)
        self._row(form, self.tr("介绍人"), "referred_by_id", referrer)
        self._row(form, self.tr("标签"), "tags", self.tags)
        self._errors["do_not_contact"] = self._errors["marketing_consent"]
        self._errors["gender"] = self._errors["name"]
        self._inputs.update(
            name=self.name,
            gender=self.gender,
            birth_date=self.birth,
            marketing_consent=self.consent,
            do_not_contact=self.do_not_contact,
            referred_by_id=self.referrer,
        )

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.save_button = QPushButton(self.tr("保存（Enter）"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(lambda: self.save(open_after=False))
        self.save_open_button = QPushButton(self.tr("保存并打开档案（Ctrl+Enter）"))
        self.save_open_button.setAutoDefault(False)
        self.save_open_button.clicked.connect(lambda: self.save(open_after=True))
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.save_button, self.save_open_button, self.cancel_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(buttons)
        order = [self.name, self.gender, self.phone, self.birth, self.lunar, self.source, self.consent]
        order += [self.do_not_contact, self.referrer, self.tags.box, self.save_button]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, lambda: self.save(open_after=True))
        QShortcut(QKeySequence("Ctrl+O"), self, self.open_holder)
        self.tags.submitRequested.connect(lambda: self.save(open_after=False))
        self.phone.textChanged.connect(self._check_phone)
        self.resize(620, self.sizeHint().height())
        self._start_with(text)
        run_in_background(lambda: load_options(db), self._options_loaded, lambda _exc: None, owner=self)

    # --- building ------------------------------------------------------------------------------------

    def _beside(self, first: QWidget, *others: QWidget) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(first, 1)
        for widget in others:
            row.addWidget(widget)
        return box

    def _row(self, form: QFormLayout, label: str, key: str, field: QWidget, *below: QWidget) -> None:
        """A field with what belongs under it and an error line, hidden until the service refuses."""
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(field)
        for widget in below:
            column.addWidget(widget)
        error = QLabel()
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        column.addWidget(error)
        form.addRow(label, cell)
        self._errors[key] = error
        self._inputs[key] = field

    def _holder_box(self) -> QFrame:
        """Who already has the phone typed, and a way to open them instead."""
        self.holder_box = QFrame()
        self.holder_box.setObjectName("phoneHolder")
        self.holder_box.setStyleSheet(
            "#phoneHolder { background: #fff8e1; border: 1px solid #ffca28; border-radius: 4px; }"
        )
        self.holder_label = QLabel()
        self.holder_label.setWordWrap(True)
        self.open_holder_button = QPushButton(self.tr("打开该患者（Ctrl+O）"))
        self.open_holder_button.setAutoDefault(False)
        self.open_holder_button.clicked.connect(self.open_holder)
        column = QVBoxLayout(self.holder_box)
        column.setContentsMargins(8, 4, 8, 4)
        column.addWidget(self.holder_label)
        column.addWidget(self.open_holder_button, 0, Qt.AlignmentFlag.AlignRight)
        self.holder_box.hide()
        return self.holder_box

    def _start_with(self, text: str) -> None:
        """What was typed into the search goes where it belongs; the cursor goes to the next field."""
        name, phone = split_search_text(text)
        self.name.setText(name)
        self.phone.setText(phone)
        (self.phone if name else self.name).setFocus()

    def _options_loaded(self, options: FormOptions) -> None:
        self.source.set_sources(options.sources)
        self.tags.set_options([t.name for t in options.tags if t.rule is None])

    # --- the phone -----------------------------------------------------------------------------------

    def _check_phone(self, text: str) -> None:
        """Ask who has this number once it is a whole mobile number (off the GUI thread)."""
        self._checks += 1
        check = self._checks
        if normalize_phone(text) is None:
            self._show_holder(None)
            return
        db = self.db

        def answered(holder: PhoneHolder | None) -> None:
            if check == self._checks:
                self._show_holder(holder)

        run_in_background(lambda: phone_holder(db, text), answered, lambda _exc: None, owner=self)

    def _show_holder(self, holder: PhoneHolder | None) -> None:
        self.holder = holder
        if holder is None:
            self.holder_box.hide()
            return
        text = (
            self.tr("手机号 %1 已属于已归档的患者 %2，不能重复登记。")
            if holder.archived
            else self.tr("手机号 %1 已属于患者 %2，不能重复登记。")
        )
        self.holder_label.setText(text.replace("%1", holder.phone).replace("%2", holder.name))
        self.open_holder_button.setText(self.tr("打开 %1 的档案（Ctrl+O）").replace("%1", holder.name))
        self.holder_box.show()

    def open_holder(self) -> None:
        """Open the patient who has the phone, instead of registering a duplicate."""
        if self.holder is not None:
            self.openPatientRequested.emit(self.holder.id)
            self.reject()

    # --- saving --------------------------------------------------------------------------------------

    def fields(self) -> dict[str, Any]:
        """What ``create_patient`` takes (raises ValueError, with ``field``, for an unresolved referrer)."""
        try:
            referrer = self.referrer.resolve()
        except ValueError as exc:
            exc.field = "referred_by_id"  # type: ignore[attr-defined]
            raise
        return {
            "name": self.name.text(),
            "phone": self.phone.text(),
            "gender": self.gender.code(),
            "birth_date": self.birth.text(),
            "lunar_birthday": self.lunar.isChecked(),
            "source": self.source.resolve(),
            "referred_by_id": referrer,
            "marketing_consent": self.consent.isChecked(),
            "do_not_contact": self.do_not_contact.isChecked(),
        }

    def save(self, *, open_after: bool = False) -> None:
        if self._busy:
            return
        self._clear_errors()
        self.tags.add_typed()  # a tag typed but not yet added counts
        try:
            fields = self.fields()
        except ValueError as exc:
            self.show_error(error_text(exc), getattr(exc, "field", None))
            return
        db, today, tags = self.db, self.today, list(self.tags.names)
        self._busy = True
        self.message.setStyleSheet("")
        self.message.setText(self.tr("正在保存…"))

        def done(patient_id: int) -> None:
            self._busy = False
            self.accept()  # closed first: opening the record then is not a dialog over this one
            self.created.emit(patient_id, open_after)

        def refused(exc: Exception) -> None:
            self._busy = False
            self.message.clear()
            if isinstance(exc, DuplicatePhone):  # the box says who, with the way to open them
                number = normalize_phone(str(fields["phone"])) or str(fields["phone"])
                self._show_holder(PhoneHolder(exc.patient_id, exc.name, number, exc.archived))
                self.phone.setFocus()
            elif isinstance(exc, RecordError):
                self.show_error(error_text(exc), exc.field)
            else:
                self.show_error(self.tr("保存失败：%1").replace("%1", error_text(exc)), None)

        run_in_background(
            lambda: create_patient(db, fields, tags=tags, today=today), done, refused, owner=self
        )

    def _clear_errors(self) -> None:
        for label in self._errors.values():
            label.clear()
            label.hide()
        self.message.clear()

    def show_error(self, text: str, field: str | None) -> None:
        """Under the field the refusal names (and the cursor there), else at the bottom."""
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
