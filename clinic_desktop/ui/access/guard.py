"""The window's side of roles: the lock screen over the pages, the idle lock, and who is at the desk.

The services refuse staff whatever the screen shows (:meth:`clinic_desktop.core.access.Access.require`);
this keeps the screen honest about it — the owner-only pages and buttons disappear for staff (the window
and each page re-read the role on :attr:`AccessGuard.roleChanged`), phones are masked when the owner
asked, and after the idle time the pages are covered until someone comes back.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from clinic_desktop.core.access import ROLE_LABELS, Role
from clinic_desktop.services.database import Database
from clinic_desktop.ui.access.idle import IdleWatcher
from clinic_desktop.ui.access.lock_screen import LockScreen
from clinic_desktop.ui.widgets import fill, pick


class AccessGuard(QObject):
    """Wraps the window's pages: :meth:`wrap` returns the widget to set as the central widget."""

    #: the acting role (or whether roles are on, or the staff options) changed: re-read ``db.access``
    roleChanged = Signal()

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.root = QStackedWidget()
        self.lock_screen = LockScreen(db)
        self.lock_screen.unlocked.connect(self._unlocked)
        self.lock_screen.resumed.connect(self._resumed)
        self.watcher = IdleWatcher(self)
        self.watcher.idle.connect(self.lock)

        self.status = QWidget()
        row = QHBoxLayout(self.status)
        row.setContentsMargins(0, 0, 0, 0)
        self.role_label = QLabel()
        self.login_button = QPushButton()
        self.login_button.setFlat(True)
        self.login_button.clicked.connect(self._login_or_lock)
        row.addWidget(self.role_label)
        row.addWidget(self.login_button)

    def wrap(self, content: QWidget) -> QWidget:
        self.content = content
        self.root.addWidget(content)
        self.root.addWidget(self.lock_screen)
        self.refresh()
        return self.root

    @property
    def locked(self) -> bool:
        return self.root.currentWidget() is self.lock_screen

    def refresh(self) -> None:
        """Roles turned on or off, or the options changed: show the role, (re)start the idle watch."""
        access = self.db.access
        self.status.setVisible(access.roles_enabled)
        owner = access.role is Role.OWNER
        label = pick(ROLE_LABELS[access.role])
        self.role_label.setText(fill(self.tr("当前：%1"), label))
        self.login_button.setText(self.tr("锁定") if owner else self.tr("店主登录"))
        if not self.locked:
            self.watcher.set_minutes(access.idle_lock_minutes)
        if not access.roles_enabled and self.locked:
            self.root.setCurrentWidget(self.content)
        self.roleChanged.emit()

    def lock(self) -> None:
        """Back to staff and cover the pages (the idle time passed, or 锁定 was pressed)."""
        if not self.db.access.roles_enabled:
            return
        _lock_role(self.db)
        self.watcher.set_minutes(0)
        self._close_dialogs()
        self.lock_screen.show_locked()
        self.root.setCurrentWidget(self.lock_screen)
        self.refresh()

    @staticmethod
    def _close_dialogs() -> None:
        """A patient record left open is a window of its own, which the lock screen would not cover:
        close every open dialog as if cancelled (unsaved typing in it is lost — the price of a lock)."""
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()

    def login(self) -> None:
        self.watcher.set_minutes(0)
        self.lock_screen.show_login()
        self.root.setCurrentWidget(self.lock_screen)

    def _login_or_lock(self) -> None:
        if self.db.access.role is Role.OWNER:
            self.lock()
        else:
            self.login()

    def _unlocked(self) -> None:
        self.root.setCurrentWidget(self.content)
        self.refresh()

    def _resumed(self) -> None:
        _lock_role(self.db)  # going on without the password is going on as staff
        self.root.setCurrentWidget(self.content)
        self.refresh()


def _lock_role(db: Database) -> None:
    # imported when a lock happens: the roles service brings the audit exports (and numpy) with it,
    # which the window's start-up should not wait for
    from clinic_desktop.services.roles import lock

    lock(db)
