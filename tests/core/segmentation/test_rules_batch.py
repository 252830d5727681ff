"""The column-wise rule tags and segments (core.rules_batch) agree with the scalar reference on any clinic."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_desktop.core.batch import FactsTable, compute_batch
from clinic_desktop.core.facts import PatientFacts
from clinic_desktop.core.segmentation.rule_tags import RuleInput, clinic_norms, keys_of, rule_tags_of
from clinic_desktop.core.segmentation.rules_batch import compute_rules, minor_mask
from clinic_desktop.core.segments import PRICE_READINGS, SEGMENTS, patient_segment, price_reading
from clinic_desktop.core.settings import Settings

AS_OF = date(2026, 11, 22)

days = st.one_of(st.none(), st.integers(0, 1500).map(lambda n: AS_OF - timedelta(days=n)))
births = st.one_of(
    st.none(),
    st.integers(-30, 40 * 366).map(lambda n: AS_OF - timedelta(days=n)),  # a few after as-of
    st.sampled_from([date(2012, 2, 29), date(2012, 11, 22), date(2012, 11, 23), date(2016, 2, 29)]),
)


@st.composite
def patient_facts(draw: st.DrawFn, patient_id: int) -> PatientFacts:
    purchase_days = draw(st.integers(0, 6))
    opening = draw(st.sampled_from([0, 0, 0, 1, 3]))
    last = draw(days) if purchase_days or opening else None
    window = draw(st.integers(0, purchase_days + opening))
    return PatientFacts(
        patient_id=patient_id,
        purchase_days=purchase_days,
        opening_visits=opening,
        last_purchase=last,
        first_purchase=last,
        spend_window_fen=draw(st.sampled_from([0, 100, 5_000, 30_000, 30_001, 60_000, 1_200_000]))
        if window
        else 0,
        spend_total_fen=draw(st.sampled_from([0, 100, 5_000, 90_000, 90_000, 2_000_000, 9_000_000])),
        consults=draw(st.integers(0, 4)),
        window_purchases=window,
        coupon_purchases=draw(st.integers(0, window)),
        no_shows=draw(st.integers(0, 3)),
        birth_date=draw(births),
        knowledge=draw(st.sampled_from([None, "expert", "novice"])),
        recall_due=draw(st.booleans()),
    )


@st.composite
def clinics(draw: st.DrawFn) -> tuple[list[PatientFacts], frozenset[int]]:
    n = draw(st.integers(0, 40))
    facts = [draw(patient_facts(i + 1)) for i in range(n)]
    archived = frozenset(draw(st.sets(st.integers(1, max(n, 1)), max_size=3))) if n else frozenset()
    return facts, archived


configs = st.sampled_from(
    [
        Settings(),
        Settings(
            price_sensitive_min_purchases=3,
            price_sensitive_coupon_percent=34,
            no_show_min=1,
            high_ticket_percent=150,
            lapsed_high_value_top_percent=50,
            lapsing_months=6,
            lapsed_months=9,
        ),
    ]
)


@settings(max_examples=150, deadline=None)
@given(clinics(), configs)
def test_batch_equals_scalar_rules(
    clinic: tuple[list[PatientFacts], frozenset[int]], config: Settings
) -> None:
    facts, archived = clinic
    table = FactsTable.from_facts(facts, archived)
    got = compute_rules(table, compute_batch(table, AS_OF, config), AS_OF, config)
    norms = clinic_norms([f for f in facts if f.patient_id not in archived], config)
    assert got.norms == norms
    for i, f in enumerate(facts):
        expected = tuple(t.key.value for t in rule_tags_of(RuleInput(f, AS_OF, config, norms)))
        assert keys_of(int(got.tags[i])) == expected, f
        assert PRICE_READINGS[got.price[i]] is price_reading(f.window_purchases, f.coupon_purchases, config)
        assert SEGMENTS[got.segment[i]] is patient_segment(f, config)


def test_facts_round_trip_with_the_new_columns() -> None:
    f = PatientFacts(3, window_purchases=2, coupon_purchases=1, no_shows=4, birth_date=date(2015, 1, 2))
    for knowledge in (None, "expert", "novice"):
        g = replace(f, knowledge=knowledge)
        assert FactsTable.from_facts([g]).facts(0) == g


def test_minor_mask_on_many_birthdays() -> None:
    from clinic_desktop.core.calllists.contact_policy import is_minor

    start = date(2008, 1, 1)
    births = [start + timedelta(days=k) for k in range(0, 6000, 7)] + [date(2012, 2, 29)]
    for as_of in (date(2026, 2, 28), date(2026, 3, 1), date(2024, 2, 29), AS_OF):
        numbers = np.array([b.toordinal() for b in births] + [0], dtype=np.int64)
        mask = minor_mask(numbers, as_of)
        assert mask.tolist() == [is_minor(b, as_of) for b in births] + [False]


def test_empty_clinic() -> None:
    table = FactsTable.zeros(np.zeros(0, dtype=np.int64))
    got = compute_rules(table, compute_batch(table, AS_OF), AS_OF)
    assert len(got.tags) == 0 and got.norms.median2_ticket_fen == 0
