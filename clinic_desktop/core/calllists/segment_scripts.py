"""What to say to each of the four segments (PRODUCT §4.1, §5): the words the call lists print.

The seed's handling, one line per segment: the price-sensitive experts get transparent prices, the
quality-minded experts expert content and *never a discount first*, the followers social proof, the
price-sensitive novices a simple package. The 分享裂变 list invites the two price-sensitive segments to
share the clinic with friends for a *service* — brand exposure, not traffic bought with discounts.

Pure text: the rules of :mod:`clinic_desktop.core.calllists.call_list_rules` decide who is called and add
these.
"""

from __future__ import annotations

from clinic_desktop.core.segments import SEGMENT_LABELS, Segment

#: the sentence a marketing script adds for the segment ("" for unknown)
SEGMENT_LINES: dict[Segment, str] = {
    Segment.EXPERT_PRICE: "我们所有项目都明码标价、价格透明，您可以放心比较。",
    Segment.EXPERT_QUALITY: (
        "医生整理了一份相关的专业解读和最新病例，想先发给您看看，有问题可以直接和医生交流。"
    ),
    Segment.NOVICE_FOLLOWER: "很多和您情况相近的顾客都选择了这个方案，我可以把真实案例和顾客评价发给您参考。",
    Segment.NOVICE_PRICE: "我们有一价全包的简单套餐，价格清楚，不用算来算去。",
    Segment.UNKNOWN: "",
}


#: each segment by its key: a dict lookup, where the Enum call costs ~1 µs — and a win-back row asks
#: three times (35,000 rows on a 300,000-patient clinic's list)
_BY_KEY: dict[str, Segment] = {segment.value: segment for segment in Segment}


def segment_of_key(key: str | None) -> Segment:
    """The segment a stored key names; an empty or unknown key is :attr:`Segment.UNKNOWN`."""
    return _BY_KEY.get(key, Segment.UNKNOWN) if key else Segment.UNKNOWN


def segment_line(segment: str | None) -> str:
    return SEGMENT_LINES[segment_of_key(segment)]


def discount_first(segment: str | None) -> bool:
    """False for the quality-minded experts: lead with content, mention an offer only after it."""
    return segment_of_key(segment) is not Segment.EXPERT_QUALITY


def with_offer(opening: str, offer: str | None, segment: str | None) -> str:
    """``opening`` + the offer + the segment's line — or, for the quality-minded experts, the expert
    content first and the offer (if any) only as an aside after it."""
    line = segment_line(segment)
    if not discount_first(segment):
        stop = "" if opening.endswith(("。", "！", "？")) else "。"
        aside = offer.lstrip("：，:, ") if offer else ""
        return f"{opening}{stop}{line}" + (f"另外，{aside}" if aside else "")
    return f"{opening}{offer or ''}{line}"


def share_script(segment: str | None, clinic: str, reward: str) -> str:
    """The 分享裂变 invitation: share for a service (``reward``), in the segment's terms."""
    how = {
        Segment.EXPERT_PRICE: "您对项目和价格都很了解，",
        Segment.NOVICE_PRICE: "我们的套餐简单透明，",
    }.get(segment_of_key(segment), "")
    return (
        f"您好，这里是{clinic}，谢谢您一直以来的支持！{how}如果您愿意把我们分享给身边有需要的朋友"
        f"（转发我们的案例或介绍朋友来咨询），{reward}。不是打折，是我们的一份心意。"
    )


def share_reason(segment: str | None, window_purchases: int, coupon_purchases: int, window: str) -> str:
    """``懂行·价格敏感：近 24 个月 5 次消费中 3 次用券``."""
    label = SEGMENT_LABELS[segment_of_key(segment)][0]
    return f"{label}：{window} {window_purchases} 次消费中 {coupon_purchases} 次用券"
