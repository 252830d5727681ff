"""Who belongs on each kind of call list, and what to say to them (PRODUCT §5.1) — pure rules.

The service gathers plain facts per patient (set-based SQL that may pre-filter a *superset*); these
functions decide. Every row carries a reason (why this patient, today) and a suggested script or offer in
Chinese — the printed list is Chinese — fitting the segment:

- recall 到期复诊: a care reminder ("洁牙已满6个月"), never a sale; one row per patient naming every due
  treatment. Due = last date + recall interval inside [as_of − recall_overdue_days, as_of +
  recall_ahead_days]. Most overdue first.
- reactivation 沉睡唤醒: paying patients whose activity is *lapsed*; a low-threshold win-back offer that fits
  their average ticket (:mod:`~clinic_desktop.core.calllists.offers`). Highest value (composite, then
  spend) first.
- birthday 生日关怀: solar or lunar birthday (:mod:`~clinic_desktop.core.calllists.birthdays`) within
  ``birthday_window_days`` from as_of; a greeting, no selling. By date.
- referral 转介绍邀请: KOC, or tier A with S ≥ 4; an invitation to the referral programme, not a discount.
- recovery 满意度回访: S ≤ 2, or a survey ≤ 2 in the last ``recovery_survey_days``; a senior-staff call.
- crosssell 交叉推荐: the first matching scenario rule (:class:`~.list_specs.CrossSellRule`).
- campaign 活动: a saved filter plus offers; each patient gets the offer that fits them.
- share 分享裂变: the price-sensitive segments with a purchase; an invitation to share the clinic for a
  service, not a discount. Most regular first.

Marketing scripts follow the segment (PRODUCT §4.1, :mod:`~clinic_desktop.core.calllists.segment_scripts`);
the
referral invitation puts the quality-minded experts first.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from operator import itemgetter
from typing import NamedTuple

from clinic_desktop.core.calllists.birthdays import birthday_label_zh
from clinic_desktop.core.calllists.list_specs import CrossSellRule
from clinic_desktop.core.calllists.offers import Offer, average_ticket_fen, match_offer, offer_matcher
from clinic_desktop.core.calllists.recall import recall_window
from clinic_desktop.core.calllists.segment_scripts import (
    discount_first,
    segment_of_key,
    share_reason,
    share_script,
    with_offer,
)
from clinic_desktop.core.dates import add_months
from clinic_desktop.core.money import format_yuan
from clinic_desktop.core.segments import SHARE_SEGMENTS, Segment
from clinic_desktop.core.settings import DEFAULTS, Settings


class Suggestion(NamedTuple):
    """A row's reason and script (a named tuple, one a printed row: see :class:`TreatmentDone`)."""

    reason: str
    script: str


@dataclass(slots=True)
class Standing:
    """The stored metrics of one patient that the rules read (PRODUCT §3–§4).

    Not frozen: a 100,000-patient list builds tens of thousands of these, and a frozen dataclass pays
    ``object.__setattr__`` per field. Treat instances as read-only all the same."""

    stage: str = "stranger"
    activity: str = "none"
    tier: str | None = None
    composite_centi: int = 0
    s: int | None = None
    koc: bool = False
    converted_referrals: int = 0
    spend_total_fen: int = 0
    purchases: int = 0
    last_purchase: date | None = None
    #: PRODUCT §4.1: the segment key, and the window occasions it was read from
    segment: str = "unknown"
    window_purchases: int = 0
    coupon_purchases: int = 0


def composite_text(composite_centi: int) -> str:
    """420 → ``"4.20"``."""
    return f"{composite_centi // 100}.{composite_centi % 100:02d}"


# -- recall -------------------------------------------------------------------------------------------


@dataclass(slots=True)
class DueTreatment:
    """The last time a treatment with a recall interval was done (read-only; not frozen for speed)."""

    treatment_id: int
    name: str
    last_done: date
    interval_days: int
    due: date = field(init=False)  #: last_done + interval_days

    def __post_init__(self) -> None:
        self.due = self.last_done + timedelta(days=self.interval_days)


def is_recall_due(
    last_done: date, interval_days: int | None, as_of: date, settings: Settings = DEFAULTS
) -> bool:
    """Last date + interval inside the recall window, and the last date not after as-of."""
    if interval_days is None or interval_days <= 0 or last_done > as_of:
        return False
    start, end = recall_window(as_of, settings)
    return start <= last_done + timedelta(days=interval_days) <= end


def due_now(
    items: Sequence[DueTreatment],
    as_of: date,
    settings: Settings = DEFAULTS,
    window: tuple[date, date] | None = None,
) -> list[DueTreatment]:
    """The items :func:`is_recall_due` keeps (the window worked out once, not per item; ``window``: the
    :func:`recall_window` of ``as_of`` and ``settings``, when the caller asks for many patients)."""
    start, end = recall_window(as_of, settings) if window is None else window
    return [d for d in items if d.interval_days > 0 and d.last_done <= as_of and start <= d.due <= end]


def interval_text(days: int) -> str:
    """180 → ``6个月``, 365 → ``1年``, 30 → ``1个月``, 10 → ``10天``."""
    if days % 365 == 0 or 360 <= days <= 370:
        return f"{max(1, round(days / 365))}年"
    if days >= 28:
        return f"{round(days / 30.4)}个月"
    return f"{days}天"


def recall_suggestion(due: Sequence[DueTreatment], as_of: date, clinic: str) -> Suggestion:
    """``洁牙已满6个月（上次 2026-05-01，超期 3 天）；涂氟…`` and a care-only script."""
    return recall_writer(as_of, clinic)(due)


def recall_writer(as_of: date, clinic: str) -> Callable[[Sequence[DueTreatment]], Suggestion]:
    """:func:`recall_suggestion` for a whole list: each due treatment's words (treatment, interval and
    last day: a few thousand distinct over a 300,000-patient clinic's 18,000 rows) and each script (by
    the treatments it names) made once."""
    before, after = recall_script_parts(clinic)
    parts: dict[tuple[str, int, date], str] = {}
    scripts: dict[str, str] = {}

    def part(item: DueTreatment) -> str:
        period = interval_text(item.interval_days)
        late = (as_of - item.due).days
        if late > 0:
            when = f"超期 {late} 天"
        elif late == 0:
            when = "今天到期"
        else:
            when = f"{-late} 天后到期"
        verb = "已满" if late >= 0 else "将满"
        text = parts[item.name, item.interval_days, item.last_done] = (
            f"{item.name}{verb}{period}（上次 {item.last_done.isoformat()}，{when}）"
        )
        return text

    def write(due: Sequence[DueTreatment]) -> Suggestion:
        reason = "；".join(
            parts.get((item.name, item.interval_days, item.last_done)) or part(item)
            for item in (sorted(due, key=_due_day) if len(due) > 1 else due)
        )
        names = "、".join(dict.fromkeys(d.name for d in due)) if len(due) > 1 else due[0].name if due else ""
        script = scripts.get(names)
        if script is None:
            script = scripts[names] = f"{before}{names}{after}"
        return Suggestion(reason, script)

    return write


def _due_day(item: DueTreatment) -> date:
    return item.due


def recall_script_parts(clinic: str) -> tuple[str, str]:
    """The recall script around the treatments it names (which the row's reason names too): the printed
    list prints it once above the table instead of on every row."""
    return (
        f"您好，这里是{clinic}。您上次做",
        "已经有一段时间了，按护理周期建议近期回来复查/护理，这样效果更持久。请问您最近哪天方便，我帮您预约时间？",
    )


def recall_order_key(due: Sequence[DueTreatment]) -> int:
    """Earliest due date first = most overdue first (an ordinal to sort ascending)."""
    return min(d.due for d in due).toordinal()


# -- reactivation -------------------------------------------------------------------------------------


def is_reactivation(standing: Standing) -> bool:
    return standing.purchases > 0 and standing.activity == "lapsed"


def reactivation_offers(settings: Settings) -> tuple[Offer, ...]:
    return (
        Offer(
            settings.reactivation_offer,
            settings.reactivation_threshold_fen,
            settings.reactivation_discount_fen,
        ),
    )


def reactivation_suggestion(
    standing: Standing, as_of: date, settings: Settings, offers: Sequence[Offer] | None = None
) -> Suggestion:
    """``offers``: :func:`reactivation_offers` of ``settings``, when the caller made them once already."""
    return reactivation_writer(as_of, settings, offers)(standing)


def reactivation_writer(
    as_of: date, settings: Settings, offers: Sequence[Offer] | None = None
) -> Callable[[Standing], Suggestion]:
    """:func:`reactivation_suggestion` for a whole list: what the rows share is written once.

    A win-back list's script depends only on the offer that fits the patient and their segment — a
    handful of texts over 35,000 rows on a 300,000-patient clinic — and its reason's "months away" part
    only on the last visit's day; each is made on its first row and looked up after (a third of the
    rows' writing time)."""
    offers = reactivation_offers(settings) if offers is None else offers
    opening = f"您好，这里是{settings.clinic_name}，好久没见您了，想问候一下您最近的口腔/皮肤状况。"
    scripts: dict[tuple[Offer | None, str], str] = {}
    aways: dict[date | None, str] = {}
    match = offer_matcher(offers)

    def script(offer: Offer | None, segment: str) -> str:
        gift = None if offer is None else f"我们为老朋友准备了一份心意（{offer.text}），欢迎回来看看。"
        if not discount_first(segment):
            gift = None  # the quality-minded experts: expert content, never a coupon first (PRODUCT §4.1)
        text = scripts[offer, segment] = with_offer(
            opening, gift or "有需要的话欢迎回来做个检查，我可以帮您预约。", segment
        )
        return text

    def away(last: date | None) -> str:
        text = aways[last] = (
            ""
            if last is None
            else f"已 {_months_between(last, as_of)} 个月未到店（上次 {last.isoformat()}），"
        )
        return text

    def write(standing: Standing) -> Suggestion:
        last, spend, purchases = standing.last_purchase, standing.spend_total_fen, standing.purchases
        months = aways.get(last)
        if months is None:
            months = away(last)
        reason = f"{months}累计消费 {format_yuan(spend)}，共 {purchases} 次"
        offer = match(average_ticket_fen(spend, purchases), standing.activity)
        key = (offer, standing.segment)
        text = scripts.get(key)
        return Suggestion(reason, script(*key) if text is None else text)

    return write


def value_order_key(standing: Standing) -> tuple[int, int]:
    """Highest value first (ascending sort key): composite, then lifetime spend."""
    return (-standing.composite_centi, -standing.spend_total_fen)


def _months_between(earlier: date, later: date) -> int:
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (later.day < earlier.day)


# -- birthday -----------------------------------------------------------------------------------------


def birthday_suggestion(birth: date, lunar: bool, on: date, as_of: date, clinic: str) -> Suggestion:
    early = "提前" if on > as_of else ""
    script = f"您好，这里是{clinic}，{early}祝您生日快乐！感谢您一直以来的信任，祝您身体健康、笑口常开。"
    return Suggestion(birthday_label_zh(birth, lunar, on, as_of), script)


# -- referral -----------------------------------------------------------------------------------------


def is_referral(standing: Standing) -> bool:
    return standing.koc or (standing.tier == "A" and standing.s is not None and standing.s >= 4)


def referral_suggestion(standing: Standing, clinic: str) -> Suggestion:
    if standing.koc:
        reason = f"传播者：已成功推荐 {standing.converted_referrals} 位亲友到店"
    else:
        reason = f"A 层高价值患者（综合 {composite_text(standing.composite_centi)}），满意度 S{standing.s}"
    if standing.segment == Segment.EXPERT_QUALITY:
        reason = f"懂行·重品质；{reason}"
    script = (
        f"您好，这里是{clinic}，感谢您一直以来的信任和认可！我们正在邀请像您这样的老朋友加入"
        "「老带新」推荐计划：您身边有需要的亲友，欢迎推荐他们来院，我们会为他们安排专人接待。"
    )
    return Suggestion(reason, script)


def referral_order_key(standing: Standing) -> tuple[bool, int, int]:
    """The quality-minded experts first — the seed's high-value core and KOC candidates — then most
    converted referrals, then value."""
    return (
        standing.segment != Segment.EXPERT_QUALITY,
        -standing.converted_referrals,
        -standing.composite_centi,
    )


# -- recovery -----------------------------------------------------------------------------------------


def is_recovery(standing: Standing, recent_low: int | None) -> bool:
    """``recent_low``: the lowest overall score of the patient's surveys in the recovery window."""
    return (standing.s is not None and standing.s <= 2) or (recent_low is not None and recent_low <= 2)


def recovery_suggestion(standing: Standing, recent_low: int | None, recent_day: date | None) -> Suggestion:
    parts = []
    if standing.s is not None and standing.s <= 2:
        parts.append(f"满意度 S{standing.s}（近 3 次评价均分）")
    if recent_low is not None and recent_low <= 2:
        day = "" if recent_day is None else f"{recent_day.isoformat()} "
        parts.append(f"{day}评价 {recent_low} 分")
    script = (
        "【请由主管或资深员工致电】先真诚致歉，耐心听患者说明不满意的地方，记录问题并承诺跟进处理的时间；"
        "本次通话不做任何推广。"
    )
    return Suggestion("；".join(parts), script)


def recovery_order_key(standing: Standing, recent_low: int | None) -> int:
    """Lowest score first."""
    scores = [x for x in (standing.s, recent_low) if x is not None]
    return min(scores) if scores else 9


# -- cross-sell ---------------------------------------------------------------------------------------


class TreatmentDone(NamedTuple):
    """A treatment's last day in a patient's history (a named tuple: a 300,000-patient clinic's cross-sell
    list reads 38,000 of these, and a frozen dataclass sets each field through ``object.__setattr__``)."""

    name: str
    category: str | None
    last_done: date


def crosssell_match(
    rules: Sequence[CrossSellRule], history: Sequence[TreatmentDone], as_of: date
) -> tuple[CrossSellRule, TreatmentDone] | None:
    """The first rule (in the clinic's order) whose source treatment the patient had within its months
    and whose ``skip_if_had`` treatments they never had."""
    return crosssell_matcher(rules, as_of)(history)


def crosssell_matcher(
    rules: Sequence[CrossSellRule], as_of: date
) -> Callable[[Sequence[TreatmentDone]], tuple[CrossSellRule, TreatmentDone] | None]:
    """:func:`crosssell_match` for a whole list: each rule's window start and treatment sets are made once,
    not for each of the 24,000 patients with a source treatment on a 300,000-patient clinic."""
    prepared = [
        (rule, _months_back(as_of, rule.within_months), frozenset(rule.skip_if_had),
         frozenset(rule.from_treatments), frozenset(rule.from_categories))
        for rule in rules
    ]  # fmt: skip

    def match(history: Sequence[TreatmentDone]) -> tuple[CrossSellRule, TreatmentDone] | None:
        had = {h.name for h in history}
        for rule, since, skip, names, categories in prepared:
            if not had.isdisjoint(skip):
                continue
            hits = [
                h
                for h in history
                if since <= h.last_done <= as_of
                and (h.name in names or (h.category is not None and h.category in categories))
            ]
            if hits:
                return rule, max(hits, key=_last_done)
        return None

    return match


_last_done = itemgetter(2)  #: TreatmentDone.last_done


def crosssell_suggestion(
    rule: CrossSellRule, source: TreatmentDone, clinic: str, segment: str | None = None
) -> Suggestion:
    reason = f"{rule.name}：{source.last_done.isoformat()} 做过{source.name}"
    opening = f"您好，这里是{clinic}，回访一下您{source.name}后的情况。"
    return Suggestion(reason, with_offer(opening, rule.offer, segment))


@functools.lru_cache(maxsize=256)
def _months_back(day: date, months: int) -> date:
    """Cached: a cross-sell list asks it for every candidate and rule, always with the same as-of and the
    rules' few windows (45,000 calls on a 300,000-patient clinic, a fifth of the list's matching)."""
    return add_months(day, -months)


# -- campaign -----------------------------------------------------------------------------------------


def campaign_suggestion(name: str, offers: Sequence[Offer], standing: Standing, clinic: str) -> Suggestion:
    average = average_ticket_fen(standing.spend_total_fen, standing.purchases)
    offer = match_offer(offers, average, standing.activity)
    reason = f"活动「{name}」"
    if average is not None:
        reason += f"，客单价约 {format_yuan(average)}"
    opening = f"您好，这里是{clinic}，我们近期有「{name}」活动"
    if offer is not None:
        pitch = f"：{offer.text}，名额有限，需要帮您预约吗？"
    else:
        pitch = "，如果您有需要，欢迎来院咨询。"
    return Suggestion(reason, with_offer(opening, pitch, standing.segment))


# -- share 分享裂变 -------------------------------------------------------------------------------------


def is_share(standing: Standing) -> bool:
    """PRODUCT §5.1: the price-sensitive segments, with at least one purchase."""
    return standing.purchases >= 1 and segment_of_key(standing.segment) in SHARE_SEGMENTS


def share_suggestion(standing: Standing, settings: Settings) -> Suggestion:
    window = "累计" if settings.ers_window_months == 0 else f"近 {settings.ers_window_months} 个月"
    reason = share_reason(standing.segment, standing.window_purchases, standing.coupon_purchases, window)
    return Suggestion(reason, share_script(standing.segment, settings.clinic_name, settings.share_reward))


def share_order_key(standing: Standing) -> tuple[int, int]:
    """The most regular patients first (they have the most to share), then value."""
    return (-standing.window_purchases, -standing.composite_centi)
