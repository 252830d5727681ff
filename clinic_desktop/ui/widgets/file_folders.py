"""The folder file dialogs open in: the last one the user chose, else their Documents folder.

A save dialog pointed at a folder that does not exist (``~/Documents`` on a fresh Linux account, a
USB stick no longer plugged in) shows an error or an unrelated folder; so the Documents folder is
created if missing, and the last folder used — remembered in ``QSettings`` across starts — is offered
only while it exists.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

LAST_FOLDER_KEY = "files/last_folder"


def export_folder(settings: QSettings | None = None) -> Path:
    """The last folder used if it still exists, else Documents (made if need be), else the home folder."""
    stored = (settings or QSettings()).value(LAST_FOLDER_KEY)
    if isinstance(stored, str) and stored and Path(stored).is_dir():
        return Path(stored)
    return documents_folder()


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found) if found else Path.home() / "Documents"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return Path.home()
    return folder


def remember_folder(chosen: Path | str, settings: QSettings | None = None) -> None:
    """Remember the folder of ``chosen`` (a file the user picked) for the next dialog."""
    path = Path(chosen)
    folder = path if path.is_dir() else path.parent
    (settings or QSettings()).setValue(LAST_FOLDER_KEY, str(folder))
