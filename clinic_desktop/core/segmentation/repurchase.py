"""Repurchase cycles and cross-sell scenario conversion (PRODUCT §6), from the clinic's own visits.

The seed: private-domain work pays where patients come back — light aesthetics about every six months, an
implant hardly ever — and cross-selling follows scenarios (正畸 → 种植, 手术 → 注射, 种植 → 转介绍). Both
numbers are read from the visit lines, so the owner sees whether the catalogue's recall intervals match
how the clinic's patients really return, and which scenario actually converts.

Definitions:

- A patient *had* a treatment on a day with a visit line of it (any amount: a free 正畸复诊 is still a
  return for it). **Came back** = had it on two or more days. The **intervals** are the days between
  consecutive days of it, per patient; the cycle is their median (half-up to a whole day).
- A **suggestion** to adopt the observed median is made for a treatment with a recall interval, when at
  least :data:`MIN_INTERVALS` intervals were seen and the median differs from the catalogue's interval by
  more than :data:`TOLERANCE`. A treatment without an interval is one the clinic does not recall — a
  course (a root canal's sessions a week apart), a one-off, a free check-up that comes with a cleaning —
  so its numbers are shown and nothing is suggested.
- **Cross-sell**: of the patients who had a rule's source treatment, those who *later* (after their first
  day of it) had one of its goal treatments, or referred a friend whose contact day is later.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from clinic_desktop.core.analytics import BoolArray, IntArray
from clinic_desktop.core.calllists import CrossSellRule

MIN_INTERVALS = 10
TOLERANCE = Fraction(1, 10)
#: what a cross-sell row shows as the goal of a referral scenario
REFERRAL_TARGET = "转介绍"


@dataclass(frozen=True)
class CatalogueItem:
    id: int
    name: str
    category: str | None
    recall_days: int | None


@dataclass(frozen=True)
class VisitKeys:
    """Distinct (treatment id, patient, day) of the visit lines of the catalogue's treatments up to as-of
    (a line of any other treatment counts in no number), for the patients of some
    :class:`~clinic_desktop.core.analytics.PatientColumns` (``pos`` indexes them), sorted by treatment,
    patient, day; and the referrals among those patients (referrer's position, the referred patient's
    contact day)."""

    treatment: IntArray
    pos: IntArray
    day: IntArray
    referrer_pos: IntArray
    referred_day: IntArray

    @classmethod
    def build(
        cls,
        treatment: IntArray,
        pos: IntArray,
        day: IntArray,
        referrer_pos: IntArray | None = None,
        referred_day: IntArray | None = None,
    ) -> VisitKeys:
        """Sorted and made distinct (several lines of one treatment on one day are one day of it)."""
        order = np.lexsort((day, pos, treatment))
        t, p, d = treatment[order], pos[order], day[order]
        keep = np.ones(len(t), dtype=np.bool_)
        keep[1:] = (t[1:] != t[:-1]) | (p[1:] != p[:-1]) | (d[1:] != d[:-1])
        none = np.zeros(0, dtype=np.int64)
        return cls(
            t[keep],
            p[keep],
            d[keep],
            none if referrer_pos is None else referrer_pos,
            none if referred_day is None else referred_day,
        )


@dataclass(frozen=True)
class CycleRow:
    treatment_id: int
    name: str
    category: str | None
    recall_days: int | None  #: the catalogue's interval
    patients: int  #: had it at least once
    repeaters: int  #: had it on two or more days
    repeat_share: float  #: repeaters / patients, 4 decimals (0.0 without patients)
    intervals: int  #: intervals measured
    median_days: int | None  #: observed cycle (None without intervals)
    suggested_days: int | None  #: the observed cycle, when worth adopting (module docstring)


def _median_days(values: IntArray) -> int | None:
    """Median rounded half up to a whole day (exact: the two middle values are added first). The two
    middle values are found by a partition, O(n), not a sort."""
    n = len(values)
    if n == 0:
        return None
    middle = np.partition(values, [(n - 1) // 2, n // 2])
    double = int(middle[(n - 1) // 2]) + int(middle[n // 2])
    return (double + 1) // 2


def suggestion(recall_days: int | None, median: int | None, intervals: int) -> int | None:
    """The observed cycle when it is worth adopting (module docstring), else None."""
    if recall_days is None or median is None or intervals < MIN_INTERVALS or median <= 0:
        return None
    if abs(Fraction(median - recall_days, recall_days)) <= TOLERANCE:
        return None
    return median


def _pairs(keys: VisitKeys) -> tuple[BoolArray, BoolArray]:
    """(first day of a (treatment, patient) pair, a later day of the same pair) per key."""
    same = np.zeros(len(keys.pos), dtype=np.bool_)
    same[1:] = (keys.treatment[1:] == keys.treatment[:-1]) & (keys.pos[1:] == keys.pos[:-1])
    return ~same, same


def _blocks(keys: VisitKeys, treatment_ids: Sequence[int]) -> list[tuple[int, int]]:
    """Each treatment's [lo, hi) rows (the keys are sorted by treatment): one binary search for all."""
    ids = np.asarray(treatment_ids, dtype=np.int64)
    bounds = np.searchsorted(keys.treatment, np.stack([ids, ids + 1]).T.ravel()).reshape(-1, 2)
    return [(int(lo), int(hi)) for lo, hi in bounds]


def repurchase_cycles(keys: VisitKeys, catalogue: Sequence[CatalogueItem]) -> list[CycleRow]:
    """One row per catalogue treatment (catalogue order).

    Column passes over the sorted keys, O(n) in all: a pair's days are neighbours, so its first day, its
    second (one per patient who came back) and each later day's interval to the day before are read off
    neighbours; each treatment is a slice of them.
    """
    first, later = _pairs(keys)
    second = np.zeros(len(later), dtype=np.bool_)
    second[1:] = later[1:] & first[:-1]
    gaps = np.zeros(len(keys.day), dtype=np.int64)
    gaps[1:] = keys.day[1:] - keys.day[:-1]
    rows = []
    for item, (lo, hi) in zip(catalogue, _blocks(keys, [c.id for c in catalogue]), strict=True):
        patients = int(np.count_nonzero(first[lo:hi]))
        repeaters = int(np.count_nonzero(second[lo:hi]))
        intervals = gaps[lo:hi][later[lo:hi]]
        median = _median_days(intervals)
        rows.append(
            CycleRow(
                treatment_id=item.id,
                name=item.name,
                category=item.category,
                recall_days=item.recall_days,
                patients=patients,
                repeaters=repeaters,
                repeat_share=0.0 if patients == 0 else round(repeaters / patients, 4),
                intervals=len(intervals),
                median_days=median,
                suggested_days=suggestion(item.recall_days, median, len(intervals)),
            )
        )
    return rows


#: cycle_mask parts: everyone who had it, those who came back for it
CYCLE_PARTS = ("patients", "repeaters")


def cycle_mask(keys: VisitKeys, n: int, treatment_id: int, part: str = "patients") -> BoolArray:
    """The patients (positions of ``n`` columns) behind a cycle row's ``patients`` or ``repeaters``."""
    if part not in CYCLE_PARTS:
        raise ValueError(f"unknown cycle part {part!r}")
    first, later = _pairs(keys)
    ((lo, hi),) = _blocks(keys, [treatment_id])
    hit = (later if part == "repeaters" else first)[lo:hi]
    mask = np.zeros(n, dtype=np.bool_)
    mask[keys.pos[lo:hi][hit]] = True
    return mask


# ---------------------------------------------------------------- cross-sell


@dataclass(frozen=True)
class CrossSellRow:
    rule: str
    source: str  #: the source treatments and categories, as the rule names them
    target: str  #: the goal treatments, REFERRAL_TARGET, or "" when the rule names no goal
    patients: int  #: had a source treatment
    converted: int | None  #: later had the goal (None when the rule names no goal)
    share: float | None  #: converted / patients, 4 decimals


def _ids(
    catalogue: Sequence[CatalogueItem], names: Sequence[str], categories: Sequence[str] = ()
) -> list[int]:
    return [
        c.id for c in catalogue if c.name in names or (c.category is not None and c.category in categories)
    ]


_NEVER = np.iinfo(np.int64).max


def _edge_days(keys: VisitKeys, n: int, treatment_ids: Sequence[int], *, last: bool) -> IntArray:
    """Per patient (``n`` positions), the first day of any of ``treatment_ids`` (_NEVER without one), or
    with ``last`` the last day (-1 without one). Each treatment is a slice of the sorted keys where a
    patient's days are neighbours, so a patient's first (last) day of it is where the position changes:
    positions are distinct there, a plain gather and scatter, O(slice) per treatment."""
    out = np.full(n, -1 if last else _NEVER, dtype=np.int64)
    for lo, hi in _blocks(keys, treatment_ids):
        pos, day = keys.pos[lo:hi], keys.day[lo:hi]
        edge = np.ones(hi - lo, dtype=np.bool_)
        if last:
            edge[:-1] = pos[:-1] != pos[1:]
        else:
            edge[1:] = pos[1:] != pos[:-1]
        at, days = pos[edge], day[edge]
        out[at] = np.maximum(out[at], days) if last else np.minimum(out[at], days)
    return out


def _first_source_day(
    keys: VisitKeys, n: int, rule: CrossSellRule, catalogue: Sequence[CatalogueItem]
) -> IntArray:
    return _edge_days(keys, n, _ids(catalogue, rule.from_treatments, rule.from_categories), last=False)


def _converted(
    keys: VisitKeys, n: int, rule: CrossSellRule, catalogue: Sequence[CatalogueItem], first: IntArray
) -> BoolArray | None:
    if rule.to_referral:
        latest = np.full(n, -1, dtype=np.int64)
        np.maximum.at(latest, keys.referrer_pos, keys.referred_day)
    elif rule.skip_if_had:
        latest = _edge_days(keys, n, _ids(catalogue, rule.skip_if_had), last=True)
    else:
        return None
    return np.asarray((first != _NEVER) & (latest > first))


def crosssell_rows(
    keys: VisitKeys, n: int, rules: Sequence[CrossSellRule], catalogue: Sequence[CatalogueItem]
) -> list[CrossSellRow]:
    """One row per scenario rule (the clinic's order); ``n`` is the number of patients ``pos`` indexes."""
    rows = []
    for rule in rules:
        first = _first_source_day(keys, n, rule, catalogue)
        had = int((first != _NEVER).sum())
        converted = _converted(keys, n, rule, catalogue, first)
        done = None if converted is None else int(converted.sum())
        target = REFERRAL_TARGET if rule.to_referral else "、".join(rule.skip_if_had)
        rows.append(
            CrossSellRow(
                rule=rule.name,
                source="、".join((*rule.from_treatments, *rule.from_categories)),
                target=target,
                patients=had,
                converted=done,
                share=None if done is None else (0.0 if had == 0 else round(done / had, 4)),
            )
        )
    return rows


#: crosssell_mask parts: who had the source, who later reached the goal
CROSSSELL_PARTS = ("patients", "converted")


def crosssell_mask(
    keys: VisitKeys, n: int, rule: CrossSellRule, catalogue: Sequence[CatalogueItem], part: str = "patients"
) -> BoolArray:
    if part not in CROSSSELL_PARTS:
        raise ValueError(f"unknown cross-sell part {part!r}")
    first = _first_source_day(keys, n, rule, catalogue)
    if part == "patients":
        return np.asarray(first != _NEVER)
    converted = _converted(keys, n, rule, catalogue, first)
    return np.zeros(n, dtype=np.bool_) if converted is None else converted
