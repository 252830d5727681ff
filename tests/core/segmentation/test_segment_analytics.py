"""The 分群 numbers (core.segment_analytics) on a small clinic computed by hand."""

from __future__ import annotations

import numpy as np

from clinic_desktop.core.analytics import PatientColumns
from clinic_desktop.core.batch import NO_TIER
from clinic_desktop.core.segmentation.segment_analytics import (
    group_mask,
    knowledge_mask,
    rule_tag_mask,
    segment_mask,
    segment_view,
)
from clinic_desktop.core.segments import SEGMENTS


def ints(values: list[int]) -> np.ndarray:
    return np.array(values, dtype=np.int64)


# patient:      1     2     3     4     5     6
SEGMENT = ["expert_price", "expert_quality", "expert_quality", "novice_price", "unknown", "unknown"]
SPEND = [100, 500, 300, 100, 0, 0]  # window, fen
TIER = [1, 0, 2, 3, NO_TIER, NO_TIER]  # B, A, C, D, none, none
KNOWLEDGE = [1, 1, 1, 2, 0, 1]  # expert ×4, novice, none
TAGS = [0b00001, 0b01000, 0, 0b00011, 0b00100, 0]  # price_sensitive; high_ticket; -; price+no_show; minor


def columns() -> PatientColumns:
    n = len(SEGMENT)
    zero = ints([0] * n)
    return PatientColumns(
        patient_id=ints(list(range(1, n + 1))), sources=("",), source=zero, contact_day=zero, stage=zero,
        purchases=zero, first_purchase=zero, spend_window_fen=ints(SPEND), spend_total_fen=ints(SPEND),
        e=zero, r=zero, s=zero, tier=ints(TIER), converted_referrals=zero, referral_spend_fen=zero,
        segment=ints([SEGMENTS.index(s) for s in SEGMENT]),  # type: ignore[arg-type]
        knowledge=ints(KNOWLEDGE), rule_tags=ints(TAGS),
    )  # fmt: skip


def test_rows_groups_knowledge_and_tags() -> None:
    view = segment_view(columns())
    assert view.counts() == {
        "expert_price": 1, "expert_quality": 2, "novice_follower": 0, "novice_price": 1, "unknown": 2
    }  # fmt: skip
    assert sum(view.counts().values()) == 6
    quality = view.rows[1]
    assert (quality.revenue_fen, quality.revenue_share, quality.patient_share, quality.paying) == (
        800,
        0.8,
        0.3333,
        2,
    )
    assert quality.tiers == {"A": 1, "B": 0, "C": 1, "D": 0, "none": 0}
    assert view.rows[4].tiers["none"] == 2 and view.rows[4].revenue_share == 0.0
    assert view.group_counts() == {"incentive": 2, "high_value": 2}
    assert view.groups[0].revenue_fen == 200 and view.groups[0].revenue_share == 0.2
    assert view.knowledge == {"expert": 4, "novice": 1, "unknown": 1}
    assert view.rule_tags == {
        "price_sensitive": 2, "no_show": 1, "minor": 1, "high_ticket": 1, "lapsed_high_value": 0
    }  # fmt: skip


def test_masks_list_exactly_the_counted_patients() -> None:
    cols = columns()
    view = segment_view(cols)
    for row in view.rows:
        assert int(segment_mask(cols, row.segment).sum()) == row.patients
        for tier, n in row.tiers.items():
            assert int(segment_mask(cols, row.segment, tier).sum()) == n
    assert cols.patient_id[group_mask(cols, "incentive")].tolist() == [1, 4]
    assert cols.patient_id[knowledge_mask(cols, "unknown")].tolist() == [5]
    assert cols.patient_id[rule_tag_mask(cols, "price_sensitive")].tolist() == [1, 4]


def test_columns_without_segments_read_are_unknown() -> None:
    zero = ints([0, 0])
    cols = PatientColumns(
        patient_id=ints([1, 2]), sources=("",), source=zero, contact_day=zero, stage=zero, purchases=zero,
        first_purchase=zero, spend_window_fen=zero, spend_total_fen=zero, e=zero, r=zero, s=zero,
        tier=ints([NO_TIER, NO_TIER]), converted_referrals=zero, referral_spend_fen=zero,
    )  # fmt: skip
    view = segment_view(cols)
    assert view.counts()["unknown"] == 2 and view.knowledge["unknown"] == 2
    assert len(cols.subset(np.array([True, False])).segment) == 1
