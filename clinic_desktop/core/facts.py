"""Per-patient facts: the plain numbers the database aggregates and the rules consume.

The database layer fills these with set-based SQL; the rules in ``lifecycle`` and ``ers`` never see an ORM
object, so they are tested exhaustively without a database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(slots=True)
class PatientFacts:
    """Not frozen: building 100,000 of these per recompute, a frozen dataclass's ``object.__setattr__``
    per field is measurable. Treat instances as read-only all the same."""

    patient_id: int
    #: calendar days with at least one visit of amount > 0 (several line items on one day count once)
    purchase_days: int = 0
    #: opening-balance visit count from an import; adds to the purchase occasions
    opening_visits: int = 0
    #: the latest purchase day, the opening-balance last visit date included
    last_purchase: date | None = None
    first_purchase: date | None = None
    #: spend inside the ERS window (opening-balance spend counted on its last-visit date)
    spend_window_fen: int = 0
    #: lifetime spend, opening balance included
    spend_total_fen: int = 0
    #: interactions of any kind
    interactions: int = 0
    #: consult or quote interactions
    consults: int = 0
    #: appointments of any status
    appointments: int = 0
    #: sum and count of the overall scores of the patient's last (up to) three surveys
    survey_sum: int = 0
    survey_count: int = 0
    manual_vip: bool = False
    #: patients whose referred-by is this patient, and how many of them have a purchase
    referrals: int = 0
    converted_referrals: int = 0
    referral_spend_fen: int = 0
    #: a recall (treatment with a recall interval) falls due inside the recall window
    recall_due: bool = False
    # What the rule-derived tags and the segment read (PRODUCT §4.1):
    #: purchase occasions inside the ERS window (an opening balance counts on its last-visit date)
    window_purchases: int = 0
    #: of those, the occasions with a visit line that names a coupon or campaign
    coupon_purchases: int = 0
    #: appointments marked no-show in the last ``no_show_months`` months
    no_shows: int = 0
    #: the day ages count from (a birth month or year as its last day: core.dates.birth_for_age)
    birth_date: date | None = None
    #: what the staff recorded: "expert" 懂行, "novice" 不太懂, or None (unknown)
    knowledge: str | None = None

    @property
    def purchases(self) -> int:
        """Purchase occasions of PRODUCT §3: purchase days plus opening-balance visits."""
        return self.purchase_days + self.opening_visits
