"""A small demo clinic for the backup tests (30 patients with visits, surveys, contacts …)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from clinic_desktop.services.database import Database, open_database
from clinic_desktop.services.demo import generate_demo


@pytest.fixture
def clinic(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "clinic.db")
    generate_demo(database, patients=30, seed=3, as_of=date(2026, 6, 30))
    yield database
    database.close()
