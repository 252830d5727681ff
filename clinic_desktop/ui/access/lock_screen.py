"""The lock screen: it covers the window (no patient on screen) until the owner's password or "continue
as staff" — and doubles as the owner's login from staff mode.

Checking the password takes ~0.1 s (scrypt) and writes an audit row, so it runs in the background. After
a wrong password the button waits a little longer each time (1 s, 2 s, … up to 30 s): guessing at the
desk becomes slow without locking the owner out.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from clinic_desktop.services.database import Database
from clinic_desktop.ui.widgets import ERROR_STYLE, error_text, run_in_background

MAX_WAIT_S = 30


class LockScreen(QWidget):
    """Shown instead of the pages; :attr:`unlocked` after the owner's password, :attr:`resumed` when the
    user goes on as staff (or, logging in, goes back)."""

    unlocked = Signal()
    resumed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._failures = 0
        self.title = QLabel()
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("店主密码"))
        self.password.setMinimumWidth(260)
        self.password.returnPressed.connect(self.try_unlock)
        self.unlock_button = QPushButton(self.tr("店主解锁"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.staff_button = QPushButton()
        self.staff_button.clicked.connect(self._resume)
        self.message = QLabel()
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._wait = QTimer(self)
        self._wait.setSingleShot(True)
        self._wait.timeout.connect(lambda: self.unlock_button.setEnabled(True))

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.password)
        row.addWidget(self.unlock_button)
        row.addStretch(1)
        staff = QHBoxLayout()
        staff.addStretch(1)
        staff.addWidget(self.staff_button)
        staff.addStretch(1)
        box = QVBoxLayout(self)
        box.addStretch(2)
        box.addWidget(self.title)
        box.addWidget(self.explanation)
        box.addSpacing(16)
        box.addLayout(row)
        box.addWidget(self.message)
        box.addSpacing(8)
        box.addLayout(staff)
        box.addStretch(3)
        self.show_locked()

    def show_locked(self) -> None:
        """After the idle time (or 锁定): nobody's data on screen until someone comes back."""
        self.title.setText(self.tr("已锁定"))
        self.explanation.setText(
            self.tr(
                "为保护患者信息，长时间无操作或手动锁定后会隐藏所有内容。店主输入密码解锁，前台可直接继续。"
            )
        )
        self.staff_button.setText(self.tr("以前台身份继续"))
        self._reset()

    def show_login(self) -> None:
        """Staff hands the desk to the owner: the password, or back to work as staff."""
        self.title.setText(self.tr("店主登录"))
        self.explanation.setText(self.tr("输入店主密码，以使用导出、删除、恢复、设置和数据看板等功能。"))
        self.staff_button.setText(self.tr("返回"))
        self._reset()

    def _reset(self) -> None:
        self.password.clear()
        self.message.clear()
        self.password.setFocus()

    def _resume(self) -> None:
        self.password.clear()
        self.resumed.emit()

    def try_unlock(self) -> None:
        password = self.password.text()
        if not password or not self.unlock_button.isEnabled():
            return
        self.unlock_button.setEnabled(False)
        self.message.clear()
        db = self.db

        def check() -> bool:
            from clinic_desktop.services.roles import unlock  # loaded on first use, not at start-up

            return unlock(db, password)

        run_in_background(check, self._checked, self._failed, owner=self)

    def _checked(self, ok: bool) -> None:
        self.password.clear()
        if ok:
            self._failures = 0
            self.unlock_button.setEnabled(True)
            self.unlocked.emit()
            return
        self._failures += 1
        self.message.setText(self.tr("密码不正确"))
        self._wait.start(min(MAX_WAIT_S, self._failures) * 1000)

    def _failed(self, exc: Exception) -> None:
        self.unlock_button.setEnabled(True)
        self.message.setText(error_text(exc))
