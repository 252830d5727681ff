"""Qt table models over the rows of a patient record (visits, interactions, appointments, surveys, contacts).

Each model only declares its columns on :class:`~clinic_desktop.ui.widgets.table_model.TableModel` — a
header, the text shown, and the raw value it sorts by (``SORT_ROLE``: dates as dates, money as fen), so
"¥1,200" never sorts before "¥300". A patient has tens to hundreds of such rows, so the models hold them
all and sort in place; the 100,000-row patient list is a different story (it sorts in SQL).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Protocol, TypeVar

from PySide6.QtCore import QObject, Qt

from clinic_desktop.core.money import format_yuan
from clinic_desktop.services.patients import AppointmentRow, ContactRow, InteractionRow, SurveyRow, VisitRow
from clinic_desktop.ui import widgets as labels
from clinic_desktop.ui.widgets import RIGHT, SORT_ROLE, Column, TableModel

__all__ = [
    "ID_ROLE",
    "SORT_ROLE",
    "AppointmentsModel",
    "ContactsModel",
    "InteractionsModel",
    "SurveysModel",
    "VisitsModel",
]

#: the row's database id, for actions on the selected row
ID_ROLE = int(Qt.ItemDataRole.UserRole) + 2


class _Record(Protocol):
    @property
    def id(self) -> int: ...


R = TypeVar("R")
Rec = TypeVar("Rec", bound=_Record)


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _moment(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M")


def _score(value: int | None) -> str:
    return "–" if value is None else str(value)


def _column(
    header: str, text: Callable[[R], str], key: Callable[[R], object], numeric: bool = False
) -> Column[R]:
    """A record column: cut-off long texts show in full as a tooltip; numbers read right-aligned."""

    def long_text(row: R) -> str | None:
        shown = text(row)
        return shown if len(shown) > 20 else None

    return Column(header, text, sort=key, align=RIGHT if numeric else None, tooltip=long_text)


class _RecordModel(TableModel[Rec]):
    """Read-only rows of one kind; ``set_rows`` replaces them (a reload), ``sort`` reorders in place."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__((), parent)
        self.set_columns(self.columns())

    def columns(self) -> tuple[Column[Rec], ...]:
        raise NotImplementedError

    def cell_data(self, row: Rec, column: int, role: int) -> object:
        return row.id if role == ID_ROLE else None


class VisitsModel(_RecordModel[VisitRow]):
    def columns(self) -> tuple[Column[VisitRow], ...]:
        return (
            _column(self.tr("日期"), lambda v: _day(v.visit_date), lambda v: v.visit_date),
            _column(self.tr("项目"), lambda v: v.treatment or "", lambda v: v.treatment or ""),
            _column(self.tr("金额"), lambda v: format_yuan(v.amount_fen), lambda v: v.amount_fen, True),
            _column(self.tr("优惠券"), lambda v: v.coupon or "", lambda v: v.coupon or ""),
            _column(self.tr("员工"), lambda v: v.staff or "", lambda v: v.staff or ""),
        )


class InteractionsModel(_RecordModel[InteractionRow]):
    def columns(self) -> tuple[Column[InteractionRow], ...]:
        return (
            _column(self.tr("时间"), lambda i: _moment(i.occurred_at), lambda i: i.occurred_at),
            Column(
                self.tr("类型"),
                lambda i: labels.label(labels.INTERACTION_KINDS, i.kind),
                lambda i: labels.label(labels.INTERACTION_KINDS, i.kind),
            ),
            _column(self.tr("内容"), lambda i: i.detail or "", lambda i: i.detail or ""),
        )


class AppointmentsModel(_RecordModel[AppointmentRow]):
    def columns(self) -> tuple[Column[AppointmentRow], ...]:
        return (
            _column(self.tr("时间"), lambda a: _moment(a.scheduled_at), lambda a: a.scheduled_at),
            _column(self.tr("项目"), lambda a: a.treatment or "", lambda a: a.treatment or ""),
            Column(
                self.tr("状态"),
                lambda a: labels.label(labels.APPOINTMENT_STATUSES, a.status),
                lambda a: labels.label(labels.APPOINTMENT_STATUSES, a.status),
            ),
        )


class SurveysModel(_RecordModel[SurveyRow]):
    def columns(self) -> tuple[Column[SurveyRow], ...]:
        return (
            _column(self.tr("日期"), lambda s: _day(s.survey_date), lambda s: s.survey_date),
            _column(self.tr("总体"), lambda s: str(s.overall), lambda s: s.overall, True),
            _column(self.tr("NPS"), lambda s: _score(s.nps), lambda s: s.nps, True),
            _column(self.tr("服务"), lambda s: _score(s.service), lambda s: s.service, True),
            _column(self.tr("效果"), lambda s: _score(s.result), lambda s: s.result, True),
            _column(self.tr("环境"), lambda s: _score(s.environment), lambda s: s.environment, True),
            _column(self.tr("价格"), lambda s: _score(s.price), lambda s: s.price, True),
            _column(self.tr("评论"), lambda s: s.comment or "", lambda s: s.comment or ""),
        )


class ContactsModel(_RecordModel[ContactRow]):
    def columns(self) -> tuple[Column[ContactRow], ...]:
        return (
            _column(self.tr("时间"), lambda c: _moment(c.contacted_at), lambda c: c.contacted_at),
            Column(
                self.tr("渠道"),
                lambda c: labels.label(labels.CONTACT_CHANNELS, c.channel),
                lambda c: labels.label(labels.CONTACT_CHANNELS, c.channel),
            ),
            Column(
                self.tr("目的"),
                lambda c: labels.label(labels.CONTACT_PURPOSES, c.purpose),
                lambda c: labels.label(labels.CONTACT_PURPOSES, c.purpose),
            ),
            Column(
                self.tr("结果"),
                lambda c: labels.label(labels.CONTACT_OUTCOMES, c.outcome),
                lambda c: labels.label(labels.CONTACT_OUTCOMES, c.outcome),
            ),
            _column(self.tr("员工"), lambda c: c.staff or "", lambda c: c.staff or ""),
            _column(self.tr("备注"), lambda c: c.note or "", lambda c: c.note or ""),
        )
