"""Scripts and offers follow the segment (PRODUCT §4.1, §5); the share list's rule, reason and order."""

from __future__ import annotations

from datetime import date

from clinic_desktop.core.calllists import call_list_rules as rules
from clinic_desktop.core.calllists.call_list_rules import Standing
from clinic_desktop.core.calllists.list_specs import DEFAULT_CROSSSELL_RULES
from clinic_desktop.core.calllists.offers import Offer
from clinic_desktop.core.calllists.segment_scripts import SEGMENT_LINES, with_offer
from clinic_desktop.core.segments import Segment
from clinic_desktop.core.settings import Settings

AS_OF = date(2026, 11, 20)


def lapsed(segment: str) -> Standing:
    return Standing("repeat", "lapsed", "B", 320, 4, False, 0, 300_000, 3, date(2024, 12, 1), segment, 0, 0)


def test_reactivation_never_leads_with_a_discount_for_the_quality_minded_experts() -> None:
    settings = Settings()
    quality = rules.reactivation_suggestion(lapsed("expert_quality"), AS_OF, settings).script
    assert settings.reactivation_offer not in quality and "专业解读" in quality
    price = rules.reactivation_suggestion(lapsed("expert_price"), AS_OF, settings).script
    assert settings.reactivation_offer in price and "明码标价" in price
    plain = rules.reactivation_suggestion(lapsed("unknown"), AS_OF, settings).script
    assert plain.endswith("欢迎回来看看。")  # unknown segment: the script as it always was


def test_campaign_offer_comes_after_the_content_for_experts() -> None:
    offers = (Offer("满 1000 减 100", 100_000, 10_000),)
    follower = rules.campaign_suggestion("种植季", offers, lapsed("novice_follower"), "好牙诊所").script
    assert follower.startswith("您好，这里是好牙诊所，我们近期有「种植季」活动：满 1000 减 100")
    assert follower.endswith(SEGMENT_LINES[Segment.NOVICE_FOLLOWER])
    quality = rules.campaign_suggestion("种植季", offers, lapsed("expert_quality"), "好牙诊所").script
    assert quality.index("专业解读") < quality.index("另外，满 1000 减 100")
    assert with_offer("开场。", None, "expert_quality") == "开场。" + SEGMENT_LINES[Segment.EXPERT_QUALITY]


def test_crosssell_script_follows_the_segment() -> None:
    source = rules.TreatmentDone("正畸", "正畸", date(2026, 6, 1))
    rule = DEFAULT_CROSSSELL_RULES[0]
    script = rules.crosssell_suggestion(rule, source, "好牙诊所", "novice_price").script
    assert rule.offer in script and script.endswith(SEGMENT_LINES[Segment.NOVICE_PRICE])


def test_share_rule_reason_and_order() -> None:
    st = Standing(purchases=3, segment="novice_price", window_purchases=3, coupon_purchases=2)
    assert rules.is_share(st)
    assert not rules.is_share(Standing(purchases=0, segment="novice_price"))
    assert not rules.is_share(Standing(purchases=5, segment="expert_quality"))
    assert not rules.is_share(Standing(purchases=5, segment="unknown"))
    suggestion = rules.share_suggestion(st, Settings(share_reward="赠送一次皮肤检测"))
    assert suggestion.reason == "不太懂·价格敏感：近 24 个月 3 次消费中 2 次用券"
    assert "赠送一次皮肤检测" in suggestion.script and "不是打折" in suggestion.script
    regular = Standing(purchases=9, segment="expert_price", window_purchases=9, composite_centi=100)
    assert sorted([st, regular], key=rules.share_order_key)[0] is regular


def test_referral_order_puts_the_quality_minded_experts_first() -> None:
    expert = Standing(koc=True, converted_referrals=2, composite_centi=300, segment="expert_quality")
    other = Standing(koc=True, converted_referrals=5, composite_centi=450, segment="unknown")
    assert sorted([other, expert], key=rules.referral_order_key) == [expert, other]
    assert rules.referral_suggestion(expert, "好牙诊所").reason.startswith("懂行·重品质；")


def test_a_segment_is_found_by_its_key_and_anything_else_is_unknown() -> None:
    from clinic_desktop.core.calllists.segment_scripts import segment_of_key

    for segment in Segment:
        assert segment_of_key(segment.value) is segment
        assert segment_of_key(segment) is segment
    for key in (None, "", "EXPERT_PRICE", "nonsense"):
        assert segment_of_key(key) is Segment.UNKNOWN
