"""Fill an empty database with a believable dental + medical-aesthetics clinic (the ``demo`` command).

The demo is what a prospective clinic sees first and what every screen is tuned against, so it must look
like a real clinic (channels of different quality, referral chains, recalls kept and missed, unhappy
patients, lapsed ones) and be fast at the product's ceiling of 100,000 patients / 1,000,000 visit lines.

* **Deterministic**: one ``random.Random(seed)``; dates relative to ``as_of``; no ``hash()``, no set
  iteration, no wall clock (``created_at`` is written explicitly instead of ``CURRENT_TIMESTAMP``).
* **Fast**: plain tuples inserted with ``executemany`` on the raw DBAPI connection, ids assigned here,
  dates as ISO text in SQLAlchemy's SQLite format; a day is an integer index into a precomputed table
  of ISO strings, so a visit line costs a few list look-ups and one tuple.
* **Safe**: refuses a database that already has patients; everything is written in one transaction, so
  an error leaves nothing behind.

Metrics are *not* computed here (``services.metrics.recompute`` does that after the demo).

This module writes; :mod:`.patient` tells one patient's story, drawing on :mod:`.clinic` (prices,
channels, the generator's state), :mod:`.people`, :mod:`.visits`, :mod:`.surveys`, :mod:`.appointments`,
:mod:`.interactions`, :mod:`.contacts`, :mod:`.tags` and the word lists of :mod:`.names`.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from clinic_desktop.db.bulk import bulk_columns, insert_rows, refresh_statistics, write_transaction
from clinic_desktop.services.database import Database
from clinic_desktop.services.demo.clinic import HISTORY_DAYS, Clinic, Row, check_codes
from clinic_desktop.services.demo.patient import add_patient

__all__ = ["DemoError", "DemoSummary", "generate_demo"]

MAX_PATIENTS = 1_000_000
#: patients written per batch (bounds memory at 100,000 patients)
CHUNK = 5_000


class DemoError(Exception):
    """The demo cannot be generated; the message is shown to the user as is."""


@dataclass
class DemoSummary:
    patients: int
    visits: int
    interactions: int
    appointments: int
    surveys: int
    contacts: int
    tags: int
    seconds: float


ProgressCallback = Callable[[int, int], None]

#: the columns each bulk-filled table receives, in tuple order (from db.models); tables in foreign-key order
_COLUMNS: dict[str, tuple[str, ...]] = {
    table: bulk_columns(table)
    for table in ("patients", "patient_tags", "visits", "surveys", "interactions", "appointments", "contacts")
}
_BULK_TABLES = tuple(_COLUMNS)


def generate_demo(
    db: Database,
    *,
    patients: int = 2000,
    seed: int = 1,
    as_of: date,
    progress: ProgressCallback | None = None,
) -> DemoSummary:
    """Fill the empty database ``db`` with ``patients`` demo patients and their history up to ``as_of``.

    The same ``(patients, seed, as_of)`` always writes the same rows. Raises :class:`DemoError` if the
    database already has patients (a clinic's real data is never mixed with demo data) or ``patients``
    is out of range; any other error rolls back, leaving the database as it was. ``progress(done, total)``
    is called after each batch of patients.
    """
    if not isinstance(patients, int) or not 1 <= patients <= MAX_PATIENTS:
        raise DemoError(
            f"演示患者数应在 1–{MAX_PATIENTS:,} 之间 / the number of demo patients must be 1–{MAX_PATIENTS:,}"
        )
    check_codes()
    started = time.perf_counter()
    # CHECK constraints are skipped: the rows use only the codes of db.models (_check_codes above).
    with write_transaction(db.engine, bulk=True, codes_checked=True) as cur:
        if cur.execute("SELECT EXISTS (SELECT 1 FROM patients)").fetchone()[0]:
            raise DemoError(
                "数据库中已有患者，演示数据只能写入空数据库。/ "
                "The database already has patients; demo data can only be written to an empty one."
            )
        # Building an index once over sorted data is several times cheaper than updating it for every
        # row; the same CREATE INDEX statements run again before the commit.
        cur.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({', '.join('?' * len(_BULK_TABLES))}) ORDER BY name",
            _BULK_TABLES,
        )
        indexes = cur.fetchall()
        for name, _ in indexes:
            cur.execute(f'DROP INDEX "{name}"')
        counts = _run(cur, patients, seed, as_of, progress)
        for _, sql in indexes:
            cur.execute(sql)
    refresh_statistics(db.engine)
    return DemoSummary(**counts, seconds=round(time.perf_counter() - started, 3))


def _run(
    cur: sqlite3.Cursor, patients: int, seed: int, as_of: date, progress: ProgressCallback | None
) -> dict[str, int]:
    """Generate and insert every patient with their history, a batch at a time; returns the row counts."""
    c = Clinic(cur, patients, seed, as_of)
    counts = dict.fromkeys(
        ("patients", "visits", "interactions", "appointments", "surveys", "contacts", "tags"), 0
    )
    r = c.r.random
    # First contacts spread over the history, oldest first, so patient ids follow first-contact order
    # and a referrer is always an earlier patient.
    first = sorted(c.A - 1 - int(HISTORY_DAYS * r()) for _ in range(patients))
    for pid, day in enumerate(first, start=1):
        add_patient(c, pid, day)
        if pid % CHUNK == 0 or pid == patients:
            _flush(cur, c, counts)
            if progress is not None:
                progress(pid, patients)
    return counts


def _flush(cur: sqlite3.Cursor, c: Clinic, counts: dict[str, int]) -> None:
    """Insert the rows gathered so far, parents before children (foreign keys are checked)."""
    batches: tuple[tuple[str, list[Row]], ...] = (
        ("patients", c.patient_rows),
        ("patient_tags", c.tag_rows),
        ("visits", c.visit_rows),
        ("surveys", c.survey_rows),
        ("interactions", c.interaction_rows),
        ("appointments", c.appointment_rows),
        ("contacts", c.contact_rows),
    )
    for table, rows in batches:
        insert_rows(cur, table, _COLUMNS[table], rows)
        counts["tags" if table == "patient_tags" else table] += len(rows)
    c.reset_rows()
