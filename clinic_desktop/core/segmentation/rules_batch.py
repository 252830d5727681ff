"""The rule-derived tags and the segments of PRODUCT §4.1 for every patient at once, as NumPy columns.

:mod:`clinic_desktop.core.segmentation.rule_tags` and :mod:`clinic_desktop.core.segments` are the
reference: they read
like the spec and explain one patient. This module applies the same rules column-wise (a property test
proves them equal on random clinics), after :func:`~clinic_desktop.core.batch.compute_batch`, whose
activity column the 沉睡高价值 rule reads. Every boundary is an integer comparison, as in the reference.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from clinic_desktop.core.batch import ACTIVITIES, NO_DAY, BoolArray, FactsTable, IntArray, MetricsTable
from clinic_desktop.core.calllists import minor_birth_cutoff
from clinic_desktop.core.lifecycle import Activity
from clinic_desktop.core.segmentation.rule_tags import RULE_TAGS, ClinicNorms, RuleKey
from clinic_desktop.core.segments import (
    KNOWLEDGE_CODES,
    PRICE_READINGS,
    SEGMENTS,
    Knowledge,
    PriceReading,
    Segment,
)
from clinic_desktop.core.settings import DEFAULTS, Settings

_EXPERT, _NOVICE = KNOWLEDGE_CODES.index(Knowledge.EXPERT), KNOWLEDGE_CODES.index(Knowledge.NOVICE)


@dataclass
class RuleTable:
    """The rules' results, aligned with the :class:`FactsTable` they came from."""

    tags: IntArray  #: bit mask: bit i set when RULE_TAGS[i] holds (rule_tags.RULE_BITS)
    price: IntArray  #: index into PRICE_READINGS
    segment: IntArray  #: index into SEGMENTS
    norms: ClinicNorms

    def has(self, key: RuleKey) -> BoolArray:
        index = next(i for i, tag in enumerate(RULE_TAGS) if tag.key is key)
        return np.asarray((self.tags >> index) & 1 == 1)


def average_tickets(facts: FactsTable) -> tuple[IntArray, BoolArray]:
    """Window spend per window occasion (whole fen, rounded down), and where that is defined."""
    defined = (facts.window_purchases > 0) & (facts.spend_window_fen > 0)
    ticket = facts.spend_window_fen // np.maximum(facts.window_purchases, 1)
    return np.where(defined, ticket, 0).astype(np.int64), defined


def clinic_norms(facts: FactsTable, settings: Settings = DEFAULTS) -> ClinicNorms:
    """:func:`clinic_desktop.core.segmentation.rule_tags.clinic_norms` over the patients who are not
    archived."""
    live = ~facts.archived
    ticket, defined = average_tickets(facts)
    tickets = np.sort(ticket[live & defined])
    n = len(tickets)
    median2 = 0 if n == 0 else int(tickets[(n - 1) // 2] + tickets[n // 2])
    spends = np.sort(facts.spend_total_fen[live & (facts.spend_total_fen > 0)])
    paying = len(spends)
    top = 0
    if paying:
        greater = paying - np.searchsorted(spends, spends, side="right")
        inside = 100 * greater < settings.lapsed_high_value_top_percent * paying
        top = int(spends[inside].min()) if inside.any() else 0
    return ClinicNorms(median2, n, top, paying)


def minor_mask(birth_days: IntArray, as_of: date) -> BoolArray:
    """The contact policy's minors (core.contact_policy.is_minor): a known birth day after the latest
    birth day that is 14 on ``as_of``."""
    mask: BoolArray = (birth_days != NO_DAY) & (birth_days > minor_birth_cutoff(as_of).toordinal())
    return mask


def price_codes(facts: FactsTable, settings: Settings = DEFAULTS) -> IntArray:
    enough = facts.window_purchases >= settings.price_sensitive_min_purchases
    sensitive = (
        100 * facts.coupon_purchases >= settings.price_sensitive_coupon_percent * facts.window_purchases
    )
    return np.select(
        [enough & sensitive, enough],
        [
            PRICE_READINGS.index(PriceReading.PRICE_SENSITIVE),
            PRICE_READINGS.index(PriceReading.NOT_PRICE_SENSITIVE),
        ],
        default=PRICE_READINGS.index(PriceReading.UNKNOWN),
    ).astype(np.int64)


def segment_codes(knowledge: IntArray, price: IntArray) -> IntArray:
    sensitive = price == PRICE_READINGS.index(PriceReading.PRICE_SENSITIVE)
    relaxed = price == PRICE_READINGS.index(PriceReading.NOT_PRICE_SENSITIVE)
    expert, novice = knowledge == _EXPERT, knowledge == _NOVICE
    return np.select(
        [expert & sensitive, expert & relaxed, novice & relaxed, novice & sensitive],
        [SEGMENTS.index(s) for s in SEGMENTS[:4]],
        default=SEGMENTS.index(Segment.UNKNOWN),
    ).astype(np.int64)


def compute_rules(
    facts: FactsTable, metrics: MetricsTable, as_of: date, settings: Settings = DEFAULTS
) -> RuleTable:
    """Rule tags, price reading and segment for every row of ``facts`` (``metrics`` from compute_batch)."""
    norms = clinic_norms(facts, settings)
    price = price_codes(facts, settings)
    ticket, defined = average_tickets(facts)
    median2 = norms.median2_ticket_fen
    lapsed = metrics.activity == ACTIVITIES.index(Activity.LAPSED)
    holds: dict[RuleKey, npt.NDArray[np.bool_]] = {
        RuleKey.PRICE_SENSITIVE: price == PRICE_READINGS.index(PriceReading.PRICE_SENSITIVE),
        RuleKey.NO_SHOW: facts.no_shows >= settings.no_show_min,
        RuleKey.MINOR: minor_mask(facts.birth_date, as_of),
        RuleKey.HIGH_TICKET: defined
        & (median2 > 0)
        & (200 * ticket >= settings.high_ticket_percent * median2),
        RuleKey.LAPSED_HIGH_VALUE: lapsed
        & (norms.top_spend_fen > 0)
        & (facts.spend_total_fen >= norms.top_spend_fen),
    }
    tags = np.zeros(len(facts), dtype=np.int64)
    for i, tag in enumerate(RULE_TAGS):
        tags |= holds[tag.key].astype(np.int64) << i
    return RuleTable(tags, price, segment_codes(facts.knowledge, price), norms)
