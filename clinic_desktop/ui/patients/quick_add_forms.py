"""Quick-add forms for a visit, an interaction, an appointment, a survey and a contact outcome.

A receptionist records these while the patient stands at the desk or is on the phone, so each form is a
single row that works from the keyboard alone: fields in tab order, Enter in any field submits, dates
default to today, the treatment is picked from the catalogue by typing part of its name. The field most
entries start with is the first one, where the cursor lands when the tab opens (Ctrl+3…7); a date that
defaults to today sits last, out of the way but one Shift+Tab from the start (issue 13: the cursor used to
land on a third field, so what was typed first went somewhere unexpected). A form does not
write anything itself: it emits ``submitted`` with the keyword arguments of the matching service write
(:mod:`clinic_desktop.services.patients.history`), and the dialog runs that write off the GUI thread and
calls back :meth:`QuickAddForm.succeeded` or :meth:`QuickAddForm.show_error`.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QPushButton, QWidget

from clinic_desktop.ui import widgets as labels
from clinic_desktop.ui.widgets import (
    ERROR_STYLE,
    CatalogueCombo,
    choice_combo,
    date_edit,
    datetime_edit,
    day_of,
    error_text,
    moment_of,
    now_on,
    qdatetime,
    score_box,
    score_of,
)

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class QuickAddForm(QWidget):
    """One row of labelled fields, an "添加" button and an inline error line."""

    #: keyword arguments for the service write
    submitted = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(8)
        self._fields: dict[str, QWidget] = {}
        self._order: list[QWidget] = []
        self.add_button = QPushButton(self.tr("添加"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.submit)
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()

    def _field(self, key: str, label: str, widget: QWidget, stretch: int = 0) -> None:
        """Place ``label`` above ``widget`` in the next column; remember it for tab order and errors."""
        column = len(self._order)
        caption = QLabel(label)
        caption.setBuddy(widget)
        self._grid.addWidget(caption, 0, column)
        self._grid.addWidget(widget, 1, column)
        self._grid.setColumnStretch(column, stretch)
        self._fields[key] = widget
        self._order.append(widget)
        # An editable combo has the focus itself and hands keys to its line edit directly (past any
        # filter on the line edit), so Enter is watched on the combo, and on the line edit too.
        widget.installEventFilter(self)
        line = widget.lineEdit() if isinstance(widget, QComboBox) and widget.isEditable() else None
        if line is not None:
            line.installEventFilter(self)

    def _finish(self) -> None:
        """Add the button and error line after the fields; tab order follows the fields left to right."""
        column = len(self._order)
        self._grid.addWidget(self.add_button, 1, column)
        self._grid.addWidget(self.error_label, 2, 0, 1, column + 1)
        for first, second in zip([*self._order], [*self._order[1:], self.add_button], strict=True):
            QWidget.setTabOrder(first, second)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in _ENTER:
            self.submit()
            return True
        return super().eventFilter(watched, event)

    def first_field(self) -> QWidget:
        """Where the cursor goes when the tab opens and after each entry: the first field (each form puts
        the field most entries start with there)."""
        return self._order[0]

    def submit(self) -> None:
        if not self.isEnabled():
            return
        self.clear_error()
        try:
            payload = self.payload()
        except ValueError as exc:
            self.show_error(error_text(exc), getattr(exc, "field", None))
            return
        self.submitted.emit(payload)

    def payload(self) -> dict[str, Any]:
        raise NotImplementedError

    def clear_inputs(self) -> None:
        """Empty the fields that differ per entry; dates and staff stay for the next one."""

    def succeeded(self) -> None:
        self.clear_error()
        self.clear_inputs()
        self.first_field().setFocus()

    def clear_error(self) -> None:
        self.error_label.clear()
        self.error_label.hide()

    def show_error(self, text: str, field: str | None = None) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        widget = self._fields.get(field or "")
        if widget is not None:
            widget.setFocus()

    def _treatment(self, combo: CatalogueCombo, *, required: bool) -> int | None:
        try:
            found = combo.treatment_id()
        except ValueError:
            raise _FieldError(
                self.tr("项目不在项目目录中（或有多个匹配），请从列表中选择"), "treatment"
            ) from None
        if found is None and required:
            raise _FieldError(self.tr("请选择项目"), "treatment")
        return found


class _FieldError(ValueError):
    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


class VisitForm(QuickAddForm):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date_edit = date_edit(today)
        self.date_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        self.treatment = CatalogueCombo()
        self.amount = QLineEdit()
        self.amount.setPlaceholderText("0.00")
        self.coupon = QLineEdit()
        self.staff = QLineEdit()
        self._field("treatment", self.tr("项目"), self.treatment, 2)
        self._field("amount", self.tr("金额（元）"), self.amount, 1)
        self._field("coupon", self.tr("优惠券/活动"), self.coupon, 1)
        self._field("staff", self.tr("员工"), self.staff, 1)
        self._field("visit_date", self.tr("日期"), self.date_edit)
        self._finish()

    def payload(self) -> dict[str, Any]:
        return {
            "visit_date": day_of(self.date_edit),
            "treatment": self._treatment(self.treatment, required=True),
            "amount": self.amount.text(),
            "coupon": self.coupon.text(),
            "staff": self.staff.text(),
        }

    def clear_inputs(self) -> None:
        self.treatment.setCurrentIndex(-1)
        self.treatment.setEditText("")
        self.amount.clear()
        self.coupon.clear()


class InteractionForm(QuickAddForm):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.when = datetime_edit(now_on(today))
        self.kind = choice_combo(labels.choices(labels.INTERACTION_KINDS), "consult")
        self.detail = QLineEdit()
        self.detail.setPlaceholderText(self.tr("例如：咨询种植牙价格"))
        self._field("kind", self.tr("类型"), self.kind)
        self._field("detail", self.tr("内容"), self.detail, 3)
        self._field("occurred_at", self.tr("时间"), self.when)
        self._finish()

    def payload(self) -> dict[str, Any]:
        return {
            "occurred_at": moment_of(self.when),
            "kind": self.kind.currentData(),
            "detail": self.detail.text(),
        }

    def clear_inputs(self) -> None:
        self.detail.clear()
        self.when.setDateTime(qdatetime(now_on(self.today)))


class AppointmentForm(QuickAddForm):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Appointments are mostly made for a coming day; 09:00 tomorrow is one key press from most.
        self.when = datetime_edit(datetime.combine(today + timedelta(days=1), time(9, 0)))
        self.treatment = CatalogueCombo(optional=True)
        self.status = choice_combo(labels.choices(labels.APPOINTMENT_STATUSES), "booked")
        self._field("scheduled_at", self.tr("时间"), self.when)
        self._field("treatment", self.tr("项目"), self.treatment, 2)
        self._field("status", self.tr("状态"), self.status)
        self._finish()

    def payload(self) -> dict[str, Any]:
        return {
            "scheduled_at": moment_of(self.when),
            "treatment": self._treatment(self.treatment, required=False),
            "status": self.status.currentData(),
        }

    def clear_inputs(self) -> None:
        self.treatment.setCurrentIndex(-1)
        self.treatment.setEditText("")


class SurveyForm(QuickAddForm):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date_edit = date_edit(today)
        self.date_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        self.overall = score_box(1, 5, 5)
        self.nps = score_box(0, 10, None)
        self.dimensions = {
            name: score_box(1, 5, None) for name in ("service", "result", "environment", "price")
        }
        self.comment = QLineEdit()
        self._field("overall", self.tr("总体(1–5)"), self.overall)
        self._field("nps", self.tr("NPS(0–10)"), self.nps)
        captions = {
            "service": self.tr("服务"),
            "result": self.tr("效果"),
            "environment": self.tr("环境"),
            "price": self.tr("价格"),
        }
        for name, box in self.dimensions.items():
            self._field(name, captions[name], box)
        self._field("comment", self.tr("评论"), self.comment, 3)
        self._field("survey_date", self.tr("日期"), self.date_edit)
        self._finish()

    def payload(self) -> dict[str, Any]:
        scores = {name: score_of(box) for name, box in self.dimensions.items()}
        return {
            "survey_date": day_of(self.date_edit),
            "overall": self.overall.value(),
            "nps": score_of(self.nps),
            "comment": self.comment.text(),
            **scores,
        }

    def clear_inputs(self) -> None:
        self.overall.setValue(5)
        for box in (self.nps, *self.dimensions.values()):
            box.setValue(box.minimum())
        self.comment.clear()


class ContactForm(QuickAddForm):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.when = datetime_edit(now_on(today))
        self.channel = choice_combo(labels.choices(labels.CONTACT_CHANNELS), "phone")
        self.purpose = choice_combo(labels.choices(labels.CONTACT_PURPOSES), "recall")
        self.outcome = choice_combo(labels.choices(labels.CONTACT_OUTCOMES), "reached")
        self.staff = QLineEdit()
        self.note = QLineEdit()
        self._field("purpose", self.tr("目的"), self.purpose)
        self._field("outcome", self.tr("结果"), self.outcome)
        self._field("channel", self.tr("渠道"), self.channel)
        self._field("note", self.tr("备注"), self.note, 2)
        self._field("staff", self.tr("员工"), self.staff, 1)
        self._field("contacted_at", self.tr("时间"), self.when)
        self._finish()
        self.outcome.currentIndexChanged.connect(self._warn_do_not_contact)

    def _warn_do_not_contact(self) -> None:
        """Say before saving what "勿扰" does, since it takes the patient off every call list."""
        if self.outcome.currentData() == "do_not_contact":
            self.error_label.setText(self.tr("提示：保存后该患者将被标记为勿扰，不再出现在任何回访名单中。"))
            self.error_label.show()
        else:
            self.clear_error()

    def payload(self) -> dict[str, Any]:
        return {
            "contacted_at": moment_of(self.when),
            "channel": self.channel.currentData(),
            "purpose": self.purpose.currentData(),
            "outcome": self.outcome.currentData(),
            "staff": self.staff.text(),
            "note": self.note.text(),
        }

    def clear_inputs(self) -> None:
        self.note.clear()
        self.outcome.setCurrentIndex(max(0, self.outcome.findData("reached")))
        self.when.setDateTime(qdatetime(now_on(self.today)))
