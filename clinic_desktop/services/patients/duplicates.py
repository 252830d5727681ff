"""Likely duplicate patients, and merging them into one without losing a single record (PRODUCT §7).

Duplicates arise when the same person registers twice: once by WeChat without a phone and later at the
desk, once under a mistyped number, once from a spreadsheet import. Phones are unique in the database,
so "same phone" alone cannot find them; the rules below look for the other traces a second record
leaves (same name and birthday, a phone one digit off, one record's WeChat id being the other's phone,
a same-named record without any phone). Each group says *why* it was proposed, so the receptionist
decides; nothing is merged automatically.

Merging a group is :mod:`clinic_desktop.services.patients.merge` (re-exported here).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from clinic_desktop.db.engine import driver_connection
from clinic_desktop.db.models import Patient, PatientTag, Tag, Visit
from clinic_desktop.db.settings_store import read_value, write_value
from clinic_desktop.services.database import Database
from clinic_desktop.services.patients.duplicate_candidates import candidates
from clinic_desktop.services.patients.merge import MERGE_FIELDS, MergeSummary, child_columns, merge_patients
from clinic_desktop.services.patients.record_input import RecordError

__all__ = [
    "MERGE_FIELDS",
    "REASONS",
    "DuplicateGroup",
    "MergeSummary",
    "PatientSummary",
    "RecordError",
    "dismiss_group",
    "find_duplicates",
    "merge_patients",
]

#: settings key of the groups the receptionist marked "not duplicates" (lists of patient ids)
DISMISSED_KEY = "duplicates_dismissed"

#: why a group was proposed, strongest first: key → (zh, en)
REASONS: dict[str, tuple[str, str]] = {
    "same_phone": ("手机号相同", "same mobile number"),
    "phone_is_wechat": ("一位的手机号是另一位的微信号", "one's mobile number is the other's WeChat id"),
    "same_wechat": ("微信号相同", "same WeChat id"),
    "name_birth": ("姓名和出生日期相同", "same name and birth date"),
    "name_phone_typo": ("姓名相同，手机号只差一位", "same name, mobile numbers differ in one digit"),
    "name_phone_tail": ("姓名相同，手机号后 8 位相同", "same name, same last 8 digits of the mobile number"),
    "name_no_phone": ("姓名相同，其中一位没有手机号", "same name, one of them has no mobile number"),
}


@dataclass(frozen=True)
class PatientSummary:
    id: int
    name: str
    phone: str | None
    gender: str | None
    birth_date: date | None
    wechat: str | None
    source: str | None
    first_contact_date: date | None
    visits: int  # visit rows plus the imported opening count
    spend_fen: int  # visits plus the imported opening spend
    last_visit: date | None
    tags: tuple[str, ...]
    records: int  # rows a merge would move: visits, interactions, appointments, surveys, contacts, tags …


@dataclass(frozen=True)
class DuplicateGroup:
    patient_ids: tuple[int, ...]
    reasons: tuple[str, ...]  # keys of REASONS, strongest first
    members: tuple[PatientSummary, ...]

    def reason_text(self, language: str = "zh") -> str:
        index = 1 if language == "en" else 0
        return ("; " if language == "en" else "；").join(REASONS[key][index] for key in self.reasons)


# --- finding -----------------------------------------------------------------------------------------


def find_duplicates(db: Database) -> list[DuplicateGroup]:
    """Groups of patients that are probably one person, strongest reason first (the rules run over the
    whole table at once, :mod:`.duplicate_candidates`; summaries only for the proposed patients)."""
    with db.sessions() as session:
        groups, names = candidates(driver_connection(session.connection().connection))
        dismissed = [frozenset(ids) for ids in _dismissed(session)]
        proposed = [
            (ids, reasons)
            for ids, reasons in groups.components(list(REASONS))
            if not any(set(ids) <= seen for seen in dismissed)
        ]
        summaries = _summaries(session, [pid for ids, _ in proposed for pid in ids])
    result = [
        DuplicateGroup(ids, reasons, tuple(summaries[pid] for pid in ids))
        for ids, reasons in proposed
        if all(pid in summaries for pid in ids)
    ]
    order = list(REASONS)
    result.sort(
        key=lambda group: (order.index(group.reasons[0]), names[group.patient_ids[0]], group.patient_ids)
    )
    return result


def _dismissed(session: Session) -> list[list[int]]:
    stored = read_value(session.connection(), DISMISSED_KEY)
    return [list(map(int, ids)) for ids in stored] if isinstance(stored, list) else []


def dismiss_group(db: Database, patient_ids: Iterable[int]) -> None:
    """Remember that these patients are different people, so the group is not proposed again (a family
    sharing a WeChat account, two patients who happen to share a name and birthday). A group that gains
    a new member later is proposed again: the new record may be a real duplicate."""
    ids = sorted({int(pid) for pid in patient_ids})
    if len(ids) < 2:
        return
    with db.sessions.begin() as session:
        stored = _dismissed(session)
        if ids not in stored:
            stored.append(ids)
            write_value(session.connection(), DISMISSED_KEY, stored)


def _chunks(ids: list[int], size: int = 900) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _summaries(session: Session, ids: list[int]) -> dict[int, PatientSummary]:
    out: dict[int, PatientSummary] = {}
    child_tables = [table for table, column in child_columns(session) if column == "patient_id"]
    for chunk in _chunks(sorted(set(ids))):
        visits = {
            row.patient_id: row
            for row in session.execute(
                select(
                    Visit.patient_id,
                    func.count().label("n"),
                    func.coalesce(func.sum(Visit.amount_fen), 0).label("fen"),
                    func.max(Visit.visit_date).label("last"),
                )
                .where(Visit.patient_id.in_(chunk))
                .group_by(Visit.patient_id)
            )
        }
        tags: dict[int, list[str]] = defaultdict(list)
        for pid, tag in session.execute(
            select(PatientTag.patient_id, Tag.name)
            .join(Tag, Tag.id == PatientTag.tag_id)
            .where(PatientTag.patient_id.in_(chunk))
            .order_by(Tag.name)
        ):
            tags[pid].append(tag)
        records: dict[int, int] = defaultdict(int)
        marks = ",".join(str(int(pid)) for pid in chunk)
        for table in child_tables:
            for pid, count in session.execute(
                text(f'SELECT patient_id, COUNT(*) FROM "{table}" WHERE patient_id IN ({marks}) GROUP BY 1')
            ):
                records[pid] += count
        columns = (
            Patient.id, Patient.name, Patient.phone, Patient.gender, Patient.birth_date, Patient.wechat,
            Patient.source, Patient.first_contact_date, Patient.opening_visits, Patient.opening_spend_fen,
            Patient.opening_last_visit,
        )  # fmt: skip
        for p in session.execute(select(*columns).where(Patient.id.in_(chunk))):  # rows, not ORM objects
            v = visits.get(p.id)
            last = v.last if v is not None else None
            if p.opening_last_visit is not None and (last is None or p.opening_last_visit > last):
                last = p.opening_last_visit
            out[p.id] = PatientSummary(
                id=p.id,
                name=p.name,
                phone=p.phone,
                gender=p.gender,
                birth_date=p.birth_date,
                wechat=p.wechat,
                source=p.source,
                first_contact_date=p.first_contact_date,
                visits=(v.n if v is not None else 0) + (p.opening_visits or 0),
                spend_fen=(int(v.fen) if v is not None else 0) + (p.opening_spend_fen or 0),
                last_visit=last,
                tags=tuple(tags.get(p.id, ())),
                records=records.get(p.id, 0),
            )
    return out
