"""The ERS value model (PRODUCT §4): E bands, R, S, composite, tier, flags and explanations."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic_desktop.core.ers import (
    FLAG_LABELS_ZH,
    TIERS,
    UNKNOWN_S_VALUE,
    ErsScore,
    Flag,
    SpendRanking,
    Tier,
    composite,
    explain_en,
    explain_zh,
    flags_of,
    referral_score,
    satisfaction_score,
    score_patient,
    tier_of,
)
from clinic_desktop.core.settings import DEFAULTS, Settings

D = Decimal

# --- E: spend bands ---------------------------------------------------------------------------------


def test_nobody_paid() -> None:
    ranking = SpendRanking([])
    assert ranking.paying == 0
    assert ranking.revenue_fen == 0
    assert ranking.e_score(0) == 0
    assert ranking.e_score(100) == 0
    assert ranking.top20_revenue_fen() == 0
    assert ranking.top20_share() == 0.0


def test_zero_and_negative_spends_are_not_paying() -> None:
    ranking = SpendRanking([0, 0, -500, 1000])
    assert ranking.paying == 1
    assert ranking.revenue_fen == 1000
    assert ranking.e_score(0) == 0
    assert ranking.e_score(-500) == 0


def test_single_paying_patient_is_e5() -> None:
    ranking = SpendRanking([0, 0, 12345])
    assert ranking.e_score(12345) == 5
    assert ranking.e_score(0) == 0
    assert ranking.top20_share() == 1.0


def test_five_distinct_spends_fill_every_band() -> None:
    spends = [100, 200, 300, 400, 500]
    ranking = SpendRanking(spends)
    # p = 0/5, 1/5, 2/5, 3/5, 4/5 → E5, E4 (p = 0.2 is not < 0.2), E3, E2, E1
    assert [ranking.e_score(s) for s in [500, 400, 300, 200, 100]] == [5, 4, 3, 2, 1]


def test_order_of_input_does_not_matter() -> None:
    a = SpendRanking([300, 100, 500, 200, 400])
    b = SpendRanking([500, 400, 300, 200, 100])
    assert [a.e_score(s) for s in range(0, 600, 50)] == [b.e_score(s) for s in range(0, 600, 50)]


def test_ten_distinct_spends_two_per_band() -> None:
    spends = [s * 1000 for s in range(1, 11)]
    ranking = SpendRanking(spends)
    bands = [ranking.e_score(s) for s in sorted(spends, reverse=True)]
    assert bands == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]


def test_ties_share_the_better_band() -> None:
    ranking = SpendRanking([500, 500, 500, 100, 100])
    # nobody spends more than 500: p = 0 for all three → E5; 100: p = 3/5 = 0.6 → E2
    assert ranking.e_score(500) == 5
    assert ranking.e_score(100) == 2


def test_ties_straddling_a_band_edge() -> None:
    ranking = SpendRanking([1000, 900, 900, 900, 100])
    assert ranking.e_score(1000) == 5  # p = 0
    assert ranking.e_score(900) == 4  # p = 1/5 = 0.2, not < 0.2
    assert ranking.e_score(100) == 1  # p = 4/5


def test_everybody_spends_the_same() -> None:
    ranking = SpendRanking([700] * 9)
    assert ranking.e_score(700) == 5
    assert ranking.top20_share() == 1.0


def test_bands_by_p_with_exact_fractions() -> None:
    # 10 paying patients: spends 10..1, so the spend s has p = (10 − s) / 10.
    ranking = SpendRanking(list(range(1, 11)))
    expected = {10: 5, 9: 5, 8: 4, 7: 4, 6: 3, 5: 3, 4: 2, 3: 2, 2: 1, 1: 1}
    assert {s: ranking.e_score(s) for s in range(1, 11)} == expected


def test_p_just_below_and_at_each_edge() -> None:
    # 25 distinct payers: greater = 4 (p = 0.16) → E5, 5 (p = 0.2) → E4, 9 → E4, 10 (0.4) → E3 …
    spends = list(range(1, 26))
    ranking = SpendRanking(spends)

    def band_for_greater(g: int) -> int:
        return ranking.e_score(25 - g)

    greater = (0, 4, 5, 9, 10, 14, 15, 19, 20, 24)
    assert [band_for_greater(g) for g in greater] == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]


def test_greater_than_counts_strictly_greater_payers() -> None:
    ranking = SpendRanking([0, 100, 200, 200, 300])
    assert ranking.greater_than(300) == 0
    assert ranking.greater_than(200) == 1
    assert ranking.greater_than(150) == 3
    assert ranking.greater_than(100) == 3
    assert ranking.greater_than(0) == 4


def test_top20_share_hand_computed() -> None:
    spends = [100, 200, 300, 400, 500, 600, 700, 800, 900, 10000]
    ranking = SpendRanking(spends)
    assert ranking.paying == 10
    assert ranking.revenue_fen == 14500
    assert ranking.top20_revenue_fen() == 10900  # the two E5 patients
    assert ranking.top20_share() == round(10900 / 14500, 4) == 0.7517


def test_top20_share_counts_tied_e5_patients() -> None:
    ranking = SpendRanking([500, 500, 500, 100, 100])
    assert ranking.top20_revenue_fen() == 1500
    assert ranking.top20_share() == round(1500 / 1700, 4) == 0.8824


def test_top20_share_ignores_non_paying() -> None:
    ranking = SpendRanking([0, 0, 0, 400, 100, 100, 100, 100, -50])
    assert ranking.paying == 5
    assert ranking.top20_revenue_fen() == 400
    assert ranking.top20_share() == 0.5


def test_top20_share_flat_clinic() -> None:
    # Five patients with equal spend: all E5, the "top 20%" bring 100% — the product shows that honestly.
    assert SpendRanking([100] * 5).top20_share() == 1.0
    # 80/20 clinic: one of five brings 80%
    assert SpendRanking([8000, 500, 500, 500, 500]).top20_share() == 0.8


spend_lists = st.lists(st.integers(min_value=-1000, max_value=10**7), max_size=60)


@given(spend_lists, st.data())
def test_higher_spend_never_gets_a_lower_e(spends: list[int], data: st.DataObject) -> None:
    ranking = SpendRanking(spends)
    a = data.draw(st.integers(min_value=-1000, max_value=10**7))
    b = data.draw(st.integers(min_value=-1000, max_value=10**7))
    lo, hi = min(a, b), max(a, b)
    assert ranking.e_score(lo) <= ranking.e_score(hi)


@given(spend_lists)
def test_e_bands_match_the_definition(spends: list[int]) -> None:
    ranking = SpendRanking(spends)
    paying = [s for s in spends if s > 0]
    for s in spends:
        e = ranking.e_score(s)
        if s <= 0:
            assert e == 0
            continue
        p = D(sum(1 for x in paying if x > s)) / D(len(paying))
        expected = (
            5 if p < D("0.2") else 4 if p < D("0.4") else 3 if p < D("0.6") else 2 if p < D("0.8") else 1
        )
        assert e == expected


@given(spend_lists)
def test_e5_count_is_about_twenty_percent(spends: list[int]) -> None:
    ranking = SpendRanking(spends)
    paying = sorted((s for s in spends if s > 0), reverse=True)
    e5 = [s for s in paying if ranking.e_score(s) == 5]
    if not paying:
        assert e5 == []
        return
    assert paying[0] in e5  # the top spender is always E5
    assert e5 == paying[: len(e5)]  # E5 is the top of the list
    lowest = e5[-1]
    ties_at_lowest = paying.count(lowest)
    assert len(e5) <= math.ceil(len(paying) / 5) + ties_at_lowest - 1
    # With distinct spends, exactly ceil(20%) are E5.
    if len(set(paying)) == len(paying):
        assert len(e5) == math.ceil(len(paying) / 5)
    assert ranking.top20_revenue_fen() == sum(e5)
    assert 0.0 < ranking.top20_share() <= 1.0


@given(st.integers(min_value=1, max_value=40))
def test_distinct_spends_in_multiples_of_five_split_evenly(k: int) -> None:
    ranking = SpendRanking(range(1, 5 * k + 1))
    bands = [ranking.e_score(s) for s in range(1, 5 * k + 1)]
    assert all(bands.count(e) == k for e in (1, 2, 3, 4, 5))


# --- R: referrals -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("referrals", "converted", "r"),
    [
        (0, 0, 0),  # no referrals at all
        (1, 0, 1),  # referrals, none converted
        (7, 0, 1),
        (1, 1, 2),
        (4, 1, 2),
        (2, 2, 3),
        (3, 2, 3),
        (3, 3, 4),
        (4, 4, 4),
        (10, 4, 4),
        (5, 5, 5),
        (9, 6, 5),
        (100, 100, 5),
    ],
)
def test_referral_score(referrals: int, converted: int, r: int) -> None:
    assert referral_score(referrals, converted) == r


# --- S: satisfaction --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scores", "s"),
    [
        ([4], 4),  # a single survey
        ([1], 1),
        ([5], 5),
        ([3, 4], 4),  # 3.5 → 4
        ([2, 3], 3),  # 2.5 → 3 (banker's rounding would give 2)
        ([1, 2], 2),  # 1.5 → 2
        ([4, 5], 5),  # 4.5 → 5
        ([4, 4, 5], 4),  # 4.333 → 4
        ([4, 5, 5], 5),  # 4.667 → 5
        ([1, 1, 2], 1),  # 1.333 → 1
        ([1, 2, 2], 2),  # 1.667 → 2
        ([5, 5, 5], 5),
        ([1, 1, 1], 1),
        ([2, 3, 3], 3),
    ],
)
def test_satisfaction_is_mean_rounded_half_up(scores: list[int], s: int) -> None:
    assert satisfaction_score(sum(scores), len(scores)) == s


def test_no_survey_is_unknown() -> None:
    assert satisfaction_score(0, 0) is None


def test_satisfaction_stays_on_the_one_to_five_scale() -> None:
    # Overall scores are 1–5; a stray out-of-range sum still yields a score on the scale.
    assert satisfaction_score(0, 1) == 1
    assert satisfaction_score(18, 3) == 5


@given(st.lists(st.integers(min_value=1, max_value=5), min_size=1, max_size=3))
def test_satisfaction_matches_decimal_half_up(scores: list[int]) -> None:
    mean = D(sum(scores)) / D(len(scores))
    expected = int(mean.quantize(D(1), rounding="ROUND_HALF_UP"))
    assert satisfaction_score(sum(scores), len(scores)) == expected
    assert 1 <= expected <= 5


# --- composite and tier -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("e", "r", "s", "value", "tier"),
    [
        (5, 3, 4, "4.40", Tier.A),  # PRODUCT §4's example formula
        (5, 2, 4, "4.20", Tier.A),
        (5, 3, 3, "4.20", Tier.A),
        (5, 2, 3, "4.00", Tier.A),  # exactly the A threshold
        (5, 5, 5, "5.00", Tier.A),
        (5, 0, 5, "4.00", Tier.A),
        (5, 0, 4, "3.80", Tier.B),
        (4, 1, 2, "3.00", Tier.B),  # exactly the B threshold
        (4, 0, 3, "3.00", Tier.B),
        (4, 5, 5, "4.40", Tier.A),
        (3, 0, 1, "2.00", Tier.C),  # 0.6×3 + 0.2×0 + 0.2×1 is 1.9999999999999998 in float: a C
        (2, 1, 3, "2.00", Tier.C),
        (1, 5, 2, "2.00", Tier.C),
        (3, 1, 1, "2.20", Tier.C),
        (3, 1, None, "2.60", Tier.C),  # unknown S counts as 3
        (3, 0, None, "2.40", Tier.C),
        (2, 0, 3, "1.80", Tier.D),
        (1, 0, 1, "0.80", Tier.D),
        (1, 0, None, "1.20", Tier.D),
        (2, 0, 4, "2.00", Tier.C),
        (2, 0, 5, "2.20", Tier.C),
    ],
)
def test_composite_and_tier_default_weights(e: int, r: int, s: int | None, value: str, tier: Tier) -> None:
    total = composite(e, r, s)
    assert total == D(value)
    assert str(total) == value  # always two decimals
    assert tier_of(e, total) is tier


def test_the_float_trap_of_product_spec() -> None:
    """PRODUCT §4: 0.6×3 + 0.2×1 is 1.9999999999999998 in binary floating point, and it is a C, not a D.

    The composite is computed exactly (decimal weights, never floats) and rounded half up to two decimals
    *before* the comparison; the comparison itself has no tolerance.
    """
    total = composite(3, 0, 1)  # E3, R0, S1: 0.6×3 + 0.2×0 + 0.2×1
    assert type(total) is Decimal and str(total) == "2.00"  # a float, even rounded, is not this
    assert tier_of(3, total) is Tier.C
    # the trap itself: the float sum, reaching the comparison unrounded, would make the patient a D
    assert tier_of(3, Decimal(0.6 * 3 + 0.2 * 1)) is Tier.D
    # … and the whole scoring path keeps the exact C
    ranking = SpendRanking([500, 400, 300, 200, 100])  # 300 is E3 (p = 2/5)
    score = score_patient(ranking, 300, referrals=0, converted_referrals=0, survey_sum=1, survey_count=1)
    assert (score.e, score.r, score.s, str(score.composite), score.tier) == (3, 0, 1, "2.00", Tier.C)


@pytest.mark.parametrize(
    ("score", "tier"),
    [
        ("5.00", Tier.A),
        ("4.00", Tier.A),
        ("3.99", Tier.B),
        ("3.00", Tier.B),
        ("2.99", Tier.C),
        ("2.00", Tier.C),
        ("1.99", Tier.D),
        ("0.60", Tier.D),
        ("0.00", Tier.D),
    ],
)
def test_tier_thresholds(score: str, tier: Tier) -> None:
    assert tier_of(1, D(score)) is tier
    assert tier_of(5, D(score)) is tier


@pytest.mark.parametrize(("r", "s"), [(0, None), (5, 5), (5, None), (0, 1), (3, 4)])
def test_e0_has_no_tier_whatever_r_and_s(r: int, s: int | None) -> None:
    total = composite(0, r, s)
    assert tier_of(0, total) is None
    assert tier_of(0, D("5.00")) is None


def test_unknown_s_counts_as_three() -> None:
    assert UNKNOWN_S_VALUE == 3
    for e in range(6):
        for r in range(6):
            assert composite(e, r, None) == composite(e, r, 3)


def test_custom_weights() -> None:
    settings = Settings(weight_e="0.5", weight_r="0.25", weight_s="0.25")
    assert composite(3, 1, None, settings) == D("2.50")
    assert composite(4, 0, 4, settings) == D("3.00")
    assert tier_of(4, D("3.00"), settings) is Tier.B
    only_e = Settings(weight_e="1", weight_r="0", weight_s="0")
    assert composite(4, 5, 5, only_e) == D("4.00")
    assert composite(3, 5, None, only_e) == D("3.00")


def test_composite_rounds_half_up_to_two_decimals_before_the_tier() -> None:
    settings = Settings(weight_e="0.4", weight_r="0.205", weight_s="0.395")
    # 0.4×4 + 0.205×0 + 0.395×1 = 1.995 → 2.00 → C (unrounded it would be a D)
    assert composite(4, 0, 1, settings) == D("2.00")
    assert tier_of(4, composite(4, 0, 1, settings), settings) is Tier.C
    # 0.4×3 + 0.205×2 + 0.395×1 = 2.005 → 2.01 (half up; half-even would give 2.00)
    assert composite(3, 2, 1, settings) == D("2.01")
    # 0.4×3 + 0.205×4 + 0.395×5 = 3.995 → 4.00 → A
    assert composite(3, 4, 5, settings) == D("4.00")
    assert tier_of(3, composite(3, 4, 5, settings), settings) is Tier.A
    # 0.4×5 + 0.205×1 + 0.395×2 = 2.995 → 3.00 → B
    assert composite(5, 1, 2, settings) == D("3.00")
    assert tier_of(5, composite(5, 1, 2, settings), settings) is Tier.B


def test_thirds_weights_round() -> None:
    settings = Settings(weight_e="0.333", weight_r="0.333", weight_s="0.334")
    assert composite(3, 0, 3, settings) == D("2.00")  # 2.001
    assert composite(5, 0, None, settings) == D("2.67")  # 2.667
    assert composite(1, 1, 1, settings) == D("1.00")


def test_custom_thresholds() -> None:
    settings = Settings(tier_a="4.50", tier_b="3.50", tier_c="2.50")
    assert tier_of(5, composite(5, 3, 4, settings), settings) is Tier.B  # 4.40
    assert tier_of(5, composite(5, 5, 4, settings), settings) is Tier.A  # 4.80
    assert tier_of(5, composite(5, 5, 5, settings), settings) is Tier.A  # 5.00
    assert tier_of(3, composite(3, 1, None, settings), settings) is Tier.C  # 2.60
    assert tier_of(3, composite(3, 0, 1, settings), settings) is Tier.D  # 2.00
    assert tier_of(3, D("3.50"), settings) is Tier.B
    assert tier_of(3, D("3.49"), settings) is Tier.C


weights_strategy = st.tuples(
    st.integers(min_value=0, max_value=1000), st.integers(min_value=0, max_value=1000)
).filter(lambda ab: ab[0] + ab[1] <= 1000)


@given(
    weights_strategy,
    st.integers(min_value=0, max_value=5),
    st.integers(min_value=0, max_value=5),
    st.none() | st.integers(min_value=1, max_value=5),
)
def test_composite_in_range_with_two_decimals(ab: tuple[int, int], e: int, r: int, s: int | None) -> None:
    a, b = ab
    settings = Settings(
        weight_e=str(D(a) / 1000), weight_r=str(D(b) / 1000), weight_s=str(D(1000 - a - b) / 1000)
    )
    total = composite(e, r, s, settings)
    assert D(0) <= total <= D(5)
    assert total.as_tuple().exponent == -2
    exact = D(a) / 1000 * e + D(b) / 1000 * r + D(1000 - a - b) / 1000 * (3 if s is None else s)
    assert abs(total - exact) <= D("0.005")
    assert total == exact.quantize(D("0.01"), rounding="ROUND_HALF_UP")


@given(
    st.integers(min_value=1, max_value=5),
    st.integers(min_value=0, max_value=5),
    st.none() | st.integers(min_value=1, max_value=5),
)
def test_tier_matches_thresholds(e: int, r: int, s: int | None) -> None:
    total = composite(e, r, s)
    tier = tier_of(e, total)
    expected = Tier.A if total >= D(4) else Tier.B if total >= D(3) else Tier.C if total >= D(2) else Tier.D
    assert tier is expected


# --- flags ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("r", "s", "flags"),
    [
        (0, None, {Flag.NO_FEEDBACK}),
        (2, 3, set()),
        (3, 3, {Flag.KOC}),  # R ≥ 3: two converted referrals
        (5, 5, {Flag.KOC}),
        (4, 2, {Flag.KOC, Flag.AT_RISK}),
        (0, 2, {Flag.AT_RISK}),  # S ≤ 2
        (0, 1, {Flag.AT_RISK}),
        (0, 3, set()),
        (1, 5, set()),
        (3, None, {Flag.KOC, Flag.NO_FEEDBACK}),
    ],
)
def test_flags(r: int, s: int | None, flags: set[Flag]) -> None:
    assert flags_of(r, s) == frozenset(flags)


def test_unknown_s_is_not_at_risk() -> None:
    # unknown counts as 3 in the composite, and 3 is not ≤ 2
    assert Flag.AT_RISK not in flags_of(0, None)


def test_flag_keys_and_labels() -> None:
    assert {f.value for f in Flag} == {"koc", "at_risk", "no_feedback"}
    assert set(FLAG_LABELS_ZH) == set(Flag)
    assert FLAG_LABELS_ZH[Flag.KOC] == "传播者"
    assert FLAG_LABELS_ZH[Flag.AT_RISK] == "预警"
    assert [t.value for t in TIERS] == ["A", "B", "C", "D"]


# --- score_patient ----------------------------------------------------------------------------------


def test_score_patient_puts_it_together() -> None:
    ranking = SpendRanking([1240000, 500000, 300000, 200000, 100000])
    score = score_patient(ranking, 1240000, referrals=3, converted_referrals=2, survey_sum=12, survey_count=3)
    assert score == ErsScore(5, 3, 4, D("4.40"), Tier.A, frozenset({Flag.KOC}))


def test_score_patient_without_spend_has_no_tier() -> None:
    ranking = SpendRanking([1000])
    score = score_patient(ranking, 0, referrals=9, converted_referrals=9, survey_sum=5, survey_count=1)
    assert score.e == 0 and score.r == 5 and score.s == 5
    assert score.tier is None
    assert score.flags == frozenset({Flag.KOC})


def test_score_patient_float_trap_and_no_feedback() -> None:
    # E3 (p = 2/5), R1 (a referral who never bought), no survey: 0.6×3 + 0.2×1 + 0.2×3 = 2.60 → C
    ranking = SpendRanking([500, 400, 300, 200, 100])
    score = score_patient(ranking, 300, referrals=1, converted_referrals=0, survey_sum=0, survey_count=0)
    assert (score.e, score.r, score.s) == (3, 1, None)
    assert score.composite == D("2.60")
    assert score.tier is Tier.C
    assert score.flags == frozenset({Flag.NO_FEEDBACK})
    # E3, R0, S1 → exactly 2.00 → C, and at risk
    score = score_patient(ranking, 300, referrals=0, converted_referrals=0, survey_sum=1, survey_count=1)
    assert score.composite == D("2.00")
    assert score.tier is Tier.C
    assert score.flags == frozenset({Flag.AT_RISK})


def test_score_patient_custom_settings() -> None:
    settings = Settings(weight_e="0.5", weight_r="0.25", weight_s="0.25", tier_a="4.5")
    ranking = SpendRanking([100])
    score = score_patient(ranking, 100, 0, 0, 0, 0, settings)
    assert score.composite == D("3.25")  # 0.5×5 + 0 + 0.25×3
    assert score.tier is Tier.B


# --- explanations -----------------------------------------------------------------------------------


def _score(e: int, r: int, s: int | None, settings: Settings = DEFAULTS) -> ErsScore:
    total = composite(e, r, s, settings)
    return ErsScore(e, r, s, total, tier_of(e, total, settings), flags_of(r, s))


def test_explain_zh_like_the_product_example() -> None:
    text = explain_zh(_score(5, 3, 3), 1240000, 3812)
    assert text.startswith("A · 4.20 = 0.6×E5 + 0.2×R3 + 0.2×S3")
    assert "¥12,400" in text
    assert "3,812" in text
    assert "前 20%" in text
    assert "近 24 个月" in text


def test_explain_en_like_the_product_example() -> None:
    text = explain_en(_score(5, 3, 3), 1240000, 3812)
    assert text.startswith("A · 4.20 = 0.6×E5 + 0.2×R3 + 0.2×S3")
    assert "spend ¥12,400" in text
    assert "top 20% of 3,812 paying patients" in text


def test_explain_product_formula_has_its_true_value() -> None:
    # PRODUCT §4 prints "A · 4.2 = 0.6×E5 + 0.2×R3 + 0.2×S4"; that formula is 4.40.
    assert explain_en(_score(5, 3, 4), 1240000, 3812).startswith("A · 4.40 = 0.6×E5 + 0.2×R3 + 0.2×S4")
    assert explain_zh(_score(5, 3, 4), 1240000, 3812).startswith("A · 4.40 = 0.6×E5 + 0.2×R3 + 0.2×S4")


@pytest.mark.parametrize(
    ("e", "zh", "en"),
    [
        (5, "前 20%", "top 20%"),
        (4, "前 20%–40%", "top 20–40%"),
        (3, "中间 40%–60%", "middle 40–60%"),
        (2, "后 20%–40%", "bottom 20–40%"),
        (1, "后 20%", "bottom 20%"),
    ],
)
def test_explanations_name_the_band(e: int, zh: str, en: str) -> None:
    score = _score(e, 0, 4)
    assert zh in explain_zh(score, 30050, 5)
    assert f"{en} of 5 paying patients" in explain_en(score, 30050, 5)
    assert "¥300.50" in explain_zh(score, 30050, 5)


def test_explanations_composite_always_has_two_decimals() -> None:
    score = _score(5, 2, 3)  # 4.00
    assert "A · 4.00 = " in explain_zh(score, 100, 1)
    assert "A · 4.00 = " in explain_en(score, 100, 1)
    score = _score(3, 0, 1)  # 2.00
    assert explain_en(score, 100, 5).startswith("C · 2.00 = 0.6×E3 + 0.2×R0 + 0.2×S1")


def test_explanations_of_unknown_s() -> None:
    score = _score(3, 1, None)
    zh = explain_zh(score, 100, 5)
    en = explain_en(score, 100, 5)
    assert zh.startswith("C · 2.60 = 0.6×E3 + 0.2×R1 + 0.2×S–")
    assert "按3计" in zh and "暂无满意度反馈" in zh
    assert en.startswith("C · 2.60 = 0.6×E3 + 0.2×R1 + 0.2×S–")
    assert "counted as 3" in en and "no feedback yet" in en
    assert "按" not in en


def test_explanations_without_spend() -> None:
    score = _score(0, 2, 4)
    zh = explain_zh(score, 0, 3812)
    en = explain_en(score, 0, 3812)
    assert zh.startswith("未分层 · 1.20 = 0.6×E0 + 0.2×R2 + 0.2×S4")
    assert "无消费" in zh
    assert en.startswith("no tier · 1.20 = 0.6×E0 + 0.2×R2 + 0.2×S4")
    assert "no spend" in en


def test_explanations_show_custom_weights_and_window() -> None:
    settings = Settings(weight_e="0.5", weight_r="0.25", weight_s="0.25", ers_window_months=12)
    score = _score(4, 1, 5, settings)  # 2.00 + 0.25 + 1.25 = 3.50
    zh = explain_zh(score, 880000, 1200, settings)
    en = explain_en(score, 880000, 1200, settings)
    assert zh.startswith("B · 3.50 = 0.5×E4 + 0.25×R1 + 0.25×S5")
    assert "近 12 个月" in zh and "¥8,800" in zh and "1,200" in zh
    assert en.startswith("B · 3.50 = 0.5×E4 + 0.25×R1 + 0.25×S5")
    assert "last 12 months" in en and "of 1,200 paying patients" in en


def test_explanations_lifetime_window() -> None:
    settings = Settings(ers_window_months=0)
    score = _score(5, 0, 5, settings)
    assert "累计" in explain_zh(score, 100, 1, settings)
    assert "lifetime" in explain_en(score, 100, 1, settings)
