"""The rules of PRODUCT §3–§4 for every patient at once, as NumPy column arithmetic.

The scalar functions in :mod:`lifecycle` and :mod:`ers` are the reference: they read like the spec and
explain one patient. Recomputing 100,000 patients through them costs about a second of interpreter time,
so this module applies the *same* rules column-wise, and a property-based test proves the two agree on
random clinics. Exactness is kept where it matters: E bands compare integers (5·greater < k·paying), and
the composite/tier of each (E, R, S) combination is looked up from a table built by the scalar, Decimal
:func:`~clinic_desktop.core.ers.composite` — no float ever decides a tier.

Dates are day numbers (``date.toordinal()``); ``NO_DAY`` (0) means "none".
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

import numpy as np
import numpy.typing as npt

from clinic_desktop.core.ers import TIERS, Flag, composite, tier_of
from clinic_desktop.core.facts import PatientFacts
from clinic_desktop.core.lifecycle import STAGES, Activity, Stage, activity_cutoffs
from clinic_desktop.core.segments import KNOWLEDGE_CODES, Knowledge
from clinic_desktop.core.settings import DEFAULTS, Settings

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

NO_DAY = 0
#: S column value when the patient has given no feedback
NO_S = 0
#: tier codes: index into TIERS, or NO_TIER
NO_TIER = -1
ACTIVITIES: tuple[Activity, ...] = (
    Activity.ACTIVE,
    Activity.DUE,
    Activity.LAPSING,
    Activity.LAPSED,
    Activity.NONE,
)


def day_number(day: date | None) -> int:
    return NO_DAY if day is None else day.toordinal()


def from_day_number(value: int) -> date | None:
    return None if value == NO_DAY else date.fromordinal(value)


@dataclass
class FactsTable:
    """:class:`PatientFacts` for many patients, one array per field, ordered by patient id."""

    patient_id: IntArray
    purchase_days: IntArray
    opening_visits: IntArray
    last_purchase: IntArray
    first_purchase: IntArray
    spend_window_fen: IntArray
    spend_total_fen: IntArray
    interactions: IntArray
    consults: IntArray
    appointments: IntArray
    survey_sum: IntArray
    survey_count: IntArray
    manual_vip: BoolArray
    referrals: IntArray
    converted_referrals: IntArray
    referral_spend_fen: IntArray
    recall_due: BoolArray
    archived: BoolArray
    # read by the rule-derived tags and the segment (core.rules_batch)
    window_purchases: IntArray
    coupon_purchases: IntArray
    no_shows: IntArray
    birth_date: IntArray  #: day number ages count from (core.dates.birth_for_age), NO_DAY when unknown
    knowledge: IntArray  #: index into segments.KNOWLEDGE_CODES (0: not recorded)

    def __len__(self) -> int:
        return len(self.patient_id)

    @classmethod
    def zeros(cls, patient_ids: IntArray) -> FactsTable:
        n = len(patient_ids)
        columns: dict[str, npt.NDArray[np.generic]] = {}
        for f in fields(cls):
            if f.name == "patient_id":
                columns[f.name] = np.asarray(patient_ids, dtype=np.int64)
            elif f.name in ("manual_vip", "recall_due", "archived"):
                columns[f.name] = np.zeros(n, dtype=np.bool_)
            else:
                columns[f.name] = np.zeros(n, dtype=np.int64)
        return cls(**columns)  # type: ignore[arg-type]

    @classmethod
    def from_facts(cls, facts: list[PatientFacts], archived: frozenset[int] = frozenset()) -> FactsTable:
        table = cls.zeros(np.array([f.patient_id for f in facts], dtype=np.int64))
        for i, f in enumerate(facts):
            for name in _SCALAR_FIELDS:
                getattr(table, name)[i] = getattr(f, name)
            table.last_purchase[i] = day_number(f.last_purchase)
            table.first_purchase[i] = day_number(f.first_purchase)
            table.archived[i] = f.patient_id in archived
            table.birth_date[i] = day_number(f.birth_date)
            table.knowledge[i] = KNOWLEDGE_CODES.index(
                None if f.knowledge is None else Knowledge(f.knowledge)
            )
        return table

    def facts(self, i: int) -> PatientFacts:
        """Row ``i`` as the scalar record the explanations and the reference rules take."""
        values = {name: getattr(self, name)[i].item() for name in _SCALAR_FIELDS}
        return PatientFacts(
            patient_id=int(self.patient_id[i]),
            last_purchase=from_day_number(int(self.last_purchase[i])),
            first_purchase=from_day_number(int(self.first_purchase[i])),
            birth_date=from_day_number(int(self.birth_date[i])),
            knowledge=_knowledge_value(int(self.knowledge[i])),
            **values,
        )

    @property
    def purchases(self) -> IntArray:
        return self.purchase_days + self.opening_visits


_SCALAR_FIELDS = tuple(
    f.name
    for f in fields(FactsTable)
    if f.name not in ("patient_id", "last_purchase", "first_purchase", "archived", "birth_date", "knowledge")
)


def _knowledge_value(code: int) -> str | None:
    value = KNOWLEDGE_CODES[code]
    return None if value is None else value.value


@dataclass
class MetricsTable:
    """The rules' results, one array per column, aligned with the :class:`FactsTable` they came from."""

    stage: IntArray  #: index into STAGES
    activity: IntArray  #: index into ACTIVITIES
    e: IntArray
    r: IntArray
    s: IntArray  #: NO_S (0) when unknown
    composite_centi: IntArray  #: composite × 100, exact
    tier: IntArray  #: index into TIERS, or NO_TIER
    koc: BoolArray
    at_risk: BoolArray
    no_feedback: BoolArray
    #: non-archived patients with spend in the window, and their window revenue
    paying: int
    revenue_fen: int
    top20_revenue_fen: int

    def top20_share(self) -> float:
        return 0.0 if self.revenue_fen == 0 else round(self.top20_revenue_fen / self.revenue_fen, 4)

    def flags(self, i: int) -> frozenset[Flag]:
        found = {Flag.KOC} if self.koc[i] else set()
        if self.at_risk[i]:
            found.add(Flag.AT_RISK)
        if self.no_feedback[i]:
            found.add(Flag.NO_FEEDBACK)
        return frozenset(found)


def opening_occasions_column(visits: IntArray, spend_fen: IntArray) -> IntArray:
    """:func:`~clinic_desktop.core.lifecycle.opening_occasions` for every patient at once (a test holds
    the two to the same answers)."""
    return np.where(visits > 0, visits, (spend_fen > 0).astype(np.int64)).astype(np.int64)


def e_scores(spend: IntArray, ranked: IntArray) -> tuple[IntArray, int]:
    """E for every ``spend`` against the window spends ``ranked`` (those of non-archived patients).

    Returns (E column, paying count). p = greater / paying; E5 when 5·greater < paying, and so on.
    """
    paying_spends = np.sort(ranked[ranked > 0])
    paying = len(paying_spends)
    if paying == 0:
        return np.zeros(len(spend), dtype=np.int64), 0
    greater5 = 5 * (paying - np.searchsorted(paying_spends, spend, side="right").astype(np.int64))
    e = np.select(
        [spend <= 0, greater5 < paying, greater5 < 2 * paying, greater5 < 3 * paying, greater5 < 4 * paying],
        [0, 5, 4, 3, 2],
        default=1,
    ).astype(np.int64)
    return e, paying


def r_scores(referrals: IntArray, converted: IntArray) -> IntArray:
    return np.select(
        [converted >= 5, converted >= 3, converted == 2, converted == 1, referrals > 0],
        [5, 4, 3, 2, 1],
        default=0,
    ).astype(np.int64)


def s_scores(survey_sum: IntArray, survey_count: IntArray) -> IntArray:
    """Half-up mean of the last three overall scores; NO_S where there is no survey."""
    safe = np.maximum(survey_count, 1)
    s = np.clip((2 * survey_sum + survey_count) // (2 * safe), 1, 5)
    return np.where(survey_count > 0, s, NO_S).astype(np.int64)


def _score_tables(settings: Settings) -> tuple[IntArray, IntArray]:
    """composite×100 and tier code for every (E, R, S) — S index 0 meaning unknown — from the scalar rules."""
    centi = np.zeros((6, 6, 6), dtype=np.int64)
    tier = np.full((6, 6, 6), NO_TIER, dtype=np.int64)
    for e in range(6):
        for r in range(6):
            for s in range(6):
                total = composite(e, r, s or None, settings)
                centi[e, r, s] = int(total * 100)
                t = tier_of(e, total, settings)
                tier[e, r, s] = NO_TIER if t is None else TIERS.index(t)
    return centi, tier


def compute_batch(facts: FactsTable, as_of: date, settings: Settings = DEFAULTS) -> MetricsTable:
    """Stage, activity and ERS for every row of ``facts`` as of ``as_of``."""
    e, paying = e_scores(facts.spend_window_fen, facts.spend_window_fen[~facts.archived])
    r = r_scores(facts.referrals, facts.converted_referrals)
    s = s_scores(facts.survey_sum, facts.survey_count)
    centi_table, tier_table = _score_tables(settings)
    centi = centi_table[e, r, s]
    tier = tier_table[e, r, s]

    purchases = facts.purchases
    top = (tier == TIERS.index(TIERS[0])) | facts.manual_vip
    stage = np.select(
        [
            purchases >= 2,
            purchases == 1,
            (facts.consults > 0) | (facts.appointments > 0),
            facts.interactions > 0,
        ],
        [
            np.where(top, STAGES.index(Stage.VIP), STAGES.index(Stage.REPEAT)),
            STAGES.index(Stage.CUSTOMER),
            STAGES.index(Stage.INTENT),
            STAGES.index(Stage.POTENTIAL),
        ],
        default=STAGES.index(Stage.STRANGER),
    ).astype(np.int64)

    lapsed_cut, lapsing_cut = (day.toordinal() for day in activity_cutoffs(as_of, settings))
    dated = facts.last_purchase != NO_DAY
    activity = np.select(
        [
            purchases <= 0,
            dated & (facts.last_purchase <= lapsed_cut),
            facts.recall_due,
            dated & (facts.last_purchase <= lapsing_cut),
        ],
        [
            ACTIVITIES.index(Activity.NONE),
            ACTIVITIES.index(Activity.LAPSED),
            ACTIVITIES.index(Activity.DUE),
            ACTIVITIES.index(Activity.LAPSING),
        ],
        default=ACTIVITIES.index(Activity.ACTIVE),
    ).astype(np.int64)

    counted = ~facts.archived & (facts.spend_window_fen > 0)
    return MetricsTable(
        stage=stage,
        activity=activity,
        e=e,
        r=r,
        s=s,
        composite_centi=centi,
        tier=tier,
        koc=r >= 3,
        at_risk=(s != NO_S) & (s <= 2),
        no_feedback=s == NO_S,
        paying=paying,
        revenue_fen=int(facts.spend_window_fen[counted].sum()),
        top20_revenue_fen=int(facts.spend_window_fen[counted & (e == 5)].sum()),
    )
