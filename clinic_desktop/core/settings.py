"""The typed registry of clinic settings and their defaults.

One place declares every option (Picard's ``options.py`` habit) so the settings screen, the database store
and the rule engine agree on names, types and defaults. Values are stored in the ``settings`` table as JSON,
so a backup carries them. Weights and thresholds are decimal *strings*: the ERS composite is computed in
exact decimal arithmetic and a binary float must never decide whether a patient is a C or a D.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from decimal import Decimal, InvalidOperation
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
    if any(w < 0 for w in weights) or sum(weights) != Decimal(1):
        raise SettingsError("ERS 权重必须非负且合计为 1 / ERS weights must be non-negative and add up to 1")
    a, b, c = (_decimal(n, getattr(settings, n)) for n in ("tier_a", "tier_b", "tier_c"))
    if not (Decimal(5) >= a > b > c > 0):
        raise SettingsError(
            "分层阈值须满足 5 ≥ A > B > C > 0 / tier thresholds must satisfy 5 ≥ A > B > C > 0"
        )
    if settings.ers_window_months < 0 or settings.ers_window_months > 240:
        raise SettingsError("ERS 时间窗应在 0–240 个月之间 (0 为全部) / ERS window must be 0–240 months")
    if not (1 <= settings.lapsing_months < settings.lapsed_months <= 120):
        raise SettingsError("须满足 1 ≤ 流失预警月数 < 沉睡月数 ≤ 120 / lapsing < lapsed months, both 1–120")
    for name in ("recall_overdue_days", "recall_ahead_days", "contact_cooldown_days", "marketing_cap_days"):
        if not 0 <= getattr(settings, name) <= 3650:
            raise SettingsError(f"{name}: 应在 0–3650 天之间 / must be 0–3650 days")
    if not 0 <= settings.birthday_window_days <= 60:
        raise SettingsError("生日名单天数应在 0–60 之间 / birthday window must be 0–60 days")
    if not 1 <= settings.recovery_survey_days <= 365:
        raise SettingsError("低分回访天数应在 1–365 之间 / recovery survey window must be 1–365 days")
    if not settings.reactivation_offer.strip():
        raise SettingsError("唤醒优惠内容不能为空 / the win-back offer text must not be empty")
    if settings.reactivation_threshold_fen < 0 or settings.reactivation_discount_fen < 0:
        raise SettingsError("唤醒优惠金额不能为负 / win-back offer amounts must not be negative")
    if 0 < settings.reactivation_threshold_fen < settings.reactivation_discount_fen:
        raise SettingsError("唤醒优惠的减免不能超过门槛 / win-back discount must not exceed its threshold")
    if not 1 <= settings.marketing_cap_count <= 100:
        raise SettingsError("营销联系次数上限应在 1–100 之间 / marketing cap must be 1–100")
    if settings.language not in ("zh_CN", "en"):
        raise SettingsError(f"不支持的语言 / unsupported language: {settings.language!r}")
    if not settings.clinic_name.strip():
        raise SettingsError("诊所名称不能为空 / clinic name must not be empty")
    return settings


DEFAULTS = Settings()
