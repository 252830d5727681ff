"""The one background-task helper: the owner guard drops results for a widget that is gone (in both the
real and the synchronous runner), and a busy message needs a widget to show over."""

from __future__ import annotations

from typing import Any

import pytest
import shiboken6
from PySide6.QtWidgets import QWidget

from clinic_desktop.ui.widgets import tasks
from clinic_desktop.ui.widgets.tasks import run_in_background


@pytest.mark.parametrize("synchronous", [True, False])
def test_results_for_a_deleted_owner_are_dropped(qtbot: Any, synchronous: bool) -> None:
    tasks.set_synchronous(synchronous)
    try:
        owner = QWidget()
        results: list[object] = []
        shiboken6.delete(owner)
        run_in_background(lambda: 42, results.append, results.append, owner=owner)
        run_in_background(lambda: 1 / 0, results.append, results.append, owner=owner)
        delivered: list[int] = []
        run_in_background(lambda: 7, delivered.append, lambda _e: None)  # no owner: always delivered
        qtbot.waitUntil(lambda: delivered == [7], timeout=5_000)
        assert results == []
    finally:
        tasks.set_synchronous(False)


def test_results_reach_a_live_owner(qtbot: Any) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    results: list[object] = []
    errors: list[Exception] = []
    run_in_background(lambda: "done", results.append, errors.append, owner=owner, busy="正在计算…")
    run_in_background(lambda: int("x"), results.append, errors.append, owner=owner)
    qtbot.waitUntil(lambda: len(results) + len(errors) == 2, timeout=5_000)
    assert results == ["done"] and isinstance(errors[0], ValueError)


def test_a_busy_message_needs_an_owner_widget(qtbot: Any) -> None:
    with pytest.raises(TypeError):
        run_in_background(lambda: None, lambda _r: None, lambda _e: None, busy="正在计算…")
