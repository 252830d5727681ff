"""Patient 360°: everything the clinic knows about one patient, read in one go, plus the writes to it.

:func:`load_record` returns plain frozen dataclasses, so the dialog shows them without touching the
database again and a test compares them directly. The lifecycle stage and ERS tier come from the stored
``patient_metrics`` when they were computed as of the same day — opening a patient then costs a few
indexed queries even at 100,000 patients — and are computed fresh otherwise. After a write the caller
recomputes (:func:`save_and_recompute`) so that the stored metrics, the patient list and this record all
agree; the writes themselves live in :mod:`~clinic_desktop.services.patients.edits` (profile),
:mod:`~clinic_desktop.services.patients.history` (visits … contacts) and
:mod:`~clinic_desktop.services.patients.patient_tags`, and are re-exported here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic_desktop.db.models import (
    TAG_CATEGORIES,
    Appointment,
    Contact,
    Interaction,
    Patient,
    Survey,
    Treatment,
    Visit,
)
from clinic_desktop.db.settings_store import load_settings
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute
from clinic_desktop.services.patients.edits import (
    PROFILE_FIELDS,
    DuplicatePhone,
    PhoneHolder,
    RecordError,
    create_patient,
    phone_holder,
    read_birth,
    update_profile,
)
from clinic_desktop.services.patients.history import (
    add_appointment,
    add_contact,
    add_interaction,
    add_survey,
    add_visit,
)
from clinic_desktop.services.patients.patient_tags import (
    TagInfo,
    add_tag,
    list_tags,
    remove_tag,
    remove_tags,
    tag_by_name,
)
from clinic_desktop.services.patients.referral_tree import ReferralNode, referral_tree
from clinic_desktop.services.patients.tags import tags_of_patient
from clinic_desktop.services.standing import Standing, load_standing

__all__ = [
    "PROFILE_FIELDS",
    "AppointmentRow",
    "ContactRow",
    "DuplicatePhone",
    "FormOptions",
    "InteractionRow",
    "PatientRecord",
    "PatientRef",
    "PhoneHolder",
    "Profile",
    "RecordError",
    "ReferralNode",
    "Standing",
    "SurveyRow",
    "TagInfo",
    "TreatmentOption",
    "VisitRow",
    "add_appointment",
    "add_contact",
    "add_interaction",
    "add_survey",
    "add_tag",
    "add_visit",
    "create_patient",
    "list_tags",
    "load_options",
    "load_record",
    "phone_holder",
    "read_birth",
    "recompute_and_load",
    "remove_tag",
    "remove_tags",
    "save_and_recompute",
    "tag_by_name",
    "update_profile",
]

T = TypeVar("T")


@dataclass(frozen=True)
class Profile:
    id: int
    name: str
    gender: str | None
    birth_date: date | None
    lunar_birthday: bool
    phone: str | None
    wechat: str | None
    address: str | None
    district: str | None
    occupation: str | None
    source: str | None
    first_contact_date: date | None
    notes: str | None
    manual_vip: bool
    archived: bool
    do_not_contact: bool
    do_not_contact_at: datetime | None
    marketing_consent: bool
    marketing_consent_at: date | None
    opening_visits: int
    opening_spend_fen: int
    opening_last_visit: date | None
    #: a landline (kept, shown, printed; a usable phone for calls)
    landline: str | None = None
    #: a birth date known only to the month ("1985-03") or year ("1985"); birth_date is then None
    birth_partial: str | None = None
    #: a guardian's consent to marketing, what counts for a patient under 14 (PRODUCT §5.2)
    guardian_consent: bool = False
    guardian_consent_at: date | None = None
    #: when the patient was archived (None while not archived, or when the date is unknown)
    archived_at: datetime | None = None


@dataclass(frozen=True)
class VisitRow:
    id: int
    visit_date: date
    treatment: str | None
    amount_fen: int
    coupon: str | None
    staff: str | None


@dataclass(frozen=True)
class InteractionRow:
    id: int
    occurred_at: datetime
    kind: str
    detail: str | None


@dataclass(frozen=True)
class AppointmentRow:
    id: int
    scheduled_at: datetime
    treatment: str | None
    status: str


@dataclass(frozen=True)
class SurveyRow:
    id: int
    survey_date: date
    overall: int
    nps: int | None
    service: int | None
    result: int | None
    environment: int | None
    price: int | None
    comment: str | None


@dataclass(frozen=True)
class ContactRow:
    id: int
    contacted_at: datetime
    channel: str
    purpose: str
    outcome: str
    staff: str | None
    note: str | None


@dataclass(frozen=True)
class PatientRef:
    id: int
    name: str
    phone: str | None


@dataclass(frozen=True)
class PatientRecord:
    profile: Profile
    #: every category of TAG_CATEGORIES, in that order, each with the patient's tags sorted by name
    tags: Mapping[str, tuple[TagInfo, ...]]
    standing: Standing
    visits: tuple[VisitRow, ...]
    interactions: tuple[InteractionRow, ...]
    appointments: tuple[AppointmentRow, ...]
    surveys: tuple[SurveyRow, ...]
    contacts: tuple[ContactRow, ...]
    referred_by: PatientRef | None
    #: whom this patient referred, with their own referrals, down to three levels
    referrals: tuple[ReferralNode, ...]
    #: the settings' language ("zh_CN" or "en"), which the explanations were written in
    language: str


@dataclass(frozen=True)
class TreatmentOption:
    id: int
    name: str
    category: str | None
    #: full pinyin and initials ("jieya", "jy"), so the form finds 洁牙 from "jy" without switching IME
    pinyin_full: str
    pinyin_initials: str


@dataclass(frozen=True)
class FormOptions:
    """What the quick-add forms offer: the active catalogue, every tag, the source channels in use."""

    treatments: tuple[TreatmentOption, ...]
    tags: tuple[TagInfo, ...]
    sources: tuple[str, ...]


def load_options(db: Database) -> FormOptions:
    with db.sessions() as session:
        treatments = session.execute(
            select(Treatment.id, Treatment.name, Treatment.category)
            .where(Treatment.active.is_(True))
            .order_by(Treatment.category, Treatment.id)
        ).all()
        sources = session.scalars(
            select(Patient.source).where(Patient.source.is_not(None)).distinct().order_by(Patient.source)
        ).all()
    return FormOptions(
        tuple(TreatmentOption(t.id, t.name, t.category, *_phrase_keys(t.name)) for t in treatments),
        tuple(list_tags(db)),
        tuple(s for s in sources if s),
    )


def _phrase_keys(text: str) -> tuple[str, str]:
    """Pinyin of a treatment name read as a phrase ("Botox除皱" → "botoxchuzhou", "bcz"). Not
    ``core.pinyin_keys.search_keys``: that reads the first character as a surname (种植牙 → "chong…")."""
    from pypinyin import Style, lazy_pinyin  # its dictionaries take ~0.3 s to load: not at the app's start

    readings = lazy_pinyin(text, style=Style.NORMAL, errors="default")
    chunks = [re.sub("[^a-z0-9]", "", c.lower()) for c in readings]
    chunks = [c for c in chunks if c]
    return "".join(chunks), "".join(c[0] for c in chunks)


def load_record(db: Database, patient_id: int, as_of: date, *, fresh: bool = False) -> PatientRecord:
    """Everything about one patient as of ``as_of``; raises :class:`RecordError` for an unknown id.

    ``fresh=True`` computes the metrics even when stored ones as of ``as_of`` exist (use it after a
    write that was not followed by a recompute).
    """
    with db.sessions() as session:
        patient = session.get(Patient, patient_id)
        if patient is None:
            raise RecordError(f"找不到患者（编号 {patient_id}） / no patient with id {patient_id}")
        settings = load_settings(session)
        referrer = session.get(Patient, patient.referred_by_id) if patient.referred_by_id else None
        record = PatientRecord(
            profile=_profile(patient),
            tags=_tags(db, patient_id),
            standing=load_standing(db, session, settings, patient_id, as_of, fresh=fresh),
            visits=_visits(session, patient_id),
            interactions=_interactions(session, patient_id),
            appointments=_appointments(session, patient_id),
            surveys=_surveys(session, patient_id),
            contacts=_contacts(session, patient_id),
            referred_by=PatientRef(referrer.id, referrer.name, referrer.phone) if referrer else None,
            referrals=referral_tree(session, patient_id, as_of),
            language=settings.language,
        )
    return record


def save_and_recompute(db: Database, as_of: date, write: Callable[[], T]) -> T:
    """Run ``write()`` (one of the writes above), then recompute metrics as of ``as_of``.

    A refused write raises before anything is recomputed. For scripts and tests; the dialog runs the
    two steps as separate background tasks so it can say "saved" before the recompute finishes.
    """
    result = write()
    recompute(db, as_of)
    return result


def recompute_and_load(db: Database, patient_id: int, as_of: date) -> PatientRecord:
    """Recompute and store every patient's metrics, then read this patient's record from them."""
    recompute(db, as_of)
    return load_record(db, patient_id, as_of)


def _profile(p: Patient) -> Profile:
    return Profile(
        id=p.id,
        name=p.name,
        gender=p.gender,
        birth_date=p.birth_date,
        lunar_birthday=bool(p.lunar_birthday),
        phone=p.phone,
        wechat=p.wechat,
        address=p.address,
        district=p.district,
        occupation=p.occupation,
        source=p.source,
        first_contact_date=p.first_contact_date,
        notes=p.notes,
        manual_vip=bool(p.manual_vip),
        archived=bool(p.archived),
        do_not_contact=bool(p.do_not_contact),
        do_not_contact_at=p.do_not_contact_at,
        marketing_consent=bool(p.marketing_consent),
        marketing_consent_at=p.marketing_consent_at,
        opening_visits=p.opening_visits or 0,
        opening_spend_fen=p.opening_spend_fen or 0,
        opening_last_visit=p.opening_last_visit,
        landline=p.landline,
        birth_partial=p.birth_partial,
        guardian_consent=bool(p.guardian_consent),
        guardian_consent_at=p.guardian_consent_at,
        archived_at=p.archived_at,
    )


def _tags(db: Database, patient_id: int) -> dict[str, tuple[TagInfo, ...]]:
    grouped: dict[str, list[TagInfo]] = {category: [] for category in TAG_CATEGORIES}
    for tag in tags_of_patient(db, patient_id):
        grouped.setdefault(tag.category, []).append(tag)
    return {category: tuple(found) for category, found in grouped.items()}


def _visits(session: Session, patient_id: int) -> tuple[VisitRow, ...]:
    rows = session.execute(
        select(Visit.id, Visit.visit_date, Treatment.name, Visit.amount_fen, Visit.coupon, Visit.staff)
        .outerjoin(Treatment, Treatment.id == Visit.treatment_id)
        .where(Visit.patient_id == patient_id)
        .order_by(Visit.visit_date.desc(), Visit.id.desc())
    ).all()
    return tuple(VisitRow(*row) for row in rows)


def _interactions(session: Session, patient_id: int) -> tuple[InteractionRow, ...]:
    rows = session.execute(
        select(Interaction.id, Interaction.occurred_at, Interaction.kind, Interaction.detail)
        .where(Interaction.patient_id == patient_id)
        .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
    ).all()
    return tuple(InteractionRow(*row) for row in rows)


def _appointments(session: Session, patient_id: int) -> tuple[AppointmentRow, ...]:
    rows = session.execute(
        select(Appointment.id, Appointment.scheduled_at, Treatment.name, Appointment.status)
        .outerjoin(Treatment, Treatment.id == Appointment.treatment_id)
        .where(Appointment.patient_id == patient_id)
        .order_by(Appointment.scheduled_at.desc(), Appointment.id.desc())
    ).all()
    return tuple(AppointmentRow(*row) for row in rows)


def _surveys(session: Session, patient_id: int) -> tuple[SurveyRow, ...]:
    rows = session.execute(
        select(
            Survey.id,
            Survey.survey_date,
            Survey.overall,
            Survey.nps,
            Survey.service,
            Survey.result,
            Survey.environment,
            Survey.price,
            Survey.comment,
        )
        .where(Survey.patient_id == patient_id)
        .order_by(Survey.survey_date.desc(), Survey.id.desc())
    ).all()
    return tuple(SurveyRow(*row) for row in rows)


def _contacts(session: Session, patient_id: int) -> tuple[ContactRow, ...]:
    rows = session.execute(
        select(
            Contact.id,
            Contact.contacted_at,
            Contact.channel,
            Contact.purpose,
            Contact.outcome,
            Contact.staff,
            Contact.note,
        )
        .where(Contact.patient_id == patient_id)
        .order_by(Contact.contacted_at.desc(), Contact.id.desc())
    ).all()
    return tuple(ContactRow(*row) for row in rows)
