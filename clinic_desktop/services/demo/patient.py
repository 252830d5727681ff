"""One demo patient's story, in the order the random draws are made: where they came from and how far
they got (stranger … repeat customer), who they are, what they bought, an opening balance from the
clinic's previous system, surveys, appointments, interactions, contacts, and the patient row with its tags.

Changing the order of the draws changes every demo after the first change: a seed's clinic is only the
same clinic while this order stays.
"""

from __future__ import annotations

from clinic_desktop.core.pinyin_keys import search_keys
from clinic_desktop.services.demo import names as N
from clinic_desktop.services.demo.appointments import add_appointments, add_intent_appointment
from clinic_desktop.services.demo.clinic import (
    ARCHIVE_FROM,
    CHANNELS,
    EXPERT,
    FRIEND,
    INTENT,
    NOVICE,
    ONCE,
    PRICE_SENSITIVE_BY_CHANNEL,
    PRICE_SENSITIVE_OTHER,
    REFERRAL,
    REPEAT,
    STRANGER,
    SYSTEM_SWITCH_DAYS,
    Clinic,
)
from clinic_desktop.services.demo.contacts import Planned, add_contact_rows, by_day, plan_contacts
from clinic_desktop.services.demo.interactions import add_interactions
from clinic_desktop.services.demo.people import (
    draw_address,
    draw_age,
    draw_birth_date,
    draw_name,
    draw_occupation,
    draw_phone,
    draw_wechat,
    pick_referrer,
)
from clinic_desktop.services.demo.surveys import add_surveys
from clinic_desktop.services.demo.tags import add_tags
from clinic_desktop.services.demo.visits import Event, once_visits, repeat_visits, visit_rows


def add_patient(c: Clinic, pid: int, first_day: int) -> None:
    r = c.r.random
    A = c.A
    last = A - 1  # the last day with history ("yesterday"); bookings may start today
    # Where they came from decides how likely they are to buy at all (PRODUCT §6, 渠道质量).
    source, _, mix = CHANNELS[c.channels[int(r() * len(c.channels))]]
    if source == REFERRAL and not c.payers:
        source, mix = FRIEND, CHANNELS[4][2]
    u = r()
    stage = STRANGER
    acc = mix[0]
    while u >= acc and stage < REPEAT:
        stage += 1
        acc += mix[stage]
    start = first_day if r() < 0.55 else min(first_day + int(r() * 45), last)
    if stage == REPEAT and last - start < 40:
        stage = ONCE
    paying = stage >= ONCE

    # Who they are.
    g = r()
    gender = None if g < 0.02 else ("F" if g < 0.64 else "M")
    age = draw_age(c, gender)
    known_years = (A - first_day) // 365
    if age < known_years + 3:  # nobody was a patient before the age of three
        age = known_years + 3 + int(r() * 4)
    age_at_start = age - (A - start) // 365
    if age_at_start < 16:
        interest = 0
    else:
        w = r()
        if gender == "F" and age_at_start <= 55:
            interest = 0 if w < 0.40 else (1 if w < 0.75 else 2)
        elif gender == "F":
            interest = 0 if w < 0.80 else (1 if w < 0.92 else 2)
        else:
            interest = 0 if w < 0.88 else (1 if w < 0.96 else 2)
    m = r()
    mood = 0 if m < 0.80 else (1 if m < 0.93 else 2)  # happy, neutral, unhappy
    # The seed's four kinds of patient (PRODUCT §4.1): how they weigh price, and what they know.
    price_sensitive = r() < PRICE_SENSITIVE_BY_CHANNEL.get(source, PRICE_SENSITIVE_OTHER)
    expert_odds = 0.3 + (0.15 if interest else 0.0) + (0.15 if source == "小红书" else 0.0)
    expert_odds += 0.1 if 25 <= age_at_start <= 45 else 0.0
    expert = r() < expert_odds
    recorded = (0.03, 0.08, 0.25, 0.55, 0.72)[stage]  # staff record what they learn at the chair
    referrer = None
    if source == REFERRAL or (source == FRIEND and r() < 0.4):
        referrer = pick_referrer(c, first_day, paying)
        if referrer is None and source == REFERRAL:
            source = FRIEND

    # What they bought.
    ev: list[Event] = []
    nexts: list[tuple[int, int]] = []
    programmes: set[str] = set()  # membership tests only; never iterated
    end = last
    if stage == REPEAT:
        v = r() + (0.2 if mood == 2 else 0.0)
        if v < 0.74 or A - start < 420:
            end = last
        elif v < 0.83 and last - 545 > start + 30:
            end = last - 365 - int(r() * 180)
        elif A - 550 > start + 60:
            end = start + 60 + int(r() * (A - 550 - start - 60))
        repeat_visits(c, ev, nexts, programmes, interest, age_at_start, start, end)
    elif stage == ONCE:
        once_visits(c, ev, programmes, interest, age_at_start, start)
    elif stage == INTENT and r() < 0.25:
        free = c.treatments["皮肤检测" if interest == 1 else "口腔检查"]
        ev.append((min(first_day + int(r() * 10), last), free, 0))
    ev.sort()
    if stage == REPEAT and not any(e[2] and e[0] != start for e in ev):
        extra = "光子嫩肤" if interest == 1 else "补牙"
        tid = c.treatments[extra]
        day = min(start + 20 + int(r() * max(end - start - 20, 1)), last)
        prices = c.prices[tid]
        ev.append((day, tid, prices[int(r() * len(prices))]))
        ev.sort()

    # An opening balance, as if the oldest history came from the clinic's previous system.
    opening: tuple[int, int, str | None] = (0, 0, None)
    cutoff = A - SYSTEM_SWITCH_DAYS
    if paying and start < cutoff and r() < 0.34:
        k = 0
        while k < len(ev) and ev[k][0] < cutoff:
            k += 1
        old_days = sorted({e[0] for e in ev[:k] if e[2]})
        if old_days:
            old_spend = sum(e[2] for e in ev[:k])
            last_old = c.days[old_days[-1]] if r() < 0.9 else None  # some imports carry no date
            opening = (len(old_days), old_spend, last_old)
            ev = ev[k:]

    spend, day_starts = visit_rows(c, pid, ev, source, programmes, price_sensitive)
    contacts: list[Planned] = []
    add_surveys(c, pid, day_starts, mood, contacts)
    no_shows = add_appointments(c, pid, first_day, day_starts, nexts)
    articles, campaigns, quotes = add_interactions(c, pid, stage, interest, source, first_day, start)
    if stage == INTENT:
        no_shows += add_intent_appointment(c, pid, interest, first_day)
    birth = draw_birth_date(c, age)
    consent = r() < (0.74 if paying else 0.48)
    # the quality-minded experts are the clinic's KOCs (seed: 很懂·在意品质 → KOC)
    koc_odds = 0.09 if expert and not price_sensitive else 0.02
    if stage == REPEAT and mood == 0 and r() < koc_odds:
        c.kocs.append([pid, start, 3 + int(r() * 6)])  # a strong KOC: 3–8 converted referrals to come
        programmes.add("koc")
    if price_sensitive:
        programmes.add("price_sensitive")
    plan_contacts(c, contacts, stage, start, end, first_day, consent, birth, programmes, day_starts)

    # Do-not-contact: the last call ended with "please don't call me again"; consent is withdrawn.
    dnc = r() < (0.025 if mood != 2 else 0.08)
    if dnc:
        consent = False
        if contacts:
            contacts.sort(key=by_day)
            day, channel, purpose, _, _ = contacts[-1]
            contacts = [x for x in contacts if x[0] < day]  # nothing after (or beside) the last call
            contacts.append((day, channel, purpose, "do_not_contact", "要求不要再联系"))
        else:
            day = min(first_day + 3 + int(r() * 60), last)
            contacts.append((day, "phone", "campaign", "do_not_contact", "要求不要再联系"))
    phone = draw_phone(c)
    last_contact = add_contact_rows(c, pid, contacts, phone is not None)
    dnc_at = last_contact if dnc else None

    if paying and mood != 2:
        c.payers.append((pid, start))
    manual_vip = False
    if stage == REPEAT and spend >= 3_000_000 and c.manual_vips < c.max_vips and r() < 0.3:
        manual_vip = True
        c.manual_vips += 1
    archived = c.n >= ARCHIVE_FROM and r() < 0.005

    name = draw_name(c, gender, age)
    keys = c.keys.get(name)
    if keys is None:
        keys = c.keys[name] = search_keys(name)
    created = f"{c.days[first_day]} {c.minute_office[int(r() * len(c.minute_office))]}"
    district, address = draw_address(c)
    note = N.NOTES[int(r() * len(N.NOTES))] if r() < 0.12 else None
    if archived:
        note = N.ARCHIVED_NOTES[int(r() * len(N.ARCHIVED_NOTES))]
    lunar = birth is not None and (r() < 0.11 if age >= 45 else r() < 0.012)
    consent_at = c.days[min(first_day + int(r() * 30), last)] if consent else None
    # A child's consent is recorded as the parent's — for most of them; the rest show the policy at work
    # (no random draw here, so every other column of a seed stays as it was).
    guardian = consent and age < 14 and pid % 3 != 0
    knowledge, knowledge_at = None, None
    if r() < recorded:
        knowledge = EXPERT if expert else NOVICE
        knowledge_at = (
            f"{c.days[min(start + int(r() * 60), last)]} {c.minute_office[int(r() * len(c.minute_office))]}"
        )
    c.patient_rows.append(
        (
            pid,
            name,
            gender,
            None if birth is None else birth.isoformat(),
            int(lunar),
            phone,
            draw_wechat(c, keys, birth) if r() < 0.45 else None,
            address,
            district,
            draw_occupation(c, age),
            source,
            referrer,
            c.days[first_day],
            note,
            int(dnc),
            dnc_at,
            int(consent),
            consent_at,
            int(guardian),
            consent_at if guardian else None,
            int(manual_vip),
            int(archived),
            opening[0],
            opening[1],
            opening[2],
            keys[0],
            keys[1],
            knowledge,
            knowledge_at,
            created,
            created,
            None,  # landline
            None,  # birth_partial
        )
    )
    activity = (articles, campaigns, quotes, no_shows)
    add_tags(c, pid, created, gender, age, stage, programmes, activity, manual_vip)
