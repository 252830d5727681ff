"""The 分群 and 复购周期 pages of the dashboard (PRODUCT §6): segments, repurchase cycles, cross-sell
scenarios — and the selectors that list the patients behind each of their counts.

Split from :mod:`clinic_desktop.services.dashboard.numbers` (the lifecycle, channel, ERS and trend pages);
it uses the same stored columns and keeps the visit keys beside them (:class:`StoredColumns`). The report
computes the same numbers fresh through :func:`cycle_numbers`, so they agree after a recompute.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from clinic_desktop.core import segmentation as rp
from clinic_desktop.core import segmentation as sa
from clinic_desktop.core.analytics import BoolArray, PatientColumns
from clinic_desktop.core.calllists import CrossSellRule, rule_named
from clinic_desktop.core.segmentation import CatalogueItem, CrossSellRow, CycleRow, SegmentView, VisitKeys
from clinic_desktop.services.calllists import load_crosssell_rules
from clinic_desktop.services.dashboard.cache import stored_columns
from clinic_desktop.services.dashboard.visit_keys import read_catalogue, read_visit_keys
from clinic_desktop.services.database import Database

__all__ = ["CycleNumbers", "SEGMENT_SELECTORS", "cycle_numbers", "segment_count", "segment_selection"]

#: selector kinds of these pages → the page whose data they need
SEGMENT_SELECTORS = {
    "segment": "segments",
    "segment_group": "segments",
    "knowledge": "segments",
    "rule_tag": "segments",
    "cycle": "cycles",
    "crosssell": "cycles",
}


@dataclass(frozen=True)
class CycleNumbers:
    """The 复购周期 page: a row per catalogue treatment and per cross-sell scenario rule."""

    cycles: list[CycleRow] = field(default_factory=list)
    crosssell: list[CrossSellRow] = field(default_factory=list)


def cycle_numbers(
    keys: VisitKeys, n: int, catalogue: Sequence[CatalogueItem], rules: Sequence[CrossSellRule]
) -> CycleNumbers:
    return CycleNumbers(rp.repurchase_cycles(keys, catalogue), rp.crosssell_rows(keys, n, rules, catalogue))


def load_cycle_page(db: Database, cols: PatientColumns, keys: VisitKeys | None) -> CycleNumbers:
    """The page from the kept columns and their visit keys (None, and the page empty, before the first
    recompute)."""
    if keys is None:
        return CycleNumbers()
    return cycle_numbers(keys, len(cols), read_catalogue(db.engine), load_crosssell_rules(db))


def fresh_cycle_numbers(db: Database, cols: PatientColumns, as_of: date) -> CycleNumbers:
    """The page computed for the report: the visit lines read now, up to ``as_of``."""
    keys = read_visit_keys(db.engine, as_of, cols.patient_id)
    return cycle_numbers(keys, len(cols), read_catalogue(db.engine), load_crosssell_rules(db))


def segment_count(
    kind: str, value: str | None, part: str | None, view: SegmentView | None, cycles: CycleNumbers
) -> int:
    """The number the page shows for a selector of these pages."""
    if kind in ("segment", "segment_group"):
        rows = (view.rows if kind == "segment" else view.groups) if view else []
        row = next((r for r in rows if r.segment == value), None)
        if row is None:
            return 0
        return row.patients if part is None else row.tiers.get(part, 0)
    if kind == "knowledge":
        return 0 if view is None else view.knowledge.get(value or "", 0)
    if kind == "rule_tag":
        return 0 if view is None else view.rule_tags.get(value or "", 0)
    if kind == "cycle":
        cycle = next((c for c in cycles.cycles if str(c.treatment_id) == value), None)
        return 0 if cycle is None else (cycle.repeaters if part == "repeaters" else cycle.patients)
    scenario = next((c for c in cycles.crosssell if c.rule == value), None)
    if scenario is None:
        return 0
    return scenario.patients if part != "converted" else scenario.converted or 0


def segment_selection(
    db: Database, kind: str, value: str | None, part: str | None, cols: PatientColumns, as_of: date | None
) -> BoolArray:
    """The patients behind a count of these pages, as a mask over ``cols``."""
    if kind == "segment":
        return sa.segment_mask(cols, value or "", part)
    if kind == "segment_group":
        return sa.group_mask(cols, value or "")
    if kind == "knowledge":
        return sa.knowledge_mask(cols, value or "")
    if kind == "rule_tag":
        return sa.rule_tag_mask(cols, value or "")
    none = np.zeros(len(cols), dtype=np.bool_)
    if as_of is None:
        return none
    keys = stored_columns(db.engine).visit_keys(db.engine, cols.patient_id, as_of)
    if kind == "cycle":
        return rp.cycle_mask(keys, len(cols), int(value or 0), part or "patients")
    if kind == "crosssell":
        rule = rule_named(load_crosssell_rules(db), value or "")
        if rule is None:
            return none
        return rp.crosssell_mask(keys, len(cols), rule, read_catalogue(db.engine), part or "patients")
    raise ValueError(f"unknown selector kind {kind!r}")
