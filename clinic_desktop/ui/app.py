"""Start the desktop application on a database file (the default command)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from clinic_desktop import APP_NAME, APP_TITLE_ZH, __version__
from clinic_desktop.services.database import Database, DatabaseError, open_database
from clinic_desktop.ui.i18n import install_language
from clinic_desktop.ui.main_window import MainWindow, app_icon
from clinic_desktop.ui.widgets import apply_focus_style, apply_ui_font


class AppController:
    """Owns the main window; a language change rebuilds it (every string re-translated)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.window: MainWindow | None = None

    def open_window(self) -> MainWindow:
        window = MainWindow(self.db)
        window.languageChangeRequested.connect(self.change_language)
        window.show()
        self.window = window
        return window

    def change_language(self, language: str) -> None:
        install_language(language)
        old = self.window
        if old is not None:
            old.close()
            old.deleteLater()
        self.open_window()


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
    try:
        db = open_database(db_path)
    except DatabaseError as exc:
        QMessageBox.critical(None, APP_TITLE_ZH, str(exc))
        return 2
    install_language(_stored_language(db))
    controller = AppController(db)
    controller.open_window()
    code = app.exec()
    db.close()
    return int(code)
