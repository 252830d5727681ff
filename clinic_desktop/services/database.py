"""Opening a clinic database: migrate (with backup) if needed, seed a new one, hand out sessions.

The :class:`Database` also carries the acting role (:class:`~clinic_desktop.core.access.Access`): the
dangerous use-cases ask it before they start, and every session carries it in ``session.info["access"]``
so the audit trail records who acted without every service passing it along.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from clinic_desktop.core.access import OPTIONS_KEY, PASSWORD_KEY, Access, AccessOptions, Role
from clinic_desktop.db.catalogue import DEFAULT_TREATMENTS
from clinic_desktop.db.engine import make_engine, make_session_factory
from clinic_desktop.db.migrate import DatabaseError, MigrationReport, ensure_schema
from clinic_desktop.db.settings_store import read_value
from clinic_desktop.paths import keep_private

__all__ = ["SESSION_ACCESS", "Database", "DatabaseError", "open_database", "stored_language"]

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


def open_database(path: Path | str, *, create: bool = True, via: str = "app") -> Database:
    """Open (and if ``create``, create) the database at ``path``. Raises :class:`DatabaseError`.

    With roles on (an owner password is stored) whoever opens it starts as staff, the least privilege:
    the owner unlocks with the password (:func:`clinic_desktop.services.roles.unlock`)."""
    path = Path(path).expanduser().resolve()
    report = ensure_schema(path, create=create)
    keep_private(path)
    engine = make_engine(path)
    with engine.connect() as conn:
        roles_enabled = read_value(conn, PASSWORD_KEY) is not None
        options = AccessOptions.from_stored(read_value(conn, OPTIONS_KEY))
    access = Access(Role.STAFF, roles_enabled=roles_enabled, via=via, options=options)
    sessions = make_session_factory(engine, info={SESSION_ACCESS: access})
    if report.from_revision is None:
        with sessions.begin() as session:
            seed_catalogue(session)
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
