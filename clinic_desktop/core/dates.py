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


def birth_for_age(birth: date | None, partial: str | None) -> date | None:
    """The day a patient's age is counted from: the birth date; for a birth known only to the month or the
    year (``"1985-03"`` / ``"1985"``, PRODUCT §7.2) the last day of that month or year — the youngest the
    patient can be, so an age is never overstated (a child counts as a child until that is certain).
    Never used as a birthday: birthday lists read the birth date alone."""
    if birth is not None or not partial:
        return birth
    year = int(partial[:4])
    if len(partial) == 4:
        return date(year, 12, 31)
    month = int(partial[5:7])
    return date(year, month, calendar.monthrange(year, month)[1])
