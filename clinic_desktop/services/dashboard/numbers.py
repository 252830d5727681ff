"""The dashboard's data (PRODUCT §6), read from the STORED metrics so each page is ready in < 1 s at 100k.

Usage (the UI runs each load through ``ui.tasks.run_in_background``; nothing here touches Qt)::

    from clinic_desktop.services.dashboard.numbers import (
        DashboardFilter, Selector, load_dashboard, load_funnel, load_channels, load_ers, load_trends,
        patient_ids_for,
    )

    board = load_dashboard(db)                          # every page at once (~0.4 s at 100k)
    board = load_funnel(db, cohort_from=date(2026, 1, 1), cohort_to=date(2026, 6, 30), source="抖音")
    board.as_of                       # date the stored metrics are as of (None: never computed → empty)
    board.funnel.steps                # [FunnelStep(stage, reached, conversion)], conversion None first
    board.funnel.end_to_end           # last reached / first reached (None without patients)
    board.what_if(0.1)                # end-to-end if every step converted 0.1 better (capped at 1.0)
    board.channels                    # [ChannelRow(source, patients, buyers, repeaters, buy_share,
                                      #   repeat_share, repeat_of_buyers, avg_spend_fen, revenue_fen)]
    board.tiers                       # {"A": n, "B": n, "C": n, "D": n, "none": n}
    board.es_grid[e][s]               # E0..E5 × S (index 0 = unknown, 1..5)
    board.pareto.x, .y, .mark_x, .top20_share     # NumPy arrays; the mark is the E5 boundary
    board.kocs                        # [KocRow(patient_id, name, r, converted_referrals, referral_spend_fen)]
    board.trends                      # 24 × TrendMonth(month "YYYY-MM", new_patients, first_purchases,
                                      #   repeat_purchases (occasions), repeat_patients)
    board.sources                     # channel names for the filter ("" = not recorded), most patients
                                      #   first (filled when the funnel or channels page is loaded)

    # a click on any number → the exact patients behind it (len(ids) == board.count_for(selector)):
    sel = Selector.reached("customer", board.filter)      # or Selector.at_stage / channel / tier /
    ids = patient_ids_for(db, sel)                          #   es_cell / pareto_top / koc / trend
    main_window.show_patients(ids, caption)

Which filter applies where: the cohort (contact-day range) and source narrow the **funnel** and the
**channel** table; the ERS page (E is a rank over the whole clinic) and the trends (a time axis of their
own) always cover the whole clinic. A page not loaded is empty (``load_funnel`` leaves ``trends`` = []).
Each page reads only the stored columns it needs, the first time (at 100k: funnel, channels, ERS
≈ 0.1–0.2 s; trends ≈ 0.35 s, as it also reads 24 months of visits); :class:`StoredColumns` keeps them,
so another page, a filter change or a click-through after that costs a few milliseconds — until anything
is committed to the database, which drops them (see the class for why that can never show stale numbers).
Patients added since the last recompute have no stored metrics and are not counted until the next one.
Numbers are as of the last recompute (``board.as_of``); the report shares every formula
(:mod:`clinic_desktop.core.analytics`), so after ``recompute(db, d)`` they equal ``report(db, d)``.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np

from clinic_desktop.core import analytics as an
from clinic_desktop.core.access import Permission
from clinic_desktop.core.analytics import (
    ChannelRow,
    FunnelView,
    Pareto,
    PatientColumns,
    PurchaseDays,
    TrendMonth,
)
from clinic_desktop.core.funnel import what_if
from clinic_desktop.core.segmentation import SegmentView, segment_view
from clinic_desktop.services.dashboard.cache import stored_columns
from clinic_desktop.services.dashboard.queries import (
    read_names,
)
from clinic_desktop.services.dashboard.segments import (
    SEGMENT_SELECTORS,
    CycleNumbers,
    load_cycle_page,
    segment_count,
    segment_selection,
)
from clinic_desktop.services.database import Database

__all__ = ["PAGES", "SELECTOR_KINDS", "ChannelRow", "Dashboard", "DashboardFilter", "FunnelView", "KocRow"]
__all__ += ["Pareto", "Selector", "TrendMonth", "load_channels", "load_dashboard", "load_ers", "load_funnel"]
__all__ += ["load_segments", "load_cycles", "load_trends", "patient_ids_for"]

PAGES = ("funnel", "channels", "ers", "trends", "segments", "cycles")
SELECTOR_KINDS: tuple[str, ...] = ("stage", "reached", "channel", "tier", "es_cell", "pareto_top", "koc")
SELECTOR_KINDS += ("trend", *SEGMENT_SELECTORS)
#: the page whose columns a selector needs
SELECTOR_PAGE = {
    "stage": "funnel",
    "reached": "funnel",
    "channel": "channels",
    **{kind: "ers" for kind in ("tier", "es_cell", "pareto_top", "koc")},
    "trend": "trends",
    **SEGMENT_SELECTORS,
}


@dataclass(frozen=True)
class DashboardFilter:
    """Cohort by contact day (inclusive bounds, None = open) and source channel (None = all, "" = none)."""

    cohort_from: date | None = None
    cohort_to: date | None = None
    source: str | None = None


@dataclass(frozen=True)
class KocRow:
    """A KOC 传播者 (R ≥ 3) and the strength of their referrals (lifetime spend of those referred)."""

    patient_id: int
    name: str
    r: int
    converted_referrals: int
    referral_spend_fen: int


@dataclass(frozen=True)
class Selector:
    """Which count was clicked. Build with the class methods; ``filter`` matters for stage/reached/channel.

    - ``stage``/``reached``: ``value`` = stage key (at the stage / at it or beyond, as the funnel bar)
    - ``channel``: ``value`` = source, ``part`` = ``patients`` | ``buyers`` | ``repeaters``
    - ``tier``: ``value`` = ``A``–``D`` or ``none``;  ``es_cell``: ``e`` 0–5, ``s`` 0 (unknown) or 1–5
    - ``pareto_top``: the E5 patients;  ``koc``: every KOC
    - ``trend``: ``value`` = ``YYYY-MM``, ``part`` = ``new`` | ``first`` | ``repeat`` (repeat: the
      distinct patients, i.e. ``TrendMonth.repeat_patients``)
    """

    kind: str
    value: str | None = None
    part: str | None = None
    e: int | None = None
    s: int | None = None
    filter: DashboardFilter = field(default_factory=DashboardFilter)

    @classmethod
    def at_stage(cls, stage: str, f: DashboardFilter | None = None) -> Selector:
        return cls("stage", stage, filter=f or DashboardFilter())

    @classmethod
    def reached(cls, stage: str, f: DashboardFilter | None = None) -> Selector:
        return cls("reached", stage, filter=f or DashboardFilter())

    @classmethod
    def channel(cls, source: str, part: str = "patients", f: DashboardFilter | None = None) -> Selector:
        return cls("channel", source, part, filter=f or DashboardFilter())

    @classmethod
    def tier(cls, tier: str) -> Selector:
        return cls("tier", tier)

    @classmethod
    def es_cell(cls, e: int, s: int | None) -> Selector:
        return cls("es_cell", e=e, s=s or 0)

    @classmethod
    def pareto_top(cls) -> Selector:
        return cls("pareto_top")

    @classmethod
    def koc(cls) -> Selector:
        return cls("koc")

    @classmethod
    def trend(cls, month: str, part: str) -> Selector:
        return cls("trend", month, part)

    @classmethod
    def segment(cls, segment: str, tier: str | None = None) -> Selector:
        """A segment's patients, or those of one tier (A–D, "none") inside it."""
        return cls("segment", segment, tier)

    @classmethod
    def segment_group(cls, group: str) -> Selector:
        return cls("segment_group", group)

    @classmethod
    def knowledge(cls, key: str) -> Selector:
        """Recorded knowledge ``expert``/``novice``, or ``unknown`` (none recorded yet)."""
        return cls("knowledge", key)

    @classmethod
    def rule_tag(cls, key: str) -> Selector:
        return cls("rule_tag", key)

    @classmethod
    def cycle(cls, treatment_id: int, part: str = "patients") -> Selector:
        """``patients`` who had the treatment, or the ``repeaters`` who came back for it."""
        return cls("cycle", str(treatment_id), part)

    @classmethod
    def crosssell(cls, rule: str, part: str = "patients") -> Selector:
        """``patients`` who had the scenario's source, or those ``converted`` to its goal."""
        return cls("crosssell", rule, part)


def _empty_pareto() -> Pareto:
    zero = np.zeros(1, dtype=np.float64)
    return Pareto(zero, zero, 0, 0, 0, 0, 0.0)


@dataclass(frozen=True)
class Dashboard:
    as_of: date | None
    filter: DashboardFilter
    patients: int  #: non-archived patients with stored metrics (the whole clinic)
    funnel: FunnelView = field(default_factory=lambda: FunnelView([], None))
    channels: list[ChannelRow] = field(default_factory=list)
    tiers: dict[str, int] = field(default_factory=dict)
    es_grid: list[list[int]] = field(default_factory=lambda: [[0] * 6 for _ in range(6)])
    pareto: Pareto = field(default_factory=_empty_pareto)
    kocs: list[KocRow] = field(default_factory=list)
    trends: list[TrendMonth] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    #: 分群 (PRODUCT §4.1); None until the page is loaded
    segments: SegmentView | None = None
    #: 复购周期 and cross-sell scenarios
    cycles: CycleNumbers = field(default_factory=CycleNumbers)
    pages: tuple[str, ...] = PAGES

    def what_if(self, uplift: float) -> float | None:
        """End-to-end conversion if every stage-to-stage step converted ``uplift`` better (≤ 1.0)."""
        return what_if(self.funnel.steps, uplift)

    def count_for(self, selector: Selector) -> int:
        """The number this dashboard shows for ``selector`` (its page must be loaded)."""
        kind, value, part = selector.kind, selector.value, selector.part
        if kind not in SELECTOR_PAGE:
            raise ValueError(f"unknown selector kind {kind!r}")
        if SELECTOR_PAGE[kind] not in self.pages:
            raise ValueError(f"the {SELECTOR_PAGE[kind]} page was not loaded")
        if kind in ("stage", "reached"):
            step = next((s for s in self.funnel.steps if s.stage.value == value), None)
            if step is None:
                raise ValueError(f"unknown stage {value!r}")
            return step.reached if kind == "reached" else self.funnel.stage_counts[step.stage]
        if kind == "channel":
            row = next((c for c in self.channels if c.source == value), None)
            return 0 if row is None else int(getattr(row, part or "patients"))
        if kind == "tier":
            return self.tiers[value or an.NO_TIER_KEY]
        if kind == "es_cell":
            return self.es_grid[selector.e or 0][selector.s or 0]
        if kind == "pareto_top":
            return self.pareto.top20_patients
        if kind == "koc":
            return len(self.kocs)
        if kind in SEGMENT_SELECTORS:
            return segment_count(kind, value, part, self.segments, self.cycles)
        month = next((m for m in self.trends if m.month == value), None)
        attribute = {"new": "new_patients", "first": "first_purchases", "repeat": "repeat_patients"}
        if month is None or part not in attribute:
            return 0
        return int(getattr(month, attribute[part]))


def _filter_mask(cols: PatientColumns, f: DashboardFilter) -> np.ndarray:
    return an.cohort_mask(cols, f.cohort_from, f.cohort_to, f.source)


def _sources(cols: PatientColumns) -> list[str]:
    counts = np.bincount(cols.source, minlength=len(cols.sources))
    present = [(name, int(counts[i])) for i, name in enumerate(cols.sources) if counts[i]]
    present.sort(key=lambda item: (item[0] == an.NO_SOURCE, -item[1], item[0]))
    return [name for name, _ in present]


def load_dashboard(
    db: Database,
    *,
    cohort_from: date | None = None,
    cohort_to: date | None = None,
    source: str | None = None,
    pages: Collection[str] = PAGES,
) -> Dashboard:
    """The dashboard's pages (all of them by default) from the stored metrics; see the module docstring.

    The owner's (revenue on every page: channel spend, the E scores, the Pareto curve, KOC spend), so
    :class:`~clinic_desktop.core.access.AccessDenied` for staff when roles are on."""
    db.access.require(Permission.SEE_REVENUE)
    unknown = set(pages) - set(PAGES)
    if unknown:
        raise ValueError(f"unknown dashboard pages: {sorted(unknown)}")
    f = DashboardFilter(cohort_from, cohort_to, source)
    kept = stored_columns(db.engine)
    keys = None
    if "cycles" in pages:  # the visit lines' reading starts before the columns' (StoredColumns)
        as_of, cols, days, keys = kept.load_with_visit_keys(db.engine, pages, purchases="trends" in pages)
    else:
        as_of, cols, days = kept.load(db.engine, pages, purchases="trends" in pages)
    sources = _sources(cols) if {"funnel", "channels"} & set(pages) else []
    board = Dashboard(as_of, f, len(cols), sources=sources, pages=tuple(p for p in PAGES if p in pages))
    if "funnel" in pages or "channels" in pages:
        scoped = cols.subset(_filter_mask(cols, f))
        if "funnel" in pages:
            board = replace(board, funnel=an.funnel_view(scoped))
        if "channels" in pages:
            board = replace(board, channels=an.channel_rows(scoped))
    if "ers" in pages:
        board = replace(
            board,
            tiers=an.tier_counts(cols),
            es_grid=an.es_grid(cols),
            pareto=an.pareto(cols),
            kocs=_kocs(db, cols),
        )
    if days is not None and as_of is not None:
        board = replace(board, trends=an.trends(cols, days, as_of))
    if "segments" in pages:
        board = replace(board, segments=segment_view(cols))
    if "cycles" in pages:
        board = replace(board, cycles=load_cycle_page(db, cols, keys))
    return board


def _kocs(db: Database, cols: PatientColumns) -> list[KocRow]:
    at = an.koc_positions(cols)
    ids = cols.patient_id[at].tolist()
    with db.engine.connect() as conn:
        names = read_names(conn, ids)
    return [
        KocRow(int(pid), names.get(int(pid), ""), int(cols.r[i]), int(cols.converted_referrals[i]),
               int(cols.referral_spend_fen[i]))
        for pid, i in zip(ids, at.tolist(), strict=True)
    ]  # fmt: skip


def load_funnel(
    db: Database,
    *,
    cohort_from: date | None = None,
    cohort_to: date | None = None,
    source: str | None = None,
) -> Dashboard:
    return load_dashboard(db, cohort_from=cohort_from, cohort_to=cohort_to, source=source, pages=("funnel",))


def load_channels(
    db: Database,
    *,
    cohort_from: date | None = None,
    cohort_to: date | None = None,
    source: str | None = None,
) -> Dashboard:
    return load_dashboard(
        db, cohort_from=cohort_from, cohort_to=cohort_to, source=source, pages=("channels",)
    )


def load_ers(db: Database) -> Dashboard:
    return load_dashboard(db, pages=("ers",))


def load_trends(db: Database) -> Dashboard:
    return load_dashboard(db, pages=("trends",))


def load_segments(db: Database) -> Dashboard:
    return load_dashboard(db, pages=("segments",))


def load_cycles(db: Database) -> Dashboard:
    return load_dashboard(db, pages=("cycles",))


def patient_ids_for(db: Database, selector: Selector) -> list[int]:
    """The exact patients (ids, ascending) behind the number ``selector`` points at."""
    kind = selector.kind
    if kind not in SELECTOR_PAGE:
        raise ValueError(f"unknown selector kind {kind!r}")
    repeat = kind == "trend" and selector.part == "repeat"
    as_of, cols, days = stored_columns(db.engine).load(db.engine, [SELECTOR_PAGE[kind]], purchases=repeat)
    if kind in ("stage", "reached", "channel"):
        mask = _filter_mask(cols, selector.filter)
        if kind == "channel":
            mask &= an.channel_mask(cols, selector.value or "", selector.part or "patients")
        else:
            mask &= an.stage_mask(cols, selector.value or "", reached=kind == "reached")
    elif kind == "tier":
        mask = an.tier_mask(cols, selector.value or an.NO_TIER_KEY)
    elif kind == "es_cell":
        mask = an.es_mask(cols, selector.e or 0, selector.s)
    elif kind == "pareto_top":
        mask = an.pareto_top_mask(cols)
    elif kind == "koc":
        mask = np.zeros(len(cols), dtype=bool)
        mask[an.koc_positions(cols)] = True
    elif kind in SEGMENT_SELECTORS:
        mask = segment_selection(db, kind, selector.value, selector.part, cols, as_of)
    elif kind == "trend":
        if as_of is None:
            return []
        none = np.zeros(0, dtype=np.int64)
        mask = an.trend_mask(
            cols, days or PurchaseDays(none, none), selector.value or "", selector.part or "", as_of
        )
    else:
        raise ValueError(f"unknown selector kind {kind!r}")
    return [int(i) for i in cols.patient_id[mask]]
