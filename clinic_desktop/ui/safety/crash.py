"""Failures are visible: an unhandled exception — in a slot, in a worker thread — is logged (without patient
data, :mod:`clinic_desktop.app_log`) and shown as a friendly dialog that says where the log is, instead of
the app vanishing or silently misbehaving. Qt's own warnings go to the log too.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, QObject, QtMsgType, QUrl, Signal, qInstallMessageHandler
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

log = logging.getLogger("clinic_desktop.crash")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


class CrashReporter(QObject):
    """Installed once by the app (:meth:`install`); tests call the hooks directly."""

    # the exception's type name; queued onto the GUI thread when raised in a worker
    crashed = Signal(str)

    def __init__(self, log_path: Path, window: Callable[[], QWidget | None] = lambda: None) -> None:
        super().__init__()
        self.log_path = Path(log_path)
        self.window = window
        self.box: QMessageBox | None = None
        self.crashed.connect(self._show)
        self._previous: tuple[object, object, object] | None = None

    def install(self) -> None:
        previous_qt = qInstallMessageHandler(self.qt_message)
        self._previous = (sys.excepthook, threading.excepthook, previous_qt)
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook

    def uninstall(self) -> None:
        """Put back what was there before :meth:`install` (Python's hooks and Qt's message handler)."""
        if self._previous is not None:
            sys.excepthook, threading.excepthook, previous_qt = self._previous  # type: ignore[assignment]
            qInstallMessageHandler(previous_qt)  # type: ignore[arg-type]
            self._previous = None

    def excepthook(
        self, kind: type[BaseException], value: BaseException, traceback: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, traceback)
            return
        log.critical("unhandled exception", exc_info=(kind, value, traceback))
        self.crashed.emit(kind.__name__)

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        log.critical(
            "unhandled exception in thread %s",
            getattr(args.thread, "name", "?"),
            exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
        )
        self.crashed.emit(args.exc_type.__name__)

    def qt_message(self, kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        log.log(_QT_LEVELS.get(kind, logging.WARNING), "Qt: %s (%s:%s)", message, context.file, context.line)

    def _show(self, name: str) -> None:
        """One dialog at a time: a failure repeating in a loop must not stack up hundreds of them."""
        if self.box is not None or QApplication.instance() is None:
            return
        box = QMessageBox(self.window())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(self.tr("私域助手出错了"))
        box.setText(self.tr("程序遇到了一个意外错误（%1）。已保存的数据不受影响。").replace("%1", name))
        box.setInformativeText(
            self.tr("详细情况已写入日志文件：%1\n如问题重复出现，请把日志文件夹发给技术支持。").replace(
                "%1", str(self.log_path)
            )
        )
        open_button = box.addButton(self.tr("打开日志文件夹"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        open_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_path.parent)))
        )
        box.finished.connect(self._closed)
        self.box = box
        box.open()

    def _closed(self, _result: int) -> None:
        if self.box is not None:
            self.box.deleteLater()
        self.box = None
