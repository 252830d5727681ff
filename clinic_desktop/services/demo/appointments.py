"""A demo patient's appointments: kept, cancelled, missed, and booked ahead."""

from __future__ import annotations

from clinic_desktop.services.demo.clinic import Clinic


def add_appointments(
    c: Clinic, pid: int, first_day: int, day_starts: list[tuple[int, int, int]], nexts: list[tuple[int, int]]
) -> int:
    """Appointments behind some visit days (a few cancelled or missed first), and the next planned visit
    booked when it falls in the coming weeks; returns the no-shows."""
    r = c.r.random
    days = c.days
    slots = c.slots
    ns = len(slots)
    rows = c.appointment_rows
    aid = c.ids["appointments"]
    no_shows = 0
    for day, _, tid in day_starts:
        u = r()
        if u < 0.37:
            if u >= 0.34 and day - 14 >= first_day:
                aid += 1
                rows.append(
                    (aid, pid, f"{days[day - 3 - int(r() * 11)]} {slots[int(r() * ns)]}", tid, "no_show")
                )
                no_shows += 1
            elif u >= 0.30 and day - 7 >= first_day:
                aid += 1
                rows.append(
                    (aid, pid, f"{days[day - 1 - int(r() * 6)]} {slots[int(r() * ns)]}", tid, "cancelled")
                )
            aid += 1
            rows.append((aid, pid, f"{days[day]} {slots[int(r() * ns)]}", tid, "done"))
    if nexts:
        day, tid = min(nexts)
        if c.A <= day <= c.A + 45 and r() < 0.6:
            aid += 1
            rows.append((aid, pid, f"{days[day]} {slots[int(r() * ns)]}", tid, "booked"))
    c.ids["appointments"] = aid
    return no_shows


def add_intent_appointment(c: Clinic, pid: int, interest: int, first_day: int) -> int:
    """Someone who asked and maybe booked, but never bought; returns 1 for a no-show."""
    r = c.r.random
    if r() >= 0.45:
        return 0
    names = ("光子嫩肤", "玻尿酸", "水光针") if interest == 1 else ("洁牙", "种植牙", "正畸", "补牙", "美白")
    tid = c.treatments[names[int(r() * len(names))]]
    last = c.A - 1
    u = r()
    if u < 0.25 or first_day + 20 > last:
        day, status = c.A + int(r() * 30), "booked"
    else:
        day, status = first_day + 1 + int(r() * 19), ("cancelled" if u < 0.6 else "no_show")
    c.ids["appointments"] += 1
    slot = c.slots[int(r() * len(c.slots))]
    c.appointment_rows.append((c.ids["appointments"], pid, f"{c.days[day]} {slot}", tid, status))
    return int(status == "no_show")
