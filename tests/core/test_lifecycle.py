"""Lifecycle stage and activity (PRODUCT §3), from plain facts."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic_desktop.core.dates import add_months
from clinic_desktop.core.facts import PatientFacts
from clinic_desktop.core.lifecycle import (
    ACTIVITY_LABELS_ZH,
    STAGE_LABELS_ZH,
    STAGES,
    Activity,
    Stage,
    activity_of,
    stage_of,
    stage_rank,
    stage_reason_en,
    stage_reason_zh,
)
from clinic_desktop.core.settings import DEFAULTS, Settings

AS_OF = date(2025, 6, 15)
INTERACTION_KINDS = ("chat", "like", "comment", "article_read", "miniprogram", "consult", "quote", "campaign")
INTENT_KINDS = ("consult", "quote")


def facts(**kw: Any) -> PatientFacts:
    return PatientFacts(patient_id=1, **kw)


def facts_with_interactions(kinds: Iterable[str], **kw: Any) -> PatientFacts:
    """Facts as the database aggregates them: every interaction counts, consult/quote also as consults."""
    kinds = list(kinds)
    return facts(interactions=len(kinds), consults=sum(k in INTENT_KINDS for k in kinds), **kw)


def paying(last: date | None, **kw: Any) -> PatientFacts:
    return facts(purchase_days=kw.pop("purchase_days", 1), last_purchase=last, first_purchase=last, **kw)


# --- names, order, labels ---------------------------------------------------------------------------


def test_stage_keys_and_funnel_order() -> None:
    assert [s.value for s in STAGES] == ["stranger", "potential", "intent", "customer", "repeat", "vip"]
    assert [stage_rank(s) for s in STAGES] == [0, 1, 2, 3, 4, 5]


def test_stage_labels_zh() -> None:
    assert [STAGE_LABELS_ZH[s] for s in STAGES] == [
        "陌生用户",
        "潜在用户",
        "意向用户",
        "下单用户",
        "复购用户",
        "超级用户",
    ]


def test_activity_keys() -> None:
    assert {a.value for a in Activity} == {"active", "due", "lapsing", "lapsed", "none"}
    assert set(ACTIVITY_LABELS_ZH) == set(Activity)
    assert ACTIVITY_LABELS_ZH[Activity.LAPSED] == "沉睡"


def test_purchases_adds_opening_balance_visits_to_purchase_days() -> None:
    assert facts().purchases == 0
    assert facts(purchase_days=2).purchases == 2
    assert facts(opening_visits=3).purchases == 3
    assert facts(purchase_days=2, opening_visits=3).purchases == 5


# --- stages -----------------------------------------------------------------------------------------


def test_stranger_has_nothing() -> None:
    assert stage_of(facts(), tier_a=False) is Stage.STRANGER


def test_tier_a_alone_does_not_lift_a_stranger() -> None:
    assert stage_of(facts(), tier_a=True) is Stage.STRANGER
    assert stage_of(facts(manual_vip=True), tier_a=True) is Stage.STRANGER


def test_survey_or_referral_alone_is_no_interaction() -> None:
    assert stage_of(facts(survey_sum=5, survey_count=1, referrals=2), tier_a=False) is Stage.STRANGER


@pytest.mark.parametrize("kind", [k for k in INTERACTION_KINDS if k not in INTENT_KINDS])
def test_any_other_interaction_kind_makes_potential(kind: str) -> None:
    assert stage_of(facts_with_interactions([kind]), tier_a=False) is Stage.POTENTIAL


def test_many_non_intent_interactions_stay_potential() -> None:
    kinds = [k for k in INTERACTION_KINDS if k not in INTENT_KINDS] * 10
    assert stage_of(facts_with_interactions(kinds), tier_a=False) is Stage.POTENTIAL


@pytest.mark.parametrize("kind", INTENT_KINDS)
def test_consult_or_quote_makes_intent(kind: str) -> None:
    assert stage_of(facts_with_interactions([kind]), tier_a=False) is Stage.INTENT
    assert stage_of(facts_with_interactions(["chat", "like", kind]), tier_a=False) is Stage.INTENT


def test_any_appointment_makes_intent() -> None:
    assert stage_of(facts(appointments=1), tier_a=False) is Stage.INTENT
    assert stage_of(facts_with_interactions(["chat"], appointments=1), tier_a=False) is Stage.INTENT
    assert stage_of(facts_with_interactions(["consult"], appointments=3), tier_a=False) is Stage.INTENT


def test_one_purchase_day_makes_customer() -> None:
    assert stage_of(facts(purchase_days=1), tier_a=False) is Stage.CUSTOMER


def test_customer_regardless_of_earlier_steps() -> None:
    # A walk-in who bought without any recorded interaction or appointment is still a customer.
    f = facts_with_interactions(["consult", "quote", "chat"], appointments=2, purchase_days=1)
    assert stage_of(f, tier_a=False) is Stage.CUSTOMER


def test_opening_balance_visit_counts_as_a_purchase_occasion() -> None:
    assert stage_of(facts(opening_visits=1), tier_a=False) is Stage.CUSTOMER


@pytest.mark.parametrize(("days", "opening"), [(2, 0), (1, 1), (0, 2), (3, 0), (0, 7), (4, 5)])
def test_two_or_more_occasions_make_repeat(days: int, opening: int) -> None:
    f = facts(purchase_days=days, opening_visits=opening)
    assert stage_of(f, tier_a=False) is Stage.REPEAT
    assert f.purchases == days + opening


def test_vip_is_repeat_and_tier_a() -> None:
    assert stage_of(facts(purchase_days=2), tier_a=True) is Stage.VIP


def test_vip_is_repeat_and_manual_vip() -> None:
    assert stage_of(facts(purchase_days=2, manual_vip=True), tier_a=False) is Stage.VIP
    assert stage_of(facts(purchase_days=1, opening_visits=1, manual_vip=True), tier_a=False) is Stage.VIP
    assert stage_of(facts(purchase_days=5, manual_vip=True), tier_a=True) is Stage.VIP


def test_manual_vip_one_time_customer_is_still_a_customer() -> None:
    assert stage_of(facts(purchase_days=1, manual_vip=True), tier_a=False) is Stage.CUSTOMER
    assert stage_of(facts(opening_visits=1, manual_vip=True), tier_a=False) is Stage.CUSTOMER


def test_tier_a_one_time_customer_is_still_a_customer() -> None:
    assert stage_of(facts(purchase_days=1), tier_a=True) is Stage.CUSTOMER
    assert stage_of(facts(purchase_days=1, manual_vip=True), tier_a=True) is Stage.CUSTOMER


def test_manual_vip_without_purchases_follows_the_other_rules() -> None:
    assert stage_of(facts(manual_vip=True), tier_a=False) is Stage.STRANGER
    assert stage_of(facts(manual_vip=True, interactions=1), tier_a=False) is Stage.POTENTIAL
    assert stage_of(facts(manual_vip=True, appointments=1), tier_a=False) is Stage.INTENT


facts_strategy = st.builds(
    PatientFacts,
    patient_id=st.just(1),
    purchase_days=st.integers(min_value=0, max_value=5),
    opening_visits=st.integers(min_value=0, max_value=3),
    interactions=st.integers(min_value=0, max_value=5),
    consults=st.integers(min_value=0, max_value=3),
    appointments=st.integers(min_value=0, max_value=3),
    manual_vip=st.booleans(),
)


@given(facts_strategy, st.booleans())
def test_stage_is_the_highest_rule_that_applies(f: PatientFacts, tier_a: bool) -> None:
    stage = stage_of(f, tier_a)
    n = f.purchases
    if n >= 2 and (tier_a or f.manual_vip):
        assert stage is Stage.VIP
    elif n >= 2:
        assert stage is Stage.REPEAT
    elif n == 1:
        assert stage is Stage.CUSTOMER
    elif f.consults > 0 or f.appointments > 0:
        assert stage is Stage.INTENT
    elif f.interactions > 0:
        assert stage is Stage.POTENTIAL
    else:
        assert stage is Stage.STRANGER


@given(
    facts_strategy,
    st.booleans(),
    st.sampled_from(["purchase_days", "opening_visits", "interactions", "consults", "appointments"]),
)
def test_more_facts_never_lower_the_stage(f: PatientFacts, tier_a: bool, field: str) -> None:
    more = PatientFacts(**{**_as_kwargs(f), field: getattr(f, field) + 1})
    assert stage_rank(stage_of(more, tier_a)) >= stage_rank(stage_of(f, tier_a))
    assert stage_rank(stage_of(f, True)) >= stage_rank(stage_of(f, False))


def _as_kwargs(f: PatientFacts) -> dict[str, Any]:
    return {name: getattr(f, name) for name in PatientFacts.__dataclass_fields__}


# --- stage reasons ----------------------------------------------------------------------------------


def test_stage_reasons_show_the_purchase_count() -> None:
    f = facts(purchase_days=2, opening_visits=1, last_purchase=date(2026, 5, 1))
    zh = stage_reason_zh(f, Stage.REPEAT)
    en = stage_reason_en(f, Stage.REPEAT)
    assert "3" in zh and "2026-05-01" in zh
    assert "3" in en and "2026-05-01" in en
    assert "VIP" in stage_reason_zh(f, Stage.VIP) and "VIP" in stage_reason_en(f, Stage.VIP)


def test_stage_reasons_for_undated_opening_balance() -> None:
    f = facts(opening_visits=1)
    assert "最近" not in stage_reason_zh(f, Stage.CUSTOMER)
    assert "last" not in stage_reason_en(f, Stage.CUSTOMER)


@pytest.mark.parametrize("stage", [Stage.STRANGER, Stage.POTENTIAL, Stage.INTENT])
def test_stage_reasons_before_purchase(stage: Stage) -> None:
    f = facts(interactions=4, consults=2, appointments=1)
    zh, en = stage_reason_zh(f, stage), stage_reason_en(f, stage)
    assert zh and en
    if stage is Stage.INTENT:
        assert "2" in zh and "1" in zh and "2" in en and "1" in en
    if stage is Stage.POTENTIAL:
        assert "4" in zh and "4" in en


# --- activity ---------------------------------------------------------------------------------------


def test_no_purchase_means_activity_none() -> None:
    assert activity_of(facts(), AS_OF) is Activity.NONE
    assert activity_of(facts(interactions=3, consults=1, appointments=1), AS_OF) is Activity.NONE
    assert activity_of(facts(recall_due=True), AS_OF) is Activity.NONE


def test_recent_purchase_is_active() -> None:
    assert activity_of(paying(AS_OF), AS_OF) is Activity.ACTIVE
    assert activity_of(paying(AS_OF - timedelta(days=200)), AS_OF) is Activity.ACTIVE


LAPSING_EDGE = add_months(AS_OF, -12)  # 2024-06-15
LAPSED_EDGE = add_months(AS_OF, -18)  # 2023-12-15


@pytest.mark.parametrize(
    ("last", "expected"),
    [
        (AS_OF, Activity.ACTIVE),
        (LAPSING_EDGE + timedelta(days=1), Activity.ACTIVE),  # 2024-06-16: 12 months not yet over
        (LAPSING_EDGE, Activity.LAPSING),  # 2024-06-15: exactly 12 months without a purchase
        (LAPSING_EDGE - timedelta(days=1), Activity.LAPSING),
        (LAPSED_EDGE + timedelta(days=1), Activity.LAPSING),  # 2023-12-16
        (LAPSED_EDGE, Activity.LAPSED),  # 2023-12-15: exactly 18 months
        (LAPSED_EDGE - timedelta(days=1), Activity.LAPSED),
        (date(2015, 1, 1), Activity.LAPSED),
    ],
)
def test_lapsing_and_lapsed_boundaries_are_exactly_12_and_18_months(last: date, expected: Activity) -> None:
    assert LAPSING_EDGE == date(2024, 6, 15) and LAPSED_EDGE == date(2023, 12, 15)
    assert activity_of(paying(last), AS_OF) is expected
    assert activity_of(paying(last), AS_OF, DEFAULTS) is expected


@pytest.mark.parametrize(
    ("last", "as_of", "expected"),
    [
        # Reading of "no purchase for N months": the trailing N-month window (as_of − N months, as_of]
        # holds no purchase — the same trailing window the ERS spend uses. At month ends the window's
        # start is clamped, so the lapse comes at the earliest on the day N full months have passed.
        (date(2024, 2, 29), date(2025, 2, 28), Activity.ACTIVE),
        (date(2024, 2, 29), date(2025, 3, 1), Activity.LAPSING),
        (date(2024, 2, 28), date(2025, 2, 28), Activity.LAPSING),
        (date(2023, 3, 31), date(2024, 9, 30), Activity.LAPSING),
        (date(2023, 3, 31), date(2024, 10, 1), Activity.LAPSED),
        (date(2023, 3, 30), date(2024, 9, 30), Activity.LAPSED),
        (date(2024, 8, 31), date(2025, 8, 31), Activity.LAPSING),
        (date(2024, 9, 1), date(2025, 8, 31), Activity.ACTIVE),
        (date(2023, 12, 31), date(2025, 6, 30), Activity.LAPSING),
        (date(2023, 12, 30), date(2025, 6, 30), Activity.LAPSED),
        (date(2023, 12, 31), date(2025, 7, 1), Activity.LAPSED),
    ],
)
def test_lapse_boundaries_at_month_ends(last: date, as_of: date, expected: Activity) -> None:
    assert activity_of(paying(last), as_of) is expected


def test_undated_opening_balance_is_active() -> None:
    assert activity_of(facts(opening_visits=3), AS_OF) is Activity.ACTIVE
    assert activity_of(facts(opening_visits=1, spend_total_fen=50000), AS_OF) is Activity.ACTIVE


def test_dated_opening_balance_lapses_like_a_visit() -> None:
    f = facts(opening_visits=2, last_purchase=date(2020, 1, 1))
    assert activity_of(f, AS_OF) is Activity.LAPSED


# Precedence documented on activity_of: lapsed > due > lapsing > active.
@pytest.mark.parametrize(
    ("last", "expected"),
    [
        (AS_OF - timedelta(days=30), Activity.DUE),  # due beats active
        (LAPSING_EDGE, Activity.DUE),  # due beats lapsing: a caring reason to call
        (LAPSED_EDGE + timedelta(days=1), Activity.DUE),
        (LAPSED_EDGE, Activity.LAPSED),  # lapsed beats due
        (date(2015, 1, 1), Activity.LAPSED),
        (None, Activity.DUE),  # undated opening balance with a recall due
    ],
)
def test_activity_precedence_with_a_recall_due(last: date | None, expected: Activity) -> None:
    if last is None:
        f = facts(opening_visits=1, recall_due=True)
    else:
        f = paying(last, recall_due=True)
    assert activity_of(f, AS_OF) is expected


def test_activity_months_are_configurable() -> None:
    settings = Settings(lapsing_months=6, lapsed_months=9)
    assert activity_of(paying(add_months(AS_OF, -6) + timedelta(days=1)), AS_OF, settings) is Activity.ACTIVE
    assert activity_of(paying(add_months(AS_OF, -6)), AS_OF, settings) is Activity.LAPSING
    assert activity_of(paying(add_months(AS_OF, -9) + timedelta(days=1)), AS_OF, settings) is Activity.LAPSING
    assert activity_of(paying(add_months(AS_OF, -9)), AS_OF, settings) is Activity.LAPSED
    # the defaults would still call a 9-month-old purchase active
    assert activity_of(paying(add_months(AS_OF, -9)), AS_OF) is Activity.ACTIVE


def test_three_year_lapse_like_dental_practice_systems() -> None:
    settings = Settings(lapsing_months=18, lapsed_months=36)
    assert activity_of(paying(add_months(AS_OF, -18)), AS_OF, settings) is Activity.LAPSING
    assert activity_of(paying(add_months(AS_OF, -30)), AS_OF, settings) is Activity.LAPSING
    assert activity_of(paying(add_months(AS_OF, -36)), AS_OF, settings) is Activity.LAPSED


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=0, max_value=3000),
    st.booleans(),
    st.integers(min_value=1, max_value=60),
    st.integers(min_value=1, max_value=60),
)
def test_activity_agrees_with_no_purchase_for_n_months(
    as_of: date, days_ago: int, recall_due: bool, lapsing: int, extra: int
) -> None:
    settings = Settings(lapsing_months=lapsing, lapsed_months=min(120, lapsing + extra))
    last = as_of - timedelta(days=days_ago)
    activity = activity_of(paying(last, recall_due=recall_due), as_of, settings)

    def quiet_for(months: int) -> bool:
        return last <= add_months(as_of, -months)

    if quiet_for(settings.lapsed_months):
        assert activity is Activity.LAPSED
        # never early: N full calendar months have passed since the purchase under any reading
        assert add_months(last, settings.lapsed_months) <= as_of
    elif recall_due:
        assert activity is Activity.DUE
    elif quiet_for(settings.lapsing_months):
        assert activity is Activity.LAPSING
        assert add_months(last, settings.lapsing_months) <= as_of
    else:
        assert activity is Activity.ACTIVE
    # For days every month has, both readings of "N months" are the same day.
    if last.day <= 28:
        assert quiet_for(settings.lapsed_months) == (add_months(last, settings.lapsed_months) <= as_of)


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=0, max_value=2000),
    st.integers(min_value=1, max_value=400),
)
def test_activity_only_worsens_as_time_passes(last: date, gap: int, later: int) -> None:
    order = [Activity.ACTIVE, Activity.LAPSING, Activity.LAPSED]
    as_of = last + timedelta(days=gap)
    now = activity_of(paying(last), as_of)
    then = activity_of(paying(last), as_of + timedelta(days=later))
    assert order.index(then) >= order.index(now)


def test_opening_spend_without_a_count_is_one_occasion() -> None:
    from clinic_desktop.core.batch import opening_occasions_column
    from clinic_desktop.core.lifecycle import opening_occasions

    assert opening_occasions(0, 0) == 0
    assert opening_occasions(0, 1) == 1
    assert opening_occasions(3, 0) == 3
    assert opening_occasions(3, 500) == 3
    cases = [(0, 0), (0, 1), (3, 0), (3, 500), (0, 2_600_000), (7, 1)]
    visits = np.array([v for v, _ in cases], dtype=np.int64)
    spend = np.array([s for _, s in cases], dtype=np.int64)
    assert opening_occasions_column(visits, spend).tolist() == [opening_occasions(v, s) for v, s in cases]
