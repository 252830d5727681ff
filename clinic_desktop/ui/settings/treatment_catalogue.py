"""The treatment catalogue's table model and edit form, used by the settings page."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from clinic_desktop.services import clinic_settings as service
from clinic_desktop.services.clinic_settings import TreatmentInfo
from clinic_desktop.services.patients import pinyin_key
from clinic_desktop.ui.widgets import RIGHT, Column, TableModel, fill


class TreatmentTableModel(TableModel[TreatmentInfo]):
    """The treatment catalogue: tens of rows, so the model holds them all; sorts on raw values."""

    NAME, CATEGORY, RECALL, VISITS, STATUS = range(5)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__((), parent)
        self._grey = QColor("#9e9e9e")
        self.set_columns(
            (
                Column(self.tr("项目"), lambda t: t.name, sort=lambda t: pinyin_key(t.name)),
                Column(
                    self.tr("类别"), lambda t: t.category or "—", sort=lambda t: pinyin_key(t.category or "")
                ),
                Column(self.tr("复诊间隔"), self._recall, sort=lambda t: t.recall_days or 0, align=RIGHT),
                Column(self.tr("到诊次数"), lambda t: f"{t.visits:,}", sort=lambda t: t.visits, align=RIGHT),
                Column(self.tr("状态"), self._status, sort=lambda t: int(t.active)),
            )
        )

    def set_treatments(self, treatments: Sequence[TreatmentInfo]) -> None:
        self.set_rows(treatments)

    def treatment_at(self, row: int) -> TreatmentInfo:
        return self.row(row)

    def treatments(self) -> list[TreatmentInfo]:
        return self.rows()

    def row_of(self, treatment_id: int) -> int | None:
        return self.find(lambda t: t.id == treatment_id)

    def _recall(self, t: TreatmentInfo) -> str:
        return fill(self.tr("%1 天"), t.recall_days) if t.recall_days else self.tr("不提醒")

    def _status(self, t: TreatmentInfo) -> str:
        return self.tr("在用") if t.active else self.tr("已停用")

    def cell_data(self, row: TreatmentInfo, column: int, role: int) -> object:
        return self._grey if role == Qt.ItemDataRole.ForegroundRole and not row.active else None


class TreatmentFormDialog(QDialog):
    """Name, category and recall interval of one treatment (new or edited)."""

    def __init__(
        self, categories: Sequence[str], current: TreatmentInfo | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("编辑项目") if current else self.tr("新增项目"))
        self.name = QLineEdit(current.name if current else "")
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.addItems(list(categories))
        self.category.setCurrentText(current.category or "" if current else "")
        self.remind = QCheckBox(self.tr("到期提醒复诊，间隔"))
        self.days = QSpinBox()
        self.days.setRange(1, service.MAX_RECALL_DAYS)
        self.days.setSuffix(self.tr(" 天"))
        self.days.setValue(current.recall_days or 180 if current else 180)
        self.remind.setChecked(bool(current and current.recall_days))
        self.remind.toggled.connect(self.days.setEnabled)
        self.days.setEnabled(self.remind.isChecked())
        recall = QHBoxLayout()
        recall.addWidget(self.remind)
        recall.addWidget(self.days)
        form = QFormLayout(self)
        form.addRow(self.tr("名称"), self.name)
        form.addRow(self.tr("类别"), self.category)
        form.addRow(self.tr("复诊"), recall)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, str | None, int | None]:
        category = self.category.currentText().strip() or None
        return self.name.text(), category, self.days.value() if self.remind.isChecked() else None
