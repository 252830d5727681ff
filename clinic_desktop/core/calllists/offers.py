"""Offer matching — the right coupon for the right patient (seed article, 细节三 不分人).

Two mistakes the seed names: an unconditional coupon to patient A, who is already booked (margin lost; the
contact policy keeps booked patients off every promotional list), and a high-threshold coupon to patient B,
gone for years (ignored). The documented rule here:

- An offer without a threshold (``threshold_fen == 0``) fits everyone.
- Otherwise the threshold must fit the patient's **average ticket** (lifetime spend ÷ purchase occasions):
  at most 1.5 × the average ticket for an active patient, at most 1.0 × for a lapsing or lapsed one —
  someone who has drifted away needs a reason to come back, not a stretch target.
- A patient who never bought has no average ticket: they get the lowest-threshold offer available.
- Offers are tried from the highest threshold down; the first that fits is suggested. When none fits, the
  list suggests no coupon at all (the call is still a care call).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from clinic_desktop.core.money import format_yuan

#: threshold ≤ this × average ticket for an active patient (numerator, denominator: exact integers)
ACTIVE_RATIO = (3, 2)
#: … and for a lapsing or lapsed patient
LAPSED_RATIO = (1, 1)
LAPSED_ACTIVITIES = frozenset({"lapsing", "lapsed"})


@dataclass(frozen=True, slots=True)
class Offer:
    """E.g. 满 3000 减 300: ``Offer("种植季：满 3000 元减 300 元", 300_000, 30_000)``."""

    text: str
    threshold_fen: int = 0
    discount_fen: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "threshold_fen": self.threshold_fen, "discount_fen": self.discount_fen}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Offer:
        return cls(str(data["text"]), int(data.get("threshold_fen", 0)), int(data.get("discount_fen", 0)))

    def label_zh(self) -> str:
        if self.threshold_fen <= 0:
            return self.text
        return f"{self.text}（门槛 {format_yuan(self.threshold_fen)}）"


def average_ticket_fen(spend_total_fen: int, purchases: int) -> int | None:
    """Lifetime spend per purchase occasion, or ``None`` for a patient who never bought."""
    if purchases <= 0 or spend_total_fen <= 0:
        return None
    return spend_total_fen // purchases


def offer_fits(offer: Offer, average_ticket: int | None, activity: str) -> bool:
    if offer.threshold_fen <= 0:
        return True
    if average_ticket is None:
        return False
    num, den = LAPSED_RATIO if activity in LAPSED_ACTIVITIES else ACTIVE_RATIO
    return offer.threshold_fen * den <= average_ticket * num


def match_offer(offers: Sequence[Offer], average_ticket: int | None, activity: str) -> Offer | None:
    """The highest-threshold offer that fits this patient (module docstring), or ``None``."""
    return offer_matcher(offers)(average_ticket, activity)


def offer_matcher(offers: Sequence[Offer]) -> Callable[[int | None, str], Offer | None]:
    """:func:`match_offer` over the same offers for a whole list: they are put in order once, not per row."""
    ordered = sorted(offers, key=lambda o: o.threshold_fen, reverse=True)

    def match(average_ticket: int | None, activity: str) -> Offer | None:
        if not ordered:
            return None
        if average_ticket is None:
            return ordered[-1]
        for offer in ordered:
            if offer_fits(offer, average_ticket, activity):
                return offer
        return None

    return match
