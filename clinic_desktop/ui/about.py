"""帮助 → 关于: version, where the data and the logs are (with a button to open them), and the licences
of what the app ships — the bundled font (SIL OFL, its full text) and the libraries (Qt/PySide6 under
the LGPL, and the rest). A clinic redistributing the installer must be able to read these.
"""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop import __version__
from clinic_desktop.app_log import active_log_folder
from clinic_desktop.resource_files import resource_path
from clinic_desktop.ui.widgets import resize_within_screen

# (distribution, what it does here, licence): what the bundle carries, as each project states it
LIBRARIES = (
    ("Python", QT_TRANSLATE_NOOP("AboutDialog", "运行环境"), "PSF-2.0"),
    ("PySide6-Essentials", QT_TRANSLATE_NOOP("AboutDialog", "Qt 6 界面"), "LGPL-3.0-only"),
    ("shiboken6", QT_TRANSLATE_NOOP("AboutDialog", "Qt 绑定"), "LGPL-3.0-only"),
    ("matplotlib", QT_TRANSLATE_NOOP("AboutDialog", "图表"), "Matplotlib License (PSF-based)"),
    ("numpy", QT_TRANSLATE_NOOP("AboutDialog", "计算"), "BSD-3-Clause"),
    ("SQLAlchemy", QT_TRANSLATE_NOOP("AboutDialog", "数据库"), "MIT"),
    ("alembic", QT_TRANSLATE_NOOP("AboutDialog", "数据库升级"), "MIT"),
    ("Mako", QT_TRANSLATE_NOOP("AboutDialog", "数据库升级"), "MIT"),
    ("MarkupSafe", QT_TRANSLATE_NOOP("AboutDialog", "数据库升级"), "BSD-3-Clause"),
    ("openpyxl", QT_TRANSLATE_NOOP("AboutDialog", "Excel 读写"), "MIT"),
    ("et-xmlfile", QT_TRANSLATE_NOOP("AboutDialog", "Excel 读写"), "MIT"),
    ("python-calamine", QT_TRANSLATE_NOOP("AboutDialog", "Excel / WPS 表格读取"), "MIT"),
    ("pypinyin", QT_TRANSLATE_NOOP("AboutDialog", "拼音搜索"), "MIT"),
    ("lunar-python", QT_TRANSLATE_NOOP("AboutDialog", "农历生日"), "MIT"),
    ("platformdirs", QT_TRANSLATE_NOOP("AboutDialog", "数据文件夹"), "MIT"),
    ("pillow", QT_TRANSLATE_NOOP("AboutDialog", "图片"), "MIT-CMU"),
    ("fonttools", QT_TRANSLATE_NOOP("AboutDialog", "字体"), "MIT"),
    ("kiwisolver", QT_TRANSLATE_NOOP("AboutDialog", "图表"), "BSD-3-Clause"),
    ("contourpy", QT_TRANSLATE_NOOP("AboutDialog", "图表"), "BSD-3-Clause"),
    ("cycler", QT_TRANSLATE_NOOP("AboutDialog", "图表"), "BSD-3-Clause"),
    ("pyparsing", QT_TRANSLATE_NOOP("AboutDialog", "图表"), "MIT"),
    ("python-dateutil", QT_TRANSLATE_NOOP("AboutDialog", "日期"), "Apache-2.0 OR BSD-3-Clause"),
    ("packaging", QT_TRANSLATE_NOOP("AboutDialog", "版本"), "Apache-2.0 OR BSD-2-Clause"),
)
FONT_NAME = "Clinic Sans SC（Noto Sans CJK SC 子集）"


def library_version(name: str) -> str:
    if name == "Python":
        import sys

        return sys.version.split()[0]
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "—"  # a frozen bundle may carry the code without its metadata


def font_licence_text() -> str:
    try:
        return resource_path("fonts/OFL.txt").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return "SIL Open Font License 1.1"


class AboutDialog(QDialog):
    def __init__(self, db_path: Path, parent: QWidget | None = None, *, logs: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("关于私域助手"))
        self.data_folder = db_path.parent
        # the app's log lives in logs/ beside the database it started on (app_log)
        self.log_folder = logs or active_log_folder(db_path)
        heading = QLabel(f"<b>{self.tr('私域助手')}</b> {__version__}")
        heading.setTextFormat(Qt.TextFormat.RichText)
        note = QLabel(self.tr("离线运行：所有数据只保存在这台电脑上，除非您自己导出。"))
        note.setWordWrap(True)

        paths = QGridLayout()
        self.data_button = QPushButton(self.tr("打开"))
        self.data_button.clicked.connect(lambda: self._open(self.data_folder))
        self.log_button = QPushButton(self.tr("打开"))
        self.log_button.clicked.connect(lambda: self._open(self.log_folder))
        for row, (label, path, button) in enumerate(
            (
                (self.tr("数据库"), db_path, None),
                (self.tr("数据文件夹"), self.data_folder, self.data_button),
                (self.tr("日志文件夹"), self.log_folder, self.log_button),
            )
        ):
            paths.addWidget(QLabel(label), row, 0)
            shown = QLabel(str(path))
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setWordWrap(True)
            shown.setToolTip(str(path))
            paths.addWidget(shown, row, 1)
            if button is not None:
                paths.addWidget(button, row, 2)
        paths.setColumnStretch(1, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._libraries(), self.tr("程序库许可"))
        font_text = QPlainTextEdit(font_licence_text())
        font_text.setReadOnly(True)
        font_page = QWidget()
        font_box = QVBoxLayout(font_page)
        font_label = QLabel(
            self.tr("内置中文字体 %1，SIL 开源字体许可证 1.1（OFL）：").replace("%1", FONT_NAME)
        )
        font_label.setWordWrap(True)
        font_box.addWidget(font_label)
        font_box.addWidget(font_text, 1)
        self.tabs.addTab(font_page, self.tr("字体许可"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        layout.addLayout(top)
        layout.addWidget(note)
        layout.addLayout(paths)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        resize_within_screen(self, 640, 520)

    def _libraries(self) -> QTableWidget:
        table = QTableWidget(len(LIBRARIES), 4)
        headers = [self.tr("组件"), self.tr("版本"), self.tr("用途"), self.tr("许可证")]
        table.setHorizontalHeaderLabels(headers)
        for row, (name, use, licence) in enumerate(LIBRARIES):
            purpose = QCoreApplication.translate("AboutDialog", str(use))
            for column, text in enumerate((name, library_version(name), purpose, licence)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                table.setItem(row, column, item)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        table.setToolTip(self.tr("Qt 与 PySide6 以 LGPL-3.0 授权，随程序以动态库形式提供，可自行替换。"))
        return table

    def _open(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
