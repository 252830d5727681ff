"""Editable list definitions: cross-sell scenario rules and saved campaigns (PRODUCT §5.1).

They are lists of structured values, so they do not fit the flat :class:`~clinic_desktop.core.settings.
Settings`; they are stored as JSON in the ``settings`` table (``services/call_list_settings``). Each type
round-trips through ``to_json``/``from_json``; ``from_json`` raises :class:`SpecError` (Chinese and English)
on anything malformed, so a hand-edited value can never crash a list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from clinic_desktop.core.bilingual import BilingualError
from clinic_desktop.core.calllists.offers import Offer


class SpecError(BilingualError):
    """A saved cross-sell rule or campaign that cannot be used as it stands."""


#: how far back a cross-sell rule may look, in months (inclusive; the rule dialog offers the same range)
WITHIN_MONTHS = (1, 120)


def _names(value: Any, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise SpecError(f"{what} 应为文字列表", f"{what} must be a list of names")
    return tuple(v.strip() for v in value if v.strip())


@dataclass(frozen=True, slots=True)
class CrossSellRule:
    """Patients who had a ``from`` treatment (by name or catalogue category) within ``within_months`` get
    ``offer`` suggested — unless they already had one of ``skip_if_had`` (nothing to recommend then).

    The scenario's goal — what the dashboard counts as converted (PRODUCT §6) — is ``skip_if_had`` (the
    treatments it recommends), or, with ``to_referral``, a friend the patient referred (种植 → 转介绍)."""

    name: str
    offer: str
    from_treatments: tuple[str, ...] = ()
    from_categories: tuple[str, ...] = ()
    within_months: int = 12
    skip_if_had: tuple[str, ...] = ()
    to_referral: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "offer": self.offer,
            "from_treatments": list(self.from_treatments),
            "from_categories": list(self.from_categories),
            "within_months": self.within_months,
            "skip_if_had": list(self.skip_if_had),
            "to_referral": self.to_referral,
        }

    @classmethod
    def from_json(cls, data: Any) -> CrossSellRule:
        if not isinstance(data, dict):
            raise SpecError("交叉推荐规则格式不对", "malformed cross-sell rule")
        name, offer = str(data.get("name", "")).strip(), str(data.get("offer", "")).strip()
        months = data.get("within_months", 12)
        rule = cls(
            name,
            offer,
            _names(data.get("from_treatments"), "来源项目"),
            _names(data.get("from_categories"), "来源类别"),
            months if isinstance(months, int) and not isinstance(months, bool) else -1,
            _names(data.get("skip_if_had"), "排除项目"),
            data.get("to_referral") is True,
        )
        rule.check()
        return rule

    def check(self) -> None:
        if not self.name or not self.offer:
            raise SpecError("交叉推荐规则需要名称和推荐内容", "a cross-sell rule needs a name and an offer")
        if not self.from_treatments and not self.from_categories:
            raise SpecError(
                f"规则「{self.name}」需要至少一个来源项目或类别",
                f"rule {self.name!r} needs at least one source treatment or category",
            )
        low, high = WITHIN_MONTHS
        if not low <= self.within_months <= high:
            raise SpecError(
                f"时间范围应在 {low}–{high} 个月之间", f"the time range must be {low}–{high} months"
            )


#: PRODUCT §5.1's examples, for a dental + aesthetics clinic; the clinic edits them
DEFAULT_CROSSSELL_RULES: tuple[CrossSellRule, ...] = (
    CrossSellRule(
        "正畸→种植咨询",
        "正畸患者关怀：可预约一次免费种植/修复咨询，了解缺牙修复方案",
        from_categories=("正畸",),
        within_months=24,
        skip_if_had=("种植牙",),
    ),
    CrossSellRule(
        "手术/种植→注射类",
        "术后恢复良好后，可了解玻尿酸、肉毒素等注射类项目的面部年轻化方案",
        from_treatments=("种植牙", "拔牙"),
        within_months=12,
        skip_if_had=("玻尿酸", "肉毒素"),
    ),
    CrossSellRule(
        "种植→转介绍",
        "种植完成的满意患者：邀请参加老带新计划，推荐亲友来院可获口腔检查一次",
        from_treatments=("种植牙",),
        within_months=12,
        to_referral=True,
    ),
)


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _day(value: Any) -> date | None:
    return None if value in (None, "") else date.fromisoformat(str(value))


def _money(value: Any) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise SpecError("金额应为非负整数（分）", "amounts must be non-negative whole fen")
    return value


@dataclass(frozen=True, slots=True)
class CampaignFilter:
    """A saved patient filter. Empty collections / ``None`` bounds mean "no restriction". Tags match if
    the patient has any of them; spend is lifetime spend (opening balance included); last visit is the
    last purchase day."""

    tags: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    tiers: tuple[str, ...] = ()  #: A–D, "none" for 未分层
    sources: tuple[str, ...] = ()
    spend_min_fen: int | None = None
    spend_max_fen: int | None = None
    last_visit_from: date | None = None
    last_visit_to: date | None = None
    #: segment keys (PRODUCT §4.1); rule-derived tags are among ``tags``, by name like any tag
    segments: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "tags": list(self.tags),
            "segments": list(self.segments),
            "stages": list(self.stages),
            "tiers": list(self.tiers),
            "sources": list(self.sources),
            "spend_min_fen": self.spend_min_fen,
            "spend_max_fen": self.spend_max_fen,
            "last_visit_from": _iso(self.last_visit_from),
            "last_visit_to": _iso(self.last_visit_to),
        }

    @classmethod
    def from_json(cls, data: Any) -> CampaignFilter:
        if not isinstance(data, dict):
            raise SpecError("活动筛选条件格式不对", "malformed campaign filter")
        try:
            return cls(
                _names(data.get("tags"), "标签"),
                _names(data.get("stages"), "阶段"),
                _names(data.get("tiers"), "分层"),
                _names(data.get("sources"), "渠道"),
                _money(data.get("spend_min_fen")),
                _money(data.get("spend_max_fen")),
                _day(data.get("last_visit_from")),
                _day(data.get("last_visit_to")),
                _names(data.get("segments"), "分群"),
            )
        except (TypeError, ValueError) as exc:
            if isinstance(exc, SpecError):
                raise
            raise SpecError("活动筛选条件格式不对", "malformed campaign filter") from exc


@dataclass(frozen=True, slots=True)
class CampaignSpec:
    """A campaign: who (``filter``) and what (``offers``, e.g. 满 3000 减 300 plus a lower tier 满 1000 减
    80); each patient gets the offer that fits them
    (:func:`~clinic_desktop.core.calllists.offers.match_offer`)."""

    name: str
    filter: CampaignFilter = field(default_factory=CampaignFilter)
    offers: tuple[Offer, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "filter": self.filter.to_json(),
            "offers": [o.to_json() for o in self.offers],
        }

    @classmethod
    def from_json(cls, data: Any) -> CampaignSpec:
        if not isinstance(data, dict) or not str(data.get("name", "")).strip():
            raise SpecError("活动需要名称", "a campaign needs a name")
        raw_offers = data.get("offers", [])
        if not isinstance(raw_offers, list):
            raise SpecError("活动优惠格式不对", "malformed campaign offers")
        try:
            offers = tuple(Offer.from_json(o) for o in raw_offers)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise SpecError("活动优惠格式不对", "malformed campaign offers") from exc
        spec = cls(str(data["name"]).strip(), CampaignFilter.from_json(data.get("filter", {})), offers)
        spec.check()
        return spec

    def check(self) -> None:
        for offer in self.offers:
            if not offer.text.strip():
                raise SpecError("优惠内容不能为空", "an offer needs a text")
            if offer.threshold_fen < 0 or offer.discount_fen < 0:
                raise SpecError("优惠金额不能为负", "offer amounts must not be negative")
            if 0 < offer.threshold_fen < offer.discount_fen:
                raise SpecError("减免不能超过门槛", "the discount must not exceed the threshold")


def rule_named(rules: Sequence[CrossSellRule], name: str) -> CrossSellRule | None:
    return next((r for r in rules if r.name == name), None)
