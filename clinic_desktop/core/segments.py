"""Knowledge 认知, the price reading and the four consumer segments (PRODUCT §4.1, seed ``000_…``).

The seed splits a clinic's patients four ways — 很懂·价格敏感, 很懂·在意品质, 不太懂·随大流, 不太懂·价格
敏感 — and says each needs different handling: the quality-minded experts are the high-value core and the
KOCs; the price-sensitive groups will share for a reward (裂变作为品宣, not as traffic buying); the
followers respond to social proof. Two facts place a patient:

- **knowledge** is what the staff recorded (懂行 / 不太懂), never guessed: the app may *suggest* a value
  (:func:`knowledge_suggestion`), a person decides;
- **price reading** comes from the purchases: enough occasions in the window, and the share of them on
  which a coupon or campaign was used.

A patient missing either lands in 未知 ``unknown`` — "not every patient belongs in the private domain".
"""

from __future__ import annotations

from enum import StrEnum

from clinic_desktop.core.facts import PatientFacts
from clinic_desktop.core.settings import DEFAULTS, Settings


class Knowledge(StrEnum):
    EXPERT = "expert"
    NOVICE = "novice"


#: stored codes of :class:`Knowledge` in column-wise tables: 0 means not recorded
KNOWLEDGE_CODES: tuple[Knowledge | None, ...] = (None, Knowledge.EXPERT, Knowledge.NOVICE)

KNOWLEDGE_LABELS: dict[Knowledge, tuple[str, str]] = {
    Knowledge.EXPERT: ("懂行", "Knowledgeable"),
    Knowledge.NOVICE: ("不太懂", "Not so knowledgeable"),
}


class PriceReading(StrEnum):
    PRICE_SENSITIVE = "price_sensitive"
    NOT_PRICE_SENSITIVE = "not_price_sensitive"
    UNKNOWN = "unknown"


PRICE_READINGS: tuple[PriceReading, ...] = tuple(PriceReading)


class Segment(StrEnum):
    EXPERT_PRICE = "expert_price"
    EXPERT_QUALITY = "expert_quality"
    NOVICE_FOLLOWER = "novice_follower"
    NOVICE_PRICE = "novice_price"
    UNKNOWN = "unknown"


#: report order (PRODUCT §8 ``segments``); the index is the segment's code in column-wise tables
SEGMENTS: tuple[Segment, ...] = tuple(Segment)

SEGMENT_LABELS: dict[Segment, tuple[str, str]] = {
    Segment.EXPERT_PRICE: ("懂行·价格敏感", "Expert · price-sensitive"),
    Segment.EXPERT_QUALITY: ("懂行·重品质", "Expert · quality-minded"),
    Segment.NOVICE_FOLLOWER: ("不太懂·随大流", "Novice · follower"),
    Segment.NOVICE_PRICE: ("不太懂·价格敏感", "Novice · price-sensitive"),
    Segment.UNKNOWN: ("未知", "Unknown"),
}

#: how the clinic serves each segment (PRODUCT §4.1), shown beside the segment
SEGMENT_HANDLING: dict[Segment, tuple[str, str]] = {
    Segment.EXPERT_PRICE: ("分享裂变换服务，价格透明", "share-for-service programme, transparent prices"),
    Segment.EXPERT_QUALITY: (
        "高价值核心与传播者候选：转介绍邀请、专业内容，不先谈折扣",
        "the high-value core and KOC candidates: referral invitations, expert content, never discounts first",
    ),
    Segment.NOVICE_FOLLOWER: (
        "社会认同：案例、口碑、别人怎么选",
        "social proof: cases, reviews, what others chose",
    ),
    Segment.NOVICE_PRICE: ("分享裂变换服务，简单套餐", "share-for-service programme, simple packages"),
    Segment.UNKNOWN: ("先记录认知，积累消费后再分群", "record knowledge; purchases will tell the rest"),
}

#: 诱因用户 (they bring people in by sharing) and 高净值用户 (PRODUCT §4.1 groups), report order
SEGMENT_GROUPS: dict[str, tuple[Segment, ...]] = {
    "incentive": (Segment.EXPERT_PRICE, Segment.NOVICE_PRICE),
    "high_value": (Segment.EXPERT_QUALITY,),
}
GROUP_LABELS: dict[str, tuple[str, str]] = {
    "incentive": ("诱因用户", "Incentive-driven"),
    "high_value": ("高净值用户", "High value"),
}
#: segments the 分享裂变 list is for
SHARE_SEGMENTS: frozenset[Segment] = frozenset(SEGMENT_GROUPS["incentive"])


def price_reading(
    window_purchases: int, coupon_purchases: int, settings: Settings = DEFAULTS
) -> PriceReading:
    """Price-sensitive when enough occasions in the window used a coupon; unknown with too few occasions.

    Integer comparison (100·coupon ≥ percent·occasions), so 1 of 2 at 50% is sensitive, exactly."""
    if window_purchases < settings.price_sensitive_min_purchases:
        return PriceReading.UNKNOWN
    if 100 * coupon_purchases >= settings.price_sensitive_coupon_percent * window_purchases:
        return PriceReading.PRICE_SENSITIVE
    return PriceReading.NOT_PRICE_SENSITIVE


def segment_of(knowledge: Knowledge | str | None, reading: PriceReading) -> Segment:
    """The one segment of PRODUCT §4.1; knowledge or price reading unknown makes it 未知."""
    if knowledge == Knowledge.EXPERT:
        if reading is PriceReading.PRICE_SENSITIVE:
            return Segment.EXPERT_PRICE
        if reading is PriceReading.NOT_PRICE_SENSITIVE:
            return Segment.EXPERT_QUALITY
    elif knowledge == Knowledge.NOVICE:
        if reading is PriceReading.PRICE_SENSITIVE:
            return Segment.NOVICE_PRICE
        if reading is PriceReading.NOT_PRICE_SENSITIVE:
            return Segment.NOVICE_FOLLOWER
    return Segment.UNKNOWN


def patient_segment(facts: PatientFacts, settings: Settings = DEFAULTS) -> Segment:
    return segment_of(
        facts.knowledge, price_reading(facts.window_purchases, facts.coupon_purchases, settings)
    )


def _window_zh(settings: Settings) -> str:
    return "累计" if settings.ers_window_months == 0 else f"近 {settings.ers_window_months} 个月"


def _window_en(settings: Settings) -> str:
    return "lifetime" if settings.ers_window_months == 0 else f"last {settings.ers_window_months} months"


def price_reason_zh(window_purchases: int, coupon_purchases: int, settings: Settings = DEFAULTS) -> str:
    """E.g. ``近 24 个月 5 次消费中 3 次用券（60%）``, or why there is no reading yet."""
    minimum = settings.price_sensitive_min_purchases
    if window_purchases < minimum:
        return f"{_window_zh(settings)}消费 {window_purchases} 次，不足 {minimum} 次，价格偏好未知"
    share = round(100 * coupon_purchases / window_purchases)
    return f"{_window_zh(settings)} {window_purchases} 次消费中 {coupon_purchases} 次用券（{share}%）"


def price_reason_en(window_purchases: int, coupon_purchases: int, settings: Settings = DEFAULTS) -> str:
    minimum = settings.price_sensitive_min_purchases
    if window_purchases < minimum:
        return (
            f"{window_purchases} purchase(s) ({_window_en(settings)}), fewer than {minimum}:"
            " price preference unknown"
        )
    share = round(100 * coupon_purchases / window_purchases)
    return f"coupons on {coupon_purchases} of {window_purchases} purchases ({_window_en(settings)}, {share}%)"


def segment_reason(
    knowledge: Knowledge | str | None,
    window_purchases: int,
    coupon_purchases: int,
    settings: Settings = DEFAULTS,
    *,
    english: bool = False,
) -> str:
    """Why the patient is in their segment, e.g.
    ``认知：懂行（员工记录）；近 24 个月 5 次消费中 3 次用券（60%） → 价格敏感``."""
    reading = price_reading(window_purchases, coupon_purchases, settings)
    if english:
        known = "not recorded" if knowledge is None else KNOWLEDGE_LABELS[Knowledge(knowledge)][1]
        price = price_reason_en(window_purchases, coupon_purchases, settings)
        verdict = {
            PriceReading.PRICE_SENSITIVE: "price-sensitive",
            PriceReading.NOT_PRICE_SENSITIVE: "not price-sensitive",
            PriceReading.UNKNOWN: "",
        }[reading]
        tail = f" → {verdict}" if verdict else ""
        return f"knowledge: {known} (recorded by staff); {price}{tail}"
    known_zh = "未记录" if knowledge is None else KNOWLEDGE_LABELS[Knowledge(knowledge)][0]
    price_zh = price_reason_zh(window_purchases, coupon_purchases, settings)
    verdict_zh = {
        PriceReading.PRICE_SENSITIVE: "价格敏感",
        PriceReading.NOT_PRICE_SENSITIVE: "不敏感",
        PriceReading.UNKNOWN: "",
    }[reading]
    tail_zh = f" → {verdict_zh}" if verdict_zh else ""
    return f"认知：{known_zh}（员工记录）；{price_zh}{tail_zh}"


def knowledge_suggestion(facts: PatientFacts, settings: Settings = DEFAULTS) -> Knowledge | None:
    """A *suggestion* for staff who have not recorded knowledge yet; the app never sets it.

    懂行 after ``knowledge_hint_consults`` consult/quote interactions: someone who keeps asking about
    materials and prices has done their homework. 不太懂 for a repeat patient who bought at least twice
    without ever asking — they trust the clinic's choice. Nothing otherwise, and nothing once recorded.
    """
    if facts.knowledge is not None:
        return None
    if facts.consults >= settings.knowledge_hint_consults:
        return Knowledge.EXPERT
    if facts.consults == 0 and facts.purchases >= 2:
        return Knowledge.NOVICE
    return None


def suggestion_reason(facts: PatientFacts, suggestion: Knowledge, *, english: bool = False) -> str:
    if suggestion is Knowledge.EXPERT:
        if english:
            return f"{facts.consults} consult/quote interactions"
        return f"{facts.consults} 次咨询/报价"
    if english:
        return f"{facts.purchases} purchases without a consult or quote"
    return f"{facts.purchases} 次消费，从未咨询或询价"
