"""Start the desktop application on a database file (the default command).

Before the window: the log file and the crash dialog (failures are visible), the one-window-per-database
lock (a second start brings the first window forward), and a database that opens — or, when it cannot be
used, a restore from a backup (never a new empty clinic). After: a time-bounded ``quick_check`` in the
background, automatic backups (daily and on close), and restores that reopen the window on the restored
file.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from clinic_desktop import APP_NAME, APP_TITLE_ZH, __version__
from clinic_desktop.app_log import configure_logging
from clinic_desktop.core.access import Permission
from clinic_desktop.services.backup import (
    BackupInfo,
    Health,
    RestoreNeedsConfirmation,
    RestoreResult,
    check_file,
    newest_good_backup,
    restore_database,
)
from clinic_desktop.services.database import Database, open_database
from clinic_desktop.services.instance import InstanceLock, request_wake
from clinic_desktop.ui.i18n import install_language
from clinic_desktop.ui.main_window import MainWindow, app_icon
from clinic_desktop.ui.safety import (
    AutoBackupRunner,
    CrashReporter,
    InstanceWatcher,
    RecoveryDialog,
    bring_forward,
    claim_instance,
    open_or_recover,
)
from clinic_desktop.ui.widgets import apply_focus_style, apply_ui_font, error_text, run_in_background

log = logging.getLogger(__name__)

# the start-up ``quick_check`` stops after this long (a 100,000-patient file takes ~2 s; see the note)
STARTUP_CHECK_S = 5.0

Checked = tuple[Health, tuple[BackupInfo, Health] | None]


def _startup_check(path: Path) -> Checked:
    health = check_file(path, full=False, deadline_s=STARTUP_CHECK_S)
    return health, (None if health.ok else newest_good_backup(path, full=False))


class AppController(QObject):
    """Owns the database and the main window: a language change rebuilds the window (every string
    re-translated), a restore reopens the database and rebuilds it."""

    def __init__(
        self, db: Database, lock: InstanceLock | None = None, crash: CrashReporter | None = None
    ) -> None:
        super().__init__()
        self.db = db
        self.lock = lock
        self.window: MainWindow | None = None
        if crash is not None:
            crash.window = lambda: self.window

    def open_window(self) -> MainWindow:
        window = MainWindow(self.db)
        window.languageChangeRequested.connect(self.change_language)
        window.restoreRequested.connect(self.restore)
        runner = AutoBackupRunner(
            window.backups, window, lambda text: window.statusBar().showMessage(text, 8000)
        )
        window.before_close = runner.before_close
        if self.lock is not None:
            InstanceWatcher(self.lock, window).wakeRequested.connect(lambda: bring_forward(window))
        window.show()
        self.window = window
        return window

    def _retire_window(self) -> None:
        old = self.window
        if old is not None:
            old.before_close = None  # no close backup for a window replaced by another on the same data
            old.close()
            old.deleteLater()

    def change_language(self, language: str) -> None:
        install_language(language)
        self._retire_window()
        self.open_window()

    # -- start-up check --------------------------------------------------------------------------------
    def check_in_background(self) -> None:
        path = self.db.path
        run_in_background(lambda: _startup_check(path), self._checked, self._check_failed)

    def _checked(self, result: Checked) -> None:
        health, newest = result
        log.info(
            "start-up check: %s (%s, %.2f s)",
            health.kind,
            "complete" if health.complete else "partial",
            health.seconds,
        )
        if health.ok or self.window is None:
            return
        dialog = RecoveryDialog(self.db.path, error_text(health), newest, self.window, later=True)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen is not None:
            self.restore(str(dialog.chosen), True)

    def _check_failed(self, exc: Exception) -> None:
        log.warning("start-up check could not run: %s", type(exc).__name__)

    # -- restore ---------------------------------------------------------------------------------------
    def restore(self, source: str, allow_empty: bool) -> None:
        """Close the database, restore ``source`` over it (verified, current file backed up first, audit
        log kept) and reopen the window on the result; on a refusal nothing changed and the window stays."""
        window, db = self.window, self.db
        if window is not None:
            window.setEnabled(False)

        def work() -> RestoreResult:
            db.access.require(Permission.RESTORE)  # the owner's (the services refuse staff anyway)
            db.close()
            return restore_database(
                Path(source), db.path, allow_empty=allow_empty, in_app=True, access=db.access
            )

        run_in_background(
            work,
            self._restored,
            lambda exc: self._restore_failed(exc, source),
            owner=window,
            busy=QCoreApplication.translate("App", "正在恢复…") if window is not None else None,
        )

    def _restored(self, result: RestoreResult) -> None:
        self._retire_window()
        self.db = open_database(self.db.path)
        window = self.open_window()
        text = QCoreApplication.translate(
            "App", "已从备份恢复 %1 位患者。恢复前的数据库已自动备份。"
        ).replace("%1", f"{result.patients:,}")
        window.statusBar().showMessage(text, 15000)
        QMessageBox.information(window, QCoreApplication.translate("App", "从备份恢复"), text)

    def _restore_failed(self, exc: Exception, source: str) -> None:
        window = self.window
        if window is not None:
            window.setEnabled(True)
        if isinstance(exc, RestoreNeedsConfirmation):
            answer = QMessageBox.question(
                window,
                QCoreApplication.translate("App", "从备份恢复"),
                error_text(exc),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer == QMessageBox.StandardButton.Yes:
                self.restore(source, True)
            return
        QMessageBox.warning(
            window,
            QCoreApplication.translate("App", "从备份恢复"),
            QCoreApplication.translate("App", "没有恢复，数据库未改动：%1").replace("%1", error_text(exc)),
        )


def _stored_language(db: Database) -> str:
    """Read before the event loop starts and before any widget exists: every string of the first window
    is translated as it is built, so the language cannot arrive later."""
    from clinic_desktop.services.clinic_settings import load_settings

    return load_settings(db).language


def run(db_path: Path) -> int:
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationDisplayName(APP_TITLE_ZH)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    apply_ui_font(app)
    apply_focus_style(app)  # a focus ring you can see, in every window and dialog
    install_language("zh_CN")  # Qt's own buttons in Chinese from the first message box on
    crash = CrashReporter(configure_logging(db_path))
    crash.install()
    try:
        lock = claim_instance(db_path)
        if lock is None:
            request_wake(db_path)
            QMessageBox.information(
                None,
                APP_TITLE_ZH,
                QCoreApplication.translate(
                    "App", "这个数据库已在另一个私域助手窗口中打开，已切换到那个窗口。"
                ),
            )
            return 0
        try:
            db = open_or_recover(db_path)
            if db is None:
                return 2
            install_language(_stored_language(db))
            controller = AppController(db, lock, crash)
            controller.open_window()
            controller.check_in_background()
            code = app.exec()
            controller.db.close()
            return int(code)
        finally:
            lock.release()
    finally:
        crash.uninstall()
