"""Automatic backups while the app is open — on close and at most daily, when anything changed — and the
audit row of every backup made on purpose (kept out of :mod:`clinic_desktop.services.backup`, which the
opening of a database itself uses, so that the audit trail — which needs the opened database — stays above
it).

"Changed" is known two ways. This process counts its own write transactions
(:func:`clinic_desktop.db.engine.write_count`): any since the last backup means the copy on disk is
behind. Writes by other processes (a scheduled ``clinic-desktop import``) show as the database file or its
write-ahead log being newer than the newest backup — only used for the daily backup, where an extra copy
now and then costs nothing. The newest backup's time comes from its name, so nothing needs remembering
between runs, and a clinic that changed nothing gets no new copies (rotation would otherwise slowly push
its good old copies out with identical new ones).
"""

from __future__ import annotations

import logging
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

from clinic_desktop.db.engine import write_count
from clinic_desktop.services.audit import record_audit
from clinic_desktop.services.backup import (
    BackupResult,
    OpenDatabase,
    backup_database,
    list_backups,
    open_source,
)

__all__ = ["DAILY", "AutoBackup", "audit_backup"]

log = logging.getLogger(__name__)

DAILY = timedelta(days=1)


def _modified(db_path: Path) -> datetime | None:
    times = []
    for path in (db_path, Path(f"{db_path}-wal")):
        try:
            times.append(path.stat().st_mtime)
        except OSError:
            continue
    return datetime.fromtimestamp(max(times)) if times else None


def audit_backup(db: OpenDatabase, result: BackupResult) -> bool:
    """Record the backup in the audit log; False (logged) if that could not be done — the backup
    itself stands either way."""
    try:
        with db.sessions.begin() as session:
            record_audit(
                session,
                "backup",
                {"file": str(result.path), "patients": result.patients, "reason": result.reason or "manual"},
            )
    except Exception:  # noqa: BLE001 - the backup exists; a busy or failed audit must not undo that
        log.warning("the backup was written but could not be audited", exc_info=True)
        return False
    return True


class AutoBackup:
    """The automatic backups of one open database (the GUI keeps one per window)."""

    def __init__(self, db: OpenDatabase) -> None:
        self.db = db
        self._seen = write_count(db.engine)

    def changed(self) -> bool:
        """Whether this process wrote to the database since the last backup (or since it was opened)."""
        return write_count(self.db.engine) != self._seen

    def _has_patients(self) -> bool:
        with closing(open_source(self.db.path)) as conn:
            return bool(conn.execute("SELECT EXISTS (SELECT 1 FROM patients)").fetchone()[0])

    def due_on_close(self) -> bool:
        return self.changed() and self._has_patients()

    def due_daily(self, now: datetime | None = None) -> bool:
        """A day or more since the newest backup, and something changed since it."""
        now = now or datetime.now()
        newest = next(iter(list_backups(self.db.path)), None)
        if newest is not None and now - newest.taken_at < DAILY:
            return False
        modified = _modified(self.db.path)
        outside = newest is None or (
            modified is not None and modified > newest.taken_at + timedelta(seconds=2)
        )
        return (self.changed() or outside) and self._has_patients()

    def run(self, reason: str) -> BackupResult:
        """Back up now (``reason``: ``close``, ``daily`` or ``""`` for one asked for by hand), audit it,
        and count everything written so far as saved."""
        result = backup_database(self.db.path, reason=reason)
        audit_backup(self.db, result)
        self._seen = write_count(self.db.engine)  # the audit row alone is no reason for another copy
        log.info("backup (%s): %s, %.2f s", reason or "manual", result.path.name, result.seconds)
        return result
