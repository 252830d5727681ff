"""Finding likely duplicate patients and merging them: every rule, and no record lost."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import func, select, text

from builders import add_appointment, add_interaction, add_patient, add_survey, add_visit
from clinic_desktop.db.models import (
    AuditLog,
    CallList,
    CallListRow,
    Contact,
    Patient,
    PatientMetrics,
    PatientTag,
    Tag,
)
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute
from clinic_desktop.services.patients.duplicates import (
    RecordError,
    dismiss_group,
    find_duplicates,
    merge_patients,
)

CHILD_TABLES = ("visits", "interactions", "appointments", "surveys", "contacts", "call_list_rows")


def _ids(db: Database) -> dict[str, int]:
    with db.sessions() as session:
        return {f"{p.name}/{p.phone or p.wechat or p.id}": p.id for p in session.scalars(select(Patient))}


def _tag(session, patient: Patient, name: str) -> None:  # type: ignore[no-untyped-def]
    tag = session.scalar(select(Tag).where(Tag.name == name))
    if tag is None:
        tag = Tag(name=name, category="custom")
        session.add(tag)
        session.flush()
    session.add(PatientTag(patient_id=patient.id, tag_id=tag.id))


def _contact(
    session, patient: Patient, day: date, outcome: str = "reached", row_id: int | None = None
) -> None:  # type: ignore[no-untyped-def]
    session.add(
        Contact(
            patient_id=patient.id,
            contacted_at=datetime(day.year, day.month, day.day, 10),
            channel="phone",
            purpose="recall",
            outcome=outcome,
            call_list_row_id=row_id,
        )
    )


@pytest.fixture
def clinic(db: Database) -> Database:
    with db.sessions.begin() as s:
        a = add_patient(s, "张三", "13812345678", birth_date=date(1990, 5, 3), gender="M", source="转介绍",
                        first_contact_date=date(2024, 3, 1), opening_visits=2, opening_spend_fen=50000,
                        opening_last_visit=date(2023, 12, 1), notes="老客户")  # fmt: skip
        b = add_patient(s, "张三", None, birth_date=date(1990, 5, 3), wechat="zhangsan_wx", gender="M",
                        first_contact_date=date(2023, 6, 1), do_not_contact=True,
                        do_not_contact_at=datetime(2025, 1, 2, 9, 0), address="朝阳区", opening_visits=1,
                        opening_spend_fen=20000, opening_last_visit=date(2024, 1, 5), notes="微信加的")  # fmt: skip
        friend = add_patient(s, "周九", "13912345670", referred_by_id=b.id)
        for day, yuan in ((date(2025, 1, 10), 300), (date(2025, 6, 1), 1200)):
            add_visit(s, a, day, yuan, "洁牙")
        add_visit(s, b, date(2025, 3, 3), 500, "美白")
        add_interaction(s, a, datetime(2025, 1, 1, 9), "chat")
        add_interaction(s, b, datetime(2025, 2, 1, 9), "consult")
        add_interaction(s, b, datetime(2025, 2, 2, 9), "like")
        add_appointment(s, b, datetime(2026, 1, 5, 10))
        add_survey(s, b, date(2025, 3, 4), 5)
        _tag(s, a, "VIP")
        _tag(s, a, "洁牙客")
        _tag(s, b, "VIP")
        _tag(s, b, "美白客")
        call_list = CallList(kind="recall", as_of=date(2025, 6, 1), params="{}")
        s.add(call_list)
        s.flush()
        row = CallListRow(call_list_id=call_list.id, patient_id=b.id, position=1, reason="r", row_key="k1")
        s.add(row)
        s.flush()
        _contact(s, b, date(2025, 6, 2), "no_answer", row.id)
        _contact(s, a, date(2025, 6, 3))
        # name + phone one digit apart
        add_patient(s, "王五", "13700000001")
        add_patient(s, "王五", "13700000007")
        # same name, only the prefix of the phone differs
        add_patient(s, "吴二", "13912340000")
        add_patient(s, "吴二", "18612340000")
        # one's phone is the other's WeChat id (a nickname-ish record with the same surname) …
        add_patient(s, "李四", "13600000000")
        add_patient(s, "李小四", None, wechat="136-0000-0000")
        # … but a mother using her phone as her child's WeChat id (another surname) is family, not a duplicate
        add_patient(s, "刘六", None, wechat="13600000000")
        # same WeChat id (case differs) and same name
        add_patient(s, "赵七", "13500000001", wechat="zq_88")
        add_patient(s, "赵七", "13511112222", wechat="ZQ_88")
        # a family sharing one WeChat account: other names, or the same name with other birth dates
        add_patient(s, "赵柒", "13500000003", wechat="zq_88")
        add_patient(s, "钱一", "13500000004", wechat="family", birth_date=date(1960, 1, 1))
        add_patient(s, "钱一", "13598760009", wechat="family", birth_date=date(1990, 1, 1))
        # a common name: five 王伟 with unrelated phones and one without: too ambiguous to propose
        for i, phone in enumerate(
            ("13311111111", "13322222222", "13333333333", "13344444444", "13355555555")
        ):
            add_patient(s, "王伟", phone, birth_date=date(1980 + i, 1, 1))
        add_patient(s, "王伟", None)
        # same name, no phone, but a different birth date / gender: not the same person
        add_patient(s, "陈八", "13211111111", birth_date=date(1970, 1, 1))
        add_patient(s, "陈八", None, birth_date=date(1971, 1, 1))
        add_patient(s, "孙九", "13211111112", gender="F")
        add_patient(s, "孙九", None, gender="M")
        del friend
    return db


def _groups_by_names(db: Database) -> dict[tuple[str, ...], tuple[str, ...]]:
    return {tuple(m.name for m in g.members): g.reasons for g in find_duplicates(db)}


def test_find_duplicates_rules(clinic: Database) -> None:
    groups = _groups_by_names(clinic)
    assert groups == {
        ("李四", "李小四"): ("phone_is_wechat",),
        ("赵七", "赵七"): ("same_wechat",),
        ("张三", "张三"): ("name_birth", "name_no_phone"),
        ("王五", "王五"): ("name_phone_typo",),
        ("吴二", "吴二"): ("name_phone_tail",),
    }


def test_group_summaries_and_reason_text(clinic: Database) -> None:
    group = next(g for g in find_duplicates(clinic) if g.members[0].name == "张三")
    a, b = group.members
    assert a.phone == "13812345678" and b.phone is None
    assert (a.visits, a.spend_fen, a.last_visit) == (2 + 2, 150000 + 50000, date(2025, 6, 1))
    assert (b.visits, b.spend_fen, b.last_visit) == (1 + 1, 50000 + 20000, date(2025, 3, 3))
    assert a.tags == ("VIP", "洁牙客") and b.tags == ("VIP", "美白客")
    assert b.wechat == "zhangsan_wx" and a.source == "转介绍"
    # b: 1 visit + 2 interactions + 1 appointment + 1 survey + 1 contact + 2 tags + 1 call-list row
    assert b.records == 9
    assert a.records == 2 + 1 + 1 + 2
    assert group.reason_text() == "姓名和出生日期相同；姓名相同，其中一位没有手机号"
    assert group.reason_text("en") == "same name and birth date; same name, one of them has no mobile number"


def _counts(db: Database) -> dict[str, int]:
    with db.sessions() as session:
        counts = {t: session.scalar(text(f"SELECT COUNT(*) FROM {t}")) or 0 for t in CHILD_TABLES}
        counts["tag_links"] = (
            session.scalar(text("SELECT COUNT(DISTINCT patient_id || '-' || tag_id) FROM patient_tags")) or 0
        )
        return counts


def test_merge_moves_every_record_to_the_kept_patient(clinic: Database) -> None:
    recompute(clinic, date(2026, 1, 1))
    group = next(g for g in find_duplicates(clinic) if g.members[0].name == "张三")
    keep, other = group.patient_ids
    before = _counts(clinic)
    with clinic.sessions() as s:
        owned_before = {
            t: s.scalar(text(f"SELECT COUNT(*) FROM {t} WHERE patient_id IN ({keep}, {other})"))
            for t in CHILD_TABLES
        }
    summary = merge_patients(clinic, keep, [other])
    after = _counts(clinic)
    assert {t: after[t] for t in CHILD_TABLES} == {t: before[t] for t in CHILD_TABLES}  # nothing lost
    assert after["tag_links"] == before["tag_links"] - 1  # the shared VIP tag is not duplicated
    with clinic.sessions() as s:
        for table in CHILD_TABLES:
            owned = s.scalar(text(f"SELECT COUNT(*) FROM {table} WHERE patient_id = {keep}"))
            assert owned == owned_before[table], table
            assert s.scalar(text(f"SELECT COUNT(*) FROM {table} WHERE patient_id = {other}")) == 0
        tags = s.scalars(
            select(Tag.name)
            .join(PatientTag, PatientTag.tag_id == Tag.id)
            .where(PatientTag.patient_id == keep)
        ).all()
        assert sorted(tags) == ["VIP", "洁牙客", "美白客"]
        assert s.get(Patient, other) is None
        assert s.get(PatientMetrics, other) is None
        kept = s.get(Patient, keep)
        assert kept is not None
        assert kept.phone == "13812345678"
        assert kept.wechat == "zhangsan_wx"  # blank field filled from the other record
        assert kept.address == "朝阳区"
        assert kept.source == "转介绍"
        assert kept.first_contact_date == date(2023, 6, 1)  # the earliest contact
        assert kept.do_not_contact is True  # either asked not to be contacted → the merged one did
        assert kept.do_not_contact_at == datetime(2025, 1, 2, 9, 0)
        assert kept.notes == "老客户\n微信加的"
        assert (kept.opening_visits, kept.opening_spend_fen) == (3, 70000)
        assert kept.opening_last_visit == date(2024, 1, 5)
        friend = s.scalar(select(Patient).where(Patient.name == "周九"))
        assert friend is not None and friend.referred_by_id == keep  # referrals point at the kept patient
        contact = s.scalar(select(Contact).where(Contact.outcome == "no_answer"))
        assert contact is not None and contact.patient_id == keep and contact.call_list_row_id is not None
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "merge")).one()
        detail = json.loads(audit.detail or "{}")
    assert detail["kept"] == keep and detail["merged"] == [other]
    assert detail["moved"] == summary.moved
    assert summary.moved == {
        "visits": 1,
        "interactions": 2,
        "appointments": 1,
        "surveys": 1,
        "contacts": 1,
        "call_list_rows": 1,
        "patient_tags": 1,
        "referrals": 1,
    }
    assert summary.records == 9
    assert summary.fields["wechat"] == other
    assert _groups_by_names(clinic).get(("张三", "张三")) is None
    recompute(clinic, date(2026, 1, 1))  # the stored metrics rebuild cleanly afterwards


def test_take_chooses_fields_and_phone_moves(clinic: Database) -> None:
    ids = _ids(clinic)
    keep, other = ids["张三/zhangsan_wx"], ids["张三/13812345678"]  # keep the record without a phone
    with clinic.sessions.begin() as s:
        s.get(Patient, other).name = "张叁"  # type: ignore[union-attr]
    summary = merge_patients(clinic, keep, [other], take={"name": other, "source": other})
    with clinic.sessions() as s:
        kept = s.get(Patient, keep)
        assert kept is not None
        assert kept.phone == "13812345678"  # the other's phone, freed before it is taken
        assert kept.name == "张叁"
        assert kept.pinyin_initials == "zs" or kept.pinyin_initials == "ZS"
        assert kept.source == "转介绍"
        assert kept.wechat == "zhangsan_wx"
    assert summary.fields == {"name": other, "phone": other, "source": other}


def test_marketing_consent_latest_decision_wins(db: Database) -> None:
    with db.sessions.begin() as s:
        a = add_patient(s, "甲", "13800000001", marketing_consent=True, marketing_consent_at=date(2024, 1, 1))
        b = add_patient(s, "甲", None, marketing_consent=False, marketing_consent_at=date(2025, 1, 1))
        c = add_patient(s, "乙", "13800000002", marketing_consent=True)
        d = add_patient(s, "乙", None, marketing_consent=False)
        e = add_patient(s, "丙", "13800000003", marketing_consent=True, manual_vip=True)
        f = add_patient(s, "丙", None, marketing_consent=True, archived=True)
        ids = [p.id for p in (a, b, c, d, e, f)]
    merge_patients(db, ids[0], [ids[1]])
    merge_patients(db, ids[2], [ids[3]])
    merge_patients(db, ids[4], [ids[5]])
    with db.sessions() as s:
        first, second, third = (s.get(Patient, i) for i in (ids[0], ids[2], ids[4]))
        assert first is not None and second is not None and third is not None
        assert (first.marketing_consent, first.marketing_consent_at) == (
            False,
            date(2025, 1, 1),
        )  # withdrawn later
        assert second.marketing_consent is False  # no dates: consent only if every record consented
        assert third.marketing_consent is True and third.manual_vip is True and third.archived is False


def test_referral_loops_are_not_created(db: Database) -> None:
    with db.sessions.begin() as s:
        a = add_patient(s, "甲", "13800000001")
        b = add_patient(s, "甲", None)
        c = add_patient(s, "丙", "13800000003", referred_by_id=a.id)
        b.referred_by_id = c.id  # b (the duplicate of a) says c referred them; c was referred by a
        d = add_patient(s, "丁", "13800000004")
        e = add_patient(s, "丁", None)
        d.referred_by_id = e.id  # kept patient referred by the record merged into it
        ids = a.id, b.id, c.id, d.id, e.id
    merge_patients(db, ids[0], [ids[1]])
    merge_patients(db, ids[3], [ids[4]])
    with db.sessions() as s:
        assert s.get(Patient, ids[0]).referred_by_id is None  # type: ignore[union-attr]
        assert s.get(Patient, ids[2]).referred_by_id == ids[0]  # type: ignore[union-attr]
        assert s.get(Patient, ids[3]).referred_by_id is None  # type: ignore[union-attr]


def test_merge_several_at_once(clinic: Database) -> None:
    ids = _ids(clinic)
    keep = ids["王五/13700000001"]
    others = [ids["王五/13700000007"], ids["李四/13600000000"], ids["赵柒/13500000003"]]
    summary = merge_patients(clinic, keep, others)
    assert summary.merged_ids == tuple(others)
    with clinic.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Patient).where(Patient.id.in_(others))) == 0


@pytest.mark.parametrize(
    ("keep", "others", "take", "message"),
    [
        ("a", ["a"], None, "不能把患者与自己合并"),
        ("a", [], None, "请选择要合并的患者"),
        ("a", [999_999], None, "找不到患者"),
        (999_999, ["b"], None, "找不到患者"),
        ("a", ["b"], {"pinyin_full": "a"}, "无法合并的字段"),
        ("a", ["b"], {"name": "x"}, "只能取自要合并的患者"),
    ],
)
def test_refused_merges_write_nothing(clinic: Database, keep, others, take, message) -> None:  # type: ignore[no-untyped-def]
    ids = _ids(clinic)
    names = {"a": ids["张三/13812345678"], "b": ids["张三/zhangsan_wx"], "x": ids["李四/13600000000"]}

    def resolve(value):  # type: ignore[no-untyped-def]
        return names.get(value, value) if isinstance(value, str) else value

    before = _counts(clinic)
    with clinic.sessions() as s:
        patients_before = s.scalar(select(func.count()).select_from(Patient))
    with pytest.raises(RecordError, match=message) as refused:
        merge_patients(
            clinic,
            resolve(keep),
            [resolve(o) for o in others],
            take={k: resolve(v) for k, v in take.items()} if take else None,
        )
    assert refused.value.en
    assert _counts(clinic) == before
    with clinic.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Patient)) == patients_before
        assert s.scalar(select(func.count()).select_from(AuditLog)) == 0


def test_no_duplicates_in_an_empty_clinic(db: Database) -> None:
    assert find_duplicates(db) == []


def test_dismissed_groups_stay_dismissed_until_a_new_member_appears(clinic: Database) -> None:
    group = next(g for g in find_duplicates(clinic) if g.members[0].name == "王五")
    dismiss_group(clinic, group.patient_ids)
    dismiss_group(clinic, reversed(group.patient_ids))  # twice is harmless
    assert ("王五", "王五") not in _groups_by_names(clinic)
    assert ("张三", "张三") in _groups_by_names(clinic)  # other groups are unaffected
    with clinic.sessions.begin() as s:
        add_patient(s, "王五", "13700000004")  # one digit off 13700000001 too: a new candidate
    assert ("王五", "王五", "王五") in _groups_by_names(clinic)
