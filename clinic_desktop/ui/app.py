"""Start the desktop application on a database file (the default command)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from clinic_desktop import APP_TITLE_ZH, __version__
from clinic_desktop.services.database import DatabaseError, open_database
from clinic_desktop.ui.main_window import MainWindow


def run(db_path: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_TITLE_ZH)
    app.setApplicationVersion(__version__)
    try:
        db = open_database(db_path)
    except DatabaseError as exc:
        QMessageBox.critical(None, APP_TITLE_ZH, str(exc))
        return 2
    window = MainWindow(db)
    window.show()
    code = app.exec()
    db.close()
    return int(code)
