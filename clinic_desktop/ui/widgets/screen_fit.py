"""Window sizes that fit the smallest screen the clinics have: 1,366×768 (a taskbar and a title bar
leave 1,366×698 for a window), and never more than the screen the window is on."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# what a 1,366×768 screen leaves a window: less a 40 px taskbar and a 30 px title bar
SMALL_SCREEN_ROOM = QSize(1366, 768 - 40 - 30)
_TITLE_BAR = 30


def resize_within_screen(widget: QWidget, width: int, height: int) -> None:
    """``widget.resize`` to at most ``width``×``height``, to what a 1,366×768 screen leaves, and to the
    available area of the screen it is on."""
    room = QSize(SMALL_SCREEN_ROOM)
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry()
        room = room.boundedTo(QSize(available.width(), max(200, available.height() - _TITLE_BAR)))
    widget.resize(QSize(width, height).boundedTo(room))
