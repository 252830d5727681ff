"""Words of the backup, restore and check screens: what each automatic backup is called, and a refusal or
failure in the UI language — never SQLite's raw "database is locked"."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from clinic_desktop.db.engine import BUSY_MESSAGE, is_busy


def english() -> bool:
    return QLocale().language() == QLocale.Language.English


def problem_text(problem: BaseException) -> str:
    """A failure in the UI language: a busy database in words, a zh/en refusal's matching half, a
    "中文 / English" message's matching half, anything else its text."""
    if is_busy(problem):
        return BUSY_MESSAGE[1] if english() else BUSY_MESSAGE[0]
    zh, en = getattr(problem, "zh", None), getattr(problem, "en", None)
    if isinstance(zh, str) and isinstance(en, str):
        return en if english() else zh
    text = str(problem)
    if " / " in text:
        chinese, english_text = text.split(" / ", 1)
        return english_text if english() else chinese
    return text


def reason_label(reason: str) -> str:
    """What made a backup, as the restore dialog shows it (literal ``translate`` calls for ``lupdate``)."""
    labels = {
        "": QCoreApplication.translate("BackupReason", "手动备份"),
        "close": QCoreApplication.translate("BackupReason", "关闭时自动"),
        "daily": QCoreApplication.translate("BackupReason", "每日自动"),
        "before-import": QCoreApplication.translate("BackupReason", "导入前"),
        "before-merge": QCoreApplication.translate("BackupReason", "合并患者前"),
        "before-undo": QCoreApplication.translate("BackupReason", "撤销导入前"),
        "before-restore": QCoreApplication.translate("BackupReason", "恢复前"),
        "before-erase": QCoreApplication.translate("BackupReason", "删除患者前"),
        "before-migrate": QCoreApplication.translate("BackupReason", "软件升级前"),
    }
    return labels.get(reason, reason)
