"""A demo clinic with its window's settings kept in the test's folder."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from clinic_desktop.services.database import Database, open_database
from clinic_desktop.services.demo import generate_demo
from clinic_desktop.ui import main_window


@pytest.fixture
def clinic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    monkeypatch.setattr(
        main_window, "QSettings", lambda: QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    )
    database = open_database(tmp_path / "clinic.db")
    generate_demo(database, patients=25, seed=2, as_of=date(2026, 6, 30))
    yield database
    database.close()


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What message boxes said (information, warning, critical); questions are answered Yes."""
    from PySide6.QtWidgets import QMessageBox

    said: list[str] = []

    def tell(*args: object, **_kw: object) -> QMessageBox.StandardButton:
        said.append(str(args[2]))
        return QMessageBox.StandardButton.Ok

    def ask(*args: object, **_kw: object) -> QMessageBox.StandardButton:
        said.append(str(args[2]))
        return QMessageBox.StandardButton.Yes

    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(f"PySide6.QtWidgets.QMessageBox.{name}", tell)
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.question", ask)
    return said
