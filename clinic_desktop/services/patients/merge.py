"""Merging duplicate patients into one without losing a single record (PRODUCT §7).

A merge moves every row that points at the merged patients — found from the database's own foreign
keys, so tables added later are moved too — to the kept patient, fills the kept patient's blank
fields, deletes the others and writes one audit row, all in one transaction. Finding the candidates is
:mod:`clinic_desktop.services.patients.duplicates`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clinic_desktop.core.pinyin_keys import search_keys
from clinic_desktop.db.engine import rows_affected
from clinic_desktop.db.models import Patient
from clinic_desktop.services.audit import record_audit
from clinic_desktop.services.backup import backup_before
from clinic_desktop.services.database import Database
from clinic_desktop.services.patients.record_input import RecordError, error

__all__ = ["MERGE_FIELDS", "MergeSummary", "RecordError", "child_columns", "merge_patients"]


#: profile fields a merge fills from the other records (or as ``take`` says). Deliberately a subset of the
#: patients columns: flags, consent and opening balances are combined by rule in :func:`merge_patients`,
#: the lunar-birthday flag follows the birth date and the search keys the name, and the id and timestamps
#: are the kept patient's own
MERGE_FIELDS: tuple[str, ...] = (
    "name",
    "gender",
    "birth_date",
    "phone",
    "wechat",
    "address",
    "district",
    "occupation",
    "source",
    "referred_by_id",
    "first_contact_date",
    "notes",
)


@dataclass(frozen=True)
class MergeSummary:
    kept_id: int
    merged_ids: tuple[int, ...]
    moved: dict[str, int] = field(default_factory=dict)  # table → rows moved to the kept patient
    fields: dict[str, int] = field(default_factory=dict)  # profile field → patient the value came from

    @property
    def records(self) -> int:
        return sum(self.moved.values())


_DERIVED = {"patient_metrics"}


def child_columns(session: Session) -> list[tuple[str, str]]:
    """(table, column) of every foreign key to ``patients.id`` in the actual database, so a table a
    later migration adds is merged too instead of losing its rows to ON DELETE CASCADE."""
    found = []
    tables = session.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'")).scalars().all()
    for table in tables:
        for key in session.execute(text(f'PRAGMA foreign_key_list("{table}")')).mappings():
            if key["table"] == "patients" and (key["to"] in (None, "id")) and table not in _DERIVED:
                found.append((str(table), str(key["from"])))
    return sorted(found)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _validate(session: Session, keep_id: int, other_ids: Iterable[int]) -> tuple[Patient, list[Patient]]:
    others = list(dict.fromkeys(other_ids))
    if not others:
        raise error("请选择要合并的患者", "choose the patients to merge")
    if keep_id in others:
        raise error("不能把患者与自己合并", "a patient cannot be merged with itself")
    kept = session.get(Patient, keep_id)
    if kept is None:
        raise error(f"找不到患者（编号 {keep_id}）", f"no patient with id {keep_id}")
    merged = []
    for pid in others:
        patient = session.get(Patient, pid)
        if patient is None:
            raise error(f"找不到患者（编号 {pid}）", f"no patient with id {pid}")
        merged.append(patient)
    return kept, merged


def _chosen_values(
    kept: Patient, merged: list[Patient], take: dict[str, int] | None
) -> tuple[dict[str, Any], dict[str, int]]:
    """The merged profile: the kept patient's value, else the first non-blank of the others, unless
    ``take`` names the patient to take a field from. Notes are joined, and first contact is the earliest."""
    everyone = {p.id: p for p in (kept, *merged)}
    take = dict(take or {})
    unknown = sorted(set(take) - set(MERGE_FIELDS))
    if unknown:
        raise error(f"无法合并的字段：{', '.join(unknown)}", f"unknown fields: {', '.join(unknown)}")
    for key, source in take.items():
        if source not in everyone:
            raise error(
                f"字段 {key} 只能取自要合并的患者", f"field {key} must come from one of the merged patients"
            )
    values: dict[str, Any] = {}
    sources: dict[str, int] = {}
    for key in MERGE_FIELDS:
        if key in take:
            chosen = everyone[take[key]]
        elif key == "first_contact_date":
            dated = [p for p in everyone.values() if p.first_contact_date is not None]
            chosen = min(dated, key=lambda p: (p.first_contact_date, p.id)) if dated else kept
        elif key == "notes":
            notes = [(p.notes or "").strip() for p in (kept, *merged) if not _blank(p.notes)]
            values["notes"] = "\n".join(dict.fromkeys(notes)) or None
            continue
        else:
            chosen = next((p for p in (kept, *merged) if not _blank(getattr(p, key))), kept)
        values[key] = getattr(chosen, key)
        if chosen is not kept:
            sources[key] = chosen.id
    if "birth_date" in sources:
        values["lunar_birthday"] = bool(everyone[sources["birth_date"]].lunar_birthday)
    return values, sources


def _consent(everyone: list[Patient], flag: str = "marketing_consent") -> tuple[bool, date | None]:
    """A consent after a merge (the patient's own marketing consent, or a guardian's): the most recent
    recorded decision wins (a patient who withdrew consent last month has withdrawn it, whichever record
    it was noted on). Without any dated decision the merged patient consents only if every record did —
    consent is never assumed."""
    dated = [p for p in everyone if getattr(p, f"{flag}_at") is not None]
    if dated:
        latest = max(dated, key=lambda p: (getattr(p, f"{flag}_at"), p.id))
        return bool(getattr(latest, flag)), getattr(latest, f"{flag}_at")
    return all(bool(getattr(p, flag)) for p in everyone), None


def _safe_referrer(session: Session, candidate: int | None, keep_id: int, merged: set[int]) -> int | None:
    """The referrer, unless it would be the patient themselves or close a referral loop."""
    current, seen = candidate, set()
    while current is not None and current not in seen:
        if current == keep_id or current in merged:
            return None
        seen.add(current)
        current = session.scalar(select(Patient.referred_by_id).where(Patient.id == current))
    return candidate


def merge_patients(
    db: Database, keep_id: int, other_ids: Iterable[int], *, take: dict[str, int] | None = None
) -> MergeSummary:
    """Merge ``other_ids`` into ``keep_id`` in one transaction; raises :class:`RecordError` (nothing
    written) for an unknown patient, merging a patient with itself, or a bad ``take``.

    Every row pointing at a merged patient moves to the kept one (tags without duplicates). The kept
    patient's blank fields are filled from the others; opening balances are added up (each record's
    imported history is part of the person's history) with the latest opening last visit.
    Do-not-contact is kept if *any* record asked not to be contacted — contacting someone who refused
    is the one mistake a merge must not cause — and marketing and guardian consent follow :func:`_consent`.
    Metrics are not recomputed here (the caller does that once, see ``patient_edits``).
    A verified safety backup is taken first (``…-before-merge.db``; :class:`BackupError` stops the merge).
    """
    with db.sessions() as session:  # refuse a bad request before copying anything
        kept, merged = _validate(session, keep_id, other_ids)
        _chosen_values(kept, merged, take)
    safety = backup_before(db, "merge")
    with db.sessions.begin() as session:
        kept, merged = _validate(session, keep_id, other_ids)
        merged_ids = tuple(p.id for p in merged)
        everyone = [kept, *merged]
        values, sources = _chosen_values(kept, merged, take)
        values["referred_by_id"] = _safe_referrer(session, values["referred_by_id"], kept.id, set(merged_ids))
        if values["referred_by_id"] is None:
            sources.pop("referred_by_id", None)
        dnc = [p for p in everyone if p.do_not_contact]
        values["do_not_contact"] = bool(dnc)
        values["do_not_contact_at"] = min(
            (p.do_not_contact_at for p in dnc if p.do_not_contact_at), default=None
        )
        values["marketing_consent"], values["marketing_consent_at"] = _consent(everyone)
        values["guardian_consent"], values["guardian_consent_at"] = _consent(everyone, "guardian_consent")
        values["manual_vip"] = any(p.manual_vip for p in everyone)
        values["archived"] = all(p.archived for p in everyone)
        values["opening_visits"] = sum(p.opening_visits or 0 for p in everyone)
        values["opening_spend_fen"] = sum(p.opening_spend_fen or 0 for p in everyone)
        values["opening_last_visit"] = max(
            (p.opening_last_visit for p in everyone if p.opening_last_visit), default=None
        )
        moved = _move_children(session, kept.id, merged_ids)
        old_name = kept.name
        for patient in merged:
            session.delete(patient)
        session.flush()  # the merged phones are free before the kept patient takes one
        for key, value in values.items():
            setattr(kept, key, value)
        if kept.name != old_name or kept.pinyin_full is None:
            kept.pinyin_full, kept.pinyin_initials = search_keys(kept.name)
        try:
            session.flush()
        except IntegrityError as exc:  # pragma: no cover - a table added later with its own unique key
            raise error("合并失败：记录冲突", f"merge failed: conflicting records ({exc.orig})") from exc
        record_audit(
            session,
            "merge",
            {
                "kept": kept.id,
                "merged": list(merged_ids),
                "moved": moved,
                "fields": sources,
                "backup": safety.path.name if safety else None,
            },
        )
    return MergeSummary(kept.id, merged_ids, moved, sources)


def _move_children(session: Session, keep_id: int, merged_ids: tuple[int, ...]) -> dict[str, int]:
    moved: dict[str, int] = {}
    marks = ",".join(str(int(pid)) for pid in merged_ids)
    for table, column in child_columns(session):
        if table == "patient_tags":
            result = session.execute(
                text(
                    "INSERT OR IGNORE INTO patient_tags (patient_id, tag_id, created_at) "
                    f"SELECT :keep, tag_id, MIN(created_at) FROM patient_tags WHERE patient_id IN ({marks}) "
                    "GROUP BY tag_id"
                ),
                {"keep": keep_id},
            )
            session.execute(text(f"DELETE FROM patient_tags WHERE patient_id IN ({marks})"))
        else:
            result = session.execute(
                text(f'UPDATE "{table}" SET "{column}" = :keep WHERE "{column}" IN ({marks})'),
                {"keep": keep_id},
            )
        count = rows_affected(result)
        if count:
            key = "referrals" if (table, column) == ("patients", "referred_by_id") else table
            moved[key] = moved.get(key, 0) + count
    session.expire_all()  # the ORM must see the moved rows (and the kept patient) as they now are
    return moved
