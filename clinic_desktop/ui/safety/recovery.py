"""A database that cannot be used — damaged, empty (0 bytes), unreadable or someone else's — is never
replaced by a new empty clinic: the owner is told what is wrong and offered the newest good backup (or
another backup file), or quits with the file untouched."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.services.backup import (
    BackupError,
    BackupInfo,
    Health,
    backup_folder,
    newest_good_backup,
    restore_database,
)
from clinic_desktop.services.database import Database, DatabaseError, NewerDatabaseError, open_database
from clinic_desktop.ui.widgets import error_text


class RecoveryDialog(QDialog):
    """``exec()`` → Accepted with :attr:`chosen` (the backup file to restore), or Rejected."""

    def __init__(
        self,
        db_path: Path,
        problem: str,
        newest: tuple[BackupInfo, Health] | None,
        parent: QWidget | None = None,
        *,
        later: bool = False,
    ) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.chosen: Path | None = None
        self.setWindowTitle(self.tr("数据库有问题"))
        layout = QVBoxLayout(self)
        text = QLabel(
            self.tr("无法正常使用数据库 %1：\n%2\n\n数据库文件没有被改动，也不会被一个新的空数据库替换。")
            .replace("%1", str(self.db_path))
            .replace("%2", problem)
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        buttons = QDialogButtonBox()
        self.newest_button: QPushButton | None = None
        if newest is not None:
            info, health = newest
            offer = QLabel(
                self.tr("最新的完好备份：%1（%2 位患者）。恢复前会另存一份当前文件。")
                .replace("%1", info.taken_at.strftime("%Y-%m-%d %H:%M"))
                .replace("%2", f"{health.patients:,}")
            )
            offer.setWordWrap(True)
            layout.addWidget(offer)
            self.newest_button = QPushButton(self.tr("从最新的完好备份恢复(&R)"))
            self.newest_button.setDefault(True)
            self.newest_button.clicked.connect(lambda: self._choose(info.path))
            buttons.addButton(self.newest_button, QDialogButtonBox.ButtonRole.AcceptRole)
        else:
            layout.addWidget(QLabel(self.tr("没有找到可用的备份。")))
        self.file_button = QPushButton(self.tr("选择备份文件(&F)…"))
        self.file_button.clicked.connect(self._choose_file)
        buttons.addButton(self.file_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.quit_button = QPushButton(self.tr("稍后处理") if later else self.tr("退出(&Q)"))
        self.quit_button.clicked.connect(self.reject)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(buttons)
        self.resize(520, 240)

    def _choose(self, path: Path) -> None:
        self.chosen = Path(path)
        self.accept()

    def _choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("选择备份文件"),
            str(backup_folder(self.db_path)),
            self.tr("数据库备份 (*.db);;所有文件 (*)"),
        )
        if name:
            self._choose(Path(name))


def open_or_recover(db_path: Path) -> Database | None:
    """Open the database for the app; when it cannot be used, offer to restore a backup over it (never
    a new empty one). None: the owner chose to quit (or the file is from a newer version)."""
    restored = False
    while True:
        try:
            db = open_database(db_path)
            if restored:
                from clinic_desktop.services.privacy import reapply_erasures  # not at start-up

                reapply_erasures(db)  # a patient erased after that backup stays erased (PIPL)
            return db
        except NewerDatabaseError as exc:
            QMessageBox.critical(None, QCoreApplication.translate("Recovery", "私域助手"), error_text(exc))
            return None
        except DatabaseError as exc:
            problem = error_text(exc)
        dialog = RecoveryDialog(db_path, problem, newest_good_backup(db_path, full=False))
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None:
            return None
        try:
            restore_database(dialog.chosen, db_path, allow_empty=True, in_app=True)
            restored = True
        except BackupError as refused:
            QMessageBox.warning(
                None,
                QCoreApplication.translate("Recovery", "从备份恢复"),
                QCoreApplication.translate("Recovery", "没有恢复：%1").replace("%1", error_text(refused)),
            )
