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
from clinic_desktop.paths import demo_db_path
from clinic_desktop.services.backup import (
    BackupInfo,
    Health,
    RestoreNeedsConfirmation,
    RestoreResult,
    check_file,
    newest_good_backup,
    restore_database,
)
from clinic_desktop.services.database import Database, open_database, stored_language
from clinic_desktop.services.instance import InstanceLock, request_wake
from clinic_desktop.ui.database_files import OPEN, SANDBOX
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
    re-translated), a restore reopens the database and rebuilds it, and opening another database (文件,
    the demo sandbox) moves the one-window lock to it, closes the old one and opens a new window."""

    def __init__(
        self,
        db: Database,
        lock: InstanceLock | None = None,
        crash: CrashReporter | None = None,
        *,
        sandbox: Path | None = None,
    ) -> None:
        super().__init__()
        self.db = db
        self.lock = lock
        # the clinic's database: the one the app started on, or the last one the user opened or created
        self.home = db.path
        self.sandbox = (sandbox or demo_db_path()).expanduser().resolve()
        self.window: MainWindow | None = None
        if crash is not None:
            crash.window = lambda: self.window

    def open_window(self) -> MainWindow:
        window = MainWindow(self.db, home=self.home, sandbox=self.sandbox)
        window.languageChangeRequested.connect(self.change_language)
        window.restoreRequested.connect(self.restore)
        window.databaseRequested.connect(self.switch_database)
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

    # -- another database ----------------------------------------------------------------------------
    def switch_database(self, path: str, how: str) -> None:
        """Open ``path`` (``how``: open an existing file, create a new one, or the demo sandbox, created
        if need be) off the GUI thread; then close the old window and database and show the new one.

        The new file's one-window lock is taken first (a file open in another window is refused and that
        window brought forward); the old database gets its close backup and is closed on the worker after
        whatever the old pages had queued there (the one writer runs tasks in order), and only then is its
        lock released. A file that cannot be opened leaves everything as it was."""
        target = Path(path).expanduser().resolve()
        if target == self.db.path:
            return
        window = self.window

        def work() -> tuple[Database, str, InstanceLock | None]:
            if how != OPEN:
                target.parent.mkdir(parents=True, exist_ok=True)
            lock: InstanceLock | None = None
            if self.lock is not None:  # the app runs under locks (tests may run without)
                lock = InstanceLock(target)
                if not lock.acquire():
                    request_wake(target)
                    raise OpenElsewhere(target)
            try:
                opened = open_database(target, create=how != OPEN)
                return opened, stored_language(opened), lock
            except BaseException:
                if lock is not None:
                    lock.release()
                raise

        run_in_background(
            work,
            lambda result: self._switched(result[0], result[1], result[2], how),
            self._switch_failed,
            owner=window,
            busy=QCoreApplication.translate("App", "正在打开数据库…") if window is not None else None,
        )

    def _switched(self, db: Database, language: str, lock: InstanceLock | None, how: str) -> None:
        old, old_window, old_lock = self.db, self.window, self.lock
        backups = old_window.backups if old_window is not None else None

        def close_old() -> None:
            try:
                if backups is not None and backups.due_on_close():
                    backups.run("close")
            finally:
                old.close()

        def release(_result: object = None) -> None:
            if old_lock is not None:
                old_lock.release()

        def close_failed(exc: Exception) -> None:
            log.warning("closing the previous database failed: %s", type(exc).__name__)
            release()

        # after every task the old window queued on the worker: then nothing uses the old file any more
        run_in_background(close_old, release, close_failed)
        self.db, self.lock = db, lock
        if how != SANDBOX and db.path != self.sandbox:
            self.home = db.path
        install_language(language)
        if old_window is not None:
            old_window.before_close = None  # its close backup runs above, before its database closes
        self.open_window()  # before the old one closes: closing the last window would quit the app
        if old_window is not None:
            old_window.close()
            old_window.deleteLater()
        self.check_in_background()

    def _switch_failed(self, exc: Exception) -> None:
        if isinstance(exc, OpenElsewhere):
            text = QCoreApplication.translate(
                "App", "这个数据库已在另一个私域助手窗口中打开，已切换到那个窗口。"
            )
        else:
            text = QCoreApplication.translate("App", "没有打开：%1").replace("%1", error_text(exc))
        QMessageBox.warning(self.window, QCoreApplication.translate("App", "打开数据库"), text)

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

        def work() -> tuple[RestoreResult, Database, int]:
            db.access.require(Permission.RESTORE)  # the owner's (the services refuse staff anyway)
            db.close()
            result = restore_database(
                Path(source), db.path, allow_empty=allow_empty, in_app=True, access=db.access
            )
            from clinic_desktop.services.privacy import reapply_erasures  # not at start-up

            restored = open_database(db.path)
            # a patient erased after the backup was taken stays erased (PIPL)
            return result, restored, reapply_erasures(restored)

        run_in_background(
            work,
            self._restored,
            lambda exc: self._restore_failed(exc, source),
            owner=window,
            busy=QCoreApplication.translate("App", "正在恢复…") if window is not None else None,
        )

    def _restored(self, outcome: tuple[RestoreResult, Database, int]) -> None:
        result, restored, erased = outcome
        self._retire_window()
        self.db = restored
        window = self.open_window()
        text = QCoreApplication.translate(
            "App", "已从备份恢复 %1 位患者。恢复前的数据库已自动备份。"
        ).replace("%1", f"{result.patients:,}")
        if erased:
            text += QCoreApplication.translate(
                "App", "备份里有 %1 位在备份之后被删除的患者，已再次删除。"
            ).replace("%1", f"{erased:,}")
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


class OpenElsewhere(Exception):
    """The database chosen is open in another window of the app (its lock is held)."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


def _stored_language(db: Database) -> str:
    """Read before the event loop starts and before any widget exists: every string of the first window
    is translated as it is built, so the language cannot arrive later (one plain query: the ORM models
    load after the window appears)."""
    return stored_language(db)


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
            if controller.lock is not None and controller.lock is not lock:
                controller.lock.release()  # the database opened last (文件 → 打开…) is closed now
            return int(code)
        finally:
            lock.release()
    finally:
        crash.uninstall()
