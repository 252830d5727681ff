"""Backups, restores and database checks (PRODUCT §8 ``backup`` / ``restore`` / ``check``; issue 14).

The hook for every risky operation — import, merge, restore, erase, undo — is :func:`backup_before`:
call it first, outside any transaction, and do not go on if it raises :class:`BackupError`::

    from clinic_desktop.services.backup import BackupError, backup_before

    backup_before(db, "erase")        # a verified copy …-before-erase.db in the backup folder (or None:
    with db.sessions.begin() as s:    # an empty clinic has nothing to lose)
        ...
"""

from clinic_desktop.core.retention import Retention
from clinic_desktop.services.backup.folder import (
    BackupInfo,
    backup_folder,
    default_backup_folder,
    list_backups,
    newest_good_backup,
    rotate,
    set_backup_folder,
)
from clinic_desktop.services.backup.health import Health, check_file, patient_count
from clinic_desktop.services.backup.restore import RestoreNeedsConfirmation, RestoreResult, restore_database
from clinic_desktop.services.backup.writer import (
    BackupError,
    BackupResult,
    OpenDatabase,
    backup_before,
    backup_database,
    open_source,
)

__all__ = [
    "BackupError",
    "BackupInfo",
    "BackupResult",
    "Health",
    "OpenDatabase",
    "RestoreNeedsConfirmation",
    "RestoreResult",
    "Retention",
    "backup_before",
    "backup_database",
    "backup_folder",
    "check_file",
    "default_backup_folder",
    "list_backups",
    "newest_good_backup",
    "open_source",
    "patient_count",
    "restore_database",
    "rotate",
    "set_backup_folder",
]
