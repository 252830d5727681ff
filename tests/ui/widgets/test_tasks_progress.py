"""Background tasks with progress: reports reach the GUI thread, thinned, the last one before the result."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QCoreApplication, QThread

from clinic_desktop.ui.widgets import tasks
from clinic_desktop.ui.widgets.tasks import Reporter, run_in_background


def _work(report: Reporter) -> str:
    for done in range(20_001):
        report(done, 20_000)
    return "finished"


def test_progress_reaches_the_gui_thread_thinned_and_before_the_result(qtbot) -> None:  # type: ignore[no-untyped-def]
    events: list[tuple[str, object]] = []
    threads: set[bool] = set()
    worker_threads: list[int] = []

    def work(report: Reporter) -> str:
        worker_threads.append(threading.get_ident())
        return _work(report)

    def progress(done: int, total: int) -> None:
        threads.add(QThread.currentThread() is QCoreApplication.instance().thread())
        events.append(("progress", (done, total)))

    run_in_background(
        work, lambda r: events.append(("done", r)), lambda e: events.append(("error", e)), progress=progress
    )
    qtbot.waitUntil(lambda: any(kind == "done" for kind, _ in events), timeout=10_000)

    assert worker_threads and worker_threads[0] != threading.get_ident()  # the work ran off the GUI thread
    assert threads == {True}  # every report was delivered on the GUI thread
    assert events[-1] == ("done", "finished")
    reports = [value for kind, value in events if kind == "progress"]
    assert reports[0] == (0, 20_000)
    assert reports[-1] == (20_000, 20_000)  # the last report always arrives, before the result
    assert len(reports) < 1_000  # 20,001 reports thinned out


def test_progress_in_synchronous_mode_and_errors(qtbot, sync_tasks: None) -> None:  # type: ignore[no-untyped-def]
    reports: list[tuple[int, int]] = []
    results: list[object] = []
    run_in_background(_work, results.append, results.append, progress=lambda d, t: reports.append((d, t)))
    assert results == ["finished"]
    assert reports[0] == (0, 20_000) and reports[-1] == (20_000, 20_000)

    def failing(report: Reporter) -> None:
        report(1, 2)
        raise ValueError("bad row")

    errors: list[Exception] = []
    run_in_background(failing, results.append, errors.append, progress=lambda d, t: None)
    assert [str(e) for e in errors] == ["bad row"]


def test_callers_without_progress_still_call_fn_without_arguments(qtbot) -> None:  # type: ignore[no-untyped-def]
    results: list[object] = []
    run_in_background(lambda: 42, results.append, results.append)
    qtbot.waitUntil(lambda: results == [42], timeout=5_000)


@pytest.mark.parametrize("synchronous", [True, False])
def test_error_after_progress_is_delivered(qtbot, synchronous: bool) -> None:  # type: ignore[no-untyped-def]
    tasks.set_synchronous(synchronous)
    try:
        errors: list[Exception] = []

        def failing(report: Reporter) -> None:
            report(5, 10)
            raise RuntimeError("disk full")

        run_in_background(failing, lambda _r: None, errors.append, progress=lambda d, t: None)
        qtbot.waitUntil(lambda: len(errors) == 1, timeout=5_000)
        assert str(errors[0]) == "disk full"
    finally:
        tasks.set_synchronous(False)
