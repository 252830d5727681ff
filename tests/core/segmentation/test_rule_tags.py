"""The rule-derived tags of PRODUCT §4.1, one patient at a time: every rule at its boundaries, the clinic
norms they compare with, the registry, and the sentences that explain them."""

from __future__ import annotations

from datetime import date

import pytest

from clinic_desktop.core.calllists.contact_policy import is_minor
from clinic_desktop.core.facts import PatientFacts
from clinic_desktop.core.segmentation.rule_tags import (
    RULE_BITS,
    RULE_BY_KEY,
    RULE_TAGS,
    ClinicNorms,
    RuleInput,
    RuleKey,
    clinic_norms,
    keys_of,
    mask_of,
    rule_reason,
    rule_tags_of,
)
from clinic_desktop.core.settings import DEFAULTS, Settings

AS_OF = date(2026, 11, 22)
NORMS = ClinicNorms(median2_ticket_fen=200_000, ticket_payers=10, top_spend_fen=5_000_000, lifetime_payers=10)


def holds(
    key: RuleKey, facts: PatientFacts, norms: ClinicNorms = NORMS, settings: Settings = DEFAULTS
) -> bool:
    return RULE_BY_KEY[key].holds(RuleInput(facts, AS_OF, settings, norms))


# -- 价格敏感 ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("occasions", "coupons", "expected"),
    [(1, 1, False), (2, 0, False), (2, 1, True), (4, 1, False), (4, 2, True), (5, 2, False), (5, 3, True)],
)
def test_price_sensitive(occasions: int, coupons: int, expected: bool) -> None:
    facts = PatientFacts(1, window_purchases=occasions, coupon_purchases=coupons)
    assert holds(RuleKey.PRICE_SENSITIVE, facts) is expected


# -- 爽约较多 ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("no_shows", "expected"), [(0, False), (1, False), (2, True), (5, True)])
def test_no_show(no_shows: int, expected: bool) -> None:
    assert holds(RuleKey.NO_SHOW, PatientFacts(1, no_shows=no_shows)) is expected


def test_no_show_threshold_is_a_setting() -> None:
    assert not holds(RuleKey.NO_SHOW, PatientFacts(1, no_shows=2), settings=Settings(no_show_min=3))


# -- 儿童 -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "expected"),
    [
        (date(2012, 11, 23), True),  # turns 14 tomorrow: still 13
        (date(2012, 11, 22), False),  # 14 today
        (date(2012, 11, 21), False),
        (date(2020, 1, 1), True),
        (date(1990, 1, 1), False),
        (None, False),  # unknown: not guessed
        # a birth date after as-of is a typing mistake; the contact policy takes it as a child (a guardian's
        # consent asked for), and the tag says what the policy does
        (date(2027, 1, 1), True),
        (AS_OF, True),  # born today
    ],
)
def test_minor_boundaries(birth: date | None, expected: bool) -> None:
    assert is_minor(birth, AS_OF) is expected
    assert holds(RuleKey.MINOR, PatientFacts(1, birth_date=birth)) is expected


def test_minor_on_29_february() -> None:
    born = date(2012, 2, 29)
    assert is_minor(born, date(2026, 2, 28))  # the birthday has not come in a common year
    assert not is_minor(born, date(2026, 3, 1))
    for as_of in (date(2026, 2, 28), date(2026, 3, 1)):
        rule = RULE_BY_KEY[RuleKey.MINOR]
        assert rule.holds(RuleInput(PatientFacts(1, birth_date=born), as_of, DEFAULTS, NORMS)) is is_minor(
            born, as_of
        )


# -- 高客单 -----------------------------------------------------------------------------------------------


def test_high_ticket_is_twice_the_median_exactly() -> None:
    # median 100,000 fen (median2 200,000): the threshold is an average ticket of 200,000
    at = PatientFacts(1, window_purchases=2, spend_window_fen=400_000)  # 200,000 a time
    below = PatientFacts(1, window_purchases=2, spend_window_fen=399_999)  # 199,999 (rounded down)
    assert holds(RuleKey.HIGH_TICKET, at)
    assert not holds(RuleKey.HIGH_TICKET, below)
    assert not holds(RuleKey.HIGH_TICKET, PatientFacts(1))  # no purchase in the window
    assert not holds(RuleKey.HIGH_TICKET, at, ClinicNorms())  # nobody paid: no median to compare with
    assert holds(RuleKey.HIGH_TICKET, below, settings=Settings(high_ticket_percent=150))


def test_median_of_an_even_count_is_the_mean_of_the_middle_two() -> None:
    facts = [
        PatientFacts(i, window_purchases=1, spend_window_fen=s) for i, s in enumerate([100, 300, 600, 900])
    ]
    norms = clinic_norms(facts)
    assert norms.median2_ticket_fen == 900 and norms.median_ticket_fen == 450 and norms.ticket_payers == 4
    # 2 × 450 = 900: the 900 ticket is exactly at the threshold
    assert holds(RuleKey.HIGH_TICKET, facts[3], norms) and not holds(RuleKey.HIGH_TICKET, facts[2], norms)


# -- 沉睡高价值 -------------------------------------------------------------------------------------------


def _lapsed(spend: int, last: date = date(2024, 1, 1)) -> PatientFacts:
    return PatientFacts(1, purchase_days=3, last_purchase=last, spend_total_fen=spend)


def test_lapsed_high_value() -> None:
    assert holds(RuleKey.LAPSED_HIGH_VALUE, _lapsed(5_000_000))
    assert not holds(RuleKey.LAPSED_HIGH_VALUE, _lapsed(4_999_999))  # below the top 20%
    # lapsed = no purchase for 18 months: 2025-05-22 is exactly 18 months before as-of
    assert holds(RuleKey.LAPSED_HIGH_VALUE, _lapsed(9_000_000, date(2025, 5, 22)))
    assert not holds(RuleKey.LAPSED_HIGH_VALUE, _lapsed(9_000_000, date(2025, 5, 23)))
    assert not holds(RuleKey.LAPSED_HIGH_VALUE, _lapsed(9_000_000), ClinicNorms())


def test_top_percent_of_lifetime_spend_shares_ties() -> None:
    # ten paying patients: the top 20% are the two biggest; a tie at the edge keeps both
    spends = [100, 200, 300, 400, 500, 600, 700, 800, 900, 900]
    facts = [PatientFacts(i, spend_total_fen=s) for i, s in enumerate(spends)] + [PatientFacts(99)]
    norms = clinic_norms(facts)
    assert norms.top_spend_fen == 900 and norms.lifetime_payers == 10
    spends[8] = 850
    norms = clinic_norms([PatientFacts(i, spend_total_fen=s) for i, s in enumerate(spends)])
    assert norms.top_spend_fen == 850
    assert clinic_norms([PatientFacts(1)]).top_spend_fen == 0


# -- the registry ----------------------------------------------------------------------------------------


def test_the_registry_holds_the_product_set() -> None:
    assert [(t.key.value, t.name) for t in RULE_TAGS] == [
        ("price_sensitive", "价格敏感"),
        ("no_show", "爽约较多"),
        ("minor", "儿童"),
        ("high_ticket", "高客单"),
        ("lapsed_high_value", "沉睡高价值"),
    ]
    for tag in RULE_TAGS:
        assert tag.category in ("static", "consumption", "behaviour")
        assert all(hasattr(DEFAULTS, p) for p in tag.parameters)
        assert tag.describe(DEFAULTS, False) and tag.describe(DEFAULTS, True)
    assert len({t.color for t in RULE_TAGS}) == len(RULE_TAGS)


def test_masks_round_trip() -> None:
    assert mask_of([RuleKey.MINOR, "no_show"]) == RULE_BITS[RuleKey.MINOR] | RULE_BITS[RuleKey.NO_SHOW] == 6
    assert keys_of(6) == ("no_show", "minor")
    assert keys_of(0) == ()


def test_a_patient_can_carry_several_tags_and_each_is_explained() -> None:
    facts = PatientFacts(
        1,
        purchase_days=4,
        last_purchase=date(2024, 1, 1),
        spend_total_fen=8_000_000,
        spend_window_fen=900_000,
        window_purchases=3,
        coupon_purchases=2,
        no_shows=2,
        birth_date=date(2015, 6, 1),
    )
    x = RuleInput(facts, AS_OF, DEFAULTS, NORMS)
    assert [t.key for t in rule_tags_of(x)] == list(RuleKey)
    assert rule_reason("price_sensitive", x) == "近 24 个月 3 次消费中 2 次用券（67%）；阈值 ≥50%"
    assert rule_reason("no_show", x) == "近 12 个月爽约 2 次（阈值 ≥2 次）"
    assert rule_reason("minor", x) == "11 岁，未满 14 岁：营销需监护人同意"
    assert (
        rule_reason("high_ticket", x) == "近 24 个月客单价 ¥3,000，为全院中位数 ¥1,000 的 3.0 倍（阈值 2 倍）"
    )
    assert (
        rule_reason("lapsed_high_value", x) == "沉睡（上次 2024-01-01）；累计消费 ¥80,000，位列付费患者前 20%"
    )
    assert rule_reason("minor", x, english=True) == "aged 11, under 14: marketing needs a guardian's consent"
