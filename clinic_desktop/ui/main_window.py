"""A minimal main window: which database is open and where its patients stand.

The full reception workbench (navigation, patient list, 360° view) replaces this in the next issue.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QMainWindow, QVBoxLayout, QWidget

from clinic_desktop import APP_TITLE_ZH, __version__
from clinic_desktop.core.lifecycle import STAGE_LABELS_ZH, STAGES
from clinic_desktop.services.database import Database
from clinic_desktop.services.report import stored_stage_counts


class MainWindow(QMainWindow):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.setWindowTitle(f"{APP_TITLE_ZH} {__version__}")
        central = QWidget(self)
        layout = QVBoxLayout(central)
        total = db.patient_count()
        self.summary = QLabel(
            self.tr("数据库：%1\n患者：%2 位").replace("%1", str(db.path)).replace("%2", f"{total:,}")
        )
        layout.addWidget(self.summary)
        form = QFormLayout()
        self.stage_labels: dict[str, QLabel] = {}
        counts = stored_stage_counts(db)
        for stage in STAGES:
            label = QLabel(f"{counts[stage.value]:,}")
            self.stage_labels[stage.value] = label
            form.addRow(STAGE_LABELS_ZH[stage], label)
        layout.addLayout(form)
        if total == 0:
            layout.addWidget(
                QLabel(self.tr("数据库为空。可运行 clinic-desktop demo --db <文件> 生成演示数据。"))
            )
        layout.addStretch(1)
        self.setCentralWidget(central)
        self.statusBar().showMessage(str(db.path))
        self.resize(640, 420)
