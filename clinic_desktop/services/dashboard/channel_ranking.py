"""Which source channel is best and which worst (渠道质量, PRODUCT §6) — or why none is named.

Judged by revenue per patient the channel brought (收入 ÷ 患者数): it folds the buying rate, the repeat
rate and the spend into the one number an owner weighs against what a channel costs. Channels too small
to judge (fewer than :func:`min_patients` patients) and the unrecorded source are left out, so one lucky
patient does not crown a channel. And no verdict at all when it would be noise: with fewer than two
channels to compare, when nobody has paid yet (every channel ¥0 — a freshly imported clinic without its
spend was shown a "best" and a "worst" channel of ¥0 each), or when the top and bottom are equal.
"""

from __future__ import annotations

from dataclasses import dataclass

from clinic_desktop.core.analytics import ChannelRow

__all__ = ["ChannelVerdict", "channel_verdict", "min_patients", "per_patient_fen"]


def per_patient_fen(row: ChannelRow) -> int:
    """The channel's revenue per patient it brought, in fen (0 without patients)."""
    return 0 if row.patients == 0 else round(row.revenue_fen / row.patients)


def min_patients(total: int) -> int:
    """A channel needs this many patients to be called best or worst: 1% of the clinic, at least 5."""
    return max(5, total // 100)


@dataclass(frozen=True)
class ChannelVerdict:
    """The best and worst channel, or both None with ``why`` — "few" (too few channels or patients to
    judge), "unpaid" (nobody has paid yet) or "equal" (they all bring the same)."""

    best: ChannelRow | None
    worst: ChannelRow | None
    why: str | None = None


def channel_verdict(rows: list[ChannelRow]) -> ChannelVerdict:
    total = sum(r.patients for r in rows)
    judged = [r for r in rows if r.source and r.patients >= min_patients(total)]
    if len(judged) < 2:
        return ChannelVerdict(None, None, "few")
    if all(r.revenue_fen == 0 for r in judged):
        return ChannelVerdict(None, None, "unpaid")
    ranked = sorted(judged, key=lambda r: (per_patient_fen(r), r.buy_share, r.patients))
    best, worst = ranked[-1], ranked[0]
    if (per_patient_fen(best), best.buy_share) == (per_patient_fen(worst), worst.buy_share):
        return ChannelVerdict(None, None, "equal")
    return ChannelVerdict(best, worst)
