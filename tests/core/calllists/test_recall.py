"""Recall due dates and the recall window of PRODUCT §5.1 (overdue by ≤ 60 days up to due within 14)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic_desktop.core.calllists.recall import days_overdue, due_date, is_due, recall_window
from clinic_desktop.core.settings import DEFAULTS, Settings

AS_OF = date(2025, 6, 15)


# --- due_date ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("last_done", "interval", "expected"),
    [
        (date(2025, 1, 1), 180, date(2025, 6, 30)),  # 洁牙
        (date(2025, 1, 1), 120, date(2025, 5, 1)),  # 肉毒素
        (date(2025, 1, 1), 30, date(2025, 1, 31)),  # 光子嫩肤 / 正畸复诊
        (date(2024, 3, 1), 365, date(2025, 3, 1)),  # 种植维护 across a leap day: plain days
        (date(2023, 3, 1), 365, date(2024, 2, 29)),
        (date(2024, 12, 31), 1, date(2025, 1, 1)),
    ],
)
def test_due_date_is_last_done_plus_interval_days(last_done: date, interval: int, expected: date) -> None:
    assert due_date(last_done, interval) == expected


def test_no_interval_means_no_recall() -> None:
    assert due_date(date(2025, 1, 1), None) is None


@pytest.mark.parametrize("interval", [0, -30])
def test_non_positive_interval_means_no_recall(interval: int) -> None:
    # A catalogue interval of 0 days would put the recall on the treatment day itself: treated as none.
    assert due_date(date(2025, 1, 1), interval) is None


# --- recall_window / is_due -------------------------------------------------------------------------


def test_default_window_is_60_days_overdue_to_14_days_ahead() -> None:
    assert recall_window(AS_OF) == (date(2025, 4, 16), date(2025, 6, 29))
    assert recall_window(AS_OF, DEFAULTS) == (AS_OF - timedelta(days=60), AS_OF + timedelta(days=14))


@pytest.mark.parametrize(
    ("offset", "due"),
    [
        (-61, False),  # overdue by 61 days: too late for a recall (reactivation's job)
        (-60, True),  # overdue by exactly 60 days: still due (inclusive)
        (-59, True),
        (-1, True),
        (0, True),  # due today
        (1, True),
        (13, True),
        (14, True),  # due in exactly 14 days: inclusive
        (15, False),
        (365, False),
        (-365, False),
    ],
)
def test_window_boundaries_are_inclusive(offset: int, due: bool) -> None:
    assert is_due(AS_OF + timedelta(days=offset), AS_OF) is due


def test_no_due_date_is_never_due() -> None:
    assert is_due(None, AS_OF) is False


def test_treatment_chain_cleaning_six_months_ago() -> None:
    # 洁牙 180 days: done 180 days ago is due today; done 240 days ago is 60 days overdue, still due;
    # 241 days ago is out; 166 days ago is due in 14 days; 165 days ago not yet.
    for days_ago, expected in [(180, True), (240, True), (241, False), (166, True), (165, False)]:
        assert is_due(due_date(AS_OF - timedelta(days=days_ago), 180), AS_OF) is expected, days_ago


def test_treatment_without_interval_is_never_due() -> None:
    assert is_due(due_date(AS_OF - timedelta(days=180), None), AS_OF) is False


def test_window_is_configurable() -> None:
    settings = Settings(recall_overdue_days=30, recall_ahead_days=7)
    assert recall_window(AS_OF, settings) == (AS_OF - timedelta(days=30), AS_OF + timedelta(days=7))
    assert is_due(AS_OF - timedelta(days=30), AS_OF, settings)
    assert not is_due(AS_OF - timedelta(days=31), AS_OF, settings)
    assert is_due(AS_OF + timedelta(days=7), AS_OF, settings)
    assert not is_due(AS_OF + timedelta(days=8), AS_OF, settings)


def test_zero_day_window_is_just_today() -> None:
    settings = Settings(recall_overdue_days=0, recall_ahead_days=0)
    assert recall_window(AS_OF, settings) == (AS_OF, AS_OF)
    assert is_due(AS_OF, AS_OF, settings)
    assert not is_due(AS_OF - timedelta(days=1), AS_OF, settings)
    assert not is_due(AS_OF + timedelta(days=1), AS_OF, settings)


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
    st.integers(min_value=-1000, max_value=1000),
    st.integers(min_value=0, max_value=365),
    st.integers(min_value=0, max_value=365),
)
def test_is_due_matches_days_overdue(as_of: date, offset: int, overdue: int, ahead: int) -> None:
    settings = Settings(recall_overdue_days=overdue, recall_ahead_days=ahead)
    due = as_of + timedelta(days=offset)
    assert is_due(due, as_of, settings) is (-ahead <= days_overdue(due, as_of) <= overdue)


# --- days_overdue -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("offset", "overdue"), [(-60, 60), (-1, 1), (0, 0), (14, -14)])
def test_days_overdue_is_positive_when_overdue(offset: int, overdue: int) -> None:
    assert days_overdue(AS_OF + timedelta(days=offset), AS_OF) == overdue
