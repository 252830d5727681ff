"""Exports open in a folder that exists: the last one used, else Documents (created if missing)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from clinic_desktop.ui.widgets import export_folder, remember_folder
from clinic_desktop.ui.widgets import file_folders as module


def test_documents_made_then_the_last_folder_while_it_exists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = tmp_path / "home" / "Documents"
    monkeypatch.setattr(module.QStandardPaths, "writableLocation", lambda _where: str(documents))
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    assert export_folder(settings) == documents and documents.is_dir()  # missing: created
    usb = tmp_path / "usb"
    usb.mkdir()
    remember_folder(usb / "回访名单.xlsx", settings)
    assert export_folder(settings) == usb
    usb.rmdir()  # the stick was pulled out
    assert export_folder(settings) == documents
