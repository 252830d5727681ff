"""Run a service call off the GUI thread and get its result (or exception) back on the GUI thread.

Database writes go through one single-thread pool, so SQLite sees one writer at a time; tests swap in
:func:`set_synchronous` to run tasks inline (Picard's ``FakeThreadPool`` habit).

Long work (an import of 100,000 rows) can report progress: pass ``progress=`` and the work function gets
a thread-safe reporter to call with ``(done, total)``; the reports reach the GUI thread as queued
signals, thinned out so a per-row report cannot flood the event loop.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

#: work shorter than this never flashes a progress dialog
PROGRESS_DELAY_MS = 500
#: at most one progress report per this many seconds reaches the GUI thread (the first and last always do)
PROGRESS_INTERVAL_S = 0.05

#: what a work function calls to say how far it got: ``report(done, total)``
Reporter = Callable[[int, int], None]

_writer_pool: QThreadPool | None = None
_synchronous = False


def set_synchronous(value: bool) -> None:
    global _synchronous
    _synchronous = value


def _pool() -> QThreadPool:
    global _writer_pool
    if _writer_pool is None:
        _writer_pool = QThreadPool()
        _writer_pool.setMaxThreadCount(1)  # one writer: SQLite has one
    return _writer_pool


class _Bridge(QObject):
    done = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)


def _throttled(report: Reporter) -> Reporter:
    """A reporter passing on the first report, the last (``done >= total``) and at most one report per
    :data:`PROGRESS_INTERVAL_S` in between: a service may report every row without flooding the GUI."""
    last = [float("-inf")]

    def throttled(done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - last[0] >= PROGRESS_INTERVAL_S:
            last[0] = now
            report(int(done), int(total))

    return throttled


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], bridge: _Bridge) -> None:
        super().__init__()
        self.fn = fn
        self.bridge = bridge

    @Slot()
    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # delivered to the GUI thread, shown to the user there
            self.bridge.failed.emit(exc)
        else:
            self.bridge.done.emit(result)


_live: set[_Bridge] = set()


def run_in_background(
    fn: Callable[..., Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
    *,
    busy: tuple[QWidget, str] | None = None,
    owner: QObject | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Call ``fn()`` on the worker; ``on_done(result)`` or ``on_error(exc)`` runs on the GUI thread.

    With ``busy=(parent, message)`` a modal progress dialog appears if the work takes longer than
    ``PROGRESS_DELAY_MS`` (quick work never flashes one) and closes when it ends. With ``owner``, the
    callbacks are dropped if that widget was deleted meanwhile (a window closed while work ran).

    With ``progress``, ``fn`` is called with one argument instead of none: a :data:`Reporter` the work
    calls (from the worker thread) with ``(done, total)``; ``progress(done, total)`` then runs on the GUI
    thread, thinned to one call per :data:`PROGRESS_INTERVAL_S` plus the last one, always before
    ``on_done``.
    """
    if _synchronous:
        try:
            result = fn() if progress is None else fn(_throttled(progress))
        except Exception as exc:
            on_error(exc)
        else:
            on_done(result)
        return
    bridge = _Bridge()  # lives in the GUI thread, so its signals are delivered there (queued)
    _live.add(bridge)
    if progress is not None:

        def show_progress_report(done: int, total: int) -> None:
            if bridge in _live and (owner is None or isValid(owner)):
                progress(done, total)

        bridge.progressed.connect(show_progress_report)
        # emitting from the worker queues the call onto the GUI thread, where the bridge lives
        reporter = _throttled(bridge.progressed.emit)
        with_reporter = fn
        fn = lambda: with_reporter(reporter)  # noqa: E731 - the task below calls fn() with no argument
    dialog: list[QProgressDialog] = []
    timer: QTimer | None = None
    if busy is not None:
        parent, message = busy

        def show_progress() -> None:
            if bridge in _live:
                box = QProgressDialog(message, "", 0, 0, parent)
                box.setCancelButton(None)
                box.setWindowModality(Qt.WindowModality.WindowModal)
                box.setMinimumDuration(0)
                box.show()
                dialog.append(box)

        timer = QTimer(bridge)
        timer.setSingleShot(True)
        timer.timeout.connect(show_progress)
        timer.start(PROGRESS_DELAY_MS)

    def finish(callback: Callable[[Any], None]) -> Callable[[Any], None]:
        def handler(value: Any) -> None:
            _live.discard(bridge)
            if timer is not None:
                timer.stop()
            for box in dialog:
                if isValid(box):
                    box.close()
                    box.deleteLater()
            if owner is not None and not isValid(owner):
                return
            callback(value)

        return handler

    bridge.done.connect(finish(on_done))
    bridge.failed.connect(finish(on_error))
    _pool().start(_Task(fn, bridge))
