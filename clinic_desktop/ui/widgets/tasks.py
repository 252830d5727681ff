"""Run a service call off the GUI thread and get its result (or exception) back on the GUI thread.

The one background-task helper of the UI: every screen reads and writes the database through
:func:`run_in_background`. Database writes go through one single-thread pool, so SQLite sees one writer at
a time and tasks run in the order they were started; tests swap in :func:`set_synchronous` to run tasks
inline (Picard's ``FakeThreadPool`` habit).

The helper is generic in the result type: ``work`` returns a ``T`` and ``on_done`` takes that ``T``, so a
callback expecting another type is a type error, not a surprise at run time.

Long work (an import of 100,000 rows) can report progress: pass ``progress=`` and the work function gets
a thread-safe reporter to call with ``(done, total)``; the reports reach the GUI thread as queued
signals, thinned out so a per-row report cannot flood the event loop.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar, overload

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

#: work shorter than this never flashes a progress dialog
PROGRESS_DELAY_MS = 500
#: at most one progress report per this many seconds reaches the GUI thread (the first and last always do)
PROGRESS_INTERVAL_S = 0.05

T = TypeVar("T")
#: what a work function calls to say how far it got: ``report(done, total)``
Reporter = Callable[[int, int], None]
#: what receives a failure, on the GUI thread
ErrorHandler = Callable[[Exception], None]

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
    def __init__(self, fn: Callable[[], object], bridge: _Bridge) -> None:
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


@overload
def run_in_background(
    work: Callable[[], T],
    on_done: Callable[[T], None],
    on_error: ErrorHandler,
    *,
    owner: QObject | None = None,
    busy: str | None = None,
) -> None: ...


@overload
def run_in_background(
    work: Callable[[Reporter], T],
    on_done: Callable[[T], None],
    on_error: ErrorHandler,
    *,
    owner: QObject | None = None,
    busy: str | None = None,
    progress: Reporter,
) -> None: ...


def run_in_background(
    work: Callable[..., T],
    on_done: Callable[[T], None],
    on_error: ErrorHandler,
    *,
    owner: QObject | None = None,
    busy: str | None = None,
    progress: Reporter | None = None,
) -> None:
    """Call ``work()`` on the worker; ``on_done(result)`` or ``on_error(exc)`` runs on the GUI thread.

    ``owner``: the widget the result is for. The callbacks (and progress reports) are dropped if it was
    deleted meanwhile — the user may close a page or a dialog while its work runs, and touching its
    widgets afterwards would raise.

    ``busy``: the message of a modal progress dialog over ``owner`` (which must then be a widget), shown
    only if the work takes longer than :data:`PROGRESS_DELAY_MS` (quick work never flashes one) and
    closed when it ends.

    ``progress``: ``work`` is called with one argument instead of none — a :data:`Reporter` the work
    calls (from the worker thread) with ``(done, total)``; ``progress(done, total)`` then runs on the GUI
    thread, thinned to one call per :data:`PROGRESS_INTERVAL_S` plus the last one, always before
    ``on_done``.
    """
    if busy is not None and not isinstance(owner, QWidget):
        raise TypeError("a busy message needs an owner widget to show the progress dialog over")

    def alive() -> bool:
        return owner is None or isValid(owner)

    if _synchronous:
        try:
            result = work() if progress is None else work(_throttled(progress))
        except Exception as exc:
            if alive():
                on_error(exc)
        else:
            if alive():
                on_done(result)
        return
    bridge = _Bridge()  # lives in the GUI thread, so its signals are delivered there (queued)
    _live.add(bridge)
    fn: Callable[[], object] = work
    if progress is not None:
        report_on_gui = progress

        def show_progress_report(done: int, total: int) -> None:
            if bridge in _live and alive():
                report_on_gui(done, total)

        bridge.progressed.connect(show_progress_report)
        # emitting from the worker queues the call onto the GUI thread, where the bridge lives
        reporter = _throttled(bridge.progressed.emit)

        def fn() -> object:
            return work(reporter)

    dialog: list[QProgressDialog] = []
    timer: QTimer | None = None
    if busy is not None and isinstance(owner, QWidget):
        parent, message = owner, busy

        def show_progress() -> None:
            if bridge in _live and isValid(parent):
                box = QProgressDialog(message, "", 0, 0, parent)
                box.setCancelButton(None)  # Qt's way to have no cancel button
                box.setWindowModality(Qt.WindowModality.WindowModal)
                box.setMinimumDuration(0)
                box.show()
                dialog.append(box)

        timer = QTimer(bridge)
        timer.setSingleShot(True)
        timer.timeout.connect(show_progress)
        timer.start(PROGRESS_DELAY_MS)

    def end() -> bool:
        """Close the busy dialog; True if the owner is still there to hear the outcome."""
        _live.discard(bridge)
        if timer is not None:
            timer.stop()
        for box in dialog:
            if isValid(box):
                box.close()
                box.deleteLater()
        return alive()

    def finished(result: T) -> None:
        if end():
            on_done(result)

    def failed(exc: Exception) -> None:
        if end():
            on_error(exc)

    bridge.done.connect(finished)
    bridge.failed.connect(failed)
    _pool().start(_Task(fn, bridge))
