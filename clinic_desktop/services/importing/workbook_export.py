"""Write the clinic workbook (PRODUCT §7.1): the whole database and the blank template.

The export is the import's mirror: the same sheets, the canonical headers of
:data:`~clinic_desktop.services.importing.mapping.FIELD_LABELS`, yes/no as 是/否, money in yuan as numbers
with two decimals, dates and times as real date cells. Beyond the §7.1 minimum it writes the columns a
round trip needs (区域, consent date, 已归档, 患者编号 in every sheet so phone-less patients keep their
records, survey dimensions, the 标签 sheet with categories and colours), so exporting and importing into
an empty database gives the same data. Settings, call lists and the audit log are not part of it. (The
import's own reports, the issue list and the problem rows, are in ``problem_rows``.)

The export streams rows through :mod:`~clinic_desktop.services.workbook_xml` (openpyxl's write-only mode
needed minutes for the ten million cells of a 100,000-patient clinic; this takes about a minute and a
half); the one-row template and the import report use openpyxl. Every text from the database is made
inert with :func:`~clinic_desktop.io.safe_cells.neutralise` (what ``set_text`` does, without a cell object
per value) and written as a string cell, so a name like ``=HYPERLINK(…)`` stays text. Files are written
beside the target and moved into place: a failed export never leaves half a file.
"""

from __future__ import annotations

import sqlite3
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from clinic_desktop.core.access import Permission
from clinic_desktop.db.engine import driver_connection
from clinic_desktop.io.private_files import PrivateTemp
from clinic_desktop.io.safe_cells import neutralise
from clinic_desktop.io.xlsx_stream import Money, XlsxWriter
from clinic_desktop.services.audit import record_audit
from clinic_desktop.services.database import Database
from clinic_desktop.services.importing.codes import ENUM_LABELS
from clinic_desktop.services.importing.mapping import (
    FIELD_LABELS,
    FLAT_VISIT_FIELDS,
    SHEET_FIELDS,
    SHEET_LABELS,
)

__all__ = ["EXPORT_FIELDS", "ExportSummary", "export_workbook", "save_atomically", "write_template"]

#: sheet kind → the fields the export writes, in order (age is never stored; flat-file visit columns are
#: only for importing)
EXPORT_FIELDS: dict[str, tuple[str, ...]] = {
    kind: tuple(f for f in fields if f != "age" and not (kind == "patients" and f in FLAT_VISIT_FIELDS))
    for kind, fields in SHEET_FIELDS.items()
}
_YUAN = "0.00"
_BOLD = Font(bold=True)


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    #: data rows written per sheet kind
    rows: dict[str, int]
    seconds: float


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


class _Sheet:
    """A write-only openpyxl sheet with a bold header (the template: one row, openpyxl is fine)."""

    def __init__(self, workbook: Workbook, kind: str) -> None:
        self.ws = workbook.create_sheet(SHEET_LABELS[kind][0])
        self.fields = EXPORT_FIELDS[kind]
        header = []
        for f in self.fields:
            cell = WriteOnlyCell(self.ws, value=FIELD_LABELS[f][0])
            cell.font = _BOLD
            header.append(cell)
        self.ws.append(header)
        self.money = [i for i, f in enumerate(self.fields) if f in ("amount", "opening_spend")]
        self.count = 0

    def append(self, values: Sequence[Any]) -> None:
        row = list(values)
        for i in self.money:
            if row[i] is not None:
                cell = WriteOnlyCell(self.ws, value=row[i] / 100)
                cell.number_format = _YUAN
                row[i] = cell
        self.ws.append(row)
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
    # rule-derived tags are not written: the recompute after an import derives them again (PRODUCT §4.1)
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


def save_atomically(workbook: Workbook, path: Path) -> None:
    """Save ``workbook`` through a private temporary file (0600; a crash leaves nothing the next start
    does not delete — see :class:`~clinic_desktop.io.private_files.PrivateTemp`)."""
    with PrivateTemp(path) as temp:
        workbook.save(temp)


def export_workbook(db: Database, path: Path | str) -> ExportSummary:
    """The whole database as the clinic workbook at ``path`` (read in one consistent snapshot).

    Owner only (:class:`~clinic_desktop.core.access.AccessDenied` otherwise, before anything is read).
    Written through a private temporary file (0600; a crash leaves nothing — the next start deletes what
    a killed export left). The audit row and the rename happen together: the write lock is taken, the row
    added, the file renamed, then committed — so an export that exists is on record, and a busy database
    can delay the export but never report a finished one as failed."""
    db.access.require(Permission.EXPORT_DATABASE)
    started = time.perf_counter()
    path = Path(path)
    temp = PrivateTemp(path)
    with temp as tmp:
        raw = db.engine.raw_connection()
        try:
            cur = driver_connection(raw).cursor()
            cur.execute("BEGIN")  # one snapshot: a concurrent write cannot split a patient from their visits
            try:
                with XlsxWriter(tmp) as book:
                    rows = _write_database(book, cur)
            finally:
                cur.execute("COMMIT")
                cur.close()
        finally:
            raw.close()
        with db.sessions.begin() as session:  # patient data left the app: who took what, and where to
            record_audit(session, "export", {"what": "workbook", "path": str(path.resolve()), "rows": rows})
            session.flush()
            temp.commit()
    return ExportSummary(path, rows, round(time.perf_counter() - started, 3))


_EXAMPLE: dict[str, dict[str, object]] = {
    "patients": {
        "name": "张三",
        "phone": "13800000000",
        "gender": "女",
        "birth_date": date(1990, 5, 3),
        "lunar_birthday": "否",
        "wechat": "zhangsan90",
        "address": "XX区XX路1号",
        "occupation": "教师",
        "source": "朋友介绍",
        "referrer_phone": None,
        "first_contact_date": date(2024, 3, 1),
        "do_not_contact": "否",
        "marketing_consent": "是",
        "vip": "否",
        "tags": "怕疼,上班族",
        "notes": "下午方便接电话",
        "opening_visits": 3,
        "opening_spend": 1280.5,
        "opening_last_visit": date(2024, 2, 20),
    },
    "visits": {
        "phone": "13800000000",
        "date": date(2024, 3, 1),
        "treatment": "洁牙",
        "amount": 198,
        "staff": "李医生",
    },
    "interactions": {
        "phone": "13800000000",
        "time": datetime(2024, 2, 25, 20, 15),
        "kind": "咨询",
        "detail": "问洁牙价格",
    },
    "appointments": {
        "phone": "13800000000",
        "time": datetime(2024, 9, 1, 10, 0),
        "treatment": "洁牙",
        "status": "已预约",
    },
    "surveys": {
        "phone": "13800000000",
        "date": date(2024, 3, 2),
        "overall": 5,
        "nps": 9,
        "comment": "医生很耐心",
    },
    "contacts": {
        "phone": "13800000000",
        "time": datetime(2024, 8, 20, 15, 30),
        "channel": "电话",
        "purpose": "复诊提醒",
        "outcome": "已预约",
        "notes": "约了9月1日",
    },
    "treatments": {"title": "洁牙", "category": "口腔", "recall_days": 180, "active": "是"},
    "tags": {"title": "怕疼", "category": "自定义", "color": "#607d8b"},
}


def write_template(path: Path | str) -> Path:
    """The blank clinic workbook: every sheet with its headers and one example row."""
    path = Path(path)
    workbook = Workbook(write_only=True)
    for kind in (
        "patients",
        "visits",
        "interactions",
        "appointments",
        "surveys",
        "contacts",
        "treatments",
        "tags",
    ):
        sheet = _Sheet(workbook, kind)
        example = _EXAMPLE[kind]
        values = [example.get(f) for f in sheet.fields]
        sheet.ws.append([_text(v) if isinstance(v, str) else v for v in values])
    save_atomically(workbook, path)
    return path
