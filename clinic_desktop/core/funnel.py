"""Lifecycle funnel arithmetic (PRODUCT §6, §8 ``report``).

``reached`` counts patients at a stage *or beyond*; ``conversion`` is reached / the previous stage's
reached (``None`` for the first stage, and when the previous stage reached nobody).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from clinic_desktop.core.lifecycle import STAGES, Stage


@dataclass(frozen=True, slots=True)
class FunnelStep:
    stage: Stage
    reached: int
    conversion: float | None


def funnel(stage_counts: Mapping[Stage, int]) -> list[FunnelStep]:
    steps: list[FunnelStep] = []
    remaining = sum(stage_counts.get(s, 0) for s in STAGES)
    previous: int | None = None
    for stage in STAGES:
        reached = remaining
        remaining -= stage_counts.get(stage, 0)
        if previous is None or previous == 0:
            conversion = None
        else:
            conversion = round(reached / previous, 4)
        steps.append(FunnelStep(stage, reached, conversion))
        previous = reached
    return steps


def end_to_end(steps: list[FunnelStep]) -> float | None:
    """Share of the first stage's patients who reached the last stage."""
    if not steps or steps[0].reached == 0:
        return None
    return round(steps[-1].reached / steps[0].reached, 4)


def what_if(steps: list[FunnelStep], uplift: float) -> float | None:
    """End-to-end conversion if every step converted ``uplift`` better (capped at 1.0).

    The 0.9⁴ = 65.6% lesson: small losses at every step multiply.
    """
    rates = [s.conversion for s in steps[1:]]
    if not rates or any(r is None for r in rates):
        return None
    product = 1.0
    for rate in rates:
        assert rate is not None
        product *= min(1.0, rate + uplift)
    return round(product, 4)


def what_if_reached(steps: list[FunnelStep], uplift: float) -> list[float] | None:
    """How many would reach each stage if every step converted ``uplift`` better (capped at 1.0).

    The first stage keeps its patients; for drawing the "what if" funnel beside the real one.
    """
    if not steps or any(s.conversion is None for s in steps[1:]):
        return None
    projected = [float(steps[0].reached)]
    for step in steps[1:]:
        assert step.conversion is not None
        projected.append(projected[-1] * min(1.0, step.conversion + uplift))
    return projected
