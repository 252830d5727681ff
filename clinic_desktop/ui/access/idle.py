"""Lock after a quiet spell: an app-wide event filter notes the last input, a slow timer compares.

Restarting a timer on every mouse move would work too, but hundreds of moves a second each rescheduling
a timer is waste; the filter only writes a number, and a check every few seconds is precise enough for
a lock measured in minutes. Only input counts — key presses, clicks, wheel and touch, and mouse moves —
so a background task finishing or a repaint never keeps the window unlocked.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

#: how often the quiet time is compared with the limit
CHECK_MS = 5_000

_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


class IdleWatcher(QObject):
    """Emits :attr:`idle` once the app has had no input for ``minutes`` (0 = never)."""

    idle = Signal()

    def __init__(self, parent: QObject | None = None, *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._clock = clock
        self._seconds = 0.0
        self._last = clock()
        self.inputs = 0  #: input events seen (a test can tell the filter is installed)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.check)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        """Watch for ``minutes`` of quiet (0 stops watching); the quiet time starts now."""
        self._seconds = minutes * 60.0
        self._last = self._clock()
        if minutes > 0:
            self._timer.start()
        else:
            self._timer.stop()

    @property
    def watching(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in _INPUT:
            self.inputs += 1
            self._last = self._clock()
        return False

    def check(self) -> None:
        """Emit :attr:`idle` (once) if the quiet time reached the limit; watching resumes on the next
        :meth:`set_minutes` (after the unlock)."""
        if self._seconds > 0 and self._clock() - self._last >= self._seconds:
            self._timer.stop()
            self.idle.emit()

    def stop(self) -> None:
        self._timer.stop()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
