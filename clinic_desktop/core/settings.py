"""The typed registry of clinic settings and their defaults.

One place declares every option (Picard's ``options.py`` habit) so the settings screen, the database store
and the rule engine agree on names, types and defaults. Values are stored in the ``settings`` table as JSON,
so a backup carries them. Weights and thresholds are decimal *strings*: the ERS composite is computed in
exact decimal arithmetic and a binary float must never decide whether a patient is a C or a D.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any


class SettingsError(ValueError):
    """A setting value that the rules cannot work with (message is user-facing)."""


@dataclass(frozen=True, slots=True)
class Settings:
    clinic_name: str = "我的诊所"
    language: str = "zh_CN"
    # ERS (PRODUCT §4); window in months, 0 means lifetime.
    ers_window_months: int = 24
    weight_e: str = "0.6"
    weight_r: str = "0.2"
    weight_s: str = "0.2"
    tier_a: str = "4.00"
    tier_b: str = "3.00"
    tier_c: str = "2.00"
    # Activity (PRODUCT §3).
    lapsing_months: int = 12
    lapsed_months: int = 18
    # Recall window (PRODUCT §5.1): overdue by at most N days up to due within M days.
    recall_overdue_days: int = 60
    recall_ahead_days: int = 14
    # Contact policy (PRODUCT §5.2).
    contact_cooldown_days: int = 14
    marketing_cap_count: int = 3
    marketing_cap_days: int = 90
    # Call lists (PRODUCT §5.1).
    birthday_window_days: int = 7
    #: a survey with overall ≤ 2 this recent puts the patient on the service-recovery list
    recovery_survey_days: int = 30
    #: the low-threshold win-back offer of reactivation lists (threshold 0 = no threshold)
    reactivation_offer: str = "老朋友回店礼：消费满 200 元减 50 元"
    reactivation_threshold_fen: int = 20_000
    reactivation_discount_fen: int = 5_000
    # Rule-derived tags and the knowledge suggestion (PRODUCT §4.1); windows as the ERS window.
    #: 价格敏感: at least this many purchase occasions in the window …
    price_sensitive_min_purchases: int = 2
    #: … and at least this share (percent) of them coupon occasions
    price_sensitive_coupon_percent: int = 50
    #: 爽约较多: at least this many no-shows in the last ``no_show_months`` months
    no_show_min: int = 2
    no_show_months: int = 12
    #: 高客单: average ticket in the window ≥ this percent of the clinic's median average ticket
    high_ticket_percent: int = 200
    #: 沉睡高价值: lapsed, and lifetime spend in the top this-percent of paying patients
    lapsed_high_value_top_percent: int = 20
    #: suggest 懂行 after this many consult/quote interactions (a suggestion only, never set)
    knowledge_hint_consults: int = 3
    #: what a 分享裂变 list offers for sharing: a service, not a discount (PRODUCT §5.1)
    share_reward: str = "我们送您一次免费洁牙或皮肤检测"

    @property
    def weights(self) -> tuple[Decimal, Decimal, Decimal]:
        return (Decimal(self.weight_e), Decimal(self.weight_r), Decimal(self.weight_s))

    @property
    def thresholds(self) -> tuple[Decimal, Decimal, Decimal]:
        return (Decimal(self.tier_a), Decimal(self.tier_b), Decimal(self.tier_c))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        """Build settings from stored values; unknown keys are ignored, missing ones take defaults."""
        known = {f.name: f for f in fields(cls)}
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            if key in known:
                kwargs[key] = value
        return validate(replace(cls(), **kwargs))


#: the inclusive range of every whole-number setting, read by :func:`validate` and by the screens that edit
#: them (a spin box offering a value the rules refuse, or refusing one they allow, would be a bug)
RANGES: Mapping[str, tuple[int, int]] = MappingProxyType(
    {
        "ers_window_months": (0, 240),  # 0 = lifetime
        "lapsing_months": (1, 120),
        "lapsed_months": (1, 120),
        "recall_overdue_days": (0, 3650),
        "recall_ahead_days": (0, 3650),
        "contact_cooldown_days": (0, 3650),
        "marketing_cap_count": (1, 100),
        "marketing_cap_days": (0, 3650),
        "birthday_window_days": (0, 60),
        "recovery_survey_days": (1, 365),
        # the rule-derived tags (PRODUCT §4.1)
        "price_sensitive_min_purchases": (1, 50),
        "price_sensitive_coupon_percent": (1, 100),
        "no_show_min": (1, 50),
        "no_show_months": (1, 60),
        "high_ticket_percent": (100, 1000),
        "lapsed_high_value_top_percent": (1, 100),
        "knowledge_hint_consults": (1, 100),
    }
)
#: the whole-number settings of the rule-derived tags and the knowledge suggestion, checked by range alone
RULE_TAG_SETTINGS: tuple[str, ...] = (
    "price_sensitive_min_purchases",
    "price_sensitive_coupon_percent",
    "no_show_min",
    "no_show_months",
    "high_ticket_percent",
    "lapsed_high_value_top_percent",
    "knowledge_hint_consults",
)
#: the bounds of the decimal settings: weights in 0–1 (adding up to 1), tier thresholds in 0–5
DECIMAL_RANGES: Mapping[str, tuple[Decimal, Decimal]] = MappingProxyType(
    {
        **dict.fromkeys(("weight_e", "weight_r", "weight_s"), (Decimal(0), Decimal(1))),
        **dict.fromkeys(("tier_a", "tier_b", "tier_c"), (Decimal(0), Decimal(5))),
    }
)


def setting_range(name: str) -> tuple[int, int]:
    """The inclusive range of the whole-number setting ``name`` (KeyError for any other name)."""
    return RANGES[name]


def _decimal(name: str, value: str) -> Decimal:
    try:
        result = Decimal(str(value))
    except InvalidOperation as exc:
        raise SettingsError(f"{name}: 不是有效的数字 / not a number: {value!r}") from exc
    if not result.is_finite():
        raise SettingsError(f"{name}: 不是有效的数字 / not a number: {value!r}")
    return result


def validate(settings: Settings) -> Settings:
    """Return ``settings`` unchanged if every value is usable, else raise :class:`SettingsError`."""
    for f in fields(settings):
        value = getattr(settings, f.name)
        expected = int if f.type in ("int", int) else str
        if expected is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise SettingsError(f"{f.name}: 应为整数 / must be a whole number: {value!r}")
        if expected is str and not isinstance(value, str):
            raise SettingsError(f"{f.name}: 应为文本 / must be text: {value!r}")
    weights = [_decimal(n, getattr(settings, n)) for n in ("weight_e", "weight_r", "weight_s")]
    low_weight, high_weight = DECIMAL_RANGES["weight_e"]
    if any(w < low_weight for w in weights) or sum(weights) != high_weight:
        raise SettingsError("ERS 权重必须非负且合计为 1 / ERS weights must be non-negative and add up to 1")
    a, b, c = (_decimal(n, getattr(settings, n)) for n in ("tier_a", "tier_b", "tier_c"))
    low_tier, high_tier = DECIMAL_RANGES["tier_a"]
    if not (high_tier >= a > b > c > low_tier):
        raise SettingsError(
            f"分层阈值须满足 {high_tier} ≥ A > B > C > {low_tier}"
            f" / tier thresholds must satisfy {high_tier} ≥ A > B > C > {low_tier}"
        )
    low, high = RANGES["ers_window_months"]
    if not low <= settings.ers_window_months <= high:
        raise SettingsError(
            f"ERS 时间窗应在 {low}–{high} 个月之间 (0 为全部) / ERS window must be {low}–{high} months"
        )
    low, high = RANGES["lapsing_months"]
    if not (low <= settings.lapsing_months < settings.lapsed_months <= RANGES["lapsed_months"][1]):
        raise SettingsError(
            f"须满足 {low} ≤ 流失预警月数 < 沉睡月数 ≤ {high} / lapsing < lapsed months, both {low}–{high}"
        )
    for name in ("recall_overdue_days", "recall_ahead_days", "contact_cooldown_days", "marketing_cap_days"):
        low, high = RANGES[name]
        if not low <= getattr(settings, name) <= high:
            raise SettingsError(f"{name}: 应在 {low}–{high} 天之间 / must be {low}–{high} days")
    low, high = RANGES["birthday_window_days"]
    if not low <= settings.birthday_window_days <= high:
        raise SettingsError(f"生日名单天数应在 {low}–{high} 之间 / birthday window must be {low}–{high} days")
    low, high = RANGES["recovery_survey_days"]
    if not low <= settings.recovery_survey_days <= high:
        raise SettingsError(
            f"低分回访天数应在 {low}–{high} 之间 / recovery survey window must be {low}–{high} days"
        )
    if not settings.reactivation_offer.strip():
        raise SettingsError("唤醒优惠内容不能为空 / the win-back offer text must not be empty")
    if settings.reactivation_threshold_fen < 0 or settings.reactivation_discount_fen < 0:
        raise SettingsError("唤醒优惠金额不能为负 / win-back offer amounts must not be negative")
    if 0 < settings.reactivation_threshold_fen < settings.reactivation_discount_fen:
        raise SettingsError("唤醒优惠的减免不能超过门槛 / win-back discount must not exceed its threshold")
    low, high = RANGES["marketing_cap_count"]
    if not low <= settings.marketing_cap_count <= high:
        raise SettingsError(f"营销联系次数上限应在 {low}–{high} 之间 / marketing cap must be {low}–{high}")
    for name in RULE_TAG_SETTINGS:
        low, high = RANGES[name]
        if not low <= getattr(settings, name) <= high:
            raise SettingsError(f"{name}: 应在 {low}–{high} 之间 / must be {low}–{high}")
    if not settings.share_reward.strip():
        raise SettingsError("分享奖励内容不能为空 / the share reward text must not be empty")
    if settings.language not in ("zh_CN", "en"):
        raise SettingsError(f"不支持的语言 / unsupported language: {settings.language!r}")
    if not settings.clinic_name.strip():
        raise SettingsError("诊所名称不能为空 / clinic name must not be empty")
    return settings


DEFAULTS = Settings()
