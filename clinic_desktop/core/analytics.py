"""The numbers behind the dashboard (PRODUCT §6), as column arithmetic over every patient at once.

Input is a :class:`PatientColumns`: one NumPy array per stored metric, one element per (non-archived)
patient. Every dashboard number *and* the ``report --json`` numbers come from these functions, so the
two can never disagree. Each count also has a :func:`selection` mask: the exact patients behind it, so
a click on a bar lists precisely the patients the bar counts.

Definitions the owner sees (the docstrings of the row types say the rest):

- **Funnel**: ``reached`` = patients at that stage or beyond; conversion = reached / previous reached;
  end-to-end = last reached / first reached (:mod:`clinic_desktop.core.funnel`).
- **Cohort**: patients by *contact day* — the first-contact date when recorded, otherwise the earliest
  of the first purchase and the day the record was created (an imported patient's record date is the
  import day, which can be years after their first visit).
- **Channel quality**: per source channel, buyers have ≥ 1 purchase occasion, repeaters ≥ 2 (both
  lifetime, opening balance included: the same counts as the lifecycle stage). Average spend is
  **lifetime** spend per buyer: a channel's quality is what its patients ever brought, not just the
  slice that falls inside the ERS window.
- **Pareto**: patients with window spend, sorted by spend descending. The 20% mark is the E5 boundary
  (PRODUCT §4: ties share the better band), so its revenue share *is* ``top20_revenue_share``.
- **Trends**: new patients by contact month; first purchases by the month of the first purchase
  occasion; repeat purchases = purchase occasions (days with spend) after the first one.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date

import numpy as np
import numpy.typing as npt

from clinic_desktop.core.batch import NO_DAY, NO_S, NO_TIER
from clinic_desktop.core.ers import TIERS
from clinic_desktop.core.funnel import FunnelStep, end_to_end, funnel
from clinic_desktop.core.lifecycle import STAGES, Stage
from clinic_desktop.core.segments import SEGMENTS, Segment

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]

#: ``tier_counts`` key for patients without a tier (E0, 未分层) — the report's key too
NO_TIER_KEY = "none"
#: source value of patients whose channel was never recorded
NO_SOURCE = ""
#: months on the trends page, ending with the as-of month
TREND_MONTHS = 24
#: most points a Pareto curve keeps (plus the exact 20% mark); a chart cannot show more
PARETO_POINTS = 800
_EPOCH = date(1970, 1, 1).toordinal()
#: the code of Segment.UNKNOWN in SEGMENTS
UNKNOWN_SEGMENT = SEGMENTS.index(Segment.UNKNOWN)


def _not_read() -> IntArray:
    return np.zeros(0, dtype=np.int64)


@dataclass(frozen=True)
class PatientColumns:
    """Every input of the dashboard, one array per column, aligned, in patient-id order.

    ``stage`` indexes STAGES; ``tier`` indexes TIERS or is NO_TIER; ``s`` is NO_S when unknown; days are
    ``date.toordinal()`` numbers, NO_DAY for none; ``source`` indexes ``sources`` (NO_SOURCE = none).
    """

    patient_id: IntArray
    sources: tuple[str, ...]
    source: IntArray
    contact_day: IntArray
    stage: IntArray
    purchases: IntArray
    first_purchase: IntArray
    spend_window_fen: IntArray
    spend_total_fen: IntArray
    e: IntArray
    r: IntArray
    s: IntArray
    tier: IntArray
    converted_referrals: IntArray
    referral_spend_fen: IntArray
    #: PRODUCT §4.1 (core.segment_analytics): index into SEGMENTS, the knowledge code (0: not recorded) and
    #: the rule-tag bit mask; left out, they mean unknown / not recorded / none
    segment: IntArray = field(default_factory=_not_read)
    knowledge: IntArray = field(default_factory=_not_read)
    rule_tags: IntArray = field(default_factory=_not_read)

    def __post_init__(self) -> None:
        n = len(self.patient_id)
        for name, fill in (("segment", UNKNOWN_SEGMENT), ("knowledge", 0), ("rule_tags", 0)):
            if n and not len(getattr(self, name)):
                object.__setattr__(self, name, np.full(n, fill, dtype=np.int64))

    def __len__(self) -> int:
        return len(self.patient_id)

    def subset(self, mask: BoolArray) -> PatientColumns:
        """The same columns for the patients where ``mask`` holds."""
        changes = {f.name: getattr(self, f.name)[mask] for f in fields(self) if f.name != "sources"}
        return replace(self, **changes)

    def source_code(self, source: str) -> int:
        """Index of ``source`` in ``sources`` (-1 when no patient has it)."""
        return self.sources.index(source) if source in self.sources else -1


def contact_days(first_contact: IntArray, first_purchase: IntArray, created: IntArray) -> IntArray:
    """The cohort day: first-contact date, else the earlier of first purchase and record creation."""
    fallback = np.where(
        (first_purchase != NO_DAY) & ((created == NO_DAY) | (first_purchase < created)),
        first_purchase,
        created,
    )
    return np.where(first_contact != NO_DAY, first_contact, fallback).astype(np.int64)


def cohort_mask(
    cols: PatientColumns, day_from: date | None = None, day_to: date | None = None, source: str | None = None
) -> BoolArray:
    """Patients whose contact day lies in [day_from, day_to] (inclusive; None = open) from ``source``."""
    mask = np.ones(len(cols), dtype=np.bool_)
    if day_from is not None:
        mask &= cols.contact_day >= day_from.toordinal()
    if day_to is not None:
        mask &= (cols.contact_day <= day_to.toordinal()) & (cols.contact_day != NO_DAY)
    if source is not None:
        mask &= cols.source == cols.source_code(source)
    return mask


# ---------------------------------------------------------------- lifecycle funnel


@dataclass(frozen=True)
class FunnelView:
    steps: list[FunnelStep]
    #: last stage's reached / first stage's reached (None without patients)
    end_to_end: float | None

    @property
    def stage_counts(self) -> dict[Stage, int]:
        """Patients *at* each stage (reached minus the next stage's reached)."""
        reached = [s.reached for s in self.steps] + [0]
        return {s.stage: reached[i] - reached[i + 1] for i, s in enumerate(self.steps)}


def stage_counts(cols: PatientColumns) -> dict[Stage, int]:
    counts = np.bincount(cols.stage, minlength=len(STAGES))
    return {stage: int(counts[i]) for i, stage in enumerate(STAGES)}


def funnel_view(cols: PatientColumns) -> FunnelView:
    steps = funnel(stage_counts(cols))
    return FunnelView(steps, end_to_end(steps))


# ---------------------------------------------------------------- channel quality


@dataclass(frozen=True)
class ChannelRow:
    """One source channel. Shares are of ``patients`` (0.0 when there are none), 4 decimals.

    ``avg_spend_fen`` and ``revenue_fen`` are *lifetime* spend (opening balance included) of the buyers;
    ``avg_spend_fen`` = revenue / buyers rounded half up to a whole fen (0 without buyers).
    """

    source: str  #: NO_SOURCE ("") when not recorded
    patients: int
    buyers: int  #: ≥ 1 purchase occasion
    repeaters: int  #: ≥ 2 purchase occasions
    buy_share: float
    repeat_share: float
    #: repeaters / buyers — how well the channel's buyers come back (None without buyers)
    repeat_of_buyers: float | None
    avg_spend_fen: int
    revenue_fen: int


def _share(part: int, whole: int) -> float:
    return 0.0 if whole == 0 else round(part / whole, 4)


def channel_rows(cols: PatientColumns) -> list[ChannelRow]:
    """One row per source with patients: most patients first, unrecorded source last."""
    n = len(cols.sources)
    patients = np.bincount(cols.source, minlength=n)
    buyer = cols.purchases >= 1
    buyers = np.bincount(cols.source[buyer], minlength=n)
    repeaters = np.bincount(cols.source[cols.purchases >= 2], minlength=n)
    revenue = np.zeros(n, dtype=np.int64)
    np.add.at(revenue, cols.source[buyer], cols.spend_total_fen[buyer])
    rows = []
    for i, name in enumerate(cols.sources):
        p, b, r, rev = int(patients[i]), int(buyers[i]), int(repeaters[i]), int(revenue[i])
        if p == 0:
            continue
        rows.append(
            ChannelRow(
                source=name,
                patients=p,
                buyers=b,
                repeaters=r,
                buy_share=_share(b, p),
                repeat_share=_share(r, p),
                repeat_of_buyers=None if b == 0 else round(r / b, 4),
                avg_spend_fen=0 if b == 0 else (2 * rev + b) // (2 * b),
                revenue_fen=rev,
            )
        )
    rows.sort(key=lambda row: (row.source == NO_SOURCE, -row.patients, row.source))
    return rows


# ---------------------------------------------------------------- ERS


def tier_counts(cols: PatientColumns) -> dict[str, int]:
    """Patients per tier, ``A``–``D`` then :data:`NO_TIER_KEY` — the report's ``tiers``."""
    counts = np.bincount(cols.tier + 1, minlength=len(TIERS) + 1)  # NO_TIER (-1) → bin 0
    return {**{t.value: int(counts[i + 1]) for i, t in enumerate(TIERS)}, NO_TIER_KEY: int(counts[0])}


def es_grid(cols: PatientColumns) -> list[list[int]]:
    """Patient counts ``grid[e][s]``: E0..E5 by S unknown (index 0, NO_S), S1..S5."""
    flat = np.bincount(cols.e * 6 + cols.s, minlength=36)
    return [[int(flat[e * 6 + s]) for s in range(6)] for e in range(6)]


@dataclass(frozen=True)
class Pareto:
    """Cumulative share of window revenue (``y``) against cumulative share of paying patients (``x``).

    Starts at (0, 0), ends at (1, 1), thinned to about :data:`PARETO_POINTS` points but always holding
    the mark (``mark_x``, ``top20_share``): the E5 patients and the revenue they bring.
    """

    x: FloatArray
    y: FloatArray
    paying: int
    revenue_fen: int
    top20_patients: int  #: E5 patients (ceil of 20% of the paying, more when spends tie at the edge)
    top20_revenue_fen: int
    top20_share: float  #: the report's ``top20_revenue_share``

    @property
    def mark_x(self) -> float:
        return 0.0 if self.paying == 0 else self.top20_patients / self.paying


def pareto(cols: PatientColumns, points: int = PARETO_POINTS) -> Pareto:
    paying_mask = cols.spend_window_fen > 0
    spend = np.sort(cols.spend_window_fen[paying_mask])[::-1]
    paying, revenue = len(spend), int(spend.sum())
    top = paying_mask & (cols.e == 5)
    top_n, top_revenue = int(top.sum()), int(cols.spend_window_fen[top].sum())
    share = 0.0 if revenue == 0 else round(top_revenue / revenue, 4)
    if paying == 0:
        empty = np.zeros(1, dtype=np.float64)
        return Pareto(empty, empty, 0, 0, 0, 0, 0.0)
    cumulative = np.concatenate([[0], np.cumsum(spend)])
    keep = np.unique(np.concatenate([np.linspace(0, paying, min(points, paying + 1)).round(), [top_n]]))
    at = keep.astype(np.int64)
    return Pareto(
        x=at / paying,
        y=cumulative[at] / revenue,
        paying=paying,
        revenue_fen=revenue,
        top20_patients=top_n,
        top20_revenue_fen=top_revenue,
        top20_share=share,
    )


def koc_positions(cols: PatientColumns) -> IntArray:
    """KOC patients (R ≥ 3): most converted referrals first, then referral spend, then id."""
    at = np.flatnonzero(cols.r >= 3)
    order = np.lexsort((cols.patient_id[at], -cols.referral_spend_fen[at], -cols.converted_referrals[at]))
    return at[order].astype(np.int64)


# ---------------------------------------------------------------- trends


@dataclass(frozen=True)
class PurchaseDays:
    """Purchase occasions (patient, day with spend) inside the trends window; ``pos`` indexes the columns."""

    pos: IntArray
    day: IntArray


@dataclass(frozen=True)
class TrendMonth:
    month: str  #: ``YYYY-MM``
    new_patients: int
    first_purchases: int
    #: purchase occasions after each patient's first (the chart's bar)
    repeat_purchases: int
    #: distinct patients behind ``repeat_purchases`` (the patients a click lists)
    repeat_patients: int


def month_index(days: IntArray) -> IntArray:
    """Day numbers → months since 1970-01 (day 0, NO_DAY, maps far into the past)."""
    return (days - _EPOCH).astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)


def trend_months(as_of: date, months: int = TREND_MONTHS) -> IntArray:
    """The ``months`` month indexes ending at ``as_of``'s month, oldest first."""
    last = (as_of.year - 1970) * 12 + as_of.month - 1
    return np.arange(last - months + 1, last + 1, dtype=np.int64)


def trend_start(as_of: date, months: int = TREND_MONTHS) -> date:
    """First day of the trends window (the first of ``months`` months ending with ``as_of``'s month)."""
    first = int(trend_months(as_of, months)[0])
    return date(1970 + first // 12, first % 12 + 1, 1)


def month_label(index: int) -> str:
    return f"{1970 + index // 12:04d}-{index % 12 + 1:02d}"


def repeat_mask(cols: PatientColumns, purchases: PurchaseDays) -> BoolArray:
    """Which purchase occasions come after the patient's first purchase occasion."""
    return np.asarray(purchases.day > cols.first_purchase[purchases.pos])


def _distinct_pairs(a: IntArray, b: IntArray) -> tuple[IntArray, IntArray]:
    """The distinct (a, b) pairs. Input sorted by (a, b) — as purchase days come — needs no sort."""
    if len(a) > 1 and not np.all((a[1:] > a[:-1]) | ((a[1:] == a[:-1]) & (b[1:] >= b[:-1]))):
        order = np.lexsort((b, a))
        a, b = a[order], b[order]
    new = np.ones(len(a), dtype=np.bool_)
    new[1:] = (a[1:] != a[:-1]) | (b[1:] != b[:-1])
    return a[new], b[new]


def trends(cols: PatientColumns, purchases: PurchaseDays, as_of: date) -> list[TrendMonth]:
    """The last :data:`TREND_MONTHS` months up to ``as_of`` (days after ``as_of`` are not counted)."""
    months = trend_months(as_of)
    lo, end = int(months[0]), as_of.toordinal()

    def per_month(days: IntArray) -> IntArray:
        valid = (days != NO_DAY) & (days <= end)
        index = month_index(days[valid]) - lo
        return np.bincount(index[(index >= 0) & (index < len(months))], minlength=len(months))

    new = per_month(cols.contact_day)
    first = per_month(cols.first_purchase)
    repeat = repeat_mask(cols, purchases) & (purchases.day <= end)
    repeat_index = month_index(purchases.day[repeat]) - lo
    inside = (repeat_index >= 0) & (repeat_index < len(months))
    repeat_index, repeat_pos = repeat_index[inside], purchases.pos[repeat][inside]
    occasions = np.bincount(repeat_index, minlength=len(months))
    patients = np.bincount(_distinct_pairs(repeat_pos, repeat_index)[1], minlength=len(months))
    return [
        TrendMonth(month_label(int(m)), int(new[i]), int(first[i]), int(occasions[i]), int(patients[i]))
        for i, m in enumerate(months)
    ]


def trend_mask(
    cols: PatientColumns, purchases: PurchaseDays, month: str, part: str, as_of: date
) -> BoolArray:
    """The patients behind one trend number: ``part`` is ``new``, ``first`` or ``repeat``."""
    year, mon = (int(x) for x in month.split("-"))
    index = (year - 1970) * 12 + mon - 1
    end = as_of.toordinal()
    if part in ("new", "first"):
        days = cols.contact_day if part == "new" else cols.first_purchase
        return np.asarray((days != NO_DAY) & (days <= end) & (month_index(days) == index))
    if part != "repeat":
        raise ValueError(f"unknown trend part {part!r}")
    hit = repeat_mask(cols, purchases) & (purchases.day <= end) & (month_index(purchases.day) == index)
    mask = np.zeros(len(cols), dtype=np.bool_)
    mask[purchases.pos[hit]] = True
    return mask


def tier_mask(cols: PatientColumns, tier: str) -> BoolArray:
    """Patients of tier ``A``–``D`` or :data:`NO_TIER_KEY`."""
    code = NO_TIER if tier == NO_TIER_KEY else [t.value for t in TIERS].index(tier)
    return np.asarray(cols.tier == code)


def es_mask(cols: PatientColumns, e: int, s: int | None) -> BoolArray:
    """Patients in one E×S cell; ``s`` None (or 0) for S unknown."""
    return np.asarray((cols.e == e) & (cols.s == (s or NO_S)))


def pareto_top_mask(cols: PatientColumns) -> BoolArray:
    """The E5 patients behind the Pareto 20% mark."""
    return np.asarray((cols.spend_window_fen > 0) & (cols.e == 5))


def stage_mask(cols: PatientColumns, stage: str, *, reached: bool = False) -> BoolArray:
    """Patients at ``stage`` — or, with ``reached``, at that stage or beyond (the funnel's bar)."""
    code = [s.value for s in STAGES].index(stage)
    return np.asarray(cols.stage >= code if reached else cols.stage == code)


#: ChannelRow counts a click can list: all patients of the channel, its buyers, its repeaters
CHANNEL_PARTS = ("patients", "buyers", "repeaters")


def channel_mask(cols: PatientColumns, source: str, part: str = "patients") -> BoolArray:
    if part not in CHANNEL_PARTS:
        raise ValueError(f"unknown channel part {part!r}")
    mask = cols.source == cols.source_code(source)
    minimum = CHANNEL_PARTS.index(part)  # patients 0, buyers ≥ 1, repeaters ≥ 2 purchase occasions
    return np.asarray(mask & (cols.purchases >= minimum))
