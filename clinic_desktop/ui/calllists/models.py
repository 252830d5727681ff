"""Qt table models of the call-list screen: the list's rows (with the outcome marked on each), the
exclusion counts per contact-policy rule, and the patients one rule excluded.

A call list has tens to a few thousand rows, so the models hold them all. Outcomes are keyed by the row's
``row_key`` (stable whether or not the list has been saved yet), and a row whose outcome is still being
written shows it at once, in grey, so the receptionist never waits for the database between two calls.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from clinic_desktop.services.calllists import CallRow, Excluded
from clinic_desktop.ui import widgets as labels
from clinic_desktop.ui.widgets import RIGHT, Column, TableModel

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
_USER = int(Qt.ItemDataRole.UserRole)


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def plain_phone(phone: str | None) -> str:
    return phone or ""


#: how a phone is shown (the screen passes one that masks it while staff acts, if the owner asked)
PhoneText = Callable[[str | None], str]


class CallRowsModel(TableModel[CallRow]):
    """The rows of one call list (``CallRow`` objects from services.calllists) and their outcomes."""

    POSITION, NAME, PHONE, STAGE, ERS, LAST_VISIT, REASON, SCRIPT, LAST_CONTACT, OUTCOME = range(10)
    #: the row's ``row_key`` (outcomes are keyed by it)
    ROW_KEY_ROLE = _USER + 2

    def __init__(self, parent: QObject | None = None, *, phone: PhoneText = plain_phone) -> None:
        super().__init__((), parent)
        self._outcomes: dict[str, str] = {}
        self._pending: set[str] = set()
        self._positions: dict[str, int] = {}
        self._no_tier = self.tr("未分层")
        self._bold = QFont()
        self._bold.setBold(True)
        self._tints = {k: (QBrush(QColor(bg)), QBrush(QColor(fg))) for k, (bg, fg) in OUTCOME_COLORS.items()}
        self.set_columns(
            (
                Column(self.tr("序号"), self._position_text, sort=self._position, align=RIGHT),
                Column(self.tr("姓名"), lambda r: str(r.name)),
                Column(self.tr("电话"), lambda r: phone(r.phone)),
                Column(self.tr("阶段"), lambda r: labels.label(labels.STAGES, r.stage)),
                Column(self.tr("ERS"), self._ers_text),
                Column(self.tr("上次到诊"), lambda r: _day(r.last_visit), sort=lambda r: r.last_visit),
                Column(self.tr("原因"), lambda r: r.reason or "", tooltip=lambda r: r.reason or None),
                Column(
                    self.tr("建议话术/优惠"), lambda r: r.script or "", tooltip=lambda r: r.script or None
                ),
                Column(self.tr("上次联系"), lambda r: _day(r.last_contact), sort=lambda r: r.last_contact),
                Column(self.tr("结果"), self._outcome_text),
            )
        )

    # --- our API ----------------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[CallRow], outcomes: Mapping[str, str] | None = None) -> None:
        """Show ``rows``; ``outcomes`` maps a ``row_key`` to the outcome already recorded for it."""
        self._outcomes = dict(outcomes or {})
        self._pending.clear()
        self._positions = {r.row_key: i for i, r in enumerate(rows)}
        super().set_rows(rows)

    def call_row(self, row: int) -> CallRow:
        return self.row(row)

    def row_of_key(self, row_key: str) -> int | None:
        return self.find(lambda r: r.row_key == row_key)

    def outcome(self, row: int) -> str | None:
        return self._outcomes.get(self.row(row).row_key)

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
            self.row_changed(row)

    def done_count(self) -> int:
        return sum(1 for key in self._outcomes if key in self._positions)

    # --- cells ------------------------------------------------------------------------------------------

    def _position(self, row: CallRow) -> int:
        return self._positions.get(row.row_key, 0) + 1

    def _position_text(self, row: CallRow) -> str:
        return str(self._position(row))

    def _ers_text(self, row: CallRow) -> str:
        if row.tier and row.composite:
            return f"{row.tier} · {row.composite}"
        return self._no_tier if row.composite else ""

    def _outcome_text(self, row: CallRow) -> str:
        outcome = self._outcomes.get(row.row_key)
        text = labels.label(labels.CONTACT_OUTCOMES, outcome)
        return f"{text} …" if outcome and row.row_key in self._pending else text

    def cell_data(self, row: CallRow, column: int, role: int) -> object:
        outcome = self._outcomes.get(row.row_key)
        if role == Qt.ItemDataRole.BackgroundRole and outcome in self._tints:
            return self._tints[outcome][0]
        if role == Qt.ItemDataRole.ForegroundRole and column == self.OUTCOME and outcome in self._tints:
            return _PENDING if row.row_key in self._pending else self._tints[outcome][1]
        if role == Qt.ItemDataRole.FontRole and column == self.OUTCOME and outcome:
            return self._bold
        if role == self.ROW_KEY_ROLE:
            return row.row_key
        return None


class RuleCountsModel(TableModel[tuple[str, int]]):
    """How many patients each contact-policy rule kept off the list, in PRODUCT §5.2 order."""

    RULE_ROLE = _USER + 2

    def __init__(self, rule_labels: Mapping[str, str], parent: QObject | None = None) -> None:
        super().__init__((), parent)
        self._labels = dict(rule_labels)
        self._grey = QBrush(QColor("#9e9e9e"))
        self.set_columns(
            (
                Column(self.tr("排除原因"), lambda rc: self._labels[rc[0]]),
                Column(self.tr("人数"), lambda rc: f"{rc[1]:,}", sort=lambda rc: rc[1], align=RIGHT),
            )
        )

    def set_counts(self, counts: Mapping[str, int]) -> None:
        self.set_rows([(rule, int(counts.get(rule, 0))) for rule in self._labels])

    def rule_at(self, row: int) -> str:
        return list(self._labels)[row]

    def total(self) -> int:
        return sum(count for _rule, count in self.rows())

    def cell_data(self, row: tuple[str, int], column: int, role: int) -> object:
        rule, count = row
        if role == Qt.ItemDataRole.ForegroundRole and count == 0:
            return self._grey
        if role == self.RULE_ROLE:
            return rule
        return None


class ExcludedModel(TableModel[Excluded]):
    """The patients one rule excluded (``Excluded`` objects): name, phone and why."""

    NAME, PHONE, REASON = range(3)
    PATIENT_ID_ROLE = _USER + 2

    def __init__(
        self,
        rule_reasons: Mapping[str, tuple[str, str]],
        parent: QObject | None = None,
        *,
        phone: PhoneText = plain_phone,
    ) -> None:
        """``rule_reasons``: rule → (a few words for the column, a sentence for its tooltip)."""
        super().__init__((), parent)
        self._reasons = dict(rule_reasons)
        self.set_columns(
            (
                Column(self.tr("姓名"), lambda e: str(e.name), tooltip=self._sentence),
                Column(self.tr("电话"), lambda e: phone(e.phone), tooltip=self._sentence),
                Column(self.tr("原因"), lambda e: self._reason(e)[0], tooltip=self._sentence),
            )
        )

    def excluded_at(self, row: int) -> Excluded:
        return self.row(row)

    def _reason(self, row: Excluded) -> tuple[str, str]:
        return self._reasons.get(row.rule, (row.rule, row.rule))

    def _sentence(self, row: Excluded) -> str:
        return self._reason(row)[1]

    def cell_data(self, row: Excluded, column: int, role: int) -> object:
        return row.patient_id if role == self.PATIENT_ID_ROLE else None
