"""The reception patient list: search as you type, filters and header sorting over 100,000 patients.

The table shows a :class:`~clinic_desktop.services.patients.list_snapshot.QueryResult`. Sorting and filtering
re-query the service (~10 ms at 100k) instead of going through a ``QSortFilterProxyModel``, which would
call Python ``data()`` millions of times; the model only ever formats the rows on screen. Loading runs
off the GUI thread, so the window never freezes while 100,000 patients are read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

import numpy as np
import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QActionGroup, QBrush, QColor, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.core.money import format_yuan
from clinic_desktop.services.database import Database
from clinic_desktop.services.patients import (
    COLUMNS,
    NO_SOURCE,
    NO_TIER,
    PatientFilter,
    PatientList,
    PatientRow,
    QueryResult,
)
from clinic_desktop.ui.widgets import run_in_background

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

    NAME, PHONE, GENDER_AGE, STAGE, ACTIVITY, TIER, TAGS, LAST_VISIT, SPEND, SOURCE = range(10)
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
        self._headers += [self.tr("活跃度"), self.tr("ERS 分层"), self.tr("标签"), self.tr("上次到诊")]
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

    # --- Qt API -------------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._result.count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
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
            return row.phone or ""
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
        if column == self.TAGS:
            return "、".join(row.tags)
        if column == self.LAST_VISIT:
            return row.last_visit.isoformat() if row.last_visit else ""
        if column == self.SPEND:
            return format_yuan(row.spend_fen) if row.spend_fen is not None else ""
        return row.source or ""

    def _raw(self, row: PatientRow, column: int) -> object:
        tier = row.composite_centi if row.tier else None
        values: list[object] = [row.name, row.phone, row.age, row.stage, row.activity, tier]
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
            return "\n".join(row.tags)
        return None


class _ChoiceButton(QToolButton):
    """A drop-down of checkable choices (several may be ticked); the menu stays open while ticking."""

    changed = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(_StickyMenu(self))
        self.actions_by_key: dict[Any, QAction] = {}
        self._update_text()

    def set_choices(self, choices: Iterable[tuple[Any, str]]) -> None:
        """Replace the choices, keeping the ticks of those that remain."""
        kept, menu = set(self.selected()), self.menu()
        for action in self.actions_by_key.values():
            menu.removeAction(action)
            action.deleteLater()
        self.actions_by_key = {}
        extras = menu.actions()  # choices go above any extra actions (the tag mode)
        for key, label in choices:
            action = QAction(label, self, checkable=True, checked=key in kept)
            action.toggled.connect(self._toggled)
            if extras:
                menu.insertAction(extras[0], action)
            else:
                menu.addAction(action)
            self.actions_by_key[key] = action
        self._update_text()

    def selected(self) -> list[Any]:
        return [key for key, action in self.actions_by_key.items() if action.isChecked()]

    def clear(self) -> None:
        for action in self.actions_by_key.values():
            action.setChecked(False)

    def _toggled(self) -> None:
        self._update_text()
        self.changed.emit()

    def _update_text(self) -> None:
        count = len(self.selected())
        self.setText(f"{self.title} ({count})" if count else self.title)


class _StickyMenu(QMenu):
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        action = self.activeAction()
        if action is not None and action.isEnabled() and action.isCheckable():
            action.trigger()  # tick without closing: several stages or tags are usually wanted
            return
        super().mouseReleaseEvent(event)


class _Table(QTableView):
    """Enter opens the current row (so does a double click; never a single click, whatever the style)."""

    enterPressed = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.enterPressed.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class PatientListView(QWidget):
    """Search box, filters, the patient table and a count; emits the patient a receptionist opens."""

    patientActivated = Signal(int)
    selectionChanged = Signal()
    SEARCH_DELAY_MS = 150  # one query per pause in typing, not per key

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = PatientList(db)
        self.model = PatientTableModel(self.service, self)
        self._loading = self._load_again = False
        self._only: frozenset[int] | None = None  # a dashboard count clicked through (show_only)
        self.search = QLineEdit(placeholderText=self.tr("搜索：姓名、电话（可输后四位）、拼音首字母"))
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self._timer = QTimer(self, singleShot=True, interval=self.SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._open_from_search)
        self.search.installEventFilter(self)  # Down arrow: from the search box into the list
        self._build_filters()
        self.table = _Table(self)
        self._build_table()
        self._build_banner()
        top, filters, layout = QHBoxLayout(), QHBoxLayout(), QVBoxLayout(self)
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        for widget in (*self._choices, self.visit_check, self.visit_from, QLabel("–"), self.visit_to):
            filters.addWidget(widget)
        filters.addWidget(self.clear_button)
        filters.addStretch(1)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        self._show_count()
        self.reload()

    def _build_filters(self) -> None:
        m = self.model
        self.stage_filter = _ChoiceButton(self.tr("阶段"), self)
        self.stage_filter.set_choices(m.stage_labels.items())
        self.activity_filter = _ChoiceButton(self.tr("活跃度"), self)
        self.activity_filter.set_choices(m.activity_labels.items())
        self.tier_filter = _ChoiceButton(self.tr("ERS 分层"), self)
        self.tier_filter.set_choices([(t, t) for t in "ABCD"] + [(NO_TIER, m.no_tier_label)])
        self.flag_filter = _ChoiceButton(self.tr("标记"), self)
        self.flag_filter.set_choices(m.flag_labels.items())
        self.tag_filter = _ChoiceButton(self.tr("标签"), self)  # choices arrive with the data
        self.tag_filter.menu().addSeparator()
        modes = QActionGroup(self)
        self.tag_mode_any = QAction(self.tr("含任一所选标签"), modes, checkable=True, checked=True)
        self.tag_mode_all = QAction(self.tr("含全部所选标签"), modes, checkable=True)
        self.tag_filter.menu().addActions([self.tag_mode_any, self.tag_mode_all])
        self.source_filter = _ChoiceButton(self.tr("来源"), self)
        self._choices: tuple[_ChoiceButton, ...] = (self.stage_filter, self.activity_filter, self.tier_filter)
        self._choices += (self.flag_filter, self.tag_filter, self.source_filter)
        self.visit_check = QCheckBox(self.tr("上次到诊"))
        self.visit_from, self.visit_to = (
            QDateEdit(QDate.currentDate().addYears(-1)),
            QDateEdit(QDate.currentDate()),
        )
        for edit in (self.visit_from, self.visit_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            edit.dateChanged.connect(self.apply_filter)
        self.clear_button = QPushButton(self.tr("清除筛选"))
        self.clear_button.clicked.connect(self.clear_filters)
        for button in self._choices:
            button.changed.connect(self.apply_filter)
        self.tag_mode_all.toggled.connect(self.apply_filter)
        self.visit_check.toggled.connect(self._visit_toggled)

    def _build_banner(self) -> None:
        """The strip that says the list is restricted to a dashboard count, with a way out."""
        self.banner = QFrame(self)
        self.banner.setObjectName("dashboardBanner")
        self.banner.setStyleSheet(
            "#dashboardBanner { background: #e3f2fd; border: 1px solid #90caf9; border-radius: 4px; }"
        )
        self.banner_label = QLabel(self.banner)
        self.banner_clear = QPushButton(self.tr("清除"), self.banner)
        self.banner_clear.clicked.connect(self.clear_only)
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.banner_label, 1)
        row.addWidget(self.banner_clear)
        self.banner.hide()

    def _build_table(self) -> None:
        table, model = self.table, self.model
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        rows = table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # never measure 100,000 rows
        rows.setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        width = table.fontMetrics().horizontalAdvance
        samples = (
            "欧阳娜娜娜|13812345678|女 / 100|复购用户|流失预警|A · 4.20||2026-11-22|¥1,234,567|老客户转介绍"
        )
        for column, sample in enumerate(samples.split("|")):
            title = model.headerData(column, Qt.Orientation.Horizontal)
            header.resizeSection(column, max(width(sample), width(title)) + 28)
        header.setSectionResizeMode(PatientTableModel.TAGS, QHeaderView.ResizeMode.Stretch)  # varies most
        header.setSortIndicator(model.sort_column, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)  # header clicks call model.sort(): a re-query, not a proxy
        table.doubleClicked.connect(self._activate)
        table.enterPressed.connect(self._activate)
        table.selectionModel().selectionChanged.connect(lambda *_: self.selectionChanged.emit())
        model.modelReset.connect(self.selectionChanged.emit)

    # --- public API ---------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read every patient again, off the GUI thread; the table keeps showing the old rows meanwhile."""
        if self._loading:
            self._load_again = True
            return
        self._loading = True
        self._show_count()
        run_in_background(self.service.load, lambda _snapshot: self._loaded(), self._failed)

    def refresh(self, patient_ids: Iterable[int]) -> None:
        """Re-read these patients after an edit; rows update in place unless patients came or went."""
        ids = list(patient_ids)
        run_in_background(
            lambda: self.service.refresh(ids), lambda changed: self._refreshed(ids, changed), self._failed
        )

    def selected_patient_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.patient_row(row).id for row in rows]

    def current_filter(self) -> PatientFilter:
        dated = self.visit_check.isChecked()
        return PatientFilter(
            text=self.search.text(),
            stages=self.stage_filter.selected(),
            activities=self.activity_filter.selected(),
            tiers=self.tier_filter.selected(),
            flags=self.flag_filter.selected(),
            tag_ids=self.tag_filter.selected(),
            tag_mode="all" if self.tag_mode_all.isChecked() else "any",
            sources=self.source_filter.selected(),
            last_visit_from=_day(self.visit_from) if dated else None,
            last_visit_to=_day(self.visit_to) if dated else None,
            patient_ids=self._only,
        )

    def show_only(self, patient_ids: Iterable[int], caption: str) -> None:
        """Show exactly these patients (a dashboard count), under a banner "来自看板：caption · 共 N 位患者".

        The other filters are cleared first, so the table starts at exactly the count clicked; ticking
        them afterwards narrows it further. The banner's 清除 button lifts the restriction.
        """
        self._only = frozenset(int(i) for i in patient_ids)
        self.banner_label.setText(
            self.tr("来自看板：%1 · 共 %2 位患者")
            .replace("%1", caption)
            .replace("%2", f"{len(self._only):,}")
        )
        self.banner.show()
        self.clear_filters()

    def clear_only(self) -> None:
        """Lift the dashboard restriction; the other filters stay as they are."""
        self._only = None
        self.banner.hide()
        self.apply_filter()

    @property
    def restricted_to(self) -> frozenset[int] | None:
        """The patients :meth:`show_only` restricted the list to, or None."""
        return self._only

    def apply_filter(self) -> None:
        """Query now with what the controls say (the search box calls this after a pause in typing)."""
        self._timer.stop()
        self._requery(lambda: self.model.set_filter(self.current_filter()))

    def clear_filters(self) -> None:
        for button in self._choices:
            button.blockSignals(True)  # one query at the end, not one per untick
            button.clear()
            button.blockSignals(False)
        self.visit_check.setChecked(False)
        self.search.clear()
        self.apply_filter()

    # --- internals ----------------------------------------------------------------------------------

    def _requery(self, run: Callable[[], None]) -> None:
        """Run a model reset, then select again the patients that were selected and are still shown."""
        selected, current = self.selected_patient_ids(), self.table.currentIndex()
        current_id = self.model.patient_row(current.row()).id if current.isValid() else None
        run()
        selection = QItemSelection()
        for row in self.model.rows_of(selected):
            selection.select(self.model.index(row, 0), self.model.index(row, len(COLUMNS) - 1))
        flags = QItemSelectionModel.SelectionFlag
        self.table.selectionModel().select(selection, flags.ClearAndSelect)
        if current_id is not None and (now := self.model.rows_of([current_id])):
            self.table.selectionModel().setCurrentIndex(self.model.index(now[0], 0), flags.NoUpdate)
        self._show_count()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Down:
                self.apply_filter()  # don't wait for the pause in typing
                if self.model.rowCount():
                    current = self.table.currentIndex()
                    self.table.selectRow(current.row() if current.isValid() else 0)
                    self.table.setFocus()
                return True
        return super().eventFilter(watched, event)

    def _loaded(self) -> None:
        if not shiboken6.isValid(self):
            return  # closed while the worker was reading
        self._loading = False
        self.tag_filter.set_choices((t.id, f"{t.name} ({t.patients:,})") for t in self.service.tags())
        labels = {NO_SOURCE: self.tr("（未填写）")}
        self.source_filter.set_choices((s, f"{labels.get(s, s)} ({n:,})") for s, n in self.service.sources())
        self.apply_filter()
        if self._load_again:
            self._load_again = False
            self.reload()

    def _refreshed(self, ids: list[int], changed: bool) -> None:
        if shiboken6.isValid(self) and (changed or not self.model.refreshed(ids)):
            self._requery(self.model.requery)

    def _failed(self, exc: Exception) -> None:
        if shiboken6.isValid(self):
            self._loading = False
            self.count_label.setText(self.tr("患者列表载入失败：%1").replace("%1", str(exc)))

    def _show_count(self) -> None:
        if self._loading and self.service.snapshot.n == 0:
            self.count_label.setText(self.tr("正在载入…"))
        else:
            self.count_label.setText(self.tr("共 %1 位患者").replace("%1", f"{self.model.rowCount():,}"))

    def _visit_toggled(self, on: bool) -> None:
        self.visit_from.setEnabled(on)
        self.visit_to.setEnabled(on)
        self.apply_filter()

    def _activate(self, index: QModelIndex) -> None:
        if index.isValid():
            self.patientActivated.emit(self.model.patient_row(index.row()).id)

    def _open_from_search(self) -> None:
        """Enter in the search box: search now, then open the current (or else the first) patient."""
        self.apply_filter()
        current = self.table.currentIndex()
        if current.isValid() or self.model.rowCount():
            self._activate(current if current.isValid() else self.model.index(0, 0))


def _day(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())
