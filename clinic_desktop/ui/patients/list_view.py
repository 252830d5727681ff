"""The reception patient list: search as you type, filters and header sorting over 100,000 patients.

The table (:class:`~clinic_desktop.ui.patients.patient_table.PatientTableModel`) shows one query result;
filters and header clicks re-query the service rather than sort in Qt. Loading runs off the GUI thread, so
the window never freezes while 100,000 patients are read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import (
    QDate,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QActionGroup, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.core.access import Permission
from clinic_desktop.services.database import Database
from clinic_desktop.services.patients import COLUMNS, NO_SOURCE, NO_TIER, PatientFilter, PatientList
from clinic_desktop.ui.patients.filter_buttons import ChoiceButton
from clinic_desktop.ui.patients.patient_table import PatientTableModel
from clinic_desktop.ui.widgets import day_of, error_text, run_in_background

__all__ = ["PatientListView", "PatientTableModel"]


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
    #: the search found nobody and the receptionist wants to register them (with what was typed)
    createRequested = Signal(str)
    SEARCH_DELAY_MS = 150  # one query per pause in typing, not per key

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.service = PatientList(db)
        self.model = PatientTableModel(self.service, self)
        self._loading = self._load_again = False
        self._select_after: int | None = None  # a patient to select once the refresh shows them
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
        self._build_no_match()
        top, filters, layout = QHBoxLayout(), QHBoxLayout(), QVBoxLayout(self)
        # which patients (在册 / 已归档 / 全部) and 清除筛选 beside the search and the count: the filter row
        # below is then as wide as a 1,366×768 screen allows in the app's font, in English too
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        top.addWidget(self.archive_filter)
        top.addWidget(self.clear_button)
        for widget in (*self._choices, self.visit_check, self.visit_from, QLabel("–"), self.visit_to):
            filters.addWidget(widget)
        filters.addStretch(1)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.banner)
        layout.addWidget(self.no_match)
        layout.addWidget(self.table, 1)
        self._show_count()
        self.reload()

    def _build_filters(self) -> None:
        m = self.model
        self.stage_filter: ChoiceButton[str] = ChoiceButton(self.tr("阶段"), self)
        self.stage_filter.set_choices(m.stage_labels.items())
        self.activity_filter: ChoiceButton[str] = ChoiceButton(self.tr("活跃度"), self)
        self.activity_filter.set_choices(m.activity_labels.items())
        self.tier_filter: ChoiceButton[str] = ChoiceButton(self.tr("ERS 分层"), self)
        self.tier_filter.set_choices([(t, t) for t in "ABCD"] + [(NO_TIER, m.no_tier_label)])
        self.flag_filter: ChoiceButton[str] = ChoiceButton(self.tr("标记"), self)
        self.flag_filter.set_choices(m.flag_labels.items())
        self.tag_filter: ChoiceButton[int] = ChoiceButton(
            self.tr("标签"), self
        )  # choices arrive with the data
        self.tag_filter.menu().addSeparator()
        modes = QActionGroup(self)
        self.tag_mode_any = QAction(self.tr("含任一所选标签"), modes, checkable=True, checked=True)
        self.tag_mode_all = QAction(self.tr("含全部所选标签"), modes, checkable=True)
        self.tag_filter.menu().addActions([self.tag_mode_any, self.tag_mode_all])
        self.source_filter: ChoiceButton[str] = ChoiceButton(self.tr("来源"), self)
        self.segment_filter: ChoiceButton[str] = ChoiceButton(self.tr("分群"), self)
        self.segment_filter.set_choices(m.segment_labels.items())
        self.knowledge_filter: ChoiceButton[str] = ChoiceButton(self.tr("认知"), self)
        self.knowledge_filter.set_choices(m.knowledge_labels.items())
        self._choices: tuple[ChoiceButton[str] | ChoiceButton[int], ...] = (
            self.stage_filter,
            self.activity_filter,
            self.tier_filter,
        )
        self._choices += (self.segment_filter, self.knowledge_filter)
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
        self.archive_filter = QComboBox()
        for code, text in (
            ("live", self.tr("在册患者")),
            ("archived", self.tr("已归档")),
            ("all", self.tr("全部（含已归档）")),
        ):
            self.archive_filter.addItem(text, code)
        self.archive_filter.setToolTip(
            self.tr("已归档的患者不在列表、名单和统计中；在这里找到他们并取消归档")
        )
        self.archive_filter.currentIndexChanged.connect(self.apply_filter)
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

    def _build_no_match(self) -> None:
        """Under the search box when nobody matches: register the patient, with what was typed."""
        self.no_match = QFrame(self)
        self.no_match.setObjectName("noMatch")
        self.no_match.setStyleSheet(
            "#noMatch { background: #f1f8e9; border: 1px solid #aed581; border-radius: 4px; }"
        )
        self.no_match_label = QLabel(self.no_match)
        self.create_button = QPushButton(self.no_match)
        self.create_button.clicked.connect(lambda: self.createRequested.emit(self.search.text().strip()))
        row = QHBoxLayout(self.no_match)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.no_match_label, 1)
        row.addWidget(self.create_button)
        self.no_match.hide()

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
            "欧阳娜娜娜|13812345678|女 / 100|复购用户|流失预警|A · 4.20|不太懂·价格敏感|"
            "|2026-11-22|¥1,234,567|老客户转介绍"
        )
        for column, sample in enumerate(samples.split("|")):
            title = str(model.headerData(column, Qt.Orientation.Horizontal))
            header.resizeSection(column, max(width(sample), width(title)) + 28)
        header.setSectionResizeMode(PatientTableModel.TAGS, QHeaderView.ResizeMode.Stretch)  # varies most
        header.setSortIndicator(model.sort_column, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)  # header clicks call model.sort(): a re-query, not a proxy
        table.doubleClicked.connect(self._activate)
        table.enterPressed.connect(self._activate)
        table.selectionModel().selectionChanged.connect(lambda *_: self.selectionChanged.emit())
        model.modelReset.connect(self.selectionChanged.emit)

    # --- public API ---------------------------------------------------------------------------------

    def apply_role(self) -> None:
        """Staff sees no spend column and (if the owner asked) masked phones: repaint every row."""
        may = self.db.access.may(Permission.SEE_REVENUE)
        self.table.setColumnHidden(PatientTableModel.SPEND, not may)
        self._requery(self.model.requery)
        self.table.horizontalHeader().setSortIndicator(
            self.model.sort_column,
            Qt.SortOrder.DescendingOrder if self.model.descending else Qt.SortOrder.AscendingOrder,
        )

    def reload(self) -> None:
        """Read every patient again, off the GUI thread; the table keeps showing the old rows meanwhile."""
        if self._loading:
            self._load_again = True
            return
        self._loading = True
        self._show_count()
        run_in_background(self.service.load, lambda _snapshot: self._loaded(), self._failed, owner=self)

    def refresh(self, patient_ids: Iterable[int], *, select: int | None = None) -> None:
        """Re-read these patients after an edit; rows update in place unless patients came or went.
        ``select``: a patient (a new one) to select and scroll to once the list shows them."""
        ids = list(patient_ids)
        self._select_after = select
        service = self.service
        run_in_background(
            lambda: service.refresh(ids),
            lambda changed: self._refreshed(ids, changed),
            self._failed,
            owner=self,
        )

    def selected_patient_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.patient_row(row).id for row in rows]

    def current_filter(self) -> PatientFilter:
        dated = self.visit_check.isChecked()
        archived = self.archive_filter.currentData()
        return PatientFilter(
            text=self.search.text(),
            stages=self.stage_filter.selected(),
            activities=self.activity_filter.selected(),
            tiers=self.tier_filter.selected(),
            flags=self.flag_filter.selected(),
            tag_ids=self.tag_filter.selected(),
            tag_mode="all" if self.tag_mode_all.isChecked() else "any",
            sources=self.source_filter.selected(),
            segments=self.segment_filter.selected(),
            knowledge=self.knowledge_filter.selected(),
            last_visit_from=day_of(self.visit_from) if dated else None,
            last_visit_to=day_of(self.visit_to) if dated else None,
            patient_ids=self._only,
            include_archived=archived == "all",
            only_archived=archived == "archived",
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
        self.archive_filter.blockSignals(True)
        self.archive_filter.setCurrentIndex(0)
        self.archive_filter.blockSignals(False)
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
        self._show_no_match()

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
        self._loading = False
        derived = self.tr("自动")  # a rule-derived tag (PRODUCT §4.1): filter by it like any tag
        self.tag_filter.set_choices(
            (t.id, f"{t.name} ({t.patients:,})" + (f" · {derived}" if t.rule else ""))
            for t in self.service.tags()
        )
        labels = {NO_SOURCE: self.tr("（未填写）")}
        self.source_filter.set_choices((s, f"{labels.get(s, s)} ({n:,})") for s, n in self.service.sources())
        self.apply_filter()
        if self._load_again:
            self._load_again = False
            self.reload()

    def _refreshed(self, ids: list[int], changed: bool) -> None:
        if changed or not self.model.refreshed(ids):
            self._requery(self.model.requery)
        wanted, self._select_after = self._select_after, None
        if wanted is not None and (rows := self.model.rows_of([wanted])):
            self.table.selectRow(rows[0])
            self.table.scrollTo(self.model.index(rows[0], 0))

    def _show_no_match(self) -> None:
        """Nobody matches what was typed: offer to register them (Enter does the same)."""
        text = self.search.text().strip()
        nobody = bool(text) and self.model.rowCount() == 0 and not self._loading
        if nobody:
            shown = text if len(text) <= 20 else text[:19] + "…"
            self.no_match_label.setText(self.tr("没有找到「%1」。").replace("%1", shown))
            self.create_button.setText(self.tr("新建患者「%1」（Enter）").replace("%1", shown))
        self.no_match.setVisible(nobody)

    def _failed(self, exc: Exception) -> None:
        self._loading = False
        self.count_label.setText(self.tr("患者列表载入失败：%1").replace("%1", error_text(exc)))

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
        """Enter in the search box: search now, then open the current (or else the first) patient — or,
        when nobody matches, register a new one with what was typed."""
        self.apply_filter()
        current = self.table.currentIndex()
        if current.isValid() or self.model.rowCount():
            self._activate(current if current.isValid() else self.model.index(0, 0))
        elif self.search.text().strip() and not self._loading:
            self.createRequested.emit(self.search.text().strip())
