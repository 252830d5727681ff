"""The clinic workbook's sheets as ranges of rows, each rendered and deflated apart — on worker processes.

Why: the whole-database export (PRODUCT §7.1) is a few million cells of XML through zlib; one core did it
in ~45 s at 100,000 patients. Here a sheet is cut into id ranges; each range is read, formatted and
deflated into a :class:`~clinic_desktop.io.zip_parts.Piece` by whichever process has it, and the export
(:mod:`clinic_desktop.services.importing.workbook_export`) assembles the pieces into the file without
re-compressing them. The cells are exactly those the serial export wrote (tests compare the workbooks).

This module is what a worker process imports, so its top level imports nothing but the standard library:
the worker opens its read transaction first (the exporting process holds a write lock meanwhile, so every
worker sees the same committed state — one snapshot across processes), and only then loads the writers.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

__all__ = ["KINDS", "Range", "SHEET_SQL", "part_name", "run_worker", "split_part_name", "write_ranges"]

#: the sheets in workbook order
KINDS = ("patients", "visits", "surveys", "interactions", "appointments", "contacts", "treatments", "tags")
#: each sheet's rows, ordered by the table's id; ``{where}`` takes the id range of a part
SHEET_SQL: dict[str, str] = {
    "patients": (
        "SELECT p.id, p.name, p.phone, p.gender, p.birth_date, p.lunar_birthday, p.wechat, p.address,"
        " p.occupation, p.source, ref.phone, p.first_contact_date, p.do_not_contact, p.marketing_consent,"
        " p.manual_vip, p.notes, p.opening_visits, p.opening_spend_fen, p.opening_last_visit, p.district,"
        " p.marketing_consent_at, p.do_not_contact_at, p.archived, p.referred_by_id, p.landline,"
        " p.birth_partial, p.guardian_consent, p.guardian_consent_at, p.knowledge"
        " FROM patients p LEFT JOIN patients ref ON ref.id = p.referred_by_id"
        " WHERE p.id BETWEEN ? AND ? ORDER BY p.id"
    ),
    "visits": (
        "SELECT visit_date, treatment_id, amount_fen, coupon, staff, patient_id FROM visits"
        " WHERE id BETWEEN ? AND ? ORDER BY id"
    ),
    "surveys": (
        "SELECT s.survey_date, s.overall, s.nps, s.comment, s.service, s.result, s.environment, s.price,"
        " s.visit_id, lv.visit_date, s.patient_id FROM surveys s LEFT JOIN visits lv ON lv.id = s.visit_id"
        " WHERE s.id BETWEEN ? AND ? ORDER BY s.id"
    ),
    "interactions": (
        "SELECT occurred_at, kind, detail, patient_id FROM interactions WHERE id BETWEEN ? AND ? ORDER BY id"
    ),
    "appointments": (
        "SELECT scheduled_at, treatment_id, status, patient_id FROM appointments"
        " WHERE id BETWEEN ? AND ? ORDER BY id"
    ),
    "contacts": (
        "SELECT contacted_at, channel, purpose, outcome, note, staff, patient_id FROM contacts"
        " WHERE id BETWEEN ? AND ? ORDER BY id"
    ),
    "treatments": (
        "SELECT name, category, recall_days, active FROM treatments WHERE id BETWEEN ? AND ? ORDER BY id"
    ),
    # rule-derived tags are not written: the recompute after an import derives them again (PRODUCT §4.1)
    "tags": "SELECT name, category, color FROM tags WHERE rule IS NULL AND id BETWEEN ? AND ? ORDER BY id",
}
_TAGS_SQL = (
    "SELECT pt.patient_id, t.name FROM patient_tags pt JOIN tags t ON t.id = pt.tag_id"
    " WHERE t.rule IS NULL AND pt.patient_id BETWEEN ? AND ? ORDER BY pt.patient_id, t.id"
)
_PEOPLE_SQL = "SELECT id, phone, name FROM patients"
# openpyxl's ILLEGAL_CHARACTERS_RE, the export's rule since it wrote through openpyxl (kept identical)
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


#: how a continuation sheet is named: the first sheet's name, a space, its number in brackets — what Excel
#: itself calls a copy of a sheet, so a clinic recognises it ("消费", "消费 (2)", "消费 (3)")
_PART_NAME = re.compile(r"^(?P<base>.*\S)\s*[(（]\s*(?P<number>[1-9][0-9]{0,5})\s*[)）]$")


def part_name(name: str, number: int) -> str:
    """The name of part ``number`` (1-based) of the sheet called ``name``: ``name`` itself for the first.

    Why parts: a sheet holds at most 1,048,576 rows in Excel and WPS (they cut the rest off without a
    word), so a table with more rows — the visit lines of a five-clinic chain — continues on further
    sheets, each with the same header row."""
    return name if number == 1 else f"{name} ({number})"


def split_part_name(name: str) -> tuple[str, int]:
    """(first sheet's name, part number) of a sheet name: ``("消费", 3)`` for ``"消费 (3)"``, ``(name, 1)``
    for a name that is no continuation. Full-width brackets and a missing space are accepted, since a
    clinic may rename the sheets by hand."""
    match = _PART_NAME.match(name.strip())
    if match is None or int(match["number"]) < 2:
        return name, 1
    return match["base"], int(match["number"])


@dataclass(frozen=True)
class Range:
    """Rows ``lo``–``hi`` (table ids, inclusive) of sheet ``sheet`` (index in :data:`KINDS`), numbered
    from ``first_row`` in the sheet, written as part ``part`` of that sheet's table, on its ``page``-th
    worksheet (0: the first; a table longer than a worksheet continues on more, see :func:`part_name`)."""

    sheet: int
    part: int
    lo: int
    hi: int
    first_row: int
    page: int = 0


# -- what a row's cells are (the serial export's rules, unchanged) ---------------------------------------


def _text_of(neutralise: Callable[[str], str]) -> Callable[[str | None], str | None]:
    def text(value: str | None) -> str | None:
        return None if value is None else neutralise(_ILLEGAL.sub("", value))

    return text


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(str(value)[:10])


def _moment(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(str(value)).replace(microsecond=0)


def _yes(value: object) -> str:
    return "是" if value else "否"


def _rows(conn: sqlite3.Connection, kind: str, lo: int, hi: int) -> Iterator[tuple[Any, ...]]:
    cursor = conn.execute(SHEET_SQL[kind], (lo, hi))
    while batch := cursor.fetchmany(5000):
        yield from batch


class _Lookups:
    """What the rows of every range repeat, worked out once per worker and once per value: a patient's
    phone and name as written (a million visit lines name a hundred thousand patients), a treatment's
    name, a day, the few distinct staff and coupon texts."""

    def __init__(self, conn: sqlite3.Connection, labels: dict[str, dict[str, str]], money: type) -> None:
        from clinic_desktop.io.safe_cells import neutralise

        self.text = _text_of(neutralise)
        self.labels, self.money = labels, money
        self._few: dict[str | None, str | None] = {}
        self._days: dict[str | None, date | None] = {}
        self._people: dict[int, tuple[Any, str | None]] | None = None
        self._written: dict[int, tuple[Any, str | None]] = {}
        self.conn = conn
        self.treatments: dict[int, str | None] = {
            tid: self.few(name) for tid, name in conn.execute("SELECT id, name FROM treatments")
        }

    def few(self, value: str | None) -> str | None:
        try:
            return self._few[value]
        except KeyError:
            self._few[value] = result = self.text(value)
            return result

    def day(self, value: str | None) -> date | None:
        try:
            return self._days[value]
        except KeyError:
            self._days[value] = result = _day(value)
            return result

    def who(self, pid: int) -> tuple[Any, str | None]:
        """(phone, name as written) of a patient; (None, None) for an id with no patient."""
        try:
            return self._written[pid]
        except KeyError:
            pass
        if self._people is None:
            self._people = {p: (phone, name) for p, phone, name in self.conn.execute(_PEOPLE_SQL)}
        phone, name = self._people.get(pid, (None, None))
        self._written[pid] = result = (phone, self.text(name))
        return result

    def label(self, field: str, code: str | None) -> str | None:
        return None if code is None else self.labels[field].get(code, code)

    def yuan(self, fen: int | None) -> Any:
        return None if fen is None else self.money(fen / 100)


def _sheet_rows(
    conn: sqlite3.Connection, kind: str, lo: int, hi: int, k: _Lookups
) -> Iterator[Sequence[Any]]:
    """The cells of sheet ``kind``'s rows with ids ``lo``–``hi``, in the export's column order."""
    text, day, few, label, who, yuan = k.text, k.day, k.few, k.label, k.who, k.yuan
    treatments = k.treatments
    if kind == "patients":
        tags: dict[int, list[str]] = {}
        for pid, tag in conn.execute(_TAGS_SQL, (lo, hi)):
            tags.setdefault(pid, []).append(tag)
        genders = {"M": "男", "F": "女"}
        for r in _rows(conn, kind, lo, hi):
            pid = r[0]
            yield (
                text(r[1]), r[2], genders.get(r[3] or ""), _day(r[4]) or r[25], _yes(r[5]), text(r[6]),
                text(r[7]), text(r[8]), text(r[9]), r[10], _day(r[11]), _yes(r[12]), _yes(r[13]), _yes(r[14]),
                text(",".join(tags.get(pid, [])) or None), text(r[15]), r[16], yuan(r[17]), _day(r[18]),
                text(r[24]), text(r[19]), _day(r[20]), _moment(r[21]), _yes(r[22]), pid, r[23], _yes(r[26]),
                _day(r[27]), label("knowledge", r[28]),
            )  # fmt: skip
    elif kind == "visits":
        for when, tid, amount, coupon, staff, pid in _rows(conn, kind, lo, hi):
            phone, name = who(pid)
            yield (phone, day(when), treatments.get(tid), yuan(amount), few(coupon), few(staff), pid, name)
    elif kind == "surveys":
        for r in _rows(conn, kind, lo, hi):
            phone, name = who(r[10])
            linked = day(r[9]) if r[8] is not None else None
            yield (phone, day(r[0]), r[1], r[2], text(r[3]), r[4], r[5], r[6], r[7], linked, r[10], name)
    elif kind == "interactions":
        for when, what, detail, pid in _rows(conn, kind, lo, hi):
            phone, name = who(pid)
            yield (phone, _moment(when), label("kind", what), text(detail), pid, name)
    elif kind == "appointments":
        for when, tid, status, pid in _rows(conn, kind, lo, hi):
            phone, name = who(pid)
            yield (phone, _moment(when), treatments.get(tid), label("status", status), pid, name)
    elif kind == "contacts":
        for when, channel, purpose, outcome, note, staff, pid in _rows(conn, kind, lo, hi):
            phone, name = who(pid)
            yield (
                phone, _moment(when), label("channel", channel), label("purpose", purpose),
                label("outcome", outcome), text(note), few(staff), pid, name,
            )  # fmt: skip
    elif kind == "treatments":
        for name, category, recall, active in _rows(conn, kind, lo, hi):
            yield (text(name), text(category), recall, _yes(active))
    else:
        for name, category, color in _rows(conn, kind, lo, hi):
            yield (text(name), label("tag_category", category), color)


def write_ranges(
    conn: sqlite3.Connection,
    ranges: Sequence[Range],
    widths: Sequence[int],
    folder: Path,
    labels: dict[str, dict[str, str]],
) -> list[tuple[Range, Any, int]]:
    """Render and deflate each range into a piece file in ``folder``: (range, piece, rows written)."""
    from clinic_desktop.io.xlsx_stream import Money, RowWriter
    from clinic_desktop.io.zip_parts import DeflateWriter

    lookups = _Lookups(conn, labels, Money)
    done = []
    for r in ranges:
        stream = DeflateWriter(folder / f"sheet{r.sheet}-page{r.page}-part{r.part}.deflate")
        sheet = RowWriter(stream, widths[r.sheet], first_row=r.first_row)
        count = 0
        for values in _sheet_rows(conn, KINDS[r.sheet], r.lo, r.hi, lookups):
            sheet.append(values)
            count += 1
        done.append((r, stream.close(), count))
    return done


def run_worker(
    db_path: str,
    ranges: Sequence[Range],
    widths: Sequence[int],
    folder: str,
    labels: dict[str, dict[str, str]],
    pipe: Connection,
) -> None:
    """A worker process: take a read snapshot, say "ready" (the exporter then lets writers go on), write
    the ranges, send back their pieces — or the error, as text."""
    try:
        conn = sqlite3.connect(db_path)
        conn.execute("PRAGMA busy_timeout=10000")
        conn.execute("BEGIN")
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()  # the snapshot starts here
    except Exception as exc:  # noqa: BLE001 - reported to the exporter, which falls back or fails
        pipe.send(("error", f"{type(exc).__name__}: {exc}"))
        return
    pipe.send(("ready", None))
    try:
        pipe.send(("done", write_ranges(conn, ranges, widths, Path(folder), labels)))
    except Exception as exc:  # noqa: BLE001
        pipe.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()
