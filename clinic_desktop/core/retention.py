"""Which backups to keep: grandfather-father-son rotation (PRODUCT issue 14: 7 daily, 4 weekly, 12 monthly).

Why this shape: a clinic notices most mistakes within days (keep every recent day), some within weeks
(keep a week's last copy), and a few — a bad import found at the month's accounts — months later (keep a
month's last copy for a year). That is 23 copies at most, instead of one per close of the app forever.
A day, week or month counts only when it has a backup (like ``borg prune --keep-daily``): a PC switched
off for a fortnight does not lose its older copies to empty days.

On top of that the newest few *safety* copies — taken automatically before an import, merge, restore or
erase — are kept whatever their day, so the state just before the last risky operations can always be
brought back, even when several happened on one day.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

__all__ = ["Retention", "to_keep"]

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Retention:
    daily: int = 7
    weekly: int = 4
    monthly: int = 12
    #: newest safety copies (before import/merge/restore/erase) kept on top of the periods
    safety: int = 3


def _newest_per_period(
    ordered: list[tuple[K, datetime, bool]], count: int, period: Callable[[datetime], Hashable]
) -> set[K]:
    kept: set[K] = set()
    seen: set[Hashable] = set()
    for key, when, _safety in ordered:
        if len(seen) >= count:
            break
        slot = period(when)
        if slot not in seen:
            seen.add(slot)
            kept.add(key)
    return kept


def to_keep(backups: Iterable[tuple[K, datetime, bool]], policy: Retention = Retention()) -> set[K]:
    """The keys of ``(key, taken at, is a safety copy)`` backups to keep; the rest may be deleted.
    The newest backup is always kept."""
    ordered = sorted(backups, key=lambda b: b[1], reverse=True)
    if not ordered:
        return set()
    kept = {ordered[0][0]}
    kept |= _newest_per_period(ordered, policy.daily, lambda t: t.date())
    kept |= _newest_per_period(ordered, policy.weekly, lambda t: t.isocalendar()[:2])
    kept |= _newest_per_period(ordered, policy.monthly, lambda t: (t.year, t.month))
    kept.update([key for key, _when, safety in ordered if safety][: policy.safety])
    return kept
