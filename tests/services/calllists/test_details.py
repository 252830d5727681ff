"""The candidates' details held column-wise: positions pick the same values a row-by-row read gave, a
candidate without a metrics row has no standing, and the kind's pure rule drops candidates from every
column at once."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from clinic_desktop.core.calllists import Standing
from clinic_desktop.services.calllists import data

AS_OF = date(2026, 6, 30)

# (id, do_not_contact, consent, phone, s, last contact, name, gender, birth, guardian, metrics id, stage,
#  activity, tier, composite, koc, converted referrals, spend, purchases, last purchase, segment, window
#  purchases, coupon purchases) — the order of data._DETAILS_COLUMNS
ROWS: list[tuple[Any, ...]] = [
    (7, 0, 1, "13800000007", 4, "2026-06-01", "王七", "F", "1990-02-03", 0,
     7, "repeat", "lapsed", "A", 420, 1, 2, 300_000, 3, "2025-01-05", "expert_quality", 1, 0),
    (3, 1, 0, None, None, None, "张三", None, None, 0,
     None, None, None, None, None, None, None, None, None, None, None, None, None),
    (5, 0, 1, "010-66778899", 2, None, "李五", "M", "2015-01-01", 1,
     5, "customer", "active", None, 100, 0, 0, 50_000, 1, "2026-05-30", "unknown", 1, 1),
]  # fmt: skip


def _details(keep: Any = None) -> data.Details:
    columns = [list(column) for column in zip(*ROWS, strict=True)]
    assert len(columns) == len(data._DETAILS_COLUMNS)
    return data.Details(columns, {5: 2}, as_of=AS_OF, keep=keep)


def test_positions_pick_each_candidates_own_values() -> None:
    details = _details()
    assert details.ids == [7, 3, 5]
    assert details.cards([2, 0]) == (
        ["李五", "王七"],
        ["010-66778899", "13800000007"],
        ["M", "F"],
        [date(2015, 1, 1), date(1990, 2, 3)],
        [None, date(2026, 6, 1)],
    )
    assert details.names_phones([1]) == (["张三"], [None])
    assert details.do_not_contact.tolist() == [False, True, False]
    assert details.minor.tolist() == [False, False, True]
    assert details.at_risk.tolist() == [False, False, True]
    assert details.last_contact.tolist() == [date(2026, 6, 1).toordinal(), 0, 0]
    assert details.marketing_contacts.tolist() == [0, 0, 2]
    assert details.last_contact_of(7) == date(2026, 6, 1) and details.marketing_contacts_of(5) == 2


def test_a_candidate_without_metrics_has_no_standing() -> None:
    details = _details()
    seven, three, five = details.standings_at([0, 1, 2])
    assert three is None and details.standing(3) is None
    assert seven == Standing(
        "repeat", "lapsed", "A", 420, 4, True, 2, 300_000, 3, date(2025, 1, 5), "expert_quality", 1, 0
    )
    assert five is not None and five.tier is None and five.koc is False and five.coupon_purchases == 1


@pytest.mark.parametrize("lazy", [False, True])
def test_the_pure_rule_drops_candidates_from_every_column(lazy: bool) -> None:
    seen: list[tuple[int, Standing | None]] = []

    def keep(pid: int, standing: Standing | None) -> bool:
        seen.append((pid, standing))
        return standing is not None and standing.purchases > 0

    details = _details(None if lazy else keep)
    if lazy:  # without a rule every candidate stays, and standings are made only when asked for
        assert details.ids == [7, 3, 5]
        return
    assert [pid for pid, _ in seen] == [7, 3, 5]
    assert details.ids == [7, 5] and 3 not in details and 5 in details
    assert details.names_phones([0, 1]) == (["王七", "李五"], ["13800000007", "010-66778899"])
    assert details.do_not_contact.tolist() == [False, False]
    assert details.minor.tolist() == [False, True]
    assert [st.stage for st in details.standings_at([1, 0]) if st] == ["customer", "repeat"]
