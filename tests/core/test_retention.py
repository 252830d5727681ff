"""Backup rotation: 7 daily, 4 weekly, 12 monthly, plus the newest safety copies — and nothing else."""

from __future__ import annotations

from datetime import datetime, timedelta

from clinic_desktop.core.retention import Retention, to_keep


def test_one_backup_a_day_for_two_years_keeps_7_daily_4_weekly_12_monthly() -> None:
    start = datetime(2025, 1, 1, 18, 0)
    days = [start + timedelta(days=i) for i in range(730)]
    kept = to_keep([(d, d, False) for d in days])
    newest = days[-1]
    daily = {d for d in days if newest - d < timedelta(days=7)}
    assert daily <= kept
    # weekly: the newest of each of the last 4 ISO weeks; monthly: the newest of each of the last 12 months
    months = {(d.year, d.month) for d in kept}
    assert len(months) == 12
    assert len(kept) <= 7 + 4 + 12
    assert min(kept) >= datetime(2026, 1, 1)  # nothing older than a year (12 months incl. this one)


def test_periods_without_backups_do_not_count() -> None:
    # a PC switched off for a month: the 7 daily copies are the last 7 days that *have* backups
    days = [datetime(2026, 1, d, 9) for d in range(1, 11)] + [datetime(2026, 3, 1, 9)]
    kept = to_keep([(d, d, False) for d in days])
    assert {datetime(2026, 1, d, 9) for d in range(5, 11)} <= kept
    assert datetime(2026, 3, 1, 9) in kept


def test_the_newest_of_a_day_is_the_one_kept_and_safety_copies_are_kept_on_top() -> None:
    day = datetime(2026, 5, 4)
    backups = [
        ("close-morning", day.replace(hour=9), False),
        ("before-import-1", day.replace(hour=10), True),
        ("before-import-2", day.replace(hour=11), True),
        ("before-merge", day.replace(hour=12), True),
        ("before-erase", day.replace(hour=13), True),
        ("close-evening", day.replace(hour=18), False),
    ]
    kept = to_keep(backups, Retention(safety=3))
    assert kept == {"close-evening", "before-erase", "before-merge", "before-import-2"}


def test_nothing_to_keep_from_nothing_and_the_newest_always_stays() -> None:
    assert to_keep([]) == set()
    only = datetime(2020, 1, 1)
    assert to_keep([("x", only, False)], Retention(daily=0, weekly=0, monthly=0, safety=0)) == {"x"}
