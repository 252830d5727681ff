"""The 数据 menu: 立即备份, 恢复…, 检查数据库, 备份文件夹…, 打开日志文件夹.

Kept apart from the main window so a File/数据 menu built elsewhere can host the same actions
(:meth:`DataActions.actions`). Every slow step (a verified backup takes ~5 s at 100,000 patients, a full
check about as long) runs in the background; a restore is only *requested* here — the app owns the
database and reopens it afterwards (:attr:`DataActions.restoreRequested`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from clinic_desktop.app_log import active_log_folder
from clinic_desktop.core.access import Access, Permission
from clinic_desktop.services.autobackup import AutoBackup
from clinic_desktop.services.backup import (
    BackupInfo,
    BackupResult,
    Health,
    backup_folder,
    check_file,
    newest_good_backup,
    set_backup_folder,
)
from clinic_desktop.services.database import Database
from clinic_desktop.ui.safety.restore_dialog import RestoreDialog
from clinic_desktop.ui.widgets import error_text, run_in_background

CheckResult = tuple[Health, tuple[BackupInfo, Health] | None]


def _check(db_path: Path) -> CheckResult:
    health = check_file(db_path, full=True)
    return health, (None if health.ok else newest_good_backup(db_path))


class DataActions(QObject):
    # (backup file, the owner confirmed an empty backup): the app restores it and reopens the database
    restoreRequested = Signal(str, bool)
    # a one-line result for the status bar
    said = Signal(str)

    def __init__(self, db: Database, backups: AutoBackup, window: QWidget) -> None:
        super().__init__(window)
        self.db, self.backups, self.window = db, backups, window
        self.backup_action = QAction(self.tr("立即备份(&B)"), self)
        self.restore_action = QAction(self.tr("恢复(&R)…"), self)
        self.check_action = QAction(self.tr("检查数据库(&C)"), self)
        self.folder_action = QAction(self.tr("备份文件夹(&F)…"), self)
        self.logs_action = QAction(self.tr("打开日志文件夹(&L)"), self)
        self.backup_action.triggered.connect(self.backup_now)
        self.restore_action.triggered.connect(self.choose_restore)
        self.check_action.triggered.connect(self.check)
        self.folder_action.triggered.connect(self.choose_folder)
        self.logs_action.triggered.connect(self.open_logs)
        self.dialog: RestoreDialog | None = None
        self.apply_role(db.access)

    def apply_role(self, access: Access) -> None:
        """Restoring and moving the backup folder are the owner's (hiding is for the eye; the services
        refuse staff anyway); backing up and checking are for everyone."""
        self.restore_action.setVisible(access.may(Permission.RESTORE))
        self.folder_action.setVisible(access.may(Permission.CHANGE_SETTINGS))

    def actions(self) -> list[QAction]:
        return [
            self.backup_action,
            self.restore_action,
            self.check_action,
            self.folder_action,
            self.logs_action,
        ]

    def menu(self, parent: QWidget) -> QMenu:
        menu = QMenu(self.tr("数据(&D)"), parent)
        for i, action in enumerate(self.actions()):
            if i in (2, 3):
                menu.addSeparator()
            menu.addAction(action)
        return menu

    # -- backup ----------------------------------------------------------------------------------------
    def backup_now(self) -> None:
        self.backup_action.setEnabled(False)
        run_in_background(
            lambda: self.backups.run(""),
            self._backed_up,
            self._backup_failed,
            owner=self.window,
            busy=self.tr("正在备份并校验…"),
        )

    def _backed_up(self, result: BackupResult) -> None:
        self.backup_action.setEnabled(True)
        text = (
            self.tr("已备份 %1 位患者到 %2（已校验）")
            .replace("%1", f"{result.patients:,}")
            .replace("%2", str(result.path))
        )
        self.said.emit(text)
        QMessageBox.information(self.window, self.tr("立即备份"), text)

    def _backup_failed(self, exc: Exception) -> None:
        self.backup_action.setEnabled(True)
        QMessageBox.warning(
            self.window, self.tr("立即备份"), self.tr("备份失败：%1").replace("%1", error_text(exc))
        )

    # -- restore ---------------------------------------------------------------------------------------
    def choose_restore(self) -> None:
        dialog = RestoreDialog(self.db.path, self.db.patient_count(), self.window)
        dialog.restoreChosen.connect(self.restoreRequested)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    # -- check -----------------------------------------------------------------------------------------
    def check(self) -> None:
        path = self.db.path
        run_in_background(
            lambda: _check(path),
            self._checked,
            self._check_failed,
            owner=self.window,
            busy=self.tr("正在检查数据库…"),
        )

    def _checked(self, result: CheckResult) -> None:
        health, good = result
        title = self.tr("检查数据库")
        said = error_text(health)
        if health.ok:
            text = self.tr("数据库完好：%1 位患者，完整性与外键检查均通过。").replace(
                "%1", f"{health.patients:,}"
            )
            self.said.emit(text)
            QMessageBox.information(self.window, title, text)
            return
        if good is None:
            QMessageBox.warning(
                self.window, title, self.tr("数据库有问题：%1\n没有找到可用的备份。").replace("%1", said)
            )
            return
        info, backup = good
        question = (
            self.tr("数据库有问题：%1\n\n最新的完好备份：%2（%3 位患者）。现在恢复吗？当前文件会先另存。")
            .replace("%1", said)
            .replace("%2", info.taken_at.strftime("%Y-%m-%d %H:%M"))
            .replace("%3", f"{backup.patients:,}")
        )
        answer = QMessageBox.question(
            self.window,
            title,
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restoreRequested.emit(str(info.path), False)

    def _check_failed(self, exc: Exception) -> None:
        QMessageBox.warning(
            self.window, self.tr("检查数据库"), self.tr("检查失败：%1").replace("%1", error_text(exc))
        )

    # -- folders ---------------------------------------------------------------------------------------
    def choose_folder(self) -> None:
        if not self.db.access.may(Permission.CHANGE_SETTINGS):
            return
        current = backup_folder(self.db.path)
        chosen = QFileDialog.getExistingDirectory(
            self.window, self.tr("选择备份文件夹（最好在另一个磁盘上）"), str(current)
        )
        if not chosen:
            return
        try:
            folder = set_backup_folder(self.db.path, Path(chosen))
        except OSError as exc:
            QMessageBox.warning(
                self.window,
                self.tr("备份文件夹"),
                self.tr("不能使用这个文件夹：%1").replace("%1", exc.strerror or str(exc)),
            )
            return
        self.said.emit(self.tr("以后的备份将保存到 %1").replace("%1", str(folder)))

    def open_logs(self) -> None:
        folder = active_log_folder(self.db.path)
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
