"""Calendar arithmetic: month steps clamp to the month's last day; the command line's DATE is strict."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic_desktop.core.dates import add_months, age_on, parse_iso_date

# Dates far enough from date.min/date.max that ±240 months never leaves the calendar.
safe_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31))
month_steps = st.integers(min_value=-240, max_value=240)


# --- add_months -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        # identity and plain steps
        (date(2025, 6, 15), 0, date(2025, 6, 15)),
        (date(2025, 6, 15), 1, date(2025, 7, 15)),
        (date(2025, 6, 15), -1, date(2025, 5, 15)),
        (date(2025, 6, 15), 12, date(2026, 6, 15)),
        (date(2025, 6, 15), -12, date(2024, 6, 15)),
        (date(2025, 6, 15), -18, date(2023, 12, 15)),
        (date(2025, 6, 15), -24, date(2023, 6, 15)),
        # year boundaries
        (date(2024, 12, 10), 1, date(2025, 1, 10)),
        (date(2025, 1, 10), -1, date(2024, 12, 10)),
        (date(2025, 1, 10), -13, date(2023, 12, 10)),
        (date(2024, 11, 30), 14, date(2026, 1, 30)),
        # month-end clamping
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2025, 5, 31), 1, date(2025, 6, 30)),
        (date(2025, 8, 31), 1, date(2025, 9, 30)),
        (date(2025, 10, 31), -1, date(2025, 9, 30)),
        (date(2025, 12, 31), -6, date(2025, 6, 30)),
        (date(2023, 3, 31), 18, date(2024, 9, 30)),
        (date(2025, 1, 30), 1, date(2025, 2, 28)),
        (date(2025, 1, 29), 1, date(2025, 2, 28)),
        (date(2025, 1, 28), 1, date(2025, 2, 28)),
        # leap years (the docstring's example, and the century rules)
        (date(2024, 2, 29), -12, date(2023, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2024, 2, 29), -48, date(2020, 2, 29)),
        (date(2024, 2, 29), 1, date(2024, 3, 29)),
        (date(2000, 1, 31), 1, date(2000, 2, 29)),  # divisible by 400: leap
        (date(1900, 1, 31), 1, date(1900, 2, 28)),  # divisible by 100 only: not leap
        (date(2100, 1, 31), 1, date(2100, 2, 28)),
        (date(2096, 2, 29), 48, date(2100, 2, 28)),
    ],
)
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


def test_add_months_clamping_does_not_stick() -> None:
    # Each step starts from the original day, so a clamp in between does not shorten later months.
    assert add_months(date(2025, 1, 31), 2) == date(2025, 3, 31)
    assert add_months(add_months(date(2025, 1, 31), 1), 1) == date(2025, 3, 28)


@given(safe_dates, month_steps)
def test_add_months_lands_in_the_right_month(day: date, months: int) -> None:
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day <= day.day
    # The day is kept unless the target month is too short, then it is that month's last day.
    if result.day != day.day:
        assert add_months(result, 0) == result
        nxt = date(result.year + (result.month == 12), result.month % 12 + 1, 1)
        assert (nxt - result).days == 1


@given(safe_dates, month_steps)
def test_add_months_round_trip_for_days_every_month_has(day: date, months: int) -> None:
    if day.day <= 28:
        assert add_months(add_months(day, months), -months) == day


@given(safe_dates, safe_dates, month_steps)
def test_add_months_is_monotone(a: date, b: date, months: int) -> None:
    lo, hi = min(a, b), max(a, b)
    assert add_months(lo, months) <= add_months(hi, months)


@given(safe_dates, st.integers(min_value=-240, max_value=239))
def test_add_months_is_monotone_in_months(day: date, months: int) -> None:
    assert add_months(day, months) < add_months(day, months + 1)


# --- parse_iso_date ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-06-15", date(2025, 6, 15)),
        ("2024-02-29", date(2024, 2, 29)),
        ("2000-02-29", date(2000, 2, 29)),
        ("1999-12-31", date(1999, 12, 31)),
        ("0001-01-01", date(1, 1, 1)),
        ("9999-12-31", date(9999, 12, 31)),
    ],
)
def test_parse_iso_date_accepts_yyyy_mm_dd(text: str, expected: date) -> None:
    assert parse_iso_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2023-02-29",  # not a leap year
        "1900-02-29",
        "2024-13-01",
        "2024-00-10",
        "2024-04-31",
        "2024-01-00",
        "2024-1-5",
        "2024-01-5",
        "24-01-05",
        "20240105",  # basic format: Python 3.11 accepts it, the CLI contract does not
        "2024/01/05",
        "2024.01.05",
        "05-01-2024",
        " 2024-01-05",
        "2024-01-05 ",
        "2024-01-05\n",
        "2024-01-05T00:00",
        "2024-01-05T00",
        "2024-W05-1",  # ISO week date, also exactly 10 characters; Python 3.11 accepts it
        "2024W051",
        "2024-005",  # ordinal date
        "２０２４-01-05",  # full-width digits
        "abcd-ef-gh",
        "+2024-01-5",
        "2024-01-05Z",
    ],
)
def test_parse_iso_date_rejects_everything_else(text: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_iso_date(text)


def test_parse_iso_date_error_names_the_input_and_hides_the_cause() -> None:
    with pytest.raises(ValueError) as info:
        parse_iso_date("2024/01/05")
    assert "'2024/01/05'" in str(info.value)
    assert info.value.__suppress_context__


@given(st.dates())
def test_parse_iso_date_round_trips_isoformat(day: date) -> None:
    assert parse_iso_date(day.isoformat()) == day


# --- age_on -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "today", "age"),
    [
        (date(1990, 6, 15), date(2025, 6, 15), 35),  # birthday today
        (date(1990, 6, 15), date(2025, 6, 14), 34),
        (date(1990, 6, 15), date(2025, 6, 16), 35),
        (date(1990, 12, 31), date(2025, 1, 1), 34),
        (date(2000, 2, 29), date(2025, 2, 28), 24),  # leap-day birthday: not yet
        (date(2000, 2, 29), date(2025, 3, 1), 25),
        (date(2000, 2, 29), date(2024, 2, 29), 24),
        (date(2025, 6, 15), date(2025, 6, 15), 0),
    ],
)
def test_age_on(birth: date, today: date, age: int) -> None:
    assert age_on(birth, today) == age
