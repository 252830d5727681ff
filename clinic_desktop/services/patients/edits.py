"""Who the patient is: create a patient, edit the profile (phone, dates, referrer, consent flags …).

Each function is one use-case in one transaction. Everything is validated before the first write, so a
refused edit (:class:`RecordError`, "中文 / English", naming the field) leaves the database exactly as it
was. Metrics are *not* recomputed here: the caller does that once after the write (the dialog on its
background worker, see :func:`clinic_desktop.services.patients.record.save_and_recompute`), because a
recompute reads the whole clinic and a bulk caller wants to do it once, not per row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clinic_desktop.core.cell_values import CellError, parse_birth_cell
from clinic_desktop.core.phone import is_blank_phone, normalize_phone
from clinic_desktop.core.phone_cells import read_phone_cell
from clinic_desktop.core.pinyin_keys import search_keys
from clinic_desktop.db.models import Patient, PatientTag
from clinic_desktop.services.database import Database
from clinic_desktop.services.patients.patient_tags import DEFAULT_TAG_COLORS
from clinic_desktop.services.patients.record_input import (
    DuplicatePhone,
    RecordError,
    check_day,
    clean_text,
    error,
    parse_day,
)
from clinic_desktop.services.patients.tags import TagError, tags_for_names

__all__ = [
    "PROFILE_FIELDS",
    "DuplicatePhone",
    "PhoneHolder",
    "RecordError",
    "create_patient",
    "phone_holder",
    "read_birth",
    "require_patient",
    "update_profile",
]

#: optional text fields: column → (max length, Chinese label, English label)
_TEXTS: dict[str, tuple[int, str, str]] = {
    "wechat": (64, "微信", "WeChat id"),
    "address": (200, "地址", "address"),
    "district": (64, "区域", "district"),
    "occupation": (64, "职业", "occupation"),
    "source": (64, "来源渠道", "source channel"),
    "notes": (2000, "备注", "notes"),
}
_FLAGS = ("lunar_birthday", "do_not_contact", "marketing_consent", "guardian_consent", "manual_vip")
#: every key ``update_profile`` / ``create_patient`` accept
PROFILE_FIELDS: tuple[str, ...] = (
    "name",
    "gender",
    "birth_date",
    "phone",
    "referred_by_id",
    "referrer_phone",
    "first_contact_date",
    "landline",
    *_TEXTS,
    *_FLAGS,
)


def require_patient(session: Session, patient_id: int) -> Patient:
    patient = session.get(Patient, patient_id)
    if patient is None:
        raise error(f"找不到患者（编号 {patient_id}）", f"no patient with id {patient_id}")
    return patient


def _clean_profile(
    session: Session, patient_id: int | None, changes: dict[str, Any], today: date
) -> dict[str, Any]:
    """The validated, normalised values of ``changes``; raises before anything is written."""
    unknown = sorted(set(changes) - set(PROFILE_FIELDS))
    if unknown:
        raise error(f"无法修改的字段：{', '.join(unknown)}", f"unknown fields: {', '.join(unknown)}")
    clean: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "name":
            name = clean_text(value, 64, "name", "姓名", "name")
            if name is None:
                raise error("姓名不能为空", "the name cannot be empty", "name")
            clean["name"] = name
        elif key == "gender":
            if value in ("", None):
                clean["gender"] = None
            elif value in ("M", "F"):
                clean["gender"] = value
            else:
                raise error(
                    f"性别只能是男、女或不填：{value}", f"gender must be M, F or empty: {value}", "gender"
                )
        elif key == "birth_date":
            clean.update(_clean_birth(value, today))
        elif key == "landline":
            clean["landline"] = _clean_landline(value)
        elif key == "first_contact_date":
            label_zh, label_en = (
                ("出生日期", "birth date") if key == "birth_date" else ("首次接触日期", "first contact date")
            )
            day = parse_day(value, key, label_zh, label_en)
            clean[key] = None if day is None else check_day(day, key, label_zh, label_en, today)
        elif key == "phone":
            clean["phone"] = _clean_phone(session, patient_id, value)
        elif key == "referred_by_id":
            clean["referred_by_id"] = _clean_referrer(session, patient_id, value)
        elif key == "referrer_phone":
            clean["referred_by_id"] = _clean_referrer(session, patient_id, _referrer_by_phone(session, value))
        elif key in _TEXTS:
            limit, label_zh, label_en = _TEXTS[key]
            clean[key] = clean_text(value, limit, key, label_zh, label_en)
        else:  # one of _FLAGS
            if not isinstance(value, bool):
                raise error(f"{key} 只能是是或否", f"{key} must be true or false", key)
            clean[key] = value
    return clean


def _clean_birth(value: object, today: date) -> dict[str, Any]:
    """A birth date — or only its month or year (``1985-03``, ``1985.3``, ``1985``): then ``birth_date``
    is empty and ``birth_partial`` holds what is known, so no birthday is invented (PRODUCT §7.2)."""
    try:
        day = parse_day(value, "birth_date", "出生日期", "birth date")  # type: ignore[arg-type]
    except RecordError:
        try:
            birth = parse_birth_cell(value, today)
        except CellError as exc:
            raise error(f"出生日期：{exc.zh}", f"birth date: {exc.en}", "birth_date") from None
        if isinstance(birth, str):
            return {"birth_date": None, "birth_partial": birth}
        day = birth
    if day is not None:
        day = check_day(day, "birth_date", "出生日期", "birth date", today)
    return {"birth_date": day, "birth_partial": None}


def read_birth(value: object, today: date) -> tuple[date | None, str | None]:
    """(birth date, birth month or year) as a save would store what was typed — so a form can say "36 岁"
    or "只知年月" while the receptionist types; raises :class:`RecordError` for what a save would refuse."""
    clean = _clean_birth(value, today)
    return clean["birth_date"], clean["birth_partial"]


def _clean_landline(value: object) -> str | None:
    """A landline as written (tidied: ``0571-88886666``); blank means none."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    cell = read_phone_cell(value)
    number = cell.landline or cell.mobile
    if number is None or cell.others:
        raise error(f"不是有效的电话号码：{value}", f"not a valid phone number: {value}", "landline")
    return number


def _clean_phone(session: Session, patient_id: int | None, value: object) -> str | None:
    """Normalised and unique among patients (the de-duplication key); blank means no phone."""
    if value is not None and not isinstance(value, (str, int)):
        raise error("手机号须为文字", "the phone must be text", "phone")
    if is_blank_phone(value):
        return None
    phone = normalize_phone(value)
    if phone is None:
        raise error(f"不是有效的手机号：{value}", f"not a valid mobile number: {value}", "phone")
    query = select(Patient.id, Patient.name, Patient.archived).where(Patient.phone == phone)
    if patient_id is not None:
        query = query.where(Patient.id != patient_id)
    holder = session.execute(query).first()
    if holder is not None:
        archived_zh, archived_en = ("已归档的", "the archived ") if holder.archived else ("", "")
        raise DuplicatePhone(
            f"手机号 {phone} 已属于{archived_zh}患者 {holder.name}（编号 {holder.id}），不能重复"
            f" / phone {phone} already belongs to {archived_en}patient {holder.name} (id {holder.id})",
            int(holder.id),
            str(holder.name),
            bool(holder.archived),
        )
    return phone


@dataclass(frozen=True)
class PhoneHolder:
    """The patient a phone already belongs to (what the new-patient form warns about as it is typed)."""

    id: int
    name: str
    phone: str
    archived: bool


def phone_holder(db: Database, value: str, *, except_id: int | None = None) -> PhoneHolder | None:
    """The patient whose mobile is ``value`` once normalised (``138-1234-5678``, ``+86…``), other than
    ``except_id``; None when nobody has it or ``value`` is not a complete mobile number yet."""
    phone = normalize_phone(value)
    if phone is None:
        return None
    query = select(Patient.id, Patient.name, Patient.archived).where(Patient.phone == phone)
    if except_id is not None:
        query = query.where(Patient.id != except_id)
    with db.sessions() as session:
        row = session.execute(query).first()
    return None if row is None else PhoneHolder(int(row.id), str(row.name), phone, bool(row.archived))


def _referrer_by_phone(session: Session, value: object) -> int | None:
    """The patient with this phone (how the clinic workbook names a referrer: 介绍人手机); blank → none."""
    if value is not None and not isinstance(value, (str, int)):
        raise error("介绍人手机须为文字", "the referrer's phone must be text", "referrer_phone")
    if is_blank_phone(value):
        return None
    phone = normalize_phone(value)
    if phone is None:
        raise error(f"介绍人手机号无效：{value}", f"not a valid mobile number: {value}", "referrer_phone")
    found = session.scalar(select(Patient.id).where(Patient.phone == phone))
    if found is None:
        raise error(f"没有手机号为 {phone} 的患者", f"no patient with phone {phone}", "referrer_phone")
    return int(found)


def _clean_referrer(session: Session, patient_id: int | None, value: object) -> int | None:
    """An existing other patient, and not one this patient (directly or further down) referred:
    a referral loop would make each the other's converted referral and inflate both R scores."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise error("介绍人无效", "invalid referrer", "referred_by_id")
    if value == patient_id:
        raise error("患者不能介绍自己", "a patient cannot refer themselves", "referred_by_id")
    if session.get(Patient, value) is None:
        raise error(f"找不到介绍人（编号 {value}）", f"no referrer with id {value}", "referred_by_id")
    if patient_id is not None:
        seen: set[int] = set()
        current: int | None = value
        while current is not None and current not in seen:
            if current == patient_id:
                raise error(
                    "介绍关系不能成环：该介绍人是由此患者（直接或间接）介绍来的",
                    "referral loop: the referrer was (directly or indirectly) referred by this patient",
                    "referred_by_id",
                )
            seen.add(current)
            current = session.scalar(select(Patient.referred_by_id).where(Patient.id == current))
    return value


def _apply_profile(patient: Patient, clean: dict[str, Any], today: date, now: datetime) -> None:
    """Set the values; a toggled do-not-contact / consent flag stamps the moment it changed."""
    for key, value in clean.items():
        if key == "do_not_contact" and value != bool(patient.do_not_contact):
            patient.do_not_contact_at = now
        if key == "marketing_consent" and value != bool(patient.marketing_consent):
            patient.marketing_consent_at = today
        if key == "guardian_consent" and value != bool(patient.guardian_consent):
            patient.guardian_consent_at = today
        setattr(patient, key, value)
        if key == "name":
            patient.pinyin_full, patient.pinyin_initials = search_keys(value)


def _flush_unique(session: Session) -> None:
    """Flush, turning a lost race on the unique phone into the same refusal as the up-front check."""
    try:
        session.flush()
    except IntegrityError as exc:
        raise error(
            "手机号已被其他患者使用", "the phone is already used by another patient", "phone"
        ) from exc


def update_profile(
    db: Database,
    patient_id: int,
    changes: dict[str, Any],
    *,
    today: date | None = None,
    now: datetime | None = None,
) -> None:
    """Change profile fields (keys of :data:`PROFILE_FIELDS`); only the keys given are touched."""
    now = now or datetime.now().replace(microsecond=0)
    today = today or now.date()
    with db.sessions.begin() as session:
        patient = require_patient(session, patient_id)
        clean = _clean_profile(session, patient_id, changes, today)
        _apply_profile(patient, clean, today, now)
        _flush_unique(session)


def create_patient(
    db: Database,
    fields: dict[str, Any],
    *,
    tags: Sequence[str] = (),
    today: date | None = None,
    now: datetime | None = None,
) -> int:
    """A new patient (name required); first contact defaults to today. Returns the new id.

    ``tags``: tag names to attach, existing ones found ignoring Latin case, missing ones created as
    custom tags — in the same transaction, so a refused tag leaves no patient behind (the receptionist
    fixes it and saves again, without a half-registered duplicate).
    """
    now = now or datetime.now().replace(microsecond=0)
    today = today or now.date()
    if "name" not in fields:
        raise error("姓名不能为空", "the name cannot be empty", "name")
    with db.sessions.begin() as session:
        clean = _clean_profile(session, None, fields, today)
        clean.setdefault("first_contact_date", today)
        patient = Patient(
            name=clean["name"], do_not_contact=False, marketing_consent=False, guardian_consent=False
        )
        _apply_profile(patient, clean, today, now)
        session.add(patient)
        _flush_unique(session)
        try:
            tag_ids = tags_for_names(session, tags, "custom", DEFAULT_TAG_COLORS["custom"])
        except TagError as exc:
            raise RecordError(str(exc), "tags") from exc
        session.add_all(PatientTag(patient_id=patient.id, tag_id=tag_id) for tag_id in tag_ids)
        session.flush()
        return patient.id
