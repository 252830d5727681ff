"""PRODUCT §5.2 rule 1 on real lists: a child under 14 reaches a marketing list only with a guardian's
consent recorded as such; care lists (birthday greetings) need no consent; the 14th birthday counts."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from builders import add_patient, add_visit
from clinic_desktop.db.models import PatientTag, Tag
from clinic_desktop.services import calllists as cl
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute

AS_OF = date(2026, 11, 20)


def _lapsed_patient(db: Database, name: str, phone: str, birth: date, **kw: object) -> int:
    with db.sessions.begin() as session:
        patient = add_patient(session, name, phone, birth_date=birth, **kw)
        add_visit(session, patient, date(2024, 1, 10), 300, "涂氟")
        return patient.id


def test_marketing_lists_need_a_guardians_consent_for_children(db: Database) -> None:
    # all four consented themselves; a lapsed paying patient is a reactivation (marketing) candidate
    child = _lapsed_patient(db, "小明", "13900000001", date(2015, 3, 1), marketing_consent=True)
    guarded = _lapsed_patient(
        db, "小红", "13900000002", date(2015, 3, 2), marketing_consent=True, guardian_consent=True
    )
    just_14 = _lapsed_patient(db, "小刚", "13900000003", date(2012, 11, 20), marketing_consent=True)
    adult = _lapsed_patient(db, "王芳", "13900000004", date(1990, 11, 23), marketing_consent=True)
    recompute(db, AS_OF)

    built = cl.build_list(db, "reactivation", AS_OF)
    assert sorted(r.patient_id for r in built.rows) == sorted([guarded, just_14, adult])
    assert [(e.patient_id, e.rule) for e in built.excluded] == [(child, "no_consent")]
    assert built.to_json()["excluded"]["no_consent"] == 1
    zh, en = cl.why_not(db, "reactivation", AS_OF, child)
    assert "监护人同意" in zh and "guardian" in en

    # a care list asks no consent: a child without the guardian's flag still gets a birthday greeting
    with db.sessions.begin() as session:
        late = add_patient(session, "小丽", "13900000005", birth_date=date(2016, 11, 21)).id
    birthday = cl.build_list(db, "birthday", AS_OF)
    assert [r.patient_id for r in birthday.rows] == [just_14, late, adult]  # by date

    # the day before the 14th birthday the same patient was still a child
    earlier = date(2026, 11, 19)
    recompute(db, earlier)
    assert just_14 in {e.patient_id for e in cl.build_list(db, "reactivation", earlier).excluded}


def test_the_minor_tag_is_the_guardian_rules_child(db: Database) -> None:
    """The 儿童 rule tag (PRODUCT §4.1) and the guardian-consent rule read one definition: a patient the
    marketing lists treat as a child is tagged 儿童 and no one else — a birth year alone counting as its
    last day, as the contact policy counts it."""
    kids = {
        _lapsed_patient(db, "小明", "13900000001", date(2015, 3, 1), marketing_consent=True),
        _lapsed_patient(db, "小刚", "13900000003", date(2012, 11, 21), marketing_consent=True),  # 14 tomorrow
    }
    _lapsed_patient(db, "小强", "13900000006", date(2012, 11, 20), marketing_consent=True)  # 14 today
    with db.sessions.begin() as session:
        year_only = add_patient(
            session, "小兰", "13900000007", birth_partial="2012", marketing_consent=True
        )  # 13 or 14: the youngest she can be is 13
        add_visit(session, year_only, date(2024, 1, 10), 300, "涂氟")
        kids.add(year_only.id)
    recompute(db, AS_OF)
    excluded = {
        e.patient_id for e in cl.build_list(db, "reactivation", AS_OF).excluded if e.rule == "no_consent"
    }
    tagged = set(_tagged_with(db, "minor"))
    assert excluded == tagged == kids


def _tagged_with(db: Database, rule: str) -> list[int]:
    with db.sessions() as session:
        return list(
            session.scalars(
                select(PatientTag.patient_id).join(Tag, Tag.id == PatientTag.tag_id).where(Tag.rule == rule)
            )
        )
