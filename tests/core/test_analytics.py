"""Dashboard arithmetic (PRODUCT §6) on small hand-built columns, checked against numbers worked by hand.

The clinic below (days are 2026 dates unless said; spend in yuan; "buys" = purchase occasions):

| id | source | contact | stage | buys | first buy | window | lifetime | E | R | S | tier |
|----|--------|---------|-------|------|-----------|--------|----------|---|---|---|------|
| 1  | 抖音   | 01-05   | vip      | 4 | 01-10 | 2,100 | 2,100 | 4 | 3 | – | B |
| 2  | 朋友介绍 | 02-01  | customer | 1 | 02-15 | 3,000 | 3,000 | 5 | 0 | – | B |
| 3  | 朋友介绍 | 2023-04-20 | repeat | 2 | 2023-05-01 | 400 | 1,200 | 2 | 0 | – | D |
| 4  | 抖音   | 10-15   | potential | 0 | – | 0 | 0 | 0 | 0 | – | – |
| 5  | 抖音   | 10-20   | intent    | 0 | – | 0 | 0 | 0 | 0 | – | – |
| 6  | (none) | 05-05   | stranger  | 0 | – | 0 | 0 | 0 | 0 | – | – |
| 7  | (none) | 04-04   | customer  | 1 | 04-04 | 600 | 600 | 3 | 0 | – | C |
| 9  | 美团   | 07-03   | customer  | 1 | 07-03 | 100 | 100 | 1 | 0 | 1 | D |
| 10 | 抖音   | 08-08   | stranger  | 0 | – | 0 | 0 | 0 | 0 | – | – |

- Funnel reached 9 → 7 → 6 → 5 → 2 → 1; conversion –, 7/9 = .7778, 6/7 = .8571, 5/6 = .8333, 2/5 = .4,
  1/2 = .5; end-to-end 1/9 = .1111.
- Channels: 抖音 4 patients, 1 buyer, 1 repeater (25% / 25%), ¥2,100 per buyer; 朋友介绍 2, 2, 1 (100% / 50%),
  (3,000 + 1,200) / 2 = ¥2,100; 美团 1, 1, 0, ¥100; unrecorded 2, 1, 0 (50% / 0%), ¥600 — listed last.
- Tiers A 0, B 2, C 1, D 2, none 4. E×S: E0/unknown 4, E1/S1 1, E2..E5 / unknown 1 each.
- Pareto: spends 3,000, 2,100, 600, 400, 100 of 6,200: y = .4839, .8226, .9194, .9839, 1 at x = .2 … 1;
  E5 is patient 2 alone: top-20% share 3,000 / 6,200 = .4839 — the curve's value at the 20% mark.
- KOC: patient 1 (R3, 2 converted referrals, ¥4,200 their lifetime spend).
- Trends to 2026-11-20: new 2026-01, 02, 04, 05, 07, 08 one each and 10 two; first purchases 01, 02, 04,
  07; repeat occasions 2025-07 one (patient 3), 2026-03 one, 2026-10 two — both patient 1's, so one patient.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic_desktop.core import analytics as an
from clinic_desktop.core.analytics import PatientColumns, PurchaseDays
from clinic_desktop.core.batch import NO_DAY, NO_TIER, e_scores
from clinic_desktop.core.ers import TIERS
from clinic_desktop.core.funnel import what_if, what_if_reached
from clinic_desktop.core.lifecycle import STAGES, Stage

AS_OF = date(2026, 11, 20)


def d(text: str) -> int:
    return NO_DAY if text == "" else date.fromisoformat(text).toordinal()


# id, source, contact, stage, buys, first buy, window ¥, lifetime ¥, E, R, S (0 unknown), tier, converted, referral ¥
ROWS: list[tuple[Any, ...]] = [
    (1, "抖音", "2026-01-05", "vip", 4, "2026-01-10", 2100, 2100, 4, 3, 0, "B", 2, 4200),
    (2, "朋友介绍", "2026-02-01", "customer", 1, "2026-02-15", 3000, 3000, 5, 0, 0, "B", 0, 0),
    (3, "朋友介绍", "2023-04-20", "repeat", 2, "2023-05-01", 400, 1200, 2, 0, 0, "D", 0, 0),
    (4, "抖音", "2026-10-15", "potential", 0, "", 0, 0, 0, 0, 0, None, 0, 0),
    (5, "抖音", "2026-10-20", "intent", 0, "", 0, 0, 0, 0, 0, None, 0, 0),
    (6, "", "2026-05-05", "stranger", 0, "", 0, 0, 0, 0, 0, None, 0, 0),
    (7, "", "2026-04-04", "customer", 1, "2026-04-04", 600, 600, 3, 0, 0, "C", 0, 0),
    (9, "美团", "2026-07-03", "customer", 1, "2026-07-03", 100, 100, 1, 0, 1, "D", 0, 0),
    (10, "抖音", "2026-08-08", "stranger", 0, "", 0, 0, 0, 0, 0, None, 0, 0),
]
# purchase occasions in the trends window (2024-12-01 … 2026-11-20), as (patient id, day)
OCCASIONS = [
    (1, "2026-01-10"), (1, "2026-03-10"), (1, "2026-10-01"), (1, "2026-10-20"),
    (2, "2026-02-15"), (3, "2025-07-01"), (7, "2026-04-04"), (9, "2026-07-03"),
]  # fmt: skip


def columns(rows: list[tuple[Any, ...]] = ROWS) -> PatientColumns:
    sources: dict[str, int] = {}
    tier_codes = {t.value: i for i, t in enumerate(TIERS)}

    def ints(values: list[int]) -> np.ndarray:
        return np.array(values, dtype=np.int64)

    return PatientColumns(
        patient_id=ints([r[0] for r in rows]),
        source=ints([sources.setdefault(r[1], len(sources)) for r in rows]),
        sources=tuple(sources),
        contact_day=ints([d(r[2]) for r in rows]),
        stage=ints([STAGES.index(Stage(r[3])) for r in rows]),
        purchases=ints([r[4] for r in rows]),
        first_purchase=ints([d(r[5]) for r in rows]),
        spend_window_fen=ints([r[6] * 100 for r in rows]),
        spend_total_fen=ints([r[7] * 100 for r in rows]),
        e=ints([r[8] for r in rows]),
        r=ints([r[9] for r in rows]),
        s=ints([r[10] for r in rows]),
        tier=ints([NO_TIER if r[11] is None else tier_codes[r[11]] for r in rows]),
        converted_referrals=ints([r[12] for r in rows]),
        referral_spend_fen=ints([r[13] * 100 for r in rows]),
    )


def occasions(cols: PatientColumns) -> PurchaseDays:
    pos = [int(np.flatnonzero(cols.patient_id == pid)[0]) for pid, _ in OCCASIONS]
    return PurchaseDays(np.array(pos, dtype=np.int64), np.array([d(x) for _, x in OCCASIONS], dtype=np.int64))


def ids(cols: PatientColumns, mask: np.ndarray) -> list[int]:
    return [int(i) for i in cols.patient_id[mask]]


def test_funnel_reached_conversion_and_end_to_end() -> None:
    view = an.funnel_view(columns())
    assert [s.reached for s in view.steps] == [9, 7, 6, 5, 2, 1]
    assert [s.conversion for s in view.steps] == [None, 0.7778, 0.8571, 0.8333, 0.4, 0.5]
    assert view.end_to_end == 0.1111
    assert view.stage_counts == {
        Stage.STRANGER: 2, Stage.POTENTIAL: 1, Stage.INTENT: 1, Stage.CUSTOMER: 3, Stage.REPEAT: 1, Stage.VIP: 1,
    }  # fmt: skip


def test_stage_and_reached_masks_match_the_funnel() -> None:
    cols = columns()
    view = an.funnel_view(cols)
    for step in view.steps:
        assert an.stage_mask(cols, step.stage.value, reached=True).sum() == step.reached
        assert an.stage_mask(cols, step.stage.value).sum() == view.stage_counts[step.stage]
    assert ids(cols, an.stage_mask(cols, "customer", reached=True)) == [1, 2, 3, 7, 9]


def test_cohort_by_contact_day_and_source() -> None:
    cols = columns()
    first_half = an.cohort_mask(cols, date(2026, 1, 1), date(2026, 6, 30))
    assert ids(cols, first_half) == [1, 2, 6, 7]
    assert [s.reached for s in an.funnel_view(cols.subset(first_half)).steps] == [4, 3, 3, 3, 1, 1]
    friends = an.cohort_mask(cols, source="朋友介绍")
    assert [s.reached for s in an.funnel_view(cols.subset(friends)).steps] == [2, 2, 2, 2, 1, 0]
    autumn_douyin = an.cohort_mask(cols, date(2026, 10, 1), None, "抖音")
    assert [s.reached for s in an.funnel_view(cols.subset(autumn_douyin)).steps] == [2, 2, 1, 0, 0, 0]
    assert an.cohort_mask(cols, source="没有这个渠道").sum() == 0
    assert ids(cols, an.cohort_mask(cols, source="")) == [6, 7]


def test_contact_day_falls_back_to_the_earlier_of_first_purchase_and_creation() -> None:
    recorded, first, created = (
        np.array(v, dtype=np.int64) for v in ([5, 0, 0, 0], [9, 3, 0, 8], [7, 6, 4, 0])
    )
    assert an.contact_days(recorded, first, created).tolist() == [5, 3, 4, 8]


def test_what_if_seed_article_lesson() -> None:
    """0.9 at each of four steps keeps 0.9⁴ = 65.6%; a clinic at 0.8 per step (0.8⁴ = 41%) that converts
    every step 0.1 better gets there."""
    rows = []
    for stage, n in zip(STAGES, (2000, 1600, 1280, 1024, 0, 4096), strict=True):
        rows += [(len(rows), "", "", stage.value, 0, "", 0, 0, 0, 0, 0, None, 0, 0)] * n
    view = an.funnel_view(columns(rows))
    assert [s.conversion for s in view.steps] == [None, 0.8, 0.8, 0.8, 0.8, 1.0]
    assert view.end_to_end == 0.4096
    assert what_if(view.steps, 0.1) == 0.6561
    projected = what_if_reached(view.steps, 0.1)
    assert projected == pytest.approx([10000, 9000, 8100, 7290, 6561, 6561])


def test_channel_quality_rows() -> None:
    rows = an.channel_rows(columns())
    assert [(r.source, r.patients, r.buyers, r.repeaters) for r in rows] == [
        ("抖音", 4, 1, 1),
        ("朋友介绍", 2, 2, 1),
        ("美团", 1, 1, 0),
        ("", 2, 1, 0),  # unrecorded source last, whatever its size
    ]
    assert [(r.buy_share, r.repeat_share, r.repeat_of_buyers) for r in rows] == [
        (0.25, 0.25, 1.0),
        (1.0, 0.5, 0.5),
        (1.0, 0.0, 0.0),
        (0.5, 0.0, 0.0),
    ]
    # lifetime spend per buyer: 朋友介绍 (¥3,000 + ¥1,200, the latter mostly before the window) / 2
    assert [(r.avg_spend_fen, r.revenue_fen) for r in rows] == [
        (210_000, 210_000),
        (210_000, 420_000),
        (10_000, 10_000),
        (60_000, 60_000),
    ]


def test_channel_average_rounds_half_up_to_a_fen_and_handles_no_buyers() -> None:
    rows = [
        (1, "A", "", "customer", 1, "2026-01-01", 0, 1, 1, 0, 0, "D", 0, 0),  # lifetime: 101 fen, set below
        (2, "A", "", "customer", 1, "2026-01-01", 0, 0, 1, 0, 0, "D", 0, 0),
        (3, "B", "", "stranger", 0, "", 0, 0, 0, 0, 0, None, 0, 0),
    ]
    cols = replace(columns(rows), spend_total_fen=np.array([101, 0, 0], dtype=np.int64))
    a, b = an.channel_rows(cols)
    assert (a.avg_spend_fen, a.revenue_fen) == (51, 101)  # 50.5 fen → 51
    assert (b.buyers, b.buy_share, b.repeat_of_buyers, b.avg_spend_fen) == (0, 0.0, None, 0)


def test_channel_masks_match_the_rows() -> None:
    cols = columns()
    for row in an.channel_rows(cols):
        for part in an.CHANNEL_PARTS:
            assert an.channel_mask(cols, row.source, part).sum() == getattr(row, part)
    assert ids(cols, an.channel_mask(cols, "朋友介绍", "repeaters")) == [3]
    with pytest.raises(ValueError):
        an.channel_mask(cols, "抖音", "everyone")


def test_tiers_and_es_grid() -> None:
    cols = columns()
    assert an.tier_counts(cols) == {"A": 0, "B": 2, "C": 1, "D": 2, "none": 4}
    assert an.es_grid(cols) == [
        [4, 0, 0, 0, 0, 0],
        [0, 1, 0, 0, 0, 0],
        [1, 0, 0, 0, 0, 0],
        [1, 0, 0, 0, 0, 0],
        [1, 0, 0, 0, 0, 0],
        [1, 0, 0, 0, 0, 0],
    ]
    assert ids(cols, an.tier_mask(cols, "B")) == [1, 2]
    assert ids(cols, an.tier_mask(cols, "none")) == [4, 5, 6, 10]
    assert ids(cols, an.es_mask(cols, 1, 1)) == [9]
    assert ids(cols, an.es_mask(cols, 0, None)) == [4, 5, 6, 10]


def test_pareto_curve_and_its_twenty_percent_mark() -> None:
    p = an.pareto(columns())
    assert (p.paying, p.revenue_fen, p.top20_patients, p.top20_revenue_fen) == (5, 620_000, 1, 300_000)
    assert p.top20_share == 0.4839
    assert p.x.tolist() == pytest.approx([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    assert p.y.tolist() == pytest.approx([0, 3000 / 6200, 5100 / 6200, 5700 / 6200, 6100 / 6200, 1.0])
    assert p.mark_x == 0.2
    mark = int(np.flatnonzero(p.x == p.mark_x)[0])
    assert round(float(p.y[mark]), 4) == p.top20_share
    assert ids(columns(), an.pareto_top_mask(columns())) == [2]


def test_pareto_mark_includes_ties_at_the_edge() -> None:
    """Three patients tie at the top of ten: all three are E5 (ties share the better band), so the mark
    sits at 30% of patients, where the curve meets the top-20% revenue share exactly."""
    rows = [
        (i, "", "", "customer", 1, "", 50 if i < 3 else 10, 0, 5 if i < 3 else 1, 0, 0, "C", 0, 0)
        for i in range(10)
    ]
    p = an.pareto(columns(rows), points=4)
    assert p.top20_patients == 3 and p.mark_x == 0.3
    assert p.top20_share == round(150 / 220, 4)
    assert 0.3 in p.x.tolist()  # kept even though thinned to 4 points
    assert round(float(p.y[p.x.tolist().index(0.3)]), 4) == p.top20_share
    assert p.x[0] == 0.0 and p.x[-1] == 1.0 and p.y[-1] == 1.0


def test_pareto_without_paying_patients() -> None:
    p = an.pareto(columns([ROWS[3]]))
    assert (p.paying, p.top20_share, p.mark_x) == (0, 0.0, 0.0)


def test_kocs() -> None:
    cols = columns()
    at = an.koc_positions(cols)
    assert cols.patient_id[at].tolist() == [1]
    assert (int(cols.converted_referrals[at[0]]), int(cols.referral_spend_fen[at[0]])) == (2, 420_000)


def test_trends_last_24_months() -> None:
    cols = columns()
    months = an.trends(cols, occasions(cols), AS_OF)
    assert len(months) == 24
    assert (months[0].month, months[-1].month) == ("2024-12", "2026-11")
    by = {m.month: (m.new_patients, m.first_purchases, m.repeat_purchases, m.repeat_patients) for m in months}
    assert by["2025-07"] == (0, 0, 1, 1)
    assert by["2026-01"] == (1, 1, 0, 0)
    assert by["2026-02"] == (1, 1, 0, 0)
    assert by["2026-03"] == (0, 0, 1, 1)
    assert by["2026-04"] == (1, 1, 0, 0)  # patient 7: first purchase and (fallback) contact day
    assert by["2026-10"] == (2, 0, 2, 1)  # two repeat occasions, one patient
    assert sum(m.new_patients for m in months) == 8  # patient 3's contact day (2023) is outside
    assert an.trend_start(AS_OF) == date(2024, 12, 1)


def test_trend_masks_match_the_counts() -> None:
    cols = columns()
    days = occasions(cols)
    for m in an.trends(cols, days, AS_OF):
        for part, count in (
            ("new", m.new_patients),
            ("first", m.first_purchases),
            ("repeat", m.repeat_patients),
        ):
            assert an.trend_mask(cols, days, m.month, part, AS_OF).sum() == count
    assert ids(cols, an.trend_mask(cols, days, "2026-10", "new", AS_OF)) == [4, 5]
    assert ids(cols, an.trend_mask(cols, days, "2026-10", "repeat", AS_OF)) == [1]
    with pytest.raises(ValueError):
        an.trend_mask(cols, days, "2026-10", "lost", AS_OF)


def test_days_after_as_of_are_not_counted() -> None:
    cols = columns()
    later = PurchaseDays(np.array([0], dtype=np.int64), np.array([d("2026-11-21")], dtype=np.int64))
    months = an.trends(cols, later, AS_OF)
    assert sum(m.repeat_purchases for m in months) == 0
    assert an.trends(cols, later, date(2026, 11, 30))[-1].repeat_purchases == 1


def test_empty_clinic() -> None:
    cols = columns([])
    assert [s.reached for s in an.funnel_view(cols).steps] == [0] * 6
    assert an.channel_rows(cols) == []
    assert an.tier_counts(cols) == {"A": 0, "B": 0, "C": 0, "D": 0, "none": 0}
    assert an.pareto(cols).paying == 0
    assert len(an.koc_positions(cols)) == 0
    empty = PurchaseDays(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    assert all(m.new_patients == m.repeat_purchases == 0 for m in an.trends(cols, empty, AS_OF))


def test_trends_do_not_depend_on_the_order_of_purchase_days() -> None:
    cols = columns()
    days = occasions(cols)
    shuffled = np.random.default_rng(7).permutation(len(days.pos))
    mixed = PurchaseDays(days.pos[shuffled], days.day[shuffled])
    assert an.trends(cols, mixed, AS_OF) == an.trends(cols, days, AS_OF)


PATIENT = st.tuples(
    st.sampled_from([0, 0, 100, 250, 250, 900, 5000]),  # window spend, fen (ties on purpose)
    st.sampled_from(["抖音", "美团", ""]),
    st.sampled_from([s.value for s in STAGES]),
    st.integers(0, 3),  # purchase occasions
    st.integers(0, 5),  # R
    st.integers(0, 5),  # S (0 unknown)
    st.sampled_from([None, "A", "B", "C", "D"]),
)


def random_clinic(patients: list[tuple[Any, ...]]) -> PatientColumns:
    spend = np.array([p[0] for p in patients], dtype=np.int64)
    e, _ = e_scores(spend, spend)
    rows = [
        (
            i + 1,
            src,
            "2026-01-01",
            stage,
            buys,
            "2026-01-01" if buys else "",
            0,
            7,
            int(e[i]),
            r,
            s,
            tier,
            0,
            0,
        )
        for i, (_, src, stage, buys, r, s, tier) in enumerate(patients)
    ]
    return replace(columns(rows), spend_window_fen=spend)


@given(st.lists(PATIENT, max_size=40))
def test_every_patient_is_counted_once(patients: list[tuple[Any, ...]]) -> None:
    cols = random_clinic(patients)
    n = len(cols)
    assert sum(r.patients for r in an.channel_rows(cols)) == n
    assert sum(sum(row) for row in an.es_grid(cols)) == n
    assert sum(an.tier_counts(cols).values()) == n
    assert an.funnel_view(cols).steps[0].reached == n
    p = an.pareto(cols)
    assert np.all(np.diff(p.y) >= -1e-12) and np.all(np.diff(p.x) > 0)
    if p.paying:
        mark = p.x.tolist().index(p.mark_x)
        assert round(float(p.y[mark]), 4) == p.top20_share
        assert 0.2 <= p.mark_x <= 1.0
