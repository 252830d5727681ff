"""Patient 360° service: reading a whole record, and every write validated before anything is written."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from builders import add_appointment, add_interaction, add_patient, add_survey, add_visit, treatment_id
from clinic_desktop.core.ers import Flag, Tier
from clinic_desktop.core.lifecycle import Activity, Stage
from clinic_desktop.db.models import Contact, Patient, Tag, Visit
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute
from clinic_desktop.services.patients import record as pr
from clinic_desktop.services.patients.record import RecordError
from clinic_desktop.services.patients.record_input import parse_yuan

AS_OF = date(2026, 11, 22)


def _patient(db: Database, pid: int) -> Patient:
    with db.sessions() as s:
        patient = s.get(Patient, pid)
        assert patient is not None
        s.expunge(patient)
        return patient


def _count(db: Database, model: type) -> int:
    with db.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def clinic(db: Database) -> dict[str, int]:
    """张三 (referred by 王老师) with something in every section; she referred 李四, who referred 赵六.

    Paying in the 24-month window: 大客甲 and 大客乙 ¥2,000 each, 张三 ¥923.45, 李四 ¥200 (赵六's opening
    balance has no date, so it counts only for a lifetime window).
    """
    with db.sessions.begin() as s:
        teacher = add_patient(s, "王老师", "13900000009")
        p = add_patient(
            s,
            "张三",
            "13800000001",
            gender="F",
            birth_date=date(1990, 3, 2),
            source="大众点评",
            referred_by_id=teacher.id,
            marketing_consent=True,
            marketing_consent_at=date(2025, 1, 2),
        )
        add_visit(s, p, date(2026, 2, 1), 300, "洁牙")
        add_visit(s, p, date(2026, 5, 1), 500, "美白")
        add_visit(s, p, date(2026, 5, 1), 0, "口腔检查")  # same day, free: still one occasion
        s.add(
            Visit(
                patient_id=p.id,
                visit_date=date(2025, 12, 1),
                amount_fen=12_345,
                treatment_id=treatment_id(s, "涂氟"),
                coupon="新客券",
                staff="赵医生",
            )
        )
        add_interaction(s, p, datetime(2025, 11, 1, 10, 0), "consult")
        add_interaction(s, p, datetime(2025, 11, 3, 9, 30), "like")
        add_appointment(s, p, datetime(2026, 12, 1, 9, 0))
        add_appointment(s, p, datetime(2026, 5, 1, 9, 0), "done")
        add_survey(s, p, date(2026, 5, 2), 4)
        s.add(
            Contact(
                patient_id=p.id,
                contacted_at=datetime(2026, 8, 1, 15, 0),
                channel="phone",
                purpose="recall",
                outcome="booked",
                staff="前台小王",
            )
        )
        s.add_all([Tag(name="怕疼", category="static"), Tag(name="爱美", category="custom", color="#ffffff")])
        s.flush()
        li = add_patient(s, "李四", "13800000002", referred_by_id=p.id)
        add_visit(s, li, date(2026, 3, 3), 200)
        zhao = add_patient(s, "赵六", None, referred_by_id=li.id, opening_visits=2, opening_spend_fen=50_000)
        zhou = add_patient(s, "周七", None, referred_by_id=zhao.id)
        add_patient(s, "吴八", None, referred_by_id=zhou.id)  # fourth level: not shown
        add_patient(s, "陈五", "13800000005", referred_by_id=p.id)  # referred, never bought
        for name in ("大客甲", "大客乙"):  # two bigger spenders put 张三 in the middle band (E3)
            add_visit(s, add_patient(s, name, None), date(2026, 6, 1), 2000)
        ids = {"zhang": p.id, "teacher": teacher.id, "li": li.id, "zhao": zhao.id, "zhou": zhou.id}
    tags = {t.name: t.id for t in pr.list_tags(db)}
    pr.add_tag(db, ids["zhang"], tags["怕疼"])
    pr.add_tag(db, ids["zhang"], tags["爱美"])
    return ids


def test_load_record_has_every_section(db: Database, clinic: dict[str, int]) -> None:
    record = pr.load_record(db, clinic["zhang"], AS_OF)
    p = record.profile
    assert (p.name, p.phone, p.gender, p.birth_date, p.source) == (
        "张三",
        "13800000001",
        "F",
        date(1990, 3, 2),
        "大众点评",
    )
    assert (p.marketing_consent, p.marketing_consent_at, p.do_not_contact) == (True, date(2025, 1, 2), False)
    assert list(record.tags) == ["static", "consumption", "behaviour", "custom"]
    assert [t.name for t in record.tags["static"]] == ["怕疼"]
    assert [t.name for t in record.tags["custom"]] == ["爱美"]
    assert record.tags["consumption"] == ()

    st = record.standing
    assert st.stage is Stage.REPEAT
    assert st.purchases == 3
    assert st.stage_reason == "3次复购，最近 2026-05-01"
    assert st.activity is Activity.ACTIVE
    # 2 of 4 paying patients spent more → p = 0.5 → E3; 1 of 2 referrals converted → R2; one survey of 4 → S4
    assert (st.ers.e, st.ers.r, st.ers.s) == (3, 2, 4)
    assert st.ers.composite == Decimal("3.00")
    assert st.ers.tier is Tier.B
    assert st.ers.flags == frozenset()
    assert st.explanation == (
        "B · 3.00 = 0.6×E3 + 0.2×R2 + 0.2×S4；近 24 个月消费 ¥923.45，位列 4 位付费患者的中间 40%–60%"
    )
    assert (st.referrals, st.converted_referrals, st.referral_spend_fen) == (2, 1, 20_000)

    assert [(v.visit_date, v.treatment, v.amount_fen) for v in record.visits] == [
        (date(2026, 5, 1), "口腔检查", 0),
        (date(2026, 5, 1), "美白", 50_000),
        (date(2026, 2, 1), "洁牙", 30_000),
        (date(2025, 12, 1), "涂氟", 12_345),
    ]
    assert (record.visits[-1].coupon, record.visits[-1].staff) == ("新客券", "赵医生")
    assert [i.kind for i in record.interactions] == ["like", "consult"]
    assert [(a.scheduled_at, a.status) for a in record.appointments] == [
        (datetime(2026, 12, 1, 9, 0), "booked"),
        (datetime(2026, 5, 1, 9, 0), "done"),
    ]
    assert [(s.survey_date, s.overall) for s in record.surveys] == [(date(2026, 5, 2), 4)]
    assert [(c.outcome, c.staff) for c in record.contacts] == [("booked", "前台小王")]
    assert record.referred_by == pr.PatientRef(clinic["teacher"], "王老师", "13900000009")
    assert record.language == "zh_CN"


def test_referral_tree_is_three_levels_with_conversion_and_spend(
    db: Database, clinic: dict[str, int]
) -> None:
    tree = pr.load_record(db, clinic["zhang"], AS_OF).referrals
    assert [(n.name, n.converted, n.spend_fen) for n in tree] == [("李四", True, 20_000), ("陈五", False, 0)]
    (zhao,) = tree[0].children
    # an opening balance from an import counts: 2 visits and ¥500
    assert (zhao.name, zhao.converted, zhao.spend_fen) == ("赵六", True, 50_000)
    (zhou,) = zhao.children
    assert (zhou.name, zhou.converted, zhou.children) == ("周七", False, ())  # 吴八 is a fourth level


def test_referral_loop_in_imported_data_does_not_recurse(db: Database) -> None:
    with db.sessions.begin() as s:
        a = add_patient(s, "甲", None)
        b = add_patient(s, "乙", None, referred_by_id=a.id)
        a.referred_by_id = b.id
        ids = (a.id, b.id)
    (node,) = pr.load_record(db, ids[0], AS_OF).referrals
    assert (node.name, node.children) == ("乙", ())


def test_stored_metrics_give_the_same_standing_as_a_fresh_computation(
    db: Database, clinic: dict[str, int]
) -> None:
    recompute(db, AS_OF)
    stored = pr.load_record(db, clinic["zhang"], AS_OF).standing
    fresh = pr.load_record(db, clinic["zhang"], AS_OF, fresh=True).standing
    assert (stored.source, fresh.source) == ("stored", "computed")
    assert stored.__dict__ | {"source": None} == fresh.__dict__ | {"source": None}
    # another day's stored metrics are not used
    assert pr.load_record(db, clinic["zhang"], date(2026, 11, 23)).standing.source == "computed"


def test_intent_reason_counts_like_the_metrics(db: Database) -> None:
    with db.sessions.begin() as s:
        p = add_patient(s, "钱九", None)
        add_interaction(s, p, datetime(2026, 11, 1, 9, 0), "quote")
        add_appointment(s, p, datetime(2027, 1, 5, 9, 0))  # future but booked: counts
        add_appointment(s, p, datetime(2027, 1, 9, 9, 0), "cancelled")  # future, not booked: not yet
        pid = p.id
    recompute(db, AS_OF)
    for fresh in (False, True):
        st = pr.load_record(db, pid, AS_OF, fresh=fresh).standing
        assert st.stage is Stage.INTENT
        assert st.stage_reason == "1 次咨询/报价，1 次预约，尚未消费"


def test_unknown_patient_is_refused(db: Database) -> None:
    with pytest.raises(RecordError, match="找不到患者"):
        pr.load_record(db, 999, AS_OF)
    with pytest.raises(RecordError, match="找不到患者"):
        pr.update_profile(db, 999, {"name": "某"})


# --- profile -----------------------------------------------------------------------------------------


def test_phone_edited_into_another_patients_phone_is_refused_and_nothing_written(
    db: Database, clinic: dict[str, int]
) -> None:
    with pytest.raises(RecordError) as refused:
        pr.update_profile(db, clinic["li"], {"name": "李四四", "phone": "138-0000-0001"})
    assert refused.value.field == "phone"
    assert "张三" in refused.value.zh and f"编号 {clinic['zhang']}" in refused.value.zh
    assert "already belongs to patient 张三" in refused.value.en
    assert " / " in str(refused.value)
    li = _patient(db, clinic["li"])
    assert (li.name, li.phone) == ("李四", "13800000002")


def test_phone_is_normalised_and_blank_phone_allowed(db: Database, clinic: dict[str, int]) -> None:
    pr.update_profile(db, clinic["li"], {"phone": "+86 138 0000 0022"})
    assert _patient(db, clinic["li"]).phone == "13800000022"
    pr.update_profile(db, clinic["li"], {"phone": "  "})
    assert _patient(db, clinic["li"]).phone is None
    pr.update_profile(db, clinic["zhang"], {"phone": "13800000001"})  # her own phone: fine
    with pytest.raises(RecordError, match="不是有效的手机号") as bad:
        pr.update_profile(db, clinic["li"], {"phone": "12345"})
    assert bad.value.field == "phone"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026-11-23", "不能晚于今天"),
        (date(1899, 12, 31), "不能早于 1900 年"),
        ("2026-02-30", "不是有效日期"),
        ("yesterday", "不是有效日期"),
    ],
)
def test_bad_birth_dates_are_refused(
    db: Database, clinic: dict[str, int], value: object, message: str
) -> None:
    with pytest.raises(RecordError, match=message) as refused:
        pr.update_profile(db, clinic["zhang"], {"birth_date": value, "name": "改名"}, today=AS_OF)
    assert refused.value.field == "birth_date"
    assert _patient(db, clinic["zhang"]).birth_date == date(1990, 3, 2)
    assert _patient(db, clinic["zhang"]).name == "张三"


def test_dates_are_read_the_ways_they_are_typed(db: Database, clinic: dict[str, int]) -> None:
    for typed in ("1988/7/9", "1988.07.09", "19880709", "1988年7月9日", date(1988, 7, 9)):
        pr.update_profile(db, clinic["zhang"], {"birth_date": typed}, today=AS_OF)
        assert _patient(db, clinic["zhang"]).birth_date == date(1988, 7, 9)
    pr.update_profile(db, clinic["zhang"], {"birth_date": ""}, today=AS_OF)
    assert _patient(db, clinic["zhang"]).birth_date is None


def test_name_gender_and_unknown_fields_are_checked(db: Database, clinic: dict[str, int]) -> None:
    with pytest.raises(RecordError, match="姓名不能为空"):
        pr.update_profile(db, clinic["zhang"], {"name": "  "})
    with pytest.raises(RecordError, match="性别") as gender:
        pr.update_profile(db, clinic["zhang"], {"gender": "X"})
    assert gender.value.field == "gender"
    with pytest.raises(RecordError, match="archived"):
        pr.update_profile(db, clinic["zhang"], {"archived": True})
    with pytest.raises(RecordError, match="过长"):
        pr.update_profile(db, clinic["zhang"], {"wechat": "w" * 65})
    pr.update_profile(db, clinic["zhang"], {"gender": None, "wechat": "  zs_wx  ", "notes": ""})
    p = _patient(db, clinic["zhang"])
    assert (p.gender, p.wechat, p.notes) == (None, "zs_wx", None)


def test_rename_recomputes_pinyin_keys(db: Database, clinic: dict[str, int]) -> None:
    pr.update_profile(db, clinic["zhang"], {"name": "曾强"})
    p = _patient(db, clinic["zhang"])
    assert (p.name, p.pinyin_full, p.pinyin_initials) == ("曾强", "zengqiang", "zq")
    new = pr.create_patient(db, {"name": "单雪"}, today=AS_OF)
    p = _patient(db, new)
    assert (p.pinyin_full, p.pinyin_initials, p.first_contact_date) == ("shanxue", "sx", AS_OF)


def test_do_not_contact_and_consent_changes_are_stamped(db: Database, clinic: dict[str, int]) -> None:
    when = datetime(2026, 11, 22, 10, 30)
    pr.update_profile(db, clinic["zhang"], {"do_not_contact": True}, today=AS_OF, now=when)
    p = _patient(db, clinic["zhang"])
    assert (p.do_not_contact, p.do_not_contact_at) == (True, when)
    assert p.marketing_consent_at == date(2025, 1, 2)  # untouched flag keeps its date
    # saving the same value again is not a change: the date stays
    pr.update_profile(db, clinic["zhang"], {"do_not_contact": True}, now=datetime(2026, 11, 25, 8, 0))
    assert _patient(db, clinic["zhang"]).do_not_contact_at == when
    pr.update_profile(db, clinic["zhang"], {"marketing_consent": False}, today=AS_OF, now=when)
    p = _patient(db, clinic["zhang"])
    assert (p.marketing_consent, p.marketing_consent_at) == (False, AS_OF)
    new = pr.create_patient(db, {"name": "孙八", "marketing_consent": True}, today=AS_OF, now=when)
    assert _patient(db, new).marketing_consent_at == AS_OF
    with pytest.raises(RecordError):
        pr.update_profile(db, clinic["zhang"], {"do_not_contact": "yes"})


def test_referrer_by_phone_and_loops_refused(db: Database, clinic: dict[str, int]) -> None:
    # 张三 referred 李四, who referred 赵六: 赵六 cannot become 张三's referrer
    with pytest.raises(RecordError, match="成环"):
        pr.update_profile(db, clinic["zhang"], {"referred_by_id": clinic["zhao"]})
    with pytest.raises(RecordError, match="不能介绍自己"):
        pr.update_profile(db, clinic["zhang"], {"referred_by_id": clinic["zhang"]})
    assert _patient(db, clinic["zhang"]).referred_by_id == clinic["teacher"]
    pr.update_profile(db, clinic["li"], {"referrer_phone": "13900000009"})
    assert _patient(db, clinic["li"]).referred_by_id == clinic["teacher"]
    with pytest.raises(RecordError, match="没有手机号为 13900000000 的患者") as unknown:
        pr.update_profile(db, clinic["li"], {"referrer_phone": "13900000000"})
    assert unknown.value.field == "referrer_phone"
    pr.update_profile(db, clinic["li"], {"referrer_phone": ""})
    assert _patient(db, clinic["li"]).referred_by_id is None


def test_create_patient_validates_like_an_edit(db: Database, clinic: dict[str, int]) -> None:
    before = _count(db, Patient)
    with pytest.raises(RecordError, match="张三"):
        pr.create_patient(db, {"name": "新人", "phone": "13800000001"})
    with pytest.raises(RecordError, match="姓名不能为空"):
        pr.create_patient(db, {"phone": "13800000099"})
    assert _count(db, Patient) == before
    pid = pr.create_patient(db, {"name": "新人", "phone": "", "gender": "M"}, today=AS_OF)
    assert _patient(db, pid).phone is None


# --- history -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "fen"),
    [
        ("1,200.50", 120_050),
        ("1200.5", 120_050),
        ("¥300", 30_000),
        ("８０元", 8_000),
        (" 0 ", 0),
        ("1,234,567.89", 123_456_789),
        (Decimal("99.9"), 9_990),
        (150, 15_000),
    ],
)
def test_yuan_is_stored_as_integer_fen(typed: str | Decimal | int, fen: int) -> None:
    assert parse_yuan(typed) == fen


@pytest.mark.parametrize(
    "typed", ["", "-5", "12.345", "1,20", "1.2.3", "abc", 12.5, True, Decimal("NaN"), "99999999"]
)
def test_bad_amounts_are_refused(typed: object) -> None:
    with pytest.raises(RecordError) as refused:
        parse_yuan(typed)  # type: ignore[arg-type]
    assert refused.value.field == "amount"


def test_add_visit_stores_fen_and_refuses_bad_input(db: Database, clinic: dict[str, int]) -> None:
    pid = clinic["li"]
    vid = pr.add_visit(
        db,
        pid,
        visit_date=AS_OF,
        amount="1,200.50",
        treatment="种植牙",
        coupon=" 老带新 ",
        staff="",
        today=AS_OF,
    )
    with db.sessions() as s:
        visit = s.get(Visit, vid)
        assert visit is not None
        assert (visit.amount_fen, visit.coupon, visit.staff) == (120_050, "老带新", None)
        assert isinstance(visit.amount_fen, int)
    before = _count(db, Visit)
    bad: list[dict[str, object]] = [
        {"visit_date": date(2026, 11, 23), "amount": "10"},
        {"visit_date": AS_OF, "amount": "10", "treatment": "不存在的项目"},
        {"visit_date": AS_OF, "amount": 10.0},
        {"visit_date": "", "amount": "10"},
    ]
    for kwargs in bad:
        with pytest.raises(RecordError):
            pr.add_visit(db, pid, today=AS_OF, **kwargs)  # type: ignore[arg-type]
    assert _count(db, Visit) == before


def test_second_purchase_day_turns_a_customer_into_a_repeat_patient(
    db: Database, clinic: dict[str, int]
) -> None:
    pid = clinic["li"]
    recompute(db, AS_OF)
    assert pr.load_record(db, pid, AS_OF).standing.stage is Stage.CUSTOMER
    pr.save_and_recompute(
        db, AS_OF, lambda: pr.add_visit(db, pid, visit_date=AS_OF, amount="88", today=AS_OF)
    )
    standing = pr.load_record(db, pid, AS_OF).standing
    assert (standing.stage, standing.source) == (Stage.REPEAT, "stored")
    assert standing.stage_reason == "2次复购，最近 2026-11-22"
    # a refused write recomputes nothing and raises
    with pytest.raises(RecordError):
        pr.save_and_recompute(
            db, AS_OF, lambda: pr.add_visit(db, pid, visit_date=AS_OF, amount="-1", today=AS_OF)
        )


def test_contact_outcome_do_not_contact_sets_the_flag(db: Database, clinic: dict[str, int]) -> None:
    when = datetime(2026, 11, 21, 16, 5)
    pr.add_contact(
        db,
        clinic["li"],
        contacted_at=when,
        channel="phone",
        purpose="reactivation",
        outcome="do_not_contact",
        today=AS_OF,
    )
    p = _patient(db, clinic["li"])
    assert (p.do_not_contact, p.do_not_contact_at) == (True, when)
    # a later refusal keeps the date they first asked
    pr.add_contact(
        db,
        clinic["li"],
        contacted_at=datetime(2026, 11, 22, 9, 0),
        channel="sms",
        purpose="campaign",
        outcome="do_not_contact",
        today=AS_OF,
    )
    assert _patient(db, clinic["li"]).do_not_contact_at == when
    record = pr.load_record(db, clinic["li"], AS_OF)
    assert [c.outcome for c in record.contacts] == ["do_not_contact", "do_not_contact"]
    before = _count(db, Contact)
    with pytest.raises(RecordError, match="联系结果无效"):
        pr.add_contact(
            db,
            clinic["li"],
            contacted_at=when,
            channel="phone",
            purpose="recall",
            outcome="maybe",
            today=AS_OF,
        )
    with pytest.raises(RecordError, match="不能晚于今天"):
        pr.add_contact(
            db, clinic["li"], contacted_at=datetime(2026, 11, 23, 9), channel="phone", purpose="recall",
            outcome="reached", today=AS_OF,
        )  # fmt: skip
    assert _count(db, Contact) == before


def test_surveys_interactions_and_appointments_are_validated(db: Database, clinic: dict[str, int]) -> None:
    pid = clinic["li"]
    pr.add_survey(db, pid, survey_date=AS_OF, overall=2, nps=0, price=1, comment="太贵", today=AS_OF)
    for bad in (
        {"overall": 0},
        {"overall": 6},
        {"overall": 5, "nps": 11},
        {"overall": True},
        {"overall": 3, "service": 9},
    ):
        with pytest.raises(RecordError):
            pr.add_survey(db, pid, survey_date=AS_OF, today=AS_OF, **bad)  # type: ignore[arg-type]
    pr.add_interaction(db, pid, occurred_at=datetime(2026, 11, 22, 8, 0), kind="campaign", today=AS_OF)
    with pytest.raises(RecordError, match="互动类型无效"):
        pr.add_interaction(db, pid, occurred_at=datetime(2026, 11, 22, 8, 0), kind="visit", today=AS_OF)
    pr.add_appointment(db, pid, scheduled_at=datetime(2027, 1, 2, 9, 0), treatment="洁牙", today=AS_OF)
    with pytest.raises(RecordError, match="不能晚于今天"):
        pr.add_appointment(db, pid, scheduled_at=datetime(2027, 1, 2, 9, 0), status="done", today=AS_OF)
    record = pr.load_record(db, pid, AS_OF)
    assert [(s.overall, s.nps, s.price, s.comment) for s in record.surveys] == [(2, 0, 1, "太贵")]
    assert [i.kind for i in record.interactions] == ["campaign"]
    assert [(a.treatment, a.status) for a in record.appointments] == [("洁牙", "booked")]
    recompute(db, AS_OF)
    standing = pr.load_record(db, pid, AS_OF).standing
    assert Flag.AT_RISK in standing.ers.flags


def test_tags_by_name_create_with_category_and_remove(db: Database, clinic: dict[str, int]) -> None:
    pid = clinic["li"]
    new_id = pr.tag_by_name(db, pid, "  种植意向 ", "behaviour")
    assert pr.tag_by_name(db, pid, "怕疼", "custom") != new_id  # existing tag keeps category static
    record = pr.load_record(db, pid, AS_OF)
    assert [t.name for t in record.tags["behaviour"]] == ["种植意向"]
    assert [t.name for t in record.tags["static"]] == ["怕疼"]
    assert record.tags["behaviour"][0].color == "#ef6c00"
    with pytest.raises(RecordError, match="分隔符"):
        pr.tag_by_name(db, pid, "a,b")
    with pytest.raises(RecordError, match="类别"):
        pr.tag_by_name(db, pid, "新的", "vip")
    assert pr.remove_tags(db, pid, [new_id]) == 1
    assert pr.load_record(db, pid, AS_OF).tags["behaviour"] == ()
    assert _count(db, Tag) == 3  # the tag itself stays
