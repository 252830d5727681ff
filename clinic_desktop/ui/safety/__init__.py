"""Backups, restores, database checks, one window per database, and visible failures (issue 14) — the GUI
side of :mod:`clinic_desktop.services.backup` and :mod:`clinic_desktop.services.instance`."""

from clinic_desktop.ui.safety.auto_backup import AutoBackupRunner
from clinic_desktop.ui.safety.backup_model import BackupRow, BackupTableModel
from clinic_desktop.ui.safety.crash import CrashReporter
from clinic_desktop.ui.safety.data_actions import DataActions
from clinic_desktop.ui.safety.instance import InstanceWatcher, bring_forward, claim_instance
from clinic_desktop.ui.safety.recovery import RecoveryDialog, open_or_recover
from clinic_desktop.ui.safety.restore_dialog import RestoreDialog
from clinic_desktop.ui.safety.texts import reason_label

__all__ = [
    "AutoBackupRunner",
    "BackupRow",
    "BackupTableModel",
    "CrashReporter",
    "DataActions",
    "InstanceWatcher",
    "RecoveryDialog",
    "RestoreDialog",
    "bring_forward",
    "claim_instance",
    "open_or_recover",
    "reason_label",
]
