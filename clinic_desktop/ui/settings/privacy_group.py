"""权限与隐私 on the settings page: the owner password (roles on/off), the staff options, the audit log.

Roles are off until the owner sets a password here; from then on the app starts as 前台 staff. Every
change goes through :mod:`clinic_desktop.services.roles` (validated, audited) off the GUI thread — a
password hash takes ~0.1 s — and :attr:`PrivacyGroup.accessChanged` tells the window to re-read the role.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.core.access import MAX_IDLE_LOCK_MINUTES, MIN_PASSWORD_LENGTH, AccessOptions
from clinic_desktop.services import roles
from clinic_desktop.services.database import Database
from clinic_desktop.ui.widgets import ERROR_STYLE, error_text, fill, run_in_background

#: what a password dialog asks: the current password, a new one (typed twice), or both
CHECK, NEW, CHANGE = "check", "new", "change"


class PasswordDialog(QDialog):
    """Asks for the current password and/or a new one typed twice; :meth:`values` → (current, new)."""

    def __init__(self, mode: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.mode = mode
        self.current, self.new, self.again = QLineEdit(), QLineEdit(), QLineEdit()
        for edit in (self.current, self.new, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMinimumWidth(220)
        form = QFormLayout()
        if mode in (CHECK, CHANGE):
            form.addRow(self.tr("当前店主密码"), self.current)
        if mode in (NEW, CHANGE):
            form.addRow(self.tr("新密码"), self.new)
            form.addRow(self.tr("再输入一次"), self.again)
            hint = QLabel(
                fill(self.tr("至少 %1 个字符。请牢记：忘记后只能在命令行重设。"), MIN_PASSWORD_LENGTH)
            )
            hint.setWordWrap(True)
            hint.setStyleSheet("color: #757575;")
            form.addRow(hint)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _check(self) -> None:
        if self.mode in (NEW, CHANGE):
            if len(self.new.text()) < MIN_PASSWORD_LENGTH:
                self.error.setText(fill(self.tr("新密码至少需要 %1 个字符"), MIN_PASSWORD_LENGTH))
                return
            if self.new.text() != self.again.text():
                self.error.setText(self.tr("两次输入的新密码不一致"))
                return
        if self.mode in (CHECK, CHANGE) and not self.current.text():
            self.error.setText(self.tr("请输入当前店主密码"))
            return
        self.accept()

    def values(self) -> tuple[str, str]:
        return self.current.text(), self.new.text()


class PrivacyGroup(QGroupBox):
    """Roles on/off, the password, the staff options and the audit log button."""

    #: roles were turned on or off, or the staff options changed
    accessChanged = Signal()
    #: the owner wants to read the audit log
    auditRequested = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("权限与隐私"), parent)
        self.db = db
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.enable_button = QPushButton(self.tr("设置店主密码…"))
        self.change_button = QPushButton(self.tr("修改密码…"))
        self.disable_button = QPushButton(self.tr("关闭权限…"))
        self.mask_phones = QCheckBox(self.tr("前台看到的手机号隐藏中间四位"))
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(0, MAX_IDLE_LOCK_MINUTES)
        self.idle_minutes.setSuffix(self.tr(" 分钟"))
        self.idle_minutes.setSpecialValueText(self.tr("不锁屏"))
        self.options_button = QPushButton(self.tr("保存选项"))
        self.audit_button = QPushButton(self.tr("操作日志…"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.enable_button.clicked.connect(self.enable)
        self.change_button.clicked.connect(self.change_password)
        self.disable_button.clicked.connect(self.disable)
        self.options_button.clicked.connect(self.save_options)
        self.audit_button.clicked.connect(self.auditRequested)

        buttons = QHBoxLayout()
        for button in (self.enable_button, self.change_button, self.disable_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        idle = QHBoxLayout()
        idle.addWidget(QLabel(self.tr("无操作")))
        idle.addWidget(self.idle_minutes)
        idle.addWidget(QLabel(self.tr("后锁屏")))
        idle.addStretch(1)
        idle.addWidget(self.options_button)
        box = QVBoxLayout(self)
        box.addWidget(self.state)
        box.addLayout(buttons)
        box.addWidget(self.mask_phones)
        box.addLayout(idle)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.audit_button)
        box.addLayout(bottom)
        self.show_state()

    def show_state(self) -> None:
        access = self.db.access
        on = access.roles_enabled
        if on:
            self.state.setText(
                self.tr(
                    "已启用：软件以前台身份启动，店主输入密码解锁。前台不能导出、删除、恢复、修改设置或查看营收。"
                )
            )
        else:
            self.state.setText(
                self.tr(
                    "未启用：所有使用者都是店主。设置店主密码后，前台将不能导出、删除、恢复、修改设置或查看营收。"
                )
            )
        self.enable_button.setVisible(not on)
        self.change_button.setVisible(on)
        self.disable_button.setVisible(on)
        for widget in (self.mask_phones, self.idle_minutes, self.options_button):
            widget.setEnabled(on)
        self.mask_phones.setChecked(access.options.mask_phones_for_staff)
        self.idle_minutes.setValue(access.options.idle_lock_minutes)

    def _options(self) -> AccessOptions:
        return AccessOptions(self.mask_phones.isChecked(), self.idle_minutes.value())

    def _ask(self, mode: str, title: str) -> tuple[str, str] | None:
        """Ask for passwords (replaced in tests)."""
        dialog = PasswordDialog(mode, title, self)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _run(self, work: Callable[[], object], done_text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(self.tr("正在保存…"))

        def done(_result: object) -> None:
            self.message.setText(done_text)
            self.show_state()
            self.accessChanged.emit()

        def failed(exc: Exception) -> None:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(error_text(exc))
            self.show_state()

        run_in_background(work, done, failed, owner=self)

    def enable(self) -> None:
        answer = self._ask(NEW, self.tr("设置店主密码"))
        if answer is not None:
            db, options, password = self.db, self._options(), answer[1]
            self._run(
                lambda: roles.enable_roles(db, password, options), self.tr("已启用权限；下次启动时为前台身份")
            )

    def change_password(self) -> None:
        answer = self._ask(CHANGE, self.tr("修改店主密码"))
        if answer is not None:
            db, (old, new) = self.db, answer
            self._run(lambda: roles.change_password(db, old, new), self.tr("店主密码已修改"))

    def disable(self) -> None:
        answer = self._ask(CHECK, self.tr("关闭权限"))
        if answer is not None:
            db, password = self.db, answer[0]
            self._run(lambda: roles.disable_roles(db, password), self.tr("已关闭权限：所有使用者都是店主"))

    def save_options(self) -> None:
        db, options = self.db, self._options()
        self._run(lambda: roles.save_options(db, options), self.tr("选项已保存"))
