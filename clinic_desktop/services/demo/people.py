"""Who a demo patient is: age, birth date, name, phone, WeChat id, address, occupation, and who referred
them (an earlier paying patient, preferably one of the clinic's strong advocates)."""

from __future__ import annotations

from datetime import date

from clinic_desktop.services.demo import names as N
from clinic_desktop.services.demo.clinic import Clinic

_PHONE_PREFIXES = (
    "130 131 132 133 134 135 136 137 138 139 147 150 151 152 153 155 156 157 158 159 "
    "166 173 175 176 177 178 180 181 182 183 184 185 186 187 188 189 191 198 199"
).split()
_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"


def draw_age(c: Clinic, gender: str | None) -> int:
    r = c.r.random
    u = r()
    if u < 0.09:
        return 4 + int(r() * 9)  # children, brought by their parents
    if u < 0.16:
        return 13 + int(r() * 7)
    if gender == "F" and u < 0.80:
        return 20 + int(r() * 36)  # the aesthetics clientele: women 20–55
    if u < 0.70:
        return 20 + int(r() * 36)
    if u < 0.92:
        return 56 + int(r() * 14)
    return 70 + int(r() * 11)


def draw_birth_date(c: Clinic, age: int) -> date | None:
    r = c.r.random
    if r() < 0.05:
        return None
    return date.fromordinal(c.as_of.toordinal() - int(age * 365.25) - int(r() * 364))


def draw_name(c: Clinic, gender: str | None, age: int) -> str:
    r = c.r.random
    surname = c.surnames[int(r() * len(c.surnames))]
    female = gender == "F" or (gender is None and r() < 0.5)
    one_char = r() < (0.35 if age >= 50 else 0.12)
    if female:
        pool = N.FEMALE_GIVEN_1 if one_char else N.FEMALE_GIVEN_2
    else:
        pool = N.MALE_GIVEN_1 if one_char else N.MALE_GIVEN_2
    return surname + pool[int(r() * len(pool))]


def draw_phone(c: Clinic) -> str | None:
    r = c.r.random
    if r() < 0.02:
        return None
    prefixes = _PHONE_PREFIXES
    while True:
        phone = f"{prefixes[int(r() * len(prefixes))]}{int(r() * 100_000_000):08d}"
        if phone not in c.phones:
            c.phones.add(phone)
            return phone


def draw_wechat(c: Clinic, keys: tuple[str, str], birth: date | None) -> str:
    r = c.r.random
    style = r()
    if style < 0.45:
        suffix = f"{birth.year % 100:02d}" if birth is not None else str(100 + int(r() * 900))
        return f"{keys[0]}{suffix}"
    if style < 0.75:
        return f"{keys[1]}{int(r() * 10000):04d}"
    return "wxid_" + "".join(_ALNUM[int(r() * 36)] for _ in range(10))


def draw_address(c: Clinic) -> tuple[str | None, str | None]:
    r = c.r.random
    district = c.districts[int(r() * len(c.districts))]
    if r() < 0.8:
        roads = N.ROADS[district]
        road = roads[int(r() * len(roads))]
        compound = N.COMPOUNDS[int(r() * len(N.COMPOUNDS))]
        room = f"{1 + int(r() * 18)}0{1 + int(r() * 4)}"
        return district, (
            f"{district}{road}{1 + int(r() * 399)}号{compound}{1 + int(r() * 30)}幢"
            f"{1 + int(r() * 4)}单元{room}室"
        )
    return (district if r() < 0.5 else None), None


def draw_occupation(c: Clinic, age: int) -> str | None:
    r = c.r.random
    if age < 6:
        return None
    if age < 23:
        return "学生"
    if age >= 60:
        return "退休" if r() < 0.85 else None
    if r() < 0.12:
        return None
    return c.occupations[int(r() * len(c.occupations))]


def pick_referrer(c: Clinic, first_day: int, converted: bool) -> int | None:
    """An earlier paying patient; converted referrals go preferably to the clinic's strong KOCs."""
    r = c.r.random
    kocs = c.kocs
    if converted and kocs and r() < 0.55:
        koc = kocs[int(r() * len(kocs))]
        if koc[1] < first_day:
            koc[2] -= 1
            if koc[2] == 0:
                kocs.remove(koc)
            return koc[0]
    payers = c.payers
    for _ in range(3):
        if not payers:
            return None
        pid, start = payers[int(r() * len(payers))]
        if start < first_day:
            return pid
    return None
