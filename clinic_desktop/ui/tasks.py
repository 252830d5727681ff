"""Run a service call off the GUI thread and get its result (or exception) back on the GUI thread.

Database writes go through one single-thread pool, so SQLite sees one writer at a time; tests swap in
:func:`set_synchronous` to run tasks inline (Picard's ``FakeThreadPool`` habit).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

#: work shorter than this never flashes a progress dialog
PROGRESS_DELAY_MS = 500

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
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
    *,
    busy: tuple[QWidget, str] | None = None,
    owner: QObject | None = None,
) -> None:
    """Call ``fn()`` on the worker; ``on_done(result)`` or ``on_error(exc)`` runs on the GUI thread.

    With ``busy=(parent, message)`` a modal progress dialog appears if the work takes longer than
    ``PROGRESS_DELAY_MS`` (quick work never flashes one) and closes when it ends. With ``owner``, the
    callbacks are dropped if that widget was deleted meanwhile (a window closed while work ran).
    """
    if _synchronous:
        try:
            result = fn()
        except Exception as exc:
            on_error(exc)
        else:
            on_done(result)
        return
    bridge = _Bridge()  # lives in the GUI thread, so its signals are delivered there (queued)
    _live.add(bridge)
    dialog: list[QProgressDialog] = []
    timer: QTimer | None = None
    if busy is not None:
        parent, message = busy

        def show_progress() -> None:
            if bridge in _live:
                progress = QProgressDialog(message, "", 0, 0, parent)
                progress.setCancelButton(None)
                progress.setWindowModality(Qt.WindowModality.WindowModal)
                progress.setMinimumDuration(0)
                progress.show()
                dialog.append(progress)

        timer = QTimer(bridge)
        timer.setSingleShot(True)
        timer.timeout.connect(show_progress)
        timer.start(PROGRESS_DELAY_MS)

    def finish(callback: Callable[[Any], None]) -> Callable[[Any], None]:
        def handler(value: Any) -> None:
            _live.discard(bridge)
            if timer is not None:
                timer.stop()
            for progress in dialog:
                if isValid(progress):
                    progress.close()
                    progress.deleteLater()
            if owner is not None and not isValid(owner):
                return
            callback(value)

        return handler

    bridge.done.connect(finish(on_done))
    bridge.failed.connect(finish(on_error))
    _pool().start(_Task(fn, bridge))
