"""Rule-derived tags (PRODUCT §4.1): a small declarative registry and the scalar reference rules.

Every tag here is *derived* — recomputed with the metrics, never typed, never removed by hand — so a
filter or a campaign on 价格敏感 means the same thing in every clinic and on every day. A :class:`RuleTag`
declares the tag's name, category and colour, its rule key, the settings that hold its thresholds, the
condition over one patient's :class:`~clinic_desktop.core.facts.PatientFacts` (with the clinic-wide
:class:`ClinicNorms` some rules compare against), and the sentence that explains it.

The functions here are the reference, one patient at a time, in the words of the spec;
:mod:`clinic_desktop.core.segmentation.rules_batch` applies the same rules column-wise to 100,000 patients
and a
property test proves the two agree. Integer arithmetic decides every boundary (a share of 50% is
``100·coupon ≥ 50·occasions``), so no float ever decides a tag.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from clinic_desktop.core.calllists import MINOR_AGE, is_minor
from clinic_desktop.core.dates import age_on
from clinic_desktop.core.ers import SpendRanking
from clinic_desktop.core.facts import PatientFacts
from clinic_desktop.core.lifecycle import Activity, activity_of
from clinic_desktop.core.money import format_yuan
from clinic_desktop.core.segments import PriceReading, price_reading, price_reason_en, price_reason_zh
from clinic_desktop.core.settings import DEFAULTS, Settings


class RuleKey(StrEnum):
    PRICE_SENSITIVE = "price_sensitive"
    NO_SHOW = "no_show"
    MINOR = "minor"
    HIGH_TICKET = "high_ticket"
    LAPSED_HIGH_VALUE = "lapsed_high_value"


@dataclass(frozen=True, slots=True)
class ClinicNorms:
    """Clinic-wide figures a rule compares one patient with, worked out once per recompute over the
    patients who are not archived.

    ``median2_ticket_fen`` is *twice* the median average ticket (the sum of the two middle values for an
    even count), so the median stays an exact integer; ``top_spend_fen`` is the lowest lifetime spend
    that is still in the top ``lapsed_high_value_top_percent`` (0 when nobody paid)."""

    median2_ticket_fen: int = 0
    ticket_payers: int = 0
    top_spend_fen: int = 0
    lifetime_payers: int = 0

    @property
    def median_ticket_fen(self) -> int:
        """The median, rounded half up to a whole fen (for display; the rules use the exact double)."""
        return (self.median2_ticket_fen + 1) // 2


def average_ticket(facts: PatientFacts) -> int | None:
    """Window spend per purchase occasion in the window, whole fen rounded down; None without any."""
    if facts.window_purchases <= 0 or facts.spend_window_fen <= 0:
        return None
    return facts.spend_window_fen // facts.window_purchases


def in_top_percent(greater: int, paying: int, percent: int) -> bool:
    """Top ``percent`` of ``paying`` patients when ``greater`` of them spent strictly more (ties share
    the better place, as the E score): 100·greater < percent·paying."""
    return paying > 0 and 100 * greater < percent * paying


def clinic_norms(facts: Iterable[PatientFacts], settings: Settings = DEFAULTS) -> ClinicNorms:
    """The norms over ``facts`` (pass the patients who are not archived)."""
    rows = list(facts)
    tickets = sorted(t for f in rows if (t := average_ticket(f)) is not None)
    n = len(tickets)
    median2 = 0 if n == 0 else tickets[(n - 1) // 2] + tickets[n // 2]
    ranking = SpendRanking(f.spend_total_fen for f in rows)
    percent = settings.lapsed_high_value_top_percent
    spends = [f.spend_total_fen for f in rows if f.spend_total_fen > 0]
    top = [s for s in spends if in_top_percent(ranking.greater_than(s), ranking.paying, percent)]
    return ClinicNorms(median2, n, min(top, default=0), ranking.paying)


@dataclass(frozen=True, slots=True)
class RuleInput:
    """One patient as the rules see them: facts, the date, the settings and the clinic's norms."""

    facts: PatientFacts
    as_of: date
    settings: Settings
    norms: ClinicNorms

    @property
    def activity(self) -> Activity:
        return activity_of(self.facts, self.as_of, self.settings)


def _price_sensitive(x: RuleInput) -> bool:
    reading = price_reading(x.facts.window_purchases, x.facts.coupon_purchases, x.settings)
    return reading is PriceReading.PRICE_SENSITIVE


def _no_show(x: RuleInput) -> bool:
    return x.facts.no_shows >= x.settings.no_show_min


def _minor(x: RuleInput) -> bool:
    # The contact policy's own test (PIPL: under 14 a guardian consents to marketing), so the 儿童 tag and
    # the guardian-consent rule never disagree; the birth date is the one ages count from (a birth month
    # or year counts as its last day — core.dates.birth_for_age).
    return is_minor(x.facts.birth_date, x.as_of)


def _high_ticket(x: RuleInput) -> bool:
    ticket = average_ticket(x.facts)
    median2 = x.norms.median2_ticket_fen
    # ticket ≥ percent/100 × median2/2  ⇔  200·ticket ≥ percent·median2
    return ticket is not None and median2 > 0 and 200 * ticket >= x.settings.high_ticket_percent * median2


def _lapsed_high_value(x: RuleInput) -> bool:
    top = x.norms.top_spend_fen
    return top > 0 and x.facts.spend_total_fen >= top and x.activity is Activity.LAPSED


# -- reasons -------------------------------------------------------------------------------------------


def _window(settings: Settings, english: bool) -> str:
    if english:
        return "lifetime" if settings.ers_window_months == 0 else f"last {settings.ers_window_months} months"
    return "累计" if settings.ers_window_months == 0 else f"近 {settings.ers_window_months} 个月"


def _price_reason(x: RuleInput, english: bool) -> str:
    f, s = x.facts, x.settings
    percent = s.price_sensitive_coupon_percent
    if english:
        return f"{price_reason_en(f.window_purchases, f.coupon_purchases, s)}; threshold {percent}%"
    return f"{price_reason_zh(f.window_purchases, f.coupon_purchases, s)}；阈值 ≥{percent}%"


def _no_show_reason(x: RuleInput, english: bool) -> str:
    s = x.settings
    if english:
        return (
            f"{x.facts.no_shows} no-show(s) in the last {s.no_show_months} months (threshold {s.no_show_min})"
        )
    return f"近 {s.no_show_months} 个月爽约 {x.facts.no_shows} 次（阈值 ≥{s.no_show_min} 次）"


def _minor_reason(x: RuleInput, english: bool) -> str:
    birth = x.facts.birth_date
    age = None if birth is None else age_on(birth, x.as_of)
    limit = MINOR_AGE
    if english:
        return f"aged {age}, under {limit}: marketing needs a guardian's consent"
    return f"{age} 岁，未满 {limit} 岁：营销需监护人同意"


def _ticket_reason(x: RuleInput, english: bool) -> str:
    ticket, median = average_ticket(x.facts), x.norms.median_ticket_fen
    times = "–" if not ticket or not median else f"{ticket / median:.1f}"
    multiple = f"{x.settings.high_ticket_percent / 100:g}"
    window = _window(x.settings, english)
    shown = "–" if ticket is None else format_yuan(ticket)
    if english:
        return (
            f"average ticket {shown} ({window}) is {times}× the clinic's median {format_yuan(median)}"
            f" (threshold {multiple}×)"
        )
    return f"{window}客单价 {shown}，为全院中位数 {format_yuan(median)} 的 {times} 倍（阈值 {multiple} 倍）"


def _lapsed_reason(x: RuleInput, english: bool) -> str:
    last = x.facts.last_purchase
    percent = x.settings.lapsed_high_value_top_percent
    spend = format_yuan(x.facts.spend_total_fen)
    if english:
        since = "" if last is None else f" since {last.isoformat()}"
        return f"lapsed{since}; lifetime spend {spend} is in the top {percent}% of paying patients"
    since = "" if last is None else f"（上次 {last.isoformat()}）"
    return f"沉睡{since}；累计消费 {spend}，位列付费患者前 {percent}%"


# -- the registry --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RuleTag:
    """One derived tag. ``parameters`` are the :class:`Settings` fields holding its thresholds;
    ``describe`` says the rule in general (the tag manager, a tooltip in the list), ``reason`` why it
    holds for one patient (the 360° view)."""

    key: RuleKey
    name: str  #: the tag's name as stored and printed (Chinese, like every tag a clinic types)
    name_en: str
    category: str  #: a TAG_CATEGORIES value
    color: str
    parameters: tuple[str, ...]
    holds: Callable[[RuleInput], bool]
    reason: Callable[[RuleInput, bool], str]
    describe: Callable[[Settings, bool], str]


def _describe_price(s: Settings, english: bool) -> str:
    w = _window(s, english)
    if english:
        return (
            f"at least {s.price_sensitive_min_purchases} purchases ({w}),"
            f" {s.price_sensitive_coupon_percent}% or more of them with a coupon"
        )
    return f"{w}消费 ≥{s.price_sensitive_min_purchases} 次，且其中 ≥{s.price_sensitive_coupon_percent}% 用券"


def _describe_no_show(s: Settings, english: bool) -> str:
    if english:
        return f"{s.no_show_min} or more no-shows in the last {s.no_show_months} months"
    return f"近 {s.no_show_months} 个月爽约 ≥{s.no_show_min} 次"


def _describe_minor(s: Settings, english: bool) -> str:
    return f"under {MINOR_AGE} years old" if english else f"未满 {MINOR_AGE} 岁"


def _describe_ticket(s: Settings, english: bool) -> str:
    multiple = f"{s.high_ticket_percent / 100:g}"
    if english:
        return f"average ticket ({_window(s, True)}) at least {multiple}× the clinic's median"
    return f"{_window(s, False)}客单价 ≥ 全院中位数的 {multiple} 倍"


def _describe_lapsed(s: Settings, english: bool) -> str:
    p = s.lapsed_high_value_top_percent
    if english:
        return f"lapsed, with lifetime spend in the top {p}% of paying patients"
    return f"沉睡，且累计消费位列付费患者前 {p}%"


RULE_TAGS: tuple[RuleTag, ...] = (
    RuleTag(
        RuleKey.PRICE_SENSITIVE,
        "价格敏感",
        "Price-sensitive",
        "consumption",
        "#f9a825",
        ("price_sensitive_min_purchases", "price_sensitive_coupon_percent", "ers_window_months"),
        _price_sensitive,
        _price_reason,
        _describe_price,
    ),
    RuleTag(
        RuleKey.NO_SHOW,
        "爽约较多",
        "Frequent no-shows",
        "behaviour",
        "#78909c",
        ("no_show_min", "no_show_months"),
        _no_show,
        _no_show_reason,
        _describe_no_show,
    ),
    RuleTag(
        RuleKey.MINOR,
        "儿童",
        "Minor",
        "static",
        "#26c6da",
        (),  # 14 is the law's age (core.contact_policy.MINOR_AGE), not a clinic's preference
        _minor,
        _minor_reason,
        _describe_minor,
    ),
    RuleTag(
        RuleKey.HIGH_TICKET,
        "高客单",
        "High ticket",
        "consumption",
        "#e53935",
        ("high_ticket_percent", "ers_window_months"),
        _high_ticket,
        _ticket_reason,
        _describe_ticket,
    ),
    RuleTag(
        RuleKey.LAPSED_HIGH_VALUE,
        "沉睡高价值",
        "Lapsed high value",
        "consumption",
        "#6a1b9a",
        ("lapsed_high_value_top_percent", "lapsed_months"),
        _lapsed_high_value,
        _lapsed_reason,
        _describe_lapsed,
    ),
)
#: a patient's rule tags as a bit mask: bit i is RULE_TAGS[i] (how patient_metrics stores them)
RULE_BITS: dict[RuleKey, int] = {tag.key: 1 << i for i, tag in enumerate(RULE_TAGS)}
RULE_BY_KEY: dict[str, RuleTag] = {tag.key.value: tag for tag in RULE_TAGS}


def rule_tags_of(x: RuleInput) -> tuple[RuleTag, ...]:
    """The rule tags that hold for one patient, in registry order."""
    return tuple(tag for tag in RULE_TAGS if tag.holds(x))


def mask_of(tags: Iterable[RuleTag | RuleKey | str]) -> int:
    mask = 0
    for tag in tags:
        key = tag.key if isinstance(tag, RuleTag) else RuleKey(tag)
        mask |= RULE_BITS[key]
    return mask


def keys_of(mask: int) -> tuple[str, ...]:
    """Rule keys in a stored bit mask, in registry order (``patient --json`` ``rule_tags``)."""
    return tuple(tag.key.value for i, tag in enumerate(RULE_TAGS) if mask >> i & 1)


def rule_reason(key: str, x: RuleInput, *, english: bool = False) -> str:
    return RULE_BY_KEY[key].reason(x, english)
