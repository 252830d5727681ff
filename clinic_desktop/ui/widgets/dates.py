"""Between Qt's date types and Python's: the date a date edit shows, and the ``QDate`` of a day.

Written once here because every screen with a day picker needs both directions (the call list's as-of
day, the patient list's last-visit range, a campaign's visit window, the dashboard's cohort).
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def qdatetime(moment: datetime) -> QDateTime:
    return QDateTime(qdate(moment.date()), QTime(moment.hour, moment.minute))


def day_of(edit: QDateEdit) -> date:
    """The day ``edit`` shows."""
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def moment_of(edit: QDateTimeEdit) -> datetime:
    """The moment ``edit`` shows, to the minute."""
    value = edit.dateTime()
    day, time = value.date(), value.time()
    return datetime(day.year(), day.month(), day.day(), time.hour(), time.minute())


def day_picker(day: date) -> QDateEdit:
    """A ``yyyy-MM-dd`` date edit with a calendar pop-up, showing ``day``."""
    edit = QDateEdit(qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit
