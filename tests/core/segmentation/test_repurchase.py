"""Repurchase cycles and cross-sell scenario conversion (core.repurchase), computed by hand."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from clinic_desktop.core.calllists.list_specs import DEFAULT_CROSSSELL_RULES, CrossSellRule
from clinic_desktop.core.segmentation.repurchase import (
    MIN_INTERVALS,
    CatalogueItem,
    VisitKeys,
    crosssell_mask,
    crosssell_rows,
    cycle_mask,
    repurchase_cycles,
    suggestion,
)

CATALOGUE = [
    CatalogueItem(1, "洁牙", "口腔", 180),
    CatalogueItem(2, "种植牙", "种植", None),
    CatalogueItem(3, "玻尿酸", "医美", 180),
    CatalogueItem(4, "正畸", "正畸", None),
]


def d(text: str) -> int:
    return date.fromisoformat(text).toordinal()


def keys(lines: list[tuple[int, int, str]], referrals: list[tuple[int, str]] = ()) -> VisitKeys:  # type: ignore[assignment]
    """(treatment id, patient position, day) lines; referrals as (referrer position, contact day)."""
    t, p, day = (
        np.array(col, dtype=np.int64) for col in zip(*[(a, b, d(c)) for a, b, c in lines], strict=True)
    )
    ref = np.array([r for r, _ in referrals], dtype=np.int64)
    ref_day = np.array([d(x) for _, x in referrals], dtype=np.int64)
    return VisitKeys.build(t, p, day, ref, ref_day)


LINES = [
    # patient 0: 洁牙 three times (181 and 184 days apart), twice on one day counts once
    (1, 0, "2025-01-01"), (1, 0, "2025-07-01"), (1, 0, "2025-07-01"), (1, 0, "2026-01-01"),
    # patient 1: 洁牙 once; 种植牙 2025-03-01, then 玻尿酸 2025-09-01 (converted)
    (1, 1, "2025-02-01"), (2, 1, "2025-03-01"), (3, 1, "2025-09-01"),
    # patient 2: 玻尿酸 2024-01-01 *before* 种植牙 2025-05-05: not a conversion
    (3, 2, "2024-01-01"), (2, 2, "2025-05-05"),
    # patient 3: 正畸 2024, 种植牙 2026 (converted on 正畸→种植咨询)
    (4, 3, "2024-04-04"), (2, 3, "2026-02-02"),
]  # fmt: skip


def test_cycles_per_treatment() -> None:
    rows = {r.name: r for r in repurchase_cycles(keys(LINES), CATALOGUE)}
    cleaning = rows["洁牙"]
    assert (cleaning.patients, cleaning.repeaters, cleaning.intervals) == (2, 1, 2)
    assert cleaning.repeat_share == 0.5 and cleaning.median_days == 183  # (181 + 184) / 2 = 182.5 → 183
    assert cleaning.suggested_days is None  # two intervals are too few
    implant = rows["种植牙"]
    assert (implant.patients, implant.repeaters, implant.median_days) == (3, 0, None)
    assert [r.name for r in repurchase_cycles(keys(LINES), CATALOGUE)] == ["洁牙", "种植牙", "玻尿酸", "正畸"]


def test_cycle_masks() -> None:
    k = keys(LINES)
    assert cycle_mask(k, 5, 1, "patients").tolist() == [True, True, False, False, False]
    assert cycle_mask(k, 5, 1, "repeaters").tolist() == [True, False, False, False, False]
    with pytest.raises(ValueError):
        cycle_mask(k, 5, 1, "bogus")


@pytest.mark.parametrize(
    ("recall", "median", "intervals", "expected"),
    [
        (180, 200, MIN_INTERVALS, 200),  # 11% longer: worth adopting
        (180, 198, MIN_INTERVALS, None),  # exactly 10%: within tolerance
        (180, 162, MIN_INTERVALS, None),
        (180, 161, MIN_INTERVALS, 161),
        (180, 300, MIN_INTERVALS - 1, None),  # too few intervals
        (None, 90, 500, None),  # no recall interval in the catalogue: nothing suggested
        (30, None, 0, None),
    ],
)
def test_suggestion(recall: int | None, median: int | None, intervals: int, expected: int | None) -> None:
    assert suggestion(recall, median, intervals) == expected


def test_crosssell_conversion_per_scenario() -> None:
    k = keys(LINES, referrals=[(1, "2025-10-10"), (2, "2025-01-01")])  # 2 referred before their implant
    rules = list(DEFAULT_CROSSSELL_RULES)
    rows = {r.rule: r for r in crosssell_rows(k, 5, rules, CATALOGUE)}
    ortho = rows["正畸→种植咨询"]
    assert (ortho.source, ortho.target, ortho.patients, ortho.converted, ortho.share) == (
        "正畸",
        "种植牙",
        1,
        1,
        1.0,
    )
    injectables = rows["手术/种植→注射类"]
    assert (injectables.patients, injectables.converted, injectables.share) == (3, 1, 0.3333)
    referral = rows["种植→转介绍"]
    assert (referral.target, referral.patients, referral.converted) == ("转介绍", 3, 1)
    assert crosssell_mask(k, 5, rules[1], CATALOGUE, "converted").tolist() == [
        False,
        True,
        False,
        False,
        False,
    ]
    assert crosssell_mask(k, 5, rules[2], CATALOGUE, "patients").tolist() == [False, True, True, True, False]
    no_goal = CrossSellRule("只推荐", "offer", from_treatments=("洁牙",))
    row = crosssell_rows(k, 5, [no_goal], CATALOGUE)[0]
    assert (row.patients, row.converted, row.share, row.target) == (2, None, None, "")
    assert not crosssell_mask(k, 5, no_goal, CATALOGUE, "converted").any()


def test_rule_json_keeps_the_referral_goal() -> None:
    rule = DEFAULT_CROSSSELL_RULES[2]
    assert rule.to_referral and CrossSellRule.from_json(rule.to_json()) == rule
    old = {k: v for k, v in rule.to_json().items() if k != "to_referral"}  # saved before this field
    assert CrossSellRule.from_json(old).to_referral is False


def test_empty_clinic() -> None:
    none = np.zeros(0, dtype=np.int64)
    empty = VisitKeys.build(none, none, none)
    assert all(r.patients == 0 and r.repeat_share == 0.0 for r in repurchase_cycles(empty, CATALOGUE))
    assert all(r.share in (0.0, None) for r in crosssell_rows(empty, 0, DEFAULT_CROSSSELL_RULES, CATALOGUE))


def test_column_passes_equal_a_plain_count_per_patient() -> None:
    """Random lines: the O(n) passes over the sorted keys give what a dictionary of each patient's days
    per treatment gives — the rows, the medians (odd and even counts), cross-sell, every mask."""
    rng = np.random.default_rng(5)
    n, lines = 60, 1_500
    t = rng.integers(1, 5, lines)
    p = rng.integers(0, n, lines)
    day = rng.integers(d("2024-01-01"), d("2026-11-20"), lines)
    ref, ref_day = rng.integers(0, n, 30), rng.integers(d("2024-01-01"), d("2026-11-20"), 30)
    k = VisitKeys.build(t, p, day, ref, ref_day)
    days: dict[tuple[int, int], list[int]] = {}
    for a, b, c in sorted(set(zip(t.tolist(), p.tolist(), day.tolist(), strict=True))):
        days.setdefault((a, b), []).append(c)
    for row in repurchase_cycles(k, CATALOGUE):
        pairs = [v for (a, _), v in days.items() if a == row.treatment_id]
        gaps = sorted(y - x for v in pairs for x, y in zip(v, v[1:], strict=False))
        middle = gaps[(len(gaps) - 1) // 2] + gaps[len(gaps) // 2] if gaps else None
        assert (row.patients, row.repeaters, row.intervals) == (
            len(pairs),
            sum(len(v) > 1 for v in pairs),
            len(gaps),
        )
        assert row.median_days == (None if middle is None else (middle + 1) // 2)
        for part, wanted in (("patients", 1), ("repeaters", 2)):
            expected = sorted(b for (a, b), v in days.items() if a == row.treatment_id and len(v) >= wanted)
            assert np.flatnonzero(cycle_mask(k, n, row.treatment_id, part)).tolist() == expected
    ids = {c.name: c.id for c in CATALOGUE}
    for rule in DEFAULT_CROSSSELL_RULES:
        source = {
            c.id for c in CATALOGUE if c.name in rule.from_treatments or c.category in rule.from_categories
        }
        goal = {ids[x] for x in rule.skip_if_had if x in ids}
        first = {b: min(v[0] for (a2, b2), v in days.items() if b2 == b and a2 in source)
                 for (a, b) in days if a in source}  # fmt: skip
        if rule.to_referral:
            later = {b: max(c for r, c in zip(ref.tolist(), ref_day.tolist(), strict=True) if r == b)
                     for b in set(ref.tolist())}  # fmt: skip
        else:
            later = {b: max(v[-1] for (a2, b2), v in days.items() if b2 == b and a2 in goal)
                     for (a, b) in days if a in goal}  # fmt: skip
        converted = sorted(b for b, f in first.items() if later.get(b, -1) > f)
        row = crosssell_rows(k, n, [rule], CATALOGUE)[0]
        assert (row.patients, row.converted) == (len(first), len(converted))
        assert np.flatnonzero(crosssell_mask(k, n, rule, CATALOGUE, "patients")).tolist() == sorted(first)
        assert np.flatnonzero(crosssell_mask(k, n, rule, CATALOGUE, "converted")).tolist() == converted
