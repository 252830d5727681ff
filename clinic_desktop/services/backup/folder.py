"""Where a database's backups live, what they are called, which exist, and which rotation deletes.

The folder is ``backups/`` beside the database unless the owner chose another one (a second drive or a
USB disk: a backup on the same disk dies with it). That choice is kept in a small JSON file *beside the
database* (``clinic.db.local.json``), not inside it: when the database is damaged, the app must still
know where its backups are — and restoring an old backup must not move the backup folder.

A backup is ``<stem>-<YYYYMMDD-HHMMSS>[-<reason>][-<n>].db``; the reason says which automatic occasion
made it (``close``, ``daily``, ``before-import`` …; none for one made by hand). Copies the app made before
this scheme (``clinic.backup-before-restore-….db`` beside the database, taken before a restore or a
migration) are listed and rotated with the rest, so they no longer pile up.
"""

from __future__ import annotations

import json
import os
import re
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from clinic_desktop.core.retention import Retention, to_keep
from clinic_desktop.io.private_files import private_dir
from clinic_desktop.services.backup.health import Health, check_file

__all__ = [
    "BackupInfo",
    "DAMAGED",
    "backup_folder",
    "backup_folders",
    "default_backup_folder",
    "list_backups",
    "local_settings_path",
    "new_backup_path",
    "newest_good_backup",
    "rotate",
    "set_backup_folder",
]

_STAMP = "%Y%m%d-%H%M%S"
#: reason of the raw copy kept of a damaged database before it is replaced (never offered as a backup)
DAMAGED = "damaged"
_POLICY = Retention()
_PARTIAL_STALE_S = 600.0
#: raw copies of damaged databases kept (newest first)
_KEEP_DAMAGED = 3


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    #: "" for a backup made by hand; ``close``, ``daily``, ``before-import`` …
    reason: str
    size_bytes: int

    @property
    def safety(self) -> bool:
        """Taken automatically just before a risky operation."""
        return self.reason.startswith("before-")


def local_settings_path(db_path: Path) -> Path:
    return Path(db_path).with_name(Path(db_path).name + ".local.json")


def _local_settings(db_path: Path) -> dict[str, object]:
    try:
        data = json.loads(local_settings_path(db_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def default_backup_folder(db_path: Path) -> Path:
    return Path(db_path).parent / "backups"


def backup_folder(db_path: Path) -> Path:
    """The folder new backups go to: the chosen one, else ``backups/`` beside the database."""
    chosen = _local_settings(db_path).get("backup_folder")
    return Path(chosen) if isinstance(chosen, str) and chosen else default_backup_folder(db_path)


def backup_folders(db_path: Path) -> list[Path]:
    """Every folder a backup of this database may be in (chosen first, then the default)."""
    folders = [backup_folder(db_path), default_backup_folder(db_path)]
    return list(dict.fromkeys(folders))


def set_backup_folder(db_path: Path, folder: Path | None) -> Path:
    """Choose where new backups go (``None``: back to the default); the folder must be writable.
    Raises :class:`OSError` when it is not (the choice is then left unchanged)."""
    target = default_backup_folder(db_path) if folder is None else Path(folder).expanduser().absolute()
    private_dir(target)
    probe = target / f".clinic-desktop-write-test-{os.getpid()}"
    probe.write_bytes(b"")
    probe.unlink()
    settings = _local_settings(db_path)
    if folder is None:
        settings.pop("backup_folder", None)
    else:
        settings["backup_folder"] = str(target)
    path = local_settings_path(db_path)
    temp = path.with_name(path.name + f".{os.getpid()}.tmp")
    temp.write_text(json.dumps(settings, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(temp, path)
    return target


def _pattern(db_path: Path) -> re.Pattern[str]:
    stem = re.escape(Path(db_path).stem)
    return re.compile(rf"^{stem}-(\d{{8}}-\d{{6}})(?:-([a-z]+(?:-[a-z]+)*))?(?:-(\d+))?\.db$")


def _legacy_pattern(db_path: Path) -> re.Pattern[str]:
    path = Path(db_path)
    stem, suffix = re.escape(path.stem), re.escape(path.suffix or ".db")
    return re.compile(rf"^{stem}\.backup-(.+)-(\d{{8}}-\d{{6}})(?:-\d+)?{suffix}$")


def new_backup_path(db_path: Path, reason: str = "", now: datetime | None = None) -> Path:
    """A fresh name in the backup folder (``-2``, ``-3`` … when one was taken in the same second)."""
    stamp = (now or datetime.now()).strftime(_STAMP)
    base = f"{Path(db_path).stem}-{stamp}" + (f"-{reason}" if reason else "")
    folder = backup_folder(db_path)
    target, n = folder / f"{base}.db", 1
    while target.exists():
        n += 1
        target = folder / f"{base}-{n}.db"
    return target


def _all_backups(db_path: Path) -> list[BackupInfo]:
    found: dict[Path, BackupInfo] = {}
    written: dict[Path, float] = {}
    pattern, legacy = _pattern(db_path), _legacy_pattern(db_path)
    places = [(folder, pattern) for folder in backup_folders(db_path)]
    places.append((Path(db_path).parent, legacy))
    for folder, names in places:
        try:
            entries = list(os.scandir(folder))
        except OSError:  # a USB disk not plugged in, a folder not made yet
            continue
        for entry in entries:
            match = names.match(entry.name)
            if match is None or not entry.is_file():
                continue
            if names is legacy:
                label, stamp = match.group(1), match.group(2)
                reason = "before-restore" if label == "before-restore" else "before-migrate"
            else:
                stamp, reason = match.group(1), match.group(2) or ""
            try:
                taken = datetime.strptime(stamp, _STAMP)
                size = entry.stat().st_size
            except (ValueError, OSError):
                continue
            path = Path(entry.path)
            found[path.resolve()] = BackupInfo(path, taken, reason, size)
            written[path.resolve()] = entry.stat().st_mtime
    # within one second, the file written last is the newest
    return sorted(found.values(), key=lambda b: (b.taken_at, written[b.path.resolve()]), reverse=True)


def list_backups(db_path: Path) -> list[BackupInfo]:
    """This database's backups, newest first (raw copies of damaged databases left out)."""
    return [b for b in _all_backups(db_path) if b.reason != DAMAGED]


def rotate(db_path: Path, policy: Retention = _POLICY, *, protect: tuple[Path, ...] = ()) -> list[Path]:
    """Delete the backups :func:`~clinic_desktop.core.retention.to_keep` does not keep; returns them.
    Only files named as this database's backups are ever touched; ``protect`` (the copy just written)
    never is."""
    everything = _all_backups(db_path)
    backups = [b for b in everything if b.reason != DAMAGED]
    keep = to_keep([(b.path, b.taken_at, b.safety) for b in backups], policy) | set(protect)
    doomed = [b.path for b in backups if b.path not in keep]
    doomed += [b.path for b in everything if b.reason == DAMAGED][_KEEP_DAMAGED:]
    doomed += _stale_partials(db_path)
    deleted = []
    for path in doomed:
        try:
            path.unlink()
        except OSError:  # in use (Windows) or already gone: next rotation
            continue
        deleted.append(path)
    return deleted


def _stale_partials(db_path: Path) -> list[Path]:
    """``<backup>.db.partial`` files an older version left when it was killed mid-backup (it wrote the
    copy under the final name plus ``.partial``); ten minutes old means no backup is still writing it."""
    pattern = re.compile(
        rf"^{re.escape(Path(db_path).stem)}-\d{{8}}-\d{{6}}(?:-[a-z-]+)?(?:-\d+)?\.db\.partial$"
    )
    stale = []
    for folder in backup_folders(db_path):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                if pattern.match(entry.name) and time.time() - entry.stat().st_mtime > _PARTIAL_STALE_S:
                    stale.append(Path(entry.path))
            except OSError:
                continue
    return stale


def newest_good_backup(db_path: Path, *, full: bool = True) -> tuple[BackupInfo, Health] | None:
    """The newest backup that passes :func:`~.health.check_file` (what a damaged database is offered),
    or None. Older ones are checked only while the newer ones fail."""
    for info in list_backups(db_path):
        health = check_file(info.path, full=full)
        if health.ok:
            return info, health
    return None
