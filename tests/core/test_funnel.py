"""Lifecycle funnel arithmetic (PRODUCT §6 and the §8 ``report`` JSON)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic_desktop.core.funnel import FunnelStep, end_to_end, funnel, what_if, what_if_reached
from clinic_desktop.core.lifecycle import STAGES, Stage


def counts(*values: int) -> dict[Stage, int]:
    """Patients *at* each stage, stranger first."""
    return dict(zip(STAGES, values, strict=True))


def reached(steps: list[FunnelStep]) -> list[int]:
    return [s.reached for s in steps]


def conversions(steps: list[FunnelStep]) -> list[float | None]:
    return [s.conversion for s in steps]


def test_one_step_per_stage_in_funnel_order() -> None:
    steps = funnel(counts(1, 1, 1, 1, 1, 1))
    assert [s.stage for s in steps] == [
        Stage.STRANGER,
        Stage.POTENTIAL,
        Stage.INTENT,
        Stage.CUSTOMER,
        Stage.REPEAT,
        Stage.VIP,
    ]


def test_reached_counts_patients_at_the_stage_or_beyond() -> None:
    steps = funnel(counts(5, 4, 3, 2, 1, 0))
    assert reached(steps) == [15, 10, 6, 3, 1, 0]


def test_conversion_is_reached_over_previous_reached_and_none_first() -> None:
    steps = funnel(counts(5, 4, 3, 2, 1, 0))
    assert conversions(steps) == [
        None,
        pytest.approx(10 / 15, abs=1e-4),
        0.6,
        0.5,
        pytest.approx(1 / 3, abs=1e-4),
        0.0,
    ]


def test_conversion_is_rounded_to_four_decimals() -> None:
    steps = funnel(counts(5, 4, 3, 2, 1, 0))
    assert steps[1].conversion == 0.6667
    assert steps[4].conversion == 0.3333


def test_missing_stages_count_as_zero() -> None:
    steps = funnel({Stage.REPEAT: 2, Stage.STRANGER: 8})
    assert reached(steps) == [10, 2, 2, 2, 2, 0]
    assert conversions(steps) == [None, 0.2, 1.0, 1.0, 1.0, 0.0]


def test_conversion_after_a_stage_nobody_reached_is_none() -> None:
    steps = funnel({Stage.STRANGER: 3})
    assert reached(steps) == [3, 0, 0, 0, 0, 0]
    # 0 of 3 strangers became potential: a real 0%; after that there is nobody to convert.
    assert conversions(steps) == [None, 0.0, None, None, None, None]


def test_empty_funnel() -> None:
    steps = funnel({})
    assert reached(steps) == [0] * 6
    assert conversions(steps) == [None] * 6
    assert end_to_end(steps) is None
    assert what_if(steps, 0.1) is None


def test_everybody_vip() -> None:
    steps = funnel({Stage.VIP: 7})
    assert reached(steps) == [7] * 6
    assert conversions(steps) == [None, 1.0, 1.0, 1.0, 1.0, 1.0]
    assert end_to_end(steps) == 1.0
    assert what_if(steps, 0.1) == 1.0


def test_end_to_end_is_last_over_first() -> None:
    steps = funnel(counts(5, 4, 3, 2, 1, 0))
    assert end_to_end(steps) == 0.0
    steps = funnel(counts(50, 20, 15, 10, 3, 2))
    assert end_to_end(steps) == 0.02
    steps = funnel(counts(0, 0, 0, 1, 1, 1))
    assert end_to_end(steps) == pytest.approx(1 / 3, abs=1e-4)
    assert end_to_end([]) is None


# The seed article's lesson: four steps at 0.9 keep only 0.9⁴ = 65.61%.
# reached 10000 → 9000 → 8100 → 7290 → 6561, and every repeat patient is a VIP.
SEED = counts(1000, 900, 810, 729, 0, 6561)


def test_seed_article_four_steps_at_ninety_percent() -> None:
    steps = funnel(SEED)
    assert reached(steps) == [10000, 9000, 8100, 7290, 6561, 6561]
    assert conversions(steps) == [None, 0.9, 0.9, 0.9, 0.9, 1.0]
    assert end_to_end(steps) == 0.6561
    assert what_if(steps, 0.0) == 0.6561


def test_what_if_every_step_converted_a_tenth_better() -> None:
    # 0.8⁴ = 40.96% today; if every step converted 0.1 better it would be 0.9⁴ = 65.61%.
    steps = funnel(counts(2000, 1600, 1280, 1024, 0, 4096))
    assert conversions(steps) == [None, 0.8, 0.8, 0.8, 0.8, 1.0]
    assert end_to_end(steps) == 0.4096
    assert what_if(steps, 0.1) == 0.6561  # the last step is already 1.0 and stays capped there


def test_what_if_caps_every_step_at_one() -> None:
    steps = funnel(SEED)
    assert what_if(steps, 0.1) == 1.0
    assert what_if(steps, 0.5) == 1.0


def test_what_if_mixed_rates() -> None:
    # 61/161, 56/61, 16/56, 4/16, 1/4: each +0.1 (56/61 + 0.1 is capped at 1.0), then multiplied
    steps = funnel(counts(100, 5, 40, 12, 3, 1))
    assert reached(steps) == [161, 61, 56, 16, 4, 1]
    rates = [s.conversion for s in steps[1:]]
    assert all(r is not None for r in rates)
    expected = math.prod(min(1.0, r + 0.1) for r in rates if r is not None)
    assert what_if(steps, 0.1) == round(expected, 4)


def test_what_if_is_none_when_a_step_is_undefined() -> None:
    assert what_if(funnel({Stage.STRANGER: 3}), 0.1) is None


def test_what_if_without_steps_is_none() -> None:
    assert what_if([], 0.1) is None
    assert what_if(funnel(SEED)[:1], 0.1) is None


stage_counts = st.fixed_dictionaries({s: st.integers(min_value=0, max_value=10_000) for s in STAGES})


@given(stage_counts)
def test_funnel_invariants(data: dict[Stage, int]) -> None:
    steps = funnel(data)
    r = reached(steps)
    assert r[0] == sum(data.values())
    assert all(a >= b for a, b in zip(r, r[1:], strict=False))
    # reached at a stage minus reached at the next is the number *at* that stage
    for i, stage in enumerate(STAGES):
        beyond = r[i + 1] if i + 1 < len(r) else 0
        assert r[i] - beyond == data[stage]
    assert steps[0].conversion is None
    for prev, step in zip(steps, steps[1:], strict=False):
        if prev.reached == 0:
            assert step.conversion is None
        else:
            assert step.conversion == round(step.reached / prev.reached, 4)
            assert 0.0 <= step.conversion <= 1.0


@given(stage_counts, st.floats(min_value=0.0, max_value=1.0))
def test_what_if_never_worse_and_never_above_one(data: dict[Stage, int], uplift: float) -> None:
    steps = funnel(data)
    now = what_if(steps, 0.0)
    better = what_if(steps, uplift)
    if now is None:
        assert better is None
        return
    assert better is not None
    assert 0.0 <= now <= better <= 1.0
    e2e = end_to_end(steps)
    assert e2e is not None
    # The product of the (4-decimal) step conversions is the end-to-end conversion, up to rounding.
    assert now == pytest.approx(e2e, abs=5e-4)


def test_what_if_reached_projects_every_stage() -> None:
    steps = funnel(counts(2000, 1600, 1280, 1024, 0, 4096))
    projected = what_if_reached(steps, 0.1)
    assert projected == pytest.approx([10000, 9000, 8100, 7290, 6561, 6561])
    assert what_if_reached(steps, 0.0) == pytest.approx([s.reached for s in steps])
    assert what_if_reached(funnel({Stage.STRANGER: 3}), 0.1) is None
    assert what_if_reached([], 0.1) is None
