"""Qt test helpers shared by the widget tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from clinic_desktop.ui.widgets import tasks


@pytest.fixture
def sync_tasks() -> Iterator[None]:
    """Run background tasks inline, so a test sees their result right after the click."""
    tasks.set_synchronous(True)
    yield
    tasks.set_synchronous(False)
