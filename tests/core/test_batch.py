"""The column-wise rules (core.batch) agree with the scalar reference rules on any clinic."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_desktop.core.batch import (
    ACTIVITIES,
    NO_S,
    NO_TIER,
    FactsTable,
    compute_batch,
    day_number,
    from_day_number,
)
from clinic_desktop.core.ers import TIERS, SpendRanking, score_patient
from clinic_desktop.core.facts import PatientFacts
from clinic_desktop.core.lifecycle import STAGES, Stage, activity_of, stage_of
from clinic_desktop.core.settings import Settings

AS_OF = date(2026, 11, 22)

days = st.one_of(st.none(), st.integers(0, 3000).map(lambda n: AS_OF - timedelta(days=n)))


@st.composite
def patient_facts(draw: st.DrawFn, patient_id: int) -> PatientFacts:
    purchase_days = draw(st.integers(0, 4))
    opening = draw(st.sampled_from([0, 0, 0, 1, 3]))
    last = draw(days) if purchase_days or opening else None
    count = draw(st.integers(0, 3))
    return PatientFacts(
        patient_id=patient_id,
        purchase_days=purchase_days,
        opening_visits=opening,
        last_purchase=last,
        first_purchase=last,
        spend_window_fen=draw(st.sampled_from([0, 0, 100, 5_000, 5_000, 30_000, 1_200_000])) if last else 0,
        spend_total_fen=draw(st.integers(0, 10**7)),
        interactions=draw(st.integers(0, 3)),
        consults=draw(st.integers(0, 1)),
        appointments=draw(st.integers(0, 1)),
        survey_sum=draw(st.integers(count, 5 * count)),
        survey_count=count,
        manual_vip=draw(st.booleans()),
        referrals=(refs := draw(st.integers(0, 7))),
        converted_referrals=draw(st.integers(0, refs)),
        referral_spend_fen=draw(st.integers(0, 10**6)),
        recall_due=draw(st.booleans()),
    )


@st.composite
def clinics(draw: st.DrawFn) -> tuple[list[PatientFacts], frozenset[int]]:
    n = draw(st.integers(0, 40))
    facts = [draw(patient_facts(i + 1)) for i in range(n)]
    archived = frozenset(draw(st.sets(st.integers(1, max(n, 1)), max_size=3))) if n else frozenset()
    return facts, archived


weights = st.sampled_from(
    [Settings(), Settings(weight_e="0.4", weight_r="0.205", weight_s="0.395"), Settings(ers_window_months=0)]
)


@settings(max_examples=150, deadline=None)
@given(clinics(), weights)
def test_batch_equals_scalar_rules(
    clinic: tuple[list[PatientFacts], frozenset[int]], config: Settings
) -> None:
    facts, archived = clinic
    table = FactsTable.from_facts(facts, archived)
    got = compute_batch(table, AS_OF, config)
    ranking = SpendRanking(f.spend_window_fen for f in facts if f.patient_id not in archived)
    assert got.paying == ranking.paying
    assert got.top20_share() == ranking.top20_share()
    for i, f in enumerate(facts):
        ers = score_patient(
            ranking,
            f.spend_window_fen,
            f.referrals,
            f.converted_referrals,
            f.survey_sum,
            f.survey_count,
            config,
        )
        assert (int(got.e[i]), int(got.r[i])) == (ers.e, ers.r)
        assert (None if got.s[i] == NO_S else int(got.s[i])) == ers.s
        assert int(got.composite_centi[i]) == int(ers.composite * 100)
        assert (None if got.tier[i] == NO_TIER else TIERS[got.tier[i]]) == ers.tier
        assert got.flags(i) == ers.flags
        assert STAGES[got.stage[i]] == stage_of(f, ers.tier is not None and ers.tier.value == "A")
        assert ACTIVITIES[got.activity[i]] == activity_of(f, AS_OF, config)


def test_round_trip_of_a_row() -> None:
    f = PatientFacts(
        7,
        purchase_days=2,
        last_purchase=date(2026, 1, 2),
        first_purchase=date(2025, 1, 1),
        survey_sum=9,
        survey_count=2,
    )
    table = FactsTable.from_facts([f])
    assert table.facts(0) == f
    assert from_day_number(day_number(None)) is None
    assert from_day_number(day_number(date(2026, 1, 2))) == date(2026, 1, 2)


def test_empty_clinic() -> None:
    import numpy as np

    got = compute_batch(FactsTable.zeros(np.zeros(0, dtype=np.int64)), AS_OF)
    assert got.paying == 0 and got.top20_share() == 0.0 and len(got.stage) == 0
    assert Stage.STRANGER in STAGES
