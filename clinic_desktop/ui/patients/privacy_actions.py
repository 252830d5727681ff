"""A patient's rights in the 360° view (owner only): export everything held about them, or erase them.

Erasing cannot be undone, so the confirmation first shows what would go (read by the service, not guessed
here), says that earlier backups still hold the patient until they rotate out, and asks for the patient's
name to be typed — a click cannot erase anyone by accident.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDir, QStandardPaths, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.core.access import Permission
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute
from clinic_desktop.services.privacy import (
    ErasePlan,
    EraseSummary,
    erase_patient,
    export_patient_data,
    plan_erase,
)
from clinic_desktop.ui.widgets import ERROR_STYLE, error_text, fill, run_in_background


def table_label(table: str) -> str:
    from PySide6.QtCore import QCoreApplication

    labels = {
        "patients": QCoreApplication.translate("PrivacyActions", "患者资料"),
        "visits": QCoreApplication.translate("PrivacyActions", "消费"),
        "surveys": QCoreApplication.translate("PrivacyActions", "满意度"),
        "interactions": QCoreApplication.translate("PrivacyActions", "互动"),
        "appointments": QCoreApplication.translate("PrivacyActions", "预约"),
        "contacts": QCoreApplication.translate("PrivacyActions", "联系记录"),
        "call_list_rows": QCoreApplication.translate("PrivacyActions", "回访名单行"),
        "patient_tags": QCoreApplication.translate("PrivacyActions", "标签"),
        "patient_metrics": QCoreApplication.translate("PrivacyActions", "指标"),
    }
    return labels.get(table, table)


class EraseDialog(QDialog):
    """What erasing this patient removes, and the name typed to confirm it."""

    def __init__(self, plan: ErasePlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(self.tr("删除患者全部数据"))
        counts = "、".join(f"{table_label(t)} {n:,}" for t, n in plan.removed.items())
        lines = [fill(self.tr("将永久删除 %1 的全部数据：%2。"), plan.name, counts)]
        if plan.referrals_cut:
            lines.append(fill(self.tr("由其介绍的 %1 位患者将不再显示介绍人。"), plan.referrals_cut))
        if plan.import_traces or plan.redactions:
            lines.append(
                fill(
                    self.tr("导入记录 %1 条一并删除，其他记录中出现的姓名或手机号 %2 处将被抹去。"),
                    plan.import_traces,
                    plan.redactions,
                )
            )
        lines.append(self.tr("此操作不可撤销。操作日志只记录删除了多少条，不记录此人的任何信息。"))
        lines.append(self.tr("注意：此前的备份中仍保留该患者，直到这些备份按规则轮换删除。"))
        text = QLabel("\n\n".join(lines))
        text.setWordWrap(True)
        text.setMinimumWidth(460)
        self.confirm = QLineEdit(placeholderText=fill(self.tr("请输入“%1”以确认"), plan.name))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("永久删除"))
        self.ok.setStyleSheet("QPushButton { color: #c62828; font-weight: bold; }")
        self.ok.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.confirm.textChanged.connect(lambda typed: self.ok.setEnabled(typed.strip() == plan.name))
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.confirm)
        layout.addWidget(self.buttons)


class PatientPrivacyActions(QWidget):
    """两个按钮 for the owner: export the patient's data, erase the patient."""

    #: the patient is gone (erased; metrics recomputed): close the record
    erased = Signal(int)

    def __init__(
        self, db: Database, patient_id: int, parent: QWidget | None = None, *, as_of: date | None = None
    ):
        super().__init__(parent)
        self.db = db
        self.patient_id = patient_id
        self.as_of = as_of or date.today()
        self.name = ""
        self.export_button = QPushButton(self.tr("导出个人数据…"))
        self.erase_button = QPushButton(self.tr("删除患者数据…"))
        self.erase_button.setStyleSheet("QPushButton { color: #c62828; }")
        for button in (self.export_button, self.erase_button):
            button.setAutoDefault(False)
        self.export_button.clicked.connect(self.export)
        self.erase_button.clicked.connect(self.erase)
        self.message = QLabel()
        self.message.setWordWrap(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.message, 1)
        row.addWidget(self.export_button)
        row.addWidget(self.erase_button)
        self.apply_role()

    def apply_role(self) -> None:
        """Owner only (the services refuse staff anyway)."""
        access = self.db.access
        self.export_button.setVisible(access.may(Permission.EXPORT_PATIENT))
        self.erase_button.setVisible(access.may(Permission.ERASE))

    # --- export ---------------------------------------------------------------------------------------

    def _ask_save_path(self, suggested: str) -> Path | None:
        """Where to write the export (replaced in tests: no native dialog there)."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("导出患者个人数据"),
            str(Path(folder or QDir.homePath()) / suggested),
            self.tr("Excel 工作簿 (*.xlsx);;JSON (*.json)"),
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() in (".xlsx", ".json") else path.with_suffix(".xlsx")

    def export(self) -> None:
        target = self._ask_save_path(fill(self.tr("患者数据_%1.xlsx"), self.as_of.strftime("%Y%m%d")))
        if target is None:
            return
        db, pid = self.db, self.patient_id
        run_in_background(
            lambda: export_patient_data(db, pid, target),
            lambda path: self._say(fill(self.tr("已导出到 %1（含个人敏感信息，请妥善保管）"), str(path))),
            self._failed,
            owner=self,
            busy=self.tr("正在导出…"),
        )

    # --- erase ----------------------------------------------------------------------------------------

    def _confirm(self, plan: ErasePlan) -> bool:
        """Show what goes and ask for the name (replaced in tests)."""
        return EraseDialog(plan, self).exec() == QDialog.DialogCode.Accepted

    def erase(self) -> None:
        db, pid = self.db, self.patient_id
        run_in_background(lambda: plan_erase(db, pid), self._planned, self._failed, owner=self)

    def _planned(self, plan: ErasePlan) -> None:
        if not self._confirm(plan):
            return
        db, pid, as_of = self.db, self.patient_id, self.as_of

        def work() -> EraseSummary:
            summary = erase_patient(db, pid)
            try:
                recompute(db, as_of)  # their referrer's referral count changed
            except Exception:  # noqa: BLE001 - the erase committed: never report it as failed; the
                pass  # metrics are recomputed at the next start (stale) or the next change
            return summary

        run_in_background(
            work,
            lambda _summary: self.erased.emit(pid),
            self._failed,
            owner=self,
            busy=self.tr("正在删除并重新计算指标…"),
        )

    def _say(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)

    def _failed(self, exc: Exception) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(error_text(exc))
