"""Calendar arithmetic the rules need (month steps clamp to the month's last day)."""

from __future__ import annotations

import calendar
import re
from datetime import date

# ASCII digits only (``\d`` would also match full-width ones); ``fullmatch`` so a trailing newline fails.
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months; 2024-02-29 − 12 months is 2023-02-28."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def parse_iso_date(text: str) -> date:
    """Strict ``YYYY-MM-DD`` (the command line's DATE); raises ValueError with a readable message.

    The shape is checked first: since Python 3.11 ``date.fromisoformat`` also accepts ``20240105`` and
    ISO week dates such as ``2024-W05-1`` (ten characters, like a real DATE).
    """
    try:
        if _ISO_DATE.fullmatch(text) is None:
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"日期格式应为 YYYY-MM-DD：{text!r}") from None


def age_on(birth: date, today: date) -> int:
    """Completed years of age on ``today``."""
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
