"""What a demo patient bought: treatment programmes (recalls kept late or missed, root canals with their
crowns, implants, orthodontics, aesthetic courses) as (day, treatment id, amount in fen) events, then the
visit rows with coupons applied and staff assigned.
"""

from __future__ import annotations

from clinic_desktop.services.demo import names as N
from clinic_desktop.services.demo.clinic import COUPON_DAY_SHARE, GROUP_BUY, REFERRAL, Clinic

#: one line of a visit: (day index, treatment id, amount in fen)
Event = tuple[int, int, int]


def recur(
    c: Clinic,
    ev: list[Event],
    nexts: list[tuple[int, int]],
    name: str,
    day: int,
    end: int,
    interval: int,
    adherence: float,
    companion: str | None = None,
    companion_share: float = 0.0,
) -> int:
    """A treatment repeated every ``interval`` days, patients coming back late by up to ``adherence``×.

    Returns how many times it was done; the next planned day goes to ``nexts`` (it may become a
    booked appointment).
    """
    r = c.r.random
    tid = c.treatments[name]
    prices = c.prices[tid]
    np_ = len(prices)
    ctid = c.treatments[companion] if companion else 0
    cprices = c.prices[ctid] if companion else prices
    ncp = len(cprices)
    base = int(interval * 0.95)
    jitter = int(interval * adherence) + 1
    append = ev.append
    count = 0
    while day <= end:
        append((day, tid, prices[int(r() * np_)]))
        if companion and r() < companion_share:
            append((day, ctid, cprices[int(r() * ncp)]))
        count += 1
        day += base + int(r() * jitter)
        if r() < 0.08:  # skipped one altogether
            day += interval
    nexts.append((day, tid))
    return count


def one_line(c: Clinic, ev: list[Event], name: str, day: int) -> None:
    tid = c.treatments[name]
    prices = c.prices[tid]
    ev.append((day, tid, prices[int(c.r.random() * len(prices))]))


def root_canal(c: Clinic, ev: list[Event], day: int) -> int:
    """Root canal over three sessions, then a crown prepared and fitted; returns the last day."""
    r = c.r.random
    last = c.A - 1
    canal, crown = c.treatments["根管治疗"], c.treatments["牙冠修复"]
    one_line(c, ev, "根管治疗", day)
    for _ in range(2):
        day = min(day + 7 + int(r() * 8), last)
        ev.append((day, canal, 0 if r() < 0.6 else 20_000))
    day = min(day + 14 + int(r() * 21), last)
    one_line(c, ev, "牙冠修复", day)
    day = min(day + 10 + int(r() * 10), last)
    ev.append((day, crown, 0))
    return day


def repeat_visits(
    c: Clinic,
    ev: list[Event],
    nexts: list[tuple[int, int]],
    programmes: set[str],
    interest: int,
    age: int,
    start: int,
    end: int,
) -> None:
    r = c.r.random
    last = c.A - 1
    adherence = 0.05 + r() * r() * 1.2
    span = max(end - start, 1)
    years = span / 365
    if interest != 1:
        if age < 13:
            recur(c, ev, nexts, "涂氟", start, end, 180, adherence, "口腔检查", 0.8)
            if age >= 6:
                recur(c, ev, nexts, "窝沟封闭", start + int(r() * 60), min(end, start + 400), 365, 0.3)
            programmes.add("child")
        elif r() < 0.88:
            # Periodontal patients come for maintenance every three months, everyone else twice a year.
            interval = 90 if age >= 30 and r() < 0.3 else 180
            if recur(c, ev, nexts, "洁牙", start, end, interval, adherence, "口腔检查", 0.9) >= 4:
                programmes.add("cleaning")
        # Fillings: one to three teeth a session, a line each.
        for _ in range(int(years * 0.6 + r() * 1.5)):
            day = start + int(r() * span)
            for _ in range(1 + int(r() * r() * 3)):
                one_line(c, ev, "补牙", day)
        if r() < (0.65 if age >= 13 else 0.4):
            # A treatment plan worked through in the first weeks: fillings, root canals, extractions.
            day = start
            for _ in range(2 + int(r() * 6)):
                day = min(day + 7 + int(r() * 21), last)
                w = r()
                if w < 0.6:
                    for _ in range(1 + int(r() * 3)):
                        one_line(c, ev, "补牙", day)
                elif w < 0.8 and age >= 16:
                    day = root_canal(c, ev, day)
                elif w < 0.9 and age >= 16:
                    one_line(c, ev, "拔牙", day)
                    ev.append((min(day + 7, last), c.treatments["口腔检查"], 0))
                else:
                    one_line(c, ev, "补牙", day)
        if age >= 16 and r() < 0.15:
            root_canal(c, ev, start + int(r() * span))
        if age >= 16 and r() < (0.3 if age <= 35 else 0.12):
            day = start + int(r() * span)
            one_line(c, ev, "拔牙", day)
            ev.append((min(day + 7, last), c.treatments["口腔检查"], 0))
        if age >= 35 and r() < 0.2:
            # Implant: placement, stitches out, the crown months later, then yearly maintenance.
            programmes.add("implant")
            day = start + int(r() * min(span, 365))
            ev.append((day, c.treatments["口腔检查"], 0))
            for _ in range(1 + (r() < 0.35)):
                one_line(c, ev, "种植牙", day)
            ev.append((min(day + 7 + int(r() * 4), last), c.treatments["口腔检查"], 0))
            crown = min(day + 90 + int(r() * 90), last)
            one_line(c, ev, "牙冠修复", crown)
            recur(c, ev, nexts, "种植维护", crown + 365, end, 365, adherence)
        if 10 <= age <= 35 and r() < (0.45 if age < 18 else 0.18):
            programmes.add("ortho")
            day = start + int(r() * 60)
            one_line(c, ev, "正畸", day)
            finish = min(day + 540 + int(r() * 190), last)  # ortho patients see it through
            recur(c, ev, nexts, "正畸复诊", day + 30, finish, 30, 0.2)
            if finish < last - 30 and r() < 0.3:
                one_line(c, ev, "美白", finish + int(r() * 30))
        if 20 <= age <= 50 and r() < 0.1:
            recur(c, ev, nexts, "美白", start + int(r() * span), end, 365, adherence + 0.5)
    if interest != 0:
        programmes.add("aesthetic")
        chosen = 0
        if r() < 0.6:
            chosen += 1
            day = start
            while day <= end:  # a course of four to seven sessions a year
                ev.append((day, c.treatments["皮肤检测"], 0))
                recur(c, ev, nexts, "光子嫩肤", day, min(end, day + (3 + int(r() * 4)) * 33), 30, 0.3)
                day += 270 + int(r() * 150)
        if r() < 0.4:
            chosen += 1
            day = start + int(r() * 90)
            while day <= end:
                recur(c, ev, nexts, "水光针", day, min(end, day + (2 + int(r() * 3)) * 32), 30, 0.2)
                day += 270 + int(r() * 180)
        if r() < 0.35:
            chosen += 1
            recur(c, ev, nexts, "玻尿酸", start + int(r() * 60), end, 180, adherence)
        if r() < 0.4:
            chosen += 1
            recur(c, ev, nexts, "肉毒素", start + int(r() * 60), end, 120, adherence)
        if r() < 0.08:
            chosen += 1
            recur(c, ev, nexts, "热玛吉", start + int(r() * 120), end, 420, adherence)
        if not chosen:
            ev.append((start, c.treatments["皮肤检测"], 0))
            recur(c, ev, nexts, "光子嫩肤", start, min(end, start + 140), 30, 0.3)


def once_visits(
    c: Clinic, ev: list[Event], programmes: set[str], interest: int, age: int, start: int
) -> None:
    r = c.r.random
    if interest == 1 or (interest == 2 and r() < 0.5):
        programmes.add("aesthetic")
        w = r()
        name = "光子嫩肤" if w < 0.4 else ("水光针" if w < 0.65 else ("肉毒素" if w < 0.85 else "玻尿酸"))
        if r() < 0.5:
            one_line(c, ev, "皮肤检测", start)
        one_line(c, ev, name, start)
        return
    w = r()
    if age < 13:
        one_line(c, ev, "涂氟" if w < 0.7 else "窝沟封闭", start)
    else:
        name = "洁牙" if w < 0.5 else ("补牙" if w < 0.75 else ("拔牙" if w < 0.85 else "根管治疗"))
        if w > 0.93:
            name = "美白"
        one_line(c, ev, name, start)
    if r() < 0.8:
        ev.append((start, c.treatments["口腔检查"], 0))
    if r() < 0.15 and start + 30 < c.A - 1:
        ev.append((start + 7 + int(r() * 21), c.treatments["口腔检查"], 0))  # free check-up after


def visit_rows(
    c: Clinic, pid: int, ev: list[Event], source: str | None, programmes: set[str], price_sensitive: bool
) -> tuple[int, list[tuple[int, int, int]]]:
    """Append the visit lines (coupons applied, staff assigned).

    A price-sensitive patient brings a coupon on most visit days (COUPON_DAY_SHARE), anyone else now and
    then: the first paid line of such a day is discounted and names the coupon, so 价格敏感 is derived
    from the visits as PRODUCT §4.1 reads them. Returns the amount spent and the first line of each visit
    day as (day, visit id, treatment id).
    """
    r = c.r.random
    day_starts: list[tuple[int, int, int]] = []
    if not ev:
        return 0, day_starts
    # The first paid line: a group-buy voucher, or the referral programme's discount.
    first_paid, first_coupon = -1, None
    for k, (day, tid, amount) in enumerate(ev):
        if amount:
            first_paid = k
            if source in GROUP_BUY and r() < 0.6:
                first_coupon = N.COUPONS_NEW[int(r() * len(N.COUPONS_NEW))]
                ev[k] = (day, tid, amount * 8 // 1000 * 100)
                programmes.add("group_buy")
            elif source == REFERRAL and amount >= 60_000:
                first_coupon = N.COUPON_REFERRAL
                ev[k] = (day, tid, amount - 20_000)
            break
    days = c.days
    role = c.role_list
    who = (
        N.DENTISTS[int(r() * len(N.DENTISTS))],
        N.HYGIENISTS[int(r() * len(N.HYGIENISTS))],
        N.AESTHETIC_DOCTORS[int(r() * len(N.AESTHETIC_DOCTORS))],
    )
    coupons = N.COUPONS_ANY
    nc = len(coupons)
    share = COUPON_DAY_SHARE[0 if price_sensitive else 1]
    vid = c.ids["visits"]
    append = c.visit_rows.append
    starts = day_starts.append
    spend = 0
    prev = -1
    coupon_day = False
    for k, (day, tid, amount) in enumerate(ev):
        vid += 1
        coupon = None
        if day != prev:
            starts((day, vid, tid))
            prev = day
            coupon_day = k != first_paid and r() < share
        if k == first_paid:
            coupon = first_coupon
        elif coupon_day and amount >= 10_000:
            coupon = coupons[int(r() * nc)]
            amount = amount * 9 // 1000 * 100
            coupon_day = False  # one coupon a visit
        spend += amount
        append((vid, pid, days[day], tid, amount, coupon, who[role[tid]]))
    c.ids["visits"] = vid
    return spend, day_starts
