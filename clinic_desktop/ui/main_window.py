"""The main window: left navigation, one page per task, a status bar that says where the data is."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from PySide6.QtCore import QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from clinic_desktop import __version__
from clinic_desktop.core.access import Permission
from clinic_desktop.resource_files import resource_path
from clinic_desktop.services.autobackup import AutoBackup
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute, stored_as_of
from clinic_desktop.services.report import patient_counts
from clinic_desktop.ui.access import AccessGuard
from clinic_desktop.ui.safety import DataActions
from clinic_desktop.ui.widgets import error_text, run_in_background

GEOMETRY_KEY = "main_window/geometry"
PAGE_KEY = "main_window/page"


def app_icon() -> QIcon:
    try:
        return QIcon(str(resource_path("icons/app.svg")))
    except FileNotFoundError:
        return QIcon()


class MainWindow(QMainWindow):
    languageChangeRequested = Signal(str)
    # (backup file, an empty backup was confirmed): the app restores it and reopens the window
    restoreRequested = Signal(str, bool)

    def __init__(self, db: Database, settings: QSettings | None = None) -> None:
        super().__init__()
        self.db = db
        self.qsettings = settings or QSettings()
        self.setWindowTitle(f"{self.tr('私域助手')} {__version__}")
        self.setWindowIcon(app_icon())

        self.nav = QListWidget()
        self.nav.setFixedWidth(132)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setObjectName("navigation")
        self.stack = QStackedWidget()
        self._build_pages()

        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.guard = AccessGuard(db, self)  # the lock screen goes over the pages when the window locks
        self.setCentralWidget(self.guard.wrap(central))
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self._add_keys()

        self.path_label = QLabel(str(db.path))
        self.count_label = QLabel()
        self.metrics_label = QLabel()
        for label in (self.count_label, self.metrics_label):
            self.statusBar().addPermanentWidget(label)
        self.statusBar().addPermanentWidget(self.guard.status)
        self.statusBar().addWidget(self.path_label, 1)

        # 数据 menu: backup, restore, check (a File menu added later can host the same actions)
        self.backups = AutoBackup(db)
        self.data_actions = DataActions(db, self.backups, self)
        self.menuBar().addMenu(self.data_actions.menu(self))
        self.data_actions.restoreRequested.connect(self.restoreRequested)
        self.data_actions.said.connect(lambda text: self.statusBar().showMessage(text, 8000))
        # asked before the window closes; False: not yet (an automatic backup runs, then closes it)
        self.before_close: Callable[[], bool] | None = None

        self.resize(1200, 760)
        geometry = self.qsettings.value(GEOMETRY_KEY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.nav.setCurrentRow(int(self.qsettings.value(PAGE_KEY, 0, type=int)))  # type: ignore[call-overload]
        self.guard.roleChanged.connect(self.apply_role)
        self.settings_page.accessChanged.connect(self.guard.refresh)
        self.apply_role()
        self.update_status()

    # -- pages ---------------------------------------------------------------------------------
    def _build_pages(self) -> None:
        from clinic_desktop.ui.patients import PatientsPage
        from clinic_desktop.ui.settings import SettingsPage

        self.patients_page = PatientsPage(self.db)
        self.patients_page.dataChanged.connect(self.update_status)
        from clinic_desktop.ui.calllists import CallListsPage

        self.call_lists_page = CallListsPage(self.db)
        from clinic_desktop.ui.dashboard import DashboardPage

        self.dashboard_page = DashboardPage(self.db)
        self.dashboard_page.patientsRequested.connect(self.show_patients)
        from clinic_desktop.ui.importing import ImportPage

        self.import_page = ImportPage(self.db)
        # an import, an undo or a merge recomputed the metrics: reload the list and the status bar
        self.import_page.dataChanged.connect(self._metrics_ready)
        self.settings_page = SettingsPage(self.db)
        self.import_page.dataChanged.connect(self.settings_page.reload_catalogue)  # imported treatments
        self.settings_page.settingsSaved.connect(self._settings_saved)
        # an observed recall interval adopted on the dashboard: the catalogue changed, metrics recomputed
        self.dashboard_page.metricsChanged.connect(self.settings_page.reload_catalogue)
        self.dashboard_page.metricsChanged.connect(self.update_status)
        self.dashboard_page.metricsChanged.connect(self.patients_page.reload)
        self.settings_page.languageChanged.connect(self.languageChangeRequested)
        pages = [
            (self.tr("患者"), self.patients_page),
            (self.tr("回访名单"), self.call_lists_page),
            (self.tr("数据看板"), self.dashboard_page),
            (self.tr("导入导出"), self.import_page),
            (self.tr("设置"), self.settings_page),
        ]
        for title, page in pages:
            item = QListWidgetItem(title)
            item.setSizeHint(QSize(120, 40))
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.nav.addItem(item)
            self.stack.addWidget(page)

    def _add_keys(self) -> None:
        """Ctrl+N (new patient) from any page, and 帮助 → 快捷键 (the list of every key: ui.shortcut_list)."""
        from clinic_desktop.ui.shortcut_list import install_help_menu

        self.new_patient_action = QAction(self.tr("新建患者…"), self)
        self.new_patient_action.setShortcut(QKeySequence("Ctrl+N"))  # the same key in every language
        self.new_patient_action.triggered.connect(self.new_patient)
        self.addAction(self.new_patient_action)
        self.help_menu = install_help_menu(self)

    def new_patient(self) -> None:
        """Show the 患者 page and open the new-patient form there."""
        self.nav.setCurrentRow(self.stack.indexOf(self.patients_page))
        self.patients_page.new_patient()

    # -- roles ---------------------------------------------------------------------------------
    def apply_role(self) -> None:
        """Show what the acting role may use: the dashboard (revenue) and the settings are the owner's.

        Hiding is for the eye; the services refuse staff anyway."""
        owner = self.db.access.may(Permission.SEE_REVENUE) and self.db.access.may(Permission.CHANGE_SETTINGS)
        for page in (self.dashboard_page, self.settings_page):
            item = self.nav.item(self.stack.indexOf(page))
            if item is not None:
                item.setHidden(not owner)
        if not owner and self.stack.currentWidget() in (self.dashboard_page, self.settings_page):
            self.nav.setCurrentRow(self.stack.indexOf(self.patients_page))
        for each in (self.patients_page, self.call_lists_page, self.import_page, self.dashboard_page):
            each.apply_role()
        self.data_actions.apply_role(self.db.access)
        self.settings_page.privacy.show_state()

    # -- status --------------------------------------------------------------------------------
    def update_status(self) -> None:
        """Count the patients and read the metrics' date (off the GUI thread), then show them."""
        db = self.db
        run_in_background(
            lambda: (patient_counts(db), stored_as_of(db)), self._show_status, lambda _exc: None, owner=self
        )

    def _show_status(self, status: tuple[tuple[int, int], date | None]) -> None:
        (active, archived), as_of = status
        text = self.tr("患者 %1 位").replace("%1", f"{active:,}")
        if archived:
            text += self.tr("（已归档 %1）").replace("%1", f"{archived:,}")
        self.count_label.setText(text)
        self.metrics_label.setText(
            self.tr("指标截至 %1").replace("%1", as_of.isoformat()) if as_of else self.tr("指标尚未计算")
        )

    def recompute_if_stale(self) -> None:
        """Metrics are "as of" a day: on a new day (or never computed), recompute in the background."""
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
        self.update_status()
        self.patients_page.reload()
        self.dashboard_page.reload()

    def show_patients(self, patient_ids: Iterable[int], caption: str) -> None:
        """Switch to the 患者 page showing exactly these patients (a dashboard count clicked through)."""
        self.patients_page.list.show_only(patient_ids, caption)
        self.nav.setCurrentRow(self.stack.indexOf(self.patients_page))

    def _settings_saved(self) -> None:
        self._metrics_ready()

    def _failed(self, exc: Exception) -> None:
        self.update_status()
        QMessageBox.warning(self, self.tr("私域助手"), self.tr("操作失败：%1").replace("%1", error_text(exc)))

    # -- first run -----------------------------------------------------------------------------
    def offer_first_run(self) -> None:
        """On an empty database, offer demo data or an import (the count is read off the GUI thread)."""
        db = self.db
        run_in_background(db.patient_count, self._first_run, lambda _exc: None, owner=self)

    def _first_run(self, patients: int) -> None:
        from clinic_desktop.ui.first_run import DEMO_PATIENTS, FirstRunDialog

        if patients > 0:
            return
        dialog = FirstRunDialog(self)
        self.first_run_dialog = dialog

        def chosen(choice: int) -> None:
            if choice == FirstRunDialog.DEMO:
                self.load_demo(DEMO_PATIENTS)
            elif choice == FirstRunDialog.IMPORT:
                self.nav.setCurrentRow(self.stack.indexOf(self.import_page))
            dialog.deleteLater()

        dialog.finished.connect(chosen)
        dialog.open()  # window-modal, without a nested event loop

    def load_demo(self, patients: int) -> None:
        from clinic_desktop.services.demo import generate_demo  # the name lists load only when wanted

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
        super().showEvent(event)
        if not getattr(self, "_started", False):
            self._started = True
            QTimer.singleShot(0, self.offer_first_run)
            QTimer.singleShot(0, self.recompute_if_stale)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.before_close is not None and not self.before_close():
            event.ignore()
            return
        self.qsettings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self.qsettings.setValue(PAGE_KEY, self.nav.currentRow())
        super().closeEvent(event)
