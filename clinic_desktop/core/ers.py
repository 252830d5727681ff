"""The ERS value model (PRODUCT §4): expenditure, referrals, satisfaction, composite, tier, flags.

All arithmetic that decides a tier is exact: percentile bands compare integers, the composite is a
``Decimal`` rounded half up to two places *before* it meets a threshold (0.6×3 + 0.2×1 is 2.00, a C —
binary floating point would say 1.9999999999999998, a D).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from clinic_desktop.core.money import format_yuan
from clinic_desktop.core.settings import DEFAULTS, Settings

#: S counts as this in the composite when the patient has given no feedback yet
UNKNOWN_S_VALUE = 3
_CENT = Decimal("0.01")


class Tier(StrEnum):
    A = "A"
    B = "B"
    C = "C"
    D = "D"


TIERS: tuple[Tier, ...] = tuple(Tier)


class Flag(StrEnum):
    KOC = "koc"
    AT_RISK = "at_risk"
    NO_FEEDBACK = "no_feedback"


FLAG_LABELS_ZH: dict[Flag, str] = {
    Flag.KOC: "传播者",
    Flag.AT_RISK: "预警",
    Flag.NO_FEEDBACK: "暂无反馈",
}


class SpendRanking:
    """Ranks window spends for the E score.

    ``p`` = (paying patients with strictly greater spend) / (paying patients); ties share the better band.
    Bands compare ``5·greater`` with ``k·paying`` so no fraction is ever rounded.
    """

    def __init__(self, spends: Iterable[int]) -> None:
        self._sorted = sorted(s for s in spends if s > 0)
        self.paying = len(self._sorted)
        self.revenue_fen = sum(self._sorted)

    def greater_than(self, spend: int) -> int:
        return self.paying - bisect_right(self._sorted, spend)

    def e_score(self, spend: int) -> int:
        if spend <= 0 or self.paying == 0:
            return 0
        five_greater = 5 * self.greater_than(spend)
        for score, k in ((5, 1), (4, 2), (3, 3), (2, 4)):
            if five_greater < k * self.paying:
                return score
        return 1

    def top20_revenue_fen(self) -> int:
        """Revenue brought by the E5 patients."""
        return sum(s for s in self._sorted if 5 * self.greater_than(s) < self.paying)

    def top20_share(self) -> float:
        """Share of window revenue from the E5 patients (0.0 when nobody paid), 4 decimals."""
        if self.revenue_fen == 0:
            return 0.0
        return round(self.top20_revenue_fen() / self.revenue_fen, 4)


def referral_score(referrals: int, converted: int) -> int:
    """R0 no referrals; R1 referrals, none converted; R2 one; R3 two; R4 three–four; R5 five or more."""
    if referrals <= 0 and converted <= 0:
        return 0
    if converted <= 0:
        return 1
    if converted == 1:
        return 2
    if converted == 2:
        return 3
    if converted <= 4:
        return 4
    return 5


def satisfaction_score(score_sum: int, score_count: int) -> int | None:
    """Mean of the last (up to) three overall scores, rounded half up; ``None`` when there is none.

    Integer arithmetic: round-half-up of sum/count is floor((2·sum + count) / (2·count)).
    """
    if score_count <= 0:
        return None
    value = (2 * score_sum + score_count) // (2 * score_count)
    return max(1, min(5, value))


def composite(e: int, r: int, s: int | None, settings: Settings = DEFAULTS) -> Decimal:
    we, wr, ws = settings.weights
    s_value = UNKNOWN_S_VALUE if s is None else s
    return (we * e + wr * r + ws * s_value).quantize(_CENT, rounding=ROUND_HALF_UP)


def tier_of(e: int, score: Decimal, settings: Settings = DEFAULTS) -> Tier | None:
    """A/B/C/D by composite; patients with E0 (no spend in the window) have no tier."""
    if e <= 0:
        return None
    a, b, c = settings.thresholds
    if score >= a:
        return Tier.A
    if score >= b:
        return Tier.B
    if score >= c:
        return Tier.C
    return Tier.D


def flags_of(r: int, s: int | None) -> frozenset[Flag]:
    found: set[Flag] = set()
    if r >= 3:
        found.add(Flag.KOC)
    if s is None:
        found.add(Flag.NO_FEEDBACK)
    elif s <= 2:
        found.add(Flag.AT_RISK)
    return frozenset(found)


@dataclass(frozen=True, slots=True)
class ErsScore:
    e: int
    r: int
    s: int | None
    composite: Decimal
    tier: Tier | None
    flags: frozenset[Flag]


def score_patient(
    ranking: SpendRanking,
    spend_window_fen: int,
    referrals: int,
    converted_referrals: int,
    survey_sum: int,
    survey_count: int,
    settings: Settings = DEFAULTS,
) -> ErsScore:
    e = ranking.e_score(spend_window_fen)
    r = referral_score(referrals, converted_referrals)
    s = satisfaction_score(survey_sum, survey_count)
    total = composite(e, r, s, settings)
    return ErsScore(e, r, s, total, tier_of(e, total, settings), flags_of(r, s))


_BANDS_ZH = {5: "前 20%", 4: "前 20%–40%", 3: "中间 40%–60%", 2: "后 20%–40%", 1: "后 20%"}
_BANDS_EN = {5: "top 20%", 4: "top 20–40%", 3: "middle 40–60%", 2: "bottom 20–40%", 1: "bottom 20%"}


def _formula(score: ErsScore, settings: Settings) -> str:
    we, wr, ws = settings.weights
    s_text = "S–(按3计)" if score.s is None else f"S{score.s}"
    return f"{we}×E{score.e} + {wr}×R{score.r} + {ws}×{s_text}"


def window_label_zh(settings: Settings) -> str:
    return "累计" if settings.ers_window_months == 0 else f"近 {settings.ers_window_months} 个月"


def explain_zh(score: ErsScore, spend_window_fen: int, paying: int, settings: Settings = DEFAULTS) -> str:
    """E.g. ``A · 4.20 = 0.6×E5 + 0.2×R3 + 0.2×S4；近 24 个月消费 ¥12,400，位列 3,812 位付费患者的前 20%``."""
    head = f"{score.tier.value if score.tier else '未分层'} · {score.composite} = {_formula(score, settings)}"
    if score.e == 0:
        tail = f"{window_label_zh(settings)}无消费，暂不分层"
    else:
        tail = (
            f"{window_label_zh(settings)}消费 {format_yuan(spend_window_fen)}，"
            f"位列 {paying:,} 位付费患者的{_BANDS_ZH[score.e]}"
        )
    if score.s is None:
        tail += "；暂无满意度反馈"
    return f"{head}；{tail}"


def explain_en(score: ErsScore, spend_window_fen: int, paying: int, settings: Settings = DEFAULTS) -> str:
    formula = _formula(score, settings).replace("S–(按3计)", "S–(counted as 3)")
    head = f"{score.tier.value if score.tier else 'no tier'} · {score.composite} = {formula}"
    window = "lifetime" if settings.ers_window_months == 0 else f"last {settings.ers_window_months} months"
    if score.e == 0:
        tail = f"no spend in the {window}, so no tier"
    else:
        tail = (
            f"spend {format_yuan(spend_window_fen)} ({window}) is in the "
            f"{_BANDS_EN[score.e]} of {paying:,} paying patients"
        )
    if score.s is None:
        tail += "; no feedback yet"
    return f"{head}; {tail}"
