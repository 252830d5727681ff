"""Qt table models of the call-list screen: the list's rows (with the outcome marked on each), the
exclusion counts per contact-policy rule, and the patients one rule excluded.

A call list has tens to a few thousand rows, so the models hold them all. Outcomes are keyed by the row's
``row_key`` (stable whether or not the list has been saved yet), and a row whose outcome is still being
written shows it at once, in grey, so the receptionist never waits for the database between two calls.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from clinic_desktop.ui import widgets as labels

_Index = QModelIndex | QPersistentModelIndex
_INVALID = QModelIndex()
_DISPLAY = Qt.ItemDataRole.DisplayRole
#: the outcome keys a receptionist marks from the keyboard, in key order (1–5)
OUTCOME_KEYS = ("reached", "no_answer", "booked", "declined", "do_not_contact")
#: a light row tint and a strong text colour per outcome: done rows read at a glance, by colour alone
OUTCOME_COLORS: dict[str, tuple[str, str]] = {
    "reached": ("#e8f5e9", "#2e7d32"),
    "no_answer": ("#fff8e1", "#a66300"),
    "booked": ("#e3f2fd", "#1565c0"),
    "declined": ("#fbe9e7", "#bf360c"),
    "wrong_number": ("#f3e5f5", "#6a1b9a"),
    "do_not_contact": ("#ffebee", "#c62828"),
}
_PENDING = QColor("#9e9e9e")


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


class CallRowsModel(QAbstractTableModel):
    """The rows of one call list (``CallRow`` objects from services.call_lists) and their outcomes."""

    POSITION, NAME, PHONE, STAGE, ERS, LAST_VISIT, REASON, SCRIPT, LAST_CONTACT, OUTCOME = range(10)
    #: the row's ``row_key`` (outcomes are keyed by it)
    ROW_KEY_ROLE = int(Qt.ItemDataRole.UserRole) + 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._outcomes: dict[str, str] = {}
        self._pending: set[str] = set()
        self._headers = (
            self.tr("序号"),
            self.tr("姓名"),
            self.tr("电话"),
            self.tr("阶段"),
            self.tr("ERS"),
            self.tr("上次到诊"),
            self.tr("原因"),
            self.tr("建议话术/优惠"),
            self.tr("上次联系"),
            self.tr("结果"),
        )
        self._no_tier = self.tr("未分层")
        self._bold = QFont()
        self._bold.setBold(True)
        self._tints = {k: (QBrush(QColor(bg)), QBrush(QColor(fg))) for k, (bg, fg) in OUTCOME_COLORS.items()}

    # --- our API ----------------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Any], outcomes: Mapping[str, str] | None = None) -> None:
        """Show ``rows``; ``outcomes`` maps a ``row_key`` to the outcome already recorded for it."""
        self.beginResetModel()
        self._rows = list(rows)
        self._outcomes = dict(outcomes or {})
        self._pending.clear()
        self.endResetModel()

    def call_row(self, row: int) -> Any:
        return self._rows[row]

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_of_key(self, row_key: str) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.row_key == row_key), None)

    def outcome(self, row: int) -> str | None:
        return self._outcomes.get(self._rows[row].row_key)

    def outcomes(self) -> dict[str, str]:
        return dict(self._outcomes)

    def set_outcome(self, row_key: str, outcome: str | None, *, pending: bool = False) -> None:
        """Mark (or, with ``None``, unmark) a row's outcome; ``pending`` while it is being written."""
        if outcome is None:
            self._outcomes.pop(row_key, None)
        else:
            self._outcomes[row_key] = outcome
        if pending:
            self._pending.add(row_key)
        else:
            self._pending.discard(row_key)
        row = self.row_of_key(row_key)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._headers) - 1))

    def done_count(self) -> int:
        keys = {r.row_key for r in self._rows}
        return sum(1 for key in self._outcomes if key in keys)

    # --- Qt API -----------------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = _INVALID) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _INVALID) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if (
            role == _DISPLAY
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        outcome = self._outcomes.get(row.row_key)
        if role == _DISPLAY:
            return self._text(index.row(), row, column, outcome)
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.REASON, self.SCRIPT):
            return self._text(index.row(), row, column, outcome) or None
        if role == Qt.ItemDataRole.BackgroundRole and outcome in self._tints:
            return self._tints[outcome][0]
        if role == Qt.ItemDataRole.ForegroundRole and column == self.OUTCOME and outcome in self._tints:
            return _PENDING if row.row_key in self._pending else self._tints[outcome][1]
        if role == Qt.ItemDataRole.FontRole and column == self.OUTCOME and outcome:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.POSITION:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.ROW_KEY_ROLE:
            return row.row_key
        return None

    def _text(self, position: int, row: Any, column: int, outcome: str | None) -> str:
        if column == self.POSITION:
            return str(position + 1)
        if column == self.NAME:
            return str(row.name)
        if column == self.PHONE:
            return row.phone or ""
        if column == self.STAGE:
            return labels.label(labels.STAGES, row.stage)
        if column == self.ERS:
            if row.tier and row.composite:
                return f"{row.tier} · {row.composite}"
            return self._no_tier if row.composite else ""
        if column == self.LAST_VISIT:
            return _day(row.last_visit)
        if column == self.REASON:
            return str(row.reason or "")
        if column == self.SCRIPT:
            return str(row.script or "")
        if column == self.LAST_CONTACT:
            return _day(row.last_contact)
        text = labels.label(labels.CONTACT_OUTCOMES, outcome)
        return f"{text} …" if outcome and row.row_key in self._pending else text


class RuleCountsModel(QAbstractTableModel):
    """How many patients each contact-policy rule kept off the list, in PRODUCT §5.2 order."""

    RULE_ROLE = int(Qt.ItemDataRole.UserRole) + 2

    def __init__(self, rule_labels: Mapping[str, str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._labels = dict(rule_labels)
        self._counts: dict[str, int] = {}
        self._headers = (self.tr("排除原因"), self.tr("人数"))
        self._grey = QBrush(QColor("#9e9e9e"))

    def set_counts(self, counts: Mapping[str, int]) -> None:
        self.beginResetModel()
        self._counts = {rule: int(counts.get(rule, 0)) for rule in self._labels}
        self.endResetModel()

    def rule_at(self, row: int) -> str:
        return list(self._labels)[row]

    def total(self) -> int:
        return sum(self._counts.values())

    def rowCount(self, parent: _Index = _INVALID) -> int:
        return 0 if parent.isValid() or not self._counts else len(self._labels)

    def columnCount(self, parent: _Index = _INVALID) -> int:
        return 0 if parent.isValid() else 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal and 0 <= section < 2:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        rule = self.rule_at(index.row())
        count = self._counts.get(rule, 0)
        if role == _DISPLAY:
            return self._labels[rule] if index.column() == 0 else f"{count:,}"
        if role == Qt.ItemDataRole.ForegroundRole and count == 0:
            return self._grey
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.RULE_ROLE:
            return rule
        return None


class ExcludedModel(QAbstractTableModel):
    """The patients one rule excluded (``Excluded`` objects): name, phone and why."""

    NAME, PHONE, REASON = range(3)
    PATIENT_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 2

    def __init__(self, rule_reasons: Mapping[str, tuple[str, str]], parent: QObject | None = None) -> None:
        """``rule_reasons``: rule → (a few words for the column, a sentence for its tooltip)."""
        super().__init__(parent)
        self._reasons = dict(rule_reasons)
        self._rows: list[Any] = []
        self._headers = (self.tr("姓名"), self.tr("电话"), self.tr("原因"))

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def excluded_at(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: _Index = _INVALID) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _INVALID) -> int:
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal and 0 <= section < 3:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        short, sentence = self._reasons.get(row.rule, (row.rule, row.rule))
        if role == _DISPLAY:
            return (str(row.name), row.phone or "", short)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return sentence
        if role == self.PATIENT_ID_ROLE:
            return row.patient_id
        return None
