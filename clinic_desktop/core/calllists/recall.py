"""Recall due dates from the treatment catalogue (PRODUCT §2, §5.1)."""

from __future__ import annotations

from datetime import date, timedelta

from clinic_desktop.core.settings import DEFAULTS, Settings


def due_date(last_done: date, interval_days: int | None) -> date | None:
    """When the treatment should be repeated; ``None`` for treatments without a recall interval."""
    if interval_days is None or interval_days <= 0:
        return None
    return last_done + timedelta(days=interval_days)


def recall_window(as_of: date, settings: Settings = DEFAULTS) -> tuple[date, date]:
    """Inclusive range of due dates that count as "due now": overdue by ≤ N days up to due within M days."""
    return (
        as_of - timedelta(days=settings.recall_overdue_days),
        as_of + timedelta(days=settings.recall_ahead_days),
    )


def is_due(due: date | None, as_of: date, settings: Settings = DEFAULTS) -> bool:
    if due is None:
        return False
    start, end = recall_window(as_of, settings)
    return start <= due <= end


def days_overdue(due: date, as_of: date) -> int:
    """Positive when overdue, negative when due in the future."""
    return (as_of - due).days
