"""A demo patient's contact log: recall, reactivation, birthday, referral, recovery, share and campaign calls
as a front desk makes them, then written as rows in time order."""

from __future__ import annotations

from datetime import date
from typing import Any

from clinic_desktop.services.demo import names as N
from clinic_desktop.services.demo.clinic import INTENT, ONCE, REPEAT, Clinic

#: a planned contact: (day index, channel, purpose, outcome, note)
Planned = tuple[int, str, str, str, str]


def by_day(item: tuple[Any, ...]) -> Any:
    return item[0]


def add_contact(c: Clinic, contacts: list[Planned], day: int, purpose: str) -> None:
    r = c.r.random
    channels, outcomes = c.contact_tables[purpose]
    notes = N.CONTACT_NOTES[purpose]
    contacts.append(
        (
            day,
            channels[int(r() * len(channels))],
            purpose,
            outcomes[int(r() * len(outcomes))],
            notes[int(r() * len(notes))],
        )
    )


def plan_contacts(
    c: Clinic,
    contacts: list[Planned],
    stage: int,
    start: int,
    end: int,
    first_day: int,
    consent: bool,
    birth: date | None,
    programmes: set[str],
    day_starts: list[tuple[int, int, int]],
) -> None:
    r = c.r.random
    last = c.A - 1
    if stage >= ONCE:
        for i in range(1, len(day_starts)):
            if r() < 0.15:  # a recall call a week or two before the patient came back
                day = day_starts[i][0] - 3 - int(r() * 14)
                if day > first_day:
                    add_contact(c, contacts, day, "recall")
        for day, _, _ in day_starts:
            if r() < 0.06:
                add_contact(c, contacts, min(day + 1 + int(r() * 3), last), "survey")
        last_visit = day_starts[-1][0] if day_starts else start
        if last_visit + 400 < last and r() < 0.5:
            for _ in range(1 + (r() < 0.4)):
                add_contact(
                    c, contacts, last_visit + 400 + int(r() * (last - last_visit - 400)), "reactivation"
                )
        if birth is not None and r() < 0.3:
            for back in (0, 1):
                year = c.as_of.year - back
                birthday = date(year, birth.month, 28 if (birth.month, birth.day) == (2, 29) else birth.day)
                if birthday > c.as_of:
                    birthday = birthday.replace(year=year - 1)
                index = birthday.toordinal() - c.origin
                if start <= index <= last and (back == 0 or r() < 0.5):
                    add_contact(c, contacts, index, "birthday")
        if "koc" in programmes and r() < 0.7:
            add_contact(c, contacts, start + int(r() * (last - start + 1)), "referral")
        elif stage == REPEAT and consent and r() < 0.06:
            add_contact(c, contacts, start + int(r() * (last - start + 1)), "referral")
        if ("ortho" in programmes or "implant" in programmes or "aesthetic" in programmes) and r() < 0.2:
            add_contact(c, contacts, start + int(r() * (last - start + 1)), "crosssell")
        if "price_sensitive" in programmes and consent and r() < 0.12:  # 分享裂变: share for a service
            add_contact(c, contacts, max(start, last - int(r() * 540)), "share")
        if r() < 0.08:  # the front desk's work of the last two weeks
            add_contact(
                c,
                contacts,
                max(first_day, last - int(r() * 14)),
                "recall" if end == last else "reactivation",
            )
    elif stage == INTENT and r() < 0.5:
        add_contact(c, contacts, min(first_day + 2 + int(r() * 19), last), "campaign")
    if consent:
        since = max(first_day, last - 730)
        for _ in range(int(r() * r() * 4)):
            add_contact(c, contacts, since + int(r() * (last - since + 1)), "campaign")
        if r() < 0.03:  # an over-eager campaign: three marketing contacts inside 90 days
            for purpose in ("campaign", "campaign", "crosssell"):
                add_contact(c, contacts, max(first_day, last - int(r() * 90)), purpose)


def add_contact_rows(c: Clinic, pid: int, contacts: list[Planned], has_phone: bool) -> str | None:
    """Append the contact rows in time order; returns when the last contact happened."""
    if not contacts:
        return None
    r = c.r.random
    contacts.sort(key=by_day)
    days = c.days
    minutes = c.minute_office
    desk = N.FRONT_DESK
    cid = c.ids["contacts"]
    append = c.contact_rows.append
    when = ""
    for day, channel, purpose, outcome, note in contacts:
        cid += 1
        if not has_phone and channel in ("phone", "sms"):
            channel = "wechat"
        staff = N.SENIOR_STAFF if purpose == "recovery" else desk[int(r() * len(desk))]
        when = f"{days[day]} {minutes[int(r() * len(minutes))]}"
        append((cid, pid, when, channel, purpose, outcome, staff, note))
    c.ids["contacts"] = cid
    return when
