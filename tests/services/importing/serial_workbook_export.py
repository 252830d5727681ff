"""The workbook export as it was before issue 15 (one process, one zip stream): the reference the
parallel export is compared with, byte for byte, in ``test_parallel_export.py`` (with issue 16's knowledge column and without the rule-derived tags, as that issue made the export). Test code only."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import closing
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from clinic_desktop.io.safe_cells import neutralise
from clinic_desktop.io.xlsx_stream import Money, XlsxWriter
from clinic_desktop.services.importing.codes import ENUM_LABELS
from clinic_desktop.services.importing.mapping import FIELD_LABELS, SHEET_LABELS
from clinic_desktop.services.importing.workbook_export import EXPORT_FIELDS


def _text(value: str | None) -> str | None:
    if value is None:
        return None
    return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))


def _yes(value: object) -> str:
    return "是" if value else "否"


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(str(value)[:10])


def _moment(value: str | None) -> datetime | None:
    if value is None:
        return None
    return datetime.fromisoformat(str(value)).replace(microsecond=0)


class _ExportSheet:
    """A sheet of the database export; money columns (fen) are written as yuan with two decimals."""

    def __init__(self, book: XlsxWriter, kind: str) -> None:
        self.fields = EXPORT_FIELDS[kind]
        self.sheet = book.add_sheet(SHEET_LABELS[kind][0], [FIELD_LABELS[f][0] for f in self.fields])
        self.money = [i for i, f in enumerate(self.fields) if f in ("amount", "opening_spend")]
        self.count = 0

    def append(self, values: Sequence[Any]) -> None:
        row = list(values)
        for i in self.money:
            if row[i] is not None:
                row[i] = Money(row[i] / 100)
        self.sheet.append(row)
        self.count += 1


class _ExportSheet:
    """A sheet of the database export; money columns (fen) are written as yuan with two decimals."""

    def __init__(self, book: XlsxWriter, kind: str) -> None:
        self.fields = EXPORT_FIELDS[kind]
        self.sheet = book.add_sheet(SHEET_LABELS[kind][0], [FIELD_LABELS[f][0] for f in self.fields])
        self.money = [i for i, f in enumerate(self.fields) if f in ("amount", "opening_spend")]
        self.count = 0

    def append(self, values: Sequence[Any]) -> None:
        row = list(values)
        for i in self.money:
            if row[i] is not None:
                row[i] = Money(row[i] / 100)
        self.sheet.append(row)
        self.count += 1


def _labels(field: str, code: str | None) -> str | None:
    return None if code is None else ENUM_LABELS[field].get(code, code)


def _rows(cur: sqlite3.Cursor, sql: str) -> Iterator[tuple[Any, ...]]:
    cur.execute(sql)
    while batch := cur.fetchmany(5000):
        yield from batch


def _write_database(book: XlsxWriter, cur: sqlite3.Cursor) -> dict[str, int]:
    phones: dict[int, str | None] = {}
    names: dict[int, str] = {}
    tags: dict[int, list[str]] = defaultdict(list)
    for pid, tag in cur.execute(
        "SELECT pt.patient_id, t.name FROM patient_tags pt JOIN tags t ON t.id = pt.tag_id"
        " WHERE t.rule IS NULL ORDER BY pt.patient_id, t.id"
    ):
        tags[pid].append(tag)
    treatments = dict(cur.execute("SELECT id, name FROM treatments").fetchall())
    patients = _ExportSheet(book, "patients")
    for r in _rows(
        cur,
        "SELECT p.id, p.name, p.phone, p.gender, p.birth_date, p.lunar_birthday, p.wechat, p.address,"
        " p.occupation, p.source, ref.phone, p.first_contact_date, p.do_not_contact, p.marketing_consent,"
        " p.manual_vip, p.notes,"
        " p.opening_visits, p.opening_spend_fen, p.opening_last_visit, p.district, p.marketing_consent_at,"
        " p.do_not_contact_at, p.archived, p.referred_by_id, p.landline, p.birth_partial,"
        " p.guardian_consent, p.guardian_consent_at, p.knowledge"
        " FROM patients p LEFT JOIN patients ref ON ref.id = p.referred_by_id ORDER BY p.id",
    ):
        pid = r[0]
        phones[pid], names[pid] = r[2], r[1]
        gender = {"M": "男", "F": "女"}.get(r[3] or "")
        patients.append(
            (
                _text(r[1]),
                r[2],
                gender,
                _day(r[4]) or r[25],  # a partial birth date ("1985-03") as the text it is
                _yes(r[5]),
                _text(r[6]),
                _text(r[7]),
                _text(r[8]),
                _text(r[9]),
                r[10],
                _day(r[11]),
                _yes(r[12]),
                _yes(r[13]),
                _yes(r[14]),
                _text(",".join(tags.get(pid, [])) or None),
                _text(r[15]),
                r[16],
                r[17],
                _day(r[18]),
                _text(r[24]),
                _text(r[19]),
                _day(r[20]),
                _moment(r[21]),
                _yes(r[22]),
                pid,
                r[23],
                _yes(r[26]),
                _day(r[27]),
                _labels("knowledge", r[28]),
            )
        )

    def who(pid: int) -> tuple[str | None, int, str | None]:
        return phones.get(pid), pid, _text(names.get(pid))

    visit_days: dict[int, str] = {}
    visits = _ExportSheet(book, "visits")
    for vid, pid, day, tid, amount, coupon, staff in _rows(
        cur,
        "SELECT id, patient_id, visit_date, treatment_id, amount_fen, coupon, staff FROM visits ORDER BY id",
    ):
        visit_days[vid] = day
        phone, key, name = who(pid)
        visits.append(
            (phone, _day(day), _text(treatments.get(tid)), amount, _text(coupon), _text(staff), key, name)
        )
    surveys = _ExportSheet(book, "surveys")
    for r in _rows(
        cur,
        "SELECT patient_id, survey_date, overall, nps, comment, service, result, environment, price, visit_id"
        " FROM surveys ORDER BY id",
    ):
        phone, key, name = who(r[0])
        linked = _day(visit_days.get(r[9])) if r[9] is not None else None
        surveys.append(
            (phone, _day(r[1]), r[2], r[3], _text(r[4]), r[5], r[6], r[7], r[8], linked, key, name)
        )
    interactions = _ExportSheet(book, "interactions")
    for pid, when, kind, detail in _rows(
        cur, "SELECT patient_id, occurred_at, kind, detail FROM interactions ORDER BY id"
    ):
        phone, key, name = who(pid)
        interactions.append((phone, _moment(when), _labels("kind", kind), _text(detail), key, name))
    appointments = _ExportSheet(book, "appointments")
    for pid, when, tid, status in _rows(
        cur, "SELECT patient_id, scheduled_at, treatment_id, status FROM appointments ORDER BY id"
    ):
        phone, key, name = who(pid)
        appointments.append(
            (phone, _moment(when), _text(treatments.get(tid)), _labels("status", status), key, name)
        )
    contacts = _ExportSheet(book, "contacts")
    for pid, when, channel, purpose, outcome, note, staff in _rows(
        cur,
        "SELECT patient_id, contacted_at, channel, purpose, outcome, note, staff FROM contacts ORDER BY id",
    ):
        phone, key, name = who(pid)
        contacts.append(
            (
                phone,
                _moment(when),
                _labels("channel", channel),
                _labels("purpose", purpose),
                _labels("outcome", outcome),
                _text(note),
                _text(staff),
                key,
                name,
            )
        )
    catalogue = _ExportSheet(book, "treatments")
    for name, category, recall, active in _rows(
        cur, "SELECT name, category, recall_days, active FROM treatments ORDER BY id"
    ):
        catalogue.append((_text(name), _text(category), recall, _yes(active)))
    tag_sheet = _ExportSheet(book, "tags")
    for name, category, color in _rows(
        cur, "SELECT name, category, color FROM tags WHERE rule IS NULL ORDER BY id"
    ):
        tag_sheet.append((_text(name), _labels("tag_category", category), color))
    sheets = (patients, visits, surveys, interactions, appointments, contacts, catalogue, tag_sheet)
    kinds = (
        "patients",
        "visits",
        "surveys",
        "interactions",
        "appointments",
        "contacts",
        "treatments",
        "tags",
    )
    return {kind: sheet.count for kind, sheet in zip(kinds, sheets, strict=True)}


def export_serial(db_path: Path, path: Path) -> dict[str, int]:
    """The whole database at ``db_path`` written the pre-issue-15 way to ``path``."""
    with closing(sqlite3.connect(db_path)) as conn:
        cur = conn.cursor()
        cur.execute("BEGIN")
        with XlsxWriter(path) as book:
            rows = _write_database(book, cur)
        cur.execute("COMMIT")
    return rows
