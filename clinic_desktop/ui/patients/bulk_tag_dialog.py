"""Bulk tagging (issue 3, part 4): add one tag to, or remove it from, many selected patients at once.

The tags are read, and the write is made, off the GUI thread (:func:`run_in_background`): tagging a
campaign audience of 100,000 patients must not freeze the window.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.services import patients as tag_service
from clinic_desktop.services.database import Database
from clinic_desktop.services.patients import TagInfo
from clinic_desktop.ui.widgets import category_label, error_text, fill, run_in_background, swatch


class BulkTagDialog(QDialog):
    """Add one tag to, or remove it from, every selected patient (e.g. a campaign audience)."""

    tagsChanged = Signal()

    def __init__(self, db: Database, patient_ids: Sequence[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.patient_ids = list(patient_ids)
        self.result_message = ""
        self.setWindowTitle(self.tr("批量打标签"))
        self.count_label = QLabel(self.tr("已选择 %n 位患者", "", len(self.patient_ids)))
        self.add_radio = QRadioButton(self.tr("添加标签"))
        self.remove_radio = QRadioButton(self.tr("移除标签"))
        self.add_radio.setChecked(True)
        self.mode = QButtonGroup(self)
        self.mode.addButton(self.add_radio)
        self.mode.addButton(self.remove_radio)
        self.tag_combo = QComboBox()
        self.tag_combo.setMinimumContentsLength(16)
        self._names: dict[int, str] = {}
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("执行"))
        self.ok_button.setEnabled(False)  # until the tags are read
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        modes = QHBoxLayout()
        modes.addWidget(self.add_radio)
        modes.addWidget(self.remove_radio)
        modes.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("操作"), modes)
        form.addRow(self.tr("标签"), self.tag_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count_label)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        run_in_background(lambda: tag_service.list_tags(db), self._show_tags, self._failed, owner=self)

    def _show_tags(self, tags: list[TagInfo]) -> None:
        for tag in tags:
            if tag.rule is not None:  # rule-derived (PRODUCT §4.1): only the recompute assigns it
                continue
            label = f"{tag.name}（{category_label(tag.category)}）"
            self.tag_combo.addItem(swatch(tag.color), label, tag.id)
            self._names[tag.id] = tag.name
        if not self.tag_combo.count():
            self.status.setText(self.tr("还没有标签，请先在“标签管理”中新建。"))
        self.ok_button.setEnabled(bool(self.patient_ids) and self.tag_combo.count() > 0)

    def _failed(self, exc: Exception) -> None:
        self.ok_button.setEnabled(bool(self.patient_ids) and self.tag_combo.count() > 0)
        self.status.setStyleSheet("color: #c62828;")
        self.status.setText(error_text(exc))

    def select_tag(self, tag_id: int) -> None:
        self.tag_combo.setCurrentIndex(self.tag_combo.findData(tag_id))

    def apply(self) -> None:
        tag_id = self.tag_combo.currentData()
        if tag_id is None or not self.patient_ids:
            return
        name = self._names[int(tag_id)]
        adding = self.add_radio.isChecked()
        action = tag_service.add_tag_to_patients if adding else tag_service.remove_tag_from_patients
        ids, total = self.patient_ids, len(self.patient_ids)
        self.ok_button.setEnabled(False)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("正在处理…"))

        def done(changed: int) -> None:
            template = (
                self.tr("已为 %1 位患者添加“%2”（%3 位原已有）")
                if adding
                else self.tr("已从 %1 位患者移除“%2”（%3 位原本没有）")
            )
            self.result_message = fill(template, f"{changed:,}", name, f"{total - changed:,}")
            self.status.setText(self.result_message)
            self.tagsChanged.emit()
            self.accept()

        db, chosen = self.db, int(tag_id)
        run_in_background(
            lambda: action(db, chosen, ids),
            done,
            self._failed,
            owner=self,
            busy=self.tr("正在处理 %n 位患者…", "", total),
        )
