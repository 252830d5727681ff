"""The main window: left navigation, one page per task, a status bar that says where the data is.

Pages are built the first time they are shown (:mod:`clinic_desktop.ui.page_stack`), so the window
appears before the pages it does not show exist. The window never switches databases itself: 文件's
actions ask through :attr:`MainWindow.databaseRequested` and the app (``ui/app.py``) reopens the window
on the other database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop import __version__
from clinic_desktop.core.access import Permission
from clinic_desktop.paths import demo_db_path
from clinic_desktop.resource_files import resource_path
from clinic_desktop.services.autobackup import AutoBackup
from clinic_desktop.services.database import Database
from clinic_desktop.ui.access import AccessGuard
from clinic_desktop.ui.database_files import DatabaseFiles
from clinic_desktop.ui.freed_memory import give_back_memory
from clinic_desktop.ui.menus import build_menus
from clinic_desktop.ui.page_stack import LazyPages
from clinic_desktop.ui.pages import page_specs
from clinic_desktop.ui.safety import DataActions
from clinic_desktop.ui.widgets import ElidedLabel, error_text, run_in_background

if TYPE_CHECKING:
    from clinic_desktop.ui.first_day import FirstDayGuide

GEOMETRY_KEY = "main_window/geometry"
PAGE_KEY = "main_window/page"
# the default size fits a 1,366×768 screen (taskbar and title bar included)
DEFAULT_SIZE = QSize(1280, 680)
DEMO_PATIENTS = 2000
NAV_WIDTH = 132
# the page is built at the window's first expose; this long after the first show at the latest
_EXPOSE_WAIT_MS = 300


def app_icon() -> QIcon:
    try:
        return QIcon(str(resource_path("icons/app.svg")))
    except FileNotFoundError:
        return QIcon()


class MainWindow(QMainWindow):
    languageChangeRequested = Signal(str)
    # (backup file, an empty backup was confirmed): the app restores it and reopens the window
    restoreRequested = Signal(str, bool)
    # (path, how: OPEN / CREATE / SANDBOX): the app opens that database in a new window
    databaseRequested = Signal(str, str)

    def __init__(
        self,
        db: Database,
        settings: QSettings | None = None,
        *,
        home: Path | None = None,
        sandbox: Path | None = None,
    ) -> None:
        super().__init__()
        self.db = db
        self.qsettings = settings or QSettings()
        # the clinic's database (the one the app was started on, or last opened by the user)
        self.home = (home or db.path).expanduser().resolve()
        self.sandbox = (sandbox or demo_db_path()).expanduser().resolve()
        self.is_sandbox = db.path == self.sandbox
        self.guide: FirstDayGuide | None = None
        self.guide_scroller: QScrollArea | None = None
        self.about_dialog: QDialog | None = None
        self._shown_once = self._started = False
        self.setWindowIcon(app_icon())
        self.setWindowTitle(self._title())

        self.nav = QListWidget()
        self.nav.setFixedWidth(NAV_WIDTH)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setObjectName("navigation")
        self.stack = QStackedWidget()
        self.pages = LazyPages(self.stack, page_specs(self.db))
        self.pages.built.connect(self._wire)
        for spec in self.pages.specs:
            item = QListWidgetItem(spec.title)
            item.setSizeHint(QSize(120, 40))
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.nav.addItem(item)
        # every page's name stays in sight when the first-day guide below takes its room (no scroll bar)
        self.nav.setMinimumHeight(self.nav.count() * 40 + 2 * self.nav.frameWidth() + 4)

        central = QWidget(self)
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.setSpacing(0)
        left.addWidget(self.nav, 1)
        self.guide_slot = left  # the first-day guide goes below the navigation: it takes no height
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(left)
        row.addWidget(self.stack, 1)
        self.guard = AccessGuard(db, self)  # the lock screen goes over the pages when the window locks
        self.setCentralWidget(self.guard.wrap(central))
        self.nav.currentRowChanged.connect(self.pages.show)
        self.nav.currentRowChanged.connect(self._page_shown)

        self._build_status_bar()
        self.menus = build_menus(self)
        self._connect_menus()
        # 数据 (between 文件 and 帮助): backup, restore, check, the backup and log folders
        self.backups = AutoBackup(db)
        self.data_actions = DataActions(db, self.backups, self)
        self.menuBar().insertMenu(self.menus.help.menuAction(), self.data_actions.menu(self))
        self.data_actions.restoreRequested.connect(self.restoreRequested)
        self.data_actions.said.connect(lambda text: self.statusBar().showMessage(text, 8000))
        # asked before the window closes; False: not yet (an automatic backup runs, then closes it)
        self.before_close: Callable[[], bool] | None = None
        self._add_keys()

        self.resize(DEFAULT_SIZE)
        geometry = self.qsettings.value(GEOMETRY_KEY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        stored = int(self.qsettings.value(PAGE_KEY, 0, type=int))  # type: ignore[call-overload]
        first = stored if 0 <= stored < self.nav.count() else 0
        # the page itself is built once the window is on screen (showEvent) or when first asked for
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(first)
        self.nav.blockSignals(False)
        self.stack.setCurrentIndex(first)
        self.guard.roleChanged.connect(self.apply_role)
        self.apply_role()

    def _title(self) -> str:
        title = f"{self.tr('私域助手')} {__version__}"
        if self.is_sandbox:
            return f"{title} — {self.tr('演示数据')}"
        return title if self.db.path == self.home else f"{title} — {self.db.path.name}"

    # -- pages ---------------------------------------------------------------------------------
    def _wire(self, key: str, page: QWidget) -> None:
        """Connect a page's signals as it is built (the other pages may not exist yet), and show it as
        the acting role may see it."""
        apply_role = getattr(page, "apply_role", None)
        if apply_role is not None:
            apply_role()
        if key == "patients":
            page.dataChanged.connect(self._data_changed)  # type: ignore[attr-defined]
        elif key == "call_lists":
            page.contactsRecorded.connect(self._data_changed)  # type: ignore[attr-defined]
            page.listExported.connect(lambda _path: self._guide_step(3))  # type: ignore[attr-defined]
        elif key == "dashboard":
            page.patientsRequested.connect(self.show_patients)  # type: ignore[attr-defined]
            # an observed recall interval adopted (复购周期): the catalogue changed, the metrics were
            # recomputed and the dashboard reloads itself
            page.metricsChanged.connect(self._interval_adopted)  # type: ignore[attr-defined]
        elif key == "import":
            # an import, an undo or a merge recomputed the metrics: reload every page built so far
            page.dataChanged.connect(self._metrics_ready)  # type: ignore[attr-defined]
        elif key == "settings":
            page.settingsSaved.connect(self._metrics_ready)  # type: ignore[attr-defined]
            page.languageChanged.connect(self.languageChangeRequested)  # type: ignore[attr-defined]
            page.accessChanged.connect(self.guard.refresh)  # type: ignore[attr-defined]
            page.privacy.show_state()  # type: ignore[attr-defined]

    # each page, built on first access (typed Any: naming their classes here would import them all)
    @property
    def patients_page(self) -> Any:
        return self.pages.page("patients")

    @property
    def call_lists_page(self) -> Any:
        return self.pages.page("call_lists")

    @property
    def dashboard_page(self) -> Any:
        return self.pages.page("dashboard")

    @property
    def import_page(self) -> Any:
        return self.pages.page("import")

    @property
    def settings_page(self) -> Any:
        return self.pages.page("settings")

    def _page_shown(self, index: int) -> None:
        if self.pages.key_at(index) == "dashboard":
            self._guide_step(2)

    def _guide_step(self, step: int) -> None:
        guide = self.guide
        if guide is not None:
            guide.mark(step)

    def go_to(self, key: str) -> QWidget:
        """Show the page of ``key`` (built if need be) and return it."""
        index = self.pages.index_of(key)
        self.nav.setCurrentRow(index)
        self.pages.show(index)
        return self.pages.page(key)

    def _add_keys(self) -> None:
        """Ctrl+N (new patient) from any page, at the top of 文件, and 帮助 → 快捷键 (the list of every
        key: ui.shortcut_list)."""
        from clinic_desktop.ui.shortcut_list import install_help_menu

        self.new_patient_action = QAction(self.tr("新建患者…"), self)
        self.new_patient_action.setShortcut(QKeySequence("Ctrl+N"))  # the same key in every language
        self.new_patient_action.triggered.connect(self.new_patient)
        self.addAction(self.new_patient_action)
        first = self.menus.file.actions()[0]
        self.menus.file.insertAction(first, self.new_patient_action)
        self.menus.file.insertSeparator(first)
        self.help_menu = install_help_menu(self, self.menus.help)

    def new_patient(self) -> None:
        """Show the 患者 page and open the new-patient form there."""
        page = self.go_to("patients")
        page.new_patient()  # type: ignore[attr-defined]

    # -- roles ---------------------------------------------------------------------------------
    def apply_role(self) -> None:
        """Show what the acting role may use: the dashboard (revenue) and the settings are the owner's.

        Hiding is for the eye; the services refuse staff anyway. Pages not built yet get the role when
        they are built (:meth:`_wire`)."""
        access = self.db.access
        owner = access.may(Permission.SEE_REVENUE) and access.may(Permission.CHANGE_SETTINGS)
        for key in ("dashboard", "settings"):
            item = self.nav.item(self.pages.index_of(key))
            if item is not None:
                item.setHidden(not owner)
        if not owner and self.pages.key_at(self.stack.currentIndex()) in ("dashboard", "settings"):
            self.go_to("patients")
        for key in ("patients", "call_lists", "import", "dashboard"):
            page = self.pages.existing(key)
            if page is not None:
                page.apply_role()  # type: ignore[attr-defined]
        settings = self.pages.existing("settings")
        if settings is not None:
            settings.privacy.show_state()  # type: ignore[attr-defined]
        self.data_actions.apply_role(self.db.access)

    # -- status --------------------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.files = DatabaseFiles(self, self.db.path, self.home, self.sandbox)
        self.files.databaseRequested.connect(self.databaseRequested)
        self.sandbox_badge, self.home_button = self.files.sandbox_badge, self.files.home_button
        shown = self.files.status_widgets()
        for control in (self.sandbox_badge, self.home_button):
            control.setVisible(control in shown)
        for item in shown:
            bar.addWidget(item)
        self.path_label = ElidedLabel(str(self.db.path), mode=Qt.TextElideMode.ElideMiddle)
        self.count_label = QLabel()
        self.metrics_label = QLabel()
        bar.addWidget(self.path_label, 1)
        for label in (self.count_label, self.metrics_label):
            bar.addPermanentWidget(label)
        bar.addPermanentWidget(self.guard.status)

    def update_status(self) -> None:
        """Count the patients and read the metrics' date (off the GUI thread), then show them."""
        db = self.db

        def work() -> tuple[tuple[int, int], date | None]:
            # imported here, on the worker: numpy & co. are not needed for the window to appear
            from clinic_desktop.services.metrics import stored_as_of
            from clinic_desktop.services.report import patient_counts

            return patient_counts(db), stored_as_of(db)

        run_in_background(work, self._show_status, lambda _exc: None, owner=self)

    def _show_status(self, status: tuple[tuple[int, int], date | None]) -> None:
        (active, archived), as_of = status
        text = self.tr("患者 %1 位").replace("%1", f"{active:,}")
        if archived:
            text += self.tr("（已归档 %1）").replace("%1", f"{archived:,}")
        self.count_label.setText(text)
        self.metrics_label.setText(
            self.tr("指标截至 %1").replace("%1", as_of.isoformat()) if as_of else self.tr("指标尚未计算")
        )
        guide = self.guide
        if guide is not None:
            guide.set_patients(active)

    def recompute_if_stale(self) -> None:
        """Metrics are "as of" a day: on a new day (or never computed), recompute in the background."""
        from clinic_desktop.services.metrics import recompute, stored_as_of

        db, today = self.db, date.today()

        def stale() -> bool:
            return stored_as_of(db) != today and db.patient_count() > 0

        def recompute_now(needed: bool) -> None:
            if not needed:
                return
            self.metrics_label.setText(self.tr("正在更新指标…"))
            run_in_background(
                lambda: recompute(db, today), lambda _r: self._metrics_ready(), self._failed, owner=self
            )

        run_in_background(stale, recompute_now, self._failed, owner=self)

    def _metrics_ready(self) -> None:
        """The data changed everywhere: refresh every page built so far (the others load fresh)."""
        give_back_memory()  # what the recompute freed, before the list is read again (ui.freed_memory)
        self.update_status()
        for key in ("patients", "dashboard", "settings"):
            page = self.pages.existing(key)
            if page is not None:
                page.reload()  # type: ignore[attr-defined]

    def _data_changed(self) -> None:
        """A record changed on one page: counts elsewhere (the settings' catalogue) follow."""
        self.update_status()
        settings = self.pages.existing("settings")
        if settings is not None:
            settings.reload_catalogue()  # type: ignore[attr-defined]

    def _interval_adopted(self) -> None:
        """The catalogue and the metrics changed from the dashboard: the other pages built so far follow."""
        self._data_changed()
        patients = self.pages.existing("patients")
        if patients is not None:
            patients.reload()  # type: ignore[attr-defined]

    def show_patients(self, patient_ids: Iterable[int], caption: str) -> None:
        """Switch to the 患者 page showing exactly these patients (a dashboard count clicked through)."""
        page = self.go_to("patients")
        page.list.show_only(patient_ids, caption)  # type: ignore[attr-defined]

    def _failed(self, exc: Exception) -> None:
        self.update_status()
        QMessageBox.warning(self, self.tr("私域助手"), self.tr("操作失败：%1").replace("%1", error_text(exc)))

    def _connect_menus(self) -> None:
        self.files.attach(self.menus)
        self.menus.quit.triggered.connect(self.close)
        self.menus.guide.triggered.connect(lambda: self.show_guide(force=True))
        self.menus.about.triggered.connect(self.show_about)

    def open_sandbox(self) -> None:
        self.files.open_sandbox()

    def open_home(self) -> None:
        self.files.open_home()

    # -- first day (帮助) -------------------------------------------------------------------------
    def show_guide(self, *, force: bool = False) -> None:
        from clinic_desktop.ui.first_day import FirstDayGuide, guide_wanted, in_scroll_area

        if self.guide is not None:
            return
        if not force and not guide_wanted(self.qsettings):
            return
        guide = FirstDayGuide(self.db, self.qsettings, sandbox=self.is_sandbox, parent=self)
        guide.importRequested.connect(self.start_import)
        guide.demoRequested.connect(self.open_sandbox)
        guide.homeRequested.connect(self.open_home)
        guide.dashboardRequested.connect(lambda: self.go_to("dashboard"))
        guide.callListRequested.connect(self.start_call_list)
        guide.closed.connect(self._guide_closed)
        guide.clinicNamed.connect(self._clinic_named)
        self.guide = guide
        scroller = in_scroll_area(guide, self)
        self.guide_scroller = scroller
        # the guide takes the column's spare height (scrolling only when there is not enough); the
        # navigation keeps the height of its five pages
        self.guide_slot.setStretchFactor(self.nav, 0)
        self.nav.setMaximumHeight(self.nav.minimumHeight())
        self.guide_slot.addWidget(scroller, 1)
        self.nav.setFixedWidth(guide.WIDTH)
        scroller.show()  # a child added to a shown window is hidden until shown
        self.update_status()

    def _clinic_named(self, _name: str) -> None:
        settings = self.pages.existing("settings")
        if settings is not None:
            settings.reload()  # type: ignore[attr-defined]

    def _guide_closed(self) -> None:
        guide = self.guide
        if guide is not None:
            self.guide = None
            scroller, self.guide_scroller = self.guide_scroller, None
            if scroller is not None:
                scroller.hide()
                scroller.deleteLater()  # the guide with it
            self.nav.setMaximumHeight(16777215)  # QWIDGETSIZE_MAX: the column is the navigation's again
            self.guide_slot.setStretchFactor(self.nav, 1)
            self.nav.setFixedWidth(NAV_WIDTH)

    def start_import(self) -> None:
        page = self.go_to("import")
        page.start_import()  # type: ignore[attr-defined]

    def start_call_list(self) -> None:
        page = self.go_to("call_lists")
        page.generate()  # type: ignore[attr-defined]

    def show_about(self) -> None:
        from clinic_desktop.ui.about import AboutDialog

        dialog = AboutDialog(self.db.path, self)
        dialog.open()
        self.about_dialog = dialog

    def offer_first_day(self) -> None:
        """On an empty database, show the first-day guide; an empty sandbox gets its demo clinic."""
        db = self.db
        run_in_background(db.patient_count, self._first_day, lambda _exc: None, owner=self)

    def _first_day(self, patients: int) -> None:
        if self.is_sandbox and patients == 0:
            self.load_demo(DEMO_PATIENTS)
        from clinic_desktop.ui.first_day import guide_started

        if patients == 0 or guide_started(self.qsettings):
            self.show_guide()

    def load_demo(self, patients: int) -> None:
        """Fill this (sandbox) database with the demo clinic."""
        from clinic_desktop.services.demo import generate_demo  # the name lists load only when wanted
        from clinic_desktop.services.metrics import recompute

        db, today = self.db, date.today()

        def work() -> None:
            generate_demo(db, patients=patients, seed=1, as_of=today)
            recompute(db, today)

        run_in_background(
            work,
            lambda _r: self._demo_loaded(),
            self._failed,
            busy=self.tr("正在生成演示数据…"),
            owner=self,
        )

    def _demo_loaded(self) -> None:
        self._metrics_ready()
        self.statusBar().showMessage(self.tr("演示数据已载入"), 5000)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """The first show: once the window is on screen (its first expose), build the page it opens on
        and start the background reads — so the window appears before any page exists."""
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            handle = self.windowHandle()
            if handle is not None:
                handle.installEventFilter(self)
            QTimer.singleShot(_EXPOSE_WAIT_MS, self._on_screen)  # should no expose event come

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Expose and watched is self.windowHandle():
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._on_screen)  # after this first paint
        return False

    def _on_screen(self) -> None:
        self.pages.show(self.nav.currentRow())
        if self._started:
            return
        self._started = True
        give_back_memory()  # the first page's imports are done (see ui.freed_memory)
        self.update_status()
        self.offer_first_day()
        self.recompute_if_stale()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.before_close is not None and not self.before_close():
            event.ignore()
            return
        self.qsettings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self.qsettings.setValue(PAGE_KEY, self.nav.currentRow())
        super().closeEvent(event)
