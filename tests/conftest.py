"""Test-wide setup: headless Qt, a fresh database per test."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# matplotlib's font list per test session: a cache built while other fonts were installed (or hidden, as
# CI's no-CJK-font run does) would name font files that are not there
os.environ.setdefault("MPLCONFIGDIR", tempfile.mkdtemp(prefix="clinic-tests-mpl-"))

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from clinic_desktop.services.database import Database, open_database  # noqa: E402


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "clinic.db")
    yield database
    database.close()
