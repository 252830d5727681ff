"""Call lists on a hand-built clinic, as of 2026-11-20 (metrics stored for that day).

| id | who | facts | lists |
|----|-----|-------|-------|
| 1 | 张三 | 洁牙 2026-05-20 (due 11-16) | recall row |
| 2 | 李四 | 洁牙 2026-05-20; booked 洁牙 11-25 | recall: booked |
| 3 | 王五 | 洁牙 + 涂氟 2026-05-20; booked 洁牙 11-26 | recall row, 涂氟 only |
| 4 | 赵六 | 洁牙 2026-05-20; do-not-contact | recall: do_not_contact |
| 5 | 孙七 | 洁牙 2026-05-20; contacted 11-10 | recall: frequency_cap |
| 6 | 周八 | 洁牙 2026-05-20; survey 2 (S2) | recall: at_risk; recovery row |
| 7 | 吴九 | 洁牙 2026-05-20; no phone | recall: no_phone |
| 8 | 郑十 | 洁牙 2026-05-20; archived | nowhere, never counted |
| 9 | 钱一 | consent; 2024-01-10 ¥800, 2024-03-01 ¥1,200 (lapsed) | reactivation row |
| 10 | 陈二 | no consent; 2024-02-01 ¥500 (lapsed) | reactivation: no_consent |
| 11 | 林三 | consent; lapsed; 3 campaign contacts in the last 90 days | reactivation: frequency_cap |
| 12 | 何四 | born 1990-11-25 | birthday row (5 days) |
| 13 | 罗五 | born 1990-11-28, lunar (农历十月十二 → 2026-11-20) | birthday row (today) |
| 14 | 高六 | born 1990-11-28, solar | not on the birthday list |
| 15 | 马七 | consent; referred 16 and 17, who bought (R3, KOC) | referral row |
| 16, 17 | 梁八, 宋九 | referred by 15; ¥100 on 2026-10-01 | — |
| 18 | 唐十 | consent; 正畸 2026-06-01; surveys 5, 5, then 1 on 11-15 (S4) | recovery row; crosssell: at_risk |
| 19 | 韩一 | consent; 正畸 2026-06-01 | crosssell row |
| 20 | 冯二 | consent; 正畸 2026-03-01; booked (no treatment) 12-01 | crosssell: booked |
| 21 | 曹三 | consent; tag 种植意向; ¥4,000 + ¥2,000 in 2026 (ticket ¥3,000) | campaign row, 满 3000 减 300 |
| 22 | 彭四 | consent; tag 种植意向; 2024-01-01 ¥2,500 (lapsed) | campaign row, 满 1000 减 80; reactivation row |
| 23 | 董五 | tag 种植意向; no consent | campaign: no_consent |
| 24 | 蒋六 | consent; free 正畸 check 2026-06-01, free 种植牙 consult 2020-01-01 | crosssell: already had 种植牙 |
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from builders import add_booking, add_contact, add_patient, add_survey, add_visit
from clinic_desktop.core.calllists.list_specs import CampaignFilter, CampaignSpec, CrossSellRule, SpecError
from clinic_desktop.core.calllists.offers import Offer
from clinic_desktop.db.models import Contact, Patient, PatientTag, Tag
from clinic_desktop.services import calllists as cl
from clinic_desktop.services.calllists.settings import (
    delete_campaign,
    load_campaigns,
    load_crosssell_rules,
    save_campaign,
    save_crosssell_rules,
)
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute

AS_OF = date(2026, 11, 20)
CAMPAIGN = CampaignSpec(
    "种植季",
    CampaignFilter(tags=("种植意向",)),
    (Offer("满 3000 减 300", 300_000, 30_000), Offer("满 1000 减 80", 100_000, 8_000)),
)


def _phone(n: int) -> str:
    return f"138000000{n:02d}"


def build_clinic(db: Database) -> None:
    may20 = date(2026, 5, 20)
    with db.sessions.begin() as s:
        p = {}
        for n, name in enumerate("张三 李四 王五 赵六 孙七 周八 吴九 郑十".split(), start=1):
            p[n] = add_patient(s, name, None if n == 7 else _phone(n), do_not_contact=n == 4, archived=n == 8)
            add_visit(s, p[n], may20, 300, "洁牙")
        add_visit(s, p[3], may20, 300, "涂氟")
        add_booking(s, p[2], datetime(2026, 11, 25, 9), "洁牙")
        add_booking(s, p[3], datetime(2026, 11, 26, 9), "洁牙")
        add_contact(s, p[5], datetime(2026, 11, 10, 15), "recall", "no_answer")
        add_survey(s, p[6], date(2026, 6, 1), 2)

        p[9] = add_patient(s, "钱一", _phone(9), marketing_consent=True)
        add_visit(s, p[9], date(2024, 1, 10), 800)
        add_visit(s, p[9], date(2024, 3, 1), 1200)
        p[10] = add_patient(s, "陈二", _phone(10))
        add_visit(s, p[10], date(2024, 2, 1), 500)
        p[11] = add_patient(s, "林三", _phone(11), marketing_consent=True)
        add_visit(s, p[11], date(2024, 2, 1), 500)
        for day in (date(2026, 9, 1), date(2026, 10, 1), date(2026, 10, 20)):
            add_contact(s, p[11], datetime.combine(day, datetime.min.time()), "campaign")

        add_patient(s, "何四", _phone(12), birth_date=date(1990, 11, 25))
        add_patient(s, "罗五", _phone(13), birth_date=date(1990, 11, 28), lunar_birthday=True)
        add_patient(s, "高六", _phone(14), birth_date=date(1990, 11, 28))

        p[15] = add_patient(s, "马七", _phone(15), marketing_consent=True)
        for n, name in ((16, "梁八"), (17, "宋九")):
            p[n] = add_patient(s, name, _phone(n), referred_by_id=p[15].id)
            add_visit(s, p[n], date(2026, 10, 1), 100)

        for n, name, day in (
            (18, "唐十", date(2026, 6, 1)),
            (19, "韩一", date(2026, 6, 1)),
            (20, "冯二", date(2026, 3, 1)),
        ):
            p[n] = add_patient(s, name, _phone(n), marketing_consent=True)
            add_visit(s, p[n], day, 5000, "正畸")
        for day, score in ((date(2026, 1, 1), 5), (date(2026, 2, 1), 5), (date(2026, 11, 15), 1)):
            add_survey(s, p[18], day, score)
        add_booking(s, p[20], datetime(2026, 12, 1, 10))

        tag = Tag(name="种植意向", category="custom")
        s.add(tag)
        s.flush()
        p[21] = add_patient(s, "曹三", _phone(21), marketing_consent=True)
        add_visit(s, p[21], date(2026, 8, 1), 4000)
        add_visit(s, p[21], date(2026, 9, 1), 2000)
        p[22] = add_patient(s, "彭四", _phone(22), marketing_consent=True)
        add_visit(s, p[22], date(2024, 1, 1), 2500)
        p[23] = add_patient(s, "董五", _phone(23))
        for n in (21, 22, 23):
            s.add(PatientTag(patient_id=p[n].id, tag_id=tag.id))
        p[24] = add_patient(s, "蒋六", _phone(24), marketing_consent=True)
        add_visit(s, p[24], date(2026, 6, 1), 0, "正畸")
        add_visit(s, p[24], date(2020, 1, 1), 0, "种植牙")
        assert [p[n].id for n in sorted(p)] == sorted(p)  # ids are the table's numbers


@pytest.fixture
def clinic(db: Database) -> Database:
    build_clinic(db)
    recompute(db, AS_OF)
    return db


def _ids(built: cl.BuiltList) -> list[int]:
    return [r.patient_id for r in built.rows]


def _counts(**nonzero: int) -> dict[str, int]:
    return {rule: nonzero.get(rule, 0) for rule in cl.RULES}


def test_recall_list(clinic: Database) -> None:
    built = cl.build_list(clinic, "recall", AS_OF)
    assert _ids(built) == [1, 3]
    assert built.excluded_counts == _counts(
        do_not_contact=1, booked=1, frequency_cap=1, at_risk=1, no_phone=1
    )
    assert [(e.patient_id, e.rule) for e in built.excluded] == [
        (4, "do_not_contact"), (2, "booked"), (5, "frequency_cap"), (6, "at_risk"), (7, "no_phone"),
    ]  # fmt: skip
    first, second = built.rows
    assert first.reason == "洁牙已满6个月（上次 2026-05-20，超期 4 天）"
    assert second.reason == "涂氟已满6个月（上次 2026-05-20，超期 4 天）"  # booked for the cleaning
    assert "洁牙" not in second.script and "涂氟" in second.script
    assert first.name == "张三" and first.phone == _phone(1) and first.stage == "customer"
    assert first.tier == "B" and first.composite == "3.00" and first.last_visit == date(2026, 5, 20)
    assert first.last_contact is None and len({r.row_key for r in built.rows}) == 2
    assert built.to_json() == {
        "kind": "recall",
        "as_of": "2026-11-20",
        "rows": 2,
        "phones": [_phone(1), _phone(3)],
        "excluded": _counts(do_not_contact=1, booked=1, frequency_cap=1, at_risk=1, no_phone=1),
        "no_phone": [{"patient_id": 7, "name": "吴九"}],
    }


def test_reactivation_list(clinic: Database) -> None:
    built = cl.build_list(clinic, "reactivation", AS_OF)
    assert _ids(built) == [22, 9]  # same composite: the bigger spender first
    assert built.excluded_counts == _counts(no_consent=1, frequency_cap=1)
    assert "已 32 个月未到店（上次 2024-03-01）" in built.rows[1].reason
    assert "消费满 200 元减 50 元" in built.rows[1].script


def test_birthday_list_solar_and_lunar(clinic: Database) -> None:
    built = cl.build_list(clinic, "birthday", AS_OF)
    assert _ids(built) == [13, 12]  # by date: the lunar birthday is today
    assert built.rows[0].reason == "农历十月十二生日，今年是11月20日（今天）"
    assert built.rows[1].reason == "11月25日生日（5天后）"
    assert built.rows[1].age == 35
    assert _ids(cl.build_list(clinic, "birthday", AS_OF, params={"days": 3})) == [13]


def test_referral_recovery_crosssell_lists(clinic: Database) -> None:
    referral = cl.build_list(clinic, "referral", AS_OF)
    assert _ids(referral) == [15] and "2 位" in referral.rows[0].reason
    recovery = cl.build_list(clinic, "recovery", AS_OF)
    assert _ids(recovery) == [18, 6]  # lowest score first
    assert recovery.rows[0].reason == "2026-11-15 评价 1 分"
    assert recovery.excluded_counts == _counts()
    cross = cl.build_list(clinic, "crosssell", AS_OF)
    assert _ids(cross) == [19]
    assert cross.excluded_counts == _counts(booked=1, at_risk=1)
    assert cross.rows[0].reason == "正畸→种植咨询：2026-06-01 做过正畸"
    assert "交叉推荐" in cl.why_not(clinic, "crosssell", AS_OF, 24)[0]  # had an implant long ago


def test_campaign_offers_fit_each_patient(clinic: Database) -> None:
    built = cl.build_list(clinic, "campaign", AS_OF, params={"spec": CAMPAIGN.to_json()})
    assert _ids(built) == [21, 22]
    assert built.excluded_counts == _counts(no_consent=1)
    assert "满 3000 减 300" in built.rows[0].script
    assert "满 1000 减 80" in built.rows[1].script  # lapsed: never the high threshold
    save_campaign(clinic, CAMPAIGN)
    again = cl.build_list(clinic, "campaign", AS_OF, params={"campaign": "种植季"})
    assert _ids(again) == [21, 22] and again.params["spec"] == CAMPAIGN.to_json()


def test_fresh_metrics_give_the_same_lists(db: Database) -> None:
    build_clinic(db)  # nothing stored: the lists compute the metrics themselves
    fresh = {kind: cl.build_list(db, kind, AS_OF, params={"spec": CAMPAIGN.to_json()}) for kind in cl.KINDS}
    recompute(db, AS_OF)
    for kind, built in fresh.items():
        stored = cl.build_list(db, kind, AS_OF, params={"spec": CAMPAIGN.to_json()})
        assert _ids(built) == _ids(stored) and built.excluded_counts == stored.excluded_counts, kind
        assert [r.composite for r in built.rows] == [r.composite for r in stored.rows]


def test_why_not(clinic: Database) -> None:
    zh, en = cl.why_not(clinic, "recall", AS_OF, 2)
    assert "已有未来的预约" in zh and "2026-11-25" in zh and "2026-11-25" in en
    zh, _ = cl.why_not(clinic, "recall", AS_OF, 5)
    assert "最近一次联系：2026-11-10" in zh
    assert "勿扰" in cl.why_not(clinic, "recall", AS_OF, 4)[0]
    assert "满意度" in cl.why_not(clinic, "recall", AS_OF, 6)[0]
    assert "手机号码" in cl.why_not(clinic, "recall", AS_OF, 7)[0]
    assert "已归档" in cl.why_not(clinic, "recall", AS_OF, 8)[0]
    assert "没有在复诊窗口内到期的项目" in cl.why_not(clinic, "recall", AS_OF, 9)[0]
    assert cl.why_not(clinic, "recall", AS_OF, 1) == ("该患者在名单上。", "The patient is on the list.")
    zh, en = cl.why_not(clinic, "reactivation", AS_OF, 11)
    assert "3 次营销联系" in zh and "3 marketing contacts" in en
    assert "同意" in cl.why_not(clinic, "reactivation", AS_OF, 10)[0]
    assert "不是沉睡患者" in cl.why_not(clinic, "reactivation", AS_OF, 1)[0]
    assert "近期有低分评价" in cl.why_not(clinic, "crosssell", AS_OF, 18)[0]
    assert cl.why_not(clinic, "recall", AS_OF, 999) == ("找不到该患者。", "No such patient.")


def test_save_load_and_record_outcomes(clinic: Database) -> None:
    built = cl.build_list(clinic, "recall", AS_OF)
    list_id = cl.save_list(clinic, built)
    (info,) = cl.saved_lists(clinic)
    assert (info.id, info.kind, info.as_of, info.rows, info.done) == (list_id, "recall", AS_OF, 2, 0)
    saved = cl.load_saved(clinic, list_id)
    assert [r.patient_id for r in saved.rows] == [1, 3] and saved.outcomes == {}
    assert [r.row_key for r in saved.rows] == [r.row_key for r in built.rows]
    assert saved.rows[0].reason == built.rows[0].reason and saved.rows[0].row_id is not None

    first, second = (r.row_id for r in saved.rows)
    assert first is not None and second is not None
    cl.record_outcome(
        clinic, first, "no_answer", note=" 下午再打 ", staff="小王", when=datetime(2026, 11, 20, 10)
    )
    cl.record_outcome(clinic, second, "do_not_contact", when=datetime(2026, 11, 20, 11))
    with clinic.sessions() as s:
        contacts = s.scalars(select(Contact).order_by(Contact.id)).all()[-2:]
        assert [(c.patient_id, c.purpose, c.channel, c.outcome, c.call_list_row_id) for c in contacts] == [
            (1, "recall", "phone", "no_answer", first),
            (3, "recall", "phone", "do_not_contact", second),
        ]
        assert contacts[0].note == "下午再打" and contacts[0].staff == "小王"
        patient = s.get(Patient, 3)
        assert patient is not None and patient.do_not_contact
        assert patient.do_not_contact_at == datetime(2026, 11, 20, 11)
    assert cl.load_saved(clinic, list_id).outcomes == {first: "no_answer", second: "do_not_contact"}
    assert cl.saved_lists(clinic)[0].done == 2

    # the next list: patient 1 is in the cool-down, patient 3 asked not to be called
    again = cl.build_list(clinic, "recall", AS_OF)
    assert _ids(again) == []
    assert again.excluded_counts == _counts(
        do_not_contact=2, booked=1, frequency_cap=2, at_risk=1, no_phone=1
    )


def test_bad_input_is_refused(clinic: Database) -> None:
    with pytest.raises(cl.CallListError) as caught:
        cl.build_list(clinic, "lottery", AS_OF)
    assert "未知的名单类型" in caught.value.zh and "unknown list kind" in caught.value.text("en")
    with pytest.raises(cl.CallListError):
        cl.build_list(clinic, "campaign", AS_OF)  # which campaign?
    with pytest.raises(cl.CallListError):
        cl.build_list(clinic, "campaign", AS_OF, params={"campaign": "nope"})
    with pytest.raises(cl.CallListError):
        cl.build_list(clinic, "crosssell", AS_OF, params={"rule": "nope"})
    with pytest.raises(cl.CallListError):
        cl.build_list(clinic, "recall", AS_OF, params={"ahead_days": "lots"})
    list_id = cl.save_list(clinic, cl.build_list(clinic, "recall", AS_OF))
    row_id = cl.load_saved(clinic, list_id).rows[0].row_id
    assert row_id is not None
    with pytest.raises(cl.CallListError):
        cl.record_outcome(clinic, row_id, "maybe")
    with pytest.raises(cl.CallListError):
        cl.record_outcome(clinic, 10_000, "reached")
    with pytest.raises(cl.CallListError):
        cl.load_saved(clinic, 10_000)
    with clinic.sessions() as s:
        assert s.scalars(select(Contact).where(Contact.call_list_row_id.is_not(None))).all() == []


def test_list_settings_round_trip(db: Database) -> None:
    rules = load_crosssell_rules(db)
    assert [r.name for r in rules] == ["正畸→种植咨询", "手术/种植→注射类", "种植→转介绍"]
    mine = [CrossSellRule("洁牙→美白", "美白体验", from_treatments=("洁牙",), within_months=6)]
    save_crosssell_rules(db, mine)
    assert load_crosssell_rules(db) == mine
    with pytest.raises(SpecError):
        save_crosssell_rules(db, mine + mine)
    assert load_campaigns(db) == []
    save_campaign(db, CAMPAIGN)
    save_campaign(db, CampaignSpec("春季洁牙", offers=(Offer("洁牙 99 元"),)))
    assert [c.name for c in load_campaigns(db)] == ["种植季", "春季洁牙"]
    delete_campaign(db, "种植季")
    assert [c.name for c in load_campaigns(db)] == ["春季洁牙"]


def test_rows_are_ordered_by_their_order_then_id_and_those_without_an_order_come_last() -> None:
    from clinic_desktop.core.calllists import Standing
    from clinic_desktop.services.calllists.build import _in_order

    st = Standing()
    kept = [((2, 0), 5, st), (None, 9, st), ((1, 5), 7, st), (None, 3, st), ((1, 5), 4, st), ((1, 0), 8, st)]
    assert [pid for _, pid, _ in _in_order(kept)] == [8, 4, 7, 5, 3, 9]
    assert _in_order([]) == []
