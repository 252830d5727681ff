"""A minimal main window: which database is open, where its patients stand, and a first-run offer.

The full reception workbench (navigation, patient list, 360° view) replaces this in the next issue.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop import APP_TITLE_ZH, __version__
from clinic_desktop.core.lifecycle import STAGE_LABELS_ZH, STAGES
from clinic_desktop.services.database import Database
from clinic_desktop.services.report import patient_counts, stored_stage_counts
from clinic_desktop.ui.tasks import run_in_background

DEMO_PATIENTS = 2000


class MainWindow(QMainWindow):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.setWindowTitle(f"{APP_TITLE_ZH} {__version__}")
        central = QWidget(self)
        layout = QVBoxLayout(central)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        form = QFormLayout()
        self.stage_labels: dict[str, QLabel] = {}
        for stage in STAGES:
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.stage_labels[stage.value] = label
            form.addRow(STAGE_LABELS_ZH[stage], label)
        layout.addLayout(form)

        self.first_run = QGroupBox(self.tr("开始使用"))
        box = QVBoxLayout(self.first_run)
        box.addWidget(QLabel(self.tr("数据库还是空的。您可以：")))
        self.demo_button = QPushButton(self.tr("载入演示数据（%n 位患者）", "", DEMO_PATIENTS))
        self.demo_button.clicked.connect(self.load_demo)
        box.addWidget(self.demo_button)
        box.addWidget(
            QLabel(self.tr("导入自己的患者名单：导入功能尚在开发中，下一版本提供（Excel / CSV）。"))
        )
        layout.addWidget(self.first_run)
        layout.addStretch(1)
        self.setCentralWidget(central)
        self.statusBar().showMessage(str(db.path))
        self.resize(640, 460)
        self.refresh()

    def refresh(self) -> None:
        active, archived = patient_counts(self.db)
        text = (
            self.tr("数据库：%1\n患者：%2 位").replace("%1", str(self.db.path)).replace("%2", f"{active:,}")
        )
        if archived:
            text += self.tr("（另有 %1 位已归档）").replace("%1", f"{archived:,}")
        self.summary.setText(text)
        counts = stored_stage_counts(self.db)
        for stage, label in self.stage_labels.items():
            label.setText(f"{counts[stage]:,}")
        self.first_run.setVisible(active + archived == 0)

    def load_demo(self) -> None:
        from clinic_desktop.services.demo import generate_demo
        from clinic_desktop.services.metrics import recompute

        today = date.today()

        def work() -> None:
            generate_demo(self.db, patients=DEMO_PATIENTS, seed=1, as_of=today)
            recompute(self.db, today)

        self.demo_button.setEnabled(False)
        self.demo_button.setText(self.tr("正在生成演示数据…"))
        run_in_background(work, lambda _result: self._demo_done(), self._demo_failed)

    def _demo_done(self) -> None:
        self.refresh()
        self.statusBar().showMessage(self.tr("演示数据已载入"), 5000)

    def _demo_failed(self, exc: Exception) -> None:
        self.demo_button.setEnabled(True)
        self.demo_button.setText(self.tr("载入演示数据（%n 位患者）", "", DEMO_PATIENTS))
        QMessageBox.warning(self, APP_TITLE_ZH, self.tr("演示数据载入失败：%1").replace("%1", str(exc)))
