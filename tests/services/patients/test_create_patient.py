"""Registering a walk-in (issue 13 item 1) through the service the new-patient form calls."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from builders import add_patient
from clinic_desktop.db.models import Patient, PatientTag, Tag
from clinic_desktop.services.database import Database
from clinic_desktop.services.patients import (
    DuplicatePhone,
    RecordError,
    create_patient,
    load_record,
    phone_holder,
    update_profile,
)

TODAY = date(2026, 11, 22)
NOW = datetime(2026, 11, 22, 10, 5)


def test_a_walk_in_with_everything_the_form_collects(db: Database) -> None:
    with db.sessions.begin() as s:
        referrer = add_patient(s, "张三", "13800000001").id
        s.add(Tag(name="VIP客户", category="static", color="#c62828"))
    pid = create_patient(
        db,
        {
            "name": " 王芳 ",
            "phone": "139 1234 5388",
            "gender": "F",
            "birth_date": "1990.5.3",
            "lunar_birthday": True,
            "source": "朋友介绍",
            "referred_by_id": referrer,
            "marketing_consent": True,
            "do_not_contact": False,
        },
        tags=["vip客户", "种植意向", "种植意向"],
        today=TODAY,
        now=NOW,
    )
    record = load_record(db, pid, TODAY)
    p = record.profile
    assert (p.name, p.phone, p.gender, p.birth_date, p.lunar_birthday) == (
        "王芳", "13912345388", "F", date(1990, 5, 3), True,
    )  # fmt: skip
    assert (p.source, p.first_contact_date, p.marketing_consent, p.marketing_consent_at) == (
        "朋友介绍", TODAY, True, TODAY,
    )  # fmt: skip
    assert record.referred_by is not None and record.referred_by.name == "张三"
    assert [t.name for t in record.tags["static"]] == ["VIP客户"]  # found ignoring case, its own category
    assert [(t.name, t.category) for t in record.tags["custom"]] == [("种植意向", "custom")]


def test_a_birth_month_or_year_is_kept_without_inventing_a_day(db: Database) -> None:
    pid = create_patient(db, {"name": "李四", "birth_date": "1985-03"}, today=TODAY)
    p = load_record(db, pid, TODAY).profile
    assert (p.birth_date, p.birth_partial) == (None, "1985-03")
    other = create_patient(db, {"name": "李五", "birth_date": "1985"}, today=TODAY)
    assert load_record(db, other, TODAY).profile.birth_partial == "1985"


def test_a_duplicate_phone_names_the_other_patient_and_writes_nothing(db: Database) -> None:
    with db.sessions.begin() as s:
        zhang = add_patient(s, "张三", "13800000001").id
        gone = add_patient(s, "旧患者", "13800000002", archived=True).id
    with pytest.raises(DuplicatePhone) as refused:
        create_patient(db, {"name": "张三丰", "phone": "+86 138-0000-0001"}, tags=["新标签"], today=TODAY)
    assert (refused.value.patient_id, refused.value.name, refused.value.archived) == (zhang, "张三", False)
    assert refused.value.field == "phone" and "张三" in str(refused.value)
    with pytest.raises(DuplicatePhone, match="已归档的患者 旧患者") as archived:
        create_patient(db, {"name": "新人", "phone": "13800000002"}, today=TODAY)
    assert archived.value.patient_id == gone and archived.value.archived
    with db.sessions() as s:
        assert s.scalar(select(Patient.id).where(Patient.name == "张三丰")) is None
        assert s.scalar(select(Tag.id).where(Tag.name == "新标签")) is None  # one transaction
    # editing a profile into someone else's phone says who, too
    other = create_patient(db, {"name": "李四", "phone": "13800000003"}, today=TODAY)
    with pytest.raises(DuplicatePhone):
        update_profile(db, other, {"phone": "13800000001"})


def test_phone_holder_answers_as_the_number_is_typed(db: Database) -> None:
    with db.sessions.begin() as s:
        zhang = add_patient(s, "张三", "13800000001").id
    assert phone_holder(db, "1380000") is None  # not a whole number yet
    holder = phone_holder(db, "138 0000 0001")
    assert holder is not None and (holder.id, holder.name, holder.phone) == (zhang, "张三", "13800000001")
    assert phone_holder(db, "13800000001", except_id=zhang) is None
    assert phone_holder(db, "13800000009") is None


def test_a_rule_tag_or_a_bad_tag_refuses_the_patient_too(db: Database) -> None:
    with db.sessions.begin() as s:
        s.add(Tag(name="价格敏感", category="consumption", rule="price_sensitive"))
    with pytest.raises(RecordError, match="规则") as refused:
        create_patient(db, {"name": "赵六"}, tags=["价格敏感"], today=TODAY)
    assert refused.value.field == "tags"
    with pytest.raises(RecordError, match="分隔符"):
        create_patient(db, {"name": "赵六"}, tags=["a,b"], today=TODAY)
    with db.sessions() as s:
        assert s.scalars(select(Patient)).all() == []
        assert s.scalars(select(PatientTag)).all() == []


def test_the_name_is_required(db: Database) -> None:
    with pytest.raises(RecordError) as refused:
        create_patient(db, {"name": "  ", "phone": "13800000001"}, today=TODAY)
    assert refused.value.field == "name"
