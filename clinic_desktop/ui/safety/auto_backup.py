"""Automatic backups while the app runs: daily (looked at hourly) and when the window closes, if anything
changed (:class:`clinic_desktop.services.backup.AutoBackup` decides). They run on the background worker;
closing waits for its backup (a progress dialog shows after half a second), then closes for real."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from clinic_desktop.services.autobackup import AutoBackup
from clinic_desktop.services.backup import BackupResult
from clinic_desktop.ui.widgets import error_text, run_in_background

log = logging.getLogger(__name__)

# how often "is a daily backup due?" is asked, and how long after start the first time
CHECK_EVERY_MS = 60 * 60 * 1000
FIRST_CHECK_MS = 2 * 60 * 1000


class AutoBackupRunner(QObject):
    def __init__(
        self, backups: AutoBackup, window: QWidget, say: Callable[[str], None] = lambda _t: None
    ) -> None:
        super().__init__(window)
        self.backups, self.window, self.say = backups, window, say
        self.closing = False
        self.may_close = False
        self._deciding = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.daily)
        self.timer.start()
        QTimer.singleShot(FIRST_CHECK_MS, self, self.daily)

    def daily(self) -> None:
        if self.closing:
            return
        backups = self.backups

        def work() -> BackupResult | None:
            return backups.run("daily") if backups.due_daily() else None

        run_in_background(work, self._daily_done, self._daily_failed, owner=self)

    def _daily_done(self, result: BackupResult | None) -> None:
        if result is not None:
            self.say(self.tr("已自动备份 %1 位患者（已校验）").replace("%1", f"{result.patients:,}"))

    def _daily_failed(self, exc: Exception) -> None:
        log.warning("daily backup failed: %s", type(exc).__name__)
        self.say(self.tr("自动备份失败：%1").replace("%1", error_text(exc)))

    def before_close(self) -> bool:
        """True when the window may close now. Otherwise the close backup starts (if one is due) and the
        window is closed again when it ends."""
        if self.may_close:
            return True
        if self.closing:
            return False
        self.closing = True
        self.timer.stop()
        backups = self.backups

        def work() -> BackupResult | None:
            return backups.run("close") if backups.due_on_close() else None

        self._deciding = True  # work run inline (tests) finishes before this returns
        try:
            run_in_background(
                work,
                lambda _result: self._close_now(),
                self._close_failed,
                owner=self.window,
                busy=self.tr("正在备份，完成后自动关闭…"),
            )
        finally:
            self._deciding = False
        return self.may_close

    def _close_now(self) -> None:
        self.may_close = True
        if not self._deciding:
            self.window.close()

    def _close_failed(self, exc: Exception) -> None:
        answer = QMessageBox.question(
            self.window,
            self.tr("关闭时备份"),
            self.tr("关闭前的自动备份没有完成：%1\n仍然关闭吗？").replace("%1", error_text(exc)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._close_now()
        else:
            self.closing = False
            self.timer.start()
