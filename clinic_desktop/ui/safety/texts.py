"""What each automatic backup is called in the restore dialog."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


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
