"""Opening a clinic database: clean up after crashed writers, create or migrate it safely, hand out
sessions.

* Leftovers first: temporary files of exports and backups killed half-way (recorded in the journal
  folder beside the database) are deleted (:func:`clinic_desktop.io.private_files.sweep_leftovers`).
* A new database is built in a private temporary file — schema and default catalogue — and linked into
  place only when complete, never over a file someone created meanwhile: a crash during creation leaves
  no half-made clinic (and no 0-byte file that would later be refused as "not a database").
* An existing file that is empty, not SQLite, or someone else's is refused, untouched
  (:class:`NotADatabaseError`); one at an older schema is backed up (verified, into the backup folder)
  and migrated.

The :class:`Database` also carries the acting role (:class:`~clinic_desktop.core.access.Access`): the
dangerous use-cases ask it before they start, and every session carries it in ``session.info["access"]``
so the audit trail records who acted without every service passing it along.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from clinic_desktop.core.access import OPTIONS_KEY, PASSWORD_KEY, Access, AccessOptions, Role
from clinic_desktop.db.catalogue import DEFAULT_TREATMENTS
from clinic_desktop.db.engine import make_engine, make_session_factory
from clinic_desktop.db.migrate import (
    DatabaseError,
    MigrationReport,
    NewerDatabaseError,
    NotADatabaseError,
    ensure_schema,
)
from clinic_desktop.db.settings_store import read_value
from clinic_desktop.io.private_files import JOURNAL_DIRNAME, PrivateTemp, set_journal_dir, sweep_leftovers
from clinic_desktop.paths import keep_private
from clinic_desktop.services.backup import backup_database

__all__ = [
    "SESSION_ACCESS",
    "Database",
    "DatabaseError",
    "NewerDatabaseError",
    "NotADatabaseError",
    "open_database",
    "stored_language",
    "use_folder_of",
]

log = logging.getLogger(__name__)

#: the ``session.info`` key holding the database's :class:`Access`
SESSION_ACCESS = "access"


@dataclass
class Database:
    path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    migration: MigrationReport
    #: who is acting; shared with every session of :attr:`sessions`
    access: Access = field(default_factory=Access)

    def close(self) -> None:
        self.engine.dispose()

    def patient_count(self) -> int:
        from clinic_desktop.db.models import Patient  # the ORM models load after the window appears

        with self.sessions() as session:
            return int(session.scalar(select(func.count()).select_from(Patient)) or 0)


def seed_catalogue(session: Session) -> int:
    """Insert the default treatments into an empty catalogue; returns how many were added."""
    from clinic_desktop.db.models import Treatment

    if session.scalar(select(func.count()).select_from(Treatment)):
        return 0
    session.add_all(
        Treatment(name=t.name, category=t.category, recall_days=t.recall_days) for t in DEFAULT_TREATMENTS
    )
    return len(DEFAULT_TREATMENTS)


def _create(path: Path) -> bool:
    """Build a new database at ``path``; False if someone else created one there meanwhile."""
    temp = PrivateTemp(path, precreate=False)
    with temp as staged:
        ensure_schema(staged, create=True)
        engine = make_engine(staged)
        try:
            with make_session_factory(engine).begin() as session:
                seed_catalogue(session)
        finally:
            engine.dispose()  # the last connection folds the write-ahead log back into the file
        try:
            temp.commit(replace=False)
        except FileExistsError:
            temp.discard()
            return False
    return True


def _backup_before_migrating(path: Path, revision: str) -> Path:
    return backup_database(path, reason="before-migrate").path


def use_folder_of(path: Path) -> list[Path]:
    """Make ``path``'s folder this process's data folder: temporary files are journalled beside it, and
    those of writers that died are deleted now (returned). Every command that touches a database file
    calls this first — opening one does."""
    path = Path(path).expanduser().resolve()
    set_journal_dir(path.parent / JOURNAL_DIRNAME)
    removed = sweep_leftovers()
    if removed:
        log.info("removed %d temporary file(s) left by an interrupted export or backup", len(removed))
    return removed


def open_database(path: Path | str, *, create: bool = True, via: str = "app") -> Database:
    """Open (and if ``create``, create) the database at ``path``. Raises :class:`DatabaseError`
    (:class:`NotADatabaseError` for a file that exists but is no clinic database — nothing written).

    With roles on (an owner password is stored) whoever opens it starts as staff, the least privilege:
    the owner unlocks with the password (:func:`clinic_desktop.services.roles.unlock`)."""
    path = Path(path).expanduser().resolve()
    use_folder_of(path)
    created = False
    if not path.exists() and create:
        created = _create(path)
    report = ensure_schema(path, create=False, backup=_backup_before_migrating)
    if created:
        report.from_revision = None
    keep_private(path)
    engine = make_engine(path)
    with engine.connect() as conn:
        roles_enabled = read_value(conn, PASSWORD_KEY) is not None
        options = AccessOptions.from_stored(read_value(conn, OPTIONS_KEY))
    access = Access(Role.STAFF, roles_enabled=roles_enabled, via=via, options=options)
    sessions = make_session_factory(engine, info={SESSION_ACCESS: access})
    return Database(path=path, engine=engine, sessions=sessions, migration=report, access=access)


def stored_language(db: Database) -> str:
    """The interface language saved in this database, read before any window exists — one plain query,
    so the ORM models (~0.15 s to define) load after the window appears, not before."""
    from clinic_desktop.core.settings import Settings

    with db.engine.connect() as connection:
        try:
            language = read_value(connection, "language")
        except ValueError:  # not JSON: the default
            language = None
    return language if isinstance(language, str) and language else Settings().language
