"""The table model of the reception patient list: 100,000 patients, one query result at a time.

It shows a :class:`~clinic_desktop.services.patients.QueryResult` — the patients' positions in the
service's column snapshot, not row objects — and formats only the rows on screen (a cache of a couple of
thousand formatted rows covers a fast scroll). Sorting and filtering re-query the service (~10 ms at
100k) instead of going through a ``QSortFilterProxyModel``, which would call Python ``data()`` millions of
times.

This is deliberately not a :class:`~clinic_desktop.ui.widgets.table_model.TableModel`: that base holds a
Python list of row objects, asks a column function per cell and sorts the list in Python — fine for the
tens to thousands of rows of every other table, but at 100,000 rows building the list alone costs more
than a whole query here, and ``data()`` is called ~2,000 times per paint, so it keeps its own
early-exit role check and row cache.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from clinic_desktop.core.access import Permission
from clinic_desktop.core.money import format_yuan
from clinic_desktop.services.patients import COLUMNS, PatientFilter, PatientList, PatientRow, QueryResult
from clinic_desktop.ui.access import shown_phone

_Index = QModelIndex | QPersistentModelIndex
_ROW_CACHE = 2_000  # formatted rows kept; a screenful is ~40, a fast scroll a few hundred
_DISPLAY, _FOREGROUND = Qt.ItemDataRole.DisplayRole.value, Qt.ItemDataRole.ForegroundRole.value
_ALIGNMENT, _TOOLTIP = Qt.ItemDataRole.TextAlignmentRole.value, Qt.ItemDataRole.ToolTipRole.value
_USER = Qt.ItemDataRole.UserRole.value
_ROLES = frozenset({_DISPLAY, _FOREGROUND, _ALIGNMENT, _TOOLTIP, _USER + 1, _USER + 2})
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
#: a formatted row: the patient, the text of each column, the name's brush, the other cells' brush
_Line = tuple[PatientRow, tuple[str, ...], QBrush | None, QBrush | None]


class PatientTableModel(QAbstractTableModel):
    """Rows of one query; ``sort`` and ``set_filter`` re-query the service rather than sort in Qt."""

    NAME, PHONE, GENDER_AGE, STAGE, ACTIVITY, TIER, SEGMENT, TAGS, LAST_VISIT, SPEND, SOURCE = range(11)
    #: raw value of a cell (str, int, date or None): numbers and dates compare as such
    SORT_ROLE = _USER + 1
    PATIENT_ID_ROLE = _USER + 2

    def __init__(self, service: PatientList, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.filter = PatientFilter()
        self.sort_column, self.descending = self.NAME, False
        self._result = service.query(self.filter, COLUMNS[self.sort_column])
        self._lines: dict[int, _Line] = {}
        self._grey, self._red = QBrush(QColor("#9e9e9e")), QBrush(QColor("#c62828"))  # archived, at risk
        self.retranslate()

    def retranslate(self) -> None:
        """Labels through ``tr()`` as literals (so lupdate sees them); core keeps Chinese only."""
        self._headers = [self.tr("姓名"), self.tr("电话"), self.tr("性别 / 年龄"), self.tr("阶段")]
        self._headers += [self.tr("活跃度"), self.tr("ERS 分层"), self.tr("分群"), self.tr("标签")]
        self._headers += [self.tr("上次到诊")]
        self._headers += [self.tr("累计消费"), self.tr("来源")]
        self.stage_labels = {"stranger": self.tr("陌生用户"), "potential": self.tr("潜在用户")}
        self.stage_labels |= {"intent": self.tr("意向用户"), "customer": self.tr("下单用户")}
        self.stage_labels |= {"repeat": self.tr("复购用户"), "vip": self.tr("超级用户")}
        self.activity_labels = {"active": self.tr("活跃"), "due": self.tr("待复诊")}
        self.activity_labels |= {"lapsing": self.tr("流失预警"), "lapsed": self.tr("沉睡")}
        self.activity_labels |= {"none": self.tr("未消费")}
        self.flag_labels = {"koc": self.tr("传播者"), "at_risk": self.tr("预警")}
        self.flag_labels |= {"no_feedback": self.tr("暂无反馈")}
        self.gender_labels = {"M": self.tr("男"), "F": self.tr("女")}
        self.no_tier_label = self.tr("未分层")
        self.segment_labels = {
            "expert_price": self.tr("懂行·价格敏感"),
            "expert_quality": self.tr("懂行·重品质"),
        }
        self.segment_labels |= {"novice_follower": self.tr("不太懂·随大流")}
        self.segment_labels |= {"novice_price": self.tr("不太懂·价格敏感"), "unknown": self.tr("未知")}
        self.knowledge_labels = {
            "expert": self.tr("懂行"),
            "novice": self.tr("不太懂"),
            "unknown": self.tr("未记录"),
        }

    # --- Qt API -------------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._result.count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> object:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = _DISPLAY) -> object:
        # Called ~2,000 times per paint (cells × roles): unhandled roles leave first, rows are cached.
        if role not in _ROLES or not index.isValid():
            return None
        line, column = self._line(index.row()), index.column()
        if role == _DISPLAY:
            return line[1][column]
        if role == _FOREGROUND:
            return line[2] if column == self.NAME else line[3]
        if role == _ALIGNMENT:
            return _RIGHT if column in (self.TIER, self.SPEND) else None
        if role == self.SORT_ROLE:
            return self._raw(line[0], column)
        if role == self.PATIENT_ID_ROLE:
            return line[0].id
        return self._tooltip(line[0], column)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Re-query in the new order; selected rows follow their patients (persistent indexes)."""
        self.sort_column, self.descending = column, order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        old_ids = self._result.ids
        self._result = new = self._query()  # may be over a newer snapshot: map rows by patient id
        self._lines.clear()
        row_of = np.full(new.snapshot.n, -1, dtype=np.int64)
        row_of[new.positions] = np.arange(new.count)
        moved_from = self.persistentIndexList()
        moved_to = []
        for index in moved_from:
            pos = new.snapshot.position(int(old_ids[index.row()])) if index.row() < len(old_ids) else None
            row = -1 if pos is None else int(row_of[pos])
            moved_to.append(self.index(row, index.column()) if row >= 0 else QModelIndex())
        self.changePersistentIndexList(moved_from, moved_to)
        self.layoutChanged.emit()

    # --- our API ------------------------------------------------------------------------------------

    @property
    def result(self) -> QueryResult:
        return self._result

    def set_filter(self, f: PatientFilter) -> None:
        self.filter = f
        self.requery()

    def requery(self) -> None:
        """Run the query again over the service's current snapshot (after a load or a filter change)."""
        self.beginResetModel()
        self._result = self._query()
        self._lines.clear()
        self.endResetModel()

    def refreshed(self, patient_ids: Iterable[int]) -> bool:
        """The service re-read these patients in place: repaint their rows, keep order and selection.

        False (and nothing done) if the rows cannot be kept because the snapshot was reloaded
        meanwhile; the caller re-queries then.
        """
        moved = self._result.with_snapshot(self.service.snapshot)
        if moved is None:
            return False
        self._result = moved
        self._lines.clear()
        for row in self.rows_of(patient_ids):
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        return True

    def patient_row(self, row: int) -> PatientRow:
        return self._line(row)[0]

    def rows_of(self, patient_ids: Iterable[int]) -> list[int]:
        """Rows (in this result) showing these patients, in row order."""
        wanted = np.fromiter((int(i) for i in patient_ids), dtype=np.int64)
        return [int(row) for row in np.flatnonzero(np.isin(self._result.ids, wanted))]

    def _query(self) -> QueryResult:
        if self.sort_column == self.SPEND and not self.service.db.access.may(Permission.SEE_REVENUE):
            self.sort_column, self.descending = self.NAME, False  # staff sees no spend, nor its order
        return self.service.query(self.filter, COLUMNS[self.sort_column], self.descending)

    def _line(self, row: int) -> _Line:
        line = self._lines.get(row)
        if line is None:
            if len(self._lines) >= _ROW_CACHE:
                self._lines.clear()
            patient = self._result.row(row)
            texts = tuple(self._display(patient, column) for column in range(len(COLUMNS)))
            grey = self._grey if patient.archived else None
            name = self._red if "at_risk" in patient.flags and not patient.archived else grey
            line = self._lines[row] = (patient, texts, name, grey)
        return line

    def _display(self, row: PatientRow, column: int) -> str:
        if column == self.NAME:
            return row.name
        if column == self.PHONE:
            return shown_phone(self.service.db.access, row.phone)
        if column == self.GENDER_AGE:
            gender = self.gender_labels.get(row.gender or "", "")
            if row.age is None:
                return gender
            return f"{gender or '–'} / {row.age}"  # "– / 56": an age alone would read like a count
        if column == self.STAGE:
            return self.stage_labels.get(row.stage or "", "")
        if column == self.ACTIVITY:
            return self.activity_labels.get(row.activity or "", "")
        if column == self.TIER:
            if row.composite_centi is None:
                return ""  # metrics not computed yet for a patient added since the last recompute
            return f"{row.tier} · {row.composite_centi / 100:.2f}" if row.tier else self.no_tier_label
        if column == self.SEGMENT:
            return self.segment_labels.get(row.segment or "", "")
        if column == self.TAGS:
            return "、".join(row.tags)
        if column == self.LAST_VISIT:
            return row.last_visit.isoformat() if row.last_visit else ""
        if column == self.SPEND:
            return format_yuan(row.spend_fen) if row.spend_fen is not None else ""
        return row.source or ""

    def _raw(self, row: PatientRow, column: int) -> object:
        tier = row.composite_centi if row.tier else None
        phone = shown_phone(self.service.db.access, row.phone) or None
        values: list[object] = [row.name, phone, row.age, row.stage, row.activity, tier, row.segment]
        values += ["、".join(row.tags) or None, row.last_visit, row.spend_fen, row.source]
        return values[column]

    def _tooltip(self, row: PatientRow, column: int) -> str | None:
        if column == self.NAME:
            notes = [self.flag_labels[f] for f in row.flags] + ([self.tr("已归档")] if row.archived else [])
            return row.name + (f"（{'、'.join(notes)}）" if notes else "")
        if column == self.TIER and row.ers is not None:
            e, r, s = row.ers
            return f"E{e} · R{r} · S{'–' if s is None else s}"
        if column == self.TAGS and row.tags:
            derived = self.tr("（按规则自动计算）")
            return "\n".join(t + (derived if t in row.derived_tags else "") for t in row.tags)
        if column == self.SEGMENT and row.segment is not None:
            knowledge = self.knowledge_labels[row.knowledge or "unknown"]
            return self.tr("认知：%1").replace("%1", knowledge)
        return None
