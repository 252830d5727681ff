"""Qt table models over the rows of a patient record (visits, interactions, appointments, surveys, contacts).

One small base class does the Qt bookkeeping; each subclass only declares its columns — a header, the
text shown, and the raw value it sorts by (``SORT_ROLE``: dates as dates, money as fen), so "¥1,200"
never sorts before "¥300". A patient has tens to hundreds of such rows, so the models hold them all and
sort in place; the 100,000-row patient list is a different story (it sorts in SQL).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from clinic_desktop.core.money import format_yuan
from clinic_desktop.services.patients import AppointmentRow, ContactRow, InteractionRow, SurveyRow, VisitRow
from clinic_desktop.ui import widgets as labels

#: the raw value a column sorts by
SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 1
#: the row's database id, for actions on the selected row
ID_ROLE = int(Qt.ItemDataRole.UserRole) + 2

R = TypeVar("R")
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_INVALID = QModelIndex()


@dataclass(frozen=True)
class Column(Generic[R]):
    header: str
    text: Callable[[R], str]
    key: Callable[[R], Any]
    numeric: bool = False


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _moment(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M")


def _score(value: int | None) -> str:
    return "–" if value is None else str(value)


def _sortable(value: Any) -> tuple[bool, Any]:
    """Blanks sort after values in ascending order, and never compare None with a number."""
    return (value is None or value == "", value if value is not None else 0)


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """Read-only rows of one kind; ``set_rows`` replaces them (a reload), ``sort`` reorders in place."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []
        self._columns: tuple[Column[R], ...] = self.columns()
        self._sorted: tuple[int, Qt.SortOrder] | None = None

    def columns(self) -> tuple[Column[R], ...]:
        raise NotImplementedError

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if self._sorted is not None:
            self._order(*self._sorted)
        self.endResetModel()

    def row(self, index: int) -> R:
        return self._rows[index]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _INVALID) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _INVALID) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        column = self._columns[index.column()]
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = column.text(row)
            return text if len(text) > 20 else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column.numeric else None
        if role == SORT_ROLE:
            return column.key(row)
        if role == ID_ROLE:
            return getattr(row, "id", None)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if 0 <= section < len(self._columns):
            return self._columns[section].header
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        self._sorted = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self._rows[:]
        self._order(column, order)
        # Keep selections and the current row on the same records after the reorder.
        position = {id(row): i for i, row in enumerate(self._rows)}
        old = self.persistentIndexList()
        new = [self.index(position[id(before[i.row()])], i.column()) for i in old]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def _order(self, column: int, order: Qt.SortOrder) -> None:
        key = self._columns[column].key
        self._rows.sort(key=lambda row: _sortable(key(row)), reverse=order == Qt.SortOrder.DescendingOrder)


class VisitsModel(RecordTableModel[VisitRow]):
    def columns(self) -> tuple[Column[VisitRow], ...]:
        return (
            Column(self.tr("日期"), lambda v: _day(v.visit_date), lambda v: v.visit_date),
            Column(self.tr("项目"), lambda v: v.treatment or "", lambda v: v.treatment or ""),
            Column(self.tr("金额"), lambda v: format_yuan(v.amount_fen), lambda v: v.amount_fen, True),
            Column(self.tr("优惠券"), lambda v: v.coupon or "", lambda v: v.coupon or ""),
            Column(self.tr("员工"), lambda v: v.staff or "", lambda v: v.staff or ""),
        )


class InteractionsModel(RecordTableModel[InteractionRow]):
    def columns(self) -> tuple[Column[InteractionRow], ...]:
        return (
            Column(self.tr("时间"), lambda i: _moment(i.occurred_at), lambda i: i.occurred_at),
            Column(
                self.tr("类型"),
                lambda i: labels.label(labels.INTERACTION_KINDS, i.kind),
                lambda i: labels.label(labels.INTERACTION_KINDS, i.kind),
            ),
            Column(self.tr("内容"), lambda i: i.detail or "", lambda i: i.detail or ""),
        )


class AppointmentsModel(RecordTableModel[AppointmentRow]):
    def columns(self) -> tuple[Column[AppointmentRow], ...]:
        return (
            Column(self.tr("时间"), lambda a: _moment(a.scheduled_at), lambda a: a.scheduled_at),
            Column(self.tr("项目"), lambda a: a.treatment or "", lambda a: a.treatment or ""),
            Column(
                self.tr("状态"),
                lambda a: labels.label(labels.APPOINTMENT_STATUSES, a.status),
                lambda a: labels.label(labels.APPOINTMENT_STATUSES, a.status),
            ),
        )


class SurveysModel(RecordTableModel[SurveyRow]):
    def columns(self) -> tuple[Column[SurveyRow], ...]:
        return (
            Column(self.tr("日期"), lambda s: _day(s.survey_date), lambda s: s.survey_date),
            Column(self.tr("总体"), lambda s: str(s.overall), lambda s: s.overall, True),
            Column(self.tr("NPS"), lambda s: _score(s.nps), lambda s: s.nps, True),
            Column(self.tr("服务"), lambda s: _score(s.service), lambda s: s.service, True),
            Column(self.tr("效果"), lambda s: _score(s.result), lambda s: s.result, True),
            Column(self.tr("环境"), lambda s: _score(s.environment), lambda s: s.environment, True),
            Column(self.tr("价格"), lambda s: _score(s.price), lambda s: s.price, True),
            Column(self.tr("评论"), lambda s: s.comment or "", lambda s: s.comment or ""),
        )


class ContactsModel(RecordTableModel[ContactRow]):
    def columns(self) -> tuple[Column[ContactRow], ...]:
        return (
            Column(self.tr("时间"), lambda c: _moment(c.contacted_at), lambda c: c.contacted_at),
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
            Column(self.tr("员工"), lambda c: c.staff or "", lambda c: c.staff or ""),
            Column(self.tr("备注"), lambda c: c.note or "", lambda c: c.note or ""),
        )
