"""Test-wide setup: headless Qt, a fresh matplotlib cache, a fresh database per test."""

from __future__ import annotations

import os
import shutil
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Before anything imports matplotlib: its font cache goes to a folder of this session's own. A stale cache
# left by another matplotlib (or a half-written one) made the first run on a fresh machine fail.
_MPL_CONFIG = tempfile.mkdtemp(prefix="clinic-tests-mpl-")
os.environ["MPLCONFIGDIR"] = _MPL_CONFIG
# The app's data folder (platformdirs reads XDG_DATA_HOME): the demo sandbox, logs and caches a test
# reaches through clinic_desktop.paths go to a folder of this session's own, never the user's.
_DATA_HOME = tempfile.mkdtemp(prefix="clinic-tests-data-")
os.environ["XDG_DATA_HOME"] = _DATA_HOME
os.environ["XDG_CONFIG_HOME"] = os.path.join(_DATA_HOME, "config")  # QSettings(): the remembered folder

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from clinic_desktop.services.database import Database, open_database  # noqa: E402


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_MPL_CONFIG, ignore_errors=True)
    shutil.rmtree(_DATA_HOME, ignore_errors=True)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "clinic.db")
    yield database
    database.close()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "plain_writes: the test writes in a plain transaction on purpose")


@pytest.fixture(autouse=True)
def _writes_take_the_lock_first(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every test: no statement that writes runs in a transaction the app began plainly (issue 14; see
    :class:`write_watch.PlainWriteWatch`)."""
    from write_watch import PlainWriteWatch

    with PlainWriteWatch() as watch:
        yield
    assert request.node.get_closest_marker("plain_writes") or not watch.plain, (
        f"writes in a transaction begun plainly (use sessions.begin()): {watch.plain[:3]}"
    )
