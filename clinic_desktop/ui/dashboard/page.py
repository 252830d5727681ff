"""数据看板: the owner's pages — funnel, channel quality, ERS tiers, monthly trends, the 分群 segments and the
复购周期 repurchase cycles with cross-sell conversion (PRODUCT §6).

Each page loads on its own, off the GUI thread, from the *stored* metrics (``services.dashboard``), the
first time it is shown and again after the metrics are recomputed (``reload``); meanwhile it says it is
loading. Every count is a door: a click resolves the exact patients behind it (again off the GUI thread)
and :attr:`DashboardPage.patientsRequested` asks the main window to show them in the patient list.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import cast

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from clinic_desktop.core.access import Permission
from clinic_desktop.services.audit import record_export
from clinic_desktop.services.clinic_settings import adopt_recall_interval
from clinic_desktop.services.dashboard import (
    PAGES,
    Dashboard,
    DashboardFilter,
    Selector,
    load_dashboard,
    patient_ids_for,
)
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute
from clinic_desktop.ui.dashboard.channels import ChannelsTab
from clinic_desktop.ui.dashboard.cycles import Adopt, CyclesTab
from clinic_desktop.ui.dashboard.ers import ErsTab
from clinic_desktop.ui.dashboard.funnel import FunnelTab
from clinic_desktop.ui.dashboard.panels import ChartPanel, Panel, describe_filter
from clinic_desktop.ui.dashboard.segments import SegmentsTab
from clinic_desktop.ui.dashboard.trends import TrendsTab
from clinic_desktop.ui.widgets import day_of, error_text, qdate, run_in_background

Tab = FunnelTab | ChannelsTab | ErsTab | TrendsTab | SegmentsTab | CyclesTab
#: pages the cohort / source filter narrows (the service applies it to these two only)
FILTERED = ("funnel", "channels")
_ALL_SOURCES = None  # combo data for "every channel"


class DashboardPage(QWidget):
    #: (patient ids: frozenset[int], caption): show exactly these patients in the patient list
    patientsRequested = Signal(object, str)
    #: a page finished loading: (page key, seconds from request to drawn data)
    pageLoaded = Signal(str, float)
    #: the catalogue changed and the metrics were recomputed here (an observed interval adopted)
    metricsChanged = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.boards: dict[str, Dashboard] = {}
        self.timings: dict[str, float] = {}
        self._stale = set(PAGES)
        self._generation = dict.fromkeys(PAGES, 0)
        self._cohort_dated = False
        #: a message that outlives the next load (an adopted interval); cleared when the owner moves on
        self._notice = ""
        self.funnel_tab, self.channels_tab = FunnelTab(), ChannelsTab()
        self.ers_tab, self.trends_tab = ErsTab(db), TrendsTab()
        self.segments_tab, self.cycles_tab = SegmentsTab(), CyclesTab()
        self.cycles_tab.adoptRequested.connect(self.adopt_interval)
        self.tabs_by_page: dict[str, Tab] = {
            "funnel": self.funnel_tab,
            "channels": self.channels_tab,
            "ers": self.ers_tab,
            "trends": self.trends_tab,
            "segments": self.segments_tab,
            "cycles": self.cycles_tab,
        }
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_header())
        layout.addLayout(self._build_filters())
        self.tabs = QTabWidget()
        self.stacks: dict[str, QStackedWidget] = {}
        self.waiting: dict[str, QLabel] = {}
        titles = {
            "funnel": self.tr("生命周期漏斗"),
            "channels": self.tr("渠道质量"),
            "ers": self.tr("ERS 价值分层"),
            "trends": self.tr("趋势"),
            "segments": self.tr("分群"),
            "cycles": self.tr("复购周期"),
        }
        for page in PAGES:
            tab = self.tabs_by_page[page]
            tab.requested.connect(self.request_patients)
            waiting = QLabel(self.tr("正在计算…"))
            waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
            stack = QStackedWidget()
            stack.addWidget(waiting)
            stack.addWidget(_scrolling(tab))
            self.stacks[page], self.waiting[page] = stack, waiting
            self.tabs.addTab(stack, titles[page])
        for panel in (panel for tab in self.tabs_by_page.values() for panel in tab.findChildren(Panel)):
            panel.exported.connect(lambda path, panel=panel: self._audit_export(panel, path))
            panel.exportFailed.connect(self._say)
        layout.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(self._tab_changed)
        self._tab_changed(0)

    def _build_header(self) -> QHBoxLayout:
        title = QLabel(self.tr("数据看板"))
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        self.as_of_label = QLabel()
        self.status_label = QLabel()
        self.status_label.setStyleSheet("color: #546e7a;")
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.clicked.connect(self.reload)
        row = QHBoxLayout()
        row.addWidget(title)
        row.addWidget(self.as_of_label)
        row.addStretch(1)
        row.addWidget(self.status_label)
        row.addWidget(self.refresh_button)
        return row

    def _build_filters(self) -> QHBoxLayout:
        self.cohort_check = QCheckBox(self.tr("只看首次接触在"))
        today = QDate.currentDate()
        self.cohort_from, self.cohort_to = QDateEdit(today.addYears(-1)), QDateEdit(today)
        for edit in (self.cohort_from, self.cohort_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            edit.dateChanged.connect(self._filters_changed)
        self.cohort_check.toggled.connect(self._cohort_toggled)
        self.source_combo = QComboBox()
        self.source_combo.setMinimumContentsLength(10)
        self.source_combo.addItem(self.tr("全部渠道"), _ALL_SOURCES)
        self.source_combo.currentIndexChanged.connect(self._filters_changed)
        self.filter_note = QLabel(self.tr("（筛选作用于漏斗和渠道质量）"))
        self.filter_note.setStyleSheet("color: #78909c;")
        self.filter_widgets = [self.cohort_check, self.cohort_from, self.cohort_to, self.source_combo]
        self._dates = (self.cohort_from, self.cohort_to)
        row = QHBoxLayout()
        self.to_label, self.source_label = QLabel(self.tr("至")), QLabel(self.tr("来源渠道"))
        for widget in (self.cohort_check, self.cohort_from, self.to_label, self.cohort_to):
            row.addWidget(widget)
        row.addSpacing(16)
        for part in (self.source_label, self.source_combo, self.filter_note):
            row.addWidget(part)
        row.addStretch(1)
        self.filter_row = row
        return row

    def _audit_export(self, panel: Panel, path: Path) -> None:
        """Every export is on record (a KOC table names patients): the audit row follows the file, and a
        file whose audit row cannot be written is removed again."""
        what = "chart" if isinstance(panel, ChartPanel) else "dashboard_table"
        db, title = self.db, panel.title_label.text()

        def failed(exc: Exception) -> None:
            path.unlink(missing_ok=True)
            self._say(self.tr("导出失败：%1").replace("%1", error_text(exc)))

        run_in_background(
            lambda: record_export(db, what, path, title=title),
            lambda _none: self._say(self.tr("已导出：%1").replace("%1", str(path))),
            failed,
            owner=self,
        )

    def apply_role(self) -> None:
        """The dashboard is the owner's (revenue on every page): the window hides it from staff, and
        :meth:`load` reads nothing meanwhile; back with the owner, a stale page loads when shown."""
        if self.isVisible() and self.current_page() in self._stale:
            self.load(self.current_page())

    # --- loading ------------------------------------------------------------------------------------

    def reload(self) -> None:
        """The metrics changed (or the owner asked): every page is stale; the shown one loads now."""
        self._stale = set(PAGES)
        if self.isVisible():
            self.load(self.current_page())

    def current_page(self) -> str:
        return PAGES[self.tabs.currentIndex()]

    def current_filter(self) -> DashboardFilter:
        cohort = self.cohort_check.isChecked()
        return DashboardFilter(
            cohort_from=day_of(self.cohort_from) if cohort else None,
            cohort_to=day_of(self.cohort_to) if cohort else None,
            source=self.source_combo.currentData(),
        )

    def load(self, page: str, *, quiet: bool = False) -> None:
        """Compute ``page`` off the GUI thread; a newer request for the same page wins.

        ``quiet``: a prefetch — the status line stays as it is. Nothing loads while staff acts (the
        service would refuse: revenue is on every page).
        """
        if not self.db.access.may(Permission.SEE_REVENUE):
            return
        self._stale.discard(page)
        self._generation[page] += 1
        generation, started = self._generation[page], time.perf_counter()
        f = self.current_filter() if page in FILTERED else DashboardFilter()
        if page not in self.boards:
            self.waiting[page].setText(self.tr("正在计算…"))
            self.stacks[page].setCurrentIndex(0)
        if not quiet:
            self._say(self.tr("正在计算…"))

        db = self.db

        def work() -> Dashboard:
            return load_dashboard(
                db, cohort_from=f.cohort_from, cohort_to=f.cohort_to, source=f.source, pages=(page,)
            )

        def done(board: Dashboard) -> None:
            if generation == self._generation[page]:
                self._show(page, board, started, quiet)

        def failed(exc: Exception) -> None:
            if generation == self._generation[page]:
                self._stale.add(page)
                self._say(self.tr("看板载入失败：%1").replace("%1", error_text(exc)))
                if page not in self.boards:
                    self.waiting[page].setText(self.tr("看板载入失败：%1").replace("%1", error_text(exc)))

        run_in_background(work, done, failed, owner=self)

    def _show(self, page: str, board: Dashboard, started: float, quiet: bool = False) -> None:
        self.boards[page] = board
        if page in FILTERED:  # only these pages list the channels
            self._update_sources(board.sources)
        if board.as_of is None:
            self.as_of_label.setText(self.tr("指标尚未计算"))
            self.waiting[page].setText(self.tr("指标尚未计算。载入或导入数据后会自动计算，稍后再来看看。"))
            self.stacks[page].setCurrentIndex(0)
            self._say("")
            return
        if not self.cohort_check.isChecked() and not self._cohort_dated:
            self._cohort_dated = True  # offer the last twelve months up to the metrics' date
            for edit, day in zip(
                (self.cohort_from, self.cohort_to), default_cohort(board.as_of), strict=True
            ):
                edit.blockSignals(True)
                edit.setDate(qdate(day))
                edit.blockSignals(False)
        self.as_of_label.setText(
            self.tr("指标截至 %1 · 共 %2 位患者")
            .replace("%1", board.as_of.isoformat())
            .replace("%2", f"{board.patients:,}")
        )
        self.tabs_by_page[page].show_board(board)
        self.stacks[page].setCurrentIndex(1)
        self.timings[page] = time.perf_counter() - started
        if not quiet:
            self._say(self._notice)
        self.pageLoaded.emit(page, self.timings[page])
        self._prefetch()

    def _prefetch(self) -> None:
        """While the owner reads one page, compute the next stale one, so switching tabs is instant.

        Its charts are built but drawn only when shown (``draw_idle`` on a hidden canvas waits).
        """
        if not self.isVisible() or self.current_page() in self._stale:
            return
        waiting = [page for page in PAGES if page in self._stale]
        if waiting:
            self.load(waiting[0], quiet=True)

    def _update_sources(self, sources: list[str]) -> None:
        combo = self.source_combo
        have = [combo.itemData(i) for i in range(1, combo.count())]
        if have == sources:
            return
        chosen = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for source in sources:
            combo.addItem(source or self.tr("（未填写）"), source)
        at = combo.findData(chosen) if chosen is not None else 0
        combo.setCurrentIndex(max(0, at))
        combo.blockSignals(False)

    def _filters_changed(self) -> None:
        self._stale.update(FILTERED)
        if self.isVisible() and self.current_page() in FILTERED:
            self.load(self.current_page())

    def _cohort_toggled(self, on: bool) -> None:
        self.cohort_from.setEnabled(on)
        self.cohort_to.setEnabled(on)
        self._filters_changed()

    def set_cohort(self, start: date | None, end: date | None) -> None:
        """Set the cohort range (None, None: every patient) — one reload, not one per control."""
        for widget in (self.cohort_check, self.cohort_from, self.cohort_to):
            widget.blockSignals(True)
        self.cohort_check.setChecked(start is not None or end is not None)
        for edit, day in ((self.cohort_from, start), (self.cohort_to, end)):
            edit.setEnabled(self.cohort_check.isChecked())
            if day is not None:
                edit.setDate(qdate(day))
        for widget in (self.cohort_check, self.cohort_from, self.cohort_to):
            widget.blockSignals(False)
        self._filters_changed()

    def _tab_changed(self, index: int) -> None:
        self._notice = ""
        page = PAGES[index]
        # the filters apply to some pages only: elsewhere they are disabled, not hidden, so the tab bar
        # below them stays where it is
        for widget in (*self.filter_widgets, self.to_label, self.source_label):
            widget.setEnabled(
                page in FILTERED and (widget not in self._dates or self.cohort_check.isChecked())
            )
        self.filter_note.setText(
            self.tr("（筛选作用于漏斗和渠道质量）")
            if page in FILTERED
            else self.tr("（此页不按首次接触和渠道筛选）")
        )
        if page in self._stale and self.isVisible():
            self.load(page)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.current_page() in self._stale:
            self.load(self.current_page())

    # --- click-through ------------------------------------------------------------------------------

    def request_patients(self, what: object, caption: str) -> None:
        """Resolve a clicked count to its patients off the GUI thread, then ask to show them.

        ``what`` is a :class:`Selector` or a function of the database returning patient ids.
        """
        db = self.db
        if isinstance(what, Selector):
            selector = what
            if selector.filter != DashboardFilter():
                caption += f"（{describe_filter(selector.filter)}）"

            def find() -> list[int]:
                return patient_ids_for(db, selector)

        elif callable(what):
            resolve = cast(Callable[[Database], list[int]], what)  # the tabs emit only such functions

            def find() -> list[int]:
                return resolve(db)

        else:
            return
        self._say(self.tr("正在查找患者…"))

        def found(ids: list[int]) -> None:
            self._say("")
            self.patientsRequested.emit(frozenset(ids), caption)

        run_in_background(find, found, lambda exc: self._say(error_text(exc)), owner=self)

    # --- adopting an observed recall interval ------------------------------------------------------------

    def adopt_interval(self, adopt: object) -> None:
        """Write the observed interval into the catalogue and recompute as of the shown day, off the GUI
        thread; then every page reloads and :attr:`metricsChanged` tells the rest of the app."""
        if not isinstance(adopt, Adopt):
            return
        board = self.boards.get("cycles")
        as_of = board.as_of if board is not None and board.as_of else date.today()
        db = self.db
        self._say(self.tr("正在采用观察周期…"))

        def work() -> bool:
            changed = adopt_recall_interval(db, adopt.treatment_id, adopt.days)
            if changed:
                recompute(db, as_of)
            return changed

        def done(changed: bool) -> None:
            if not changed:
                self._notice = ""
            elif adopt.old_days is None:
                self._notice = (
                    self.tr("已为“%1”设置复诊间隔 %2 天（可在设置 → 项目目录改回）")
                    .replace("%1", adopt.name)
                    .replace("%2", str(adopt.days))
                )
            else:
                self._notice = (
                    self.tr("已将“%1”的复诊间隔从 %2 天改为 %3 天（可在设置 → 项目目录改回）")
                    .replace("%1", adopt.name)
                    .replace("%2", str(adopt.old_days))
                    .replace("%3", str(adopt.days))
                )
            self._say(self._notice)
            self.reload()
            self.metricsChanged.emit()

        run_in_background(work, done, lambda exc: self._say(error_text(exc)), owner=self)

    def _say(self, text: str) -> None:
        if isValid(self.status_label):
            self.status_label.setText(text)


def _scrolling(tab: QWidget) -> QScrollArea:
    """A page's charts and tables inside a scroll area: on a small screen (or beside the first-day guide)
    the page scrolls instead of making the window taller than the screen."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(tab)
    return area


def default_cohort(as_of: date) -> tuple[date, date]:
    """The last twelve months up to ``as_of``: the range the cohort filter offers first."""
    return as_of - timedelta(days=365), as_of
