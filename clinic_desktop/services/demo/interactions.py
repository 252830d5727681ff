"""A demo patient's interactions with the clinic's channels: chats, likes, article reads, consults and
quotes — how strangers become potential and intent patients (PRODUCT §3)."""

from __future__ import annotations

from clinic_desktop.services.demo.clinic import INTENT, ONCE, POTENTIAL, STRANGER, Clinic

#: what followers from these channels mostly do
_CHANNEL_KIND = {"公众号": "article_read", "小程序": "miniprogram", "抖音": "like", "小红书": "comment"}


def add_interactions(
    c: Clinic, pid: int, stage: int, interest: int, source: str | None, first_day: int, start: int
) -> tuple[int, int, int]:
    """Chats, likes, article reads …; returns (article reads, campaigns, quotes) for tagging."""
    r = c.r.random
    last = c.A - 1
    if stage == STRANGER:
        return 0, 0, 0
    side = interest if interest < 2 else int(r() * 2)
    if stage == POTENTIAL:
        soft, consults, quotes = 1 + int(r() * r() * 8), 0, 0
    elif stage == INTENT:
        soft, consults, quotes = int(r() * 4), 1 + (r() < 0.3), int(r() < 0.5)
    else:
        soft, consults, quotes = int(r() * r() * 6), int(r() < 0.55), int(r() < 0.2)
    bias = _CHANNEL_KIND.get(source or "")
    events: list[tuple[int, str]] = []
    ask_until = max(first_day, start) if stage >= ONCE else min(first_day + 30, last)
    for kind, n in (("consult", consults), ("quote", quotes)):
        for _ in range(n):
            events.append((first_day + int(r() * (ask_until - first_day + 1)), kind))
    kinds = c.soft_kinds
    for _ in range(soft):
        kind = bias if bias and r() < 0.5 else kinds[int(r() * len(kinds))]
        events.append((first_day + int((last - first_day) * r() ** 2), kind))
    events.sort()
    details = c.details
    minutes = c.minute_any
    days = c.days
    iid = c.ids["interactions"]
    append = c.interaction_rows.append
    articles = campaigns = 0
    for day, kind in events:
        iid += 1
        pool = details[kind, side]
        append(
            (
                iid,
                pid,
                f"{days[day]} {minutes[int(r() * len(minutes))]}",
                kind,
                pool[int(r() * len(pool))],
            )
        )
        if kind == "article_read":
            articles += 1
        elif kind == "campaign":
            campaigns += 1
    c.ids["interactions"] = iid
    return articles, campaigns, quotes
