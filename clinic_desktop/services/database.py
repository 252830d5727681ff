"""Opening a clinic database: migrate (with backup) if needed, seed a new one, hand out sessions."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from clinic_desktop.db.catalogue import DEFAULT_TREATMENTS
from clinic_desktop.db.engine import make_engine, make_session_factory
from clinic_desktop.db.migrate import DatabaseError, MigrationReport, ensure_schema

__all__ = ["Database", "DatabaseError", "open_database", "stored_language"]


@dataclass
class Database:
    path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    migration: MigrationReport

    def close(self) -> None:
        self.engine.dispose()

    def patient_count(self) -> int:
        from clinic_desktop.db.models import Patient  # the models load after the window appears

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


def open_database(path: Path | str, *, create: bool = True) -> Database:
    """Open (and if ``create``, create) the database at ``path``. Raises :class:`DatabaseError`."""
    path = Path(path).expanduser().resolve()
    report = ensure_schema(path, create=create)
    engine = make_engine(path)
    sessions = make_session_factory(engine)
    if report.from_revision is None:
        with sessions.begin() as session:
            seed_catalogue(session)
    return Database(path=path, engine=engine, sessions=sessions, migration=report)


def stored_language(db: Database) -> str:
    """The interface language saved in this database, read before any window exists — one plain query,
    so the ORM models (~0.15 s to define) load after the window appears, not before."""
    from clinic_desktop.core.settings import Settings

    with db.engine.connect() as connection:
        stored = connection.exec_driver_sql("SELECT value FROM settings WHERE key = 'language'").scalar()
    try:
        language = json.loads(stored) if isinstance(stored, str) else None
    except ValueError:
        language = None
    return language if isinstance(language, str) and language else Settings().language
