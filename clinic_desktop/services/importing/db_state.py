"""What the planner needs to know about the database: who has which phone, which records already exist.

Read with plain SQL on the raw connection (the import's write transaction, or a read for the preview):
a 100,000-patient clinic's phone index loads in tens of milliseconds this way, while ORM objects would
cost seconds. Values come back in SQLite's stored text form — dates ``YYYY-MM-DD``, moments
``YYYY-MM-DD HH:MM:SS.ffffff`` (SQLAlchemy's format) — and the planner compares in that same form.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, overload

from clinic_desktop.db.bulk import bulk_columns

__all__ = [
    "CHILD_KEYS",
    "IMPORT_TABLES",
    "INSERT_COLUMNS",
    "PATIENT_COLUMNS",
    "UNREADABLE_PHONE",
    "DbState",
    "Phoneless",
    "stored",
    "stored_moment",
]

#: the tables an import writes, in the order it plans and inserts them: the catalogue sheets, patients, then
#: the sheets that refer to patients — visits before surveys, which may link to a visit the same file adds.
#: A planning order (new treatments are numbered as visits, then appointments, name them), so written out.
IMPORT_TABLES: tuple[str, ...] = (
    "treatments",
    "tags",
    "patients",
    "visits",
    "surveys",
    "interactions",
    "appointments",
    "contacts",
)
#: table → the columns of its insert tuples, in tuple order (from db.models)
INSERT_COLUMNS: dict[str, tuple[str, ...]] = {table: bulk_columns(table) for table in IMPORT_TABLES}
#: every patients column the import writes, in insert order
PATIENT_COLUMNS: tuple[str, ...] = INSERT_COLUMNS["patients"]
#: child table → the columns that make two rows "the same record": all but the id and the link to a visit
#: (ids this file numbers afresh, so they never match)
CHILD_KEYS: dict[str, tuple[str, ...]] = {
    table: tuple(c for c in INSERT_COLUMNS[table] if c not in ("id", "visit_id"))
    for table in ("visits", "surveys", "interactions", "appointments", "contacts")
}
#: how the notes keep a phone cell that held no readable number (see ``patients.unpack_phone``)
UNREADABLE_PHONE = "电话（无法识别）："
_MOMENT_COLUMNS = frozenset({"occurred_at", "scheduled_at", "contacted_at"})
_CHUNK = 900


def stored_moment(text: str | None) -> str | None:
    """A stored moment in SQLAlchemy's full form (``CURRENT_TIMESTAMP`` writes no microseconds)."""
    if text is None:
        return None
    text = str(text).replace("T", " ")
    if len(text) == 10:
        return text + " 00:00:00.000000"
    if len(text) == 19:
        return text + ".000000"
    return text


@overload
def stored(value: date) -> str: ...
@overload
def stored(value: None) -> None: ...
@overload
def stored(value: object) -> object: ...


def stored(value: object) -> object:
    """A parsed cell value in the form SQLite stores it (dates and moments as text, yes/no as 0/1)."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


@dataclass(frozen=True)
class Phoneless:
    """A patient without a mobile, as the import recognises one: by name, then birth date (day, or the
    month/year of a partial one) and landline; ``unreadable_phone`` when an import kept their phone cell
    in the notes because no number in it could be read."""

    id: int
    birth: str | None
    landline: str | None
    #: the digits of the phone cell an import could not read (kept in the notes), "" when none
    unreadable_digits: str

    @property
    def unreadable_phone(self) -> bool:
        return self.unreadable_digits != ""


def _unreadable_digits(notes: str | None) -> str:
    for line in (notes or "").split("\n"):
        if line.startswith(UNREADABLE_PHONE):
            return "".join(c for c in line[len(UNREADABLE_PHONE) :] if c.isdigit()) or "-"
    return ""


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


class DbState:
    """Lazily loaded look-ups over the database the import writes into."""

    def __init__(self, cur: sqlite3.Cursor) -> None:
        self.cur = cur
        self.phones: dict[str, int] = dict(
            cur.execute("SELECT phone, id FROM patients WHERE phone IS NOT NULL")
        )
        self.max_ids = {
            table: int(cur.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()[0])
            for table in IMPORT_TABLES
        }
        self.treatments: dict[str, tuple[int, str | None, int | None, int]] = {
            name: (tid, category, recall, active)
            for tid, name, category, recall, active in cur.execute(
                "SELECT id, name, category, recall_days, active FROM treatments"
            )
        }
        self.tags: dict[str, tuple[int, str, str]] = {
            name: (tid, category, color)
            for tid, name, category, color in cur.execute("SELECT id, name, category, color FROM tags")
        }
        self._no_phone: dict[str, list[Phoneless]] | None = None
        self._names: dict[str, list[int]] | None = None
        self._referrers: dict[int, int] | None = None

    def no_phone(self) -> dict[str, list[Phoneless]]:
        """name → the patients of that name without a phone (how a phoneless row is recognised)."""
        if self._no_phone is None:
            index: dict[str, list[Phoneless]] = defaultdict(list)
            for pid, name, birth, landline, notes in self.cur.execute(
                "SELECT id, name, COALESCE(substr(birth_date, 1, 10), birth_partial), landline,"
                " CASE WHEN instr(notes, ?) > 0 THEN notes END FROM patients WHERE phone IS NULL ORDER BY id",
                (UNREADABLE_PHONE,),
            ):
                index[name].append(Phoneless(pid, birth, landline, _unreadable_digits(notes)))
            self._no_phone = dict(index)
        return self._no_phone

    def names(self) -> dict[str, list[int]]:
        if self._names is None:
            index: dict[str, list[int]] = defaultdict(list)
            for pid, name in self.cur.execute("SELECT id, name FROM patients ORDER BY id"):
                index[name].append(pid)
            self._names = dict(index)
        return self._names

    def referrers(self) -> dict[int, int]:
        if self._referrers is None:
            self._referrers = dict(
                self.cur.execute("SELECT id, referred_by_id FROM patients WHERE referred_by_id IS NOT NULL")
            )
        return self._referrers

    def patient_rows(self, ids: list[int]) -> dict[int, dict[str, Any]]:
        out: dict[int, dict[str, Any]] = {}
        columns = ", ".join(PATIENT_COLUMNS)
        for chunk in _chunks(sorted(ids)):
            marks = ", ".join("?" * len(chunk))
            for row in self.cur.execute(f"SELECT {columns} FROM patients WHERE id IN ({marks})", chunk):
                record = dict(zip(PATIENT_COLUMNS, row, strict=True))
                record["do_not_contact_at"] = stored_moment(record["do_not_contact_at"])
                out[row[0]] = record
        return out

    def patient_tags(self, ids: list[int]) -> dict[int, set[int]]:
        out: dict[int, set[int]] = defaultdict(set)
        for chunk in _chunks(sorted(ids)):
            marks = ", ".join("?" * len(chunk))
            for pid, tag_id in self.cur.execute(
                f"SELECT patient_id, tag_id FROM patient_tags WHERE patient_id IN ({marks})", chunk
            ):
                out[pid].add(tag_id)
        return out

    def child_counts(self, table: str, ids: list[int]) -> Counter[tuple[Any, ...]]:
        """How many rows of ``table`` exist per identity key, for the patients ``ids``."""
        columns = CHILD_KEYS[table]
        moments = [i for i, c in enumerate(columns) if c in _MOMENT_COLUMNS]
        counts: Counter[tuple[Any, ...]] = Counter()
        for chunk in _chunks(sorted(ids)):
            marks = ", ".join("?" * len(chunk))
            rows = self.cur.execute(
                f"SELECT {', '.join(columns)} FROM {table} WHERE patient_id IN ({marks})", chunk
            ).fetchall()
            for row in rows:
                if moments:
                    row = list(row)
                    for i in moments:
                        row[i] = stored_moment(row[i])
                    row = tuple(row)
                counts[row] += 1
        return counts

    def first_visits(self, ids: list[int]) -> dict[tuple[int, str], int]:
        """(patient, day) → the first visit id that day, to link an imported survey to its visit."""
        out: dict[tuple[int, str], int] = {}
        for chunk in _chunks(sorted(ids)):
            marks = ", ".join("?" * len(chunk))
            for pid, day, vid in self.cur.execute(
                f"SELECT patient_id, visit_date, MIN(id) FROM visits WHERE patient_id IN ({marks})"
                " GROUP BY patient_id, visit_date",
                chunk,
            ):
                out[pid, day] = vid
        return out
