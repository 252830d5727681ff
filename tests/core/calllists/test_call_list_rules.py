"""Who is on each kind of call list and what the script says (PRODUCT §5.1); lunar birthdays; offers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from lunar_python import Lunar, LunarYear, Solar

from clinic_desktop.core.calllists import call_list_rules as rules
from clinic_desktop.core.calllists.birthdays import (
    LunarDay,
    birthday_label_zh,
    lunar_months,
    lunar_of,
    next_birthday,
    solar_of_lunar,
)
from clinic_desktop.core.calllists.call_list_rules import DueTreatment, Standing, TreatmentDone
from clinic_desktop.core.calllists.list_specs import (
    DEFAULT_CROSSSELL_RULES,
    CampaignFilter,
    CampaignSpec,
    CrossSellRule,
    SpecError,
)
from clinic_desktop.core.calllists.offers import Offer, average_ticket_fen, match_offer, offer_fits
from clinic_desktop.core.settings import Settings

AS_OF = date(2026, 11, 20)
S = Settings()
SALES_WORDS = ("优惠", "折", "减", "券", "特价")


def _lib_solar(lunar_year: int, month: int, day: int) -> date:
    s = Lunar.fromYmd(lunar_year, month, day).getSolar()
    return date(s.getYear(), s.getMonth(), s.getDay())


# -- recall -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due_offset", "due"),
    [(-61, False), (-60, True), (-1, True), (0, True), (14, True), (15, False)],
)
def test_recall_window_bounds(due_offset: int, due: bool) -> None:
    last = AS_OF + timedelta(days=due_offset) - timedelta(days=180)
    assert rules.is_recall_due(last, 180, AS_OF, S) is due


def test_recall_needs_an_interval_and_a_past_visit() -> None:
    assert not rules.is_recall_due(AS_OF - timedelta(days=180), None, AS_OF, S)
    assert not rules.is_recall_due(AS_OF + timedelta(days=1), 1, AS_OF, S)


def test_recall_reason_is_a_care_reminder_listing_every_due_treatment() -> None:
    cleaning = DueTreatment(1, "洁牙", date(2026, 5, 17), 180)  # due 2026-11-13: 7 days overdue
    fluoride = DueTreatment(2, "涂氟", date(2026, 5, 30), 180)  # due 2026-11-26: in 6 days
    s = rules.recall_suggestion([fluoride, cleaning], AS_OF, "阳光口腔")
    assert s.reason.startswith("洁牙已满6个月（上次 2026-05-17，超期 7 天）")
    assert "涂氟将满6个月（上次 2026-05-30，6 天后到期）" in s.reason
    assert "阳光口腔" in s.script and "洁牙、涂氟" in s.script or "涂氟、洁牙" in s.script
    assert not any(word in s.script for word in SALES_WORDS)
    assert rules.recall_order_key([fluoride, cleaning]) == cleaning.due.toordinal()


@pytest.mark.parametrize(
    ("days", "text"), [(180, "6个月"), (365, "1年"), (30, "1个月"), (120, "4个月"), (10, "10天")]
)
def test_interval_text(days: int, text: str) -> None:
    assert rules.interval_text(days) == text


# -- reactivation and offers --------------------------------------------------------------------------

LAPSED = Standing(
    stage="repeat", activity="lapsed", purchases=4, spend_total_fen=400_000, last_purchase=date(2025, 3, 1)
)


def test_reactivation_is_for_lapsed_paying_patients() -> None:
    assert rules.is_reactivation(LAPSED)
    assert not rules.is_reactivation(replace(LAPSED, activity="lapsing"))
    assert not rules.is_reactivation(replace(LAPSED, purchases=0))


def test_reactivation_gets_the_low_threshold_offer_when_it_fits() -> None:
    s = rules.reactivation_suggestion(LAPSED, AS_OF, S)
    assert s.reason.startswith("已 20 个月未到店（上次 2025-03-01）")
    assert S.reactivation_offer in s.script


def test_reactivation_never_offers_a_threshold_above_the_average_ticket() -> None:
    cheap = replace(LAPSED, spend_total_fen=60_000, purchases=4)  # average ticket ¥150 < ¥200 threshold
    s = rules.reactivation_suggestion(cheap, AS_OF, S)
    assert S.reactivation_offer not in s.script and "检查" in s.script


def test_offer_matching_rule() -> None:
    high, low = Offer("满 3000 减 300", 300_000, 30_000), Offer("满 1000 减 80", 100_000, 8_000)
    free = Offer("免费检查", 0, 0)
    assert average_ticket_fen(500_000, 2) == 250_000 and average_ticket_fen(0, 0) is None
    # active: up to 1.5 × average ticket
    assert offer_fits(high, 200_000, "active") and not offer_fits(high, 199_999, "active")
    assert match_offer([low, high], 250_000, "active") == high
    # lapsing/lapsed: up to 1.0 × average ticket — never a high-threshold coupon (seed patient B)
    assert match_offer([low, high], 250_000, "lapsed") == low
    assert match_offer([low, high], 250_000, "lapsing") == low
    assert match_offer([low, high], 80_000, "lapsed") is None
    assert match_offer([low, high, free], 80_000, "lapsed") == free
    # no purchase history: the lowest threshold
    assert match_offer([high, low], None, "none") == low
    assert match_offer([], 100, "active") is None
    assert offer_fits(free, None, "none")


# -- birthdays ----------------------------------------------------------------------------------------


def test_solar_birthday_in_the_window() -> None:
    born = date(1990, 11, 25)
    assert next_birthday(born, False, AS_OF, 7) == date(2026, 11, 25)
    assert next_birthday(born, False, AS_OF, 4) is None
    assert next_birthday(date(1990, 11, 20), False, AS_OF, 0) == AS_OF
    assert next_birthday(date(1990, 11, 19), False, AS_OF, 7) is None
    # across the new year
    assert next_birthday(date(1980, 1, 2), False, date(2026, 12, 28), 7) == date(2027, 1, 2)


def test_29_february_is_celebrated_on_the_28th_in_common_years() -> None:
    assert next_birthday(date(2000, 2, 29), False, date(2026, 2, 25), 7) == date(2026, 2, 28)
    assert next_birthday(date(2000, 2, 29), False, date(2028, 2, 25), 7) == date(2028, 2, 29)


def test_lunar_birthday_follows_the_lunar_calendar() -> None:
    born = date(1990, 11, 22)  # 农历十月初六 (1990)
    assert lunar_of(born) == LunarDay(10, 6)
    on = _lib_solar(2026, 10, 6)
    assert on == date(2026, 11, 14)
    assert next_birthday(born, True, date(2026, 11, 10), 7) == on
    assert next_birthday(born, False, date(2026, 11, 10), 7) is None  # the solar birthday is the 22nd
    assert birthday_label_zh(born, True, on, date(2026, 11, 12)) == "农历十月初六生日，今年是11月14日（后天）"


def test_born_in_a_leap_month_celebrates_in_the_ordinary_month() -> None:
    born = date(2023, 4, 1)  # 2023 has a leap second month: this is 闰二月十一
    assert lunar_of(born) == LunarDay(2, 11, leap=True)
    assert lunar_of(born).label_zh() == "农历闰二月十一"  # type: ignore[union-attr]
    expected = _lib_solar(2026, 2, 11)  # 2026 has no leap second month
    assert next_birthday(born, True, expected - timedelta(days=3), 7) == expected


def test_born_on_the_30th_celebrates_on_the_29th_of_a_short_month() -> None:
    assert LunarYear.fromYear(2026).getMonth(2).getDayCount() == 29
    year = next(y for y in range(1960, 2000) if LunarYear.fromYear(y).getMonth(2).getDayCount() == 30)
    born = _lib_solar(year, 2, 30)
    assert lunar_of(born) == LunarDay(2, 30)
    expected = _lib_solar(2026, 2, 29)
    assert solar_of_lunar(2026, 2, 30) == expected
    assert next_birthday(born, True, expected - timedelta(days=2), 7) == expected


def test_lunar_window_across_the_lunar_new_year() -> None:
    born = _lib_solar(1985, 12, 28)  # late in the twelfth month
    on = _lib_solar(2026, 12, 28)  # lunar year 2026's twelfth month falls in solar 2027
    assert on.year == 2027
    assert next_birthday(born, True, on - timedelta(days=5), 7) == on


@pytest.mark.parametrize("year", [1901, 1957, 1984, 2001, 2020, 2023, 2025, 2026, 2033, 2034, 2099])
def test_lunar_months_equal_lunar_python(year: int) -> None:
    """Leap years (1957 8, 1984 10, 2020 4, 2023 2, 2025 6, 2033 11 — the famous 2033 problem) included."""
    expected = tuple(
        (m.getYear(), m.getMonth(), m.getDayCount(), int(m.getFirstJulianDay()) - 1_721_425)
        for m in LunarYear.fromYear(year).getMonths()
    )
    assert lunar_months(year) == expected


@pytest.mark.parametrize("offset", range(0, 72000, 997))
def test_lunar_of_equals_lunar_python(offset: int) -> None:
    day = date(1901, 3, 1) + timedelta(days=offset)
    lib = Solar.fromYmd(day.year, day.month, day.day).getLunar()
    assert lunar_of(day) == LunarDay(abs(lib.getMonth()), lib.getDay(), lib.getMonth() < 0)


def test_birthday_greeting_does_not_sell() -> None:
    s = rules.birthday_suggestion(date(1990, 11, 25), False, date(2026, 11, 25), AS_OF, "阳光口腔")
    assert s.reason == "11月25日生日（5天后）"
    assert "生日快乐" in s.script and not any(w in s.script for w in SALES_WORDS)


# -- referral, recovery -------------------------------------------------------------------------------


def test_referral_is_for_kocs_and_satisfied_tier_a() -> None:
    assert rules.is_referral(Standing(koc=True, converted_referrals=3))
    assert rules.is_referral(Standing(tier="A", s=4))
    assert not rules.is_referral(Standing(tier="A", s=3))
    assert not rules.is_referral(Standing(tier="A", s=None))
    assert not rules.is_referral(Standing(tier="B", s=5))
    s = rules.referral_suggestion(Standing(koc=True, converted_referrals=3), "阳光口腔")
    assert "3 位" in s.reason and "推荐" in s.script
    assert not any(w in s.script for w in SALES_WORDS)  # an invitation, not a discount


def test_recovery_is_for_low_satisfaction_or_a_recent_low_survey() -> None:
    assert rules.is_recovery(Standing(s=2), None)
    assert rules.is_recovery(Standing(s=4), 1)
    assert not rules.is_recovery(Standing(s=3), None)
    assert not rules.is_recovery(Standing(s=None), 3)
    s = rules.recovery_suggestion(Standing(s=2), 1, date(2026, 11, 10))
    assert s.reason == "满意度 S2（近 3 次评价均分）；2026-11-10 评价 1 分"
    assert "主管" in s.script and "不做任何推广" in s.script
    assert rules.recovery_order_key(Standing(s=2), 1) == 1


# -- cross-sell ---------------------------------------------------------------------------------------

ORTHO = CrossSellRule(
    "正畸→种植咨询", "种植咨询", from_categories=("正畸",), within_months=24, skip_if_had=("种植牙",)
)
IMPLANT = CrossSellRule("种植→转介绍", "转介绍", from_treatments=("种植牙",), within_months=12)


def test_crosssell_first_matching_rule_wins() -> None:
    history = [TreatmentDone("正畸复诊", "正畸", date(2026, 1, 5))]
    match = rules.crosssell_match([ORTHO, IMPLANT], history, AS_OF)
    assert match is not None and match[0] is ORTHO
    s = rules.crosssell_suggestion(*match, "阳光口腔")
    assert s.reason == "正畸→种植咨询：2026-01-05 做过正畸复诊" and "种植咨询" in s.script


def test_crosssell_skips_patients_who_already_had_the_offer_and_old_visits() -> None:
    had_implant = [
        TreatmentDone("正畸", "正畸", date(2026, 1, 5)),
        TreatmentDone("种植牙", "种植", date(2020, 1, 1)),
    ]
    assert rules.crosssell_match([ORTHO], had_implant, AS_OF) is None
    # … but the implant rule still applies if its visit is recent enough
    recent = [TreatmentDone("种植牙", "种植", date(2026, 6, 1))]
    assert rules.crosssell_match([ORTHO, IMPLANT], recent, AS_OF) == (IMPLANT, recent[0])
    old = [TreatmentDone("正畸", "正畸", date(2024, 11, 19))]
    assert rules.crosssell_match([ORTHO], old, AS_OF) is None
    assert rules.crosssell_match([ORTHO], [TreatmentDone("正畸", "正畸", date(2024, 11, 20))], AS_OF)


# -- campaign, specs ----------------------------------------------------------------------------------


def test_campaign_offer_fits_the_patient() -> None:
    offers = (Offer("满 3000 减 300", 300_000, 30_000), Offer("满 1000 减 80", 100_000, 8_000))
    rich = Standing(activity="active", purchases=2, spend_total_fen=500_000)
    assert "满 3000 减 300" in rules.campaign_suggestion("种植季", offers, rich, "阳光口腔").script
    lapsed = replace(rich, activity="lapsed")
    assert "满 1000 减 80" in rules.campaign_suggestion("种植季", offers, lapsed, "阳光口腔").script
    poor = Standing(activity="active", purchases=5, spend_total_fen=100_000)
    s = rules.campaign_suggestion("种植季", offers, poor, "阳光口腔")
    assert "满" not in s.script and "欢迎来院咨询" in s.script


def test_specs_round_trip_and_refuse_garbage() -> None:
    for rule in DEFAULT_CROSSSELL_RULES:
        assert CrossSellRule.from_json(rule.to_json()) == rule
    spec = CampaignSpec(
        "种植季",
        CampaignFilter(tags=("种植意向",), stages=("repeat",), tiers=("A", "none"), spend_min_fen=100_000,
                       last_visit_from=date(2025, 1, 1)),
        (Offer("满 3000 减 300", 300_000, 30_000),),
    )  # fmt: skip
    assert CampaignSpec.from_json(spec.to_json()) == spec
    for bad in (
        {"name": "x"},  # no source
        {"name": "x", "offer": "y", "from_treatments": "洁牙"},  # not a list
        {"name": "", "offer": "y", "from_treatments": ["洁牙"]},
        {"name": "x", "offer": "y", "from_treatments": ["洁牙"], "within_months": 0},
        [],
    ):
        with pytest.raises(SpecError):
            CrossSellRule.from_json(bad)
    for bad_spec in (
        {"name": ""},
        {"name": "x", "offers": [{"text": "y", "threshold_fen": 100, "discount_fen": 500}]},
        {"name": "x", "offers": [{"threshold_fen": 100}]},
        {"name": "x", "filter": {"last_visit_from": "not a date"}},
        {"name": "x", "filter": {"spend_min_fen": -5}},
    ):
        with pytest.raises(SpecError):
            CampaignSpec.from_json(bad_spec)


@pytest.mark.parametrize(
    "change",
    [
        {"birthday_window_days": 61},
        {"recovery_survey_days": 0},
        {"reactivation_offer": "  "},
        {"reactivation_threshold_fen": -1},
        {"reactivation_threshold_fen": 1_000, "reactivation_discount_fen": 5_000},
        {"birthday_window_days": "7"},
    ],
)
def test_call_list_settings_are_validated(change: dict[str, object]) -> None:
    from clinic_desktop.core.settings import SettingsError, validate

    with pytest.raises(SettingsError):
        validate(replace(S, **change))  # type: ignore[arg-type]
    assert (
        validate(replace(S, reactivation_threshold_fen=0, reactivation_discount_fen=0)).birthday_window_days
        == 7
    )


def _standings() -> list[Standing]:
    """Lapsed and active patients of every segment, with and without a last visit, over a spread of spends
    and occasions — the same last day and the same offer/segment pairs recurring, as on a real list."""
    from itertools import product

    from clinic_desktop.core.segments import Segment

    lasts = [None, date(2024, 1, 10), date(2024, 1, 31), date(2025, 11, 20)]
    return [
        Standing(activity=activity, spend_total_fen=spend, purchases=purchases, last_purchase=last,
                 segment=segment.value)
        for activity, spend, purchases, last, segment in product(
            ("lapsed", "active"), (0, 9_000, 20_000, 150_000, 1_234_567), (1, 3), lasts, Segment
        )
    ]  # fmt: skip


def test_one_reactivation_writer_for_a_list_writes_what_one_per_row_writes() -> None:
    """The writer makes each shared text once: the texts must not depend on which row made them first."""
    standings = _standings()
    write = rules.reactivation_writer(AS_OF, S)
    shared = [write(st) for st in standings]
    assert shared == [rules.reactivation_writer(AS_OF, S)(st) for st in standings]
    assert len({s.script for s in shared}) < len(shared) / 4  # the scripts are shared indeed


def test_one_recall_writer_for_a_list_writes_what_one_per_row_writes() -> None:
    days = [date(2026, 5, 1), date(2026, 5, 20), date(2025, 11, 22), date(2026, 11, 10)]
    items = [
        DueTreatment(tid, name, day, interval)
        for (tid, name, interval), day in zip(
            [(1, "洁牙", 180), (2, "涂氟", 180), (3, "种植维护", 365), (4, "肉毒素", 120), (5, "复查", 10)]
            * 4,
            days * 5,
            strict=True,
        )
    ]
    rows = [items[k : k + n] for k in range(len(items)) for n in (0, 1, 2, 3)]
    write = rules.recall_writer(AS_OF, "阳光口腔")
    shared = [write(due) for due in rows]
    assert shared == [rules.recall_writer(AS_OF, "阳光口腔")(due) for due in rows]
    assert shared[1] == rules.Suggestion(
        "洁牙已满6个月（上次 2026-05-01，超期 23 天）",
        "您好，这里是阳光口腔。您上次做洁牙已经有一段时间了，按护理周期建议近期回来复查/护理，这样效果更持久。"
        "请问您最近哪天方便，我帮您预约时间？",
    )
