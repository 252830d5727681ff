"""The 分群 numbers of the dashboard and the report (PRODUCT §6, §4.1), as column arithmetic.

Per segment: patients, their share, window revenue and its share (the same revenue as the Pareto curve),
and the ERS tiers inside it; the two groups of the seed (诱因 incentive = the price-sensitive segments,
高净值 high value = the quality-minded experts); how many patients have no knowledge recorded yet; and
how many carry each rule tag. Every count has a mask, so a click lists exactly the patients it counts.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from clinic_desktop.core.analytics import NO_TIER_KEY, BoolArray, PatientColumns
from clinic_desktop.core.batch import NO_TIER
from clinic_desktop.core.ers import TIERS
from clinic_desktop.core.segmentation.rule_tags import RULE_TAGS
from clinic_desktop.core.segments import KNOWLEDGE_CODES, SEGMENT_GROUPS, SEGMENTS

#: ``knowledge`` counts: recorded values, then "unknown" (not recorded)
KNOWLEDGE_KEYS: tuple[str, ...] = (*(k.value for k in KNOWLEDGE_CODES if k is not None), "unknown")
#: the tier keys of a row (as ``tier_counts``)
TIER_KEYS: tuple[str, ...] = (*(t.value for t in TIERS), NO_TIER_KEY)


def _share(part: int, whole: int) -> float:
    return 0.0 if whole == 0 else round(part / whole, 4)


@dataclass(frozen=True)
class SegmentRow:
    """One segment (or group). Shares are of all patients / all window revenue, 4 decimals."""

    segment: str  #: a SEGMENTS key, or a SEGMENT_GROUPS key for a group row
    patients: int
    patient_share: float
    paying: int  #: with spend in the ERS window
    revenue_fen: int  #: window spend (the Pareto curve's revenue)
    revenue_share: float
    tiers: dict[str, int]  #: A–D and "none"


@dataclass(frozen=True)
class SegmentView:
    rows: list[SegmentRow]  #: in SEGMENTS order
    groups: list[SegmentRow]  #: incentive, high_value
    knowledge: dict[str, int]  #: expert, novice, unknown
    rule_tags: dict[str, int]  #: rule key → patients, registry order

    def counts(self) -> dict[str, int]:
        """The report's ``segments``: patients per segment, adding up to ``patients``."""
        return {row.segment: row.patients for row in self.rows}

    def group_counts(self) -> dict[str, int]:
        """The report's ``segment_groups``."""
        return {row.segment: row.patients for row in self.groups}


def segment_mask(cols: PatientColumns, segment: str, tier: str | None = None) -> BoolArray:
    """Patients of a segment, or of one tier inside it (``tier`` A–D or "none")."""
    mask = cols.segment == [s.value for s in SEGMENTS].index(segment)
    if tier is not None:
        code = NO_TIER if tier == NO_TIER_KEY else [t.value for t in TIERS].index(tier)
        mask &= cols.tier == code
    return np.asarray(mask)


def group_mask(cols: PatientColumns, group: str) -> BoolArray:
    codes = [SEGMENTS.index(s) for s in SEGMENT_GROUPS[group]]
    return np.asarray(np.isin(cols.segment, codes))


def knowledge_mask(cols: PatientColumns, key: str) -> BoolArray:
    """Patients whose recorded knowledge is ``key`` (expert, novice) or who have none ("unknown")."""
    code = 0 if key == "unknown" else [k.value if k else None for k in KNOWLEDGE_CODES].index(key)
    return np.asarray(cols.knowledge == code)


def rule_tag_mask(cols: PatientColumns, key: str) -> BoolArray:
    index = [t.key.value for t in RULE_TAGS].index(key)
    return np.asarray((cols.rule_tags >> index) & 1 == 1)


def _row(cols: PatientColumns, key: str, mask: BoolArray, revenue: int) -> SegmentRow:
    spend = cols.spend_window_fen[mask]
    tiers = np.bincount(cols.tier[mask] + 1, minlength=len(TIERS) + 1)  # NO_TIER (-1) → bin 0
    part = int(spend.sum())
    patients = int(mask.sum())
    return SegmentRow(
        segment=key,
        patients=patients,
        patient_share=_share(patients, len(cols)),
        paying=int((spend > 0).sum()),
        revenue_fen=part,
        revenue_share=_share(part, revenue),
        tiers={**{t.value: int(tiers[i + 1]) for i, t in enumerate(TIERS)}, NO_TIER_KEY: int(tiers[0])},
    )


def segment_view(cols: PatientColumns) -> SegmentView:
    revenue = int(cols.spend_window_fen[cols.spend_window_fen > 0].sum())
    rows = [_row(cols, s.value, segment_mask(cols, s.value), revenue) for s in SEGMENTS]
    groups = [_row(cols, g, group_mask(cols, g), revenue) for g in SEGMENT_GROUPS]
    knowledge = {key: int(knowledge_mask(cols, key).sum()) for key in KNOWLEDGE_KEYS}
    tags = {t.key.value: int(rule_tag_mask(cols, t.key.value).sum()) for t in RULE_TAGS}
    return SegmentView(rows, groups, knowledge, tags)
