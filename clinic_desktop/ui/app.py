"""Start the desktop application on a database file (the default command)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QApplication, QMessageBox

from clinic_desktop import APP_NAME, APP_TITLE_ZH, __version__
from clinic_desktop.paths import demo_db_path
from clinic_desktop.services.database import Database, DatabaseError, open_database, stored_language
from clinic_desktop.ui.database_files import OPEN, SANDBOX
from clinic_desktop.ui.i18n import install_language
from clinic_desktop.ui.main_window import MainWindow, app_icon
from clinic_desktop.ui.widgets import apply_focus_style, apply_ui_font, error_text, run_in_background


class AppController(QObject):
    """Owns the database and the main window: a language change rebuilds the window (every string
    re-translated); opening another database (文件, the demo sandbox) closes the old one and opens a new
    window on the new one."""

    def __init__(self, db: Database, *, sandbox: Path | None = None) -> None:
        super().__init__()
        self.db = db
        # the clinic's database: the one the app started on, or the last one the user opened or created
        self.home = db.path
        self.sandbox = (sandbox or demo_db_path()).expanduser().resolve()
        self.window: MainWindow | None = None

    def open_window(self) -> MainWindow:
        window = MainWindow(self.db, home=self.home, sandbox=self.sandbox)
        window.languageChangeRequested.connect(self.change_language)
        window.databaseRequested.connect(self.switch_database)
        window.show()
        self.window = window
        return window

    def _retire_window(self) -> None:
        old = self.window
        if old is not None:
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

        The old database is closed on the worker after whatever the old pages had queued there (the one
        writer runs tasks in order), and their results are dropped with their pages; a file that cannot
        be opened leaves everything as it was."""
        target = Path(path).expanduser().resolve()
        if target == self.db.path:
            return
        window = self.window

        def work() -> tuple[Database, str]:
            opened = open_database(target, create=how != OPEN)
            return opened, _stored_language(opened)

        run_in_background(
            work,
            lambda result: self._switched(result[0], result[1], how),
            self._switch_failed,
            owner=window,
            busy=QCoreApplication.translate("App", "正在打开数据库…") if window is not None else None,
        )

    def _switched(self, db: Database, language: str, how: str) -> None:
        old, old_window = self.db, self.window
        # after every task the old window queued on the worker: then nothing uses the old file any more
        run_in_background(old.close, lambda _r: None, lambda _exc: None)
        self.db = db
        if how != SANDBOX and db.path != self.sandbox:
            self.home = db.path
        install_language(language)
        self.open_window()  # before the old one closes: closing the last window would quit the app
        if old_window is not None:
            old_window.close()
            old_window.deleteLater()

    def _switch_failed(self, exc: Exception) -> None:
        QMessageBox.warning(
            self.window,
            QCoreApplication.translate("App", "打开数据库"),
            QCoreApplication.translate("App", "没有打开：%1").replace("%1", error_text(exc)),
        )


def _stored_language(db: Database) -> str:
    """Read before the event loop starts and before any widget exists: every string of the first window
    is translated as it is built, so the language cannot arrive later."""
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
    try:
        db = open_database(db_path)
    except DatabaseError as exc:
        QMessageBox.critical(None, APP_TITLE_ZH, str(exc))
        return 2
    install_language(_stored_language(db))
    controller = AppController(db)
    controller.open_window()
    code = app.exec()
    controller.db.close()
    return int(code)
