"""文件's database actions — open another database, create one, the demo sandbox, back to the clinic's,
the data folder — and the status bar's sandbox badge.

The window never switches databases itself: each action only asks, through
:attr:`DatabaseFiles.databaseRequested`, and the app (``ui/app.py``) opens the file and a new window on it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QPushButton, QWidget

from clinic_desktop.ui.menus import Menus
from clinic_desktop.ui.widgets import fill

# what :attr:`DatabaseFiles.databaseRequested` asks for
OPEN, CREATE, SANDBOX = "open", "create", "sandbox"
_BADGE_STYLE = "background: #ef6c00; color: white; border-radius: 3px; padding: 1px 8px; font-weight: bold;"


class DatabaseFiles(QObject):
    # (path, how: OPEN / CREATE / SANDBOX)
    databaseRequested = Signal(str, str)

    def __init__(self, window: QWidget, current: Path, home: Path, sandbox: Path) -> None:
        super().__init__(window)
        self.window, self.current, self.home, self.sandbox = window, current, home, sandbox
        self.sandbox_badge = QLabel(self.tr("演示数据"))
        self.sandbox_badge.setStyleSheet(_BADGE_STYLE)
        self.sandbox_badge.setToolTip(self.tr("这是独立的演示数据库，与诊所的数据库互不影响"))
        self.home_button = QPushButton(self.tr("返回诊所数据库"))
        self.home_button.setToolTip(str(home))
        self.home_button.clicked.connect(self.open_home)

    @property
    def is_sandbox(self) -> bool:
        return self.current == self.sandbox

    def status_widgets(self) -> list[QWidget]:
        """What the status bar shows first: the badge in the sandbox, the way back away from home."""
        if self.is_sandbox:
            return [self.sandbox_badge, self.home_button]
        return [self.home_button] if self.current != self.home else []

    def attach(self, menus: Menus) -> None:
        menus.open_database.triggered.connect(self.ask_open)
        menus.new_database.triggered.connect(self.ask_new)
        menus.demo_database.triggered.connect(self.open_sandbox)
        menus.demo_database.setEnabled(not self.is_sandbox)
        menus.home_database.triggered.connect(self.open_home)
        menus.home_database.setEnabled(self.current != self.home)
        menus.data_folder.triggered.connect(self.open_data_folder)

    def ask_open(self) -> None:
        path = self.ask_path(create=False)
        if path is not None:
            self.databaseRequested.emit(str(path), OPEN)

    def ask_new(self) -> None:
        path = self.ask_path(create=True)
        if path is None:
            return
        if path.exists():
            QMessageBox.warning(
                self.window,
                self.tr("新建数据库"),
                fill(self.tr("%1 已存在。要打开它，请用“打开数据库”。"), str(path)),
            )
            return
        self.databaseRequested.emit(str(path), CREATE)

    def ask_path(self, *, create: bool) -> Path | None:
        """The native file dialog (replaced in tests)."""
        folder = str(self.home.parent)
        file_filter = self.tr("私域助手数据库 (*.db);;所有文件 (*)")
        if create:
            chosen, _ = QFileDialog.getSaveFileName(
                self.window, self.tr("新建数据库"), str(Path(folder) / "clinic.db"), file_filter
            )
        else:
            chosen, _ = QFileDialog.getOpenFileName(self.window, self.tr("打开数据库"), folder, file_filter)
        if not chosen:
            return None
        path = Path(chosen)
        return path.with_suffix(".db") if create and not path.suffix else path

    def open_sandbox(self) -> None:
        self.databaseRequested.emit(str(self.sandbox), SANDBOX)

    def open_home(self) -> None:
        self.databaseRequested.emit(str(self.home), OPEN)

    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.current.parent)))
