"""The 分享裂变 list (``share``, PRODUCT §5.1) under the whole contact policy (§5.2), and the referral list's
segment order, on a hand-built clinic as of 2026-11-20.

Every patient below but 12 and 13 is price-sensitive — two visits in 2026 with a coupon each — and has
knowledge recorded, so their segment is 懂行·价格敏感 or 不太懂·价格敏感 (a share candidate):

| id | who | knowledge | facts | share list |
|----|-----|-----------|-------|------------|
| 1 | 甲 | expert | consent | row (transparent prices) |
| 2 | 乙 | novice | consent; five visits (most regular) | row, first (simple packages) |
| 3 | 丙 | expert | consent; do-not-contact | do_not_contact |
| 4 | 丁 | novice | no consent | no_consent |
| 5 | 戊 | expert | consent; booked 2026-12-01 | booked |
| 6 | 己 | novice | consent; contacted 2026-11-15 | frequency_cap (cool-down) |
| 7 | 庚 | expert | consent; 3 marketing contacts Sep–Oct | frequency_cap (marketing cap) |
| 8 | 辛 | novice | consent; survey 1 (S1) | at_risk |
| 9 | 壬 | expert | consent; surveys 5, 5, then 1 on 11-15 (S4, recent low) | at_risk (kept off promotions) |
| 10 | 癸 | novice | consent; no phone | no_phone |
| 11 | 子 | expert | consent; archived | never a candidate |
| 12 | 丑 | expert | consent; visits without coupons (懂行·重品质); referred 13 and 14, who bought (KOC) | not a candidate; referral row, first |
| 13 | 寅 | – | consent; referred 15 and 16, who bought (KOC, unknown segment) | not a candidate; referral row |
| 14–16 | 卯 辰 巳 | – | referred; a purchase each | – |
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from builders import add_booking, add_contact, add_patient, add_survey, add_visit
from clinic_desktop.core.calllists.contact_policy import RULES
from clinic_desktop.services import calllists as cl
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute

AS_OF = date(2026, 11, 20)
NAMES = "甲 乙 丙 丁 戊 己 庚 辛 壬 癸 子 丑 寅 卯 辰 巳".split()


def _phone(n: int) -> str:
    return f"137000000{n:02d}"


@pytest.fixture
def clinic(db: Database) -> Database:
    with db.sessions.begin() as s:
        p = {}
        for n, name in enumerate(NAMES, start=1):
            p[n] = add_patient(
                s,
                name,
                None if n == 10 else _phone(n),
                knowledge=None if n >= 13 else ("expert" if n % 2 else "novice"),
                marketing_consent=n != 4,
                do_not_contact=n == 3,
                archived=n == 11,
            )
            if n <= 11:
                days = 5 if n == 2 else 2
                for k in range(days):
                    add_visit(s, p[n], date(2026, 1 + 2 * k, 10), 300, coupon="团购券")
        p[12].knowledge = "expert"
        for k in range(3):
            add_visit(s, p[12], date(2026, 2 + 3 * k, 12), 2000)
        for referrer, friends in ((12, (13, 14)), (13, (15, 16))):
            for f in friends:
                p[f].referred_by_id = p[referrer].id
                add_visit(s, p[f], date(2026, 6, f), 200)
        add_visit(s, p[13], date(2026, 3, 3), 500)
        add_booking(s, p[5], datetime(2026, 12, 1, 10))
        add_contact(s, p[6], datetime(2026, 11, 15, 10), "recall")
        for day in (date(2026, 9, 1), date(2026, 9, 20), date(2026, 10, 10)):
            add_contact(s, p[7], datetime.combine(day, datetime.min.time()), "campaign")
        add_survey(s, p[8], date(2026, 6, 1), 1)
        for day, score in ((date(2026, 1, 1), 5), (date(2026, 2, 1), 5), (date(2026, 11, 15), 1)):
            add_survey(s, p[9], day, score)
    recompute(db, AS_OF)
    return db


def test_share_list_rows_and_every_exclusion(clinic: Database) -> None:
    built = cl.build_list(clinic, "share", AS_OF)
    assert [r.name for r in built.rows] == ["乙", "甲"]  # the most regular first
    assert built.excluded_counts == {
        "do_not_contact": 1,
        "no_consent": 1,
        "booked": 1,
        "frequency_cap": 2,
        "at_risk": 2,
        "no_phone": 1,
    }
    assert set(built.excluded_counts) == set(RULES)
    excluded = {e.name: e.rule for e in built.excluded}
    assert excluded == {
        "丙": "do_not_contact",
        "丁": "no_consent",
        "戊": "booked",
        "己": "frequency_cap",
        "庚": "frequency_cap",
        "辛": "at_risk",
        "壬": "at_risk",
        "癸": "no_phone",
    }
    yi, jia = built.rows
    assert yi.reason == "不太懂·价格敏感：近 24 个月 5 次消费中 5 次用券"
    assert "简单透明" in yi.script and "我们送您一次免费洁牙或皮肤检测" in yi.script
    assert "价格都很了解" in jia.script and "不是打折" in jia.script
    data = built.to_json()
    assert data["kind"] == "share" and data["rows"] == 2


def test_why_not_on_the_share_list(clinic: Database) -> None:
    ids = {r.name: r.patient_id for r in cl.build_list(clinic, "share", AS_OF).excluded}
    zh, en = cl.why_not(clinic, "share", AS_OF, ids["丁"])
    assert "营销类名单需要患者同意" in zh and "consent" in en
    built = cl.build_list(clinic, "referral", AS_OF)
    chou = next(r for r in built.rows if r.name == "丑")
    zh, _ = cl.why_not(clinic, "share", AS_OF, chou.patient_id)
    assert zh == "不属于价格敏感的分群（懂行·价格敏感、不太懂·价格敏感），或尚未消费。"


def test_referral_list_puts_the_quality_minded_experts_first(clinic: Database) -> None:
    rows = cl.build_list(clinic, "referral", AS_OF).rows
    assert [r.name for r in rows] == ["丑", "寅"]  # equal referrals: the 懂行·重品质 KOC first
    assert rows[0].reason == "懂行·重品质；传播者：已成功推荐 2 位亲友到店"
    assert rows[1].reason == "传播者：已成功推荐 2 位亲友到店"


def test_share_outcomes_are_marketing_contacts(clinic: Database) -> None:
    from sqlalchemy import select

    from clinic_desktop.db.models import Contact, Patient

    built = cl.build_list(clinic, "share", AS_OF)
    list_id = cl.save_list(clinic, built)
    saved = cl.load_saved(clinic, list_id)
    cl.record_outcome(clinic, saved.rows[0].row_id or 0, "reached")
    with clinic.sessions() as s:
        assert s.scalars(select(Contact.purpose)).all()[-1] == "share"
    # a share contact counts toward the cool-down (and the marketing cap) of every later list
    with clinic.sessions.begin() as s:
        patient = s.get(Patient, saved.rows[0].patient_id)
        add_contact(s, patient, datetime(2026, 11, 19, 16), "share")  # type: ignore[arg-type]
    again = cl.build_list(clinic, "share", AS_OF)
    assert [r.name for r in again.rows] == ["甲"] and again.excluded_counts["frequency_cap"] == 3
