"""The backups of a database as a table: when, why, how many patients, how big.

The patient count is read from each file in the background (a ``COUNT(*)`` each — milliseconds, but a
USB disk may be slow), so the list appears at once and fills in; ``None`` while not read yet, ``-1`` for
a file that cannot be read (it is shown, and a restore of it would be refused)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from clinic_desktop.services.backup import BackupInfo
from clinic_desktop.ui.safety.texts import reason_label

Index = QModelIndex | QPersistentModelIndex
# a raw value to sort by (numbers as numbers, times as times)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
WHEN, REASON, PATIENTS, SIZE = range(4)


class BackupTableModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[BackupInfo] = []
        self._patients: dict[int, int] = {}
        self._headers = (self.tr("备份时间"), self.tr("类型"), self.tr("患者数"), self.tr("大小"))

    def set_backups(self, backups: list[BackupInfo]) -> None:
        self.beginResetModel()
        self._rows = list(backups)
        self._patients = {}
        self.endResetModel()

    def set_patients(self, counts: dict[int, int]) -> None:
        """Patient counts by row (``-1``: unreadable)."""
        self._patients.update(counts)
        if self._rows:
            self.dataChanged.emit(self.index(0, PATIENTS), self.index(len(self._rows) - 1, PATIENTS))

    def backup(self, row: int) -> BackupInfo:
        return self._rows[row]

    def patients(self, row: int) -> int | None:
        return self._patients.get(row)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        info, column = self._rows[index.row()], index.column()
        patients = self._patients.get(index.row())
        if role == SORT_ROLE:
            return (
                info.taken_at.timestamp(),
                info.reason,
                -2 if patients is None else patients,
                info.size_bytes,
            )[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (PATIENTS, SIZE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(info.path)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == WHEN:
            return info.taken_at.strftime("%Y-%m-%d %H:%M:%S")
        if column == REASON:
            return reason_label(info.reason)
        if column == PATIENTS:
            if patients is None:
                return "…"
            return self.tr("无法读取") if patients < 0 else f"{patients:,}"
        return f"{info.size_bytes / 1_048_576:,.1f} MB"
