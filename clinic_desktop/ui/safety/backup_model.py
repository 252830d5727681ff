"""The backups of a database as a table: when, why, how many patients, how big.

The patient count is read from each file in the background (a ``COUNT(*)`` each — milliseconds, but a
USB disk may be slow), so the list appears at once and fills in: ``None`` while not read yet, ``-1`` for
a file that cannot be read (it is shown, and a restore of it would be refused)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtWidgets import QWidget

from clinic_desktop.services.backup import BackupInfo
from clinic_desktop.ui.safety.texts import reason_label
from clinic_desktop.ui.widgets import RIGHT, Column, TableModel


@dataclass(frozen=True)
class BackupRow:
    info: BackupInfo
    patients: int | None = None

    @property
    def path(self) -> Path:
        return self.info.path


class BackupTableModel(TableModel[BackupRow]):
    WHEN, REASON, PATIENTS, SIZE = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__((), parent)
        self.set_columns(
            (
                Column(
                    self.tr("备份时间"),
                    lambda r: r.info.taken_at.strftime("%Y-%m-%d %H:%M:%S"),
                    sort=lambda r: r.info.taken_at,
                    tooltip=lambda r: str(r.path),
                ),
                Column(self.tr("类型"), lambda r: reason_label(r.info.reason)),
                Column(self.tr("患者数"), self._patients, sort=lambda r: r.patients, align=RIGHT),
                Column(
                    self.tr("大小"),
                    lambda r: f"{r.info.size_bytes / 1_048_576:,.1f} MB",
                    sort=lambda r: r.info.size_bytes,
                    align=RIGHT,
                ),
            )
        )

    def _patients(self, row: BackupRow) -> str:
        if row.patients is None:
            return "…"
        return self.tr("无法读取") if row.patients < 0 else f"{row.patients:,}"

    def set_backups(self, backups: list[BackupInfo]) -> None:
        self.set_rows([BackupRow(b) for b in backups])

    def set_patients(self, counts: dict[Path, int]) -> None:
        """Patient counts by backup file (``-1``: unreadable)."""
        for i, row in enumerate(self.rows()):
            if row.path in counts:
                self.set_row(i, replace(row, patients=counts[row.path]))
