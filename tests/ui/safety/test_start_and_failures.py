"""One window per database, a damaged or empty file offered a backup instead of a new clinic, and an
unhandled exception shown with the log's location instead of vanishing."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QtMsgType
from PySide6.QtWidgets import QDialog, QWidget

from builders import corrupt_table_page
from clinic_desktop.app_log import configure_logging
from clinic_desktop.services.backup import backup_database, check_file
from clinic_desktop.services.database import Database
from clinic_desktop.services.instance import is_open_elsewhere, request_wake
from clinic_desktop.ui.safety import (
    CrashReporter,
    InstanceWatcher,
    RecoveryDialog,
    bring_forward,
    claim_instance,
    open_or_recover,
)
from clinic_desktop.ui.safety import recovery as recovery_module


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: no window manager to ask
def test_a_second_instance_wakes_the_first(qtbot, clinic: Database) -> None:  # type: ignore[no-untyped-def]
    first = claim_instance(clinic.path)
    assert first is not None
    try:
        assert claim_instance(clinic.path) is None  # the second start is refused the lock …
        assert is_open_elsewhere(clinic.path)
        window = QWidget()
        qtbot.addWidget(window)
        window.showMinimized()
        watcher = InstanceWatcher(first, window)
        watcher.wakeRequested.connect(lambda: bring_forward(window))
        with qtbot.waitSignal(watcher.wakeRequested, timeout=5000):
            assert request_wake(clinic.path)  # … and asks the first to come forward
        assert not window.isMinimized() and window.isVisible()
        assert not first.take_wake_request()  # consumed
    finally:
        first.release()
    again = claim_instance(clinic.path)  # released (or its holder died): the next start gets it
    assert again is not None
    again.release()


def test_a_damaged_database_at_start_is_restored_from_the_newest_good_backup(
    qtbot,
    clinic: Database,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    good = backup_database(clinic.path, reason="daily")
    clinic.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{clinic.path}{suffix}").unlink(missing_ok=True)
    clinic.path.write_bytes(b"")  # what a crash during a disk-full save might leave
    shown: list[RecoveryDialog] = []

    def choose_newest(dialog: RecoveryDialog) -> int:
        shown.append(dialog)
        assert dialog.newest_button is not None
        dialog.newest_button.click()
        return int(dialog.result())

    monkeypatch.setattr(RecoveryDialog, "exec", choose_newest)
    db = open_or_recover(clinic.path)
    assert db is not None and len(shown) == 1
    try:
        assert db.patient_count() == 25
    finally:
        db.close()
    assert check_file(clinic.path).ok and good.path.exists()


def test_quitting_the_recovery_leaves_the_file_untouched(qtbot, clinic: Database, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    clinic.close()
    corrupt_table_page(clinic.path, "patients")
    before = clinic.path.read_bytes()
    monkeypatch.setattr(RecoveryDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    monkeypatch.setattr(recovery_module, "open_database", _refuse_damaged)
    assert open_or_recover(clinic.path) is None
    assert clinic.path.read_bytes() == before


def _refuse_damaged(path: Path) -> Database:
    from clinic_desktop.db.migrate import NotADatabaseError

    raise NotADatabaseError(f"{path} 已损坏 / {path} is damaged")


def test_an_unhandled_exception_is_logged_and_shown_with_the_log_location(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    log_path = configure_logging(tmp_path / "clinic.db")
    reporter = CrashReporter(log_path)
    try:
        try:
            raise RuntimeError("boom for 张三 13800000001")
        except RuntimeError as exc:
            reporter.excepthook(type(exc), exc, exc.__traceback__)
        assert reporter.box is not None
        assert str(log_path) in reporter.box.informativeText()
        assert "RuntimeError" in reporter.box.text()
        reporter.box.close()
        assert reporter.box is None
        with qtbot.waitSignal(reporter.crashed, timeout=5000):  # from a worker thread: queued to the GUI
            worker = threading.Thread(target=lambda: reporter.thread_excepthook(_args()), name="worker")
            worker.start()
            worker.join()
        assert reporter.box is not None
        reporter.box.close()
        reporter.qt_message(QtMsgType.QtWarningMsg, _Context(), "a Qt warning")
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "baseFilename", None) == str(log_path):
                handler.flush()
                logging.getLogger().removeHandler(handler)
                handler.close()
    content = log_path.read_text(encoding="utf-8")
    assert content.count("unhandled exception") == 2 and "Traceback" in content and "a Qt warning" in content
    assert "张三" not in content and "13800000001" not in content


class _Context:
    file = "x.cpp"
    line = 1


def _args() -> threading.ExceptHookArgs:
    try:
        raise ValueError("in a worker")
    except ValueError as exc:
        return threading.ExceptHookArgs((ValueError, exc, exc.__traceback__, threading.current_thread()))


def test_a_second_start_on_the_same_database_only_wakes_the_first(qtbot, clinic: Database, told) -> None:  # type: ignore[no-untyped-def]
    import sys

    from clinic_desktop.ui.app import run

    first = claim_instance(clinic.path)
    assert first is not None
    hooks = (sys.excepthook, threading.excepthook)
    try:
        watcher = InstanceWatcher(first)
        with qtbot.waitSignal(watcher.wakeRequested, timeout=5000):
            assert run(clinic.path) == 0
        assert "已在另一个私域助手窗口中打开" in told[-1]
        assert (sys.excepthook, threading.excepthook) == hooks  # the crash hooks were put back
    finally:
        first.release()
        for handler in list(logging.getLogger().handlers):
            if str(clinic.path.parent) in str(getattr(handler, "baseFilename", "")):
                logging.getLogger().removeHandler(handler)
                handler.close()
