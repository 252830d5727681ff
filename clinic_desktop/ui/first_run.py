"""The first-run greeting: an empty database offers demo data or an import."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

DEMO_PATIENTS = 2000


class FirstRunDialog(QDialog):
    """Returns ``DEMO`` or ``IMPORT`` from ``exec()``; 0 means "start empty"."""

    DEMO = 10
    IMPORT = 11

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("欢迎使用私域助手"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "数据库还是空的。先用演示数据熟悉功能，或者导入诊所现有的患者名单。"
                "演示数据只写入当前打开的这个数据库文件，不影响其他任何文件。"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.demo_button = QPushButton(self.tr("载入演示数据（%n 位患者）", "", DEMO_PATIENTS))
        self.demo_button.setDefault(True)
        self.demo_button.clicked.connect(lambda: self.done(self.DEMO))
        layout.addWidget(self.demo_button)
        self.import_button = QPushButton(self.tr("导入患者名单（Excel / CSV）"))
        self.import_button.clicked.connect(lambda: self.done(self.IMPORT))
        layout.addWidget(self.import_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("先空着开始"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(460, 220)
