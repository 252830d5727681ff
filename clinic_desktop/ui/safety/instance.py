"""A second window on the same database brings the first one forward instead of opening (GUI side of
:mod:`clinic_desktop.services.instance`).

Why a watched lock file and not ``QLocalServer``/``QLocalSocket``: those live in QtNetwork, which the
installer leaves out; a ``QSharedMemory`` segment can outlive a crashed app on Unix and needs its own
signalling anyway. The OS file lock dies with its holder, and ``QFileSystemWatcher`` (QtCore) tells the
first instance the moment a second one writes its request into the same file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from clinic_desktop.services.instance import InstanceLock


def claim_instance(db_path: Path) -> InstanceLock | None:
    """The lock on ``db_path`` for this app, or None when another window has it open."""
    lock = InstanceLock(db_path)
    return lock if lock.acquire() else None


def bring_forward(window: QWidget) -> None:
    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


class InstanceWatcher(QObject):
    """Emits :attr:`wakeRequested` when another instance asks this one to come forward."""

    wakeRequested = Signal()

    def __init__(self, lock: InstanceLock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lock = lock
        self.watcher = QFileSystemWatcher([str(lock.path)], self)
        self.watcher.fileChanged.connect(self._changed)

    def _changed(self, path: str) -> None:
        if path not in self.watcher.files() and Path(path).exists():
            self.watcher.addPath(path)  # some writers replace the file; keep watching the new one
        if self.lock.take_wake_request():
            self.wakeRequested.emit()
