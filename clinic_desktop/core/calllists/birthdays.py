"""Birthdays in a window of days, solar or lunar (农历) — PRODUCT §2 (lunar flag), §5.1 birthday list.

Lunar dates come from the lunar-python library's astronomy (new moons and solar terms; see
:func:`lunar_months`), never from a hand-made table.
Rules a receptionist would expect:

- **Solar 29 February** is celebrated on 28 February in common years.
- **Lunar**: the birth date is converted to its lunar month and day once; each year the birthday is that
  lunar month and day of the current lunar year, converted back to a solar date.
- **Born in a leap month** (闰月): celebrated in the *ordinary* month of the same number every year — the
  common custom, since the leap month itself returns only every few years.
- **Born on the 30th** of a lunar month: in a year where that month has only 29 days, celebrated on the
  29th (the month's last day), so nobody's birthday silently disappears.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from math import floor

from lunar_python import LunarYear, Solar
from lunar_python.util import ShouXingUtil

#: lunar-python's tables (years outside this range cannot be converted)
LUNAR_YEARS = (1901, 2099)

_LUNAR_MONTHS_ZH = ("正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊")
_LUNAR_DAYS_ZH = (
    "初一", "初二", "初三", "初四", "初五", "初六", "初七", "初八", "初九", "初十",
    "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十",
    "廿一", "廿二", "廿三", "廿四", "廿五", "廿六", "廿七", "廿八", "廿九", "三十",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class LunarDay:
    """A lunar month (1–12; ``leap`` when born in the leap month) and day (1–30)."""

    month: int
    day: int
    leap: bool = False

    def label_zh(self) -> str:
        """E.g. ``农历闰二月初四``, ``农历冬月三十``."""
        leap = "闰" if self.leap else ""
        return f"农历{leap}{_LUNAR_MONTHS_ZH[self.month - 1]}月{_LUNAR_DAYS_ZH[self.day - 1]}"


#: ``date.toordinal()`` of the day whose Julian day number (at noon) is 0
_JD_ORDINAL_OFFSET = 1_721_425


@lru_cache(maxsize=256)
def lunar_months(cycle_year: int) -> tuple[tuple[int, int, int, int], ...]:
    """The lunar months lunar-python assigns to ``cycle_year`` (from the month before the previous winter
    solstice, 15 months): ``(lunar year, month — negative for a leap month, day count, first day as
    date.toordinal())``.

    This is ``LunarYear.compute`` without the ~30 high-precision solar terms it also works out (the
    ``qiAccurate2`` calls, 45 ms a year): months need only the new moons and the mean solar terms, both
    from lunar-python's ``ShouXingUtil``. ~5 ms a year, and a test proves it equal to ``LunarYear`` for
    every year the product handles."""
    leap_11: tuple[int, ...] = LunarYear._LunarYear__LEAP_11
    leap_12: tuple[int, ...] = LunarYear._LunarYear__LEAP_12
    jd = floor((cycle_year - 2000) * 365.2422 + 180)
    w = floor((jd - 355 + 183) / 365.2422) * 365.2422 + 355
    if ShouXingUtil.calcQi(w) > jd:
        w -= 365.2422
    jq = [float(ShouXingUtil.calcQi(w + 15.2184 * i)) for i in range(26)]
    w = ShouXingUtil.calcShuo(jq[0])
    if w > jq[0]:
        w -= 29.53
    hs = [int(ShouXingUtil.calcShuo(w + 29.5306 * i)) for i in range(16)]
    months = list(range(15))
    leap_index = 16
    if cycle_year in leap_11:
        leap_index = 13
    elif cycle_year in leap_12:
        leap_index = 14
    elif hs[13] <= jq[24]:
        i = 1
        while hs[i + 1] > jq[2 * i] and i < 13:
            i += 1
        leap_index = i
    for j in range(leap_index, 15):
        months[j] -= 1
    names = (11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
    result = []
    first_month = -1
    year = cycle_year - 1
    for i in range(15):
        # (lunar-python also special-cases two Julian-day ranges around the years 8–250; irrelevant here)
        month = names[months[i] % 12]
        if first_month == -1:
            first_month = month
        if month < first_month:
            year += 1
        first_month = month
        signed = -month if i == leap_index else month
        first_day = hs[i] + int(Solar.J2000) - _JD_ORDINAL_OFFSET
        result.append((year, signed, hs[i + 1] - hs[i], first_day))
    return tuple(result)


@lru_cache(maxsize=65536)
def lunar_of(solar: date) -> LunarDay | None:
    """The lunar month and day of a solar date (``None`` outside the supported years)."""
    if not LUNAR_YEARS[0] <= solar.year <= LUNAR_YEARS[1]:
        return None
    day = solar.toordinal()
    for _, month, count, first in lunar_months(solar.year):
        if first <= day < first + count:
            return LunarDay(abs(month), day - first + 1, month < 0)
    return None  # pragma: no cover - the 15 months always cover the solar year


@lru_cache(maxsize=8192)
def solar_of_lunar(lunar_year: int, month: int, day: int) -> date | None:
    """The solar date of ``month``/``day`` (ordinary month) in ``lunar_year``; a 30th in a 29-day month
    becomes the 29th. ``None`` outside the supported years."""
    if not LUNAR_YEARS[0] <= lunar_year <= LUNAR_YEARS[1]:
        return None
    for year, signed, count, first in lunar_months(lunar_year):
        if year == lunar_year and signed == month:
            return date.fromordinal(first + min(day, count) - 1)
    return None  # pragma: no cover


def solar_birthday_in(birth: date, year: int) -> date:
    """The solar birthday in ``year`` (29 February → 28 February in common years)."""
    try:
        return birth.replace(year=year)
    except ValueError:
        return date(year, 2, 28)


def next_birthday(birth: date, lunar: bool, start: date, days: int) -> date | None:
    """The first birthday on or after ``start`` and at most ``days`` days later, or ``None``.

    ``lunar`` uses the lunar calendar (see the module docstring); a lunar birth date outside the
    library's range falls back to the solar birthday."""
    end = start + timedelta(days=days)
    found: list[date] = []
    ld = lunar_of(birth) if lunar else None
    if ld is None:
        found = [solar_birthday_in(birth, y) for y in (start.year, start.year + 1)]
    else:
        # The window may straddle the lunar new year: look at the lunar years around it.
        for lunar_year in range(start.year - 1, end.year + 1):
            day = solar_of_lunar(lunar_year, ld.month, ld.day)
            if day is not None:
                found.append(day)
    hits = sorted(d for d in found if start <= d <= end and d > birth)
    return hits[0] if hits else None


def birthday_label_zh(birth: date, lunar: bool, on: date, as_of: date) -> str:
    """E.g. ``11月25日生日（后天）`` or ``农历十月初六生日，今年是11月25日（3天后）``."""
    diff = (on - as_of).days
    when = {0: "今天", 1: "明天", 2: "后天"}.get(diff, f"{diff}天后")
    ld = lunar_of(birth) if lunar else None
    if ld is None:
        return f"{on.month}月{on.day}日生日（{when}）"
    return f"{ld.label_zh()}生日，今年是{on.month}月{on.day}日（{when}）"
