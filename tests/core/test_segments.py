"""Knowledge, price reading and the four segments of PRODUCT §4.1: every boundary."""

from __future__ import annotations

import pytest

from clinic_desktop.core.facts import PatientFacts
from clinic_desktop.core.segments import (
    SEGMENT_GROUPS,
    SEGMENTS,
    SHARE_SEGMENTS,
    Knowledge,
    PriceReading,
    Segment,
    knowledge_suggestion,
    patient_segment,
    price_reading,
    segment_of,
    segment_reason,
)
from clinic_desktop.core.settings import Settings

S, N, U = PriceReading.PRICE_SENSITIVE, PriceReading.NOT_PRICE_SENSITIVE, PriceReading.UNKNOWN


@pytest.mark.parametrize(
    ("occasions", "coupons", "expected"),
    [
        (0, 0, U),
        (1, 1, U),  # one occasion, even with a coupon, is not a habit
        (2, 0, N),
        (2, 1, S),  # exactly 50% is sensitive (≥ 50%)
        (2, 2, S),
        (3, 1, N),  # 33%
        (3, 2, S),
        (100, 49, N),  # 49% just below
        (100, 50, S),
        (7, 4, S),  # 57%
        (7, 3, N),  # 42.9%
    ],
)
def test_price_reading_boundaries(occasions: int, coupons: int, expected: PriceReading) -> None:
    assert price_reading(occasions, coupons) is expected


def test_price_reading_follows_its_settings() -> None:
    strict = Settings(price_sensitive_min_purchases=3, price_sensitive_coupon_percent=67)
    assert price_reading(2, 2, strict) is U
    assert price_reading(3, 2, strict) is N  # 66.7% < 67%
    assert price_reading(3, 3, strict) is S
    assert price_reading(100, 67, strict) is S


@pytest.mark.parametrize(
    ("knowledge", "reading", "segment"),
    [
        (Knowledge.EXPERT, S, Segment.EXPERT_PRICE),
        (Knowledge.EXPERT, N, Segment.EXPERT_QUALITY),
        (Knowledge.EXPERT, U, Segment.UNKNOWN),
        (Knowledge.NOVICE, S, Segment.NOVICE_PRICE),
        (Knowledge.NOVICE, N, Segment.NOVICE_FOLLOWER),
        (Knowledge.NOVICE, U, Segment.UNKNOWN),
        (None, S, Segment.UNKNOWN),
        (None, N, Segment.UNKNOWN),
        (None, U, Segment.UNKNOWN),
        ("expert", N, Segment.EXPERT_QUALITY),  # the stored text works too
    ],
)
def test_every_segment(knowledge: Knowledge | str | None, reading: PriceReading, segment: Segment) -> None:
    assert segment_of(knowledge, reading) is segment


def test_segment_of_a_patient_reads_the_window_occasions() -> None:
    expert = PatientFacts(1, knowledge="expert", window_purchases=4, coupon_purchases=1)
    assert patient_segment(expert) is Segment.EXPERT_QUALITY
    assert patient_segment(PatientFacts(2, knowledge="novice", window_purchases=4, coupon_purchases=2)) is (
        Segment.NOVICE_PRICE
    )
    # lifetime purchases do not count: the reading is about the ERS window
    assert patient_segment(PatientFacts(3, knowledge="expert", purchase_days=9, window_purchases=1)) is (
        Segment.UNKNOWN
    )


def test_groups_and_share_segments() -> None:
    assert SEGMENTS[-1] is Segment.UNKNOWN and len(SEGMENTS) == 5
    assert SEGMENT_GROUPS == {
        "incentive": (Segment.EXPERT_PRICE, Segment.NOVICE_PRICE),
        "high_value": (Segment.EXPERT_QUALITY,),
    }
    assert SHARE_SEGMENTS == {Segment.EXPERT_PRICE, Segment.NOVICE_PRICE}


def test_segment_reason_names_both_halves() -> None:
    assert (
        segment_reason("expert", 5, 3)
        == "认知：懂行（员工记录）；近 24 个月 5 次消费中 3 次用券（60%） → 价格敏感"
    )
    assert (
        segment_reason(None, 1, 0) == "认知：未记录（员工记录）；近 24 个月消费 1 次，不足 2 次，价格偏好未知"
    )
    assert segment_reason("novice", 4, 1, english=True) == (
        "knowledge: Not so knowledgeable (recorded by staff); coupons on 1 of 4 purchases"
        " (last 24 months, 25%) → not price-sensitive"
    )


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (PatientFacts(1, consults=3), Knowledge.EXPERT),
        (PatientFacts(1, consults=2), None),
        (PatientFacts(1, consults=2, purchase_days=3), None),  # asked questions: no novice guess either
        (PatientFacts(1, consults=0, purchase_days=2), Knowledge.NOVICE),
        (PatientFacts(1, consults=0, purchase_days=1), None),
        (PatientFacts(1, consults=0, purchase_days=1, opening_visits=1), Knowledge.NOVICE),
        (PatientFacts(1, consults=9, knowledge="novice"), None),  # recorded: never second-guessed
    ],
)
def test_knowledge_suggestion(facts: PatientFacts, expected: Knowledge | None) -> None:
    assert knowledge_suggestion(facts) is expected


def test_knowledge_suggestion_threshold_is_a_setting() -> None:
    assert knowledge_suggestion(PatientFacts(1, consults=5), Settings(knowledge_hint_consults=6)) is None
    assert knowledge_suggestion(PatientFacts(1, consults=6), Settings(knowledge_hint_consults=6)) is (
        Knowledge.EXPERT
    )
