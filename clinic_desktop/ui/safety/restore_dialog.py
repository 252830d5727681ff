"""恢复… — choose a backup (each with its date, what made it and its patient count) or any backup file;
it is verified before anything happens, and a failing one is refused right here.

The dialog only chooses: it emits :attr:`RestoreDialog.restoreChosen` with the file and whether the owner
confirmed an empty backup; the app then closes the database and restores (the current database is
backed up first, its audit log carried over — see :mod:`clinic_desktop.services.backup.restore`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.services.backup import Health, backup_folder, check_file, list_backups, patient_count
from clinic_desktop.ui.safety.backup_model import BackupTableModel
from clinic_desktop.ui.widgets import error_text, run_in_background


def _count_all(paths: list[Path]) -> dict[Path, int]:
    counts = {}
    for path in paths:
        found = patient_count(path)
        counts[path] = -1 if found is None else found
    return counts


class RestoreDialog(QDialog):
    # (backup file, the owner confirmed restoring a backup without patients)
    restoreChosen = Signal(str, bool)

    def __init__(self, db_path: Path, current_patients: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.current_patients = current_patients
        self.setWindowTitle(self.tr("从备份恢复"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "选择要恢复的备份。恢复前会先校验备份，并自动备份当前数据库；操作日志会完整保留。备份文件夹：%1"
            ).replace("%1", str(backup_folder(self.db_path)))
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = BackupTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(BackupTableModel.WHEN, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        layout.addWidget(self.table, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox()
        self.restore_button = QPushButton(self.tr("恢复所选备份(&R)"))
        self.file_button = QPushButton(self.tr("从其他文件恢复(&F)…"))
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.file_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_selected)
        self.file_button.clicked.connect(self.restore_from_file)
        layout.addWidget(buttons)
        self.resize(640, 420)
        self.reload()

    def reload(self) -> None:
        backups = list_backups(self.db_path)
        self.model.set_backups(backups)
        self.restore_button.setEnabled(bool(backups))
        if not backups:
            self.status.setText(self.tr("还没有备份。可以用“从其他文件恢复…”选择一个备份文件。"))
            return
        self.table.selectRow(0)
        paths = [b.path for b in backups]
        run_in_background(lambda: _count_all(paths), self.model.set_patients, self._failed, owner=self)

    def _selected_path(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row(rows[0].row()).path

    def restore_selected(self) -> None:
        path = self._selected_path()
        if path is not None:
            self._verify(path)

    def restore_from_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("选择备份文件"),
            str(backup_folder(self.db_path)),
            self.tr("数据库备份 (*.db);;所有文件 (*)"),
        )
        if name:
            self._verify(Path(name))

    def _verify(self, path: Path) -> None:
        """The full check first (integrity, foreign keys, our schema): a failing file is refused here."""
        self.status.setText(self.tr("正在校验备份…"))
        run_in_background(
            lambda: check_file(path, full=True),
            lambda health: self._verified(path, health),
            self._failed,
            owner=self,
            busy=self.tr("正在校验备份…"),
        )

    def _verified(self, path: Path, health: Health) -> None:
        if not health.ok:
            text = self.tr("这个备份未通过校验，不能恢复：%1").replace("%1", error_text(health))
            self.status.setText(text)
            QMessageBox.warning(self, self.tr("从备份恢复"), text)
            return
        self.status.setText(error_text(health))
        allow_empty = False
        if health.patients == 0 and self.current_patients > 0:
            question = self.tr(
                "这个备份里没有任何患者，而当前数据库有 %1 位患者；恢复后患者将全部清空。确定要恢复吗？"
            ).replace("%1", f"{self.current_patients:,}")
            allow_empty = True
        else:
            question = (
                self.tr(
                    "将用这个备份（%1 位患者）替换当前数据库（%2 位患者）。当前数据库会先自动备份。继续吗？"
                )
                .replace("%1", f"{health.patients:,}")
                .replace("%2", f"{self.current_patients:,}")
            )
        answer = QMessageBox.question(
            self,
            self.tr("从备份恢复"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restoreChosen.emit(str(path), allow_empty)
            self.accept()

    def _failed(self, exc: Exception) -> None:
        self.status.setText(self.tr("出错了：%1").replace("%1", error_text(exc)))
